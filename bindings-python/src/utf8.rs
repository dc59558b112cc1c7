//! The UTF-8 of a `str`, read from CPython's own storage of it.
//!
//! CPython keeps a `str` as one, two or four bytes a character (Latin-1, UCS-2, UCS-4: PEP 393). Its UTF-8
//! is that storage itself when the string is ASCII; otherwise `PyUnicode_AsUTF8AndSize` encodes it into a
//! buffer it allocates and keeps in the object for the object's life. On a fresh form (`json.loads` of a
//! request) that is one encoding and one allocation on CPython's heap for every Chinese value, and for a
//! form's JSON text given as a `str` (3 KB) a buffer of three bytes a character then copied: about 20,000
//! instructions of the 90,000 a `validate(dict)` call took, and 1.7 µs of `validate_json(str)`.
//!
//! Here an ASCII string is borrowed in place and any other is encoded straight from its storage: into the
//! call's byte arena (`exact`, a form's values: no allocation per string, all given back at once), or into
//! a `String` (a form's text). This needs CPython's object layout, which the stable ABI (abi3) hides: the
//! wheel is built for one CPython version, as orjson's and pydantic-core's are. Built with the `abi3`
//! feature (or for PyPy or GraalPy), [`storage`] always answers `None` and CPython encodes, as before.
//!
//! A string holding a surrogate (Python allows a lone one; it has no UTF-8) is left to CPython too, which
//! fails on it; the callers report that failure as they always have.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Bytes a call's documents borrow text from (what [`in_arena`] encodes), given back when the call ends.
pub(crate) type Bytes = typed_arena::Arena<u8>;

