//! Personal identifiers with a checkable form: mainland phone numbers and resident ID numbers
//! (居民身份证号码), and how to mask them for display.
//!
//! ID numbers are personal information the case file needs (当事人身份证明) but screens should
//! not show in full: data minimisation under 个人信息保护法 Art 6, and the mediator's duty not
//! to leak privacy (人民调解法 Art 15).

use std::fmt;

use super::time::Date;

/// Why a string is not a mainland phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing was entered.
    #[error("phone number is empty")]
    Empty,
    /// Something other than digits, spaces, `-`, a leading `+86`, or an extension marker.
    #[error("phone number has an unexpected character")]
    BadCharacter,
    /// 11 digits starting with 1, but not 13x–19x.
    #[error("not a mainland mobile number")]
    NotAMobileNumber,
    /// The area code is not 010, 02x or 0[3-9]xx.
    #[error("unknown area code form")]
    BadAreaCode,
    /// The local number is not 7 or 8 digits starting with 2–9.
    #[error("local number must have 7 or 8 digits")]
    BadLocalNumber,
    /// The extension is not 1–6 digits.
    #[error("extension must have 1 to 6 digits")]
    BadExtension,
    /// Neither a mobile number nor a landline with area code.
    #[error("not a mobile number or a landline with area code")]
    Unrecognised,
}

/// A mainland China phone number, normalised.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phone {
    /// An 11-digit mobile number 1[3-9]xxxxxxxxx.
    Mobile(String),
    /// A fixed line: area code 0xx or 0xxx, a 7–8 digit local number, an optional extension.
    Landline {
        /// Area code with its leading 0 (e.g. `010`, `0755`).
        area: String,
        /// Local number, 7 or 8 digits.
        number: String,
        /// Extension (分机), 1–6 digits.
        extension: Option<String>,
    },
}

/// The extension marker 转 ("transfer to"), as written on Chinese business cards.
const EXTENSION_MARK: char = '\u{8f6c}';

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl Phone {
    /// Parses what a person types: `13812345678`, `138 1234 5678`, `+86 138-1234-5678`,
    /// `010-12345678`, `0755 1234567`, `01012345678`, `010-12345678-123`, `010-12345678 ext 12`.
    pub fn parse(raw: &str) -> Result<Phone, PhoneError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        let mut text = trimmed.replace(EXTENSION_MARK, "#");
        for marker in ["ext.", "ext", "EXT", "Ext", "x", "X"] {
            text = text.replace(marker, "#");
        }
        let (main, extension) = match text.split_once('#') {
            Some((main, ext)) => {
                let ext: String = ext
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect();
                if !all_digits(&ext) || ext.len() > 6 {
                    return Err(PhoneError::BadExtension);
                }
                (main.to_owned(), Some(ext))
            }
            None => (text, None),
        };
        if !main
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '+' || c.is_whitespace())
        {
            return Err(PhoneError::BadCharacter);
        }
        let main = main.trim();
        let main = main
            .strip_prefix("+86")
            .or_else(|| main.strip_prefix("0086"))
            .unwrap_or(main);
        if main.contains('+') {
            return Err(PhoneError::BadCharacter);
        }
        let digits: String = main.chars().filter(char::is_ascii_digit).collect();
        if digits.starts_with('1') {
            if extension.is_some() {
                return Err(PhoneError::BadExtension);
            }
            return Self::mobile(&digits);
        }
        if digits.starts_with('0') {
            let groups: Vec<&str> = main
                .split(|c: char| c == '-' || c.is_whitespace())
                .filter(|g| !g.is_empty())
                .collect();
            let (area, number, ext_from_dash) = match groups.as_slice() {
                [one] => {
                    let split = if one.starts_with("010") || one.starts_with("02") {
                        3
                    } else {
                        4
                    };
                    let split = split.min(one.len());
                    (one[..split].to_owned(), one[split..].to_owned(), None)
                }
                [area, number] => ((*area).to_owned(), (*number).to_owned(), None),
                [area, number, ext] => (
                    (*area).to_owned(),
                    (*number).to_owned(),
                    Some((*ext).to_owned()),
                ),
                _ => return Err(PhoneError::Unrecognised),
            };
            let extension = match (extension, ext_from_dash) {
                (Some(_), Some(_)) => return Err(PhoneError::BadExtension),
                (Some(e), None) | (None, Some(e)) => Some(e),
                (None, None) => None,
            };
            return Self::landline(&area, &number, extension);
        }
        Err(PhoneError::Unrecognised)
    }

    fn mobile(digits: &str) -> Result<Phone, PhoneError> {
        let b = digits.as_bytes();
        if b.len() != 11 || !(b'3'..=b'9').contains(&b[1]) {
            return Err(PhoneError::NotAMobileNumber);
        }
        Ok(Phone::Mobile(digits.to_owned()))
    }

    fn landline(area: &str, number: &str, extension: Option<String>) -> Result<Phone, PhoneError> {
        let a = area.as_bytes();
        // 3-digit codes are 010 (Beijing) and 02x (the large cities); all others have 4 digits
        // starting 03–09.
        let area_ok = all_digits(area)
            && match a.len() {
                3 => area == "010" || a[1] == b'2',
                4 => (b'3'..=b'9').contains(&a[1]),
                _ => false,
            };
        if !area_ok {
            return Err(PhoneError::BadAreaCode);
        }
        let n = number.as_bytes();
        if !all_digits(number) || !(7..=8).contains(&n.len()) || !(b'2'..=b'9').contains(&n[0]) {
            return Err(PhoneError::BadLocalNumber);
        }
        if let Some(e) = &extension {
            if !all_digits(e) || e.len() > 6 {
                return Err(PhoneError::BadExtension);
            }
        }
        Ok(Phone::Landline {
            area: area.to_owned(),
            number: number.to_owned(),
            extension,
        })
    }

    /// The digits one would dial without the extension: what search and matching compare.
    pub fn dial_digits(&self) -> String {
        match self {
            Phone::Mobile(d) => d.clone(),
            Phone::Landline { area, number, .. } => format!("{area}{number}"),
        }
    }

    /// Whether [`Phone::dial_digits`] would equal `digits`, without building that string (the
    /// intake's prior-dispute check compares every stored phone on each change of the form).
    pub fn dials(&self, digits: &str) -> bool {
        match self {
            Phone::Mobile(d) => d == digits,
            Phone::Landline { area, number, .. } => digits
                .strip_prefix(area.as_str())
                .is_some_and(|rest| rest == number),
        }
    }

    /// The number with its middle hidden: `138****5678`, `010-****5678`.
    pub fn masked(&self) -> String {
        match self {
            Phone::Mobile(d) => format!("{}****{}", &d[..3], &d[7..]),
            Phone::Landline { area, number, .. } => {
                let keep = number.len().saturating_sub(4);
                format!("{area}-{}{}", "*".repeat(keep), &number[keep..])
            }
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Phone::Mobile(d) => f.write_str(d),
            Phone::Landline {
                area,
                number,
                extension: None,
            } => write!(f, "{area}-{number}"),
            Phone::Landline {
                area,
                number,
                extension: Some(e),
            } => {
                write!(f, "{area}-{number}-{e}")
            }
        }
    }
}

