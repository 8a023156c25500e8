//! Identifier newtypes; they parse and print, but never generate (new ids are passed in by the shell).
//!
//! Event ids are different: they are content hashes, computed by the core (see `event.rs`).

use std::fmt;

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The identifier was empty.
    #[error("identifier is empty")]
    Empty,
    /// The identifier was longer than [`MAX_ID_LEN`].
    #[error("identifier is longer than {MAX_ID_LEN} bytes")]
    TooLong,
    /// The identifier held something other than ASCII letters, digits, `-` or `_`.
    #[error("identifier has a character other than ASCII letters, digits, '-' or '_'")]
    BadCharacter,
}

/// Longest identifier accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

fn check(raw: &str) -> Result<(), IdError> {
    if raw.is_empty() {
        return Err(IdError::Empty);
    }
    if raw.len() > MAX_ID_LEN {
        return Err(IdError::TooLong);
    }
    if !raw
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(IdError::BadCharacter);
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Parses an identifier: 1 to 64 ASCII letters, digits, `-` or `_`.
            pub fn parse(raw: &str) -> Result<Self, IdError> {
                check(raw).map(|()| Self(raw.to_owned()))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A tablet (browser profile) that writes events; chosen once, at random, by the shell.
    DeviceId
);
id_type!(
    /// A mediator (人民调解员) who authors events.
    MediatorId
);
id_type!(
    /// A case (纠纷案件), including one still at the lead (线索) stage.
    CaseId
);
id_type!(
    /// A party (当事人) of one case.
    PartyId
);
id_type!(
    /// A node of the mediation network (调解组织), from county centre to information officer.
    OrgUnitId
);
id_type!(
    /// A screening activity (排查) and its log.
    ScreeningId
);
id_type!(
    /// A recorded investigation or mediation session of one case.
    SessionId
);
id_type!(
    /// A mediation agreement of one case (a revision gets a new id).
    AgreementId
);
id_type!(
    /// A referral, transfer, upward report or joint-handling request of one case.
    ReferralId
);

/// Why a string is not a valid event id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventIdError {
    /// The id was not 64 characters long.
    #[error("event id is not 64 characters long")]
    WrongLength,
    /// The id held something other than lowercase hexadecimal digits.
    #[error("event id has a character other than 0-9 or a-f")]
    NotLowercaseHex,
}

/// The id of an event: the lowercase hexadecimal SHA-256 of its canonical bytes.
///
/// Content addressing makes the id a checksum: two devices that hold the same id hold the same
/// event, so merging logs is a set union and tampering is detectable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId(String);

impl EventId {
    /// Length of an event id in characters.
    pub const LEN: usize = 64;

    /// Parses 64 lowercase hexadecimal digits.
    pub fn parse(raw: &str) -> Result<Self, EventIdError> {
        if raw.len() != Self::LEN {
            return Err(EventIdError::WrongLength);
        }
        if !raw
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(EventIdError::NotLowercaseHex);
        }
        Ok(Self(raw.to_owned()))
    }

    /// Wraps a digest already known to be 64 lowercase hex digits (the output of `sha256_hex`).
    pub(crate) fn from_digest_hex(hex: String) -> Self {
        Self(hex)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
