//! Phone numbers: mainland mobile (11 digits, 1[3-9]…) and landline with area code (0AA(A)-NNNNNNN(N), an
//! optional `-` and extension). (CONTRACT STUB — implemented by the field-checks work.)

use super::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    Mobile,
    Landline,
}

pub fn check(_s: &str) -> Result<PhoneKind, Problem> {
    Err(Problem::Format {
        detail: "unimplemented",
    })
}
