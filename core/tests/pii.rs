//! PII sweep: no message, error path, `Debug` or `Display` string produced from any shared vector (or the
//! hostile inputs below) contains an unmasked ID or bank-card number from the input.
//! Data fields that are *meant* to carry the number (e.g. what `dispatch` hands to the police) are not
//! messages and are not swept; every human-readable text is.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tuiyi_core::{api, Engine};

const TEXT_KEYS: &[&str] = &[
    "message",
    "message_en",
    "path",
    "reason",
    "sms",
    "detail",
    "hint",
];

fn long_runs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == 'X' || c == 'x' {
            cur.push(c);
        } else {
            if cur.len() >= 12 {
                out.push(cur.clone());
            }
            cur.clear();
        }
    }
    out
}

fn is_text_key(k: &str) -> bool {
    TEXT_KEYS.contains(&k) || k.ends_with("message") || k.ends_with("reason")
}

fn texts(v: &Value, key: Option<&str>, out: &mut Vec<String>) {
    match v {
        Value::String(s) if key.is_some_and(is_text_key) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| texts(x, key, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| texts(x, Some(k), out)),
        _ => {}
    }
}

fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            vector_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn check(engine: &Engine, op: &str, input: &Value, label: &str) -> usize {
    let secrets = long_runs(&input.to_string());
    let mut sweep = Vec::new();
    match api::run(engine, op, input) {
        Ok(out) => texts(&out, None, &mut sweep),
        Err(e) => {
            sweep.push(e.message.clone());
            sweep.push(e.message_en.clone());
            sweep.push(e.path.clone());
            sweep.push(format!("{e:?}"));
            sweep.push(format!("{e}"));
        }
    }
    for t in &sweep {
        for s in &secrets {
            assert!(
                !t.contains(s.as_str()),
                "{label}: unmasked number {s:.4}… in {t:?}"
            );
        }
    }
    sweep.len()
}

#[test]
fn no_unmasked_numbers_in_any_message() {
    let engine = Engine::embedded().expect("engine");
    let mut files = Vec::new();
    vector_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors"),
        &mut files,
    );
    let mut swept = 0;
    for f in files {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
        for case in v.as_array().into_iter().flatten() {
            let op = case["op"].as_str().unwrap_or("");
            let input = case.get("input").cloned().unwrap_or(Value::Null);
            swept += check(&engine, op, &input, case["name"].as_str().unwrap_or("?"));
        }
    }
    // Hostile shapes: numbers in unknown keys, enum values, wrong-typed fields, the op name itself.
    let id = "11010519491231002X";
    let card = "6222021234567890128";
    let hostile = [
        ("validate", serde_json::json!({"form": {id: card}})),
        (
            "validate",
            serde_json::json!({"form": {"basic_info": {"id_number": id, "gender": card}}}),
        ),
        ("validate", serde_json::json!({"form": id, "today": card})),
        ("check_eligibility", serde_json::json!({id: card})),
        ("plan", serde_json::json!({"x": [id, card]})),
        ("is_working_day", serde_json::json!({"date": id})),
        (id, serde_json::json!({})),
        // serde's messages are "unknown field `KEY`, expected …": a key (or value) that itself says
        // "expected" once leaked its tail, digits included (found by fuzzing; see fuzz/regressions/).
        (
            "plan",
            serde_json::json!({format!("x expected {card} `, expected {id}"): 1}),
        ),
        (
            "required_materials",
            serde_json::json!({"settlement_mode": format!("x`, expected {id}")}),
        ),
        (
            "is_working_day",
            serde_json::json!({"date": {format!("a, expected {card}"): 1}}),
        ),
        (
            "add_working_days",
            serde_json::json!({"date": "2024-01-01", "n": format!("{card}, expected {id}")}),
        ),
    ];
    for (op, input) in hostile {
        swept += check(&engine, op, &input, op);
    }
    assert!(swept > 0);
}
