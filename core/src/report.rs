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
        Finding::with_clean(info, path, args, 0, false)
    }

    /// [`Finding::new`], where bit `i` of `clean` says that `args[i]` holds no digit of any script (see
    /// [`crate::code_info::scrubbed_messages_with`]), and `path_clean` that `path` has no run of digits to
    /// mask: it is made of the form schema's keys, which hold no digit
    /// ([`crate::form::walk::schema_digit_free`]), and list indices, below [`crate::limits::MAX_LIST_ITEMS`]
    /// and set apart by `/`, which ends a run (so no run of more than three digits). A path holding a key of
    /// the form's own (an unknown field's) is never clean. Checked in debug builds.
    pub(crate) fn with_clean(
        info: &CodeInfo,
        path: impl Into<String>,
        args: &[(&str, &str)],
        clean: u16,
        path_clean: bool,
    ) -> Finding {
        let (message, message_en) = crate::code_info::scrubbed_messages_with(info, args, clean);
        let path = path.into();
        debug_assert!(!path_clean || matches!(crate::mask::scrub(&path), Cow::Borrowed(_)));
        Finding {
            code: Cow::Borrowed(info.code),
            path: if path_clean {
                path
            } else {
                crate::mask::scrub_owned(path)
            },
            severity: info.severity,
            message,
            message_en,
            rule: Cow::Borrowed(info.rule),
        }
    }
}

/// Push `f` onto a form's findings `out`, giving an empty list room for [`FIRST_ROOM`] findings at once: a
/// form with findings usually has several (the invalid forms of the benches 10–25), and growing from
/// nothing reallocated and moved them three or four times.
#[inline]
pub(crate) fn push_finding(out: &mut Vec<Finding>, f: Finding) {
    if out.capacity() == 0 {
        out.reserve_exact(FIRST_ROOM);
    }
    out.push(f);
}

/// See [`push_finding`].
const FIRST_ROOM: usize = 16;

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
    /// Split findings by severity and sort them deterministically: each list by (path, code, message).
    ///
    /// One sort puts the errors first, so both lists are cut from the findings' own vector (the errors
    /// keep it; the warnings, when there are any, get one allocation). Partitioning after the sort grew
    /// two vectors by pushing, about five reallocations a form with findings (valgrind). Each list is what
    /// a stable sort by (path, code, message) and a stable partition gave (the order of findings equal in
    /// all three is the order they were found in).
    pub fn from_findings(mut findings: Vec<Finding>) -> Report {
        let warning = |f: &Finding| f.severity != Severity::Error;
        findings.sort_by(|a, b| {
            (warning(a), &a.path, &a.code, &a.message).cmp(&(
                warning(b),
                &b.path,
                &b.code,
                &b.message,
            ))
        });
        findings.dedup();
        let (errors, warnings) = match findings.partition_point(|f| !warning(f)) {
            // `split_off(0)` would give the errors a new vector of the same capacity.
            0 => (Vec::new(), findings),
            first_warning => {
                let warnings = findings.split_off(first_warning);
                (findings, warnings)
            }
        };
        Report {
            valid: errors.is_empty(),
            errors,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `from_findings` did before it sorted errors first: a stable sort by (path, code, message),
    /// `dedup`, a stable partition by severity.
    fn reference(mut findings: Vec<Finding>) -> Report {
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

    /// Findings drawn from a few paths, catalogue codes (each with its own severity) and messages, so that
    /// equal keys, exact repeats and both severities are common.
    fn findings() -> impl Strategy<Value = Vec<Finding>> {
        let infos = crate::catalogue::catalogue();
        let some_warning = infos
            .iter()
            .position(|i| i.severity == Severity::Warning)
            .unwrap_or(0);
        let picked: Vec<CodeInfo> = [0, 1, some_warning]
            .iter()
            .filter_map(|&i| infos.get(i).cloned())
            .collect();
        assert!(picked.iter().any(|i| i.severity == Severity::Warning));
        assert!(picked.iter().any(|i| i.severity == Severity::Error));
        let one = (
            0..picked.len(),
            prop::sample::select(vec!["", "/a", "/a/b", "/b"]),
            prop::sample::select(vec!["甲", "乙", ""]),
            prop::sample::select(vec!["x", "y"]),
        )
            .prop_map(move |(i, path, zh, en)| {
                let info = &picked[i];
                Finding {
                    code: Cow::Borrowed(info.code),
                    path: path.to_owned(),
                    severity: info.severity,
                    message: zh.to_owned(),
                    message_en: en.to_owned(),
                    rule: Cow::Borrowed(info.rule),
                }
            });
        prop::collection::vec(one, 0..40)
    }

    proptest! {
        #[test]
        fn from_findings_is_sort_dedup_partition(f in findings()) {
            prop_assert_eq!(Report::from_findings(f.clone()), reference(f));
        }
    }
}
