//! Bank card numbers: 12–19 digits (spaces allowed between groups); Luhn failure is a *warning* for callers.
//! (CONTRACT STUB — implemented by the field-checks work.)

use super::Problem;

/// `Ok(normalized digits)`; `Err(Problem::CheckDigit{..})` means a Luhn failure (warning).
pub fn check(_s: &str) -> Result<String, Problem> {
    Err(Problem::Format {
        detail: "unimplemented",
    })
}
