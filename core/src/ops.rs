//! The table of operations: every operation tuiyi offers, once.
//!
//! Each row names the operation, its parameters (kind, JSON key, required or not), what it returns, the
//! codes it can raise, the command-line words that reach it, and its function. [`crate::api::run`]
//! dispatches from this table; the CLI builds its subcommands and positional names from it; the Python,
//! Node and WebAssembly faces expose it generically (a free function and an `Engine` method per row); the
//! vector runners of every face read it. Adding an operation is one row here plus its function.
//!
//! Inputs are read by the structural reader ([`crate::strict`]) before the function runs: a function only
//! ever sees well-formed arguments, through [`Args`].

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::calendar::CalendarMode;
use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::report::Finding;
use crate::signature::{opt, req};
pub use crate::signature::{Input, Kind, Param, Returns, Signature};
use crate::strict::{self, Node};
use crate::Engine;

type RunFn = fn(&Engine, &mut Args) -> Result<Output>;

/// One row of the table: a signature and its function.
#[derive(Clone, Copy)]
pub struct Op {
    pub sig: Signature,
    run: RunFn,
}

impl std::ops::Deref for Op {
    type Target = Signature;
    fn deref(&self) -> &Signature {
        &self.sig
    }
}

impl std::fmt::Debug for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Op").field("name", &self.sig.name).finish()
    }
}

// ---------------------------------------------------------------------------------------------------------
// The table

/// What a calendar query can raise: a year with no notice (refuse mode, or a gap), and past the provisional
/// horizon (provisional mode).
const CAL: &[&str] = &["calendar_year_not_covered", "calendar_year_beyond_horizon"];

/// The `mode` parameter of the calendar operations.
const MODE: Param = opt(
    "mode",
    Kind::Mode,
    "未收录通知的年份：refuse（默认，报错）或 provisional（按法定节假日暂定推算）",
);

