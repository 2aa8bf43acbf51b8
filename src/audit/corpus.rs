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
//! (or a listed title) uses it. (The postings hold stems; a stem that the
//! output's own dictionary gives for a word is not evidence — see
//! [`super::Live::finish`].)

use std::collections::HashSet;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::secrets::Secrets;
use super::text::Stream;
use crate::diagnostics::Sources;
use crate::render::published::{Doc, Published};
use crate::render::templates::{DEFAULT_STATIC, DEFAULT_TEMPLATES, theme_files};
use crate::resolve::Site;

/// One piece of the published corpus.
enum Piece<'a> {
    Doc(&'a Doc),
    Title(&'a str),
    Text(&'a str),
    Markup(&'a str),
    /// A published source file, read (again, if its text is not held) when
    /// its words are wanted; only its front matter if `front_only` (its
    /// body is among the published documents).
    Source {
        sources: &'a Sources,
        file: &'a str,
        front_only: bool,
    },
}

impl Piece<'_> {
    fn words(&self) -> Stream {
        let mut s = Stream::default();
        match self {
            Piece::Doc(d) => {
                s.text(&d.title);
                s.boundary();
                for h in &d.headings() {
                    s.text(&h.text);
                    s.boundary();
                }
                s.text(&d.text.unpack());
            }
            Piece::Title(t) | Piece::Text(t) => s.text(t),
            Piece::Markup(t) => s.markup(t, false),
            Piece::Source {
                sources,
                file,
                front_only,
            } => {
                if let Some(t) = sources.read(file) {
                    s.text(if *front_only { front_matter(&t) } else { &t });
                }
            }
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

/// Markdown files whose body is in the published-document index (as the
/// text a page shows): only their front matter is read from the source.
fn covered_bodies(site: &Site) -> HashSet<&str> {
    let mut files: Vec<&str> = Vec::new();
    files.extend(
        site.papers
            .meetings
            .iter()
            .filter(|x| x.publish.is_public())
            .map(|x| x.file.as_str()),
    );
    files.extend(
        site.papers
            .minutes
            .iter()
            .filter(|x| x.publish.is_public())
            .map(|x| x.file.as_str()),
    );
    files.extend(
        site.papers
            .reports
            .iter()
            .filter(|x| x.publish.is_public())
            .map(|x| x.file.as_str()),
    );
    files.extend(
        site.papers
            .appendices
            .iter()
            .filter(|x| x.publish.is_public())
            .map(|x| x.file.as_str()),
    );
    files.extend(
        site.reviews
            .iter()
            .filter(|x| x.publish.is_public())
            .map(|x| &*x.body.file),
    );
    files.extend(
        site.plans
            .iter()
            .filter(|x| x.publish.is_public())
            .map(|x| &*x.intro.file),
    );
    files.extend(
        site.annual_reports
            .iter()
            .chain(&site.pages)
            .filter(|x| x.publish.is_public())
            .map(|x| x.file.as_str()),
    );
    files.into_iter().filter(|f| f.ends_with(".md")).collect()
}

/// The front matter of a Markdown file (empty when it has none).
fn front_matter(text: &str) -> &str {
    if !text.starts_with("---") {
        return "";
    }
    text[3..].find("\n---").map_or(text, |e| &text[..e + 3])
}

/// Drop every canary that the published documents also contain (the
/// second half of the published corpus, once they are rendered).
pub fn drop_in_published(secrets: &mut Secrets, published: &Published) {
    drop_found(secrets, published.docs.iter().map(Piece::Doc).collect());
}

/// Drop every canary that the rest of the published corpus contains:
/// listed titles, published source files (the front matter alone of those
/// whose body the published documents hold), the templates and the theme.
pub fn drop_in_sources(secrets: &mut Secrets, site: &Site, sources: &Sources) {
    let theme = theme_texts(site);
    let titles: Vec<&str> = site
        .registry
        .entities
        .values()
        .filter(|e| e.publish.is_listed())
        .map(|e| &*e.title)
        .collect();
    let covered = covered_bodies(site);
    let mut pieces: Vec<Piece> = titles.iter().map(|t| Piece::Title(t)).collect();
    pieces.extend(
        sources
            .files()
            .into_iter()
            .filter(|f| !secrets.secret_files.contains(*f))
            .map(|f| Piece::Source {
                sources,
                file: f,
                front_only: covered.contains(f.as_str()),
            }),
    );
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
    drop_found(secrets, pieces);
}

/// Drop every canary that `pieces` contain.
fn drop_found(secrets: &mut Secrets, pieces: Vec<Piece>) {
    let patterns: Vec<String> = secrets.passages.keys().cloned().collect();
    let ac = if patterns.is_empty() {
        None
    } else {
        AhoCorasick::new(&patterns).ok()
    };
    let want_words = !secrets.words.is_empty();
    // One pass: passages found in the corpus, and the words (of three or
    // more characters) that published documents and listed titles use.
    let (found, used) = pieces
        .par_iter()
        .map(|p| {
            let s = p.words();
            let found: Vec<usize> = ac
                .iter()
                .flat_map(|ac| ac.find_overlapping_iter(&s.0).map(|m| m.pattern().as_usize()))
                .collect();
            let mut used = HashSet::new();
            if want_words && matches!(p, Piece::Doc(_) | Piece::Title(_)) {
                used.extend(
                    // (Split at spaces alone: a piece boundary is a word `\n`, which no word matches.)
                    s.0.split(' ')
                        .filter(|w| secrets.word_filter.may_hold(w) && secrets.words.contains_key(*w))
                        .map(str::to_string),
                );
            }
            (found, used)
        })
        .reduce(
            || (Vec::new(), HashSet::new()),
            |mut a, b| {
                a.0.extend(b.0);
                a.1.extend(b.1);
                a
            },
        );
    for i in found {
        if let Some(p) = patterns.get(i) {
            secrets.passages.remove(p);
        }
    }
    // A word is evidence only if no published document uses it.
    for w in &used {
        secrets.words.remove(w);
    }
}
