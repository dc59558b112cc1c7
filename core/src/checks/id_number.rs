//! 公民身份号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male),
//! ISO 7064 MOD 11-2 check character.
//!
//! Rules, checked in this order (the first problem found is returned):
//! 1. longer than [`super::MAX_INPUT_BYTES`] → `Format { detail: "length" }`;
//! 2. any full-width character (`０`–`９`, `Ｘ`, `ｘ`, …) → `FullWidth { half }`, `half` = the half-width value
//!    with `x` upper-cased (the caller masks it);
//! 3. not 18 characters → `Format { detail: "length" }` (the 15-digit numbers of the first generation are not
//!    accepted); the first 17 not ASCII digits, or the last not a digit / `X` / `x` → `Format { detail: "chars" }`;
//! 4. check character ≠ ISO 7064 MOD 11-2 of the first 17 → `CheckDigit { expected }`;
//! 5. digits 7–14 not a real date → `BadDate`; a real date before 1900 → `Before1900 { year }` (nobody
//!    born then is alive to apply or to be a family member); a date in the future is the caller's business:
//!    it knows "today";
//! 6. the first 6 digits not a code GB/T 2260 lists or ever listed (1980 to the latest list, see
//!    [`super::divisions::id_region`]) → `UnknownRegion`. The full 6-digit code must be known: a known province
//!    (`xx`) or city (`xxxx`) prefix with an unknown county part is still `UnknownRegion`. Province/city codes
//!    themselves (`xx0000`, `xxxx00`) and the 市辖区 pseudo-codes of old lists (`xxxx01`) were listed and
//!    are accepted. A code is expected to have been in force at some time in or after the birth year (a
//!    number is assigned at or after birth and keeps its code when the county is later renamed or
//!    abolished); one that went before the birth year is still accepted, with
//!    [`IdInfo::region_abolished`] set so the caller can warn (the source years can be off by one).
//!
//! A lowercase `x` is accepted and normalized to `X`. Sex: digit 17, odd = male.

use chrono::{Datelike, NaiveDate};

use super::divisions::{self, Abolished, IdRegion};
use super::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A valid ID number, decoded. The number is held in place (18 ASCII bytes): a valid form's IDs are checked
/// without an allocation; it is read as text only for a finding ([`IdInfo::normalized`], [`IdInfo::region`]).
#[derive(Clone, PartialEq, Eq)]
pub struct IdInfo {
    number: [u8; 18],
    pub birth: NaiveDate,
    pub sex: Sex,
    /// The region code was abolished before the birth year (a warning; `None` in the normal case).
    pub region_abolished: Option<Abolished>,
}

impl IdInfo {
    /// The number with a lowercase `x` upper-cased (18 chars).
    pub fn normalized(&self) -> &str {
        // Seventeen ASCII digits and a digit or `X` (`check`): always UTF-8.
        std::str::from_utf8(&self.number).unwrap_or_default()
    }

    /// Its region code, the first six digits.
    pub fn region(&self) -> &str {
        self.normalized().get(..6).unwrap_or_default()
    }
}

/// Masked as messages mask an ID (first three and last two characters): a debug print carries no number.
impl std::fmt::Debug for IdInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdInfo")
            .field("normalized", &crate::mask::mask_id(self.normalized()))
            .field("birth", &self.birth)
            .field("sex", &self.sex)
            .field("region_abolished", &self.region_abolished)
            .finish()
    }
}

const CHECK_CHARS: [u8; 11] = *b"10X98765432";

/// The ISO 7064 MOD 11-2 check character of 17 ASCII digits; `None` if `first17` is not exactly that.
pub fn check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digits: &[u8; 17] = first17.try_into().ok()?;
    Some(char::from(check_byte(digits)))
}

/// [`check_char`] of 17 bytes known to be ASCII digits, as a byte. The weights are 2^(17 - i) mod 11, so the
/// weighted sum is Σ dᵢ·2^(17 - i) modulo 11: doubled and added digit by digit (at most 9 · 2^18, no
/// overflow), no multiplication.
fn check_byte(first17: &[u8; 17]) -> u8 {
    let sum = first17
        .iter()
        .fold(0u32, |acc, d| 2 * acc + u32::from(d.wrapping_sub(b'0')))
        * 2;
    CHECK_CHARS[(sum % 11) as usize]
}

fn num(b: &[u8]) -> u32 {
    b.iter()
        .fold(0u32, |acc, d| acc * 10 + u32::from(d.wrapping_sub(b'0')))
}