/// Every operation, in the order the documentation lists them.
pub static OPS: &[Op] = &[
    Op {
        sig: Signature {
            name: "is_working_day",
            cli: Some(&["workday", "is"]),
            title: "是否工作日",
            summary: "whether DATE is a working day",
            input: Input::Fields {
                params: &[req("date", Kind::Date, "日期"), MODE],
            },
            returns: Returns::Bool,
            verdict: None,
            codes: CAL,
        },
        run: |e, a| noted(e, e.is_working_day_with(a.date("date")?, a.mode()?)?, "/date"),
    },
    Op {
        sig: Signature {
            name: "add_working_days",
            cli: Some(&["workday", "add"]),
            title: "DATE 之后第 N 个工作日（起算日不计）",
            summary: "the N-th working day after DATE (the start day is not counted)",
            input: Input::Fields {
                params: &[
                    req("date", Kind::Date, "起算日"),
                    req("n", Kind::Count, "工作日数（至少 1）"),
                    MODE,
                ],
            },
            returns: Returns::Date,
            verdict: None,
            codes: &[
                "calendar_year_not_covered",
                "calendar_year_beyond_horizon",
                "calendar_n_zero",
            ],
        },
        run: |e, a| {
            let d = e.add_working_days_with(a.date("date")?, a.count("n")?, a.mode()?)?;
            noted(e, d.map(crate::date::Date), "/date")
        },
    },
    Op {
        sig: Signature {
            name: "working_days_between",
            cli: Some(&["workday", "count"]),
            title: "(A, B] 内的工作日数",
            summary: "working days in (A, B]; negative when B is before A",
            input: Input::Fields {
                params: &[
                    req("a", Kind::Date, "起算日（不计）"),
                    req("b", Kind::Date, "截止日（计入）"),
                    MODE,
                ],
            },
            returns: Returns::Int,
            verdict: None,
            codes: CAL,
        },
        run: |e, a| {
            let n = e.working_days_between_with(a.date("a")?, a.date("b")?, a.mode()?)?;
            noted(e, n, "/a")
        },
    },
    Op {
        sig: Signature {
            name: "period_end",
            cli: Some(&["period"]),
            title: "期间届满日（民法典第二百零一、二百零三条）",
            summary: "end of a calendar-day period (Civil Code arts. 201, 203)",
            input: Input::Fields {
                params: &[
                    req("start", Kind::Date, "起算日（不计入）"),
                    req("days", Kind::Count, "天数（至少 1）"),
                    MODE,
                ],
            },
            returns: Returns::Period,
            verdict: None,
            codes: &[
                "calendar_year_not_covered",
                "calendar_year_beyond_horizon",
                "calendar_days_zero",
            ],
        },
        run: |e, a| {
            let p = e.period_end_with(a.date("start")?, a.count("days")?, a.mode()?)?;
            let provisional = p.is_provisional();
            let value = p.value;
            noted(
                e,
                p.map(|_| PeriodOut {
                    period: value,
                    provisional,
                }),
                "/start",
            )
        },
    },
    Op {
        sig: Signature {
            name: "calendar_import",
            cli: Some(&["calendar", "import"]),
            title: "导入国务院办公厅部分节假日安排通知原文，生成日历年度文件",
            summary: "read a State Council holiday notice as published into its calendar year file (every weekday and lunar date checked)",
            input: Input::Fields {
                params: &[
                    req("notice", Kind::Text, "通知原文"),
                    opt("number", Kind::Str, "文号（通知文本中没有时，如新华社全文）"),
                    opt("issued", Kind::Date, "发布日期（文本中没有落款日期时）"),
                    opt("year", Kind::Count, "年份（文本中没有标题时）"),
                    opt("source", Kind::Str, "出处（网址或报刊），写入 notice.sources"),
                ],
            },
            returns: Returns::Json("calendar-year"),
            verdict: None,
            codes: &[
                "calendar_notice_unparseable",
                "calendar_notice_weekday_mismatch",
                "calendar_notice_lunar_mismatch",
                "calendar_notice_missing",
                "calendar_notice_conflict",
                "calendar_festival_coverage",
            ],
        },
        run: |_, a| {
            let meta = crate::calendar::NoticeMeta {
                year: a
                    .opt_count("year")?
                    .map(|y| i32::try_from(y).unwrap_or(i32::MAX)),
                number: a.opt_str("number")?.map(String::from),
                issued: a.opt_date("issued")?.map(crate::date::Date),
                sources: a.opt_str("source")?.map(String::from).into_iter().collect(),
            };
            let text = a.opt_str("notice")?.ok_or_else(|| a.missing("notice"))?;
            out(crate::calendar::import_notice_with(text, &meta)?)
        },
    },
    Op {
        sig: Signature {
            name: "check_eligibility",
            cli: Some(&["eligibility"]),
            title: "申请资格",
            summary: "eligibility of an applicant (every failing condition)",
            input: Input::Whole {
                name: "applicant",
                kind: Kind::Applicant,
                extra: &[],
            },
            returns: Returns::Json("eligibility"),
            verdict: Some("/eligible"),
            codes: &[],
        },
        run: |e, a| out(e.check_eligibility(&a.whole()?)),
    },
    Op {
        sig: Signature {
            name: "required_materials",
            cli: Some(&["materials"]),
            title: "14 项材料各是否需要及理由",
            summary:
                "the 14 materials of 附件3 for a situation, each required or not, with the reason",
            input: Input::Whole {
                name: "situation",
                kind: Kind::Situation,
                extra: &[],
            },
            returns: Returns::Json("materials"),
            verdict: None,
            codes: &["settlement_mode_required", "settlement_mode_not_applicable"],
        },
        run: |e, a| out(e.required_materials(&a.whole()?)?),
    },
    Op {
        sig: Signature {
            name: "plan",
            cli: Some(&["plan"]),
            title: "办理计划：资格、事项、部门、期限、材料",
            summary:
                "the plan of an application: eligibility, items, departments, due dates, materials",
            input: Input::Whole {
                name: "application",
                kind: Kind::Application,
                extra: &[
                    opt("today", Kind::Date, "今天（用于各事项状态）"),
                    opt(
                        "calendar_mode",
                        Kind::Mode,
                        "未收录通知的年份：provisional（默认，暂定推算）或 refuse（到期日为空）",
                    ),
                ],
            },
            returns: Returns::Json("plan"),
            verdict: Some("/eligibility/eligible"),
            codes: &[
                "settlement_mode_required",
                "settlement_mode_not_applicable",
                "unknown_item_no",
            ],
        },
        run: |e, a| out(e.plan(&a.whole()?)?),
    },
    Op {
        sig: Signature {
            name: "validate",
            cli: Some(&["validate"]),
            title: "校验登记表",
            summary: "validate a registration form (附件2): every finding",
            input: Input::Fields {
                params: &[
                    req("form", Kind::Form, "登记表"),
                    opt("today", Kind::Date, "今天（默认为北京时间当天）"),
                ],
            },
            returns: Returns::Json("report"),
            verdict: Some("/valid"),
            codes: &[],
        },
        run: |e, a| {
            let today = a.opt_date("today")?;
            // A form given as its JSON text was parsed here: it is checked (and made canonical) in place.
            match a.take("form")? {
                Cow::Owned(form) => out(e.validate_parsed(form, today)),
                Cow::Borrowed(form) => out(e.validate_doc(form, today)),
            }
        },
    },
    Op {
        sig: Signature {
            name: "normalize",
            cli: Some(&["normalize"]),
            title: "登记表规范化：代码、简称换成规范值，号码写成统一格式，附校验报告",
            summary: "the canonical form of a registration form (codes and short names as canonical values, numbers in one shape), with its validation report",
            input: Input::Fields {
                params: &[
                    req("form", Kind::Form, "登记表"),
                    opt("today", Kind::Date, "今天（默认为北京时间当天）"),
                ],
            },
            returns: Returns::Json("normalized"),
            verdict: Some("/report/valid"),
            codes: &[],
        },
        run: |e, a| out(e.normalize_doc(a.doc("form")?, a.opt_date("today")?)),
    },
    Op {
        sig: Signature {
            name: "dispatch",
            cli: Some(&["dispatch"]),
            title: "各部门收到的字段（数据推送）",
            summary: "the fields of the form each department receives",
            input: Input::Fields {
                params: &[req("form", Kind::Form, "登记表")],
            },
            returns: Returns::Json("dispatch"),
            verdict: None,
            codes: &["dispatch_form_not_object"],
        },
        run: |e, a| out(e.dispatch(&a.doc("form")?.to_value())?),
    },
    Op {
        sig: Signature {
            name: "prereview",
            cli: Some(&["prereview"]),
            title: "各部门预审与退回理由",
            summary: "per-department pre-review with the SMS for a rejection",
            input: Input::Fields {
                params: &[
                    req("form", Kind::Form, "登记表"),
                    opt("submitted", Kind::Materials, "已提交材料（附件3 序号）"),
                    opt("today", Kind::Date, "今天（默认为北京时间当天）"),
                ],
            },
            returns: Returns::Json("prereview"),
            verdict: Some("/passed"),
            codes: &[],
        },
        run: |e, a| {
            let submitted = a.value("submitted").unwrap_or(Value::Null);
            let form = a.doc("form")?.to_value();
            out(e.prereview(&form, &submitted, a.opt_date("today")?)?)
        },
    },
    Op {
        sig: Signature {
            name: "form_schema",
            cli: None,
            title: "登记表的 JSON Schema",
            summary: "the JSON Schema (draft 2020-12) of the registration form",
            input: Input::Fields { params: &[] },
            returns: Returns::Schema,
            verdict: None,
            codes: &[],
        },
        run: |e, _| out(e.form_schema()),
    },
    Op {
        sig: Signature {
            name: "schema",
            cli: Some(&["schema"]),
            title: "JSON Schema（默认登记表）",
            summary: "a JSON Schema by name (default: the registration form)",
            input: Input::Fields {
                params: &[opt("name", Kind::Name, "名称")],
            },
            returns: Returns::Schema,
            verdict: None,
            codes: &["unknown_schema"],
        },
        run: |e, a| out(e.schema(a.opt_str("name")?.unwrap_or("form"))?),
    },
    Op {
        sig: Signature {
            name: "guide",
            cli: Some(&["guide"]),
            title: "办事指南（Markdown）",
            summary: "the service guide, as Markdown",
            input: Input::Fields { params: &[] },
            returns: Returns::Text,
            verdict: None,
            codes: &[],
        },
        run: |e, _| out(e.guide()),
    },
    Op {
        sig: Signature {
            name: "conflicts",
            cli: Some(&["rules", "conflicts"]),
            title: "方案自相矛盾之处及采用的读法",
            summary: "the recorded contradictions of the source text, with the reading followed",
            input: Input::Fields { params: &[] },
            returns: Returns::Json("conflicts"),
            verdict: None,
            codes: &[],
        },
        run: |e, _| out(e.pack().conflicts().to_vec()),
    },
    Op {
        sig: Signature {
            name: "codes",
            cli: Some(&["codes"]),
            title: "全部错误/提示代码及中英文模板",
            summary: "every code with its Chinese and English templates",
            input: Input::Fields { params: &[] },
            returns: Returns::Json("codes"),
            verdict: None,
            codes: &[],
        },
        run: |_, _| out(crate::catalogue::catalogue()),
    },
    Op {
        sig: Signature {
            name: "operations",
            cli: Some(&["operations"]),
            title: "全部操作及其参数（本表）",
            summary: "every operation with its parameters (this table)",
            input: Input::Fields { params: &[] },
            returns: Returns::Json("operations"),
            verdict: None,
            codes: &[],
        },
        run: |_, _| out(OPS.iter().map(|o| o.sig).collect::<Vec<_>>()),
    },
];

