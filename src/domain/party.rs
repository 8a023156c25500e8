//! Parties (当事人) to a dispute and the people who act for them: legal representatives
//! (法定代理人), authorised agents (委托代理人) and the representatives of organisations.
//!
//! The fields follow the application form (人民调解申请书: 姓名、性别、民族、年龄、职业或职务、
//! 联系方式、单位或住址) plus what the case file needs (当事人身份证明, 授权委托书).

use super::codes::code_enum;
use super::contact::{mask_id_number, Phone};
use super::ids::PartyId;
use super::time::Date;

code_enum! {
    /// What kind of person a party is (人民调解工作若干规定 Art 20: disputes between citizens, or
    /// between citizens and legal persons or other organisations).
    pub enum PartyKind {
        /// 自然人.
        NaturalPerson = "NATURAL",
        /// 法人.
        LegalPerson = "LEGAL",
        /// 非法人组织 / 其他组织.
        OtherOrganisation = "ORG",
    }
}

code_enum! {
    /// A party's position in the case.
    pub enum PartyRole {
        /// 申请人.
        Applicant = "APPLICANT",
        /// 被申请人.
        Respondent = "RESPONDENT",
        /// 第三人.
        ThirdParty = "THIRD_PARTY",
        /// 利害关系人.
        Interested = "INTERESTED",
    }
}

code_enum! {
    /// Gender as on the forms (GB/T 2261.1 values 1 and 2).
    pub enum Gender {
        /// 男.
        Male = "M",
        /// 女.
        Female = "F",
    }
}

code_enum! {
    /// Age group, for capacity (民法典 Arts 19–21) and for children's data, which is sensitive
    /// personal information needing a guardian's consent (个人信息保护法 Arts 28, 31).
    pub enum AgeGroup {
        /// 18 or over.
        Adult = "ADULT",
        /// 14 to 17.
        Minor = "MINOR",
        /// Under 14.
        Under14 = "UNDER_14",
    }
}

impl AgeGroup {
    /// Whether the person is under 18 and so acts through a legal representative.
    pub const fn is_minor(self) -> bool {
        !matches!(self, AgeGroup::Adult)
    }

    /// The age group at `age` full years.
    pub const fn of_age(age: u32) -> AgeGroup {
        match age {
            0..=13 => AgeGroup::Under14,
            14..=17 => AgeGroup::Minor,
            _ => AgeGroup::Adult,
        }
    }
}

code_enum! {
    /// Kind of identity document.
    pub enum IdDocKind {
        /// 居民身份证 (checked per GB 11643-1999).
        ResidentId = "RESIDENT_ID",
        /// 护照.
        Passport = "PASSPORT",
        /// 港澳居民来往内地通行证 / 居住证.
        HongKongMacao = "HK_MACAO",
        /// 台湾居民来往大陆通行证 / 居住证.
        Taiwan = "TAIWAN",
        /// 外国人永久居留身份证.
        ForeignPermanentResident = "FOREIGN_PR",
        /// 统一社会信用代码 (organisations).
        UnifiedSocialCreditCode = "USCC",
        /// Another document.
        Other = "OTHER",
    }
}

/// An identity document: kind and number (uppercase, without spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdDocument {
    /// Kind of document.
    pub kind: IdDocKind,
    /// The number as printed on it, normalised.
    pub number: String,
}

impl IdDocument {
    /// The number masked for display (`110***********1234`).
    pub fn masked_number(&self) -> String {
        mask_id_number(&self.number)
    }
}

/// What is known of a natural person's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Birth {
    /// The birth date.
    Date(Date),
    /// Age in years as stated, when the date is unknown (the form asks for 年龄).
    Age(u8),
}

/// A legal representative (法定代理人) of a party without full capacity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Representative {
    /// Name.
    pub name: String,
    /// Relationship to the party (e.g. parent), free text.
    pub relation: Option<String>,
    /// Phone.
    pub phone: Option<Phone>,
    /// Identity document.
    pub id_doc: Option<IdDocument>,
}

/// An authorised agent (委托代理人).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Agent {
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: Option<Phone>,
    /// Identity document.
    pub id_doc: Option<IdDocument>,
    /// Whether the power of attorney (授权委托书) is on file; judicial confirmation through an
    /// agent needs one (最高人民法院关于人民调解协议司法确认程序的若干规定 Art 3).
    pub power_of_attorney: bool,
}

/// The person who signs for an organisation (法定代表人 / 负责人).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrgRepresentative {
    /// Name.
    pub name: String,
    /// Title (职务).
    pub title: Option<String>,
}

/// A party to a case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Party {
    /// Id, chosen by the shell.
    pub id: PartyId,
    /// Natural person, legal person or other organisation.
    pub kind: PartyKind,
    /// Position in the case.
    pub role: PartyRole,
    /// Name (person or organisation).
    pub name: String,
    /// Gender (natural persons).
    pub gender: Option<Gender>,
    /// Ethnicity (民族), as written.
    pub ethnicity: Option<String>,
    /// Birth date or stated age (natural persons).
    pub birth: Option<Birth>,
    /// Occupation or position (职业或职务).
    pub occupation: Option<String>,
    /// Address or work unit (单位或住址).
    pub address: Option<String>,
    /// Phone (联系方式).
    pub phone: Option<Phone>,
    /// Identity document (当事人身份证明).
    pub id_doc: Option<IdDocument>,
    /// Age group (natural persons; organisations are always `Adult`).
    pub age_group: AgeGroup,
    /// Legal representative, required for minors.
    pub legal_rep: Option<Representative>,
    /// Authorised agent.
    pub agent: Option<Agent>,
    /// Legal representative or person in charge of an organisation.
    pub org_rep: Option<OrgRepresentative>,
}

impl Party {
    /// Whether the party is a minor (and so acts through a legal representative).
    pub fn is_minor(&self) -> bool {
        self.age_group.is_minor()
    }
}
