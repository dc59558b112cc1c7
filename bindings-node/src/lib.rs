//! `tuiyi` for Node.js: conversion only. Every function converts its JS arguments into the JSON input of
//! one `tuiyi_core::api` operation, runs it (inside `catch_unwind`), and converts the JSON output back.
//!
//! Errors are thrown as JS `Error` objects carrying `code`, `kind`, `path` (a JSON Pointer into the
//! operation's input as `tuiyi_core::api::run` sees it, e.g. `/date`, `/form/basic/id_number`) and
//! `messageEn`; `message` is the Chinese message. An error whose code is `wrong_type` is a `TypeError`.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod convert;
mod fast;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use napi::bindgen_prelude::{AsyncTask, ToNapiValue, TypeName};
use napi::{sys, Env, JsValue, Status, Task, Unknown, ValueType};
use napi_derive::napi;
use rayon::prelude::*;
use serde_json::{Map, Value};
use tuiyi_core::json::Doc;
use tuiyi_core::{api, Engine as Core, Error};

use convert::{js_to_value, Fail};

// ---------------------------------------------------------------------------------------------------------
// Output and errors

/// A JSON value (or its text) on its way out to JS.
pub enum Json {
    Value(Value),
    /// JSON text known to be valid (written by serde_json).
    Text(String),
}

impl TypeName for Json {
    fn type_name() -> &'static str {
        "unknown"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Json {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        // Containers go through serde_json text and V8's JSON.parse (much faster than building them
        // property by property); scalars and any failure take the direct route.
        let value = match val {
            Json::Value(v) => v,
            Json::Text(t) => match fast::json_parse(env, &t) {
                Some(v) => return Ok(v),
                None => serde_json::from_str(&t).map_err(|e| {
                    napi::Error::new(Status::GenericFailure, format!("tuiyi: output JSON: {e}"))
                })?,
            },
        };
        if matches!(value, Value::Object(_) | Value::Array(_)) {
            if let Ok(text) = serde_json::to_string(&value) {
                if let Some(v) = fast::json_parse(env, &text) {
                    return Ok(v);
                }
            }
        }
        convert::value_to_js(env, &value)
    }
}

unsafe fn set_str(env: sys::napi_env, obj: sys::napi_value, key: &str, val: &str) {
    if let (Ok(k), Ok(v)) = (
        convert::create_string(env, key),
        convert::create_string(env, val),
    ) {
        let _ = sys::napi_set_property(env, obj, k, v);
    }
}

/// Build the JS error object for a tuiyi error.
unsafe fn js_error(
    env: sys::napi_env,
    e: &Error,
    cause: Option<sys::napi_value>,
) -> sys::napi_value {
    let mut out = ptr::null_mut();
    let code = convert::create_string(env, &e.code).unwrap_or(ptr::null_mut());
    let msg = convert::create_string(env, &e.message).unwrap_or(ptr::null_mut());
    let status = if e.code == "wrong_type" {
        sys::napi_create_type_error(env, code, msg, &mut out)
    } else {
        sys::napi_create_error(env, code, msg, &mut out)
    };
    if status != sys::Status::napi_ok || out.is_null() {
        return out;
    }
    set_str(env, out, "kind", e.kind.as_str());
    set_str(env, out, "path", &e.path);
    set_str(env, out, "messageEn", &e.message_en);
    if let Some(c) = cause {
        if let Ok(k) = convert::create_string(env, "cause") {
            let _ = sys::napi_set_property(env, out, k, c);
        }
    }
    out
}

/// A tuiyi failure as a `napi::Error` that throws (or rejects with) exactly our JS error object.
fn fail(env: sys::napi_env, f: Fail) -> napi::Error {
    unsafe {
        let obj = js_error(env, &f.error, f.cause);
        if obj.is_null() {
            return napi::Error::new(Status::GenericFailure, f.error.to_string());
        }
        napi::Error::from(Unknown::from_raw_unchecked(env, obj))
    }
}

fn err(env: &Env, e: Error) -> napi::Error {
    fail(env.raw(), e.into())
}

fn panic_error(p: Box<dyn std::any::Any + Send>) -> Error {
    let what = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    Error::internal(format!(
        "panic: {}",
        tuiyi_core::mask::truncate_for_message(&what)
    ))
}

/// Run a closure, turning a panic into `internal_error`.
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panic_error(p)))
}

// ---------------------------------------------------------------------------------------------------------
// Arguments

fn arg(env: &Env, v: &Unknown, path: &str) -> napi::Result<Value> {
    arg_with(env, v, path, true)
}

