//! A loop for `perf record` (or valgrind's instruction count): `api::validate_text` over the 200 generated
//! valid forms (canonical form) — or, with `invalid` after the count, over the same forms with 10–25 findings
//! each (`tuiyi_benches::invalid_forms`), or with `generated` the same 200 forms as generated, not canonical
//! (`tuiyi_benches::generated_texts`: what `benches/batch_icount.sh` gives `tuiyi batch`) — no criterion
//! around it, so a profile shows only tuiyi.
//! `cargo build --release -p tuiyi-benches --example profile_validate && perf record -g target/release/examples/profile_validate 3000 [invalid|generated]`

#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

fn main() {
    let rounds = tuiyi_benches::rounds_arg(1);
    let engine = tuiyi_core::Engine::embedded().expect("embedded engine");
    let mode = std::env::args().nth(2);
    let texts: Vec<(String, _)> = if mode.as_deref() == Some("invalid") {
        tuiyi_benches::invalid_forms(&engine, &tuiyi_benches::canonical_valid_forms(&engine)).0
    } else if mode.as_deref() == Some("generated") {
        tuiyi_benches::generated_texts()
    } else {
        tuiyi_benches::canonical_valid_texts(&engine)
    };
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
    println!("{} forms, {valid} valid, {per:.2} µs per form", texts.len());
}
