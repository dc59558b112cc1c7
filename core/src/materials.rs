//! Which of the 14 materials (附件3) an applicant must bring, and why (issue 2 §5).
//!
//! Rules (all in `rules/shanxi/materials.json`, each with its provenance): 1–5 and 14 always; 7, 8, 9 by the
//! settlement mode; 11 when the hukou was cancelled on enlistment; 12 when a military ID was issued; 6 and 10
//! only when the hukou must be restored (= it was cancelled, 八(八)2(3)①); 13 always, as 八(六)'s list of 8
//! mandatory materials says (conflict `material_13_necessity`).

use crate::error::Result;
use crate::model::{IdCardNeed, MaterialRequirement, Situation};
use crate::rules::{Condition, When};
use crate::Engine;

/// Whether a yes/no condition holds for the situation (`SettlementMode` compares with `mode`).
pub fn holds(when: When, mode: Option<crate::model::SettlementMode>, s: &Situation) -> bool {
    match when {
        When::Always => true,
        When::HukouCancelled => s.hukou_cancelled_on_enlistment,
        When::SettlementMode => {
            s.hukou_cancelled_on_enlistment && mode.is_some() && s.settlement_mode == mode
        }
        When::MilitaryIdIssued => s.military_id_issued,
        When::IdCardNeeded => s.id_card != IdCardNeed::None,
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
        (true, None) => Err(crate::plan::plan_error(
            "settlement_mode_required",
            "/settlement_mode",
            &[],
        )),
        (false, Some(m)) => Err(crate::plan::plan_error(
            "settlement_mode_not_applicable",
            "/settlement_mode",
            &[("mode", m.as_str())],
        )),
        _ => Ok(()),
    }
}

impl Engine {
    /// All materials of the pack, each with `required` and the reason.
    pub fn required_materials(&self, s: &Situation) -> Result<Vec<MaterialRequirement>> {
        check_situation(s)?;
        Ok(self.materials_unchecked(s))
    }

    pub(crate) fn materials_unchecked(&self, s: &Situation) -> Vec<MaterialRequirement> {
        self.pack()
            .materials
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
                MaterialRequirement {
                    no: m.no,
                    code: m.code.clone(),
                    name: m.name.clone(),
                    required,
                    reason,
                    source: m.source_channel.clone(),
                    rule: m.requirement.provenance.clone(),
                }
            })
            .collect()
    }
}
