//! `tuiyi batch FILE.jsonl`: one registration form per line → one validate report per line, in input order.
//!
//! Built for throughput: the input is streamed through reused blocks of [`BUF_BYTES`]; the main thread cuts
//! the complete lines of each block into chunks and hands them, in order, to one worker per core
//! (`RAYON_NUM_THREADS` sets how many; the workers live for the whole run, so the end of one block and the
//! start of the next are checked side by side), which parse, validate and serialize them into per-chunk
//! buffers; the main thread writes the chunks in order. No more than a few chunks are handed over and not yet
//! written, and a chunk's reports beyond a megabyte are handed over in parts ([`CHUNK_LINES`]), so memory
//! stays bounded (under 100 MB, `cli/tests/memory.rs`) whatever the input and however large its reports
//! (stdin included), and no page is faulted in twice. A line that is not UTF-8, not JSON or longer than the
//! core's size limit gives `{"line": N, "error": {…}}` in its place and counts as a bad line.
//! Exit: 0 every form valid · 1 some form invalid · 2 a bad line (or the file unreadable).

use std::io::{IsTerminal, Read, Write};
use std::time::Instant;

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use tuiyi_core::{Engine, Error};

use crate::codes::{error, FILE_UNREADABLE};
use crate::input::{shown, utf8};
use crate::{Failure, Outcome};

/// The read buffer: more than twice the largest document the core accepts, so a line that does not fit is
/// certainly too large.
const BUF_BYTES: usize = 16 << 20;
/// How much of a block is read before it is handed over, unless it holds no newline yet: 1 MB blocks, still
/// in the caches when the workers read them, made `batch` 5–10 % faster on 2 workers than 16 MB blocks
/// (generated forms: 201–209 against 185–195 k forms/s) and its peak RSS 14 MB instead of 75 MB.
const FILL_BYTES: usize = 1 << 20;
const _: () = assert!(BUF_BYTES > 2 * tuiyi_core::limits::MAX_JSON_BYTES);
/// The lines are checked in chunks of at most [`CHUNK_LINES`] lines and [`CHUNK_BYTES`] of input (at least one
/// line), handed in order to the workers; the main thread writes each chunk's reports in order. At most
/// [`WINDOW_PER_THREAD`] × threads chunks are handed over and not yet written: the main thread waits. (Checking
/// a whole 16 MB block at once held 2 GB of reports for a block of `{}` lines.)
///
/// Reports can be far larger than their lines: a 620-byte line of 200 empty family members gets an 85 KB
/// report, a line of 1,000 findings 0.6 MB. So the window alone does not bound the memory held for output
/// (chunks of such lines held 110 MB, 64 KB chunks): a chunk's reports past [`PART_BYTES`] go to the main
/// thread in parts, written at once when that chunk is the one being written; a worker whose chunk waits for
/// an earlier one goes on until it holds [`HOLD_BYTES`], then waits for its turn ([`Gate`]). And chunks are
/// sized by the weight of the reports just written ([`Pool::weigh`]), so that such waits are rare.
///
/// 256 KB chunks (of valid forms) made `batch` 15–20 % faster on 2 workers than 64 KB chunks: fewer
/// hand-overs and thread wake-ups (the example form, 233–238 against 165–198 k forms/s).
const CHUNK_LINES: usize = 128;
const CHUNK_BYTES: usize = 256 << 10;
const PART_BYTES: usize = 1 << 20;
const MIN_CHUNK_BYTES: usize = 4 << 10;
/// Reports a worker keeps while its chunk waits for an earlier one (beyond this, it waits too): workers of
/// later chunks go on meanwhile.
const HOLD_BYTES: usize = 4 << 20;
const WINDOW_PER_THREAD: usize = 2;
/// Reports of held-back blank lines written at a time.
const BLANK_REPORTS: usize = 4096;
/// Most runs of held-back blank lines (see `HeldBlank`) kept before they are answered anyway.
const MAX_HELD_RUNS: usize = 1 << 16;

#[derive(Default, Clone, Copy)]
struct Counts {
    valid: u64,
    invalid: u64,
    bad: u64,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.valid += other.valid;
        self.invalid += other.invalid;
        self.bad += other.bad;
    }
}

