//! # tuiyi-host
//!
//! What the bindings of tuiyi-core (Python, Node, WebAssembly) share, so that each face keeps only "read a
//! host value into the sink" and its host-specific types:
//!
//! - [`sink`]: the [`Sink`](sink::Sink) a face's walker writes a host value into — a core [`Doc`] or a flat
//!   [`Tape`](tape::Tape) — with every input limit checked *before* anything is copied ([`budget`]), and
//!   errors that carry their JSON Pointer (collected on the way back up: nothing is spent on paths while a
//!   valid value is read);
//! - [`call`]: an operation's JSON input assembled from positional and keyword arguments, by the table of
//!   operations (`tuiyi_core::ops`);
//! - [`guard`]: a panic inside tuiyi becomes `internal_error`, silently (nothing reaches the host's stderr);
//! - [`many`]: `validate_many` — chunks, a fork-safe thread pool, results in input order, errors at
//!   `/<index>/…`;
//! - [`tape`]: a value flattened in document order;
//! - [`utf16`]: two-byte code units to UTF-8, for JavaScript's strings (Node) and CPython's two-byte `str`
//!   storage (Python) (`unsafe` here, with SSE2 for runs of ASCII on x86-64; it runs under Miri in CI);
//! - `alloc` (feature `mimalloc`): mimalloc as the global allocator of the CLI, the wheel, the addon and the
//!   benches, and its tuning (the workspace's other `unsafe`: calls into mimalloc).
//!
//! [`Doc`]: tuiyi_core::doc::Doc

#[cfg(feature = "mimalloc")]
#[allow(unsafe_code)]
pub mod alloc;
pub mod budget;
pub mod call;
#[doc(hidden)]
pub mod fuzzing;
pub mod guard;
#[cfg(feature = "threads")]
pub mod many;
pub mod sink;
pub mod tape;
#[allow(unsafe_code)]
pub mod utf16;

pub use budget::{Budget, Fail, FailKind};
pub use sink::{DocSink, Sink};
pub use tape::Tape;
