//! The native addon of the `tuiyi` npm package (napi-rs, its safe API only): conversion, nothing else.
//! Every operation of the core's table is reached through [`NodeEngine::call`]; `index.js` makes a function
//! and an `Engine` method of each row. An argument is a JS value, or — plain data — what the JS walker
//! (`pack.js`) made of it: its tokens in its place, their text as the last argument. `_batch` is
//! `validateMany`: read on the JS thread a chunk per turn of the event loop, checked on tuiyi-host's pool.
//! Every entry point runs under `tuiyi_host::guard`: a panic is `internal_error`, silently.

/// The conversion allocates a string or node per JSON value; mimalloc makes that (and the frees on the
/// pool's threads) cheaper than the system allocator. It serves only this addon's Rust allocations.
#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

mod convert;

use std::path::PathBuf;

use chrono::NaiveDate;
use napi::bindgen_prelude::{
    Array, Float64ArraySlice, FromNapiValue, JsObjectValue, Object, ObjectFinalize, Unknown,
};
use napi::{Env, JsString, JsValue, Result, ValueType};
use napi_derive::napi;
use tuiyi_core::date::parse_date;
use tuiyi_core::doc::Doc;
use tuiyi_core::ops::{Input, Kind, Op, Param, Returns};
use tuiyi_core::strict::{self, Node, TextKind};
use tuiyi_core::Engine as Core;
use tuiyi_host::sink::TapeSink;
use tuiyi_host::{DocSink, Tape};

use crate::convert::{core, js_error, units_of, Packed, Pending, Reader, Val};
use bumpalo::Bump as Arena;

/// The text of what the JS walker (`pack.js`) wrote, when an argument is its tokens.
type Text<'e> = Option<JsString<'e>>;

/// Run an entry point: a panic becomes `internal_error` (silently); a failure an earlier call kept and no
/// JS code adopted is forgotten first.
fn guard<T>(env: &Env, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let _ = Pending::take();
    tuiyi_host::guard::quietly(f).unwrap_or_else(|e| Err(js_error(env, &e)))
}

/// Run `f` on `v` as JS passed it: the value itself, or (`text` given) the JS walker's tokens and text. The
/// strings read from the tokens are borrowed from an arena that lives as long as this call: what `f` reads is
/// used within `f`.
fn with_val<T>(v: Unknown, text: Text, f: impl FnOnce(Val) -> Result<T>) -> Result<T> {
    match text {
        None => f(Val::Js(v)),
        Some(t) => {
            let toks = Float64ArraySlice::from_unknown(v)?;
            let units = units_of(t)?;
            // Room for the text of every string at once (at most 3 bytes a unit), up to 64 KB; it grows beyond.
            let arena = Arena::with_capacity(units.len().saturating_mul(3).min(64 << 10));
            f(Val::Packed(&mut Packed::new(&toks, &units, &arena)))
        }
    }
}

/// `op`'s input from positional arguments in the order of its parameters: `undefined` (or a missing
/// argument) leaves a parameter out, and so does `null` for an optional one.
fn bind<'a>(env: &Env, op: &Op, args: Val<'_, 'a>) -> Result<Doc<'a>> {
    let (mut reader, mut values) = (Reader::new(env), Vec::new());
    if matches!(op.input, Input::Fields { .. }) {
        // The input is one object of the parameters, a value as the JSON parser counts it.
        let _ = reader.budget.value(2);
    }
    let mut push = |p: Param, v: Val<'_, 'a>| -> Result<()> {
        let (at, depth) = tuiyi_host::call::site(op, p.key);
        let doc = reader.value(v, &mut DocSink, depth, p.kind == Kind::Form);
        values.push((p.key, doc.map_err(|f| f.into_js(env, &at))?));
        Ok(())
    };
    match args {
        Val::Js(a) => {
            let a = Array::from_unknown(a)?;
            for (i, p) in op.params().into_iter().enumerate() {
                let Some(v) = a.get::<Unknown>(i as u32)? else {
                    continue;
                };
                match v.get_type()? {
                    ValueType::Undefined => {}
                    ValueType::Null if !p.required => {}
                    _ => push(p, Val::Js(v))?,
                }
            }
        }
        Val::Packed(pk) => {
            let n = pk.array().map_err(|f| f.into_js(env, ""))?;
            for p in op.params().into_iter().take(n) {
                match pk.peek() == Some(-1.0) && !p.required {
                    true => pk.skip().map_err(|f| f.into_js(env, ""))?,
                    false => push(p, Val::Packed(pk))?,
                }
            }
        }
    }
    Ok(tuiyi_host::call::assemble(op, values))
}

