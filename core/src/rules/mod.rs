//! The rule pack: departments, the 9 service items, the 14 materials, their conditions, deadlines, legal
//! bases and the seed's recorded conflicts — each rule with its provenance.
//!
//! A pack is a directory of five JSON files (the fifth, `dispatch.json`, lists what each department receives) (format: `docs/rules.md`): `pack.json`, `items.json`,
//! `materials.json`, `conflicts.json`. The Shanxi pack (`rules/shanxi/`) is embedded at compile time;
//! [`RulePack::from_dir`] loads another directory with the same file names. Every pack is validated on load
//! (numbering, counts, unique codes, references, conditions); a failure is an [`ErrorKind::RulePack`] error
//! whose message names the file and whose `path` is the JSON Pointer inside it.

use std::collections::BTreeSet;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::{code, CodeInfo, Severity::Error as E};
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::model::SettlementMode;

/// The file names of a pack directory.
pub const FILES: [&str; 5] = [
    "pack.json",
    "items.json",
    "materials.json",
    "conflicts.json",
    "dispatch.json",
];

const EMBEDDED: [&str; 5] = [
    include_str!("../../../rules/shanxi/pack.json"),
    include_str!("../../../rules/shanxi/items.json"),
    include_str!("../../../rules/shanxi/materials.json"),
    include_str!("../../../rules/shanxi/conflicts.json"),
    include_str!("../../../rules/shanxi/dispatch.json"),
];

/// `dispatch.json`: which fields (JSON Pointers into the form) and materials each department receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DispatchFile {
    #[serde(default, rename = "_comment")]
    pub comment: String,
    pub departments: Vec<DispatchRule>,
}

/// One department's share of the form (四(二), 五(一)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DispatchRule {
    /// Department id from pack.json.
    pub department: String,
    /// The service items (1–9) this department handles.
    pub items: Vec<u8>,
    /// JSON Pointers of the form sections/fields it receives; nothing else reaches it.
    pub fields: Vec<String>,
    /// 附件3 material numbers it checks in pre-review.
    pub materials: Vec<u8>,
    pub provenance: Provenance,
    #[serde(default)]
    pub note: String,
}

pub const CODES: &[CodeInfo] = &[
    code(
        "rule_pack_io",
        "rules",
        E,
        "规则包文件 {file} 无法读取：{detail}",
        "rule pack file {file} cannot be read: {detail_en}",
        "docs/rules.md",
    ),
    code(
        "rule_pack_json",
        "rules",
        E,
        "规则包文件 {file} 的 {pointer} 处有误：{detail}",
        "rule pack file {file} at {pointer}: {detail_en}",
        "docs/rules.md",
    ),
    code(
        "rule_pack_numbering",
        "rules",
        E,
        "规则包文件 {file} 的 {pointer}：序号应为 {expected}，实际为 {got}（须从 1 起连续编号、不重复）",
        "rule pack file {file} at {pointer}: number should be {expected}, got {got} (1.. in order, unique)",
        "八(三)；附件3",
    ),
    code(
        "rule_pack_count",
        "rules",
        E,
        "规则包文件 {file}：应有 {expected} 项，实际 {got} 项（见 pack.json 的 expects）",
        "rule pack file {file}: expected {expected} entries, got {got} (see expects in pack.json)",
        "八(三)；八(六)",
    ),
    code(
        "rule_pack_duplicate",
        "rules",
        E,
        "规则包文件 {file} 的 {pointer}：代码“{value}”重复",
        "rule pack file {file} at {pointer}: duplicate code \"{value}\"",
        "docs/rules.md",
    ),
    code(
        "rule_pack_reference",
        "rules",
        E,
        "规则包文件 {file} 的 {pointer}：引用的“{value}”不存在",
        "rule pack file {file} at {pointer}: \"{value}\" does not resolve",
        "docs/rules.md",
    ),
    code(
        "rule_pack_condition",
        "rules",
        E,
        "规则包文件 {file} 的 {pointer}：条件有误：{detail}",
        "rule pack file {file} at {pointer}: bad condition: {detail}",
        "docs/rules.md",
    ),
    code(
        "rule_pack_value",
        "rules",
        E,
        "规则包文件 {file} 的 {pointer}：取值有误：{detail}",
        "rule pack file {file} at {pointer}: bad value: {detail}",
        "docs/rules.md",
    ),
];

