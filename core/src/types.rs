//! Input and output types of the core operations (serde + schemars): applicant, situation, application,
//! eligibility, materials, plan.
//!
//! Keys are snake_case English; schema titles and descriptions are Chinese; closed lists are enums whose
//! JSON values are the canonical Chinese words. Every input type refuses unknown fields.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
pub use crate::pack::SettlementMode;
use crate::pack::{DeadlineKind, Event, Provenance};
use crate::report::Finding;

// ---------------------------------------------------------------------------------------------------------
// Closed lists
// ---------------------------------------------------------------------------------------------------------

/// 人员类别（军人类别）。`军士` is accepted as its own value: since the 2022 revision of the regulations on
/// soldiers' service, 士官 are called 军士; tuiyi treats the two as the same category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "人员类别")]
pub enum PersonnelCategory {
    /// 义务兵
    #[serde(rename = "义务兵")]
    Conscript,
    /// 士官
    #[serde(rename = "士官")]
    Sergeant,
    /// 军士（2022 年起士官的称谓，等同士官）
    #[serde(rename = "军士")]
    Junshi,
    /// 军官（不是士兵）
    #[serde(rename = "军官")]
    Officer,
    /// 其他（文职人员、消防员等，不是退役士兵）
    #[serde(rename = "其他")]
    Other,
}

impl PersonnelCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonnelCategory::Conscript => "义务兵",
            PersonnelCategory::Sergeant => "士官",
            PersonnelCategory::Junshi => "军士",
            PersonnelCategory::Officer => "军官",
            PersonnelCategory::Other => "其他",
        }
    }
    /// A 士兵 (义务兵, 士官 or 军士).
    pub fn is_soldier(self) -> bool {
        matches!(
            self,
            PersonnelCategory::Conscript | PersonnelCategory::Sergeant | PersonnelCategory::Junshi
        )
    }
}

/// 安置方式（《退役军人保障法》第二十一条、《退役士兵安置条例》）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "安置方式")]
pub enum ResettlementMode {
    /// 自主就业
    #[serde(rename = "自主就业")]
    SelfEmployment,
    /// 安排工作
    #[serde(rename = "安排工作")]
    AssignedJob,
    /// 逐月领取退役金
    #[serde(rename = "逐月领取退役金")]
    MonthlyPension,
    /// 退休
    #[serde(rename = "退休")]
    Retirement,
    /// 供养
    #[serde(rename = "供养")]
    Support,
}

impl ResettlementMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ResettlementMode::SelfEmployment => "自主就业",
            ResettlementMode::AssignedJob => "安排工作",
            ResettlementMode::MonthlyPension => "逐月领取退役金",
            ResettlementMode::Retirement => "退休",
            ResettlementMode::Support => "供养",
        }
    }
}

/// 居民身份证办理需求（八(八)2(3)②）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "居民身份证办理需求")]
pub enum IdCardNeed {
    /// 无需办理：已有居民身份证且在有效期内
    #[serde(rename = "无需办理")]
    None,
    /// 首次申领
    #[serde(rename = "首次申领")]
    New,
    /// 换领（到期、损坏、信息变更）
    #[serde(rename = "换领")]
    Renewal,
    /// 补领（遗失）
    #[serde(rename = "补领")]
    Replacement,
}

// ---------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------

/// 申请人（资格审查用，八(二)、八(五)）。
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "申请人")]
pub struct Applicant {
    /// 是否已依法退出现役（已被批准退出现役，并在部队办理退役相关手续）。
    #[schemars(title = "是否依法退出现役")]
    pub lawfully_discharged: bool,
    /// 人员类别：义务兵、士官（或军士）为士兵；军官不是士兵。
    #[schemars(title = "人员类别")]
    pub category: PersonnelCategory,
    /// 安置方式：本服务只面向自主就业退役士兵。
    #[schemars(title = "安置方式")]
    pub resettlement: ResettlementMode,
    /// 安置地县级行政区划代码（GB/T 2260，6 位数字，山西为 14 开头）。
    #[schemars(title = "安置地", regex(pattern = r"^[0-9]{6}$"))]
    pub placement_code: String,
    /// 是否已取得退出现役证书。
    #[schemars(title = "持有退出现役证书")]
    pub holds_discharge_certificate: bool,
    /// 是否已取得退出现役行政介绍信。
    #[schemars(title = "持有退出现役行政介绍信")]
    pub holds_introduction_letter: bool,
}

