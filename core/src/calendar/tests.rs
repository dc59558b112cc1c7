use super::*;
use crate::ErrorKind;

fn d(s: &str) -> NaiveDate {
    crate::date::parse_date(s).unwrap()
}

fn cal() -> Calendar {
    Calendar::embedded().unwrap()
}

/// The worked example of rules/calendar/README.md (a valid, invented 2027 file).
fn example_2027() -> String {
    let readme = include_str!("../../../rules/calendar/README.md");
    let start = readme.find("<!-- example:2027.json -->").unwrap();
    let rest = &readme[start..];
    let open = rest.find("```json").unwrap() + "```json".len();
    let close = rest[open..].find("```").unwrap();
    rest[open..open + close].to_string()
}

#[test]
fn embedded_years() {
    assert_eq!(cal().years(), vec![2024, 2025, 2026]);
    let f = cal().year_file(2025).unwrap().clone();
    assert_eq!(f.notice.number, "国办发明电〔2024〕12号");
}

#[test]
fn working_days_per_year() {
    let c = cal();
    for (y, n) in [(2024, 251), (2025, 248), (2026, 248)] {
        let a = NaiveDate::from_ymd_opt(y - 1, 12, 31).unwrap();
        let b = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
        if c.covers(y - 1) {
            assert_eq!(c.working_days_between(a, b).unwrap(), n, "{y}");
        }
        assert_eq!(c.table(y).unwrap().total(), n as u32);
    }
}

#[test]
fn day_kinds() {
    let c = cal();
    assert!(
        c.is_working_day(d("2024-02-09")).unwrap(),
        "除夕 2024 is a working day"
    );
    assert!(c.is_working_day(d("2024-02-04")).unwrap(), "调休 Sunday");
    assert!(c.is_working_day(d("2024-10-12")).unwrap(), "调休 Saturday");
    assert!(!c.is_working_day(d("2024-10-07")).unwrap());
    assert!(
        !c.is_working_day(d("2024-10-13")).unwrap(),
        "ordinary Sunday"
    );
    assert_eq!(
        c.day_kind(d("2024-09-29")).unwrap(),
        DayKind::MakeupWorkday {
            festival: "国庆节".into()
        }
    );
    assert_eq!(
        c.day_kind(d("2025-10-06")).unwrap(),
        DayKind::Holiday {
            festival: "国庆节、中秋节".into()
        }
    );
    assert_eq!(c.day_kind(d("2025-10-09")).unwrap(), DayKind::Workday);
    assert_eq!(c.day_kind(d("2025-10-12")).unwrap(), DayKind::Weekend);
}

#[test]
fn add_working_days_examples() {
    let c = cal();
    assert_eq!(
        c.add_working_days(d("2024-09-30"), 3).unwrap(),
        d("2024-10-10")
    );
    // Start on a rest day: not counted.
    assert_eq!(
        c.add_working_days(d("2024-10-05"), 1).unwrap(),
        d("2024-10-08")
    );
    // 2024-12-31 (Tue) + 1 → 2025-01-02 (01-01 holiday).
    assert_eq!(
        c.add_working_days(d("2024-12-31"), 1).unwrap(),
        d("2025-01-02")
    );
    // 2026 年末跨入 2027 → error, path "".
    let e = c.add_working_days(d("2026-12-28"), 10).unwrap_err();
    assert_eq!(e.kind, ErrorKind::CalendarCoverage);
    assert_eq!(e.code, "calendar_year_not_covered");
    assert_eq!(e.path, "");
    assert!(e.message.contains("2027"), "{}", e.message);
    assert!(e.message.contains("2024、2025、2026"), "{}", e.message);
    assert!(e.message_en.contains("2027.json"), "{}", e.message_en);
    // The last covered working day is reachable.
    assert_eq!(
        c.add_working_days(d("2026-12-28"), 3).unwrap(),
        d("2026-12-31")
    );
    let e = c.add_working_days(d("2027-01-04"), 1).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "/date")
    );
    let e = c.add_working_days(d("2024-09-30"), 0).unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_str(), e.path.as_str()),
        (ErrorKind::BadInput, "calendar_n_zero", "/n")
    );
    let e = c.add_working_days(d("2024-01-01"), u32::MAX).unwrap_err();
    assert_eq!(e.path, "");
}

