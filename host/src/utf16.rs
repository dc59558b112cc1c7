//! Two-byte code units to UTF-8: the strings of JavaScript (UTF-16, where a surrogate pair is one character)
//! and CPython's two-byte `str` storage (UCS-2, PEP 393, where every unit is a character and a surrogate is a
//! lone one, which has no UTF-8). One encoder for both faces, run under Miri in CI (`scripts/test.sh`).
//!
//! Sixteen ASCII units at a time on x86-64 (SSE2, part of the architecture), then eight; runs of Chinese
//! (three-byte) characters up to eight at a time ([`three_byte_words`]); any other unit on its own. A form's
//! text is mostly ASCII (keys, punctuation, digits), its values mostly Chinese: of a generated form's 2,113
//! units, 233 are not ASCII, in 54 runs. `bash benches/utf16_icount.sh` counts the encoder's instructions on
//! those texts: 11,078 a form with eight ASCII units at a time, 9,178 with sixteen, 6,598 with the Chinese
//! runs eight at a time.

use std::mem::MaybeUninit;

/// What a surrogate unit (U+D800–U+DFFF) becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Surrogates {
    /// A high one followed by a low one is one character (UTF-16); any other fails the whole string.
    Paired,
    /// As [`Surrogates::Paired`], a lone one written as U+FFFD (what V8 and `String::from_utf16_lossy` do).
    Replaced,
    /// Every one fails the whole string (UCS-2: each unit is a character of its own).
    Refused,
}

/// `units` as text, or `None` if one is a lone surrogate: what `String::from_utf16(units).ok()` answers, a
/// few times faster (the Node face decodes every string of an argument through this).
pub fn string_from_utf16(units: &[u16]) -> Option<String> {
    // Allocated at its final capacity here (a `reserve` on an empty string takes the vector's grow path).
    let mut out = String::with_capacity(units.len().saturating_mul(3));
    append(units, &mut out, Surrogates::Paired, true).then_some(out)
}

/// Append `units` to `out` as UTF-8, a lone surrogate as U+FFFD.
pub(crate) fn append_utf16_lossy(units: &[u16], out: &mut String) {
    append(units, out, Surrogates::Replaced, true);
}

/// Append the characters `units` (UCS-2: a surrogate, paired or not, is refused) to `out` as UTF-8; false
/// (and only a prefix appended, to be cut off) if one of them is a surrogate.
pub fn append_ucs2(units: &[u16], out: &mut String) -> bool {
    append(units, out, Surrogates::Refused, true)
}

/// `units` (UTF-16, as [`string_from_utf16`]) written as UTF-8 at the start of `room`, which needs three bytes a
/// unit; `None` if it has less, or on a lone surrogate. For a caller that holds room already (an arena):
/// nothing is allocated and nothing copied again.
pub fn utf16_into<'a>(units: &[u16], room: &'a mut [MaybeUninit<u8>]) -> Option<&'a mut str> {
    into(units, room, Surrogates::Paired, false)
}

/// The characters `units` (UCS-2, as [`append_ucs2`]) written as UTF-8 at the start of `room`, as
/// [`utf16_into`]; `None` also on any surrogate.
pub fn ucs2_into<'a>(units: &[u16], room: &'a mut [MaybeUninit<u8>]) -> Option<&'a mut str> {
    into(units, room, Surrogates::Refused, true)
}

/// [`encode`] into `room`; `long` as there.
#[inline(always)]
fn into<'a>(
    units: &[u16],
    room: &'a mut [MaybeUninit<u8>],
    surrogates: Surrogates,
    long: bool,
) -> Option<&'a mut str> {
    if room.len() < units.len().checked_mul(3)? {
        return None;
    }
    // SAFETY: `room` has the three bytes a unit `encode` may write.
    let n = unsafe { encode(units, room.as_mut_ptr().cast::<u8>(), surrogates, long) }?;
    let written = room.get_mut(..n)?;
    // SAFETY: `encode` wrote these `n` bytes, all of them, as whole UTF-8 sequences of Unicode scalar values.
    Some(unsafe {
        std::str::from_utf8_unchecked_mut(&mut *(written as *mut [MaybeUninit<u8>] as *mut [u8]))
    })
}

