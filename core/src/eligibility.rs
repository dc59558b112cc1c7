//! Who may use the service (八(二), 八(五)): a lawfully discharged soldier (义务兵 or 士官/军士) resettled for
//! self-employment at a current Shanxi county-level division, holding the 退出现役证书 and the 退出现役行政介绍信.
//! Every failing condition is reported, in a fixed order.

use crate::checks::divisions::{shanxi_place, ShanxiPlace};
use crate::code_info::{code, CodeInfo, Severity::Error as E};
use crate::mask::truncate_for_message;
use crate::report::Finding;
use crate::types::{Applicant, Eligibility};

const OBJ: &str = "八(二)：依法退出现役的山西省内安置自主就业退役士兵";

pub const NOT_DISCHARGED: CodeInfo = code(
    "not_discharged",
    "eligibility",
    E,
    "尚未依法退出现役：本服务面向依法退出现役的退役士兵",
    "not lawfully discharged: the service is for soldiers lawfully discharged from active service",
    "八(二)、八(五)",
);
pub const NOT_A_SOLDIER: CodeInfo = code(
    "not_a_soldier",
    "eligibility",
    E,
    "人员类别为“{category}”，不是士兵：本服务面向退役士兵（义务兵、士官/军士）",
    "category \"{category}\" is not a soldier: the service is for discharged soldiers (conscripts, sergeants)",
    OBJ,
);
pub const NOT_SELF_EMPLOYED: CodeInfo = code(
    "not_self_employed",
    "eligibility",
    E,
    "安置方式为“{mode}”，不是自主就业：本服务面向安置自主就业的退役士兵",
    "resettlement \"{mode}\" is not self-employment (自主就业)",
    OBJ,
);
pub const PLACEMENT_OUTSIDE_SHANXI: CodeInfo = code(
    "placement_outside_shanxi",
    "eligibility",
    E,
    "安置地代码 {code} 不在山西省：本服务面向山西省内安置的退役士兵",
    "place of resettlement {code} is outside Shanxi",
    OBJ,
);
pub const PLACEMENT_NOT_COUNTY_LEVEL: CodeInfo = code(
    "placement_not_county_level",
    "eligibility",
    E,
    "安置地代码 {code} 是省或市级代码，请填写县级（县、市、区）代码",
    "place of resettlement {code} is a province or city code; give the county-level code",
    "八(二)；《退役士兵安置条例》第十三条（安置地县级人民政府）",
);
pub const PLACEMENT_HISTORICAL: CodeInfo = code(
    "placement_historical",
    "eligibility",
    E,
    "安置地代码 {code}（{name}）已撤销，请改用现行代码 {successors}",
    "place of resettlement {code} ({name}) has been abolished; use the current code {successors}",
    "GB/T 2260；八(二)",
);
pub const PLACEMENT_UNKNOWN: CodeInfo = code(
    "placement_unknown",
    "eligibility",
    E,
    "安置地代码“{code}”不是有效的行政区划代码（应为 6 位数字的山西县级代码）",
    "place of resettlement \"{code}\" is not a valid division code (6 digits, a Shanxi county-level unit)",
    "GB/T 2260；八(二)",
);
pub const MISSING_DISCHARGE_CERTIFICATE: CodeInfo = code(
    "missing_discharge_certificate",
    "eligibility",
    E,
    "未取得退出现役证书（受理条件）",
    "no 退出现役证书 (discharge certificate): an acceptance condition",
    "八(五)",
);
pub const MISSING_INTRODUCTION_LETTER: CodeInfo = code(
    "missing_introduction_letter",
    "eligibility",
    E,
    "未取得退出现役行政介绍信（受理条件）",
    "no 退出现役行政介绍信 (administrative introduction letter): an acceptance condition",
    "八(五)",
);

/// The codes of this module, in catalogue order.
pub const CODES: &[CodeInfo] = &[
    NOT_DISCHARGED,
    NOT_A_SOLDIER,
    NOT_SELF_EMPLOYED,
    PLACEMENT_OUTSIDE_SHANXI,
    PLACEMENT_NOT_COUNTY_LEVEL,
    PLACEMENT_HISTORICAL,
    PLACEMENT_UNKNOWN,
    MISSING_DISCHARGE_CERTIFICATE,
    MISSING_INTRODUCTION_LETTER,
];

/// "140215（云州区）、…" for the codes a historical division was merged into.
fn successor_names(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| match crate::checks::divisions::lookup(c) {
            Some(d) => format!("{c}（{}）", d.name),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Check every eligibility condition; `eligible` is true only when none fails.
pub fn check_eligibility(a: &Applicant) -> Eligibility {
    let mut failures = Vec::new();
    if !a.lawfully_discharged {
        failures.push(Finding::new(&NOT_DISCHARGED, "/lawfully_discharged", &[]));
    }
    if !a.category.is_soldier() {
        failures.push(Finding::new(
            &NOT_A_SOLDIER,
            "/category",
            &[("category", a.category.as_str())],
        ));
    }
    if a.resettlement != crate::types::ResettlementMode::SelfEmployment {
        failures.push(Finding::new(
            &NOT_SELF_EMPLOYED,
            "/resettlement",
            &[("mode", a.resettlement.as_str())],
        ));
    }
    // A 6-digit division code is public data, shown as is; anything else is quoted masked and cut.
    let pc = &a.placement_code;
    let shown = if pc.len() == 6 && pc.bytes().all(|b| b.is_ascii_digit()) {
        pc.clone()
    } else {
        truncate_for_message(pc)
    };
    match shanxi_place(&a.placement_code) {
        ShanxiPlace::Current(_) => {}
        ShanxiPlace::Historical(d) => failures.push(Finding::new(
            &PLACEMENT_HISTORICAL,
            "/placement_code",
            &[
                ("code", &shown),
                ("name", &d.full_name),
                ("successors", &successor_names(&d.successors)),
            ],
        )),
        ShanxiPlace::NotCountyLevel => failures.push(Finding::new(
            &PLACEMENT_NOT_COUNTY_LEVEL,
            "/placement_code",
            &[("code", &shown)],
        )),
        ShanxiPlace::OutsideShanxi => failures.push(Finding::new(
            &PLACEMENT_OUTSIDE_SHANXI,
            "/placement_code",
            &[("code", &shown)],
        )),
        ShanxiPlace::Unknown => failures.push(Finding::new(
            &PLACEMENT_UNKNOWN,
            "/placement_code",
            &[("code", &shown)],
        )),
    }
    if !a.holds_discharge_certificate {
        failures.push(Finding::new(
            &MISSING_DISCHARGE_CERTIFICATE,
            "/holds_discharge_certificate",
            &[],
        ));
    }
    if !a.holds_introduction_letter {
        failures.push(Finding::new(
            &MISSING_INTRODUCTION_LETTER,
            "/holds_introduction_letter",
            &[],
        ));
    }
    Eligibility {
        eligible: failures.is_empty(),
        failures,
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{PersonnelCategory, ResettlementMode};
    use crate::Engine;

    #[test]
    fn all_failures_reported() {
        let e = Engine::embedded().unwrap();
        let a = Applicant {
            lawfully_discharged: false,
            category: PersonnelCategory::Officer,
            resettlement: ResettlementMode::AssignedJob,
            placement_code: "110101".into(),
            holds_discharge_certificate: false,
            holds_introduction_letter: false,
        };
        let r = e.check_eligibility(&a);
        assert!(!r.eligible);
        assert_eq!(r.failures.len(), 6);
        assert!(r.failures.iter().all(|f| !f.rule.is_empty()));
    }
}
