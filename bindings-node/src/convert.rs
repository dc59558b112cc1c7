//! JS values ⇄ the core's JSON, with napi-rs's safe API only.
//!
//! - **In** ([`Reader`]): one walk of a JS value into a [`Sink`] within the input's [`Budget`]: every limit
//!   is checked before anything is copied (a string's length is asked first — free for a JS string — so a
//!   string far beyond the limit is refused without being read, however often it is referenced); objects by
//!   their own enumerable string keys (`napi_get_all_property_names`, own only: nothing inherited is ever
//!   read, however `Object.prototype` is changed before or during the walk); a lone surrogate is
//!   `input_lone_surrogate` at its path (strings are read as UTF-16, never through V8's UTF-8 conversion,
//!   which would turn it into U+FFFD); a `Date` is `wrong_type` saying to pass `'YYYY-MM-DD'`; functions,
//!   symbols, BigInt, `undefined`, NaN/±Infinity, typed arrays, `ArrayBuffer`, `DataView` and promises are
//!   `wrong_type`; a cycle ends as `input_too_deep`. A getter or Proxy trap that throws is `invalid_input`
//!   at its path with the exception as `cause` (see [`Pending`]).
//! - **Out** ([`output`]): a result's JSON text through V8's own `JSON.parse` (scalars directly).
//! - **Errors** ([`js_error`]): a core error as a JS `Error` (`TypeError` for `wrong_type`) with `kind`,
//!   `code`, `path`, `message` (Chinese) and `message_en`.

use std::borrow::Cow;
use std::cell::RefCell;

use napi::bindgen_prelude::{
    Array, FromNapiValue, Function, JsObjectValue, Null, Object, ToNapiValue, Unknown,
};
use napi::{
    Env, JsError, JsString, JsTypeError, JsValue, KeyCollectionMode, KeyConversion, KeyFilter,
    Status, ValueType,
};
use serde_json::{Number, Value};
use tuiyi_core::limits::{MAX_JSON_BYTES, MAX_STRING_CHARS};
use tuiyi_core::Error;
use tuiyi_host::{Budget, Fail, FailKind, Sink};

// ---------------------------------------------------------------------------------------------------------
// Errors out

/// The JS error for a core error (a `TypeError` for `wrong_type`), to throw or reject with.
pub fn js_error(env: &Env, e: &Error) -> napi::Error {
    match error_object(env, e) {
        // Kept by reference without coercing it to a string (nothing of ours runs on the way out).
        Ok(o) => napi::Error::from_unknown_without_coercion(o),
        Err(x) => x,
    }
}

pub fn error_object<'e>(env: &'e Env, e: &Error) -> napi::Result<Unknown<'e>> {
    let base = napi::Error::new(Status::GenericFailure, e.message.clone());
    let made = if e.code == "wrong_type" {
        JsTypeError::from(base).into_unknown(*env)
    } else {
        JsError::from(base).into_unknown(*env)
    };
    let mut o = Object::from_unknown(made)?;
    o.set_named_property("code", e.code.as_str())?;
    o.set_named_property("kind", e.kind.as_str())?;
    o.set_named_property("path", e.path.as_str())?;
    o.set_named_property("message_en", e.message_en.as_str())?;
    Ok(o.to_unknown())
}

/// `f`'s core error as the JS error.
pub fn core<T>(env: &Env, r: Result<T, Error>) -> napi::Result<T> {
    r.map_err(|e| js_error(env, &e))
}

// ---------------------------------------------------------------------------------------------------------
// A JS exception met while reading