/// Append `units` to `out` by [`encode`] (`long` as there); false when a surrogate fails the string (`out`
/// then holds a prefix of it, to be cut off).
#[inline(always)]
fn append(units: &[u16], out: &mut String, surrogates: Surrogates, long: bool) -> bool {
    // SAFETY: `as_mut_vec` — bytes are written only to the spare capacity, and the length is extended only
    // over what `encode` wrote: whole UTF-8 sequences of Unicode scalar values, so `out` holds valid UTF-8.
    // `encode` writes at most three bytes a unit, and that much capacity is reserved first.
    let bytes = unsafe { out.as_mut_vec() };
    bytes.reserve(units.len().saturating_mul(3));
    let dst = bytes.spare_capacity_mut().as_mut_ptr().cast::<u8>();
    // SAFETY: as above.
    match unsafe { encode(units, dst, surrogates, long) } {
        Some(w) => {
            // SAFETY: `w` ≤ 3 × units.len() ≤ the spare capacity, and all `w` bytes were written.
            unsafe { bytes.set_len(bytes.len() + w) };
            true
        }
        None => false,
    }
}

/// Units `i..i + 8` packed into eight bytes (little-endian), and how many of them from the first are ASCII
/// (0–8: those bytes are the units' UTF-8; the rest are not), if there are eight. On x86-64 by SSE2 (part of
/// the architecture): one load, one test, one pack.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn ascii8(units: &[u16], i: usize) -> Option<(u64, usize)> {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi16, _mm_cvtsi128_si64, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_packus_epi16, _mm_set1_epi16, _mm_setzero_si128,
    };
    let c = units.get(i..i + 8)?;
    // SAFETY: SSE2 is always available on x86-64; the unaligned load reads exactly the 16 bytes of `c`.
    unsafe {
        let v = _mm_loadu_si128(c.as_ptr().cast());
        let high = _mm_and_si128(v, _mm_set1_epi16(0xff80_u16 as i16));
        // Two bits a unit, set when it is ASCII; the first unset pair is the first other unit.
        let ascii = _mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())) as u32;
        let run = ((!ascii & 0xffff) | 0x1_0000).trailing_zeros() as usize / 2;
        Some((_mm_cvtsi128_si64(_mm_packus_epi16(v, v)) as u64, run))
    }
}

/// Units `i..i + 16`, if there are sixteen: their low bytes stored at `dst` (sixteen bytes), and how many of
/// them from the first are ASCII (0–16: those bytes are the units' UTF-8; the rest are not). A unit is ASCII
/// when a saturating add of 0x7f80 leaves its top bit clear; a signed pack of the sums keeps that bit, so one
/// `pmovmskb` gives the sixteen units' answers, and an unsigned pack of the units their bytes. Two loads, two
/// adds, two packs, a mask, a store and a bit scan for sixteen units, where [`ascii8`] took a mask, a
/// compare, a pack and a bit scan for eight.
///
/// SAFETY: `dst .. dst + 16` must be writable.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn ascii16(units: &[u16], i: usize, dst: *mut u8) -> Option<usize> {
    use std::arch::x86_64::{
        _mm_adds_epu16, _mm_loadu_si128, _mm_movemask_epi8, _mm_packs_epi16, _mm_packus_epi16,
        _mm_set1_epi16, _mm_storeu_si128,
    };
    let (a, b) = units.get(i..i + 16)?.split_at(8);
    // SAFETY: SSE2 is always available on x86-64; the unaligned loads read exactly the 32 bytes of `a` and
    // `b`, and the store writes the 16 bytes the caller has room for.
    unsafe {
        let (a, b) = (
            _mm_loadu_si128(a.as_ptr().cast()),
            _mm_loadu_si128(b.as_ptr().cast()),
        );
        let k = _mm_set1_epi16(0x7f80);
        let loud = _mm_packs_epi16(_mm_adds_epu16(a, k), _mm_adds_epu16(b, k));
        let other = _mm_movemask_epi8(loud) as u32;
        _mm_storeu_si128(dst.cast(), _mm_packus_epi16(a, b));
        Some((other | 0x1_0000).trailing_zeros() as usize)
    }
}

