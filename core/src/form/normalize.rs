//! The canonical form: what `normalize` returns, what the field and cross-field checks read, what
//! departments receive (dispatch, pre-review), and what the published JSON Schema describes.
//!
//! Walking the form's tree (the same one the structural check uses), each value the form's rules can read is
//! written in one canonical way; anything else is left as it is (the report says why):
//!
//! | field | canonical | also accepted |
//! |---|---|---|
//! | closed lists | the list's canonical value (`中国共产主义青年团团员`) | the standard's code (`03`, `０３`), short name (`共青团员`), everyday word, with any spaces (`rules/codes/`) |
//! | integers, amounts | a JSON integer (`8`, `350000`) where the number is whole | a number with a zero fraction (`8.0`) |
//! | dates, year-months | `2024-09-30`, `2024-09` | full-width digits, spaces around |
//! | ID numbers | 17 digits and a digit or `X` | full-width, spaces anywhere, lowercase `x` |
//! | phones | mobile `13912345678`; landline `0351-7654321`, `0351-7654321-8` | `+86`/`0086`/`(+86)`, spaces and dashes between groups, `(0351)`, `转` (see `checks::phone`) |
//! | bank card | the digits | full-width, grouped by spaces or dashes |
//! | USCC | 18 upper-case characters | lowercase, spaces, full-width |
//! | 安置地 | the 6-digit code | full-width, spaces; the division's name (`小店区`, `太原市小店区`) |
//! | other text | trimmed | surrounding spaces (also U+3000, NBSP) |
//!
//! An optional text field that is blank means "not filled in" and is left out of the canonical form. Keys
//! the form does not know, values of the wrong type, and values no rule can read (an ID number of 17
//! characters, an unknown list value) stay as they are.
//!
//! The walk allocates only where a value changes: the canonical form of a canonical form is the same
//! document, borrowed.

use std::borrow::Cow;

use super::walk::{blank, trimmed, Changes, Node};
use crate::checks;
use crate::date::to_half_width;
use crate::doc::{Doc, Edit};
use crate::strict::{marked_entries, TextKind};

/// The kind of the string field `key` (the same key means the same kind everywhere in the form): set on
/// the form's tree once ([`set_text_kinds`]), so that a value's kind is read from its node.
pub(crate) fn kind_of(key: &str) -> TextKind {
    match key {
        "id_number" | "sponsor_id_number" => TextKind::Id,
        "phone" | "emergency_contact_phone" | "legal_representative_phone" => TextKind::Phone,
        "bank_card_number" => TextKind::BankCard,
        "uscc" => TextKind::Uscc,
        "resettlement_place" => TextKind::Division,
        _ => TextKind::Free,
    }
}

/// Every text node under `node` (the value of field `key`, "" for the root) given the kind of its field's key:
/// a list's items and a nullable value take their field's.
pub(crate) fn set_text_kinds(node: &mut Node, key: &str) {
    match node {
        Node::Str(kind) => *kind = kind_of(key),
        Node::Arr(inner) | Node::Nullable(inner) => set_text_kinds(inner, key),
        Node::Obj(o) => {
            for f in &mut o.fields {
                set_text_kinds(&mut f.2, f.0);
            }
        }
        _ => {}
    }
}

/// What becomes of one value.
enum Change<'a> {
    Same,
    To(Doc<'a>),
    /// A blank optional field: left out.
    Drop,
}

/// The canonical form of `form` (borrowed when it is canonical already).
pub(crate) fn canonical<'b, 'a>(form: &'b Doc<'a>) -> Cow<'b, Doc<'a>> {
    canonical_where(form, Changes::anywhere())
}

/// [`canonical`] of a form the walk has just read, told where it saw changes: objects that hold none are
/// not read again.
pub(crate) fn canonical_where<'b, 'a>(form: &'b Doc<'a>, changes: Changes) -> Cow<'b, Doc<'a>> {
    let changes = changes.of(form);
    match canon(super::walk::tree(), form, true, &changes) {
        Change::To(d) => Cow::Owned(d),
        Change::Same | Change::Drop => Cow::Borrowed(form),
    }
}

