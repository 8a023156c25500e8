//! The domain vocabulary: every code, status, step, rule and error has a translation in both
//! locales, labels within one vocabulary are distinct, messages fill all their placeholders, and
//! validation paths have field labels.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::fs;
use std::path::Path;

use casebook::domain::case::{
    AcceptanceBasis, AgreementForm, CaseFlag, CaseSource, DifficultyTier, DismissalReason,
    HandlingLevel, IntakeChannel, JcRuling, NotAcceptedReason, ObjectionCheck, Referral,
    ReferralReason, ReferralTarget, ReopenReason, ReplacementReason, RiskFlag, RiskLevel,
    SourceBucket, TerminationReason,
};
use casebook::domain::case_number::{CaseNumber, CaseNumberError, DuplicateNumber};
use casebook::domain::case_state::{ConflictKind, Ending};
use casebook::domain::chain::ChainProblem;
use casebook::domain::codes::Code;
use casebook::domain::command::CommandError;
use casebook::domain::conflict::{ConflictWarning, MatchKey, WarningSubject};
use casebook::domain::contact::{PhoneError, ResidentIdError};
use casebook::domain::dispute::{DeadlineRule, DisputeClassError, DisputeSubType, DisputeType};
use casebook::domain::money::AmountError;
use casebook::domain::org::{MediatorRole, NetworkLevel, OrgKind, Relation, TreeProblem};
use casebook::domain::party::{AgeGroup, Gender, IdDocKind, PartyKind, PartyRole};
use casebook::domain::procedure::{
    AgreementGap, CaseFileItem, ConsentDecision, Disclosure, FollowUpMethod, MediationMode,
    NoticeKind, ObligationKind, ObligationStatus, PerformanceFound, PersonalStatus, ReferralKind,
    Satisfaction, SessionKind, SessionOutcome,
};
use casebook::domain::screening::ScreeningKind;
use casebook::domain::time::DateError;
use casebook::domain::validate::{
    validate_lead, validate_mediator, validate_org_unit, validate_registration, validate_screening,
    validate_triage, AgentDraft, DisputeDraft, FieldError, FieldErrorCode, FindingDraft,
    IdDocDraft, LeadDraft, MediatorDraft, OrgRepresentativeDraft, OrgUnitDraft, PartyDraft,
    RegistrationDraft, RelativeDraft, RepresentativeDraft, ScreeningDraft, TriageDraft,
};
use casebook::domain::{
    CaseId, Date, DeviceId, EventId, MediatorId, OrgUnitId, PartyId, Rule, Status, Transition,
};
use casebook::i18n::vocab::{self, Arg, Message};
use casebook::i18n::{Key, Locale, ALL_KEYS};

// --- Helpers -------------------------------------------------------------------------------

fn name_of(key: Key) -> &'static str {
    ALL_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, name)| *name)
        .expect("every key is in the table")
}

/// Every text of a vocabulary is non-empty and distinct within it, in every locale.
fn assert_distinct(vocabulary: &str, texts: impl Fn(Locale) -> Vec<(String, String)>) {
    for locale in Locale::ALL {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (what, text) in texts(locale) {
            assert!(
                !text.trim().is_empty(),
                "{vocabulary}: {what} is empty in {}",
                locale.tag()
            );
            if let Some(other) = seen.insert(text.clone(), what.clone()) {
                panic!(
                    "{vocabulary}: {what} and {other} share the text {text:?} in {}",
                    locale.tag()
                );
            }
        }
    }
}

fn assert_labels_distinct(vocabulary: &str, keys: &[Key]) {
    assert_distinct(vocabulary, |locale| {
        keys.iter()
            .map(|k| (name_of(*k).to_owned(), locale.text(*k).to_owned()))
            .collect()
    });
}

/// A closed vocabulary of the domain: every value maps to `prefix.<code in lowercase>`, and the
/// labels are distinct.
fn assert_code_vocabulary<T: Code + Debug>(prefix: &str, label: fn(T) -> Key) {
    let values = <T as Code>::ALL;
    assert!(!values.is_empty(), "{prefix}: no values");
    for value in values {
        let expected = format!("{prefix}.{}", value.code().to_ascii_lowercase());
        assert_eq!(
            name_of(label(*value)),
            expected,
            "{prefix}: key of {value:?}"
        );
    }
    let keys: Vec<Key> = values.iter().map(|v| label(*v)).collect();
    assert_labels_distinct(prefix, &keys);
}

/// Renders in every locale, checking that no placeholder is left unfilled.
fn assert_complete(message: &Message) {
    for locale in Locale::ALL {
        let text = message.render(locale);
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{} in {} leaves a placeholder: {text}",
            name_of(message.key),
            locale.tag()
        );
        assert!(!text.trim().is_empty());
    }
}

fn assert_messages(vocabulary: &str, messages: &[Message]) {
    for m in messages {
        assert_complete(m);
    }
    assert_distinct(vocabulary, |locale| {
        messages
            .iter()
            .map(|m| (format!("{m:?}"), m.render(locale)))
            .collect()
    });
}

fn zh(key: Key) -> &'static str {
    Locale::ZhCn.text(key)
}

fn en(key: Key) -> &'static str {
    Locale::En.text(key)
}

fn event_id(digit: char) -> EventId {
    EventId::parse(&digit.to_string().repeat(64)).expect("event id")
}

fn device() -> DeviceId {
    DeviceId::parse("tab-01").expect("device id")
}

fn party_id(raw: &str) -> PartyId {
    PartyId::parse(raw).expect("party id")
}

fn mediator_id(raw: &str) -> MediatorId {
    MediatorId::parse(raw).expect("mediator id")
}

