//! [`Engine`]: a rule pack plus a calendar, and every domain operation on them — the whole typed surface
//! of tuiyi-core in one place. `Send + Sync`, cheap to clone (two `Arc`s), so every binding can share one
//! across threads without conversion code of its own.
//!
//! The operations themselves live in their own modules as plain functions of the pack and the calendar
//! (`eligibility`, `materials`, `deadlines`, `plan`, `form`, `dispatch`, `prereview`, `guide`,
//! `schemas`); `Engine` only supplies them. The JSON faces reach the same functions through the table of
//! operations ([`crate::ops`]).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde_json::Value;

use crate::calendar::{Answer, Calendar, CalendarMode, DayKind, PeriodEnd};
use crate::doc::Doc;
use crate::error::Result;
use crate::pack::{DeadlineRule, RulePack};
use crate::report::Report;
use crate::types::{
    Applicant, Application, Due, Eligibility, MaterialRequirement, Plan, Situation,
};

#[derive(Clone)]
pub struct Engine {
    pack: Arc<RulePack>,
    calendar: Arc<Calendar>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("pack", &self.pack.id())
            .field("calendar_years", &self.calendar.years())
            .finish()
    }
}

static EMBEDDED: OnceLock<std::result::Result<Engine, crate::Error>> = OnceLock::new();

impl Engine {
    // ----------------------------------------------------------------------------------- construction

    /// The engine over the rule pack and calendar embedded in the binary (built once, then shared).
    pub fn embedded() -> Result<Engine> {
        EMBEDDED
            .get_or_init(|| {
                Ok(Engine {
                    pack: Arc::new(RulePack::embedded()?),
                    calendar: Arc::new(Calendar::embedded()?),
                })
            })
            .clone()
    }

    /// An engine over a rule pack and/or a calendar loaded from directories; `None` keeps the embedded one.
    pub fn load(rules_dir: Option<&Path>, calendar_dir: Option<&Path>) -> Result<Engine> {
        let pack = match rules_dir {
            Some(d) => Arc::new(RulePack::from_dir(d)?),
            None => Engine::embedded()?.pack,
        };
        let calendar = match calendar_dir {
            Some(d) => Arc::new(Calendar::from_dir(d)?),
            None => Engine::embedded()?.calendar,
        };
        Ok(Engine { pack, calendar })
    }

    /// Assemble an engine from parts already loaded.
    pub fn from_parts(pack: RulePack, calendar: Calendar) -> Engine {
        Engine {
            pack: Arc::new(pack),
            calendar: Arc::new(calendar),
        }
    }

