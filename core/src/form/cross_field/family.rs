//! 家庭情况: each family member's ID number and phone.

use super::*;

/// Each family member's ID number and phone.
pub(super) fn members(cx: &mut Ctx, s: &Sections) {
    let Sections { root, .. } = *s;
    if let Some(Doc::Array(a)) = root.get("family_members") {
        for (i, item) in a.iter().enumerate() {
            let Some(m) = item.as_object() else { continue };
            // An absent (or blank) number is not checked: `coded` finds nothing to read.
            cx.id(m, "family_members", "id_number", &|| {
                p_item("family_members", i, "id_number")
            });
            cx.phone(m, "family_members", "phone", &|| {
                p_item("family_members", i, "phone")
            });
        }
    }
}
