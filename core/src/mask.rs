//! Masking of personal numbers in every message, path, SMS, `Debug` string and error tuiyi produces.
//!
//! Rule (SECURITY.md, promise 3): a personal number is recognised by what it *looks like*, not by the field
//! it came from. A **digit run** is a maximal sequence of decimal digits in any script (ASCII, full-width,
//! Arabic-Indic and every other Unicode `Nd` digit), where the digits may be separated by spaces of any kind,
//! dashes and hyphens of any kind, underscores, zero-width and other invisible format characters. A run of
//! [`MAX_VISIBLE_DIGITS`] + 1 = 7 or more digits keeps its first 3 and last 2 digits; every other digit of
//! the run becomes `*` (the separators inside the run are dropped, so `138 0013 8000` → `138******00`).
//! `X`/`x` (full-width too) directly after a run belongs to it (the check character of an ID number).
//!
//! Dates are not personal numbers: a run written exactly `YYYY-MM-DD` or `YYYY-MM` (ASCII digits and `-`,
//! as tuiyi itself prints dates) is left alone. Nothing else is: an amount of seven or more integer digits
//! is masked like any other long run, a small price for never echoing a number typed into the wrong field.
//!
//! [`scrub`] is applied to the message, English message and path of every [`crate::Error`] and every
//! finding when it is built, so no caller can forget it; [`value`] prepares a user value for quoting
//! (scrubbed and cut to 40 characters).

use std::borrow::Cow;

/// At most this many digits of a run may appear in order in any output: 3 at the front, 2 at the end.
pub const MAX_VISIBLE_DIGITS: usize = 6;

/// The zero of every block of ten decimal digits (Unicode general category `Nd`, Unicode 14). Each block
/// is contiguous: zero..zero+9.
const DIGIT_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value 0–9 of a decimal digit of any script.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    let u = c as u32;
    if c.is_ascii_digit() {
        return Some(u - 0x30);
    }
    // No digit block below U+0660, none from U+1C5A to U+A61F (CJK, kana, every punctuation block) and none
    // from U+ABFA to U+FF0F (Hangul, the compatibility forms): the characters of a Chinese message.
    if u < 0x660 || (0x1C5A..0xA620).contains(&u) || (0xABFA..0xFF10).contains(&u) {
        return None;
    }
    // The table is sorted: the last zero at or below `u`.
    let i = DIGIT_ZEROS.partition_point(|&z| z <= u);
    let zero = DIGIT_ZEROS[i.checked_sub(1)?];
    (u - zero < 10).then_some(u - zero)
}

/// A character that may stand between the digits of one number without ending it.
#[inline]
pub const fn is_digit_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\u{a0}'
            | '\u{2000}'..='\u{200f}'
            | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{2064}'
            | '\u{3000}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{180e}'
            | '-'
            | '_'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '\u{fe58}'
            | '\u{fe63}'
            | '\u{ff0d}'
            | '\u{ff3f}'
    )
}

pub(crate) const fn is_check_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// Whether `v` ends with a character no digit run goes on through, either way: neither a digit (of any
/// script), nor a separator, nor a check character. False for an empty text.
pub(crate) fn ends_run(v: &str) -> bool {
    if let Some(&b) = v.as_bytes().last().filter(|b| b.is_ascii()) {
        let c = char::from(b);
        return !b.is_ascii_digit() && !is_digit_separator(c) && !is_check_x(c);
    }
    v.chars()
        .next_back()
        .is_some_and(|c| digit_value(c).is_none() && !is_digit_separator(c) && !is_check_x(c))
}

/// One digit run found in a text: its byte range and the digits (as ASCII) it holds.
struct Run {
    start: usize,
    end: usize,
    digits: usize,
}

/// The digit runs of `s`, in order (a run ends at the first character that is neither a digit nor a
/// separator followed by more digits; trailing separators are not part of it).
fn runs(s: &str) -> Vec<Run> {
    let mut out = Vec::new();
    each_run(s, |r| out.push(r));
    out
}

