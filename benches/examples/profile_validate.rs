//! A loop for `perf record`: `api::validate_text` over the 200 generated valid forms (canonical form), no
//! criterion around it, so a profile shows only tuiyi.
//! `cargo build --release -p tuiyi-benches --example profile_validate && perf record -g target/release/examples/profile_validate 3000`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let engine = tuiyi_core::Engine::embedded().expect("embedded engine");
    let texts: Vec<(String, _)> = tuiyi_benches::canonical_valid_forms(&engine)
        .into_iter()
        .map(|(form, today)| (serde_json::to_string(&form).expect("text"), today))
        .collect();
    let start = std::time::Instant::now();
    let mut valid = 0usize;
    for _ in 0..rounds {
        for (text, today) in &texts {
            if tuiyi_core::api::validate_text(&engine, std::hint::black_box(text), *today)
                .map(|r| r.valid)
                .unwrap_or(false)
            {
                valid += 1;
            }
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / (rounds * texts.len()) as f64;
    println!("{valid} valid, {per:.2} µs per form");
}