/// A `str`'s own storage (PEP 393).
#[cfg_attr(any(Py_LIMITED_API, PyPy, GraalPy), allow(dead_code))]
pub(crate) enum Storage<'a> {
    /// One byte a character, all ASCII by the string's own flag (CPython sets it when it makes the string).
    Ascii(&'a [u8]),
    Latin1(&'a [u8]),
    Ucs2(&'a [u16]),
    Ucs4(&'a [u32]),
}

/// What a `str`'s header says of its storage (PEP 393): the width of its characters (1, 2 or 4 bytes), whether
/// the characters follow the header (`compact`), whether they are all ASCII (flagged when CPython made the
/// string) and whether the storage is made yet (`ready`; always, from Python 3.12).
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
#[derive(Clone, Copy)]
struct Header {
    kind: u32,
    compact: bool,
    ascii: bool,
    ready: bool,
}

#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
impl Header {
    /// The header of the `str` `o`, its `state` word read once. CPython 3.10–3.13 (the builds with a GIL)
    /// declare `state` as the bit-fields `interned:2, kind:3, compact:1, ascii:1, ready:1` (`ready` is
    /// `statically_allocated` from 3.12), which a little-endian ABI allocates from the lowest bit: the
    /// layout pyo3's accessors read bit by bit (`PyUnicode_KIND`, `PyUnicode_IS_COMPACT`,
    /// `PyUnicode_IS_ASCII`, `PyUnicode_IS_READY`, each asked for every key and string: reading the word
    /// once took 762 instructions off a `validate(dict)` of a form). `tests/test_exact.py` reads strings of
    /// every width, compact or not, and compares them with their UTF-8.
    ///
    /// SAFETY: `o` must point to a live `str`.
    #[cfg(all(target_endian = "little", not(any(Py_3_14, Py_GIL_DISABLED))))]
    #[inline(always)]
    unsafe fn of(o: *mut ffi::PyObject) -> Header {
        // SAFETY: as this function's; every `str` begins with a `PyASCIIObject`.
        let state = unsafe { (*o.cast::<ffi::PyASCIIObject>()).state };
        Header {
            kind: (state >> 2) & 7,
            compact: state & (1 << 5) != 0,
            ascii: state & (1 << 6) != 0,
            #[cfg(not(Py_3_12))]
            ready: state & (1 << 7) != 0,
            #[cfg(Py_3_12)]
            ready: true,
        }
    }

    /// The header of the `str` `o`, through pyo3's accessors (or CPython's functions, from 3.14).
    ///
    /// SAFETY: `o` must point to a live `str`.
    #[cfg(not(all(target_endian = "little", not(any(Py_3_14, Py_GIL_DISABLED)))))]
    #[inline(always)]
    unsafe fn of(o: *mut ffi::PyObject) -> Header {
        unsafe {
            #[cfg(not(Py_3_12))]
            let ready = ffi::PyUnicode_IS_READY(o) != 0;
            #[cfg(Py_3_12)]
            let ready = true;
            if !ready {
                return Header {
                    kind: 0,
                    compact: false,
                    ascii: false,
                    ready,
                };
            }
            #[cfg(not(Py_3_14))]
            let (compact, ascii) = (
                ffi::PyUnicode_IS_COMPACT(o) != 0,
                ffi::PyUnicode_IS_ASCII(o) != 0,
            );
            // From 3.14 pyo3 reads no state bit: the data's address comes from CPython, and `ascii` from
            // the characters ([`Storage::ascii`]).
            #[cfg(Py_3_14)]
            let (compact, ascii) = (false, false);
            Header {
                kind: ffi::PyUnicode_KIND(o),
                compact,
                ascii,
                ready,
            }
        }
    }

    /// Where the characters of the ready `str` `o` with this header are.
    ///
    /// SAFETY: `o` must point to a live, ready `str` with this header.
    #[inline(always)]
    unsafe fn data(self, o: *mut ffi::PyObject) -> *mut std::ffi::c_void {
        #[cfg(not(Py_3_14))]
        // SAFETY: as this function's: a compact string's characters follow its header, an ASCII one's
        // the shorter header (`_PyUnicode_COMPACT_DATA`); any other's are where `data` points.
        unsafe {
            if self.compact {
                if self.ascii {
                    o.cast::<ffi::PyASCIIObject>().add(1).cast()
                } else {
                    o.cast::<ffi::PyCompactUnicodeObject>().add(1).cast()
                }
            } else {
                (*o.cast::<ffi::PyUnicodeObject>()).data.any
            }
        }
        #[cfg(Py_3_14)]
        // SAFETY: as this function's.
        unsafe {
            let _ = self;
            ffi::PyUnicode_DATA(o)
        }
    }
}

/// The storage of the `str` `o`, which has `chars` characters; `None` when it cannot be read here (see the
/// module documentation: CPython then makes the UTF-8).
///
/// SAFETY: `o` must point to a live `str` whose length is `chars` (`PyUnicode_GetLength`), and stay alive
/// for 'a (a `str` is immutable once made).
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
pub(crate) unsafe fn storage<'a>(o: *mut ffi::PyObject, chars: usize) -> Option<Storage<'a>> {
    unsafe {
        let h = Header::of(o);
        // A string made by the C API of Python ≤ 3.11 may not be "ready" (have its PEP 393 storage) yet.
        if !h.ready {
            return None;
        }
        let data = h.data(o);
        if data.is_null() {
            return None;
        }
        // SAFETY: `chars` characters of the kind's width (CPython aligns the storage for them), valid while
        // `o` is.
        match h.kind {
            ffi::PyUnicode_1BYTE_KIND => {
                let b = std::slice::from_raw_parts(data.cast::<u8>(), chars);
                // The flag, read in place of the characters (up to Python 3.13; on 3.14, whose state bits
                // pyo3 does not read, `ascii` tests the characters).
                #[cfg(not(Py_3_14))]
                if h.ascii {
                    return Some(Storage::Ascii(b));
                }
                Some(Storage::Latin1(b))
            }
            ffi::PyUnicode_2BYTE_KIND => Some(Storage::Ucs2(std::slice::from_raw_parts(
                data.cast::<u16>(),
                chars,
            ))),
            ffi::PyUnicode_4BYTE_KIND => Some(Storage::Ucs4(std::slice::from_raw_parts(
                data.cast::<u32>(),
                chars,
            ))),
            _ => None,
        }
    }
}

/// How many characters the `str` `o` has (`PyUnicode_GetLength`), read from the object where its layout is
/// known (no call).
///
/// SAFETY: `o` must point to a live `str`.
pub(crate) unsafe fn chars(o: *mut ffi::PyObject) -> Option<usize> {
    #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
    // SAFETY: as this function's; a ready `str` keeps its length in its `PyASCIIObject` header.
    unsafe {
        #[cfg(not(Py_3_12))]
        let ready = Header::of(o).ready;
        #[cfg(Py_3_12)]
        let ready = true;
        if ready {
            return usize::try_from((*o.cast::<ffi::PyASCIIObject>()).length).ok();
        }
    }
    // SAFETY: as this function's.
    usize::try_from(unsafe { ffi::PyUnicode_GetLength(o) }).ok()
}

/// Under the stable ABI: CPython makes the UTF-8 (see the module documentation).
///
/// SAFETY: none needed; `unsafe` as the other build's.
#[cfg(any(Py_LIMITED_API, PyPy, GraalPy))]
pub(crate) unsafe fn storage<'a>(_o: *mut ffi::PyObject, _chars: usize) -> Option<Storage<'a>> {
    None
}

impl<'a> Storage<'a> {
    /// The string itself when it is ASCII (its storage is its UTF-8).
    fn ascii(&self) -> Option<&'a str> {
        match *self {
            // SAFETY: ASCII is UTF-8.
            Storage::Ascii(b) => Some(unsafe { std::str::from_utf8_unchecked(b) }),
            // A one-byte string without the flag holds a character beyond ASCII (CPython makes every string
            // in the narrowest kind that holds it, and flags it ASCII when it is); where the flag is not
            // read, the characters are tested.
            #[cfg(Py_3_14)]
            Storage::Latin1(b) if b.is_ascii() => Some(unsafe { std::str::from_utf8_unchecked(b) }),
            _ => None,
        }
    }

    /// Room enough for the UTF-8.
    fn bound(&self) -> usize {
        match self {
            Storage::Ascii(b) | Storage::Latin1(b) => b.len() * 2,
            // One byte more than three a unit: [`put_ucs2`] writes a three-byte character as one four-byte
            // store.
            Storage::Ucs2(u) => u.len() * 3 + 1,
            Storage::Ucs4(u) => u.len() * 4,
        }
    }

    /// Writes the UTF-8 at the start of `room` (which must have [`Storage::bound`] bytes) and gives it back;
    /// `None` on a surrogate (or a code point beyond U+10FFFF), which has no UTF-8, or when `room` is short.
    /// Two-byte storage of 32 characters or more (a form's text) goes through the Node face's encoder
    /// (`tuiyi_host::utf16`, sixteen ASCII characters at a time), told that every surrogate is a lone one;
    /// shorter (a form's Chinese values) through [`put_ucs2`].
    fn write<'b>(&self, room: &'b mut [MaybeUninit<u8>]) -> Option<&'b str> {
        match *self {
            Storage::Ascii(b) | Storage::Latin1(b) => put_all(b, room),
            // A form's values are short (five Chinese characters on average, addresses up to thirty) and
            // mostly Chinese: written here, without the call and its tests for runs of ASCII, which pay off
            // only on a form's text (`validate(dict)`: 370 instructions more through them for values under
            // eight characters; 67,716 against 67,564 with `put_ucs2` up to eight characters and up to 32).
            Storage::Ucs2(u) if u.len() < 32 => put_ucs2(u, room),
            Storage::Ucs2(u) => tuiyi_host::utf16::ucs2_into(u, room).map(|s| &*s),
            Storage::Ucs4(u) => put_all(u, room),
        }
    }
}