fn unit_id(raw: &str) -> OrgUnitId {
    OrgUnitId::parse(raw).expect("unit id")
}

// --- Closed vocabularies -------------------------------------------------------------------

#[test]
fn every_code_vocabulary_maps_each_value_to_its_own_distinct_label() {
    assert_code_vocabulary::<DisputeType>("dispute.type", vocab::dispute_type);
    assert_code_vocabulary::<DisputeSubType>("dispute.sub_type", vocab::dispute_sub_type);
    assert_code_vocabulary::<Status>("status", vocab::status);
    assert_code_vocabulary::<Rule>("rule", vocab::rule);
    assert_code_vocabulary::<CaseSource>("case.source", vocab::case_source);
    assert_code_vocabulary::<IntakeChannel>("case.channel", vocab::intake_channel);
    assert_code_vocabulary::<RiskFlag>("risk.flag", vocab::risk_flag);
    assert_code_vocabulary::<CaseFlag>("case.flag", vocab::case_flag);
    assert_code_vocabulary::<RiskLevel>("risk.level", vocab::risk_level);
    assert_code_vocabulary::<DifficultyTier>("tier", vocab::difficulty_tier);
    assert_code_vocabulary::<HandlingLevel>("handling.level", vocab::handling_level);
    assert_code_vocabulary::<AcceptanceBasis>("acceptance.basis", vocab::acceptance_basis);
    assert_code_vocabulary::<ObjectionCheck>("acceptance.objection", vocab::objection_check);
    assert_code_vocabulary::<NotAcceptedReason>("not_accepted.reason", vocab::not_accepted_reason);
    assert_code_vocabulary::<DismissalReason>("dismissal.reason", vocab::dismissal_reason);
    assert_code_vocabulary::<ReferralTarget>("referral.target", vocab::referral_target);
    assert_code_vocabulary::<ReferralReason>("referral.reason", vocab::referral_reason);
    assert_code_vocabulary::<ReplacementReason>("replacement.reason", vocab::replacement_reason);
    assert_code_vocabulary::<TerminationReason>("termination.reason", vocab::termination_reason);
    assert_code_vocabulary::<AgreementForm>("agreement.form", vocab::agreement_form);
    assert_code_vocabulary::<JcRuling>("jc.ruling", vocab::jc_ruling);
    assert_code_vocabulary::<ReopenReason>("reopen.reason", vocab::reopen_reason);
    assert_code_vocabulary::<PartyKind>("party.kind", vocab::party_kind);
    assert_code_vocabulary::<PartyRole>("party.role", vocab::party_role);
    assert_code_vocabulary::<Gender>("gender", vocab::gender);
    assert_code_vocabulary::<AgeGroup>("age_group", vocab::age_group);
    assert_code_vocabulary::<IdDocKind>("id_doc.kind", vocab::id_doc_kind);
    assert_code_vocabulary::<OrgKind>("org.kind", vocab::org_kind);
    assert_code_vocabulary::<MediatorRole>("mediator.role", vocab::mediator_role);
    assert_code_vocabulary::<Relation>("relation", vocab::relation);
    assert_code_vocabulary::<ScreeningKind>("screening.kind", vocab::screening_kind);
    assert_code_vocabulary::<MatchKey>("match.key", vocab::match_key);
    assert_code_vocabulary::<NoticeKind>("notice.kind", vocab::notice_kind);
    assert_code_vocabulary::<ConsentDecision>("consent.decision", vocab::consent_decision);
    assert_code_vocabulary::<MediationMode>("mediation.mode", vocab::mediation_mode);
    assert_code_vocabulary::<SessionKind>("session.kind", vocab::session_kind);
    assert_code_vocabulary::<Disclosure>("disclosure", vocab::disclosure);
    assert_code_vocabulary::<SessionOutcome>("session.outcome", vocab::session_outcome);
    assert_code_vocabulary::<ObligationKind>("obligation.kind", vocab::obligation_kind);
    assert_code_vocabulary::<ObligationStatus>("obligation.status", vocab::obligation_status);
    assert_code_vocabulary::<PersonalStatus>("personal_status", vocab::personal_status);
    assert_code_vocabulary::<FollowUpMethod>("follow_up.method", vocab::follow_up_method);
    assert_code_vocabulary::<PerformanceFound>("performance.found", vocab::performance_found);
    assert_code_vocabulary::<Satisfaction>("satisfaction", vocab::satisfaction);
    assert_code_vocabulary::<ReferralKind>("referral.kind", vocab::referral_kind);
    assert_code_vocabulary::<CaseFileItem>("case_file.item", vocab::case_file_item);
    assert_code_vocabulary::<casebook::domain::calendar::DayKind>("calendar.kind", vocab::day_kind);
}

#[test]
fn dates_are_written_the_way_each_locale_writes_them() {
    let day = Date::from_ymd(2026, 3, 5).expect("day");
    assert_eq!(vocab::date(day, Locale::ZhCn), "2026年3月5日");
    assert_eq!(vocab::date(day, Locale::En), "5 Mar 2026");
    let december = Date::from_ymd(2026, 12, 31).expect("day");
    assert_eq!(vocab::date(december, Locale::En), "31 Dec 2026");
}

/// Every lifecycle step; the match below stops compiling when a step is added, as a reminder to
/// list it here.
const TRANSITIONS: [Transition; 23] = [
    Transition::RecordLead,
    Transition::Register,
    Transition::ConvertLead,
    Transition::DismissLead,
    Transition::NotAccept,
    Transition::Triage,
    Transition::ReferOut,
    Transition::Assign,
    Transition::ReplaceMediator,
    Transition::StartMediation,
    Transition::Agree,
    Transition::Terminate,
    Transition::ApplyJudicialConfirmation,
    Transition::RuleJudicialConfirmation(JcRuling::Valid),
    Transition::RuleJudicialConfirmation(JcRuling::Rejected),
    Transition::Remediate,
    Transition::SchedulePerformance,
    Transition::RecordPerformed,
    Transition::RecordNonPerformance,
    Transition::UrgePerformance,
    Transition::Close,
    Transition::Archive,
    Transition::Reopen,
];

