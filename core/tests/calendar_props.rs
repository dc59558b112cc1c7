//! Property tests of the working-day calendar over the embedded years (2024–2026).

#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use tuiyi_core::calendar::statutory_holidays;
use tuiyi_core::{Calendar, CalendarMode, ErrorKind};

const P: CalendarMode = CalendarMode::Provisional;

fn cal() -> &'static Calendar {
    static CAL: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CAL.get_or_init(|| Calendar::embedded().expect("embedded calendar"))
}

fn first() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}
fn last() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
}

/// Any day of 2024–2026.
fn covered_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..1096).prop_map(|o| first() + Days::new(o))
}

/// Any day of 1990–2060 (mostly outside the coverage).
fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..(71 * 366)).prop_map(|o| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(o))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn add_is_a_working_day_after_d(d in covered_day(), n in 1u32..300) {
        match cal().add_working_days(d, n) {
            Ok(r) => {
                prop_assert!(r > d);
                prop_assert!(r <= last());
                prop_assert!(cal().is_working_day(r).unwrap());
                prop_assert_eq!(cal().working_days_between(d, r).unwrap(), i64::from(n));
                prop_assert_eq!(cal().working_days_between(r, d).unwrap(), -i64::from(n));
                // Exactly one working day short of r: the (n-1)-th, or d itself for n = 1.
                let before = r.pred_opt().unwrap();
                prop_assert_eq!(cal().working_days_between(d, before).unwrap(), i64::from(n) - 1);
            }
            Err(e) => {
                // Only refusal: the result would lie past 2026.
                prop_assert_eq!(e.kind, ErrorKind::CalendarCoverage);
                prop_assert_eq!(e.path.as_str(), "");
                prop_assert!(cal().working_days_between(d, last()).unwrap() < i64::from(n));
            }
        }
    }

    #[test]
    fn add_is_monotonic_in_n(d in covered_day(), n in 1u32..200, k in 1u32..50) {
        if let (Ok(a), Ok(b)) = (cal().add_working_days(d, n), cal().add_working_days(d, n + k)) {
            prop_assert!(a < b);
            prop_assert_eq!(cal().add_working_days(a, k).unwrap(), b);
        }
    }

    #[test]
    fn between_is_additive(a in covered_day(), b in covered_day(), c in covered_day()) {
        let ab = cal().working_days_between(a, b).unwrap();
        let bc = cal().working_days_between(b, c).unwrap();
        let ac = cal().working_days_between(a, c).unwrap();
        prop_assert_eq!(ab + bc, ac);
        prop_assert!(ab.abs() <= (b - a).num_days().abs());
    }

    #[test]
    fn between_round_trips_with_add(a in covered_day(), b in covered_day()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let n = cal().working_days_between(lo, hi).unwrap();
        if n > 0 {
            let r = cal().add_working_days(lo, u32::try_from(n).unwrap()).unwrap();
            // r is the last working day on or before hi.
            prop_assert!(r <= hi);
            prop_assert_eq!(cal().working_days_between(r, hi).unwrap(), 0);
        }
    }

    #[test]
    fn period_end_properties(start in covered_day(), days in 1u32..400) {
        match cal().period_end(start, days) {
            Ok(p) => {
                prop_assert_eq!(p.raw_end.0, start + Days::new(u64::from(days)));
                prop_assert!(p.end >= p.raw_end);
                prop_assert!(cal().is_working_day(p.end.0).unwrap());
                prop_assert_eq!(p.extended, p.end != p.raw_end);
                if cal().is_working_day(p.raw_end.0).unwrap() {
                    prop_assert_eq!(p.end, p.raw_end);
                } else {
                    // The first working day after the raw end.
                    prop_assert_eq!(p.end.0, cal().add_working_days(p.raw_end.0, 1).unwrap());
                }
            }
            Err(e) => {
                prop_assert_eq!(e.kind, ErrorKind::CalendarCoverage);
                prop_assert_eq!(e.path.as_str(), "");
            }
        }
    }

    #[test]
    fn refusals_outside_coverage(d in any_day(), n in 1u32..100, days in 1u32..100) {
        let covered = (2024..=2026).contains(&d.year());
        let w = cal().is_working_day(d);
        prop_assert_eq!(w.is_ok(), covered);
        if let Err(e) = w {
            prop_assert_eq!(e.kind, ErrorKind::CalendarCoverage);
            prop_assert_eq!(e.code.as_str(), "calendar_year_not_covered");
            prop_assert_eq!(e.path.as_str(), "/date");
            prop_assert!(e.message.contains(&d.year().to_string()));
        }
        if !covered {
            prop_assert_eq!(cal().add_working_days(d, n).unwrap_err().path, "/date");
            prop_assert_eq!(cal().period_end(d, days).unwrap_err().path, "/start");
            prop_assert_eq!(cal().working_days_between(d, first()).unwrap_err().path, "/a");
            prop_assert_eq!(cal().working_days_between(first(), d).unwrap_err().path, "/b");
        }
    }

    #[test]
    fn from_sources_never_panics(text in ".{0,300}") {
        let _ = Calendar::from_sources(&[("2027.json", &text)]);
    }

    #[test]
    fn random_year_files_load_or_refuse(
        y in 2020i32..2030,
        fests in proptest::collection::vec(
            (0u64..400, 0u64..6, proptest::collection::vec(0u64..400, 0..2)),
            7,
        ),
    ) {
        // Days from Dec 1 of the year before (a notice may start there) to past the year's end.
        let jan1 = NaiveDate::from_ymd_opt(y - 1, 12, 1).unwrap();
        let day = |o: u64| (jan1 + Days::new(o)).format("%Y-%m-%d").to_string();
        let names = tuiyi_core::calendar::FESTIVALS;
        let items: Vec<String> = fests
            .iter()
            .enumerate()
            .map(|(i, (from, len, mk))| {
                let mk: Vec<String> = mk.iter().map(|o| format!("\"{}\"", day(*o))).collect();
                format!(
                    r#"{{"name": "{}", "rest": {{"from": "{}", "to": "{}"}}, "makeup_workdays": [{}]}}"#,
                    names[i],
                    day(*from),
                    day(from + len),
                    mk.join(", ")
                )
            })
            .collect();
        let text = format!(
            r#"{{"year": {y}, "notice": {{"title": "国务院办公厅关于{y}年部分节假日安排的通知", "number": "国办发明电〔{p}〕1号", "issued": "{p}-12-01"}}, "festivals": [{}]}}"#,
            items.join(", "),
            p = y - 1
        );
        let name = format!("{y}.json");
        match Calendar::from_sources(&[(name.as_str(), text.as_str())]) {
            Ok(c) => {
                prop_assert_eq!(c.years(), vec![y]);
                let f = c.year_file(y).unwrap().clone();
                for fest in &f.festivals {
                    let mut d = fest.rest.from.0;
                    while d <= fest.rest.to.0 {
                        // Days of the previous December are not covered by this file alone.
                        prop_assert_eq!(c.is_working_day(d).ok(), (d.year() == y).then_some(false));
                        d = d.succ_opt().unwrap();
                    }
                    for m in &fest.makeup_workdays {
                        prop_assert_eq!(c.is_working_day(m.0).ok(), (m.year() == y).then_some(true));
                    }
                }
            }
            Err(e) => {
                prop_assert_eq!(e.kind, ErrorKind::RulePack);
                prop_assert!(e.message.contains(&name));
            }
        }
    }

    // ---- Provisional years (2027–2031 after the embedded 2024–2026) ----

    #[test]
    fn provisional_add_and_between_round_trip(d in provisional_range_day(), n in 1u32..400) {
        match cal().add_working_days_with(d, n, P) {
            Ok(r) => {
                prop_assert!(r.value > d);
                prop_assert!(cal().is_working_day_with(r.value, P).unwrap().value);
                let b = cal().working_days_between_with(d, r.value, P).unwrap();
                prop_assert_eq!(b.value, i64::from(n));
                prop_assert_eq!(cal().working_days_between_with(r.value, d, P).unwrap().value, -i64::from(n));
                // Provisional years: exactly those after 2026 from d's year to the result's.
                let want: Vec<i32> = (d.year()..=r.value.year()).filter(|y| *y > 2026).collect();
                prop_assert_eq!(&r.provisional_years, &want);
                prop_assert_eq!(&b.provisional_years, &want);
                // Where nothing provisional was read, the answer is the refusing calendar's.
                if want.is_empty() {
                    prop_assert_eq!(cal().add_working_days(d, n).unwrap(), r.value);
                } else {
                    prop_assert!(cal().add_working_days(d, n).is_err());
                }
            }
            Err(e) => {
                prop_assert_eq!(e.kind, ErrorKind::CalendarCoverage);
                prop_assert_eq!(e.code.as_str(), "calendar_year_beyond_horizon");
                prop_assert_eq!(e.path.as_str(), if d.year() > 2031 { "/date" } else { "" });
            }
        }
    }

    #[test]
    fn provisional_years_have_no_tiaoxiu(o in 0u64..(5 * 366)) {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() + Days::new(o);
        if d.year() <= 2031 {
            let w = cal().is_working_day_with(d, P).unwrap();
            prop_assert_eq!(&w.provisional_years, &vec![d.year()]);
            let weekend = d.weekday().num_days_from_monday() >= 5;
            let statutory = statutory_holidays(d.year()).unwrap().iter().any(|s| s.date.0 == d);
            // A weekend is never worked (no 调休); a weekday rests exactly on a statutory day.
            prop_assert_eq!(w.value, !weekend && !statutory);
        }
    }

    #[test]
    fn provisional_period_end(start in provisional_range_day(), days in 1u32..400) {
        if let Ok(p) = cal().period_end_with(start, days, P) {
            let p_end = p.value.end.0;
            prop_assert_eq!(p.value.raw_end.0, start + Days::new(u64::from(days)));
            prop_assert!(cal().is_working_day_with(p_end, P).unwrap().value);
            if !cal().is_working_day_with(p.value.raw_end.0, P).unwrap().value {
                prop_assert_eq!(p_end, cal().add_working_days_with(p.value.raw_end.0, 1, P).unwrap().value);
            }
            prop_assert_eq!(p.is_provisional(), p_end.year() > 2026);
        }
    }

    #[test]
    fn refuse_mode_is_the_plain_calendar(d in any_day(), e in any_day(), n in 1u32..100) {
        let r = CalendarMode::Refuse;
        prop_assert!(same(cal().is_working_day(d), cal().is_working_day_with(d, r).map(|a| a.value)));
        prop_assert!(same(cal().add_working_days(d, n), cal().add_working_days_with(d, n, r).map(|a| a.value)));
        prop_assert!(same(
            cal().working_days_between(d, e),
            cal().working_days_between_with(d, e, r).map(|a| a.value)
        ));
        prop_assert!(same(cal().period_end(d, n), cal().period_end_with(d, n, r).map(|a| a.value)));
        if let Ok(a) = cal().add_working_days_with(d, n, r) {
            prop_assert!(!a.is_provisional());
        }
    }
}

fn same<T: PartialEq>(a: Result<T, tuiyi_core::Error>, b: Result<T, tuiyi_core::Error>) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x == y,
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

/// Any day of 2024–2031 (loaded and provisional years).
fn provisional_range_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..(8 * 366)).prop_map(|o| first() + Days::new(o))
}
