//! Which department receives which fields (四(二), 五(一)). (SCAFFOLD — owned by the form work.)

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::Engine;

#[derive(Debug, Clone, Serialize)]
pub struct Dispatch {}

impl Engine {
    pub fn dispatch(&self, _form: &Value) -> Result<Dispatch> {
        Err(Error::internal("dispatch not implemented"))
    }
}
