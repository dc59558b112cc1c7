//! Form model, schema and validator tests that do not go through the shared vectors.

use std::path::Path;

use serde_json::{json, Value};
use tuiyi_core::form::{self, fill_pushed_fields};
use tuiyi_core::Engine;

fn repo(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

fn example() -> Value {
    let text = std::fs::read_to_string(repo("examples/form.json")).expect("examples/form.json");
    serde_json::from_str(&text).expect("example parses")
}

#[test]
fn checked_in_schema_matches_the_code() {
    let engine = Engine::embedded().expect("engine");
    let text = std::fs::read_to_string(repo("schemas/form.schema.json"))
        .expect("schemas/form.schema.json");
    let on_disk: Value = serde_json::from_str(&text).expect("schema parses");
    assert!(
        on_disk == engine.form_schema(),
        "schemas/form.schema.json is out of date; regenerate it with\n  cargo run -p tuiyi-core --example form_schema > schemas/form.schema.json"
    );
}

fn walk(v: &Value, path: &str, f: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            f(path, m);
            for (k, x) in m {
                walk(x, &format!("{path}/{k}"), f);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{path}/{i}"), f);
            }
        }
        _ => {}
    }
}

/// Structural check of the schema against the 2020-12 vocabulary we use (no network, no ajv here).
#[test]
fn schema_is_well_formed_2020_12() {
    let s = form::schema::form_schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let defs = s["$defs"].as_object().expect("$defs");
    let known: &[&str] = &[
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "allOf",
        "if",
        "then",
        "default",
    ];
    let types = [
        "object", "array", "string", "integer", "number", "boolean", "null",
    ];
    let mut problems = Vec::new();
    walk(s, "", &mut |path, m| {
        // Objects under `properties`/`$defs` are maps of names, not schemas.
        if path.ends_with("/properties") || path.ends_with("/$defs") {
            return;
        }
        for (k, v) in m {
            if !known.contains(&k.as_str()) {
                problems.push(format!("{path}: unknown keyword {k}"));
            }
            match k.as_str() {
                "$ref" => {
                    let r = v.as_str().unwrap_or("");
                    let name = r.strip_prefix("#/$defs/").unwrap_or("");
                    if !defs.contains_key(name) {
                        problems.push(format!("{path}: dangling $ref {r}"));
                    }
                }
                "type" if !v.as_str().is_some_and(|t| types.contains(&t)) => {
                    problems.push(format!("{path}: bad type {v}"));
                }
                "pattern" => {
                    let p = v.as_str().unwrap_or("");
                    if p.contains("\\d") {
                        problems.push(format!("{path}: \\d in pattern"));
                    }
                }
                "enum" | "required" | "allOf" if v.as_array().is_none_or(|a| a.is_empty()) => {
                    problems.push(format!("{path}: {k} must be a non-empty array"));
                }
                "format" if v != "date" => {
                    problems.push(format!("{path}: non-standard format {v}"));
                }
                _ => {}
            }
        }
        if m.contains_key("required") {
            if let Some(props) = m.get("properties").and_then(Value::as_object) {
                for r in m["required"].as_array().into_iter().flatten() {
                    if !props.contains_key(r.as_str().unwrap_or("")) {
                        problems.push(format!("{path}: required {r} is not a property"));
                    }
                }
            }
        }
    });
    let text = s.to_string();
    assert!(!text.contains("multipleOf"), "never multipleOf for money");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn schema_titles_are_the_labels_of_the_form() {
    let s = form::schema::form_schema();
    let p = |ptr: &str| {
        s.pointer(ptr)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(p("/$defs/BasicInfo/properties/id_number/title"), "身份证号");
    assert_eq!(
        p("/$defs/MedicalInsuranceTransfer/properties/balance_uppercase/title"),
        "个人账户余额(大写)"
    );
    assert_eq!(
        p("/properties/hukou_registration/title"),
        "户口登记(退役军人恢复户口)业务信息"
    );
    // Every property of every section has a title and a description.
    for (name, def) in s["$defs"].as_object().expect("defs") {
        if let Some(props) = def.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                assert!(v.get("title").is_some(), "{name}.{k} has no title");
                assert!(
                    v.get("description").is_some(),
                    "{name}.{k} has no description"
                );
            }
            assert_eq!(
                def["additionalProperties"], false,
                "{name} must deny unknown fields"
            );
        }
    }
    // 56 ethnic groups with their codes.
    assert_eq!(
        s["$defs"]["Ethnicity"]["enum"].as_array().map(Vec::len),
        Some(56)
    );
    // Conditional requirements are in the schema.
    assert!(s["$defs"]["BasicInfo"]["allOf"]
        .as_array()
        .is_some_and(|a| a.len() >= 6));
    assert!(s["allOf"][0]["then"]["required"][0] == "hukou_registration");
}