fn arg_with(env: &Env, v: &Unknown, path: &str, fast_path: bool) -> napi::Result<Value> {
    let raw = env.raw();
    unsafe {
        if fast_path && convert::type_of(raw, v.raw()) == sys::ValueType::napi_object {
            // Decoding cannot panic (checked slicing, capped lengths); should it ever, the walk reads the value.
            let decode = |p: fast::Packed| {
                catch_unwind(AssertUnwindSafe(|| p.tape().map(|t| t.read_value(&mut 0))))
                    .ok()
                    .flatten()
            };
            if let Some(value) = fast::pack(raw, v.raw()).and_then(decode) {
                return Ok(value);
            }
        }
        js_to_value(raw, v.raw(), path)
    }
    .map_err(|f| fail(raw, f))
}

/// A required positional argument: `undefined` (or omitted) leaves the field out of the operation's input,
/// so the core reports `missing_field` at its path, exactly as for a JSON input without it.
fn req_arg(env: &Env, v: &Unknown, path: &str) -> napi::Result<Option<Value>> {
    match v.get_type() {
        Ok(ValueType::Undefined) => Ok(None),
        _ => arg(env, v, path).map(Some),
    }
}

/// An optional argument: `undefined` (or omitted) and `null` mean absent.
fn opt_arg(env: &Env, v: &Option<Unknown>, path: &str) -> napi::Result<Option<Value>> {
    match v {
        None => Ok(None),
        Some(u) => match u.get_type() {
            Ok(ValueType::Undefined) | Ok(ValueType::Null) => Ok(None),
            _ => arg(env, u, path).map(Some),
        },
    }
}

/// A date argument: a `'YYYY-MM-DD'` string only (a JS `Date` is a `TypeError`, see README).
fn date_arg(env: &Env, v: &Unknown, path: &str) -> napi::Result<Option<Value>> {
    let raw = env.raw();
    if let Ok(ValueType::Undefined) = v.get_type() {
        return Ok(None);
    }
    unsafe {
        if convert::is_date(raw, v.raw()) {
            return Err(err(env, convert::date_object(path)));
        }
        if convert::type_of(raw, v.raw()) != sys::ValueType::napi_string {
            let got = match v.get_type() {
                Ok(t) => format!("{t:?}").to_lowercase(),
                Err(_) => "unknown".to_string(),
            };
            return Err(err(
                env,
                convert::wrong_type(
                    path,
                    "a date string 'YYYY-MM-DD'",
                    "日期字符串（YYYY-MM-DD）",
                    &got,
                ),
            ));
        }
    }
    arg(env, v, path).map(Some)
}

/// A form: a JS object, or its JSON text (parsed in Rust with the core's size and depth limits).
fn form_arg(env: &Env, v: &Unknown, path: &str) -> napi::Result<Option<Value>> {
    if let Ok(ValueType::String) = v.get_type() {
        let text = unsafe { convert::read_string(env.raw(), v.raw()) }.unwrap_or_default();
        return tuiyi_core::input::parse_json(&text)
            .map(Some)
            .map_err(|e| err(env, e.at(path)));
    }
    req_arg(env, v, path)
}

fn obj(pairs: Vec<(&str, Option<Value>)>) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        if let Some(v) = v {
            m.insert(k.to_string(), v);
        }
    }
    Value::Object(m)
}

// ---------------------------------------------------------------------------------------------------------
// Engine selection and the calls

fn default_engine() -> Result<Core, Error> {
    guarded(Core::embedded)
}

fn engine_or_default(e: Option<&Core>) -> Result<Core, Error> {
    match e {
        Some(e) => Ok(e.clone()),
        None => default_engine(),
    }
}

fn run(env: &Env, engine: Option<&Core>, op: &str, input: &Value) -> napi::Result<Json> {
    let engine = engine_or_default(engine).map_err(|e| err(env, e))?;
    guarded(|| api::run(&engine, op, input))
        .map(Json::Value)
        .map_err(|e| err(env, e))
}

/// A form given as JSON text, or plain data read onto a tape by the JS walker.
fn form_fast(env: &Env, v: &Unknown) -> Option<Item> {
    let raw = env.raw();
    unsafe {
        match convert::type_of(raw, v.raw()) {
            sys::ValueType::napi_string => convert::read_string(raw, v.raw()).map(Item::Text),
            sys::ValueType::napi_object => fast::pack(raw, v.raw()).map(Item::Packed),
            _ => None,
        }
    }
}

