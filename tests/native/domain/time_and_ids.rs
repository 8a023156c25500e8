//! Dates, instants and identifiers: the arithmetic the core does instead of reading a clock.

use casebook::domain::time::{days_in_month, is_leap_year, DateError};
use casebook::domain::{CaseId, Date, EventId, EventIdError, IdError, Timestamp};

#[test]
fn day_counts_and_dates_convert_both_ways_across_four_centuries() {
    let start = Date::from_ymd(1900, 1, 1).expect("date").days_since_epoch();
    let mut previous = Date::from_ymd(1899, 12, 31).expect("date");
    for days in start..start + 146_097 {
        let date = Date::from_days_since_epoch(days).expect("in range");
        assert_eq!(date.days_since_epoch(), days);
        assert!(date > previous, "{date} after {previous}");
        assert_eq!(previous.add_days(1), Some(date));
        previous = date;
    }
    assert_eq!(Date::from_days_since_epoch(0), Date::from_ymd(1970, 1, 1));
}

#[test]
fn dates_stay_within_years_1_to_9999_and_know_their_weekday() {
    assert_eq!(Date::MIN.add_days(-1), None);
    assert_eq!(Date::MAX.add_days(1), None);
    assert_eq!(Date::MAX.add_months(1), None);
    assert_eq!(Date::from_ymd(10_000, 1, 1), None);
    assert_eq!(Date::from_ymd(0, 12, 31), None);
    assert_eq!(
        Date::from_days_since_epoch(Date::MAX.days_since_epoch() + 1),
        None
    );
    assert_eq!(Date::MIN.to_string(), "0001-01-01");
    // 2026-11-22 is a Sunday; 1970-01-01 was a Thursday.
    let sunday = Date::from_ymd(2026, 11, 22).expect("date");
    assert_eq!(casebook::domain::calendar::weekday(sunday), 6);
    assert!(casebook::domain::calendar::is_weekend(sunday));
    let thursday = Date::from_ymd(1970, 1, 1).expect("date");
    assert_eq!(casebook::domain::calendar::weekday(thursday), 3);
}

#[test]
fn leap_years_follow_the_gregorian_rules() {
    assert!(is_leap_year(2024) && is_leap_year(2000));
    assert!(!is_leap_year(1900) && !is_leap_year(2026));
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(2100, 2), 28);
    assert_eq!(Date::from_ymd(2023, 2, 29), None);
    assert_eq!(Date::from_ymd(2026, 13, 1), None);
}

#[test]
fn a_month_after_january_thirty_first_is_the_last_day_of_february() {
    let jan31 = Date::from_ymd(2026, 1, 31).expect("date");
    assert_eq!(jan31.add_months(1), Date::from_ymd(2026, 2, 28));
    assert_eq!(
        Date::from_ymd(2024, 1, 31).expect("date").add_months(1),
        Date::from_ymd(2024, 2, 29)
    );
    assert_eq!(
        Date::from_ymd(2026, 12, 15).expect("date").add_months(1),
        Date::from_ymd(2027, 1, 15)
    );
}

#[test]
fn the_china_date_turns_over_at_sixteen_hundred_utc() {
    let midnight_utc = Date::from_ymd(2026, 3, 2).expect("date").days_since_epoch() * 86_400_000;
    let before = Timestamp::from_millis(midnight_utc - 8 * 3_600_000 - 1);
    let after = Timestamp::from_millis(midnight_utc - 8 * 3_600_000);
    assert_eq!(
        before.china_date(),
        Date::from_ymd(2026, 3, 1).expect("date")
    );
    assert_eq!(
        after.china_date(),
        Date::from_ymd(2026, 3, 2).expect("date")
    );
}

#[test]
fn iso_and_compact_dates_parse_and_impossible_days_are_refused() {
    assert_eq!(
        Date::parse_iso("2026-03-02"),
        Ok(Date::from_ymd(2026, 3, 2).expect("date"))
    );
    assert_eq!(
        Date::parse_compact("19491231"),
        Ok(Date::from_ymd(1949, 12, 31).expect("date"))
    );
    assert_eq!(Date::parse_iso("2026-02-30"), Err(DateError::NoSuchDay));
    assert_eq!(Date::parse_iso("2026/03/02"), Err(DateError::Format));
    assert_eq!(Date::parse_iso("2026-3-2"), Err(DateError::Format));
    assert_eq!(Date::parse_compact("2026030a"), Err(DateError::Format));
    assert_eq!(
        Date::from_ymd(2026, 3, 2).expect("date").to_string(),
        "2026-03-02"
    );
}

#[test]
fn ages_count_whole_years_and_birthdays() {
    let birth = Date::from_ymd(2012, 3, 2).expect("date");
    assert_eq!(
        birth.years_until(Date::from_ymd(2026, 3, 1).expect("date")),
        Some(13)
    );
    assert_eq!(
        birth.years_until(Date::from_ymd(2026, 3, 2).expect("date")),
        Some(14)
    );
    assert_eq!(
        birth.years_until(Date::from_ymd(2000, 1, 1).expect("date")),
        None
    );
}

#[test]
fn event_ids_are_exactly_64_lowercase_hex_digits() {
    assert!(EventId::parse(&"0f".repeat(32)).is_ok());
    assert_eq!(EventId::parse("abc"), Err(EventIdError::WrongLength));
    assert_eq!(
        EventId::parse(&"0F".repeat(32)),
        Err(EventIdError::NotLowercaseHex)
    );
}

#[test]
fn other_ids_are_short_ascii_names() {
    assert!(CaseId::parse("c-2026_001").is_ok());
    assert_eq!(CaseId::parse(""), Err(IdError::Empty));
    assert_eq!(CaseId::parse("c 1"), Err(IdError::BadCharacter));
    assert_eq!(CaseId::parse(&"a".repeat(65)), Err(IdError::TooLong));
}

#[test]
fn a_session_time_typed_in_china_is_the_instant_eight_hours_earlier_in_utc() {
    let day = Date::from_ymd(2026, 3, 5).expect("day");
    let at = Timestamp::from_china(day, 9, 30).expect("in range");
    // 2026-03-05 09:30 in China is 01:30 UTC: 20 517 days and 90 minutes after the epoch.
    assert_eq!(at.as_millis(), (20_517 * 86_400 + 90 * 60) * 1000);
    assert_eq!(at.china_date(), day);
    assert_eq!(at.china_hour_minute(), (9, 30));
    let early = Timestamp::from_china(day, 2, 0).expect("in range");
    assert_eq!(
        early.china_date(),
        day,
        "the China date, not the UTC date (4 March)"
    );
    assert_eq!(Timestamp::from_china(day, 24, 0), None);
    assert_eq!(Timestamp::from_china(day, 9, 60), None);
}
