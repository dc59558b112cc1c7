//! `tuiyi plan --html`: the applicant's timeline as one self-contained HTML page a clerk can print or show —
//! discharge, each item from its start to its due date, today, rest days and holidays shaded — drawn as an
//! inline SVG from the plan's JSON (what every face returns), followed by the same facts as a table.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::Value;
use tuiyi_core::calendar::{CalendarMode, DayKind};
use tuiyi_core::date::parse_date;
use tuiyi_core::Engine;

/// Text for HTML/SVG: `&`, `<`, `>`, `"` escaped; control characters shown as `\u{…}`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() || tuiyi_core::mask::is_invisible(c) => {
                tuiyi_core::mask::push_escaped(&mut out, c);
            }
            c => out.push(c),
        }
    }
    out
}

fn date_at(v: &Value, ptr: &str) -> Option<NaiveDate> {
    v.pointer(ptr)
        .and_then(Value::as_str)
        .and_then(|s| parse_date(s).ok())
}

fn status_zh(s: &str) -> (&'static str, &'static str) {
    // (label, colour)
    match s {
        "done" => ("已办结", "#2e7d32"),
        "overdue" => ("已逾期", "#c62828"),
        "due_soon" => ("即将到期", "#ef6c00"),
        "pending" => ("未到期", "#1565c0"),
        "blocked" => ("待前置事项", "#6d4c41"),
        "forfeited" => ("视为放弃", "#9e9e9e"),
        "not_applicable" => ("不适用", "#9e9e9e"),
        _ => ("无法判断", "#757575"),
    }
}

struct Row {
    no: u64,
    name: String,
    department: String,
    start: Option<NaiveDate>,
    due: Option<NaiveDate>,
    status: String,
    provisional: bool,
    why_null: String,
}

fn rows(plan: &Value) -> Vec<Row> {
    plan.get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|it| it.get("applies").and_then(Value::as_bool) == Some(true))
        .map(|it| Row {
            no: it.get("no").and_then(Value::as_u64).unwrap_or(0),
            name: it
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            department: it
                .pointer("/department/name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            start: date_at(it, "/due/start"),
            due: date_at(it, "/due/date"),
            status: it
                .get("status")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_string(),
            provisional: it.pointer("/due/provisional").and_then(Value::as_bool) == Some(true),
            why_null: it
                .pointer("/due/reason_if_null/message")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        })
        .collect()
}

