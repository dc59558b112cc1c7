//! Field and cross-field checks of the form (after the structural walk), and the table of conditional
//! requirements shared with the JSON Schema's `if`/`then`.

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use super::codes as c;
use super::walk::{blank, trimmed};
use super::Finding;
use crate::checks::{self, divisions::ShanxiPlace, id_number::Sex, Problem};
use crate::date::{format_date, is_full_width, parse_date, to_half_width};
use crate::json::{Doc, Obj};
use crate::mask::{mask_id, truncate_for_message};

/// When a conditional requirement applies.
#[derive(Debug, Clone, Copy)]
pub enum When {
    /// The trigger field equals this value.
    Equals(&'static str),
    /// The trigger field is filled in.
    Present,
}

/// "In `section`, when `trigger` …, the fields `then` are required."
#[derive(Debug, Clone, Copy)]
pub struct Conditional {
    pub section: &'static str,
    pub trigger: &'static str,
    pub when: When,
    pub then: &'static [&'static str],
    /// Chinese and English wording of the condition, for messages.
    pub condition: &'static str,
    pub condition_en: &'static str,
}

const EMERGENCY: &[&str] = &[
    "emergency_contact",
    "emergency_contact_relation",
    "emergency_contact_employer",
    "emergency_contact_phone",
];
const SPONSOR: &[&str] = &[
    "proposed_address",
    "sponsor_name",
    "sponsor_id_number",
    "household_kind",
];

const fn cond(
    section: &'static str,
    trigger: &'static str,
    when: When,
    then: &'static [&'static str],
    condition: &'static str,
    condition_en: &'static str,
) -> Conditional {
    Conditional {
        section,
        trigger,
        when,
        then,
        condition,
        condition_en,
    }
}

/// The conditional requirements of 附件2 (issue 3 §2). The emergency-contact rows make the four fields
/// all-or-none (reported with their own code).
pub const CONDITIONALS: &[Conditional] = &[
    cond(
        "basic_info",
        "is_relocated",
        When::Equals("是"),
        &["relocation_basis"],
        "是否异地为“是”",
        "is_relocated is 是",
    ),
    cond(
        "basic_info",
        "disability_level",
        When::Present,
        &["disability_details", "disability_nature"],
        "填写残疾等级",
        "a disability_level is given",
    ),
    cond(
        "basic_info",
        "emergency_contact",
        When::Present,
        EMERGENCY,
        "填写紧急联系人",
        "an emergency contact is given",
    ),
    cond(
        "basic_info",
        "emergency_contact_relation",
        When::Present,
        EMERGENCY,
        "填写紧急联系人",
        "an emergency contact is given",
    ),
    cond(
        "basic_info",
        "emergency_contact_employer",
        When::Present,
        EMERGENCY,
        "填写紧急联系人",
        "an emergency contact is given",
    ),
    cond(
        "basic_info",
        "emergency_contact_phone",
        When::Present,
        EMERGENCY,
        "填写紧急联系人",
        "an emergency contact is given",
    ),
    cond(
        "education",
        "enrolled_before_service",
        When::Equals("是"),
        &["study_stage", "study_major"],
        "服役前在读为“是”",
        "enrolled_before_service is 是",
    ),
    cond(
        "education",
        "resume_study",
        When::Equals("是"),
        &["resume_date"],
        "退役后复学为“是”",
        "resume_study is 是",
    ),
    cond(
        "employment",
        "is_employed",
        When::Equals("是"),
        &[
            "employment_status",
            "employer_name",
            "employer_type",
            "hire_date",
        ],
        "是否就业为“是”",
        "is_employed is 是",
    ),
    cond(
        "employment_intention",
        "has_intention",
        When::Equals("是"),
        &["region", "industry", "occupation"],
        "有就业意向",
        "has_intention is 是",
    ),
    cond(
        "entrepreneurship",
        "is_entrepreneur",
        When::Equals("是"),
        &["business_type", "uscc", "enterprise_name", "founding_date"],
        "是否创业为“是”",
        "is_entrepreneur is 是",
    ),
    cond(
        "training_intention",
        "has_intention",
        When::Equals("是"),
        &["training_type", "training_major"],
        "有培训意向",
        "has_intention is 是",
    ),
    cond(
        "hukou_registration",
        "settlement_type",
        When::Equals("投靠亲属落户"),
        SPONSOR,
        "安置类型为投靠亲属落户",
        "settlement_type is 投靠亲属落户",
    ),
    cond(
        "hukou_registration",
        "settlement_type",
        When::Equals("投靠配偶落户"),
        SPONSOR,
        "安置类型为投靠配偶落户",
        "settlement_type is 投靠配偶落户",
    ),
    cond(
        "hukou_registration",
        "settlement_type",
        When::Equals("单位集体户落户"),
        &["proposed_address", "household_kind"],
        "安置类型为单位集体户落户",
        "settlement_type is 单位集体户落户",
    ),
];

