//! PURE. The translated vocabulary of the domain: every code, status, step, rule and error the
//! core produces mapped to a message key, so the UI never shows a code.
//!
//! One function per vocabulary, each an exhaustive `match` (no catch-all arm), so a new domain
//! variant fails to compile until it has a translation. Key names follow the domain's stable
//! codes: a value with code `C` in a vocabulary with prefix `p` has the key `p.c` (the code in
//! lowercase), e.g. `DisputeType::MarriageFamily` (`HY`) → `dispute.type.hy`; a field error
//! with `FieldErrorCode::code()` `PHONE.BAD_AREA_CODE` → `error.field.phone.bad_area_code`
//! (`tests/native/vocab.rs` checks both rules). Exceptions: the network levels 1–6
//! (`network.level.<n>`, with a catch-all arm for level 6 as `NetworkLevel` is a number) and the
//! field labels of [`field_label`], which follow validation paths.
//!
//! Messages with parameters are [`Message`] values: a key plus named arguments, which may
//! themselves be translated labels (a status, a transition), rendered in the caller's locale.
//! The texts live in `locales/<tag>/vocab.json`.

use super::{Key, Locale};
use crate::domain::calendar::DayKind;
use crate::domain::case::{
    AcceptanceBasis, AgreementForm, CaseFlag, CaseSource, DifficultyTier, DismissalReason,
    HandlingLevel, IntakeChannel, JcRuling, NotAcceptedReason, ObjectionCheck, ReferralReason,
    ReferralTarget, ReopenReason, ReplacementReason, RiskFlag, RiskLevel, SourceBucket,
    TerminationReason,
};
use crate::domain::case_number::{CaseNumberError, DuplicateNumber};
use crate::domain::case_state::{ConflictKind, Ending};
use crate::domain::chain::ChainProblem;
use crate::domain::command::CommandError;
use crate::domain::conflict::{ConflictWarning, MatchKey, WarningSubject};
use crate::domain::contact::{PhoneError, ResidentIdError};
use crate::domain::dispute::{
    DeadlineRule, DisputeClassError, DisputeSubType, DisputeType, MAX_OTHER_LABEL_CHARS,
};
use crate::domain::ids::{EventId, OrgUnitId};
use crate::domain::lifecycle::{Rule, Status, Transition};
use crate::domain::money::AmountError;
use crate::domain::org::{MediatorRole, NetworkLevel, OrgKind, Relation, TreeProblem};
use crate::domain::party::{AgeGroup, Gender, IdDocKind, PartyKind, PartyRole};
use crate::domain::procedure::{
    CaseFileItem, ConsentDecision, Disclosure, FollowUpMethod, MediationMode, NoticeKind,
    ObligationKind, ObligationStatus, PerformanceFound, PersonalStatus, ReferralKind, Satisfaction,
    SessionKind, SessionOutcome,
};
use crate::domain::screening::ScreeningKind;
use crate::domain::time::{Date, DateError};
use crate::domain::validate::{FieldError, FieldErrorCode};

// --- Messages ------------------------------------------------------------------------------

/// The value of one `{placeholder}` of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    /// Data shown as is: a name, a case number, a count.
    Text(String),
    /// A translated label, rendered in the message's locale.
    Label(Key),
    /// Several translated labels, joined with the locale's list separator (`、` / `, `).
    Labels(Vec<Key>),
    /// A whole message, rendered in the same locale (e.g. a field error inside "{field}: {error}").
    Message(Box<Message>),
}

/// A message key with the values of its placeholders, rendered later in the user's locale.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    /// The message.
    pub key: Key,
    /// Placeholder name and value, for every placeholder the key's text has.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message without placeholders (or whose arguments are added with [`Message::with`]).
    pub fn new(key: Key) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// This message with one more argument.
    pub fn with(mut self, name: &'static str, arg: Arg) -> Message {
        self.args.push((name, arg));
        self
    }

    /// This message with one more argument shown as is.
    pub fn with_text(self, name: &'static str, text: impl Into<String>) -> Message {
        self.with(name, Arg::Text(text.into()))
    }

    /// This message with one more argument that is a translated label.
    pub fn with_label(self, name: &'static str, key: Key) -> Message {
        self.with(name, Arg::Label(key))
    }

    /// The text in `locale`, placeholders filled (a placeholder without an argument stays visible).
    pub fn render(&self, locale: Locale) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| (*name, render_arg(arg, locale)))
            .collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        locale.format(self.key, &pairs)
    }
}

impl From<Key> for Message {
    fn from(key: Key) -> Message {
        Message::new(key)
    }
}

fn render_arg(arg: &Arg, locale: Locale) -> String {
    match arg {
        Arg::Text(text) => text.clone(),
        Arg::Label(key) => locale.text(*key).to_owned(),
        Arg::Labels(keys) => keys
            .iter()
            .map(|k| locale.text(*k))
            .collect::<Vec<_>>()
            .join(locale.text(Key::PunctListSeparator)),
        Arg::Message(message) => message.render(locale),
    }
}

// --- Disputes ------------------------------------------------------------------------------

/// The label of a primary dispute type (`dispute.type.*`), e.g. HY → 婚姻家庭纠纷.
pub fn dispute_type(value: DisputeType) -> Key {
    match value {
        DisputeType::MarriageFamily => Key::DisputeTypeHy,
        DisputeType::Neighbour => Key::DisputeTypeLl,
        DisputeType::HousingHomestead => Key::DisputeTypeFw,
        DisputeType::Contract => Key::DisputeTypeHt,
        DisputeType::Business => Key::DisputeTypeSc,
        DisputeType::Damages => Key::DisputeTypeSh,
        DisputeType::ForestLand => Key::DisputeTypeSl,
        DisputeType::Requisition => Key::DisputeTypeZd,
        DisputeType::Pollution => Key::DisputeTypeHj,
        DisputeType::Labour => Key::DisputeTypeLd,
        DisputeType::Consumer => Key::DisputeTypeXf,
        DisputeType::Medical => Key::DisputeTypeYl,
        DisputeType::Traffic => Key::DisputeTypeJt,
        DisputeType::PropertyManagement => Key::DisputeTypeWy,
        DisputeType::Other => Key::DisputeTypeQt,
    }
}

/// The label of a dispute sub-type (`dispute.sub_type.*`).
pub fn dispute_sub_type(value: DisputeSubType) -> Key {
    use DisputeSubType as S;
    match value {
        S::Marriage => Key::DisputeSubTypeHyMarriage,
        S::Inheritance => Key::DisputeSubTypeHyInheritance,
        S::Support => Key::DisputeSubTypeHySupport,
        S::OtherFamily => Key::DisputeSubTypeHyOtherFamily,
        S::WomenChildrenFamily => Key::DisputeSubTypeHyWomenChildren,
        S::Debt => Key::DisputeSubTypeHtDebt,
        S::Lending => Key::DisputeSubTypeHtLending,
        S::RestructuringBusiness => Key::DisputeSubTypeScRestructuring,
        S::PersonalInjury => Key::DisputeSubTypeShPersonalInjury,
        S::LandContract => Key::DisputeSubTypeSlLandContract,
        S::Resettlement => Key::DisputeSubTypeZdResettlement,
        S::UnpaidWages => Key::DisputeSubTypeLdUnpaidWages,
        S::RestructuringLabour => Key::DisputeSubTypeLdRestructuring,
        S::WorkInjury => Key::DisputeSubTypeLdWorkInjury,
        S::FoodDrug => Key::DisputeSubTypeXfFoodDrug,
        S::VillageAffairs => Key::DisputeSubTypeQtVillageAffairs,
        S::FamilyPlanning => Key::DisputeSubTypeQtFamilyPlanning,
        S::WomenChildrenOther => Key::DisputeSubTypeQtWomenChildren,
    }
}

