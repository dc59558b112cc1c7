//! 就业信息: incomes.

use super::*;

/// Incomes are amounts; the personal income is not above the family's.
pub(super) fn income(cx: &mut Ctx, s: &Sections) {
    let Sections { root, .. } = *s;
    if let Some(emp) = obj(root, "employment") {
        let pi = money(cx, emp, "employment", "personal_annual_income", &|| {
            "/employment/personal_annual_income".into()
        });
        let fi = money(cx, emp, "employment", "family_annual_income", &|| {
            "/employment/family_annual_income".into()
        });
        if let (Some(pt), Some(ft)) = (pi, fi) {
            let (a, b) = (
                emp.get("personal_annual_income").and_then(Doc::as_f64),
                emp.get("family_annual_income").and_then(Doc::as_f64),
            );
            if let (Some(a), Some(b)) = (a, b) {
                if a > b {
                    cx.add(
                        &c::INCOME,
                        "/employment/personal_annual_income",
                        &[("personal", &pt.text()), ("family", &ft.text())],
                    );
                }
            }
        }
    }
}
