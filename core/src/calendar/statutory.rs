//! The statutory holidays (全体公民放假的节日) of any year 2000–2100, by the version of 《全国年节及纪念日放假办法》
//! in force that year — the days the law itself gives, before any State Council 调休 arrangement.
//!
//! | Version | In force | 元旦 | 春节 | 清明节 | 劳动节 | 端午节 | 中秋节 | 国庆节 |
//! |---|---|---|---|---|---|---|---|---|
//! | 1999 (国务院令第270号) | 2000–2007 here | 1月1日 | 初一–初三 | — | 5月1–3日 | — | — | 10月1–3日 |
//! | 2007 (国务院令第513号) | 2008–2013 | 1月1日 | 除夕–初二 | 清明当日 | 5月1日 | 五月初五 | 八月十五 | 10月1–3日 |
//! | 2013 (国务院令第644号) | 2014–2024 | 1月1日 | 初一–初三 | 清明当日 | 5月1日 | 五月初五 | 八月十五 | 10月1–3日 |
//! | 2024 (国务院令第795号) | 2025– | 1月1日 | 除夕–初三 | 清明当日 | 5月1–2日 | 五月初五 | 八月十五 | 10月1–3日 |
//!
//! (The 1999 version took effect on 1999-09-18; only 2000 and later are answered here. The 2007 version gave
//! 春节 as 除夕、初一、初二; the 2013 amendment moved it back to 初一–初三 — the 2014 notice's 春节 starts on 初一,
//! 1月31日, and leaves 除夕 a working day; the 2024 amendment added 除夕 and 5月2日.)
//!
//! Lunar dates and 清明 come from [`super::lunar`] (1900–2100). Every year 2001–2026 is checked against the
//! rest ranges the State Council published (`core/tests/statutory_reference.rs`).
//!
//! A **provisional year** (see [`super::CalendarMode::Provisional`]) is weekends plus exactly these days: no
//! 调休 make-up working day, no day added to join a weekend, and no substitute day for a holiday on a
//! weekend (the law leaves all of these to the yearly notice).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::lunar;

/// A version of 《全国年节及纪念日放假办法》.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum LawVersion {
    /// 1999-09-18 (国务院令第270号), applied here to 2000–2007.
    V1999,
    /// 2007-12-14 (国务院令第513号), in force 2008-01-01.
    V2007,
    /// 2013-12-11 (国务院令第644号), in force 2014-01-01.
    V2013,
    /// 2024-11-10 (国务院令第795号), in force 2025-01-01.
    V2024,
}

/// First and last year [`statutory_holidays`] answers for.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = lunar::LAST_YEAR;

impl LawVersion {
    /// The version in force for `year` (2000–2100).
    pub fn for_year(year: i32) -> Option<LawVersion> {
        match year {
            FIRST_YEAR..=2007 => Some(LawVersion::V1999),
            2008..=2013 => Some(LawVersion::V2007),
            2014..=2024 => Some(LawVersion::V2013),
            2025..=LAST_YEAR => Some(LawVersion::V2024),
            _ => None,
        }
    }

    /// The decree that made this version.
    pub fn decree(self) -> &'static str {
        match self {
            LawVersion::V1999 => "国务院令第270号（1999年）",
            LawVersion::V2007 => "国务院令第513号（2007年，2008年起施行）",
            LawVersion::V2013 => "国务院令第644号（2013年，2014年起施行）",
            LawVersion::V2024 => "国务院令第795号（2024年，2025年起施行）",
        }
    }
}

/// One statutory holiday: the day and the festival (one of [`super::FESTIVALS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StatutoryDay {
    pub date: crate::date::Date,
    pub festival: &'static str,
}

fn ymd(year: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, m, d)
}

/// `n` consecutive days from `first`.
fn run(first: NaiveDate, n: u64) -> impl Iterator<Item = NaiveDate> {
    (0..n).filter_map(move |i| first.checked_add_days(Days::new(i)))
}

