//! The calendar year file (`rules/calendar/YYYY.json`): serde types and validation.
//!
//! One file per year transcribes one State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知). The format
//! is documented for clerks in `rules/calendar/README.md`; [`year_file_schema`] gives its JSON Schema.
//! Every failure is a [`crate::ErrorKind::RulePack`] error whose `path` is a JSON Pointer into the file and
//! whose message names the file.

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::code_info::CodeInfo;
use crate::date::Date;
use crate::error::Result;

/// The festivals a notice can name (全国年节及纪念日放假办法 第二条). A notice item may join several with `、`
/// (2025: `国庆节、中秋节`).
pub const FESTIVALS: &[&str] = &[
    "元旦",
    "春节",
    "清明节",
    "劳动节",
    "端午节",
    "中秋节",
    "国庆节",
];

/// At most this many festival items in one file (a notice has 6 or 7).
pub const MAX_FESTIVALS: usize = 20;

/// One year of the State Council's holiday arrangement (one notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "节假日安排年度文件",
    description = "一个年度的国务院办公厅部分节假日安排通知的录入：各节日放假日期与调休上班日。文件名必须为 YYYY.json。One year of the State Council holiday notice."
)]
pub struct YearFile {
    /// 年份，必须与文件名一致。The year; must equal the file name.
    #[schemars(title = "年份")]
    pub year: i32,
    /// 所依据的通知。
    #[schemars(title = "通知")]
    pub notice: Notice,
    /// 通知所列各节日，按通知顺序。
    #[schemars(title = "节日安排")]
    pub festivals: Vec<Festival>,
    /// 说明（可选）。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "说明")]
    pub notes: Vec<String>,
}

/// The notice a year file transcribes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// 通知标题，必须为“国务院办公厅关于YYYY年部分节假日安排的通知”。
    #[schemars(title = "通知标题")]
    pub title: String,
    /// 文号，形如“国办发明电〔2023〕7号”（六角括号〔〕）。
    #[schemars(title = "文号")]
    pub number: String,
    /// 发布日期。
    #[schemars(title = "发布日期")]
    pub issued: Date,
    /// 录入所依据的出处（网址或报刊），可选。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "出处")]
    pub sources: Vec<String>,
}

/// One item of the notice: a festival's rest days and the weekend days worked in exchange (调休上班).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Festival {
    /// 节日名称：元旦、春节、清明节、劳动节、端午节、中秋节、国庆节，或通知中合并的写法（如“国庆节、中秋节”）。
    #[schemars(title = "节日")]
    pub name: String,
    /// 放假日期（通知中的“X日至Y日”，含首尾）。
    #[schemars(title = "放假")]
    pub rest: DateRange,
    /// 通知所写“共N天”（可选；给出时必须等于放假区间的天数）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "共计天数")]
    pub days: Option<u32>,
    /// 调休上班的周六、周日（通知中的“X月X日（周X）上班”）。
    #[schemars(title = "调休上班日")]
    pub makeup_workdays: Vec<Date>,
    /// 说明（可选）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "说明")]
    pub note: Option<String>,
}

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// 首日（含）。
    #[schemars(title = "自")]
    pub from: Date,
    /// 末日（含）。
    #[schemars(title = "至")]
    pub to: Date,
}

impl YearFile {
    /// The file as `rules/calendar/YYYY.json` lays it out: 2-space indentation, each festival's `rest` and
    /// `makeup_workdays` on one line, a final newline — so a file written from [`super::notice::import_notice`]
    /// reads like (and, for the same content, is byte-identical to) the embedded ones.
    pub fn to_json_text(&self) -> String {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let list = |items: &[String], indent: &str| -> String {
            if items.is_empty() {
                return "[]".into();
            }
            let lines: Vec<String> = items
                .iter()
                .map(|s| format!("{indent}  {}", q(s)))
                .collect();
            format!("[\n{}\n{indent}]", lines.join(",\n"))
        };
        let mut out = String::from("{\n");
        out.push_str(&format!("  \"year\": {},\n", self.year));
        out.push_str("  \"notice\": {\n");
        let n = &self.notice;
        let mut notice = vec![
            format!("    \"title\": {}", q(&n.title)),
            format!("    \"number\": {}", q(&n.number)),
            format!("    \"issued\": {}", q(&n.issued.to_string())),
        ];
        if !n.sources.is_empty() {
            notice.push(format!("    \"sources\": {}", list(&n.sources, "    ")));
        }
        out.push_str(&notice.join(",\n"));
        out.push_str("\n  },\n  \"festivals\": [\n");
        let fests: Vec<String> = self
            .festivals
            .iter()
            .map(|f| {
                let mut fields = vec![
                    format!("      \"name\": {}", q(&f.name)),
                    format!(
                        "      \"rest\": {{\"from\": {}, \"to\": {}}}",
                        q(&f.rest.from.to_string()),
                        q(&f.rest.to.to_string())
                    ),
                ];
                if let Some(d) = f.days {
                    fields.push(format!("      \"days\": {d}"));
                }
                let mk: Vec<String> = f
                    .makeup_workdays
                    .iter()
                    .map(|d| q(&d.to_string()))
                    .collect();
                fields.push(format!("      \"makeup_workdays\": [{}]", mk.join(", ")));
                if let Some(note) = &f.note {
                    fields.push(format!("      \"note\": {}", q(note)));
                }
                format!("    {{\n{}\n    }}", fields.join(",\n"))
            })
            .collect();
        out.push_str(&fests.join(",\n"));
        out.push_str("\n  ]");
        if !self.notes.is_empty() {
            out.push_str(&format!(",\n  \"notes\": {}", list(&self.notes, "  ")));
        }
        out.push_str("\n}\n");
        out
    }
}

