//! Form validation: drafts of raw strings (what the user typed, saved on every keystroke) turned
//! into domain values, reporting every field error at once with a path and a code, never prose.
//!
//! Drafts are the one family of types here that is `Serialize`: they are the storage form of
//! half-filled forms (the `drafts` store), not domain records.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::case::{Acceptance, AcceptanceBasis, CaseSource, Intake, ObjectionCheck, Triage};
use super::case_state::CaseState;
use super::codes::Code;
use super::contact::{Phone, PhoneError, ResidentId, ResidentIdError};
use super::dispute::{DisputeClass, DisputeClassError};
use super::ids::{MediatorId, OrgUnitId, PartyId, ScreeningId};
use super::lead::{FindingRef, Lead};
use super::lifecycle::Transition;
use super::money::{AmountError, Fen};
use super::org::{Mediator, NetworkLevel, OrgUnit, Relative};
use super::party::{
    AgeGroup, Agent, Birth, IdDocKind, IdDocument, OrgRepresentative, Party, PartyKind, PartyRole,
    Representative,
};
use super::screening::{Finding, ScreeningLog, ScreeningOutcome};
use super::time::{Date, DateError};

/// Longest name, in characters.
pub const MAX_NAME: usize = 50;
/// Longest short text (occupation, address, title …), in characters.
pub const MAX_SHORT: usize = 200;
/// Longest long text (summary, description, measures), in characters.
pub const MAX_LONG: usize = 4000;
/// Longest single claim, in characters.
pub const MAX_CLAIM: usize = 500;
/// Oldest stated age accepted.
pub const MAX_AGE: u8 = 150;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldErrorCode {
    /// Empty but required.
    #[error("required")]
    Required,
    /// Longer than `max` characters.
    #[error("longer than {max} characters")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// Not one of the allowed codes.
    #[error("unknown choice")]
    UnknownChoice,
    /// Not a valid identifier.
    #[error("invalid identifier")]
    BadId,
    /// Not a whole number.
    #[error("not a whole number")]
    NotANumber,
    /// A number outside the allowed range.
    #[error("out of range")]
    OutOfRange,
    /// A bad phone number.
    #[error("phone: {0}")]
    Phone(PhoneError),
    /// A bad resident ID number.
    #[error("resident ID: {0}")]
    ResidentId(ResidentIdError),
    /// A bad date.
    #[error("date: {0}")]
    Date(DateError),
    /// A date after today.
    #[error("date is in the future")]
    FutureDate,
    /// A bad amount.
    #[error("amount: {0}")]
    Amount(AmountError),
    /// An inconsistent classification.
    #[error("classification: {0}")]
    Dispute(DisputeClassError),
    /// Both a birth date and an age were entered.
    #[error("give a birth date or an age, not both")]
    BirthDateAndAge,
    /// The birth date differs from the one in the resident ID number.
    #[error("birth date differs from the ID number")]
    BirthDateContradictsIdNumber,
    /// The gender differs from the one in the resident ID number.
    #[error("gender differs from the ID number")]
    GenderContradictsIdNumber,
    /// The age group differs from the one the birth date or age gives.
    #[error("age group differs from the birth date or age")]
    AgeGroupContradictsAge,
    /// A minor acts through a legal representative (民法典 Arts 19–21).
    #[error("a minor needs a legal representative")]
    MinorNeedsLegalRepresentative,
    /// A case needs at least one party.
    #[error("at least one party is required")]
    PartyRequired,
    /// A case taken up on application needs at least one applicant.
    #[error("at least one applicant is required")]
    ApplicantRequired,
    /// The same id appears twice.
    #[error("duplicate")]
    Duplicate,
    /// The source contradicts the footing (an application source without an application, or
    /// own initiative with an application).
    #[error("source contradicts the footing of acceptance")]
    SourceContradictsBasis,
    /// A screening needs findings or an explicit zero report.
    #[error("add findings or file a zero report")]
    FindingsOrZeroReport,
    /// A zero report cannot have findings.
    #[error("a zero report has no findings")]
    ZeroReportWithFindings,
    /// The presiding mediator is also listed as co-mediator.
    #[error("presiding mediator listed as co-mediator")]
    PresidingIsCoMediator,
    /// A registered case needs a number.
    #[error("case number missing")]
    NumberRequired,
    /// A case-number prefix with brackets, digits or spaces (it would make numbers ambiguous).
    #[error("case-number prefix not usable")]
    BadPrefix,
}

impl FieldErrorCode {
    /// A stable code for the shell's message keys (e.g. `PHONE.NOT_A_MOBILE_NUMBER`).
    ///
    /// Derived from the variant names, which are therefore part of the contract with the locale
    /// files: renaming a variant renames its key (the tests pin a sample).
    pub fn code(&self) -> String {
        fn screaming(debug: String) -> String {
            let mut out = String::new();
            for (i, c) in debug.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_uppercase());
            }
            out
        }
        match self {
            FieldErrorCode::TooLong { .. } => "TOO_LONG".to_owned(),
            FieldErrorCode::Phone(e) => format!("PHONE.{}", screaming(format!("{e:?}"))),
            FieldErrorCode::ResidentId(e) => format!("RESIDENT_ID.{}", screaming(format!("{e:?}"))),
            FieldErrorCode::Date(e) => format!("DATE.{}", screaming(format!("{e:?}"))),
            FieldErrorCode::Amount(e) => format!("AMOUNT.{}", screaming(format!("{e:?}"))),
            FieldErrorCode::Dispute(e) => format!("DISPUTE.{}", screaming(format!("{e:?}"))),
            other => screaming(format!("{other:?}")),
        }
    }
}