#[test]
fn between_examples() {
    let c = cal();
    assert_eq!(
        c.working_days_between(d("2024-09-30"), d("2024-10-10"))
            .unwrap(),
        3
    );
    assert_eq!(
        c.working_days_between(d("2024-10-10"), d("2024-09-30"))
            .unwrap(),
        -3
    );
    assert_eq!(
        c.working_days_between(d("2024-10-10"), d("2024-10-10"))
            .unwrap(),
        0
    );
    assert_eq!(
        c.working_days_between(d("2023-12-31"), d("2024-01-01"))
            .unwrap_err()
            .path,
        "/a"
    );
    assert_eq!(
        c.working_days_between(d("2024-01-01"), d("2027-01-01"))
            .unwrap_err()
            .path,
        "/b"
    );
    assert_eq!(
        c.working_days_between(d("2024-01-01"), d("2026-12-31"))
            .unwrap(),
        // 2024-01-01 is a holiday, so (2024-01-01, 2026-12-31] holds every working day of the three years.
        251 + 248 + 248
    );
}

#[test]
fn period_end_examples() {
    let c = cal();
    // 2024-09-01 + 30 = 2024-10-01 (国庆) → 2024-10-08.
    let p = c.period_end(d("2024-09-01"), 30).unwrap();
    assert_eq!(
        (p.raw_end.to_string(), p.end.to_string(), p.extended),
        ("2024-10-01".into(), "2024-10-08".into(), true)
    );
    // Ends on a 调休 Saturday (2024-10-12): not extended.
    let p = c.period_end(d("2024-09-12"), 30).unwrap();
    assert_eq!(
        (p.raw_end.to_string(), p.extended),
        ("2024-10-12".into(), false)
    );
    // Working day: unchanged.
    let p = c.period_end(d("2024-09-30"), 10).unwrap();
    assert_eq!(
        (p.end.to_string(), p.extended),
        ("2024-10-10".into(), false)
    );
    // Extension ending on a 调休 Sunday: 2024-02-17 (春节, Sat) → 2024-02-18 (Sun, worked).
    let p = c.period_end(d("2024-01-18"), 30).unwrap();
    assert_eq!(
        (p.raw_end.to_string(), p.end.to_string(), p.extended),
        ("2024-02-17".into(), "2024-02-18".into(), true)
    );
    let e = c.period_end(d("2024-09-30"), 0).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_days_zero", "/days")
    );
    let e = c.period_end(d("2026-12-15"), 30).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "")
    );
    // raw end 2026-12-31 (Thu) is a working day: fine.
    assert!(!c.period_end(d("2026-12-01"), 30).unwrap().extended);
    let e = c.period_end(d("2023-12-15"), 30).unwrap_err();
    assert_eq!(e.path, "/start");
    let e = c.period_end(d("2024-01-01"), u32::MAX).unwrap_err();
    assert_eq!(e.path, "");
}

#[test]
fn gaps_are_errors() {
    let y2024 = EMBEDDED[0];
    let y2026 = EMBEDDED[2];
    let c = Calendar::from_sources(&[y2024, y2026]).unwrap();
    assert_eq!(c.years(), vec![2024, 2026]);
    let e = c.is_working_day(d("2025-03-03")).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "/date")
    );
    let e = c.add_working_days(d("2024-12-30"), 5).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "")
    );
    assert!(e.message.contains("2025"));
    let e = c
        .working_days_between(d("2024-12-30"), d("2026-01-05"))
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "")
    );
    // A calendar-day period only looks at its start's year and its end: the days in between are not inspected.
    let p = c.period_end(d("2024-12-15"), 400).unwrap();
    assert_eq!(p.raw_end.to_string(), "2026-01-19");
    let e = c.period_end(d("2024-12-15"), 200).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "")
    );
    // Inside one year still works.
    assert_eq!(
        c.add_working_days(d("2026-02-13"), 1).unwrap(),
        d("2026-02-14")
    );
}

