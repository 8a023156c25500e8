//! The wire form of events: explicit encoders and strict decoders between domain records and the
//! JSON values that `canonical.rs` turns into bytes.
//!
//! This is the only place the stored and hashed shape of a record is defined (docs/events.md
//! describes it); domain types do not implement `Serialize`, so renaming a Rust field cannot
//! change an event id. Decoding is strict: unknown fields, `null`, and wrong types are errors,
//! because a field this version does not know would be dropped on re-encoding and break the id.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::case::{Acceptance, CaseChange, Escalation, Intake, Referral, Triage};
use super::case_number::CaseNumber;
use super::codes::Code;
use super::conflict::{AcknowledgedWarning, ConflictWarning, WarningSubject};
use super::contact::{Phone, ResidentId};
use super::dispute::DisputeClass;
use super::event::{
    CalendarEvent, CaseEvent, Event, EventBody, MediatorEvent, OrgUnitEvent, Registration,
    ScreeningEvent, UnsealedEvent, EVENT_FORMAT_VERSION,
};
use super::ids::{
    AgreementId, CaseId, DeviceId, EventId, MediatorId, OrgUnitId, PartyId, ReferralId,
    ScreeningId, SessionId,
};
use super::lead::{FindingRef, Lead};
use super::money::Fen;
use super::org::{Mediator, NetworkLevel, OrgUnit, Relative};
use super::party::{Agent, Birth, IdDocument, OrgRepresentative, Party, Representative};
use super::procedure::{
    Agreement, ClosingReport, FollowUp, JcApplication, Notice, Obligation, ObligationUpdate,
    PartySignature, ReferralRecord, Session, Signatures, Statement,
};
use super::screening::{Finding, ScreeningLog, ScreeningOutcome};
use super::time::{Date, Timestamp};

/// What is wrong with a decoded value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecodeErrorKind {
    /// A required field is absent.
    #[error("missing field")]
    Missing,
    /// The value has the wrong JSON type (including `null`, which is never written).
    #[error("wrong JSON type")]
    WrongType,
    /// A field this version does not know.
    #[error("unknown field")]
    UnknownField,
    /// A code outside the vocabulary.
    #[error("unknown code")]
    UnknownCode,
    /// A malformed identifier.
    #[error("malformed identifier")]
    BadId,
    /// A value that fails its own rules (phone, date, ID number, case number, classification).
    #[error("invalid value")]
    BadValue,
    /// A number outside its range.
    #[error("number out of range")]
    OutOfRange,
    /// A payload type this version does not know.
    #[error("unknown payload type")]
    UnknownPayloadType,
    /// The event names no subject, or more than one.
    #[error("event must name exactly one subject")]
    Subject,
    /// The payload type does not belong to the subject's kind, or a record's id differs from
    /// the subject id.
    #[error("payload does not match its subject")]
    SubjectMismatch,
}

/// A decoding failure and where it happened (e.g. `payload.intake.parties[0].phone`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at {path}")]
pub struct DecodeError {
    /// Dotted path to the offending value.
    pub path: String,
    /// What is wrong.
    pub kind: DecodeErrorKind,
}

fn err<T>(path: &str, kind: DecodeErrorKind) -> Result<T, DecodeError> {
    Err(DecodeError {
        path: path.to_owned(),
        kind,
    })
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A value with a wire form.
pub(crate) trait Encode {
    fn encode(&self) -> Value;
}

/// A value that can be read back from its wire form.
pub(crate) trait Decode: Sized {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError>;
}

/// Builds a JSON object; `None` fields are omitted (null is never written).
pub(crate) struct Obj(Map<String, Value>);

impl Obj {
    pub(crate) fn new() -> Obj {
        Obj(Map::new())
    }

    pub(crate) fn put<T: Encode + ?Sized>(mut self, key: &str, value: &T) -> Obj {
        self.0.insert(key.to_owned(), value.encode());
        self
    }

    pub(crate) fn raw(mut self, key: &str, value: Value) -> Obj {
        self.0.insert(key.to_owned(), value);
        self
    }

    pub(crate) fn opt<T: Encode>(self, key: &str, value: &Option<T>) -> Obj {
        match value {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    pub(crate) fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// Reads a JSON object field by field and rejects fields nobody asked for.
pub(crate) struct Reader<'a> {
    map: &'a Map<String, Value>,
    path: String,
    used: BTreeSet<&'a str>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(value: &'a Value, path: &str) -> Result<Reader<'a>, DecodeError> {
        match value {
            Value::Object(map) => Ok(Reader {
                map,
                path: path.to_owned(),
                used: BTreeSet::new(),
            }),
            _ => err(path, DecodeErrorKind::WrongType),
        }
    }

    fn raw(&mut self, key: &str) -> Option<&'a Value> {
        let (k, v) = self.map.get_key_value(key)?;
        self.used.insert(k.as_str());
        Some(v)
    }

    pub(crate) fn req<T: Decode>(&mut self, key: &str) -> Result<T, DecodeError> {
        let path = child(&self.path, key);
        match self.raw(key) {
            Some(v) => T::decode(v, &path),
            None => err(&path, DecodeErrorKind::Missing),
        }
    }

    pub(crate) fn opt<T: Decode>(&mut self, key: &str) -> Result<Option<T>, DecodeError> {
        let path = child(&self.path, key);
        self.raw(key).map(|v| T::decode(v, &path)).transpose()
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn finish(self) -> Result<(), DecodeError> {
        match self.map.keys().find(|k| !self.used.contains(k.as_str())) {
            Some(extra) => err(&child(&self.path, extra), DecodeErrorKind::UnknownField),
            None => Ok(()),
        }
    }
}

// --- Scalars -------------------------------------------------------------------------------

impl Encode for str {
    fn encode(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl Encode for String {
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
}

impl Decode for String {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            _ => err(path, DecodeErrorKind::WrongType),
        }
    }
}

impl Encode for bool {
    fn encode(&self) -> Value {
        Value::Bool(*self)
    }
}

impl Decode for bool {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        match value {
            Value::Bool(b) => Ok(*b),
            _ => err(path, DecodeErrorKind::WrongType),
        }
    }
}

impl Encode for u64 {
    fn encode(&self) -> Value {
        Value::from(*self)
    }
}

impl Decode for u64 {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        match value {
            Value::Number(n) if n.is_u64() => n
                .as_u64()
                .map_or_else(|| err(path, DecodeErrorKind::OutOfRange), Ok),
            Value::Number(n) if n.is_i64() => err(path, DecodeErrorKind::OutOfRange),
            _ => err(path, DecodeErrorKind::WrongType),
        }
    }
}

impl Encode for i64 {
    fn encode(&self) -> Value {
        Value::from(*self)
    }
}

impl Decode for i64 {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        match value {
            Value::Number(n) if n.is_i64() => n
                .as_i64()
                .map_or_else(|| err(path, DecodeErrorKind::OutOfRange), Ok),
            Value::Number(n) if n.is_u64() => err(path, DecodeErrorKind::OutOfRange),
            _ => err(path, DecodeErrorKind::WrongType),
        }
    }
}

