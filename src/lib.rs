//! minutebook: committee papers in, an accessible static site out.
//!
//! One pipeline, one module per stage:
//! `load` (files → typed documents with spans) → `resolve` (ids, references,
//! backlinks, publishability, computed facts) → `render` (Markdown, templates)
//! → `emit` (pages, search, feeds, calendars, data, sitemap, assets) → `audit`
//! (nothing unpublished in any output) → `write` (atomic swap).
//! `serve` keeps the output of [`build`] in memory instead, for a live preview.

pub mod audit;
pub mod diagnostics;
pub mod emit;
pub mod heap;
pub mod init;
pub mod init_guide;
pub mod load;
pub mod publication;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod suggest;
pub mod write;

use std::path::Path;

use diagnostics::{Diagnostics, Sources};
use resolve::config::BuildOptions;

/// The result of running the pipeline.
pub struct Built {
    /// The output set, for a build kept in memory ([`build`]).
    pub output: Option<emit::Files>,
    /// What was stored, once every stage ran (`None` if one stopped the build).
    pub written: Option<emit::Written>,
    pub diagnostics: Diagnostics,
    pub sources: Sources,
    /// The path part of the site's base URL (`/papers`, or empty), once the
    /// configuration resolved: `serve` strips it from requests.
    pub base_path: Option<String>,
    /// How long each stage took, in order (`--verbose` prints them).
    pub timings: Vec<Lap>,
    /// How many source documents were loaded.
    pub documents: usize,
}

impl Built {
    fn stopped(diagnostics: Diagnostics, sources: Sources) -> Self {
        let documents = sources.len();
        Built {
            output: None,
            written: None,
            diagnostics,
            sources,
            base_path: None,
            timings: Vec::new(),
            documents,
        }
    }
}

/// Load and resolve only: enough to say what is public on a day
/// (`check --publication`), without rendering anything.
pub fn resolve_only(root: &Path, opts: &BuildOptions) -> (Option<resolve::Site>, Built) {
    let (loaded, sources, mut diagnostics) = load::load_lean(root);
    let (site, d) = resolve::resolve_owned(loaded, opts);
    diagnostics.extend(d);
    let mut built = Built::stopped(diagnostics, sources);
    built.base_path = site.as_ref().map(|s| s.config.base_path.clone());
    (site, built)
}

/// Load, resolve, render and emit the site at `root`, keeping the output in
/// memory (`serve`, tests). See [`build_to`].
pub fn build(root: &Path, opts: &BuildOptions) -> Built {
    build_keeping(root, opts, None)
}

/// [`build`], reusing what `kept` holds from earlier builds of the same site
/// and keeping this build's work in it for the next (`serve`). The output is
/// the same as without it.
pub fn build_keeping(root: &Path, opts: &BuildOptions, kept: Option<&Kept>) -> Built {
    let memory = emit::Memory::default();
    let mut built = run(root, opts, &memory, &Quiet, kept, None);
    if built.written.is_some() {
        built.output = Some(memory.into_files());
    }
    built
}

/// What one build leaves for the next build of the same site, so that a
/// rebuild after a small change redoes little (`serve`).
#[derive(Default)]
pub struct Kept {
    /// Files as parsed, by the fingerprint of their bytes.
    pub load: load::Cache,
    /// What the personal-data check found in each file.
    pub privacy: resolve::privacy::Kept,
    /// Rendered Markdown fragments and their plain text.
    pub render: render::memo::Memo,
    /// Rendered pages, by the fingerprint of their templates and context.
    pub pages: emit::PageMemo,
    /// The search index's runs, by the fingerprint of their documents.
    pub search: emit::search::index::Memo,
    /// What the last build that ran to its end made.
    pub made: std::sync::Mutex<Option<Made>>,
}

