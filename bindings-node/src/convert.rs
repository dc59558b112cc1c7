//! JS values ⇄ the core's JSON, with napi-rs's safe API only. In ([`Reader`]): a value into a [`Sink`]
//! within the input's [`Budget`], by N-API or from what the JS walker (`pack.js`) made of plain data — the
//! same budget, order and paths either way; limits checked before copying (a string's length before its
//! text); own enumerable string keys only; strings as UTF-16 (a lone surrogate is `input_lone_surrogate`
//! at its path); a `Date` is `wrong_type` saying `'YYYY-MM-DD'`; a getter or Proxy trap that throws is
//! `invalid_input`, the exception its `cause` ([`Pending`]). Out ([`output`]): V8's `JSON.parse`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::mem::MaybeUninit;

use bumpalo::Bump as Arena;
use napi::bindgen_prelude::{Array, FromNapiValue, Function, JsObjectValue, Null, Object};
use napi::bindgen_prelude::{ToNapiValue, Uint8ArraySlice, Unknown};
use napi::{Env, JsError, JsString, JsTypeError, JsValue, KeyCollectionMode, KeyConversion};
use napi::{JsStringUtf16, KeyFilter, Status, ValueType};
use serde_json::{Number, Value};
use tuiyi_core::limits::{MAX_JSON_BYTES, MAX_STRING_CHARS};
use tuiyi_core::ops::Output;
use tuiyi_core::Error;
use tuiyi_host::utf16::{string_from_utf16, utf16_into};
use tuiyi_host::{Budget, Fail, FailKind, Sink};

/// The JS error for a core error (a `TypeError` for `wrong_type`), to throw or reject with.
pub fn js_error(env: &Env, e: &Error) -> napi::Error {
    match error_object(env, e) {
        // Kept by reference, never coerced to a string.
        Ok(o) => napi::Error::from_unknown_without_coercion(o),
        Err(x) => x,
    }
}

pub fn error_object<'e>(env: &'e Env, e: &Error) -> napi::Result<Unknown<'e>> {
    let base = napi::Error::new(Status::GenericFailure, e.message.clone());
    let made = match e.code.as_str() {
        "wrong_type" => JsTypeError::from(base).into_unknown(*env),
        _ => JsError::from(base).into_unknown(*env),
    };
    let mut o = Object::from_unknown(made)?;
    o.set_named_property("code", e.code.as_str())?;
    o.set_named_property("kind", e.kind.as_str())?;
    o.set_named_property("path", e.path.as_str())?;
    o.set_named_property("message_en", e.message_en.as_str())?;
    Ok(o.to_unknown())
}

/// A core result, its error as the JS error.
pub fn core<T>(env: &Env, r: Result<T, Error>) -> napi::Result<T> {
    r.map_err(|e| js_error(env, &e))
}