/// `validate` of one form (text through `api::validate_text`, a tape or a `Value` through
/// `api::validate_form_doc`): the same report and errors as `api::run(engine, "validate", {"form", "today"?})`,
/// as the report's JSON text.
fn validate_item(engine: &Core, item: Item, today: Option<&Value>) -> Result<String, Error> {
    guarded(|| {
        let report = match &item {
            Item::Text(text) => api::validate_text(engine, text, today)?,
            Item::Packed(p) => {
                let tape = p
                    .tape()
                    .ok_or_else(|| Error::internal("the JS walker's tokens do not fit its text"))?;
                api::validate_form_doc(engine, &tape.read_doc(&mut 0), today)?
            }
            Item::Form(form) => api::validate_form_doc(engine, &Doc::from_value(form), today)?,
        };
        serde_json::to_string(&report)
            .map_err(|e| Error::internal(format!("serialize report: {e}")))
    })
}

/// The typed fast path of the calendar functions: a well-formed 'YYYY-MM-DD' string.
fn fast_date(env: &Env, v: &Unknown) -> Option<tuiyi_core::Date> {
    let raw = env.raw();
    unsafe {
        if convert::type_of(raw, v.raw()) != sys::ValueType::napi_string {
            return None;
        }
        let s = convert::read_string(raw, v.raw())?;
        tuiyi_core::date::parse_date(&s).ok().map(tuiyi_core::Date)
    }
}

/// The typed fast path of a count argument: an integral number in `u32`.
fn fast_u32(env: &Env, v: &Unknown) -> Option<u32> {
    let raw = env.raw();
    let mut x = 0f64;
    unsafe {
        if convert::type_of(raw, v.raw()) != sys::ValueType::napi_number
            || sys::napi_get_value_double(raw, v.raw(), &mut x) != sys::Status::napi_ok
        {
            return None;
        }
    }
    (x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x)).then_some(x as u32)
}

/// Run a typed calendar call when every argument took the fast path; `None` (bad arguments, or any error
/// from the engine) means: go through `api::run`, which produces the exact error of the JSON facade.
fn typed<T>(e: Option<&Core>, f: impl FnOnce(&Core) -> tuiyi_core::Result<T>) -> Option<T> {
    let engine = engine_or_default(e).ok()?;
    guarded(|| f(&engine)).ok()
}

mod ops {
    //! One function per operation, shared by the free functions and the `Engine` methods.
    use super::*;

    pub fn is_working_day(env: &Env, e: Option<&Core>, date: Unknown) -> napi::Result<Json> {
        if let Some(d) = fast_date(env, &date) {
            if let Some(b) = typed(e, |c| c.is_working_day(d.0)) {
                return Ok(Json::Value(Value::Bool(b)));
            }
        }
        let input = obj(vec![("date", date_arg(env, &date, "/date")?)]);
        run(env, e, "is_working_day", &input)
    }

    pub fn add_working_days(
        env: &Env,
        e: Option<&Core>,
        date: Unknown,
        n: Unknown,
    ) -> napi::Result<Json> {
        if let (Some(d), Some(n)) = (fast_date(env, &date), fast_u32(env, &n)) {
            if let Some(r) = typed(e, |c| c.add_working_days(d.0, n)) {
                return Ok(Json::Value(Value::String(tuiyi_core::date::format_date(r))));
            }
        }
        let input = obj(vec![
            ("date", date_arg(env, &date, "/date")?),
            ("n", req_arg(env, &n, "/n")?),
        ]);
        run(env, e, "add_working_days", &input)
    }

    pub fn working_days_between(
        env: &Env,
        e: Option<&Core>,
        a: Unknown,
        b: Unknown,
    ) -> napi::Result<Json> {
        if let (Some(x), Some(y)) = (fast_date(env, &a), fast_date(env, &b)) {
            if let Some(v) = typed(e, |c| c.working_days_between(x.0, y.0)) {
                if let Ok(v) = serde_json::to_value(v) {
                    return Ok(Json::Value(v));
                }
            }
        }
        let input = obj(vec![
            ("a", date_arg(env, &a, "/a")?),
            ("b", date_arg(env, &b, "/b")?),
        ]);
        run(env, e, "working_days_between", &input)
    }

    pub fn period_end(
        env: &Env,
        e: Option<&Core>,
        start: Unknown,
        days: Unknown,
    ) -> napi::Result<Json> {
        if let (Some(d), Some(n)) = (fast_date(env, &start), fast_u32(env, &days)) {
            if let Some(p) = typed(e, |c| c.period_end(d.0, n)) {
                if let Ok(v) = serde_json::to_value(p) {
                    return Ok(Json::Value(v));
                }
            }
        }
        let input = obj(vec![
            ("start", date_arg(env, &start, "/start")?),
            ("days", req_arg(env, &days, "/days")?),
        ]);
        run(env, e, "period_end", &input)
    }

