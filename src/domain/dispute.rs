//! The dispute taxonomy (纠纷类型): the 15 official primary types, their sub-types, and the
//! default time limit each type implies.
//!
//! The 15 primary types are the categories of the mediation statistics forms in use since the
//! Ministry of Justice's 2010 notice on document formats and statistical forms
//! (关于印发人民调解文书格式和统计报表的通知); they are exhaustive and mutually exclusive, so each
//! case has exactly one. Sub-types are kept for local reporting and map to one primary type.

use super::codes::code_enum;
use super::time::Date;

code_enum! {
    /// The primary dispute type of the official statistics (one per case).
    pub enum DisputeType {
        /// 婚姻家庭纠纷.
        MarriageFamily = "HY",
        /// 邻里纠纷.
        Neighbour = "LL",
        /// 房屋宅基地纠纷.
        HousingHomestead = "FW",
        /// 合同纠纷 (debts included).
        Contract = "HT",
        /// 生产经营纠纷.
        Business = "SC",
        /// 损害赔偿纠纷.
        Damages = "SH",
        /// 山林土地纠纷.
        ForestLand = "SL",
        /// 征地拆迁纠纷.
        Requisition = "ZD",
        /// 环境污染纠纷.
        Pollution = "HJ",
        /// 劳动争议纠纷.
        Labour = "LD",
        /// 消费纠纷.
        Consumer = "XF",
        /// 医疗纠纷.
        Medical = "YL",
        /// 道路交通事故纠纷.
        Traffic = "JT",
        /// 物业纠纷.
        PropertyManagement = "WY",
        /// 其他纠纷: needs a free-text label.
        Other = "QT",
    }
}

code_enum! {
    /// A finer category used by older national tables and local reports.
    pub enum DisputeSubType {
        /// 婚姻 (marriage, divorce).
        Marriage = "HY.MARRIAGE",
        /// 继承纠纷.
        Inheritance = "HY.INHERITANCE",
        /// 赡养、抚养、扶养纠纷.
        Support = "HY.SUPPORT",
        /// 其他家庭纠纷.
        OtherFamily = "HY.OTHER_FAMILY",
        /// 妇女儿童维权 within the family.
        WomenChildrenFamily = "HY.WOMEN_CHILDREN",
        /// 债权债务纠纷.
        Debt = "HT.DEBT",
        /// 金融借贷.
        Lending = "HT.LENDING",
        /// 企业改制 (business side).
        RestructuringBusiness = "SC.RESTRUCTURING",
        /// 人身损害.
        PersonalInjury = "SH.PERSONAL_INJURY",
        /// 土地承包经营纠纷.
        LandContract = "SL.LAND_CONTRACT",
        /// 移民安置.
        Resettlement = "ZD.RESETTLEMENT",
        /// 拖欠农民工工资.
        UnpaidWages = "LD.UNPAID_WAGES",
        /// 企业改制 (labour side).
        RestructuringLabour = "LD.RESTRUCTURING",
        /// 工伤.
        WorkInjury = "LD.WORK_INJURY",
        /// 食品药品.
        FoodDrug = "XF.FOOD_DRUG",
        /// 村务管理纠纷.
        VillageAffairs = "QT.VILLAGE_AFFAIRS",
        /// 计划生育纠纷.
        FamilyPlanning = "QT.FAMILY_PLANNING",
        /// 妇女儿童维权 outside the family.
        WomenChildrenOther = "QT.WOMEN_CHILDREN",
    }
}

impl DisputeSubType {
    /// The primary type this sub-type is counted under in national reports.
    pub const fn parent(self) -> DisputeType {
        use DisputeSubType as S;
        match self {
            S::Marriage | S::Inheritance | S::Support | S::OtherFamily | S::WomenChildrenFamily => {
                DisputeType::MarriageFamily
            }
            S::Debt | S::Lending => DisputeType::Contract,
            S::RestructuringBusiness => DisputeType::Business,
            S::PersonalInjury => DisputeType::Damages,
            S::LandContract => DisputeType::ForestLand,
            S::Resettlement => DisputeType::Requisition,
            S::UnpaidWages | S::RestructuringLabour | S::WorkInjury => DisputeType::Labour,
            S::FoodDrug => DisputeType::Consumer,
            S::VillageAffairs | S::FamilyPlanning | S::WomenChildrenOther => DisputeType::Other,
        }
    }
}

/// Longest label of an "other" (QT) dispute, in characters.
pub const MAX_OTHER_LABEL_CHARS: usize = 40;