fn info(c: &str) -> &'static CodeInfo {
    CODES.iter().find(|i| i.code == c).unwrap_or(&CODES[1])
}

fn pack_error(c: &str, file: &str, pointer: &str, args: &[(&str, &str)]) -> Error {
    let i = info(c);
    let mut all: Vec<(&str, &str)> = vec![("file", file), ("pointer", pointer)];
    all.extend_from_slice(args);
    let (zh, en) = crate::codes::messages(i, &all);
    Error::new(ErrorKind::RulePack, i.code, pointer, zh, en)
}

// ---------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------

/// Where a rule comes from: the clause of the seed, the law it quotes (if any), the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "出处")]
pub struct Provenance {
    /// 方案条款，如 `附件3 第7项`、`八(六)`、`八(九)3`。
    #[schemars(title = "条款")]
    pub clause: String,
    /// 引用的法律法规及条文，如 `《退役士兵安置条例》第十三条`。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "法律依据")]
    pub law: Option<String>,
    /// 原文。
    #[schemars(title = "原文")]
    pub quote: String,
}

/// A text with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub text: String,
    pub provenance: Provenance,
}

/// One step of the service process (八(八)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub step: String,
    pub text: String,
    pub provenance: Provenance,
}

/// A department handling items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Stable id: `veterans`, `police`, `hrss`, `medical`, `military`.
    pub id: String,
    pub name: String,
    /// 省级联办部门。
    pub provincial: String,
    pub provenance: Provenance,
}

/// 第十七条: a report more than `grace_days` after the deadline of `item`, without a legitimate reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateReportRule {
    pub item: u8,
    pub grace_days: u32,
    pub provenance: Provenance,
}

/// How many items and materials the pack must have (guards against a truncated file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expects {
    pub items: usize,
    pub materials: usize,
}

/// `pack.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub id: String,
    pub title: String,
    pub document: String,
    pub document_title: String,
    pub date: Date,
    pub issuers: Vec<String>,
    pub service_object: Text,
    pub acceptance_conditions: Text,
    pub channels: Text,
    pub process: Vec<Step>,
    pub fees: Text,
    /// Notices printed in the guide (what the conflicts decided, spelled out for the applicant).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Text>,
    pub departments: Vec<Department>,
    pub late_report: LateReportRule,
    pub expects: Expects,
}

/// A legal basis quoted in 八(四).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    pub law: String,
    pub article: String,
    /// The clause of the seed quoting it, e.g. `八(四)1`.
    pub clause: String,
    pub quote: String,
}

/// Calendar days (民法典 period, extended past rest days) or working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "期间种类")]
pub enum DeadlineKind {
    /// 自然日（民法典第二百零一条、第二百零三条：起算日不计入，末日为休息日的顺延至其后第一个工作日）
    CalendarDays,
    /// 工作日（起算日不计入，第 n 个工作日）
    WorkingDays,
}

/// The event a deadline counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "起算事件")]
pub enum Event {
    /// 被批准退出现役之日 (`dates.discharge_date`)
    Discharge,
    /// 返乡之日 (`dates.return_home_date`)
    ReturnHome,
    /// 受理之日 (`dates.acceptance_date`)
    Acceptance,
    /// 收到军地总对总数据之日 (`dates.military_data_date`)
    MilitaryData,
    /// 收到省政务平台数据之日 (`dates.platform_data_date`)
    PlatformData,
}

impl Event {
    /// The input field (under `dates`) that gives this event.
    pub fn field(self) -> &'static str {
        match self {
            Event::Discharge => "discharge_date",
            Event::ReturnHome => "return_home_date",
            Event::Acceptance => "acceptance_date",
            Event::MilitaryData => "military_data_date",
            Event::PlatformData => "platform_data_date",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Event::Discharge => "被批准退出现役之日",
            Event::ReturnHome => "返乡之日",
            Event::Acceptance => "受理之日",
            Event::MilitaryData => "收到军地总对总数据之日",
            Event::PlatformData => "收到省政务平台数据之日",
        }
    }
}

