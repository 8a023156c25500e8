//! One case (or lead): its details, its full history newest first, the fold's conflicts, and a
//! link to the next lifecycle step.
//!
//! Invariant: read-only. The page reloads the case whenever the register's `version` moves, so
//! it always shows what storage holds after the last completed save; every name, label and date
//! is derived here from ids and codes, never stored translated.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{
    EmptyState, Fact, FactList, FactValue, HistoryEntry, HistoryItem, RiskBadge, StatusBadge, Tab,
    TabBar,
};
use crate::domain::case_state::{CaseState, FoldConflict};
use crate::domain::conflict::WarningSubject;
use crate::domain::listing;
use crate::domain::party::Party;
use crate::domain::{
    CaseEvent, CaseSummary, DeviceId, Directory, Event, EventId, MediatorId, PartyId, Status,
    Timestamp, Transition,
};
use crate::i18n::vocab::{self, Arg, Message};
use crate::i18n::Key;
use crate::pages::case_procedure::ProcedurePanel;
use crate::pages::support::{repo_error, use_case_id};
use crate::platform;
use crate::repo::{LoadedCase, RepoError};
use crate::routes::Route;
use crate::state::i18n::tr;
use crate::state::register::RegisterStatus;
use crate::state::{I18n, RegisterState};

/// Characters of a device id shown in the history.
const SHORT_DEVICE: usize = 8;

const TAB_DETAILS: &str = "case-details";
const TAB_HISTORY: &str = "case-history";
const TAB_PROCEDURE: &str = "case-procedure";

/// What loading the case gave: `None` while storage is not open.
type Loaded = Option<Result<Option<Arc<LoadedCase>>, RepoError>>;

/// The case detail page.
#[component]
pub fn CaseDetailPage() -> impl IntoView {
    let register = RegisterState::expect();
    let i18n = I18n::expect();
    let case_id = use_case_id();
    let case = LocalResource::new(move || {
        let id = case_id.get();
        let open = register.is_open();
        // Keyed on the version so that a save anywhere reloads what is shown.
        register.version.track();
        async move {
            let loaded: Loaded = match (open, id) {
                (false, _) => None,
                (true, None) => Some(Ok(None)),
                (true, Some(id)) => Some(register.load_case(id).await.map(|c| c.map(Arc::new))),
            };
            loaded
        }
    });
    // Kept here, not in the case view, so a reload after a save stays on the same tab. A step
    // page returns with `?tab=procedure`.
    let query = leptos_router::hooks::use_query_map();
    let asked = query.with_untracked(|q| q.get("tab")).as_deref() == Some("procedure");
    let tab = RwSignal::new(if asked { TAB_PROCEDURE } else { TAB_DETAILS });
    let error_view = move |error: RepoError| {
        let message = repo_error(&error);
        view! {
            <div class="notice notice--error" role="alert" data-testid="case-error">
                <p class="notice__title">{tr(Key::CaseDetailErrorTitle)}</p>
                <p>{move || message.render(i18n.locale())}</p>
            </div>
        }
        .into_any()
    };
    let loading = || {
        view! {
            <p class="page-status" role="status" data-testid="case-loading">
                {tr(Key::CaseDetailLoading)}
            </p>
        }
        .into_any()
    };
    let body = move || match register.status.get() {
        RegisterStatus::Loading => loading(),
        RegisterStatus::Failed(error) => error_view(error),
        RegisterStatus::Ready | RegisterStatus::NeedsSetUp => match case.get().flatten() {
            None => loading(),
            Some(Err(error)) => error_view(error),
            Some(Ok(None)) => view! {
                <EmptyState
                    title=Key::CaseDetailNotFoundTitle
                    body=Key::CaseDetailNotFoundBody
                    test_id="case-not-found"
                />
            }
            .into_any(),
            Some(Ok(Some(loaded))) => view! { <CaseView case=loaded tab=tab/> }.into_any(),
        },
    };
    view! {
        <section class="page case-detail" data-testid="page-case_detail">
            <a class="case-detail__back" href=Route::Cases.href() data-testid="back-to-list">
                {tr(Key::CaseDetailBack)}
            </a>
            {body}
        </section>
    }
}

