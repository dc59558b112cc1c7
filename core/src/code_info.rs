//! A stable code with its Chinese and English message templates ([`CodeInfo`]), and how messages are
//! rendered from them ([`render`]).
//!
//! Every module declares the codes it raises as typed constants (`pub const X: CodeInfo = code(…)`) and lists
//! them in its `CODES` table; [`crate::catalogue`] assembles the tables at the top of the crate. Messages are
//! always built from these templates — never written inline, never keyed on message text, never parsed.
//!
//! Templates use `{name}` placeholders filled by [`render`]. Values quoted into a message must already be
//! masked (see [`crate::mask`]).

use serde::Serialize;

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks: the input is wrong / the applicant is not eligible / the form is invalid.
    Error,
    /// Does not block, but a clerk should look (e.g. a Luhn failure on a bank card).
    Warning,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
pub struct CodeInfo {
    /// Stable snake_case code.
    pub code: &'static str,
    /// Which part of tuiyi produces it: `input`, `calendar`, `rules`, `eligibility`, `plan`, `form`, `prereview`.
    pub area: &'static str,
    pub severity: Severity,
    /// Chinese message template (`{placeholders}`).
    pub template_zh: &'static str,
    /// English message template.
    pub template_en: &'static str,
    /// Where the rule comes from (clause of the seed, law, national standard); "" for plain input errors.
    pub rule: &'static str,
    /// The decimal digits in each template (Chinese, English), counted when the code is declared (ASCII and
    /// full-width digits; a test proves the templates hold no other). See [`scrubbed_messages`].
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) digits: (u16, u16),
    /// Where each template's placeholders are (Chinese, English), found when the code is declared.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) holes: (Holes, Holes),
}

/// The most placeholders whose places a [`Holes`] holds (a template with more is read as [`render`] reads it).
const MAX_HOLES: usize = 10;

