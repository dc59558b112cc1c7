//! Every `form` code is produced by some shared vector (tests/vectors/): a code no vector shows is either
//! dead or untested. Codes that no input can produce are allowlisted below with the reason.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// (code, why no vector produces it).
const ALLOWLIST: &[(&str, &str)] = &[];

fn collect(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(c)), Some(Value::String(_))) =
                (m.get("code"), m.get("severity"))
            {
                out.insert(c.clone());
            }
            m.values().for_each(|x| collect(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn every_form_code_is_produced_by_a_vector() {
    let mut fs = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors"),
        &mut fs,
    );
    let mut seen = BTreeSet::new();
    for f in fs {
        let text = std::fs::read_to_string(&f).expect("read vector file");
        let v: Value = serde_json::from_str(&text).expect("vector json");
        if let Value::Array(cases) = v {
            for c in cases {
                if let Some(e) = c.get("expected") {
                    collect(e, &mut seen);
                }
            }
        }
    }
    let missing: Vec<_> = tuiyi_core::form::CODES
        .iter()
        .map(|c| c.code)
        .filter(|c| !seen.contains(*c) && !ALLOWLIST.iter().any(|(a, _)| a == c))
        .collect();
    assert!(
        missing.is_empty(),
        "form codes no vector produces: {missing:?}"
    );
    for (c, why) in ALLOWLIST {
        assert!(
            !why.is_empty() && !seen.contains(*c),
            "{c}: allowlisted but produced (or no reason)"
        );
    }
}
