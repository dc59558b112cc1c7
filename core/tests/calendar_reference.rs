//! Cross-check: the embedded calendar against an independent transcription of the 2024–2026 notices
//! (tests/reference/cn-holidays.json — see tests/reference/README.md), every day of the three years.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;
use tuiyi_core::calendar::DayKind;
use tuiyi_core::Calendar;

fn reference() -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/reference/cn-holidays.json");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
    serde_json::from_str(&text).expect("reference JSON")
}

fn date(s: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(s.as_str().expect("date string"), "%Y-%m-%d").expect("date")
}

#[test]
fn every_day_of_2024_to_2026_matches_the_reference() {
    let r = reference();
    let cal = Calendar::embedded().expect("embedded calendar");
    let mut checked = 0;
    for year in [2024, 2025, 2026] {
        let y = &r["years"][year.to_string()];
        // date -> festival name of the rest days; the make-up days.
        let mut rest: BTreeMap<NaiveDate, String> = BTreeMap::new();
        for h in y["holidays"].as_array().expect("holidays") {
            let name = h["name"].as_str().expect("name").to_string();
            for d in h["dates"].as_array().expect("dates") {
                rest.insert(date(d), name.clone());
            }
        }
        let makeup: Vec<NaiveDate> = y["makeup_workdays"]
            .as_array()
            .expect("makeup")
            .iter()
            .map(date)
            .collect();
        let mut working = 0;
        let mut d = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        while d.year() == year {
            let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            let expect_working = if makeup.contains(&d) {
                true
            } else if rest.contains_key(&d) {
                false
            } else {
                !weekend
            };
            assert_eq!(cal.is_working_day(d).unwrap(), expect_working, "{d}");
            let kind = cal.day_kind(d).unwrap();
            match (&kind, rest.get(&d), makeup.contains(&d)) {
                (DayKind::Holiday { festival }, Some(name), false) => {
                    assert_eq!(festival, name, "{d}")
                }
                (DayKind::MakeupWorkday { .. }, None, true) => {}
                (DayKind::Weekend, None, false) => assert!(weekend, "{d}"),
                (DayKind::Workday, None, false) => assert!(!weekend, "{d}"),
                _ => panic!(
                    "{d}: {kind:?} vs reference rest={:?} makeup={}",
                    rest.get(&d),
                    makeup.contains(&d)
                ),
            }
            working += usize::from(expect_working);
            checked += 1;
            d = d.succ_opt().unwrap();
        }
        let per_year = &r["source_notes"]["general"]["working_days_per_year"][year.to_string()];
        assert_eq!(Some(working as u64), per_year.as_u64(), "{year}");
        // The notice metadata agrees too.
        let notes = &r["source_notes"][year.to_string()];
        let f = cal.year_file(year).unwrap();
        assert_eq!(f.notice.title, notes["title"].as_str().unwrap());
        assert_eq!(f.notice.number, notes["number"].as_str().unwrap());
        assert_eq!(
            f.notice.issued.to_string(),
            notes["issued"].as_str().unwrap()
        );
    }
    assert_eq!(checked, 366 + 365 + 365);
}
