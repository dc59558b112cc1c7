//! Field and cross-field checks of the form (after the structural walk), one file per section of 附件2,
//! and the table of conditional requirements shared with the JSON Schema's `if`/`then`
//! ([`conditionals`]). Each rule's reason for being an error rather than a warning: docs/form.md.

mod basic_info;
pub mod conditionals;
mod employment;
mod entrepreneurship;
mod family;
pub mod hukou;
mod medical_insurance;
mod other_info;
mod service_info;

pub(super) use chrono::{Datelike, NaiveDate};

pub(super) use super::codes as c;
pub(super) use super::walk::{blank, trimmed};
pub(super) use super::Finding;
pub(super) use crate::checks::{self, divisions::ShanxiPlace, id_number::Sex, Problem};
pub(super) use crate::date::{format_date, parse_date};
pub(super) use crate::doc::{Doc, Obj};
pub(super) use crate::mask::{mask_id, truncate_for_message};
pub use conditionals::{
    add_conditionals, Conditional, When, CONDITIONALS, HOUSEHOLD_FOR_SETTLEMENT,
};
pub use hukou::PUSHED;

// These helpers are inlined: their keys are literals, so the key's tag in `Obj::get` is computed at compile
// time.
#[inline(always)]
pub(super) fn obj<'a>(m: &'a Obj<'a>, k: &str) -> Option<&'a Obj<'a>> {
    m.get(k).and_then(Doc::as_object)
}

/// A filled-in string field (trimmed), or None.
#[inline(always)]
pub(super) fn text<'a>(m: &'a Obj<'a>, k: &str) -> Option<&'a str> {
    match m.get(k) {
        Some(Doc::String(s)) if !blank(s) => Some(trimmed(s)),
        _ => None,
    }
}

#[inline(always)]
pub(super) fn filled(m: &Obj, k: &str) -> bool {
    match m.get(k) {
        None => false,
        Some(Doc::String(s)) => !blank(s),
        Some(_) => true,
    }
}

pub(super) fn date(m: &Obj, k: &str) -> Option<NaiveDate> {
    text(m, k).and_then(|s| parse_date(s).ok())
}

#[inline(always)]
pub(super) fn uint(m: &Obj, k: &str) -> Option<u64> {
    m.get(k).and_then(Doc::as_u64)
}

/// The title of field `key` of `section` (of the root when empty) in the form's tree, "" when there is none:
/// found by the tree's key index, as the walk finds fields (a scan of the fields comparing strings cost about
/// 180 instructions a finding).
pub(super) fn title_of(section: &str, key: &str) -> &'static str {
    let field = |o: &'static crate::strict::Obj, k: &str| o.field(crate::doc::tag(k), k);
    if let super::walk::Node::Obj(root) = super::walk::tree() {
        let sec = if section.is_empty() {
            Some(root)
        } else {
            field(root, section).and_then(|f| match &f.2 {
                super::walk::Node::Obj(o) => Some(o),
                super::walk::Node::Arr(b) => match b.as_ref() {
                    super::walk::Node::Obj(o) => Some(o),
                    _ => None,
                },
                _ => None,
            })
        };
        if let Some(f) = sec.and_then(|o| field(o, key)) {
            return f.1;
        }
    }
    ""
}

/// A JSON Pointer built only when a finding needs it (no allocation for valid values).
pub(super) type PathFn<'a> = &'a dyn Fn() -> String;

pub(super) struct Ctx<'a> {
    pub(super) out: &'a mut Vec<Finding>,
    /// Today (Asia/Shanghai unless given): no ID number carries a birth date after it.
    pub(super) today: NaiveDate,
}

