//! JSON text → [`Doc`], in one pass, with every input limit ([`crate::limits`]) enforced while parsing.
//!
//! A document is refused at the first byte that breaches a limit — nesting, string length, list length,
//! keys per object, values in all — so a hostile text never costs more than a small multiple of its own
//! size (a 4 MiB text of `[]` items used to build a 134 MB tree before the limits were checked). Errors
//! carry the JSON Pointer of the offending value, collected on the way back up (nothing is spent on paths
//! while a valid document is read).
//!
//! The grammar is RFC 8259, strictly: no comments, no trailing commas, no leading `+` or zeros, no
//! unescaped control characters; one leading byte-order mark is skipped (every face does the same). Numbers
//! become `serde_json::Number` exactly as `serde_json` reads them (integers as `u64`/`i64` when they fit,
//! otherwise `f64`, correctly rounded; `-0` is a float; a number beyond `f64` is a syntax error). A repeated
//! key keeps its last value. A `\u` escape of a lone surrogate (`"\ud800"`) is refused with
//! `input_lone_surrogate` at the string's path — the same error every face gives for such a string in a
//! host object — rather than silently replaced.

use std::borrow::Cow;

use serde_json::Number;

use crate::code_info::CodeInfo;
use crate::doc::{Doc, EntryStack, Obj};
use crate::error::{pointer_key, Error, Result};
use crate::limits::{
    self, MAX_DEPTH, MAX_JSON_BYTES, MAX_LIST_ITEMS, MAX_OBJECT_KEYS, MAX_STRING_CHARS, MAX_VALUES,
};

/// Parse a whole JSON text (the input of an operation) into a [`Doc`].
pub fn parse(text: &str) -> Result<Doc<'_>> {
    parse_at(text, 1, "")
}

/// A JSON text given as bytes (a request body, a file, a Python `bytes`, a Node `Buffer`): its text when it
/// is UTF-8 (RFC 8259 §8.1), else `json_not_utf8` at `at` naming the first invalid byte. The size limit is
/// checked first, so a huge buffer is refused before it is read. A leading byte-order mark stays (the parser
/// skips it, as for any text).
pub fn utf8_text<'a>(bytes: &'a [u8], at: &str) -> Result<&'a str> {
    if bytes.len() > MAX_JSON_BYTES {
        return Err(limits::too_large(bytes.len()));
    }
    utf8(bytes).map_err(|offset| limits::not_utf8(offset, at))
}

/// Bytes as text when they are UTF-8; otherwise how many bytes from the start are valid (the offset
/// `json_not_utf8` names).
pub fn utf8(bytes: &[u8]) -> std::result::Result<&str, usize> {
    // The fast check says only yes or no; the standard one finds the offset of a bad byte.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(_) => std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()),
    }
}

/// Parse a JSON text that stands for the value at `at` (a JSON Pointer) and nesting level `depth` of a
/// larger input (1 = the top): e.g. a form given as its own text for `{"form": …}` is `(2, "/form")`. The
/// limits, and the paths of errors, are those of the whole input.
pub fn parse_at<'a>(text: &'a str, depth: usize, at: &str) -> Result<Doc<'a>> {
    parse_with(text, depth, at, &[])
}

/// [`parse`] of an operation's input in which the top-level keys `text_keys` may hold a document of their
/// own as JSON text (a form given as its text): those strings are bounded by the size limit only (the
/// core parses them, within every limit, when it reads them).
pub fn parse_input<'a>(text: &'a str, text_keys: &[&str]) -> Result<Doc<'a>> {
    parse_with(text, 1, "", text_keys)
}

fn parse_with<'a>(text: &'a str, depth: usize, at: &str, text_keys: &[&str]) -> Result<Doc<'a>> {
    if text.len() > MAX_JSON_BYTES {
        return Err(limits::too_large(text.len()));
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let mut p = Parser {
        s: body.as_bytes(),
        text: body,
        pos: 0,
        values: 0,
        text_keys,
        entries: EntryStack::new(),
    };
    let result = p.ws().and_then(|()| p.value(depth, false)).and_then(|v| {
        p.ws()?;
        if p.pos < p.s.len() {
            return Err(Fail::syntax(p.pos));
        }
        Ok(v)
    });
    result.map_err(|f| f.into_error(text, offset, at))
}