#[allow(dead_code)]
fn every_transition_is_listed(t: Transition) {
    use Transition as T;
    match t {
        T::RecordLead
        | T::Register
        | T::ConvertLead
        | T::DismissLead
        | T::NotAccept
        | T::Triage
        | T::ReferOut
        | T::Assign
        | T::ReplaceMediator
        | T::StartMediation
        | T::Agree
        | T::Terminate
        | T::ApplyJudicialConfirmation
        | T::RuleJudicialConfirmation(JcRuling::Valid | JcRuling::Rejected)
        | T::Remediate
        | T::SchedulePerformance
        | T::RecordPerformed
        | T::RecordNonPerformance
        | T::UrgePerformance
        | T::Close
        | T::Archive
        | T::Reopen => {}
    }
}

#[test]
fn every_transition_has_a_distinct_button_label_named_by_its_code() {
    let distinct: BTreeSet<Transition> = TRANSITIONS.into_iter().collect();
    assert_eq!(distinct.len(), TRANSITIONS.len());
    for t in TRANSITIONS {
        let expected = format!("transition.{}", t.code().to_ascii_lowercase());
        assert_eq!(name_of(vocab::transition(t)), expected);
    }
    let keys: Vec<Key> = TRANSITIONS.into_iter().map(vocab::transition).collect();
    assert_labels_distinct("transition", &keys);
}

#[test]
fn the_other_small_vocabularies_are_complete_and_distinct() {
    for rule in DeadlineRule::ALL {
        let expected = format!("deadline.rule.{}", rule.code().to_ascii_lowercase());
        assert_eq!(name_of(vocab::deadline_rule(rule)), expected);
    }
    let keys: Vec<Key> = DeadlineRule::ALL
        .into_iter()
        .map(vocab::deadline_rule)
        .collect();
    assert_labels_distinct("deadline.rule", &keys);

    let buckets = [
        (SourceBucket::Application, "application"),
        (SourceBucket::Initiative, "initiative"),
        (SourceBucket::Referral, "referral"),
    ];
    for (bucket, code) in buckets {
        let expected = format!("case.source_bucket.{code}");
        assert_eq!(name_of(vocab::source_bucket(bucket)), expected);
    }
    let keys: Vec<Key> = buckets
        .map(|(b, _)| vocab::source_bucket(b))
        .into_iter()
        .collect();
    assert_labels_distinct("case.source_bucket", &keys);
    // Each source's statistics bucket has a label of its own.
    for source in CaseSource::ALL {
        assert!(!zh(vocab::source_bucket(source.bucket())).is_empty());
    }

    let levels: Vec<Key> = (1..=6)
        .map(|n| vocab::network_level(NetworkLevel::new(n).expect("level")))
        .collect();
    for (n, key) in (1..=6).zip(&levels) {
        assert_eq!(name_of(*key), format!("network.level.{n}"));
    }
    assert_labels_distinct("network.level", &levels);

    assert_labels_distinct(
        "escalation",
        &[
            vocab::escalation_report(true),
            vocab::escalation_report(false),
        ],
    );
}

#[test]
fn every_ending_shows_its_reason() {
    let referral = Referral {
        target: ReferralTarget::Court,
        to_unit: None,
        to_name: Some("区人民法院".to_owned()),
        reason: ReferralReason::CriminalElement,
    };
    let cases = [
        (
            Ending::Dismissed(DismissalReason::DefusedOnSpot),
            "已当场化解",
        ),
        (
            Ending::NotAccepted(NotAcceptedReason::AlreadyHandled),
            "已由法院、公安或其他行政机关受理或处理",
        ),
        (Ending::ReferredOut(referral), "涉嫌违法犯罪"),
        (Ending::Terminated(TerminationReason::Failed), "调解不成"),
    ];
    for (ending, text) in cases {
        assert_eq!(zh(vocab::ending(&ending)), text);
    }
}

