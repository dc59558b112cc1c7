//! `tuiyi` — the command-line face of tuiyi-core. Argument parsing, reading input and printing only: the
//! subcommands, their positional names and options are derived from the core's table of operations
//! (`tuiyi_core::ops::OPS`), and every answer comes from `tuiyi_core::api::run`.
//!
//! Exit codes: 0 success · 1 a negative answer (ineligible, invalid form, pre-review rejected) ·
//! 2 bad input (unreadable file, not UTF-8, bad JSON, unknown field, a date the calendar does not cover,
//! a rule pack or calendar directory that does not load, bad arguments; also an internal error, a bug, whose
//! code is `internal_error`).

/// mimalloc: `batch` parses hundreds of thousands of small JSON trees on every core; the system allocator's
/// contention roughly halves its throughput.
#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

mod batch;
mod codes;
mod html;
mod input;
mod text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::{Map, Value};
use tuiyi_core::ops::{self, Input, Kind, Op, Param, Returns};
use tuiyi_core::{Engine, Error};

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
    let flat = |s: &str| text::sanitize(&s.replace(['\n', '\r'], " "));
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

// ---------------------------------------------------------------------------------------------------------
// The command line, from the table

/// The name a parameter has on the command line: `DATE`, `N`, `FILE`, `--today`, `--submitted`, `--mode`,
/// `NAME`. Required parameters are positional; optional ones are options, except a name (`schema [NAME]`).
fn cli_name(p: &Param, whole: bool) -> String {
    if whole && p.kind.is_file() {
        return "FILE".into();
    }
    if !p.required && p.kind != Kind::Name {
        return format!("--{}", p.key.replace('_', "-"));
    }
    if p.kind.is_file() {
        return "FILE".into();
    }
    p.key.to_uppercase()
}

fn arg_of(p: &Param, whole: bool) -> Arg {
    let name = cli_name(p, whole);
    let help = if p.title.is_empty() {
        match p.kind {
            Kind::Applicant => "申请人 JSON 文件（- 为标准输入）· applicant JSON (- for stdin)",
            Kind::Situation => "申请人情况 JSON 文件 · situation JSON",
            Kind::Application => "申请 JSON 文件 · application JSON",
            _ => "",
        }
        .to_string()
    } else if p.kind.is_document() {
        format!("{}（JSON 文件，- 为标准输入）", p.title)
    } else if p.kind == Kind::Text {
        format!("{}（UTF-8 文本文件，- 为标准输入）", p.title)
    } else {
        p.title.to_string()
    };
    if let Some(long) = name.strip_prefix("--") {
        let value_name = match p.kind {
            Kind::Date => "DATE",
            Kind::Mode => "MODE",
            Kind::Count => "N",
            Kind::Str | Kind::Name => "TEXT",
            _ => "FILE",
        };
        Arg::new(p.key.to_string())
            .long(long.to_string())
            .value_name(value_name)
            .help(help)
    } else {
        Arg::new(p.key.to_string())
            .value_name(name)
            .required(p.required)
            .allow_hyphen_values(true)
            .help(help)
    }
}

fn op_command(op: &Op, name: &str) -> Command {
    let mut c = Command::new(name.to_string()).about(format!("{} · {}", op.title, op.summary));
    match op.input {
        Input::Fields { params } => {
            for p in params {
                c = c.arg(arg_of(p, false));
            }
        }
        Input::Whole { kind, extra, .. } => {
            let doc = Param {
                key: "FILE",
                kind,
                required: true,
                title: "",
            };
            c = c.arg(arg_of(&doc, true));
            for p in extra {
                c = c.arg(arg_of(p, true));
            }
        }
    }
    if op.name == "plan" {
        c = c.arg(
            Arg::new("html")
                .long("html")
                .action(ArgAction::SetTrue)
                .conflicts_with_all(["text", "pretty"])
                .help("时间线网页（可打印）· the timeline as a printable HTML page"),
        );
    }
    if op.name == "schema" {
        c = c.arg(
            Arg::new("list")
                .long("list")
                .action(ArgAction::SetTrue)
                .conflicts_with("name")
                .help("列出全部 schema 名称 · list the schema names"),
        );
    }
    if op.name == "calendar_import" {
        c = c.arg(
            Arg::new("out")
                .long("out")
                .value_name("FILE")
                .help("写入此文件（默认标准输出）· write the year file here instead of stdout"),
        );
    }
    c
}