    pub fn whole(env: &Env, e: Option<&Core>, op: &str, input: Unknown) -> napi::Result<Json> {
        let input = req_arg(env, &input, "")?.unwrap_or(Value::Null);
        run(env, e, op, &input)
    }

    pub fn validate(
        env: &Env,
        e: Option<&Core>,
        form: Unknown,
        today: Option<Unknown>,
    ) -> napi::Result<Json> {
        // JSON text goes to the core's text path, plain data read by the JS walker to a tape: no `Value`
        // tree is built. Anything else is read by the N-API walk below.
        if let Some(form) = form_fast(env, &form) {
            let today = opt_arg(env, &today, "/today")?;
            let engine = engine_or_default(e).map_err(|x| err(env, x))?;
            return validate_item(&engine, form, today.as_ref())
                .map(Json::Text)
                .map_err(|x| err(env, x));
        }
        let form = form_arg(env, &form, "/form")?;
        let today = opt_arg(env, &today, "/today")?;
        let Some(form) = form else {
            return run(
                env,
                e,
                "validate",
                &obj(vec![("form", None), ("today", today)]),
            );
        };
        let engine = engine_or_default(e).map_err(|x| err(env, x))?;
        validate_item(&engine, Item::Form(form), today.as_ref())
            .map(Json::Text)
            .map_err(|x| err(env, x))
    }

    pub fn dispatch(env: &Env, e: Option<&Core>, form: Unknown) -> napi::Result<Json> {
        let input = obj(vec![("form", req_arg(env, &form, "/form")?)]);
        run(env, e, "dispatch", &input)
    }

    pub fn prereview(
        env: &Env,
        e: Option<&Core>,
        form: Unknown,
        submitted: Option<Unknown>,
        today: Option<Unknown>,
    ) -> napi::Result<Json> {
        let input = obj(vec![
            ("form", req_arg(env, &form, "/form")?),
            ("submitted", opt_arg(env, &submitted, "/submitted")?),
            ("today", opt_arg(env, &today, "/today")?),
        ]);
        run(env, e, "prereview", &input)
    }

    pub fn schema(env: &Env, e: Option<&Core>, name: Unknown) -> napi::Result<Json> {
        let input = obj(vec![("name", req_arg(env, &name, "/name")?)]);
        run(env, e, "schema", &input)
    }

    pub fn no_args(env: &Env, e: Option<&Core>, op: &str) -> napi::Result<Json> {
        run(env, e, op, &Value::Null)
    }

    pub fn validate_many(
        env: &Env,
        e: Option<&Core>,
        forms: Unknown,
        today: Option<Unknown>,
    ) -> napi::Result<RawJs> {
        let raw = env.raw();
        let mut is_array = false;
        unsafe { sys::napi_is_array(raw, forms.raw(), &mut is_array) };
        if !is_array {
            return Err(err(
                env,
                convert::wrong_type("", "an array of forms", "表单数组", "not an array"),
            ));
        }
        let today = opt_arg(env, &today, "/today")?;
        api::today_arg(today.as_ref()).map_err(|x| err(env, x))?;
        let engine = engine_or_default(e).map_err(|x| err(env, x))?;
        let mut len = 0u32;
        unsafe { sys::napi_get_array_length(raw, forms.raw(), &mut len) };
        // Pipelined: each chunk is queued on the libuv pool as soon as it is read, so the workers validate
        // while this thread reads the next chunk. Without the JS helpers: one chunk.
        let chunk = if unsafe { fast::available(raw) } {
            CHUNK
        } else {
            usize::MAX
        };
        let mut promises = Vec::new();
        let mut items = Vec::with_capacity((len as usize).min(chunk));
        let mut offset = 0usize;
        for i in 0..len {
            let path = format!("/{i}");
            let mut el = ptr::null_mut();
            let status = unsafe { sys::napi_get_element(raw, forms.raw(), i, &mut el) };
            if status != sys::Status::napi_ok {
                let f = unsafe {
                    convert::pending(raw, &path, "reading this element threw an exception")
                };
                return Err(fail(raw, f));
            }
            let el = unsafe { Unknown::from_raw_unchecked(raw, el) };
            // JSON is parsed on the worker threads. Objects must be read here, on the JS thread: plain data
            // through the JS walker's tape (read as a `Doc` on the workers), anything else by the N-API walk.
            match el.get_type() {
                Ok(ValueType::String) => {
                    let text = unsafe { convert::read_string(raw, el.raw()) }.unwrap_or_default();
                    items.push(Item::Text(text));
                }
                Ok(ValueType::Object) => match unsafe { fast::pack(raw, el.raw()) } {
                    Some(p) => items.push(Item::Packed(p)),
                    None => items.push(Item::Form(arg_with(env, &el, &path, false)?)),
                },
                _ => items.push(Item::Form(arg_with(env, &el, &path, false)?)),
            }
            if items.len() >= chunk {
                let n = items.len();
                promises.push(queue(
                    env,
                    &engine,
                    std::mem::take(&mut items),
                    offset,
                    &today,
                )?);
                offset += n;
            }
        }
        if !items.is_empty() || promises.is_empty() {
            promises.push(queue(env, &engine, items, offset, &today)?);
        }
        if promises.len() == 1 {
            return Ok(RawJs(promises[0]));
        }
        unsafe { fast::combine(raw, &promises) }
            .map(RawJs)
            .ok_or_else(|| {
                err(
                    env,
                    Error::internal("could not combine the chunks' promises"),
                )
            })
    }

