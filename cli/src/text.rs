//! `--text`: readable Chinese views of the JSON outputs. They read the JSON the core returns (not its Rust
//! types), so the CLI stays a thin face; a key they do not know is simply not shown.

use std::fmt::Write;

use serde_json::Value;

/// Text for a terminal: control characters (other than line breaks and tabs), escape sequences and
/// invisible format characters are shown as `\u{…}` escapes, never sent raw.
pub fn sanitize(s: &str) -> String {
    if !s
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || tuiyi_core::mask::is_invisible(c))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if (c.is_control() && c != '\n' && c != '\t') || tuiyi_core::mask::is_invisible(c) {
            tuiyi_core::mask::push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text for a terminal: the characters serde_json writes raw although a terminal may act on them or
/// not show them — DEL, the C1 controls (U+0080–U+009F, where CSI U+009B starts an escape sequence),
/// invisible format characters (zero-width, bidirectional controls, BOM …) and U+2028/U+2029 — written as
/// `\uXXXX` escapes (a surrogate pair above U+FFFF). They can only be inside JSON strings, where the escape
/// means the same character: the JSON is unchanged for every reader.
pub fn json_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}')
            || tuiyi_core::mask::is_invisible(c)
    };
    if s.is_ascii() && !s.contains('\u{7f}') || !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The first of `keys` that is present and not null.
fn get<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| v.get(*k).filter(|x| !x.is_null()))
}

/// A scalar (or a short list) as plain text.
fn s(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(x)) => x.clone(),
        Some(Value::Bool(true)) => "是".into(),
        Some(Value::Bool(false)) => "否".into(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| s(Some(x)))
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join("、"),
        Some(obj @ Value::Object(o)) => {
            // Provenance {clause, law, quote} → "八(九)1 《…》第十三条"; a department {name, joint} → its name.
            if let Some(clause) = obj.get("clause").and_then(Value::as_str) {
                let law = s(obj.get("law"));
                return if law.is_empty() {
                    clause.to_string()
                } else {
                    format!("{clause} {law}")
                };
            }
            if let Some(name) = obj.get("name").and_then(Value::as_str) {
                return name.to_string();
            }
            o.values()
                .map(|x| s(Some(x)))
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("；")
        }
        Some(other) => other.to_string(),
    }
}

fn list<'a>(v: &'a Value, keys: &[&str]) -> &'a [Value] {
    get(v, keys)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Pad to a display width (CJK characters count as 2 columns).
fn pad(x: &str, width: usize) -> String {
    let w: usize = x
        .chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum();
    let mut out = x.to_string();
    out.push_str(&" ".repeat(width.saturating_sub(w)));
    out
}

fn findings(out: &mut String, title: &str, items: &[Value]) {
    for f in items {
        let path = s(get(f, &["path"]));
        let msg = s(get(f, &["message", "reason"]));
        let code = s(get(f, &["code"]));
        let rule = s(get(f, &["rule", "basis", "source"]));
        let _ = write!(out, "  {title} {msg}");
        if !path.is_empty() {
            let _ = write!(out, "  〔{path}〕");
        }
        if !code.is_empty() {
            let _ = write!(out, " [{code}]");
        }
        if !rule.is_empty() {
            let _ = write!(out, " 依据：{rule}");
        }
        out.push('\n');
    }
}

pub fn period(v: &Value) -> String {
    let raw = s(get(v, &["raw_end"]));
    let end = s(get(v, &["end"]));
    let mut out = if get(v, &["extended"]).and_then(Value::as_bool) == Some(true) {
        format!("期间届满日：{end}（原届满日 {raw} 为休息日，顺延至其后第一个工作日）")
    } else {
        format!("期间届满日：{end}")
    };
    if get(v, &["provisional"]).and_then(Value::as_bool) == Some(true) {
        out.push_str("（暂定：用到了未收录通知的年份，按法定节假日推算，未计调休）");
    }
    out
}

pub fn eligibility(v: &Value) -> String {
    let mut out = String::new();
    match get(v, &["eligible"]).and_then(Value::as_bool) {
        Some(true) => out.push_str("✓ 符合“一件事”申请条件\n"),
        Some(false) => out.push_str("✗ 不符合“一件事”申请条件：\n"),
        None => out.push_str("申请资格：\n"),
    }
    findings(
        &mut out,
        "✗",
        list(v, &["failures", "reasons", "errors", "findings"]),
    );
    findings(&mut out, "!", list(v, &["warnings", "notes"]));
    out
}