/// The label of a default time limit (`deadline.rule.*`).
pub fn deadline_rule(value: DeadlineRule) -> Key {
    match value {
        DeadlineRule::OneMonth => Key::DeadlineRuleOneMonth,
        DeadlineRule::LabourFifteenDays => Key::DeadlineRuleLabour15Days,
        DeadlineRule::MedicalThirtyWorkingDays => Key::DeadlineRuleMedical30WorkingDays,
    }
}

// --- Lifecycle -----------------------------------------------------------------------------

/// The label of a case status (`status.*`), e.g. REGISTERED → 已受理.
pub fn status(value: Status) -> Key {
    match value {
        Status::Lead => Key::StatusLead,
        Status::Registered => Key::StatusRegistered,
        Status::Triaged => Key::StatusTriaged,
        Status::Assigned => Key::StatusAssigned,
        Status::InMediation => Key::StatusInMediation,
        Status::Agreed => Key::StatusAgreed,
        Status::Performing => Key::StatusPerforming,
        Status::Performed => Key::StatusPerformed,
        Status::Closed => Key::StatusClosed,
        Status::Archived => Key::StatusArchived,
        Status::NotAccepted => Key::StatusNotAccepted,
        Status::ReferredOut => Key::StatusReferredOut,
        Status::Terminated => Key::StatusTerminated,
        Status::Dismissed => Key::StatusDismissed,
        Status::NonPerformance => Key::StatusNonPerformance,
        Status::JcPending => Key::StatusJcPending,
        Status::JcConfirmed => Key::StatusJcConfirmed,
        Status::JcRejected => Key::StatusJcRejected,
    }
}

/// The button label of a lifecycle step (`transition.*`, a verb phrase), e.g. 集中梳理, 指派调解员.
pub fn transition(value: Transition) -> Key {
    match value {
        Transition::RecordLead => Key::TransitionRecordLead,
        Transition::Register => Key::TransitionRegister,
        Transition::ConvertLead => Key::TransitionConvertLead,
        Transition::DismissLead => Key::TransitionDismissLead,
        Transition::NotAccept => Key::TransitionNotAccept,
        Transition::Triage => Key::TransitionTriage,
        Transition::ReferOut => Key::TransitionReferOut,
        Transition::Assign => Key::TransitionAssign,
        Transition::ReplaceMediator => Key::TransitionReplaceMediator,
        Transition::StartMediation => Key::TransitionStartMediation,
        Transition::Agree => Key::TransitionAgree,
        Transition::Terminate => Key::TransitionTerminate,
        Transition::ApplyJudicialConfirmation => Key::TransitionApplyJc,
        Transition::RuleJudicialConfirmation(JcRuling::Valid) => Key::TransitionJcConfirmed,
        Transition::RuleJudicialConfirmation(JcRuling::Rejected) => Key::TransitionJcRejected,
        Transition::Remediate => Key::TransitionRemediate,
        Transition::SchedulePerformance => Key::TransitionSchedulePerformance,
        Transition::RecordPerformed => Key::TransitionRecordPerformed,
        Transition::RecordNonPerformance => Key::TransitionRecordNonPerformance,
        Transition::UrgePerformance => Key::TransitionUrgePerformance,
        Transition::Close => Key::TransitionClose,
        Transition::Archive => Key::TransitionArchive,
        Transition::Reopen => Key::TransitionReopen,
    }
}

/// What a guarded step waits for (`rule.*`), phrased so a mediator understands why the step is
/// refused, with its legal source where that helps (no final punctuation: it is also a list item).
pub fn rule(value: Rule) -> Key {
    match value {
        Rule::ConsentOfEveryParty => Key::RuleConsentOfEveryParty,
        Rule::RightsNoticeAcknowledged => Key::RuleRightsNotice,
        Rule::NonAcceptanceNotice => Key::RuleNonAcceptanceNotice,
        Rule::OtherRoutesNotice => Key::RuleOtherRoutesNotice,
        Rule::SessionRecord => Key::RuleSessionRecord,
        Rule::ParticipantConsent => Key::RuleParticipantConsent,
        Rule::ExtensionConsent => Key::RuleExtensionConsent,
        Rule::MedicalTimeLimitElapsed => Key::RuleMedicalTimeLimit,
        Rule::SignedWrittenAgreement => Key::RuleSignedWrittenAgreement,
        Rule::OralAgreementRecord => Key::RuleOralAgreementRecord,
        Rule::JointJcApplication => Key::RuleJointJcApplication,
        Rule::JcRulingRecord => Key::RuleJcRulingRecord,
        Rule::AgreementObligations => Key::RuleAgreementObligations,
        Rule::PerformanceEvidence => Key::RulePerformanceEvidence,
        Rule::FollowUpRecord => Key::RuleFollowUpRecord,
        Rule::ClosingReport => Key::RuleClosingReport,
        Rule::CaseFileChecklist => Key::RuleCaseFileChecklist,
    }
}

// --- The case record -----------------------------------------------------------------------

/// The label of a case source, 案件来源 (`case.source.*`).
pub fn case_source(value: CaseSource) -> Key {
    match value {
        CaseSource::PartyApplication => Key::CaseSourceApplication,
        CaseSource::OwnInitiative => Key::CaseSourceInitiative,
        CaseSource::Police => Key::CaseSourcePolice,
        CaseSource::Court => Key::CaseSourceCourt,
        CaseSource::Procuratorate => Key::CaseSourceProcuratorate,
        CaseSource::PetitionOffice => Key::CaseSourcePetition,
        CaseSource::Discipline => Key::CaseSourceDiscipline,
        CaseSource::Government => Key::CaseSourceGovernment,
    }
}

/// The label of a statistics source bucket (`case.source_bucket.*`), e.g. 接受委托移送调解.
pub fn source_bucket(value: SourceBucket) -> Key {
    match value {
        SourceBucket::Application => Key::CaseSourceBucketApplication,
        SourceBucket::Initiative => Key::CaseSourceBucketInitiative,
        SourceBucket::Referral => Key::CaseSourceBucketReferral,
    }
}

/// The label of an intake channel (`case.channel.*`), e.g. 来访.
pub fn intake_channel(value: IntakeChannel) -> Key {
    match value {
        IntakeChannel::Visit => Key::CaseChannelVisit,
        IntakeChannel::Call => Key::CaseChannelCall,
        IntakeChannel::Letter => Key::CaseChannelLetter,
        IntakeChannel::GridWorker => Key::CaseChannelGrid,
        IntakeChannel::Screening => Key::CaseChannelScreening,
        IntakeChannel::SuggestionBox => Key::CaseChannelSuggestionBox,
        IntakeChannel::Liaison => Key::CaseChannelLiaison,
        IntakeChannel::Referral => Key::CaseChannelReferral,
        IntakeChannel::Other => Key::CaseChannelOther,
    }
}

