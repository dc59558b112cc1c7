//! Working days and Civil-Code periods over the State Council's holiday notices.
//!
//! - Data: one file per year, `rules/calendar/YYYY.json`, each transcribing one notice
//!   (国务院办公厅关于YYYY年部分节假日安排的通知): the rest days of every festival and the 调休 make-up working days
//!   (Saturdays and Sundays that are worked). The files are embedded at compile time; [`Calendar::from_dir`]
//!   adds (or replaces) years from a directory, so a clerk can add next year's notice without a new release.
//!   Format: `rules/calendar/README.md`, [`format::YearFile`], [`year_file_schema`].
//! - A working day is a Monday–Friday that the notice does not name as a rest day, or a Saturday/Sunday the
//!   notice names as a make-up working day. Every other day is a rest day.
//! - Coverage ([`CalendarMode`]): by default ([`CalendarMode::Refuse`], what `is_working_day`,
//!   `add_working_days`, `working_days_between`, `period_end` and `day_kind` do) a date in a year with no loaded
//!   notice is an error ([`crate::ErrorKind::CalendarCoverage`], code `calendar_year_not_covered`) — also when
//!   only an intermediate day or the result of a computation falls there, and also for a gap between loaded
//!   years. tuiyi never guesses from weekends alone. The `_with` variants take a mode: in
//!   [`CalendarMode::Provisional`] a year *after* the last loaded year, at most [`PROVISIONAL_HORIZON`] years
//!   after it, is a **provisional year**: weekends plus the statutory holidays of 《全国年节及纪念日放假办法》
//!   ([`statutory`]), no 调休. Every answer then says which provisional years it used ([`Answer`]). A gap
//!   between loaded years and a year before the first stay errors in both modes (a missing notice in the
//!   middle is a mistake to fix, not a year still to come), and a year past the horizon is refused with
//!   `calendar_year_beyond_horizon`.
//! - Error paths name the arguments as the JSON facade does: `/date`, `/n`, `/a`, `/b`, `/start`, `/days`, and
//!   `""` when only a computed day leaves the coverage. Callers embedding the calendar in a larger input
//!   re-map them.
//!
//! - [`statutory`]: the statutory holidays of any year 2000–2100 by the version of 《全国年节及纪念日放假办法》 in
//!   force, over [`lunar`] (the Chinese calendar 1900–2100 and 清明). [`notice`]: a notice's text → its
//!   [`YearFile`] ([`import_notice`]), checked weekday by weekday.
//!
//! Every query is a few array lookups per year touched (per-year tables built on load); nothing loops day by day.

mod arith;
pub mod format;
pub mod lunar;
pub mod notice;
pub mod statutory;
mod table;

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::code_info::{code, CodeInfo, Severity::Error as E, Severity::Warning as W};
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};

pub use format::{year_file_schema, DateRange, Festival, Notice, YearFile, FESTIVALS};
pub use notice::{import_notice, import_notice_with, NoticeMeta};
pub use statutory::{statutory_holidays, LawVersion, StatutoryDay};
pub use table::DayKind;
use table::YearTable;

const NOTICE_RULE: &str = "国务院办公厅关于部分节假日安排的通知（每年一件）";
const PERIOD_RULE: &str = "民法典 第二百零一条、第二百零三条";