/// The operation named `name`.
pub fn find(name: &str) -> Option<&'static Op> {
    OPS.iter().find(|o| o.name == name)
}

// ---------------------------------------------------------------------------------------------------------
// Codes

pub fn unknown_operation(name: &str) -> Error {
    let ops: Vec<&str> = OPS.iter().map(|o| o.name).collect();
    Error::bad_input_code(
        &strict::UNKNOWN_OPERATION,
        "",
        &[("op", &crate::mask::value(name)), ("ops", &ops.join(", "))],
    )
}

// ---------------------------------------------------------------------------------------------------------
// Reading the input

/// The structural tree of a parameter kind (`None`: read by the operation itself — the form).
fn node_of(kind: Kind) -> &'static Node {
    static NODES: OnceLock<[Node; 11]> = OnceLock::new();
    let nodes = NODES.get_or_init(|| {
        let typed = |v: &'static Value| strict::compile(v, v);
        [
            Node::Date,
            Node::Int {
                min: 0,
                max: i64::from(u32::MAX),
            },
            Node::Any,
            typed(schema_static("applicant")),
            typed(schema_static("situation")),
            typed(schema_static("application")),
            Node::Nullable(Box::new(Node::Arr(Box::new(Node::Int {
                min: 0,
                max: 255,
            })))),
            Node::Str(crate::strict::TextKind::Free),
            typed(schema_static("calendar_mode")),
            Node::Str(crate::strict::TextKind::Free),
            Node::Str(crate::strict::TextKind::Free),
        ]
    });
    let i = match kind {
        Kind::Date => 0,
        Kind::Count => 1,
        Kind::Form => 2,
        Kind::Applicant => 3,
        Kind::Situation => 4,
        Kind::Application => 5,
        Kind::Materials => 6,
        Kind::Name => 7,
        Kind::Mode => 8,
        Kind::Text => 9,
        Kind::Str => 10,
    };
    &nodes[i]
}