/// A loaded case: header, tabs and the selected panel.
///
/// The title carries `elementtiming="case-number"`: the benchmark times a save to the case page
/// by the browser's report of its paint.
#[component]
fn CaseView(case: Arc<LoadedCase>, tab: RwSignal<&'static str>) -> impl IntoView {
    let i18n = I18n::expect();
    let state = &case.state;
    let summary = CaseSummary::of(state);
    let overdue = listing::is_overdue(&summary, platform::now().china_date());
    let title_text = match &state.number {
        Some(number) => number.to_string().into_any(),
        None => tr(Key::CaseDetailTitleLead).into_any(),
    };
    let title = view! { <h1 class="page__title" data-testid="case-number">{title_text}</h1> }
        .attr("elementtiming", "case-number");
    let step = next_action(state).map(|(route, label, test_id)| {
        view! { <a class="button button--primary" href=route.href() data-testid=test_id>{tr(label)}</a> }
    });
    // Every field of an open case can be corrected; each save is an `Edited` event.
    let edit = (!state.status.is_frozen()).then(|| {
        let href = Route::EditCase(state.id.clone()).href();
        let parties = Route::EditParties(state.id.clone()).href();
        view! {
            <a class="button" href=href data-testid="action-edit">{tr(Key::EditAction)}</a>
            <a class="button" href=parties data-testid="action-parties">{tr(Key::PartiesAction)}</a>
        }
    });
    let action = view! {
        <nav class="case-detail__actions" aria-label=move || i18n.t(Key::CaseActionLabel)>
            {step}
            {edit}
        </nav>
    };
    let tabs = vec![
        Tab {
            id: TAB_DETAILS,
            label: Key::CaseTabDetails,
            test_id: "tab-details",
        },
        Tab {
            id: TAB_PROCEDURE,
            label: Key::CaseTabProcedure,
            test_id: "tab-procedure",
        },
        Tab {
            id: TAB_HISTORY,
            label: Key::CaseTabHistory,
            test_id: "tab-history",
        },
    ];
    let panel = {
        let case = case.clone();
        move || {
            let selected = tab.get();
            let content = if selected == TAB_HISTORY {
                view! { <HistoryPanel case=case.clone()/> }.into_any()
            } else if selected == TAB_PROCEDURE {
                view! { <ProcedurePanel state=case.state.clone()/> }.into_any()
            } else {
                view! { <DetailsPanel case=case.clone()/> }.into_any()
            };
            view! {
                <div
                    class="case-detail__panel"
                    role="tabpanel"
                    id=format!("{selected}-panel")
                    aria-labelledby=format!("{selected}-tab")
                >
                    {content}
                </div>
            }
        }
    };
    view! {
        <header class="case-detail__header">
            {title}
            <div class="case-detail__badges" data-testid="case-status">
                <StatusBadge status=state.status/>
                {state.risk_level.map(|level| view! { <RiskBadge level=level/> })}
                {overdue.then(|| view! {
                    <span class="case-detail__overdue" data-testid="overdue-marker">{tr(Key::CaseDetailOverdue)}</span>
                })}
            </div>
            {action}
        </header>
        <TabBar
            tabs=tabs
            selected=tab
            on_select=Callback::new(move |id| tab.set(id))
            label=Signal::derive(move || i18n.t(Key::CaseTabLabel))
        />
        {panel}
    }
}

/// The step offered from the case's status: where it leads, its label and its test id.
fn next_action(state: &CaseState) -> Option<(Route, Key, &'static str)> {
    let id = state.id.clone();
    let step = match state.status {
        Status::Lead => (
            Route::Convert(id),
            Transition::ConvertLead,
            "action-convert",
        ),
        Status::Registered => (Route::Triage(id), Transition::Triage, "action-triage"),
        Status::Triaged => (Route::Assign(id), Transition::Assign, "action-assign"),
        // A party may ask for another mediator during mediation too (MOJ 2002 Regulation Art 25).
        Status::Assigned | Status::InMediation => (
            Route::Assign(id),
            Transition::ReplaceMediator,
            "action-assign",
        ),
        _ => return None,
    };
    Some((step.0, vocab::transition(step.1), step.2))
}

