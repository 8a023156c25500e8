//! The case record (纠纷案件): its vocabularies (source, channel, risk, tier, handling level) and
//! the records that events carry (intake, triage, referral, escalation).
//!
//! The state of a case is derived from its events; see `fold.rs`.

use std::collections::BTreeSet;

use super::codes::code_enum;
use super::dispute::{DisputeClass, DisputeType};
use super::ids::{MediatorId, OrgUnitId};
use super::money::Fen;
use super::party::Party;

code_enum! {
    /// Where a case came from (案件来源). The statistics count three buckets that add up to the
    /// total (主动调解 / 申请调解 / 接受委托移送调解); see [`CaseSource::bucket`].
    pub enum CaseSource {
        /// 当事人申请.
        PartyApplication = "APPLICATION",
        /// 人民调解委员会主动调解.
        OwnInitiative = "INITIATIVE",
        /// 公安机关移交 (公调对接).
        Police = "POLICE",
        /// 审判机关委托 (诉调对接).
        Court = "COURT",
        /// 检察机关移送 (检调对接).
        Procuratorate = "PROCURATORATE",
        /// 信访部门移送 (访调对接).
        PetitionOffice = "PETITION",
        /// 纪检监察移送 (纪调对接).
        Discipline = "DISCIPLINE",
        /// 政府部门指定.
        Government = "GOVERNMENT",
    }
}

/// The three source buckets of the statistics forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceBucket {
    /// 申请调解.
    Application,
    /// 主动调解.
    Initiative,
    /// 接受委托移送调解.
    Referral,
}

impl CaseSource {
    /// The statistics bucket.
    pub const fn bucket(self) -> SourceBucket {
        match self {
            CaseSource::PartyApplication => SourceBucket::Application,
            CaseSource::OwnInitiative => SourceBucket::Initiative,
            _ => SourceBucket::Referral,
        }
    }
}

code_enum! {
    /// How the matter first reached the committee.
    pub enum IntakeChannel {
        /// 来访.
        Visit = "VISIT",
        /// 来电.
        Call = "CALL",
        /// 来信.
        Letter = "LETTER",
        /// 网格员上报.
        GridWorker = "GRID",
        /// 排查发现.
        Screening = "SCREENING",
        /// 意见箱.
        SuggestionBox = "SUGGESTION_BOX",
        /// 联络员.
        Liaison = "LIAISON",
        /// Handed over by another body.
        Referral = "REFERRAL",
        /// Something else.
        Other = "OTHER",
    }
}

code_enum! {
    /// Signs that a dispute may escalate (人民调解法 Art 25 requires preventive measures, and a
    /// report to the police where a public-order or criminal case may follow).
    pub enum RiskFlag {
        /// 可能激化.
        Escalation = "ESCALATION",
        /// 可能民转刑.
        CivilToCriminal = "CIVIL_TO_CRIMINAL",
        /// 可能自杀.
        Suicide = "SUICIDE",
        /// 可能群体性上访.
        GroupPetition = "GROUP_PETITION",
        /// 可能群体性械斗.
        GroupFight = "GROUP_FIGHT",
    }
}

code_enum! {
    /// Cross-cutting facts about a case that are not types (several raise the tier).
    pub enum CaseFlag {
        /// 涉法涉诉.
        LitigationLinked = "LITIGATION_LINKED",
        /// 涉及未成年人.
        InvolvesMinors = "INVOLVES_MINORS",
        /// 涉及少数民族.
        InvolvesEthnicMinority = "ETHNIC_MINORITY",
        /// 跨地区.
        CrossRegion = "CROSS_REGION",
        /// 非正常死亡.
        UnnaturalDeath = "UNNATURAL_DEATH",
    }
}

code_enum! {
    /// Risk level (a local red/orange/yellow scheme; green means no sign found).
    pub enum RiskLevel {
        /// No sign of escalation.
        Green = "GREEN",
        /// 黄.
        Yellow = "YELLOW",
        /// 橙.
        Orange = "ORANGE",
        /// 红.
        Red = "RED",
    }
}

