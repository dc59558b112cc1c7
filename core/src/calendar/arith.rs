//! Working-day arithmetic and Civil-Code periods over the per-year tables, in either [`CalendarMode`].
//!
//! Each operation touches at most one table per year it spans, with O(1) lookups in each. A query records the
//! provisional years whose days it read ([`Answer::provisional_years`]); in [`CalendarMode::Refuse`] there are
//! none, and the answers and errors are exactly those of the plain functions.

use chrono::{Datelike, Days, NaiveDate};

use super::table::{DayKind, YearTable};
use super::{bad_input, Answer, Calendar, CalendarMode, Need, PeriodEnd};
use crate::date::Date;
use crate::error::Result;

/// One query: the calendar, the mode, and the provisional years read so far.
struct Query<'a> {
    cal: &'a Calendar,
    mode: CalendarMode,
    used: Vec<i32>,
}

impl<'a> Query<'a> {
    fn new(cal: &'a Calendar, mode: CalendarMode) -> Self {
        Query {
            cal,
            mode,
            used: Vec::new(),
        }
    }

    /// The table of an input date's year, or the coverage error at `path`. `read`: the day classes of the
    /// year are used by the answer (else only its coverage is checked).
    #[inline]
    fn input(&mut self, d: NaiveDate, path: &str, read: bool) -> Result<&'a YearTable> {
        let t = self
            .cal
            .table_in(d.year(), self.mode)
            .ok_or_else(|| self.cal.missing(d.year(), self.mode, Need::Input(d), path))?;
        if read {
            self.note(t);
        }
        Ok(t)
    }

    /// The table of a year a computation needs, or the coverage error at `""`.
    #[inline]
    fn computed(&mut self, year: i32) -> Result<&'a YearTable> {
        let t = self
            .cal
            .table_in(year, self.mode)
            .ok_or_else(|| self.cal.missing(year, self.mode, Need::Computed, ""))?;
        self.note(t);
        Ok(t)
    }

    #[inline]
    fn note(&mut self, t: &YearTable) {
        if t.is_provisional() && !self.used.contains(&t.year()) {
            self.used.push(t.year());
        }
    }

    fn answer<T>(mut self, value: T) -> Answer<T> {
        self.used.sort_unstable();
        Answer {
            value,
            provisional_years: self.used,
        }
    }

    /// `n ≥ 1`; `t` is the table of `d`'s year.
    #[inline]
    fn nth_after(&mut self, mut t: &'a YearTable, d: NaiveDate, n: u32) -> Result<NaiveDate> {
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
            t = self.computed(t.year() + 1)?;
            used = 0;
        }
    }

    /// Working days in (lo, hi], lo ≤ hi.
    fn count(
        &mut self,
        tlo: &YearTable,
        lo: NaiveDate,
        thi: &YearTable,
        hi: NaiveDate,
    ) -> Result<i64> {
        let upto_hi = i64::from(thi.upto(hi.ordinal0() as usize));
        let upto_lo = i64::from(tlo.upto(lo.ordinal0() as usize));
        if lo.year() == hi.year() {
            return Ok(upto_hi - upto_lo);
        }
        let mut c = i64::from(tlo.total()) - upto_lo + upto_hi;
        for y in lo.year() + 1..hi.year() {
            c += i64::from(self.computed(y)?.total());
        }
        Ok(c)
    }
}