thread_local! {
    static PENDING: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// A getter or Proxy trap threw while a value was read: the exception is pending in the JS engine, and
/// napi-rs has no safe way to take it (its own capture coerces it to a string and follows `cause` chains
/// without a bound). So it propagates out of the native call, the core error for it is kept here (per JS
/// thread), and the package's JS layer, catching the exception, adopts it (`_adopt`): the error it throws
/// is that core error with the exception as `cause`.
pub struct Pending;

impl Pending {
    /// The failure kept, if any (every native call starts by forgetting one no JS code adopted).
    pub fn take() -> Option<Error> {
        PENDING.with(|p| p.borrow_mut().take())
    }
}

/// Is an exception pending? Asked of a fresh object, so no user code runs: with an exception pending,
/// N-API refuses any call that could run JS, and says so.
fn exception_pending(env: &Env) -> bool {
    let probe = Object::new(env).and_then(|o| o.has_named_property("x"));
    probe.is_err_and(|e| e.status == Status::PendingException)
}

/// Why reading a value failed: a [`Fail`] with its path (collected on the way up), a `Date` (its own
/// message), or a JS exception left pending.
pub struct Failure {
    fail: Fail,
    date: bool,
    pending: bool,
}

pub type Read<T> = Result<T, Box<Failure>>;

impl From<FailKind> for Box<Failure> {
    fn from(kind: FailKind) -> Self {
        let fail = Fail::new(kind);
        Box::new(Failure {
            fail,
            date: false,
            pending: false,
        })
    }
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
    FailKind::WrongType {
        got: got.to_string(),
        hint,
    }
    .into()
}

/// A failed N-API call: a getter or Proxy trap threw (its exception is pending), or a value was not what
/// it claimed to be.
fn unreadable(env: &Env, what: &str) -> Box<Failure> {
    let pending = exception_pending(env);
    let what = match pending {
        true => format!("{what} threw an exception (error.cause)"),
        false => what.to_string(),
    };
    Box::new(Failure {
        fail: Fail::new(FailKind::Unreadable(what)),
        date: false,
        pending,
    })
}

impl Failure {
    /// The failure of the enclosing container: `f` adds its path segment.
    fn within(mut self: Box<Self>, f: impl FnOnce(Fail) -> Fail) -> Box<Self> {
        self.fail = f(std::mem::replace(&mut self.fail, Fail::new(FailKind::Host)));
        self
    }

    /// The JS error to throw for this failure; `prefix` is the JSON Pointer of the value that was read.
    pub fn into_js(self, env: &Env, prefix: &str) -> napi::Error {
        let mut e = self
            .fail
            .into_error(prefix)
            .unwrap_or_else(|| Error::internal("unreadable"));
        if self.date {
            e = tuiyi_core::strict::wrong_host_type(
                &e.path,
                "'YYYY-MM-DD' 格式的日期字符串（不接受 JS Date：其日期取决于时区）",
                "a date string 'YYYY-MM-DD' (a JS Date is not accepted: its calendar day depends on the time zone)",
                "Date",
            );
        }
        if self.pending {
            PENDING.with(|p| *p.borrow_mut() = Some(e));
            return napi::Error::new(Status::PendingException, "");
        }
        js_error(env, &e)
    }
}

/// A JS number as JSON: an integral value as that exact integer (beyond 2^53 too: the integer the double
/// holds), anything else as a float; never NaN or ±Infinity. And whether it is an integer.
fn number(x: f64) -> Option<(Number, bool)> {
    if x.is_finite() && x.fract() == 0.0 {
        if (0.0..18_446_744_073_709_551_616.0).contains(&x) {
            return Some((Number::from(x as u64), true));
        }
        if (-9_223_372_036_854_775_808.0..0.0).contains(&x) {
            return Some((Number::from(x as i64), true));
        }
    }
    Number::from_f64(x).map(|n| (n, false))
}

/// A JS string as text, lone surrogates as U+FFFD (for a path).
fn lossy(s: JsString<'_>) -> String {
    units_of(s)
        .map(|u| String::from_utf16_lossy(&u))
        .unwrap_or_default()
}

/// A JS string's UTF-16 code units, in the buffer N-API copied them into (without its terminating NUL).
pub struct Units<'e>(JsStringUtf16<'e>);

impl std::ops::Deref for Units<'_> {
    type Target = [u16];
    fn deref(&self) -> &[u16] {
        let u = self.0.as_slice();
        &u[..u.len().saturating_sub(1)]
    }
}

/// A JS string's UTF-16 code units: N-API's copy, read in place (`Vec::from` of napi-rs's buffer copied it a
/// second time).
pub fn units_of(s: JsString<'_>) -> napi::Result<Units<'_>> {
    s.into_utf16().map(Units)
}

/// How a string is charged: `Budget::string`, or `Budget::key` for an object's key.
type Charge = fn(&mut Budget, usize, usize) -> Result<(), Fail>;

/// Charge a string of `units` UTF-16 code units, decoded by `decode` (`None`: a lone surrogate) only when
/// it may be within the limit: more than twice the limit in units is more than the limit in characters,
/// refused unread. Both ways of reading read every string through this.
fn charged<'s>(
    b: &mut Budget,
    units: usize,
    charge: Charge,
    decode: impl FnOnce() -> Read<Option<Cow<'s, str>>>,
) -> Read<Cow<'s, str>> {
    if units / 2 > MAX_STRING_CHARS {
        charge(b, units, units)?;
    }
    let text = decode()?.ok_or_else(|| Box::<Failure>::from(FailKind::LoneSurrogate))?;
    let chars = Some(units)
        .filter(|u| *u <= MAX_STRING_CHARS)
        .unwrap_or_else(|| text.chars().count());
    charge(b, chars, text.len())?;
    Ok(text)
}

