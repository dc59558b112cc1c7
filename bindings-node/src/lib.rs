//! The native addon of the `tuiyi` npm package (napi-rs, safe API only): conversion, nothing else.
//!
//! Every operation of the core's table (`tuiyi_core::ops`) is reached through one method,
//! [`NodeEngine::call`]: the package's JS layer (`index.js`) turns each row of `operations()` into a
//! camelCase function (over a shared default engine) and an `Engine` method. Here: binding the positional
//! arguments to the row's parameters, reading JS values into the core's document (`convert`), the call, and
//! the JSON result back as JS data. `run`/`runJson` are the JSON facade; `_batch` is `validateMany`'s reading
//! and validating in chunks (the JS layer yields to the event loop between them; the forms are checked on
//! tuiyi-host's pool, never on the libuv pool). Every entry point runs under `tuiyi_host::guard`: a panic is
//! an `internal_error`, never a crash, and prints nothing.

/// The conversion allocates a string or node per JSON value; mimalloc makes that (and the frees on the pool's
/// threads in `validateMany`) cheaper than the system allocator. It serves only this addon's Rust
/// allocations, never V8's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;
use napi::bindgen_prelude::{
    Array, Float64ArraySlice, FromNapiValue, JsObjectValue, Object, ObjectFinalize, Unknown,
};
use napi::{Env, JsString, JsValue, ValueType};
use napi_derive::napi;
use tuiyi_core::doc::Doc;
use tuiyi_core::ops::{Input, Kind, Op};
use tuiyi_core::strict::{self, Node};
use tuiyi_core::Engine as Core;
use tuiyi_host::sink::TapeSink;
use tuiyi_host::{DocSink, Tape};

use crate::convert::{core, js_error, units_of, Packed, Pending, Reader};

/// Run an entry point: a panic becomes `internal_error` (silently); a failure kept by an earlier call that
/// no JS code adopted is forgotten first.
fn guard<T>(env: &Env, f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    Pending::clear();
    match tuiyi_host::guard::quietly(f) {
        Ok(r) => r,
        Err(e) => Err(js_error(env, &e)),
    }
}

/// How deep the value of parameter `key` sits in `op`'s input (`tuiyi_host::call::site`, whose path is only
/// needed on the error path).
fn depth(op: &Op, key: &str) -> usize {
    match op.input {
        Input::Whole { name, .. } if name == key => 1,
        _ => 2,
    }
}

/// Read one argument of `op` (parameter `key` of `kind`) into the core's document, at its place in the
/// operation's input (so its limits and error paths are those of the whole input).
fn read_arg(
    env: &Env,
    reader: &mut Reader,
    op: &Op,
    key: &str,
    kind: Kind,
    v: Unknown<'_>,
) -> napi::Result<Doc<'static>> {
    let text = kind == Kind::Form && v.get_type().is_ok_and(|t| t == ValueType::String);
    let r = match JsString::from_unknown(v) {
        // A form given as its JSON text, parsed by the core.
        Ok(s) if text => reader.json_text(s).map(|t| Doc::String(Cow::Owned(t))),
        _ => reader.read(&mut DocSink, v, depth(op, key)),
    };
    r.map_err(|f| f.into_js(env, &tuiyi_host::call::site(op, key).0))
}

