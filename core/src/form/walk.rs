//! Structural check of a form against its schema, with the form's own codes: every wrong type, unknown
//! field, unknown enum value, missing required field and malformed date becomes a finding (not just the
//! first). The walker is the crate's one structural reader ([`crate::strict`]) in form mode.

use std::sync::OnceLock;

pub(crate) use crate::strict::{blank, trimmed, Node};
use crate::strict::{expected_of, kind_of, Problem, Reporter, Seen};

use super::{codes as c, Finding};
use crate::date::DateError;
use crate::doc::Doc;
use crate::mask::truncate_for_message;

static TREE: OnceLock<Node> = OnceLock::new();

/// The form's tree, compiled once from its published schema.
pub(crate) fn tree() -> &'static Node {
    TREE.get_or_init(|| {
        let root = super::schema::form_schema();
        let mut tree = crate::strict::compile(root, root);
        super::normalize::set_text_kinds(&mut tree, "");
        tree
    })
}

/// Whether every text of the form's tree a message quotes (keys, titles, the lists of keys and values, the
/// names of types) holds no digit of any script: then the structural findings do not count their digits
/// ([`Finding::with_clean`]). Checked once, so an amended schema with a digit in a title is counted as any
/// value is.
pub(crate) fn schema_digit_free() -> bool {
    static FREE: OnceLock<bool> = OnceLock::new();
    *FREE.get_or_init(|| crate::strict::texts_digit_free(tree()))
}

/// Form mode: every problem a finding, in document order (the report sorts them). `changes` counts the values
/// not in their canonical form (or with a problem `normalize` may rewrite, see `report` below): where
/// there is one, the canonical form must be built.
/// `dirty` lists the objects that hold one (see [`Changes`]).
pub(crate) struct Findings<'a> {
    pub out: &'a mut Vec<Finding>,
    pub changes: usize,
    pub dirty: Vec<(usize, u64)>,
    /// The closed-list values read not written as a canonical value, in the order read (see [`Spelled`]).
    pub spelled: Vec<Spelled>,
}

/// A closed-list value the walk read that is not written as a canonical value, and the canonical value it
/// spells: the value's text (its address and length, in the walked document) and its list (the node's
/// address). The canonical form's walk takes the canonical value from here instead of looking the spelling
/// up again ([`Changes::spelling_of`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spelled {
    text: usize,
    len: usize,
    list: usize,
    canonical: &'static str,
}

/// Where the walk saw a value that is not in its canonical form (or a problem `normalize` may rewrite): what
/// `normalize` needs to make the canonical form without reading every value again.
///
/// `dirty` holds the addresses of the objects (the [`crate::doc::Obj`] values of the walked document) that
/// hold such a value at any depth, sorted, each with the entries that do (bit `i` for entry `i` in the
/// object's order, see [`crate::strict::entry_bit`]). An object or entry not listed is its own canonical
/// form, so the canonical form's walk leaves it as it is.
///
/// The addresses are those of the document the walk read: they are only meaningful for that document,
/// unmoved and unchanged — [`super::validate_parsed`] and [`super::check`] hand it to `normalize` right
/// after the walk. `root` is the address of the document walked: a document at another address (a copy, or
/// the form moved) is not the one walked, and every object of it may change ([`Changes::of`]). When the
/// walk stopped early (too many findings), `dirty` is `None`: every object may hold a change.
#[derive(Debug)]
pub(crate) struct Changes {
    any: bool,
    dirty: Option<Vec<(usize, u64)>>,
    root: usize,
    /// What the walk learnt of closed-list values, in the order it read them (the canonical form's walk reads
    /// them in the same order), and where the next lookup starts.
    spelled: Vec<Spelled>,
    next: std::cell::Cell<usize>,
}

impl Changes {
    /// Changes that may be anywhere: for a form the walk has not read.
    pub(crate) fn anywhere() -> Changes {
        Changes {
            any: true,
            dirty: None,
            root: 0,
            spelled: Vec::new(),
            next: std::cell::Cell::new(0),
        }
    }

    /// These changes if `form` is the document they were seen in, else [`Changes::anywhere`].
    pub(crate) fn of(self, form: &Doc) -> Changes {
        if address(form) == self.root {
            self
        } else {
            Changes::anywhere()
        }
    }

    /// The form may not be its own canonical form: the walk saw a value not written canonically, or a
    /// problem `normalize` may rewrite (not a wrong type, an unknown field or an unknown value).
    pub(crate) fn any(&self) -> bool {
        self.any
    }