/// Where a run's answers go: the output, the counts so far, how many lines have been numbered (handed to the
/// workers or answered), and the blank lines held back (see [`HeldBlank`]).
struct Answers<W: Write> {
    out: W,
    counts: Counts,
    lines: usize,
    held_blank: HeldBlank,
}

#[derive(Serialize)]
struct BadLine<'a> {
    line: usize,
    error: &'a Error,
}

/// What every line of a batch is checked with: the engine, the file's name (for the errors of bad lines)
/// and the day.
#[derive(Clone, Copy)]
struct Checker<'a> {
    engine: &'a Engine,
    file: &'a str,
    today: Option<chrono::NaiveDate>,
}

impl Checker<'_> {
    /// Check one line (number `line_no`) and append its report (or its error) and a newline to `buf`.
    fn line(&self, line_no: usize, bytes: &[u8], buf: &mut Vec<u8>, counts: &mut Counts) {
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let parsed = utf8(bytes, self.file, Some(line_no)).and_then(tuiyi_core::parse::parse);
        let written = match parsed {
            Ok(form) => {
                let report = self.engine.validate_parsed(form, self.today);
                if report.valid {
                    counts.valid += 1;
                } else {
                    counts.invalid += 1;
                }
                serde_json::to_writer(&mut *buf, &report)
            }
            Err(e) => {
                counts.bad += 1;
                write_bad(buf, line_no, &e);
                return;
            }
        };
        if written.is_err() {
            // Serializing our own types into a Vec cannot fail; keep the line count aligned regardless.
            buf.extend_from_slice(b"null");
        }
        buf.push(b'\n');
    }
}