#[test]
fn empty_calendar_refuses() {
    let c = Calendar::from_sources(&[]).unwrap();
    assert!(c.years().is_empty());
    let e = c.is_working_day(d("2024-01-02")).unwrap_err();
    assert!(e.message.contains("无"));
}

#[test]
fn added_year_from_text() {
    let text = example_2027();
    let mut sources: Vec<(&str, &str)> = EMBEDDED.to_vec();
    sources.push(("2027.json", &text));
    let c = Calendar::from_sources(&sources).unwrap();
    assert_eq!(c.years(), vec![2024, 2025, 2026, 2027]);
    // 2026-12-31 (Thu) + 1: 2027-01-01..03 rest, 01-04 Monday.
    assert_eq!(
        c.add_working_days(d("2026-12-31"), 1).unwrap(),
        d("2027-01-04")
    );
    assert_eq!(
        c.add_working_days(d("2026-12-28"), 10).unwrap(),
        d("2027-01-12")
    );
}

#[test]
fn from_dir_overrides_and_adds() {
    let dir = std::env::temp_dir().join(format!("tuiyi-cal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("2027.json"), example_2027()).unwrap();
    std::fs::write(dir.join("README.md"), "not data").unwrap();
    let c = Calendar::from_dir(&dir).unwrap();
    assert_eq!(c.years(), vec![2024, 2025, 2026, 2027]);
    // Override 2024 with a corrected file (here: 国庆 moved by a week, for the test).
    let moved = EMBEDDED[0]
        .1
        .replace(
            r#""from": "2024-10-01", "to": "2024-10-07""#,
            r#""from": "2024-10-08", "to": "2024-10-14""#,
        )
        .replace(r#""2024-09-29", "2024-10-12""#, r#""2024-10-19""#);
    assert_ne!(moved, EMBEDDED[0].1);
    std::fs::write(dir.join("2024.json"), moved).unwrap();
    let c = Calendar::from_dir(&dir).unwrap();
    assert!(!c.is_working_day(d("2024-10-08")).unwrap());
    assert!(
        c.is_working_day(d("2024-10-02")).unwrap(),
        "override replaces the embedded 2024"
    );
    std::fs::write(dir.join("2028-draft.json"), "{}").unwrap();
    let e = Calendar::from_dir(&dir).unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_str()),
        (ErrorKind::RulePack, "calendar_file_name")
    );
    std::fs::remove_dir_all(&dir).unwrap();
    let e = Calendar::from_dir(&dir).unwrap_err();
    assert_eq!(e.code, "calendar_dir_unreadable");
}

fn load_err(name: &str, text: &str) -> Error {
    Calendar::from_sources(&[(name, text)]).unwrap_err()
}

#[test]
fn validation_errors() {
    let ex = example_2027();
    let m = |from: &str, to: &str| {
        assert!(ex.contains(from), "{from}");
        ex.replacen(from, to, 1)
    };
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("2027.json", "{".into(), "calendar_file_json", ""),
        (
            "2027.json",
            m("\"year\"", "\"yaer\""),
            "calendar_file_structure",
            "/yaer",
        ),
        (
            "2027.json",
            m("\"2027-01-03\"", "\"2027-1-3\""),
            "calendar_file_structure",
            "/festivals/0/rest/to",
        ),
        (
            "2027.json",
            m("\"2027-01-03\"", "\"２０２７-01-03\""),
            "calendar_file_structure",
            "/festivals/0/rest/to",
        ),
        (
            "2027.json",
            m("\"days\": 3,", "\"days\": \"3\","),
            "calendar_file_structure",
            "/festivals/0/days",
        ),
        ("2028.json", ex.clone(), "calendar_year_mismatch", "/year"),
        (
            "2027.json",
            m("2027年部分", "2026年部分"),
            "calendar_notice_title",
            "/notice/title",
        ),
        (
            "2027.json",
            m("〔2026〕99号", "[2026]99号"),
            "calendar_notice_number",
            "/notice/number",
        ),
        (
            "2027.json",
            {
                let mut v: serde_json::Value = serde_json::from_str(&ex).unwrap();
                v["festivals"] = serde_json::json!([]);
                v.to_string()
            },
            "calendar_festival_count",
            "/festivals",
        ),
        (
            "2027.json",
            m("\"元旦\"", "\"新年\""),
            "calendar_festival_name",
            "/festivals/0/name",
        ),
        (
            "2027.json",
            m("\"中秋节\"", "\"国庆节\""),
            "calendar_festival_coverage",
            "/festivals",
        ),
        (
            "2027.json",
            m("\"2027-01-03\"", "\"2028-01-03\""),
            "calendar_date_outside_year",
            "/festivals/0/rest/to",
        ),
        (
            "2027.json",
            m("\"2027-01-01\"", "\"2026-11-30\""),
            "calendar_date_outside_year",
            "/festivals/0/rest/from",
        ),
        (
            "2027.json",
            m("\"2027-01-01\"", "\"2027-01-05\""),
            "calendar_rest_range",
            "/festivals/0/rest",
        ),
        (
            "2027.json",
            m("\"days\": 3,", "\"days\": 4,"),
            "calendar_rest_days_count",
            "/festivals/0/days",
        ),
        // 2027-01-05 is a Tuesday.
        (
            "2027.json",
            m(
                "\"makeup_workdays\": []",
                "\"makeup_workdays\": [\"2027-01-09\", \"2027-01-05\"]",
            ),
            "calendar_makeup_not_weekend",
            "/festivals/0/makeup_workdays/1",
        ),
        (
            "2027.json",
            m(
                "\"makeup_workdays\": []",
                "\"makeup_workdays\": [\"2027-01-09\", \"2027-01-09\"]",
            ),
            "calendar_duplicate_date",
            "/festivals/0/makeup_workdays/1",
        ),
        (
            "2027.json",
            m(
                "{\"from\": \"2027-04-03\", \"to\": \"2027-04-05\"}, \"days\": 3",
                "{\"from\": \"2027-02-12\", \"to\": \"2027-02-12\"}, \"days\": 1",
            ),
            "calendar_duplicate_date",
            "/festivals/2/rest",
        ),
        // 2027-01-02 is a Saturday inside the 元旦 rest range.
        (
            "2027.json",
            m(
                "\"makeup_workdays\": []",
                "\"makeup_workdays\": [\"2027-01-02\"]",
            ),
            "calendar_rest_is_makeup",
            "/festivals/0/makeup_workdays/0",
        ),
        ("2027.txt", ex.clone(), "calendar_file_name", ""),
        ("２０２７.json", ex.clone(), "calendar_file_name", ""),
        ("27.json", ex.clone(), "calendar_file_name", ""),
    ];
    for (name, text, code, path) in cases {
        let e = load_err(name, &text);
        assert_eq!(e.kind, ErrorKind::RulePack, "{name}: {e}");
        assert_eq!((e.code.as_str(), e.path.as_str()), (code, path), "{e}");
        assert!(e.message.contains(name), "{e}");
        assert!(e.message_en.contains(name), "{e}");
    }
    let e = Calendar::from_sources(&[("2027.json", &ex), ("x/2027.json", &ex)]).unwrap_err();
    assert_eq!(e.code, "calendar_duplicate_year");
}

