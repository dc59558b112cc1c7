//! Strict reading of typed inputs (situation, applicant, application, calendar arguments…) from JSON.
//!
//! Every typed input struct uses `#[serde(deny_unknown_fields)]`; this module turns serde's first error
//! into an [`Error`] with a stable code, a JSON Pointer path and a Chinese message naming the field.
//! (The registration form is *not* read this way: its validator walks the JSON itself so that it can
//! report every problem, not the first.)

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{escape_pointer_token, Error, Result};
use crate::json::Doc;
use crate::mask::truncate_for_message;

/// Maximum size of a JSON text accepted by [`from_json_str`] (bytes).
pub const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;
/// Maximum nesting depth of arrays/objects in any input.
pub const MAX_DEPTH: usize = 64;

/// Deserialize `T` from a JSON value, strictly.
pub fn from_value<T: DeserializeOwned>(v: &Value) -> Result<T> {
    check_depth(v, MAX_DEPTH)?;
    serde_path_to_error::deserialize(v).map_err(convert)
}

/// Parse a JSON text (size- and depth-limited) into a [`Value`].
pub fn parse_json(text: &str) -> Result<Value> {
    let v: Value = parse_text(text)?;
    check_depth(&v, MAX_DEPTH)?;
    Ok(v)
}

/// Parse a JSON text (size- and depth-limited, every limit of this module checked) into a [`Doc`] that
/// borrows its strings from `text`: the form validator's fast path (no `Value` tree built).
pub fn parse_doc(text: &str) -> Result<Doc<'_>> {
    let d: Doc = parse_text(text)?;
    check_doc(&d, MAX_DEPTH)?;
    Ok(d)
}

pub(crate) fn parse_text<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<T> {
    if text.len() > MAX_JSON_BYTES {
        return Err(err(
            "input_too_large",
            "",
            &[
                ("size", &text.len().to_string()),
                ("limit", &MAX_JSON_BYTES.to_string()),
            ],
        ));
    }
    // serde_json itself refuses nesting deeper than 128 ("recursion limit exceeded").
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            err("input_too_deep", "", &[("limit", &MAX_DEPTH.to_string())])
        } else {
            err(
                "json_syntax",
                "",
                &[
                    ("line", &e.line().to_string()),
                    ("column", &e.column().to_string()),
                ],
            )
        }
    })
}

/// Parse a JSON text straight into `T`.
pub fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    from_value(&parse_json(text)?)
}

/// Longest string accepted anywhere in an input (characters). The longest field of 附件2 (an address or
/// 具体残疾情况) needs far less; 1000 leaves room without letting a document carry megabytes in one field.
pub const MAX_STRING_CHARS: usize = 1000;
/// Longest list accepted anywhere (family members, commendations, awards, punishments, submitted materials…).
pub const MAX_LIST_ITEMS: usize = 200;
/// Most keys accepted in one object (the widest section of the form has about 30 fields).
pub const MAX_OBJECT_KEYS: usize = 200;

#[derive(Clone, Copy)]
enum Breach {
    Depth,
    String,
    List,
    Keys,
}

/// What the limit check sees of a JSON tree, so that one check serves `serde_json::Value` and [`Doc`]
/// without converting one into the other.
trait Tree: Sized {
    fn shape(&self) -> Shape<'_>;
    /// Push the children (array items, object values), one level deeper than `depth`.
    fn push_children<'a>(&'a self, depth: usize, stack: &mut Vec<(&'a Self, usize)>);
    /// The children with their JSON Pointer tokens: items by index, object entries in key order.
    fn named_children(&self) -> Vec<(String, &Self)>;
}

enum Shape<'a> {
    Str(&'a str),
    Arr(usize),
    Obj(usize),
    Scalar,
}

/// An object key as a JSON Pointer token in an error path (masked, cut, escaped).
fn key_token(k: &str) -> String {
    escape_pointer_token(&path_key(k))
}

impl Tree for Value {
    fn shape(&self) -> Shape<'_> {
        match self {
            Value::String(s) => Shape::Str(s),
            Value::Array(a) => Shape::Arr(a.len()),
            Value::Object(o) => Shape::Obj(o.len()),
            _ => Shape::Scalar,
        }
    }
    fn push_children<'a>(&'a self, depth: usize, stack: &mut Vec<(&'a Self, usize)>) {
        match self {
            Value::Array(a) => stack.extend(a.iter().map(|c| (c, depth + 1))),
            Value::Object(o) => stack.extend(o.values().map(|c| (c, depth + 1))),
            _ => {}
        }
    }
    fn named_children(&self) -> Vec<(String, &Self)> {
        match self {
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, c)| (i.to_string(), c))
                .collect(),
            // A `Map` iterates in key order.
            Value::Object(o) => o.iter().map(|(k, c)| (key_token(k), c)).collect(),
            _ => Vec::new(),
        }
    }
}