pub fn materials(v: &Value) -> String {
    let items = v
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| list(v, &["materials", "items"]));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} {}  理由",
        pad("编号", 4),
        pad("是否必需", 8),
        pad("材料", 34)
    );
    for m in items {
        let req = match get(m, &["required"]).and_then(Value::as_bool) {
            Some(true) => "必需",
            Some(false) => "不需要",
            None => "",
        };
        let _ = writeln!(
            out,
            "{} {} {}  {}",
            pad(&s(get(m, &["no"])), 4),
            pad(req, 8),
            pad(&s(get(m, &["name"])), 34),
            s(get(m, &["reason"]))
        );
    }
    let n = items
        .iter()
        .filter(|m| get(m, &["required"]).and_then(Value::as_bool) == Some(true))
        .count();
    let _ = writeln!(out, "共 {} 项材料，其中需提交 {n} 项", items.len());
    out
}

fn status_zh(x: &str) -> String {
    match x {
        "pending" => "未到期".into(),
        "due_soon" => "即将到期".into(),
        "overdue" => "已逾期".into(),
        "done" => "已办结".into(),
        "not_applicable" => "不适用".into(),
        "unknown" => "无法判断".into(),
        "blocked" => "待前置事项".into(),
        "forfeited" => "视为放弃".into(),
        other => other.into(),
    }
}

pub fn plan(v: &Value) -> String {
    let mut out = String::new();
    if let Some(e) = get(v, &["eligibility"]) {
        out.push_str(&eligibility(e));
        out.push('\n');
    }
    let items = list(v, &["items"]);
    out.push_str("办理事项：\n");
    let _ = writeln!(
        out,
        "{} {} {} {} {} 牵头部门",
        pad("序号", 4),
        pad("事项", 34),
        pad("是否办理", 8),
        pad("办结期限", 10),
        pad("状态", 8)
    );
    let mut notes = Vec::new();
    // In the plan's `order` (each item after the ones it must follow), then the items not in it.
    let order: Vec<String> = list(v, &["order"]).iter().map(|n| s(Some(n))).collect();
    let rank = |it: &Value| {
        let no = s(get(it, &["no"]));
        order.iter().position(|o| *o == no).unwrap_or(order.len())
    };
    let mut items: Vec<&Value> = items.iter().collect();
    items.sort_by_key(|it| rank(it));
    for it in items {
        let applies = get(it, &["applies", "applicable"]).and_then(Value::as_bool);
        let due_v = get(it, &["due", "due_date", "deadline"]);
        // `due` is either a date or {"date", "reason_if_null": {"message"}, …}.
        let (due, due_why) = match due_v {
            Some(d @ Value::Object(_)) => (
                s(d.get("date")),
                s(d.get("reason_if_null").and_then(|r| r.get("message"))),
            ),
            other => (s(other), String::new()),
        };
        let due_shown = if due.is_empty() {
            if applies == Some(false) {
                "—".to_string()
            } else {
                "未定".to_string()
            }
        } else {
            due
        };
        let no = s(get(it, &["no"]));
        let _ = writeln!(
            out,
            "{} {} {} {} {} {}",
            pad(&no, 4),
            pad(&s(get(it, &["name"])), 34),
            pad(
                match applies {
                    Some(true) => "办理",
                    Some(false) => "不涉及",
                    None => "",
                },
                8
            ),
            pad(&due_shown, 10),
            pad(&status_zh(&s(get(it, &["status"]))), 8),
            s(get(it, &["department", "departments", "lead_department"]))
        );
        if applies != Some(false) && !due_why.is_empty() {
            notes.push(format!("  {no}. 期限未定：{due_why}"));
        }
        let after: Vec<String> = list(it, &["after"]).iter().map(|n| s(Some(n))).collect();
        if !after.is_empty() && s(get(it, &["status"])) != "done" {
            notes.push(format!("  {no}. 须先办结事项 {}", after.join("、")));
        }
        if applies == Some(false) {
            let why = s(get(it, &["reason_if_not", "reason"]));
            if !why.is_empty() {
                notes.push(format!("  {no}. 不涉及：{why}"));
            }
        }
        for f in list(it, &["flags", "warnings"]) {
            let m = s(get(f, &["message"]));
            notes.push(format!(
                "  {no}. ⚠ {}",
                if m.is_empty() { s(Some(f)) } else { m }
            ));
        }
    }
    if !notes.is_empty() {
        out.push_str("说明：\n");
        for n in notes {
            out.push_str(&n);
            out.push('\n');
        }
    }
    if let Some(late) = get(v, &["late_report"]) {
        let why = s(get(late, &["reason"]));
        if get(late, &["flag"]).and_then(Value::as_bool) == Some(true) {
            let _ = writeln!(out, "⚠ 逾期报到：{why}");
        } else if !why.is_empty() {
            let _ = writeln!(out, "报到：{why}");
        }
    }
    for f in list(v, &["flags", "warnings"]) {
        let m = s(get(f, &["message"]));
        let _ = writeln!(out, "⚠ {}", if m.is_empty() { s(Some(f)) } else { m });
    }
    if let Some(m) = get(v, &["materials"]) {
        out.push_str("\n所需材料：\n");
        out.push_str(&materials(m));
    }
    out
}

