//! The investigation and mediation record (人民调解法 Art 27): when and where, who was present,
//! each party's statement, the facts as verified, the seven points the record must cover, the
//! outcome, and the read-back before signing.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::components::form::{checkbox, Field, FieldKind};
use crate::domain::command::CaseCommand;
use crate::domain::ids::SessionId;
use crate::domain::procedure::{Disclosure, Session, SessionKind, SessionOutcome, Statement};
use crate::domain::validate::{FieldError, FieldErrorCode};
use crate::domain::{CaseState, MediatorId, PartyId, Status, Timestamp};
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::state::register::new_id;

use super::draft::StepDraft;
use super::{
    all_parties, case_mediators, check_list, code_checks, code_options, date_field, date_value,
    intro, mediators, named_options, parties_of, party_checks, read_code, read_date, read_text,
    step_action, today, FormState,
};

/// Records one session.
pub(super) fn session_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let all_mediators = mediators();
    let default_kind = if state.status == Status::Assigned {
        SessionKind::Investigation
    } else {
        SessionKind::Mediation
    };
    let kind = RwSignal::new(default_kind.code().to_owned());
    let on = date_value(today());
    let time = RwSignal::new("09:00".to_owned());
    let place = RwSignal::new(String::new());
    let present = RwSignal::new(all_parties(&state));
    let participants = RwSignal::new(String::new());
    let participants_consent = RwSignal::new(Vec::<PartyId>::new());
    let present_mediators = RwSignal::new(case_mediators(&state));
    let recorder = RwSignal::new(String::new());
    let statements: Vec<(PartyId, RwSignal<String>)> = parties
        .iter()
        .map(|(id, _)| (id.clone(), RwSignal::new(String::new())))
        .collect();
    let statement_signals: Vec<RwSignal<String>> = statements.iter().map(|(_, s)| *s).collect();
    let facts = RwSignal::new(String::new());
    let disclosures = RwSignal::new(Vec::<Disclosure>::new());
    let outcome = RwSignal::new(SessionOutcome::Continue.code().to_owned());
    let read_back = RwSignal::new(false);

    let statement_fields: Vec<AnyView> = parties
        .iter()
        .zip(&statements)
        .enumerate()
        .map(|(i, ((_, name), (_, text)))| {
            let i18n = crate::state::I18n::expect();
            let name = name.clone();
            Field::bound(
                "statement",
                FieldKind::Multiline,
                Key::StepSessionStatement,
                *text,
            )
            .id(format!("statement-{i}"))
            .label(Signal::derive(move || {
                i18n.format(Key::StepSessionStatementOf, &[("party", &name)])
            }))
            .view()
        })
        .collect();

    let save = step_action(form, case, move |errors| {
        let statements = statements.clone();
        let kind = read_code::<SessionKind>(&kind.get_untracked(), "kind", errors);
        let day = read_date(&on.get_untracked(), "on", errors);
        let at = day.and_then(|d| {
            let raw = time.get_untracked();
            let (h, m) = raw.split_once(':')?;
            Timestamp::from_china(d, h.parse().ok()?, m.parse().ok()?)
        });
        if day.is_some() && at.is_none() {
            errors.push(FieldError::new("time", FieldErrorCode::Required));
        }
        let place = read_text(&place.get_untracked(), "place", errors);
        let outcome = read_code::<SessionOutcome>(&outcome.get_untracked(), "outcome", errors);
        let id = new_id().ok().and_then(|raw| SessionId::parse(&raw).ok());
        if !errors.is_empty() {
            return None;
        }
        let (Some(kind), Some(at), Some(outcome), Some(id)) = (kind, at, outcome, id) else {
            return None;
        };
        let present_parties = present.get_untracked();
        let statements = statements
            .iter()
            .filter_map(|(party, text)| {
                let text = text.get_untracked().trim().to_owned();
                (!text.is_empty()).then(|| Statement {
                    party: party.clone(),
                    text,
                })
            })
            .collect();
        let participants = participants
            .get_untracked()
            .split([',', '，', '、', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let session = Session {
            id,
            kind,
            at,
            place,
            present_parties,
            participants,
            participants_consented_by: participants_consent.get_untracked(),
            mediators: present_mediators.get_untracked(),
            recorder: MediatorId::parse(&recorder.get_untracked()).ok(),
            statements,
            verified_facts: facts.get_untracked().trim().to_owned(),
            disclosures: disclosures
                .get_untracked()
                .into_iter()
                .collect::<BTreeSet<_>>(),
            outcome,
            read_back: read_back.get_untracked(),
        };
        Some(vec![CaseCommand::RecordSession(session)])
    });

    let mediator_items = all_mediators
        .iter()
        .map(|(id, name)| (id.clone(), Signal::stored(name.clone())))
        .collect();
    let texts = StoredValue::new(statement_signals);
    let draft = StepDraft::new()
        .text("kind", kind)
        .text("on", on)
        .text("time", time)
        .text("place", place)
        .list("present", present, ToString::to_string, |s| {
            PartyId::parse(s).ok()
        })
        .list("mediators", present_mediators, ToString::to_string, |s| {
            MediatorId::parse(s).ok()
        })
        .text("recorder", recorder)
        .text("participants", participants)
        .list(
            "participants_consent",
            participants_consent,
            ToString::to_string,
            |s| PartyId::parse(s).ok(),
        )
        .custom(
            "statements",
            move || {
                texts.with_value(|t| t.iter().map(|t| t.get()).collect::<Vec<_>>().join("\u{1f}"))
            },
            move |v| {
                texts.with_value(|t| {
                    for (t, value) in t.iter().zip(v.split('\u{1f}')) {
                        t.set(value.to_owned());
                    }
                })
            },
        )
        .text("facts", facts)
        .list(
            "disclosures",
            disclosures,
            |d| d.code().to_owned(),
            Disclosure::from_code,
        )
        .text("outcome", outcome)
        .flag("read_back", read_back);
    draft.start();
    let mut children = vec![
        intro(Key::StepSessionIntro),
        draft.notice(),
        Field::bound(
            "session-kind",
            FieldKind::Select,
            Key::StepSessionKind,
            kind,
        )
        .options(code_options(vocab::session_kind))
        .required()
        .view(),
        date_field("session-on", Key::StepSessionDate, on, form, &["on"])
            .required()
            .view(),
        Field::bound("session-time", FieldKind::Time, Key::StepSessionTime, time)
            .err(form.errors, &["time"])
            .view(),
        Field::bound(
            "session-place",
            FieldKind::Text,
            Key::StepSessionPlace,
            place,
        )
        .required()
        .err(form.errors, &["place"])
        .view(),
        party_checks(
            "session-present",
            Key::StepSessionPresent,
            &parties,
            present,
        ),
        check_list(
            "session-mediator",
            Key::StepSessionMediators,
            mediator_items,
            present_mediators,
        ),
        Field::bound(
            "session-recorder",
            FieldKind::Select,
            Key::StepSessionRecorder,
            recorder,
        )
        .options(named_options(&all_mediators))
        .choose()
        .view(),
        Field::bound(
            "session-participants",
            FieldKind::Text,
            Key::StepSessionParticipants,
            participants,
        )
        .hint(Key::StepSessionParticipantsHint)
        .view(),
        party_checks(
            "session-participants-consent",
            Key::StepSessionParticipantsConsent,
            &parties,
            participants_consent,
        ),
    ];
    children.extend(statement_fields);
    children.extend([
        Field::bound(
            "session-facts",
            FieldKind::Multiline,
            Key::StepSessionFacts,
            facts,
        )
        .view(),
        code_checks(
            "session-disclosure",
            Key::StepSessionDisclosures,
            vocab::disclosure,
            disclosures,
        ),
        Field::bound(
            "session-outcome",
            FieldKind::Select,
            Key::StepSessionOutcome,
            outcome,
        )
        .options(code_options(vocab::session_outcome))
        .required()
        .view(),
        checkbox(
            "session-read-back".to_owned(),
            Key::StepSessionReadBack,
            read_back.into(),
            Callback::new(move |on: bool| read_back.set(on)),
        ),
    ]);
    form.finish(children, save, Key::StepSessionSave)
}
