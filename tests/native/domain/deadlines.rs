//! The holiday calendar and the deadline engine: Civil Code counting, shipped holiday data,
//! directory calendar events, working days, extensions and the medical time limit.

use casebook::domain::calendar::{is_weekend, Calendar, DayKind, DaySetting};
use casebook::domain::case::TerminationReason;
use casebook::domain::command::{
    decide, decide_directory, CaseCommand, CommandError, DirectoryCommand,
};
use casebook::domain::deadline::{
    days_after, due_dates, jc_application_deadline, mediation_deadline, months_after,
    working_days_after, DeadlineAlert, DueItem,
};
use casebook::domain::dispute::{DeadlineRule, DisputeType};
use casebook::domain::procedure::{Notice, NoticeKind};
use casebook::domain::{fold_directory, parse_event_json, Date, Rule, Status, Timestamp};

use super::procedure::mediating_with;
use super::support::{day, pid, Tablet};

fn shipped() -> Calendar {
    Calendar::shipped()
}

/// 09:00 China time on `date`.
fn morning(date: Date) -> Timestamp {
    Timestamp::from_millis(date.days_since_epoch() * 86_400_000 + 3_600_000)
}

#[test]
fn shipped_calendar_follows_the_2026_notice() {
    let c = shipped();
    for d in [
        (1, 1),
        (2, 15),
        (2, 23),
        (4, 6),
        (5, 5),
        (6, 19),
        (9, 25),
        (10, 7),
    ] {
        assert!(!c.is_working_day(day(2026, d.0, d.1)), "{d:?} is a holiday");
    }
    // Make-up working days, all on weekends.
    for d in [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)] {
        let date = day(2026, d.0, d.1);
        assert!(
            is_weekend(date) && c.is_working_day(date),
            "{d:?} is worked"
        );
    }
    assert!(c.is_working_day(day(2026, 10, 8)));
    assert!(c.covers(2026));
}

#[test]
fn shipped_calendar_follows_the_2025_notice() {
    let c = shipped();
    assert!(!c.is_working_day(day(2025, 1, 28)));
    assert!(
        !c.is_working_day(day(2025, 10, 8)),
        "National Day with Mid-Autumn, 8 days"
    );
    assert!(c.is_working_day(day(2025, 1, 26)), "Sunday make-up day");
    assert!(c.is_working_day(day(2025, 10, 11)), "Saturday make-up day");
    assert!(c.covers(2025));
}

#[test]
fn periods_start_the_day_after_the_event() {
    // Civil Code Art 201: 15 days after Monday 2026-03-02 end on Tuesday 03-17.
    let due = days_after(day(2026, 3, 2), 15, &shipped()).expect("due");
    assert_eq!(due.date, day(2026, 3, 17));
    assert!(due.uncovered_years.is_empty());
}

#[test]
fn month_periods_end_on_the_corresponding_day_or_the_months_last_day() {
    // Civil Code Art 202.
    let c = shipped();
    assert_eq!(
        months_after(day(2026, 3, 10), 1, &c).expect("due").date,
        day(2026, 4, 10)
    );
    assert_eq!(
        months_after(day(2026, 3, 31), 1, &c).expect("due").date,
        day(2026, 4, 30)
    );
}

#[test]
fn a_last_day_on_a_public_holiday_moves_to_the_next_working_day() {
    // Civil Code Art 203: 2026-10-04 falls in the National Day break; the 8th is worked.
    let due = months_after(day(2026, 9, 4), 1, &shipped()).expect("due");
    assert_eq!(due.date, day(2026, 10, 8));
    // A last day on an ordinary weekend moves to Monday.
    let due = days_after(day(2026, 3, 6), 15, &shipped()).expect("due");
    assert_eq!(due.date, day(2026, 3, 23));
}

#[test]
fn a_last_day_on_a_make_up_working_day_does_not_move() {
    // Saturday 2026-10-10 is a make-up working day.
    let due = months_after(day(2026, 9, 10), 1, &shipped()).expect("due");
    assert_eq!(due.date, day(2026, 10, 10));
}

#[test]
fn medical_thirty_working_days_skip_public_holidays_and_count_make_up_days() {
    // Accepted Tuesday 2026-09-15: the count crosses the make-up Sunday 09-20, the Mid-Autumn
    // break, the National Day break and the make-up Saturday 10-10.
    let due = working_days_after(day(2026, 9, 15), 30, &shipped(), &[]).expect("due");
    assert_eq!(due.date, day(2026, 11, 2));
    // With weekends only (a year the calendar does not cover) the same count ends on 10-27.
    let bare = Calendar::default();
    let due = working_days_after(day(2026, 9, 15), 30, &bare, &[]).expect("due");
    assert_eq!(due.date, day(2026, 10, 27));
    assert_eq!(
        due.uncovered_years.into_iter().collect::<Vec<_>>(),
        vec![2026]
    );
}

