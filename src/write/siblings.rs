//! The files `build` keeps beside an output folder `<dir>/<name>`:
//!
//! - `.<name>.lock`: locked (an OS advisory lock) for the whole staging and
//!   swap, so two builds into the same output take turns. The file stays; it
//!   is never deleted, since deleting a lock file races with its next user.
//! - `.<name>.staging-<pid>`: the new output being written by process `<pid>`.
//! - `.<name>.old-<pid>`: the previous output while process `<pid>` swaps it out.
//!
//! A build killed part-way leaves its staging or old folder behind. Such
//! leftovers are only touched while holding the lock, and only when their
//! process is gone: on Linux, when `/proc/<pid>` does not exist. On other
//! platforms (or without `/proc`) there is no portable way to ask, so a
//! leftover counts as gone when its pid is not ours; holding the lock is what
//! makes that safe, since every build holds it while its folders exist.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::safety::MARKER;

/// The kinds of folder a build leaves beside the output while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Staging,
    Old,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Staging => "staging",
            Kind::Old => "old",
        }
    }
}

/// `<dir>/.<name>.<suffix>`.
pub fn sibling(dir: &Path, name: &OsStr, suffix: &str) -> PathBuf {
    let mut file = OsString::from(".");
    file.push(name);
    file.push(".");
    file.push(suffix);
    dir.join(file)
}

/// `<dir>/.<name>.<kind>-<pid>`.
pub fn folder(dir: &Path, name: &OsStr, kind: Kind, pid: u32) -> PathBuf {
    sibling(dir, name, &format!("{}-{pid}", kind.word()))
}

/// The kind and pid of a leftover named `file` beside output `name`, if it is one.
fn parse(file: &OsStr, name: &OsStr) -> Option<(Kind, u32)> {
    let rest = file
        .as_encoded_bytes()
        .strip_prefix(b".")?
        .strip_prefix(name.as_encoded_bytes())?
        .strip_prefix(b".")?;
    let rest = std::str::from_utf8(rest).ok()?;
    [Kind::Staging, Kind::Old].into_iter().find_map(|kind| {
        let pid = rest.strip_prefix(kind.word())?.strip_prefix('-')?;
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((kind, pid.parse().ok()?))
    })
}

/// A leftover folder of a build.
#[derive(Debug)]
pub struct Leftover {
    pub kind: Kind,
    pub pid: u32,
    pub path: PathBuf,
    modified: Option<SystemTime>,
}

/// Every staging and old folder beside output `name` in `dir` whose process
/// is gone (real folders only: a symlink of the same name is left alone).
fn dead_leftovers(dir: &Path, name: &OsStr) -> io::Result<Vec<Leftover>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let Some((kind, pid)) = parse(&entry.file_name(), name) else {
            continue;
        };
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.is_dir() && is_gone(pid) {
            found.push(Leftover {
                kind,
                pid,
                path: entry.path(),
                modified: meta.modified().ok(),
            });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// Whether process `pid` has ended. Never true for our own pid.
pub fn is_gone(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        let proc = Path::new("/proc");
        if proc.join("self").exists() {
            return !proc.join(pid.to_string()).exists();
        }
    }
    // No way to ask: the caller holds the lock, which every live build holds
    // while its folders exist.
    true
}

/// Take the lock for output `name` in `dir`, waiting if another build has it
/// (calling `on_wait` once first). The lock lasts until the file is dropped.
pub fn lock(dir: &Path, name: &OsStr, on_wait: impl FnOnce()) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(sibling(dir, name, "lock"))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait();
            file.lock()?;
        }
        Err(TryLockError::Error(e)) => return Err(e),
    }
    Ok(file)
}

