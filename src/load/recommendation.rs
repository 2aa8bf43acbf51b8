//! Recommendations, executive responses, actions and updates (spec section 7):
//! one schema for review recommendations and tracked resolutions.

use serde::Deserialize;

use super::frontmatter::front_matter;
use super::primitives::{Date, Id, Spanned};

front_matter! {
    /// `reviews/<review>/index.md`
    pub struct ReviewFile {
        pub title: String,
        pub committee: Option<Spanned<String>>,
        pub form: Option<Spanned<String>>,
        #[serde(default)]
        pub members: Vec<Spanned<String>>,
        pub started: Option<Date>,
        pub completed: Option<Date>,
    }
}

/// `reviews/<review>/recommendations.yaml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationsFile {
    /// The file's kind, if stated; it must match the file's place.
    pub kind: Option<Spanned<String>>,
    pub made_at: Spanned<String>,
    pub recommendations: Vec<Spanned<Recommendation>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: Spanned<Id>,
    pub title: Option<String>,
    pub text: String,
    pub to: Spanned<String>,
    pub to_name: Option<String>,
    pub owner: Option<String>,
    pub due: Option<Spanned<Date>>,
    pub due_text: Option<String>,
    pub response: Option<Spanned<Response>>,
    #[serde(default)]
    pub actions: Vec<Spanned<Action>>,
    #[serde(default)]
    pub updates: Vec<Spanned<Update>>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub decision: Spanned<String>,
    pub by: Option<Spanned<String>>,
    pub date: Option<Date>,
    pub at: Option<Spanned<String>>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: Spanned<Id>,
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<Spanned<Date>>,
    pub due_text: Option<String>,
    #[serde(default)]
    pub success: Vec<String>,
}

/// A progress update, in a recommendation or in `updates/*.yaml` (with `rec`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub rec: Option<Spanned<String>>,
    pub as_at: Spanned<Date>,
    pub status: Spanned<String>,
    pub at: Option<Spanned<String>>,
    pub text: Option<String>,
}

pub type UpdatesFile = Vec<Spanned<Update>>;