/// [`canonical_where`], and what it took from the walk ([`Changes::told`]: the closed-list values the walk
/// told, and how many of them were answered from there rather than looked up again).
#[cfg(test)]
pub(crate) fn canonical_told<'b, 'a>(
    form: &'b Doc<'a>,
    changes: Changes,
) -> (Cow<'b, Doc<'a>>, (usize, usize)) {
    let changes = changes.of(form);
    let c = match canon(super::walk::tree(), form, true, &changes) {
        Change::To(d) => Cow::Owned(d),
        Change::Same | Change::Drop => Cow::Borrowed(form),
    };
    (c, changes.told())
}

/// [`canonical`] in place, on a form the caller owns (parsed from its text): the same canonical form, with
/// nothing copied. A value that changes is replaced where it is, a blank optional field removed; the rest
/// of the document is not touched (`canonical` has to copy every section around a changed value).
pub(crate) fn canonicalize(form: &mut Doc<'_>) {
    canonicalize_where(form, Changes::anywhere());
}

/// [`canonicalize`] of a form the walk has just read, told where it saw changes (see [`canonical_where`]).
pub(crate) fn canonicalize_where(form: &mut Doc<'_>, changes: Changes) {
    let changes = changes.of(form);
    canon_mut(super::walk::tree(), form, true, &changes);
}

/// [`canon`] in place: false when `v` is a blank optional field, to be left out by its object.
fn canon_mut<'a>(node: &Node, v: &mut Doc<'a>, required: bool, changes: &Changes) -> bool {
    match (node, &mut *v) {
        (Node::Nullable(inner), _) => canon_mut(inner, v, required, changes),
        (Node::Obj(o), Doc::Object(m)) => {
            let Some(entries) = changes.entries(m) else {
                return true;
            };
            // Only the entries that may hold a change are read, in order (an entry without one is kept as it
            // is, its key not even looked up); a blank optional field among them is removed afterwards.
            let mut blank = Vec::new();
            for i in marked_entries(entries, m.len()) {
                let Some((t, k, x)) = m.entry_mut(i) else {
                    break;
                };
                if let Some((_, _, n, req)) = o.field(t, k) {
                    if !canon_mut(n, x, *req, changes) {
                        blank.push(i);
                    }
                }
            }
            if !blank.is_empty() {
                m.remove_entries(&blank);
            }
            true
        }
        (Node::Arr(item), Doc::Array(a)) => {
            // As in `canon`: an item is never left out of its list.
            for x in a.iter_mut() {
                canon_mut(item, x, true, changes);
            }
            true
        }
        // A leaf (or a value of the wrong type): its change, as `canon` makes it.
        _ => match canon(node, v, required, changes) {
            Change::Same => true,
            Change::To(d) => {
                *v = d;
                true
            }
            Change::Drop => false,
        },
    }
}