    /// Queue one chunk on the libuv pool; its promise, already marked handled.
    fn queue(
        env: &Env,
        engine: &Core,
        items: Vec<Item>,
        offset: usize,
        today: &Option<Value>,
    ) -> napi::Result<sys::napi_value> {
        let task = AsyncTask::new(ValidateMany {
            engine: engine.clone(),
            items,
            offset,
            today: today.clone(),
        });
        let raw = env.raw();
        let p = unsafe { ToNapiValue::to_napi_value(raw, task) }?;
        Ok(unsafe { fast::handled(raw, p) }.unwrap_or(p))
    }
}

/// Forms per chunk of `validateMany`.
const CHUNK: usize = 64;

/// A JS value built by hand, returned as is.
pub struct RawJs(sys::napi_value);

impl TypeName for RawJs {
    fn type_name() -> &'static str {
        "unknown"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for RawJs {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        Ok(val.0)
    }
}

pub enum Item {
    /// Read by the N-API walk.
    Form(Value),
    /// JSON text given by the caller, parsed on the workers with the core's limits.
    Text(String),
    /// Plain data read by the JS walker (the same JSON the N-API walk would read), decoded where it is
    /// validated.
    Packed(fast::Packed),
}

/// `validateMany`: validation on the libuv pool, fanned out over rayon; results in input order.
pub struct ValidateMany {
    engine: Core,
    items: Vec<Item>,
    /// Index of the first item in the caller's array (for error paths).
    offset: usize,
    today: Option<Value>,
}

