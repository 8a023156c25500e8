//! Filtering and sorting of case summaries for the case list (pure; the shell renders the result).
//!
//! With a search query the search ranking decides the order; without one the chosen sort does.
//! Filters always apply, so "search within my overdue cases" works.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;

use super::case::RiskLevel;
use super::dispute::DisputeType;
use super::ids::{CaseId, MediatorId};
use super::lifecycle::Status;
use super::sorting::{sort_by_dyn, sort_indices_by};
use super::summary::{CaseSummary, SummaryParseError};
use super::time::Date;

/// Which statuses the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Every record.
    #[default]
    All,
    /// Leads not yet converted or dismissed.
    Leads,
    /// Cases still being handled (registered through performance).
    Open,
    /// Closed, archived, not accepted, referred out, terminated or dismissed.
    Finished,
    /// Exactly this status.
    Exactly(Status),
}

impl StatusFilter {
    fn admits(self, status: Status) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Leads => status == Status::Lead,
            StatusFilter::Open => status != Status::Lead && status.is_open(),
            StatusFilter::Finished => !status.is_open(),
            StatusFilter::Exactly(s) => s == status,
        }
    }
}

/// The order of the list when there is no search query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseSort {
    /// Most recently changed first.
    #[default]
    UpdatedDesc,
    /// Most recently registered first (leads last).
    RegisteredDesc,
    /// Earliest deadline first (cases without one last).
    DeadlineAsc,
    /// By case number (leads last).
    NumberAsc,
}

/// What the list should show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseFilter {
    /// Status group.
    pub status: StatusFilter,
    /// Only this dispute type.
    pub dispute_type: Option<DisputeType>,
    /// Only this risk level.
    pub risk_level: Option<RiskLevel>,
    /// Only cases whose deadline has passed and that are still open.
    pub overdue_only: bool,
    /// Only cases this mediator presides over or first received.
    pub mine: Option<MediatorId>,
}

/// Whether an open case's deadline lies before `today`.
pub fn is_overdue(summary: &CaseSummary, today: Date) -> bool {
    summary.status.is_open() && next_due(summary).is_some_and(|d| d < today)
}

/// The first day something on the case falls due: the mediation time limit, an obligation or a
/// referral's answer.
pub fn next_due(summary: &CaseSummary) -> Option<Date> {
    [summary.deadline, summary.other_due]
        .into_iter()
        .flatten()
        .min()
}

impl CaseFilter {
    /// Whether `summary` passes every filter.
    pub fn admits(&self, summary: &CaseSummary, today: Date) -> bool {
        self.status.admits(summary.status)
            && self
                .dispute_type
                .is_none_or(|t| summary.dispute_type == Some(t))
            && self
                .risk_level
                .is_none_or(|r| summary.risk_level == Some(r))
            && (!self.overdue_only || is_overdue(summary, today))
            && self.mine.as_ref().is_none_or(|me| {
                summary.presiding.as_ref() == Some(me) || &summary.first_contact == me
            })
    }
}

/// Where each case is in `summaries`, to resolve search results. Built once per change of the
/// register, not per keystroke: building it is the costliest part of a query over 10 000 cases.
pub fn positions(summaries: &[CaseSummary]) -> HashMap<CaseId, usize> {
    summaries
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect()
}

/// The positions of ranked search results, best first; ids not (or no longer) held are skipped.
pub fn resolve(ranked: &[CaseId], positions: &HashMap<CaseId, usize>) -> Vec<usize> {
    ranked
        .iter()
        .filter_map(|id| positions.get(id).copied())
        .collect()
}

/// The indices into `summaries` to show, in order.
///
/// `ranked` is the search result (best first, as positions in `summaries`, see [`resolve`])
/// when the user typed a query: only those cases are shown, in that order. Without it every
/// admitted case is shown, sorted by `sort`, ties broken by case id so the order is stable
/// between renders.
pub fn select(
    summaries: &[CaseSummary],
    filter: &CaseFilter,
    sort: CaseSort,
    today: Date,
    ranked: Option<&[usize]>,
) -> Vec<usize> {
    if let Some(ranked) = ranked {
        return ranked
            .iter()
            .copied()
            .filter(|&i| summaries.get(i).is_some_and(|s| filter.admits(s, today)))
            .collect();
    }
    let mut shown: Vec<usize> = (0..summaries.len())
        .filter(|&i| filter.admits(&summaries[i], today))
        .collect();
    let s = |i: usize| &summaries[i];
    match sort {
        // The register keeps its summaries in this order (see [`insert_recent`]), so the common
        // case is a check, not a sort of 10 000 rows on every visit to the list.
        CaseSort::UpdatedDesc => {
            if !shown.is_sorted_by(|&a, &b| recent_first(s(a), s(b)).is_le()) {
                sort_indices_by(&mut shown, &mut |a, b| recent_first(s(a), s(b)));
            }
        }
        CaseSort::RegisteredDesc => sort_indices_by(&mut shown, &mut |a, b| {
            (
                s(a).registered_at.is_none(),
                Reverse(s(a).registered_at),
                &s(a).id,
            )
                .cmp(&(
                    s(b).registered_at.is_none(),
                    Reverse(s(b).registered_at),
                    &s(b).id,
                ))
        }),
        CaseSort::DeadlineAsc => sort_indices_by(&mut shown, &mut |a, b| {
            (s(a).deadline.is_none(), s(a).deadline, &s(a).id).cmp(&(
                s(b).deadline.is_none(),
                s(b).deadline,
                &s(b).id,
            ))
        }),
        CaseSort::NumberAsc => sort_indices_by(&mut shown, &mut |a, b| {
            let key = |i: usize| {
                let n = s(i).number.as_ref();
                (n.is_none(), n.map(|n| (n.year(), n.serial())), &s(i).id)
            };
            key(a).cmp(&key(b))
        }),
    }
    shown
}

