//! Code tables (`rules/codes/`, `tuiyi_core::vocab`): the lists agree with the form model's closed lists, the
//! standards' codes and the everyday words resolve, wrong or ambiguous inputs do not, and `docs/codes.md` is
//! generated from the data (regenerate with `TUIYI_BLESS=1 cargo test -p tuiyi-core --test vocab`).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;
use tuiyi_core::form::fields::{
    AwardType, DisabilityLevel, DisabilityNature, Education, Ethnicity, Gender, Health,
    HouseholdKind, HukouCategory, LaborCapacity, MaritalStatus, PoliticalStatus, PunishmentType,
    SettlementType, SoldierCategory, StudyStage, YesNo,
};
use tuiyi_core::types::{SettlementMode, Situation};
use tuiyi_core::vocab::{self, List};

fn repo(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

fn list(id: &str) -> &'static List {
    vocab::lookup(id).unwrap_or_else(|| panic!("no list {id}"))
}

/// (enum name, [(canonical value, model code)]) for every `closed_list!` enum of the form model.
macro_rules! model_lists {
    ($($t:ident),* $(,)?) => {
        vec![$((
            stringify!($t),
            $t::VALUES
                .iter()
                .map(|v| {
                    let x: $t = serde_json::from_value(json!(v)).expect("value deserializes");
                    (*v, x.code())
                })
                .collect::<Vec<(&str, &str)>>(),
        )),*]
    };
}

fn model() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    model_lists!(
        YesNo,
        Gender,
        Ethnicity,
        PoliticalStatus,
        Education,
        Health,
        HukouCategory,
        DisabilityLevel,
        DisabilityNature,
        SoldierCategory,
        AwardType,
        PunishmentType,
        StudyStage,
        LaborCapacity,
        SettlementType,
        HouseholdKind,
        MaritalStatus,
    )
}

/// The names of the `closed_list!` enums declared in form/fields.rs, read from the source.
fn closed_lists_in_source() -> BTreeSet<String> {
    let src = std::fs::read_to_string(repo("core/src/form/fields.rs")).expect("model.rs");
    let mut names = BTreeSet::new();
    // The macro's definition is `macro_rules! closed_list {`; every `closed_list!(` is a use, so every piece
    // after the first starts with a use's arguments: doc comments, then `Name, "title", ...`.
    for chunk in src.split("closed_list!(").skip(1) {
        let name = chunk
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("///") && !l.starts_with("#["))
            .and_then(|l| l.split(',').next())
            .expect("enum name");
        names.insert(name.trim().to_string());
    }
    names
}

#[test]
fn embedded_tables_have_no_problems() {
    assert!(vocab::problems().is_empty(), "{:#?}", vocab::problems());
}

#[test]
fn one_list_per_closed_list_of_the_model() {
    let in_source = closed_lists_in_source();
    let declared_names: BTreeSet<String> = model().iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(in_source.len(), 17, "{in_source:?}");
    assert_eq!(
        in_source, declared_names,
        "a closed_list! enum of model.rs is missing from this test"
    );
    let vocab_names: BTreeSet<String> = vocab::lists()
        .iter()
        .map(|l| l.model_enum.clone())
        .collect();
    assert_eq!(
        vocab_names, declared_names,
        "rules/codes/ and model.rs disagree on the lists"
    );
}

