//! Who may use the service (八(二), 八(五)). (SCAFFOLD — owned by the rules work.)

use crate::codes::CodeInfo;
use crate::model::{Applicant, Eligibility};
use crate::Engine;

pub const CODES: &[CodeInfo] = &[];

impl Engine {
    pub fn check_eligibility(&self, _applicant: &Applicant) -> Eligibility {
        Eligibility {}
    }
}
