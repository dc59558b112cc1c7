//! Money amounts: decimal text with at most two decimals, and Chinese uppercase amounts
//! (零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整) in both directions, accepting every spelling 《支付结算办法》 allows.
//!
//! ## Decimal text ([`parse_decimal`])
//! ASCII only: digits, at most one `.`, digits on both sides of it (`.5` and `5.` are rejected), no leading
//! zeros (`007`), no sign (`+1` → `NotANumber`, `-1` → `Negative`), no exponent. More than two *significant*
//! decimals → `TooManyDecimals`; trailing zeros are fine (`1.500` is 1.50: a JSON number's text may carry them).
//! Amounts of 10^13 yuan (十万亿) or more → `TooLarge`.
//!
//! ## Uppercase ([`to_uppercase`], [`parse_uppercase`])
//! From 《支付结算办法》附件《正确填写票据和结算凭证的基本规定》:
//! - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, then 元 (or 圆), 角, 分; 整 (or 正) after 元 when there is no
//!   角 or 分 (required), after 角 when there is no 分 (optional), never after 分;
//! - zeros inside the number: one 零 for a run of zeros (¥1409.50 壹仟肆佰零玖元伍角, ¥6007.14 陆仟零柒元壹角肆分);
//! - when the 万 (or 亿) digit is 0 and the 千 digit is not, the 零 may be written or omitted
//!   (¥107000.53 壹拾万柒仟元… or 壹拾万零柒仟元…); when the 元 digit is 0 and the 角 digit is not, likewise
//!   (¥1680.32 …捌拾元零叁角贰分 or …捌拾元叁角贰分); when the 角 digit is 0 and the 分 digit is not, the 零 after 元
//!   is required (¥16409.02 壹万陆仟肆佰零玖元零贰分);
//! - amounts below one yuan: 叁角贰分 / 贰分 / 伍角(整); `零元` before them is also accepted (then the 零 before 角 or
//!   分 is optional), and 0 is 零元整;
//! - a leading 壹拾 may be written 拾 (拾元整, 拾万元整): accepted, not canonical; 壹拾 inside a number is required;
//! - an optional leading 人民币 is accepted (the regulation wants it printed before the amount);
//! - 〇, 两, lowercase numerals (一二三…), spaces and anything else are rejected: `BadUppercase { at }` gives the
//!   char index of the first character that no correct spelling of the amount allows.
//!
//! The canonical spelling ([`to_uppercase`]) writes every optional 零 and 壹, uses 元 and 整, and writes 整 after 角:
//! ¥107000.53 → 壹拾万零柒仟元零伍角叁分, ¥1050000.07 → 壹佰零伍万元零柒分, ¥0.50 → 伍角整. Above 亿 the 亿 section is
//! read as one number (壹万伍仟亿, not 壹万亿伍仟亿).
//!
//! How parsing works: a permissive pass computes the amount the text denotes; the text is then matched
//! against the spellings of that amount (a short token list with optional tokens), so only correct spellings
//! are accepted and any input — however long or odd — costs linear time without panics.

/// Amount in fen (1/100 yuan).
pub type Fen = u64;

/// Largest amount accepted by the parsers: 10^13 yuan − 1 fen.
pub const MAX_FEN: Fen = 1_000_000_000_000_000 - 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Negative,
    TooManyDecimals,
    NotANumber,
    TooLarge,
    /// Uppercase text that is not a well-formed amount; `at` is the char index of the first bad char.
    BadUppercase {
        at: usize,
    },
}

