//! Write: the output set goes into a staging folder beside the output folder,
//! which is swapped in only when every file is written. A failed or killed
//! build leaves the previous output exactly as it was.
//!
//! Before anything is written, [`check`] refuses output folders whose
//! replacement would destroy something else (see [`safety`]). [`write`] checks
//! again, then holds a lock beside the output for the whole staging and swap,
//! so concurrent builds into the same folder take turns, and recovers from or
//! cleans up after builds that were killed (see [`siblings`]).

pub mod safety;
pub mod siblings;

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::Output;
pub use safety::{MARKER, MARKER_TEXT, UnsafeOutput};
use siblings::Kind;

/// Why the site was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder must not be replaced.
    Unsafe(UnsafeOutput),
    /// The file system said no.
    Io { action: String, source: io::Error },
}

impl WriteError {
    fn io(action: String, source: io::Error) -> Self {
        Self::Io { action, source }
    }
}

impl From<UnsafeOutput> for WriteError {
    fn from(e: UnsafeOutput) -> Self {
        Self::Unsafe(e)
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsafe(e) => e.fmt(f),
            Self::Io { action, source } => {
                write!(f, "{action}: {source}; the previous output is unchanged")
            }
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unsafe(e) => Some(e),
            Self::Io { source, .. } => Some(source),
        }
    }
}

/// Something worth telling the user while writing.
#[derive(Debug)]
pub enum Event<'a> {
    /// Another build holds the lock on `output`; this one waits for it.
    Waiting { output: &'a Path },
    /// A build killed mid-swap left the output at `from`; it was moved back to `output`.
    Restored { from: &'a Path, output: &'a Path },
}

/// Check, without touching anything, that the site at `root` may be written
/// into `output`. Returns the resolved output folder. [`write`] makes the same
/// check; calling this first makes an unsafe output fail before the build.
pub fn check(root: &Path, output: &Path, force: bool) -> Result<PathBuf, WriteError> {
    let (root, output) = safety::resolve_both(root, output)?;
    safety::check_location(&root, &output)?;
    safety::check_contents(&output, force)?;
    Ok(output)
}

/// Write `out`, the site at `root`, to `output` atomically (staging + rename),
/// with the marker file; `force` allows replacing a non-empty folder without
/// the marker. Calls `on_event` for what the user should hear about.
pub fn write(
    out: &Output,
    root: &Path,
    output: &Path,
    force: bool,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<(), WriteError> {
    let (root, output) = safety::resolve_both(root, output)?;
    safety::check_location(&root, &output)?;
    let (Some(dir), Some(name)) = (output.parent(), output.file_name()) else {
        // `check_location` refuses the file-system root, the only path without both.
        return Err(UnsafeOutput::FilesystemRoot { output }.into());
    };
    let at = |what: &str, p: &Path| format!("could not {what} {}", p.display());
    fs::create_dir_all(dir).map_err(|e| WriteError::io(at("create", dir), e))?;
    let _lock = siblings::lock(dir, name, || on_event(Event::Waiting { output: &output }))
        .map_err(|e| WriteError::io(at("lock the output folder", &output), e))?;
    if let Some(from) =
        siblings::recover(dir, name).map_err(|e| WriteError::io(at("restore the output folder", &output), e))?
    {
        on_event(Event::Restored {
            from: &from,
            output: &output,
        });
    }
    safety::check_contents(&output, force)?;
    siblings::clean(dir, name);
    let staging = stage(out, dir, name).map_err(|(p, e)| WriteError::io(at("write", &p), e))?;
    swap(&staging, dir, name).map_err(|e| WriteError::io(at("replace", &output), e))
}

/// Write every file and the marker into this process's staging folder;
/// on failure, remove it and return the path that failed.
fn stage(out: &Output, dir: &Path, name: &OsStr) -> Result<PathBuf, (PathBuf, io::Error)> {
    let staging = siblings::folder(dir, name, Kind::Staging, std::process::id());
    let result = (|| {
        remove_stale(&staging).map_err(|e| (staging.clone(), e))?;
        fs::create_dir(&staging).map_err(|e| (staging.clone(), e))?;
        for (path, bytes) in &out.files {
            let target = staging.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| (parent.to_path_buf(), e))?;
            }
            fs::write(&target, bytes).map_err(|e| (target.clone(), e))?;
        }
        let marker = staging.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| (marker, e))
    })();
    match result {
        Ok(()) => Ok(staging),
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// Move the output aside, the staging folder in, and delete the old output.
/// Killed between the two renames, the next build's [`siblings::recover`]
/// moves the old output back.
fn swap(staging: &Path, dir: &Path, name: &OsStr) -> io::Result<()> {
    let output = dir.join(name);
    let old = siblings::folder(dir, name, Kind::Old, std::process::id());
    let had_old = fs::symlink_metadata(&output).is_ok();
    if had_old && let Err(e) = remove_stale(&old).and_then(|()| fs::rename(&output, &old)) {
        let _ = fs::remove_dir_all(staging);
        return Err(e);
    }
    if let Err(e) = fs::rename(staging, &output) {
        if had_old {
            let _ = fs::rename(&old, &output);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(e);
    }
    if had_old {
        // Best effort: what is left is cleaned by the next build.
        let _ = siblings::remove_marker_last(&old);
    }
    Ok(())
}

/// Remove a staging or old folder named with our pid: with the lock held and
/// the pid ours, it can only be a dead build's. A symlink or file of that name
/// is removed itself, never followed.
fn remove_stale(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}