#[test]
fn readme_example_loads() {
    let ex = example_2027();
    let c = Calendar::from_sources(&[("2027.json", &ex)]).unwrap();
    assert_eq!(c.years(), vec![2027]);
    assert!(c.is_working_day(d("2027-02-20")).unwrap(), "调休 Saturday");
    assert!(!c.is_working_day(d("2027-06-09")).unwrap());
}

#[test]
fn next_notice_can_start_in_previous_december() {
    // As the 2019 notice did (元旦 2018-12-30 至 2019-01-01, 2018-12-29 上班): a 2027 file whose 元旦 starts on
    // 2026-12-31 and has a make-up Sunday 2026-12-27 changes those 2026 days once it is loaded.
    let ex = example_2027().replacen(
        "{\"from\": \"2027-01-01\", \"to\": \"2027-01-03\"}, \"days\": 3, \"makeup_workdays\": []",
        "{\"from\": \"2026-12-31\", \"to\": \"2027-01-03\"}, \"days\": 4, \"makeup_workdays\": [\"2026-12-27\"]",
        1,
    );
    let mut sources: Vec<(&str, &str)> = EMBEDDED.to_vec();
    sources.push(("2027.json", &ex));
    let with = Calendar::from_sources(&sources).unwrap();
    assert!(!with.is_working_day(d("2026-12-31")).unwrap());
    assert!(with.is_working_day(d("2026-12-27")).unwrap());
    assert_eq!(
        with.day_kind(d("2026-12-31")).unwrap(),
        DayKind::Holiday {
            festival: "元旦".into()
        }
    );
    assert_eq!(
        with.add_working_days(d("2026-12-30"), 1).unwrap(),
        d("2027-01-04")
    );
    assert!(cal().is_working_day(d("2026-12-31")).unwrap());
    // Alone, the 2027 file does not make 2026 covered.
    let alone = Calendar::from_sources(&[("2027.json", &ex)]).unwrap();
    assert_eq!(
        alone.is_working_day(d("2026-12-31")).unwrap_err().code,
        "calendar_year_not_covered"
    );
    // A December day named by both files is a conflict.
    let y2026 = EMBEDDED[2].1.replace(
        "\"2026-09-20\", \"2026-10-10\"",
        "\"2026-09-20\", \"2026-10-10\", \"2026-12-27\"",
    );
    let e = Calendar::from_sources(&[("2026.json", &y2026), ("2027.json", &ex)]).unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_str(), e.path.as_str()),
        (
            ErrorKind::RulePack,
            "calendar_duplicate_date",
            "/festivals/0/makeup_workdays/0"
        )
    );
    assert!(
        e.message.contains("2027.json") && e.message.contains("2026.json"),
        "{e}"
    );
}

