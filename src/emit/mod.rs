//! Emit: each output is an [`Emitter`] over the resolved site that adds
//! files (`path → bytes`) to an [`Output`] and asks publishability for
//! everything it shows. Files stream to a [`Store`] as they are made; nothing
//! here decides where: `write` provides the staging folder.

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

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::render::markdown::Renderer;
use crate::render::published::Published;
use crate::render::templates::Templates;
use crate::resolve::Site;

/// Where emitted files go, each as soon as it is produced: a staging folder
/// (`write`), memory (`serve`, tests) or nowhere (`check`). Emitters never
/// see which.
pub trait Store: Sync {
    /// Store `bytes` at the site-relative `path`.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// The same, given the bytes to keep (a store that holds files in
    /// memory keeps them without a copy).
    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.put(path, &bytes)
    }
    /// Store a copy of the file `from` at `path`, file to file.
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()>;
}

/// Something that looks at every file as it is stored (the publication audit).
pub trait Inspect: Sync {
    fn bytes(&self, path: &str, bytes: &[u8]);
    fn file(&self, path: &str, from: &Path);
}

/// An in-memory output set: site-relative path (`meetings/x/index.html`) → bytes.
#[derive(Debug, Default)]
pub struct Files {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Files {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// A [`Store`] that keeps everything in memory.
#[derive(Debug, Default)]
pub struct Memory(Mutex<Files>);

impl Memory {
    pub fn into_files(self) -> Files {
        self.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Store for Memory {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        lock(&self.0).add(path, bytes);
        Ok(())
    }

    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        lock(&self.0).add(path, bytes);
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(from)?;
        lock(&self.0).add(path, bytes);
        Ok(())
    }
}

/// A [`Store`] that keeps nothing (`check`).
#[derive(Debug, Default)]
pub struct Discard;

impl Store for Discard {
    fn put(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }

    fn copy(&self, _: &str, _: &Path) -> std::io::Result<()> {
        Ok(())
    }
}

/// Lock `m`, whether or not another thread panicked holding it: the data it
/// guards (lists of files, findings) stays meaningful.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What the emitters add files to. Each file goes to the [`Store`] (and past
/// the [`Inspect`]or) as it is added, from any thread; only its path and size
/// are kept. A path added twice is an error, never a silent overwrite.
pub struct Output<'a> {
    store: &'a dyn Store,
    inspect: Option<&'a dyn Inspect>,
    on_file: Option<&'a (dyn Fn() + Sync)>,
    emitter: &'static str,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Path → the emitter that wrote it.
    paths: BTreeMap<String, &'static str>,
    problems: Vec<Diagnostic>,
}

/// What was written: counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub pages: usize,
}

impl<'a> Output<'a> {
    pub fn new(store: &'a dyn Store, inspect: Option<&'a dyn Inspect>) -> Self {
        Self {
            store,
            inspect,
            on_file: None,
            emitter: "",
            state: Mutex::new(State::default()),
        }
    }

    /// Call `f` after each file is stored (a progress bar).
    pub fn on_file(mut self, f: &'a (dyn Fn() + Sync)) -> Self {
        self.on_file = Some(f);
        self
    }

    /// Claim `path` for the current emitter; false (and an error) if taken.
    fn claim(&self, path: &str) -> bool {
        let mut st = lock(&self.state);
        if let Some(first) = st.paths.get(path) {
            let message = format!(
                "two outputs write `{path}` ({first} and {}); the second would silently replace the first",
                self.emitter
            );
            let d = Diagnostic::error("site.yaml", 0, 0, message).with_help(
                "this is a fault in minutebook or in a theme's static files: rename the theme file, or report it",
            );
            st.problems.push(d);
            return false;
        }
        st.paths.insert(path.to_string(), self.emitter);
        true
    }

    fn failed(&self, path: &str, e: &std::io::Error) {
        let d = Diagnostic::error("site.yaml", 0, 0, format!("could not write `{path}` into the staging folder: {e}"))
            .with_help("nothing was written and the previous output is unchanged; check the disk space and permissions of the output folder's parent");
        lock(&self.state).problems.push(d);
    }

    /// Add a file made in memory.
    pub fn add(&self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let (path, bytes) = (path.into(), bytes.into());
        if !self.claim(&path) {
            return;
        }
        if let Some(i) = self.inspect {
            i.bytes(&path, &bytes);
        }
        if let Err(e) = self.store.put_owned(&path, bytes) {
            self.failed(&path, &e);
        }
        if let Some(f) = self.on_file {
            f();
        }
    }

    /// Add a copy of the file `from` (an attachment), file to file.
    pub fn copy(&self, path: impl Into<String>, from: &Path) {
        let path = path.into();
        if !self.claim(&path) {
            return;
        }
        if let Some(i) = self.inspect {
            i.file(&path, from);
        }
        if let Err(e) = self.store.copy(&path, from) {
            self.failed(&path, &e);
        }
        if let Some(f) = self.on_file {
            f();
        }
    }

    /// Name the emitter whose files come next (for the message about a path
    /// written twice).
    pub fn set_emitter(&mut self, name: &'static str) {
        self.emitter = name;
    }

    /// Paths an earlier build stored that are still part of the output
    /// (`serve`, emitting only what a change touched): the sitemap lists
    /// them, and no emitter may write them again.
    pub fn already(&self, paths: impl IntoIterator<Item = String>) {
        let mut st = lock(&self.state);
        for p in paths {
            st.paths.insert(p, "an earlier build");
        }
    }

    /// Every path added so far, sorted.
    pub fn paths(&self) -> Vec<String> {
        lock(&self.state).paths.keys().cloned().collect()
    }

