//! Phone numbers: mainland mobile (11 digits, 1[3-9]…) and landline with area code, and their one canonical
//! shape ([`canonical`]): a mobile as its 11 digits (`13912345678`), a landline as area code, `-`, local
//! number, and `-` + extension when there is one (`0351-7654321`, `010-87654321-8`).
//!
//! Accepted spellings (decisions):
//! - an international prefix `+86`, `0086` or `(+86)`, optionally followed by one space or `-`. A bare `86` is
//!   not (a clerk cannot tell it from a mistyped number). After the prefix a landline's area code may drop its
//!   leading 0 (`+86 351 7654321`);
//! - mobile: `1[3-9]` + 9 digits, the digits grouped by single spaces or `-` as people write them
//!   (`139 1234 5678`, `139-1234-5678`);
//! - landline: area code + local number, optionally with one space or `-` between them, or the area code in
//!   ASCII parentheses (`(0351)7654321`, `(0351) 7654321`); the local number may be split once by a space
//!   (`0351 765 4321`); then optionally an extension of 1–6 digits after `-` or `转`. The area code is `010`,
//!   `02x` or `0[3-9]xx` (its length is fixed by its second digit); the local number has 7 or 8 digits and does
//!   not start with `0` or `1`;
//! - full-width characters → `FullWidth { half }` (callers fold them first, as the form's normalization does);
//!   longer than [`super::MAX_INPUT_BYTES`] → `Format { detail: "length" }`; anything else →
//!   `Format { detail: "mobile" | "landline" | "chars" }`. Service numbers (95xxx, 400/800) are not personal
//!   contact numbers and are rejected.

use super::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    Mobile,
    Landline,
}

fn all_digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

