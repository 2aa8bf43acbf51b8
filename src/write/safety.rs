//! Where `build` may write. The output folder is replaced wholesale on every
//! build, so before anything is written the output path is resolved (made
//! absolute, symlinks and `..` followed) and refused when replacing it would
//! destroy something else: the file system root, the home folder, the site's
//! own folder, its `content/` or `themes/`, or a non-empty folder that
//! minutebook did not create (one without the [`MARKER`] file) unless
//! `--force` is given.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::WriteError;

/// The file `build` puts in every output folder it writes; a folder holding
/// it may be replaced without `--force`.
pub const MARKER: &str = ".minutebook-output";

/// What the marker file says.
pub const MARKER_TEXT: &str = "This folder is written by minutebook build; it is replaced on every build.\n";

/// A folder the site must not be written into, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnsafeOutput {
    /// The output is `/`.
    FilesystemRoot { output: PathBuf },
    /// The output is the user's home folder (`$HOME`).
    Home { output: PathBuf },
    /// The output contains the user's home folder.
    ContainsHome { output: PathBuf, home: PathBuf },
    /// The output is the site's own folder (`--root`).
    SiteRoot { output: PathBuf },
    /// The output contains the site's folder.
    ContainsSiteRoot { output: PathBuf, root: PathBuf },
    /// The output is, lies inside or contains `<root>/content` or `<root>/themes`.
    Protected {
        output: PathBuf,
        folder: PathBuf,
        kind: Protected,
        relation: Relation,
    },
    /// The output exists and is not a folder.
    NotAFolder { output: PathBuf },
    /// The output is a non-empty folder without the marker, and `--force` was not given.
    NotOurs { output: PathBuf },
}

/// A folder of the site that the output must keep clear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protected {
    Content,
    Themes,
}

/// How the output relates to a protected folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Is,
    Inside,
    Contains,
}

const CHOOSE: &str = "Choose another --output, e.g. output/";

impl fmt::Display for UnsafeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let into =
            |f: &mut fmt::Formatter<'_>, o: &Path| write!(f, "refusing to write the site into {}: ", o.display());
        match self {
            Self::FilesystemRoot { output } => {
                into(f, output)?;
                write!(f, "that is the root of the file system. {CHOOSE}")
            }
            Self::Home { output } => {
                into(f, output)?;
                write!(f, "that is your home folder. {CHOOSE}")
            }
            Self::ContainsHome { output, home } => {
                into(f, output)?;
                write!(f, "that folder contains your home folder {}. {CHOOSE}", home.display())
            }
            Self::SiteRoot { output } => {
                into(f, output)?;
                write!(
                    f,
                    "that is the site's own folder (it holds site.yaml and content/). {CHOOSE}"
                )
            }
            Self::ContainsSiteRoot { output, root } => {
                into(f, output)?;
                write!(f, "that folder contains the site's folder {}. {CHOOSE}", root.display())
            }
            Self::Protected {
                output,
                folder,
                kind,
                relation,
            } => {
                into(f, output)?;
                let what = match kind {
                    Protected::Content => "content",
                    Protected::Themes => "themes",
                };
                match relation {
                    Relation::Is => write!(f, "that folder holds your {what}. {CHOOSE}"),
                    Relation::Inside => write!(
                        f,
                        "that folder is inside your {what} folder {}. {CHOOSE}",
                        folder.display()
                    ),
                    Relation::Contains => write!(
                        f,
                        "that folder contains your {what} folder {}. {CHOOSE}",
                        folder.display()
                    ),
                }
            }
            Self::NotAFolder { output } => {
                into(f, output)?;
                write!(f, "it is a file, not a folder. {CHOOSE}")
            }
            Self::NotOurs { output } => write!(
                f,
                "refusing to replace {}: the folder is not empty and minutebook did not create it \
                 (it has no {MARKER} file), so building would delete what is in it. \
                 Choose another --output (e.g. output/), empty the folder, \
                 or pass --force if everything in it may be deleted",
                output.display()
            ),
        }
    }
}

impl std::error::Error for UnsafeOutput {}

/// `path` made absolute with symlinks and `..` resolved: its nearest existing
/// ancestor is canonicalised and the rest appended. A `..` after a folder that
/// does not exist yet cancels that folder, as it will once the folder is made.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut resolved = PathBuf::new();
    // How many trailing components of `resolved` do not exist (yet).
    let mut missing = 0usize;
    for c in absolute.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => resolved.push(c.as_os_str()),
            Component::CurDir => {}
            // Either a folder still to be made, or `resolved` is canonical, so
            // its lexical parent is its real parent.
            Component::ParentDir => {
                resolved.pop();
                missing = missing.saturating_sub(1);
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                if missing == 0 {
                    match fs::symlink_metadata(&next) {
                        Ok(_) => {
                            resolved = fs::canonicalize(&next)?;
                            continue;
                        }
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                }
                resolved = next;
                missing += 1;
            }
        }
    }
    Ok(resolved)
}

fn home() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    let home = PathBuf::from(home);
    if home.is_absolute() { resolve(&home).ok() } else { None }
}

