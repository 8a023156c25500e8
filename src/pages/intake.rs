//! Quick intake (统一受理): a lead or a case with the minimum fields, saved as a draft on every
//! change, with conflict-of-interest and prior-dispute warnings that never block.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};

use std::sync::Arc;

use crate::components::form::{
    checkbox, dispatch_save, failure_line, fields, fieldset, form_card, form_errors, group,
    local_action, para, saving_shown, show, submit_button, Field, FieldKind,
};
use crate::domain::case::{AcceptanceBasis, CaseSource, IntakeChannel, ObjectionCheck};
use crate::domain::command::CaseCommand;
use crate::domain::conflict::{
    check_mediators, check_prior_disputes, prior_candidates, AcknowledgedWarning, ConflictWarning,
    WarningSubject,
};
use crate::domain::dispute::DisputeType;
use crate::domain::party::{Party, PartyKind, PartyRole};
use crate::domain::validate::{
    validate_lead, validate_party, validate_registration, DisputeDraft, FieldError, LeadDraft,
    PartyDraft, RegistrationDraft,
};
use crate::domain::{CaseId, CaseState, Date};
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::pages::setup::{options, split_names};
use crate::pages::support::repo_error;
use crate::platform;
use crate::routes::Route;
use crate::state::i18n::tr;
use crate::state::register::{new_id, RegisterStatus};
use crate::state::{I18n, RegisterState};

/// Draft key of the intake form.
const DRAFT_KEY: &str = "intake/new";

/// Lead or case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
enum IntakeKind {
    /// A lead (线索).
    Lead,
    /// A registered case.
    #[default]
    Case,
}

/// The form as typed: what the draft store keeps, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct IntakeForm {
    kind: IntakeKind,
    case_id: String,
    applicant_id: String,
    respondent_id: String,
    applicant_name: String,
    applicant_phone: String,
    applicant_id_number: String,
    respondent_name: String,
    respondent_phone: String,
    dispute_type: String,
    dispute_label: String,
    summary: String,
    source: String,
    channel: String,
    basis: String,
    persons: String,
    reported_by: String,
    acknowledged: bool,
}

impl Default for IntakeForm {
    fn default() -> Self {
        Self {
            kind: IntakeKind::Case,
            case_id: String::new(),
            applicant_id: String::new(),
            respondent_id: String::new(),
            applicant_name: String::new(),
            applicant_phone: String::new(),
            applicant_id_number: String::new(),
            respondent_name: String::new(),
            respondent_phone: String::new(),
            dispute_type: String::new(),
            dispute_label: String::new(),
            summary: String::new(),
            source: CaseSource::PartyApplication.code().to_owned(),
            channel: IntakeChannel::Visit.code().to_owned(),
            basis: AcceptanceBasis::OralApplication.code().to_owned(),
            persons: String::new(),
            reported_by: String::new(),
            acknowledged: false,
        }
    }
}

impl IntakeForm {
    /// A blank form with fresh ids for the case and its two parties.
    fn fresh() -> Option<Self> {
        Some(Self {
            case_id: new_id().ok()?,
            applicant_id: new_id().ok()?,
            respondent_id: new_id().ok()?,
            ..Self::default()
        })
    }

    fn party_draft(&self, applicant: bool) -> PartyDraft {
        let (id, name, phone, id_number, role) = if applicant {
            (
                &self.applicant_id,
                &self.applicant_name,
                &self.applicant_phone,
                self.applicant_id_number.clone(),
                PartyRole::Applicant,
            )
        } else {
            (
                &self.respondent_id,
                &self.respondent_name,
                &self.respondent_phone,
                String::new(),
                PartyRole::Respondent,
            )
        };
        let mut draft = PartyDraft {
            id: id.clone(),
            kind: PartyKind::NaturalPerson.code().to_owned(),
            role: role.code().to_owned(),
            name: name.clone(),
            phone: phone.clone(),
            ..PartyDraft::default()
        };
        if !id_number.trim().is_empty() {
            draft.id_doc.kind = "RESIDENT_ID".to_owned();
            draft.id_doc.number = id_number;
        }
        draft
    }