/// Settlement type → the household kind it needs.
pub const HOUSEHOLD_FOR_SETTLEMENT: &[(&str, &str)] = &[
    ("单位集体户落户", "集体户"),
    ("投靠亲属落户", "家庭户"),
    ("投靠配偶落户", "家庭户"),
];

/// Add `if`/`then` for [`CONDITIONALS`], the household kinds and the hukou section to the schema.
pub fn add_conditionals(schema: &mut Value) {
    let defs_name = |section: &str| -> Option<String> {
        let r = schema
            .pointer(&format!("/properties/{section}/$ref"))?
            .as_str()?;
        Some(r.rsplit('/').next()?.to_string())
    };
    let mut per_def: Vec<(String, Value)> = Vec::new();
    for k in CONDITIONALS {
        let Some(def) = defs_name(k.section) else {
            continue;
        };
        let cond = match k.when {
            When::Equals(v) => {
                json!({"properties": {k.trigger: {"const": v}}, "required": [k.trigger]})
            }
            When::Present => json!({"required": [k.trigger]}),
        };
        per_def.push((def, json!({"if": cond, "then": {"required": k.then}})));
    }
    if let Some(def) = defs_name("hukou_registration") {
        for (s, h) in HOUSEHOLD_FOR_SETTLEMENT {
            per_def.push((def.clone(), json!({
                "if": {"properties": {"settlement_type": {"const": s}}, "required": ["settlement_type"]},
                "then": {"properties": {"household_kind": {"const": h}}}
            })));
        }
    }
    for (def, rule) in per_def {
        if let Some(Value::Object(d)) = schema.pointer_mut(&format!("/$defs/{def}")) {
            if let Value::Array(a) = d.entry("allOf").or_insert_with(|| json!([])) {
                a.push(rule);
            }
        }
    }
    if let Value::Object(root) = schema {
        root.insert(
            "allOf".into(),
            json!([{
                "if": {
                    "properties": {"service_info": {"properties": {"hukou_cancelled": {"const": "是"}}, "required": ["hukou_cancelled"]}},
                    "required": ["service_info"]
                },
                "then": {"required": ["hukou_registration"]}
            }]),
        );
    }
}

// ---------- helpers over the JSON value ----------

fn obj<'a>(m: &'a Obj<'a>, k: &str) -> Option<&'a Obj<'a>> {
    m.get(k).and_then(Doc::as_object)
}

/// A filled-in string field (trimmed), or None.
fn text<'a>(m: &'a Obj<'a>, k: &str) -> Option<&'a str> {
    match m.get(k) {
        Some(Doc::String(s)) if !blank(s) => Some(trimmed(s)),
        _ => None,
    }
}

fn filled(m: &Obj, k: &str) -> bool {
    match m.get(k) {
        None => false,
        Some(Doc::String(s)) => !blank(s),
        Some(_) => true,
    }
}

fn date(m: &Obj, k: &str) -> Option<NaiveDate> {
    text(m, k).and_then(|s| parse_date(s).ok())
}

fn uint(m: &Obj, k: &str) -> Option<u64> {
    m.get(k).and_then(Doc::as_u64)
}

fn title_of(section: &str, key: &str) -> &'static str {
    if let super::walk::Node::Obj(root) = super::walk::tree() {
        let sec = if section.is_empty() {
            Some(root)
        } else {
            root.fields
                .iter()
                .find(|f| f.0 == section)
                .and_then(|f| match &f.2 {
                    super::walk::Node::Obj(o) => Some(o),
                    super::walk::Node::Arr(b) => match b.as_ref() {
                        super::walk::Node::Obj(o) => Some(o),
                        _ => None,
                    },
                    _ => None,
                })
        };
        if let Some(o) = sec {
            if let Some(f) = o.fields.iter().find(|f| f.0 == key) {
                return f.1;
            }
        }
    }
    ""
}

/// A JSON Pointer built only when a finding needs it (no allocation for valid values).
type PathFn<'a> = &'a dyn Fn() -> String;

