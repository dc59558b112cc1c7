//! Python objects ⇄ `serde_json::Value`, by hand (no serde in between), with the core's limits.
//!
//! Python → JSON accepts exactly what a JSON document can say:
//!
//! | Python | JSON |
//! |---|---|
//! | `dict` (and any `collections.abc.Mapping`) with `str` keys | object |
//! | `list`, `tuple` | array |
//! | `str` (and subclasses, e.g. `StrEnum` members) | string |
//! | `bool` | `true` / `false` |
//! | `int` within 64 bits (and subclasses, e.g. `IntEnum`) | integer |
//! | `float`, finite | number |
//! | `None` | `null` |
//! | `datetime.date` | `"YYYY-MM-DD"` string |
//!
//! Everything else — `bytes`, sets, `datetime.datetime` (its time and timezone would be dropped silently;
//! pass `dt.date()`), arbitrary objects — is a `TypeError` naming the JSON Pointer of the value. The
//! walker never calls `str()`/`repr()` on a value (a hostile `__str__` cannot run, nothing is echoed).
//!
//! Values a JSON text could carry but tuiyi refuses become `tuiyi_core::Error`s of kind `bad_input`,
//! exactly as the CLI reports them: an integer beyond 64 bits or a NaN/infinity is `wrong_type`; more
//! than `MAX_JSON_BYTES` of (estimated) JSON text is `input_too_large`. Nesting is cut at
//! `MAX_DEPTH`: a container deeper than that is replaced by an empty list, which the core's own limit
//! check (run on every input by `api::run`) reports as `input_too_deep` with the same path it would
//! give for the JSON text, after any breach that comes earlier in the document. That also ends
//! self-referencing containers, and the byte budget ends wide ones.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateAccess, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString,
    PyTuple, PyType,
};
use serde_json::{Map, Number, Value};
use tuiyi_core::error::escape_pointer_token;
use tuiyi_core::input::{input_error, path_key, MAX_DEPTH, MAX_JSON_BYTES};

/// Why a conversion failed, with the path collected on the way back up (innermost segment first).
pub struct Fail {
    kind: FailKind,
    rev_path: Vec<String>,
}

enum FailKind {
    /// A Python type JSON cannot carry (→ `TypeError`).
    Type(String),
    /// A dict key that is not a `str` (→ `TypeError`).
    KeyType(String),
    /// A value JSON can carry but tuiyi refuses (→ `BadInputError`), from the core's code table.
    Bad(&'static str, Vec<(&'static str, String)>),
    /// A Python exception raised while reading the object (e.g. by a `Mapping.items()`).
    Py(PyErr),
}

impl Fail {
    fn new(kind: FailKind) -> Self {
        Fail {
            kind,
            rev_path: Vec::new(),
        }
    }
    fn within(mut self, segment: String) -> Self {
        self.rev_path.push(segment);
        self
    }
    fn path(&self, prefix: &str) -> String {
        let mut p = String::from(prefix);
        for s in self.rev_path.iter().rev() {
            p.push('/');
            p.push_str(s);
        }
        p
    }

    /// The Python exception for this failure; `prefix` is the JSON Pointer of the converted value.
    pub fn into_pyerr(self, py: Python<'_>, prefix: &str) -> PyErr {
        let path = self.path(prefix);
        let shown = if path.is_empty() { "/" } else { &path };
        match self.kind {
            FailKind::Type(t) => PyTypeError::new_err(format!(
                "tuiyi: the value at {shown} is of type {t}, which JSON cannot carry; expected dict, \
                 list, tuple, str, int, float, bool, None or datetime.date{}",
                if t == "datetime.datetime" {
                    " (pass dt.date(): a datetime's time and timezone would be dropped silently)"
                } else {
                    ""
                }
            )),
            FailKind::KeyType(t) => PyTypeError::new_err(format!(
                "tuiyi: a key of the dict at {shown} is of type {t}; JSON object keys must be str"
            )),
            FailKind::Bad(code, args) => {
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                crate::errors::to_pyerr(py, &input_error(code, &path, &args))
            }
            FailKind::Py(e) => e,
        }
    }
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Self {
        Fail::new(FailKind::Py(e))
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    let ty = obj.get_type();
    let name = ty
        .fully_qualified_name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    tuiyi_core::mask::truncate_for_message(&name)
}

static MAPPING_ABC: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn is_mapping(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let abc = MAPPING_ABC.import(obj.py(), "collections.abc", "Mapping")?;
    obj.is_instance(abc.as_any())
}

/// Format a `datetime.date` as `YYYY-MM-DD` (years below 1000 come out as `0999-…`, which the core
/// refuses as a malformed date, exactly as it refuses that string).
pub fn date_to_string(d: &Bound<'_, PyDate>) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        d.get_year(),
        d.get_month(),
        d.get_day()
    )
}

