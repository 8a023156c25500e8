//! Routing and endings: referrals and their answers (分流指派, 移交, 上报, 联合办理, the
//! 人民调解法 Art 25 report), escalation flags with preventive measures, termination with the
//! Art 26 other-routes notice, the closing report and close, and the case-file checklist that
//! must be complete before archiving.

use leptos::prelude::*;

use crate::components::form::{checkbox, Field, FieldKind};
use crate::domain::case::{
    Escalation, ReferralReason, ReferralTarget, RiskFlag, RiskLevel, TerminationReason,
};
use crate::domain::command::CaseCommand;
use crate::domain::ids::{OrgUnitId, ReferralId};
use crate::domain::procedure::{
    case_file_checklist, CaseFileItem, ClosingReport, Notice, NoticeKind, ReferralKind,
    ReferralRecord,
};
use crate::domain::validate::{FieldError, FieldErrorCode};
use crate::domain::{CaseState, Status};
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::state::i18n::tr;
use crate::state::register::new_id;
use crate::state::{I18n, RegisterState};

use super::draft::StepDraft;
use super::{
    all_parties, code_checks, code_options, date_field, date_value, intro, named_options,
    read_code, read_date, read_text, step_action, today, FormState,
};

/// Sends a referral, and records the answers to referrals already sent.
pub(super) fn referral_form(state: CaseState) -> AnyView {
    let mut children = vec![send_referral(&state)];
    if !state.procedure.referrals.is_empty() {
        children.push(answer_referral(&state));
    }
    children.into_any()
}

fn send_referral(state: &CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let register = RegisterState::expect();
    let units: Vec<(OrgUnitId, String)> = register.directory.with_untracked(|d| {
        d.org_units
            .values()
            .map(|u| (u.id.clone(), u.name.clone()))
            .collect()
    });
    let kind = RwSignal::new(ReferralKind::UpwardReport.code().to_owned());
    let target = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let sent = date_value(today());
    let days = RwSignal::new("7".to_owned());
    let save = step_action(form, case, move |errors| {
        let kind = read_code::<ReferralKind>(&kind.get_untracked(), "kind", errors);
        let target = read_code::<ReferralTarget>(&target.get_untracked(), "target", errors);
        let reason = read_code::<ReferralReason>(&reason.get_untracked(), "reason", errors);
        let sent_on = read_date(&sent.get_untracked(), "sent_on", errors);
        let raw_days = days.get_untracked();
        let response_days = if raw_days.trim().is_empty() {
            None
        } else {
            let parsed = raw_days.trim().parse::<u32>().ok();
            if parsed.is_none() {
                errors.push(FieldError::new("response_days", FieldErrorCode::NotANumber));
            }
            parsed
        };
        let to_unit = OrgUnitId::parse(&unit.get_untracked()).ok();
        let to_name = Some(name.get_untracked().trim().to_owned()).filter(|n| !n.is_empty());
        if to_unit.is_none() && to_name.is_none() {
            errors.push(FieldError::new("to_name", FieldErrorCode::Required));
        }
        let id = new_id().ok().and_then(|raw| ReferralId::parse(&raw).ok());
        if !errors.is_empty() {
            return None;
        }
        let (Some(kind), Some(target), Some(reason), Some(sent_on), Some(id)) =
            (kind, target, reason, sent_on, id)
        else {
            return None;
        };
        let referral = ReferralRecord {
            id,
            kind,
            target,
            to_unit,
            to_name,
            reason,
            sent_on,
            response_days,
        };
        Some(vec![CaseCommand::SendReferral(referral)])
    });
    let mut children = vec![
        intro(Key::StepReferralIntro),
        Field::bound(
            "referral-kind",
            FieldKind::Select,
            Key::StepReferralKind,
            kind,
        )
        .options(code_options(vocab::referral_kind))
        .required()
        .view(),
        Field::bound(
            "referral-target",
            FieldKind::Select,
            Key::StepReferralTarget,
            target,
        )
        .options(code_options(vocab::referral_target))
        .choose()
        .required()
        .err(form.errors, &["target"])
        .view(),
    ];
    if !units.is_empty() {
        children.push(
            Field::bound(
                "referral-unit",
                FieldKind::Select,
                Key::StepReferralUnit,
                unit,
            )
            .options(named_options(&units))
            .choose()
            .view(),
        );
    }
    children.extend([
        Field::bound(
            "referral-name",
            FieldKind::Text,
            Key::StepReferralName,
            name,
        )
        .err(form.errors, &["to_name"])
        .view(),
        Field::bound(
            "referral-reason",
            FieldKind::Select,
            Key::StepReason,
            reason,
        )
        .options(code_options(vocab::referral_reason))
        .choose()
        .required()
        .err(form.errors, &["reason"])
        .view(),
        date_field(
            "referral-sent",
            Key::StepReferralSent,
            sent,
            form,
            &["sent_on"],
        )
        .view(),
        Field::bound(
            "referral-days",
            FieldKind::Numeric,
            Key::StepReferralDays,
            days,
        )
        .err(form.errors, &["response_days"])
        .view(),
    ]);
    form.finish(children, save, Key::StepReferralSave)
}

