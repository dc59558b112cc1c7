//! The structural reader: every input is read against a tree compiled from its schemars JSON Schema.
//!
//! One walker serves two purposes:
//! - **input** mode (an operation's arguments: dates, counts, the applicant, the situation, the
//!   application…): the first problem, keys in sorted order, becomes a coded [`Error`] with the JSON
//!   Pointer of the value — so serde only ever deserializes input that is known to be well-formed and no
//!   serde message is ever read;
//! - **form** mode (the registration form): every problem becomes a finding (see `crate::form`), with the
//!   form's own codes.
//!
//! A tree is compiled once per schema ([`Node`]) and borrows its strings from the `'static` schema; walking
//! a valid value allocates nothing but the path buffer.

use serde_json::Value;

use crate::code_info::{code, CodeInfo, Severity::Error as E};
use crate::date::{check_date, is_full_width, to_half_width, DateError};
use crate::doc::{Doc, Obj as DocObj};
use crate::error::{escape_pointer_token, Error};

// ---------------------------------------------------------------------------------------------------------
// Codes of input mode

pub const UNKNOWN_FIELD: CodeInfo = code(
    "unknown_field",
    "input",
    E,
    "未知字段 {path}；允许的字段：{expected}",
    "unknown field {path}; expected {expected}",
    "",
);
pub const UNKNOWN_ENUM_VALUE: CodeInfo = code(
    "unknown_enum_value",
    "input",
    E,
    "字段 {path} 的取值“{value}”无效；可选值：{expected}",
    "{path}: unknown value \"{value}\"; expected {expected}",
    "",
);
pub const MISSING_FIELD: CodeInfo = code(
    "missing_field",
    "input",
    E,
    "缺少必填字段 {path}",
    "missing required field {path}",
    "",
);
pub const WRONG_TYPE: CodeInfo = code(
    "wrong_type",
    "input",
    E,
    "字段 {path} 类型错误：应为{expected_zh}，实际为{got_zh}",
    "{path}: wrong type: expected {expected}, got {got}",
    "",
);
pub const DATE_FULL_WIDTH: CodeInfo = code(
    "date_full_width",
    "input",
    E,
    "字段 {path}：日期“{value}”含全角字符，请改为半角：{half}",
    "{path}: date \"{value}\" contains full-width characters; write it half-width: {half}",
    "",
);
pub const DATE_FORMAT: CodeInfo = code(
    "date_format",
    "input",
    E,
    "字段 {path}：日期“{value}”格式错误，应为 YYYY-MM-DD（如 2024-09-30）",
    "{path}: date \"{value}\" is malformed; expected YYYY-MM-DD (e.g. 2024-09-30)",
    "",
);
pub const DATE_NO_SUCH_DAY: CodeInfo = code(
    "date_no_such_day",
    "input",
    E,
    "字段 {path}：日期“{value}”不存在",
    "{path}: date \"{value}\" does not exist",
    "",
);
pub const INVALID_VALUE: CodeInfo = code(
    "invalid_value",
    "input",
    E,
    "字段 {path} 的取值无效：{detail}",
    "{path}: invalid value: {detail_en}",
    "",
);
pub const INVALID_INPUT: CodeInfo = code(
    "invalid_input",
    "input",
    E,
    "字段 {path} 无效：{detail}",
    "{path}: invalid input: {detail_en}",
    "",
);

pub const UNKNOWN_OPERATION: CodeInfo = code(
    "unknown_operation",
    "input",
    E,
    "未知操作“{op}”；可用操作：{ops}",
    "unknown operation \"{op}\"; available: {ops}",
    "",
);
pub const UNKNOWN_SCHEMA: CodeInfo = code(
    "unknown_schema",
    "input",
    E,
    "未知的 schema 名称“{name}”；可用：{names}",
    "unknown schema name \"{name}\"; available: {names}",
    "",
);

/// The input-mode codes.
pub const CODES: &[CodeInfo] = &[
    UNKNOWN_OPERATION,
    UNKNOWN_SCHEMA,
    UNKNOWN_FIELD,
    UNKNOWN_ENUM_VALUE,
    MISSING_FIELD,
    WRONG_TYPE,
    DATE_FULL_WIDTH,
    DATE_FORMAT,
    DATE_NO_SUCH_DAY,
    INVALID_VALUE,
    INVALID_INPUT,
];

// ---------------------------------------------------------------------------------------------------------
// The compiled tree

#[derive(Debug)]
pub enum Node {
    Obj(Obj),
    Arr(Box<Node>),
    /// Text, of the kind its field holds (set on the form's tree by key, `form::walk::tree`; free text
    /// elsewhere).
    Str(TextKind),
    Bool,
    Date,
    YearMonth,
    Int {
        min: i64,
        max: i64,
    },
    Num,
    /// A closed list.
    Enum(EnumNode),
    /// `null`, or the inner node (an `Option` field of an input type; never in the form).
    Nullable(Box<Node>),
    /// Anything (read elsewhere, e.g. the form inside `{"form": …}`).
    Any,
}

/// What kind of text a string field holds: free text, or a coded number or division code whose canonical
/// shape `form::normalize` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextKind {
    #[default]
    Free,
    Id,
    Phone,
    BankCard,
    Uscc,
    Division,
}

#[derive(Debug)]
pub struct EnumNode {
    /// The canonical values in list order (for messages).
    pub values: Vec<&'static str>,
    /// Finds a value by its `crate::doc::tag`.
    index: crate::doc::TagIndex,
    /// The name of the list (the schema's `$defs` name, e.g. `SettlementMode`).
    pub list: Option<&'static str>,
    /// The list's code table (`rules/codes/`, [`crate::vocab::for_enum`]), where its other accepted spellings
    /// are found: codes, the standards' short names, everyday words, full-width and spaced forms.
    pub vocab: Option<&'static crate::vocab::List>,
    /// For each entry of [`EnumNode::vocab`], the index in `values` of the value it is (`u16::MAX` for an
    /// entry that is no canonical value of this enum): a spelling's canonical entry becomes the value
    /// without comparing it with each value's text.
    by_entry: Vec<u16>,
    /// The canonical values joined with `、`, as a message lists them (made once, not for every finding).
    pub expected: String,
}

