//! The mediation agreement (人民调解法 Arts 28–30): drafting or revising it with its structured
//! obligations, marking the written agreement's signatures and seal captured, and recording
//! that it took effect, with exactly what it still lacks listed by name.

use leptos::prelude::*;

use crate::components::form::{Field, FieldKind};
use crate::domain::case::AgreementForm;
use crate::domain::command::CaseCommand;
use crate::domain::ids::AgreementId;
use crate::domain::procedure::{
    Agreement, AgreementRecord, Obligation, ObligationKind, PartySignature, PersonalStatus,
    Signatures,
};
use crate::domain::validate::{FieldError, FieldErrorCode};
use crate::domain::{CaseState, Date, Fen, PartyId};
use crate::i18n::vocab;
use crate::i18n::Key;
use crate::state::i18n::tr;
use crate::state::register::new_id;
use crate::state::I18n;

use super::draft::StepDraft;
use super::{
    all_parties, code_options, date_field, date_value, gap_list, intro, named_options, parties_of,
    party_checks, party_name, read_code, read_date, read_optional_date, step_action, today,
    FormState,
};

/// The draft a form works on: the latest agreement not in effect and not replaced.
pub(crate) fn current_draft(state: &CaseState) -> Option<&AgreementRecord> {
    let p = &state.procedure;
    p.agreements.iter().rev().find(|a| {
        !a.replaced
            && p.effective
                .as_ref()
                .is_none_or(|(e, _)| e != &a.agreement.id)
    })
}

/// One obligation row of the form, as typed.
#[derive(Clone, Copy)]
struct Row {
    /// Creation number, for keys and test ids.
    n: usize,
    obligor: RwSignal<String>,
    obligee: RwSignal<String>,
    kind: RwSignal<String>,
    description: RwSignal<String>,
    amount: RwSignal<String>,
    due: RwSignal<String>,
    method: RwSignal<String>,
    place: RwSignal<String>,
}

impl Row {
    fn new(n: usize, o: Option<&Obligation>) -> Row {
        let text = |f: fn(&Obligation) -> String| RwSignal::new(o.map(f).unwrap_or_default());
        Row {
            n,
            obligor: text(|o| o.obligor.to_string()),
            obligee: text(|o| o.obligee.to_string()),
            kind: RwSignal::new(
                o.map_or(ObligationKind::Payment, |o| o.kind)
                    .code()
                    .to_owned(),
            ),
            description: text(|o| o.description.clone()),
            amount: text(|o| o.amount.map(|f| f.to_string()).unwrap_or_default()),
            due: text(|o| o.due.map(|d| d.to_string()).unwrap_or_default()),
            method: text(|o| o.method.clone()),
            place: text(|o| o.place.clone()),
        }
    }

    /// The fields of a row, in a fixed order (for the draft).
    fn cells(&self) -> [RwSignal<String>; 8] {
        [
            self.obligor,
            self.obligee,
            self.kind,
            self.description,
            self.amount,
            self.due,
            self.method,
            self.place,
        ]
    }

    /// Every row as one string: rows separated by a record separator, cells by a unit
    /// separator (characters no input produces).
    fn encode_all(rows: &[Row]) -> String {
        rows.iter()
            .map(|r| {
                r.cells()
                    .iter()
                    .map(|c| c.get())
                    .collect::<Vec<_>>()
                    .join("\u{1f}")
            })
            .collect::<Vec<_>>()
            .join("\u{1e}")
    }

    /// Rows from [`Row::encode_all`], numbered afresh.
    fn decode_all(text: &str) -> Vec<Row> {
        text.split('\u{1e}')
            .filter(|r| !r.is_empty())
            .enumerate()
            .map(|(n, r)| {
                let row = Row::new(n, None);
                for (cell, value) in row.cells().iter().zip(r.split('\u{1f}')) {
                    cell.set(value.to_owned());
                }
                row
            })
            .collect()
    }