struct Parser<'a, 'k> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    values: usize,
    text_keys: &'k [&'k str],
    /// The entries of the objects being read.
    entries: EntryStack<'a>,
}

enum Why {
    /// Malformed JSON at this byte offset (of the text after the BOM).
    Syntax(usize),
    /// A limit (or lone surrogate) at the value whose path is collected in `rev_path`.
    Limit(&'static CodeInfo),
}

/// A parse failure; `rev_path` holds the path segments from the offending value up (innermost first).
struct Fail {
    why: Why,
    rev_path: Vec<String>,
}

impl Fail {
    #[cold]
    fn syntax(at: usize) -> Box<Fail> {
        Box::new(Fail {
            why: Why::Syntax(at),
            rev_path: Vec::new(),
        })
    }
    #[cold]
    fn limit(code: &'static CodeInfo) -> Box<Fail> {
        Box::new(Fail {
            why: Why::Limit(code),
            rev_path: Vec::new(),
        })
    }
    fn within(mut self: Box<Self>, seg: impl FnOnce() -> String) -> Box<Fail> {
        if matches!(self.why, Why::Limit(_)) {
            self.rev_path.push(seg());
        }
        self
    }
    fn into_error(self, text: &str, offset: usize, at: &str) -> Error {
        match self.why {
            Why::Syntax(pos) => {
                let upto = &text.as_bytes()[..(offset + pos).min(text.len())];
                let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
                let col_start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let column = String::from_utf8_lossy(&upto[col_start..]).chars().count() + 1;
                limits::syntax(line, column).at(at)
            }
            Why::Limit(code) => {
                let mut path = String::from(at);
                for seg in self.rev_path.iter().rev() {
                    path.push('/');
                    path.push_str(seg);
                }
                limits::breach(code, &path)
            }
        }
    }
}

type R<T> = std::result::Result<T, Box<Fail>>;

/// More characters than a string may have (the bytes counted first: no more characters than bytes).
#[inline(always)]
fn too_long(s: &str) -> bool {
    s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS
}

/// The first position at or after `i` that is not JSON whitespace (space, line feed, carriage return, tab).
/// Spaces are counted eight at a time: the bytes as one word, exclusive-or the spaces, its trailing zero
/// bytes are the spaces before anything else.
#[inline(never)]
fn ws_run(s: &[u8], mut i: usize) -> usize {
    loop {
        if let Some(w) = s.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let x = u64::from_le_bytes(*w) ^ 0x2020_2020_2020_2020;
            let spaces = (x.trailing_zeros() / 8) as usize;
            i += spaces;
            if spaces == 8 {
                continue;
            }
        }
        match s.get(i) {
            Some(&b) if b > b' ' => return i,
            Some(b' ' | b'\n' | b'\r' | b'\t') => i += 1,
            _ => return i,
        }
    }
}

/// `f` at the member `key` of its object (out of line: only a failure pays for it).
#[cold]
#[inline(never)]
fn within_key(f: Box<Fail>, key: &str) -> Box<Fail> {
    f.within(|| pointer_key(key))
}