#[test]
fn official_terms_are_used_in_chinese_and_plain_english_beside_them() {
    assert_eq!(
        zh(vocab::dispute_type(DisputeType::MarriageFamily)),
        "婚姻家庭纠纷"
    );
    assert_eq!(
        en(vocab::dispute_type(DisputeType::MarriageFamily)),
        "Marriage and family"
    );
    assert_eq!(zh(vocab::dispute_type(DisputeType::Neighbour)), "邻里纠纷");
    assert_eq!(
        zh(vocab::dispute_type(DisputeType::Traffic)),
        "道路交通事故纠纷"
    );
    assert_eq!(
        zh(vocab::dispute_sub_type(DisputeSubType::Inheritance)),
        "继承纠纷"
    );
    assert_eq!(zh(vocab::status(Status::Registered)), "已受理");
    assert_eq!(zh(vocab::status(Status::NotAccepted)), "不予受理");
    assert_eq!(zh(vocab::status(Status::InMediation)), "调解中");
    assert_eq!(zh(vocab::transition(Transition::Triage)), "集中梳理");
    assert_eq!(zh(vocab::transition(Transition::ReferOut)), "分流移交");
    assert_eq!(zh(vocab::transition(Transition::Assign)), "指派调解员");
    assert_eq!(zh(vocab::transition(Transition::ConvertLead)), "登记为案件");
    assert_eq!(
        en(vocab::transition(Transition::Assign)),
        "Assign a mediator"
    );
    assert_eq!(
        zh(vocab::rule(Rule::ConsentOfEveryParty)),
        "需先记录各方当事人同意调解（人民调解法第十七条）"
    );
    assert_eq!(zh(vocab::difficulty_tier(DifficultyTier::Simple)), "简单");
    assert_eq!(zh(vocab::difficulty_tier(DifficultyTier::Ordinary)), "一般");
    assert_eq!(
        zh(vocab::difficulty_tier(DifficultyTier::Major)),
        "重大疑难"
    );
    assert_eq!(zh(vocab::risk_flag(RiskFlag::Escalation)), "可能激化");
    assert_eq!(
        zh(vocab::termination_reason(TerminationReason::Failed)),
        "调解不成"
    );
    assert_eq!(
        zh(vocab::case_source(CaseSource::PartyApplication)),
        "当事人申请"
    );
    assert_eq!(zh(vocab::party_role(PartyRole::Respondent)), "被申请人");
    assert_eq!(
        zh(vocab::field_label("presiding").expect("label")),
        "调解主持人"
    );
    assert_eq!(
        zh(vocab::field_label("first_contact").expect("label")),
        "首问负责人"
    );
    assert_eq!(
        zh(vocab::source_bucket(SourceBucket::Referral)),
        "接受委托移送调解"
    );
}

#[test]
fn every_rule_that_cites_a_law_cites_it_in_both_locales() {
    for rule in Rule::ALL {
        let key = vocab::rule(*rule);
        let zh_cites = zh(key).contains('第');
        let en_cites = en(key).contains("Art");
        assert_eq!(
            zh_cites,
            en_cites,
            "{}: citation in one locale only",
            name_of(key)
        );
        assert!(
            zh(key).starts_with("需"),
            "{} says what is needed",
            name_of(key)
        );
    }
}

// --- Errors --------------------------------------------------------------------------------

const PHONE_ERRORS: [PhoneError; 7] = [
    PhoneError::Empty,
    PhoneError::BadCharacter,
    PhoneError::NotAMobileNumber,
    PhoneError::BadAreaCode,
    PhoneError::BadLocalNumber,
    PhoneError::BadExtension,
    PhoneError::Unrecognised,
];
const RESIDENT_ID_ERRORS: [ResidentIdError; 5] = [
    ResidentIdError::WrongLength,
    ResidentIdError::BadCharacter,
    ResidentIdError::ZeroRegion,
    ResidentIdError::BadBirthDate,
    ResidentIdError::BadChecksum,
];
const DATE_ERRORS: [DateError; 2] = [DateError::Format, DateError::NoSuchDay];
const AMOUNT_ERRORS: [AmountError; 3] = [
    AmountError::Format,
    AmountError::Negative,
    AmountError::TooLarge,
];
const DISPUTE_ERRORS: [DisputeClassError; 4] = [
    DisputeClassError::SubTypeOfAnotherType,
    DisputeClassError::OtherNeedsLabel,
    DisputeClassError::LabelOnlyForOther,
    DisputeClassError::LabelTooLong,
];

/// Every field error code; the match below stops compiling when one is added.
fn all_field_error_codes() -> Vec<FieldErrorCode> {
    use FieldErrorCode as F;
    let mut codes = vec![
        F::Required,
        F::TooLong { max: 50 },
        F::UnknownChoice,
        F::BadId,
        F::NotANumber,
        F::OutOfRange,
        F::FutureDate,
        F::BirthDateAndAge,
        F::BirthDateContradictsIdNumber,
        F::GenderContradictsIdNumber,
        F::AgeGroupContradictsAge,
        F::MinorNeedsLegalRepresentative,
        F::PartyRequired,
        F::ApplicantRequired,
        F::Duplicate,
        F::SourceContradictsBasis,
        F::FindingsOrZeroReport,
        F::ZeroReportWithFindings,
        F::PresidingIsCoMediator,
        F::NumberRequired,
        F::BadPrefix,
    ];
    codes.extend(PHONE_ERRORS.map(F::Phone));
    codes.extend(RESIDENT_ID_ERRORS.map(F::ResidentId));
    codes.extend(DATE_ERRORS.map(F::Date));
    codes.extend(AMOUNT_ERRORS.map(F::Amount));
    codes.extend(DISPUTE_ERRORS.map(F::Dispute));
    codes
}

#[allow(dead_code)]
fn every_field_error_code_is_listed(code: &FieldErrorCode) {
    use FieldErrorCode as F;
    match code {
        F::Required
        | F::TooLong { .. }
        | F::UnknownChoice
        | F::BadId
        | F::NotANumber
        | F::OutOfRange
        | F::FutureDate
        | F::BirthDateAndAge
        | F::BirthDateContradictsIdNumber
        | F::GenderContradictsIdNumber
        | F::AgeGroupContradictsAge
        | F::MinorNeedsLegalRepresentative
        | F::PartyRequired
        | F::ApplicantRequired
        | F::Duplicate
        | F::SourceContradictsBasis
        | F::FindingsOrZeroReport
        | F::ZeroReportWithFindings
        | F::PresidingIsCoMediator
        | F::NumberRequired
        | F::BadPrefix => {}
        F::Phone(
            PhoneError::Empty
            | PhoneError::BadCharacter
            | PhoneError::NotAMobileNumber
            | PhoneError::BadAreaCode
            | PhoneError::BadLocalNumber
            | PhoneError::BadExtension
            | PhoneError::Unrecognised,
        ) => {}
        F::ResidentId(
            ResidentIdError::WrongLength
            | ResidentIdError::BadCharacter
            | ResidentIdError::ZeroRegion
            | ResidentIdError::BadBirthDate
            | ResidentIdError::BadChecksum,
        ) => {}
        F::Date(DateError::Format | DateError::NoSuchDay) => {}
        F::Amount(AmountError::Format | AmountError::Negative | AmountError::TooLarge) => {}
        F::Dispute(
            DisputeClassError::SubTypeOfAnotherType
            | DisputeClassError::OtherNeedsLabel
            | DisputeClassError::LabelOnlyForOther
            | DisputeClassError::LabelTooLong,
        ) => {}
    }
}