pub fn run(engine: &Engine, file: &str, today: Option<&str>) -> Result<Outcome, Failure> {
    let today = match today {
        None => None,
        Some(t) => {
            let doc = tuiyi_core::doc::Doc::String(t.into());
            tuiyi_core::strict::check_input(&tuiyi_core::strict::Node::Date, &doc, "--today")?;
            tuiyi_core::date::parse_date(t).ok()
        }
    };
    let checker = Checker {
        engine,
        file,
        today,
    };
    let start = Instant::now();
    tuiyi_host::alloc::keep_freed_pages();
    let unreadable = |e: std::io::Error| {
        let (zh, en) = crate::input::io_reason(&e);
        Failure(error(
            &FILE_UNREADABLE,
            "",
            &[("file", &shown(file)), ("reason", zh), ("reason_en", en)],
        ))
    };
    let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if file == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let f = std::fs::File::open(file).map_err(unreadable)?;
        let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        (Box::new(f), size)
    };

    let bar = std::io::stderr().is_terminal().then(|| progress_bar(size));
    let stdout = std::io::stdout();
    let threads = rayon::current_num_threads().max(1);
    // Blank lines are held back until a later line arrives: blank lines at the very end of the input are
    // not lines of the batch (an editor's final newline, a `printf '…\n\n'`).
    let mut ans = Answers {
        out: std::io::BufWriter::with_capacity(1 << 20, stdout.lock()),
        counts: Counts::default(),
        lines: 0,
        held_blank: HeldBlank::default(),
    };

    // A reader thread fills the next block while the workers check this one (blocks hold whole lines only);
    // a block goes back to it when its last chunk is checked, so at most four blocks exist at once (one being
    // filled, one waiting, one being handed over and the end of the one before, still being checked). A
    // block's pages are touched only as far as it is filled, [`FILL_BYTES`] unless a line is longer: 64 MB
    // at most (lines of the largest size), of the 100 MB `cli/tests/memory.rs` allows. The thread is not
    // joined: when the output fails or its reader goes away, the run ends at once and the thread (which may
    // be blocked on a slow input) ends with the process; dropping the receiver makes its next send fail.
    let (block_tx, block_rx) = std::sync::mpsc::sync_channel::<Block>(1);
    let (spent_tx, spent_rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || read_blocks(reader, &block_tx, &spent_rx));
    let check = |lines: &[u8], first: usize, o: &mut Vec<u8>, k: &mut Counts, part: &mut Part| {
        // The lines between newlines, found by memchr (a byte-by-byte `split` was 9 % of the time on
        // 3.8 KB forms); an empty chunk is one empty line, as `split` gives.
        let ends = memchr::memchr_iter(b'\n', lines).chain(std::iter::once(lines.len()));
        let mut start = 0;
        for (i, end) in ends.enumerate() {
            checker.line(first + i + 1, &lines[start..end], o, k);
            start = end + 1;
            if o.len() >= PART_BYTES && !part(o, k) {
                return;
            }
        }
    };
    let flow = std::thread::scope(|scope| -> Result<Flow, Failure> {
        let mut pool = Pool::start(scope, &check, threads, &spent_tx);
        let flow = (|| -> Result<Flow, Failure> {
            for block in block_rx.iter() {
                let (buf, len) = match block {
                    Block::Lines(buf, len) => (Arc::new(buf), len),
                    Block::Overlong(skipped) => {
                        // One line fills a whole block: far over the size limit. Answered (after every line
                        // before it); its bytes were skipped.
                        if pool.drain(&mut ans)? == Flow::Closed
                            || pool.answer_held(checker, &mut ans)? == Flow::Closed
                        {
                            return Ok(Flow::Closed);
                        }
                        let mut line = Vec::new();
                        ans.lines += 1;
                        ans.counts.bad += 1;
                        let e = tuiyi_core::limits::too_large_text(&format!(">{BUF_BYTES}"));
                        write_bad(&mut line, ans.lines, &e);
                        if write_out(&mut ans.out, &line)? == Flow::Closed {
                            return Ok(Flow::Closed);
                        }
                        if let Some(b) = &bar {
                            b.inc(skipped);
                        }
                        continue;
                    }
                    Block::Failed(e) => {
                        // The lines read before the failure are answered first.
                        pool.drain(&mut ans)?;
                        return Err(unreadable(e));
                    }
                };
                let data = &buf[..len];
                // Blank lines at the end of this block wait for a later line (see `held_blank`): `cut` is
                // where they begin (the end of the last line that is not blank).
                let cut = match data
                    .iter()
                    .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                {
                    Some(i) => memchr::memchr(b'\n', &data[i..]).map_or(data.len(), |n| i + n + 1),
                    None => 0,
                };
                if cut > 0 && pool.answer_held(checker, &mut ans)? == Flow::Closed {
                    return Ok(Flow::Closed);
                }
                // The lines up to `cut`, handed to the workers (who go on from one block to the next).
                if pool.dispatch(&buf, cut, &mut ans)? == Flow::Closed {
                    return Ok(Flow::Closed);
                }
                // The blank lines after `cut` (a final newline does not start another line).
                if cut < data.len() {
                    let tail = &data[cut..];
                    let tail = tail.strip_suffix(b"\n").unwrap_or(tail);
                    for l in tail.split(|&b| b == b'\n') {
                        // Too many different blank lines held: answer them now (see `MAX_HELD_RUNS`).
                        if ans.held_blank.hold(l)
                            && pool.answer_held(checker, &mut ans)? == Flow::Closed
                        {
                            return Ok(Flow::Closed);
                        }
                    }
                }
                if let Some(b) = &bar {
                    match size {
                        Some(_) => b.inc(len as u64),
                        None => b.set_position(ans.lines as u64),
                    }
                }
                // The block goes back to the reader when its last chunk is checked (here, if that was already).
                give_back(buf, &spent_tx);
            }
            pool.drain(&mut ans)
        })();
        // Whatever happened, the workers stop (those still checking finish their chunk first).
        pool.stop();
        flow
    });
    // Whatever happened, the reader must not wait for us any longer.
    drop(block_rx);
    match flow? {
        // `tuiyi batch big.jsonl | head`: the reader of the output is gone; nothing more to do or say.
        Flow::Closed => return Ok(Outcome::Ok),
        Flow::Open => {}
    }
    let Answers {
        mut out,
        counts,
        lines: total,
        ..
    } = ans;
    if let Err(e) = out.flush() {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(Outcome::Ok);
        }
        return Err(Failure(crate::write_error(&e)));
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

