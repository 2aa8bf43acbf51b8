//! `build` never replaces a folder it should not, and concurrent or killed
//! builds never corrupt the output: the refusals, the marker file, `--force`,
//! the lock, and recovery from a build killed part-way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const MARKER: &str = ".minutebook-output";
const CHOOSE: &str = "Choose another --output, e.g. output/";

/// `minutebook build ARGS` run in `cwd`, with `HOME` set to `home` if given.
fn run(cwd: &Path, args: &[&str], home: Option<&Path>) -> Output {
    let mut c = Command::new(bin());
    c.current_dir(cwd).arg("build").args(args);
    if let Some(h) = home {
        c.env("HOME", h);
    }
    c.output().unwrap()
}

fn canon(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap()
}

/// A refused build: exit code 1, one line on stderr (refused before the
/// build ran) holding `message`, nothing written, and every file and folder
/// under `watched` exactly as before.
fn assert_refused(cwd: &Path, args: &[&str], home: Option<&Path>, message: &str, watched: &[&Path]) {
    let before: Vec<_> = watched.iter().map(|w| entries(w)).collect();
    let o = run(cwd, args, home);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains(message), "{args:?}: expected {message:?} in {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: refused before building: {err}");
    let after: Vec<_> = watched.iter().map(|w| entries(w)).collect();
    assert!(before == after, "{args:?}: files changed");
}

/// The names beside output folder `name` in `dir` that a build made: `.<name>.*`.
fn siblings(dir: &Path, name: &str) -> Vec<String> {
    let prefix = format!(".{name}.");
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    v.sort();
    v
}

/// The pid of a process that has ended and been reaped.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn refuses_the_content_folder_even_with_force() {
    let s = site("basic");
    let root = s.path();
    let message = format!(
        "refusing to write the site into {}: that folder holds your content. {CHOOSE}",
        canon(&root.join("content")).display()
    );
    for args in [
        &["--output", "content"][..],
        &["--output", "content", "--force"],
        &["--output", "not-yet/../content/", "--force"],
    ] {
        assert_refused(root, args, None, &message, &[root]);
    }
}

#[test]
fn refuses_a_folder_inside_content() {
    let s = site("basic");
    let root = s.path();
    let content = canon(&root.join("content"));
    for (args, output) in [
        (
            &["--output", "content/meetings", "--force"][..],
            content.join("meetings"),
        ),
        (&["--output", "content/new/deeper"], content.join("new/deeper")),
    ] {
        let message = format!(
            "refusing to write the site into {}: that folder is inside your content folder {}. {CHOOSE}",
            output.display(),
            content.display()
        );
        assert_refused(root, args, None, &message, &[root]);
    }
    assert!(!content.join("new").exists());
}

#[test]
fn refuses_the_site_folder() {
    let s = site("basic");
    let root = s.path();
    let message = format!(
        "refusing to write the site into {}: that is the site's own folder (it holds site.yaml and content/). {CHOOSE}",
        canon(root).display()
    );
    for args in [&["--output", "."][..], &["--output", "output/..", "--force"]] {
        assert_refused(root, args, None, &message, &[root]);
    }
    // The same with an absolute --root from elsewhere.
    let root_arg = root.to_str().unwrap();
    let args = ["--root", root_arg, "--output", root_arg, "--force"];
    assert_refused(&std::env::temp_dir(), &args, None, &message, &[root]);
}

#[test]
fn refuses_the_folder_holding_the_site() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    site_at("basic", &root);
    put(outer.path(), "notes.txt", "my own notes\n");
    let message = format!(
        "refusing to write the site into {}: that folder contains the site's folder {}. {CHOOSE}",
        canon(outer.path()).display(),
        canon(&root).display()
    );
    assert_refused(&root, &["--output", "..", "--force"], None, &message, &[outer.path()]);
    let name = outer.path().file_name().unwrap().to_string_lossy().to_string();
    assert!(
        siblings(outer.path().parent().unwrap(), &name).is_empty(),
        "no lock file"
    );
}

#[test]
fn refuses_the_themes_folder() {
    let s = site("basic");
    let root = s.path();
    put(root, "themes/civic/templates/page.html", "<p>my theme</p>\n");
    let themes = canon(&root.join("themes"));
    let message = format!(
        "refusing to write the site into {}: that folder holds your themes. {CHOOSE}",
        themes.display()
    );
    assert_refused(root, &["--output", "themes", "--force"], None, &message, &[root]);
    let message = format!(
        "refusing to write the site into {}: that folder is inside your themes folder {}. {CHOOSE}",
        themes.join("civic").display(),
        themes.display()
    );
    assert_refused(root, &["--output", "themes/civic"], None, &message, &[root]);
}

#[cfg(unix)]
#[test]
fn refuses_content_reached_through_a_symlink() {
    let s = site("basic");
    let root = s.path();
    std::os::unix::fs::symlink(root.join("content"), root.join("www")).unwrap();
    let message = format!(
        "refusing to write the site into {}: that folder holds your content. {CHOOSE}",
        canon(&root.join("content")).display()
    );
    assert_refused(root, &["--output", "www", "--force"], None, &message, &[root]);
}

