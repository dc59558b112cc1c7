//! 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, S, V, Z; check character
//! by weighted MOD 31. (CONTRACT STUB — implemented by the field-checks work.)

use super::Problem;

/// `Err(Problem::CheckDigit{..})` is a *warning* for callers (early pilot codes fail it legitimately);
/// every other problem is an error.
pub fn check(_s: &str) -> Result<(), Problem> {
    Err(Problem::Format {
        detail: "unimplemented",
    })
}