/// Why a string is not a valid resident ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ResidentIdError {
    /// Not 18 characters long.
    #[error("resident ID number must have 18 characters")]
    WrongLength,
    /// The first 17 characters are not all digits, or the last is not a digit or X.
    #[error("resident ID number has a bad character")]
    BadCharacter,
    /// The 6-digit administrative region code is 000000.
    #[error("region code is zero")]
    ZeroRegion,
    /// Characters 7–14 are not a real date (YYYYMMDD).
    #[error("birth date part is not a real date")]
    BadBirthDate,
    /// The check character does not match ISO 7064 MOD 11-2.
    #[error("check character does not match")]
    BadChecksum,
}

/// A citizen identity number (公民身份号码) per GB 11643-1999: 6-digit region code, 8-digit birth
/// date, 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResidentId(String);

/// GB 11643-1999 weights W_i = 2^(17-i) mod 11 for positions 1–17.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for (Σ a_i·W_i) mod 11 = 0, 1, … 10.
const ID_CHECK: &[u8; 11] = b"10X98765432";

impl ResidentId {
    /// Parses and checks an 18-character number; spaces are dropped and a lowercase x accepted.
    pub fn parse(raw: &str) -> Result<Self, ResidentIdError> {
        let text: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let b = text.as_bytes();
        if text.chars().count() != 18 || b.len() != 18 {
            return Err(ResidentIdError::WrongLength);
        }
        if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
            return Err(ResidentIdError::BadCharacter);
        }
        if &text[..6] == "000000" {
            return Err(ResidentIdError::ZeroRegion);
        }
        if Date::parse_compact(&text[6..14]).is_err() {
            return Err(ResidentIdError::BadBirthDate);
        }
        let sum: u32 = b[..17]
            .iter()
            .zip(ID_WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        if ID_CHECK[(sum % 11) as usize] != b[17] {
            return Err(ResidentIdError::BadChecksum);
        }
        Ok(Self(text))
    }

    /// The check character that makes 17 leading digits a valid number (for tests and tools).
    pub fn check_char(first17: &str) -> Option<char> {
        let b = first17.as_bytes();
        if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let sum: u32 = b
            .iter()
            .zip(ID_WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        Some(char::from(ID_CHECK[(sum % 11) as usize]))
    }

    /// The number (18 characters, check character in uppercase).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date encoded in the number.
    pub fn birth_date(&self) -> Option<Date> {
        Date::parse_compact(&self.0[6..14]).ok()
    }

    /// Whether the sequence code marks a man (odd) rather than a woman (even).
    pub fn is_male(&self) -> bool {
        self.0.as_bytes()[16] % 2 == 1
    }

    /// The number masked for display: `110***********1234`.
    pub fn masked(&self) -> String {
        mask_id_number(&self.0)
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Masks any identity-document number for display: the first 3 and last 4 characters stay, the
/// rest become `*`; numbers of 8 characters or fewer keep only their last 2.
pub fn mask_id_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let n = chars.len();
    let (head, tail) = if n > 8 { (3, 4) } else { (0, n.min(2)) };
    let hidden = n - head - tail;
    chars[..head]
        .iter()
        .chain(std::iter::repeat_n(&'*', hidden))
        .chain(chars[n - tail..].iter())
        .collect()
}
