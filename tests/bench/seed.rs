//! Benchmark seed (cargo example `seed`): a deterministic register of N realistic cases, written
//! through the real core (`Repo` over `MemoryStorage`) and exported as the IndexedDB contents.
//!
//! ```sh
//! cargo run --release --example seed -- --cases 10000 --seed 20261121 --out /tmp/casebook-10k.json
//! ```
//!
//! Output: `{ "database": "casebook", "version": 1, "stores": { "<store>": [[key, value], ...] },
//! "generator": {...} }` with every store of schema version 1 (keys sorted), which
//! `tests/bench/register.mjs` puts into IndexedDB before the app's first load.
//!
//! What is generated (same seed → same bytes; a splitmix64 PRNG, no randomness crate):
//! - one tablet set up once (`Repo::set_up`, slot 1, committee prefix 东城) plus four more
//!   mediators of the committee (`save_directory`), so cases can be assigned to colleagues;
//! - cases alternating Chinese / English (names, summaries of 40–200 characters from templates
//!   over all 15 dispute types, claims, phones, some organisations as respondents); each case is
//!   ONE `execute_all` (one transaction, as one user action would be): a lead, a dismissed lead,
//!   or a registration followed by triage (risk level, tier), a referral or an assignment;
//! - the clock advances by a random number of minutes between cases. A numbering slot gives only
//!   999 case numbers a year, so the cases are spread over `ceil(N / 850)` years ending on
//!   2026-11-20 (12 years for 10,000: about 830 cases, 760 numbers a year, and room in the current
//!   year for the benchmark's own save). One device, one slot, one prefix, as on a real tablet.
//!
//! `MemoryStorage::commit` copies every store on each commit (so a failed batch leaves nothing),
//! which makes one storage holding 10,000 cases quadratic. The seed therefore rotates to a fresh
//! `MemoryStorage` every `--chunk` cases (default 200), carrying the `meta` records (profile and
//! chain head) over, and merges the snapshots. Each command reads only its own case's events and
//! the chain head, so the result is identical to one storage's (`--chunk 0` disables rotation;
//! `--check-chunking` proves the equality on the run's own arguments).

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fs::File;
use std::future::Future;
use std::io::{BufWriter, Write};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use casebook::domain::case::{
    Acceptance, AcceptanceBasis, CaseFlag, CaseSource, DifficultyTier, DismissalReason,
    HandlingLevel, Intake, IntakeChannel, ObjectionCheck, Referral, ReferralReason, ReferralTarget,
    RiskFlag, RiskLevel, Triage,
};
use casebook::domain::case_number::NumberingSlot;
use casebook::domain::command::{CaseCommand, DirectoryCommand};
use casebook::domain::contact::{Phone, ResidentId};
use casebook::domain::dispute::{DisputeClass, DisputeSubType, DisputeType};
use casebook::domain::lead::Lead;
use casebook::domain::money::Fen;
use casebook::domain::org::{Mediator, MediatorRole, NetworkLevel, OrgKind, OrgUnit};
use casebook::domain::party::{
    AgeGroup, Gender, IdDocKind, IdDocument, OrgRepresentative, Party, PartyKind, PartyRole,
};
use casebook::domain::{
    CaseId, CaseSummary, Date, DeviceId, MediatorId, OrgUnitId, PartyId, Timestamp,
};
use casebook::repo::{DeviceProfile, Repo};
use casebook::storage::memory::MemoryStorage;
use casebook::storage::records::{DATABASE_NAME, SCHEMA_VERSION};
use casebook::storage::{StoragePort, StoreName, WriteBatch};

type Res<T> = Result<T, Box<dyn Error>>;

/// Every object store of schema version 1, in the order they are written out.
const STORES: [StoreName; 5] = [
    StoreName::Meta,
    StoreName::Events,
    StoreName::DeviceLog,
    StoreName::Summaries,
    StoreName::Drafts,
];

/// The committee's case-number prefix.
const PREFIX: &str = "东城";
/// Case numbers used per year at most (a slot has 999).
const CASES_PER_YEAR: u64 = 850;
const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;
const YEAR_MINUTES: u64 = 525_960; // 365.25 days

// --- PRNG ---------------------------------------------------------------------------------

/// splitmix64 (Steele, Lea and Flood 2014): a 64-bit counter through a mixing function.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant for test data).
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of `words`.
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len() as u64) as usize]
    }

    /// 32 lowercase hex digits, the shape of the app's random ids.
    fn hex_id(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_u64(), self.next_u64())
    }
}

// --- Vocabulary ---------------------------------------------------------------------------

