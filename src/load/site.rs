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
    pub decision: Option<OrderedMap<Spanned<VocabEntry>>>,
    pub progress: Option<OrderedMap<Spanned<VocabEntry>>>,
    pub rag: Option<OrderedMap<Spanned<VocabEntry>>>,
    /// The lists a minutes file's `attendance:` block may hold.
    pub attendance: Option<OrderedMap<Spanned<VocabEntry>>>,
    pub form_of_scrutiny: Option<OrderedMap<String>>,
}

/// One word of a vocabulary: its label (`done: Done`), or its label with what
/// it means (`done: { label: Done, counts_as: completed, colour: green }`), so
/// that counts, overdue actions and tag colours stay right whatever a council
/// calls its words. `closes` is the older way to mark a closing progress word.
/// What each field may say is checked in resolve, per vocabulary.
#[derive(Debug, Clone, Default)]
pub struct VocabEntry {
    pub label: String,
    /// What the word counts as (`completed`, `accepted`, `present`, …).
    pub counts_as: Option<Spanned<String>>,
    /// The colour of its tag (`green`, `purple`, …).
    pub colour: Option<Spanned<String>>,
    /// A progress word that closes a recommendation (nothing is overdue).
    pub closes: Option<Spanned<bool>>,
    /// The label was written as a plain scalar that YAML reads as a boolean
    /// or a number (`Yes`, `On`, `2020`): `Vocabularies::restore_labels`
    /// puts back the text as written.
    pub(crate) not_text: bool,
}

impl VocabEntry {
    fn not_text(v: impl ToString) -> Self {
        VocabEntry {
            label: v.to_string(),
            not_text: true,
            ..VocabEntry::default()
        }
    }
}

impl Vocabularies {
    /// Put back labels YAML read as booleans or numbers (`not-agreed: No`)
    /// as they are written in `text`, site.yaml's own text, so that a label
    /// reads the same whichever form its list uses.
    pub fn restore_labels(&mut self, text: &str) {
        for list in [
            &mut self.decision,
            &mut self.progress,
            &mut self.rag,
            &mut self.attendance,
        ]
        .into_iter()
        .flatten()
        {
            for (_, e) in &mut list.0 {
                let span = e.referenced.span();
                let written = span.byte_offset().zip(span.byte_len()).and_then(|(at, len)| {
                    let start = usize::try_from(at).ok()?;
                    text.get(start..start.checked_add(usize::try_from(len).ok()?)?)
                });
                if e.value.not_text
                    && let Some(w) = written
                {
                    e.value.label = w.trim().to_string();
                }
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabEntryFull {
    label: String,
    counts_as: Option<Spanned<String>>,
    colour: Option<Spanned<String>>,
    closes: Option<Spanned<bool>>,
}

impl<'de> Deserialize<'de> for VocabEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = VocabEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a label, or { label: …, counts_as: … }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<VocabEntry, E> {
                Ok(VocabEntry {
                    label: v.to_string(),
                    ..VocabEntry::default()
                })
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<VocabEntry, E> {
                Ok(VocabEntry::not_text(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<VocabEntry, E> {
                Ok(VocabEntry::not_text(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<VocabEntry, E> {
                Ok(VocabEntry::not_text(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<VocabEntry, E> {
                Ok(VocabEntry::not_text(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<VocabEntry, A::Error> {
                let f = VocabEntryFull::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(VocabEntry {
                    label: f.label,
                    counts_as: f.counts_as,
                    colour: f.colour,
                    closes: f.closes,
                    not_text: false,
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
