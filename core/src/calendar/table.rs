//! Per-year precomputed tables: what kind of day each day is, the working days in order, and prefix counts.
//!
//! Built once when the calendar is loaded, so every query is a few array lookups (no day-by-day loops).
//! A year's table takes the days its own file names in that year plus the days the *next* year's file names in
//! that year's December (a notice's 元旦 arrangement can start in the previous December — see
//! `rules/calendar/README.md`).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::format::YearFile;

/// What a day is, by the loaded notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A rest day named by a notice (放假), under the festival item that names it.
    Holiday { festival: String },
    /// A Saturday or Sunday worked in exchange (调休上班), under the festival item that names it.
    MakeupWorkday { festival: String },
}

impl DayKind {
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday { .. })
    }
}

/// One day a notice names: where it is listed (for conflict messages) and what it is.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) date: NaiveDate,
    pub(crate) makeup: bool,
    pub(crate) festival: String,
    /// File name and JSON Pointer that list the day.
    pub(crate) file: String,
    pub(crate) pointer: String,
}

/// Every day `file` names, in whatever year it lies.
pub(crate) fn entries(name: &str, file: &YearFile) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, fest) in file.festivals.iter().enumerate() {
        let mut d = fest.rest.from.0;
        while d <= fest.rest.to.0 {
            out.push(Entry {
                date: d,
                makeup: false,
                festival: fest.name.clone(),
                file: name.to_string(),
                pointer: format!("/festivals/{i}/rest"),
            });
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        for (j, m) in fest.makeup_workdays.iter().enumerate() {
            out.push(Entry {
                date: m.0,
                makeup: true,
                festival: fest.name.clone(),
                file: name.to_string(),
                pointer: format!("/festivals/{i}/makeup_workdays/{j}"),
            });
        }
    }
    out
}

/// Day class stored per ordinal: 0 workday, 1 weekend, 2+2k holiday of name k, 3+2k make-up of name k.
type Class = u16;

#[derive(Debug, Clone)]
pub(crate) struct YearTable {
    year: i32,
    /// The loaded notice; `None` for a provisional year (statutory holidays and weekends only).
    pub(crate) file: Option<YearFile>,
    /// `prefix[i]` = number of working days among ordinals `0..i` (length = days in year + 1).
    pub(crate) prefix: Vec<u16>,
    /// 0-based ordinals of the working days, ascending.
    pub(crate) work: Vec<u16>,
    class: Vec<Class>,
    names: Vec<String>,
}

impl YearTable {
    /// Build from a validated file and the entries (from any file) that lie in its year.
    pub(crate) fn build(file: YearFile, entries: &[&Entry]) -> Option<YearTable> {
        Self::build_year(file.year, Some(file), entries)
    }

    /// A provisional year: weekends and the statutory holidays of `year` (no 调休), or `None` when the statutory
    /// holidays are not known for it (outside 2000–2100).
    pub(crate) fn provisional(year: i32) -> Option<YearTable> {
        let days = super::statutory::statutory_holidays(year)?;
        // One entry a day; a day of two festivals (中秋 on 10月1–3日) is named by both, as a notice would.
        let mut entries: Vec<Entry> = Vec::with_capacity(days.len());
        for s in days {
            match entries.iter_mut().find(|e| e.date == s.date.0) {
                Some(e) => {
                    e.festival.push('、');
                    e.festival.push_str(s.festival);
                }
                None => entries.push(Entry {
                    date: s.date.0,
                    makeup: false,
                    festival: s.festival.to_string(),
                    file: String::new(),
                    pointer: String::new(),
                }),
            }
        }
        let refs: Vec<&Entry> = entries.iter().collect();
        Self::build_year(year, None, &refs)
    }

    fn build_year(year: i32, file: Option<YearFile>, entries: &[&Entry]) -> Option<YearTable> {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let len = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
            366usize
        } else {
            365
        };
        let wd = jan1.weekday().num_days_from_monday() as usize;
        let mut class: Vec<Class> = (0..len)
            .map(|i| if (wd + i) % 7 >= 5 { 1 } else { 0 })
            .collect();
        let mut names: Vec<String> = Vec::new();
        for e in entries {
            if e.date.year() != year {
                continue;
            }
            let k = match names.iter().position(|n| *n == e.festival) {
                Some(k) => k,
                None => {
                    names.push(e.festival.clone());
                    names.len() - 1
                }
            };
            let k = Class::try_from(k).ok()?.checked_mul(2)?;
            *class.get_mut(e.date.ordinal0() as usize)? =
                k.checked_add(if e.makeup { 3 } else { 2 })?;
        }
        let mut prefix = Vec::with_capacity(len + 1);
        let mut work = Vec::with_capacity(len);
        prefix.push(0u16);
        for (i, c) in class.iter().enumerate() {
            if is_working_class(*c) {
                work.push(i as u16);
            }
            prefix.push(work.len() as u16);
        }
        Some(YearTable {
            year,
            file,
            prefix,
            work,
            class,
            names,
        })
    }

    pub(crate) fn year(&self) -> i32 {
        self.year
    }

    /// Whether this is a provisional year (no loaded notice).
    pub(crate) fn is_provisional(&self) -> bool {
        self.file.is_none()
    }

    /// Working days in the whole year.
    pub(crate) fn total(&self) -> u32 {
        self.work.len() as u32
    }

    /// Working days on or before ordinal `o` (0-based).
    #[inline]
    pub(crate) fn upto(&self, o: usize) -> u32 {
        u32::from(self.prefix.get(o + 1).copied().unwrap_or(0))
    }

    #[inline]
    pub(crate) fn is_working(&self, o: usize) -> bool {
        self.class.get(o).copied().is_some_and(is_working_class)
    }

    pub(crate) fn kind(&self, o: usize) -> DayKind {
        let c = self.class.get(o).copied().unwrap_or(0);
        let festival = || {
            self.names
                .get(usize::from(c.saturating_sub(2) / 2))
                .cloned()
                .unwrap_or_default()
        };
        match c {
            0 => DayKind::Workday,
            1 => DayKind::Weekend,
            c if c % 2 == 0 => DayKind::Holiday {
                festival: festival(),
            },
            _ => DayKind::MakeupWorkday {
                festival: festival(),
            },
        }
    }
}

#[inline]
fn is_working_class(c: Class) -> bool {
    c == 0 || (c >= 3 && c % 2 == 1)
}
