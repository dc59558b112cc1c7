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
use tuiyi_core::json::{Doc, Obj};
pub use tuiyi_core::tape::{Open, Tape};

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

/// Where the walker writes what it reads: a `serde_json::Value` tree ([`ValueSink`]), or a flat
/// [`Tape`] that another thread turns into a `Value` (so that the tree is allocated, and freed, there).
pub trait Sink {
    type Node;
    type Arr;
    type Obj;
    fn null(&mut self) -> Self::Node;
    fn boolean(&mut self, b: bool) -> Self::Node;
    fn number(&mut self, n: Number) -> Self::Node;
    fn string(&mut self, s: Cow<'_, str>) -> Self::Node;
    fn begin_arr(&mut self, len: usize) -> Self::Arr;
    fn arr_item(&mut self, a: &mut Self::Arr, v: Self::Node);
    fn end_arr(&mut self, a: Self::Arr) -> Self::Node;
    fn begin_obj(&mut self, len: usize) -> Self::Obj;
    /// The key of the entry whose value comes next.
    fn obj_key(&mut self, o: &mut Self::Obj, k: Cow<'_, str>);
    fn obj_value(&mut self, o: &mut Self::Obj, v: Self::Node);
    fn end_obj(&mut self, o: Self::Obj) -> Self::Node;
}

/// Builds the `Value` tree directly.
pub struct ValueSink;

impl Sink for ValueSink {
    type Node = Value;
    type Arr = Vec<Value>;
    type Obj = (Map<String, Value>, String);
    fn null(&mut self) -> Value {
        Value::Null
    }
    fn boolean(&mut self, b: bool) -> Value {
        Value::Bool(b)
    }
    fn number(&mut self, n: Number) -> Value {
        Value::Number(n)
    }
    fn string(&mut self, s: Cow<'_, str>) -> Value {
        Value::String(s.into_owned())
    }
    fn begin_arr(&mut self, len: usize) -> Vec<Value> {
        Vec::with_capacity(len)
    }
    fn arr_item(&mut self, a: &mut Vec<Value>, v: Value) {
        a.push(v);
    }
    fn end_arr(&mut self, a: Vec<Value>) -> Value {
        Value::Array(a)
    }
    fn begin_obj(&mut self, _len: usize) -> Self::Obj {
        (Map::new(), String::new())
    }
    fn obj_key(&mut self, o: &mut Self::Obj, k: Cow<'_, str>) {
        o.1 = k.into_owned();
    }
    fn obj_value(&mut self, o: &mut Self::Obj, v: Value) {
        o.0.insert(std::mem::take(&mut o.1), v);
    }
    fn end_obj(&mut self, o: Self::Obj) -> Value {
        Value::Object(o.0)
    }
}

/// Builds the core's [`Doc`] directly (objects as vectors, no B-tree), for `validate`.
pub struct DocSink;

impl Sink for DocSink {
    type Node = Doc<'static>;
    type Arr = Vec<Doc<'static>>;
    type Obj = (Vec<(Cow<'static, str>, Doc<'static>)>, String);
    fn null(&mut self) -> Self::Node {
        Doc::Null
    }
    fn boolean(&mut self, b: bool) -> Self::Node {
        Doc::Bool(b)
    }
    fn number(&mut self, n: Number) -> Self::Node {
        Doc::Number(n)
    }
    fn string(&mut self, s: Cow<'_, str>) -> Self::Node {
        Doc::String(Cow::Owned(s.into_owned()))
    }
    fn begin_arr(&mut self, len: usize) -> Self::Arr {
        Vec::with_capacity(len)
    }
    fn arr_item(&mut self, a: &mut Self::Arr, v: Self::Node) {
        a.push(v);
    }
    fn end_arr(&mut self, a: Self::Arr) -> Self::Node {
        Doc::Array(a)
    }
    fn begin_obj(&mut self, len: usize) -> Self::Obj {
        (Vec::with_capacity(len), String::new())
    }
    fn obj_key(&mut self, o: &mut Self::Obj, k: Cow<'_, str>) {
        o.1 = k.into_owned();
    }
    fn obj_value(&mut self, o: &mut Self::Obj, v: Self::Node) {
        o.0.push((Cow::Owned(std::mem::take(&mut o.1)), v));
    }
    fn end_obj(&mut self, o: Self::Obj) -> Self::Node {
        Doc::Object(Obj::from_entries(o.0))
    }
}

/// A [`Tape`] is written in document order: the walker's values are already on it when a container ends.
impl Sink for Tape {
    type Node = ();
    /// The open container, and its item count so far.
    type Arr = (Open, usize);
    type Obj = (Open, usize);
    fn null(&mut self) {
        Tape::null(self);
    }
    fn boolean(&mut self, b: bool) {
        Tape::boolean(self, b);
    }
    fn number(&mut self, n: Number) {
        Tape::number(self, n);
    }
    fn string(&mut self, s: Cow<'_, str>) {
        Tape::string(self, &s);
    }
    fn begin_arr(&mut self, _len: usize) -> (Open, usize) {
        (self.begin_array(), 0)
    }
    fn arr_item(&mut self, a: &mut (Open, usize), _v: ()) {
        a.1 += 1;
    }
    fn end_arr(&mut self, a: (Open, usize)) {
        self.end(a.0, a.1);
    }
    fn begin_obj(&mut self, _len: usize) -> (Open, usize) {
        (self.begin_object(), 0)
    }
    fn obj_key(&mut self, _o: &mut (Open, usize), k: Cow<'_, str>) {
        Tape::string(self, &k);
    }
    fn obj_value(&mut self, o: &mut (Open, usize), _v: ()) {
        o.1 += 1;
    }
    fn end_obj(&mut self, o: (Open, usize)) {
        self.end(o.0, o.1);
    }
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

    fn entries<'py, S: Sink>(
        &mut self,
        sink: &mut S,
        items: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
        len: usize,
        depth: usize,
    ) -> Result<S::Node, Fail> {
        self.spend(2)?;
        let mut obj = sink.begin_obj(len);
        for kv in items {
            let (k, v) = kv?;
            let key = match k.cast::<PyString>() {
                Ok(k) => py_str(k)?,
                Err(_) => return Err(Fail::new(FailKind::KeyType(type_name(&k)))),
            };
            self.spend(key.len() + 4)?;
            let seg = || escape_pointer_token(&path_key(&key));
            let failed = |e: Fail| e.within(seg());
            sink.obj_key(&mut obj, Cow::Borrowed(&key));
            let value = self.convert(sink, &v, depth + 1).map_err(failed)?;
            sink.obj_value(&mut obj, value);
        }
        Ok(sink.end_obj(obj))
    }

    fn items<'a, S: Sink>(
        &mut self,
        sink: &mut S,
        items: impl Iterator<Item = Bound<'a, PyAny>>,
        len: usize,
        depth: usize,
    ) -> Result<S::Node, Fail> {
        self.spend(2)?;
        let mut arr = sink.begin_arr(len);
        for (i, item) in items.enumerate() {
            self.spend(1)?;
            let v = self
                .convert(sink, &item, depth + 1)
                .map_err(|e| e.within(i.to_string()))?;
            sink.arr_item(&mut arr, v);
        }
        Ok(sink.end_arr(arr))
    }