impl<'a> Parser<'a, '_> {
    /// Skips whitespace. A byte above the space (compact text: every call) is one test; a run of spaces
    /// (`json.dumps`' `": "` and `", "`, a pretty-printed form's indentation) is skipped eight bytes at a
    /// time ([`ws_run`]).
    #[inline]
    fn ws(&mut self) -> R<()> {
        if let Some(&b) = self.s.get(self.pos) {
            if b <= b' ' {
                self.pos = ws_run(self.s, self.pos);
            }
        }
        Ok(())
    }

    /// [`Parser::ws`] after a separator (`:` or `,`), where `json.dumps` writes one space: that space is
    /// skipped here, without the call.
    #[inline(always)]
    fn ws_sep(&mut self) {
        match self.s.get(self.pos) {
            Some(&b) if b > b' ' => {}
            Some(b' ') if self.s.get(self.pos + 1).is_some_and(|&c| c > b' ') => self.pos += 1,
            Some(_) => self.pos = ws_run(self.s, self.pos),
            None => {}
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn count_value(&mut self) -> R<()> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(Fail::limit(&limits::TOO_MANY_VALUES));
        }
        Ok(())
    }

    fn value(&mut self, depth: usize, long_ok: bool) -> R<Doc<'a>> {
        self.count_value()?;
        match self.peek() {
            Some(b'{') => {
                if depth > MAX_DEPTH {
                    return Err(Fail::limit(&limits::TOO_DEEP));
                }
                self.pos += 1;
                self.object(depth)
            }
            Some(b'[') => {
                if depth > MAX_DEPTH {
                    return Err(Fail::limit(&limits::TOO_DEEP));
                }
                self.pos += 1;
                self.array(depth)
            }
            Some(b'"') => {
                self.pos += 1;
                if long_ok {
                    return self.string().map(Doc::String);
                }
                self.string_value_counted()
            }
            Some(b't') => self.literal(b"true", Doc::Bool(true)),
            Some(b'f') => self.literal(b"false", Doc::Bool(false)),
            Some(b'n') => self.literal(b"null", Doc::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Doc::Number),
            _ => Err(Fail::syntax(self.pos)),
        }
    }

    /// A string value after its opening quote (already counted), held to the length limit.
    #[inline(always)]
    fn string_value_counted(&mut self) -> R<Doc<'a>> {
        let s = self.string()?;
        if too_long(&s) {
            return Err(Fail::limit(&limits::STRING_TOO_LONG));
        }
        Ok(Doc::String(s))
    }

    fn literal(&mut self, word: &[u8], v: Doc<'a>) -> R<Doc<'a>> {
        if self.s.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(v)
        } else {
            // Point at the first byte that differs.
            let mut at = self.pos;
            while at < self.s.len()
                && at - self.pos < word.len()
                && self.s[at] == word[at - self.pos]
            {
                at += 1;
            }
            Err(Fail::syntax(at))
        }
    }

    fn array(&mut self, depth: usize) -> R<Doc<'a>> {
        let mut items: Vec<Doc<'a>> = Vec::new();
        self.ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Doc::Array(items));
        }
        loop {
            if items.len() == MAX_LIST_ITEMS {
                return Err(Fail::limit(&limits::LIST_TOO_LONG));
            }
            let i = items.len();
            let v = self
                .value(depth + 1, false)
                .map_err(|f| f.within(|| i.to_string()))?;
            items.push(v);
            self.ws()?;
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws_sep();
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Doc::Array(items));
                }
                _ => return Err(Fail::syntax(self.pos)),
            }
        }
    }

    fn object(&mut self, depth: usize) -> R<Doc<'a>> {
        self.ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Doc::Object(Obj::default()));
        }
        let mark = self.entries.mark();
        loop {
            if self.peek() != Some(b'"') {
                return Err(Fail::syntax(self.pos));
            }
            if self.entries.count(mark) == MAX_OBJECT_KEYS {
                return Err(Fail::limit(&limits::TOO_MANY_KEYS));
            }
            self.pos += 1;
            let key = self.string()?;
            if too_long(&key) {
                return Err(Fail::limit(&limits::STRING_TOO_LONG).within(|| pointer_key(&key)));
            }
            self.ws()?;
            if self.peek() != Some(b':') {
                return Err(Fail::syntax(self.pos));
            }
            self.pos += 1;
            self.ws_sep();
            let long_ok = depth == 1 && self.text_keys.iter().any(|k| *k == key);
            // A string (most of a form's values) is read here, without a call of `value`.
            // Its errors (a limit, a lone surrogate) are at the key's path, as `value`'s are.
            let v = if self.peek() == Some(b'"') && !long_ok {
                self.pos += 1;
                // Not `string_value_counted` with its error mapped: that measured 73,926 instructions per valid
                // form against 73,340 for this (`bash benches/icount.sh`).
                self.count_value().map_err(|f| within_key(f, &key))?;
                let s = self.string().map_err(|f| within_key(f, &key))?;
                if too_long(&s) {
                    return Err(within_key(Fail::limit(&limits::STRING_TOO_LONG), &key));
                }
                Doc::String(s)
            } else {
                match self.value(depth + 1, long_ok) {
                    Ok(v) => v,
                    Err(f) => return Err(within_key(f, &key)),
                }
            };
            self.entries.push(key, v);
            self.ws()?;
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws_sep();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Doc::Object(self.entries.finish(mark)));
                }
                _ => return Err(Fail::syntax(self.pos)),
            }
        }
    }

    /// A string after its opening quote: borrowed when it has no escapes.
    #[inline(always)]
    fn string(&mut self) -> R<Cow<'a, str>> {
        let start = self.pos;
        // The bytes of `text` itself (not `self.s`, the same bytes): the compiler then knows that both ends are
        // ASCII quotes and drops `split_at`'s character-boundary tests.
        let bytes = self.text.as_bytes();
        // Scan for the closing quote; escapes and control characters leave the fast path.
        loop {
            self.pos = plain_run(bytes, self.pos);
            match bytes.get(self.pos) {
                Some(b'"') => {
                    // Both ends are at a quote: `split_at`'s boundary checks are inlined (indexing by a
                    // range was a call for every string).
                    let s = self.text.split_at(self.pos).0.split_at(start).1;
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => return self.escaped_string(start),
                None => return Err(Fail::syntax(self.pos)),
                Some(&b) if b < 0x20 => return Err(Fail::syntax(self.pos)),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The rest of a string that has an escape at `self.pos` (it started at `start`): owned.
    #[inline(never)]
    fn escaped_string(&mut self, start: usize) -> R<Cow<'a, str>> {
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            self.pos = plain_run(self.s, self.pos);
            out.push_str(&self.text[run..self.pos]);
            match self.s.get(self.pos) {
                None => return Err(Fail::syntax(self.pos)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(Fail::syntax(self.pos)),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> R<()> {
        let Some(&b) = self.s.get(self.pos) else {
            return Err(Fail::syntax(self.pos));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xdc00..0xe000).contains(&hi) {
                    return Err(Fail::limit(&limits::LONE_SURROGATE));
                }
                if (0xd800..0xdc00).contains(&hi) {
                    if self.s.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(Fail::limit(&limits::LONE_SURROGATE));
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&lo) {
                        return Err(Fail::limit(&limits::LONE_SURROGATE));
                    }
                    let c = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                    char::from_u32(c).ok_or_else(|| Fail::syntax(self.pos))?
                } else {
                    char::from_u32(hi).ok_or_else(|| Fail::syntax(self.pos))?
                }
            }
            _ => return Err(Fail::syntax(self.pos - 1)),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> R<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(&b) = self.s.get(self.pos) else {
                return Err(Fail::syntax(self.pos));
            };
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(Fail::syntax(self.pos)),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let from = self.pos;
        while let Some(b'0'..=b'9') = self.s.get(self.pos) {
            self.pos += 1;
        }
        self.pos - from
    }

    fn number(&mut self) -> R<Number> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Fail::syntax(self.pos)),
        }
        let int_end = self.pos;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(Fail::syntax(self.pos));
            }
            float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(Fail::syntax(self.pos));
            }
            float = true;
        }
        if !float {
            // Integers as serde_json reads them: u64, or i64 when negative; otherwise a float. `-0` is -0.0.
            let mut v: u64 = 0;
            let mut fits = int_end - int_start <= 20;
            for &b in &self.s[int_start..int_end] {
                match v
                    .checked_mul(10)
                    .and_then(|x| x.checked_add(u64::from(b - b'0')))
                {
                    Some(x) => v = x,
                    None => {
                        fits = false;
                        break;
                    }
                }
            }
            if fits {
                if !negative {
                    return Ok(Number::from(v));
                }
                if v != 0 && v <= i64::MAX as u64 + 1 {
                    let n = if v == i64::MAX as u64 + 1 {
                        i64::MIN
                    } else {
                        -(v as i64)
                    };
                    return Ok(Number::from(n));
                }
            }
        }
        let f: f64 = self.text[start..self.pos]
            .parse()
            .map_err(|_| Fail::syntax(start))?;
        Number::from_f64(f).ok_or_else(|| Fail::syntax(self.pos))
    }
}