fn answer_referral(state: &CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let i18n = I18n::expect();
    let locale = i18n.locale();
    let sent: Vec<(ReferralId, String)> = state
        .procedure
        .referrals
        .iter()
        .map(|r| {
            let label = crate::pages::case_procedure::referral_line(&r.referral, locale);
            (r.referral.id.clone(), label)
        })
        .collect();
    let acknowledged: Vec<ReferralId> = state
        .procedure
        .referrals
        .iter()
        .filter(|r| r.acknowledged_on.is_some())
        .map(|r| r.referral.id.clone())
        .collect();
    let which = RwSignal::new(
        sent.last()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default(),
    );
    let on = date_value(today());
    let result = RwSignal::new(String::new());
    let save = step_action(form, case, move |errors| {
        let referral = ReferralId::parse(&which.get_untracked()).ok();
        if referral.is_none() {
            errors.push(FieldError::new("referral", FieldErrorCode::Required));
        }
        let on = read_date(&on.get_untracked(), "on", errors);
        if !errors.is_empty() {
            return None;
        }
        let (Some(referral), Some(on)) = (referral, on) else {
            return None;
        };
        let mut commands = Vec::new();
        // An answer implies receipt: acknowledge first if nobody recorded it.
        if !acknowledged.contains(&referral) {
            commands.push(CaseCommand::AcknowledgeReferral {
                referral: referral.clone(),
                on,
            });
        }
        let result = result.get_untracked().trim().to_owned();
        if !result.is_empty() {
            commands.push(CaseCommand::AnswerReferral {
                referral,
                on,
                result,
            });
        }
        if commands.is_empty() {
            errors.push(FieldError::new("result", FieldErrorCode::Required));
            return None;
        }
        Some(commands)
    });
    view! {
        <h2 class="card__title">{tr(Key::StepReferralAnswerTitle)}</h2>
        {form.finish(
            vec![
                Field::bound("referral-which", FieldKind::Select, Key::StepReferralWhich, which)
                    .options(named_options(&sent))
                    .view(),
                date_field("referral-answer-on", Key::StepOn, on, form, &["on"]).view(),
                Field::bound("referral-result", FieldKind::Multiline, Key::StepReferralResult, result)
                    .hint(Key::StepReferralResultHint)
                    .err(form.errors, &["result"])
                    .view(),
            ],
            save,
            Key::StepReferralAnswerSave,
        )}
    }
    .into_any()
}

/// Escalation signs, the preventive measures taken and whether the police were told.
pub(super) fn escalation_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let risks = RwSignal::new(state.risk_flags.iter().copied().collect::<Vec<RiskFlag>>());
    let level = RwSignal::new(
        state
            .risk_level
            .unwrap_or(RiskLevel::Orange)
            .code()
            .to_owned(),
    );
    let measures = RwSignal::new(String::new());
    let reported = RwSignal::new(false);
    let save = step_action(form, case, move |errors| {
        let risk_level = read_code::<RiskLevel>(&level.get_untracked(), "risk_level", errors);
        if !errors.is_empty() {
            return None;
        }
        let risk_level = risk_level?;
        let escalation = Escalation {
            risk_flags: risks.get_untracked().into_iter().collect(),
            risk_level,
            measures: measures.get_untracked().trim().to_owned(),
            reported: reported.get_untracked(),
        };
        Some(vec![CaseCommand::FlagEscalation(escalation)])
    });
    let draft = StepDraft::new()
        .list("risks", risks, |r| r.code().to_owned(), RiskFlag::from_code)
        .text("level", level)
        .text("measures", measures)
        .flag("reported", reported);
    draft.start();
    form.finish(
        vec![
            intro(Key::StepEscalationIntro),
            draft.notice(),
            code_checks(
                "escalation-risk",
                Key::StepEscalationRisks,
                vocab::risk_flag,
                risks,
            ),
            Field::bound(
                "escalation-level",
                FieldKind::Select,
                Key::StepEscalationLevel,
                level,
            )
            .options(code_options(vocab::risk_level))
            .view(),
            Field::bound(
                "escalation-measures",
                FieldKind::Multiline,
                Key::StepEscalationMeasures,
                measures,
            )
            .required()
            .err(form.errors, &["measures"])
            .view(),
            checkbox(
                "escalation-reported".to_owned(),
                Key::StepEscalationReported,
                reported.into(),
                Callback::new(move |on: bool| reported.set(on)),
            ),
        ],
        save,
        Key::StepEscalationSave,
    )
}