/// The calendar's codes (area `calendar`).
pub const CALENDAR_YEAR_NOT_COVERED: CodeInfo = code(
    "calendar_year_not_covered",
    "calendar",
    E,
    "日历未收录 {year} 年的节假日安排（{subject}；已收录：{covered}）。tuiyi 不按“仅周末休息”推算。{year} 年的国务院办公厅部分节假日安排通知发布后，可按 rules/calendar/README.md 录入 {year}.json，放入日历目录（--calendar DIR）即可使用，无需升级 tuiyi。",
    "the calendar has no holiday notice for {year} ({subject_en}; covered: {covered_en}). tuiyi does not guess from weekends alone. Once the State Council's holiday notice for {year} is out, a clerk can add {year}.json as described in rules/calendar/README.md to a calendar directory (--calendar DIR); no new release is needed.",
    NOTICE_RULE,
);
pub const CALENDAR_YEAR_BEYOND_HORIZON: CodeInfo = code(
    "calendar_year_beyond_horizon",
    "calendar",
    E,
    "日历未收录 {year} 年的节假日安排（{subject}；已收录：{covered}），且 {year} 年超出暂定推算范围（最后收录的 {last} 年之后至多 {horizon} 年，即至 {until} 年）。请录入 {year} 年及之前各年的国务院办公厅部分节假日安排通知（tuiyi calendar import NOTICE.txt，或按 rules/calendar/README.md），放入日历目录（--calendar DIR）。",
    "the calendar has no holiday notice for {year} ({subject_en}; covered: {covered_en}), and {year} is beyond the provisional range (at most {horizon} years after the last loaded year {last}, i.e. up to {until}). Load the State Council's holiday notices up to {year} (tuiyi calendar import NOTICE.txt, or as described in rules/calendar/README.md) into a calendar directory (--calendar DIR).",
    NOTICE_RULE,
);
pub const CALENDAR_YEAR_PROVISIONAL: CodeInfo = code(
    "calendar_year_provisional",
    "calendar",
    W,
    "日历未收录 {year} 年的国务院办公厅部分节假日安排通知，涉及 {year} 年的日期按《全国年节及纪念日放假办法》规定的法定节假日和周六、周日推算（{holidays}），未计调休（通知另行安排的调休上班日、连休和补休），是暂定日期（标 \"provisional\": true）。{year} 年通知发布后，用 tuiyi calendar import NOTICE.txt 生成 {year}.json，放入日历目录并以 --calendar DIR 加载，即得正式日期。",
    "no State Council holiday notice is loaded for {year}: dates that depend on {year} are computed from the statutory holidays of the 全国年节及纪念日放假办法 and weekends ({holidays_en}), without any 调休 (the make-up working days, bridging days and substitute days a notice adds), and are provisional (marked \"provisional\": true). Once the notice for {year} is out, turn it into {year}.json with tuiyi calendar import NOTICE.txt, put it in a calendar directory and load it with --calendar DIR for final dates.",
    "全国年节及纪念日放假办法 第二条；国务院办公厅关于部分节假日安排的通知（每年一件）",
);
pub const CALENDAR_NOTICE_UNPARSEABLE: CodeInfo = code(
    "calendar_notice_unparseable",
    "calendar",
    E,
    "通知第 {line_no} 行无法识别：“{line}”（{detail}）。tuiyi 只读取国务院办公厅部分节假日安排通知原文的写法（如“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。”），不猜测；请核对文本，或按 rules/calendar/README.md 手工录入。",
    "notice line {line_no} cannot be read: \"{line}\" ({detail_en}). tuiyi reads the wording of the State Council holiday notices as published (e.g. 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。) and does not guess; check the text, or write the year file by hand as described in rules/calendar/README.md.",
    NOTICE_RULE,
);
pub const CALENDAR_NOTICE_WEEKDAY_MISMATCH: CodeInfo = code(
    "calendar_notice_weekday_mismatch",
    "calendar",
    E,
    "通知第 {line_no} 行：{date} 写作“{stated}”，实为{actual}（“{line}”）。日期与星期不符，文本可能有误，不予导入；请核对通知原文。",
    "notice line {line_no}: {date} is given as {stated} but is a {actual_en} (\"{line}\"). A date that disagrees with its weekday means the text may be wrong: nothing is imported; check it against the published notice.",
    NOTICE_RULE,
);
pub const CALENDAR_NOTICE_LUNAR_MISMATCH: CodeInfo = code(
    "calendar_notice_lunar_mismatch",
    "calendar",
    E,
    "通知第 {line_no} 行：{date} 写作“{stated}”，但按农历该日不是{stated}（“{line}”）。文本可能有误，不予导入；请核对通知原文。",
    "notice line {line_no}: {date} is given as {stated}, which it is not in the Chinese calendar (\"{line}\"). The text may be wrong: nothing is imported; check it against the published notice.",
    NOTICE_RULE,
);
pub const CALENDAR_NOTICE_MISSING: CodeInfo = code(
    "calendar_notice_missing",
    "calendar",
    E,
    "通知文本中没有{what}，也没有另行给出。请粘贴通知全文（含标题、文号和落款日期），或另行给出所缺项。",
    "the notice text has no {what_en}, and none was given separately. Paste the whole notice (title, document number, dated signature) or give what is missing.",
    NOTICE_RULE,
);
pub const CALENDAR_NOTICE_CONFLICT: CodeInfo = code(
    "calendar_notice_conflict",
    "calendar",
    E,
    "通知文本中的{what}为“{text}”，与另行给出的“{given}”不一致。",
    "the notice text gives {what_en} \"{text}\" but \"{given}\" was given separately.",
    NOTICE_RULE,
);
pub const CALENDAR_N_ZERO: CodeInfo = code(
    "calendar_n_zero",
    "calendar",
    E,
    "工作日数 n 必须至少为 1（第 n 个工作日，起算日不计入）",
    "n must be at least 1 (the n-th working day after the start, which is not counted)",
    PERIOD_RULE,
);
pub const CALENDAR_DAYS_ZERO: CodeInfo = code(
    "calendar_days_zero",
    "calendar",
    E,
    "期间天数 days 必须至少为 1（开始的当日不计入）",
    "days must be at least 1 (the start day is not counted)",
    PERIOD_RULE,
);
pub const CALENDAR_DIR_UNREADABLE: CodeInfo = code(
    "calendar_dir_unreadable",
    "calendar",
    E,
    "无法读取日历目录 {file}：{detail}",
    "cannot read the calendar directory {file}: {detail}",
    "",
);
pub const CALENDAR_FILE_UNREADABLE: CodeInfo = code(
    "calendar_file_unreadable",
    "calendar",
    E,
    "无法读取日历文件 {file}：{detail}",
    "cannot read the calendar file {file}: {detail_en}",
    "",
);
pub const CALENDAR_FILE_NAME: CodeInfo = code(
    "calendar_file_name",
    "calendar",
    E,
    "日历文件 {file} 的文件名应为四位年份加 .json（半角数字，如 2027.json）",
    "calendar file {file}: the name must be a four-digit year and .json (e.g. 2027.json)",
    "",
);
pub const CALENDAR_DUPLICATE_YEAR: CodeInfo = code(
    "calendar_duplicate_year",
    "calendar",
    E,
    "日历文件 {file}：{year} 年已由 {other} 提供",
    "calendar file {file}: the year {year} is already given by {other}",
    "",
);
pub const CALENDAR_FILE_JSON: CodeInfo = code(
    "calendar_file_json",
    "calendar",
    E,
    "日历文件 {file}：{detail}",
    "calendar file {file}: {detail_en}",
    "",
);
pub const CALENDAR_FILE_STRUCTURE: CodeInfo = code(
    "calendar_file_structure",
    "calendar",
    E,
    "日历文件 {file}：{detail}",
    "calendar file {file}: {detail_en}",
    "",
);
pub const CALENDAR_YEAR_MISMATCH: CodeInfo = code(
    "calendar_year_mismatch",
    "calendar",
    E,
    "日历文件 {file}：year 为 {year}，应为 {expected}（与文件名一致）",
    "calendar file {file}: year is {year}, expected {expected} (as in the file name)",
    "",
);
pub const CALENDAR_NOTICE_TITLE: CodeInfo = code(
    "calendar_notice_title",
    "calendar",
    E,
    "日历文件 {file}：通知标题应为“{expected}”",
    "calendar file {file}: the notice title must be \"{expected}\"",
    NOTICE_RULE,
);
pub const CALENDAR_NOTICE_NUMBER: CodeInfo = code(
    "calendar_notice_number",
    "calendar",
    E,
    "日历文件 {file}：文号应形如“国办发明电〔2025〕7号”（六角括号〔〕，半角数字）",
    "calendar file {file}: the document number must look like 国办发明电〔2025〕7号 (brackets 〔〕, ASCII digits)",
    NOTICE_RULE,
);
pub const CALENDAR_FESTIVAL_COUNT: CodeInfo = code(
    "calendar_festival_count",
    "calendar",
    E,
    "日历文件 {file}：节日安排应有 1 至 {max} 项，实际 {count} 项",
    "calendar file {file}: expected 1 to {max} festival items, found {count}",
    NOTICE_RULE,
);
pub const CALENDAR_FESTIVAL_NAME: CodeInfo = code(
    "calendar_festival_name",
    "calendar",
    E,
    "日历文件 {file}：节日名称“{name}”无效；应为 {expected} 之一，或通知中合并的写法（以“、”连接）",
    "calendar file {file}: unknown festival \"{name}\"; expected one of {expected}, or several joined by 、 as in the notice",
    "全国年节及纪念日放假办法 第二条",
);
pub const CALENDAR_FESTIVAL_COVERAGE: CodeInfo = code(
    "calendar_festival_coverage",
    "calendar",
    E,
    "日历文件 {file}：通知涵盖元旦、春节、清明节、劳动节、端午节、中秋节、国庆节七个节日，每个应恰好列出一次；“{name}”列出了 {count} 次",
    "calendar file {file}: a notice covers all seven festivals, each listed exactly once; {name} is listed {count} times",
    "全国年节及纪念日放假办法 第二条",
);
pub const CALENDAR_DATE_OUTSIDE_YEAR: CodeInfo = code(
    "calendar_date_outside_year",
    "calendar",
    E,
    "日历文件 {file}：日期 {date} 不在 {year} 年内（仅元旦等安排可始于上一年 12 月）",
    "calendar file {file}: {date} is not in {year} (nor in the previous December)",
    "",
);
pub const CALENDAR_REST_RANGE: CodeInfo = code(
    "calendar_rest_range",
    "calendar",
    E,
    "日历文件 {file}：放假区间 {from} 至 {to} 首尾颠倒",
    "calendar file {file}: rest range {from} to {to} ends before it starts",
    "",
);
pub const CALENDAR_REST_DAYS_COUNT: CodeInfo = code(
    "calendar_rest_days_count",
    "calendar",
    E,
    "日历文件 {file}：“共{days}天”与放假区间的 {span} 天不符",
    "calendar file {file}: days is {days} but the rest range has {span} days",
    NOTICE_RULE,
);
pub const CALENDAR_MAKEUP_NOT_WEEKEND: CodeInfo = code(
    "calendar_makeup_not_weekend",
    "calendar",
    E,
    "日历文件 {file}：调休上班日 {date} 不是周六或周日",
    "calendar file {file}: make-up working day {date} is not a Saturday or Sunday",
    NOTICE_RULE,
);
pub const CALENDAR_DUPLICATE_DATE: CodeInfo = code(
    "calendar_duplicate_date",
    "calendar",
    E,
    "日历文件 {file}：日期 {date} 重复（已见于 {other}）",
    "calendar file {file}: {date} is listed twice (also at {other})",
    "",
);
pub const CALENDAR_REST_IS_MAKEUP: CodeInfo = code(
    "calendar_rest_is_makeup",
    "calendar",
    E,
    "日历文件 {file}：{date} 不能既是调休上班日又是放假日（放假见 {other}）",
    "calendar file {file}: {date} cannot be both a make-up working day and a rest day (rest at {other})",
    NOTICE_RULE,
);

