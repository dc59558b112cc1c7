//! Structural check of a form against its schema: every wrong type, unknown field, unknown enum value,
//! missing required field and malformed date becomes a finding (not just the first serde error).
//!
//! The schema generated from [`super::model`] is compiled once into a small tree ([`Node`]) that borrows
//! its strings from the `'static` schema; walking a valid form allocates nothing but the path buffer.

use std::sync::OnceLock;

use serde_json::Value;

use super::{codes as c, Finding};
use crate::date::{is_full_width, parse_date, to_half_width, DateError};
use crate::error::escape_pointer_token;
use crate::json::{Doc, Obj as DocObj};
use crate::mask::truncate_for_message;

#[derive(Debug)]
pub(crate) enum Node {
    Obj(Obj),
    Arr(Box<Node>),
    Str,
    Date,
    YearMonth,
    Int {
        min: i64,
        max: i64,
    },
    Num,
    /// (values in list order, for messages; their `crate::json::tag`s, for lookup)
    Enum(Vec<&'static str>, Vec<u64>),
}

#[derive(Debug)]
pub(crate) struct Obj {
    /// (key, title, node, required), sorted by key
    pub fields: Vec<(&'static str, &'static str, Node, bool)>,
    /// How many fields are required.
    pub n_required: usize,
    /// `crate::json::tag` of each field's key, in the order of `fields`.
    pub tags: Vec<u64>,
}

static TREE: OnceLock<Node> = OnceLock::new();

pub(crate) fn tree() -> &'static Node {
    TREE.get_or_init(|| {
        let root = super::schema::form_schema();
        compile(root, root)
    })
}

fn resolve<'a>(root: &'a Value, s: &'a Value) -> (&'a Value, Option<&'a str>) {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or("");
            let target = root
                .get("$defs")
                .and_then(|d| d.get(name))
                .unwrap_or(&Value::Null);
            (target, Some(name))
        }
        None => (s, None),
    }
}

fn compile(root: &'static Value, s: &'static Value) -> Node {
    let (s, name) = resolve(root, s);
    match name {
        Some("Date") => return Node::Date,
        Some("YearMonth") => return Node::YearMonth,
        _ => {}
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        let values: Vec<&str> = e.iter().filter_map(Value::as_str).collect();
        let tags = values.iter().map(|v| crate::json::tag(v)).collect();
        return Node::Enum(values, tags);
    }
    match s.get("type").and_then(Value::as_str) {
        Some("object") => {
            let required: Vec<&str> = s
                .get("required")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut fields = Vec::new();
            if let Some(props) = s.get("properties").and_then(Value::as_object) {
                for (k, p) in props {
                    let title = p.get("title").and_then(Value::as_str).unwrap_or(k.as_str());
                    fields.push((
                        k.as_str(),
                        title,
                        compile(root, p),
                        required.contains(&k.as_str()),
                    ));
                }
            }
            fields.sort_by(|a, b| a.0.cmp(b.0));
            let n_required = fields.iter().filter(|f| f.3).count();
            let tags = fields.iter().map(|f| crate::json::tag(f.0)).collect();
            Node::Obj(Obj {
                fields,
                n_required,
                tags,
            })
        }
        Some("array") => Node::Arr(Box::new(compile(
            root,
            s.get("items").unwrap_or(&Value::Null),
        ))),
        Some("integer") => Node::Int {
            min: s.get("minimum").and_then(Value::as_i64).unwrap_or(i64::MIN),
            max: s.get("maximum").and_then(Value::as_i64).unwrap_or(i64::MAX),
        },
        Some("number") => Node::Num,
        _ => {
            if s.get("format").and_then(Value::as_str) == Some("date") {
                Node::Date
            } else {
                Node::Str
            }
        }
    }
}

fn kind_of(v: &Doc) -> (&'static str, &'static str) {
    match v {
        Doc::Null => ("空值 null", "null"),
        Doc::Bool(_) => ("布尔值", "a boolean"),
        Doc::Number(n) if n.is_f64() => ("小数", "a decimal number"),
        Doc::Number(_) => ("整数", "an integer"),
        Doc::String(_) => ("字符串", "a string"),
        Doc::Array(_) => ("数组", "an array"),
        Doc::Object(_) => ("对象", "an object"),
    }
}