/// The code points `units` written as UTF-8 at the start of `room` and given back; `None` on a surrogate or a
/// value beyond U+10FFFF, or when `room` has fewer bytes than [`Storage::bound`] gives for units of this
/// width (2, 3 or 4 a unit).
fn put_all<'b, T: Copy + Into<u32>>(
    units: &[T],
    room: &'b mut [MaybeUninit<u8>],
) -> Option<&'b str> {
    // The most bytes a unit of this width takes: two below 0x100, three below 0x10000, four above.
    let most = match std::mem::size_of::<T>() {
        1 => 2,
        2 => 3,
        _ => 4,
    };
    if room.len() < units.len().checked_mul(most)? {
        return None;
    }
    let dst = room.as_mut_ptr().cast::<u8>();
    let mut n = 0;
    for &c in units {
        // SAFETY: `room` has `most` bytes a unit, and no unit of this width takes more.
        n = unsafe { put(dst, n, c.into()) }?;
    }
    // SAFETY: `put` wrote the first `n` bytes, all of them, as whole UTF-8 sequences of scalar values.
    unsafe { written(room, n) }
}

/// [`put_all`] of two-byte units (a form's Chinese values), a three-byte character (U+0800–U+FFFF but
/// the surrogates: every Chinese one) written by one four-byte store of its bytes made as one word, where
/// `put` wrote three bytes made one by one: `room` needs a byte more than three a unit ([`Storage::bound`]).
/// The words of up to eight such characters are made at once (`tuiyi_host::utf16::three_byte_words`; of
/// the last seven or fewer units, four as a block repeated to make eight), any other unit on its own. `None` on a
/// surrogate (a lone one: in a two-byte `str` each unit is a character), or when `room` is short.
fn put_ucs2<'b>(units: &[u16], room: &'b mut [MaybeUninit<u8>]) -> Option<&'b str> {
    if room.len() <= units.len().checked_mul(3)? {
        return None;
    }
    let dst = room.as_mut_ptr().cast::<u8>();
    let mut n = 0;
    let mut rest = units;
    while let Some((block, tail)) = rest.split_first_chunk::<8>() {
        n = put_ucs2_block(block, block, dst, n)?;
        rest = tail;
    }
    if let Some((&[a, b, c, d], tail)) = rest.split_first_chunk::<4>() {
        n = put_ucs2_block(&[a, b, c, d], &[a, b, c, d, a, b, c, d], dst, n)?;
        rest = tail;
    }
    n = put_ucs2_units(rest, dst, n)?;
    // SAFETY: the loops wrote the first `n` bytes, all of them, as whole UTF-8 sequences of scalar values.
    unsafe { written(room, n) }
}

