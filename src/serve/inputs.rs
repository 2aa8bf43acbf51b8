//! A fingerprint of everything a build reads — `site.yaml`, `content/` and
//! `themes/` — so `serve` can skip a rebuild when a change left every byte as
//! it was (an editor saving an unchanged file, `touch`, a file written and
//! put back).
//!
//! Each file is known by its length and a 128-bit hash of its bytes (two
//! independently keyed SipHashes). A file is read again when the watcher named
//! it (or a folder above it) or when its length or modification time moved;
//! otherwise its last hash is kept. A file that cannot be read makes the
//! fingerprint unusable for skipping, so the build runs and reports it.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// `path` as the build names files: from `root`, with `/`.
pub fn site_path(root: &Path, path: &Path) -> Option<String> {
    Some(path.strip_prefix(root).ok()?.to_str()?.replace('\\', "/"))
}

/// One file as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: (u64, u64),
    /// Where a symbolic link points (load treats links by their target).
    link: Option<PathBuf>,
}

/// Every input file by path.
#[derive(Debug, Clone)]
pub struct Inputs {
    files: BTreeMap<PathBuf, Stamp>,
    /// False when some input could not be read: never equal to anything then.
    complete: bool,
}

/// Hashes with keys chosen once per run.
pub struct Hashers(RandomState, RandomState);

impl Hashers {
    pub fn new() -> Self {
        Self(RandomState::new(), RandomState::new())
    }

    fn hash(&self, bytes: &[u8]) -> (u64, u64) {
        let mut a = self.0.build_hasher();
        let mut b = self.1.build_hasher();
        a.write(bytes);
        b.write(bytes);
        (a.finish(), b.finish())
    }
}

impl Inputs {
    /// Do the two fingerprints describe the same bytes?
    pub fn same_as(&self, other: &Inputs) -> bool {
        self.complete
            && other.complete
            && self.files.len() == other.files.len()
            && self
                .files
                .iter()
                .zip(&other.files)
                .all(|((p, a), (q, b))| p == q && a.len == b.len && a.hash == b.hash && a.link == b.link)
    }

    /// The one file whose bytes differ from `before`'s, if exactly one
    /// file changed and it is in both (not added or removed).
    pub fn only_change(&self, before: &Inputs) -> Option<&Path> {
        if !self.complete || !before.complete || self.files.len() != before.files.len() {
            return None;
        }
        let mut changed = None;
        for ((p, a), (q, b)) in self.files.iter().zip(&before.files) {
            if p != q {
                return None;
            }
            if a.len != b.len || a.hash != b.hash || a.link != b.link {
                if changed.is_some() {
                    return None;
                }
                changed = Some(p.as_path());
            }
        }
        changed
    }

    /// `previous` with only `touched` read again, when every one of them is
    /// an ordinary file that exists (an editor's save): no walk of the whole
    /// site. `None` when one is a folder, a link or gone: scan then.
    pub fn update(previous: &Inputs, hashers: &Hashers, touched: &[PathBuf]) -> Option<Inputs> {
        if !previous.complete || touched.is_empty() {
            return None;
        }
        let mut inputs = previous.clone();
        for path in touched {
            let meta = std::fs::symlink_metadata(path).ok()?;
            if !meta.file_type().is_file() {
                return None;
            }
            let bytes = std::fs::read(path).ok()?;
            let stamp = Stamp {
                len: bytes.len() as u64,
                modified: meta.modified().ok(),
                hash: hashers.hash(&bytes),
                link: None,
            };
            inputs.files.insert(path.clone(), stamp);
        }
        Some(inputs)
    }

    /// Files (from `root`, with `/`) whose bytes are the same as in `before`.
    pub fn unchanged_since(&self, before: &Inputs, root: &Path) -> HashSet<String> {
        if !self.complete || !before.complete {
            return HashSet::new();
        }
        self.files
            .iter()
            .filter(|(p, a)| {
                before
                    .files
                    .get(*p)
                    .is_some_and(|b| a.len == b.len && a.hash == b.hash && a.link == b.link)
            })
            .filter_map(|(p, _)| site_path(root, p))
            .collect()
    }

