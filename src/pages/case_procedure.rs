//! The case's procedure tab: the steps open to it now (one tap each), its time limit, and every
//! procedure record so far — notices, consents, sessions, agreements with what they lack,
//! obligations, follow-ups, judicial confirmation, referrals, closing reports and the case file.
//!
//! Invariant: read-only, like the rest of the case page; every change goes through a step page.

use leptos::prelude::*;

use crate::domain::deadline::mediation_deadline;
use crate::domain::procedure::{case_file_checklist, AgreementRecord, ReferralRecord};
use crate::domain::{CaseState, PartyId};
use crate::i18n::vocab::{self, Message};
use crate::i18n::{Key, Locale};
use crate::pages::procedure::gap_list;
use crate::routes::{Route, Step};
use crate::state::i18n::tr;
use crate::state::{I18n, RegisterState};

/// The label of a step's button on the case page.
pub fn step_label(step: Step) -> Key {
    match step {
        Step::Notice => Key::StepNoticeTitle,
        Step::Consent => Key::StepConsentTitle,
        Step::Replacement => Key::StepReplacementTitle,
        Step::Start => Key::StepStartTitle,
        Step::Session => Key::StepSessionTitle,
        Step::Extend => Key::StepExtendTitle,
        Step::Appraisal => Key::StepAppraisalTitle,
        Step::Agreement => Key::StepAgreementTitle,
        Step::Signatures => Key::StepSignaturesTitle,
        Step::Effect => Key::StepEffectTitle,
        Step::Obligation => Key::StepObligationTitle,
        Step::FollowUp => Key::StepFollowUpTitle,
        Step::Performance => Key::StepPerformanceTitle,
        Step::Jc => Key::StepJcTitle,
        Step::JcRuling => Key::StepJcRulingTitle,
        Step::Remediate => Key::StepRemediateTitle,
        Step::Referral => Key::StepReferralTitle,
        Step::Escalation => Key::StepEscalationTitle,
        Step::Terminate => Key::StepTerminateTitle,
        Step::Close => Key::StepCloseTitle,
        Step::CaseFile => Key::StepCaseFileTitle,
        Step::Reopen => Key::StepReopenTitle,
    }
}