/// The `{name}` placeholders of a template, as [`render`] finds them: the byte offsets of each `{` and of the
/// `}` that closes it, found at compile time, so that a message is rendered without searching its template.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Holes {
    /// How many; `u8::MAX` when there are more than [`MAX_HOLES`] (or the template is longer than 64 KB).
    n: u8,
    at: [(u16, u16); MAX_HOLES],
    /// The template cut at its placeholders, cut when the code is declared: the text before placeholder `k`
    /// (after placeholder `k - 1`) is `pieces[k]`, the text after the last is `pieces[n]`; placeholder `k`'s
    /// name is `names[k]`. A message is rendered from them without slicing its template (each slice checked
    /// character boundaries at both ends).
    pieces: [&'static str; MAX_HOLES + 1],
    names: [&'static str; MAX_HOLES],
    /// No digit run of a rendered message can cross the edge of a placeholder ([`sealed_hole`]), and masking
    /// leaves the template's own text alone ([`own_runs_kept`]): the message's long runs are those of the
    /// values put in.
    sealed: bool,
    /// Not `sealed` only because placeholders stand next to each other with nothing but separators between
    /// them (`{key} {value}`): bit `k` set when placeholder `k` is so joined to placeholder `k - 1`. Such a
    /// template is sealed for the values given it when each joined pair's first value ends with a character
    /// no run goes on through ([`sealed_for`]).
    joinable: bool,
    joined: u16,
}

/// Continuation byte `k` of the character starting at byte `s` of `b`: its six bits.
const fn tail(b: &[u8], s: usize, k: usize) -> u32 {
    (b[s + k] as u32) & 0x3F
}

/// The character whose UTF-8 starts at byte `s` of `b`, and its length (`b` is a `str`'s bytes).
const fn char_at(b: &[u8], s: usize) -> (u32, usize) {
    let c0 = b[s] as u32;
    if c0 < 0x80 {
        (c0, 1)
    } else if c0 < 0xE0 {
        (((c0 & 0x1F) << 6) | tail(b, s, 1), 2)
    } else if c0 < 0xF0 {
        (
            ((c0 & 0x0F) << 12) | (tail(b, s, 1) << 6) | tail(b, s, 2),
            3,
        )
    } else {
        let hi = ((c0 & 0x07) << 18) | (tail(b, s, 1) << 12);
        (hi | (tail(b, s, 2) << 6) | tail(b, s, 3), 4)
    }
}

/// Whether `u` may be a decimal digit of some script ([`crate::mask::digit_value`]), by whole blocks: when
/// unsure, yes.
const fn may_be_digit(u: u32) -> bool {
    matches!(u, 0x30..=0x39 | 0x660..=0x1C59 | 0xA620..=0xABF9 | 0xFF10..=0xFF19 | 0x10000..)
}

/// Whether `u` is a character that may stand between the digits of one run
/// ([`crate::mask::is_digit_separator`]).
const fn is_separator(u: u32) -> bool {
    match char::from_u32(u) {
        Some(c) => crate::mask::is_digit_separator(c),
        None => false,
    }
}

/// Whether `u` is a check character, which belongs to a run it directly follows ([`crate::mask::is_check_x`]).
const fn is_check(u: u32) -> bool {
    match char::from_u32(u) {
        Some(c) => crate::mask::is_check_x(c),
        None => false,
    }
}

/// Whether `b[start..end]` is written `YYYY-MM-DD` or `YYYY-MM` in ASCII: a date, which masking leaves alone.
const fn ascii_date(b: &[u8], start: usize, end: usize) -> bool {
    let n = end - start;
    if n != 10 && n != 7 {
        return false;
    }
    let mut k = 0;
    while k < n {
        let c = b[start + k];
        let ok = match k {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        };
        if !ok {
            return false;
        }
        k += 1;
    }
    true
}

/// Whether masking leaves the template's own text alone: each run of (possible) digits, separators between
/// them and a check character after them holds at most [`crate::mask::MAX_VISIBLE_DIGITS`] digits or is an
/// ASCII date. (Runs are found as masking finds them, with every character that may be a digit taken for one:
/// a run found here holds the one masking finds.)
const fn own_runs_kept(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let (u, len) = char_at(b, i);
        if !may_be_digit(u) {
            i += len;
            continue;
        }
        let (start, mut end, mut j, mut digits) = (i, i, i, 0);
        while j < b.len() {
            let (u, len) = char_at(b, j);
            if may_be_digit(u) {
                digits += 1;
                j += len;
                end = j;
            } else if is_separator(u) {
                j += len;
            } else {
                break;
            }
        }
        // A check character right after the last digit makes the run no date.
        let date = !(j == end && j < b.len() && is_check(char_at(b, j).0));
        if digits > crate::mask::MAX_VISIBLE_DIGITS && !(date && ascii_date(b, start, end)) {
            return false;
        }
        i = if j > i { j } else { i + 1 };
    }
    true
}

/// Whether the placeholder `b[open..=close]` is sealed: its name holds no digit (an unknown placeholder is
/// written as it stands); before it, past any separators, the template starts or a character that is no
/// digit stands; after it no check character (`X`, `x`, full width too) and, past any separators, the end
/// or a character that is no digit. Another placeholder on the way counts as a digit. Then a digit run of a
/// message can neither begin before the value and go on into it, nor go on from the value past it.
const fn sealed_hole(b: &[u8], open: usize, close: usize) -> bool {
    let mut k = open + 1;
    while k < close {
        if b[k].is_ascii_digit() || b[k] >= 0x80 {
            return false;
        }
        k += 1;
    }
    // Before: back over separators to the first other character.
    let mut i = open;
    while i > 0 {
        let mut s = i - 1;
        while s > 0 && (b[s] & 0xC0) == 0x80 {
            s -= 1;
        }
        let u = char_at(b, s).0;
        if !is_separator(u) {
            if run_may_pass(u) {
                return false;
            }
            break;
        }
        i = s;
    }
    // After: no check character, then over separators to the first other character.
    let mut j = close + 1;
    if j < b.len() && is_check(char_at(b, j).0) {
        return false;
    }
    while j < b.len() {
        let (u, len) = char_at(b, j);
        if !is_separator(u) {
            return !run_may_pass(u);
        }
        j += len;
    }
    true
}