// `PyUnicode_AsUTF8AndSize` joined the stable ABI in Python 3.10 (it exists, unchanged, since 3.3).
// The module is built for abi3 ≥ 3.9, where pyo3 must copy every string through a temporary `bytes`
// object; on 3.10 and later we read the string's own cached UTF-8 instead, without a copy — the
// difference is most of the conversion time of a form. Enabled at import time by the version check.
extern "C" {
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut pyo3::ffi::PyObject,
        size: *mut pyo3::ffi::Py_ssize_t,
    ) -> *const std::os::raw::c_char;
}

static UTF8_IN_PLACE: AtomicBool = AtomicBool::new(false);

/// Called once at import: may strings be read in place (Python ≥ 3.10)?
pub fn init(py: Python<'_>) {
    UTF8_IN_PLACE.store(py.version_info() >= (3, 10), Ordering::Relaxed);
}

fn surrogate() -> Fail {
    Fail::new(FailKind::Bad(
        "invalid_value",
        vec![(
            "detail",
            "字符串含无法编码的代理字符 / string contains a lone surrogate, not valid Unicode"
                .to_string(),
        )],
    ))
}

/// Python string → Rust string; a lone surrogate (not encodable as UTF-8) is a `bad_input` error.
pub fn py_str<'a>(s: &'a Bound<'_, PyString>) -> Result<Cow<'a, str>, Fail> {
    if UTF8_IN_PLACE.load(Ordering::Relaxed) {
        let mut size: pyo3::ffi::Py_ssize_t = 0;
        // SAFETY: `s` is a live `str` (checked by the cast), we hold the GIL, and the function is part
        // of the stable ABI on the running interpreter (≥ 3.10, checked in `init`). The buffer it
        // returns is owned by `s` and lives as long as `s`, which the returned borrow cannot outlive.
        let data = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
        if data.is_null() {
            let _ = PyErr::take(s.py());
            return Err(surrogate());
        }
        let len = usize::try_from(size).unwrap_or(0);
        // SAFETY: CPython guarantees `len` bytes of valid UTF-8 at `data`.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) };
        return Ok(Cow::Borrowed(unsafe {
            std::str::from_utf8_unchecked(bytes)
        }));
    }
    s.to_cow().map_err(|_| surrogate())
}

/// Converts one Python object graph into JSON, within the core's limits.
pub struct ToJson {
    /// Bytes of JSON text still allowed (a lower estimate of the text this value would need).
    budget: usize,
}

impl Default for ToJson {
    fn default() -> Self {
        Self::new()
    }
}

impl ToJson {
    pub fn new() -> Self {
        ToJson {
            budget: MAX_JSON_BYTES,
        }
    }

    fn spend(&mut self, n: usize) -> Result<(), Fail> {
        match self.budget.checked_sub(n) {
            Some(b) => {
                self.budget = b;
                Ok(())
            }
            None => Err(Fail::new(FailKind::Bad(
                "input_too_large",
                vec![
                    ("size", format!(">{MAX_JSON_BYTES}")),
                    ("limit", MAX_JSON_BYTES.to_string()),
                ],
            ))),
        }
    }

