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
}

/// The placeholders of `t`: each `{`, and the first `}` after it (a `{` without one starts plain text to the
/// end), as [`render_counting`] reads them.
const fn holes(t: &str) -> Holes {
    let b = t.as_bytes();
    let mut h = Holes {
        n: 0,
        at: [(0, 0); MAX_HOLES],
    };
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
            return h;
        }
        h.at[h.n as usize] = (i as u16, j as u16);
        h.n += 1;
        i = j + 1;
    }
    h
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
    match args.iter().position(|(k, _)| *k == name) {
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
    let Some(at) = holes.at.get(..usize::from(holes.n)) else {
        return render_counting(template, args, digits);
    };
    let room = template.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>();
    let mut out = String::with_capacity(room);
    let mut inserted = 0;
    let mut from = 0;
    // `{` and `}` are ASCII: the offsets are character boundaries, found when the template was declared
    // (`split_at_checked`'s checks are inlined; slicing by a range was a call for each piece).
    let piece = |a: usize, b: usize| -> &str {
        template
            .split_at_checked(b)
            .and_then(|(head, _)| head.split_at_checked(a))
            .map_or("", |(_, p)| p)
    };
    for &(open, close) in at {
        let (open, close) = (usize::from(open), usize::from(close));
        out.push_str(piece(from, open));
        inserted += fill(&mut out, piece(open + 1, close), args, digits);
        from = close + 1;
    }
    out.push_str(piece(from, template.len()));
    (out, inserted)
}

/// Both messages of `info`, rendered and scrubbed of personal numbers ([`crate::mask::scrub`]): what a finding
/// carries. A message is scanned again only when it may hold a long digit run: the template's own digits plus
/// those of the values put in (an upper bound of the message's digits) are more than
/// [`crate::mask::MAX_VISIBLE_DIGITS`]; with fewer, `scrub` would return it unchanged.
pub fn scrubbed_messages(info: &CodeInfo, args: &[(&str, &str)]) -> (String, String) {
    let mut digits = [0usize; 16];
    let counted = args.len() <= digits.len();
    if counted {
        for (d, (_, v)) in digits.iter_mut().zip(args) {
            *d = crate::mask::digit_count(v);
        }
    }
    let one = |template: &str, own: u16, holes: &Holes| {
        let (text, inserted) = render_holes(template, holes, args, &digits);
        if counted && usize::from(own) + inserted <= crate::mask::MAX_VISIBLE_DIGITS {
            return text;
        }
        // Past the bound (or uncounted): its runs are read without counting its digits a second time.
        match crate::mask::scrub_runs(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(m) => m,
        }
    };
    (
        one(info.template_zh, info.digits.0, &info.holes.0),
        one(info.template_en, info.digits.1, &info.holes.1),
    )
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
