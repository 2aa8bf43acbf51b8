//! Content model section 1: site layout, kinds implied by place, front
//! matter, required fields, encodings and paths.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const REVIEW: &str = "content/reviews/early-help/index.md";
const RECS: &str = "content/reviews/early-help/recommendations.yaml";
const PLAN: &str = "content/plans/improve/plan.yaml";
const PROGRAMME: &str = "content/work-programmes/scrutiny-2019-20.yaml";
const DATASET: &str = "content/annual-reports/ar-2019/data/referrals.yaml";

/// The basic site with one YAML file of each kind that may state its `kind`,
/// each starting with `kind: <kind>`.
fn yaml_kinds(kind: impl Fn(&str) -> String) -> tempfile::TempDir {
    let s = site("basic");
    let p = s.path();
    put(p, REVIEW, "---\ntitle: Early help review\n---\nScope.\n");
    put(
        p,
        RECS,
        &format!(
            "kind: {}\nmade_at: 2020-01-14-scrutiny\nrecommendations:\n  - {{ id: i, text: Do it., to: executive }}\n",
            kind("recommendations")
        ),
    );
    put(
        p,
        PLAN,
        &format!(
            "kind: {}\ntitle: Plan\nperiod: {{ start: 2019-04-01, end: 2020-03-31 }}\naims:\n  - {{ id: \"1\", title: Aim }}\n",
            kind("plan")
        ),
    );
    put(
        p,
        PROGRAMME,
        &format!("kind: {}\ncommittee: scrutiny\nyear: 2019/20\n", kind("work-programme")),
    );
    put(
        p,
        "content/annual-reports/ar-2019/index.md",
        "---\ntitle: Annual report\n---\nText.\n",
    );
    put(
        p,
        DATASET,
        &format!(
            "kind: {}\ntitle: Referrals\nunit: count\ncategories: [Q1]\nseries:\n  - {{ name: All, values: [1] }}\n",
            kind("dataset")
        ),
    );
    s
}

#[test]
fn yaml_files_may_state_their_kind() {
    let s = yaml_kinds(|k| k.to_string());
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(s.path().join("output/plans/improve/index.html").exists());
}

#[test]
fn a_yaml_file_stating_another_kind_is_an_error_at_the_kind_line() {
    let s = yaml_kinds(|_| "page".to_string());
    let o = check(s.path(), &[]);
    for file in [RECS, PLAN, PROGRAMME, DATASET] {
        assert_error_at(&o, file, 1, "says `kind: page`");
    }
}

