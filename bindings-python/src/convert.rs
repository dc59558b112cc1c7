//! Python objects ⇄ JSON, by hand (no serde in between), within the core's limits.
//!
//! Python → JSON accepts exactly what a JSON document can say:
//!
//! | Python | JSON |
//! |---|---|
//! | `dict` (and any `collections.abc.Mapping`) with `str` keys | object |
//! | `list`, `tuple` | array |
//! | `str` (and subclasses, e.g. `StrEnum` members) | string |
//! | `bool` | `true` / `false` |
//! | `int` (and subclasses, e.g. `IntEnum`); beyond 64 bits as a JSON text would read it (a float) | number |
//! | `float`, finite | number |
//! | `None` | `null` |
//! | `datetime.date` | `"YYYY-MM-DD"` string |
//!
//! Everything else — `bytes`, sets, `datetime.datetime` (its time and timezone would be dropped silently;
//! pass `dt.date()`), arbitrary objects — is `tuiyi.WrongTypeError` (a `TypeError`) at the value's JSON
//! Pointer. A lone surrogate is `input_lone_surrogate`; a mapping whose `items()` raises, or a dict changed
//! while it is read, is `invalid_input` (code, path, nothing printed). The walker never calls `str()`/
//! `repr()` on a value. Every limit is checked before the value is copied (`tuiyi_host::Budget`).

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDateAccess, PyDateTime, PyDict, PyFloat, PyInt, PyList,
    PyMapping, PyString, PyTuple, PyType,
};
use serde_json::{Number, Value};
use tuiyi_host::{Budget, Fail, FailKind, Sink};

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .fully_qualified_name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

static MAPPING_ABC: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn is_mapping(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let abc = MAPPING_ABC.import(obj.py(), "collections.abc", "Mapping")?;
    obj.is_instance(abc.as_any())
}

/// `YYYY-MM-DD` of a `datetime.date` (years below 1000 come out as `0999-…`, which the core refuses as a
/// malformed date, exactly as it refuses that string).
pub fn date_to_string(d: &Bound<'_, PyDate>) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        d.get_year(),
        d.get_month(),
        d.get_day()
    )
}

/// Why reading failed: a [`Fail`] with its path, or a Python exception to re-raise as it is (e.g.
/// KeyboardInterrupt). Boxed: the error path is cold.
pub struct Read(Box<ReadInner>);

struct ReadInner {
    fail: Fail,
    host: Option<PyErr>,
}

impl From<Fail> for Read {
    fn from(fail: Fail) -> Self {
        Read(Box::new(ReadInner { fail, host: None }))
    }
}

impl Read {
    fn host(e: PyErr) -> Read {
        Read(Box::new(ReadInner {
            fail: Fail::new(FailKind::Host),
            host: Some(e),
        }))
    }
    fn unreadable(py: Python<'_>, e: PyErr) -> Read {
        // A KeyboardInterrupt or SystemExit is the user's, not a property of the value: re-raise it.
        if e.is_instance_of::<pyo3::exceptions::PyKeyboardInterrupt>(py)
            || e.is_instance_of::<pyo3::exceptions::PySystemExit>(py)
        {
            return Read::host(e);
        }
        let what = e
            .get_type(py)
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "exception".into());
        Read::from(Fail::new(FailKind::Unreadable(what)))
    }
    fn within_key(mut self, k: &str) -> Read {
        let inner = &mut *self.0;
        inner.fail = std::mem::replace(&mut inner.fail, Fail::new(FailKind::Host)).within_key(k);
        self
    }
    fn within_index(mut self, i: usize) -> Read {
        let inner = &mut *self.0;
        inner.fail = std::mem::replace(&mut inner.fail, Fail::new(FailKind::Host)).within_index(i);
        self
    }
    /// The Python exception for this failure; `prefix` is the JSON Pointer of the value that was read.
    pub fn into_pyerr(self, py: Python<'_>, prefix: &str) -> PyErr {
        let inner = *self.0;
        if let Some(e) = inner.host {
            return e;
        }
        match inner.fail.into_error(prefix) {
            Some(e) => crate::errors::to_pyerr(py, &e),
            None => crate::errors::to_pyerr(py, &tuiyi_core::Error::internal("unreadable value")),
        }
    }
}

/// The Python strings a read document borrows its text from: each is held (one reference) until the document
/// is dropped, so its UTF-8 (which CPython keeps inside the str object) is read in place, not copied.
pub type Keep<'py> = typed_arena::Arena<Bound<'py, PyString>>;

