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