/// A form given as its JSON text (parsed by the core, within the limits): only its size counts here. A lone
/// surrogate is written as its `\u` escape, so that the core says `input_lone_surrogate` at its path inside
/// the text (or `json_syntax` outside a string, as the character itself would be).
fn charged_json(b: &mut Budget, units: &[u16]) -> Read<String> {
    let escape = |e: std::char::DecodeUtf16Error| format!("\\u{:04x}", e.unpaired_surrogate());
    let text = string_from_utf16(units).unwrap_or_else(|| {
        let chars = char::decode_utf16(units.iter().copied());
        chars.map(|c| c.map_or_else(escape, String::from)).collect()
    });
    b.text(text.len())?;
    Ok(text)
}

/// A value as the package's JS layer passed it: the value itself, or what the JS walker made of it.
pub enum Val<'v, 'a> {
    Js(Unknown<'a>),
    Packed(&'v mut Packed<'a>),
}

/// Reads values within one input's budget.
pub struct Reader<'e> {
    env: &'e Env,
    pub budget: Budget,
    /// Keys of the input (depth 1) whose value may be a form's JSON text (`run`).
    pub text_keys: Vec<&'static str>,
}

impl<'e> Reader<'e> {
    pub fn new(env: &'e Env) -> Reader<'e> {
        Reader {
            env,
            budget: Budget::new(),
            text_keys: Vec::new(),
        }
    }

    fn js<T>(&self, r: napi::Result<T>, what: &str) -> Read<T> {
        r.map_err(|_| unreadable(self.env, what))
    }

    /// Element `i` of `a` (an element getter may throw).
    pub fn element<'a>(&self, a: &Array<'a>, i: u32) -> Read<Unknown<'a>> {
        let v = self.js(a.get::<Unknown>(i), "reading this element");
        v.and_then(|v| v.ok_or_else(|| wrong("undefined", "")))
            .map_err(|e| e.within(|f| f.within_index(i as usize)))
    }

    /// A JS string's text, its length asked first (free for a JS string).
    fn text(&mut self, s: JsString<'_>, charge: Charge) -> Read<String> {
        let (units, env) = (self.js(s.utf16_len(), "a string")?, self.env);
        charged(&mut self.budget, units, charge, || {
            let u = units_of(s).map_err(|_| unreadable(env, "a string"))?;
            Ok(string_from_utf16(&u).map(Cow::Owned))
        })
        .map(Cow::into_owned)
    }

    /// A form given as its JSON text (a JS string), its size asked before it is copied (a byte per unit at
    /// least).
    pub fn json_text(&mut self, v: Unknown<'_>) -> Read<String> {
        if self.js(v.get_type(), "the value")? != ValueType::String {
            return Err(wrong("not a string", "; JSON text is a string"));
        }
        let s = self.js(JsString::from_unknown(v), "a string")?;
        let units = self.js(s.utf16_len(), "a string")?;
        if units > MAX_JSON_BYTES {
            self.budget.text(units)?;
        }
        let u = self.js(units_of(s), "a string")?;
        charged_json(&mut self.budget, &u)
    }

    /// A form given as its JSON text in bytes — a `Buffer` or other `Uint8Array`, an HTTP body as received:
    /// its text (copied, after its size is charged and its UTF-8 checked), or None when `v` is not one.
    fn json_bytes(&mut self, v: Unknown<'_>) -> Read<Option<String>> {
        let o = self.js(Object::from_unknown(v), "an object")?;
        if !self.js(o.is_typedarray(), "an object")? {
            return Ok(None);
        }
        // Another kind of typed array is refused by `read`, as anywhere else.
        let Ok(bytes) = Uint8ArraySlice::from_unknown(v) else {
            return Ok(None);
        };
        Ok(Some(self.budget.json_bytes(&bytes)?.to_owned()))
    }

    /// Read `v` at nesting `depth` of the operation's input (the input is 1); a string (or a `Uint8Array`
    /// of UTF-8) is a form's JSON text when `form_text`.
    pub fn value<'s, S: Sink<'s>>(
        &mut self,
        v: Val<'_, 's>,
        s: &mut S,
        depth: usize,
        form_text: bool,
    ) -> Read<S::Node> {
        match v {
            Val::Packed(p) if form_text && p.peek().is_some_and(|t| t >= 0.0) => {
                let (n, b) = (p.count()?, &mut self.budget);
                Ok(s.string(Cow::Owned(charged_json(b, p.units(n)?)?)))
            }
            Val::Packed(p) => self.packed(p, s, depth),
            Val::Js(x) if form_text && x.get_type().is_ok_and(|t| t == ValueType::String) => {
                Ok(s.string(Cow::Owned(self.json_text(x)?)))
            }
            Val::Js(x) if form_text && x.get_type().is_ok_and(|t| t == ValueType::Object) => {
                match self.json_bytes(x)? {
                    Some(text) => Ok(s.string(Cow::Owned(text))),
                    None => self.read(s, x, depth),
                }
            }
            Val::Js(x) => self.read(s, x, depth),
        }
    }

    /// Read the JS value `v` at nesting `depth`, by N-API.
    pub fn read<'s, S: Sink<'s>>(
        &mut self,
        s: &mut S,
        v: Unknown<'_>,
        depth: usize,
    ) -> Read<S::Node> {
        match self.js(v.get_type(), "the value")? {
            ValueType::String => {
                let t = self.js(JsString::from_unknown(v), "a string")?;
                Ok(s.string(Cow::Owned(self.text(t, Budget::string)?)))
            }
            ValueType::Number => self.number(s, self.js(f64::from_unknown(v), "a number")?),
            ValueType::Boolean => {
                self.scalar(s, 5, |s| s.boolean(bool::from_unknown(v).unwrap_or(false)))
            }
            ValueType::Null => self.scalar(s, 4, |s| s.null()),
            ValueType::Object => self.object(s, v, depth),
            ValueType::Undefined => Err(wrong("undefined", "; leave an absent field out")),
            ValueType::Function => Err(wrong("a function", "")),
            ValueType::Symbol => Err(wrong("a symbol", "")),
            ValueType::BigInt => Err(wrong("a BigInt", "; pass a number")),
            other => Err(wrong(&format!("{other}"), "")),
        }
    }

    fn scalar<'s, S: Sink<'s>>(
        &mut self,
        s: &mut S,
        bytes: usize,
        f: impl FnOnce(&mut S) -> S::Node,
    ) -> Read<S::Node> {
        self.budget.value(bytes)?;
        Ok(f(s))
    }

    fn number<'s, S: Sink<'s>>(&mut self, s: &mut S, x: f64) -> Read<S::Node> {
        let (n, int) =
            number(x).ok_or_else(|| wrong("NaN or infinity", "; JSON numbers are finite"))?;
        self.scalar(s, if int { 20 } else { 24 }, |s| s.number(n))
    }

    fn object<'s, S: Sink<'s>>(
        &mut self,
        s: &mut S,
        v: Unknown<'_>,
        depth: usize,
    ) -> Read<S::Node> {
        let o = self.js(Object::from_unknown(v), "an object")?;
        if self.js(o.is_array(), "an object")? {
            let a = self.js(Array::from_unknown(v), "an array")?;
            let len = a.len() as usize;
            self.budget.array(depth, len)?;
            let mut arr = s.begin_arr(len);
            for i in 0..len {
                let x = self.element(&a, i as u32)?;
                let item = self
                    .read(s, x, depth + 1)
                    .map_err(|e| e.within(|f| f.within_index(i)))?;
                s.arr_item(&mut arr, item);
            }
            return Ok(s.end_arr(arr));
        }
        if self.js(o.is_date(), "an object")? {
            let mut f = wrong("Date", "");
            f.date = true;
            return Err(f);
        }
        if self.js(o.is_typedarray(), "an object")? {
            return Err(wrong("a typed array or Buffer", ""));
        }
        let (own, enumerable, strings) = (
            KeyCollectionMode::OwnOnly,
            KeyFilter::Enumerable,
            KeyConversion::NumbersToStrings,
        );
        let keys = self.js(
            o.get_all_property_names(own, enumerable, strings),
            "listing the keys",
        )?;
        let n = self.js(keys.get_array_length(), "listing the keys")?;
        // Symbol keys are not JSON's (napi-rs cannot ask for enumerable string keys at once).
        let mut names = Vec::with_capacity(n as usize);
        for i in 0..n {
            let k: Unknown = self.js(keys.get_element(i), "listing the keys")?;
            if self.js(k.get_type(), "listing the keys")? != ValueType::Symbol {
                names.push(self.js(JsString::from_unknown(k), "listing the keys")?);
            }
        }
        if names.is_empty() {
            // Binary data and promises have no keys of their own: refused rather than read as {}.
            let kinds = [
                (o.is_arraybuffer(), "an ArrayBuffer"),
                (o.is_dataview(), "a DataView"),
                (o.is_promise(), "a Promise"),
            ];
            for (is, what) in kinds {
                if self.js(is, "an object")? {
                    return Err(wrong(what, ""));
                }
            }
        }
        self.budget.object(depth, names.len())?;
        let mut obj = s.begin_obj(names.len());
        for k in names {
            let key = self.text(k, Budget::key)?;
            let text_key = depth == 1 && self.text_keys.contains(&key.as_str());
            s.obj_key(&mut obj, Cow::Owned(key));
            let value = self
                .js(
                    o.get_property_unchecked::<_, Unknown>(k),
                    "reading this property",
                )
                .and_then(|x| self.value(Val::Js(x), s, depth + 1, text_key))
                // The key was read once already; again for the path (on failure only).
                .map_err(|e| e.within(|f| f.within_key(&lossy(k))))?;
            s.obj_value(&mut obj, value);
        }
        Ok(s.end_obj(obj))
    }

    /// Read one value of `p` at nesting `depth`, as [`Reader::read`] reads the JS value it came from.
    fn packed<'s, S: Sink<'s>>(
        &mut self,
        p: &mut Packed<'s>,
        s: &mut S,
        depth: usize,
    ) -> Read<S::Node> {
        let t = p.tok()?;
        if t >= 0.0 {
            let u = p.units(t as usize)?;
            let text = charged(&mut self.budget, u.len(), Budget::string, || Ok(p.text(u)))?;
            return Ok(s.string(text));
        }
        match t as i64 {
            -1 => self.scalar(s, 4, |s| s.null()),
            -2 | -3 => self.scalar(s, 5, |s| s.boolean(t == -2.0)),
            -4 => self.number(s, p.tok()?),
            -5 => {
                let len = p.count()?;
                self.budget.array(depth, len)?;
                let mut arr = s.begin_arr(len);
                for i in 0..len {
                    let item = self
                        .packed(p, s, depth + 1)
                        .map_err(|e| e.within(|f| f.within_index(i)))?;
                    s.arr_item(&mut arr, item);
                }
                Ok(s.end_arr(arr))
            }
            -6 => {
                let len = p.count()?;
                self.budget.object(depth, len)?;
                let mut obj = s.begin_obj(len);
                for _ in 0..len {
                    let n = p.count()?;
                    let k = p.units(n)?;
                    let key = charged(&mut self.budget, n, Budget::key, || Ok(p.text(k)))?;
                    let text_key = depth == 1 && self.text_keys.contains(&key.as_ref());
                    s.obj_key(&mut obj, key);
                    let value = self
                        .value(Val::Packed(p), s, depth + 1, text_key)
                        .map_err(|e| e.within(|f| f.within_key(&String::from_utf16_lossy(k))))?;
                    s.obj_value(&mut obj, value);
                }
                Ok(s.end_obj(obj))
            }
            _ => Err(Packed::malformed()),
        }
    }
}

