//! The steps around consent: notices, each party's acceptance and the public/private choice
//! (人民调解法 Arts 17, 23), replacement requests (MOJ 2002 Regulation Art 25), the start of
//! mediation, extensions and medical appraisal periods, re-mediation and reopening (each with
//! every party's consent).

use leptos::prelude::*;

use crate::components::form::{Field, FieldKind};
use crate::domain::case::ReopenReason;
use crate::domain::command::CaseCommand;
use crate::domain::procedure::{ConsentDecision, MediationMode, Notice, NoticeKind};
use crate::domain::validate::{FieldError, FieldErrorCode};
use crate::domain::{CaseState, PartyId, Status};
use crate::i18n::vocab;
use crate::i18n::Key;

use super::{
    all_parties, code_options, date_field, date_value, intro, parties_of, party_checks, read_code,
    read_date, step_action, today, FormState,
};

/// A notice given: which, to whom, on which day.
pub(super) fn notice_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    // The notice a case needs next: rights before mediation, other routes while mediating, the
    // may-sue notice once performance fails or the court rejects the agreement.
    let suggested = match state.status {
        Status::InMediation => NoticeKind::OtherRoutes,
        Status::NonPerformance | Status::JcRejected => NoticeKind::MaySueOrEnforce,
        Status::Registered => NoticeKind::RightsAndDuties,
        _ => NoticeKind::RightsAndDuties,
    };
    let kind = RwSignal::new(suggested.code().to_owned());
    let told = RwSignal::new(all_parties(&state));
    let on = date_value(today());
    let save = step_action(form, case, move |errors| {
        let kind = read_code::<NoticeKind>(&kind.get_untracked(), "kind", errors);
        let on = read_date(&on.get_untracked(), "on", errors);
        let parties = told.get_untracked();
        let notice = Notice {
            kind: kind?,
            parties,
            on: on?,
        };
        Some(vec![CaseCommand::GiveNotice(notice)])
    });
    form.finish(
        vec![
            intro(Key::StepNoticeIntro),
            Field::bound("notice-kind", FieldKind::Select, Key::StepNoticeKind, kind)
                .options(code_options(vocab::notice_kind))
                .required()
                .view(),
            party_checks("notice-party", Key::StepNoticeParties, &parties, told),
            date_field("notice-on", Key::StepOn, on, form, &["on"]).view(),
        ],
        save,
        Key::StepNoticeSave,
    )
}

/// Each party's answer on mediation, and the mode they chose. One save records them all.
pub(super) fn consent_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let answers: Vec<(PartyId, RwSignal<String>)> = parties
        .iter()
        .map(|(id, _)| {
            let current = state
                .procedure
                .consents
                .get(id)
                .map_or(String::new(), |(d, _)| d.code().to_owned());
            (id.clone(), RwSignal::new(current))
        })
        .collect();
    let mode = RwSignal::new(
        state
            .procedure
            .mode
            .map_or(String::new(), |m| m.code().to_owned()),
    );
    let can_choose_mode = matches!(state.status, Status::Assigned | Status::InMediation);
    let on = date_value(today());
    let fields: Vec<AnyView> = parties
        .iter()
        .zip(&answers)
        .enumerate()
        .map(|(i, ((_, name), (_, answer)))| {
            let name = name.clone();
            Field::bound(
                "consent",
                FieldKind::Select,
                Key::StepConsentDecision,
                *answer,
            )
            .id(format!("consent-{i}"))
            .label(Signal::stored(name))
            .options(code_options(vocab::consent_decision))
            .choose()
            .view()
        })
        .collect();
    let known = state.procedure.consents.clone();
    let save = step_action(form, case, move |errors| {
        let on = read_date(&on.get_untracked(), "on", errors)?;
        let mut commands = Vec::new();
        for (party, answer) in &answers {
            let Some(decision) = ConsentDecision::from_code(&answer.get_untracked()) else {
                continue;
            };
            // An unchanged answer is not recorded again.
            if known.get(party).is_some_and(|(d, _)| *d == decision) {
                continue;
            }
            commands.push(CaseCommand::RecordConsent {
                party: party.clone(),
                decision,
                on,
            });
        }
        if can_choose_mode {
            if let Some(m) = MediationMode::from_code(&mode.get_untracked()) {
                commands.push(CaseCommand::ChooseMode(m));
            }
        }
        if commands.is_empty() {
            errors.push(FieldError::new("consent", FieldErrorCode::Required));
            return None;
        }
        Some(commands)
    });
    let mut children = vec![intro(Key::StepConsentIntro)];
    children.extend(fields);
    if can_choose_mode {
        children.push(
            Field::bound("mode", FieldKind::Select, Key::StepConsentMode, mode)
                .options(code_options(vocab::mediation_mode))
                .choose()
                .view(),
        );
    }
    children.push(date_field("consent-on", Key::StepOn, on, form, &["on"]).view());
    form.finish(children, save, Key::StepConsentSave)
}

