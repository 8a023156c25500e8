//! The Today screen's agenda: deadline groups, the high-risk group, and what stays off it.

use casebook::domain::agenda::{agenda, WEEK_DAYS};
use casebook::domain::case::RiskLevel;
use casebook::domain::summary::CaseSummary;
use casebook::domain::{Date, Status, Timestamp};

fn case(id: &str, status: Status, deadline: Option<Date>, risk: Option<RiskLevel>) -> CaseSummary {
    let mut summary = super::listing::summary(id, status, 1);
    summary.deadline = deadline;
    summary.risk_level = risk;
    summary
}

fn day(d: u8) -> Date {
    Date::from_ymd(2026, 3, d).expect("date")
}

fn ids(all: &[CaseSummary], list: &[usize]) -> Vec<String> {
    list.iter()
        .map(|&i| all[i].id.as_str().to_owned())
        .collect()
}

#[test]
fn open_cases_are_grouped_by_how_their_time_limit_stands_today() {
    let today = day(10);
    let all = vec![
        case("later", Status::Assigned, Some(day(20)), None),
        case("week-end", Status::Triaged, Some(day(16)), None),
        case("tomorrow", Status::Assigned, Some(day(11)), None),
        case("today", Status::Registered, Some(day(10)), None),
        case("late-1", Status::Assigned, Some(day(9)), None),
        case("late-5", Status::Assigned, Some(day(5)), None),
        case("no-limit", Status::Assigned, None, None),
    ];
    let a = agenda(&all, today);
    assert_eq!(
        ids(&all, &a.overdue),
        ["late-5", "late-1"],
        "longest overdue first"
    );
    assert_eq!(ids(&all, &a.due_today), ["today"]);
    assert_eq!(
        ids(&all, &a.due_this_week),
        ["tomorrow", "week-end"],
        "the {WEEK_DAYS} days from today, earliest first"
    );
    assert!(a.high_risk.is_empty());
}

#[test]
fn closed_archived_and_dismissed_cases_never_need_attention_today() {
    let all = vec![
        case("closed", Status::Closed, Some(day(1)), Some(RiskLevel::Red)),
        case("dismissed", Status::Dismissed, Some(day(10)), None),
        case(
            "archived",
            Status::Archived,
            Some(day(1)),
            Some(RiskLevel::Red),
        ),
    ];
    assert!(agenda(&all, day(10)).is_empty());
}

#[test]
fn orange_and_red_open_cases_are_listed_as_high_risk_red_first() {
    let mut recent_lead = case("lead-red", Status::Lead, None, Some(RiskLevel::Red));
    recent_lead.updated_at = Timestamp::from_millis(5);
    let all = vec![
        case("yellow", Status::Assigned, None, Some(RiskLevel::Yellow)),
        case("orange", Status::Assigned, None, Some(RiskLevel::Orange)),
        case("red", Status::Triaged, Some(day(2)), Some(RiskLevel::Red)),
        recent_lead,
    ];
    let a = agenda(&all, day(10));
    // A lead found at screening with signs of escalation is listed too: prevention
    // (People's Mediation Law Art 25) does not wait for registration.
    assert_eq!(ids(&all, &a.high_risk), ["lead-red", "red", "orange"]);
    assert_eq!(
        ids(&all, &a.overdue),
        ["red"],
        "a case can be in both groups"
    );
}

#[test]
fn follow_ups_due_this_week_or_late_and_closing_confirmation_windows_are_listed() {
    let today = day(10);
    let mut late_visit = case("late-visit", Status::Performing, None, None);
    late_visit.follow_up_due = Some(day(8));
    let mut visit = case("visit", Status::Performing, None, None);
    visit.follow_up_due = Some(day(12));
    let mut far_visit = case("far-visit", Status::Performing, None, None);
    far_visit.follow_up_due = Some(day(30));
    let mut window = case("window", Status::Agreed, None, None);
    window.jc_due = Some(day(14));
    let mut missed = case("missed", Status::Agreed, None, None);
    missed.jc_due = Some(day(9));
    let all = vec![far_visit, visit, late_visit, window, missed];
    let a = agenda(&all, today);
    assert_eq!(ids(&all, &a.follow_ups), ["late-visit", "visit"]);
    assert_eq!(
        ids(&all, &a.jc_closing),
        ["window"],
        "a window that already closed cannot be used any more"
    );
}

#[test]
fn an_obligation_or_referral_falling_due_lists_the_case_like_a_time_limit() {
    let today = day(10);
    let mut paying = case("paying", Status::Performing, None, None);
    paying.other_due = Some(day(9));
    let mut answer = case("answer", Status::Performing, None, None);
    answer.other_due = Some(day(12));
    let mut both = case("both", Status::InMediation, None, None);
    both.deadline = Some(day(20));
    both.other_due = Some(day(10));
    let all = vec![paying, answer, both];
    let a = agenda(&all, today);
    assert_eq!(ids(&all, &a.overdue), ["paying"]);
    assert_eq!(
        ids(&all, &a.due_today),
        ["both"],
        "the earlier of the two days counts"
    );
    assert_eq!(ids(&all, &a.due_this_week), ["answer"]);
}
