//! JS value ⇄ `serde_json::Value`, with the same limits as the core's JSON input
//! (`tuiyi_core::input::{MAX_DEPTH, MAX_JSON_BYTES}`), written against raw N-API calls so that every
//! failure is an error, never a crash:
//!
//! - nesting deeper than `MAX_DEPTH` (a cyclic object included) → `input_too_deep`;
//! - more than `MAX_JSON_BYTES` of (estimated) JSON text → `input_too_large` (a wide object shared many
//!   times cannot blow up exponentially);
//! - `undefined`, functions, symbols, BigInt, `NaN`/`±Infinity`, `Date`, typed arrays, `ArrayBuffer`,
//!   `DataView`, promises and externals → `wrong_type` (thrown as a `TypeError`) with the JSON Pointer of
//!   the value;
//! - a getter (or a Proxy trap) that throws → `invalid_input` at the property's path, with the original
//!   exception as `cause`.
//!
//! Objects are read by their own enumerable string keys (as `JSON.stringify` does); arrays by index.

use std::ptr;

use napi::sys;
use serde_json::{Map, Number, Value};
use tuiyi_core::error::escape_pointer_token;
use tuiyi_core::input::{MAX_DEPTH, MAX_JSON_BYTES};
use tuiyi_core::Error;

/// Why a conversion failed: a coded tuiyi error, optionally caused by a JS exception (kept as `cause`).
pub struct Fail {
    pub error: Error,
    pub cause: Option<sys::napi_value>,
}

impl From<Error> for Fail {
    fn from(error: Error) -> Self {
        Fail { error, cause: None }
    }
}

fn catalogue_error(code: &str, path: &str, args: &[(&str, &str)]) -> Error {
    match tuiyi_core::codes::lookup(code) {
        Some(info) => {
            let mut all: Vec<(&str, &str)> = vec![("path", path)];
            all.extend_from_slice(args);
            let (zh, en) = tuiyi_core::codes::messages(&info, &all);
            Error::bad_input(info.code, path, zh, en)
        }
        None => Error::internal(format!("code {code} missing from the catalogue")),
    }
}

/// A `wrong_type` error (thrown as `TypeError`).
pub fn wrong_type(path: &str, expected_en: &str, expected_zh: &str, got: &str) -> Error {
    catalogue_error(
        "wrong_type",
        path,
        &[
            ("expected", expected_en),
            ("expected_zh", expected_zh),
            ("got", got),
        ],
    )
}

/// The `wrong_type` error for a JS `Date` where a `'YYYY-MM-DD'` string belongs.
pub fn date_object(path: &str) -> Error {
    wrong_type(
        path,
        "a date string 'YYYY-MM-DD' (a JS Date is not accepted: its calendar day depends on the time zone)",
        "日期字符串 'YYYY-MM-DD'（不接受 JS Date：其日期取决于时区）",
        "Date",
    )
}

fn too_deep(path: &str) -> Error {
    let mut e = catalogue_error("input_too_deep", path, &[("limit", &MAX_DEPTH.to_string())]);
    e.path = path.to_string();
    e
}

fn too_large(size: usize) -> Error {
    catalogue_error(
        "input_too_large",
        "",
        &[
            ("size", &format!("> {size}")),
            ("limit", &MAX_JSON_BYTES.to_string()),
        ],
    )
}

/// Take the pending JS exception (if any) and turn it into an `invalid_input` failure at `path`.
pub unsafe fn pending(env: sys::napi_env, path: &str, what: &str) -> Fail {
    let mut exc = ptr::null_mut();
    let mut is_pending = false;
    let cause = if sys::napi_is_exception_pending(env, &mut is_pending) == sys::Status::napi_ok
        && is_pending
        && sys::napi_get_and_clear_last_exception(env, &mut exc) == sys::Status::napi_ok
        && !exc.is_null()
    {
        Some(exc)
    } else {
        None
    };
    Fail {
        error: catalogue_error("invalid_input", path, &[("detail", what)]),
        cause,
    }
}

fn ok(status: sys::napi_status) -> bool {
    status == sys::Status::napi_ok
}

