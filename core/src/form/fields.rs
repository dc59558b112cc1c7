//! The registration form of 附件2 (山西省军人退役“一件事”办理登记表) as serde types.
//!
//! Keys are snake_case English; every field's schema `title` is its label in 附件2 verbatim (line breaks of
//! the printed table removed), descriptions are Chinese. Closed lists are enums of the canonical Chinese
//! values, with the national-standard codes listed in the schema's description where a standard exists
//! (sources in docs/form.md). These types are the single source of the JSON Schema
//! ([`crate::Engine::form_schema`]); the validator walks a JSON value against that schema so that it can
//! report every problem at once (see `super::walk`).
//!
//! Optional fields (`Option`) may be omitted; `null` is not accepted for them (strict types) and an empty
//! string counts as "not filled in". Money amounts are JSON numbers (yuan, at most two decimals, checked
//! from the number's shortest decimal text — never `multipleOf`).

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::date::Date;

macro_rules! closed_list {
    ($(#[$m:meta])* $name:ident, $title:literal, $desc:literal, [$(($var:ident, $zh:literal, $code:literal)),* $(,)?]) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( #[serde(rename = $zh)] $var, )*
        }
        impl $name {
            /// The canonical Chinese values, in list order.
            pub const VALUES: &'static [&'static str] = &[$($zh),*];
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$var => $zh,)* }
            }
            /// The national-standard code ("" where the list has none).
            pub fn code(self) -> &'static str {
                match self { $(Self::$var => $code,)* }
            }
        }
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let codes: Vec<String> = [$(($zh, $code)),*]
                    .iter()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(z, c)| format!("{c} {z}"))
                    .collect();
                let desc = if codes.is_empty() {
                    $desc.to_string()
                } else {
                    format!("{}。代码：{}", $desc, codes.join("，"))
                };
                json_schema!({
                    "type": "string",
                    "title": $title,
                    "description": desc,
                    "enum": [$($zh),*],
                })
            }
        }
    };
}

closed_list!(
    /// 是/否.
    YesNo, "是否", "是或否", [(Yes, "是", ""), (No, "否", "")]
);

closed_list!(
    /// 性别 (GB/T 2261.1-2003; only the two values an ID number can carry).
    Gender, "性别", "性别，GB/T 2261.1-2003（男=1，女=2），须与身份证号一致",
    [(Male, "男", "1"), (Female, "女", "2")]
);

closed_list!(
    /// 民族: the 56 ethnic groups of GB/T 3304-1991 with their two-digit codes.
    Ethnicity, "民族", "民族，GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码（56 个民族）",
    [
        (Han, "汉族", "01"), (Mongol, "蒙古族", "02"), (Hui, "回族", "03"), (Tibetan, "藏族", "04"),
        (Uyghur, "维吾尔族", "05"), (Miao, "苗族", "06"), (Yi, "彝族", "07"), (Zhuang, "壮族", "08"),
        (Buyei, "布依族", "09"), (Korean, "朝鲜族", "10"), (Manchu, "满族", "11"), (Dong, "侗族", "12"),
        (Yao, "瑶族", "13"), (Bai, "白族", "14"), (Tujia, "土家族", "15"), (Hani, "哈尼族", "16"),
        (Kazak, "哈萨克族", "17"), (Dai, "傣族", "18"), (Li, "黎族", "19"), (Lisu, "傈僳族", "20"),
        (Va, "佤族", "21"), (She, "畲族", "22"), (Gaoshan, "高山族", "23"), (Lahu, "拉祜族", "24"),
        (Sui, "水族", "25"), (Dongxiang, "东乡族", "26"), (Naxi, "纳西族", "27"), (Jingpo, "景颇族", "28"),
        (Kirgiz, "柯尔克孜族", "29"), (Tu, "土族", "30"), (Daur, "达斡尔族", "31"), (Mulam, "仫佬族", "32"),
        (Qiang, "羌族", "33"), (Blang, "布朗族", "34"), (Salar, "撒拉族", "35"), (Maonan, "毛南族", "36"),
        (Gelao, "仡佬族", "37"), (Xibe, "锡伯族", "38"), (Achang, "阿昌族", "39"), (Pumi, "普米族", "40"),
        (Tajik, "塔吉克族", "41"), (Nu, "怒族", "42"), (Uzbek, "乌孜别克族", "43"), (Russian, "俄罗斯族", "44"),
        (Ewenki, "鄂温克族", "45"), (Deang, "德昂族", "46"), (Bonan, "保安族", "47"), (Yugur, "裕固族", "48"),
        (Gin, "京族", "49"), (Tatar, "塔塔尔族", "50"), (Derung, "独龙族", "51"), (Oroqen, "鄂伦春族", "52"),
        (Hezhen, "赫哲族", "53"), (Monba, "门巴族", "54"), (Lhoba, "珞巴族", "55"), (Jino, "基诺族", "56"),
    ]
);

