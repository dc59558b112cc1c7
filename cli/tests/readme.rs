//! The README's command-line examples cannot rot: every `$ tuiyi …` line inside a ```console block of the
//! `cli` and `form` sections is run from the repository root, and its output (stdout, then stderr) must equal the lines
//! shown under it, up to the next `$` line or the end of the block.

use std::path::Path;
use std::process::Command;

struct Example {
    args: Vec<String>,
    expected: String,
}

/// Split a command line into words: whitespace-separated, with '…' and "…" quoting (no escapes).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The examples of the README sections whose console blocks are run: the command line and the form.
fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    for name in ["cli", "form"] {
        out.extend(section_examples(readme, name));
    }
    out
}

fn section_examples(readme: &str, name: &str) -> Vec<Example> {
    let start = readme
        .find(&format!("<!-- section:{name} "))
        .unwrap_or_else(|| panic!("README has a {name} section"));
    let end = readme[start..]
        .find(&format!("<!-- /section:{name} -->"))
        .map(|e| start + e)
        .unwrap_or_else(|| panic!("{name} section closed"));
    let section = &readme[start..end];
    let mut out: Vec<Example> = Vec::new();
    let mut in_block = false;
    for line in section.lines() {
        let t = line.trim_end();
        if !in_block {
            in_block = t == "```console";
            continue;
        }
        if t == "```" {
            in_block = false;
            continue;
        }
        if let Some(cmd) = t.strip_prefix("$ ") {
            let w = words(cmd);
            assert_eq!(
                w.first().map(String::as_str),
                Some("tuiyi"),
                "README console lines must run tuiyi: {t}"
            );
            out.push(Example {
                args: w[1..].to_vec(),
                expected: String::new(),
            });
        } else if let Some(ex) = out.last_mut() {
            ex.expected.push_str(t);
            ex.expected.push('\n');
        } else {
            panic!("output line before any command in a console block: {t}");
        }
    }
    out
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words("tuiyi a  'b c' \"d\" ''"),
        ["tuiyi", "a", "b c", "d", ""]
    );
}

#[test]
fn readme_cli_examples_run_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root");
    // Until the calendar lands on main, its placeholder answers "not implemented": skip, then run in full.
    let probe = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
        .args(["workday", "is", "2024-10-01"])
        .output()
        .expect("run tuiyi");
    if String::from_utf8_lossy(&probe.stderr).contains("not implemented") {
        eprintln!("skipped: the calendar is not implemented yet");
        return;
    }
    let readme = std::fs::read_to_string(root.join("README.md")).expect("read README.md");
    let all = examples(&readme);
    assert!(all.len() >= 5, "the cli section shows examples");
    let mut failures = Vec::new();
    for ex in &all {
        let out = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
            .args(&ex.args)
            .current_dir(root)
            .env_remove("TUIYI_RULES_DIR")
            .env_remove("TUIYI_CALENDAR_DIR")
            .output()
            .expect("run tuiyi");
        let got = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if got != ex.expected {
            failures.push(format!(
                "$ tuiyi {}\n--- README shows:\n{}--- tuiyi printed:\n{}",
                ex.args.join(" "),
                ex.expected,
                got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