/// One chunk's reports, or a part of them (`None`: checking it panicked, a bug).
struct Checked {
    chunk: usize,
    out: Option<Vec<u8>>,
    counts: Counts,
    /// The chunk's last reports (else a part, more to come).
    last: bool,
    /// With the last reports: the chunk's bytes of input and of reports (all its parts').
    weight: (usize, usize),
}

/// Hands a part of a chunk's reports over (and the counts; both are emptied); false: the run is ending, stop
/// checking.
type Part<'a> = dyn FnMut(&mut Vec<u8>, &mut Counts) -> bool + 'a;

/// What checks a chunk: its lines (without the final newline), the number of its first line, the buffer its
/// reports go to, the counts, and the [`Part`] to call when the buffer holds [`PART_BYTES`] or more.
type CheckChunk<'a> = dyn Fn(&[u8], usize, &mut Vec<u8>, &mut Counts, &mut Part) + Sync + 'a;

/// The chunk being written (every chunk before it is written): a worker with a part of a later chunk waits
/// here until its chunk is the one. Woken when the main thread moves on, and when the run stops.
#[derive(Default)]
struct Gate {
    writing: Mutex<usize>,
    moved: std::sync::Condvar,
}

impl Gate {
    /// Wait until `chunk` is being written; false if the run stopped first.
    fn wait_for(&self, chunk: usize, stop: &AtomicBool) -> bool {
        let Ok(mut writing) = self.writing.lock() else {
            return false;
        };
        while *writing < chunk && !stop.load(Ordering::Relaxed) {
            writing = match self.moved.wait(writing) {
                Ok(w) => w,
                Err(_) => return false,
            };
        }
        !stop.load(Ordering::Relaxed)
    }

    /// Is `chunk` being written?
    fn is_writing(&self, chunk: usize) -> bool {
        self.writing.lock().is_ok_and(|w| *w == chunk)
    }

    fn set(&self, chunk: usize) {
        if let Ok(mut writing) = self.writing.lock() {
            *writing = chunk;
        }
        self.moved.notify_all();
    }

    /// Wake every waiting worker (the run stops: they see the flag).
    fn wake(&self) {
        // Taken so that a worker between its test of the flag and its wait is not missed.
        drop(self.writing.lock());
        self.moved.notify_all();
    }
}

/// A chunk of lines to check: its sequence number, the block it lies in, where, and its first line's number.
struct Job {
    chunk: usize,
    block: Arc<Vec<u8>>,
    range: std::ops::Range<usize>,
    first: usize,
}

/// Return a block to the reader once nothing holds it any more (only one holder's call gets it).
fn give_back(block: Arc<Vec<u8>>, spent: &mpsc::Sender<Vec<u8>>) {
    if let Some(buf) = Arc::into_inner(block) {
        // The reader may have finished already: then the buffer is simply freed.
        let _ = spent.send(buf);
    }
}

/// The workers of a run, one per core, alive from the first block to the last: the main thread cuts each
/// block's lines into chunks ([`CHUNK_LINES`]) and hands them over, and writes the chunks' reports in order.
/// A block's last chunks and the next block's first are checked side by side (workers joined at the end of
/// every block sat idle while the slowest finished). At most [`WINDOW_PER_THREAD`] × threads chunks are
/// handed over and not yet written: this bounds the memory held for reports.
struct Pool {
    jobs: Option<mpsc::Sender<Job>>,
    results: mpsc::Receiver<Checked>,
    stop: Arc<AtomicBool>,
    /// Chunks handed over, chunks written, and those checked but waiting for an earlier one.
    handed: usize,
    written: usize,
    pending: BTreeMap<usize, Checked>,
    window: usize,
    gate: Arc<Gate>,
    /// The input bytes of the next chunks: [`CHUNK_BYTES`], or fewer when the last chunk checked had heavy
    /// reports ([`Pool::weigh`]).
    chunk_bytes: usize,
}

