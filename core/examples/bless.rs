//! Fill `expected` (or `error`) of shared vectors marked `"bless": true` from the current output.
//!
//!     cargo run -p tuiyi-core --example bless -- tests/vectors/plan/plan.json [more files…]
//!
//! Blessing only records what the code does now: every blessed value must then be reviewed by hand against
//! the rules (for dates: `scripts/review_vectors.py` recomputes every due date independently from
//! /work/shared/reference/cn-holidays.json semantics). Cases without `"bless": true` are left untouched.
//! Each case is written with its keys in the order name, op, bless, input, expected|error.

use std::path::Path;

use serde_json::Value;
use tuiyi_core::{api, Engine};

fn write_case(out: &mut String, case: &Value) {
    let obj = match case.as_object() {
        Some(o) => o,
        None => {
            out.push_str(&case.to_string());
            return;
        }
    };
    let order = [
        "name",
        "op",
        "bless",
        "note",
        "input",
        "input_text",
        "expected",
        "error",
    ];
    let mut parts = Vec::new();
    for k in order {
        if let Some(v) = obj.get(k) {
            parts.push(format!("    {}: {}", Value::from(k), v));
        }
    }
    for (k, v) in obj {
        if !order.contains(&k.as_str()) {
            parts.push(format!("    {}: {}", Value::from(k.as_str()), v));
        }
    }
    out.push_str("  {\n");
    out.push_str(&parts.join(",\n"));
    out.push_str("\n  }");
}

fn main() {
    let engine = Engine::embedded().unwrap_or_else(|e| panic!("embedded engine: {e}"));
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: bless FILE.json…");
        std::process::exit(2);
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("read {f}: {e}"));
        let mut cases: Vec<Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {f}: {e}"));
        let mut n = 0;
        for c in cases.iter_mut() {
            if c.get("bless") != Some(&Value::Bool(true)) {
                continue;
            }
            let op = c["op"].as_str().unwrap_or_default().to_string();
            let input = c.get("input").cloned().unwrap_or(Value::Null);
            let text = c
                .get("input_text")
                .and_then(Value::as_str)
                .map(str::to_string);
            let Some(obj) = c.as_object_mut() else {
                continue;
            };
            obj.remove("expected");
            obj.remove("error");
            let result = match &text {
                Some(t) => api::run_str(&engine, &op, t),
                None => api::run(&engine, &op, &input),
            };
            match result {
                Ok(v) => {
                    obj.insert("expected".into(), v);
                }
                Err(e) => {
                    let mut m = serde_json::Map::new();
                    m.insert("kind".into(), Value::from(e.kind.as_str()));
                    m.insert("code".into(), Value::from(e.code.clone()));
                    m.insert("path".into(), Value::from(e.path.clone()));
                    obj.insert("error".into(), Value::Object(m));
                }
            }
            n += 1;
        }
        let mut out = String::from("[\n");
        for (i, c) in cases.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            write_case(&mut out, c);
        }
        out.push_str("\n]\n");
        std::fs::write(Path::new(&f), out).unwrap_or_else(|e| panic!("write {f}: {e}"));
        eprintln!("{f}: blessed {n} case(s)");
    }
}