    /// How many files it describes.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Scan the inputs of the site at `root`. `touched` are paths the watcher
    /// reported (files or folders), always read again; `previous` supplies the
    /// hashes of files that did not move. `None` for `touched` reads everything.
    pub fn scan(root: &Path, hashers: &Hashers, previous: Option<&Inputs>, touched: Option<&[PathBuf]>) -> Inputs {
        let mut inputs = Inputs {
            files: BTreeMap::new(),
            complete: true,
        };
        let touched: Option<HashSet<&Path>> = touched.map(|t| t.iter().map(PathBuf::as_path).collect());
        let is_touched = |p: &Path| touched.as_ref().is_none_or(|t| p.ancestors().any(|a| t.contains(a)));
        let add = |path: &Path, inputs: &mut Inputs| {
            let Ok(meta) = std::fs::metadata(path) else {
                // A dangling link or a file removed while scanning.
                inputs.complete = false;
                return;
            };
            let link = std::fs::read_link(path).ok();
            if meta.is_dir() {
                // Only a link to a folder gets here (walkdir does not follow
                // links): what matters is where it points.
                if link.is_some() {
                    let stamp = Stamp {
                        len: 0,
                        modified: None,
                        hash: (0, 0),
                        link,
                    };
                    inputs.files.insert(path.to_path_buf(), stamp);
                }
                return;
            }
            let modified = meta.modified().ok();
            let kept = previous.and_then(|p| p.files.get(path)).filter(|s| {
                !is_touched(path)
                    && s.len == meta.len()
                    && s.modified == modified
                    && modified.is_some()
                    && s.link == link
            });
            let stamp = match kept {
                Some(s) => s.clone(),
                None => match std::fs::read(path) {
                    Ok(bytes) => Stamp {
                        len: bytes.len() as u64,
                        modified,
                        hash: hashers.hash(&bytes),
                        link,
                    },
                    Err(_) => {
                        inputs.complete = false;
                        return;
                    }
                },
            };
            inputs.files.insert(path.to_path_buf(), stamp);
        };
        let site = root.join("site.yaml");
        if site.exists() {
            add(&site, &mut inputs);
        }
        for dir in ["content", "themes"] {
            let dir = root.join(dir);
            if !dir.exists() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
                match entry {
                    Ok(e) if !e.file_type().is_dir() => add(e.path(), &mut inputs),
                    Ok(_) => {}
                    Err(_) => inputs.complete = false,
                }
            }
        }
        inputs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_are_the_same_and_changes_are_seen() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/pages"))?;
        std::fs::write(root.join("site.yaml"), "title: x\n")?;
        std::fs::write(root.join("content/pages/a.md"), "one")?;
        let h = Hashers::new();
        let first = Inputs::scan(root, &h, None, None);
        let touched = [root.join("content/pages/a.md")];
        std::fs::write(root.join("content/pages/a.md"), "one")?;
        let again = Inputs::scan(root, &h, Some(&first), Some(&touched));
        assert!(again.same_as(&first));
        std::fs::write(root.join("content/pages/a.md"), "two")?;
        let changed = Inputs::scan(root, &h, Some(&again), Some(&touched));
        assert!(!changed.same_as(&first));
        // Reading only the saved file gives what a scan gives, and names it.
        std::fs::write(root.join("content/pages/a.md"), "three")?;
        let updated = Inputs::update(&changed, &h, &touched).ok_or(std::io::ErrorKind::Other)?;
        let scanned = Inputs::scan(root, &h, Some(&changed), Some(&touched));
        assert!(updated.same_as(&scanned));
        assert_eq!(updated.only_change(&changed), Some(touched[0].as_path()));
        std::fs::remove_file(root.join("content/pages/a.md"))?;
        assert!(
            Inputs::update(&updated, &h, &touched).is_none(),
            "a removed file needs a scan"
        );
        let removed = Inputs::scan(root, &h, Some(&updated), Some(&touched));
        assert!(!removed.same_as(&updated));
        assert_eq!(removed.only_change(&updated), None, "removed, not changed");
        Ok(())
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    /// `INPUTS_SITE=/tmp/gen1000 cargo test --lib inputs::timing -- --ignored --nocapture`
    #[test]
    #[ignore = "a measurement"]
    fn scan_time() {
        let Some(root) = std::env::var_os("INPUTS_SITE") else {
            return;
        };
        let root = Path::new(&root);
        let h = Hashers::new();
        let t = std::time::Instant::now();
        let all = Inputs::scan(root, &h, None, None);
        println!("full scan of {} files: {:?}", all.len(), t.elapsed());
        let t = std::time::Instant::now();
        let again = Inputs::scan(root, &h, Some(&all), Some(&[root.join("site.yaml")]));
        println!("rescan, one file touched: {:?}", t.elapsed());
        assert!(again.same_as(&all));
    }
}
