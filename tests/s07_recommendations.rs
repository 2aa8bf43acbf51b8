//! Content model section 7: recommendations, responses, actions and updates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const REVIEW: &str = "content/reviews/early-help/index.md";
const RECS: &str = "content/reviews/early-help/recommendations.yaml";

/// The basic site with a review whose recommendations.yaml is `recs`.
fn with_review(recs: &str) -> tempfile::TempDir {
    let s = site("basic");
    put(s.path(), REVIEW, "---\ntitle: Early help review\n---\nScope.\n");
    put(s.path(), RECS, recs);
    s
}

#[test]
fn a_misspelt_addressee_suggests_the_close_one() {
    let s = with_review("made_at: 2020-01-14-scrutiny\nrecommendations:\n  - { id: i, text: Do it., to: executiv }\n");
    let o = check(s.path(), &[]);
    assert_error_at(&o, RECS, 3, "`executiv` is not an addressee");
    assert!(stdout(&o).contains("did you mean `executive`?"), "{}", stdout(&o));
}