/// [`runs`], each handed to `f` as it is found (nothing allocated).
fn each_run(s: &str, mut f: impl FnMut(Run)) {
    let b = s.as_bytes();
    let mut from = 0;
    // A run starts at a digit: skip to the next one by lead byte ([`digit_at`]), then follow the run: ASCII
    // digits and the ASCII separators (space, tab, `-`, `_`) byte by byte, any other character decoded.
    loop {
        // Eight ASCII bytes without a digit at a time; at an ASCII word with one, straight to it.
        while let Some(w) = ascii_word(b, from) {
            match ascii_digits(w) {
                0 => from += 8,
                m => {
                    from += (m.trailing_zeros() / 8) as usize;
                    break;
                }
            }
        }
        let Some((digit, len)) = digit_at(s, from) else {
            return;
        };
        if !digit {
            from += len;
            continue;
        }
        let start = from;
        let mut j = from + len;
        let mut end = j;
        let mut digits = 1;
        // Extend over digits and over separators that lead to another digit.
        while let Some(&c) = b.get(j) {
            if c.is_ascii_digit() {
                digits += 1;
                j += 1;
                end = j;
            } else if matches!(c, b' ' | b'\t' | b'-' | b'_') {
                j += 1;
            } else if c < 0x80 {
                break;
            } else {
                let Some(d) = s.get(j..).and_then(|t| t.chars().next()) else {
                    break;
                };
                if digit_value(d).is_some() {
                    digits += 1;
                    j += d.len_utf8();
                    end = j;
                } else if is_digit_separator(d) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
        }
        // A check character right after the last digit belongs to the number.
        if j == end {
            if let Some(x) = s.get(j..).and_then(|t| t.chars().next()) {
                if is_check_x(x) {
                    end = j + x.len_utf8();
                }
            }
        }
        f(Run { start, end, digits });
        // Separators after the last digit are not part of the run; the scan goes on after them (a
        // separator cannot start a run).
        from = j;
    }
}

/// A date written as people write dates — a four-digit year, then a one- or two-digit month and day,
/// separated by `-`, `/`, `.` or 年月 (`2024-09-30`, `2024-9-30`, `2024/9/3`, `2024年9月30`) — or a year and
/// month (`2024-09`): not a personal number (ASCII digits only; `20240930` without separators is masked).
fn is_date_shape(t: &str) -> bool {
    // Byte by byte: the lengths of the (at most three) parts of ASCII digits between separators; any other
    // byte is no date. 年 and 月 are E5 B9 B4 and E6 9C 88.
    let b = t.as_bytes();
    let mut len = [0usize; 3];
    let (mut part, mut i) = (0, 0);
    while let Some(&c) = b.get(i) {
        let step = match c {
            b'0'..=b'9' => {
                len[part] += 1;
                i += 1;
                continue;
            }
            b'-' | b'/' | b'.' => 1,
            0xE5 if b[i..].starts_with("年".as_bytes()) => 3,
            0xE6 if b[i..].starts_with("月".as_bytes()) => 3,
            _ => return false,
        };
        part += 1;
        if part == len.len() {
            return false;
        }
        i += step;
    }
    let small = |n: usize| (1..=2).contains(&n);
    part >= 1 && len[0] == 4 && small(len[1]) && (part == 1 || small(len[2]))
}

/// The masked form of one long run: first 3 digits, `*` for the middle digits, last 2 characters (digits or
/// the check character), separators dropped.
fn mask_run(t: &str, out: &mut String) {
    let kept = || {
        t.chars()
            .filter(|&c| digit_value(c).is_some() || is_check_x(c))
    };
    let n = kept().count();
    for (i, c) in kept().enumerate() {
        if i < 3 || (n > 5 && i >= n - 2) {
            out.push(c);
        } else if i < n - 2 {
            out.push('*');
        }
    }
}

/// Mask every digit run of 7 or more digits in `s` (see the module documentation). Borrowed when nothing
/// needs masking (the common case: one pass over the bytes).
pub fn scrub(s: &str) -> Cow<'_, str> {
    // Fast path: fewer than 7 digits in all cannot form a long run.
    if digit_count(s) <= MAX_VISIBLE_DIGITS {
        return Cow::Borrowed(s);
    }
    scrub_runs(s)
}

/// [`scrub`] without its fast path: for a text whose digits were counted already (more than
/// [`MAX_VISIBLE_DIGITS`], so the count would only be made again).
pub(crate) fn scrub_runs(s: &str) -> Cow<'_, str> {
    // The masked text is begun at the first long run (most texts have none: nothing is allocated).
    let mut out: Option<String> = None;
    let mut at = 0;
    each_run(s, |r| {
        if r.digits > MAX_VISIBLE_DIGITS && !is_date_shape(&s[r.start..r.end]) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[at..r.start]);
            mask_run(&s[r.start..r.end], o);
            at = r.end;
        }
    });
    match out {
        Some(mut o) => {
            o.push_str(&s[at..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(s),
    }
}

/// [`scrub`] of an owned string: the same string back when nothing needs masking (no copy).
pub fn scrub_owned(s: String) -> String {
    match scrub(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(m) => m,
    }
}

/// Whether the character at byte `i` of `s` is a decimal digit (of any script), and its length in bytes;
/// `None` at the end. Reads the lead byte first: E2–E9 and EB–EE start U+2000–U+9FFF and U+B000–U+EFFF,
/// where no digit block lies (CJK, kana, punctuation, Hangul), and EF starts U+F000–U+FFFF, whose only digits
/// are the full-width ones (EF BC 90–99), so a Chinese message is read without decoding it.
#[inline]
fn digit_at(s: &str, i: usize) -> Option<(bool, usize)> {
    let b = s.as_bytes();
    let c = *b.get(i)?;
    Some(match c {
        0..=0x7F => (c.is_ascii_digit(), 1),
        0xE2..=0xE9 | 0xEB..=0xEE => (false, 3),
        0xEF => (
            b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x90..=0x99)),
            3,
        ),
        _ => {
            let ch = s.get(i..)?.chars().next()?;
            (digit_value(ch).is_some(), ch.len_utf8())
        }
    })
}

