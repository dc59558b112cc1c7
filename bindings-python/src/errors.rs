//! `tuiyi_core::Error` → Python exceptions.

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
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

/// `WrongTypeError(BadInputError, TypeError)`: a value of a type the input cannot take (code `wrong_type`).
/// It is both a `tuiyi.BadInputError` and a `TypeError`, so either `except` catches it.
pub fn wrong_type_class(py: Python<'_>) -> PyResult<Bound<'_, pyo3::types::PyType>> {
    static CLASS: pyo3::sync::PyOnceLock<Py<pyo3::types::PyType>> = pyo3::sync::PyOnceLock::new();
    let cls = CLASS.get_or_try_init(py, || -> PyResult<Py<pyo3::types::PyType>> {
        let bases = (py.get_type::<BadInputError>(), py.get_type::<PyTypeError>());
        let ns = pyo3::types::PyDict::new(py);
        ns.set_item("__module__", "tuiyi")?;
        ns.set_item(
            "__doc__",
            "A value of a type the input cannot take (code \"wrong_type\"): a tuiyi.BadInputError and a TypeError.",
        )?;
        let t = py
            .import("builtins")?
            .getattr("type")?
            .call1(("WrongTypeError", bases, ns))?;
        Ok(t.cast_into::<pyo3::types::PyType>()?.unbind())
    })?;
    Ok(cls.bind(py).clone())
}

/// The exception for a core error, with `kind`, `code`, `path`, `message` and `message_en` set.
pub fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    let text = e.to_string();
    let err = if e.code == "wrong_type" {
        match wrong_type_class(py) {
            Ok(cls) => PyErr::from_type(cls, text),
            Err(err) => return err,
        }
    } else {
        match e.kind {
            ErrorKind::BadInput => BadInputError::new_err(text),
            ErrorKind::CalendarCoverage => CalendarCoverageError::new_err(text),
            ErrorKind::RulePack => RulePackError::new_err(text),
            ErrorKind::Internal => InternalError::new_err(text),
        }
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

/// Run `f` with Rust panics caught and silenced: a panic becomes `tuiyi.InternalError`.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match tuiyi_host::guard::quietly(f) {
        Ok(r) => r,
        Err(e) => Err(to_pyerr(py, &e)),
    }
}