// --- Details -----------------------------------------------------------------------------

/// The details tab: lead, dispute, parties, intake and handling.
#[component]
fn DetailsPanel(case: Arc<LoadedCase>) -> impl IntoView {
    let register = RegisterState::expect();
    let state = &case.state;
    let registered = state.status.is_registered() || state.number.is_some();
    let lead = state.lead.as_ref().map(|lead| {
        let facts = lead_facts(lead, state);
        view! { <DetailSection title=Key::CaseSectionLead test_id="section-lead" facts=facts/> }
    });
    let dispute = registered.then(|| {
        view! {
            <DetailSection title=Key::CaseSectionDispute test_id="section-dispute" facts=dispute_facts(state)/>
        }
    });
    let parties = (registered || !state.parties.is_empty()).then(|| {
        let cards = state.parties.iter().map(party_card).collect_view();
        let empty = state.parties.is_empty().then(|| {
            view! { <p class="card__hint">{tr(Key::CaseDetailNoParties)}</p> }
        });
        view! {
            <section class="card case-detail__section" data-testid="section-parties">
                <h2 class="card__title">{tr(Key::CaseSectionParties)}</h2>
                {empty}
                <div class="case-detail__parties">{cards}</div>
            </section>
        }
    });
    let handling = {
        let case = case.clone();
        move || {
            let directory = register.directory.get();
            let facts = handling_facts(&case.state, &directory);
            view! { <DetailSection title=Key::CaseSectionHandling test_id="section-handling" facts=facts/> }
        }
    };
    let conflicts = (!state.conflicts.is_empty()).then(|| {
        view! {
            <p class="notice notice--warning" role="status" data-testid="case-has-conflicts">
                {tr(Key::CaseDetailHasConflicts)}
            </p>
        }
    });
    view! {
        <div class="case-detail__details" data-testid="details">
            {conflicts}
            {lead}
            {dispute}
            {parties}
            {handling}
        </div>
    }
}

/// A card with a title and a list of facts.
#[component]
fn DetailSection(title: Key, test_id: &'static str, facts: Vec<Fact>) -> impl IntoView {
    view! {
        <section class="card case-detail__section" data-testid=test_id>
            <h2 class="card__title">{tr(title)}</h2>
            <FactList facts=facts/>
        </section>
    }
}

fn text_or_missing(value: Option<&str>) -> FactValue {
    value.map_or(FactValue::Missing, FactValue::text)
}

fn yes_no(value: bool) -> FactValue {
    FactValue::Label(if value {
        Key::CaseDetailYes
    } else {
        Key::CaseDetailNo
    })
}

fn lead_facts(lead: &crate::domain::lead::Lead, state: &CaseState) -> Vec<Fact> {
    let mut facts = vec![Fact::new(
        Key::FieldLeadDescription,
        FactValue::text(lead.description.clone()),
    )
    .with_test_id("detail-description")];
    if state.status == Status::Lead {
        facts.push(Fact::new(
            Key::FieldCaseDisputeType,
            lead.dispute_type.map_or(FactValue::Missing, |t| {
                FactValue::Label(vocab::dispute_type(t))
            }),
        ));
    }
    facts.push(
        Fact::new(
            Key::FieldLeadPersons,
            if lead.persons.is_empty() {
                FactValue::Missing
            } else {
                FactValue::Names(lead.persons.clone())
            },
        )
        .with_test_id("detail-persons"),
    );
    facts.push(Fact::new(
        Key::FieldCasePersonsInvolved,
        lead.persons_involved
            .map_or(FactValue::Missing, |n| FactValue::Text(n.to_string())),
    ));
    facts.push(
        Fact::new(
            Key::FieldLeadReportedBy,
            text_or_missing(lead.reported_by.as_deref()),
        )
        .with_test_id("detail-reported-by"),
    );
    facts.push(Fact::new(
        Key::FieldCaseRiskFlags,
        FactValue::labels(
            lead.risk_flags
                .iter()
                .map(|f| vocab::risk_flag(*f))
                .collect(),
        ),
    ));
    facts
}