impl Encode for u32 {
    fn encode(&self) -> Value {
        Value::from(*self)
    }
}

impl Decode for u32 {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let n = u64::decode(value, path)?;
        u32::try_from(n).or_else(|_| err(path, DecodeErrorKind::OutOfRange))
    }
}

impl Encode for u8 {
    fn encode(&self) -> Value {
        Value::from(*self)
    }
}

impl Decode for u8 {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let n = u64::decode(value, path)?;
        u8::try_from(n).or_else(|_| err(path, DecodeErrorKind::OutOfRange))
    }
}

impl Encode for u16 {
    fn encode(&self) -> Value {
        Value::from(*self)
    }
}

impl Decode for u16 {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let n = u64::decode(value, path)?;
        u16::try_from(n).or_else(|_| err(path, DecodeErrorKind::OutOfRange))
    }
}

impl<T: Code> Encode for T {
    fn encode(&self) -> Value {
        Value::String(self.code().to_owned())
    }
}

impl<T: Code> Decode for T {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let text = String::decode(value, path)?;
        T::from_code(&text).map_or_else(|| err(path, DecodeErrorKind::UnknownCode), Ok)
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self) -> Value {
        Value::Array(self.iter().map(Encode::encode).collect())
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::decode(item, &format!("{path}[{i}]")))
                .collect(),
            _ => err(path, DecodeErrorKind::WrongType),
        }
    }
}

impl<T: Encode> Encode for BTreeSet<T> {
    fn encode(&self) -> Value {
        Value::Array(self.iter().map(Encode::encode).collect())
    }
}

impl<T: Decode + Ord> Decode for BTreeSet<T> {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        Ok(Vec::<T>::decode(value, path)?.into_iter().collect())
    }
}

macro_rules! text_id {
    ($($name:ident),+) => {$(
        impl Encode for $name {
            fn encode(&self) -> Value {
                Value::String(self.as_str().to_owned())
            }
        }

        impl Decode for $name {
            fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
                let text = String::decode(value, path)?;
                $name::parse(&text).or_else(|_| err(path, DecodeErrorKind::BadId))
            }
        }
    )+};
}

text_id!(
    CaseId,
    DeviceId,
    EventId,
    MediatorId,
    OrgUnitId,
    PartyId,
    ScreeningId,
    SessionId,
    AgreementId,
    ReferralId
);

impl Encode for Timestamp {
    fn encode(&self) -> Value {
        Value::from(self.as_millis())
    }
}

impl Decode for Timestamp {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        i64::decode(value, path).map(Timestamp::from_millis)
    }
}

impl Encode for Date {
    fn encode(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl Decode for Date {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let text = String::decode(value, path)?;
        Date::parse_iso(&text).or_else(|_| err(path, DecodeErrorKind::BadValue))
    }
}

impl Encode for Fen {
    fn encode(&self) -> Value {
        Value::from(self.as_fen())
    }
}

impl Decode for Fen {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let n = i64::decode(value, path)?;
        Fen::new(n).or_else(|_| err(path, DecodeErrorKind::OutOfRange))
    }
}

impl Encode for Phone {
    fn encode(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl Decode for Phone {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let text = String::decode(value, path)?;
        match Phone::parse(&text) {
            Ok(phone) if phone.to_string() == text => Ok(phone),
            _ => err(path, DecodeErrorKind::BadValue),
        }
    }
}

impl Encode for ResidentId {
    fn encode(&self) -> Value {
        Value::String(self.as_str().to_owned())
    }
}

impl Decode for ResidentId {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let text = String::decode(value, path)?;
        match ResidentId::parse(&text) {
            Ok(id) if id.as_str() == text => Ok(id),
            _ => err(path, DecodeErrorKind::BadValue),
        }
    }
}

impl Encode for NetworkLevel {
    fn encode(&self) -> Value {
        Value::from(self.get())
    }
}

impl Decode for NetworkLevel {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let n = u8::decode(value, path)?;
        NetworkLevel::new(n).map_or_else(|| err(path, DecodeErrorKind::OutOfRange), Ok)
    }
}

impl Encode for CaseNumber {
    fn encode(&self) -> Value {
        Obj::new()
            .put("year", &self.year())
            .put("prefix", self.prefix())
            .put("serial", &self.serial())
            .done()
    }
}

impl Decode for CaseNumber {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let year: u16 = r.req("year")?;
        let prefix: String = r.req("prefix")?;
        let serial: u32 = r.req("serial")?;
        r.finish()?;
        CaseNumber::new(year, &prefix, serial).or_else(|_| err(path, DecodeErrorKind::BadValue))
    }
}

// --- Records -------------------------------------------------------------------------------

impl Encode for DisputeClass {
    fn encode(&self) -> Value {
        Obj::new()
            .put("type", &self.primary())
            .opt("sub_type", &self.sub_type())
            .opt("label", &self.label().map(str::to_owned))
            .done()
    }
}

impl Decode for DisputeClass {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let primary = r.req("type")?;
        let sub_type = r.opt("sub_type")?;
        let label: Option<String> = r.opt("label")?;
        r.finish()?;
        match DisputeClass::new(primary, sub_type, label.as_deref()) {
            Ok(class) if class.label() == label.as_deref() => Ok(class),
            _ => err(path, DecodeErrorKind::BadValue),
        }
    }
}

impl Encode for IdDocument {
    fn encode(&self) -> Value {
        Obj::new()
            .put("kind", &self.kind)
            .put("number", &self.number)
            .done()
    }
}

impl Decode for IdDocument {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let doc = IdDocument {
            kind: r.req("kind")?,
            number: r.req("number")?,
        };
        r.finish()?;
        Ok(doc)
    }
}

impl Encode for Representative {
    fn encode(&self) -> Value {
        Obj::new()
            .put("name", &self.name)
            .opt("relation", &self.relation)
            .opt("phone", &self.phone)
            .opt("id_doc", &self.id_doc)
            .done()
    }
}

impl Decode for Representative {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let rep = Representative {
            name: r.req("name")?,
            relation: r.opt("relation")?,
            phone: r.opt("phone")?,
            id_doc: r.opt("id_doc")?,
        };
        r.finish()?;
        Ok(rep)
    }
}

impl Encode for Agent {
    fn encode(&self) -> Value {
        Obj::new()
            .put("name", &self.name)
            .opt("phone", &self.phone)
            .opt("id_doc", &self.id_doc)
            .put("power_of_attorney", &self.power_of_attorney)
            .done()
    }
}

impl Decode for Agent {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let agent = Agent {
            name: r.req("name")?,
            phone: r.opt("phone")?,
            id_doc: r.opt("id_doc")?,
            power_of_attorney: r.req("power_of_attorney")?,
        };
        r.finish()?;
        Ok(agent)
    }
}

impl Encode for OrgRepresentative {
    fn encode(&self) -> Value {
        Obj::new()
            .put("name", &self.name)
            .opt("title", &self.title)
            .done()
    }
}

