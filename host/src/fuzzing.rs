//! The entry of the `tape` cargo-fuzz target (`fuzz/`), shared with the corpus replay of `cargo test`
//! (`host/tests/fuzz_corpus.rs`). Not for production use: a violated invariant panics.

use serde_json::Value;

use crate::tape::Tape;

/// Any UTF-16 code units read back as `String::from_utf16_lossy` reads them, are what `String::from_utf16`
/// answers, and as UCS-2 (CPython's two-byte `str`) are their characters or refused for a surrogate (the
/// encoder, `crate::utf16`, writes through raw pointers: the fuzzer runs it under AddressSanitizer, `cargo
/// miri test` under Miri); any JSON value written onto a tape reads back unchanged, and validates exactly
/// as from text.
pub fn tape(data: &[u8]) {
    let units: Vec<u16> = data
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    let cut = data
        .first()
        .map_or(0, |&b| usize::from(b) % (units.len() + 1));
    let mut t = Tape::new();
    t.string_utf16(&units[..cut]);
    t.string_utf16(&units[cut..]);
    let mut pos = 0;
    for part in [&units[..cut], &units[cut..]] {
        let got = t.read_value(&mut pos);
        assert_eq!(got, Value::from(String::from_utf16_lossy(part)));
        assert_eq!(
            crate::utf16::string_from_utf16(part),
            String::from_utf16(part).ok()
        );
        let chars: Option<String> = part.iter().map(|&u| char::from_u32(u32::from(u))).collect();
        let mut room = vec![std::mem::MaybeUninit::<u8>::uninit(); part.len() * 3];
        let ucs2 = crate::utf16::ucs2_into(part, &mut room).map(|s| s.to_owned());
        assert_eq!(ucs2, chars, "UCS-2");
        // One string of a JavaScript object (eight units at a time, not sixteen).
        let one = crate::utf16::utf16_into(part, &mut room).map(|s| s.to_owned());
        assert_eq!(one, String::from_utf16(part).ok(), "UTF-16 into room");
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = tuiyi_core::parse::parse(text) else {
        return;
    };
    let v = doc.to_value();
    let mut t = Tape::new();
    t.value_utf16(&v);
    assert_eq!(t.read_value(&mut 0), v, "tape round trip");
    let from_tape = t.read_doc(&mut 0);
    assert_eq!(from_tape.to_value(), v, "tape → Doc");
    let Ok(e) = tuiyi_core::Engine::embedded() else {
        panic!("embedded engine");
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28);
    assert!(
        e.validate_doc(&from_tape, today) == e.validate_doc(&doc, today),
        "tape and text disagree"
    );
}