thread_local! {
    static PENDING: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// A getter or Proxy trap threw while a value was read. The exception is still pending in the JS engine,
/// and napi-rs has no safe way to take it (its own capture coerces the exception to a string and follows
/// `cause` chains without a bound); so it is left to propagate out of the native call, the core error for
/// it is kept here (per JS thread), and the package's JS layer, which catches it, adopts it: the thrown
/// error becomes that core error with the exception as `cause` (`_adopt` in lib.rs, `adopt` in index.js).
pub struct Pending;

impl Pending {
    /// Forget a failure no one adopted (each native call starts with this).
    pub fn clear() {
        PENDING.with(|p| p.borrow_mut().take());
    }

    /// The error to return while `e` is the failure of a pending exception.
    fn keep(e: Error) -> napi::Error {
        PENDING.with(|p| *p.borrow_mut() = Some(e));
        napi::Error::new(Status::PendingException, "")
    }

    /// The kept failure, if any (taken).
    pub fn take() -> Option<Error> {
        PENDING.with(|p| p.borrow_mut().take())
    }
}

/// Is an exception pending? (Asked of a fresh object, so no user code runs: with an exception pending,
/// N-API refuses any call that could run JS, and says so.)
fn exception_pending(env: &Env) -> bool {
    Object::new(env)
        .and_then(|o| o.has_named_property("x"))
        .is_err_and(|e| e.status == Status::PendingException)
}

// ---------------------------------------------------------------------------------------------------------
// Reading JS values

/// Why reading a value failed: a [`Fail`] with its path (collected on the way up), a `Date` (its own
/// message), or a JS exception left pending.
pub struct Failure {
    fail: Fail,
    date: bool,
    pending: bool,
}

pub type Read<T> = Result<T, Box<Failure>>;

fn failure(kind: FailKind) -> Box<Failure> {
    Box::new(Failure {
        fail: Fail::new(kind),
        date: false,
        pending: false,
    })
}

impl From<Fail> for Box<Failure> {
    fn from(fail: Fail) -> Self {
        Box::new(Failure {
            fail,
            date: false,
            pending: false,
        })
    }
}

fn wrong(got: &str, hint: &'static str) -> Box<Failure> {
    failure(FailKind::WrongType {
        got: got.to_string(),
        hint,
    })
}

impl Failure {
    fn within_key(mut self: Box<Self>, key: &str) -> Box<Self> {
        self.fail = std::mem::replace(&mut self.fail, Fail::new(FailKind::Host)).within_key(key);
        self
    }

    fn within_index(mut self: Box<Self>, i: usize) -> Box<Self> {
        self.fail = std::mem::replace(&mut self.fail, Fail::new(FailKind::Host)).within_index(i);
        self
    }

    /// The core error of this failure; `prefix` is the JSON Pointer of the value that was read.
    pub fn error(self, prefix: &str) -> Error {
        let e = self
            .fail
            .into_error(prefix)
            .unwrap_or_else(|| Error::internal("unreadable value"));
        if self.date {
            return tuiyi_core::strict::wrong_host_type(
                &e.path,
                "'YYYY-MM-DD' 格式的日期字符串（不接受 JS Date：其日期取决于时区）",
                "a date string 'YYYY-MM-DD' (a JS Date is not accepted: its calendar day depends on the time zone)",
                "Date",
            );
        }
        e
    }

    /// The JS error to throw for this failure (see [`Pending`]).
    pub fn into_js(self, env: &Env, prefix: &str) -> napi::Error {
        let pending = self.pending;
        let e = self.error(prefix);
        if pending {
            return Pending::keep(e);
        }
        js_error(env, &e)
    }
}

/// A JS number as JSON: an integral value as that exact integer (beyond 2^53 too: the integer the double
/// holds), anything else as a float; never NaN or ±Infinity.
fn number(x: f64) -> Option<(Number, bool)> {
    if !x.is_finite() {
        return None;
    }
    if x.fract() == 0.0 {
        if (0.0..18_446_744_073_709_551_616.0).contains(&x) {
            return Some((Number::from(x as u64), true));
        }
        if (-9_223_372_036_854_775_808.0..0.0).contains(&x) {
            return Some((Number::from(x as i64), true));
        }
    }
    Number::from_f64(x).map(|n| (n, false))
}

/// A JS string's UTF-16 code units (a copy, without the terminating NUL napi-rs adds).
pub fn units_of(s: JsString<'_>) -> napi::Result<Vec<u16>> {
    let mut units: Vec<u16> = s.into_utf16()?.into();
    units.pop();
    Ok(units)
}

/// Charge a string of `units` UTF-16 code units against `budget`, decoding it (`None`: a lone surrogate)
/// only when it may be within the limit: a string of more than twice the limit has more characters than
/// the limit, and is refused without being read. Both walks read every string through this.
fn charged(
    budget: &mut Budget,
    units: usize,
    key: bool,
    decode: impl FnOnce() -> Read<Option<String>>,
) -> Read<String> {
    let charge = |b: &mut Budget, chars: usize, bytes: usize| {
        if key {
            b.key(chars, bytes)
        } else {
            b.string(chars, bytes)
        }
    };
    if units / 2 > MAX_STRING_CHARS {
        charge(budget, units, units)?;
    }
    let text = decode()?.ok_or_else(|| failure(FailKind::LoneSurrogate))?;
    let chars = if units <= MAX_STRING_CHARS {
        units
    } else {
        text.chars().count()
    };
    charge(budget, chars, text.len())?;
    Ok(text)
}

/// A form given as its JSON text (parsed by the core, within the limits): only its size counts here. A
/// lone surrogate is written as its `\u` escape, so that the core says `input_lone_surrogate` at its path
/// inside the text (or `json_syntax` outside a string, where the character itself would be one too).
fn charged_json(budget: &mut Budget, units: &[u16]) -> Read<String> {
    let text = String::from_utf16(units).unwrap_or_else(|_| {
        char::decode_utf16(units.iter().copied())
            .map(|c| match c {
                Ok(c) => c.to_string(),
                Err(e) => format!("\\u{:04x}", e.unpaired_surrogate()),
            })
            .collect()
    });
    budget.text(text.len())?;
    Ok(text)
}

/// A failed N-API call: a getter or Proxy trap threw (the exception is pending), or the value could not be
/// read as what it claimed to be.
fn unreadable(env: &Env, what: &str) -> Box<Failure> {
    let pending = exception_pending(env);
    let what = if pending {
        format!("{what} threw an exception (error.cause)")
    } else {
        what.to_string()
    };
    Box::new(Failure {
        fail: Fail::new(FailKind::Unreadable(what)),
        date: false,
        pending,
    })
}

/// Reads JS values within one input's budget: by N-API ([`Reader::read`]), or from what the JS walker
/// (`pack.js`) wrote ([`Reader::read_packed`]), with the same budget, in the same order, at the same paths.
pub struct Reader<'e> {
    env: &'e Env,
    pub budget: Budget,
    /// Keys of the input (depth 1) whose value may be a form's JSON text (`run`).
    text_keys: Vec<&'static str>,
}