fn expected_of(n: &Node) -> (&'static str, &'static str) {
    match n {
        Node::Obj(_) => ("对象", "an object"),
        Node::Arr(_) => ("数组", "an array"),
        Node::Str | Node::Enum(..) => ("字符串", "a string"),
        Node::Date => ("日期字符串（YYYY-MM-DD）", "a date string YYYY-MM-DD"),
        Node::YearMonth => ("年月字符串（YYYY-MM）", "a year-month string YYYY-MM"),
        Node::Int { .. } => ("整数", "an integer"),
        Node::Num => ("数字", "a number"),
    }
}

/// Is a string "not filled in" (empty or only whitespace)?
pub(crate) fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        // Fast path: starts with a visible ASCII character.
        Some(b) if b.is_ascii_graphic() => false,
        // Stops at the first character that is not whitespace (`trim` would scan from both ends).
        Some(_) => s.chars().all(char::is_whitespace),
    }
}

/// `s.trim()`, answered without the pattern machinery when neither end is whitespace (almost every value).
pub(crate) fn trimmed(s: &str) -> &str {
    let mut chars = s.chars();
    let ends_clean = match (chars.next(), chars.next_back()) {
        (Some(a), Some(b)) => !a.is_whitespace() && !b.is_whitespace(),
        (Some(a), None) => !a.is_whitespace(),
        (None, _) => true,
    };
    if ends_clean {
        s
    } else {
        s.trim()
    }
}

fn push_key(path: &mut String, key: &str) {
    path.push('/');
    // Schema keys are lowercase snake_case: pushed as they are; anything else is masked and escaped.
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        path.push_str(key);
    } else {
        path.push_str(&escape_pointer_token(&crate::input::path_key(key)));
    }
}

pub(crate) fn walk(
    node: &Node,
    v: &Doc,
    title: &str,
    key: &str,
    path: &mut String,
    out: &mut Vec<Finding>,
) {
    let wrong = |out: &mut Vec<Finding>, path: &str| {
        let (ezh, een) = expected_of(node);
        let (gzh, gen) = kind_of(v);
        out.push(Finding::new(
            &c::WRONG_TYPE,
            path,
            &[
                ("field", title),
                ("key", key),
                ("expected_zh", ezh),
                ("expected", een),
                ("got_zh", gzh),
                ("got", gen),
            ],
        ));
    };
    match node {
        Node::Obj(o) => {
            let Doc::Object(m) = v else {
                return wrong(out, path);
            };
            walk_obj(o, m, path, out);
        }
        Node::Arr(item) => {
            let Doc::Array(a) = v else {
                return wrong(out, path);
            };
            let len = path.len();
            for (i, x) in a.iter().enumerate() {
                path.push('/');
                path.push_str(itoa(i, &mut [0u8; 20]));
                walk(item, x, title, key, path, out);
                path.truncate(len);
            }
        }
        Node::Str => {
            if !v.is_string() {
                wrong(out, path)
            }
        }
        Node::Enum(values, tags) => {
            let Doc::String(s) = v else {
                return wrong(out, path);
            };
            let t = crate::json::tag(s);
            let known = tags
                .iter()
                .zip(values)
                .any(|(vt, value)| *vt == t && crate::json::same_tail(value, s));
            if !known {
                let shown = truncate_for_message(s);
                let expected = values.join("、");
                out.push(Finding::new(
                    &c::UNKNOWN_VALUE,
                    path.as_str(),
                    &[
                        ("field", title),
                        ("key", key),
                        ("value", &shown),
                        ("expected", &expected),
                    ],
                ));
            }
        }
        Node::Date => {
            let Doc::String(s) = v else {
                return wrong(out, path);
            };
            if let Err(e) = parse_date(s) {
                let shown = truncate_for_message(s);
                let (info, half) = match &e {
                    DateError::FullWidth(h) => (&c::DATE_FULL_WIDTH, h.clone()),
                    DateError::Format => (&c::DATE_FORMAT, String::new()),
                    DateError::NoSuchDay => (&c::DATE_NO_SUCH_DAY, String::new()),
                };
                out.push(Finding::new(
                    info,
                    path.as_str(),
                    &[
                        ("field", title),
                        ("key", key),
                        ("value", &shown),
                        ("half", &half),
                    ],
                ));
            }
        }
        Node::YearMonth => {
            let Doc::String(s) = v else {
                return wrong(out, path);
            };
            let b = s.as_bytes();
            let ok = b.len() == 7
                && b[4] == b'-'
                && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
                && matches!((b[5] - b'0') * 10 + (b[6] - b'0'), 1..=12);
            if !ok {
                let shown = truncate_for_message(s);
                let half = if s.chars().any(is_full_width) {
                    to_half_width(s).into_owned()
                } else {
                    String::new()
                };
                out.push(Finding::new(
                    &c::YEAR_MONTH_FORMAT,
                    path.as_str(),
                    &[
                        ("field", title),
                        ("key", key),
                        ("value", &shown),
                        ("half", &half),
                    ],
                ));
            }
        }
        Node::Int { min, max } => {
            let n = match v {
                Doc::Number(n) if n.is_i64() || n.is_u64() => n.as_i64().unwrap_or(i64::MAX),
                _ => return wrong(out, path),
            };
            if n < *min || n > *max {
                let (a, b, nn) = (min.to_string(), max.to_string(), n.to_string());
                out.push(Finding::new(
                    &c::OUT_OF_RANGE,
                    path.as_str(),
                    &[
                        ("field", title),
                        ("key", key),
                        ("value", &nn),
                        ("min", &a),
                        ("max", &b),
                    ],
                ));
            }
        }
        Node::Num => {
            if !v.is_number() {
                wrong(out, path)
            }
        }
    }
}

