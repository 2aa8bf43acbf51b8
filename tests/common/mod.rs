//! Helpers for integration tests: copy a test site into a temporary folder,
//! change files in it, run the real binary, read the output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub mod server;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("output") || rel.starts_with("target") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of a site under `tests/sites/<name>` (or the sample site for "sample").
pub fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    if name == "sample" {
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    } else {
        copy_dir(&repo().join("tests/sites").join(name), dir.path());
    }
    dir
}

/// Write (or replace) a file in a site.
pub fn put(site: &Path, rel: &str, text: &str) {
    let p = site.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

pub fn minutebook(args: &[&str]) -> Output {
    Command::cargo_bin("minutebook").unwrap().args(args).output().unwrap()
}

/// Build `site` into `<site>/output`; returns the process output.
pub fn build(site: &Path, extra: &[&str]) -> Output {
    let root = site.to_str().unwrap();
    let mut args = vec!["build", "--root", root];
    args.extend_from_slice(extra);
    minutebook(&args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// A source file of `site`, as it is now.
pub fn source(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join("output").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every output file: path → bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// The built `minutebook` binary, for tests that start it themselves
/// (to set its working folder or environment, or to run several at once).
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_minutebook"))
}

/// Copy the site `name` (as [`site`] does) into the folder `dest`.
pub fn site_at(name: &str, dest: &Path) {
    if name == "sample" {
        copy_dir(&repo().join("content"), &dest.join("content"));
        std::fs::copy(repo().join("site.yaml"), dest.join("site.yaml")).unwrap();
    } else {
        copy_dir(&repo().join("tests/sites").join(name), dest);
    }
}

/// Every entry under `dir` (folders, files, symlinks): path → file bytes, or
/// the link target for a symlink, or nothing for a folder. For asserting that
/// a folder was left exactly as it was.
pub fn entries(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut v: Vec<(String, Option<Vec<u8>>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string();
            let ty = e.file_type();
            let content = if ty.is_symlink() {
                Some(
                    std::fs::read_link(e.path())
                        .unwrap()
                        .to_string_lossy()
                        .as_bytes()
                        .to_vec(),
                )
            } else if ty.is_file() {
                Some(std::fs::read(e.path()).unwrap())
            } else {
                None
            };
            (rel, content)
        })
        .collect();
    v.sort();
    v
}

/// `minutebook check --format github` on `site`; returns the process output.
pub fn check(site: &Path, extra: &[&str]) -> Output {
    let root = site.to_str().unwrap();
    let mut args = vec!["check", "--root", root, "--format", "github"];
    args.extend_from_slice(extra);
    minutebook(&args)
}

/// Is there a GitHub annotation of `level` (`error`, `warning`) at `file:line`
/// whose text mentions `words` (case-insensitive)?
pub fn annotated(out: &Output, level: &str, file: &str, line: usize, words: &str) -> bool {
    let prefix = format!("::{level} file={file},line={line},");
    stdout(out)
        .lines()
        .any(|l| l.starts_with(&prefix) && l.to_lowercase().contains(&words.to_lowercase()))
}

/// Assert an error at `file:line` mentioning `words`, and a failing exit code.
pub fn assert_error_at(out: &Output, file: &str, line: usize, words: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", stdout(out));
    assert!(
        annotated(out, "error", file, line, words),
        "expected an error at {file}:{line} mentioning {words:?}, got:\n{}",
        stdout(out)
    );
}

/// Assert a warning at `file:line` mentioning `words`.
pub fn assert_warning_at(out: &Output, file: &str, line: usize, words: &str) {
    assert!(
        annotated(out, "warning", file, line, words),
        "expected a warning at {file}:{line} mentioning {words:?}, got:\n{}",
        stdout(out)
    );
}

/// Every annotation line of a `--format github` run, in order: for asserting
/// the exact diagnostics (how many, where, and their words).
pub fn annotations(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(str::to_string)
        .collect()
}

/// Check the basic site with the files `changes` replaced; the annotations.
pub fn check_with(changes: &[(&str, &str)]) -> Vec<String> {
    let s = site("basic");
    for (rel, text) in changes {
        put(s.path(), rel, text);
    }
    annotations(&check(s.path(), &[]))
}