const ZH_SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭",
    "欧阳", "司马",
];
const ZH_GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "英", "华", "慧", "巧", "美", "霞", "平", "刚", "桂", "兰", "玉", "萍", "红", "玲",
    "芬", "燕", "彬", "斌", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "欣", "瑶", "怡",
    "佳", "琳", "雪", "梅", "晨", "婷", "颖", "倩", "楠", "建国", "卫东", "志强", "淑珍", "秀兰",
];
const ZH_PLACES: &[&str] = &[
    "东城社区",
    "西河村",
    "南湖街道",
    "北关村",
    "新华路",
    "幸福小区",
    "工业园",
    "老街",
    "桥头村",
    "滨江苑",
    "和平里",
    "柳树湾",
    "石桥镇",
    "红星村",
    "锦绣花园",
    "青石巷",
];
const EN_FIRST: &[&str] = &[
    "James", "Mary", "John", "Linda", "Robert", "Susan", "Ahmed", "Fatima", "Wei", "Mei", "Carlos",
    "Ana", "Peter", "Grace", "Samuel", "Ruth", "David", "Esther", "Joseph", "Naomi", "Oliver",
    "Amara", "Tomas", "Priya",
];
const EN_LAST: &[&str] = &[
    "Smith", "Okafor", "Nguyen", "Garcia", "Brown", "Mensah", "Khan", "Lopez", "Wilson", "Chen",
    "Adeyemi", "Taylor", "Singh", "Moore", "Kamau", "Clark", "Novak", "Haddad", "Murphy", "Silva",
];
const EN_PLACES: &[&str] = &[
    "East Ward",
    "River Village",
    "Lakeside Street",
    "North Gate",
    "Market Road",
    "Hill Estate",
    "Station Lane",
    "Old Town",
    "Bridge End",
    "Park View",
    "Willow Bay",
    "Stone Bridge",
];

/// Templates of one primary dispute type. Placeholders: `{a}` applicant, `{b}` respondent,
/// `{p}` place, `{n}` an amount in yuan (its presence sets the intake's amount), `{k}` a small
/// number. `org_*` is the respondent when it is an organisation (`{p}` is filled in).
struct Kind {
    ty: DisputeType,
    sub: Option<DisputeSubType>,
    /// Relative frequency.
    weight: u64,
    zh: &'static [&'static str],
    en: &'static [&'static str],
    org_zh: Option<&'static str>,
    org_en: Option<&'static str>,
    /// Percent of cases whose respondent is the organisation.
    org_share: u64,
}

