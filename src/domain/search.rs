//! Case search: an in-memory inverted index over case numbers, party names, phones and summaries.
//!
//! Tokens:
//! - Chinese (Han) text is indexed as single characters and as overlapping character pairs
//!   (bigrams). A query run of two or more characters must contain all its bigrams; a
//!   one-character query matches the character. No dictionary is needed and "张三" finds
//!   "张三丰" but not "三张".
//! - Latin letters and digits form lowercase words; every query word must match a word exactly,
//!   except the last, which matches as a prefix (so results appear while typing).
//! - Phone numbers are indexed by every digit suffix of length 4 or more, so a query of 4 or more
//!   digits matches any phone containing it ("5678", "1381234").
//!
//! All query tokens must match (AND). Results rank by where they matched (case number above
//! name and phone, above summary), then by most recently updated, then by id.

use std::borrow::Borrow;
use std::collections::{hash_map, BTreeMap, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, Hash};
use std::ops::Bound;

use super::ids::CaseId;
use super::summary::CaseSummary;
use super::time::Timestamp;

/// Shortest digit query matched against phone numbers.
pub const MIN_PHONE_DIGITS: usize = 4;

const NUMBER: u8 = 1;
const NAME: u8 = 2;
const PHONE: u8 = 4;
const SUMMARY: u8 = 8;

/// The weight of a match by the best field it is in, for every combination of field bits:
/// case number 8, name or phone 4, summary 1.
const WEIGHTS: [u32; 16] = {
    let mut table = [0u32; 16];
    let mut bits = 0;
    while bits < 16 {
        table[bits] = if bits & NUMBER as usize != 0 {
            8
        } else if bits & (NAME | PHONE) as usize != 0 {
            4
        } else if bits & SUMMARY as usize != 0 {
            1
        } else {
            0
        };
        bits += 1;
    }
    table
};

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// A run of text of one kind.
enum Run {
    Han(Vec<char>),
    Word(String),
}

fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut han = Vec::new();
    let mut word = String::new();
    let flush = |out: &mut Vec<Run>, han: &mut Vec<char>, word: &mut String| {
        if !han.is_empty() {
            out.push(Run::Han(std::mem::take(han)));
        }
        if !word.is_empty() {
            out.push(Run::Word(std::mem::take(word)));
        }
    };
    for c in text.chars() {
        if is_han(c) {
            if !word.is_empty() {
                flush(&mut out, &mut han, &mut word);
            }
            han.push(c);
        } else if c.is_alphanumeric() {
            if !han.is_empty() {
                flush(&mut out, &mut han, &mut word);
            }
            word.extend(c.to_lowercase());
        } else {
            flush(&mut out, &mut han, &mut word);
        }
    }
    flush(&mut out, &mut han, &mut word);
    out
}

/// A Han term as a number: one character, or a pair (a `char` needs 21 bits). Han terms are
/// most of an index's terms and are only ever matched whole, so they need no string.
fn han_key(first: char, second: Option<char>) -> u64 {
    match second {
        None => u64::from(first),
        Some(c) => (1 << 63) | (u64::from(first) << 21) | u64::from(c),
    }
}

/// A multiplicative hash for the dictionary: its keys are the index's own terms, so the hash
/// need not resist chosen collisions, and SipHash was a large part of indexing 10 000 cases.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// log2 of the number of shards of a [`TermMap`].
const SHARD_BITS: u32 = 6;

/// Mixes a key's hash into its shard's number. The shard is taken from the top bits of this
/// product, not of the hash itself, whose bits the shard's own table uses for buckets and tags.
const SHARD_MIX: u64 = 0xd6e8_feb8_6659_fd93;

/// Term → term number, split by hash into 64 maps.
///
/// A hash map grows by rehashing every key it holds, in one go. The dictionary of the 10 000
/// case benchmark register holds about 150 000 terms; its last growth took 15 ms natively and,
/// in the app, one task of about 260 ms on a low-tier tablet: the longest pause of the whole
/// background load (G6). Split in 64, the dictionary grows a shard, a sixty-fourth of it, at a
/// time.
struct TermMap<K> {
    shards: Box<[HashMap<K, u32, BuildHasherDefault<KeyHasher>>]>,
}

impl<K: Hash + Eq> TermMap<K> {
    fn shard<Q: Hash + ?Sized>(key: &Q) -> usize {
        let hash = BuildHasherDefault::<KeyHasher>::default().hash_one(key);
        // The shift leaves SHARD_BITS bits, so the value is below the number of shards.
        (hash.wrapping_mul(SHARD_MIX) >> (u64::BITS - SHARD_BITS)) as usize
    }

