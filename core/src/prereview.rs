//! Per-department pre-review (四(二)): "各部门根据申请人填报和上传的资料进行资料预审,预审不合格的驳回申办申请并以
//! 系统信息和短信形式告知驳回原因". Each department looks only at its own fields (dispatch.json) and its own
//! materials: the form's findings whose path falls inside its list, and the materials it checks that this
//! applicant must bring (附件3, by the pack's material rules) but did not submit. Each rejection carries a short
//! SMS in plain Chinese naming the field or material to fix (masked, like every message).
//!
//! The situation for the material rules is read from the form: 入伍时是否注销户口 (service_info.hukou_cancelled)
//! and 安置类型 (hukou_registration.settlement_type). The form does not say whether a military ID was issued
//! or whether an ID card is needed, so materials 12 and the ID-card items are not demanded at pre-review
//! (the clerk checks them at the window).
//!
//! Issue 13: a department passes only when every material it needs is known to be there.
//! - A material the window itself issues later (materials.json `issued_at`: the 落户介绍信, issued at 报到,
//!   conflict `material_6_issued_at_report`) is never asked for: pre-review comes before 报到.
//! - When the set of materials cannot be computed (入伍时注销户口 = 是 but no recognised 安置类型), the
//!   materials that do not depend on what is missing are still checked, and each one that does and was not
//!   submitted is a reason to reject (`prereview_material_undetermined`), never a silent pass.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::code_info::{code, CodeInfo, Severity::Error as E};
use crate::error::Result;
use crate::form::Finding;
use crate::pack::RulePack;
use crate::types::{IdCardNeed, SettlementMode, Situation};

pub const MATERIAL_MISSING: CodeInfo = code(
    "prereview_material_missing",
    "prereview",
    E,
    "未提交申请材料：{name}（附件3 第{no}项）",
    "material not submitted: {name} (附件3 item {no})",
    "附件3；八(六)",
);
pub const UNKNOWN_MATERIAL: CodeInfo = code(
    "prereview_unknown_material",
    "prereview",
    E,
    "已提交材料编号 {no} 不在附件3 的 14 项之内",
    "submitted material number {no} is not one of the 14 of 附件3",
    "附件3",
);

pub const MATERIAL_UNDETERMINED: CodeInfo = code(
    "prereview_material_undetermined",
    "prereview",
    E,
    "无法确定是否须提交{name}（附件3 第{no}项）：{detail}",
    "cannot tell whether {name} (附件3 item {no}) is needed: {detail_en}",
    "附件3；八(六)",
);

/// The codes of this module, in catalogue order.
pub const CODES: &[CodeInfo] = &[MATERIAL_MISSING, UNKNOWN_MATERIAL, MATERIAL_UNDETERMINED];

/// What pre-review knows about each material this applicant needs.
struct Needed {
    /// Required whatever the missing facts are.
    required: Vec<u8>,
    /// Required or not depending on what the form does not say, with why (zh, en).
    undetermined: Vec<u8>,
    why: (String, String),
}

/// The materials the applicant needs, as far as the form tells. When the situation is incomplete (a hukou
/// cancelled on enlistment but no recognised 安置类型) the rules are evaluated for every settlement mode: a
/// material required under all of them is required, one required under some is undetermined.
fn needed(pack: &RulePack, situation: &Situation) -> Needed {
    match crate::materials::required_materials(pack, situation) {
        Ok(list) => Needed {
            required: list.iter().filter(|m| m.required).map(|m| m.no).collect(),
            undetermined: Vec::new(),
            why: Default::default(),
        },
        Err(e) => {
            const MODES: [SettlementMode; 4] = [
                SettlementMode::OriginalHousehold,
                SettlementMode::Relatives,
                SettlementMode::Spouse,
                SettlementMode::EmployerCollective,
            ];
            let sets: Vec<Vec<u8>> = MODES
                .iter()
                .map(|m| {
                    let s = Situation {
                        settlement_mode: Some(*m),
                        ..situation.clone()
                    };
                    crate::materials::materials_unchecked(pack, &s)
                        .iter()
                        .filter(|r| r.required)
                        .map(|r| r.no)
                        .collect()
                })
                .collect();
            let all: Vec<u8> = pack.materials.iter().map(|m| m.no).collect();
            let why = if e.code == crate::materials::SETTLEMENT_MODE_REQUIRED.code {
                (
                    "入伍时注销了户口，但登记表户口登记业务信息中未填写或无法识别安置类型，而单位同意落户证明、亲属关系证明、结婚证取决于安置类型".to_string(),
                    "the hukou was cancelled on enlistment but the form's hukou section gives no recognised settlement type, on which materials 7–9 depend".to_string(),
                )
            } else {
                (e.message.clone(), e.message_en.clone())
            };
            Needed {
                required: all
                    .iter()
                    .copied()
                    .filter(|n| sets.iter().all(|s| s.contains(n)))
                    .collect(),
                undetermined: all
                    .iter()
                    .copied()
                    .filter(|n| {
                        sets.iter().any(|s| s.contains(n)) && !sets.iter().all(|s| s.contains(n))
                    })
                    .collect(),
                why,
            }
        }
    }
}