/// How many of the eight units from the first are three-byte characters (U+0800–U+FFFF but the surrogates:
/// every Chinese one; 0–8), and each unit's UTF-8 as a little-endian word (E0|c>>12, 80|(c>>6 & 3F),
/// 80|(c & 3F), then a byte to be overwritten; the words of the units past the run mean nothing). Written
/// four bytes a word, three apart, a run takes one store a character where [`beyond_ascii`] made three.
/// On x86-64 (SSE2, part of the architecture) eight units at once: a unit's top five bits tell (zero below
/// U+0800, 11011 for a surrogate), two compares and a mask for all eight, shifts, masks and two unpacks
/// for the words. The Python face's encoder of a `str`'s short values uses it too.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn three_byte_words(units: &[u16; 8]) -> (usize, [u32; 8]) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi16, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi16, _mm_setzero_si128, _mm_slli_epi16, _mm_srli_epi16, _mm_storeu_si128,
        _mm_unpackhi_epi16, _mm_unpacklo_epi16,
    };
    let mut words = [0u32; 8];
    // SAFETY: SSE2 is always available on x86-64; the unaligned load reads exactly the 16 bytes of `units`,
    // the two stores write the 32 bytes of `words`.
    let run = unsafe {
        let v = _mm_loadu_si128(units.as_ptr().cast());
        let top = _mm_and_si128(v, _mm_set1_epi16(0xf800_u16 as i16));
        let other = _mm_or_si128(
            _mm_cmpeq_epi16(top, _mm_setzero_si128()),
            _mm_cmpeq_epi16(top, _mm_set1_epi16(0xd800_u16 as i16)),
        );
        let low6 = _mm_set1_epi16(0x3f);
        // Each unit's first two bytes as one 16-bit lane (E0|c>>12, then 80|(c>>6 & 3F)), and its third.
        let first = _mm_or_si128(_mm_srli_epi16::<12>(v), _mm_set1_epi16(0xe0));
        let second = _mm_or_si128(
            _mm_and_si128(_mm_srli_epi16::<6>(v), low6),
            _mm_set1_epi16(0x80),
        );
        let third = _mm_or_si128(_mm_and_si128(v, low6), _mm_set1_epi16(0x80));
        let head = _mm_or_si128(first, _mm_slli_epi16::<8>(second));
        _mm_storeu_si128(words.as_mut_ptr().cast(), _mm_unpacklo_epi16(head, third));
        _mm_storeu_si128(
            words.as_mut_ptr().add(4).cast(),
            _mm_unpackhi_epi16(head, third),
        );
        // Two bits a unit, set when it is not a three-byte character.
        ((_mm_movemask_epi8(other) as u32) | 0x1_0000).trailing_zeros() as usize / 2
    };
    (run, words)
}

/// The UTF-8 of the three-byte character `c` (U+0800–U+FFFF, not a surrogate) as a little-endian word:
/// bytes E0|c>>12, 80|(c>>6 & 3F), 80|(c & 3F), then a zero byte (to be overwritten: the word is stored
/// four bytes wide, three apart).
#[inline(always)]
pub fn three_byte_word(c: u32) -> u32 {
    0x0080_80e0 | (c >> 12) | ((c << 2) & 0x3f00) | ((c << 16) & 0x3f_0000)
}

/// [`three_byte_words`] on other targets (e.g. WebAssembly): unit by unit.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
pub fn three_byte_words(units: &[u16; 8]) -> (usize, [u32; 8]) {
    three_byte_words_by_unit(units)
}