/// The label of an escalation sign (`risk.flag.*`), e.g. 可能激化.
pub fn risk_flag(value: RiskFlag) -> Key {
    match value {
        RiskFlag::Escalation => Key::RiskFlagEscalation,
        RiskFlag::CivilToCriminal => Key::RiskFlagCivilToCriminal,
        RiskFlag::Suicide => Key::RiskFlagSuicide,
        RiskFlag::GroupPetition => Key::RiskFlagGroupPetition,
        RiskFlag::GroupFight => Key::RiskFlagGroupFight,
    }
}

/// The label of a cross-cutting case flag (`case.flag.*`), e.g. 涉及未成年人.
pub fn case_flag(value: CaseFlag) -> Key {
    match value {
        CaseFlag::LitigationLinked => Key::CaseFlagLitigationLinked,
        CaseFlag::InvolvesMinors => Key::CaseFlagInvolvesMinors,
        CaseFlag::InvolvesEthnicMinority => Key::CaseFlagEthnicMinority,
        CaseFlag::CrossRegion => Key::CaseFlagCrossRegion,
        CaseFlag::UnnaturalDeath => Key::CaseFlagUnnaturalDeath,
    }
}

/// The label of a risk level (`risk.level.*`): the colour and what it means.
pub fn risk_level(value: RiskLevel) -> Key {
    match value {
        RiskLevel::Green => Key::RiskLevelGreen,
        RiskLevel::Yellow => Key::RiskLevelYellow,
        RiskLevel::Orange => Key::RiskLevelOrange,
        RiskLevel::Red => Key::RiskLevelRed,
    }
}

/// The label of a difficulty tier (`tier.*`): 简单 / 一般 / 重大疑难.
pub fn difficulty_tier(value: DifficultyTier) -> Key {
    match value {
        DifficultyTier::Simple => Key::TierSimple,
        DifficultyTier::Ordinary => Key::TierOrdinary,
        DifficultyTier::Major => Key::TierMajor,
    }
}

/// The label of a handling level (`handling.level.*`), e.g. 乡镇（街道）.
pub fn handling_level(value: HandlingLevel) -> Key {
    match value {
        HandlingLevel::Village => Key::HandlingLevelVillage,
        HandlingLevel::Township => Key::HandlingLevelTownship,
        HandlingLevel::County => Key::HandlingLevelCounty,
        HandlingLevel::Specialised => Key::HandlingLevelSpecialised,
    }
}

/// The label of the footing of acceptance (`acceptance.basis.*`), e.g. 口头申请.
pub fn acceptance_basis(value: AcceptanceBasis) -> Key {
    match value {
        AcceptanceBasis::WrittenApplication => Key::AcceptanceBasisWrittenApplication,
        AcceptanceBasis::OralApplication => Key::AcceptanceBasisOralApplication,
        AcceptanceBasis::OwnInitiative => Key::AcceptanceBasisOwnInitiative,
    }
}

/// The label of the objection check at registration (`acceptance.objection.*`).
pub fn objection_check(value: ObjectionCheck) -> Key {
    match value {
        ObjectionCheck::NotAsked => Key::AcceptanceObjectionNotAsked,
        ObjectionCheck::NoneRaised => Key::AcceptanceObjectionNoneRaised,
        ObjectionCheck::Raised => Key::AcceptanceObjectionRaised,
    }
}

/// Why a matter is not accepted, 不予受理 (`not_accepted.reason.*`).
pub fn not_accepted_reason(value: NotAcceptedReason) -> Key {
    match value {
        NotAcceptedReason::ReservedToSpecialisedBodies => Key::NotAcceptedReasonReserved,
        NotAcceptedReason::ProhibitedByLaw => Key::NotAcceptedReasonProhibited,
        NotAcceptedReason::AlreadyHandled => Key::NotAcceptedReasonAlreadyHandled,
        NotAcceptedReason::PartyRefuses => Key::NotAcceptedReasonPartyRefuses,
    }
}

/// Why a lead is closed without a case (`dismissal.reason.*`).
pub fn dismissal_reason(value: DismissalReason) -> Key {
    match value {
        DismissalReason::NoDispute => Key::DismissalReasonNoDispute,
        DismissalReason::DefusedOnSpot => Key::DismissalReasonDefused,
    }
}

/// The kind of body a case is referred to (`referral.target.*`).
pub fn referral_target(value: ReferralTarget) -> Key {
    match value {
        ReferralTarget::HigherCentre => Key::ReferralTargetHigherCentre,
        ReferralTarget::OtherCommittee => Key::ReferralTargetOtherCommittee,
        ReferralTarget::SpecialisedCommittee => Key::ReferralTargetSpecialisedCommittee,
        ReferralTarget::JusticeOffice => Key::ReferralTargetJusticeOffice,
        ReferralTarget::Police => Key::ReferralTargetPolice,
        ReferralTarget::Court => Key::ReferralTargetCourt,
        ReferralTarget::PetitionOffice => Key::ReferralTargetPetitionOffice,
        ReferralTarget::Administrative => Key::ReferralTargetAdministrative,
        ReferralTarget::LabourArbitration => Key::ReferralTargetLabourArbitration,
    }
}

/// Why a case is referred out (`referral.reason.*`).
pub fn referral_reason(value: ReferralReason) -> Key {
    match value {
        ReferralReason::OutOfScope => Key::ReferralReasonOutOfScope,
        ReferralReason::Difficult => Key::ReferralReasonDifficult,
        ReferralReason::CrossRegion => Key::ReferralReasonCrossRegion,
        ReferralReason::EscalationRisk => Key::ReferralReasonEscalationRisk,
        ReferralReason::NeedsAdministrativeDecision => Key::ReferralReasonAdministrativeDecision,
        ReferralReason::CriminalElement => Key::ReferralReasonCriminalElement,
        ReferralReason::PartyRequest => Key::ReferralReasonPartyRequest,
    }
}

/// Why a presiding mediator is replaced (`replacement.reason.*`).
pub fn replacement_reason(value: ReplacementReason) -> Key {
    match value {
        ReplacementReason::PartyObjection => Key::ReplacementReasonPartyObjection,
        ReplacementReason::Recusal => Key::ReplacementReasonRecusal,
        ReplacementReason::Unavailable => Key::ReplacementReasonUnavailable,
    }
}

/// Why mediation ended without agreement (`termination.reason.*`), e.g. 调解不成.
pub fn termination_reason(value: TerminationReason) -> Key {
    match value {
        TerminationReason::Failed => Key::TerminationReasonFailed,
        TerminationReason::PartyRefuses => Key::TerminationReasonPartyRefuses,
        TerminationReason::PartyWithdraws => Key::TerminationReasonPartyWithdraws,
        TerminationReason::TimeLimitExpired => Key::TerminationReasonTimeLimit,
    }
}

/// The form of an agreement (`agreement.form.*`): 书面协议 / 口头协议.
pub fn agreement_form(value: AgreementForm) -> Key {
    match value {
        AgreementForm::Written => Key::AgreementFormWritten,
        AgreementForm::Oral => Key::AgreementFormOral,
    }
}

