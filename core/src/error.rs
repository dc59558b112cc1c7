//! The one error type every face sees.
//!
//! An [`Error`] is what a call returns when it cannot give an answer at all (bad input, a date the calendar
//! does not cover, a broken rule pack). Findings about a form that *can* be checked are not errors: they are
//! [`crate::form::report`] findings inside a successful `Report`.
//!
//! Every error has a stable snake_case `code` (listed by [`crate::catalogue`]), a JSON Pointer `path` to the
//! offending input ("" for the whole input), a Chinese `message` and an English `message_en`. Messages are
//! rendered from the code's templates ([`Error::coded`]); message and path are scrubbed of personal numbers
//! ([`crate::mask::scrub`]) when the error is built, whoever builds it.

use serde::Serialize;

/// Broad class of an error; the bindings map each to an exception / error class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The caller's input is malformed: wrong type, unknown field or enum value, bad date, too large.
    BadInput,
    /// A date falls in a year the loaded calendar has no notice for.
    CalendarCoverage,
    /// A rule pack or calendar file (embedded or from a directory) could not be loaded.
    RulePack,
    /// A bug inside tuiyi (e.g. a caught panic). Never expected; always a defect to report.
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::BadInput => "bad_input",
            ErrorKind::CalendarCoverage => "calendar_coverage",
            ErrorKind::RulePack => "rule_pack",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error a clerk (or a developer) can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, schemars::JsonSchema)]
#[error("{code} at {path:?}: {message} ({message_en})")]
pub struct Error {
    pub kind: ErrorKind,
    /// Stable snake_case code, e.g. `calendar_year_not_covered`.
    pub code: String,
    /// JSON Pointer (RFC 6901) into the input; "" means the input as a whole.
    pub path: String,
    /// Chinese message.
    pub message: String,
    /// English message.
    pub message_en: String,
}

impl Error {
    pub fn new(
        kind: ErrorKind,
        code: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        let scrub = crate::mask::scrub_owned;
        Error {
            kind,
            code: code.into(),
            path: scrub(path.into()),
            message: scrub(message.into()),
            message_en: scrub(message_en.into()),
        }
    }

    /// An error of `kind` from a code's templates (`args` fill its `{placeholders}`).
    pub fn coded(
        kind: ErrorKind,
        info: &crate::code_info::CodeInfo,
        path: impl Into<String>,
        args: &[(&str, &str)],
    ) -> Self {
        let (zh, en) = crate::code_info::messages(info, args);
        Self::new(kind, info.code, path, zh, en)
    }

    /// A `bad_input` error from a code's templates.
    pub fn bad_input_code(
        info: &crate::code_info::CodeInfo,
        path: impl Into<String>,
        args: &[(&str, &str)],
    ) -> Self {
        Self::coded(ErrorKind::BadInput, info, path, args)
    }

    pub fn bad_input(
        code: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Self::new(ErrorKind::BadInput, code, path, message, message_en)
    }

    pub fn internal(what: impl Into<String>) -> Self {
        let what = what.into();
        Self::new(
            ErrorKind::Internal,
            "internal_error",
            "",
            format!("tuiyi 内部错误，请报告此问题：{what}"),
            format!("internal error in tuiyi, please report it: {what}"),
        )
    }

    /// Prefix the path with a JSON Pointer (used when an input is nested inside a larger one).
    pub fn at(mut self, prefix: &str) -> Self {
        self.path = format!("{}{}", crate::mask::scrub(prefix), self.path);
        self
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A user-supplied object key as a JSON Pointer token in an error path: quoted like any user value (masked,
/// cut, control characters escaped), then escaped.
pub fn pointer_key(key: &str) -> String {
    escape_pointer_token(&crate::mask::value(key))
}

/// Escape one JSON Pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