    fn registration(&self, org_unit: &str, first_contact: &str) -> RegistrationDraft {
        let parties = [true, false]
            .into_iter()
            .map(|applicant| self.party_draft(applicant))
            .filter(|p| !p.name.trim().is_empty() || applicant_slot(p))
            .collect();
        RegistrationDraft {
            org_unit: org_unit.to_owned(),
            source: self.source.clone(),
            channel: self.channel.clone(),
            first_contact: first_contact.to_owned(),
            dispute: DisputeDraft {
                dispute_type: self.dispute_type.clone(),
                sub_type: String::new(),
                label: self.dispute_label.clone(),
            },
            summary: self.summary.clone(),
            parties,
            basis: self.basis.clone(),
            objection: ObjectionCheck::NotAsked.code().to_owned(),
            ..RegistrationDraft::default()
        }
    }

    fn lead(&self, org_unit: &str) -> LeadDraft {
        LeadDraft {
            org_unit: org_unit.to_owned(),
            channel: self.channel.clone(),
            description: self.summary.clone(),
            dispute_type: self.dispute_type.clone(),
            persons: split_names(&self.persons),
            reported_by: self.reported_by.clone(),
            ..LeadDraft::default()
        }
    }

    /// The parties typed so far that already form valid records (for the warnings).
    fn typed_parties(&self, today: Date) -> Vec<Party> {
        [true, false]
            .into_iter()
            .map(|applicant| self.party_draft(applicant))
            .filter(|p| !p.name.trim().is_empty())
            .filter_map(|p| validate_party(&p, today).ok())
            .collect()
    }
}

/// The applicant is always submitted, so an empty name is reported as missing.
fn applicant_slot(party: &PartyDraft) -> bool {
    party.role == PartyRole::Applicant.code()
}

/// The intake page.
#[component]
pub fn IntakePage() -> impl IntoView {
    let register = RegisterState::expect();
    view! {
        <section class="page" data-testid="page-intake">
            <h1 class="page__title">{tr(Key::IntakeTitle)}</h1>
            {move || match register.status.get() {
                RegisterStatus::Loading => view! { <p>{tr(Key::CommonLoading)}</p> }.into_any(),
                RegisterStatus::NeedsSetUp => view! { <SetUpFirst/> }.into_any(),
                RegisterStatus::Failed(e) => {
                    let i18n = I18n::expect();
                    view! { <p class="form__error" role="alert">{move || repo_error(&e).render(i18n.locale())}</p> }.into_any()
                }
                RegisterStatus::Ready => view! { <IntakeFormView/> }.into_any(),
            }}
        </section>
    }
}

/// A pointer to the set-up page, shown where set-up is needed first.
#[component]
pub(crate) fn SetUpFirst() -> impl IntoView {
    view! {
        <div class="card" data-testid="setup-needed">
            <p>{tr(Key::SetupNeeded)}</p>
            <a class="button button--primary" href=Route::SetUp.href() data-testid="go-setup">{tr(Key::SetupGo)}</a>
        </div>
    }
}

