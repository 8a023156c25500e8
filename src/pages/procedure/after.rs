//! After the agreement: each obligation's performance with its evidence, follow-up visits
//! (回访, 人民调解法 Art 31), moving performance along, and judicial confirmation (司法确认,
//! 人民调解法 Art 33; the 30-day window and the excluded relationships are the core's).

use leptos::prelude::*;

use crate::components::form::{Field, FieldKind};
use crate::domain::case::{JcRuling, RiskFlag};
use crate::domain::command::CaseCommand;
use crate::domain::deadline::jc_application_deadline;
use crate::domain::procedure::{
    FollowUp, FollowUpMethod, JcApplication, ObligationStatus, ObligationUpdate, PerformanceFound,
    Satisfaction,
};
use crate::domain::validate::{FieldError, FieldErrorCode};
use crate::domain::{CaseState, MediatorId, PartyId, Status};
use crate::i18n::vocab::{self, Message};
use crate::i18n::Key;
use crate::pages::support::non_empty_lines;
use crate::state::i18n::tr;
use crate::state::{I18n, RegisterState};

use super::draft::StepDraft;
use super::{
    all_parties, code_checks, code_options, date_field, date_value, intro, mediators,
    named_options, parties_of, party_checks, party_name, read_code, read_date, read_optional_date,
    read_text, step_action, today, FormState,
};

/// One line per obligation of the agreement in effect: "1. A → B: what, amount, by when".
fn obligation_lines(state: &CaseState) -> Vec<(u32, String)> {
    let i18n = I18n::expect();
    let locale = i18n.locale();
    let Some(record) = state.procedure.effective_agreement() else {
        return Vec::new();
    };
    record
        .agreement
        .obligations
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let mut text = Message::new(Key::StepObligationLine)
                .with_text("n", n.to_string())
                .with_text("obligor", party_name(state, &o.obligor))
                .with_text("obligee", party_name(state, &o.obligee))
                .with_label("kind", vocab::obligation_kind(o.kind))
                .render(locale);
            if let Some(amount) = o.amount {
                text.push_str(&format!(" ¥{amount}"));
            }
            if let Some(due) = o.due {
                text.push(' ');
                text.push_str(&vocab::date(due, locale));
            }
            let status = state.procedure.obligation_status(&record.agreement.id, n);
            text.push_str(&format!(
                " · {}",
                locale.text(vocab::obligation_status(status))
            ));
            (n, text)
        })
        .collect()
}

/// Reports how one obligation stands, with evidence (receipt, transfer slip).
pub(super) fn obligation_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let Some(record) = state.procedure.effective_agreement() else {
        return intro(Key::StepNoAgreement);
    };
    let agreement = record.agreement.id.clone();
    let lines = obligation_lines(&state);
    let which = RwSignal::new(
        lines
            .first()
            .map(|(n, _)| n.to_string())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(ObligationStatus::Performed.code().to_owned());
    let on = date_value(today());
    let evidence = RwSignal::new(String::new());
    let save = step_action(form, case, move |errors| {
        let agreement = agreement.clone();
        let obligation = which.get_untracked().parse::<u32>().ok();
        if obligation.is_none() {
            errors.push(FieldError::new("obligation", FieldErrorCode::Required));
        }
        let status = read_code::<ObligationStatus>(&status.get_untracked(), "status", errors);
        let on = read_date(&on.get_untracked(), "on", errors);
        if !errors.is_empty() {
            return None;
        }
        let (Some(obligation), Some(status), Some(on)) = (obligation, status, on) else {
            return None;
        };
        let evidence = non_empty_lines(&evidence.get_untracked());
        let update = ObligationUpdate {
            agreement,
            obligation,
            status,
            on,
            evidence,
        };
        Some(vec![CaseCommand::UpdateObligation(update)])
    });
    form.finish(
        vec![
            intro(Key::StepObligationIntro),
            Field::bound(
                "obligation",
                FieldKind::Select,
                Key::StepObligationWhich,
                which,
            )
            .options(named_options(&lines))
            .required()
            .view(),
            Field::bound(
                "obligation-status",
                FieldKind::Select,
                Key::StepObligationStatus,
                status,
            )
            .options(code_options(vocab::obligation_status))
            .required()
            .view(),
            date_field("obligation-on", Key::StepOn, on, form, &["on"]).view(),
            Field::bound(
                "obligation-evidence",
                FieldKind::Multiline,
                Key::StepObligationEvidence,
                evidence,
            )
            .hint(Key::StepObligationEvidenceHint)
            .view(),
        ],
        save,
        Key::StepObligationSave,
    )
}

