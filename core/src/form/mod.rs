//! The registration form (附件2): model, field and cross-field checks, JSON Schema, report (issue 3 §1–§4).
//!
//! [`crate::Engine::validate`] first walks the JSON against the schema generated from [`model::Form`]
//! (wrong types, unknown fields and values, missing required fields, malformed dates — every one a
//! finding with a JSON Pointer), then runs the field checks (`crate::checks`) and the cross-field rules
//! ([`rules`]). Codes and templates: [`codes`]; documentation: docs/form.md.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::code_info::CodeInfo;
use crate::doc::Doc;

pub mod codes;
pub mod cross_field;
pub mod fields;
pub(crate) mod normalize;
pub mod schema;
pub(crate) mod walk;

pub use crate::report::{Finding, Report};
pub use fields::Form;

/// The `form` area of the code catalogue.
pub const CODES: &[CodeInfo] = codes::CODES;

/// Today's date in Asia/Shanghai (UTC+8, no daylight saving).
pub fn today_shanghai() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// Validate a form (a JSON value); every finding, deterministic order.
pub fn validate(form: &Value, today: Option<NaiveDate>) -> Report {
    validate_doc(&Doc::from_value(form), today)
}

/// [`validate`] over a parsed [`Doc`] (see [`crate::parse::parse`]): the same report, without
/// building a `serde_json::Value`.
pub fn validate_doc(form: &Doc, today: Option<NaiveDate>) -> Report {
    let today = today.unwrap_or_else(today_shanghai);
    let mut out = Vec::new();
    walk::walk_form(form, &mut out);
    // The field and cross-field checks read the canonical form: codes and short names as the canonical
    // value, numbers in their canonical shape, integers as integers (see `normalize`).
    let canonical = normalize::canonical(form);
    if let Doc::Object(root) = canonical.as_ref() {
        cross_field::check(root, today, &mut out);
    }
    Report::from_findings(out)
}

/// Fill the (数据推送) fields of the 户口登记 section from 基本信息 where the form leaves them out
/// (五(一) 多表融合). Fields already given are kept (validation checks they agree). A form without a hukou
/// section is returned unchanged.
pub fn fill_pushed_fields(form: &Value) -> Value {
    let mut out = form.clone();
    let basic: Option<Map<String, Value>> =
        form.get("basic_info").and_then(Value::as_object).cloned();
    if let (Some(basic), Some(Value::Object(h))) = (basic, out.get_mut("hukou_registration")) {
        for (hk, bk) in cross_field::PUSHED {
            let missing = match h.get(*hk) {
                None => true,
                Some(Value::String(s)) => s.trim().is_empty(),
                _ => false,
            };
            if missing {
                if let Some(v @ Value::String(_)) = basic.get(*bk) {
                    let v = match (*hk, v) {
                        ("id_number", Value::String(s)) => {
                            Value::String(s.trim().to_ascii_uppercase())
                        }
                        (_, Value::String(s)) => Value::String(s.trim().to_string()),
                        _ => v.clone(),
                    };
                    h.insert((*hk).to_string(), v);
                }
            }
        }
    }
    out
}
