//! Input and output types of the core operations (serde + schemars). (SCAFFOLD — owned by the rules work.)

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicant {}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Situation {}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Eligibility {}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MaterialRequirement {}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Plan {}
