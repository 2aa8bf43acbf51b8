//! A rebuild that reuses what the last build kept (`serve`) writes exactly
//! what a cold build of the same files writes, whatever changed in between.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use minutebook::resolve::config::BuildOptions;
use minutebook::{Kept, build, build_keeping};

fn opts() -> BuildOptions {
    BuildOptions {
        as_of: minutebook::load::primitives::Date::parse("2026-11-29").ok(),
        ..BuildOptions::default()
    }
}

/// The output files, and every diagnostic (warnings included).
type Result = (Vec<(String, Vec<u8>)>, Vec<String>);

fn files(root: &Path, kept: Option<&Kept>) -> Result {
    let built = match kept {
        Some(k) => build_keeping(root, &opts(), Some(k)),
        None => build(root, &opts()),
    };
    let errors: Vec<_> = built.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let diags = built
        .diagnostics
        .into_sorted()
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    (built.output.expect("an output").files.into_iter().collect(), diags)
}

fn first_report(root: &Path) -> String {
    let mut reports: Vec<String> = walkdir::WalkDir::new(root.join("content/meetings"))
        .into_iter()
        .flatten()
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().to_string())
        .filter(|p| p.split('/').count() == 5 && p.contains("/reports/") && p.ends_with(".md"))
        .collect();
    reports.sort();
    reports.remove(0)
}

#[test]
fn kept_rebuilds_equal_cold_builds_after_each_change() {
    let site = common::site("sample");
    let root = site.path();
    let kept = Kept::default();
    assert_eq!(files(root, Some(&kept)), files(root, None), "first build");
    let reused_first = kept.render.reused();
    assert_eq!(files(root, Some(&kept)), files(root, None), "nothing changed");
    let reused_unchanged = kept.render.reused();
    let pages_reused = kept.pages.reused();
    // The search index's runs: none indexed again when nothing changed.
    let runs = kept.search.indexed();
    assert!(runs > 1, "runs indexed by the first build: {runs}");
    assert_eq!(kept.search.reused(), runs, "nothing changed, every run reused");

    let report = first_report(root);
    let text = std::fs::read_to_string(root.join(&report)).unwrap();
    let steps: Vec<(&str, String)> = vec![
        (
            "a sentence added to a report",
            format!("{text}\nA sentence added for the test.\n"),
        ),
        (
            "a heading that takes an id another heading had",
            format!("{text}\n## Background\n\nMore.\n\n## Background\n\nAgain.\n"),
        ),
        ("a glossary acronym used first here", format!("{text}\nThe CSE plan.\n")),
        (
            "a title changed (every link to it)",
            text.replacen("title: ", "title: Renamed ", 1),
        ),
        ("put back", text.clone()),
    ];
    for (n, (step, body)) in steps.into_iter().enumerate() {
        common::put(root, &report, &body);
        let indexed = kept.search.indexed();
        assert_eq!(files(root, Some(&kept)), files(root, None), "{step}");
        if n == 0 {
            // One report's text: only the run that holds it is indexed again.
            assert_eq!(kept.search.indexed(), indexed + 1, "{step}");
        }
        if n == 3 {
            // A title: only the fragments that link to the report are
            // rendered again (the links are checked above, against a cold
            // build), not every fragment of the site.
            let reused = kept.render.reused();
            assert!(
                reused + 20 > reused_unchanged,
                "{step}: {reused} fragments reused, {reused_unchanged} with nothing changed"
            );
        }
    }
    let page = "content/pages/kept-test.md";
    common::put(
        root,
        page,
        "---\ntitle: Added while serving\n---\n\nA page added between builds, with an email someone@example.org.\n",
    );
    let added = files(root, Some(&kept));
    assert!(added.1.iter().any(|d| d.contains("kept-test.md")), "{:?}", added.1);
    assert_eq!(added, files(root, None), "a page added");
    std::fs::remove_file(root.join(page)).unwrap();
    assert_eq!(files(root, Some(&kept)), files(root, None), "a page removed");
    assert!(kept.load.len() > 10, "files kept: {}", kept.load.len());

    let glossary = root.join("content/glossary.yaml");
    if let Ok(g) = std::fs::read_to_string(&glossary) {
        std::fs::write(&glossary, g.replacen(": ", ": Changed ", 1)).unwrap();
        assert_eq!(files(root, Some(&kept)), files(root, None), "a glossary entry changed");
    }
    // With nothing changed, fragments came from the memo rather than being
    // rendered again (the first build reuses only what it renders twice).
    assert!(
        reused_unchanged > reused_first + 100,
        "reused {reused_unchanged}, first build {reused_first}"
    );
    assert!(pages_reused > 100, "pages reused {pages_reused}");
}

/// The search index's dictionary after a rebuild that indexed one run
/// again: a word gone from the site is gone from the dictionary, even where
/// another word of the same stem stays, and though the thread that indexed
/// its run in the first build went on to index others.
#[test]
fn a_word_removed_from_one_document_leaves_the_search_dictionary() {
    let site = common::site("basic");
    let root = site.path();
    // Enough documents for more runs than threads index at once.
    let page = |i: usize, extra: &str| {
        format!("---\ntitle: Page {i}\n---\n\nCommon words, and a word of its own: qzv{i}x. {extra}\n")
    };
    for i in 0..600 {
        let extra = match i {
            0 => "Lanterns.",
            599 => "A lantern.",
            _ => "",
        };
        common::put(root, &format!("content/pages/p{i:03}.md"), &page(i, extra));
    }
    let kept = Kept::default();
    let dictionary = |files: &[(String, Vec<u8>)]| {
        let bytes: Vec<u8> = files
            .iter()
            .filter(|(p, _)| p.starts_with("search/dict"))
            .flat_map(|(_, b)| b.clone())
            .collect();
        String::from_utf8_lossy(&bytes).to_string()
    };
    let (first, _) = files(root, Some(&kept));
    assert!(dictionary(&first).contains("\"lanterns\""), "the word is indexed first");
    let runs = kept.search.indexed();
    common::put(root, "content/pages/p000.md", &page(0, ""));
    let (rebuilt, _) = files(root, Some(&kept));
    assert_eq!(kept.search.indexed(), runs + 1, "one run indexed again");
    let now = dictionary(&rebuilt);
    assert!(now.contains("\"lantern\""), "the word of the same stem stays");
    assert!(!now.contains("\"lanterns\""), "the removed word is gone");
    assert!(rebuilt == files(root, None).0, "as a cold build");
}