closed_list!(
    /// 政治面貌 (GB/T 4762-1984).
    PoliticalStatus, "政治面貌", "政治面貌，GB/T 4762-1984 政治面貌代码",
    [
        (CpcMember, "中国共产党党员", "01"), (CpcProbationary, "中国共产党预备党员", "02"),
        (CylMember, "中国共产主义青年团团员", "03"), (Rcck, "中国国民党革命委员会会员", "04"),
        (Cdl, "中国民主同盟盟员", "05"), (Cndca, "中国民主建国会会员", "06"), (Capd, "中国民主促进会会员", "07"),
        (Cpwdp, "中国农工民主党党员", "08"), (Czgd, "中国致公党党员", "09"), (Jiusan, "九三学社社员", "10"),
        (Taimeng, "台湾民主自治同盟盟员", "11"), (NonParty, "无党派民主人士", "12"), (Masses, "群众", "13"),
    ]
);

closed_list!(
    /// 学历 (GB/T 4658-2006, the top-level categories).
    Education, "学历情况", "学历，GB/T 4658-2006 学历代码（大类）",
    [
        (Postgraduate, "研究生", "10"), (Bachelor, "大学本科", "20"), (College, "大学专科", "30"),
        (Vocational, "中等职业教育", "40"), (HighSchool, "普通高级中学", "60"), (JuniorHigh, "初级中学", "70"),
        (Primary, "小学", "80"), (Other, "其他", "90"),
    ]
);

closed_list!(
    /// 健康状况 (GB/T 2261.3-2003).
    Health, "健康状况", "健康状况，GB/T 2261.3-2003 健康状况代码",
    [(Good, "健康或良好", "1"), (Fair, "一般或较弱", "2"), (Chronic, "有慢性病", "3"), (Disabled, "残疾", "6")]
);

closed_list!(
    /// 户籍类别: 农业/非农业, and 居民 since the 2014 reform (国发〔2014〕25号); or, as other systems record it,
    /// 城镇/农村 (where the hukou is). Both families are canonical: mapping one onto the other would be a guess
    /// (rules/codes/hukou_category.json).
    HukouCategory, "户籍类别", "户籍类别：农业、非农业，或 2014 年户籍制度改革（国发〔2014〕25号）后统一登记的居民户口；也可按户籍所在地填写城镇、农村（两种写法都是规范值，不互相换算）",
    [(Agricultural, "农业", ""), (NonAgricultural, "非农业", ""), (Resident, "居民", ""), (Urban, "城镇", ""), (Rural, "农村", "")]
);

closed_list!(
    /// 残疾等级 一级–十级 (《军人残疾等级评定标准》).
    DisabilityLevel, "残疾等级", "残疾等级，一级至十级（《军人抚恤优待条例》《军人残疾等级评定标准》）",
    [
        (L1, "一级", "1"), (L2, "二级", "2"), (L3, "三级", "3"), (L4, "四级", "4"), (L5, "五级", "5"),
        (L6, "六级", "6"), (L7, "七级", "7"), (L8, "八级", "8"), (L9, "九级", "9"), (L10, "十级", "10"),
    ]
);

closed_list!(
    /// 残疾性质 (printed 残疾类型 on 附件2): 因战/因公/因病 (《军人抚恤优待条例》).
    DisabilityNature, "残疾类型", "残疾性质：因战、因公、因病（《军人抚恤优待条例》）",
    [(War, "因战", ""), (Duty, "因公", ""), (Illness, "因病", "")]
);