/// A party asks for another mediator; the presiding mediator is then replaced on the assign
/// page before mediation can go on.
pub(super) fn replacement_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let party = RwSignal::new(String::new());
    let on = date_value(today());
    let save = step_action(form, case, move |errors| {
        let who = PartyId::parse(&party.get_untracked()).ok();
        if who.is_none() {
            errors.push(FieldError::new("party", FieldErrorCode::Required));
        }
        let on = read_date(&on.get_untracked(), "on", errors);
        Some(vec![CaseCommand::RequestReplacement {
            party: who?,
            on: on?,
        }])
    });
    form.finish(
        vec![
            intro(Key::StepReplacementIntro),
            Field::bound(
                "replacement-party",
                FieldKind::Select,
                Key::StepParty,
                party,
            )
            .options(super::named_options(&parties))
            .choose()
            .required()
            .err(form.errors, &["party"])
            .view(),
            date_field("replacement-on", Key::StepOn, on, form, &["on"]).view(),
        ],
        save,
        Key::StepReplacementSave,
    )
}

/// Start mediation: the core checks the notice, every consent and pending replacement requests.
pub(super) fn start_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let save = step_action(form, case, |_| Some(vec![CaseCommand::StartMediation]));
    form.finish(vec![intro(Key::StepStartIntro)], save, Key::StepStartSave)
}

/// An extension of the time limit to a later day, with the parties who agreed.
pub(super) fn extend_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let consenting = RwSignal::new(Vec::<PartyId>::new());
    let to = RwSignal::new(String::new());
    let save = step_action(form, case, move |errors| {
        let to = read_date(&to.get_untracked(), "to", errors)?;
        let consenting = consenting.get_untracked();
        Some(vec![CaseCommand::ExtendTimeLimit { to, consenting }])
    });
    form.finish(
        vec![
            intro(Key::StepExtendIntro),
            date_field("extend-to", Key::StepExtendTo, to, form, &["to"])
                .required()
                .view(),
            party_checks(
                "extend-party",
                Key::StepConsentingParties,
                &parties,
                consenting,
            ),
        ],
        save,
        Key::StepExtendSave,
    )
}

/// A medical appraisal starts or comes back (its days do not count, MED 2018 Art 38).
pub(super) fn appraisal_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let open = state
        .procedure
        .appraisals
        .iter()
        .any(|(_, end)| end.is_none());
    let on = date_value(today());
    let save = step_action(form, case, move |errors| {
        let on = read_date(&on.get_untracked(), "on", errors)?;
        Some(vec![if open {
            CaseCommand::EndAppraisal { on }
        } else {
            CaseCommand::StartAppraisal { on }
        }])
    });
    let (label, save_label) = if open {
        (Key::StepAppraisalEnded, Key::StepAppraisalEnd)
    } else {
        (Key::StepAppraisalStarted, Key::StepAppraisalStart)
    };
    form.finish(
        vec![
            intro(Key::StepAppraisalIntro),
            date_field("appraisal-on", label, on, form, &["on"]).view(),
        ],
        save,
        save_label,
    )
}

/// Mediate again after the court rejected the agreement: every party must agree.
pub(super) fn remediate_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let consenting = RwSignal::new(Vec::<PartyId>::new());
    let save = step_action(form, case, move |_| {
        let consenting = consenting.get_untracked();
        Some(vec![CaseCommand::Remediate { consenting }])
    });
    form.finish(
        vec![
            intro(Key::StepRemediateIntro),
            party_checks(
                "remediate-party",
                Key::StepConsentingParties,
                &parties,
                consenting,
            ),
        ],
        save,
        Key::StepRemediateSave,
    )
}

/// Reopen a closed case: why, and every party's consent.
pub(super) fn reopen_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let consenting = RwSignal::new(Vec::<PartyId>::new());
    let reason = RwSignal::new(String::new());
    let save = step_action(form, case, move |errors| {
        let reason = read_code::<ReopenReason>(&reason.get_untracked(), "reason", errors)?;
        let consenting = consenting.get_untracked();
        Some(vec![CaseCommand::Reopen { reason, consenting }])
    });
    form.finish(
        vec![
            intro(Key::StepReopenIntro),
            Field::bound("reopen-reason", FieldKind::Select, Key::StepReason, reason)
                .options(code_options(vocab::reopen_reason))
                .choose()
                .required()
                .err(form.errors, &["reason"])
                .view(),
            party_checks(
                "reopen-party",
                Key::StepConsentingParties,
                &parties,
                consenting,
            ),
        ],
        save,
        Key::StepReopenSave,
    )
}