    fn get<Q>(&self, key: &Q) -> Option<&u32>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.shards[Self::shard(key)].get(key)
    }

    fn insert(&mut self, key: K, value: u32) {
        self.shards[Self::shard(&key)].insert(key, value);
    }

    fn entry(&mut self, key: K) -> hash_map::Entry<'_, K, u32> {
        self.shards[Self::shard(&key)].entry(key)
    }

    fn len(&self) -> usize {
        self.shards.iter().map(HashMap::len).sum()
    }

    fn largest_shard(&self) -> usize {
        self.shards.iter().map(HashMap::len).max().unwrap_or(0)
    }
}

impl<K> Default for TermMap<K> {
    fn default() -> Self {
        TermMap {
            shards: (0..1_usize << SHARD_BITS)
                .map(|_| HashMap::default())
                .collect(),
        }
    }
}

/// An index term, spelled into a reused buffer: no allocation for a term already known.
struct TermBuf(String);

impl TermBuf {
    fn tagged(&mut self, tag: &str, text: impl std::fmt::Display) -> &str {
        use std::fmt::Write as _;
        self.0.clear();
        self.0.push_str(tag);
        let _ = write!(self.0, "{text}");
        &self.0
    }
}

/// The term dictionary and posting lists of an index, and one document's terms being collected.
struct Collector<'a> {
    dictionary: &'a mut Dictionary,
    postings: &'a mut Vec<Vec<(u32, u8)>>,
    terms: Vec<(u32, u8)>,
    buf: TermBuf,
    word: String,
}

impl Collector<'_> {
    /// Records a Han character or pair for `field`, numbering it if it is new.
    fn han(&mut self, first: char, second: Option<char>, field: u8) {
        let key = han_key(first, second);
        let postings = &mut *self.postings;
        let id = *self.dictionary.han.entry(key).or_insert_with(|| {
            postings.push(Vec::new());
            u32::try_from(postings.len() - 1).unwrap_or(u32::MAX)
        });
        self.terms.push((id, field));
    }

    /// Records a word or phone term, spelled by `spell`, for `field`, numbering it if it is new.
    fn term(&mut self, spell: impl FnOnce(&mut TermBuf) -> &str, field: u8) {
        let term = spell(&mut self.buf);
        let id = match self.dictionary.words.get(term) {
            Some(id) => *id,
            None => {
                let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                self.dictionary.words.insert(term.into(), id);
                self.dictionary.ordered.insert(term.into(), id);
                self.postings.push(Vec::new());
                id
            }
        };
        self.terms.push((id, field));
    }

    fn flush_word(&mut self, field: u8) {
        if !self.word.is_empty() {
            let word = std::mem::take(&mut self.word);
            self.term(|b| b.tagged("w:", &word), field);
            self.word = word;
            self.word.clear();
        }
    }

    /// Terms of free text: Han unigrams and bigrams, lowercase words (the runs of [`runs`]).
    fn text(&mut self, text: &str, field: u8) {
        let mut previous_han = None;
        for c in text.chars() {
            if is_han(c) {
                self.flush_word(field);
                self.han(c, None, field);
                if let Some(p) = previous_han {
                    self.han(p, Some(c), field);
                }
                previous_han = Some(c);
            } else if c.is_alphanumeric() {
                previous_han = None;
                self.word.extend(c.to_lowercase());
            } else {
                previous_han = None;
                self.flush_word(field);
            }
        }
        self.flush_word(field);
    }

    /// Terms of a phone's digits: the whole number as a word, and every suffix of at least
    /// [`MIN_PHONE_DIGITS`] digits.
    fn phone(&mut self, digits: &str) {
        self.term(|b| b.tagged("w:", digits), PHONE);
        for start in 0..digits.len() {
            let suffix = &digits[start..];
            if suffix.len() < MIN_PHONE_DIGITS {
                break;
            }
            self.term(|b| b.tagged("p:", suffix), PHONE);
        }
    }

    /// The document's terms, each once, with the fields it occurs in.
    fn document(mut self, summary: &CaseSummary) -> Vec<(u32, u8)> {
        if let Some(number) = &summary.number {
            self.text(number.prefix(), NUMBER);
            self.term(|b| b.tagged("w:", number.year()), NUMBER);
            self.term(|b| b.tagged("w:", number.serial()), NUMBER);
        }
        for name in &summary.party_names {
            self.text(name, NAME);
        }
        for phone in &summary.phones {
            self.phone(&phone.dial_digits());
        }
        self.text(&summary.summary_text, SUMMARY);
        let mut terms = self.terms;
        terms.sort_unstable_by_key(|(id, _)| *id);
        terms.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
            }
            same
        });
        terms
    }
}

