//! `build` and `check` hold no source text once a file is parsed
//! (`load::load_lean`): each stage that needs a text again reads the file
//! again, and only if it still holds what was read. These tests show that
//! nothing is found differently that way, and that a file changed in between
//! stops the build instead of being published half-read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::*;
use minutebook::audit;
use minutebook::diagnostics::{Diagnostic, Severity, Sources};
use minutebook::load::Loaded;
use minutebook::render::markdown::Inputs;
use minutebook::render::published::Published;
use minutebook::resolve::Site;
use minutebook::resolve::config::BuildOptions;

const REPORT: &str = "content/meetings/2020-10-15-cabinet/reports/residential-placements-contract-award.md";

fn resolved(loaded: &Loaded) -> Site {
    let (site, d) = minutebook::resolve::resolve(loaded, &BuildOptions::default());
    assert!(!d.has_errors(), "{:?}", d.into_sorted());
    site.expect("the sample resolves")
}

/// Every published document's HTML and text, rendered with `sources`, and
/// what rendering warned about.
fn rendered(site: &Site, sources: &Sources) -> (Vec<(String, String, String)>, Vec<Diagnostic>) {
    let inputs = Inputs::of(site);
    let renderer = inputs.renderer(site, None);
    let (published, d) = Published::build(site, &renderer, sources);
    let docs = published
        .docs
        .iter()
        .map(|doc| {
            (
                doc.url.clone(),
                format!("{:?}", doc.body),
                doc.text.unpack().into_owned(),
            )
        })
        .collect();
    (docs, d)
}

fn privacy(loaded: &Loaded, site: &Site, sources: &Sources) -> Vec<String> {
    let settings = minutebook::resolve::privacy::Settings {
        allow: &site.config.privacy_allow,
        postcodes: site.config.privacy_postcodes,
    };
    minutebook::resolve::privacy::check_kept(loaded, sources, &settings, None)
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.file, d.line, d.column, d.message))
        .collect()
}

/// What the publication audit looks for, in a comparable form.
fn canaries(site: &Site, sources: &Sources) -> (Vec<String>, Vec<String>, Vec<String>, usize) {
    let mut s = audit::secrets::collect(site, sources);
    audit::corpus::drop_in_sources(&mut s, site, sources);
    let mut passages: Vec<String> = s.passages.keys().cloned().collect();
    passages.sort();
    let mut words: Vec<String> = s.words.keys().cloned().collect();
    words.sort();
    (
        s.list.iter().map(|x| x.file.clone()).collect(),
        passages,
        words,
        s.files.len(),
    )
}

#[test]
fn a_lean_load_holds_no_text_and_every_stage_finds_what_it_finds_with_the_texts_held() {
    let dir = site("sample");
    let root = dir.path();
    // Something for the personal-data check to find in a report's body.
    let report = source(root, REPORT);
    put(
        root,
        REPORT,
        &format!("{report}\nWrite to jo.bloggs@gmail.com or call 07700 900123.\n"),
    );

    let (held_loaded, held, d) = minutebook::load::load(root);
    assert!(!d.has_errors());
    let (lean_loaded, lean, d) = minutebook::load::load_lean(root);
    assert!(!d.has_errors());
    let kept: Vec<&String> = lean.iter().map(|(f, _)| f).collect();
    assert_eq!(kept, ["site.yaml"], "no content text is held");
    assert_eq!(lean.len(), held.len(), "every file is known");
    assert!(held.iter().count() > 40);

    let held_site = resolved(&held_loaded);
    let lean_site = resolved(&lean_loaded);
    let body = &lean_site.papers.reports.iter().find(|r| r.file == REPORT).unwrap().body;
    assert!(
        body.text.is_detached() && body.text.is_empty(),
        "the body waits to be read again"
    );

    let found = privacy(&lean_loaded, &lean_site, &lean);
    assert!(found.iter().any(|f| f.starts_with(REPORT)), "{found:?}");
    assert_eq!(found, privacy(&held_loaded, &held_site, &held));

    let lean_canaries = canaries(&lean_site, &lean);
    assert!(
        lean_canaries.0.contains(&REPORT.to_string()),
        "the exempt report is a secret"
    );
    assert!(lean_canaries.1.len() > 10 && lean_canaries.2.len() > 10);
    assert_eq!(lean_canaries, canaries(&held_site, &held));

    let (docs, d) = rendered(&lean_site, &lean);
    assert!(docs.len() > 50);
    assert_eq!((docs, d), rendered(&held_site, &held));
    assert!(lean.changed().is_empty(), "{:?}", lean.changed());
}

#[test]
fn a_file_changed_after_it_was_read_is_an_error_not_a_page_made_from_the_new_text() {
    let dir = site("sample");
    let root: &Path = dir.path();
    let file = "content/pages/about.md";
    let (loaded, sources, _) = minutebook::load::load_lean(root);
    let site = resolved(&loaded);
    // Saved again while the build runs: the front matter the build resolved
    // and the body it would now read no longer belong together.
    let text = source(root, file);
    put(root, file, &format!("{text}\nA paragraph written during the build.\n"));
    let (docs, _) = rendered(&site, &sources);
    assert!(
        docs.iter()
            .all(|(_, _, text)| !text.contains("written during the build")),
        "the new text is not rendered"
    );
    let changed = sources.changed();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].file, file);
    assert_eq!(changed[0].severity, Severity::Error);
    assert!(changed[0].message.contains("changed while the site was being built"));
}

#[test]
fn without_a_usable_temporary_folder_the_build_keeps_rendered_text_in_memory_and_makes_the_same_site() {
    let dir = site("sample");
    let root = dir.path();
    let out = build(root, &["--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let with_spill = tree(&root.join("output"));
    let missing = root.join("no-such-folder");
    let out = std::process::Command::new(bin())
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--output")
        .arg(root.join("output-2"))
        .env("TMPDIR", &missing)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!missing.exists());
    assert_eq!(tree(&root.join("output-2")), with_spill);
}
