//! Case numbers (卷号) "(2026)X人调字第N号", allocated offline without coordination between the
//! tablets of one committee.
//!
//! Each tablet of a committee is given a numbering slot 1–99 when it is set up; the k-th case a
//! tablet registers in a year gets N = slot × 1000 + k (k = 1–999). Numbers are therefore unique per
//! committee and year as long as slots are, and readable: 第2015号 is tablet 2's 15th case. Two
//! tablets set up with the same slot are caught when their logs meet (see
//! [`find_duplicate_numbers`]). The design is documented in docs/events.md, "Case numbers".

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::ids::CaseId;

/// The fixed part between the prefix and the serial: 人调字第 ("people's mediation, number").
/// Written as escapes because it is part of an official identifier, not translatable text.
const MARK: &str = "\u{4eba}\u{8c03}\u{5b57}\u{7b2c}";
/// The closing 号.
const END: &str = "\u{53f7}";

/// Longest prefix accepted, in characters.
pub const MAX_PREFIX_CHARS: usize = 24;
/// Cases a tablet can number per year.
pub const CASES_PER_SLOT: u32 = 999;

/// Why a case number cannot be formed, parsed or allocated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseNumberError {
    /// The committee has no case-number prefix configured.
    #[error("prefix is empty")]
    EmptyPrefix,
    /// The prefix is too long or contains brackets, digits, whitespace or the fixed text.
    #[error("prefix has a character that would make the number ambiguous")]
    BadPrefix,
    /// The year is not a four-digit year.
    #[error("year out of range")]
    BadYear,
    /// The serial is zero.
    #[error("serial must be at least 1")]
    BadSerial,
    /// The numbering slot is not within 1..=99.
    #[error("numbering slot must be 1 to 99")]
    BadSlot,
    /// The text is not of the form "(YYYY)X人调字第N号".
    #[error("not a case number")]
    Malformed,
    /// This tablet has used all 999 numbers of its slot for the year.
    #[error("all numbers of the slot are used for the year")]
    Exhausted {
        /// The year.
        year: u16,
        /// The slot.
        slot: u8,
    },
}

/// A tablet's numbering slot, 1–99, assigned by the committee director when setting it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NumberingSlot(u8);

impl NumberingSlot {
    /// The slot `n`, if within 1..=99.
    pub const fn new(n: u8) -> Result<NumberingSlot, CaseNumberError> {
        if n >= 1 && n <= 99 {
            Ok(NumberingSlot(n))
        } else {
            Err(CaseNumberError::BadSlot)
        }
    }

    /// The slot number.
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// A case number "(year)prefix人调字第serial号".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseNumber {
    year: u16,
    prefix: String,
    serial: u32,
}

fn check_prefix(prefix: &str) -> Result<(), CaseNumberError> {
    if prefix.is_empty() {
        return Err(CaseNumberError::EmptyPrefix);
    }
    let bad = |c: char| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || "()\u{ff08}\u{ff09}\u{3014}\u{3015}[]".contains(c)
    };
    if prefix.chars().count() > MAX_PREFIX_CHARS || prefix.chars().any(bad) || prefix.contains(MARK)
    {
        return Err(CaseNumberError::BadPrefix);
    }
    Ok(())
}

impl CaseNumber {
    /// A number from its parts. Serials outside the slot scheme (e.g. from paper registers) are
    /// accepted; [`CaseNumber::slot`] tells them apart.
    pub fn new(year: u16, prefix: &str, serial: u32) -> Result<CaseNumber, CaseNumberError> {
        if !(1000..=9999).contains(&year) {
            return Err(CaseNumberError::BadYear);
        }
        check_prefix(prefix)?;
        if serial == 0 {
            return Err(CaseNumberError::BadSerial);
        }
        Ok(CaseNumber {
            year,
            prefix: prefix.to_owned(),
            serial,
        })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The committee abbreviation.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// N.
    pub fn serial(&self) -> u32 {
        self.serial
    }

    /// The numbering slot and the tablet's count k, when N follows the slot scheme.
    pub fn slot_and_index(&self) -> Option<(NumberingSlot, u32)> {
        let slot = u8::try_from(self.serial / 1000).ok()?;
        let index = self.serial % 1000;
        if index == 0 {
            return None;
        }
        NumberingSlot::new(slot).ok().map(|s| (s, index))
    }

    /// Parses "(2026)X人调字第2015号"; the brackets may be ASCII, full-width （） or 〔〕, and
    /// whitespace is ignored.
    pub fn parse(raw: &str) -> Result<CaseNumber, CaseNumberError> {
        let text: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let rest = text
            .strip_prefix('(')
            .or_else(|| text.strip_prefix('\u{ff08}'))
            .or_else(|| text.strip_prefix('\u{3014}'))
            .ok_or(CaseNumberError::Malformed)?;
        let year_text = rest.get(..4).ok_or(CaseNumberError::Malformed)?;
        if !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CaseNumberError::Malformed);
        }
        let year: u16 = year_text.parse().map_err(|_| CaseNumberError::Malformed)?;
        let rest = &rest[4..];
        let rest = rest
            .strip_prefix(')')
            .or_else(|| rest.strip_prefix('\u{ff09}'))
            .or_else(|| rest.strip_prefix('\u{3015}'))
            .ok_or(CaseNumberError::Malformed)?;
        let rest = rest.strip_suffix(END).ok_or(CaseNumberError::Malformed)?;
        let (prefix, serial) = rest.rsplit_once(MARK).ok_or(CaseNumberError::Malformed)?;
        if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CaseNumberError::Malformed);
        }
        let serial: u32 = serial.parse().map_err(|_| CaseNumberError::Malformed)?;
        CaseNumber::new(year, prefix, serial)
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "({}){}{MARK}{}{END}",
            self.year, self.prefix, self.serial
        )
    }
}

