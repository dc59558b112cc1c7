//! JSON Schemas (draft 2020-12) of every input and output, generated with schemars. (SCAFFOLD)

use serde_json::Value;

use crate::error::{Error, Result};
use crate::Engine;

impl Engine {
    /// The registration form's schema (the default of `tuiyi schema`).
    pub fn form_schema(&self) -> Value {
        crate::form::schema::form_schema().clone()
    }

    /// The schema of a named type: `form`, `situation`, `applicant`, `application`, `plan`, …
    pub fn schema(&self, name: &str) -> Result<Value> {
        Err(Error::internal(format!("schema {name} not implemented")))
    }
}