    /// The counts of what was added, and the errors met adding it.
    pub fn finish(self) -> (Written, Vec<Diagnostic>) {
        let st = self
            .state
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let written = Written {
            files: st.paths.len(),
            pages: st.paths.keys().filter(|p| p.ends_with(".html")).count(),
        };
        (written, st.problems)
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
    /// Pages made by earlier builds (`serve`); `None` for a cold build.
    pub pages: Option<&'a PageMemo>,
    /// The search index's runs made by earlier builds (`serve`); `None`
    /// for a cold build.
    pub search: Option<&'a search::index::Memo>,
}

/// Pages kept from one build to the next (`serve`), by path, with the
/// fingerprint of what made them: the templates (and the site-wide values
/// they see) and the page's whole context. A page whose fingerprint is the
/// same is not rendered again; its bytes are the ones a render would make.
#[derive(Default)]
pub struct PageMemo {
    pages: Mutex<HashMap<String, KeptPage>>,
    reused: std::sync::atomic::AtomicUsize,
}

/// A page's fingerprint and its HTML.
type KeptPage = ((u64, u64), String);

impl PageMemo {
    fn get(&self, path: &str, print: (u64, u64)) -> Option<String> {
        let pages = lock(&self.pages);
        let (p, html) = pages.get(path)?;
        if *p != print {
            return None;
        }
        self.reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(html.clone())
    }

    fn keep(&self, path: &str, print: (u64, u64), html: &str) {
        lock(&self.pages).insert(path.to_string(), (print, html.to_string()));
    }

    /// Start a build: count reuses from zero.
    pub fn begin(&self) {
        self.reused.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    /// Forget pages the build just finished did not make.
    pub fn keep_only(&self, paths: &std::collections::HashSet<&str>) {
        lock(&self.pages).retain(|p, _| paths.contains(p.as_str()));
    }

    /// How many pages the current (or last) build reused.
    pub fn reused(&self) -> usize {
        self.reused.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// One kind of output (pages, static assets, sitemap, feeds, calendars, data).
pub trait Emitter: Sync {
    fn name(&self) -> &'static str;
    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic>;
}

/// The emitters of a build, in order.
/// The emitters run in two phases, so that `serve` can show changed pages
/// before the outputs made from the whole site are ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Each document's page, each meeting's agenda pack, the accessibility
    /// statement and static files.
    Pages,
    /// What gathers many documents: open data, search index, feeds and
    /// calendars, and the sitemap, which comes last because it lists what
    /// the others wrote. Open data comes first: its files are the largest
    /// single outputs at archive scale, and made first they do not add to
    /// the memory the search index leaves behind (`docs/performance.md`).
    Rest,
}

pub fn emitters_of(phase: Phase) -> Vec<Box<dyn Emitter>> {
    match phase {
        Phase::Pages => vec![
            Box::new(pages::Pages),
            Box::new(accessibility::Accessibility),
            Box::new(pack::Pack),
            Box::new(assets::Assets),
        ],
        Phase::Rest => vec![
            Box::new(data::Data),
            Box::new(search::Search),
            Box::new(feeds::Feeds),
            Box::new(calendar::Calendars),
            Box::new(sitemap::Sitemap),
        ],
    }
}

/// Run every emitter over the site, keeping the output in memory.
pub fn emit_all(cx: &EmitContext) -> (Files, Vec<Diagnostic>) {
    let memory = Memory::default();
    let mut out = Output::new(&memory, None);
    let (mut diags, _) = emit_timed(cx, &mut out);
    let (_, problems) = out.finish();
    diags.extend(problems);
    (memory.into_files(), diags)
}

/// Run every emitter over the site into `out`, timing each.
pub fn emit_timed(cx: &EmitContext, out: &mut Output) -> (Vec<Diagnostic>, Vec<(&'static str, std::time::Duration)>) {
    let (mut diags, mut times) = emit_phase(cx, out, Phase::Pages);
    let (d, t) = emit_phase(cx, out, Phase::Rest);
    diags.extend(d);
    times.extend(t);
    (diags, times)
}

/// Run one phase's emitters, timing each.
pub fn emit_phase(
    cx: &EmitContext,
    out: &mut Output,
    phase: Phase,
) -> (Vec<Diagnostic>, Vec<(&'static str, std::time::Duration)>) {
    let mut diags = Vec::new();
    let mut times = Vec::new();
    for e in emitters_of(phase) {
        let started = std::time::Instant::now();
        out.emitter = e.name();
        diags.extend(e.emit(cx, out));
        // Its pages and files are stored: the next emitter starts afresh.
        crate::heap::trim();
        times.push((e.name(), started.elapsed()));
    }
    (diags, times)
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
    site.papers
        .decisions
        .iter()
        .filter(|d| {
            let meeting = d.id.split('/').next().unwrap_or("");
            site.registry
                .get(&Key::new(Kind::Minutes, meeting))
                .is_some_and(|e| e.publish.is_public())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_written_twice_is_an_error_and_the_first_file_stays() {
        let memory = Memory::default();
        let mut out = Output::new(&memory, None);
        out.emitter = "pages";
        out.add("search/index.html", "first");
        out.emitter = "search";
        out.add("search/index.html", "second");
        out.add("search/meta.json", "{}");
        assert_eq!(out.paths(), ["search/index.html", "search/meta.json"]);
        let (written, problems) = out.finish();
        assert_eq!((written.files, written.pages), (2, 1));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].is_error());
        assert!(
            problems[0].message.contains("`search/index.html` (pages and search)"),
            "{}",
            problems[0].message
        );
        assert_eq!(memory.into_files().files["search/index.html"], b"first");
    }
}