/// Records a follow-up visit and when to visit next.
pub(super) fn follow_up_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let agreement = state
        .procedure
        .effective_agreement()
        .map(|r| r.agreement.id.clone());
    let all_mediators = mediators();
    let on = date_value(today());
    let method = RwSignal::new(FollowUpMethod::Visit.code().to_owned());
    let visitor = RwSignal::new(
        state
            .presiding
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    let visited = RwSignal::new(all_parties(&state));
    let performance = RwSignal::new(String::new());
    let satisfaction = RwSignal::new(String::new());
    let risks = RwSignal::new(Vec::<RiskFlag>::new());
    let notes = RwSignal::new(String::new());
    let next = RwSignal::new(String::new());
    let save = step_action(form, case, move |errors| {
        let agreement = agreement.clone();
        let on = read_date(&on.get_untracked(), "on", errors);
        let method = read_code::<FollowUpMethod>(&method.get_untracked(), "method", errors);
        let visitor = MediatorId::parse(&visitor.get_untracked()).ok();
        if visitor.is_none() {
            errors.push(FieldError::new("visitor", FieldErrorCode::Required));
        }
        let performance =
            read_code::<PerformanceFound>(&performance.get_untracked(), "performance", errors);
        let satisfaction =
            read_code::<Satisfaction>(&satisfaction.get_untracked(), "satisfaction", errors);
        let next_visit = read_optional_date(&next.get_untracked(), "next_visit", errors);
        if !errors.is_empty() {
            return None;
        }
        let (Some(on), Some(method), Some(visitor), Some(performance), Some(satisfaction)) =
            (on, method, visitor, performance, satisfaction)
        else {
            return None;
        };
        let follow_up = FollowUp {
            on,
            method,
            visitor,
            visited: visited.get_untracked(),
            agreement,
            performance,
            satisfaction,
            new_risks: risks.get_untracked().into_iter().collect(),
            notes: notes.get_untracked().trim().to_owned(),
            next_visit,
        };
        Some(vec![CaseCommand::RecordFollowUp(follow_up)])
    });
    let draft = StepDraft::new()
        .text("on", on)
        .text("method", method)
        .text("visitor", visitor)
        .list("visited", visited, ToString::to_string, |s| {
            PartyId::parse(s).ok()
        })
        .text("performance", performance)
        .text("satisfaction", satisfaction)
        .list("risks", risks, |r| r.code().to_owned(), RiskFlag::from_code)
        .text("notes", notes)
        .text("next", next);
    draft.start();
    form.finish(
        vec![
            intro(Key::StepFollowUpIntro),
            draft.notice(),
            date_field("follow-up-on", Key::StepOn, on, form, &["on"]).view(),
            Field::bound(
                "follow-up-method",
                FieldKind::Select,
                Key::StepFollowUpMethod,
                method,
            )
            .options(code_options(vocab::follow_up_method))
            .view(),
            Field::bound(
                "follow-up-visitor",
                FieldKind::Select,
                Key::StepFollowUpVisitor,
                visitor,
            )
            .options(named_options(&all_mediators))
            .choose()
            .required()
            .err(form.errors, &["visitor"])
            .view(),
            party_checks(
                "follow-up-visited",
                Key::StepFollowUpVisited,
                &parties,
                visited,
            ),
            Field::bound(
                "follow-up-performance",
                FieldKind::Select,
                Key::StepFollowUpPerformance,
                performance,
            )
            .options(code_options(vocab::performance_found))
            .choose()
            .required()
            .err(form.errors, &["performance"])
            .view(),
            Field::bound(
                "follow-up-satisfaction",
                FieldKind::Select,
                Key::StepFollowUpSatisfaction,
                satisfaction,
            )
            .options(code_options(vocab::satisfaction))
            .choose()
            .required()
            .err(form.errors, &["satisfaction"])
            .view(),
            code_checks(
                "follow-up-risk",
                Key::StepFollowUpRisks,
                vocab::risk_flag,
                risks,
            ),
            Field::bound(
                "follow-up-notes",
                FieldKind::Multiline,
                Key::StepFollowUpNotes,
                notes,
            )
            .view(),
            date_field(
                "follow-up-next",
                Key::StepFollowUpNext,
                next,
                form,
                &["next_visit"],
            )
            .view(),
        ],
        save,
        Key::StepFollowUpSave,
    )
}

