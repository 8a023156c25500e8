//! The mediation network: organisation units (调解组织) arranged as a six-level tree, and the
//! mediators (人民调解员) who work in them, with the relatives that recusal checks need.

use std::collections::{BTreeMap, BTreeSet};

use super::codes::code_enum;
use super::contact::{Phone, ResidentId};
use super::ids::{MediatorId, OrgUnitId};
use super::party::Gender;

code_enum! {
    /// What kind of organisation a unit is (人民调解法 Arts 8, 34; 人民调解工作若干规定 Art 10).
    pub enum OrgKind {
        /// 区/县调解服务指导中心 (or a 大调解 centre).
        CountyCentre = "COUNTY_CENTRE",
        /// 乡镇/街道调解中心 or 调委会.
        TownshipCommittee = "TOWNSHIP",
        /// 村民委员会人民调解委员会.
        VillageCommittee = "VILLAGE",
        /// 居民委员会人民调解委员会.
        ResidentsCommittee = "RESIDENTS",
        /// 企事业单位人民调解委员会.
        EnterpriseCommittee = "ENTERPRISE",
        /// Committee of a social body (社会团体或者其他组织).
        SocialBodyCommittee = "SOCIAL_BODY",
        /// 区域性调委会.
        RegionalCommittee = "REGIONAL",
        /// 行业性/专业性调委会 (医患, 交通事故, 劳动争议, 物业 …).
        SpecialisedCommittee = "SPECIALISED",
        /// 派驻调解工作室 (e.g. at a court or police station).
        StationedOffice = "STATIONED_OFFICE",
        /// 个人调解工作室.
        PersonalStudio = "PERSONAL_STUDIO",
        /// 民调小组 / 调解小组.
        MediationGroup = "GROUP",
        /// 十户联调组.
        TenHouseholdGroup = "TEN_HOUSEHOLDS",
        /// 邻里守望组 / 信息员.
        InformationOfficer = "INFORMATION_OFFICER",
    }
}

/// Level in the six-level network: ① county centre, ② township/street centre, ③ village or
/// enterprise centre (workstation), ④ mediation group, ⑤ ten-household group, ⑥ neighbourhood
/// watch or information officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NetworkLevel(u8);

impl NetworkLevel {
    /// The level `n`, if within 1..=6.
    pub const fn new(n: u8) -> Option<NetworkLevel> {
        if n >= 1 && n <= 6 {
            Some(NetworkLevel(n))
        } else {
            None
        }
    }

    /// The level number, 1 (top) to 6.
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// A unit of the mediation network.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrgUnit {
    /// Id.
    pub id: OrgUnitId,
    /// Full name (e.g. "XX村人民调解委员会").
    pub name: String,
    /// Kind.
    pub kind: OrgKind,
    /// Level 1–6.
    pub level: NetworkLevel,
    /// The unit above it; `None` for the top of this device's tree.
    pub parent: Option<OrgUnitId>,
    /// The committee's abbreviation X in case numbers "(2026)X人调字第N号" (empty for units that
    /// do not number cases).
    pub case_no_prefix: String,
    /// The guiding justice office (司法所/司法局), 人民调解法 Art 5.
    pub justice_office: Option<String>,
    /// The basic-level court for judicial confirmation (民事诉讼法 Art 205).
    pub basic_court: Option<String>,
}

/// Something wrong with the shape of the network tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeProblem {
    /// The parent is not among the units given.
    UnknownParent {
        /// The unit.
        unit: OrgUnitId,
        /// Its missing parent.
        parent: OrgUnitId,
    },
    /// A unit's level is not below its parent's.
    LevelNotBelowParent {
        /// The unit.
        unit: OrgUnitId,
    },
    /// Following parents from this unit comes back to it.
    Cycle {
        /// A unit on the cycle.
        unit: OrgUnitId,
    },
}

/// Checks the tree: known parents, levels increasing downwards, no cycles.
///
/// Levels may skip (a specialised committee may sit directly under a county centre), so only
/// "strictly below" is required.
pub fn check_org_tree(units: &BTreeMap<OrgUnitId, OrgUnit>) -> Vec<TreeProblem> {
    let mut problems = Vec::new();
    for unit in units.values() {
        let Some(parent_id) = &unit.parent else {
            continue;
        };
        match units.get(parent_id) {
            None => problems.push(TreeProblem::UnknownParent {
                unit: unit.id.clone(),
                parent: parent_id.clone(),
            }),
            Some(parent) if parent.level >= unit.level => {
                problems.push(TreeProblem::LevelNotBelowParent {
                    unit: unit.id.clone(),
                });
            }
            Some(_) => {}
        }
        let mut seen = BTreeSet::from([&unit.id]);
        let mut next = units.get(parent_id);
        while let Some(up) = next {
            if !seen.insert(&up.id) {
                if up.id == unit.id {
                    problems.push(TreeProblem::Cycle {
                        unit: unit.id.clone(),
                    });
                }
                break;
            }
            next = up.parent.as_ref().and_then(|p| units.get(p));
        }
    }
    problems
}

code_enum! {
    /// A mediator's position (人民调解法 Arts 8, 13).
    pub enum MediatorRole {
        /// 主任.
        Director = "DIRECTOR",
        /// 副主任.
        Deputy = "DEPUTY",
        /// 委员.
        Member = "MEMBER",
        /// 聘任调解员.
        Appointed = "APPOINTED",
    }
}

code_enum! {
    /// How a relative is related to a mediator (for recusal, 回避).
    pub enum Relation {
        /// 配偶.
        Spouse = "SPOUSE",
        /// 父母.
        Parent = "PARENT",
        /// 子女.
        Child = "CHILD",
        /// 兄弟姐妹.
        Sibling = "SIBLING",
        /// 祖父母、外祖父母.
        Grandparent = "GRANDPARENT",
        /// 孙子女、外孙子女.
        Grandchild = "GRANDCHILD",
        /// 姻亲.
        InLaw = "IN_LAW",
        /// Other close relationship.
        Other = "OTHER",
    }
}

/// A mediator's relative, kept only to warn when they turn up as a party.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Relative {
    /// Name.
    pub name: String,
    /// Relationship.
    pub relation: Relation,
    /// Resident ID number, if known.
    pub id_number: Option<ResidentId>,
    /// Phone, if known.
    pub phone: Option<Phone>,
}

/// A people's mediator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mediator {
    /// Id.
    pub id: MediatorId,
    /// Name.
    pub name: String,
    /// Gender (a committee must include a woman, 人民调解法 Art 8).
    pub gender: Option<Gender>,
    /// Phone.
    pub phone: Option<Phone>,
    /// Own resident ID number, to catch a mediator who is a party.
    pub id_number: Option<ResidentId>,
    /// The unit the mediator belongs to.
    pub org_unit: OrgUnitId,
    /// Position.
    pub role: MediatorRole,
    /// 专职 (full-time) rather than 兼职.
    pub full_time: bool,
    /// Whether still in post.
    pub active: bool,
    /// Relatives for recusal checks.
    pub relatives: Vec<Relative>,
}