/// 申请人情况（确定申请材料和适用事项用）。
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "申请人情况")]
pub struct Situation {
    /// 入伍时是否注销了户口（注销的须恢复户口，八(八)2(3)①）。
    #[schemars(title = "入伍时是否注销户口")]
    pub hukou_cancelled_on_enlistment: bool,
    /// 落户方式：入伍时注销户口的必填；未注销户口的不得填写。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "落户方式")]
    pub settlement_mode: Option<SettlementMode>,
    /// 服役期间是否办理了军人身份证件（附件3 第12项）。
    #[schemars(title = "服役期间是否办理军人身份证件")]
    pub military_id_issued: bool,
    /// 居民身份证办理需求（八(八)2(3)②）。
    #[schemars(title = "居民身份证办理需求")]
    pub id_card: IdCardNeed,
    /// 是否以灵活就业人员身份参加基本医疗保险（附件3 第13项备注），默认否。
    #[serde(default)]
    #[schemars(title = "是否以灵活就业人员身份参加医保")]
    pub flexible_employment_medical: bool,
}

/// 各事项起算日期（均可不填；未填的，相应事项的到期日为空并说明原因）。
///
/// 两个退役日期（冲突 `discharge_dates`）：《退役士兵安置条例》第十三条的报到期限自“被批准退出现役之日”起算
/// （`approved_discharge_date`），兵役法第十七条、八(九)9 的兵役登记（事项9）期限自“退出现役之日”起算
/// （`discharge_date`）。两个都可给出；只给一个时，另一个按同一天计算，计划给出提醒
/// （`approved_discharge_date_assumed` / `discharge_date_assumed`）。
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "起算日期")]
pub struct Dates {
    /// 被批准退出现役之日（《退役士兵安置条例》第十三条：事项1 报到期限、第十七条逾期报到起算）。未给出时按退出现役之日。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "被批准退出现役之日")]
    pub approved_discharge_date: Option<Date>,
    /// 退出现役之日（兵役法第十七条、八(九)9：事项9 起算）。未给出时按被批准退出现役之日。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "退出现役之日")]
    pub discharge_date: Option<Date>,
    /// 返乡之日（事项2起算）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "返乡之日")]
    pub return_home_date: Option<Date>,
    /// 实际报到之日（判断第十七条逾期报到）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "报到之日")]
    pub report_date: Option<Date>,
    /// 综合窗口受理之日（事项3、4起算）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "受理之日")]
    pub acceptance_date: Option<Date>,
    /// 收到军地总对总数据之日（事项5、6起算）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "收到军地总对总数据之日")]
    pub military_data_date: Option<Date>,
    /// 收到省政务平台传来数据之日（事项7、8起算）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "收到省政务平台数据之日")]
    pub platform_data_date: Option<Date>,
}

impl Dates {
    /// The date of event `e`: the one given for it, or for the two discharge dates the other one (assumed
    /// the same day; the plan says so).
    pub fn of(&self, e: Event) -> Option<Date> {
        self.source(e).map(|(_, d)| d)
    }

    /// The date of event `e` and the field (under `dates`) it was read from.
    pub fn source(&self, e: Event) -> Option<(&'static str, Date)> {
        let own = match e {
            Event::ApprovedDischarge => self.approved_discharge_date,
            Event::Discharge => self.discharge_date,
            Event::ReturnHome => self.return_home_date,
            Event::Acceptance => self.acceptance_date,
            Event::MilitaryData => self.military_data_date,
            Event::PlatformData => self.platform_data_date,
        };
        if let Some(d) = own {
            return Some((e.field(), d));
        }
        match e {
            Event::ApprovedDischarge => self.discharge_date.map(|d| (Event::Discharge.field(), d)),
            Event::Discharge => self
                .approved_discharge_date
                .map(|d| (Event::ApprovedDischarge.field(), d)),
            _ => None,
        }
    }
}