/// The `N` units `block` (eight, or four repeated in `eight`) written at `dst + n`: when all are three-byte
/// characters, their words; otherwise the words of those it begins with, then the others one by one. Where
/// the next goes, or `None` on a surrogate.
#[inline(always)]
fn put_ucs2_block<const N: usize>(
    block: &[u16; N],
    eight: &[u16; 8],
    dst: *mut u8,
    mut n: usize,
) -> Option<usize> {
    let (run, words) = tuiyi_host::utf16::three_byte_words(eight);
    // SAFETY (each write): `n` ≤ 3 × the units before this one, and `room` has 3 a unit and one more: the
    // word's four bytes are in it. A whole block is written by a loop of `N` (unrolled), not of `run`: with
    // only the second loop `validate(dict)` counted about 1,000 instructions a form more (61,386 → 60,353).
    if run >= N {
        for &w in words.iter().take(N) {
            unsafe { dst.add(n).cast::<u32>().write_unaligned(w) };
            n += 3;
        }
        return Some(n);
    }
    for &w in words.iter().take(run) {
        unsafe { dst.add(n).cast::<u32>().write_unaligned(w) };
        n += 3;
    }
    put_ucs2_units(block.get(run..).unwrap_or_default(), dst, n)
}

/// The units written one by one at `dst + n`; where the next goes, or `None` on a surrogate.
#[inline(always)]
fn put_ucs2_units(units: &[u16], dst: *mut u8, mut n: usize) -> Option<usize> {
    for &u in units {
        let c = u32::from(u);
        // SAFETY (each write): as in [`put_ucs2`], whose `room` has 3 bytes a unit and one more.
        unsafe {
            if c < 0x80 {
                *dst.add(n) = c as u8;
                n += 1;
            } else if c >= 0x800 && !(0xD800..0xE000).contains(&c) {
                // Three bytes as one word; the fourth is the next one's (or the room's spare byte).
                dst.add(n)
                    .cast::<u32>()
                    .write_unaligned(tuiyi_host::utf16::three_byte_word(c));
                n += 3;
            } else {
                n = put(dst, n, c)?;
            }
        }
    }
    Some(n)
}