impl<'e> Reader<'e> {
    pub fn new(env: &'e Env) -> Reader<'e> {
        Reader {
            env,
            budget: Budget::new(),
            text_keys: Vec::new(),
        }
    }

    /// A reader for the arguments of `op`: an input of parameters is one object, counted as a value as the
    /// JSON parser counts it.
    pub fn for_input(env: &'e Env, op: &tuiyi_core::ops::Op) -> Reader<'e> {
        let mut r = Reader::new(env);
        if matches!(op.input, tuiyi_core::ops::Input::Fields { .. }) {
            let _ = r.budget.value(2);
        }
        r
    }

    /// A reader of a whole input in which the values of `keys` may be a form's JSON text.
    pub fn with_text_keys(mut self, keys: Vec<&'static str>) -> Reader<'e> {
        self.text_keys = keys;
        self
    }

    fn js<T>(&self, r: napi::Result<T>, what: &str) -> Read<T> {
        r.map_err(|_| unreadable(self.env, what))
    }

    /// Element `i` of `a` (an element getter may throw).
    pub fn element<'a>(&self, a: &Array<'a>, i: u32) -> Read<Unknown<'a>> {
        match self.js(a.get::<Unknown>(i), "reading this element")? {
            Some(v) => Ok(v),
            None => Err(wrong("undefined", "")),
        }
        .map_err(|e| e.within_index(i as usize))
    }

    /// A JS string's text, its length asked first (free for a JS string).
    fn text(&mut self, s: JsString<'_>, key: bool) -> Read<String> {
        let units = self.js(s.utf16_len(), "a string")?;
        let env = self.env;
        charged(&mut self.budget, units, key, || {
            let u = units_of(s).map_err(|_| unreadable(env, "a string"))?;
            Ok(String::from_utf16(&u).ok())
        })
    }

    /// A form given as its JSON text, its size asked before it is copied.
    pub fn json_text(&mut self, s: JsString<'_>) -> Read<String> {
        let units = self.js(s.utf16_len(), "a string")?;
        if units > MAX_JSON_BYTES {
            // At least a byte per code unit.
            self.budget.text(units)?;
        }
        let u = self.js(units_of(s), "a string")?;
        charged_json(&mut self.budget, &u)
    }

    /// Read `v`, which sits at nesting `depth` of the operation's input (the input itself is 1).
    pub fn read<S: Sink<'static>>(
        &mut self,
        sink: &mut S,
        v: Unknown<'_>,
        depth: usize,
    ) -> Read<S::Node> {
        match self.js(v.get_type(), "the value")? {
            ValueType::String => {
                let s = self.js(JsString::from_unknown(v), "a string")?;
                let t = self.text(s, false)?;
                Ok(sink.string(Cow::Owned(t)))
            }
            ValueType::Number => {
                let x = self.js(f64::from_unknown(v), "a number")?;
                self.number(sink, x)
            }
            ValueType::Boolean => {
                let b = self.js(bool::from_unknown(v), "a boolean")?;
                self.budget.value(5)?;
                Ok(sink.boolean(b))
            }
            ValueType::Null => {
                self.budget.value(4)?;
                Ok(sink.null())
            }
            ValueType::Object => self.object(sink, v, depth),
            ValueType::Undefined => Err(wrong("undefined", "; leave an absent field out")),
            ValueType::Function => Err(wrong("a function", "")),
            ValueType::Symbol => Err(wrong("a symbol", "")),
            ValueType::BigInt => Err(wrong("a BigInt", "; pass a number")),
            other => Err(wrong(&format!("{other}"), "")),
        }
    }