impl Ctx<'_> {
    /// Add the finding `info` with `args`. In the cross-field checks a `field` argument is always the
    /// field's title ([`title_of`]: text of the schema) and a `key` argument its key (a literal of this
    /// module, one of the schema's): first and second when given, and not counted for digits when the
    /// schema holds none ([`super::walk::schema_digit_free`]; a digit in one fails a debug assertion).
    pub(super) fn add(
        &mut self,
        info: &crate::CodeInfo,
        path: impl Into<String>,
        args: &[(&str, &str)],
    ) {
        let named = |i: usize, name: &str| args.get(i).is_some_and(|a| a.0 == name);
        let free = super::walk::schema_digit_free();
        let clean = if free {
            u16::from(named(0, "field")) | (u16::from(named(1, "key")) << 1)
        } else {
            0
        };
        // Every path here is the schema's keys (literals of this module) and list indices.
        crate::report::push_finding(self.out, Finding::with_clean(info, path, args, clean, free));
    }

    /// A coded number (ID, phone, bank card, USCC) at `m[key]` of the canonical form (full-width characters
    /// already folded, see `super::normalize`): the checker's problem becomes the finding `kind` names, the
    /// value shown as `kind` says. What the checker returns for a valid value, or `None`.
    pub(super) fn coded<T>(
        &mut self,
        m: &Obj,
        section: &str,
        key: &str,
        path: PathFn,
        kind: &Coded,
        check: fn(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        let s = text(m, key)?;
        if super::normalize::invalid_char(key, s).is_some() {
            // Reported by the structural walk (form_invalid_characters): not a number to check.
            return None;
        }
        let problem = match check(s) {
            Ok(t) => return Some(t),
            Err(p) => p,
        };
        let field = title_of(section, key);
        let value = (kind.show)(s);
        let base = [("field", field), ("key", key)];
        match (problem, kind.check, kind.bad_date, kind.region) {
            (Problem::CheckDigit { expected }, Some((code, names_expected)), ..) => {
                let e = expected.to_string();
                let args = [base[0], base[1], ("value", &value), ("expected", &e)];
                let n = if names_expected { 4 } else { 3 };
                self.add(code, path(), &args[..n]);
            }
            (Problem::BadDate, _, Some(code), _) => {
                self.add(code, path(), &[base[0], base[1], ("value", &value)]);
            }
            (Problem::Before1900 { year }, _, Some(_), _) => {
                let y = year.to_string();
                let args = [base[0], base[1], ("value", &value), ("year", &y)];
                self.add(&c::ID_BIRTH_BEFORE_1900, path(), &args);
            }
            (Problem::UnknownRegion, _, _, Some(code)) => {
                let region: String = s.chars().take(6).collect();
                let args = [base[0], base[1], ("value", &value), ("region", &region)];
                self.add(code, path(), &args);
            }
            _ => self.add(kind.format, path(), &[base[0], base[1], ("value", &value)]),
        }
        None
    }

    /// An ID number: the checks of [`checks::id_number::check`], then a warning when its region code was
    /// abolished before the birth year in the number.
    pub(super) fn id(
        &mut self,
        m: &Obj,
        section: &str,
        key: &str,
        path: PathFn,
    ) -> Option<checks::id_number::IdInfo> {
        let info = self.coded(m, section, key, path, &ID, checks::id_number::check)?;
        if info.birth > self.today {
            let value = mask_id(info.normalized());
            let today = format_date(self.today);
            let args = [
                ("field", title_of(section, key)),
                ("key", key),
                ("value", value.as_str()),
                ("today", today.as_str()),
            ];
            self.add(&c::ID_BIRTH_IN_FUTURE, path(), &args);
        }
        if let Some(a) = &info.region_abolished {
            let (year, birth_year) = (a.last_year.to_string(), info.birth.year().to_string());
            let successors = successor_list(&a.successors);
            let value = mask_id(info.normalized());
            let args = [
                ("field", title_of(section, key)),
                ("key", key),
                ("value", value.as_str()),
                ("region", info.region()),
                ("name", a.full_name.as_str()),
                ("year", year.as_str()),
                ("birth_year", birth_year.as_str()),
                ("successors", successors.as_str()),
            ];
            self.add(&c::ID_REGION_ABOLISHED, path(), &args);
        }
        Some(info)
    }

    pub(super) fn phone(&mut self, m: &Obj, section: &str, key: &str, path: PathFn) {
        self.coded(m, section, key, path, &PHONE, checks::phone::check);
    }
}