#[test]
fn canonical_values_are_exactly_the_model_values() {
    for (name, values) in model() {
        let l = vocab::for_enum(name).unwrap_or_else(|| panic!("no list for {name}"));
        let model: BTreeSet<&str> = values.iter().map(|(v, _)| *v).collect();
        let extra: BTreeSet<&str> = l.extra_canonical.iter().map(String::as_str).collect();
        assert!(
            model.is_disjoint(&extra),
            "{}: {:?} are in the model now; drop them from extra_canonical",
            l.id,
            model.intersection(&extra).collect::<Vec<_>>()
        );
        let expected: BTreeSet<&str> = model.union(&extra).copied().collect();
        let canonical: BTreeSet<&str> = l.canonical_values().collect();
        assert_eq!(canonical, expected, "{}", l.id);
        // Same order as the model (extra values last).
        let order: Vec<&str> = l
            .canonical_values()
            .filter(|v| !extra.contains(v))
            .collect();
        let model_order: Vec<&str> = values.iter().map(|(v, _)| *v).collect();
        assert_eq!(order, model_order, "{}: order", l.id);
        for (v, code) in values {
            let e = l.entry(v).expect("entry");
            if !code.is_empty() {
                assert_eq!(e.code.as_deref(), Some(code), "{}: code of {v}", l.id);
            }
            assert_eq!(l.canonical(v), Some(v), "{}: {v} maps to itself", l.id);
        }
    }
}

#[test]
fn no_list_has_extra_canonical_values() {
    // 户籍类别 城镇/农村 were canonical in the table before the model had them; the model has them now.
    for l in vocab::lists() {
        assert!(l.extra_canonical.is_empty(), "{}", l.id);
    }
}

/// Every spelling of every entry resolves to its canonical value (its parent for a finer category). Two canonical
/// values sharing a spelling (after normalization) would make it resolve to nothing and fail here.
#[test]
fn every_spelling_resolves_to_its_value() {
    let mut total = 0;
    for l in vocab::lists() {
        for e in &l.entries {
            let target = e.parent.as_deref().unwrap_or(&e.name);
            for s in e.spellings() {
                total += 1;
                assert_eq!(l.canonical(s), Some(target), "{}: {s:?}", l.id);
                let spaced = format!("\u{3000}{s} \u{a0}");
                assert_eq!(l.canonical(&spaced), Some(target), "{}: {spaced:?}", l.id);
            }
        }
    }
    assert!(total > 400, "{total}");
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            _ => c,
        })
        .collect()
}

#[test]
fn codes_resolve_also_full_width() {
    for l in vocab::lists() {
        for e in l.entries.iter().filter(|e| e.accept_code) {
            let target = e.parent.as_deref().unwrap_or(&e.name);
            for c in e.code.iter().chain(&e.alt_codes) {
                assert_eq!(l.canonical(c), Some(target), "{}: {c}", l.id);
                assert_eq!(
                    l.canonical(&full_width(c)),
                    Some(target),
                    "{}: full-width {c}",
                    l.id
                );
            }
        }
    }
    assert_eq!(
        vocab::canonical("political_status", "03"),
        Some("中国共产主义青年团团员")
    );
    assert_eq!(
        vocab::canonical("political_status", "３"),
        Some("中国共产主义青年团团员")
    );
    assert_eq!(
        vocab::canonical("political_status", "０３"),
        Some("中国共产主义青年团团员")
    );
    assert_eq!(vocab::canonical("ethnicity", "01"), Some("汉族"));
    assert_eq!(vocab::canonical("ethnicity", "1"), Some("汉族"));
    assert_eq!(vocab::canonical("ethnicity", "ha"), Some("汉族"));
    assert_eq!(vocab::canonical("ethnicity", "ＨＡ"), Some("汉族"));
    assert_eq!(vocab::canonical("ethnicity", "Mongol"), Some("蒙古族"));
    assert_eq!(vocab::canonical("ethnicity", "SU"), Some("水族"));
    assert_eq!(vocab::canonical("marital_status", "20"), Some("已婚"));
    assert_eq!(vocab::canonical("marital_status", "21"), Some("初婚"));
    assert_eq!(vocab::canonical("gender", "1"), Some("男"));
    assert_eq!(vocab::canonical("gender", "2"), Some("女"));
    assert_eq!(vocab::canonical("education", "11"), Some("研究生"));
    assert_eq!(vocab::canonical("education", "41"), Some("中等职业教育"));
    assert_eq!(vocab::canonical("education", "47"), Some("中等职业教育"));
    assert_eq!(vocab::canonical("education", "61"), Some("普通高级中学"));
    assert_eq!(vocab::canonical("education", "73"), Some("初级中学"));
    assert_eq!(vocab::canonical("education", "90"), Some("其他"));
    assert_eq!(vocab::canonical("health", "1"), Some("健康或良好"));
    assert_eq!(vocab::canonical("health", "10"), Some("健康或良好"));
    assert_eq!(vocab::canonical("health", "37"), Some("有慢性病"));
    assert_eq!(vocab::canonical("health", "64"), Some("残疾"));
    assert_eq!(vocab::canonical("disability_level", "10"), Some("十级"));
    assert_eq!(vocab::canonical("disability_level", "１０"), Some("十级"));
}