fn digits_only(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parse a decimal amount given as a JSON number's text or a string ("1234.5", "0.05").
pub fn parse_decimal(s: &str) -> Result<Fen, MoneyError> {
    if let Some(rest) = s.strip_prefix('-') {
        return match parse_decimal(rest) {
            Ok(_) | Err(MoneyError::TooManyDecimals) | Err(MoneyError::TooLarge) => {
                Err(MoneyError::Negative)
            }
            Err(e) => Err(e),
        };
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if !digits_only(int) || (int.len() > 1 && int.starts_with('0')) {
        return Err(MoneyError::NotANumber);
    }
    let frac = match frac {
        Some(f) if !digits_only(f) => return Err(MoneyError::NotANumber),
        Some(f) => f.trim_end_matches('0'),
        None => "",
    };
    if frac.len() > 2 {
        return Err(MoneyError::TooManyDecimals);
    }
    if int.len() > 13 {
        return Err(MoneyError::TooLarge);
    }
    let yuan = int.bytes().fold(0u64, |a, d| a * 10 + u64::from(d - b'0'));
    let mut cents = 0u64;
    for (i, d) in frac.bytes().enumerate() {
        cents += u64::from(d - b'0') * if i == 0 { 10 } else { 1 };
    }
    Ok(yuan * 100 + cents)
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// One character of a spelling: any of `alts`, or nothing when `opt`.
#[derive(Debug, Clone, Copy)]
struct Tok {
    alts: &'static [char],
    opt: bool,
}

/// Where a spelling's tokens go as [`spell`] makes them, one at a time: nothing is collected.
trait Toks {
    fn push(&mut self, t: Tok);
}

/// Matches a text against the tokens pushed, greedily (optional tokens never share a character with the
/// token after them): the first token that fails stops it, at the char index where the text goes wrong.
struct Matcher<'a> {
    input: &'a [char],
    at: usize,
    failed: bool,
}

impl Toks for Matcher<'_> {
    #[inline]
    fn push(&mut self, t: Tok) {
        if self.failed {
            return;
        }
        match self.input.get(self.at) {
            Some(c) if t.alts.contains(c) => self.at += 1,
            _ if t.opt => {}
            _ => self.failed = true,
        }
    }
}

impl Matcher<'_> {
    /// `Ok` when the text is the tokens pushed, whole; else the char index where it goes wrong.
    fn finish(&self) -> Result<(), usize> {
        if !self.failed && self.at == self.input.len() {
            Ok(())
        } else {
            Err(self.at)
        }
    }
}

/// Writes the first character each token allows: the canonical spelling.
impl Toks for String {
    fn push(&mut self, t: Tok) {
        if let Some(&c) = t.alts.first() {
            String::push(self, c);
        }
    }
}

const fn alts_of(d: usize) -> &'static [char] {
    match d {
        0 => &['零'],
        1 => &['壹'],
        2 => &['贰'],
        3 => &['叁'],
        4 => &['肆'],
        5 => &['伍'],
        6 => &['陆'],
        7 => &['柒'],
        8 => &['捌'],
        9 => &['玖'],
        _ => &[],
    }
}

fn tok(alts: &'static [char]) -> Tok {
    Tok { alts, opt: false }
}

fn opt(alts: &'static [char]) -> Tok {
    Tok { alts, opt: true }
}

const LING: &[char] = &['零'];
const YUAN: &[char] = &['元', '圆'];
const ZHENG: &[char] = &['整', '正'];
const JIAO: &[char] = &['角'];
const FEN: &[char] = &['分'];
const SHI: &[char] = &['拾'];
const BAI: &[char] = &['佰'];
const QIAN: &[char] = &['仟'];
const WAN: &[char] = &['万'];
const YI: &[char] = &['亿'];

fn small_unit(q: usize) -> Option<&'static [char]> {
    match q {
        1 => Some(SHI),
        2 => Some(BAI),
        3 => Some(QIAN),
        _ => None,
    }
}

