//! The mediation procedure's forms (`/cases/:id/step/:step`): one page per [`Step`], each
//! turning what the mediator records into core commands saved in one transaction.
//!
//! Invariant: a form never decides whether a step is lawful; it sends the commands and shows
//! the core's refusal (a missing notice, an incomplete agreement, a closed window) in words.
//! Every form keeps what was typed when a save fails.

mod after;
mod agreement;
mod before;
pub mod draft;
mod ending;
mod session;

pub(crate) use agreement::current_draft;

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::form::{finish_form, local_action, Field, FieldKind};
use crate::components::SelectOption;
use crate::domain::codes::Code;
use crate::domain::command::{CaseCommand, CommandError};
use crate::domain::procedure::AgreementGap;
use crate::domain::validate::{FieldError, FieldErrorCode};
use crate::domain::{CaseId, CaseState, Date, MediatorId, PartyId};
use crate::i18n::vocab::Message;
use crate::i18n::Key;
use crate::pages::case_forms::WithCase;
use crate::pages::support::{field_errors_of, repo_error, use_case_id};
use crate::platform;
use crate::repo::RepoError;
use crate::routes::{Route, Step};
use crate::state::i18n::tr;
use crate::state::{I18n, RegisterState};

/// The procedure step page: loads the case and shows the form of the step in the URL.
#[component]
pub fn StepPage() -> impl IntoView {
    let params = use_params_map();
    let case_id = use_case_id();
    let step = Memo::new(move |_| {
        params
            .with(|p| p.get("step"))
            .and_then(|s| Step::from_code(&s))
    });
    move || match step.get() {
        None => view! { <p class="form__error" role="alert">{tr(Key::StepUnknown)}</p> }.into_any(),
        Some(step) => {
            let (title, form): (Key, fn(CaseState) -> AnyView) = match step {
                Step::Notice => (Key::StepNoticeTitle, before::notice_form),
                Step::Consent => (Key::StepConsentTitle, before::consent_form),
                Step::Replacement => (Key::StepReplacementTitle, before::replacement_form),
                Step::Start => (Key::StepStartTitle, before::start_form),
                Step::Extend => (Key::StepExtendTitle, before::extend_form),
                Step::Appraisal => (Key::StepAppraisalTitle, before::appraisal_form),
                Step::Session => (Key::StepSessionTitle, session::session_form),
                Step::Agreement => (Key::StepAgreementTitle, agreement::agreement_form),
                Step::Signatures => (Key::StepSignaturesTitle, agreement::signatures_form),
                Step::Effect => (Key::StepEffectTitle, agreement::effect_form),
                Step::Obligation => (Key::StepObligationTitle, after::obligation_form),
                Step::FollowUp => (Key::StepFollowUpTitle, after::follow_up_form),
                Step::Performance => (Key::StepPerformanceTitle, after::performance_form),
                Step::Jc => (Key::StepJcTitle, after::jc_form),
                Step::JcRuling => (Key::StepJcRulingTitle, after::jc_ruling_form),
                Step::Remediate => (Key::StepRemediateTitle, before::remediate_form),
                Step::Referral => (Key::StepReferralTitle, ending::referral_form),
                Step::Escalation => (Key::StepEscalationTitle, ending::escalation_form),
                Step::Terminate => (Key::StepTerminateTitle, ending::terminate_form),
                Step::Close => (Key::StepCloseTitle, ending::close_form),
                Step::CaseFile => (Key::StepCaseFileTitle, ending::case_file_form),
                Step::Reopen => (Key::StepReopenTitle, before::reopen_form),
            };
            if let Some(case) = case_id.get() {
                provide_context(draft::DraftKey(crate::routes::step_draft_key(&case, step)));
            }
            view! { <WithCase test_id="page-step" title=title form=form/> }.into_any()
        }
    }
}

// --- Shared pieces -------------------------------------------------------------------------

/// The signals every step form shares: field errors and the failure line.
#[derive(Clone, Copy)]
pub(crate) struct FormState {
    pub(crate) errors: RwSignal<Vec<FieldError>>,
    pub(crate) failure: RwSignal<Option<String>>,
    /// The draft the save deletes with the step (in the same transaction).
    draft: StoredValue<Option<String>>,
}

impl FormState {
    pub(crate) fn new() -> Self {
        Self {
            errors: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            draft: StoredValue::new(use_context::<draft::DraftKey>().map(|k| k.0)),
        }
    }

    /// Starts a save: clears the last failure.
    pub(crate) fn begin(self) {
        self.failure.set(None);
        self.errors.set(Vec::new());
    }

    /// Shows field errors found before sending anything; `true` if there were any.
    pub(crate) fn invalid(self, errors: Vec<FieldError>) -> bool {
        let any = !errors.is_empty();
        if any {
            self.errors.set(errors);
            let i18n = I18n::expect();
            self.failure
                .set(Some(i18n.t(Key::StepFixFields).to_owned()));
        }
        any
    }

