//! # tuiyi-core
//!
//! 山西省军人退役“一件事”集成服务规则引擎（晋退役军人发〔2024〕17号）。
//! The rules engine behind Shanxi's "one thing" service for discharged soldiers resettled for
//! self-employment: working-day calendar, rule pack with provenance, eligibility, materials, deadlines,
//! plan, registration-form checks, JSON Schema, dispatch and pre-review.
//!
//! Pure Rust, no I/O except explicit directory loading, no binding concerns. [`Engine`] is `Send + Sync`.
//! The JSON facade [`api::run`] is what the CLI, Python and Node faces call.

pub mod api;
pub mod calendar;
pub mod catalogue;
pub mod checks;
pub mod clock;
pub mod code_info;
pub mod date;
pub mod deadlines;
pub mod dispatch;
pub mod doc;
pub mod eligibility;
pub mod engine;
pub mod error;
pub mod files;
pub mod form;
#[doc(hidden)]
pub mod fuzzing;
pub mod guide;
pub mod limits;
pub mod mask;
pub mod materials;
pub mod ops;
pub mod pack;
pub mod parse;
pub mod plan;
pub mod prereview;
pub mod report;
pub mod schemas;
pub mod signature;
pub mod strict;

pub mod types;
pub mod vocab;

pub use calendar::{Answer, Calendar, CalendarMode, PeriodEnd};
pub use code_info::{CodeInfo, Severity};
pub use date::Date;
pub use engine::Engine;
pub use error::{Error, ErrorKind, Result};
pub use pack::RulePack;

/// The hash map of the core's lookup tables (division names, code-table spellings): built once from the
/// embedded or loaded rules and read for every value, so it hashes with foldhash's fixed-seed hasher
/// (several times faster than std's SipHash on short keys; the keys are the rules' own, so hash flooding
/// is no concern, and the same seed everywhere keeps WebAssembly free of a randomness source).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