#[test]
fn every_field_error_has_its_own_message_named_by_its_code() {
    let codes = all_field_error_codes();
    assert_eq!(codes.len(), 42);
    for code in &codes {
        let message = vocab::field_error(code);
        let expected = format!("error.field.{}", code.code().to_ascii_lowercase());
        assert_eq!(name_of(message.key), expected, "{code:?}");
    }
    let messages: Vec<Message> = codes.iter().map(vocab::field_error).collect();
    assert_messages("error.field", &messages);
}

#[test]
fn field_errors_are_specific_and_carry_their_limits() {
    let checksum = vocab::field_error(&FieldErrorCode::ResidentId(ResidentIdError::BadChecksum));
    assert_eq!(
        checksum.render(Locale::ZhCn),
        "身份证号码校验位不正确，请核对最后一位。"
    );
    assert_eq!(
        checksum.render(Locale::En),
        "The check digit of the ID number is wrong; check the last character."
    );
    let long = vocab::field_error(&FieldErrorCode::TooLong { max: 200 });
    assert_eq!(long.render(Locale::ZhCn), "内容过长，最多200个字。");
    assert_eq!(long.render(Locale::En), "Too long: at most 200 characters.");
    let label = vocab::field_error(&FieldErrorCode::Dispute(DisputeClassError::LabelTooLong));
    assert_eq!(label.render(Locale::ZhCn), "纠纷名称最多40个字。");
}

#[test]
fn a_field_error_can_be_shown_with_its_field_label() {
    let error = FieldError::new(
        "parties[0].phone",
        FieldErrorCode::Phone(PhoneError::NotAMobileNumber),
    );
    let message = vocab::labelled_field_error(&error);
    assert_eq!(
        message.render(Locale::ZhCn),
        "联系电话：手机号码应为11位，以13至19开头，请核对。"
    );
    assert_eq!(
        message.render(Locale::En),
        "Phone number: A mobile number has 11 digits and starts with 13 to 19; please check it."
    );
    let unknown = FieldError::new("no_such_field", FieldErrorCode::Required);
    assert_eq!(
        vocab::labelled_field_error(&unknown),
        vocab::field_error(&FieldErrorCode::Required)
    );
}

/// Every command error; the match below stops compiling when one is added.
fn all_command_errors() -> Vec<CommandError> {
    use CommandError as E;
    vec![
        E::CaseAlreadyExists,
        E::CaseNotFound,
        E::InvalidTransition {
            from: Status::Registered,
            transition: Transition::Assign,
        },
        E::WrongStatus(Status::Closed),
        E::RequiresProcedureRecords(Rule::ConsentOfEveryParty),
        E::RequiresApplicationOrNoObjection,
        E::PartyRefusesMediation,
        E::NumberOfAnotherYear,
        E::TimeLimitOnlyForMedicalDisputes,
        E::SameMediator,
        E::Frozen,
        E::NothingToChange,
        E::PartyAlreadyExists(party_id("p-1")),
        E::PartyWasRemoved(party_id("p-1")),
        E::UnknownParty(party_id("p-1")),
        E::AlreadyAcknowledged,
        E::NotRevertible(event_id('a')),
        E::Invalid(vec![FieldError::new("summary", FieldErrorCode::Required)]),
        E::AgreementIncomplete(vec![AgreementGap::Seal, AgreementGap::Facts]),
        E::UnknownRecord,
        E::AgreementInEffect,
        E::ReplacementPending,
        E::JcExcludedRelationship(PersonalStatus::Marriage),
        E::JcWindowClosed {
            last_day: Date::from_ymd(2026, 4, 6).expect("day"),
        },
    ]
}

#[allow(dead_code)]
fn every_command_error_is_listed(error: &CommandError) {
    use CommandError as E;
    match error {
        E::CaseAlreadyExists
        | E::CaseNotFound
        | E::InvalidTransition { .. }
        | E::WrongStatus(_)
        | E::RequiresProcedureRecords(_)
        | E::RequiresApplicationOrNoObjection
        | E::PartyRefusesMediation
        | E::NumberOfAnotherYear
        | E::TimeLimitOnlyForMedicalDisputes
        | E::SameMediator
        | E::Frozen
        | E::NothingToChange
        | E::PartyAlreadyExists(_)
        | E::PartyWasRemoved(_)
        | E::UnknownParty(_)
        | E::AlreadyAcknowledged
        | E::NotRevertible(_)
        | E::Invalid(_)
        | E::AgreementIncomplete(_)
        | E::UnknownRecord
        | E::AgreementInEffect
        | E::ReplacementPending
        | E::JcExcludedRelationship(_)
        | E::JcWindowClosed { .. } => {}
    }
}

#[test]
fn every_command_error_has_its_own_complete_message() {
    let errors = all_command_errors();
    let messages: Vec<Message> = errors.iter().map(vocab::command_error).collect();
    for m in &messages {
        assert!(name_of(m.key).starts_with("error.command."), "{m:?}");
    }
    let keys: BTreeSet<&str> = messages.iter().map(|m| name_of(m.key)).collect();
    assert_eq!(keys.len(), errors.len(), "one key per variant");
    assert_messages("error.command", &messages);
}

