//! Watching the site and rebuilding it.
//!
//! A debounced watcher (`notify-debouncer-full`, 40 ms, so an editor's
//! save-rename-write is one change) watches the site's folder itself (for
//! `site.yaml`, and for `content/` or `themes/` being created or removed) and
//! `content/` and `themes/` recursively. Events elsewhere in the folder (the
//! output folder, editors' files beside `site.yaml`) are ignored.
//!
//! One builder thread takes batches of events, folds in every batch already
//! waiting (so a burst of changes is one build), and rebuilds the site with
//! the pipeline of `minutebook build`, reusing what the last build kept; when
//! one document's body alone changed, it applies that change to the last
//! build instead ([`super::quick`]). It skips the build only when the fingerprint of the inputs ([`Inputs`]) equals
//! the one taken before the last build *and* no event happened while that
//! build ran (a file changed and put back mid-build could otherwise leave a
//! site built from the in-between bytes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::inputs::{Hashers, Inputs};
use super::state::{self, Shared};
use crate::resolve::config::BuildOptions;

/// How long the watcher waits for a file to go quiet.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// Slack around a build's start and end when asking whether an event
/// happened during it (events are stamped when the watcher receives them).
const SLACK: Duration = Duration::from_millis(50);

/// One change the builder has to look at.
#[derive(Debug)]
pub struct Change {
    /// When the watcher received it.
    pub time: Instant,
    pub paths: Vec<PathBuf>,
    /// The watcher lost track (queue overflow, an error): look at everything.
    pub rescan: bool,
}

type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Start watching the site at `root` (an absolute path); changes arrive on the
/// returned receiver.
pub fn watch(root: &Path) -> Result<(Watcher, Receiver<Vec<Change>>), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let handler = move |result: DebounceEventResult| {
        let changes = match result {
            Ok(events) => events
                .into_iter()
                .filter(|e| changes_bytes(&e.event.kind) || e.event.need_rescan())
                .map(|e| Change {
                    time: e.time,
                    rescan: e.event.need_rescan(),
                    paths: e.event.paths,
                })
                .collect(),
            Err(_) => vec![Change {
                time: Instant::now(),
                paths: Vec::new(),
                rescan: true,
            }],
        };
        let _ = tx.send(changes);
    };
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, handler).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    watch_folders(&mut debouncer, root);
    Ok((debouncer, rx))
}

/// Can this kind of event mean the bytes changed? Reading a file (as every
/// build does) gives access events, which must not start another build.
fn changes_bytes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Other => true,
    }
}

/// (Re)start watching `content/` and `themes/` where they exist: after one is
/// removed and made again, its new folder needs a new watch.
fn watch_folders(debouncer: &mut Watcher, root: &Path) {
    for name in ["content", "themes"] {
        let dir = root.join(name);
        if dir.is_dir() {
            let _ = debouncer.unwatch(&dir);
            if let Err(e) = debouncer.watch(&dir, RecursiveMode::Recursive) {
                eprintln!(
                    "warning: cannot watch {}: {e}; changes there will not be seen",
                    dir.display()
                );
            }
        }
    }
}

/// Is `path` something a build reads?
fn relevant(root: &Path, path: &Path) -> bool {
    path == root.join("site.yaml") || path.starts_with(root.join("content")) || path.starts_with(root.join("themes"))
}

/// The builder: runs until the watcher goes away.
pub struct Builder {
    pub root: PathBuf,
    pub opts: BuildOptions,
    pub shared: Arc<Shared>,
    hashers: Hashers,
    /// The fingerprint taken just before the last build.
    last: Option<Inputs>,
    /// When the last build started and ended.
    window: Option<(Instant, Instant)>,
    /// What the last build leaves for the next.
    kept: crate::Kept,
    /// The diagnostics and sources of the last build that made a site.
    good: Option<(Vec<crate::diagnostics::Diagnostic>, crate::diagnostics::Sources)>,
    /// The paths of the pages (phase [`crate::emit::Phase::Pages`]) of the
    /// site served: replaced by a new build's when it shows them early.
    pages: BTreeSet<String>,
}

impl Builder {
    pub fn new(root: PathBuf, opts: BuildOptions, shared: Arc<Shared>) -> Self {
        Self {
            root,
            opts,
            shared,
            hashers: Hashers::new(),
            last: None,
            window: None,
            kept: crate::Kept::default(),
            pages: BTreeSet::new(),
            good: None,
        }
    }

