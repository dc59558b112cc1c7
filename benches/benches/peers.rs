//! tuiyi against what a Rust user would otherwise use, side by side in one run (issue 18): the 200 generated valid
//! forms of `tests/forms/generated/valid.jsonl`, each in its canonical form (tuiyi's `normalize`, so that the JSON
//! Schema — which describes only the canonical spelling — accepts every one of them), as JSON text:
//!
//! - `tuiyi`: `api::validate_text` (parse, limits, structure, every rule and check: ID and USCC check characters,
//!   divisions, Luhn, amounts in capitals, cross-field rules);
//! - `serde_json+jsonschema`: `serde_json::from_str` into a `Value` + jsonschema-rs's `is_valid` with the form's
//!   published schema (structure and formats only);
//! - `serde_json`: the parse alone, for scale.
//!
//! Every iteration walks all 200 distinct forms (throughput = forms), so no single object stays hot in cache.
//! `cargo bench -p tuiyi-benches --bench peers -- --warm-up-time 2 --measurement-time 5`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;

const VALID: &str = include_str!("../../tests/forms/generated/valid.jsonl");

fn bench(c: &mut Criterion) {
    let engine = tuiyi_core::Engine::embedded().expect("embedded engine");
    let schema = engine.form_schema();
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the form schema compiles");
    let mut texts = Vec::new();
    for line in VALID.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("jsonl");
        // Each generated form is valid as of its own day (its dates and the age checks depend on it).
        let today = case["today"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let normalized = engine.normalize(&case["form"], today);
        assert!(normalized.report.valid, "{}", case["id"]);
        let form = normalized.form;
        assert!(
            validator.is_valid(&form),
            "the schema accepts {}",
            case["id"]
        );
        texts.push((serde_json::to_string(&form).expect("text"), today));
    }
    let n = texts.len() as u64;
    let mean = texts.iter().map(|(t, _)| t.len()).sum::<usize>() / texts.len();
    eprintln!("{n} distinct canonical forms, {mean} bytes on average");
    let mut group = c.benchmark_group("peers/valid_forms");
    group.throughput(Throughput::Elements(n));
    group.bench_function("tuiyi_validate_text", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|(t, today)| {
                    tuiyi_core::api::validate_text(&engine, black_box(t), *today)
                        .map(|r| r.valid)
                        .unwrap_or(false)
                })
                .count()
        })
    });
    group.bench_function("serde_json+jsonschema_is_valid", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|(t, _)| {
                    let v: Value = serde_json::from_str(black_box(t)).expect("json");
                    validator.is_valid(&v)
                })
                .count()
        })
    });
    group.bench_function("serde_json_parse_only", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|(t, _)| serde_json::from_str::<Value>(black_box(t)).is_ok())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
