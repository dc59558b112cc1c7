//! Code tables as data: the national-standard codes, the standards' short names and the everyday spellings
//! that tuiyi reads as each canonical value of the registration form's closed lists (`rules/codes/`, one JSON
//! file per list; every list cites its standard, edition and source, and records its judgement calls in
//! `decisions`). Human-readable tables: `docs/codes.md`.
//!
//! ```
//! use tuiyi_core::vocab;
//! assert_eq!(vocab::canonical("political_status", "共青团员"), Some("中国共产主义青年团团员"));
//! assert_eq!(vocab::canonical("political_status", "０３"), Some("中国共产主义青年团团员"));
//! assert_eq!(vocab::canonical("education", "初中"), Some("初级中学"));
//! assert_eq!(vocab::canonical("gender", "9"), None); // 未说明的性别: a code, but not a value of the form
//! ```
//!
//! ## Normalization before matching
//!
//! Both the table's spellings (once, when the tables are built) and every input are folded the same way:
//!
//! 1. every whitespace character (`char::is_whitespace`: ASCII spaces and tabs, U+00A0 NBSP, U+3000 ideographic
//!    space, …) and the zero-width characters U+200B–U+200D, U+2060, U+FEFF are removed, wherever they are
//!    (`中共 党员` = `中共党员`);
//! 2. full-width ASCII U+FF01–U+FF5E is folded to half-width (`０３` → `03`, `（` → `(`);
//! 3. ASCII letters are upper-cased (`ha`, `Ha` and `HA` are the same roman code).
//!
//! Nothing else is folded: no traditional/simplified conversion, no punctuation removal, no fuzzy matching.
//!
//! Codes are matched as written in the tables. There is no general leading-zero rule: where a code is also
//! accepted without its leading zero (GB/T 4762 `3` for `03`, GB/T 3304 `1` for `01`) the table lists it in
//! `alt_codes`, and only where no other code of the list could be meant. GB/T 4658 takes no one-digit codes
//! (`3` could be category 30 or an unpadded `03`).
//!
//! ## Tables
//!
//! The embedded files are parsed once, lazily ([`OnceLock`]), into one hash map per list from the folded
//! spelling to the entry it names; a lookup folds the input into a stack buffer (no allocation) and does one
//! hash lookup: about 70 ns per call in a release build on the 2-core development machine (under load; see the
//! `micro_lookup` test, which prints it and asserts nothing about time). A malformed embedded file, two
//! canonical values sharing a spelling, a `parent` that names no canonical value, or a `not_accepted` input that
//! resolves is recorded in [`problems`] (the tests require it to be empty) and never panics: a list that does not
//! parse is absent, an ambiguous spelling resolves to nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The embedded files (file name, text), in the order of [`lists`].
const FILES: &[(&str, &str)] = &[
    ("gender.json", include_str!("../../rules/codes/gender.json")),
    (
        "ethnicity.json",
        include_str!("../../rules/codes/ethnicity.json"),
    ),
    (
        "political_status.json",
        include_str!("../../rules/codes/political_status.json"),
    ),
    (
        "education.json",
        include_str!("../../rules/codes/education.json"),
    ),
    ("health.json", include_str!("../../rules/codes/health.json")),
    (
        "marital_status.json",
        include_str!("../../rules/codes/marital_status.json"),
    ),
    (
        "hukou_category.json",
        include_str!("../../rules/codes/hukou_category.json"),
    ),
    ("yes_no.json", include_str!("../../rules/codes/yes_no.json")),
    (
        "disability_level.json",
        include_str!("../../rules/codes/disability_level.json"),
    ),
    (
        "disability_nature.json",
        include_str!("../../rules/codes/disability_nature.json"),
    ),
    (
        "soldier_category.json",
        include_str!("../../rules/codes/soldier_category.json"),
    ),
    (
        "award_type.json",
        include_str!("../../rules/codes/award_type.json"),
    ),
    (
        "punishment_type.json",
        include_str!("../../rules/codes/punishment_type.json"),
    ),
    (
        "study_stage.json",
        include_str!("../../rules/codes/study_stage.json"),
    ),
    (
        "labor_capacity.json",
        include_str!("../../rules/codes/labor_capacity.json"),
    ),
    (
        "settlement_type.json",
        include_str!("../../rules/codes/settlement_type.json"),
    ),
    (
        "household_kind.json",
        include_str!("../../rules/codes/household_kind.json"),
    ),
];

