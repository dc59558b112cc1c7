//! The JSON facade: one operation name + one JSON input → one JSON output.
//!
//! This is the single place where each operation's input shape is read and its output shape is written, so
//! the CLI, the Python binding, the Node binding and the shared test vectors (`tests/vectors/`) all see
//! exactly the same JSON. Bindings may call the typed `Engine` methods directly for speed, but must produce
//! the same JSON as [`run`] (the vector runners prove it).
//!
//! | op | input | output |
//! |---|---|---|
//! | `is_working_day` | `{"date"}` | `true` / `false` |
//! | `add_working_days` | `{"date", "n"}` | `"YYYY-MM-DD"` |
//! | `working_days_between` | `{"a", "b"}` | integer |
//! | `period_end` | `{"start", "days"}` | `{"raw_end", "end", "extended"}` |
//! | `check_eligibility` | applicant | eligibility |
//! | `required_materials` | situation | list of 14 materials |
//! | `plan` | application | plan |
//! | `validate` | `{"form", "today"?}` | report |
//! | `dispatch` | `{"form"}` | dispatch |
//! | `prereview` | `{"form", "submitted", "today"?}` | prereview |
//! | `form_schema` | `{}` | JSON Schema |
//! | `schema` | `{"name"}` | JSON Schema |
//! | `guide` | `{}` | Markdown string |
//! | `conflicts` | `{}` | list of recorded conflicts |
//! | `codes` | `{}` | the code catalogue |

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes::{code, CodeInfo, Severity::Error as E};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::input::from_value;
use crate::Engine;

/// Every operation name [`run`] accepts.
pub const OPS: &[&str] = &[
    "is_working_day",
    "add_working_days",
    "working_days_between",
    "period_end",
    "check_eligibility",
    "required_materials",
    "plan",
    "validate",
    "dispatch",
    "prereview",
    "form_schema",
    "schema",
    "guide",
    "conflicts",
    "codes",
];

