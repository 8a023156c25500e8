//! The deadline engine: due dates computed from the records and the holiday calendar, never typed.
//!
//! Counting follows the Civil Code: a period in days or months starts on the day after the event
//! (Art 201); a period in months ends on the corresponding day of the last month, or that month's
//! last day when it has none (Art 202); a last day that is a rest day moves to the next working
//! day (Art 203). Rest days are the calendar's (`calendar.rs`): weekends not made up and public
//! holidays. Working-day periods (medical mediation) count working days only.

use std::collections::BTreeSet;

use super::calendar::Calendar;
use super::case_state::CaseState;
use super::dispute::{default_deadline, DeadlineRule};
use super::ids::{AgreementId, ReferralId};
use super::lifecycle::{Status, Transition};
use super::procedure::ObligationStatus;
use super::time::Date;

/// A computed last day, with the years the calendar did not cover while computing it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Due {
    /// The last day of the period.
    pub date: Date,
    /// Years without holiday data that the count went through: the result assumed weekends
    /// only there, and the shell should say "calendar does not cover year N".
    pub uncovered_years: BTreeSet<i32>,
}

fn roll(last: Date, from: Date, calendar: &Calendar) -> Option<Due> {
    let date = calendar.next_working_day_from(last)?;
    Some(Due {
        date,
        uncovered_years: calendar.uncovered_years(from, date),
    })
}

/// The last day of a period of `days` days after `event` (Civil Code Arts 201, 203).
pub fn days_after(event: Date, days: u32, calendar: &Calendar) -> Option<Due> {
    roll(event.add_days(i64::from(days))?, event, calendar)
}

/// The last day of a period of `months` months after `event` (Civil Code Arts 201-203).
pub fn months_after(event: Date, months: u32, calendar: &Calendar) -> Option<Due> {
    roll(event.add_months(months)?, event, calendar)
}

/// The `n`-th working day after `event`, skipping the days in `excluded` (inclusive ranges,
/// e.g. appraisal time). `n` = 0 gives `event` itself.
pub fn working_days_after(
    event: Date,
    n: u32,
    calendar: &Calendar,
    excluded: &[(Date, Date)],
) -> Option<Due> {
    let mut day = event;
    let mut left = n;
    while left > 0 {
        day = day.add_days(1)?;
        let paused = excluded.iter().any(|(a, b)| *a <= day && day <= *b);
        if !paused && calendar.is_working_day(day) {
            left -= 1;
        }
    }
    Some(Due {
        date: day,
        uncovered_years: calendar.uncovered_years(event, day),
    })
}

/// The mediation time limit of a case as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MediationDeadline {
    /// The rule applied.
    pub rule: DeadlineRule,
    /// The day the period runs from (acceptance, or re-mediation).
    pub start: Date,
    /// The last day by the rule alone; `None` while a medical appraisal is under way (the
    /// count is suspended, MED 2018 Art 38).
    pub by_rule: Option<Due>,
    /// The last day agreed by every party, if they extended it.
    pub extended_to: Option<Date>,
}

impl MediationDeadline {
    /// The last day that applies: the agreed extension if later than the rule's.
    pub fn last_day(&self) -> Option<Date> {
        match (&self.by_rule, self.extended_to) {
            (Some(d), Some(e)) => Some(d.date.max(e)),
            (Some(d), None) => Some(d.date),
            (None, _) => None,
        }
    }

    /// Whether the time limit has run out by `today`.
    pub fn elapsed(&self, today: Date) -> bool {
        self.last_day().is_some_and(|d| today > d)
    }

    /// The warning due on `today`.
    pub fn alert(&self, today: Date) -> Option<DeadlineAlert> {
        let days_left = self.last_day()?.days_since_epoch() - today.days_since_epoch();
        Some(match days_left {
            d if d < 0 => DeadlineAlert::Overdue,
            0 => DeadlineAlert::DueToday,
            1..=3 => DeadlineAlert::ThreeDays,
            4..=7 => DeadlineAlert::SevenDays,
            _ => return None,
        })
    }
}

/// Reminders at T-7, T-3, T-0 and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineAlert {
    /// Seven days or fewer left.
    SevenDays,
    /// Three days or fewer left.
    ThreeDays,
    /// The last day is today.
    DueToday,
    /// Past the last day.
    Overdue,
}

