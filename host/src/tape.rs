//! A JSON value flattened in document order — what a binding writes while it reads its host language's
//! objects, and what the core reads back as a [`Doc`] (borrowing the tape's text) or a `serde_json::Value`.
//!
//! Containers carry their length; an object's entries are a key string followed by the value. All strings
//! live in one text buffer, so writing a tape costs two growing buffers and reading it back as a [`Doc`]
//! copies no string. The Python face writes one per form in `validate_many` (read on a worker thread);
//! the Node face writes one from the token list and UTF-16 text its JS walker produces.
//!
//! A tape is only as well-formed as its writer: a container's length must match the values that follow.
//! A container that claims more values than the tape holds reads as shorter; nothing panics.

use std::borrow::Cow;

use serde_json::{Number, Value};

use tuiyi_core::doc::{Doc, Obj};

/// One token; strings and keys are byte ranges of the tape's text.
#[derive(Clone, Debug)]
enum Tok {
    Null,
    Bool(bool),
    Num(Number),
    Str(u32, u32),
    Arr(u32),
    Obj(u32),
}

/// See the module documentation.
#[derive(Clone, Debug, Default)]
pub struct Tape {
    toks: Vec<Tok>,
    text: String,
}

/// A position on a [`Tape`] (see [`Tape::mark`]).
#[derive(Clone, Copy, Debug)]
pub struct Mark(usize, usize);

/// A container opened on a [`Tape`], closed by [`Tape::end`] with its item (or entry) count.
#[derive(Clone, Copy, Debug)]
#[must_use]
pub struct Open(usize);

impl Tape {
    pub fn new() -> Tape {
        Tape::default()
    }

    /// Room for about `toks` tokens and `text` bytes of strings.
    pub fn with_capacity(toks: usize, text: usize) -> Tape {
        Tape {
            toks: Vec::with_capacity(toks),
            text: String::with_capacity(text),
        }
    }