#[test]
fn refusals_name_the_status_the_step_and_the_rule() {
    let invalid = vocab::command_error(&CommandError::InvalidTransition {
        from: Status::Registered,
        transition: Transition::Assign,
    });
    assert_eq!(
        invalid.render(Locale::ZhCn),
        "案件当前为“已受理”，不能“指派调解员”。"
    );
    assert_eq!(
        invalid.render(Locale::En),
        "“Assign a mediator” is not possible while the case is “Registered”."
    );
    let waits = vocab::command_error(&CommandError::RequiresProcedureRecords(
        Rule::RightsNoticeAcknowledged,
    ));
    assert_eq!(
        waits.render(Locale::ZhCn),
        "暂不能办理此步骤：需先告知当事人权利义务，并记录其已知悉（人民调解工作若干规定第三十条）。"
    );
    let invalid_fields = vocab::command_error(&CommandError::Invalid(vec![
        FieldError::new("summary", FieldErrorCode::Required),
        FieldError::new("parties", FieldErrorCode::PartyRequired),
    ]));
    assert_eq!(invalid_fields.render(Locale::ZhCn), "有2处填写需要修改。");
    // Every rule reads well inside the refusal.
    let refusals: Vec<Message> = Rule::ALL
        .iter()
        .map(|r| vocab::command_error(&CommandError::RequiresProcedureRecords(*r)))
        .collect();
    assert_messages("requires_procedure_records", &refusals);
}

#[test]
fn case_number_errors_are_complete() {
    let errors = [
        CaseNumberError::EmptyPrefix,
        CaseNumberError::BadPrefix,
        CaseNumberError::BadYear,
        CaseNumberError::BadSerial,
        CaseNumberError::BadSlot,
        CaseNumberError::Malformed,
        CaseNumberError::Exhausted {
            year: 2026,
            slot: 3,
        },
    ];
    let messages: Vec<Message> = errors.iter().map(vocab::case_number_error).collect();
    assert_messages("error.case_number", &messages);
    assert_eq!(
        messages[6].render(Locale::ZhCn),
        "本设备2026年编号段3的999个号码已用完，请主任另行分配编号段。"
    );
    let duplicate = DuplicateNumber {
        number: CaseNumber::new(2026, "东城", 2015).expect("number"),
        cases: vec![
            CaseId::parse("c-1").expect("id"),
            CaseId::parse("c-2").expect("id"),
        ],
    };
    let message = vocab::duplicate_number(&duplicate);
    assert_complete(&message);
    assert!(message
        .render(Locale::ZhCn)
        .starts_with("案号(2026)东城人调字第2015号同时用于2个案件"));
}

#[test]
fn supervisor_problems_are_complete_and_distinct() {
    let chains = [
        ChainProblem::ZeroSeq {
            device: device(),
            event: event_id('a'),
        },
        ChainProblem::Gap {
            device: device(),
            from: 3,
            to: 5,
        },
        ChainProblem::Fork {
            device: device(),
            seq: 4,
            events: vec![event_id('a'), event_id('b')],
        },
        ChainProblem::PrevOnFirst {
            device: device(),
            event: event_id('a'),
        },
        ChainProblem::MissingPrev {
            device: device(),
            event: event_id('a'),
        },
        ChainProblem::BrokenLink {
            device: device(),
            event: event_id('a'),
            seq: 7,
        },
    ];
    let messages: Vec<Message> = chains.iter().map(vocab::chain_problem).collect();
    assert_messages("chain", &messages);
    assert_eq!(
        messages[1].render(Locale::ZhCn),
        "设备tab-01缺少第3至5条记录（可能遗失或尚未收到）。"
    );
    assert!(messages[5]
        .render(Locale::En)
        .contains("aaaaaaaaaaaa (number 7)"));

    let conflicts = [
        ConflictKind::InvalidTransition {
            from: Some(Status::Closed),
            transition: Transition::Close,
        },
        ConflictKind::InvalidTransition {
            from: None,
            transition: Transition::Close,
        },
        ConflictKind::BeforeCreation,
        ConflictKind::Frozen,
        ConflictKind::PartyWasRemoved(party_id("p-1")),
        ConflictKind::UnknownParty(party_id("p-1")),
        ConflictKind::NotRevertible(event_id('c')),
        ConflictKind::UnknownRecord,
    ];
    let messages: Vec<Message> = conflicts.iter().map(vocab::fold_conflict).collect();
    assert_messages("fold.conflict", &messages);
    assert_eq!(
        messages[0].render(Locale::ZhCn),
        "“结案”未生效：当时案件为“已结案”。"
    );

    let names = |id: &OrgUnitId| match id.as_str() {
        "u-1" => "东城村调委会".to_owned(),
        other => other.to_owned(),
    };
    let trees = [
        TreeProblem::UnknownParent {
            unit: unit_id("u-1"),
            parent: unit_id("u-9"),
        },
        TreeProblem::LevelNotBelowParent {
            unit: unit_id("u-1"),
        },
        TreeProblem::Cycle {
            unit: unit_id("u-1"),
        },
    ];
    let messages: Vec<Message> = trees
        .iter()
        .map(|p| vocab::tree_problem(p, names))
        .collect();
    assert_messages("org.tree", &messages);
    assert_eq!(
        messages[0].render(Locale::ZhCn),
        "东城村调委会的上级组织（u-9）不在名录中。"
    );
}

// --- Conflict warnings ---------------------------------------------------------------------