/// Tokens of a positive yuan amount, without 元.
fn integer_tokens(y: u64, out: &mut impl Toks) {
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut v = y;
    while v > 0 && n < digits.len() {
        digits[n] = (v % 10) as u8;
        v /= 10;
        n += 1;
    }
    let group_nonzero =
        |from: usize, to: usize| digits[from.min(20)..to.min(20)].iter().any(|&d| d != 0);
    let mut last_nonzero: Option<usize> = None;
    for p in (0..n).rev() {
        let d = usize::from(digits[p]);
        let (q, g) = (p % 4, p / 4);
        if d != 0 {
            if let Some(lp) = last_nonzero {
                if lp > p + 1 {
                    // a run of zeros between two written digits
                    let crosses_group = (p + 1..lp).any(|z| z % 4 == 0);
                    out.push(Tok {
                        alts: LING,
                        opt: crosses_group && q == 3,
                    });
                }
            }
            if last_nonzero.is_none() && d == 1 && q == 1 {
                out.push(opt(alts_of(1)));
            } else {
                out.push(tok(alts_of(d)));
            }
            if let Some(u) = small_unit(q) {
                out.push(tok(u));
            }
            last_nonzero = Some(p);
        }
        if q == 0 {
            match g {
                1 | 3 if group_nonzero(p, p + 4) => out.push(tok(WAN)),
                2 if group_nonzero(p, p + 8) => out.push(tok(YI)),
                4 if group_nonzero(p, 20) => {
                    out.push(tok(YI));
                    out.push(tok(YI));
                }
                _ => {}
            }
        }
    }
}

/// How many spellings `fen` has: two (bare, and after 零元) for an amount below one yuan that is not 0, else
/// one. [`spell`] makes them.
fn spelling_count(fen: Fen) -> usize {
    if fen >= 100 || fen == 0 {
        1
    } else {
        2
    }
}

/// The tokens of spelling `which` of `fen` (below [`spelling_count`]; spelling 0 is canonical).
fn spell(fen: Fen, which: usize, out: &mut impl Toks) {
    let (y, j, f) = (fen / 100, ((fen / 10) % 10) as usize, (fen % 10) as usize);
    // 零 before 角, and before 分 when 角 is 0: `Some(required)` when it may be written.
    let (zero_before_jiao, zero_before_fen) = if y > 0 {
        integer_tokens(y, out);
        out.push(tok(YUAN));
        // Optional before 角 when the 元 digit is 0, absent otherwise; before 分 (角 = 0): required.
        (if y % 10 == 0 { Some(false) } else { None }, Some(true))
    } else if which == 0 && (j > 0 || f > 0) {
        // The bare spelling of an amount below one yuan.
        (None, None)
    } else {
        out.push(tok(LING));
        out.push(tok(YUAN));
        (Some(false), Some(false))
    };
    if j > 0 {
        if let Some(required) = zero_before_jiao {
            out.push(Tok {
                alts: LING,
                opt: !required,
            });
        }
        out.push(tok(alts_of(j)));
        out.push(tok(JIAO));
    } else if f > 0 {
        if let Some(required) = zero_before_fen {
            out.push(Tok {
                alts: LING,
                opt: !required,
            });
        }
    }
    if f > 0 {
        out.push(tok(alts_of(f)));
        out.push(tok(FEN));
    } else {
        out.push(Tok {
            alts: ZHENG,
            opt: j > 0,
        });
    }
}

/// The canonical uppercase spelling, e.g. 1_050_000.07 yuan → "壹佰零伍万元零柒分".
pub fn to_uppercase(fen: Fen) -> String {
    let mut s = String::with_capacity(64);
    spell(fen, 0, &mut s);
    s
}

/// A character an uppercase amount may hold: a digit of [`DIGITS`] or a unit (one `match`: the search of a
/// string of units for each character cost most of a valid form's parse of its amount).
fn is_allowed(c: char) -> bool {
    matches!(
        c,
        '零' | '壹'
            | '贰'
            | '叁'
            | '肆'
            | '伍'
            | '陆'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '佰'
            | '仟'
            | '万'
            | '亿'
            | '元'
            | '圆'
            | '角'
            | '分'
            | '整'
            | '正'
    )
}