impl EnumNode {
    fn new(values: Vec<&'static str>, list: Option<&'static str>) -> EnumNode {
        let vocab = list.and_then(crate::vocab::for_enum);
        let by_entry = vocab.map_or_else(Vec::new, |l| {
            l.entries
                .iter()
                .map(|e| {
                    let i = e
                        .is_canonical()
                        .then(|| values.iter().position(|v| *v == e.name))
                        .flatten();
                    i.and_then(|i| u16::try_from(i).ok()).unwrap_or(u16::MAX)
                })
                .collect()
        });
        EnumNode {
            by_entry,
            index: crate::doc::TagIndex::new(values.iter().copied()),
            expected: values.join("、"),
            values,
            list,
            vocab,
        }
    }

    /// The canonical value `s` stands for: itself, or another spelling of it that the list's code table
    /// accepts (e.g. `03`, `共青团员` and `团员` for 中国共产主义青年团团员; `原户恢复` for 原籍落户).
    #[inline(always)]
    pub fn canonical(&self, s: &str) -> Option<&'static str> {
        self.spelling(s).map(|(c, _)| c)
    }

    /// [`EnumNode::canonical`], and whether `s` is that value itself: found by the index of canonical values
    /// (whose lookup compares the whole text), or through the code table (never the value itself: that one the
    /// index finds). Tells a canonical spelling apart without comparing the two texts again.
    #[inline(always)]
    pub fn spelling(&self, s: &str) -> Option<(&'static str, bool)> {
        let t = crate::doc::tag(s);
        if let Some(i) = self
            .index
            .find(t, s, |i| crate::doc::same_tail(self.values[i], s))
        {
            return self.values.get(i).map(|&c| (c, true));
        }
        let c = self.other_spelling(s)?;
        debug_assert_ne!(c, s, "a canonical value the index did not find");
        Some((c, false))
    }

    /// [`EnumNode::canonical`] of a value that is not written as a canonical value: through the code table.
    #[inline(never)]
    fn other_spelling(&self, s: &str) -> Option<&'static str> {
        let e = self.vocab?.canonical_entry(s)?;
        let i = *self.by_entry.get(e)?;
        self.values.get(usize::from(i)).copied()
    }
}

#[derive(Debug)]
pub struct Obj {
    /// (key, title, node, required), sorted by key
    pub fields: Vec<(&'static str, &'static str, Node, bool)>,
    /// How many fields are required.
    pub n_required: usize,
    /// Finds a field by its key's `crate::doc::tag`.
    index: crate::doc::TagIndex,
    /// The keys joined with `, `, as a message lists them (made once, not for every finding).
    expected: String,
}

impl Obj {
    /// An object node from fields given in any order.
    pub fn new(mut fields: Vec<(&'static str, &'static str, Node, bool)>) -> Obj {
        fields.sort_by(|a, b| a.0.cmp(b.0));
        let n_required = fields.iter().filter(|f| f.3).count();
        Obj {
            index: crate::doc::TagIndex::new(fields.iter().map(|f| f.0)),
            expected: fields.iter().map(|f| f.0).collect::<Vec<_>>().join(", "),
            fields,
            n_required,
        }
    }

    /// The field for `key` (its tag already computed). Inlined into the walk: a call cost a third of a
    /// lookup (six registers saved and restored).
    #[inline(always)]
    pub(crate) fn field(
        &self,
        tag: u64,
        key: &str,
    ) -> Option<&(&'static str, &'static str, Node, bool)> {
        self.index
            .find(tag, key, |i| crate::doc::same_tail(self.fields[i].0, key))
            .map(|i| &self.fields[i])
    }
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

fn is_null_schema(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
}

/// Compile the schema `s` (resolving `$ref`s against `root`) into a tree.
pub fn compile(root: &'static Value, s: &'static Value) -> Node {
    let (s, name) = resolve(root, s);
    match name {
        Some("Date") => return Node::Date,
        Some("YearMonth") => return Node::YearMonth,
        _ => {}
    }
    // `Option<T>`: anyOf [T, null] or a type list with "null".
    if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
        if any.len() == 2 && any.iter().any(is_null_schema) {
            if let Some(inner) = any.iter().find(|x| !is_null_schema(x)) {
                return Node::Nullable(Box::new(compile(root, inner)));
            }
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        let values: Vec<&str> = e.iter().filter_map(Value::as_str).collect();
        return Node::Enum(EnumNode::new(values, name));
    }
    if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
        let values: Vec<&str> = one
            .iter()
            .filter_map(|x| x.get("const").and_then(Value::as_str))
            .collect();
        if values.len() == one.len() {
            return Node::Enum(EnumNode::new(values, name));
        }
    }
    let ty = match s.get("type") {
        Some(Value::Array(types)) => {
            let non_null: Vec<&str> = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            if non_null.len() == 1 && types.len() == 2 {
                let inner = compile_type(root, s, non_null[0]);
                return Node::Nullable(Box::new(inner));
            }
            None
        }
        Some(Value::String(t)) => Some(t.as_str()),
        _ => None,
    };
    match ty {
        Some(t) => compile_type(root, s, t),
        None => Node::Any,
    }
}

