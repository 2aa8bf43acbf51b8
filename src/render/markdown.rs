//! Markdown → HTML: `[[kind:id]]` references become links (or plain text when
//! the target is withheld), the first use of each glossary acronym on a page
//! becomes `<abbr>`, fenced code is highlighted with CSS classes, headings get
//! ids for the contents list, and raw HTML is sanitised.
//!
//! Headings are placed in the page's outline ([`Outline`]): an author's
//! top-level heading (whatever its `#` count) becomes the level the template
//! leaves for the text at that point, and each deeper heading one level below
//! its parent, so the page never skips a level; an author's own skip (`#` then
//! `###`) is closed up and warned about at its line. Heading ids are slugs of
//! the heading text, prefixed by the fragment's stable scope (a minute, a
//! question) when it has one; a slug already taken on the page is qualified by
//! its parent heading's slug, and numbered (`-2`) only when even that is taken,
//! so adding a heading elsewhere on the page does not renumber it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Pos};
use crate::load::references::markdown_options;
use crate::resolve::entities::{Key, Registry, parse_ref};
use crate::resolve::model::Markdown;

use super::chart::escape;
use super::glossary::{AbbrState, Glossary};
use super::memo::{Fragment, Memo};
use crate::resolve::documents::dataset_key;

/// A heading of a rendered document, for its contents list.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub warnings: Vec<Diagnostic>,
}

/// Where a Markdown fragment sits in its page's outline.
#[derive(Debug, Clone, Copy)]
pub struct Outline<'s> {
    /// The HTML level (2–6) of the author's top-level headings: one below the
    /// template's heading above the fragment.
    pub base: u8,
    /// A stable id part for headings of this fragment (`minute-45`), when the
    /// page holds several fragments of the same kind.
    pub scope: Option<&'s str>,
}

impl Default for Outline<'_> {
    fn default() -> Self {
        Outline { base: 2, scope: None }
    }
}

fn level_of(n: usize) -> HeadingLevel {
    match n {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A heading id not yet used on the page: `{scope}-{slug}` (or `slug`
/// alone without a scope), else qualified by the parent heading's slug, else
/// numbered from 2.
fn unique_id(ids: &mut BTreeSet<String>, scope: Option<&str>, slug: &str, parent: Option<&str>) -> String {
    let scoped = |s: &str| match scope {
        Some(p) => format!("{p}-{s}"),
        None => s.to_string(),
    };
    // The theme's own ids are taken on every page.
    let mut take = |id: &String| !super::page_md::TEMPLATE_IDS.contains(&id.as_str()) && ids.insert(id.clone());
    let base = scoped(slug);
    if take(&base) {
        return base;
    }
    if let Some(p) = parent {
        let q = scoped(&format!("{p}-{slug}"));
        if take(&q) {
            return q;
        }
    }
    let mut n = 2;
    loop {
        let q = format!("{base}-{n}");
        if take(&q) {
            return q;
        }
        n += 1;
    }
}

/// Heading ids already used on a page.
type Ids = BTreeSet<String>;

/// Renders Markdown against the resolved site; shared by every page.
pub struct Renderer<'a> {
    pub registry: &'a Registry,
    pub glossary: &'a Glossary,
    /// Trusted HTML for data set fences, by `<owner content path>/<dataset>`.
    pub datasets: &'a BTreeMap<String, String>,
    /// Fragments rendered by earlier builds (`serve`); `None` for a cold build.
    pub memo: Option<&'a super::memo::Memo>,
}

/// What rendering a site's Markdown needs besides the site itself, made
/// once per build: the glossary, and each data set as an HTML table.
pub struct Inputs {
    pub glossary: Glossary,
    /// Trusted HTML for data set fences, by `<owner content path>/<dataset>`.
    pub datasets: BTreeMap<String, String>,
}

impl Inputs {
    pub fn of(site: &crate::resolve::Site) -> Inputs {
        Inputs {
            glossary: Glossary::new(&site.glossary, site.doc_glossaries.clone()),
            datasets: super::dataset_table::html_by_key(&site.datasets),
        }
    }

    /// A renderer of `site`'s Markdown with these inputs; `memo` for `serve`.
    pub fn renderer<'a>(&'a self, site: &'a crate::resolve::Site, memo: Option<&'a Memo>) -> Renderer<'a> {
        Renderer {
            registry: &site.registry,
            glossary: &self.glossary,
            datasets: &self.datasets,
            memo,
        }
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"]);
        b.add_tag_attributes("abbr", ["title"]);
        b.add_tag_attributes("th", ["scope"]);
        b.add_tags(["figure", "figcaption", "section"]);
        b.link_rel(None);
        b
    })
}