fn dispute_facts(state: &CaseState) -> Vec<Fact> {
    let dispute_type = match &state.dispute {
        None => FactValue::Missing,
        Some(d) => match d.label() {
            Some(label) => FactValue::Message(
                Message::new(Key::CaseDetailDisputeOther)
                    .with_label("type", vocab::dispute_type(d.primary()))
                    .with_text("label", label),
            ),
            None => FactValue::Label(vocab::dispute_type(d.primary())),
        },
    };
    let mut facts = vec![
        Fact::new(Key::FieldCaseDisputeType, dispute_type).with_test_id("detail-dispute-type")
    ];
    if let Some(sub) = state.dispute.as_ref().and_then(|d| d.sub_type()) {
        facts.push(Fact::new(
            Key::FieldCaseDisputeSubType,
            FactValue::Label(vocab::dispute_sub_type(sub)),
        ));
    }
    facts.extend([
        Fact::new(
            Key::FieldCaseSummary,
            FactValue::text(state.summary.clone()),
        )
        .with_test_id("detail-summary"),
        Fact::new(
            Key::FieldCaseClaims,
            if state.claims.is_empty() {
                FactValue::Missing
            } else {
                FactValue::Lines(state.claims.clone())
            },
        )
        .with_test_id("detail-claims"),
        Fact::new(
            Key::FieldCaseAmount,
            state
                .amount
                .map_or(FactValue::Missing, |a| FactValue::Text(a.to_string())),
        )
        .with_test_id("detail-amount"),
        Fact::new(
            Key::FieldCasePersonsInvolved,
            state
                .persons_involved
                .map_or(FactValue::Missing, |n| FactValue::Text(n.to_string())),
        ),
        Fact::new(Key::FieldCaseGroup, yes_no(state.group)),
        Fact::new(
            Key::FieldCaseFlags,
            FactValue::labels(state.flags.iter().map(|f| vocab::case_flag(*f)).collect()),
        ),
    ]);
    facts
}

fn party_card(party: &Party) -> impl IntoView {
    let mut facts = vec![
        Fact::new(
            Key::FieldPartyRole,
            FactValue::Label(vocab::party_role(party.role)),
        ),
        Fact::new(
            Key::FieldPartyKind,
            FactValue::Label(vocab::party_kind(party.kind)),
        ),
        Fact::new(
            Key::FieldPartyPhone,
            party
                .phone
                .as_ref()
                .map_or(FactValue::Missing, |p| FactValue::Text(p.masked())),
        )
        .with_test_id("party-phone"),
        Fact::new(
            Key::FieldPartyIdDocNumber,
            party.id_doc.as_ref().map_or(FactValue::Missing, |doc| {
                FactValue::Message(
                    Message::new(Key::CaseDetailIdDocValue)
                        .with_label("kind", vocab::id_doc_kind(doc.kind))
                        .with_text("number", doc.masked_number()),
                )
            }),
        )
        .with_test_id("party-id-number"),
    ];
    if let Some(rep) = &party.legal_rep {
        facts.push(Fact::new(
            Key::FieldPartyLegalRep,
            FactValue::text(rep.name.clone()),
        ));
    }
    if let Some(agent) = &party.agent {
        facts.push(Fact::new(
            Key::FieldPartyAgent,
            FactValue::text(agent.name.clone()),
        ));
    }
    view! {
        <article class="party-card" data-testid="party">
            <h3 class="party-card__name">{party.name.clone()}</h3>
            <FactList facts=facts/>
        </article>
    }
}

fn mediator_name(directory: &Directory, id: &MediatorId) -> String {
    directory
        .mediators
        .get(id)
        .map_or_else(|| id.to_string(), |m| m.name.clone())
}