    /// The first build: as fast as `minutebook build`, keeping nothing.
    /// [`Builder::warm_up`] follows, on the builder thread.
    pub fn build(&mut self) {
        let start = Instant::now();
        let outcome = state::build(&self.root, &self.opts, None, &|_| {});
        state::report(&outcome, true, outcome.site.is_some());
        state::apply(&self.shared, outcome);
        self.window = Some((start, Instant::now()));
    }

    /// Fingerprint every input and build again, keeping what the next
    /// rebuilds reuse. What is served changes only if a file changed since
    /// the first build.
    fn warm_up(&mut self) {
        let start = Instant::now();
        let inputs = Inputs::scan(&self.root, &self.hashers, None, None);
        self.build_from(inputs, start, false);
        eprintln!("ready for quick rebuilds ({} ms)", start.elapsed().as_millis());
    }

    /// Build with `inputs` as the fingerprint, and swap the result in: the
    /// pages first, as soon as they are made (with the last site's search
    /// index, feeds and data for a moment), then the whole site.
    fn build_from(&mut self, inputs: Inputs, start: Instant, first: bool) {
        let unchanged = match &self.last {
            Some(last) => inputs.unchanged_since(last, &self.root),
            None => Default::default(),
        };
        self.kept.load.trust(unchanged);
        self.last = Some(inputs);
        let before = self.shared.now().site;
        let pages = std::cell::RefCell::new(None);
        let shown_early = std::cell::Cell::new(false);
        let pages_ready = |now: BTreeMap<String, Bytes>| {
            let paths: BTreeSet<String> = now.keys().cloned().collect();
            if let Some(old) = &before {
                let mut files = old.files.clone();
                files.retain(|p, _| !self.pages.contains(p));
                files.extend(now);
                show_early(&self.shared, files, &old.base_path, "pages", start);
                shown_early.set(true);
            }
            *pages.borrow_mut() = Some(paths);
        };
        let outcome = state::build(&self.root, &self.opts, Some(&mut self.kept), &pages_ready);
        if outcome.site.is_some() {
            if let Some(p) = pages.into_inner() {
                self.pages = p;
            }
        } else if shown_early.get() {
            // The pages shown early belong to a build that failed after all:
            // the last good site is the one from before.
            state::restore(&self.shared, before);
        }
        self.finish(outcome, start, first);
    }

    /// Report `outcome` and swap it in; remember what the next quick
    /// rebuild starts from.
    fn finish(&mut self, outcome: state::Outcome, start: Instant, first: bool) {
        self.good = outcome
            .site
            .is_some()
            .then(|| (outcome.diagnostics.clone(), outcome.sources.clone()));
        let have_site = self.shared.now().site.is_some() || outcome.site.is_some();
        state::report(&outcome, first, have_site);
        state::apply(&self.shared, outcome);
        self.window = Some((start, Instant::now()));
    }

    /// Apply a change to one file's body without building again, when it
    /// qualifies ([`super::quick`]). False when it does not: build then.
    fn quick(&mut self, file: &str, inputs: Inputs, start: Instant) -> bool {
        let Some((diagnostics, sources)) = &self.good else {
            return false;
        };
        let Some(before) = self.shared.now().site else {
            return false;
        };
        let previous = super::quick::Previous {
            files: &before.files,
            pages: &self.pages,
            diagnostics,
            sources,
        };
        let shared = &self.shared;
        let what = format!("{file}: page");
        let pages_ready = |files| show_early(shared, files, &before.base_path, &what, start);
        let done = super::quick::apply_change(&self.root, &self.opts, &self.kept, file, previous, &pages_ready);
        let Some(done) = done else {
            return false;
        };
        if done.files.is_some() {
            self.pages = done.pages;
        }
        // What the last load kept of this file is from before the change.
        self.kept.load.forget(file);
        self.last = Some(inputs);
        let mut sorted = crate::diagnostics::Diagnostics::new();
        sorted.extend(done.diagnostics);
        let diagnostics = sorted.into_sorted();
        let outcome = state::Outcome {
            site: done.files.map(|files| state::Site {
                files,
                base_path: before.base_path.clone(),
            }),
            diagnostics,
            sources: done.sources,
            took: start.elapsed(),
        };
        if outcome.site.is_none() {
            state::restore(&self.shared, Some(before.clone()));
        }
        self.finish(outcome, start, false);
        true
    }