/// The everyday words of issue 12 and the standards' short names.
#[test]
fn everyday_words_resolve() {
    let cases: &[(&str, &str, &str)] = &[
        ("political_status", "共青团员", "中国共产主义青年团团员"),
        ("political_status", "团员", "中国共产主义青年团团员"),
        ("political_status", "中共党员", "中国共产党党员"),
        ("political_status", "中共 党员", "中国共产党党员"),
        ("political_status", "中共预备党员", "中国共产党预备党员"),
        ("political_status", "民革会员", "中国国民党革命委员会会员"),
        ("political_status", "民革党员", "中国国民党革命委员会会员"),
        ("political_status", "民盟盟员", "中国民主同盟盟员"),
        ("political_status", "民建会员", "中国民主建国会会员"),
        ("political_status", "民进会员", "中国民主促进会会员"),
        ("political_status", "农工党党员", "中国农工民主党党员"),
        ("political_status", "致公党党员", "中国致公党党员"),
        ("political_status", "九三学社社员", "九三学社社员"),
        ("political_status", "台盟盟员", "台湾民主自治同盟盟员"),
        ("political_status", "无党派人士", "无党派民主人士"),
        ("political_status", "群众", "群众"),
        ("education", "初中", "初级中学"),
        ("education", "高中", "普通高级中学"),
        ("education", "普通高中", "普通高级中学"),
        ("education", "中专", "中等职业教育"),
        ("education", "职高", "中等职业教育"),
        ("education", "技校", "中等职业教育"),
        ("education", "大专", "大学专科"),
        ("education", "本科", "大学本科"),
        ("education", "硕士", "研究生"),
        ("education", "博士", "研究生"),
        ("education", "研究生教育", "研究生"),
        ("education", "博士研究生毕业", "研究生"),
        ("education", "初中毕业", "初级中学"),
        ("education", "普通高中肄业", "普通高级中学"),
        ("education", "技工学校结业", "中等职业教育"),
        ("ethnicity", "汉", "汉族"),
        ("ethnicity", "蒙古", "蒙古族"),
        ("ethnicity", "蒙族", "蒙古族"),
        ("ethnicity", "毛难族", "毛南族"),
        ("gender", "男性", "男"),
        ("gender", "女性", "女"),
        ("marital_status", "离异", "离婚"),
        ("health", "健康", "健康或良好"),
        ("health", "良好", "健康或良好"),
        ("health", "一般", "一般或较弱"),
        ("health", "较弱", "一般或较弱"),
        ("health", "慢性病", "有慢性病"),
        ("health", "糖尿病", "有慢性病"),
        ("health", "癌症", "有慢性病"),
        ("hukou_category", "城镇", "城镇"),
        ("hukou_category", "农村", "农村"),
        ("hukou_category", "农业户口", "农业"),
        ("hukou_category", "非农业户口", "非农业"),
        ("hukou_category", "城镇户口", "城镇"),
        ("hukou_category", "农村户口", "农村"),
        ("hukou_category", "居民户口", "居民"),
        ("hukou_category", "城镇居民", "城镇"),
        ("hukou_category", "农村居民", "农村"),
        ("settlement_type", "原户恢复", "原籍落户"),
        ("settlement_type", "回原籍落户", "原籍落户"),
        ("settlement_type", "恢复户口", "原籍落户"),
        ("settlement_type", "原籍恢复户口", "原籍落户"),
        ("settlement_type", "单位集体户", "单位集体户落户"),
        ("labor_capacity", "无劳动能力", "完全丧失劳动能力"),
        ("disability_level", "1级", "一级"),
        ("disability_level", "１０级", "十级"),
        ("disability_level", "3", "三级"),
        ("yes_no", "y", "是"),
        ("yes_no", "N", "否"),
        ("punishment_type", "降职（级）", "降职(级)"),
        ("punishment_type", "降级", "降职(级)"),
        ("study_stage", "高等职业教育（专科）", "高等职业教育(专科)"),
        ("study_stage", "大专", "高等职业教育(专科)"),
        ("study_stage", "高中", "普通高中"),
        ("award_type", "荣立三等功", "三等功"),
        ("disability_nature", "因公致残", "因公"),
        ("household_kind", "集体户口", "集体户"),
        ("soldier_category", "军士", "军士"),
    ];
    for (id, input, want) in cases {
        assert_eq!(vocab::canonical(id, input), Some(*want), "{id}: {input:?}");
    }
}