/// The text of `s`, borrowed from it: `keep` holds the string. A lone surrogate fails.
fn held<'a, 'py>(s: Bound<'py, PyString>, keep: &'a Keep<'py>) -> Result<&'a str, Read> {
    utf8_of(keep.alloc(s))
}

/// CPython's UTF-8 of `s`, borrowed from it (CPython keeps it in the object). A lone surrogate fails.
fn utf8_of<'a>(s: &'a Bound<'_, PyString>) -> Result<&'a str, Read> {
    s.to_str()
        .map_err(|_| Read::from(Fail::new(FailKind::LoneSurrogate)))
}

/// A Python string as Rust text, its length checked first; a lone surrogate fails. The text is borrowed from
/// the string, which `keep` holds.
fn text<'a, 'py>(
    s: Bound<'py, PyString>,
    keep: &'a Keep<'py>,
    budget: &mut Budget,
    key: bool,
) -> Result<&'a str, Read> {
    let chars = s.len().unwrap_or(0);
    if chars > tuiyi_core::limits::MAX_STRING_CHARS {
        // Checked before the string is encoded or copied.
        if key {
            budget.key(chars, chars)?;
        } else {
            budget.string(chars, chars)?;
        }
    }
    let t = held(s, keep)?;
    if key {
        budget.key(chars, t.len())?;
    } else {
        budget.string(chars, t.len())?;
    }
    Ok(t)
}

/// Reads one Python object graph into a sink within one input's budget.
pub struct Reader {
    pub budget: Budget,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            budget: Budget::new(),
        }
    }
}

impl Reader {
    /// A reader for the arguments of `op`: an input of parameters is one object, counted as a value as the
    /// JSON parser counts it.
    pub fn for_input(op: &tuiyi_core::ops::Op) -> Reader {
        let mut budget = Budget::new();
        if matches!(op.input, tuiyi_core::ops::Input::Fields { .. }) {
            let _ = budget.value(2);
        }
        Reader { budget }
    }