/// A field error: where (a path such as `parties[0].phone`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Path to the field in the draft.
    pub path: String,
    /// What is wrong.
    pub code: FieldErrorCode,
}

impl FieldError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, code: FieldErrorCode) -> FieldError {
        FieldError {
            path: path.into(),
            code,
        }
    }
}

/// Collects errors while reading a draft.
struct Check {
    errors: Vec<FieldError>,
}

fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else {
        format!("{prefix}.{field}")
    }
}

impl Check {
    fn new() -> Check {
        Check { errors: Vec::new() }
    }

    fn fail(&mut self, path: impl Into<String>, code: FieldErrorCode) {
        self.errors.push(FieldError::new(path, code));
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }

    /// Trimmed text, `None` (and an error) when empty or too long.
    fn text(&mut self, path: &str, raw: &str, max: usize) -> Option<String> {
        let text = raw.trim();
        if text.is_empty() {
            self.fail(path, FieldErrorCode::Required);
            return None;
        }
        self.limit(path, text, max)
    }

    /// Trimmed text or `None` when empty; too long is an error.
    fn opt_text(&mut self, path: &str, raw: &str, max: usize) -> Option<String> {
        let text = raw.trim();
        if text.is_empty() {
            return None;
        }
        self.limit(path, text, max)
    }

    fn limit(&mut self, path: &str, text: &str, max: usize) -> Option<String> {
        if text.chars().count() > max {
            self.fail(path, FieldErrorCode::TooLong { max });
            return None;
        }
        Some(text.to_owned())
    }

    fn choice<T: Code>(&mut self, path: &str, raw: &str) -> Option<T> {
        if raw.trim().is_empty() {
            self.fail(path, FieldErrorCode::Required);
            return None;
        }
        self.opt_choice(path, raw)
    }

    fn opt_choice<T: Code>(&mut self, path: &str, raw: &str) -> Option<T> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let value = T::from_code(raw);
        if value.is_none() {
            self.fail(path, FieldErrorCode::UnknownChoice);
        }
        value
    }

    fn choices<T: Code + Ord>(&mut self, path: &str, raw: &[String]) -> BTreeSet<T> {
        raw.iter()
            .enumerate()
            .filter_map(|(i, r)| self.opt_choice(&format!("{path}[{i}]"), r))
            .collect()
    }

    fn id<T>(&mut self, path: &str, raw: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let raw = raw.trim();
        if raw.is_empty() {
            self.fail(path, FieldErrorCode::Required);
            return None;
        }
        let value = parse(raw);
        if value.is_none() {
            self.fail(path, FieldErrorCode::BadId);
        }
        value
    }

    fn opt_id<T>(&mut self, path: &str, raw: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        if raw.trim().is_empty() {
            None
        } else {
            self.id(path, raw, parse)
        }
    }

    fn opt_number<T: TryFrom<u64>>(&mut self, path: &str, raw: &str, max: u64) -> Option<T> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let Ok(n) = raw.parse::<u64>() else {
            self.fail(path, FieldErrorCode::NotANumber);
            return None;
        };
        match T::try_from(n) {
            Ok(v) if n <= max => Some(v),
            _ => {
                self.fail(path, FieldErrorCode::OutOfRange);
                None
            }
        }
    }

    fn opt_phone(&mut self, path: &str, raw: &str) -> Option<Phone> {
        if raw.trim().is_empty() {
            return None;
        }
        Phone::parse(raw)
            .map_err(|e| self.fail(path, FieldErrorCode::Phone(e)))
            .ok()
    }

    fn opt_resident_id(&mut self, path: &str, raw: &str) -> Option<ResidentId> {
        if raw.trim().is_empty() {
            return None;
        }
        ResidentId::parse(raw)
            .map_err(|e| self.fail(path, FieldErrorCode::ResidentId(e)))
            .ok()
    }

    fn date(&mut self, path: &str, raw: &str, today: Date) -> Option<Date> {
        if raw.trim().is_empty() {
            self.fail(path, FieldErrorCode::Required);
            return None;
        }
        self.opt_date(path, raw, today)
    }

    fn opt_date(&mut self, path: &str, raw: &str, today: Date) -> Option<Date> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match Date::parse_iso(raw) {
            Ok(d) if d > today => {
                self.fail(path, FieldErrorCode::FutureDate);
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(path, FieldErrorCode::Date(e));
                None
            }
        }
    }

    fn dispute(&mut self, prefix: &str, draft: &DisputeDraft) -> Option<DisputeClass> {
        let primary = self.choice(&join(prefix, "type"), &draft.dispute_type);
        let sub_type = self.opt_choice(&join(prefix, "sub_type"), &draft.sub_type);
        let primary = primary?;
        // The label field is only shown for QT; a label left over from QT is not an error.
        let label = if primary == super::dispute::DisputeType::Other {
            draft.label.as_str()
        } else {
            ""
        };
        let label = (!label.trim().is_empty()).then_some(label);
        match DisputeClass::new(primary, sub_type, label) {
            Ok(class) => Some(class),
            Err(e) => {
                let field = match e {
                    DisputeClassError::SubTypeOfAnotherType => "sub_type",
                    _ => "label",
                };
                self.fail(join(prefix, field), FieldErrorCode::Dispute(e));
                None
            }
        }
    }
}

