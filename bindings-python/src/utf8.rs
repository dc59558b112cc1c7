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

/// The storage of the `str` `o`, which has `chars` characters; `None` when it cannot be read here (see the
/// module documentation: CPython then makes the UTF-8).
///
/// SAFETY: `o` must point to a live `str` whose length is `chars` (`PyUnicode_GetLength`), and stay alive
/// for 'a (a `str` is immutable once made).
#[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy)))]
pub(crate) unsafe fn storage<'a>(o: *mut ffi::PyObject, chars: usize) -> Option<Storage<'a>> {
    unsafe {
        // A string made by the C API of Python ≤ 3.11 may not be "ready" (have its PEP 393 storage) yet.
        #[cfg(not(Py_3_12))]
        if ffi::PyUnicode_IS_READY(o) == 0 {
            return None;
        }
        let data = ffi::PyUnicode_DATA(o);
        if data.is_null() {
            return None;
        }
        // SAFETY: `chars` characters of the kind's width (CPython aligns the storage for them), valid while
        // `o` is.
        match ffi::PyUnicode_KIND(o) {
            ffi::PyUnicode_1BYTE_KIND => {
                let b = std::slice::from_raw_parts(data.cast::<u8>(), chars);
                // The flag, read in place of the characters (pyo3 reads it up to Python 3.13; on 3.14,
                // whose state bits it does not read, `ascii` tests the characters).
                #[cfg(not(Py_3_14))]
                if ffi::PyUnicode_IS_ASCII(o) != 0 {
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
        let ready = ffi::PyUnicode_IS_READY(o) != 0;
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
/// `None` on a surrogate (a lone one: in a two-byte `str` each unit is a character), or when `room` is short.
fn put_ucs2<'b>(units: &[u16], room: &'b mut [MaybeUninit<u8>]) -> Option<&'b str> {
    if room.len() <= units.len().checked_mul(3)? {
        return None;
    }
    let dst = room.as_mut_ptr().cast::<u8>();
    let mut n = 0;
    for &u in units {
        let c = u32::from(u);
        // SAFETY (each write): `n` ≤ 3 × the units before `c`, and `room` has 3 a unit and one more, so the
        // four bytes at `n` are in it.
        unsafe {
            if c < 0x80 {
                *dst.add(n) = c as u8;
                n += 1;
            } else if c >= 0x800 && !(0xD800..0xE000).contains(&c) {
                // Bytes E0|c>>12, 80|(c>>6 & 3F), 80|(c & 3F), little-endian; the fourth is the next one's.
                let word = 0x0080_80e0 | (c >> 12) | ((c << 2) & 0x3f00) | ((c << 16) & 0x3f_0000);
                dst.add(n).cast::<u32>().write_unaligned(word);
                n += 3;
            } else {
                n = put(dst, n, c)?;
            }
        }
    }
    // SAFETY: the loop wrote the first `n` bytes, all of them, as whole UTF-8 sequences of scalar values.
    unsafe { written(room, n) }
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
