//! Forms written the way people and existing systems write them (issue 12), generated from the seed and the
//! national standards by `scripts/gen_real_forms.py` (independent of tuiyi's code) into tests/forms/generated/:
//!
//! - every one of the 200 valid forms — codes, short names, everyday words, full-width digits, spaces, `+86`,
//!   grouped card numbers, 户籍地 as a code, a place or an address with 原户籍地址 a street inside it, blank
//!   employers, children born in 2022 in 长泰区 — has no error and no warning;
//! - every one of the 195 forms with one defect is flagged at the defect's path with the intended code (an
//!   error, or the intended warning), and nothing else is (one defect, one finding place).

use std::path::Path;

use serde_json::Value;
use tuiyi_core::Engine;

fn lines(name: &str) -> Vec<Value> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/forms/generated")
        .join(name);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    text.lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

fn today(v: &Value) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(v["today"].as_str().unwrap_or(""), "%Y-%m-%d").ok()
}

#[test]
fn two_hundred_valid_forms_have_no_finding() {
    let engine = Engine::embedded().expect("engine");
    let forms = lines("valid.jsonl");
    assert_eq!(forms.len(), 200);
    let mut failures = Vec::new();
    for f in &forms {
        let r = engine.validate(&f["form"], today(f));
        if !r.errors.is_empty() || !r.warnings.is_empty() {
            let found: Vec<String> = r
                .errors
                .iter()
                .chain(&r.warnings)
                .map(|x| format!("{} {} {}", x.code, x.path, x.message))
                .collect();
            failures.push(format!("{}: {found:?}", f["id"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 200 valid forms flagged:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn one_hundred_ninety_five_defects_are_each_flagged_where_they_are() {
    let engine = Engine::embedded().expect("engine");
    let forms = lines("defects.jsonl");
    assert_eq!(forms.len(), 195);
    let mut failures = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for f in &forms {
        let (path, code, severity) = (
            f["path"].as_str().unwrap_or(""),
            f["code"].as_str().unwrap_or(""),
            f["severity"].as_str().unwrap_or(""),
        );
        kinds.insert(code.to_string());
        let r = engine.validate(&f["form"], today(f));
        let list = if severity == "warning" {
            &r.warnings
        } else {
            &r.errors
        };
        let hit = list.iter().any(|x| x.path == path && x.code == code);
        let elsewhere: Vec<String> = r
            .errors
            .iter()
            .chain(&r.warnings)
            .filter(|x| x.path != path)
            .map(|x| format!("{} {} {}", x.code, x.path, x.message))
            .collect();
        if !hit || !elsewhere.is_empty() {
            let all: Vec<String> = r
                .errors
                .iter()
                .chain(&r.warnings)
                .map(|x| format!("{} {}", x.code, x.path))
                .collect();
            failures.push(format!(
                "{} ({}): want {code} at {path}; got {all:?}; elsewhere {elsewhere:?}",
                f["id"], f["defect"]
            ));
        }
        if severity == "warning" && !r.valid {
            failures.push(format!(
                "{}: a warning-only defect made the form invalid",
                f["id"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 195 defects not flagged exactly:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(kinds.len() >= 30, "{kinds:?}");
}