    /// A form given as JSON text (`validate(json_text)`): passed to the core, which parses it. Borrowed from
    /// the string, which `keep` holds, when it is ASCII; otherwise encoded from it (`crate::utf8`).
    pub fn form_text<'a, 'py>(
        &mut self,
        s: &Bound<'py, PyString>,
        keep: &'a Keep<'py>,
    ) -> Result<Cow<'a, str>, Read> {
        let s = keep.alloc(s.clone());
        let t = match s.len() {
            // Longer than the limit in bytes whatever its encoding: CPython's UTF-8 as before, then refused.
            Ok(chars) if chars <= tuiyi_core::limits::MAX_JSON_BYTES => crate::utf8::of(s, chars),
            _ => None,
        };
        let t = match t {
            Some(t) => t,
            None => Cow::Borrowed(utf8_of(s)?),
        };
        self.budget.text(t.len())?;
        Ok(t)
    }

    /// A form given as its JSON text in bytes (`bytes`, `bytearray`): its text (copied: a `bytearray` may
    /// change while the form is checked), or None when `v` is neither. Not UTF-8: `json_not_utf8`.
    pub fn form_bytes(&mut self, v: &Bound<'_, PyAny>) -> Option<Result<String, Read>> {
        if let Ok(b) = v.cast::<PyBytes>() {
            let t = self.budget.json_bytes(b.as_bytes());
            return Some(t.map(str::to_owned).map_err(Read::from));
        }
        let b = v.cast::<PyByteArray>().ok()?;
        // Its size is charged before it is copied.
        Some(
            self.budget
                .text(b.len())
                .and_then(|()| tuiyi_host::budget::utf8(&b.to_vec()).map(str::to_owned))
                .map_err(Read::from),
        )
    }

    fn entries<'a, 'py, S: Sink<'a>>(
        &mut self,
        sink: &mut S,
        items: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
        len: usize,
        depth: usize,
        keep: &'a Keep<'py>,
        py: Python<'py>,
    ) -> Result<S::Node, Read> {
        self.budget.object(depth, len)?;
        let mut obj = sink.begin_obj(len);
        for kv in items {
            let (k, v) = kv.map_err(|e| Read::unreadable(py, e))?;
            let key = match k.cast_into::<PyString>() {
                Ok(k) => k,
                Err(k) => {
                    let k = k.into_inner();
                    return Err(Read::from(Fail::new(FailKind::WrongType {
                        got: format!("a {} key", type_name(&k)),
                        hint: "; object keys must be str",
                    })));
                }
            };
            let key = text(key, keep, &mut self.budget, true)?;
            sink.obj_key(&mut obj, Cow::Borrowed(key));
            let value = self
                .read_owned(sink, v, depth + 1, keep)
                .map_err(|e| e.within_key(key))?;
            sink.obj_value(&mut obj, value);
        }
        Ok(sink.end_obj(obj))
    }

    fn items<'a, 'py, S: Sink<'a>>(
        &mut self,
        sink: &mut S,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
        len: usize,
        depth: usize,
        keep: &'a Keep<'py>,
    ) -> Result<S::Node, Read> {
        self.budget.array(depth, len)?;
        let mut arr = sink.begin_arr(len);
        for (i, item) in items.enumerate() {
            let v = self
                .read_owned(sink, item, depth + 1, keep)
                .map_err(|e| e.within_index(i))?;
            sink.arr_item(&mut arr, v);
        }
        Ok(sink.end_arr(arr))
    }

    /// [`Reader::read`] of a value the reader was handed a reference of (a dict's value, a list's item): a
    /// string is moved into `keep` as it is, without taking another reference and dropping this one.
    fn read_owned<'a, 'py, S: Sink<'a>>(
        &mut self,
        sink: &mut S,
        obj: Bound<'py, PyAny>,
        depth: usize,
        keep: &'a Keep<'py>,
    ) -> Result<S::Node, Read> {
        match obj.cast_into::<PyString>() {
            Ok(s) => {
                let t = text(s, keep, &mut self.budget, false)?;
                Ok(sink.string(Cow::Borrowed(t)))
            }
            Err(e) => self.read(sink, &e.into_inner(), depth, keep),
        }
    }

    /// Read `obj`, which sits at nesting `depth` of the operation's input (the input itself is 1). Its strings
    /// are borrowed: `keep` holds them.
    pub fn read<'a, 'py, S: Sink<'a>>(
        &mut self,
        sink: &mut S,
        obj: &Bound<'py, PyAny>,
        depth: usize,
        keep: &'a Keep<'py>,
    ) -> Result<S::Node, Read> {
        let py = obj.py();
        if let Ok(s) = obj.cast::<PyString>() {
            let t = text(s.clone(), keep, &mut self.budget, false)?;
            return Ok(sink.string(Cow::Borrowed(t)));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            // A dict changed while it is read (e.g. by a mapping inside it) makes pyo3's iterator panic:
            // caught here, reported as a coded error, printed nowhere.
            let len = d.len();
            let r = tuiyi_host::guard::quietly(|| {
                self.entries(sink, d.iter().map(Ok), len, depth, keep, py)
            });
            return match r {
                Ok(r) => r,
                Err(_) => Err(Read::from(Fail::new(FailKind::Unreadable(
                    "dict changed while it was read".into(),
                )))),
            };
        }
        if obj.is_none() {
            self.budget.value(4)?;
            return Ok(sink.null());
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            self.budget.value(5)?;
            return Ok(sink.boolean(b.is_true()));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            self.budget.value(20)?;
            if let Ok(v) = i.extract::<i64>() {
                return Ok(sink.number(v.into()));
            }
            if let Ok(v) = i.extract::<u64>() {
                return Ok(sink.number(v.into()));
            }
            // Beyond 64 bits: what a JSON text with these digits reads as (a float), or refused when even
            // that cannot hold it.
            let f: f64 = i.extract().unwrap_or(f64::INFINITY);
            return match Number::from_f64(f) {
                Some(n) => Ok(sink.number(n)),
                None => Err(Read::from(Fail::new(FailKind::WrongType {
                    got: "an integer too large for a JSON number".into(),
                    hint: "",
                }))),
            };
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return self.items(sink, l.iter(), l.len(), depth, keep);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            self.budget.value(24)?;
            return match Number::from_f64(f.value()) {
                Some(n) => Ok(sink.number(n)),
                None => Err(Read::from(Fail::new(FailKind::WrongType {
                    got: "NaN or infinity".into(),
                    hint: "; JSON numbers are finite",
                }))),
            };
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return self.items(sink, t.iter(), t.len(), depth, keep);
        }
        if obj.cast::<PyDateTime>().is_ok() {
            return Err(Read::from(Fail::new(FailKind::WrongType {
                got: "datetime.datetime".into(),
                hint: " (pass dt.date(): a datetime's time and timezone would be dropped silently)",
            })));
        }
        if let Ok(d) = obj.cast::<PyDate>() {
            self.budget.string(10, 10)?;
            return Ok(sink.string(Cow::Owned(date_to_string(d))));
        }
        if is_mapping(obj).map_err(Read::host)? {
            let m = obj
                .cast::<PyMapping>()
                .map_err(|e| Read::unreadable(py, PyErr::from(e)))?;
            let items = m.items().map_err(|e| Read::unreadable(py, e))?;
            let len = items.len();
            let pairs = items
                .iter()
                .map(|kv| kv.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>());
            return self.entries(sink, pairs, len, depth, keep, py);
        }
        Err(Read::from(Fail::new(FailKind::WrongType {
            got: type_name(obj),
            hint: "",
        })))
    }
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
                dict.set_item(key(py, k), to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A key of an output object as a Python `str`: the keys of a report and of its findings (every `validate`
/// answers with them) are interned once, so that they are neither made nor hashed again for each call; any
/// other key is made.
fn key<'py>(py: Python<'py>, k: &str) -> Bound<'py, PyString> {
    macro_rules! interned {
        ($($name:literal),*) => {
            match k {
                $($name => pyo3::intern!(py, $name).clone(),)*
                _ => PyString::new(py, k),
            }
        };
    }
    interned!(
        "valid",
        "errors",
        "warnings",
        "code",
        "path",
        "severity",
        "message",
        "message_en",
        "rule"
    )
}
