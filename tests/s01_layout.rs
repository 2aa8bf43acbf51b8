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
fn a_misspelt_fixed_choice_value_is_an_error_with_did_you_mean_in_an_authors_words() {
    let meeting = "content/meetings/2020-03-10-scrutiny/index.md";
    let minutes = "content/meetings/2020-01-14-scrutiny/minutes.md";
    let committee = "content/committees/scrutiny.md";
    let report = "content/meetings/2020-01-14-scrutiny/reports/budget.md";
    let questions = "content/meetings/2020-01-14-scrutiny/questions.yaml";
    let plan_head = "title: P\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims:\n  - id: \"1\"\n    title: A\n    actions:\n      - id: \"1.1\"\n        action: X\n        measures:\n";
    let original = |rel: &str| std::fs::read_to_string(repo().join("tests/sites/basic").join(rel)).unwrap();
    let cases: Vec<(&str, String, usize, &str, &str)> = vec![
        (
            meeting,
            original(meeting).replace("status: scheduled", "status: hled"),
            4,
            "hled",
            "held",
        ),
        (
            minutes,
            original(minutes).replace("status: approved", "status: aproved"),
            2,
            "aproved",
            "approved",
        ),
        (
            committee,
            original(committee).replace("type: scrutiny", "type: scrutny"),
            3,
            "scrutny",
            "scrutiny",
        ),
        (
            report,
            original(report).replace("classification: open", "classification: opne"),
            4,
            "opne",
            "open",
        ),
        (
            report,
            original(report).replace("classification: open", "classification: open\ndecision_type: non_key"),
            5,
            "non_key",
            "non-key",
        ),
        (
            questions,
            "- { id: PQ1, kind: pubic, question: Why? }\n".into(),
            1,
            "pubic",
            "public",
        ),
        (
            PLAN,
            format!("{plan_head}          - {{ id: m, name: M, unit: percnt, polarity: higher-is-better }}\n"),
            10,
            "percnt",
            "percent",
        ),
        (
            PLAN,
            format!("{plan_head}          - {{ id: m, name: M, unit: percent, polarity: higher-is-beter }}\n"),
            10,
            "higher-is-beter",
            "higher-is-better",
        ),
        (
            DATASET,
            "title: T\nunit: count\ncategories: [a]\nseries: [{ name: s, values: [1] }]\nchart: lines\n".into(),
            5,
            "lines",
            "line",
        ),
        (
            DATASET,
            "title: T\nunit: count\ncategories: [a]\nseries: [{ name: s, values: [1] }]\ntotal: computd\n".into(),
            5,
            "computd",
            "computed",
        ),
    ];
    for (file, text, line, wrong, right) in cases {
        let s = site("basic");
        put(
            s.path(),
            "content/annual-reports/ar-2019/index.md",
            "---\ntitle: A\n---\n",
        );
        put(s.path(), file, &text);
        let o = check(s.path(), &[]);
        assert_error_at(
            &o,
            file,
            line,
            &format!("`{wrong}` is not one of the values allowed here"),
        );
        let out = stdout(&o);
        assert!(out.contains(&format!("did you mean `{right}`?")), "{out}");
        assert!(!out.contains("variant"), "no parser words: {out}");
    }
}
