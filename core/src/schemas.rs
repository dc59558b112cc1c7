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

/// What each published schema is: its title and its Chinese (then English) description.
const ABOUT: &[(&str, &str, &str)] = &[
    ("form", "山西省军人退役“一件事”办理登记表", ""),
    ("applicant", "申请人 · Applicant", "资格审查的输入（八(二)、八(五)）。The input of check_eligibility."),
    ("situation", "申请人情况 · Situation", "确定申请材料和适用事项的输入（附件3、八(八)）。The input of required_materials."),
    ("application", "一件事申请 · Application", "办理计划的输入：申请人、情况、日期。The input of plan."),
    ("eligibility", "资格审查结果 · Eligibility", "每个不符合的条件，含代码、路径、中英文说明和依据。The result of check_eligibility."),
    ("materials", "申请材料 · Materials", "附件3 的 14 项材料，各是否需要及理由。The result of required_materials."),
    ("plan", "办理计划 · Plan", "资格、9 个事项（部门、到期日、状态）、材料与逾期报到判断。The result of plan."),
    ("conflicts", "方案自相矛盾之处 · Recorded conflicts", "每处的两种读法、采用哪一种及理由。The result of conflicts."),
    ("error", "错误 · Error", "无法作答时的错误：类别、代码、JSON Pointer、中英文消息。What every face raises when it cannot answer."),
    ("report", "登记表校验报告 · Report", "是否有效，以及每条错误和提示（代码、路径、中英文消息、依据）。The result of validate."),
    ("dispatch", "数据推送 · Dispatch", "每个部门收到的登记表字段。The result of dispatch."),
    ("prereview", "预审 · Pre-review", "各部门是否通过预审、理由与短信。The result of prereview."),
    ("calendar-year", "节假日安排年度文件 · Calendar year file", "一件国务院节假日通知的录入（rules/calendar/YYYY.json）。One State Council holiday notice."),
    ("dispatch-rules", "数据推送规则 · Dispatch rules", "规则包的 dispatch.json：各部门收到哪些字段。The rule pack's dispatch.json."),
    ("codes", "代码表 · Codes", "全部稳定代码及其中英文消息模板。Every stable code with its message templates."),
    ("operations", "操作表 · Operations", "全部操作及其参数、结果与代码。Every operation with its parameters, result and codes."),
];

/// The `$id` of a published schema.
pub fn id_of(name: &str) -> String {
    format!("https://example.invalid/tuiyi/schemas/{name}.schema.json")
}

/// Give a generated schema its `$id`, title and description, and keep only standard keywords and formats
/// (strict validators — ajv in strict mode — refuse schemars' `format: uint8` and the like; integers are
/// bounded by `minimum`/`maximum`, which schemars writes anyway).
fn publish(name: &str, mut v: Value) -> Value {
    strip_formats(&mut v);
    if let Some(o) = v.as_object_mut() {
        o.insert("$id".into(), Value::from(id_of(name)));
        if let Some((_, title, desc)) = ABOUT.iter().find(|(n, _, _)| *n == name) {
            o.insert("title".into(), Value::from(*title));
            if !desc.is_empty() {
                o.insert("description".into(), Value::from(*desc));
            }
        }
    }
    v
}

fn strip_formats(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| !matches!(f, "date" | "date-time" | "email" | "uri"))
            {
                o.remove("format");
            }
            o.values_mut().for_each(strip_formats);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_formats),
        _ => {}
    }
}

/// The schema of a named type: `form`, `situation`, `applicant`, `application`, `plan`, …
pub fn named(name: &str) -> Result<Value> {
    raw(name).map(|v| if name == "form" { v } else { publish(name, v) })
}

fn raw(name: &str) -> Result<Value> {
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