closed_list!(
    /// 军人类别: 义务兵, 士官 (also 军士 since the 2022 revision of the regulations).
    SoldierCategory, "军人类别", "军人类别：义务兵、士官（2022 年起亦称军士）",
    [(Conscript, "义务兵", ""), (Nco, "士官", ""), (Sergeant, "军士", "")]
);

closed_list!(
    /// 奖励项目 (《中国人民解放军纪律条令》).
    AwardType, "奖励类型", "奖励项目（《中国人民解放军纪律条令》）：嘉奖、三等功、二等功、一等功、荣誉称号",
    [(Commendation, "嘉奖", ""), (Third, "三等功", ""), (Second, "二等功", ""), (First, "一等功", ""), (Honor, "荣誉称号", "")]
);

closed_list!(
    /// 处分项目 (《中国人民解放军纪律条令》).
    PunishmentType, "处分类型", "处分项目（《中国人民解放军纪律条令》）",
    [
        (Warning, "警告", ""), (SeriousWarning, "严重警告", ""), (Demerit, "记过", ""), (MajorDemerit, "记大过", ""),
        (Demotion, "降职(级)", ""), (Dismissal, "撤职", ""), (Removal, "除名", ""), (Expulsion, "开除军籍", ""),
    ]
);

closed_list!(
    /// 服役前在读阶段.
    StudyStage, "服役前在读阶段", "服役前在读阶段",
    [
        (HighSchool, "普通高中", ""), (Vocational, "中等职业教育", ""), (College, "高等职业教育(专科)", ""),
        (Bachelor, "本科", ""), (Master, "硕士研究生", ""), (Doctor, "博士研究生", ""),
    ]
);

closed_list!(
    /// 劳动能力.
    LaborCapacity, "劳动能力", "劳动能力",
    [(Full, "有劳动能力", ""), (Partial, "部分丧失劳动能力", ""), (None, "完全丧失劳动能力", "")]
);

closed_list!(
    /// 安置类型 (落户方式) of the hukou section: 附件3 materials 7–9 and 八(六).
    SettlementType, "安置类型", "落户方式：原籍落户、单位集体户落户（附件3 第7项）、投靠亲属落户（第8项）、投靠配偶落户（第9项）",
    [(Original, "原籍落户", ""), (UnitCollective, "单位集体户落户", ""), (Relatives, "投靠亲属落户", ""), (Spouse, "投靠配偶落户", "")]
);

closed_list!(
    /// 户类型 (《中华人民共和国户口登记条例》第五条).
    HouseholdKind, "户类型", "户类型：家庭户、集体户（《户口登记条例》第五条）",
    [(Family, "家庭户", ""), (Collective, "集体户", "")]
);

closed_list!(
    /// 婚姻状况 (GB/T 2261.2-2003).
    MaritalStatus, "婚姻状况", "婚姻状况，GB/T 2261.2-2003 婚姻状况代码",
    [
        (Single, "未婚", "10"), (Married, "已婚", "20"), (FirstMarriage, "初婚", "21"), (Remarried, "再婚", "22"),
        (Rewed, "复婚", "23"), (Widowed, "丧偶", "30"), (Divorced, "离婚", "40"), (Unstated, "未说明的婚姻状况", "90"),
    ]
);

/// A year and month `YYYY-MM` (退出消防员年月).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct YearMonth(pub String);

impl JsonSchema for YearMonth {
    fn schema_name() -> Cow<'static, str> {
        "YearMonth".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
            "title": "年月",
            "description": "年月，格式 YYYY-MM（半角数字）"
        })
    }
}