    /// The obligation typed, or field errors under `obligations.<i>.*`.
    fn read(&self, i: usize, errors: &mut Vec<FieldError>) -> Option<Obligation> {
        let path = |leaf: &str| format!("obligations.{i}.{leaf}");
        let party = |raw: String, leaf: &str, errors: &mut Vec<FieldError>| {
            let id = PartyId::parse(&raw).ok();
            if id.is_none() {
                errors.push(FieldError::new(path(leaf), FieldErrorCode::Required));
            }
            id
        };
        let obligor = party(self.obligor.get_untracked(), "obligor", errors);
        let obligee = party(self.obligee.get_untracked(), "obligee", errors);
        let kind = read_code::<ObligationKind>(&self.kind.get_untracked(), &path("kind"), errors);
        let raw_amount = self.amount.get_untracked();
        let amount = if raw_amount.trim().is_empty() {
            None
        } else {
            match Fen::parse_yuan(&raw_amount) {
                Ok(f) => Some(f),
                Err(e) => {
                    errors.push(FieldError::new(path("amount"), FieldErrorCode::Amount(e)));
                    None
                }
            }
        };
        let due = read_optional_date(&self.due.get_untracked(), &path("due"), errors);
        Some(Obligation {
            obligor: obligor?,
            obligee: obligee?,
            kind: kind?,
            description: self.description.get_untracked().trim().to_owned(),
            amount,
            due,
            method: self.method.get_untracked().trim().to_owned(),
            place: self.place.get_untracked().trim().to_owned(),
        })
    }

    fn view(self, parties: &[(PartyId, String)], remove: Callback<usize>) -> AnyView {
        let i18n = I18n::expect();
        let n = self.n;
        let field = |id: &'static str, kind, label, signal| {
            Field::bound(id, kind, label, signal).id(format!("obligation-{n}-{id}"))
        };
        let names = named_options(parties);
        view! {
            <fieldset class="form__group obligation" data-testid=format!("obligation-{n}")>
                <legend>{move || i18n.format(Key::StepAgreementObligationN, &[("n", &(n + 1).to_string())])}</legend>
                {field("obligor", FieldKind::Select, Key::StepAgreementObligor, self.obligor).options(names).choose().required().view()}
                {field("obligee", FieldKind::Select, Key::StepAgreementObligee, self.obligee).options(names).choose().required().view()}
                {field("kind", FieldKind::Select, Key::StepAgreementObligationKind, self.kind).options(code_options(vocab::obligation_kind)).view()}
                {field("description", FieldKind::Text, Key::StepAgreementObligationWhat, self.description).view()}
                {field("amount", FieldKind::Numeric, Key::StepAgreementAmount, self.amount).view()}
                {field("due", FieldKind::Date, Key::StepAgreementDue, self.due).hint(Key::StepAgreementDueHint).view()}
                {field("method", FieldKind::Text, Key::StepAgreementMethod, self.method).view()}
                {field("place", FieldKind::Text, Key::StepAgreementPlace, self.place).view()}
                <button type="button" class="button" data-testid=format!("obligation-{n}-remove") on:click=move |_| remove.run(n)>
                    {tr(Key::StepAgreementRemoveObligation)}
                </button>
            </fieldset>
        }
        .into_any()
    }
}

