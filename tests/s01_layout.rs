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