/// How the findings on one kind of coded number read.
pub(super) struct Coded {
    /// The value as a message shows it (IDs and card numbers masked: first 3 and last 2 shown).
    show: fn(&str) -> String,
    /// Wrong shape, and any problem without a code of its own.
    format: &'static crate::CodeInfo,
    /// Wrong check digit or character: its code, and whether the message names the expected one.
    check: Option<(&'static crate::CodeInfo, bool)>,
    /// An embedded date that does not exist.
    bad_date: Option<&'static crate::CodeInfo>,
    /// An unknown region code in the first six characters.
    region: Option<&'static crate::CodeInfo>,
}

pub(super) const ID: Coded = Coded {
    show: mask_id,
    format: &c::ID_FORMAT,
    check: Some((&c::ID_CHECK_DIGIT, true)),
    bad_date: Some(&c::ID_BAD_DATE),
    region: Some(&c::ID_UNKNOWN_REGION),
};

pub(super) const PHONE: Coded = Coded {
    show: truncate_for_message,
    format: &c::PHONE_FORMAT,
    check: None,
    bad_date: None,
    region: None,
};

pub(super) const BANK_CARD: Coded = Coded {
    show: mask_id,
    format: &c::BANK_CARD_FORMAT,
    // A Luhn failure: the message does not name the expected digit.
    check: Some((&c::BANK_CARD_LUHN, false)),
    bad_date: None,
    region: None,
};

pub(super) const USCC: Coded = Coded {
    // A USCC identifies a business, not a person: shown as typed when it has the usual length.
    show: |s| {
        if s.chars().count() <= 20 {
            s.to_string()
        } else {
            truncate_for_message(s)
        }
    },
    format: &c::USCC_FORMAT,
    check: Some((&c::USCC_CHECK, true)),
    bad_date: None,
    region: None,
};

/// Amounts from 1e12 yuan up are refused (no field of the form comes near; f64 keeps cents exact below).
pub(super) const MONEY_MAX: f64 = 1e12;

pub(super) fn fen_text(n: &serde_json::Number) -> String {
    n.to_string()
}

/// A well-formed amount ([`money`]): its number, and its value in fen. The number is written out only when a
/// message needs it.
pub(super) struct Amount<'a> {
    number: &'a serde_json::Number,
    fen: checks::money::Fen,
}

impl Amount<'_> {
    /// The amount as written in messages (`fen_text`).
    pub(super) fn text(&self) -> String {
        fen_text(self.number)
    }

    /// The amount in fen: what `checks::money::parse_decimal` reads from [`Amount::text`].
    pub(super) fn fen(&self) -> checks::money::Fen {
        self.fen
    }
}

/// The fen of a non-negative number below [`MONEY_MAX`] whose shortest text (`fen_text`) has at most two
/// decimals; `None` for any other (then [`money`] reads the text). Found without writing the text out:
/// `k = round(f × 100)` is below 2^53, so `k / 100` is the double nearest to the decimal k/100 (IEEE division
/// rounds correctly), and it is `f` exactly when a text of at most two decimals reads back as `f` — which is
/// when the shortest text has at most two. Proved against the text by `tests::fen_of_float_reads_as_the_text_does`.
fn fen_of_float(f: f64) -> Option<checks::money::Fen> {
    if !(0.0..MONEY_MAX).contains(&f) || f.is_sign_negative() {
        return None;
    }
    let k = (f * 100.0).round();
    // `k` is a whole number in [0, 1e14]: the cast is exact.
    (k / 100.0 == f).then_some(k as checks::money::Fen)
}

