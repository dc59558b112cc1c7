//! Which department receives which fields (四(二), 五(一)): the lists live in `rules/shanxi/dispatch.json`,
//! each with its provenance; nothing outside a department's list reaches it. (SCAFFOLD — owned by the dispatch work.)

use serde::Serialize;
use serde_json::Value;

use crate::codes::CodeInfo;
use crate::error::{Error, Result};
use crate::Engine;

pub const CODES: &[CodeInfo] = &[];

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Dispatch {}

impl Engine {
    pub fn dispatch(&self, _form: &Value) -> Result<Dispatch> {
        Err(Error::internal("dispatch not implemented"))
    }
}
