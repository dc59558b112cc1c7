//! Shared helpers for the criterion benches (see benches/*.rs) and the examples.

use serde_json::Value;

const VALID: &str = include_str!("../tests/forms/generated/valid.jsonl");
const DEFECTS: &str = include_str!("../tests/forms/generated/defects.jsonl");

/// The 200 generated valid forms of `tests/forms/generated/valid.jsonl`, each in its canonical form (tuiyi's
/// `normalize`, so that the published schema, which describes only the canonical spelling, accepts it), with
/// the day it is valid on (its dates and the age checks depend on it). Panics if one is not valid.
pub fn canonical_valid_forms(
    engine: &tuiyi_core::Engine,
) -> Vec<(Value, Option<chrono::NaiveDate>)> {
    valid_cases()
        .map(|(case, today)| {
            let normalized = engine.normalize(&case["form"], today);
            assert!(normalized.report.valid, "{}", case["id"]);
            (normalized.form, today)
        })
        .collect()
}

/// [`canonical_valid_forms`] as compact JSON text (serde_json's), each with its day: what the examples that count
/// instructions (`profile_validate`, `parse_floor`, `utf16_loop`) read.
pub fn canonical_valid_texts(
    engine: &tuiyi_core::Engine,
) -> Vec<(String, Option<chrono::NaiveDate>)> {
    canonical_valid_forms(engine)
        .into_iter()
        .map(|(form, today)| (serde_json::to_string(&form).expect("text"), today))
        .collect()
}

/// The command line's argument `at` (1 for the first) as a number of rounds; 1,000 when it is absent or not a
/// number.
pub fn rounds_arg(at: usize) -> usize {
    std::env::args()
        .nth(at)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000)
}

/// Each generated valid case (`id`, `form`, `today` …) with its day.
fn valid_cases() -> impl Iterator<Item = (Value, Option<chrono::NaiveDate>)> {
    VALID.lines().filter(|l| !l.trim().is_empty()).map(|line| {
        let case: Value = serde_json::from_str(line).expect("jsonl");
        let today = case["today"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        (case, today)
    })
}

/// The generated valid forms as generated (not canonical: codes, short names, spaced numbers …), each as the
/// compact JSON text (serde_json's, keys sorted), with its `today`:
/// the lines `benches/batch_icount.sh` and `benches/all_faces.sh` give `tuiyi batch`.
pub fn generated_texts() -> Vec<(String, Option<chrono::NaiveDate>)> {
    valid_cases()
        .map(|(case, today)| (serde_json::to_string(&case["form"]).expect("text"), today))
        .collect()
}

/// `forms` (see [`canonical_valid_forms`]) with 10–25 findings each, as JSON text: the defects of
/// `tests/forms/generated/defects.jsonl` written into each form one after another (one defect per path, the
/// paths in a different order and a different defect of each for each form). Returns the forms and the mean
/// number of findings.
pub fn invalid_forms(
    engine: &tuiyi_core::Engine,
    forms: &[(Value, Option<chrono::NaiveDate>)],
) -> (Vec<(String, Option<chrono::NaiveDate>)>, f64) {
    // The defects' values (the value at each defect's path in its form), grouped by path.
    let mut by_path: Vec<(String, Vec<Value>)> = Vec::new();
    for line in DEFECTS.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("jsonl");
        let (Some(path), Some(value)) = (
            case["path"].as_str(),
            case["path"].as_str().and_then(|p| case["form"].pointer(p)),
        ) else {
            continue;
        };
        match by_path.iter_mut().find(|(p, _)| p == path) {
            Some((_, values)) => values.push(value.clone()),
            None => by_path.push((path.to_string(), vec![value.clone()])),
        }
    }
    let mut invalid = Vec::new();
    let mut findings = 0;
    for (i, (form, today)) in forms.iter().enumerate() {
        let order: Vec<(String, Value)> = (0..by_path.len())
            .map(|k| {
                let (path, values) = &by_path[(i * 7 + k) % by_path.len()];
                (path.clone(), values[(i + k) % values.len()].clone())
            })
            .collect();
        if let Some((bad, n)) = with_findings(engine, form, *today, &order, (10 + i % 6, 25)) {
            findings += n;
            invalid.push((serde_json::to_string(&bad).expect("text"), *today));
        }
    }
    let mean = findings as f64 / invalid.len().max(1) as f64;
    (invalid, mean)
}

/// `form` with the defect values of `defects` written in, one after another, until tuiyi reports at least
/// `min` findings (10 to 15, by form); a defect that would take it past `max` (25) is left out.
fn with_findings(
    engine: &tuiyi_core::Engine,
    form: &Value,
    today: Option<chrono::NaiveDate>,
    defects: &[(String, Value)],
    (min, max): (usize, usize),
) -> Option<(Value, usize)> {
    let mut form = form.clone();
    for (path, value) in defects {
        let Some((parent, key)) = path.rsplit_once('/') else {
            continue;
        };
        let Some(Value::Object(m)) = form.pointer_mut(parent) else {
            continue;
        };
        let before = m.insert(key.to_string(), value.clone());
        let r = engine.validate(&form, today);
        let n = r.errors.len() + r.warnings.len();
        if n > max {
            if let Some(Value::Object(m)) = form.pointer_mut(parent) {
                match before {
                    Some(v) => m.insert(key.to_string(), v),
                    None => m.remove(key),
                };
            }
        } else if n >= min {
            return Some((form, n));
        }
    }
    None
}
