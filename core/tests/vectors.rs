//! Runs every shared vector in `tests/vectors/` through `tuiyi_core::api::run` (see tests/README.md).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tuiyi_core::{api, Engine};

fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            vector_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// Every case of every vector file: (file, case).
fn all_cases() -> Vec<(PathBuf, Value)> {
    let mut files = Vec::new();
    vector_files(&vectors_dir(), &mut files);
    let mut cases = Vec::new();
    for f in files {
        let text =
            std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("read {}: {e}", f.display()));
        let v: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", f.display()));
        let arr = v
            .as_array()
            .unwrap_or_else(|| panic!("{}: not an array of cases", f.display()));
        for c in arr {
            cases.push((f.clone(), c.clone()));
        }
    }
    cases
}

#[test]
fn shared_vectors() {
    let engine = Engine::embedded().expect("embedded engine");
    let cases = all_cases();
    let mut names = BTreeSet::new();
    let mut failures = Vec::new();
    for (file, case) in &cases {
        let name = case["name"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: case without name", file.display()));
        assert!(
            names.insert(name.to_string()),
            "duplicate vector name {name:?}"
        );
        let op = case["op"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no op"));
        // `form_bytes_hex`: the form's JSON text as bytes (`validate` only), the rest of the input in `input`.
        // `input_text`: the input as JSON text (for inputs a JSON file cannot hold, e.g. a lone surrogate).
        let bytes = case.get("form_bytes_hex").and_then(Value::as_str);
        let got = match (bytes, case.get("input_text").and_then(Value::as_str)) {
            (Some(hex), _) => bytes_case(&engine, name, op, hex, case, &mut failures),
            (None, Some(text)) => api::run_str(&engine, op, text),
            (None, None) => {
                let input = case.get("input").cloned().unwrap_or(Value::Null);
                let got = api::run(&engine, op, &input);
                // The same input as text answers the same.
                let as_text = api::run_str(&engine, op, &input.to_string());
                if got != as_text {
                    failures.push(format!(
                        "{name}: run and run_str differ: {got:?} / {as_text:?}"
                    ));
                }
                borrowed_and_owned_agree(&engine, name, op, &input, &got, &mut failures);
                got
            }
        };
        match (case.get("expected"), case.get("error"), got) {
            (Some(exp), None, Ok(out)) => {
                if &out != exp {
                    failures.push(format!(
                        "{name} ({}):\n  expected {exp}\n  got      {out}",
                        file.display()
                    ));
                }
            }
            (None, Some(exp), Err(err)) => {
                let err_json = serde_json::to_value(&err).expect("error to json");
                for (k, v) in exp.as_object().expect("error is an object") {
                    if err_json.get(k) != Some(v) {
                        failures.push(format!(
                            "{name}: error.{k}: expected {v}, got {:?}",
                            err_json.get(k)
                        ));
                    }
                }
            }
            (Some(_), None, Err(err)) => {
                failures.push(format!("{name}: expected output, got error {err}"))
            }
            (None, Some(_), Ok(out)) => failures.push(format!("{name}: expected error, got {out}")),
            _ => failures.push(format!(
                "{name}: a case has exactly one of expected / error"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!("{} shared vectors passed", cases.len());
}

/// A face's input borrowed (`api::run_doc`: arguments read where they lie, a form given as an object
/// copied to be made canonical) and given away (`api::run_doc_owned`: arguments moved out, the form made
/// canonical in place) answers what `api::run` answers — for every input within the limits (the faces check
/// those while reading).
fn borrowed_and_owned_agree(
    engine: &Engine,
    name: &str,
    op: &str,
    input: &Value,
    got: &tuiyi_core::Result<Value>,
    failures: &mut Vec<String>,
) {
    let doc = tuiyi_core::doc::Doc::from_value(input);
    let Some(found) = tuiyi_core::ops::find(op) else {
        return;
    };
    if tuiyi_core::ops::check_limits(found, &doc).is_err() {
        return;
    }
    let borrowed = api::run_doc(engine, op, &doc).map(|o| o.to_value());
    let owned = api::run_doc_owned(engine, op, doc.clone()).map(|o| o.to_value());
    if &borrowed != got || &owned != got {
        failures.push(format!(
            "{name}: run, run_doc and run_doc_owned differ: {got:?} / {borrowed:?} / {owned:?}"
        ));
    }
}

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

/// A case whose form is given as bytes: what every face does with them (`parse::utf8_text`, then the form as
/// its text) — the answer, compared with the case like any other — and `api::validate_bytes`, which must
/// answer the same.
fn bytes_case(
    engine: &Engine,
    name: &str,
    op: &str,
    hex: &str,
    case: &Value,
    failures: &mut Vec<String>,
) -> tuiyi_core::Result<Value> {
    assert_eq!(op, "validate", "{name}: form_bytes_hex is for validate");
    let bytes = unhex(hex);
    let mut input = case.get("input").cloned().unwrap_or(Value::Null);
    let through_run = tuiyi_core::parse::utf8_text(&bytes, "/form").and_then(|t| {
        input["form"] = Value::String(t.to_string());
        api::run(engine, op, &input)
    });
    let today = input
        .get("today")
        .and_then(Value::as_str)
        .map(|t| tuiyi_core::date::parse_date(t).expect("today"));
    let direct = api::validate_bytes(engine, &bytes, today)
        .map(|r| serde_json::to_value(r).expect("report to json"));
    if through_run != direct {
        failures.push(format!(
            "{name}: run and validate_bytes differ: {through_run:?} / {direct:?}"
        ));
    }
    through_run
}
