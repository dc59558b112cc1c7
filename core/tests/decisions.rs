//! The engine follows the readings recorded in rules/shanxi/conflicts.json (issue 13 §5): each test names
//! the conflict and checks the behaviour its `followed` describes, through the same JSON facade every face
//! uses. (Plans and pre-reviews are also pinned by the shared vectors; these tests state the decisions.)

use serde_json::{json, Value};
use tuiyi_core::{api, Engine};

fn engine() -> Engine {
    Engine::embedded().expect("embedded engine")
}

fn run(op: &str, input: Value) -> Value {
    api::run(&engine(), op, &input).unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn followed(id: &str) -> String {
    let all = run("conflicts", json!({}));
    all.as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("conflict {id} is not recorded"))["followed"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn example_form() -> Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/form.json"),
    )
    .expect("examples/form.json");
    serde_json::from_str(&text).expect("form JSON")
}

fn codes_at(findings: &Value, path: &str) -> Vec<String> {
    findings
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["path"] == path)
                .filter_map(|f| f["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn situation(id_card: &str) -> Value {
    json!({"hukou_cancelled_on_enlistment": true, "settlement_mode": "投靠亲属落户",
           "military_id_issued": false, "id_card": id_card})
}

fn material(list: &Value, no: u64) -> Value {
    list.as_array()
        .and_then(|a| a.iter().find(|m| m["no"] == no))
        .cloned()
        .unwrap_or(Value::Null)
}

/// `pushed_fields_without_source`: 姓名、公民身份证号码、原户籍地址 come from 基本信息; 安置类型 follows
/// `form-settlement-type-pushed` (read as 原籍落户 without sponsor information, required with it); 婚姻状况、籍贯 may
/// be left to the platform.
#[test]
fn pushed_fields_without_source() {
    assert!(followed("pushed_fields_without_source")
        .contains("安置类型按冲突 form-settlement-type-pushed 处理"));
    let mut form = example_form();
    let h = form["hukou_registration"]
        .as_object_mut()
        .expect("hukou section");
    h.remove("marital_status");
    h.remove("native_place");
    let report = run(
        "validate",
        json!({"form": form.clone(), "today": "2026-11-28"}),
    );
    assert_eq!(
        report["valid"], true,
        "婚姻状况、籍贯 are not demanded: {report}"
    );
    // The pushed fields reach 公安 filled from 基本信息.
    let d = run("dispatch", json!({"form": form.clone()}));
    let police = d["departments"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["department"] == "police"))
        .expect("police")["data"]["hukou_registration"]
        .clone();
    assert_eq!(police["name"], form["basic_info"]["name"]);
    assert_eq!(police["id_number"], form["basic_info"]["id_number"]);
    assert_eq!(
        police["original_address"],
        form["basic_info"]["household_registration_place"]
    );
    // 安置类型 left out with no sponsor information: read as 原籍落户, the form stays valid and 公安 receives it.
    let h = form["hukou_registration"]
        .as_object_mut()
        .expect("hukou section");
    h.remove("settlement_type");
    for key in ["proposed_address", "sponsor_name", "sponsor_id_number"] {
        h.remove(key);
    }
    let report = run(
        "validate",
        json!({"form": form.clone(), "today": "2026-11-28"}),
    );
    assert_eq!(report["valid"], true, "安置类型 is not demanded: {report}");
    let normalized = run(
        "normalize",
        json!({"form": form.clone(), "today": "2026-11-28"}),
    );
    assert_eq!(
        normalized["form"]["hukou_registration"]["settlement_type"],
        "原籍落户"
    );
    // With sponsor information but no 安置类型, which mode is meant cannot be told: the form must give it.
    form["hukou_registration"]["sponsor_name"] = json!("张三");
    let report = run("validate", json!({"form": form, "today": "2026-11-28"}));
    assert_eq!(report["valid"], false);
    assert!(
        codes_at(&report["errors"], "/hukou_registration/settlement_type")
            .iter()
            .any(|c| c.starts_with("form_required")),
        "{report}"
    );
}

