//! `plan` on the shipped example application (examples/applicant.json): target ≤ 20 µs median.
//! Also `required_materials` and `check_eligibility` alone.
//!
//!     cargo bench -p tuiyi-benches --bench plan -- --warm-up-time 1 --measurement-time 3

/// The allocator every face of tuiyi ships with (CLI, Python wheel, Node addon): measure what users get.
#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use tuiyi_core::types::Application;
use tuiyi_core::Engine;

fn bench(c: &mut Criterion) {
    let engine = Engine::embedded().expect("embedded engine");
    let text = include_str!("../../examples/applicant.json");
    let app: Application = serde_json::from_str(text).expect("example application");
    c.bench_function("plan (typed)", |b| {
        b.iter(|| black_box(engine.plan(black_box(&app))))
    });
    let json: serde_json::Value = serde_json::from_str(text).expect("json");
    c.bench_function("plan (api::run, JSON in and out)", |b| {
        b.iter(|| black_box(tuiyi_core::api::run(&engine, "plan", black_box(&json))))
    });
    c.bench_function("required_materials", |b| {
        b.iter(|| black_box(engine.required_materials(black_box(&app.situation))))
    });
    c.bench_function("check_eligibility", |b| {
        b.iter(|| black_box(engine.check_eligibility(black_box(&app.applicant))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