/// Every byte of a word 0x01; every byte's high bit (for reading eight bytes at a time, here and in the
/// parser's and the form's byte scans).
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes of `b` (eight at most; more are not read) as a little-endian word, the lanes past its end set to
/// `pad`: what copying `b` into `[pad; 8]` gives, without the variable-length copy (a `memcpy` call) that costs
/// more than the loads. Two overlapping four-byte loads, or three single bytes below four.
#[inline]
pub(crate) fn partial_le(b: &[u8], pad: u8) -> u64 {
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    let n = b.len();
    let data = match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (Some(lo), Some(hi)) => {
            u64::from(u32::from_le_bytes(*lo))
                | (u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4)))
        }
        _ => match (b.first(), b.get(n / 2), b.last()) {
            (Some(&a), Some(&m), Some(&z)) => {
                u64::from(a) | (u64::from(m) << (8 * (n / 2))) | (u64::from(z) << (8 * (n - 1)))
            }
            _ => 0,
        },
    };
    // n < 8 here: the shift stays below 64.
    data | ((ONES * u64::from(pad)) << (8 * n))
}

/// The ASCII digits among eight bytes that are all ASCII (`w & HIGH == 0`), as a mask of their high bits:
/// with each byte's high bit set first, subtracting `0x30` and `0x3A` from every byte borrows across none.
#[inline]
fn ascii_digits(w: u64) -> u64 {
    let x = w | HIGH;
    x.wrapping_sub(ONES * 0x30) & !x.wrapping_sub(ONES * 0x3A) & HIGH
}

/// How many lanes of `m` have their high bit set (`m` holds no other bit): each lane's bit moved down to its
/// lowest place, and the eight lanes summed into the top byte by one multiplication. (`count_ones` is a call
/// to a software routine without the `popcnt` instruction, which the baseline x86-64 target lacks.)
#[inline]
fn lanes_set(m: u64) -> usize {
    ((m >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// The eight bytes of `b` at `i` as a little-endian word, if they are all ASCII.
#[inline]
fn ascii_word(b: &[u8], i: usize) -> Option<u64> {
    let w = u64::from_le_bytes(*b.get(i..)?.first_chunk::<8>()?);
    (w & HIGH == 0).then_some(w)
}

/// The lanes of `w` (eight bytes, one per lane) that may begin a decimal digit that is not ASCII, as their
/// high bits: lead bytes (C0–FF) other than E2–E9 and EB–EE, which begin U+2000–U+9FFF and U+B000–U+EFFF,
/// where no digit block lies (see [`digit_at`]). Exact per byte: each sum stays within its lane (a lane's low
/// seven bits plus at most 0x80 - 0x62).
#[inline]
fn may_begin_other_digit(w: u64) -> u64 {
    let low = w & !HIGH;
    let lead = w & HIGH & (w << 1);
    // Lanes whose low seven bits are at least `c` (for lead lanes: the byte is at least 0x80 + c).
    let at_least = |c: u64| low.wrapping_add(ONES * (0x80 - c)) & HIGH;
    let quiet = (at_least(0x62) & !at_least(0x6a)) | (at_least(0x6b) & !at_least(0x6f));
    lead & !quiet
}

/// From byte `i` of `b`, skip whole words of eight bytes that hold no digit of any script: ASCII without a
/// digit, continuation bytes, and characters that begin with E2–E9 or EB–EE (Chinese text, punctuation).
/// Stops at a word that may hold one, and then at the start of the character it is in (continuation bytes
/// are never digits): [`digit_at`] reads from there.
#[inline]
fn skip_digitless_words(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*w);
        // `& !w`: `ascii_digits` reads ASCII lanes; continuation bytes 0xB0–0xB9 would read as digits.
        if ascii_digits(w) & !w != 0 || may_begin_other_digit(w) != 0 {
            break;
        }
        i += 8;
    }
    while matches!(b.get(i), Some(0x80..=0xbf)) {
        i += 1;
    }
    i
}

/// The decimal digits of any script in `s`: eight bytes at a time through ASCII and Chinese text without
/// digits, and at the ASCII digits of a word of ASCII; any other character by [`digit_at`]. The last bytes
/// (fewer than eight) are read as one word padded with spaces, and counted there when they are ASCII or hold
/// no digit of any script (most values and paths end so: a short value is nothing but its tail).
pub(crate) fn digit_count(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut n, mut i) = (0, 0);
    loop {
        while let Some(w) = ascii_word(b, i) {
            n += lanes_set(ascii_digits(w));
            i += 8;
        }
        i = skip_digitless_words(b, i);
        if let Some(tail) = b.get(i..).filter(|t| t.len() < 8) {
            // `i` is at the start of a character (`skip_digitless_words`): the tail is whole characters.
            let w = partial_le(tail, b' ');
            if w & HIGH == 0 {
                return n + lanes_set(ascii_digits(w));
            }
            if ascii_digits(w) & !w == 0 && may_begin_other_digit(w) == 0 {
                return n;
            }
        }
        match digit_at(s, i) {
            Some((digit, len)) => {
                n += usize::from(digit);
                i += len;
            }
            None => return n,
        }
    }
}

