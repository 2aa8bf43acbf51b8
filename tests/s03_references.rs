//! Content model section 3: identifiers, references and backlinks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

pub const PLAN: &str = "title: Improvement plan\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims:\n  - id: \"1\"\n    title: Families get help early\n    actions:\n      - { id: \"1.1\", action: Assess within 30 days. }\n";
pub const DATASET: &str =
    "title: Referrals\nunit: count\ncategories: [Q1, Q2]\nseries:\n  - { name: All, values: [1, 2] }\n";

/// The "Referred to in" list of an output page (empty when it has none).
fn referred(site: &std::path::Path, rel: &str) -> String {
    let page = read(site, rel);
    page.split("id=\"referred-to-in\"")
        .nth(1)
        .map_or(String::new(), |r| r.split("</aside>").next().unwrap_or("").to_string())
}

#[test]
fn references_to_plan_aims_actions_and_data_sets_are_listed_on_the_page_that_shows_them() {
    let s = site("basic");
    let p = s.path();
    put(p, "content/plans/improve/plan.yaml", PLAN);
    put(
        p,
        "content/annual-reports/ar-2019/index.md",
        "---\ntitle: Annual report\n---\n```dataset\nreferrals\n```\n",
    );
    put(p, "content/annual-reports/ar-2019/data/referrals.yaml", DATASET);
    put(
        p,
        "content/meetings/2020-01-14-scrutiny/reports/budget/data/spend.yaml",
        DATASET,
    );
    put(
        p,
        "content/pages/aim.md",
        "---\ntitle: Page citing an aim\n---\nSee [[plan:improve/1]].\n",
    );
    put(
        p,
        "content/pages/action.md",
        "---\ntitle: Page citing an action\n---\nSee [[plan:improve/1.1]].\n",
    );
    put(
        p,
        "content/pages/data.md",
        "---\ntitle: Page citing data\n---\n[[dataset:ar-2019/referrals]] and [[dataset:2020-01-14-scrutiny/budget/spend]].\n",
    );
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    let plan = referred(p, "plans/improve/index.html");
    assert!(plan.contains("href=\"/pages/aim/\""), "the aim's reference: {plan}");
    assert!(
        plan.contains("href=\"/pages/action/\""),
        "the action's reference: {plan}"
    );
    let annual = referred(p, "annual-reports/ar-2019/index.html");
    assert!(annual.contains("href=\"/pages/data/\""), "{annual}");
    let report = referred(p, "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(report.contains("href=\"/pages/data/\""), "{report}");
}

#[test]
fn folder_and_file_names_that_are_not_ids_are_errors_at_the_file() {
    let s = site("basic");
    let p = s.path();
    put(
        p,
        "content/reviews/early help/index.md",
        "---\ntitle: Review\n---\nScope.\n",
    );
    put(
        p,
        "content/reviews/early help/recommendations.yaml",
        "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - { id: i, text: Do it., to: executive }\n",
    );
    put(p, "content/plans/Plan 2019!/plan.yaml", PLAN);
    put(
        p,
        "content/annual-reports/ar 2019/index.md",
        "---\ntitle: Annual report\n---\nText.\n",
    );
    put(
        p,
        "content/annual-reports/ar-2019/index.md",
        "---\ntitle: Annual report\n---\nText.\n",
    );
    put(p, "content/annual-reports/ar-2019/data/my data.yaml", DATASET);
    let o = check(p, &[]);
    assert_error_at(
        &o,
        "content/reviews/early help/index.md",
        1,
        "folder name `early help` cannot be an id",
    );
    assert_error_at(&o, "content/plans/Plan 2019!/plan.yaml", 1, "folder name `Plan 2019!`");
    assert_error_at(
        &o,
        "content/annual-reports/ar 2019/index.md",
        1,
        "folder name `ar 2019`",
    );
    assert_error_at(
        &o,
        "content/annual-reports/ar-2019/data/my data.yaml",
        1,
        "file name `my data`",
    );
    let out = stdout(&o);
    assert_eq!(
        out.lines().filter(|l| l.contains("reviews/early help")).count(),
        1,
        "one error for the folder, none for its other files: {out}"
    );
    assert!(out.contains("e.g. `early-help`"), "{out}");
}
