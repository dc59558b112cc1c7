//! The input limits every face enforces, and their codes (area `input`).
//!
//! A JSON text is checked while it is parsed ([`crate::parse`]); a host object (a Python dict, a JS object)
//! while a face reads it (the budget sink of `tuiyi-host`); a `serde_json::Value` handed to the Rust API by
//! [`check`]. The same limit gives the same code and the same JSON Pointer whichever way the input came.
//! Numbers: docs/limits.md.

use crate::code_info::{code, CodeInfo, Severity::Error as E};
use crate::error::Error;

/// Maximum size of a JSON text (bytes), or of the JSON a host object would print as.
pub const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;
/// Maximum nesting depth of arrays/objects in any input (the top-level value is at depth 1).
pub const MAX_DEPTH: usize = 64;
/// Longest string accepted anywhere in an input (characters). The longest field of 附件2 (an address or
/// 具体残疾情况) needs far less; 1000 leaves room without letting a document carry megabytes in one field.
pub const MAX_STRING_CHARS: usize = 1000;
/// Longest list accepted anywhere (family members, commendations, awards, punishments, submitted materials…).
pub const MAX_LIST_ITEMS: usize = 200;
/// Most keys accepted in one object (the widest section of the form has about 30 fields).
pub const MAX_OBJECT_KEYS: usize = 200;
/// Most values (of any kind, containers included) in one input. The largest real form — 200 family
/// members of 10 fields — has about 2,500; the budget keeps the parsed tree of any accepted input within
/// a few MB.
pub const MAX_VALUES: usize = 100_000;
/// Most findings one form report lists (`form_too_many_findings` says when there were more): a wholly wrong
/// real form has a few hundred; 100,000 wrong values would make a report of ~40 MB.
pub const MAX_FINDINGS: usize = 1000;

pub const TOO_LARGE: CodeInfo = code(
    "input_too_large",
    "input",
    E,
    "输入过大：{size} 字节，上限 {limit_text}",
    "input too large: {size} bytes, limit {limit_text_en}",
    "docs/limits.md",
);
pub const TOO_DEEP: CodeInfo = code(
    "input_too_deep",
    "input",
    E,
    "输入嵌套层数超过上限 {limit}（位置 {path}）",
    "input nested deeper than the limit of {limit} (at {path})",
    "docs/limits.md",
);
pub const STRING_TOO_LONG: CodeInfo = code(
    "input_string_too_long",
    "input",
    E,
    "字段 {path} 过长：超过 {limit} 个字符",
    "{path}: string longer than {limit} characters",
    "docs/limits.md",
);
pub const LIST_TOO_LONG: CodeInfo = code(
    "input_list_too_long",
    "input",
    E,
    "列表 {path} 过长：超过 {limit} 项",
    "{path}: list longer than {limit} items",
    "docs/limits.md",
);
pub const TOO_MANY_KEYS: CodeInfo = code(
    "input_too_many_keys",
    "input",
    E,
    "对象 {path} 的字段过多：超过 {limit} 个",
    "{path}: object with more than {limit} keys",
    "docs/limits.md",
);
pub const TOO_MANY_VALUES: CodeInfo = code(
    "input_too_many_values",
    "input",
    E,
    "输入包含的值过多：超过 {limit} 个（位置 {path}）",
    "input holds more than {limit} values (at {path})",
    "docs/limits.md",
);
pub const LONE_SURROGATE: CodeInfo = code(
    "input_lone_surrogate",
    "input",
    E,
    "字段 {path} 含孤立的代理字符（U+D800–U+DFFF），不是有效的 Unicode 文本",
    "{path}: string contains a lone surrogate (U+D800–U+DFFF), not valid Unicode text",
    "RFC 8259 第8.2节",
);
pub const JSON_SYNTAX: CodeInfo = code(
    "json_syntax",
    "input",
    E,
    "输入不是合法的 JSON：第 {line} 行第 {column} 列",
    "input is not valid JSON: line {line}, column {column}",
    "RFC 8259",
);

pub const NOT_UTF8: CodeInfo = code(
    "json_not_utf8",
    "input",
    E,
    "输入的 JSON 文本不是 UTF-8 编码（第 {offset} 字节之后无效），请以 UTF-8 发送，不要用 GBK 或 GB 18030",
    "the JSON text is not UTF-8 (invalid after byte {offset}); send it as UTF-8, not GBK or GB 18030",
    "RFC 8259 第8.1节",
);

/// The `input` limit codes.
pub const CODES: &[CodeInfo] = &[
    TOO_LARGE,
    TOO_DEEP,
    STRING_TOO_LONG,
    LIST_TOO_LONG,
    TOO_MANY_KEYS,
    TOO_MANY_VALUES,
    LONE_SURROGATE,
    JSON_SYNTAX,
    NOT_UTF8,
];

/// `input_too_large` for a text of `size` bytes (or a host value estimated at that).
pub fn too_large(size: usize) -> Error {
    too_large_text(&size.to_string())
}

/// `input_too_large` with the size as text (e.g. `>4194304` when the reading stopped at the limit).
pub fn too_large_text(size: &str) -> Error {
    Error::bad_input_code(
        &TOO_LARGE,
        "",
        &[
            ("size", size),
            ("limit_text", "4 MiB（4,194,304 字节）"),
            ("limit_text_en", "4 MiB (4,194,304 bytes)"),
        ],
    )
}

/// `json_syntax` at a line and column (1-based).
pub fn syntax(line: usize, column: usize) -> Error {
    Error::bad_input_code(
        &JSON_SYNTAX,
        "",
        &[("line", &line.to_string()), ("column", &column.to_string())],
    )
}

/// `json_not_utf8` at `path`: the bytes are valid up to `offset` (as the CLI's `input_not_utf8` counts).
pub fn not_utf8(offset: usize, path: &str) -> Error {
    Error::bad_input_code(&NOT_UTF8, path, &[("offset", &offset.to_string())])
}

/// The error for a breach of `code`'s limit at `path`.
pub fn breach(code: &'static CodeInfo, path: &str) -> Error {
    // Constants have no fixed address: compare codes.
    let limit = match code.code {
        c if c == TOO_DEEP.code => MAX_DEPTH,
        c if c == STRING_TOO_LONG.code => MAX_STRING_CHARS,
        c if c == LIST_TOO_LONG.code => MAX_LIST_ITEMS,
        c if c == TOO_MANY_KEYS.code => MAX_OBJECT_KEYS,
        c if c == TOO_MANY_VALUES.code => MAX_VALUES,
        _ => 0,
    };
    let shown = if path.is_empty() { "/" } else { path };
    Error::bad_input_code(
        code,
        path,
        &[("limit", &limit.to_string()), ("path", shown)],
    )
}
