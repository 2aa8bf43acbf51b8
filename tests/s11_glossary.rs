//! Content model section 11: the glossary (`glossary.yaml` and documents'
//! own `glossary:` entries).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const ABOUT: &str = "content/pages/about.md";
const DISPOSAL: &str = "content/meetings/2020-01-14-scrutiny/reports/disposal.md";

#[test]
fn acronyms_a_document_defines_are_on_the_glossary_page_with_that_document() {
    let s = site("basic");
    let p = s.path();
    put(
        p,
        ABOUT,
        "---\ntitle: About\nglossary: { JSNA: Joint strategic needs assessment }\n---\nThe JSNA is published each year.\n",
    );
    put(
        p,
        DISPOSAL,
        "---\ntitle: Disposal of the old depot\nclassification: exempt\nexempt_paragraph: 3\nglossary: { SDX: SECRET-GLOSSARY-MARKER }\n---\nThe SDX.\n",
    );
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    let about = read(p, "pages/about/index.html");
    assert!(
        about.contains("<abbr title=\"Joint strategic needs assessment\">JSNA</abbr>"),
        "{about}"
    );
    let glossary = read(p, "glossary/index.html");
    let entry = glossary
        .split("id=\"term-jsna\"")
        .nth(1)
        .expect("JSNA is listed")
        .split("</div>")
        .next()
        .unwrap();
    assert!(entry.contains("Joint strategic needs assessment"), "{entry}");
    assert!(
        entry.contains("(in <a href=\"/pages/about/\">About</a>)"),
        "defined in: {entry}"
    );
    assert!(entry.contains("Used in:"), "{entry}");
    // The site glossary's entries are still there.
    assert!(glossary.contains("Multi-agency safeguarding hub"));
    // A withheld document's entries are not.
    assert!(
        !glossary.contains("SDX") && !glossary.contains("SECRET-GLOSSARY-MARKER"),
        "{glossary}"
    );
}

#[test]
fn a_document_glossary_entry_with_several_meanings_is_a_warning() {
    let s = site("basic");
    put(
        s.path(),
        ABOUT,
        "---\ntitle: About\nglossary:\n  AP:\n    - { meaning: Alternative provision, where: [pages/about] }\n    - { meaning: Action plan }\n---\nAP.\n",
    );
    let o = check(s.path(), &[]);
    assert_warning_at(&o, ABOUT, 5, "several meanings or a `where`");
}

#[test]
fn a_where_path_that_matches_no_document_is_an_error() {
    let s = site("basic");
    put(
        s.path(),
        "content/glossary.yaml",
        "MASH: Multi-agency safeguarding hub\nPCC:\n  - { meaning: Parochial church council, where: [meetings/2020-01-14-scrutiny/reports/budgit] }\n  - { meaning: Police and crime commissioner }\n",
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, "content/glossary.yaml", 3, "matches no document");
}

#[test]
fn a_where_meaning_applies_at_and_below_its_path_and_the_general_one_elsewhere() {
    let s = site("basic");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(
        report.contains("<abbr title=\"Parochial church council\">PCC</abbr>"),
        "{report}"
    );
    let minutes = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    assert!(
        minutes.contains("<abbr title=\"Police and crime commissioner\">PCC</abbr>"),
        "{minutes}"
    );
}
