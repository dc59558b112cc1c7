//! Due dates of the service items (八(九)), from the dates the application gives.
//!
//! - `calendar_days`: a 民法典 period (第二百零一条、第二百零三条) via [`Engine::period_end`]: the start day is not
//!   counted; a last day on a rest day moves to the next working day (`raw_end`, `extended` say so).
//! - `working_days`: the n-th working day strictly after the start day, via [`Engine::add_working_days`].
//!
//! A due date whose start event is not given is `null` with reason `start_event_missing`; an item that does not
//! apply has `null` with `item_not_applicable`. When the calendar does not cover a year the computation needs,
//! the due date is `null` with the calendar's own error (`calendar_year_not_covered`, naming the year) as the
//! reason — the rest of the plan is still produced, so a clerk gets every other date; the error is never
//! swallowed (it is in the item and in the plan's warnings). Any other error fails the plan.

use crate::date::Date;
use crate::error::{ErrorKind, Result};
use crate::model::{Due, NullReason};
use crate::rules::{DeadlineKind, DeadlineRule};
use crate::Engine;

/// A `NullReason` from the plan's code table.
pub(crate) fn null_reason(code: &str, args: &[(&str, &str)]) -> NullReason {
    let info = crate::plan::info(code);
    let (message, message_en) = crate::codes::messages(info, args);
    NullReason {
        code: info.code.to_string(),
        message,
        message_en,
    }
}

impl Engine {
    /// The due date of one deadline rule from its start date (`None`: not given).
    pub fn due_date(&self, rule: &DeadlineRule, start: Option<Date>) -> Result<Due> {
        let mut due = Due {
            date: None,
            reason_if_null: None,
            kind: rule.kind,
            count: rule.count,
            from: rule.from,
            start,
            raw_end: None,
            extended: None,
            rule: rule.provenance.clone(),
        };
        let Some(start) = start else {
            due.reason_if_null = Some(null_reason(
                "start_event_missing",
                &[
                    ("event", rule.from.zh()),
                    ("field", &format!("/dates/{}", rule.from.field())),
                ],
            ));
            return Ok(due);
        };
        let computed = match rule.kind {
            DeadlineKind::CalendarDays => self.period_end(start.0, rule.count).map(|p| {
                due.raw_end = Some(p.raw_end);
                due.extended = Some(p.extended);
                p.end
            }),
            DeadlineKind::WorkingDays => self.add_working_days(start.0, rule.count).map(Date),
        };
        match computed {
            Ok(d) => due.date = Some(d),
            Err(e) if e.kind == ErrorKind::CalendarCoverage => {
                due.reason_if_null = Some(NullReason {
                    code: e.code,
                    message: e.message,
                    message_en: e.message_en,
                })
            }
            Err(e) => return Err(e),
        }
        Ok(due)
    }

    /// A `Due` that is null because the item does not apply.
    pub(crate) fn not_applicable_due(&self, rule: &DeadlineRule) -> Due {
        Due {
            date: None,
            reason_if_null: Some(null_reason("item_not_applicable", &[])),
            kind: rule.kind,
            count: rule.count,
            from: rule.from,
            start: None,
            raw_end: None,
            extended: None,
            rule: rule.provenance.clone(),
        }
    }
}
