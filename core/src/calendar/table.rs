//! Per-year precomputed tables: what kind of day each day is, the working days in order, and prefix counts.
//!
//! Built once when a year file is loaded, so every query is a few array lookups (no day-by-day loops).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::format::YearFile;

/// What a day is, by the loaded notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A rest day named by the notice (放假), under the festival item that names it.
    Holiday { festival: String },
    /// A Saturday or Sunday worked in exchange (调休上班), under the festival item that names it.
    MakeupWorkday { festival: String },
}

impl DayKind {
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday { .. })
    }
}

/// Day class stored per ordinal: 0 workday, 1 weekend, 2+2k holiday of festival k, 3+2k make-up of festival k.
type Class = u8;

#[derive(Debug, Clone)]
pub(crate) struct YearTable {
    pub(crate) file: YearFile,
    /// `prefix[i]` = number of working days among ordinals `0..i` (length = days in year + 1).
    pub(crate) prefix: Vec<u16>,
    /// 0-based ordinals of the working days, ascending.
    pub(crate) work: Vec<u16>,
    class: Vec<Class>,
}

impl YearTable {
    /// Build from a validated file (validation guarantees every listed date lies in `file.year`).
    pub(crate) fn build(file: YearFile) -> Option<YearTable> {
        let year = file.year;
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let len = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
            366usize
        } else {
            365
        };
        let mut class: Vec<Class> = (0..len)
            .map(|i| {
                let wd = jan1.weekday().num_days_from_monday() as usize;
                if (wd + i) % 7 >= 5 {
                    1
                } else {
                    0
                }
            })
            .collect();
        for (k, fest) in file.festivals.iter().enumerate() {
            let k = u8::try_from(k).ok()?.checked_mul(2)?;
            let from = fest.rest.from.ordinal0() as usize;
            let to = fest.rest.to.ordinal0() as usize;
            for c in class.get_mut(from..=to)? {
                *c = 2u8.checked_add(k)?;
            }
            for m in &fest.makeup_workdays {
                *class.get_mut(m.ordinal0() as usize)? = 3u8.checked_add(k)?;
            }
        }
        let mut prefix = Vec::with_capacity(len + 1);
        let mut work = Vec::with_capacity(len);
        prefix.push(0u16);
        for (i, c) in class.iter().enumerate() {
            let working = is_working_class(*c);
            if working {
                work.push(i as u16);
            }
            prefix.push(work.len() as u16);
        }
        Some(YearTable {
            file,
            prefix,
            work,
            class,
        })
    }

    pub(crate) fn year(&self) -> i32 {
        self.file.year
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
            self.file
                .festivals
                .get(usize::from((c - 2) / 2))
                .map(|f| f.name.clone())
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
