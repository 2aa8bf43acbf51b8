//! The glossary of acronyms, with where each is used.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::GlossaryMeaning;
use crate::resolve::entities::Link;

/// Documents listed under each acronym on the glossary page.
const GLOSSARY_USES_SHOWN: usize = 12;

/// A query-string value, percent-encoded (letters, digits and `-._~` kept).
fn query_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Serialize)]
struct Term<'a> {
    term: &'a str,
    anchor: String,
    meanings: &'a [GlossaryMeaning],
    /// The first documents that use it, by title.
    used: Vec<Link>,
    /// How many more use it than are listed.
    more: usize,
    search_url: String,
}

#[derive(Serialize)]
struct Glossary<'a> {
    terms: Vec<Term<'a>>,
}

/// The glossary page; `usage` is each term's (title, address) of the pages
/// that use it.
pub(super) fn page(cx: &EmitContext, usage: &BTreeMap<String, BTreeSet<(String, String)>>) -> PageOut {
    let site = cx.site;
    let md = PageMd::new(cx.renderer);
    let terms = site
        .glossary
        .iter()
        .map(|t| {
            // The list is capped so the page stays small at any archive size;
            // the rest are a search away.
            let all = usage.get(&t.term).map_or(0, BTreeSet::len);
            let used: Vec<Link> = usage
                .get(&t.term)
                .map(|s| {
                    s.iter()
                        .take(GLOSSARY_USES_SHOWN)
                        .map(|(title, url)| Link {
                            text: title.as_str().into(),
                            url: Some(url.as_str().into()),
                            exempt: None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            Term {
                term: &t.term,
                anchor: crate::render::markdown::slug(&t.term),
                meanings: &t.meanings,
                used,
                more: all.saturating_sub(GLOSSARY_USES_SHOWN),
                search_url: format!("{}?q={}", site.config.url("search/"), query_escape(&t.term)),
            }
        })
        .collect();
    let url = site.config.url("glossary/");
    let f = frame(
        "Glossary of acronyms",
        &url,
        "Acronyms used in committee papers and what they mean".into(),
        Crumbs::home(site).done(),
        "glossary",
    );
    finish_page(cx, "glossary.html", &Glossary { terms }, f, md)
}
