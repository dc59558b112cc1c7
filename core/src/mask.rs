//! Masking of personal identifiers in every message, `Debug` string and error tuiyi produces.
//!
//! Rule: any run of 6 or more characters that are ASCII/full-width digits or `X`/`x` (an ID or a card
//! number, or a fragment long enough to identify one) keeps at most its first 3 and last 2 characters
//! (ID `110101199003071234` → `110*************34`; card `6222021234567890123` → `622**************23`).
//! Dates (`2024-09-30`) and amounts are not affected: their digit runs are shorter than 6.

/// Mask the middle of an identifier: keep the first 3 and last 2 characters.
pub fn mask_id(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n <= 5 {
        return "*".repeat(n);
    }
    let mut out = String::with_capacity(n + 8);
    out.extend(&chars[..3]);
    out.extend(std::iter::repeat('*').take(n - 5));
    out.extend(&chars[n - 2..]);
    out
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, 'X' | 'x' | '０'..='９' | 'Ｘ' | 'ｘ')
}

/// Mask every run of 6+ digit-like characters inside free text (user values quoted in messages).
pub fn mask_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let mut digits_in_run = 0usize;
    let flush = |run: &mut String, digits: &mut usize, out: &mut String| {
        if *digits >= 6 {
            out.push_str(&mask_id(run));
        } else {
            out.push_str(run);
        }
        run.clear();
        *digits = 0;
    };
    for c in s.chars() {
        if is_id_char(c) {
            run.push(c);
            if !matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ') {
                digits_in_run += 1;
            }
        } else {
            flush(&mut run, &mut digits_in_run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut digits_in_run, &mut out);
    out
}

/// Prepare a user-supplied value for quoting in a message: masked, and cut to 40 characters.
pub fn truncate_for_message(s: &str) -> String {
    let masked = mask_text(s);
    if masked.chars().count() > 40 {
        let mut t: String = masked.chars().take(40).collect();
        t.push('…');
        t
    } else {
        masked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_ids_and_cards() {
        assert_eq!(mask_id("110101199003071234"), "110*************34");
        assert_eq!(
            mask_text("身份证号 11010119900307123X 有误"),
            "身份证号 110*************3X 有误"
        );
        assert_eq!(mask_text("6222021234567890123"), "622**************23");
        assert_eq!(mask_text("2024-09-30"), "2024-09-30");
        assert_eq!(
            mask_text("１１０１０１１９９００３０７１２３４"),
            "１１０*************３４"
        );
    }
}
