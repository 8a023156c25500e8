//! Bundle format identity: the `format` and `version` fields every bundle carries, and their checks.

/// The value of a bundle's `format` field.
pub const BUNDLE_FORMAT: &str = "casebook-bundle";

/// The bundle format version this build writes.
pub const BUNDLE_FORMAT_VERSION: FormatVersion = FormatVersion(1);

/// A bundle format version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FormatVersion(pub u32);

impl FormatVersion {
    /// Whether this build can read a bundle written in `self`: any version up to its own, since
    /// older bundles stay readable and newer ones may carry fields this build would silently drop.
    pub fn is_readable(self) -> bool {
        self.0 >= 1 && self <= BUNDLE_FORMAT_VERSION
    }
}
