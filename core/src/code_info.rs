//! A stable code with its Chinese and English message templates ([`CodeInfo`]), and how messages are
//! rendered from them ([`render`]).
//!
//! Every module declares the codes it raises as typed constants (`pub const X: CodeInfo = code(…)`) and lists
//! them in its `CODES` table; [`crate::catalogue`] assembles the tables at the top of the crate. Messages are
//! always built from these templates — never written inline, never keyed on message text, never parsed.
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
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
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

/// Fill `{name}` placeholders of `template` from `args`. Unknown placeholders are left as they are.
pub fn render(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    // `{` and `}` are ASCII: a byte search finds them, and slicing there stays on character boundaries.
    let find = |s: &str, b: u8| s.bytes().position(|c| c == b);
    while let Some(open) = find(rest, b'{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match find(after, b'}') {
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
    fn render_fills_placeholders() {
        assert_eq!(
            render("字段 {path} 缺失{x}", &[("path", "/a")]),
            "字段 /a 缺失{x}"
        );
    }
}
