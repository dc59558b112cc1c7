//! The catalogue of every stable code tuiyi can produce, with its Chinese and English message templates.
//!
//! One table per area (input, calendar, rules, eligibility, form, prereview…), each owned by its module and
//! concatenated here. Messages are always built from these templates with [`render`] — never written
//! inline, never keyed on message text. `tuiyi codes` prints [`catalogue`]; a test proves every code is
//! produced by some shared vector in `tests/vectors/`.
//!
//! Templates use `{name}` placeholders filled by [`render`]. Values quoted into a message must already be
//! masked (see [`crate::mask`]).

use serde::Serialize;

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks: the input is wrong / the applicant is not eligible / the form is invalid.
    Error,
    /// Does not block, but a clerk should look (e.g. a Luhn failure on a bank card).
    Warning,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CodeInfo {
    /// Stable snake_case code.
    pub code: &'static str,
    /// Which part of tuiyi produces it: `input`, `calendar`, `rules`, `eligibility`, `plan`, `form`, `prereview`.
    pub area: &'static str,
    pub severity: Severity,
    /// Chinese message template (`{placeholders}`).
    pub template_zh: &'static str,
    /// English message template.
    pub template_en: &'static str,
    /// Where the rule comes from (clause of the seed, law, national standard); "" for plain input errors.
    pub rule: &'static str,
}

/// Shorthand for building tables.
pub const fn code(
    code: &'static str,
    area: &'static str,
    severity: Severity,
    template_zh: &'static str,
    template_en: &'static str,
    rule: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        area,
        severity,
        template_zh,
        template_en,
        rule,
    }
}

/// Every code, in a stable order (area by area, as each module lists them).
pub fn catalogue() -> Vec<CodeInfo> {
    let tables: &[&[CodeInfo]] = &[
        crate::input::CODES,
        crate::calendar::CODES,
        crate::rules::CODES,
        crate::eligibility::CODES,
        crate::plan::CODES,
        crate::form::CODES,
        crate::dispatch::CODES,
        crate::prereview::CODES,
        crate::api::CODES,
    ];
    tables.iter().flat_map(|t| t.iter().copied()).collect()
}

/// Look a code up.
pub fn lookup(code: &str) -> Option<CodeInfo> {
    catalogue().into_iter().find(|c| c.code == code)
}

/// Fill `{name}` placeholders of `template` from `args`. Unknown placeholders are left as they are.
pub fn render(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Render both messages of `info`.
pub fn messages(info: &CodeInfo, args: &[(&str, &str)]) -> (String, String) {
    (
        render(info.template_zh, args),
        render(info.template_en, args),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let all = catalogue();
        let mut seen = std::collections::BTreeSet::new();
        for c in &all {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(
                c.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "code not snake_case: {}",
                c.code
            );
            assert!(
                !c.template_zh.is_empty() && !c.template_en.is_empty(),
                "{}",
                c.code
            );
        }
    }

    #[test]
    fn render_fills_placeholders() {
        assert_eq!(
            render("字段 {path} 缺失{x}", &[("path", "/a")]),
            "字段 /a 缺失{x}"
        );
    }
}