fn parse_party_id(s: &str) -> Option<PartyId> {
    PartyId::parse(s).ok()
}
fn parse_mediator_id(s: &str) -> Option<MediatorId> {
    MediatorId::parse(s).ok()
}
fn parse_org_id(s: &str) -> Option<OrgUnitId> {
    OrgUnitId::parse(s).ok()
}
fn parse_screening_id(s: &str) -> Option<ScreeningId> {
    ScreeningId::parse(s).ok()
}

// --- Drafts --------------------------------------------------------------------------------

/// A dispute classification as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisputeDraft {
    /// Primary type code (HY … QT).
    pub dispute_type: String,
    /// Sub-type code, optional.
    pub sub_type: String,
    /// Label, required for QT.
    pub label: String,
}

/// An identity document as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdDocDraft {
    /// Kind code.
    pub kind: String,
    /// Number.
    pub number: String,
}

/// A legal representative as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepresentativeDraft {
    /// Name.
    pub name: String,
    /// Relationship.
    pub relation: String,
    /// Phone.
    pub phone: String,
    /// Identity document.
    pub id_doc: IdDocDraft,
}

/// An agent as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgentDraft {
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Identity document.
    pub id_doc: IdDocDraft,
    /// Power of attorney on file.
    pub power_of_attorney: bool,
}

/// An organisation's representative as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgRepresentativeDraft {
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
}

/// A party as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartyDraft {
    /// Id (chosen by the shell when the form opens).
    pub id: String,
    /// Kind code.
    pub kind: String,
    /// Role code.
    pub role: String,
    /// Name.
    pub name: String,
    /// Gender code.
    pub gender: String,
    /// Ethnicity.
    pub ethnicity: String,
    /// Birth date `YYYY-MM-DD`.
    pub birth_date: String,
    /// Age in years (when the birth date is unknown).
    pub age: String,
    /// Occupation or position.
    pub occupation: String,
    /// Address or work unit.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Identity document.
    pub id_doc: IdDocDraft,
    /// Age-group code; derived from the birth date or age when empty.
    pub age_group: String,
    /// Legal representative.
    pub legal_rep: Option<RepresentativeDraft>,
    /// Agent.
    pub agent: Option<AgentDraft>,
    /// Organisation representative.
    pub org_rep: Option<OrgRepresentativeDraft>,
}

/// The registration form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationDraft {
    /// Accepting unit id.
    pub org_unit: String,
    /// Source code.
    pub source: String,
    /// Channel code.
    pub channel: String,
    /// First-contact mediator id.
    pub first_contact: String,
    /// Classification.
    pub dispute: DisputeDraft,
    /// Summary.
    pub summary: String,
    /// Claims (empty lines are dropped).
    pub claims: Vec<String>,
    /// Amount in yuan.
    pub amount_yuan: String,
    /// Persons involved.
    pub persons_involved: String,
    /// Group dispute.
    pub group: bool,
    /// Flag codes.
    pub flags: Vec<String>,
    /// Risk flag codes.
    pub risk_flags: Vec<String>,
    /// Parties.
    pub parties: Vec<PartyDraft>,
    /// Acceptance basis code.
    pub basis: String,
    /// Objection check code.
    pub objection: String,
}

/// The lead form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadDraft {
    /// Unit id.
    pub org_unit: String,
    /// Channel code.
    pub channel: String,
    /// Description.
    pub description: String,
    /// Type code guess.
    pub dispute_type: String,
    /// Names of people involved.
    pub persons: Vec<String>,
    /// Persons involved.
    pub persons_involved: String,
    /// Risk flag codes.
    pub risk_flags: Vec<String>,
    /// Reporter.
    pub reported_by: String,
    /// Source screening id.
    pub screening: String,
    /// Finding index within it.
    pub finding: String,
}

/// The triage form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TriageDraft {
    /// Classification.
    pub dispute: DisputeDraft,
    /// Tier code.
    pub tier: String,
    /// Risk level code.
    pub risk_level: String,
    /// Risk flag codes.
    pub risk_flags: Vec<String>,
    /// Handling level code.
    pub handling_level: String,
}

/// The organisation-unit form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgUnitDraft {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind code.
    pub kind: String,
    /// Level 1–6.
    pub level: String,
    /// Parent id.
    pub parent: String,
    /// Case-number prefix.
    pub case_no_prefix: String,
    /// Justice office.
    pub justice_office: String,
    /// Basic court.
    pub basic_court: String,
}

/// A relative as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RelativeDraft {
    /// Name.
    pub name: String,
    /// Relation code.
    pub relation: String,
    /// Resident ID number.
    pub id_number: String,
    /// Phone.
    pub phone: String,
}