/// What an engine loaded from directories holds of its own, told to V8 so that it collects unreachable
/// engines soon enough: about twice the size of the files it read.
fn loaded_size(dirs: [&Option<PathBuf>; 2]) -> i64 {
    let files = dirs
        .into_iter()
        .flatten()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten();
    let total: u64 = files
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    i64::try_from(total.saturating_mul(2)).unwrap_or(i64::MAX)
}

/// A rule pack and a calendar (`new Engine({rules_dir, calendar_dir})`: either from a directory, the
/// embedded one for the other). The package shares one between every `new Engine()` without options.
#[napi(js_name = "Engine", custom_finalize)]
pub struct NodeEngine {
    inner: Core,
    /// Bytes told to V8 as held by this engine (given back when it is finalized).
    external: i64,
}

impl ObjectFinalize for NodeEngine {
    fn finalize(self, env: Env) -> Result<()> {
        if self.external > 0 {
            env.adjust_external_memory(-self.external)?;
        }
        Ok(())
    }
}

impl NodeEngine {
    /// Run `op` on the input read for it (given away: a form in it is made canonical in place).
    fn output<'e>(&self, env: &'e Env, op: &Op, input: Doc) -> Result<Unknown<'e>> {
        let out = core(
            env,
            tuiyi_core::api::run_doc_owned(&self.inner, op.name, input),
        )?;
        convert::output(env, &out, !comes_as_text(op))
    }
}

/// Whether `op`'s result leaves the addon as JSON text, for `index.js` to parse: anything but a scalar (a
/// boolean, a date, a number, a text — given as JS values: parsing those in JS cost a calendar call about 13 %
/// more). `index.js` asks which operations through `_textOps`, so the rule is written once.
fn comes_as_text(op: &Op) -> bool {
    !matches!(
        op.returns,
        Returns::Bool | Returns::Date | Returns::Int | Returns::Text
    )
}

