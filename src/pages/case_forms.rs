//! The forms that move a case along its first steps: triage (集中梳理), designation of the
//! presiding mediator (指派/更换), and conversion of a lead into a registered case.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use std::sync::Arc;

use crate::components::form::{
    checkbox, dispatch_save, failure_line, fields, fieldset, finish_form, form_card, form_errors,
    local_action, saving_shown, show, submit_button, Field, FieldKind,
};
use crate::components::SelectOption;
use crate::domain::case::{
    AcceptanceBasis, DifficultyTier, HandlingLevel, ObjectionCheck, ReplacementReason, RiskFlag,
    RiskLevel,
};
use crate::domain::command::CaseCommand;
use crate::domain::dispute::{default_deadline, DisputeType};
use crate::domain::validate::{
    validate_registration, validate_triage, DisputeDraft, FieldError, PartyDraft,
    RegistrationDraft, TriageDraft,
};
use crate::domain::{CaseId, CaseState, MediatorId, Status};
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::pages::setup::options;
use crate::pages::support::{field_errors_of, non_empty_lines, repo_error, use_case_id};
use crate::platform;
use crate::repo::RepoError;
use crate::routes::Route;
use crate::state::i18n::tr;
use crate::state::register::new_id;
use crate::state::{I18n, RegisterState};

/// Loads the case of the current route and renders `form` with it once loaded.
#[component]
pub(crate) fn WithCase(
    test_id: &'static str,
    title: Key,
    form: fn(CaseState) -> AnyView,
) -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let case_id = use_case_id();
    let loaded = LocalResource::new(move || {
        let id = case_id.get();
        let open = register.is_open();
        let _ = register.version.get();
        async move {
            match (open, id) {
                (false, _) => None,
                (true, Some(id)) => Some(register.load_case(id).await.map(|c| c.map(|c| c.state))),
                (true, None) => Some(Ok(None)),
            }
        }
    });
    let back = move || {
        case_id
            .get()
            .map(|id| Route::CaseDetail(id).href())
            .unwrap_or_else(|| Route::Cases.href())
    };
    view! {
        <section class="page" data-testid=test_id>
            <a class="button" href=back>{tr(Key::CaseBackToCase)}</a>
            <h1 class="page__title">{tr(title)}</h1>
            {move || match loaded.get().flatten() {
                None => view! { <p>{tr(Key::CommonLoading)}</p> }.into_any(),
                Some(Ok(Some(state))) => untrack(|| form(state)),
                Some(Ok(None)) => view! { <p>{tr(Key::ErrorsCaseNotFound)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="form__error" role="alert">{repo_error(&e).render(i18n.locale())}</p> }.into_any(),
            }}
        </section>
    }
}

/// Shared save plumbing: runs the commands, then returns to the case or shows what went wrong.
fn save_and_return(
    case: CaseId,
    commands: Vec<CaseCommand>,
    errors: RwSignal<Vec<FieldError>>,
    failure: RwSignal<Option<String>>,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
) -> impl std::future::Future<Output = ()> {
    let register = RegisterState::expect();
    let i18n = I18n::expect();
    async move {
        match register.execute(case.clone(), commands, None).await {
            Ok(_) => navigate(&Route::CaseDetail(case).href(), Default::default()),
            Err(e) => show_error(&e, errors, failure, i18n),
        }
    }
}

fn show_error(
    e: &RepoError,
    errors: RwSignal<Vec<FieldError>>,
    failure: RwSignal<Option<String>>,
    i18n: I18n,
) {
    errors.set(field_errors_of(e));
    failure.set(Some(repo_error(e).render(i18n.locale())));
}

/// Triage of a registered case.
#[component]
pub fn TriagePage() -> impl IntoView {
    view! { <WithCase test_id="page-triage" title=Key::TriageTitle form=triage_form/> }
}