pub fn report(v: &Value) -> String {
    let errors = list(v, &["errors"]);
    let warnings = list(v, &["warnings"]);
    let mut out = String::new();
    if get(v, &["valid"]).and_then(Value::as_bool) == Some(true) {
        let _ = writeln!(out, "✓ 登记表有效（{} 个警告）", warnings.len());
    } else {
        let _ = writeln!(
            out,
            "✗ 登记表无效：{} 个错误，{} 个警告",
            errors.len(),
            warnings.len()
        );
    }
    findings(&mut out, "错误", errors);
    findings(&mut out, "警告", warnings);
    out
}

/// Whether a pre-review rejects: a top-level `passed`/`pass`/`accepted` false, or any department's.
pub fn prereview_rejected(v: &Value) -> bool {
    fn rejects(x: &Value) -> bool {
        if let Some(b) = get(x, &["passed", "pass", "accepted", "ok"]).and_then(Value::as_bool) {
            return !b;
        }
        if get(x, &["rejected"]).and_then(Value::as_bool) == Some(true) {
            return true;
        }
        matches!(
            get(x, &["result", "status", "decision"]).and_then(Value::as_str),
            Some("reject" | "rejected" | "fail" | "failed")
        )
    }
    if rejects(v) {
        return true;
    }
    let deps = v
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| list(v, &["departments", "results"]));
    deps.iter().any(rejects)
}

pub fn prereview(v: &Value) -> String {
    let mut out = String::new();
    let deps = v
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| list(v, &["departments", "results"]));
    if deps.is_empty() {
        return generic(v);
    }
    for d in deps {
        let name = s(get(d, &["name", "department", "dept"]));
        let mark = if prereview_rejected(d) {
            "✗ 退回"
        } else {
            "✓ 通过"
        };
        let _ = writeln!(out, "{name}：{mark}");
        for r in list(d, &["reasons", "findings", "messages"]) {
            let m = s(get(r, &["sms", "message", "reason"]));
            let _ = writeln!(out, "  - {}", if m.is_empty() { s(Some(r)) } else { m });
        }
        let sms = s(get(d, &["sms"]));
        if !sms.is_empty() {
            let _ = writeln!(out, "  短信：{sms}");
        }
    }
    out
}

pub fn conflicts(v: &Value) -> String {
    let mut out = String::new();
    for (i, c) in v
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let _ = writeln!(
            out,
            "{}. {}",
            i + 1,
            s(get(c, &["title", "summary", "id", "code"]))
        );
        for r in list(c, &["readings"]) {
            let _ = writeln!(
                out,
                "   · {}：{}",
                s(get(r, &["clause"])),
                s(get(r, &["text"]))
            );
        }
        for (k, label) in [("followed", "采用"), ("why", "理由"), ("affects", "涉及")] {
            let x = s(get(c, &[k]));
            if !x.is_empty() {
                let _ = writeln!(out, "   {label}：{x}");
            }
        }
    }
    out
}

pub fn codes(v: &Value) -> String {
    let mut out = String::new();
    for c in v.as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let _ = writeln!(
            out,
            "{} [{} · {}]\n  中文：{}\n  English: {}",
            s(get(c, &["code"])),
            s(get(c, &["area"])),
            s(get(c, &["severity"])),
            s(get(c, &["template_zh"])),
            s(get(c, &["template_en"]))
        );
    }
    out
}

