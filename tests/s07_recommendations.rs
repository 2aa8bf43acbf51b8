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

const FULL: &str = "made_at: 2020-01-14-scrutiny
recommendations:
  - id: i
    title: Named contacts
    text: That every school has a TEXT-MARKER contact.
    to: external
    to_name: Department for Education
    response:
      decision: partially-agreed
      by: ann-ash
      date: 2020-02-20
      at: 2020-03-10-scrutiny
      text: Partially agreed RESPONSE-MARKER.
    actions:
      - { id: 1, action: Write the template., owner: Learning team, due: 2020-02-01, success: [All schools use it] }
      - { id: 2, action: Review the policy., due_text: When policies are reviewed }
    updates:
      - { as_at: 2020-02-25, status: in-progress, at: 2020-03-10-scrutiny, text: Begun. }
    related: [report:2020-01-14-scrutiny/budget]
";

#[test]
fn a_recommendation_page_shows_every_field_and_the_computed_facts() {
    let s = with_review(FULL);
    let p = s.path();
    // A second update, logged later in updates/, is merged and put in date order.
    put(
        p,
        "content/updates/2020-03.yaml",
        "- { rec: early-help/i, as_at: 2020-01-01, status: completed }\n",
    );
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(p, "recommendations/early-help/i/index.html");
    for want in [
        "TEXT-MARKER",
        "Department for Education",
        "Partially agreed",
        "href=\"/people/ann-ash/\"",
        "20 February 2020",
        "RESPONSE-MARKER",
        "Write the template.",
        "Learning team",
        "1 February 2020",
        "All schools use it",
        "When policies are reviewed",
        "href=\"/meetings/2020-01-14-scrutiny/reports/budget/\"",
        "Days open",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    // Current status is the latest update; the dated action is overdue at as_of
    // (2020-03-01), the one with due_text never is.
    let status = page.split(">Current status</dt>").nth(1).unwrap();
    assert!(status.contains("In progress, as at 25 February 2020"), "{status}");
    let overdue: Vec<&str> = page.split("<tr id=\"action-").skip(1).collect();
    assert!(
        overdue[0].contains("Overdue") && !overdue[1].contains("Overdue"),
        "{page}"
    );
    let updates = page.split("id=\"updates\"").nth(1).unwrap();
    let (first, second) = (
        updates.find("1 January 2020").unwrap(),
        updates.find("25 February 2020").unwrap(),
    );
    assert!(first < second, "updates in date order: {updates}");
    // The report's "Referred to in" names the recommendation (`related`).
    let report = read(p, "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(report.contains("href=\"/recommendations/early-help/i/\""), "{report}");
}

#[test]
fn a_review_shows_its_own_fields() {
    let s = with_review(FULL);
    put(
        s.path(),
        REVIEW,
        "---\ntitle: Early help review\ncommittee: scrutiny\nform: policy\nmembers: [ann-ash, bob-birch]\nstarted: 2019-09-10\ncompleted: 2019-12-12\n---\nSCOPE-MARKER\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "reviews/early-help/index.html");
    for want in [
        "href=\"/committees/scrutiny/\"",
        "Policy review and development",
        "href=\"/people/bob-birch/\"",
        "Started 10 September 2019; completed 12 December 2019",
        "SCOPE-MARKER",
        "Named contacts",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
}

#[test]
fn a_reviews_recommendations_are_published_with_the_later_of_the_two_dates() {
    let s = with_review(FULL);
    let p = s.path();
    // The made_at meeting is published 2020-01-06; the review later.
    put(
        p,
        REVIEW,
        "---\ntitle: Early help review\npublished: 2020-02-15\n---\nScope.\n",
    );
    assert!(build(p, &["--as-of", "2020-02-14"]).status.success());
    assert!(!p.join("output/recommendations/early-help/i/index.html").exists());
    assert!(!p.join("output/reviews/early-help/index.html").exists());
    assert!(build(p, &["--as-of", "2020-02-15"]).status.success());
    assert!(p.join("output/recommendations/early-help/i/index.html").exists());
    // The meeting's date governs when it is the later one.
    put(
        p,
        REVIEW,
        "---\ntitle: Early help review\npublished: 2020-01-01\n---\nScope.\n",
    );
    assert!(build(p, &["--as-of", "2020-01-05"]).status.success());
    assert!(!p.join("output/recommendations/early-help/i/index.html").exists());
}

#[test]
fn a_tracked_resolution_is_published_with_its_minutes() {
    let s = site("basic");
    let p = s.path();
    let minutes = "content/meetings/2020-01-14-scrutiny/minutes.md";
    let text = std::fs::read_to_string(p.join(minutes)).unwrap();
    put(p, minutes, &text.replacen("---\n", "---\npublished: 2020-02-20\n", 1));
    assert!(build(p, &["--as-of", "2020-02-19"]).status.success());
    assert!(
        !p.join("output/recommendations/2020-01-14-scrutiny/2/b/index.html")
            .exists()
    );
    assert!(build(p, &["--as-of", "2020-02-20"]).status.success());
    assert!(
        p.join("output/recommendations/2020-01-14-scrutiny/2/b/index.html")
            .exists()
    );
}

#[test]
fn rec_in_a_recommendations_own_update_is_a_warning() {
    let s = with_review(
        "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - id: i\n    text: T\n    to: executive\n    updates:\n      - { rec: early-help/i, as_at: 2020-02-01, status: in-progress }\n",
    );
    let o = check(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_warning_at(&o, RECS, 7, "`rec` is not used in a recommendation's own updates");
}