/// Check a money amount given as a JSON number; returns it when it is a well-formed amount.
pub(super) fn money<'a>(
    cx: &mut Ctx,
    m: &'a Obj,
    section: &str,
    key: &str,
    path: PathFn,
) -> Option<Amount<'a>> {
    let Some(Doc::Number(n)) = m.get(key) else {
        return None;
    };
    // A whole number of yuan below the maximum: nothing to check in its text (the common case).
    if let Some(u) = n.as_u64().filter(|&u| (u as f64) < MONEY_MAX) {
        return Some(Amount {
            number: n,
            fen: u * 100,
        });
    }
    // A number with at most two decimals (the other common case): nor this.
    if let Some(fen) = n.as_f64().and_then(fen_of_float) {
        return Some(Amount { number: n, fen });
    }
    let t = fen_text(n);
    // The field's title, looked up only for a finding.
    let field = || title_of(section, key);
    if t.starts_with('-') {
        cx.add(
            &c::MONEY_NEGATIVE,
            path(),
            &[("field", field()), ("key", key)],
        );
        return None;
    }
    if t.contains(['e', 'E']) || n.as_f64().is_some_and(|f| f >= MONEY_MAX) {
        cx.add(
            &c::MONEY_TOO_LARGE,
            path(),
            &[
                ("field", field()),
                ("key", key),
                ("max", "999,999,999,999.99"),
            ],
        );
        return None;
    }
    if let Some((_, frac)) = t.split_once('.') {
        if frac.len() > 2 {
            let d = frac.len().to_string();
            cx.add(
                &c::MONEY_DECIMALS,
                path(),
                &[("field", field()), ("key", key), ("decimals", &d)],
            );
            return None;
        }
    }
    // The text is well formed: digits, with at most two decimals.
    let fen = checks::money::parse_decimal(&t).ok()?;
    Some(Amount { number: n, fen })
}

