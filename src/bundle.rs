//! PURE. The export bundle format: what a device signs and a supervisor verifies.
//!
//! A bundle is a signed range of one device's event log. This module owns the format's name and
//! version; the event canonical form and signing arrive with the event log (see README.md).

pub mod format;

pub use format::{FormatVersion, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION};