#[test]
fn example_deserializes_into_the_typed_model() {
    let f: form::Form = serde_json::from_value(example()).expect("typed model reads the example");
    assert_eq!(f.family_members.len(), 2);
}

#[test]
fn example_has_no_structural_finding() {
    let r = form::validate(&example(), chrono::NaiveDate::from_ymd_opt(2024, 10, 15));
    let structural: Vec<_> = r
        .errors
        .iter()
        .chain(&r.warnings)
        .filter(|f| {
            matches!(
                f.code.as_ref(),
                "form_wrong_type"
                    | "form_unknown_field"
                    | "form_unknown_value"
                    | "form_required"
                    | "form_required_if"
            )
        })
        .collect();
    assert!(structural.is_empty(), "{structural:?}");
}

#[test]
fn pushed_fields_are_filled_from_basic_info() {
    let f = fill_pushed_fields(&example());
    assert_eq!(f["hukou_registration"]["name"], "王晓军");
    assert_eq!(f["hukou_registration"]["id_number"], "140105199803153019");
    assert_eq!(
        f["hukou_registration"]["original_address"],
        f["basic_info"]["household_registration_place"]
    );
    // Given values are kept; a form without the section is unchanged.
    let mut g = example();
    g["hukou_registration"]["name"] = json!("别名");
    assert_eq!(fill_pushed_fields(&g)["hukou_registration"]["name"], "别名");
    let mut h = example();
    h.as_object_mut().map(|o| o.remove("hukou_registration"));
    assert_eq!(fill_pushed_fields(&h), h);
}

#[test]
fn money_decimals_are_read_from_the_shortest_text() {
    let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 15);
    let codes = |amount: Value| -> Vec<String> {
        let mut f = example();
        f["employment"]["family_annual_income"] = amount;
        form::validate(&f, today)
            .errors
            .into_iter()
            .filter(|x| x.path == "/employment/family_annual_income")
            .map(|x| x.code.into_owned())
            .collect()
    };
    for ok in [
        json!(0.3),
        json!(1234.56),
        json!(0.07),
        json!(100),
        json!(0),
        json!(19.99),
        json!(999999999999.99),
    ] {
        assert!(codes(ok.clone()).is_empty(), "{ok} should be accepted");
    }
    assert_eq!(codes(json!(0.1 + 0.2)), ["form_money_decimals"]);
    assert_eq!(codes(json!(1.005)), ["form_money_decimals"]);
    assert_eq!(codes(json!(-0.5)), ["form_money_negative"]);
    assert_eq!(codes(json!(1e12)), ["form_money_too_large"]);
}

#[test]
fn report_order_is_deterministic_and_messages_masked() {
    let mut f = example();
    f["basic_info"]["gender"] = json!("女");
    f["basic_info"]["zzz"] = json!(1);
    // Full-width digits are folded (the canonical form); the wrong check digit is reported, masked.
    f["basic_info"]["id_number"] = json!("１４０１０５１９９８０３１５３０１８");
    let a = form::validate(&f, chrono::NaiveDate::from_ymd_opt(2024, 10, 15));
    let b = form::validate(&f, chrono::NaiveDate::from_ymd_opt(2024, 10, 15));
    assert_eq!(a, b);
    let text = serde_json::to_string(&a).expect("json");
    assert!(!text.contains("140105199803153018"), "{text}");
    let fw = a
        .errors
        .iter()
        .find(|x| x.code == "form_id_check_digit")
        .expect("check-digit finding");
    assert!(fw.message.contains("140*************18"), "{}", fw.message);
}

