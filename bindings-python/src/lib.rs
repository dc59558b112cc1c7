//! `tuiyi._tuiyi`: the native module of the `tuiyi` Python package (PyO3, abi3 ≥ 3.10).
//!
//! Conversion only. Every operation of the core's table (`tuiyi_core::ops`) is reached through one method,
//! [`PyEngine::call`]: the Python package (`python/tuiyi/__init__.py`) turns each row of `operations()`
//! into a module function (over a default engine) and an `Engine` method, with its real signature. Here:
//! binding the arguments to the row's parameters, reading Python values into the core's document
//! (`convert`), the call, and the JSON result back as Python data. Panics are caught and silenced
//! (`tuiyi.InternalError`); `validate_many` runs on `tuiyi_host::many`.

/// The conversion allocates a string or node per JSON value; mimalloc makes that (and the frees on the pool's
/// threads in `validate_many`) markedly cheaper than the system allocator. It serves only this extension's
/// Rust allocations, never Python's.
#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

mod convert;
mod errors;
#[allow(unsafe_code)]
mod exact;
#[allow(unsafe_code)]
mod utf8;

use std::borrow::Cow;
use std::path::PathBuf;
use std::time::Duration;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use tuiyi_core::doc::Doc;
use tuiyi_core::ops::{Kind, Op};
use tuiyi_core::Engine;
use tuiyi_host::sink::TapeSink;
use tuiyi_host::{DocSink, Tape};

use crate::convert::{Keep, Read, Reader};
use crate::errors::{
    guard, to_pyerr, BadInputError, CalendarCoverageError, InternalError, RulePackError, TuiyiError,
};

/// Read one argument of `op` (parameter `key` of `kind`) into the core's document.
fn read_arg<'a, 'py>(
    reader: &mut Reader,
    op: &Op,
    key: &str,
    kind: Kind,
    value: &Bound<'py, PyAny>,
    keep: &'a Keep<'py>,
) -> PyResult<Doc<'a>> {
    let py = value.py();
    let (prefix, depth) = tuiyi_host::call::site(op, key);
    let r: Result<Doc<'a>, Read> = (|| {
        // A form given as a str is its JSON text (`validate(json_text)`), parsed by the core. (A
        // `datetime.date` anywhere reads as its `YYYY-MM-DD` string.)
        if kind == Kind::Form {
            if let Ok(s) = value.cast::<PyString>() {
                return Ok(Doc::String(reader.form_text(s, keep)?));
            }
            // Its text as bytes (an HTTP body as received), as pydantic's `model_validate_json` takes it.
            if let Some(t) = reader.form_bytes(value) {
                return Ok(Doc::String(Cow::Owned(t?)));
            }
        }
        reader.read(&mut DocSink, value, depth, keep)
    })();
    r.map_err(|e| e.into_pyerr(py, &prefix))
}

/// Every argument of a call read without running Python code: a form given as its JSON text (`str`,
/// `bytes`, `bytearray`) as [`read_arg`] reads it, any other value by [`exact::read`] (its strings borrowed
/// from the objects, no reference taken per value). `None` when one of them is no such value: then every
/// argument is read again by [`read_arg`] (see `exact`'s documentation for why none read here may be kept).
fn read_exact_args<'a, 'py>(
    reader: &mut Reader,
    op: &Op,
    bound: &'a [(tuiyi_core::ops::Param, Bound<'py, PyAny>)],
    keep: &'a Keep<'py>,
    bytes: &'a utf8::Bytes,
) -> Option<Vec<(&'static str, Doc<'a>)>> {
    let mut values = Vec::with_capacity(bound.len());
    for (p, v) in bound {
        let text = v.cast::<PyString>().is_ok()
            || v.cast::<PyBytes>().is_ok()
            || v.cast::<PyByteArray>().is_ok();
        let doc = if p.kind == Kind::Form && text {
            // Runs no Python code; when it fails, the exception it makes is dropped with everything read
            // so far (nothing borrowed is used after), and `Reader` reads again and makes it anew.
            read_arg(reader, op, p.key, p.kind, v, keep).ok()?
        } else {
            exact::read(
                v,
                tuiyi_host::call::site(op, p.key).1,
                &mut reader.budget,
                bytes,
            )?
        };
        values.push((p.key, doc));
    }
    Some(values)
}