#[test]
fn codes_render_without_placeholders_left() {
    let e = cal().is_working_day(d("2030-01-01")).unwrap_err();
    assert!(
        !e.message.contains('{') && !e.message_en.contains('{'),
        "{e}"
    );
    let e = load_err("2027.json", &example_2027().replace("元旦", "新年"));
    assert!(
        !e.message.contains('{') && !e.message_en.contains('{'),
        "{e}"
    );
}

#[test]
fn every_day_consistent_with_tables() {
    // is_working_day agrees with the prefix table and add/between agree with a day-by-day count.
    let c = cal();
    let mut day = d("2024-01-01");
    let mut working = Vec::new();
    while day <= d("2026-12-31") {
        if c.is_working_day(day).unwrap() {
            working.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    assert_eq!(working.len(), 251 + 248 + 248);
    for (i, w) in working.iter().enumerate().step_by(17) {
        for n in [1u32, 3, 15, 40] {
            if let Some(exp) = working.get(i + n as usize) {
                assert_eq!(c.add_working_days(*w, n).unwrap(), *exp);
                assert_eq!(c.working_days_between(*w, *exp).unwrap(), i64::from(n));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Provisional years (issue 13)
// ---------------------------------------------------------------------------------------------------------

const P: CalendarMode = CalendarMode::Provisional;

#[test]
fn provisional_range() {
    let c = cal();
    assert_eq!(c.last_year(), Some(2026));
    assert_eq!(c.provisional_horizon(), PROVISIONAL_HORIZON);
    assert_eq!(c.provisional_years(), vec![2027, 2028, 2029, 2030, 2031]);
    assert!(!c.covers(2027), "a provisional year is not covered");
    assert!(c.year_file(2027).is_none());
    assert_eq!(
        c.clone().with_provisional_horizon(2).provisional_years(),
        vec![2027, 2028]
    );
    assert!(c
        .clone()
        .with_provisional_horizon(0)
        .provisional_years()
        .is_empty());
    assert!(Calendar::from_sources(&[])
        .unwrap()
        .provisional_years()
        .is_empty());
    // The statutory holidays end with the lunisolar table: a calendar loaded to 2098 gets 2099 and 2100 only.
    let late = Calendar::from_sources(&[("2098.json", &minimal_year(2098))]).unwrap();
    assert_eq!(late.provisional_years(), vec![2099, 2100]);
    let e = late
        .is_working_day_with(d("2101-01-03"), CalendarMode::Provisional)
        .unwrap_err();
    assert_eq!(e.code, "calendar_year_beyond_horizon");
    assert!(e.message.contains("至 2100 年"), "{}", e.message);
}

/// A valid year file: each festival one day, no 调休.
fn minimal_year(y: i32) -> String {
    let fests: Vec<String> = FESTIVALS
        .iter()
        .zip(["01-01", "02-01", "04-01", "05-01", "06-01", "09-01", "10-01"])
        .map(|(f, md)| {
            format!(
                r#"{{"name": "{f}", "rest": {{"from": "{y}-{md}", "to": "{y}-{md}"}}, "makeup_workdays": []}}"#
            )
        })
        .collect();
    format!(
        r#"{{"year": {y}, "notice": {{"title": "国务院办公厅关于{y}年部分节假日安排的通知", "number": "国办发明电〔{p}〕1号", "issued": "{p}-11-01"}}, "festivals": [{}]}}"#,
        fests.join(", "),
        p = y - 1
    )
}

#[test]
fn provisional_2027() {
    let c = cal();
    // Refuse (the default) is unchanged.
    let e = c.is_working_day(d("2027-01-04")).unwrap_err();
    assert_eq!(e.code, "calendar_year_not_covered");
    let e = c
        .is_working_day_with(d("2027-01-04"), CalendarMode::Refuse)
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "/date")
    );
    // Provisional: weekends + statutory days, no 调休.
    let w = |s: &str| c.is_working_day_with(d(s), P).unwrap();
    assert!(!w("2027-01-01").value, "元旦");
    assert!(w("2027-01-04").value);
    assert_eq!(w("2027-01-04").provisional_years, vec![2027]);
    for s in [
        "2027-02-05",
        "2027-02-08",
        "2027-04-05",
        "2027-05-03",
        "2027-06-09",
        "2027-09-15",
    ] {
        let x = w(s);
        if s == "2027-05-03" {
            assert!(x.value, "5月3日 is no statutory day");
        } else {
            assert!(!x.value, "{s}");
        }
    }
    assert!(!w("2027-02-06").value, "初一 (Saturday)");
    assert!(
        w("2027-02-09").value,
        "no substitute day for the weekend 初一/初二"
    );
    assert_eq!(
        c.day_kind_with(d("2027-02-05"), P).unwrap().value,
        DayKind::Holiday {
            festival: "春节".into()
        }
    );
    // A covered day in provisional mode is not provisional.
    let x = c.is_working_day_with(d("2026-12-31"), P).unwrap();
    assert!(x.value && !x.is_provisional());
    // Before the first loaded year: refused in both modes, same error.
    let e = c.is_working_day_with(d("2023-12-29"), P).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "/date")
    );
    // Past the horizon: its own code.
    let e = c.is_working_day_with(d("2032-01-05"), P).unwrap_err();
    assert_eq!(e.kind, ErrorKind::CalendarCoverage);
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_beyond_horizon", "/date")
    );
    assert!(
        e.message.contains("2031") && e.message.contains("2026"),
        "{}",
        e.message
    );
    assert!(
        !e.message.contains('{') && !e.message_en.contains('{'),
        "{e}"
    );
    let e = c.add_working_days_with(d("2031-12-30"), 5, P).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_beyond_horizon", "")
    );
}

