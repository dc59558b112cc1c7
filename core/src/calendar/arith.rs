//! Working-day arithmetic and Civil-Code periods over the per-year tables.
//!
//! Each operation touches at most one table per year it spans, with O(1) lookups in each.

use chrono::{Datelike, Days, NaiveDate};

use super::table::{DayKind, YearTable};
use super::{bad_input, Calendar, Need, PeriodEnd};
use crate::date::Date;
use crate::error::Result;

impl Calendar {
    /// The table of an input date's year, or the coverage error at `path`.
    #[inline]
    fn input_table(&self, d: NaiveDate, path: &str) -> Result<&YearTable> {
        self.table(d.year())
            .ok_or_else(|| self.not_covered(&d.year().to_string(), Need::Input(d), path))
    }

    /// The table of a year a computation needs, or the coverage error at `""`.
    #[inline]
    fn computed_table(&self, year: i32) -> Result<&YearTable> {
        self.table(year)
            .ok_or_else(|| self.not_covered(&year.to_string(), Need::Computed, ""))
    }

    /// Whether `d` is a working day. Error path `/date`.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool> {
        Ok(self
            .input_table(d, "/date")?
            .is_working(d.ordinal0() as usize))
    }

    /// What `d` is: an ordinary workday or weekend, a holiday or a make-up working day (with its festival).
    /// Error path `/date`.
    pub fn day_kind(&self, d: NaiveDate) -> Result<DayKind> {
        Ok(self.input_table(d, "/date")?.kind(d.ordinal0() as usize))
    }

    /// The `n`-th working day strictly after `d` (`d` itself is never counted, whether or not it is a working
    /// day; `n ≥ 1`). Errors: `n = 0` (`/n`), `d` not covered (`/date`), the result or a day before it in a
    /// year not covered (`""`).
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Result<NaiveDate> {
        if n == 0 {
            return Err(bad_input("calendar_n_zero", "/n"));
        }
        let t = self.input_table(d, "/date")?;
        self.nth_after(t, d, n)
    }

    /// `n ≥ 1`; `t` is the table of `d`'s year.
    #[inline]
    fn nth_after<'a>(&'a self, mut t: &'a YearTable, d: NaiveDate, n: u32) -> Result<NaiveDate> {
        // Working days of t's year already used up (those on or before d).
        let mut used = t.upto(d.ordinal0() as usize);
        let mut need = n;
        loop {
            let avail = t.total() - used;
            if need <= avail {
                let idx = (used + need - 1) as usize;
                let ord = t.work.get(idx).copied().unwrap_or(0);
                return NaiveDate::from_yo_opt(t.year(), u32::from(ord) + 1)
                    .ok_or_else(|| crate::Error::internal("calendar ordinal"));
            }
            need -= avail;
            t = self.computed_table(t.year() + 1)?;
            used = 0;
        }
    }

    /// The number of working days in (a, b]: `a` not counted, `b` counted. When `b < a` the result is
    /// negative: `-(working days in (b, a])`, so `working_days_between(a, b) == -working_days_between(b, a)`
    /// and `working_days_between(d, add_working_days(d, n)) == n`. Errors: `a` or `b` not covered (`/a`,
    /// `/b`), a year between them not covered (`""`).
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64> {
        let ta = self.input_table(a, "/a")?;
        let tb = self.input_table(b, "/b")?;
        if a <= b {
            self.count(ta, a, tb, b)
        } else {
            self.count(tb, b, ta, a).map(|c| -c)
        }
    }

    /// Working days in (lo, hi], lo ≤ hi.
    fn count(&self, tlo: &YearTable, lo: NaiveDate, thi: &YearTable, hi: NaiveDate) -> Result<i64> {
        let upto_hi = i64::from(thi.upto(hi.ordinal0() as usize));
        let upto_lo = i64::from(tlo.upto(lo.ordinal0() as usize));
        if lo.year() == hi.year() {
            return Ok(upto_hi - upto_lo);
        }
        let mut c = i64::from(tlo.total()) - upto_lo + upto_hi;
        for y in lo.year() + 1..hi.year() {
            c += i64::from(self.computed_table(y)?.total());
        }
        Ok(c)
    }

    /// A period of `days` calendar days from `start` (民法典 第二百零一条: the start day is not counted; 第二百零三条:
    /// when the last day is a rest day — a weekend or a statutory holiday, but not a 调休 make-up working day —
    /// the period ends on the first working day after it). `days ≥ 1`. Errors: `days = 0` (`/days`), `start`
    /// not covered (`/start`, like every input date, although its status does not matter), the end (raw or
    /// extended) in a year not covered (`""`). The calendar days in between are counted, not inspected, so a
    /// year between `start` and the end need not be covered.
    pub fn period_end(&self, start: NaiveDate, days: u32) -> Result<PeriodEnd> {
        if days == 0 {
            return Err(bad_input("calendar_days_zero", "/days"));
        }
        self.input_table(start, "/start")?;
        let raw = start
            .checked_add_days(Days::new(u64::from(days)))
            .ok_or_else(|| {
                self.not_covered(&format!("{}+", NaiveDate::MAX.year()), Need::Computed, "")
            })?;
        let t = self.computed_table(raw.year())?;
        let end = if t.is_working(raw.ordinal0() as usize) {
            raw
        } else {
            self.nth_after(t, raw, 1)?
        };
        Ok(PeriodEnd {
            raw_end: Date(raw),
            end: Date(end),
            extended: end != raw,
        })
    }
}