fn compile_type(root: &'static Value, s: &'static Value, ty: &str) -> Node {
    match ty {
        "object" => {
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
            Node::Obj(Obj::new(fields))
        }
        "array" => Node::Arr(Box::new(compile(
            root,
            s.get("items").unwrap_or(&Value::Null),
        ))),
        "integer" => Node::Int {
            min: s.get("minimum").and_then(Value::as_i64).unwrap_or(i64::MIN),
            max: s
                .get("maximum")
                .and_then(|m| m.as_i64().or_else(|| m.as_u64().map(|_| i64::MAX)))
                .unwrap_or(i64::MAX),
        },
        "number" => Node::Num,
        "boolean" => Node::Bool,
        "string" => {
            if s.get("format").and_then(Value::as_str) == Some("date") {
                Node::Date
            } else {
                Node::Str(TextKind::Free)
            }
        }
        _ => Node::Any,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Walking

/// What the walker found wrong; the reporter decides how each reads and whether to go on.
pub enum Problem<'v> {
    WrongType {
        node: &'v Node,
        got: &'v Doc<'v>,
    },
    UnknownField {
        /// The keys allowed, as a message lists them.
        expected: std::borrow::Cow<'v, str>,
    },
    UnknownValue {
        value: &'v str,
        /// The values allowed, as a message lists them.
        expected: &'v str,
    },
    Missing,
    Date {
        value: &'v str,
        error: DateError,
    },
    YearMonth {
        value: &'v str,
    },
    OutOfRange {
        value: i128,
        min: i64,
        max: i64,
    },
}

/// Where the walker sends problems: `title` is the field's schema title, `key` its JSON key. Returns
/// `true` to stop the walk.
pub trait Reporter {
    fn report(&mut self, path: &str, title: &str, key: &str, problem: Problem<'_>) -> bool;
    /// Input mode reads the keys of an object in sorted order (deterministic first error, whatever the
    /// order the host gave them); form mode in document order (every finding is sorted afterwards).
    fn sorted_keys(&self) -> bool;
    /// Skip (as missing) a required field given as a blank string (form mode: "not filled in").
    fn blank_is_missing(&self) -> bool;
    /// Read dates and year-months trimmed and with full-width digits folded (form mode: what the form's
    /// normalization writes); input mode reads them exactly as given.
    fn fold_dates(&self) -> bool {
        false
    }
    /// Told of every scalar value read without a problem: where it is, its node, its field's title and key
    /// and, for a closed list, whether it is written exactly as a canonical value (`true` for other nodes).
    /// Form mode uses it to learn whether the form is in its canonical form already, and to look at the
    /// characters of text.
    fn seen(&mut self, _at: Seen<'_>, _v: &Doc, _exact: bool) {}
    /// A closed list's value `s` (of the list `e`), read without a problem but not written as a canonical
    /// value, spells `canonical`: told right after its [`Reporter::seen`]. Form mode keeps it, so that the
    /// form's canonical form does not look the spelling up a second time.
    fn spelled(&mut self, _e: &EnumNode, _s: &str, _canonical: &'static str) {}
    /// [`Reporter::seen`] of a text field's value `s` (of `kind`), answered without where it is when the
    /// reporter can (true); false asks for `seen` with the whole context. Form mode answers any text
    /// whose bytes cannot hold a control or invisible character (almost all), so the walk does not make
    /// the context for each.
    fn seen_text(&mut self, _kind: TextKind, _s: &str) -> bool {
        false
    }
    /// [`Reporter::seen`] of a date or an integer written in its canonical shape (`2024-09-30`, `8`),
    /// answered without where it is or what it is when the reporter can (true); false asks for `seen`.
    fn seen_canonical(&mut self) -> bool {
        false
    }
    /// A mark taken before an object (and each of its entries) is walked, handed back to
    /// [`Reporter::object_walked`] after it: form mode counts the changes it has seen, to learn which objects
    /// and entries hold one.
    fn mark(&self) -> usize {
        0
    }
    /// The object `m` was walked to its end (the walk did not stop in it); `mark` is what [`Reporter::mark`]
    /// said before it, and `entries` has bit `i` set when the mark moved while entry `i` (in `m`'s order)
    /// was walked — bit 63 for entry 63 and every later one (all bits when the entries were read sorted).
    fn object_walked(&mut self, _m: &DocObj, _mark: usize, _entries: u64) {}
}

/// The bit of entry `i` in [`Reporter::object_walked`]'s `entries`: bit 63 stands for entry 63 and after.
#[inline]
pub(crate) fn entry_bit(i: usize) -> u64 {
    1 << i.min(63)
}

/// The indices of an object's first `len` entries whose bit is set in `entries` ([`entry_bit`]), in order:
/// each set bit below 63, then, when bit 63 is set (it stands for entry 63 and every later one), every entry
/// from the 63rd on.
#[inline]
pub(crate) fn marked_entries(entries: u64, len: usize) -> impl Iterator<Item = usize> {
    let shared = entry_bit(63);
    let mut low = entries & !shared;
    let own = std::iter::from_fn(move || {
        if low == 0 {
            return None;
        }
        let i = low.trailing_zeros() as usize;
        low &= low - 1;
        (i < len).then_some(i)
    });
    let rest = if entries & shared != 0 { 63..len } else { 0..0 };
    own.chain(rest)
}

/// Where a value was seen (see [`Reporter::seen`]).
#[derive(Clone, Copy)]
pub struct Seen<'a> {
    /// The value's JSON Pointer, or its object's when `key_pending` (see [`Seen::path`]).
    pub base: &'a str,
    /// The value's key is not in `base` yet: the walk composes a field's pointer only when it is needed.
    pub key_pending: bool,
    pub node: &'a Node,
    pub title: &'a str,
    pub key: &'a str,
}

impl Seen<'_> {
    /// The value's JSON Pointer.
    pub fn path(&self) -> std::borrow::Cow<'_, str> {
        if self.key_pending {
            std::borrow::Cow::Owned(format!("{}/{}", self.base, self.key))
        } else {
            std::borrow::Cow::Borrowed(self.base)
        }
    }
}

/// Is `b` the UTF-8 lead byte of a character in U+4000–U+EFFF (E4–EE: the CJK ideographs of names and
/// addresses)? None of those characters is whitespace, a control or invisible: the byte fast paths of
/// [`blank`], [`trimmed`] and the form's character check skip them (proved in form::normalize's tests).
#[inline]
pub(crate) fn is_cjk_lead(b: u8) -> bool {
    (0xe4..=0xee).contains(&b)
}

/// Is a string "not filled in" (empty or only whitespace)?
#[inline]
pub fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        // Fast path: starts with a visible ASCII character, or with the lead byte (E4–EE) of a character in
        // U+4000–U+EFFF (CJK ideographs), none of which is whitespace.
        Some(&b) if b.is_ascii_graphic() || is_cjk_lead(b) => false,
        Some(_) => blank_slow(s),
    }
}

/// [`blank`] past its fast path: stops at the first character that is not whitespace (`trim` would scan from
/// both ends).
#[inline(never)]
fn blank_slow(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// `s.trim()`, answered without the pattern machinery when neither end is whitespace (almost every value).
#[inline]
pub fn trimmed(s: &str) -> &str {
    // Fast path on bytes: a first byte that is visible ASCII or the lead byte of a character in U+4000–U+EFFF
    // (E4–EE, never whitespace), and a last character that is visible ASCII or such a three-byte character.
    let b = s.as_bytes();
    let n = b.len();
    if n >= 1
        && (b[0].is_ascii_graphic() || is_cjk_lead(b[0]))
        && (b[n - 1].is_ascii_graphic() || (n >= 3 && is_cjk_lead(b[n - 3])))
    {
        return s;
    }
    trimmed_slow(s)
}

/// [`trimmed`] past its fast path.
#[inline(never)]
fn trimmed_slow(s: &str) -> &str {
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

/// A date's text trimmed and with full-width characters folded to half-width.
pub fn fold_date_text(s: &str) -> std::borrow::Cow<'_, str> {
    match to_half_width(trimmed(s)) {
        std::borrow::Cow::Borrowed(b) => std::borrow::Cow::Borrowed(b),
        std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(o.trim().to_string()),
    }
}

/// Append an object key to a path: schema keys (lowercase snake_case) as they are; anything else masked,
/// cut and escaped like every user value in a path.
pub fn push_key(path: &mut String, key: &str) {
    path.push('/');
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        path.push_str(key);
    } else {
        path.push_str(&escape_pointer_token(&crate::mask::value(key)));
    }
}

