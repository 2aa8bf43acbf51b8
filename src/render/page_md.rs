//! Per-page Markdown rendering state: which glossary acronyms have had
//! their first use on the page, which heading ids are taken, and the
//! headings and warnings collected on the way. One `PageMd` renders every
//! Markdown fragment of one page (or one document of the published index),
//! in reading order.

use std::collections::BTreeSet;

use super::glossary::AbbrState;
use super::markdown::{Heading, Outline, Renderer};
use crate::resolve::model::Markdown;

/// Per-page rendering state: glossary first uses and heading ids.
pub struct PageMd<'a> {
    pub renderer: &'a Renderer<'a>,
    pub abbr: AbbrState,
    /// Heading ids the page's fragments took (besides [`TEMPLATE_IDS`],
    /// which every page has).
    pub ids: BTreeSet<String>,
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
    pub headings: Vec<Heading>,
    /// The HTML level of the author's top headings in the next fragment
    /// rendered (see [`PageMd::at`]); 2 unless set.
    pub base: u8,
    /// The stable id part of the next fragment's headings, if any.
    pub scope: Option<String>,
}

/// Ids the default theme's templates use; a heading in the text that would
/// take one of them gets a numbered id instead, so ids stay unique on a page.
pub const TEMPLATE_IDS: &[&str] = &[
    "actions",
    "actions-caption",
    "agenda",
    "appendices",
    "background",
    "by-status",
    "contents",
    "decisions-caption",
    "draft-banner",
    "footer-pages",
    "header-search",
    "latest",
    "main-content",
    "meetings",
    "membership",
    "other-years",
    "earlier-years",
    "pack-agenda",
    "pack-agenda-title",
    "pack-contents",
    "recommendations",
    "recs-made",
    "recs-updated",
    "referred-to-in",
    "related",
    "remit",
    "response",
    "search-filters",
    "search-filters-heading",
    "search-nojs",
    "search-pager",
    "search-q",
    "search-q-hint",
    "search-results",
    "search-results-heading",
    "search-status",
    "sort-newest",
    "sort-relevance",
    "status-banner",
    "summary",
    "timeline",
    "tracker-caption",
    "unscheduled",
    "upcoming",
    "updates",
];

impl<'a> PageMd<'a> {
    pub fn new(renderer: &'a Renderer<'a>) -> Self {
        Self {
            renderer,
            abbr: AbbrState::default(),
            ids: BTreeSet::new(),
            warnings: Vec::new(),
            headings: Vec::new(),
            base: 2,
            scope: None,
        }
    }

    /// Place the fragments rendered next in the page's outline: their top
    /// headings become `<h{base}>`, and their heading ids start with `scope`
    /// (a minute's or a question's anchor) when given.
    pub fn at(&mut self, base: u8, scope: Option<&str>) -> &mut Self {
        self.base = base.clamp(2, 6);
        self.scope = scope.map(str::to_string);
        self
    }

    /// Render Markdown to HTML, collecting headings and warnings.
    pub fn html(&mut self, md: &Markdown) -> String {
        let outline = Outline {
            base: self.base,
            scope: self.scope.as_deref(),
        };
        let r = self.renderer.render(md, outline, &mut self.abbr, &mut self.ids);
        self.warnings.extend(r.warnings);
        self.headings.extend(r.headings);
        r.html
    }

    /// Render a short Markdown text (a resolution, a question) without its `<p>` wrapper.
    pub fn inline(&mut self, md: &Markdown) -> String {
        let html = self.html(md);
        inline_of(&html)
    }
}

/// A short fragment's HTML without its `<p>` wrapper (a resolution, a
/// recommendation's text in a table cell).
pub fn inline_of(html: &str) -> String {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|r| r.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html.to_string(),
    }
}