/// Why a dispute classification is inconsistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DisputeClassError {
    /// The sub-type belongs to another primary type.
    #[error("sub-type does not belong to the primary type")]
    SubTypeOfAnotherType,
    /// Type QT was chosen without a label.
    #[error("type QT needs a label")]
    OtherNeedsLabel,
    /// A label was given for a type other than QT.
    #[error("only type QT takes a label")]
    LabelOnlyForOther,
    /// The label is longer than [`MAX_OTHER_LABEL_CHARS`].
    #[error("label is too long")]
    LabelTooLong,
}

/// A case's classification: primary type, optional sub-type, and the label QT requires.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DisputeClass {
    primary: DisputeType,
    sub_type: Option<DisputeSubType>,
    label: Option<String>,
}

impl DisputeClass {
    /// A consistent classification, or why not. The label is trimmed.
    pub fn new(
        primary: DisputeType,
        sub_type: Option<DisputeSubType>,
        label: Option<&str>,
    ) -> Result<Self, DisputeClassError> {
        if sub_type.is_some_and(|s| s.parent() != primary) {
            return Err(DisputeClassError::SubTypeOfAnotherType);
        }
        let label = label.map(str::trim).filter(|l| !l.is_empty());
        match (primary, label) {
            (DisputeType::Other, None) => Err(DisputeClassError::OtherNeedsLabel),
            (DisputeType::Other, Some(l)) if l.chars().count() > MAX_OTHER_LABEL_CHARS => {
                Err(DisputeClassError::LabelTooLong)
            }
            (DisputeType::Other, Some(l)) => Ok(Self {
                primary,
                sub_type,
                label: Some(l.to_owned()),
            }),
            (_, Some(_)) => Err(DisputeClassError::LabelOnlyForOther),
            (_, None) => Ok(Self {
                primary,
                sub_type,
                label: None,
            }),
        }
    }

    /// A classification by primary type alone (not valid for QT, which needs a label).
    pub fn of_type(primary: DisputeType) -> Result<Self, DisputeClassError> {
        Self::new(primary, None, None)
    }

    /// The primary type.
    pub fn primary(&self) -> DisputeType {
        self.primary
    }

    /// The sub-type, if any.
    pub fn sub_type(&self) -> Option<DisputeSubType> {
        self.sub_type
    }

    /// The free-text label (only for QT).
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
}

/// The time limit that applies by default to mediating a dispute of a given type.
///
/// Only the rule is decided here; `deadline.rs` computes the due dates with the holiday calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineRule {
    /// "一般在一个月内调结": 人民调解工作若干规定 (Ministry of Justice Order No. 75, 2002) Art 33.
    OneMonth,
    /// 15 days from receipt of the application, after which either side may apply for
    /// arbitration: 劳动争议调解仲裁法 Art 14.
    LabourFifteenDays,
    /// 30 working days from acceptance, appraisal time excluded: 医疗纠纷预防和处理条例
    /// (State Council Order No. 701) Art 38.
    MedicalThirtyWorkingDays,
}

impl DeadlineRule {
    /// Every rule.
    pub const ALL: [DeadlineRule; 3] = [
        DeadlineRule::OneMonth,
        DeadlineRule::LabourFifteenDays,
        DeadlineRule::MedicalThirtyWorkingDays,
    ];

    /// The rule with this code, if any.
    pub fn from_code(code: &str) -> Option<DeadlineRule> {
        DeadlineRule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// A stable code for the shell's message keys.
    pub const fn code(self) -> &'static str {
        match self {
            DeadlineRule::OneMonth => "ONE_MONTH",
            DeadlineRule::LabourFifteenDays => "LABOUR_15_DAYS",
            DeadlineRule::MedicalThirtyWorkingDays => "MEDICAL_30_WORKING_DAYS",
        }
    }

    /// The last day of the period for a case accepted on `accepted_on`, when it can be computed
    /// from the calendar alone; `None` for working days, which need a holiday calendar.
    ///
    /// Periods start the day after acceptance (民法典 Art 201) and a period in months ends on the
    /// corresponding day (Art 202). The extension past a final day that is a public holiday
    /// (Art 203) is not applied here: `deadline::mediation_deadline` applies it with the calendar.
    pub fn calendar_due_date(self, accepted_on: Date) -> Option<Date> {
        match self {
            DeadlineRule::OneMonth => accepted_on.add_months(1),
            DeadlineRule::LabourFifteenDays => accepted_on.add_days(15),
            DeadlineRule::MedicalThirtyWorkingDays => None,
        }
    }
}

/// The default time limit for a dispute type (previewed at triage).
pub const fn default_deadline(dispute_type: DisputeType) -> DeadlineRule {
    match dispute_type {
        DisputeType::Labour => DeadlineRule::LabourFifteenDays,
        DisputeType::Medical => DeadlineRule::MedicalThirtyWorkingDays,
        _ => DeadlineRule::OneMonth,
    }
}