/// The first `n` bytes of `room` as text (`None` if it has fewer): what [`put_all`] and [`put_ucs2`] give back.
///
/// SAFETY: those bytes must have been written, as whole UTF-8 sequences of scalar values.
#[inline(always)]
unsafe fn written(room: &[MaybeUninit<u8>], n: usize) -> Option<&str> {
    let bytes = room.get(..n)?;
    // SAFETY: as this function's; `MaybeUninit<u8>` has the layout of `u8`.
    Some(unsafe {
        std::str::from_utf8_unchecked(&*(bytes as *const [MaybeUninit<u8>] as *const [u8]))
    })
}

/// Writes the code point `c` as UTF-8 at `dst + n` and says where the next goes; `None` for a surrogate or a
/// value beyond U+10FFFF.
///
/// SAFETY: `dst + n` must have room for four bytes (or as many as `c` takes).
#[inline(always)]
unsafe fn put(dst: *mut u8, n: usize, c: u32) -> Option<usize> {
    unsafe {
        if c < 0x80 {
            *dst.add(n) = c as u8;
            Some(n + 1)
        } else if c < 0x800 {
            *dst.add(n) = 0xC0 | (c >> 6) as u8;
            *dst.add(n + 1) = 0x80 | (c & 0x3F) as u8;
            Some(n + 2)
        } else if c < 0x1_0000 {
            if (0xD800..0xE000).contains(&c) {
                return None;
            }
            *dst.add(n) = 0xE0 | (c >> 12) as u8;
            *dst.add(n + 1) = 0x80 | ((c >> 6) & 0x3F) as u8;
            *dst.add(n + 2) = 0x80 | (c & 0x3F) as u8;
            Some(n + 3)
        } else if c < 0x11_0000 {
            *dst.add(n) = 0xF0 | (c >> 18) as u8;
            *dst.add(n + 1) = 0x80 | ((c >> 12) & 0x3F) as u8;
            *dst.add(n + 2) = 0x80 | ((c >> 6) & 0x3F) as u8;
            *dst.add(n + 3) = 0x80 | (c & 0x3F) as u8;
            Some(n + 4)
        } else {
            None
        }
    }
}

/// The UTF-8 of the `str` `s` of `chars` characters (`s.len()`) as a `String` (or borrowed when ASCII);
/// `None` as [`storage`] or on a surrogate: ask CPython.
pub(crate) fn of<'a>(s: &'a Bound<'_, PyString>, chars: usize) -> Option<Cow<'a, str>> {
    debug_assert_eq!(s.len().ok(), Some(chars));
    // SAFETY: `s` holds a reference to the live `str` for 'a, whose length is `chars`.
    let st = unsafe { storage(s.as_ptr(), chars) }?;
    if let Some(t) = st.ascii() {
        return Some(Cow::Borrowed(t));
    }
    let mut out: Vec<u8> = Vec::with_capacity(st.bound());
    let n = st.write(out.spare_capacity_mut())?.len();
    // SAFETY: `write` wrote the first `n` bytes of the spare capacity, as UTF-8.
    unsafe {
        out.set_len(n);
        Some(Cow::Owned(String::from_utf8_unchecked(out)))
    }
}