    fn number<S: Sink<'static>>(&mut self, sink: &mut S, x: f64) -> Read<S::Node> {
        let (n, integral) =
            number(x).ok_or_else(|| wrong("NaN or infinity", "; JSON numbers are finite"))?;
        self.budget.value(if integral { 20 } else { 24 })?;
        Ok(sink.number(n))
    }

    fn object<S: Sink<'static>>(
        &mut self,
        sink: &mut S,
        v: Unknown<'_>,
        depth: usize,
    ) -> Read<S::Node> {
        let o = self.js(Object::from_unknown(v), "an object")?;
        if self.js(o.is_array(), "an object")? {
            let a = self.js(Array::from_unknown(v), "an array")?;
            return self.array(sink, a, depth);
        }
        if self.js(o.is_date(), "an object")? {
            let mut f = wrong("Date", "");
            f.date = true;
            return Err(f);
        }
        if self.js(o.is_typedarray(), "an object")? {
            return Err(wrong("a typed array or Buffer", ""));
        }
        let keys = self.js(
            o.get_all_property_names(
                KeyCollectionMode::OwnOnly,
                KeyFilter::Enumerable,
                KeyConversion::NumbersToStrings,
            ),
            "listing the keys",
        )?;
        let n = self.js(keys.get_array_length(), "listing the keys")?;
        // Symbol keys are not JSON's (napi-rs cannot ask for enumerable string keys at once).
        let mut strings = Vec::with_capacity(n as usize);
        for i in 0..n {
            let k: Unknown = self.js(keys.get_element(i), "listing the keys")?;
            if self.js(k.get_type(), "listing the keys")? != ValueType::Symbol {
                strings.push(self.js(JsString::from_unknown(k), "listing the keys")?);
            }
        }
        if strings.is_empty() {
            // Binary data and promises have no keys of their own: refused rather than read as {}.
            for (is, what) in [
                (o.is_arraybuffer(), "an ArrayBuffer"),
                (o.is_dataview(), "a DataView"),
                (o.is_promise(), "a Promise"),
            ] {
                if self.js(is, "an object")? {
                    return Err(wrong(what, ""));
                }
            }
        }
        self.budget.object(depth, strings.len())?;
        let mut obj = sink.begin_obj(strings.len());
        for k in strings {
            let key = self.text(k, true)?;
            let text_key = depth == 1 && self.text_keys.contains(&key.as_str());
            sink.obj_key(&mut obj, Cow::Owned(key));
            let value = self
                .js(
                    o.get_property_unchecked::<_, Unknown>(k),
                    "reading this property",
                )
                .and_then(|x| match JsString::from_unknown(x) {
                    Ok(s) if text_key && x.get_type().is_ok_and(|t| t == ValueType::String) => {
                        let t = self.json_text(s)?;
                        Ok(sink.string(Cow::Owned(t)))
                    }
                    _ => self.read(sink, x, depth + 1),
                })
                .map_err(|e| {
                    // The key read once already; again for the path (the failure path only).
                    let key = units_of(k).map(|u| String::from_utf16_lossy(&u));
                    e.within_key(&key.unwrap_or_default())
                })?;
            sink.obj_value(&mut obj, value);
        }
        Ok(sink.end_obj(obj))
    }

    fn array<S: Sink<'static>>(
        &mut self,
        sink: &mut S,
        a: Array<'_>,
        depth: usize,
    ) -> Read<S::Node> {
        let len = a.len() as usize;
        self.budget.array(depth, len)?;
        let mut arr = sink.begin_arr(len);
        for i in 0..len {
            let item = self
                .element(&a, i as u32)
                .and_then(|x| self.read(sink, x, depth + 1).map_err(|e| e.within_index(i)))?;
            sink.arr_item(&mut arr, item);
        }
        Ok(sink.end_arr(arr))
    }

    /// Read one value of `p` (at nesting `depth`) as [`Reader::read`] reads the JS value it came from.
    pub fn read_packed<S: Sink<'static>>(
        &mut self,
        p: &mut Packed<'_>,
        sink: &mut S,
        depth: usize,
    ) -> Read<S::Node> {
        let t = p.tok()?;
        if t >= 0.0 {
            let u = p.units(t as usize)?;
            let s = charged(&mut self.budget, u.len(), false, || {
                Ok(String::from_utf16(u).ok())
            })?;
            return Ok(sink.string(Cow::Owned(s)));
        }
        match t as i64 {
            -1 => {
                self.budget.value(4)?;
                Ok(sink.null())
            }
            -2 | -3 => {
                self.budget.value(5)?;
                Ok(sink.boolean(t == -2.0))
            }
            -4 => {
                let x = p.tok()?;
                self.number(sink, x)
            }
            -5 => {
                let len = p.count()?;
                self.budget.array(depth, len)?;
                let mut arr = sink.begin_arr(len);
                for i in 0..len {
                    let item = self
                        .read_packed(p, sink, depth + 1)
                        .map_err(|e| e.within_index(i))?;
                    sink.arr_item(&mut arr, item);
                }
                Ok(sink.end_arr(arr))
            }
            -6 => {
                let len = p.count()?;
                self.budget.object(depth, len)?;
                let mut obj = sink.begin_obj(len);
                for _ in 0..len {
                    let n = p.count()?;
                    let k = p.units(n)?;
                    let key =
                        charged(&mut self.budget, n, true, || Ok(String::from_utf16(k).ok()))?;
                    let text_key = depth == 1 && self.text_keys.contains(&key.as_str());
                    sink.obj_key(&mut obj, Cow::Owned(key));
                    let value = if text_key && p.is_string() {
                        p.json_text(&mut self.budget)
                            .map(|t| sink.string(Cow::Owned(t)))
                    } else {
                        self.read_packed(p, sink, depth + 1)
                    }
                    .map_err(|e| e.within_key(&String::from_utf16_lossy(k)))?;
                    sink.obj_value(&mut obj, value);
                }
                Ok(sink.end_obj(obj))
            }
            _ => Err(Packed::malformed()),
        }
    }
}

