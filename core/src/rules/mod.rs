//! The rule pack: items, materials, conditions, deadlines, legal bases, conflicts. (SCAFFOLD — owned by the rules work.)

use std::path::Path;

use serde::Serialize;

use crate::codes::CodeInfo;
use crate::error::{Error, Result};

pub const CODES: &[CodeInfo] = &[];

/// A recorded contradiction in the seed text.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {}

#[derive(Debug, Clone)]
pub struct RulePack {}

impl RulePack {
    pub fn embedded() -> Result<RulePack> {
        Ok(RulePack {})
    }
    pub fn from_dir(_dir: &Path) -> Result<RulePack> {
        Err(Error::internal("rule pack not implemented"))
    }
    pub fn id(&self) -> &str {
        "shanxi"
    }
    pub fn conflicts(&self) -> &[Conflict] {
        &[]
    }
}