/// A URL-safe anchor from heading text.
pub fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "section".into() } else { s }
}

/// Is `ev` something pulldown-cmark would write that ammonia might change?
fn risky(ev: &Event) -> bool {
    match ev {
        Event::Html(_)
        | Event::InlineHtml(_)
        | Event::TaskListMarker(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_) => true,
        Event::Start(Tag::Image { .. }) => true,
        Event::Start(Tag::Link {
            link_type, dest_url, ..
        }) => !matches!(link_type, LinkType::WikiLink { .. }) && !safe_url(dest_url),
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    }
}

/// A link ammonia keeps as it is: relative, or to http, https, mailto or tel.
fn safe_url(url: &str) -> bool {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => {
            let scheme = url[..c].to_ascii_lowercase();
            ["http", "https", "mailto", "tel"].contains(&scheme.as_str())
        }
    }
}

fn dangerous(html: &str) -> Option<&'static str> {
    let lower = html.to_lowercase();
    if lower.contains("<script") {
        return Some("a <script> element");
    }
    if lower.contains("javascript:") {
        return Some("a javascript: URL");
    }
    // An attribute `on…=` after whitespace or `/` inside a tag.
    for (i, _) in lower.match_indices("on") {
        let before = lower[..i].chars().next_back();
        if !before.is_some_and(|c| c.is_whitespace() || c == '/') {
            continue;
        }
        let rest = &lower[i + 2..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        if name_len > 0 && rest[name_len..].trim_start().starts_with('=') {
            return Some("an event-handler attribute");
        }
    }
    None
}