#[test]
fn provisional_arithmetic() {
    let c = cal();
    // The issue-13 case: discharge 2026-12-10, +30 → 2027-01-09 (Sat) → Mon 2027-01-11.
    let p = c.period_end_with(d("2026-12-10"), 30, P).unwrap();
    assert_eq!(
        (
            p.value.raw_end.to_string(),
            p.value.end.to_string(),
            p.value.extended
        ),
        ("2027-01-09".into(), "2027-01-11".into(), true)
    );
    assert_eq!(p.provisional_years, vec![2027]);
    // +40 → 2027-01-19 (Tue).
    let p = c.period_end_with(d("2026-12-10"), 40, P).unwrap();
    assert_eq!(p.value.end.to_string(), "2027-01-19");
    assert!(!p.value.extended);
    // Within 2026 nothing is provisional, in either mode.
    let p = c.period_end_with(d("2026-11-01"), 30, P).unwrap();
    assert!(!p.is_provisional());
    assert_eq!(p.value, c.period_end(d("2026-11-01"), 30).unwrap());
    // 2026-12-28 + 10 working days: 12-29, 30, 31, (01-01 元旦), 01-04 … 01-08, 01-11, 01-12 → 2027-01-12.
    let a = c.add_working_days_with(d("2026-12-28"), 10, P).unwrap();
    assert_eq!(a.value, d("2027-01-12"));
    assert_eq!(a.provisional_years, vec![2027]);
    assert_eq!(
        c.working_days_between_with(d("2026-12-28"), d("2027-01-12"), P)
            .unwrap()
            .value,
        10
    );
    assert_eq!(
        c.working_days_between_with(d("2027-01-12"), d("2026-12-28"), P)
            .unwrap()
            .value,
        -10
    );
    // Across several provisional years.
    let b = c
        .working_days_between_with(d("2026-12-31"), d("2029-12-31"), P)
        .unwrap();
    assert_eq!(b.provisional_years, vec![2027, 2028, 2029]);
    // Each provisional year: weekdays minus statutory days on weekdays.
    for y in 2027..=2031 {
        let n = c
            .working_days_between_with(
                NaiveDate::from_ymd_opt(y - 1, 12, 31).unwrap(),
                NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
                P,
            )
            .unwrap();
        let mut weekdays = 0;
        let mut day = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        while day.year() == y {
            if day.weekday().num_days_from_monday() < 5 {
                weekdays += 1;
            }
            day = day.succ_opt().unwrap();
        }
        let mut on_weekdays: Vec<NaiveDate> = statutory_holidays(y)
            .unwrap()
            .into_iter()
            .map(|s| s.date.0)
            .filter(|d| d.weekday().num_days_from_monday() < 5)
            .collect();
        on_weekdays.dedup();
        assert_eq!(n.value, weekdays - on_weekdays.len() as i64, "{y}");
    }
    // Loading the real notice replaces the provisional year (here the README's invented 2027).
    let text = example_2027();
    let mut sources: Vec<(&str, &str)> = EMBEDDED.to_vec();
    sources.push(("2027.json", &text));
    let with = Calendar::from_sources(&sources).unwrap();
    assert_eq!(with.provisional_years(), vec![2028, 2029, 2030, 2031, 2032]);
    let a = with.add_working_days_with(d("2026-12-28"), 10, P).unwrap();
    assert!(!a.is_provisional());
    assert_eq!(a.value, with.add_working_days(d("2026-12-28"), 10).unwrap());
}

#[test]
fn gaps_stay_errors_in_provisional_mode() {
    let c = Calendar::from_sources(&[EMBEDDED[0], EMBEDDED[2]]).unwrap();
    let e = c.is_working_day_with(d("2025-03-03"), P).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "/date")
    );
    let e = c.add_working_days_with(d("2024-12-30"), 5, P).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("calendar_year_not_covered", "")
    );
    assert!(c
        .is_working_day_with(d("2027-03-03"), P)
        .unwrap()
        .is_provisional());
}

#[test]
fn provisional_warning_names_the_year_and_days() {
    let w = cal().provisional_warning(2027, "/dates/discharge_date");
    assert_eq!(w.code, "calendar_year_provisional");
    assert_eq!(w.severity, crate::Severity::Warning);
    assert!(w.message.contains("2027 年"), "{}", w.message);
    assert!(
        w.message.contains("春节 2月5日、2月6日、2月7日、2月8日"),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("tuiyi calendar import NOTICE.txt"),
        "{}",
        w.message
    );
    assert!(w.message.contains("--calendar DIR"), "{}", w.message);
    assert!(w.message_en.contains("2027-02-05"), "{}", w.message_en);
    assert!(!w.message.contains('{') && !w.message_en.contains('{'));
}