/// The whole form.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "山西省军人退役“一件事”办理登记表",
    description = "晋退役军人发〔2024〕17号 附件2。键为英文 snake_case，title 为附件2中的原文标签。本 Schema 描述登记表的规范形式，即 tuiyi normalize 的输出：封闭列表取规范值，身份证号、电话、银行卡号、统一信用代码、安置地为统一格式（半角、无多余空格），整数写作整数，未填的可选文字项省略。tuiyi validate 还接受国家标准代码、标准简称、日常写法、全角数字、+86 等写法，normalize 将其转为此形式。This schema describes the canonical form (what `tuiyi normalize` returns); tuiyi also accepts codes, short names, everyday words, full-width digits and the other spellings that normalize turns into this form."
)]
pub struct Form {
    #[schemars(title = "基本信息")]
    pub basic_info: BasicInfo,
    #[schemars(title = "服役信息")]
    pub service_info: ServiceInfo,
    /// 家庭成员列表
    #[serde(default)]
    #[schemars(title = "家庭情况")]
    pub family_members: Vec<FamilyMember>,
    /// 表彰列表（日期须在服役期间）
    #[serde(default)]
    #[schemars(title = "表彰情况")]
    pub commendations: Vec<Commendation>,
    /// 奖励列表（日期须在服役期间）
    #[serde(default)]
    #[schemars(title = "奖励情况")]
    pub awards: Vec<Award>,
    /// 处分列表（日期须在服役期间）
    #[serde(default)]
    #[schemars(title = "处分情况")]
    pub punishments: Vec<Punishment>,
    #[schemars(title = "教育/学历信息")]
    pub education: Option<EducationInfo>,
    #[schemars(title = "就业信息")]
    pub employment: Option<Employment>,
    #[schemars(title = "就业意向")]
    pub employment_intention: Option<EmploymentIntention>,
    #[schemars(title = "创业信息")]
    pub entrepreneurship: Option<Entrepreneurship>,
    #[schemars(title = "职业技能培训意向")]
    pub training_intention: Option<TrainingIntention>,
    #[schemars(title = "其他信息")]
    pub other_info: OtherInfo,
    /// 入伍时注销户口的（service_info.hukou_cancelled = 是）必填
    #[schemars(title = "户口登记(退役军人恢复户口)业务信息")]
    pub hukou_registration: Option<HukouRegistration>,
    #[schemars(title = "基本医疗保险关系转移接续")]
    pub medical_insurance_transfer: Option<MedicalInsuranceTransfer>,
}

/// 基本信息
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicInfo {
    /// 安置地县级行政区划代码（GB/T 2260，须为山西省现行县级单位，如 140105 小店区）
    #[schemars(title = "安置地", regex(pattern = r"^14[0-9]{4}$"))]
    pub resettlement_place: String,
    /// 人员类别，如“自主就业退役士兵”
    #[schemars(title = "人员类别")]
    pub person_category: Option<String>,
    /// 姓名
    #[schemars(title = "姓名")]
    pub name: String,
    /// 公民身份号码（GB 11643-1999，18 位，末位为数字或大写 X）
    #[schemars(title = "身份证号", regex(pattern = r"^[0-9]{17}[0-9X]$"))]
    pub id_number: String,
    /// 性别，须与身份证号第 17 位一致
    #[schemars(title = "性别")]
    pub gender: Gender,
    /// 出生日期，须与身份证号一致
    #[schemars(title = "出生日期")]
    pub birth_date: Date,
    /// 民族
    #[schemars(title = "民族")]
    pub ethnicity: Ethnicity,
    /// 政治面貌
    #[schemars(title = "政治面貌")]
    pub political_status: Option<PoliticalStatus>,
    /// 学历
    #[schemars(title = "学历情况")]
    pub education_level: Option<Education>,
    /// 健康状况
    #[schemars(title = "健康状况")]
    pub health: Option<Health>,
    /// 户籍地（地址文字）
    #[schemars(title = "户籍地")]
    pub household_registration_place: String,
    /// 户籍类别
    #[schemars(title = "户籍类别")]
    pub household_category: Option<HukouCategory>,
    /// 现居住地（地址文字）
    #[schemars(title = "现居住地")]
    pub current_address: String,
    /// 手机号码（11 位数字，如 13912345678）或固定电话（区号-号码[-分机]，如 0351-7654321）
    #[schemars(
        title = "联系电话",
        regex(
            pattern = r"^(1[3-9][0-9]{9}|0(10|2[0-9]|[3-9][0-9]{2})-[2-9][0-9]{6,7}(-[0-9]{1,6})?)$"
        )
    )]
    pub phone: String,
    /// 是否异地安置；为“是”时须填易地安置依据
    #[schemars(title = "是否异地")]
    pub is_relocated: YesNo,
    /// 易地安置依据（是否异地为“是”时必填）
    #[schemars(title = "易地安置依据")]
    pub relocation_basis: Option<String>,
    /// 残疾等级；填写时须填具体残疾情况和残疾类型
    #[schemars(title = "残疾等级")]
    pub disability_level: Option<DisabilityLevel>,
    /// 具体残疾情况（填写残疾等级时必填）
    #[schemars(title = "具体残疾情况")]
    pub disability_details: Option<String>,
    /// 残疾性质（填写残疾等级时必填）
    #[schemars(title = "残疾类型")]
    pub disability_nature: Option<DisabilityNature>,
    /// 紧急联系人姓名（姓名、关系、电话三项全填或全不填）
    #[schemars(title = "紧急联系人")]
    pub emergency_contact: Option<String>,
    /// 紧急联系人与本人关系
    #[schemars(title = "紧急联系人关系")]
    pub emergency_contact_relation: Option<String>,
    /// 紧急联系人工作单位（可不填：务农、退休、无业的联系人没有工作单位）
    #[schemars(title = "紧急联系人工作单位")]
    pub emergency_contact_employer: Option<String>,
    /// 紧急联系人电话
    #[schemars(
        title = "紧急联系人电话",
        regex(
            pattern = r"^(1[3-9][0-9]{9}|0(10|2[0-9]|[3-9][0-9]{2})-[2-9][0-9]{6,7}(-[0-9]{1,6})?)$"
        )
    )]
    pub emergency_contact_phone: Option<String>,
}