/// The UTF-8 of the `str` `o` of `chars` characters, borrowed from it when ASCII, else encoded into `bytes`;
/// `None` as [`storage`] or on a surrogate: ask CPython.
///
/// SAFETY: `o` must point to a live `str` whose length is `chars`, and stay alive as long as `bytes` is
/// borrowed.
///
/// Inlined into the reader's loop (most of a form's strings, its keys, are ASCII); the encoding of any other
/// string is a call ([`encode_in_arena`]). Inlining it took 838 instructions off a `validate(dict)`.
#[inline(always)]
pub(crate) unsafe fn in_arena(o: *mut ffi::PyObject, chars: usize, bytes: &Bytes) -> Option<&str> {
    // SAFETY: as this function's.
    let st = unsafe { storage(o, chars) }?;
    if let Some(t) = st.ascii() {
        return Some(t);
    }
    encode_in_arena(&st, bytes)
}

/// The UTF-8 of `st` (not ASCII) encoded into `bytes`; `None` on a surrogate.
#[inline(never)]
fn encode_in_arena<'a>(st: &Storage<'_>, bytes: &'a Bytes) -> Option<&'a str> {
    // SAFETY: typed-arena asks that the bytes be initialized because it runs their destructors when it is
    // dropped; a byte has none, and the arena never reads them. `write` says how many it wrote.
    st.write(unsafe { bytes.alloc_uninitialized(st.bound()) })
}

#[cfg(test)]
mod tests {
    use std::mem::MaybeUninit;

    use super::put_ucs2;

    /// `put_ucs2` into room of `Storage::bound` bytes, as `encode_in_arena` gives it.
    fn encode(units: &[u16]) -> Option<String> {
        let mut room = vec![MaybeUninit::<u8>::uninit(); units.len() * 3 + 1];
        put_ucs2(units, &mut room).map(str::to_owned)
    }

    /// The UTF-8 of `units` as the standard library makes it, `None` when one is a surrogate (in a two-byte
    /// `str` each unit is a character: a surrogate is a lone one).
    fn expected(units: &[u16]) -> Option<String> {
        if units.iter().any(|u| (0xD800..0xE000).contains(u)) {
            return None;
        }
        String::from_utf16(units).ok()
    }

    /// Units of every class the encoder tells apart, and the edges between them.
    const EDGES: [u16; 14] = [
        0x0000, 0x0041, 0x007F, 0x0080, 0x00E9, 0x07FF, 0x0800, 0x4E2D, 0xD7FF, 0xD800, 0xDFFF,
        0xE000, 0xFF11, 0xFFFF,
    ];

    /// Every length up to 40, each a run of Chinese characters (the eight- and four-unit blocks) with one
    /// unit of each class at each place: the standard library's UTF-8, or `None` for a surrogate.
    #[test]
    fn ucs2_blocks_encode_as_the_standard_library() {
        for len in 0..=40 {
            let base = vec![0x4E2Du16; len];
            assert_eq!(encode(&base), expected(&base), "{len}");
            for at in 0..len {
                for &u in &EDGES {
                    let mut units = base.clone();
                    units[at] = u;
                    assert_eq!(encode(&units), expected(&units), "{len} {at} {u:#x}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Any units, any length: the standard library's UTF-8, or `None` for a surrogate.
        #[test]
        fn ucs2_encodes_as_the_standard_library(units in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::any::<u16>(),
                proptest::sample::select(EDGES.to_vec()),
                0x0800u16..0xD800,
                0xE000u16..=0xFFFF,
            ],
            0..70,
        )) {
            proptest::prop_assert_eq!(encode(&units), expected(&units));
        }
    }
}