/// Longest folded spelling (bytes) a table may contain; longer inputs cannot match and are not folded further.
pub const MAX_KEY_BYTES: usize = 96;

/// One row of a list: a canonical value, or (with `parent`) a finer category of the standard that normalizes to
/// the canonical value named by `parent`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The standard's code, if it has one.
    #[serde(default)]
    pub code: Option<String>,
    /// The canonical value (or the finer category's name when `parent` is set).
    pub name: String,
    /// Other accepted spellings of the code (e.g. without the leading zero).
    #[serde(default)]
    pub alt_codes: Vec<String>,
    /// `false`: the code is listed for reference but not accepted as input (see the list's decisions).
    #[serde(default = "yes")]
    pub accept_code: bool,
    /// The standard's short names (简称).
    #[serde(default)]
    pub short: Vec<String>,
    /// Other accepted spellings (everyday words, former official names).
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// For a finer category: the canonical value it normalizes to.
    #[serde(default)]
    pub parent: Option<String>,
    /// GB/T 3304 two-letter code (民族 only).
    #[serde(default)]
    pub letter_code: Option<String>,
    /// GB/T 3304 romanization (民族 only).
    #[serde(default)]
    pub romanization: Option<String>,
}

fn yes() -> bool {
    true
}

impl Entry {
    /// True for a canonical value (an entry without `parent`).
    pub fn is_canonical(&self) -> bool {
        self.parent.is_none()
    }

    /// Every spelling this entry contributes, as written in the table (code first, then name, short names,
    /// synonyms, letter code, romanization).
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        let code = self.code.as_deref().filter(|_| self.accept_code);
        let alt = self
            .alt_codes
            .iter()
            .map(String::as_str)
            .filter(|_| self.accept_code);
        code.into_iter()
            .chain(alt)
            .chain(std::iter::once(self.name.as_str()))
            .chain(self.short.iter().map(String::as_str))
            .chain(self.synonyms.iter().map(String::as_str))
            .chain(self.letter_code.as_deref())
            .chain(self.romanization.as_deref())
    }
}

/// An input that the list deliberately does not accept, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotAccepted {
    pub input: String,
    pub zh: String,
    pub en: String,
}

/// A judgement call recorded with the list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub zh: String,
    pub en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    id: String,
    title: String,
    title_en: String,
    model_enum: String,
    #[serde(default)]
    also_enums: Vec<String>,
    standard: String,
    source: Vec<String>,
    #[serde(default)]
    extra_canonical: Vec<String>,
    entries: Vec<Entry>,
    #[serde(default)]
    not_accepted: Vec<NotAccepted>,
    decisions: Vec<Decision>,
}

/// Where a folded spelling leads: the entry it spells and the canonical entry that entry normalizes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    entry: u16,
    canonical: u16,
}

/// Marks a spelling claimed by two different canonical values: it resolves to nothing.
const AMBIGUOUS: Slot = Slot {
    entry: u16::MAX,
    canonical: u16::MAX,
};