impl Task for ValidateMany {
    type Output = Result<String, Error>;
    type JsValue = Json;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let engine = &self.engine;
        let today = self.today.take();
        let offset = self.offset;
        let items = std::mem::take(&mut self.items);
        let out = guarded(|| {
            items
                .into_par_iter()
                .enumerate()
                .map(|(i, item)| {
                    let i = i + offset;
                    validate_item(engine, item, today.as_ref()).map_err(|mut e| {
                        // Paths are into the array of forms: "/form/…" of item i becomes "/i/…".
                        if let Some(rest) = e.path.strip_prefix("/form") {
                            e.path = format!("/{i}{rest}");
                        }
                        e
                    })
                })
                .collect::<Result<Vec<String>, Error>>()
        });
        // One JSON array text, built off the main thread; JSON.parse turns it into objects at once.
        Ok(out.map(|reports| {
            let mut text =
                String::with_capacity(reports.iter().map(|r| r.len() + 1).sum::<usize>() + 2);
            text.push('[');
            for (i, r) in reports.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                text.push_str(r);
            }
            text.push(']');
            text
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Json> {
        match output {
            Ok(text) => Ok(Json::Text(text)),
            Err(e) => Err(err(&env, e)),
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// TypeScript shapes (for index.d.ts; the values themselves are built from the core's JSON)

/// `periodEnd` result (民法典 第二百零一条、第二百零三条).
#[napi(object)]
pub struct PeriodEnd {
    /// start + days, before any extension.
    #[napi(js_name = "raw_end")]
    pub raw_end: String,
    /// The last day after extension past rest days.
    pub end: String,
    /// Whether `end` differs from `raw_end`.
    pub extended: bool,
}

/// One finding of `validate`.
#[napi(object)]
pub struct Finding {
    /// Stable snake_case code (see `codes()`).
    pub code: String,
    /// JSON Pointer into the form.
    pub path: String,
    #[napi(ts_type = "'error' | 'warning'")]
    pub severity: String,
    /// Chinese message (IDs and card numbers masked).
    pub message: String,
    #[napi(js_name = "message_en")]
    pub message_en: String,
    /// The clause, law or standard the rule comes from.
    pub rule: String,
}

/// `validate` report: `valid` is true when there is no error (warnings do not block).
#[napi(object)]
pub struct Report {
    pub valid: bool,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

/// One entry of `codes()`.
#[napi(object)]
pub struct CodeInfo {
    pub code: String,
    pub area: String,
    #[napi(ts_type = "'error' | 'warning'")]
    pub severity: String,
    #[napi(js_name = "template_zh")]
    pub template_zh: String,
    #[napi(js_name = "template_en")]
    pub template_en: String,
    pub rule: String,
}

/// Options of `new Engine(...)`: load a rule pack and/or a calendar from a directory instead of the
/// embedded ones.
#[napi(object)]
pub struct EngineOptions {
    pub rules_dir: Option<String>,
    pub calendar_dir: Option<String>,
}

// ---------------------------------------------------------------------------------------------------------
// Free functions over the embedded rule pack and calendar

/// Whether `date` ('YYYY-MM-DD') is a working day (调休 make-up days included). A JS `Date` is refused
/// with a `TypeError`: pass the calendar day as a 'YYYY-MM-DD' string.
#[napi(ts_args_type = "date: string", ts_return_type = "boolean")]
pub fn is_working_day(env: Env, date: Unknown) -> napi::Result<Json> {
    ops::is_working_day(&env, None, date)
}

/// The n-th working day strictly after `date` (the start day is not counted), as 'YYYY-MM-DD'.
#[napi(ts_args_type = "date: string, n: number", ts_return_type = "string")]
pub fn add_working_days(env: Env, date: Unknown, n: Unknown) -> napi::Result<Json> {
    ops::add_working_days(&env, None, date, n)
}

/// The number of working days in (a, b].
#[napi(ts_args_type = "a: string, b: string", ts_return_type = "number")]
pub fn working_days_between(env: Env, a: Unknown, b: Unknown) -> napi::Result<Json> {
    ops::working_days_between(&env, None, a, b)
}

/// End of a calendar-day period from `start` (start day not counted), extended past rest days.
#[napi(
    ts_args_type = "start: string, days: number",
    ts_return_type = "PeriodEnd"
)]
pub fn period_end(env: Env, start: Unknown, days: Unknown) -> napi::Result<Json> {
    ops::period_end(&env, None, start, days)
}

/// Eligibility of an applicant (every failing condition, with codes and basis).
#[napi(
    ts_args_type = "applicant: Record<string, unknown>",
    ts_return_type = "Record<string, any>"
)]
pub fn check_eligibility(env: Env, applicant: Unknown) -> napi::Result<Json> {
    ops::whole(&env, None, "check_eligibility", applicant)
}

/// The 14 materials of 附件3 for a situation, each with `required`, `reason` and `source`.
#[napi(
    ts_args_type = "situation: Record<string, unknown>",
    ts_return_type = "Array<Record<string, any>>"
)]
pub fn required_materials(env: Env, situation: Unknown) -> napi::Result<Json> {
    ops::whole(&env, None, "required_materials", situation)
}

/// The plan for one application: eligibility, items, materials, due dates.
#[napi(
    ts_args_type = "application: Record<string, unknown>",
    ts_return_type = "Record<string, any>"
)]
pub fn plan(env: Env, application: Unknown) -> napi::Result<Json> {
    ops::whole(&env, None, "plan", application)
}

/// Validate a registration form (a JS object, or its JSON text). `today` ('YYYY-MM-DD') defaults to the
/// system date in Asia/Shanghai.
#[napi(
    ts_args_type = "form: Record<string, unknown> | string, today?: string | null",
    ts_return_type = "Report"
)]
pub fn validate(env: Env, form: Unknown, today: Option<Unknown>) -> napi::Result<Json> {
    ops::validate(&env, None, form, today)
}

/// Validate many forms off the main thread (libuv pool + rayon); reports in input order. Rejects with
/// the first error (its `path` starts with the form's index) when a JSON text does not parse.
#[napi(
    ts_args_type = "forms: Array<Record<string, unknown> | string>, today?: string | null",
    ts_return_type = "Promise<Report[]>"
)]
pub fn validate_many(env: Env, forms: Unknown, today: Option<Unknown>) -> napi::Result<RawJs> {
    ops::validate_many(&env, None, forms, today)
}

