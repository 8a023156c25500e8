//! Points in time as milliseconds since the Unix epoch (UTC); the shell reads the clock, never the core.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};

/// A UTC instant in milliseconds since 1970-01-01T00:00:00Z.
///
/// The core never asks what time it is: callers pass `now` in, which keeps folds and validations
/// deterministic and testable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `ms` milliseconds after the epoch.
    pub const fn from_millis(ms: i64) -> Self {
        Self(ms)
    }

    /// Milliseconds since the epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// This instant plus `ms` milliseconds (saturating, so arithmetic on bad input cannot panic).
    pub const fn plus_millis(self, ms: i64) -> Self {
        Self(self.0.saturating_add(ms))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}ms", self.0)
    }
}

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// China Standard Time is UTC+8 all year round (no daylight saving since 1991), so the civil
/// date of an instant in China needs no time-zone database.
const CHINA_OFFSET_MS: i64 = 8 * 3_600_000;

impl Timestamp {
    /// The civil date in China (UTC+8) at this instant: the date printed on forms and used for
    /// the year of a case number.
    pub fn china_date(self) -> Date {
        let days = self.0.saturating_add(CHINA_OFFSET_MS).div_euclid(DAY_MS);
        Date::from_days_since_epoch(days).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
    }

    /// The instant of a civil date and time of day in China (UTC+8), e.g. a session's start as
    /// the mediator types it; `None` for an hour or minute out of range.
    pub fn from_china(date: Date, hour: u8, minute: u8) -> Option<Timestamp> {
        if hour > 23 || minute > 59 {
            return None;
        }
        let minutes = i64::from(hour) * 60 + i64::from(minute);
        let ms = date.days_since_epoch() * DAY_MS + minutes * 60_000 - CHINA_OFFSET_MS;
        Some(Timestamp(ms))
    }

    /// The time of day in China at this instant, as (hour, minute).
    pub fn china_hour_minute(self) -> (u8, u8) {
        let minutes = self.0.saturating_add(CHINA_OFFSET_MS).rem_euclid(DAY_MS) / 60_000;
        // Both fit: minutes < 1440.
        ((minutes / 60) as u8, (minutes % 60) as u8)
    }
}

/// Why a string is not a valid date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text did not have the expected shape (`YYYY-MM-DD` or `YYYYMMDD`).
    #[error("date is not in the expected format")]
    Format,
    /// The shape was right but no such day exists (e.g. 2023-02-29).
    #[error("no such calendar day")]
    NoSuchDay,
}

/// A civil date of the proleptic Gregorian calendar, years 1 to 9999.
///
/// A thin wrapper over `chrono::NaiveDate` (chrono does the calendar arithmetic; this type
/// fixes the range the app accepts and the two text forms it reads). The range keeps every
/// stored date four digits long, which the ISO form in events and the sorting of date strings
/// rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| d.leap_year())
}

/// Days in `month` (1–12) of `year`; 0 for an invalid month or a year chrono cannot represent.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    NaiveDate::from_ymd_opt(year, u32::from(month), 1)
        .and_then(|first| first.checked_add_months(Months::new(1)))
        .and_then(|next| next.pred_opt())
        .map_or(0, |last| last.day() as u8)
}

/// 1970-01-01 as days since 0001-01-01 (chrono's day count starts at 0001-01-01 = day 1).
const EPOCH_DAYS_FROM_CE: i64 = 719_163;

impl Date {
    /// 0001-01-01.
    pub const MIN: Date = match NaiveDate::from_ymd_opt(1, 1, 1) {
        Some(d) => Date(d),
        None => panic!("0001-01-01 exists"),
    };
    /// 9999-12-31.
    pub const MAX: Date = match NaiveDate::from_ymd_opt(9999, 12, 31) {
        Some(d) => Date(d),
        None => panic!("9999-12-31 exists"),
    };

    fn within_range(date: NaiveDate) -> Option<Date> {
        (1..=9999).contains(&date.year()).then_some(Date(date))
    }

    /// The date `year-month-day`, if it exists and the year is within 1..=9999.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day)).map(Date)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        // 1–12 fits.
        self.0.month() as u8
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        // 1–31 fits.
        self.0.day() as u8
    }

    /// The day of the week, Monday = 0.
    pub fn weekday_from_monday(self) -> u8 {
        // 0–6 fits.
        self.0.weekday().num_days_from_monday() as u8
    }

    /// Parses the ISO 8601 calendar form `YYYY-MM-DD` (the form stored in events).
    pub fn parse_iso(raw: &str) -> Result<Date, DateError> {
        let b = raw.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Format);
        }
        Self::from_digit_fields(&raw[0..4], &raw[5..7], &raw[8..10])
    }

    /// Parses the compact form `YYYYMMDD` (as inside a resident ID number).
    pub fn parse_compact(raw: &str) -> Result<Date, DateError> {
        if raw.len() != 8 || !raw.is_ascii() {
            return Err(DateError::Format);
        }
        Self::from_digit_fields(&raw[0..4], &raw[4..6], &raw[6..8])
    }

    // Not chrono's `parse_from_str`: its format-string machinery would cost more wasm than
    // these fixed-width fields, and it accepts shapes (signs, fewer digits) stored dates never
    // have.
    fn from_digit_fields(y: &str, m: &str, d: &str) -> Result<Date, DateError> {
        fn digits(s: &str) -> Result<u32, DateError> {
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::Format);
            }
            s.parse().map_err(|_| DateError::Format)
        }
        let (y, m, d) = (digits(y)?, digits(m)?, digits(d)?);
        let (Ok(y), Ok(m), Ok(d)) = (i32::try_from(y), u8::try_from(m), u8::try_from(d)) else {
            return Err(DateError::NoSuchDay);
        };
        Date::from_ymd(y, m, d).ok_or(DateError::NoSuchDay)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        i64::from(self.0.num_days_from_ce()) - EPOCH_DAYS_FROM_CE
    }

    /// The date `days` days after 1970-01-01, if within years 1..=9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let from_ce = i32::try_from(days.checked_add(EPOCH_DAYS_FROM_CE)?).ok()?;
        Self::within_range(NaiveDate::from_num_days_from_ce_opt(from_ce)?)
    }

    /// The date `days` days later (earlier if negative), if within years 1..=9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        let date = if days >= 0 {
            self.0.checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            self.0.checked_sub_days(Days::new(days.unsigned_abs()))
        };
        Self::within_range(date?)
    }

    /// The same day `months` months later, or the month's last day when it has no such day.
    ///
    /// This is how the Civil Code counts periods in months (民法典 Art 202: the corresponding
    /// day of the final month ends the period; without one, the month's last day does), and it
    /// is chrono's `checked_add_months` rule.
    pub fn add_months(self, months: u32) -> Option<Date> {
        Self::within_range(self.0.checked_add_months(Months::new(months))?)
    }

    /// Whole years from `self` (a birth date) to `on`; `None` if `on` is before `self`.
    pub fn years_until(self, on: Date) -> Option<u32> {
        on.0.years_since(self.0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}