/// An integral JSON number as an integer (a float with a zero fraction counts: JSON has one number type).
pub fn integer(n: &serde_json::Number) -> Option<i128> {
    if let Some(u) = n.as_u64() {
        return Some(i128::from(u));
    }
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0 && f.abs() < 1.8e19).then_some(f as i128)
}

/// How a number is quoted in a message: exactly when a JSON number is exact in every face (within ±2^53,
/// where a JavaScript number is an exact integer), otherwise by its size alone — so the Node face's objects
/// and the JSON text of the same input read the same (and a long number is no personal number in a
/// message either).
pub fn quoted_number(n: i128) -> (String, String) {
    const SAFE: i128 = 1 << 53;
    if (-SAFE..=SAFE).contains(&n) {
        let v = crate::mask::value(&n.to_string());
        (v.clone(), v)
    } else if n > 0 {
        ("超过 2^53 的数".into(), "a number beyond 2^53".into())
    } else {
        ("小于 -2^53 的数".into(), "a number below -2^53".into())
    }
}

/// Walk `v` against `node`; `path` is the value's JSON Pointer (restored on return). Returns `true` when
/// the reporter asked to stop.
pub fn walk(
    node: &Node,
    v: &Doc,
    title: &str,
    key: &str,
    path: &mut String,
    r: &mut impl Reporter,
) -> bool {
    walk_at(node, v, title, key, path, false, r)
}

/// Run `f` with a value's JSON Pointer: `path` itself, or, when `key_pending`, `path` + `/` + `key` for the
/// time of the call (a field's pointer is composed only when a problem or a reporter needs it).
#[inline]
fn with_path<T>(path: &mut String, key: &str, key_pending: bool, f: impl FnOnce(&str) -> T) -> T {
    if key_pending {
        let len = path.len();
        path.push('/');
        path.push_str(key);
        let t = f(path);
        path.truncate(len);
        t
    } else {
        f(path)
    }
}

/// [`walk`] of a value whose pointer is `path`, or `path` + `/` + `key` when `key_pending` (a schema field's
/// key: no escaping).
fn walk_at(
    node: &Node,
    v: &Doc,
    title: &str,
    key: &str,
    path: &mut String,
    key_pending: bool,
    r: &mut impl Reporter,
) -> bool {
    macro_rules! report {
        ($p:expr) => {
            with_path(path, key, key_pending, |at| r.report(at, title, key, $p))
        };
    }
    // Told to the reporter for a scalar read without a problem (`exact`: written as its canonical value).
    macro_rules! seen {
        ($exact:expr) => {
            r.seen(
                Seen {
                    base: path,
                    key_pending,
                    node,
                    title,
                    key,
                },
                v,
                $exact,
            )
        };
    }
    // A container's items' pointers start from its own.
    if key_pending && matches!(node, Node::Obj(_) | Node::Arr(_)) {
        let len = path.len();
        path.push('/');
        path.push_str(key);
        let stop = walk_at(node, v, title, key, path, false, r);
        path.truncate(len);
        return stop;
    }
    let wrong = Problem::WrongType { node, got: v };
    match node {
        Node::Any => false,
        Node::Nullable(inner) => match v {
            Doc::Null => false,
            _ => walk_at(inner, v, title, key, path, key_pending, r),
        },
        Node::Obj(o) => match v {
            Doc::Object(m) => walk_obj(o, m, path, r),
            _ => report!(wrong),
        },
        Node::Arr(item) => {
            let Doc::Array(a) = v else {
                return report!(wrong);
            };
            let len = path.len();
            for (i, x) in a.iter().enumerate() {
                path.push('/');
                path.push_str(itoa(i, &mut [0u8; 20]));
                let stop = walk(item, x, title, key, path, r);
                path.truncate(len);
                if stop {
                    return true;
                }
            }
            false
        }
        Node::Str(_) | Node::Num => {
            let ok = match node {
                Node::Str(_) => v.is_string(),
                _ => v.is_number(),
            };
            if ok {
                seen!(true);
            }
            !ok && report!(wrong)
        }
        Node::Bool => !matches!(v, Doc::Bool(_)) && report!(wrong),
        Node::Enum(e) => {
            let Doc::String(s) = v else {
                return report!(wrong);
            };
            match e.spelling(s) {
                Some((c, exact)) => {
                    seen!(exact);
                    if !exact {
                        r.spelled(e, s, c);
                    }
                    false
                }
                None => report!(Problem::UnknownValue {
                    value: s,
                    expected: &e.expected
                }),
            }
        }
        Node::Date => {
            let Doc::String(s) = v else {
                return report!(wrong);
            };
            let folded = date_text(r, s);
            match check_date(&folded) {
                Ok(_) => {
                    seen!(true);
                    false
                }
                Err(error) => report!(Problem::Date { value: s, error }),
            }
        }
        Node::YearMonth => {
            let Doc::String(s) = v else {
                return report!(wrong);
            };
            let folded = date_text(r, s);
            let b = folded.as_bytes();
            let ok = b.len() == 7
                && b[4] == b'-'
                && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
                && matches!((b[5] - b'0') * 10 + (b[6] - b'0'), 1..=12);
            if ok {
                seen!(true);
            }
            !ok && report!(Problem::YearMonth { value: s })
        }
        Node::Int { min, max } => {
            let n = match v {
                Doc::Number(n) => match integer(n) {
                    Some(n) => n,
                    None => return report!(wrong),
                },
                _ => return report!(wrong),
            };
            if n < i128::from(*min) || n > i128::from(*max) {
                return report!(Problem::OutOfRange {
                    value: n,
                    min: *min,
                    max: *max,
                });
            }
            seen!(true);
            false
        }
    }
}

