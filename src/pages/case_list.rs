//! The case register (案件台账): search, filters and sort over every case on this tablet, shown
//! as a virtualised list of rows that link to the cases.
//!
//! Invariant: the URL query is the only store of the list's view state (`q`, `status`, `type`,
//! `risk`, `overdue`, `mine`, `sort`); controls write it with `replace`, so reload and the back
//! button restore exactly what was shown, and no filter lives in a second, drifting signal.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::location::Url;
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::components::{
    CaseRow, Choice, ChoiceGroup, EmptyState, FilterSelect, SelectOption, ToggleButton,
    VirtualList, CASE_ROW_HEIGHT,
};
use crate::domain::case::RiskLevel;
use crate::domain::dispute::DisputeType;
use crate::domain::listing::{self, CaseFilter, CaseSort, StatusFilter};
use crate::domain::Timestamp;
use crate::i18n::{vocab, Key};
use crate::pages::support::{case_row_data, code_options, repo_error};
use crate::platform;
use crate::routes::Route;
use crate::state::i18n::tr;
use crate::state::register::RegisterStatus;
use crate::state::{I18n, RegisterState};

/// Most search results shown (the index ranks them; more would not be read).
const SEARCH_LIMIT: usize = 500;

/// Viewport from which the filter panel starts open: a tablet in portrait has room for it; a
/// landscape tablet or a phone would lose most of the list to it.
const FILTERS_OPEN_FROM_PX: (f64, f64) = (720.0, 900.0);

/// Query parameter names.
const Q_QUERY: &str = "q";
const Q_STATUS: &str = "status";
const Q_TYPE: &str = "type";
const Q_RISK: &str = "risk";
const Q_OVERDUE: &str = "overdue";
const Q_MINE: &str = "mine";
const Q_SORT: &str = "sort";

/// The status groups offered, with their URL code.
const STATUS_CHOICES: [(StatusFilter, Choice); 4] = [
    (
        StatusFilter::All,
        Choice {
            value: "all",
            label: Key::CasesFilterStatusAll,
            test_id: "filter-status-all",
        },
    ),
    (
        StatusFilter::Leads,
        Choice {
            value: "leads",
            label: Key::CasesFilterStatusLeads,
            test_id: "filter-status-leads",
        },
    ),
    (
        StatusFilter::Open,
        Choice {
            value: "open",
            label: Key::CasesFilterStatusOpen,
            test_id: "filter-status-open",
        },
    ),
    (
        StatusFilter::Finished,
        Choice {
            value: "finished",
            label: Key::CasesFilterStatusFinished,
            test_id: "filter-status-finished",
        },
    ),
];

/// The sort orders offered: order, URL code, label.
const SORTS: [(CaseSort, &str, Key); 4] = [
    (CaseSort::UpdatedDesc, "updated", Key::CasesSortUpdated),
    (
        CaseSort::RegisteredDesc,
        "registered",
        Key::CasesSortRegistered,
    ),
    (CaseSort::DeadlineAsc, "deadline", Key::CasesSortDeadline),
    (CaseSort::NumberAsc, "number", Key::CasesSortNumber),
];

/// The list's view state as read from (and written to) the URL query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ListParams {
    query: String,
    status: StatusFilter,
    dispute_type: Option<DisputeType>,
    risk_level: Option<RiskLevel>,
    overdue_only: bool,
    mine_only: bool,
    sort: CaseSort,
}

impl ListParams {
    /// Reads the query; unknown or malformed values fall back to the defaults.
    fn from_map(map: &ParamsMap) -> ListParams {
        let get = |key: &str| map.get_str(key).unwrap_or_default();
        ListParams {
            query: get(Q_QUERY).to_owned(),
            status: STATUS_CHOICES
                .iter()
                .find(|(_, c)| c.value == get(Q_STATUS))
                .map_or(StatusFilter::All, |(s, _)| *s),
            dispute_type: DisputeType::from_code(get(Q_TYPE)),
            risk_level: RiskLevel::from_code(get(Q_RISK)),
            overdue_only: get(Q_OVERDUE) == "1",
            mine_only: get(Q_MINE) == "1",
            sort: SORTS
                .iter()
                .find(|(_, code, _)| *code == get(Q_SORT))
                .map_or(CaseSort::default(), |(s, _, _)| *s),
        }
    }

