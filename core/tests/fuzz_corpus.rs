//! Replays every fuzz seed and every past crash (fuzz/corpus/<target>/*, fuzz/regressions/<target>-*)
//! through the same entry points the cargo-fuzz targets use, on every `cargo test`.

use std::path::Path;

use tuiyi_core::fuzzing;

type Entry = fn(&[u8]);

const TARGETS: &[(&str, Entry)] = &[
    ("validate_json", fuzzing::validate_json),
    ("plan_json", fuzzing::plan_json),
    ("materials_json", fuzzing::materials_json),
    ("date_parse", fuzzing::date_parse),
    ("calendar_load", fuzzing::calendar_load),
    ("rules_load", fuzzing::rules_load),
];

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    v.retain(|p| p.is_file());
    v.sort();
    v
}

#[test]
fn replay_corpora_and_regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut ran = 0;
    for (name, entry) in TARGETS {
        let seeds = files(&root.join("corpus").join(name));
        assert!(!seeds.is_empty(), "no seeds for fuzz target {name}");
        for f in seeds {
            let data = match std::fs::read(&f) {
                Ok(d) => d,
                // A fuzzer running at the same time replaces seeds as it minimises them.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("read seed {}: {e}", f.display()),
            };
            entry(&data);
            ran += 1;
        }
        for f in files(&root.join("regressions")) {
            let fname = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if fname.starts_with(&format!("{name}-")) {
                let data = std::fs::read(&f).expect("read regression");
                entry(&data);
                ran += 1;
            }
        }
    }
    assert!(ran > 0);
}
