//! Issue 17, point 2: one cause, one message. A file that cannot be read is
//! reported once, and nothing it would have defined or referred to is
//! reported again (no "not on its agenda", "not listed", "does not exist"
//! knock-ons). And front matter whose closing `---` is missing, so that it
//! runs into the Markdown text, is told as that, at the opening line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

use std::collections::BTreeMap;

use minutebook::load::classify::{FileKind, classify};

/// The variant name of a file kind: one file of each is broken in turn.
fn variant(k: &FileKind) -> String {
    format!("{k:?}")
        .split([' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// `text` with an unclosed quote on its first field line, which no reader
/// can get past: front matter for Markdown, the first line for YAML.
fn broken(rel: &str, text: &str) -> (String, usize) {
    if rel.ends_with(".md") {
        (text.replacen("---\n", "---\nbroken: \"unclosed\n", 1), 2)
    } else {
        (format!("broken: \"unclosed\n{text}"), 1)
    }
}

#[test]
fn every_file_that_fails_to_load_gives_exactly_one_diagnostic() {
    let s = site("sample");
    let content = s.path().join("content");
    let mut one_of_each: BTreeMap<String, String> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let kind = classify(&rel);
        if matches!(kind, FileKind::Attachment { .. } | FileKind::Unknown) {
            continue;
        }
        one_of_each.entry(variant(&kind)).or_insert(rel);
    }
    assert!(one_of_each.len() >= 15, "{one_of_each:?}");
    let clean = annotations(&check(s.path(), &[]));
    assert!(clean.is_empty(), "{clean:?}");
    let mut failures = Vec::new();
    for (kind, rel) in &one_of_each {
        let path = content.join(rel);
        let original = std::fs::read_to_string(&path).unwrap();
        let (text, line) = broken(rel, &original);
        std::fs::write(&path, text).unwrap();
        let got = annotations(&check(s.path(), &[]));
        std::fs::write(&path, original).unwrap();
        let at = format!("::error file=content/{rel},line={line},");
        if got.len() != 1 || !got[0].starts_with(&at) {
            failures.push(format!("{kind} ({rel}):\n  {}", got.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "expected exactly one error each:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_bad_date_in_an_agenda_is_not_followed_by_reports_off_the_agenda() {
    let m = "content/meetings/2020-01-14-scrutiny/index.md";
    let got = check_with(&[(
        m,
        "---\ncommittee: scrutiny\ndate: 2020-13-14\nstatus: held\nitems:\n  - { n: 1, title: A }\n  - { n: 2, title: B, reports: [budget] }\n---\n",
    )]);
    assert_eq!(
        got,
        [format!(
            "::error file={m},line=3,col=7::`2020-13-14` is not a real date (no such day in the calendar)"
        )]
    );
}

#[test]
fn a_bad_date_in_a_report_is_not_followed_by_appendices_not_listed() {
    let r = "content/meetings/2020-01-14-scrutiny/reports/budget.md";
    let got = check_with(&[(
        r,
        "---\ntitle: Budget\nreport_by: X\nclassification: open\npublished: 2020-13-01\n---\nBody\n",
    )]);
    assert_eq!(
        got,
        [format!(
            "::error file={r},line=5,col=12::`2020-13-01` is not a real date (no such day in the calendar)"
        )]
    );
}

#[test]
fn front_matter_running_into_the_body_is_told_at_the_opening_line() {
    let m = "content/meetings/2020-03-10-scrutiny/index.md";
    let got = check_with(&[(
        m,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\n\n## Notes\n\nThe meeting will be filmed.\n\n---\n\nMore.\n",
    )]);
    assert_eq!(
        got,
        [format!(
            "::error file={m},line=1,col=1::the front matter runs into the Markdown text: no `---` line closes it before line 6 (help: add a line holding only `---` after the last field, before line 6, where the Markdown text seems to start)"
        )]
    );
    // Never closed at all, with text below: the same message.
    let got = check_with(&[(
        m,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\nThe meeting will be filmed.\n",
    )]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains(
            "line=1,col=1::the front matter runs into the Markdown text: no `---` line closes it before line 5"
        ),
        "{got:?}"
    );
}
