//! Conflict-of-interest (回避) and prior-dispute checks: a case's parties matched against other
//! cases' parties and against the mediators' own details and relatives.
//!
//! Warnings never block: a name match may be a namesake, and a prior dispute is context, not a
//! bar. The mediator acknowledges a warning with an event, which keeps a trail that the check was
//! seen (人民调解工作若干规定 Art 25 and the committee's recusal rules expect a conflicted
//! mediator to be replaced).

use std::collections::BTreeSet;

use super::case_state::CaseState;
use super::codes::code_enum;
use super::ids::{CaseId, MediatorId, PartyId};
use super::org::{Mediator, Relation};
use super::party::Party;

code_enum! {
    /// What matched.
    pub enum MatchKey {
        /// The normalised name (weak: namesakes are common).
        Name = "NAME",
        /// The identity-document number (strong).
        IdNumber = "ID_NUMBER",
        /// The phone number's dial digits (strong).
        Phone = "PHONE",
    }
}

/// Whom a party matched.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningSubject {
    /// A party of another case (a prior or parallel dispute).
    PriorCase {
        /// The other case.
        case: CaseId,
        /// Its matching party.
        party: PartyId,
    },
    /// A mediator of this case personally.
    Mediator {
        /// The mediator.
        mediator: MediatorId,
    },
    /// A relative of a mediator of this case.
    MediatorRelative {
        /// The mediator.
        mediator: MediatorId,
        /// Position in the mediator's relatives list when checked.
        relative: u32,
        /// The relationship.
        relation: Relation,
    },
}

/// A possible conflict: a party of this case matched someone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConflictWarning {
    /// The party of this case.
    pub party: PartyId,
    /// Whom it matched.
    pub subject: WarningSubject,
    /// What matched (never empty).
    pub matched: BTreeSet<MatchKey>,
}

impl ConflictWarning {
    /// Whether the match rests on more than a name.
    pub fn is_strong(&self) -> bool {
        self.matched.iter().any(|k| *k != MatchKey::Name)
    }
}

/// A warning the mediator has seen, with an optional note (e.g. "namesake, different village").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AcknowledgedWarning {
    /// The warning.
    pub warning: ConflictWarning,
    /// The mediator's note.
    pub note: Option<String>,
}

/// A name with whitespace and name-separating dots removed and Latin letters lowercased, so
/// "阿依古丽·买买提" and "阿依古丽 买买提" compare equal.
pub fn normalize_name(name: &str) -> String {
    normalized_chars(name).collect()
}

/// The characters of [`normalize_name`], without collecting them.
fn normalized_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|c| !is_name_separator(*c))
        .flat_map(char::to_lowercase)
}

/// Whitespace and the dots that separate the parts of a name (`·`, `•`, `・`, `.`).
fn is_name_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{b7}' | '\u{2022}' | '\u{30fb}' | '.')
}

/// Whether `name` normalizes to `normalized` (an output of [`normalize_name`]). It stops at the
/// first differing character and allocates nothing: the intake compares every party name of
/// the register on each change of the form, and building each normalized name took most of
/// that pass's time (for 10 000 cases 5.6 ms natively, about 15 ms in the browser and ten
/// times that under the low-tier CPU profile; now 0.95 ms natively).
pub fn normalizes_to(name: &str, normalized: &str) -> bool {
    let mut want = normalized.chars();
    for c in name.chars().filter(|c| !is_name_separator(*c)) {
        // Han characters and digits have no lowercase: skip the case table for them.
        if c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c) {
            if want.next() != Some(c.to_ascii_lowercase()) {
                return false;
            }
        } else if !c.to_lowercase().all(|l| want.next() == Some(l)) {
            return false;
        }
    }
    want.next().is_none()
}

fn normalize_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The comparable keys of one person.
struct Keys {
    name: String,
    id_number: Option<String>,
    phone: Option<String>,
}

impl Keys {
    fn of_party(p: &Party) -> Keys {
        Keys {
            name: normalize_name(&p.name),
            id_number: p.id_doc.as_ref().map(|d| normalize_number(&d.number)),
            phone: p.phone.as_ref().map(|ph| ph.dial_digits()),
        }
    }

    fn matches(&self, other: &Keys) -> BTreeSet<MatchKey> {
        let mut out = BTreeSet::new();
        if !self.name.is_empty() && self.name == other.name {
            out.insert(MatchKey::Name);
        }
        if self.id_number.is_some() && self.id_number == other.id_number {
            out.insert(MatchKey::IdNumber);
        }
        if self.phone.is_some() && self.phone == other.phone {
            out.insert(MatchKey::Phone);
        }
        out
    }
}

