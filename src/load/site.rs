//! `site.yaml`: the site's configuration, with the spec's defaults for
//! vocabularies and terminology.

use serde::Deserialize;

use super::ordered::OrderedMap;
use super::primitives::{Contact, Date, Spanned};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub title: String,
    pub base_url: Spanned<String>,
    pub language: Option<String>,
    pub timezone: Option<String>,
    pub as_of: Option<Date>,
    pub financial_year_start: Option<Spanned<String>>,
    pub theme: Option<Spanned<String>>,
    pub contact: Option<Contact>,
    #[serde(default)]
    pub terminology: Terminology,
    pub minute_number: Option<String>,
    #[serde(default)]
    pub vocabularies: Vocabularies,
    #[serde(default)]
    pub privacy: SitePrivacy,
    /// Publish `draft: true` documents, marked as drafts (default: left out).
    #[serde(default)]
    pub drafts: bool,
    /// Publish draft minutes, marked as drafts (default), or leave them out.
    #[serde(default = "yes")]
    pub draft_minutes: bool,
    /// A short description for the home page and search engines.
    pub description: Option<String>,
    /// What the accessibility statement says (all optional).
    #[serde(default)]
    pub accessibility: super::accessibility::AccessibilityFile,
}

fn yes() -> bool {
    true
}

/// The council's own words for roles; a committee may override any of them.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Terminology {
    pub chair: Option<String>,
    pub vice_chair: Option<String>,
    pub executive: Option<String>,
    pub executive_member: Option<String>,
}

impl Terminology {
    /// `self` with gaps filled from `base`.
    pub fn over(&self, base: &Terminology) -> Terminology {
        Terminology {
            chair: self.chair.clone().or_else(|| base.chair.clone()),
            vice_chair: self.vice_chair.clone().or_else(|| base.vice_chair.clone()),
            executive: self.executive.clone().or_else(|| base.executive.clone()),
            executive_member: self.executive_member.clone().or_else(|| base.executive_member.clone()),
        }
    }
}

/// Status vocabularies: each maps a key to its label, in the order given.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    pub decision: Option<OrderedMap<String>>,
    pub progress: Option<OrderedMap<String>>,
    pub rag: Option<OrderedMap<String>>,
    pub form_of_scrutiny: Option<OrderedMap<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitePrivacy {
    #[serde(default)]
    pub allow: Vec<String>,
}
