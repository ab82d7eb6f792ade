//! Access levels a scope row can be set to, and their order.
//!
//! The page offers, per row, "None" plus one or more level words. A preset's level means
//! "at least this much access"; the planner compares levels by [`Level::rank`].

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::text::normalize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    None,
    ReadOnly,
    Login,
    Create,
    CreatePreview,
    Manage,
    Standard,
    Modify,
    Full,
}

impl Level {
    pub const ALL: [Level; 9] = [
        Level::None,
        Level::ReadOnly,
        Level::Login,
        Level::Create,
        Level::CreatePreview,
        Level::Manage,
        Level::Standard,
        Level::Modify,
        Level::Full,
    ];

    /// How much access the level grants: none < read-only < (single-purpose levels) < modify < full.
    /// Single-purpose levels (login, create, manage, standard, create preview) share a rank:
    /// each appears on rows where no other write level competes with it.
    pub fn rank(self) -> u8 {
        match self {
            Level::None => 0,
            Level::ReadOnly => 1,
            Level::Login
            | Level::Create
            | Level::CreatePreview
            | Level::Manage
            | Level::Standard => 2,
            Level::Modify => 3,
            Level::Full => 4,
        }
    }

    /// The word as the page and the guides write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::ReadOnly => "read-only",
            Level::Login => "login",
            Level::Create => "create",
            Level::CreatePreview => "create preview",
            Level::Manage => "manage",
            Level::Standard => "standard",
            Level::Modify => "modify",
            Level::Full => "full",
        }
    }

    /// Parses a level word as written on the page or in a guide ("Read-only", "read only",
    /// "MODIFY", "Create preview"). Unknown words are an error, never a guess.
    pub fn parse(word: &str) -> Result<Level, UnknownLevel> {
        let key = normalize(word);
        let level = match key.as_str() {
            "none" | "noaccess" => Level::None,
            "readonly" | "read" => Level::ReadOnly,
            "login" => Level::Login,
            "create" => Level::Create,
            "createpreview" => Level::CreatePreview,
            "manage" => Level::Manage,
            "standard" => Level::Standard,
            "modify" => Level::Modify,
            "full" => Level::Full,
            _ => {
                return Err(UnknownLevel {
                    word: word.trim().to_string(),
                })
            }
        };
        Ok(level)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLevel {
    pub word: String,
}

impl fmt::Display for UnknownLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let valid: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
        write!(
            f,
            "unknown level {:?}: expected one of {}",
            self.word,
            valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownLevel {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_as_pages_and_guides_write_them() {
        assert_eq!(Level::parse("Read-only"), Ok(Level::ReadOnly));
        assert_eq!(Level::parse(" read only "), Ok(Level::ReadOnly));
        assert_eq!(Level::parse("MODIFY"), Ok(Level::Modify));
        assert_eq!(Level::parse("None"), Ok(Level::None));
        assert_eq!(Level::parse("Create preview"), Ok(Level::CreatePreview));
        assert_eq!(Level::parse("Standard"), Ok(Level::Standard));
    }

    #[test]
    fn unknown_word_is_an_error_naming_the_word_and_the_valid_ones() {
        let err = Level::parse("writeable").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("\"writeable\""), "{msg}");
        assert!(msg.contains("read-only") && msg.contains("modify"), "{msg}");
    }

    #[test]
    fn order_follows_access_granted() {
        assert!(Level::None.rank() < Level::ReadOnly.rank());
        assert!(Level::ReadOnly.rank() < Level::Login.rank());
        assert_eq!(Level::Login.rank(), Level::Manage.rank());
        assert!(Level::Standard.rank() < Level::Modify.rank());
        assert!(Level::Modify.rank() < Level::Full.rank());
    }

    #[test]
    fn every_level_round_trips_through_its_word() {
        for level in Level::ALL {
            assert_eq!(Level::parse(level.as_str()), Ok(level));
        }
    }
}