/// The situation's settlement modes: every spelling of the table is read by the structural reader (which
/// every typed input goes through) as the mode of the same canonical value; serde itself takes only the
/// canonical spelling.
#[test]
fn situation_settlement_modes_resolve() {
    let modes = [
        ("原籍落户", SettlementMode::OriginalHousehold, "原籍落户"),
        ("原户恢复", SettlementMode::OriginalHousehold, "原籍落户"),
        ("回原籍落户", SettlementMode::OriginalHousehold, "原籍落户"),
        ("恢复户口", SettlementMode::OriginalHousehold, "原籍落户"),
        ("投靠亲属落户", SettlementMode::Relatives, "投靠亲属落户"),
        ("投靠亲属", SettlementMode::Relatives, "投靠亲属落户"),
        ("投靠配偶落户", SettlementMode::Spouse, "投靠配偶落户"),
        ("投靠配偶", SettlementMode::Spouse, "投靠配偶落户"),
        (
            "单位集体户落户",
            SettlementMode::EmployerCollective,
            "单位集体户落户",
        ),
        (
            "单位集体户",
            SettlementMode::EmployerCollective,
            "单位集体户落户",
        ),
        (
            " 单位集体户\u{3000}",
            SettlementMode::EmployerCollective,
            "单位集体户落户",
        ),
    ];
    for (text, mode, want) in modes {
        let input = json!({"hukou_cancelled_on_enlistment": true, "settlement_mode": text,
            "military_id_issued": false, "id_card": "无需办理"});
        let s: Situation =
            tuiyi_core::strict::read(&tuiyi_core::doc::Doc::from_value(&input)).expect(text);
        assert_eq!(s.settlement_mode, Some(mode), "{text}");
        assert_eq!(mode.as_str(), want);
        assert_eq!(
            vocab::canonical("settlement_type", text),
            Some(want),
            "{text}"
        );
        assert_eq!(
            vocab::canonical("settlement_type", mode.as_str()),
            Some(want)
        );
    }
    // serde alone: the canonical spelling only (no aliases left to drift from the table).
    assert!(serde_json::from_value::<SettlementMode>(json!("原户恢复")).is_err());
    assert_eq!(
        serde_json::from_value::<SettlementMode>(json!("原籍落户")).ok(),
        Some(SettlementMode::OriginalHousehold)
    );
    // The form's list and the situation's list have the same canonical values.
    let form: Vec<&str> = SettlementType::VALUES.to_vec();
    let situation: Vec<&str> = [
        SettlementMode::OriginalHousehold,
        SettlementMode::EmployerCollective,
        SettlementMode::Relatives,
        SettlementMode::Spouse,
    ]
    .iter()
    .map(|m| m.as_str())
    .collect();
    assert_eq!(form, situation);
    assert_eq!(
        vocab::for_enum("SettlementMode").map(|l| l.id.as_str()),
        Some("settlement_type")
    );
}