/// Whether a run may go on through `u`, which is no separator: it may be a digit, or a brace (another
/// placeholder may stand there).
const fn run_may_pass(u: u32) -> bool {
    may_be_digit(u) || u == '{' as u32 || u == '}' as u32
}

/// How the edges of placeholder `b[open..=close]` read when a placeholder next to it (the one that closes at
/// `prev`, the one that opens at `next`; `usize::MAX` for none) is taken for text that no run goes on
/// through: as [`sealed_hole`], except that reaching `prev`'s `}` back over separators joins the two
/// (`Some(true)`) and reaching `next`'s `{` is no crossing here (that placeholder is joined to this one).
/// `None` when a run may cross an edge whatever the values.
const fn joined_edges(
    b: &[u8],
    open: usize,
    close: usize,
    prev: usize,
    next: usize,
) -> Option<bool> {
    let mut k = open + 1;
    while k < close {
        if b[k].is_ascii_digit() || b[k] >= 0x80 {
            return None;
        }
        k += 1;
    }
    let mut joined = false;
    let mut i = open;
    while i > 0 {
        let mut s = i - 1;
        while s > 0 && (b[s] & 0xC0) == 0x80 {
            s -= 1;
        }
        let u = char_at(b, s).0;
        if !is_separator(u) {
            if s == prev {
                joined = true;
            } else if run_may_pass(u) {
                return None;
            }
            break;
        }
        i = s;
    }
    let mut j = close + 1;
    if j < b.len() && is_check(char_at(b, j).0) {
        return None;
    }
    while j < b.len() {
        let (u, len) = char_at(b, j);
        if !is_separator(u) {
            if j != next && run_may_pass(u) {
                return None;
            }
            break;
        }
        j += len;
    }
    Some(joined)
}

/// `t[from..to]`, at compile time ("" if those are not character boundaries, which the offsets of ASCII
/// braces always are).
const fn cut(t: &'static str, from: usize, to: usize) -> &'static str {
    match t.split_at_checked(to) {
        Some((head, _)) => match head.split_at_checked(from) {
            Some((_, piece)) => piece,
            None => "",
        },
        None => "",
    }
}

/// The placeholders of `t`: each `{`, and the first `}` after it (a `{` without one starts plain text to the
/// end), as [`render_counting`] reads them.
const fn holes(t: &'static str) -> Holes {
    let b = t.as_bytes();
    let mut h = Holes {
        n: 0,
        at: [(0, 0); MAX_HOLES],
        pieces: [""; MAX_HOLES + 1],
        names: [""; MAX_HOLES],
        sealed: own_runs_kept(t.as_bytes()),
        joinable: false,
        joined: 0,
    };
    // Where the text after the last placeholder read begins.
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'{' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && b[j] != b'}' {
            j += 1;
        }
        if j == b.len() {
            break;
        }
        if h.n as usize == MAX_HOLES || j > u16::MAX as usize {
            h.n = u8::MAX;
            h.sealed = false;
            return h;
        }
        h.at[h.n as usize] = (i as u16, j as u16);
        h.pieces[h.n as usize] = cut(t, from, i);
        h.names[h.n as usize] = cut(t, i + 1, j);
        h.n += 1;
        h.sealed = h.sealed && sealed_hole(b, i, j);
        i = j + 1;
        from = i;
    }
    h.pieces[h.n as usize] = cut(t, from, b.len());
    if !h.sealed && own_runs_kept(b) {
        // Sealed but for placeholders joined to each other?
        let n = h.n as usize;
        h.joinable = true;
        let mut k = 0;
        while k < n {
            let prev = if k > 0 {
                h.at[k - 1].1 as usize
            } else {
                usize::MAX
            };
            let next = if k + 1 < n {
                h.at[k + 1].0 as usize
            } else {
                usize::MAX
            };
            match joined_edges(b, h.at[k].0 as usize, h.at[k].1 as usize, prev, next) {
                None => h.joinable = false,
                Some(true) => h.joined |= 1 << k,
                Some(false) => {}
            }
            k += 1;
        }
    }
    h
}