fn canon<'a>(node: &Node, v: &Doc<'a>, required: bool, changes: &Changes) -> Change<'a> {
    match (node, v) {
        (Node::Nullable(inner), _) => canon(inner, v, required, changes),
        (Node::Obj(o), Doc::Object(m)) => {
            let Some(entries) = changes.entries(m) else {
                return Change::Same;
            };
            // As in `canon_mut`: only the entries that may hold a change are read, in order; the edits are
            // made at the first change.
            let mut edits: Option<Vec<Edit<'a>>> = None;
            for i in marked_entries(entries, m.len()) {
                let Some((t, k, x)) = m.entry(i) else {
                    break;
                };
                let edit = match o.field(t, k) {
                    Some((_, _, n, req)) => match canon(n, x, *req, changes) {
                        Change::Same => continue,
                        Change::To(d) => Edit::Replace(d),
                        Change::Drop => Edit::Remove,
                    },
                    None => continue,
                };
                let e = edits.get_or_insert_with(|| vec![Edit::Keep; m.len()]);
                if let Some(slot) = e.get_mut(i) {
                    *slot = edit;
                }
            }
            match edits {
                Some(e) => Change::To(Doc::Object(m.rebuilt(e))),
                None => Change::Same,
            }
        }
        (Node::Arr(item), Doc::Array(a)) => {
            let mut out: Option<Vec<Doc<'a>>> = None;
            for (i, x) in a.iter().enumerate() {
                match (canon(item, x, true, changes), &mut out) {
                    (Change::To(d), None) => {
                        let mut v: Vec<Doc<'a>> = Vec::with_capacity(a.len());
                        v.extend_from_slice(&a[..i]);
                        v.push(d);
                        out = Some(v);
                    }
                    (Change::To(d), Some(v)) => v.push(d),
                    (_, Some(v)) => v.push(x.clone()),
                    (_, None) => {}
                }
            }
            out.map_or(Change::Same, |v| Change::To(Doc::Array(v)))
        }
        // The canonical value the walk found this spelling to mean, or (a value it did not tell) looked up.
        (Node::Enum(e), Doc::String(s)) => {
            let told = changes.spelling_of(e, s);
            match told.or_else(|| e.spelling(s).and_then(|(c, exact)| (!exact).then_some(c))) {
                Some(c) => Change::To(Doc::String(Cow::Borrowed(c))),
                None => Change::Same,
            }
        }
        (Node::Int { .. }, Doc::Number(n)) if n.is_f64() => {
            match crate::strict::integer(n).and_then(|i| i64::try_from(i).ok()) {
                Some(i) => Change::To(Doc::Number(i.into())),
                None => Change::Same,
            }
        }
        // An amount with a zero fraction (`350000.0`) is written as the integer it is (exactly: below 2^53).
        (Node::Num, Doc::Number(n)) if n.is_f64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                Change::To(Doc::Number((f as i64).into()))
            }
            _ => Change::Same,
        },
        (Node::Date | Node::YearMonth, Doc::String(s)) => {
            let folded = fold(s);
            if folded == s.as_ref() {
                Change::Same
            } else {
                Change::To(Doc::String(sub(s, folded)))
            }
        }
        (Node::Str(kind), Doc::String(s)) => {
            if blank(s) {
                return if required { Change::Same } else { Change::Drop };
            }
            match text(*kind, s) {
                Some(t) => Change::To(Doc::String(t)),
                None => Change::Same,
            }
        }
        _ => Change::Same,
    }
}

/// `s` trimmed, with full-width ASCII folded to half-width (a borrowed slice of `s` when nothing but the
/// trimming changes).
pub(crate) fn fold(s: &str) -> Cow<'_, str> {
    match to_half_width(trimmed(s)) {
        Cow::Borrowed(b) => Cow::Borrowed(b),
        Cow::Owned(o) => Cow::Owned(o.trim().to_string()),
    }
}

/// A `Cow` for `t`, a value derived from `s`: borrowed from the document when `t` is a slice of `s` and `s`
/// was borrowed from it.
fn sub<'a>(s: &Cow<'a, str>, t: Cow<'_, str>) -> Cow<'a, str> {
    if let (Cow::Borrowed(whole), Cow::Borrowed(part)) = (s, &t) {
        let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        if let Some(slice) = whole.get(start..start + part.len()) {
            if slice.as_ptr() == part.as_ptr() {
                return Cow::Borrowed(slice);
            }
        }
    }
    Cow::Owned(t.into_owned())
}

/// The canonical text of a filled-in string field of `kind`, or `None` when it is canonical already. Free
/// text is trimmed only (its full-width punctuation is Chinese punctuation); a coded value is also folded to
/// half-width and, when its shape can be read, written in its canonical shape.
fn text<'a>(kind: TextKind, s: &Cow<'a, str>) -> Option<Cow<'a, str>> {
    if is_canonical(kind, s) {
        return None;
    }
    let folded = match kind {
        TextKind::Free => Cow::Borrowed(trimmed(s)),
        _ => fold(s),
    };
    let coded = match kind {
        TextKind::Free => None,
        TextKind::Id => checks::id_number::canonical(&folded),
        TextKind::Phone => checks::phone::canonical(&folded).ok(),
        TextKind::BankCard => checks::bank_card::canonical(&folded).ok(),
        TextKind::Uscc => checks::uscc::canonical(&folded),
        TextKind::Division => division_code(&folded),
    };
    let t = match coded {
        Some(c) => Cow::Owned(c),
        None => folded,
    };
    (t != s.as_ref()).then(|| sub(s, t))
}

