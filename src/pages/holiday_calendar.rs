//! The committee's holiday calendar (节假日与调休): the public holidays and make-up working days
//! that working-day time limits count with (the medical 30 working days), as shipped and as the
//! committee corrected them. A correction is a directory event, so it travels in bundles like
//! every other record.

use leptos::prelude::*;

use crate::components::form::{
    card_title, dispatch_save, failure_line, form_card, saving_shown, submit_button, Field,
    FieldKind,
};
use crate::domain::calendar::{DayKind, DaySetting};
use crate::domain::command::DirectoryCommand;
use crate::domain::Date;
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::pages::setup::options;
use crate::pages::support::repo_error;
use crate::platform;
use crate::state::i18n::tr;
use crate::state::{I18n, RegisterState};

/// Lists the calendar of a year and takes corrections.
#[component]
pub fn HolidayCalendar() -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let this_year = platform::now().china_date().year();
    let year = RwSignal::new(this_year);
    let day = RwSignal::new(String::new());
    let kind = RwSignal::new(DayKind::Holiday.code().to_owned());
    let error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let save = crate::components::form::local_action(move || {
        Box::pin(async move {
            failure.set(None);
            let Ok(date) = Date::parse_iso(day.get_untracked().trim()) else {
                error.set(Some(i18n.t(Key::CalendarDayRequired).to_owned()));
                return;
            };
            error.set(None);
            let Some(kind) = DayKind::from_code(&kind.get_untracked()) else {
                return;
            };
            let command = DirectoryCommand::SetCalendarDay(DaySetting { date, kind });
            match register.save_directory(command).await {
                Ok(_) => {
                    day.set(String::new());
                    year.set(date.year());
                }
                Err(e) => failure.set(Some(repo_error(&e).render(i18n.locale()))),
            }
        })
    });
    let entries = move || {
        let y = year.get();
        let calendar = register.directory.with(|d| d.calendar());
        let locale = i18n.locale();
        let covered = calendar.covers(y);
        let rows = calendar
            .entries_in(y)
            .into_iter()
            .map(|(date, kind)| {
                view! {
                    <li data-testid="calendar-day">
                        {vocab::date(date, locale)} " · " {locale.text(vocab::day_kind(kind))}
                    </li>
                }
            })
            .collect_view();
        let note = (!covered).then(|| {
            view! {
                <p class="notice notice--warning" data-testid="calendar-uncovered">
                    {i18n.format(Key::CalendarUncovered, &[("year", &y.to_string())])}
                </p>
            }
        });
        view! {
            {note}
            <ul class="record-list" data-testid="calendar-days">{rows}</ul>
        }
    };
    let years = move || {
        (this_year - 1..=this_year + 1)
            .map(|y| {
                view! {
                    <button type="button" class="choice-group__choice" data-testid=format!("calendar-year-{y}")
                        aria-pressed=move || (year.get() == y).to_string()
                        on:click=move |_| year.set(y)>
                        {y.to_string()}
                    </button>
                }
            })
            .collect_view()
    };
    let children = vec![
        card_title(Key::CalendarTitle),
        view! { <p class="card__hint">{tr(Key::CalendarIntro)}</p> }.into_any(),
        view! { <div class="choice-group choice-group--segmented" role="group">{years}</div> }
            .into_any(),
        entries.into_any(),
        Field::bound("calendar-day", FieldKind::Date, Key::CalendarDay, day)
            .error(error.into())
            .view(),
        Field::bound("calendar-kind", FieldKind::Select, Key::CalendarKind, kind)
            .options(options(vocab::day_kind))
            .view(),
        failure_line(failure, None),
        submit_button(
            "button",
            "calendar-save",
            saving_shown(save),
            Signal::derive(move || i18n.t(Key::CalendarSave).to_owned()),
        ),
    ];
    form_card(Callback::new(move |()| dispatch_save(save)), children)
}