#[test]
fn hidden_files_and_folders_are_skipped_with_a_warning_but_housekeeping_files_quietly() {
    let s = site("basic");
    let p = s.path();
    put(
        p,
        "content/pages/.draft-page.md",
        "---\ntitle: Hidden\n---\nHIDDEN-MARKER\n",
    );
    put(p, "content/.old/pages/x.md", "---\ntitle: Old\n---\nHIDDEN-MARKER\n");
    put(p, "content/pages/.DS_Store", "\0\0");
    put(p, "content/pages/.about.md.swp", "\0\0");
    put(p, "content/.git/HEAD", "ref: refs/heads/main\n");
    let o = check(p, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_warning_at(&o, "content/pages/.draft-page.md", 1, "starts with `.`");
    assert_warning_at(&o, "content/.old", 1, "folder starts with `.`");
    let out = stdout(&o);
    for quiet in [".DS_Store", ".swp", ".git"] {
        assert!(!out.contains(quiet), "{quiet} is skipped without a word: {out}");
    }
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        tree(&p.join("output"))
            .iter()
            .all(|(_, b)| !String::from_utf8_lossy(b).contains("HIDDEN-MARKER"))
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_change_nothing_in_the_output() {
    let plain = site("basic");
    let bom = site("basic");
    for rel in [
        "content/meetings/2020-01-14-scrutiny/minutes.md",
        "content/meetings/2020-01-14-scrutiny/reports/budget.md",
        "content/people.yaml",
        "site.yaml",
    ] {
        let text = std::fs::read_to_string(plain.path().join(rel)).unwrap();
        put(bom.path(), rel, &format!("\u{feff}{}", text.replace('\n', "\r\n")));
    }
    for s in [&plain, &bom] {
        let o = build(s.path(), &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(tree(&plain.path().join("output")), tree(&bom.path().join("output")));
}

#[test]
fn every_markdown_file_accepts_the_common_front_matter_keys() {
    let common = "kind: {kind}\npublished: 2019-01-01\ndraft: false\nglossary: { ZZQ: A test acronym }\nprivacy: { allow: [x@testford.example], reason: Test. }\n";
    let s = site("basic");
    let p = s.path();
    let add = |rel: &str, kind: &str, extra: &str| {
        let text = std::fs::read_to_string(p.join(rel)).unwrap_or_else(|_| format!("---\n{extra}---\nText.\n"));
        let mut front = common.replace("{kind}", kind);
        if text.contains("\npublished:") {
            front = front.replace("published: 2019-01-01\n", "");
        }
        put(p, rel, &text.replacen("---\n", &format!("---\n{front}"), 1));
    };
    add("content/committees/scrutiny.md", "committee", "");
    add("content/meetings/2020-01-14-scrutiny/index.md", "meeting", "");
    add("content/meetings/2020-01-14-scrutiny/minutes.md", "minutes", "");
    add("content/meetings/2020-01-14-scrutiny/reports/budget.md", "report", "");
    add(
        "content/meetings/2020-01-14-scrutiny/reports/budget/appendix-1.md",
        "appendix",
        "",
    );
    add("content/pages/about.md", "page", "");
    add("content/reviews/r/index.md", "review", "title: Review\n");
    add("content/plans/pl/index.md", "plan", "title: Plan\n");
    put(
        p,
        "content/plans/pl/plan.yaml",
        "title: Plan\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims: []\n",
    );
    add(
        "content/annual-reports/ar/index.md",
        "annual-report",
        "title: Annual report\n",
    );
    let o = check(p, &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Titles are accepted everywhere, including minutes and meetings.
    let minutes = "content/meetings/2020-01-14-scrutiny/minutes.md";
    let text = std::fs::read_to_string(p.join(minutes)).unwrap();
    put(p, minutes, &text.replacen("---\n", "---\ntitle: Minutes\n", 1));
    assert_eq!(check(p, &["--strict"]).status.code(), Some(0));
}

#[test]
fn attachments_are_copied_as_they_are_and_unknown_files_are_reported() {
    let s = site("basic");
    let p = s.path();
    put(
        p,
        "content/meetings/2020-01-14-scrutiny/files/briefing.pdf",
        "%PDF-1.4 BRIEFING",
    );
    put(
        p,
        "content/meetings/2020-01-14-scrutiny/reports/budget/forecast.xlsx",
        "XLSX-BYTES",
    );
    put(p, "content/meetings/2020-01-14-scrutiny/Agenda.docx", "DOCX");
    put(p, "content/notes.txt", "notes");
    let o = check(p, &[]);
    assert_warning_at(
        &o,
        "content/meetings/2020-01-14-scrutiny/Agenda.docx",
        1,
        "not part of the content model",
    );
    assert_warning_at(&o, "content/notes.txt", 1, "not part of the content model");
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = p.join("output/meetings/2020-01-14-scrutiny");
    assert_eq!(
        std::fs::read(out.join("files/briefing.pdf")).unwrap(),
        b"%PDF-1.4 BRIEFING"
    );
    assert_eq!(
        std::fs::read(out.join("reports/budget/forecast.xlsx")).unwrap(),
        b"XLSX-BYTES"
    );
    assert!(!out.join("Agenda.docx").exists());
}