/// [`is_canonical_leaf`] of a text field's value `s`, given `t = trimmed(s)`: filled in (not blank: `t` is
/// empty exactly when `s` is all whitespace) and in its canonical shape (free text: `t` is `s`).
pub(crate) fn is_canonical_text(kind: TextKind, s: &str, t: &str) -> bool {
    !t.is_empty()
        && match kind {
            TextKind::Free => t.len() == s.len(),
            kind => is_canonical(kind, s),
        }
}

/// Already in its canonical shape? (Answered without allocating, for the common case.)
fn is_canonical(kind: TextKind, s: &str) -> bool {
    let b = s.as_bytes();
    match kind {
        TextKind::Free => trimmed(s).len() == s.len(),
        TextKind::Id => {
            b.len() == 18
                && b[..17].iter().all(u8::is_ascii_digit)
                && (b[17].is_ascii_digit() || b[17] == b'X')
        }
        TextKind::Phone => checks::phone::is_canonical(s),
        TextKind::BankCard => (12..=19).contains(&b.len()) && b.iter().all(u8::is_ascii_digit),
        TextKind::Uscc => {
            b.len() == 18
                && b.iter()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        }
        TextKind::Division => b.len() == 6 && b.iter().all(u8::is_ascii_digit),
    }
}

/// Fields whose text may run over several lines (line breaks and tabs inside are kept).
const MULTILINE: &[&str] = &["relocation_basis", "disability_details", "description"];

/// The first character of a text field (after trimming) that has no place in it, with its position
/// (1-based, in characters): a control character (C0, DEL, C1 — escape sequences start with one), or an
/// invisible format character (zero-width, bidirectional controls, BOM …, see `crate::mask::is_invisible`).
/// Line breaks and tabs are allowed inside the free-text descriptions ([`MULTILINE`]).
pub(crate) fn invalid_char(key: &str, s: &str) -> Option<(usize, char)> {
    invalid_char_trimmed(key, trimmed(s))
}

/// [`invalid_char`] of a text already trimmed.
#[inline]
pub(crate) fn invalid_char_trimmed(key: &str, t: &str) -> Option<(usize, char)> {
    // Fast path: printable ASCII, and characters whose UTF-8 lead byte is E4–EE (U+4000–U+EFFF: the CJK
    // ideographs of names and addresses), among which there is no control and no invisible character
    // (`crate::mask::is_invisible` lists none there); continuation bytes (80–BF) belong to those.
    if quiet_text(t) {
        return None;
    }
    first_invalid_char(key, t)
}

/// No byte of `t` can start a control or invisible character: [`invalid_char_trimmed`] of it is `None`
/// whatever the field (its fast path).
#[inline]
pub(crate) fn quiet_text(t: &str) -> bool {
    quiet_bytes(t.as_bytes())
}

/// [`invalid_char_trimmed`] of a text with a byte off its fast path: character by character.
#[inline(never)]
fn first_invalid_char(key: &str, t: &str) -> Option<(usize, char)> {
    let multiline = MULTILINE.contains(&key);
    t.chars().enumerate().find_map(|(i, c)| {
        let allowed = multiline && matches!(c, '\n' | '\r' | '\t');
        let bad = !allowed && (c.is_control() || crate::mask::is_invisible(c));
        bad.then_some((i + 1, c))
    })
}

/// Is `b` a quiet byte: printable ASCII, a UTF-8 continuation byte (80–BF) or a lead byte E4–EE
/// ([`crate::strict::is_cjk_lead`])? No control or invisible character starts with one. The definition
/// [`loud_lanes`] is tested against.
#[cfg(test)]
fn quiet_byte(b: u8) -> bool {
    (0x20..0x7f).contains(&b) | (0x80..0xc0).contains(&b) | crate::strict::is_cjk_lead(b)
}

