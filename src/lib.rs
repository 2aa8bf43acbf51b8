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
    };
    (site, built)
}

/// Load, resolve, render and emit the site at `root`. Stops before emitting
/// when an earlier stage found errors, so every error of the stage is reported.
pub fn build(root: &Path, opts: &BuildOptions) -> Built {
    let (loaded, sources, mut diagnostics) = load::load(root);
    let (site, d) = resolve::resolve(&loaded, opts);
    diagnostics.extend(d);
    let Some(site) = site else {
        return Built {
            output: None,
            diagnostics,
            sources,
            base_path: None,
        };
    };
    diagnostics.extend(resolve::privacy::check(&loaded, &sources, &site.config.privacy_allow));
    let templates = match render::templates::Templates::load(root, &site.config) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            return Built {
                output: None,
                diagnostics,
                sources,
                base_path: None,
            };
        }
    };
    if diagnostics.has_errors() {
        return Built {
            output: None,
            diagnostics,
            sources,
            base_path: None,
        };
    }
    let glossary = render::glossary::Glossary::new(&site.glossary, site.doc_glossaries.clone());
    let renderer = render::markdown::Renderer {
        registry: &site.registry,
        glossary: &glossary,
        datasets: &site.datasets,
    };
    let (published, d) = render::published::Published::build(&site, &renderer);
    diagnostics.extend(d);
    let cx = emit::EmitContext {
        site: &site,
        templates: &templates,
        renderer: &renderer,
        published: &published,
    };
    let (output, d) = emit::emit_all(&cx);
    diagnostics.extend(d);
    // Nothing unpublished in any output file, whatever emitted it.
    diagnostics.extend(audit::audit(&site, &published, &sources, &output));
    Built {
        output: Some(output),
        diagnostics,
        sources,
        base_path: Some(site.config.base_path.clone()),
    }
}
