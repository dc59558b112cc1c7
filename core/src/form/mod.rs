//! The registration form (附件2): model, field and cross-field checks, JSON Schema, canonical form, report
//! (issue 3 §1–§4, issue 12).
//!
//! [`crate::Engine::validate`] first walks the JSON against the schema generated from [`fields::Form`]
//! (wrong types, unknown fields and values, missing required fields, malformed dates, invisible characters —
//! every one a finding with a JSON Pointer; closed lists read through their code tables, `crate::vocab`),
//! then runs the field checks (`crate::checks`) and the cross-field rules ([`cross_field`]) on the form's
//! canonical form (`normalize`), which [`normalize`] also returns and departments receive. Codes and
//! templates: [`codes`]; documentation: docs/form.md.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::code_info::CodeInfo;
use crate::doc::Doc;
use crate::limits::MAX_FINDINGS;

pub mod codes;
pub mod cross_field;
pub mod fields;
pub(crate) mod normalize;
pub mod schema;
pub(crate) mod walk;

pub use crate::report::{Finding, Report};
pub use fields::Form;

/// The `form` area of the code catalogue.
pub const CODES: &[CodeInfo] = codes::CODES;

/// Today's date in Asia/Shanghai (UTC+8, no daylight saving), by the process's clock ([`crate::clock`]).
pub fn today_shanghai() -> NaiveDate {
    crate::clock::today_shanghai()
}

/// Validate a form (a JSON value); every finding, deterministic order.
pub fn validate(form: &Value, today: Option<NaiveDate>) -> Report {
    validate_doc(&Doc::from_value(form), today)
}

/// [`validate`] over a parsed [`Doc`] (see [`crate::parse::parse`]): the same report, without
/// building a `serde_json::Value`.
pub fn validate_doc(form: &Doc, today: Option<NaiveDate>) -> Report {
    check(form, today, false).1
}

/// [`validate_doc`] of a form the caller owns (parsed from its text, e.g. by [`crate::parse::parse`]): the
/// same report. When the form is not written canonically, its canonical form is made in place
/// (`normalize::canonicalize`) instead of as a copy.
pub fn validate_parsed(mut form: Doc<'_>, today: Option<NaiveDate>) -> Report {
    let today = today.unwrap_or_else(today_shanghai);
    let mut out = Vec::new();
    let changes = walk::walk_form(&form, &mut out);
    if changes.any() && !full(&out) {
        normalize::canonicalize_where(&mut form, changes);
    }
    finish(&form, today, out)
}

/// The report of `form`, and its canonical form (borrowed when it is canonical already). `normalize` wants
/// the canonical form; `validate` only the report, so when the report is already full after the walk (see
/// below) the canonical copy is not built (`form` is returned as it is).
fn check<'b, 'a>(
    form: &'b Doc<'a>,
    today: Option<NaiveDate>,
    want_canonical: bool,
) -> (std::borrow::Cow<'b, Doc<'a>>, Report) {
    let today = today.unwrap_or_else(today_shanghai);
    let mut out = Vec::new();
    let changes = walk::walk_form(form, &mut out);
    // The field and cross-field checks read the canonical form: codes and short names as the canonical
    // value, numbers in their canonical shape, integers as integers (see `normalize`). The walk tells when
    // the form is its own canonical form (the common case): then it is not walked again.
    let canonical = if changes.any() && (want_canonical || !full(&out)) {
        normalize::canonical_where(form, changes)
    } else {
        std::borrow::Cow::Borrowed(form)
    };
    let report = finish(&canonical, today, out);
    (canonical, report)
}

/// A report lists at most MAX_FINDINGS findings: a form of 100,000 wrong values would otherwise make a
/// report of tens of megabytes (and hold them all at once). When the walk alone found more (it stops at the
/// first one past the limit), the cross-field checks are not run.
fn full(out: &[Finding]) -> bool {
    out.len() > MAX_FINDINGS
}

/// The report: the walk's findings `out`, and those of the cross-field checks on the `canonical` form
/// (unless the walk found too many).
fn finish(canonical: &Doc, today: NaiveDate, mut out: Vec<Finding>) -> Report {
    if !full(&out) {
        if let Doc::Object(root) = canonical {
            cross_field::check(root, today, &mut out);
        }
    }
    if full(&out) {
        out.truncate(MAX_FINDINGS);
        let max = MAX_FINDINGS.to_string();
        out.push(Finding::new(
            &codes::TOO_MANY_FINDINGS,
            "",
            &[("max", &max)],
        ));
    }
    Report::from_findings(out)
}

