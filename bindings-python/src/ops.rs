//! The operations, over any `Engine`: conversion in, `tuiyi_core` call, conversion out. Nothing else.
//!
//! The calendar functions call the typed `Engine` methods (fast path); when that fails they re-run the
//! call through `tuiyi_core::api::run` with the equivalent JSON, so every error is exactly the one the
//! CLI and the shared vectors see. Every other operation goes through `api::run`.

use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyInt, PyString, PyType};
use serde_json::{Map, Value};
use tuiyi_core::date::{format_date, parse_date};
use tuiyi_core::{api, Engine, Error};

use crate::convert::{date_to_string, to_doc, to_json, to_py, to_tape, Tape};
use crate::errors::{catch, to_pyerr};

static DATE_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// A date argument: a valid date, or the JSON value the core will refuse with its exact error.
enum DateArg {
    Date(NaiveDate),
    Raw(Value),
}

impl DateArg {
    fn date(&self) -> Option<NaiveDate> {
        match self {
            DateArg::Date(d) => Some(*d),
            DateArg::Raw(_) => None,
        }
    }
    /// The JSON form for `api::run` (a parsed date prints back exactly: the format is strict).
    fn json(&self) -> Value {
        match self {
            DateArg::Date(d) => Value::String(format_date(*d)),
            DateArg::Raw(v) => v.clone(),
        }
    }
}

fn parse_arg(text: String) -> DateArg {
    match parse_date(&text) {
        Ok(d) => DateArg::Date(d),
        Err(_) => DateArg::Raw(Value::String(text)),
    }
}

fn date_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<DateArg> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(parse_arg(s.to_cow()?.into_owned()));
    }
    // Fast path for an exact `datetime.date`: one `toordinal()` call instead of three attribute reads.
    if obj
        .get_type()
        .is(DATE_TYPE.import(obj.py(), "datetime", "date")?)
    {
        let ordinal: i32 = obj
            .call_method0(intern!(obj.py(), "toordinal"))?
            .extract()?;
        if let Some(d) = NaiveDate::from_num_days_from_ce_opt(ordinal) {
            if d.year() >= 1000 {
                return Ok(DateArg::Date(d));
            }
        }
    }
    if obj.cast::<PyDateTime>().is_err() {
        if let Ok(d) = obj.cast::<PyDate>() {
            return Ok(parse_arg(date_to_string(d)));
        }
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be a datetime.date or a 'YYYY-MM-DD' str, not {}",
        if obj.cast::<PyDateTime>().is_ok() {
            "datetime.datetime (pass dt.date())".to_string()
        } else {
            type_name(obj)
        }
    )))
}

/// An optional date argument (`today`): `None` → absent.
fn opt_date_arg(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<Value>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => Ok(Some(date_arg(o, name)?.json())),
    }
}

/// A day count: the `u32` when it is one, and its JSON form always (a negative or huge int is left
/// for the core to refuse with its path).
fn count_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<(Option<u32>, Value)> {
    if obj.cast::<PyBool>().is_err() {
        if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(n) = i.extract::<u32>() {
                return Ok((Some(n), Value::from(n)));
            }
            return Ok((None, to_json(obj, &format!("/{name}"), 2)?));
        }
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be an int, not {}",
        type_name(obj)
    )))
}

/// Refuse anything but a dict (or other `Mapping`) where a JSON object is the whole argument.
fn require_mapping(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<()> {
    if obj.cast::<PyDict>().is_ok() {
        return Ok(());
    }
    let abc = obj.py().import("collections.abc")?.getattr("Mapping")?;
    if obj.is_instance(&abc)? {
        return Ok(());
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be a dict, not {}",
        type_name(obj)
    )))
}

fn py_date<'py>(py: Python<'py>, d: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    // Month and day always fit in u8.
    let month = u8::try_from(d.month()).unwrap_or(1);
    let day = u8::try_from(d.day()).unwrap_or(1);
    Ok(PyDate::new(py, d.year(), month, day)?.into_any())
}

