//! Peak memory stays within a small multiple of the input (issue 14 item 7): the limits are enforced while
//! parsing, and the value budget keeps the tree of any accepted input small. Measured with a counting
//! allocator (deterministic, unlike RSS) — which needs `unsafe`, so the test lives with the workspace's
//! other unsafe code, in tuiyi-host.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let n = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(n, Ordering::Relaxed);
        // SAFETY: forwarded to the system allocator with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Peak bytes allocated while `f` runs, beyond what was allocated before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let r = f();
    (r, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

#[test]
fn hostile_documents_cost_a_small_multiple_of_their_size() {
    let engine = tuiyi_core::Engine::embedded().expect("engine");
    // Tables built once on first use (the form's tree, divisions, code tables) are not the input's cost.
    let form = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/form.json"
    ))
    .expect("form");
    let input = format!("{{\"form\":{form},\"today\":\"2025-06-01\"}}");
    tuiyi_core::api::run_str(&engine, "validate", &input).expect("warm-up");
    let four_mib = tuiyi_core::limits::MAX_JSON_BYTES;
    // 4 MiB of `[]` items (used to cost 134 MB): refused at item 201.
    let mut flat = String::with_capacity(four_mib);
    flat.push_str("{\"form\":[");
    while flat.len() < four_mib - 10 {
        flat.push_str("[],");
    }
    flat.push_str("[]]}");
    // The most values the limits allow in 4 MiB: lists of 200 lists of 200 zeros, as deep as needed.
    let inner = format!("[{}]", vec!["0"; 200].join(","));
    let mid = format!("[{}]", vec![inner.as_str(); 200].join(","));
    let mut wide = String::from("{\"form\":{\"x\":[");
    while wide.len() + mid.len() + 4 < four_mib {
        wide.push_str(&mid);
        wide.push(',');
    }
    wide.push_str("0]}}");
    for (name, text) in [("flat", &flat), ("wide", &wide)] {
        let (r, peak) = peak_of(|| tuiyi_core::api::run_str(&engine, "validate", text));
        let e = r.expect_err("refused");
        assert!(e.code.starts_with("input_"), "{name}: {}", e.code);
        assert!(
            peak <= 4 * text.len(),
            "{name}: {peak} bytes at peak for {} bytes of input ({}×)",
            text.len(),
            peak / text.len().max(1)
        );
        eprintln!(
            "{name}: {} bytes in, {peak} bytes at peak, {}",
            text.len(),
            e.code
        );
    }
    // The most objects the limits allow: 49,600 of one key each (99,500 values, 400 KB). Parsed objects are
    // allocated at their size. They used to have room for 8 entries (512 bytes for one key): by arithmetic,
    // 25 MB for these objects alone, 63× the text.
    let inner = format!("[{}]", vec!["{\"a\":0}"; 200].join(","));
    let tiny = format!(
        "{{\"form\":{{\"x\":[{}],\"y\":[{}]}}}}",
        vec![inner.as_str(); 200].join(","),
        vec![inner.as_str(); 48].join(",")
    );
    let (r, peak) = peak_of(|| tuiyi_core::api::run_str(&engine, "validate", &tiny));
    assert!(r.is_ok(), "{:?}", r.err());
    assert!(
        peak <= 16 * tiny.len(),
        "one-key objects: {peak} bytes at peak for {} bytes of input ({}×)",
        tiny.len(),
        peak / tiny.len().max(1)
    );
    eprintln!(
        "one-key objects: {} bytes in, {peak} bytes at peak",
        tiny.len()
    );
    // A real form: the tree is a small multiple of its text.
    let (r, peak) = peak_of(|| tuiyi_core::api::run_str(&engine, "validate", &input));
    assert!(r.is_ok());
    assert!(
        peak <= 20 * input.len(),
        "example form: {peak} bytes at peak for {}",
        input.len()
    );
    eprintln!(
        "example form: {} bytes in, {peak} bytes at peak",
        input.len()
    );
}