#[test]
fn refuses_a_folder_minutebook_did_not_create_unless_forced() {
    let s = site("basic");
    let outer = tempfile::tempdir().unwrap();
    let www = outer.path().join("www");
    put(&www, "index.html", "<p>my own home page</p>\n");
    fs::create_dir_all(www.join("photos")).unwrap();
    fs::write(www.join("photos/cat.jpg"), [0xff, 0xd8, 0x00, 0x01]).unwrap();
    let (root, out) = (s.path().to_str().unwrap(), www.to_str().unwrap());

    let message = format!(
        "refusing to replace {}: the folder is not empty and minutebook did not create it (it has no {MARKER} file)",
        canon(&www).display()
    );
    assert_refused(
        outer.path(),
        &["--root", root, "--output", out],
        None,
        &message,
        &[outer.path(), s.path()],
    );
    assert!(stderr(&run(outer.path(), &["--root", root, "--output", out], None)).contains("--force"));

    let o = run(outer.path(), &["--root", root, "--output", out, "--force"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(www.join(MARKER)).unwrap(),
        "This folder is written by minutebook build; it is replaced on every build.\n"
    );
    assert!(!www.join("photos").exists(), "the folder was replaced");
    assert!(build(s.path(), &[]).status.success());
    assert_eq!(tree(&www), tree(&s.path().join("output")));
    assert_eq!(siblings(outer.path(), "www"), [".www.lock"]);
}

#[test]
fn refuses_a_file() {
    let s = site("basic");
    put(s.path(), "notes.txt", "my notes\n");
    let message = format!(
        "refusing to write the site into {}: it is a file, not a folder. {CHOOSE}",
        canon(&s.path().join("notes.txt")).display()
    );
    assert_refused(
        s.path(),
        &["--output", "notes.txt", "--force"],
        None,
        &message,
        &[s.path()],
    );
}

#[test]
fn refuses_the_home_folder_even_with_force() {
    let s = site("basic");
    let outer = tempfile::tempdir().unwrap();
    let home = outer.path().join("home");
    put(&home, "letter.txt", "Dear council\n");
    put(&home, ".config/app.toml", "x = 1\n");
    let root = s.path().to_str().unwrap();
    let message = format!(
        "refusing to write the site into {}: that is your home folder. {CHOOSE}",
        canon(&home).display()
    );
    let args = ["--root", root, "--output", home.to_str().unwrap(), "--force"];
    assert_refused(s.path(), &args, Some(&home), &message, &[outer.path(), s.path()]);
    // A folder holding the home folder is refused too.
    let message = format!(
        "refusing to write the site into {}: that folder contains your home folder {}. {CHOOSE}",
        canon(outer.path()).display(),
        canon(&home).display()
    );
    let args = ["--root", root, "--output", outer.path().to_str().unwrap(), "--force"];
    assert_refused(s.path(), &args, Some(&home), &message, &[outer.path(), s.path()]);
}

#[test]
fn refuses_the_file_system_root_even_with_force() {
    let s = site("basic");
    let listing = || {
        let mut v: Vec<_> = fs::read_dir("/").unwrap().map(|e| e.unwrap().file_name()).collect();
        v.sort();
        v
    };
    let before = listing();
    let message = format!("refusing to write the site into /: that is the root of the file system. {CHOOSE}");
    let root = s.path().to_str().unwrap();
    assert_refused(
        s.path(),
        &["--root", root, "--output", "/", "--force"],
        None,
        &message,
        &[s.path()],
    );
    assert_eq!(before, listing());
}

#[test]
fn rebuilds_into_its_own_output_and_accepts_an_empty_folder() {
    let s = site("basic");
    let out = s.path().join("output");
    assert!(build(s.path(), &[]).status.success());
    assert!(out.join(MARKER).is_file());
    let first = tree(&out);
    put(&out, "stray.html", "left over\n");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(tree(&out), first, "a marked folder is replaced as a whole");

    let empty = s.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let o = build(s.path(), &["--output", empty.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(tree(&empty), first);
    // A new folder under folders that do not exist yet.
    let deep = s.path().join("a/b/site");
    assert!(build(s.path(), &["--output", deep.to_str().unwrap()]).status.success());
    assert_eq!(tree(&deep), first);
    assert_eq!(siblings(&s.path().join("a/b"), "site"), [".site.lock"]);
}

#[test]
fn concurrent_builds_take_turns() {
    let s = site("sample");
    let root = s.path().to_str().unwrap();
    let out = s.path().join("output");
    let start = || {
        Command::new(bin())
            .args(["build", "--root", root, "--output", out.to_str().unwrap()])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (start(), start());
    for o in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let single = s.path().join("single");
    let o = build(s.path(), &["--output", single.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(tree(&out), tree(&single));
    assert_eq!(siblings(s.path(), "output"), [".output.lock"]);
}

/// The sample site with 1500 more free pages, so that writing it takes a while.
fn large_site() -> tempfile::TempDir {
    let s = site("sample");
    let body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ".repeat(25);
    for n in 0..1500 {
        put(
            s.path(),
            &format!("content/pages/p-{n}.md"),
            &format!("---\ntitle: Page {n}\n---\n{body}\n"),
        );
    }
    s
}

#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let s = large_site();
    let out = s.path().join("output");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let snapshot = tree(&out);
    assert!(snapshot.len() > 1500);

    // The next build would change a page; kill it while it writes.
    put(
        s.path(),
        "content/pages/p-0.md",
        "---\ntitle: Page zero, changed\n---\nNew text.\n",
    );
    let mut child = Command::new(bin())
        .args(["build", "--root", s.path().to_str().unwrap()])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let staging = s.path().join(format!(".output.staging-{pid}"));
    let deadline = Instant::now() + Duration::from_secs(60);
    while !staging.exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be killed"
        );
        assert!(Instant::now() < deadline, "no staging folder appeared");
        std::thread::sleep(Duration::from_millis(1));
    }
    std::thread::sleep(Duration::from_millis(30));
    child.kill().unwrap();
    child.wait().unwrap();

    assert!(staging.exists(), "killed before the swap");
    if out.exists() {
        assert!(tree(&out) == snapshot, "the previous output is unchanged");
    } else {
        // Killed between moving the output aside and moving the new one in:
        // the previous output is whole, and the next build moves it back.
        assert!(tree(&s.path().join(format!(".output.old-{pid}"))) == snapshot);
    }

    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(s.path(), "pages/p-0/index.html").contains("Page zero, changed"));
    assert_eq!(
        siblings(s.path(), "output"),
        [".output.lock"],
        "the dead build's folders are cleaned"
    );
}

#[test]
fn a_build_killed_mid_swap_is_recovered_by_the_next() {
    let s = site("basic");
    let out = s.path().join("output");
    assert!(build(s.path(), &[]).status.success());
    let snapshot = tree(&out);
    // What a build killed between its two renames leaves: no output, the
    // previous output moved aside, and its own finished staging folder.
    let pid = dead_pid();
    let old = s.path().join(format!(".output.old-{pid}"));
    fs::rename(&out, &old).unwrap();
    put(s.path(), &format!(".output.staging-{pid}/index.html"), "new\n");
    // Refusals and fast failures do not touch it.
    assert_eq!(run(s.path(), &["--output", "content"], None).status.code(), Some(1));
    assert!(old.exists() && !out.exists());

    let o = build(s.path(), &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "restored {} from {}",
            canon(&out).display(),
            canon(s.path()).join(format!(".output.old-{pid}")).display()
        )),
        "{err}"
    );
    assert_eq!(tree(&out), snapshot);
    assert_eq!(siblings(s.path(), "output"), [".output.lock"]);
}