/// Whether no digit run of `template` rendered with `args` crosses the edge of a placeholder: it is `sealed`,
/// or only joined placeholders keep it from being ([`Holes::joinable`]) and the first value of each joined
/// pair ends with a character no run goes on through ([`crate::mask::ends_run`]): a run of the second
/// value cannot reach back into the first, nor one of the first (there is none at its end) go on into the
/// second. A placeholder without a value (written as it stands) counts as one that may.
#[inline(always)]
fn sealed_for(holes: &Holes, args: &[(&str, &str)]) -> bool {
    holes.sealed || (holes.joinable && joins_stopped(holes, args))
}

/// For [`sealed_for`]: each joined pair's first value ends with a character no run goes on through.
#[inline(never)]
fn joins_stopped(holes: &Holes, args: &[(&str, &str)]) -> bool {
    let mut joined = holes.joined;
    while joined != 0 {
        let k = joined.trailing_zeros() as usize;
        joined &= joined - 1;
        // Placeholder `k` is joined to `k - 1` (bit 0 is never set): the value of `k - 1`.
        let Some(&name) = k.checked_sub(1).and_then(|p| holes.names.get(p)) else {
            return false;
        };
        let ends = args
            .iter()
            .find(|(key, _)| same_name(key, name))
            .is_some_and(|(_, v)| crate::mask::ends_run(v));
        if !ends {
            return false;
        }
    }
    true
}

/// The ASCII and full-width (EF BC 90–99) digits of a template, at compile time.
const fn template_digits(t: &str) -> u16 {
    let b = t.as_bytes();
    let (mut i, mut n) = (0, 0u16);
    while i < b.len() {
        if b[i].is_ascii_digit()
            || (b[i] == 0xEF
                && i + 2 < b.len()
                && b[i + 1] == 0xBC
                && matches!(b[i + 2], 0x90..=0x99))
        {
            n += 1;
        }
        i += 1;
    }
    n
}

/// Shorthand for building tables.
pub const fn code(
    code: &'static str,
    area: &'static str,
    severity: Severity,
    template_zh: &'static str,
    template_en: &'static str,
    rule: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        area,
        severity,
        template_zh,
        template_en,
        rule,
        digits: (template_digits(template_zh), template_digits(template_en)),
        holes: (holes(template_zh), holes(template_en)),
    }
}

/// Fill `{name}` placeholders of `template` from `args`. Unknown placeholders are left as they are.
pub fn render(template: &str, args: &[(&str, &str)]) -> String {
    render_counting(template, args, &[]).0
}

/// Write the value of placeholder `name` (the `args` entry of that name, or `{name}` itself when none has it);
/// its `digits` count (0 when unknown or past `digits`). Always inlined: as a call it cost 1 % more per form
/// with findings (valgrind).
#[inline(always)]
fn fill(out: &mut String, name: &str, args: &[(&str, &str)], digits: &[usize]) -> usize {
    match args.iter().position(|(k, _)| same_name(k, name)) {
        Some(i) => {
            out.push_str(args[i].1);
            digits.get(i).copied().unwrap_or(0)
        }
        None => {
            out.push('{');
            out.push_str(name);
            out.push('}');
            0
        }
    }
}

/// Equal placeholder names: those of eight bytes or fewer (nearly all: `field`, `value`, `key`) compared as
/// two words, without the `memcmp` call that `==` makes (six per finding, 1.3 % of an invalid form's
/// instructions).
#[inline(always)]
fn same_name(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() != y.len() {
        return false;
    }
    if x.len() <= 8 {
        return crate::mask::partial_le(x, 0) == crate::mask::partial_le(y, 0);
    }
    x == y
}

