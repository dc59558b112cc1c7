//! Every `calendar` code is produced by some shared vector in tests/vectors/ (any `code` in an `expected` or
//! `error`; the notice import is op `calendar_import`, tests/vectors/calendar/import.json). Codes that only
//! loading a calendar file can produce — no operation loads one — are allowlisted: core/src/calendar/tests.rs (`validation_errors`,
//! `from_dir_overrides_and_adds`, `next_notice_can_start_in_previous_december`) produces each of them.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

const LOAD_ONLY: &[&str] = &[
    "calendar_dir_unreadable",
    "calendar_file_unreadable",
    "calendar_file_name",
    "calendar_duplicate_year",
    "calendar_file_json",
    "calendar_file_structure",
    "calendar_year_mismatch",
    "calendar_notice_title",
    "calendar_notice_number",
    "calendar_festival_count",
    "calendar_festival_name",
    "calendar_date_outside_year",
    "calendar_rest_range",
    "calendar_rest_days_count",
    "calendar_makeup_not_weekend",
    "calendar_duplicate_date",
    "calendar_rest_is_makeup",
];

fn codes(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(c)) = m.get("code") {
                out.insert(c.clone());
            }
            m.values().for_each(|x| codes(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| codes(x, out)),
        _ => {}
    }
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn every_calendar_code_is_produced_by_a_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut fs = Vec::new();
    files(&root.join("tests/vectors"), &mut fs);
    let mut seen = BTreeSet::new();
    for f in fs {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
        for c in v.as_array().expect("cases") {
            for k in ["expected", "error"] {
                if let Some(x) = c.get(k) {
                    codes(x, &mut seen);
                }
            }
        }
    }
    let missing: Vec<&str> = tuiyi_core::calendar::CODES
        .iter()
        .map(|c| c.code)
        .filter(|c| !seen.contains(*c) && !LOAD_ONLY.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "calendar codes no case produces: {missing:?}"
    );
    for c in LOAD_ONLY {
        assert!(
            tuiyi_core::calendar::CODES.iter().any(|x| x.code == *c),
            "{c}: allowlisted but not a calendar code"
        );
    }
}