/// The page for `plan` (the `plan` operation's JSON output), shading the rest days `engine` knows of.
pub fn plan_page(plan: &Value, engine: &Engine) -> String {
    let rows = rows(plan);
    let today = date_at(plan, "/today");
    let discharge = rows
        .iter()
        .filter(|r| r.no == 1 || r.no == 9)
        .filter_map(|r| r.start)
        .min();
    let mut all: Vec<NaiveDate> = rows
        .iter()
        .flat_map(|r| [r.start, r.due])
        .flatten()
        .collect();
    all.extend(today);
    let (Some(&first), Some(&last)) = (all.iter().min(), all.iter().max()) else {
        return page(
            plan,
            "",
            &rows,
            "本计划没有可画出的日期（起算日期未给出）。",
        );
    };
    let from = first - Duration::days(3);
    let to = last + Duration::days(5);
    let days = (to - from).num_days().max(1) as f64;

    const LEFT: f64 = 300.0;
    const WIDTH: f64 = 1000.0;
    const ROW: f64 = 34.0;
    const TOP: f64 = 56.0;
    let height = TOP + ROW * rows.len() as f64 + 30.0;
    let x = |d: NaiveDate| LEFT + (d - from).num_days() as f64 / days * WIDTH;
    let day_w = WIDTH / days;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t-title" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif" font-size="13">"#,
        w = LEFT + WIDTH + 20.0,
        h = height
    );
    svg.push_str(
        r#"<title id="t-title">一件事办理时间线 · timeline of the applicant's items</title>"#,
    );
    // Rest days: weekends light, holidays darker; a provisional year's days hatched by a dashed outline.
    let mut d = from;
    let mut holidays = 0usize;
    let mut rest_days = 0usize;
    while d <= to {
        if let Ok(a) = engine.day_kind_with(d, CalendarMode::Provisional) {
            let (fill, kind) = match &a.value {
                DayKind::Weekend => (Some("#eeeeee"), "weekend"),
                DayKind::Holiday { .. } => (Some("#ffe0b2"), "holiday"),
                _ => (None, ""),
            };
            if let Some(fill) = fill {
                rest_days += 1;
                if kind == "holiday" {
                    holidays += 1;
                }
                let _ = write!(
                    svg,
                    r#"<rect class="rest {kind}" x="{:.1}" y="{TOP}" width="{:.1}" height="{:.1}" fill="{fill}"{}><title>{} {}</title></rect>"#,
                    x(d),
                    day_w.max(1.0),
                    ROW * rows.len() as f64,
                    if a.is_provisional() {
                        r##" stroke="#bdbdbd" stroke-dasharray="2 2""##
                    } else {
                        ""
                    },
                    d,
                    if kind == "holiday" {
                        "法定节假日"
                    } else {
                        "休息日"
                    },
                );
            }
        }
        d += Duration::days(1);
    }
    // Month ticks (and the first month's name at the left edge).
    let _ = write!(
        svg,
        r##"<text x="{:.1}" y="{}" fill="#424242">{}年{}月</text>"##,
        LEFT + 3.0,
        TOP - 22.0,
        from.year(),
        from.month()
    );
    let mut m = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while m <= to {
        if m > from {
            let _ = write!(
                svg,
                r##"<line x1="{x:.1}" y1="{y0}" x2="{x:.1}" y2="{y1:.1}" stroke="#9e9e9e"/><text x="{tx:.1}" y="{ty}" fill="#424242">{y}年{mo}月</text>"##,
                x = x(m),
                y0 = TOP - 18.0,
                y1 = height - 30.0,
                tx = x(m) + 3.0,
                ty = TOP - 22.0,
                y = m.year(),
                mo = m.month()
            );
        }
        m = if m.month() == 12 {
            NaiveDate::from_ymd_opt(m.year() + 1, 1, 1).unwrap_or(to + Duration::days(1))
        } else {
            NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1).unwrap_or(to + Duration::days(1))
        };
    }
    // Items.
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let (label, colour) = status_zh(&r.status);
        let _ = write!(
            svg,
            r##"<text class="item-name" x="8" y="{:.1}" fill="#212121">{}. {}</text><text x="8" y="{:.1}" fill="#616161" font-size="11">{} · {}</text>"##,
            y + 15.0,
            r.no,
            esc(&r.name),
            y + 29.0,
            esc(&r.department),
            label
        );
        match (r.start, r.due) {
            (Some(s), Some(due)) => {
                let (x0, x1) = (x(s), x(due));
                let _ = write!(
                    svg,
                    r#"<rect class="span" x="{x0:.1}" y="{:.1}" width="{:.1}" height="10" rx="3" fill="{colour}" fill-opacity="0.35"/>"#,
                    y + 12.0,
                    (x1 - x0).max(2.0)
                );
                let _ = write!(
                    svg,
                    r#"<circle class="due" cx="{x1:.1}" cy="{:.1}" r="6" fill="{colour}"{}/><text class="due-date" x="{:.1}" y="{:.1}" fill="{colour}">{}{}</text>"#,
                    y + 17.0,
                    if r.provisional {
                        r##" fill-opacity="0.5" stroke-dasharray="2 2" stroke="black""##
                    } else {
                        ""
                    },
                    x1 + 9.0,
                    y + 21.0,
                    due,
                    if r.provisional { "（暂定）" } else { "" }
                );
            }
            (None, Some(due)) => {
                let _ = write!(
                    svg,
                    r#"<circle class="due" cx="{:.1}" cy="{:.1}" r="6" fill="{colour}"/><text class="due-date" x="{:.1}" y="{:.1}" fill="{colour}">{due}</text>"#,
                    x(due),
                    y + 17.0,
                    x(due) + 9.0,
                    y + 21.0
                );
            }
            _ => {
                let _ = write!(
                    svg,
                    r##"<text x="{:.1}" y="{:.1}" fill="#757575">无到期日：{}</text>"##,
                    LEFT + 6.0,
                    y + 21.0,
                    esc(&r.why_null)
                );
            }
        }
    }
    // Discharge and today.
    for (date, label, colour, class) in [
        (discharge, "退役", "#37474f", "discharge"),
        (today, "今天", "#d32f2f", "today"),
    ] {
        if let Some(d) = date.filter(|d| *d >= from && *d <= to) {
            let _ = write!(
                svg,
                r#"<g class="{class}"><line x1="{x:.1}" y1="{y0}" x2="{x:.1}" y2="{y1:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="6 3"/><text x="{tx:.1}" y="{ty:.1}" fill="{colour}" font-weight="bold">{label} {d}</text></g>"#,
                x = x(d),
                y0 = TOP - 8.0,
                y1 = height - 22.0,
                tx = x(d) + 4.0,
                ty = height - 8.0,
            );
        }
    }
    svg.push_str("</svg>");
    let legend = format!(
        "<p class=\"legend\"><span class=\"sw weekend\"></span>休息日（{rest_days} 天，其中法定节假日 {holidays} 天） \
         <span class=\"sw today\"></span>今天 <span class=\"sw discharge\"></span>退役 · 每个事项从起算日画到到期日（民法典期间、工作日按国务院节假日通知）。</p>"
    );
    page(plan, &(svg + &legend), &rows, "")
}

