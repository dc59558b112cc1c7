//! 基本医疗保险关系转移接续: the insured period, the months paid, the balance in figures and in words.

use super::*;

/// The insured period in order, months paid within it, the balance in words equal to the figures.
pub(super) fn transfer(cx: &mut Ctx, s: &Sections) {
    let Sections { root, .. } = *s;
    if let Some(mi) = obj(root, "medical_insurance_transfer") {
        let ym = |y: &str, m: &str| -> Option<(u64, u64)> {
            let (y, m) = (uint(mi, y)?, uint(mi, m)?);
            ((1950..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
        };
        if let (Some(a), Some(b)) = (ym("start_year", "start_month"), ym("end_year", "end_month")) {
            if a > b {
                // The period's ends in the message, formatted only for it.
                let (fa, fb) = (format!("{}-{:02}", a.0, a.1), format!("{}-{:02}", b.0, b.1));
                cx.add(
                    &c::INSURANCE_ORDER,
                    "/medical_insurance_transfer/end_year",
                    &[("from", &fa), ("to", &fb)],
                );
            } else if let Some(paid) = uint(mi, "paid_months") {
                let max = (b.0 * 12 + b.1) - (a.0 * 12 + a.1) + 1;
                if paid > max {
                    let (ps, ms) = (paid.to_string(), max.to_string());
                    cx.add(
                        &c::PAID_MONTHS,
                        "/medical_insurance_transfer/paid_months",
                        &[("paid", &ps), ("max", &ms)],
                    );
                }
            }
        }
        let amount = money(cx, mi, "medical_insurance_transfer", "balance", &|| {
            "/medical_insurance_transfer/balance".into()
        });
        if let Some(upper) = text(mi, "balance_uppercase") {
            let path = "/medical_insurance_transfer/balance_uppercase";
            match checks::money::parse_uppercase(upper) {
                Err(e) => {
                    let at = match e {
                        checks::money::MoneyError::BadUppercase { at } => (at + 1).to_string(),
                        _ => "1".to_string(),
                    };
                    let v = truncate_for_message(upper);
                    cx.add(
                        &c::MONEY_UPPER_INVALID,
                        path,
                        &[
                            (
                                "field",
                                title_of("medical_insurance_transfer", "balance_uppercase"),
                            ),
                            ("key", "balance_uppercase"),
                            ("value", &v),
                            ("at", &at),
                        ],
                    );
                }
                Ok(fen) => {
                    if let Some(a) = amount.filter(|a| a.fen() != fen) {
                        let (v, t) = (truncate_for_message(upper), a.text());
                        let exp = checks::money::to_uppercase(a.fen());
                        cx.add(
                            &c::MONEY_UPPER_MISMATCH,
                            path,
                            &[("upper", &v), ("amount", &t), ("expected", &exp)],
                        );
                    }
                }
            }
        }
    }
}
