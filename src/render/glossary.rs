//! Glossary acronyms: the first use of each on a page becomes
//! `<abbr title="meaning">`, with the meaning that applies to the document
//! (a `where`-limited meaning, then the general one, and a document's own
//! `glossary:` front matter over both).

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CowStr, Event};

use crate::resolve::GlossaryTerm;

/// Terms already expanded on the current page.
#[derive(Debug, Default, Clone)]
pub struct AbbrState {
    pub used: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct Glossary {
    terms: BTreeMap<String, Vec<(String, Vec<String>)>>,
    /// Document content path → its own entries.
    overrides: BTreeMap<String, BTreeMap<String, String>>,
}

impl Glossary {
    pub fn new(terms: &[GlossaryTerm], overrides: BTreeMap<String, BTreeMap<String, String>>) -> Self {
        let terms = terms
            .iter()
            .map(|t| {
                (
                    t.term.clone(),
                    t.meanings
                        .iter()
                        // A document's own meanings apply through `overrides` only.
                        .filter(|m| m.defined_in.is_empty())
                        .map(|m| (m.meaning.clone(), m.where_.clone()))
                        .collect(),
                )
            })
            .collect();
        Glossary { terms, overrides }
    }

    /// The meaning of `term` in the document at content path `path`.
    pub fn meaning(&self, term: &str, path: &str) -> Option<&str> {
        if let Some(m) = self.overrides.get(path).and_then(|o| o.get(term)) {
            return Some(m);
        }
        let meanings = self.terms.get(term)?;
        let under = |w: &String| {
            let w = w.trim_end_matches('/');
            path == w || path.starts_with(&format!("{w}/"))
        };
        meanings
            .iter()
            .find(|(_, wh)| wh.iter().any(under))
            .or_else(|| meanings.iter().find(|(_, wh)| wh.is_empty()))
            .map(|(m, _)| m.as_str())
    }

    /// Push `text` as events, wrapping the first use on the page of each term.
    pub fn mark<'a>(&self, text: &str, path: &str, state: &mut AbbrState, events: &mut Vec<Event<'a>>) {
        if self.terms.is_empty() && self.overrides.is_empty() {
            events.push(Event::Text(CowStr::from(text.to_string())));
            return;
        }
        let mut last = 0;
        let mut i = 0;
        let bytes = text.as_bytes();
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'&') {
                i += 1;
            }
            let word = &text[start..i];
            if !state.used.contains(word)
                && let Some(meaning) = self.meaning(word, path)
            {
                if start > last {
                    events.push(Event::Text(CowStr::from(text[last..start].to_string())));
                }
                events.push(Event::Html(CowStr::from(format!(
                    "<abbr title=\"{}\">{}</abbr>",
                    meaning
                        .replace('&', "&amp;")
                        .replace('"', "&quot;")
                        .replace('<', "&lt;"),
                    word.replace('&', "&amp;")
                ))));
                state.used.insert(word.to_string());
                last = i;
            }
        }
        if last < text.len() {
            events.push(Event::Text(CowStr::from(text[last..].to_string())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::GlossaryMeaning;

    fn g() -> Glossary {
        let terms = vec![GlossaryTerm {
            term: "PCC".into(),
            meanings: vec![
                GlossaryMeaning {
                    meaning: "Parochial church council".into(),
                    where_: vec!["reviews/church".into()],
                    defined_in: vec![],
                },
                GlossaryMeaning {
                    meaning: "Police and crime commissioner".into(),
                    where_: vec![],
                    defined_in: vec![],
                },
            ],
        }];
        Glossary::new(&terms, BTreeMap::new())
    }

    #[test]
    fn where_limits_meaning_and_first_use_only() {
        let g = g();
        assert_eq!(
            g.meaning("PCC", "reviews/church/index"),
            Some("Parochial church council")
        );
        assert_eq!(g.meaning("PCC", "pages/about"), Some("Police and crime commissioner"));
        let mut st = AbbrState::default();
        let mut ev = Vec::new();
        g.mark("The PCC met the PCC.", "pages/about", &mut st, &mut ev);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, ev.into_iter());
        assert_eq!(
            html,
            "The <abbr title=\"Police and crime commissioner\">PCC</abbr> met the PCC."
        );
    }
}
