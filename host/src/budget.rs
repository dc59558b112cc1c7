//! The input limits, checked while a face reads a host value — before anything is copied — with the same
//! codes and JSON Pointers the JSON parser gives for the same document as text.

use tuiyi_core::code_info::CodeInfo;
use tuiyi_core::limits::{
    self, MAX_DEPTH, MAX_JSON_BYTES, MAX_LIST_ITEMS, MAX_OBJECT_KEYS, MAX_STRING_CHARS, MAX_VALUES,
};
use tuiyi_core::Error;

/// Why reading a host value failed.
#[derive(Debug)]
pub enum FailKind {
    /// A limit of the core (its code), at the value's path.
    Limit(&'static CodeInfo),
    /// A host value JSON cannot carry (a function, `bytes`, a set…): what it is, for the message.
    WrongType {
        got: String,
        /// A hint for the message, e.g. "pass dt.date()".
        hint: &'static str,
    },
    /// A string that is not valid Unicode (a lone surrogate).
    LoneSurrogate,
    /// A form's JSON text given as bytes that are not UTF-8: valid up to this offset.
    NotUtf8(usize),
    /// A host value that cannot be read (a getter or `items()` that raises): what the host said, masked.
    Unreadable(String),
    /// A host exception to re-raise as it is (e.g. `KeyboardInterrupt` while reading).
    Host,
}

/// A failure while reading a host value, with the path from the value up (innermost segment first).
#[derive(Debug)]
pub struct Fail {
    pub kind: FailKind,
    rev_path: Vec<String>,
}

impl Fail {
    pub fn new(kind: FailKind) -> Fail {
        Fail {
            kind,
            rev_path: Vec::new(),
        }
    }

    /// Add the segment of the enclosing container (an index, or an object key as typed).
    pub fn within_index(mut self, i: usize) -> Fail {
        self.rev_path.push(i.to_string());
        self
    }

    pub fn within_key(mut self, key: &str) -> Fail {
        self.rev_path.push(tuiyi_core::error::pointer_key(key));
        self
    }

    /// The JSON Pointer of the failing value, under `prefix`.
    pub fn path(&self, prefix: &str) -> String {
        let mut p = String::from(prefix);
        for s in self.rev_path.iter().rev() {
            p.push('/');
            p.push_str(s);
        }
        p
    }

    /// The core error for this failure (`None` for [`FailKind::Host`]: re-raise the host's own).
    pub fn into_error(self, prefix: &str) -> Option<Error> {
        let path = self.path(prefix);
        Some(match self.kind {
            FailKind::Limit(code) if code.code == limits::TOO_LARGE.code => {
                limits::too_large_text(&format!(">{MAX_JSON_BYTES}"))
            }
            FailKind::Limit(code) => limits::breach(code, &path),
            FailKind::WrongType { got, hint } => tuiyi_core::strict::wrong_host_type(
                &path,
                "JSON 可表示的值（对象、数组、字符串、数字、布尔值、null）",
                &format!(
                    "a value JSON can carry (object, array, string, number, boolean, null){hint}"
                ),
                &got,
            ),
            FailKind::LoneSurrogate => limits::breach(&limits::LONE_SURROGATE, &path),
            FailKind::NotUtf8(offset) => limits::not_utf8(offset, &path),
            FailKind::Unreadable(what) => tuiyi_core::strict::invalid_input(
                &path,
                &format!("无法读取该值：{what}"),
                &format!("the value cannot be read: {what}"),
            ),
            FailKind::Host => return None,
        })
    }
}

/// Bytes as text when they are UTF-8 (the core's [`tuiyi_core::parse::utf8`]), else `NotUtf8`.
pub fn utf8(bytes: &[u8]) -> Result<&str, Fail> {
    tuiyi_core::parse::utf8(bytes).map_err(|offset| Fail::new(FailKind::NotUtf8(offset)))
}

/// What one input may still spend: bytes of (estimated) JSON text and values.
#[derive(Debug, Clone)]
pub struct Budget {
    bytes: usize,
    values: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new()
    }
}

