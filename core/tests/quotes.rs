//! Every `quote` of every rule pack is verbatim in the seed and sits at the clause its label names
//! (`scripts/check_quotes.py`, run here so `cargo test` enforces it). The seed is the pack's `source.txt`
//! (rules/shanxi/source.txt, 晋退役军人发〔2024〕17号). Also proves the checker catches what it is for: a quote
//! labelled with the wrong clause, a quote cut mid-sentence, words not in the seed.
//!
//! Needs python3; without it the test says so and passes (the checker has no other implementation).

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: python3 is not installed, so scripts/check_quotes.py cannot run");
    }
    ok.then_some("python3")
}

fn check(args: &[&str]) -> (bool, String) {
    let o = Command::new("python3")
        .arg(repo().join("scripts/check_quotes.py"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run check_quotes.py");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), text)
}

#[test]
fn every_quote_is_in_the_seed_at_its_clause() {
    if python().is_none() {
        return;
    }
    let (ok, out) = check(&[]);
    assert!(ok, "scripts/check_quotes.py:\n{out}");
    assert!(out.contains("every quote"), "{out}");
}

#[test]
fn the_checker_catches_wrong_labels_cut_and_changed_quotes() {
    if python().is_none() {
        return;
    }
    let tmp = std::env::temp_dir().join(format!("tuiyi-quotes-{}", std::process::id()));
    let pack = tmp.join("shanxi");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&pack).expect("temp pack dir");
    let src = repo().join("rules/shanxi");
    for e in std::fs::read_dir(&src).expect("rules/shanxi").flatten() {
        std::fs::copy(e.path(), pack.join(e.file_name())).expect("copy pack file");
    }
    let edit = |file: &str, from: &str, to: &str| {
        let p = pack.join(file);
        let t = std::fs::read_to_string(&p).expect("read");
        assert!(t.contains(from), "{file}: {from}");
        std::fs::write(&p, t.replacen(from, to, 1)).expect("write");
    };
    // The label items.json had before issue 13: 条例第十三条 is quoted in 八(四)1, not 八(九)1.
    edit(
        "items.json",
        r#""clause": "八(四)1", "law": "《退役士兵安置条例》第十三条""#,
        r#""clause": "八(九)1", "law": "《退役士兵安置条例》第十三条""#,
    );
    // The quote dispatch.json had: cut at a page break, mid-word.
    edit(
        "dispatch.json",
        "进行审核,确认无误后进行社会保险登记。",
        "进行审",
    );
    // A paraphrase.
    edit(
        "pack.json",
        "山西省军人退役“一件事”所有服务事项免费。\"\n    }",
        "山西省军人退役“一件事”全部免费。\"\n    }",
    );
    let (ok, out) = check(&["--rules", tmp.to_str().expect("utf-8 temp path")]);
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(!ok, "the checker passed a broken pack:\n{out}");
    assert!(
        out.contains("items.json#/0/deadline/provenance/quote: clause '八(九)1' but the quote sits in 八(四)1"),
        "{out}"
    );
    assert!(
        out.contains("dispatch.json#/departments/2/provenance/quote: cut mid-sentence"),
        "{out}"
    );
    assert!(
        out.contains("pack.json#/fees/provenance/quote: not verbatim in the seed"),
        "{out}"
    );
    assert!(out.contains("3 problem(s)"), "{out}");
}