/// Read a JS string (UTF-8; lone surrogates become U+FFFD).
pub unsafe fn read_string(env: sys::napi_env, v: sys::napi_value) -> Option<String> {
    let mut buf = Vec::new();
    read_string_into(env, v, &mut buf)?;
    // V8 writes valid UTF-8; checked anyway, with SIMD (std's check was 8 % of `validate(text)`).
    simdutf8::basic::from_utf8(&buf).ok()?;
    // SAFETY: `buf` was just checked to be valid UTF-8.
    Some(String::from_utf8_unchecked(buf))
}

/// A JS string's length in UTF-16 code units (free to ask: no conversion, no copy).
unsafe fn utf16_len(env: sys::napi_env, v: sys::napi_value) -> Option<usize> {
    let mut units = 0usize;
    ok(sys::napi_get_value_string_utf16(
        env,
        v,
        ptr::null_mut(),
        0,
        &mut units,
    ))
    .then_some(units)
}

/// Read a JS string's UTF-16 code units into `buf` (cleared first): a copy, no conversion.
pub unsafe fn read_utf16_into(
    env: sys::napi_env,
    v: sys::napi_value,
    buf: &mut Vec<u16>,
) -> Option<()> {
    let units = utf16_len(env, v)?;
    let cap = units.checked_add(1)?;
    buf.clear();
    buf.reserve(cap);
    let mut written = 0usize;
    if !ok(sys::napi_get_value_string_utf16(
        env,
        v,
        buf.as_mut_ptr(),
        cap,
        &mut written,
    )) {
        return None;
    }
    // SAFETY: N-API wrote `written` (< cap) initialised code units into the reserved capacity.
    buf.set_len(written.min(cap));
    Some(())
}

/// Read a JS string into `buf` (cleared first) with a single UTF-8 conversion: the UTF-16 length (free to
/// ask) bounds the UTF-8 length by 3 bytes per code unit.
unsafe fn read_string_into(
    env: sys::napi_env,
    v: sys::napi_value,
    buf: &mut Vec<u8>,
) -> Option<()> {
    let units = utf16_len(env, v)?;
    let cap = units.checked_mul(3)?.checked_add(1)?;
    buf.clear();
    buf.reserve(cap);
    let mut written = 0usize;
    if !ok(sys::napi_get_value_string_utf8(
        env,
        v,
        buf.as_mut_ptr().cast(),
        cap,
        &mut written,
    )) {
        return None;
    }
    // SAFETY: N-API wrote `written` (< cap) initialised bytes of UTF-8 into the reserved capacity.
    buf.set_len(written.min(cap));
    Some(())
}

/// Push `/token` onto a JSON Pointer, escaping `~` and `/` only when present.
fn push_token(path: &mut String, key: &str) {
    path.push('/');
    if key.contains(['~', '/']) {
        path.push_str(&escape_pointer_token(key));
    } else {
        path.push_str(key);
    }
}

/// The JS type of a value, by `typeof`.
pub unsafe fn type_of(env: sys::napi_env, v: sys::napi_value) -> sys::napi_valuetype {
    let mut t = 0;
    if !ok(sys::napi_typeof(env, v, &mut t)) {
        return sys::ValueType::napi_undefined;
    }
    t
}

pub unsafe fn is_date(env: sys::napi_env, v: sys::napi_value) -> bool {
    let mut b = false;
    ok(sys::napi_is_date(env, v, &mut b)) && b
}

/// A number as JSON, as serde_json reads the text `JSON.stringify` writes for it: integral values in the
/// 64-bit range as integers (so `u32` fields accept `3`), others as floats; never `NaN`/`±Infinity`.
pub fn number(x: f64) -> Option<Number> {
    if !x.is_finite() {
        return None;
    }
    if x.fract() == 0.0 {
        if (0.0..18_446_744_073_709_551_616.0).contains(&x) {
            return Some(Number::from(x as u64));
        }
        if (-9_223_372_036_854_775_808.0..0.0).contains(&x) {
            return Some(Number::from(x as i64));
        }
    }
    Number::from_f64(x)
}