/// The default order of the list: most recently changed first, ties broken by case id so the
/// order is total and the same on every device.
pub fn recent_first(a: &CaseSummary, b: &CaseSummary) -> Ordering {
    (Reverse(a.updated_at), &a.id).cmp(&(Reverse(b.updated_at), &b.id))
}

/// Puts `summary` into `list`, which is in [`recent_first`] order, replacing the entry of the
/// same case; the list stays in that order. A save makes its case the most recent, so this is
/// nearly always a move to the front.
pub fn insert_recent(list: &mut Vec<CaseSummary>, summary: CaseSummary) {
    if let Some(old) = list.iter().position(|s| s.id == summary.id) {
        list.remove(old);
    }
    insert_new_recent(list, summary);
}

/// [`insert_recent`] for a case `list` does not hold: a binary search, without the pass over
/// every entry that looks for the case's old one (10 000 id comparisons, about 9 ms of a
/// low-tier tablet's main thread after each new case's save).
pub fn insert_new_recent(list: &mut Vec<CaseSummary>, summary: CaseSummary) {
    let at = list.partition_point(|s| recent_first(s, &summary).is_lt());
    list.insert(at, summary);
}

/// The most cases the list head keeps: the rows a tall tablet mounts for its first screen with
/// their overscan (a 1,280 px screen shows 14 rows of 96 px; 8 more are mounted around them).
pub const LIST_HEAD_LEN: usize = 24;

/// The fewest cases the list head keeps whatever their size (a register that has them): the
/// rows of a 1,400 px screen's first paint.
pub const LIST_HEAD_MIN: usize = 15;

/// The list head's size budget, in UTF-16 code units of its stored form; past
/// [`LIST_HEAD_MIN`] entries it keeps only as many as fit.
///
/// Chromium serialises a string that holds any character above U+00FF as UTF-16, two bytes a
/// unit, and compresses any IndexedDB value of 64 KiB or more with Snappy on the page's main
/// thread before it is written (`kIDBWrapThreshold` in Blink's `indexeddb.mojom`, used by
/// `idb_value_wrapping.cc`). A save rewrites the head, so a head over that size paid the
/// compression in every save: 3–10 ms of a low-tier tablet's main thread (measured, see
/// docs/performance-log.md). 30,000 units are 60,000 bytes, with room for the serialisation's
/// own header.
pub const LIST_HEAD_BUDGET: usize = 30_000;

/// The list head: the most recently changed cases, most recent first, stored as one record so
/// the case list can paint before the whole register is read. It holds the first
/// [`LIST_HEAD_LEN`] cases, or fewer (never under [`LIST_HEAD_MIN`]) when their stored form
/// would pass [`LIST_HEAD_BUDGET`].
///
/// Each entry keeps the summary's stored form as it is, beside the two fields the order needs:
/// a save then only inserts one entry and drops another, without decoding and re-encoding the
/// other summaries (which cost more than the rest of the save on a low-tier tablet).
///
/// It stays exact as long as no case's `updated_at` ever decreases, which the fold guarantees
/// (it is the latest event's time): if the head held the top entries before, then after one case
/// changes the new top entries are among the old head and that case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListHead {
    /// `(case id, updated_at in ms, stored summary)`, in [`recent_first`] order.
    entries: Vec<(String, i64, String)>,
}

