//! Entry points shared by the cargo-fuzz targets (`fuzz/`) and the corpus-replay test
//! (`core/tests/fuzz_corpus.rs`), so every seed and every past crash runs on every `cargo test`.
//!
//! Each entry takes arbitrary bytes and checks invariants that must hold for *any* input:
//! no panic, a result or a coded error, output serializable, and no unmasked 15+-digit run of the input
//! (an ID or card number) echoed in any message or path. A violated invariant panics (that is what the
//! fuzzer looks for); these functions are not for production use.

use serde_json::Value;

use crate::{api, Engine};

fn engine() -> Engine {
    match Engine::embedded() {
        Ok(e) => e,
        Err(e) => panic!("embedded engine must load: {e}"),
    }
}

/// Every leaf position of a JSON value, as JSON Pointers (keys as they are, not escaped: the forms' keys hold
/// no `/` or `~`): where the tests write a hostile or wrong value, one position at a time.
pub fn leaf_pointers(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, x)| walk(x, format!("{at}/{k}"), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| walk(x, format!("{at}/{i}"), out)),
            _ => out.push(at),
        }
    }
    let mut out = Vec::new();
    walk(v, String::new(), &mut out);
    out
}

/// Panic if any message, path or string of `out` shows 7 or more digits in a row of a number in `input`
/// (digits of any script, separators ignored: see [`crate::mask`]).
pub fn assert_no_pii_echo(input: &str, out: &Value) {
    let secrets = crate::mask::long_runs(input);
    if secrets.is_empty() {
        return;
    }
    let text = without_catalogue_rules(out).to_string();
    let shown = crate::mask::OutputDigits::of(&text);
    for s in &secrets {
        assert!(
            !crate::mask::leaks_in(s, &shown),
            "unmasked number echoed in output: {text}"
        );
    }
}

/// `out` without the `rule` of each finding whose rule is its code's in the catalogue: a constant citation, not
/// anything the input wrote. (`GB 11643-1999` reads as the digits 116431999 once its space and hyphen are
/// dropped as separators; a fuzzed input holding `1643199` was taken for an echo of it.) A `rule` that is not
/// its code's stays, and is searched.
fn without_catalogue_rules(out: &Value) -> Value {
    // Each code's rule, made once for the process (not for every input the fuzzer runs).
    static RULES: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| {
        crate::catalogue::catalogue()
            .iter()
            .map(|c| (c.code, c.rule))
            .collect()
    });
    strip_rules(out, rules)
}

fn strip_rules(out: &Value, rules: &std::collections::HashMap<&str, &str>) -> Value {
    match out {
        Value::Array(items) => Value::Array(items.iter().map(|v| strip_rules(v, rules)).collect()),
        Value::Object(m) => {
            let constant = match (m.get("code"), m.get("rule")) {
                (Some(Value::String(code)), Some(Value::String(rule))) => {
                    rules.get(code.as_str()) == Some(&rule.as_str())
                }
                _ => false,
            };
            Value::Object(
                m.iter()
                    .filter(|(k, _)| !(constant && k.as_str() == "rule"))
                    .map(|(k, v)| (k.clone(), strip_rules(v, rules)))
                    .collect(),
            )
        }
        v => v.clone(),
    }
}

fn run_op(op: &str, data: &[u8], wrap: Option<&str>) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let engine = engine();
    let input = match crate::parse::parse(text) {
        Ok(v) => v.to_value(),
        Err(e) => {
            assert!(!e.code.is_empty());
            let err = serde_json::to_value(&e).unwrap_or(Value::Null);
            assert_no_pii_echo(text, &err);
            return;
        }
    };
    let input = match wrap {
        Some(key) => {
            let mut m = serde_json::Map::new();
            m.insert(key.to_string(), input);
            m.insert("today".into(), Value::String("2026-11-28".into()));
            Value::Object(m)
        }
        None => input,
    };
    let out = match api::run(&engine, op, &input) {
        Ok(v) => v,
        Err(e) => match serde_json::to_value(&e) {
            Ok(v) => v,
            Err(err) => panic!("error not serializable: {err}"),
        },
    };
    assert_no_pii_echo(text, &out);
}