/// The day the current mediation period runs from: acceptance (registration), or the latest
/// reopening or re-mediation, which starts a new mediation.
fn period_start(state: &CaseState) -> Option<Date> {
    let restart = state
        .history
        .iter()
        .rev()
        .find(|h| matches!(h.transition, Transition::Reopen | Transition::Remediate))
        .map(|h| h.at);
    restart.or(state.registered_at).map(|t| t.china_date())
}

/// The mediation time limit of a case, while it is being mediated or about to be: one month
/// (MOJ 2002 Regulation Art 33), 15 days for labour disputes (Labour Dispute Mediation and
/// Arbitration Law Art 14), 30 working days for medical disputes with appraisal time excluded
/// (Regulation on Medical Dispute Prevention and Handling Art 38); extended only to a day every
/// party agreed to.
pub fn mediation_deadline(state: &CaseState, calendar: &Calendar) -> Option<MediationDeadline> {
    let active = matches!(
        state.status,
        Status::Registered | Status::Triaged | Status::Assigned | Status::InMediation
    );
    if !active {
        return None;
    }
    let start = period_start(state)?;
    let rule = state
        .dispute
        .as_ref()
        .map_or(DeadlineRule::OneMonth, |d| default_deadline(d.primary()));
    let by_rule = match rule {
        DeadlineRule::OneMonth => months_after(start, 1, calendar),
        DeadlineRule::LabourFifteenDays => days_after(start, 15, calendar),
        DeadlineRule::MedicalThirtyWorkingDays => {
            let p = &state.procedure;
            if p.appraisals.iter().any(|(_, end)| end.is_none()) {
                None
            } else {
                let excluded: Vec<(Date, Date)> = p
                    .appraisals
                    .iter()
                    .filter_map(|(a, b)| b.map(|b| (*a, b)))
                    .collect();
                working_days_after(start, 30, calendar, &excluded)
            }
        }
    };
    let extended_to = state.procedure.extensions.iter().map(|e| e.record).max();
    Some(MediationDeadline {
        rule,
        start,
        by_rule,
        extended_to,
    })
}

/// The last day to apply jointly for judicial confirmation: 30 days from the agreement's effect
/// (PML Art 33; Civil Procedure Law Art 205).
pub fn jc_application_deadline(effective_on: Date, calendar: &Calendar) -> Option<Due> {
    days_after(effective_on, 30, calendar)
}

/// What a dated item on a case is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueItem {
    /// The mediation time limit.
    Mediation,
    /// The window for applying for judicial confirmation.
    JcApplication,
    /// An obligation (agreement, position from 1) not yet performed.
    Obligation(AgreementId, u32),
    /// The next follow-up visit.
    FollowUp,
    /// A referral's response.
    ReferralResponse(ReferralId),
}

/// Every date a case is waiting for, earliest first: what a "due soon" list shows.
pub fn due_dates(state: &CaseState, calendar: &Calendar) -> Vec<(Date, DueItem)> {
    let mut out = Vec::new();
    if let Some(day) = mediation_deadline(state, calendar).and_then(|d| d.last_day()) {
        out.push((day, DueItem::Mediation));
    }
    let p = &state.procedure;
    if state.status == Status::Agreed {
        if let Some((_, on)) = &p.effective {
            if let Some(due) = jc_application_deadline(*on, calendar) {
                out.push((due.date, DueItem::JcApplication));
            }
        }
    }
    if state.status.is_open() {
        if let Some(record) = p.effective_agreement() {
            let id = &record.agreement.id;
            for (i, o) in record.agreement.obligations.iter().enumerate() {
                let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                let done = p.obligation_status(id, n) == ObligationStatus::Performed;
                if let (Some(due), false) = (o.due, done) {
                    out.push((due, DueItem::Obligation(id.clone(), n)));
                }
            }
        }
        if let Some(next) = p.follow_ups.last().and_then(|f| f.record.next_visit) {
            out.push((next, DueItem::FollowUp));
        }
        for r in &p.referrals {
            if r.result.is_some() {
                continue;
            }
            if let Some(days) = r.referral.response_days {
                if let Some(due) = days_after(r.referral.sent_on, days, calendar) {
                    out.push((due.date, DueItem::ReferralResponse(r.referral.id.clone())));
                }
            }
        }
    }
    out.sort();
    out
}