/// Group descriptions of the multi-word commands.
const GROUPS: &[(&str, &str)] = &[
    ("workday", "工作日 · working days"),
    ("rules", "规则包 · the rule pack"),
    ("calendar", "节假日日历 · the holiday calendar"),
];

fn command() -> Command {
    let mut root = Command::new("tuiyi")
        .version(env!("CARGO_PKG_VERSION"))
        .about("山西省军人退役“一件事”规则引擎 · rules engine for Shanxi's 军人退役“一件事” service")
        .long_about(
            "山西省军人退役“一件事”规则引擎：工作日、期限、申请资格、材料、办理计划、登记表校验。\n\
             Rules engine for Shanxi's 军人退役“一件事” service: working days, legal periods, eligibility, \
             materials, plan, registration-form checks.\n\n\
             FILE may be `-` for stdin. Exit codes: 0 success, 1 negative answer (ineligible, invalid, \
             rejected), 2 bad input (no answer).",
        )
        .subcommand_required(true)
        .arg(
            Arg::new("rules")
                .long("rules")
                .global(true)
                .value_name("DIR")
                .help("规则包目录（默认内置；环境变量 TUIYI_RULES_DIR）· rule pack directory (default: embedded)"),
        )
        .arg(
            Arg::new("calendar")
                .long("calendar")
                .global(true)
                .value_name("DIR")
                .help("日历目录，每年一个文件（默认内置；环境变量 TUIYI_CALENDAR_DIR）· calendar directory"),
        )
        .arg(
            Arg::new("pretty")
                .long("pretty")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("缩进输出 JSON · indent the JSON output"),
        )
        .arg(
            Arg::new("text")
                .long("text")
                .global(true)
                .action(ArgAction::SetTrue)
                .conflicts_with("pretty")
                .help("中文可读视图 · a readable Chinese view instead of JSON"),
        )
        .arg(
            Arg::new("json-errors")
                .long("json-errors")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("错误以 JSON 输出到 stderr · print errors on stderr as one JSON object"),
        );
    let mut groups: Vec<(String, Command)> = Vec::new();
    for op in ops::OPS {
        let Some(words) = op.cli else { continue };
        match words {
            [one] => root = root.subcommand(op_command(op, one)),
            [group, sub] => {
                let cmd = op_command(op, sub);
                match groups.iter_mut().find(|(g, _)| g == group) {
                    Some((_, g)) => *g = g.clone().subcommand(cmd),
                    None => {
                        let about = GROUPS
                            .iter()
                            .find(|(g, _)| g == group)
                            .map_or("", |(_, a)| a);
                        let g = Command::new(group.to_string())
                            .about(about)
                            .subcommand_required(true)
                            .subcommand(cmd);
                        groups.push((group.to_string(), g));
                    }
                }
            }
            _ => {}
        }
    }
    for (_, g) in groups {
        root = root.subcommand(g);
    }
    root.subcommand(
        Command::new("batch")
            .about("批量校验 JSONL，每行一份登记表 · validate one form per line; one report per line, in order")
            .arg(Arg::new("file").value_name("FILE").required(true).allow_hyphen_values(true))
            .arg(Arg::new("today").long("today").value_name("DATE")),
    )
}