#[component]
fn IntakeFormView() -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let navigate = use_navigate();
    let form = RwSignal::new(IntakeForm::fresh().unwrap_or_default());
    let restored = RwSignal::new(false);
    let draft_problem = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let today = platform::now().china_date();

    // Restore an unfinished entry, if the tab was closed (or killed) while typing.
    leptos::task::spawn_local(async move {
        if let Ok(Some(json)) = register.load_draft(DRAFT_KEY.to_owned()).await {
            if let Ok(saved) = serde_json::from_str::<IntakeForm>(&json) {
                if !saved.case_id.is_empty() {
                    form.set(saved);
                    restored.set(true);
                }
            }
        }
    });

    // A save goes on to the new case's page. Its chunk is fetched and instantiated now, once the
    // form is on screen and at the page's lowest priority, so the save is not followed by that
    // download and instantiation: from the save's click to the case page painted went from
    // 0.55 to 0.36 s on a low-tier tablet (docs/performance-log.md). A failure here is not
    // kept: the page's own load tries again and reports it.
    leptos::task::spawn_local(async {
        platform::after_next_paint().await;
        platform::yield_to_page().await;
        <crate::pages::lazy::CaseDetailRoute as leptos_router::LazyRoute>::preload().await;
    });

    // Every change is written to the draft store at once: one small transaction per change.
    let update = move |change: Box<dyn FnOnce(&mut IntakeForm)>| {
        form.update(|f| change(f));
        let json = serde_json::to_string(&form.get_untracked()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let result = register.save_draft(DRAFT_KEY.to_owned(), json).await;
            draft_problem.set(result.err().map(|e| repo_error(&e).render(i18n.locale())));
        });
    };
    let field = move |set: fn(&mut IntakeForm, String)| {
        Callback::new(move |value: String| update(Box::new(move |f| set(f, value))))
    };

    // Warnings: parties typed so far against existing cases and the committee's mediators.
    let parties = Memo::new(move |_| form.with(|f| f.typed_parties(today)));
    // True while the form's save runs. The save adds this very case to the register, and
    // checking the form against the changed register (a pass over every summary, then loading
    // the new case as a "prior" one) would only delay the case page that follows: about 60 ms
    // on a low-tier tablet with 10 000 cases.
    let committing = RwSignal::new(false);
    let candidates = Memo::new(move |previous: Option<&Vec<CaseId>>| {
        if let Some(held) = previous.filter(|_| committing.get()) {
            return held.clone();
        }
        let summaries = register.summaries.get();
        parties.with(|p| prior_candidates(p, &summaries))
    });
    let candidate_states = LocalResource::new(move || {
        let ids = candidates.get();
        async move {
            let mut states: Vec<CaseState> = Vec::new();
            for id in ids {
                if let Ok(Some(loaded)) = register.load_case(id).await {
                    states.push(loaded.state);
                }
            }
            states
        }
    });
    let warnings = Memo::new(move |_| {
        let kind = form.with(|f| f.kind);
        if kind == IntakeKind::Lead {
            return Vec::new();
        }
        let case_id = form.with(|f| CaseId::parse(&f.case_id).ok());
        let Some(case_id) = case_id else {
            return Vec::new();
        };
        let states = candidate_states.get().unwrap_or_default();
        let directory = register.directory.get();
        parties.with(|p| {
            let mut all = check_prior_disputes(&case_id, p, &states);
            all.extend(check_mediators(p, directory.mediators.values()));
            all
        })
    });
    let describe = move |w: &ConflictWarning| -> String {
        let party = parties
            .with(|p| p.iter().find(|x| x.id == w.party).map(|x| x.name.clone()))
            .unwrap_or_default();
        let directory = register.directory.get();
        let subject = match &w.subject {
            WarningSubject::PriorCase { case, .. } => register
                .summaries
                .get()
                .iter()
                .find(|s| &s.id == case)
                .and_then(|s| s.number.as_ref().map(ToString::to_string))
                .unwrap_or_else(|| i18n.t(Key::IntakeKindLead).to_owned()),
            WarningSubject::Mediator { mediator }
            | WarningSubject::MediatorRelative { mediator, .. } => directory
                .mediators
                .get(mediator)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
        };
        vocab::conflict_warning(w, &party, &subject).render(i18n.locale())
    };

    let save = local_action(move || {
        let navigate = navigate.clone();
        Box::pin(async move {
            failure.set(None);
            let Some(profile) = register.profile.get_untracked() else {
                return;
            };
            let f = form.get_untracked();
            let Ok(case_id) = CaseId::parse(&f.case_id) else {
                return;
            };
            let org_unit = profile.org_unit.as_str().to_owned();
            let command = match f.kind {
                IntakeKind::Lead => match validate_lead(&f.lead(&org_unit)) {
                    Err(e) => return errors.set(e),
                    Ok(lead) => vec![CaseCommand::RecordLead {
                        case: case_id.clone(),
                        lead,
                    }],
                },
                IntakeKind::Case => {
                    let draft = f.registration(&org_unit, profile.mediator.as_str());
                    match validate_registration(&draft, today) {
                        Err(e) => return errors.set(e),
                        Ok(valid) => {
                            let shown = warnings.get_untracked();
                            if !shown.is_empty() && !f.acknowledged {
                                errors.set(Vec::new());
                                return failure
                                    .set(Some(i18n.t(Key::IntakeWarningsAckNeeded).to_owned()));
                            }
                            let number = match register.next_case_number() {
                                Ok(n) => n,
                                Err(e) => {
                                    return failure.set(Some(repo_error(&e).render(i18n.locale())))
                                }
                            };
                            let mut commands = vec![CaseCommand::Register {
                                case: case_id.clone(),
                                number,
                                acceptance: valid.acceptance,
                                intake: valid.intake,
                            }];
                            commands.extend(shown.into_iter().map(|warning| {
                                CaseCommand::AcknowledgeWarning(AcknowledgedWarning {
                                    warning,
                                    note: None,
                                })
                            }));
                            commands
                        }
                    }
                }
            };
            errors.set(Vec::new());
            committing.set(true);
            match register
                .execute(case_id.clone(), command, Some(DRAFT_KEY.to_owned()))
                .await
            {
                Ok(_) => navigate(&Route::CaseDetail(case_id).href(), Default::default()),
                Err(e) => {
                    committing.set(false);
                    errors.set(crate::pages::support::field_errors_of(&e));
                    failure.set(Some(repo_error(&e).render(i18n.locale())));
                }
            }
        })
    });
    let saving = saving_shown(save);

    let discard = move |_| {
        if let Some(fresh) = IntakeForm::fresh() {
            form.set(fresh);
        }
        restored.set(false);
        leptos::task::spawn_local(async move {
            let _ = register.delete_draft(DRAFT_KEY.to_owned()).await;
        });
    };

    let value = move |get: fn(&IntakeForm) -> &String| {
        Signal::derive(move || form.with(|f| get(f).clone()))
    };
    let spec = move |id: &'static str,
                     kind: FieldKind,
                     label: Key,
                     get: fn(&IntakeForm) -> &String,
                     set: fn(&mut IntakeForm, String)| {
        Field::new(id, kind, label, value(get), field(set))
    };
    let is_case = move || form.with(|f| f.kind == IntakeKind::Case);
    let case_signal = Signal::derive(is_case);
    let choose_kind = move |kind: IntakeKind| update(Box::new(move |f| f.kind = kind));

    let restored_notice = show(
        restored.into(),
        Arc::new(move || {
            view! {
                <div class="notice" role="status" data-testid="draft-restored">
                    <span>{tr(Key::FormDraftRestored)}</span>
                    <button type="button" class="button" on:click=discard>{tr(Key::FormDraftDiscard)}</button>
                </div>
            }
            .into_any()
        }),
        None,
    );
    let draft_unsaved = (move || {
        draft_problem.get().map(|p| {
            view! { <p class="form__error" role="alert">{i18n.format(Key::FormDraftUnsaved, &[("error", &p)])}</p> }
        })
    })
    .into_any();
    let kind_choice = view! {
        <div class="choice-group" role="group" aria-label=move || i18n.t(Key::IntakeKind)>
            <button type="button" class="choice" data-testid="kind-case" aria-pressed=move || is_case().to_string() on:click=move |_| choose_kind(IntakeKind::Case)>{tr(Key::IntakeKindCase)}</button>
            <button type="button" class="choice" data-testid="kind-lead" aria-pressed=move || (!is_case()).to_string() on:click=move |_| choose_kind(IntakeKind::Lead)>{tr(Key::IntakeKindLead)}</button>
        </div>
    }
    .into_any();
    let parties_block = show(
        case_signal,
        Arc::new(move || {
            group(vec![
                fieldset(
                    Key::IntakeApplicant,
                    fields(vec![
                        spec(
                            "applicant-name",
                            FieldKind::Text,
                            Key::IntakeName,
                            |f| &f.applicant_name,
                            |f, v| f.applicant_name = v,
                        )
                        .err(errors, &["parties[0].name"])
                        .required(),
                        spec(
                            "applicant-phone",
                            FieldKind::Tel,
                            Key::IntakePhone,
                            |f| &f.applicant_phone,
                            |f, v| f.applicant_phone = v,
                        )
                        .err(errors, &["parties[0].phone"]),
                        spec(
                            "applicant-id-number",
                            FieldKind::Text,
                            Key::IntakeIdNumber,
                            |f| &f.applicant_id_number,
                            |f, v| f.applicant_id_number = v,
                        )
                        .err(errors, &["parties[0].id_doc.number"]),
                    ]),
                ),
                fieldset(
                    Key::IntakeRespondent,
                    fields(vec![
                        spec(
                            "respondent-name",
                            FieldKind::Text,
                            Key::IntakeName,
                            |f| &f.respondent_name,
                            |f, v| f.respondent_name = v,
                        )
                        .err(errors, &["parties[1].name"]),
                        spec(
                            "respondent-phone",
                            FieldKind::Tel,
                            Key::IntakePhone,
                            |f| &f.respondent_phone,
                            |f, v| f.respondent_phone = v,
                        )
                        .err(errors, &["parties[1].phone"]),
                    ]),
                ),
            ])
        }),
        Some(Arc::new(move || {
            group(fields(vec![
                spec(
                    "persons",
                    FieldKind::Text,
                    Key::IntakePersons,
                    |f| &f.persons,
                    |f, v| f.persons = v,
                )
                .hint(Key::IntakePersonsHint),
                spec(
                    "reported-by",
                    FieldKind::Text,
                    Key::IntakeReportedBy,
                    |f| &f.reported_by,
                    |f, v| f.reported_by = v,
                )
                .err(errors, &["reported_by"]),
            ]))
        })),
    );
    let dispute_label = show(
        Signal::derive(move || form.with(|f| f.dispute_type == DisputeType::Other.code())),
        Arc::new(move || {
            spec(
                "dispute-label",
                FieldKind::Text,
                Key::IntakeDisputeLabel,
                |f| &f.dispute_label,
                |f, v| f.dispute_label = v,
            )
            .err(errors, &["dispute.label"])
            .required()
            .view()
        }),
        None,
    );
    let case_selects = show(
        case_signal,
        Arc::new(move || {
            group(fields(vec![
                spec(
                    "source",
                    FieldKind::Select,
                    Key::IntakeSource,
                    |f| &f.source,
                    |f, v| f.source = v,
                )
                .options(options::<CaseSource>(vocab::case_source))
                .err(errors, &["source"]),
                spec(
                    "basis",
                    FieldKind::Select,
                    Key::IntakeBasis,
                    |f| &f.basis,
                    |f, v| f.basis = v,
                )
                .options(options::<AcceptanceBasis>(vocab::acceptance_basis))
                .err(errors, &["basis"]),
            ]))
        }),
        None,
    );
    let warnings_block = show(
        Signal::derive(move || !warnings.with(Vec::is_empty)),
        Arc::new(move || {
            view! {
                <div class="warnings" role="alert" data-testid="intake-warnings">
                    <h2 class="card__title">{tr(Key::IntakeWarningsTitle)}</h2>
                    <p class="card__hint">{tr(Key::IntakeWarningsHint)}</p>
                    <ul>
                        {move || warnings.get().iter().map(|w| view! { <li data-testid="intake-warning">{describe(w)}</li> }).collect_view()}
                    </ul>
                    {checkbox(
                        "warnings-ack".to_owned(),
                        Key::IntakeWarningsAck,
                        Signal::derive(move || form.with(|f| f.acknowledged)),
                        Callback::new(move |checked: bool| update(Box::new(move |f| f.acknowledged = checked))),
                    )}
                </div>
            }
            .into_any()
        }),
        None,
    );

    let children = vec![
        kind_choice,
        para(
            "card__hint",
            Signal::derive(move || {
                if is_case() {
                    i18n.t(Key::IntakeCaseHint)
                } else {
                    i18n.t(Key::IntakeLeadHint)
                }
                .to_owned()
            }),
        ),
        parties_block,
        spec(
            "dispute-type",
            FieldKind::Select,
            Key::IntakeDisputeType,
            |f| &f.dispute_type,
            |f, v| f.dispute_type = v,
        )
        .options(options::<DisputeType>(vocab::dispute_type))
        .choose()
        .err(errors, &["dispute.type", "dispute_type"])
        .required()
        .view(),
        dispute_label,
        spec(
            "summary",
            FieldKind::Multiline,
            Key::IntakeSummary,
            |f| &f.summary,
            |f, v| f.summary = v,
        )
        .label(Signal::derive(move || {
            if is_case() {
                i18n.t(Key::IntakeSummary)
            } else {
                i18n.t(Key::IntakeDescription)
            }
            .to_owned()
        }))
        .err(errors, &["summary", "description"])
        .required()
        .view(),
        case_selects,
        spec(
            "channel",
            FieldKind::Select,
            Key::IntakeChannel,
            |f| &f.channel,
            |f, v| f.channel = v,
        )
        .options(options::<IntakeChannel>(vocab::intake_channel))
        .err(errors, &["channel"])
        .view(),
        warnings_block,
        form_errors(errors),
        failure_line(failure, Some("form-failure")),
        para(
            "card__hint",
            Signal::derive(move || i18n.t(Key::IntakeRestLater).to_owned()),
        ),
        submit_button(
            "button button--primary",
            "intake-save",
            saving,
            Signal::derive(move || {
                if saving.get() {
                    i18n.t(Key::FormSaving)
                } else if is_case() {
                    i18n.t(Key::IntakeSaveCase)
                } else {
                    i18n.t(Key::IntakeSaveLead)
                }
                .to_owned()
            }),
        ),
    ];
    vec![
        restored_notice,
        draft_unsaved,
        form_card(Callback::new(move |()| dispatch_save(save)), children),
    ]
}
