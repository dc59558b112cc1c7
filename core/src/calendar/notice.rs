//! Reading a State Council holiday notice (《国务院办公厅关于YYYY年部分节假日安排的通知》) as published into the
//! [`YearFile`] that `rules/calendar/YYYY.json` holds — so a clerk can load next year's notice the day it is
//! out, without transcribing dates by hand.
//!
//! What is read:
//! - the year, from the title (`国务院办公厅关于2026年部分节假日安排的通知`, also split over two lines or quoted
//!   inside a news lead such as `新华社北京11月4日电 国务院办公厅关于…的通知，全文如下：`), else from
//!   `现将2026年元旦、…`;
//! - the document number `国办发明电〔2025〕7号` if the text has it (brackets `〔〕`, `[]`, `（）` accepted, written
//!   `〔〕`), and the issue date, the last line that is only a date (`2025年11月4日` or `二〇二五年十一月四日`);
//! - every item line `一、元旦：…` to `十、…` (Chinese numeral, `、`, one festival or several joined by `、` as
//!   in `国庆节、中秋节`, a colon, then the arrangement). The arrangement is one rest sentence —
//!   `1月1日（周四）至3日（周六）放假调休，共3天`, `2018年12月30日至2019年1月1日放假调休，共3天`,
//!   `6月10日放假，与周末连休`, `1月1日（周三）放假1天，不调休`, `1月1日放假，1月2日（星期一）补休`,
//!   `4月30日至5月2日放假公休，共3天` — then optionally the working days, `2月14日（周六）、2月28日（周六）上班`, and
//!   sentences starting with `鼓励` (what employers are encouraged to do; not an arrangement, so not read).
//!
//! Checks: every weekday the notice states in parentheses (`周一`…`周日`, `星期一`…`星期日`) must be the
//! date's weekday (`calendar_notice_weekday_mismatch`), and every lunar date it states (`农历除夕`,
//! `农历腊月二十八`, `农历正月初七`) must be that day of the Chinese calendar ([`super::lunar`],
//! `calendar_notice_lunar_mismatch`). Any item line, sentence or parenthesis not of the forms above is refused
//! (`calendar_notice_unparseable`, naming the line) rather than guessed at; so are the long pre-2009 forms
//! (`其中，…为法定节假日…`). The result is then validated exactly as a loaded file is ([`super::format`]), so
//! e.g. a notice missing a festival fails with `calendar_festival_coverage`.
//!
//! What is not in a notice's text is not invented: `sources` come from [`NoticeMeta`], festival `note`s and
//! file `notes` stay empty, and `days` is set only where the notice says `共N天` or `放假N天`. When the text
//! lacks the number or the issue date (news reprints often omit the number), [`NoticeMeta`] must give it
//! (`calendar_notice_missing`); when both give it they must agree (`calendar_notice_conflict`).
//!
//! Punctuation may be full-width (as published) or half-width (as many reprints and copy-pastes have it);
//! spaces inside a line are ignored.

use chrono::{Datelike, NaiveDate, Weekday};

use super::format::{self, DateRange, Festival, Notice, YearFile, FESTIVALS};
use super::lunar;
use crate::code_info::CodeInfo;
use crate::date::Date;
use crate::error::{Error, Result};

/// What the notice text may lack, given by whoever imports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeMeta {
    /// The year, when the text has no title.
    pub year: Option<i32>,
    /// The document number (`国办发明电〔2025〕7号`), when the text does not print it.
    pub number: Option<String>,
    /// The issue date, when the text has no dated signature.
    pub issued: Option<Date>,
    /// Where the text was taken from (`notice.sources`).
    pub sources: Vec<String>,
}

/// Read a notice's text into a year file (see the module docs). Errors: the codes above (kind `bad_input`), or
/// a year-file validation code (kind `rule_pack`, file `通知文本`).
pub fn import_notice(text: &str) -> Result<YearFile> {
    import_notice_with(text, &NoticeMeta::default())
}