/// Longest accepted input, in chars (a correct spelling below [`MAX_FEN`] is far shorter).
const MAX_UPPERCASE_CHARS: usize = 80;

/// Parse any correct uppercase spelling back to fen.
pub fn parse_uppercase(s: &str) -> Result<Fen, MoneyError> {
    let (offset, body) = match s.strip_prefix("人民币") {
        Some(rest) => (3, rest),
        None => (0, s),
    };
    let mut buf = ['\0'; MAX_UPPERCASE_CHARS];
    let mut n = 0;
    for (i, c) in body.chars().enumerate() {
        if !is_allowed(c) {
            return Err(MoneyError::BadUppercase { at: offset + i });
        }
        let Some(slot) = buf.get_mut(i) else {
            return Err(MoneyError::BadUppercase { at: offset + i });
        };
        *slot = c;
        n = i + 1;
    }
    let chars = &buf[..n];
    if chars.is_empty() {
        return Err(MoneyError::BadUppercase { at: offset });
    }
    let fen = denoted_amount(chars);
    let mut best = 0usize;
    for which in 0..spelling_count(fen) {
        let mut m = Matcher {
            input: chars,
            at: 0,
            failed: false,
        };
        spell(fen, which, &mut m);
        match m.finish() {
            Ok(()) if fen > MAX_FEN => return Err(MoneyError::TooLarge),
            Ok(()) => return Ok(fen),
            Err(i) => best = best.max(i),
        }
    }
    Err(MoneyError::BadUppercase { at: offset + best })
}

