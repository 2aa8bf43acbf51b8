//! `glossary.yaml` and front-matter `glossary:` entries: an acronym has one
//! meaning, or several each limited to documents `where` it applies.

use serde::Deserialize;

use super::primitives::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum GlossaryValue {
    Meaning(String),
    Meanings(Vec<GlossaryMeaning>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryMeaning {
    pub meaning: String,
    #[serde(default, rename = "where")]
    pub where_: Vec<String>,
}

pub type GlossaryFile = super::ordered::OrderedMap<Spanned<GlossaryValue>>;