/// A schema of [`crate::schema`] kept for the life of the process (the trees borrow their strings).
fn schema_static(name: &str) -> &'static Value {
    static SCHEMAS: OnceLock<Vec<(String, &'static Value)>> = OnceLock::new();
    let all = SCHEMAS.get_or_init(|| {
        let mut all: Vec<(String, &'static Value)> = ["applicant", "situation", "application"]
            .iter()
            .map(|n| {
                let v = crate::schemas::named(n).unwrap_or(Value::Null);
                (n.to_string(), &*Box::leak(Box::new(v)))
            })
            .collect();
        let mode = serde_json::to_value(schemars::schema_for!(crate::calendar::CalendarMode))
            .unwrap_or(Value::Null);
        all.push(("calendar_mode".to_string(), &*Box::leak(Box::new(mode))));
        all
    });
    all.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| *v)
        .unwrap_or(&Value::Null)
}

/// The arguments of one call, read and checked: each parameter's value (a form given as JSON text is
/// parsed here, at `/form`).
pub struct Args<'a> {
    op: &'static Op,
    /// Borrowed from the input, or moved out of it when the caller gave it away ([`call`] of an owned
    /// input), or parsed here (a form given as JSON text): a form is never copied.
    values: Vec<(&'static str, Cow<'a, Doc<'a>>)>,
    /// A whole-document input (with its extra keys inside).
    whole: Option<Cow<'a, Doc<'a>>>,
}