/// Bind positional and keyword arguments to `op`'s parameters, Python-style (a missing required argument or
/// an unknown keyword is a `TypeError`; `None` leaves an optional parameter out).
fn bind<'py>(
    op: &Op,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Vec<(tuiyi_core::ops::Param, Bound<'py, PyAny>)>> {
    let params = op.params();
    if args.len() > params.len() {
        return Err(PyTypeError::new_err(format!(
            "{}() takes {} positional argument{} but {} were given",
            op.name,
            params.len(),
            if params.len() == 1 { "" } else { "s" },
            args.len()
        )));
    }
    let mut given: Vec<Option<Bound<'py, PyAny>>> = vec![None; params.len()];
    for (i, a) in args.iter().enumerate() {
        given[i] = Some(a);
    }
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            let k: String = k.extract()?;
            let Some(i) = params.iter().position(|p| p.key == k) else {
                return Err(PyTypeError::new_err(format!(
                    "{}() got an unexpected keyword argument '{k}'",
                    op.name
                )));
            };
            if given[i].is_some() {
                return Err(PyTypeError::new_err(format!(
                    "{}() got multiple values for argument '{k}'",
                    op.name
                )));
            }
            given[i] = Some(v);
        }
    }
    let mut out = Vec::with_capacity(params.len());
    for (p, g) in params.into_iter().zip(given) {
        match g {
            Some(v) if !v.is_none() => out.push((p, v)),
            _ if p.required => {
                return Err(PyTypeError::new_err(format!(
                    "{}() missing required argument: '{}'",
                    op.name, p.key
                )))
            }
            _ => {}
        }
    }
    Ok(out)
}

fn output<'py>(py: Python<'py>, out: &tuiyi_core::ops::Output) -> PyResult<Bound<'py, PyAny>> {
    convert::to_py(py, &out.to_value())
}

fn engine_error(py: Python<'_>, e: tuiyi_core::Error) -> PyErr {
    to_pyerr(py, &e)
}

/// A rule pack and a calendar: `Engine(rules_dir=None, calendar_dir=None)` loads either from a directory
/// (str or os.PathLike), keeping the embedded one for the other. Thread-safe. Its operations (one method per
/// row of `operations()`) are added by the Python package.
#[pyclass(frozen, subclass, name = "Engine", module = "tuiyi")]
struct PyEngine {
    inner: Engine,
}

#[pymethods]
impl PyEngine {
    #[new]
    #[pyo3(signature = (rules_dir=None, calendar_dir=None))]
    fn new(
        py: Python<'_>,
        rules_dir: Option<PathBuf>,
        calendar_dir: Option<PathBuf>,
    ) -> PyResult<Self> {
        guard(py, || {
            let inner = Engine::load(rules_dir.as_deref(), calendar_dir.as_deref())
                .map_err(|e| engine_error(py, e))?;
            Ok(PyEngine { inner })
        })
    }

    fn __repr__(&self) -> String {
        format!("<tuiyi.{:?}>", self.inner)
    }