/// [`import_notice`], with what the text lacks given in `meta`.
pub fn import_notice_with(text: &str, meta: &NoticeMeta) -> Result<YearFile> {
    let lines: Vec<String> = text.lines().map(normalize).collect();
    let joined: String = lines.concat();
    let year = pick(
        "year",
        find_year(&joined),
        meta.year,
        |y| y.to_string(),
        (
            "年份（标题“国务院办公厅关于YYYY年部分节假日安排的通知”）",
            "year (the title)",
        ),
    )?;
    let number = pick(
        "number",
        find_number(&joined),
        meta.number.clone(),
        Clone::clone,
        ("文号（如“国办发明电〔2025〕7号”）", "document number"),
    )?;
    let issued = pick(
        "issued",
        lines.iter().rev().find_map(|l| signature_date(l)),
        meta.issued,
        |d| d.to_string(),
        ("发布日期（落款日期）", "issue date (the signature's date)"),
    )?;
    let mut festivals = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(f) = item(year, i + 1, line)? {
            festivals.push(f);
        }
    }
    if festivals.is_empty() {
        return Err(missing((
            "节日安排（“一、元旦：……”等各项）",
            "festival items",
        )));
    }
    let file = YearFile {
        year,
        notice: Notice {
            title: format!("国务院办公厅关于{year}年部分节假日安排的通知"),
            number,
            issued,
            sources: meta.sources.clone(),
        },
        festivals,
        notes: Vec::new(),
    };
    format::validate("通知文本", &file, Some(year))?;
    Ok(file)
}

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

fn shown(line: &str) -> String {
    let masked = crate::mask::mask_text(line);
    if masked.chars().count() > 80 {
        let mut t: String = masked.chars().take(80).collect();
        t.push('…');
        t
    } else {
        masked
    }
}

fn notice_error(info: &CodeInfo, args: &[(&str, &str)]) -> Error {
    Error::bad_input_code(info, "", args)
}

fn unparseable(line_no: usize, line: &str, detail: (&str, &str)) -> Error {
    notice_error(
        &super::CALENDAR_NOTICE_UNPARSEABLE,
        &[
            ("line_no", &line_no.to_string()),
            ("line", &shown(line)),
            ("detail", detail.0),
            ("detail_en", detail.1),
        ],
    )
}

fn missing(what: (&str, &str)) -> Error {
    notice_error(
        &super::CALENDAR_NOTICE_MISSING,
        &[("what", what.0), ("what_en", what.1)],
    )
}

/// The text's value, else the argument's; both given and different is a conflict.
fn pick<T: PartialEq>(
    field: &str,
    from_text: Option<T>,
    given: Option<T>,
    show: impl Fn(&T) -> String,
    what: (&str, &str),
) -> Result<T> {
    match (from_text, given) {
        (Some(t), Some(g)) if t != g => Err(notice_error(
            &super::CALENDAR_NOTICE_CONFLICT,
            &[
                ("what", what.0),
                ("what_en", what.1),
                ("field", field),
                ("text", &show(&t)),
                ("given", &show(&g)),
            ],
        )),
        (Some(t), _) | (None, Some(t)) => Ok(t),
        (None, None) => Err(missing(what)),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------------

/// Half-width punctuation to the published full-width forms; spaces removed.
fn normalize(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            ';' => '；',
            '—' | '－' | '～' | '~' => '至',
            c => c,
        })
        .collect()
}

fn digits(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    s.split_at(end)
}

fn find_year(text: &str) -> Option<i32> {
    for (marker, suffix) in [("关于", "年部分节假日安排的通知"), ("现将", "年")] {
        let mut rest = text;
        while let Some(i) = rest.find(marker) {
            rest = &rest[i + marker.len()..];
            let (y, after) = digits(rest);
            if y.len() == 4 && after.starts_with(suffix) {
                return y.parse().ok();
            }
        }
    }
    None
}

fn find_number(text: &str) -> Option<String> {
    let i = text.find("国办发明电")?;
    let rest = &text[i + "国办发明电".len()..];
    let mut chars = rest.chars();
    let open = chars.next()?;
    if !matches!(open, '〔' | '[' | '（' | '【') {
        return None;
    }
    let rest = chars.as_str();
    let (y, rest) = digits(rest);
    let mut chars = rest.chars();
    if y.len() != 4 || !matches!(chars.next()?, '〕' | ']' | '）' | '】') {
        return None;
    }
    let (n, rest) = digits(chars.as_str());
    (!n.is_empty() && rest.starts_with('号')).then(|| format!("国办发明电〔{y}〕{n}号"))
}

