//! The form's JSON Schema (draft 2020-12), generated from [`super::fields::Form`] with schemars and
//! post-processed: `null` removed from optional fields (strict types), `if`/`then` added for the
//! conditional requirements (from the same table the validator uses, [`super::cross_field::CONDITIONALS`]).

use std::sync::OnceLock;

use serde_json::{json, Map, Value};

use super::fields::Form;

static SCHEMA: OnceLock<Value> = OnceLock::new();

/// The form's schema (built once).
pub fn form_schema() -> &'static Value {
    SCHEMA.get_or_init(build)
}

fn build() -> Value {
    let gen = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let schema = gen.into_root_schema_for::<Form>();
    let mut v = schema.to_value();
    strip_null(&mut v);
    require_non_blank(&mut v);
    super::cross_field::add_conditionals(&mut v);
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "$id".into(),
            json!("https://example.invalid/tuiyi/schemas/form.schema.json"),
        );
    }
    v
}

fn is_null_schema(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
}

/// Remove `null` from every `type` array and every `anyOf: [X, {type: null}]` (optional fields may be
/// omitted, not null).
fn strip_null(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(types)) = o.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let t = types.remove(0);
                    o.insert("type".into(), t);
                }
            }
            // Only standard formats (ajv's strict mode refuses unknown ones such as `double`, `uint32`).
            if o.get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| f != "date")
            {
                o.remove("format");
            }
            let any = o.get("anyOf").and_then(Value::as_array).cloned();
            if let Some(any) = any {
                if any.len() == 2 && any.iter().any(is_null_schema) {
                    o.remove("anyOf");
                    if let Some(Value::Object(other)) = any.into_iter().find(|x| !is_null_schema(x))
                    {
                        merge(o, other);
                    }
                }
            }
            for (_, c) in o.iter_mut() {
                strip_null(c);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_null),
        _ => {}
    }
}

fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (k, v) in from {
        into.entry(k).or_insert(v);
    }
}

/// A required free-text field must contain a visible character (a blank string is "not filled in").
fn require_non_blank(v: &mut Value) {
    let Some(defs) = v.get_mut("$defs").and_then(Value::as_object_mut) else {
        return;
    };
    for def in defs.values_mut() {
        let required: Vec<String> = def
            .get("required")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let Some(props) = def.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        for k in &required {
            if let Some(Value::Object(p)) = props.get_mut(k) {
                let plain = p.get("type").and_then(Value::as_str) == Some("string")
                    && !p.contains_key("pattern")
                    && !p.contains_key("enum");
                if plain {
                    p.insert("pattern".into(), json!("\\S"));
                }
            }
        }
    }
}
