//! The forms that move a case along its first steps: triage (集中梳理), designation of the
//! presiding mediator (指派/更换), and conversion of a lead into a registered case.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{SelectField, SelectOption, TextField};
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
use crate::pages::setup::FormErrors;
use crate::pages::support::{code_options, error_at, field_errors_of, repo_error, use_case_id};
use crate::platform;
use crate::repo::RepoError;
use crate::routes::Route;
use crate::state::i18n::tr;
use crate::state::register::new_id;
use crate::state::{I18n, RegisterState};

/// Loads the case of the current route and renders `form` with it once loaded.
#[component]
fn WithCase<F, V>(test_id: &'static str, title: Key, form: F) -> impl IntoView
where
    F: Fn(CaseState) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
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
                Some(Ok(Some(state))) => form(state).into_any(),
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
    view! { <WithCase test_id="page-triage" title=Key::TriageTitle form=|state| view! { <TriageForm state=state/> }/> }
}

#[component]
fn TriageForm(state: CaseState) -> impl IntoView {
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

    let save = Action::new_local(move |_: &()| {
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
        async move {
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
        }
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
    let err = move |path: &'static str| {
        Signal::derive(move || errors.with(|e| error_at(e, path, i18n.locale())))
    };
    let text = move |key: Key| Signal::derive(move || i18n.t(key).to_owned());
    let setter = |s: RwSignal<String>| Callback::new(move |v: String| s.set(v));
    let toggle = move |code: &'static str| {
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            flags.update(|all| {
                all.retain(|c| c != code);
                if on {
                    all.push(code.to_owned());
                }
            });
        }
    };
    view! {
        <Show when=move || can_triage fallback=|| view! { <p class="form__error">{tr(Key::TriageNotTriageable)}</p> }>
            <form class="form card" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
                <SelectField id="dispute-type" label=text(Key::IntakeDisputeType) options=Signal::derive(move || code_options::<DisputeType>(i18n.locale(), vocab::dispute_type)) value=dispute_type on_change=setter(dispute_type)
                    placeholder=Signal::derive(move || Some(i18n.t(Key::FormChoose).to_owned())) error=err("dispute.type") required=true/>
                <Show when=move || dispute_type.get() == DisputeType::Other.code()>
                    <TextField id="dispute-label" label=text(Key::IntakeDisputeLabel) value=label on_input=setter(label) error=err("dispute.label") required=true/>
                </Show>
                <p class="notice" data-testid="deadline-preview">{preview}</p>
                <SelectField id="tier" label=text(Key::TriageTier) options=Signal::derive(move || code_options::<DifficultyTier>(i18n.locale(), vocab::difficulty_tier)) value=tier on_change=setter(tier)
                    placeholder=Signal::derive(move || Some(i18n.t(Key::FormChoose).to_owned())) error=err("tier") required=true/>
                <SelectField id="risk-level" label=text(Key::TriageRiskLevel) options=Signal::derive(move || code_options::<RiskLevel>(i18n.locale(), vocab::risk_level)) value=risk_level on_change=setter(risk_level) error=err("risk_level") required=true/>
                <fieldset class="form__group">
                    <legend>{tr(Key::TriageRiskFlags)}</legend>
                    {RiskFlag::ALL.iter().map(|flag| {
                        let code = flag.code();
                        view! {
                            <label class="checkbox">
                                <input type="checkbox" data-testid=format!("risk-flag-{}", code.to_ascii_lowercase())
                                    prop:checked=move || flags.with(|f| f.iter().any(|c| c == code)) on:change=toggle(code)/>
                                <span>{tr(vocab::risk_flag(*flag))}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <SelectField id="handling-level" label=text(Key::TriageHandlingLevel) options=Signal::derive(move || code_options::<HandlingLevel>(i18n.locale(), vocab::handling_level)) value=handling on_change=setter(handling) error=err("handling_level") required=true/>
                <FormErrors errors=errors/>
                {move || failure.get().map(|f| view! { <p class="form__error" role="alert" data-testid="form-failure">{f}</p> })}
                <button type="submit" class="button button--primary" data-testid="triage-save" disabled=move || save.pending().get()>{tr(Key::TriageSave)}</button>
            </form>
        </Show>
    }
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
    view! { <WithCase test_id="page-assign" title=Key::AssignTitle form=|state| view! { <AssignForm state=state/> }/> }
}

#[component]
fn AssignForm(state: CaseState) -> impl IntoView {
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
    let options = Signal::derive(move || {
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
    let save = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        let case_id = case_id.clone();
        let co_mediators = co_mediators.clone();
        async move {
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
        }
    });
    let text = move |key: Key| Signal::derive(move || i18n.t(key).to_owned());
    let setter = |s: RwSignal<String>| Callback::new(move |v: String| s.set(v));
    view! {
        <Show when=move || !options.with(Vec::is_empty) fallback=|| view! {
            <p class="form__error">{tr(Key::AssignNoMediators)}</p>
            <a class="button" href=Route::SetUp.href()>{tr(Key::SetupAddMediator)}</a>
        }>
            <form class="form card" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
                <SelectField id="presiding" label=text(Key::AssignPresiding) options=options value=presiding on_change=setter(presiding)
                    placeholder=Signal::derive(move || Some(i18n.t(Key::FormChoose).to_owned()))
                    error=Signal::derive(move || errors.with(|e| error_at(e, "presiding", i18n.locale()))) required=true/>
                {if replacing {
                    view! { <SelectField id="reason" label=text(Key::AssignReason) options=Signal::derive(move || code_options::<ReplacementReason>(i18n.locale(), vocab::replacement_reason)) value=reason on_change=setter(reason)/> }.into_any()
                } else {
                    view! {
                        <label class="checkbox">
                            <input type="checkbox" data-testid="chosen-by-parties" prop:checked=move || chosen.get() on:change=move |ev| chosen.set(event_target_checked(&ev))/>
                            <span>{tr(Key::AssignChosenByParties)}</span>
                        </label>
                    }.into_any()
                }}
                <FormErrors errors=errors/>
                {move || failure.get().map(|f| view! { <p class="form__error" role="alert" data-testid="form-failure">{f}</p> })}
                <button type="submit" class="button button--primary" data-testid="assign-save" disabled=move || save.pending().get()>
                    {move || if replacing { i18n.t(Key::AssignReplace) } else { i18n.t(Key::AssignSave) }}
                </button>
            </form>
        </Show>
    }
}

/// Conversion of a lead into a registered case.
#[component]
pub fn ConvertPage() -> impl IntoView {
    view! { <WithCase test_id="page-convert" title=Key::ConvertTitle form=|state| view! { <ConvertForm state=state/> }/> }
}

#[component]
fn ConvertForm(state: CaseState) -> impl IntoView {
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

    let save = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        let case_id = case_id.clone();
        let (Ok(a), Ok(r)) = (new_id(), new_id()) else {
            failure.set(Some(i18n.t(Key::ErrorsStorageUnavailable).to_owned()));
            return Box::pin(async {}) as std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;
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
    let err = move |path: &'static str| {
        Signal::derive(move || errors.with(|e| error_at(e, path, i18n.locale())))
    };
    let text = move |key: Key| Signal::derive(move || i18n.t(key).to_owned());
    let setter = |s: RwSignal<String>| Callback::new(move |v: String| s.set(v));
    view! {
        <form class="form card" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <p class="notice" data-testid="number-preview">{move || number().map(|n| i18n.format(Key::ConvertNumberPreview, &[("number", &n)]))}</p>
            <TextField id="applicant-name" label=text(Key::IntakeApplicant) value=applicant on_input=setter(applicant) error=err("parties[0].name") required=true/>
            <TextField id="applicant-phone" label=text(Key::IntakePhone) value=applicant_phone on_input=setter(applicant_phone) error=err("parties[0].phone") input_mode="tel"/>
            <TextField id="respondent-name" label=text(Key::IntakeRespondent) value=respondent on_input=setter(respondent) error=err("parties[1].name")/>
            <SelectField id="dispute-type" label=text(Key::IntakeDisputeType) options=Signal::derive(move || code_options::<DisputeType>(i18n.locale(), vocab::dispute_type)) value=dispute_type on_change=setter(dispute_type)
                placeholder=Signal::derive(move || Some(i18n.t(Key::FormChoose).to_owned())) error=err("dispute.type") required=true/>
            <Show when=move || dispute_type.get() == DisputeType::Other.code()>
                <TextField id="dispute-label" label=text(Key::IntakeDisputeLabel) value=label on_input=setter(label) error=err("dispute.label") required=true/>
            </Show>
            <TextField id="summary" multiline=true label=text(Key::IntakeSummary) value=summary on_input=setter(summary) error=err("summary") required=true/>
            <SelectField id="basis" label=text(Key::IntakeBasis) options=Signal::derive(move || code_options::<AcceptanceBasis>(i18n.locale(), vocab::acceptance_basis)) value=basis on_change=setter(basis) error=err("basis")/>
            <FormErrors errors=errors/>
            {move || failure.get().map(|f| view! { <p class="form__error" role="alert" data-testid="form-failure">{f}</p> })}
            <button type="submit" class="button button--primary" data-testid="convert-save" disabled=move || save.pending().get()>{tr(Key::ConvertSave)}</button>
        </form>
    }
}
