//! 户口登记(退役军人恢复户口)业务信息: the section is there when the hukou was cancelled; settlement type and
//! household kind agree; the sponsor's ID; the pushed fields agree with 基本信息 (姓名 and 身份证号 the same,
//! 原户籍地址 within 户籍地).

use super::*;

/// The hukou section.
pub(super) fn section(cx: &mut Ctx, s: &Sections) {
    let Sections {
        root,
        basic,
        service,
        ..
    } = *s;
    let entry = root.get("hukou_registration");
    let hukou = entry.and_then(Doc::as_object);
    if entry.is_none() && text(service, "hukou_cancelled") == Some("是") {
        cx.add(&c::HUKOU_SECTION, "/hukou_registration", &[]);
    }
    if let Some(h) = hukou {
        if let (Some(s), Some(kind)) = (text(h, "settlement_type"), text(h, "household_kind")) {
            if let Some((_, need)) = HOUSEHOLD_FOR_SETTLEMENT.iter().find(|(x, _)| *x == s) {
                if kind != *need && (kind == "家庭户" || kind == "集体户") {
                    cx.add(
                        &c::HOUSEHOLD_KIND,
                        "/hukou_registration/household_kind",
                        &[("settlement", s), ("expected", need)],
                    );
                }
            }
        }
        cx.id(h, "hukou_registration", "sponsor_id_number", &|| {
            "/hukou_registration/sponsor_id_number".into()
        });
        // 原户籍地址 is an address within 户籍地 (a place: a county code, a name or an address), checked by
        // the divisions both name; the other pushed fields are the same values as in 基本信息.
        if let (Some(a), Some(b)) = (
            text(h, "original_address"),
            text(basic, "household_registration_place"),
        ) {
            if a != b {
                let place = checks::divisions::resolve_place(b);
                if checks::divisions::address_within(a, &place) == Some(false) {
                    let name = place_name(&place);
                    let (av, bv) = (truncate_for_message(a), truncate_for_message(b));
                    cx.add(
                        &c::ADDRESS_OUTSIDE_PLACE,
                        "/hukou_registration/original_address",
                        &[("address", &av), ("place", &bv), ("name", &name)],
                    );
                }
            }
        }
        for (hk, bk) in PUSHED {
            if *hk == "original_address" {
                continue;
            }
            if let (Some(a), Some(b)) = (text(h, hk), text(basic, bk)) {
                let same = if *hk == "id_number" {
                    a.eq_ignore_ascii_case(b)
                } else {
                    a == b
                };
                if !same {
                    let path = p("hukou_registration", hk);
                    cx.add(
                        &c::PUSHED_MISMATCH,
                        &path,
                        &[("field", title_of("hukou_registration", hk)), ("key", hk)],
                    );
                }
            }
        }
    }
}

/// Pushed fields of the hukou section and the 基本信息 field each comes from.
pub const PUSHED: &[(&str, &str)] = &[
    ("name", "name"),
    ("id_number", "id_number"),
    ("original_address", "household_registration_place"),
];

/// The full name of the most specific division a place names (e.g. 山西省太原市小店区).
fn place_name(p: &checks::divisions::PlaceNames) -> String {
    [&p.county, &p.city, &p.province]
        .iter()
        .find(|v| !v.is_empty())
        .map(|v| {
            v.iter()
                .filter_map(|&c| checks::divisions::lookup_code(c))
                .map(|d| d.full_name)
                .collect::<Vec<_>>()
                .join("或")
        })
        .unwrap_or_default()
}
