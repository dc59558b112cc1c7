//! Working days and Civil-Code periods over the State Council's holiday notices. (SCAFFOLD — owned by the calendar work.)

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::CodeInfo;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::Engine;

pub const CODES: &[CodeInfo] = &[];

/// End of a calendar-day period (民法典 第二百零一条、第二百零三条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PeriodEnd {
    /// start + days, before any extension.
    pub raw_end: Date,
    /// The last day of the period after extension past rest days.
    pub end: Date,
    /// Whether `end` differs from `raw_end`.
    pub extended: bool,
}

#[derive(Debug, Clone)]
pub struct Calendar {}

impl Calendar {
    pub fn embedded() -> Result<Calendar> {
        Ok(Calendar {})
    }
    pub fn from_dir(_dir: &Path) -> Result<Calendar> {
        Err(Error::internal("calendar not implemented"))
    }
    pub fn years(&self) -> Vec<i32> {
        Vec::new()
    }
    pub fn is_working_day(&self, _d: NaiveDate) -> Result<bool> {
        Err(Error::internal("calendar not implemented"))
    }
    pub fn add_working_days(&self, _d: NaiveDate, _n: u32) -> Result<NaiveDate> {
        Err(Error::internal("calendar not implemented"))
    }
    pub fn working_days_between(&self, _a: NaiveDate, _b: NaiveDate) -> Result<i64> {
        Err(Error::internal("calendar not implemented"))
    }
    pub fn period_end(&self, _start: NaiveDate, _days: u32) -> Result<PeriodEnd> {
        Err(Error::internal("calendar not implemented"))
    }
}

impl Engine {
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool> {
        self.calendar().is_working_day(d)
    }
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Result<NaiveDate> {
        self.calendar().add_working_days(d, n)
    }
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64> {
        self.calendar().working_days_between(a, b)
    }
    pub fn period_end(&self, start: NaiveDate, days: u32) -> Result<PeriodEnd> {
        self.calendar().period_end(start, days)
    }
}