    /// Convert `obj`, which sits at nesting `depth` of the operation's input (the input itself is 1).
    pub fn convert(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, Fail> {
        if let Ok(s) = obj.cast::<PyString>() {
            let s = py_str(s)?;
            self.spend(s.len() + 2)?;
            return Ok(Value::String(s.into_owned()));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            if depth > MAX_DEPTH {
                return Ok(Value::Array(Vec::new()));
            }
            self.spend(2)?;
            let mut map = Map::new();
            for (k, v) in d.iter() {
                let key = match k.cast::<PyString>() {
                    Ok(k) => py_str(k)?.into_owned(),
                    Err(_) => return Err(Fail::new(FailKind::KeyType(type_name(&k)))),
                };
                self.spend(key.len() + 4)?;
                let value = match self.convert(&v, depth + 1) {
                    Ok(v) => v,
                    Err(e) => return Err(e.within(escape_pointer_token(&path_key(&key)))),
                };
                map.insert(key, value);
            }
            return Ok(Value::Object(map));
        }
        if obj.is_none() {
            self.spend(4)?;
            return Ok(Value::Null);
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            self.spend(4)?;
            return Ok(Value::Bool(b.is_true()));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            self.spend(1)?;
            if let Ok(v) = i.extract::<i64>() {
                return Ok(Value::Number(v.into()));
            }
            if let Ok(v) = i.extract::<u64>() {
                return Ok(Value::Number(v.into()));
            }
            return Err(Fail::new(FailKind::Bad(
                "wrong_type",
                vec![
                    ("expected", "an integer within 64 bits".to_string()),
                    ("expected_zh", "64 位以内的整数".to_string()),
                    ("got", "integer beyond 64 bits".to_string()),
                ],
            )));
        }
        if let Ok(l) = obj.cast::<PyList>() {
            if depth > MAX_DEPTH {
                return Ok(Value::Array(Vec::new()));
            }
            self.spend(2)?;
            let mut out = Vec::with_capacity(l.len());
            for (i, item) in l.iter().enumerate() {
                self.spend(1)?;
                out.push(
                    self.convert(&item, depth + 1)
                        .map_err(|e| e.within(i.to_string()))?,
                );
            }
            return Ok(Value::Array(out));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            self.spend(1)?;
            let v = f.value();
            return match Number::from_f64(v) {
                Some(n) => Ok(Value::Number(n)),
                None => Err(Fail::new(FailKind::Bad(
                    "wrong_type",
                    vec![
                        ("expected", "a finite number".to_string()),
                        ("expected_zh", "有限数字".to_string()),
                        ("got", format!("{v}")),
                    ],
                ))),
            };
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            if depth > MAX_DEPTH {
                return Ok(Value::Array(Vec::new()));
            }
            self.spend(2)?;
            let mut out = Vec::with_capacity(t.len());
            for (i, item) in t.iter().enumerate() {
                self.spend(1)?;
                out.push(
                    self.convert(&item, depth + 1)
                        .map_err(|e| e.within(i.to_string()))?,
                );
            }
            return Ok(Value::Array(out));
        }
        if obj.cast::<PyDateTime>().is_ok() {
            return Err(Fail::new(FailKind::Type("datetime.datetime".to_string())));
        }
        if let Ok(d) = obj.cast::<PyDate>() {
            self.spend(12)?;
            return Ok(Value::String(date_to_string(d)));
        }
        if is_mapping(obj)? {
            if depth > MAX_DEPTH {
                return Ok(Value::Array(Vec::new()));
            }
            self.spend(2)?;
            let m = obj.cast::<PyMapping>().map_err(PyErr::from)?;
            let items = m.items()?;
            let mut map = Map::new();
            for kv in items.iter() {
                let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = kv.extract()?;
                let key = match k.cast::<PyString>() {
                    Ok(k) => py_str(k)?.into_owned(),
                    Err(_) => return Err(Fail::new(FailKind::KeyType(type_name(&k)))),
                };
                self.spend(key.len() + 4)?;
                let value = match self.convert(&v, depth + 1) {
                    Ok(v) => v,
                    Err(e) => return Err(e.within(escape_pointer_token(&path_key(&key)))),
                };
                map.insert(key, value);
            }
            return Ok(Value::Object(map));
        }
        Err(Fail::new(FailKind::Type(type_name(obj))))
    }
}

/// Convert `obj` found at JSON Pointer `prefix` and nesting `depth` of an operation's input.
pub fn to_json(obj: &Bound<'_, PyAny>, prefix: &str, depth: usize) -> PyResult<Value> {
    ToJson::new()
        .convert(obj, depth)
        .map_err(|f| f.into_pyerr(obj.py(), prefix))
}

/// JSON → Python: dicts, lists, str, int, float, bool, None.
pub fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let dict = PyDict::new(py);
            for (k, item) in o {
                dict.set_item(PyString::new(py, k), to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}