/// Mask the middle of an identifier typed on its own (an ID or card number in a finding about that very
/// field): first 3 and last 2 characters kept, whatever its length (so even a 6-digit fragment is masked).
pub fn mask_id(s: &str) -> String {
    let b = s.as_bytes();
    // The common case, a canonical number (ASCII, no separator): its first three bytes, a star for each byte
    // between, its last two. Every byte is read (no early exit), so the test vectorizes.
    let plain = b.iter().fold(true, |ok, &c| {
        ok & (c < 0x80) & (c != b' ') & (c != b'\t') & (c != b'-') & (c != b'_')
    });
    if plain {
        let n = b.len();
        if n <= 5 {
            return "*".repeat(n);
        }
        const STARS: &str = "********************************";
        let mut out = String::with_capacity(n);
        out.push_str(s.get(..3).unwrap_or_default());
        let mut stars = n - 5;
        while stars > 0 {
            let k = stars.min(STARS.len());
            out.push_str(STARS.get(..k).unwrap_or_default());
            stars -= k;
        }
        out.push_str(s.get(n - 2..).unwrap_or_default());
        return out;
    }
    if s.is_ascii() {
        // ASCII (the canonical form's numbers): the separators are space, tab, `-` and `_`; no decoding.
        let kept = |b: &u8| !matches!(b, b' ' | b'\t' | b'-' | b'_');
        let n = s.bytes().filter(kept).count();
        if n <= 5 {
            return "*".repeat(n);
        }
        let mut out = String::with_capacity(n);
        for (i, b) in s.bytes().filter(kept).enumerate() {
            out.push(if i < 3 || i >= n - 2 {
                char::from(b)
            } else {
                '*'
            });
        }
        return out;
    }
    mask_id_chars(s)
}

/// [`mask_id`] of any text, a character at a time (what its ASCII path is tested against).
fn mask_id_chars(s: &str) -> String {
    let chars: Vec<char> = s.chars().filter(|&c| !is_digit_separator(c)).collect();
    let n = chars.len();
    if n <= 5 {
        return "*".repeat(n);
    }
    let mut out = String::with_capacity(n + 8);
    out.extend(&chars[..3]);
    out.extend(std::iter::repeat_n('*', n - 5));
    out.extend(&chars[n - 2..]);
    out
}

/// [`scrub`] as an owned string.
pub fn mask_text(s: &str) -> String {
    scrub(s).into_owned()
}

/// Longest user value quoted in a message (characters, after masking).
pub const MAX_QUOTED_CHARS: usize = 40;

/// A user-supplied value prepared for quoting in a message: control and invisible characters shown as
/// `\u{…}` escapes (a message never carries an escape sequence to a terminal), long digit runs masked, and
/// the whole cut to [`MAX_QUOTED_CHARS`] characters.
pub fn value(s: &str) -> String {
    let masked = scrub(s);
    if masked.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        // Printable ASCII: nothing to escape; one byte per character.
        return match masked.get(..MAX_QUOTED_CHARS) {
            Some(head) if masked.len() > MAX_QUOTED_CHARS => format!("{head}…"),
            _ => masked.into_owned(),
        };
    }
    quoted_chars(&masked)
}

/// Append `\u{200b}`: how a message shows the character `c` (a control or invisible one), in lowercase
/// hexadecimal as `{:x}` writes it. Written without `format!`, whose machinery cost a finding about 600
/// instructions.
pub fn push_escaped(out: &mut String, c: char) {
    out.push_str("\\u{");
    let n = u32::from(c);
    let digits = (32 - (n | 1).leading_zeros()).div_ceil(4);
    for i in (0..digits).rev() {
        out.push(char::from_digit((n >> (4 * i)) & 0xf, 16).unwrap_or('0'));
    }
    out.push('}');
}

