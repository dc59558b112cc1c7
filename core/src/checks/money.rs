//! Money amounts: decimal text with at most two decimals, and Chinese uppercase amounts
//! (零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整) in both directions, accepting every spelling 《支付结算办法》 allows.
//! (CONTRACT STUB — implemented by the field-checks work.)

/// Amount in fen (1/100 yuan).
pub type Fen = u64;

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

/// Parse a decimal amount given as a JSON number's text or a string ("1234.5", "0.05").
pub fn parse_decimal(_s: &str) -> Result<Fen, MoneyError> {
    Err(MoneyError::NotANumber)
}

/// The canonical uppercase spelling, e.g. 1_050_000.07 yuan → "壹佰零伍万元零柒分".
pub fn to_uppercase(_fen: Fen) -> String {
    String::new()
}

/// Parse any correct uppercase spelling back to fen.
pub fn parse_uppercase(_s: &str) -> Result<Fen, MoneyError> {
    Err(MoneyError::BadUppercase { at: 0 })
}