struct Reader {
    env: sys::napi_env,
    /// Scratch buffer for strings.
    scratch: Vec<u8>,
    /// Estimated size of the equivalent JSON text so far.
    bytes: usize,
}

impl Reader {
    fn charge(&mut self, n: usize) -> Result<(), Fail> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > MAX_JSON_BYTES {
            return Err(too_large(MAX_JSON_BYTES).into());
        }
        Ok(())
    }

    unsafe fn string(&mut self, v: sys::napi_value) -> Option<String> {
        read_string_into(self.env, v, &mut self.scratch)?;
        simdutf8::basic::from_utf8(&self.scratch)
            .ok()
            .map(str::to_owned)
    }

    unsafe fn read(
        &mut self,
        v: sys::napi_value,
        path: &mut String,
        depth: usize,
    ) -> Result<Value, Fail> {
        let env = self.env;
        let t = type_of(env, v);
        match t {
            sys::ValueType::napi_null => {
                self.charge(4)?;
                Ok(Value::Null)
            }
            sys::ValueType::napi_boolean => {
                let mut b = false;
                if !ok(sys::napi_get_value_bool(env, v, &mut b)) {
                    return Err(pending(env, path, "unreadable boolean"));
                }
                self.charge(5)?;
                Ok(Value::Bool(b))
            }
            sys::ValueType::napi_number => {
                let mut x = 0f64;
                if !ok(sys::napi_get_value_double(env, v, &mut x)) {
                    return Err(pending(env, path, "unreadable number"));
                }
                self.charge(8)?;
                match number(x) {
                    Some(n) => Ok(Value::Number(n)),
                    None => {
                        Err(wrong_type(path, "a finite number", "有限数字", &x.to_string()).into())
                    }
                }
            }
            sys::ValueType::napi_string => match self.string(v) {
                Some(s) => {
                    self.charge(s.len() + 2)?;
                    Ok(Value::String(s))
                }
                None => Err(pending(env, path, "unreadable string")),
            },
            sys::ValueType::napi_object => self.read_object(v, path, depth),
            other => {
                let got = match other {
                    sys::ValueType::napi_undefined => "undefined",
                    sys::ValueType::napi_function => "function",
                    sys::ValueType::napi_symbol => "symbol",
                    sys::ValueType::napi_bigint => "bigint",
                    sys::ValueType::napi_external => "external",
                    _ => "unknown",
                };
                Err(wrong_type(
                    path,
                    "a JSON value (string, number, boolean, null, array or object; omit absent fields)",
                    "JSON 值（字符串、数字、布尔、null、数组或对象；缺省字段请省略）",
                    got,
                )
                .into())
            }
        }
    }

    unsafe fn read_object(
        &mut self,
        v: sys::napi_value,
        path: &mut String,
        depth: usize,
    ) -> Result<Value, Fail> {
        let env = self.env;
        if depth >= MAX_DEPTH + 2 {
            return Err(too_deep(path).into());
        }
        if is_date(env, v) {
            return Err(date_object(path).into());
        }
        let mut flags = [false; 4];
        let _ = sys::napi_is_typedarray(env, v, &mut flags[0]);
        let _ = sys::napi_is_arraybuffer(env, v, &mut flags[1]);
        let _ = sys::napi_is_dataview(env, v, &mut flags[2]);
        let _ = sys::napi_is_promise(env, v, &mut flags[3]);
        let names = ["typed array", "ArrayBuffer", "DataView", "Promise"];
        if let Some(i) = flags.iter().position(|f| *f) {
            return Err(wrong_type(
                path,
                "a JSON value (string, number, boolean, null, array or object)",
                "JSON 值（字符串、数字、布尔、null、数组或对象）",
                names.get(i).copied().unwrap_or("object"),
            )
            .into());
        }
        let mut is_array = false;
        if !ok(sys::napi_is_array(env, v, &mut is_array)) {
            return Err(pending(env, path, "unreadable value"));
        }
        let base = path.len();
        if is_array {
            let mut len = 0u32;
            if !ok(sys::napi_get_array_length(env, v, &mut len)) {
                return Err(pending(env, path, "unreadable array"));
            }
            self.charge(2 + len as usize)?;
            let mut out = Vec::with_capacity((len as usize).min(4096));
            for i in 0..len {
                path.push('/');
                path.push_str(&i.to_string());
                let mut el = ptr::null_mut();
                if !ok(sys::napi_get_element(env, v, i, &mut el)) {
                    return Err(pending(
                        env,
                        path,
                        "reading this element threw an exception",
                    ));
                }
                out.push(self.read(el, path, depth + 1)?);
                path.truncate(base);
            }
            return Ok(Value::Array(out));
        }
        let mut keys = ptr::null_mut();
        if !ok(sys::napi_get_all_property_names(
            env,
            v,
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
            sys::KeyConversion::numbers_to_strings,
            &mut keys,
        )) {
            return Err(pending(env, path, "listing the keys threw an exception"));
        }
        let mut len = 0u32;
        if !ok(sys::napi_get_array_length(env, keys, &mut len)) {
            return Err(pending(env, path, "listing the keys threw an exception"));
        }
        self.charge(2)?;
        let mut map = Map::new();
        for i in 0..len {
            let mut k = ptr::null_mut();
            if !ok(sys::napi_get_element(env, keys, i, &mut k)) {
                return Err(pending(env, path, "listing the keys threw an exception"));
            }
            let Some(key) = self.string(k) else {
                return Err(pending(env, path, "unreadable key"));
            };
            self.charge(key.len() + 4)?;
            push_token(path, &key);
            let mut val = ptr::null_mut();
            if !ok(sys::napi_get_property(env, v, k, &mut val)) {
                return Err(pending(
                    env,
                    path,
                    "reading this property threw an exception",
                ));
            }
            let value = self.read(val, path, depth + 1)?;
            path.truncate(base);
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// Convert a JS value into JSON. `path` is the JSON Pointer the value sits at in the operation's input
/// (e.g. `/form`), used in error paths.
pub unsafe fn js_to_value(
    env: sys::napi_env,
    v: sys::napi_value,
    path: &str,
) -> Result<Value, Fail> {
    let mut p = path.to_string();
    let mut r = Reader {
        env,
        scratch: Vec::new(),
        bytes: 0,
    };
    r.read(v, &mut p, 0)
}

fn check(status: sys::napi_status, what: &str) -> napi::Result<()> {
    if ok(status) {
        Ok(())
    } else {
        Err(napi::Error::new(
            napi::Status::from(status),
            format!("tuiyi: could not create {what}"),
        ))
    }
}

pub unsafe fn create_string(env: sys::napi_env, s: &str) -> napi::Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    check(
        sys::napi_create_string_utf8(env, s.as_ptr().cast(), s.len() as isize, &mut out),
        "a string",
    )?;
    Ok(out)
}

/// Convert JSON into a JS value.
pub unsafe fn value_to_js(env: sys::napi_env, v: &Value) -> napi::Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    match v {
        Value::Null => check(sys::napi_get_null(env, &mut out), "null")?,
        Value::Bool(b) => check(sys::napi_get_boolean(env, *b, &mut out), "a boolean")?,
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                if let Ok(i) = i32::try_from(i) {
                    check(sys::napi_create_int32(env, i, &mut out), "a number")?
                } else {
                    check(sys::napi_create_double(env, i as f64, &mut out), "a number")?
                }
            } else {
                let x = n.as_f64().unwrap_or(f64::NAN);
                check(sys::napi_create_double(env, x, &mut out), "a number")?
            }
        }
        Value::String(s) => out = create_string(env, s)?,
        Value::Array(a) => {
            check(
                sys::napi_create_array_with_length(env, a.len(), &mut out),
                "an array",
            )?;
            for (i, x) in a.iter().enumerate() {
                let el = value_to_js(env, x)?;
                check(sys::napi_set_element(env, out, i as u32, el), "an array")?;
            }
        }
        Value::Object(m) => {
            check(sys::napi_create_object(env, &mut out), "an object")?;
            for (k, x) in m {
                let key = create_string(env, k)?;
                let el = value_to_js(env, x)?;
                check(sys::napi_set_property(env, out, key, el), "an object")?;
            }
        }
    }
    Ok(out)
}
