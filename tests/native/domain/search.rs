//! Search: Chinese bigrams, Latin prefixes, phone digits, ranking, updates, and 10,000 cases.

use std::sync::OnceLock;

use casebook::domain::case_number::CaseNumber;
use casebook::domain::contact::Phone;
use casebook::domain::search::SearchIndex;
use casebook::domain::summary::CaseSummary;
use casebook::domain::{CaseId, Status, Timestamp};
use proptest::prelude::*;

use super::support::{case_id, case_in, PREFIX};

/// A registered case's summary, folded once and copied for every synthetic case.
fn base() -> &'static CaseSummary {
    static BASE: OnceLock<CaseSummary> = OnceLock::new();
    BASE.get_or_init(|| CaseSummary::of(&case_in(Status::Registered).1))
}

fn summary(
    id: &str,
    names: &[&str],
    phones: &[&str],
    text: &str,
    serial: u32,
    updated: i64,
) -> CaseSummary {
    let mut s = base().clone();
    s.id = case_id(id);
    s.party_names = names.iter().map(|n| (*n).to_owned()).collect();
    s.phones = phones
        .iter()
        .map(|p| Phone::parse(p).expect("phone"))
        .collect();
    s.summary_text = text.to_owned();
    s.number = Some(CaseNumber::new(2026, PREFIX, serial).expect("number"));
    s.updated_at = Timestamp::from_millis(updated);
    s
}

fn sample() -> SearchIndex {
    SearchIndex::build(&[
        summary(
            "c-1",
            &["张三丰", "李四"],
            &["13812345678"],
            "邻居装修噪音",
            1001,
            10,
        ),
        summary(
            "c-2",
            &["王五"],
            &["010-62345678"],
            "张三介绍的借款纠纷 loan overdue",
            1002,
            20,
        ),
        summary("c-3", &["Zhang Wei"], &[], "物业费 dispute", 2015, 30),
    ])
}

fn ids(list: &[&str]) -> Vec<CaseId> {
    list.iter().map(|s| case_id(s)).collect()
}

#[test]
fn a_chinese_name_is_found_by_its_bigrams_names_ranking_above_summaries() {
    assert_eq!(sample().query("张三", 10), ids(&["c-1", "c-2"]));
}

#[test]
fn every_bigram_of_a_chinese_query_must_match() {
    assert_eq!(sample().query("张三丰", 10), ids(&["c-1"]));
    assert_eq!(sample().query("三张", 10), Vec::<CaseId>::new());
}

#[test]
fn a_single_chinese_character_matches_on_its_own() {
    assert_eq!(sample().query("王", 10), ids(&["c-2"]));
}

#[test]
fn the_last_latin_word_matches_as_a_prefix_and_earlier_words_exactly() {
    assert_eq!(sample().query("zha", 10), ids(&["c-3"]));
    assert_eq!(sample().query("ZHANG w", 10), ids(&["c-3"]));
    assert_eq!(sample().query("zha wei", 10), Vec::<CaseId>::new());
    assert_eq!(sample().query("loan over", 10), ids(&["c-2"]));
}

#[test]
fn phone_digits_match_anywhere_from_four_digits_on() {
    let index = sample();
    assert_eq!(index.query("5678", 10), ids(&["c-2", "c-1"]));
    assert_eq!(index.query("1381234", 10), ids(&["c-1"]));
    assert_eq!(index.query("62345678", 10), ids(&["c-2"]));
    assert_eq!(
        index.query("138", 10),
        ids(&["c-1"]),
        "three digits match words by prefix only"
    );
}

#[test]
fn case_numbers_are_found_by_serial_and_rank_first() {
    let index = SearchIndex::build(&[
        summary("c-1", &["甲"], &[], "见第2015号案", 1001, 50),
        summary("c-2", &["乙"], &[], "无", 2015, 10),
    ]);
    assert_eq!(index.query("2015", 10), ids(&["c-2", "c-1"]));
}

#[test]
fn mixed_queries_need_every_part() {
    assert_eq!(sample().query("张三 loan", 10), ids(&["c-2"]));
    assert_eq!(sample().query("", 10), Vec::<CaseId>::new());
}

