//! The published corpus: everything this build may legitimately show —
//! the published documents' texts (as the published-document index holds
//! them), every source file that is not wholly unpublished (site.yaml,
//! committees, people, glossary, public documents), the titles that may be
//! listed (an exempt report's title is shown with its paragraph), and the
//! theme's templates and static files.
//!
//! A canary found here is no evidence of a leak (the same sentence is in a
//! public paper, or it is a title the agenda shows), so it is dropped before
//! the output is searched. That is what keeps the audit free of false
//! alarms: what is left occurs only in unpublished text.
//!
//! Words are held to a narrower standard, because they are only looked for
//! in the search dictionary and postings, which are built from the
//! published documents alone: a word is dropped when a published document
//! (or a listed title) uses it, or when it is the search stem of a word that
//! one uses.

use std::collections::HashSet;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::secrets::Secrets;
use super::text::Stream;
use crate::diagnostics::Sources;
use crate::emit::search::tokenize::{Token, is_stop, stem, tokenize};
use crate::render::published::{Doc, Published};
use crate::render::templates::{DEFAULT_STATIC, DEFAULT_TEMPLATES, theme_files};
use crate::resolve::Site;

/// One piece of the published corpus.
enum Piece<'a> {
    Doc(&'a Doc),
    Text(&'a str),
    Markup(&'a str),
}

impl Piece<'_> {
    fn words(&self) -> Stream {
        let mut s = Stream::default();
        match self {
            Piece::Doc(d) => {
                s.text(&d.title);
                s.boundary();
                for h in &d.headings {
                    s.text(&h.text);
                    s.boundary();
                }
                s.text(&d.text);
            }
            Piece::Text(t) => s.text(t),
            Piece::Markup(t) => s.markup(t, false),
        }
        s
    }
}

/// The theme's own templates and static files (overriding the built-in
/// ones), as (text, is markup).
fn theme_texts(site: &Site) -> Vec<(String, bool)> {
    let dir = site.config.root.join("themes").join(&site.config.theme);
    let mut out = Vec::new();
    for (sub, markup) in [("templates", true), ("static", false)] {
        for (_, path) in theme_files(&dir.join(sub)) {
            if let Ok(t) = std::fs::read_to_string(&path) {
                out.push((t, markup));
            }
        }
    }
    out
}

/// Drop every canary that the published corpus also contains.
pub fn drop_published(secrets: &mut Secrets, site: &Site, published: &Published, sources: &Sources) {
    let theme = theme_texts(site);
    let titles: Vec<&str> = site
        .registry
        .entities
        .values()
        .filter(|e| e.publish.is_listed())
        .map(|e| e.title.as_str())
        .collect();
    let mut pieces: Vec<Piece> = published.docs.iter().map(Piece::Doc).collect();
    pieces.extend(
        sources
            .iter()
            .filter(|(f, _)| !secrets.secret_files.contains(*f))
            .map(|(_, t)| Piece::Text(t)),
    );
    pieces.extend(titles.iter().map(|t| Piece::Text(t)));
    pieces.extend(DEFAULT_TEMPLATES.iter().map(|(_, t)| Piece::Markup(t)));
    pieces.extend(
        DEFAULT_STATIC
            .iter()
            .filter_map(|(_, b)| std::str::from_utf8(b).ok())
            .map(Piece::Text),
    );
    pieces.extend(
        theme
            .iter()
            .map(|(t, m)| if *m { Piece::Markup(t) } else { Piece::Text(t) }),
    );

    if !secrets.passages.is_empty() {
        let patterns: Vec<String> = secrets.passages.keys().cloned().collect();
        if let Ok(ac) = AhoCorasick::new(&patterns) {
            let found: HashSet<usize> = pieces
                .par_iter()
                .flat_map_iter(|p| {
                    let s = p.words();
                    ac.find_overlapping_iter(&s.0)
                        .map(|m| m.pattern().as_usize())
                        .collect::<Vec<_>>()
                })
                .collect();
            for i in found {
                if let Some(p) = patterns.get(i) {
                    secrets.passages.remove(p);
                }
            }
        }
    }

    if !secrets.words.is_empty() {
        // Every word of the published documents as the search index splits it.
        let used: HashSet<(String, bool)> = published
            .docs
            .par_iter()
            .fold(HashSet::new, |mut set, d| {
                let mut tokens: Vec<Token> = Vec::new();
                let mut pos = tokenize(&d.title, 0, &mut tokens);
                for h in &d.headings {
                    pos = tokenize(&h.text, pos, &mut tokens);
                }
                tokenize(&d.text, pos, &mut tokens);
                set.extend(tokens.into_iter().map(|t| (t.text, t.compound)));
                set
            })
            .reduce(HashSet::new, |mut a, b| {
                a.extend(b);
                a
            });
        for (w, compound) in &used {
            secrets.words.remove(w);
            if !is_stop(w) {
                secrets.words.remove(&stem(w, *compound));
            }
        }
        for t in &titles {
            for w in Stream::default().tap_text(t).0.split_whitespace() {
                secrets.words.remove(w);
            }
        }
    }
}

impl Stream {
    fn tap_text(mut self, t: &str) -> Stream {
        self.text(t);
        self
    }
}