code_enum! {
    /// Difficulty tier: 简单 / 一般 / 重大疑难.
    pub enum DifficultyTier {
        /// 简单.
        Simple = "SIMPLE",
        /// 一般.
        Ordinary = "ORDINARY",
        /// 重大疑难.
        Major = "MAJOR",
    }
}

code_enum! {
    /// Which level handles the case ("小问题不出村，大问题不出乡镇").
    pub enum HandlingLevel {
        /// 村(社区).
        Village = "VILLAGE",
        /// 乡镇(街道).
        Township = "TOWNSHIP",
        /// 县(区) centre.
        County = "COUNTY",
        /// A specialised committee.
        Specialised = "SPECIALISED",
    }
}

/// Amount at or above which a dispute counts as 重大疑难: 100,000 yuan, in fen.
pub const MAJOR_AMOUNT_FEN: i64 = 10_000_000;
/// Persons involved at or above which a dispute counts as 重大疑难 (and as a group dispute).
pub const MAJOR_PERSONS: u32 = 10;

/// The facts that push a case into the 重大疑难 tier under the local tiering scheme (land or
/// forest ownership, 10 or more people, a tendency to group petitions or fights or to 民转刑,
/// links to litigation, unnatural death, stakes of 100,000 yuan or more). A suggestion only: the
/// director decides the tier at triage.
pub(crate) fn major_tier_signs(
    dispute_type: Option<DisputeType>,
    persons_involved: Option<u32>,
    amount: Option<Fen>,
    group: bool,
    flags: &BTreeSet<CaseFlag>,
    risk_flags: &BTreeSet<RiskFlag>,
) -> bool {
    dispute_type == Some(DisputeType::ForestLand)
        || group
        || persons_involved.is_some_and(|n| n >= MAJOR_PERSONS)
        || amount.is_some_and(|a| a.as_fen() >= MAJOR_AMOUNT_FEN)
        || flags.contains(&CaseFlag::LitigationLinked)
        || flags.contains(&CaseFlag::UnnaturalDeath)
        || risk_flags.iter().any(|f| {
            matches!(
                f,
                RiskFlag::CivilToCriminal | RiskFlag::GroupPetition | RiskFlag::GroupFight
            )
        })
}

code_enum! {
    /// On what footing the committee takes a case up (人民调解法 Art 17: on a party's
    /// application, or on its own initiative unless a party expressly refuses).
    pub enum AcceptanceBasis {
        /// A written application (人民调解申请书).
        WrittenApplication = "WRITTEN_APPLICATION",
        /// An oral application, written down on the spot.
        OralApplication = "ORAL_APPLICATION",
        /// The committee's own initiative (主动调解).
        OwnInitiative = "OWN_INITIATIVE",
    }
}

code_enum! {
    /// Whether the parties were asked, and whether one objected, before taking a case up.
    pub enum ObjectionCheck {
        /// Not asked yet (enough for an application; consent is asked before mediation starts).
        NotAsked = "NOT_ASKED",
        /// Asked; no party objects.
        NoneRaised = "NONE_RAISED",
        /// A party expressly refuses mediation.
        Raised = "RAISED",
    }
}

/// The footing of acceptance as recorded at registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Acceptance {
    /// Application or own initiative.
    pub basis: AcceptanceBasis,
    /// Objection status.
    pub objection: ObjectionCheck,
}

/// The registration form (人民调解受理登记表) and application details.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Intake {
    /// The accepting committee.
    pub org_unit: OrgUnitId,
    /// 案件来源.
    pub source: CaseSource,
    /// How it reached the committee.
    pub channel: IntakeChannel,
    /// The first person contacted, who owns the case until handover (首问负责制).
    pub first_contact: MediatorId,
    /// Dispute classification.
    pub dispute: DisputeClass,
    /// 纠纷简要情况.
    pub summary: String,
    /// 申请事项, in order.
    pub claims: Vec<String>,
    /// Amount involved.
    pub amount: Option<Fen>,
    /// Persons involved (人次).
    pub persons_involved: Option<u32>,
    /// A group dispute (群体性).
    pub group: bool,
    /// Cross-cutting flags.
    pub flags: BTreeSet<CaseFlag>,
    /// Escalation signs seen at intake.
    pub risk_flags: BTreeSet<RiskFlag>,
    /// The parties.
    pub parties: Vec<Party>,
}