/// What the JS walker (`pack.js`) wrote: its tokens (the first is their count) and the UTF-16 text of all
/// its strings.
pub struct Packed<'t> {
    toks: &'t [f64],
    pos: usize,
    units: &'t [u16],
    at: usize,
    /// Where the strings' text goes (one allocation for a form's strings, not one each).
    arena: &'t Arena,
}

impl<'t> Packed<'t> {
    /// The tape `toks` of the strings `units`; their text is written into `arena`, which the value read
    /// borrows from.
    pub fn new(toks: &'t [f64], units: &'t [u16], arena: &'t Arena) -> Packed<'t> {
        let n = toks.first().map_or(0, |n| *n as usize);
        Packed {
            toks: toks.get(1..n.saturating_add(1)).unwrap_or(&[]),
            pos: 0,
            units,
            at: 0,
            arena,
        }
    }

    /// The text of a string's units, in the arena; `None` if one of them is a lone surrogate.
    fn text(&mut self, u: &[u16]) -> Option<Cow<'t, str>> {
        let arena: &'t Arena = self.arena;
        // Three bytes a unit, written in place (`with_val` makes the arena that large); what a string does not
        // use stays unused until the call ends.
        let room = arena.alloc_slice_fill_copy(u.len().saturating_mul(3), MaybeUninit::uninit());
        utf16_into(u, room).map(|t| Cow::Borrowed(&*t))
    }

