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

#[test]
fn wikilinks_take_the_targets_title_or_the_given_text_and_ids_may_be_numbers() {
    let s = site("basic");
    let p = s.path();
    put(p, "content/reviews/r/index.md", "---\ntitle: Early help review\n---\n");
    // `id: 1` (a number) is the same id as "1".
    put(
        p,
        "content/reviews/r/recommendations.yaml",
        "made_at: meeting:2020-01-14-scrutiny\nrecommendations:\n  - { id: 1, title: Named contacts, text: T, to: executive }\n",
    );
    put(
        p,
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[rec:r/1]], [[meeting:2020-01-14-scrutiny|the January meeting]] and [[person:ann-ash]].\n",
    );
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let about = read(p, "pages/about/index.html");
    assert!(
        about.contains("<a href=\"/recommendations/r/1/\">Named contacts</a>"),
        "{about}"
    );
    assert!(
        about.contains("<a href=\"/meetings/2020-01-14-scrutiny/\">the January meeting</a>"),
        "{about}"
    );
    assert!(
        about.contains("<a href=\"/people/ann-ash/\">Councillor Ann Ash</a>"),
        "{about}"
    );
    // `made_at: meeting:<id>` and a bare id are the same reference.
    let rec = read(p, "recommendations/r/1/index.html");
    assert!(rec.contains("href=\"/meetings/2020-01-14-scrutiny/\""), "{rec}");
}

#[test]
fn every_entity_has_the_url_its_id_gives() {
    let s = site("sample");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in [
        "committees/children-scrutiny/index.html",
        "people/helen-marsh/index.html",
        "meetings/2020-09-15-children-scrutiny/questions/index.html",
        "reviews/school-exclusions-2019/index.html",
        "pages/about/index.html",
        "work-programmes/children-scrutiny-2020-21/index.html",
        "meetings/2020-01-14-children-scrutiny/index.html",
        "meetings/2020-01-14-children-scrutiny/minutes/index.html",
        "meetings/2020-01-14-children-scrutiny/reports/school-exclusions-review-report/index.html",
        "plans/childrens-improvement-2019-21/index.html",
        "annual-reports/safeguarding-partnership-2019-20/index.html",
        "decisions/index.html",
        "recommendations/index.html",
        "glossary/index.html",
        "404.html",
    ] {
        assert!(s.path().join("output").join(page).exists(), "{page}");
    }
    // Anchored entities: items, minutes and questions on their pages.
    let agenda = read(s.path(), "meetings/2020-01-14-children-scrutiny/index.html");
    assert!(agenda.contains("id=\"item-1\""), "{agenda}");
    let minutes = read(s.path(), "meetings/2020-01-14-children-scrutiny/minutes/index.html");
    assert!(minutes.contains("id=\"minute-"), "{minutes}");
}

#[test]
fn a_reference_from_public_content_to_exempt_content_is_plain_text() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[report:2020-01-14-scrutiny/disposal]] and [[item:2020-01-14-scrutiny/item-3]].\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let about = read(s.path(), "pages/about/index.html");
    assert!(about.contains("Disposal of the old depot"), "{about}");
    assert!(
        !about.contains("reports/disposal/") && !about.contains("#item-3"),
        "{about}"
    );
    assert!(!about.contains("SECRET-REPORT-MARKER"));
}

#[test]
fn a_reference_with_an_unknown_kind_is_an_error_naming_the_kinds() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[agenda:2020-01-14-scrutiny]].\n",
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, "content/pages/about.md", 4, "`agenda` is not a kind of reference");
    assert!(
        stdout(&o)
            .contains("committee, person, meeting, item, minute, report, review, rec, plan, dataset, question, page")
    );
}
