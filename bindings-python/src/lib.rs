//! `tuiyi._tuiyi`: the native module of the `tuiyi` Python package (PyO3, abi3 ≥ 3.9).
//!
//! Conversion only: Python objects → JSON ([`convert`]), a `tuiyi_core` call ([`ops`]), JSON → Python
//! objects. Every call is wrapped in `catch_unwind`, so a Rust panic becomes `tuiyi.InternalError`.
//! Each operation appears twice below — a module-level function over the embedded engine and the same
//! method on `Engine` — both one-line calls into `ops.rs`, where the behaviour lives.

/// The conversion allocates a string or map node per JSON value; mimalloc makes that (and the frees on
/// rayon's threads in `validate_many`) markedly cheaper than the system allocator. It serves only this
/// extension's Rust allocations, never Python's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;
mod errors;
mod ops;

use std::path::PathBuf;

use pyo3::prelude::*;
use tuiyi_core::Engine;

use crate::errors::{
    guard, to_pyerr, BadInputError, CalendarCoverageError, InternalError, RulePackError, TuiyiError,
};

/// The engine over the embedded rule pack and calendar (built once, then shared).
fn embedded(py: Python<'_>) -> PyResult<Engine> {
    Engine::embedded().map_err(|e| to_pyerr(py, &e))
}

/// The n-th working day strictly after d (the start day is not counted, also when it is a rest day; n >= 1).
///
/// d: datetime.date or 'YYYY-MM-DD' str. Returns datetime.date.
/// Raises CalendarCoverageError for a year the calendar does not cover, BadInputError for a malformed date or n.
#[pyfunction]
#[pyo3(signature = (d, n))]
fn add_working_days<'py>(
    py: Python<'py>,
    d: &Bound<'py, PyAny>,
    n: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::add_working_days(py, &e, d, n)
    })
}

/// Whether d is a working day (weekends and statutory holidays are not; 调休 make-up weekend days are).
///
/// d: datetime.date or 'YYYY-MM-DD' str.
#[pyfunction]
#[pyo3(signature = (d))]
fn is_working_day<'py>(py: Python<'py>, d: &Bound<'py, PyAny>) -> PyResult<bool> {
    guard(py, || {
        let e = embedded(py)?;
        ops::is_working_day(py, &e, d)
    })
}

/// The number of working days in (a, b] (negative when b is before a).
///
/// a, b: datetime.date or 'YYYY-MM-DD' str. Returns int.
#[pyfunction]
#[pyo3(signature = (a, b))]
fn working_days_between<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::working_days_between(py, &e, a, b)
    })
}

/// End of a calendar-day period (民法典 第二百零一条、第二百零三条): the start day is not counted; a period whose last day is a rest day ends on the next working day.
///
/// Returns {'raw_end': date, 'end': date, 'extended': bool}.
#[pyfunction]
#[pyo3(signature = (start, days))]
fn period_end<'py>(
    py: Python<'py>,
    start: &Bound<'py, PyAny>,
    days: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::period_end(py, &e, start, days)
    })
}

/// Eligibility of an applicant (dict shaped like the CLI's JSON input); every failing condition is reported with its code and basis.
#[pyfunction]
#[pyo3(signature = (applicant))]
fn check_eligibility<'py>(
    py: Python<'py>,
    applicant: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::object_op(py, &e, "check_eligibility", applicant, "applicant")
    })
}

/// The 14 materials of 附件3 for a situation: a list of dicts with no, code, name, required, reason and source.
#[pyfunction]
#[pyo3(signature = (situation))]
fn required_materials<'py>(
    py: Python<'py>,
    situation: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::object_op(py, &e, "required_materials", situation, "situation")
    })
}

/// The plan for one applicant: eligibility, the service items that apply with departments and due dates, and the materials.
#[pyfunction]
#[pyo3(signature = (application))]
fn plan<'py>(py: Python<'py>, application: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::object_op(py, &e, "plan", application, "application")
    })
}

/// Check a registration form (附件2) and return the report: {'valid', 'errors', 'warnings'}, each finding with code, path, severity, message, message_en and rule.
///
/// today: datetime.date or 'YYYY-MM-DD' str for date checks (default: the current date).
#[pyfunction]
#[pyo3(signature = (form, today=None))]
fn validate<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::validate(py, &e, form, today)
    })
}

/// validate() for many forms at once: converts them all, then releases the GIL and checks them on all cores. Results are in input order.
///
/// If a form cannot be checked at all, raises the error of the first such form, its path starting with /<index>.
#[pyfunction]
#[pyo3(signature = (forms, today=None))]
fn validate_many<'py>(
    py: Python<'py>,
    forms: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::validate_many(py, &e, forms, today)
    })
}

/// For each department, the fields of the form it receives (数据推送), and nothing else.
#[pyfunction]
#[pyo3(signature = (form))]
fn dispatch<'py>(py: Python<'py>, form: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::dispatch(py, &e, form)
    })
}

