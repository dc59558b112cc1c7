//! # tuiyi-wasm
//!
//! The WebAssembly face of tuiyi-core, for `wasm32-unknown-unknown` with wasm-bindgen. Conversion only, and
//! as little of it as can be: JSON text in, JSON text out.
//!
//! - [`call`]: any operation of the core's table (`tuiyi_core::ops`) on its input given as JSON text —
//!   exactly `tuiyi_core::api::run_text`, every input limit checked while parsing;
//! - [`host_error`]: the coded error for a JavaScript value no JSON text can carry (a `Date`, `undefined`,
//!   `NaN`…, found by the package's walker at its JSON Pointer), with the core's messages;
//! - at instantiation, JavaScript's `Date.now()` becomes the core's clock (`tuiyi_core::clock`), the one
//!   source of the default "today" (`SystemTime::now()` panics on this target).
//!
//! The ES module around it (`js/index.js`) makes one camelCase function per row of `operations`, walks JS
//! arguments into the JSON text, and throws the errors. Every call runs under `tuiyi_host::guard`; on this
//! target a panic aborts (a trap), which the module turns into `internal_error` and recovers from with a
//! fresh instance.

use std::sync::OnceLock;

use tuiyi_core::{api, Engine, Error};
use tuiyi_host::budget::{Fail, FailKind};
use wasm_bindgen::prelude::*;

/// The engine over the rule pack and calendar embedded in the module, built on first use.
fn engine() -> Result<&'static Engine, Error> {
    static ENGINE: OnceLock<Result<Engine, Error>> = OnceLock::new();
    ENGINE
        .get_or_init(Engine::embedded)
        .as_ref()
        .map_err(Clone::clone)
}

/// One answer as one string: `o` and the result's JSON text, or `e` and the error's JSON
/// (`{kind, code, path, message, message_en}`).
fn answer(r: Result<String, Error>) -> String {
    let (tag, json) = match r {
        Ok(json) => ('o', json),
        Err(e) => ('e', error_json(&e)),
    };
    let mut s = String::with_capacity(json.len() + 1);
    s.push(tag);
    s.push_str(&json);
    s
}

fn error_json(e: &Error) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| {
        r#"{"kind":"internal","code":"internal_error","path":"","message":"tuiyi 内部错误","message_en":"internal error in tuiyi"}"#.to_string()
    })
}

/// Run the operation `op` on its input as JSON text (the input of `tuiyi_core::api::run_text`). Returns
/// `o<result JSON>` or `e<error JSON>`; never throws.
#[wasm_bindgen]
pub fn call(op: &str, input: &str) -> String {
    answer(tuiyi_host::guard::guard(|| {
        let engine = engine()?;
        api::run_text(engine, op, input).map(|out| out.to_json())
    }))
}

/// How many bytes from the start of `bytes` are UTF-8 (all of them when they are): the offset
/// `json_not_utf8` names, found by the core's check.
#[wasm_bindgen]
pub fn utf8_valid_up_to(bytes: &[u8]) -> usize {
    match tuiyi_core::parse::utf8(bytes) {
        Ok(t) => t.len(),
        Err(valid) => valid,
    }
}