fn handling_facts(state: &CaseState, directory: &Directory) -> Vec<Fact> {
    let summary = CaseSummary::of(state);
    let lead = state.status == Status::Lead;
    let name = |id: &MediatorId| FactValue::Text(mediator_name(directory, id));
    let mut facts = vec![Fact::new(
        Key::CaseDetailStatus,
        FactValue::Label(vocab::status(state.status)),
    )
    .with_test_id("detail-status")];
    if let Some(number) = &state.number {
        facts.push(
            Fact::new(Key::FieldCaseNumber, FactValue::Text(number.to_string()))
                .with_test_id("detail-number"),
        );
    }
    facts.push(Fact::new(
        Key::FieldCaseOrgUnit,
        FactValue::text(
            directory
                .org_units
                .get(&state.org_unit)
                .map_or_else(|| state.org_unit.to_string(), |u| u.name.clone()),
        ),
    ));
    if !lead {
        facts.push(Fact::new(
            Key::FieldCaseSource,
            state.source.map_or(FactValue::Missing, |s| {
                FactValue::Label(vocab::case_source(s))
            }),
        ));
    }
    facts.push(Fact::new(
        Key::FieldCaseChannel,
        FactValue::Label(vocab::intake_channel(state.channel)),
    ));
    if let Some(acceptance) = state.acceptance {
        facts.push(Fact::new(
            Key::FieldCaseBasis,
            FactValue::Label(vocab::acceptance_basis(acceptance.basis)),
        ));
        facts.push(Fact::new(
            Key::FieldCaseObjection,
            FactValue::Label(vocab::objection_check(acceptance.objection)),
        ));
    }
    facts.push(
        Fact::new(Key::FieldCaseFirstContact, name(&state.first_contact))
            .with_test_id("detail-first-contact"),
    );
    if !lead {
        facts.extend(assessment_facts(state, directory));
    }
    facts.push(
        Fact::new(
            Key::CaseDetailCreatedAt,
            FactValue::Text(china_time(state.created_at)),
        )
        .with_test_id("detail-created-at"),
    );
    if let Some(at) = state.registered_at {
        facts.push(
            Fact::new(Key::CaseDetailRegisteredAt, FactValue::Text(china_time(at)))
                .with_test_id("detail-registered-at"),
        );
    }
    let deadline = match (summary.deadline, summary.deadline_rule) {
        (Some(date), Some(rule)) => Some(FactValue::Message(
            Message::new(Key::CaseDetailDeadlineValue)
                .with_text("date", date.to_string())
                .with_label("rule", vocab::deadline_rule(rule)),
        )),
        (None, Some(rule)) => Some(FactValue::Label(vocab::deadline_rule(rule))),
        (Some(date), None) => Some(FactValue::Text(date.to_string())),
        (None, None) => None,
    };
    if let Some(value) = deadline {
        facts.push(Fact::new(Key::CaseDetailDeadline, value).with_test_id("detail-deadline"));
    }
    if let Some(ending) = &state.ending {
        facts.push(Fact::new(
            Key::CaseDetailEnding,
            FactValue::Label(vocab::ending(ending)),
        ));
    }
    facts.push(Fact::new(
        Key::CaseDetailUpdatedAt,
        FactValue::Text(china_time(state.updated_at)),
    ));
    facts
}

/// Presiding mediator, co-mediators, tier, risk and handling level.
fn assessment_facts(state: &CaseState, directory: &Directory) -> Vec<Fact> {
    let name = |id: &MediatorId| mediator_name(directory, id);
    vec![
        Fact::new(
            Key::FieldCasePresiding,
            state
                .presiding
                .as_ref()
                .map_or(FactValue::Missing, |id| FactValue::Text(name(id))),
        )
        .with_test_id("detail-presiding"),
        Fact::new(
            Key::FieldCaseCoMediators,
            if state.co_mediators.is_empty() {
                FactValue::Missing
            } else {
                FactValue::Names(state.co_mediators.iter().map(name).collect())
            },
        ),
        Fact::new(
            Key::FieldCaseTier,
            state.tier.map_or(FactValue::Missing, |t| {
                FactValue::Label(vocab::difficulty_tier(t))
            }),
        )
        .with_test_id("detail-tier"),
        Fact::new(
            Key::FieldCaseRiskLevel,
            state.risk_level.map_or(FactValue::Missing, |r| {
                FactValue::Label(vocab::risk_level(r))
            }),
        )
        .with_test_id("detail-risk-level"),
        Fact::new(
            Key::FieldCaseRiskFlags,
            FactValue::labels(
                state
                    .risk_flags
                    .iter()
                    .map(|f| vocab::risk_flag(*f))
                    .collect(),
            ),
        ),
        Fact::new(
            Key::FieldCaseHandlingLevel,
            state.handling_level.map_or(FactValue::Missing, |h| {
                FactValue::Label(vocab::handling_level(h))
            }),
        )
        .with_test_id("detail-handling-level"),
    ]
}