/// [`render`], and the sum of `digits[i]` over every placeholder filled with `args[i]` (0 past `digits`).
fn render_counting(template: &str, args: &[(&str, &str)], digits: &[usize]) -> (String, usize) {
    let mut out = String::with_capacity(template.len() + 32);
    let mut inserted = 0;
    let mut rest = template;
    // `{` and `}` are ASCII: a byte search (memchr) finds them, and slicing there stays on character
    // boundaries.
    let find = |s: &str, b: u8| memchr::memchr(b, s.as_bytes());
    while let Some(open) = find(rest, b'{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match find(after, b'}') {
            Some(close) => {
                inserted += fill(&mut out, &after[..close], args, digits);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (out, inserted)
}

/// [`render_counting`] of a template whose placeholders are known (`holes`): the same text, without searching
/// the template, into one allocation of the template's length and the values' (unless a value is used twice).
fn render_holes(
    template: &str,
    holes: &Holes,
    args: &[(&str, &str)],
    digits: &[usize],
) -> (String, usize) {
    let n = usize::from(holes.n);
    let (Some(names), Some(last)) = (holes.names.get(..n), holes.pieces.get(n)) else {
        return render_counting(template, args, digits);
    };
    let room = template.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>();
    let mut out = String::with_capacity(room);
    let mut inserted = 0;
    for (piece, name) in holes.pieces.iter().zip(names) {
        out.push_str(piece);
        inserted += fill(&mut out, name, args, digits);
    }
    out.push_str(last);
    (out, inserted)
}

/// Both messages of `info`, rendered and scrubbed of personal numbers ([`crate::mask::scrub`]): what a finding
/// carries. The values' digits are counted first ([`crate::mask::digit_count`]); a value with no more than
/// [`crate::mask::MAX_VISIBLE_DIGITS`] has no run to mask.
///
/// - A template whose placeholders are all sealed (`Holes::sealed`: no digit run can cross their edges, and
///   masking leaves its own text alone) has the long runs of the values it is given, and no other:
///   its message is rendered from the values masked — each once, for both languages — and not read again.
/// - Any other template is rendered, then scanned again only when it may hold a long digit run: its own
///   digits plus those of the values put in (an upper bound of the message's digits) are more than the
///   maximum; with fewer, `scrub` would return it unchanged.
///
/// Both give what `scrub` of the rendered message gives (`tests::sealed_templates_mask_as_scrub_does`).
pub fn scrubbed_messages(info: &CodeInfo, args: &[(&str, &str)]) -> (String, String) {
    scrubbed_messages_with(info, args, 0)
}

/// [`scrubbed_messages`], where bit `i` of `clean` says that `args[i]` holds no digit of any script (text
/// of the form's schema, checked once: [`crate::form::walk::schema_digit_free`]): its digits are not counted.
pub(crate) fn scrubbed_messages_with(
    info: &CodeInfo,
    args: &[(&str, &str)],
    clean: u16,
) -> (String, String) {
    let mut digits = [0usize; 16];
    let counted = args.len() <= digits.len();
    if counted {
        for (i, (d, (_, v))) in digits.iter_mut().zip(args).enumerate() {
            debug_assert!(clean & (1 << i) == 0 || crate::mask::digit_count(v) == 0);
            if clean & (1 << i) == 0 {
                *d = crate::mask::digit_count(v);
            }
        }
    }
    let max = crate::mask::MAX_VISIBLE_DIGITS;
    let long = counted && digits.iter().any(|&d| d > max);
    // The values masked (those with a long run), when a sealed template needs them: made once, for both
    // languages.
    let sealed = (
        sealed_for(&info.holes.0, args),
        sealed_for(&info.holes.1, args),
    );
    let both = |shown: &[(&str, &str)]| {
        let one = |template: &str, own: u16, holes: &Holes, sealed: bool| {
            if counted && sealed {
                if !long {
                    return render_holes(template, holes, args, &digits).0;
                }
                return render_holes(template, holes, shown, &[]).0;
            }
            let (text, inserted) = render_holes(template, holes, args, &digits);
            if counted && usize::from(own) + inserted <= max {
                return text;
            }
            // Past the bound (or uncounted): its runs are read without counting its digits a second time.
            match crate::mask::scrub_runs(&text) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(m) => m,
            }
        };
        let zh = one(info.template_zh, info.digits.0, &info.holes.0, sealed.0);
        let en = one(info.template_en, info.digits.1, &info.holes.1, sealed.1);
        (zh, en)
    };
    if long && (sealed.0 || sealed.1) {
        with_masked(args, &digits, both)
    } else {
        both(&[])
    }
}

