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
    // A doubled digit's digit sum, by digit.
    const DOUBLED: [u32; 10] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
    let mut sum = 0u32;
    for (i, &c) in payload.iter().rev().enumerate() {
        let d = c.wrapping_sub(b'0');
        let plain = u32::from(d);
        let doubled = *DOUBLED.get(usize::from(d))?;
        sum += if i % 2 == 0 { doubled } else { plain };
    }
    char::from_digit((10 - sum % 10) % 10, 10)
}

/// The digits of `s` (separators dropped) into `buf`, and how many there are; those past the longest card
/// number (19) are counted, not kept (their count is a length error).
fn digits_of(s: &str, buf: &mut [u8; 19]) -> Result<usize, Problem> {
    let mut n = 0;
    let mut prev_space = true; // no leading space
    for &c in s.as_bytes() {
        match c {
            b'0'..=b'9' => {
                if let Some(slot) = buf.get_mut(n) {
                    *slot = c;
                }
                n += 1;
                prev_space = false;
            }
            b' ' | b'-' if !prev_space => prev_space = true,
            _ => return Err(Problem::Format { detail: "chars" }),
        }
    }
    if prev_space {
        // trailing space (or empty input)
        return Err(Problem::Format {
            detail: if n == 0 { "length" } else { "chars" },
        });
    }
    if !(12..=19).contains(&n) {
        return Err(Problem::Format { detail: "length" });
    }
    Ok(n)
}

/// The digits of `buf` as text.
fn text_of(buf: &[u8]) -> String {
    buf.iter().map(|&d| char::from(d)).collect()
}

fn normalize(s: &str) -> Result<String, Problem> {
    let mut buf = [0u8; 19];
    let n = digits_of(s, &mut buf)?;
    Ok(text_of(buf.get(..n).unwrap_or_default()))
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

/// Every check of [`check`], the digits left in `buf`: how many there are.
fn checked(s: &str, buf: &mut [u8; 19]) -> Result<usize, Problem> {
    if s.len() > super::MAX_INPUT_BYTES {
        return Err(Problem::Format { detail: "length" });
    }
    if let Some(half) = super::half_width(s) {
        let half = normalize(&half).unwrap_or(half);
        return Err(Problem::FullWidth { half });
    }
    let n = digits_of(s, buf)?;
    luhn_verdict(buf.get(..n).unwrap_or_default())?;
    Ok(n)
}

/// The Luhn test of a card number's digits: its last digit is the check digit of the others.
fn luhn_verdict(digits: &[u8]) -> Result<(), Problem> {
    let Some((&last, payload)) = digits.split_last() else {
        return Err(Problem::Format { detail: "length" });
    };
    let expected = luhn_digit(payload).ok_or(Problem::Format { detail: "chars" })?;
    if last != expected as u8 {
        return Err(Problem::CheckDigit { expected });
    }
    Ok(())
}

/// [`check`] without the digits: what the form's validation asks (no allocation for a valid number).
pub fn verify(s: &str) -> Result<(), Problem> {
    let b = s.as_bytes();
    // 12 to 19 ASCII digits (how a form holds a card number once normalized): no full-width character, no
    // separator, the right length; only the Luhn digit is left to check, on the text itself.
    if (12..=19).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
        return luhn_verdict(b);
    }
    checked(s, &mut [0u8; 19]).map(|_| ())
}

/// `Ok(normalized digits)`; `Err(Problem::CheckDigit{..})` means a Luhn failure (warning).
pub fn check(s: &str) -> Result<String, Problem> {
    let mut buf = [0u8; 19];
    let n = checked(s, &mut buf)?;
    Ok(text_of(buf.get(..n).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The checks as first written: the digits collected into a `String`, then the Luhn digit.
    fn reference(s: &str) -> Result<String, Problem> {
        fn digits(s: &str) -> Result<String, Problem> {
            let mut out = String::new();
            let mut prev_space = true;
            for c in s.bytes() {
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
                let detail = if out.is_empty() { "length" } else { "chars" };
                return Err(Problem::Format { detail });
            }
            if !(12..=19).contains(&out.len()) {
                return Err(Problem::Format { detail: "length" });
            }
            Ok(out)
        }
        if s.len() > crate::checks::MAX_INPUT_BYTES {
            return Err(Problem::Format { detail: "length" });
        }
        if let Some(half) = crate::checks::half_width(s) {
            let half = digits(&half).unwrap_or(half);
            return Err(Problem::FullWidth { half });
        }
        let d = digits(s)?;
        let (payload, last) = d.split_at(d.len() - 1);
        let expected = luhn_digit(payload.as_bytes()).ok_or(Problem::Format { detail: "chars" })?;
        if last.as_bytes() != [expected as u8] {
            return Err(Problem::CheckDigit { expected });
        }
        Ok(d)
    }

    proptest! {
        /// `verify` and `check` answer as the checks as first written, on texts made of what card numbers
        /// are written with ...
        #[test]
        fn verify_and_check_are_the_reference(s in "[0-9 \\-０１x]{0,30}") {
            prop_assert_eq!(verify(&s), reference(&s).map(|_| ()));
            prop_assert_eq!(check(&s), reference(&s));
        }

        /// ... and on valid numbers, grouped or not.
        #[test]
        fn verify_and_check_are_the_reference_on_valid_numbers(payload in "[0-9]{5,21}", sep in "[ \\-]?") {
            let full = with_luhn(&payload);
            let (a, b) = full.split_at(4);
            for s in [format!("{a}{sep}{b}"), full.clone()] {
                prop_assert_eq!(verify(&s), reference(&s).map(|_| ()));
                prop_assert_eq!(check(&s), reference(&s));
            }
        }
    }

    /// The Luhn check digit as first written: every second digit from the right doubled, 9 taken off above 9.
    fn luhn_by_arithmetic(payload: &[u8]) -> Option<char> {
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

    proptest! {
        /// The table of doubled digits gives the arithmetic's check digit, and refuses what it refuses.
        #[test]
        fn luhn_table_is_the_arithmetic(payload in "[0-9]{0,25}|[0-9/:a０]{0,6}") {
            prop_assert_eq!(luhn_digit(payload.as_bytes()), luhn_by_arithmetic(payload.as_bytes()));
        }
    }

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