impl Renderer<'_> {
    /// Render one Markdown fragment placed at `outline`; `abbr` carries
    /// first-use state across the fragments of one page, `ids` the heading
    /// ids already used on it.
    pub fn render(
        &self,
        md: &Markdown,
        outline: Outline,
        abbr: &mut AbbrState,
        ids: &mut BTreeSet<String>,
    ) -> Rendered {
        if md.text.trim().is_empty() {
            return Rendered::default();
        }
        let Some(memo) = self.memo else {
            return self.render_now(md, outline, abbr, ids, &mut Vec::new());
        };
        let key = Memo::fragment_key(md, outline, &abbr.used, ids);
        // Kept, and every page it links to still linked the same way.
        let links_same = |f: &Fragment| {
            f.links
                .iter()
                .all(|(k, print)| Memo::link_print(self.registry, k) == *print)
        };
        if let Some(kept) = memo.fragment(key, links_same) {
            abbr.used.extend(kept.abbr_added);
            ids.extend(kept.ids_added);
            return kept.rendered;
        }
        let (abbr_before, ids_before) = (abbr.used.clone(), ids.clone());
        let mut links = Vec::new();
        let rendered = self.render_now(md, outline, abbr, ids, &mut links);
        let fragment = Fragment {
            rendered: rendered.clone(),
            abbr_added: abbr.used.difference(&abbr_before).cloned().collect(),
            ids_added: ids.difference(&ids_before).cloned().collect(),
            links: links
                .into_iter()
                .map(|k| {
                    let print = Memo::link_print(self.registry, &k);
                    (k, print)
                })
                .collect(),
        };
        memo.keep_fragment(key, fragment);
        rendered
    }

    /// [`Renderer::render`] without the memo.
    /// Render `md`; each page it links to (`[[kind:id]]`, the one thing
    /// rendering looks up in the registry) is added to `links`.
    fn render_now(
        &self,
        md: &Markdown,
        outline: Outline,
        abbr: &mut AbbrState,
        ids: &mut Ids,
        links: &mut Vec<Key>,
    ) -> Rendered {
        let mut out = Rendered::default();
        let start = Pos::new(md.line.max(1), 1);
        let mut events: Vec<Event> = Vec::new();
        let mut iter = Parser::new_ext(&md.text, markdown_options())
            .into_offset_iter()
            .peekable();
        let mut in_code: Option<String> = None;
        let mut code = String::new();
        let mut link_depth = 0usize;
        let mut trusted: Vec<String> = Vec::new();
        let mut last_heading: Option<String> = None;
        // Open headings: (the author's level, the slug of its text).
        let mut open: Vec<(usize, String)> = Vec::new();
        // Whether the author wrote anything ammonia must look at: raw HTML,
        // a link to a scheme that is not plainly safe, heading attributes,
        // table alignment (a style attribute) or an image. Most reports have
        // none, and their HTML, written by pulldown-cmark from text it
        // escaped, is published as it is.
        let mut needs_sanitizer = false;
        while let Some((ev, range)) = iter.next() {
            needs_sanitizer = needs_sanitizer || risky(&ev);
            match ev {
                // A table scrolls sideways on a narrow screen inside a region that keyboard
                // users can focus (WCAG 1.4.10, 2.1.1), named after the heading above it.
                Event::Start(Tag::Table(_)) => {
                    let name = last_heading
                        .as_deref()
                        .map_or_else(|| "Table".to_string(), |h| format!("Table: {h}"));
                    trusted.push(format!(
                        "<div class=\"mb-table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
                        escape(&name)
                    ));
                    events.push(Event::Html(CowStr::from(format!(
                        "\u{e000}{}\u{e000}",
                        trusted.len() - 1
                    ))));
                    events.push(ev);
                }
                Event::End(TagEnd::Table) => {
                    events.push(ev);
                    trusted.push("</div>".to_string());
                    events.push(Event::Html(CowStr::from(format!(
                        "\u{e000}{}\u{e000}",
                        trusted.len() - 1
                    ))));
                }
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole },
                    dest_url,
                    ..
                }) => {
                    let mut text = String::new();
                    for (e, _) in iter.by_ref() {
                        match e {
                            Event::End(TagEnd::Link) => break,
                            Event::Text(t) | Event::Code(t) => text.push_str(&t),
                            _ => {}
                        }
                    }
                    let link = match parse_ref(&dest_url, None) {
                        Ok((key, _)) => {
                            let link = self.registry.link(&key, has_pothole.then_some(text.as_str()));
                            links.push(key);
                            link
                        }
                        Err(_) => crate::resolve::entities::Link::plain(text),
                    };
                    match link.url {
                        Some(url) => {
                            events.push(Event::Html(CowStr::from(format!("<a href=\"{}\">", escape(&url)))));
                            events.push(Event::Text(CowStr::from(link.text.to_string())));
                            events.push(Event::Html(CowStr::from("</a>")));
                        }
                        None => events.push(Event::Text(CowStr::from(link.text.to_string()))),
                    }
                }
                Event::Start(Tag::Link { .. }) => {
                    link_depth += 1;
                    events.push(ev);
                }
                Event::End(TagEnd::Link) => {
                    link_depth = link_depth.saturating_sub(1);
                    events.push(ev);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    in_code = Some(match kind {
                        CodeBlockKind::Fenced(lang) => lang.split_whitespace().next().unwrap_or("").to_string(),
                        CodeBlockKind::Indented => String::new(),
                    });
                    code.clear();
                }
                Event::End(TagEnd::CodeBlock) => {
                    let lang = in_code.take().unwrap_or_default();
                    if lang == "dataset" {
                        // Resolve has reported a fence naming a missing data set.
                        if let Some(html) = self.datasets.get(&dataset_key(&md.path, code.trim())) {
                            trusted.push(html.clone());
                            events.push(Event::Html(CowStr::from(format!(
                                "<p>\u{e000}{}\u{e000}</p>",
                                trusted.len() - 1
                            ))));
                        }
                    } else {
                        trusted.push(super::highlight::highlight(&code, &lang));
                        events.push(Event::Html(CowStr::from(format!(
                            "\u{e000}{}\u{e000}",
                            trusted.len() - 1
                        ))));
                    }
                }
                Event::Text(t) if in_code.is_some() => code.push_str(&t),
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let mut inner = Vec::new();
                    let mut text = String::new();
                    for (e, _) in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        if let Event::Text(t) | Event::Code(t) = &e {
                            text.push_str(t);
                        }
                        inner.push(e);
                    }
                    last_heading = Some(text.clone());
                    let author = level as usize;
                    while open.last().is_some_and(|(l, _)| *l >= author) {
                        open.pop();
                    }
                    if let Some((parent, _)) = open.last()
                        && author > parent + 1
                    {
                        out.warnings.push(
                            Diagnostic::warn_at(
                                &md.file,
                                Pos::of_offset(&md.text, range.start, start),
                                format!(
                                    "this heading skips a level: a level-{author} heading (`{}`) under a level-{parent} one",
                                    "#".repeat(author)
                                ),
                            )
                            .with_help(format!(
                                "use `{}` here, or add the missing heading above it; it is published one level below its parent",
                                "#".repeat(parent + 1)
                            )),
                        );
                    }
                    let depth = open.len();
                    let shown = level_of(usize::from(outline.base) + depth);
                    let parent = open.last().map(|(_, s)| s.as_str());
                    let own = slug(&text);
                    let hid = match &id {
                        // An id the author gave is kept as written.
                        Some(i) => unique_id(ids, None, i, None),
                        None => unique_id(ids, outline.scope, &own, parent),
                    };
                    if depth == 0 {
                        out.headings.push(Heading {
                            id: hid.clone(),
                            text: text.clone(),
                        });
                    }
                    open.push((author, own));
                    events.push(Event::Start(Tag::Heading {
                        level: shown,
                        id: Some(CowStr::from(hid)),
                        classes,
                        attrs,
                    }));
                    for e in inner {
                        match e {
                            Event::Text(t) => self.glossary.mark(&t, &md.path, abbr, &mut events),
                            e => events.push(e),
                        }
                    }
                    events.push(Event::End(TagEnd::Heading(shown)));
                }
                Event::Html(h) | Event::InlineHtml(h) => {
                    if let Some(what) = dangerous(&h) {
                        out.warnings.push(
                            Diagnostic::warn_at(&md.file, Pos::of_offset(&md.text, range.start, start), format!("raw HTML with {what} was removed"))
                                .with_help("scripts, event handlers and javascript: links are never published; remove them from the text"),
                        );
                    }
                    events.push(Event::Html(h));
                }
                Event::Text(t) if link_depth == 0 => self.glossary.mark(&t, &md.path, abbr, &mut events),
                e => events.push(e),
            }
        }
        let clean = write_html(events, needs_sanitizer, md.text.len() * 2);
        out.html = if trusted.is_empty() {
            clean
        } else {
            restore(&clean, &trusted)
        };
        // Kept until every output is written: without the slack a growing
        // string leaves, an archive's rendered text takes a third less memory.
        out.html.shrink_to_fit();
        out
    }
}

