//! `tuiyi` — the command-line face of tuiyi-core. Argument parsing, reading input and printing only: every
//! answer comes from `tuiyi_core::api::run` (or, in `batch`, the same typed call it makes).
//!
//! Exit codes: 0 success · 1 a negative answer (ineligible, invalid form, pre-review rejected) ·
//! 2 bad input (unreadable file, not UTF-8, bad JSON, unknown field, a date the calendar does not cover,
//! a rule pack or calendar directory that does not load, bad arguments; also an internal error, a bug, whose
//! code is `internal_error`).

/// mimalloc: `batch` parses hundreds of thousands of small JSON trees on every core; the system allocator's
/// contention roughly halves its throughput.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod input;
mod text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::{json, Map, Value};
use tuiyi_core::{Engine, Error, ErrorKind};

#[derive(Parser, Debug)]
#[command(
    name = "tuiyi",
    version,
    about = "山西省军人退役“一件事”规则引擎 · rules engine for Shanxi's 军人退役“一件事” service",
    long_about = "山西省军人退役“一件事”规则引擎：工作日、期限、申请资格、材料、办理计划、登记表校验。\n\
                  Rules engine for Shanxi's 军人退役“一件事” service: working days, legal periods, eligibility, \
                  materials, plan, registration-form checks.\n\n\
                  FILE may be `-` for stdin. Exit codes: 0 success, 1 negative answer (ineligible, invalid, \
                  rejected), 2 bad input (no answer)."
)]
struct Cli {
    /// 规则包目录（默认内置）· rule pack directory (default: the embedded pack)
    #[arg(long, global = true, env = "TUIYI_RULES_DIR", value_name = "DIR")]
    rules: Option<PathBuf>,
    /// 日历目录（默认内置）· calendar directory, one file per year (default: the embedded calendar)
    #[arg(long, global = true, env = "TUIYI_CALENDAR_DIR", value_name = "DIR")]
    calendar: Option<PathBuf>,
    /// 缩进输出 JSON · indent the JSON output
    #[arg(long, global = true)]
    pretty: bool,
    /// 中文可读视图 · a readable Chinese view instead of JSON
    #[arg(long, global = true, conflicts_with = "pretty")]
    text: bool,
    /// 错误以 JSON 输出到 stderr · print errors on stderr as one JSON object
    #[arg(long, global = true)]
    json_errors: bool,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// 工作日 · working days
    Workday {
        #[command(subcommand)]
        cmd: WorkdayCmd,
    },
    /// 期间届满日（民法典第二百零一、二百零三条）· end of a calendar-day period → {"raw_end","end","extended"}
    Period {
        /// 起算日 · start date, not counted (YYYY-MM-DD)
        start: String,
        /// 天数 · number of days
        days: String,
    },
    /// 申请资格 · eligibility of an applicant (exit 1 when ineligible)
    Eligibility { file: String },
    /// 所需材料 · the 14 materials for a situation
    Materials { file: String },
    /// 办理计划 · the plan for an application (exit 1 when ineligible)
    Plan {
        file: String,
        /// 今天（用于状态）· today, for each item's status
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// 校验登记表 · validate a registration form (exit 0 valid, 1 invalid, 2 bad input)
    Validate {
        file: String,
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// 数据推送 · which fields each department receives
    Dispatch { file: String },
    /// 预审 · per-department pre-review (exit 1 when any department rejects)
    Prereview {
        file: String,
        /// 已提交材料（JSON）· the submitted materials (JSON file)
        #[arg(long, value_name = "FILE")]
        submitted: Option<String>,
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// JSON Schema（默认登记表）· a JSON Schema (default: the registration form)
    Schema { name: Option<String> },
    /// 办事指南（Markdown）· the service guide as Markdown
    Guide,
    /// 规则包 · the rule pack
    Rules {
        #[command(subcommand)]
        cmd: RulesCmd,
    },
    /// 错误代码表 · every code with its Chinese and English templates
    Codes,
    /// 批量校验 JSONL · validate one form per line; one report per line, in order
    Batch {
        file: String,
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum WorkdayCmd {
    /// 是否工作日 · prints true or false
    Is { date: String },
    /// 第 N 个工作日（不含起算日）· the N-th working day after DATE; prints the date alone
    Add { date: String, n: String },
    /// (A, B] 内的工作日数 · working days in (A, B]; prints the number
    Count { a: String, b: String },
}

#[derive(Subcommand, Debug)]
enum RulesCmd {
    /// 规则冲突 · the recorded contradictions of the source text
    Conflicts,
}

/// How a command ends.
pub enum Outcome {
    Ok,
    Negative,
    /// Every answer was printed, but some input was bad (batch: a line that is not a form).
    BadInput,
}

/// An error plus the face it should wear on the command line (positional names instead of JSON paths).
pub struct Failure(pub Error);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(e)
    }
}

/// Every error exits 2: the command could not give an answer. Scripts that need to tell a bug from bad input
/// read the code (`internal_error`, kind `internal`) from `--json-errors`.
fn exit_code_of(e: &Error) -> u8 {
    match e.kind {
        ErrorKind::BadInput
        | ErrorKind::CalendarCoverage
        | ErrorKind::RulePack
        | ErrorKind::Internal => 2,
    }
}

/// One line on stderr: `错误 [code] path: message (message_en)`, or the Error JSON with `--json-errors`.
pub fn report_error(e: &Error, json_errors: bool) {
    let line = if json_errors {
        serde_json::to_string(e).unwrap_or_else(|_| format!("{{\"code\":\"{}\"}}", e.code))
    } else {
        error_line(e)
    };
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

pub fn error_line(e: &Error) -> String {
    let flat = |s: &str| s.replace(['\n', '\r'], " ");
    if e.path.is_empty() {
        format!(
            "错误 [{}]: {} ({})",
            e.code,
            flat(&e.message),
            flat(&e.message_en)
        )
    } else {
        format!(
            "错误 [{}] {}: {} ({})",
            e.code,
            flat(&e.path),
            flat(&e.message),
            flat(&e.message_en)
        )
    }
}

/// Rename the path of an argument error to the argument's command-line name (`/date` → `DATE`).
fn rename_path(mut e: Error, map: &[(&str, &str)]) -> Error {
    for (from, to) in map {
        if e.path == *from || e.path.starts_with(&format!("{from}/")) {
            e.path = format!("{to}{}", &e.path[from.len()..]);
            break;
        }
    }
    e
}

fn num_or_string(s: &str) -> Value {
    match s.trim().parse::<i64>() {
        Ok(n) => json!(n),
        Err(_) => Value::String(s.to_string()),
    }
}

#[derive(serde::Serialize)]
struct PeriodOut<'a> {
    raw_end: Option<&'a Value>,
    end: Option<&'a Value>,
    extended: Option<&'a Value>,
}

struct Printer {
    pretty: bool,
    text: bool,
}

impl Printer {
    fn json(&self, v: &Value) -> String {
        let s = if self.pretty {
            serde_json::to_string_pretty(v)
        } else {
            serde_json::to_string(v)
        };
        s.unwrap_or_else(|_| "null".to_string())
    }
}

fn print(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let r = if s.ends_with('\n') {
        out.write_all(s.as_bytes())
    } else {
        writeln!(out, "{s}")
    };
    match r.and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`tuiyi codes | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure(write_error(&e))),
    }
}

fn with_today(mut obj: Map<String, Value>, today: &Option<String>) -> Map<String, Value> {
    if let Some(t) = today {
        obj.insert("today".into(), Value::String(t.clone()));
    }
    obj
}

fn run(cli: &Cli) -> Result<Outcome, Failure> {
    let engine = Engine::load(cli.rules.as_deref(), cli.calendar.as_deref())?;
    let p = Printer {
        pretty: cli.pretty,
        text: cli.text,
    };
    let call = |op: &str, v: &Value| tuiyi_core::api::run(&engine, op, v);
    match &cli.command {
        Cmd::Workday { cmd } => {
            let out = match cmd {
                WorkdayCmd::Is { date } => call("is_working_day", &json!({ "date": date }))
                    .map_err(|e| rename_path(e, &[("/date", "DATE")]))?,
                WorkdayCmd::Add { date, n } => call(
                    "add_working_days",
                    &json!({ "date": date, "n": num_or_string(n) }),
                )
                .map_err(|e| rename_path(e, &[("/date", "DATE"), ("/n", "N")]))?,
                WorkdayCmd::Count { a, b } => {
                    call("working_days_between", &json!({ "a": a, "b": b }))
                        .map_err(|e| rename_path(e, &[("/a", "A"), ("/b", "B")]))?
                }
            };
            // The stable contract: the bare value (`true`, `2024-10-10`, `7`), never quoted.
            match &out {
                Value::String(s) => print(s)?,
                other => print(&other.to_string())?,
            }
            Ok(Outcome::Ok)
        }
        Cmd::Period { start, days } => {
            let out = call(
                "period_end",
                &json!({ "start": start, "days": num_or_string(days) }),
            )
            .map_err(|e| rename_path(e, &[("/start", "START"), ("/days", "DAYS")]))?;
            // The contract's key order: raw_end, end, extended.
            let ordered = PeriodOut {
                raw_end: out.get("raw_end"),
                end: out.get("end"),
                extended: out.get("extended"),
            };
            let shown = if p.pretty {
                serde_json::to_string_pretty(&ordered)
            } else {
                serde_json::to_string(&ordered)
            };
            print(&if p.text {
                text::period(&out)
            } else {
                shown.unwrap_or_else(|_| p.json(&out))
            })?;
            Ok(Outcome::Ok)
        }
        Cmd::Eligibility { file } => {
            let v = input::read_json(file)?;
            let out = call("check_eligibility", &v)?;
            print(&if p.text {
                text::eligibility(&out)
            } else {
                p.json(&out)
            })?;
            Ok(outcome_of_flag(&out, "eligible"))
        }
        Cmd::Materials { file } => {
            let v = input::read_json(file)?;
            let out = call("required_materials", &v)?;
            print(&if p.text {
                text::materials(&out)
            } else {
                p.json(&out)
            })?;
            Ok(Outcome::Ok)
        }
        Cmd::Plan { file, today } => {
            let mut v = input::read_json(file)?;
            if let (Some(t), Value::Object(o)) = (today, &mut v) {
                o.insert("today".into(), Value::String(t.clone()));
            }
            let out = call("plan", &v).map_err(|e| rename_path(e, &[("/today", "--today")]))?;
            print(&if p.text {
                text::plan(&out)
            } else {
                p.json(&out)
            })?;
            let eligible = out
                .get("eligibility")
                .and_then(|e| e.get("eligible"))
                .and_then(Value::as_bool);
            Ok(if eligible == Some(false) {
                Outcome::Negative
            } else {
                Outcome::Ok
            })
        }
        Cmd::Validate { file, today } => {
            let form = input::read_json(file)?;
            let mut args = Map::new();
            args.insert("form".into(), form);
            let out = call("validate", &Value::Object(with_today(args, today)))
                .map_err(|e| rename_path(e, &[("/today", "--today")]))?;
            print(&if p.text {
                text::report(&out)
            } else {
                p.json(&out)
            })?;
            Ok(outcome_of_flag(&out, "valid"))
        }
        Cmd::Dispatch { file } => {
            let form = input::read_json(file)?;
            let out = call("dispatch", &json!({ "form": form }))?;
            print(&if p.text {
                text::generic(&out)
            } else {
                p.json(&out)
            })?;
            Ok(Outcome::Ok)
        }
        Cmd::Prereview {
            file,
            submitted,
            today,
        } => {
            let form = input::read_json(file)?;
            let mut args = Map::new();
            args.insert("form".into(), form);
            if let Some(s) = submitted {
                if s == "-" && file == "-" {
                    return Err(Failure(input::cli_error(
                        "argument_invalid",
                        "--submitted",
                        &[("detail", "FILE 与 --submitted 不能都是 - / FILE and --submitted cannot both be -")],
                    )));
                }
                args.insert("submitted".into(), input::read_json(s)?);
            }
            let out = call("prereview", &Value::Object(with_today(args, today))).map_err(|e| {
                rename_path(e, &[("/today", "--today"), ("/submitted", "--submitted")])
            })?;
            print(&if p.text {
                text::prereview(&out)
            } else {
                p.json(&out)
            })?;
            Ok(if text::prereview_rejected(&out) {
                Outcome::Negative
            } else {
                Outcome::Ok
            })
        }
        Cmd::Schema { name } => {
            let out = match name {
                None => call("form_schema", &json!({}))?,
                Some(n) => call("schema", &json!({ "name": n }))
                    .map_err(|e| rename_path(e, &[("/name", "NAME")]))?,
            };
            print(&p.json(&out))?;
            Ok(Outcome::Ok)
        }
        Cmd::Guide => {
            let out = call("guide", &json!({}))?;
            match &out {
                Value::String(md) if !cli.pretty => print(md)?,
                other => print(&p.json(other))?,
            }
            Ok(Outcome::Ok)
        }
        Cmd::Rules {
            cmd: RulesCmd::Conflicts,
        } => {
            let out = call("conflicts", &json!({}))?;
            print(&if p.text {
                text::conflicts(&out)
            } else {
                p.json(&out)
            })?;
            Ok(Outcome::Ok)
        }
        Cmd::Codes => {
            let out = call("codes", &json!({}))?;
            print(&if p.text {
                text::codes(&out)
            } else {
                p.json(&out)
            })?;
            Ok(Outcome::Ok)
        }
        Cmd::Batch { file, today } => batch::run(&engine, file, today.as_deref()),
    }
}

pub fn write_error(e: &std::io::Error) -> Error {
    let detail = e.to_string();
    input::cli_error(
        "output_unwritable",
        "",
        &[("reason", &detail), ("reason_en", &detail)],
    )
}

fn outcome_of_flag(out: &Value, key: &str) -> Outcome {
    if out.get(key).and_then(Value::as_bool) == Some(false) {
        Outcome::Negative
    } else {
        Outcome::Ok
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind as K;
            if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = e.print();
                return ExitCode::from(2);
            }
            let json_errors = std::env::args().any(|a| a == "--json-errors");
            let detail = e.to_string();
            let first = detail
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            let err = input::cli_error("argument_invalid", "", &[("detail", &first)]);
            report_error(&err, json_errors);
            if !json_errors {
                let _ = writeln!(std::io::stderr(), "用法 / usage: tuiyi --help");
            }
            return ExitCode::from(2);
        }
    };
    // No panic is expected anywhere; if one happens it is a bug, reported like any other internal error.
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&cli)));
    match result {
        Ok(Ok(Outcome::Ok)) => ExitCode::SUCCESS,
        Ok(Ok(Outcome::Negative)) => ExitCode::from(1),
        Ok(Ok(Outcome::BadInput)) => ExitCode::from(2),
        Ok(Err(Failure(e))) => {
            report_error(&e, cli.json_errors);
            ExitCode::from(exit_code_of(&e))
        }
        Err(_) => {
            report_error(&Error::internal("panic"), cli.json_errors);
            ExitCode::from(2)
        }
    }
}