/// If the output folder is missing because a build was killed between moving
/// it aside and moving the new one in, move it back (the newest such old
/// folder, should there be several). Call only while holding the lock.
pub fn recover(dir: &Path, name: &OsStr) -> io::Result<Option<PathBuf>> {
    let output = dir.join(name);
    match fs::symlink_metadata(&output) {
        Ok(_) => return Ok(None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let newest = dead_leftovers(dir, name)?
        .into_iter()
        .filter(|l| l.kind == Kind::Old)
        .max_by_key(|l| l.modified);
    match newest {
        Some(old) => {
            fs::rename(&old.path, &output)?;
            Ok(Some(old.path))
        }
        None => Ok(None),
    }
}

/// Delete the staging and old folders of builds that are gone; returns how
/// many. Call only while holding the lock, after [`recover`]. Best effort: a
/// folder that cannot be deleted is left for the next build.
pub fn clean(dir: &Path, name: &OsStr) -> usize {
    let Ok(found) = dead_leftovers(dir, name) else {
        return 0;
    };
    found
        .iter()
        .filter(|l| {
            match l.kind {
                Kind::Staging => fs::remove_dir_all(&l.path),
                Kind::Old => remove_marker_last(&l.path),
            }
            .is_ok()
        })
        .count()
}

/// Delete folder `dir` and everything in it, its marker file last, so that a
/// deletion cut short leaves a folder still recognisable as minutebook's.
pub fn remove_marker_last(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_file(dir.join(MARKER)) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pid of a process that has ended (and been reaped).
    #[cfg(unix)]
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn parses_only_exact_leftover_names() {
        let name = OsStr::new("out");
        assert_eq!(parse(OsStr::new(".out.staging-12"), name), Some((Kind::Staging, 12)));
        assert_eq!(parse(OsStr::new(".out.old-7"), name), Some((Kind::Old, 7)));
        for other in [
            ".out.lock",
            ".out.staging-",
            ".out.staging-1x",
            ".out.staging-+1",
            ".outx.old-7",
            ".out.old-7.staging-8",
            "out.old-7",
            ".out.old-99999999999",
        ] {
            assert_eq!(parse(OsStr::new(other), name), None, "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn recovers_the_output_of_a_build_killed_mid_swap() {
        let dir = tempfile::tempdir().unwrap();
        let name = OsStr::new("out");
        let pid = dead_pid();
        let old = folder(dir.path(), name, Kind::Old, pid);
        fs::create_dir_all(old.join("sub")).unwrap();
        fs::write(old.join(MARKER), "m").unwrap();
        fs::write(old.join("sub/index.html"), "previous").unwrap();
        // The killed build's finished staging folder is not what comes back.
        let staging = folder(dir.path(), name, Kind::Staging, pid);
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("index.html"), "new").unwrap();

        assert_eq!(recover(dir.path(), name).unwrap(), Some(old.clone()));
        let out = dir.path().join("out");
        assert_eq!(fs::read_to_string(out.join("sub/index.html")).unwrap(), "previous");
        assert!(!old.exists());
        // With the output back, nothing more to recover; the staging folder is cleaned.
        assert_eq!(recover(dir.path(), name).unwrap(), None);
        assert_eq!(clean(dir.path(), name), 1);
        assert!(!staging.exists());
        assert_eq!(fs::read_to_string(out.join("sub/index.html")).unwrap(), "previous");
    }

    #[test]
    fn leaves_the_folders_of_live_builds_alone() {
        let dir = tempfile::tempdir().unwrap();
        let name = OsStr::new("out");
        let mine = folder(dir.path(), name, Kind::Old, std::process::id());
        fs::create_dir(&mine).unwrap();
        assert_eq!(recover(dir.path(), name).unwrap(), None);
        assert_eq!(clean(dir.path(), name), 0);
        assert!(mine.exists());
        #[cfg(target_os = "linux")]
        {
            // pid 1 is always running.
            let init = folder(dir.path(), name, Kind::Staging, 1);
            fs::create_dir(&init).unwrap();
            assert_eq!(clean(dir.path(), name), 0);
            assert!(init.exists());
        }
    }

    #[test]
    fn removes_the_marker_last() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old");
        fs::create_dir_all(old.join("a/b")).unwrap();
        fs::write(old.join("a/b/c.html"), "x").unwrap();
        fs::write(old.join(MARKER), "m").unwrap();
        remove_marker_last(&old).unwrap();
        assert!(!old.exists());
    }
}
