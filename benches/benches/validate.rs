//! `validate` of the complete example form (examples/form.json): from a parsed `Value` (target ≤ 10 µs
//! median, issue 3 §7), from a parsed `Doc` (the borrowed tree `tuiyi batch` and text input use), and
//! from JSON text (parse included) both ways.
//! `cargo bench -p tuiyi-benches --bench validate -- --warm-up-time 1 --measurement-time 3`

/// The allocator every face of tuiyi ships with (CLI, Python wheel, Node addon): measure what users get.
#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;

const FORM: &str = include_str!("../../examples/form.json");

fn bench(c: &mut Criterion) {
    let engine = tuiyi_core::Engine::embedded().expect("embedded engine");
    let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 15);
    let form: Value = serde_json::from_str(FORM).expect("example form");
    // Warm the schema tree once (built lazily on first use).
    let _ = engine.validate(&form, today);
    c.bench_function("validate/value", |b| {
        b.iter(|| engine.validate(black_box(&form), today))
    });
    let doc = tuiyi_core::parse::parse(FORM).expect("example form");
    c.bench_function("validate/doc", |b| {
        b.iter(|| engine.validate_doc(black_box(&doc), today))
    });
    c.bench_function("validate/text_doc", |b| {
        b.iter(|| {
            let d = tuiyi_core::parse::parse(black_box(FORM)).expect("json");
            engine.validate_doc(&d, today)
        })
    });
    c.bench_function("parse/doc", |b| {
        b.iter(|| tuiyi_core::parse::parse(black_box(FORM)).map(|d| d.is_string()))
    });
    // Linear in the input (issue 6): the same form with 1, 50 and 200 family members (the list limit),
    // and with 10 and 150 unknown keys in one section (each a finding; 200 keys is the object limit). Time per item should stay flat.
    let mut group = c.benchmark_group("validate/scaling");
    let mut cases: Vec<(String, usize, Value)> = Vec::new();
    for n in [1usize, 50, 200] {
        let mut f = form.clone();
        let member = f["family_members"][0].clone();
        f["family_members"] = Value::Array(vec![member; n]);
        cases.push((format!("family_members={n}"), n, f));
    }
    for n in [10usize, 150] {
        let mut f = form.clone();
        for i in 0..n {
            f["other_info"][format!("unknown_key_{i}")] = Value::from("x");
        }
        cases.push((format!("unknown_keys={n}"), n, f));
    }
    for (name, n, f) in cases {
        let text = serde_json::to_string(&f).expect("text");
        group.throughput(criterion::Throughput::Elements(n as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let d = tuiyi_core::parse::parse(black_box(&text)).expect("json");
                engine.validate_doc(&d, today)
            })
        });
    }
    group.finish();
    c.bench_function("validate/text", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(FORM)).expect("json");
            engine.validate(&v, today)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
