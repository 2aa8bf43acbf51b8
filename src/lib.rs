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

/// The result of running the pipeline up to (not including) `write`.
pub struct Built {
    pub output: Option<emit::Output>,
    pub diagnostics: Diagnostics,
    pub sources: Sources,
    /// The path part of the site's base URL (`/papers`, or empty), once the
    /// configuration resolved: `serve` strips it from requests.
    pub base_path: Option<String>,
    /// How long each stage took, in order (`--verbose` prints them).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Load and resolve only: enough to say what is public on a day
/// (`check --publication`), without rendering anything.
pub fn resolve_only(root: &Path, opts: &BuildOptions) -> (Option<resolve::Site>, Built) {
    let (loaded, sources, mut diagnostics) = load::load(root);
    let (site, d) = resolve::resolve(&loaded, opts);
    diagnostics.extend(d);
    let base_path = site.as_ref().map(|s| s.config.base_path.clone());
    let built = Built {
        output: None,
        diagnostics,
        sources,
        base_path,
        timings: Vec::new(),
    };
    (site, built)
}

/// Load, resolve, render and emit the site at `root`. Stops before emitting
/// when an earlier stage found errors, so every error of the stage is reported.
pub fn build(root: &Path, opts: &BuildOptions) -> Built {
    let mut clock = Clock::start();
    let (loaded, sources, mut diagnostics) = load::load(root);
    clock.lap("load");
    let (site, d) = resolve::resolve(&loaded, opts);
    diagnostics.extend(d);
    clock.lap("resolve");
    let Some(site) = site else {
        return Built {
            output: None,
            diagnostics,
            sources,
            base_path: None,
            timings: Vec::new(),
        };
    };
    let privacy = resolve::privacy::Settings {
        allow: &site.config.privacy_allow,
        postcodes: site.config.privacy_postcodes,
    };
    diagnostics.extend(resolve::privacy::check(&loaded, &sources, &privacy));
    let templates = match render::templates::Templates::load(root, &site.config) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            return Built {
                output: None,
                diagnostics,
                sources,
                base_path: None,
                timings: Vec::new(),
            };
        }
    };
    if diagnostics.has_errors() {
        return Built {
            output: None,
            diagnostics,
            sources,
            base_path: None,
            timings: Vec::new(),
        };
    }
    let glossary = render::glossary::Glossary::new(&site.glossary, site.doc_glossaries.clone());
    let dataset_html = render::dataset_table::html_by_key(&site.datasets);
    let renderer = render::markdown::Renderer {
        registry: &site.registry,
        glossary: &glossary,
        datasets: &dataset_html,
    };
    clock.lap("privacy check and templates");
    let (published, d) = render::published::Published::build(&site, &renderer);
    diagnostics.extend(d);
    clock.lap("render documents");
    let cx = emit::EmitContext {
        site: &site,
        templates: &templates,
        renderer: &renderer,
        published: &published,
    };
    let (output, d, times) = emit::emit_timed(&cx);
    diagnostics.extend(d);
    clock.lap("emit");
    clock.laps.extend(times);
    // Nothing unpublished in any output file, whatever emitted it.
    diagnostics.extend(audit::audit(&site, &published, &sources, &output));
    clock.lap("publication audit");
    Built {
        output: Some(output),
        diagnostics,
        sources,
        base_path: Some(site.config.base_path.clone()),
        timings: clock.laps,
    }
}

/// Stage timings for `--verbose`.
struct Clock {
    laps: Vec<(&'static str, std::time::Duration)>,
    last: std::time::Instant,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            laps: Vec::new(),
            last: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}