impl Decode for OrgRepresentative {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let rep = OrgRepresentative {
            name: r.req("name")?,
            title: r.opt("title")?,
        };
        r.finish()?;
        Ok(rep)
    }
}

impl Encode for Party {
    fn encode(&self) -> Value {
        let (birth_date, age) = match self.birth {
            Some(Birth::Date(d)) => (Some(d), None),
            Some(Birth::Age(a)) => (None, Some(a)),
            None => (None, None),
        };
        Obj::new()
            .put("id", &self.id)
            .put("kind", &self.kind)
            .put("role", &self.role)
            .put("name", &self.name)
            .opt("gender", &self.gender)
            .opt("ethnicity", &self.ethnicity)
            .opt("birth_date", &birth_date)
            .opt("age", &age)
            .opt("occupation", &self.occupation)
            .opt("address", &self.address)
            .opt("phone", &self.phone)
            .opt("id_doc", &self.id_doc)
            .put("age_group", &self.age_group)
            .opt("legal_rep", &self.legal_rep)
            .opt("agent", &self.agent)
            .opt("org_rep", &self.org_rep)
            .done()
    }
}

impl Decode for Party {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let id = r.req("id")?;
        let kind = r.req("kind")?;
        let role = r.req("role")?;
        let name = r.req("name")?;
        let gender = r.opt("gender")?;
        let ethnicity = r.opt("ethnicity")?;
        let birth = match (r.opt("birth_date")?, r.opt("age")?) {
            (Some(d), None) => Some(Birth::Date(d)),
            (None, Some(a)) => Some(Birth::Age(a)),
            (None, None) => None,
            (Some(_), Some(_)) => return err(&child(path, "age"), DecodeErrorKind::BadValue),
        };
        let party = Party {
            id,
            kind,
            role,
            name,
            gender,
            ethnicity,
            birth,
            occupation: r.opt("occupation")?,
            address: r.opt("address")?,
            phone: r.opt("phone")?,
            id_doc: r.opt("id_doc")?,
            age_group: r.req("age_group")?,
            legal_rep: r.opt("legal_rep")?,
            agent: r.opt("agent")?,
            org_rep: r.opt("org_rep")?,
        };
        r.finish()?;
        Ok(party)
    }
}

impl Encode for Intake {
    fn encode(&self) -> Value {
        Obj::new()
            .put("org_unit", &self.org_unit)
            .put("source", &self.source)
            .put("channel", &self.channel)
            .put("first_contact", &self.first_contact)
            .put("dispute", &self.dispute)
            .put("summary", &self.summary)
            .put("claims", &self.claims)
            .opt("amount", &self.amount)
            .opt("persons_involved", &self.persons_involved)
            .put("group", &self.group)
            .put("flags", &self.flags)
            .put("risk_flags", &self.risk_flags)
            .put("parties", &self.parties)
            .done()
    }
}

impl Decode for Intake {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let intake = Intake {
            org_unit: r.req("org_unit")?,
            source: r.req("source")?,
            channel: r.req("channel")?,
            first_contact: r.req("first_contact")?,
            dispute: r.req("dispute")?,
            summary: r.req("summary")?,
            claims: r.req("claims")?,
            amount: r.opt("amount")?,
            persons_involved: r.opt("persons_involved")?,
            group: r.req("group")?,
            flags: r.req("flags")?,
            risk_flags: r.req("risk_flags")?,
            parties: r.req("parties")?,
        };
        r.finish()?;
        Ok(intake)
    }
}

impl Encode for Acceptance {
    fn encode(&self) -> Value {
        Obj::new()
            .put("basis", &self.basis)
            .put("objection", &self.objection)
            .done()
    }
}

impl Decode for Acceptance {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let acceptance = Acceptance {
            basis: r.req("basis")?,
            objection: r.req("objection")?,
        };
        r.finish()?;
        Ok(acceptance)
    }
}

impl Encode for Triage {
    fn encode(&self) -> Value {
        Obj::new()
            .put("dispute", &self.dispute)
            .put("tier", &self.tier)
            .put("risk_level", &self.risk_level)
            .put("risk_flags", &self.risk_flags)
            .put("handling_level", &self.handling_level)
            .done()
    }
}

impl Decode for Triage {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let triage = Triage {
            dispute: r.req("dispute")?,
            tier: r.req("tier")?,
            risk_level: r.req("risk_level")?,
            risk_flags: r.req("risk_flags")?,
            handling_level: r.req("handling_level")?,
        };
        r.finish()?;
        Ok(triage)
    }
}

impl Encode for Referral {
    fn encode(&self) -> Value {
        Obj::new()
            .put("target", &self.target)
            .opt("to_unit", &self.to_unit)
            .opt("to_name", &self.to_name)
            .put("reason", &self.reason)
            .done()
    }
}

impl Decode for Referral {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let referral = Referral {
            target: r.req("target")?,
            to_unit: r.opt("to_unit")?,
            to_name: r.opt("to_name")?,
            reason: r.req("reason")?,
        };
        r.finish()?;
        Ok(referral)
    }
}

impl Encode for Escalation {
    fn encode(&self) -> Value {
        Obj::new()
            .put("risk_flags", &self.risk_flags)
            .put("risk_level", &self.risk_level)
            .put("measures", &self.measures)
            .put("reported", &self.reported)
            .done()
    }
}

impl Decode for Escalation {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let escalation = Escalation {
            risk_flags: r.req("risk_flags")?,
            risk_level: r.req("risk_level")?,
            measures: r.req("measures")?,
            reported: r.req("reported")?,
        };
        r.finish()?;
        Ok(escalation)
    }
}

impl Encode for CaseChange {
    fn encode(&self) -> Value {
        let obj = Obj::new().put("field", self.field());
        match self {
            CaseChange::Summary(v) => obj.put("value", v),
            CaseChange::Claims(v) => obj.put("value", v),
            CaseChange::Amount(v) => obj.opt("value", v),
            CaseChange::PersonsInvolved(v) => obj.opt("value", v),
            CaseChange::Group(v) => obj.put("value", v),
            CaseChange::Flags(v) => obj.put("value", v),
            CaseChange::Dispute(v) => obj.put("value", v),
            CaseChange::Source(v) => obj.put("value", v),
            CaseChange::Channel(v) => obj.put("value", v),
            CaseChange::FirstContact(v) => obj.put("value", v),
            CaseChange::RiskFlags(v) => obj.put("value", v),
            CaseChange::RiskLevel(v) => obj.put("value", v),
            CaseChange::Tier(v) => obj.put("value", v),
            CaseChange::HandlingLevel(v) => obj.put("value", v),
            CaseChange::CoMediators(v) => obj.put("value", v),
        }
        .done()
    }
}