/// The codes of this module, in catalogue order.
pub const CODES: &[CodeInfo] = &[
    CALENDAR_YEAR_NOT_COVERED,
    CALENDAR_YEAR_BEYOND_HORIZON,
    CALENDAR_YEAR_PROVISIONAL,
    CALENDAR_NOTICE_UNPARSEABLE,
    CALENDAR_NOTICE_WEEKDAY_MISMATCH,
    CALENDAR_NOTICE_LUNAR_MISMATCH,
    CALENDAR_NOTICE_MISSING,
    CALENDAR_NOTICE_CONFLICT,
    CALENDAR_N_ZERO,
    CALENDAR_DAYS_ZERO,
    CALENDAR_DIR_UNREADABLE,
    CALENDAR_FILE_UNREADABLE,
    CALENDAR_FILE_NAME,
    CALENDAR_DUPLICATE_YEAR,
    CALENDAR_FILE_JSON,
    CALENDAR_FILE_STRUCTURE,
    CALENDAR_YEAR_MISMATCH,
    CALENDAR_NOTICE_TITLE,
    CALENDAR_NOTICE_NUMBER,
    CALENDAR_FESTIVAL_COUNT,
    CALENDAR_FESTIVAL_NAME,
    CALENDAR_FESTIVAL_COVERAGE,
    CALENDAR_DATE_OUTSIDE_YEAR,
    CALENDAR_REST_RANGE,
    CALENDAR_REST_DAYS_COUNT,
    CALENDAR_MAKEUP_NOT_WEEKEND,
    CALENDAR_DUPLICATE_DATE,
    CALENDAR_REST_IS_MAKEUP,
];