/// [`three_byte_words`] unit by unit (other targets; on x86-64 the tests compare the two).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn three_byte_words_by_unit(units: &[u16; 8]) -> (usize, [u32; 8]) {
    let mut words = [0u32; 8];
    let mut run = 8;
    for (k, (w, &u)) in words.iter_mut().zip(units).enumerate() {
        let c = u32::from(u);
        if c < 0x800 || (0xd800..0xe000).contains(&c) {
            run = run.min(k);
        }
        *w = three_byte_word(c);
    }
    (run, words)
}

/// The three-byte characters that begin at `units[i]` (up to eight: [`three_byte_words`]) written at `dst`,
/// and how many; 0 when `units[i]` is not one. All eight words are written (writing only the run's would
/// branch on it): what lies past the run's bytes is overwritten by what follows, or past the end of the text.
///
/// SAFETY: `units` must have eight units from `i`, and `dst .. dst + 25` be writable.
#[inline(always)]
unsafe fn three_byte8(units: &[u16], i: usize, dst: *mut u8) -> usize {
    let Some(block) = units.get(i..).and_then(|u| u.first_chunk::<8>()) else {
        return 0;
    };
    let (run, words) = three_byte_words(block);
    if run > 0 {
        for (k, &word) in words.iter().enumerate() {
            // SAFETY: as this function's: the last word ends at `dst + 25`.
            unsafe { dst.add(3 * k).cast::<u32>().write_unaligned(word) };
        }
    }
    run
}

/// [`ascii8`] without SIMD (other targets, e.g. WebAssembly).
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn ascii8(units: &[u16], i: usize) -> Option<(u64, usize)> {
    let c = units.get(i..i + 8)?;
    let mut q = 0u64;
    for (k, &u) in c.iter().enumerate() {
        q |= u64::from(u as u8) << (8 * k);
    }
    Some((q, c.iter().position(|&u| u >= 0x80).unwrap_or(8)))
}

/// Write `units` as UTF-8 at `dst` and say how many bytes; `None` at the first surrogate that `surrogates`
/// fails (what was written is then only a prefix, to be thrown away). One pass: sixteen units tested at a
/// time ([`ascii16`], x86-64, when `long`) and then eight ([`ascii8`]), their ASCII prefix kept, then the units
/// that are not ASCII one by one up to the next ASCII unit (a value's Chinese between a text's ASCII keys and
/// punctuation); the last seven or fewer one by one. Whole UTF-8 sequences of Unicode scalar values only:
/// ASCII bytes, 2- and 3-byte sequences of non-surrogate BMP code points and of U+FFFD, 4-byte sequences of
/// supplementary code points (a surrogate pair: 4 bytes for 2 units).
///
/// `long`: the text is likely long (a form's whole text). A JavaScript object's strings, each encoded on its
/// own ([`utf16_into`]), are not: for them the sixteen-unit test, which fails on every string under sixteen
/// units, cost the Node face's object path 427 instructions a form (102,561 → 102,988, `bash
/// benches/node_icount.sh object`).
///
/// SAFETY: `dst .. dst + 3 × units.len()` must be writable.
#[inline(always)]
unsafe fn encode(units: &[u16], dst: *mut u8, surrogates: Surrogates, long: bool) -> Option<usize> {
    #[cfg(not(target_arch = "x86_64"))]
    let _ = long;
    let (mut i, mut w) = (0usize, 0usize);
    // SAFETY (every write below): at most 3 bytes are written for a unit, 4 for a pair, so `w` ≤ 3 × `i`
    // before each unit; 16 bytes stored for the 16 units `i..i + 16` and 8 for 8 (of which only the first
    // `run` are kept), within the room: `w` + 16 ≤ 3 × `i` + 16 ≤ 3 × `units.len()` when `i` + 16 ≤ it.
    #[cfg(target_arch = "x86_64")]
    while let Some(run) = long
        .then(|| unsafe { ascii16(units, i, dst.add(w)) })
        .flatten()
    {
        w += run;
        i += run;
        if run == 16 {
            continue;
        }
        unsafe { beyond_ascii_run(units, &mut i, dst, &mut w, surrogates) }?;
    }
    while let Some((q, run)) = ascii8(units, i) {
        unsafe {
            dst.add(w)
                .cast::<[u8; 8]>()
                .write_unaligned(q.to_le_bytes())
        };
        w += run;
        i += run;
        if run == 8 {
            continue;
        }
        unsafe { beyond_ascii_run(units, &mut i, dst, &mut w, surrogates) }?;
    }
    while let Some(&u) = units.get(i) {
        i += 1;
        if u < 0x80 {
            unsafe { dst.add(w).write(u as u8) };
            w += 1;
        } else {
            unsafe { beyond_ascii(units, &mut i, u, dst, &mut w, surrogates) }?;
        }
    }
    Some(w)
}

