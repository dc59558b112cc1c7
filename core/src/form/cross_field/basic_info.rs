//! 基本信息: the applicant's ID number against birth date and gender, phones, and 安置地.

use super::*;

/// ID number, its birth date and gender against the form's; the phone numbers.
pub(super) fn identity(cx: &mut Ctx, s: &Sections) {
    let Sections { basic, birth, .. } = *s;
    let id = cx.id(basic, "basic_info", "id_number", &|| {
        "/basic_info/id_number".into()
    });
    if let Some(info) = &id {
        if let Some(b) = birth {
            if b != info.birth {
                let (x, y) = (format_date(b), format_date(info.birth));
                cx.add(
                    &c::ID_BIRTH_MISMATCH,
                    "/basic_info/birth_date",
                    &[("birth", &x), ("id_birth", &y)],
                );
            }
        }
        if let Some(g) = text(basic, "gender") {
            let id_g = match info.sex {
                Sex::Male => "男",
                Sex::Female => "女",
            };
            if (g == "男" || g == "女") && g != id_g {
                cx.add(
                    &c::ID_GENDER_MISMATCH,
                    "/basic_info/gender",
                    &[("gender", g), ("id_gender", id_g)],
                );
            }
        }
    }
    cx.phone(basic, "basic_info", "phone", &|| "/basic_info/phone".into());
    cx.phone(basic, "basic_info", "emergency_contact_phone", &|| {
        "/basic_info/emergency_contact_phone".into()
    });
}

/// 安置地: a current Shanxi county-level division.
pub(super) fn place(cx: &mut Ctx, s: &Sections) {
    let Sections { basic, .. } = *s;
    if let Some(s) = text(basic, "resettlement_place") {
        // The common case, answered without building the division or the message's values.
        if checks::divisions::is_current_shanxi_county(s) {
            return;
        }
        let path = "/basic_info/resettlement_place";
        {
            let field = title_of("basic_info", "resettlement_place");
            // A division code is not personal data: shown as typed when short.
            let v = if s.chars().count() <= 8 {
                s.to_string()
            } else {
                truncate_for_message(s)
            };
            let base = [
                ("field", field),
                ("key", "resettlement_place"),
                ("value", v.as_str()),
            ];
            match checks::divisions::shanxi_place(s) {
                ShanxiPlace::Current(_) => {}
                ShanxiPlace::Historical(d) => {
                    let succ = successor_list(&d.successors);
                    let mut args = base.to_vec();
                    args.push(("name", &d.name));
                    args.push(("successors", &succ));
                    cx.add(&c::PLACE_HISTORICAL, path, &args);
                }
                ShanxiPlace::NotCountyLevel => cx.add(&c::PLACE_NOT_COUNTY, path, &base),
                ShanxiPlace::OutsideShanxi => cx.add(&c::PLACE_NOT_SHANXI, path, &base),
                ShanxiPlace::Unknown => cx.add(&c::PLACE_UNKNOWN, path, &base),
            }
        }
    }
}