#[napi]
impl NodeEngine {
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<Unknown<'_>>) -> Result<Self> {
        guard(&env, || {
            let doc = match options {
                Some(o) => Reader::new(&env)
                    .read(&mut DocSink, o, 1)
                    .map_err(|f| f.into_js(&env, ""))?,
                None => Doc::Null,
            };
            let node = Node::Nullable(Box::new(Node::Obj(strict::Obj::new(vec![
                ("rules_dir", "规则包目录", Node::Str(TextKind::Free), false),
                ("calendar_dir", "日历目录", Node::Str(TextKind::Free), false),
            ]))));
            core(&env, strict::check_input(&node, &doc, ""))?;
            let dir = |k: &str| doc.get(k).and_then(Doc::as_str).map(PathBuf::from);
            let (rules, calendar) = (dir("rules_dir"), dir("calendar_dir"));
            let inner = core(&env, Core::load(rules.as_deref(), calendar.as_deref()))?;
            let external = loaded_size([&rules, &calendar]);
            if external > 0 {
                env.adjust_external_memory(external)?;
            }
            Ok(NodeEngine { inner, external })
        })
    }

    /// Run operation `op` with positional arguments in the order of its parameters (`operations()`). Its
    /// result: a scalar (a boolean, a date, a number, a text) as a JS value, anything else as its JSON text
    /// (`convert::output`; `index.js` parses it).
    #[napi(ts_args_type = "op: string, args: unknown[]")]
    pub fn call<'e>(
        &self,
        env: &'e Env,
        op: String,
        args: Unknown<'e>,
        text: Text<'e>,
    ) -> Result<Unknown<'e>> {
        guard(env, || {
            let op = core(env, tuiyi_host::call::op(&op))?;
            with_val(args, text, |v| self.output(env, op, bind(env, op, v)?))
        })
    }

    /// The JSON facade (`tuiyi_core::api::run`): operation `op` on its whole input as one JS value. A form
    /// inside it may be its JSON text. Its result as `call`'s.
    #[napi(ts_args_type = "op: string, input?: unknown")]
    pub fn run<'e>(
        &self,
        env: &'e Env,
        op: String,
        input: Unknown<'e>,
        text: Text<'e>,
    ) -> Result<Unknown<'e>> {
        guard(env, || {
            let op = core(env, tuiyi_host::call::op(&op))?;
            match input.get_type()? {
                ValueType::Undefined | ValueType::Null if text.is_none() => {
                    self.output(env, op, Doc::Null)
                }
                _ => with_val(input, text, |v| {
                    let mut reader = Reader::new(env);
                    reader.text_keys = op.text_params();
                    let doc = reader
                        .value(v, &mut DocSink, 1, false)
                        .map_err(|f| f.into_js(env, ""))?;
                    self.output(env, op, doc)
                }),
            }
        })
    }

    /// `run` with the input as JSON text (parsed by the core within its limits; a BOM is accepted); its result
    /// as JSON text, as `call`'s.
    #[napi(js_name = "runJson")]
    pub fn run_json<'e>(&self, env: &'e Env, op: String, text: Unknown<'e>) -> Result<Unknown<'e>> {
        guard(env, || {
            let t = Reader::new(env)
                .json_text(text)
                .map_err(|f| f.into_js(env, ""))?;
            let out = core(env, tuiyi_core::api::run_text(&self.inner, &op, &t))?;
            convert::output(env, &out, false)
        })
    }

    /// `validateMany`'s batch: checks `today` (at `/today`, whatever the forms) and that `forms` is an array.
    #[napi(js_name = "_batch")]
    pub fn batch(
        &self,
        env: &Env,
        forms: Unknown<'_>,
        today: Option<Unknown<'_>>,
    ) -> Result<Batch> {
        guard(env, || {
            let read = |t| {
                Reader::new(env)
                    .read(&mut DocSink, t, 2)
                    .map_err(|f| f.into_js(env, "/today"))
            };
            let today = today.map(read).transpose()?.unwrap_or(Doc::Null);
            let date = Node::Nullable(Box::new(Node::Date));
            core(env, strict::check_input(&date, &today, "/today"))?;
            let today = today.as_str().and_then(|s| parse_date(s).ok());
            if !forms.is_array()? {
                let got = format!("{}", forms.get_type()?);
                let e = strict::wrong_host_type("", "表单数组", "an array of forms", &got);
                return Err(js_error(env, &e));
            }
            Ok(Batch {
                engine: self.inner.clone(),
                today,
                tape: Tape::new(),
                count: 0,
                start: 0,
            })
        })
    }
}

/// The forms of one `validateMany` call, read onto a tape a chunk at a time on the JS thread and
/// validated on tuiyi-host's pool.
#[napi]
pub struct Batch {
    engine: Core,
    today: Option<NaiveDate>,
    tape: Tape,
    /// Forms on the tape, the first being form number `start`.
    count: usize,
    start: usize,
}

/// One chunk's outcome, settled on the JS thread: the reports' JSON array text, or the first error.
type Settle = Box<dyn FnOnce(Env) -> Result<String> + Send>;

#[napi]
impl Batch {
    /// Read `forms[start..end]` (objects or JSON texts) onto the tape — or, `text` given, form number
    /// `start` as the JS walker wrote it. A form that cannot be read throws its error (its path under
    /// `/<index>`); the forms before it stay on the tape.
    #[napi(ts_args_type = "forms: unknown[], start: number, end: number")]
    pub fn read(
        &mut self,
        env: &Env,
        forms: Unknown<'_>,
        start: u32,
        end: u32,
        text: Text<'_>,
    ) -> Result<()> {
        guard(env, || {
            let one = |b: &mut Batch, i: u32, v: Val<'_, '_>| {
                if b.count == 0 {
                    b.start = i as usize;
                }
                let mark = b.tape.mark();
                let mut sink = TapeSink { tape: &mut b.tape };
                if let Err(f) = Reader::new(env).value(v, &mut sink, 2, true) {
                    b.tape.truncate(mark);
                    return Err(f.into_js(env, &format!("/{i}")));
                }
                b.count += 1;
                Ok(())
            };
            if text.is_some() {
                return with_val(forms, text, |v| one(self, start, v));
            }
            let forms = Array::from_unknown(forms)?;
            for i in start..end.min(forms.len()) {
                let v = Reader::new(env)
                    .element(&forms, i)
                    .map_err(|f| f.into_js(env, ""))?;
                one(self, i, Val::Js(v))?;
            }
            Ok(())
        })
    }