#[test]
fn default_today_is_the_shanghai_date() {
    let t = form::today_shanghai();
    let utc = chrono::Utc::now().date_naive();
    assert!(
        t == utc || t == utc.succ_opt().expect("date"),
        "{t} vs {utc}"
    );
}

/// The fast path (`parse_doc` + `validate_doc`, used by `tuiyi batch` and text input in the bindings) gives
/// exactly the report of the `Value` path, on every form of the shared vectors, the example forms and
/// text with escapes and repeated keys.
#[test]
fn doc_path_equals_value_path() {
    let engine = Engine::embedded().expect("engine");
    let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 15);
    let mut texts: Vec<String> = Vec::new();
    for dir in [
        "tests/vectors/form",
        "tests/vectors/hardening",
        "tests/vectors/dispatch",
    ] {
        for entry in std::fs::read_dir(repo(dir)).expect("vector dir") {
            let path = entry.expect("entry").path();
            let cases: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            for case in cases.as_array().into_iter().flatten() {
                if let Some(f) = case.pointer("/input/form") {
                    texts.push(serde_json::to_string(f).expect("text"));
                    texts.push(serde_json::to_string_pretty(f).expect("text"));
                }
            }
        }
    }
    for entry in std::fs::read_dir(repo("tests/forms")).expect("tests/forms") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            texts.push(std::fs::read_to_string(path).expect("read"));
        }
    }
    // The generated forms (one JSON object per line: {"form": …}).
    for name in ["valid.jsonl", "defects.jsonl"] {
        let text = std::fs::read_to_string(repo("tests/forms/generated").join(name)).expect("read");
        // Every line: most are not written canonically (codes, short names, +86 phones, full-width digits).
        for line in text.lines() {
            let v: Value = serde_json::from_str(line).expect("json line");
            texts.push(serde_json::to_string(&v["form"]).expect("text"));
        }
    }
    texts.push(std::fs::read_to_string(repo("examples/form.json")).expect("example"));
    // Escapes (owned strings in the Doc) and a repeated key (the last one counts, as in serde_json).
    texts.push(
        r#"{"basic_info":{"name":"\u5f20\u4e09","name":"李四","id_number":"1\u0034"},"x\"y":1,"x\"y":[]}"#
            .to_string(),
    );
    assert!(texts.len() > 100, "{} texts", texts.len());
    for text in &texts {
        let value: Result<Value, tuiyi_core::Error> =
            tuiyi_core::parse::parse(text).map(|d| d.to_value());
        let doc = tuiyi_core::parse::parse(text);
        match (value, doc) {
            (Ok(v), Ok(d)) => {
                assert_eq!(d.to_value(), v, "{text}");
                let report = engine.validate(&v, today);
                assert_eq!(engine.validate_doc(&d, today), report, "{text}");
                // Made canonical in place, not copied: the same report.
                assert_eq!(engine.validate_parsed(d, today), report, "{text}");
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "{text}"),
            (a, b) => panic!("paths disagree on {text}: {a:?} / {b:?}"),
        }
    }
}

/// The form given as its own JSON text (`{"form": "<text>", …}`) answers exactly as the form given as an object
/// — reports, and input errors with their codes and paths — on every validate vector (limits included).
#[test]
fn validate_text_equals_run() {
    let engine = Engine::embedded().expect("engine");
    let mut n = 0;
    for dir in ["tests/vectors/form", "tests/vectors/hardening"] {
        for entry in std::fs::read_dir(repo(dir)).expect("vector dir") {
            let path = entry.expect("entry").path();
            let cases: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            for case in cases.as_array().into_iter().flatten() {
                if case["op"] != "validate" {
                    continue;
                }
                let input = &case["input"];
                let Some(form) = input.get("form").filter(|f| !f.is_string()) else {
                    continue;
                };
                let text = serde_json::to_string(form).expect("text");
                let expected = tuiyi_core::api::run(&engine, "validate", input);
                let mut as_text = input.clone();
                as_text["form"] = Value::String(text);
                let got = tuiyi_core::api::run(&engine, "validate", &as_text);
                assert_eq!(got, expected, "{}", case["name"]);
                n += 1;
            }
        }
    }
    assert!(n > 100, "{n} cases");
}