#[test]
fn appraisal_time_is_excluded_from_the_medical_working_days() {
    // A week of appraisal (five working days) pushes the end by five working days.
    let c = shipped();
    let excluded = [(day(2026, 3, 9), day(2026, 3, 13))];
    let plain = working_days_after(day(2026, 3, 2), 30, &c, &[]).expect("due");
    let paused = working_days_after(day(2026, 3, 2), 30, &c, &excluded).expect("due");
    assert_eq!(plain.date, day(2026, 4, 14));
    assert_eq!(paused.date, day(2026, 4, 21));
}

#[test]
fn a_year_the_calendar_does_not_cover_counts_weekends_only_and_says_so() {
    let c = shipped();
    assert!(!c.covers(2027));
    let due = days_after(day(2026, 12, 20), 30, &c).expect("due");
    assert_eq!(due.date, day(2027, 1, 19));
    assert_eq!(
        due.uncovered_years.into_iter().collect::<Vec<_>>(),
        vec![2027]
    );
}

#[test]
fn directory_calendar_events_fold_over_the_shipped_data() {
    let mut tablet = Tablet::new("tab-1", "m-1", morning(day(2026, 11, 20)));
    let settings = [
        DaySetting {
            date: day(2027, 1, 1),
            kind: DayKind::Holiday,
        },
        DaySetting {
            date: day(2026, 10, 7),
            kind: DayKind::Regular,
        },
        DaySetting {
            date: day(2026, 12, 26),
            kind: DayKind::MakeUpWorkday,
        },
    ];
    let mut events = Vec::new();
    for setting in settings {
        let event = decide_directory(DirectoryCommand::SetCalendarDay(setting), &tablet.ctx())
            .expect("calendar event");
        // The stored form parses back to the same event.
        assert_eq!(parse_event_json(&event.to_json()).expect("parse"), event);
        tablet.append(event.body().clone());
        events.push(event);
    }
    let calendar = fold_directory(&tablet.log).calendar();
    assert!(calendar.covers(2027), "a holiday entry brings the year in");
    assert!(!calendar.is_working_day(day(2027, 1, 1)));
    assert!(
        calendar.is_working_day(day(2026, 10, 7)),
        "shipped holiday removed"
    );
    assert!(
        calendar.is_working_day(day(2026, 12, 26)),
        "Saturday made a working day"
    );
    // Last writer wins per day.
    tablet.append(
        decide_directory(
            DirectoryCommand::SetCalendarDay(DaySetting {
                date: day(2027, 1, 1),
                kind: DayKind::Regular,
            }),
            &tablet.ctx(),
        )
        .expect("event")
        .body()
        .clone(),
    );
    assert!(fold_directory(&tablet.log)
        .calendar()
        .is_working_day(day(2027, 1, 1)));
}

#[test]
fn the_one_month_norm_applies_by_default_and_warns_before_it_ends() {
    let (_, state) = mediating_with(DisputeType::Neighbour);
    let deadline = mediation_deadline(&state, &shipped()).expect("deadline");
    assert_eq!(deadline.rule, DeadlineRule::OneMonth);
    assert_eq!(deadline.start, day(2026, 3, 2));
    assert_eq!(deadline.last_day(), Some(day(2026, 4, 2)));
    assert_eq!(deadline.alert(day(2026, 3, 20)), None);
    assert_eq!(
        deadline.alert(day(2026, 3, 27)),
        Some(DeadlineAlert::SevenDays)
    );
    assert_eq!(
        deadline.alert(day(2026, 3, 31)),
        Some(DeadlineAlert::ThreeDays)
    );
    assert_eq!(
        deadline.alert(day(2026, 4, 2)),
        Some(DeadlineAlert::DueToday)
    );
    assert_eq!(
        deadline.alert(day(2026, 4, 3)),
        Some(DeadlineAlert::Overdue)
    );
    assert_eq!(
        due_dates(&state, &shipped()).first(),
        Some(&(day(2026, 4, 2), DueItem::Mediation))
    );
}

#[test]
fn labour_disputes_have_fifteen_days() {
    let (_, state) = mediating_with(DisputeType::Labour);
    let deadline = mediation_deadline(&state, &shipped()).expect("deadline");
    assert_eq!(deadline.rule, DeadlineRule::LabourFifteenDays);
    assert_eq!(deadline.last_day(), Some(day(2026, 3, 17)));
}

#[test]
fn an_extension_without_every_partys_consent_is_refused() {
    let (tablet, state) = mediating_with(DisputeType::Neighbour);
    let command = CaseCommand::ExtendTimeLimit {
        to: day(2026, 4, 30),
        consenting: vec![pid("p-1")],
    };
    assert_eq!(
        decide(Some(&state), command, &tablet.ctx()),
        Err(CommandError::RequiresProcedureRecords(
            Rule::ExtensionConsent
        ))
    );
}