fn names(state: &CaseState, ids: &[PartyId]) -> String {
    ids.iter()
        .map(|id| {
            state
                .party(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone())
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// A titled card holding lines of text; nothing when there are no lines.
fn record_card(title: Key, test_id: &'static str, lines: Vec<String>) -> Option<AnyView> {
    (!lines.is_empty()).then(|| {
        let items = lines
            .into_iter()
            .map(|l| view! { <li data-testid="record-line">{l}</li> })
            .collect_view();
        view! {
            <section class="card case-detail__section" data-testid=test_id>
                <h2 class="card__title">{tr(title)}</h2>
                <ul class="record-list">{items}</ul>
            </section>
        }
        .into_any()
    })
}

fn agreement_lines(state: &CaseState, record: &AgreementRecord, locale: Locale) -> Vec<String> {
    let p = &state.procedure;
    let a = &record.agreement;
    let standing = match &p.effective {
        Some((id, on)) if id == &a.id => Message::new(Key::CaseProcedureAgreementEffective)
            .with_text("date", vocab::date(*on, locale))
            .render(locale),
        _ if record.replaced => locale.text(Key::CaseProcedureAgreementReplaced).to_owned(),
        _ => locale.text(Key::CaseProcedureAgreementDraft).to_owned(),
    };
    let mut lines = vec![format!(
        "{} {} · {} · {}",
        locale.text(vocab::agreement_form(a.form)),
        a.number.clone().unwrap_or_default(),
        vocab::date(a.reached_on, locale),
        standing
    )];
    for (i, o) in a.obligations.iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut line = Message::new(Key::StepObligationLine)
            .with_text("n", n.to_string())
            .with_text("obligor", names(state, std::slice::from_ref(&o.obligor)))
            .with_text("obligee", names(state, std::slice::from_ref(&o.obligee)))
            .with_label("kind", vocab::obligation_kind(o.kind))
            .render(locale);
        if let Some(amount) = o.amount {
            line.push_str(&format!(" ¥{amount}"));
        }
        if let Some(due) = o.due {
            line.push_str(&format!(" {}", vocab::date(due, locale)));
        }
        let status = p.obligation_status(&a.id, n);
        line.push_str(&format!(
            " · {}",
            locale.text(vocab::obligation_status(status))
        ));
        lines.push(line);
    }
    lines
}

/// A referral as one line: when sent, what kind, to whom.
pub(crate) fn referral_line(referral: &ReferralRecord, locale: Locale) -> String {
    let to = referral.to_name.clone().unwrap_or_else(|| {
        locale
            .text(vocab::referral_target(referral.target))
            .to_owned()
    });
    format!(
        "{} · {} · {}",
        vocab::date(referral.sent_on, locale),
        locale.text(vocab::referral_kind(referral.kind)),
        to
    )
}

/// The procedure tab of a case.
#[component]
pub fn ProcedurePanel(state: CaseState) -> impl IntoView {
    let i18n = I18n::expect();
    let register = RegisterState::expect();
    let steps = Step::offered(&state)
        .into_iter()
        .map(|step| {
            let href = Route::Step(state.id.clone(), step).href();
            view! {
                <a class="button" href=href data-testid=format!("step-{}", step.code())>{tr(step_label(step))}</a>
            }
        })
        .collect_view();
    let calendar = register.directory.with_untracked(|d| d.calendar());
    let deadline = mediation_deadline(&state, &calendar).and_then(|d| d.last_day());
    let draft = crate::pages::procedure::current_draft(&state).map(|record| {
        let ids: Vec<PartyId> = state.parties.iter().map(|p| p.id.clone()).collect();
        gap_list(&state, record.missing(&ids))
    });
    let records = move || {
        let locale = i18n.locale();
        let s = &state;
        let p = &s.procedure;
        let date = |d| vocab::date(d, locale);
        let mut cards: Vec<AnyView> = Vec::new();
        if let Some(last) = deadline {
            cards.push(
                view! {
                    <p class="notice" data-testid="procedure-deadline">
                        {Message::new(Key::CaseProcedureDeadline).with_text("date", date(last)).render(locale)}
                    </p>
                }
                .into_any(),
            );
        }
        let notices = p
            .notices
            .iter()
            .map(|n| {
                format!(
                    "{} · {} · {}",
                    date(n.record.on),
                    locale.text(vocab::notice_kind(n.record.kind)),
                    names(s, &n.record.parties)
                )
            })
            .collect();
        cards.extend(record_card(
            Key::CaseProcedureNotices,
            "procedure-notices",
            notices,
        ));
        let mut consents: Vec<String> = p
            .consents
            .iter()
            .map(|(party, (decision, on))| {
                format!(
                    "{} · {} · {}",
                    names(s, std::slice::from_ref(party)),
                    locale.text(vocab::consent_decision(*decision)),
                    date(*on)
                )
            })
            .collect();
        if let Some(mode) = p.mode {
            consents.push(locale.text(vocab::mediation_mode(mode)).to_owned());
        }
        cards.extend(record_card(
            Key::CaseProcedureConsents,
            "procedure-consents",
            consents,
        ));
        let sessions = p
            .sessions
            .iter()
            .map(|x| {
                let (h, m) = x.at.china_hour_minute();
                format!(
                    "{} {h:02}:{m:02} · {} · {} · {}",
                    date(x.at.china_date()),
                    locale.text(vocab::session_kind(x.kind)),
                    x.place,
                    locale.text(vocab::session_outcome(x.outcome))
                )
            })
            .collect();
        cards.extend(record_card(
            Key::CaseProcedureSessions,
            "procedure-sessions",
            sessions,
        ));
        let agreements = p
            .agreements
            .iter()
            .flat_map(|a| agreement_lines(s, a, locale))
            .collect();
        cards.extend(record_card(
            Key::CaseProcedureAgreements,
            "procedure-agreements",
            agreements,
        ));
        let follow_ups = p
            .follow_ups
            .iter()
            .map(|f| {
                let f = &f.record;
                let mut line = format!(
                    "{} · {} · {} · {}",
                    date(f.on),
                    locale.text(vocab::follow_up_method(f.method)),
                    locale.text(vocab::performance_found(f.performance)),
                    locale.text(vocab::satisfaction(f.satisfaction))
                );
                if let Some(next) = f.next_visit {
                    line.push_str(" · ");
                    line.push_str(
                        &Message::new(Key::CaseProcedureNextVisit)
                            .with_text("date", date(next))
                            .render(locale),
                    );
                }
                line
            })
            .collect();
        cards.extend(record_card(
            Key::CaseProcedureFollowUps,
            "procedure-follow-ups",
            follow_ups,
        ));
        let jc = p
            .jc
            .iter()
            .map(|(application, ruling)| {
                let mut line = format!("{} · {}", date(application.applied_on), application.court);
                if let Some((r, on)) = ruling {
                    line.push_str(&format!(
                        " · {} {}",
                        locale.text(vocab::jc_ruling(*r)),
                        date(*on)
                    ));
                }
                line
            })
            .collect();
        cards.extend(record_card(Key::CaseProcedureJc, "procedure-jc", jc));
        let referrals = p
            .referrals
            .iter()
            .map(|r| {
                let mut line = referral_line(&r.referral, locale);
                if let Some(on) = r.acknowledged_on {
                    line.push_str(&format!(
                        " · {}",
                        Message::new(Key::CaseProcedureAcknowledged)
                            .with_text("date", date(on))
                            .render(locale)
                    ));
                }
                if let Some((_, result)) = &r.result {
                    line.push_str(&format!(" · {result}"));
                }
                line
            })
            .collect();
        cards.extend(record_card(
            Key::CaseProcedureReferrals,
            "procedure-referrals",
            referrals,
        ));
        let reports = p
            .closing_reports
            .iter()
            .map(|r| format!("{} · {}", date(r.record.closed_on), r.record.summary))
            .collect();
        cards.extend(record_card(
            Key::CaseProcedureClosing,
            "procedure-closing",
            reports,
        ));
        if s.status.is_registered() {
            let lines = case_file_checklist(s);
            let missing: Vec<Key> = lines
                .iter()
                .filter(|l| l.required && !l.present)
                .map(|l| vocab::case_file_item(l.item))
                .collect();
            let summary = if missing.is_empty() {
                locale.text(Key::CaseProcedureFileComplete).to_owned()
            } else {
                Message::new(Key::CaseProcedureFileMissing)
                    .with("items", vocab::Arg::Labels(missing))
                    .render(locale)
            };
            cards.extend(record_card(
                Key::CaseProcedureFile,
                "procedure-file",
                vec![summary],
            ));
        }
        cards
    };
    view! {
        <div class="case-detail__procedure" data-testid="procedure">
            <nav class="case-detail__steps" data-testid="procedure-steps">{steps}</nav>
            {draft}
            {records}
        </div>
    }
}