/// The performance transitions the case's status allows, each one button.
pub(super) fn performance_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let lines = obligation_lines(&state);
    let choices: &[(CaseCommand, Key, &'static str)] = match state.status {
        Status::Agreed | Status::JcConfirmed => &[
            (
                CaseCommand::RecordPerformed,
                Key::StepPerformanceDone,
                "performance-done",
            ),
            (
                CaseCommand::SchedulePerformance,
                Key::StepPerformanceLater,
                "performance-later",
            ),
        ],
        Status::Performing => &[
            (
                CaseCommand::RecordPerformed,
                Key::StepPerformanceDone,
                "performance-done",
            ),
            (
                CaseCommand::RecordNonPerformance,
                Key::StepPerformanceFailed,
                "performance-failed",
            ),
        ],
        Status::NonPerformance => &[(
            CaseCommand::UrgePerformance,
            Key::StepPerformanceUrged,
            "performance-urged",
        )],
        _ => &[],
    };
    let buttons = choices
        .iter()
        .map(|(command, label, test_id)| {
            let command = command.clone();
            let action = step_action(form, state.id.clone(), move |_| Some(vec![command.clone()]));
            view! {
                <button type="button" class="button button--primary" data-testid=*test_id
                    disabled=move || action.pending().get()
                    on:click=move |_| { action.dispatch(()); }>
                    {tr(*label)}
                </button>
            }
        })
        .collect_view();
    let list = lines
        .into_iter()
        .map(|(_, line)| view! { <li data-testid="obligation-line">{line}</li> })
        .collect_view();
    view! {
        <div class="card form">
            {intro(Key::StepPerformanceIntro)}
            <ul class="step__list">{list}</ul>
            <div class="step__buttons">{buttons}</div>
            {crate::components::form::form_errors(form.errors)}
            {crate::components::form::failure_line(form.failure, Some("form-failure"))}
        </div>
    }
    .into_any()
}

/// The joint application for judicial confirmation, within 30 days of the agreement's effect.
pub(super) fn jc_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let Some((agreement, effective_on)) = state.procedure.effective.clone() else {
        return intro(Key::StepNoAgreement);
    };
    let register = RegisterState::expect();
    let calendar = register.directory.with_untracked(|d| d.calendar());
    let window = jc_application_deadline(effective_on, &calendar).map(|due| due.date);
    let i18n = I18n::expect();
    let window_line = window.map(|last| {
        view! {
            <p class="notice" data-testid="jc-window">
                {move || i18n.format(Key::StepJcWindow, &[("date", &vocab::date(last, i18n.locale()))])}
            </p>
        }
        .into_any()
    });
    let court = RwSignal::new(String::new());
    let applied = date_value(today());
    let applicants = RwSignal::new(all_parties(&state));
    let save = step_action(form, case, move |errors| {
        let agreement = agreement.clone();
        let court = read_text(&court.get_untracked(), "court", errors);
        let applied_on = read_date(&applied.get_untracked(), "applied_on", errors);
        if !errors.is_empty() {
            return None;
        }
        let applied_on = applied_on?;
        let application = JcApplication {
            agreement,
            court,
            applied_on,
            applicants: applicants.get_untracked(),
        };
        Some(vec![CaseCommand::ApplyJudicialConfirmation(application)])
    });
    let mut children = vec![intro(Key::StepJcIntro)];
    children.extend(window_line);
    children.extend([
        Field::bound("jc-court", FieldKind::Text, Key::StepJcCourt, court)
            .required()
            .err(form.errors, &["court"])
            .view(),
        date_field(
            "jc-applied",
            Key::StepJcApplied,
            applied,
            form,
            &["applied_on"],
        )
        .view(),
        party_checks("jc-applicant", Key::StepJcApplicants, &parties, applicants),
    ]);
    form.finish(children, save, Key::StepJcSave)
}

/// The court's ruling on the application.
pub(super) fn jc_ruling_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let ruling = RwSignal::new(String::new());
    let on = date_value(today());
    let save = step_action(form, case, move |errors| {
        let ruling = read_code::<JcRuling>(&ruling.get_untracked(), "ruling", errors);
        let on = read_date(&on.get_untracked(), "on", errors);
        if !errors.is_empty() {
            return None;
        }
        let (Some(ruling), Some(on)) = (ruling, on) else {
            return None;
        };
        Some(vec![CaseCommand::RecordJcRuling { ruling, on }])
    });
    form.finish(
        vec![
            intro(Key::StepJcRulingIntro),
            Field::bound(
                "jc-ruling",
                FieldKind::Select,
                Key::StepJcRulingRuling,
                ruling,
            )
            .options(code_options(vocab::jc_ruling))
            .choose()
            .required()
            .err(form.errors, &["ruling"])
            .view(),
            date_field("jc-ruling-on", Key::StepOn, on, form, &["on"]).view(),
        ],
        save,
        Key::StepJcRulingSave,
    )
}