/// Pre-review per department: pass or reject, with the reasons a clerk would send the applicant.
///
/// submitted: the materials handed in, shaped as in the CLI's JSON.
#[pyfunction]
#[pyo3(signature = (form, submitted, today=None))]
fn prereview<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    submitted: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::prereview(py, &e, form, submitted, today)
    })
}

/// The JSON Schema (draft 2020-12) of the registration form, as a dict.
#[pyfunction]
#[pyo3(signature = ())]
fn form_schema<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::nullary(py, &e, "form_schema")
    })
}

/// The JSON Schema of a named input or output type (e.g. 'situation', 'applicant', 'application', 'plan'), as `tuiyi schema NAME` prints it.
#[pyfunction]
#[pyo3(signature = (name))]
fn schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::schema(py, &e, name)
    })
}

/// The 办事指南 rendered as Markdown from the rule pack.
#[pyfunction]
#[pyo3(signature = ())]
fn guide<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::nullary(py, &e, "guide")
    })
}

/// The contradictions of the source text recorded in the rule pack, each with both readings, the one followed and why.
#[pyfunction]
#[pyo3(signature = ())]
fn conflicts<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::nullary(py, &e, "conflicts")
    })
}

/// Every stable code tuiyi can produce, with its Chinese and English message templates.
#[pyfunction]
#[pyo3(signature = ())]
fn codes<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::nullary(py, &e, "codes")
    })
}

/// The JSON facade of the core (tuiyi_core::api::run): any operation by name, JSON-shaped input and output (dates stay strings), exactly as the shared test vectors and the CLI see them.
#[pyfunction]
#[pyo3(signature = (op, input=None))]
fn run<'py>(
    py: Python<'py>,
    op: &str,
    input: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let e = embedded(py)?;
        ops::run_any(py, &e, op, input)
    })
}

/// For tests only: panics inside the guard, to prove a panic becomes tuiyi.InternalError.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || panic!("deliberate panic for tests"))
}

/// For tests only: whether `obj` read onto a tape and rebuilt (as `validate_many` does) equals `obj`
/// converted directly (as every other function does).
#[pyfunction]
fn _tape_roundtrip_for_tests<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<bool> {
    guard(py, || {
        let direct = convert::to_json(obj, "", 1)?;
        let mut tape = convert::Tape::default();
        convert::to_tape(&mut tape, obj, "", 1)?;
        let mut pos = 0;
        Ok(tape.read_value(&mut pos) == direct)
    })
}