/// A `"YYYY-MM-DD"` string of an operation's output → `datetime.date`.
fn json_date<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    match v.as_str().map(parse_date) {
        Some(Ok(d)) => py_date(py, d),
        _ => Err(to_pyerr(
            py,
            &Error::internal(format!("expected a date in the output, got {v}")),
        )),
    }
}

fn run(py: Python<'_>, engine: &Engine, op: &str, input: &Value) -> PyResult<Value> {
    catch(|| api::run(engine, op, input)).map_err(|e| to_pyerr(py, &e))
}

fn run_py<'py>(
    py: Python<'py>,
    engine: &Engine,
    op: &str,
    input: &Value,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &run(py, engine, op, input)?)
}

fn object(entries: Vec<(&str, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in entries {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

fn period_dict<'py>(
    py: Python<'py>,
    raw_end: Bound<'py, PyAny>,
    end: Bound<'py, PyAny>,
    extended: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    d.set_item("raw_end", raw_end)?;
    d.set_item("end", end)?;
    d.set_item("extended", extended)?;
    Ok(d.into_any())
}

pub fn is_working_day<'py>(
    py: Python<'py>,
    engine: &Engine,
    d: &Bound<'py, PyAny>,
) -> PyResult<bool> {
    let dv = date_arg(d, "d")?;
    let date = dv.date();
    if let Some(date) = date {
        if let Ok(b) = engine.is_working_day(date) {
            return Ok(b);
        }
    }
    let out = run(
        py,
        engine,
        "is_working_day",
        &object(vec![("date", dv.json())]),
    )?;
    out.as_bool().ok_or_else(|| {
        to_pyerr(
            py,
            &Error::internal(format!("expected a bool in the output, got {out}")),
        )
    })
}

pub fn add_working_days<'py>(
    py: Python<'py>,
    engine: &Engine,
    d: &Bound<'py, PyAny>,
    n: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let dv = date_arg(d, "d")?;
    let date = dv.date();
    let (count, nv) = count_arg(n, "n")?;
    if let (Some(date), Some(count)) = (date, count) {
        if let Ok(r) = engine.add_working_days(date, count) {
            return py_date(py, r);
        }
    }
    let out = run(
        py,
        engine,
        "add_working_days",
        &object(vec![("date", dv.json()), ("n", nv)]),
    )?;
    json_date(py, &out)
}

pub fn working_days_between<'py>(
    py: Python<'py>,
    engine: &Engine,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let av = date_arg(a, "a")?;
    let da = av.date();
    let bv = date_arg(b, "b")?;
    let db = bv.date();
    if let (Some(da), Some(db)) = (da, db) {
        if let Ok(r) = engine.working_days_between(da, db) {
            return Ok(r.into_pyobject(py)?.into_any());
        }
    }
    let out = run(
        py,
        engine,
        "working_days_between",
        &object(vec![("a", av.json()), ("b", bv.json())]),
    )?;
    to_py(py, &out)
}

pub fn period_end<'py>(
    py: Python<'py>,
    engine: &Engine,
    start: &Bound<'py, PyAny>,
    days: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let sv = date_arg(start, "start")?;
    let date = sv.date();
    let (count, nv) = count_arg(days, "days")?;
    if let (Some(date), Some(count)) = (date, count) {
        if let Ok(p) = engine.period_end(date, count) {
            return period_dict(
                py,
                py_date(py, p.raw_end.0)?,
                py_date(py, p.end.0)?,
                p.extended,
            );
        }
    }
    let out = run(
        py,
        engine,
        "period_end",
        &object(vec![("start", sv.json()), ("days", nv)]),
    )?;
    let field = |k: &str| out.get(k).cloned().unwrap_or(Value::Null);
    let extended = field("extended").as_bool().unwrap_or(false);
    period_dict(
        py,
        json_date(py, &field("raw_end"))?,
        json_date(py, &field("end"))?,
        extended,
    )
}