/// Every term's number: Han characters and pairs by [`han_key`], words and phone digits
/// (`w:`, `p:`) by their text, and those once more in order, for prefix queries.
#[derive(Default)]
struct Dictionary {
    han: TermMap<u64>,
    words: TermMap<Box<str>>,
    ordered: BTreeMap<Box<str>, u32>,
}

struct Doc {
    id: CaseId,
    updated_at: Timestamp,
    /// Its terms' numbers, to take it out of their posting lists again.
    terms: Box<[u32]>,
}

/// An inverted index of case summaries.
///
/// Terms are numbered once, in a dictionary; a document keeps only its terms' numbers.
/// Indexing 10 000 cases spelled out and kept every term as its own string per document
/// (hundreds each): most of the build time and tens of megabytes of a tablet's wasm memory. A
/// term whose last case left keeps its (empty) list.
#[derive(Default)]
pub struct SearchIndex {
    docs: Vec<Option<Doc>>,
    free: Vec<u32>,
    by_case: HashMap<CaseId, u32>,
    /// Term → its number.
    dictionary: Dictionary,
    /// Per term number: (doc, fields), sorted by doc.
    postings: Vec<Vec<(u32, u8)>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("cases", &self.by_case.len())
            .field("terms", &self.term_count())
            .finish()
    }
}