/// Form JSON → `validate`; and the fast path (`parse_doc` + `validate_doc`) must agree with the `Value` path.
pub fn validate_json(data: &[u8]) {
    run_op("validate", data, Some("form"));
    bytes_agree_with_text(data);
    doc_agrees_with_value(data);
}

/// A form given as bytes (`api::validate_bytes`, what every face does with a `bytes` or a `Uint8Array`):
/// refused with `json_not_utf8` at `/form` exactly when std refuses the bytes, at std's offset; otherwise
/// the answer of `api::validate_text` for their text.
fn bytes_agree_with_text(data: &[u8]) {
    if data.len() > crate::limits::MAX_JSON_BYTES {
        return; // refused by its size first, whatever the bytes
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28);
    let engine = engine();
    let got = api::validate_bytes(&engine, data, today);
    match std::str::from_utf8(data) {
        Ok(text) => assert!(
            got == api::validate_text(&engine, text, today),
            "validate_bytes and validate_text differ: {text:?}"
        ),
        Err(e) => {
            let Err(err) = got else {
                panic!("bytes that are not UTF-8 were accepted: {data:?}");
            };
            assert_eq!(
                (err.code.as_str(), err.path.as_str()),
                ("json_not_utf8", "/form")
            );
            let offset = e.valid_up_to().to_string();
            assert!(
                err.message_en.contains(&format!("after byte {offset})")),
                "{err:?}"
            );
        }
    }
}

fn doc_agrees_with_value(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28);
    let ours = crate::parse::parse(text);
    // A leading byte-order mark is skipped by tuiyi (every face), refused by serde_json.
    let serde: Result<Value, _> =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text));
    match (ours, serde) {
        (Ok(d), Ok(v)) => {
            assert!(
                d.to_value() == v,
                "parse and serde_json differ: {text:?} -> {:?} / {v:?}",
                d.to_value()
            );
            let report = crate::form::validate_doc(&d, today);
            assert!(
                report == crate::form::validate(&v, today),
                "Doc and Value reports differ"
            );
            // The canonical form made in place is the one `canonical` copies, and so is the report.
            let mut owned = d.clone();
            crate::form::normalize::canonicalize(&mut owned);
            let copied = crate::form::normalize::canonical(&d);
            assert!(
                owned == *copied,
                "canonical form in place and copied differ: {text:?}"
            );
            // Reading again only the objects and entries in which the walk saw a change gives the same
            // canonical form.
            let changes = crate::form::walk::walk_form(&d, &mut Vec::new());
            assert!(
                *crate::form::normalize::canonical_where(&d, changes) == *copied,
                "canonical form of the walk's changed objects differs: {text:?}"
            );
            let mut owned = d.clone();
            let changes = crate::form::walk::walk_form(&owned, &mut Vec::new());
            crate::form::normalize::canonicalize_where(&mut owned, changes);
            assert!(
                owned == *copied,
                "canonical form in place of the walk's changed objects differs: {text:?}"
            );
            owned_input_agrees(&d, &report);
            assert!(
                crate::form::validate_parsed(d, today) == report,
                "validate_parsed and validate_doc differ: {text:?}"
            );
            normalize_invariants(&v, today);
        }
        // serde_json accepts lone surrogates in escapes, nesting up to 128 and any size; tuiyi refuses them.
        (Err(e), Ok(_)) => assert!(
            e.code.starts_with("input_"),
            "tuiyi refused valid JSON with {}",
            e.code
        ),
        (Ok(_), Err(e)) => panic!("tuiyi accepted what serde_json refuses: {e}"),
        (Err(_), Err(_)) => {}
    }
}