/// The mediator form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MediatorDraft {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Gender code.
    pub gender: String,
    /// Phone.
    pub phone: String,
    /// Resident ID number.
    pub id_number: String,
    /// Unit id.
    pub org_unit: String,
    /// Role code.
    pub role: String,
    /// Full-time.
    pub full_time: bool,
    /// In post.
    pub active: bool,
    /// Relatives.
    pub relatives: Vec<RelativeDraft>,
}

/// A screening finding as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FindingDraft {
    /// Description.
    pub description: String,
    /// Type code guess.
    pub dispute_type: String,
    /// Persons involved.
    pub persons_involved: String,
    /// Risk flag codes.
    pub risk_flags: Vec<String>,
    /// Ledger entry.
    pub ledger: bool,
}

/// The screening form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreeningDraft {
    /// Id.
    pub id: String,
    /// Unit id.
    pub org_unit: String,
    /// Date `YYYY-MM-DD`.
    pub date: String,
    /// Kind code.
    pub kind: String,
    /// Area.
    pub area: String,
    /// Screener ids.
    pub screeners: Vec<String>,
    /// Zero report ticked.
    pub zero_report: bool,
    /// Findings.
    pub findings: Vec<FindingDraft>,
    /// Disputes prevented.
    pub disputes_prevented: String,
}

// --- Validators ----------------------------------------------------------------------------

fn id_doc(c: &mut Check, prefix: &str, draft: &IdDocDraft) -> Option<IdDocument> {
    let (kind_raw, number_raw) = (draft.kind.trim(), draft.number.trim());
    if kind_raw.is_empty() && number_raw.is_empty() {
        return None;
    }
    let kind: Option<IdDocKind> = c.choice(&join(prefix, "kind"), kind_raw);
    let number_path = join(prefix, "number");
    if number_raw.is_empty() {
        c.fail(number_path, FieldErrorCode::Required);
        return None;
    }
    match kind? {
        IdDocKind::ResidentId => c
            .opt_resident_id(&number_path, number_raw)
            .map(|id| IdDocument {
                kind: IdDocKind::ResidentId,
                number: id.as_str().to_owned(),
            }),
        kind => {
            let number: String = number_raw
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            c.limit(&number_path, &number, MAX_NAME)
                .map(|number| IdDocument { kind, number })
        }
    }
}

fn representative(c: &mut Check, prefix: &str, d: &RepresentativeDraft) -> Option<Representative> {
    let name = c.text(&join(prefix, "name"), &d.name, MAX_NAME);
    let relation = c.opt_text(&join(prefix, "relation"), &d.relation, MAX_NAME);
    let phone = c.opt_phone(&join(prefix, "phone"), &d.phone);
    let id_doc = id_doc(c, &join(prefix, "id_doc"), &d.id_doc);
    Some(Representative {
        name: name?,
        relation,
        phone,
        id_doc,
    })
}

fn agent(c: &mut Check, prefix: &str, d: &AgentDraft) -> Option<Agent> {
    let name = c.text(&join(prefix, "name"), &d.name, MAX_NAME);
    let phone = c.opt_phone(&join(prefix, "phone"), &d.phone);
    let id_doc = id_doc(c, &join(prefix, "id_doc"), &d.id_doc);
    Some(Agent {
        name: name?,
        phone,
        id_doc,
        power_of_attorney: d.power_of_attorney,
    })
}