/// 服役信息
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceInfo {
    /// 入伍地（地址文字）
    #[schemars(title = "入伍地")]
    pub enlistment_place: Option<String>,
    /// 入伍时间，须晚于出生日期
    #[schemars(title = "入伍时间")]
    pub enlistment_date: Date,
    /// 退役时间（被批准退出现役之日），须晚于入伍时间且不晚于今天
    #[schemars(title = "退役时间")]
    pub discharge_date: Date,
    /// 服役年限（整年数），须与入伍、退役时间相符（取不足一年舍去或进位均可）
    #[schemars(title = "服役年限", range(min = 0, max = 60))]
    pub years_of_service: u32,
    /// 军人类别
    #[schemars(title = "军人类别")]
    pub soldier_category: SoldierCategory,
    /// 是否预备役
    #[schemars(title = "是否预备役")]
    pub is_reserve: Option<YesNo>,
    /// 退役证件类型，如“退出现役证书”
    #[schemars(title = "退役证件类型")]
    pub discharge_certificate_type: Option<String>,
    /// 退役证件号码
    #[schemars(title = "退役证件号码")]
    pub discharge_certificate_number: Option<String>,
    /// 退出消防员年月（YYYY-MM，仅消防员填写）
    #[schemars(title = "退出消防员年月")]
    pub firefighter_exit_month: Option<YearMonth>,
    /// 入伍时是否注销户口（附件2 未列；为“是”时须填户口登记业务信息，八(八)2(3)）
    #[schemars(title = "入伍时是否注销户口")]
    pub hukou_cancelled: Option<YesNo>,
}

