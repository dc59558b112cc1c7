//! Every code of the domain modules — eligibility, materials, deadlines, plan, dispatch, pre-review — is
//! produced by some shared vector in tests/vectors/ (a `code` anywhere in an `expected` or `error`): a code no
//! vector shows is either dead or untested. (The form's and the calendar's codes have their own tests.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tuiyi_core::CodeInfo;

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

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
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
fn every_domain_code_is_produced_by_a_vector() {
    let mut fs = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors"),
        &mut fs,
    );
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
    let tables: &[(&str, &[CodeInfo])] = &[
        ("eligibility", tuiyi_core::eligibility::CODES),
        ("materials", tuiyi_core::materials::CODES),
        ("deadlines", tuiyi_core::deadlines::CODES),
        ("plan", tuiyi_core::plan::CODES),
        ("dispatch", tuiyi_core::dispatch::CODES),
        ("prereview", tuiyi_core::prereview::CODES),
    ];
    let missing: Vec<String> = tables
        .iter()
        .flat_map(|(m, t)| t.iter().map(move |c| (m, c.code)))
        .filter(|(_, c)| !seen.contains(*c))
        .map(|(m, c)| format!("{m}::{c}"))
        .collect();
    assert!(missing.is_empty(), "codes no vector produces: {missing:?}");
}