/// One closed list.
#[derive(Debug)]
pub struct List {
    /// Identifier, also the file name without `.json` (e.g. `political_status`).
    pub id: String,
    /// Chinese title (the form's label).
    pub title: String,
    pub title_en: String,
    /// The `closed_list!` enum of `core/src/form/fields.rs` whose values are this list's canonical values.
    pub model_enum: String,
    /// Other enums with the same canonical values (e.g. the situation's `SettlementMode`): the structural
    /// reader reads their values through this list too.
    pub also_enums: Vec<String>,
    /// The standard and edition (or the rule text where there is no standard).
    pub standard: String,
    /// Where the table was taken from.
    pub source: Vec<String>,
    /// Canonical values that the model's enum does not have yet (see the list's decisions).
    pub extra_canonical: Vec<String>,
    pub entries: Vec<Entry>,
    pub not_accepted: Vec<NotAccepted>,
    pub decisions: Vec<Decision>,
    index: crate::FastMap<Box<str>, Slot>,
}

/// What an input resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved<'a> {
    /// The canonical value.
    pub canonical: &'a str,
    /// The entry whose spelling matched (a finer category when it differs from the canonical entry).
    pub entry: &'a Entry,
}

impl List {
    /// The canonical value `input` spells in this list, if any.
    pub fn canonical(&self, input: &str) -> Option<&str> {
        self.resolve(input).map(|r| r.canonical)
    }

    /// Like [`List::canonical`], also telling which entry matched (e.g. `71` → 初中毕业 → 初级中学).
    pub fn resolve(&self, input: &str) -> Option<Resolved<'_>> {
        let slot = self.slot(input)?;
        let entry = self.entries.get(usize::from(slot.entry))?;
        let canonical = self.entries.get(usize::from(slot.canonical))?;
        Some(Resolved {
            canonical: &canonical.name,
            entry,
        })
    }

    /// The index in [`List::entries`] of the canonical entry that `input` spells (what [`List::canonical`]
    /// names), for a reader that keeps its own table by entry.
    pub fn canonical_entry(&self, input: &str) -> Option<usize> {
        self.slot(input).map(|slot| usize::from(slot.canonical))
    }

    /// The slot of the spelling `input` folds to, unless no entry or several canonical values have it.
    #[inline]
    fn slot(&self, input: &str) -> Option<Slot> {
        let mut buf = [0u8; MAX_KEY_BYTES];
        let key = fold_into(input, &mut buf)?;
        let slot = *self.index.get(key)?;
        (slot != AMBIGUOUS).then_some(slot)
    }

    /// The canonical values, in table order.
    pub fn canonical_values(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|e| e.is_canonical())
            .map(|e| e.name.as_str())
    }

    /// The canonical entry named `canonical`.
    pub fn entry(&self, canonical: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.is_canonical() && e.name == canonical)
    }

    /// Every accepted spelling (as written in the table) of `canonical`, including those of its finer
    /// categories; empty when `canonical` is not a canonical value of the list.
    pub fn spellings_of(&self, canonical: &str) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| match &e.parent {
                None => e.name == canonical,
                Some(p) => p == canonical,
            })
            .flat_map(Entry::spellings)
            .collect()
    }

    /// Number of distinct folded spellings the list accepts.
    pub fn spelling_count(&self) -> usize {
        self.index.values().filter(|s| **s != AMBIGUOUS).count()
    }
}

struct Tables {
    lists: Vec<List>,
    /// (id, index into `lists`), sorted by id.
    by_id: Vec<(String, usize)>,
    /// (model enum, index into `lists`), sorted by enum name.
    by_enum: Vec<(String, usize)>,
    problems: Vec<String>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| load(FILES))
}

fn load(files: &[(&str, &str)]) -> Tables {
    let mut lists = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        match serde_json::from_str::<ListFile>(text) {
            Ok(file) => {
                if format!("{}.json", file.id) != *name {
                    problems.push(format!(
                        "{name}: id {:?} does not match the file name",
                        file.id
                    ));
                }
                if lists.iter().any(|l: &List| l.id == file.id) {
                    problems.push(format!("{name}: duplicate id {:?}", file.id));
                    continue;
                }
                lists.push(build(file, &mut problems));
            }
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    let mut by_id: Vec<(String, usize)> = lists
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.clone(), i))
        .collect();
    by_id.sort();
    let mut by_enum: Vec<(String, usize)> = lists
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            std::iter::once(&l.model_enum)
                .chain(&l.also_enums)
                .map(move |e| (e.clone(), i))
        })
        .collect();
    by_enum.sort();
    for w in by_enum.windows(2) {
        if w[0].0 == w[1].0 {
            problems.push(format!("model enum {} claimed by two lists", w[0].0));
        }
    }
    Tables {
        lists,
        by_id,
        by_enum,
        problems,
    }
}

