//! Identifier newtypes; they parse and print, but never generate (new ids are passed in by the shell).

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