/// A deadline rule of 八(九).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    pub kind: DeadlineKind,
    pub count: u32,
    pub from: Event,
    /// The words of 八(九).
    pub text: String,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

/// What a condition tests on the applicant's situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum When {
    Always,
    /// `situation.hukou_cancelled_on_enlistment`
    HukouCancelled,
    /// `situation.settlement_mode == mode`
    SettlementMode,
    /// `situation.military_id_issued`
    MilitaryIdIssued,
    /// `situation.id_card != 无需办理`
    IdCardNeeded,
    /// `situation.flexible_employment_medical`
    FlexibleEmploymentMedical,
}

/// A condition with the reason texts for when it holds and when it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub when: When,
    /// Only with `when: settlement_mode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SettlementMode>,
    pub provenance: Provenance,
    pub reason_true: String,
    /// Required unless `when: always`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_false: Option<String>,
    /// The full reasons ("需要：…（clause）", "不需要：…（clause）"), rendered once on load.
    #[serde(skip)]
    #[schemars(skip)]
    pub rendered: [String; 2],
}

impl Condition {
    fn render(&mut self) {
        self.rendered = [
            format!("需要：{}（{}）", self.reason_true, self.provenance.clause),
            format!(
                "不需要：{}（{}）",
                self.reason_false.as_deref().unwrap_or(""),
                self.provenance.clause
            ),
        ];
    }
}

/// One of the service items (八(三)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub no: u8,
    pub code: String,
    /// Name as in 八(三).
    pub name: String,
    /// Name as in 三 事项清单.
    pub name_in_list: String,
    /// Department id (pack.json `departments`).
    pub lead: String,
    /// 联办部门 (三 事项清单).
    pub joint_department: String,
    /// 实施层级.
    pub level: String,
    /// 办理形式.
    pub mode: String,
    pub provenance: Provenance,
    pub legal_basis: Vec<LegalBasis>,
    pub deadline: DeadlineRule,
    pub applies: Condition,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

/// 材料必要性 (附件3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Necessity {
    #[serde(rename = "必要")]
    Necessary,
    #[serde(rename = "非必要")]
    Optional,
}

/// A sentence added to a material's reason when a condition holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraNote {
    pub when: When,
    pub text: String,
}

/// One of the materials (附件3), with every column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub no: u8,
    pub code: String,
    /// Canonical name (附件3, typos corrected per 八(六)).
    pub name: String,
    /// 附件3 材料名称, verbatim.
    pub name_in_annex: String,
    /// 八(六) name.
    pub name_in_body: String,
    /// The parenthetical of 八(六).
    pub body_source: String,
    /// 来源渠道.
    pub source_channel: String,
    /// 材料类型.
    pub material_type: String,
    /// 材料形式.
    pub material_form: String,
    /// 纸质材料份数.
    pub paper_copies: String,
    /// 材料必要性.
    pub necessity: Necessity,
    /// 纸质材料规格.
    pub paper_spec: String,
    /// 填报须知.
    pub filling_notes: String,
    /// 受理标准.
    pub acceptance_standard: String,
    /// 要求提供材料依据.
    pub basis: String,
    /// 备注.
    pub note: String,
    pub requirement: Condition,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_notes: Vec<ExtraNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

/// One reading of a contradictory passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub clause: String,
    pub text: String,
}

/// A recorded contradiction in the seed text: both readings, the one followed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "冲突")]
pub struct Conflict {
    pub id: String,
    pub title: String,
    pub readings: Vec<Reading>,
    pub followed: String,
    pub why: String,
    /// `item:N` / `material:N`.
    pub affects: Vec<String>,
}

/// A loaded, validated rule pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulePack {
    pub meta: PackMeta,
    pub items: Vec<Item>,
    pub materials: Vec<Material>,
    pub conflicts: Vec<Conflict>,
    /// Dispatch lists, one per department (dispatch.json).
    pub dispatch: Vec<DispatchRule>,
}