/// Write the units from `*i` up to the next ASCII one (or the end) at `dst + *w` by [`beyond_ascii`]: what
/// follows a block's ASCII prefix in [`encode`]. `None` when `surrogates` fails one.
///
/// SAFETY: as [`encode`]'s, with `*w` ≤ 3 × `*i`.
#[inline(always)]
unsafe fn beyond_ascii_run(
    units: &[u16],
    i: &mut usize,
    dst: *mut u8,
    w: &mut usize,
    surrogates: Surrogates,
) -> Option<()> {
    while let Some(&u) = units.get(*i) {
        if u < 0x80 {
            break;
        }
        // Up to eight three-byte characters at once, when nine units are left: `*w` + 25 ≤ 3 × (`*i` + 9)
        // bytes, within the room.
        if *i + 9 <= units.len() {
            // SAFETY: as just said.
            let run = unsafe { three_byte8(units, *i, dst.add(*w)) };
            if run > 0 {
                *i += run;
                *w += 3 * run;
                continue;
            }
        }
        *i += 1;
        // SAFETY: as this function's.
        unsafe { beyond_ascii(units, i, u, dst, w, surrogates) }?;
    }
    Some(())
}

/// Write the unit `u` (not ASCII; `units[*i - 1]`) at `dst + *w`, with the next unit when they are a pair and
/// `surrogates` joins pairs; `None` when `surrogates` fails it.
///
/// SAFETY: `dst + *w .. dst + *w + 3` must be writable, and 4 bytes when `u` begins a pair.
#[inline(always)]
unsafe fn beyond_ascii(
    units: &[u16],
    i: &mut usize,
    u: u16,
    dst: *mut u8,
    w: &mut usize,
    surrogates: Surrogates,
) -> Option<()> {
    let u = u32::from(u);
    /// SAFETY: `dst + w .. dst + w + 3` must be writable.
    #[inline(always)]
    unsafe fn put3(dst: *mut u8, w: &mut usize, c: u32) {
        unsafe {
            dst.add(*w).write(0xe0 | (c >> 12) as u8);
            dst.add(*w + 1).write(0x80 | ((c >> 6) & 0x3f) as u8);
            dst.add(*w + 2).write(0x80 | (c & 0x3f) as u8);
        }
        *w += 3;
    }
    // SAFETY (every write): as the function's.
    if u < 0x800 {
        unsafe {
            dst.add(*w).write(0xc0 | (u >> 6) as u8);
            dst.add(*w + 1).write(0x80 | (u & 0x3f) as u8);
        }
        *w += 2;
    } else if !(0xd800..0xe000).contains(&u) {
        unsafe { put3(dst, w, u) };
    } else if surrogates == Surrogates::Refused {
        return None;
    } else {
        match units.get(*i).map(|&l| u32::from(l)) {
            Some(lo) if u < 0xdc00 && (0xdc00..0xe000).contains(&lo) => {
                *i += 1;
                let c = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                unsafe {
                    dst.add(*w).write(0xf0 | (c >> 18) as u8);
                    dst.add(*w + 1).write(0x80 | ((c >> 12) & 0x3f) as u8);
                    dst.add(*w + 2).write(0x80 | ((c >> 6) & 0x3f) as u8);
                    dst.add(*w + 3).write(0x80 | (c & 0x3f) as u8);
                }
                *w += 4;
            }
            _ if surrogates == Surrogates::Paired => return None,
            _ => unsafe { put3(dst, w, 0xfffd) },
        }
    }
    Some(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// What `units` are as UCS-2 characters: `None` if one is a surrogate.
    #[cfg(not(miri))]
    fn ucs2_reference(units: &[u16]) -> Option<String> {
        units
            .iter()
            .map(|&u| char::from_u32(u32::from(u)))
            .collect()
    }

    fn ucs2_both(units: &[u16]) -> (Option<String>, Option<String>) {
        let mut s = String::from("前缀");
        let appended = append_ucs2(units, &mut s).then(|| s["前缀".len()..].to_owned());
        let mut room = vec![MaybeUninit::<u8>::uninit(); units.len() * 3];
        let into = ucs2_into(units, &mut room).map(|t| t.to_owned());
        (appended, into)
    }

    fn utf16_in_room(units: &[u16]) -> Option<String> {
        let mut room = vec![MaybeUninit::<u8>::uninit(); units.len() * 3];
        utf16_into(units, &mut room).map(|t| t.to_owned())
    }

    #[test]
    fn strings() {
        let s = "a王😀\u{7f}\u{80}\u{ffff}";
        let units: Vec<u16> = s.encode_utf16().collect();
        for bad in [
            &[0xd800][..],
            &[0x61, 0xdc00],
            &[0xdbff, 0xdbff, 0xde00],
            &[0xd800, 0x62],
        ] {
            assert_eq!(string_from_utf16(bad), None, "{bad:x?}");
            assert_eq!(utf16_in_room(bad), None, "{bad:x?}");
        }
        assert_eq!(utf16_in_room(&units).as_deref(), Some(s));
        assert_eq!(string_from_utf16(&units).as_deref(), Some(s));
        assert_eq!(string_from_utf16(&[0xd83d, 0xde00]).as_deref(), Some("😀"));
        // Runs of eight ASCII units and more (the SIMD path, also under Miri), broken by other units.
        let long =
            "{\"name\": \"王晓军\", \"phone\": \"13912345678\"}0123456789abcdef😀ÿ\u{7f}xyzxyzxyz";
        let u: Vec<u16> = long.encode_utf16().collect();
        assert_eq!(string_from_utf16(&u).as_deref(), Some(long));
        for cut in [8, 9, 15, 16, 17] {
            let mut bad = u.clone();
            bad.insert(cut, 0xdc00);
            assert_eq!(string_from_utf16(&bad), None, "lone surrogate at {cut}");
            assert_eq!(utf16_in_room(&bad), None, "lone surrogate at {cut}");
            let mut lossy = String::new();
            append_utf16_lossy(&bad, &mut lossy);
            assert_eq!(lossy, String::from_utf16_lossy(&bad));
        }
    }

    /// One unit that is not ASCII at each place of 16 to 19 ASCII ones (the sixteen-unit test, its end, and
    /// the units after it), of each kind the test must tell from ASCII: 0x80 and 0xff (a low byte with the
    /// top bit), 0x100 (a low byte of zero), 0x7f80 and 0xff7f (where the saturating add begins and ends),
    /// 0x8000 (negative as a signed unit), three-byte units and surrogates.
    #[test]
    fn each_unit_in_sixteen() {
        // Under Miri (slow), fewer: one length past sixteen and the kinds at the test's edges.
        let (lens, odds): (&[usize], &[u16]) = if cfg!(miri) {
            (&[16, 17], &[0x80, 0x100, 0x7f80, 0x8000, 0xd800, 0xffff])
        } else {
            (
                &[16, 17, 18, 19],
                &[
                    0x80, 0xff, 0x100, 0x7ff, 0x800, 0x7f80, 0x8000, 0x9fff, 0xd800, 0xdfff,
                    0xff7f, 0xffff,
                ],
            )
        };
        for &len in lens {
            for at in 0..len {
                for &odd in odds {
                    let mut u: Vec<u16> = (0..len).map(|k| 0x21 + k as u16).collect();
                    u[at] = odd;
                    let want = String::from_utf16(&u).ok();
                    assert_eq!(string_from_utf16(&u), want, "{odd:x} at {at} of {len}");
                    assert_eq!(utf16_in_room(&u), want, "{odd:x} at {at} of {len}");
                    let ucs2 = want.filter(|_| !(0xd800..0xe000).contains(&odd));
                    assert_eq!(
                        ucs2_both(&u),
                        (ucs2.clone(), ucs2),
                        "{odd:x} at {at} of {len}"
                    );
                }
            }
        }
    }

    /// Runs of Chinese characters (eight at a time, [`three_byte_words`]) of every length up to 27 between ASCII,
    /// with one unit of each kind the block test must tell apart at each place: ASCII, two-byte, the edges
    /// of the three-byte range and of the surrogates.
    #[test]
    fn each_unit_in_a_chinese_run() {
        let (lens, odds): (std::ops::RangeInclusive<usize>, &[u16]) = if cfg!(miri) {
            (8..=10, &[0x41, 0x7ff, 0xd800, 0xe000])
        } else {
            (
                0..=27,
                &[
                    0x41, 0x80, 0x7ff, 0x800, 0x4e2d, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff,
                    0xe000, 0xffff,
                ],
            )
        };
        for len in lens {
            for at in 0..=len {
                for &odd in odds {
                    let mut u: Vec<u16> = "{\"k\": \"".encode_utf16().collect();
                    let start = u.len();
                    u.extend(std::iter::repeat_n(0x738b, len));
                    if at < len {
                        u[start + at] = odd;
                    }
                    u.extend("\"}".encode_utf16());
                    let want = String::from_utf16(&u).ok();
                    assert_eq!(string_from_utf16(&u), want, "{odd:x} at {at} of {len}");
                    assert_eq!(utf16_in_room(&u), want, "{odd:x} at {at} of {len}");
                    let ucs2 = want.filter(|_| !(0xd800..0xe000).contains(&odd) || at == len);
                    assert_eq!(
                        ucs2_both(&u),
                        (ucs2.clone(), ucs2),
                        "{odd:x} at {at} of {len}"
                    );
                    // The run alone (the room exactly three bytes a unit, every byte of it written when
                    // all are Chinese), and at the very end of the units (no ASCII after it).
                    let bare = &u[start..start + len];
                    assert_eq!(
                        utf16_in_room(bare),
                        String::from_utf16(bare).ok(),
                        "{odd:x} at {at} of {len}, bare"
                    );
                    let ucs2 = String::from_utf16(bare)
                        .ok()
                        .filter(|_| !bare.iter().any(|u| (0xd800..0xe000).contains(u)));
                    assert_eq!(
                        ucs2_both(bare),
                        (ucs2.clone(), ucs2),
                        "{odd:x} at {at} of {len}, bare"
                    );
                    let cut = &u[..u.len() - 2];
                    assert_eq!(
                        utf16_in_room(cut),
                        String::from_utf16(cut).ok(),
                        "{odd:x} at {at} of {len}, cut"
                    );
                }
            }
        }
    }

    #[test]
    fn ucs2_refuses_every_surrogate() {
        // As UCS-2, a pair is two lone surrogates (a Python str "\ud83d\ude00"): refused, not joined.
        assert_eq!(ucs2_both(&[0xd83d, 0xde00]), (None, None));
        let text =
            "{\"name\": \"王晓军\", \"phone\": \"13912345678\"}0123456789abcdef·ÿ\u{7f}\u{ffff}xyz";
        let u: Vec<u16> = text.encode_utf16().collect();
        let ok = Some(text.to_owned());
        assert_eq!(ucs2_both(&u), (ok.clone(), ok));
        assert_eq!(ucs2_both(&[]), (Some(String::new()), Some(String::new())));
        for cut in [0, 7, 8, 9, 15, 16, 17, u.len()] {
            for s in [0xd800, 0xdbff, 0xdc00, 0xdfff] {
                let mut bad = u.clone();
                bad.insert(cut, s);
                assert_eq!(ucs2_both(&bad), (None, None), "{s:x} at {cut}");
            }
        }
        // Too little room: refused, nothing written past it.
        let mut room = vec![MaybeUninit::<u8>::uninit(); u.len() * 3 - 1];
        assert!(ucs2_into(&u, &mut room).is_none());
    }

    /// Longer runs of units, mostly ASCII (the eight-unit path) with CJK, two-byte, paired and lone surrogates
    /// between (also the tape's test of its UTF-16 strings).
    #[cfg(not(miri))]
    pub(crate) fn mixed_units() -> impl proptest::strategy::Strategy<Value = Vec<u16>> {
        proptest::collection::vec(
            proptest::prop_oneof![
                6 => 0u16..0x80,
                2 => 0x4e00u16..0x9fff,
                1 => 0x80u16..0x800,
                1 => 0xd800u16..0xe000,
                1 => proptest::prelude::any::<u16>(),
            ],
            0..120,
        )
    }

    #[cfg(not(miri))]
    proptest::proptest! {
        /// Any units: as UTF-16 what `String::from_utf16` answers; as UCS-2 the characters, or `None` when
        /// one is a surrogate.
        #[test]
        fn any_units(units in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::any::<u16>(),
                0u16..0x80,
                0xd800u16..0xe000,
            ],
            0..40,
        )) {
            proptest::prop_assert_eq!(string_from_utf16(&units), String::from_utf16(&units).ok());
            proptest::prop_assert_eq!(utf16_in_room(&units), String::from_utf16(&units).ok());
            let mut lossy = String::new();
            append_utf16_lossy(&units, &mut lossy);
            proptest::prop_assert_eq!(lossy, String::from_utf16_lossy(&units));
            let r = ucs2_reference(&units);
            proptest::prop_assert_eq!(ucs2_both(&units), (r.clone(), r));
        }

        /// Eight units of any kind: the same run of three-byte characters, and the same words for them, from
        /// the SSE2 code and unit by unit.
        #[test]
        fn three_byte_words_by_either_way(units in proptest::array::uniform8(proptest::prop_oneof![
            proptest::prelude::any::<u16>(),
            0x0800u16..0xd800,
            0xe000u16..=0xffff,
            proptest::sample::select(vec![0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0xffff]),
        ])) {
            let (run, words) = three_byte_words(&units);
            let (run_by_unit, words_by_unit) = three_byte_words_by_unit(&units);
            proptest::prop_assert_eq!(run, run_by_unit);
            proptest::prop_assert_eq!(&words[..run], &words_by_unit[..run]);
            for (k, &u) in units.iter().take(run).enumerate() {
                let c = char::from_u32(u32::from(u)).map(String::from).unwrap_or_default();
                proptest::prop_assert_eq!(&words[k].to_le_bytes()[..3], c.as_bytes());
            }
        }

        /// [`mixed_units`]: the same answers.
        #[test]
        fn mixed_runs(units in mixed_units()) {
            proptest::prop_assert_eq!(string_from_utf16(&units), String::from_utf16(&units).ok());
            proptest::prop_assert_eq!(utf16_in_room(&units), String::from_utf16(&units).ok());
            let r = ucs2_reference(&units);
            proptest::prop_assert_eq!(ucs2_both(&units), (r.clone(), r));
        }
    }
}