    pub fn pack(&self) -> &RulePack {
        &self.pack
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    // ----------------------------------------------------------------------------------- calendar

    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool> {
        self.calendar.is_working_day(d)
    }
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Result<NaiveDate> {
        self.calendar.add_working_days(d, n)
    }
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64> {
        self.calendar.working_days_between(a, b)
    }
    pub fn period_end(&self, start: NaiveDate, days: u32) -> Result<PeriodEnd> {
        self.calendar.period_end(start, days)
    }
    pub fn day_kind(&self, d: NaiveDate) -> Result<DayKind> {
        self.calendar.day_kind(d)
    }
    pub fn is_working_day_with(&self, d: NaiveDate, mode: CalendarMode) -> Result<Answer<bool>> {
        self.calendar.is_working_day_with(d, mode)
    }
    pub fn add_working_days_with(
        &self,
        d: NaiveDate,
        n: u32,
        mode: CalendarMode,
    ) -> Result<Answer<NaiveDate>> {
        self.calendar.add_working_days_with(d, n, mode)
    }
    pub fn working_days_between_with(
        &self,
        a: NaiveDate,
        b: NaiveDate,
        mode: CalendarMode,
    ) -> Result<Answer<i64>> {
        self.calendar.working_days_between_with(a, b, mode)
    }
    pub fn period_end_with(
        &self,
        start: NaiveDate,
        days: u32,
        mode: CalendarMode,
    ) -> Result<Answer<PeriodEnd>> {
        self.calendar.period_end_with(start, days, mode)
    }
    pub fn day_kind_with(&self, d: NaiveDate, mode: CalendarMode) -> Result<Answer<DayKind>> {
        self.calendar.day_kind_with(d, mode)
    }

    /// The due date of a deadline rule counted from `start`.
    pub fn due_date(&self, rule: &DeadlineRule, start: Option<crate::date::Date>) -> Result<Due> {
        crate::deadlines::due_date(&self.calendar, rule, start)
    }
    /// [`Engine::due_date`] with a calendar mode; also the provisional years the answer used.
    pub fn due_date_with(
        &self,
        rule: &DeadlineRule,
        start: Option<crate::date::Date>,
        mode: CalendarMode,
    ) -> Result<(Due, Vec<i32>)> {
        crate::deadlines::due_date_with(&self.calendar, rule, start, mode)
    }

    // ----------------------------------------------------------------------------------- the applicant

    /// Check every eligibility condition; `eligible` is true only when none fails.
    pub fn check_eligibility(&self, a: &Applicant) -> Eligibility {
        crate::eligibility::check_eligibility(a)
    }

    /// All materials of the pack, each with `required` and the reason.
    pub fn required_materials(&self, s: &Situation) -> Result<Vec<MaterialRequirement>> {
        crate::materials::required_materials(&self.pack, s)
    }

    /// The plan of one application.
    pub fn plan(&self, a: &Application) -> Result<Plan> {
        crate::plan::plan(&self.pack, &self.calendar, a)
    }

    /// The 办事指南 as Markdown.
    pub fn guide(&self) -> String {
        crate::guide::guide(&self.pack)
    }

    // ----------------------------------------------------------------------------------- the form

    /// Check a form; `today` defaults to the system date (Asia/Shanghai).
    pub fn validate(&self, form: &Value, today: Option<NaiveDate>) -> Report {
        crate::form::validate(form, today)
    }

    /// Check a form already read into a [`Doc`] (from text, or from a host language's values).
    pub fn validate_doc(&self, form: &Doc, today: Option<NaiveDate>) -> Report {
        crate::form::validate_doc(form, today)
    }

    /// [`Engine::validate_doc`] of a form the caller owns (parsed from its text): the same report, and a
    /// form not written canonically is made canonical in place instead of copied.
    pub fn validate_parsed(&self, form: Doc, today: Option<NaiveDate>) -> Report {
        crate::form::validate_parsed(form, today)
    }

    /// The canonical form of a form, with the report of the form as given.
    pub fn normalize(&self, form: &Value, today: Option<NaiveDate>) -> crate::form::Normalized {
        crate::form::normalize(form, today)
    }

    /// [`Engine::normalize`] over a form already read into a [`Doc`].
    pub fn normalize_doc(&self, form: &Doc, today: Option<NaiveDate>) -> crate::form::Normalized {
        crate::form::normalize_doc(form, today)
    }

    /// Split a form into what each department receives.
    pub fn dispatch(&self, form: &Value) -> Result<crate::dispatch::Dispatch> {
        crate::dispatch::dispatch(&self.pack, form)
    }

    /// Pre-review a form and the list of submitted materials for every department.
    pub fn prereview(
        &self,
        form: &Value,
        submitted: &Value,
        today: Option<NaiveDate>,
    ) -> Result<crate::prereview::Prereview> {
        crate::prereview::prereview(&self.pack, form, submitted, today)
    }

    // ----------------------------------------------------------------------------------- schemas

    /// The registration form's schema (the default of `tuiyi schema`).
    pub fn form_schema(&self) -> Value {
        crate::form::schema::form_schema().clone()
    }

    /// The schema of a named type (`tuiyi schema --list`).
    pub fn schema(&self, name: &str) -> Result<Value> {
        crate::schemas::named(name)
    }
}

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn engine_is_send_sync() {
        assert_send_sync::<super::Engine>();
        assert_send_sync::<crate::Error>();
    }
}