/// The canonical spelling of an ID number typed with spaces or a lowercase `x` (`140105 19980315 301x` →
/// `14010519980315301X`): spaces removed, `x` upper-cased; `None` unless that gives 17 ASCII digits and a
/// digit or `X` (the checks of [`check`] are not made).
pub fn canonical(s: &str) -> Option<String> {
    if s.len() > super::MAX_INPUT_BYTES {
        return None;
    }
    let c: String = s
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let b = c.as_bytes();
    (b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X'))
        .then_some(c)
}

/// Check an 18-character ID number. A lowercase `x` is accepted.
pub fn check(s: &str) -> Result<IdInfo, Problem> {
    if s.len() > super::MAX_INPUT_BYTES {
        return Err(Problem::Format { detail: "length" });
    }
    let b = s.as_bytes();
    // Seventeen ASCII digits and a digit or X (what nearly every form holds) have no full-width character and
    // eighteen characters: the shape's checks below, in their order, would all pass.
    let shaped = |first17: &[u8], last: u8| {
        first17.iter().all(u8::is_ascii_digit)
            && (last.is_ascii_digit() || last == b'X' || last == b'x')
    };
    let well_shaped = b.len() == 18 && shaped(&b[..17], b[17]);
    if !well_shaped {
        if let Some(half) = super::half_width(s) {
            return Err(Problem::FullWidth {
                half: half.replace('x', "X"),
            });
        }
        // Multi-byte characters make the byte length differ from 18 or fail the ASCII checks below.
        if s.chars().count() != 18 {
            return Err(Problem::Format { detail: "length" });
        }
        return Err(Problem::Format { detail: "chars" });
    }
    let Some((first17, [last])) = b.split_first_chunk::<17>() else {
        return Err(Problem::Format { detail: "chars" });
    };
    // Seventeen ASCII digits (`well_shaped`).
    let expected = check_byte(first17);
    if last.to_ascii_uppercase() != expected {
        return Err(Problem::CheckDigit {
            expected: char::from(expected),
        });
    }
    let (year, month, day) = (num(&b[6..10]), num(&b[10..12]), num(&b[12..14]));
    let birth = match NaiveDate::from_ymd_opt(year as i32, month, day) {
        Some(d) if year >= 1900 => d,
        Some(_) => return Err(Problem::Before1900 { year }),
        None => return Err(Problem::BadDate),
    };
    let region = &s[..6];
    let region_abolished = match divisions::id_region(region, birth.year()) {
        IdRegion::InForce => None,
        IdRegion::AbolishedBefore(a) => Some(a),
        IdRegion::Unknown => return Err(Problem::UnknownRegion),
    };
    let sex = if (b[16] - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    let mut number = [0u8; 18];
    number[..17].copy_from_slice(first17);
    number[17] = expected;
    Ok(IdInfo {
        number,
        birth,
        sex,
        region_abolished,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `check` with its checks of the shape as first written, in their order, each on every text (the rest of
    /// `check`, from the check character on, is the same code).
    fn check_shape_first(s: &str) -> Result<IdInfo, Problem> {
        if s.len() > crate::checks::MAX_INPUT_BYTES {
            return Err(Problem::Format { detail: "length" });
        }
        if let Some(half) = crate::checks::half_width(s) {
            return Err(Problem::FullWidth {
                half: half.replace('x', "X"),
            });
        }
        let b = s.as_bytes();
        if s.chars().count() != 18 {
            return Err(Problem::Format { detail: "length" });
        }
        if b.len() != 18 {
            return Err(Problem::Format { detail: "chars" });
        }
        let (first17, last) = b.split_at(17);
        if !first17.iter().all(u8::is_ascii_digit)
            || !(last[0].is_ascii_digit() || last[0] == b'X' || last[0] == b'x')
        {
            return Err(Problem::Format { detail: "chars" });
        }
        check(s)
    }

    proptest! {
        /// The shape's fast path answers as the checks in their first order do: texts of digits, `X`, `x`,
        /// their full-width forms, Chinese, spaces and dashes, around eighteen characters long.
        #[test]
        fn shape_checks_answer_as_first_written(s in "[0-9Xx０-９ｘＸ 中-]{15,20}|14[0-9]{15}[0-9Xx]") {
            prop_assert_eq!(check(&s), check_shape_first(&s));
        }
    }

    /// GB 11643-1999's weights of the 17 digits.
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// The standard's weights are the powers of two that `check_char` adds up by doubling.
    #[test]
    fn weights_are_powers_of_two_mod_11() {
        for (i, w) in WEIGHTS.iter().enumerate() {
            assert_eq!(*w, (1u32 << (17 - i)) % 11, "weight {i}");
        }
    }

    proptest! {
        /// `check_char` is the standard's weighted sum, for any 17 digits.
        #[test]
        fn check_char_is_the_weighted_sum(first17 in "[0-9]{17}") {
            let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
            let expected = char::from(CHECK_CHARS[(sum % 11) as usize]);
            prop_assert_eq!(check_char(first17.as_bytes()), Some(expected));
        }
    }

    /// Complete 17 digits with their check character.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17.as_bytes()).unwrap())
    }

    /// A decoded ID's debug print holds no run of its digits (first three and last two shown).
    #[test]
    fn debug_print_is_masked() {
        let info = check("11010519491231002X").unwrap();
        let shown = format!("{info:?}");
        assert!(
            !shown.contains("19491231") && !shown.contains("110105"),
            "{shown}"
        );
        assert!(shown.contains("110*************2X"), "{shown}");
    }

    #[test]
    fn standard_example() {
        // GB 11643-1999 example.
        let info = check("11010519491231002X").unwrap();
        assert_eq!(info.region(), "110105");
        assert_eq!(info.birth, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(info.normalized(), "11010519491231002X");
        let info = check("11010519491231002x").unwrap();
        assert_eq!(info.normalized(), "11010519491231002X");
    }

    #[test]
    fn shanxi_numbers_current_and_historical() {
        let n = with_check("14010519980612301");
        let info = check(&n).unwrap();
        assert_eq!(info.sex, Sex::Male);
        assert_eq!(info.region(), "140105");
        // 大同县 (abolished 2018): a number keeps the code of the county that issued it
        assert!(check(&with_check("14022719990101002")).is_ok());
        // 忻州地区 era code
        assert!(check(&with_check("14220119800101002")).is_ok());
        // 晋城市郊区 (1985-1996) for someone born 1990: in force at birth
        let info = check(&with_check("14051119900101002")).unwrap();
        assert_eq!(info.region_abolished, None);
        // 长泰区, created 2021, for a child born 2022
        assert_eq!(
            check(&with_check("35060520220101002"))
                .unwrap()
                .region_abolished,
            None
        );
    }

    #[test]
    fn region_abolished_before_birth_is_flagged_not_rejected() {
        // 晋城市郊区 went in 1996: a number with it for someone born 2000 is odd but not impossible
        let info = check(&with_check("14051120000101002")).unwrap();
        let a = info.region_abolished.unwrap();
        assert_eq!(a.full_name, "山西省晋城市郊区");
        assert_eq!(a.last_year, 1996);
        assert_eq!(a.successors, vec!["140525".to_string()]);
        assert_eq!(info.birth.year(), 2000);
        // 长泰县 350625 went in 2021 (→ 长泰区 350605)
        let info = check(&with_check("35062520220101002")).unwrap();
        assert_eq!(
            info.region_abolished.map(|a| a.successors),
            Some(vec!["350605".to_string()])
        );
    }

    #[test]
    fn problems() {
        assert_eq!(
            check("１１０１０５１９４９１２３１００２ｘ"),
            Err(Problem::FullWidth {
                half: "11010519491231002X".into()
            })
        );
        assert_eq!(
            check("11010519491231002"),
            Err(Problem::Format { detail: "length" })
        );
        assert_eq!(
            check("11010519491231002XX"),
            Err(Problem::Format { detail: "length" })
        );
        assert_eq!(
            check("1101051949123100AX"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("11010519491231002Y"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("11010519491231002中"),
            Err(Problem::Format { detail: "chars" })
        );
        assert_eq!(
            check("110105194912310021"),
            Err(Problem::CheckDigit { expected: 'X' })
        );
        assert_eq!(
            check(&with_check("11010519490230002")),
            Err(Problem::BadDate)
        );
        assert_eq!(
            check(&with_check("11010518991231002")),
            Err(Problem::Before1900 { year: 1899 })
        );
        assert_eq!(
            check(&with_check("11010518990229002")),
            Err(Problem::BadDate)
        );
        assert_eq!(
            check(&with_check("11010519491300002")),
            Err(Problem::BadDate)
        );
        // known province and city, unknown county
        assert_eq!(
            check(&with_check("11019919491231002")),
            Err(Problem::UnknownRegion)
        );
        assert_eq!(
            check(&with_check("99010519491231002")),
            Err(Problem::UnknownRegion)
        );
        // order: a bad check digit is reported before a bad date / region
        let mut bad = with_check("99010519490230002").into_bytes();
        bad[17] = if bad[17] == b'1' { b'2' } else { b'1' };
        assert!(matches!(
            check(std::str::from_utf8(&bad).unwrap()),
            Err(Problem::CheckDigit { .. })
        ));
        assert_eq!(check(""), Err(Problem::Format { detail: "length" }));
        assert_eq!(
            check(&"1".repeat(10_000)),
            Err(Problem::Format { detail: "length" })
        );
    }

    proptest! {
        #[test]
        fn check_digit_detects_single_digit_errors(
            region in prop::sample::select(vec!["110105", "140105", "140227", "440305"]),
            y in 1900u32..2030, m in 1u32..=12, d in 1u32..=28, seq in 0u32..1000, pos in 0usize..17, delta in 1u8..10,
        ) {
            let first17 = format!("{region}{y:04}{m:02}{d:02}{seq:03}");
            let good = with_check(&first17);
            let info = check(&good).unwrap();
            prop_assert_eq!(info.sex == Sex::Male, seq % 2 == 1);
            let mut b = good.clone().into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(b).unwrap();
            // MOD 11-2 detects every single-digit substitution
            prop_assert!(
                matches!(check(&changed), Err(Problem::CheckDigit { .. })),
                "undetected change at {}", pos
            );
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = check(&s);
        }
    }
}
