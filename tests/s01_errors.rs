//! Content model section 1, errors: syntax errors, required fields and
//! fixed-choice values are told in an author's words at their line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const PLAN: &str = "content/plans/improve/plan.yaml";
const DATASET: &str = "content/annual-reports/ar-2019/data/referrals.yaml";

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

/// `vec![(a, b), …]` of owned strings.
macro_rules! files {
    ($(($rel:expr, $text:expr)),* $(,)?) => {
        vec![$(($rel.to_string(), $text.to_string())),*]
    };
}

/// `check` on the basic site with `rel` replaced by `text`.
fn check_with(rel: &str, text: &str) -> std::process::Output {
    let s = site("basic");
    put(s.path(), rel, text);
    check(s.path(), &[])
}

#[test]
fn syntax_errors_are_told_in_an_authors_words_at_their_line() {
    let page = "content/pages/about.md";
    let cases: [(&str, usize, &str); 7] = [
        ("---\ntitle: About\n  extra: x\n---\n", 3, "indentation"),
        ("---\ntitle: \"About\n---\n", 2, "quote"),
        (
            "---\ntitle: About\n\tdraft: true\n---\n",
            3,
            "a tab is used for indentation",
        ),
        ("---\ntitle: About\ntitle: Again\n---\n", 3, "duplicate key `title`"),
        ("title: About\n", 1, "missing front matter"),
        ("---\ntitle: About\n", 1, "never closed"),
        ("", 1, "the file is empty"),
    ];
    for (text, line, words) in cases {
        let o = check_with(page, text);
        assert_error_at(&o, page, line, words);
        assert!(
            !stdout(&o).contains("serde") && !stdout(&o).contains("saphyr"),
            "{}",
            stdout(&o)
        );
    }
    let o = check_with("content/people.yaml", "");
    assert_error_at(&o, "content/people.yaml", 1, "the file is empty");
}

/// Files to write, the file and line of the expected error, words it holds.
type Case<'a> = (Vec<(String, String)>, &'a str, usize, &'a str);