fn party_in(c: &mut Check, prefix: &str, d: &PartyDraft, today: Date) -> Option<Party> {
    let p = |f: &str| join(prefix, f);
    let id = c.id(&p("id"), &d.id, parse_party_id);
    let kind: Option<PartyKind> = c.choice(&p("kind"), &d.kind);
    let role: Option<PartyRole> = c.choice(&p("role"), &d.role);
    let name = c.text(&p("name"), &d.name, MAX_NAME);
    let occupation = c.opt_text(&p("occupation"), &d.occupation, MAX_SHORT);
    let address = c.opt_text(&p("address"), &d.address, MAX_SHORT);
    let phone = c.opt_phone(&p("phone"), &d.phone);
    let id_doc = id_doc(c, &p("id_doc"), &d.id_doc);
    let agent = d.agent.as_ref().and_then(|a| agent(c, &p("agent"), a));
    let natural = kind == Some(PartyKind::NaturalPerson);

    let (mut gender, mut birth, mut ethnicity, mut age_group) = (None, None, None, AgeGroup::Adult);
    let (mut legal_rep, mut org_rep) = (None, None);
    if natural {
        gender = c.opt_choice(&p("gender"), &d.gender);
        ethnicity = c.opt_text(&p("ethnicity"), &d.ethnicity, MAX_NAME);
        let birth_date = c.opt_date(&p("birth_date"), &d.birth_date, today);
        let age: Option<u8> = c.opt_number(&p("age"), &d.age, u64::from(MAX_AGE));
        let resident = id_doc
            .as_ref()
            .filter(|doc| doc.kind == IdDocKind::ResidentId)
            .and_then(|doc| ResidentId::parse(&doc.number).ok());
        if let Some(resident) = &resident {
            if birth_date.is_some_and(|b| Some(b) != resident.birth_date()) {
                c.fail(
                    p("birth_date"),
                    FieldErrorCode::BirthDateContradictsIdNumber,
                );
            }
            let id_gender = if resident.is_male() {
                super::party::Gender::Male
            } else {
                super::party::Gender::Female
            };
            if gender.is_some_and(|g| g != id_gender) {
                c.fail(p("gender"), FieldErrorCode::GenderContradictsIdNumber);
            }
        }
        birth = match (birth_date, age) {
            (Some(_), Some(_)) => {
                c.fail(p("age"), FieldErrorCode::BirthDateAndAge);
                None
            }
            (Some(b), None) => Some(Birth::Date(b)),
            (None, Some(a)) => Some(Birth::Age(a)),
            (None, None) => resident.and_then(|r| r.birth_date()).map(Birth::Date),
        };
        let derived = match birth {
            Some(Birth::Date(b)) => b.years_until(today).map(AgeGroup::of_age),
            Some(Birth::Age(a)) => Some(AgeGroup::of_age(u32::from(a))),
            None => None,
        };
        let chosen: Option<AgeGroup> = c.opt_choice(&p("age_group"), &d.age_group);
        age_group = match (chosen, derived) {
            (Some(ch), Some(de)) if ch != de => {
                c.fail(p("age_group"), FieldErrorCode::AgeGroupContradictsAge);
                ch
            }
            (Some(ch), _) => ch,
            (None, Some(de)) => de,
            (None, None) => AgeGroup::Adult,
        };
        legal_rep = d
            .legal_rep
            .as_ref()
            .and_then(|r| representative(c, &p("legal_rep"), r));
        if age_group.is_minor() && d.legal_rep.is_none() {
            c.fail(
                p("legal_rep"),
                FieldErrorCode::MinorNeedsLegalRepresentative,
            );
        }
    } else if let Some(r) = &d.org_rep {
        let name = c.text(&p("org_rep.name"), &r.name, MAX_NAME);
        let title = c.opt_text(&p("org_rep.title"), &r.title, MAX_NAME);
        org_rep = name.map(|name| OrgRepresentative { name, title });
    }
    Some(Party {
        id: id?,
        kind: kind?,
        role: role?,
        name: name?,
        gender,
        ethnicity,
        birth,
        occupation,
        address,
        phone,
        id_doc,
        age_group,
        legal_rep,
        agent,
        org_rep,
    })
}

/// Validates a party form. `today` bounds birth dates and derives the age group.
pub fn validate_party(draft: &PartyDraft, today: Date) -> Result<Party, Vec<FieldError>> {
    let mut c = Check::new();
    let party = party_in(&mut c, "", draft, today);
    c.finish(party)
}

/// Rules on a party value that draft validation also enforces (so commands can re-check values
/// built without a draft); `prefix` is prepended to the paths.
pub fn check_party(party: &Party, prefix: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    if party.name.trim().is_empty() {
        out.push(FieldError::new(
            join(prefix, "name"),
            FieldErrorCode::Required,
        ));
    }
    if party.kind == PartyKind::NaturalPerson && party.is_minor() && party.legal_rep.is_none() {
        let code = FieldErrorCode::MinorNeedsLegalRepresentative;
        out.push(FieldError::new(join(prefix, "legal_rep"), code));
    }
    out
}

/// A validated registration form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRegistration {
    /// The form's content.
    pub intake: Intake,
    /// The footing.
    pub acceptance: Acceptance,
}

/// Validates the registration form (REGISTERED needs a summary, a classification and parties,
/// with an applicant when the case is taken up on application).
pub fn validate_registration(
    draft: &RegistrationDraft,
    today: Date,
) -> Result<ValidRegistration, Vec<FieldError>> {
    let mut c = Check::new();
    let org_unit = c.id("org_unit", &draft.org_unit, parse_org_id);
    let source = c.choice("source", &draft.source);
    let channel = c.choice("channel", &draft.channel);
    let first_contact = c.id("first_contact", &draft.first_contact, parse_mediator_id);
    let dispute = c.dispute("dispute", &draft.dispute);
    let summary = c.text("summary", &draft.summary, MAX_LONG);
    let claims: Vec<String> = draft
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| c.opt_text(&format!("claims[{i}]"), raw, MAX_CLAIM))
        .collect();
    let amount = match draft.amount_yuan.trim() {
        "" => None,
        raw => Fen::parse_yuan(raw)
            .map_err(|e| c.fail("amount_yuan", FieldErrorCode::Amount(e)))
            .ok(),
    };
    let persons_involved = c.opt_number("persons_involved", &draft.persons_involved, 1_000_000);
    let flags = c.choices("flags", &draft.flags);
    let risk_flags = c.choices("risk_flags", &draft.risk_flags);
    let parties: Vec<Party> = draft
        .parties
        .iter()
        .enumerate()
        .filter_map(|(i, p)| party_in(&mut c, &format!("parties[{i}]"), p, today))
        .collect();
    let basis = c.choice("basis", &draft.basis);
    let objection = if draft.objection.trim().is_empty() {
        Some(ObjectionCheck::NotAsked)
    } else {
        c.choice("objection", &draft.objection)
    };
    let (
        Some(org_unit),
        Some(source),
        Some(channel),
        Some(first_contact),
        Some(dispute),
        Some(summary),
        Some(basis),
        Some(objection),
    ) = (
        org_unit,
        source,
        channel,
        first_contact,
        dispute,
        summary,
        basis,
        objection,
    )
    else {
        // Registration-level rules still run on what could be read, so every error shows at once.
        if draft.parties.is_empty() {
            c.fail("parties", FieldErrorCode::PartyRequired);
        }
        return Err(c.errors);
    };
    let intake = Intake {
        org_unit,
        source,
        channel,
        first_contact,
        dispute,
        summary,
        claims,
        amount,
        persons_involved,
        group: draft.group,
        flags,
        risk_flags,
        parties,
    };
    let acceptance = Acceptance { basis, objection };
    let parties_read = intake.parties.len() == draft.parties.len();
    for error in check_registration(&intake, &acceptance) {
        // Party-level errors were already reported from the drafts; an applicant or party
        // count cannot be judged when some parties did not parse.
        let about_parties = error.path.starts_with("parties[");
        let about_count = matches!(
            error.code,
            FieldErrorCode::ApplicantRequired | FieldErrorCode::PartyRequired
        );
        if !about_parties && (!about_count || parties_read) {
            c.errors.push(error);
        }
    }
    c.finish(Some(ValidRegistration { intake, acceptance }))
}