/// 家庭成员
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FamilyMember {
    /// 与联系人（申请人）的关系，如 父亲、母亲、配偶
    #[schemars(title = "与联系人关系")]
    pub relation: String,
    /// 姓名
    #[schemars(title = "姓名")]
    pub name: String,
    /// 公民身份号码
    #[schemars(title = "身份证号", regex(pattern = r"^[0-9]{17}[0-9X]$"))]
    pub id_number: Option<String>,
    /// 联系电话
    #[schemars(
        title = "联系电话",
        regex(
            pattern = r"^(1[3-9][0-9]{9}|0(10|2[0-9]|[3-9][0-9]{2})-[2-9][0-9]{6,7}(-[0-9]{1,6})?)$"
        )
    )]
    pub phone: Option<String>,
    /// 性别
    #[schemars(title = "性别")]
    pub gender: Option<Gender>,
    /// 户籍地（地址文字）
    #[schemars(title = "户籍地")]
    pub household_registration_place: Option<String>,
    /// 是否随迁随调人员
    #[schemars(title = "是否随迁随调人员")]
    pub is_accompanying: Option<YesNo>,
    /// 就业情况
    #[schemars(title = "就业情况")]
    pub employment_status: Option<String>,
    /// 劳动能力
    #[schemars(title = "劳动能力")]
    pub labor_capacity: Option<LaborCapacity>,
}

/// 表彰
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commendation {
    /// 表彰奖项
    #[schemars(title = "表彰奖项")]
    pub name: String,
    /// 表彰日期（服役期间）
    #[schemars(title = "表彰日期")]
    pub date: Date,
}

/// 奖励
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// 奖励类型
    #[schemars(title = "奖励类型")]
    pub award_type: AwardType,
    /// 奖励日期（服役期间）
    #[schemars(title = "奖励日期")]
    pub date: Date,
}

/// 处分
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Punishment {
    /// 处分类型（处分项目）
    #[schemars(title = "处分类型")]
    pub punishment_type: PunishmentType,
    /// 处分（事由或内容）
    #[schemars(title = "处分")]
    pub description: Option<String>,
    /// 处分日期（服役期间）
    #[schemars(title = "处分日期")]
    pub date: Date,
}

/// 教育/学历信息
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EducationInfo {
    /// 毕业院校
    #[schemars(title = "毕业院校")]
    pub school: Option<String>,
    /// 专业
    #[schemars(title = "专业")]
    pub major: Option<String>,
    /// 服役前是否在读；为“是”时须填在读阶段和在读专业
    #[schemars(title = "服役前是否在读")]
    pub enrolled_before_service: Option<YesNo>,
    /// 服役前在读阶段
    #[schemars(title = "服役前在读阶段")]
    pub study_stage: Option<StudyStage>,
    /// 服役前在读专业
    #[schemars(title = "服役前在读专业")]
    pub study_major: Option<String>,
    /// 退役后是否复学；为“是”时须填复学时间
    #[schemars(title = "退役后是否复学")]
    pub resume_study: Option<YesNo>,
    /// 复学时间
    #[schemars(title = "复学时间")]
    pub resume_date: Option<Date>,
    /// 是否师范专业毕业
    #[schemars(title = "是否师范专业毕业")]
    pub teacher_training_graduate: Option<YesNo>,
    /// 是否有教师资格证
    #[schemars(title = "是否有教师资格证")]
    pub has_teacher_certificate: Option<YesNo>,
}

/// 就业信息
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Employment {
    /// 是否就业；为“是”时须填就业状态、单位名称、单位类型、入职日期
    #[schemars(title = "是否就业")]
    pub is_employed: YesNo,
    /// 就业状态
    #[schemars(title = "就业状态")]
    pub employment_status: Option<String>,
    /// 个人年收入（元，最多两位小数）
    #[schemars(title = "个人年收入(元)", range(min = 0))]
    pub personal_annual_income: Option<f64>,
    /// 家庭年收入（元，最多两位小数）
    #[schemars(title = "家庭年收入(元)", range(min = 0))]
    pub family_annual_income: Option<f64>,
    /// 单位类型
    #[schemars(title = "单位类型")]
    pub employer_type: Option<String>,
    /// 岗位类型
    #[schemars(title = "岗位类型")]
    pub position_type: Option<String>,
    /// 单位名称
    #[schemars(title = "单位名称")]
    pub employer_name: Option<String>,
    /// 单位所在地
    #[schemars(title = "单位所在地")]
    pub employer_location: Option<String>,
    /// 入职日期
    #[schemars(title = "入职日期")]
    pub hire_date: Option<Date>,
    /// 所属行业
    #[schemars(title = "所属行业")]
    pub industry: Option<String>,
    /// 合约类型
    #[schemars(title = "合约类型")]
    pub contract_type: Option<String>,
}

