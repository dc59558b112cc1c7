//! Field checkers: pure functions over one value each (ID numbers, USCC, phones, bank cards, money in
//! words, division codes). No I/O, no allocation-heavy work, no knowledge of the form: the form validator
//! (`crate::form`) and eligibility call these and turn their results into coded findings.
//!
//! Contract (shared by the form, eligibility and dispatch work):
//! - every checker takes the raw `&str` the user typed (surrounding whitespace already trimmed by the caller);
//! - full-width digits/letters are reported as [`Problem::FullWidth`] carrying the half-width value to use;
//! - results never contain the full input when it is an ID or card number (callers mask with `crate::mask`);
//!   note that `Problem::FullWidth { half }` and `IdInfo::normalized()` *are* the value: mask before printing.
//!
//! Summary of the decisions (details in each module's docs):
//!
//! | checker | accepts | problems, in the order they are checked |
//! | --- | --- | --- |
//! | [`id_number`] | 18 chars, lowercase `x` (normalized to `X`), any GB/T 2260 region code listed 1980–now (one abolished before the birth year is accepted and flagged in `IdInfo::region_abolished`) | FullWidth, Format, CheckDigit, BadDate (not a real date), Before1900 (a real date before 1900), UnknownRegion |
//! | [`uscc`] | 18 chars of `0-9A-Z` minus I O S V Z, digits at 3–8 | FullWidth, Format (`length`, `lowercase`, `chars`, `division`), CheckDigit (a warning) |
//! | [`phone`] | mobile `1[3-9]`+9 digits (optional `+86`), landline `0AA(A)`, optional `-`, 7–8 digits, optional `-` + 1–6 digit extension, or `(0351)…` | FullWidth, Format |
//! | [`bank_card`] | 12–19 digits, single spaces between groups | FullWidth, Format, CheckDigit (Luhn, a warning) |
//! | [`money`] | decimals ≤ 2 places, < 10^13 yuan; uppercase in every spelling the regulation allows | `MoneyError` |
//! | [`divisions`] | 6 ASCII digits | — (`ShanxiPlace` / `Option<Division>` / `IdRegion`) |
//!
//! Every checker rejects input longer than [`MAX_INPUT_BYTES`] first, so arbitrary input costs bounded work.

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
    /// The birth date embedded in an ID number is a real date before 1900: no living person was born then.
    Before1900 { year: u32 },
    /// A region / division code that GB/T 2260 never listed (1980 to the latest list).
    UnknownRegion,
}

/// Inputs longer than this many bytes are rejected as `Format { detail: "length" }` before any other work
/// (no checked value comes near it; this bounds the work and allocation for arbitrary input).
pub const MAX_INPUT_BYTES: usize = 256;

/// Half-width form of `s` when it contains full-width ASCII variants (U+FF01–U+FF5E, e.g. `０`–`９`, `Ｘ`, `ｘ`,
/// `－`, `（`) or the ideographic space U+3000; `None` when there are none. Other characters are kept as they are.
pub fn half_width(s: &str) -> Option<String> {
    match crate::date::to_half_width(s) {
        std::borrow::Cow::Owned(h) => Some(h),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_conversion() {
        assert_eq!(half_width("123"), None);
        assert_eq!(
            half_width("１２３ｘＸ－（）　a中").as_deref(),
            Some("123xX-() a中")
        );
    }
}