/// The court's ruling on judicial confirmation (`jc.ruling.*`).
pub fn jc_ruling(value: JcRuling) -> Key {
    match value {
        JcRuling::Valid => Key::JcRulingValid,
        JcRuling::Rejected => Key::JcRulingRejected,
    }
}

/// Why a closed case is reopened (`reopen.reason.*`).
pub fn reopen_reason(value: ReopenReason) -> Key {
    match value {
        ReopenReason::UnlawfulOrUnfair => Key::ReopenReasonUnlawfulOrUnfair,
        ReopenReason::RevisionRequested => Key::ReopenReasonRevisionRequested,
    }
}

/// How a case ended before agreement: the reason's label (for a referral, its reason).
pub fn ending(value: &Ending) -> Key {
    match value {
        Ending::Dismissed(reason) => dismissal_reason(*reason),
        Ending::NotAccepted(reason) => not_accepted_reason(*reason),
        Ending::ReferredOut(referral) => referral_reason(referral.reason),
        Ending::Terminated(reason) => termination_reason(*reason),
    }
}

/// Whether an escalation was reported to the police or a department (`escalation.*`,
/// 人民调解法 Art 25).
pub fn escalation_report(reported: bool) -> Key {
    if reported {
        Key::EscalationReported
    } else {
        Key::EscalationNotReported
    }
}

// --- Parties -------------------------------------------------------------------------------

/// The label of a party kind (`party.kind.*`): 自然人 / 法人 / 非法人组织.
pub fn party_kind(value: PartyKind) -> Key {
    match value {
        PartyKind::NaturalPerson => Key::PartyKindNatural,
        PartyKind::LegalPerson => Key::PartyKindLegal,
        PartyKind::OtherOrganisation => Key::PartyKindOrg,
    }
}

/// The label of a party's role in the case (`party.role.*`): 申请人 / 被申请人 / …
pub fn party_role(value: PartyRole) -> Key {
    match value {
        PartyRole::Applicant => Key::PartyRoleApplicant,
        PartyRole::Respondent => Key::PartyRoleRespondent,
        PartyRole::ThirdParty => Key::PartyRoleThirdParty,
        PartyRole::Interested => Key::PartyRoleInterested,
    }
}

/// The label of a gender (`gender.*`).
pub fn gender(value: Gender) -> Key {
    match value {
        Gender::Male => Key::GenderM,
        Gender::Female => Key::GenderF,
    }
}

/// The label of an age group (`age_group.*`), in full years.
pub fn age_group(value: AgeGroup) -> Key {
    match value {
        AgeGroup::Adult => Key::AgeGroupAdult,
        AgeGroup::Minor => Key::AgeGroupMinor,
        AgeGroup::Under14 => Key::AgeGroupUnder14,
    }
}

/// The label of an identity-document kind (`id_doc.kind.*`), e.g. 居民身份证.
pub fn id_doc_kind(value: IdDocKind) -> Key {
    match value {
        IdDocKind::ResidentId => Key::IdDocKindResidentId,
        IdDocKind::Passport => Key::IdDocKindPassport,
        IdDocKind::HongKongMacao => Key::IdDocKindHkMacao,
        IdDocKind::Taiwan => Key::IdDocKindTaiwan,
        IdDocKind::ForeignPermanentResident => Key::IdDocKindForeignPr,
        IdDocKind::UnifiedSocialCreditCode => Key::IdDocKindUscc,
        IdDocKind::Other => Key::IdDocKindOther,
    }
}

// --- The network ---------------------------------------------------------------------------

/// The label of an organisation kind (`org.kind.*`), e.g. 村民委员会调委会.
pub fn org_kind(value: OrgKind) -> Key {
    match value {
        OrgKind::CountyCentre => Key::OrgKindCountyCentre,
        OrgKind::TownshipCommittee => Key::OrgKindTownship,
        OrgKind::VillageCommittee => Key::OrgKindVillage,
        OrgKind::ResidentsCommittee => Key::OrgKindResidents,
        OrgKind::EnterpriseCommittee => Key::OrgKindEnterprise,
        OrgKind::SocialBodyCommittee => Key::OrgKindSocialBody,
        OrgKind::RegionalCommittee => Key::OrgKindRegional,
        OrgKind::SpecialisedCommittee => Key::OrgKindSpecialised,
        OrgKind::StationedOffice => Key::OrgKindStationedOffice,
        OrgKind::PersonalStudio => Key::OrgKindPersonalStudio,
        OrgKind::MediationGroup => Key::OrgKindGroup,
        OrgKind::TenHouseholdGroup => Key::OrgKindTenHouseholds,
        OrgKind::InformationOfficer => Key::OrgKindInformationOfficer,
    }
}

/// The label of a level of the six-level network (`network.level.1` … `network.level.6`).
pub fn network_level(value: NetworkLevel) -> Key {
    // `NetworkLevel::new` only admits 1..=6, so the last arm is level 6.
    match value.get() {
        1 => Key::NetworkLevel1,
        2 => Key::NetworkLevel2,
        3 => Key::NetworkLevel3,
        4 => Key::NetworkLevel4,
        5 => Key::NetworkLevel5,
        _ => Key::NetworkLevel6,
    }
}

/// The label of a mediator's position (`mediator.role.*`): 主任 / 副主任 / 委员 / 聘任调解员.
pub fn mediator_role(value: MediatorRole) -> Key {
    match value {
        MediatorRole::Director => Key::MediatorRoleDirector,
        MediatorRole::Deputy => Key::MediatorRoleDeputy,
        MediatorRole::Member => Key::MediatorRoleMember,
        MediatorRole::Appointed => Key::MediatorRoleAppointed,
    }
}

/// The label of a relative's relation to a mediator (`relation.*`), e.g. 配偶.
pub fn relation(value: Relation) -> Key {
    match value {
        Relation::Spouse => Key::RelationSpouse,
        Relation::Parent => Key::RelationParent,
        Relation::Child => Key::RelationChild,
        Relation::Sibling => Key::RelationSibling,
        Relation::Grandparent => Key::RelationGrandparent,
        Relation::Grandchild => Key::RelationGrandchild,
        Relation::InLaw => Key::RelationInLaw,
        Relation::Other => Key::RelationOther,
    }
}

/// The label of a screening kind (`screening.kind.*`), e.g. 专项排查.
pub fn screening_kind(value: ScreeningKind) -> Key {
    match value {
        ScreeningKind::Regular => Key::ScreeningKindRegular,
        ScreeningKind::Special => Key::ScreeningKindSpecial,
        ScreeningKind::SensitivePeriod => Key::ScreeningKindSensitivePeriod,
        ScreeningKind::Concentrated => Key::ScreeningKindConcentrated,
    }
}

// --- Conflict and prior-dispute warnings ---------------------------------------------------

/// What matched in a warning (`match.key.*`); written to sit inside a sentence (English is
/// lowercase).
pub fn match_key(value: MatchKey) -> Key {
    match value {
        MatchKey::Name => Key::MatchKeyName,
        MatchKey::IdNumber => Key::MatchKeyIdNumber,
        MatchKey::Phone => Key::MatchKeyPhone,
    }
}

/// How much a warning weighs (`warning.strength.*`): a number matched, or only a name.
pub fn warning_strength(warning: &ConflictWarning) -> Key {
    if warning.is_strong() {
        Key::WarningStrengthStrong
    } else {
        Key::WarningStrengthWeak
    }
}

