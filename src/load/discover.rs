//! Walking `content/`: every file is classified by where it lives, or
//! reported. Nothing is dropped without a word: a file outside the content
//! model, a symbolic link leading out of the site, a folder or file whose
//! name cannot be an id (it becomes part of a web address), and a hidden
//! file or folder (name starting with `.`) are each reported — except the
//! housekeeping files that editors, operating systems and version control
//! leave behind (`.DS_Store`, `.git`, swap files …), which are skipped quietly.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::classify::{FileKind, classify};
use super::primitives::id_problem;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Files found under `content/`, classified, in a stable order. Files that
/// cannot be used (their folder's name is not an id) go to `failed`, so that
/// references to what they define are not reported again.
pub fn discover(
    root: &Path,
    diags: &mut Diagnostics,
    failed: &mut Vec<(String, FileKind)>,
) -> Vec<(String, FileKind, PathBuf)> {
    let content = root.join("content");
    let canonical_content = content.canonicalize().unwrap_or_else(|_| content.clone());
    let mut found = Vec::new();
    let mut hidden = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() == 0 || !name.starts_with('.') {
                return true;
            }
            if !is_housekeeping(&name) {
                hidden.push((e.path().to_path_buf(), e.file_type().is_dir()));
            }
            false
        });
    let mut bad_names = BTreeSet::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(|p| rel_of(root, p)).unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::error(at, 1, 1, format!("cannot read this path: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let file = rel_of(root, path);
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_content) => {
                    if target.is_dir() {
                        diags.push(
                            Diagnostic::error(&file, 1, 1, "a symbolic link to a folder is not followed")
                                .with_help("move the folder here instead of linking to it"),
                        );
                        continue;
                    }
                }
                _ => {
                    diags.push(
                        Diagnostic::error(&file, 1, 1, "this symbolic link leads outside content/")
                            .with_help("copy the file into the site instead of linking to it"),
                    );
                    continue;
                }
            }
        } else if entry.file_type().is_dir() {
            let name = entry.file_name().to_string_lossy();
            if entry.depth() > 0 && [".md", ".yaml", ".yml"].iter().any(|e| name.ends_with(e)) {
                diags.push(
                    Diagnostic::warning(&file, 0, 0, "this is a folder, but its name is a document's name")
                        .with_help("rename the folder, or replace it with the document it is named after"),
                );
            }
            continue;
        } else if !entry.file_type().is_file() {
            diags.push(
                Diagnostic::error(
                    &file,
                    0,
                    0,
                    "this is not an ordinary file (a pipe, socket or device), so it cannot be read",
                )
                .with_help("replace it with an ordinary file, or remove it from content/"),
            );
            continue;
        }
        let Ok(inner) = path.strip_prefix(&content) else {
            continue;
        };
        let rel = inner.to_string_lossy().replace('\\', "/");
        let kind = classify(&rel);
        if kind == FileKind::Unknown {
            diags.push(
                Diagnostic::warning(
                    &file,
                    0,
                    0,
                    "this file is not part of the content model and was not published",
                )
                .with_help("see docs/authoring.md for where each kind of document lives"),
            );
            continue;
        }
        if let Some((name, what, problem)) = bad_name(&kind) {
            // One error per bad name, at the first file that shows it.
            if bad_names.insert(name.to_string()) {
                diags.push(
                    Diagnostic::error(
                        &file,
                        1,
                        1,
                        format!("the {what} name `{name}` cannot be an id: {problem}"),
                    )
                    .with_help(format!(
                        "rename the {what}: its name is part of the web address; use letters, digits and `-`, e.g. `{}`",
                        suggested_id(name)
                    )),
                );
            }
            failed.push((file, kind));
            continue;
        }
        found.push((file, kind, path.to_path_buf()));
    }
    for (path, is_dir) in hidden {
        let file = rel_of(root, &path);
        let message = if is_dir {
            "this folder starts with `.`, so it was skipped with everything in it: nothing of it is published"
        } else {
            "this file starts with `.`, so it was skipped: nothing of it is published"
        };
        diags.push(
            Diagnostic::warning(&file, 0, 0, message)
                .with_help("remove the leading `.` if it should be published, or move it out of content/"),
        );
    }
    found
}

/// Files and folders that editors, operating systems and version control
/// leave in a folder; never content, so skipped without a word.
fn is_housekeeping(name: &str) -> bool {
    const NAMES: [&str; 16] = [
        ".DS_Store",
        ".git",
        ".gitignore",
        ".gitkeep",
        ".gitattributes",
        ".keep",
        ".svn",
        ".hg",
        ".idea",
        ".vscode",
        ".directory",
        ".Trashes",
        ".Spotlight-V100",
        ".fseventsd",
        ".TemporaryItems",
        ".localized",
    ];
    NAMES.contains(&name)
        // macOS resource forks, Vim swap files, LibreOffice and Emacs locks.
        || name.starts_with("._")
        || [".swp", ".swo", ".swx"].iter().any(|s| name.ends_with(s))
        || name.starts_with(".~lock.")
        || name.starts_with(".#")
}

/// The first folder or file name in `kind` that cannot be an id:
/// (name, "folder" or "file", why).
fn bad_name(kind: &FileKind) -> Option<(&str, &'static str, String)> {
    use FileKind as F;
    let parts: Vec<(&str, &'static str)> = match kind {
        F::Committee { id } | F::Page { id } => vec![(id, "file")],
        F::Meeting { meeting } | F::Minutes { meeting } | F::Questions { meeting } | F::Attachment { meeting } => {
            vec![(meeting, "folder")]
        }
        F::Report { meeting, report } => vec![(meeting, "folder"), (report, "file")],
        F::Appendix { meeting, report, .. } => vec![(meeting, "folder"), (report, "folder")],
        F::ReportDataset {
            meeting,
            report,
            dataset,
        } => vec![(meeting, "folder"), (report, "folder"), (dataset, "file")],
        F::Review { review } | F::Recommendations { review } => vec![(review, "folder")],
        F::PlanIndex { plan } | F::Plan { plan } => vec![(plan, "folder")],
        F::AnnualReport { report } => vec![(report, "folder")],
        F::AnnualDataset { report, dataset } => vec![(report, "folder"), (dataset, "file")],
        F::People | F::Glossary | F::WorkProgramme { .. } | F::Updates { .. } | F::Unknown => Vec::new(),
    };
    parts
        .into_iter()
        .find_map(|(name, what)| id_problem(name).map(|p| (name, what, p)))
}

/// `Early Help 2019` → `early-help-2019`: a name that is a valid id.
fn suggested_id(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim_start_matches('.').chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "my-document".into() } else { out }
}

fn rel_of(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn housekeeping_files_are_known() {
        for n in [
            ".DS_Store",
            ".git",
            "._budget.md",
            ".index.md.swp",
            ".~lock.x.docx#",
            ".#notes.md",
        ] {
            assert!(is_housekeeping(n), "{n}");
        }
        for n in [".drafts", ".budget.md", ".hidden"] {
            assert!(!is_housekeeping(n), "{n}");
        }
    }

    #[test]
    fn bad_names_are_found_and_a_good_one_suggested() {
        let k = classify("reviews/early help/index.md");
        let (name, what, _) = bad_name(&k).unwrap();
        assert_eq!((name, what), ("early help", "folder"));
        assert!(bad_name(&classify("reviews/early-help/index.md")).is_none());
        assert_eq!(suggested_id("Early Help 2019"), "early-help-2019");
    }
}
