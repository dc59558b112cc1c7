//! The rule pack: departments, the 9 service items, the 14 materials, their conditions, deadlines, legal
//! bases and the seed's recorded conflicts — each rule with its provenance.
//!
//! A pack is a directory of five JSON files (the fifth, `dispatch.json`, lists what each department receives) (format: `docs/rules.md`): `pack.json`, `items.json`,
//! `materials.json`, `conflicts.json`. The Shanxi pack (`rules/shanxi/`) is embedded at compile time;
//! [`RulePack::from_dir`] loads another directory with the same file names. Every pack is validated on load
//! (numbering, counts, unique codes, references, conditions); a failure is an [`ErrorKind::RulePack`] error
//! whose message names the file and whose `path` is the JSON Pointer inside it.

mod check;
mod load;
mod types;

use crate::code_info::{code, CodeInfo, Severity::Error as E};
use crate::error::{Error, ErrorKind};

pub use load::FILES;
pub use types::*;

pub const RULE_PACK_IO: CodeInfo = code(
    "rule_pack_io",
    "rules",
    E,
    "规则包文件 {file} 无法读取：{detail}",
    "rule pack file {file} cannot be read: {detail_en}",
    "docs/rules.md",
);
pub const RULE_PACK_JSON: CodeInfo = code(
    "rule_pack_json",
    "rules",
    E,
    "规则包文件 {file} 的 {pointer} 处有误：{detail}",
    "rule pack file {file} at {pointer}: {detail_en}",
    "docs/rules.md",
);
pub const RULE_PACK_NUMBERING: CodeInfo = code(
    "rule_pack_numbering",
    "rules",
    E,
    "规则包文件 {file} 的 {pointer}：序号应为 {expected}，实际为 {got}（须从 1 起连续编号、不重复）",
    "rule pack file {file} at {pointer}: number should be {expected}, got {got} (1.. in order, unique)",
    "八(三)；附件3",
);
pub const RULE_PACK_COUNT: CodeInfo = code(
    "rule_pack_count",
    "rules",
    E,
    "规则包文件 {file}：应有 {expected} 项，实际 {got} 项（见 pack.json 的 expects）",
    "rule pack file {file}: expected {expected} entries, got {got} (see expects in pack.json)",
    "八(三)；八(六)",
);
pub const RULE_PACK_DUPLICATE: CodeInfo = code(
    "rule_pack_duplicate",
    "rules",
    E,
    "规则包文件 {file} 的 {pointer}：代码“{value}”重复",
    "rule pack file {file} at {pointer}: duplicate code \"{value}\"",
    "docs/rules.md",
);
pub const RULE_PACK_REFERENCE: CodeInfo = code(
    "rule_pack_reference",
    "rules",
    E,
    "规则包文件 {file} 的 {pointer}：引用的“{value}”不存在",
    "rule pack file {file} at {pointer}: \"{value}\" does not resolve",
    "docs/rules.md",
);
pub const RULE_PACK_CONDITION: CodeInfo = code(
    "rule_pack_condition",
    "rules",
    E,
    "规则包文件 {file} 的 {pointer}：条件有误：{detail}",
    "rule pack file {file} at {pointer}: bad condition: {detail}",
    "docs/rules.md",
);
pub const RULE_PACK_VALUE: CodeInfo = code(
    "rule_pack_value",
    "rules",
    E,
    "规则包文件 {file} 的 {pointer}：取值有误：{detail}",
    "rule pack file {file} at {pointer}: bad value: {detail}",
    "docs/rules.md",
);

/// The codes of rule-pack loading.
pub const CODES: &[CodeInfo] = &[
    RULE_PACK_IO,
    RULE_PACK_JSON,
    RULE_PACK_NUMBERING,
    RULE_PACK_COUNT,
    RULE_PACK_DUPLICATE,
    RULE_PACK_REFERENCE,
    RULE_PACK_CONDITION,
    RULE_PACK_VALUE,
];

/// A `rule_pack` error of `info` about `file` at `pointer` inside it.
fn pack_error(info: &CodeInfo, file: &str, pointer: &str, args: &[(&str, &str)]) -> Error {
    let mut all: Vec<(&str, &str)> = vec![("file", file), ("pointer", pointer)];
    all.extend_from_slice(args);
    Error::coded(ErrorKind::RulePack, info, pointer, &all)
}

#[cfg(test)]
mod tests {
    use super::load::EMBEDDED;
    use super::*;
    use crate::error::Result;
    use std::path::Path;

    fn sources() -> [String; 5] {
        EMBEDDED.map(|s| s.to_string())
    }

    fn load(s: &[String; 5]) -> Result<RulePack> {
        RulePack::from_sources(&s[0], &s[1], &s[2], &s[3], &s[4])
    }

    fn edit(file: usize, f: impl FnOnce(&mut serde_json::Value)) -> Error {
        let mut s = sources();
        let mut v: serde_json::Value = serde_json::from_str(&s[file]).unwrap();
        f(&mut v);
        s[file] = v.to_string();
        load(&s).unwrap_err()
    }

