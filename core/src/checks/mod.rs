//! Field checkers: pure functions over one value each (ID numbers, USCC, phones, bank cards, money in
//! words, division codes). No I/O, no allocation-heavy work, no knowledge of the form: the form validator
//! (`crate::form`) and eligibility call these and turn their results into coded findings.
//!
//! Contract (shared by the form, eligibility and dispatch work):
//! - every checker takes the raw `&str` the user typed (surrounding whitespace already trimmed by the caller);
//! - full-width digits/letters are reported as [`Problem::FullWidth`] carrying the half-width value to use;
//! - results never contain the full input when it is an ID or card number (callers mask with `crate::mask`).

pub mod bank_card;
pub mod divisions;
pub mod id_number;
pub mod money;
pub mod phone;
pub mod uscc;

/// What is wrong with a value, as far as a single-field checker can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Full-width characters where ASCII is expected; `half` is the value converted to half-width.
    FullWidth { half: String },
    /// Wrong length / shape / character set; `detail` is a short machine-readable reason.
    Format { detail: &'static str },
    /// A check digit or character does not match; `expected` is the one the algorithm gives.
    CheckDigit { expected: char },
    /// A date embedded in the value is not a real date (ID numbers).
    BadDate,
    /// A region / division code that is not in the GB/T 2260 data (current or historical).
    UnknownRegion,
}