/// The index of the first byte at or after `i` that ends a run of plain string content: a quote, a backslash or
/// a control character (< 0x20), or `s.len()`. On x86-64 sixteen bytes at a time (SSE2, [`run_ends`]); then eight at a
/// time (the has-zero-byte trick: the lowest flagged byte is always a true match, a borrow only flags bytes above
/// one), then byte by byte. Inlined: as a call it cost more than it saved.
#[inline(always)]
fn plain_run(s: &[u8], mut i: usize) -> usize {
    use crate::mask::{HIGH, ONES};
    // While sixteen bytes are left: one compare with the last start (`s.get(i..i + 16)` tested the sum for
    // overflow and both ends, seven instructions a block).
    #[cfg(target_arch = "x86_64")]
    if let Some(last) = s.len().checked_sub(16) {
        while i <= last {
            let Some(chunk) = s.get(i..).and_then(|c| c.first_chunk::<16>()) else {
                break;
            };
            let m = run_ends(chunk);
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = s.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(chunk);
        let w = u64::from_le_bytes(a);
        let m = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = s.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// The bytes of `chunk` that end a plain run (a quote, a backslash, a control character below 0x20), as the
/// bits of a mask (bit `k` for byte `k`): SSE2 compares and `pmovmskb` (through `safe_arch`'s safe wrappers),
/// so that the first is one `tzcnt`. Written portably, the compiler made the same compares but found the
/// place through the stack: 17 instructions a string, 2,500 a form (callgrind's count of each instruction).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn run_ends(chunk: &[u8; 16]) -> u32 {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, min_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let v = load_unaligned_m128i(chunk);
    let quote = cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(b'"' as i8));
    let backslash = cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(b'\\' as i8));
    // Below 0x20: the unsigned minimum with 0x1f is the byte itself.
    let control = cmp_eq_mask_i8_m128i(min_u8_m128i(v, set_splat_i8_m128i(0x1f)), v);
    move_mask_i8_m128i(bitor_m128i(bitor_m128i(quote, backslash), control)) as u32
}