impl Decode for CaseChange {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let field: String = r.req("field")?;
        let change = match field.as_str() {
            "summary" => CaseChange::Summary(r.req("value")?),
            "claims" => CaseChange::Claims(r.req("value")?),
            "amount" => CaseChange::Amount(r.opt("value")?),
            "persons_involved" => CaseChange::PersonsInvolved(r.opt("value")?),
            "group" => CaseChange::Group(r.req("value")?),
            "flags" => CaseChange::Flags(r.req("value")?),
            "dispute" => CaseChange::Dispute(r.req("value")?),
            "source" => CaseChange::Source(r.req("value")?),
            "channel" => CaseChange::Channel(r.req("value")?),
            "first_contact" => CaseChange::FirstContact(r.req("value")?),
            "risk_flags" => CaseChange::RiskFlags(r.req("value")?),
            "risk_level" => CaseChange::RiskLevel(r.req("value")?),
            "tier" => CaseChange::Tier(r.req("value")?),
            "handling_level" => CaseChange::HandlingLevel(r.req("value")?),
            "co_mediators" => CaseChange::CoMediators(r.req("value")?),
            _ => return err(&child(path, "field"), DecodeErrorKind::UnknownCode),
        };
        r.finish()?;
        Ok(change)
    }
}

impl Encode for FindingRef {
    fn encode(&self) -> Value {
        Obj::new()
            .put("screening", &self.screening)
            .put("finding", &self.finding)
            .done()
    }
}

impl Decode for FindingRef {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let finding = FindingRef {
            screening: r.req("screening")?,
            finding: r.req("finding")?,
        };
        r.finish()?;
        Ok(finding)
    }
}

impl Encode for Lead {
    fn encode(&self) -> Value {
        Obj::new()
            .put("org_unit", &self.org_unit)
            .put("channel", &self.channel)
            .put("description", &self.description)
            .opt("dispute_type", &self.dispute_type)
            .put("persons", &self.persons)
            .opt("persons_involved", &self.persons_involved)
            .put("risk_flags", &self.risk_flags)
            .opt("reported_by", &self.reported_by)
            .opt("finding", &self.finding)
            .done()
    }
}

impl Decode for Lead {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let lead = Lead {
            org_unit: r.req("org_unit")?,
            channel: r.req("channel")?,
            description: r.req("description")?,
            dispute_type: r.opt("dispute_type")?,
            persons: r.req("persons")?,
            persons_involved: r.opt("persons_involved")?,
            risk_flags: r.req("risk_flags")?,
            reported_by: r.opt("reported_by")?,
            finding: r.opt("finding")?,
        };
        r.finish()?;
        Ok(lead)
    }
}

impl Encode for WarningSubject {
    fn encode(&self) -> Value {
        match self {
            WarningSubject::PriorCase { case, party } => Obj::new()
                .put("kind", "prior_case")
                .put("case", case)
                .put("party", party)
                .done(),
            WarningSubject::Mediator { mediator } => Obj::new()
                .put("kind", "mediator")
                .put("mediator", mediator)
                .done(),
            WarningSubject::MediatorRelative {
                mediator,
                relative,
                relation,
            } => Obj::new()
                .put("kind", "mediator_relative")
                .put("mediator", mediator)
                .put("relative", relative)
                .put("relation", relation)
                .done(),
        }
    }
}

impl Decode for WarningSubject {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let kind: String = r.req("kind")?;
        let subject = match kind.as_str() {
            "prior_case" => WarningSubject::PriorCase {
                case: r.req("case")?,
                party: r.req("party")?,
            },
            "mediator" => WarningSubject::Mediator {
                mediator: r.req("mediator")?,
            },
            "mediator_relative" => WarningSubject::MediatorRelative {
                mediator: r.req("mediator")?,
                relative: r.req("relative")?,
                relation: r.req("relation")?,
            },
            _ => return err(&child(path, "kind"), DecodeErrorKind::UnknownCode),
        };
        r.finish()?;
        Ok(subject)
    }
}

impl Encode for ConflictWarning {
    fn encode(&self) -> Value {
        Obj::new()
            .put("party", &self.party)
            .put("subject", &self.subject)
            .put("matched", &self.matched)
            .done()
    }
}

impl Decode for ConflictWarning {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let warning = ConflictWarning {
            party: r.req("party")?,
            subject: r.req("subject")?,
            matched: r.req("matched")?,
        };
        r.finish()?;
        Ok(warning)
    }
}

impl Encode for AcknowledgedWarning {
    fn encode(&self) -> Value {
        Obj::new()
            .put("warning", &self.warning)
            .opt("note", &self.note)
            .done()
    }
}

impl Decode for AcknowledgedWarning {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let ack = AcknowledgedWarning {
            warning: r.req("warning")?,
            note: r.opt("note")?,
        };
        r.finish()?;
        Ok(ack)
    }
}

impl Encode for OrgUnit {
    fn encode(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .put("name", &self.name)
            .put("kind", &self.kind)
            .put("level", &self.level)
            .opt("parent", &self.parent)
            .put("case_no_prefix", &self.case_no_prefix)
            .opt("justice_office", &self.justice_office)
            .opt("basic_court", &self.basic_court)
            .done()
    }
}

impl Decode for OrgUnit {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let unit = OrgUnit {
            id: r.req("id")?,
            name: r.req("name")?,
            kind: r.req("kind")?,
            level: r.req("level")?,
            parent: r.opt("parent")?,
            case_no_prefix: r.req("case_no_prefix")?,
            justice_office: r.opt("justice_office")?,
            basic_court: r.opt("basic_court")?,
        };
        r.finish()?;
        Ok(unit)
    }
}

impl Encode for Relative {
    fn encode(&self) -> Value {
        Obj::new()
            .put("name", &self.name)
            .put("relation", &self.relation)
            .opt("id_number", &self.id_number)
            .opt("phone", &self.phone)
            .done()
    }
}

impl Decode for Relative {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let relative = Relative {
            name: r.req("name")?,
            relation: r.req("relation")?,
            id_number: r.opt("id_number")?,
            phone: r.opt("phone")?,
        };
        r.finish()?;
        Ok(relative)
    }
}

impl Encode for Mediator {
    fn encode(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .put("name", &self.name)
            .opt("gender", &self.gender)
            .opt("phone", &self.phone)
            .opt("id_number", &self.id_number)
            .put("org_unit", &self.org_unit)
            .put("role", &self.role)
            .put("full_time", &self.full_time)
            .put("active", &self.active)
            .put("relatives", &self.relatives)
            .done()
    }
}

impl Decode for Mediator {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let mediator = Mediator {
            id: r.req("id")?,
            name: r.req("name")?,
            gender: r.opt("gender")?,
            phone: r.opt("phone")?,
            id_number: r.opt("id_number")?,
            org_unit: r.req("org_unit")?,
            role: r.req("role")?,
            full_time: r.req("full_time")?,
            active: r.req("active")?,
            relatives: r.req("relatives")?,
        };
        r.finish()?;
        Ok(mediator)
    }
}

impl Encode for Finding {
    fn encode(&self) -> Value {
        Obj::new()
            .put("description", &self.description)
            .opt("dispute_type", &self.dispute_type)
            .opt("persons_involved", &self.persons_involved)
            .put("risk_flags", &self.risk_flags)
            .put("ledger", &self.ledger)
            .done()
    }
}

