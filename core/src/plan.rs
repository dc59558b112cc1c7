//! The "one thing" for one applicant. (SCAFFOLD — owned by the rules work.)

use crate::codes::CodeInfo;
use crate::error::{Error, Result};
use crate::model::{Application, Plan};
use crate::Engine;

pub const CODES: &[CodeInfo] = &[];

impl Engine {
    pub fn plan(&self, _application: &Application) -> Result<Plan> {
        Err(Error::internal("plan not implemented"))
    }
}
