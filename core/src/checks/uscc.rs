//! 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, S, V, Z; check character
//! by weighted MOD 31.
//!
//! Layout: 1 registration-authority code, 1 organization-type code, 6-digit division code, 9-character
//! organization code (GB 11714), 1 check character. Rules, in this order:
//! 1. longer than [`super::MAX_INPUT_BYTES`] → `Format { detail: "length" }`;
//! 2. any full-width character → `FullWidth { half }` (`half` = half-width and upper-cased);
//! 3. not 18 characters → `Format { detail: "length" }`;
//! 4. lowercase letters → `Format { detail: "lowercase" }` — not silently upper-cased, because the checker
//!    returns no normalized value and a code is stored and exchanged in upper case (the message can say so);
//! 5. a character outside the set (including I, O, S, V, Z) → `Format { detail: "chars" }`;
//! 6. positions 3–8 (the division code) not digits → `Format { detail: "division" }`;
//! 7. check character ≠ GB 32100 → `CheckDigit { expected }`: a *warning* for callers (some early pilot codes
//!    fail it legitimately).
//!
//! The registration-authority and type codes are not checked against their tables (the tables have grown
//! since 2015), nor is the division code looked up (an organization keeps its code after a merger), nor the
//! GB 11714 check of the embedded organization code (codes assigned since 2015 are not organization codes).

use super::Problem;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The GB 32100 check character of the first 17 characters; `None` if they are not 17 characters of the set.
pub fn check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (&c, w) in first17.iter().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let v = (31 - sum % 31) % 31;
    ALPHABET.get(v as usize).map(|&c| char::from(c))
}

/// The canonical spelling of a code typed with lowercase letters or spaces (`91140105 ma0k12345 7` →
/// `91140105MA0K123457`): ASCII letters upper-cased, spaces removed; `None` unless that gives 18 ASCII
/// letters and digits (the checks of [`check`] are not made).
pub fn canonical(s: &str) -> Option<String> {
    if s.len() > super::MAX_INPUT_BYTES {
        return None;
    }
    let c: String = s
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (c.len() == 18 && c.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(c)
}

/// `Err(Problem::CheckDigit{..})` is a *warning* for callers (early pilot codes fail it legitimately);
/// every other problem is an error.
pub fn check(s: &str) -> Result<(), Problem> {
    if s.len() > super::MAX_INPUT_BYTES {
        return Err(Problem::Format { detail: "length" });
    }
    if let Some(half) = super::half_width(s) {
        return Err(Problem::FullWidth {
            half: half.to_ascii_uppercase(),
        });
    }
    if s.chars().count() != 18 {
        return Err(Problem::Format { detail: "length" });
    }
    let b = s.as_bytes();
    if b.iter().any(u8::is_ascii_lowercase) {
        return Err(Problem::Format {
            detail: "lowercase",
        });
    }
    if b.len() != 18 || b.iter().any(|&c| value(c).is_none()) {
        return Err(Problem::Format { detail: "chars" });
    }
    if !b[2..8].iter().all(u8::is_ascii_digit) {
        return Err(Problem::Format { detail: "division" });
    }
    let expected = check_char(&b[..17]).ok_or(Problem::Format { detail: "chars" })?;
    if b[17] != expected as u8 {
        return Err(Problem::CheckDigit { expected });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes() {
        // example codes that pass the GB 32100 check
        for c in ["91350100M000100Y43", "91110000802100433B"] {
            assert_eq!(check(c), Ok(()), "{c}");
        }
    }

    #[test]
    fn problems() {
        assert_eq!(
            check("９１３５０１００Ｍ０００１００Ｙ４３"),
            Err(Problem::FullWidth {
                half: "91350100M000100Y43".into()
            })
        );
        assert_eq!(
            check("91350100m000100y43"),
            Err(Problem::Format {
                detail: "lowercase"
            })
        );
        assert_eq!(
            check("91350100M000100Y4"),
            Err(Problem::Format { detail: "length" })
        );
        assert_eq!(
            check("91350100M000100I43"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("91350100O000100Y43"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("91350100中000100Y43"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("9135A100M000100Y43"),
            Err(Problem::Format { detail: "division" })
        );
        assert_eq!(
            check("91350100M000100Y44"),
            Err(Problem::CheckDigit { expected: '3' })
        );
        assert_eq!(check(""), Err(Problem::Format { detail: "length" }));
    }

    #[test]
    fn check_char_zero() {
        // 31 - (sum mod 31) == 31 maps to '0': find such a prefix and check it round-trips
        let base = b"9135010000000000".to_vec();
        let mut found = false;
        for c in ALPHABET.iter() {
            let mut p = base.clone();
            p.push(*c);
            if check_char(&p) == Some('0') {
                let mut full = p.clone();
                full.push(b'0');
                assert_eq!(check(std::str::from_utf8(&full).unwrap()), Ok(()));
                found = true;
            }
        }
        assert!(found);
    }
}