/// A date or year-month's text as the walk reads it: trimmed and with full-width digits folded in form mode
/// ([`Reporter::fold_dates`]), exactly as given otherwise.
fn date_text<'s>(r: &impl Reporter, s: &'s str) -> std::borrow::Cow<'s, str> {
    if r.fold_dates() {
        fold_date_text(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn walk_obj(o: &Obj, m: &DocObj, path: &mut String, r: &mut impl Reporter) -> bool {
    let mark = r.mark();
    let mut entries = 0;
    let stop = walk_fields(o, m, path, r, &mut entries);
    if !stop {
        r.object_walked(m, mark, entries);
    }
    stop
}

/// [`walk_obj`] without its report to [`Reporter::object_walked`]: every field of `m`, then the missing ones;
/// `entries` gets the bit ([`entry_bit`]) of each entry during whose walk [`Reporter::mark`] moved.
fn walk_fields(
    o: &Obj,
    m: &DocObj,
    path: &mut String,
    r: &mut impl Reporter,
    entries: &mut u64,
) -> bool {
    let len = path.len();
    let mut present = 0;
    let blank_missing = r.blank_is_missing();
    let mut visit =
        |kt: u64, k: &str, v: &Doc, path: &mut String, r: &mut dyn ReporterDyn| -> bool {
            match o.field(kt, k) {
                Some((key, title, node, required)) => {
                    // A blank required field is reported once, as missing (below). A blank optional free-text
                    // field means "not filled in"; a blank enum or date is an error like any other bad value.
                    if *required && blank_missing {
                        if let Doc::String(s) = v {
                            if blank(s) {
                                return false;
                            }
                        }
                    }
                    if *required {
                        present += 1;
                    }
                    r.walk_dyn(node, v, title, key, path)
                }
                None => {
                    push_key(path, k);
                    let stop = r.report_dyn(
                        path,
                        "",
                        k,
                        Problem::UnknownField {
                            expected: std::borrow::Cow::Borrowed(&o.expected),
                        },
                    );
                    path.truncate(len);
                    stop
                }
            }
        };
    if r.sorted_keys() {
        let mut sorted: Vec<(u64, &str, &Doc)> = m.iter_tagged().collect();
        sorted.sort_unstable_by(|a, b| a.1.cmp(b.1));
        let before = r.mark();
        for (kt, k, v) in sorted {
            if visit(kt, k, v, path, r) {
                return true;
            }
        }
        if r.mark() != before {
            *entries = u64::MAX;
        }
    } else {
        for (i, (kt, k, v)) in m.iter_tagged().enumerate() {
            let before = r.mark();
            if visit(kt, k, v, path, r) {
                return true;
            }
            if r.mark() != before {
                *entries |= entry_bit(i);
            }
        }
    }
    if present == o.n_required {
        return false;
    }
    for (key, title, _, required) in &o.fields {
        if !required {
            continue;
        }
        let missing = match m.get(key) {
            None => true,
            Some(Doc::String(s)) => blank_missing && blank(s),
            Some(_) => false,
        };
        if missing {
            push_key(path, key);
            let stop = r.report(path, title, key, Problem::Missing);
            path.truncate(len);
            if stop {
                return true;
            }
        }
    }
    false
}

/// Object-safe view of a reporter, so that the per-entry closure of [`walk_obj`] can recurse.
trait ReporterDyn {
    /// [`walk_at`] of a field of the object at `path` (its key not in `path` yet).
    fn walk_dyn(&mut self, node: &Node, v: &Doc, title: &str, key: &str, path: &mut String)
        -> bool;
    fn report_dyn(&mut self, path: &str, title: &str, key: &str, p: Problem<'_>) -> bool;
}

impl<R: Reporter> ReporterDyn for R {
    fn walk_dyn(
        &mut self,
        node: &Node,
        v: &Doc,
        title: &str,
        key: &str,
        path: &mut String,
    ) -> bool {
        // The common fields read without a problem — text, a closed list's value, a date as written, an
        // integer in range, an amount, an object — are read here, as [`walk_at`] reads them, without entering
        // it (a large function; the walk enters it for every other value). Where a value was seen is made
        // only for a reporter that asks for it.
        macro_rules! seen {
            ($exact:expr) => {
                self.seen(
                    Seen {
                        base: path,
                        key_pending: true,
                        node,
                        title,
                        key,
                    },
                    v,
                    $exact,
                )
            };
        }
        if let (Node::Str(kind), Doc::String(s)) = (node, v) {
            if !self.seen_text(*kind, s) {
                seen!(true);
            }
            return false;
        }
        if let (Node::Enum(e), Doc::String(s)) = (node, v) {
            if let Some((c, exact)) = e.spelling(s) {
                seen!(exact);
                if !exact {
                    self.spelled(e, s, c);
                }
                return false;
            }
        }
        // A date written exactly as `YYYY-MM-DD` (ten ASCII bytes: nothing to trim or fold) and an integer
        // within its range are in their canonical shape, which a reporter may take without their context
        // ([`Reporter::seen_canonical`]); an amount is told as it is.
        let (plain, canonical) = match (node, v) {
            (Node::Date, Doc::String(s)) => (s.len() == 10 && check_date(s).is_ok(), true),
            (Node::Int { min, max }, Doc::Number(n)) => {
                (n.as_i64().is_some_and(|i| (*min..=*max).contains(&i)), true)
            }
            (Node::Num, Doc::Number(_)) => (true, false),
            _ => (false, false),
        };
        // An object's fields, under its pointer (`walk_at` entered twice: once to put the key in it).
        if let (Node::Obj(o), Doc::Object(m)) = (node, v) {
            let len = path.len();
            path.push('/');
            path.push_str(key);
            let stop = walk_obj(o, m, path, self);
            path.truncate(len);
            return stop;
        }
        if plain {
            if !(canonical && self.seen_canonical()) {
                seen!(true);
            }
            return false;
        }
        walk_at(node, v, title, key, path, true, self)
    }
    fn report_dyn(&mut self, path: &str, title: &str, key: &str, p: Problem<'_>) -> bool {
        self.report(path, title, key, p)
    }
}

/// `n` in decimal, written into the end of `buf`.
pub(crate) fn itoa(mut n: usize, buf: &mut [u8; 20]) -> &str {
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

/// What a value is, for messages (Chinese, English).
pub fn kind_of(v: &Doc) -> (&'static str, &'static str) {
    match v {
        Doc::Null => ("空值 null", "null"),
        Doc::Bool(_) => ("布尔值", "a boolean"),
        Doc::Number(n) if integer(n).is_none() => ("小数", "a decimal number"),
        Doc::Number(_) => ("整数", "an integer"),
        Doc::String(_) => ("字符串", "a string"),
        Doc::Array(_) => ("数组", "an array"),
        Doc::Object(_) => ("对象", "an object"),
    }
}

/// What a node expects, for messages (Chinese, English).
/// Whether every text of `n` that a message may quote — keys, titles, the lists of keys and of values,
/// [`expected_of`] — holds no digit of any script.
pub(crate) fn texts_digit_free(n: &Node) -> bool {
    let free = |t: &str| crate::mask::digit_count(t) == 0;
    let (zh, en) = expected_of(n);
    free(zh)
        && free(en)
        && match n {
            Node::Obj(o) => {
                free(&o.expected)
                    && o.fields.iter().all(|(key, title, node, _)| {
                        free(key) && free(title) && texts_digit_free(node)
                    })
            }
            Node::Arr(inner) | Node::Nullable(inner) => texts_digit_free(inner),
            Node::Enum(e) => free(&e.expected),
            _ => true,
        }
}

pub fn expected_of(n: &Node) -> (&'static str, &'static str) {
    match n {
        Node::Obj(_) => ("对象", "an object"),
        Node::Arr(_) => ("数组", "an array"),
        Node::Str(_) | Node::Enum(..) => ("字符串", "a string"),
        Node::Bool => ("布尔值 true/false", "a boolean"),
        Node::Date => ("日期字符串（YYYY-MM-DD）", "a date string YYYY-MM-DD"),
        Node::YearMonth => ("年月字符串（YYYY-MM）", "a year-month string YYYY-MM"),
        Node::Int { .. } => ("整数", "an integer"),
        Node::Num => ("数字", "a number"),
        Node::Nullable(inner) => expected_of(inner),
        Node::Any => ("任意值", "any value"),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Input mode

/// The input-mode reporter: keeps the first problem as an [`Error`].
#[derive(Default)]
pub struct FirstError(pub Option<Error>);

impl Reporter for FirstError {
    fn sorted_keys(&self) -> bool {
        true
    }
    fn blank_is_missing(&self) -> bool {
        false
    }
    fn report(&mut self, path: &str, _title: &str, _key: &str, p: Problem<'_>) -> bool {
        self.0 = Some(input_error(path, p));
        true
    }
}

/// The input error for a problem at `path`.
pub fn input_error(path: &str, p: Problem<'_>) -> Error {
    let shown = if path.is_empty() { "/" } else { path };
    let base = [("path", shown)];
    fn with(
        base: &[(&'static str, &str)],
        extra: &[(&'static str, &str)],
    ) -> Vec<(&'static str, String)> {
        base.iter()
            .chain(extra)
            .map(|(k, v)| (*k, (*v).to_string()))
            .collect()
    }
    let with = |extra: &[(&'static str, &str)]| with(&base, extra);
    let (info, args): (&CodeInfo, Vec<(&'static str, String)>) = match p {
        Problem::WrongType { node, got } => {
            let (ezh, een) = expected_of(node);
            let (gzh, gen) = kind_of(got);
            (
                &WRONG_TYPE,
                with(&[
                    ("expected_zh", ezh),
                    ("expected", een),
                    ("got_zh", gzh),
                    ("got", gen),
                ]),
            )
        }
        Problem::UnknownField { expected } => (&UNKNOWN_FIELD, with(&[("expected", &expected)])),
        Problem::UnknownValue { value, expected } => {
            let v = crate::mask::value(value);
            (
                &UNKNOWN_ENUM_VALUE,
                with(&[("value", &v), ("expected", expected)]),
            )
        }
        Problem::Missing => (&MISSING_FIELD, with(&[])),
        Problem::Date { value, error } => {
            let v = crate::mask::value(value);
            let (info, half) = match &error {
                DateError::FullWidth(h) => (&DATE_FULL_WIDTH, h.clone()),
                DateError::Format => (&DATE_FORMAT, String::new()),
                DateError::NoSuchDay => (&DATE_NO_SUCH_DAY, String::new()),
            };
            (info, with(&[("value", &v), ("half", &half)]))
        }
        Problem::YearMonth { value } => {
            let v = crate::mask::value(value);
            let half = if value.chars().any(is_full_width) {
                to_half_width(value).into_owned()
            } else {
                String::new()
            };
            (&DATE_FORMAT, with(&[("value", &v), ("half", &half)]))
        }
        Problem::OutOfRange { value, min, max } => {
            let (v, v_en) = quoted_number(value);
            // A bound no count comes near (the width of the integer type) is not worth printing.
            let (zh, en) = if max >= i64::from(u32::MAX) && min == 0 {
                (
                    format!("应为非负整数，实际为 {v}"),
                    format!("must be a non-negative integer, got {v_en}"),
                )
            } else if max >= i64::from(u32::MAX) {
                (
                    format!("应为不小于 {min} 的整数，实际为 {v}"),
                    format!("must be an integer of at least {min}, got {v_en}"),
                )
            } else {
                (
                    format!("应为 {min} 至 {max} 之间的整数，实际为 {v}"),
                    format!("must be an integer from {min} to {max}, got {v_en}"),
                )
            };
            (&INVALID_VALUE, with(&[("detail", &zh), ("detail_en", &en)]))
        }
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Error::bad_input_code(info, path, &args)
}

/// Read `v` (at `path`) against `node` in input mode: the first problem as an error.
pub fn check_input(node: &Node, v: &Doc, path: &str) -> Result<(), Error> {
    let mut r = FirstError::default();
    let mut p = String::from(path);
    walk(node, v, "", "", &mut p, &mut r);
    match r.0 {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A problem the walker cannot see (a semantic check of an input reader) as an `invalid_value` error.
pub fn invalid_value(path: &str, zh: &str, en: &str) -> Error {
    let shown = if path.is_empty() { "/" } else { path };
    Error::bad_input_code(
        &INVALID_VALUE,
        path,
        &[("path", shown), ("detail", zh), ("detail_en", en)],
    )
}

/// `invalid_input` at `path` (a host value that cannot be read, e.g. a getter that throws).
pub fn invalid_input(path: &str, zh: &str, en: &str) -> Error {
    let shown = if path.is_empty() { "/" } else { path };
    Error::bad_input_code(
        &INVALID_INPUT,
        path,
        &[("path", shown), ("detail", zh), ("detail_en", en)],
    )
}

/// `wrong_type` at `path` for a host value JSON cannot carry (a function, a `bytes`…): `got` names it.
pub fn wrong_host_type(path: &str, expected_zh: &str, expected: &str, got: &str) -> Error {
    let shown = if path.is_empty() { "/" } else { path };
    let got = crate::mask::value(got);
    Error::bad_input_code(
        &WRONG_TYPE,
        path,
        &[
            ("path", shown),
            ("expected_zh", expected_zh),
            ("expected", expected),
            ("got_zh", &got),
            ("got", &got),
        ],
    )
}

/// `v` as a `serde_json::Value` with every closed-list value in its canonical spelling (what serde then
/// reads): `v` must have passed [`check_input`] against `node`.
pub fn canonical_value(node: &Node, v: &Doc) -> Value {
    match (node, v) {
        (Node::Nullable(inner), _) => canonical_value(inner, v),
        (Node::Enum(e), Doc::String(s)) => match e.canonical(s) {
            Some(c) => Value::String(c.to_string()),
            None => v.to_value(),
        },
        (Node::Arr(item), Doc::Array(a)) => {
            Value::Array(a.iter().map(|x| canonical_value(item, x)).collect())
        }
        (Node::Obj(o), Doc::Object(m)) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let t = crate::doc::tag(k);
                    let value = match o.field(t, k) {
                        Some((_, _, n, _)) => canonical_value(n, x),
                        None => x.to_value(),
                    };
                    (k.to_string(), value)
                })
                .collect(),
        ),
        (Node::Int { .. }, Doc::Number(n)) => match integer(n) {
            Some(i) if n.is_f64() => i64::try_from(i).map_or_else(|_| v.to_value(), Value::from),
            _ => v.to_value(),
        },
        _ => v.to_value(),
    }
}

/// The compiled tree of a type's schemars schema, built once per type for the life of the process.
fn tree_of<T: schemars::JsonSchema + 'static>() -> &'static Node {
    use std::any::TypeId;
    use std::sync::Mutex;
    // The schema stays reachable from this static (its tree borrows its strings), so it is kept, not
    // leaked, for the life of the process.
    type Entry = (TypeId, &'static Value, &'static Node);
    static TREES: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
    let id = TypeId::of::<T>();
    let mut trees = TREES.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, _, n)) = trees.iter().find(|(t, _, _)| *t == id) {
        return n;
    }
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    let root: &'static Value = Box::leak(Box::new(schema));
    let node: &'static Node = Box::leak(Box::new(compile(root, root)));
    trees.push((id, root, node));
    node
}

/// Read a typed value: the structural reader first (the first problem as a coded error at its path), then
/// serde, which cannot refuse what the reader accepted (if it does, that is a bug, reported as one).
pub fn read<T: serde::de::DeserializeOwned + schemars::JsonSchema + 'static>(
    doc: &Doc,
) -> Result<T, Error> {
    let tree = tree_of::<T>();
    check_input(tree, doc, "")?;
    serde_json::from_value(canonical_value(tree, doc)).map_err(|_| {
        Error::internal(format!(
            "{} passed the structural check but not its type",
            std::any::type_name::<T>()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form's schema quotes no digit in any key, title or list: its structural findings skip counting
    /// them (`Finding::with_clean`). A tree with one is seen as such (and then counted).
    #[test]
    fn schema_texts_are_digit_free_and_the_check_sees_a_digit() {
        assert!(crate::form::walk::schema_digit_free());
        let with = |title: &'static str, key: &'static str| {
            texts_digit_free(&Node::Obj(Obj::new(vec![(
                key,
                title,
                Node::Str(TextKind::Free),
                true,
            )])))
        };
        assert!(with("姓名", "name"));
        assert!(!with("地址２", "address"));
        assert!(!with("地址", "address_line2"));
        assert!(!texts_digit_free(&Node::Arr(Box::new(Node::Obj(
            Obj::new(vec![("a", "第٣项", Node::Str(TextKind::Free), false)])
        )))));
    }

    /// Every closed list of the form: `spelling` says a value is the canonical one exactly when `canonical`
    /// gives the value itself back, for the canonical values, every spelling the code tables accept (codes,
    /// short names, full-width and spaced forms) and texts near them.
    #[test]
    fn spelling_tells_the_canonical_value_as_a_comparison_does() {
        fn enums<'t>(n: &'t Node, out: &mut Vec<&'t EnumNode>) {
            match n {
                Node::Enum(e) => out.push(e),
                Node::Obj(o) => o.fields.iter().for_each(|f| enums(&f.2, out)),
                Node::Arr(i) | Node::Nullable(i) => enums(i, out),
                _ => {}
            }
        }
        let mut found = Vec::new();
        enums(crate::form::walk::tree(), &mut found);
        assert!(found.len() > 10, "{} closed lists", found.len());
        let mut other = 0;
        for e in found {
            let mut texts: Vec<String> = Vec::new();
            for v in &e.values {
                texts.extend([
                    v.to_string(),
                    format!(" {v}"),
                    format!("{v}\u{3000}"),
                    format!("{v}x"),
                ]);
                if let Some(list) = e.vocab {
                    texts.extend(list.spellings_of(v).into_iter().map(str::to_string));
                }
                texts.push(v.chars().rev().collect());
            }
            for t in &texts {
                let by_comparison = e.canonical(t).map(|c| (c, c == t.as_str()));
                assert_eq!(e.spelling(t), by_comparison, "{t:?}");
                other += usize::from(matches!(by_comparison, Some((_, false))));
            }
        }
        assert!(other > 50, "{other} other spellings");
    }

    /// What a reporter is told, in order.
    #[derive(Default)]
    struct Told(Vec<String>);

    impl Reporter for Told {
        fn report(&mut self, path: &str, title: &str, key: &str, p: Problem<'_>) -> bool {
            let p = match p {
                Problem::WrongType { .. } => "wrong type".to_string(),
                Problem::OutOfRange { value, .. } => format!("out of range {value}"),
                Problem::Date { value, error } => format!("date {value} {error:?}"),
                other => format!("{:?}", std::mem::discriminant(&other)),
            };
            self.0.push(format!("report {path} {title} {key} {p}"));
            false
        }
        fn sorted_keys(&self) -> bool {
            false
        }
        fn blank_is_missing(&self) -> bool {
            true
        }
        fn fold_dates(&self) -> bool {
            true
        }
        fn seen(&mut self, at: Seen<'_>, v: &Doc, exact: bool) {
            let node = std::mem::discriminant(at.node);
            self.0.push(format!(
                "seen {} {} {v:?} {exact} {node:?}",
                at.path(),
                at.title
            ));
        }
    }

    proptest::proptest! {
        /// `marked_entries` gives exactly the entries whose bit is set, in order, for objects of any size
        /// (entries from the 63rd on share bit 63).
        #[test]
        fn marked_entries_are_the_entries_whose_bit_is_set(
            entries in proptest::prelude::any::<u64>(),
            len in 0usize..140,
            low_only in proptest::prelude::any::<bool>(),
        ) {
            let entries = if low_only { entries & !entry_bit(63) } else { entries };
            let naive: Vec<usize> = (0..len).filter(|&i| entries & entry_bit(i) != 0).collect();
            proptest::prop_assert_eq!(marked_entries(entries, len).collect::<Vec<_>>(), naive);
        }
    }

    proptest::proptest! {
        /// A field's value told by the walk of its object (which reads the common values — a date as
        /// written, an integer in range, an amount, text, a closed list's value, an object — without
        /// entering `walk_at`) is told as `walk_at` tells it when it walks that value alone: dates of every
        /// shape near the canonical one, integers about the range's ends, floats, text, and an object with
        /// a missing field and an unknown one.
        #[test]
        fn fields_are_told_as_walk_at_tells_them(
            date in proptest::prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
                "[ 　]?[0-9０-９]{4}[-－][0-9]{2}-[0-9]{2}[ ]?",
                ".{0,12}",
            ],
            int in proptest::prop_oneof![
                -3i64..=130,
                proptest::sample::select(vec![-1i64, 0, 1, 119, 120, 121, i64::MIN, i64::MAX]),
                proptest::prelude::any::<i64>(),
            ],
            float in proptest::prop_oneof![proptest::prelude::any::<f64>(), proptest::strategy::Strategy::prop_map(-3i32..130, f64::from)],
            text in ".{0,8}",
        ) {
            let int_node = || Node::Int { min: 0, max: 120 };
            // Optional fields: the object's walk hands each value to the field's reader (a blank required
            // one it reports as missing itself).
            let obj = Obj::new(vec![
                ("a_date", "日期", Node::Date, false),
                ("b_int", "整数", int_node(), false),
                ("c_float", "小数", int_node(), false),
                ("d_text", "文字", Node::Str(TextKind::Free), false),
                ("e_amount", "金额", Node::Num, false),
                ("f_amount", "金额", Node::Num, false),
                (
                    "g_section",
                    "分节",
                    Node::Obj(Obj::new(vec![
                        ("x_date", "日期", Node::Date, false),
                        ("y_int", "整数", int_node(), true),
                    ])),
                    false,
                ),
            ]);
            let values = [
                ("a_date", Doc::String(date.as_str().into())),
                ("b_int", Doc::Number(int.into())),
                ("c_float", serde_json::Number::from_f64(float).map_or(Doc::Null, Doc::Number)),
                ("d_text", Doc::String(text.as_str().into())),
                ("e_amount", Doc::Number(int.into())),
                ("f_amount", serde_json::Number::from_f64(float).map_or(Doc::Null, Doc::Number)),
                (
                    "g_section",
                    Doc::Object(crate::doc::Obj::from_entries([
                        (std::borrow::Cow::Borrowed("x_date"), Doc::String(date.as_str().into())),
                        (std::borrow::Cow::Borrowed("z_unknown"), Doc::Number(int.into())),
                    ])),
                ),
            ];
            let doc = Doc::Object(crate::doc::Obj::from_entries(
                values.iter().map(|(k, v)| (std::borrow::Cow::Borrowed(*k), v.clone())),
            ));
            let node = Node::Obj(obj);
            let mut by_object = Told::default();
            walk(&node, &doc, "", "", &mut String::new(), &mut by_object);
            let Node::Obj(o) = &node else { unreachable!() };
            let mut alone = Told::default();
            for (key, title, n, _) in &o.fields {
                let v = doc.get(key).unwrap_or(&Doc::Null);
                walk_at(n, v, title, key, &mut String::new(), true, &mut alone);
            }
            proptest::prop_assert_eq!(by_object.0, alone.0);
        }
    }

    proptest::proptest! {
        /// The values the field's walk tells as canonical without their context
        /// ([`Reporter::seen_canonical`]) — a date of ten bytes that reads as a date, an integer within
        /// range — are those the form's reporter finds canonical when told with it (`is_canonical_leaf`).
        #[test]
        fn values_told_canonical_are_canonical(
            date in proptest::prop_oneof!["[0-9]{4}-[0-9]{2}-[0-9]{2}", ".{10}", "[0-9０-９-]{10}"],
            int in proptest::prelude::any::<i64>(),
        ) {
            if date.len() == 10 && check_date(&date).is_ok() {
                let d = Doc::String(date.as_str().into());
                proptest::prop_assert!(crate::form::normalize::is_canonical_leaf(&Node::Date, &d));
            }
            let n = Doc::Number(int.into());
            let node = Node::Int { min: i64::MIN, max: i64::MAX };
            proptest::prop_assert!(crate::form::normalize::is_canonical_leaf(&node, &n));
        }
    }

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

    proptest::proptest! {
        /// The byte fast paths of `trimmed` and `blank` give std's answers on any text (whitespace of every
        /// kind, CJK, controls, astral characters at either end).
        #[test]
        fn trimmed_and_blank_agree_with_std_on_any_text(
            s in "[ \\t\u{3000}\u{a0}\u{2003}\u{85}a王\u{4e00}\u{ff01}\u{1f600}\u{200b}\u{7f}]{0,6}"
        ) {
            proptest::prop_assert_eq!(trimmed(&s), s.trim());
            proptest::prop_assert_eq!(blank(&s), s.trim().is_empty());
        }
    }

    #[test]
    fn integers_include_zero_fraction_floats() {
        let n = |t: &str| serde_json::from_str::<serde_json::Number>(t).unwrap();
        assert_eq!(integer(&n("8")), Some(8));
        assert_eq!(integer(&n("8.0")), Some(8));
        assert_eq!(integer(&n("-3")), Some(-3));
        assert_eq!(integer(&n("8.5")), None);
        assert_eq!(integer(&n("1e3")), Some(1000));
        assert_eq!(
            integer(&n("18446744073709551615")),
            Some(18446744073709551615)
        );
        assert_eq!(integer(&n("1e300")), None);
    }
}
