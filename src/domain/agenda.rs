//! The Today screen's agenda (今日待办): which cases need attention now, derived purely from the
//! case summaries and the civil date, so the screen shows the same thing on every device.
//!
//! The groups follow the 限期处理 mechanism: a case past its time limit comes first, then those
//! due today and in the coming week (the time limit, or an obligation or a referral's answer
//! falling due, whichever is first); open cases assessed at a high escalation risk are listed on
//! their own because preventing escalation (People's Mediation Law Art 25) does not wait for a
//! deadline. Follow-up visits (People's Mediation Law Art 31: the committee supervises
//! performance) and the 30-day window for judicial confirmation (PML Art 33) have groups of
//! their own. A case may appear in several groups.

use std::cmp::Reverse;

use super::case::RiskLevel;
use super::sorting::sort_indices_by;
use super::summary::CaseSummary;
use super::time::Date;

/// Days ahead, today included, that "due this week" covers.
pub const WEEK_DAYS: i64 = 7;

/// The agenda: positions into the summaries, each group in the order to work through it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Agenda {
    /// Open cases whose time limit ended before today, the longest overdue first.
    pub overdue: Vec<usize>,
    /// Open cases whose time limit ends today.
    pub due_today: Vec<usize>,
    /// Open cases whose time limit ends within the coming week (after today), earliest first.
    pub due_this_week: Vec<usize>,
    /// Open cases whose next follow-up visit is due by the end of the coming week (late ones
    /// included), earliest first.
    pub follow_ups: Vec<usize>,
    /// Agreements whose window for applying for judicial confirmation ends within the coming
    /// week, earliest first.
    pub jc_closing: Vec<usize>,
    /// Open cases assessed orange or red, red first, then most recently changed.
    pub high_risk: Vec<usize>,
}

impl Agenda {
    /// Whether nothing needs attention.
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty()
            && self.due_today.is_empty()
            && self.due_this_week.is_empty()
            && self.follow_ups.is_empty()
            && self.jc_closing.is_empty()
            && self.high_risk.is_empty()
    }
}

/// Whether a risk level calls for the high-risk group.
pub fn is_high_risk(level: Option<RiskLevel>) -> bool {
    matches!(level, Some(RiskLevel::Orange | RiskLevel::Red))
}

/// The agenda of `summaries` on `today`.
pub fn agenda(summaries: &[CaseSummary], today: Date) -> Agenda {
    let mut out = Agenda::default();
    let week_end = today.add_days(WEEK_DAYS - 1).unwrap_or(Date::MAX);
    for (i, s) in summaries.iter().enumerate() {
        if !s.status.is_open() {
            continue;
        }
        if let Some(due) = super::listing::next_due(s) {
            if due < today {
                out.overdue.push(i);
            } else if due == today {
                out.due_today.push(i);
            } else if due <= week_end {
                out.due_this_week.push(i);
            }
        }
        if s.follow_up_due.is_some_and(|d| d <= week_end) {
            out.follow_ups.push(i);
        }
        if s.jc_due.is_some_and(|d| d >= today && d <= week_end) {
            out.jc_closing.push(i);
        }
        if is_high_risk(s.risk_level) {
            out.high_risk.push(i);
        }
    }
    let by_deadline = |list: &mut Vec<usize>| {
        sort_indices_by(list, &mut |a, b| {
            let (a, b) = (&summaries[a], &summaries[b]);
            let (da, db) = (super::listing::next_due(a), super::listing::next_due(b));
            (da, Reverse(a.updated_at), &a.id).cmp(&(db, Reverse(b.updated_at), &b.id))
        });
    };
    by_deadline(&mut out.overdue);
    by_deadline(&mut out.due_today);
    by_deadline(&mut out.due_this_week);
    let by = |list: &mut Vec<usize>, day: fn(&CaseSummary) -> Option<Date>| {
        sort_indices_by(list, &mut |a, b| {
            let (a, b) = (&summaries[a], &summaries[b]);
            (day(a), &a.id).cmp(&(day(b), &b.id))
        });
    };
    by(&mut out.follow_ups, |s| s.follow_up_due);
    by(&mut out.jc_closing, |s| s.jc_due);
    sort_indices_by(&mut out.high_risk, &mut |a, b| {
        let (a, b) = (&summaries[a], &summaries[b]);
        (Reverse(a.risk_level), Reverse(a.updated_at), &a.id).cmp(&(
            Reverse(b.risk_level),
            Reverse(b.updated_at),
            &b.id,
        ))
    });
    out
}