/// A conflict-of-interest or prior-dispute warning (`warning.*`) as a sentence.
///
/// The warning holds ids only, so the caller names the people: `party` is this case's party;
/// `subject` is the other case (its number) for a prior dispute, or the mediator (their name)
/// for a match with a mediator or a mediator's relative. What matched and the relation are
/// added from the warning itself.
pub fn conflict_warning(warning: &ConflictWarning, party: &str, subject: &str) -> Message {
    let key = match &warning.subject {
        WarningSubject::PriorCase { .. } => Key::WarningPriorCase,
        WarningSubject::Mediator { .. } => Key::WarningMediator,
        WarningSubject::MediatorRelative { .. } => Key::WarningMediatorRelative,
    };
    let matched = warning.matched.iter().map(|k| match_key(*k)).collect();
    let message = Message::new(key)
        .with_text("party", party)
        .with_text("subject", subject)
        .with("matched", Arg::Labels(matched));
    match &warning.subject {
        WarningSubject::MediatorRelative { relation: r, .. } => {
            message.with_label("relation", relation(*r))
        }
        WarningSubject::PriorCase { .. } | WarningSubject::Mediator { .. } => message,
    }
}

// --- Procedure records -----------------------------------------------------------------------

/// The label of a notice (`notice.kind.*`).
pub fn notice_kind(value: NoticeKind) -> Key {
    match value {
        NoticeKind::RightsAndDuties => Key::NoticeKindRightsAndDuties,
        NoticeKind::NonAcceptance => Key::NoticeKindNonAcceptance,
        NoticeKind::OtherRoutes => Key::NoticeKindOtherRoutes,
        NoticeKind::MaySueOrEnforce => Key::NoticeKindMaySueOrEnforce,
    }
}

/// A party's answer on mediation (`consent.decision.*`).
pub fn consent_decision(value: ConsentDecision) -> Key {
    match value {
        ConsentDecision::Consents => Key::ConsentDecisionConsents,
        ConsentDecision::Refuses => Key::ConsentDecisionRefuses,
    }
}

/// Public or non-public mediation (`mediation.mode.*`).
pub fn mediation_mode(value: MediationMode) -> Key {
    match value {
        MediationMode::Public => Key::MediationModePublic,
        MediationMode::Private => Key::MediationModePrivate,
    }
}

/// The kind of a session record (`session.kind.*`).
pub fn session_kind(value: SessionKind) -> Key {
    match value {
        SessionKind::Investigation => Key::SessionKindInvestigation,
        SessionKind::Mediation => Key::SessionKindMediation,
        SessionKind::Simple => Key::SessionKindSimple,
    }
}

/// A point a mediation record covers (`disclosure.*`).
pub fn disclosure(value: Disclosure) -> Key {
    match value {
        Disclosure::RightsExplained => Key::DisclosureRights,
        Disclosure::PrinciplesExplained => Key::DisclosurePrinciples,
        Disclosure::PartyStatements => Key::DisclosureStatements,
        Disclosure::FindingsVerified => Key::DisclosureFindings,
        Disclosure::RisksExplained => Key::DisclosureRisks,
        Disclosure::OutcomeOrRoutes => Key::DisclosureOutcome,
        Disclosure::SignaturesAndSeal => Key::DisclosureSignatures,
    }
}

/// How a session ended (`session.outcome.*`).
pub fn session_outcome(value: SessionOutcome) -> Key {
    match value {
        SessionOutcome::Continue => Key::SessionOutcomeContinue,
        SessionOutcome::Agreement => Key::SessionOutcomeAgreement,
        SessionOutcome::Failed => Key::SessionOutcomeFailed,
        SessionOutcome::PartyRefused => Key::SessionOutcomePartyRefused,
    }
}

/// What an obligation asks for (`obligation.kind.*`).
pub fn obligation_kind(value: ObligationKind) -> Key {
    match value {
        ObligationKind::Payment => Key::ObligationKindPayment,
        ObligationKind::Act => Key::ObligationKindAct,
        ObligationKind::Apology => Key::ObligationKindApology,
        ObligationKind::Other => Key::ObligationKindOther,
    }
}

/// Where an obligation stands (`obligation.status.*`).
pub fn obligation_status(value: ObligationStatus) -> Key {
    match value {
        ObligationStatus::Pending => Key::ObligationStatusPending,
        ObligationStatus::Performed => Key::ObligationStatusPerformed,
        ObligationStatus::Partial => Key::ObligationStatusPartial,
        ObligationStatus::Overdue => Key::ObligationStatusOverdue,
        ObligationStatus::Disputed => Key::ObligationStatusDisputed,
    }
}

/// A personal-status relationship (`personal_status.*`).
pub fn personal_status(value: PersonalStatus) -> Key {
    match value {
        PersonalStatus::Identity => Key::PersonalStatusIdentity,
        PersonalStatus::Adoption => Key::PersonalStatusAdoption,
        PersonalStatus::Marriage => Key::PersonalStatusMarriage,
    }
}

/// How a follow-up was made (`follow_up.method.*`).
pub fn follow_up_method(value: FollowUpMethod) -> Key {
    match value {
        FollowUpMethod::Visit => Key::FollowUpMethodVisit,
        FollowUpMethod::Phone => Key::FollowUpMethodPhone,
        FollowUpMethod::Other => Key::FollowUpMethodOther,
    }
}

/// Performance found on a follow-up (`performance.found.*`).
pub fn performance_found(value: PerformanceFound) -> Key {
    match value {
        PerformanceFound::Full => Key::PerformanceFoundFull,
        PerformanceFound::Partial => Key::PerformanceFoundPartial,
        PerformanceFound::NotPerformed => Key::PerformanceFoundNone,
        PerformanceFound::NotYetDue => Key::PerformanceFoundNotYetDue,
    }
}

/// The visited party's satisfaction (`satisfaction.*`).
pub fn satisfaction(value: Satisfaction) -> Key {
    match value {
        Satisfaction::Satisfied => Key::SatisfactionSatisfied,
        Satisfaction::Partly => Key::SatisfactionPartly,
        Satisfaction::Dissatisfied => Key::SatisfactionDissatisfied,
    }
}

/// The kind of a referral (`referral.kind.*`).
pub fn referral_kind(value: ReferralKind) -> Key {
    match value {
        ReferralKind::Dispatch => Key::ReferralKindDispatch,
        ReferralKind::Transfer => Key::ReferralKindTransfer,
        ReferralKind::UpwardReport => Key::ReferralKindUpwardReport,
        ReferralKind::JointHandling => Key::ReferralKindJointHandling,
        ReferralKind::PoliceReport => Key::ReferralKindPoliceReport,
    }
}