// ---------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------

fn parse<T: serde::de::DeserializeOwned + JsonSchema + 'static>(
    file: &str,
    text: &str,
) -> Result<T> {
    let doc = crate::parse::parse(text).map_err(|e| {
        pack_error(
            "rule_pack_json",
            file,
            &e.path,
            &[("detail", &e.message), ("detail_en", &e.message_en)],
        )
    })?;
    crate::strict::read::<T>(&doc).map_err(|e| {
        pack_error(
            "rule_pack_json",
            file,
            &e.path,
            &[("detail", &e.message), ("detail_en", &e.message_en)],
        )
    })
}

impl RulePack {
    /// The Shanxi pack embedded in the binary.
    pub fn embedded() -> Result<RulePack> {
        let [p, i, m, c, d] = EMBEDDED;
        RulePack::from_sources(p, i, m, c, d)
    }

    /// Load `pack.json`, `items.json`, `materials.json` and `conflicts.json` from `dir`.
    pub fn from_dir(dir: &Path) -> Result<RulePack> {
        let mut texts = Vec::with_capacity(5);
        for f in FILES {
            let p = dir.join(f);
            let t = crate::files::read_text(&p, crate::files::MAX_FILE_BYTES).map_err(|e| {
                let (zh, en) = e.reason();
                pack_error(
                    "rule_pack_io",
                    &crate::files::shown(&p),
                    "",
                    &[("detail", &zh), ("detail_en", &en)],
                )
            })?;
            texts.push(t);
        }
        RulePack::from_sources(&texts[0], &texts[1], &texts[2], &texts[3], &texts[4])
    }

    /// Load from the five file texts (tests, fuzzing, embedding elsewhere).
    pub fn from_sources(
        pack: &str,
        items: &str,
        materials: &str,
        conflicts: &str,
        dispatch: &str,
    ) -> Result<RulePack> {
        let dispatch: DispatchFile = parse(FILES[4], dispatch)?;
        let mut rp = RulePack {
            dispatch: dispatch.departments,
            meta: parse(FILES[0], pack)?,
            items: parse(FILES[1], items)?,
            materials: parse(FILES[2], materials)?,
            conflicts: parse(FILES[3], conflicts)?,
        };
        rp.validate()?;
        for it in &mut rp.items {
            it.applies.render();
        }
        for m in &mut rp.materials {
            m.requirement.render();
        }
        Ok(rp)
    }

    pub fn id(&self) -> &str {
        &self.meta.id
    }

    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    pub fn item(&self, no: u8) -> Option<&Item> {
        self.items.iter().find(|i| i.no == no)
    }

    pub fn material(&self, no: u8) -> Option<&Material> {
        self.materials.iter().find(|m| m.no == no)
    }