#[test]
fn updating_and_removing_a_case_updates_the_index() {
    let mut index = sample();
    index.upsert(&summary("c-1", &["赵六"], &[], "改", 1001, 40));
    assert_eq!(index.query("张三", 10), ids(&["c-2"]));
    assert_eq!(index.query("赵六", 10), ids(&["c-1"]));
    index.remove(&case_id("c-2"));
    assert_eq!(index.query("张三", 10), Vec::<CaseId>::new());
    assert_eq!(index.len(), 2);
    index.upsert(&summary("c-9", &["张三"], &[], "", 1009, 1));
    assert_eq!(index.query("张三", 10), ids(&["c-9"]));
}

#[test]
fn results_stop_at_the_limit_most_recent_first_among_equals() {
    let index = SearchIndex::build(&[
        summary("c-1", &["张三"], &[], "", 1001, 1),
        summary("c-2", &["张三"], &[], "", 1002, 3),
        summary("c-3", &["张三"], &[], "", 1003, 2),
    ]);
    assert_eq!(index.query("张三", 2), ids(&["c-2", "c-3"]));
}

// --- 10,000 cases ---------------------------------------------------------------------------

const SURNAMES: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙',
];
const GIVEN: &[char] = &[
    '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明',
];
const TOPICS: &[&str] = &[
    "宅基地",
    "噪音",
    "借款",
    "工资",
    "漏水",
    "停车",
    "赡养",
    "交通事故",
    "物业费",
    "装修",
];

fn synthetic(i: u32) -> CaseSummary {
    let pick = |list_len: usize, salt: u32| {
        (i.wrapping_mul(2_654_435_761).wrapping_add(salt) as usize / 7) % list_len
    };
    let name = format!(
        "{}{}{}",
        SURNAMES[pick(SURNAMES.len(), 1)],
        GIVEN[pick(GIVEN.len(), 2)],
        GIVEN[pick(GIVEN.len(), 3)]
    );
    let phone = format!("13{}{:08}", 3 + i % 7, (i * 7919) % 100_000_000);
    let text = format!("{}纠纷 case {i}", TOPICS[pick(TOPICS.len(), 4)]);
    summary(
        &format!("c-{i}"),
        &[&name],
        &[&phone],
        &text,
        1000 + (i % 999) + 1 + (i / 999) * 1000,
        i64::from(i),
    )
}