    #[test]
    fn embedded_pack_loads() {
        let p = RulePack::embedded().unwrap();
        assert_eq!(p.items.len(), 9);
        assert_eq!(p.materials.len(), 14);
        assert!(p.conflicts.len() >= 4);
        assert_eq!(p.meta.departments.len(), 5);
        for id in [
            "material_13_necessity",
            "hukou_materials_necessity",
            "reserve_registration_form_not_listed",
            "report_deadline_start",
        ] {
            assert!(p.conflict(id).is_some(), "{id}");
        }
        assert_eq!(p.item(1).unwrap().deadline.count, 30);
        assert_eq!(p.item(9).unwrap().deadline.count, 40);
        // The order of the seed: 兵役登记 (9) before 报到 (1), 报到 before 落户 (3), 落户 before 身份证 (4).
        let before = |no: u8| -> Vec<u8> {
            p.item(no)
                .unwrap()
                .prerequisites
                .iter()
                .map(|x| x.item)
                .collect()
        };
        assert_eq!(
            (before(1), before(3), before(4), before(9)),
            (vec![9], vec![1], vec![3], vec![])
        );
    }

    #[test]
    fn from_dir_reads_the_same_pack() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/shanxi");
        assert_eq!(
            RulePack::from_dir(&dir).unwrap(),
            RulePack::embedded().unwrap()
        );
        let e = RulePack::from_dir(Path::new("/nonexistent-tuiyi")).unwrap_err();
        assert_eq!(e.code, "rule_pack_io");
    }

    #[test]
    fn validation_errors_name_file_and_pointer() {
        let e = edit(1, |v| v[3]["no"] = 7.into());
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_numbering", "/3/no")
        );
        assert!(e.message.contains("items.json"));
        assert_eq!(e.kind, ErrorKind::RulePack);

        let e = edit(1, |v| {
            v.as_array_mut().unwrap().pop();
        });
        assert_eq!(e.code, "rule_pack_count");

        let e = edit(1, |v| v[2]["lead"] = "nobody".into());
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_reference", "/2/lead")
        );

        let e = edit(1, |v| v[4]["code"] = "report".into());
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_duplicate", "/4/code")
        );

        let e = edit(1, |v| v[0]["bogus"] = 1.into());
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_json", "/0/bogus")
        );

        let e = edit(1, |v| v[0]["deadline"]["kind"] = "fortnights".into());
        assert_eq!(e.code, "rule_pack_json");
        assert_eq!(e.path, "/0/deadline/kind");

        let e = edit(2, |v| v[6]["requirement"]["mode"] = serde_json::Value::Null);
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_condition", "/6/requirement")
        );

        let e = edit(2, |v| v[12]["conflicts"][0] = "nope".into());
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_reference", "/12/conflicts/0")
        );

        let e = edit(3, |v| v[0]["affects"][0] = "material:15".into());
        assert_eq!(e.code, "rule_pack_reference");

        let e = edit(0, |v| v["late_report"]["item"] = 2.into());
        assert_eq!(e.code, "rule_pack_value");

        // Prerequisites: they resolve, are not the item itself, not twice, and form no cycle.
        let e = edit(1, |v| v[0]["prerequisites"][0]["item"] = 12.into());
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_reference", "/0/prerequisites/0/item")
        );
        let e = edit(1, |v| v[0]["prerequisites"][0]["item"] = 1.into());
        assert_eq!(e.code, "rule_pack_reference", "an item before itself");
        let e = edit(1, |v| {
            let p = v[0]["prerequisites"][0].clone();
            v[0]["prerequisites"].as_array_mut().unwrap().push(p);
        });
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_duplicate", "/0/prerequisites/1/item")
        );
        // 9 before 1 is in the pack; 1 before 9 closes a cycle (and 3 → 1 → 9 → 1 reaches it).
        let e = edit(1, |v| {
            let mut p = v[0]["prerequisites"][0].clone();
            p["item"] = 1.into();
            v[8]["prerequisites"] = serde_json::json!([p]);
        });
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_value", "/0/prerequisites")
        );
        assert!(e.message.contains("1 → 9 → 1"), "{}", e.message);
        let e = edit(1, |v| {
            v[2]["prerequisites"][0]["provenance"]["quote"] = "".into()
        });
        assert_eq!(e.path, "/2/prerequisites/0/provenance/quote");
        let e = edit(1, |v| {
            v[0]["prerequisites"][0]["conflicts"][0] = "nope".into()
        });
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("rule_pack_reference", "/0/prerequisites/0/conflicts/0")
        );

        let mut s = sources();
        s[3] = "[".into();
        let e = load(&s).unwrap_err();
        assert_eq!(e.code, "rule_pack_json");
        assert!(e.message.contains("conflicts.json"));
    }
}