    /// The URL of the list showing this state; defaults are left out.
    fn href(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.query.is_empty() {
            pairs.push((Q_QUERY, &self.query));
        }
        if self.status != StatusFilter::All {
            pairs.push((Q_STATUS, self.status_code()));
        }
        if let Some(t) = self.dispute_type {
            pairs.push((Q_TYPE, t.code()));
        }
        if let Some(r) = self.risk_level {
            pairs.push((Q_RISK, r.code()));
        }
        if self.overdue_only {
            pairs.push((Q_OVERDUE, "1"));
        }
        if self.mine_only {
            pairs.push((Q_MINE, "1"));
        }
        if self.sort != CaseSort::default() {
            pairs.push((Q_SORT, self.sort_code()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", Url::escape(v)))
            .collect();
        let base = Route::Cases.href();
        if query.is_empty() {
            base
        } else {
            format!("{base}?{}", query.join("&"))
        }
    }

    fn status_code(&self) -> &'static str {
        STATUS_CHOICES
            .iter()
            .find(|(s, _)| *s == self.status)
            .map_or("all", |(_, c)| c.value)
    }

    fn sort_code(&self) -> &'static str {
        SORTS
            .iter()
            .find(|(s, _, _)| *s == self.sort)
            .map_or("updated", |(_, code, _)| code)
    }

    /// How many filters besides the status group and the search are set (the sort counts).
    fn advanced_count(&self) -> usize {
        [
            self.dispute_type.is_some(),
            self.risk_level.is_some(),
            self.overdue_only,
            self.mine_only,
            self.sort != CaseSort::default(),
        ]
        .iter()
        .filter(|on| **on)
        .count()
    }
}

/// A row of the list: which summary, and when it last changed. No case id: the list of 10 000
/// refs is rebuilt on every visit and every filter change, and cloning an id per row was a
/// large part of that; the id is looked up for the mounted rows only (see the row key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowRef {
    index: usize,
    updated_at: Timestamp,
}

/// What the results area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Results {
    /// Nothing to show yet, and the register is still being read.
    Reading,
    NoCases,
    NoMatches,
    Rows,
}

/// The case list page. `visible` is false while it is kept mounted behind another page: it
/// then holds its view state instead of reading another page's query.
#[component]
pub fn CaseListPage(#[prop(into)] visible: Signal<bool>) -> impl IntoView {
    let register = RegisterState::expect();
    let i18n = I18n::expect();
    Effect::new(move |_| {
        if matches!(
            register.head_status.get(),
            RegisterStatus::NeedsSetUp | RegisterStatus::Failed(_)
        ) {
            platform::picture_done();
        }
    });
    let body = move || {
        match register.head_status.get() {
        RegisterStatus::Loading => view! {
            <h1 class="page__title">{tr(Key::PageCasesTitle)}</h1>
            <p class="page-status" role="status" data-testid="cases-loading">{tr(Key::CasesLoading)}</p>
        }
        .into_any(),
        RegisterStatus::NeedsSetUp => view! {
            <h1 class="page__title">{tr(Key::PageCasesTitle)}</h1>
            <EmptyState title=Key::CasesSetupTitle body=Key::CasesSetupBody test_id="cases-needs-setup">
                <a class="button button--primary" href=Route::SetUp.href() data-testid="go-setup">
                    {tr(Key::CasesSetupAction)}
                </a>
            </EmptyState>
        }
        .into_any(),
        RegisterStatus::Failed(error) => {
            let message = repo_error(&error);
            view! {
                <h1 class="page__title">{tr(Key::PageCasesTitle)}</h1>
                <div class="notice notice--error" role="alert" data-testid="cases-error">
                    <p class="notice__title">{tr(Key::CasesErrorTitle)}</p>
                    <p>{move || message.render(i18n.locale())}</p>
                </div>
            }
            .into_any()
        }
        RegisterStatus::Ready => view! { <CaseRegister visible=visible/> }.into_any(),
    }
    };
    view! { <section class="page case-list" data-testid="page-cases">{body}</section> }
}

