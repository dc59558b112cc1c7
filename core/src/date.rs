//! Strict `YYYY-MM-DD` dates, the only date format tuiyi reads or writes.
//!
//! `chrono`'s own parser is lenient (it takes `2024-9-1`, a leading `+`, …). Government data is not, so
//! every date that enters tuiyi goes through [`parse_date`]: exactly ten ASCII characters, a real day.
//! Full-width digits (`２０２４－０９－３０`) are refused with a message that shows the half-width value.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Contains full-width characters; carries the half-width spelling to use instead.
    FullWidth(String),
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Well-formed but not a day of the calendar (e.g. `2025-02-29`).
    NoSuchDay,
}

impl DateError {
    pub fn code(&self) -> &'static str {
        match self {
            DateError::FullWidth(_) => "date_full_width",
            DateError::Format => "date_format",
            DateError::NoSuchDay => "date_no_such_day",
        }
    }
    /// (Chinese, English) messages about `value`.
    pub fn messages(&self, value: &str) -> (String, String) {
        let shown = crate::mask::truncate_for_message(value);
        match self {
            DateError::FullWidth(half) => (
                format!("日期“{shown}”含全角字符，请改为半角：{half}"),
                format!(
                    "date \"{shown}\" contains full-width characters; write it half-width: {half}"
                ),
            ),
            DateError::Format => (
                format!("日期“{shown}”格式错误，应为 YYYY-MM-DD（如 2024-09-30）"),
                format!("date \"{shown}\" is malformed; expected YYYY-MM-DD (e.g. 2024-09-30)"),
            ),
            DateError::NoSuchDay => (
                format!("日期“{shown}”不存在"),
                format!("date \"{shown}\" does not exist"),
            ),
        }
    }
}

/// Map full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space to half-width.
/// Returns `Cow::Borrowed` when nothing changes.
pub fn to_half_width(s: &str) -> Cow<'_, str> {
    // Full-width characters are not ASCII: most values are answered by the word-at-a-time ASCII test.
    if s.is_ascii() || s.chars().all(|c| !is_full_width(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect(),
    )
}

/// A full-width form of a printable ASCII character (or the ideographic space).
pub fn is_full_width(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
}

/// Parse exactly `YYYY-MM-DD` (ASCII digits, real day, years 1000–9999).
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let (y, m, d) = ymd(s)?;
    // `ymd` has checked the day against the calendar: chrono agrees (`ymd_is_chrono`).
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::NoSuchDay)
}

/// [`parse_date`]'s answer without the date: `Ok` exactly when it parses (the walk's check of a date field,
/// which keeps nothing of it).
#[inline]
pub fn check_date(s: &str) -> Result<(), DateError> {
    ymd(s).map(|_| ())
}

/// The year, month and day of a `YYYY-MM-DD` text, checked as [`parse_date`] checks them: ten bytes, dashes
/// at 4 and 7, ASCII digits elsewhere (read as one word: each byte minus `'0'` must stay below 10), a year
/// from 1000, a month and a day of the Gregorian calendar.
fn ymd(s: &str) -> Result<(u32, u32, u32), DateError> {
    let b = s.as_bytes();
    let Some(w) = b.first_chunk::<10>().filter(|_| b.len() == 10) else {
        return Err(not_a_date(s));
    };
    if w[4] != b'-' || w[7] != b'-' {
        return Err(not_a_date(s));
    }
    let digit = |i: usize| u32::from(w[i].wrapping_sub(b'0'));
    let ds = [
        digit(0),
        digit(1),
        digit(2),
        digit(3),
        digit(5),
        digit(6),
        digit(8),
        digit(9),
    ];
    if ds.iter().any(|&d| d > 9) {
        return Err(DateError::Format);
    }
    let y = ds[0] * 1000 + ds[1] * 100 + ds[2] * 10 + ds[3];
    let (m, d) = (ds[4] * 10 + ds[5], ds[6] * 10 + ds[7]);
    if y < 1000 {
        return Err(DateError::Format);
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if d == 0 || d > days {
        return Err(DateError::NoSuchDay);
    }
    Ok((y, m, d))
}

/// The error of a text that is not ten bytes with dashes at 4 and 7: its half-width spelling when that is a
/// date (full-width digits), else a wrong format.
#[cold]
fn not_a_date(s: &str) -> DateError {
    if let Cow::Owned(h) = to_half_width(s) {
        if parse_date(&h).is_ok() {
            return DateError::FullWidth(h);
        }
    }
    DateError::Format
}

/// Format as `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let Ok(y @ 0..=9999) = u32::try_from(y) else {
        return format!("{y:04}-{m:02}-{day:02}");
    };
    // Years 0–9999 (every date a form or a notice holds) digit by digit: `format!` with padding cost a
    // finding about a date some 800 instructions.
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let mut s = String::with_capacity(10);
    for c in [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ] {
        s.push(c);
    }
    s
}

