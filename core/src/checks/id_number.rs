//! 公民身份号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male),
//! ISO 7064 MOD 11-2 check character. (CONTRACT STUB — implemented by the field-checks work.)

use chrono::NaiveDate;

use super::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A valid ID number, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdInfo {
    /// The number with a lowercase `x` upper-cased (18 chars).
    pub normalized: String,
    pub region: String,
    pub birth: NaiveDate,
    pub sex: Sex,
}

/// Check an 18-character ID number. A lowercase `x` is accepted.
pub fn check(_s: &str) -> Result<IdInfo, Problem> {
    Err(Problem::Format {
        detail: "unimplemented",
    })
}
