//! The clock, for the one default that needs it: "today" (Asia/Shanghai) when a form is checked or
//! pre-reviewed without `today`.
//!
//! Native builds read the system clock. A host without one installs its own with [`set`]: on
//! `wasm32-unknown-unknown`, `std::time::SystemTime::now()` panics, so the WebAssembly face installs
//! JavaScript's `Date.now()` when it starts. Nothing else in the core reads the time.

use std::sync::{PoisonError, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate};

/// A clock: the current time in whole seconds since the Unix epoch (UTC).
pub type Source = fn() -> i64;

static SOURCE: RwLock<Option<Source>> = RwLock::new(None);

/// Install `now` as the clock of this process (for every engine and thread); `None` restores the system
/// clock.
pub fn set(now: Option<Source>) {
    *SOURCE.write().unwrap_or_else(PoisonError::into_inner) = now;
}

/// The current time in seconds since the Unix epoch: the installed clock's, else the system's.
pub fn unix_seconds() -> i64 {
    let installed = *SOURCE.read().unwrap_or_else(PoisonError::into_inner);
    match installed {
        Some(now) => now(),
        None => system_seconds(),
    }
}

fn system_seconds() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// The date in Asia/Shanghai (UTC+8; no daylight saving since 1991) at `unix_seconds`.
pub fn shanghai_date(unix_seconds: i64) -> NaiveDate {
    DateTime::from_timestamp(unix_seconds.saturating_add(8 * 3600), 0)
        .map(|t| t.date_naive())
        .unwrap_or(if unix_seconds < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Today's date in Asia/Shanghai, by [`unix_seconds`].
pub fn today_shanghai() -> NaiveDate {
    shanghai_date(unix_seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn shanghai_is_utc_plus_eight() {
        // 2024-09-30T15:59:59Z is 23:59:59 in Shanghai; one second later it is 1 October there.
        assert_eq!(shanghai_date(1_727_711_999), ymd(2024, 9, 30));
        assert_eq!(shanghai_date(1_727_712_000), ymd(2024, 10, 1));
        assert_eq!(shanghai_date(0), ymd(1970, 1, 1));
        assert_eq!(shanghai_date(-8 * 3600 - 1), ymd(1969, 12, 31));
        assert_eq!(shanghai_date(i64::MAX), NaiveDate::MAX);
        assert_eq!(shanghai_date(i64::MIN), NaiveDate::MIN);
    }
}
