//! End-to-end tests of the `tuiyi` binary: every subcommand, exit codes, stdin, output modes, bad files,
//! `--calendar DIR`, batch order and summary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
    /// Each line of stdout as JSON (`batch` answers one line per input line).
    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("line not JSON ({e}): {l}")))
            .collect()
    }
    /// The one stderr line of a failed command, checked for the `错误 [code]` shape.
    fn error_code(&self) -> String {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert!(!lines.is_empty(), "no error on stderr");
        let first = lines[0];
        assert!(first.starts_with("错误 ["), "error line: {first}");
        first["错误 [".len()..]
            .split(']')
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn tuiyi_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tuiyi"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("TUIYI_RULES_DIR")
        .env_remove("TUIYI_CALENDAR_DIR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn tuiyi");
    // Feed stdin from another thread: the command writes output while it still reads input.
    let feeder = stdin.map(|bytes| {
        let mut w = child.stdin.take().expect("stdin");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            // The command may exit before reading its input (e.g. a bad argument): a closed pipe is fine.
            let _ = w.write_all(&bytes);
        })
    });
    let o = child.wait_with_output().expect("wait tuiyi");
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Out {
        code: o.status.code().expect("exit code (no signal)"),
        stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
    }
}

fn tuiyi(args: &[&str]) -> Out {
    tuiyi_in(&root(), args, None)
}

fn tuiyi_stdin(args: &[&str], stdin: &[u8]) -> Out {
    tuiyi_in(&root(), args, Some(stdin))
}

/// A fresh temporary directory (or a file in one) for one test, removed with everything in it when the test
/// is done with it (some hold hundreds of megabytes).
struct Temp {
    path: PathBuf,
    dir: PathBuf,
}

impl std::ops::Deref for Temp {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.path
    }
}

impl AsRef<Path> for Temp {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<std::ffi::OsStr> for Temp {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.path.as_os_str()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn temp_dir(tag: &str) -> Temp {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "tuiyi-cli-test-{}-{tag}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    Temp {
        path: d.clone(),
        dir: d,
    }
}

fn temp_file(tag: &str, name: &str, bytes: &[u8]) -> Temp {
    let mut t = temp_dir(tag);
    t.path = t.dir.join(name);
    std::fs::write(&t.path, bytes).expect("write temp file");
    t
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// Whether the operation behind `args` is implemented yet (the core's placeholders answer
/// `internal_error` "… not implemented"). Tests of operations still being written elsewhere skip
/// themselves until the work lands on main, then run in full with no edit.
fn landed(args: &[&str]) -> bool {
    let o = tuiyi(args);
    let stub = (o.code == 2 && o.stderr.contains("not implemented"))
        || (o.code == 0 && ["", "null", "[]", "{}"].contains(&o.stdout.trim()));
    if stub {
        eprintln!("skipped: `tuiyi {}` is not implemented yet", args.join(" "));
    }
    !stub
}

// ---------------------------------------------------------------- bad input, exit 2

#[test]
fn missing_file_is_exit_2_file_unreadable() {
    for cmd in [
        "eligibility",
        "materials",
        "plan",
        "validate",
        "dispatch",
        "prereview",
        "batch",
    ] {
        let o = tuiyi(&[cmd, "no/such/file.json"]);
        assert_eq!(o.code, 2, "{cmd}: {}", o.stderr);
        assert_eq!(o.error_code(), "file_unreadable", "{cmd}");
        assert_eq!(o.stderr.lines().count(), 1, "{cmd}: one line: {}", o.stderr);
        assert!(o.stderr.contains("文件不存在") && o.stderr.contains("no such file"));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn invalid_utf8_is_exit_2_input_not_utf8() {
    let f = temp_file("utf8", "gbk.json", b"{\"name\": \"\xd5\xc5\xc8\xfd\"}");
    for cmd in ["eligibility", "materials", "plan", "validate", "dispatch"] {
        let o = tuiyi(&[cmd, s(&f)]);
        assert_eq!(o.code, 2, "{cmd}");
        assert_eq!(o.error_code(), "input_not_utf8");
        assert!(o.stderr.contains("UTF-8"));
    }
    let o = tuiyi_stdin(&["validate", "-"], b"\xff\xfe{}");
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "input_not_utf8");
    assert!(o.stderr.contains("(stdin)"));
}

#[test]
fn invalid_json_is_exit_2_json_syntax() {
    let f = temp_file("json", "bad.json", b"{\"a\": 1,,}");
    for cmd in ["eligibility", "materials", "plan", "validate", "dispatch"] {
        let o = tuiyi(&[cmd, s(&f)]);
        assert_eq!(o.code, 2, "{cmd}");
        assert_eq!(o.error_code(), "json_syntax");
        assert!(o.stderr.contains("line 1"), "{}", o.stderr);
    }
    let o = tuiyi_stdin(&["eligibility", "-"], b"");
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "json_syntax");
}

#[test]
fn a_utf8_bom_is_accepted() {
    let o = tuiyi_stdin(
        &["validate", "-", "--today", "2025-01-01"],
        b"\xEF\xBB\xBF{}",
    );
    assert_ne!(o.code, 2, "{}", o.stderr);
    assert!(o.json().get("valid").is_some());
}

#[test]
fn unknown_field_is_exit_2_with_its_path() {
    let o = tuiyi_stdin(&["eligibility", "-"], br#"{"no_such_field_here": 1}"#);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(o.error_code(), "unknown_field");
    assert!(o.stderr.contains("/no_such_field_here"), "{}", o.stderr);
}

#[test]
fn json_errors_prints_the_error_object() {
    let o = tuiyi(&["--json-errors", "plan", "no/such/file.json"]);
    assert_eq!(o.code, 2);
    let e: Value = serde_json::from_str(o.stderr.trim()).expect("error JSON");
    assert_eq!(e["code"], "file_unreadable");
    assert_eq!(e["kind"], "bad_input");
    assert_eq!(e["path"], "");
    assert!(e["message"].as_str().unwrap_or("").contains("文件不存在"));
    assert!(e["message_en"]
        .as_str()
        .unwrap_or("")
        .contains("no such file"));
}

#[test]
fn argument_errors_are_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["workday"],
        &["workday", "add", "2024-09-30"],
        &["period", "2024-09-30"],
        &["validate"],
        &["plan", "a.json", "--pretty", "--text"],
        &["rules"],
    ] {
        let o = tuiyi(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    let o = tuiyi(&["frobnicate"]);
    assert_eq!(o.error_code(), "argument_invalid");
}

#[test]
fn help_and_version_are_exit_0() {
    let o = tuiyi(&["--help"]);
    assert_eq!(o.code, 0);
    for sub in [
        "workday",
        "period",
        "eligibility",
        "materials",
        "plan",
        "validate",
        "dispatch",
        "prereview",
        "schema",
        "guide",
        "rules",
        "codes",
        "batch",
    ] {
        assert!(o.stdout.contains(sub), "help lists {sub}");
    }
    assert!(o.stdout.contains("--calendar") && o.stdout.contains("--rules"));
    let o = tuiyi(&["--version"]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.starts_with("tuiyi "));
}

#[test]
fn bad_arguments_name_the_argument() {
    let o = tuiyi(&["workday", "add", "2024-09-30", "x"]);
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "wrong_type");
    assert!(o.stderr.starts_with("错误 [wrong_type] N:"), "{}", o.stderr);
    let o = tuiyi(&["workday", "is", "2024/09/30"]);
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "date_format");
    assert!(
        o.stderr.starts_with("错误 [date_format] DATE:"),
        "{}",
        o.stderr
    );
    let o = tuiyi(&["workday", "is", "２０２４－０９－３０"]);
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "date_full_width");
    let o = tuiyi_stdin(&["validate", "-", "--today", "2025-13-01"], b"{}");
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--today"), "{}", o.stderr);
    let o = tuiyi_stdin(&["batch", "-", "--today", "tomorrow"], b"{}\n");
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--today"), "{}", o.stderr);
}