/// A number written in ASCII digits or Chinese numerals (〇一二…十, as in 二〇二五 or 二十八).
fn number_of(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let cs: Vec<char> = s.chars().collect();
    if cs.is_empty() {
        return None;
    }
    if !cs.contains(&'十') {
        // Digit by digit: 二〇二五.
        return cs.iter().try_fold(0u32, |acc, c| {
            Some(acc * 10 + u32::try_from(digit(*c)?).ok()?)
        });
    }
    // 十, 十四, 二十, 二十八 (up to 99).
    let pos = cs.iter().position(|c| *c == '十')?;
    let tens = match pos {
        0 => 1,
        1 => u32::try_from(digit(cs[0])?).ok()?,
        _ => return None,
    };
    let ones = match &cs[pos + 1..] {
        [] => 0,
        [c] => u32::try_from(digit(*c)?).ok()?,
        _ => return None,
    };
    Some(tens * 10 + ones)
}

/// A line that is only a date: the signature's `2025年11月4日` / `二〇二五年十一月四日`.
fn signature_date(line: &str) -> Option<Date> {
    let (y, rest) = line.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let y = i32::try_from(number_of(y)?).ok()?;
    if !(1000..=9999).contains(&y) {
        return None;
    }
    Date::from_ymd(y, number_of(m)?, number_of(d)?)
}

// ---------------------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------------------

/// `一、元旦：…` → the festival; other lines → `None`.
fn item(year: i32, line_no: usize, line: &str) -> Result<Option<Festival>> {
    let numeral_end = line
        .char_indices()
        .find(|(_, c)| !"一二三四五六七八九十".contains(*c))
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    if numeral_end == 0 || !line[numeral_end..].starts_with('、') {
        return Ok(None);
    }
    let rest = &line[numeral_end + '、'.len_utf8()..];
    let Some((name, body)) = rest.split_once('：') else {
        return Err(unparseable(
            line_no,
            line,
            ("没有“节日：安排”的冒号", "no colon after the festival name"),
        ));
    };
    if name.is_empty() || !name.split('、').all(|n| FESTIVALS.contains(&n)) {
        return Err(unparseable(
            line_no,
            line,
            (
                "节日名称应为元旦、春节、清明节、劳动节、端午节、中秋节、国庆节之一或以“、”连接",
                "the festival must be one of the seven statutory festivals, or several joined by 、",
            ),
        ));
    }
    let mut p = Parser {
        year,
        line_no,
        line,
        s: body,
        month: None,
        year_ctx: year,
    };
    let parsed = p.arrangement()?;
    Ok(Some(Festival {
        name: name.to_string(),
        rest: parsed.rest,
        days: parsed.days,
        makeup_workdays: parsed.makeup,
        note: None,
    }))
}

struct Arrangement {
    rest: DateRange,
    days: Option<u32>,
    makeup: Vec<Date>,
}

/// A cursor over one item's arrangement text.
struct Parser<'a> {
    year: i32,
    line_no: usize,
    line: &'a str,
    s: &'a str,
    /// The month (and year) of the previous date in this item, for `至3日` and `30日上班`.
    month: Option<u32>,
    year_ctx: i32,
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

impl<'a> Parser<'a> {
    fn fail(&self, detail: (&str, &str)) -> Error {
        unparseable(self.line_no, self.line, detail)
    }

    fn eat(&mut self, tok: &str) -> bool {
        match self.s.strip_prefix(tok) {
            Some(rest) => {
                self.s = rest;
                true
            }
            None => false,
        }
    }

    fn number(&mut self) -> Option<u32> {
        let (n, rest) = digits(self.s);
        let v = n.parse().ok()?;
        self.s = rest;
        Some(v)
    }