    pub fn department(&self, id: &str) -> Option<&Department> {
        self.meta.departments.iter().find(|d| d.id == id)
    }

    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.conflicts.iter().find(|c| c.id == id)
    }

    fn validate(&self) -> Result<()> {
        self.validate_core()?;
        self.validate_dispatch()
    }

    fn validate_core(&self) -> Result<()> {
        let (pf, itf, mf, cf) = (FILES[0], FILES[1], FILES[2], FILES[3]);
        nonempty(pf, "/id", &self.meta.id)?;
        // Departments: unique ids.
        let mut deps = BTreeSet::new();
        for (i, d) in self.meta.departments.iter().enumerate() {
            let p = format!("/departments/{i}/id");
            nonempty(pf, &p, &d.id)?;
            if !deps.insert(d.id.as_str()) {
                return Err(dup(pf, &p, &d.id));
            }
        }
        // Conflicts: unique ids, affects resolve.
        let mut cids = BTreeSet::new();
        for (i, c) in self.conflicts.iter().enumerate() {
            let p = format!("/{i}/id");
            nonempty(cf, &p, &c.id)?;
            if !cids.insert(c.id.as_str()) {
                return Err(dup(cf, &p, &c.id));
            }
            if c.readings.len() < 2 {
                return Err(pack_error(
                    "rule_pack_value",
                    cf,
                    &format!("/{i}/readings"),
                    &[("detail", "a conflict needs at least two readings")],
                ));
            }
        }
        let conflict_refs = |file: &str, base: &str, list: &[String]| -> Result<()> {
            for (j, id) in list.iter().enumerate() {
                if !cids.contains(id.as_str()) {
                    return Err(reference(file, &format!("{base}/conflicts/{j}"), id));
                }
            }
            Ok(())
        };
        // Items.
        count(itf, self.meta.expects.items, self.items.len())?;
        let mut codes = BTreeSet::new();
        for (i, it) in self.items.iter().enumerate() {
            numbering(itf, &format!("/{i}/no"), i, it.no)?;
            if !codes.insert(it.code.as_str()) {
                return Err(dup(itf, &format!("/{i}/code"), &it.code));
            }
            nonempty(itf, &format!("/{i}/code"), &it.code)?;
            nonempty(itf, &format!("/{i}/name"), &it.name)?;
            if !deps.contains(it.lead.as_str()) {
                return Err(reference(itf, &format!("/{i}/lead"), &it.lead));
            }
            if it.deadline.count == 0 || it.deadline.count > 3650 {
                return Err(pack_error(
                    "rule_pack_value",
                    itf,
                    &format!("/{i}/deadline/count"),
                    &[("detail", "count must be 1..=3650")],
                ));
            }
            provenance(itf, &format!("/{i}/provenance"), &it.provenance)?;
            provenance(
                itf,
                &format!("/{i}/deadline/provenance"),
                &it.deadline.provenance,
            )?;
            condition(itf, &format!("/{i}/applies"), &it.applies)?;
            conflict_refs(itf, &format!("/{i}"), &it.conflicts)?;
            conflict_refs(itf, &format!("/{i}/deadline"), &it.deadline.conflicts)?;
        }
        // Materials.
        count(mf, self.meta.expects.materials, self.materials.len())?;
        let mut mcodes = BTreeSet::new();
        for (i, m) in self.materials.iter().enumerate() {
            numbering(mf, &format!("/{i}/no"), i, m.no)?;
            nonempty(mf, &format!("/{i}/code"), &m.code)?;
            if !mcodes.insert(m.code.as_str()) {
                return Err(dup(mf, &format!("/{i}/code"), &m.code));
            }
            nonempty(mf, &format!("/{i}/name"), &m.name)?;
            condition(mf, &format!("/{i}/requirement"), &m.requirement)?;
            for (j, n) in m.extra_notes.iter().enumerate() {
                if n.when == When::Always || n.when == When::SettlementMode {
                    return Err(pack_error(
                        "rule_pack_condition",
                        mf,
                        &format!("/{i}/extra_notes/{j}/when"),
                        &[("detail", "an extra note needs a yes/no condition")],
                    ));
                }
            }
            conflict_refs(mf, &format!("/{i}"), &m.conflicts)?;
        }
        // Conflicts: what they affect resolves.
        for (i, c) in self.conflicts.iter().enumerate() {
            for (j, a) in c.affects.iter().enumerate() {
                let ok = match a.split_once(':') {
                    Some(("item", n)) => n.parse::<u8>().is_ok_and(|n| self.item(n).is_some()),
                    Some(("material", n)) => {
                        n.parse::<u8>().is_ok_and(|n| self.material(n).is_some())
                    }
                    _ => false,
                };
                if !ok {
                    return Err(reference(cf, &format!("/{i}/affects/{j}"), a));
                }
            }
        }
        // Late-report rule.
        let lr = &self.meta.late_report;
        match self.item(lr.item) {
            Some(it) if it.deadline.from == Event::Discharge => {}
            Some(_) => {
                return Err(pack_error(
                    "rule_pack_value",
                    pf,
                    "/late_report/item",
                    &[(
                        "detail",
                        "the late-report item must count from discharge (条例第十三条)",
                    )],
                ))
            }
            None => return Err(reference(pf, "/late_report/item", &lr.item.to_string())),
        }
        Ok(())
    }
}