fn build(file: ListFile, problems: &mut Vec<String>) -> List {
    let id = file.id.clone();
    let mut index: crate::FastMap<Box<str>, Slot> = crate::FastMap::default();
    if file.entries.len() >= usize::from(u16::MAX) {
        problems.push(format!("{id}: too many entries"));
    }
    // Canonical entries by name.
    let mut canon: HashMap<&str, u16> = HashMap::new();
    for (i, e) in file.entries.iter().enumerate() {
        if e.is_canonical() {
            let i = u16::try_from(i).unwrap_or(u16::MAX);
            if canon.insert(e.name.as_str(), i).is_some() {
                problems.push(format!("{id}: canonical value {:?} listed twice", e.name));
            }
        }
    }
    for x in &file.extra_canonical {
        if !canon.contains_key(x.as_str()) {
            problems.push(format!(
                "{id}: extra_canonical {x:?} is not a canonical value of the list"
            ));
        }
    }
    for (i, e) in file.entries.iter().enumerate() {
        let Ok(entry) = u16::try_from(i) else { break };
        let canonical = match &e.parent {
            None => entry,
            Some(p) => match canon.get(p.as_str()) {
                Some(c) => *c,
                None => {
                    problems.push(format!(
                        "{id}: {:?} has parent {p:?}, which is not a canonical value",
                        e.name
                    ));
                    continue;
                }
            },
        };
        if !e.accept_code && e.code.is_none() {
            problems.push(format!(
                "{id}: {:?} has accept_code false but no code",
                e.name
            ));
        }
        let slot = Slot { entry, canonical };
        for spelling in e.spellings() {
            let Some(key) = fold(spelling) else {
                problems.push(format!(
                    "{id}: spelling {spelling:?} is empty or longer than {MAX_KEY_BYTES} bytes"
                ));
                continue;
            };
            match index.get_mut(key.as_str()) {
                None => {
                    index.insert(key.into_boxed_str(), slot);
                }
                Some(old) if *old == AMBIGUOUS => {}
                Some(old) if old.canonical == canonical => {}
                Some(old) => {
                    let other = file
                        .entries
                        .get(usize::from(old.canonical))
                        .map(|x| x.name.as_str())
                        .unwrap_or("?");
                    problems.push(format!(
                        "{id}: spelling {spelling:?} (folded {key:?}) means both {other:?} and {:?}",
                        file.entries.get(usize::from(canonical)).map(|x| x.name.as_str()).unwrap_or("?")
                    ));
                    *old = AMBIGUOUS;
                }
            }
        }
    }
    let list = List {
        id,
        title: file.title,
        title_en: file.title_en,
        model_enum: file.model_enum,
        also_enums: file.also_enums,
        standard: file.standard,
        source: file.source,
        extra_canonical: file.extra_canonical,
        entries: file.entries,
        not_accepted: file.not_accepted,
        decisions: file.decisions,
        index,
    };
    for n in &list.not_accepted {
        if let Some(c) = list.canonical(&n.input) {
            problems.push(format!(
                "{}: not_accepted input {:?} resolves to {c:?}",
                list.id, n.input
            ));
        }
    }
    if list.source.is_empty() || list.decisions.is_empty() {
        problems.push(format!(
            "{}: a list needs a source and at least one decision",
            list.id
        ));
    }
    list
}

/// Characters removed wherever they are: whitespace (incl. U+00A0, U+3000) and zero-width characters.
fn is_ignorable(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Full-width ASCII to half-width, then ASCII upper case.
fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_uppercase()
}