/// Terminates mediation; ticking the box records the other-routes notice in the same save.
pub(super) fn terminate_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = all_parties(&state);
    let reason = RwSignal::new(String::new());
    let told = RwSignal::new(false);
    let save = step_action(form, case, move |errors| {
        let parties = parties.clone();
        let reason = read_code::<TerminationReason>(&reason.get_untracked(), "reason", errors);
        if !errors.is_empty() {
            return None;
        }
        let reason = reason?;
        let mut commands = Vec::new();
        if told.get_untracked() {
            commands.push(CaseCommand::GiveNotice(Notice {
                kind: NoticeKind::OtherRoutes,
                parties,
                on: today(),
            }));
        }
        commands.push(CaseCommand::Terminate { reason });
        Some(commands)
    });
    form.finish(
        vec![
            intro(Key::StepTerminateIntro),
            Field::bound(
                "terminate-reason",
                FieldKind::Select,
                Key::StepReason,
                reason,
            )
            .options(code_options(vocab::termination_reason))
            .choose()
            .required()
            .err(form.errors, &["reason"])
            .view(),
            checkbox(
                "terminate-told".to_owned(),
                Key::StepTerminateTold,
                told.into(),
                Callback::new(move |on: bool| told.set(on)),
            ),
        ],
        save,
        Key::StepTerminateSave,
    )
}

/// The closing report and close, in one save (with the may-sue notice where it is owed).
pub(super) fn close_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = all_parties(&state);
    let owes_notice = matches!(state.status, Status::NonPerformance | Status::JcRejected);
    let summary = RwSignal::new(String::new());
    let closed = date_value(today());
    let told = RwSignal::new(false);
    let save = step_action(form, case, move |errors| {
        let parties = parties.clone();
        let summary = read_text(&summary.get_untracked(), "summary", errors);
        let closed_on = read_date(&closed.get_untracked(), "closed_on", errors);
        if !errors.is_empty() {
            return None;
        }
        let closed_on = closed_on?;
        let mut commands = Vec::new();
        if owes_notice && told.get_untracked() {
            commands.push(CaseCommand::GiveNotice(Notice {
                kind: NoticeKind::MaySueOrEnforce,
                parties,
                on: closed_on,
            }));
        }
        commands.push(CaseCommand::FileClosingReport(ClosingReport {
            closed_on,
            summary,
        }));
        commands.push(CaseCommand::Close);
        Some(commands)
    });
    let draft = StepDraft::new()
        .text("summary", summary)
        .text("closed", closed)
        .flag("told", told);
    draft.start();
    let mut children = vec![
        intro(Key::StepCloseIntro),
        draft.notice(),
        Field::bound(
            "close-summary",
            FieldKind::Multiline,
            Key::StepCloseSummary,
            summary,
        )
        .required()
        .err(form.errors, &["summary"])
        .view(),
        date_field("close-on", Key::StepCloseOn, closed, form, &["closed_on"]).view(),
    ];
    if owes_notice {
        children.push(checkbox(
            "close-told".to_owned(),
            Key::StepCloseTold,
            told.into(),
            Callback::new(move |on: bool| told.set(on)),
        ));
    }
    form.finish(children, save, Key::StepCloseSave)
}

/// The 卷宗 checklist: what the case's course requires, what is filed; archive once complete.
pub(super) fn case_file_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let lines = case_file_checklist(&state);
    let marks: Vec<(CaseFileItem, bool, RwSignal<bool>)> = lines
        .iter()
        .map(|l| (l.item, l.present, RwSignal::new(l.present)))
        .collect();
    let rows = lines
        .iter()
        .zip(&marks)
        .enumerate()
        .map(|(i, (line, (_, _, mark)))| {
            let mark = *mark;
            let item = line.item;
            let need = if line.required {
                Key::StepCaseFileRequired
            } else if line.mandatory {
                Key::StepCaseFileNotApplicable
            } else {
                Key::StepCaseFileAsNeeded
            };
            view! {
                <li class="checklist__item" data-testid=format!("file-item-{i}")>
                    <label class="checkbox">
                        <input type="checkbox" data-testid=format!("file-mark-{i}")
                            prop:checked=move || mark.get()
                            on:change=move |ev| mark.set(event_target_checked(&ev))/>
                        <span>{format!("{}. ", i + 1)}{tr(vocab::case_file_item(item))}</span>
                    </label>
                    <span class="checklist__need">{tr(need)}</span>
                </li>
            }
        })
        .collect_view();
    let save = step_action(form, case, move |_| {
        let mut commands: Vec<CaseCommand> = marks
            .iter()
            .filter(|(_, was, now)| *was != now.get_untracked())
            .map(|(item, _, now)| CaseCommand::MarkFileItem {
                item: *item,
                present: now.get_untracked(),
            })
            .collect();
        commands.push(CaseCommand::Archive);
        Some(commands)
    });
    form.finish(
        vec![
            intro(Key::StepCaseFileIntro),
            view! { <ol class="checklist" data-testid="case-file-checklist">{rows}</ol> }
                .into_any(),
        ],
        save,
        Key::StepCaseFileSave,
    )
}
