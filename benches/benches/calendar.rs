//! Calendar benches: is_working_day, add_working_days (n = 3, 15, 40), working_days_between over a year,
//! period_end. Target (issue 2 §8): add_working_days ≤ 100 ns median.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use tuiyi_core::Calendar;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn bench(c: &mut Criterion) {
    let cal = Calendar::embedded().expect("embedded calendar");
    c.bench_function("calendar/is_working_day", |b| {
        b.iter(|| cal.is_working_day(black_box(d(2024, 10, 12))))
    });
    for n in [3u32, 15, 40] {
        c.bench_function(&format!("calendar/add_working_days n={n}"), |b| {
            b.iter(|| cal.add_working_days(black_box(d(2024, 9, 30)), black_box(n)))
        });
    }
    c.bench_function("calendar/add_working_days across a year end n=40", |b| {
        b.iter(|| cal.add_working_days(black_box(d(2025, 12, 1)), black_box(40)))
    });
    c.bench_function("calendar/working_days_between one year", |b| {
        b.iter(|| cal.working_days_between(black_box(d(2025, 3, 14)), black_box(d(2026, 3, 14))))
    });
    c.bench_function("calendar/period_end 30 days extended", |b| {
        b.iter(|| cal.period_end(black_box(d(2024, 9, 1)), black_box(30)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