/// An operation whose whole input is one JSON object given as a dict.
pub fn object_op<'py>(
    py: Python<'py>,
    engine: &Engine,
    op: &str,
    arg: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    require_mapping(arg, name)?;
    let input = to_json(arg, "", 1)?;
    run_py(py, engine, op, &input)
}

fn form_input(
    form: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
    form_path: &str,
) -> PyResult<Value> {
    require_mapping(form, "form")?;
    let mut m = Map::new();
    m.insert("form".to_string(), to_json(form, form_path, 2)?);
    if let Some(t) = opt_date_arg(today, "today")? {
        m.insert("today".to_string(), t);
    }
    Ok(Value::Object(m))
}

pub fn validate<'py>(
    py: Python<'py>,
    engine: &Engine,
    form: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // Read straight into the core's document (no `Value` tree); the same checks, order and errors as
    // `form_input` + `api::run` (the shared-vector tests compare the two on every validate vector).
    require_mapping(form, "form")?;
    let doc = to_doc(form, "/form", 2)?;
    let today = opt_date_arg(today, "today")?;
    let out = catch(|| {
        let report = api::validate_form_doc(engine, &doc, today.as_ref())?;
        serde_json::to_value(report).map_err(|e| Error::internal(format!("serialize output: {e}")))
    })
    .map_err(|e| to_pyerr(py, &e))?;
    to_py(py, &out)
}

/// Forms per task handed to rayon's pool.
const CHUNK: usize = 16;

type ChunkResult = (usize, Vec<Result<Value, Error>>);

/// Check that one form of `validate_many` is a dict and append it to the chunk's tape.
fn many_form(form: &Bound<'_, PyAny>, i: usize, tape: &mut Tape) -> PyResult<()> {
    if require_mapping(form, "form").is_err() {
        return Err(PyTypeError::new_err(format!(
            "forms[{i}] must be a dict, not {}",
            type_name(form)
        )));
    }
    to_tape(tape, form, &format!("/{i}"), 2)
}