/// The bytes of `w` (eight, one per lane) that are not quiet bytes (printable ASCII, 80–BF, E4–EE), as their
/// high bits. Exact per byte: every sum below stays within its byte (a lane's low seven bits plus at most
/// 0x7f), so no carry crosses lanes. (On x86-64 short texts are tested by [`quiet_words`]' vector compares.)
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
fn loud_lanes(w: u64) -> u64 {
    use crate::mask::{HIGH, ONES};
    // Each lane's low seven bits; the lanes ≥ 0x80; the lanes ≥ 0xC0 (bits 7 and 6 set: `w << 1` moves bit 6
    // up to bit 7 within its lane).
    let low = w & !HIGH;
    let high = w & HIGH;
    let lead = high & (w << 1);
    // ASCII lanes: loud below 0x20 (adding 0x60 does not reach bit 7) or at 0x7F (adding 1 does).
    let below_space = !low.wrapping_add(ONES * 0x60) & HIGH;
    let del = low.wrapping_add(ONES) & HIGH;
    let ascii_loud = !high & HIGH & (below_space | del);
    // Lead lanes: quiet only within E4–EE, i.e. low seven bits within 0x64–0x6E.
    let at_least_e4 = low.wrapping_add(ONES * (0x80 - 0x64)) & HIGH;
    let above_ee = low.wrapping_add(ONES * (0x7f - 0x6e)) & HIGH;
    let lead_loud = lead & (!at_least_e4 | above_ee);
    ascii_loud | lead_loud
}

/// No byte of `b` can start a control or invisible character: each is printable ASCII, a continuation byte or
/// a lead byte E4–EE. A text of 16 bytes or more is read sixteen bytes at a time, in a form the compiler turns
/// into vector compares, its last sixteen overlapping the blocks read (which changes nothing); a shorter one
/// as two words, the first eight bytes and the last eight (overlapping), or one padded with spaces (quiet)
/// when there are fewer ([`quiet_words`]).
#[inline]
fn quiet_bytes(b: &[u8]) -> bool {
    if let Some(last) = b.last_chunk::<16>() {
        for block in b.chunks_exact(16) {
            let mut a = [0u8; 16];
            a.copy_from_slice(block);
            if !quiet_block(&a) {
                return false;
            }
        }
        return quiet_block(last);
    }
    let head = match b.first_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => crate::mask::partial_le(b, b' '),
    };
    let tail = match b.last_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => head,
    };
    quiet_words(head, tail)
}

/// No loud byte in either word: on x86-64 both tested at once by SSE2 compares of the [`QUIET`] ranges
/// (through `safe_arch`); elsewhere each by [`loud_lanes`].
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn quiet_words(head: u64, tail: u64) -> bool {
    use safe_arch::{
        add_i8_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, m128i, min_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let v = m128i::from([head, tail]);
    // A byte is in `lo..lo + n` when, less `lo` (wrapping), its unsigned minimum with `n - 1` is itself.
    let within = |lo: u8, n: u8| {
        let t = add_i8_m128i(v, set_splat_i8_m128i(lo.wrapping_neg() as i8));
        cmp_eq_mask_i8_m128i(min_u8_m128i(t, set_splat_i8_m128i((n - 1) as i8)), t)
    };
    let [a, b, c] = QUIET;
    let quiet = bitor_m128i(
        bitor_m128i(within(a.0, a.1), within(b.0, b.1)),
        within(c.0, c.1),
    );
    move_mask_i8_m128i(quiet) == 0xffff
}

/// See the x86-64 one.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn quiet_words(head: u64, tail: u64) -> bool {
    loud_lanes(head) == 0 && loud_lanes(tail) == 0
}

/// The quiet bytes as ranges (first byte, how many): printable ASCII 20–7E, continuation bytes 80–BF, lead
/// bytes E4–EE. What [`quiet_block`] and [`quiet_words`] test (`quiet_byte` is the tests' own definition).
const QUIET: [(u8, u8); 3] = [(0x20, 0x5f), (0x80, 0x40), (0xe4, 0x0b)];