/// 就业意向
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmploymentIntention {
    /// 是否有就业意向；为“是”时须填工作地区、行业、职业
    #[schemars(title = "是否有就业意向")]
    pub has_intention: YesNo,
    /// 就业意向工作地区
    #[schemars(title = "就业意向工作地区")]
    pub region: Option<String>,
    /// 就业意向行业
    #[schemars(title = "就业意向行业")]
    pub industry: Option<String>,
    /// 就业意向职业
    #[schemars(title = "就业意向职业")]
    pub occupation: Option<String>,
    /// 就业意向薪资（文字，如“5000-8000元/月”）
    #[schemars(title = "就业意向薪资")]
    pub salary: Option<String>,
}

/// 创业信息
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entrepreneurship {
    /// 是否创业；为“是”时须填创业类型、统一信用代码、企业名称、成立日期
    #[schemars(title = "是否创业")]
    pub is_entrepreneur: YesNo,
    /// 创业类型
    #[schemars(title = "创业类型")]
    pub business_type: Option<String>,
    /// 统一社会信用代码（GB 32100-2015，18 位，不含 I、O、S、V、Z）
    #[schemars(
        title = "统一信用代码",
        regex(pattern = r"^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$")
    )]
    pub uscc: Option<String>,
    /// 企业名称
    #[schemars(title = "企业名称")]
    pub enterprise_name: Option<String>,
    /// 法定代表人
    #[schemars(title = "法定代表人")]
    pub legal_representative: Option<String>,
    /// 法定代表人职位
    #[schemars(title = "法定代表人职位")]
    pub legal_representative_position: Option<String>,
    /// 法定代表人联系电话
    #[schemars(
        title = "法定代表人联系电话",
        regex(
            pattern = r"^(1[3-9][0-9]{9}|0(10|2[0-9]|[3-9][0-9]{2})-[2-9][0-9]{6,7}(-[0-9]{1,6})?)$"
        )
    )]
    pub legal_representative_phone: Option<String>,
    /// 控股情况
    #[schemars(title = "控股情况")]
    pub holding: Option<String>,
    /// 所属行业
    #[schemars(title = "所属行业")]
    pub industry: Option<String>,
    /// 企业注册地
    #[schemars(title = "企业注册地")]
    pub registered_place: Option<String>,
    /// 成立日期
    #[schemars(title = "成立日期")]
    pub founding_date: Option<Date>,
    /// 吸纳就业人数
    #[schemars(title = "吸纳就业人数")]
    pub employees: Option<u32>,
    /// 吸纳退役军人就业人数（不得多于吸纳就业人数）
    #[schemars(title = "吸纳退役军人就业人数")]
    pub veteran_employees: Option<u32>,
    /// 总资产（元，最多两位小数）
    #[schemars(title = "总资产", range(min = 0))]
    pub total_assets: Option<f64>,
    /// 年营业收入（元，最多两位小数）
    #[schemars(title = "年营业收入", range(min = 0))]
    pub annual_revenue: Option<f64>,
}

/// 职业技能培训意向
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingIntention {
    /// 是否有培训意向；为“是”时须填培训类型和培训专业
    #[schemars(title = "是否有培训意向")]
    pub has_intention: YesNo,
    /// 职业技能培训类型
    #[schemars(title = "职业技能培训类型")]
    pub training_type: Option<String>,
    /// 职业技能培训专业
    #[schemars(title = "职业技能培训专业")]
    pub training_major: Option<String>,
}

/// 其他信息
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherInfo {
    /// 开户银行名称（银行Ⅰ类账户，附件3 第14项）
    #[schemars(title = "银行名称")]
    pub bank_name: String,
    /// 银行卡号（12–19 位数字，不含空格）
    #[schemars(title = "银行卡号", regex(pattern = r"^[0-9]{12,19}$"))]
    pub bank_card_number: String,
    /// 医疗养老保险号
    #[schemars(title = "医疗养老保险号")]
    pub insurance_number: Option<String>,
    /// 住房情况
    #[schemars(title = "住房情况")]
    pub housing: Option<String>,
    /// 养老保险情况
    #[schemars(title = "养老保险情况")]
    pub pension_insurance: Option<String>,
    /// 医疗保险情况
    #[schemars(title = "医疗保险情况")]
    pub medical_insurance: Option<String>,
}