/// 一件事申请（计划用）：申请人、情况、日期。
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "一件事申请")]
pub struct Application {
    #[schemars(title = "申请人")]
    pub applicant: Applicant,
    #[schemars(title = "申请人情况")]
    pub situation: Situation,
    #[serde(default)]
    #[schemars(title = "起算日期")]
    pub dates: Dates,
    /// 逾期报到是否有正当理由（《退役士兵安置条例》第十七条），默认否。
    #[serde(default)]
    #[schemars(title = "逾期报到有正当理由")]
    pub report_delay_reason_legitimate: bool,
    /// 已办结的事项序号（1–9），其状态为“已办结”。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "已办结事项")]
    pub completed_items: Vec<u8>,
    /// 今天（给出时计算各事项状态）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "今天")]
    pub today: Option<Date>,
    /// 日历未收录某年通知时到期日如何计算：`provisional`（默认）——最后收录年份之后至多 5 年，按《全国年节及纪念日放假办法》
    /// 的法定节假日和周末推算（不计调休），到期日标 `"provisional": true` 并给出提醒 calendar_year_provisional；
    /// `refuse`——不推算，到期日为 null（原因 calendar_year_not_covered）。
    /// How due dates treat a year with no loaded holiday notice: `provisional` (default) computes them from the
    /// statutory holidays without 调休 and marks them; `refuse` leaves them null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "日历覆盖方式")]
    pub calendar_mode: Option<crate::calendar::CalendarMode>,
}

// ---------------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------------

/// 资格审查结果：所有不符合的条件，不止第一个。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "资格审查结果")]
pub struct Eligibility {
    #[schemars(title = "是否符合条件")]
    pub eligible: bool,
    /// 每个不符合的条件：代码、路径、中英文说明、依据。
    #[schemars(title = "不符合的条件")]
    pub failures: Vec<Finding>,
}

/// 一项申请材料及是否需要提交。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "申请材料")]
pub struct MaterialRequirement {
    /// 附件3 序号（1–14）。
    #[schemars(title = "序号")]
    pub no: u8,
    /// 稳定英文代码。
    #[schemars(title = "代码")]
    pub code: String,
    #[schemars(title = "材料名称")]
    pub name: String,
    #[schemars(title = "是否需要提交")]
    pub required: bool,
    /// 需要或不需要的理由，注明依据条款。
    #[schemars(title = "理由")]
    pub reason: String,
    /// 来源渠道（附件3）。
    #[schemars(title = "来源渠道")]
    pub source: String,
    /// 由窗口在办理该事项（八(三)序号）时开具，申请人无需自备，预审不要求提交（如落户介绍信在报到时开具，
    /// 冲突 material_6_issued_at_report）。为空时不出现。
    /// Issued by the window while handling this item: not brought by the applicant, not asked at pre-review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "窗口开具于事项")]
    pub issued_at_item: Option<u8>,
    /// 规则出处。
    #[schemars(title = "依据")]
    pub rule: Provenance,
}

/// 到期日为空的原因。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "到期日为空的原因")]
pub struct NullReason {
    /// `start_event_missing`、`item_not_applicable` 或 `calendar_year_not_covered`。
    pub code: String,
    pub message: String,
    pub message_en: String,
}

/// 一个事项的到期日。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "到期日")]
pub struct Due {
    /// 到期日（期间最后一日，已顺延）；无法计算时为 null。
    #[schemars(title = "到期日")]
    pub date: Option<Date>,
    /// 到期日为 null 的原因。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "为空原因")]
    pub reason_if_null: Option<NullReason>,
    #[schemars(title = "期间种类")]
    pub kind: DeadlineKind,
    #[schemars(title = "天数")]
    pub count: u32,
    #[schemars(title = "起算事件")]
    pub from: Event,
    /// 起算日期（输入中给出的）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "起算日期")]
    pub start: Option<Date>,
    /// 自然日期间：未顺延前的最后一日。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "原到期日")]
    pub raw_end: Option<Date>,
    /// 自然日期间：是否因最后一日为休息日而顺延（民法典第二百零三条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "是否顺延")]
    pub extended: Option<bool>,
    /// 暂定：到期日的计算用到了未收录通知的年份（按法定节假日和周末推算，不计调休）。只在为 true 时出现。
    /// Provisional: the date depends on a year with no loaded notice (present only when true).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(title = "暂定")]
    pub provisional: bool,
    #[schemars(title = "依据")]
    pub rule: Provenance,
}

