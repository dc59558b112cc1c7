//! `import_notice` on the published notice texts (tests/notices/, README there): the 2024, 2025 and 2026
//! notices give exactly the embedded rules/calendar files (less what a notice does not say), byte for byte once
//! those editorial fields are put back; 2017 and 2019 give the schedules holiday-cn published. The error cases
//! of the import (and the 2024–2026 texts through the JSON facade) are shared vectors:
//! tests/vectors/calendar/import.json, op `calendar_import`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use tuiyi_core::calendar::{import_notice, import_notice_with, NoticeMeta, YearFile};
use tuiyi_core::{Calendar, Date};

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

fn read(p: &str) -> String {
    std::fs::read_to_string(repo(p)).unwrap_or_else(|e| panic!("read {p}: {e}"))
}

/// What a notice does not say: sources, notes.
fn without_editorial(mut f: YearFile) -> YearFile {
    f.notice.sources.clear();
    f.notes.clear();
    for x in &mut f.festivals {
        x.note = None;
    }
    f
}

#[test]
fn embedded_years_from_their_notices() {
    let cal = Calendar::embedded().unwrap();
    for year in [2024, 2025, 2026] {
        let embedded = cal.year_file(year).unwrap().clone();
        let text = read(&format!("tests/notices/{year}.txt"));
        // The Xinhua texts of 2025 and 2026 print no document number: it is given (as the embedded file has it).
        let number = (year != 2024).then(|| embedded.notice.number.clone());
        let meta = NoticeMeta {
            number,
            ..NoticeMeta::default()
        };
        let imported = import_notice_with(&text, &meta).unwrap_or_else(|e| panic!("{year}: {e}"));
        assert_eq!(imported, without_editorial(embedded.clone()), "{year}");
        // Same with half-width punctuation (as many reprints have it).
        let ascii: String = text
            .chars()
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '，' => ',',
                c => c,
            })
            .collect();
        assert_eq!(
            import_notice_with(&ascii, &meta).unwrap(),
            imported,
            "{year} half-width"
        );
        // With the editorial fields put back, the layout is the embedded file's, byte for byte.
        let mut full = imported;
        full.notice.sources = embedded.notice.sources.clone();
        full.notes = embedded.notes.clone();
        for (a, b) in full.festivals.iter_mut().zip(&embedded.festivals) {
            a.note = b.note.clone();
        }
        assert_eq!(
            full.to_json_text(),
            read(&format!("rules/calendar/{year}.json")),
            "{year}"
        );
    }
    // 2024's text has its number and date: nothing needs to be given.
    let f = import_notice(&read("tests/notices/2024.txt")).unwrap();
    assert_eq!(f.notice.number, "国办发明电〔2023〕7号");
    assert_eq!(f.notice.issued, Date::from_ymd(2023, 10, 25).unwrap());
    assert!(f.notice.sources.is_empty());
    // The written file loads as a calendar year.
    let text = f.to_json_text();
    let c = Calendar::from_sources(&[("2024.json", &text)]).unwrap();
    assert_eq!(c.years(), vec![2024]);
}

/// The day lists of tests/reference/published-schedules.json (holiday-cn) for one year: (name, rest days, work
/// days).
fn published(year: i32) -> Vec<(String, Vec<String>, Vec<String>)> {
    let r: Value = serde_json::from_str(&read("tests/reference/published-schedules.json")).unwrap();
    r["years"][year.to_string()]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| {
            let mut rest = Vec::new();
            for run in it["rest"].as_array().unwrap() {
                let (a, b) = (
                    run[0].as_str().unwrap().parse::<Date>().unwrap(),
                    run[1].as_str().unwrap().parse::<Date>().unwrap(),
                );
                let mut d = a.0;
                while d <= b.0 {
                    rest.push(Date(d).to_string());
                    d = d.succ_opt().unwrap();
                }
            }
            let work = it["makeup_workdays"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            (it["name"].as_str().unwrap().to_string(), rest, work)
        })
        .collect()
}

#[test]
fn older_notices_match_the_published_schedules() {
    for year in [2017, 2019] {
        let f = import_notice(&read(&format!("tests/notices/{year}.txt")))
            .unwrap_or_else(|e| panic!("{year}: {e}"));
        let pubd = published(year);
        assert_eq!(f.festivals.len(), pubd.len(), "{year}");
        for (fest, (name, rest, work)) in f.festivals.iter().zip(&pubd) {
            assert_eq!(&fest.name, name, "{year}");
            // 2019 劳动节 was changed after the notice (国办发明电〔2019〕3号: 5月1日至4日, 4月28日、5月5日上班);
            // holiday-cn has the change, the notice text has 5月1日放假.
            if year == 2019 && name == "劳动节" {
                assert_eq!(
                    (fest.rest.from.to_string(), fest.rest.to.to_string()),
                    ("2019-05-01".into(), "2019-05-01".into())
                );
                continue;
            }
            let mut mine = Vec::new();
            let mut d = fest.rest.from.0;
            while d <= fest.rest.to.0 {
                mine.push(Date(d).to_string());
                d = d.succ_opt().unwrap();
            }
            assert_eq!(&mine, rest, "{year} {name}");
            let mk: Vec<String> = fest.makeup_workdays.iter().map(|d| d.to_string()).collect();
            assert_eq!(&mk, work, "{year} {name}");
        }
    }
    let f = import_notice(&read("tests/notices/2019.txt")).unwrap();
    assert_eq!(f.festivals[0].rest.from.to_string(), "2018-12-30");
    assert_eq!(f.festivals[0].makeup_workdays[0].to_string(), "2018-12-29");
    assert_eq!(f.notice.number, "国办发明电〔2018〕15号");
    assert_eq!(f.notice.issued.to_string(), "2018-12-04");
}