fn page(plan: &Value, chart: &str, rows: &[Row], note: &str) -> String {
    let mut table = String::from(
        "<table><thead><tr><th>序号</th><th>事项</th><th>部门</th><th>起算日</th><th>到期日</th><th>状态</th></tr></thead><tbody>",
    );
    for r in rows {
        let (label, _) = status_zh(&r.status);
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
            r.no,
            esc(&r.name),
            esc(&r.department),
            r.start.map(|d| d.to_string()).unwrap_or_default(),
            r.due
                .map(|d| d.to_string())
                .unwrap_or_else(|| esc(&r.why_null)),
            if r.provisional { "（暂定）" } else { "" },
            label
        );
    }
    table.push_str("</tbody></table>");
    let mut warnings = String::new();
    for w in plan
        .get("warnings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(m) = w.get("message").and_then(Value::as_str) {
            let _ = write!(warnings, "<li>{}</li>", esc(m));
        }
    }
    if !warnings.is_empty() {
        warnings = format!("<h2>提醒</h2><ul class=\"warnings\">{warnings}</ul>");
    }
    let today = plan.get("today").and_then(Value::as_str).unwrap_or("—");
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>军人退役“一件事”办理时间线</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 24px; color: #212121; }}
h1 {{ font-size: 20px; }} h2 {{ font-size: 16px; }}
table {{ border-collapse: collapse; margin-top: 12px; }} td, th {{ border: 1px solid #bdbdbd; padding: 4px 8px; font-size: 13px; }}
.legend {{ font-size: 12px; color: #616161; }} .sw {{ display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin: 0 4px 0 12px; }}
.sw.weekend {{ background: #eeeeee; }} .sw.today {{ background: #d32f2f; }} .sw.discharge {{ background: #37474f; }}
@page {{ size: A4 landscape; margin: 12mm; }}
@media print {{ body {{ margin: 0; }} }}
</style>
</head>
<body>
<h1>军人退役“一件事”办理时间线</h1>
<p>今天：{today} · 由 tuiyi {version} 按晋退役军人发〔2024〕17号及国务院节假日通知计算。{note}</p>
{chart}
{table}
{warnings}
</body>
</html>
"#,
        today = esc(today),
        version = env!("CARGO_PKG_VERSION"),
        note = esc(note),
    )
}