/// Folds `input` into `buf`; `None` when the result is longer than [`MAX_KEY_BYTES`] (it cannot match). An
/// input that folding leaves as it is (a code, a short name) is returned itself, not copied.
fn fold_into<'b>(input: &'b str, buf: &'b mut [u8; MAX_KEY_BYTES]) -> Option<&'b str> {
    if input.len() <= MAX_KEY_BYTES && folds_to_itself(input) {
        return Some(input);
    }
    fold_chars_into(input, buf)
}

/// Does folding leave `input` as it is (no ignorable character, nothing full-width, no ASCII lower case)?
/// Byte by byte while the bytes are ASCII or CJK ideographs (lead bytes E4–E9, U+4000–U+9FFF: none is
/// ignorable or folded) — the codes and short names a system sends; character by character from the first
/// other lead byte.
fn folds_to_itself(input: &str) -> bool {
    let b = input.as_bytes();
    for (i, &x) in b.iter().enumerate() {
        let same = match x {
            // ASCII whitespace (`char::is_whitespace`: 09–0D, 20) is removed, lower case folded.
            0x09..=0x0d | b' ' | b'a'..=b'z' => false,
            0x00..=0x7f | 0x80..=0xbf | 0xe4..=0xe9 => true,
            _ => {
                return input
                    .get(i..)
                    .is_some_and(|rest| rest.chars().all(char_folds_to_itself))
            }
        };
        if !same {
            return false;
        }
    }
    true
}

/// [`folds_to_itself`] of one character.
fn char_folds_to_itself(c: char) -> bool {
    !is_ignorable(c) && fold_char(c) == c
}

/// [`fold_into`] without its shortcut: every character folded into `buf` (what the shortcut is tested
/// against).
fn fold_chars_into<'b>(input: &str, buf: &'b mut [u8; MAX_KEY_BYTES]) -> Option<&'b str> {
    let mut n = 0;
    for c in input.chars() {
        if is_ignorable(c) {
            continue;
        }
        let c = fold_char(c);
        let end = n + c.len_utf8();
        c.encode_utf8(buf.get_mut(n..end)?);
        n = end;
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

/// The folded form of `input` (for building tables and for tests); `None` if empty or too long.
fn fold(input: &str) -> Option<String> {
    let mut buf = [0u8; MAX_KEY_BYTES];
    fold_into(input, &mut buf)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
}

/// All lists, in a fixed order (性别, 民族, 政治面貌, 学历, 健康状况, 婚姻状况, 户籍类别, then the form's own lists).
pub fn lists() -> &'static [List] {
    &tables().lists
}

/// The list with this id (e.g. `political_status`, the file name without `.json`).
pub fn lookup(id: &str) -> Option<&'static List> {
    let t = tables();
    let i = t.by_id.binary_search_by(|(k, _)| k.as_str().cmp(id)).ok()?;
    t.by_id.get(i).and_then(|(_, l)| t.lists.get(*l))
}

/// The list whose canonical values are those of the `closed_list!` enum named `model_enum` (its schema name,
/// e.g. `PoliticalStatus`), or of an enum the list names in `also_enums` (e.g. `SettlementMode`).
pub fn for_enum(model_enum: &str) -> Option<&'static List> {
    let t = tables();
    let i = t
        .by_enum
        .binary_search_by(|(k, _)| k.as_str().cmp(model_enum))
        .ok()?;
    t.by_enum.get(i).and_then(|(_, l)| t.lists.get(*l))
}

/// The canonical value `input` spells in list `list` (an id, see [`lookup`]); `None` for an unknown list or an
/// input that is not an accepted spelling. Every canonical value maps to itself.
pub fn canonical(list: &str, input: &str) -> Option<&'static str> {
    lookup(list)?.canonical(input)
}