fn warning(subject: WarningSubject, matched: &[MatchKey]) -> ConflictWarning {
    ConflictWarning {
        party: party_id("p-1"),
        subject,
        matched: matched.iter().copied().collect(),
    }
}

#[test]
fn warnings_say_who_matched_on_what() {
    let prior = warning(
        WarningSubject::PriorCase {
            case: CaseId::parse("c-7").expect("id"),
            party: party_id("p-9"),
        },
        &[MatchKey::Name],
    );
    let own = warning(
        WarningSubject::Mediator {
            mediator: mediator_id("m-1"),
        },
        &[MatchKey::IdNumber],
    );
    let relative = warning(
        WarningSubject::MediatorRelative {
            mediator: mediator_id("m-1"),
            relative: 0,
            relation: Relation::Spouse,
        },
        &[MatchKey::Name, MatchKey::Phone],
    );
    let messages = [
        vocab::conflict_warning(&prior, "张三", "(2025)东城人调字第1003号"),
        vocab::conflict_warning(&own, "张三", "李四"),
        vocab::conflict_warning(&relative, "张三", "李四"),
    ];
    assert_messages("warning", &messages);
    assert_eq!(
        messages[2].render(Locale::ZhCn),
        "张三与调解员李四的亲属（配偶）姓名、联系电话相同，该调解员可能需要回避。"
    );
    assert_eq!(
        messages[2].render(Locale::En),
        "张三 has the same name, phone number as a relative (Spouse) of mediator 李四: the \
         mediator may need to step aside."
    );
    assert_eq!(
        zh(vocab::warning_strength(&prior)),
        "仅姓名相同，可能只是同名"
    );
    assert_eq!(
        zh(vocab::warning_strength(&relative)),
        "号码相同，很可能是同一人"
    );
}

#[test]
fn nested_arguments_render_in_the_same_locale() {
    let message = Message::new(Key::ErrorFieldLabelled)
        .with_label("field", Key::FieldPartyPhone)
        .with(
            "error",
            Arg::Message(Box::new(vocab::field_error(&FieldErrorCode::Required))),
        );
    assert_eq!(message.render(Locale::ZhCn), "联系电话：请填写或选择此项。");
    assert_eq!(
        message.render(Locale::En),
        "Phone number: Please fill in or choose this."
    );
    let missing = Message::new(Key::ErrorFieldTooLong);
    assert_eq!(
        missing.render(Locale::En),
        "Too long: at most {max} characters."
    );
}

// --- Field labels --------------------------------------------------------------------------

fn today() -> Date {
    Date::from_ymd(2026, 3, 2).expect("date")
}

fn paths(result: Result<impl Sized, Vec<FieldError>>) -> Vec<String> {
    match result {
        Ok(_) => panic!("the draft was meant to be invalid"),
        Err(errors) => errors.into_iter().map(|e| e.path).collect(),
    }
}

/// Drafts with every field wrong, so the validators report as many paths as they can.
fn validator_paths() -> Vec<String> {
    let s = |x: &str| x.to_owned();
    let long = "长".repeat(300);
    let bad_person = PartyDraft {
        id: s("bad id!"),
        kind: s("NATURAL"),
        role: s("NOPE"),
        name: s(" "),
        gender: s("Q"),
        ethnicity: long.clone(),
        birth_date: s("2026-13-01"),
        age: s("abc"),
        age_group: s("NOPE"),
        occupation: long.clone(),
        address: long.clone(),
        phone: s("abc"),
        id_doc: IdDocDraft {
            kind: s("RESIDENT_ID"),
            number: s("123"),
        },
        legal_rep: Some(RepresentativeDraft {
            name: s(""),
            relation: long.clone(),
            phone: s("1"),
            id_doc: IdDocDraft {
                kind: s("NOPE"),
                number: s(""),
            },
        }),
        agent: Some(AgentDraft {
            name: s(""),
            phone: s("2"),
            id_doc: IdDocDraft {
                kind: s("PASSPORT"),
                number: long.clone(),
            },
            power_of_attorney: false,
        }),
        org_rep: None,
    };
    let bad_org = PartyDraft {
        id: s(""),
        kind: s(""),
        role: s(""),
        ..PartyDraft::default()
    };
    let legal = PartyDraft {
        id: s("p-3"),
        kind: s("LEGAL"),
        role: s("RESPONDENT"),
        name: s("某公司"),
        org_rep: Some(OrgRepresentativeDraft {
            name: s(""),
            title: long.clone(),
        }),
        ..PartyDraft::default()
    };
    let registration = RegistrationDraft {
        org_unit: s("bad id!"),
        source: s("NOPE"),
        channel: s("NOPE"),
        first_contact: s(""),
        dispute: DisputeDraft {
            dispute_type: s("QT"),
            sub_type: s("HY.INHERITANCE"),
            label: s(""),
        },
        summary: long.repeat(20),
        claims: vec![long.clone()],
        amount_yuan: s("-5"),
        persons_involved: s("x"),
        group: false,
        flags: vec![s("NOPE")],
        risk_flags: vec![s("NOPE")],
        parties: vec![bad_person, bad_org, legal],
        basis: s("NOPE"),
        objection: s("NOPE"),
    };
    let mut out = paths(validate_registration(&registration, today()));
    out.extend(paths(validate_registration(
        &RegistrationDraft::default(),
        today(),
    )));
    out.extend(paths(validate_lead(&LeadDraft {
        persons: vec![long.clone()],
        persons_involved: s("x"),
        risk_flags: vec![s("NOPE")],
        reported_by: long.clone(),
        dispute_type: s("NOPE"),
        screening: s("s-1"),
        ..LeadDraft::default()
    })));
    out.extend(paths(validate_lead(&LeadDraft {
        screening: s("bad id!"),
        finding: s("x"),
        ..LeadDraft::default()
    })));
    out.extend(paths(validate_triage(&TriageDraft {
        dispute: DisputeDraft {
            dispute_type: s("LL"),
            sub_type: s("NOPE"),
            label: s(""),
        },
        risk_flags: vec![s("NOPE")],
        ..TriageDraft::default()
    })));
    out.extend(paths(validate_triage(&TriageDraft {
        dispute: DisputeDraft {
            dispute_type: s("LL"),
            sub_type: s("HY.INHERITANCE"),
            label: s(""),
        },
        ..TriageDraft::default()
    })));
    out.extend(paths(validate_org_unit(&OrgUnitDraft {
        parent: s("bad id!"),
        case_no_prefix: s("(1)"),
        justice_office: long.clone(),
        basic_court: long.clone(),
        level: s("9"),
        ..OrgUnitDraft::default()
    })));
    out.extend(paths(validate_org_unit(&OrgUnitDraft {
        level: s("x"),
        ..OrgUnitDraft::default()
    })));
    out.extend(paths(validate_mediator(&MediatorDraft {
        gender: s("Q"),
        phone: s("abc"),
        id_number: s("123"),
        relatives: vec![RelativeDraft {
            name: s(""),
            relation: s("NOPE"),
            id_number: s("123"),
            phone: s("abc"),
        }],
        ..MediatorDraft::default()
    })));
    out.extend(paths(validate_screening(
        &ScreeningDraft {
            date: s("2099-01-01"),
            screeners: vec![s("bad id!")],
            zero_report: true,
            findings: vec![FindingDraft {
                description: s(""),
                dispute_type: s("NOPE"),
                persons_involved: s("x"),
                risk_flags: vec![s("NOPE")],
                ledger: false,
            }],
            disputes_prevented: s("x"),
            ..ScreeningDraft::default()
        },
        today(),
    )));
    out.extend(paths(validate_screening(
        &ScreeningDraft::default(),
        today(),
    )));
    out
}