impl Intake {
    /// Whether the form's facts suggest the 重大疑难 tier (see `CaseState::suggests_major_tier`).
    pub fn suggests_major_tier(&self) -> bool {
        major_tier_signs(
            Some(self.dispute.primary()),
            self.persons_involved,
            self.amount,
            self.group,
            &self.flags,
            &self.risk_flags,
        )
    }
}

/// The triage decision (集中梳理): type, tier, risk and handling level.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Triage {
    /// Classification (may refine the intake's).
    pub dispute: DisputeClass,
    /// Tier.
    pub tier: DifficultyTier,
    /// Risk level.
    pub risk_level: RiskLevel,
    /// Escalation signs.
    pub risk_flags: BTreeSet<RiskFlag>,
    /// Handling level.
    pub handling_level: HandlingLevel,
}

code_enum! {
    /// Why a registered matter is not accepted (人民调解工作若干规定 Art 22).
    pub enum NotAcceptedReason {
        /// Only specialised bodies may handle it.
        ReservedToSpecialisedBodies = "RESERVED",
        /// The law forbids mediating it.
        ProhibitedByLaw = "PROHIBITED",
        /// Already accepted or resolved by a court, the police or another administrative body.
        AlreadyHandled = "ALREADY_HANDLED",
        /// A party expressly refuses mediation (人民调解法 Art 17).
        PartyRefuses = "PARTY_REFUSES",
    }
}

code_enum! {
    /// Why a lead is closed without a case.
    pub enum DismissalReason {
        /// No dispute.
        NoDispute = "NO_DISPUTE",
        /// Defused on the spot: counts as 预防纠纷 in the statistics.
        DefusedOnSpot = "DEFUSED",
    }
}

code_enum! {
    /// Where a case is referred (分流/移交).
    pub enum ReferralTarget {
        /// A higher mediation centre.
        HigherCentre = "HIGHER_CENTRE",
        /// Another committee (e.g. where the parties live).
        OtherCommittee = "OTHER_COMMITTEE",
        /// A specialised committee.
        SpecialisedCommittee = "SPECIALISED_COMMITTEE",
        /// 司法所 / 司法局.
        JusticeOffice = "JUSTICE_OFFICE",
        /// 公安机关.
        Police = "POLICE",
        /// 人民法院.
        Court = "COURT",
        /// 信访部门.
        PetitionOffice = "PETITION_OFFICE",
        /// An administrative department.
        Administrative = "ADMINISTRATIVE",
        /// 劳动人事争议仲裁委员会.
        LabourArbitration = "LABOUR_ARBITRATION",
    }
}

code_enum! {
    /// Why a case is referred.
    pub enum ReferralReason {
        /// Outside the committee's competence or jurisdiction.
        OutOfScope = "OUT_OF_SCOPE",
        /// Too difficult for this level.
        Difficult = "DIFFICULT",
        /// Spans regions.
        CrossRegion = "CROSS_REGION",
        /// Risk of escalation.
        EscalationRisk = "ESCALATION_RISK",
        /// Needs an administrative decision.
        NeedsAdministrativeDecision = "ADMINISTRATIVE_DECISION",
        /// A criminal element appeared.
        CriminalElement = "CRIMINAL_ELEMENT",
        /// A party asked for it.
        PartyRequest = "PARTY_REQUEST",
    }
}

/// A referral out of the committee.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Referral {
    /// Kind of receiving body.
    pub target: ReferralTarget,
    /// The receiving unit, when it is in the network.
    pub to_unit: Option<OrgUnitId>,
    /// The receiving body's name, when it is not.
    pub to_name: Option<String>,
    /// Why.
    pub reason: ReferralReason,
}

code_enum! {
    /// Why a mediator is replaced.
    pub enum ReplacementReason {
        /// A party objects to the mediator (人民调解工作若干规定 Art 25: the committee must
        /// replace them).
        PartyObjection = "PARTY_OBJECTION",
        /// The mediator withdraws for a conflict of interest (回避).
        Recusal = "RECUSAL",
        /// The mediator is unavailable.
        Unavailable = "UNAVAILABLE",
    }
}