/// Every statutory holiday of `year` by the law version in force (ascending by date), or `None` outside
/// 2000–2100. 除夕 always lies in `year` (正月初一 is never before January 21).
pub fn statutory_holidays(year: i32) -> Option<Vec<StatutoryDay>> {
    let version = LawVersion::for_year(year)?;
    let mut out: Vec<(NaiveDate, &'static str)> = vec![(ymd(year, 1, 1)?, "元旦")];
    let new_year = lunar::new_year(year)?;
    let spring: Vec<NaiveDate> = match version {
        LawVersion::V1999 | LawVersion::V2013 => run(new_year, 3).collect(),
        LawVersion::V2007 => run(lunar::chuxi(year)?, 3).collect(),
        LawVersion::V2024 => run(lunar::chuxi(year)?, 4).collect(),
    };
    out.extend(spring.into_iter().map(|d| (d, "春节")));
    let labour_days = match version {
        LawVersion::V1999 => 3,
        LawVersion::V2007 | LawVersion::V2013 => 1,
        LawVersion::V2024 => 2,
    };
    out.extend(run(ymd(year, 5, 1)?, labour_days).map(|d| (d, "劳动节")));
    if version != LawVersion::V1999 {
        out.push((lunar::qingming(year)?, "清明节"));
        out.push((lunar::duanwu(year)?, "端午节"));
        out.push((lunar::zhongqiu(year)?, "中秋节"));
    }
    out.extend(run(ymd(year, 10, 1)?, 3).map(|d| (d, "国庆节")));
    out.sort();
    // 中秋 can fall on 10月1–3日 (2001, 2020, 2031…): one day, two festivals. Both stay listed.
    Some(
        out.into_iter()
            .map(|(d, festival)| StatutoryDay {
                date: crate::date::Date(d),
                festival,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(year: i32) -> Vec<(String, &'static str)> {
        statutory_holidays(year)
            .unwrap()
            .into_iter()
            .map(|s| (s.date.to_string(), s.festival))
            .collect()
    }

    #[test]
    fn versions() {
        assert_eq!(LawVersion::for_year(1999), None);
        assert_eq!(LawVersion::for_year(2000), Some(LawVersion::V1999));
        assert_eq!(LawVersion::for_year(2008), Some(LawVersion::V2007));
        assert_eq!(LawVersion::for_year(2014), Some(LawVersion::V2013));
        assert_eq!(LawVersion::for_year(2024), Some(LawVersion::V2013));
        assert_eq!(LawVersion::for_year(2025), Some(LawVersion::V2024));
        assert_eq!(LawVersion::for_year(2101), None);
        assert!(statutory_holidays(2101).is_none());
    }

    #[test]
    fn count_per_version() {
        assert_eq!(days(2005).len(), 10);
        assert_eq!(days(2010).len(), 11);
        assert_eq!(days(2020).len(), 11);
        assert_eq!(days(2025).len(), 13);
        assert_eq!(days(2027).len(), 13);
    }

    #[test]
    fn year_2027() {
        // 2027: 除夕 02-05, 初一 02-06, 清明 04-05, 端午 06-09, 中秋 09-15.
        let want: Vec<(String, &str)> = [
            ("2027-01-01", "元旦"),
            ("2027-02-05", "春节"),
            ("2027-02-06", "春节"),
            ("2027-02-07", "春节"),
            ("2027-02-08", "春节"),
            ("2027-04-05", "清明节"),
            ("2027-05-01", "劳动节"),
            ("2027-05-02", "劳动节"),
            ("2027-06-09", "端午节"),
            ("2027-09-15", "中秋节"),
            ("2027-10-01", "国庆节"),
            ("2027-10-02", "国庆节"),
            ("2027-10-03", "国庆节"),
        ]
        .iter()
        .map(|(d, f)| (d.to_string(), *f))
        .collect();
        assert_eq!(days(2027), want);
    }

    #[test]
    fn spring_festival_by_version() {
        // 2011 (2007 version): 除夕 02-02 … 初二 02-04. 2014 (2013 version): 初一 01-31 … 初三 02-02.
        let spring = |y| {
            days(y)
                .into_iter()
                .filter(|(_, f)| *f == "春节")
                .map(|(d, _)| d)
                .collect::<Vec<_>>()
        };
        assert_eq!(spring(2011), ["2011-02-02", "2011-02-03", "2011-02-04"]);
        assert_eq!(spring(2014), ["2014-01-31", "2014-02-01", "2014-02-02"]);
        assert_eq!(
            spring(2026),
            ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"]
        );
    }

    #[test]
    fn mid_autumn_on_national_day() {
        let d = days(2020);
        assert!(d.contains(&("2020-10-01".into(), "中秋节")));
        assert!(d.contains(&("2020-10-01".into(), "国庆节")));
    }
}
