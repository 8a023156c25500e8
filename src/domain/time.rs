//! Points in time as milliseconds since the Unix epoch (UTC); the shell reads the clock, never the core.

use std::fmt;

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
/// Implemented here rather than with a date crate: the core only needs day arithmetic and
/// month arithmetic, and keeping it dependency-free keeps the wasm small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Whether `year` is a Gregorian leap year.
pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for an invalid month.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date `year-month-day`, if it exists and the year is within 1..=9999.
    pub const fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if year < 1 || year > 9999 || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub const fn day(self) -> u8 {
        self.day
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
    pub const fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: shift the year to start in March so the leap day
        // is the last day of the shifted year.
        let y = if self.month <= 2 {
            self.year as i64 - 1
        } else {
            self.year as i64
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, if within years 1..=9999.
    pub const fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Hinnant's civil_from_days, the inverse of `days_since_epoch`.
        if days < Date::MIN.days_since_epoch() || days > Date::MAX.days_since_epoch() {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Some(Date { year, month, day })
    }

    /// The date `days` days later (earlier if negative), if within years 1..=9999.
    pub const fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// The same day `months` months later, or the month's last day when it has no such day.
    ///
    /// This is how the Civil Code counts periods in months (民法典 Art 202: the corresponding
    /// day of the final month ends the period; without one, the month's last day does).
    pub const fn add_months(self, months: u32) -> Option<Date> {
        let index = self.year as i64 * 12 + (self.month as i64 - 1) + months as i64;
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        if year > 9999 {
            return None;
        }
        let year = year as i32;
        let last = days_in_month(year, month);
        let day = if self.day > last { last } else { self.day };
        Date::from_ymd(year, month, day)
    }

    /// Whole years from `self` (a birth date) to `on`; `None` if `on` is before `self`.
    pub fn years_until(self, on: Date) -> Option<u32> {
        if on < self {
            return None;
        }
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