/// The amount a (possibly malformed) uppercase text denotes, for correct spellings exactly; saturating.
fn denoted_amount(chars: &[char]) -> Fen {
    let (mut above_yi, mut cur, mut section) = (0u64, 0u64, 0u64);
    let mut pending: Option<u64> = None;
    let mut seen_yuan = false;
    let (mut yuan, mut jiao, mut fen) = (0u64, 0u64, 0u64);
    for &c in chars {
        if c == '元' || c == '圆' {
            if seen_yuan {
                // a second 元 is junk: keep the amount of the first so the error points at it
                continue;
            }
            seen_yuan = true;
        }
        if let Some(d) = DIGITS.iter().position(|&x| x == c) {
            pending = Some(d as u64);
            continue;
        }
        let p = pending.take();
        match c {
            '拾' | '佰' | '仟' => {
                let unit = match c {
                    '拾' => 10,
                    '佰' => 100,
                    _ => 1000,
                };
                // a bare 拾 (or 零拾, junk) counts as 壹拾 so that errors point at the right char
                let d = match p {
                    Some(d) if d > 0 || c != '拾' => d,
                    _ if c == '拾' => 1,
                    _ => 0,
                };
                section = section.saturating_add(d.saturating_mul(unit));
            }
            '万' => {
                cur = cur.saturating_add(
                    section
                        .saturating_add(p.unwrap_or(0))
                        .saturating_mul(10_000),
                );
                section = 0;
            }
            '亿' => {
                above_yi = above_yi
                    .saturating_add(cur)
                    .saturating_add(section)
                    .saturating_add(p.unwrap_or(0))
                    .saturating_mul(100_000_000);
                cur = 0;
                section = 0;
            }
            '元' | '圆' => {
                yuan = above_yi
                    .saturating_add(cur)
                    .saturating_add(section)
                    .saturating_add(p.unwrap_or(0));
                above_yi = 0;
                cur = 0;
                section = 0;
            }
            '角' => jiao = p.unwrap_or(0),
            '分' => fen = p.unwrap_or(0),
            _ => {}
        }
    }
    yuan.saturating_mul(100)
        .saturating_add(jiao.min(9) * 10)
        .saturating_add(fen.min(9))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `is_allowed` is the ten digits and the units, no more: over every character of the Basic
    /// Multilingual Plane.
    #[test]
    fn allowed_characters_are_the_digits_and_units() {
        for c in (0..=0xffff).filter_map(char::from_u32) {
            let expected = DIGITS.contains(&c) || "拾佰仟万亿元圆角分整正".contains(c);
            assert_eq!(is_allowed(c), expected, "{c}");
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("1234.5"), Ok(123_450));
        assert_eq!(parse_decimal("0.05"), Ok(5));
        assert_eq!(parse_decimal("0"), Ok(0));
        assert_eq!(parse_decimal("12"), Ok(1200));
        assert_eq!(parse_decimal("1.500"), Ok(150));
        assert_eq!(parse_decimal("1.0"), Ok(100));
        assert_eq!(parse_decimal("9999999999999.99"), Ok(MAX_FEN));
        assert_eq!(parse_decimal("10000000000000"), Err(MoneyError::TooLarge));
        assert_eq!(parse_decimal("1.005"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse_decimal("-1"), Err(MoneyError::Negative));
        assert_eq!(parse_decimal("-0.001"), Err(MoneyError::Negative));
        for bad in [
            "", "+1", "1e3", "1E3", ".5", "5.", "1.2.3", "007", "1,000", " 1", "１", "abc", "-",
            "-x", "0x10",
        ] {
            assert_eq!(parse_decimal(bad), Err(MoneyError::NotANumber), "{bad}");
        }
    }

    fn yuan(y: f64) -> Fen {
        (y * 100.0).round() as Fen
    }

    #[test]
    fn canonical() {
        let table: &[(Fen, &str)] = &[
            (0, "零元整"),
            (2, "贰分"),
            (50, "伍角整"),
            (32, "叁角贰分"),
            (100, "壹元整"),
            (1000, "壹拾元整"),
            (yuan(1409.50), "壹仟肆佰零玖元伍角整"),
            (yuan(6007.14), "陆仟零柒元壹角肆分"),
            (yuan(1680.32), "壹仟陆佰捌拾元零叁角贰分"),
            (yuan(107000.53), "壹拾万零柒仟元零伍角叁分"),
            (yuan(16409.02), "壹万陆仟肆佰零玖元零贰分"),
            (yuan(325.04), "叁佰贰拾伍元零肆分"),
            (105_000_007, "壹佰零伍万元零柒分"),
            (yuan(100500.0), "壹拾万零伍佰元整"),
            (10_000_000_100, "壹亿零壹元整"),
            (150_000_000_000_000, "壹万伍仟亿元整"),
            (100_007_000_000_000, "壹万亿零柒仟万元整"),
            (
                MAX_FEN,
                "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
        ];
        for &(fen, s) in table {
            assert_eq!(to_uppercase(fen), s, "{fen}");
            assert_eq!(parse_uppercase(s), Ok(fen), "{s}");
        }
    }

    #[test]
    fn every_allowed_spelling() {
        let table: &[(Fen, &[&str])] = &[
            (
                yuan(1680.32),
                &[
                    "壹仟陆佰捌拾元零叁角贰分",
                    "壹仟陆佰捌拾元叁角贰分",
                    "人民币壹仟陆佰捌拾元叁角贰分",
                    "壹仟陆佰捌拾圆叁角贰分",
                ],
            ),
            (
                yuan(107000.53),
                &[
                    "壹拾万柒仟元零伍角叁分",
                    "壹拾万零柒仟元伍角叁分",
                    "壹拾万柒仟元伍角叁分",
                    "壹拾万零柒仟元零伍角叁分",
                    "拾万零柒仟元零伍角叁分",
                ],
            ),
            (
                yuan(1409.50),
                &[
                    "壹仟肆佰零玖元伍角",
                    "壹仟肆佰零玖元伍角整",
                    "壹仟肆佰零玖元伍角正",
                ],
            ),
            (yuan(6007.14), &["陆仟零柒元壹角肆分"]),
            (yuan(16409.02), &["壹万陆仟肆佰零玖元零贰分"]),
            (yuan(10.0), &["壹拾元整", "拾元整", "壹拾圆正", "拾元正"]),
            (yuan(15.0), &["壹拾伍元整", "拾伍元整"]),
            (0, &["零元整", "零圆正", "人民币零元整"]),
            (32, &["叁角贰分", "零元叁角贰分", "零元零叁角贰分"]),
            (2, &["贰分", "零元贰分", "零元零贰分"]),
            (50, &["伍角", "伍角整", "零元伍角整", "零元伍角"]),
            (
                10_007_000_000_000,
                &["壹仟亿零柒仟万元整", "壹仟亿柒仟万元整"],
            ),
        ];
        for &(fen, spellings) in table {
            for s in spellings {
                assert_eq!(parse_uppercase(s), Ok(fen), "{s}");
            }
        }
    }

    #[test]
    fn rejects() {
        let table: &[(&str, usize)] = &[
            ("壹佰佰元", 2),
            ("元元", 0),
            ("壹元元", 2),
            ("", 0),
            ("人民币", 3),
            ("壹仟肆佰玖元伍角", 4),           // missing 零
            ("陆仟零零柒元壹角肆分", 3),       // two 零
            ("壹万陆仟肆佰零玖元贰分", 9),     // 角 is 0: 零 required
            ("壹仟陆佰捌拾壹元零叁角贰分", 8), // 元 digit not 0: no 零
            ("壹元", 2),                       // 整 required after 元
            ("壹元零贰分整", 5),               // no 整 after 分
            ("壹佰元〇伍分", 3),               // 〇 not allowed
            ("一百元整", 0),
            ("壹佰 元整", 2),
            ("壹拾万零伍佰元整零", 8),
            ("壹万零拾元整", 3), // 壹拾 required inside
            ("壹亿零壹元整整", 6),
        ];
        for &(s, at) in table {
            assert_eq!(
                parse_uppercase(s),
                Err(MoneyError::BadUppercase { at }),
                "{s}"
            );
        }
        assert_eq!(parse_uppercase("壹亿零壹元整"), Ok(10_000_000_100));
        assert_eq!(parse_uppercase("拾万亿元整"), Err(MoneyError::TooLarge));
        assert!(matches!(
            parse_uppercase(&"壹".repeat(10_000)),
            Err(MoneyError::BadUppercase { .. })
        ));
    }

    proptest! {
        #[test]
        fn round_trip(fen in 0..=MAX_FEN) {
            let s = to_uppercase(fen);
            prop_assert_eq!(parse_uppercase(&s), Ok(fen), "{}", s);
        }

        #[test]
        fn round_trip_sparse(y in prop::sample::select(vec![0u64, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000]),
                             z in prop::sample::select(vec![0u64, 1, 7, 10, 70, 100, 700, 1000, 7000, 10_000, 70_000]),
                             cents in 0u64..100) {
            let fen = (y + z) * 100 + cents;
            let s = to_uppercase(fen);
            prop_assert_eq!(parse_uppercase(&s), Ok(fen), "{}", s);
        }

        #[test]
        fn decimal_text_round_trip(fen in 0..=MAX_FEN) {
            let text = format!("{}.{:02}", fen / 100, fen % 100);
            prop_assert_eq!(parse_decimal(&text), Ok(fen));
        }

        #[test]
        fn never_panics(s in "[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正]{0,30}") {
            if let Ok(fen) = parse_uppercase(&s) {
                // whatever is accepted denotes the amount it parses to
                prop_assert!(fen <= MAX_FEN);
            }
        }

        #[test]
        fn never_panics_any(s in "\\PC{0,40}", fen in any::<u64>()) {
            let _ = parse_uppercase(&s);
            let _ = parse_decimal(&s);
            let _ = to_uppercase(fen);
        }
    }
}