const KINDS: &[Kind] = &[
    Kind {
        ty: DisputeType::MarriageFamily,
        sub: None,
        weight: 16,
        zh: &[
            "{a}与{b}系夫妻，因家庭琐事长期争吵，{a}要求分居并分割共同存款{n}元，双方对房屋归属意见分歧。",
            "{a}反映其子{b}不履行赡养义务，拒绝承担医疗费用，约定的每月生活费未按时支付。",
            "{a}与{b}因父亲遗产继承发生纠纷，涉及{p}老宅一处及存款{n}元，兄弟姐妹各执一词。",
        ],
        en: &[
            "{a} and {b} are married and have quarrelled for months over household money; {a} asks for a fair division of savings of {n} yuan.",
            "{a} says her son {b} has stopped paying the agreed monthly support and refuses to share her medical costs.",
            "{a} and {b}, siblings, disagree over their late father's house in {p} and savings of {n} yuan.",
        ],
        org_zh: None,
        org_en: None,
        org_share: 0,
    },
    Kind {
        ty: DisputeType::Neighbour,
        sub: None,
        weight: 20,
        zh: &[
            "{a}反映楼上住户{b}装修期间夜间施工，噪音严重影响休息，多次沟通无果。",
            "{a}与邻居{b}因{p}公共通道堆放杂物发生争执，双方互不相让，情绪激动。",
            "{b}家饲养的狗多次在楼道便溺并吓到老人，{a}要求其拴养并清理，双方发生口角。",
        ],
        en: &[
            "{a} complains that the upstairs neighbour {b} renovates late at night; the noise keeps the family awake.",
            "{a} and {b} argue over bikes and rubbish left in the shared corridor at {p}.",
            "{b}'s dog barks through the night and fouls the stairwell; {a} asks for it to be kept on a lead.",
        ],
        org_zh: None,
        org_en: None,
        org_share: 0,
    },
    Kind {
        ty: DisputeType::HousingHomestead,
        sub: None,
        weight: 10,
        zh: &[
            "{a}与{b}因宅基地界址不清发生纠纷，{b}新建围墙占用{a}家约{k}平方米土地。",
            "{a}家卫生间漏水导致楼下{b}家天花板损坏，{b}要求赔偿维修费{n}元。",
            "{a}租住{b}位于{p}的房屋，退租时{b}以墙面损坏为由拒绝退还押金{n}元。",
        ],
        en: &[
            "{a} says the new wall built by {b} stands about {k} square metres inside {a}'s homestead boundary.",
            "A leak from {a}'s bathroom damaged the ceiling of {b}'s flat below; {b} asks for {n} yuan for repairs.",
            "{a} rented a flat in {p} from {b}; on moving out {b} kept the {n} yuan deposit for wall damage.",
        ],
        org_zh: None,
        org_en: None,
        org_share: 0,
    },
    Kind {
        ty: DisputeType::Contract,
        sub: Some(DisputeSubType::Debt),
        weight: 10,
        zh: &[
            "{a}于{k}年前借给{b}人民币{n}元，约定一年内归还，到期后{b}以资金困难为由一再拖延。",
            "{a}向{b}供应建材，货款共计{n}元，{b}仅支付部分，剩余款项拖欠至今。",
        ],
        en: &[
            "{a} lent {b} {n} yuan {k} years ago, to be repaid within a year; {b} keeps asking for more time.",
            "{a} delivered building materials worth {n} yuan to {b}, who has paid only part of the invoice.",
        ],
        org_zh: Some("{p}建材有限公司"),
        org_en: Some("{p} Building Supplies Ltd"),
        org_share: 30,
    },
    Kind {
        ty: DisputeType::Business,
        sub: None,
        weight: 3,
        zh: &[
            "{a}与{b}合伙经营养殖场，因利润分配和亏损承担产生分歧，涉及金额约{n}元。",
            "{a}承包{b}的果园，因收成分成比例约定不明发生争议，双方要求重新核算。",
        ],
        en: &[
            "{a} and {b} run a fish farm together and cannot agree how to share a loss of about {n} yuan.",
            "{a} leases {b}'s orchard; the contract does not say how the harvest is split and both want it recalculated.",
        ],
        org_zh: None,
        org_en: None,
        org_share: 0,
    },
    Kind {
        ty: DisputeType::Damages,
        sub: Some(DisputeSubType::PersonalInjury),
        weight: 8,
        zh: &[
            "{b}在{p}施工时不慎损坏{a}家车辆，{a}要求赔偿修理费{n}元，{b}认为要价过高。",
            "{a}之子与{b}之子在学校打闹受伤，医疗费共计{n}元，双方对责任比例有争议。",
        ],
        en: &[
            "Workers of {b} damaged {a}'s car while building in {p}; {a} asks for {n} yuan, which {b} finds too much.",
            "The sons of {a} and {b} were hurt fighting at school; medical costs of {n} yuan are in dispute.",
        ],
        org_zh: Some("{p}建筑工程队"),
        org_en: Some("{p} Construction Team"),
        org_share: 20,
    },
    Kind {
        ty: DisputeType::ForestLand,
        sub: Some(DisputeSubType::LandContract),
        weight: 4,
        zh: &[
            "{a}与{b}两户因山林地界发生争议，涉及林地约{k}亩，双方均持有不同时期的权属证明。",
            "{a}承包的责任田被{b}占用耕种{k}年，{a}要求返还土地并补偿损失。",
        ],
        en: &[
            "{a} and {b} dispute the boundary of about {k} mu of forest land; each holds a certificate from a different year.",
            "{b} has farmed {a}'s contracted field for {k} years; {a} wants the land back and compensation.",
        ],
        org_zh: None,
        org_en: None,
        org_share: 0,
    },
    Kind {
        ty: DisputeType::Requisition,
        sub: None,
        weight: 2,
        zh: &[
            "{p}道路拓宽征收{a}家房屋，{a}对补偿标准有异议，认为少算面积{k}平方米。",
            "{a}反映拆迁安置房分配不公，与{b}对安置顺序发生争执。",
        ],
        en: &[
            "{a}'s house in {p} is being requisitioned for a road; {a} says {k} square metres were left out of the valuation.",
            "{a} says resettlement flats were allocated unfairly and argues with {b} over the order of choice.",
        ],
        org_zh: Some("{p}拆迁安置办公室"),
        org_en: Some("{p} Resettlement Office"),
        org_share: 50,
    },
    Kind {
        ty: DisputeType::Pollution,
        sub: None,
        weight: 2,
        zh: &[
            "{b}经营的饭店油烟直排，影响{a}家正常生活，{a}多次投诉未果。",
            "{b}养猪场污水流入{a}家鱼塘，造成鱼苗大量死亡，{a}要求赔偿损失{n}元。",
        ],
        en: &[
            "Kitchen fumes from {b}'s restaurant blow straight into {a}'s home; complaints have not helped.",
            "Waste water from {b}'s pig farm ran into {a}'s fish pond and killed the fry; {a} claims {n} yuan.",
        ],
        org_zh: Some("{p}餐饮店"),
        org_en: Some("{p} Restaurant"),
        org_share: 40,
    },
    Kind {
        ty: DisputeType::Labour,
        sub: Some(DisputeSubType::UnpaidWages),
        weight: 6,
        zh: &[
            "{a}在{b}处务工{k}个月，{b}拖欠工资{n}元未付，{a}多次讨要无果。",
            "{a}在{b}承包的工地作业时受伤，双方就工伤待遇和误工费发生争议。",
        ],
        en: &[
            "{a} worked {k} months for {b} and is owed {n} yuan in unpaid wages.",
            "{a} was injured on {b}'s building site and they disagree about sick pay and medical costs.",
        ],
        org_zh: Some("{p}劳务有限公司"),
        org_en: Some("{p} Labour Services Ltd"),
        org_share: 50,
    },
    Kind {
        ty: DisputeType::Consumer,
        sub: None,
        weight: 4,
        zh: &[
            "{a}在{b}处购买的电动车使用{k}天后出现故障，要求退货，{b}只同意维修。",
            "{a}在{b}预付健身卡费用{n}元，商家停业后拒绝退款。",
        ],
        en: &[
            "The e-bike {a} bought from {b} broke after {k} days; {a} wants a refund, {b} offers only a repair.",
            "{a} prepaid {n} yuan for a gym card at {b}; the gym closed and refuses to refund.",
        ],
        org_zh: Some("{p}电动车行"),
        org_en: Some("{p} Bikes"),
        org_share: 70,
    },
    Kind {
        ty: DisputeType::Medical,
        sub: None,
        weight: 2,
        zh: &[
            "{a}家属在{b}就诊后病情加重，家属认为存在误诊，要求赔偿{n}元。",
            "{a}在{b}拔牙后出现感染，对诊疗过程和后续治疗费用承担有异议。",
        ],
        en: &[
            "{a}'s family believe {b} misdiagnosed her illness and ask for {n} yuan in compensation.",
            "{a} developed an infection after a tooth extraction at {b} and disputes who pays for treatment.",
        ],
        org_zh: Some("{p}卫生院"),
        org_en: Some("{p} Clinic"),
        org_share: 90,
    },
    Kind {
        ty: DisputeType::Traffic,
        sub: None,
        weight: 5,
        zh: &[
            "{a}驾驶电动车在{p}路口与{b}驾驶的小轿车相撞，{a}受轻伤，双方对赔偿金额分歧较大。",
            "{b}倒车时刮擦{a}停放的车辆，交警认定{b}负全责，双方对维修费{n}元有争议。",
        ],
        en: &[
            "{a} on an e-bike collided with {b}'s car at {p}; {a} was slightly hurt and the two disagree on compensation.",
            "{b} scraped {a}'s parked car while reversing; the police found {b} fully liable but the repair bill of {n} yuan is disputed.",
        ],
        org_zh: None,
        org_en: None,
        org_share: 0,
    },
    Kind {
        ty: DisputeType::PropertyManagement,
        sub: None,
        weight: 5,
        zh: &[
            "{a}以电梯长期故障、小区保洁差为由拒交物业费{k}年，{b}要求补缴{n}元。",
            "{a}反映{p}地下车库的车位被{b}长期占用，物业协调不力。",
        ],
        en: &[
            "{a} has not paid the service charge for {k} years, citing a broken lift; {b} claims {n} yuan.",
            "{a}'s parking space in the garage at {p} is used by {b} every day and the management does nothing.",
        ],
        org_zh: Some("{p}物业服务有限公司"),
        org_en: Some("{p} Property Services Ltd"),
        org_share: 60,
    },
    Kind {
        ty: DisputeType::Other,
        sub: Some(DisputeSubType::VillageAffairs),
        weight: 3,
        zh: &[
            "{a}对{p}村集体收益分配方案有异议，认为其户口迁入后应享有同等分配份额。",
            "{a}与{b}因村里公共水井的使用和维护费用分摊发生争执。",
        ],
        en: &[
            "{a} objects to how the village in {p} shares collective income, saying newly registered households are left out.",
            "{a} and {b} quarrel over who pays to maintain the village well.",
        ],
        org_zh: None,
        org_en: None,
        org_share: 0,
    },
];