/// One department's verdict.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DepartmentReview {
    pub department: String,
    pub name: String,
    /// true = 通过预审.
    pub passed: bool,
    /// Why it is rejected: form findings on its fields, and missing materials.
    pub reasons: Vec<Finding>,
    /// The SMS text sent to the applicant (通过 or 驳回 with reasons).
    pub sms: String,
}

/// `prereview(form, submitted)`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Prereview {
    /// true when every department passes.
    pub passed: bool,
    pub departments: Vec<DepartmentReview>,
    /// Problems with the submitted list itself (unknown material numbers).
    pub submitted_errors: Vec<Finding>,
}

fn situation_from_form(form: &Value) -> Situation {
    let cancelled = form
        .pointer("/service_info/hukou_cancelled")
        .and_then(Value::as_str)
        == Some("是");
    let mode = match form
        .pointer("/hukou_registration/settlement_type")
        .and_then(Value::as_str)
    {
        Some("原籍落户") => Some(SettlementMode::OriginalHousehold),
        Some("单位集体户落户") => Some(SettlementMode::EmployerCollective),
        Some("投靠亲属落户") => Some(SettlementMode::Relatives),
        Some("投靠配偶落户") => Some(SettlementMode::Spouse),
        _ => None,
    };
    Situation {
        hukou_cancelled_on_enlistment: cancelled,
        settlement_mode: if cancelled { mode } else { None },
        military_id_issued: false,
        id_card: IdCardNeed::None,
        flexible_employment_medical: false,
    }
}

fn in_list(path: &str, fields: &[String]) -> bool {
    fields.iter().any(|f| {
        path == f || (path.starts_with(f.as_str()) && path.as_bytes().get(f.len()) == Some(&b'/'))
    })
}

fn sms(dept: &str, reasons: &[Finding]) -> String {
    if reasons.is_empty() {
        return format!(
            "【军人退役“一件事”】您的申请已通过{dept}预审，请按通知到安置地综合窗口递交资料。"
        );
    }
    let shown: Vec<&str> = reasons.iter().take(3).map(|f| f.message.as_str()).collect();
    let more = if reasons.len() > 3 {
        format!("等{}项", reasons.len())
    } else {
        String::new()
    };
    format!(
        "【军人退役“一件事”】您的申请未通过{dept}预审：{}{more}。请修改后重新提交。",
        shown.join("；")
    )
}

/// Pre-review a form and the list of submitted materials (附件3 numbers) for every department.
pub fn prereview(
    pack: &RulePack,
    form: &Value,
    submitted: &Value,
    today: Option<NaiveDate>,
) -> Result<Prereview> {
    let submitted: Vec<u8> = if submitted.is_null() {
        Vec::new()
    } else {
        // Read by the structural reader before (a list of integers 0–255, or null).
        crate::strict::read::<Vec<u8>>(&crate::doc::Doc::from_value(submitted))
            .map_err(|e| e.at("/submitted"))?
    };
    let mut submitted_errors = Vec::new();
    for (i, no) in submitted.iter().enumerate() {
        if pack.material(*no).is_none() {
            submitted_errors.push(Finding::new(
                &UNKNOWN_MATERIAL,
                format!("/submitted/{i}"),
                &[("no", &no.to_string())],
            ));
        }
    }
    // The report of the form as given; the situation from its canonical form (安置类型 in any spelling).
    let normalized = crate::form::normalize(form, today);
    let report = normalized.report;
    let situation = situation_from_form(&normalized.form);
    let needed = needed(pack, &situation);
    let mut departments = Vec::new();
    for rule in &pack.dispatch {
        let name = pack
            .department(&rule.department)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| rule.department.clone());
        // Findings outside every list (e.g. an unknown top-level key) go to the lead department.
        let lead = rule.department == "veterans";
        let mut reasons: Vec<Finding> = report
            .errors
            .iter()
            .filter(|f| {
                let p = f.path.strip_prefix("/form").unwrap_or(&f.path);
                in_list(p, &rule.fields)
                    || (lead && !pack.dispatch.iter().any(|r| in_list(p, &r.fields)))
            })
            .cloned()
            .collect();
        for no in &rule.materials {
            let Some(m) = pack.material(*no) else {
                continue;
            };
            // Issued by the window later (at 报到): not the applicant's to submit before.
            if m.issued_at.is_some() || submitted.contains(no) {
                continue;
            }
            let n = no.to_string();
            if needed.required.contains(no) {
                reasons.push(Finding::new(
                    &MATERIAL_MISSING,
                    "/submitted",
                    &[("name", &m.name), ("no", &n)],
                ));
            } else if needed.undetermined.contains(no) {
                reasons.push(Finding::new(
                    &MATERIAL_UNDETERMINED,
                    "/hukou_registration/settlement_type",
                    &[
                        ("name", &m.name),
                        ("no", &n),
                        ("detail", &needed.why.0),
                        ("detail_en", &needed.why.1),
                    ],
                ));
            }
        }
        departments.push(DepartmentReview {
            passed: reasons.is_empty(),
            sms: sms(&name, &reasons),
            department: rule.department.clone(),
            name,
            reasons,
        });
    }
    Ok(Prereview {
        passed: submitted_errors.is_empty() && departments.iter().all(|d| d.passed),
        departments,
        submitted_errors,
    })
}