code_enum! {
    /// Why mediation ends without agreement.
    pub enum TerminationReason {
        /// 调解不成.
        Failed = "FAILED",
        /// A party refuses to continue (人民调解法 Art 23(2)).
        PartyRefuses = "PARTY_REFUSES",
        /// A party withdraws its application.
        PartyWithdraws = "PARTY_WITHDRAWS",
        /// Medical disputes: no agreement within 30 working days (医疗纠纷预防和处理条例 Art 38).
        TimeLimitExpired = "TIME_LIMIT",
    }
}

code_enum! {
    /// Form of a mediation agreement (人民调解法 Art 28).
    pub enum AgreementForm {
        /// 调解协议书.
        Written = "WRITTEN",
        /// 口头协议.
        Oral = "ORAL",
    }
}

code_enum! {
    /// The court's ruling on judicial confirmation (民事诉讼法 Art 206).
    pub enum JcRuling {
        /// 裁定调解协议有效.
        Valid = "VALID",
        /// 裁定驳回申请.
        Rejected = "REJECTED",
    }
}

code_enum! {
    /// Why a closed case is reopened.
    pub enum ReopenReason {
        /// The agreement proved unlawful or clearly unfair.
        UnlawfulOrUnfair = "UNLAWFUL_OR_UNFAIR",
        /// The parties want to revise it (人民调解法 Art 33 ¶3).
        RevisionRequested = "REVISION_REQUESTED",
    }
}

/// An escalation assessment (transition 11: a flag on an open case, not a state).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Escalation {
    /// Signs seen.
    pub risk_flags: BTreeSet<RiskFlag>,
    /// Assessed level.
    pub risk_level: RiskLevel,
    /// Preventive measures taken (free text).
    pub measures: String,
    /// Whether the police or another department was informed (人民调解法 Art 25).
    pub reported: bool,
}

/// One field of a case set by an edit; concurrent edits of one field resolve last-writer-wins.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CaseChange {
    /// 纠纷简要情况 (or a lead's description).
    Summary(String),
    /// 申请事项.
    Claims(Vec<String>),
    /// Amount involved.
    Amount(Option<Fen>),
    /// Persons involved.
    PersonsInvolved(Option<u32>),
    /// Group dispute.
    Group(bool),
    /// Cross-cutting flags.
    Flags(BTreeSet<CaseFlag>),
    /// Classification.
    Dispute(DisputeClass),
    /// Source.
    Source(CaseSource),
    /// Channel.
    Channel(IntakeChannel),
    /// First-contact owner (handover under 首问负责制).
    FirstContact(MediatorId),
    /// Escalation signs.
    RiskFlags(BTreeSet<RiskFlag>),
    /// Risk level.
    RiskLevel(RiskLevel),
    /// Tier.
    Tier(DifficultyTier),
    /// Handling level.
    HandlingLevel(HandlingLevel),
    /// Co-mediators.
    CoMediators(Vec<MediatorId>),
}

impl CaseChange {
    /// A stable name of the field this change sets (used on the wire and in field paths).
    pub const fn field(&self) -> &'static str {
        match self {
            CaseChange::Summary(_) => "summary",
            CaseChange::Claims(_) => "claims",
            CaseChange::Amount(_) => "amount",
            CaseChange::PersonsInvolved(_) => "persons_involved",
            CaseChange::Group(_) => "group",
            CaseChange::Flags(_) => "flags",
            CaseChange::Dispute(_) => "dispute",
            CaseChange::Source(_) => "source",
            CaseChange::Channel(_) => "channel",
            CaseChange::FirstContact(_) => "first_contact",
            CaseChange::RiskFlags(_) => "risk_flags",
            CaseChange::RiskLevel(_) => "risk_level",
            CaseChange::Tier(_) => "tier",
            CaseChange::HandlingLevel(_) => "handling_level",
            CaseChange::CoMediators(_) => "co_mediators",
        }
    }
}
