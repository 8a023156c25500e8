//! Case summaries: what the list shows, the deadline preview, masking, and the stored form.

use casebook::domain::contact::Phone;
use casebook::domain::dispute::{DeadlineRule, DisputeClass, DisputeType};
use casebook::domain::summary::{CaseSummary, SummaryParseError};
use casebook::domain::{Date, Status};

use super::support::{case_in, med};

#[test]
fn a_registered_case_summarises_its_list_fields() {
    let (_, state) = case_in(Status::Assigned);
    let summary = CaseSummary::of(&state);
    assert_eq!(summary.number, state.number);
    assert_eq!(summary.status, Status::Assigned);
    assert_eq!(summary.dispute_type, Some(DisputeType::Neighbour));
    assert_eq!(
        summary.party_names,
        vec!["张三".to_owned(), "李四".to_owned()]
    );
    assert_eq!(summary.presiding, Some(med("m-2")));
    assert_eq!(summary.first_contact, med("m-1"));
    assert_eq!(summary.updated_at, state.updated_at);
    assert!(!summary.has_conflicts);
}

#[test]
fn the_deadline_preview_is_a_month_from_registration_while_mediation_is_pending() {
    let (_, state) = case_in(Status::Triaged);
    let summary = CaseSummary::of(&state);
    assert_eq!(summary.deadline_rule, Some(DeadlineRule::OneMonth));
    assert_eq!(summary.deadline, Date::from_ymd(2026, 4, 2));
    let (_, closed) = case_in(Status::Closed);
    assert_eq!(CaseSummary::of(&closed).deadline, None);
}

#[test]
fn medical_disputes_count_thirty_working_days_on_the_holiday_calendar() {
    let (_, mut state) = case_in(Status::Registered);
    state.dispute = Some(DisputeClass::of_type(DisputeType::Medical).expect("class"));
    let summary = CaseSummary::of(&state);
    assert_eq!(
        summary.deadline_rule,
        Some(DeadlineRule::MedicalThirtyWorkingDays)
    );
    // Registered on Monday 2 March 2026: 30 working days from 3 March skip the weekends and
    // the Qingming holiday (4–6 April), so the last day is 14 April.
    assert_eq!(summary.deadline, Date::from_ymd(2026, 4, 14));
}

#[test]
fn a_lead_summary_lists_the_names_reported_and_its_guessed_type() {
    let (_, state) = case_in(Status::Lead);
    let summary = CaseSummary::of(&state);
    assert_eq!(summary.number, None);
    assert_eq!(
        summary.party_names,
        vec!["王五".to_owned(), "赵六".to_owned()]
    );
    assert_eq!(summary.dispute_type, Some(DisputeType::HousingHomestead));
    assert_eq!(summary.deadline_rule, None);
}

#[test]
fn long_summaries_are_cut_to_an_excerpt() {
    let (_, mut state) = case_in(Status::Registered);
    state.summary = "长".repeat(100);
    let summary = CaseSummary::of(&state);
    assert_eq!(summary.excerpt.chars().count(), 61);
    assert!(summary.excerpt.ends_with('\u{2026}'));
    assert_eq!(summary.summary_text.chars().count(), 100);
}

#[test]
fn phones_are_kept_for_search_and_offered_masked_for_display() {
    let (_, mut state) = case_in(Status::Registered);
    state.parties[0].phone = Some(Phone::parse("13812345678").expect("phone"));
    let summary = CaseSummary::of(&state);
    assert_eq!(
        summary.phones,
        vec![Phone::parse("13812345678").expect("phone")]
    );
    assert_eq!(summary.masked_phones(), vec!["138****5678".to_owned()]);
}

#[test]
fn summaries_round_trip_through_their_stored_form() {
    let (_, mut state) = case_in(Status::Triaged);
    state.parties[1].phone = Some(Phone::parse("0755-2345678").expect("phone"));
    state.dispute = Some(DisputeClass::new(DisputeType::Other, None, Some("村务")).expect("class"));
    let summary = CaseSummary::of(&state);
    let text = summary.to_json();
    assert_eq!(CaseSummary::from_json(&text), Ok(summary));
    let lead = CaseSummary::of(&case_in(Status::Lead).1);
    assert_eq!(CaseSummary::from_json(&lead.to_json()), Ok(lead));
}

#[test]
fn a_stored_summary_of_another_version_is_refused() {
    let (_, state) = case_in(Status::Registered);
    let text = CaseSummary::of(&state)
        .to_json()
        .replacen("\"v\":3", "\"v\":9", 1);
    assert_eq!(
        CaseSummary::from_json(&text),
        Err(SummaryParseError::UnsupportedVersion(9))
    );
    assert_eq!(
        CaseSummary::from_json("nope"),
        Err(SummaryParseError::NotJson)
    );
}

#[test]
fn the_summary_carries_the_first_obligation_falling_due_until_it_is_performed() {
    use casebook::domain::procedure::{ObligationStatus, ObligationUpdate};
    let (mut tablet, state) =
        super::procedure::agreed_for_summary(Some(super::support::day(2026, 4, 10)));
    let summary = CaseSummary::of(&state);
    assert_eq!(summary.other_due, Some(super::support::day(2026, 4, 10)));
    assert_eq!(
        summary.deadline, None,
        "no mediation time limit once agreed"
    );
    let state = super::procedure::run(
        &mut tablet,
        &state,
        casebook::domain::command::CaseCommand::UpdateObligation(ObligationUpdate {
            agreement: super::support::aid("a-1"),
            obligation: 1,
            status: ObligationStatus::Performed,
            on: super::support::day(2026, 4, 9),
            evidence: vec!["receipt".to_owned()],
        }),
    );
    assert_eq!(CaseSummary::of(&state).other_due, None);
}
