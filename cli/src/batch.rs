//! `tuiyi batch FILE.jsonl`: one registration form per line → one validate report per line, in input order.
//!
//! Built for throughput: the whole input is read at once, split into lines, and chunks of lines are parsed,
//! validated and serialized in parallel (rayon) into per-chunk buffers that are written in order. A line
//! that is not UTF-8 or not JSON gives `{"line": N, "error": {…}}` in its place and counts as a bad line.
//! Exit: 0 every form valid · 1 some form invalid · 2 a bad line (or the file unreadable).

use std::io::{IsTerminal, Write};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tuiyi_core::{Engine, Error};

use crate::input::{read_bytes, shown, utf8};
use crate::{Failure, Outcome};

/// Lines per parallel task: big enough to amortise scheduling, small enough to balance 2–64 cores.
const CHUNK_LINES: usize = 512;
/// Chunks processed between two writes (bounds the memory held for output).
const CHUNKS_PER_ROUND: usize = 64;

#[derive(Default, Clone, Copy)]
struct Counts {
    valid: u64,
    invalid: u64,
    bad: u64,
}

#[derive(Serialize)]
struct BadLine<'a> {
    line: usize,
    error: &'a Error,
}

fn one_line(
    engine: &Engine,
    file: &str,
    line_no: usize,
    bytes: &[u8],
    today: Option<chrono::NaiveDate>,
    buf: &mut Vec<u8>,
    counts: &mut Counts,
) {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let parsed = utf8(bytes, file, Some(line_no)).and_then(tuiyi_core::input::parse_json);
    let written = match parsed {
        Ok(form) => {
            let report = engine.validate(&form, today);
            if report.valid {
                counts.valid += 1;
            } else {
                counts.invalid += 1;
            }
            serde_json::to_writer(&mut *buf, &report)
        }
        Err(e) => {
            counts.bad += 1;
            serde_json::to_writer(
                &mut *buf,
                &BadLine {
                    line: line_no,
                    error: &e,
                },
            )
        }
    };
    if written.is_err() {
        // Serializing our own types into a Vec cannot fail; keep the line count aligned regardless.
        buf.extend_from_slice(b"null");
    }
    buf.push(b'\n');
}

pub fn run(engine: &Engine, file: &str, today: Option<&str>) -> Result<Outcome, Failure> {
    let today = match today {
        None => None,
        Some(t) => Some(
            tuiyi_core::input::from_value::<tuiyi_core::Date>(&serde_json::Value::String(
                t.to_string(),
            ))
            .map_err(|e| {
                Failure(Error {
                    path: "--today".into(),
                    ..e
                })
            })?
            .0,
        ),
    };
    let start = Instant::now();
    let data = read_bytes(file, None)?;
    let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    // A final newline does not start another line.
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let total = lines.len();

    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} 表 · {per_sec} · 剩余 {eta}",
        ) {
            b.set_style(style);
        }
        Some(b)
    } else {
        None
    };

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut counts = Counts::default();
    let mut closed = false;
    let round = CHUNK_LINES * CHUNKS_PER_ROUND;
    for (r, group) in lines.chunks(round).enumerate() {
        let base = r * round;
        let results: Vec<(Vec<u8>, Counts)> = group
            .par_chunks(CHUNK_LINES)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buf = Vec::with_capacity(chunk.len() * 96);
                let mut k = Counts::default();
                for (i, l) in chunk.iter().enumerate() {
                    let line_no = base + c * CHUNK_LINES + i + 1;
                    one_line(engine, file, line_no, l, today, &mut buf, &mut k);
                }
                (buf, k)
            })
            .collect();
        for (buf, k) in results {
            counts.valid += k.valid;
            counts.invalid += k.invalid;
            counts.bad += k.bad;
            if !closed {
                if let Err(e) = out.write_all(&buf) {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        closed = true;
                    } else {
                        return Err(Failure(crate::write_error(&e)));
                    }
                }
            }
        }
        if let Some(b) = &bar {
            b.inc(group.len() as u64);
        }
    }
    if !closed {
        if let Err(e) = out.flush() {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(Failure(crate::write_error(&e)));
            }
        }
    }
    drop(out);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = start.elapsed().as_secs_f64();
    let rate = if secs > 0.0 {
        (total as f64 / secs).round() as u64
    } else {
        0
    };
    let _ = writeln!(
        std::io::stderr(),
        "批量校验 {}：共 {total} 行，有效 {}，无效 {}，坏行 {}，用时 {secs:.3} 秒，{rate} 表/秒 \
         (batch: total {total}, valid {}, invalid {}, bad lines {}, {secs:.3} s, {rate} forms/s)",
        shown(file),
        counts.valid,
        counts.invalid,
        counts.bad,
        counts.valid,
        counts.invalid,
        counts.bad,
    );
    if counts.bad > 0 {
        // Every line was still answered; the exit code says some input was not a form at all.
        return Ok(Outcome::BadInput);
    }
    Ok(if counts.invalid > 0 {
        Outcome::Negative
    } else {
        Outcome::Ok
    })
}