pub const CODES: &[CodeInfo] = &[
    code(
        "unknown_operation",
        "input",
        E,
        "未知操作“{op}”；可用操作：{ops}",
        "unknown operation \"{op}\"; available: {ops}",
        "",
    ),
    // Codes of the command-line face (cli/): reading FILE arguments and parsing the command line.
    code(
        "file_unreadable",
        "cli",
        E,
        "无法读取文件“{file}”：{reason}",
        "cannot read file \"{file}\": {reason_en}",
        "",
    ),
    code(
        "input_not_utf8",
        "cli",
        E,
        "“{file}”不是 UTF-8 编码（第 {offset} 字节之后无效），请另存为 UTF-8",
        "\"{file}\" is not UTF-8 (invalid after byte {offset}); save it as UTF-8",
        "",
    ),
    code(
        "argument_invalid",
        "cli",
        E,
        "命令行参数无效：{detail}",
        "invalid command-line argument: {detail}",
        "",
    ),
    code(
        "output_unwritable",
        "cli",
        E,
        "无法写出结果：{reason}",
        "cannot write the output: {reason_en}",
        "",
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateArg {
    date: Date,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddArgs {
    date: Date,
    n: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BetweenArgs {
    a: Date,
    b: Date,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodArgs {
    start: Date,
    days: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormArgs {
    form: Value,
    #[serde(default)]
    today: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrereviewArgs {
    form: Value,
    #[serde(default)]
    submitted: Value,
    #[serde(default)]
    today: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaArgs {
    name: String,
}

fn out<T: Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::internal(format!("serialize output: {e}")))
}

fn no_args(input: &Value) -> Result<()> {
    if input.is_null() {
        return Ok(());
    }
    from_value::<NoArgs>(input).map(|_| ())
}

/// Run one operation on JSON input; the output is the operation's JSON.
pub fn run(engine: &Engine, op: &str, input: &Value) -> Result<Value> {
    match op {
        "is_working_day" => {
            let a: DateArg = from_value(input)?;
            Ok(Value::Bool(engine.is_working_day(a.date.0)?))
        }
        "add_working_days" => {
            let a: AddArgs = from_value(input)?;
            out(&Date(engine.add_working_days(a.date.0, a.n)?))
        }
        "working_days_between" => {
            let a: BetweenArgs = from_value(input)?;
            out(&engine.working_days_between(a.a.0, a.b.0)?)
        }
        "period_end" => {
            let a: PeriodArgs = from_value(input)?;
            out(&engine.period_end(a.start.0, a.days)?)
        }
        "check_eligibility" => out(&engine.check_eligibility(&from_value(input)?)),
        "required_materials" => out(&engine.required_materials(&from_value(input)?)?),
        "plan" => out(&engine.plan(&from_value(input)?)?),
        "validate" => {
            let a: FormArgs = from_value(input)?;
            out(&engine.validate(&a.form, a.today.map(|d| d.0)))
        }
        "dispatch" => {
            let a: FormArgs = from_value(input)?;
            out(&engine.dispatch(&a.form)?)
        }
        "prereview" => {
            let a: PrereviewArgs = from_value(input)?;
            out(&engine.prereview(&a.form, &a.submitted, a.today.map(|d| d.0))?)
        }
        "form_schema" => {
            no_args(input)?;
            Ok(engine.form_schema())
        }
        "schema" => {
            let a: SchemaArgs = from_value(input)?;
            engine.schema(&a.name)
        }
        "guide" => {
            no_args(input)?;
            Ok(Value::String(engine.guide()))
        }
        "conflicts" => {
            no_args(input)?;
            out(&engine.pack().conflicts())
        }
        "codes" => {
            no_args(input)?;
            out(&crate::codes::catalogue())
        }
        other => {
            let (zh, en) = crate::codes::messages(
                &CODES[0],
                &[
                    ("op", &crate::mask::truncate_for_message(other)),
                    ("ops", &OPS.join(", ")),
                ],
            );
            Err(Error::bad_input("unknown_operation", "", zh, en))
        }
    }
}

/// `validate` with the form given as its own JSON text: the same report, and the same input errors (codes,
/// paths under `/form`, limits, then `today`), as [`run`]`(engine, "validate", {"form": <the text>, "today":
/// today})`, without building a `serde_json::Value` (the form is read into a borrowed [`crate::json::Doc`]).
pub fn validate_text(
    engine: &Engine,
    form: &str,
    today: Option<&Value>,
) -> Result<crate::form::Report> {
    let doc: crate::json::Doc = crate::input::parse_text(form).map_err(|e| e.at("/form"))?;
    validate_form_doc(engine, &doc, today)
}

/// `validate` of a form already read into a [`crate::json::Doc`] (e.g. by a binding, straight from its host
/// language's objects): the limits of the whole input `{"form", "today"}`, then `today`, then the report —
/// the same answers and errors as [`run`]`(engine, "validate", …)`.
pub fn validate_form_doc(
    engine: &Engine,
    form: &crate::json::Doc,
    today: Option<&Value>,
) -> Result<crate::form::Report> {
    crate::input::check_doc_nested(form, 2, "/form", crate::input::MAX_DEPTH)?;
    Ok(engine.validate_doc(form, today_arg(today)?))
}

/// Read a `today` argument exactly as [`run`] reads it inside `{"form", "today"}` (same codes, paths and
/// messages), for faces that receive it on its own.
pub fn today_arg(today: Option<&Value>) -> Result<Option<chrono::NaiveDate>> {
    match today {
        None => Ok(None),
        Some(t) => {
            let mut m = serde_json::Map::new();
            m.insert("today".into(), t.clone());
            Ok(Some(from_value::<TodayArg>(&Value::Object(m))?.today.0))
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TodayArg {
    today: Date,
}

/// [`run`] with the JSON input given as text (size and depth limits apply).
pub fn run_str(engine: &Engine, op: &str, input: &str) -> Result<Value> {
    run(engine, op, &crate::input::parse_json(input)?)
}