#[cfg(test)]
mod tests {
    /// `run_ends` flags exactly the bytes that end a run: every byte value, at each of the sixteen places, among
    /// plain bytes.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn run_ends_flags_each_byte_that_ends_a_run() {
        for b in 0..=255u8 {
            let ends = b == b'"' || b == b'\\' || b < 0x20;
            for k in 0..16 {
                let mut chunk = [b'a'; 16];
                chunk[k] = b;
                let want = if ends { 1u32 << k } else { 0 };
                assert_eq!(super::run_ends(&chunk), want, "byte {b:#04x} at {k}");
            }
        }
        assert_eq!(super::run_ends(&[b'"'; 16]), 0xffff);
    }

    /// The first byte at or after `i` that is not JSON whitespace, one byte at a time.
    fn naive_ws(s: &[u8], mut i: usize) -> usize {
        while matches!(s.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            i += 1;
        }
        i
    }

    /// Whitespace around a value the parser reads as a byte-by-byte skip would: runs of every length across
    /// the eight-byte words, ending in any byte (controls, bytes just above and below the space, non-ASCII).
    #[test]
    fn whitespace_runs_are_skipped_whole() {
        for run in 0..20 {
            for before in ["", " ", "\n", "\t\r "] {
                for end in [b'"', b'0', b'{', b'!', 0x1f, 0x0b, 0x0c, 0x00, 0x80, b':'] {
                    let mut s = before.as_bytes().to_vec();
                    s.extend(std::iter::repeat_n(b' ', run));
                    s.push(end);
                    // Spaces after it too: a word that ends in spaces is not taken for one that begins with them.
                    s.extend_from_slice(b"       x");
                    for start in 0..s.len() {
                        assert_eq!(
                            super::ws_run(&s, start),
                            naive_ws(&s, start),
                            "{s:?} from {start}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// `ws_run` (eight spaces at a time) stops where a byte-by-byte skip stops, from any start.
        #[test]
        fn ws_run_is_the_naive_skip(bytes in proptest::collection::vec(
            proptest::sample::select(vec![b' ', b' ', b' ', b'\n', b'\r', b'\t', b'"', 0x1f, 0x21, 0x0b, 0xe4]),
            0..40,
        ), start in 0usize..40) {
            let start = start.min(bytes.len());
            proptest::prop_assert_eq!(super::ws_run(&bytes, start), naive_ws(&bytes, start));
        }

        /// A document with whitespace of any kind and length between its tokens parses to the document without
        /// it; one with another control byte there is refused.
        #[test]
        fn any_whitespace_between_tokens_parses(
            gaps in proptest::collection::vec(proptest::collection::vec(
                proptest::sample::select(vec![" ", " ", "\n", "\r", "\t", "        "]), 0..6), 12),
            bad in 0usize..12,
        ) {
            let tokens = ["{", "\"a\"", ":", "[", "1", ",", "\"b c\"", "]", ",", "\"d\"", ":", "{}"];
            let build = |gap_bad: Option<usize>| {
                let mut t = String::new();
                for (i, tok) in tokens.iter().enumerate() {
                    t.push_str(&gaps[i].concat());
                    if gap_bad == Some(i) {
                        t.push('\u{0b}');
                    }
                    t.push_str(tok);
                }
                t.push('}');
                t
            };
            let (spaced, compact) = (build(None), tokens.concat() + "}");
            let spaced = super::parse(&spaced);
            proptest::prop_assert!(spaced.is_ok());
            proptest::prop_assert_eq!(format!("{:?}", spaced), format!("{:?}", super::parse(&compact)));
            proptest::prop_assert!(super::parse(&build(Some(bad))).is_err());
        }

        /// `plain_run` (sixteen, then eight bytes at a time) finds the same byte as a byte-by-byte scan, from any start.
        #[test]
        fn plain_run_is_the_naive_scan(bytes in proptest::collection::vec(
            proptest::prop_oneof![proptest::prelude::any::<u8>(), proptest::sample::select(vec![b'"', b'\\', 0x1f, 0x20, 0x7f, 0x80, 0xe4])],
            0..70,
        ), start in 0usize..70) {
            let start = start.min(bytes.len());
            proptest::prop_assert_eq!(plain_run(&bytes, start), naive_run(&bytes, start));
        }

        /// The same on plain text of any length with one byte of any value put anywhere (random bytes end a run
        /// within a few bytes, so they seldom reach a second block of sixteen).
        #[test]
        fn plain_run_finds_one_byte_anywhere(
            bytes in proptest::collection::vec(proptest::sample::select(vec![0x20, b'a', 0x7f, 0x80, 0xe4, 0xbf, 0xff]), 1..80),
            at in proptest::prelude::any::<proptest::sample::Index>(),
            byte in proptest::prelude::any::<u8>(),
            start in 0usize..80,
        ) {
            let mut bytes = bytes;
            let i = at.index(bytes.len());
            bytes[i] = byte;
            let start = start.min(bytes.len());
            proptest::prop_assert_eq!(plain_run(&bytes, start), naive_run(&bytes, start));
        }

        /// `utf8` (the SIMD check, then std's for the offset) accepts exactly what std accepts, and names the
        /// offset std names: bytes of Chinese text cut anywhere, with stray bytes and GBK pairs mixed in.
        #[test]
        fn utf8_is_std(parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::sample::select(vec!["张三", "{\"a\":", "山西省太原市", "\u{1F600}", " "]).prop_map(|s| s.as_bytes().to_vec()),
            proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4),
            proptest::sample::select(vec![vec![0xd5, 0xc5], vec![0xed, 0xa0, 0x80], vec![0xc0, 0xaf], vec![0xef, 0xbb, 0xbf]]),
        ], 0..80)) {
            let bytes: Vec<u8> = parts.concat();
            let expected = std::str::from_utf8(&bytes).map_err(|e| e.valid_up_to());
            proptest::prop_assert_eq!(utf8(&bytes), expected);
        }
    }

    use super::*;
    use proptest::strategy::Strategy as _;
    use serde_json::Value;

    /// Where a string's plain run from `start` ends, byte by byte.
    fn naive_run(bytes: &[u8], start: usize) -> usize {
        (start..bytes.len())
            .find(|&i| bytes[i] == b'"' || bytes[i] == b'\\' || bytes[i] < 0x20)
            .unwrap_or(bytes.len())
    }

    fn same_as_serde(t: &str) {
        let ours = parse(t).map(|d| d.to_value());
        let theirs: std::result::Result<Value, _> = serde_json::from_str(t);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{t}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{t}: ours {ours:?} serde {theirs:?}"),
        }
    }

    #[test]
    fn agrees_with_serde_json() {
        for t in [
            "0",
            "-0",
            "-0.0",
            "1e2",
            "1E+2",
            "1.5e-3",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1E400",
            "0.1e-400",
            "01",
            "1.",
            ".5",
            "+1",
            "-",
            "1e",
            r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#,
            r#"{"a":1,"a":2}"#,
            r#"{"b":[1,2,{"c":null}],"a":true}"#,
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "\"\u{1}\"",
            "\"abc",
            "nul",
            "  [ ]  ",
            "[] x",
            "{\"a\" 1}",
            "{1:2}",
            "\"\\x\"",
            "\"\\u12G4\"",
            "tru",
            "",
        ] {
            same_as_serde(t);
        }
    }

    #[test]
    fn limits_while_parsing_with_paths() {
        let deep = format!("{}{}", "[".repeat(70), "]".repeat(70));
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.code, "input_too_deep");
        assert_eq!(e.path, format!("/{}", vec!["0"; 64].join("/")));
        let e = parse_at(&format!("{{\"x\":{deep}}}"), 2, "/form").unwrap_err();
        assert_eq!(e.code, "input_too_deep");
        assert!(e.path.starts_with("/form/x/0/0"), "{}", e.path);
        let long = format!("{{\"basic\":{{\"name\":\"{}\"}}}}", "张".repeat(1001));
        let e = parse(&long).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input_string_too_long", "/basic/name")
        );
        let list = format!("{{\"l\":[{}]}}", vec!["{}"; 201].join(","));
        let e = parse(&list).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input_list_too_long", "/l")
        );
        let keys: Vec<String> = (0..201).map(|i| format!("\"k{i}\":0")).collect();
        let e = parse(&format!("{{\"o\":{{{}}}}}", keys.join(","))).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input_too_many_keys", "/o")
        );
        let e = parse(r#"{"a":["x","\ud800"]}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input_lone_surrogate", "/a/1")
        );
        // A string member is read without a call of `value`: its errors carry the member's path all the same.
        let e = parse(r#"{"a":"\udc00x"}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input_lone_surrogate", "/a")
        );
        let e = parse(r#"{"o":{"b":"x","c":"\ud800"}}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input_lone_surrogate", "/o/c")
        );
        let e = parse("{\"a\":\n  tru}").unwrap_err();
        assert_eq!(e.code, "json_syntax");
        assert!(e.message.contains("第 2 行第 6 列"), "{}", e.message);
    }

    #[test]
    fn many_values_are_refused_early() {
        // 200 lists of 200 items, then more: the value budget stops it.
        let inner = format!("[{}]", vec!["0"; 200].join(","));
        let mid = format!("[{}]", vec![inner.as_str(); 200].join(","));
        let text = format!("[{}]", [mid.as_str(); 5].join(","));
        let e = parse(&text).unwrap_err();
        assert_eq!(e.code, "input_too_many_values");
        // The same budget spent on string members: refused at the first member past it, by its path.
        let obj = format!(
            "{{{}}}",
            (0..200)
                .map(|k| format!("\"k{k}\":\"v\""))
                .collect::<Vec<_>>()
                .join(",")
        );
        let list = format!("[{}]", vec![obj.as_str(); 200].join(","));
        let text = format!("[{}]", [list.as_str(); 3].join(","));
        let e = parse(&text).unwrap_err();
        assert_eq!(e.code, "input_too_many_values");
        assert!(
            e.path.starts_with("/2/") && e.path.contains("/k"),
            "{}",
            e.path
        );
    }

    #[test]
    fn bom_is_skipped_and_keys_masked_in_paths() {
        assert_eq!(
            parse("\u{feff}[1]").unwrap().to_value(),
            serde_json::json!([1])
        );
        let e = parse(&format!(
            "{{\"110101199003071233\":[{}]}}",
            vec!["0"; 201].join(",")
        ))
        .unwrap_err();
        assert_eq!(e.path, "/110*************33");
    }
}
