//! Administrative division codes (GB/T 2260): the current Shanxi list (11 cities, 117 county-level units)
//! with codes abolished since 2018 marked historical, and the national set of codes (current and
//! historical) used to check the region prefix of ID numbers. Data: `rules/divisions/`.
//! (CONTRACT STUB — implemented by the field-checks work.)

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Current,
    Historical,
}

/// One county-level (or city/province-level) division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub name: String,
    /// Full name with the city (and province), e.g. "山西省太原市小店区".
    pub full_name: String,
    pub status: Status,
    /// For a historical code: the current code(s) it was merged into.
    pub successors: Vec<String>,
}

/// What a 6-digit code is as an 安置地 (place of resettlement in Shanxi).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShanxiPlace {
    /// A current Shanxi county-level unit.
    Current(Division),
    /// A Shanxi county-level code abolished since 2018.
    Historical(Division),
    /// A Shanxi city or province code, not county-level.
    NotCountyLevel,
    /// A well-formed code outside Shanxi.
    OutsideShanxi,
    /// Not 6 ASCII digits, or not a known code.
    Unknown,
}

pub fn shanxi_place(_code: &str) -> ShanxiPlace {
    ShanxiPlace::Unknown
}

/// Any division code, current or historical, anywhere in China (for ID-number region prefixes).
pub fn lookup(_code: &str) -> Option<Division> {
    None
}

/// The current Shanxi county-level units, in code order.
pub fn shanxi_counties() -> Vec<Division> {
    Vec::new()
}
