//! Due dates of the service items (八(九)), from the dates the application gives.
//!
//! - `calendar_days`: a 民法典 period (第二百零一条、第二百零三条) via [`Engine::period_end`]: the start day is not
//!   counted; a last day on a rest day moves to the next working day (`raw_end`, `extended` say so).
//! - `working_days`: the n-th working day strictly after the start day, via [`Engine::add_working_days`].
//!
//! A due date whose start event is not given is `null` with reason `start_event_missing`; an item that does not
//! apply has `null` with `item_not_applicable`. When the calendar cannot answer for a year the computation
//! needs (in [`CalendarMode::Refuse`] any year without a loaded notice; in [`CalendarMode::Provisional`] a gap,
//! a year before the first loaded one or past the provisional horizon), the due date is `null` with the
//! calendar's own error (`calendar_year_not_covered` or `calendar_year_beyond_horizon`, naming the year) as
//! the reason — the rest of the plan is still produced, so a clerk gets every other date; the error is never
//! swallowed (it is in the item and in the plan's warnings). Any other error fails the plan.
//!
//! In provisional mode a due date that depends on a provisional year carries `provisional: true` (the field
//! is absent otherwise, so a plan over loaded years is unchanged) and the plan warns once per such year
//! (`calendar_year_provisional`).

use crate::calendar::Calendar;
use crate::calendar::CalendarMode;
use crate::date::Date;
use crate::error::{ErrorKind, Result};
use crate::pack::{DeadlineKind, DeadlineRule};
use crate::types::{Due, NullReason};

/// A `NullReason` from the plan's code table.
pub(crate) fn null_reason(info: &CodeInfo, args: &[(&str, &str)]) -> NullReason {
    let (message, message_en) = crate::code_info::messages(info, args);
    NullReason {
        code: info.code.to_string(),
        message,
        message_en,
    }
}

/// The due date of one deadline rule from its start date (`None`: not given), refusing years with no
/// loaded notice ([`CalendarMode::Refuse`]).
pub fn due_date(cal: &Calendar, rule: &DeadlineRule, start: Option<Date>) -> Result<Due> {
    due_date_with(cal, rule, start, CalendarMode::Refuse).map(|(d, _)| d)
}

/// [`Engine::due_date`] in `mode`, with the provisional years the date depends on.
pub fn due_date_with(
    cal: &Calendar,
    rule: &DeadlineRule,
    start: Option<Date>,
    mode: CalendarMode,
) -> Result<(Due, Vec<i32>)> {
    let mut due = Due {
        date: None,
        reason_if_null: None,
        kind: rule.kind,
        count: rule.count,
        from: rule.from,
        start,
        raw_end: None,
        extended: None,
        provisional: false,
        rule: rule.provenance.clone(),
    };
    let Some(start) = start else {
        due.reason_if_null = Some(null_reason(
            &START_EVENT_MISSING,
            &[
                ("event", rule.from.zh()),
                ("field", &format!("/dates/{}", rule.from.field())),
            ],
        ));
        return Ok((due, Vec::new()));
    };
    let computed = match rule.kind {
        DeadlineKind::CalendarDays => cal.period_end_with(start.0, rule.count, mode).map(|a| {
            due.raw_end = Some(a.value.raw_end);
            due.extended = Some(a.value.extended);
            a.map(|p| p.end)
        }),
        DeadlineKind::WorkingDays => cal
            .add_working_days_with(start.0, rule.count, mode)
            .map(|a| a.map(Date)),
    };
    let mut years = Vec::new();
    match computed {
        Ok(a) => {
            due.date = Some(a.value);
            due.provisional = a.is_provisional();
            years = a.provisional_years;
        }
        Err(e) if e.kind == ErrorKind::CalendarCoverage => {
            due.reason_if_null = Some(NullReason {
                code: e.code,
                message: e.message,
                message_en: e.message_en,
            })
        }
        Err(e) => return Err(e),
    }
    Ok((due, years))
}

/// A `Due` that is null because the item does not apply.
pub(crate) fn not_applicable_due(rule: &DeadlineRule) -> Due {
    Due {
        date: None,
        reason_if_null: Some(null_reason(&ITEM_NOT_APPLICABLE, &[])),
        kind: rule.kind,
        count: rule.count,
        from: rule.from,
        start: None,
        raw_end: None,
        extended: None,
        provisional: false,
        rule: rule.provenance.clone(),
    }
}

use crate::code_info::{code, CodeInfo, Severity::Warning as W};

pub const START_EVENT_MISSING: CodeInfo = code(
    "start_event_missing",
    "plan",
    W,
    "未给出{event}（{field}），无法计算到期日",
    "{field} not given: the due date cannot be computed",
    "八(九)",
);
pub const ITEM_NOT_APPLICABLE: CodeInfo = code(
    "item_not_applicable",
    "plan",
    W,
    "本事项不适用于该申请人，无到期日",
    "the item does not apply to this applicant: no due date",
    "八(八)2(3)",
);

pub const ITEM_FORFEITED: CodeInfo = code(
    "item_forfeited",
    "plan",
    W,
    "逾期报到超过 30 天且无正当理由，视为放弃安置待遇，本事项不再办理，无到期日",
    "reported more than 30 days late without a legitimate reason: the resettlement benefits are deemed waived, the item is no longer handled, no due date",
    "《退役士兵安置条例》第十七条",
);

/// The codes of this module.
pub const CODES: &[CodeInfo] = &[START_EVENT_MISSING, ITEM_NOT_APPLICABLE, ITEM_FORFEITED];

/// A `Due` that is null because the item was forfeited (条例第十七条).
pub(crate) fn forfeited_due(rule: &DeadlineRule) -> Due {
    Due {
        reason_if_null: Some(null_reason(&ITEM_FORFEITED, &[])),
        ..not_applicable_due(rule)
    }
}