    /// Run the operation `op` with Python arguments bound to its parameters (see `operations()`).
    #[pyo3(signature = (op, args, kwargs=None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let op = tuiyi_host::call::op(op).map_err(|e| engine_error(py, e))?;
            let mut reader = Reader::for_input(op);
            let keep = Keep::new();
            let bytes = utf8::Bytes::new();
            let bound = bind(op, args, kwargs)?;
            let values = match read_exact_args(&mut reader, op, &bound, &keep, &bytes) {
                Some(values) => values,
                None => {
                    let mut reader = Reader::for_input(op);
                    let mut values = Vec::new();
                    for (p, v) in &bound {
                        values.push((p.key, read_arg(&mut reader, op, p.key, p.kind, v, &keep)?));
                    }
                    values
                }
            };
            let input = tuiyi_host::call::assemble(op, values);
            let out = tuiyi_core::api::run_doc_owned(&self.inner, op.name, input)
                .map_err(|e| engine_error(py, e))?;
            output(py, &out)
        })
    }

    /// The JSON facade of the core (`tuiyi_core::api::run`): any operation by name, its input as one
    /// JSON-shaped Python value — exactly what the shared test vectors and the CLI see.
    #[pyo3(signature = (op, input=None))]
    fn run<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        input: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let op = tuiyi_host::call::op(op).map_err(|e| engine_error(py, e))?;
            let mut reader = Reader::for_input(op);
            let keep = Keep::new();
            let doc = match input {
                None => Doc::Null,
                Some(v) => match (op.input, v.cast::<PyDict>()) {
                    // Each parameter read at its place, as `call` reads it (a form may be its JSON text).
                    (tuiyi_core::ops::Input::Fields { params }, Ok(d))
                        if d.len() <= params.len() =>
                    {
                        let mut values = Vec::new();
                        let mut extra = false;
                        for (k, x) in d.iter() {
                            let Ok(k) = k.extract::<String>() else {
                                extra = true;
                                break;
                            };
                            match params.iter().find(|p| p.key == k) {
                                Some(p) => values.push((
                                    p.key,
                                    read_arg(&mut reader, op, p.key, p.kind, &x, &keep)?,
                                )),
                                None => {
                                    extra = true;
                                    break;
                                }
                            }
                        }
                        if extra {
                            reader
                                .read(&mut DocSink, v, 1, &keep)
                                .map_err(|e| e.into_pyerr(py, ""))?
                        } else {
                            tuiyi_host::call::assemble(op, values)
                        }
                    }
                    _ => reader
                        .read(&mut DocSink, v, 1, &keep)
                        .map_err(|e| e.into_pyerr(py, ""))?,
                },
            };
            let out = tuiyi_core::api::run_doc_owned(&self.inner, op.name, doc)
                .map_err(|e| engine_error(py, e))?;
            output(py, &out)
        })
    }

    /// `run` with the input as JSON text (parsed by the core, within its limits).
    #[pyo3(signature = (op, text))]
    fn run_json<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let t = text.to_str().map_err(|_| {
                engine_error(
                    py,
                    tuiyi_core::limits::breach(&tuiyi_core::limits::LONE_SURROGATE, ""),
                )
            })?;
            let out =
                tuiyi_core::api::run_text(&self.inner, op, t).map_err(|e| engine_error(py, e))?;
            output(py, &out)
        })
    }

    /// `validate` for many forms: read on this thread a chunk at a time, checked on all cores without the
    /// GIL while the next chunk is read; results in input order. A form that cannot be checked at all raises
    /// the error of the first such form, its path under `/<index>`; a bad `today` raises at `/today` before
    /// any form is read. Each form is a dict (or Mapping) or its JSON text.
    #[pyo3(signature = (forms, today=None))]
    fn validate_many<'py>(
        &self,
        py: Python<'py>,
        forms: &Bound<'py, PyAny>,
        today: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || validate_many(py, &self.inner, forms, today))
    }
}