impl Pool {
    /// `threads` workers, each checking the chunks it is handed with `check`.
    fn start<'scope, 'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        check: &'env CheckChunk<'env>,
        threads: usize,
        spent: &mpsc::Sender<Vec<u8>>,
    ) -> Pool {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (tx, results) = mpsc::channel::<Checked>();
        let stop = Arc::new(AtomicBool::new(false));
        let gate = Arc::new(Gate::default());
        for _ in 0..threads {
            let (job_rx, tx, stop, spent, gate) = (
                job_rx.clone(),
                tx.clone(),
                stop.clone(),
                spent.clone(),
                gate.clone(),
            );
            scope.spawn(move || loop {
                let job = match job_rx.lock() {
                    Ok(rx) => match rx.recv() {
                        Ok(job) => job,
                        Err(_) => return,
                    },
                    Err(_) => return,
                };
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let lines = &job.block[job.range.clone()];
                let lines = lines.strip_suffix(b"\n").unwrap_or(lines);
                // A part goes to be written at once when its chunk is the one being written; otherwise the
                // worker goes on until it holds HOLD_BYTES, then waits for its chunk's turn.
                let mut sent = 0;
                let mut part = |o: &mut Vec<u8>, k: &mut Counts| {
                    if o.len() < HOLD_BYTES && !gate.is_writing(job.chunk) {
                        return !stop.load(Ordering::Relaxed);
                    }
                    sent += o.len();
                    gate.wait_for(job.chunk, &stop)
                        && tx
                            .send(Checked {
                                chunk: job.chunk,
                                out: Some(std::mem::take(o)),
                                counts: std::mem::take(k),
                                last: false,
                                weight: (0, 0),
                            })
                            .is_ok()
                };
                // A panic (a bug) must not leave the writer waiting for this chunk for ever: it is told.
                let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut o = Vec::with_capacity(lines.len() / 8 + 64);
                    let mut k = Counts::default();
                    check(lines, job.first, &mut o, &mut k, &mut part);
                    (o, k)
                }));
                give_back(job.block, &spent);
                let checked = match checked {
                    Ok((o, k)) => Checked {
                        chunk: job.chunk,
                        weight: (job.range.len(), sent + o.len()),
                        out: Some(o),
                        counts: k,
                        last: true,
                    },
                    Err(_) => Checked {
                        chunk: job.chunk,
                        out: None,
                        counts: Counts::default(),
                        last: true,
                        weight: (0, 0),
                    },
                };
                if tx.send(checked).is_err() {
                    return;
                }
            });
        }
        Pool {
            jobs: Some(jobs),
            results,
            stop,
            handed: 0,
            written: 0,
            pending: BTreeMap::new(),
            window: WINDOW_PER_THREAD * threads,
            gate,
            chunk_bytes: CHUNK_BYTES,
        }
    }

    /// Hand over the whole lines of `block[..end]` (the last one without its newline or with it) in chunks,
    /// numbering them from `a.lines` (which counts them), writing reports as they come.
    fn dispatch(
        &mut self,
        block: &Arc<Vec<u8>>,
        end: usize,
        a: &mut Answers<impl Write>,
    ) -> Result<Flow, Failure> {
        let text = &block[..end];
        let text = text.strip_suffix(b"\n").unwrap_or(text);
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let (mut n, mut stop) = (0, 0);
            while stop < rest.len() && n < CHUNK_LINES && (n == 0 || stop < self.chunk_bytes) {
                stop = memchr::memchr(b'\n', &rest[stop..]).map_or(rest.len(), |i| stop + i + 1);
                n += 1;
            }
            while self.handed >= self.written + self.window {
                if self.receive(a)? == Flow::Closed {
                    return Ok(Flow::Closed);
                }
            }
            let job = Job {
                chunk: self.handed,
                block: block.clone(),
                range: at..at + stop,
                first: a.lines,
            };
            match &self.jobs {
                Some(jobs) if jobs.send(job).is_ok() => {}
                // The workers are gone (one panicked): nothing can be checked any more.
                _ => return Err(Failure(Error::internal("batch: the workers stopped"))),
            }
            self.handed += 1;
            a.lines += n;
            at += stop;
        }
        Ok(Flow::Open)
    }

    /// Wait for one chunk's reports, and write every chunk that is next in order.
    fn receive(&mut self, a: &mut Answers<impl Write>) -> Result<Flow, Failure> {
        let Ok(checked) = self.results.recv() else {
            return Err(Failure(Error::internal("batch: the workers stopped")));
        };
        if !checked.last {
            // A part comes only once its chunk is the one being written ([`Gate`]): written now.
            let (Some(reports), true) = (checked.out, checked.chunk == self.written) else {
                return Err(Failure(Error::internal("batch: a part out of order")));
            };
            a.counts.add(&checked.counts);
            return write_out(&mut a.out, &reports);
        }
        self.weigh(checked.weight);
        self.pending.insert(checked.chunk, checked);
        let before = self.written;
        while let Some(c) = self.pending.remove(&self.written) {
            let Some(reports) = c.out else {
                return Err(Failure(Error::internal(
                    "batch: checking a chunk of lines failed (a bug in tuiyi)",
                )));
            };
            a.counts.add(&c.counts);
            self.written += 1;
            if write_out(&mut a.out, &reports)? == Flow::Closed {
                return Ok(Flow::Closed);
            }
        }
        if self.written != before {
            self.gate.set(self.written);
        }
        Ok(Flow::Open)
    }

    /// Size the next chunks by the reports of the last one checked, `weight` (its input and report bytes): as
    /// many input bytes as give about [`PART_BYTES`] of reports, within [`MIN_CHUNK_BYTES`]..[`CHUNK_BYTES`].
    /// Valid forms (40 bytes of report for 3 KB) keep the largest chunks; lines whose reports are a hundred
    /// times their size get chunks of a few lines, each handed over whole, so workers seldom wait ([`Gate`]).
    fn weigh(&mut self, (input, reports): (usize, usize)) {
        if input > 0 {
            let fit = PART_BYTES as u128 * input as u128 / reports.max(1) as u128;
            self.chunk_bytes =
                usize::try_from(fit).map_or(CHUNK_BYTES, |b| b.clamp(MIN_CHUNK_BYTES, CHUNK_BYTES));
        }
    }

    /// Write the reports of every chunk handed over.
    fn drain(&mut self, a: &mut Answers<impl Write>) -> Result<Flow, Failure> {
        while self.written < self.handed {
            if self.receive(a)? == Flow::Closed {
                return Ok(Flow::Closed);
            }
        }
        Ok(Flow::Open)
    }

    /// Answer the blank lines held back, if any (see [`Checker::release_blank`]), after the reports of every
    /// chunk handed over, which come before them. With nothing held, nothing waits: the workers run on.
    fn answer_held(
        &mut self,
        checker: Checker<'_>,
        a: &mut Answers<impl Write>,
    ) -> Result<Flow, Failure> {
        if a.held_blank.0.is_empty() {
            return Ok(Flow::Open);
        }
        if self.drain(a)? == Flow::Closed {
            return Ok(Flow::Closed);
        }
        checker.release_blank(a)
    }

    /// No more chunks: the workers end (after the chunk each is checking, if any).
    fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.jobs = None;
        // A worker waiting to hand over a part gives up.
        self.gate.wake();
    }
}