const ZH_EXTRAS: &[&str] = &[
    "经调解员初步了解，双方均愿意接受调解。",
    "申请人情绪较为激动，要求尽快解决。",
    "被申请人表示愿意协商，但对金额有异议。",
    "此前村委会曾组织协调一次，未达成一致。",
    "双方系多年邻居，关系原本较好。",
    "申请人提供了照片和收据等证据。",
    "涉及老人和儿童，需注意沟通方式。",
    "双方约定下周在{p}现场查看情况。",
    "网格员已电话回访，情况基本属实。",
];
const EN_EXTRAS: &[&str] = &[
    "Both sides agreed to mediation after a first call.",
    "The applicant is upset and wants a quick answer.",
    "The respondent is willing to talk but disputes the amount.",
    "The village committee tried once before without success.",
    "The two families have been neighbours for years.",
    "Photos and receipts were provided.",
    "An elderly person is involved.",
    "A site visit at {p} is planned for next week.",
];
const ZH_CLAIMS: &[&str] = &[
    "要求赔偿损失",
    "要求停止侵害",
    "要求返还押金",
    "要求支付欠款",
    "要求重新划定界址",
    "要求赔礼道歉",
    "要求履行赡养义务",
];
const EN_CLAIMS: &[&str] = &[
    "Pay compensation",
    "Stop the nuisance",
    "Return the deposit",
    "Repay the debt",
    "Fix the boundary",
    "Apologise",
];
const ZH_REFERRAL_TO: &[&str] = &[
    "区人民法院",
    "派出所",
    "劳动人事争议仲裁委员会",
    "街道司法所",
];
const EN_REFERRAL_TO: &[&str] = &[
    "District Court",
    "Police Station",
    "Labour Arbitration Committee",
];
const ZH_REPORTERS: &[&str] = &["网格员", "信息员", "楼栋长"];
const EN_REPORTERS: &[&str] = &["Grid worker", "Information officer", "Block warden"];

// --- Generation ---------------------------------------------------------------------------

struct Lang {
    zh: bool,
}

impl Lang {
    fn person(&self, rng: &mut Rng) -> String {
        if self.zh {
            let mut name = rng.word(ZH_SURNAMES).to_owned();
            name.push_str(rng.word(ZH_GIVEN));
            if rng.chance(55) {
                name.push_str(rng.word(ZH_GIVEN));
            }
            name
        } else {
            format!("{} {}", rng.pick(EN_FIRST), rng.pick(EN_LAST))
        }
    }

    fn place(&self, rng: &mut Rng) -> &'static str {
        rng.word(if self.zh { ZH_PLACES } else { EN_PLACES })
    }
}

fn phone(rng: &mut Rng) -> Option<Phone> {
    let raw = match rng.below(100) {
        0..=14 => return None,
        15..=24 => format!(
            "0{}-{}{:07}",
            rng.pick(&["571", "755", "731", "371", "28"]),
            rng.range(2, 8),
            rng.below(10_000_000)
        ),
        _ => format!(
            "1{}{}{:08}",
            rng.range(3, 9),
            rng.below(10),
            rng.below(100_000_000)
        ),
    };
    Phone::parse(&raw).ok()
}