/// 户口登记(退役军人恢复户口)业务信息。标注“数据推送”的字段可省略（由引擎填入）：姓名、公民身份证号码来自基本信息，填写时须一致；原户籍地址来自户籍地，填写时须在户籍地范围内；安置类型缺省为原籍落户。
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HukouRegistration {
    /// （数据推送）姓名，来自基本信息
    #[schemars(title = "姓名")]
    pub name: Option<String>,
    /// （数据推送）公民身份号码，来自基本信息
    #[schemars(title = "公民身份证号码", regex(pattern = r"^[0-9]{17}[0-9X]$"))]
    pub id_number: Option<String>,
    /// （数据推送）原户籍地址，来自基本信息的户籍地
    #[schemars(title = "原户籍地址")]
    pub original_address: Option<String>,
    /// （数据推送）安置类型（落户方式）；决定须填的投靠人信息和户类型。附件2 标为数据推送，登记表其他部分没有来源：未填且未填投靠信息时，读作原籍落户（由引擎填入）；填写拟投靠户籍地址或投靠人信息时必填
    #[schemars(title = "安置类型")]
    pub settlement_type: Option<SettlementType>,
    /// 拟投靠户籍地址（投靠亲属、投靠配偶、单位集体户落户时必填）
    #[schemars(title = "拟投靠户籍地址")]
    pub proposed_address: Option<String>,
    /// 投靠人姓名（投靠亲属、投靠配偶落户时必填）
    #[schemars(title = "投靠人姓名")]
    pub sponsor_name: Option<String>,
    /// 投靠人公民身份号码（投靠亲属、投靠配偶落户时必填）
    #[schemars(title = "投靠人公民身份证号码", regex(pattern = r"^[0-9]{17}[0-9X]$"))]
    pub sponsor_id_number: Option<String>,
    /// 户类型（单位集体户落户须为集体户，投靠亲属、配偶须为家庭户）
    #[schemars(title = "户类型")]
    pub household_kind: Option<HouseholdKind>,
    /// （数据推送）婚姻状况
    #[schemars(title = "婚姻状况")]
    pub marital_status: Option<MaritalStatus>,
    /// （数据推送）籍贯
    #[schemars(title = "籍贯")]
    pub native_place: Option<String>,
}

/// 基本医疗保险关系转移接续
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MedicalInsuranceTransfer {
    /// 参保时间起（年）
    #[schemars(title = "参保时间起(年)", range(min = 1950, max = 2100))]
    pub start_year: u32,
    /// 参保时间起（月）
    #[schemars(title = "参保时间起(月)", range(min = 1, max = 12))]
    pub start_month: u32,
    /// 参保时间止（年）
    #[schemars(title = "参保时间止(年)", range(min = 1950, max = 2100))]
    pub end_year: u32,
    /// 参保时间止（月）
    #[schemars(title = "参保时间止(月)", range(min = 1, max = 12))]
    pub end_month: u32,
    /// 累计实际缴费月数（不得多于起止之间的月数，含首尾两月）
    #[schemars(title = "累计实际缴费月数")]
    pub paid_months: u32,
    /// 个人账户余额（大写），如“壹仟贰佰叁拾肆元伍角”，须与小写金额相等
    #[schemars(title = "个人账户余额(大写)")]
    pub balance_uppercase: Option<String>,
    /// 个人账户余额（小写，元，最多两位小数）
    #[schemars(title = "个人账户余额(小写)", range(min = 0))]
    pub balance: Option<f64>,
    /// 安置地医保经办机构名称
    #[schemars(title = "安置地医保经办机构名称")]
    pub agency_name: Option<String>,
    /// 参保登记时间
    #[schemars(title = "参保登记时间")]
    pub registration_date: Option<Date>,
    /// 安置地医保经办机构地址
    #[schemars(title = "安置地医保经办机构地址")]
    pub agency_address: Option<String>,
}