impl ListHead {
    /// The head of a whole register (in any order).
    pub fn of<'a>(all: impl IntoIterator<Item = &'a CaseSummary>) -> ListHead {
        let mut top: Vec<&CaseSummary> = all.into_iter().collect();
        top.sort_unstable_by(|a, b| recent_first(a, b));
        top.truncate(LIST_HEAD_LEN);
        ListHead {
            entries: top.into_iter().map(ListHead::entry).collect(),
        }
        .within_budget()
    }

    /// Drops entries from the end until the stored form fits [`LIST_HEAD_BUDGET`], keeping at
    /// least [`LIST_HEAD_MIN`]. A prefix of an exact head is exact, so this keeps the head
    /// exact.
    fn within_budget(mut self) -> ListHead {
        let mut units = 1; // the outer brackets, less the first entry's comma
        let keep = self
            .entries
            .iter()
            .position(|entry| {
                units += stored_units(entry) + 1; // and the comma before it
                units > LIST_HEAD_BUDGET
            })
            .map_or(self.entries.len(), |over| over.max(LIST_HEAD_MIN));
        self.entries.truncate(keep);
        self
    }

    fn entry(summary: &CaseSummary) -> (String, i64, String) {
        (
            summary.id.as_str().to_owned(),
            summary.updated_at.as_millis(),
            summary.to_json(),
        )
    }

    /// The head after `saved` was stored.
    pub fn with_saved(mut self, saved: &CaseSummary) -> ListHead {
        let entry = ListHead::entry(saved);
        self.entries.retain(|(id, _, _)| *id != entry.0);
        let key = |e: &(String, i64, String)| (Reverse(e.1), e.0.clone());
        let at = self
            .entries
            .partition_point(|e| key(e) < (Reverse(entry.1), entry.0.clone()));
        self.entries.insert(at, entry);
        self.entries.truncate(LIST_HEAD_LEN);
        self.within_budget()
    }

    /// The UTF-16 length of [`ListHead::to_json`], counted without building it.
    pub fn stored_units(&self) -> usize {
        2 + self.entries.iter().map(stored_units).sum::<usize>() + self.len().saturating_sub(1)
    }

    /// How many entries the head holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the head holds no entry (an empty register).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The stored form: a JSON array of `[id, updated_at, summary]` triples.
    pub fn to_json(&self) -> String {
        // Strings and integers only: serialising cannot fail.
        serde_json::to_string(&self.entries).unwrap_or_default()
    }

    /// Reads the stored form (the summaries themselves are decoded by [`ListHead::summaries`]).
    pub fn from_json(text: &str) -> Result<ListHead, SummaryParseError> {
        let entries = serde_json::from_str(text).map_err(|_| SummaryParseError::NotJson)?;
        Ok(ListHead { entries })
    }

    /// The summaries, most recent first.
    pub fn summaries(&self) -> Result<Vec<CaseSummary>, SummaryParseError> {
        self.entries
            .iter()
            .map(|(_, _, text)| CaseSummary::from_json(text))
            .collect()
    }

    /// The case ids, most recent first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(id, _, _)| id.as_str())
    }
}

/// The UTF-16 length of one entry's JSON, `["<id>",<ms>,"<summary, escaped>"]`, counted
/// without building it (a save checks every entry).
fn stored_units((id, at, summary): &(String, i64, String)) -> usize {
    // Byte by byte: decoding characters took as long as serialising the head. An escaped
    // character counts its escape's length (`\"`, `\n`, `\u0001`), a character's first byte its
    // length in UTF-16 (a four-byte one is a surrogate pair), a continuation byte nothing.
    fn string(s: &str) -> usize {
        2 + s
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' | 0x08 | 0x0c | b'\n' | b'\r' | b'\t' => 2,
                0x00..=0x1f => 6,
                0x80..=0xbf => 0,
                0xf0..=0xff => 2,
                _ => 1,
            })
            .sum::<usize>()
    }
    let digits =
        at.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1 + usize::from(*at < 0);
    2 + string(id) + 1 + digits + 1 + string(summary)
}

/// Whether a stored list head (`head`, decoded) is what the register (`all`, recent first)
/// would give: its entries are the register's first ones, and as many as the rules ask
/// ([`LIST_HEAD_MIN`] at least, where the register has them). A head shortened by its budget
/// is current; one missing cases or holding stale ones is repaired.
pub fn head_is_current(head: &[CaseSummary], all: &[CaseSummary]) -> bool {
    head.len() >= all.len().min(LIST_HEAD_MIN)
        && head.len() <= LIST_HEAD_LEN
        && all.get(..head.len()) == Some(head)
}

/// Sorts a freshly read register into [`recent_first`] order and lays over it `newer`: summaries
/// held in memory while it was read (the list head, and cases saved meanwhile). For each case the
/// one changed last wins, so a save that committed during the read is never undone by the older
/// copy the read returned.
pub fn merge_loaded(mut loaded: Vec<CaseSummary>, newer: &[CaseSummary]) -> Vec<CaseSummary> {
    let mut pending: HashMap<&CaseId, &CaseSummary> = newer.iter().map(|s| (&s.id, s)).collect();
    for slot in &mut loaded {
        if let Some(n) = pending.remove(&slot.id) {
            if n.updated_at > slot.updated_at {
                *slot = n.clone();
            }
        }
    }
    loaded.extend(pending.into_values().cloned());
    sort_by_dyn(&mut loaded, recent_first);
    loaded
}