/// The form as a face passes it (one object of arguments, built from its host's values): the input
/// borrowed (`api::run_doc`) and given away (`api::run_doc_owned`, the form made canonical in place) answer
/// the same, and for a form that is an object, what `validate_doc` answers.
fn owned_input_agrees(form: &crate::doc::Doc, report: &crate::form::Report) {
    use crate::doc::{Doc, ObjBuilder};
    use std::borrow::Cow;
    let mut o = ObjBuilder::new();
    o.push(Cow::Borrowed("form"), form.clone());
    o.push(
        Cow::Borrowed("today"),
        Doc::String(Cow::Borrowed("2026-11-28")),
    );
    let input = Doc::Object(o.finish());
    let Some(op) = crate::ops::find("validate") else {
        return;
    };
    if crate::ops::check_limits(op, &input).is_err() {
        return; // a face refuses it while reading
    }
    let engine = engine();
    let borrowed = api::run_doc(&engine, "validate", &input).map(|o| o.to_value());
    let owned = api::run_doc_owned(&engine, "validate", input).map(|o| o.to_value());
    assert!(borrowed == owned, "run_doc and run_doc_owned differ");
    // A form that is an object is checked as it is (a string is its JSON text to the operation, and other
    // values are refused as the argument's wrong type).
    if matches!(form, Doc::Object(_)) {
        assert!(
            owned.ok() == serde_json::to_value(report).ok(),
            "run_doc_owned and validate_doc differ"
        );
    }
}

/// `normalize`: its report is `validate`'s; the canonical form is a fixed point; a valid form's canonical
/// form is valid.
fn normalize_invariants(v: &Value, today: Option<chrono::NaiveDate>) {
    let n = crate::form::normalize(v, today);
    assert!(
        n.report == crate::form::validate(v, today),
        "normalize's report differs from validate's"
    );
    let again = crate::form::normalize(&n.form, today);
    assert!(again.form == n.form, "normalize is not idempotent: {v}");
    if n.report.valid {
        assert!(
            again.report.valid,
            "the canonical form of a valid form is invalid: {v}"
        );
    }
}

/// Application JSON → `plan`.
pub fn plan_json(data: &[u8]) {
    run_op("plan", data, None);
}

/// Situation JSON → `required_materials`; applicant JSON → `check_eligibility`.
pub fn materials_json(data: &[u8]) {
    run_op("required_materials", data, None);
    run_op("check_eligibility", data, None);
}

/// Any text → date parsing: a parsed date must format back to the same half-width text.
pub fn date_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match crate::date::parse_date(text) {
        Ok(d) => assert_eq!(crate::date::format_date(d), text, "date round trip"),
        Err(crate::date::DateError::FullWidth(half)) => {
            assert!(
                crate::date::parse_date(&half).is_ok(),
                "full-width hint must parse"
            )
        }
        Err(_) => {}
    }
}

/// Any text as a calendar year file (`2026.json`): loads or gives a coded `rule_pack` error, and a loaded
/// calendar answers within its coverage without panicking.
pub fn calendar_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match crate::Calendar::from_sources(&[("2026.json", text)]) {
        Ok(cal) => {
            for y in cal.years() {
                if let Some(d) = chrono::NaiveDate::from_ymd_opt(y, 6, 1) {
                    let _ = cal.is_working_day(d);
                    let _ = cal.add_working_days(d, 10);
                    let _ = cal.period_end(d, 30);
                }
            }
        }
        Err(e) => assert_eq!(e.kind, crate::ErrorKind::RulePack, "{}", e.code),
    }
}

/// Any text in place of one file of the rule pack (the byte before the text picks which of the five):
/// loads or gives a coded `rule_pack` error.
pub fn rules_load(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut files: Vec<String> = crate::pack::FILES
        .iter()
        .map(|f| {
            let p = format!("{}/../rules/shanxi/{f}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(p).unwrap_or_default()
        })
        .collect();
    let i = usize::from(which) % files.len();
    files[i] = text.to_string();
    if let Err(e) =
        crate::RulePack::from_sources(&files[0], &files[1], &files[2], &files[3], &files[4])
    {
        assert_eq!(e.kind, crate::ErrorKind::RulePack, "{}", e.code);
    }
}
