//! The validation report: every finding, not the first one (issue 3 §3).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::code_info::{CodeInfo, Severity};

/// One finding about a form (or an applicant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// Stable snake_case code (see `tuiyi codes`). Borrowed from the catalogue when the core makes the finding
    /// (no allocation per finding); owned when it is read back from JSON.
    pub code: Cow<'static, str>,
    /// JSON Pointer into the form.
    pub path: String,
    pub severity: Severity,
    /// Chinese message (from the template table; IDs and card numbers masked).
    pub message: String,
    pub message_en: String,
    /// The clause, law or standard the rule comes from (borrowed from the catalogue, as `code`).
    pub rule: Cow<'static, str>,
}

impl Finding {
    /// Build a finding from a catalogue entry and template arguments. Message and path are scrubbed of
    /// personal numbers ([`crate::mask::scrub`]) here, whatever the arguments hold.
    pub fn new(info: &CodeInfo, path: impl Into<String>, args: &[(&str, &str)]) -> Finding {
        Finding::with_clean(info, path, args, 0)
    }

    /// [`Finding::new`], where bit `i` of `clean` says that `args[i]` holds no digit of any script (see
    /// [`crate::code_info::scrubbed_messages_with`]).
    pub(crate) fn with_clean(
        info: &CodeInfo,
        path: impl Into<String>,
        args: &[(&str, &str)],
        clean: u16,
    ) -> Finding {
        let (message, message_en) = crate::code_info::scrubbed_messages_with(info, args, clean);
        Finding {
            code: Cow::Borrowed(info.code),
            path: crate::mask::scrub_owned(path.into()),
            severity: info.severity,
            message,
            message_en,
            rule: Cow::Borrowed(info.rule),
        }
    }
}

/// `validate(form)`: `valid` is true when there is no error (warnings do not block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(title = "登记表校验报告 · Report")]
pub struct Report {
    pub valid: bool,
    /// Sorted by (path, code) — deterministic.
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl Report {
    /// Split findings by severity and sort them deterministically.
    pub fn from_findings(mut findings: Vec<Finding>) -> Report {
        findings
            .sort_by(|a, b| (&a.path, &a.code, &a.message).cmp(&(&b.path, &b.code, &b.message)));
        findings.dedup();
        let (errors, warnings): (Vec<_>, Vec<_>) = findings
            .into_iter()
            .partition(|f| f.severity == Severity::Error);
        Report {
            valid: errors.is_empty(),
            errors,
            warnings,
        }
    }
}