/// Validate many forms on all cores; results in input order.
///
/// A pipeline: this thread, holding the GIL, reads the forms (Python objects can only be read with it)
/// onto flat tapes, a chunk at a time, and hands each chunk to rayon's pool, which rebuilds the JSON
/// and checks it without the GIL while the next forms are read; finished reports are turned back into
/// Python objects between chunks, and the last ones after waiting with the GIL released. (The tape
/// keeps this thread's share small and lets the JSON trees be allocated and freed on the same worker
/// thread: handing trees across threads made the reading thread twice as slow.) If a form cannot be
/// checked at all, the error of the first such form in input order is raised, its path starting with
/// `/<index>` instead of `/form`.
pub fn validate_many<'py>(
    py: Python<'py>,
    engine: &Engine,
    forms: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if forms.cast::<PyString>().is_ok() || forms.cast::<PyDict>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "forms must be a list (or other iterable) of dicts, not {}",
            type_name(forms)
        )));
    }
    let today = opt_date_arg(today, "today")?;
    let (tx, rx) = std::sync::mpsc::channel::<ChunkResult>();
    let mut done: Vec<Option<Bound<'py, PyAny>>> = Vec::new();
    let mut first_err: Option<(usize, Error)> = None;
    let mut in_flight = 0usize;
    let mut tape = Tape::default();
    let mut in_tape = 0usize;
    let mut chunk_start = 0usize;

    let spawn = |start: usize, count: usize, tape: Tape| {
        let engine = engine.clone();
        let tx = tx.clone();
        let today = today.clone();
        rayon::spawn(move || {
            let mut pos = 0usize;
            let rs: Vec<Result<Value, Error>> = (0..count)
                .map(|_| {
                    catch(|| {
                        let form = tape.read_doc(&mut pos);
                        let report = api::validate_form_doc(&engine, &form, today.as_ref())?;
                        serde_json::to_value(report)
                            .map_err(|e| Error::internal(format!("serialize output: {e}")))
                    })
                })
                .collect();
            drop(tape);
            let _ = tx.send((start, rs));
        });
    };
    let mut absorb =
        |(start, rs): ChunkResult, done: &mut Vec<Option<Bound<'py, PyAny>>>| -> PyResult<()> {
            for (k, r) in rs.into_iter().enumerate() {
                let i = start + k;
                match r {
                    Ok(v) => {
                        if let Some(slot) = done.get_mut(i) {
                            *slot = Some(to_py(py, &v)?);
                        }
                    }
                    Err(e) => {
                        if first_err.as_ref().is_none_or(|(j, _)| i < *j) {
                            first_err = Some((i, e));
                        }
                    }
                }
            }
            Ok(())
        };

    let mut conv_err: Option<(usize, PyErr)> = None;
    for (i, item) in forms.try_iter()?.enumerate() {
        if let Err(e) = item.and_then(|form| many_form(&form, i, &mut tape)) {
            conv_err = Some((i, e));
            break;
        }
        in_tape += 1;
        done.push(None);
        if in_tape == CHUNK {
            spawn(chunk_start, in_tape, std::mem::take(&mut tape));
            in_flight += 1;
            in_tape = 0;
            chunk_start = i + 1;
        }
        while let Ok(ready) = rx.try_recv() {
            in_flight -= 1;
            absorb(ready, &mut done)?;
        }
    }
    if in_tape > 0 {
        // Only the first `in_tape` forms are read back: a failed form's partial tokens are ignored.
        spawn(chunk_start, in_tape, tape);
        in_flight += 1;
    }
    drop(tx);
    let (rx, rest) = py.detach(move || {
        let rest: Vec<ChunkResult> = (0..in_flight).filter_map(|_| rx.recv().ok()).collect();
        (rx, rest)
    });
    drop(rx);
    for ready in rest {
        absorb(ready, &mut done)?;
    }

    let conv_at = conv_err.as_ref().map(|(i, _)| *i);
    if let Some((i, mut e)) = first_err {
        if conv_at.is_none_or(|c| i < c) {
            e.path = match e.path.strip_prefix("/form") {
                Some(rest) => format!("/{i}{rest}"),
                None => format!("/{i}{}", e.path),
            };
            return Err(to_pyerr(py, &e));
        }
    }
    if let Some((_, e)) = conv_err {
        return Err(e);
    }
    let out = pyo3::types::PyList::empty(py);
    for (i, item) in done.into_iter().enumerate() {
        match item {
            Some(v) => out.append(v)?,
            None => {
                return Err(to_pyerr(
                    py,
                    &Error::internal(format!("validate_many: no result for form {i}")),
                ))
            }
        }
    }
    Ok(out.into_any())
}

pub fn dispatch<'py>(
    py: Python<'py>,
    engine: &Engine,
    form: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = form_input(form, None, "/form")?;
    run_py(py, engine, "dispatch", &input)
}

pub fn prereview<'py>(
    py: Python<'py>,
    engine: &Engine,
    form: &Bound<'py, PyAny>,
    submitted: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut input = form_input(form, today, "/form")?;
    if let Value::Object(m) = &mut input {
        m.insert(
            "submitted".to_string(),
            to_json(submitted, "/submitted", 2)?,
        );
    }
    run_py(py, engine, "prereview", &input)
}

/// An operation without arguments.
pub fn nullary<'py>(py: Python<'py>, engine: &Engine, op: &str) -> PyResult<Bound<'py, PyAny>> {
    run_py(py, engine, op, &Value::Null)
}

pub fn schema<'py>(py: Python<'py>, engine: &Engine, name: &str) -> PyResult<Bound<'py, PyAny>> {
    run_py(
        py,
        engine,
        "schema",
        &object(vec![("name", Value::String(name.to_string()))]),
    )
}

/// The JSON facade itself: any op of `tuiyi_core::api::run`, JSON in and out (dates as strings).
pub fn run_any<'py>(
    py: Python<'py>,
    engine: &Engine,
    op: &str,
    input: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = match input {
        Some(i) => to_json(i, "", 1)?,
        None => Value::Null,
    };
    run_py(py, engine, op, &input)
}