/// What the JS walker (`pack.js`) wrote: its tokens and the UTF-16 text of all its strings.
pub struct Packed<'t> {
    toks: &'t [f64],
    pos: usize,
    units: &'t [u16],
    at: usize,
}

impl<'t> Packed<'t> {
    pub fn new(toks: &'t [f64], units: &'t [u16]) -> Packed<'t> {
        Packed {
            toks,
            pos: 0,
            units,
            at: 0,
        }
    }

    fn malformed() -> Box<Failure> {
        failure(FailKind::Unreadable("the JS walker's tokens".into()))
    }

    fn tok(&mut self) -> Read<f64> {
        let t = *self.toks.get(self.pos).ok_or_else(Packed::malformed)?;
        self.pos += 1;
        Ok(t)
    }

    fn count(&mut self) -> Read<usize> {
        let t = self.tok()?;
        if t >= 0.0 && t.fract() == 0.0 {
            Ok(t as usize)
        } else {
            Err(Packed::malformed())
        }
    }

    fn units(&mut self, n: usize) -> Read<&'t [u16]> {
        let u = self
            .units
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(Packed::malformed)?;
        self.at += n;
        Ok(u)
    }

    /// Is the next value a string? A `null`?
    pub fn is_string(&self) -> bool {
        self.toks.get(self.pos).is_some_and(|t| *t >= 0.0)
    }

    pub fn is_null(&self) -> bool {
        self.toks.get(self.pos) == Some(&-1.0)
    }

    /// The next value, a string, as a form's JSON text.
    pub fn json_text(&mut self, budget: &mut Budget) -> Read<String> {
        let n = self.count()?;
        let u = self.units(n)?;
        charged_json(budget, u)
    }

    /// The length of the array that comes next.
    pub fn array(&mut self) -> Read<usize> {
        match self.tok()? as i64 {
            -5 => self.count(),
            _ => Err(Packed::malformed()),
        }
    }

    /// Skip the next value.
    pub fn skip(&mut self) -> Read<()> {
        let t = self.tok()?;
        match t as i64 {
            _ if t >= 0.0 => self.units(t as usize).map(|_| ()),
            -4 => self.tok().map(|_| ()),
            -5 => (0..self.count()?).try_for_each(|_| self.skip()),
            -6 => (0..self.count()?).try_for_each(|_| {
                let n = self.count()?;
                self.units(n)?;
                self.skip()
            }),
            _ => Ok(()),
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Output

/// JSON text as JS values, by V8's `JSON.parse`.
pub fn parse<'e>(env: &'e Env, text: String) -> napi::Result<Unknown<'e>> {
    let json: Object = env.get_global()?.get_named_property("JSON")?;
    let parse: Function<String, Unknown> = json.get_named_property("parse")?;
    parse.call(text)
}

/// A JSON scalar as a JS value.
fn scalar<'e>(env: &'e Env, v: &Value) -> napi::Result<Unknown<'e>> {
    match v {
        Value::Bool(b) => b.into_unknown(env),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN).into_unknown(env),
        Value::String(s) => s.as_str().into_unknown(env),
        _ => Null.into_unknown(env),
    }
}

/// An operation's result as JS data: objects and arrays through `JSON.parse` (one pass in V8 instead of a
/// call per property), scalars directly.
pub fn output<'e>(env: &'e Env, out: &tuiyi_core::ops::Output) -> napi::Result<Unknown<'e>> {
    let text = out.to_json();
    match text.as_bytes().first() {
        Some(b'{' | b'[') => parse(env, text),
        _ => scalar(env, &serde_json::from_str(&text).unwrap_or(Value::Null)),
    }
}