/// Which fields each department receives (数据推送).
#[napi(
    ts_args_type = "form: Record<string, unknown>",
    ts_return_type = "Record<string, any>"
)]
pub fn dispatch(env: Env, form: Unknown) -> napi::Result<Json> {
    ops::dispatch(&env, None, form)
}

/// Per-department pre-review (pass / reject with SMS-ready reasons).
#[napi(
    ts_args_type = "form: Record<string, unknown>, submitted?: unknown, today?: string | null",
    ts_return_type = "Record<string, any>"
)]
pub fn prereview(
    env: Env,
    form: Unknown,
    submitted: Option<Unknown>,
    today: Option<Unknown>,
) -> napi::Result<Json> {
    ops::prereview(&env, None, form, submitted, today)
}

/// The registration form's JSON Schema (draft 2020-12).
#[napi(ts_return_type = "Record<string, any>")]
pub fn form_schema(env: Env) -> napi::Result<Json> {
    ops::no_args(&env, None, "form_schema")
}

/// The JSON Schema of a named type (`form`, `situation`, `applicant`, `application`, `plan`, …).
#[napi(ts_args_type = "name: string", ts_return_type = "Record<string, any>")]
pub fn schema(env: Env, name: Unknown) -> napi::Result<Json> {
    ops::schema(&env, None, name)
}

/// The 办事指南 as Markdown.
#[napi(ts_return_type = "string")]
pub fn guide(env: Env) -> napi::Result<Json> {
    ops::no_args(&env, None, "guide")
}

/// The recorded contradictions of the seed text.
#[napi(ts_return_type = "Array<Record<string, any>>")]
pub fn conflicts(env: Env) -> napi::Result<Json> {
    ops::no_args(&env, None, "conflicts")
}

/// Every stable code with its Chinese and English templates.
#[napi(ts_return_type = "CodeInfo[]")]
pub fn codes(env: Env) -> napi::Result<Json> {
    ops::no_args(&env, None, "codes")
}

/// Internal (tests only): convert a JS value to JSON and back, through the JS walker's tape (`fast = true`,
/// the default; the N-API walk where the walker defers) or the property-by-property N-API walk alone, so
/// the suite can prove both give the same JSON and the same errors. Not part of the API.
#[napi(
    js_name = "_debugConvert",
    ts_args_type = "value: unknown, fast?: boolean",
    ts_return_type = "unknown"
)]
pub fn debug_convert(env: Env, value: Unknown, fast: Option<bool>) -> napi::Result<Json> {
    arg_with(&env, &value, "", fast.unwrap_or(true)).map(Json::Value)
}

/// Internal (tests only): whether the JS walker reads `value` onto a tape (the fast path) rather than
/// deferring to the N-API walk. Not part of the API.
#[napi(js_name = "_debugPacks", ts_args_type = "value: unknown")]
pub fn debug_packs(env: Env, value: Unknown) -> bool {
    unsafe { fast::pack(env.raw(), value.raw()) }.is_some()
}

// ---------------------------------------------------------------------------------------------------------
// Engine class

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default)]
    rules_dir: Option<String>,
    #[serde(default)]
    calendar_dir: Option<String>,
}

/// A rule pack and calendar, loaded from directories (or the embedded ones where not given).
#[napi]
pub struct Engine {
    inner: Core,
}

#[napi]
impl Engine {
    /// `new Engine({ rulesDir?, calendarDir? })`.
    #[napi(constructor, ts_args_type = "options?: EngineOptions | null")]
    pub fn new(env: Env, options: Option<Unknown>) -> napi::Result<Self> {
        let opts = opt_arg(&env, &options, "")?.unwrap_or(Value::Object(Map::new()));
        let opts: Options = tuiyi_core::input::from_value(&opts).map_err(|e| err(&env, e))?;
        let inner = guarded(|| {
            Core::load(
                opts.rules_dir.as_deref().map(std::path::Path::new),
                opts.calendar_dir.as_deref().map(std::path::Path::new),
            )
        })
        .map_err(|e| err(&env, e))?;
        Ok(Engine { inner })
    }

    #[napi(ts_args_type = "date: string", ts_return_type = "boolean")]
    pub fn is_working_day(&self, env: Env, date: Unknown) -> napi::Result<Json> {
        ops::is_working_day(&env, Some(&self.inner), date)
    }