fn walk_obj(o: &Obj, m: &DocObj, path: &mut String, out: &mut Vec<Finding>) {
    let len = path.len();
    let mut present = 0;
    for (kt, k, v) in m.iter_tagged() {
        // Integer tags first (length and first seven bytes): no memcmp call per field.
        match o
            .tags
            .iter()
            .zip(&o.fields)
            .find(|(t, f)| **t == kt && crate::json::same_tail(f.0, k))
            .map(|(_, f)| f)
        {
            Some((key, title, node, required)) => {
                // A blank required field is reported once, as missing (below). A blank optional free-text
                // field means "not filled in"; a blank enum or date is an error like any other bad value
                // (the schema says the same).
                if *required {
                    if let Doc::String(s) = v {
                        if blank(s) {
                            continue;
                        }
                    }
                }
                if *required {
                    present += 1;
                }
                path.push('/');
                path.push_str(key);
                walk(node, v, title, key, path, out);
                path.truncate(len);
            }
            None => {
                push_key(path, k);
                let expected: Vec<&str> = o.fields.iter().map(|f| f.0).collect();
                let expected = expected.join(", ");
                out.push(Finding::new(
                    &c::UNKNOWN_FIELD,
                    path.as_str(),
                    &[("expected", &expected)],
                ));
                path.truncate(len);
            }
        }
    }
    if present == o.n_required {
        return;
    }
    for (key, title, _, required) in &o.fields {
        if !required {
            continue;
        }
        let missing = match m.get(key) {
            None => true,
            Some(Doc::String(s)) => blank(s),
            Some(_) => false,
        };
        if missing {
            push_key(path, key);
            out.push(Finding::new(
                &c::REQUIRED,
                path.as_str(),
                &[("field", title), ("key", key)],
            ));
            path.truncate(len);
        }
    }
}

fn itoa(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_and_blank_agree_with_std() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{3000}王\u{3000}",
            "王",
            "王 ",
            "\u{a0}",
            "a\tb",
            "\u{2003}x\u{85}",
            "1,2",
        ] {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
            assert_eq!(blank(s), s.trim().is_empty(), "{s:?}");
        }
    }
}