impl Calendar {
    /// Whether `d` is a working day. Error path `/date`.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool> {
        self.is_working_day_with(d, CalendarMode::Refuse)
            .map(|a| a.value)
    }

    /// [`Calendar::is_working_day`] in `mode`.
    pub fn is_working_day_with(&self, d: NaiveDate, mode: CalendarMode) -> Result<Answer<bool>> {
        let mut q = Query::new(self, mode);
        let w = q.input(d, "/date", true)?.is_working(d.ordinal0() as usize);
        Ok(q.answer(w))
    }

    /// What `d` is: an ordinary workday or weekend, a holiday or a make-up working day (with its festival).
    /// Error path `/date`.
    pub fn day_kind(&self, d: NaiveDate) -> Result<DayKind> {
        self.day_kind_with(d, CalendarMode::Refuse).map(|a| a.value)
    }

    /// [`Calendar::day_kind`] in `mode` (a provisional year's holidays are its statutory days).
    pub fn day_kind_with(&self, d: NaiveDate, mode: CalendarMode) -> Result<Answer<DayKind>> {
        let mut q = Query::new(self, mode);
        let k = q.input(d, "/date", true)?.kind(d.ordinal0() as usize);
        Ok(q.answer(k))
    }

    /// The `n`-th working day strictly after `d` (`d` itself is never counted, whether or not it is a working
    /// day; `n ≥ 1`). Errors: `n = 0` (`/n`), `d` not covered (`/date`), the result or a day before it in a
    /// year not covered (`""`).
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Result<NaiveDate> {
        self.add_working_days_with(d, n, CalendarMode::Refuse)
            .map(|a| a.value)
    }

    /// [`Calendar::add_working_days`] in `mode`.
    pub fn add_working_days_with(
        &self,
        d: NaiveDate,
        n: u32,
        mode: CalendarMode,
    ) -> Result<Answer<NaiveDate>> {
        if n == 0 {
            return Err(bad_input(&super::CALENDAR_N_ZERO, "/n"));
        }
        let mut q = Query::new(self, mode);
        let t = q.input(d, "/date", true)?;
        let r = q.nth_after(t, d, n)?;
        Ok(q.answer(r))
    }

    /// The number of working days in (a, b]: `a` not counted, `b` counted. When `b < a` the result is
    /// negative: `-(working days in (b, a])`, so `working_days_between(a, b) == -working_days_between(b, a)`
    /// and `working_days_between(d, add_working_days(d, n)) == n`. Errors: `a` or `b` not covered (`/a`,
    /// `/b`), a year between them not covered (`""`).
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64> {
        self.working_days_between_with(a, b, CalendarMode::Refuse)
            .map(|x| x.value)
    }

    /// [`Calendar::working_days_between`] in `mode`.
    pub fn working_days_between_with(
        &self,
        a: NaiveDate,
        b: NaiveDate,
        mode: CalendarMode,
    ) -> Result<Answer<i64>> {
        let mut q = Query::new(self, mode);
        let ta = q.input(a, "/a", true)?;
        let tb = q.input(b, "/b", true)?;
        let n = if a <= b {
            q.count(ta, a, tb, b)?
        } else {
            -q.count(tb, b, ta, a)?
        };
        Ok(q.answer(n))
    }

    /// A period of `days` calendar days from `start` (民法典 第二百零一条: the start day is not counted; 第二百零三条:
    /// when the last day is a rest day — a weekend or a statutory holiday, but not a 调休 make-up working day —
    /// the period ends on the first working day after it). `days ≥ 1`. Errors: `days = 0` (`/days`), `start`
    /// not covered (`/start`, like every input date, although its status does not matter), the end (raw or
    /// extended) in a year not covered (`""`). The calendar days in between are counted, not inspected, so a
    /// year between `start` and the end need not be covered. The provisional years of the answer are those of
    /// the raw and the extended end (the start's year is only checked, never read).
    pub fn period_end(&self, start: NaiveDate, days: u32) -> Result<PeriodEnd> {
        self.period_end_with(start, days, CalendarMode::Refuse)
            .map(|a| a.value)
    }

    /// [`Calendar::period_end`] in `mode`.
    pub fn period_end_with(
        &self,
        start: NaiveDate,
        days: u32,
        mode: CalendarMode,
    ) -> Result<Answer<PeriodEnd>> {
        if days == 0 {
            return Err(bad_input(&super::CALENDAR_DAYS_ZERO, "/days"));
        }
        let mut q = Query::new(self, mode);
        q.input(start, "/start", false)?;
        let raw = start
            .checked_add_days(Days::new(u64::from(days)))
            .ok_or_else(|| {
                self.not_covered(&format!("{}+", NaiveDate::MAX.year()), Need::Computed, "")
            })?;
        let t = q.computed(raw.year())?;
        let end = if t.is_working(raw.ordinal0() as usize) {
            raw
        } else {
            q.nth_after(t, raw, 1)?
        };
        Ok(q.answer(PeriodEnd {
            raw_end: Date(raw),
            end: Date(end),
            extended: end != raw,
        }))
    }
}