/// A `rule_pack` error about calendar file `file` at JSON Pointer `path` inside it.
pub(crate) fn file_error(info: &CodeInfo, file: &str, path: &str, args: &[(&str, &str)]) -> Error {
    let shown = crate::mask::shorten(file);
    let mut all: Vec<(&str, &str)> = vec![("file", shown.as_str())];
    all.extend_from_slice(args);
    let (zh, en) = crate::code_info::messages(info, &all);
    Error::new(ErrorKind::RulePack, info.code, path, zh, en)
}

fn bad_input(info: &CodeInfo, path: &str) -> Error {
    Error::bad_input_code(info, path, &[])
}

/// How a calendar query treats a year with no loaded notice.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(title = "日历覆盖方式")]
pub enum CalendarMode {
    /// 拒绝：未收录通知的年份一律报错（calendar_year_not_covered）。
    #[default]
    Refuse,
    /// 暂定：最后收录年份之后（至多 PROVISIONAL_HORIZON 年）按法定节假日和周末推算，不计调休，并标明暂定。
    Provisional,
}

/// How many years after the last loaded notice [`CalendarMode::Provisional`] answers for (the default of
/// [`Calendar::with_provisional_horizon`]).
///
/// Five: a notice comes out every autumn for the next year, so a calendar kept up to date needs one
/// provisional year (deadlines of a few weeks reaching into next January), and periods of a year or two need
/// two or three. A calendar more than five notices behind is a deployment that stopped being updated, and the
/// law itself changed three times in 25 years (2007, 2013, 2024): answers that far ahead are more likely to
/// mislead than help, so they are refused (`calendar_year_beyond_horizon`).
pub const PROVISIONAL_HORIZON: u8 = 5;

