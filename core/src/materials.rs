//! Which of the 14 materials (附件3) an applicant must bring, and why. (SCAFFOLD — owned by the rules work.)

use crate::model::{MaterialRequirement, Situation};
use crate::Engine;

impl Engine {
    pub fn required_materials(&self, _situation: &Situation) -> Vec<MaterialRequirement> {
        Vec::new()
    }
}
