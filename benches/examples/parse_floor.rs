//! What each stage of `api::validate_text` costs, beside the floor of any text-based validator: the 200
//! generated valid forms (canonical form, as `profile_validate` uses) read N times by one of
//!   `ignored`  serde_json skipping the text (`IgnoredAny`: syntax and string scanning, nothing built)
//!   `tape`     simd-json's tape (`to_tape`, on a copy of the text: it parses in place)
//!   `borrowed` simd-json's borrowed value (`to_borrowed_value`, on a copy): the peer of issue 18's target
//!   `jsc`      serde_json into a `Value` + jsonschema-rs's compile-time validator (`is_valid`): the peer of
//!              issue 18's ÷ 0.5 target (as `benches/benches/peers.rs` measures it)
//!   `jsc_tree` the same validator on `Value`s parsed beforehand (its checks alone)
//!   `parse`    tuiyi's parse into a `Doc` (and its drop)
//!   `doc`      `Engine::validate_doc` of forms parsed beforehand (walk, canonical test, cross-field checks)
//!   `text`     `api::validate_text` (all of it)
//! For valgrind's instruction count (`bash benches/stages.sh` runs each twice and prints the difference per
//! form) and for a plain timing (µs per form, printed).
//!   cargo build --release -p tuiyi-benches --example parse_floor && target/release/examples/parse_floor text 1000

#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

/// jsonschema-rs's compile-time validator of the published form schema (as in `benches/benches/peers.rs`).
#[jsonschema_compiled::validator(
    path = "../schemas/form.schema.json",
    draft = Draft202012,
    validate_formats = true
)]
struct CompiledFormSchema;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "text".into());
    let rounds = tuiyi_benches::rounds_arg(2);
    let engine = tuiyi_core::Engine::embedded().expect("embedded engine");
    let texts = tuiyi_benches::canonical_valid_texts(&engine);
    let docs: Vec<_> = texts
        .iter()
        .map(|(t, _)| tuiyi_core::parse::parse(t).expect("parse"))
        .collect();
    let values: Vec<serde_json::Value> = texts
        .iter()
        .map(|(t, _)| serde_json::from_str(t).expect("json"))
        .collect();
    assert!(values.iter().all(CompiledFormSchema::is_valid));
    let mut copies: Vec<Vec<u8>> = texts.iter().map(|(t, _)| t.as_bytes().to_vec()).collect();
    let start = std::time::Instant::now();
    let mut ok = 0usize;
    for _ in 0..rounds {
        match mode.as_str() {
            "ignored" => {
                for (t, _) in &texts {
                    let r: Result<serde::de::IgnoredAny, _> =
                        serde_json::from_str(std::hint::black_box(t));
                    ok += usize::from(r.is_ok());
                }
            }
            "tape" => {
                for (c, (t, _)) in copies.iter_mut().zip(&texts) {
                    c.copy_from_slice(t.as_bytes());
                    ok += usize::from(simd_json::to_tape(std::hint::black_box(c)).is_ok());
                }
            }
            "borrowed" => {
                for (c, (t, _)) in copies.iter_mut().zip(&texts) {
                    c.copy_from_slice(t.as_bytes());
                    let v = simd_json::to_borrowed_value(std::hint::black_box(c));
                    ok += usize::from(v.is_ok());
                }
            }
            "jsc" => {
                for (t, _) in &texts {
                    let v: serde_json::Value =
                        serde_json::from_str(std::hint::black_box(t)).expect("json");
                    ok += usize::from(CompiledFormSchema::is_valid(&v));
                }
            }
            "jsc_tree" => {
                for v in &values {
                    ok += usize::from(CompiledFormSchema::is_valid(std::hint::black_box(v)));
                }
            }
            "parse" => {
                for (t, _) in &texts {
                    ok += usize::from(tuiyi_core::parse::parse(std::hint::black_box(t)).is_ok());
                }
            }
            "doc" => {
                for (d, (_, today)) in docs.iter().zip(&texts) {
                    ok += usize::from(engine.validate_doc(std::hint::black_box(d), *today).valid);
                }
            }
            _ => {
                for (t, today) in &texts {
                    ok += usize::from(
                        tuiyi_core::api::validate_text(&engine, std::hint::black_box(t), *today)
                            .map(|r| r.valid)
                            .unwrap_or(false),
                    );
                }
            }
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / (rounds * texts.len()) as f64;
    println!(
        "{} forms, {mode}: {ok} ok, {per:.2} µs per form",
        texts.len()
    );
}