/// `material_5_lost_card`: a lost (补领) or never-issued (首次申领) card is not asked for; a card to renew is.
#[test]
fn material_5_lost_card() {
    assert!(followed("material_5_lost_card").contains("不要求提交材料5"));
    for (need, required) in [
        ("补领", false),
        ("首次申领", false),
        ("换领", true),
        ("无需办理", true),
    ] {
        let list = run("required_materials", situation(need));
        assert_eq!(material(&list, 5)["required"], required, "{need}");
    }
    // The ID card item itself applies whenever a card is needed (事项4), lost or not.
    let plan = run(
        "plan",
        json!({"applicant": {"lawfully_discharged": true, "category": "义务兵", "resettlement": "自主就业",
                             "placement_code": "140105", "holds_discharge_certificate": true,
                             "holds_introduction_letter": true},
               "situation": situation("补领")}),
    );
    assert_eq!(plan["items"][3]["applies"], true);
}

/// `material_6_issued_at_report`: the 落户介绍信 is listed for a restored hukou, marked as issued by the window
/// at 报到 (item 1), and pre-review never asks for it.
#[test]
fn material_6_issued_at_report() {
    assert!(followed("material_6_issued_at_report").contains("预审不要求提交"));
    let m6 = material(&run("required_materials", situation("无需办理")), 6);
    assert_eq!(
        (m6["required"].clone(), m6["issued_at_item"].clone()),
        (json!(true), json!(1))
    );
    assert!(m6["reason"]
        .as_str()
        .unwrap_or_default()
        .contains("无需自备"));
    let review = run(
        "prereview",
        json!({"form": example_form(), "submitted": [1, 2, 3, 4, 5, 8, 10, 11, 13, 14], "today": "2026-11-28"}),
    );
    assert_eq!(review["passed"], true, "{review}");
}

fn application(dates: Value) -> Value {
    json!({"applicant": {"lawfully_discharged": true, "category": "义务兵", "resettlement": "自主就业",
                         "placement_code": "140105", "holds_discharge_certificate": true,
                         "holds_introduction_letter": true},
           "situation": situation("无需办理"), "dates": dates, "today": "2024-11-11"})
}

fn warning_codes(plan: &Value) -> Vec<String> {
    plan["warnings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|w| w["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `discharge_dates`: item 1 counts from 被批准退出现役之日, item 9 from 退出现役之日; one date stands for both,
/// and the plan says which was assumed.
#[test]
fn discharge_dates() {
    assert!(followed("discharge_dates").contains("approved_discharge_date"));
    let both = run(
        "plan",
        application(
            json!({"approved_discharge_date": "2024-08-28", "discharge_date": "2024-09-06"}),
        ),
    );
    assert_eq!(both["items"][0]["due"]["start"], "2024-08-28");
    assert_eq!(both["items"][8]["due"]["start"], "2024-09-06");
    let codes = warning_codes(&both);
    assert!(!codes.iter().any(|c| c.ends_with("_assumed")), "{codes:?}");
    let only_discharge = run("plan", application(json!({"discharge_date": "2024-09-06"})));
    assert_eq!(only_discharge["items"][0]["due"]["start"], "2024-09-06");
    assert!(warning_codes(&only_discharge).contains(&"approved_discharge_date_assumed".to_string()));
    let only_approved = run(
        "plan",
        application(json!({"approved_discharge_date": "2024-08-28"})),
    );
    assert_eq!(only_approved["items"][8]["due"]["start"], "2024-08-28");
    assert!(warning_codes(&only_approved).contains(&"discharge_date_assumed".to_string()));
}

/// `abandonment_forfeits_subsidy`: benefits deemed waived (第十七条) forfeit item 2 only.
#[test]
fn abandonment_forfeits_subsidy() {
    assert!(followed("abandonment_forfeits_subsidy").contains("forfeited"));
    let dates = json!({"approved_discharge_date": "2024-09-01", "return_home_date": "2024-09-05",
                       "report_date": "2024-11-08"});
    let waived = run("plan", application(dates.clone()));
    assert_eq!(waived["late_report"]["flag"], true);
    let statuses: Vec<&str> = waived["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(statuses[1], "forfeited");
    assert_eq!(
        statuses.iter().filter(|s| **s == "forfeited").count(),
        1,
        "only item 2: {statuses:?}"
    );
    assert!(!waived["order"]
        .as_array()
        .expect("order")
        .contains(&json!(2)));
    let mut legit = application(dates);
    legit["report_delay_reason_legitimate"] = json!(true);
    let kept = run("plan", legit);
    assert_eq!(kept["items"][1]["applies"], true);
}
