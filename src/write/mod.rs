//! Write: each output file goes into a [`Staging`] folder beside the output
//! folder as the build makes it, and the folder is swapped in only when the
//! whole build passed. A failed or killed build leaves the previous output
//! exactly as it was.
//!
//! Before anything is written, [`check`] refuses output folders whose
//! replacement would destroy something else (see [`safety`]).
//! [`Staging::begin`] checks again, then holds a lock beside the output for
//! the whole build, staging and swap,
//! so concurrent builds into the same folder take turns, and recovers from or
//! cleans up after builds that were killed (see [`siblings`]).

pub mod safety;
pub mod siblings;

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::Store;
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

/// A staging folder beside the output, with the output's lock held: the
/// build stores each file in it as the file is made ([`Store`]), and
/// [`Staging::commit`] swaps it in. Dropped without a commit (the build
/// failed), it is removed and the output is left as it was.
pub struct Staging {
    dir: PathBuf,
    name: OsString,
    folder: PathBuf,
    _lock: fs::File,
    committed: bool,
}

impl Staging {
    /// Check that the site at `root` may be written into `output`, lock it,
    /// recover from or clean up after killed builds, and make this build's
    /// empty staging folder. `force` allows replacing a non-empty folder
    /// without the marker. Calls `on_event` for what the user should hear about.
    pub fn begin(
        root: &Path,
        output: &Path,
        force: bool,
        mut on_event: impl FnMut(Event<'_>),
    ) -> Result<Self, WriteError> {
        let (root, output) = safety::resolve_both(root, output)?;
        safety::check_location(&root, &output)?;
        let (Some(dir), Some(name)) = (output.parent(), output.file_name()) else {
            // `check_location` refuses the file-system root, the only path without both.
            return Err(UnsafeOutput::FilesystemRoot { output }.into());
        };
        fs::create_dir_all(dir).map_err(|e| WriteError::io(at("create", dir), e))?;
        let lock = siblings::lock(dir, name, || on_event(Event::Waiting { output: &output }))
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
        let folder = siblings::folder(dir, name, Kind::Staging, std::process::id());
        remove_stale(&folder).map_err(|e| WriteError::io(at("remove", &folder), e))?;
        fs::create_dir(&folder).map_err(|e| WriteError::io(at("create", &folder), e))?;
        Ok(Self {
            dir: dir.to_path_buf(),
            name: name.to_os_string(),
            folder,
            _lock: lock,
            committed: false,
        })
    }

    /// Write the marker and swap the staging folder in for the output.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let marker = self.folder.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| WriteError::io(at("write", &marker), e))?;
        self.committed = true;
        let output = self.dir.join(&self.name);
        swap(&self.folder, &self.dir, &self.name).map_err(|e| WriteError::io(at("replace", &output), e))
    }

    /// The site-relative `path` inside the staging folder, its folders made.
    fn target(&self, path: &str) -> io::Result<PathBuf> {
        let target = self.folder.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(target)
    }
}

impl Store for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.target(path)?, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        // A copy, not a hard link: something that later edits the output in
        // place must never change the author's file.
        fs::copy(from, self.target(path)?).map(|_| ())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

fn at(what: &str, p: &Path) -> String {
    format!("could not {what} {}", p.display())
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