/// A calendar answer and the provisional years it depends on (empty: every year it used has a loaded notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Answer<T> {
    pub value: T,
    /// The provisional years whose days the answer used, ascending, no repeats.
    pub provisional_years: Vec<i32>,
}

impl<T> Answer<T> {
    /// Whether any year the answer used is provisional.
    pub fn is_provisional(&self) -> bool {
        !self.provisional_years.is_empty()
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Answer<U> {
        Answer {
            value: f(self.value),
            provisional_years: self.provisional_years,
        }
    }
}

/// Why a year is needed, for the coverage message.
#[derive(Clone, Copy)]
pub(crate) enum Need {
    /// An input date lies in the year.
    Input(NaiveDate),
    /// A computed day (result or intermediate) lies in the year.
    Computed,
}

/// End of a calendar-day period (民法典 第二百零一条、第二百零三条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(title = "期间届满日")]
pub struct PeriodEnd {
    /// start + days, before any extension.
    #[schemars(title = "期间末日（顺延前）")]
    pub raw_end: Date,
    /// The last day of the period after extension past rest days.
    #[schemars(title = "期间届满日（顺延后）")]
    pub end: Date,
    /// Whether `end` differs from `raw_end`.
    #[schemars(title = "是否顺延")]
    pub extended: bool,
}

/// The loaded years. Cheap to query, immutable once built; `Send + Sync`.
#[derive(Clone)]
pub struct Calendar {
    /// The year of `years[0]`.
    first: i32,
    /// One slot per year from `first` on; `None` for a year with no notice (a gap).
    years: Vec<Option<YearTable>>,
    /// Provisional tables for the years after the last loaded one, in order (at most `horizon`, and only
    /// years whose statutory holidays are known).
    provisional: Vec<YearTable>,
    horizon: u8,
}

impl std::fmt::Debug for Calendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calendar")
            .field("years", &self.years())
            .finish()
    }
}

