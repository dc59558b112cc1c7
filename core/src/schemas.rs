//! JSON Schemas (draft 2020-12) of every input and output, generated with schemars.

use schemars::JsonSchema;
use serde_json::Value;

use crate::error::{Error, Result};

/// The names `schema` accepts (besides `form`, the default).
pub const NAMES: &[&str] = &[
    "form",
    "applicant",
    "situation",
    "application",
    "eligibility",
    "materials",
    "plan",
    "conflicts",
    "error",
    "report",
    "dispatch",
    "prereview",
    "calendar-year",
    "dispatch-rules",
    "codes",
    "operations",
];

fn gen<T: JsonSchema>() -> Value {
    let s = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    s.to_value()
}

/// The schema of a named type: `form`, `situation`, `applicant`, `application`, `plan`, …
pub fn named(name: &str) -> Result<Value> {
    use crate::types::*;
    Ok(match name {
        "form" => crate::form::schema::form_schema().clone(),
        "applicant" => gen::<Applicant>(),
        "situation" => gen::<Situation>(),
        "application" => gen::<Application>(),
        "eligibility" => gen::<Eligibility>(),
        "materials" => gen::<Vec<MaterialRequirement>>(),
        "plan" => gen::<Plan>(),
        "conflicts" => gen::<Vec<crate::pack::Conflict>>(),
        "error" => gen::<Error>(),
        "report" => gen::<crate::form::Report>(),
        "dispatch" => gen::<crate::dispatch::Dispatch>(),
        "prereview" => gen::<crate::prereview::Prereview>(),
        "calendar-year" => crate::calendar::year_file_schema(),
        "dispatch-rules" => gen::<crate::pack::DispatchFile>(),
        "codes" => gen::<Vec<crate::code_info::CodeInfo>>(),
        "operations" => gen::<Vec<crate::signature::Signature>>(),
        other => {
            return Err(Error::bad_input_code(
                &crate::strict::UNKNOWN_SCHEMA,
                "/name",
                &[
                    ("name", &crate::mask::value(other)),
                    ("names", &NAMES.join(", ")),
                ],
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    #[test]
    fn every_named_schema_is_draft_2020_12_without_backslash_d() {
        let e = Engine::embedded().unwrap();
        for name in NAMES.iter().filter(|n| **n != "form") {
            let s = e.schema(name).unwrap();
            assert_eq!(
                s["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{name}"
            );
            assert!(!s.to_string().contains("\\\\d"), "{name} uses \\d");
        }
        let app = e.schema("application").unwrap().to_string();
        assert!(app.contains("被批准退出现役之日") && app.contains("投靠亲属落户"));
        assert_eq!(e.schema("nope").unwrap_err().code, "unknown_schema");
    }
}