impl Tree for Doc<'_> {
    fn shape(&self) -> Shape<'_> {
        match self {
            Doc::String(s) => Shape::Str(s),
            Doc::Array(a) => Shape::Arr(a.len()),
            Doc::Object(o) => Shape::Obj(o.len()),
            _ => Shape::Scalar,
        }
    }
    fn push_children<'a>(&'a self, depth: usize, stack: &mut Vec<(&'a Self, usize)>) {
        match self {
            Doc::Array(a) => stack.extend(a.iter().map(|c| (c, depth + 1))),
            Doc::Object(o) => stack.extend(o.values().map(|c| (c, depth + 1))),
            _ => {}
        }
    }
    fn named_children(&self) -> Vec<(String, &Self)> {
        match self {
            Doc::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, c)| (i.to_string(), c))
                .collect(),
            // In key order, whatever the object's own order: the breach named is the same for a document
            // given as text or as a `Value`.
            Doc::Object(o) => {
                let mut kids: Vec<(&str, &Doc)> = o.iter().collect();
                kids.sort_unstable_by(|a, b| a.0.cmp(b.0));
                kids.into_iter().map(|(k, c)| (key_token(k), c)).collect()
            }
            _ => Vec::new(),
        }
    }
}

fn breach_of(v: &impl Tree, depth: usize, max_depth: usize) -> Option<Breach> {
    match v.shape() {
        Shape::Str(s) if s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS => {
            Some(Breach::String)
        }
        Shape::Arr(_) | Shape::Obj(_) if depth > max_depth => Some(Breach::Depth),
        Shape::Arr(n) if n > MAX_LIST_ITEMS => Some(Breach::List),
        Shape::Obj(n) if n > MAX_OBJECT_KEYS => Some(Breach::Keys),
        _ => None,
    }
}

/// Refuse values nested deeper than `max`, strings longer than [`MAX_STRING_CHARS`], lists longer than
/// [`MAX_LIST_ITEMS`] and objects with more than [`MAX_OBJECT_KEYS`] keys — each a coded error with the
/// JSON Pointer of the offending value. Iterative (a hostile document cannot overflow the stack) and
/// allocation-free on the happy path but for one stack: the path is only built, by a second walk, when
/// there is a breach.
pub fn check_depth(v: &Value, max: usize) -> Result<()> {
    check_tree(v, 1, "", max)
}

/// [`check_depth`] over a [`Doc`].
pub fn check_doc(v: &Doc, max: usize) -> Result<()> {
    check_tree(v, 1, "", max)
}

/// [`check_doc`] for a document that sits at nesting level `depth` of a larger input (1 = the top), e.g. a
/// form given as its own text that stands for `input.form` (depth 2, `at` = "/form"): the limits, and the
/// paths in errors and their messages, are those of the whole input.
pub fn check_doc_nested(v: &Doc, depth: usize, at: &str, max: usize) -> Result<()> {
    check_tree(v, depth, at, max)
}

fn check_tree<T: Tree>(v: &T, depth: usize, at: &str, max: usize) -> Result<()> {
    let mut stack: Vec<(&T, usize)> = Vec::with_capacity(32);
    stack.push((v, depth));
    let mut found = None;
    while let Some((v, d)) = stack.pop() {
        if let Some(b) = breach_of(v, d, max) {
            found = Some(b);
            break;
        }
        v.push_children(d, &mut stack);
    }
    let Some(_) = found else { return Ok(()) };
    // Second walk, with paths, to name the first breach (depth first, keys in order, items by index).
    let mut stack: Vec<(&T, usize, String)> = vec![(v, depth, at.to_string())];
    while let Some((v, d, path)) = stack.pop() {
        if let Some(b) = breach_of(v, d, max) {
            return Err(match b {
                Breach::Depth => err("input_too_deep", &path, &[("limit", &max.to_string())]),
                Breach::String => err(
                    "input_string_too_long",
                    &path,
                    &[("limit", &MAX_STRING_CHARS.to_string())],
                ),
                Breach::List => err(
                    "input_list_too_long",
                    &path,
                    &[("limit", &MAX_LIST_ITEMS.to_string())],
                ),
                Breach::Keys => err(
                    "input_too_many_keys",
                    &path,
                    &[("limit", &MAX_OBJECT_KEYS.to_string())],
                ),
            });
        }
        for (token, c) in v.named_children().into_iter().rev() {
            stack.push((c, d + 1, format!("{path}/{token}")));
        }
    }
    Err(err("input_too_deep", "", &[("limit", &max.to_string())]))
}