impl Decode for Finding {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let finding = Finding {
            description: r.req("description")?,
            dispute_type: r.opt("dispute_type")?,
            persons_involved: r.opt("persons_involved")?,
            risk_flags: r.req("risk_flags")?,
            ledger: r.req("ledger")?,
        };
        r.finish()?;
        Ok(finding)
    }
}

impl Encode for ScreeningLog {
    fn encode(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .put("org_unit", &self.org_unit)
            .put("date", &self.date)
            .put("kind", &self.kind)
            .put("area", &self.area)
            .put("screeners", &self.screeners)
            .put("zero_report", &self.is_zero_report())
            .put("findings", &self.findings().to_vec())
            .put("disputes_prevented", &self.disputes_prevented)
            .done()
    }
}

impl Decode for ScreeningLog {
    fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
        let mut r = Reader::new(value, path)?;
        let id = r.req("id")?;
        let org_unit = r.req("org_unit")?;
        let date = r.req("date")?;
        let kind = r.req("kind")?;
        let area = r.req("area")?;
        let screeners = r.req("screeners")?;
        let zero_report: bool = r.req("zero_report")?;
        let findings: Vec<Finding> = r.req("findings")?;
        let outcome = match (zero_report, findings.is_empty()) {
            (true, true) => ScreeningOutcome::ZeroReport,
            (false, false) => ScreeningOutcome::Findings(findings),
            _ => return err(&child(path, "zero_report"), DecodeErrorKind::BadValue),
        };
        let log = ScreeningLog {
            id,
            org_unit,
            date,
            kind,
            area,
            screeners,
            outcome,
            disputes_prevented: r.req("disputes_prevented")?,
        };
        r.finish()?;
        Ok(log)
    }
}

// --- Procedure records ---------------------------------------------------------------------

/// Encoder and strict decoder for a record whose JSON keys are its field names: `put` fields are
/// always written, `opt` fields only when present.
macro_rules! record {
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl Encode for $ty {
            fn encode(&self) -> Value {
                Obj::new() $( .$how(stringify!($field), &self.$field) )* .done()
            }
        }

        impl Decode for $ty {
            fn decode(value: &Value, path: &str) -> Result<Self, DecodeError> {
                let mut r = Reader::new(value, path)?;
                let record = $ty { $( $field: record!(@read r $how $field), )* };
                r.finish()?;
                Ok(record)
            }
        }
    };
    (@read $r:ident put $field:ident) => { $r.req(stringify!($field))? };
    (@read $r:ident opt $field:ident) => { $r.opt(stringify!($field))? };
}

record!(Notice {
    kind: put,
    parties: put,
    on: put
});
record!(Statement {
    party: put,
    text: put
});
record!(Session {
    id: put,
    kind: put,
    at: put,
    place: put,
    present_parties: put,
    participants: put,
    participants_consented_by: put,
    mediators: put,
    recorder: opt,
    statements: put,
    verified_facts: put,
    disclosures: put,
    outcome: put,
    read_back: put,
});
record!(Obligation {
    obligor: put,
    obligee: put,
    kind: put,
    description: put,
    amount: opt,
    due: opt,
    method: put,
    place: put,
});
record!(Agreement {
    id: put,
    form: put,
    number: opt,
    parties: put,
    facts: put,
    issues: put,
    responsibility: put,
    content: put,
    obligations: put,
    copies: put,
    reached_on: put,
    replaces: opt,
    personal_status: opt,
});
record!(PartySignature {
    party: put,
    on: put
});
record!(Signatures {
    parties: put,
    mediator_on: opt,
    sealed_on: opt,
});
record!(ObligationUpdate {
    agreement: put,
    obligation: put,
    status: put,
    on: put,
    evidence: put,
});
record!(FollowUp {
    on: put,
    method: put,
    visitor: put,
    visited: put,
    agreement: opt,
    performance: put,
    satisfaction: put,
    new_risks: put,
    notes: put,
    next_visit: opt,
});
record!(JcApplication {
    agreement: put,
    court: put,
    applied_on: put,
    applicants: put,
});
record!(ReferralRecord {
    id: put,
    kind: put,
    target: put,
    to_unit: opt,
    to_name: opt,
    reason: put,
    sent_on: put,
    response_days: opt,
});
record!(ClosingReport {
    closed_on: put,
    summary: put
});

// --- Payloads ------------------------------------------------------------------------------

fn registration(obj: Obj, reg: &Registration) -> Obj {
    obj.put("number", &reg.number)
        .put("acceptance", &reg.acceptance)
        .put("intake", &reg.intake)
}

fn read_registration(r: &mut Reader<'_>) -> Result<Box<Registration>, DecodeError> {
    Ok(Box::new(Registration {
        number: r.req("number")?,
        acceptance: r.req("acceptance")?,
        intake: r.req("intake")?,
    }))
}

/// The `"type"` of a case payload on the wire.
pub fn case_payload_type(payload: &CaseEvent) -> &'static str {
    match payload {
        CaseEvent::LeadRecorded(_) => "case.lead_recorded",
        CaseEvent::LeadDismissed { .. } => "case.lead_dismissed",
        CaseEvent::LeadConverted(_) => "case.lead_converted",
        CaseEvent::Registered(_) => "case.registered",
        CaseEvent::NotAccepted { .. } => "case.not_accepted",
        CaseEvent::Triaged(_) => "case.triaged",
        CaseEvent::ReferredOut(_) => "case.referred_out",
        CaseEvent::MediatorAssigned { .. } => "case.mediator_assigned",
        CaseEvent::MediatorReplaced { .. } => "case.mediator_replaced",
        CaseEvent::MediationStarted => "case.mediation_started",
        CaseEvent::AgreementReached { .. } => "case.agreement_reached",
        CaseEvent::Terminated { .. } => "case.terminated",
        CaseEvent::JcApplied(_) => "case.jc_applied",
        CaseEvent::JcRuled { .. } => "case.jc_ruled",
        CaseEvent::Remediation { .. } => "case.remediation",
        CaseEvent::PerformanceScheduled => "case.performance_scheduled",
        CaseEvent::Performed => "case.performed",
        CaseEvent::NonPerformance => "case.non_performance",
        CaseEvent::PerformanceUrged => "case.performance_urged",
        CaseEvent::Closed => "case.closed",
        CaseEvent::Archived => "case.archived",
        CaseEvent::Reopened { .. } => "case.reopened",
        CaseEvent::Edited { .. } => "case.edited",
        CaseEvent::PartySaved(_) => "case.party_saved",
        CaseEvent::PartyRemoved { .. } => "case.party_removed",
        CaseEvent::EscalationFlagged(_) => "case.escalation_flagged",
        CaseEvent::WarningAcknowledged(_) => "case.warning_acknowledged",
        CaseEvent::Reverted { .. } => "case.reverted",
        CaseEvent::NoticeGiven(_) => "case.notice_given",
        CaseEvent::ConsentRecorded { .. } => "case.consent_recorded",
        CaseEvent::ReplacementRequested { .. } => "case.replacement_requested",
        CaseEvent::ModeChosen { .. } => "case.mode_chosen",
        CaseEvent::SessionRecorded(_) => "case.session_recorded",
        CaseEvent::AgreementDrafted(_) => "case.agreement_drafted",
        CaseEvent::AgreementSigned { .. } => "case.agreement_signed",
        CaseEvent::ObligationUpdated(_) => "case.obligation_updated",
        CaseEvent::FollowUpRecorded(_) => "case.follow_up_recorded",
        CaseEvent::TimeLimitExtended { .. } => "case.time_limit_extended",
        CaseEvent::AppraisalStarted { .. } => "case.appraisal_started",
        CaseEvent::AppraisalEnded { .. } => "case.appraisal_ended",
        CaseEvent::ReferralSent(_) => "case.referral_sent",
        CaseEvent::ReferralAcknowledged { .. } => "case.referral_acknowledged",
        CaseEvent::ReferralAnswered { .. } => "case.referral_answered",
        CaseEvent::ClosingReportFiled(_) => "case.closing_report_filed",
        CaseEvent::FileItemMarked { .. } => "case.file_item_marked",
    }
}

