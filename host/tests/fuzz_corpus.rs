//! Replays the `tape` fuzz target's seeds (fuzz/corpus/tape/*) on every `cargo test`.

use std::path::Path;

#[test]
fn replay_tape_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/tape");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.is_file());
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    for f in &files {
        if let Ok(data) = std::fs::read(f) {
            tuiyi_host::fuzzing::tape(&data);
        }
    }
    eprintln!("{} tape seeds replayed", files.len());
}