    /// The form's end: the error summary, the failure line and the submit button.
    pub(crate) fn finish(
        self,
        children: Vec<AnyView>,
        save: Action<(), ()>,
        label: Key,
    ) -> AnyView {
        finish_form(
            children,
            self.errors,
            self.failure,
            save,
            "step-save",
            label,
        )
    }
}

/// The save action of a step form: `build` reads the fields, recording what is wrong in its
/// argument, and gives the commands of the user's action (`None` when a field is unusable); the
/// commands are then saved in one transaction, or the errors shown with nothing sent.
pub(crate) fn step_action(
    form: FormState,
    case: CaseId,
    build: impl Fn(&mut Vec<FieldError>) -> Option<Vec<CaseCommand>> + 'static,
) -> Action<(), ()> {
    local_action(move || {
        form.begin();
        let mut errors = Vec::new();
        let commands = build(&mut errors);
        let case = case.clone();
        Box::pin(async move {
            if form.invalid(errors) {
                return;
            }
            if let Some(commands) = commands {
                save_steps(case, commands, form).await;
            }
        })
    })
}

/// Where a step returns to: the case, on its procedure tab.
pub(crate) fn case_href(case: &CaseId) -> String {
    format!("{}?tab=procedure", Route::CaseDetail(case.clone()).href())
}

/// Runs `commands` in one transaction, then returns to the case; on refusal shows why and
/// keeps the form as typed.
pub(crate) fn save_steps(
    case: CaseId,
    commands: Vec<CaseCommand>,
    form: FormState,
) -> impl Future<Output = ()> {
    let register = RegisterState::expect();
    let i18n = I18n::expect();
    let navigate = use_navigate();
    async move {
        match register
            .execute(case.clone(), commands, form.draft.get_value())
            .await
        {
            Ok(_) => navigate(&case_href(&case), Default::default()),
            Err(e) => {
                form.errors.set(field_errors_of(&e));
                form.failure.set(Some(refusal(&e).render(i18n.locale())));
            }
        }
    }
}

/// The message for a refused step; an incomplete agreement says how many items it lacks (the
/// page lists them by name).
pub(crate) fn refusal(error: &RepoError) -> Message {
    match error {
        RepoError::Command(CommandError::AgreementIncomplete(gaps)) => {
            Message::new(Key::StepAgreementIncomplete).with_text("count", gaps.len().to_string())
        }
        _ => repo_error(error),
    }
}

/// Today's civil date in China, as a form's default.
pub(crate) fn today() -> Date {
    platform::now().china_date()
}

/// Parses the date typed in a date field, recording an error at `path` if it is missing or
/// malformed.
pub(crate) fn read_date(raw: &str, path: &str, errors: &mut Vec<FieldError>) -> Option<Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(path, FieldErrorCode::Required));
        return None;
    }
    match Date::parse_iso(raw) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(FieldError::new(path, FieldErrorCode::Date(e)));
            None
        }
    }
}

/// Like [`read_date`], for a field that may stay empty.
pub(crate) fn read_optional_date(
    raw: &str,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Date> {
    if raw.trim().is_empty() {
        None
    } else {
        read_date(raw, path, errors)
    }
}

/// A required text, recording an error at `path` when blank.
pub(crate) fn read_text(raw: &str, path: &str, errors: &mut Vec<FieldError>) -> String {
    let text = raw.trim().to_owned();
    if text.is_empty() {
        errors.push(FieldError::new(path, FieldErrorCode::Required));
    }
    text
}

/// The code value of a select, as its enum.
pub(crate) fn read_code<T: Code>(raw: &str, path: &str, errors: &mut Vec<FieldError>) -> Option<T> {
    let value = T::from_code(raw);
    if value.is_none() {
        errors.push(FieldError::new(path, FieldErrorCode::Required));
    }
    value
}

/// A date field (the tablet's own date picker) bound to `value`.
pub(crate) fn date_field(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    form: FormState,
    path: &'static [&'static str],
) -> Field {
    Field::bound(id, FieldKind::Date, label, value).err(form.errors, path)
}

/// A date as the form's initial value.
pub(crate) fn date_value(date: Date) -> RwSignal<String> {
    RwSignal::new(date.to_string())
}

/// The parties of the case with their names, in case order.
pub(crate) fn parties_of(state: &CaseState) -> Vec<(PartyId, String)> {
    state
        .parties
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect()
}

/// Every party of the case, as a default selection.
pub(crate) fn all_parties(state: &CaseState) -> Vec<PartyId> {
    state.parties.iter().map(|p| p.id.clone()).collect()
}

