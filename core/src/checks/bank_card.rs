//! Bank card numbers: 12–19 digits (grouped by spaces or dashes as printed on cards); Luhn failure is a
//! *warning* for callers. The canonical shape is the digits alone ([`canonical`]).
//!
//! Rules, in this order: longer than [`super::MAX_INPUT_BYTES`] → `Format { detail: "length" }`; full-width
//! digits or spaces (`０`–`９`, U+3000) → `FullWidth { half }` (`half` = the normalized digits when the
//! half-width value is otherwise well-formed, else the plain half-width conversion); characters other than
//! ASCII digits and single spaces or dashes between digit groups (no leading/trailing separator) →
//! `Format { detail: "chars" }`; not 12–19 digits → `Format { detail: "length" }`; Luhn (ISO/IEC 7812)
//! failure → `CheckDigit { expected }` (a warning: some cards, e.g. older passbook-linked accounts, do not
//! use Luhn). `Ok` carries the digits without separators.

use super::Problem;

/// The Luhn check digit for `payload` (all ASCII digits, the number without its last digit).
pub fn luhn_digit(payload: &[u8]) -> Option<char> {
    let mut sum = 0u32;
    for (i, &c) in payload.iter().rev().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    char::from_digit((10 - sum % 10) % 10, 10)
}

fn normalize(s: &str) -> Result<String, Problem> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut prev_space = true; // no leading space
    for &c in b {
        match c {
            b'0'..=b'9' => {
                out.push(char::from(c));
                prev_space = false;
            }
            b' ' | b'-' if !prev_space => prev_space = true,
            _ => return Err(Problem::Format { detail: "chars" }),
        }
    }
    if prev_space {
        // trailing space (or empty input)
        return Err(Problem::Format {
            detail: if out.is_empty() { "length" } else { "chars" },
        });
    }
    if !(12..=19).contains(&out.len()) {
        return Err(Problem::Format { detail: "length" });
    }
    Ok(out)
}

/// The digits of a card number written with or without group separators (the Luhn digit is not checked).
pub fn canonical(s: &str) -> Result<String, Problem> {
    if s.len() > super::MAX_INPUT_BYTES {
        return Err(Problem::Format { detail: "length" });
    }
    if let Some(half) = super::half_width(s) {
        let half = normalize(&half).unwrap_or(half);
        return Err(Problem::FullWidth { half });
    }
    normalize(s)
}

/// `Ok(normalized digits)`; `Err(Problem::CheckDigit{..})` means a Luhn failure (warning).
pub fn check(s: &str) -> Result<String, Problem> {
    if s.len() > super::MAX_INPUT_BYTES {
        return Err(Problem::Format { detail: "length" });
    }
    if let Some(half) = super::half_width(s) {
        let half = normalize(&half).unwrap_or(half);
        return Err(Problem::FullWidth { half });
    }
    let digits = normalize(s)?;
    let (payload, last) = digits.as_bytes().split_at(digits.len() - 1);
    let expected = luhn_digit(payload).ok_or(Problem::Format { detail: "chars" })?;
    if last.first().copied() != Some(expected as u8) {
        return Err(Problem::CheckDigit { expected });
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_luhn(payload: &str) -> String {
        format!("{payload}{}", luhn_digit(payload.as_bytes()).unwrap())
    }

    #[test]
    fn valid() {
        assert_eq!(check("4111111111111111").as_deref(), Ok("4111111111111111"));
        assert_eq!(
            check("4111 1111 1111 1111").as_deref(),
            Ok("4111111111111111")
        );
        let n = with_luhn("622202123456789012");
        assert_eq!(n.len(), 19);
        assert_eq!(check(&n), Ok(n.clone()));
        let n12 = with_luhn("62220212345");
        assert_eq!(check(&n12), Ok(n12.clone()));
    }

    #[test]
    fn problems() {
        assert_eq!(
            check("4111111111111112"),
            Err(Problem::CheckDigit { expected: '1' })
        );
        assert_eq!(
            check("41111111111"),
            Err(Problem::Format { detail: "length" })
        );
        assert_eq!(
            check("41111111111111111111"),
            Err(Problem::Format { detail: "length" })
        );
        assert_eq!(
            check("4111  1111 1111 1111"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("4111-1111-1111-1111").as_deref(),
            Ok("4111111111111111")
        );
        assert_eq!(
            check("4111--1111-1111-1111"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("4111-1111-1111-1111-"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check(" 4111111111111111"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("4111111111111111 "),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(check(""), Err(Problem::Format { detail: "length" }));
        assert_eq!(check(" "), Err(Problem::Format { detail: "chars" }));
        assert_eq!(
            check("４１１１　１１１１　１１１１　１１１１"),
            Err(Problem::FullWidth {
                half: "4111111111111111".into()
            })
        );
        assert_eq!(
            check("４-1"),
            Err(Problem::FullWidth { half: "4-1".into() })
        );
    }

    proptest! {
        #[test]
        fn luhn_detects_single_digit_errors(payload in "[0-9]{11,18}", pos in 0usize..19, delta in 1u8..10) {
            let good = with_luhn(&payload);
            prop_assert_eq!(check(&good), Ok(good.clone()));
            let pos = pos % good.len();
            let mut b = good.into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let bad = String::from_utf8(b).unwrap();
            let is_check_digit_err = matches!(check(&bad), Err(Problem::CheckDigit { .. }));
            prop_assert!(is_check_digit_err);
        }
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = check(&s);
        }
    }
}