enum Block {
    /// A buffer whose first bytes hold whole lines (the last one may lack its newline only at the end of
    /// the input), and how many.
    Lines(Vec<u8>, usize),
    /// A line longer than a block, skipped up to its newline: how many bytes were skipped.
    Overlong(u64),
    Failed(std::io::Error),
}

/// Read the input into blocks of [`BUF_BYTES`] that end on a line boundary (the partial last line is carried
/// into the next block) and send them in order. Stops at the end of the input, on a read error, or when the
/// receiver has gone.
fn read_blocks(
    mut reader: Box<dyn Read + Send>,
    tx: &std::sync::mpsc::SyncSender<Block>,
    spent: &std::sync::mpsc::Receiver<Vec<u8>>,
) {
    let mut carry: Vec<u8> = Vec::new();
    let mut eof = false;
    // Inside a line too long for a block: its bytes are dropped up to the next newline.
    let mut skipping: Option<u64> = None;
    while !eof || !carry.is_empty() {
        // Buffers keep their full length (a fresh one is zeroed lazily by the OS): no per-block memset.
        let mut buf = spent.try_recv().unwrap_or_else(|_| vec![0u8; BUF_BYTES]);
        buf[..carry.len()].copy_from_slice(&carry);
        let mut filled = carry.len();
        carry.clear();
        // About FILL_BYTES are read, then the block is handed over while its bytes are still in the caches;
        // more only while the block holds no newline (a line longer than that), up to the whole buffer.
        let mut target = (filled + FILL_BYTES).min(BUF_BYTES);
        // No newline before `searched` (the carried bytes are searched too: after a skipped line they may
        // hold several lines).
        let mut searched = 0;
        loop {
            if eof || filled == BUF_BYTES {
                break;
            }
            if filled >= target {
                if memchr::memchr(b'\n', &buf[searched..filled]).is_some() {
                    break;
                }
                searched = filled;
                target = (filled + FILL_BYTES).min(BUF_BYTES);
            }
            match reader.read(&mut buf[filled..target]) {
                Ok(0) => eof = true,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Block::Failed(e));
                    return;
                }
            }
        }
        let data = &buf[..filled];
        if let Some(skipped) = skipping {
            match memchr::memchr(b'\n', data) {
                Some(i) => {
                    skipping = None;
                    if tx.send(Block::Overlong(skipped + i as u64 + 1)).is_err() {
                        return;
                    }
                    carry.extend_from_slice(&data[i + 1..]);
                }
                None if eof => {
                    let _ = tx.send(Block::Overlong(skipped + filled as u64));
                    return;
                }
                None => skipping = Some(skipped + filled as u64),
            }
            continue;
        }
        if eof {
            if filled > 0 {
                let _ = tx.send(Block::Lines(buf, filled));
            }
            return;
        }
        match memchr::memrchr(b'\n', data) {
            Some(i) => {
                carry.extend_from_slice(&data[i + 1..]);
                if tx.send(Block::Lines(buf, i + 1)).is_err() {
                    return;
                }
            }
            // A full block without a newline: the line is over the size limit.
            None => skipping = Some(filled as u64),
        }
    }
}