/// The arguments of a call: JS values, or what the JS walker (`pack.js`) made of them.
enum Args<'a> {
    Js(Array<'a>),
    Packed(Packed<'a>),
}

/// `op`'s input from positional arguments in the order of its parameters: `undefined` (or a missing
/// argument) leaves a parameter out, and so does `null` for an optional one.
fn bind(env: &Env, op: &Op, args: Args<'_>) -> napi::Result<Doc<'static>> {
    let mut reader = Reader::for_input(env, op);
    let mut values = Vec::new();
    match args {
        Args::Js(a) => {
            for (i, p) in op.params().into_iter().enumerate() {
                let Some(v) = a.get::<Unknown>(i as u32)? else {
                    continue;
                };
                match v.get_type()? {
                    ValueType::Undefined => continue,
                    ValueType::Null if !p.required => continue,
                    _ => values.push((p.key, read_arg(env, &mut reader, op, p.key, p.kind, v)?)),
                }
            }
        }
        Args::Packed(mut pk) => {
            let n = pk.array().map_err(|f| f.into_js(env, ""))?;
            for p in op.params().into_iter().take(n) {
                if pk.is_null() && !p.required {
                    pk.skip().map_err(|f| f.into_js(env, ""))?;
                    continue;
                }
                let v = if p.kind == Kind::Form && pk.is_string() {
                    pk.json_text(&mut reader.budget)
                        .map(|t| Doc::String(Cow::Owned(t)))
                } else {
                    reader.read_packed(&mut pk, &mut DocSink, depth(op, p.key))
                };
                let at = || tuiyi_host::call::site(op, p.key).0;
                values.push((p.key, v.map_err(|f| f.into_js(env, &at()))?));
            }
        }
    }
    Ok(tuiyi_host::call::assemble(op, values))
}

/// Roughly what an engine loaded from directories holds of its own: the size of the files it read (their
/// parsed form is about as large), told to V8 so that it collects unreachable engines soon enough.
fn loaded_size(dirs: &[Option<&str>]) -> i64 {
    let size = |d: &str| -> u64 {
        std::fs::read_dir(d)
            .map(|it| {
                it.filter_map(|e| e.ok()?.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    };
    let total: u64 = dirs.iter().flatten().map(|d| size(d)).sum();
    i64::try_from(total.saturating_mul(2)).unwrap_or(i64::MAX)
}

/// A rule pack and a calendar: `new Engine({rules_dir, calendar_dir})` loads either from a directory,
/// keeping the embedded one for the other. Its operations are methods added by the package (`index.js`);
/// the package shares one native engine between every `new Engine()` without options.
#[napi(js_name = "Engine", custom_finalize)]
pub struct NodeEngine {
    inner: Core,
    /// Bytes reported to V8 as held by this engine (given back when it is collected).
    external: i64,
}

impl ObjectFinalize for NodeEngine {
    fn finalize(self, env: Env) -> napi::Result<()> {
        if self.external > 0 {
            env.adjust_external_memory(-self.external)?;
        }
        Ok(())
    }
}

impl NodeEngine {
    fn output<'e>(&self, env: &'e Env, op: &Op, input: &Doc) -> napi::Result<Unknown<'e>> {
        let out = core(env, tuiyi_core::api::run_doc(&self.inner, op.name, input))?;
        convert::output(env, &out)
    }
}

#[napi]
impl NodeEngine {
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<Unknown<'_>>) -> napi::Result<Self> {
        guard(&env, || {
            let doc = match options {
                Some(o) => Reader::new(&env)
                    .read(&mut DocSink, o, 1)
                    .map_err(|f| f.into_js(&env, ""))?,
                None => Doc::Null,
            };
            let node = Node::Nullable(Box::new(Node::Obj(strict::Obj::new(vec![
                ("rules_dir", "规则包目录", Node::Str, false),
                ("calendar_dir", "日历目录", Node::Str, false),
            ]))));
            core(&env, strict::check_input(&node, &doc, ""))?;
            let dir = |k: &str| doc.get(k).and_then(Doc::as_str).map(str::to_string);
            let (rules, calendar) = (dir("rules_dir"), dir("calendar_dir"));
            let inner = core(
                &env,
                Core::load(
                    rules.as_deref().map(Path::new),
                    calendar.as_deref().map(Path::new),
                ),
            )?;
            let external = loaded_size(&[rules.as_deref(), calendar.as_deref()]);

            if external > 0 {
                env.adjust_external_memory(external)?;
            }
            Ok(NodeEngine { inner, external })
        })
    }

    /// Run operation `op` with positional arguments in the order of its parameters (`operations()`):
    /// `undefined` (or a missing argument) leaves a parameter out, and so does `null` for an optional one.
    #[napi]
    pub fn call<'e>(&self, env: &'e Env, op: String, args: Array<'e>) -> napi::Result<Unknown<'e>> {
        guard(env, || {
            let op = core(env, tuiyi_host::call::op(&op))?;
            let input = bind(env, op, Args::Js(args))?;
            self.output(env, op, &input)
        })
    }

    /// `call` with the arguments as the JS walker wrote them (an array of plain data: `pack.js`).
    #[napi(js_name = "callPacked")]
    pub fn call_packed<'e>(
        &self,
        env: &'e Env,
        op: String,
        toks: Float64ArraySlice<'e>,
        n: u32,
        text: JsString<'e>,
    ) -> napi::Result<Unknown<'e>> {
        guard(env, || {
            let op = core(env, tuiyi_host::call::op(&op))?;
            let units = units_of(text)?;
            let packed = Packed::new(toks.get(..n as usize).unwrap_or(&[]), &units);
            let input = bind(env, op, Args::Packed(packed))?;
            self.output(env, op, &input)
        })
    }

    /// The JSON facade (`tuiyi_core::api::run`): operation `op` on its whole input as one JS value — exactly
    /// what the CLI and the shared vectors see. A form inside it may be its JSON text.
    #[napi]
    pub fn run<'e>(
        &self,
        env: &'e Env,
        op: String,
        input: Option<Unknown<'e>>,
    ) -> napi::Result<Unknown<'e>> {
        guard(env, || {
            let op = core(env, tuiyi_host::call::op(&op))?;
            let doc = match input {
                None => Doc::Null,
                Some(v) => Reader::new(env)
                    .with_text_keys(op.text_params())
                    .read(&mut DocSink, v, 1)
                    .map_err(|f| f.into_js(env, ""))?,
            };
            self.output(env, op, &doc)
        })
    }

    /// `run` with the input as the JS walker wrote it.
    #[napi(js_name = "runPacked")]
    pub fn run_packed<'e>(
        &self,
        env: &'e Env,
        op: String,
        toks: Float64ArraySlice<'e>,
        n: u32,
        text: JsString<'e>,
    ) -> napi::Result<Unknown<'e>> {
        guard(env, || {
            let op = core(env, tuiyi_host::call::op(&op))?;
            let units = units_of(text)?;
            let mut packed = Packed::new(toks.get(..n as usize).unwrap_or(&[]), &units);
            let doc = Reader::new(env)
                .with_text_keys(op.text_params())
                .read_packed(&mut packed, &mut DocSink, 1)
                .map_err(|f| f.into_js(env, ""))?;
            self.output(env, op, &doc)
        })
    }

    /// `run` with the input as JSON text (parsed by the core within its limits; a byte-order mark is
    /// accepted).
    #[napi(js_name = "runJson")]
    pub fn run_json<'e>(
        &self,
        env: &'e Env,
        op: String,
        text: Unknown<'e>,
    ) -> napi::Result<Unknown<'e>> {
        guard(env, || {
            if !text.get_type().is_ok_and(|t| t == ValueType::String) {
                let e = strict::wrong_host_type(
                    "",
                    "JSON 文本（字符串）",
                    "JSON text (a string)",
                    "not a string",
                );
                return Err(js_error(env, &e));
            }
            let t = Reader::new(env)
                .json_text(JsString::from_unknown(text)?)
                .map_err(|f| f.into_js(env, ""))?;
            let out = core(env, tuiyi_core::api::run_text(&self.inner, &op, &t))?;
            convert::output(env, &out)
        })
    }

    /// `validateMany`'s batch: checks `today` (at `/today`, whatever the forms) and that `forms` is an array.
    #[napi(js_name = "_batch")]
    pub fn batch(
        &self,
        env: &Env,
        forms: Unknown<'_>,
        today: Option<Unknown<'_>>,
    ) -> napi::Result<Batch> {
        guard(env, || {
            let validate = core(env, tuiyi_host::call::op("validate"))?;
            let today = match today {
                Some(t) => {
                    let doc =
                        read_arg(env, &mut Reader::new(env), validate, "today", Kind::Date, t)?;
                    core(env, strict::check_input(&Node::Date, &doc, "/today"))?;
                    doc.as_str()
                        .and_then(|s| tuiyi_core::date::parse_date(s).ok())
                }
                None => None,
            };
            if !forms.is_array()? {
                let got = format!("{}", forms.get_type()?);
                return Err(js_error(
                    env,
                    &strict::wrong_host_type("", "表单数组", "an array of forms", &got),
                ));
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

/// One chunk's outcome, resolved on the JS thread: the reports' JSON array text, or the first error.
type Settle = Box<dyn FnOnce(Env) -> napi::Result<String> + Send>;

#[napi]
impl Batch {
    /// Read `forms[start..end]` onto the tape (each an object or its JSON text). A form that cannot be read
    /// throws its error (its path under `/<index>`); the forms before it stay on the tape.
    #[napi]
    pub fn read(&mut self, env: &Env, forms: Array<'_>, start: u32, end: u32) -> napi::Result<()> {
        guard(env, || {
            for i in start..end.min(forms.len()) {
                if self.count == 0 {
                    self.start = i as usize;
                }
                let mut reader = Reader::new(env);
                let mark = self.tape.mark();
                let r = reader.element(&forms, i).and_then(|v| {
                    let text = v.get_type().is_ok_and(|t| t == ValueType::String);
                    match JsString::from_unknown(v) {
                        Ok(s) if text => reader.json_text(s).map(|t| self.tape.string(&t)),
                        _ => reader
                            .read(
                                &mut TapeSink {
                                    tape: &mut self.tape,
                                },
                                v,
                                2,
                            )
                            .map(|_| ()),
                    }
                });
                if let Err(f) = r {
                    self.tape.truncate(mark);
                    return Err(f.into_js(env, &format!("/{i}")));
                }
                self.count += 1;
            }
            Ok(())
        })
    }

    /// Read form number `index`, as the JS walker wrote it, onto the tape (as `read` would read it).
    #[napi(js_name = "readPacked")]
    pub fn read_packed(
        &mut self,
        env: &Env,
        toks: Float64ArraySlice<'_>,
        n: u32,
        text: JsString<'_>,
        index: u32,
    ) -> napi::Result<()> {
        guard(env, || {
            let units = units_of(text)?;
            let mut p = Packed::new(toks.get(..n as usize).unwrap_or(&[]), &units);
            if self.count == 0 {
                self.start = index as usize;
            }
            let mut reader = Reader::new(env);
            let mark = self.tape.mark();
            let r = if p.is_string() {
                p.json_text(&mut reader.budget)
                    .map(|t| self.tape.string(&t))
            } else {
                let mut sink = TapeSink {
                    tape: &mut self.tape,
                };
                reader.read_packed(&mut p, &mut sink, 2).map(|_| ())
            };
            if let Err(f) = r {
                self.tape.truncate(mark);
                return Err(f.into_js(env, &format!("/{index}")));
            }
            self.count += 1;
            Ok(())
        })
    }

    /// Validate the forms read since the last flush on the pool: a promise of their reports' JSON array
    /// text, or rejected with the error of the first form that cannot be checked (its path under
    /// `/<index>`).
    #[napi]
    pub fn flush<'e>(&mut self, env: &'e Env) -> napi::Result<Object<'e>> {
        guard(env, || {
            let (deferred, promise) = env.create_deferred::<String, Settle>()?;
            let tape = std::mem::take(&mut self.tape);
            let count = std::mem::take(&mut self.count);
            let (start, engine, today) = (self.start, self.engine.clone(), self.today);
            let pool = core(env, tuiyi_host::many::pool())?;
            pool.spawn(move || {
                let settle: Settle = match tuiyi_host::guard::quietly(|| {
                    tuiyi_host::many::validate_tape(&engine, today, &tape, count, |r| {
                        serde_json::to_string(&r).unwrap_or_default()
                    })
                }) {
                    Err(e) => Box::new(move |env| Err(js_error(&env, &e))),
                    Ok(results) => match results.iter().position(Result::is_err) {
                        Some(k) => {
                            let e = results
                                .into_iter()
                                .nth(k)
                                .and_then(Result::err)
                                .map(|e| tuiyi_host::many::at_index(e, start + k))
                                .unwrap_or_else(|| tuiyi_core::Error::internal("lost error"));
                            Box::new(move |env| Err(js_error(&env, &e)))
                        }
                        None => {
                            let reports: Vec<String> = results.into_iter().flatten().collect();
                            let text = format!("[{}]", reports.join(","));
                            Box::new(move |_| Ok(text))
                        }
                    },
                };
                deferred.resolve(settle);
            });
            Ok(promise)
        })
    }
}

/// Every operation with its parameters and result (the core's table): what the package builds its
/// functions from.
#[napi]
pub fn operations(env: &Env) -> napi::Result<Unknown<'_>> {
    guard(env, || {
        let sigs: Vec<_> = tuiyi_core::ops::OPS.iter().map(|o| o.sig).collect();
        let text = serde_json::to_string(&sigs)
            .map_err(|e| js_error(env, &tuiyi_core::Error::internal(e.to_string())))?;
        convert::parse(env, text)
    })
}

/// The error for an exception a getter or Proxy trap threw while a native call read a value (still
/// propagating as `cause`), or `undefined` when the call kept no such failure (see `convert::Pending`).
#[napi(js_name = "_adopt")]
pub fn adopt<'e>(env: &'e Env, cause: Unknown<'e>) -> napi::Result<Option<Unknown<'e>>> {
    let Some(e) = Pending::take() else {
        return Ok(None);
    };
    let o = convert::error_object(env, &e)?;
    let mut o = Object::from_unknown(o)?;
    o.set_named_property("cause", cause)?;
    Ok(Some(o.to_unknown()))
}

/// For tests only: `value` read by the N-API walk (as a form argument is), back as JSON data.
#[napi(js_name = "_echo")]
pub fn echo<'e>(env: &'e Env, value: Unknown<'e>) -> napi::Result<Unknown<'e>> {
    guard(env, || {
        let doc = Reader::new(env)
            .read(&mut DocSink, value, 2)
            .map_err(|f| f.into_js(env, ""))?;
        convert::parse(env, doc.to_value().to_string())
    })
}

/// For tests only: what the JS walker wrote, read as `_echo` reads the value it came from.
#[napi(js_name = "_echoPacked")]
pub fn echo_packed<'e>(
    env: &'e Env,
    toks: Float64ArraySlice<'e>,
    n: u32,
    text: JsString<'e>,
) -> napi::Result<Unknown<'e>> {
    guard(env, || {
        let units = units_of(text)?;
        let mut p = Packed::new(toks.get(..n as usize).unwrap_or(&[]), &units);
        let doc = Reader::new(env)
            .read_packed(&mut p, &mut DocSink, 2)
            .map_err(|f| f.into_js(env, ""))?;
        convert::parse(env, doc.to_value().to_string())
    })
}

/// For tests only: the memory V8 was told native objects hold (in bytes; engines loaded from directories).
#[napi(js_name = "_externalMemory")]
pub fn external_memory(env: &Env) -> napi::Result<i64> {
    env.adjust_external_memory(0)
}

/// For tests only: panics inside the guard, to prove a panic becomes `internal_error` and prints nothing.
#[napi(js_name = "_panicForTests")]
pub fn panic_for_tests(env: &Env) -> napi::Result<()> {
    guard(env, || {
        panic!("deliberate panic for tests 110101199003071233")
    })
}