fn limit(code: &'static CodeInfo) -> Fail {
    Fail::new(FailKind::Limit(code))
}

impl Budget {
    pub fn new() -> Budget {
        Budget {
            bytes: MAX_JSON_BYTES,
            values: MAX_VALUES,
        }
    }

    fn spend(&mut self, bytes: usize) -> Result<(), Fail> {
        self.bytes = self
            .bytes
            .checked_sub(bytes)
            .ok_or_else(|| limit(&limits::TOO_LARGE))?;
        Ok(())
    }

    /// One value (of any kind) of about `bytes` of JSON text.
    pub fn value(&mut self, bytes: usize) -> Result<(), Fail> {
        self.values = self
            .values
            .checked_sub(1)
            .ok_or_else(|| limit(&limits::TOO_MANY_VALUES))?;
        self.spend(bytes)
    }

    /// A form's JSON text given as bytes (a Python `bytes`, a JS `Uint8Array`): its text, the bytes charged
    /// as a text first (so a huge buffer is refused before it is read), then checked by [`utf8`].
    pub fn json_bytes<'b>(&mut self, bytes: &'b [u8]) -> Result<&'b str, Fail> {
        self.text(bytes.len())?;
        utf8(bytes)
    }

    /// A string of `chars` characters (an upper bound is enough when it is within the limit) and `bytes`
    /// bytes of UTF-8 (or an upper bound), checked before it is copied.
    pub fn string(&mut self, chars: usize, bytes: usize) -> Result<(), Fail> {
        if chars > MAX_STRING_CHARS {
            return Err(limit(&limits::STRING_TOO_LONG));
        }
        self.value(bytes + 2)
    }

    /// A JSON text given for a form (parsed by the core, within the limits): only its size counts here.
    pub fn text(&mut self, bytes: usize) -> Result<(), Fail> {
        self.value(bytes + 2)
    }

    /// An array of `len` items at nesting `depth` (the input is at depth 1).
    pub fn array(&mut self, depth: usize, len: usize) -> Result<(), Fail> {
        self.value(2)?;
        if depth > MAX_DEPTH {
            return Err(limit(&limits::TOO_DEEP));
        }
        if len > MAX_LIST_ITEMS {
            return Err(limit(&limits::LIST_TOO_LONG));
        }
        // Separators.
        self.spend(len)
    }

    /// An object of `len` entries at nesting `depth`.
    pub fn object(&mut self, depth: usize, len: usize) -> Result<(), Fail> {
        self.value(2)?;
        if depth > MAX_DEPTH {
            return Err(limit(&limits::TOO_DEEP));
        }
        if len > MAX_OBJECT_KEYS {
            return Err(limit(&limits::TOO_MANY_KEYS));
        }
        Ok(())
    }

    /// An object key of `chars` characters and `bytes` bytes.
    pub fn key(&mut self, chars: usize, bytes: usize) -> Result<(), Fail> {
        if chars > MAX_STRING_CHARS {
            return Err(limit(&limits::STRING_TOO_LONG));
        }
        self.spend(bytes + 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_have_the_parsers_codes_and_paths() {
        let mut b = Budget::new();
        let e = b
            .array(2, 201)
            .unwrap_err()
            .within_key("family_members")
            .into_error("/form")
            .unwrap();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input_list_too_long", "/form/family_members")
        );
        let e = Budget::new()
            .string(1001, 3003)
            .unwrap_err()
            .within_key("110101199003071233")
            .into_error("")
            .unwrap();
        assert_eq!(e.code, "input_string_too_long");
        assert_eq!(e.path, "/110*************33");
        let mut b = Budget::new();
        let mut n = 0;
        while b.value(1).is_ok() {
            n += 1;
        }
        assert_eq!(n, MAX_VALUES);
    }
}