fn resident_id(rng: &mut Rng) -> Option<IdDocument> {
    let birth = Date::from_ymd(
        1940 + rng.below(65) as i32,
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    )?;
    let first17 = format!(
        "{}{:04}{:02}{:02}{:03}",
        rng.pick(&["330102", "440305", "430104", "410105", "510107"]),
        birth.year(),
        birth.month(),
        birth.day(),
        rng.below(1000)
    );
    let check = ResidentId::check_char(&first17)?;
    let id = ResidentId::parse(&format!("{first17}{check}")).ok()?;
    Some(IdDocument {
        kind: IdDocKind::ResidentId,
        number: id.as_str().to_owned(),
    })
}

fn person(rng: &mut Rng, lang: &Lang, role: PartyRole, name: String) -> Party {
    Party {
        id: PartyId::parse(&rng.hex_id()).unwrap_or_else(|_| unreachable!("hex ids are valid")),
        kind: PartyKind::NaturalPerson,
        role,
        name,
        gender: Some(if rng.chance(50) {
            Gender::Male
        } else {
            Gender::Female
        }),
        ethnicity: None,
        birth: None,
        occupation: None,
        address: rng.chance(40).then(|| lang.place(rng).to_owned()),
        phone: phone(rng),
        id_doc: if rng.chance(20) {
            resident_id(rng)
        } else {
            None
        },
        age_group: AgeGroup::Adult,
        legal_rep: None,
        agent: None,
        org_rep: None,
    }
}

fn organisation(rng: &mut Rng, lang: &Lang, name: String) -> Party {
    let rep = lang.person(rng);
    Party {
        id: PartyId::parse(&rng.hex_id()).unwrap_or_else(|_| unreachable!("hex ids are valid")),
        kind: PartyKind::LegalPerson,
        role: PartyRole::Respondent,
        name,
        gender: None,
        ethnicity: None,
        birth: None,
        occupation: None,
        address: Some(lang.place(rng).to_owned()),
        phone: phone(rng),
        id_doc: None,
        age_group: AgeGroup::Adult,
        legal_rep: None,
        agent: None,
        org_rep: Some(OrgRepresentative {
            name: rep,
            title: None,
        }),
    }
}

/// Fills a template's placeholders.
fn fill(template: &str, a: &str, b: &str, place: &str, amount: u64, k: u64) -> String {
    template
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{p}", place)
        .replace("{n}", &amount.to_string())
        .replace("{k}", &k.to_string())
}

/// A summary of 40–200 characters: the template, plus extra sentences while under the minimum
/// and now and then one more.
fn summary_text(rng: &mut Rng, lang: &Lang, base: String, place: &str) -> String {
    let extras = if lang.zh { ZH_EXTRAS } else { EN_EXTRAS };
    let mut text = base;
    let mut more = rng.below(3);
    let mut used = BTreeSet::new();
    while text.chars().count() < 40 || more > 0 {
        more = more.saturating_sub(1);
        let i = rng.below(extras.len() as u64);
        if !used.insert(i) {
            continue;
        }
        let extra = extras[i as usize].replace("{p}", place);
        if text.chars().count() + extra.chars().count() + 1 > 200 {
            break;
        }
        if !lang.zh {
            text.push(' ');
        }
        text.push_str(&extra);
    }
    text
}

fn weighted_kind(rng: &mut Rng) -> &'static Kind {
    let total: u64 = KINDS.iter().map(|k| k.weight).sum();
    let mut r = rng.below(total);
    for kind in KINDS {
        if r < kind.weight {
            return kind;
        }
        r -= kind.weight;
    }
    &KINDS[0]
}

/// One generated intake, with what the lead form would hold for the same story.
struct Story {
    intake: Intake,
    lead: Lead,
}