/// The resolved site and what rendering it made, kept whole after a build
/// (`serve`), so that a change to one document's body can be applied to it.
pub struct Made {
    pub site: resolve::Site,
    pub published: render::published::Published,
    pub templates: render::templates::Templates,
    pub glossary: render::glossary::Glossary,
    /// Data set tables' HTML, as the renderer reads them.
    pub datasets: std::collections::BTreeMap<String, String>,
    /// What the emitters that gather the whole site (phase
    /// [`emit::Phase::Rest`]) warned about.
    pub rest_diagnostics: Vec<diagnostics::Diagnostic>,
    /// The day it was for the site when it was built.
    pub today: load::primitives::Date,
}

/// What a build tells its progress display. Every method does nothing by default.
pub trait Progress: Sync {
    /// A stage starts: `load`, `resolve`, `render`, `write`.
    fn stage(&self, _name: &'static str) {}
    /// The current stage finished `items` things (files read, documents
    /// resolved or rendered, files written).
    fn done(&self, _items: usize) {}
    /// One more file stored.
    fn file(&self) {}
}

/// No progress display.
pub struct Quiet;

impl Progress for Quiet {}

/// Load, resolve, render and emit the site at `root`, storing every output
/// file in `store` as it is made; the publication audit checks each file on
/// its way. Stops before emitting when an earlier stage found errors, so
/// every error of the stage is reported. Whether what was stored may be used
/// is for the caller to decide from the diagnostics (`--strict`).
pub fn build_to(root: &Path, opts: &BuildOptions, store: &dyn emit::Store, progress: &dyn Progress) -> Built {
    run(root, opts, store, progress, None, None)
}

/// The build `serve` runs: [`build_to`] with what `kept` holds from the last
/// build (and keeping this one's work there), and `pages_ready` called once every page is in `store` (phase
/// [`emit::Phase::Pages`]) if nothing so far is an error, before the outputs
/// that gather the whole site (search, packs, feeds, data) are made.
pub fn build_serving(
    root: &Path,
    opts: &BuildOptions,
    store: &dyn emit::Store,
    kept: Option<&Kept>,
    pages_ready: &dyn Fn(),
) -> Built {
    run(root, opts, store, &Quiet, kept, Some(pages_ready))
}

fn run(
    root: &Path,
    opts: &BuildOptions,
    store: &dyn emit::Store,
    progress: &dyn Progress,
    kept: Option<&Kept>,
    pages_ready: Option<&dyn Fn()>,
) -> Built {
    let mut clock = Clock::start();
    progress.stage("load");
    // `serve` holds every text for its quick rebuilds; `build` and `check`
    // hold none, and read a file again where a later stage needs it.
    let (loaded, sources, mut diagnostics) = match kept {
        Some(k) => load::load_cached(root, Some(&k.load)),
        // The personal-data check reads each file as it is loaded.
        None => load::load_lean_checking(root, &resolve::privacy::text_check),
    };
    progress.done(sources.len());
    // The parsers' scratch memory, freed on rayon's threads.
    heap::trim();
    clock.lap("load");
    // Personal data in the files, before resolve: what it needs of the
    // loaded site is little, and resolve's peak is the loaded and the
    // resolved site together.
    if let Some(site_file) = &loaded.site {
        let allow = resolve::config::privacy_allow(&site_file.data);
        let privacy = resolve::privacy::Settings {
            allow: &allow,
            postcodes: site_file.data.privacy.postcodes,
        };
        match kept {
            Some(k) => diagnostics.extend(resolve::privacy::check_kept(
                &loaded,
                &sources,
                &privacy,
                Some(&k.privacy),
            )),
            // The files were checked as they were loaded.
            None => diagnostics.extend(resolve::privacy::check_attachments(&loaded, &privacy)),
        }
        heap::trim();
    }
    clock.lap("privacy check");
    progress.stage("resolve");
    // What was loaded is let go of as it is resolved; the source texts
    // stay for diagnostics.
    let (site, d) = resolve::resolve_owned(loaded, opts);
    diagnostics.extend(d);
    heap::trim();
    clock.lap("resolve");
    let Some(site) = site else {
        return Built::stopped(diagnostics, sources);
    };
    let templates = match render::templates::Templates::load(root, &site.config) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            return Built::stopped(diagnostics, sources);
        }
    };
    if diagnostics.has_errors() {
        return Built::stopped(diagnostics, sources);
    }
    // Nothing unpublished in any output file, whatever emitted it: each file
    // is checked as it is stored. What to look for comes from the source
    // texts, gathered now.
    let audit = audit::Live::prepare(&site, &sources);
    let inputs = render::markdown::Inputs::of(&site);
    let renderer = inputs.renderer(&site, kept.map(|k| &k.render));
    if let Some(memo) = renderer.memo {
        memo.begin(&inputs.glossary, &inputs.datasets);
    }
    clock.lap("templates");
    progress.done(site.registry.entities.len());
    progress.stage("render");
    // `build` and `check` keep the rendered text in a temporary file.
    let spill = if kept.is_none() {
        render::packed::Spill::new()
    } else {
        None
    };
    let (published, d) = render::published::Published::build_spilling(&site, &renderer, &sources, spill.as_ref());
    progress.done(published.docs.len());
    diagnostics.extend(d);
    // The renderers' scratch memory (the rendered text is in `spill`).
    heap::trim();
    clock.lap("render documents");
    let audit = audit.finish(&published);
    let cx = emit::EmitContext {
        site: &site,
        templates: &templates,
        renderer: &renderer,
        published: &published,
        pages: kept.map(|k| &k.pages),
        search: kept.map(|k| &k.search),
    };
    if let Some(pages) = cx.pages {
        pages.begin();
    }
    clock.lap("publication audit (prepare)");
    progress.stage("write");
    let tick = || progress.file();
    let mut out = emit::Output::new(store, Some(&audit)).on_file(&tick);
    let (d, mut times) = emit::emit_phase(&cx, &mut out, emit::Phase::Pages);
    diagnostics.extend(d);
    if let Some(ready) = pages_ready
        && !diagnostics.has_errors()
        && audit.clean_so_far()
        && sources.changed().is_empty()
    {
        ready();
    }
    let (rest_diagnostics, rest) = emit::emit_phase(&cx, &mut out, emit::Phase::Rest);
    times.extend(rest);
    diagnostics.extend(rest_diagnostics.iter().cloned());
    clock.lap("emit and store");
    clock
        .laps
        .extend(times.into_iter().map(|(name, took)| (name, took, None)));
    if let Some(pages) = cx.pages {
        let paths = out.paths();
        pages.keep_only(&paths.iter().map(String::as_str).collect());
    }
    let (written, d) = out.finish();
    progress.done(written.files);
    diagnostics.extend(d);
    diagnostics.extend(audit::diagnostics(&audit.finish()));
    diagnostics.extend(sources.changed());
    diagnostics.extend(spill.and_then(|s| s.failure()));
    clock.lap("publication audit");
    if let Some(memo) = renderer.memo {
        memo.sweep();
    }
    let base_path = site.config.base_path.clone();
    if let Some(k) = kept {
        let today = load::primitives::Date::today_in_zone(&site.config.timezone).unwrap_or(site.config.as_of);
        let good = !diagnostics.has_errors();
        *k.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = good.then_some(Made {
            site,
            published,
            templates,
            glossary: inputs.glossary,
            datasets: inputs.datasets,
            rest_diagnostics,
            today,
        });
    }
    let documents = sources.len();
    Built {
        output: None,
        written: Some(written),
        diagnostics,
        sources,
        base_path: Some(base_path),
        timings: clock.laps,
        documents,
    }
}

/// Stage timings for `--verbose`, with the peak memory after each stage
/// where the system says it (`/proc/self/status` on Linux).
struct Clock {
    laps: Vec<Lap>,
    last: std::time::Instant,
}

/// One stage (or emitter): its name, how long it took, and the process's
/// peak resident memory in bytes once it ended, if known.
pub type Lap = (&'static str, std::time::Duration, Option<u64>);

impl Clock {
    fn start() -> Clock {
        Clock {
            laps: Vec::new(),
            last: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last, peak_memory()));
        self.last = now;
    }
}

/// The process's peak resident memory so far (`VmHWM`), where the system says it.
pub fn peak_memory() -> Option<u64> {
    heap::status_bytes("VmHWM")
}
