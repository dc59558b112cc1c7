//! `tuiyi batch` holds a bounded amount of memory whatever its input (issue 18: peak RSS under 100 MB).
//! Its own test binary: `getrusage(RUSAGE_CHILDREN)` reports the largest child this process has waited for,
//! so no other test's child can be counted here.
#![cfg(target_os = "linux")]
// getrusage: one libc call, on a struct this test owns.
#![allow(unsafe_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Peak RSS limit, in KB.
const LIMIT_KB: i64 = 100 * 1024;

/// A temporary file, removed on drop.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn write_input(name: &str, text: &[u8]) -> TempFile {
    let path =
        std::env::temp_dir().join(format!("tuiyi-memory-{}-{name}.jsonl", std::process::id()));
    std::fs::write(&path, text).expect("write the input");
    TempFile(path)
}

/// Run `tuiyi batch FILE` to the end (reports discarded); returns the largest peak RSS (KB) of any child
/// waited for so far.
fn batch_peak_kb(file: &TempFile) -> i64 {
    let status = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
        .args(["batch", "--today", "2026-01-01"])
        .arg(&file.0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run tuiyi batch");
    assert!(status.code().is_some(), "tuiyi batch was killed");
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0, "getrusage");
    usage.ru_maxrss
}

#[test]
fn batch_memory_is_bounded_whatever_the_reports_weigh() {
    // 200,000 `{}` lines (600 KB): each gets a 650-byte report of missing fields. Checked a block at a time,
    // their reports alone took 130 MB.
    let empty = write_input("empty", &b"{}\n".repeat(200_000));
    let kb = batch_peak_kb(&empty);
    assert!(kb < LIMIT_KB, "200,000 `{{}}` lines: peak RSS {kb} KB");

    // 1,000,000 blank lines and then a form: the blank lines are inside the batch, so each is answered as a
    // bad line (about 300 bytes). Held and answered in one buffer, they took 300 MB.
    let mut text = b"\n".repeat(1_000_000);
    text.extend_from_slice(b"{}\n");
    let blank = write_input("blank", &text);
    let kb = batch_peak_kb(&blank);
    assert!(kb < LIMIT_KB, "1,000,000 blank lines: peak RSS {kb} KB");

    // Small lines, large reports: 5,000 forms of 200 empty family members (620 bytes, 403 findings, an 85 KB
    // report each), and 2,000 of 200 members with six unknown fields (7.6 KB, a 398 KB report). Chunks of many
    // such lines held their reports whole until written: 96 and 132 MB (with 64 and 256 KB chunks).
    let empty = format!("{{\"family_members\":[{}]}}\n", vec!["{}"; 200].join(","));
    let small = write_input("small", empty.repeat(5_000).as_bytes());
    let kb = batch_peak_kb(&small);
    assert!(
        kb < LIMIT_KB,
        "forms of 200 empty members: peak RSS {kb} KB"
    );
    let odd = r#"{"a":0,"b":0,"c":0,"d":0,"e":0,"f":0}"#;
    let six = format!("{{\"family_members\":[{}]}}\n", vec![odd; 200].join(","));
    let six = write_input("six", six.repeat(2_000).as_bytes());
    let kb = batch_peak_kb(&six);
    assert!(
        kb < LIMIT_KB,
        "forms of 200 members of six unknown fields: peak RSS {kb} KB"
    );

    // 20 forms of 200 family members with 200 unknown fields each (40,000 findings apiece, 520 KB): a report
    // lists at most 1,000 findings (`form_too_many_findings`). Uncapped, one such form's report held 100 MB.
    let member: String = (0..200)
        .map(|j| format!("\"k{j:03}\":\"x\""))
        .collect::<Vec<_>>()
        .join(",");
    let members = vec![format!("{{{member}}}"); 200].join(",");
    let line = format!("{{\"family_members\":[{members}]}}\n");
    let wide = write_input("wide", line.repeat(20).as_bytes());
    let kb = batch_peak_kb(&wide);
    assert!(
        kb < LIMIT_KB,
        "forms of 40,000 unknown fields: peak RSS {kb} KB"
    );

    // Forms of 49,600 one-key objects (lists of lists, within every limit: 99,500 values, 400 KB). While an
    // object was read its entries had room for 8 (512 bytes for one key): two such forms held, with their
    // texts and reports, 104 MB. Objects are now allocated at their size.
    let inner = format!("[{}]", vec!["{\"a\":0}"; 200].join(","));
    let line = format!(
        "{{\"x\":[{}],\"y\":[{}]}}\n",
        vec![inner.as_str(); 200].join(","),
        vec![inner.as_str(); 48].join(",")
    );
    let tiny = write_input("tiny", line.repeat(60).as_bytes());
    let kb = batch_peak_kb(&tiny);
    assert!(
        kb < LIMIT_KB,
        "forms of 49,600 one-key objects: peak RSS {kb} KB"
    );
    // The largest peak of the runs, for the log (`--nocapture`).
    eprintln!("tuiyi batch: largest peak RSS {kb} KB (limit {LIMIT_KB} KB)");
}
