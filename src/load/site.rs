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
    /// An IANA time zone name (`Europe/London`): "today" is the date there.
    pub timezone: Option<Spanned<String>>,
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
    /// The domain that names this site in feed entry ids and calendar UIDs
    /// (default: the host of `base_url`); ids never change while it does not.
    pub site_id: Option<Spanned<String>>,
    /// The licence the open data under `/data/` is published under.
    pub licence: Option<Licence>,
    /// What the accessibility statement says (all optional).
    #[serde(default)]
    pub accessibility: super::accessibility::AccessibilityFile,
    /// The free pages every page's footer links, in this order (page ids,
    /// bare or `page:…`); without it, every public free page by title.
    pub footer: Option<Vec<Spanned<String>>>,
}

/// A licence for open data: its name and where to read it.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    pub url: Option<String>,
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
    pub progress: Option<OrderedMap<VocabEntry>>,
    pub rag: Option<OrderedMap<String>>,
    pub form_of_scrutiny: Option<OrderedMap<String>>,
}

/// One word of the progress vocabulary: its label (`done: Done`), or its
/// label with what it means (`done: { label: Done, closes: true }`), so that
/// overdue actions and days open stay right whatever a council calls its
/// statuses.
#[derive(Debug, Clone, Default)]
pub struct VocabEntry {
    pub label: String,
    /// A progress status that closes a recommendation (nothing is overdue).
    pub closes: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabEntryFull {
    label: String,
    closes: Option<bool>,
}

impl<'de> Deserialize<'de> for VocabEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = VocabEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a label, or { label: …, closes: true }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<VocabEntry, E> {
                Ok(VocabEntry {
                    label: v.to_string(),
                    ..VocabEntry::default()
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<VocabEntry, A::Error> {
                let f = VocabEntryFull::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(VocabEntry {
                    label: f.label,
                    closes: f.closes,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitePrivacy {
    #[serde(default)]
    pub allow: Vec<String>,
    /// Look for postcodes in minutes and questions (default: no, since the
    /// council's own addresses are public).
    #[serde(default)]
    pub postcodes: bool,
}