/// The embedded year files (name, text).
const EMBEDDED: &[(&str, &str)] = &[
    (
        "2024.json",
        include_str!("../../../rules/calendar/2024.json"),
    ),
    (
        "2025.json",
        include_str!("../../../rules/calendar/2025.json"),
    ),
    (
        "2026.json",
        include_str!("../../../rules/calendar/2026.json"),
    ),
];

/// The year a file name stands for: the last path component must be exactly `YYYY.json` (ASCII digits).
fn year_of_name(name: &str) -> Option<i32> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.strip_suffix(".json")?;
    if stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()) {
        stem.parse().ok().filter(|y| *y >= 1000)
    } else {
        None
    }
}

/// Parse and validate named year files; two files for one year are an error.
fn parse_sources(sources: &[(&str, &str)]) -> Result<Vec<(String, YearFile)>> {
    let mut files: Vec<(String, YearFile)> = Vec::with_capacity(sources.len());
    for (name, text) in sources {
        let year =
            year_of_name(name).ok_or_else(|| file_error(&CALENDAR_FILE_NAME, name, "", &[]))?;
        if let Some((other, _)) = files.iter().find(|(_, f)| f.year == year) {
            return Err(file_error(
                &CALENDAR_DUPLICATE_YEAR,
                name,
                "",
                &[("year", &year.to_string()), ("other", other)],
            ));
        }
        files.push((
            name.to_string(),
            format::parse_year_file(name, text, Some(year))?,
        ));
    }
    Ok(files)
}

impl Calendar {
    /// The years embedded in tuiyi (2024–2026).
    pub fn embedded() -> Result<Calendar> {
        Self::from_sources(EMBEDDED)
    }

