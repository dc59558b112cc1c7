//! The rule pack's types: items, materials, conditions, deadlines, provenance, conflicts, dispatch lists.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;

/// 落户方式（入伍时注销户口、退役后恢复户口时）。附件3 第7–9项和八(六)写明了“单位集体户落户”
/// “投靠亲属落户”“投靠配偶落户”；“原籍落户”（回原户籍地址恢复户口）是最常见的情形，由八(八)2(3)①
/// “恢复户口”和附件2“原户籍地址”推出。购房落户等方式方案未提及，不在此列。
/// The spellings are those of the form's 安置类型 (`SettlementType`); other spellings (`原户恢复`, `投靠亲属`,
/// `单位集体户`, …) are read by the structural reader through the code table `rules/codes/settlement_type.json`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[schemars(title = "落户方式")]
pub enum SettlementMode {
    /// 原籍落户：回原户籍地址恢复户口（亦写作原户恢复、回原籍落户、恢复户口）
    #[serde(rename = "原籍落户")]
    OriginalHousehold,
    /// 投靠亲属落户（附件3 第8项：亲属关系证明）
    #[serde(rename = "投靠亲属落户")]
    Relatives,
    /// 投靠配偶落户（附件3 第9项：结婚证）
    #[serde(rename = "投靠配偶落户")]
    Spouse,
    /// 单位集体户落户（附件3 第7项：单位同意落户证明）
    #[serde(rename = "单位集体户落户")]
    EmployerCollective,
}

impl SettlementMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SettlementMode::OriginalHousehold => "原籍落户",
            SettlementMode::Relatives => "投靠亲属落户",
            SettlementMode::Spouse => "投靠配偶落户",
            SettlementMode::EmployerCollective => "单位集体户落户",
        }
    }
}

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

/// A notice of the guide's 特别提示: a text for the applicant, where it comes from, and the recorded conflicts
/// whose decision it explains (a conflict that promises the guide explains it must be named by a notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuideNotice {
    pub text: String,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
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
    /// The items no longer handled once the benefits are deemed waived (`flag`), each with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forfeits: Vec<Forfeit>,
}

/// An item lost with the resettlement benefits (条例第十七条 视为放弃安置待遇).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Forfeit {
    pub item: u8,
    /// Said in the plan item's reason.
    pub text: String,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
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
    /// Notices printed in the guide's 特别提示 (what the conflicts decided, spelled out for the applicant).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<GuideNotice>,
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
    /// 被批准退出现役之日（《退役士兵安置条例》第十三条）(`dates.approved_discharge_date`; if not given,
    /// `dates.discharge_date`)
    ApprovedDischarge,
    /// 退出现役之日（兵役法第十七条、八(九)9）(`dates.discharge_date`; if not given,
    /// `dates.approved_discharge_date`)
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
            Event::ApprovedDischarge => "approved_discharge_date",
            Event::Discharge => "discharge_date",
            Event::ReturnHome => "return_home_date",
            Event::Acceptance => "acceptance_date",
            Event::MilitaryData => "military_data_date",
            Event::PlatformData => "platform_data_date",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Event::ApprovedDischarge => "被批准退出现役之日",
            Event::Discharge => "退出现役之日",
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
    /// `situation.id_card` is 无需办理 or 换领: the applicant holds a card (not lost, not never issued)
    IdCardHeld,
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
    pub(super) fn render(&mut self) {
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

/// An item that must be done before another (the order of 八(八), 四(一), 条例第十四条…), with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    /// The item (八(三) number) that must be done first.
    pub item: u8,
    /// Why, in plain Chinese, for the applicant (the plan's warning and the guide print it).
    pub text: String,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
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
    /// The items that must be done before this one (when they apply to the applicant too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<Prerequisite>,
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

/// A material the window itself issues while handling an item (not something the applicant brings):
/// pre-review does not ask for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuedAt {
    /// The item (八(三) number) during which it is issued.
    pub item: u8,
    /// Said to the applicant, appended to the material's reason.
    pub text: String,
    pub provenance: Provenance,
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
    /// Issued by the window during an item, not brought by the applicant (e.g. the 落户介绍信 at 报到).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<IssuedAt>,
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