/// The JSON Pointer of a serde error's path; `token` writes each object key (escaped, and masked where the
/// keys are the caller's).
pub(crate) fn pointer(path: &serde_path_to_error::Path, token: fn(&str) -> String) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&token(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// A user-supplied object key as it appears in an error path: ID/card-like digit runs masked and very
/// long keys cut (so a path never leaks a number typed as a key, nor echoes megabytes). Keys the schema
/// knows are short ASCII words and come through unchanged.
pub fn path_key(key: &str) -> String {
    truncate_for_message(key)
}

/// Split serde's "`{value}`, expected {list}" (or "`{value}`, there are no fields"). The value is the
/// caller's text and may itself hold backticks or the word "expected" (a fuzzer found a key that did, and
/// the rest of it — digits included — reached the message unmasked); the list is made of our own static
/// names, so the last separator is the real one.
fn value_and_expected(rest: &str) -> (&str, &str) {
    let body = rest.strip_prefix('`').unwrap_or(rest);
    if let Some(i) = body.rfind("`, expected ") {
        return (&body[..i], &body[i + "`, expected ".len()..]);
    }
    if let Some(i) = body.rfind("`, there are no ") {
        return (&body[..i], "");
    }
    (body.strip_suffix('`').unwrap_or(body), "")
}

fn backticked(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

fn zh_type(expected: &str) -> String {
    let e = expected.trim();
    let map: &[(&str, &str)] = &[
        ("a date string", "日期字符串（YYYY-MM-DD）"),
        ("a string", "字符串"),
        ("a boolean", "布尔值 true/false"),
        ("a sequence", "数组"),
        ("u32", "非负整数"),
        ("u16", "非负整数"),
        ("u8", "非负整数"),
        ("u64", "非负整数"),
        ("i64", "整数"),
        ("i32", "整数"),
        ("f64", "数字"),
        ("struct", "对象"),
        ("map", "对象"),
    ];
    for (en, zh) in map {
        if e.starts_with(en) || e.contains(&format!("{en} ")) || e.ends_with(en) {
            return (*zh).to_string();
        }
    }
    e.to_string()
}

fn err(code: &'static str, path: &str, args: &[(&str, &str)]) -> Error {
    let info = CODES
        .iter()
        .find(|c| c.code == code)
        .copied()
        .unwrap_or(CODES[CODES.len() - 1]);
    let mut all: Vec<(&str, &str)> = vec![("path", path)];
    all.extend_from_slice(args);
    let (zh, en) = crate::codes::messages(&info, &all);
    Error::bad_input(info.code, path, zh, en)
}

/// Build an input error from the table (for other modules reading typed input).
pub fn input_error(code: &'static str, path: &str, args: &[(&str, &str)]) -> Error {
    err(code, path, args)
}

fn convert(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let mut path = pointer(e.path(), key_token);
    let inner = e.inner().to_string();
    // serde_json appends " at line X column Y" only for text input; strip it if present.
    let msg = match inner.rfind(" at line ") {
        Some(i) => inner[..i].to_string(),
        None => inner,
    };
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (name, expected) = value_and_expected(rest);
        let expected = expected.replace('`', "");
        let tail = format!("/{}", escape_pointer_token(&path_key(name)));
        if !path.ends_with(&tail) {
            path.push_str(&tail);
        }
        return err("unknown_field", &path, &[("expected", &expected)]);
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, expected) = value_and_expected(rest);
        let value = truncate_for_message(value);
        let expected = expected.replace('`', "");
        return err(
            "unknown_enum_value",
            &path,
            &[("value", &value), ("expected", &expected)],
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let name = backticked(rest).unwrap_or("?");
        path = format!("{path}/{}", escape_pointer_token(name));
        return err("missing_field", &path, &[]);
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        // The value comes first and is the caller's text: split at the last separator (what serde expects
        // is our own static description).
        let (got, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, "?"));
        let got = truncate_for_message(got);
        return err(
            "wrong_type",
            &path,
            &[
                ("expected", expected),
                ("expected_zh", &zh_type(expected)),
                ("got", &got),
            ],
        );
    }
    for code in ["date_full_width", "date_format", "date_no_such_day"] {
        if let Some(rest) = msg.strip_prefix(&format!("{code}: ")) {
            let mut parts = rest.split('\u{1f}').skip(1);
            let value = parts.next().unwrap_or("");
            let half = parts.next().unwrap_or("");
            return err(code, &path, &[("value", value), ("half", half)]);
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let detail = truncate_for_message(rest);
        return err("invalid_value", &path, &[("detail", &detail)]);
    }
    let detail = truncate_for_message(&msg);
    err("invalid_input", &path, &[("detail", &detail)])
}

use crate::codes::{code, CodeInfo, Severity::Error as E};

/// Input error codes (the `input` area of the catalogue). `{path}` is the JSON Pointer of the field.
pub const CODES: &[CodeInfo] = &[
    code(
        "input_too_large",
        "input",
        E,
        "输入过大：{size} 字节，上限 {limit} 字节",
        "input too large: {size} bytes, limit {limit}",
        "",
    ),
    code(
        "input_too_deep",
        "input",
        E,
        "输入嵌套层数超过上限 {limit}（位置 {path}）",
        "input nested deeper than the limit of {limit} (at {path})",
        "",
    ),
    code(
        "input_string_too_long",
        "input",
        E,
        "字段 {path} 过长：超过 {limit} 个字符",
        "{path}: string longer than {limit} characters",
        "",
    ),
    code(
        "input_list_too_long",
        "input",
        E,
        "列表 {path} 过长：超过 {limit} 项",
        "{path}: list longer than {limit} items",
        "",
    ),
    code(
        "input_too_many_keys",
        "input",
        E,
        "对象 {path} 的字段过多：超过 {limit} 个",
        "{path}: object with more than {limit} keys",
        "",
    ),
    code(
        "json_syntax",
        "input",
        E,
        "输入不是合法的 JSON：第 {line} 行第 {column} 列",
        "input is not valid JSON: line {line}, column {column}",
        "",
    ),
    code(
        "unknown_field",
        "input",
        E,
        "未知字段 {path}；允许的字段：{expected}",
        "unknown field {path}; expected {expected}",
        "",
    ),
    code(
        "unknown_enum_value",
        "input",
        E,
        "字段 {path} 的取值“{value}”无效；可选值：{expected}",
        "{path}: unknown value \"{value}\"; expected {expected}",
        "",
    ),
    code(
        "missing_field",
        "input",
        E,
        "缺少必填字段 {path}",
        "missing required field {path}",
        "",
    ),
    code(
        "wrong_type",
        "input",
        E,
        "字段 {path} 类型错误：应为{expected_zh}，实际为 {got}",
        "{path}: wrong type: expected {expected}, got {got}",
        "",
    ),
    code(
        "date_full_width",
        "input",
        E,
        "字段 {path}：日期“{value}”含全角字符，请改为半角：{half}",
        "{path}: date \"{value}\" contains full-width characters; write it half-width: {half}",
        "",
    ),
    code(
        "date_format",
        "input",
        E,
        "字段 {path}：日期“{value}”格式错误，应为 YYYY-MM-DD（如 2024-09-30）",
        "{path}: date \"{value}\" is malformed; expected YYYY-MM-DD (e.g. 2024-09-30)",
        "",
    ),
    code(
        "date_no_such_day",
        "input",
        E,
        "字段 {path}：日期“{value}”不存在",
        "{path}: date \"{value}\" does not exist",
        "",
    ),
    code(
        "invalid_value",
        "input",
        E,
        "字段 {path} 的取值无效：{detail}",
        "{path}: invalid value: {detail}",
        "",
    ),
    code(
        "invalid_input",
        "input",
        E,
        "字段 {path} 无效：{detail}",
        "{path}: invalid input: {detail}",
        "",
    ),
];