/// A calendar date that (de)serializes as a strict `YYYY-MM-DD` string. Use it in every serde type.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(y, m, d).map(Date)
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}

impl From<Date> for NaiveDate {
    fn from(d: Date) -> Self {
        d.0
    }
}

impl std::ops::Deref for Date {
    type Target = NaiveDate;
    fn deref(&self) -> &NaiveDate {
        &self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_date(self.0))
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_date(self.0))
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, DateError> {
        parse_date(s).map(Date)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(self.0))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                // Inputs reach serde only after the structural reader (crate::strict) has checked every
                // date, with its own codes; this error is for direct serde users and is never parsed.
                parse_date(v)
                    .map(Date)
                    .map_err(|e| E::custom(format!("{}: not a date YYYY-MM-DD", e.code())))
            }
        }
        d.deserialize_str(V)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "title": "日期",
            "description": "公历日期，格式 YYYY-MM-DD（半角数字）。A calendar date, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parse_date` as first written (chrono checking the day), the oracle of `ymd`.
    fn parse_date_by_chrono(s: &str) -> Result<NaiveDate, DateError> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            if let Cow::Owned(h) = to_half_width(s) {
                if parse_date_by_chrono(&h).is_ok() {
                    return Err(DateError::FullWidth(h));
                }
            }
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |v, &c| {
                c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0'))
            })
        };
        match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) if y >= 1000 => {
                NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::NoSuchDay)
            }
            _ => Err(DateError::Format),
        }
    }

    /// Every month and day (zero and one past the ends among them) of the years where leap rules differ.
    #[test]
    fn ymd_is_chrono_around_leap_years() {
        for y in [
            999, 1000, 1600, 1700, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999,
        ] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let s = format!("{y:04}-{m:02}-{d:02}");
                    assert_eq!(parse_date(&s), parse_date_by_chrono(&s), "{s}");
                    assert_eq!(
                        check_date(&s).is_ok(),
                        parse_date_by_chrono(&s).is_ok(),
                        "{s}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Every year, month and day written as a date (months and days one past the ends and zero among
        /// them): read as chrono reads it.
        #[test]
        fn ymd_is_chrono(y in 0u32..10_000, m in 0u32..14, d in 0u32..33) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            let expected = parse_date_by_chrono(&s);
            proptest::prop_assert_eq!(check_date(&s).is_ok(), expected.is_ok());
            proptest::prop_assert_eq!(parse_date(&s), expected);
        }

        /// Ten ASCII characters with the dashes in place: digits, and the characters on either side of the
        /// digits' range, anywhere.
        #[test]
        fn shaped_texts_read_as_first_written(
            s in "[0-9*+,./:;<=>?a]{4}-[0-9*+,./:;<=>?]{2}-[0-9*+,./:;<=>?]{2}|[ -~]{4}-[ -~]{2}-[ -~]{2}|[ -~]{10}"
        ) {
            let expected = parse_date_by_chrono(&s);
            proptest::prop_assert_eq!(check_date(&s), expected.clone().map(|_| ()));
            proptest::prop_assert_eq!(parse_date(&s), expected);
        }

        /// Texts of date characters, full-width ones and others: the same answer and the same error.
        #[test]
        fn parse_date_is_the_first_one(s in "[0-9０-９:/+ \\-－.a]{0,12}") {
            let expected = parse_date_by_chrono(&s);
            proptest::prop_assert_eq!(check_date(&s), expected.clone().map(|_| ()));
            proptest::prop_assert_eq!(parse_date(&s), expected);
        }
    }

    proptest::proptest! {
        /// `format_date` writes every date as `format!` with padding does: years 0–9999 digit by digit,
        /// others (negative, five digits) through `format!`.
        #[test]
        fn format_date_is_padded_format(days in -4_000_000i32..4_000_000) {
            if let Some(d) = NaiveDate::from_num_days_from_ce_opt(days) {
                let expected = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
                proptest::prop_assert_eq!(format_date(d), expected);
            }
        }
    }

    #[test]
    fn strict_format() {
        assert_eq!(
            parse_date("2024-09-30"),
            Ok(NaiveDate::from_ymd_opt(2024, 9, 30).unwrap())
        );
        assert_eq!(parse_date("2024-9-30"), Err(DateError::Format));
        assert_eq!(parse_date("+2024-09-30"), Err(DateError::Format));
        assert_eq!(parse_date("2024/09/30"), Err(DateError::Format));
        assert_eq!(parse_date("2025-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date(""), Err(DateError::Format));
        assert_eq!(
            parse_date("２０２４－０９－３０"),
            Err(DateError::FullWidth("2024-09-30".into()))
        );
    }

    #[test]
    fn serde_round_trip() {
        let d: Date = serde_json::from_str("\"2024-02-29\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-02-29\"");
        assert!(serde_json::from_str::<Date>("20240229").is_err());
    }
}