/// Drafts the agreement, or revises the current draft; after an agreement took effect and the
/// case was mediated again, the new draft replaces it (人民调解法 Art 33 para 3).
pub(super) fn agreement_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let parties = parties_of(&state);
    let draft = current_draft(&state).map(|r| r.agreement.clone());
    let replaces = draft.as_ref().map_or_else(
        || state.procedure.effective.as_ref().map(|(id, _)| id.clone()),
        |d| d.replaces.clone(),
    );
    let existing_id = draft.as_ref().map(|d| d.id.clone());
    let d = draft.as_ref();
    let text = |f: fn(&Agreement) -> String| RwSignal::new(d.map(f).unwrap_or_default());
    let form_kind = RwSignal::new(
        d.map_or(AgreementForm::Written, |a| a.form)
            .code()
            .to_owned(),
    );
    let number = text(|a| a.number.clone().unwrap_or_default());
    let bound = RwSignal::new(d.map_or_else(|| all_parties(&state), |a| a.parties.clone()));
    let facts = text(|a| a.facts.clone());
    let issues = text(|a| a.issues.clone());
    let responsibility = text(|a| a.responsibility.clone());
    let content = text(|a| a.content.clone());
    let copies = RwSignal::new(
        d.map_or(state.parties.len() + 1, |a| a.copies as usize)
            .to_string(),
    );
    let reached = date_value(d.map_or_else(today, |a| a.reached_on));
    let personal = text(|a| {
        a.personal_status
            .map(|p| p.code().to_owned())
            .unwrap_or_default()
    });
    let initial: Vec<Row> = d
        .map(|a| {
            a.obligations
                .iter()
                .enumerate()
                .map(|(i, o)| Row::new(i, Some(o)))
                .collect()
        })
        .unwrap_or_default();
    let next = StoredValue::new(initial.len());
    let rows = RwSignal::new(initial);
    let add = move |_| {
        let n = next.get_value();
        next.set_value(n + 1);
        rows.update(|r| r.push(Row::new(n, None)));
    };
    let remove = Callback::new(move |n: usize| rows.update(|r| r.retain(|row| row.n != n)));

    let save = step_action(form, case, move |errors| {
        let existing_id = existing_id.clone();
        let replaces = replaces.clone();
        let agreement_form = read_code::<AgreementForm>(&form_kind.get_untracked(), "form", errors);
        let reached_on = read_date(&reached.get_untracked(), "reached_on", errors);
        let copies = copies.get_untracked().trim().parse::<u32>().ok();
        if copies.is_none() {
            errors.push(FieldError::new("copies", FieldErrorCode::NotANumber));
        }
        let obligations: Vec<Option<Obligation>> = rows
            .get_untracked()
            .iter()
            .enumerate()
            .map(|(i, row)| row.read(i, errors))
            .collect();
        let id =
            existing_id.or_else(|| new_id().ok().and_then(|raw| AgreementId::parse(&raw).ok()));
        if !errors.is_empty() {
            return None;
        }
        let (Some(agreement_form), Some(reached_on), Some(copies), Some(id)) =
            (agreement_form, reached_on, copies, id)
        else {
            return None;
        };
        let obligations = obligations.into_iter().collect::<Option<Vec<_>>>()?;
        let number = number.get_untracked().trim().to_owned();
        let agreement = Agreement {
            id,
            form: agreement_form,
            number: (!number.is_empty()).then_some(number),
            parties: bound.get_untracked(),
            facts: facts.get_untracked().trim().to_owned(),
            issues: issues.get_untracked().trim().to_owned(),
            responsibility: responsibility.get_untracked().trim().to_owned(),
            content: content.get_untracked().trim().to_owned(),
            obligations,
            copies,
            reached_on,
            replaces,
            personal_status: PersonalStatus::from_code(&personal.get_untracked()),
        };
        Some(vec![CaseCommand::DraftAgreement(agreement)])
    });

    let row_parties = parties.clone();
    let obligation_rows = move || {
        rows.get()
            .into_iter()
            .map(|row| row.view(&row_parties, remove))
            .collect_view()
    };
    let obligations = view! {
        <div class="obligations" data-testid="obligations">
            {obligation_rows}
            <button type="button" class="button" data-testid="add-obligation" on:click=add>
                {tr(Key::StepAgreementAddObligation)}
            </button>
        </div>
    }
    .into_any();
    let draft = StepDraft::new()
        .text("form", form_kind)
        .text("number", number)
        .list("parties", bound, ToString::to_string, |s| {
            PartyId::parse(s).ok()
        })
        .text("facts", facts)
        .text("issues", issues)
        .text("responsibility", responsibility)
        .text("content", content)
        .text("copies", copies)
        .text("reached", reached)
        .text("personal", personal)
        .custom(
            "obligations",
            move || rows.with(|r| Row::encode_all(r)),
            move |v| {
                let restored = Row::decode_all(v);
                next.set_value(restored.len());
                rows.set(restored);
            },
        );
    draft.start();
    form.finish(
        vec![
            intro(Key::StepAgreementIntro),
            draft.notice(),
            Field::bound(
                "agreement-form",
                FieldKind::Select,
                Key::StepAgreementForm,
                form_kind,
            )
            .options(code_options(vocab::agreement_form))
            .required()
            .view(),
            Field::bound(
                "agreement-number",
                FieldKind::Text,
                Key::StepAgreementNumber,
                number,
            )
            .view(),
            party_checks(
                "agreement-party",
                Key::StepAgreementParties,
                &parties,
                bound,
            ),
            Field::bound(
                "agreement-facts",
                FieldKind::Multiline,
                Key::StepAgreementFacts,
                facts,
            )
            .view(),
            Field::bound(
                "agreement-issues",
                FieldKind::Multiline,
                Key::StepAgreementIssues,
                issues,
            )
            .view(),
            Field::bound(
                "agreement-responsibility",
                FieldKind::Multiline,
                Key::StepAgreementResponsibility,
                responsibility,
            )
            .view(),
            Field::bound(
                "agreement-content",
                FieldKind::Multiline,
                Key::StepAgreementContent,
                content,
            )
            .required()
            .view(),
            obligations,
            Field::bound(
                "agreement-copies",
                FieldKind::Numeric,
                Key::StepAgreementCopies,
                copies,
            )
            .hint(Key::StepAgreementCopiesHint)
            .err(form.errors, &["copies"])
            .view(),
            date_field(
                "agreement-reached",
                Key::StepAgreementReached,
                reached,
                form,
                &["reached_on"],
            )
            .view(),
            Field::bound(
                "agreement-personal-status",
                FieldKind::Select,
                Key::StepAgreementPersonalStatus,
                personal,
            )
            .options(code_options(vocab::personal_status))
            .choose()
            .hint(Key::StepAgreementPersonalStatusHint)
            .view(),
        ],
        save,
        Key::StepAgreementSave,
    )
}