/// 事项状态（给出 today 时）。依次判断：不适用 → 已办结 → 已逾期 → 即将到期 → 待前置事项 → 未到期 / 无法判断。
/// Decided in this order: not_applicable, done, overdue, due_soon, blocked, then pending / unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "事项状态")]
pub enum Status {
    /// 已办结（在 completed_items 中，或事项1已给出报到日期）
    Done,
    /// 不适用
    NotApplicable,
    /// 未到期，剩余超过 3 个工作日
    Pending,
    /// 即将到期：今天至到期日之间不超过 3 个工作日（含到期日当天）
    DueSoon,
    /// 已逾期：今天晚于到期日（即使前序事项未办结：期限照样届满）
    Overdue,
    /// 待前置事项：须先办结的事项（`after`，规则包 items.json 的 prerequisites）中有未办结的；取代 pending 和
    /// unknown（已逾期、即将到期的仍如实显示，提醒中写明须先办的事项）。
    /// Blocked: an item that must come first (`after`) is not done yet (overdue and due_soon still show).
    Blocked,
    /// 无到期日，无法判断
    Unknown,
    /// 视为放弃：逾期报到超过 30 天且无正当理由，视为放弃安置待遇（《退役士兵安置条例》第十七条），本事项不再办理
    /// （规则包 late_report.forfeits：事项2 一次性经济补助金，冲突 abandonment_forfeits_subsidy）。
    /// Forfeited with the resettlement benefits (条例第十七条).
    Forfeited,
}

/// 办理部门。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "部门")]
pub struct DepartmentRef {
    pub id: String,
    pub name: String,
    /// 省级联办部门（三 事项清单）。
    pub joint: String,
}

/// 计划中的一个事项。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "事项")]
pub struct PlanItem {
    /// 八(三) 序号（1–9）。
    pub no: u8,
    pub code: String,
    pub name: String,
    /// 本申请人是否需要办理。
    pub applies: bool,
    /// 适用或不适用的理由。
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_if_not: Option<String>,
    pub applies_rule: Provenance,
    pub department: DepartmentRef,
    pub level: String,
    pub mode: String,
    pub due: Due,
    /// 须先办结的事项（八(三)序号）：规则包中本事项的前序事项里，对该申请人也适用的。为空时不出现。
    /// The items to be done before this one that apply to this applicant (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// 逾期报到判断（《退役士兵安置条例》第十七条）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "逾期报到")]
pub struct LateReport {
    /// 视为放弃安置待遇：报到日晚于“报到期限届满后 30 天”，且无正当理由。
    #[schemars(title = "视为放弃安置待遇")]
    pub flag: bool,
    /// 报到期限（事项1到期日）。
    pub deadline: Option<Date>,
    /// 宽限期最后一日：报到期限届满后 30 日（民法典期间计算）。
    pub grace_end: Option<Date>,
    /// 暂定：报到期限或宽限期的计算用到了未收录通知的年份。只在为 true 时出现。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// 报到日晚于报到期限的天数（未逾期为 0）。
    pub days_late: Option<i64>,
    pub report_date: Option<Date>,
    pub legitimate_reason: bool,
    /// 说明的代码（`late_report_on_time`、`late_report_abandoned`…，见 `tuiyi codes`）。
    pub code: String,
    /// 说明。
    pub reason: String,
    pub reason_en: String,
    pub rule: Provenance,
}

/// 一件事办理计划。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "办理计划")]
pub struct Plan {
    pub eligibility: Eligibility,
    /// 9 个事项，按八(三)序号。
    pub items: Vec<PlanItem>,
    /// 办理顺序：适用的事项序号，按八(三)序号排列，但每个事项排在其前序事项（`after`）之后。
    /// The order to do the applicable items in: 八(三) order, each item after its prerequisites.
    pub order: Vec<u8>,
    /// 14 项材料，按附件3 序号。
    pub materials: Vec<MaterialRequirement>,
    pub late_report: LateReport,
    /// 提醒（不阻断）：日期先后异常、日历未覆盖等。
    pub warnings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<Date>,
}