impl<'a> Args<'a> {
    /// Read `input` for `op`: limits are the caller's (the input was parsed or built within them); here
    /// every parameter is checked against its kind. An input given owned has its arguments moved out of it
    /// (a form the caller built from its host's values is then made canonical in place, not copied).
    pub fn read(op: &'static Op, input: Cow<'a, Doc<'a>>) -> Result<Args<'a>> {
        match op.input {
            Input::Whole { kind, .. } => {
                strict::check_input(node_of(kind), &input, "")?;
                Ok(Args {
                    op,
                    values: Vec::new(),
                    whole: Some(input),
                })
            }
            Input::Fields { params } => {
                let has_fields = match &*input {
                    Doc::Null if params.iter().all(|p| !p.required) => false,
                    Doc::Object(_) => true,
                    other => {
                        return Err(strict::input_error(
                            "",
                            strict::Problem::WrongType {
                                node: &Node::Obj(strict::Obj::new(Vec::new())),
                                got: other,
                            },
                        ))
                    }
                };
                let mut values = Vec::with_capacity(params.len());
                if has_fields {
                    // Keys in sorted order: the first problem is the same whatever order a host gave them.
                    let mut entries: Vec<(Cow<'a, str>, Cow<'a, Doc<'a>>)> = match input {
                        Cow::Borrowed(Doc::Object(o)) => o
                            .iter()
                            .map(|(k, v)| (Cow::Borrowed(k), Cow::Borrowed(v)))
                            .collect(),
                        Cow::Owned(Doc::Object(o)) => {
                            o.into_entries().map(|(k, v)| (k, Cow::Owned(v))).collect()
                        }
                        _ => Vec::new(),
                    };
                    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                    for (k, v) in entries {
                        let k = k.as_ref();
                        let Some(p) = params.iter().find(|p| p.key == k) else {
                            let mut path = String::new();
                            strict::push_key(&mut path, k);
                            let expected: Vec<&str> = params.iter().map(|p| p.key).collect();
                            return Err(strict::input_error(
                                &path,
                                strict::Problem::UnknownField {
                                    expected: expected.join(", ").into(),
                                },
                            ));
                        };
                        // (`concat`, not `format!`: this runs for every argument of every call.)
                        let at = ["/", p.key].concat();
                        if p.kind == Kind::Form {
                            // The form as its own JSON text: parsed in place of the string (which
                            // outlives the call: a string the input owned was left to `call`'s borrowed
                            // reading).
                            let text = match &v {
                                Cow::Borrowed(Doc::String(t)) => Some(text_ref(t)),
                                Cow::Owned(Doc::String(Cow::Borrowed(t))) => Some(*t),
                                Cow::Owned(Doc::String(Cow::Owned(_))) => {
                                    return Err(Error::internal(
                                        "a form's text owned by the input reached Args::read",
                                    ))
                                }
                                _ => None,
                            };
                            if let Some(text) = text {
                                let doc = crate::parse::parse_at(text, 2, &at)?;
                                values.push((p.key, Cow::Owned(doc)));
                                continue;
                            }
                        }
                        strict::check_input(node_of(p.kind), &v, &at)?;
                        values.push((p.key, v));
                    }
                }
                for p in params.iter().filter(|p| p.required) {
                    if !values.iter().any(|(k, _)| *k == p.key) {
                        return Err(strict::input_error(
                            &format!("/{}", p.key),
                            strict::Problem::Missing,
                        ));
                    }
                }
                Ok(Args {
                    op,
                    values,
                    whole: None,
                })
            }
        }
    }

    fn get(&self, key: &str) -> Option<&Doc<'a>> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_ref())
    }

    /// Argument `key`, taken out of the arguments: owned when the input held it as text (a form), so that it
    /// can be changed in place.
    pub fn take(&mut self, key: &str) -> Result<Cow<'a, Doc<'a>>> {
        match self.values.iter().position(|(k, _)| *k == key) {
            Some(i) => Ok(self.values.swap_remove(i).1),
            None => Err(self.missing(key)),
        }
    }

    pub(crate) fn missing(&self, key: &str) -> Error {
        Error::internal(format!("{}: argument {key} not read", self.op.name))
    }