    /// `[YYYY年][M月]D日` followed by an optional `（…）`, checked. A date without a year is in the notice's
    /// year, except `D日` (the previous date's month and year) and the end of a range (`range_end`: the year of
    /// its start, or the next when its month is earlier).
    fn date(&mut self, range_end: bool) -> Result<Option<NaiveDate>> {
        let save = self.s;
        let Some(first) = self.number() else {
            return Ok(None);
        };
        let (mut y, mut m, d);
        if self.eat("年") {
            y = i32::try_from(first).ok();
            m = self.number();
            if m.is_none() || !self.eat("月") {
                return Err(self.fail(("日期应为“YYYY年M月D日”", "a date must read YYYY年M月D日")));
            }
            d = self.number();
            if d.is_none() || !self.eat("日") {
                return Err(self.fail(("日期应为“YYYY年M月D日”", "a date must read YYYY年M月D日")));
            }
        } else if self.eat("月") {
            y = None;
            m = Some(first);
            d = self.number();
            if d.is_none() || !self.eat("日") {
                return Err(self.fail(("日期应为“M月D日”", "a date must read M月D日")));
            }
        } else if self.eat("日") {
            y = None;
            m = None;
            d = Some(first);
        } else {
            self.s = save;
            return Ok(None);
        }
        let month_given = m.is_some();
        if m.is_none() {
            m = self.month;
        }
        let Some(month) = m else {
            return Err(self.fail(("日期缺少月份", "a date without its month")));
        };
        if y.is_none() {
            y = Some(if !month_given {
                self.year_ctx
            } else if range_end {
                if self.month.is_some_and(|pm| month < pm) {
                    self.year_ctx + 1
                } else {
                    self.year_ctx
                }
            } else {
                self.year
            });
        }
        let year = y.unwrap_or(self.year);
        let Some(date) = d.and_then(|d| NaiveDate::from_ymd_opt(year, month, d)) else {
            return Err(self.fail(("日期不存在", "no such date")));
        };
        self.month = Some(month);
        self.year_ctx = year;
        self.annotation(date)?;
        Ok(Some(date))
    }

    /// `（周三）`, `（星期六）`, `（农历除夕、周二）`, `（农历腊月二十八、周日）`: every part checked.
    fn annotation(&mut self, date: NaiveDate) -> Result<()> {
        if !self.eat("（") {
            return Ok(());
        }
        let Some((inside, rest)) = self.s.split_once('）') else {
            return Err(self.fail(("括号未闭合", "an unclosed parenthesis")));
        };
        self.s = rest;
        for part in inside.split('、') {
            if let Some(w) = part
                .strip_prefix("星期")
                .or_else(|| part.strip_prefix('周'))
            {
                let w = if w == "天" { "日" } else { w };
                let Some(stated) = WEEKDAYS.iter().position(|x| *x == w) else {
                    return Err(self.fail(("无法识别的星期", "an unknown weekday")));
                };
                let actual = date.weekday().num_days_from_monday() as usize;
                if stated != actual {
                    return Err(notice_error(
                        &super::CALENDAR_NOTICE_WEEKDAY_MISMATCH,
                        &[
                            ("line_no", &self.line_no.to_string()),
                            ("line", &shown(self.line)),
                            ("date", &Date(date).to_string()),
                            ("stated", part),
                            ("actual", &format!("周{}", WEEKDAYS[actual])),
                            ("actual_en", weekday_en(date.weekday())),
                        ],
                    ));
                }
            } else if let Some(l) = part.strip_prefix("农历") {
                match lunar_day(l) {
                    Some(lunar) if lunar_matches(date, lunar) => {}
                    Some(_) => {
                        return Err(notice_error(
                            &super::CALENDAR_NOTICE_LUNAR_MISMATCH,
                            &[
                                ("line_no", &self.line_no.to_string()),
                                ("line", &shown(self.line)),
                                ("date", &Date(date).to_string()),
                                ("stated", part),
                            ],
                        ))
                    }
                    None => return Err(self.fail(("无法识别的农历日期", "an unknown lunar date"))),
                }
            } else {
                return Err(self.fail((
                    "括号中只能是星期或农历日期",
                    "a parenthesis may hold only a weekday or a lunar date",
                )));
            }
        }
        Ok(())
    }

