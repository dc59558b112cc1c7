//! Which of the 14 materials (附件3) an applicant must bring, and why (issue 2 §5).
//!
//! Rules (all in `rules/shanxi/materials.json`, each with its provenance): 1–4 and 14 always; 5 unless the ID
//! card is lost (补领) or was never issued (首次申领), conflict `material_5_lost_card`; 7, 8, 9 by the
//! settlement mode; 11 when the hukou was cancelled on enlistment; 12 when a military ID was issued; 6 and 10
//! only when the hukou must be restored (= it was cancelled, 八(八)2(3)①); 13 always, as 八(六)'s list of 8
//! mandatory materials says (conflict `material_13_necessity`).

use crate::error::Result;
use crate::pack::RulePack;
use crate::pack::{Condition, When};
use crate::types::{IdCardNeed, MaterialRequirement, Situation};

/// Whether a yes/no condition holds for the situation (`SettlementMode` compares with `mode`).
pub fn holds(when: When, mode: Option<crate::types::SettlementMode>, s: &Situation) -> bool {
    match when {
        When::Always => true,
        When::HukouCancelled => s.hukou_cancelled_on_enlistment,
        When::SettlementMode => {
            s.hukou_cancelled_on_enlistment && mode.is_some() && s.settlement_mode == mode
        }
        When::MilitaryIdIssued => s.military_id_issued,
        When::IdCardNeeded => s.id_card != IdCardNeed::None,
        When::IdCardHeld => matches!(s.id_card, IdCardNeed::None | IdCardNeed::Renewal),
        When::FlexibleEmploymentMedical => s.flexible_employment_medical,
    }
}

/// Evaluate a condition: (holds, reason text with the clause).
pub fn evaluate<'a>(c: &'a Condition, s: &Situation) -> (bool, &'a str) {
    let h = holds(c.when, c.mode, s);
    (h, &c.rendered[usize::from(!h)])
}

/// Refuse a situation that contradicts itself: a settlement mode without a cancelled hukou, or a cancelled
/// hukou without a settlement mode (materials 7–9 cannot be decided).
pub fn check_situation(s: &Situation) -> Result<()> {
    match (s.hukou_cancelled_on_enlistment, s.settlement_mode) {
        (true, None) => Err(situation_error(
            &SETTLEMENT_MODE_REQUIRED,
            "/settlement_mode",
            &[],
        )),
        (false, Some(m)) => Err(situation_error(
            &SETTLEMENT_MODE_NOT_APPLICABLE,
            "/settlement_mode",
            &[("mode", m.as_str())],
        )),
        _ => Ok(()),
    }
}

/// All materials of the pack, each with `required` and the reason.
pub fn required_materials(pack: &RulePack, s: &Situation) -> Result<Vec<MaterialRequirement>> {
    check_situation(s)?;
    Ok(materials_unchecked(pack, s))
}

pub(crate) fn materials_unchecked(pack: &RulePack, s: &Situation) -> Vec<MaterialRequirement> {
    pack.materials
        .iter()
        .map(|m| {
            let (required, reason) = evaluate(&m.requirement, s);
            let mut reason = reason.to_string();
            for n in &m.extra_notes {
                if holds(n.when, None, s) {
                    reason.push('；');
                    reason.push_str(&n.text);
                }
            }
            if let (true, Some(at)) = (required, &m.issued_at) {
                reason.push('；');
                reason.push_str(&at.text);
            }
            MaterialRequirement {
                no: m.no,
                code: m.code.clone(),
                name: m.name.clone(),
                required,
                reason,
                source: m.source_channel.clone(),
                issued_at_item: m.issued_at.as_ref().map(|a| a.item),
                rule: m.requirement.provenance.clone(),
            }
        })
        .collect()
}

use crate::code_info::{code, CodeInfo, Severity::Error as E};

pub const SETTLEMENT_MODE_REQUIRED: CodeInfo = code(
    "settlement_mode_required",
    "materials",
    E,
    "字段 {path}：入伍时注销了户口，须填写落户方式（原籍落户、投靠亲属落户、投靠配偶落户、单位集体户落户），以确定附件3 第7–9项材料",
    "{path}: the hukou was cancelled on enlistment, so a settlement mode is required (materials 7–9 of 附件3 depend on it)",
    "附件3 第7–9项；八(六)",
);
pub const SETTLEMENT_MODE_NOT_APPLICABLE: CodeInfo = code(
    "settlement_mode_not_applicable",
    "materials",
    E,
    "字段 {path}：入伍时未注销户口，不需要落户，不应填写落户方式（填了“{mode}”）",
    "{path}: the hukou was not cancelled, so no settlement mode applies (got \"{mode}\")",
    "八(八)2(3)①",
);

/// The codes of this module.
pub const CODES: &[CodeInfo] = &[SETTLEMENT_MODE_REQUIRED, SETTLEMENT_MODE_NOT_APPLICABLE];

fn situation_error(info: &CodeInfo, path: &str, args: &[(&str, &str)]) -> crate::Error {
    let mut all: Vec<(&str, &str)> = vec![("path", path)];
    all.extend_from_slice(args);
    crate::Error::bad_input_code(info, path, &all)
}