    pub fn doc(&self, key: &str) -> Result<&Doc<'a>> {
        self.get(key).ok_or_else(|| self.missing(key))
    }

    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key).map(Doc::to_value)
    }

    pub fn date(&self, key: &str) -> Result<NaiveDate> {
        self.opt_date(key)?.ok_or_else(|| self.missing(key))
    }

    pub fn opt_date(&self, key: &str) -> Result<Option<NaiveDate>> {
        match self.get(key) {
            None => Ok(None),
            Some(Doc::String(s)) => crate::date::parse_date(s)
                .map(Some)
                .map_err(|_| self.missing(key)),
            Some(_) => Err(self.missing(key)),
        }
    }

    pub fn count(&self, key: &str) -> Result<u32> {
        match self.get(key) {
            Some(Doc::Number(n)) => strict::integer(n)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| self.missing(key)),
            _ => Err(self.missing(key)),
        }
    }

    pub fn opt_count(&self, key: &str) -> Result<Option<u32>> {
        match self.get(key) {
            None => Ok(None),
            Some(_) => self.count(key).map(Some),
        }
    }

    /// The calendar mode of the `mode` parameter (default [`CalendarMode::Refuse`], the calendar functions'
    /// behaviour before the parameter existed).
    pub fn mode(&self) -> Result<CalendarMode> {
        match self.get("mode") {
            None => Ok(CalendarMode::Refuse),
            Some(Doc::String(s)) => serde_json::from_value(Value::String(s.to_string()))
                .map_err(|_| self.missing("mode")),
            Some(_) => Err(self.missing("mode")),
        }
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Doc::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.missing(key)),
        }
    }

    /// The whole-document input as its type (already checked by the structural reader, so serde cannot
    /// refuse it; if it did, that is a bug, reported as such).
    pub fn whole<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        let doc = self
            .whole
            .as_deref()
            .ok_or_else(|| self.missing("(input)"))?;
        let Input::Whole { kind, .. } = self.op.input else {
            return Err(self.missing("(input)"));
        };
        serde_json::from_value(strict::canonical_value(node_of(kind), doc)).map_err(|_| {
            Error::internal(format!(
                "{}: input passed the structural check but not its type",
                self.op.name
            ))
        })
    }
}

fn text_ref<'a>(s: &'a std::borrow::Cow<'a, str>) -> &'a str {
    s
}

// ---------------------------------------------------------------------------------------------------------
// Output

/// An operation's result, serialized only when a face asks for it (as a `Value`, or as JSON text), and the
/// notes that go with it: warnings about the answer that are not part of its JSON (e.g. `calendar_year_provisional`
/// for a working day counted in a year with no notice) — the CLI prints them on stderr.
pub struct Output {
    value: Box<dyn Erased>,
    notes: Vec<Finding>,
}

trait Erased: Send + Sync {
    fn value(&self) -> Value;
    fn write(&self, w: &mut Vec<u8>);
}

impl<T: Serialize + Send + Sync> Erased for T {
    fn value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
    fn write(&self, w: &mut Vec<u8>) {
        if serde_json::to_writer(&mut *w, self).is_err() {
            w.extend_from_slice(b"null");
        }
    }
}

impl Output {
    pub fn new<T: Serialize + Send + Sync + 'static>(v: T) -> Output {
        Output {
            value: Box::new(v),
            notes: Vec::new(),
        }
    }
    /// The result with notes.
    pub fn with_notes(mut self, notes: Vec<Finding>) -> Output {
        self.notes = notes;
        self
    }
    /// The notes about the result (not part of its JSON).
    pub fn notes(&self) -> &[Finding] {
        &self.notes
    }
    /// The result as a JSON value.
    pub fn to_value(&self) -> Value {
        self.value.value()
    }
    /// The result as JSON text.
    pub fn to_json(&self) -> String {
        let mut w = Vec::with_capacity(256);
        self.value.write(&mut w);
        String::from_utf8(w).unwrap_or_default()
    }
    /// Append the result's JSON text to `w`.
    pub fn write_json(&self, w: &mut Vec<u8>) {
        self.value.write(w)
    }
}

fn out<T: Serialize + Send + Sync + 'static>(v: T) -> Result<Output> {
    Ok(Output::new(v))
}

/// A calendar answer as output: its value, with a `calendar_year_provisional` note per provisional year it
/// read (at `path`, the input date).
fn noted<T: Serialize + Send + Sync + 'static>(
    e: &Engine,
    a: crate::calendar::Answer<T>,
    path: &str,
) -> Result<Output> {
    let notes = a
        .provisional_years
        .iter()
        .map(|y| e.calendar().provisional_warning(*y, path))
        .collect();
    Ok(Output::new(a.value).with_notes(notes))
}

/// `period_end`'s output: the period, and `"provisional": true` only when it read a provisional year (so an
/// answer over loaded years is byte for byte what it was before the mode existed).
#[derive(Serialize)]
struct PeriodOut {
    #[serde(flatten)]
    period: crate::calendar::PeriodEnd,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
}