fn story(rng: &mut Rng, zh: bool, org_unit: &OrgUnitId, first_contact: &MediatorId) -> Story {
    let lang = Lang { zh };
    let kind = weighted_kind(rng);
    let place = lang.place(rng);
    let applicant = lang.person(rng);
    let org = match (zh, kind.org_zh, kind.org_en) {
        (true, Some(t), _) | (false, _, Some(t)) if rng.chance(kind.org_share) => {
            Some(t.replace("{p}", place))
        }
        _ => None,
    };
    let respondent = org.clone().unwrap_or_else(|| lang.person(rng));
    let templates = if zh { kind.zh } else { kind.en };
    let template = rng.word(templates);
    let amount = 100 * rng.range(2, 800) + if rng.chance(5) { 100_000 } else { 0 };
    let k = rng.range(2, 12);
    let base = fill(template, &applicant, &respondent, place, amount, k);
    let summary = summary_text(rng, &lang, base, place);

    let mut parties = vec![person(rng, &lang, PartyRole::Applicant, applicant.clone())];
    parties.push(match org {
        Some(name) => organisation(rng, &lang, name),
        None => person(rng, &lang, PartyRole::Respondent, respondent.clone()),
    });
    if rng.chance(8) {
        let third = lang.person(rng);
        parties.push(person(rng, &lang, PartyRole::ThirdParty, third));
    }
    let label = (kind.ty == DisputeType::Other).then_some(if zh {
        "村务管理"
    } else {
        "Village affairs"
    });
    let dispute = DisputeClass::new(kind.ty, kind.sub.filter(|_| rng.chance(60)), label)
        .unwrap_or_else(|e| unreachable!("templates are consistent: {e}"));
    let claims_from = if zh { ZH_CLAIMS } else { EN_CLAIMS };
    let claims = (0..rng.range(1, 2))
        .map(|_| rng.word(claims_from).to_owned())
        .collect();
    let group = rng.chance(2);
    let persons_involved = if group {
        rng.range(10, 40)
    } else {
        rng.range(2, 4)
    };
    let mut risk_flags = BTreeSet::new();
    if rng.chance(6) {
        risk_flags.insert(RiskFlag::Escalation);
    }
    let mut flags = BTreeSet::new();
    if rng.chance(3) {
        flags.insert(CaseFlag::InvolvesMinors);
    }
    let (source, channel) = match rng.below(10) {
        0..=5 => (CaseSource::PartyApplication, IntakeChannel::Visit),
        6 => (CaseSource::PartyApplication, IntakeChannel::Call),
        7 => (CaseSource::Police, IntakeChannel::Referral),
        8 => (CaseSource::Court, IntakeChannel::Referral),
        _ => (CaseSource::PartyApplication, IntakeChannel::GridWorker),
    };
    let intake = Intake {
        org_unit: org_unit.clone(),
        source,
        channel,
        first_contact: first_contact.clone(),
        dispute,
        summary: summary.clone(),
        claims,
        amount: template
            .contains("{n}")
            .then(|| Fen::new(i64::try_from(amount).unwrap_or(0) * 100).ok())
            .flatten(),
        persons_involved: Some(u32::try_from(persons_involved).unwrap_or(2)),
        group,
        flags,
        risk_flags: risk_flags.clone(),
        parties,
    };
    let reporters = if zh { ZH_REPORTERS } else { EN_REPORTERS };
    let lead = Lead {
        org_unit: org_unit.clone(),
        channel: IntakeChannel::GridWorker,
        description: summary,
        dispute_type: Some(kind.ty),
        persons: vec![applicant, respondent],
        persons_involved: Some(u32::try_from(persons_involved).unwrap_or(2)),
        risk_flags,
        reported_by: Some(rng.word(reporters).to_owned()),
        finding: None,
    };
    Story { intake, lead }
}

fn triage_of(rng: &mut Rng, intake: &Intake) -> Triage {
    let risk_level = match rng.below(100) {
        0..=59 => RiskLevel::Green,
        60..=84 => RiskLevel::Yellow,
        85..=95 => RiskLevel::Orange,
        _ => RiskLevel::Red,
    };
    let mut risk_flags = intake.risk_flags.clone();
    match risk_level {
        RiskLevel::Green => {}
        RiskLevel::Yellow => {
            if rng.chance(50) {
                risk_flags.insert(RiskFlag::Escalation);
            }
        }
        RiskLevel::Orange => {
            risk_flags.insert(RiskFlag::Escalation);
            if rng.chance(30) {
                risk_flags.insert(RiskFlag::GroupPetition);
            }
        }
        RiskLevel::Red => {
            risk_flags.insert(if rng.chance(50) {
                RiskFlag::CivilToCriminal
            } else {
                RiskFlag::Suicide
            });
        }
    }
    let tier = if intake.suggests_major_tier() || risk_level == RiskLevel::Red {
        DifficultyTier::Major
    } else if rng.chance(55) {
        DifficultyTier::Simple
    } else {
        DifficultyTier::Ordinary
    };
    let handling_level = match tier {
        DifficultyTier::Major => HandlingLevel::Township,
        _ if rng.chance(15) => HandlingLevel::Township,
        _ => HandlingLevel::Village,
    };
    Triage {
        dispute: intake.dispute.clone(),
        tier,
        risk_level,
        risk_flags,
        handling_level,
    }
}

/// What happens to a case, with its share in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fate {
    Lead,
    DismissedLead,
    Registered,
    Triaged,
    ReferredOut,
    Assigned,
}

fn fate(rng: &mut Rng) -> Fate {
    match rng.below(100) {
        0..=6 => Fate::Lead,
        7..=8 => Fate::DismissedLead,
        9..=43 => Fate::Registered,
        44..=69 => Fate::Triaged,
        70..=72 => Fate::ReferredOut,
        _ => Fate::Assigned,
    }
}

// --- The run ------------------------------------------------------------------------------

/// Polls a future of the in-memory port, which completes without waiting.
fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(value) => value,
        Poll::Pending => unreachable!("memory storage futures are always ready"),
    }
}

struct Options {
    cases: u64,
    seed: u64,
    out: Option<String>,
    chunk: u64,
    check_chunking: bool,
}

const USAGE: &str = "usage: cargo run --release --example seed -- --cases N --seed S --out FILE \
                     [--chunk N (default 200; 0 = one storage)] [--check-chunking]";