    /// Validate the forms read since the last flush, on the pool: a promise of their reports' JSON array
    /// text, rejected with the error of the first form that cannot be checked (its path under `/<index>`).
    #[napi(ts_return_type = "Promise<string>")]
    pub fn flush<'e>(&mut self, env: &'e Env) -> Result<Object<'e>> {
        guard(env, || {
            let (deferred, promise) = env.create_deferred::<String, Settle>()?;
            let tape = std::mem::take(&mut self.tape);
            let count = std::mem::take(&mut self.count);
            let (start, engine, today) = (self.start, self.engine.clone(), self.today);
            let to_json = |r| serde_json::to_string(&r).unwrap_or_default();
            core(env, tuiyi_host::many::pool())?.spawn(move || {
                let settled = tuiyi_host::guard::guard(|| {
                    let results =
                        tuiyi_host::many::validate_tape(&engine, today, &tape, count, to_json);
                    let mut reports = Vec::with_capacity(count);
                    for (k, r) in results.into_iter().enumerate() {
                        reports.push(r.map_err(|e| tuiyi_host::many::at_index(e, start + k))?);
                    }
                    Ok(format!("[{}]", reports.join(",")))
                });
                let settle: Settle = match settled {
                    Ok(text) => Box::new(move |_| Ok(text)),
                    Err(e) => Box::new(move |env| Err(js_error(&env, &e))),
                };
                deferred.resolve(settle);
            });
            Ok(promise)
        })
    }
}

/// Every operation with its parameters and result (the core's table): what `index.js` builds from.
#[napi]
pub fn operations(env: &Env) -> Result<Unknown<'_>> {
    let sigs: Vec<_> = tuiyi_core::ops::OPS.iter().map(|o| o.sig).collect();
    guard(env, || {
        convert::parse(env, serde_json::to_string(&sigs).unwrap_or_default())
    })
}

/// The operations whose result `call` and `run` give as JSON text ([`comes_as_text`]): what `index.js` parses.
#[napi(js_name = "_textOps")]
pub fn text_ops() -> Vec<&'static str> {
    tuiyi_core::ops::OPS
        .iter()
        .filter(|o| comes_as_text(o))
        .map(|o| o.name)
        .collect()
}

/// The error for an exception a getter or Proxy trap threw while a native call read a value (the
/// exception, still propagating, becomes its `cause`), or `null` when the call kept no such failure.
#[napi(js_name = "_adopt")]
pub fn adopt<'e>(env: &'e Env, cause: Unknown<'e>) -> Result<Option<Unknown<'e>>> {
    let Some(e) = Pending::take() else {
        return Ok(None);
    };
    guard(env, || {
        let mut o = Object::from_unknown(convert::error_object(env, &e)?)?;
        o.set_named_property("cause", cause)?;
        Ok(Some(o.to_unknown()))
    })
}

/// For tests only: `value` read as a form argument is read (as JS passed it), back as JSON data.
#[napi(js_name = "_echo", ts_args_type = "value: unknown")]
pub fn echo<'e>(env: &'e Env, value: Unknown<'e>, text: Text<'e>) -> Result<Unknown<'e>> {
    guard(env, || {
        with_val(value, text, |v| {
            let doc = Reader::new(env)
                .value(v, &mut DocSink, 2, false)
                .map_err(|f| f.into_js(env, ""))?;
            convert::parse(env, doc.to_value().to_string())
        })
    })
}

/// For tests only: what V8 was told native objects hold, in bytes (engines loaded from directories).
#[napi(js_name = "_externalMemory")]
pub fn external_memory(env: &Env) -> Result<i64> {
    guard(env, || env.adjust_external_memory(0))
}

/// For tests only: panics inside the guard, to prove a panic becomes `internal_error` and prints nothing.
#[napi(js_name = "_panicForTests")]
pub fn panic_for_tests(env: &Env) -> Result<()> {
    guard(env, || {
        panic!("deliberate panic for tests 110101199003071233")
    })
}