/// The operation a parsed command line names, with its own matches.
fn chosen(m: &ArgMatches) -> Option<(&'static Op, &ArgMatches)> {
    let (first, sub) = m.subcommand()?;
    for op in ops::OPS {
        match op.cli {
            Some([one]) if *one == first => return Some((op, sub)),
            Some([group, word]) if *group == first => {
                if let Some((second, subsub)) = sub.subcommand() {
                    if second == *word {
                        return Some((op, subsub));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------------------
// Running

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

pub fn write_error(e: &std::io::Error) -> Error {
    let detail = e.to_string();
    codes::error(
        &codes::OUTPUT_UNWRITABLE,
        "",
        &[("reason", &detail), ("reason_en", &detail)],
    )
}

/// A number argument as JSON: an integer when it reads as one, otherwise the text (the core then names
/// what is wrong with it).
fn num_or_string(s: &str) -> Value {
    match s.trim().parse::<i64>() {
        Ok(n) => Value::from(n),
        Err(_) => Value::String(s.to_string()),
    }
}

/// The value of one parameter from its command-line text.
fn param_value(p: &Param, text: &str) -> Result<Value, Failure> {
    Ok(match p.kind {
        Kind::Count => num_or_string(text),
        Kind::Text => Value::String(input::read_text(text)?),
        k if k.is_document() => input::read_json(text)?,
        _ => Value::String(text.to_string()),
    })
}

/// The operation's JSON input from the command line, and the renaming of argument paths for errors.
fn build_input(op: &Op, m: &ArgMatches) -> Result<(Value, Vec<(String, String)>), Failure> {
    let mut renames = Vec::new();
    let mut stdin_users: Vec<String> = Vec::new();
    let mut note_stdin = |name: &str, text: &str| -> Result<(), Failure> {
        if text == "-" {
            if let Some(first) = stdin_users.first() {
                return Err(Failure(codes::error(
                    &codes::ARGUMENT_INVALID,
                    name,
                    &[(
                        "detail",
                        &format!(
                            "{first} 与 {name} 不能都是 - / {first} and {name} cannot both be -"
                        ),
                    )],
                )));
            }
            stdin_users.push(name.to_string());
        }
        Ok(())
    };
    match op.input {
        Input::Fields { params } => {
            let mut obj = Map::new();
            for p in params {
                let Some(text) = m.get_one::<String>(p.key) else {
                    continue;
                };
                let name = cli_name(p, false);
                if p.kind.is_file() {
                    note_stdin(&name, text)?;
                } else {
                    renames.push((format!("/{}", p.key), name));
                }
                obj.insert(p.key.to_string(), param_value(p, text)?);
            }
            Ok((Value::Object(obj), renames))
        }
        Input::Whole { kind, extra, .. } => {
            let file = m
                .get_one::<String>("FILE")
                .map(String::as_str)
                .unwrap_or("-");
            note_stdin("FILE", file)?;
            let mut doc = param_value(
                &Param {
                    key: "FILE",
                    kind,
                    required: true,
                    title: "",
                },
                file,
            )?;
            for p in extra {
                let Some(text) = m.get_one::<String>(p.key) else {
                    continue;
                };
                if let Value::Object(o) = &mut doc {
                    o.insert(p.key.to_string(), param_value(p, text)?);
                }
                renames.push((format!("/{}", p.key), cli_name(p, true)));
            }
            Ok((doc, renames))
        }
    }
}

/// Rename the path of an argument error to the argument's command-line name (`/date` → `DATE`).
fn rename_path(mut e: Error, renames: &[(String, String)]) -> Error {
    for (from, to) in renames {
        if e.path == *from || e.path.starts_with(&format!("{from}/")) {
            e.path = format!("{to}{}", &e.path[from.len()..]);
            break;
        }
    }
    e
}

/// `--text` view of an operation's output.
fn text_view(op: &Op, out: &Value) -> String {
    match op.name {
        "period_end" => text::period(out),
        "check_eligibility" => text::eligibility(out),
        "required_materials" => text::materials(out),
        "plan" => text::plan(out),
        "validate" => text::report(out),
        "prereview" => text::prereview(out),
        "conflicts" => text::conflicts(out),
        "codes" => text::codes(out),
        _ => text::generic(out),
    }
}

fn print_output(op: &Op, out: &Value, p: &Printer) -> Result<(), Failure> {
    match op.returns {
        // The stable contract: the bare value (`true`, `2024-10-10`, `7`), never quoted.
        Returns::Bool | Returns::Date | Returns::Int => match out {
            Value::String(s) => print(s),
            other => print(&other.to_string()),
        },
        Returns::Period if !p.text => {
            // The contract's key order: raw_end, end, extended (then provisional, only when true).
            let provisional = out.get("provisional") == Some(&Value::Bool(true));
            let keys: &[&str] = if provisional {
                &["raw_end", "end", "extended", "provisional"]
            } else {
                &["raw_end", "end", "extended"]
            };
            let fields = keys
                .iter()
                .map(|k| {
                    format!(
                        "{}{}",
                        if p.pretty { "  " } else { "" },
                        format_args!(
                            "\"{k}\":{}{}",
                            if p.pretty { " " } else { "" },
                            out.get(*k).cloned().unwrap_or(Value::Null)
                        )
                    )
                })
                .collect::<Vec<_>>();
            if p.pretty {
                print(&format!("{{\n{}\n}}", fields.join(",\n")))
            } else {
                print(&format!("{{{}}}", fields.join(",")))
            }
        }
        Returns::Text if !p.pretty => match out {
            Value::String(md) => print(md),
            other => print(&p.json(other)),
        },
        _ if p.text => print(&text::sanitize(&text_view(op, out))),
        // A normalized form or a department's share may hold what the applicant typed: never raw controls.
        _ => print(&text::json_safe(&p.json(out))),
    }
}

fn run(m: &ArgMatches) -> Result<Outcome, Failure> {
    let rules = dir_option(m, "rules", "TUIYI_RULES_DIR")?;
    let calendar = dir_option(m, "calendar", "TUIYI_CALENDAR_DIR")?;
    let engine = Engine::load(rules.as_deref(), calendar.as_deref())?;
    let p = Printer {
        pretty: m.get_flag("pretty"),
        text: m.get_flag("text"),
    };
    if let Some(("batch", b)) = m.subcommand() {
        let file = b
            .get_one::<String>("file")
            .map(String::as_str)
            .unwrap_or("-");
        let today = b.get_one::<String>("today").map(String::as_str);
        return batch::run(&engine, file, today);
    }
    let Some((op, sub)) = chosen(m) else {
        return Err(Failure(codes::error(
            &codes::ARGUMENT_INVALID,
            "",
            &[("detail", "缺少子命令 / missing subcommand")],
        )));
    };
    if op.name == "schema" && sub.get_flag("list") {
        for name in tuiyi_core::schemas::NAMES {
            print(name)?;
        }
        return Ok(Outcome::Ok);
    }
    let (input, renames) = build_input(op, sub)?;
    let (mut out, notes) = tuiyi_core::api::run_with_notes(&engine, op.name, &input)
        .map_err(|e| Failure(rename_path(e, &renames)))?;
    // Notes about the answer (a working day counted in a provisional year…) go to stderr: stdout keeps the
    // bare answer scripts read.
    for n in &notes {
        report_note(n, m.get_flag("json-errors"), &renames);
    }
    if op.name == "calendar_import" {
        return calendar_import_output(&out, sub.get_one::<String>("out"), &p);
    }
    if op.name == "codes" {
        // The CLI's own codes (reading files, arguments, writing) belong to the catalogue it prints.
        if let (Value::Array(all), Ok(Value::Array(mine))) =
            (&mut out, serde_json::to_value(codes::CODES))
        {
            all.extend(mine);
        }
    }
    if op.name == "plan" && sub.get_flag("html") {
        print(&html::plan_page(&out, &engine))?;
    } else {
        print_output(op, &out, &p)?;
    }
    let negative = op
        .verdict
        .and_then(|ptr| out.pointer(ptr))
        .and_then(Value::as_bool)
        == Some(false);
    Ok(if negative {
        Outcome::Negative
    } else {
        Outcome::Ok
    })
}

/// One note on stderr: `提示 [code] path: message (message_en)`, or its JSON with `--json-errors`.
fn report_note(n: &tuiyi_core::report::Finding, json: bool, renames: &[(String, String)]) {
    let mut path = n.path.clone();
    if let Some((_, to)) = renames.iter().find(|(from, _)| *from == path) {
        path = to.clone();
    }
    let line = if json {
        serde_json::to_string(n).unwrap_or_default()
    } else {
        let flat = |s: &str| text::sanitize(&s.replace(['\n', '\r'], " "));
        format!(
            "提示 [{}] {}: {} ({})",
            n.code,
            flat(&path),
            flat(&n.message),
            flat(&n.message_en)
        )
    };
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// `calendar import`: the year file in the layout of rules/calendar/YYYY.json, on stdout or into `--out FILE`
/// (written whole or not at all; a file named `YYYY.json` must be for that year, since the calendar loads it by
/// its name).
fn calendar_import_output(
    out: &Value,
    to: Option<&String>,
    p: &Printer,
) -> Result<Outcome, Failure> {
    let file: tuiyi_core::calendar::YearFile = serde_json::from_value(out.clone())
        .map_err(|e| Failure(Error::internal(format!("calendar_import output: {e}"))))?;
    let text = if p.pretty || !p.text {
        file.to_json_text()
    } else {
        text::generic(out)
    };
    let Some(to) = to else {
        print(&text)?;
        return Ok(Outcome::Ok);
    };
    let path = PathBuf::from(to);
    let named_year = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".json"))
        .filter(|stem| stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string);
    if let Some(y) = named_year {
        if y != file.year.to_string() {
            return Err(Failure(codes::error(
                &codes::ARGUMENT_INVALID,
                "--out",
                &[(
                    "detail",
                    &format!(
                        "通知是 {} 年的，文件名却是 {y}.json（日历按文件名认年份）/ the notice is for {}, the file is named {y}.json",
                        file.year, file.year
                    ),
                )],
            )));
        }
    }
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text.as_bytes())
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Failure(write_error(&e))
        })?;
    let _ = writeln!(
        std::io::stderr().lock(),
        "已写入 {}：{} 年，{} 项节日安排 / wrote the {} year file",
        input::shown(to),
        file.year,
        file.festivals.len(),
        file.year
    );
    Ok(Outcome::Ok)
}

/// `--rules DIR` / `--calendar DIR`, else the environment variable; an empty value is an error naming
/// where it came from.
fn dir_option(m: &ArgMatches, opt: &str, var: &str) -> Result<Option<PathBuf>, Failure> {
    let (value, source) = match m.get_one::<String>(opt) {
        Some(v) => (v.clone(), format!("--{opt}")),
        None => match std::env::var_os(var) {
            Some(v) => (v.to_string_lossy().into_owned(), var.to_string()),
            None => return Ok(None),
        },
    };
    if value.trim().is_empty() {
        return Err(Failure(codes::error(
            &codes::ARGUMENT_INVALID,
            &source,
            &[(
                "detail",
                &format!("{source} 为空，应为目录路径 / {source} is empty; expected a directory"),
            )],
        )));
    }
    Ok(Some(PathBuf::from(value)))
}

fn main() -> ExitCode {
    let matches = match command().try_get_matches() {
        Ok(m) => m,
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
            let err = codes::error(&codes::ARGUMENT_INVALID, "", &[("detail", &first)]);
            report_error(&err, json_errors);
            if !json_errors {
                let _ = writeln!(std::io::stderr(), "用法 / usage: tuiyi --help");
            }
            return ExitCode::from(2);
        }
    };
    let json_errors = matches.get_flag("json-errors");
    // No panic is expected anywhere; if one happens it is a bug, reported like any other internal error.
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&matches)));
    match result {
        Ok(Ok(Outcome::Ok)) => ExitCode::SUCCESS,
        Ok(Ok(Outcome::Negative)) => ExitCode::from(1),
        Ok(Ok(Outcome::BadInput)) => ExitCode::from(2),
        Ok(Err(Failure(e))) => {
            report_error(&e, json_errors);
            ExitCode::from(2)
        }
        Err(_) => {
            report_error(&Error::internal("panic"), json_errors);
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids of the global options (and `calendar import --out`): no parameter of an operation may take one
    /// (clap would hand one's value to the other).
    const GLOBAL_IDS: &[&str] = &[
        "rules",
        "calendar",
        "pretty",
        "text",
        "json-errors",
        "out",
        "html",
        "list",
    ];

    #[test]
    fn parameters_do_not_take_the_ids_of_global_options() {
        for op in ops::OPS {
            for p in op.params() {
                assert!(
                    !GLOBAL_IDS.contains(&p.key),
                    "{}: parameter {} shadows a global option",
                    op.name,
                    p.key
                );
            }
        }
        command().debug_assert();
    }
}