#[test]
fn wrong_or_ambiguous_inputs_do_not_resolve() {
    for l in vocab::lists() {
        for n in &l.not_accepted {
            assert_eq!(
                l.canonical(&n.input),
                None,
                "{}: {:?} must not resolve",
                l.id,
                n.input
            );
        }
    }
    let cases: &[(&str, &str)] = &[
        ("gender", "0"),
        ("gender", "9"),
        ("gender", "未知的性别"),
        ("gender", "未说明的性别"),
        ("gender", "01"),
        ("gender", "男女"),
        ("political_status", "团员党员"),
        ("political_status", "党员"),
        ("political_status", "无党派"),
        ("political_status", "14"),
        ("political_status", "003"),
        ("political_status", "共青"),
        ("ethnicity", "97"),
        ("ethnicity", "98"),
        ("ethnicity", "穿青人"),
        ("ethnicity", "57"),
        ("ethnicity", "0"),
        ("ethnicity", "SW"),
        ("education", "3"),
        ("education", "1"),
        ("education", "72"),
        ("education", "82"),
        ("education", "50"),
        ("education", "大学"),
        ("education", "高职"),
        ("health", "41"),
        ("health", "4"),
        ("health", "5"),
        ("health", "较差"),
        ("marital_status", "1"),
        ("marital_status", "单身"),
        ("yes_no", "1"),
        ("yes_no", "0"),
        ("yes_no", "2"),
        ("yes_no", "有"),
        ("yes_no", "yes"),
        ("hukou_category", "城市户口"),
        ("labor_capacity", "丧失劳动能力"),
        ("disability_level", "0"),
        ("disability_level", "11"),
        ("disability_level", "特等"),
        ("study_stage", "研究生"),
        ("settlement_type", "集体户"),
        ("soldier_category", "士兵"),
        ("settlement_type", ""),
        ("gender", "\u{3000}"),
    ];
    for (id, input) in cases {
        assert_eq!(
            vocab::canonical(id, input),
            None,
            "{id}: {input:?} must not resolve"
        );
    }
    // Inputs far longer than any spelling: no match, no panic.
    assert_eq!(vocab::canonical("gender", &"男".repeat(1000)), None);
    assert_eq!(
        vocab::canonical("gender", &format!("{}男", " ".repeat(1000))),
        Some("男")
    );
}

#[test]
fn every_list_cites_a_standard_and_a_source_and_records_decisions() {
    for l in vocab::lists() {
        assert!(!l.standard.is_empty() && !l.source.is_empty(), "{}", l.id);
        assert!(!l.decisions.is_empty(), "{}", l.id);
        for d in &l.decisions {
            assert!(!d.zh.is_empty() && !d.en.is_empty(), "{}", l.id);
        }
    }
    let editions = [
        ("gender", "GB/T 2261.1-2003"),
        ("marital_status", "GB/T 2261.2-2003"),
        ("health", "GB/T 2261.3-2003"),
        ("ethnicity", "GB/T 3304-1991"),
        ("political_status", "GB/T 4762-1984"),
        ("education", "GB/T 4658-2006"),
    ];
    for (id, std) in editions {
        assert!(
            list(id).standard.starts_with(std),
            "{id}: {}",
            list(id).standard
        );
    }
}