/// The rules a registration must meet, on values (used by commands as well as forms).
pub fn check_registration(intake: &Intake, acceptance: &Acceptance) -> Vec<FieldError> {
    let mut out = Vec::new();
    if intake.summary.trim().is_empty() {
        out.push(FieldError::new("summary", FieldErrorCode::Required));
    }
    if intake.parties.is_empty() {
        out.push(FieldError::new("parties", FieldErrorCode::PartyRequired));
    } else if acceptance.basis != AcceptanceBasis::OwnInitiative
        && !intake
            .parties
            .iter()
            .any(|p| p.role == PartyRole::Applicant)
    {
        out.push(FieldError::new(
            "parties",
            FieldErrorCode::ApplicantRequired,
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, party) in intake.parties.iter().enumerate() {
        if !seen.insert(&party.id) {
            out.push(FieldError::new(
                format!("parties[{i}].id"),
                FieldErrorCode::Duplicate,
            ));
        }
        out.extend(check_party(party, &format!("parties[{i}]")));
    }
    let contradicts = matches!(
        (intake.source, acceptance.basis),
        (CaseSource::PartyApplication, AcceptanceBasis::OwnInitiative)
            | (
                CaseSource::OwnInitiative,
                AcceptanceBasis::WrittenApplication | AcceptanceBasis::OralApplication
            )
    );
    if contradicts {
        out.push(FieldError::new(
            "source",
            FieldErrorCode::SourceContradictsBasis,
        ));
    }
    out
}

/// Validates the lead form.
pub fn validate_lead(draft: &LeadDraft) -> Result<Lead, Vec<FieldError>> {
    let mut c = Check::new();
    let org_unit = c.id("org_unit", &draft.org_unit, parse_org_id);
    let channel = c.choice("channel", &draft.channel);
    let description = c.text("description", &draft.description, MAX_LONG);
    let dispute_type = c.opt_choice("dispute_type", &draft.dispute_type);
    let persons = draft
        .persons
        .iter()
        .enumerate()
        .filter_map(|(i, n)| c.opt_text(&format!("persons[{i}]"), n, MAX_NAME))
        .collect();
    let persons_involved = c.opt_number("persons_involved", &draft.persons_involved, 1_000_000);
    let risk_flags = c.choices("risk_flags", &draft.risk_flags);
    let reported_by = c.opt_text("reported_by", &draft.reported_by, MAX_NAME);
    let screening = c.opt_id("screening", &draft.screening, parse_screening_id);
    let finding_index: Option<u32> = c.opt_number("finding", &draft.finding, u64::from(u32::MAX));
    let finding = match (screening, finding_index) {
        (Some(screening), Some(finding)) => Some(FindingRef { screening, finding }),
        (Some(_), None) if draft.finding.trim().is_empty() => {
            c.fail("finding", FieldErrorCode::Required);
            None
        }
        _ => None,
    };
    let (Some(org_unit), Some(channel), Some(description)) = (org_unit, channel, description)
    else {
        return Err(c.errors);
    };
    let lead = Lead {
        org_unit,
        channel,
        description,
        dispute_type,
        persons,
        persons_involved,
        risk_flags,
        reported_by,
        finding,
    };
    c.finish(Some(lead))
}

/// Validates the triage form (TRIAGED needs type, tier, risk level and handling level).
pub fn validate_triage(draft: &TriageDraft) -> Result<Triage, Vec<FieldError>> {
    let mut c = Check::new();
    let dispute = c.dispute("dispute", &draft.dispute);
    let tier = c.choice("tier", &draft.tier);
    let risk_level = c.choice("risk_level", &draft.risk_level);
    let risk_flags = c.choices("risk_flags", &draft.risk_flags);
    let handling_level = c.choice("handling_level", &draft.handling_level);
    let triage = match (dispute, tier, risk_level, handling_level) {
        (Some(dispute), Some(tier), Some(risk_level), Some(handling_level)) => Some(Triage {
            dispute,
            tier,
            risk_level,
            risk_flags,
            handling_level,
        }),
        _ => None,
    };
    c.finish(triage)
}

/// Validates the organisation-unit form.
pub fn validate_org_unit(draft: &OrgUnitDraft) -> Result<OrgUnit, Vec<FieldError>> {
    let mut c = Check::new();
    let id = c.id("id", &draft.id, parse_org_id);
    let name = c.text("name", &draft.name, MAX_SHORT);
    let kind = c.choice("kind", &draft.kind);
    let level = match draft.level.trim() {
        "" => {
            c.fail("level", FieldErrorCode::Required);
            None
        }
        raw => match raw.parse::<u8>() {
            Ok(n) => NetworkLevel::new(n).or_else(|| {
                c.fail("level", FieldErrorCode::OutOfRange);
                None
            }),
            Err(_) => {
                c.fail("level", FieldErrorCode::NotANumber);
                None
            }
        },
    };
    let parent = c.opt_id("parent", &draft.parent, parse_org_id);
    let prefix = draft.case_no_prefix.trim().to_owned();
    if !prefix.is_empty() && super::case_number::CaseNumber::new(2000, &prefix, 1).is_err() {
        c.fail("case_no_prefix", FieldErrorCode::BadPrefix);
    }
    let justice_office = c.opt_text("justice_office", &draft.justice_office, MAX_SHORT);
    let basic_court = c.opt_text("basic_court", &draft.basic_court, MAX_SHORT);
    let unit = match (id, name, kind, level) {
        (Some(id), Some(name), Some(kind), Some(level)) => Some(OrgUnit {
            id,
            name,
            kind,
            level,
            parent,
            case_no_prefix: prefix,
            justice_office,
            basic_court,
        }),
        _ => None,
    };
    c.finish(unit)
}

/// Validates the mediator form with its relatives.
pub fn validate_mediator(draft: &MediatorDraft) -> Result<Mediator, Vec<FieldError>> {
    let mut c = Check::new();
    let id = c.id("id", &draft.id, parse_mediator_id);
    let name = c.text("name", &draft.name, MAX_NAME);
    let gender = c.opt_choice("gender", &draft.gender);
    let phone = c.opt_phone("phone", &draft.phone);
    let id_number = c.opt_resident_id("id_number", &draft.id_number);
    let org_unit = c.id("org_unit", &draft.org_unit, parse_org_id);
    let role = c.choice("role", &draft.role);
    let relatives: Vec<Relative> = draft
        .relatives
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let p = |f: &str| format!("relatives[{i}].{f}");
            let name = c.text(&p("name"), &r.name, MAX_NAME);
            let relation = c.choice(&p("relation"), &r.relation);
            let id_number = c.opt_resident_id(&p("id_number"), &r.id_number);
            let phone = c.opt_phone(&p("phone"), &r.phone);
            Some(Relative {
                name: name?,
                relation: relation?,
                id_number,
                phone,
            })
        })
        .collect();
    let mediator = match (id, name, org_unit, role) {
        (Some(id), Some(name), Some(org_unit), Some(role)) => Some(Mediator {
            id,
            name,
            gender,
            phone,
            id_number,
            org_unit,
            role,
            full_time: draft.full_time,
            active: draft.active,
            relatives,
        }),
        _ => None,
    };
    c.finish(mediator)
}

