//! minutebook: committee papers in, an accessible static site out.
//!
//! One pipeline, one module per stage:
//! `load` (files → typed documents with spans) → `resolve` (ids, references,
//! backlinks, publishability, computed facts) → `render` (Markdown, templates)
//! → `emit` (pages, assets, later search, feeds, data) → `write` (atomic swap).

pub mod diagnostics;
pub mod emit;
pub mod init;
pub mod init_guide;
pub mod load;
pub mod render;
pub mod resolve;
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
            };
        }
    };
    if diagnostics.has_errors() {
        return Built {
            output: None,
            diagnostics,
            sources,
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
    Built {
        output: Some(output),
        diagnostics,
        sources,
    }
}