    fn malformed() -> Box<Failure> {
        FailKind::Unreadable("the JS walker's tokens".into()).into()
    }

    fn tok(&mut self) -> Read<f64> {
        let t = *self.toks.get(self.pos).ok_or_else(Packed::malformed)?;
        self.pos += 1;
        Ok(t)
    }

    fn count(&mut self) -> Read<usize> {
        let t = self.tok()?;
        (t >= 0.0 && t.fract() == 0.0)
            .then_some(t as usize)
            .ok_or_else(Packed::malformed)
    }

    fn units(&mut self, n: usize) -> Read<&'t [u16]> {
        let u = self
            .units
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(Packed::malformed)?;
        self.at += n;
        Ok(u)
    }

    /// The next token (a string's is its length, `null` is -1).
    pub fn peek(&self) -> Option<f64> {
        self.toks.get(self.pos).copied()
    }

    /// The length of the array that comes next.
    pub fn array(&mut self) -> Read<usize> {
        match self.tok()? {
            -5.0 => self.count(),
            _ => Err(Packed::malformed()),
        }
    }

    /// Skip the next value.
    pub fn skip(&mut self) -> Read<()> {
        match self.tok()? {
            t if t >= 0.0 => self.units(t as usize).map(drop),
            -4.0 => self.tok().map(drop),
            -5.0 => (0..self.count()?).try_for_each(|_| self.skip()),
            -6.0 => (0..self.count()?).try_for_each(|_| {
                let n = self.count()?;
                self.units(n)?;
                self.skip()
            }),
            _ => Ok(()),
        }
    }
}

/// JSON text as JS values, by V8's `JSON.parse`.
pub fn parse<'e>(env: &'e Env, text: String) -> napi::Result<Unknown<'e>> {
    let json: Object = env.get_global()?.get_named_property("JSON")?;
    let parse: Function<String, Unknown> = json.get_named_property("parse")?;
    parse.call(text)
}

/// An operation's result for the package's JS: a scalar (`scalar`: what the operation returns is one) as a JS
/// value, anything else as its JSON text, which `index.js` gives to `JSON.parse` (one pass in V8 instead of a
/// call per property). Parsed there, not here: looking `JSON.parse` up and calling it through N-API cost a
/// call about 1.0–1.4 µs more (benches/RESULTS.md, thirtieth session).
pub fn output<'e>(env: &'e Env, out: &Output, scalar: bool) -> napi::Result<Unknown<'e>> {
    if !scalar {
        return out.to_json().into_unknown(env);
    }
    match out.to_value() {
        Value::Bool(b) => b.into_unknown(env),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN).into_unknown(env),
        Value::String(s) => s.into_unknown(env),
        _ => Null.into_unknown(env),
    }
}