    #[napi(ts_args_type = "date: string, n: number", ts_return_type = "string")]
    pub fn add_working_days(&self, env: Env, date: Unknown, n: Unknown) -> napi::Result<Json> {
        ops::add_working_days(&env, Some(&self.inner), date, n)
    }

    #[napi(ts_args_type = "a: string, b: string", ts_return_type = "number")]
    pub fn working_days_between(&self, env: Env, a: Unknown, b: Unknown) -> napi::Result<Json> {
        ops::working_days_between(&env, Some(&self.inner), a, b)
    }

    #[napi(
        ts_args_type = "start: string, days: number",
        ts_return_type = "PeriodEnd"
    )]
    pub fn period_end(&self, env: Env, start: Unknown, days: Unknown) -> napi::Result<Json> {
        ops::period_end(&env, Some(&self.inner), start, days)
    }

    #[napi(
        ts_args_type = "applicant: Record<string, unknown>",
        ts_return_type = "Record<string, any>"
    )]
    pub fn check_eligibility(&self, env: Env, applicant: Unknown) -> napi::Result<Json> {
        ops::whole(&env, Some(&self.inner), "check_eligibility", applicant)
    }

    #[napi(
        ts_args_type = "situation: Record<string, unknown>",
        ts_return_type = "Array<Record<string, any>>"
    )]
    pub fn required_materials(&self, env: Env, situation: Unknown) -> napi::Result<Json> {
        ops::whole(&env, Some(&self.inner), "required_materials", situation)
    }

    #[napi(
        ts_args_type = "application: Record<string, unknown>",
        ts_return_type = "Record<string, any>"
    )]
    pub fn plan(&self, env: Env, application: Unknown) -> napi::Result<Json> {
        ops::whole(&env, Some(&self.inner), "plan", application)
    }

    #[napi(
        ts_args_type = "form: Record<string, unknown> | string, today?: string | null",
        ts_return_type = "Report"
    )]
    pub fn validate(&self, env: Env, form: Unknown, today: Option<Unknown>) -> napi::Result<Json> {
        ops::validate(&env, Some(&self.inner), form, today)
    }

    #[napi(
        ts_args_type = "forms: Array<Record<string, unknown> | string>, today?: string | null",
        ts_return_type = "Promise<Report[]>"
    )]
    pub fn validate_many(
        &self,
        env: Env,
        forms: Unknown,
        today: Option<Unknown>,
    ) -> napi::Result<RawJs> {
        ops::validate_many(&env, Some(&self.inner), forms, today)
    }

    #[napi(
        ts_args_type = "form: Record<string, unknown>",
        ts_return_type = "Record<string, any>"
    )]
    pub fn dispatch(&self, env: Env, form: Unknown) -> napi::Result<Json> {
        ops::dispatch(&env, Some(&self.inner), form)
    }

    #[napi(
        ts_args_type = "form: Record<string, unknown>, submitted?: unknown, today?: string | null",
        ts_return_type = "Record<string, any>"
    )]
    pub fn prereview(
        &self,
        env: Env,
        form: Unknown,
        submitted: Option<Unknown>,
        today: Option<Unknown>,
    ) -> napi::Result<Json> {
        ops::prereview(&env, Some(&self.inner), form, submitted, today)
    }

    #[napi(ts_return_type = "Record<string, any>")]
    pub fn form_schema(&self, env: Env) -> napi::Result<Json> {
        ops::no_args(&env, Some(&self.inner), "form_schema")
    }

    #[napi(ts_args_type = "name: string", ts_return_type = "Record<string, any>")]
    pub fn schema(&self, env: Env, name: Unknown) -> napi::Result<Json> {
        ops::schema(&env, Some(&self.inner), name)
    }

    #[napi(ts_return_type = "string")]
    pub fn guide(&self, env: Env) -> napi::Result<Json> {
        ops::no_args(&env, Some(&self.inner), "guide")
    }

    #[napi(ts_return_type = "Array<Record<string, any>>")]
    pub fn conflicts(&self, env: Env) -> napi::Result<Json> {
        ops::no_args(&env, Some(&self.inner), "conflicts")
    }

    #[napi(ts_return_type = "CodeInfo[]")]
    pub fn codes(&self, env: Env) -> napi::Result<Json> {
        ops::no_args(&env, Some(&self.inner), "codes")
    }
}

/// mimalloc: the JSON values built and dropped on every call are many small allocations, which glibc's
/// allocator makes the dominant cost (measured in benches/node_bench.mjs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