/// Validates the screening form: findings, or an explicit zero report (零报告), never neither.
pub fn validate_screening(
    draft: &ScreeningDraft,
    today: Date,
) -> Result<ScreeningLog, Vec<FieldError>> {
    let mut c = Check::new();
    let id = c.id("id", &draft.id, parse_screening_id);
    let org_unit = c.id("org_unit", &draft.org_unit, parse_org_id);
    let date = c.date("date", &draft.date, today);
    let kind = c.choice("kind", &draft.kind);
    let area = c.text("area", &draft.area, MAX_SHORT);
    let screeners: Vec<MediatorId> = draft
        .screeners
        .iter()
        .enumerate()
        .filter_map(|(i, s)| c.id(&format!("screeners[{i}]"), s, parse_mediator_id))
        .collect();
    if draft.screeners.is_empty() {
        c.fail("screeners", FieldErrorCode::Required);
    }
    let findings: Vec<Finding> = draft
        .findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let p = |x: &str| format!("findings[{i}].{x}");
            let description = c.text(&p("description"), &f.description, MAX_LONG);
            let dispute_type = c.opt_choice(&p("dispute_type"), &f.dispute_type);
            let persons_involved =
                c.opt_number(&p("persons_involved"), &f.persons_involved, 1_000_000);
            let risk_flags = c.choices(&p("risk_flags"), &f.risk_flags);
            Some(Finding {
                description: description?,
                dispute_type,
                persons_involved,
                risk_flags,
                ledger: f.ledger,
            })
        })
        .collect();
    let outcome = match (draft.zero_report, draft.findings.is_empty()) {
        (true, true) => Some(ScreeningOutcome::ZeroReport),
        (false, false) => Some(ScreeningOutcome::Findings(findings)),
        (true, false) => {
            c.fail("zero_report", FieldErrorCode::ZeroReportWithFindings);
            None
        }
        (false, true) => {
            c.fail("findings", FieldErrorCode::FindingsOrZeroReport);
            None
        }
    };
    let disputes_prevented =
        c.opt_number("disputes_prevented", &draft.disputes_prevented, 1_000_000);
    let log = match (id, org_unit, date, kind, area, outcome) {
        (Some(id), Some(org_unit), Some(date), Some(kind), Some(area), Some(outcome)) => {
            Some(ScreeningLog {
                id,
                org_unit,
                date,
                kind,
                area,
                screeners,
                outcome,
                disputes_prevented: disputes_prevented.unwrap_or(0),
            })
        }
        _ => None,
    };
    c.finish(log)
}

