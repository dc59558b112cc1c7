//! 创业信息: the credit code, the legal representative's phone, amounts and headcounts.

use super::*;

/// USCC, phone, amounts; veterans employed within the employees.
pub(super) fn business(cx: &mut Ctx, s: &Sections) {
    let Sections { root, .. } = *s;
    if let Some(ent) = obj(root, "entrepreneurship") {
        cx.coded(
            ent,
            "entrepreneurship",
            "uscc",
            &|| "/entrepreneurship/uscc".into(),
            &USCC,
            checks::uscc::check,
        );
        cx.phone(
            ent,
            "entrepreneurship",
            "legal_representative_phone",
            &|| "/entrepreneurship/legal_representative_phone".into(),
        );
        money(cx, ent, "entrepreneurship", "total_assets", &|| {
            "/entrepreneurship/total_assets".into()
        });
        money(cx, ent, "entrepreneurship", "annual_revenue", &|| {
            "/entrepreneurship/annual_revenue".into()
        });
        if let (Some(all), Some(vet)) = (uint(ent, "employees"), uint(ent, "veteran_employees")) {
            if vet > all {
                let (a, b) = (vet.to_string(), all.to_string());
                cx.add(
                    &c::VETERAN_EMPLOYEES,
                    "/entrepreneurship/veteran_employees",
                    &[("veterans", &a), ("employees", &b)],
                );
            }
        }
    }
}