    /// Rebuild after `changes`, unless they left every input byte as it was.
    fn rebuild(&mut self, changes: &[Change]) {
        let rescan = changes.iter().any(|c| c.rescan);
        let touched: Vec<PathBuf> = changes.iter().flat_map(|c| c.paths.iter().cloned()).collect();
        let start = Instant::now();
        let updated = match &self.last {
            Some(last) if !rescan => Inputs::update(last, &self.hashers, &touched),
            _ => None,
        };
        let now = updated.unwrap_or_else(|| {
            Inputs::scan(
                &self.root,
                &self.hashers,
                self.last.as_ref(),
                (!rescan).then_some(touched.as_slice()),
            )
        });
        let unchanged = self.last.as_ref().is_some_and(|l| now.same_as(l));
        if unchanged && !rescan && !during(self.window, changes) {
            // The window stays the last build's: events from inside it that
            // arrive in a later batch must still force a build.
            eprintln!(
                "no input changed ({} files checked in {} ms): nothing rebuilt",
                now.len(),
                start.elapsed().as_millis()
            );
            return;
        }
        let one = self.last.as_ref().and_then(|last| now.only_change(last));
        let file = one
            .and_then(|p| super::inputs::site_path(&self.root, p))
            .filter(|rel| rel.starts_with("content/"));
        if let Some(file) = file
            && !rescan
            && self.quick(&file, now.clone(), start)
        {
            return;
        }
        self.build_from(now, start, false);
    }

    /// Take changes until the watcher stops, rebuilding after each batch.
    pub fn run(mut self, mut watcher: Watcher, changes: Receiver<Vec<Change>>) {
        self.warm_up();
        while let Ok(batch) = changes.recv() {
            let mut batch = batch;
            while let Ok(more) = changes.try_recv() {
                batch.extend(more);
            }
            batch.retain(|c| c.rescan || c.paths.iter().any(|p| relevant(&self.root, p)));
            if batch.is_empty() {
                continue;
            }
            let folders = [self.root.join("content"), self.root.join("themes")];
            if batch
                .iter()
                .any(|c| c.rescan || c.paths.iter().any(|p| folders.contains(p)))
            {
                watch_folders(&mut watcher, &self.root);
            }
            self.rebuild(&batch);
        }
    }
}

/// Serve `files` (new pages with the last site's other files) before the
/// build that made them ends, saying so.
fn show_early(shared: &Shared, files: BTreeMap<String, Bytes>, base_path: &str, what: &str, start: Instant) {
    let site = state::Site {
        files,
        base_path: base_path.to_string(),
    };
    state::apply(shared, state::Outcome::good(site));
    eprintln!(
        "{what} ready in {} ms; search, feeds and data follow",
        start.elapsed().as_millis()
    );
}

/// Did any of `changes` happen while the last build ran (`window`: from its
/// fingerprint to its swap), give or take [`SLACK`]? Then that build may have
/// read bytes its fingerprint does not describe.
fn during(window: Option<(Instant, Instant)>, changes: &[Change]) -> bool {
    window.is_some_and(|(start, end)| changes.iter().any(|c| c.time + SLACK >= start && c.time <= end + SLACK))
}

/// Start the builder thread.
pub fn spawn(builder: Builder, watcher: Watcher, changes: Receiver<Vec<Change>>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("minutebook-builder".into())
        .spawn(move || builder.run(watcher, changes))
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: Instant) -> Change {
        Change {
            time,
            paths: Vec::new(),
            rescan: false,
        }
    }

    #[test]
    fn changes_inside_the_last_build_are_seen() {
        let start = Instant::now();
        let end = start + Duration::from_secs(2);
        let window = Some((start, end));
        assert!(during(window, &[at(start + Duration::from_secs(1))]));
        assert!(
            during(window, &[at(end + Duration::from_millis(10))]),
            "within the slack"
        );
        assert!(!during(window, &[at(end + Duration::from_secs(1))]));
        assert!(during(window, &[at(end + Duration::from_secs(1)), at(start)]));
        assert!(!during(None, &[at(start)]));
    }
}
