//! 其他信息: the bank card (附件3 第14项).

use super::*;

/// The bank card number: format and Luhn.
pub(super) fn bank_card(cx: &mut Ctx, s: &Sections) {
    let Sections { root, .. } = *s;
    if let Some(other) = obj(root, "other_info") {
        cx.coded(
            other,
            "other_info",
            "bank_card_number",
            &|| "/other_info/bank_card_number".into(),
            &BANK_CARD,
            checks::bank_card::verify,
        );
    }
}