#[test]
fn an_extension_with_every_partys_consent_moves_the_last_day() {
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = super::procedure::run(
        &mut tablet,
        &state,
        CaseCommand::ExtendTimeLimit {
            to: day(2026, 4, 30),
            consenting: vec![pid("p-1"), pid("p-2")],
        },
    );
    let deadline = mediation_deadline(&state, &shipped()).expect("deadline");
    assert_eq!(deadline.extended_to, Some(day(2026, 4, 30)));
    assert_eq!(deadline.last_day(), Some(day(2026, 4, 30)));
    // An "extension" to an earlier day is refused.
    let earlier = CaseCommand::ExtendTimeLimit {
        to: day(2026, 4, 1),
        consenting: vec![pid("p-1"), pid("p-2")],
    };
    assert!(matches!(
        decide(Some(&state), earlier, &tablet.ctx()),
        Err(CommandError::Invalid(_))
    ));
}

#[test]
fn a_medical_case_terminates_for_time_only_after_thirty_working_days() {
    // Registered 2026-03-02; 30 working days end on 2026-04-14 (Qingming Monday 04-06 is
    // skipped).
    let (mut tablet, state) = mediating_with(DisputeType::Medical);
    let deadline = mediation_deadline(&state, &shipped()).expect("deadline");
    assert_eq!(deadline.rule, DeadlineRule::MedicalThirtyWorkingDays);
    assert_eq!(deadline.last_day(), Some(day(2026, 4, 14)));
    let notice = Notice {
        kind: NoticeKind::OtherRoutes,
        parties: vec![pid("p-1"), pid("p-2")],
        on: day(2026, 4, 13),
    };
    let state = super::procedure::run(&mut tablet, &state, CaseCommand::GiveNotice(notice));
    let timeout = CaseCommand::Terminate {
        reason: TerminationReason::TimeLimitExpired,
    };
    tablet.clock = morning(day(2026, 4, 14));
    assert_eq!(
        decide(Some(&state), timeout.clone(), &tablet.ctx()),
        Err(CommandError::RequiresProcedureRecords(
            Rule::MedicalTimeLimitElapsed
        ))
    );
    tablet.clock = morning(day(2026, 4, 15));
    let state = super::procedure::run(&mut tablet, &state, timeout);
    assert_eq!(state.status, Status::Terminated);
}

#[test]
fn an_open_appraisal_suspends_the_medical_count() {
    let (mut tablet, state) = mediating_with(DisputeType::Medical);
    let state = super::procedure::run(
        &mut tablet,
        &state,
        CaseCommand::StartAppraisal {
            on: day(2026, 3, 9),
        },
    );
    let deadline = mediation_deadline(&state, &shipped()).expect("deadline");
    assert_eq!(deadline.last_day(), None);
    let state = super::procedure::run(
        &mut tablet,
        &state,
        CaseCommand::EndAppraisal {
            on: day(2026, 3, 13),
        },
    );
    let deadline = mediation_deadline(&state, &shipped()).expect("deadline");
    assert_eq!(deadline.last_day(), Some(day(2026, 4, 21)));
}

#[test]
fn appraisal_pauses_are_for_medical_disputes_only() {
    let (tablet, state) = mediating_with(DisputeType::Neighbour);
    assert_eq!(
        decide(
            Some(&state),
            CaseCommand::StartAppraisal {
                on: day(2026, 3, 9)
            },
            &tablet.ctx()
        ),
        Err(CommandError::TimeLimitOnlyForMedicalDisputes)
    );
}

#[test]
fn the_judicial_confirmation_window_is_thirty_days_from_effect() {
    // Effective 2026-03-02: 30 days end on 04-01 (a Wednesday).
    let due = jc_application_deadline(day(2026, 3, 2), &shipped()).expect("due");
    assert_eq!(due.date, day(2026, 4, 1));
}

#[test]
fn the_calendar_screen_lists_a_years_holidays_and_make_up_days_with_corrections() {
    let d = |m, dd| day(2026, m, dd);
    let shipped = shipped();
    let year = shipped.entries_in(2026);
    assert!(year.contains(&(d(10, 1), DayKind::Holiday)), "National Day");
    assert!(year.iter().all(|(date, _)| date.year() == 2026));
    assert!(year.windows(2).all(|w| w[0].0 < w[1].0), "in date order");
    // A committee correction adds a day and removes one.
    let corrected = Calendar::with_overrides(&[
        DaySetting {
            date: d(6, 1),
            kind: DayKind::Holiday,
        },
        DaySetting {
            date: d(10, 1),
            kind: DayKind::Regular,
        },
    ]);
    let year = corrected.entries_in(2026);
    assert!(year.contains(&(d(6, 1), DayKind::Holiday)));
    assert!(!year.iter().any(|(date, _)| *date == d(10, 1)));
    assert!(corrected.entries_in(1999).is_empty());
}