fn nonempty(file: &str, p: &str, v: &str) -> Result<()> {
    if v.trim().is_empty() {
        return Err(pack_error(
            "rule_pack_value",
            file,
            p,
            &[("detail", "must not be empty")],
        ));
    }
    Ok(())
}

fn dup(file: &str, p: &str, v: &str) -> Error {
    pack_error("rule_pack_duplicate", file, p, &[("value", v)])
}

impl RulePack {
    fn validate_dispatch(&self) -> Result<()> {
        let f = FILES[4];
        let mut seen = BTreeSet::new();
        for (i, r) in self.dispatch.iter().enumerate() {
            let base = format!("/departments/{i}");
            if self.department(&r.department).is_none() {
                return Err(reference(f, &format!("{base}/department"), &r.department));
            }
            if !seen.insert(r.department.as_str()) {
                return Err(pack_error(
                    "rule_pack_duplicate",
                    f,
                    &format!("{base}/department"),
                    &[("value", &r.department)],
                ));
            }
            for (j, no) in r.items.iter().enumerate() {
                if self.item(*no).is_none() {
                    return Err(reference(f, &format!("{base}/items/{j}"), &no.to_string()));
                }
            }
            for (j, no) in r.materials.iter().enumerate() {
                if self.material(*no).is_none() {
                    return Err(reference(
                        f,
                        &format!("{base}/materials/{j}"),
                        &no.to_string(),
                    ));
                }
            }
            for (j, ptr) in r.fields.iter().enumerate() {
                if !ptr.starts_with('/') || ptr.ends_with('/') {
                    return Err(pack_error(
                        "rule_pack_value",
                        f,
                        &format!("{base}/fields/{j}"),
                        &[("value", ptr), ("detail", "JSON Pointer")],
                    ));
                }
            }
        }
        Ok(())
    }

    /// The dispatch rule of one department.
    pub fn dispatch_rule(&self, department: &str) -> Option<&DispatchRule> {
        self.dispatch.iter().find(|r| r.department == department)
    }
}

fn reference(file: &str, p: &str, v: &str) -> Error {
    pack_error("rule_pack_reference", file, p, &[("value", v)])
}

fn count(file: &str, expected: usize, got: usize) -> Result<()> {
    if expected != got || got == 0 {
        return Err(pack_error(
            "rule_pack_count",
            file,
            "",
            &[
                ("expected", &expected.to_string()),
                ("got", &got.to_string()),
            ],
        ));
    }
    Ok(())
}

fn numbering(file: &str, p: &str, index: usize, no: u8) -> Result<()> {
    if usize::from(no) != index + 1 {
        return Err(pack_error(
            "rule_pack_numbering",
            file,
            p,
            &[
                ("expected", &(index + 1).to_string()),
                ("got", &no.to_string()),
            ],
        ));
    }
    Ok(())
}

fn provenance(file: &str, p: &str, pr: &Provenance) -> Result<()> {
    nonempty(file, &format!("{p}/clause"), &pr.clause)?;
    nonempty(file, &format!("{p}/quote"), &pr.quote)
}

fn condition(file: &str, p: &str, c: &Condition) -> Result<()> {
    provenance(file, &format!("{p}/provenance"), &c.provenance)?;
    let bad = |detail: &str| {
        Err(pack_error(
            "rule_pack_condition",
            file,
            p,
            &[("detail", detail)],
        ))
    };
    match (c.when, c.mode.is_some()) {
        (When::SettlementMode, false) => return bad("when: settlement_mode needs a mode"),
        (w, true) if w != When::SettlementMode => {
            return bad("mode is only allowed with when: settlement_mode")
        }
        _ => {}
    }
    if c.when != When::Always && c.reason_false.is_none() {
        return bad("reason_false is required unless when: always");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

        let mut s = sources();
        s[3] = "[".into();
        let e = load(&s).unwrap_err();
        assert_eq!(e.code, "rule_pack_json");
        assert!(e.message.contains("conflicts.json"));
    }
}
