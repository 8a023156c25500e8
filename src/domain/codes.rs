//! Closed vocabularies as stable ASCII codes: the form stored in events and mapped by the shell to
//! translated labels.
//!
//! Codes never change once released (they are hashed into event ids); new values get new codes.

/// A closed vocabulary whose values are written as stable ASCII codes.
pub trait Code: Sized + Copy + Eq + 'static {
    /// Every value, in declaration order (the order pickers show them in).
    const ALL: &'static [Self];

    /// The stable code of this value.
    fn code(self) -> &'static str;

    /// The value with this code, if any.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Declares a fieldless enum together with its stable codes.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code stored in events and used as the translation key suffix.
            pub const fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }

            /// The value with this code, if any.
            pub fn from_code(code: &str) -> Option<Self> {
                <Self as $crate::domain::codes::Code>::from_code(code)
            }
        }

        impl $crate::domain::codes::Code for $name {
            const ALL: &'static [$name] = $name::ALL;

            fn code(self) -> &'static str {
                $name::code(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use code_enum;
