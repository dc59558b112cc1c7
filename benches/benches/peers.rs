//! tuiyi against what a Rust user would otherwise use, side by side in one run (issue 18): the 200 generated valid
//! forms of `tests/forms/generated/valid.jsonl`, each in its canonical form (tuiyi's `normalize`, so that the JSON
//! Schema — which describes only the canonical spelling — accepts every one of them), as JSON text:
//!
//! - `tuiyi`: `api::validate_text` (parse, limits, structure, every rule and check: ID and USCC check characters,
//!   divisions, Luhn, amounts in capitals, cross-field rules);
//! - `serde_json+jsonschema`: `serde_json::from_str` into a `Value` + jsonschema-rs's `is_valid` with the form's
//!   published schema (structure and formats only);
//! - `serde_json+jsonschema_compiled`: the same with jsonschema-rs's compile-time validator (`#[validator]`,
//!   jsonschema 0.60.2 — jsonschema-macros is not published for 0.61), compiled from `schemas/form.schema.json`;
//! - `serde_json`: the parse alone, for scale; `simd_json`: simd-json's parse into its borrowed value (after the
//!   copy of the text it needs, since it parses in place), the floor for a text-to-verdict validator.
//!
//! `peers/invalid_forms`: the same forms, each with 10–25 findings (the defects of
//! `tests/forms/generated/defects.jsonl` written into it one after another): tuiyi's time for a form with
//! findings against its time for the valid forms (target ≤ 1.5×).
//!
//! Every iteration walks all 200 distinct forms (throughput = forms), so no single object stays hot in cache.
//! `cargo bench -p tuiyi-benches --bench peers -- --warm-up-time 2 --measurement-time 5`

#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;

/// jsonschema-rs's compile-time validator of the published form schema.
#[jsonschema_compiled::validator(
    path = "../schemas/form.schema.json",
    draft = Draft202012,
    validate_formats = true
)]
struct CompiledFormSchema;

fn bench(c: &mut Criterion) {
    let engine = tuiyi_core::Engine::embedded().expect("embedded engine");
    let schema = engine.form_schema();
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the form schema compiles");
    let forms = tuiyi_benches::canonical_valid_forms(&engine);
    for (form, _) in &forms {
        assert!(validator.is_valid(form), "the schema accepts every form");
        assert!(
            CompiledFormSchema::is_valid(form),
            "the compiled schema accepts every form"
        );
    }
    let texts: Vec<(String, _)> = forms
        .iter()
        .map(|(form, today)| (serde_json::to_string(form).expect("text"), *today))
        .collect();
    let (invalid, findings) = tuiyi_benches::invalid_forms(&engine, &forms);
    eprintln!(
        "{} forms with 10–25 findings ({:.1} on average)",
        invalid.len(),
        findings
    );
    let n = texts.len() as u64;
    let mean = texts.iter().map(|(t, _)| t.len()).sum::<usize>() / texts.len();
    eprintln!("{n} distinct canonical forms, {mean} bytes on average");
    let mut group = c.benchmark_group("peers/valid_forms");
    group.throughput(Throughput::Elements(n));
    // Each iteration reads every form once, in order; `check` says whether a form passed.
    fn each<'t>(
        texts: &'t [(String, Option<chrono::NaiveDate>)],
        check: impl Fn(&'t str, Option<chrono::NaiveDate>) -> bool,
    ) -> usize {
        texts
            .iter()
            .filter(|(t, today)| check(black_box(t), *today))
            .count()
    }
    let valid =
        |t: &str, today| tuiyi_core::api::validate_text(&engine, t, today).is_ok_and(|r| r.valid);
    group.bench_function("tuiyi_validate_text", |b| b.iter(|| each(&texts, valid)));
    group.bench_function("serde_json+jsonschema_is_valid", |b| {
        b.iter(|| {
            each(&texts, |t, _| {
                validator.is_valid(&serde_json::from_str::<Value>(t).expect("json"))
            })
        })
    });
    group.bench_function("serde_json+jsonschema_compiled_is_valid", |b| {
        b.iter(|| {
            each(&texts, |t, _| {
                CompiledFormSchema::is_valid(&serde_json::from_str::<Value>(t).expect("json"))
            })
        })
    });
    group.bench_function("simd_json_parse_only", |b| {
        b.iter(|| {
            each(&texts, |t, _| {
                let mut bytes = t.as_bytes().to_vec();
                let parsed = simd_json::to_borrowed_value(&mut bytes).is_ok();
                parsed
            })
        })
    });
    group.bench_function("serde_json_parse_only", |b| {
        b.iter(|| each(&texts, |t, _| serde_json::from_str::<Value>(t).is_ok()))
    });
    group.finish();

    let mut group = c.benchmark_group("peers/invalid_forms");
    group.throughput(Throughput::Elements(invalid.len() as u64));
    group.bench_function("tuiyi_validate_text", |b| {
        b.iter(|| {
            each(&invalid, |t, today| {
                tuiyi_core::api::validate_text(&engine, t, today).is_ok_and(|r| !r.valid)
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
