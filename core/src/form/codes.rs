//! Every code the form validator produces (area `form`), with its Chinese and English templates and the
//! rule it comes from. `{field}` is the field's label in 附件2, `{key}` its JSON key; values quoted into a
//! message are masked (`crate::mask`).

use crate::code_info::{
    code, CodeInfo,
    Severity::{Error as E, Warning as W},
};

const A: &str = "form";
const F2: &str = "附件2 登记表";

pub const WRONG_TYPE: CodeInfo = code(
    "form_wrong_type",
    A,
    E,
    "{field}类型错误：应为{expected_zh}，实际为{got_zh}",
    "{key}: wrong type: expected {expected}, got {got}",
    F2,
);
pub const UNKNOWN_FIELD: CodeInfo = code(
    "form_unknown_field",
    A,
    E,
    "登记表中没有此字段；允许的字段：{expected}",
    "unknown field; expected one of: {expected}",
    F2,
);
pub const UNKNOWN_VALUE: CodeInfo = code(
    "form_unknown_value",
    A,
    E,
    "{field}的取值“{value}”不在可选范围内；可选值：{expected}",
    "{key}: \"{value}\" is not one of: {expected}",
    F2,
);
pub const REQUIRED: CodeInfo = code(
    "form_required",
    A,
    E,
    "必填项“{field}”未填写",
    "required field {key} is missing",
    "docs/form.md 必填字段",
);
pub const DATE_FORMAT: CodeInfo = code(
    "form_date_format",
    A,
    E,
    "{field}“{value}”格式错误，应为 YYYY-MM-DD（如 2024-09-30）",
    "{key}: \"{value}\" is not a date YYYY-MM-DD",
    F2,
);
pub const DATE_NO_SUCH_DAY: CodeInfo = code(
    "form_date_no_such_day",
    A,
    E,
    "{field}“{value}”不是真实存在的日期",
    "{key}: \"{value}\" is not a real day",
    F2,
);
pub const YEAR_MONTH_FORMAT: CodeInfo = code(
    "form_year_month_format",
    A,
    E,
    "{field}“{value}”格式错误，应为 YYYY-MM（如 2024-09）",
    "{key}: \"{value}\" is not a year-month YYYY-MM (e.g. 2024-09)",
    F2,
);
pub const OUT_OF_RANGE: CodeInfo = code(
    "form_out_of_range",
    A,
    E,
    "{field}为 {value}，超出范围 {min}–{max}",
    "{key}: {value_en} is outside {min}–{max}",
    F2,
);
pub const ID_FORMAT: CodeInfo = code(
    "form_id_format",
    A,
    E,
    "{field}格式错误：应为 18 位，前 17 位为数字，末位为数字或 X",
    "{key}: not an 18-character ID number (17 digits and a digit or X)",
    "GB 11643-1999",
);
pub const ID_CHECK_DIGIT: CodeInfo = code(
    "form_id_check_digit",
    A,
    E,
    "{field} {value} 校验码错误：末位应为 {expected}",
    "{key} {value}: wrong check character, expected {expected}",
    "GB 11643-1999 ISO 7064 MOD 11-2",
);
pub const ID_BAD_DATE: CodeInfo = code(
    "form_id_bad_date",
    A,
    E,
    "{field} {value} 中的出生日期不存在",
    "{key} {value}: the birth date in the number does not exist",
    "GB 11643-1999",
);
pub const ID_BIRTH_BEFORE_1900: CodeInfo = code(
    "form_id_birth_before_1900",
    A,
    E,
    "{field} {value} 中的出生年份 {year} 早于 1900 年：在世的人不会有这样的号码，请核对",
    "{key} {value}: the birth year {year} in the number is before 1900; no living person has such a number, please check it",
    "GB 11643-1999",
);
pub const ID_BIRTH_IN_FUTURE: CodeInfo = code(
    "form_id_birth_in_future",
    A,
    E,
    "{field} {value} 中的出生日期晚于今天（{today}）",
    "{key} {value}: the birth date in the number is after today ({today})",
    "GB 11643-1999",
);
pub const ID_UNKNOWN_REGION: CodeInfo = code(
    "form_id_unknown_region",
    A,
    E,
    "{field} {value} 的地址码 {region} 不是已知的行政区划代码",
    "{key} {value}: region code {region} is not a known division code",
    "GB 11643-1999, GB/T 2260",
);
pub const ID_REGION_ABOLISHED: CodeInfo = code(
    "form_id_region_abolished",
    A,
    W,
    "{field} {value} 的地址码 {region}（{name}）已于 {year} 年撤销，早于号码中的出生年份 {birth_year} 年，请核对号码；该地现行代码：{successors}",
    "{key} {value}: region code {region} ({name}) was abolished in {year}, before the birth year {birth_year} in the number; please check it (the area's current code: {successors})",
    "GB 11643-1999, GB/T 2260",
);
pub const ID_BIRTH_MISMATCH: CodeInfo = code(
    "form_id_birth_mismatch",
    A,
    E,
    "出生日期 {birth} 与身份证号中的出生日期不一致",
    "birth date {birth} differs from the one in the ID number",
    "GB 11643-1999",
);
pub const ID_GENDER_MISMATCH: CodeInfo = code(
    "form_id_gender_mismatch",
    A,
    E,
    "性别“{gender}”与身份证号第 17 位（{id_gender}）不一致",
    "gender {gender} differs from the ID number's 17th digit ({id_gender})",
    "GB 11643-1999",
);
pub const PHONE_FORMAT: CodeInfo = code(
    "form_phone_format",
    A,
    E,
    "{field}“{value}”不是有效的手机号码（11 位）或带区号的固定电话",
    "{key}: \"{value}\" is not a mainland mobile number or a landline with area code",
    "GB/T 13606 电话号码",
);
pub const BANK_CARD_FORMAT: CodeInfo = code(
    "form_bank_card_format",
    A,
    E,
    "{field} {value} 格式错误：应为 12–19 位数字",
    "{key} {value}: a card number has 12–19 digits",
    "附件3 第14项",
);
pub const BANK_CARD_LUHN: CodeInfo = code(
    "form_bank_card_luhn",
    A,
    W,
    "{field} {value} 未通过 Luhn 校验，请核对卡号",
    "{key} {value}: fails the Luhn check; please verify the number",
    "ISO/IEC 7812-1 Luhn",
);
pub const USCC_FORMAT: CodeInfo = code(
    "form_uscc_format",
    A,
    E,
    "{field}“{value}”格式错误：应为 18 位，由数字和除 I、O、S、V、Z 外的大写字母组成",
    "{key}: \"{value}\" is not 18 characters of 0-9 and A-Z without I, O, S, V, Z",
    "GB 32100-2015",
);
pub const USCC_CHECK: CodeInfo = code("form_uscc_check_char", A, W, "{field}“{value}”校验码不符（应为 {expected}），早期试点代码可能如此，请核对营业执照", "{key}: \"{value}\" check character should be {expected}; early pilot codes may fail, please verify", "GB 32100-2015 第5条");
pub const PLACE_UNKNOWN: CodeInfo = code(
    "form_place_unknown",
    A,
    E,
    "{field}“{value}”不是有效的行政区划代码",
    "{key}: \"{value}\" is not a known division code",
    "GB/T 2260",
);
pub const PLACE_NOT_SHANXI: CodeInfo = code(
    "form_place_not_shanxi",
    A,
    E,
    "{field}“{value}”不在山西省：本“一件事”只适用于山西省内安置的退役士兵",
    "{key}: \"{value}\" is outside Shanxi; the service covers resettlement in Shanxi only",
    "二、八(二)",
);
pub const PLACE_NOT_COUNTY: CodeInfo = code(
    "form_place_not_county",
    A,
    E,
    "{field}“{value}”是市或省级代码，应填写县级（县、市、区）代码",
    "{key}: \"{value}\" is a city or province code; give the county-level code",
    "八(八)1 安置地县级退役军人事务部门",
);
pub const PLACE_HISTORICAL: CodeInfo = code(
    "form_place_historical",
    A,
    E,
    "{field}“{value}”（{name}）已撤销，请改用现行代码：{successors}",
    "{key}: \"{value}\" ({name}) has been abolished; use the current code: {successors}",
    "GB/T 2260",
);
pub const BIRTH_AFTER_ENLISTMENT: CodeInfo = code(
    "form_birth_not_before_enlistment",
    A,
    E,
    "入伍时间 {enlistment} 不晚于出生日期 {birth}",
    "enlistment {enlistment} is not after birth {birth}",
    "附件2 服役信息：入伍时间晚于出生日期",
);
pub const ENLISTMENT_AFTER_DISCHARGE: CodeInfo = code(
    "form_enlistment_not_before_discharge",
    A,
    E,
    "退役时间 {discharge} 不晚于入伍时间 {enlistment}",
    "discharge {discharge} is not after enlistment {enlistment}",
    "附件2 服役信息：退役时间晚于入伍时间",
);
pub const DISCHARGE_IN_FUTURE: CodeInfo = code(
    "form_discharge_in_future",
    A,
    E,
    "退役时间 {discharge} 晚于今天 {today}",
    "discharge {discharge} is after today {today}",
    "二、八(二) 依法退出现役",
);
pub const SERVICE_YEARS: CodeInfo = code(
    "form_service_years_mismatch",
    A,
    E,
    "服役年限 {declared} 与入伍、退役时间不符（{months} 个月，应为 {expected}）",
    "years of service {declared} do not match the dates ({months} months; expected {expected})",
    "docs/form.md 服役年限",
);
pub const AGE_IMPLAUSIBLE: CodeInfo = code(
    "form_age_implausible",
    A,
    W,
    "入伍时年龄 {age} 岁，不在常见范围 {min}–{max} 岁，请核对出生日期和入伍时间",
    "age at enlistment {age} is outside the usual {min}–{max}; please check the dates",
    "《中华人民共和国兵役法》第二十条",
);
pub const OUTSIDE_SERVICE: CodeInfo = code(
    "form_date_outside_service",
    A,
    E,
    "{field} {date} 不在服役期间（{from} 至 {to}）",
    "{key} {date} is outside the service period ({from} to {to})",
    "附件2 表彰、奖励、处分情况：服役期间",
);
pub const INSURANCE_ORDER: CodeInfo = code(
    "form_insurance_period_order",
    A,
    E,
    "参保时间起 {from} 晚于参保时间止 {to}",
    "insured-from {from} is after insured-to {to}",
    "八(八)2(5)②",
);
pub const PAID_MONTHS: CodeInfo = code(
    "form_paid_months_exceed",
    A,
    E,
    "累计实际缴费月数 {paid} 多于参保起止之间的 {max} 个月",
    "months paid {paid} exceed the {max} months of the insured period",
    "八(八)2(5)②",
);
pub const MONEY_NEGATIVE: CodeInfo = code(
    "form_money_negative",
    A,
    E,
    "{field}不能为负数",
    "{key} must not be negative",
    "《支付结算办法》附一",
);
pub const MONEY_DECIMALS: CodeInfo = code(
    "form_money_decimals",
    A,
    E,
    "{field}最多两位小数（到分），实际有 {decimals} 位小数",
    "{key}: at most two decimals, got {decimals}",
    "《支付结算办法》附一",
);
pub const MONEY_TOO_LARGE: CodeInfo = code(
    "form_money_too_large",
    A,
    E,
    "{field}超出可登记的金额上限（不超过 {max} 元）",
    "{key} is larger than any amount the form can record (at most {max} yuan)",
    "《支付结算办法》附一",
);
pub const MONEY_UPPER_INVALID: CodeInfo = code(
    "form_money_uppercase_invalid",
    A,
    E,
    "{field}“{value}”不是规范的中文大写金额（第 {at} 个字符起有误）",
    "{key}: \"{value}\" is not a well-formed uppercase amount (from character {at})",
    "《支付结算办法》附一",
);
pub const MONEY_UPPER_MISMATCH: CodeInfo = code(
    "form_money_uppercase_mismatch",
    A,
    E,
    "个人账户余额大写“{upper}”与小写 {amount} 元不符，应为“{expected}”",
    "the amount in words \"{upper}\" differs from {amount}; expected \"{expected}\"",
    "《支付结算办法》附一",
);
pub const VETERAN_EMPLOYEES: CodeInfo = code(
    "form_veteran_employees_exceed",
    A,
    E,
    "吸纳退役军人就业人数 {veterans} 多于吸纳就业人数 {employees}",
    "veterans employed {veterans} exceed people employed {employees}",
    "附件2 创业信息：吸纳退役军人就业人数为吸纳就业人数的一部分",
);
pub const INCOME: CodeInfo = code(
    "form_income_exceeds_family",
    A,
    W,
    "个人年收入 {personal} 元高于家庭年收入 {family} 元，请核对",
    "personal income {personal} is above family income {family}; please check",
    "附件2 就业信息：个人年收入计入家庭年收入",
);
pub const REQUIRED_IF: CodeInfo = code(
    "form_required_if",
    A,
    E,
    "{condition}时须填写“{field}”",
    "{key} is required when {condition_en}",
    "附件2 登记表",
);
pub const EMERGENCY_PARTIAL: CodeInfo = code(
    "form_emergency_contact_partial",
    A,
    E,
    "紧急联系人的姓名、关系和电话须一并填写：缺少“{field}”",
    "emergency contact: name, relation and phone go together; {key} is missing",
    "附件2 登记表",
);
pub const HUKOU_SECTION: CodeInfo = code(
    "form_hukou_section_required",
    A,
    E,
    "入伍时注销户口的须填写户口登记(退役军人恢复户口)业务信息",
    "the hukou registration section is required when the hukou was cancelled on enlistment",
    "八(八)2(3)①",
);
pub const HOUSEHOLD_KIND: CodeInfo = code(
    "form_household_kind_mismatch",
    A,
    E,
    "安置类型为{settlement}时户类型应为{expected}",
    "household kind must be {expected} for settlement type {settlement}",
    "附件3 第7–9项",
);
pub const INVALID_CHARACTERS: CodeInfo = code(
    "form_invalid_characters",
    A,
    E,
    "{field}含控制字符或不可见字符 {char}（第 {at} 个字符），请删除后重新填写",
    "{key} contains a control or invisible character {char} (character {at}); remove it",
    "GB 18030-2022 可见字符；附件2 登记表",
);
pub const ADDRESS_OUTSIDE_PLACE: CodeInfo = code(
    "form_address_outside_place",
    A,
    E,
    "原户籍地址“{address}”不在户籍地“{place}”（{name}）范围内",
    "hukou section original_address \"{address}\" is not within the place of hukou registration \"{place}\" ({name})",
    "五(一) 多表融合；附件2 原户籍地址（数据推送，来自户籍地）",
);
pub const PUSHED_MISMATCH: CodeInfo = code(
    "form_pushed_mismatch",
    A,
    E,
    "户口登记信息中的“{field}”（数据推送）与基本信息不一致",
    "hukou section {key} (pushed data) differs from basic_info",
    "五(一) 多表融合",
);