/// The error for a JavaScript value that JSON text cannot carry, found by the package's walker at `prefix`
/// (the parameter's place in the input, e.g. `/form`) and then `segments` (a JSON array of the object keys
/// and array indices below it, as the user gave them: they are masked and escaped here like every path), as
/// `e<error JSON>`:
///
/// - `wrong_type`: `detail` says what the value is (`undefined`, `NaN or infinity`, `a function`…); `hint`
///   adds advice: `absent` (leave the field out), `number`, `finite`, `text` (JSON text is a string),
///   `date` (a JS `Date`: the message asks for a `'YYYY-MM-DD'` string) or nothing;
/// - `unreadable`: a getter or Proxy trap threw; `detail` says what was being read (the exception itself
///   travels as the JS error's `cause`, never into a message);
/// - `lone_surrogate`: a string (or an object key) that is not valid Unicode;
/// - `not_utf8`: a form's JSON text given as bytes that are not UTF-8 (`detail`: how many bytes are valid, as
///   [`utf8_valid_up_to`] counts);
/// - `limit`: an input limit breached (`detail`: its code, e.g. `input_string_too_long`), as tuiyi-host's
///   budget reports it;
/// - `too_large`: the input's JSON text would exceed the size limit (`detail`: its size in bytes, when
///   known).
#[wasm_bindgen]
pub fn host_error(what: &str, hint: &str, prefix: &str, segments: &str, detail: &str) -> String {
    answer(tuiyi_host::guard::guard(|| {
        let kind = match what {
            "wrong_type" => FailKind::WrongType {
                got: detail.to_string(),
                hint: match hint {
                    "absent" => "; leave an absent field out",
                    "number" => "; pass a number",
                    "finite" => "; JSON numbers are finite",
                    "text" => "; JSON text is a string",
                    _ => "",
                },
            },
            "unreadable" => FailKind::Unreadable(detail.to_string()),
            "lone_surrogate" => FailKind::LoneSurrogate,
            "not_utf8" => FailKind::NotUtf8(detail.parse().unwrap_or(0)),
            "limit" => match tuiyi_core::limits::CODES.iter().find(|c| c.code == detail) {
                Some(code) => FailKind::Limit(code),
                None => {
                    return Err(Error::internal(format!(
                        "unknown limit {}",
                        tuiyi_core::mask::value(detail)
                    )))
                }
            },
            "too_large" if !detail.is_empty() && detail.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(tuiyi_core::limits::too_large_text(detail))
            }
            "too_large" => FailKind::Limit(&tuiyi_core::limits::TOO_LARGE),
            other => {
                return Err(Error::internal(format!(
                    "unknown host error {}",
                    tuiyi_core::mask::value(other)
                )))
            }
        };
        let segments: Vec<serde_json::Value> = serde_json::from_str(segments).unwrap_or_default();
        let mut fail = Fail::new(kind);
        for s in segments.iter().rev() {
            fail = match s {
                serde_json::Value::Number(n) => fail.within_index(n.as_u64().unwrap_or(0) as usize),
                serde_json::Value::String(k) => fail.within_key(k),
                other => fail.within_key(&other.to_string()),
            };
        }
        let e = fail
            .into_error(prefix)
            .unwrap_or_else(|| Error::internal("host error without a code"));
        if what == "wrong_type" && hint == "date" {
            // A Date says what to pass instead, as the Node package's does.
            return Err(tuiyi_core::strict::wrong_host_type(
                &e.path,
                "'YYYY-MM-DD' 格式的日期字符串（不接受 JS Date：其日期取决于时区）",
                "a date string 'YYYY-MM-DD' (a JS Date is not accepted: its calendar day depends on the time zone)",
                "Date",
            ));
        }
        Err(e)
    }))
}

/// `validate` of one form given as its JSON text, standing at `at` in a larger input (`validateMany`: the
/// form's index, `/3`): limits and error paths are those of the whole input. `today` is a checked
/// `YYYY-MM-DD`, or empty for the clock's.
#[wasm_bindgen]
pub fn validate_at(form: &str, today: &str, at: &str) -> String {
    answer(tuiyi_host::guard::guard(|| {
        let engine = engine()?;
        let today =
            match today {
                "" => None,
                t => Some(tuiyi_core::date::parse_date(t).map_err(|_| {
                    Error::internal("validate_at: today must be a checked YYYY-MM-DD")
                })?),
            };
        let doc = tuiyi_core::parse::parse_at(form, 2, at)?;
        serde_json::to_string(&engine.validate_parsed(doc, today))
            .map_err(|e| Error::internal(format!("report as JSON: {e}")))
    }))
}

/// The table of operations (`tuiyi_core::ops`) as JSON — what the `operations` operation returns, without
/// building the engine (the package reads it at instantiation to make its functions).
#[wasm_bindgen]
pub fn operations() -> String {
    answer(tuiyi_host::guard::guard(|| {
        let sigs: Vec<_> = tuiyi_core::ops::OPS.iter().map(|o| o.sig).collect();
        serde_json::to_string(&sigs)
            .map_err(|e| Error::internal(format!("operations as JSON: {e}")))
    }))
}

/// The version of the crate (and of the package).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// For tests only: a panic inside the guard. On wasm32 it traps; the package must answer `internal_error`
/// and keep working.
#[wasm_bindgen]
pub fn panic_for_tests() -> String {
    answer(tuiyi_host::guard::guard(|| {
        panic!("deliberate panic for tests 110101199003071233")
    }))
}

