//! Content model section 8: improvement and action plans (`plans/<plan>/`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const INDEX: &str = "content/plans/improve/index.md";

#[test]
fn a_plan_index_without_plan_yaml_is_an_error_not_a_silent_drop() {
    let s = site("basic");
    put(
        s.path(),
        INDEX,
        "---\npublished: 2019-07-01\n---\nHow we will improve.\n",
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, INDEX, 1, "this plan has no plan.yaml");
    assert!(stdout(&o).contains("content/plans/improve/plan.yaml"), "{}", stdout(&o));
}

#[test]
fn a_broken_plan_yaml_is_reported_once_not_again_as_missing() {
    let s = site("basic");
    put(
        s.path(),
        INDEX,
        "---\npublished: 2019-07-01\n---\nHow we will improve.\n",
    );
    put(
        s.path(),
        "content/plans/improve/plan.yaml",
        "title: P\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims: []\ntitel: X\n",
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, "content/plans/improve/plan.yaml", 4, "unknown key `titel`");
    assert!(!stdout(&o).contains("has no plan.yaml"), "{}", stdout(&o));
}

const PLAN: &str = "content/plans/improve/plan.yaml";
const PLAN_YAML: &str = "title: Improvement plan 2019/20
period: { start: 2019-04-01, end: 2020-03-31 }
committee: scrutiny
aims:
  - id: \"1\"
    title: Families get help early
    actions:
      - id: \"1.1\"
        action: Cut waiting times.
        leads: [Head of early help]
        impact: Families wait less.
        due: 2020-03-31
        measures:
          - id: wait
            name: Days waiting
            unit: days
            polarity: lower-is-better
            target: 20
            baseline: { value: 40, label: 2018/19 }
            values:
              - { as_at: 2019-06-30, value: 35 }
              - { as_at: 2019-09-30, value: 38 }
        progress:
          - { as_at: 2019-09-30, status: amber, text: PROGRESS-MARKER }
";

#[test]
fn a_plan_page_shows_aims_actions_measures_and_the_computed_facts() {
    let s = site("basic");
    let p = s.path();
    put(p, INDEX, "---\ntitle: Another title\n---\nINTRO-MARKER\n");
    put(p, PLAN, PLAN_YAML);
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(p, "plans/improve/index.html");
    for want in [
        "Improvement plan 2019/20",
        "INTRO-MARKER",
        "Families get help early",
        "Cut waiting times.",
        "Head of early help",
        "Families wait less.",
        "Days waiting",
        "Lower is better",
        "2019/20 Q1",
        "2019/20 Q2",
        "Improving",
        "Getting worse",
        "<svg",
        "PROGRESS-MARKER",
        "Amber",
        "href=\"/committees/scrutiny/\"",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    assert!(!page.contains("Another title"), "plan.yaml's title is the one used");

    // Quarters follow financial_year_start.
    let site_yaml = std::fs::read_to_string(p.join("site.yaml")).unwrap();
    put(p, "site.yaml", &format!("{site_yaml}financial_year_start: \"01-01\"\n"));
    assert!(build(p, &[]).status.success());
    let page = read(p, "plans/improve/index.html");
    assert!(page.contains("2019 Q2") && page.contains("2019 Q3"), "{page}");
    assert!(
        !page.contains("2019/20 Q1"),
        "30 June is Q2 of a year starting in January: {page}"
    );
}

#[test]
fn a_plan_index_needs_no_title() {
    let s = site("basic");
    put(s.path(), INDEX, "---\npublished: 2019-07-01\n---\nIntro.\n");
    put(s.path(), PLAN, PLAN_YAML);
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}