/// Paths that commands and `check_case` report without a draft.
const COMMAND_PATHS: &[&str] = &[
    "summary",
    "number",
    "dispute.type",
    "parties",
    "tier",
    "risk_level",
    "handling_level",
    "presiding",
    "co_mediators",
    "to_name",
    "measures",
    "description",
    "name",
    "findings",
    "parties[0].legal_rep",
    "parties[1].id",
];

#[test]
fn every_path_the_validators_report_has_a_field_label() {
    let reported = validator_paths();
    assert!(reported.len() > 60, "the drafts exercise many fields");
    let unlabelled: BTreeSet<&str> = reported
        .iter()
        .map(String::as_str)
        .chain(COMMAND_PATHS.iter().copied())
        .filter(|p| vocab::field_label(p).is_none())
        .collect();
    assert!(
        unlabelled.is_empty(),
        "paths without a label: {unlabelled:?}"
    );
}

#[test]
fn field_labels_follow_the_path_rules() {
    let label = |p: &str| vocab::field_label(p).map(zh);
    assert_eq!(label("parties[0].phone"), Some("联系电话"));
    assert_eq!(label("parties[12].legal_rep.phone"), Some("联系电话"));
    assert_eq!(label("phone"), Some("联系电话"));
    assert_eq!(label("parties[1].id_doc.number"), Some("证件号码"));
    assert_eq!(label("parties[1].agent.id_doc.kind"), Some("证件类型"));
    assert_eq!(label("parties[0].legal_rep.name"), Some("姓名"));
    assert_eq!(label("relatives[2].name"), Some("姓名"));
    assert_eq!(label("parties[0].name"), Some("姓名或名称"));
    assert_eq!(label("parties[0].kind"), Some("主体类型"));
    assert_eq!(label("parties[0].role"), Some("当事人角色"));
    assert_eq!(label("kind"), Some("类型"));
    assert_eq!(label("dispute.type"), Some("纠纷类型"));
    assert_eq!(label("findings[0].dispute_type"), Some("纠纷类型"));
    assert_eq!(label("dispute.sub_type"), Some("纠纷细类"));
    assert_eq!(label("amount_yuan"), Some("涉及金额（元）"));
    assert_eq!(label("payload.intake.parties[0].phone"), Some("联系电话"));
    assert_eq!(label("claims[3]"), Some("申请事项"));
    assert_eq!(label("risk_flags[0]"), Some("风险迹象"));
    assert_eq!(label(""), None);
    assert_eq!(label("[0]"), None);
    assert_eq!(label("parties[0].shoe_size"), None);
}

#[test]
fn field_labels_are_distinct() {
    let keys: Vec<Key> = ALL_KEYS
        .iter()
        .filter(|(_, name)| name.starts_with("field."))
        .map(|(k, _)| *k)
        .collect();
    assert!(keys.len() > 60);
    assert_labels_distinct("field", &keys);
}

// --- Purity --------------------------------------------------------------------------------

#[test]
fn the_vocabulary_module_is_pure_and_documented() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/vocab.rs");
    let source = fs::read_to_string(path).expect("read vocab.rs");
    assert!(source.starts_with("//! PURE."));
    let code: String = source
        .lines()
        .map(|line| line.find("//").map_or(line, |i| &line[..i]))
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "SystemTime",
        "Instant::now",
        "Date::now",
        "rand::",
        "getrandom",
    ] {
        assert!(!code.contains(needle), "vocab.rs uses `{needle}`");
    }
    // Every public function has a doc comment.
    let lines: Vec<&str> = source.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("pub fn ") {
            assert!(
                i > 0 && lines[i - 1].starts_with("///"),
                "undocumented: {line}"
            );
        }
    }
}