fn encode_case_payload(payload: &CaseEvent) -> Value {
    let obj = Obj::new().put("type", case_payload_type(payload));
    match payload {
        CaseEvent::LeadRecorded(lead) => obj.put("lead", &**lead),
        CaseEvent::LeadDismissed { reason } => obj.put("reason", reason),
        CaseEvent::LeadConverted(reg) | CaseEvent::Registered(reg) => registration(obj, reg),
        CaseEvent::NotAccepted { reason } => obj.put("reason", reason),
        CaseEvent::Triaged(triage) => obj.put("triage", &**triage),
        CaseEvent::ReferredOut(referral) => obj.put("referral", &**referral),
        CaseEvent::MediatorAssigned {
            presiding,
            co_mediators,
            chosen_by_parties,
        } => obj
            .put("presiding", presiding)
            .put("co_mediators", co_mediators)
            .put("chosen_by_parties", chosen_by_parties),
        CaseEvent::MediatorReplaced {
            presiding,
            co_mediators,
            reason,
        } => obj
            .put("presiding", presiding)
            .put("co_mediators", co_mediators)
            .put("reason", reason),
        CaseEvent::AgreementReached {
            form,
            agreement,
            effective_on,
        } => obj
            .put("form", form)
            .put("agreement", agreement)
            .put("effective_on", effective_on),
        CaseEvent::Terminated { reason } => obj.put("reason", reason),
        CaseEvent::JcApplied(application) => obj.put("application", &**application),
        CaseEvent::JcRuled { ruling, on } => obj.put("ruling", ruling).put("on", on),
        CaseEvent::Remediation { consenting } => obj.put("consenting", consenting),
        CaseEvent::Reopened { reason, consenting } => {
            obj.put("reason", reason).put("consenting", consenting)
        }
        CaseEvent::NoticeGiven(notice) => obj.put("notice", &**notice),
        CaseEvent::ConsentRecorded {
            party,
            decision,
            on,
        } => obj
            .put("party", party)
            .put("decision", decision)
            .put("on", on),
        CaseEvent::ReplacementRequested { party, on } => obj.put("party", party).put("on", on),
        CaseEvent::ModeChosen { mode } => obj.put("mode", mode),
        CaseEvent::SessionRecorded(session) => obj.put("session", &**session),
        CaseEvent::AgreementDrafted(agreement) => obj.put("agreement", &**agreement),
        CaseEvent::AgreementSigned {
            agreement,
            signatures,
        } => obj
            .put("agreement", agreement)
            .put("signatures", signatures),
        CaseEvent::ObligationUpdated(update) => obj.put("update", &**update),
        CaseEvent::FollowUpRecorded(follow_up) => obj.put("follow_up", &**follow_up),
        CaseEvent::TimeLimitExtended { to, consenting } => {
            obj.put("to", to).put("consenting", consenting)
        }
        CaseEvent::AppraisalStarted { on } | CaseEvent::AppraisalEnded { on } => obj.put("on", on),
        CaseEvent::ReferralSent(referral) => obj.put("referral", &**referral),
        CaseEvent::ReferralAcknowledged { referral, on } => {
            obj.put("referral", referral).put("on", on)
        }
        CaseEvent::ReferralAnswered {
            referral,
            on,
            result,
        } => obj
            .put("referral", referral)
            .put("on", on)
            .put("result", result),
        CaseEvent::ClosingReportFiled(report) => obj.put("report", &**report),
        CaseEvent::FileItemMarked { item, present } => {
            obj.put("item", item).put("present", present)
        }
        CaseEvent::Edited { changes } => obj.put("changes", changes),
        CaseEvent::PartySaved(party) => obj.put("party", &**party),
        CaseEvent::PartyRemoved { party } => obj.put("party", party),
        CaseEvent::EscalationFlagged(escalation) => obj.put("escalation", &**escalation),
        CaseEvent::WarningAcknowledged(ack) => obj.put("acknowledged", &**ack),
        CaseEvent::Reverted { event } => obj.put("event", event),
        CaseEvent::MediationStarted
        | CaseEvent::PerformanceScheduled
        | CaseEvent::Performed
        | CaseEvent::NonPerformance
        | CaseEvent::PerformanceUrged
        | CaseEvent::Closed
        | CaseEvent::Archived => obj,
    }
    .done()
}

