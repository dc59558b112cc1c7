//! The validator and its published schema agree (issue 12): the schema (`tuiyi schema`,
//! schemas/form.schema.json) describes the canonical form, so
//!
//! 1. every canonical form — `normalize` of every form tuiyi accepts — passes tuiyi again (with the same
//!    canonical form: normalize is idempotent) and passes the schema, with jsonschema-rs (Draft 2020-12,
//!    formats asserted) and, when python3 and its `jsonschema` package are installed, Python's validator
//!    (scripts/check_schema.py; skipped with a note otherwise);
//! 2. hence whatever tuiyi accepts, normalized, passes the schema — including the same forms written the way
//!    people and other systems write them (codes, short names, full-width digits, spaces, `+86`, grouped card
//!    numbers, `8.0`: [`noisy`]).
//!
//! The forms: every form of the shared vectors, tests/forms/ (and its generated forms), examples/. Ajv (the
//! validator of the Node face) is run over the same canonical forms by the Node test suite.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tuiyi_core::{vocab, Engine};

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

const DEFAULT_TODAY: &str = "2024-10-15";

/// (where it comes from, form, today).
fn forms() -> Vec<(String, Value, String)> {
    let mut out = Vec::new();
    let mut stack = vec![repo("tests/vectors")];
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("vector dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    for f in files {
        let cases: Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
        for c in cases.as_array().into_iter().flatten() {
            if let Some(form) = c.pointer("/input/form") {
                let today = c
                    .pointer("/input/today")
                    .and_then(Value::as_str)
                    .unwrap_or(DEFAULT_TODAY);
                let name = c["name"].as_str().unwrap_or("?").to_string();
                out.push((name, form.clone(), today.to_string()));
            }
        }
    }
    let mut dirs = vec![repo("tests/forms"), repo("examples")];
    while let Some(dir) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let shown = p.strip_prefix(repo("")).unwrap_or(&p).display().to_string();
            match p.extension().and_then(|x| x.to_str()) {
                Some("json") => {
                    let Ok(v) = serde_json::from_str::<Value>(&text) else {
                        continue;
                    };
                    // Only forms (examples/ holds other inputs too).
                    if v.get("basic_info").is_some() || shown.starts_with("tests/forms") {
                        out.push((shown, v, DEFAULT_TODAY.to_string()));
                    }
                }
                Some("jsonl") => {
                    for (i, line) in text.lines().enumerate() {
                        let Ok(v) = serde_json::from_str::<Value>(line) else {
                            continue;
                        };
                        // Generated files: {"form": …, "today": …} per line.
                        let today = v["today"].as_str().unwrap_or(DEFAULT_TODAY).to_string();
                        out.push((format!("{shown}:{}", i + 1), v["form"].clone(), today));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn today(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Full-width digits and letters.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A canonical value of some closed list, written another way the list's code table accepts (its code
/// first, else a short name or synonym); `None` when the text is no list's canonical value.
fn other_spelling(s: &str, salt: usize) -> Option<String> {
    // A value canonical in two lists (中等职业教育: 学历 and 服役前在读阶段): which list's spellings apply depends
    // on the field; left as it is.
    if vocab::lists()
        .iter()
        .filter(|l| l.canonical_values().any(|v| v == s))
        .count()
        > 1
    {
        return None;
    }
    for l in vocab::lists() {
        let spellings: Vec<&str> = l.spellings_of(s).into_iter().filter(|x| *x != s).collect();
        if !spellings.is_empty() {
            return Some(spellings[salt % spellings.len()].to_string());
        }
    }
    None
}

/// The form as people and other systems write it: every value in another accepted spelling.
fn noisy(v: &Value, key: &str, salt: &mut usize) -> Value {
    *salt += 1;
    let n = *salt;
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), noisy(x, k, salt)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| noisy(x, key, salt)).collect()),
        Value::Number(num) if num.is_u64() => {
            // An integer (or a whole amount) written with a zero fraction.
            json!(num.as_u64().unwrap_or(0) as f64)
        }
        Value::String(s) => {
            let t = match key {
                "id_number" | "sponsor_id_number" => format!(
                    " {} {} ",
                    full_width(&s[..6.min(s.len())]),
                    &s[6.min(s.len())..]
                )
                .to_lowercase(),
                "phone" | "emergency_contact_phone" | "legal_representative_phone" => {
                    if s.len() == 11 && s.starts_with('1') {
                        format!("+86 {} {} {}", &s[..3], &s[3..7], &s[7..])
                    } else {
                        full_width(&s.replacen('-', " ", 1))
                    }
                }
                "bank_card_number" => s
                    .as_bytes()
                    .chunks(4)
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
                "uscc" => full_width(&s.to_lowercase()),
                "resettlement_place" => format!(" {}", full_width(s)),
                _ if key.ends_with("date") => full_width(s),
                _ => match other_spelling(s, n) {
                    Some(o) => o,
                    None => format!("\u{3000}{s} "),
                },
            };
            Value::String(t)
        }
        other => other.clone(),
    }
}

fn validator() -> jsonschema::Validator {
    let schema = Engine::embedded().expect("engine").form_schema();
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the form schema compiles")
}

#[test]
fn every_canonical_form_passes_tuiyi_and_the_schema() {
    let engine = Engine::embedded().expect("engine");
    let schema = validator();
    let mut canonical_forms: Vec<Value> = Vec::new();
    let mut failures = Vec::new();
    let (mut accepted, mut noisy_accepted) = (0, 0);
    for (name, form, t) in forms() {
        let day = today(&t);
        let n = engine.normalize(&form, day);
        if engine.validate(&form, day) != n.report {
            failures.push(format!(
                "{name}: normalize's report differs from validate's"
            ));
        }
        if !n.report.valid {
            continue;
        }
        accepted += 1;
        let again = engine.normalize(&n.form, day);
        if !again.report.valid {
            failures.push(format!(
                "{name}: the canonical form is not valid: {:?}",
                again.report.errors
            ));
        }
        if again.form != n.form {
            failures.push(format!(
                "{name}: normalize is not idempotent:\n  {}\n  {}",
                n.form, again.form
            ));
        }
        let errors: Vec<String> = schema
            .iter_errors(&n.form)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        if !errors.is_empty() {
            failures.push(format!(
                "{name}: the schema rejects the canonical form: {errors:?}"
            ));
        }
        // The same form written the way people and other systems write it: accepted, it normalizes to the
        // same canonical form (a spelling that belongs to another list may be refused: then nothing to say).
        let mut salt = name.len();
        let typed = noisy(&n.form, "", &mut salt);
        let m = engine.normalize(&typed, day);
        if m.report.valid {
            noisy_accepted += 1;
            if m.form != n.form {
                failures.push(format!(
                    "{name}: written another way, it normalizes differently:\n  typed     {typed}\n  canonical {}\n  got       {}",
                    n.form, m.form
                ));
            }
        } else if std::env::var_os("TUIYI_SHOW_NOISY").is_some() {
            eprintln!("{name} (noisy): {:?}", m.report.errors);
        }
        canonical_forms.push(n.form);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(accepted >= 30, "{accepted} valid forms");
    assert!(
        noisy_accepted == accepted,
        "only {noisy_accepted} of {accepted} forms accepted written another way"
    );
    eprintln!(
        "{} canonical forms pass tuiyi and jsonschema-rs; {noisy_accepted} of them written another way normalize back to themselves",
        canonical_forms.len()
    );
    python_agrees(&canonical_forms);
}

/// Python's `jsonschema` (Draft 2020-12) over the same canonical forms; skipped, with a note, when python3 or
/// the package is missing.
fn python_agrees(forms: &[Value]) {
    let dir = std::env::temp_dir().join(format!("tuiyi-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("canonical.jsonl");
    let mut f = std::fs::File::create(&file).expect("create");
    for v in forms {
        writeln!(f, "{v}").expect("write");
    }
    drop(f);
    let out = std::process::Command::new("python3")
        .arg(repo("scripts/check_schema.py"))
        .arg(repo("schemas/form.schema.json"))
        .arg(&file)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Err(e) => eprintln!("SKIPPED the Python jsonschema check: cannot run python3 ({e})"),
        Ok(o) if o.status.code() == Some(3) => eprintln!(
            "SKIPPED the Python jsonschema check: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Ok(o) => {
            assert!(
                o.status.success(),
                "Python jsonschema rejects canonical forms:\n{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            eprintln!(
                "Python jsonschema: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
        }
    }
}

/// The schema is the canonical form's: the spellings normalize replaces are not in it.
#[test]
fn the_schema_describes_the_canonical_form() {
    let schema = validator();
    let s = Engine::embedded().expect("engine").form_schema();
    let desc = s["description"].as_str().unwrap_or("");
    assert!(
        desc.contains("normalize") && desc.contains("规范形式"),
        "{desc}"
    );
    let example: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("examples/form.json")).expect("example"),
    )
    .expect("json");
    assert!(schema.is_valid(&example));
    for (ptr, typed) in [
        ("/basic_info/political_status", json!("03")),
        ("/basic_info/phone", json!("+86 139 1234 5678")),
        ("/basic_info/id_number", json!("14010519980315349x")),
        ("/basic_info/resettlement_place", json!(" 140105")),
        (
            "/other_info/bank_card_number",
            json!("6222 0212 3456 7890 128"),
        ),
        ("/basic_info/emergency_contact_phone", json!("03517654321")),
    ] {
        let mut f = example.clone();
        *f.pointer_mut(ptr).expect("pointer") = typed.clone();
        assert!(!schema.is_valid(&f), "{ptr} = {typed} is not canonical");
        let n = Engine::embedded()
            .expect("engine")
            .normalize(&f, today(DEFAULT_TODAY));
        assert!(n.report.valid, "{ptr} = {typed}: {:?}", n.report.errors);
        assert!(schema.is_valid(&n.form), "{ptr} = {typed}");
    }
}

/// Every published schema (`tuiyi schema --list`) is a valid draft 2020-12 schema by the meta-schema and compiles in
/// jsonschema-rs with format validation on (the other two validators of issue 16 — ajv 2020 strict with ajv-formats
/// and Python's `Draft202012Validator.check_schema` — run in the Node and Python suites).
#[test]
fn every_published_schema_compiles_in_jsonschema_rs() {
    for name in tuiyi_core::schemas::NAMES {
        let schema =
            tuiyi_core::schemas::named(name).unwrap_or_else(|e| panic!("schema {name}: {e}"));
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("schema {name} is not a valid draft 2020-12 schema: {e}");
        }
        if let Err(e) = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
        {
            panic!("schema {name} does not compile in jsonschema-rs: {e}");
        }
    }
}