    /// The canonical value the walk found the closed-list value `s` (of the list `e`) to spell, when it
    /// read that very text (same address and length in the walked document) against that very list: the
    /// answer [`crate::strict::EnumNode::spelling`] gave it, not asked again. `None` when the walk did not
    /// tell it (the caller looks it up).
    ///
    /// The values are asked for in the order the walk read them, some skipped (a canonical form's walk
    /// reads only the objects that hold a change): each lookup starts where the last one matched and looks
    /// a few values ahead at most, so a form of many closed-list values costs no more than reading them.
    pub(crate) fn spelling_of(&self, e: &crate::strict::EnumNode, s: &str) -> Option<&'static str> {
        /// Values skipped at most between two lookups before this one gives up (and the caller looks up).
        const AHEAD: usize = 8;
        let (text, len, list) = (s.as_ptr() as usize, s.len(), address(e));
        let from = self.next.get();
        let ahead = self.spelled.get(from..)?.iter().take(AHEAD);
        for (i, x) in ahead.enumerate() {
            if x.text == text && x.len == len && x.list == list {
                self.next.set(from + i + 1);
                return Some(x.canonical);
            }
        }
        None
    }

    /// How many closed-list values the walk told ([`Reporter::spelled`]), and how many of them
    /// [`Changes::spelling_of`] has answered so far.
    #[cfg(test)]
    pub(crate) fn told(&self) -> (usize, usize) {
        (self.spelled.len(), self.next.get())
    }

    /// The entries of the object `m` (of the walked document) that may hold a value that changes (bit `i` for
    /// entry `i`, [`crate::strict::entry_bit`]); `None` when none does.
    pub(crate) fn entries(&self, m: &crate::doc::Obj) -> Option<u64> {
        let Some(d) = &self.dirty else {
            return Some(u64::MAX);
        };
        let a = address(m);
        d.binary_search_by_key(&a, |&(at, _)| at)
            .ok()
            .map(|i| d[i].1)
    }
}

/// A value's address: how [`Changes`] names an object of the walked document, and the document itself.
fn address<T>(v: &T) -> usize {
    std::ptr::from_ref(v) as usize
}

impl Findings<'_> {
    /// More than [`crate::limits::MAX_FINDINGS`] found: the walk stops (and what is seen after is not
    /// reported). One finding past the limit is kept, so that the report can tell "more than" from "exactly".
    fn full(&self) -> bool {
        self.out.len() > crate::limits::MAX_FINDINGS
    }

    /// A text value `s` (trimmed: `t`) without an invalid character: a change when it is not in its canonical
    /// shape. Every value is tested (not only until the first change): the objects that hold a change are
    /// the only ones the canonical form's walk reads.
    #[inline(always)]
    fn text_change(&mut self, kind: crate::strict::TextKind, s: &str, t: &str) {
        if !super::normalize::is_canonical_text(kind, s, t) {
            self.changes += 1;
        }
    }

    /// The finding of a text with a control or invisible character `ch`, the `n`-th of the trimmed text (out
    /// of line: [`Reporter::seen`] is inlined into the walk for every value read).
    #[cold]
    #[inline(never)]
    fn invalid_character(&mut self, at: Seen<'_>, n: usize, ch: char) {
        self.changes += 1;
        if self.full() {
            return;
        }
        let n = crate::strict::itoa(n, &mut [0u8; 20]).to_owned();
        let mut shown = String::with_capacity(10);
        crate::mask::push_escaped(&mut shown, ch);
        crate::report::push_finding(
            self.out,
            Finding::with_clean(
                &c::INVALID_CHARACTERS,
                at.path().into_owned(),
                &[
                    ("field", at.title),
                    ("key", at.key),
                    ("char", &shown),
                    ("at", &n),
                ],
                if schema_digit_free() { 0b11 } else { 0 },
                schema_digit_free(),
            ),
        );
    }
}