// --- History -----------------------------------------------------------------------------

/// The history tab: the fold's conflicts, then every event newest first.
#[component]
fn HistoryPanel(case: Arc<LoadedCase>) -> impl IntoView {
    let register = RegisterState::expect();
    let conflicts = (!case.state.conflicts.is_empty()).then(|| {
        let items = case
            .state
            .conflicts
            .iter()
            .map(conflict_item)
            .collect_view();
        view! {
            <section class="card case-detail__conflicts" data-testid="case-conflicts">
                <h2 class="card__title">{tr(Key::CaseHistoryConflictsTitle)}</h2>
                <p class="card__hint">{tr(Key::CaseHistoryConflictsHint)}</p>
                <ul class="conflict-list">{items}</ul>
            </section>
        }
    });
    let items = move || {
        let directory = register.directory.get();
        register
            .summaries
            .with_untracked(|summaries| history_items(&case, &directory, summaries))
    };
    view! {
        {conflicts}
        <h2 class="visually-hidden">{tr(Key::CaseHistoryTitle)}</h2>
        <ol class="history" data-testid="history">
            <For each=items key=|item| item.id.clone() let:item>
                <HistoryEntry item=item/>
            </For>
        </ol>
    }
}

fn conflict_item(conflict: &FoldConflict) -> impl IntoView {
    let i18n = I18n::expect();
    let message = vocab::fold_conflict(&conflict.kind);
    let when = china_time(conflict.at);
    let device = short_device(&conflict.device);
    view! {
        <li class="conflict-list__item" data-testid="case-conflict">
            <p class="conflict-list__what">{move || message.render(i18n.locale())}</p>
            <p class="history-entry__meta">
                <span>{when}</span>
                <span>{move || i18n.format(Key::CaseHistoryDevice, &[("device", &device)])}</span>
            </p>
        </li>
    }
}

/// What the history needs to name things: parties by id, events by id, other cases' numbers.
struct HistoryContext<'a> {
    directory: &'a Directory,
    summaries: &'a [CaseSummary],
    parties: HashMap<&'a PartyId, &'a str>,
    events: HashMap<&'a EventId, &'a Event>,
}

impl HistoryContext<'_> {
    fn party(&self, id: &PartyId) -> String {
        self.parties
            .get(id)
            .map_or_else(|| id.to_string(), |name| (*name).to_owned())
    }

    fn mediator(&self, id: &MediatorId) -> String {
        mediator_name(self.directory, id)
    }
}

fn history_items(
    case: &LoadedCase,
    directory: &Directory,
    summaries: &[CaseSummary],
) -> Vec<HistoryItem> {
    let mut parties: HashMap<&PartyId, &str> = HashMap::new();
    for event in &case.events {
        match event.case_payload() {
            Some(CaseEvent::PartySaved(p)) => {
                parties.insert(&p.id, &p.name);
            }
            Some(CaseEvent::Registered(r) | CaseEvent::LeadConverted(r)) => {
                for p in &r.intake.parties {
                    parties.insert(&p.id, &p.name);
                }
            }
            _ => {}
        }
    }
    let ctx = HistoryContext {
        directory,
        summaries,
        parties,
        events: case.events.iter().map(|e| (e.id(), e)).collect(),
    };
    let skipped: HashSet<&EventId> = case.state.conflicts.iter().map(|c| &c.event).collect();
    case.events
        .iter()
        .rev()
        .filter_map(|event| {
            let payload = event.case_payload()?;
            let mark = if case.state.reverted.contains(event.id()) {
                Some(Key::CaseHistoryMarkReverted)
            } else if skipped.contains(event.id()) {
                Some(Key::CaseHistoryMarkSkipped)
            } else {
                None
            };
            Some(HistoryItem {
                id: event.id().as_str().to_owned(),
                what: describe(payload, &ctx, true),
                detail: detail(payload, &ctx),
                who: ctx.mediator(event.author()),
                when: china_time(event.at()),
                device: short_device(event.device()),
                seq: event.seq(),
                mark,
            })
        })
        .collect()
}