/// JSON Schema of a calendar year file (for `tuiyi schema calendar-year`).
pub fn year_file_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(YearFile)).unwrap_or(Value::Null)
}

/// Parse and validate one year file. `name` is what error messages call the file (e.g. `2027.json` or a path);
/// `expected_year` is the year its file name says, when known.
pub fn parse_year_file(name: &str, text: &str, expected_year: Option<i32>) -> Result<YearFile> {
    let doc = crate::parse::parse(text).map_err(|e| {
        super::file_error(
            &super::CALENDAR_FILE_JSON,
            name,
            "",
            &[("detail", e.message.as_str()), ("detail_en", &e.message_en)],
        )
    })?;
    let file: YearFile = crate::strict::read(&doc).map_err(|e| {
        super::file_error(
            &super::CALENDAR_FILE_STRUCTURE,
            name,
            &e.path,
            &[("detail", e.message.as_str()), ("detail_en", &e.message_en)],
        )
    })?;
    validate(name, &file, expected_year)?;
    Ok(file)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn festival_name_ok(name: &str) -> bool {
    !name.is_empty() && name.split('、').all(|part| FESTIVALS.contains(&part))
}

/// `国办发明电〔YYYY〕N号` with ASCII digits.
fn number_ok(number: &str) -> bool {
    let Some(rest) = number.strip_prefix("国办发明电〔") else {
        return false;
    };
    let Some((year, rest)) = rest.split_once('〕') else {
        return false;
    };
    let Some(n) = rest.strip_suffix('号') else {
        return false;
    };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && !n.is_empty()
        && n.len() <= 4
        && n.bytes().all(|b| b.is_ascii_digit())
        && !n.starts_with('0')
}

pub(crate) fn validate(name: &str, f: &YearFile, expected_year: Option<i32>) -> Result<()> {
    let err = |code: &CodeInfo, path: &str, args: &[(&str, &str)]| {
        super::file_error(code, name, path, args)
    };
    let year = f.year;
    let year_s = year.to_string();
    if let Some(exp) = expected_year {
        if exp != year {
            return Err(err(
                &super::CALENDAR_YEAR_MISMATCH,
                "/year",
                &[("year", &year_s), ("expected", &exp.to_string())],
            ));
        }
    }
    if !(1000..=9999).contains(&year) {
        return Err(err(
            &super::CALENDAR_YEAR_MISMATCH,
            "/year",
            &[("year", &year_s), ("expected", "1000–9999")],
        ));
    }
    let title = format!("国务院办公厅关于{year}年部分节假日安排的通知");
    if f.notice.title != title {
        return Err(err(
            &super::CALENDAR_NOTICE_TITLE,
            "/notice/title",
            &[("expected", &title)],
        ));
    }
    if !number_ok(&f.notice.number) {
        return Err(err(&super::CALENDAR_NOTICE_NUMBER, "/notice/number", &[]));
    }
    if f.festivals.is_empty() || f.festivals.len() > MAX_FESTIVALS {
        return Err(err(
            &super::CALENDAR_FESTIVAL_COUNT,
            "/festivals",
            &[
                ("count", &f.festivals.len().to_string()),
                ("max", &MAX_FESTIVALS.to_string()),
            ],
        ));
    }
    // A notice's dates lie in its year, or in the previous December (the 2019 notice: 元旦 2018-12-30 至
    // 2019-01-01 放假, 2018-12-29 上班).
    let in_year = |d: Date, path: &str| -> Result<()> {
        if d.year() == year || (d.year() == year - 1 && d.month() == 12) {
            Ok(())
        } else {
            Err(err(
                &super::CALENDAR_DATE_OUTSIDE_YEAR,
                path,
                &[("date", &d.to_string()), ("year", &year_s)],
            ))
        }
    };
    // Every rest day and every make-up day seen so far, with the pointer that listed it.
    let mut rest_seen: Vec<(NaiveDate, String)> = Vec::new();
    let mut makeup_seen: Vec<(NaiveDate, String)> = Vec::new();
    for (i, fest) in f.festivals.iter().enumerate() {
        let base = format!("/festivals/{i}");
        if !festival_name_ok(&fest.name) {
            return Err(err(
                &super::CALENDAR_FESTIVAL_NAME,
                &format!("{base}/name"),
                &[
                    ("name", &crate::mask::truncate_for_message(&fest.name)),
                    ("expected", &FESTIVALS.join("、")),
                ],
            ));
        }
        in_year(fest.rest.from, &format!("{base}/rest/from"))?;
        in_year(fest.rest.to, &format!("{base}/rest/to"))?;
        if fest.rest.to < fest.rest.from {
            return Err(err(
                &super::CALENDAR_REST_RANGE,
                &format!("{base}/rest"),
                &[
                    ("from", &fest.rest.from.to_string()),
                    ("to", &fest.rest.to.to_string()),
                ],
            ));
        }
        let span = (fest.rest.to.0 - fest.rest.from.0).num_days() + 1;
        if let Some(days) = fest.days {
            if i64::from(days) != span {
                return Err(err(
                    &super::CALENDAR_REST_DAYS_COUNT,
                    &format!("{base}/days"),
                    &[("days", &days.to_string()), ("span", &span.to_string())],
                ));
            }
        }
        let mut d = fest.rest.from.0;
        while d <= fest.rest.to.0 {
            if let Some((_, other)) = rest_seen.iter().find(|(x, _)| *x == d) {
                return Err(err(
                    &super::CALENDAR_DUPLICATE_DATE,
                    &format!("{base}/rest"),
                    &[("date", &Date(d).to_string()), ("other", other)],
                ));
            }
            rest_seen.push((d, format!("{base}/rest")));
            d = match d.succ_opt() {
                Some(n) => n,
                None => break,
            };
        }
        for (j, m) in fest.makeup_workdays.iter().enumerate() {
            let p = format!("{base}/makeup_workdays/{j}");
            in_year(*m, &p)?;
            if !is_weekend(m.0) {
                return Err(err(
                    &super::CALENDAR_MAKEUP_NOT_WEEKEND,
                    &p,
                    &[("date", &m.to_string())],
                ));
            }
            if let Some((_, other)) = makeup_seen.iter().find(|(x, _)| *x == m.0) {
                return Err(err(
                    &super::CALENDAR_DUPLICATE_DATE,
                    &p,
                    &[("date", &m.to_string()), ("other", other)],
                ));
            }
            makeup_seen.push((m.0, p));
        }
    }
    // The notice covers all seven festivals: each must be named exactly once (a partial file would make the
    // calendar silently wrong).
    for fest_name in FESTIVALS {
        let count = f
            .festivals
            .iter()
            .filter(|x| x.name.split('、').any(|p| p == *fest_name))
            .count();
        if count != 1 {
            return Err(err(
                &super::CALENDAR_FESTIVAL_COVERAGE,
                "/festivals",
                &[("name", fest_name), ("count", &count.to_string())],
            ));
        }
    }
    // A day cannot be both a rest day and a make-up working day (checked once every festival is read, so the
    // order of the items does not matter).
    for (m, p) in &makeup_seen {
        if let Some((_, rp)) = rest_seen.iter().find(|(x, _)| x == m) {
            return Err(err(
                &super::CALENDAR_REST_IS_MAKEUP,
                p,
                &[("date", &Date(*m).to_string()), ("other", rp)],
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert!(number_ok("国办发明电〔2023〕7号"));
        assert!(number_ok("国办发明电〔2024〕12号"));
        assert!(!number_ok("国办发明电[2023]7号"));
        assert!(!number_ok("国办发明电〔２０２３〕7号"));
        assert!(!number_ok("国办发明电〔2023〕号"));
        assert!(!number_ok("国办发明电〔2023〕07号"));
    }

    #[test]
    fn festival_names() {
        assert!(festival_name_ok("国庆节、中秋节"));
        assert!(festival_name_ok("春节"));
        assert!(!festival_name_ok("国庆"));
        assert!(!festival_name_ok(""));
        assert!(!festival_name_ok("国庆节、"));
    }

    #[test]
    fn schema_has_title() {
        let s = year_file_schema();
        assert_eq!(s["title"], "节假日安排年度文件");
        assert!(!s.to_string().contains("\\\\d"));
    }
}