/// The type column of docs/form.md for one property.
fn doc_type(defs: &serde_json::Map<String, Value>, p: &Value) -> String {
    if let Some(r) = p.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or("");
        return match name {
            "Date" => "date".into(),
            "YearMonth" => "YYYY-MM".into(),
            _ if defs.get(name).is_some_and(|d| d.get("enum").is_some()) => format!("enum {name}"),
            _ => name.into(),
        };
    }
    match p.get("type").and_then(Value::as_str) {
        Some("string") => match p.get("pattern").and_then(Value::as_str) {
            Some(pat) if pat != "\\S" => format!("string `{}`", pat.replace('|', "\\|")),
            _ => "string".into(),
        },
        Some("number") => "number (元)".into(),
        Some("integer") => match (p.get("minimum"), p.get("maximum")) {
            (Some(lo), Some(hi)) => format!("integer {lo}–{hi}"),
            (Some(lo), None) => format!("integer {lo}–"),
            _ => "integer".into(),
        },
        Some(t) => t.into(),
        None => String::new(),
    }
}

/// The "Sections and fields" part of docs/form.md, from the schema.
fn render_fields() -> String {
    let s = form::schema::form_schema();
    let defs = s["$defs"].as_object().expect("defs");
    let required: Vec<&str> = s["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut out = String::from("## Sections and fields\n\n");
    let props = s["properties"].as_object().expect("properties");
    let mut keys: Vec<&String> = props.keys().collect();
    keys.sort();
    for key in keys {
        let p = &props[key];
        let list = p["type"] == "array";
        let r = if list {
            &p["items"]["$ref"]
        } else {
            &p["$ref"]
        };
        let name = r.as_str().unwrap_or("").rsplit('/').next().unwrap_or("");
        let d = &defs[name];
        out.push_str(&format!(
            "### {} — `{key}`{} ({})\n\n| key | 标签 (title) | type | required | 说明 |\n|---|---|---|---|---|\n",
            p["title"].as_str().unwrap_or(""),
            if list { " (list)" } else { "" },
            if required.contains(&key.as_str()) { "必填" } else { "可选" }
        ));
        let dreq: Vec<&str> = d["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let fields = d["properties"].as_object().expect("properties");
        let mut fkeys: Vec<&String> = fields.keys().collect();
        fkeys.sort();
        for k in fkeys {
            let q = &fields[k];
            out.push_str(&format!(
                "| `{k}` | {} | {} | {} | {} |\n",
                q["title"].as_str().unwrap_or(""),
                doc_type(defs, q),
                if dreq.contains(&k.as_str()) {
                    "✔"
                } else {
                    ""
                },
                q["description"].as_str().unwrap_or("")
            ));
        }
        out.push('\n');
    }
    out
}

/// docs/form.md's tables of sections and fields are the schema's (regenerate them with
/// `TUIYI_BLESS=1 cargo test -p tuiyi-core --test form`).
#[test]
fn docs_form_md_fields_are_the_schemas() {
    let path = repo("docs/form.md");
    let doc = std::fs::read_to_string(&path).expect("docs/form.md");
    let (Some(a), Some(b)) = (
        doc.find("## Sections and fields"),
        doc.find("## Closed lists"),
    ) else {
        panic!("docs/form.md lost its sections");
    };
    let want = render_fields();
    if std::env::var_os("TUIYI_BLESS").is_some() {
        let new = format!("{}{}{}", &doc[..a], want, &doc[b..]);
        std::fs::write(&path, new).expect("write docs/form.md");
        return;
    }
    assert!(
        doc[a..b] == want,
        "docs/form.md sections and fields are out of date; regenerate with\n  TUIYI_BLESS=1 cargo test -p tuiyi-core --test form"
    );
}