/// The next number for a tablet: one past the highest k it has used with this prefix and year.
///
/// `used` may hold any numbers (every case the tablet knows of); only those in the same year,
/// prefix and slot count. Gaps are not refilled, because a number that looks free may sit in an
/// event that was exported but later superseded.
pub fn allocate_case_number<'a>(
    prefix: &str,
    year: u16,
    slot: NumberingSlot,
    used: impl IntoIterator<Item = &'a CaseNumber>,
) -> Result<CaseNumber, CaseNumberError> {
    check_prefix(prefix)?;
    let highest = used
        .into_iter()
        .filter(|n| n.year == year && n.prefix == prefix)
        .filter_map(CaseNumber::slot_and_index)
        .filter(|(s, _)| *s == slot)
        .map(|(_, k)| k)
        .max()
        .unwrap_or(0);
    number_after(prefix, year, slot, highest)
}

/// The number after a slot's `highest` index of `year`, or the refusal once it has used all.
fn number_after(
    prefix: &str,
    year: u16,
    slot: NumberingSlot,
    highest: u32,
) -> Result<CaseNumber, CaseNumberError> {
    if highest >= CASES_PER_SLOT {
        return Err(CaseNumberError::Exhausted {
            year,
            slot: slot.get(),
        });
    }
    CaseNumber::new(year, prefix, u32::from(slot.get()) * 1000 + highest + 1)
}

/// The highest index each slot has used per prefix and year, kept up to date as cases are
/// saved: what [`allocate_case_number`] finds by a pass over every known number, without the
/// pass (over 10 000 cases that pass was a fifth of a save's work on a low-tier tablet).
///
/// It only grows: a number once seen stays used, so the next number is never one in use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberLedger {
    highest: HashMap<(String, u16, NumberingSlot), u32>,
}

impl NumberLedger {
    /// The ledger of `used`.
    pub fn of<'a>(used: impl IntoIterator<Item = &'a CaseNumber>) -> NumberLedger {
        let mut ledger = NumberLedger::default();
        for number in used {
            ledger.record(number);
        }
        ledger
    }

    /// Notes that `number` is in use.
    pub fn record(&mut self, number: &CaseNumber) {
        if let Some((slot, index)) = number.slot_and_index() {
            let highest = self
                .highest
                .entry((number.prefix.clone(), number.year, slot))
                .or_default();
            *highest = (*highest).max(index);
        }
    }

    /// The next number of `slot` for `prefix` and `year`: the same as [`allocate_case_number`]
    /// over every number recorded.
    pub fn next(
        &self,
        prefix: &str,
        year: u16,
        slot: NumberingSlot,
    ) -> Result<CaseNumber, CaseNumberError> {
        check_prefix(prefix)?;
        let highest = self
            .highest
            .get(&(prefix.to_owned(), year, slot))
            .copied()
            .unwrap_or(0);
        number_after(prefix, year, slot, highest)
    }
}

/// Several cases carrying one number: a problem for the supervisor to resolve (usually two
/// tablets set up with the same slot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateNumber {
    /// The number.
    pub number: CaseNumber,
    /// The cases carrying it, sorted.
    pub cases: Vec<CaseId>,
}

/// Finds numbers carried by more than one case.
pub fn find_duplicate_numbers<'a>(
    cases: impl IntoIterator<Item = (&'a CaseId, &'a CaseNumber)>,
) -> Vec<DuplicateNumber> {
    let mut by_number: BTreeMap<&CaseNumber, Vec<CaseId>> = BTreeMap::new();
    for (case, number) in cases {
        let ids = by_number.entry(number).or_default();
        if !ids.contains(case) {
            ids.push(case.clone());
        }
    }
    by_number
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(number, mut cases)| {
            cases.sort_unstable();
            DuplicateNumber {
                number: number.clone(),
                cases,
            }
        })
        .collect()
}
