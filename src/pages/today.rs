//! Today (今日待办), the home page: what needs the mediator now, each item one tap from its case.
//!
//! The groups come from `domain::agenda`; this page only lays them out. Each group shows its
//! first few cases and says how many more there are, so a register with thousands of overdue
//! cases still opens at once; the overdue group links to the filtered case list.

use leptos::prelude::*;

use crate::components::{CaseRow, EmptyState};
use crate::domain::agenda::{self, Agenda};
use crate::i18n::Key;
use crate::pages::support::case_row_data;
use crate::platform;
use crate::routes::{parse_step_draft_key, Route};
use crate::state::i18n::tr;
use crate::state::register::RegisterStatus;
use crate::state::{I18n, RegisterState};

/// Cases shown per group before "n more".
const GROUP_ROWS: usize = 10;

/// Draft keys with the route of their form and the label the page shows.
const DRAFT_FORMS: [(&str, Key); 1] = [("intake/new", Key::TodayDraftIntake)];

/// The Today page.
#[component]
pub fn TodayPage() -> impl IntoView {
    let register = RegisterState::expect();
    let body = move || {
        match register.head_status.get() {
        RegisterStatus::Loading => view! {
            <p class="page-status" role="status" data-testid="today-loading">{tr(Key::CasesLoading)}</p>
        }
        .into_any(),
        RegisterStatus::NeedsSetUp => view! {
            <EmptyState title=Key::CasesSetupTitle body=Key::CasesSetupBody test_id="today-needs-setup">
                <a class="button button--primary" href=Route::SetUp.href() data-testid="go-setup">
                    {tr(Key::CasesSetupAction)}
                </a>
            </EmptyState>
        }
        .into_any(),
        RegisterStatus::Failed(_) => view! {
            <p class="notice notice--error" role="alert">{tr(Key::CasesErrorTitle)}</p>
        }
        .into_any(),
        RegisterStatus::Ready => view! { <TodayAgenda/> }.into_any(),
    }
    };
    view! {
        <section class="page today" data-testid="page-today">
            <h1 class="page__title">{tr(Key::PageTodayTitle)}</h1>
            {body}
        </section>
    }
}

#[component]
fn TodayAgenda() -> impl IntoView {
    let register = RegisterState::expect();
    let i18n = I18n::expect();
    // The civil date in China when the page opened (the clock is read by the shell only).
    let today = platform::now().china_date();
    let agenda = Memo::new(move |_| register.summaries.with(|all| agenda::agenda(all, today)));
    let drafts = LocalResource::new(move || {
        register.version.track();
        async move { register.list_drafts().await.unwrap_or_default() }
    });

    let group = move |title: Key, test_id: &'static str, pick: fn(&Agenda) -> &Vec<usize>| {
        let rows = move || {
            agenda.with(|a| {
                register.summaries.with(|all| {
                    pick(a)
                        .iter()
                        .take(GROUP_ROWS)
                        .filter_map(|&i| all.get(i).map(|s| case_row_data(s, today)))
                        .collect::<Vec<_>>()
                })
            })
        };
        let count = move || agenda.with(|a| pick(a).len());
        let more = move || {
            let n = count().saturating_sub(GROUP_ROWS);
            (n > 0).then(|| {
                let n = n.to_string();
                view! {
                    <p class="today__more">{move || i18n.format(Key::TodayMore, &[("n", &n)])}</p>
                }
            })
        };
        view! {
            <Show when=move || { count() > 0 }>
                <section class="today__group" data-testid=test_id>
                    <h2 class="today__heading">
                        {tr(title)}
                        <span class="today__count" data-testid="today-count">{count}</span>
                    </h2>
                    <ul class="today__rows" role="list">
                        {move || {
                            rows()
                                .into_iter()
                                .map(|row| view! { <li><CaseRow row=row/></li> })
                                .collect_view()
                        }}
                    </ul>
                    {more}
                </section>
            </Show>
        }
    };

    let overdue_link = move || {
        agenda.with(|a| a.overdue.len() > GROUP_ROWS).then(|| {
            view! {
                <a class="button" href=format!("{}?overdue=1", Route::Cases.href()) data-testid="today-all-overdue">
                    {tr(Key::TodayAllOverdue)}
                </a>
            }
        })
    };
    let draft_list = move || {
        let locale = i18n.locale();
        let found: Vec<(String, String)> = drafts
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(key, _)| {
                if let Some((_, label)) = DRAFT_FORMS.iter().find(|(k, _)| *k == key) {
                    return Some((Route::NewCase.href(), locale.text(*label).to_owned()));
                }
                // An unfinished step form of a case.
                let (case, step) = parse_step_draft_key(&key)?;
                let number = register.summaries.with_untracked(|all| {
                    all.iter()
                        .find(|s| s.id == case)
                        .and_then(|s| s.number.as_ref().map(ToString::to_string))
                })?;
                // Named by its case only: the step titles are texts of the step pages.
                let label = i18n.format(Key::TodayDraftStep, &[("case", &number)]);
                Some((Route::Step(case, step).href(), label))
            })
            .collect();
        (!found.is_empty()).then(|| {
            view! {
                <section class="today__group" data-testid="today-drafts">
                    <h2 class="today__heading">{tr(Key::TodayDrafts)}</h2>
                    <ul class="today__rows" role="list">
                        {found
                            .into_iter()
                            .map(|(href, label)| {
                                view! {
                                    <li>
                                        <a class="today__draft" href=href data-testid="today-draft">
                                            {label}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };
    let nothing = move || {
        let empty = agenda.with(Agenda::is_empty) && drafts.get().is_some_and(|d| d.is_empty());
        empty.then(|| {
            view! {
                <p class="today__empty" role="status" data-testid="today-empty">{tr(Key::TodayNothing)}</p>
            }
        })
    };
    let loading = move || {
        (!register.complete.get()).then(|| {
            view! { <p class="page-status" role="status">{tr(Key::CasesLoading)}</p> }
        })
    };

    view! {
        {loading}
        {nothing}
        {group(Key::TodayOverdue, "today-overdue", |a| &a.overdue)}
        {overdue_link}
        {group(Key::TodayDueToday, "today-due-today", |a| &a.due_today)}
        {group(Key::TodayDueWeek, "today-due-week", |a| &a.due_this_week)}
        {group(Key::TodayFollowUps, "today-follow-ups", |a| &a.follow_ups)}
        {group(Key::TodayJcClosing, "today-jc-closing", |a| &a.jc_closing)}
        {group(Key::TodayHighRisk, "today-high-risk", |a| &a.high_risk)}
        {draft_list}
    }
}