/// More than [`crate::limits::MAX_FINDINGS`] findings: the first ones are listed, then this one.
pub const TOO_MANY_FINDINGS: CodeInfo = code(
    "form_too_many_findings",
    A,
    E,
    "登记表问题超过 {max} 条，只列出最先发现的 {max} 条（其余问题未列出，跨字段核对可能未进行）；请改正后重新校验",
    "more than {max} findings: only the first {max} found are listed (the rest are not, and cross-field checks may not have run); correct them and validate again",
    "docs/limits.md 一份报告最多 1,000 条",
);

/// The `form` area of the catalogue.
pub const CODES: &[CodeInfo] = &[
    WRONG_TYPE,
    UNKNOWN_FIELD,
    UNKNOWN_VALUE,
    REQUIRED,
    DATE_FORMAT,
    DATE_NO_SUCH_DAY,
    YEAR_MONTH_FORMAT,
    OUT_OF_RANGE,
    ID_FORMAT,
    ID_CHECK_DIGIT,
    ID_BAD_DATE,
    ID_BIRTH_BEFORE_1900,
    ID_BIRTH_IN_FUTURE,
    ID_UNKNOWN_REGION,
    ID_REGION_ABOLISHED,
    ID_BIRTH_MISMATCH,
    ID_GENDER_MISMATCH,
    PHONE_FORMAT,
    BANK_CARD_FORMAT,
    BANK_CARD_LUHN,
    USCC_FORMAT,
    USCC_CHECK,
    PLACE_UNKNOWN,
    PLACE_NOT_SHANXI,
    PLACE_NOT_COUNTY,
    PLACE_HISTORICAL,
    BIRTH_AFTER_ENLISTMENT,
    ENLISTMENT_AFTER_DISCHARGE,
    DISCHARGE_IN_FUTURE,
    SERVICE_YEARS,
    AGE_IMPLAUSIBLE,
    OUTSIDE_SERVICE,
    INSURANCE_ORDER,
    PAID_MONTHS,
    MONEY_NEGATIVE,
    MONEY_DECIMALS,
    MONEY_TOO_LARGE,
    MONEY_UPPER_INVALID,
    MONEY_UPPER_MISMATCH,
    VETERAN_EMPLOYEES,
    INCOME,
    REQUIRED_IF,
    EMERGENCY_PARTIAL,
    HUKOU_SECTION,
    HOUSEHOLD_KIND,
    PUSHED_MISMATCH,
    ADDRESS_OUTSIDE_PLACE,
    INVALID_CHARACTERS,
    TOO_MANY_FINDINGS,
];
