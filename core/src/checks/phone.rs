//! Phone numbers: mainland mobile (11 digits, 1[3-9]…) and landline with area code (0AA(A)-NNNNNNN(N), an
//! optional `-` and extension).
//!
//! Accepted forms (decisions):
//! - mobile: `1[3-9]` + 9 digits; an international prefix `+86` is accepted, optionally followed by one space
//!   or `-` (`+8613812345678`, `+86 13812345678`). A bare `86` prefix is not (it is ambiguous to a clerk);
//! - landline: area code + local number, optionally with a `-` or one space between them, or the area code in
//!   ASCII parentheses (`(0351)7654321`); then optionally `-` and an extension of 1–6 digits. The area code is
//!   `010`, `02x` or `0[3-9]xx` (so its length is fixed by its second digit); the local number has 7 or 8
//!   digits and does not start with `0` or `1`. Landlines are accepted in domestic form only;
//! - full-width characters → `FullWidth { half }`; longer than [`super::MAX_INPUT_BYTES`] →
//!   `Format { detail: "length" }`; anything else → `Format { detail: "mobile" | "landline" | "chars" }`.
//!   Service numbers (95xxx, 400/800) are not personal contact numbers and are rejected.

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

fn is_landline(b: &[u8]) -> bool {
    if landline_main(b) {
        return true;
    }
    // with an extension: the last '-' followed by 1–6 digits, after a complete number
    match b.iter().rposition(|&c| c == b'-') {
        Some(i) => {
            let ext = &b[i + 1..];
            (1..=6).contains(&ext.len()) && all_digits(ext) && landline_main(&b[..i])
        }
        None => false,
    }
}

fn landline_main(b: &[u8]) -> bool {
    if let Some(rest) = b.strip_prefix(b"(") {
        let Some(close) = rest.iter().position(|&c| c == b')') else {
            return false;
        };
        let (area, local) = (&rest[..close], &rest[close + 1..]);
        return area_len(area) == Some(area.len()) && all_digits(area) && is_local(local);
    }
    let Some(n) = area_len(b) else {
        return false;
    };
    if b.len() < n || !all_digits(&b[..n]) {
        return false;
    }
    let rest = &b[n..];
    let local = match rest.first() {
        Some(b'-') | Some(b' ') => &rest[1..],
        _ => rest,
    };
    is_local(local)
}

pub fn check(s: &str) -> Result<PhoneKind, Problem> {
    if s.len() > super::MAX_INPUT_BYTES {
        return Err(Problem::Format { detail: "length" });
    }
    if let Some(half) = super::half_width(s) {
        return Err(Problem::FullWidth { half });
    }
    let b = s.as_bytes();
    if !b
        .iter()
        .all(|&c| c.is_ascii_digit() || matches!(c, b'-' | b' ' | b'(' | b')' | b'+'))
    {
        return Err(Problem::Format { detail: "chars" });
    }
    if let Some(rest) = b.strip_prefix(b"+86") {
        let rest = match rest.first() {
            Some(b' ') | Some(b'-') => &rest[1..],
            _ => rest,
        };
        return if is_mobile(rest) {
            Ok(PhoneKind::Mobile)
        } else {
            Err(Problem::Format { detail: "mobile" })
        };
    }
    if b.first() == Some(&b'1') {
        return if is_mobile(b) {
            Ok(PhoneKind::Mobile)
        } else {
            Err(Problem::Format { detail: "mobile" })
        };
    }
    if is_landline(b) {
        Ok(PhoneKind::Landline)
    } else {
        Err(Problem::Format { detail: "landline" })
    }
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
            "138 1234 5678",
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
        #[test]
        fn never_panics(s in "[0-9()+ -]{0,30}") {
            let _ = check(&s);
        }
        #[test]
        fn never_panics_any(s in "\\PC{0,30}") {
            let _ = check(&s);
        }
    }
}
