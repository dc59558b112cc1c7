//! Re-bless shared vectors of op `validate`: fill each case's `expected` with the current report.
//! `cargo run -p tuiyi-core --example form_bless -- tests/vectors/form/*.json` — then REVIEW the diff.
//! With `--print FILE.json` it prints the report of one form (for a quick look).

use serde_json::Value;
use tuiyi_core::{api, Engine};

fn main() {
    let engine = match Engine::embedded() {
        Ok(e) => e,
        Err(e) => return eprintln!("{e}"),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--print") {
        for f in &args[1..] {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let form: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let input = serde_json::json!({"form": form, "today": "2024-10-15"});
            match api::run(&engine, "validate", &input) {
                Ok(v) => println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()),
                Err(e) => println!("{e}"),
            }
        }
        return;
    }
    for f in &args {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let Ok(Value::Array(mut cases)) = serde_json::from_str::<Value>(&text) else {
            eprintln!("{f}: not an array");
            continue;
        };
        for case in &mut cases {
            if case["op"] != "validate" || case.get("error").is_some() {
                continue;
            }
            let input = case.get("input").cloned().unwrap_or(Value::Null);
            match api::run(&engine, "validate", &input) {
                Ok(v) => case["expected"] = v,
                Err(e) => eprintln!("{}: {e}", case["name"]),
            }
        }
        let out = serde_json::to_string_pretty(&Value::Array(cases)).unwrap_or_default();
        if let Err(e) = std::fs::write(f, out + "\n") {
            eprintln!("{f}: {e}");
        }
    }
}
