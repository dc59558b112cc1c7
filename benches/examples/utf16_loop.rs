//! A loop for valgrind's instruction count of the bindings' UTF-16 → UTF-8 encoder
//! (`tuiyi_host::utf16::ucs2_into`, what a Python `str` of two-byte storage and a JavaScript string go through):
//! the 200 canonical generated valid forms as JSON text, each encoded `rounds` times. `bash benches/utf16_icount.sh`.

#[global_allocator]
static GLOBAL: tuiyi_host::alloc::Mimalloc = tuiyi_host::alloc::Mimalloc;

fn main() {
    let rounds = tuiyi_benches::rounds_arg(1);
    let engine = tuiyi_core::Engine::embedded().expect("embedded engine");
    let units: Vec<Vec<u16>> = tuiyi_benches::canonical_valid_texts(&engine)
        .iter()
        .map(|(text, _)| text.encode_utf16().collect())
        .collect();
    let longest = units.iter().map(Vec::len).max().unwrap_or(0);
    let mut room = vec![std::mem::MaybeUninit::<u8>::uninit(); 3 * longest];
    let mut bytes = 0usize;
    for _ in 0..rounds {
        for u in &units {
            bytes += tuiyi_host::utf16::ucs2_into(std::hint::black_box(u), &mut room)
                .map_or(0, |s| s.len());
        }
    }
    println!("{} forms, {bytes} bytes", units.len());
}