// ---------------------------------------------------------------- codes, schema, guide, conflicts

#[test]
fn codes_lists_every_code_with_both_templates() {
    let o = tuiyi(&["codes"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let all = o.json();
    let all = all.as_array().expect("array");
    for c in all {
        for k in ["code", "area", "severity", "template_zh", "template_en"] {
            assert!(c[k].as_str().is_some_and(|x| !x.is_empty()), "{k} of {c}");
        }
    }
    for code in [
        "file_unreadable",
        "input_not_utf8",
        "argument_invalid",
        "output_unwritable",
        "json_syntax",
        "unknown_field",
    ] {
        assert!(all.iter().any(|c| c["code"] == code), "{code} listed");
    }
    let text = tuiyi(&["codes", "--text"]);
    assert_eq!(text.code, 0);
    assert!(text.stdout.contains("file_unreadable") && text.stdout.contains("中文："));
    let pretty = tuiyi(&["codes", "--pretty"]);
    assert!(pretty.stdout.contains("\n  "));
    assert_eq!(pretty.json(), o.json());
}

#[test]
fn bare_schema_is_the_form_schema() {
    if !landed(&["schema"]) {
        return;
    }
    let o = tuiyi(&["schema"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v = o.json();
    assert!(
        v["$schema"].as_str().unwrap_or("").contains("2020-12"),
        "{v}"
    );
    assert!(!o.stdout.contains("\\\\d"), "no \\d in patterns");
}

#[test]
fn named_schemas_and_unknown_name() {
    if !landed(&["schema", "situation"]) {
        return;
    }
    for name in ["situation", "applicant", "application", "plan"] {
        let o = tuiyi(&["schema", name]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        assert!(o.json().is_object());
    }
    let o = tuiyi(&["schema", "no_such_schema"]);
    assert_eq!(o.code, 2);
}

#[test]
fn guide_is_markdown() {
    if !landed(&["guide"]) {
        return;
    }
    let o = tuiyi(&["guide"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.starts_with('#'), "Markdown heading first");
    assert!(o.stdout.contains("退役报到"));
}

#[test]
fn rules_conflicts_lists_the_recorded_conflicts() {
    if !landed(&["rules", "conflicts"]) {
        return;
    }
    let o = tuiyi(&["rules", "conflicts"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v = o.json();
    assert!(v.as_array().is_some_and(|a| a.len() >= 4), "{v}");
    let t = tuiyi(&["rules", "conflicts", "--text"]);
    assert_eq!(t.code, 0);
    assert!(t.stdout.contains("1. "));
}

// ---------------------------------------------------------------- workday, period, --calendar

#[test]
fn workday_contract() {
    if !landed(&["workday", "is", "2024-10-01"]) {
        return;
    }
    let o = tuiyi(&["workday", "add", "2024-09-30", "3"]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "2024-10-10\n"),
        "{}",
        o.stderr
    );
    let o = tuiyi(&["workday", "is", "2024-10-01"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "false\n"));
    let o = tuiyi(&["workday", "is", "2024-09-29"]); // 调休 Sunday, worked
    assert_eq!((o.code, o.stdout.as_str()), (0, "true\n"));
    let o = tuiyi(&["workday", "count", "2024-09-30", "2024-10-10"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "3\n"));
    // The bare value whatever the output mode.
    let o = tuiyi(&["workday", "add", "2024-09-30", "3", "--pretty"]);
    assert_eq!(o.stdout, "2024-10-10\n");
}

#[test]
fn period_contract() {
    if !landed(&["workday", "is", "2024-10-01"]) {
        return;
    }
    let o = tuiyi(&["period", "2024-01-18", "30"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.json(),
        json!({"raw_end": "2024-02-17", "end": "2024-02-18", "extended": true})
    );
    assert_eq!(o.stdout.lines().count(), 1, "compact by default");
    let p = tuiyi(&["period", "2024-01-18", "30", "--pretty"]);
    assert!(p.stdout.lines().count() > 1);
    assert_eq!(p.json(), o.json());
    let t = tuiyi(&["period", "2024-01-18", "30", "--text"]);
    assert!(t.stdout.contains("2024-02-18") && t.stdout.contains("顺延"));
}

const EXAMPLE_2027: &str = r#"{
  "year": 2027,
  "notice": {"title": "国务院办公厅关于2027年部分节假日安排的通知", "number": "国办发明电〔2026〕99号", "issued": "2026-11-10"},
  "festivals": [
    {"name": "元旦", "rest": {"from": "2027-01-01", "to": "2027-01-03"}, "days": 3, "makeup_workdays": []},
    {"name": "春节", "rest": {"from": "2027-02-05", "to": "2027-02-12"}, "days": 8, "makeup_workdays": ["2027-02-20"]},
    {"name": "清明节", "rest": {"from": "2027-04-03", "to": "2027-04-05"}, "days": 3, "makeup_workdays": []},
    {"name": "劳动节", "rest": {"from": "2027-05-01", "to": "2027-05-05"}, "days": 5, "makeup_workdays": ["2027-04-25", "2027-05-08"]},
    {"name": "端午节", "rest": {"from": "2027-06-09", "to": "2027-06-09"}, "days": 1, "makeup_workdays": []},
    {"name": "中秋节", "rest": {"from": "2027-09-15", "to": "2027-09-15"}, "days": 1, "makeup_workdays": []},
    {"name": "国庆节", "rest": {"from": "2027-10-01", "to": "2027-10-07"}, "days": 7, "makeup_workdays": ["2027-09-26", "2027-10-09"]}
  ]
}"#;

#[test]
fn calendar_dir_adds_a_year() {
    if !landed(&["workday", "is", "2024-10-01"]) {
        return;
    }
    // Without 2027: a coverage error naming the year, exit 2.
    let o = tuiyi(&["workday", "add", "2026-12-28", "10"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(o.error_code(), "calendar_year_not_covered");
    assert!(o.stderr.contains("2027"));
    let o = tuiyi(&["workday", "is", "2027-02-08"]);
    assert_eq!(o.code, 2);
    assert!(o
        .stderr
        .starts_with("错误 [calendar_year_not_covered] DATE:"));

    let dir = temp_dir("cal");
    std::fs::write(dir.join("2027.json"), EXAMPLE_2027).expect("write 2027.json");
    let o = tuiyi(&["--calendar", s(&dir), "workday", "is", "2027-02-08"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, "false\n"), "{}", o.stderr);
    let o = tuiyi(&["workday", "is", "2027-02-20", "--calendar", s(&dir)]);
    assert_eq!(o.stdout, "true\n", "a 调休 Saturday of the added year");
    let o = tuiyi(&["workday", "add", "2026-12-28", "10", "--calendar", s(&dir)]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // The embedded years still work with a directory loaded.
    let o = tuiyi(&["--calendar", s(&dir), "workday", "add", "2024-09-30", "3"]);
    assert_eq!(o.stdout, "2024-10-10\n");

    // The environment variable does the same.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tuiyi"));
    let out = cmd
        .args(["workday", "is", "2027-02-08"])
        .env("TUIYI_CALENDAR_DIR", &dir)
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "false\n");

    // A broken year file is refused on load, exit 2.
    let bad = temp_dir("badcal");
    std::fs::write(bad.join("2027.json"), "{\"year\": 2027}").expect("write");
    let o = tuiyi(&["--calendar", s(&bad), "workday", "is", "2024-10-01"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.starts_with("错误 [calendar_"), "{}", o.stderr);
    let o = tuiyi(&["--calendar", "no/such/dir", "workday", "is", "2024-10-01"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
}

// ---------------------------------------------------------------- batch

#[test]
fn batch_keeps_order_and_reports_bad_lines() {
    // Lines 2 (not JSON), 4 (not UTF-8) and 6 (blank) are bad; the rest are objects.
    let mut input = Vec::new();
    input.extend_from_slice(b"{}\n");
    input.extend_from_slice(b"{not json\n");
    input.extend_from_slice(b"{}\r\n");
    input.extend_from_slice(b"{\"x\": \"\xff\"}\n");
    input.extend_from_slice(b"{}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{}");
    let f = temp_file("batch", "forms.jsonl", &input);
    let o = tuiyi(&["batch", s(&f), "--today", "2025-01-01"]);
    assert_eq!(o.code, 2, "bad lines → exit 2: {}", o.stderr);
    let lines = o.json_lines();
    assert_eq!(lines.len(), 7, "one output line per input line");
    for (i, l) in lines.iter().enumerate() {
        let n = i + 1;
        if [2, 4, 6].contains(&n) {
            assert_eq!(l["line"], n, "{l}");
            let code = l["error"]["code"].as_str().unwrap_or("");
            let want = if n == 4 {
                "input_not_utf8"
            } else {
                "json_syntax"
            };
            assert_eq!(code, want, "line {n}");
        } else {
            assert!(l["valid"].is_boolean(), "line {n} is a report: {l}");
            assert!(l["errors"].is_array() && l["warnings"].is_array());
        }
    }
    // The summary: one line on stderr, no progress bar when stderr is not a terminal.
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("共 7 行"), "{}", o.stderr);
    assert!(o.stderr.contains("坏行 3"), "{}", o.stderr);
    assert!(o.stderr.contains("forms/s"), "{}", o.stderr);
}

#[test]
fn batch_many_lines_in_parallel_stay_in_order() {
    // More bytes than the 16 MiB read buffer (lines straddle its boundary); each bad line has its number.
    let n = 70_000;
    let pad = "x".repeat(300);
    let mut input = String::new();
    for i in 1..=n {
        if i % 997 == 0 {
            input.push_str("oops\n");
        } else {
            input.push_str(&format!("{{\"pad\": \"{pad}\"}}\n"));
        }
    }
    assert!(input.len() > 16 << 20);
    let o = tuiyi_stdin(&["batch", "-", "--today", "2025-01-01"], input.as_bytes());
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), n);
    for (i, l) in lines.iter().enumerate() {
        let line_no = i + 1;
        if line_no % 997 == 0 {
            let v: Value = serde_json::from_str(l).expect("json");
            assert_eq!(v["line"], line_no);
        } else {
            assert!(l.starts_with("{\"valid\":"), "line {line_no}: {l}");
        }
    }
    assert!(
        o.stderr.contains(&format!("坏行 {}", n / 997)),
        "{}",
        o.stderr
    );
}

#[test]
fn batch_empty_input() {
    let o = tuiyi_stdin(&["batch", "-"], b"");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.is_empty());
    assert!(o.stderr.contains("共 0 行"));
}

#[test]
fn oversized_input_and_directories_are_refused() {
    let big = vec![b' '; tuiyi_core::limits::MAX_JSON_BYTES + 10];
    let o = tuiyi_stdin(&["eligibility", "-"], &big);
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "input_too_large");
    let f = temp_file("big", "big.json", &big);
    let o = tuiyi(&["validate", s(&f)]);
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "input_too_large");
    let dir = temp_dir("isdir");
    let o = tuiyi(&["plan", s(&dir)]);
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "file_unreadable");
}

#[test]
fn prereview_cannot_read_both_inputs_from_stdin() {
    let o = tuiyi_stdin(&["prereview", "-", "--submitted", "-"], b"{}");
    assert_eq!(o.code, 2);
    assert_eq!(o.error_code(), "argument_invalid");
    assert!(o.stderr.contains("--submitted"));
}

#[test]
fn batch_answers_overlong_lines_and_keeps_going() {
    let limit = tuiyi_core::limits::MAX_JSON_BYTES;
    let mut input = Vec::new();
    input.extend_from_slice(b"{}\n");
    input.extend(vec![b' '; limit + 10]); // over the limit, fits the buffer
    input.extend_from_slice(b"{}\n{}\n");
    input.extend(vec![b'x'; 17 << 20]); // longer than the whole buffer
    input.extend_from_slice(b"\n{}");
    let o = tuiyi_stdin(&["batch", "-", "--today", "2025-01-01"], &input);
    let lines = o.json_lines();
    assert_eq!(lines.len(), 5, "{}", o.stderr);
    for (i, l) in lines.iter().enumerate() {
        if i == 1 || i == 3 {
            assert_eq!(l["line"], i + 1, "{l}");
            assert_eq!(l["error"]["code"], "input_too_large", "{l}");
        } else {
            assert!(l["valid"].is_boolean(), "{l}");
        }
    }
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("坏行 2"), "{}", o.stderr);
}

#[test]
fn batch_checks_lines_longer_than_a_read_whole() {
    // The reader hands over about 1 MB at a time, more while no line has ended: lines of 1.5 and 3 MB (spaces
    // inside the JSON, under the size limit) straddle those reads and are each checked as one form.
    let mut input = Vec::new();
    input.extend_from_slice(b"{}\n");
    for pad in [3 << 19, 3 << 20] {
        input.push(b'{');
        input.extend(vec![b' '; pad]);
        input.extend_from_slice(b"}\n");
    }
    input.extend_from_slice(b"oops\n{}\n");
    assert!(input.len() > 4 << 20);
    let o = tuiyi_stdin(&["batch", "-", "--today", "2025-01-01"], &input);
    let lines = o.json_lines();
    assert_eq!(lines.len(), 5, "{}", o.stderr);
    for (i, l) in lines.iter().enumerate() {
        if i == 3 {
            assert_eq!(l["line"], 4, "{l}");
            assert_eq!(l["error"]["code"], "json_syntax", "{l}");
        } else {
            // `{}`: a report of missing fields, the same for each.
            assert_eq!(l["valid"], false, "{l}");
            assert_eq!(l["errors"], lines[0]["errors"], "line {}", i + 1);
        }
    }
    assert!(o.stderr.contains("坏行 1"), "{}", o.stderr);
}

/// An example file of the repository, when it exists (examples are shipped by the rules and form work).
fn example(name: &str) -> Option<Value> {
    let text = std::fs::read_to_string(root().join("examples").join(name)).ok()?;
    serde_json::from_str(&text).ok()
}

#[test]
fn eligibility_materials_plan_on_the_examples() {
    let (Some(applicant), Some(situation), Some(application)) = (
        example("eligibility.json"),
        example("situation.json"),
        example("applicant.json"),
    ) else {
        eprintln!("skipped: examples not shipped yet");
        return;
    };
    if !landed(&["plan", "examples/applicant.json"]) {
        return;
    }
    let o = tuiyi(&["eligibility", "examples/eligibility.json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.json()["eligible"], true);
    // Through stdin, the same answer.
    let o2 = tuiyi_stdin(&["eligibility", "-"], applicant.to_string().as_bytes());
    assert_eq!(o2.json(), o.json());
    // A 军官 is not a 士兵: a negative answer, exit 1, every failure listed.
    let mut officer = applicant.clone();
    officer["category"] = json!("军官");
    let o = tuiyi_stdin(&["eligibility", "-"], officer.to_string().as_bytes());
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(o.json()["eligible"], false);
    let t = tuiyi_stdin(
        &["eligibility", "-", "--text"],
        officer.to_string().as_bytes(),
    );
    assert_eq!(t.code, 1);
    assert!(t.stdout.contains("不符合"), "{}", t.stdout);

    let o = tuiyi(&["materials", "examples/situation.json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.json().as_array().map(Vec::len), Some(14));
    let t = tuiyi(&["materials", "examples/situation.json", "--text"]);
    assert!(t.stdout.contains("共 14 项材料"), "{}", t.stdout);
    let _ = situation;

    let o = tuiyi(&["plan", "examples/applicant.json", "--today", "2025-10-01"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let plan = o.json();
    assert_eq!(plan["items"].as_array().map(Vec::len), Some(9));
    let t = tuiyi(&["plan", "examples/applicant.json", "--text"]);
    assert_eq!(t.code, 0);
    assert!(t.stdout.contains("办理事项") && t.stdout.contains("退役报到"));
    let p = tuiyi(&["plan", "examples/applicant.json", "--pretty"]);
    assert!(p.stdout.lines().count() > 20);
    // An ineligible applicant's plan is a negative answer.
    let mut bad = application.clone();
    if let Some(a) = bad.get_mut("applicant") {
        a["category"] = json!("军官");
        let o = tuiyi_stdin(&["plan", "-"], bad.to_string().as_bytes());
        assert_eq!(o.code, 1, "{}", o.stderr);
    }
    let o = tuiyi_stdin(
        &["plan", "-", "--today", "2025/10/01"],
        application.to_string().as_bytes(),
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--today"), "{}", o.stderr);
}

#[test]
fn validate_and_batch_on_the_example_form() {
    let Some(form) = example("form.json") else {
        eprintln!("skipped: examples/form.json not shipped yet");
        return;
    };
    if !landed(&["schema"]) {
        return;
    }
    let o = tuiyi(&["validate", "examples/form.json", "--today", "2026-01-01"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert_eq!(o.json()["valid"], true);
    // An unknown field makes the form invalid (a finding with its path), exit 1.
    let mut bad = form.clone();
    if let Some(obj) = bad.as_object_mut() {
        obj.insert("no_such_section".into(), json!(1));
    }
    let o = tuiyi_stdin(
        &["validate", "-", "--today", "2026-01-01"],
        bad.to_string().as_bytes(),
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    let r = o.json();
    assert_eq!(r["valid"], false);
    assert!(r["errors"].as_array().is_some_and(|e| !e.is_empty()));
    let t = tuiyi_stdin(
        &["validate", "-", "--text", "--today", "2026-01-01"],
        bad.to_string().as_bytes(),
    );
    assert_eq!(t.code, 1);
    assert!(t.stdout.starts_with("✗ 登记表无效"), "{}", t.stdout);

    // batch: valid, invalid, valid → reports in that order, exit 1.
    let input = format!("{form}\n{bad}\n{form}\n");
    let o = tuiyi_stdin(&["batch", "-", "--today", "2026-01-01"], input.as_bytes());
    assert_eq!(o.code, 1, "{}", o.stderr);
    let valid: Vec<bool> = o.json_lines().iter().map(|l| l["valid"] == true).collect();
    assert_eq!(valid, [true, false, true]);
    assert!(o.stderr.contains("有效 2，无效 1，坏行 0"), "{}", o.stderr);
    let input = format!("{form}\n{form}\n");
    let o = tuiyi_stdin(&["batch", "-", "--today", "2026-01-01"], input.as_bytes());
    assert_eq!(o.code, 0, "{}", o.stderr);

    let o = tuiyi(&["dispatch", "examples/form.json"]);
    if !o.stderr.contains("not implemented") {
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert!(o.json().is_object() || o.json().is_array());
    }
}

/// `normalize` on the form written with codes; a name with escape codes, a zero-width space or NUL is
/// form_invalid_characters and no face prints those characters raw (JSON, --pretty, --text, batch).
#[test]
fn normalize_and_invisible_characters() {
    let o = tuiyi(&[
        "normalize",
        "examples/form-codes.json",
        "--today",
        "2024-10-15",
    ]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    let v = o.json();
    assert_eq!(v["report"]["valid"], true);
    assert_eq!(
        v["form"]["basic_info"]["political_status"],
        "中国共产主义青年团团员"
    );
    assert_eq!(v["form"]["basic_info"]["phone"], "13912345678");
    let Some(mut form) = example("form.json") else {
        return;
    };
    let raw = |s: &str| {
        s.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t') || tuiyi_core::mask::is_invisible(c)
        })
    };
    for name in [
        "\u{1b}[2J\u{1b}[31m王晓军",
        "王\u{200b}晓军",
        "\u{0}",
        "王晓军\u{202e}",
        "王\u{9b}2J",
    ] {
        form["basic_info"]["name"] = json!(name);
        let text = form.to_string();
        for args in [
            &["validate", "-", "--today", "2024-10-15"][..],
            &["validate", "-", "--today", "2024-10-15", "--text"][..],
            &["normalize", "-", "--today", "2024-10-15"][..],
            &["normalize", "-", "--today", "2024-10-15", "--pretty"][..],
            &["normalize", "-", "--today", "2024-10-15", "--text"][..],
            &["dispatch", "-"][..],
            &["batch", "-", "--today", "2024-10-15"][..],
        ] {
            let o = tuiyi_stdin(args, text.as_bytes());
            assert!(
                !raw(&o.stdout) && !raw(&o.stderr),
                "{args:?} {name:?}: {:?}",
                o.stdout
            );
            if args[0] != "dispatch" {
                assert_eq!(o.code, 1, "{args:?} {name:?}");
                assert!(
                    o.stdout.contains("form_invalid_characters"),
                    "{args:?}: {}",
                    o.stdout
                );
            }
        }
    }
}

// ---------------------------------------------------------------- reliability (issue 14)

/// Many copies of the example form, one per line.
fn example_jsonl(copies: usize) -> Vec<u8> {
    let form: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/form.json")).expect("example form"),
    )
    .expect("json");
    let line = serde_json::to_string(&form).expect("line");
    let mut out = Vec::with_capacity((line.len() + 1) * copies);
    for _ in 0..copies {
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

/// Wait for a child at most `secs` seconds; kill it and fail otherwise.
fn wait_within(child: &mut std::process::Child, secs: u64, what: &str) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            return st;
        }
        if start.elapsed().as_secs() >= secs {
            let _ = child.kill();
            panic!("{what}: still running after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn batch_to_a_full_disk_ends_promptly_with_output_unwritable() {
    let f = temp_file("full", "f.jsonl", &example_jsonl(32_000));
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
        .args(["batch", s(&f)])
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let st = wait_within(&mut child, 30, "batch > /dev/full");
    assert_eq!(st.code(), Some(2));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("read");
    assert!(err.contains("[output_unwritable]"), "{err}");
}

#[test]
fn batch_stops_when_the_output_pipe_closes() {
    let f = temp_file("pipe", "f.jsonl", &example_jsonl(200_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
        .args(["batch", s(&f)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 64];
    let mut out = child.stdout.take().expect("stdout");
    std::io::Read::read_exact(&mut out, &mut first).expect("first report");
    drop(out);
    let st = wait_within(&mut child, 30, "batch | head");
    assert_eq!(st.code(), Some(0), "a closed pipe is not an error");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("read");
    assert!(err.is_empty(), "quiet on a closed pipe: {err}");
}

#[test]
fn batch_trailing_blank_lines_are_not_bad_lines() {
    let mut input = example_jsonl(2);
    input.extend_from_slice(b"\n  \n\r\n");
    let o = tuiyi_stdin(&["batch", "-"], &input);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout.lines().count(), 2);
    assert!(
        o.stderr.contains("共 2 行") && o.stderr.contains("坏行 0"),
        "{}",
        o.stderr
    );
    // A blank line between forms is still a bad line, in its place.
    let mut input = example_jsonl(1);
    input.extend_from_slice(b"\n");
    input.extend_from_slice(&example_jsonl(1));
    let o = tuiyi_stdin(&["batch", "-"], &input);
    assert_eq!(o.code, 2, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].contains("\"line\":2") && lines[1].contains("json_syntax"),
        "{}",
        lines[1]
    );
}

#[test]
fn empty_environment_variables_are_named() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tuiyi"));
    let o = cmd
        .args(["workday", "is", "2024-10-08"])
        .env("TUIYI_RULES_DIR", "")
        .env_remove("TUIYI_CALENDAR_DIR")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("TUIYI_RULES_DIR") && !err.contains("--rules"),
        "{err}"
    );
}

#[test]
fn long_and_personal_paths_are_shortened_and_masked() {
    let long = format!(
        "/tmp/{}/110101199003071233/{}",
        "d".repeat(300),
        "x".repeat(50)
    );
    let o = tuiyi(&["--rules", &long, "workday", "is", "2024-10-08"]);
    assert_eq!(o.code, 2);
    let line = o.stderr.lines().next().unwrap_or_default();
    assert!(line.chars().count() < 400, "{line}");
    assert!(
        !tuiyi_core::mask::leaks("110101199003071233", &o.stderr),
        "{}",
        o.stderr
    );
}

#[cfg(unix)]
#[test]
fn calendar_and_rules_dirs_refuse_fifos_and_devices() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("2027.json");
    let st = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(st.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
        .args(["--calendar", s(&dir), "workday", "is", "2024-10-08"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let st = wait_within(&mut child, 20, "calendar dir with a FIFO");
    assert_eq!(st.code(), Some(2));
    let rules = temp_dir("zero");
    for f in [
        "pack.json",
        "items.json",
        "materials.json",
        "conflicts.json",
        "dispatch.json",
    ] {
        std::os::unix::fs::symlink("/dev/zero", rules.join(f)).expect("symlink");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
        .args(["--rules", s(&rules), "workday", "is", "2024-10-08"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let st = wait_within(&mut child, 20, "rules dir of /dev/zero links");
    assert_eq!(st.code(), Some(2));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("read");
    assert!(
        err.contains("[rule_pack_io]") && err.contains("pack.json"),
        "{err}"
    );
}

#[test]
fn numbers_in_numeric_fields_are_masked() {
    let form = std::fs::read_to_string(root().join("examples/form.json")).expect("form");
    let form = form.replace(
        "\"years_of_service\": 8",
        "\"years_of_service\": 110101199003071233",
    );
    assert!(form.contains("110101199003071233"));
    let o = tuiyi_stdin(&["validate", "-", "--today", "2025-06-01"], form.as_bytes());
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        !tuiyi_core::mask::leaks("110101199003071233", &o.stdout),
        "{}",
        o.stdout
    );
    let o = tuiyi_stdin(
        &["validate", "-", "--today", "2025-06-01", "--text"],
        form.as_bytes(),
    );
    assert!(
        !tuiyi_core::mask::leaks("110101199003071233", &o.stdout),
        "{}",
        o.stdout
    );
}

// ---------------------------------------------------------------- plan --html (issue 16)

#[test]
fn plan_html_draws_the_timeline() {
    let o = tuiyi(&["plan", "examples/applicant.json", "--html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = &o.stdout;
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("军人退役“一件事”办理时间线"));
    let svg_start = page.find("<svg").expect("an svg");
    let svg_end = page.find("</svg>").expect("svg end") + "</svg>".len();
    let doc =
        roxmltree::Document::parse(&page[svg_start..svg_end]).expect("the svg is well-formed XML");
    let plan = tuiyi(&["plan", "examples/applicant.json"]).json();
    let engine = tuiyi_core::Engine::embedded().expect("engine");
    // Every applicable item is a row with its due date.
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    for item in plan["items"].as_array().expect("items") {
        if item["applies"] != true {
            continue;
        }
        let name = item["name"].as_str().expect("name");
        assert!(texts.iter().any(|t| t.contains(name)), "row for {name}");
        let due = item["due"]["date"].as_str().expect("due date");
        assert!(texts.iter().any(|t| t.starts_with(due)), "due date {due}");
    }
    assert!(texts
        .iter()
        .any(|t| t == &format!("今天 {}", plan["today"].as_str().expect("today"))));
    assert!(texts.iter().any(|t| t.starts_with("退役 2025-09-05")));
    // The shaded days are exactly the rest days of the calendar in the drawn range.
    let shaded: Vec<chrono::NaiveDate> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect") && n.attribute("class").is_some_and(|c| c.starts_with("rest"))
        })
        .map(|n| {
            let title = n
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .expect("title");
            tuiyi_core::date::parse_date(&title[..10]).expect("date in title")
        })
        .collect();
    assert!(!shaded.is_empty());
    let (first, last) = (shaded[0], shaded[shaded.len() - 1]);
    let mut d = first;
    let mut want = Vec::new();
    while d <= last {
        if !engine.is_working_day(d).expect("covered") {
            want.push(d);
        }
        d += chrono::Duration::days(1);
    }
    assert_eq!(shaded, want, "rest days shaded");
    // 国庆 2025 (10-01..10-08) is a holiday; the make-up Saturday 2025-10-11 is a working day, not shaded.
    let holiday: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("rest holiday"))
        .filter_map(|n| {
            n.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
        })
        .collect();
    assert!(holiday.iter().any(|t| t.starts_with("2025-10-01")));
    assert!(!shaded.contains(&chrono::NaiveDate::from_ymd_opt(2025, 10, 11).expect("date")));
    // The table repeats the facts.
    assert!(page.contains(
        "<td>核发居民身份证件</td><td>公安部门</td><td>2025-09-22</td><td>2025-10-11</td>"
    ));
    let o = tuiyi(&["plan", "examples/applicant.json", "--html", "--text"]);
    assert_eq!(o.code, 2, "--html and --text conflict");
}

#[test]
fn schema_list_names_every_schema() {
    let o = tuiyi(&["schema", "--list"]);
    assert_eq!(o.code, 0);
    let names: Vec<&str> = o.stdout.lines().collect();
    assert!(names.contains(&"form") && names.contains(&"plan") && names.contains(&"operations"));
    for n in names {
        let s = tuiyi(&["schema", n]);
        assert_eq!(s.code, 0, "{n}: {}", s.stderr);
        let v = s.json();
        assert!(v.get("$schema").is_some() || v.get("type").is_some(), "{n}");
    }
}

// ---------------------------------------------------------------- calendar import, provisional years (issue 13)

/// A year file without what a notice's text does not say (sources, notes).
fn without_editorial(mut v: Value) -> Value {
    if let Some(n) = v["notice"].as_object_mut() {
        n.remove("sources");
    }
    if let Some(o) = v.as_object_mut() {
        o.remove("notes");
    }
    if let Some(fs) = v["festivals"].as_array_mut() {
        for f in fs {
            if let Some(o) = f.as_object_mut() {
                o.remove("note");
            }
        }
    }
    v
}

#[test]
fn calendar_import_reproduces_the_embedded_year_file() {
    // The Xinhua text prints no document number: given on the command line, as rules/calendar/2026.json has it.
    let o = tuiyi(&[
        "calendar",
        "import",
        "tests/notices/2026.txt",
        "--number",
        "国办发明电〔2025〕7号",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let embedded: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("rules/calendar/2026.json")).expect("2026.json"),
    )
    .expect("json");
    assert_eq!(o.json(), without_editorial(embedded));
    // In the layout of the embedded files (one line per rest range), whatever the output mode.
    assert!(o
        .stdout
        .contains("\n      \"rest\": {\"from\": \"2026-01-01\", \"to\": \"2026-01-03\"},\n"));
    let pretty = tuiyi(&[
        "calendar",
        "import",
        "tests/notices/2026.txt",
        "--number",
        "国办发明电〔2025〕7号",
        "--pretty",
    ]);
    assert_eq!(pretty.stdout, o.stdout);
    // From stdin, with the source recorded.
    let text = std::fs::read(root().join("tests/notices/2024.txt")).expect("2024.txt");
    let o = tuiyi_stdin(
        &["calendar", "import", "-", "--source", "zh.wikisource.org"],
        &text,
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.json()["notice"]["sources"], json!(["zh.wikisource.org"]));
    assert_eq!(o.json()["notice"]["number"], "国办发明电〔2023〕7号");
}

#[test]
fn calendar_import_refuses_what_it_cannot_read() {
    // No number in the text and none given.
    let o = tuiyi(&["calendar", "import", "tests/notices/2026.txt"]);
    assert_eq!(
        (o.code, o.error_code()),
        (2, "calendar_notice_missing".into())
    );
    assert!(o.stdout.is_empty());
    // A weekday that is not the date's.
    let text = std::fs::read_to_string(root().join("tests/notices/2024.txt"))
        .expect("2024.txt")
        .replace("2月4日（星期日）", "2月4日（星期一）");
    let o = tuiyi_stdin(&["calendar", "import", "-"], text.as_bytes());
    assert_eq!(
        (o.code, o.error_code()),
        (2, "calendar_notice_weekday_mismatch".into())
    );
    // A line it does not recognise is named, not guessed at.
    let text = std::fs::read_to_string(root().join("tests/notices/2024.txt"))
        .expect("2024.txt")
        .replace("放假调休，共8天", "放假调休，共8天，另行通知");
    let o = tuiyi_stdin(&["calendar", "import", "-"], text.as_bytes());
    assert_eq!(
        (o.code, o.error_code()),
        (2, "calendar_notice_unparseable".into())
    );
    // --out must not name another year: the calendar loads a file by its name.
    let dir = temp_dir("import-wrong-year");
    let o = tuiyi(&[
        "calendar",
        "import",
        "tests/notices/2024.txt",
        "--out",
        s(&dir.join("2025.json")),
    ]);
    assert_eq!((o.code, o.error_code()), (2, "argument_invalid".into()));
    assert!(!dir.join("2025.json").exists());
}

#[test]
fn workday_mode_keeps_the_bare_answers() {
    // refuse is the default of workday: unchanged behaviour.
    let o = tuiyi(&["workday", "add", "2026-12-28", "10"]);
    assert_eq!(
        (o.code, o.error_code()),
        (2, "calendar_year_not_covered".into())
    );
    let o = tuiyi(&["workday", "add", "2026-12-28", "10", "--mode", "refuse"]);
    assert_eq!(o.code, 2);
    // provisional: still only the date on stdout; the note goes to stderr.
    let o = tuiyi(&[
        "workday",
        "add",
        "2026-12-28",
        "10",
        "--mode",
        "provisional",
    ]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "2027-01-12\n"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .starts_with("提示 [calendar_year_provisional] DATE:"),
        "{}",
        o.stderr
    );
    let o = tuiyi(&["workday", "is", "2027-02-08", "--mode", "provisional"]);
    assert_eq!(o.stdout, "false\n");
    let o = tuiyi(&[
        "workday",
        "count",
        "2026-12-01",
        "2027-01-10",
        "--mode",
        "provisional",
    ]);
    assert_eq!(o.stdout, "27\n");
    // Over loaded years a provisional query says nothing more.
    let o = tuiyi(&["workday", "add", "2024-09-30", "3", "--mode", "provisional"]);
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("2024-10-10\n", ""));
    // period: "provisional" only when true, after the contract's keys.
    let o = tuiyi(&["period", "2026-12-10", "30", "--mode", "provisional"]);
    assert_eq!(
        o.stdout,
        "{\"raw_end\":\"2027-01-09\",\"end\":\"2027-01-11\",\"extended\":true,\"provisional\":true}\n"
    );
    let o = tuiyi(&["period", "2024-01-18", "30", "--mode", "provisional"]);
    assert_eq!(
        o.stdout,
        "{\"raw_end\":\"2024-02-17\",\"end\":\"2024-02-18\",\"extended\":true}\n"
    );
    let o = tuiyi(&["workday", "is", "2024-10-01", "--mode", "sometimes"]);
    assert_eq!((o.code, o.error_code()), (2, "unknown_enum_value".into()));
    assert!(o.stderr.contains("--mode"), "{}", o.stderr);
}

/// The application of issue 13: discharged 2026-12-10, before the 2027 notice is out.
fn application_2026_12_10() -> Value {
    json!({
        "applicant": {"lawfully_discharged": true, "category": "义务兵", "resettlement": "自主就业",
                      "placement_code": "140105", "holds_discharge_certificate": true,
                      "holds_introduction_letter": true},
        "situation": {"hukou_cancelled_on_enlistment": true, "settlement_mode": "投靠亲属落户",
                      "military_id_issued": false, "id_card": "换领"},
        "dates": {"approved_discharge_date": "2026-12-10", "discharge_date": "2026-12-10",
                  "return_home_date": "2026-12-12", "acceptance_date": "2027-01-29"}
    })
}

fn provisional_items(plan: &Value) -> Vec<u64> {
    plan["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["due"]["provisional"] == true)
        .filter_map(|i| i["no"].as_u64())
        .collect()
}

fn warned_years(plan: &Value) -> usize {
    plan["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["code"] == "calendar_year_provisional")
        .count()
}

#[test]
fn plan_turns_final_when_the_next_notice_is_imported() {
    let dir = temp_dir("plan-2027");
    let app = dir.join("application.json");
    std::fs::write(&app, application_2026_12_10().to_string()).expect("write application");

    // Before the 2027 notice: provisional due dates (the plan's default), one warning for 2027.
    let o = tuiyi(&["plan", s(&app), "--today", "2026-12-03"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let before = o.json();
    assert_eq!(provisional_items(&before), vec![1, 2, 3, 4, 9]);
    assert_eq!(before["late_report"]["provisional"], true);
    assert_eq!(warned_years(&before), 1);
    let due = |plan: &Value, no: usize| plan["items"][no - 1]["due"]["date"].clone();
    assert_eq!(due(&before, 1), "2027-01-11");
    // Item 4: ten working days from 2027-01-29 over the statutory 春节 days only.
    assert_eq!(due(&before, 4), "2027-02-16");
    // --calendar-mode refuse: no provisional dates, nulls instead.
    let o = tuiyi(&[
        "plan",
        s(&app),
        "--today",
        "2026-12-03",
        "--calendar-mode",
        "refuse",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(due(&o.json(), 1), Value::Null);
    assert_eq!(
        o.json()["items"][0]["due"]["reason_if_null"]["code"],
        "calendar_year_not_covered"
    );

    // The notice comes out (a synthetic text: cli/tests/fixtures/README.md): import it into a calendar dir.
    let cal = dir.join("calendar");
    std::fs::create_dir_all(&cal).expect("calendar dir");
    let o = tuiyi(&[
        "calendar",
        "import",
        "cli/tests/fixtures/notice-2027-synthetic.txt",
        "--out",
        s(&cal.join("2027.json")),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.is_empty() && o.stderr.contains("2027"),
        "{}",
        o.stderr
    );

    // With it: the same plan, final.
    let o = tuiyi(&[
        "--calendar",
        s(&cal),
        "plan",
        s(&app),
        "--today",
        "2026-12-03",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let after = o.json();
    assert!(provisional_items(&after).is_empty(), "{after}");
    assert!(after["late_report"].get("provisional").is_none());
    assert_eq!(warned_years(&after), 0);
    assert_eq!(due(&after, 1), "2027-01-11");
    // The notice's 春节 runs to 2月13日 with 2月20日 worked: item 4 moves to that Saturday.
    assert_eq!(due(&after, 4), "2027-02-20");
    // The environment variable does the same.
    let out = Command::new(env!("CARGO_BIN_EXE_tuiyi"))
        .args(["plan", s(&app), "--today", "2026-12-03"])
        .current_dir(root())
        .env("TUIYI_CALENDAR_DIR", &cal)
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("plan JSON");
    assert_eq!(v, after);
}
