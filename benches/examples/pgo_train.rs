//! The training run of the benches' profile-guided build (`bash scripts/pgo.sh bench`): every form of the
//! JSONL files given (scripts/pgo_train.py's forms, not the benches'), as written and in its canonical form
//! (made once by `Engine::normalize`), through `api::validate_text`, three times.
//!   target/pgo/gen-bench/release/examples/pgo_train target/pgo/train/valid.jsonl target/pgo/train/defective.jsonl

#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = tuiyi_core::Engine::embedded()?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    let mut texts = Vec::new();
    for file in std::env::args().skip(1) {
        for line in std::fs::read_to_string(&file)?.lines() {
            if line.trim().is_empty() {
                continue;
            }
            let form: serde_json::Value = serde_json::from_str(line)?;
            let canonical = engine.normalize(&form, today).form;
            texts.push(line.to_string());
            texts.push(serde_json::to_string(&canonical)?);
        }
    }
    let (mut valid, mut checked) = (0usize, 0usize);
    for _ in 0..3 {
        for text in &texts {
            if let Ok(r) = tuiyi_core::api::validate_text(&engine, text, today) {
                valid += usize::from(r.valid);
            }
            checked += 1;
        }
    }
    println!("{checked} forms checked, {valid} valid");
    Ok(())
}
