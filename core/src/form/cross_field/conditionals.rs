//! The conditional requirements of 附件2 ("when X, then Y is required"), shared with the JSON Schema's
//! `if`/`then`, and their check.

use serde_json::{json, Value};

use super::*;

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

/// An emergency contact's name, relation and phone go together; the employer is optional (farmers, retired
/// parents and the unemployed have none).
const EMERGENCY: &[&str] = &[
    "emergency_contact",
    "emergency_contact_relation",
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

/// The conditional requirements of 附件2 (issue 3 §2). The emergency-contact rows make name, relation and
/// phone all-or-none, and an employer alone calls for them too (reported with their own code).
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
        "proposed_address",
        When::Present,
        &["settlement_type"],
        "填写拟投靠户籍地址",
        "a proposed_address is given",
    ),
    cond(
        "hukou_registration",
        "sponsor_name",
        When::Present,
        &["settlement_type"],
        "填写投靠人姓名",
        "a sponsor_name is given",
    ),
    cond(
        "hukou_registration",
        "sponsor_id_number",
        When::Present,
        &["settlement_type"],
        "填写投靠人公民身份证号码",
        "a sponsor_id_number is given",
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

/// `{"required": keys}`, each key also under `properties` (as `true`: no constraint), since ajv's strict
/// mode wants every required key defined where it is required.
fn required_object(keys: &[&str]) -> Value {
    let props: serde_json::Map<String, Value> = keys
        .iter()
        .map(|k| (k.to_string(), Value::Bool(true)))
        .collect();
    json!({"type": "object", "properties": props, "required": keys})
}

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
        // Every subschema says `"type": "object"` (ajv's strict mode wants the type of `required` and
        // `properties` stated; the enclosing definition is an object anyway, so nothing changes).
        let cond = match k.when {
            When::Equals(v) => {
                json!({"type": "object", "properties": {k.trigger: {"const": v}}, "required": [k.trigger]})
            }
            When::Present => {
                json!({"type": "object", "properties": {k.trigger: true}, "required": [k.trigger]})
            }
        };
        per_def.push((def, json!({"if": cond, "then": required_object(k.then)})));
    }
    if let Some(def) = defs_name("hukou_registration") {
        for (s, h) in HOUSEHOLD_FOR_SETTLEMENT {
            per_def.push((def.clone(), json!({
                "if": {"type": "object", "properties": {"settlement_type": {"const": s}}, "required": ["settlement_type"]},
                "then": {"type": "object", "properties": {"household_kind": {"const": h}}}
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
                    "type": "object",
                    "properties": {"service_info": {
                        "type": "object",
                        "properties": {"hukou_cancelled": {"const": "是"}},
                        "required": ["hukou_cancelled"]
                    }},
                    "required": ["service_info"]
                },
                "then": required_object(&["hukou_registration"])
            }]),
        );
    }
}

/// For each row of [`CONDITIONALS`], the first row that asks for the same fields in the same section.
fn asking_groups() -> &'static [u32] {
    static GROUPS: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    GROUPS.get_or_init(|| {
        let rows = CONDITIONALS;
        (0..rows.len())
            .map(|i| {
                let first = (0..i)
                    .find(|&j| rows[j].section == rows[i].section && rows[j].then == rows[i].then)
                    .unwrap_or(i);
                u32::try_from(first).unwrap_or(0)
            })
            .collect()
    })
}

// A group is a bit of a u64.
const _: () = assert!(CONDITIONALS.len() <= 64);

/// The conditional requirements of [`CONDITIONALS`].
pub(super) fn required_if(cx: &mut Ctx, s: &Sections) {
    let Sections { root, .. } = *s;
    // The table is grouped by section: look each section up once.
    let mut cached: (&str, Option<&Obj>) = ("", None);
    // A field several rows ask for (安置类型 after any 投靠 field) is reported once, by the first row.
    let mut reported: Vec<String> = Vec::new();
    // The rows that fired, by the first row asking for the same fields in the same section: a later row
    // asking for them (the emergency-contact rows) could only report what was reported already.
    let groups = asking_groups();
    let mut asked = 0u64;
    for (k, &group) in CONDITIONALS.iter().zip(groups) {
        if asked & (1 << group) != 0 {
            continue;
        }
        // The rows' section names are literals: the same one is (almost always) the same pointer.
        if !std::ptr::eq(cached.0, k.section) && cached.0 != k.section {
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
        asked |= 1 << group;
        for f in k.then {
            if !filled(sec, f) {
                let path = p(k.section, f);
                if reported.contains(&path) {
                    continue;
                }
                reported.push(path.clone());
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
}
