//! Set-up of this tablet: its committee, its mediator (with relatives for recusal warnings) and
//! its numbering slot; afterwards, the committee's mediator list and adding mediators to it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{SelectField, TextField};
use crate::domain::case_number::NumberingSlot;
use crate::domain::command::DirectoryCommand;
use crate::domain::org::{MediatorRole, OrgKind};
use crate::domain::validate::{
    validate_mediator, validate_org_unit, FieldError, MediatorDraft, OrgUnitDraft, RelativeDraft,
};
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::pages::support::{all_errors, code_options, error_at, repo_error};
use crate::routes::Route;
use crate::state::i18n::tr;
use crate::state::register::{new_id, RegisterStatus};
use crate::state::{I18n, RegisterState};

/// Splits a list of names typed with commas, 、 or semicolons.
pub(crate) fn split_names(raw: &str) -> Vec<String> {
    raw.split([',', '\u{ff0c}', '\u{3001}', ';', '\u{ff1b}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn relatives(raw: &str) -> Vec<RelativeDraft> {
    split_names(raw)
        .into_iter()
        .map(|name| RelativeDraft {
            name,
            relation: "OTHER".to_owned(),
            ..RelativeDraft::default()
        })
        .collect()
}

/// The set-up page.
#[component]
pub fn SetUpPage() -> impl IntoView {
    let register = RegisterState::expect();
    view! {
        <section class="page" data-testid="page-setup">
            <h1 class="page__title">{tr(Key::SetupTitle)}</h1>
            {move || match register.status.get() {
                RegisterStatus::Loading => view! { <p>{tr(Key::CommonLoading)}</p> }.into_any(),
                RegisterStatus::Failed(e) => {
                    let i18n = I18n::expect();
                    view! { <p class="form__error" role="alert">{move || repo_error(&e).render(i18n.locale())}</p> }.into_any()
                }
                RegisterStatus::NeedsSetUp => view! { <SetUpForm/> }.into_any(),
                RegisterStatus::Ready => view! { <SetUpDone/> <AddMediatorForm/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn SetUpForm() -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let navigate = use_navigate();
    let committee_name = RwSignal::new(String::new());
    let kind = RwSignal::new(OrgKind::VillageCommittee.code().to_owned());
    let level = RwSignal::new("3".to_owned());
    let prefix = RwSignal::new(String::new());
    let office = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(MediatorRole::Member.code().to_owned());
    let relatives_raw = RwSignal::new(String::new());
    let slot = RwSignal::new("1".to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let slot_error = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);

    let save = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            failure.set(None);
            let (Ok(unit_id), Ok(mediator_id)) = (new_id(), new_id()) else {
                failure.set(Some(i18n.t(Key::ErrorsStorageUnavailable).to_owned()));
                return;
            };
            let unit = validate_org_unit(&OrgUnitDraft {
                id: unit_id.clone(),
                name: committee_name.get_untracked(),
                kind: kind.get_untracked(),
                level: level.get_untracked(),
                parent: String::new(),
                case_no_prefix: prefix.get_untracked(),
                justice_office: office.get_untracked(),
                basic_court: String::new(),
            });
            let mediator = validate_mediator(&MediatorDraft {
                id: mediator_id,
                name: name.get_untracked(),
                org_unit: unit_id,
                role: role.get_untracked(),
                active: true,
                relatives: relatives(&relatives_raw.get_untracked()),
                ..MediatorDraft::default()
            });
            let slot_value = slot
                .get_untracked()
                .trim()
                .parse::<u8>()
                .ok()
                .and_then(|n| NumberingSlot::new(n).ok());
            slot_error.set(slot_value.is_none());
            let mut all = Vec::new();
            // The unit's and the mediator's paths overlap (`name`), so prefix the mediator's.
            if let Err(e) = &unit {
                all.extend(e.iter().cloned());
            }
            if let Err(e) = &mediator {
                all.extend(
                    e.iter()
                        .map(|f| FieldError::new(format!("mediator.{}", f.path), f.code.clone())),
                );
            }
            errors.set(all);
            let (Ok(unit), Ok(mediator), Some(slot_value)) = (unit, mediator, slot_value) else {
                return;
            };
            match register.set_up(slot_value, unit, mediator).await {
                Ok(()) => navigate(&Route::Cases.href(), Default::default()),
                Err(e) => failure.set(Some(repo_error(&e).render(i18n.locale()))),
            }
        }
    });

    let err = move |path: &'static str| {
        Signal::derive(move || errors.with(|e| error_at(e, path, i18n.locale())))
    };
    let text = move |key: Key| Signal::derive(move || i18n.t(key).to_owned());
    let setter = |s: RwSignal<String>| Callback::new(move |v: String| s.set(v));
    view! {
        <p class="card__hint">{tr(Key::SetupIntro)}</p>
        <form class="form card" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <h2 class="card__title">{tr(Key::SetupCommittee)}</h2>
            <TextField id="committee-name" label=text(Key::SetupCommitteeName) value=committee_name on_input=setter(committee_name) error=err("name") required=true/>
            <SelectField id="committee-kind" label=text(Key::SetupCommitteeKind) options=Signal::derive(move || code_options(i18n.locale(), vocab::org_kind)) value=kind on_change=setter(kind) error=err("kind") required=true/>
            <TextField id="committee-level" label=text(Key::SetupLevel) value=level on_input=setter(level) error=err("level") input_mode="numeric"/>
            <TextField id="case-prefix" label=text(Key::SetupPrefix) value=prefix on_input=setter(prefix) error=err("case_no_prefix") hint=Signal::derive(move || Some(i18n.t(Key::SetupPrefixHint).to_owned())) required=true/>
            <TextField id="justice-office" label=text(Key::SetupJusticeOffice) value=office on_input=setter(office)/>
            <h2 class="card__title">{tr(Key::SetupMediator)}</h2>
            <TextField id="mediator-name" label=text(Key::SetupMediatorName) value=name on_input=setter(name) error=err("mediator.name") required=true/>
            <SelectField id="mediator-role" label=text(Key::SetupMediatorRole) options=Signal::derive(move || code_options(i18n.locale(), vocab::mediator_role)) value=role on_change=setter(role) error=err("mediator.role")/>
            <TextField id="relatives" label=text(Key::SetupRelatives) value=relatives_raw on_input=setter(relatives_raw) hint=Signal::derive(move || Some(i18n.t(Key::SetupRelativesHint).to_owned()))/>
            <TextField id="slot" label=text(Key::SetupSlot) value=slot on_input=setter(slot) input_mode="numeric" required=true
                hint=Signal::derive(move || Some(i18n.t(Key::SetupSlotHint).to_owned()))
                error=Signal::derive(move || slot_error.get().then(|| i18n.t(Key::SetupSlotInvalid).to_owned()))/>
            <FormErrors errors=errors/>
            {move || failure.get().map(|f| view! { <p class="form__error" role="alert" data-testid="form-failure">{f}</p> })}
            <button type="submit" class="button button--primary" data-testid="setup-save" disabled=move || save.pending().get()>
                {move || if save.pending().get() { i18n.t(Key::FormSaving) } else { i18n.t(Key::SetupSave) }}
            </button>
        </form>
    }
}

/// The list of every field error at the top of a form, with field labels.
#[component]
pub(crate) fn FormErrors(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let i18n = I18n::expect();
    view! {
        <Show when=move || errors.with(|e| !e.is_empty())>
            <div class="form__errors" role="alert" data-testid="form-errors">
                <p>{tr(Key::FormErrorsTitle)}</p>
                <ul>
                    {move || errors.with(|e| all_errors(e, i18n.locale())).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

#[component]
fn SetUpDone() -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let summary = move || {
        let profile = register.profile.get()?;
        let directory = register.directory.get();
        let committee = directory
            .org_units
            .get(&profile.org_unit)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let mediator = directory
            .mediators
            .get(&profile.mediator)
            .map(|m| m.name.clone())
            .unwrap_or_default();
        Some(i18n.format(
            Key::SetupSummary,
            &[
                ("committee", &committee),
                ("mediator", &mediator),
                ("slot", &profile.slot.get().to_string()),
            ],
        ))
    };
    let mediators = move || {
        let profile = register.profile.get();
        let directory = register.directory.get();
        directory
            .mediators
            .values()
            .filter(|m| profile.as_ref().is_some_and(|p| p.org_unit == m.org_unit))
            .map(|m| (m.name.clone(), i18n.t(vocab::mediator_role(m.role))))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="card" data-testid="setup-done">
            <p>{tr(Key::SetupDone)}</p>
            <p>{summary}</p>
            <h2 class="card__title">{tr(Key::SetupMediators)}</h2>
            <ul class="plain-list" data-testid="mediator-list">
                {move || mediators().into_iter().map(|(name, role)| view! { <li>{name}" · "{role}</li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn AddMediatorForm() -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(MediatorRole::Member.code().to_owned());
    let relatives_raw = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let save = Action::new_local(move |_: &()| async move {
        failure.set(None);
        let Some(profile) = register.profile.get_untracked() else {
            return;
        };
        let Ok(id) = new_id() else {
            failure.set(Some(i18n.t(Key::ErrorsStorageUnavailable).to_owned()));
            return;
        };
        let draft = MediatorDraft {
            id,
            name: name.get_untracked(),
            org_unit: profile.org_unit.as_str().to_owned(),
            role: role.get_untracked(),
            active: true,
            relatives: relatives(&relatives_raw.get_untracked()),
            ..MediatorDraft::default()
        };
        match validate_mediator(&draft) {
            Err(e) => errors.set(e),
            Ok(mediator) => {
                errors.set(Vec::new());
                match register
                    .save_directory(DirectoryCommand::SaveMediator(mediator))
                    .await
                {
                    Ok(_) => {
                        name.set(String::new());
                        relatives_raw.set(String::new());
                    }
                    Err(e) => failure.set(Some(repo_error(&e).render(i18n.locale()))),
                }
            }
        }
    });
    let err = move |path: &'static str| {
        Signal::derive(move || errors.with(|e| error_at(e, path, i18n.locale())))
    };
    let text = move |key: Key| Signal::derive(move || i18n.t(key).to_owned());
    let setter = |s: RwSignal<String>| Callback::new(move |v: String| s.set(v));
    view! {
        <form class="form card" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <h2 class="card__title">{tr(Key::SetupAddMediator)}</h2>
            <TextField id="new-mediator-name" label=text(Key::SetupMediatorName) value=name on_input=setter(name) error=err("name") required=true/>
            <SelectField id="new-mediator-role" label=text(Key::SetupMediatorRole) options=Signal::derive(move || code_options(i18n.locale(), vocab::mediator_role)) value=role on_change=setter(role)/>
            <TextField id="new-mediator-relatives" label=text(Key::SetupRelatives) value=relatives_raw on_input=setter(relatives_raw) hint=Signal::derive(move || Some(i18n.t(Key::SetupRelativesHint).to_owned()))/>
            {move || failure.get().map(|f| view! { <p class="form__error" role="alert">{f}</p> })}
            <button type="submit" class="button" data-testid="add-mediator" disabled=move || save.pending().get()>{tr(Key::SetupAddMediatorSave)}</button>
        </form>
    }
}
