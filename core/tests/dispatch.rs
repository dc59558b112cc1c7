//! Nothing outside a department's dispatch list reaches it (四(二), 五(一)).

use serde_json::Value;
use tuiyi_core::Engine;

fn leaves(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, x) in m {
                leaves(x, format!("{path}/{k}"), out);
            }
        }
        _ => out.push(path),
    }
}

#[test]
fn every_dispatched_field_is_on_the_department_list() {
    let engine = Engine::embedded().expect("engine");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/form.json"
    ))
    .expect("example form");
    let form: Value = serde_json::from_str(&text).expect("json");
    let d = engine.dispatch(&form).expect("dispatch");
    assert_eq!(d.departments.len(), 5);
    for share in &d.departments {
        let rule = engine
            .pack()
            .dispatch_rule(&share.department)
            .expect("rule");
        let mut got = Vec::new();
        leaves(&share.data, String::new(), &mut got);
        assert!(!got.is_empty(), "{} receives nothing", share.department);
        for p in got {
            assert!(
                rule.fields
                    .iter()
                    .any(|f| p == *f || p.starts_with(&format!("{f}/"))),
                "{} received {p}, which is not on its list",
                share.department
            );
        }
    }
    // The medical department never sees the bank card; the police never see the medical-insurance section.
    let med = &d
        .departments
        .iter()
        .find(|s| s.department == "medical")
        .expect("medical")
        .data;
    assert!(med.pointer("/other_info/bank_card_number").is_none());
    let police = &d
        .departments
        .iter()
        .find(|s| s.department == "police")
        .expect("police")
        .data;
    assert!(police.pointer("/medical_insurance_transfer").is_none());
    assert!(
        police.pointer("/hukou_registration/name").is_some(),
        "pushed fields are filled"
    );
}

#[test]
fn every_schema_name_gives_a_schema() {
    let engine = Engine::embedded().expect("engine");
    for name in tuiyi_core::schemas::NAMES {
        let s = engine.schema(name).expect(name);
        assert!(s.is_object(), "{name}");
        assert!(!s.to_string().contains("\\\\d"), "{name}: \\d in a pattern");
    }
}