fn options() -> Res<Options> {
    let mut o = Options {
        cases: 10_000,
        seed: 20_261_121,
        out: None,
        chunk: 200,
        check_chunking: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--cases" => o.cases = value()?.parse()?,
            "--seed" => o.seed = value()?.parse()?,
            "--out" => o.out = Some(value()?),
            "--chunk" => o.chunk = value()?.parse()?,
            "--check-chunking" => o.check_chunking = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    Ok(o)
}

type Stores = BTreeMap<StoreName, BTreeMap<String, String>>;

/// Counts of what was generated.
#[derive(Default)]
struct Tally {
    fates: BTreeMap<&'static str, u64>,
    statuses: BTreeMap<String, u64>,
    languages: [u64; 2],
    years: BTreeMap<i32, u64>,
    first_at: i64,
    last_at: i64,
}

fn committee(id: OrgUnitId) -> OrgUnit {
    OrgUnit {
        id,
        name: "东城社区人民调解委员会".to_owned(),
        kind: OrgKind::ResidentsCommittee,
        level: NetworkLevel::new(3).unwrap_or_else(|| unreachable!("3 is a level")),
        parent: None,
        case_no_prefix: PREFIX.to_owned(),
        justice_office: Some("东城街道司法所".to_owned()),
        basic_court: Some("东城区人民法院".to_owned()),
    }
}

fn mediator(
    id: MediatorId,
    name: &str,
    unit: &OrgUnitId,
    role: MediatorRole,
    female: bool,
) -> Mediator {
    Mediator {
        id,
        name: name.to_owned(),
        gender: Some(if female { Gender::Female } else { Gender::Male }),
        phone: None,
        id_number: None,
        org_unit: unit.clone(),
        role,
        full_time: role == MediatorRole::Director,
        active: true,
        relatives: Vec::new(),
    }
}

/// Generates the register; returns every store's records.
fn generate(o: &Options, chunk: u64, tally: &mut Tally) -> Res<Stores> {
    let mut rng = Rng(o.seed);
    let years = o.cases.div_ceil(CASES_PER_YEAR).max(1);
    // 2026-11-20 18:00 in China = 10:00 UTC.
    let end_day = Date::from_ymd(2026, 11, 20)
        .ok_or("date")?
        .days_since_epoch();
    let end_ms = end_day * DAY_MS + 10 * 3_600_000;
    let span_min = i64::try_from(years * YEAR_MINUTES)?;
    let start_ms = end_ms - span_min * MINUTE_MS;

    let device = DeviceId::parse(&rng.hex_id())?;
    let unit = OrgUnitId::parse(&rng.hex_id())?;
    let names = [
        ("李秀兰", MediatorRole::Director, true),
        ("王建国", MediatorRole::Deputy, false),
        ("陈静", MediatorRole::Member, true),
        ("Samuel Okafor", MediatorRole::Member, false),
        ("赵卫东", MediatorRole::Appointed, false),
    ];
    let mediators: Vec<MediatorId> = names
        .iter()
        .map(|_| MediatorId::parse(&rng.hex_id()))
        .collect::<Result<_, _>>()?;
    let slot = NumberingSlot::new(1)?;

    let mut repo = Repo::new(MemoryStorage::new());
    let set_up_at = Timestamp::from_millis(start_ms - DAY_MS);
    let (first_name, first_role, first_female) = names[0];
    let profile: DeviceProfile = run(repo.set_up(
        device,
        slot,
        committee(unit.clone()),
        mediator(
            mediators[0].clone(),
            first_name,
            &unit,
            first_role,
            first_female,
        ),
        set_up_at,
    ))?;
    for (i, (name, role, female)) in names.iter().enumerate().skip(1) {
        let command = DirectoryCommand::SaveMediator(mediator(
            mediators[i].clone(),
            name,
            &unit,
            *role,
            *female,
        ));
        let at = set_up_at.plus_millis(i64::try_from(i)? * MINUTE_MS);
        run(repo.save_directory(&profile, command, at))?;
    }

    let mut merged: Stores = BTreeMap::new();
    let mut numbers_by_year: BTreeMap<u16, Vec<CaseSummary>> = BTreeMap::new();
    let mut in_chunk = 0;
    tally.first_at = i64::MAX;
    for i in 0..o.cases {
        if chunk > 0 && in_chunk == chunk {
            // Rotate: keep what was written, continue on a fresh storage with the same meta.
            let snapshot = repo.storage().snapshot();
            let meta = snapshot.get(&StoreName::Meta).cloned().unwrap_or_default();
            for (store, records) in snapshot {
                merged.entry(store).or_default().extend(records);
            }
            let storage = MemoryStorage::new();
            let mut batch = WriteBatch::new();
            for (key, value) in meta {
                batch = batch.put(StoreName::Meta, key, value);
            }
            run(storage.commit(batch))?;
            repo = Repo::new(storage);
            in_chunk = 0;
        }
        in_chunk += 1;

        // The clock: evenly spread over the span, with a random number of minutes of jitter.
        let slot_start = i64::try_from(i)? * span_min / i64::try_from(o.cases)?;
        let slot_end = i64::try_from(i + 1)? * span_min / i64::try_from(o.cases)?;
        let minute = slot_start + i64::try_from(rng.below(u64::try_from(slot_end - slot_start)?))?;
        let now = Timestamp::from_millis(start_ms + minute * MINUTE_MS);

        let zh = i % 2 == 0;
        let author = rng.pick(&mediators).clone();
        let s = story(&mut rng, zh, &unit, &author);
        let case = CaseId::parse(&rng.hex_id())?;
        let fate = fate(&mut rng);
        let mut commands = Vec::new();
        match fate {
            Fate::Lead | Fate::DismissedLead => {
                commands.push(CaseCommand::RecordLead {
                    case: case.clone(),
                    lead: s.lead,
                });
                if fate == Fate::DismissedLead {
                    commands.push(CaseCommand::DismissLead {
                        reason: if rng.chance(50) {
                            DismissalReason::DefusedOnSpot
                        } else {
                            DismissalReason::NoDispute
                        },
                    });
                }
            }
            _ => {
                let year = u16::try_from(now.china_date().year())?;
                let known = numbers_by_year.entry(year).or_default();
                let number =
                    Repo::<MemoryStorage>::next_case_number(&profile, PREFIX, year, known.iter())?;
                let triage = triage_of(&mut rng, &s.intake);
                commands.push(CaseCommand::Register {
                    case: case.clone(),
                    number,
                    acceptance: Acceptance {
                        basis: if rng.chance(60) {
                            AcceptanceBasis::OralApplication
                        } else {
                            AcceptanceBasis::WrittenApplication
                        },
                        objection: ObjectionCheck::NotAsked,
                    },
                    intake: s.intake,
                });
                if fate >= Fate::Triaged {
                    commands.push(CaseCommand::Triage(triage));
                }
                if fate == Fate::ReferredOut {
                    let to = if zh { ZH_REFERRAL_TO } else { EN_REFERRAL_TO };
                    commands.push(CaseCommand::ReferOut(Referral {
                        target: ReferralTarget::Court,
                        to_unit: None,
                        to_name: Some(rng.word(to).to_owned()),
                        reason: ReferralReason::Difficult,
                    }));
                }
                if fate == Fate::Assigned {
                    let presiding = rng.pick(&mediators).clone();
                    let co = if rng.chance(30) {
                        let other = rng.pick(&mediators).clone();
                        if other == presiding {
                            Vec::new()
                        } else {
                            vec![other]
                        }
                    } else {
                        Vec::new()
                    };
                    commands.push(CaseCommand::AssignMediator {
                        presiding,
                        co_mediators: co,
                        chosen_by_parties: rng.chance(10),
                    });
                }
            }
        }
        let saved = run(repo.execute_all(&profile, &case, commands, now, None))
            .map_err(|e| format!("case {i} ({fate:?}): {e}"))?;
        let summary = saved.summary;
        if let Some(number) = &summary.number {
            numbers_by_year
                .entry(number.year())
                .or_default()
                .push(summary.clone());
        }
        *tally.fates.entry(fate_name(fate)).or_default() += 1;
        *tally
            .statuses
            .entry(format!("{:?}", summary.status))
            .or_default() += 1;
        tally.languages[usize::from(!zh)] += 1;
        *tally.years.entry(now.china_date().year()).or_default() += 1;
        tally.first_at = tally.first_at.min(now.as_millis());
        tally.last_at = tally.last_at.max(now.as_millis());
    }
    for (store, records) in repo.storage().snapshot() {
        merged.entry(store).or_default().extend(records);
    }
    Ok(merged)
}

fn fate_name(fate: Fate) -> &'static str {
    match fate {
        Fate::Lead => "lead",
        Fate::DismissedLead => "dismissed lead",
        Fate::Registered => "registered",
        Fate::Triaged => "triaged",
        Fate::ReferredOut => "referred out",
        Fate::Assigned => "assigned",
    }
}