#[test]
fn counts() {
    assert_eq!(vocab::lists().len(), 17);
    assert_eq!(list("ethnicity").entries.len(), 56);
    assert_eq!(list("political_status").entries.len(), 13);
    // GB/T 4658-2006: 8 categories and 32 finer codes.
    let edu = list("education");
    assert_eq!(edu.entries.len(), 40);
    assert_eq!(
        edu.entries.iter().filter(|e| e.parent.is_some()).count(),
        32
    );
    assert_eq!(list("health").entries.len(), 22);
}

// ------------------------------------------------------------------------------------------------------------
// docs/codes.md
// ------------------------------------------------------------------------------------------------------------

fn render() -> String {
    let mut o = String::new();
    o.push_str(
        "# 代码表 · Code tables\n\n\
         <!-- Generated from rules/codes/*.json by core/tests/vocab.rs; do not edit by hand. Regenerate with\n     \
         TUIYI_BLESS=1 cargo test -p tuiyi-core --test vocab -->\n\n\
         登记表（附件2）每个封闭列表的规范值、国家标准代码和 tuiyi 接受的其他写法（标准简称、日常用语）。数据在\n\
         `rules/codes/`（每个列表一个 JSON 文件，注明标准版本、来源和判断），查询在 `tuiyi_core::vocab`\n\
         （`vocab::canonical(list, input)`、`vocab::lookup(list)`）。\n\n\
         The canonical values, national-standard codes and other accepted spellings (the standards' short names,\n\
         everyday words) of every closed list of the registration form. Data: `rules/codes/` (one JSON file per list,\n\
         with the standard's edition, the source and the judgement calls); lookup: `tuiyi_core::vocab`.\n\n\
         ## 匹配规则 · Matching\n\n\
         - 先规范化再匹配 · Inputs are folded before matching: all whitespace is removed wherever it is (ASCII spaces,\n  \
         U+3000 全角空格, U+00A0 NBSP, zero-width characters), full-width ASCII becomes half-width (`０３` → `03`,\n  \
         `（` → `(`), ASCII letters are upper-cased (`ha` = `HA`). Nothing else: no fuzzy matching.\n\
         - 每个规范值都映射到自身 · Every canonical value maps to itself; within a list no spelling belongs to two\n  \
         canonical values (checked by the tests after folding).\n\
         - 代码补零 · No general leading-zero rule: a code without its leading zero is accepted only where the table\n  \
         lists it (GB/T 4762 `1`–`9`, GB/T 3304 `1`–`9`), i.e. where nothing else could be meant. GB/T 4658 takes no\n  \
         one-digit codes (`3` may mean 30 or 03).\n\
         - 细类归并 · A finer category of a standard (GB/T 4658 `71 初中毕业`, GB/T 2261.3 `37 糖尿病`) normalizes to\n  \
         its top-level category, which is the form's value.\n\
         - “不接受”的写法在测试中逐一确认不会被识别 · Every input listed under *Not accepted* is checked not to resolve.\n\n",
    );
    o.push_str("## 列表 · Lists\n\n| 列表 List | id | 模型枚举 Model enum | 标准 Standard | 规范值 Values | 写法 Spellings |\n|---|---|---|---|---|---|\n");
    for l in vocab::lists() {
        let enums = std::iter::once(&l.model_enum)
            .chain(&l.also_enums)
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            o,
            "| [{}](#{}) | `{}` | {} | {} | {} | {} |",
            l.title,
            l.id.replace('_', "-"),
            l.id,
            enums,
            short_standard(&l.standard),
            l.canonical_values().count(),
            l.spelling_count()
        );
    }
    o.push('\n');
    for l in vocab::lists() {
        let _ = writeln!(o, "<a id=\"{}\"></a>\n", l.id.replace('_', "-"));
        let _ = writeln!(
            o,
            "## {} · {} (`{}`, `{}`)\n",
            l.title, l.title_en, l.id, l.model_enum
        );
        let _ = writeln!(o, "**标准 Standard:** {}\n", l.standard);
        o.push_str("**来源 Sources:**\n\n");
        for s in &l.source {
            let _ = writeln!(o, "- {s}");
        }
        o.push('\n');
        let has_codes = l.entries.iter().any(|e| e.code.is_some());
        let has_finer = l.entries.iter().any(|e| e.parent.is_some());
        let mut head = vec!["规范值 Canonical value"];
        if has_codes {
            head.push("代码 Code");
        }
        head.push("接受的其他写法 Other accepted spellings");
        if has_finer {
            head.push("细类 Finer categories (→ this value)");
        }
        let _ = writeln!(
            o,
            "| {} |\n|{}",
            head.join(" | "),
            "---|".repeat(head.len())
        );
        for e in l.entries.iter().filter(|e| e.is_canonical()) {
            let mut value = e.name.clone();
            if l.extra_canonical.contains(&e.name) {
                value.push_str(" †");
            }
            let mut other: Vec<String> = Vec::new();
            other.extend(e.short.iter().cloned());
            other.extend(e.synonyms.iter().cloned());
            other.extend(e.letter_code.iter().cloned());
            other.extend(e.romanization.iter().cloned());
            let mut row = vec![value];
            if has_codes {
                row.push(code_cell(e));
            }
            row.push(if other.is_empty() {
                "—".to_string()
            } else {
                other.join("、")
            });
            if has_finer {
                let finer: Vec<String> = l
                    .entries
                    .iter()
                    .filter(|f| f.parent.as_deref() == Some(e.name.as_str()))
                    .map(|f| format!("{} {}", code_cell(f), f.name).trim().to_string())
                    .collect();
                row.push(if finer.is_empty() {
                    "—".to_string()
                } else {
                    finer.join("、")
                });
            }
            let _ = writeln!(o, "| {} |", row.join(" | "));
        }
        if l.entries.iter().any(|e| !e.accept_code) {
            o.push_str("\n\\* 只接受名称，不接受该代码（见“不接受”）· Name accepted, code not (see *Not accepted*).\n");
        }
        if l.entries.iter().any(|e| !e.alt_codes.is_empty()) {
            o.push_str("\n括号内是也接受的代码写法 · Codes in brackets are other accepted spellings of the code.\n");
        }
        if !l.extra_canonical.is_empty() {
            o.push_str("\n† 本表的规范值，登记表模型尚无此值 · canonical here, not yet a value of the model's enum.\n");
        }
        o.push('\n');
        if !l.not_accepted.is_empty() {
            o.push_str(
                "**不接受 Not accepted:**\n\n| 输入 Input | 原因 | Reason |\n|---|---|---|\n",
            );
            for n in &l.not_accepted {
                let _ = writeln!(o, "| `{}` | {} | {} |", n.input, n.zh, n.en);
            }
            o.push('\n');
        }
        o.push_str("**决定 Decisions:**\n\n");
        for (i, d) in l.decisions.iter().enumerate() {
            let _ = writeln!(o, "{}. {}\n   {}", i + 1, d.zh, d.en);
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn code_cell(e: &tuiyi_core::vocab::Entry) -> String {
    let Some(code) = &e.code else {
        return String::new();
    };
    let mut s = code.clone();
    if !e.alt_codes.is_empty() {
        s.push_str(&format!(" ({})", e.alt_codes.join(", ")));
    }
    if !e.accept_code {
        s.push('*');
    }
    s
}

fn short_standard(s: &str) -> String {
    if s.starts_with("GB") {
        s.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
    } else {
        "—".to_string()
    }
}

#[test]
fn docs_codes_md_is_generated_from_the_data() {
    let path = repo("docs/codes.md");
    let want = render();
    if std::env::var_os("TUIYI_BLESS").is_some() {
        std::fs::write(&path, &want).expect("write docs/codes.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/codes.md is out of date; regenerate it with\n  TUIYI_BLESS=1 cargo test -p tuiyi-core --test vocab"
    );
}