#[test]
fn a_build_that_fails_after_staging_files_leaves_the_output_and_no_staging_folder() {
    let s = site("basic");
    let out = s.path().join("output");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = tree(&out);
    // A warning is only an error under --strict, decided once every file has
    // been made and stored in the staging folder.
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nWrite to clerk@parish.example with questions.\n",
    );
    let o = build(s.path(), &["--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
    assert_eq!(tree(&out), before, "the previous output is unchanged");
    assert_eq!(
        siblings(s.path(), "output"),
        [".output.lock"],
        "the staging folder is gone"
    );
    // Without --strict the same site is written, the page included.
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(s.path(), "pages/about/index.html").contains("clerk@parish.example"));
    assert_eq!(siblings(s.path(), "output"), [".output.lock"]);
}

#[test]
fn off_a_terminal_build_prints_one_summary_line_and_verbose_adds_stage_times() {
    let s = site("basic");
    for args in [&[][..], &["--quiet"][..]] {
        let o = build(s.path(), args);
        let err = stderr(&o);
        assert!(o.status.success(), "{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        let line = err.lines().next().unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        // wrote N files (P pages) from S source files to DIR in T s
        assert_eq!(words[0], "wrote", "{line}");
        let files: usize = words[1].parse().unwrap();
        let pages: usize = words[3].trim_start_matches('(').parse().unwrap();
        let sources: usize = words[6].parse().unwrap();
        assert_eq!(
            files,
            tree(&s.path().join("output")).len() - 1,
            "all files but the marker: {line}"
        );
        let html = tree(&s.path().join("output"))
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .count();
        assert_eq!(pages, html, "{line}");
        assert_eq!(sources, 12, "the basic site's text files: {line}");
    }
    let o = build(s.path(), &["--verbose"]);
    let err = stderr(&o);
    for stage in [
        "load",
        "resolve",
        "render documents",
        "emit and store",
        "publication audit",
    ] {
        let line = err.lines().find(|l| l.contains(&format!(" s  {stage} (peak memory ")));
        let mb: u64 = line
            .and_then(|l| l.rsplit_once("memory ")?.1.strip_suffix(" MB)")?.parse().ok())
            .unwrap_or_else(|| panic!("--verbose times {stage} with its peak memory: {err}"));
        assert!(mb > 0, "{err}");
    }
    for emitter in ["pages", "search", "feeds", "sitemap"] {
        assert!(
            err.lines().any(|l| l.ends_with(&format!(" s    {emitter}"))),
            "--verbose times the {emitter} emitter: {err}"
        );
    }
}