/// JavaScript's clock as the core's: `Date.now()` in whole seconds.
#[cfg(target_arch = "wasm32")]
mod js_clock {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Date, js_name = now)]
        fn date_now() -> f64;
    }

    fn now_seconds() -> i64 {
        // `as` saturates (and maps NaN to 0); Date.now() is a finite count of milliseconds.
        (date_now() / 1000.0).floor() as i64
    }

    #[wasm_bindgen(start)]
    fn start() {
        tuiyi_core::clock::set(Some(now_seconds));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (char, serde_json::Value) {
        let tag = s.chars().next().expect("tag");
        (tag, serde_json::from_str(&s[1..]).expect("json"))
    }

    #[test]
    fn call_answers_results_and_errors() {
        let (t, v) = split(&call("add_working_days", r#"{"date":"2024-09-30","n":3}"#));
        assert_eq!((t, v), ('o', serde_json::json!("2024-10-10")));
        let (t, v) = split(&call("is_working_day", r#"{"date":"2024-9-30"}"#));
        assert_eq!(t, 'e');
        assert_eq!(v["code"], "date_format");
        assert_eq!(v["path"], "/date");
        assert_eq!(v["kind"], "bad_input");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(v["message_en"].as_str().is_some_and(|m| !m.is_empty()));
        let (t, v) = split(&call("no_such_op", "{}"));
        assert_eq!(
            (t, &v["code"]),
            ('e', &serde_json::json!("unknown_operation"))
        );
        let (t, v) = split(&call(
            "validate",
            r#"{"form":{"basic_info":{"name":"x\ud800"}}}"#,
        ));
        assert_eq!(
            (t, &v["path"]),
            ('e', &serde_json::json!("/form/basic_info/name"))
        );
        assert_eq!(v["code"], "input_lone_surrogate");
    }

    #[test]
    fn host_errors_are_coded_at_their_path() {
        let (t, v) = split(&host_error("wrong_type", "date", "/today", "[]", "Date"));
        assert_eq!(t, 'e');
        assert_eq!(
            (&v["code"], &v["path"], &v["kind"]),
            (
                &serde_json::json!("wrong_type"),
                &serde_json::json!("/today"),
                &serde_json::json!("bad_input")
            )
        );
        assert!(v["message_en"]
            .as_str()
            .is_some_and(|m| m.contains("JS Date")));
        let (_, v) = split(&host_error(
            "unreadable",
            "",
            "/form",
            r#"["a/b", 3, "110101199003071233"]"#,
            "boom 110101199003071233",
        ));
        assert_eq!(v["code"], "invalid_input");
        assert_eq!(v["path"], "/form/a~1b/3/110*************33");
        assert!(!v["message"]
            .as_str()
            .unwrap_or("")
            .contains("110101199003071233"));
        let (_, v) = split(&host_error("lone_surrogate", "", "/form", "[]", ""));
        assert_eq!(
            (&v["code"], &v["path"]),
            (
                &serde_json::json!("input_lone_surrogate"),
                &serde_json::json!("/form")
            )
        );
        let (_, v) = split(&host_error("too_large", "", "", "[]", ""));
        assert_eq!(v["code"], "input_too_large");
        // The same message as tuiyi-host's budget gives (its size masked like any long number).
        assert_eq!(
            v["message"],
            tuiyi_host::budget::Fail::new(FailKind::Limit(&tuiyi_core::limits::TOO_LARGE))
                .into_error("")
                .expect("error")
                .message
        );
        let (_, v) = split(&host_error("too_large", "", "", "[]", "5000000"));
        assert_eq!(
            v["message"],
            tuiyi_core::limits::too_large_text("5000000").message
        );
        let (_, v) = split(&host_error(
            "limit",
            "",
            "/form",
            r#"["basic_info"]"#,
            "input_too_many_keys",
        ));
        assert_eq!(
            (&v["code"], &v["path"]),
            (
                &serde_json::json!("input_too_many_keys"),
                &serde_json::json!("/form/basic_info")
            )
        );
        let (_, v) = split(&host_error("limit", "", "", "[]", "no_such_limit"));
        assert_eq!(v["code"], "internal_error");
        let (_, v) = split(&host_error("nope", "", "", "[]", ""));
        assert_eq!(v["code"], "internal_error");
    }

    #[test]
    fn validate_at_reports_paths_under_its_place() {
        let (t, v) = split(&validate_at("[1]", "2025-06-01", "/3"));
        assert_eq!((t, &v["valid"]), ('o', &serde_json::json!(false)));
        let long = format!(r#"{{"basic_info": {{"name": "{}"}}}}"#, "x".repeat(1001));
        let (t, v) = split(&validate_at(&long, "", "/3"));
        assert_eq!(t, 'e');
        assert_eq!(v["path"], "/3/basic_info/name");
        assert_eq!(v["code"], "input_string_too_long");
    }

    #[test]
    fn the_table_is_what_the_operations_operation_returns() {
        assert_eq!(split(&operations()), split(&call("operations", "{}")));
    }

    #[test]
    fn a_panic_is_an_internal_error_natively() {
        let (t, v) = split(&panic_for_tests());
        assert_eq!((t, &v["code"]), ('e', &serde_json::json!("internal_error")));
    }
}