/// A rule pack and a calendar: Engine(rules_dir=None, calendar_dir=None) loads either from a directory
/// (str or os.PathLike), keeping the embedded one for the other. Thread-safe; its methods are those of
/// the module, over this engine.
#[pyclass(frozen, name = "Engine", module = "tuiyi")]
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
                .map_err(|e| to_pyerr(py, &e))?;
            Ok(PyEngine { inner })
        })
    }

    fn __repr__(&self) -> String {
        format!("<tuiyi.{:?}>", self.inner)
    }

    /// The n-th working day strictly after d (the start day is not counted, also when it is a rest day; n >= 1).
    ///
    /// d: datetime.date or 'YYYY-MM-DD' str. Returns datetime.date.
    /// Raises CalendarCoverageError for a year the calendar does not cover, BadInputError for a malformed date or n.
    #[pyo3(signature = (d, n))]
    fn add_working_days<'py>(
        &self,
        py: Python<'py>,
        d: &Bound<'py, PyAny>,
        n: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::add_working_days(py, &self.inner, d, n))
    }

    /// Whether d is a working day (weekends and statutory holidays are not; 调休 make-up weekend days are).
    ///
    /// d: datetime.date or 'YYYY-MM-DD' str.
    #[pyo3(signature = (d))]
    fn is_working_day<'py>(&self, py: Python<'py>, d: &Bound<'py, PyAny>) -> PyResult<bool> {
        guard(py, || ops::is_working_day(py, &self.inner, d))
    }

    /// The number of working days in (a, b] (negative when b is before a).
    ///
    /// a, b: datetime.date or 'YYYY-MM-DD' str. Returns int.
    #[pyo3(signature = (a, b))]
    fn working_days_between<'py>(
        &self,
        py: Python<'py>,
        a: &Bound<'py, PyAny>,
        b: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::working_days_between(py, &self.inner, a, b))
    }

    /// End of a calendar-day period (民法典 第二百零一条、第二百零三条): the start day is not counted; a period whose last day is a rest day ends on the next working day.
    ///
    /// Returns {'raw_end': date, 'end': date, 'extended': bool}.
    #[pyo3(signature = (start, days))]
    fn period_end<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        days: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::period_end(py, &self.inner, start, days))
    }

    /// Eligibility of an applicant (dict shaped like the CLI's JSON input); every failing condition is reported with its code and basis.
    #[pyo3(signature = (applicant))]
    fn check_eligibility<'py>(
        &self,
        py: Python<'py>,
        applicant: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            ops::object_op(py, &self.inner, "check_eligibility", applicant, "applicant")
        })
    }

    /// The 14 materials of 附件3 for a situation: a list of dicts with no, code, name, required, reason and source.
    #[pyo3(signature = (situation))]
    fn required_materials<'py>(
        &self,
        py: Python<'py>,
        situation: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            ops::object_op(
                py,
                &self.inner,
                "required_materials",
                situation,
                "situation",
            )
        })
    }

    /// The plan for one applicant: eligibility, the service items that apply with departments and due dates, and the materials.
    #[pyo3(signature = (application))]
    fn plan<'py>(
        &self,
        py: Python<'py>,
        application: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            ops::object_op(py, &self.inner, "plan", application, "application")
        })
    }

    /// Check a registration form (附件2) and return the report: {'valid', 'errors', 'warnings'}, each finding with code, path, severity, message, message_en and rule.
    ///
    /// today: datetime.date or 'YYYY-MM-DD' str for date checks (default: the current date).
    #[pyo3(signature = (form, today=None))]
    fn validate<'py>(
        &self,
        py: Python<'py>,
        form: &Bound<'py, PyAny>,
        today: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::validate(py, &self.inner, form, today))
    }

    /// validate() for many forms at once: converts them all, then releases the GIL and checks them on all cores. Results are in input order.
    ///
    /// If a form cannot be checked at all, raises the error of the first such form, its path starting with /<index>.
    #[pyo3(signature = (forms, today=None))]
    fn validate_many<'py>(
        &self,
        py: Python<'py>,
        forms: &Bound<'py, PyAny>,
        today: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::validate_many(py, &self.inner, forms, today))
    }

    /// For each department, the fields of the form it receives (数据推送), and nothing else.
    #[pyo3(signature = (form))]
    fn dispatch<'py>(
        &self,
        py: Python<'py>,
        form: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::dispatch(py, &self.inner, form))
    }

    /// Pre-review per department: pass or reject, with the reasons a clerk would send the applicant.
    ///
    /// submitted: the materials handed in, shaped as in the CLI's JSON.
    #[pyo3(signature = (form, submitted, today=None))]
    fn prereview<'py>(
        &self,
        py: Python<'py>,
        form: &Bound<'py, PyAny>,
        submitted: &Bound<'py, PyAny>,
        today: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            ops::prereview(py, &self.inner, form, submitted, today)
        })
    }

    /// The JSON Schema (draft 2020-12) of the registration form, as a dict.
    #[pyo3(signature = ())]
    fn form_schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::nullary(py, &self.inner, "form_schema"))
    }

    /// The JSON Schema of a named input or output type (e.g. 'situation', 'applicant', 'application', 'plan'), as `tuiyi schema NAME` prints it.
    #[pyo3(signature = (name))]
    fn schema<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::schema(py, &self.inner, name))
    }

    /// The 办事指南 rendered as Markdown from the rule pack.
    #[pyo3(signature = ())]
    fn guide<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::nullary(py, &self.inner, "guide"))
    }

    /// The contradictions of the source text recorded in the rule pack, each with both readings, the one followed and why.
    #[pyo3(signature = ())]
    fn conflicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::nullary(py, &self.inner, "conflicts"))
    }

    /// Every stable code tuiyi can produce, with its Chinese and English message templates.
    #[pyo3(signature = ())]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::nullary(py, &self.inner, "codes"))
    }

    /// The JSON facade of the core (tuiyi_core::api::run): any operation by name, JSON-shaped input and output (dates stay strings), exactly as the shared test vectors and the CLI see them.
    #[pyo3(signature = (op, input=None))]
    fn run<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        input: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || ops::run_any(py, &self.inner, op, input))
    }
}

#[pymodule]
#[pyo3(name = "_tuiyi")]
fn tuiyi_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    convert::init(py);
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("TuiyiError", py.get_type::<TuiyiError>())?;
    m.add("BadInputError", py.get_type::<BadInputError>())?;
    m.add(
        "CalendarCoverageError",
        py.get_type::<CalendarCoverageError>(),
    )?;
    m.add("RulePackError", py.get_type::<RulePackError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add_class::<PyEngine>()?;
    m.add_function(wrap_pyfunction!(add_working_days, m)?)?;
    m.add_function(wrap_pyfunction!(is_working_day, m)?)?;
    m.add_function(wrap_pyfunction!(working_days_between, m)?)?;
    m.add_function(wrap_pyfunction!(period_end, m)?)?;
    m.add_function(wrap_pyfunction!(check_eligibility, m)?)?;
    m.add_function(wrap_pyfunction!(required_materials, m)?)?;
    m.add_function(wrap_pyfunction!(plan, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(dispatch, m)?)?;
    m.add_function(wrap_pyfunction!(prereview, m)?)?;
    m.add_function(wrap_pyfunction!(form_schema, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(guide, m)?)?;
    m.add_function(wrap_pyfunction!(conflicts, m)?)?;
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(_tape_roundtrip_for_tests, m)?)?;
    Ok(())
}