/// Any other output: indented JSON.
pub fn generic(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn report_lists_findings() {
        let v = json!({"valid": false, "errors": [{"code": "id_check_digit", "path": "/basic/id_number",
            "severity": "error", "message": "身份证号校验位错误", "message_en": "x", "rule": "GB 11643"}],
            "warnings": []});
        let t = report(&v);
        assert!(t.starts_with("✗ 登记表无效：1 个错误，0 个警告"), "{t}");
        assert!(
            t.contains("身份证号校验位错误")
                && t.contains("/basic/id_number")
                && t.contains("GB 11643")
        );
        assert!(report(&json!({"valid": true, "errors": [], "warnings": []})).starts_with("✓"));
    }

    #[test]
    fn materials_table_counts_required() {
        let v = json!([{"no": 1, "name": "退出现役证书", "required": true, "reason": "必交"},
                       {"no": 13, "name": "其他", "required": false, "reason": "不涉及"}]);
        let t = materials(&v);
        assert!(t.contains("退出现役证书") && t.contains("必需") && t.contains("不需要"));
        assert!(t.contains("共 2 项材料，其中需提交 1 项"), "{t}");
    }

    #[test]
    fn plan_shows_items_and_due_dates() {
        let v = json!({"eligibility": {"eligible": true, "failures": []},
            "items": [{"no": 1, "name": "退役报到", "applies": true, "status": "overdue",
                       "due": {"date": "2024-10-08", "rule": {"clause": "八(九)1", "quote": "…"}},
                       "department": {"id": "va", "name": "退役军人事务局", "joint": "省退役军人事务厅"}},
                      {"no": 2, "name": "一次性经济补助金的给付", "applies": true,
                       "due": {"date": null, "reason_if_null": {"code": "start_event_missing", "message": "未给出返乡日期"}},
                       "department": {"name": "退役军人事务局"}},
                      {"no": 3, "name": "户口登记", "applies": false, "reason_if_not": "入伍时未注销户口",
                       "due": {"date": null}, "department": {"name": "公安机关"}}],
            "late_report": {"flag": false, "reason": "按期报到"}});
        let t = plan(&v);
        assert!(t.contains("✓ 符合"), "{t}");
        assert!(t.contains("退役报到") && t.contains("2024-10-08") && t.contains("已逾期"));
        assert!(t.contains("退役军人事务局") && t.contains("不涉及"));
        assert!(t.contains("2. 期限未定：未给出返乡日期"), "{t}");
        assert!(t.contains("3. 不涉及：入伍时未注销户口"), "{t}");
        assert!(t.contains("报到：按期报到"), "{t}");
        assert!(
            !t.contains("省退役军人事务厅"),
            "the lead department only: {t}"
        );
    }

    #[test]
    fn plan_lists_items_in_their_order_with_what_comes_first() {
        let v = json!({
            "items": [{"no": 1, "name": "退役报到", "applies": true, "status": "blocked", "after": [9],
                       "due": {"date": "2024-10-08"}, "department": {"name": "退役军人事务部门"}},
                      {"no": 9, "name": "退役军人预备役登记", "applies": true, "status": "pending",
                       "due": {"date": "2024-10-11"}, "department": {"name": "兵役机关"}}],
            "order": [9, 1]});
        let t = plan(&v);
        let (nine, one) = (t.find("退役军人预备役登记"), t.find("退役报到"));
        assert!(nine.is_some() && one.is_some() && nine < one, "{t}");
        assert!(
            t.contains("待前置事项") && t.contains("1. 须先办结事项 9"),
            "{t}"
        );
    }

    #[test]
    fn prereview_rejection_is_found_anywhere() {
        assert!(prereview_rejected(&json!({"passed": false})));
        assert!(prereview_rejected(
            &json!({"departments": [{"department": "公安", "passed": true}, {"department": "医保", "passed": false}]})
        ));
        assert!(!prereview_rejected(
            &json!({"departments": [{"passed": true}]})
        ));
        assert!(prereview_rejected(&json!([{"status": "rejected"}])));
    }

    #[test]
    fn json_safe_escapes_what_a_terminal_acts_on() {
        assert!(matches!(
            json_safe("{\"a\":\"王\"}"),
            std::borrow::Cow::Borrowed(_)
        ));
        let raw = serde_json::to_string(
            &json!({"name": "王\u{200b}晓\u{1b}[31m\u{9b}2J\u{202e}\u{e0001}"}),
        )
        .unwrap();
        let safe = json_safe(&raw);
        assert!(
            !safe
                .chars()
                .any(|c| c.is_control() || tuiyi_core::mask::is_invisible(c)),
            "{safe}"
        );
        // The same JSON for every reader.
        let a: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let b: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(a, b);
        assert!(
            safe.contains("\\u200b") && safe.contains("\\udb40\\udc01"),
            "{safe}"
        );
    }

    #[test]
    fn pad_counts_cjk_as_two_columns() {
        assert_eq!(pad("退役", 6), "退役  ");
        assert_eq!(pad("ab", 1), "ab");
    }
}