/// What a query should return, by brute force over the same rules.
fn reference(cases: &[CaseSummary], query: &str) -> Vec<CaseId> {
    let q = query.to_lowercase();
    let chars: Vec<char> = q.chars().collect();
    let hits: Vec<&CaseSummary> = cases
        .iter()
        .filter(|c| {
            let text = format!(
                "{} {} {}",
                c.party_names.join(" "),
                c.summary_text.to_lowercase(),
                c.phones
                    .iter()
                    .map(Phone::dial_digits)
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            if chars.iter().all(|ch| ch.is_ascii_digit()) && chars.len() >= 4 {
                c.phones.iter().any(|p| p.dial_digits().contains(&q))
                    || text
                        .split(|ch: char| !ch.is_alphanumeric() || ch > '\u{2e80}')
                        .any(|w| w.starts_with(&q))
                    || c.number.as_ref().is_some_and(|n| {
                        n.serial().to_string().starts_with(&q)
                            || n.year().to_string().starts_with(&q)
                    })
            } else {
                text.contains(&q)
            }
        })
        .collect();
    hits.into_iter().map(|c| c.id.clone()).collect()
}

fn sorted(mut list: Vec<CaseId>) -> Vec<CaseId> {
    list.sort();
    list
}

#[test]
fn ten_thousand_cases_are_searched_correctly() {
    let cases: Vec<CaseSummary> = (0..10_000).map(synthetic).collect();
    let index = SearchIndex::build(&cases);
    assert_eq!(index.len(), 10_000);
    for query in [
        "王伟",
        "李芳娜",
        "交通事故",
        "漏水",
        "赡",
        "13312",
        "case",
        "9999",
    ] {
        let found = index.query(query, usize::MAX);
        assert_eq!(
            sorted(found.clone()),
            sorted(reference(&cases, query)),
            "query {query}"
        );
    }
    let target = &cases[4321];
    let phone = target.phones[0].dial_digits();
    let found = index.query(&phone[3..], 5);
    assert_eq!(found.first(), Some(&target.id));
    let by_name = index.query(&target.party_names[0], usize::MAX);
    assert!(by_name.contains(&target.id));
    let serial = target
        .number
        .as_ref()
        .map(|n| n.serial().to_string())
        .expect("number");
    assert_eq!(index.query(&serial, 1), vec![target.id.clone()]);
}

/// The dictionary of a large register is split so that it grows a small part at a time: a
/// single map of all its terms rehashed them all in one task of about 260 ms on a low-tier
/// tablet at 10,000 cases (README, G6). The split only bounds that if the terms spread evenly.
#[test]
fn the_dictionary_grows_a_sixty_fourth_at_a_time() {
    let cases: Vec<CaseSummary> = (0..10_000).map(synthetic).collect();
    let index = SearchIndex::build(&cases);
    let terms = index.term_count();
    assert!(terms > 10_000, "{terms} terms");
    // Han terms and words are two maps of 64 shards each; an even spread puts well under a
    // thirty-second of all terms into any one shard.
    let largest = index.largest_term_shard();
    assert!(
        largest * 32 <= terms,
        "largest shard {largest} of {terms} terms"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn chinese_name_queries_agree_with_a_brute_force_scan(
        a in 0usize..12, b in 0usize..15, c in 0usize..15, len in 1usize..4,
    ) {
        let cases: Vec<CaseSummary> = (0..400).map(synthetic).collect();
        let index = SearchIndex::build(&cases);
        let full: String = [SURNAMES[a], GIVEN[b], GIVEN[c]].iter().collect();
        let query: String = full.chars().take(len).collect();
        prop_assert_eq!(sorted(index.query(&query, usize::MAX)), sorted(reference(&cases, &query)));
    }

    /// Terms are numbered once and a case that leaves keeps nothing behind: an index that saw
    /// cases replaced (new text, names, phones) and removed answers every query exactly as one
    /// built from the final cases alone.
    #[test]
    fn replacing_and_removing_cases_answers_like_a_fresh_index(
        edits in proptest::collection::vec((0usize..60, 0u32..400, any::<bool>()), 1..80),
        a in 0usize..12, b in 0usize..15,
    ) {
        let cases: Vec<CaseSummary> = (0..60).map(synthetic).collect();
        let mut current = cases.clone();
        let mut present = vec![true; cases.len()];
        let mut index = SearchIndex::build(&cases);
        for (slot, source, remove) in edits {
            if remove {
                index.remove(&current[slot].id);
                present[slot] = false;
            } else {
                // The case keeps its id and takes another synthetic case's content.
                let mut next = synthetic(source);
                next.id = current[slot].id.clone();
                index.upsert(&next);
                current[slot] = next;
                present[slot] = true;
            }
        }
        let remaining: Vec<CaseSummary> = current
            .into_iter()
            .zip(present)
            .filter_map(|(c, p)| p.then_some(c))
            .collect();
        let fresh = SearchIndex::build(&remaining);
        prop_assert_eq!(index.len(), fresh.len());
        let name: String = [SURNAMES[a], GIVEN[b]].iter().collect();
        let first = SURNAMES[a].to_string();
        for query in [name.as_str(), first.as_str(), "纠纷", "2026", "13", "1380013", "人调"] {
            prop_assert_eq!(
                sorted(index.query(query, usize::MAX)),
                sorted(fresh.query(query, usize::MAX)),
                "query {}", query
            );
        }
    }
}

#[test]
fn the_scan_used_before_the_index_is_ready_finds_substrings_of_every_field() {
    use casebook::domain::search::scan;
    use casebook::domain::summary::CaseSummary;
    let (_, state) = super::support::case_in(casebook::domain::Status::Registered);
    let base = CaseSummary::of(&state);
    let mut a = base.clone();
    a.id = super::support::case_id("a");
    a.summary_text = "邻居装修噪音引发争执".to_owned();
    a.party_names = vec!["Zhang San".to_owned()];
    let mut b = base.clone();
    b.id = super::support::case_id("b");
    b.summary_text = "Unpaid wages for March".to_owned();
    b.party_names = vec!["李四".to_owned()];
    let all = vec![a, b];
    let ids = |q: &str| -> Vec<String> {
        scan(&all, q, 10)
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect()
    };
    assert_eq!(ids("装修噪音"), ["a"]);
    assert_eq!(ids("zhang"), ["a"]);
    assert_eq!(ids("unpaid MARCH"), ["b"]);
    assert_eq!(ids("李四"), ["b"]);
    assert!(
        ids("装修 wages").is_empty(),
        "every word must match the same case"
    );
    assert!(ids("   ").is_empty());
}
