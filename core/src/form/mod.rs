//! The registration form (附件2): model, field and cross-field checks, report. (SCAFFOLD — owned by the form work.)

use chrono::NaiveDate;
use serde_json::Value;

use crate::codes::CodeInfo;
use crate::Engine;

pub mod report;
pub use report::{Finding, Report};

pub const CODES: &[CodeInfo] = &[];

impl Engine {
    /// Check a form; `today` defaults to the system date (Asia/Shanghai).
    pub fn validate(&self, _form: &Value, _today: Option<NaiveDate>) -> Report {
        Report::from_findings(Vec::new())
    }
}