/// What an event did, in one line. `follow` allows describing the target of a revert (once).
fn describe(payload: &CaseEvent, ctx: &HistoryContext<'_>, follow: bool) -> Message {
    match payload {
        CaseEvent::Edited { changes } => Message::new(Key::CaseHistoryEdited).with(
            "fields",
            Arg::Labels(
                changes
                    .iter()
                    .filter_map(|c| vocab::field_label(c.field()))
                    .collect(),
            ),
        ),
        CaseEvent::PartySaved(party) => {
            Message::new(Key::CaseHistoryPartySaved).with_text("name", party.name.clone())
        }
        CaseEvent::PartyRemoved { party } => {
            Message::new(Key::CaseHistoryPartyRemoved).with_text("name", ctx.party(party))
        }
        CaseEvent::EscalationFlagged(escalation) => Message::new(Key::CaseHistoryEscalation)
            .with_label("level", vocab::risk_level(escalation.risk_level)),
        CaseEvent::WarningAcknowledged(acknowledged) => {
            let warning = &acknowledged.warning;
            let subject = match &warning.subject {
                WarningSubject::PriorCase { case, .. } => ctx
                    .summaries
                    .iter()
                    .find(|s| &s.id == case)
                    .and_then(|s| s.number.as_ref().map(ToString::to_string))
                    .unwrap_or_else(|| case.to_string()),
                WarningSubject::Mediator { mediator }
                | WarningSubject::MediatorRelative { mediator, .. } => ctx.mediator(mediator),
            };
            let sentence = vocab::conflict_warning(warning, &ctx.party(&warning.party), &subject);
            Message::new(Key::CaseHistoryWarningAcknowledged)
                .with("warning", Arg::Message(Box::new(sentence)))
        }
        CaseEvent::Reverted { event } => {
            let target = ctx.events.get(event).and_then(|e| e.case_payload());
            match target {
                Some(target) if follow => Message::new(Key::CaseHistoryReverted)
                    .with("what", Arg::Message(Box::new(describe(target, ctx, false)))),
                _ => Message::new(Key::CaseHistoryRevertedUnknown).with_text(
                    "event",
                    event
                        .as_str()
                        .chars()
                        .take(vocab::SHORT_EVENT_ID)
                        .collect::<String>(),
                ),
            }
        }
        CaseEvent::NoticeGiven(notice) => {
            Message::new(Key::CaseHistoryNotice).with_label("kind", vocab::notice_kind(notice.kind))
        }
        CaseEvent::ConsentRecorded {
            party, decision, ..
        } => Message::new(Key::CaseHistoryConsent)
            .with_text("name", ctx.party(party))
            .with_label("decision", vocab::consent_decision(*decision)),
        CaseEvent::ReplacementRequested { party, .. } => {
            Message::new(Key::CaseHistoryReplacementRequested).with_text("name", ctx.party(party))
        }
        CaseEvent::ModeChosen { mode } => {
            Message::new(Key::CaseHistoryMode).with_label("mode", vocab::mediation_mode(*mode))
        }
        CaseEvent::SessionRecorded(session) => Message::new(Key::CaseHistorySession)
            .with_label("kind", vocab::session_kind(session.kind)),
        CaseEvent::AgreementDrafted(agreement) => Message::new(Key::CaseHistoryAgreementDrafted)
            .with_label("form", vocab::agreement_form(agreement.form)),
        CaseEvent::AgreementSigned { .. } => Key::CaseHistoryAgreementSigned.into(),
        CaseEvent::ObligationUpdated(update) => Message::new(Key::CaseHistoryObligation)
            .with_text("n", update.obligation.to_string())
            .with_label("status", vocab::obligation_status(update.status)),
        CaseEvent::FollowUpRecorded(follow_up) => Message::new(Key::CaseHistoryFollowUp)
            .with_label(
                "performance",
                vocab::performance_found(follow_up.performance),
            ),
        CaseEvent::TimeLimitExtended { to, .. } => {
            Message::new(Key::CaseHistoryExtended).with_text("date", to.to_string())
        }
        CaseEvent::AppraisalStarted { .. } => Key::CaseHistoryAppraisalStarted.into(),
        CaseEvent::AppraisalEnded { .. } => Key::CaseHistoryAppraisalEnded.into(),
        CaseEvent::ReferralSent(referral) => Message::new(Key::CaseHistoryReferralSent)
            .with_label("kind", vocab::referral_kind(referral.kind)),
        CaseEvent::ReferralAcknowledged { .. } => Key::CaseHistoryReferralAcknowledged.into(),
        CaseEvent::ReferralAnswered { .. } => Key::CaseHistoryReferralAnswered.into(),
        CaseEvent::ClosingReportFiled(_) => Key::CaseHistoryClosingReport.into(),
        CaseEvent::FileItemMarked { item, present } => Message::new(if *present {
            Key::CaseHistoryFileItemIn
        } else {
            Key::CaseHistoryFileItemOut
        })
        .with_label("item", vocab::case_file_item(*item)),
        lifecycle => Message::new(
            lifecycle
                .transition()
                .map_or(Key::CaseHistoryTitle, vocab::transition),
        ),
    }
}