/// HTML for `events`, through the sanitiser only if `sanitize`; either way
/// in the form the sanitiser writes. Table column alignment is dropped (the
/// sanitiser would drop its `style` attributes; the theme aligns numbers).
fn write_html(events: Vec<Event>, sanitize: bool, capacity: usize) -> String {
    let events = events.into_iter().map(|e| match e {
        Event::Start(Tag::Table(aligns)) => {
            Event::Start(Tag::Table(vec![pulldown_cmark::Alignment::None; aligns.len()]))
        }
        e => e,
    });
    let mut html = String::with_capacity(capacity);
    if sanitize {
        pulldown_cmark::html::push_html(&mut html, events);
        return sanitizer().clean(&html).to_string();
    }
    // Void elements written as the sanitiser writes them (`<br>`, not `<br />`).
    let events = events.map(|e| match e {
        Event::HardBreak => Event::Html(CowStr::Borrowed("<br>\n")),
        Event::Rule => Event::Html(CowStr::Borrowed("<hr>\n")),
        e => e,
    });
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Put trusted fragments (highlighted code, data sets) back after sanitising.
fn restore(html: &str, trusted: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut parts = html.split('\u{e000}');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let mut is_index = true;
    for p in parts {
        if is_index {
            match p.parse::<usize>().ok().and_then(|i| trusted.get(i)) {
                Some(t) => out.push_str(t),
                None => out.push_str(p),
            }
        } else {
            out.push_str(p);
        }
        is_index = !is_index;
    }
    // A data set's figure alone in a paragraph is not wrapped in one. Most
    // documents have none: no copy of their whole HTML for nothing.
    if !out.contains("<figure") {
        return out;
    }
    out.replace("<p><figure", "<figure")
        .replace("</figure></p>", "</figure>")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is written without the sanitiser is what it would write.
    #[test]
    fn the_unsanitised_path_writes_what_the_sanitiser_would() {
        let inputs = [
            "| Measure | 2019/20 | Target |\n|:---|---:|:---:|\n| Staff | 628 | 625 |\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "# Title\n\nSome *text* with **bold**, `code` and a [link](https://example.org/a?b=1&c=2).\n",
            "- one\n- two\n\n1. first\n2. second\n\n> quoted \"text\" & more\n",
            "Line one  \nline two\n\n---\n\n~~struck~~ and smart 'quotes' -- dashes...\n",
            "Footnote[^1].\n\n[^1]: The note.\n",
        ];
        for md in inputs {
            let events = || {
                Parser::new_ext(md, markdown_options())
                    .filter(|e| !risky(e))
                    .collect::<Vec<_>>()
            };
            assert_eq!(write_html(events(), false, 0), write_html(events(), true, 0), "{md}");
        }
    }

    #[test]
    fn slugs_and_danger() {
        assert_eq!(slug("Key considerations & risks"), "key-considerations-risks");
        assert!(dangerous("<img src=x onerror=alert(1)>").is_some());
        assert!(dangerous("<a href=\"javascript:x\">").is_some());
        assert!(dangerous("<abbr title=\"x\">").is_none());
        assert!(dangerous("<svg/onload=alert(1)>").is_some());
        assert!(dangerous("<p\nonmouseover = x>").is_some());
        assert!(dangerous("<p>Common sense on balance</p>").is_none());
    }
}