struct Ctx<'a> {
    out: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    fn add(&mut self, info: &crate::CodeInfo, path: &str, args: &[(&str, &str)]) {
        self.out.push(Finding::new(info, path, args));
    }

    /// Full-width pre-check shared by every number-like field; `secret` masks the half-width value.
    fn full_width(
        &mut self,
        s: &str,
        path: PathFn,
        section: &str,
        key: &str,
        secret: bool,
    ) -> bool {
        if !s.chars().any(is_full_width) {
            return false;
        }
        let half = to_half_width(s);
        // IDs and card numbers are masked (first 3 and last 2 shown); phones, USCC and division codes are
        // shown in full so the applicant sees exactly what to type (a phone has 11 digits, never an ID run).
        let shown = if secret {
            mask_id(&half)
        } else if half.chars().count() <= 24 {
            half.into_owned()
        } else {
            truncate_for_message(&half)
        };
        self.add(
            &c::FULL_WIDTH,
            &path(),
            &[
                ("field", title_of(section, key)),
                ("key", key),
                ("half", &shown),
            ],
        );
        true
    }

    /// A coded number (ID, phone, bank card, USCC) at `m[key]`: the full-width pre-check, then the checker;
    /// each problem becomes the finding `kind` names, the value shown as `kind` says. What the checker
    /// returns for a valid value, or `None`.
    fn coded<T>(
        &mut self,
        m: &Obj,
        section: &str,
        key: &str,
        path: PathFn,
        kind: &Coded,
        check: fn(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        let s = text(m, key)?;
        if self.full_width(s, path, section, key, kind.secret) {
            return None;
        }
        let problem = match check(s) {
            Ok(t) => return Some(t),
            Err(p) => p,
        };
        let field = title_of(section, key);
        let value = (kind.show)(s);
        let base = [("field", field), ("key", key)];
        match (problem, kind.check, kind.bad_date, kind.region) {
            (Problem::FullWidth { half }, ..) => {
                let h = if kind.secret {
                    mask_id(&half)
                } else {
                    truncate_for_message(&half)
                };
                self.add(&c::FULL_WIDTH, &path(), &[base[0], base[1], ("half", &h)]);
            }
            (Problem::CheckDigit { expected }, Some((code, names_expected)), ..) => {
                let e = expected.to_string();
                let args = [base[0], base[1], ("value", &value), ("expected", &e)];
                let n = if names_expected { 4 } else { 3 };
                self.add(code, &path(), &args[..n]);
            }
            (Problem::BadDate, _, Some(code), _) => {
                self.add(code, &path(), &[base[0], base[1], ("value", &value)]);
            }
            (Problem::UnknownRegion, _, _, Some(code)) => {
                let region: String = s.chars().take(6).collect();
                let args = [base[0], base[1], ("value", &value), ("region", &region)];
                self.add(code, &path(), &args);
            }
            _ => self.add(kind.format, &path(), &[base[0], base[1], ("value", &value)]),
        }
        None
    }

    /// An ID number: the checks of [`checks::id_number::check`], then a warning when its region code was
    /// abolished before the birth year in the number.
    fn id(
        &mut self,
        m: &Obj,
        section: &str,
        key: &str,
        path: PathFn,
    ) -> Option<checks::id_number::IdInfo> {
        let info = self.coded(m, section, key, path, &ID, checks::id_number::check)?;
        if let Some(a) = &info.region_abolished {
            let (year, birth_year) = (a.last_year.to_string(), info.birth.year().to_string());
            let successors = successor_list(&a.successors);
            let value = mask_id(&info.normalized);
            let args = [
                ("field", title_of(section, key)),
                ("key", key),
                ("value", value.as_str()),
                ("region", info.region.as_str()),
                ("name", a.full_name.as_str()),
                ("year", year.as_str()),
                ("birth_year", birth_year.as_str()),
                ("successors", successors.as_str()),
            ];
            self.add(&c::ID_REGION_ABOLISHED, &path(), &args);
        }
        Some(info)
    }

    fn phone(&mut self, m: &Obj, section: &str, key: &str, path: PathFn) {
        self.coded(m, section, key, path, &PHONE, checks::phone::check);
    }
}

