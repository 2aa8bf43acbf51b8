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
#[derive(Debug)]
pub struct Site {
    /// Site-relative path (`meetings/x/index.html`) → bytes.
    pub files: BTreeMap<String, Bytes>,
    /// The base URL's path (`/papers` or empty), stripped from requests.
    pub base_path: String,
}

impl PartialEq for Site {
    /// Files a rebuild did not make again are the very same bytes (shared),
    /// so most files compare by address; the others byte by byte.
    fn eq(&self, other: &Self) -> bool {
        self.base_path == other.base_path
            && self.files.len() == other.files.len()
            && self
                .files
                .iter()
                .zip(&other.files)
                .all(|((p, a), (q, b))| p == q && same_bytes(a, b))
    }
}

impl Eq for Site {}

fn same_bytes(a: &Bytes, b: &Bytes) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// What is being served now. Cheap to clone: two `Arc`s and a number.
#[derive(Debug, Default, Clone)]
pub struct State {
    /// The last site that built without errors.
    pub site: Option<Arc<Site>>,
    /// The error overlay, when the latest build failed.
    pub overlay: Option<Arc<str>>,
    /// Moves on each time `site` or `overlay` changes.
    pub generation: u64,
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

    /// What is served now.
    pub fn now(&self) -> State {
        self.state.read().unwrap_or_else(PoisonError::into_inner).clone()
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
    /// A site with no diagnostics (pages shown before their build ends).
    pub fn good(site: Site) -> Self {
        Outcome {
            site: Some(site),
            diagnostics: Vec::new(),
            sources: Sources::default(),
            took: Duration::ZERO,
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// The files of a build in progress, as `serve` holds them.
#[derive(Default)]
pub struct Store(std::sync::Mutex<BTreeMap<String, Bytes>>);

impl Store {
    pub fn files(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Bytes>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl crate::emit::Store for Store {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.files().insert(path.to_string(), Bytes::copy_from_slice(bytes));
        Ok(())
    }

    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.files().insert(path.to_string(), Bytes::from(bytes));
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.files().insert(path.to_string(), Bytes::from(bytes));
        Ok(())
    }
}

/// Build the site at `root` in memory, exactly as `minutebook build` does,
/// reusing what `kept` holds from the last build (if any). Once every page is made
/// and nothing so far is an error, `pages_ready` gets them (the other files
/// are still being made), so that `serve` can show changed pages sooner.
/// A panic inside the pipeline (a bug) becomes an error, so the server
/// lives on; what was kept is then dropped, in case it was part of the trouble.
pub fn build(
    root: &Path,
    opts: &BuildOptions,
    kept: Option<&mut crate::Kept>,
    pages_ready: &dyn Fn(BTreeMap<String, Bytes>),
) -> Outcome {
    let start = Instant::now();
    let store = Store::default();
    let ready = || pages_ready(store.files().clone());
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::build_serving(root, opts, &store, kept.as_deref(), &ready)
    }));
    let took = start.elapsed();
    let built = match built {
        Ok(b) => b,
        Err(_) => {
            if let Some(k) = kept {
                *k = crate::Kept::default();
            }
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
    let mut diagnostics = built.diagnostics.into_sorted();
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    if built.written.is_none() && !failed {
        diagnostics.push(Diagnostic::error(
            "site.yaml",
            0,
            0,
            "the build stopped without saying why",
        ));
    }
    let site = match (built.written.is_some(), failed) {
        (true, false) => Some(Site {
            files: std::mem::take(&mut *store.files()),
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
/// Only the builder calls this, so comparing with what is served can happen
/// outside the lock; requests wait only for the swap itself.
pub fn apply(shared: &Shared, outcome: Outcome) -> Option<u64> {
    let old = shared.now();
    let failed = outcome.site.is_none();
    let site = match outcome.site {
        Some(site) if old.site.as_deref() != Some(&site) => Some(Arc::new(site)),
        _ => old.site.clone(),
    };
    let overlay: Option<Arc<str>> = if failed {
        let html = overlay::render(&outcome.diagnostics, &outcome.sources, site.is_some());
        match &old.overlay {
            Some(o) if **o == *html => Some(o.clone()),
            _ => Some(html.into()),
        }
    } else {
        None
    };
    let same_site = match (&site, &old.site) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    let same_overlay = match (&overlay, &old.overlay) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    if same_site && same_overlay {
        return None;
    }
    // Pages reload when a page changed, not when only the search index,
    // feeds or data files did (as when they follow pages shown early).
    let pages_same = match (&site, &old.site) {
        (Some(a), Some(b)) => same_pages(a, b),
        (None, None) => true,
        _ => false,
    };
    if pages_same && same_overlay {
        shared.state.write().unwrap_or_else(PoisonError::into_inner).site = site;
        return None;
    }
    let generation = old.generation + 1;
    *shared.state.write().unwrap_or_else(PoisonError::into_inner) = State {
        site,
        overlay,
        generation,
    };
    shared.generation.send_replace(generation);
    Some(generation)
}

/// Do the two sites have the same HTML pages, byte for byte?
fn same_pages(a: &Site, b: &Site) -> bool {
    fn pages(s: &Site) -> Vec<(&str, &Bytes)> {
        s.files
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, b)| (p.as_str(), b))
            .collect()
    }
    let (x, y) = (pages(a), pages(b));
    a.base_path == b.base_path
        && x.len() == y.len()
        && x.iter().zip(&y).all(|((p, a), (q, b))| p == q && same_bytes(a, b))
}

/// Serve `site` again as the last good site, without telling pages to
/// reload: the next [`apply`] does.
pub fn restore(shared: &Shared, site: Option<Arc<Site>>) {
    shared.state.write().unwrap_or_else(PoisonError::into_inner).site = site;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(page: &'static str, errors: &[&str]) -> Outcome {
        let diagnostics: Vec<Diagnostic> = errors.iter().map(|m| Diagnostic::error("a.md", 1, 1, *m)).collect();
        let site = diagnostics.is_empty().then(|| Site {
            files: [("index.html".to_string(), Bytes::from_static(page.as_bytes()))].into(),
            base_path: String::new(),
        });
        Outcome {
            site,
            diagnostics,
            sources: Sources::default(),
            took: Duration::ZERO,
        }
    }

    #[test]
    fn the_generation_moves_only_when_what_is_served_changes() {
        let shared = Shared::new();
        assert_eq!(apply(&shared, outcome("one", &[])), Some(1));
        assert_eq!(apply(&shared, outcome("one", &[])), None, "same bytes");
        assert_eq!(apply(&shared, outcome("", &["broken"])), Some(2));
        let now = shared.now();
        assert!(now.overlay.is_some_and(|o| o.contains("broken")));
        assert_eq!(now.site.map(|s| s.files.len()), Some(1), "the last good site stays");
        assert_eq!(apply(&shared, outcome("", &["broken"])), None, "same errors");
        assert_eq!(apply(&shared, outcome("", &["other"])), Some(3));
        assert_eq!(apply(&shared, outcome("one", &[])), Some(4), "fixed: the overlay goes");
        assert!(shared.now().overlay.is_none());
        assert_eq!(*shared.generation.borrow(), 4);
        assert_eq!(apply(&shared, outcome("two", &[])), Some(5));
    }
}