/// The fields a case must have for its status: a summary always; a number, classification and
/// parties once registered; type, tier, risk level and handling level once triaged; a presiding
/// mediator once assigned.
pub fn check_case(state: &CaseState) -> Vec<FieldError> {
    let mut out = Vec::new();
    let mut need = |ok: bool, path: &str, code: FieldErrorCode| {
        if !ok {
            out.push(FieldError::new(path, code));
        }
    };
    need(
        !state.summary.trim().is_empty(),
        "summary",
        FieldErrorCode::Required,
    );
    let took = |t: Transition| state.history.iter().any(|h| h.transition == t);
    if state.status.is_registered() {
        need(
            state.number.is_some(),
            "number",
            FieldErrorCode::NumberRequired,
        );
        need(
            state.dispute.is_some(),
            "dispute.type",
            FieldErrorCode::Required,
        );
        need(
            !state.parties.is_empty(),
            "parties",
            FieldErrorCode::PartyRequired,
        );
        let on_application = state
            .acceptance
            .is_some_and(|a| a.basis != AcceptanceBasis::OwnInitiative);
        if on_application && !state.parties.is_empty() {
            let has_applicant = state.parties.iter().any(|p| p.role == PartyRole::Applicant);
            need(has_applicant, "parties", FieldErrorCode::ApplicantRequired);
        }
    }
    if took(Transition::Triage) {
        need(state.tier.is_some(), "tier", FieldErrorCode::Required);
        need(
            state.risk_level.is_some(),
            "risk_level",
            FieldErrorCode::Required,
        );
        need(
            state.handling_level.is_some(),
            "handling_level",
            FieldErrorCode::Required,
        );
    }
    if took(Transition::Assign) {
        need(
            state.presiding.is_some(),
            "presiding",
            FieldErrorCode::Required,
        );
        let doubled = state
            .presiding
            .as_ref()
            .is_some_and(|p| state.co_mediators.contains(p));
        need(
            !doubled,
            "co_mediators",
            FieldErrorCode::PresidingIsCoMediator,
        );
    }
    for (i, party) in state.parties.iter().enumerate() {
        out.extend(check_party(party, &format!("parties[{i}]")));
    }
    out
}

impl IdDocDraft {
    /// The form as it would be typed for `doc` (empty for none).
    pub fn of(doc: Option<&crate::domain::party::IdDocument>) -> IdDocDraft {
        doc.map(|d| IdDocDraft {
            kind: d.kind.code().to_owned(),
            number: d.number.clone(),
        })
        .unwrap_or_default()
    }
}

impl PartyDraft {
    /// The form as it would be typed for an existing party, so editing starts from what is
    /// stored and [`validate_party`] gives the same party back when nothing is changed.
    pub fn of(party: &Party) -> PartyDraft {
        use crate::domain::party::Birth;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let phone = |p: &Option<crate::domain::contact::Phone>| {
            p.as_ref().map(ToString::to_string).unwrap_or_default()
        };
        PartyDraft {
            id: party.id.as_str().to_owned(),
            kind: party.kind.code().to_owned(),
            role: party.role.code().to_owned(),
            name: party.name.clone(),
            gender: party
                .gender
                .map(|g| g.code().to_owned())
                .unwrap_or_default(),
            ethnicity: text(&party.ethnicity),
            birth_date: match party.birth {
                Some(Birth::Date(d)) => d.to_string(),
                _ => String::new(),
            },
            age: match party.birth {
                Some(Birth::Age(a)) => a.to_string(),
                _ => String::new(),
            },
            occupation: text(&party.occupation),
            address: text(&party.address),
            phone: phone(&party.phone),
            id_doc: IdDocDraft::of(party.id_doc.as_ref()),
            age_group: party.age_group.code().to_owned(),
            legal_rep: party.legal_rep.as_ref().map(|r| RepresentativeDraft {
                name: r.name.clone(),
                relation: text(&r.relation),
                phone: phone(&r.phone),
                id_doc: IdDocDraft::of(r.id_doc.as_ref()),
            }),
            agent: party.agent.as_ref().map(|a| AgentDraft {
                name: a.name.clone(),
                phone: phone(&a.phone),
                id_doc: IdDocDraft::of(a.id_doc.as_ref()),
                power_of_attorney: a.power_of_attorney,
            }),
            org_rep: party.org_rep.as_ref().map(|o| OrgRepresentativeDraft {
                name: o.name.clone(),
                title: text(&o.title),
            }),
        }
    }
}