/// Problems found while loading the embedded tables (malformed file, shared spelling, dangling parent, a
/// `not_accepted` input that resolves …). Empty for a correct build; the tests check it.
pub fn problems() -> &'static [String] {
    &tables().problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_load_without_problems() {
        assert!(problems().is_empty(), "{:#?}", problems());
        assert_eq!(lists().len(), FILES.len());
    }

    proptest::proptest! {
        /// The shortcut of `fold_into` (an input folding leaves as it is) gives what folding every character
        /// gives: for text mixing ASCII, full-width forms, spaces, zero-width characters and Chinese.
        #[test]
        fn fold_shortcut_is_folding(s in "[a-zA-Z0-9 ０-９ａ-ｚＡ-Ｚ\u{3000}\u{200b}\u{feff}中共党员汉族-]{0,40}") {
            let (mut a, mut b) = ([0u8; MAX_KEY_BYTES], [0u8; MAX_KEY_BYTES]);
            let short = fold_into(&s, &mut a).map(str::to_owned);
            proptest::prop_assert_eq!(short, fold_chars_into(&s, &mut b).map(str::to_owned));
        }
    }

    /// `folds_to_itself`'s byte path answers as the character test does, for every character alone and
    /// after ASCII and a CJK ideograph (the bytes it reads before it may fall back).
    #[test]
    fn folds_to_itself_is_per_character() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let want = char_folds_to_itself(c);
            for s in [c.to_string(), format!("A汉{c}"), format!("{c}汉1")] {
                let all = s.chars().all(char_folds_to_itself);
                assert_eq!(folds_to_itself(&s), all, "{:?}", s);
            }
            assert_eq!(
                folds_to_itself(&c.to_string()),
                want,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold(" 中共\u{3000}党员\u{a0}").as_deref(), Some("中共党员"));
        assert_eq!(fold("０３").as_deref(), Some("03"));
        assert_eq!(fold("ｈａ").as_deref(), Some("HA"));
        assert_eq!(fold("降职（级）").as_deref(), Some("降职(级)"));
        assert_eq!(fold("\u{feff}汉族\u{200b}").as_deref(), Some("汉族"));
        assert_eq!(fold("\t\r\n 0 3 ").as_deref(), Some("03"));
        assert_eq!(fold("   ").as_deref(), None);
        assert_eq!(fold(&"汉".repeat(40)).as_deref(), None);
        // Exactly at the limit still folds.
        assert_eq!(
            fold(&"a".repeat(MAX_KEY_BYTES)).map(|s| s.len()),
            Some(MAX_KEY_BYTES)
        );
    }

    #[test]
    fn a_malformed_file_is_a_problem_not_a_panic() {
        let yes_no = FILES.iter().find(|(n, _)| *n == "yes_no.json").unwrap().1;
        let t = load(&[("gender.json", "{ not json"), ("yes_no.json", yes_no)]);
        assert_eq!(t.lists.len(), 1);
        assert_eq!(t.problems.len(), 1);
        assert!(
            t.problems[0].starts_with("gender.json:"),
            "{:?}",
            t.problems
        );
    }

    #[test]
    fn a_shared_spelling_is_a_problem_and_resolves_to_nothing() {
        let text = r#"{"id": "t", "title": "t", "title_en": "t", "model_enum": "T", "standard": "s",
            "source": ["s"], "decisions": [{"zh": "z", "en": "e"}],
            "entries": [{"name": "甲", "synonyms": ["X"]}, {"name": "乙", "synonyms": ["ｘ"]},
                        {"name": "丙丙", "parent": "丁"}],
            "not_accepted": [{"input": "甲", "zh": "z", "en": "e"}]}"#;
        let t = load(&[("t.json", text)]);
        let l = &t.lists[0];
        assert_eq!(l.canonical("x"), None);
        assert_eq!(l.canonical("甲"), Some("甲"));
        assert_eq!(t.problems.len(), 3, "{:#?}", t.problems);
        assert!(t.problems.iter().any(|p| p.contains("means both")));
        assert!(t.problems.iter().any(|p| p.contains("parent")));
        assert!(t.problems.iter().any(|p| p.contains("not_accepted")));
    }

    #[test]
    fn wrong_id_and_unknown_fields_are_problems() {
        let text = r#"{"id": "u", "title": "t", "title_en": "t", "model_enum": "T", "standard": "s",
            "source": ["s"], "decisions": [{"zh": "z", "en": "e"}], "entries": [{"name": "甲", "colour": 1}]}"#;
        let t = load(&[("t.json", text)]);
        assert!(t.lists.is_empty());
        assert_eq!(t.problems.len(), 1);
        let text = text.replace(", \"colour\": 1", "");
        let t = load(&[("t.json", &text)]);
        assert_eq!(t.lists.len(), 1);
        assert!(
            t.problems[0].contains("does not match the file name"),
            "{:?}",
            t.problems
        );
    }

    #[test]
    fn lookup_by_id_and_enum() {
        for l in lists() {
            assert_eq!(lookup(&l.id).map(|x| &x.id), Some(&l.id));
            assert_eq!(for_enum(&l.model_enum).map(|x| &x.id), Some(&l.id));
        }
        assert!(lookup("nope").is_none());
        assert!(for_enum("Nope").is_none());
        assert_eq!(canonical("nope", "男"), None);
    }

    #[test]
    fn resolve_reports_the_finer_category() {
        let l = lookup("education").unwrap();
        let r = l.resolve("71").unwrap();
        assert_eq!(
            (r.canonical, r.entry.name.as_str()),
            ("初级中学", "初中毕业")
        );
        let r = l.resolve("初中").unwrap();
        assert_eq!(
            (r.canonical, r.entry.name.as_str()),
            ("初级中学", "初级中学")
        );
    }

    /// The hash lookup agrees with a brute-force scan of every spelling, for every spelling of every list and for
    /// some variants of them.
    #[test]
    fn index_agrees_with_a_linear_scan() {
        for l in lists() {
            let scan = |input: &str| -> Option<&str> {
                let key = fold(input)?;
                let mut found: Option<&str> = None;
                for e in &l.entries {
                    let target = match &e.parent {
                        None => e.name.as_str(),
                        Some(p) => p.as_str(),
                    };
                    if e.spellings()
                        .any(|s| fold(s).as_deref() == Some(key.as_str()))
                    {
                        match found {
                            Some(f) if f != target => return None,
                            _ => found = Some(target),
                        }
                    }
                }
                found
            };
            for e in &l.entries {
                for s in e.spellings() {
                    for v in [
                        s.to_string(),
                        format!(" {s}\u{3000}"),
                        s.to_lowercase(),
                        format!("{s}X"),
                    ] {
                        assert_eq!(l.canonical(&v), scan(&v), "{}: {v:?}", l.id);
                    }
                }
            }
        }
    }

    /// Not a benchmark: shows the lookup cost in `cargo test -- --nocapture`, asserts nothing about time.
    #[test]
    fn micro_lookup() {
        let inputs = [
            "汉族",
            "０１",
            "共青团员",
            "71",
            "初中",
            "中国共产主义青年团团员",
            "不存在的值",
        ];
        let lists: Vec<&List> = ["ethnicity", "political_status", "education"]
            .iter()
            .filter_map(|id| lookup(id))
            .collect();
        let n = 20_000;
        let t0 = std::time::Instant::now();
        let mut hits = 0usize;
        for _ in 0..n {
            for l in &lists {
                for i in &inputs {
                    hits += usize::from(l.canonical(std::hint::black_box(i)).is_some());
                }
            }
        }
        let per = t0.elapsed().as_nanos() / (n * lists.len() * inputs.len()) as u128;
        let profile = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        println!("vocab lookup: ~{per} ns per call ({hits} hits), {profile} build");
        assert!(hits > 0);
    }
}