fn triage_form(state: CaseState) -> AnyView {
    let i18n = I18n::expect();
    let navigate = use_navigate();
    let case_id = state.id.clone();
    let code = |v: Option<&'static str>| v.unwrap_or_default().to_owned();
    let dispute_type = RwSignal::new(code(state.dispute.as_ref().map(|d| d.primary().code())));
    let label = RwSignal::new(
        state
            .dispute
            .as_ref()
            .and_then(|d| d.label().map(str::to_owned))
            .unwrap_or_default(),
    );
    let tier = RwSignal::new(code(state.tier.map(DifficultyTier::code)));
    let risk_level = RwSignal::new(
        code(state.risk_level.map(RiskLevel::code)).if_empty(RiskLevel::Green.code()),
    );
    let handling = RwSignal::new(
        code(state.handling_level.map(HandlingLevel::code)).if_empty(HandlingLevel::Village.code()),
    );
    let flags = RwSignal::new(
        state
            .risk_flags
            .iter()
            .map(|f| f.code().to_owned())
            .collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let registered_on = state.registered_at.map(|t| t.china_date());
    let can_triage = state.status == Status::Registered;

    let save = local_action(move || {
        let navigate = navigate.clone();
        let case_id = case_id.clone();
        let draft = TriageDraft {
            dispute: DisputeDraft {
                dispute_type: dispute_type.get_untracked(),
                sub_type: String::new(),
                label: label.get_untracked(),
            },
            tier: tier.get_untracked(),
            risk_level: risk_level.get_untracked(),
            risk_flags: flags.get_untracked(),
            handling_level: handling.get_untracked(),
        };
        Box::pin(async move {
            failure.set(None);
            match validate_triage(&draft) {
                Err(e) => errors.set(e),
                Ok(triage) => {
                    errors.set(Vec::new());
                    save_and_return(
                        case_id,
                        vec![CaseCommand::Triage(triage)],
                        errors,
                        failure,
                        navigate,
                    )
                    .await;
                }
            }
        })
    });

    // The deadline preview: the rule for the chosen type and, where the calendar alone fixes it,
    // the last day counted from registration.
    let preview = move || {
        let t = DisputeType::from_code(&dispute_type.get())?;
        let rule = default_deadline(t);
        let rule_text = i18n.t(vocab::deadline_rule(rule));
        Some(
            match registered_on.and_then(|d| rule.calendar_due_date(d)) {
                Some(due) => i18n.format(
                    Key::TriageDeadlinePreview,
                    &[("rule", rule_text), ("due", &due.to_string())],
                ),
                None => i18n.format(Key::TriageDeadlinePreviewRule, &[("rule", rule_text)]),
            },
        )
    };
    if !can_triage {
        return view! { <p class="form__error">{tr(Key::TriageNotTriageable)}</p> }.into_any();
    }
    let flag_boxes = RiskFlag::ALL
        .iter()
        .map(|flag| {
            let code = flag.code();
            checkbox(
                format!("risk-flag-{}", code.to_ascii_lowercase()),
                vocab::risk_flag(*flag),
                Signal::derive(move || flags.with(|f| f.iter().any(|c| c == code))),
                Callback::new(move |on: bool| {
                    flags.update(|all| {
                        all.retain(|c| c != code);
                        if on {
                            all.push(code.to_owned());
                        }
                    });
                }),
            )
        })
        .collect::<Vec<_>>();
    let children = vec![
        Field::bound(
            "dispute-type",
            FieldKind::Select,
            Key::IntakeDisputeType,
            dispute_type,
        )
        .options(options::<DisputeType>(vocab::dispute_type))
        .choose()
        .err(errors, &["dispute.type"])
        .required()
        .view(),
        dispute_label(dispute_type, label, errors),
        view! { <p class="notice" data-testid="deadline-preview">{preview}</p> }.into_any(),
        Field::bound("tier", FieldKind::Select, Key::TriageTier, tier)
            .options(options::<DifficultyTier>(vocab::difficulty_tier))
            .choose()
            .err(errors, &["tier"])
            .required()
            .view(),
        Field::bound(
            "risk-level",
            FieldKind::Select,
            Key::TriageRiskLevel,
            risk_level,
        )
        .options(options::<RiskLevel>(vocab::risk_level))
        .err(errors, &["risk_level"])
        .required()
        .view(),
        fieldset(Key::TriageRiskFlags, flag_boxes),
        Field::bound(
            "handling-level",
            FieldKind::Select,
            Key::TriageHandlingLevel,
            handling,
        )
        .options(options::<HandlingLevel>(vocab::handling_level))
        .err(errors, &["handling_level"])
        .required()
        .view(),
    ];
    finish_form(
        children,
        errors,
        failure,
        save,
        "triage-save",
        Key::TriageSave,
    )
}

/// The free-text label of the dispute type, asked for only when the type is "other".
fn dispute_label(
    dispute_type: RwSignal<String>,
    label: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> AnyView {
    show(
        Signal::derive(move || dispute_type.get() == DisputeType::Other.code()),
        Arc::new(move || {
            Field::bound(
                "dispute-label",
                FieldKind::Text,
                Key::IntakeDisputeLabel,
                label,
            )
            .err(errors, &["dispute.label"])
            .required()
            .view()
        }),
        None,
    )
}

trait IfEmpty {
    fn if_empty(self, fallback: &str) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, fallback: &str) -> String {
        if self.is_empty() {
            fallback.to_owned()
        } else {
            self
        }
    }
}

/// Designation (or replacement) of the presiding mediator.
#[component]
pub fn AssignPage() -> impl IntoView {
    view! { <WithCase test_id="page-assign" title=Key::AssignTitle form=assign_form/> }
}

fn assign_form(state: CaseState) -> AnyView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let navigate = use_navigate();
    let replacing = state.presiding.is_some();
    let current = state.presiding.clone();
    let case_id = state.id.clone();
    let co_mediators = state.co_mediators.clone();
    let presiding = RwSignal::new(String::new());
    let chosen = RwSignal::new(false);
    let reason = RwSignal::new(ReplacementReason::PartyObjection.code().to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let options_signal = Signal::derive(move || {
        let directory = register.directory.get();
        directory
            .mediators
            .values()
            .filter(|m| m.active && Some(&m.id) != current.as_ref())
            .map(|m| SelectOption {
                value: m.id.as_str().to_owned(),
                label: m.name.clone(),
            })
            .collect::<Vec<_>>()
    });
    let save = local_action(move || {
        let navigate = navigate.clone();
        let case_id = case_id.clone();
        let co_mediators = co_mediators.clone();
        Box::pin(async move {
            failure.set(None);
            let Ok(mediator) = MediatorId::parse(&presiding.get_untracked()) else {
                errors.set(vec![FieldError::new(
                    "presiding",
                    crate::domain::validate::FieldErrorCode::Required,
                )]);
                return;
            };
            errors.set(Vec::new());
            let command = if replacing {
                let Some(reason) = ReplacementReason::from_code(&reason.get_untracked()) else {
                    return;
                };
                CaseCommand::ReplaceMediator {
                    presiding: mediator,
                    co_mediators,
                    reason,
                }
            } else {
                CaseCommand::AssignMediator {
                    presiding: mediator,
                    co_mediators,
                    chosen_by_parties: chosen.get_untracked(),
                }
            };
            save_and_return(case_id, vec![command], errors, failure, navigate).await;
        })
    });
    let form = Arc::new(move || {
        let extra = if replacing {
            Field::bound("reason", FieldKind::Select, Key::AssignReason, reason)
                .options(options::<ReplacementReason>(vocab::replacement_reason))
                .view()
        } else {
            checkbox(
                "chosen-by-parties".to_owned(),
                Key::AssignChosenByParties,
                chosen.into(),
                Callback::new(move |on: bool| chosen.set(on)),
            )
        };
        form_card(
            Callback::new(move |()| dispatch_save(save)),
            vec![
                Field::bound(
                    "presiding",
                    FieldKind::Select,
                    Key::AssignPresiding,
                    presiding,
                )
                .options(options_signal)
                .choose()
                .err(errors, &["presiding"])
                .required()
                .view(),
                extra,
                form_errors(errors),
                failure_line(failure, Some("form-failure")),
                submit_button(
                    "button button--primary",
                    "assign-save",
                    saving_shown(save),
                    Signal::derive(move || {
                        if replacing {
                            i18n.t(Key::AssignReplace)
                        } else {
                            i18n.t(Key::AssignSave)
                        }
                        .to_owned()
                    }),
                ),
            ],
        )
    });
    let none = Arc::new(|| {
        view! {
            <p class="form__error">{tr(Key::AssignNoMediators)}</p>
            <a class="button" href=Route::SetUp.href()>{tr(Key::SetupAddMediator)}</a>
        }
        .into_any()
    });
    show(
        Signal::derive(move || !options_signal.with(Vec::is_empty)),
        form,
        Some(none),
    )
}

/// Conversion of a lead into a registered case.
#[component]
pub fn ConvertPage() -> impl IntoView {
    view! { <WithCase test_id="page-convert" title=Key::ConvertTitle form=convert_form/> }
}

fn convert_form(state: CaseState) -> AnyView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let navigate = use_navigate();
    let lead = state.lead.clone();
    let names = lead.as_ref().map(|l| l.persons.clone()).unwrap_or_default();
    let case_id = state.id.clone();
    let applicant = RwSignal::new(names.first().cloned().unwrap_or_default());
    let applicant_phone = RwSignal::new(String::new());
    let respondent = RwSignal::new(names.get(1).cloned().unwrap_or_default());
    let dispute_type = RwSignal::new(
        lead.as_ref()
            .and_then(|l| l.dispute_type)
            .map(|t| t.code().to_owned())
            .unwrap_or_default(),
    );
    let label = RwSignal::new(String::new());
    let summary = RwSignal::new(state.summary.clone());
    let basis = RwSignal::new(AcceptanceBasis::OralApplication.code().to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let channel = state.channel;
    let org_unit = state.org_unit.clone();
    let first_contact = state.first_contact.clone();
    let number = move || register.next_case_number().ok().map(|n| n.to_string());

    let save = local_action(move || {
        let navigate = navigate.clone();
        let case_id = case_id.clone();
        let (Ok(a), Ok(r)) = (new_id(), new_id()) else {
            failure.set(Some(i18n.t(Key::ErrorsStorageUnavailable).to_owned()));
            return Box::pin(async {});
        };
        let party = |id: String, role: &str, name: String, phone: String| PartyDraft {
            id,
            kind: "NATURAL".to_owned(),
            role: role.to_owned(),
            name,
            phone,
            ..PartyDraft::default()
        };
        let mut parties = vec![party(
            a,
            "APPLICANT",
            applicant.get_untracked(),
            applicant_phone.get_untracked(),
        )];
        if !respondent.get_untracked().trim().is_empty() {
            parties.push(party(
                r,
                "RESPONDENT",
                respondent.get_untracked(),
                String::new(),
            ));
        }
        let draft = RegistrationDraft {
            org_unit: org_unit.as_str().to_owned(),
            source: if basis.get_untracked() == AcceptanceBasis::OwnInitiative.code() {
                "INITIATIVE"
            } else {
                "APPLICATION"
            }
            .to_owned(),
            channel: channel.code().to_owned(),
            first_contact: first_contact.as_str().to_owned(),
            dispute: DisputeDraft {
                dispute_type: dispute_type.get_untracked(),
                sub_type: String::new(),
                label: label.get_untracked(),
            },
            summary: summary.get_untracked(),
            parties,
            basis: basis.get_untracked(),
            objection: if basis.get_untracked() == AcceptanceBasis::OwnInitiative.code() {
                ObjectionCheck::NoneRaised
            } else {
                ObjectionCheck::NotAsked
            }
            .code()
            .to_owned(),
            ..RegistrationDraft::default()
        };
        Box::pin(async move {
            failure.set(None);
            match validate_registration(&draft, platform::now().china_date()) {
                Err(e) => errors.set(e),
                Ok(valid) => {
                    errors.set(Vec::new());
                    let number = match register.next_case_number() {
                        Ok(n) => n,
                        Err(e) => return show_error(&e, errors, failure, i18n),
                    };
                    let command = CaseCommand::ConvertLead {
                        number,
                        acceptance: valid.acceptance,
                        intake: valid.intake,
                    };
                    save_and_return(case_id, vec![command], errors, failure, navigate).await;
                }
            }
        })
    });
    let preview = view! {
        <p class="notice" data-testid="number-preview">{move || number().map(|n| i18n.format(Key::ConvertNumberPreview, &[("number", &n)]))}</p>
    }
    .into_any();
    let mut children = vec![preview];
    children.extend(fields(vec![
        Field::bound(
            "applicant-name",
            FieldKind::Text,
            Key::IntakeApplicant,
            applicant,
        )
        .err(errors, &["parties[0].name"])
        .required(),
        Field::bound(
            "applicant-phone",
            FieldKind::Tel,
            Key::IntakePhone,
            applicant_phone,
        )
        .err(errors, &["parties[0].phone"]),
        Field::bound(
            "respondent-name",
            FieldKind::Text,
            Key::IntakeRespondent,
            respondent,
        )
        .err(errors, &["parties[1].name"]),
        Field::bound(
            "dispute-type",
            FieldKind::Select,
            Key::IntakeDisputeType,
            dispute_type,
        )
        .options(options::<DisputeType>(vocab::dispute_type))
        .choose()
        .err(errors, &["dispute.type"])
        .required(),
    ]));
    children.push(dispute_label(dispute_type, label, errors));
    children.extend(fields(vec![
        Field::bound("summary", FieldKind::Multiline, Key::IntakeSummary, summary)
            .err(errors, &["summary"])
            .required(),
        Field::bound("basis", FieldKind::Select, Key::IntakeBasis, basis)
            .options(options::<AcceptanceBasis>(vocab::acceptance_basis))
            .err(errors, &["basis"]),
    ]));
    finish_form(
        children,
        errors,
        failure,
        save,
        "convert-save",
        Key::ConvertSave,
    )
}

/// Shown instead of an edit form on a case that no longer takes changes (closed or archived).
fn frozen_notice() -> AnyView {
    view! { <p class="form__error">{tr(Key::ErrorCommandFrozen)}</p> }.into_any()
}

/// Editing a case's fields: every change is one `Edited` event listing the fields set, so the
/// history shows who changed what, when and on which tablet.
#[component]
pub fn EditCasePage() -> impl IntoView {
    view! { <WithCase test_id="page-edit" title=Key::EditTitle form=edit_form/> }
}

fn edit_form(state: CaseState) -> AnyView {
    use crate::domain::case::{CaseChange, CaseSource, IntakeChannel};
    use crate::domain::dispute::DisputeClass;
    use crate::domain::money::Fen;
    use crate::domain::validate::FieldErrorCode;

    let register = RegisterState::expect();
    let navigate = use_navigate();
    if state.status.is_frozen() {
        return frozen_notice();
    }
    let original = Arc::new(state);
    let summary = RwSignal::new(original.summary.clone());
    let claims = RwSignal::new(original.claims.join("\n"));
    let amount = RwSignal::new(original.amount.map(|a| a.to_string()).unwrap_or_default());
    let persons = RwSignal::new(
        original
            .persons_involved
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let source = RwSignal::new(
        original
            .source
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
    );
    let channel = RwSignal::new(original.channel.code().to_owned());
    let dispute_type = RwSignal::new(
        original
            .dispute
            .as_ref()
            .map(|d| d.primary().code().to_owned())
            .unwrap_or_default(),
    );
    let label = RwSignal::new(
        original
            .dispute
            .as_ref()
            .and_then(|d| d.label().map(str::to_owned))
            .unwrap_or_default(),
    );
    let first_contact = RwSignal::new(original.first_contact.as_str().to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let is_lead = original.status == Status::Lead;

    let mediators = Signal::derive(move || {
        register
            .directory
            .get()
            .mediators
            .values()
            .map(|m| SelectOption {
                value: m.id.as_str().to_owned(),
                label: m.name.clone(),
            })
            .collect::<Vec<_>>()
    });

    let save = local_action(move || {
        let navigate = navigate.clone();
        let before = original.clone();
        // Only the fields that differ from the stored case become changes.
        let mut changes = Vec::new();
        let mut problems = Vec::new();
        let text = summary.get_untracked();
        if text.trim() != before.summary {
            changes.push(CaseChange::Summary(text.trim().to_owned()));
        }
        let lines = non_empty_lines(&claims.get_untracked());
        if lines != before.claims {
            changes.push(CaseChange::Claims(lines));
        }
        match amount.get_untracked().trim() {
            "" if before.amount.is_some() => changes.push(CaseChange::Amount(None)),
            "" => {}
            raw => match Fen::parse_yuan(raw) {
                Ok(fen) if Some(fen) != before.amount => {
                    changes.push(CaseChange::Amount(Some(fen)))
                }
                Ok(_) => {}
                Err(e) => problems.push(FieldError::new("amount_yuan", FieldErrorCode::Amount(e))),
            },
        }
        match persons.get_untracked().trim() {
            "" if before.persons_involved.is_some() => {
                changes.push(CaseChange::PersonsInvolved(None))
            }
            "" => {}
            raw => match raw.parse::<u32>() {
                Ok(n) if Some(n) != before.persons_involved => {
                    changes.push(CaseChange::PersonsInvolved(Some(n)))
                }
                Ok(_) => {}
                Err(_) => problems.push(FieldError::new(
                    "persons_involved",
                    FieldErrorCode::NotANumber,
                )),
            },
        }
        if let Some(s) = CaseSource::from_code(&source.get_untracked()) {
            if Some(s) != before.source {
                changes.push(CaseChange::Source(s));
            }
        }
        if let Some(c) = IntakeChannel::from_code(&channel.get_untracked()) {
            if c != before.channel {
                changes.push(CaseChange::Channel(c));
            }
        }
        if let Some(t) = DisputeType::from_code(&dispute_type.get_untracked()) {
            let wanted_label = Some(label.get_untracked()).filter(|l| !l.trim().is_empty());
            let unchanged = before
                .dispute
                .as_ref()
                .is_some_and(|d| d.primary() == t && d.label().map(str::to_owned) == wanted_label);
            if !unchanged {
                match DisputeClass::new(t, None, wanted_label.as_deref()) {
                    Ok(class) => changes.push(CaseChange::Dispute(class)),
                    Err(e) => {
                        problems.push(FieldError::new("dispute.label", FieldErrorCode::Dispute(e)))
                    }
                }
            }
        }
        if let Ok(m) = MediatorId::parse(&first_contact.get_untracked()) {
            if m != before.first_contact {
                changes.push(CaseChange::FirstContact(m));
            }
        }
        let case_id = before.id.clone();
        Box::pin(async move {
            failure.set(None);
            if !problems.is_empty() {
                errors.set(problems);
                return;
            }
            errors.set(Vec::new());
            let command = CaseCommand::Edit { changes };
            save_and_return(case_id, vec![command], errors, failure, navigate).await;
        })
    });

    let mut children =
        vec![
            Field::bound("summary", FieldKind::Multiline, Key::IntakeSummary, summary)
                .err(errors, &["summary", "changes.summary"])
                .required()
                .view(),
        ];
    if !is_lead {
        children.extend([
            Field::bound(
                "dispute-type",
                FieldKind::Select,
                Key::IntakeDisputeType,
                dispute_type,
            )
            .options(options::<DisputeType>(vocab::dispute_type))
            .choose()
            .err(errors, &["dispute.type"])
            .view(),
            dispute_label(dispute_type, label, errors),
            Field::bound("claims", FieldKind::Multiline, Key::EditClaims, claims)
                .hint(Key::EditClaimsHint)
                .err(errors, &["claims"])
                .view(),
            Field::bound("amount", FieldKind::Numeric, Key::EditAmount, amount)
                .hint(Key::EditAmountHint)
                .err(errors, &["amount_yuan"])
                .view(),
            Field::bound("persons", FieldKind::Numeric, Key::EditPersons, persons)
                .err(errors, &["persons_involved"])
                .view(),
            Field::bound("source", FieldKind::Select, Key::IntakeSource, source)
                .options(options::<CaseSource>(vocab::case_source))
                .view(),
        ]);
    }
    children.extend([
        Field::bound("channel", FieldKind::Select, Key::IntakeChannel, channel)
            .options(options::<IntakeChannel>(vocab::intake_channel))
            .view(),
        Field::bound(
            "first-contact",
            FieldKind::Select,
            Key::EditFirstContact,
            first_contact,
        )
        .options(mediators)
        .hint(Key::EditFirstContactHint)
        .view(),
    ]);
    finish_form(children, errors, failure, save, "edit-save", Key::EditSave)
}

/// The parties of a case: each can be corrected (a `PartySaved` event replaces the record), and
/// parties can be added, e.g. a third party met during investigation.
#[component]
pub fn PartiesPage() -> impl IntoView {
    view! { <WithCase test_id="page-parties" title=Key::PartiesTitle form=parties_form/> }
}

fn parties_form(state: CaseState) -> AnyView {
    use crate::domain::party::{Gender, IdDocKind, PartyKind, PartyRole};
    use crate::domain::validate::validate_party;

    let i18n = I18n::expect();
    let navigate = use_navigate();
    if state.status.is_frozen() {
        return frozen_notice();
    }
    let parties: Arc<Vec<PartyDraft>> =
        Arc::new(state.parties.iter().map(PartyDraft::of).collect());
    // `None` edits a new party.
    let selected = RwSignal::new(parties.first().map(|p| p.id.clone()));
    let blank = || PartyDraft {
        kind: PartyKind::NaturalPerson.code().to_owned(),
        role: PartyRole::ThirdParty.code().to_owned(),
        ..PartyDraft::default()
    };
    let start = parties.first().cloned().unwrap_or_else(blank);
    let sig = |v: String| RwSignal::new(v);
    let name = sig(start.name.clone());
    let kind = sig(start.kind.clone());
    let role = sig(start.role.clone());
    let gender = sig(start.gender.clone());
    let ethnicity = sig(start.ethnicity.clone());
    let birth = sig(start.birth_date.clone());
    let age = sig(start.age.clone());
    let occupation = sig(start.occupation.clone());
    let address = sig(start.address.clone());
    let phone = sig(start.phone.clone());
    let id_kind = sig(start.id_doc.kind.clone());
    let id_number = sig(start.id_doc.number.clone());
    let kept = RwSignal::new(start);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let load = move |draft: PartyDraft| {
        name.set(draft.name.clone());
        kind.set(draft.kind.clone());
        role.set(draft.role.clone());
        gender.set(draft.gender.clone());
        ethnicity.set(draft.ethnicity.clone());
        birth.set(draft.birth_date.clone());
        age.set(draft.age.clone());
        occupation.set(draft.occupation.clone());
        address.set(draft.address.clone());
        phone.set(draft.phone.clone());
        id_kind.set(draft.id_doc.kind.clone());
        id_number.set(draft.id_doc.number.clone());
        kept.set(draft);
        errors.set(Vec::new());
        failure.set(None);
    };
    let case_id = state.id.clone();
    let save = local_action(move || {
        let navigate = navigate.clone();
        let case_id = case_id.clone();
        let is_new = selected.get_untracked().is_none();
        // Sub-records this form does not show (representatives, agents) are kept as stored.
        let mut draft = kept.get_untracked();
        if is_new {
            draft.id = new_id().unwrap_or_default();
        }
        draft.name = name.get_untracked();
        draft.kind = kind.get_untracked();
        draft.role = role.get_untracked();
        draft.gender = gender.get_untracked();
        draft.ethnicity = ethnicity.get_untracked();
        draft.birth_date = birth.get_untracked();
        draft.age = age.get_untracked();
        draft.occupation = occupation.get_untracked();
        draft.address = address.get_untracked();
        draft.phone = phone.get_untracked();
        draft.id_doc.kind = id_kind.get_untracked();
        draft.id_doc.number = id_number.get_untracked();
        if draft.id_doc.number.trim().is_empty() {
            draft.id_doc.kind = String::new();
        }
        // The age group follows the birth date or age again after an edit.
        draft.age_group = String::new();
        Box::pin(async move {
            failure.set(None);
            match validate_party(&draft, platform::now().china_date()) {
                Err(e) => errors.set(e),
                Ok(party) => {
                    errors.set(Vec::new());
                    let command = if is_new {
                        CaseCommand::AddParty(party)
                    } else {
                        CaseCommand::UpdateParty(party)
                    };
                    save_and_return(case_id, vec![command], errors, failure, navigate).await;
                }
            }
        })
    });
    let pick = {
        let parties = parties.clone();
        move |id: Option<String>| {
            let draft = id
                .as_ref()
                .and_then(|id| parties.iter().find(|p| &p.id == id).cloned())
                .unwrap_or_else(blank);
            selected.set(id);
            load(draft);
        }
    };
    let choices = parties
        .iter()
        .map(|p| {
            let id = p.id.clone();
            let current = id.clone();
            let pick = pick.clone();
            view! {
                <button type="button" class="choice" data-testid="party-choice"
                    aria-pressed=move || (selected.get().as_deref() == Some(current.as_str())).to_string()
                    on:click=move |_| pick(Some(id.clone()))>{p.name.clone()}</button>
            }
            .into_any()
        })
        .chain(std::iter::once({
            let pick = pick.clone();
            view! {
                <button type="button" class="choice" data-testid="party-add"
                    aria-pressed=move || selected.get().is_none().to_string()
                    on:click=move |_| pick(None)>{tr(Key::PartiesAdd)}</button>
            }
            .into_any()
        }))
        .collect::<Vec<_>>();
    let optional_gender = Signal::derive(move || {
        let mut all = vec![SelectOption {
            value: String::new(),
            label: String::new(),
        }];
        all.extend(crate::pages::support::code_options::<Gender>(
            i18n.locale(),
            vocab::gender,
        ));
        all
    });
    let optional_doc = Signal::derive(move || {
        let mut all = vec![SelectOption {
            value: String::new(),
            label: String::new(),
        }];
        all.extend(crate::pages::support::code_options::<IdDocKind>(
            i18n.locale(),
            vocab::id_doc_kind,
        ));
        all
    });
    let children = vec![
        view! { <div class="choice-group" role="group" aria-label=move || i18n.t(Key::PartiesChoose)>{choices}</div> }.into_any(),
        Field::bound("party-name", FieldKind::Text, Key::IntakeName, name).err(errors, &["name"]).required().view(),
        Field::bound("party-kind", FieldKind::Select, Key::PartiesKind, kind).options(options::<PartyKind>(vocab::party_kind)).err(errors, &["kind"]).view(),
        Field::bound("party-role", FieldKind::Select, Key::PartiesRole, role).options(options::<PartyRole>(vocab::party_role)).err(errors, &["role"]).view(),
        Field::bound("party-gender", FieldKind::Select, Key::PartiesGender, gender).options(optional_gender).err(errors, &["gender"]).view(),
        Field::bound("party-ethnicity", FieldKind::Text, Key::PartiesEthnicity, ethnicity).err(errors, &["ethnicity"]).view(),
        Field::bound("party-birth", FieldKind::Text, Key::PartiesBirthDate, birth).hint(Key::PartiesBirthHint).err(errors, &["birth_date"]).view(),
        Field::bound("party-age", FieldKind::Numeric, Key::PartiesAge, age).err(errors, &["age", "age_group"]).view(),
        Field::bound("party-occupation", FieldKind::Text, Key::PartiesOccupation, occupation).err(errors, &["occupation"]).view(),
        Field::bound("party-address", FieldKind::Text, Key::PartiesAddress, address).err(errors, &["address"]).view(),
        Field::bound("party-phone", FieldKind::Tel, Key::IntakePhone, phone).err(errors, &["phone"]).view(),
        Field::bound("party-id-kind", FieldKind::Select, Key::PartiesIdKind, id_kind).options(optional_doc).err(errors, &["id_doc.kind"]).view(),
        Field::bound("party-id-number", FieldKind::Text, Key::PartiesIdNumber, id_number).err(errors, &["id_doc.number", "legal_rep"]).view(),
    ];
    finish_form(
        children,
        errors,
        failure,
        save,
        "party-save",
        Key::PartiesSave,
    )
}