/// Marks who signed the written agreement and when, the mediator's signature and the seal.
pub(super) fn signatures_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let Some(record) = current_draft(&state).cloned() else {
        return intro(Key::StepNoDraft);
    };
    let agreement = record.agreement.id.clone();
    let signed_on = |party: &PartyId| {
        record
            .signatures
            .parties
            .iter()
            .find(|s| &s.party == party)
            .map(|s| s.on.to_string())
            .unwrap_or_default()
    };
    let slots: Vec<(PartyId, RwSignal<String>)> = record
        .agreement
        .parties
        .iter()
        .map(|p| (p.clone(), RwSignal::new(signed_on(p))))
        .collect();
    let shown = |d: Option<Date>| RwSignal::new(d.map(|d| d.to_string()).unwrap_or_default());
    let mediator = shown(record.signatures.mediator_on);
    let seal = shown(record.signatures.sealed_on);
    let fields: Vec<AnyView> = slots
        .iter()
        .enumerate()
        .map(|(i, (party, on))| {
            let name = party_name(&state, party);
            let i18n = I18n::expect();
            Field::bound("signature", FieldKind::Date, Key::StepSignaturesParty, *on)
                .id(format!("signature-party-{i}"))
                .label(Signal::derive(move || {
                    i18n.format(Key::StepSignaturesPartyOf, &[("party", &name)])
                }))
                .view()
        })
        .collect();
    let all_today = {
        let slots = slots.clone();
        move |_| {
            let day = today().to_string();
            for (_, on) in &slots {
                on.set(day.clone());
            }
            mediator.set(day.clone());
            seal.set(day);
        }
    };
    let save = step_action(form, case, move |errors| {
        let agreement = agreement.clone();
        let parties: Vec<PartySignature> = slots
            .iter()
            .enumerate()
            .filter_map(|(i, (party, on))| {
                let path = format!("signatures.parties.{i}");
                read_optional_date(&on.get_untracked(), &path, errors).map(|on| PartySignature {
                    party: party.clone(),
                    on,
                })
            })
            .collect();
        let mediator_on = read_optional_date(&mediator.get_untracked(), "mediator_on", errors);
        let sealed_on = read_optional_date(&seal.get_untracked(), "sealed_on", errors);
        if !errors.is_empty() {
            return None;
        }
        let signatures = Signatures {
            parties,
            mediator_on,
            sealed_on,
        };
        let command = CaseCommand::MarkSignatures {
            agreement,
            signatures,
        };
        Some(vec![command])
    });
    let mut children = vec![
        intro(Key::StepSignaturesIntro),
        view! {
            <button type="button" class="button" data-testid="signatures-all-today" on:click=all_today>
                {tr(Key::StepSignaturesAllToday)}
            </button>
        }
        .into_any(),
    ];
    children.extend(fields);
    children.push(
        Field::bound(
            "signature-mediator",
            FieldKind::Date,
            Key::StepSignaturesMediator,
            mediator,
        )
        .view(),
    );
    children.push(
        Field::bound(
            "signature-seal",
            FieldKind::Date,
            Key::StepSignaturesSeal,
            seal,
        )
        .view(),
    );
    form.finish(children, save, Key::StepSignaturesSave)
}

/// Shows what the draft still lacks and records that it took effect.
pub(super) fn effect_form(state: CaseState) -> AnyView {
    let form = FormState::new();
    let case = state.id.clone();
    let Some(record) = current_draft(&state).cloned() else {
        return intro(Key::StepNoDraft);
    };
    let ids: Vec<PartyId> = state.parties.iter().map(|p| p.id.clone()).collect();
    let gaps = record.missing(&ids);
    let agreement = record.agreement.id.clone();
    let save = step_action(form, case, move |_| {
        let agreement = agreement.clone();
        Some(vec![CaseCommand::RecordAgreement { agreement }])
    });
    form.finish(
        vec![intro(Key::StepEffectIntro), gap_list(&state, gaps)],
        save,
        Key::StepEffectSave,
    )
}