/// `then` of `args` with each value of more than [`crate::mask::MAX_VISIBLE_DIGITS`] digits (`digits`, as
/// [`scrubbed_messages_with`] counts them) masked ([`crate::mask::scrub_runs`]): on the stack (at most 16
/// arguments; the counted ones), where two vectors cost a finding two allocations.
#[inline(never)]
fn with_masked<R>(
    args: &[(&str, &str)],
    digits: &[usize; 16],
    then: impl FnOnce(&[(&str, &str)]) -> R,
) -> R {
    let max = crate::mask::MAX_VISIBLE_DIGITS;
    // Borrowed: `Cow`'s default is an owned empty string.
    let mut masked = [const { std::borrow::Cow::Borrowed("") }; 16];
    for ((m, &(_, v)), &d) in masked.iter_mut().zip(args).zip(digits) {
        if d > max {
            *m = crate::mask::scrub_runs(v);
        }
    }
    let mut shown = [("", ""); 16];
    for ((s, m), &(k, v)) in shown.iter_mut().zip(&masked).zip(args) {
        *s = (
            k,
            if let std::borrow::Cow::Owned(o) = m {
                o
            } else {
                v
            },
        );
    }
    then(shown.get(..args.len()).unwrap_or_default())
}

/// Render both messages of `info`.
pub fn messages(info: &CodeInfo, args: &[(&str, &str)]) -> (String, String) {
    (
        render(info.template_zh, args),
        render(info.template_en, args),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The placeholder names of a template, in order.
    fn names(t: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.push(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        out
    }

    /// A value as a finding may be given one: digits of several scripts, separators, check characters,
    /// Chinese, dates and whole ID numbers, in any order.
    fn value() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "1",
            "2",
            "9",
            "０",
            "٣",
            "-",
            " ",
            "\u{3000}",
            "_",
            "\u{200b}",
            "X",
            "ｘ",
            "张",
            "a",
            "“",
            "：",
            "2025-06-01",
            "140105199803153019",
            "138 0013 8000",
        ]);
        prop::collection::vec(piece, 0..10).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Every code's messages, however their values are written, are exactly `scrub` of the rendered
        /// templates: sealed templates (values masked, the message not read again) and the others alike.
        #[test]
        fn sealed_templates_mask_as_scrub_does(values in prop::collection::vec(value(), 12)) {
            for info in crate::catalogue::catalogue() {
                let mut keys: Vec<&str> = names(info.template_zh);
                keys.extend(names(info.template_en));
                keys.sort_unstable();
                keys.dedup();
                let args: Vec<(&str, &str)> =
                    keys.iter().zip(values.iter().cycle()).map(|(k, v)| (*k, v.as_str())).collect();
                let expected = (
                    crate::mask::scrub(&render(info.template_zh, &args)).into_owned(),
                    crate::mask::scrub(&render(info.template_en, &args)).into_owned(),
                );
                prop_assert_eq!(scrubbed_messages(&info, &args), expected, "{}", info.code);
            }
        }
    }

    /// Every template is its pieces and placeholders put back together, and each placeholder's name is the
    /// text between its braces.
    #[test]
    fn pieces_and_names_make_the_template() {
        for info in crate::catalogue::catalogue() {
            for (t, h) in [
                (info.template_zh, &info.holes.0),
                (info.template_en, &info.holes.1),
            ] {
                let n = usize::from(h.n);
                assert!(n <= MAX_HOLES, "{}: {t}", info.code);
                let mut whole = String::new();
                for k in 0..n {
                    whole.push_str(h.pieces[k]);
                    whole.push('{');
                    whole.push_str(h.names[k]);
                    whole.push('}');
                }
                whole.push_str(h.pieces[n]);
                assert_eq!(whole, t, "{}", info.code);
                assert_eq!(names(t), h.names[..n].to_vec(), "{}", info.code);
            }
        }
        let h = holes("a{x}b{y}");
        assert_eq!(
            (h.n, h.pieces[..3].to_vec(), h.names[..2].to_vec()),
            (2, vec!["a", "b", ""], vec!["x", "y"])
        );
        let h = holes("{x");
        assert_eq!((h.n, h.pieces[0]), (0, "{x"));
    }

    /// Most templates are sealed (the analysis is conservative: a template it cannot prove sealed is read
    /// again as before, never masked less). A change that seals far fewer is a regression to look at.
    #[test]
    fn most_templates_are_sealed() {
        let all = crate::catalogue::catalogue();
        let sealed = all.iter().filter(|c| c.holes.0.sealed).count()
            + all.iter().filter(|c| c.holes.1.sealed).count();
        let open: Vec<&str> = all
            .iter()
            .filter(|c| !c.holes.0.sealed || !c.holes.1.sealed)
            .map(|c| c.code)
            .collect();
        eprintln!(
            "{sealed} of {} templates sealed; not both: {open:?}",
            2 * all.len()
        );
        assert!(
            sealed * 10 >= 2 * all.len() * 8,
            "{sealed} of {}",
            2 * all.len()
        );
    }

    /// The analysis on templates written to test it.
    #[test]
    fn sealed_holes() {
        let sealed = |t: &'static str| holes(t).sealed;
        assert!(sealed("字段“{field}”（{key}）的值“{value}”无效"));
        assert!(sealed("{value}"));
        assert!(sealed("第 {line} 行第 {column} 列"));
        assert!(!sealed("第1 {n} 项"), "a digit before, past a space");
        assert!(
            !sealed("{a} - {b}"),
            "two placeholders joined by separators"
        );
        assert!(!sealed("{a}{b}"));
        assert!(!sealed("{id}X"), "a check character after");
        assert!(!sealed("{n}２"), "a full-width digit after");
        assert!(!sealed("{x1}"), "a digit in the name");
        assert!(!sealed("上限 1234567 个，{n}"), "seven digits of its own");
        assert!(
            sealed("{v}，应为 YYYY-MM-DD（如 2024-09-30）"),
            "a date of its own"
        );
        assert!(
            !sealed("{v}，如 2024-09-30X"),
            "a date with a check character is no date"
        );
        assert!(!sealed("{v}，如 2024-09-301"));
    }

    /// Templates sealed but for placeholders joined by separators: sealed for values whose first of each
    /// joined pair ends with a character no run goes on through.
    #[test]
    fn joined_holes() {
        let h = holes("{key} {value}: wrong check character, expected {expected}");
        assert!(!h.sealed && h.joinable);
        assert_eq!(h.joined, 0b10, "{{value}} joined to {{key}}");
        let with = |key: &str| sealed_for(&h, &[("key", key), ("value", "1"), ("expected", "X")]);
        assert!(with("id_number"));
        assert!(with("身份证号"));
        for key in ["", "id_1", "id_", "card x", "号码１", "a-", "a\u{3000}"] {
            assert!(!with(key), "{key:?}");
        }
        assert!(
            !sealed_for(&h, &[("value", "1")]),
            "no value: written as it stands"
        );
        let joinable = |t: &'static str| holes(t).joinable;
        assert!(joinable("{a}{b}") && joinable("{a} - {b}") && joinable("{a} {b} {c}"));
        assert_eq!(holes("{a} {b} {c}").joined, 0b110);
        assert!(!joinable("第1 {n} 项"), "a digit before, past a space");
        assert!(!joinable("{a} {b}X"), "a check character after");
        assert!(!joinable("{a} 1 {b}"), "a digit between");
        assert!(
            !joinable("上限 1234567 个，{a} {b}"),
            "seven digits of its own"
        );
        assert!(!holes("{value}").joinable, "sealed: not looked at again");
    }

    /// The digit counts made at compile time are every digit of every template, in any script.
    #[test]
    fn template_digits_are_all_the_digits() {
        let all = crate::catalogue::catalogue();
        assert!(all.len() > 100);
        for c in all {
            assert_eq!(
                (usize::from(c.digits.0), usize::from(c.digits.1)),
                (
                    crate::mask::digit_count(c.template_zh),
                    crate::mask::digit_count(c.template_en)
                ),
                "{}",
                c.code
            );
        }
        assert_eq!(template_digits("第7项 ７ {n1} ٣"), 3);
    }

    /// Scrubbing only messages that may hold a long run gives what scrubbing every message gives: for every
    /// code, with values that hold no digit, a few, a long run split over two values, and a whole ID number.
    #[test]
    fn scrubbed_messages_are_the_scrubbed_renders() {
        let values = [
            "",
            "王晓军",
            "12",
            "138 0013",
            "8000",
            "110101199003071233",
            "２０２４-1",
            "2024-10-01",
        ];
        for c in crate::catalogue::catalogue() {
            let names: Vec<&str> = c
                .template_zh
                .split('{')
                .chain(c.template_en.split('{'))
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n))
                .collect();
            for k in 0..values.len() {
                let args: Vec<(&str, &str)> = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (*n, values[(k + i) % values.len()]))
                    .collect();
                let full = |t: &str| crate::mask::scrub(&render(t, &args)).into_owned();
                assert_eq!(
                    scrubbed_messages(&c, &args),
                    (full(c.template_zh), full(c.template_en)),
                    "{} {args:?}",
                    c.code
                );
            }
        }
    }

    /// Rendering by the placeholders found at compile time is rendering by searching the template: for every
    /// code of the catalogue, and for templates with unclosed, empty, nested, unknown or too many placeholders.
    #[test]
    fn holes_render_as_render_does() {
        let args = [("a", "甲1"), ("path", "/x/0"), ("b", ""), ("{a", "?")];
        let odd = [
            "",
            "{",
            "}",
            "{}",
            "{a}{a}{b}",
            "x{a",
            "x{a}y{",
            "{{a}}",
            "{zz} {path}",
            "前{a}后}{",
            "{a}{a}{a}{a}{a}{a}{a}{a}{a}{a}",
            "{a}{a}{a}{a}{a}{a}{a}{a}{a}{a}{a} 十一个",
        ];
        let all = crate::catalogue::catalogue();
        let templates = all
            .iter()
            .flat_map(|c| [c.template_zh, c.template_en])
            .chain(odd);
        for t in templates {
            let h = holes(t);
            assert_eq!(
                render_holes(t, &h, &args, &[1, 2, 3, 4]),
                render_counting(t, &args, &[1, 2, 3, 4]),
                "{t:?}"
            );
        }
        assert_eq!(holes("{a}{a}{a}{a}{a}{a}{a}{a}{a}{a}{a}").n, u8::MAX);
    }

    #[test]
    fn render_fills_placeholders() {
        assert_eq!(
            render("字段 {path} 缺失{x}", &[("path", "/a")]),
            "字段 /a 缺失{x}"
        );
    }
}