/// Check an input that was not parsed from text against the limits, as the parser would have: every
/// value at its path — except a form given as its own JSON text, which is a document of its own (parsed,
/// within the limits, when it is read).
pub fn check_limits(op: &Op, input: &Doc) -> Result<()> {
    let Input::Fields { params } = op.input else {
        return crate::doc::check_limits(input, 1, "");
    };
    let Doc::Object(o) = input else {
        return crate::doc::check_limits(input, 1, "");
    };
    if o.len() > crate::limits::MAX_OBJECT_KEYS {
        return Err(crate::limits::breach(&crate::limits::TOO_MANY_KEYS, ""));
    }
    for (k, v) in o.iter() {
        // A form given as its own JSON text (checked when parsed), or a text document (a notice): bounded by
        // the input's size, not by the length of a string value.
        let text_form = v.is_string()
            && params
                .iter()
                .any(|p| p.key == k && matches!(p.kind, Kind::Form | Kind::Text));
        if !text_form {
            let mut at = String::new();
            strict::push_key(&mut at, k);
            crate::doc::check_limits(v, 2, &at)?;
        }
    }
    Ok(())
}

/// Run `op` on an input already within the limits, borrowed or given away.
pub(crate) fn call<'a>(
    engine: &Engine,
    op: &'static Op,
    input: Cow<'a, Doc<'a>>,
) -> Result<Output> {
    match input {
        // A form given as JSON text in a string the input owns: its parsed form borrows from that string,
        // so the input is read where it lies.
        Cow::Owned(doc) if owns_form_text(op, &doc) => call(engine, op, Cow::Borrowed(&doc)),
        input => {
            let mut args = Args::read(op, input)?;
            (op.run)(engine, &mut args)
        }
    }
}

/// Whether `input` holds a form parameter of `op` as a string it owns (not borrowed from elsewhere). Only an
/// input of fields has one ([`Args::read`] parses a form's text there); read from the table, with no list
/// built (this runs on every call of an owned input).
fn owns_form_text(op: &Op, input: &Doc) -> bool {
    let (Input::Fields { params }, Doc::Object(o)) = (op.input, input) else {
        return false;
    };
    params
        .iter()
        .any(|p| p.kind == Kind::Form && matches!(o.get(p.key), Some(Doc::String(Cow::Owned(_)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form given as JSON text in a string the input owns (as a face that copies its host's strings builds
    /// it): read where it lies, the same answer as the input borrowed.
    #[test]
    fn owned_form_text_is_read_in_place() {
        let engine = Engine::embedded().expect("engine");
        let form = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/form.json"
        ))
        .expect("example form");
        let mut o = crate::doc::ObjBuilder::new();
        o.push(Cow::Borrowed("form"), Doc::String(Cow::Owned(form)));
        o.push(
            Cow::Borrowed("today"),
            Doc::String(Cow::Borrowed("2026-01-05")),
        );
        let input = Doc::Object(o.finish());
        assert!(owns_form_text(find("validate").expect("op"), &input));
        let borrowed = crate::api::run_doc(&engine, "validate", &input).map(|o| o.to_value());
        let owned = crate::api::run_doc_owned(&engine, "validate", input).map(|o| o.to_value());
        assert_eq!(borrowed, owned);
        assert_eq!(owned.expect("report")["valid"], true);
    }

    #[test]
    fn table_is_consistent() {
        let mut names = std::collections::BTreeSet::new();
        let mut cli = std::collections::BTreeSet::new();
        let catalogue = crate::catalogue::catalogue();
        for op in OPS {
            assert!(names.insert(op.name), "duplicate op {}", op.name);
            if let Some(words) = op.cli {
                assert!(cli.insert(words.join(" ")), "duplicate CLI words {words:?}");
            }
            for c in op.codes {
                assert!(
                    catalogue.iter().any(|i| i.code == *c),
                    "{}: code {c} is not in the catalogue",
                    op.name
                );
            }
            if let Returns::Json(name) = op.returns {
                assert!(
                    crate::schemas::NAMES.contains(&name),
                    "{}: no schema named {name}",
                    op.name
                );
            }
            let mut keys = std::collections::BTreeSet::new();
            for p in op.params() {
                assert!(keys.insert(p.key), "{}: parameter {} twice", op.name, p.key);
            }
        }
    }
}