fn decode_case_payload(kind: &str, r: &mut Reader<'_>) -> Result<CaseEvent, DecodeError> {
    Ok(match kind {
        "case.lead_recorded" => CaseEvent::LeadRecorded(Box::new(r.req("lead")?)),
        "case.lead_dismissed" => CaseEvent::LeadDismissed {
            reason: r.req("reason")?,
        },
        "case.lead_converted" => CaseEvent::LeadConverted(read_registration(r)?),
        "case.registered" => CaseEvent::Registered(read_registration(r)?),
        "case.not_accepted" => CaseEvent::NotAccepted {
            reason: r.req("reason")?,
        },
        "case.triaged" => CaseEvent::Triaged(Box::new(r.req("triage")?)),
        "case.referred_out" => CaseEvent::ReferredOut(Box::new(r.req("referral")?)),
        "case.mediator_assigned" => CaseEvent::MediatorAssigned {
            presiding: r.req("presiding")?,
            co_mediators: r.req("co_mediators")?,
            chosen_by_parties: r.req("chosen_by_parties")?,
        },
        "case.mediator_replaced" => CaseEvent::MediatorReplaced {
            presiding: r.req("presiding")?,
            co_mediators: r.req("co_mediators")?,
            reason: r.req("reason")?,
        },
        "case.mediation_started" => CaseEvent::MediationStarted,
        "case.agreement_reached" => CaseEvent::AgreementReached {
            form: r.req("form")?,
            agreement: r.req("agreement")?,
            effective_on: r.req("effective_on")?,
        },
        "case.terminated" => CaseEvent::Terminated {
            reason: r.req("reason")?,
        },
        "case.jc_applied" => CaseEvent::JcApplied(Box::new(r.req("application")?)),
        "case.jc_ruled" => CaseEvent::JcRuled {
            ruling: r.req("ruling")?,
            on: r.req("on")?,
        },
        "case.remediation" => CaseEvent::Remediation {
            consenting: r.req("consenting")?,
        },
        "case.performance_scheduled" => CaseEvent::PerformanceScheduled,
        "case.performed" => CaseEvent::Performed,
        "case.non_performance" => CaseEvent::NonPerformance,
        "case.performance_urged" => CaseEvent::PerformanceUrged,
        "case.closed" => CaseEvent::Closed,
        "case.archived" => CaseEvent::Archived,
        "case.reopened" => CaseEvent::Reopened {
            reason: r.req("reason")?,
            consenting: r.req("consenting")?,
        },
        "case.edited" => CaseEvent::Edited {
            changes: r.req("changes")?,
        },
        "case.party_saved" => CaseEvent::PartySaved(Box::new(r.req("party")?)),
        "case.party_removed" => CaseEvent::PartyRemoved {
            party: r.req("party")?,
        },
        "case.escalation_flagged" => CaseEvent::EscalationFlagged(Box::new(r.req("escalation")?)),
        "case.warning_acknowledged" => {
            CaseEvent::WarningAcknowledged(Box::new(r.req("acknowledged")?))
        }
        "case.reverted" => CaseEvent::Reverted {
            event: r.req("event")?,
        },
        "case.notice_given" => CaseEvent::NoticeGiven(Box::new(r.req("notice")?)),
        "case.consent_recorded" => CaseEvent::ConsentRecorded {
            party: r.req("party")?,
            decision: r.req("decision")?,
            on: r.req("on")?,
        },
        "case.replacement_requested" => CaseEvent::ReplacementRequested {
            party: r.req("party")?,
            on: r.req("on")?,
        },
        "case.mode_chosen" => CaseEvent::ModeChosen {
            mode: r.req("mode")?,
        },
        "case.session_recorded" => CaseEvent::SessionRecorded(Box::new(r.req("session")?)),
        "case.agreement_drafted" => CaseEvent::AgreementDrafted(Box::new(r.req("agreement")?)),
        "case.agreement_signed" => CaseEvent::AgreementSigned {
            agreement: r.req("agreement")?,
            signatures: r.req("signatures")?,
        },
        "case.obligation_updated" => CaseEvent::ObligationUpdated(Box::new(r.req("update")?)),
        "case.follow_up_recorded" => CaseEvent::FollowUpRecorded(Box::new(r.req("follow_up")?)),
        "case.time_limit_extended" => CaseEvent::TimeLimitExtended {
            to: r.req("to")?,
            consenting: r.req("consenting")?,
        },
        "case.appraisal_started" => CaseEvent::AppraisalStarted { on: r.req("on")? },
        "case.appraisal_ended" => CaseEvent::AppraisalEnded { on: r.req("on")? },
        "case.referral_sent" => CaseEvent::ReferralSent(Box::new(r.req("referral")?)),
        "case.referral_acknowledged" => CaseEvent::ReferralAcknowledged {
            referral: r.req("referral")?,
            on: r.req("on")?,
        },
        "case.referral_answered" => CaseEvent::ReferralAnswered {
            referral: r.req("referral")?,
            on: r.req("on")?,
            result: r.req("result")?,
        },
        "case.closing_report_filed" => CaseEvent::ClosingReportFiled(Box::new(r.req("report")?)),
        "case.file_item_marked" => CaseEvent::FileItemMarked {
            item: r.req("item")?,
            present: r.req("present")?,
        },
        _ => {
            return err(
                &child(r.path(), "type"),
                DecodeErrorKind::UnknownPayloadType,
            )
        }
    })
}

/// The subject keys of the envelope; exactly one is present.
const SUBJECT_KEYS: [&str; 5] = ["case", "org_unit", "mediator", "screening", "calendar"];

fn encode_body(obj: Obj, body: &EventBody) -> Obj {
    match body {
        EventBody::Case { case, payload } => obj
            .put("case", case)
            .raw("payload", encode_case_payload(payload)),
        EventBody::OrgUnit {
            unit,
            payload: OrgUnitEvent::Saved(record),
        } => {
            let payload = Obj::new()
                .put("type", "org_unit.saved")
                .put("unit", &**record);
            obj.put("org_unit", unit).raw("payload", payload.done())
        }
        EventBody::Mediator {
            mediator,
            payload: MediatorEvent::Saved(record),
        } => {
            let payload = Obj::new()
                .put("type", "mediator.saved")
                .put("mediator", &**record);
            obj.put("mediator", mediator).raw("payload", payload.done())
        }
        EventBody::Screening {
            screening,
            payload: ScreeningEvent::Filed(record),
        } => {
            let payload = Obj::new()
                .put("type", "screening.filed")
                .put("log", &**record);
            obj.put("screening", screening)
                .raw("payload", payload.done())
        }
        EventBody::Calendar {
            date,
            payload: CalendarEvent::DaySet { kind },
        } => {
            let payload = Obj::new().put("type", "calendar.day_set").put("kind", kind);
            obj.put("calendar", date).raw("payload", payload.done())
        }
    }
}