    fn arrangement(&mut self) -> Result<Arrangement> {
        let bad_rest = (
            "放假安排应形如“1月1日至3日放假调休，共3天”",
            "the rest days must read like 1月1日至3日放假调休，共3天",
        );
        let Some(from) = self.date(false)? else {
            return Err(self.fail(bad_rest));
        };
        let to = if self.eat("至") {
            self.date(true)?.ok_or_else(|| self.fail(bad_rest))?
        } else {
            from
        };
        if !self.eat("放假") {
            return Err(self.fail(bad_rest));
        }
        let _ = self.eat("调休") || self.eat("公休");
        let mut days = None;
        let mut to = to;
        if let Some(n) = self.number() {
            if !self.eat("天") {
                return Err(self.fail(bad_rest));
            }
            days = Some(n);
        }
        // Clauses of the rest sentence.
        while self.eat("，") {
            if self.eat("共") {
                let n = self.number().ok_or_else(|| self.fail(bad_rest))?;
                if !self.eat("天") {
                    return Err(self.fail(bad_rest));
                }
                days = Some(n);
            } else if self.eat("与周末连休") || self.eat("不调休") {
            } else if let Some(d) = self.date(false)? {
                if !self.eat("补休") {
                    return Err(self.fail(bad_rest));
                }
                // The substitute day extends the range over the weekend days in between.
                let mut x = to.succ_opt().ok_or_else(|| self.fail(bad_rest))?;
                while x < d {
                    if !matches!(x.weekday(), Weekday::Sat | Weekday::Sun) {
                        return Err(self.fail((
                            "补休日与放假日之间只能是周末",
                            "only weekend days may lie between the rest days and the substitute day",
                        )));
                    }
                    x = x.succ_opt().ok_or_else(|| self.fail(bad_rest))?;
                }
                if d <= to {
                    return Err(self.fail(bad_rest));
                }
                to = d;
            } else {
                return Err(self.fail(bad_rest));
            }
        }
        if !self.s.is_empty() && !self.eat("。") {
            return Err(self.fail(bad_rest));
        }
        // Further sentences: the working days, or encouragement (not read).
        let mut makeup = Vec::new();
        while !self.s.is_empty() {
            if self.s.starts_with("鼓励") {
                match self.s.split_once('。') {
                    Some((_, rest)) => self.s = rest,
                    None => self.s = "",
                }
                continue;
            }
            let bad_work = (
                "调休上班应形如“2月14日（周六）、2月28日（周六）上班。”",
                "working days must read like 2月14日（周六）、2月28日（周六）上班。",
            );
            loop {
                let d = self.date(false)?.ok_or_else(|| self.fail(bad_work))?;
                makeup.push(Date(d));
                if !self.eat("、") {
                    break;
                }
            }
            if !self.eat("上班") {
                return Err(self.fail(bad_work));
            }
            if !self.s.is_empty() && !self.eat("。") {
                return Err(self.fail(bad_work));
            }
        }
        Ok(Arrangement {
            rest: DateRange {
                from: Date(from),
                to: Date(to),
            },
            days,
            makeup,
        })
    }
}

fn weekday_en(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A lunar day as a notice writes it: `除夕`, or month and day (`正月初七`, `腊月二十八`, `八月十五`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LunarDay {
    Chuxi,
    MonthDay(u32, u32),
}

fn lunar_day(s: &str) -> Option<LunarDay> {
    if s == "除夕" {
        return Some(LunarDay::Chuxi);
    }
    let (month, rest) = if let Some(r) = s.strip_prefix("正月") {
        (1, r)
    } else if let Some(r) = s.strip_prefix("冬月") {
        (11, r)
    } else if let Some(r) = s.strip_prefix("腊月") {
        (12, r)
    } else {
        let (m, r) = s.split_once('月')?;
        (number_of(m)?, r)
    };
    let day = match rest.strip_prefix('初') {
        Some(d) => number_of(d)?,
        None if rest == "三十" => 30,
        None => number_of(rest)?,
    };
    ((1..=12).contains(&month) && (1..=30).contains(&day)).then_some(LunarDay::MonthDay(month, day))
}

fn lunar_matches(date: NaiveDate, l: LunarDay) -> bool {
    match l {
        LunarDay::Chuxi => lunar::is_chuxi(date),
        // The lunar year that contains `date` began this year or last year.
        LunarDay::MonthDay(m, d) => [date.year(), date.year() - 1]
            .iter()
            .any(|y| lunar::regular_month_day(*y, m, d) == Some(date)),
    }
}

#[cfg(test)]
mod tests;
