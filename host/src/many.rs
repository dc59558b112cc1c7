//! `validate_many`, shared by every face with threads: the host thread reads forms onto tapes a chunk at a
//! time (host objects can only be read there) and hands each chunk to a thread pool, which validates it
//! and hands back results in input order while the next chunk is read.
//!
//! The pool is the process's own and is rebuilt after `fork()`: a child of a process that used it (Python
//! `multiprocessing` with fork, gunicorn `--preload`, celery prefork) would otherwise wait forever for
//! threads that do not exist in it.

use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use rayon::ThreadPool;
use tuiyi_core::report::Report;
use tuiyi_core::{Engine, Error};

use crate::guard::guard;
use crate::tape::Tape;

/// Forms per task handed to the pool.
pub const CHUNK: usize = 16;

static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// The thread pool of this process (built on first use, and again in a forked child).
pub fn pool() -> Result<Arc<ThreadPool>, Error> {
    let mut slot = POOL.lock().unwrap_or_else(|p| p.into_inner());
    let pid = std::process::id();
    if let Some((owner, pool)) = slot.as_ref() {
        if *owner == pid {
            return Ok(Arc::clone(pool));
        }
    }
    // In a forked child the old pool's threads are gone: its handle is forgotten, never dropped (dropping
    // it would wait for them).
    if let Some(old) = slot.take() {
        std::mem::forget(old);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("tuiyi-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| Error::internal(format!("thread pool: {e}")))?;
    *slot = Some((pid, Arc::clone(&pool)));
    Ok(pool)
}

/// One chunk's results: its first index, and each form's outcome.
pub type Chunk<T> = (usize, Vec<Result<T, Error>>);

/// The pipeline: submit chunks as they are read, take finished ones in any order, place them by index.
pub struct Many<T: Send + 'static> {
    engine: Engine,
    today: Option<NaiveDate>,
    finish: fn(Report) -> T,
    pool: Arc<ThreadPool>,
    tx: Sender<Chunk<T>>,
    rx: Receiver<Chunk<T>>,
    in_flight: usize,
}

impl<T: Send + 'static> Many<T> {
    /// A pipeline validating with `engine` as of `today`; `finish` turns each report into what the face
    /// hands back (run on the pool's threads).
    pub fn new(
        engine: Engine,
        today: Option<NaiveDate>,
        finish: fn(Report) -> T,
    ) -> Result<Self, Error> {
        let (tx, rx) = channel();
        Ok(Many {
            engine,
            today,
            finish,
            pool: pool()?,
            tx,
            rx,
            in_flight: 0,
        })
    }

    /// Validate the `count` forms written on `tape` (in order), the first being form number `start`. A form
    /// written as one string is its JSON text.
    pub fn submit(&mut self, start: usize, count: usize, tape: Tape) {
        let engine = self.engine.clone();
        let today = self.today;
        let finish = self.finish;
        let tx = self.tx.clone();
        self.in_flight += 1;
        self.pool.spawn(move || {
            let results = validate_tape(&engine, today, &tape, count, finish);
            drop(tape);
            let _ = tx.send((start, results));
        });
    }

    /// A finished chunk, if one is ready.
    pub fn ready(&mut self) -> Option<Chunk<T>> {
        let c = self.rx.try_recv().ok()?;
        self.in_flight -= 1;
        Some(c)
    }

    /// Wait at most `timeout` for a finished chunk (`None`: none yet, or none left — see [`Many::pending`]).
    pub fn wait(&mut self, timeout: Duration) -> Option<Chunk<T>> {
        if self.in_flight == 0 {
            return None;
        }
        match self.rx.recv_timeout(timeout) {
            Ok(c) => {
                self.in_flight -= 1;
                Some(c)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Chunks submitted and not yet taken.
    pub fn pending(&self) -> usize {
        self.in_flight
    }
}

/// Validate the `count` forms written on `tape` (in order) as of `today`, each outcome through `finish`; a
/// form written as one string is its JSON text (parsed here, at `/form`); a panic is that form's
/// `internal_error`. What the pool runs for [`Many::submit`], and for a face that hands a chunk to the pool
/// itself (the Node face resolves a promise per chunk).
pub fn validate_tape<T>(
    engine: &Engine,
    today: Option<NaiveDate>,
    tape: &Tape,
    count: usize,
    finish: fn(Report) -> T,
) -> Vec<Result<T, Error>> {
    let mut pos = 0usize;
    (0..count)
        .map(|_| {
            let form = tape.read_doc(&mut pos);
            // Parsed here, or read off the tape: owned either way, so made canonical in place when it must
            // be, not copied.
            guard(|| match form {
                tuiyi_core::doc::Doc::String(text) => {
                    let doc = tuiyi_core::parse::parse_at(&text, 2, "/form")?;
                    Ok(finish(engine.validate_parsed(doc, today)))
                }
                doc => Ok(finish(engine.validate_parsed(doc, today))),
            })
        })
        .collect()
}

/// An error of form `index` as `validate_many` reports it: its path under `/<index>` instead of `/form`.
pub fn at_index(mut e: Error, index: usize) -> Error {
    e.path = match e.path.strip_prefix("/form") {
        Some(rest) => format!("/{index}{rest}"),
        None => format!("/{index}{}", e.path),
    };
    e
}

/// Results placed in input order: `slots[i]` is form `i`'s; the first error (lowest index) wins.
pub struct Ordered<T> {
    pub slots: Vec<Option<T>>,
    pub first_error: Option<(usize, Error)>,
}

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered {
            slots: Vec::new(),
            first_error: None,
        }
    }
}

impl<T> Ordered<T> {
    /// Make room for one more form.
    pub fn push_slot(&mut self) {
        self.slots.push(None);
    }

    /// Record a failure of form `index` (kept if it comes before every other one).
    pub fn fail(&mut self, index: usize, e: Error) {
        if self.first_error.as_ref().is_none_or(|(j, _)| index < *j) {
            self.first_error = Some((index, at_index(e, index)));
        }
    }

    /// Place a finished chunk, converting each result with `convert` (on the host thread).
    pub fn place<R, E>(
        &mut self,
        (start, results): Chunk<R>,
        mut convert: impl FnMut(R) -> Result<T, E>,
    ) -> Result<(), E> {
        for (k, r) in results.into_iter().enumerate() {
            let i = start + k;
            match r {
                Ok(v) => {
                    let v = convert(v)?;
                    if let Some(slot) = self.slots.get_mut(i) {
                        *slot = Some(v);
                    }
                }
                Err(e) => self.fail(i, e),
            }
        }
        Ok(())
    }

    /// Every result, or the first failure.
    pub fn finish(self) -> Result<Vec<T>, Error> {
        if let Some((_, e)) = self.first_error {
            return Err(e);
        }
        self.slots
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                s.ok_or_else(|| Error::internal(format!("validate_many: no result for form {i}")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let engine = Engine::embedded().expect("engine");
        let mut many: Many<bool> =
            Many::new(engine, NaiveDate::from_ymd_opt(2025, 1, 1), |r| r.valid).expect("pipeline");
        let mut ordered: Ordered<bool> = Ordered::default();
        for chunk in 0..10 {
            let mut tape = Tape::new();
            for _ in 0..CHUNK {
                let o = tape.begin_object();
                tape.end(o, 0);
                ordered.push_slot();
            }
            many.submit(chunk * CHUNK, CHUNK, tape);
        }
        while many.pending() > 0 {
            if let Some(c) = many.wait(Duration::from_secs(10)) {
                ordered.place(c, Ok::<bool, ()>).expect("place");
            }
        }
        let all = ordered.finish().expect("all");
        assert_eq!(all.len(), 10 * CHUNK);
        assert!(all.iter().all(|v| !v), "an empty form is not valid");
    }
}