/// An item of the case file (`case_file.item.*`).
pub fn case_file_item(value: CaseFileItem) -> Key {
    match value {
        CaseFileItem::Application => Key::CaseFileItemApplication,
        CaseFileItem::RightsNotice => Key::CaseFileItemRightsNotice,
        CaseFileItem::IdentityProof => Key::CaseFileItemIdentityProof,
        CaseFileItem::PowerOfAttorney => Key::CaseFileItemPowerOfAttorney,
        CaseFileItem::InvestigationRecord => Key::CaseFileItemInvestigationRecord,
        CaseFileItem::Evidence => Key::CaseFileItemEvidence,
        CaseFileItem::MediationRecord => Key::CaseFileItemMediationRecord,
        CaseFileItem::Agreement => Key::CaseFileItemAgreement,
        CaseFileItem::PerformanceProof => Key::CaseFileItemPerformanceProof,
        CaseFileItem::FollowUpRecord => Key::CaseFileItemFollowUpRecord,
        CaseFileItem::JudicialConfirmation => Key::CaseFileItemJudicialConfirmation,
        CaseFileItem::FileNote => Key::CaseFileItemFileNote,
        CaseFileItem::BackCover => Key::CaseFileItemBackCover,
    }
}

/// What a calendar entry makes of a day (`calendar.kind.*`).
pub fn day_kind(value: DayKind) -> Key {
    match value {
        DayKind::Holiday => Key::CalendarKindHoliday,
        DayKind::MakeUpWorkday => Key::CalendarKindWorkday,
        DayKind::Regular => Key::CalendarKindRegular,
    }
}

/// A calendar day as the locale writes it (`format.date`): 2026年3月5日, 5 Mar 2026.
pub fn date(value: Date, locale: Locale) -> String {
    let month = usize::from(value.month()).saturating_sub(1);
    let months = locale.text(Key::FormatMonths);
    let month_name = months.split(',').nth(month).unwrap_or_default();
    locale.format(
        Key::FormatDate,
        &[
            ("y", &value.year().to_string()),
            ("d", &value.day().to_string()),
            ("mon", month_name),
        ],
    )
}

// --- Errors --------------------------------------------------------------------------------

/// Why a command was refused (`error.command.*`), with the status, step or rule involved.
pub fn command_error(error: &CommandError) -> Message {
    use CommandError as E;
    match error {
        E::CaseAlreadyExists => Key::ErrorCommandCaseAlreadyExists.into(),
        E::CaseNotFound => Key::ErrorCommandCaseNotFound.into(),
        E::InvalidTransition {
            from,
            transition: t,
        } => Message::new(Key::ErrorCommandInvalidTransition)
            .with_label("status", status(*from))
            .with_label("action", transition(*t)),
        E::WrongStatus(from) => {
            Message::new(Key::ErrorCommandWrongStatus).with_label("status", status(*from))
        }
        E::RequiresProcedureRecords(r) => {
            Message::new(Key::ErrorCommandRequiresProcedureRecords).with_label("rule", rule(*r))
        }
        E::RequiresApplicationOrNoObjection => {
            Key::ErrorCommandRequiresApplicationOrNoObjection.into()
        }
        E::PartyRefusesMediation => Key::ErrorCommandPartyRefusesMediation.into(),
        E::NumberOfAnotherYear => Key::ErrorCommandNumberOfAnotherYear.into(),
        E::TimeLimitOnlyForMedicalDisputes => {
            Key::ErrorCommandTimeLimitOnlyForMedicalDisputes.into()
        }
        E::SameMediator => Key::ErrorCommandSameMediator.into(),
        E::Frozen => Key::ErrorCommandFrozen.into(),
        E::NothingToChange => Key::ErrorCommandNothingToChange.into(),
        E::PartyAlreadyExists(_) => Key::ErrorCommandPartyAlreadyExists.into(),
        E::PartyWasRemoved(_) => Key::ErrorCommandPartyWasRemoved.into(),
        E::UnknownParty(_) => Key::ErrorCommandUnknownParty.into(),
        E::AlreadyAcknowledged => Key::ErrorCommandAlreadyAcknowledged.into(),
        E::NotRevertible(_) => Key::ErrorCommandNotRevertible.into(),
        E::Invalid(errors) => {
            Message::new(Key::ErrorCommandInvalid).with_text("count", errors.len().to_string())
        }
        E::AgreementIncomplete(gaps) => Message::new(Key::ErrorCommandAgreementIncomplete)
            .with_text("count", gaps.len().to_string()),
        E::UnknownRecord => Key::ErrorCommandUnknownRecord.into(),
        E::AgreementInEffect => Key::ErrorCommandAgreementInEffect.into(),
        E::ReplacementPending => Key::ErrorCommandReplacementPending.into(),
        E::JcExcludedRelationship(relationship) => {
            Message::new(Key::ErrorCommandJcExcludedRelationship)
                .with_label("relationship", personal_status(*relationship))
        }
        E::JcWindowClosed { last_day } => {
            Message::new(Key::ErrorCommandJcWindowClosed).with_text("date", last_day.to_string())
        }
    }
}

/// What is wrong with a field (`error.field.*`): a polite, specific sentence.
pub fn field_error(code: &FieldErrorCode) -> Message {
    use FieldErrorCode as F;
    match code {
        F::Required => Key::ErrorFieldRequired.into(),
        F::TooLong { max } => {
            Message::new(Key::ErrorFieldTooLong).with_text("max", max.to_string())
        }
        F::UnknownChoice => Key::ErrorFieldUnknownChoice.into(),
        F::BadId => Key::ErrorFieldBadId.into(),
        F::NotANumber => Key::ErrorFieldNotANumber.into(),
        F::OutOfRange => Key::ErrorFieldOutOfRange.into(),
        F::Phone(e) => phone_error(*e).into(),
        F::ResidentId(e) => resident_id_error(*e).into(),
        F::Date(e) => match e {
            DateError::Format => Key::ErrorFieldDateFormat,
            DateError::NoSuchDay => Key::ErrorFieldDateNoSuchDay,
        }
        .into(),
        F::FutureDate => Key::ErrorFieldFutureDate.into(),
        F::Amount(e) => match e {
            AmountError::Format => Key::ErrorFieldAmountFormat,
            AmountError::Negative => Key::ErrorFieldAmountNegative,
            AmountError::TooLarge => Key::ErrorFieldAmountTooLarge,
        }
        .into(),
        F::Dispute(e) => match e {
            DisputeClassError::SubTypeOfAnotherType => {
                Key::ErrorFieldDisputeSubTypeOfAnotherType.into()
            }
            DisputeClassError::OtherNeedsLabel => Key::ErrorFieldDisputeOtherNeedsLabel.into(),
            DisputeClassError::LabelOnlyForOther => Key::ErrorFieldDisputeLabelOnlyForOther.into(),
            DisputeClassError::LabelTooLong => Message::new(Key::ErrorFieldDisputeLabelTooLong)
                .with_text("max", MAX_OTHER_LABEL_CHARS.to_string()),
        },
        F::BirthDateAndAge => Key::ErrorFieldBirthDateAndAge.into(),
        F::BirthDateContradictsIdNumber => Key::ErrorFieldBirthDateContradictsIdNumber.into(),
        F::GenderContradictsIdNumber => Key::ErrorFieldGenderContradictsIdNumber.into(),
        F::AgeGroupContradictsAge => Key::ErrorFieldAgeGroupContradictsAge.into(),
        F::MinorNeedsLegalRepresentative => Key::ErrorFieldMinorNeedsLegalRepresentative.into(),
        F::PartyRequired => Key::ErrorFieldPartyRequired.into(),
        F::ApplicantRequired => Key::ErrorFieldApplicantRequired.into(),
        F::Duplicate => Key::ErrorFieldDuplicate.into(),
        F::SourceContradictsBasis => Key::ErrorFieldSourceContradictsBasis.into(),
        F::FindingsOrZeroReport => Key::ErrorFieldFindingsOrZeroReport.into(),
        F::ZeroReportWithFindings => Key::ErrorFieldZeroReportWithFindings.into(),
        F::PresidingIsCoMediator => Key::ErrorFieldPresidingIsCoMediator.into(),
        F::NumberRequired => Key::ErrorFieldNumberRequired.into(),
        F::BadPrefix => Key::ErrorFieldBadPrefix.into(),
    }
}

