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

/// Every way a personal number may be typed: digits, full-width, spaced, dashed, zero-width spaced,
/// Arabic-Indic, as a JSON number.
fn shapes(n: &str) -> Vec<Value> {
    let map = |f: &dyn Fn(char) -> char| n.chars().map(f).collect::<String>();
    let fw = map(&|c| char::from_u32(c as u32 - 0x30 + 0xff10).unwrap_or(c));
    let arabic = map(&|c| char::from_u32(c as u32 - 0x30 + 0x660).unwrap_or(c));
    let group = |sep: &str| {
        n.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let zw: String = n.chars().map(|c| format!("{c}\u{200b}")).collect();
    let mut out = vec![
        Value::from(n),
        Value::from(fw),
        Value::from(group(" ")),
        Value::from(group("-")),
        Value::from(zw),
        Value::from(arabic),
    ];
    if let Ok(u) = n.parse::<u64>() {
        out.push(Value::from(u));
    }
    out
}

/// Every text of an output except the data a department is meant to receive (dispatch `data`) and the
/// canonical form `normalize` returns: messages, paths, reasons, SMS, and every error's text.
fn outputs(op: &str, r: &Result<Value, tuiyi_core::Error>) -> String {
    fn strip(v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .filter(|(k, _)| k.as_str() != "data" && k.as_str() != "form")
                    .map(|(k, x)| (k.clone(), strip(x)))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    match r {
        Ok(v) if op == "dispatch" || op == "normalize" => strip(v).to_string(),
        Ok(v) => v.to_string(),
        Err(e) => format!("{} {} {} {e} {e:?}", e.message, e.message_en, e.path),
    }
}

/// The property of SECURITY.md's promise 3: a personal number put in any position of any input of any
/// operation — as a value, as a key, however typed — never shows 7 or more of its digits in a row in any
/// output (data meant for a department apart).
#[test]
fn no_output_of_any_operation_shows_a_personal_number() {
    let engine = Engine::embedded().expect("engine");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(p)).expect("read")).expect("json")
    };
    let form = read("examples/form.json");
    let application = read("examples/applicant.json");
    let situation = application["situation"].clone();
    let applicant = application["applicant"].clone();
    // A valid input of every operation.
    let mut bases: Vec<(String, Value)> = Vec::new();
    for op in tuiyi_core::ops::OPS {
        let input = match op.name {
            "check_eligibility" => applicant.clone(),
            "required_materials" => situation.clone(),
            "plan" => application.clone(),
            _ => {
                let mut m = serde_json::Map::new();
                for p in op.params() {
                    let v = match p.kind {
                        tuiyi_core::ops::Kind::Date => Value::from("2025-06-01"),
                        tuiyi_core::ops::Kind::Count => Value::from(3),
                        tuiyi_core::ops::Kind::Form => form.clone(),
                        tuiyi_core::ops::Kind::Materials => serde_json::json!([1, 2, 3]),
                        tuiyi_core::ops::Kind::Name => Value::from("plan"),
                        _ => continue,
                    };
                    m.insert(p.key.to_string(), v);
                }
                Value::Object(m)
            }
        };
        bases.push((op.name.to_string(), input));
    }
    let secrets = ["110101199003071233", "6222021234567890123", "13912345678"];
    let mut checked = 0usize;
    for (op, base) in &bases {
        let positions = tuiyi_core::fuzzing::leaf_pointers(base);
        for secret in secrets {
            for value in shapes(secret) {
                for pos in &positions {
                    let mut input = base.clone();
                    if let Some(slot) = input.pointer_mut(pos) {
                        *slot = value.clone();
                    }
                    let out = api::run(&engine, op, &input);
                    let text = outputs(op, &out);
                    assert!(
                        !tuiyi_core::mask::leaks(secret, &text),
                        "{op} with {value} at {pos}: {}",
                        &text[..text.len().min(400)]
                    );
                    checked += 1;
                }
                // As a key, at the top and inside the first object.
                let key = match &value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let mut input = base.clone();
                if let Some(m) = input.as_object_mut() {
                    m.insert(key.clone(), Value::from(1));
                }
                let text = outputs(op, &api::run(&engine, op, &input));
                assert!(
                    !tuiyi_core::mask::leaks(secret, &text),
                    "{op} key {key}: {text:.400}"
                );
                // And as the operation's name.
                let text = outputs(op, &api::run(&engine, &key, base));
                assert!(
                    !tuiyi_core::mask::leaks(secret, &text),
                    "op name {key}: {text:.400}"
                );
                checked += 2;
            }
        }
    }
    assert!(checked > 5_000, "{checked} inputs");
}