/// Decodes a case event's payload; a parameter so that code reading only directory records
/// does not reference (and in the split wasm, does not download) the case decoders.
type CasePayloadDecoder = fn(&str, &mut Reader<'_>) -> Result<CaseEvent, DecodeError>;

/// For directory-only reads: a case event where none belongs.
fn refuse_case_payload(_kind: &str, r: &mut Reader<'_>) -> Result<CaseEvent, DecodeError> {
    err(r.path(), DecodeErrorKind::SubjectMismatch)
}

fn decode_body(
    r: &mut Reader<'_>,
    case_payload: CasePayloadDecoder,
) -> Result<EventBody, DecodeError> {
    let present: Vec<&str> = SUBJECT_KEYS.iter().copied().filter(|k| r.has(k)).collect();
    let [subject] = present.as_slice() else {
        return err(r.path(), DecodeErrorKind::Subject);
    };
    let payload_path = child(r.path(), "payload");
    let Some(payload_value) = r.raw("payload") else {
        return err(&payload_path, DecodeErrorKind::Missing);
    };
    let mut p = Reader::new(payload_value, &payload_path)?;
    let kind: String = p.req("type")?;
    let family = kind.split_once('.').map_or("", |(f, _)| f);
    if family != *subject {
        let known = matches!(
            family,
            "case" | "org_unit" | "mediator" | "screening" | "calendar"
        );
        let problem = if known {
            DecodeErrorKind::SubjectMismatch
        } else {
            DecodeErrorKind::UnknownPayloadType
        };
        return err(&child(&payload_path, "type"), problem);
    }
    let mismatch = || err(&payload_path, DecodeErrorKind::SubjectMismatch);
    let body = match *subject {
        "case" => {
            let case: CaseId = r.req("case")?;
            EventBody::Case {
                case,
                payload: case_payload(&kind, &mut p)?,
            }
        }
        "org_unit" if kind == "org_unit.saved" => {
            let unit: OrgUnitId = r.req("org_unit")?;
            let record: OrgUnit = p.req("unit")?;
            if record.id != unit {
                return mismatch();
            }
            EventBody::OrgUnit {
                unit,
                payload: OrgUnitEvent::Saved(Box::new(record)),
            }
        }
        "mediator" if kind == "mediator.saved" => {
            let mediator: MediatorId = r.req("mediator")?;
            let record: Mediator = p.req("mediator")?;
            if record.id != mediator {
                return mismatch();
            }
            EventBody::Mediator {
                mediator,
                payload: MediatorEvent::Saved(Box::new(record)),
            }
        }
        "screening" if kind == "screening.filed" => {
            let screening: ScreeningId = r.req("screening")?;
            let record: ScreeningLog = p.req("log")?;
            if record.id != screening {
                return mismatch();
            }
            EventBody::Screening {
                screening,
                payload: ScreeningEvent::Filed(Box::new(record)),
            }
        }
        "calendar" if kind == "calendar.day_set" => EventBody::Calendar {
            date: r.req("calendar")?,
            payload: CalendarEvent::DaySet {
                kind: p.req("kind")?,
            },
        },
        _ => {
            return err(
                &child(&payload_path, "type"),
                DecodeErrorKind::UnknownPayloadType,
            )
        }
    };
    p.finish()?;
    Ok(body)
}

// --- Envelope ------------------------------------------------------------------------------

fn envelope(fields: &UnsealedEvent) -> Obj {
    let obj = Obj::new()
        .put("v", &EVENT_FORMAT_VERSION)
        .put("author", &fields.author)
        .put("device", &fields.device)
        .put("seq", &fields.seq)
        .opt("prev", &fields.prev)
        .put("at", &fields.at);
    encode_body(obj, &fields.body)
}

/// The JSON value of an event's fields without its id: what the id hashes.
pub(crate) fn encode_unsealed(fields: &UnsealedEvent) -> Value {
    envelope(fields).done()
}

/// The JSON value of a sealed event, id included: the stored and exported form.
pub(crate) fn encode_event(event: &Event) -> Value {
    envelope(event.fields()).put("id", event.id()).done()
}

/// Why event JSON was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventParseError {
    /// The text is not JSON.
    #[error("not JSON")]
    NotJson,
    /// The JSON is not an object.
    #[error("not a JSON object")]
    NotAnObject,
    /// The object has no `"v"` field.
    #[error("no format version")]
    MissingVersion,
    /// The format version is not one this build reads.
    #[error("unsupported format version {0}")]
    UnsupportedVersion(u64),
    /// The object has no `"id"` field.
    #[error("no id")]
    MissingId,
    /// A field is missing, unknown or invalid.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The id is not the hash of the fields: the event was altered or is corrupt.
    #[error("id does not match content")]
    IdMismatch {
        /// The id the event claims.
        claimed: EventId,
        /// The hash of its fields.
        computed: EventId,
    },
}

fn decode_fields(value: &Value) -> Result<(Option<EventId>, UnsealedEvent), EventParseError> {
    decode_fields_with(value, decode_case_payload)
}

fn decode_fields_with(
    value: &Value,
    case_payload: CasePayloadDecoder,
) -> Result<(Option<EventId>, UnsealedEvent), EventParseError> {
    let Value::Object(map) = value else {
        return Err(EventParseError::NotAnObject);
    };
    match map.get("v") {
        None => return Err(EventParseError::MissingVersion),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(EVENT_FORMAT_VERSION) => {}
            Some(other) => return Err(EventParseError::UnsupportedVersion(other)),
            None => {
                return Err(DecodeError {
                    path: "v".into(),
                    kind: DecodeErrorKind::WrongType,
                }
                .into())
            }
        },
        Some(_) => {
            return Err(DecodeError {
                path: "v".into(),
                kind: DecodeErrorKind::WrongType,
            }
            .into())
        }
    }
    let mut r = Reader::new(value, "")?;
    let _version: u64 = r.req("v")?;
    let id: Option<EventId> = r.opt("id")?;
    let fields = UnsealedEvent {
        author: r.req("author")?,
        device: r.req("device")?,
        seq: r.req("seq")?,
        prev: r.opt("prev")?,
        at: r.req("at")?,
        body: decode_body(&mut r, case_payload)?,
    };
    r.finish()?;
    Ok((id, fields))
}

/// Parses a stored or exported event and checks that its id is the hash of its content.
pub fn parse_event_value(value: &Value) -> Result<Event, EventParseError> {
    let (id, fields) = decode_fields(value)?;
    let claimed = id.ok_or(EventParseError::MissingId)?;
    let computed = fields.compute_id();
    if computed != claimed {
        return Err(EventParseError::IdMismatch { claimed, computed });
    }
    Ok(Event::from_parts_unverified(claimed, fields))
}

/// Parses event JSON text (see [`parse_event_value`]).
pub fn parse_event_json(text: &str) -> Result<Event, EventParseError> {
    let value: Value = serde_json::from_str(text).map_err(|_| EventParseError::NotJson)?;
    parse_event_value(&value)
}

/// Parses event JSON text from the device's own store without rehashing (loading thousands of
/// events at start-up); the id can be checked later with [`Event::verify_id`].
pub fn parse_event_json_unverified(text: &str) -> Result<Event, EventParseError> {
    let value: Value = serde_json::from_str(text).map_err(|_| EventParseError::NotJson)?;
    let (id, fields) = decode_fields(&value)?;
    Ok(Event::from_parts_unverified(
        id.ok_or(EventParseError::MissingId)?,
        fields,
    ))
}

/// Like [`parse_event_json_unverified`] for events of directory records (units, mediators,
/// screening logs, calendar days): a case event is refused as a subject mismatch.
pub fn parse_directory_event_json_unverified(text: &str) -> Result<Event, EventParseError> {
    let value: Value = serde_json::from_str(text).map_err(|_| EventParseError::NotJson)?;
    let (id, fields) = decode_fields_with(&value, refuse_case_payload)?;
    Ok(Event::from_parts_unverified(
        id.ok_or(EventParseError::MissingId)?,
        fields,
    ))
}

/// Parses the canonical JSON of unsealed fields (no `"id"`), e.g. a test vector.
pub fn parse_unsealed_json(text: &str) -> Result<UnsealedEvent, EventParseError> {
    let value: Value = serde_json::from_str(text).map_err(|_| EventParseError::NotJson)?;
    let (id, fields) = decode_fields(&value)?;
    match id {
        Some(_) => Err(DecodeError {
            path: "id".into(),
            kind: DecodeErrorKind::UnknownField,
        }
        .into()),
        None => Ok(fields),
    }
}
