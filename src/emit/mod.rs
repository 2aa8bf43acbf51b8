//! Emit: each output is an [`Emitter`] over the resolved site that returns
//! files (`path → bytes`) and asks publishability for everything it shows.
//! Nothing here touches the disk; `write` does that.

pub mod accessibility;
pub mod assets;
pub mod calendar;
pub mod contexts;
pub mod data;
pub mod data_tables;
pub mod feeds;
pub mod frame;
pub mod local_time;
pub mod pack;
pub mod pages;
pub mod paging;
pub mod popolo;
pub mod search;
pub mod sitemap;
pub mod structured;
pub mod tracker_pages;

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::render::markdown::Renderer;
use crate::render::published::Published;
use crate::render::templates::Templates;
use crate::resolve::Site;

/// The whole output: site-relative path (`meetings/x/index.html`) → bytes.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// What every emitter gets.
pub struct EmitContext<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    /// Renders the Markdown of listings (the decisions register): documents'
    /// own Markdown is rendered once, in `published`.
    pub renderer: &'a Renderer<'a>,
    /// Every published document, rendered once.
    pub published: &'a Published,
}

/// One kind of output (pages, static assets, sitemap, feeds, calendars, data).
pub trait Emitter: Sync {
    fn name(&self) -> &'static str;
    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic>;
}

/// The emitters of a build, in order.
pub fn emitters() -> Vec<Box<dyn Emitter>> {
    // The sitemap comes last: it lists the pages the others wrote.
    vec![
        Box::new(pages::Pages),
        Box::new(search::Search),
        Box::new(accessibility::Accessibility),
        Box::new(pack::Pack),
        Box::new(assets::Assets),
        Box::new(feeds::Feeds),
        Box::new(calendar::Calendars),
        Box::new(data::Data),
        Box::new(sitemap::Sitemap),
    ]
}

/// Run every emitter over the site.
pub fn emit_all(cx: &EmitContext) -> (Output, Vec<Diagnostic>) {
    let (out, diags, _) = emit_timed(cx);
    (out, diags)
}

/// Run every emitter over the site, timing each.
pub fn emit_timed(cx: &EmitContext) -> (Output, Vec<Diagnostic>, Vec<(&'static str, std::time::Duration)>) {
    let mut out = Output::default();
    let mut diags = Vec::new();
    let mut times = Vec::new();
    for e in emitters() {
        let started = std::time::Instant::now();
        diags.extend(e.emit(cx, &mut out));
        times.push((e.name(), started.elapsed()));
    }
    (out, diags, times)
}

/// A path for a page URL: `/papers/meetings/x/` → `meetings/x/index.html`.
pub fn page_path(site: &Site, url: &str) -> String {
    let rel = url
        .strip_prefix(&site.config.base_path)
        .unwrap_or(url)
        .trim_start_matches('/');
    let rel = rel.split('#').next().unwrap_or(rel);
    if rel.is_empty() {
        "index.html".into()
    } else if rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// The absolute address of a site-relative URL (`/papers/x/` → `https://…/papers/x/`).
pub fn absolute_url(site: &Site, url: &str) -> String {
    let rel = url.strip_prefix(&site.config.base_path).unwrap_or(url);
    format!("{}{rel}", site.config.base_url)
}

/// Decisions whose minutes are public, newest first: the rows of the
/// decisions register, its feed and its data file.
pub fn public_decisions(site: &Site) -> Vec<&crate::resolve::model::Decision> {
    use crate::resolve::entities::{Key, Kind};
    site.decisions
        .iter()
        .filter(|d| {
            let meeting = d.id.split('/').next().unwrap_or("");
            site.registry
                .get(&Key::new(Kind::Minutes, meeting))
                .is_some_and(|e| e.publish.is_public())
        })
        .collect()
}
