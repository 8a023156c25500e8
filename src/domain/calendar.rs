//! The working-day calendar: weekends, public holidays and make-up working days (调休上班).
//!
//! Deadlines counted in working days (the medical 30 working days) and the holiday extension of a
//! period's last day (Civil Code Art 203) need to know which days are rest days. The State Council
//! General Office publishes each year's holidays in a notice only weeks before the year starts,
//! and tablets are offline, so the calendar is shipped data (`holidays.rs`) overlaid by directory
//! events (`calendar.day_set`) that a supervisor distributes in bundles. Outside the years it
//! covers, the calendar falls back to weekends only and says so, so the shell can warn.

use std::collections::{BTreeMap, BTreeSet};

use super::codes::code_enum;
use super::holidays::SHIPPED;
use super::time::Date;

code_enum! {
    /// What a calendar entry makes of a day.
    pub enum DayKind {
        /// A public holiday or a day of a holiday break (rest day even on a weekday).
        Holiday = "HOLIDAY",
        /// A make-up working day (调休上班): a working day even on a weekend.
        MakeUpWorkday = "WORKDAY",
        /// No entry: the weekend rule applies. Setting this removes a shipped entry.
        Regular = "REGULAR",
    }
}

/// A calendar entry set by a directory event: the day and what it becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DaySetting {
    /// The day.
    pub date: Date,
    /// What it becomes.
    pub kind: DayKind,
}

/// The day of the week, Monday first.
pub fn weekday(date: Date) -> u8 {
    date.weekday_from_monday()
}

/// Whether the day is a Saturday or Sunday.
pub fn is_weekend(date: Date) -> bool {
    weekday(date) >= 5
}

/// The holiday calendar: shipped entries with directory overrides folded over them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    entries: BTreeMap<Date, DayKind>,
    covered: BTreeSet<i32>,
}

impl Calendar {
    /// The calendar shipped with this build (see `holidays.rs` for the notices it copies).
    pub fn shipped() -> Calendar {
        let mut calendar = Calendar::default();
        for year in SHIPPED {
            calendar.covered.insert(year.year);
            for (date, kind) in year.days() {
                calendar.entries.insert(date, kind);
            }
        }
        calendar
    }

    /// The shipped calendar with `overrides` (the directory's, already resolved last writer wins
    /// per day) applied on top.
    pub fn with_overrides<'a>(overrides: impl IntoIterator<Item = &'a DaySetting>) -> Calendar {
        let mut calendar = Calendar::shipped();
        for setting in overrides {
            calendar.set(*setting);
        }
        calendar
    }

    /// Applies one entry. A year gains coverage when a holiday is entered for it: a supervisor
    /// distributing next year's notice starts with its holidays.
    pub fn set(&mut self, setting: DaySetting) {
        match setting.kind {
            DayKind::Regular => {
                self.entries.remove(&setting.date);
            }
            kind => {
                if kind == DayKind::Holiday {
                    self.covered.insert(setting.date.year());
                }
                self.entries.insert(setting.date, kind);
            }
        }
    }

    /// The days of `year` that differ from the weekend rule (holidays, make-up working days),
    /// in date order: what the calendar screen lists.
    pub fn entries_in(&self, year: i32) -> Vec<(Date, DayKind)> {
        self.entries
            .iter()
            .filter(|(d, _)| d.year() == year)
            .map(|(d, k)| (*d, *k))
            .collect()
    }

    /// Whether holiday data exists for `year`; if not, only weekends count as rest days and the
    /// shell should say "calendar does not cover year N".
    pub fn covers(&self, year: i32) -> bool {
        self.covered.contains(&year)
    }

    /// The entry for a day, `Regular` if none.
    pub fn entry(&self, date: Date) -> DayKind {
        self.entries.get(&date).copied().unwrap_or(DayKind::Regular)
    }

    /// Whether people work on that day.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.entry(date) {
            DayKind::Holiday => false,
            DayKind::MakeUpWorkday => true,
            DayKind::Regular => !is_weekend(date),
        }
    }

    /// The first working day on or after `date` (`None` past year 9999).
    pub fn next_working_day_from(&self, date: Date) -> Option<Date> {
        let mut day = date;
        // A holiday break is never longer than a couple of weeks; the bound only guards bad data.
        for _ in 0..366 {
            if self.is_working_day(day) {
                return Some(day);
            }
            day = day.add_days(1)?;
        }
        None
    }

    /// The years in `from..=to` this calendar does not cover.
    pub fn uncovered_years(&self, from: Date, to: Date) -> BTreeSet<i32> {
        (from.year()..=to.year())
            .filter(|y| !self.covers(*y))
            .collect()
    }
}