/// The name of a party of the case (its id if it was removed).
pub(crate) fn party_name(state: &CaseState, id: &PartyId) -> String {
    state
        .party(id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// The committee's active mediators with their names.
pub(crate) fn mediators() -> Vec<(MediatorId, String)> {
    let register = RegisterState::expect();
    register.directory.with_untracked(|d| {
        d.mediators
            .values()
            .filter(|m| m.active)
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect()
    })
}

/// The mediators handling the case: presiding first, then co-mediators.
pub(crate) fn case_mediators(state: &CaseState) -> Vec<MediatorId> {
    state
        .presiding
        .iter()
        .chain(state.co_mediators.iter())
        .cloned()
        .collect()
}

/// Select options of (id, name) pairs.
pub(crate) fn named_options<T: ToString>(items: &[(T, String)]) -> Signal<Vec<SelectOption>> {
    let options: Vec<SelectOption> = items
        .iter()
        .map(|(id, name)| SelectOption {
            value: id.to_string(),
            label: name.clone(),
        })
        .collect();
    Signal::stored(options)
}

/// A group of check boxes choosing any number of `items`; each box's test id is
/// `<test_id>-<position>`.
pub(crate) fn check_list<T>(
    test_id: &'static str,
    legend: Key,
    items: Vec<(T, Signal<String>)>,
    selected: RwSignal<Vec<T>>,
) -> AnyView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let boxes = items
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let toggled = value.clone();
            let checked = move || selected.with(|s| s.contains(&value));
            let on_change = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                selected.update(|s| {
                    s.retain(|v| v != &toggled);
                    if on {
                        s.push(toggled.clone());
                    }
                });
            };
            view! {
                <label class="checkbox">
                    <input type="checkbox" data-testid=format!("{test_id}-{i}") prop:checked=checked on:change=on_change/>
                    <span>{move || label.get()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="form__group" data-testid=test_id>
            <legend>{tr(legend)}</legend>
            {boxes}
        </fieldset>
    }
    .into_any()
}

/// Check boxes for parties of the case.
pub(crate) fn party_checks(
    test_id: &'static str,
    legend: Key,
    parties: &[(PartyId, String)],
    selected: RwSignal<Vec<PartyId>>,
) -> AnyView {
    let items = parties
        .iter()
        .map(|(id, name)| (id.clone(), Signal::stored(name.clone())))
        .collect();
    check_list(test_id, legend, items, selected)
}

/// Check boxes for every value of a code list, labelled in the current locale.
pub(crate) fn code_checks<T>(
    test_id: &'static str,
    legend: Key,
    label: fn(T) -> Key,
    selected: RwSignal<Vec<T>>,
) -> AnyView
where
    T: Code + Send + Sync,
{
    let i18n = I18n::expect();
    let items = T::ALL
        .iter()
        .map(|&v| (v, Signal::derive(move || i18n.t(label(v)).to_owned())))
        .collect();
    check_list(test_id, legend, items, selected)
}

/// A short explanation at the top of a form.
pub(crate) fn intro(key: Key) -> AnyView {
    view! { <p class="card__hint">{tr(key)}</p> }.into_any()
}

/// What an agreement lacks, named for the mediator: party names and obligation numbers.
pub(crate) fn gap_text(
    state: &CaseState,
    gap: &AgreementGap,
    locale: crate::i18n::Locale,
) -> String {
    let n = |k: Key, n: u32| Message::new(k).with_text("n", n.to_string());
    let party = |k: Key, id: &PartyId| Message::new(k).with_text("party", party_name(state, id));
    let message = match gap {
        AgreementGap::Parties => Key::GapParties.into(),
        AgreementGap::UnknownParty(id) => party(Key::GapUnknownParty, id),
        AgreementGap::Facts => Key::GapFacts.into(),
        AgreementGap::Issues => Key::GapIssues.into(),
        AgreementGap::Responsibility => Key::GapResponsibility.into(),
        AgreementGap::Content => Key::GapContent.into(),
        AgreementGap::ObligationMethod(i) => n(Key::GapObligationMethod, *i),
        AgreementGap::ObligationPlace(i) => n(Key::GapObligationPlace, *i),
        AgreementGap::ObligationParty(i) => n(Key::GapObligationParty, *i),
        AgreementGap::ObligationAmount(i) => n(Key::GapObligationAmount, *i),
        AgreementGap::Copies => Key::GapCopies.into(),
        AgreementGap::PartySignature(id) => party(Key::GapPartySignature, id),
        AgreementGap::MediatorSignature => Key::GapMediatorSignature.into(),
        AgreementGap::Seal => Key::GapSeal.into(),
    };
    message.render(locale)
}

/// The list of what an agreement still lacks, or a line saying it is complete.
pub(crate) fn gap_list(state: &CaseState, gaps: Vec<AgreementGap>) -> AnyView {
    let i18n = I18n::expect();
    if gaps.is_empty() {
        return view! {
            <p class="notice notice--ok" data-testid="agreement-complete">{tr(Key::StepAgreementNothingMissing)}</p>
        }
        .into_any();
    }
    let state = state.clone();
    view! {
        <div class="notice notice--warning" data-testid="agreement-missing">
            <p class="notice__title">{tr(Key::StepAgreementMissingTitle)}</p>
            <ul>
                {move || {
                    let locale = i18n.locale();
                    gaps.iter()
                        .map(|g| view! { <li data-testid="agreement-gap">{gap_text(&state, g, locale)}</li> })
                        .collect_view()
                }}
            </ul>
        </div>
    }
    .into_any()
}

/// Options of a code list (re-exported so every step module uses one helper).
pub(crate) fn code_options<T: Code>(label: fn(T) -> Key) -> Signal<Vec<SelectOption>> {
    crate::pages::setup::options(label)
}