impl Reporter for Findings<'_> {
    #[inline(always)]
    fn seen(&mut self, at: Seen<'_>, v: &Doc, exact: bool) {
        if let (Node::Str(kind), Doc::String(s)) = (at.node, v) {
            // Text: trimmed once, for the character check and the canonical test (`is_canonical_leaf`).
            let t = trimmed(s);
            if let Some((n, ch)) = super::normalize::invalid_char_trimmed(at.key, t) {
                self.invalid_character(at, n, ch);
                return;
            }
            self.text_change(*kind, s, t);
            return;
        }
        // A closed list's value is canonical when it is written as its canonical value (`exact`); other
        // scalars are tested by their shape.
        if !exact
            || (!matches!(at.node, Node::Enum(_))
                && !super::normalize::is_canonical_leaf(at.node, v))
        {
            self.changes += 1;
        }
    }
    fn seen_text(&mut self, kind: crate::strict::TextKind, s: &str) -> bool {
        // As `seen` of text, when no byte can start a control or invisible character (then there is no
        // invalid character to report, whatever the field).
        let t = trimmed(s);
        if !super::normalize::quiet_text(t) {
            return false;
        }
        self.text_change(kind, s, t);
        true
    }
    fn seen_canonical(&mut self) -> bool {
        // As `seen` of a value in its canonical shape: no change.
        true
    }
    fn mark(&self) -> usize {
        self.changes
    }
    // Out of line: the walk's path for a value written canonically (almost all) keeps only the test.
    #[inline(never)]
    fn spelled(&mut self, e: &crate::strict::EnumNode, s: &str, canonical: &'static str) {
        self.spelled.push(Spelled {
            text: s.as_ptr() as usize,
            len: s.len(),
            list: address(e),
            canonical,
        });
    }
    fn object_walked(&mut self, m: &crate::doc::Obj, mark: usize, entries: u64) {
        if self.changes != mark {
            self.dirty.push((address(m), entries));
        }
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
    fn report(&mut self, path: &str, title: &str, key: &str, p: Problem<'_>) -> bool {
        if self.full() {
            self.changes += 1;
            return true;
        }
        // The schema's texts among the arguments (`key` is the schema's key: the field was found by it, or
        // is missing): not counted for digits when the schema has none.
        let free = schema_digit_free();
        let clean = |bits: u16| if free { bits } else { 0 };
        // The path: the schema's keys and list indices (see `Finding::with_clean`), but for an unknown
        // field, whose own key ends it.
        //
        // A value of the wrong type, an unknown field and an unknown value of a closed list are what
        // `normalize` leaves as they are (it reads none of them: no type of its own, no field of the
        // schema, no canonical value), so they are no change: a form whose only problems they are is its own
        // canonical form, and is not walked again for it. Any other problem may have a canonical form (a
        // blank or full-width date is trimmed and folded, an integer written `8.0` made `8`).
        let unchanged = matches!(
            p,
            Problem::WrongType { .. } | Problem::UnknownField { .. } | Problem::UnknownValue { .. }
        );
        let f = match p {
            Problem::WrongType { node, got } => {
                let (ezh, een) = expected_of(node);
                let (gzh, gen) = kind_of(got);
                Finding::with_clean(
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
                    clean(0b1111),
                    free,
                )
            }
            Problem::UnknownField { expected } => Finding::with_clean(
                &c::UNKNOWN_FIELD,
                path,
                &[("expected", &expected)],
                clean(1),
                false,
            ),
            Problem::UnknownValue { value, expected } => {
                let shown = truncate_for_message(value);
                Finding::with_clean(
                    &c::UNKNOWN_VALUE,
                    path,
                    &[
                        ("field", title),
                        ("key", key),
                        ("value", &shown),
                        ("expected", expected),
                    ],
                    clean(0b1011),
                    free,
                )
            }
            Problem::Missing => Finding::with_clean(
                &c::REQUIRED,
                path,
                &[("field", title), ("key", key)],
                clean(0b11),
                free,
            ),
            Problem::Date { value, error } => {
                // Full-width digits were folded before parsing (form mode): a date is either malformed or
                // not a real day.
                let shown = truncate_for_message(value);
                let info = match &error {
                    DateError::NoSuchDay => &c::DATE_NO_SUCH_DAY,
                    DateError::FullWidth(_) | DateError::Format => &c::DATE_FORMAT,
                };
                Finding::with_clean(
                    info,
                    path,
                    &[("field", title), ("key", key), ("value", &shown)],
                    clean(0b11),
                    free,
                )
            }
            Problem::YearMonth { value } => {
                let shown = truncate_for_message(value);
                Finding::with_clean(
                    &c::YEAR_MONTH_FORMAT,
                    path,
                    &[("field", title), ("key", key), ("value", &shown)],
                    clean(0b11),
                    free,
                )
            }
            Problem::OutOfRange { value, min, max } => {
                let (a, b) = (min.to_string(), max.to_string());
                let (nn, nn_en) = crate::strict::quoted_number(value);
                Finding::with_clean(
                    &c::OUT_OF_RANGE,
                    path,
                    &[
                        ("field", title),
                        ("key", key),
                        ("value", &nn),
                        ("value_en", &nn_en),
                        ("min", &a),
                        ("max", &b),
                    ],
                    clean(0b11),
                    free,
                )
            }
        };
        crate::report::push_finding(self.out, f);
        if !unchanged {
            self.changes += 1;
        }
        self.full()
    }
}

/// Walk the whole form. Returns where its canonical form may differ from it (a value not written
/// canonically, or a problem other than a wrong type, an unknown field or an unknown value, which `normalize`
/// leaves as they are); [`Changes::any`] false means the form is its own canonical form.
pub(crate) fn walk_form(form: &Doc, out: &mut Vec<Finding>) -> Changes {
    let mut path = String::with_capacity(64);
    let mut r = Findings {
        out,
        changes: 0,
        dirty: Vec::new(),
        spelled: Vec::new(),
    };
    let stopped = crate::strict::walk(tree(), form, "登记表", "form", &mut path, &mut r);
    // A walk that stopped did not tell the objects it was in, nor read what follows: all may change.
    let dirty = (!stopped).then(|| {
        let mut d = r.dirty;
        d.sort_unstable_by_key(|&(at, _)| at);
        d
    });
    Changes {
        any: r.changes > 0,
        dirty,
        root: address(form),
        spelled: r.spelled,
        next: std::cell::Cell::new(0),
    }
}