/// One query token.
enum Token {
    /// A Han character or pair ([`han_key`]).
    Han(u64),
    /// An exact word term.
    Exact(String),
    /// A word matched as a prefix (the last word of the query).
    Prefix(String),
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// An index of `summaries`.
    pub fn build<'a>(summaries: impl IntoIterator<Item = &'a CaseSummary>) -> SearchIndex {
        let mut index = SearchIndex::new();
        for summary in summaries {
            index.upsert(summary);
        }
        index
    }

    /// How many cases are indexed.
    pub fn len(&self) -> usize {
        self.by_case.len()
    }

    /// Whether no case is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_case.is_empty()
    }

    /// How many distinct terms the dictionary holds.
    pub fn term_count(&self) -> usize {
        self.dictionary.han.len() + self.dictionary.words.len()
    }

    /// The most terms one shard of the dictionary holds: what one growth of the dictionary
    /// rehashes at most (see `TermMap`).
    pub fn largest_term_shard(&self) -> usize {
        self.dictionary
            .han
            .largest_shard()
            .max(self.dictionary.words.largest_shard())
    }

    /// Adds a case, or replaces its entry.
    pub fn upsert(&mut self, summary: &CaseSummary) {
        self.remove(&summary.id);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.docs.push(None);
                u32::try_from(self.docs.len() - 1).unwrap_or(u32::MAX)
            }
        };
        let terms = Collector {
            dictionary: &mut self.dictionary,
            postings: &mut self.postings,
            terms: Vec::new(),
            buf: TermBuf(String::new()),
            word: String::new(),
        }
        .document(summary);
        for (term, fields) in &terms {
            let Some(list) = self.postings.get_mut(*term as usize) else {
                continue;
            };
            // A new case usually takes the highest slot: its entry goes last.
            if list.last().is_none_or(|(last, _)| *last < slot) {
                list.push((slot, *fields));
            } else {
                match list.binary_search_by_key(&slot, |(d, _)| *d) {
                    Ok(i) => list[i].1 |= fields,
                    Err(i) => list.insert(i, (slot, *fields)),
                }
            }
        }
        if let Some(entry) = self.docs.get_mut(slot as usize) {
            *entry = Some(Doc {
                id: summary.id.clone(),
                updated_at: summary.updated_at,
                terms: terms.into_iter().map(|(t, _)| t).collect(),
            });
        }
        self.by_case.insert(summary.id.clone(), slot);
    }

    /// Removes a case (no-op if absent).
    pub fn remove(&mut self, case: &CaseId) {
        let Some(slot) = self.by_case.remove(case) else {
            return;
        };
        let Some(doc) = self.docs.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        for term in doc.terms.iter() {
            if let Some(list) = self.postings.get_mut(*term as usize) {
                if let Ok(i) = list.binary_search_by_key(&slot, |(d, _)| *d) {
                    list.remove(i);
                }
            }
        }
        self.free.push(slot);
    }

    fn tokens(query: &str) -> Vec<Vec<Token>> {
        let runs = runs(query);
        let last_word = runs.iter().rposition(|r| matches!(r, Run::Word(_)));
        let mut out = Vec::new();
        for (i, run) in runs.into_iter().enumerate() {
            match run {
                Run::Han(chars) if chars.len() == 1 => {
                    out.push(vec![Token::Han(han_key(chars[0], None))]);
                }
                Run::Han(chars) => {
                    for pair in chars.windows(2) {
                        out.push(vec![Token::Han(han_key(pair[0], Some(pair[1])))]);
                    }
                }
                Run::Word(w) => {
                    let mut alternatives = Vec::new();
                    if Some(i) == last_word {
                        alternatives.push(Token::Prefix(format!("w:{w}")));
                    } else {
                        alternatives.push(Token::Exact(format!("w:{w}")));
                    }
                    if w.len() >= MIN_PHONE_DIGITS && w.bytes().all(|b| b.is_ascii_digit()) {
                        alternatives.push(Token::Prefix(format!("p:{w}")));
                    }
                    out.push(alternatives);
                }
            }
        }
        out
    }

    /// The posting lists a token's alternatives select.
    fn lists<'a>(
        &'a self,
        alternatives: &'a [Token],
    ) -> impl Iterator<Item = &'a Vec<(u32, u8)>> + 'a {
        alternatives.iter().flat_map(
            move |token| -> Box<dyn Iterator<Item = &'a Vec<(u32, u8)>> + 'a> {
                match token {
                    Token::Han(key) => Box::new(
                        self.dictionary
                            .han
                            .get(key)
                            .and_then(|id| self.postings.get(*id as usize))
                            .into_iter(),
                    ),
                    Token::Exact(term) => Box::new(
                        self.dictionary
                            .words
                            .get(term.as_str())
                            .and_then(|id| self.postings.get(*id as usize))
                            .into_iter(),
                    ),
                    Token::Prefix(prefix) => Box::new(
                        self.dictionary
                            .ordered
                            .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
                            .take_while(move |(t, _)| t.starts_with(prefix.as_str()))
                            .filter_map(|(_, id)| self.postings.get(*id as usize)),
                    ),
                }
            },
        )
    }

    /// The cases matching every token of `query`, best first, at most `limit`.
    pub fn query(&self, query: &str, limit: usize) -> Vec<CaseId> {
        let tokens = Self::tokens(query);
        if tokens.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Dense per-slot arrays: a query touches at most every case once per posting, and
        // arrays beat hash maps by a wide margin at 10,000 cases.
        let slots = self.docs.len();
        let mut total = vec![0u32; slots];
        let mut best = vec![0u32; slots];
        let mut candidates: Vec<u32> = Vec::new();
        for (round, alternatives) in tokens.iter().enumerate() {
            let mut touched = Vec::new();
            for list in self.lists(alternatives) {
                for &(doc, fields) in list {
                    let cell = &mut best[doc as usize];
                    if *cell == 0 {
                        touched.push(doc);
                    }
                    *cell = (*cell).max(WEIGHTS[usize::from(fields & 0x0f)]);
                }
            }
            if round == 0 {
                candidates = touched.clone();
            } else {
                candidates.retain(|doc| best[*doc as usize] > 0);
            }
            for doc in &candidates {
                total[*doc as usize] += best[*doc as usize];
            }
            for doc in touched {
                best[doc as usize] = 0;
            }
            if candidates.is_empty() {
                return Vec::new();
            }
        }
        let mut ranked: Vec<(u32, &Doc)> = candidates
            .into_iter()
            .filter_map(|slot| {
                let doc = self.docs.get(slot as usize).and_then(Option::as_ref)?;
                Some((total[slot as usize], doc))
            })
            .collect();
        // Lazily: `then` would compare the ids (strings) on every comparison, which was most
        // of a one-letter query's time.
        let order = |(sa, a): &(u32, &Doc), (sb, b): &(u32, &Doc)| {
            sb.cmp(sa)
                .then_with(|| b.updated_at.cmp(&a.updated_at))
                .then_with(|| a.id.cmp(&b.id))
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        ranked.into_iter().map(|(_, d)| d.id.clone()).collect()
    }
}

/// A plain scan for while the index is being built: the cases whose number, party names,
/// phones or summary contain every whitespace-separated word of `query` (case-insensitive),
/// most recently updated first. Slower than [`SearchIndex::query`] and stricter (words must
/// appear as typed), but needs no index.
pub fn scan(summaries: &[CaseSummary], query: &str, limit: usize) -> Vec<CaseId> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut hits: Vec<&CaseSummary> = summaries
        .iter()
        .filter(|s| {
            let mut haystack = s.summary_text.to_lowercase();
            if let Some(n) = &s.number {
                haystack.push(' ');
                haystack.push_str(&n.to_string());
            }
            for name in &s.party_names {
                haystack.push(' ');
                haystack.push_str(&name.to_lowercase());
            }
            for phone in &s.phones {
                haystack.push(' ');
                haystack.push_str(&phone.dial_digits());
            }
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect();
    hits.sort_unstable_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    hits.into_iter().take(limit).map(|s| s.id.clone()).collect()
}
