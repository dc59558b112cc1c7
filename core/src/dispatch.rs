//! Which department receives which fields (四(二), 五(一)): the lists live in `rules/shanxi/dispatch.json`,
//! each with its provenance. The form is first put in its canonical form (`crate::form::canonical_form`:
//! closed lists as canonical values, numbers in one shape, the (数据推送) fields of the 户口登记 section filled
//! from 基本信息, 多表融合 五(一)), so a department never receives a value as typed; then each department
//! receives exactly the JSON Pointers on its list that are present in the form — nothing outside its list
//! reaches it.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::code_info::{code, CodeInfo, Severity::Error as E};
use crate::error::Result;
use crate::pack::Provenance;
use crate::pack::RulePack;

pub const FORM_NOT_OBJECT: CodeInfo = code(
    "dispatch_form_not_object",
    "dispatch",
    E,
    "登记表必须是 JSON 对象",
    "the form must be a JSON object",
    "附件2",
);

/// The codes of this module.
pub const CODES: &[CodeInfo] = &[FORM_NOT_OBJECT];

/// One department's share.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DepartmentShare {
    /// Department id (`veterans`, `police`, `hrss`, `medical`, `military`).
    pub department: String,
    /// Department name (Chinese).
    pub name: String,
    /// Service items (1–9) it handles.
    pub items: Vec<u8>,
    /// The part of the form it receives: same shape as the form, only the listed fields.
    pub data: Value,
    /// Pointers on its list that the form leaves empty.
    pub absent: Vec<String>,
    /// 附件3 materials it checks.
    pub materials: Vec<u8>,
    pub provenance: Provenance,
}

/// `dispatch(form)`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Dispatch {
    pub departments: Vec<DepartmentShare>,
}

/// Copy the value at `ptr` from `src` into `dst`, creating the intermediate objects. Returns false when absent.
fn copy_pointer(src: &Value, dst: &mut Map<String, Value>, ptr: &str) -> bool {
    let Some(v) = src.pointer(ptr) else {
        return false;
    };
    let tokens: Vec<String> = ptr
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((last, parents)) = tokens.split_last() else {
        return false;
    };
    let mut cur = dst;
    for t in parents {
        let entry = cur
            .entry(t.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        match entry {
            Value::Object(m) => cur = m,
            _ => return false,
        }
    }
    cur.insert(last.clone(), v.clone());
    true
}

/// Split a form into what each department receives.
pub fn dispatch(pack: &RulePack, form: &Value) -> Result<Dispatch> {
    if !form.is_object() {
        return Err(crate::Error::bad_input_code(&FORM_NOT_OBJECT, "/form", &[]));
    }
    let filled = crate::form::canonical_form(form);
    let mut departments = Vec::new();
    for rule in &pack.dispatch {
        let mut data = Map::new();
        let mut absent = Vec::new();
        for ptr in &rule.fields {
            if !copy_pointer(&filled, &mut data, ptr) {
                absent.push(ptr.clone());
            }
        }
        let name = pack
            .department(&rule.department)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| rule.department.clone());
        departments.push(DepartmentShare {
            department: rule.department.clone(),
            name,
            items: rule.items.clone(),
            data: Value::Object(data),
            absent,
            materials: rule.materials.clone(),
            provenance: rule.provenance.clone(),
        });
    }
    Ok(Dispatch { departments })
}