fn progress_bar(size: Option<u64>) -> indicatif::ProgressBar {
    let (b, template) = match size {
        Some(n) => (
            indicatif::ProgressBar::new(n),
            "{bar:40} {bytes}/{total_bytes} · {binary_bytes_per_sec} · 剩余 {eta}",
        ),
        None => (
            indicatif::ProgressBar::new_spinner(),
            "{spinner} {pos} 表 · {per_sec}",
        ),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        b.set_style(style);
    }
    b
}

/// Whether the output is still read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Open,
    Closed,
}

fn write_out(out: &mut impl Write, bytes: &[u8]) -> Result<Flow, Failure> {
    match out.write_all(bytes) {
        Ok(()) => Ok(Flow::Open),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Flow::Closed),
        // A full disk, an I/O error: the run ends now, with the error.
        Err(e) => Err(Failure(crate::write_error(&e))),
    }
}

/// Blank lines held back (see `held_blank` in [`run`]), as runs of equal lines: a blank line's report
/// depends only on its bytes (the column of the syntax error), so a million `\n`s take one run, not a
/// million buffers.
#[derive(Default)]
struct HeldBlank(Vec<(Vec<u8>, usize)>);

impl HeldBlank {
    /// Hold one more blank line; true when so many different runs are held that they should be answered
    /// now ([`MAX_HELD_RUNS`]: only an input of over 65,000 alternating kinds of blank lines gets there;
    /// then its trailing blank lines may be answered as bad lines, where they would otherwise be dropped).
    fn hold(&mut self, line: &[u8]) -> bool {
        match self.0.last_mut() {
            Some((l, n)) if l.as_slice() == line => *n += 1,
            _ => self.0.push((line.to_vec(), 1)),
        }
        self.0.len() >= MAX_HELD_RUNS
    }
}