fn phone_error(error: PhoneError) -> Key {
    match error {
        PhoneError::Empty => Key::ErrorFieldPhoneEmpty,
        PhoneError::BadCharacter => Key::ErrorFieldPhoneBadCharacter,
        PhoneError::NotAMobileNumber => Key::ErrorFieldPhoneNotAMobileNumber,
        PhoneError::BadAreaCode => Key::ErrorFieldPhoneBadAreaCode,
        PhoneError::BadLocalNumber => Key::ErrorFieldPhoneBadLocalNumber,
        PhoneError::BadExtension => Key::ErrorFieldPhoneBadExtension,
        PhoneError::Unrecognised => Key::ErrorFieldPhoneUnrecognised,
    }
}

fn resident_id_error(error: ResidentIdError) -> Key {
    match error {
        ResidentIdError::WrongLength => Key::ErrorFieldResidentIdWrongLength,
        ResidentIdError::BadCharacter => Key::ErrorFieldResidentIdBadCharacter,
        ResidentIdError::ZeroRegion => Key::ErrorFieldResidentIdZeroRegion,
        ResidentIdError::BadBirthDate => Key::ErrorFieldResidentIdBadBirthDate,
        ResidentIdError::BadChecksum => Key::ErrorFieldResidentIdBadChecksum,
    }
}

/// A field error with its field's label in front ("联系电话：…"), or the bare error when the
/// path has no label (see [`field_label`]).
pub fn labelled_field_error(error: &FieldError) -> Message {
    let message = field_error(&error.code);
    match field_label(&error.path) {
        Some(label) => Message::new(Key::ErrorFieldLabelled)
            .with_label("field", label)
            .with("error", Arg::Message(Box::new(message))),
        None => message,
    }
}

/// The label of the field a validation path points at (`field.*`), e.g. `parties[0].phone` →
/// 联系电话; `None` for a path this vocabulary does not know.
///
/// How paths map:
/// - list positions are ignored: `parties[1].id_doc.number` reads as `parties.id_doc.number`;
/// - the last segment names the field, whatever record holds it (`phone` is 联系电话 for a party,
///   a legal representative, an agent, a mediator or a relative), with paths of the event wire
///   (`payload.intake.parties[0].phone`) read the same way;
/// - these pairs are read together: `id_doc.kind` / `id_doc.number` (证件类型 / 证件号码),
///   `dispute.type` / `.sub_type` / `.label`, `<person>.name` of a representative, agent,
///   organisation representative or relative (姓名), and `parties[i].kind` / `.role` / `.name`;
/// - a top-level `kind`, `role` or `id` is shared by several forms (party, unit, mediator,
///   screening), so it gets a generic label (类型 / 身份 / 编号), and a top-level `name`
///   the party's 姓名或名称.
pub fn field_label(path: &str) -> Option<Key> {
    let plain = strip_positions(path);
    let segments: Vec<&str> = plain.split('.').filter(|s| !s.is_empty()).collect();
    let key = match segments.as_slice() {
        [.., "id_doc", "kind"] => Key::FieldPartyIdDocKind,
        [.., "id_doc", "number"] => Key::FieldPartyIdDocNumber,
        [.., "dispute", "type"] => Key::FieldCaseDisputeType,
        [.., "dispute", "sub_type"] => Key::FieldCaseDisputeSubType,
        [.., "dispute", "label"] => Key::FieldCaseDisputeLabel,
        [.., "legal_rep" | "agent" | "org_rep" | "relatives", "name"] => Key::FieldPersonName,
        [.., "parties", "kind"] => Key::FieldPartyKind,
        [.., "parties", "role"] => Key::FieldPartyRole,
        [.., leaf] => leaf_label(leaf)?,
        [] => return None,
    };
    Some(key)
}

