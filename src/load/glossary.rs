//! `glossary.yaml` and front-matter `glossary:` entries: an acronym has one
//! meaning, or several each limited to documents `where` it applies.

use serde::Deserialize;

use super::primitives::Spanned;

#[derive(Debug, Clone)]
pub enum GlossaryValue {
    Meaning(String),
    Meanings(Vec<GlossaryMeaning>),
}

/// A meaning is text, or a list of `{ meaning, where }`; anything else is told
/// in those words (an untagged enum would name a Rust type instead).
impl<'de> Deserialize<'de> for GlossaryValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = GlossaryValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the meaning as text, or a list of `{ meaning: …, where: [...] }`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<GlossaryValue, E> {
                Ok(GlossaryValue::Meaning(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<GlossaryValue, A::Error> {
                let mut out = Vec::new();
                while let Some(m) = seq.next_element::<GlossaryMeaning>()? {
                    out.push(m);
                }
                Ok(GlossaryValue::Meanings(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryMeaning {
    pub meaning: String,
    #[serde(default, rename = "where")]
    pub where_: Vec<String>,
}

pub type GlossaryFile = super::ordered::OrderedMap<Spanned<GlossaryValue>>;
