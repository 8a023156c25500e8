//! Set-up of this tablet: its committee, its mediator (with relatives for recusal warnings) and
//! its numbering slot; afterwards, the committee's mediator list and adding mediators to it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::form::{
    card_title, dispatch_save, failure_line, form_card, form_errors, local_action, saving_shown,
    submit_button, Field, FieldKind,
};
use crate::components::SelectOption;
use crate::domain::case_number::NumberingSlot;
use crate::domain::codes::Code;
use crate::domain::command::DirectoryCommand;
use crate::domain::org::{MediatorRole, OrgKind};
use crate::domain::validate::{
    validate_mediator, validate_org_unit, FieldError, MediatorDraft, OrgUnitDraft, RelativeDraft,
};
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::pages::support::{code_options, repo_error};
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
                RegisterStatus::Ready => view! { <SetUpDone/> <AddMediatorForm/> <crate::pages::holiday_calendar::HolidayCalendar/> }.into_any(),
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

    let save = local_action(move || {
        let navigate = navigate.clone();
        Box::pin(async move {
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
        })
    });
    let saving = saving_shown(save);

    let children = vec![
        card_title(Key::SetupCommittee),
        Field::bound(
            "committee-name",
            FieldKind::Text,
            Key::SetupCommitteeName,
            committee_name,
        )
        .err(errors, &["name"])
        .required()
        .view(),
        Field::bound(
            "committee-kind",
            FieldKind::Select,
            Key::SetupCommitteeKind,
            kind,
        )
        .options(options(vocab::org_kind))
        .err(errors, &["kind"])
        .required()
        .view(),
        Field::bound(
            "committee-level",
            FieldKind::Numeric,
            Key::SetupLevel,
            level,
        )
        .err(errors, &["level"])
        .view(),
        Field::bound("case-prefix", FieldKind::Text, Key::SetupPrefix, prefix)
            .err(errors, &["case_no_prefix"])
            .hint(Key::SetupPrefixHint)
            .required()
            .view(),
        Field::bound(
            "justice-office",
            FieldKind::Text,
            Key::SetupJusticeOffice,
            office,
        )
        .view(),
        card_title(Key::SetupMediator),
        Field::bound(
            "mediator-name",
            FieldKind::Text,
            Key::SetupMediatorName,
            name,
        )
        .err(errors, &["mediator.name"])
        .required()
        .view(),
        Field::bound(
            "mediator-role",
            FieldKind::Select,
            Key::SetupMediatorRole,
            role,
        )
        .options(options(vocab::mediator_role))
        .err(errors, &["mediator.role"])
        .view(),
        Field::bound(
            "relatives",
            FieldKind::Text,
            Key::SetupRelatives,
            relatives_raw,
        )
        .hint(Key::SetupRelativesHint)
        .view(),
        Field::bound("slot", FieldKind::Numeric, Key::SetupSlot, slot)
            .required()
            .hint(Key::SetupSlotHint)
            .error(Signal::derive(move || {
                slot_error
                    .get()
                    .then(|| i18n.t(Key::SetupSlotInvalid).to_owned())
            }))
            .view(),
        form_errors(errors),
        failure_line(failure, Some("form-failure")),
        submit_button(
            "button button--primary",
            "setup-save",
            saving,
            Signal::derive(move || {
                if saving.get() {
                    i18n.t(Key::FormSaving)
                } else {
                    i18n.t(Key::SetupSave)
                }
                .to_owned()
            }),
        ),
    ];
    view! {
        <p class="card__hint">{tr(Key::SetupIntro)}</p>
        {form_card(Callback::new(move |()| dispatch_save(save)), children)}
    }
}

/// The options of a code list, labelled in the current locale.
pub(crate) fn options<T: Code>(label: fn(T) -> Key) -> Signal<Vec<SelectOption>> {
    let i18n = I18n::expect();
    Signal::derive(move || code_options(i18n.locale(), label))
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
    let save = local_action(move || {
        Box::pin(async move {
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
        })
    });
    let children = vec![
        card_title(Key::SetupAddMediator),
        Field::bound(
            "new-mediator-name",
            FieldKind::Text,
            Key::SetupMediatorName,
            name,
        )
        .err(errors, &["name"])
        .required()
        .view(),
        Field::bound(
            "new-mediator-role",
            FieldKind::Select,
            Key::SetupMediatorRole,
            role,
        )
        .options(options(vocab::mediator_role))
        .view(),
        Field::bound(
            "new-mediator-relatives",
            FieldKind::Text,
            Key::SetupRelatives,
            relatives_raw,
        )
        .hint(Key::SetupRelativesHint)
        .view(),
        failure_line(failure, None),
        submit_button(
            "button",
            "add-mediator",
            saving_shown(save),
            Signal::derive(move || i18n.t(Key::SetupAddMediatorSave).to_owned()),
        ),
    ];
    form_card(Callback::new(move |()| dispatch_save(save)), children)
}
