//! What `serve` is serving, and how a build replaces it.
//!
//! The state is one value behind an `Arc<RwLock<…>>`: the last good site (the
//! in-memory output of `minutebook::build`, path → bytes), the overlay of the
//! last failed build if the site has errors now, and a generation number. A
//! build is made without holding the lock, then swapped in under a short
//! write lock, so a request sees either the old site or the new one, whole.
//! The generation moves on only when what is served changed (other bytes or
//! other diagnostics); pages reload when it does.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use tokio::sync::watch;

use super::overlay;
use crate::diagnostics::{self, Diagnostic, Format, Sources};
use crate::resolve::config::BuildOptions;

/// A built site held in memory.
#[derive(Debug, PartialEq, Eq)]
pub struct Site {
    /// Site-relative path (`meetings/x/index.html`) → bytes.
    pub files: BTreeMap<String, Bytes>,
    /// The base URL's path (`/papers` or empty), stripped from requests.
    pub base_path: String,
}

/// What is being served now.
#[derive(Debug, Default, Clone)]
pub struct State {
    /// The last site that built without errors.
    pub site: Option<Arc<Site>>,
    /// The error overlay, when the latest build failed.
    pub overlay: Option<Arc<str>>,
    /// Moves on each time `site` or `overlay` changes.
    pub generation: u64,
    /// The diagnostics of the latest build, to tell whether they changed.
    diagnostics: Vec<Diagnostic>,
}

/// The state shared by the server's handlers and the builder.
pub struct Shared {
    state: RwLock<State>,
    /// Tells event streams the new generation.
    pub generation: watch::Sender<u64>,
}

impl Shared {
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            state: RwLock::new(State::default()),
            generation: watch::Sender::new(0),
        })
    }

    /// A snapshot of what is served now (cheap: two `Arc`s and a number).
    pub fn now(&self) -> State {
        let s = self.state.read().unwrap_or_else(PoisonError::into_inner);
        State {
            site: s.site.clone(),
            overlay: s.overlay.clone(),
            generation: s.generation,
            diagnostics: Vec::new(),
        }
    }
}

/// The result of one build, before it is swapped in.
pub struct Outcome {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    pub took: Duration,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Build the site at `root` in memory, exactly as `minutebook build` does. A
/// panic inside the pipeline (a bug) becomes an error, so the server lives on.
pub fn build(root: &Path, opts: &BuildOptions) -> Outcome {
    let start = Instant::now();
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::build(root, opts)));
    let took = start.elapsed();
    let built = match built {
        Ok(b) => b,
        Err(_) => {
            let d = Diagnostic::error(
                "site.yaml",
                0,
                0,
                "minutebook stopped with an internal error while building",
            )
            .with_help("this is a bug in minutebook: please report it with the file you changed last");
            return Outcome {
                site: None,
                diagnostics: vec![d],
                sources: Sources::new(root),
                took,
            };
        }
    };
    let diagnostics = built.diagnostics.into_sorted();
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let site = match (built.output, failed) {
        (Some(output), false) => Some(Site {
            files: output.files.into_iter().map(|(k, v)| (k, Bytes::from(v))).collect(),
            base_path: built.base_path.unwrap_or_default(),
        }),
        _ => None,
    };
    Outcome {
        site,
        diagnostics,
        sources: built.sources,
        took,
    }
}

/// Swap `outcome` in. Returns the new generation if what is served changed.
pub fn apply(shared: &Shared, outcome: Outcome) -> Option<u64> {
    let failed = outcome.site.is_none();
    let new_generation = {
        let mut s = shared.state.write().unwrap_or_else(PoisonError::into_inner);
        let mut changed = false;
        if let Some(site) = outcome.site
            && s.site.as_deref() != Some(&site)
        {
            s.site = Some(Arc::new(site));
            changed = true;
        }
        if failed {
            if s.overlay.is_none() || s.diagnostics != outcome.diagnostics {
                let html = overlay::render(&outcome.diagnostics, &outcome.sources, s.site.is_some());
                s.overlay = Some(html.into());
                changed = true;
            }
        } else if s.overlay.take().is_some() {
            changed = true;
        }
        s.diagnostics = outcome.diagnostics;
        if changed {
            s.generation += 1;
            Some(s.generation)
        } else {
            None
        }
    };
    if let Some(g) = new_generation {
        shared.generation.send_replace(g);
    }
    new_generation
}

/// Print a build's diagnostics as `minutebook build` does, then one line
/// saying what happened. `have_site`: a good site is being served.
pub fn report(outcome: &Outcome, first: bool, have_site: bool) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = diagnostics::render(&outcome.diagnostics, &outcome.sources, Format::Human, color);
    eprint!("{text}");
    let errors = outcome.errors();
    let warnings = outcome.diagnostics.len() - errors;
    let ms = outcome.took.as_millis();
    let verb = if first { "built" } else { "rebuilt" };
    match &outcome.site {
        Some(site) if warnings == 0 => eprintln!("{verb} {} files in {ms} ms", site.files.len()),
        Some(site) => eprintln!("{verb} {} files in {ms} ms; {warnings} warning(s)", site.files.len()),
        None => eprintln!(
            "{errors} error(s), {warnings} warning(s) after {ms} ms: {}",
            if !have_site {
                "nothing to serve until they are fixed; the browser shows them"
            } else {
                "still serving the last good site; the browser shows them"
            }
        ),
    }
}