fn iso_date(ms: i64) -> String {
    let d = Timestamp::from_millis(ms).china_date();
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[derive(serde::Serialize)]
struct Generator<'a> {
    cases: u64,
    seed: u64,
    statuses: &'a BTreeMap<String, u64>,
    chinese: u64,
    english: u64,
    first_case: String,
    last_case: String,
    cases_per_year_max: u64,
}

#[derive(serde::Serialize)]
struct Output<'a> {
    database: &'static str,
    version: u32,
    stores: BTreeMap<&'static str, Vec<(&'a str, &'a str)>>,
    generator: Generator<'a>,
}

fn main() -> Res<()> {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let mut tally = Tally::default();
    let stores = generate(&o, o.chunk, &mut tally)?;
    let generated = started.elapsed();
    if o.check_chunking {
        let single = generate(&o, 0, &mut Tally::default())?;
        if single != stores {
            return Err("chunked generation differs from one storage".into());
        }
        eprintln!(
            "check: chunked (every {}) and single-storage generation are identical",
            o.chunk
        );
    }
    let Some(out) = &o.out else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let empty = BTreeMap::new();
    let output = Output {
        database: DATABASE_NAME,
        version: SCHEMA_VERSION,
        stores: STORES
            .iter()
            .map(|s| {
                let records = stores.get(s).unwrap_or(&empty);
                (
                    s.as_str(),
                    records
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect(),
                )
            })
            .collect(),
        generator: Generator {
            cases: o.cases,
            seed: o.seed,
            statuses: &tally.statuses,
            chinese: tally.languages[0],
            english: tally.languages[1],
            first_case: iso_date(tally.first_at),
            last_case: iso_date(tally.last_at),
            cases_per_year_max: tally.years.values().copied().max().unwrap_or(0),
        },
    };
    let mut writer = BufWriter::new(File::create(out)?);
    serde_json::to_writer(&mut writer, &output)?;
    writer.flush()?;
    let bytes = std::fs::metadata(out)?.len();
    let counts: Vec<String> = STORES
        .iter()
        .map(|s| format!("{} {}", s.as_str(), stores.get(s).map_or(0, BTreeMap::len)))
        .collect();
    eprintln!(
        "seed: {} cases (seed {}), {} zh / {} en, {} – {}, generated in {:.2} s; {:.1} MB written to {out}",
        o.cases,
        o.seed,
        tally.languages[0],
        tally.languages[1],
        iso_date(tally.first_at),
        iso_date(tally.last_at),
        generated.as_secs_f64(),
        bytes as f64 / 1e6
    );
    eprintln!("records: {}", counts.join(", "));
    let fates: Vec<String> = tally
        .fates
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    eprintln!("fates: {}", fates.join(", "));
    Ok(())
}
