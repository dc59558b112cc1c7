//! Shared helpers for the criterion benches (see benches/*.rs) and the examples.

use serde_json::Value;

const VALID: &str = include_str!("../tests/forms/generated/valid.jsonl");

/// The 200 generated valid forms of `tests/forms/generated/valid.jsonl`, each in its canonical form (tuiyi's
/// `normalize`, so that the published schema, which describes only the canonical spelling, accepts it), with
/// the day it is valid on (its dates and the age checks depend on it). Panics if one is not valid.
pub fn canonical_valid_forms(
    engine: &tuiyi_core::Engine,
) -> Vec<(Value, Option<chrono::NaiveDate>)> {
    VALID
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let case: Value = serde_json::from_str(line).expect("jsonl");
            let today = case["today"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let normalized = engine.normalize(&case["form"], today);
            assert!(normalized.report.valid, "{}", case["id"]);
            (normalized.form, today)
        })
        .collect()
}