/// Are these sixteen bytes quiet ([`QUIET`])? Without a branch per byte.
#[inline(always)]
fn quiet_block(a: &[u8; 16]) -> bool {
    let [r, s, t] = QUIET;
    let loud = a.iter().fold(0u8, |acc, &x| {
        let quiet =
            x.wrapping_sub(r.0) < r.1 || x.wrapping_sub(s.0) < s.1 || x.wrapping_sub(t.0) < t.1;
        acc | u8::from(!quiet)
    });
    loud == 0
}

/// Is a scalar that the structural walk read without a problem already canonical? (What the walk asks, so
/// that a canonical form is not walked a second time.) Closed lists are answered by the walk itself.
pub(crate) fn is_canonical_leaf(node: &Node, v: &Doc) -> bool {
    match (node, v) {
        (Node::Str(kind), Doc::String(s)) => is_canonical_text(*kind, s, trimmed(s)),
        (Node::Int { .. }, Doc::Number(n)) => !n.is_f64(),
        (Node::Num, Doc::Number(n)) => {
            !(n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0))
        }
        (Node::Date | Node::YearMonth, Doc::String(s)) => {
            s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        }
        _ => true,
    }
}

/// A division code typed with spaces (its six digits), or the name of one division (`小店区`,
/// `太原市小店区`, `山西省大同市大同县`): its code, so that the place checks say what the code is (current,
/// abolished, a city, outside Shanxi). A bare name is read within Shanxi; a name that several divisions share
/// is left as typed.
fn division_code(s: &str) -> Option<String> {
    let c: String = s.chars().filter(|c| *c != ' ').collect();
    if c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()) {
        return Some(c);
    }
    let p = checks::divisions::parse_place(&c, Some("140000"));
    if p.consumed != c.len() {
        return None;
    }
    let named = [p.county, p.city, p.province]
        .into_iter()
        .find(|v| !v.is_empty())?;
    match named.as_slice() {
        [one] => Some(checks::divisions::code_str(*one)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text node of the form's tree holds the kind of its field's key (list items and nullable values
    /// their field's), and each kind of coded number is on some field.
    #[test]
    fn text_nodes_hold_their_field_s_kind() {
        fn check(n: &Node, key: &str, seen: &mut Vec<TextKind>) {
            match n {
                Node::Str(kind) => {
                    assert_eq!(*kind, kind_of(key), "{key}");
                    seen.push(*kind);
                }
                Node::Arr(i) | Node::Nullable(i) => check(i, key, seen),
                Node::Obj(o) => o.fields.iter().for_each(|f| check(&f.2, f.0, seen)),
                _ => {}
            }
        }
        let mut seen = Vec::new();
        check(super::super::walk::tree(), "", &mut seen);
        for kind in [
            TextKind::Free,
            TextKind::Id,
            TextKind::Phone,
            TextKind::BankCard,
            TextKind::Uscc,
            TextKind::Division,
        ] {
            assert!(seen.contains(&kind), "{kind:?} on no field");
        }
    }

    /// `quiet_words` is true exactly when every byte of both words is quiet: every byte value in each of the
    /// sixteen lanes, among neighbours of each kind.
    #[test]
    fn quiet_words_is_the_byte_predicate() {
        for b in 0..=255u8 {
            for lane in 0..16 {
                for fill in [0x20u8, 0x61, 0x7e, 0x80, 0xbf, 0xe4, 0xee, 0x7f, 0xc0, 0xff] {
                    let mut a = [fill; 16];
                    a[lane] = b;
                    let word = |h: &[u8]| u64::from_le_bytes(h.try_into().unwrap_or([0; 8]));
                    assert_eq!(
                        quiet_words(word(&a[..8]), word(&a[8..])),
                        a.iter().all(|&x| quiet_byte(x)),
                        "{a:x?}"
                    );
                }
            }
        }
    }

    /// `loud_lanes` flags exactly the lanes that are not quiet bytes, for every byte value in every lane
    /// (whatever its neighbours: a carry or borrow crossing lanes would show here).
    #[test]
    fn loud_lanes_is_the_byte_predicate() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                for fill in [
                    0x00u8, 0x20, 0x7f, 0x80, 0xbf, 0xc0, 0xe3, 0xe4, 0xee, 0xef, 0xff,
                ] {
                    let mut a = [fill; 8];
                    a[lane] = b;
                    let m = loud_lanes(u64::from_le_bytes(a));
                    for (i, &x) in a.iter().enumerate() {
                        assert_eq!(m >> (8 * i + 7) & 1 == 1, !quiet_byte(x), "{a:x?} lane {i}");
                        assert_eq!(m >> (8 * i) & 0x7f, 0, "{a:x?}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// `quiet_bytes` (sixteen or eight at a time) is the byte predicate over the whole slice, at every length.
        #[test]
        fn quiet_bytes_is_the_naive_scan(bytes in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::any::<u8>(),
                proptest::sample::select(vec![0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xbf, 0xc0, 0xe3, 0xe4, 0xee, 0xef]),
                proptest::sample::select(vec![b'a', 0xe5, 0x8f, 0x96]),
            ],
            0..70,
        )) {
            proptest::prop_assert_eq!(quiet_bytes(&bytes), bytes.iter().all(|&x| quiet_byte(x)));
        }

        /// The same on quiet texts of any length with one byte of any value put anywhere (the case of a single
        /// control or invisible character in a long address, which random bytes almost never make).
        #[test]
        fn quiet_bytes_finds_one_loud_byte_anywhere(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![0x20, 0x7e, 0x80, 0xbf, 0xe4, 0xee, b'a', 0xe5, 0x8f]),
                1..80,
            ),
            at in proptest::prelude::any::<proptest::sample::Index>(),
            byte in proptest::prelude::any::<u8>(),
        ) {
            let mut bytes = bytes;
            let i = at.index(bytes.len());
            bytes[i] = byte;
            proptest::prop_assert_eq!(quiet_bytes(&bytes), bytes.iter().all(|&x| quiet_byte(x)));
        }
    }

    fn canon_value(v: serde_json::Value) -> serde_json::Value {
        let d = Doc::from_value(&v);
        canonical(&d).to_value()
    }

    #[test]
    fn a_canonical_form_is_borrowed() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/form.json"
        ))
        .unwrap();
        let d = crate::parse::parse(&text).unwrap();
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    /// Made in place from the walk's changes, the canonical form reads only the entries that hold a change
    /// and removes the blank optional fields among them — first, last, side by side, beside values that
    /// change and values that do not, in the sections and in a family member — as the copying `canonical`
    /// does.
    #[test]
    fn blank_fields_are_removed_in_place() {
        let v = serde_json::json!({
            "basic_info": {"emergency_contact": " ", "name": " 王晓军 ", "political_status": "03",
                "ethnicity": "汉族", "emergency_phone": "", "current_address": "\u{3000}", "phone": "139 1234 5678",
                "former_name": "  "},
            "service_info": {"unit": "", "years_of_service": 8.0},
            "family_members": [{"name": "甲", "relation": "父亲", "phone": " ", "work_unit": "\t"},
                {"name": " 乙 ", "relation": "母亲"}]
        });
        let d = Doc::from_value(&v);
        let copied = canonical(&d).to_value();
        let mut in_place = d.clone();
        let changes = super::super::walk::walk_form(&in_place, &mut Vec::new());
        canonicalize_where(&mut in_place, changes);
        assert_eq!(in_place.to_value(), copied);
        // And copied, reading only those entries.
        let changes = super::super::walk::walk_form(&d, &mut Vec::new());
        assert_eq!(canonical_where(&d, changes).to_value(), copied);
        let basic = copied["basic_info"].as_object().unwrap();
        let keys: Vec<&str> = basic.keys().map(String::as_str).collect();
        assert!(
            !keys.contains(&"emergency_contact") && keys.contains(&"name"),
            "{keys:?}"
        );
        assert_eq!(
            copied["basic_info"]["political_status"],
            "中国共产主义青年团团员"
        );
        assert_eq!(copied["family_members"][1]["name"], "乙");
        assert!(copied["family_members"][0].get("phone").is_none());
    }

    #[test]
    fn values_become_canonical() {
        let v = serde_json::json!({
            "basic_info": {"political_status": "03", "ethnicity": " 汉 ", "phone": "+86 139 1234 5678",
                "id_number": "１４０１０５ １９９８０３１５ ３０１ｘ", "resettlement_place": " 140105",
                "name": " 王晓军 ", "emergency_contact": " ", "household_category": "城镇户口",
                "current_address": "\u{3000}太原市，小店区（坞城路）１２号 "},
            "service_info": {"years_of_service": 8.0, "enlistment_date": "２０１６－０９－１０ "},
            "other_info": {"bank_card_number": "6222 0212 3456 7890 128"},
            "family_members": [{"name": "甲", "relation": "父亲", "phone": "(0351)7654321"}, {"name": "乙", "relation": "母亲"}],
            "unknown": " x "
        });
        let c = canon_value(v);
        assert_eq!(
            c["basic_info"]["political_status"],
            "中国共产主义青年团团员"
        );
        assert_eq!(c["basic_info"]["ethnicity"], "汉族");
        assert_eq!(c["basic_info"]["phone"], "13912345678");
        assert_eq!(c["basic_info"]["id_number"], "14010519980315301X");
        assert_eq!(c["basic_info"]["resettlement_place"], "140105");
        assert_eq!(c["basic_info"]["name"], "王晓军");
        // Free text is trimmed only: its full-width punctuation and digits stay.
        assert_eq!(
            c["basic_info"]["current_address"],
            "太原市，小店区（坞城路）１２号"
        );
        assert_eq!(c["basic_info"]["household_category"], "城镇");
        assert!(c["basic_info"].get("emergency_contact").is_none());
        assert_eq!(c["service_info"]["years_of_service"], 8);
        assert!(c["service_info"]["years_of_service"].is_u64());
        assert_eq!(c["service_info"]["enlistment_date"], "2016-09-10");
        assert_eq!(c["other_info"]["bank_card_number"], "6222021234567890128");
        assert_eq!(c["family_members"][0]["phone"], "0351-7654321");
        assert_eq!(c["family_members"][1]["name"], "乙");
        assert_eq!(c["unknown"], " x ");
        // A fixed point.
        assert_eq!(canon_value(c.clone()), c);
    }

    #[test]
    fn what_cannot_be_read_stays() {
        let v = serde_json::json!({"basic_info": {"political_status": "党员", "phone": "139123",
            "id_number": " 1401051998 ", "ethnicity": 1, "gender": ""}});
        let c = canon_value(v);
        assert_eq!(c["basic_info"]["political_status"], "党员");
        assert_eq!(c["basic_info"]["phone"], "139123");
        assert_eq!(c["basic_info"]["id_number"], "1401051998");
        assert_eq!(c["basic_info"]["ethnicity"], 1);
        assert_eq!(c["basic_info"]["gender"], "");
    }

    /// The fast paths of `invalid_char` and `strict::blank` skip characters whose UTF-8 lead byte is E4–EE:
    /// none of U+4000–U+EFFF may be a control, invisible or whitespace character.
    #[test]
    fn no_control_invisible_or_space_in_u4000_to_uefff() {
        for c in ('\u{4000}'..='\u{efff}').filter(|c| !(0xd800..0xe000).contains(&(*c as u32))) {
            assert!(
                !c.is_control() && !crate::mask::is_invisible(c) && !c.is_whitespace(),
                "{c:?}"
            );
            let mut b = [0u8; 4];
            let lead = c.encode_utf8(&mut b).as_bytes()[0];
            assert!(crate::strict::is_cjk_lead(lead), "{c:?}");
        }
        assert_eq!(
            invalid_char("name", "王\u{200b}晓军"),
            Some((2, '\u{200b}'))
        );
        assert_eq!(invalid_char("name", "王晓军"), None);
        assert!(crate::strict::blank("\u{3000}"));
    }
}