    /// Forget the content, keep the buffers.
    pub fn clear(&mut self) {
        self.toks.clear();
        self.text.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Where the tape ends now: [`Tape::truncate`] back to it forgets what was written since (a value
    /// half written when reading it failed).
    pub fn mark(&self) -> Mark {
        Mark(self.toks.len(), self.text.len())
    }

    /// Forget everything written after `mark`.
    pub fn truncate(&mut self, mark: Mark) {
        self.toks.truncate(mark.0);
        // Always a character boundary: text only ever grows by whole strings.
        self.text.truncate(mark.1);
    }

    pub fn null(&mut self) {
        self.toks.push(Tok::Null);
    }

    pub fn boolean(&mut self, b: bool) {
        self.toks.push(Tok::Bool(b));
    }

    pub fn number(&mut self, n: Number) {
        self.toks.push(Tok::Num(n));
    }

    /// A string value, or an object's key (written just before its value).
    pub fn string(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.toks.push(str_tok(start, self.text.len()));
    }

    /// [`Tape::string`] of UTF-16 code units (a JS string as V8 stores it). A lone surrogate becomes
    /// U+FFFD, exactly as V8 (and so every N-API string read) converts a JS string to UTF-8, and as
    /// `String::from_utf16_lossy` does.
    pub fn string_utf16(&mut self, units: &[u16]) {
        let start = self.text.len();
        crate::utf16::append_utf16_lossy(units, &mut self.text);
        self.toks.push(str_tok(start, self.text.len()));
    }

    /// Open an array; its items follow.
    pub fn begin_array(&mut self) -> Open {
        self.toks.push(Tok::Arr(0));
        Open(self.toks.len() - 1)
    }

    /// Open an object; its entries (key string, value) follow.
    pub fn begin_object(&mut self) -> Open {
        self.toks.push(Tok::Obj(0));
        Open(self.toks.len() - 1)
    }

    /// Close a container with the number of items (array) or entries (object) written since it opened.
    pub fn end(&mut self, open: Open, len: usize) {
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        match self.toks.get_mut(open.0) {
            Some(Tok::Arr(n)) | Some(Tok::Obj(n)) => *n = len,
            _ => {}
        }
    }

    /// Write `v` (every key and string through [`Tape::string_utf16`], as the Node face writes them): for
    /// tests and fuzzing, which compare what is read back with `v`.
    #[doc(hidden)]
    pub fn value_utf16(&mut self, v: &Value) {
        let utf16 = |t: &mut Tape, s: &str| t.string_utf16(&s.encode_utf16().collect::<Vec<u16>>());
        match v {
            Value::Null => self.null(),
            Value::Bool(b) => self.boolean(*b),
            Value::Number(n) => self.number(n.clone()),
            Value::String(s) => utf16(self, s),
            Value::Array(a) => {
                let o = self.begin_array();
                a.iter().for_each(|x| self.value_utf16(x));
                self.end(o, a.len());
            }
            Value::Object(m) => {
                let o = self.begin_object();
                for (k, x) in m {
                    utf16(self, k);
                    self.value_utf16(x);
                }
                self.end(o, m.len());
            }
        }
    }

    fn str_at(&self, start: u32, len: u32) -> &str {
        let a = start as usize;
        self.text.get(a..a + len as usize).unwrap_or_default()
    }

    /// The value starting at token `pos`, borrowing the tape's strings; `pos` moves past it, so values
    /// written one after another are read back in turn.
    pub fn read_doc(&self, pos: &mut usize) -> Doc<'_> {
        let Some(tok) = self.toks.get(*pos) else {
            return Doc::Null;
        };
        *pos += 1;
        match *tok {
            Tok::Null => Doc::Null,
            Tok::Bool(b) => Doc::Bool(b),
            Tok::Num(ref n) => Doc::Number(n.clone()),
            Tok::Str(a, l) => Doc::String(Cow::Borrowed(self.str_at(a, l))),
            Tok::Arr(n) => {
                let n = self.remaining(n, *pos);
                Doc::Array((0..n).map(|_| self.read_doc(pos)).collect())
            }
            Tok::Obj(n) => {
                let n = self.remaining(n, *pos);
                Doc::Object(Obj::from_entries((0..n).map(|_| {
                    let key = self.read_key(pos);
                    (Cow::Borrowed(key), self.read_doc(pos))
                })))
            }
        }
    }

    /// [`Tape::read_doc`] as an owned `serde_json::Value` (a repeated key keeps its last value).
    pub fn read_value(&self, pos: &mut usize) -> Value {
        self.read_doc(pos).to_value()
    }

    /// A container's length, capped at the tokens left: a tape that claims more than it holds (never one a
    /// face wrote) reads as shorter and cannot make a reader allocate or loop beyond its size.
    fn remaining(&self, n: u32, pos: usize) -> usize {
        (n as usize).min(self.toks.len().saturating_sub(pos))
    }

    fn read_key(&self, pos: &mut usize) -> &str {
        let key = match self.toks.get(*pos) {
            Some(&Tok::Str(a, l)) => self.str_at(a, l),
            _ => "",
        };
        *pos += 1;
        key
    }
}

/// The byte budget of every face keeps a tape far below 4 GiB; past it, ranges saturate (and read as "").
fn str_tok(start: usize, end: usize) -> Tok {
    let s = u32::try_from(start).unwrap_or(u32::MAX);
    let l = u32::try_from(end - start).unwrap_or(0);
    Tok::Str(s, l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(t: &mut Tape) {
        let o = t.begin_object();
        t.string("name");
        t.string("王晓军");
        t.string("list");
        let a = t.begin_array();
        t.null();
        t.boolean(true);
        t.number(Number::from(3u64));
        t.end(a, 3);
        t.string("name");
        t.string("后者");
        t.end(o, 3);
    }

    #[test]
    fn reads_back_as_doc_and_value() {
        let mut t = Tape::new();
        sample(&mut t);
        t.string("next");
        let mut pos = 0;
        let v = t.read_value(&mut pos);
        assert_eq!(
            v,
            serde_json::json!({"name": "后者", "list": [null, true, 3]})
        );
        assert_eq!(t.read_value(&mut pos), serde_json::json!("next"));
        let mut pos = 0;
        let d = t.read_doc(&mut pos);
        assert_eq!(d.to_value(), v);
        assert_eq!(t.read_doc(&mut pos).as_str(), Some("next"));
        assert_eq!(t.read_doc(&mut pos), Doc::Null);
    }

    #[test]
    fn utf16_strings() {
        let mut t = Tape::new();
        let s = "a王😀\u{7f}\u{80}\u{ffff}";
        let units: Vec<u16> = s.encode_utf16().collect();
        t.string_utf16(&units);
        t.string_utf16(&[]);
        // lone surrogates: U+FFFD each, as V8 writes them
        t.string_utf16(&[
            0x61, 0xd800, 0xdc00, 0x62, 0xdbff, 0xdbff, 0xde00, 0xdc00, 0xd800,
        ]);
        let mut pos = 0;
        assert_eq!(t.read_value(&mut pos), Value::from(s));
        assert_eq!(t.read_value(&mut pos), Value::from(""));
        assert_eq!(
            t.read_value(&mut pos),
            Value::from("a\u{10000}b\u{fffd}\u{10fe00}\u{fffd}\u{fffd}")
        );
        assert_eq!(pos, 3);
        // Runs of eight ASCII units and more, broken by a lone surrogate (the encoder itself: `crate::utf16`).
        let long =
            "{\"name\": \"王晓军\", \"phone\": \"13912345678\"}0123456789abcdef😀ÿ\u{7f}xyzxyzxyz";
        let u: Vec<u16> = long.encode_utf16().collect();
        for cut in [8, 9, 15, 16, 17] {
            let mut bad = u.clone();
            bad.insert(cut, 0xdc00);
            let mut t = Tape::new();
            t.string_utf16(&bad);
            let mut pos = 0;
            assert_eq!(
                t.read_value(&mut pos),
                Value::from(String::from_utf16_lossy(&bad))
            );
        }
    }

    #[test]
    fn truncate_forgets_a_half_written_value() {
        let mut t = Tape::new();
        t.string("kept");
        let m = t.mark();
        let o = t.begin_object();
        t.string("王");
        let _ = o;
        t.truncate(m);
        t.string("next");
        let mut pos = 0;
        assert_eq!(t.read_value(&mut pos), Value::from("kept"));
        assert_eq!(t.read_value(&mut pos), Value::from("next"));
        assert_eq!(t.read_value(&mut pos), Value::Null);
    }

    #[test]
    fn short_tape_reads_what_it_holds() {
        let mut t = Tape::new();
        let a = t.begin_array();
        t.end(a, 2);
        t.null();
        let mut pos = 0;
        assert_eq!(t.read_value(&mut pos), serde_json::json!([null]));
        let mut pos = 0;
        assert_eq!(t.read_doc(&mut pos).to_value(), serde_json::json!([null]));
        let mut t = Tape::new();
        let o = t.begin_object();
        t.end(o, u32::MAX as usize);
        let mut pos = 0;
        assert_eq!(t.read_value(&mut pos), serde_json::json!({}));
    }

    #[cfg(not(miri))]
    proptest::proptest! {
        /// Every string of Unicode scalar values, as UTF-16, comes back unchanged; any unit sequence reads
        /// as `String::from_utf16_lossy` reads it.
        #[test]
        fn utf16_round_trip(s in "\\PC*", units in proptest::collection::vec(proptest::prelude::any::<u16>(), 0..12)) {
            let mut t = Tape::new();
            let u: Vec<u16> = s.encode_utf16().collect();
            t.string_utf16(&u);
            t.string_utf16(&units);
            let mut pos = 0;
            proptest::prop_assert_eq!(t.read_value(&mut pos), Value::from(s));
            proptest::prop_assert_eq!(t.read_value(&mut pos), Value::from(String::from_utf16_lossy(&units)));
            proptest::prop_assert!(std::str::from_utf8(t.text.as_bytes()).is_ok());
        }

        /// Longer runs of mixed units (`crate::utf16::tests::mixed_units`): the same answers as the standard
        /// library.
        #[test]
        fn utf16_mixed_runs(units in crate::utf16::tests::mixed_units()) {
            let mut t = Tape::new();
            t.string_utf16(&units);
            let mut pos = 0;
            proptest::prop_assert_eq!(t.read_value(&mut pos), Value::from(String::from_utf16_lossy(&units)));
        }
    }

    fn json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |x| x.is_finite())
                .prop_map(Value::from),
            "\\PC{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z姓名]{0,4}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[cfg(not(miri))]
    proptest::proptest! {
        /// Any JSON value written onto a tape (after another one) reads back unchanged, as a `Value` and as a `Doc`.
        #[test]
        fn values_round_trip(a in json(), b in json()) {
            let mut t = Tape::new();
            t.value_utf16(&a);
            t.string("between");
            t.value_utf16(&b);
            let mut pos = 0;
            proptest::prop_assert_eq!(&t.read_value(&mut pos), &a);
            proptest::prop_assert_eq!(t.read_value(&mut pos), Value::from("between"));
            proptest::prop_assert_eq!(&t.read_value(&mut pos), &b);
            let mut pos = 0;
            proptest::prop_assert_eq!(&t.read_doc(&mut pos).to_value(), &a);
            proptest::prop_assert_eq!(t.read_doc(&mut pos).to_value(), Value::from("between"));
            proptest::prop_assert_eq!(&t.read_doc(&mut pos).to_value(), &b);
        }
    }
}