/// How the findings on one kind of coded number read.
struct Coded {
    /// Masked in messages (IDs and card numbers: first 3 and last 2 shown), else shown as typed.
    secret: bool,
    /// The value as a message shows it.
    show: fn(&str) -> String,
    /// Wrong shape, and any problem without a code of its own.
    format: &'static crate::CodeInfo,
    /// Wrong check digit or character: its code, and whether the message names the expected one.
    check: Option<(&'static crate::CodeInfo, bool)>,
    /// An embedded date that does not exist.
    bad_date: Option<&'static crate::CodeInfo>,
    /// An unknown region code in the first six characters.
    region: Option<&'static crate::CodeInfo>,
}

const ID: Coded = Coded {
    secret: true,
    show: mask_id,
    format: &c::ID_FORMAT,
    check: Some((&c::ID_CHECK_DIGIT, true)),
    bad_date: Some(&c::ID_BAD_DATE),
    region: Some(&c::ID_UNKNOWN_REGION),
};

const PHONE: Coded = Coded {
    secret: false,
    show: truncate_for_message,
    format: &c::PHONE_FORMAT,
    check: None,
    bad_date: None,
    region: None,
};

const BANK_CARD: Coded = Coded {
    secret: true,
    show: mask_id,
    format: &c::BANK_CARD_FORMAT,
    // A Luhn failure: the message does not name the expected digit.
    check: Some((&c::BANK_CARD_LUHN, false)),
    bad_date: None,
    region: None,
};

const USCC: Coded = Coded {
    secret: false,
    // A USCC identifies a business, not a person: shown as typed when it has the usual length.
    show: |s| {
        if s.chars().count() <= 20 {
            s.to_string()
        } else {
            truncate_for_message(s)
        }
    },
    format: &c::USCC_FORMAT,
    check: Some((&c::USCC_CHECK, true)),
    bad_date: None,
    region: None,
};

/// Amounts from 1e12 yuan up are refused (no field of the form comes near; f64 keeps cents exact below).
const MONEY_MAX: f64 = 1e12;

fn fen_text(n: &serde_json::Number) -> String {
    n.to_string()
}

/// Check a money amount given as a JSON number; returns its text when it is a well-formed amount.
fn money(cx: &mut Ctx, m: &Obj, section: &str, key: &str, path: PathFn) -> Option<String> {
    let Some(Doc::Number(n)) = m.get(key) else {
        return None;
    };
    let t = fen_text(n);
    let field = title_of(section, key);
    if t.starts_with('-') {
        cx.add(
            &c::MONEY_NEGATIVE,
            &path(),
            &[("field", field), ("key", key)],
        );
        return None;
    }
    if t.contains(['e', 'E']) || n.as_f64().is_some_and(|f| f >= MONEY_MAX) {
        cx.add(
            &c::MONEY_TOO_LARGE,
            &path(),
            &[
                ("field", field),
                ("key", key),
                ("max", "999,999,999,999.99"),
            ],
        );
        return None;
    }
    if let Some((_, frac)) = t.split_once('.') {
        if frac.len() > 2 {
            let d = frac.len().to_string();
            cx.add(
                &c::MONEY_DECIMALS,
                &path(),
                &[("field", field), ("key", key), ("decimals", &d)],
            );
            return None;
        }
    }
    Some(t)
}

/// "140213 平城区、140214 云冈区": the current codes that hold an abolished division's area, with names.
fn successor_list(codes: &[String]) -> String {
    codes
        .iter()
        .map(|code| match checks::divisions::lookup(code) {
            Some(x) => format!("{code} {}", x.name),
            None => code.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn p(section: &str, key: &str) -> String {
    format!("/{section}/{key}")
}

/// Run every field and cross-field check. `root` has passed (or partly passed) the structural walk:
/// values of the wrong type are skipped here (already reported).
pub(crate) fn check(root: &Obj, today: NaiveDate, out: &mut Vec<Finding>) {
    let mut cx = Ctx { out };
    let empty = Obj::default();
    let basic = obj(root, "basic_info").unwrap_or(&empty);
    let service = obj(root, "service_info").unwrap_or(&empty);

    // --- identity ---
    let id = cx.id(basic, "basic_info", "id_number", &|| {
        "/basic_info/id_number".into()
    });
    let birth = date(basic, "birth_date");
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

    // --- 安置地 ---
    if let Some(s) = text(basic, "resettlement_place") {
        let path = "/basic_info/resettlement_place";
        if !cx.full_width(
            s,
            &|| path.into(),
            "basic_info",
            "resettlement_place",
            false,
        ) {
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

    // --- service dates ---
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
                            let path = format!("/{list}/{i}/date");
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

    // --- family members ---
    if let Some(Doc::Array(a)) = root.get("family_members") {
        for (i, item) in a.iter().enumerate() {
            let Some(m) = item.as_object() else { continue };
            if m.contains_key("id_number") {
                cx.id(m, "family_members", "id_number", &|| {
                    format!("/family_members/{i}/id_number")
                });
            }
            if m.contains_key("phone") {
                cx.phone(m, "family_members", "phone", &|| {
                    format!("/family_members/{i}/phone")
                });
            }
        }
    }

    // --- bank card ---
    if let Some(other) = obj(root, "other_info") {
        cx.coded(
            other,
            "other_info",
            "bank_card_number",
            &|| "/other_info/bank_card_number".into(),
            &BANK_CARD,
            checks::bank_card::check,
        );
    }

    // --- employment / income ---
    if let Some(emp) = obj(root, "employment") {
        let pi = money(
            &mut cx,
            emp,
            "employment",
            "personal_annual_income",
            &|| "/employment/personal_annual_income".into(),
        );
        let fi = money(&mut cx, emp, "employment", "family_annual_income", &|| {
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
                        &[("personal", &pt), ("family", &ft)],
                    );
                }
            }
        }
    }

    // --- entrepreneurship ---
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
        money(&mut cx, ent, "entrepreneurship", "total_assets", &|| {
            "/entrepreneurship/total_assets".into()
        });
        money(&mut cx, ent, "entrepreneurship", "annual_revenue", &|| {
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

    // --- conditional requirements ---
    // The table is grouped by section: look each section up once.
    let mut cached: (&str, Option<&Obj>) = ("", None);
    for k in CONDITIONALS {
        if cached.0 != k.section {
            cached = (k.section, obj(root, k.section));
        }
        let Some(sec) = cached.1 else {
            continue;
        };
        let fires = match k.when {
            When::Equals(v) => text(sec, k.trigger) == Some(v),
            When::Present => filled(sec, k.trigger),
        };
        if !fires {
            continue;
        }
        for f in k.then {
            if !filled(sec, f) {
                let path = p(k.section, f);
                let field = title_of(k.section, f);
                if k.then == EMERGENCY {
                    cx.add(
                        &c::EMERGENCY_PARTIAL,
                        &path,
                        &[("field", field), ("key", f)],
                    );
                } else {
                    cx.add(
                        &c::REQUIRED_IF,
                        &path,
                        &[
                            ("field", field),
                            ("key", f),
                            ("condition", k.condition),
                            ("condition_en", k.condition_en),
                        ],
                    );
                }
            }
        }
    }

    // --- hukou section ---
    let hukou = obj(root, "hukou_registration");
    if text(service, "hukou_cancelled") == Some("是") && !root.contains_key("hukou_registration") {
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
        if h.contains_key("sponsor_id_number") {
            cx.id(h, "hukou_registration", "sponsor_id_number", &|| {
                "/hukou_registration/sponsor_id_number".into()
            });
        }
        for (hk, bk) in PUSHED {
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

    // --- medical insurance ---
    if let Some(mi) = obj(root, "medical_insurance_transfer") {
        let ym = |y: &str, m: &str| -> Option<(u64, u64)> {
            let (y, m) = (uint(mi, y)?, uint(mi, m)?);
            ((1950..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
        };
        if let (Some(a), Some(b)) = (ym("start_year", "start_month"), ym("end_year", "end_month")) {
            let (fa, fb) = (format!("{}-{:02}", a.0, a.1), format!("{}-{:02}", b.0, b.1));
            if a > b {
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
        let amount = money(
            &mut cx,
            mi,
            "medical_insurance_transfer",
            "balance",
            &|| "/medical_insurance_transfer/balance".into(),
        );
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
                    if let Some(t) = amount {
                        if let Ok(want) = checks::money::parse_decimal(&t) {
                            if want != fen {
                                let v = truncate_for_message(upper);
                                let exp = checks::money::to_uppercase(want);
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
    }
}

/// Pushed fields of the hukou section and the 基本信息 field each comes from.
pub const PUSHED: &[(&str, &str)] = &[
    ("name", "name"),
    ("id_number", "id_number"),
    ("original_address", "household_registration_place"),
];

/// Whole years from `a` to `b` (age).
pub fn years_between(a: NaiveDate, b: NaiveDate) -> i32 {
    let mut y = b.year() - a.year();
    if (b.month(), b.day()) < (a.month(), a.day()) {
        y -= 1;
    }
    y
}

/// Whole months from `a` to `b` (a day-of-month not yet reached does not count).
pub fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    let mut m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0) as u32
}