/// Matches `parties` of case `this_case` against the parties of `others` (prior or parallel
/// disputes). The case itself is skipped if it is among `others`.
pub fn check_prior_disputes<'a>(
    this_case: &CaseId,
    parties: &[Party],
    others: impl IntoIterator<Item = &'a CaseState>,
) -> Vec<ConflictWarning> {
    let mine: Vec<(&PartyId, Keys)> = parties.iter().map(|p| (&p.id, Keys::of_party(p))).collect();
    let mut out = Vec::new();
    for other in others {
        if &other.id == this_case {
            continue;
        }
        for theirs in &other.parties {
            let their_keys = Keys::of_party(theirs);
            for (party, keys) in &mine {
                let matched = keys.matches(&their_keys);
                if !matched.is_empty() {
                    out.push(ConflictWarning {
                        party: (*party).clone(),
                        subject: WarningSubject::PriorCase {
                            case: other.id.clone(),
                            party: theirs.id.clone(),
                        },
                        matched,
                    });
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// Matches `parties` against `mediators` themselves and their relatives (回避).
pub fn check_mediators<'a>(
    parties: &[Party],
    mediators: impl IntoIterator<Item = &'a Mediator>,
) -> Vec<ConflictWarning> {
    let mine: Vec<(&PartyId, Keys)> = parties.iter().map(|p| (&p.id, Keys::of_party(p))).collect();
    let mut out = Vec::new();
    for mediator in mediators {
        let own = Keys {
            name: normalize_name(&mediator.name),
            id_number: mediator.id_number.as_ref().map(|n| n.as_str().to_owned()),
            phone: mediator.phone.as_ref().map(|p| p.dial_digits()),
        };
        let relatives = mediator.relatives.iter().enumerate().map(|(i, r)| {
            let keys = Keys {
                name: normalize_name(&r.name),
                id_number: r.id_number.as_ref().map(|n| n.as_str().to_owned()),
                phone: r.phone.as_ref().map(|p| p.dial_digits()),
            };
            let subject = WarningSubject::MediatorRelative {
                mediator: mediator.id.clone(),
                relative: u32::try_from(i).unwrap_or(u32::MAX),
                relation: r.relation,
            };
            (subject, keys)
        });
        let people = std::iter::once((
            WarningSubject::Mediator {
                mediator: mediator.id.clone(),
            },
            own,
        ))
        .chain(relatives);
        for (subject, keys) in people {
            for (party, party_keys) in &mine {
                let matched = party_keys.matches(&keys);
                if !matched.is_empty() {
                    out.push(ConflictWarning {
                        party: (*party).clone(),
                        subject: subject.clone(),
                        matched,
                    });
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// All warnings for a case: its parties against other cases and against its own presiding and
/// co-mediators (looked up in `mediators`), minus those already acknowledged.
pub fn unacknowledged_warnings<'a>(
    case: &CaseState,
    others: impl IntoIterator<Item = &'a CaseState>,
    mediators: impl IntoIterator<Item = &'a Mediator>,
) -> Vec<ConflictWarning> {
    let on_case: BTreeSet<&MediatorId> = case
        .presiding
        .iter()
        .chain(case.co_mediators.iter())
        .collect();
    let mut warnings = check_prior_disputes(&case.id, &case.parties, others);
    warnings.extend(check_mediators(
        &case.parties,
        mediators.into_iter().filter(|m| on_case.contains(&m.id)),
    ));
    warnings.retain(|w| !case.acknowledged_warnings.iter().any(|a| &a.warning == w));
    warnings.sort_unstable();
    warnings
}

/// The cases among `summaries` that share a party name or phone with `parties`: the only ones
/// worth loading in full for [`check_prior_disputes`] at intake, so a tablet with thousands of
/// cases does not fold them all. (A match on an ID number alone, with a different name and
/// phone, is found later by [`unacknowledged_warnings`] on the case itself.)
pub fn prior_candidates(
    parties: &[Party],
    summaries: &[crate::domain::summary::CaseSummary],
) -> Vec<CaseId> {
    let names: BTreeSet<String> = parties
        .iter()
        .map(|p| normalize_name(&p.name))
        .filter(|n| !n.is_empty())
        .collect();
    let phones: BTreeSet<String> = parties
        .iter()
        .filter_map(|p| p.phone.as_ref().map(|ph| ph.dial_digits()))
        .collect();
    // A form with no name or phone typed yet (every intake opens so) matches nothing: no pass.
    if names.is_empty() && phones.is_empty() {
        return Vec::new();
    }
    summaries
        .iter()
        .filter(|s| {
            s.party_names
                .iter()
                .any(|n| names.iter().any(|name| normalizes_to(n, name)))
                || s.phones
                    .iter()
                    .any(|ph| phones.iter().any(|digits| ph.dials(digits)))
        })
        .map(|s| s.id.clone())
        .collect()
}