/// The list itself, once the register is open and this tablet is set up.
#[component]
fn CaseRegister(visible: Signal<bool>) -> impl IntoView {
    let register = RegisterState::expect();
    let i18n = I18n::expect();
    let query_map = use_query_map();
    let navigate = use_navigate();
    let params = Memo::new(move |previous: Option<&ListParams>| match previous {
        Some(held) if !visible.get() => held.clone(),
        _ => query_map.with(ListParams::from_map),
    });
    let set_params = Callback::new(move |next: ListParams| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate(&next.href(), options);
    });
    // The civil date in China when the page opened; a list left open past midnight shows
    // yesterday's overdue markers until it is opened again, which is harmless.
    let today = platform::now().china_date();
    let query = Memo::new(move |_| params.with(|p| p.query.trim().to_owned()));
    let filter = Memo::new(move |_| {
        let p = params.get();
        let me = register
            .profile
            .with(|profile| profile.as_ref().map(|p| p.mediator.clone()));
        CaseFilter {
            status: p.status,
            dispute_type: p.dispute_type,
            risk_level: p.risk_level,
            overdue_only: p.overdue_only,
            mine: if p.mine_only { me } else { None },
        }
    });
    // Rebuilt when the register changes, not on every keystroke.
    let positions = Memo::new(move |_| register.summaries.with(|all| listing::positions(all)));
    let ranked = Memo::new(move |_| {
        // The index changes together with the summaries, so a save re-runs the search.
        query.with(|q| {
            (!q.is_empty()).then(|| {
                // While the search code loads (a moment after start) nothing is found yet, and
                // the results say the list is still loading.
                let found = register.search(q, SEARCH_LIMIT).unwrap_or_default();
                positions.with(|p| listing::resolve(&found, p))
            })
        })
    });
    let rows = Memo::new(move |_| {
        let sort = params.with(|p| p.sort);
        filter.with(|filter| {
            ranked.with(|ranked| {
                register.summaries.with(|all| {
                    listing::select(all, filter, sort, today, ranked.as_deref())
                        .into_iter()
                        .filter_map(|index| {
                            all.get(index).map(|s| RowRef {
                                index,
                                updated_at: s.updated_at,
                            })
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let results = Memo::new(move |_| {
        let searching = query.with(|q| !q.is_empty());
        if (!register.complete.get() || (searching && !register.search_loaded.get()))
            && rows.with(Vec::is_empty)
        {
            Results::Reading
        } else if register.summaries.with(|all| all.is_empty()) {
            Results::NoCases
        } else if rows.with(Vec::is_empty) {
            Results::NoMatches
        } else {
            Results::Rows
        }
    });
    mark_first_rows(rows, visible);
    // Anything but rows (or their loading) replaces a picture of rows at once.
    Effect::new(move |_| {
        if matches!(results.get(), Results::NoCases | Results::NoMatches) {
            platform::picture_done();
        }
    });
    // What index.html may save as the picture of the list's first screen: the rows a start at
    // the bare `/cases` shows, once the whole register is read (the list head's rows then are
    // the register's first rows).
    let picture = move || {
        (visible.get()
            && register.complete.get()
            && params.with(|p| *p == ListParams::default())
            && results.get() == Results::Rows)
            .then_some("ready")
    };

    let count = move || {
        let shown = rows.with(Vec::len).to_string();
        if !register.complete.get() {
            return i18n.format(Key::CasesLoadingRest, &[("shown", &shown)]);
        }
        let total = register.summaries.with(|all| all.len()).to_string();
        i18n.format(Key::CasesCount, &[("total", &total), ("shown", &shown)])
    };
    let unreadable = move || {
        let n = register.unreadable.get();
        (n > 0).then(|| {
            let n = n.to_string();
            view! {
                <p class="notice notice--warning" role="status" data-testid="cases-unreadable">
                    {move || i18n.format(Key::CasesUnreadable, &[("n", &n)])}
                </p>
            }
        })
    };
    let row_view = move |r: RowRef| {
        let data = register.summaries.with_untracked(|all| {
            all.get(r.index)
                .filter(|s| s.updated_at == r.updated_at)
                .map(|s| case_row_data(s, today))
        });
        data.map(|row| view! { <CaseRow row=row/> })
    };
    let results_view = move || {
        match results.get() {
        Results::Reading => view! {
            <p class="page-status" role="status" data-testid="cases-loading">{tr(Key::CasesLoading)}</p>
        }
        .into_any(),
        Results::NoCases => view! {
            <EmptyState title=Key::CasesEmptyTitle body=Key::CasesEmptyBody test_id="cases-empty">
                <a class="button button--primary" href=Route::NewCase.href()>{tr(Key::CasesNew)}</a>
            </EmptyState>
        }
        .into_any(),
        Results::NoMatches => view! {
            <EmptyState title=Key::CasesNoResultsTitle body=Key::CasesNoResultsBody test_id="cases-no-results">
                <button
                    type="button"
                    class="button"
                    data-testid="clear-filters"
                    on:click=move |_| set_params.run(ListParams::default())
                >
                    {tr(Key::CasesFilterClear)}
                </button>
            </EmptyState>
        }
        .into_any(),
        Results::Rows => view! {
            <VirtualList
                items=rows
                row_height=CASE_ROW_HEIGHT
                key=move |r: &RowRef| {
                    let id = register
                        .summaries
                        .with_untracked(|all| all.get(r.index).map(|s| s.id.clone()));
                    (id, r.updated_at)
                }
                row=row_view
                label=Signal::derive(move || i18n.t(Key::CasesListLabel).to_owned())
                test_id="case-list"
                shown=visible
            />
        }
        .into_any(),
    }
    };

    view! {
        <header class="case-list__header">
            <h1 class="page__title case-list__title">{tr(Key::PageCasesTitle)}</h1>
            <p class="case-list__count" role="status" data-testid="cases-count">{count}</p>
            <a class="button button--primary case-list__new" href=Route::NewCase.href() data-testid="new-case">
                {tr(Key::CasesNew)}
            </a>
        </header>
        {unreadable}
        <SearchBox params=params set_params=set_params/>
        <Filters params=params set_params=set_params/>
        <div class="case-list__results" data-picture=picture>{results_view}</div>
    }
}

/// Places the benchmark's `list:first-rows` mark in the frame after rows are shown: each time
/// the list becomes visible with rows (a kept-alive list is shown again by a tap).
fn mark_first_rows(rows: Memo<Vec<RowRef>>, visible: Signal<bool>) {
    let marked = StoredValue::new(false);
    Effect::new(move |_| {
        let showing = visible.get() && !rows.with(Vec::is_empty);
        if !showing {
            marked.set_value(false);
            return;
        }
        if marked.get_value() {
            return;
        }
        marked.set_value(true);
        request_animation_frame(|| {
            platform::mark("list:first-rows");
            // Removed in the frame that lays out the live rows: the picture stays on screen
            // until that frame is painted, with no blank frame between the two.
            platform::picture_done();
        });
    });
}

/// The search box; every keystroke rewrites `q`.
#[component]
fn SearchBox(params: Memo<ListParams>, set_params: Callback<ListParams>) -> impl IntoView {
    let i18n = I18n::expect();
    let input = NodeRef::<leptos::html::Input>::new();
    // The box owns its text while the user types (an IME composition must not be disturbed);
    // only a change of the URL from elsewhere (back, "clear filters", the nav link) is copied in.
    Effect::new(move |_| {
        let query = params.with(|p| p.query.clone());
        if let Some(el) = input.get() {
            if el.value() != query {
                el.set_value(&query);
            }
        }
    });
    let initial = params.with_untracked(|p| p.query.clone());
    let on_input = move |ev| {
        let mut next = params.get_untracked();
        next.query = event_target_value(&ev);
        set_params.run(next);
    };
    view! {
        <div class="case-list__search">
            <input
                node_ref=input
                class="case-list__search-input"
                type="search"
                enterkeyhint="search"
                autocomplete="off"
                prop:value=initial
                placeholder=move || i18n.t(Key::CasesSearchPlaceholder)
                aria-label=move || i18n.t(Key::CasesSearchLabel)
                data-testid="case-search"
                on:input=on_input
            />
        </div>
    }
}

/// The status group, and a panel with type, risk, sort and the two toggles.
#[component]
fn Filters(params: Memo<ListParams>, set_params: Callback<ListParams>) -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let change = move |edit: &dyn Fn(&mut ListParams)| {
        let mut next = params.get_untracked();
        edit(&mut next);
        set_params.run(next);
    };
    let advanced = Memo::new(move |_| params.with(ListParams::advanced_count));
    let px = |size: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>| {
        size.ok().and_then(|v| v.as_f64()).unwrap_or_default()
    };
    let roomy = px(window().inner_width()) >= FILTERS_OPEN_FROM_PX.0
        && px(window().inner_height()) >= FILTERS_OPEN_FROM_PX.1;
    let starts_open = roomy || advanced.get_untracked() > 0;
    let open = RwSignal::new(starts_open);
    // A panel opened or closed by hand is not how a start shows the list: no picture of it.
    let differs = move || (open.get() != starts_open).then_some("");
    let toggle_label = move || match advanced.get() {
        0 => i18n.t(Key::CasesFilterShow).to_owned(),
        n => i18n.format(Key::CasesFilterShowActive, &[("n", &n.to_string())]),
    };
    let status_selected = Signal::derive(move || params.with(ListParams::status_code));
    let on_status = Callback::new(move |code: &'static str| {
        change(&|p| {
            p.status = STATUS_CHOICES
                .iter()
                .find(|(_, c)| c.value == code)
                .map_or(StatusFilter::All, |(s, _)| *s);
        });
    });
    let searching = move || params.with(|p| !p.query.trim().is_empty());
    let has_profile = move || register.profile.with(Option::is_some);
    view! {
        <div
            class="case-list__filters"
            role="group"
            aria-label=move || i18n.t(Key::CasesFilterLabel)
            data-picture-differs=differs
        >
            <div class="case-list__filter-row">
                <ChoiceGroup
                    choices=STATUS_CHOICES.iter().map(|(_, c)| *c).collect()
                    selected=status_selected
                    on_select=on_status
                    label=Signal::derive(move || i18n.t(Key::CasesFilterStatus))
                />
                <button
                    type="button"
                    class="button case-list__filter-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="case-filter-panel"
                    data-testid="filter-toggle"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {toggle_label}
                </button>
            </div>
            <div class="case-list__filter-panel" id="case-filter-panel" hidden=move || !open.get()>
                <FilterSelects params=params set_params=set_params/>
                <ToggleButton
                    label=Key::CasesFilterOverdue
                    pressed=Signal::derive(move || params.with(|p| p.overdue_only))
                    on_toggle=Callback::new(move |on| change(&|p| p.overdue_only = on))
                    test_id="filter-overdue"
                />
                <Show when=has_profile>
                    <ToggleButton
                        label=Key::CasesFilterMine
                        pressed=Signal::derive(move || params.with(|p| p.mine_only))
                        on_toggle=Callback::new(move |on| change(&|p| p.mine_only = on))
                        test_id="filter-mine"
                    />
                </Show>
                <Show when=searching>
                    <p class="case-list__hint" data-testid="sort-relevance">{tr(Key::CasesSortRelevance)}</p>
                </Show>
            </div>
        </div>
    }
}

/// The type, risk and sort drop-downs (their options follow the language like every label).
#[component]
fn FilterSelects(params: Memo<ListParams>, set_params: Callback<ListParams>) -> impl IntoView {
    let i18n = I18n::expect();
    let change = move |edit: &dyn Fn(&mut ListParams)| {
        let mut next = params.get_untracked();
        edit(&mut next);
        set_params.run(next);
    };
    let label = move |key: Key| Signal::derive(move || i18n.t(key).to_owned());
    // "Any" first (the empty value), then every code of the vocabulary.
    let with_any = move |any: Key, codes: Vec<SelectOption>| {
        let mut all = Vec::with_capacity(codes.len() + 1);
        all.push(SelectOption {
            value: String::new(),
            label: i18n.t(any).to_owned(),
        });
        all.extend(codes);
        all
    };
    let sort_options = Signal::derive(move || {
        let locale = i18n.locale();
        SORTS
            .iter()
            .map(|(_, code, key)| SelectOption {
                value: (*code).to_owned(),
                label: locale.text(*key).to_owned(),
            })
            .collect::<Vec<_>>()
    });
    view! {
            <FilterSelect
                id="filter-type"
                label=label(Key::CasesFilterType)
                options=Signal::derive(move || {
                    with_any(Key::CasesFilterTypeAll, code_options(i18n.locale(), vocab::dispute_type))
                })
                value=Signal::derive(move || {
                    params.with(|p| p.dispute_type.map(|t| t.code().to_owned()).unwrap_or_default())
                })
                on_change=Callback::new(move |code: String| {
                    change(&|p| p.dispute_type = DisputeType::from_code(&code));
                })
            />
            <FilterSelect
                id="filter-risk"
                label=label(Key::CasesFilterRisk)
                options=Signal::derive(move || {
                    with_any(Key::CasesFilterRiskAll, code_options(i18n.locale(), vocab::risk_level))
                })
                value=Signal::derive(move || {
                    params.with(|p| p.risk_level.map(|r| r.code().to_owned()).unwrap_or_default())
                })
                on_change=Callback::new(move |code: String| {
                    change(&|p| p.risk_level = RiskLevel::from_code(&code));
                })
            />
            <FilterSelect
                id="filter-sort"
                label=label(Key::CasesSortLabel)
                options=sort_options
                value=Signal::derive(move || params.with(|p| p.sort_code().to_owned()))
                on_change=Callback::new(move |code: String| {
                    change(&|p| {
                        p.sort = SORTS
                            .iter()
                            .find(|(_, c, _)| *c == code)
                            .map_or(CaseSort::default(), |(s, _, _)| *s);
                    });
                })
            />
    }
}
