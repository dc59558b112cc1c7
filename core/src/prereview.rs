//! Per-department pre-review with SMS-ready reasons (四(二)). (SCAFFOLD — owned by the form work.)

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::codes::CodeInfo;
use crate::error::{Error, Result};
use crate::Engine;

pub const CODES: &[CodeInfo] = &[];

#[derive(Debug, Clone, Serialize)]
pub struct Prereview {}

impl Engine {
    pub fn prereview(
        &self,
        _form: &Value,
        _submitted: &Value,
        _today: Option<NaiveDate>,
    ) -> Result<Prereview> {
        Err(Error::internal("prereview not implemented"))
    }
}