fn is_mobile(b: &[u8]) -> bool {
    b.len() == 11 && all_digits(b) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// Length of the area code (with its leading 0) that `b` starts with, from its second digit.
fn area_len(b: &[u8]) -> Option<usize> {
    match (b.first(), b.get(1), b.get(2)) {
        (Some(b'0'), Some(b'1'), Some(b'0')) => Some(3),
        (Some(b'0'), Some(b'2'), _) => Some(3),
        (Some(b'0'), Some(b'3'..=b'9'), _) => Some(4),
        _ => None,
    }
}

fn is_local(b: &[u8]) -> bool {
    (7..=8).contains(&b.len()) && all_digits(b) && !matches!(b[0], b'0' | b'1')
}

/// Digits grouped by single spaces or dashes (no leading, trailing or doubled separator): the digits.
fn grouped_digits(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut prev_sep = true;
    for &c in b {
        match c {
            b'0'..=b'9' => {
                out.push(c);
                prev_sep = false;
            }
            b' ' | b'-' if !prev_sep => prev_sep = true,
            _ => return None,
        }
    }
    (!prev_sep).then_some(out)
}

/// Strip one leading separator (space or dash).
fn one_sep(b: &[u8]) -> &[u8] {
    match b.first() {
        Some(b' ') | Some(b'-') => &b[1..],
        _ => b,
    }
}

/// A landline (area code already split off): `local [ext]` → (local digits, extension digits).
fn local_and_ext(b: &[u8]) -> Option<(Vec<u8>, &[u8])> {
    // The extension: after the last `-` or `转` (U+8F6C, 3 bytes in UTF-8).
    let zhuan = "转".as_bytes();
    let (main, ext): (&[u8], &[u8]) = if let Some(i) = b.windows(3).rposition(|w| w == zhuan) {
        let main = &b[..i];
        let main = main.strip_suffix(b" ").unwrap_or(main);
        let ext = &b[i + 3..];
        (main, ext.strip_prefix(b" ").unwrap_or(ext))
    } else {
        // `-` + 1–6 digits at the end, after a complete local number.
        match b.iter().rposition(|&c| c == b'-') {
            Some(i) if (1..=6).contains(&(b.len() - i - 1)) && all_digits(&b[i + 1..]) => {
                let main = &b[..i];
                if local_digits(main).is_some() {
                    (main, &b[i + 1..])
                } else {
                    (b, &[][..])
                }
            }
            _ => (b, &[][..]),
        }
    };
    let ext_ok = (1..=6).contains(&ext.len()) && all_digits(ext);
    if !ext.is_empty() && !ext_ok {
        return None;
    }
    if ext.is_empty() && main.len() != b.len() {
        // `转` with nothing after it
        return None;
    }
    Some((local_digits(main)?, ext))
}

/// 7–8 digits, written whole or split once by a space into 3 or 4 digits and 4 digits (`765 4321`,
/// `8765 4321`).
fn local_digits(b: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = match b.iter().position(|&c| c == b' ') {
        None => b.to_vec(),
        Some(i) => {
            let (x, y) = (&b[..i], &b[i + 1..]);
            if !all_digits(x) || !all_digits(y) || !(3..=4).contains(&x.len()) || y.len() != 4 {
                return None;
            }
            [x, y].concat()
        }
    };
    is_local(&digits).then_some(digits)
}

/// The canonical shape of a phone number (see the module documentation), or why it is not one.
pub fn canonical(s: &str) -> Result<String, Problem> {
    // A mobile number written as its canonical form (the common case) reads as itself.
    if is_mobile(s.as_bytes()) {
        return Ok(s.to_string());
    }
    canonical_any(s)
}

/// [`canonical`] without its shortcut for a mobile number already canonical (the tests compare the two).
fn canonical_any(s: &str) -> Result<String, Problem> {
    if s.len() > super::MAX_INPUT_BYTES {
        return Err(Problem::Format { detail: "length" });
    }
    if let Some(half) = super::half_width(s) {
        return Err(Problem::FullWidth { half });
    }
    let ok_char = |c: char| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+' | '转');
    if !s.chars().all(ok_char) {
        return Err(Problem::Format { detail: "chars" });
    }
    let b = s.as_bytes();
    let (intl, rest) = match ["(+86)", "+86", "0086"]
        .iter()
        .find_map(|p| b.strip_prefix(p.as_bytes()))
    {
        Some(rest) => (true, one_sep(rest)),
        None => (false, b),
    };
    let text = |v: Vec<u8>| String::from_utf8(v).map_err(|_| Problem::Format { detail: "chars" });
    // A mobile starts with 1; so does Beijing's area code 10 once an international prefix drops its 0.
    if rest.first() == Some(&b'1') && !(intl && rest.get(1) == Some(&b'0')) {
        return match grouped_digits(rest) {
            Some(d) if is_mobile(&d) => text(d),
            _ => Err(Problem::Format { detail: "mobile" }),
        };
    }
    if rest.contains(&b'+') {
        return Err(Problem::Format { detail: "chars" });
    }
    let bad = Problem::Format { detail: "landline" };
    // The area code, in parentheses or not; after an international prefix without its leading 0.
    let (area, after): (Vec<u8>, &[u8]) = if let Some(inner) = rest.strip_prefix(b"(") {
        let close = inner.iter().position(|&c| c == b')').ok_or(bad.clone())?;
        let mut area = inner[..close].to_vec();
        if intl && area.first() != Some(&b'0') {
            area.insert(0, b'0');
        }
        if !all_digits(&area) || area_len(&area) != Some(area.len()) {
            return Err(bad);
        }
        (area, one_sep(&inner[close + 1..]))
    } else {
        let mut digits = Vec::with_capacity(4);
        let lead = if intl && rest.first() != Some(&b'0') {
            digits.push(b'0');
            0
        } else {
            1
        };
        let n = area_len(&[&digits[..], &rest[..rest.len().min(3)]].concat()).ok_or(bad.clone())?;
        let take = n - (1 - lead);
        if rest.len() < take || !all_digits(&rest[..take]) {
            return Err(bad);
        }
        digits.extend_from_slice(&rest[..take]);
        (digits, one_sep(&rest[take..]))
    };
    let (local, ext) = local_and_ext(after).ok_or(bad)?;
    let mut out = area;
    out.push(b'-');
    out.extend_from_slice(&local);
    if !ext.is_empty() {
        out.push(b'-');
        out.extend_from_slice(ext);
    }
    text(out)
}

/// Is `s` already in the canonical shape? (No allocation: what the form's normalization asks first.)
pub fn is_canonical(s: &str) -> bool {
    let b = s.as_bytes();
    if is_mobile(b) {
        return true;
    }
    let Some(n) = area_len(b) else { return false };
    if b.len() < n + 1 || !all_digits(&b[..n]) || b[n] != b'-' {
        return false;
    }
    let rest = &b[n + 1..];
    let (local, ext) = match rest.iter().position(|&c| c == b'-') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    is_local(local) && ext.is_none_or(|e| (1..=6).contains(&e.len()) && all_digits(e))
}

/// Check a phone number: mobile or landline (any accepted spelling, see [`canonical`]).
pub fn check(s: &str) -> Result<PhoneKind, Problem> {
    // A number in its canonical shape (a mobile, or a landline as `0351-7654321`: what a form holds once
    // normalized) is its own canonical shape, read without building it.
    if is_canonical(s) {
        return Ok(if s.starts_with('1') {
            PhoneKind::Mobile
        } else {
            PhoneKind::Landline
        });
    }
    let c = canonical_any(s)?;
    Ok(if c.starts_with('1') {
        PhoneKind::Mobile
    } else {
        PhoneKind::Landline
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobiles() {
        for m in [
            "13812345678",
            "19912345678",
            "+8613812345678",
            "+86 13812345678",
            "+86-13812345678",
        ] {
            assert_eq!(check(m), Ok(PhoneKind::Mobile), "{m}");
        }
        for m in [
            "12812345678",
            "1381234567",
            "138123456789",
            "8613812345678",
            "+86 12812345678",
            "138  1234 5678",
            "138 1234 5678 ",
            "-13812345678",
            "+86+8613812345678",
            "(138)12345678",
        ] {
            assert!(check(m).is_err(), "{m}");
        }
    }

    #[test]
    fn landlines() {
        for l in [
            "0351-7654321",
            "03517654321",
            "0351 7654321",
            "010-87654321",
            "01087654321",
            "020-2345678",
            "(0351)7654321",
            "0351-7654321-123",
            "0351-7654321-123456",
            "(010)87654321-8",
            "0358-8234567",
        ] {
            assert_eq!(check(l), Ok(PhoneKind::Landline), "{l}");
        }
        for l in [
            "0351-765432",
            "0351-765432109",
            "0351-0654321",
            "0351-1654321",
            "011-87654321",
            "0012345678",
            "0351--7654321",
            "0351-7654321-1234567",
            "0351-7654321-",
            "(0351-7654321",
            "(035)17654321",
            "7654321",
            "95588",
            "400-123-4567",
            "",
            "-",
            "(",
        ] {
            assert!(check(l).is_err(), "{l}");
        }
    }

    #[test]
    fn canonical_shapes() {
        for (typed, want) in [
            ("13912345678", "13912345678"),
            ("+8613912345678", "13912345678"),
            ("+86 139 1234 5678", "13912345678"),
            ("+86-139-1234-5678", "13912345678"),
            ("0086 13912345678", "13912345678"),
            ("(+86)13912345678", "13912345678"),
            ("139 1234 5678", "13912345678"),
            ("139-1234-5678", "13912345678"),
            ("0351-7654321", "0351-7654321"),
            ("03517654321", "0351-7654321"),
            ("0351 7654321", "0351-7654321"),
            ("0351 765 4321", "0351-7654321"),
            ("(0351)7654321", "0351-7654321"),
            ("(0351) 7654321", "0351-7654321"),
            ("(0351)-7654321", "0351-7654321"),
            ("+86 351 7654321", "0351-7654321"),
            ("+86-10-87654321", "010-87654321"),
            ("(+86)(010)87654321", "010-87654321"),
            ("0351-7654321-123", "0351-7654321-123"),
            ("0351-7654321转123", "0351-7654321-123"),
            ("0351-7654321 转 8", "0351-7654321-8"),
            ("01087654321", "010-87654321"),
            ("020-2345678", "020-2345678"),
        ] {
            assert_eq!(canonical(typed).as_deref(), Ok(want), "{typed}");
            assert!(is_canonical(want), "{want}");
            assert_eq!(
                canonical(want).as_deref(),
                Ok(want),
                "{want} is a fixed point"
            );
        }
        for not in [
            "+8613912345678",
            "139 1234 5678",
            "03517654321",
            "(0351)7654321",
            "0351-765 4321",
        ] {
            assert!(!is_canonical(not), "{not}");
        }
        for bad in [
            "0351-7654321转",
            "转123",
            "0351-765-4321",
            "+86",
            "0086",
            "(+86)",
        ] {
            assert!(canonical(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn full_width() {
        assert_eq!(
            check("１３８１２３４５６７８"),
            Err(Problem::FullWidth {
                half: "13812345678".into()
            })
        );
        assert_eq!(
            check("０３５１－７６５４３２１"),
            Err(Problem::FullWidth {
                half: "0351-7654321".into()
            })
        );
        assert_eq!(
            check("138１"),
            Err(Problem::FullWidth {
                half: "1381".into()
            })
        );
        assert_eq!(
            check("电话13812345678"),
            Err(Problem::Format { detail: "chars" })
        );
    }

    proptest! {
        /// The shortcut for a canonical mobile number answers what the whole reading does.
        #[test]
        fn mobile_shortcut_is_the_whole_reading(s in "1[0-9]{10}|[0-9()+ 转-]{0,14}|\\PC{0,12}") {
            proptest::prop_assert_eq!(canonical(&s), canonical_any(&s));
            let kind = |c: &str| if c.starts_with('1') { PhoneKind::Mobile } else { PhoneKind::Landline };
            proptest::prop_assert_eq!(check(&s), canonical_any(&s).map(|c| kind(&c)));
        }
        #[test]
        fn never_panics(s in "[0-9()+ -]{0,30}") {
            let _ = check(&s);
        }
        #[test]
        fn never_panics_any(s in "\\PC{0,30}") {
            let _ = check(&s);
        }
        /// What `is_canonical` accepts is its own canonical shape (so `check` may answer it without reading it
        /// whole): numbers near the canonical shapes, and any text of phone characters.
        #[test]
        fn what_is_canonical_accepts_reads_as_itself(
            s in "0[1-9][0-9]{1,2}-[0-9]{6,9}(-[0-9]{0,7})?|1[0-9]{10}|[0-9()+ 转-]{0,16}"
        ) {
            if is_canonical(&s) {
                prop_assert_eq!(canonical_any(&s), Ok(s.clone()));
            }
        }

        /// The canonical shape is a fixed point, and what `is_canonical` says of it.
        #[test]
        fn canonical_is_idempotent(s in "[0-9()+ 转-]{0,20}") {
            let s: String = s;
            if let Ok(c) = canonical(&s) {
                prop_assert!(is_canonical(&c), "{} -> {}", s, c);
                prop_assert_eq!(canonical(&c), Ok(c.clone()));
            }
        }
    }
}