    /// A calendar from year files given as text: `(name, text)`, each name ending in `YYYY.json`.
    /// Two files for the same year are an error.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Calendar> {
        Self::from_files(parse_sources(sources)?)
    }

    /// The embedded years plus every `YYYY.json` in `dir` (a year in `dir` replaces the embedded one).
    /// Other `.json` files in `dir` are an error (a misnamed year would otherwise be silently ignored);
    /// files not ending in `.json` (e.g. a README), hidden files and subdirectories are ignored.
    pub fn from_dir(dir: &Path) -> Result<Calendar> {
        let shown = crate::files::shown(dir);
        let unreadable = |e: std::io::Error| {
            file_error(
                &CALENDAR_DIR_UNREADABLE,
                &shown,
                "",
                &[("detail", &e.to_string())],
            )
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(unreadable)? {
            let entry = entry.map_err(unreadable)?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.')
                || (path.is_dir() && !name.to_ascii_lowercase().ends_with(".json"))
                || !name.to_ascii_lowercase().ends_with(".json")
            {
                continue;
            }
            paths.push((name, path));
        }
        paths.sort();
        let mut texts: Vec<(String, String)> = Vec::with_capacity(paths.len());
        for (name, path) in &paths {
            let shown_file = crate::files::shown(path);
            if year_of_name(name).is_none() {
                return Err(file_error(&CALENDAR_FILE_NAME, &shown_file, "", &[]));
            }
            let text =
                crate::files::read_text(path, crate::files::MAX_FILE_BYTES).map_err(|e| {
                    let (zh, en) = e.reason();
                    file_error(
                        &CALENDAR_FILE_UNREADABLE,
                        &shown_file,
                        "",
                        &[("detail", &zh), ("detail_en", &en)],
                    )
                })?;
            texts.push((shown_file, text));
        }
        let dir_sources: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let from_dir = parse_sources(&dir_sources)?;
        let mut files: Vec<(String, YearFile)> = parse_sources(EMBEDDED)?
            .into_iter()
            .filter(|(_, f)| !from_dir.iter().any(|(_, g)| g.year == f.year))
            .collect();
        files.extend(from_dir);
        Self::from_files(files)
    }

    fn from_files(mut files: Vec<(String, YearFile)>) -> Result<Calendar> {
        files.sort_by_key(|(_, f)| f.year);
        let (Some((_, first)), Some((_, last))) = (files.first(), files.last()) else {
            return Ok(Calendar {
                first: 0,
                years: Vec::new(),
                provisional: Vec::new(),
                horizon: PROVISIONAL_HORIZON,
            });
        };
        let first = first.year;
        let span = usize::try_from(last.year - first + 1)
            .map_err(|_| Error::internal("calendar years out of order"))?;
        // Every day any file names; a day named by two files (a December day named by both its own year's
        // file and the next year's) is a conflict. Within one file, validation already refused duplicates.
        let all: Vec<table::Entry> = files
            .iter()
            .flat_map(|(n, f)| table::entries(n, f))
            .collect();
        let mut refs: Vec<&table::Entry> = all.iter().collect();
        refs.sort_by_key(|e| e.date);
        for w in refs.windows(2) {
            if let [a, b] = w {
                if a.date == b.date {
                    let code = if a.makeup != b.makeup {
                        &CALENDAR_REST_IS_MAKEUP
                    } else {
                        &CALENDAR_DUPLICATE_DATE
                    };
                    let other = format!("{} {}", a.file, a.pointer);
                    return Err(file_error(
                        code,
                        &b.file,
                        &b.pointer,
                        &[("date", &Date(b.date).to_string()), ("other", &other)],
                    ));
                }
            }
        }
        let mut years: Vec<Option<YearTable>> = (0..span).map(|_| None).collect();
        for (_, f) in files {
            let year = f.year;
            let mine: Vec<&table::Entry> = refs
                .iter()
                .copied()
                .filter(|e| e.date.year() == year)
                .collect();
            let slot = usize::try_from(year - first)
                .ok()
                .and_then(|i| years.get_mut(i))
                .ok_or_else(|| Error::internal("calendar year slot"))?;
            *slot = Some(
                YearTable::build(f, &mine)
                    .ok_or_else(|| Error::internal(format!("calendar table for {year}")))?,
            );
        }
        Ok(Calendar {
            first,
            years,
            provisional: Vec::new(),
            horizon: 0,
        }
        .with_provisional_horizon(PROVISIONAL_HORIZON))
    }

    /// The same calendar answering provisionally for at most `years` years after the last loaded one (0: none;
    /// default [`PROVISIONAL_HORIZON`]). Provisional years never go past 2100 (the statutory holidays'
    /// lunisolar table).
    pub fn with_provisional_horizon(mut self, years: u8) -> Calendar {
        self.horizon = years;
        self.provisional = match self.last_year() {
            Some(last) => (1..=i32::from(years))
                .map_while(|k| YearTable::provisional(last + k))
                .collect(),
            None => Vec::new(),
        };
        self
    }

    /// The provisional horizon in years (see [`Calendar::with_provisional_horizon`]).
    pub fn provisional_horizon(&self) -> u8 {
        self.horizon
    }

    /// The last loaded year, if any.
    pub fn last_year(&self) -> Option<i32> {
        self.years.iter().flatten().last().map(|t| t.year())
    }

    /// The years [`CalendarMode::Provisional`] answers for, ascending (empty when nothing is loaded).
    pub fn provisional_years(&self) -> Vec<i32> {
        self.provisional.iter().map(|t| t.year()).collect()
    }

    /// The covered years, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().flatten().map(|t| t.year()).collect()
    }

    /// Whether the year has a loaded notice.
    pub fn covers(&self, year: i32) -> bool {
        self.table(year).is_some()
    }

    /// The loaded file of a year (notice, festivals), if covered.
    pub fn year_file(&self, year: i32) -> Option<&YearFile> {
        self.table(year).and_then(|t| t.file.as_ref())
    }

    /// The table of a loaded year.
    #[inline]
    pub(crate) fn table(&self, year: i32) -> Option<&YearTable> {
        let i = usize::try_from(year.checked_sub(self.first)?).ok()?;
        self.years.get(i)?.as_ref()
    }

    /// The table of `year` in `mode`: a loaded year, or in provisional mode a provisional one.
    #[inline]
    pub(crate) fn table_in(&self, year: i32, mode: CalendarMode) -> Option<&YearTable> {
        if let Some(t) = self.table(year) {
            return Some(t);
        }
        if mode == CalendarMode::Provisional {
            let last = self.last_year()?;
            let i = usize::try_from(year.checked_sub(last)?.checked_sub(1)?).ok()?;
            return self.provisional.get(i);
        }
        None
    }

    /// The coverage error for `year` in `mode`: `calendar_year_beyond_horizon` for a year after the
    /// provisional range in provisional mode, else `calendar_year_not_covered`.
    pub(crate) fn missing(&self, year: i32, mode: CalendarMode, need: Need, path: &str) -> Error {
        match (mode, self.last_year()) {
            (CalendarMode::Provisional, Some(last)) if year > last => {
                self.beyond_horizon(&year.to_string(), last, need, path)
            }
            _ => self.not_covered(&year.to_string(), need, path),
        }
    }

    fn coverage_args(&self, need: Need) -> [(String, String); 4] {
        let years = self.years();
        let (covered, covered_en) = if years.is_empty() {
            ("无".to_string(), "none".to_string())
        } else {
            let list: Vec<String> = years.iter().map(|y| y.to_string()).collect();
            (list.join("、"), list.join(", "))
        };
        let (subject, subject_en) = match need {
            Need::Input(d) => (
                format!("输入日期 {}", Date(d)),
                format!("input date {}", Date(d)),
            ),
            Need::Computed => (
                "计算过程或结果超出已收录年份".to_string(),
                "the computation runs past the covered years".to_string(),
            ),
        };
        [
            ("subject".into(), subject),
            ("subject_en".into(), subject_en),
            ("covered".into(), covered),
            ("covered_en".into(), covered_en),
        ]
    }

    fn beyond_horizon(&self, year: &str, last: i32, need: Need, path: &str) -> Error {
        let until = self
            .provisional
            .last()
            .map(|t| t.year())
            .unwrap_or(last)
            .to_string();
        let args = self.coverage_args(need);
        let mut all: Vec<(&str, &str)> =
            args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (last_s, horizon_s) = (last.to_string(), self.horizon.to_string());
        all.extend([
            ("year", year),
            ("last", last_s.as_str()),
            ("horizon", horizon_s.as_str()),
            ("until", until.as_str()),
        ]);
        let info = &CALENDAR_YEAR_BEYOND_HORIZON;
        let (zh, en) = crate::code_info::messages(info, &all);
        Error::new(ErrorKind::CalendarCoverage, info.code, path, zh, en)
    }

    /// The coverage error for `year` (a string, so a year past chrono's range can be named too).
    pub(crate) fn not_covered(&self, year: &str, need: Need, path: &str) -> Error {
        let args = self.coverage_args(need);
        let mut all: Vec<(&str, &str)> =
            args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        all.push(("year", year));
        let info = &CALENDAR_YEAR_NOT_COVERED;
        let (zh, en) = crate::code_info::messages(info, &all);
        Error::new(ErrorKind::CalendarCoverage, info.code, path, zh, en)
    }

    /// The `calendar_year_provisional` warning for `year` at `path` (the statutory holidays are listed).
    pub fn provisional_warning(&self, year: i32, path: &str) -> crate::report::Finding {
        let days = statutory_holidays(year).unwrap_or_default();
        let list = |sep: &str, inner: &str, each: &dyn Fn(NaiveDate) -> String| {
            let mut parts: Vec<String> = Vec::new();
            for f in FESTIVALS {
                let ds: Vec<String> = days
                    .iter()
                    .filter(|s| s.festival == *f)
                    .map(|s| each(s.date.0))
                    .collect();
                if !ds.is_empty() {
                    parts.push(format!("{f} {}", ds.join(inner)));
                }
            }
            parts.join(sep)
        };
        let zh = list("，", "、", &|d| format!("{}月{}日", d.month(), d.day()));
        let en = list("; ", ", ", &|d| Date(d).to_string());
        let y = year.to_string();
        crate::report::Finding::new(
            &CALENDAR_YEAR_PROVISIONAL,
            path,
            &[("year", &y), ("holidays", &zh), ("holidays_en", &en)],
        )
    }
}

#[cfg(test)]
mod tests;
