//! The catalogue of every stable code tuiyi-core can produce, assembled from the tables each module
//! declares (`CODES`). `tuiyi codes` prints it; a test proves every code is produced by some shared vector
//! in `tests/vectors/`. This module sits at the top of the crate: it imports the modules, never the reverse.

use crate::code_info::CodeInfo;

/// Every code, in a stable order (area by area, as each module lists them).
pub fn catalogue() -> Vec<CodeInfo> {
    let tables: &[&[CodeInfo]] = &[
        crate::limits::CODES,
        crate::strict::CODES,
        crate::calendar::CODES,
        crate::pack::CODES,
        crate::eligibility::CODES,
        crate::materials::CODES,
        crate::deadlines::CODES,
        crate::plan::CODES,
        crate::form::CODES,
        crate::dispatch::CODES,
        crate::prereview::CODES,
    ];
    tables.iter().flat_map(|t| t.iter().copied()).collect()
}

/// Look a code up.
pub fn lookup(code: &str) -> Option<CodeInfo> {
    catalogue().into_iter().find(|c| c.code == code)
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
}