/// `normalize(form)`: the canonical form of a registration form and the validation report of the form as
/// given.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Normalized {
    /// The form in its canonical form (`tuiyi schema form` describes it): closed-list values as their
    /// canonical value (codes and short names replaced), text trimmed, blank optional fields left out, ID,
    /// phone, bank-card, USCC and 安置地 numbers in one shape with full-width digits folded, integers as
    /// integers, the (数据推送) fields of the 户口登记 section filled in. Unknown fields and values that cannot
    /// be read stay as they are; the report says why.
    pub form: Value,
    /// The validation report of the form as given (the same as `validate`).
    pub report: Report,
}

/// The canonical form of `form` and its report: what `normalize` returns.
pub fn normalize(form: &Value, today: Option<NaiveDate>) -> Normalized {
    normalize_doc(&Doc::from_value(form), today)
}

/// [`normalize`] over a parsed [`Doc`].
pub fn normalize_doc(form: &Doc, today: Option<NaiveDate>) -> Normalized {
    let (canonical, report) = check(form, today, true);
    Normalized {
        form: fill_pushed_fields(&canonical.to_value()),
        report,
    }
}

/// The canonical form of `form` (see [`Normalized::form`]), without the report: what departments receive.
pub fn canonical_form(form: &Value) -> Value {
    let doc = Doc::from_value(form);
    fill_pushed_fields(&normalize::canonical(&doc).to_value())
}

/// Fill the (数据推送) fields of the 户口登记 section where the form leaves them out (五(一) 多表融合): 姓名,
/// 公民身份证号码 and 原户籍地址 from 基本信息 (姓名, 身份证号, 户籍地); 安置类型, which nothing else on the form
/// carries, as 原籍落户 when no 投靠 field is filled either (docs/form.md, conflict `form-settlement-type-pushed`).
/// Fields already given are kept (validation checks they agree). A form without a hukou section is returned
/// unchanged.
pub fn fill_pushed_fields(form: &Value) -> Value {
    let mut out = form.clone();
    let basic: Option<Map<String, Value>> =
        form.get("basic_info").and_then(Value::as_object).cloned();
    if let (Some(basic), Some(Value::Object(h))) = (basic, out.get_mut("hukou_registration")) {
        for (hk, bk) in cross_field::PUSHED {
            let missing = match h.get(*hk) {
                None => true,
                Some(Value::String(s)) => s.trim().is_empty(),
                _ => false,
            };
            if missing {
                if let Some(v @ Value::String(_)) = basic.get(*bk) {
                    let v = match (*hk, v) {
                        ("id_number", Value::String(s)) => {
                            Value::String(s.trim().to_ascii_uppercase())
                        }
                        (_, Value::String(s)) => Value::String(s.trim().to_string()),
                        _ => v.clone(),
                    };
                    h.insert((*hk).to_string(), v);
                }
            }
        }
    }
    if let Some(Value::Object(h)) = out.get_mut("hukou_registration") {
        let filled = |k: &str| match h.get(k) {
            None => false,
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(_) => true,
        };
        let sponsor = ["proposed_address", "sponsor_name", "sponsor_id_number"]
            .iter()
            .any(|k| filled(k));
        if !filled("settlement_type") && !sponsor {
            h.insert(
                "settlement_type".into(),
                Value::String(DEFAULT_SETTLEMENT.into()),
            );
        }
    }
    out
}

/// 安置类型 when the form leaves it out and names no one to join: the original hukou (八(八)2(3)① 恢复户口).
pub const DEFAULT_SETTLEMENT: &str = "原籍落户";

#[cfg(test)]
mod tests {
    use super::*;

    /// A form of exactly MAX_FINDINGS findings lists them all; one more, and the report lists MAX_FINDINGS and
    /// `form_too_many_findings`. (`m` family members of 5 wrong values and one of `k`, plus the 3 required
    /// sections missing: 3 + 5m + k findings.)
    #[test]
    fn too_many_findings_means_more_than_the_limit() {
        let form = |m: usize, k: usize| {
            let keys = ["relation", "name", "gender", "phone", "id_number"];
            let member = |n: usize| {
                Value::Object(
                    keys[..n]
                        .iter()
                        .map(|k| (k.to_string(), 1.into()))
                        .collect(),
                )
            };
            let mut members: Vec<Value> = (0..m).map(|_| member(5)).collect();
            members.push(member(k));
            serde_json::json!({ "family_members": members })
        };
        let today = NaiveDate::from_ymd_opt(2025, 6, 1);
        let count = |r: &Report| r.errors.len() + r.warnings.len();
        let capped = |r: &Report| {
            r.errors
                .iter()
                .any(|f| f.code == codes::TOO_MANY_FINDINGS.code)
        };
        let small = validate(&form(1, 2), today);
        assert_eq!((count(&small), capped(&small)), (10, false));
        let exactly = validate(&form(199, 2), today);
        assert_eq!((count(&exactly), capped(&exactly)), (MAX_FINDINGS, false));
        let more = validate(&form(199, 3), today);
        assert_eq!((count(&more), capped(&more)), (MAX_FINDINGS + 1, true));
    }