#[test]
fn a_missing_required_field_is_an_error_for_every_row_of_the_table() {
    let m = "content/meetings/2020-01-14-scrutiny";
    let review = "content/reviews/r/index.md";
    let review_text = "---\ntitle: Review\n---\n";
    let annual = "content/annual-reports/ar/index.md";
    let annual_text = "---\ntitle: Annual\n---\n";
    let recs = "content/reviews/r/recommendations.yaml";
    let plan = "content/plans/pl/plan.yaml";
    let plan_head = "title: P\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims:\n  - id: \"1\"\n    title: A\n    actions:\n      - id: \"1.1\"\n        action: X\n";
    let rec_head = "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - id: i\n    text: T\n    to: executive\n";
    let min = |front: &str| format!("---\n{front}---\n## 1. Apologies {{#1 item=1}}\n\n## 2. Budget {{#2 item=2}}\n");
    let cases: Vec<Case> = vec![
        (
            files![("site.yaml", "base_url: https://x.example\n")],
            "site.yaml",
            1,
            "`title`",
        ),
        (files![("site.yaml", "title: T\n")], "site.yaml", 1, "`base_url`"),
        (
            files![("content/committees/scrutiny.md", "---\ntitle: C\n---\n")],
            "content/committees/scrutiny.md",
            2,
            "`type`",
        ),
        (
            files![("content/people.yaml", "- { name: Ann Ash }\n")],
            "content/people.yaml",
            1,
            "`id`",
        ),
        (
            files![("content/people.yaml", "- { id: ann-ash }\n")],
            "content/people.yaml",
            1,
            "neither `name` nor `role_title`",
        ),
        (
            files![(
                &format!("{m}/index.md"),
                "---\ncommittee: scrutiny\nstatus: held\n---\n"
            )],
            "",
            2,
            "`date`",
        ),
        (
            files![(
                &format!("{m}/index.md"),
                "---\ncommittee: scrutiny\ndate: 2020-01-14\nstatus: held\nitems:\n  - { n: 1 }\n---\n"
            )],
            "",
            6,
            "`title`",
        ),
        (
            files![(
                &format!("{m}/index.md"),
                "---\ncommittee: scrutiny\ndate: 2020-01-14\nstatus: held\nitems:\n  - { title: X }\n---\n"
            )],
            "",
            6,
            "`n`",
        ),
        (
            files![(&format!("{m}/minutes.md"), min("started: \"10:00\"\n"))],
            "",
            2,
            "`status`",
        ),
        (
            files![(&format!("{m}/minutes.md"), min("status: approved\n"))],
            "",
            2,
            "need `approved_at`",
        ),
        (
            files![(&format!("{m}/reports/budget.md"), "---\ntitle: B\n---\n")],
            "",
            2,
            "`classification`",
        ),
        (
            files![(&format!("{m}/reports/budget.md"), "---\nclassification: open\n---\n")],
            "",
            2,
            "`title`",
        ),
        (
            files![(
                &format!("{m}/reports/disposal.md"),
                "---\ntitle: D\nclassification: exempt\n---\n"
            )],
            "",
            3,
            "needs `exempt_paragraph`",
        ),
        (
            files![(
                &format!("{m}/reports/budget.md"),
                "---\ntitle: B\nclassification: open\nappendices:\n  - { id: \"1\", title: A }\n---\n"
            )],
            "",
            5,
            "has no `file`, `url` or `exempt_paragraph`",
        ),
        (
            files![(
                &format!("{m}/reports/budget.md"),
                "---\ntitle: B\nclassification: open\nappendices:\n  - { title: A, url: https://x.example }\n---\n"
            )],
            "",
            5,
            "`id`",
        ),
        (
            files![(
                &format!("{m}/reports/budget.md"),
                "---\ntitle: B\nclassification: open\nappendices:\n  - { id: \"1\", url: https://x.example }\n---\n"
            )],
            "",
            5,
            "`title`",
        ),
        (
            files![(review, review_text), (recs, "recommendations: []\n")],
            recs,
            1,
            "`made_at`",
        ),
        (
            files![(review, review_text), (recs, "made_at: 2020-01-14-scrutiny\n")],
            recs,
            1,
            "`recommendations`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - { id: i, to: executive }\n"
                )
            ],
            recs,
            3,
            "`text`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - { id: i, text: T }\n"
                )
            ],
            recs,
            3,
            "`to`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - { text: T, to: executive }\n"
                )
            ],
            recs,
            3,
            "`id`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - { id: i, text: T, to: external }\n"
                )
            ],
            recs,
            3,
            "needs `to_name`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    format!("{rec_head}    actions:\n      - {{ id: 1, due: 2020-01-01 }}\n")
                )
            ],
            recs,
            7,
            "`action`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    format!("{rec_head}    actions:\n      - {{ id: 1, action: A }}\n")
                )
            ],
            recs,
            7,
            "neither `due` nor `due_text`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    format!(
                        "{rec_head}    actions:\n      - {{ id: 1, action: A, due: 2020-01-01, due_text: Soon }}\n"
                    )
                )
            ],
            recs,
            7,
            "both `due` and `due_text`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    format!("{rec_head}    updates:\n      - {{ status: in-progress }}\n")
                )
            ],
            recs,
            7,
            "`as_at`",
        ),
        (
            files![
                (review, review_text),
                (
                    recs,
                    format!("{rec_head}    updates:\n      - {{ as_at: 2020-01-01 }}\n")
                )
            ],
            recs,
            7,
            "`status`",
        ),
        (
            files![(
                "content/updates/u.yaml",
                "- { as_at: 2020-01-01, status: in-progress }\n"
            )],
            "content/updates/u.yaml",
            1,
            "does not say which recommendation",
        ),
        (files![(plan, "title: P\naims: []\n")], plan, 1, "`period`"),
        (
            files![(plan, "period: { start: 2019-04-01, end: 2020-03-31 }\naims: []\n")],
            plan,
            1,
            "`title`",
        ),
        (
            files![(plan, "title: P\nperiod: { start: 2019-04-01, end: 2020-03-31 }\n")],
            plan,
            1,
            "`aims`",
        ),
        (
            files![(
                plan,
                "title: P\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims:\n  - { title: A }\n"
            )],
            plan,
            4,
            "`id`",
        ),
        (
            files![(plan, format!("{plan_head}      - {{ id: \"1.2\" }}\n"))],
            plan,
            9,
            "`action`",
        ),
        (
            files![(
                plan,
                format!("{plan_head}        measures:\n          - {{ id: m, name: M, polarity: higher-is-better }}\n")
            )],
            plan,
            10,
            "`unit`",
        ),
        (
            files![(
                plan,
                format!("{plan_head}        measures:\n          - {{ id: m, name: M, unit: count }}\n")
            )],
            plan,
            10,
            "`polarity`",
        ),
        (
            files![(
                plan,
                format!(
                    "{plan_head}        measures:\n          - {{ id: m, unit: count, polarity: higher-is-better }}\n"
                )
            )],
            plan,
            10,
            "`name`",
        ),
        (
            files![(
                plan,
                format!(
                    "{plan_head}        measures:\n          - id: m\n            name: M\n            unit: count\n            polarity: higher-is-better\n            values:\n              - {{ value: 3 }}\n"
                )
            )],
            plan,
            15,
            "`as_at`",
        ),
        (
            files![(
                plan,
                format!("{plan_head}        progress:\n          - {{ as_at: 2020-01-01 }}\n")
            )],
            plan,
            10,
            "`status`",
        ),
        (
            files![
                (annual, annual_text),
                (
                    "content/annual-reports/ar/data/d.yaml",
                    "title: T\ncategories: [a]\nseries: []\n"
                )
            ],
            "content/annual-reports/ar/data/d.yaml",
            1,
            "`unit`",
        ),
        (
            files![
                (annual, annual_text),
                (
                    "content/annual-reports/ar/data/d.yaml",
                    "title: T\nunit: count\nseries: []\n"
                )
            ],
            "content/annual-reports/ar/data/d.yaml",
            1,
            "`categories`",
        ),
        (
            files![("content/work-programmes/w.yaml", "committee: scrutiny\n")],
            "content/work-programmes/w.yaml",
            1,
            "`year`",
        ),
        (
            files![("content/work-programmes/w.yaml", "year: 2019/20\n")],
            "content/work-programmes/w.yaml",
            1,
            "`committee`",
        ),
        (
            files![(&format!("{m}/questions.yaml"), "- { id: PQ1, question: Why? }\n")],
            "",
            1,
            "`kind`",
        ),
        (
            files![(&format!("{m}/questions.yaml"), "- { id: PQ1, kind: public }\n")],
            "",
            1,
            "`question`",
        ),
        (
            files![("content/pages/about.md", "---\ndraft: false\n---\n")],
            "content/pages/about.md",
            2,
            "`title`",
        ),
        (
            files![("content/reviews/r/index.md", "---\nform: policy\n---\n")],
            "content/reviews/r/index.md",
            2,
            "`title`",
        ),
        (
            files![("content/annual-reports/ar/index.md", "---\ndraft: false\n---\n")],
            "content/annual-reports/ar/index.md",
            2,
            "`title`",
        ),
        (
            files![(&format!("{m}/reports/budget/appendix-1.md"), "---\ndraft: false\n---\n")],
            "",
            2,
            "`title`",
        ),
    ];
    for (files, at, line, words) in cases {
        let s = site("basic");
        for (rel, text) in &files {
            put(s.path(), rel, text);
        }
        let at = if at.is_empty() { files[0].0.as_str() } else { at };
        let o = check(s.path(), &[]);
        assert_error_at(&o, at, line, words);
    }
}
