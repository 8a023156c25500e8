//! Money as whole fen (分): integers only, so amounts add up exactly and hash the same everywhere.

use std::fmt;

/// The largest amount accepted, in fen: 2^53 − 1, the largest integer every JSON reader (and
/// RFC 8785) represents exactly.
pub const MAX_FEN: i64 = 9_007_199_254_740_991;

/// Why a string is not an amount of yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not digits with an optional decimal point and at most two decimals.
    #[error("amount is not a number of yuan with at most two decimals")]
    Format,
    /// Negative amounts are not amounts involved.
    #[error("amount is negative")]
    Negative,
    /// Larger than [`MAX_FEN`].
    #[error("amount is too large")]
    TooLarge,
}

/// A non-negative amount of money in fen (1 yuan = 100 fen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fen(i64);

impl Fen {
    /// `fen` fen, if within 0..=[`MAX_FEN`].
    pub const fn new(fen: i64) -> Result<Fen, AmountError> {
        if fen < 0 {
            Err(AmountError::Negative)
        } else if fen > MAX_FEN {
            Err(AmountError::TooLarge)
        } else {
            Ok(Fen(fen))
        }
    }

    /// The amount in fen.
    pub const fn as_fen(self) -> i64 {
        self.0
    }

    /// Parses yuan as typed: `1200`, `1,200.5`, `0.05`, `￥300` (commas, spaces and a leading
    /// yuan sign are ignored).
    pub fn parse_yuan(raw: &str) -> Result<Fen, AmountError> {
        let text: String = raw
            .trim()
            .trim_start_matches(['\u{a5}', '\u{ffe5}'])
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace())
            .collect();
        if text.starts_with('-') {
            return Err(AmountError::Negative);
        }
        let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 2 {
            return Err(AmountError::Format);
        }
        if text.ends_with('.') {
            return Err(AmountError::Format);
        }
        let whole: i64 = whole.parse().map_err(|_| AmountError::TooLarge)?;
        let frac: i64 = format!("{frac:0<2}")
            .parse()
            .map_err(|_| AmountError::Format)?;
        let fen = whole.checked_mul(100).and_then(|w| w.checked_add(frac));
        Fen::new(fen.ok_or(AmountError::TooLarge)?)
    }
}

impl fmt::Display for Fen {
    /// Yuan with two decimals, e.g. `1200.50` (no currency sign: the shell formats money).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}