/// "140213 平城区、140214 云冈区": the current codes that hold an abolished division's area, with names.
pub(super) fn successor_list(codes: &[String]) -> String {
    codes
        .iter()
        .map(|code| match checks::divisions::lookup(code) {
            Some(x) => format!("{code} {}", x.name),
            None => code.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The pointer `/section/key`. Written piece by piece: through `format!` a path cost a finding some 650
/// instructions (valgrind).
pub(super) fn p(section: &str, key: &str) -> String {
    pointer(&[section, key])
}

/// The pointer `/list/i/key` of a field of a list's item.
pub(super) fn p_item(list: &str, i: usize, key: &str) -> String {
    pointer(&[list, crate::strict::itoa(i, &mut [0u8; 20]), key])
}

/// The JSON Pointer of plain segments (schema keys and indices: nothing to escape).
fn pointer(segments: &[&str]) -> String {
    let mut s = String::with_capacity(segments.iter().map(|x| x.len() + 1).sum());
    for x in segments {
        s.push('/');
        s.push_str(x);
    }
    s
}

/// The sections every check reads, looked up once.
#[derive(Clone, Copy)]
pub(super) struct Sections<'a> {
    pub(super) root: &'a Obj<'a>,
    pub(super) basic: &'a Obj<'a>,
    pub(super) service: &'a Obj<'a>,
    pub(super) today: NaiveDate,
    pub(super) birth: Option<NaiveDate>,
}

/// Run every field and cross-field check. `root` has passed (or partly passed) the structural walk:
/// values of the wrong type are skipped here (already reported).
pub(crate) fn check(root: &Obj, today: NaiveDate, out: &mut Vec<Finding>) {
    let mut cx = Ctx { out, today };
    let empty = Obj::default();
    let basic = obj(root, "basic_info").unwrap_or(&empty);
    let service = obj(root, "service_info").unwrap_or(&empty);
    let s = Sections {
        root,
        basic,
        service,
        today,
        birth: date(basic, "birth_date"),
    };
    basic_info::identity(&mut cx, &s);
    basic_info::place(&mut cx, &s);
    service_info::dates(&mut cx, &s);
    family::members(&mut cx, &s);
    other_info::bank_card(&mut cx, &s);
    employment::income(&mut cx, &s);
    entrepreneurship::business(&mut cx, &s);
    conditionals::required_if(&mut cx, &s);
    hukou::section(&mut cx, &s);
    medical_insurance::transfer(&mut cx, &s);
}

/// Whole years from `a` to `b` (age).
pub fn years_between(a: NaiveDate, b: NaiveDate) -> i32 {
    let mut y = b.year() - a.year();
    if (b.month(), b.day()) < (a.month(), a.day()) {
        y -= 1;
    }
    y
}

/// Whole months from `a` to `b` (a day-of-month not yet reached does not count).
pub fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    let mut m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::super::walk::{tree, Node};
    use super::{fen_of_float, fen_text, title_of, MONEY_MAX};
    use proptest::prelude::*;

    /// What [`super::money`] makes of a float by its text: the fen of a well-formed amount, or `None` (a
    /// finding).
    fn fen_by_text(n: &serde_json::Number) -> Option<u64> {
        let t = fen_text(n);
        if t.starts_with('-')
            || t.contains(['e', 'E'])
            || n.as_f64().is_some_and(|f| f >= MONEY_MAX)
        {
            return None;
        }
        if t.split_once('.').is_some_and(|(_, frac)| frac.len() > 2) {
            return None;
        }
        crate::checks::money::parse_decimal(&t).ok()
    }

    /// Both readings of the float that `text` (a JSON number) parses to.
    fn both(text: &str) -> Option<(Option<u64>, Option<u64>)> {
        let n: serde_json::Number = serde_json::from_str(text).ok()?;
        let f = n.as_f64()?;
        Some((
            fen_of_float(f),
            fen_by_text(&serde_json::Number::from_f64(f)?),
        ))
    }

    #[test]
    fn fen_of_float_reads_edges_as_the_text_does() {
        for t in [
            "0.0",
            "-0.0",
            "0.01",
            "0.001",
            "0.005",
            "0.015",
            "0.1",
            "0.10",
            "0.29",
            "1.005",
            "1.10",
            "1.999",
            "2.675",
            "99.995",
            "1e-7",
            "1.5e2",
            "1e11",
            "9.99e11",
            "999999999999.99",
            "999999999999.994",
            "999999999999.995",
            "1000000000000.0",
            "1e12",
            "1e16",
            "1e300",
            "4503599627370495.5",
            "123456789012.34",
            "0.30000000000000004",
            "5e-324",
        ] {
            let (fast, slow) = both(t).unwrap_or((None, None));
            assert_eq!(fast, slow, "{t}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// A float read without its text is read as `money` reads the text, for amounts as forms write
        /// them (up to five decimals, up to thirteen digits before the point) ...
        #[test]
        fn fen_of_float_reads_as_the_text_does(
            int in prop_oneof![0u64..1000, 0u64..10_000_000, 0u64..10_000_000_000_000],
            frac in "[0-9]{1,5}",
        ) {
            let (fast, slow) = both(&format!("{int}.{frac}")).unwrap_or((None, None));
            prop_assert_eq!(fast, slow);
        }

        /// ... and for any double at all.
        #[test]
        fn fen_of_any_double_reads_as_the_text_does(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            if let Some(n) = serde_json::Number::from_f64(f) {
                prop_assert_eq!(fen_of_float(f), fen_by_text(&n), "{}", f);
            }
        }
    }

    /// `title_of` finds every field of every section (and of the root) by the tree's key index, as a scan
    /// of the fields does, and nothing for a key or section the tree does not have.
    #[test]
    fn title_of_finds_what_a_scan_finds() {
        let Node::Obj(root) = tree() else {
            panic!("the form's tree is an object")
        };
        let mut n = 0;
        for (section, title, node, _) in &root.fields {
            assert_eq!(title_of("", section), *title);
            let inner = match node {
                Node::Obj(o) => Some(o),
                Node::Arr(b) => match b.as_ref() {
                    Node::Obj(o) => Some(o),
                    _ => None,
                },
                _ => None,
            };
            for (key, title, ..) in inner.map(|o| o.fields.as_slice()).unwrap_or(&[]) {
                assert_eq!(title_of(section, key), *title, "{section}/{key}");
                assert_eq!(title_of(section, &format!("{key}x")), "");
                assert_eq!(title_of("no_such_section", key), "");
                n += 1;
            }
        }
        assert!(n > 100, "{n}");
        assert_eq!(title_of("basic_info", ""), "");
    }
}