    /// Convert `obj`, which sits at nesting `depth` of the operation's input (the input itself is 1).
    pub fn convert<S: Sink>(
        &mut self,
        sink: &mut S,
        obj: &Bound<'_, PyAny>,
        depth: usize,
    ) -> Result<S::Node, Fail> {
        // A container nested deeper than the core allows is cut to an empty list: the core's limit
        // check then reports `input_too_deep` at exactly this path.
        let too_deep = |sink: &mut S| {
            let a = sink.begin_arr(0);
            sink.end_arr(a)
        };
        if let Ok(s) = obj.cast::<PyString>() {
            let s = py_str(s)?;
            self.spend(s.len() + 2)?;
            return Ok(sink.string(s));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            if depth > MAX_DEPTH {
                return Ok(too_deep(sink));
            }
            return self.entries(sink, d.iter().map(Ok), d.len(), depth);
        }
        if obj.is_none() {
            self.spend(4)?;
            return Ok(sink.null());
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            self.spend(4)?;
            return Ok(sink.boolean(b.is_true()));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            self.spend(1)?;
            if let Ok(v) = i.extract::<i64>() {
                return Ok(sink.number(v.into()));
            }
            if let Ok(v) = i.extract::<u64>() {
                return Ok(sink.number(v.into()));
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
                return Ok(too_deep(sink));
            }
            return self.items(sink, l.iter(), l.len(), depth);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            self.spend(1)?;
            let v = f.value();
            return match Number::from_f64(v) {
                Some(n) => Ok(sink.number(n)),
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
                return Ok(too_deep(sink));
            }
            return self.items(sink, t.iter(), t.len(), depth);
        }
        if obj.cast::<PyDateTime>().is_ok() {
            return Err(Fail::new(FailKind::Type("datetime.datetime".to_string())));
        }
        if let Ok(d) = obj.cast::<PyDate>() {
            self.spend(12)?;
            return Ok(sink.string(Cow::Owned(date_to_string(d))));
        }
        if is_mapping(obj)? {
            if depth > MAX_DEPTH {
                return Ok(too_deep(sink));
            }
            let m = obj.cast::<PyMapping>().map_err(PyErr::from)?;
            let items = m.items()?;
            let len = items.len();
            let pairs = items
                .iter()
                .map(|kv| kv.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>());
            return self.entries(sink, pairs, len, depth);
        }
        Err(Fail::new(FailKind::Type(type_name(obj))))
    }
}

/// Convert `obj` found at JSON Pointer `prefix` and nesting `depth` of an operation's input.
pub fn to_json(obj: &Bound<'_, PyAny>, prefix: &str, depth: usize) -> PyResult<Value> {
    ToJson::new()
        .convert(&mut ValueSink, obj, depth)
        .map_err(|f| f.into_pyerr(obj.py(), prefix))
}

/// [`to_json`] into the core's [`Doc`] (the same checks and errors; no `Value` tree).
pub fn to_doc(obj: &Bound<'_, PyAny>, prefix: &str, depth: usize) -> PyResult<Doc<'static>> {
    ToJson::new()
        .convert(&mut DocSink, obj, depth)
        .map_err(|f| f.into_pyerr(obj.py(), prefix))
}

/// [`to_json`] onto a [`Tape`], appended after what the tape already holds.
pub fn to_tape(
    tape: &mut Tape,
    obj: &Bound<'_, PyAny>,
    prefix: &str,
    depth: usize,
) -> PyResult<()> {
    ToJson::new()
        .convert(tape, obj, depth)
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
