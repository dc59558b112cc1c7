//! The JSON facade: one operation name + one JSON input → one JSON output.
//!
//! Every face calls this: the CLI, the Python, Node and WebAssembly bindings, and the shared test vectors
//! (`tests/vectors/`). The operations, their parameters and results are the rows of [`crate::ops::OPS`]
//! (`tuiyi operations` prints them). An input can arrive as JSON text ([`run_text`]), as a
//! `serde_json::Value` ([`run`]) or as a [`Doc`] a face built from its host language's values
//! ([`run_doc`], or [`run_doc_owned`] when the face gives it away); the answers and errors are the same.

use serde_json::Value;

use crate::doc::Doc;
use crate::error::Result;
use crate::ops::{self, Output};
use crate::Engine;

/// Run `op` on a JSON value; the output is the operation's JSON.
pub fn run(engine: &Engine, op: &str, input: &Value) -> Result<Value> {
    let op = ops::find(op).ok_or_else(|| ops::unknown_operation(op))?;
    let doc = Doc::from_value(input);
    ops::check_limits(op, &doc)?;
    ops::call(engine, op, std::borrow::Cow::Owned(doc)).map(|o| o.to_value())
}

/// [`run`], with the notes that go with the answer ([`Output::notes`]: e.g. `calendar_year_provisional` when a
/// working day was counted in a year with no loaded notice). The CLI prints them on stderr, so the bare
/// answers of `workday` stay what they are on stdout.
pub fn run_with_notes(
    engine: &Engine,
    op: &str,
    input: &Value,
) -> Result<(Value, Vec<crate::report::Finding>)> {
    let op = ops::find(op).ok_or_else(|| ops::unknown_operation(op))?;
    let doc = Doc::from_value(input);
    ops::check_limits(op, &doc)?;
    ops::call(engine, op, std::borrow::Cow::Owned(doc)).map(|o| (o.to_value(), o.notes().to_vec()))
}

/// Run `op` on its input given as JSON text (parsed within the limits): the output as an [`Output`], to be
/// written as JSON text or turned into a value.
pub fn run_text(engine: &Engine, op: &str, input: &str) -> Result<Output> {
    let op = ops::find(op).ok_or_else(|| ops::unknown_operation(op))?;
    let doc = crate::parse::parse_input(input, &op.text_params())?;
    ops::call(engine, op, std::borrow::Cow::Owned(doc))
}

/// Run `op` on an input a face built (it must have been read within the limits, e.g. by `tuiyi-host`'s
/// budget sink, or checked with [`crate::ops::check_limits`]).
pub fn run_doc(engine: &Engine, op: &str, input: &Doc) -> Result<Output> {
    let op = ops::find(op).ok_or_else(|| ops::unknown_operation(op))?;
    ops::call(engine, op, std::borrow::Cow::Borrowed(input))
}

/// [`run_doc`] of an input the face gives away (it built it for this call): the same output. Its
/// arguments are moved out of it, so a form not written canonically is made canonical in place instead of
/// copied.
pub fn run_doc_owned(engine: &Engine, op: &str, input: Doc) -> Result<Output> {
    let op = ops::find(op).ok_or_else(|| ops::unknown_operation(op))?;
    ops::call(engine, op, std::borrow::Cow::Owned(input))
}

/// The `unknown_operation` error for `name` (for faces that look operations up themselves).
pub fn run_doc_unknown(name: &str) -> crate::Error {
    ops::unknown_operation(name)
}

/// [`run`] with the JSON input given as text; the output as a value.
pub fn run_str(engine: &Engine, op: &str, input: &str) -> Result<Value> {
    run_text(engine, op, input).map(|o| o.to_value())
}

/// `validate` with the form given as its own JSON text (an HTTP body, a JSONL line): the same report and
/// the same errors as `run(engine, "validate", {"form": <the text>, "today": today})`.
pub fn validate_text(
    engine: &Engine,
    form: &str,
    today: Option<chrono::NaiveDate>,
) -> Result<crate::form::Report> {
    let doc = crate::parse::parse_at(form, 2, "/form")?;
    Ok(engine.validate_parsed(doc, today))
}

/// [`validate_text`] with the form's JSON text as bytes (an HTTP body as received): `json_not_utf8` at
/// `/form` when they are not UTF-8, otherwise exactly what `validate_text` answers for their text.
pub fn validate_bytes(
    engine: &Engine,
    form: &[u8],
    today: Option<chrono::NaiveDate>,
) -> Result<crate::form::Report> {
    validate_text(engine, crate::parse::utf8_text(form, "/form")?, today)
}