/// The second line of an entry, when the event carries a reason, a name or a number.
fn detail(payload: &CaseEvent, ctx: &HistoryContext<'_>) -> Option<FactValue> {
    let value = match payload {
        CaseEvent::LeadConverted(r) | CaseEvent::Registered(r) => FactValue::Message(
            Message::new(Key::CaseHistoryNumber).with_text("number", r.number.to_string()),
        ),
        CaseEvent::LeadDismissed { reason } => FactValue::Label(vocab::dismissal_reason(*reason)),
        CaseEvent::NotAccepted { reason } => FactValue::Label(vocab::not_accepted_reason(*reason)),
        CaseEvent::Triaged(t) => FactValue::Labels(vec![
            vocab::dispute_type(t.dispute.primary()),
            vocab::difficulty_tier(t.tier),
            vocab::risk_level(t.risk_level),
            vocab::handling_level(t.handling_level),
        ]),
        CaseEvent::ReferredOut(r) => FactValue::Message(
            Message::new(Key::CaseHistoryReferral)
                .with_label("target", vocab::referral_target(r.target))
                .with_label("reason", vocab::referral_reason(r.reason)),
        ),
        CaseEvent::MediatorAssigned { presiding, .. } => FactValue::Message(
            Message::new(Key::CaseHistoryPresiding).with_text("name", ctx.mediator(presiding)),
        ),
        CaseEvent::MediatorReplaced {
            presiding, reason, ..
        } => FactValue::Message(
            Message::new(Key::CaseHistoryReplaced)
                .with_text("name", ctx.mediator(presiding))
                .with_label("reason", vocab::replacement_reason(*reason)),
        ),
        CaseEvent::AgreementReached { form, .. } => FactValue::Label(vocab::agreement_form(*form)),
        CaseEvent::Terminated { reason } => FactValue::Label(vocab::termination_reason(*reason)),
        CaseEvent::Reopened { reason, .. } => FactValue::Label(vocab::reopen_reason(*reason)),
        CaseEvent::EscalationFlagged(e) if !e.measures.trim().is_empty() => {
            FactValue::Text(e.measures.clone())
        }
        CaseEvent::WarningAcknowledged(w) => FactValue::Text(w.note.clone()?),
        _ => return None,
    };
    Some(value)
}

/// `YYYY-MM-DD HH:MM` in China time (UTC+8, no daylight saving).
fn china_time(at: Timestamp) -> String {
    const DAY_MS: i64 = 86_400_000;
    const CHINA_OFFSET_MS: i64 = 8 * 3_600_000;
    let minutes = at
        .as_millis()
        .saturating_add(CHINA_OFFSET_MS)
        .rem_euclid(DAY_MS)
        / 60_000;
    format!(
        "{} {:02}:{:02}",
        at.china_date(),
        minutes / 60,
        minutes % 60
    )
}

fn short_device(device: &DeviceId) -> String {
    device.as_str().chars().take(SHORT_DEVICE).collect()
}