    fn vector_forms() -> Vec<Value> {
        let mut out = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/vectors"
        ))];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "json") {
                    let v: Value =
                        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                    for c in v.as_array().into_iter().flatten() {
                        if let Some(f) = c.pointer("/input/form") {
                            out.push(f.clone());
                        }
                    }
                }
            }
        }
        out
    }

    /// The canonical form's walk takes a closed-list value's canonical value from the walk (which looked the
    /// spelling up already) for every such value the walk told, in every vector form and in forms written
    /// with codes, short names and full-width spellings (`normalize::canonical_told`); the canonical form is
    /// the one made without the walk's help. A form whose walk did not tell a value (a copy of it, or
    /// another form) is read as before.
    #[test]
    fn the_canonical_form_reuses_the_walks_spellings() {
        let mut forms = vector_forms();
        let spelled = serde_json::json!({
            "basic_info": {"political_status": "03", "ethnicity": " 汉 ", "gender": "1",
                "education_level": "７１", "household_category": "城镇户口"},
            "family_members": [{"name": "甲", "relation": "父亲", "political_status": "13"},
                {"name": "乙", "relation": "母亲", "political_status": "群众"}]
        });
        forms.push(spelled);
        // Entries 63 and after share one bit of the walk's changes: the canonical form's walk reads every one
        // of them, here a value written canonically (not told) before one that is not.
        let mut wide = serde_json::json!({"basic_info": {}});
        let basic = wide["basic_info"].as_object_mut().unwrap();
        for i in 0..70 {
            basic.insert(format!("a{i:02}"), Value::from("x"));
        }
        basic.insert("ethnicity".into(), Value::from("汉族"));
        basic.insert("political_status".into(), Value::from("03"));
        forms.push(wide);
        let (mut told, mut forms_told) = (0, 0);
        for f in &forms {
            let d = Doc::from_value(f);
            let changes = walk::walk_form(&d, &mut Vec::new());
            let (c, (n, answered)) = normalize::canonical_told(&d, changes);
            assert_eq!(c, normalize::canonical(&d), "{f}");
            assert_eq!(answered, n, "{f}");
            told += n;
            forms_told += usize::from(n > 0);
            // Another document (a copy): nothing told is trusted, every value looked up.
            let copy = d.clone();
            let (c, (_, answered)) =
                normalize::canonical_told(&copy, walk::walk_form(&d, &mut Vec::new()));
            assert_eq!(answered, 0);
            assert_eq!(c, normalize::canonical(&d), "{f}");
        }
        assert!(
            told >= 8 && forms_told >= 5,
            "{told} values in {forms_told} forms"
        );
    }

    /// An object of more than 64 entries: entries 63 and after share one bit of the walk's changes, and a
    /// change among them (a phone written with spaces, after 70 unknown fields) is still made.
    #[test]
    fn changes_past_the_64th_entry_are_made() {
        let mut f = vector_forms()
            .into_iter()
            .find(|f| f.pointer("/basic_info/phone").is_some())
            .unwrap();
        let basic = f["basic_info"].as_object_mut().unwrap();
        for i in 0..70 {
            basic.insert(format!("a{i:02}"), Value::from("x"));
        }
        basic.insert("phone".into(), Value::from(" 139 1234 5678 "));
        let d = Doc::from_value(&f);
        let Doc::Object(root) = &d else { panic!() };
        let Some(Doc::Object(b)) = root.get("basic_info") else {
            panic!()
        };
        assert!(b.iter().position(|(k, _)| k == "phone").unwrap() > 63);
        let changes = walk::walk_form(&d, &mut Vec::new());
        let c = normalize::canonical_where(&d, changes);
        assert_eq!(c, normalize::canonical(&d));
        assert_eq!(c.to_value()["basic_info"]["phone"], "13912345678");
        let mut in_place = d.clone();
        let changes = walk::walk_form(&in_place, &mut Vec::new());
        normalize::canonicalize_where(&mut in_place, changes);
        assert_eq!(in_place, *c);
    }

    /// Wrong types, unknown fields and unknown values are no change (the walk does not count them,
    /// `walk::Findings::report`): written into every field of canonical valid forms, one at a time, the
    /// walk still finds the form its own canonical form — which `normalize` confirms — and reports the
    /// problem. Every other value of the form is canonical, so a change counted would be this one's.
    #[test]
    fn problems_normalize_leaves_alone_are_no_change() {
        let today = NaiveDate::from_ymd_opt(2024, 10, 15);
        let mut canonical_forms = Vec::new();
        for f in vector_forms() {
            let c = normalize(&f, today).form;
            if validate(&c, today).valid
                && !walk::walk_form(&Doc::from_value(&c), &mut Vec::new()).any()
            {
                canonical_forms.push(c);
            }
        }
        assert!(canonical_forms.len() > 10);
        let bad_values = [
            Value::from(7),
            Value::from(7.5),
            Value::from(true),
            serde_json::json!({"a": 1}),
            serde_json::json!(["x"]),
            Value::from("不存在的取值"),
            // Padded: `normalize` trims a malformed date, so that problem is a change.
            Value::from(" 不存在的取值 "),
            Value::from(" 2024-13-45 "),
        ];
        let (mut tried, mut unchanged) = (0, 0);
        for form in canonical_forms.iter().take(40) {
            for path in &crate::fuzzing::leaf_pointers(form) {
                for bad in &bad_values {
                    let mut f = form.clone();
                    *f.pointer_mut(path).unwrap() = bad.clone();
                    let d = Doc::from_value(&f);
                    let mut out = Vec::new();
                    let changes = walk::walk_form(&d, &mut out);
                    let owned = matches!(normalize::canonical(&d), std::borrow::Cow::Owned(_));
                    assert!(
                        changes.any() || !owned,
                        "the walk missed a change at {path}: {bad}"
                    );
                    tried += 1;
                    if !changes.any() && !out.is_empty() {
                        unchanged += 1;
                    }
                }
            }
            // An unknown field in each object.
            let mut f = form.clone();
            for obj in f.as_object_mut().unwrap().values_mut() {
                if let Value::Object(m) = obj {
                    m.insert("x_unknown".into(), Value::from(" 不在表上 "));
                }
            }
            let d = Doc::from_value(&f);
            let mut out = Vec::new();
            let changes = walk::walk_form(&d, &mut out);
            assert!(!out.is_empty() && !changes.any(), "{out:?}");
            assert!(matches!(
                normalize::canonical(&d),
                std::borrow::Cow::Borrowed(_)
            ));
        }
        // Most of these are one of the three problems (a number where a number goes is not).
        assert!(unchanged * 2 > tried, "{unchanged} of {tried}");
    }

    /// The walk's "no change" is exact: when it says so, the canonical form is the form itself; and every
    /// canonical form is recognised as one.
    #[test]
    fn the_walk_knows_when_a_form_is_canonical() {
        let forms = vector_forms();
        assert!(forms.len() > 100);
        let (mut clean, mut canon) = (0, 0);
        for f in &forms {
            let d = Doc::from_value(f);
            let changes = walk::walk_form(&d, &mut Vec::new());
            let owned = matches!(normalize::canonical(&d), std::borrow::Cow::Owned(_));
            assert!(changes.any() || !owned, "the walk missed a change in {f}");
            clean += usize::from(!changes.any());
            // Reading again only the objects and entries the walk saw a change in gives the whole canonical
            // form, copied and in place.
            assert_eq!(
                normalize::canonical_where(&d, changes),
                normalize::canonical(&d),
                "{f}"
            );
            // (The walk's changes name the objects of the document it read: the copy is walked.)
            let mut in_place = d.clone();
            let changes = walk::walk_form(&in_place, &mut Vec::new());
            normalize::canonicalize_where(&mut in_place, changes);
            assert_eq!(in_place, *normalize::canonical(&d), "{f}");
            // Changes seen in another document (here the original, for its copy) are not trusted: the
            // copy is read whole.
            let mut copy = d.clone();
            normalize::canonicalize_where(&mut copy, walk::walk_form(&d, &mut Vec::new()));
            assert_eq!(copy, *normalize::canonical(&d), "{f}");
            // A valid form's canonical form is seen as canonical (an invalid value no rule can read stays
            // as it is, and the walk cannot tell it from one that normalize would rewrite).
            let c = normalize::canonical(&d).to_value();
            if validate(&c, NaiveDate::from_ymd_opt(2024, 10, 15)).valid {
                assert!(
                    !walk::walk_form(&Doc::from_value(&c), &mut Vec::new()).any(),
                    "a valid canonical form seen as changing: {c}"
                );
                canon += 1;
            }
        }
        assert!(clean > 10 && canon > 10, "{clean} {canon}");
    }
}