fn strip_positions(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn leaf_label(leaf: &str) -> Option<Key> {
    let key = match leaf {
        "org_unit" => Key::FieldCaseOrgUnit,
        "source" => Key::FieldCaseSource,
        "channel" => Key::FieldCaseChannel,
        "first_contact" => Key::FieldCaseFirstContact,
        "dispute" | "dispute_type" => Key::FieldCaseDisputeType,
        "sub_type" => Key::FieldCaseDisputeSubType,
        "label" => Key::FieldCaseDisputeLabel,
        "summary" => Key::FieldCaseSummary,
        "claims" => Key::FieldCaseClaims,
        "amount" | "amount_yuan" => Key::FieldCaseAmount,
        "persons_involved" => Key::FieldCasePersonsInvolved,
        "group" => Key::FieldCaseGroup,
        "flags" => Key::FieldCaseFlags,
        "risk_flags" => Key::FieldCaseRiskFlags,
        "risk_level" => Key::FieldCaseRiskLevel,
        "tier" => Key::FieldCaseTier,
        "handling_level" => Key::FieldCaseHandlingLevel,
        "basis" => Key::FieldCaseBasis,
        "objection" => Key::FieldCaseObjection,
        "parties" => Key::FieldCaseParties,
        "presiding" => Key::FieldCasePresiding,
        "co_mediators" => Key::FieldCaseCoMediators,
        "number" => Key::FieldCaseNumber,
        "to_name" | "to_unit" => Key::FieldCaseToName,
        "measures" => Key::FieldCaseMeasures,
        "description" => Key::FieldLeadDescription,
        "persons" => Key::FieldLeadPersons,
        "reported_by" => Key::FieldLeadReportedBy,
        "screening" => Key::FieldLeadScreening,
        "finding" => Key::FieldLeadFinding,
        "name" => Key::FieldPartyName,
        "gender" => Key::FieldPartyGender,
        "ethnicity" => Key::FieldPartyEthnicity,
        "birth_date" => Key::FieldPartyBirthDate,
        "age" => Key::FieldPartyAge,
        "age_group" => Key::FieldPartyAgeGroup,
        "occupation" => Key::FieldPartyOccupation,
        "address" => Key::FieldPartyAddress,
        "phone" => Key::FieldPartyPhone,
        "id_doc" => Key::FieldPartyIdDoc,
        "legal_rep" => Key::FieldPartyLegalRep,
        "agent" => Key::FieldPartyAgent,
        "org_rep" => Key::FieldPartyOrgRep,
        "relation" => Key::FieldPersonRelation,
        "title" => Key::FieldPersonTitle,
        "id_number" => Key::FieldPersonIdNumber,
        "level" => Key::FieldOrgLevel,
        "parent" => Key::FieldOrgParent,
        "case_no_prefix" => Key::FieldOrgCaseNoPrefix,
        "justice_office" => Key::FieldOrgJusticeOffice,
        "basic_court" => Key::FieldOrgBasicCourt,
        "relatives" => Key::FieldMediatorRelatives,
        "date" => Key::FieldScreeningDate,
        "area" => Key::FieldScreeningArea,
        "screeners" => Key::FieldScreeningScreeners,
        "zero_report" => Key::FieldScreeningZeroReport,
        "findings" => Key::FieldScreeningFindings,
        "disputes_prevented" => Key::FieldScreeningDisputesPrevented,
        "id" => Key::FieldCommonId,
        "kind" => Key::FieldCommonKind,
        "role" => Key::FieldCommonRole,
        "on" => Key::FieldStepOn,
        "time" => Key::FieldStepTime,
        "place" => Key::FieldStepPlace,
        "mediators" => Key::FieldStepMediators,
        "read_back" => Key::FieldStepReadBack,
        "present_parties" => Key::FieldStepPresentParties,
        "statements" => Key::FieldStepStatements,
        "outcome" => Key::FieldStepOutcome,
        "to" => Key::FieldStepTo,
        "court" => Key::FieldStepCourt,
        "applied_on" => Key::FieldStepAppliedOn,
        "result" => Key::FieldStepResult,
        "obligation" => Key::FieldStepObligation,
        "visited" => Key::FieldStepVisited,
        "visitor" => Key::FieldStepVisitor,
        "performance" => Key::FieldStepPerformance,
        "satisfaction" => Key::FieldStepSatisfaction,
        "next_visit" => Key::FieldStepNextVisit,
        "reason" => Key::FieldStepReason,
        "closed_on" => Key::FieldStepClosedOn,
        "sent_on" => Key::FieldStepSentOn,
        "response_days" => Key::FieldStepResponseDays,
        "target" => Key::FieldStepTarget,
        "copies" => Key::FieldStepCopies,
        "reached_on" => Key::FieldStepReachedOn,
        "form" => Key::FieldStepForm,
        "obligor" => Key::FieldStepObligor,
        "obligee" => Key::FieldStepObligee,
        "due" => Key::FieldStepDue,
        "method" => Key::FieldStepMethod,
        "consent" => Key::FieldStepConsent,
        "ruling" => Key::FieldStepRuling,
        "mediator_on" => Key::FieldStepMediatorOn,
        "sealed_on" => Key::FieldStepSealedOn,
        "signatures" => Key::FieldStepSignatures,
        "referral" => Key::FieldStepReferral,
        _ => return None,
    };
    Some(key)
}

/// Why a case number cannot be formed, parsed or allocated (`error.case_number.*`).
pub fn case_number_error(error: &CaseNumberError) -> Message {
    match error {
        CaseNumberError::EmptyPrefix => Key::ErrorCaseNumberEmptyPrefix.into(),
        CaseNumberError::BadPrefix => Key::ErrorCaseNumberBadPrefix.into(),
        CaseNumberError::BadYear => Key::ErrorCaseNumberBadYear.into(),
        CaseNumberError::BadSerial => Key::ErrorCaseNumberBadSerial.into(),
        CaseNumberError::BadSlot => Key::ErrorCaseNumberBadSlot.into(),
        CaseNumberError::Malformed => Key::ErrorCaseNumberMalformed.into(),
        CaseNumberError::Exhausted { year, slot } => Message::new(Key::ErrorCaseNumberExhausted)
            .with_text("year", year.to_string())
            .with_text("slot", slot.to_string()),
    }
}

/// A case number carried by several cases, for the supervisor (`error.case_number.duplicate`).
pub fn duplicate_number(duplicate: &DuplicateNumber) -> Message {
    Message::new(Key::ErrorCaseNumberDuplicate)
        .with_text("number", duplicate.number.to_string())
        .with_text("count", duplicate.cases.len().to_string())
}

/// Characters of an event id shown to people (enough to tell events apart on screen).
pub const SHORT_EVENT_ID: usize = 12;

fn short_event(event: &EventId) -> String {
    event.as_str().chars().take(SHORT_EVENT_ID).collect()
}

/// A defect in a device's chain of events (`chain.*`), for the supervisor. Event ids are
/// shortened to their first [`SHORT_EVENT_ID`] characters.
pub fn chain_problem(problem: &ChainProblem) -> Message {
    match problem {
        ChainProblem::ZeroSeq { device, event } => Message::new(Key::ChainZeroSeq)
            .with_text("device", device.to_string())
            .with_text("event", short_event(event)),
        ChainProblem::Gap { device, from, to } => Message::new(Key::ChainGap)
            .with_text("device", device.to_string())
            .with_text("from", from.to_string())
            .with_text("to", to.to_string()),
        ChainProblem::Fork {
            device,
            seq,
            events,
        } => Message::new(Key::ChainFork)
            .with_text("device", device.to_string())
            .with_text("seq", seq.to_string())
            .with_text("count", events.len().to_string()),
        ChainProblem::PrevOnFirst { device, event } => Message::new(Key::ChainPrevOnFirst)
            .with_text("device", device.to_string())
            .with_text("event", short_event(event)),
        ChainProblem::MissingPrev { device, event } => Message::new(Key::ChainMissingPrev)
            .with_text("device", device.to_string())
            .with_text("event", short_event(event)),
        ChainProblem::BrokenLink { device, event, seq } => Message::new(Key::ChainBrokenLink)
            .with_text("device", device.to_string())
            .with_text("event", short_event(event))
            .with_text("seq", seq.to_string()),
    }
}

/// Why the fold skipped an event (`fold.conflict.*`), for the supervisor.
pub fn fold_conflict(conflict: &ConflictKind) -> Message {
    match conflict {
        ConflictKind::InvalidTransition {
            from: Some(from),
            transition: t,
        } => Message::new(Key::FoldConflictInvalidTransition)
            .with_label("action", transition(*t))
            .with_label("status", status(*from)),
        ConflictKind::InvalidTransition {
            from: None,
            transition: t,
        } => Message::new(Key::FoldConflictInvalidTransitionBeforeCreation)
            .with_label("action", transition(*t)),
        ConflictKind::BeforeCreation => Key::FoldConflictBeforeCreation.into(),
        ConflictKind::Frozen => Key::FoldConflictFrozen.into(),
        ConflictKind::PartyWasRemoved(_) => Key::FoldConflictPartyWasRemoved.into(),
        ConflictKind::UnknownParty(_) => Key::FoldConflictUnknownParty.into(),
        ConflictKind::NotRevertible(_) => Key::FoldConflictNotRevertible.into(),
        ConflictKind::UnknownRecord => Key::FoldConflictUnknownRecord.into(),
    }
}

/// A defect of the network tree (`org.tree.*`); `name` gives a unit's display name (the caller
/// looks it up in the directory, falling back to the id for a unit it does not hold).
pub fn tree_problem(problem: &TreeProblem, name: impl Fn(&OrgUnitId) -> String) -> Message {
    match problem {
        TreeProblem::UnknownParent { unit, parent } => Message::new(Key::OrgTreeUnknownParent)
            .with_text("unit", name(unit))
            .with_text("parent", name(parent)),
        TreeProblem::LevelNotBelowParent { unit } => {
            Message::new(Key::OrgTreeLevelNotBelowParent).with_text("unit", name(unit))
        }
        TreeProblem::Cycle { unit } => {
            Message::new(Key::OrgTreeCycle).with_text("unit", name(unit))
        }
    }
}
