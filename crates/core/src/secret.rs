//! A value that must never reach a log: its `Debug` prints `***`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A credential value. It serializes as itself (the popup must show it), but `Debug`
/// is redacted, and it has no `Display`, so `{:?}` in a log line or panic message cannot
/// leak it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the one place that needs it (copying, showing on request).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_contains_the_value() {
        let s = Secret::new("8f3e2a0c9b");
        assert_eq!(format!("{s:?}"), "***");
        assert!(!format!("{:?}", Some(&s)).contains("8f3e"));
        assert_eq!(s.expose(), "8f3e2a0c9b");
    }
}
