//! `tuiyi_core::Error` → Python exceptions, and the panic guard around every call.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use tuiyi_core::{Error, ErrorKind};

create_exception!(
    tuiyi,
    TuiyiError,
    PyValueError,
    "Base class of every error tuiyi raises. Attributes: kind, code (stable snake_case), path (JSON Pointer into the operation's input, \"\" for the whole input), message (Chinese), message_en."
);
create_exception!(
    tuiyi,
    BadInputError,
    TuiyiError,
    "The input is malformed: wrong type, unknown field or enum value, bad date, too large or too deep (kind \"bad_input\")."
);
create_exception!(
    tuiyi,
    CalendarCoverageError,
    TuiyiError,
    "A date falls in a year the loaded calendar has no holiday notice for (kind \"calendar_coverage\"): load a calendar directory with that year."
);
create_exception!(
    tuiyi,
    RulePackError,
    TuiyiError,
    "A rule pack or calendar (embedded or from a directory) could not be loaded (kind \"rule_pack\")."
);
create_exception!(
    tuiyi,
    InternalError,
    TuiyiError,
    "A bug inside tuiyi, e.g. a caught panic (kind \"internal\"). Please report it."
);

/// The exception for a core error, with `kind`, `code`, `path`, `message` and `message_en` set.
pub fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    let text = e.to_string();
    let err = match e.kind {
        ErrorKind::BadInput => BadInputError::new_err(text),
        ErrorKind::CalendarCoverage => CalendarCoverageError::new_err(text),
        ErrorKind::RulePack => RulePackError::new_err(text),
        ErrorKind::Internal => InternalError::new_err(text),
    };
    let value = err.value(py);
    let attrs: [(&str, &str); 5] = [
        ("kind", e.kind.as_str()),
        ("code", &e.code),
        ("path", &e.path),
        ("message", &e.message),
        ("message_en", &e.message_en),
    ];
    for (k, v) in attrs {
        if let Err(set_err) = value.setattr(k, v) {
            return set_err;
        }
    }
    err
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let raw = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    };
    tuiyi_core::mask::truncate_for_message(&raw)
}

/// A panic caught on any thread, as the core's internal error.
pub fn panic_error(payload: &(dyn std::any::Any + Send)) -> Error {
    Error::internal(format!("panic: {}", panic_text(payload)))
}

/// Run `f`, turning a Rust panic into `tuiyi.InternalError` (never a `PanicException`, never an abort).
pub fn guard<'py, T>(py: Python<'py>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(to_pyerr(py, &panic_error(payload.as_ref()))),
    }
}

/// [`catch_unwind`] for core calls made without the GIL (e.g. on rayon's threads).
pub fn catch<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(panic_error(payload.as_ref())),
    }
}