impl Checker<'_> {
    /// Answer the blank lines held back, now that a later line shows they were inside the batch: written
    /// out [`BLANK_REPORTS`] reports at a time (twenty million held `\n`s make six gigabytes of reports).
    fn release_blank(&self, a: &mut Answers<impl Write>) -> Result<Flow, Failure> {
        let mut buf = Vec::new();
        let mut pending = 0;
        for (l, n) in std::mem::take(&mut a.held_blank.0) {
            for _ in 0..n {
                a.lines += 1;
                self.line(a.lines, &l, &mut buf, &mut a.counts);
                pending += 1;
                if pending == BLANK_REPORTS {
                    if write_out(&mut a.out, &buf)? == Flow::Closed {
                        return Ok(Flow::Closed);
                    }
                    buf.clear();
                    pending = 0;
                }
            }
        }
        write_out(&mut a.out, &buf)
    }
}

fn write_bad(buf: &mut Vec<u8>, line: usize, e: &Error) {
    if serde_json::to_writer(&mut *buf, &BadLine { line, error: e }).is_err() {
        buf.extend_from_slice(b"null");
    }
    buf.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run `lines` through a pool of two workers whose check panics on line `bad` (a bug): the run ends with an
    /// error (before any report of that line or after it is written), within seconds — a worker's panic used to
    /// leave the writer waiting for that chunk for ever once the workers outlived the block.
    fn run_pool(lines: usize, bad: usize, part_bytes: usize) -> (Result<Flow, Failure>, Vec<u8>) {
        let text: Vec<u8> = (1..=lines)
            .flat_map(|i| format!("{i}\n").into_bytes())
            .collect();
        let len = text.len();
        let block = Arc::new(text);
        let check =
            move |lines: &[u8], first: usize, o: &mut Vec<u8>, k: &mut Counts, part: &mut Part| {
                for (i, _) in lines.split(|&b| b == b'\n').enumerate() {
                    assert!(first + i + 1 != bad, "a bug");
                    o.extend_from_slice(format!("{}\n", first + i + 1).as_bytes());
                    k.valid += 1;
                    if o.len() >= part_bytes && !part(o, k) {
                        return;
                    }
                }
            };
        let (spent_tx, _spent_rx) = mpsc::channel();
        let mut out = Vec::new();
        let result = std::thread::scope(|scope| {
            let mut pool = Pool::start(scope, &check, 2, &spent_tx);
            let mut a = Answers {
                out: &mut out,
                counts: Counts::default(),
                lines: 0,
                held_blank: HeldBlank::default(),
            };
            let r = pool
                .dispatch(&block, len, &mut a)
                .and_then(|_| pool.drain(&mut a));
            pool.stop();
            r
        });
        (result, out)
    }

    #[test]
    fn a_panicking_chunk_ends_the_run_with_an_error() {
        // Reports handed over whole, and in parts of a few lines (workers of later chunks then wait for their
        // turn when the panic ends the run: they must not keep it from ending).
        for part_bytes in [usize::MAX, 20] {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(run_pool(5_000, 3_000, part_bytes));
            });
            let (result, out) = rx
                .recv_timeout(std::time::Duration::from_secs(30))
                .expect("the run hung");
            let Err(Failure(e)) = result else {
                panic!("no error")
            };
            assert_eq!(e.code, "internal_error", "{e:?}");
            // Every report written is of a line before the bad one, in order.
            let written: Vec<usize> = String::from_utf8(out)
                .expect("utf-8")
                .lines()
                .map(|l| l.parse().expect("number"))
                .collect();
            assert!(written.iter().all(|&n| n < 3_000));
            assert!(written.iter().enumerate().all(|(i, &n)| n == i + 1));
        }
    }

    #[test]
    fn reports_in_parts_are_written_in_order() {
        // Without the bug, every line is answered in order: reports handed over whole, in parts of one line
        // and of a few.
        for part_bytes in [usize::MAX, 1, 20] {
            let (result, out) = run_pool(20_000, 0, part_bytes);
            assert!(matches!(result, Ok(Flow::Open)), "parts of {part_bytes}");
            let lines: Vec<usize> = String::from_utf8(out)
                .expect("utf-8")
                .lines()
                .map(|l| l.parse().expect("number"))
                .collect();
            assert_eq!(lines.len(), 20_000, "parts of {part_bytes}");
            assert!(lines.iter().enumerate().all(|(i, &n)| n == i + 1));
        }
    }
}