/// Refuse an output folder that must never be replaced, whatever the flags:
/// check the paths only (`root` and `output` already resolved).
pub fn check_location(root: &Path, output: &Path) -> Result<(), UnsafeOutput> {
    let out = || output.to_path_buf();
    if output.parent().is_none() {
        return Err(UnsafeOutput::FilesystemRoot { output: out() });
    }
    let home = home();
    if home.as_deref() == Some(output) {
        return Err(UnsafeOutput::Home { output: out() });
    }
    if output == root {
        return Err(UnsafeOutput::SiteRoot { output: out() });
    }
    let protected = [
        (Protected::Content, root.join("content")),
        (Protected::Themes, root.join("themes")),
    ]
    .map(|(kind, folder)| (kind, resolve(&folder).unwrap_or(folder)));
    for (kind, folder) in &protected {
        let relation = if output == folder {
            Relation::Is
        } else if output.starts_with(folder) {
            Relation::Inside
        } else {
            continue;
        };
        return Err(UnsafeOutput::Protected {
            output: out(),
            folder: folder.clone(),
            kind: *kind,
            relation,
        });
    }
    if root.starts_with(output) {
        return Err(UnsafeOutput::ContainsSiteRoot {
            output: out(),
            root: root.to_path_buf(),
        });
    }
    for (kind, folder) in protected {
        if folder.starts_with(output) {
            return Err(UnsafeOutput::Protected {
                output: out(),
                folder,
                kind,
                relation: Relation::Contains,
            });
        }
    }
    if let Some(home) = home.filter(|h| h.starts_with(output)) {
        return Err(UnsafeOutput::ContainsHome { output: out(), home });
    }
    Ok(())
}

/// Refuse to replace what is at `output` (resolved) unless it is missing, an
/// empty folder, a folder holding the marker, or `force` is set (a file is
/// refused even then).
pub fn check_contents(output: &Path, force: bool) -> Result<(), WriteError> {
    let io_err = |e| WriteError::io(format!("could not read {}", output.display()), e);
    let meta = match fs::metadata(output) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(e)),
    };
    if !meta.is_dir() {
        return Err(UnsafeOutput::NotAFolder {
            output: output.to_path_buf(),
        }
        .into());
    }
    if force || fs::symlink_metadata(output.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let empty = fs::read_dir(output).map_err(io_err)?.next().is_none();
    if empty {
        Ok(())
    } else {
        Err(UnsafeOutput::NotOurs {
            output: output.to_path_buf(),
        }
        .into())
    }
}

/// Both resolved paths, or the error of resolving them.
pub fn resolve_both(root: &Path, output: &Path) -> Result<(PathBuf, PathBuf), WriteError> {
    let r = |p: &Path, what: &str| {
        resolve(p).map_err(|e| WriteError::io(format!("could not find {what} {}", p.display()), e))
    };
    Ok((r(root, "the site's folder")?, r(output, "the output folder")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_follows_dots_and_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(base.join("a")).unwrap();
        assert_eq!(resolve(&base.join("a/./../a")).unwrap(), base.join("a"));
        assert_eq!(resolve(&base.join("a/new/deeper/..")).unwrap(), base.join("a/new"));
        assert_eq!(resolve(&base.join("a/new/../../a/x")).unwrap(), base.join("a/x"));
        assert_eq!(resolve(Path::new("/..")).unwrap(), PathBuf::from("/"));
    }

    #[cfg(unix)]
    #[test]
    fn resolve_follows_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(base.join("site/content")).unwrap();
        std::os::unix::fs::symlink(base.join("site/content"), base.join("link")).unwrap();
        assert_eq!(resolve(&base.join("link")).unwrap(), base.join("site/content"));
        assert_eq!(resolve(&base.join("link/../x")).unwrap(), base.join("site/x"));
        let root = base.join("site");
        assert!(matches!(
            check_location(&root, &resolve(&base.join("link/meetings")).unwrap()),
            Err(UnsafeOutput::Protected {
                kind: Protected::Content,
                relation: Relation::Inside,
                ..
            })
        ));
    }

    #[test]
    fn locations() {
        let root = PathBuf::from("/srv/site");
        let ok = |o: &str| check_location(&root, Path::new(o));
        assert!(ok("/srv/site/output").is_ok());
        assert!(ok("/srv/other").is_ok());
        assert!(matches!(ok("/"), Err(UnsafeOutput::FilesystemRoot { .. })));
        assert!(matches!(ok("/srv/site"), Err(UnsafeOutput::SiteRoot { .. })));
        assert!(matches!(ok("/srv"), Err(UnsafeOutput::ContainsSiteRoot { .. })));
        assert!(matches!(
            ok("/srv/site/themes/default"),
            Err(UnsafeOutput::Protected {
                kind: Protected::Themes,
                relation: Relation::Inside,
                ..
            })
        ));
        assert!(matches!(
            ok("/srv/site/content"),
            Err(UnsafeOutput::Protected {
                kind: Protected::Content,
                relation: Relation::Is,
                ..
            })
        ));
    }
}