fn validate_many<'py>(
    py: Python<'py>,
    engine: &Engine,
    forms: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    use tuiyi_host::many::{Many, Ordered, CHUNK};
    let validate = tuiyi_host::call::op("validate").map_err(|e| engine_error(py, e))?;
    // `today` first, alone: a bad one is the same error whatever the forms (even none).
    let today = match today {
        Some(t) if !t.is_none() => {
            let mut reader = Reader::default();
            let keep = Keep::new();
            let doc = read_arg(&mut reader, validate, "today", Kind::Date, t, &keep)?;
            tuiyi_core::strict::check_input(&tuiyi_core::strict::Node::Date, &doc, "/today")
                .map_err(|e| engine_error(py, e))?;
            doc.as_str()
                .and_then(|s| tuiyi_core::date::parse_date(s).ok())
        }
        _ => None,
    };
    let one_form = forms.cast::<PyString>().is_ok()
        || forms.cast::<PyDict>().is_ok()
        || forms.cast::<PyBytes>().is_ok()
        || forms.cast::<PyByteArray>().is_ok();
    if one_form {
        return Err(PyTypeError::new_err(format!(
            "forms must be a list (or other iterable) of forms, not {}",
            forms
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        )));
    }
    let mut many: Many<serde_json::Value> = Many::new(engine.clone(), today, |r| {
        serde_json::to_value(r).unwrap_or_default()
    })
    .map_err(|e| engine_error(py, e))?;
    let mut ordered: Ordered<Py<PyAny>> = Ordered::default();
    let place = |ordered: &mut Ordered<Py<PyAny>>, c| {
        ordered.place(c, |v: serde_json::Value| {
            convert::to_py(py, &v).map(Bound::unbind)
        })
    };
    let mut tape = Tape::new();
    let mut in_tape = 0usize;
    let mut chunk_start = 0usize;
    let mut read_failed: Option<(usize, PyErr)> = None;
    for (i, item) in forms.try_iter()?.enumerate() {
        let form = item?;
        ordered.push_slot();
        let mut reader = Reader::default();
        let keep = Keep::new();
        let bytes = utf8::Bytes::new();
        let written = if let Ok(s) = form.cast::<PyString>() {
            reader.form_text(s, &keep).map(|t| tape.string(&t))
        } else if let Some(t) = reader.form_bytes(&form) {
            t.map(|t| tape.string(&t))
        } else {
            // Plain data by the exact reader (the tape copies each string as it is written); anything else,
            // or past the budget, by `Reader`, from where the form began.
            let mark = tape.mark();
            match exact::read_with(
                &mut TapeSink { tape: &mut tape },
                &form,
                2,
                &mut reader.budget,
                &bytes,
            ) {
                Some(_) => Ok(()),
                None => {
                    tape.truncate(mark);
                    reader
                        .read(&mut TapeSink { tape: &mut tape }, &form, 2, &keep)
                        .map(|_| ())
                }
            }
        };
        if let Err(e) = written {
            read_failed = Some((i, e.into_pyerr(py, &format!("/{i}"))));
            break;
        }
        in_tape += 1;
        if in_tape == CHUNK {
            many.submit(chunk_start, in_tape, std::mem::take(&mut tape));
            in_tape = 0;
            chunk_start = i + 1;
            // A Ctrl-C while a long list is read takes effect now, not at the end.
            py.check_signals()?;
        }
        while let Some(c) = many.ready() {
            place(&mut ordered, c)?;
        }
    }
    if in_tape > 0 && read_failed.is_none() {
        many.submit(chunk_start, in_tape, tape);
    }
    while many.pending() > 0 {
        let c = py.detach(|| many.wait(Duration::from_millis(50)));
        if let Some(c) = c {
            place(&mut ordered, c)?;
        }
        py.check_signals()?;
    }
    if let Some((i, e)) = read_failed {
        // An earlier form's own error comes first.
        if ordered.first_error.as_ref().is_none_or(|(j, _)| i < *j) {
            return Err(e);
        }
    }
    let all = ordered.finish().map_err(|e| engine_error(py, e))?;
    PyList::new(py, all.into_iter().map(|o| o.into_bound(py)))
}

/// Every operation with its parameters and result (the core's table), as a list of dicts.
#[pyfunction]
fn operations(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        let v = serde_json::to_value(
            tuiyi_core::ops::OPS
                .iter()
                .map(|o| o.sig)
                .collect::<Vec<_>>(),
        )
        .map_err(|e| engine_error(py, tuiyi_core::Error::internal(e.to_string())))?;
        convert::to_py(py, &v)
    })
}

/// For tests only: panics inside the guard, to prove a panic becomes tuiyi.InternalError and prints nothing.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || {
        panic!("deliberate panic for tests 110101199003071233")
    })
}

#[pymodule]
#[pyo3(name = "_tuiyi")]
fn tuiyi_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("TuiyiError", py.get_type::<TuiyiError>())?;
    m.add("BadInputError", py.get_type::<BadInputError>())?;
    m.add("WrongTypeError", errors::wrong_type_class(py)?)?;
    m.add(
        "CalendarCoverageError",
        py.get_type::<CalendarCoverageError>(),
    )?;
    m.add("RulePackError", py.get_type::<RulePackError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add_class::<PyEngine>()?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
