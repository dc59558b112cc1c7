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

/// Runs of 15 or more digits in `s`, with the check character `X`/`x` an ID may end with (half-width
/// only; inputs are normalised before echoing). A run of letters `X` alone is not a number (a fuzzer's
/// `XXXX…` in a key once tripped this check).
fn long_digit_runs(s: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, runs: &mut Vec<String>| {
        if cur.len() >= 15 {
            runs.push(std::mem::take(cur));
        }
        cur.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if (c == 'X' || c == 'x') && !cur.is_empty() {
            cur.push(c);
            flush(&mut cur, &mut runs);
        } else {
            flush(&mut cur, &mut runs);
        }
    }
    flush(&mut cur, &mut runs);
    runs
}

/// Panic if any text in `out` contains a 15+-digit run that occurs in `input`.
pub fn assert_no_pii_echo(input: &str, out: &Value) {
    let secrets = long_digit_runs(input);
    if secrets.is_empty() {
        return;
    }
    let text = out.to_string();
    for s in &secrets {
        assert!(
            !text.contains(s.as_str()),
            "unmasked number echoed in output: {text}"
        );
    }
}

fn run_op(op: &str, data: &[u8], wrap: Option<&str>) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let engine = engine();
    let input = match crate::input::parse_json(text) {
        Ok(v) => v,
        Err(e) => {
            assert!(!e.code.is_empty());
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
    doc_agrees_with_value(data);
}

fn doc_agrees_with_value(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28);
    match (
        crate::input::parse_json(text),
        crate::input::parse_doc(text),
    ) {
        (Ok(v), Ok(d)) => {
            assert!(d.to_value() == v, "Doc and Value differ");
            assert!(
                crate::form::validate_doc(&d, today) == crate::form::validate(&v, today),
                "Doc and Value reports differ"
            );
        }
        (Err(a), Err(b)) => assert_eq!(a.code, b.code, "parse errors differ"),
        (a, b) => panic!(
            "one path parsed, the other did not: {:?} / {:?}",
            a.err().map(|e| e.code),
            b.err().map(|e| e.code)
        ),
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
    let mut files: Vec<String> = crate::rules::FILES
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

/// The tape the Node face decodes its JS walker's output into: any UTF-16 code units read back as
/// `String::from_utf16_lossy` reads them (the encoder writes through raw pointers: a fuzzer with
/// AddressSanitizer checks it stays in bounds), and any JSON value written onto a tape reads back unchanged,
/// and validates exactly as from text.
pub fn tape(data: &[u8]) {
    use crate::tape::Tape;
    let units: Vec<u16> = data
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    let cut = data
        .first()
        .map_or(0, |&b| usize::from(b) % (units.len() + 1));
    let mut t = Tape::new();
    t.string_utf16(&units[..cut]);
    t.string_utf16(&units[cut..]);
    let mut pos = 0;
    for part in [&units[..cut], &units[cut..]] {
        let got = t.read_value(&mut pos);
        assert_eq!(got, Value::from(String::from_utf16_lossy(part)));
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(v) = crate::input::parse_json(text) else {
        return;
    };
    let mut t = Tape::new();
    t.value_utf16(&v);
    assert_eq!(t.read_value(&mut 0), v, "tape round trip");
    let doc = t.read_doc(&mut 0);
    assert_eq!(doc.to_value(), v, "tape → Doc");
    let e = engine();
    let from_tape = api::validate_form_doc(&e, &doc, None).map_err(|e| e.code);
    let from_text = api::validate_text(&e, text, None).map_err(|e| e.code);
    let same = match (&from_tape, &from_text) {
        (Ok(a), Ok(b)) => serde_json::to_value(a).ok() == serde_json::to_value(b).ok(),
        (Err(a), Err(b)) => a == b,
        _ => false,
    };
    assert!(
        same,
        "tape and text disagree: {from_tape:?} vs {from_text:?}"
    );
}

#[cfg(test)]
mod tests {
    use super::long_digit_runs;

    #[test]
    fn digit_runs_are_numbers_not_letters() {
        assert_eq!(
            long_digit_runs("id 14010519720505101X, card 6222021234567890123 ok"),
            vec![
                "14010519720505101X".to_string(),
                "6222021234567890123".into()
            ]
        );
        assert!(long_digit_runs("educatioXXXXXXXXXXXXXXXXXXXXn_level").is_empty());
        assert!(long_digit_runs("12345678901234").is_empty());
        assert_eq!(long_digit_runs("x123456789012345"), vec!["123456789012345"]);
    }
}