/// [`value`] of a text already scrubbed, a character at a time (what its ASCII path is tested against).
fn quoted_chars(masked: &str) -> String {
    let mut out = String::with_capacity(masked.len().min(4 * MAX_QUOTED_CHARS));
    for (n, c) in masked.chars().enumerate() {
        if n == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || is_invisible(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Format and zero-width characters that render as nothing (and so hide what a value really holds).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Former name of [`value`].
pub fn truncate_for_message(s: &str) -> String {
    value(s)
}

/// Cut a file-system path (or other long text) for a message: scrubbed, and when longer than 80
/// characters, its first 30 and last 45 characters around `…`.
pub fn shorten(s: &str) -> String {
    let masked = scrub(s);
    let chars: Vec<char> = masked.chars().collect();
    let shown: String = if chars.len() > 80 {
        let mut t: String = chars[..30].iter().collect();
        t.push('…');
        t.extend(&chars[chars.len() - 45..]);
        t
    } else {
        masked.into_owned()
    };
    shown
        .chars()
        .map(|c| if c.is_control() { '�' } else { c })
        .collect()
}

/// The digit runs of `s` that [`scrub`] masks, as typed: what a PII test looks for in every output.
pub fn long_runs(s: &str) -> Vec<String> {
    runs(s)
        .into_iter()
        .filter(|r| r.digits > MAX_VISIBLE_DIGITS && !is_date_shape(&s[r.start..r.end]))
        .map(|r| s[r.start..r.end].to_string())
        .collect()
}

/// The digits of `s` in any script, as ASCII (separators dropped): what a personal number "is" for the
/// masking rule. For tests and fuzzing, which check that no output holds 7 of them in a row.
pub fn folded_digits(s: &str) -> String {
    s.chars()
        .filter_map(digit_value)
        .filter_map(|d| char::from_digit(d, 10))
        .collect()
}

/// Does `out` show 7 or more digits of `secret` in a row (digits of any script, separators ignored)? The
/// check behind every PII test: no output of tuiyi may. Dates written `YYYY-MM-DD` in the output are dates,
/// not numbers (the masking rule's one exception), and are not searched.
pub fn leaks(secret: &str, out: &str) -> bool {
    leaks_in(secret, &OutputDigits::of(out))
}

/// Every run of [`crate::mask::MAX_VISIBLE_DIGITS`] + 1 digits an output shows, as [`leaks`] reads it: read
/// once for any number of secrets ([`leaks_in`]). (The fuzz harness checked each of a form's 91 numbers
/// against a 52 KB report by folding the report again for each and searching it: 1.2 s per input under the
/// fuzzer's instrumentation, past its 10 s timeout on a loaded machine.)
pub struct OutputDigits(std::collections::HashSet<String>);

impl OutputDigits {
    pub fn of(out: &str) -> OutputDigits {
        // Each window of the folded runs (a window of digits lies within one run).
        let w = MAX_VISIBLE_DIGITS + 1;
        let mut windows = std::collections::HashSet::new();
        for run in folded_output(out).split('|') {
            for i in 0..run.len().saturating_sub(w - 1) {
                windows.insert(run[i..i + w].to_string());
            }
        }
        OutputDigits(windows)
    }
}

/// `out` as [`leaks`] reads it: its `YYYY-MM-DD` dates blanked, digits of any script as ASCII, separators
/// between digits dropped, anything else a `|`.
fn folded_output(out: &str) -> String {
    let mut dates_blanked = String::with_capacity(out.len());
    let mut at = 0;
    for r in runs(out) {
        if is_date_shape(&out[r.start..r.end]) {
            dates_blanked.push_str(&out[at..r.start]);
            dates_blanked.push('|');
            at = r.end;
        }
    }
    dates_blanked.push_str(&out[at..]);
    let mut folded = String::with_capacity(out.len());
    for c in dates_blanked.chars() {
        if let Some(d) = digit_value(c) {
            folded.push(char::from_digit(d, 10).unwrap_or('0'));
        } else if !is_digit_separator(c) {
            folded.push('|');
        }
    }
    folded
}

/// [`leaks`] of `secret` in an output read once ([`OutputDigits::of`]).
pub fn leaks_in(secret: &str, out: &OutputDigits) -> bool {
    let want = folded_digits(secret);
    if want.len() <= MAX_VISIBLE_DIGITS {
        return false;
    }
    let w = MAX_VISIBLE_DIGITS + 1;
    (0..=want.len() - w).any(|i| out.0.contains(&want[i..i + w]))
}

#[cfg(test)]
mod partial_tests {
    proptest::proptest! {
        /// `leaks` (the folded output read once into its windows) answers what searching the folded output for
        /// each window of the secret answers: outputs mixing digits of two scripts, separators, dates and text.
        #[test]
        fn leaks_is_the_search_of_the_folded_output(
            secret in "[0-9]{0,20}",
            out in "([0-9١٢٣ -]{0,12}|20[0-9]{2}-[01][0-9]-[0-3][0-9]|号码|x){0,8}",
        ) {
            let want = super::folded_digits(&secret);
            // The folded output searched whole, as `leaks` did before it read the output into windows.
            let folded = super::folded_output(&out);
            let searched = want.len() > super::MAX_VISIBLE_DIGITS
                && (0..=want.len() - super::MAX_VISIBLE_DIGITS - 1)
                    .any(|i| folded.contains(&want[i..i + super::MAX_VISIBLE_DIGITS + 1]));
            proptest::prop_assert_eq!(super::leaks(&secret, &out), searched);
        }
        /// `partial_le` is the copy into a padded word, at every length up to eight (and past it: the first eight).
        #[test]
        fn partial_le_is_the_padded_copy(b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12), pad in proptest::prelude::any::<u8>()) {
            let mut a = [pad; 8];
            let n = b.len().min(8);
            a[..n].copy_from_slice(&b[..n]);
            proptest::prop_assert_eq!(super::partial_le(&b, pad), u64::from_le_bytes(a));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::strategy::Strategy;

    /// `push_escaped` writes every character as `format!("\\u{{{:x}}}")` does.
    #[test]
    fn push_escaped_is_the_hex_format() {
        for ch in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let mut s = String::new();
            super::push_escaped(&mut s, ch);
            assert_eq!(s, format!("\\u{{{:x}}}", ch as u32));
        }
    }

    /// `lanes_set` counts the high bits of every combination of lanes, as `count_ones` does.
    #[test]
    fn lanes_set_counts_the_high_bits() {
        for m in 0..=255u64 {
            let spread = (0..8)
                .filter(|i| m & (1 << i) != 0)
                .fold(0u64, |w, i| w | (0x80 << (8 * i)));
            assert_eq!(
                lanes_set(spread),
                spread.count_ones() as usize,
                "{spread:#x}"
            );
        }
    }

    /// `may_begin_other_digit` flags exactly the lead bytes other than E2–E9 and EB–EE, for every byte value in
    /// every lane; and every digit that is not ASCII begins with a flagged byte (so a word without one holds no
    /// such digit, whatever else it holds).
    #[test]
    fn words_that_may_hold_a_digit_are_told_exactly() {
        for lane in 0..8 {
            for b in 0..=255u8 {
                for fill in [b'a', 0x80, 0xe5] {
                    let mut w = [fill; 8];
                    w[lane] = b;
                    let flagged = may_begin_other_digit(u64::from_le_bytes(w));
                    let want = b >= 0xc0 && !matches!(b, 0xe2..=0xe9 | 0xeb..=0xee);
                    assert_eq!(
                        flagged & (0x80 << (8 * lane)) != 0,
                        want,
                        "{b:#x} in lane {lane}"
                    );
                    assert_eq!(flagged & !(0x80 << (8 * lane)), 0, "{b:#x} in lane {lane}");
                }
            }
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if !c.is_ascii() && digit_value(c).is_some() {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                let w = u64::from_le_bytes([lead, b'a', b'a', b'a', b'a', b'a', b'a', b'a']);
                assert_ne!(may_begin_other_digit(w), 0, "{c:?}");
            }
        }
        // Chinese text with digits of several scripts, split anywhere: counted as a character scan counts.
        let s = "张三１２３４５６７电话138 0013 8000，٣٣٣ 号码\u{1d7d8}甲乙丙丁戊己庚辛壬癸";
        for cut in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
            for t in [&s[cut..], &s[..cut]] {
                assert_eq!(
                    digit_count(t),
                    t.chars().filter(|c| digit_value(*c).is_some()).count(),
                    "{t:?}"
                );
            }
        }
    }

    /// The ranges `digit_value` rejects without a table search hold no digit: every character of Unicode
    /// gets the table's answer.
    #[test]
    fn digit_value_agrees_with_the_table_for_every_character() {
        let by_table = |c: char| {
            let u = c as u32;
            let i = DIGIT_ZEROS.partition_point(|&z| z <= u);
            let zero = DIGIT_ZEROS[i.checked_sub(1)?];
            (u - zero < 10).then_some(u - zero)
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(digit_value(c), by_table(c), "U+{:04X}", c as u32);
        }
        // And `digit_count` counts the digits of every script, whatever surrounds them.
        assert_eq!(digit_count("身份证１２3٤ 号"), 4);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let t = format!("号{c}：{c}Ｘ");
            let expected = 2 * usize::from(digit_value(c).is_some());
            assert_eq!(digit_count(&t), expected, "U+{:04X}", c as u32);
            // Texts shorter than a word: read as one padded tail.
            let one = usize::from(digit_value(c).is_some());
            for (t, n) in [
                (format!("{c}"), one),
                (format!("1{c}"), one + 1),
                (format!("{c}{c}"), 2 * one),
                (format!("12345678{c}"), one + 8),
            ] {
                assert_eq!(digit_count(&t), n, "U+{:04X} in {t:?}", c as u32);
            }
        }
    }

    #[test]
    fn masks_ids_cards_and_phones_however_typed() {
        assert_eq!(scrub("110101199003071234"), "110*************34");
        assert_eq!(
            scrub("身份证号 11010119900307123X 有误"),
            "身份证号 110*************3X 有误"
        );
        assert_eq!(scrub("6222021234567890123"), "622**************23");
        assert_eq!(scrub("138 0013 8000"), "138******00");
        assert_eq!(scrub("138-0013-8000"), "138******00");
        assert_eq!(
            scrub("1\u{200b}3\u{200b}8\u{200b}0013\u{200b}8000"),
            "138******00"
        );
        assert_eq!(
            scrub("１１０１０１１９９００３０７１２３４"),
            "１１０*************３４"
        );
        // Arabic-Indic digits
        assert_eq!(scrub("١٣٨٠٠١٣٨٠٠٠"), "١٣٨******٠٠");
        // a number in a numeric field, then text
        assert_eq!(
            scrub("值 110101199003071233 不在范围"),
            "值 110*************33 不在范围"
        );
    }

    #[test]
    fn keeps_dates_short_numbers_and_lists() {
        for s in [
            "2024-09-30",
            "2024-09",
            "应为 1 至 12",
            "01、02、03、04、05",
            "共 200 项",
            "1,234,567",
            "2024-09-30 至 2024-10-08",
            "123456",
        ] {
            assert_eq!(scrub(s), s, "{s}");
        }
        // A date shape longer than a date is not a date.
        assert_eq!(scrub("2024-09-301"), "202****01");
        for s in ["2024-9-30", "2024/9/3", "2024.09.30"] {
            assert_eq!(scrub(s), s, "{s}");
        }
        assert_eq!(scrub("20240930"), "202***30");
    }

    #[test]
    fn leak_check() {
        assert!(leaks("110101199003071233", "x 1101011 y"));
        assert!(leaks("110101199003071233", "x ١١٠١٠١١ y"));
        assert!(leaks("13800138000", "138 0013 8"));
        assert!(!leaks("13800138000", "138******00"));
        assert!(!leaks(
            "110101199003071233",
            &scrub("110101 1990 0307 1233")
        ));
    }

    #[test]
    fn value_escapes_controls_and_cuts() {
        assert_eq!(value("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(value("\u{200b}"), "\\u{200b}");
        assert_eq!(
            value(&"长".repeat(50)).chars().count(),
            MAX_QUOTED_CHARS + 1
        );
    }

    #[test]
    fn digit_values() {
        assert_eq!(digit_value('7'), Some(7));
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('٣'), Some(3));
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('一'), None);
        assert_eq!(digit_value('\u{1fbf9}'), Some(9));
    }

    /// The runs of `s` found by decoding every character (what `runs` did before it skipped by lead byte).
    fn runs_by_char(s: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if digit_value(c).is_none() {
                continue;
            }
            let (start, mut end, mut digits) = (i, i + c.len_utf8(), 1);
            while let Some(&(j, d)) = it.peek() {
                if digit_value(d).is_some() {
                    it.next();
                    digits += 1;
                    end = j + d.len_utf8();
                } else if is_digit_separator(d) {
                    it.next();
                } else {
                    break;
                }
            }
            if let Some(&(j, x)) = it.peek() {
                if is_check_x(x) && j == end {
                    it.next();
                    end = j + x.len_utf8();
                }
            }
            out.push((start, end, digits));
        }
        out
    }

    /// The first reading of a date's shape (all parts collected, then matched): the reference
    /// [`is_date_shape`] is compared with.
    fn date_shape_by_parts(t: &str) -> bool {
        let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let small = |p: &str| (1..=2).contains(&p.len()) && all_digits(p);
        match parts.as_slice() {
            [y, m] => y.len() == 4 && all_digits(y) && small(m),
            [y, m, d] => y.len() == 4 && all_digits(y) && small(m) && small(d),
            _ => false,
        }
    }

    #[test]
    fn date_shapes() {
        for (t, want) in [
            ("2024-09-30", true),
            ("2024-9-3", true),
            ("2024/9/30", true),
            ("2024年9月30", true),
            ("2024-09", true),
            ("2024", false),
            ("2024-09-30-1", false),
            ("2024-009-30", false),
            ("202-09-30", false),
            ("2024--30", false),
            ("2024-09-", false),
            ("２０２４-09-30", false),
        ] {
            assert_eq!(is_date_shape(t), want, "{t}");
            assert_eq!(date_shape_by_parts(t), want, "{t}");
        }
    }

    proptest::proptest! {
        /// ASCII text (read eight bytes at a time) with a Chinese character here and there: the same digits
        /// and runs as the character-by-character reading.
        #[test]
        fn ascii_words_read_like_characters(s in "[0-9 _\\-aX/:.\\t]{0,40}(号[0-9 a-]{0,12})?") {
            proptest::prop_assert_eq!(
                digit_count(&s),
                s.chars().filter(|c| digit_value(*c).is_some()).count()
            );
            let ours: Vec<_> = runs(&s).into_iter().map(|r| (r.start, r.end, r.digits)).collect();
            proptest::prop_assert_eq!(ours, runs_by_char(&s), "{:?}", s);
        }

        /// `runs` (skipping by lead byte) finds exactly the runs a character-by-character reading finds.
        #[test]
        fn runs_are_the_char_by_char_runs(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "1", "٣", "７", "\u{1fbf9}", "\u{a8d5}", "X", "ｘ", " ", "-", "\u{3000}", "\u{200b}",
                    "\u{2212}", "\u{ff0d}", "号", "：", "（", "é", "—", "가", "\u{e000}", "\u{ff5e}",
                    "_", "\t", "a", "x", "9", "年", "月", "/", ".",
                ]).prop_map(String::from),
                "\\PC{0,3}",
            ],
            0..24,
        )) {
            let s: String = parts.concat();
            let ours: Vec<_> = runs(&s).into_iter().map(|r| (r.start, r.end, r.digits)).collect();
            proptest::prop_assert_eq!(ours, runs_by_char(&s), "{:?}", s);
            for r in runs(&s) {
                let t = &s[r.start..r.end];
                proptest::prop_assert_eq!(is_date_shape(t), date_shape_by_parts(t), "{:?}", t);
            }
            proptest::prop_assert_eq!(is_date_shape(&s), date_shape_by_parts(&s), "{:?}", s);
            proptest::prop_assert_eq!(
                digit_count(&s),
                s.chars().filter(|c| digit_value(*c).is_some()).count()
            );
            // `scrub_runs` (no digit count first) gives what `scrub` gives, whatever the count.
            proptest::prop_assert_eq!(scrub_runs(&s), scrub(&s), "{:?}", s);
            // `ends_run`'s ASCII path reads the last character as decoding it does.
            let last = s.chars().next_back();
            proptest::prop_assert_eq!(
                ends_run(&s),
                last.is_some_and(|c| digit_value(c).is_none() && !is_digit_separator(c) && !is_check_x(c)),
                "{:?}", s
            );
        }
    }

    proptest::proptest! {
        /// The ASCII fast paths of `mask_id` and `value` give what reading every character gives.
        #[test]
        fn ascii_fast_paths_read_like_characters(s in "[0-9Xx \\t_\\-a-z/:.\\x00-\\x1f\\x7f]{0,60}", t in "\\PC{0,50}", u in "[0-9Xx]{0,80}") {
            proptest::prop_assert_eq!(mask_id(&s), mask_id_chars(&s));
            // Numbers without separators (the first path), up to more stars than one copy of `STARS`.
            proptest::prop_assert_eq!(mask_id(&u), mask_id_chars(&u));
            proptest::prop_assert_eq!(value(&s), quoted_chars(&scrub(&s)));
            proptest::prop_assert_eq!(mask_id(&t), mask_id_chars(&t));
            proptest::prop_assert_eq!(value(&t), quoted_chars(&scrub(&t)));
        }
    }

    proptest::proptest! {
        /// Whatever surrounds it and however it is spaced, a long number never survives scrubbing.
        #[test]
        fn no_long_run_survives(
            digits in "[0-9]{7,19}",
            seps in proptest::collection::vec(proptest::sample::select(vec!["", " ", "-", "\u{200b}", "\u{3000}", "_", "\u{2011}"]), 19),
            before in "\\PC{0,6}",
            after in "\\PC{0,6}",
            fullwidth in proptest::bool::ANY,
        ) {
            let mut typed = String::new();
            for (i, d) in digits.chars().enumerate() {
                let d = if fullwidth { char::from_u32(d as u32 - 0x30 + 0xff10).unwrap_or(d) } else { d };
                typed.push(d);
                typed.push_str(seps[i % seps.len()]);
            }
            proptest::prop_assume!(!is_date_shape(typed.trim_end_matches(is_digit_separator)));
            let text = format!("{before}{typed}{after}");
            let out = scrub(&text);
            proptest::prop_assert!(!leaks(&digits, &out), "{text:?} -> {out:?}");
        }
    }
}
