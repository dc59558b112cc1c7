//! 服役信息: the order and span of birth, enlistment and discharge, years of service, and the dates of
//! commendations, awards and punishments within the service.

use super::*;

/// Birth, enlistment, discharge and today in order; years of service; dates within the service.
pub(super) fn dates(cx: &mut Ctx, s: &Sections) {
    let Sections {
        root,
        service,
        today,
        birth,
        ..
    } = *s;
    let enl = date(service, "enlistment_date");
    let dis = date(service, "discharge_date");
    if let (Some(b), Some(e)) = (birth, enl) {
        if b >= e {
            let (x, y) = (format_date(b), format_date(e));
            cx.add(
                &c::BIRTH_AFTER_ENLISTMENT,
                "/service_info/enlistment_date",
                &[("birth", &x), ("enlistment", &y)],
            );
        } else {
            let age = years_between(b, e);
            if !(16..=35).contains(&age) {
                let a = age.to_string();
                cx.add(
                    &c::AGE_IMPLAUSIBLE,
                    "/service_info/enlistment_date",
                    &[("age", &a), ("min", "16"), ("max", "35")],
                );
            }
        }
    }
    if let (Some(e), Some(d)) = (enl, dis) {
        if e >= d {
            let (x, y) = (format_date(e), format_date(d));
            cx.add(
                &c::ENLISTMENT_AFTER_DISCHARGE,
                "/service_info/discharge_date",
                &[("enlistment", &x), ("discharge", &y)],
            );
        } else if let Some(n) = uint(service, "years_of_service") {
            let months = months_between(e, d);
            let lo = months / 12;
            let hi = lo + u32::from(!months.is_multiple_of(12));
            if n < u64::from(lo) || n > u64::from(hi) {
                let (dn, ms) = (n.to_string(), months.to_string());
                let exp = if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo} 或 {hi}")
                };
                cx.add(
                    &c::SERVICE_YEARS,
                    "/service_info/years_of_service",
                    &[("declared", &dn), ("months", &ms), ("expected", &exp)],
                );
            }
        }
    }
    if let Some(d) = dis {
        if d > today {
            let (x, y) = (format_date(d), format_date(today));
            cx.add(
                &c::DISCHARGE_IN_FUTURE,
                "/service_info/discharge_date",
                &[("discharge", &x), ("today", &y)],
            );
        }
    }
    if let (Some(e), Some(d)) = (enl, dis) {
        if e < d {
            for list in ["commendations", "awards", "punishments"] {
                let Some(Doc::Array(a)) = root.get(list) else {
                    continue;
                };
                for (i, item) in a.iter().enumerate() {
                    let Some(m) = item.as_object() else { continue };
                    if let Some(x) = date(m, "date") {
                        if x < e || x > d {
                            let path = p_item(list, i, "date");
                            let (xs, es, ds) = (format_date(x), format_date(e), format_date(d));
                            cx.add(
                                &c::OUTSIDE_SERVICE,
                                &path,
                                &[
                                    ("field", title_of(list, "date")),
                                    ("key", "date"),
                                    ("date", &xs),
                                    ("from", &es),
                                    ("to", &ds),
                                ],
                            );
                        }
                    }
                }
            }
        }
    }
}
