//! Content model section 4: committees and people.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const COMMITTEE: &str = "content/committees/scrutiny.md";

#[test]
fn a_misspelt_membership_role_is_a_warning_with_did_you_mean() {
    let s = site("basic");
    put(
        s.path(),
        COMMITTEE,
        "---\ntitle: Overview and scrutiny committee\ntype: scrutiny\nmembership:\n  - { person: ann-ash, role: chiar }\n---\n",
    );
    let o = check(s.path(), &[]);
    assert_warning_at(&o, COMMITTEE, 5, "`chiar` is not one of the usual roles");
    assert!(stdout(&o).contains("did you mean `chair`?"), "{}", stdout(&o));
}

#[test]
fn terminology_the_site_sets_and_a_committee_overrides_is_used_for_every_role_word() {
    let s = site("basic");
    let p = s.path();
    let site_yaml = std::fs::read_to_string(p.join("site.yaml")).unwrap();
    put(
        p,
        "site.yaml",
        &format!("{site_yaml}terminology: {{ executive: Executive, executive_member: Portfolio holder }}\n"),
    );
    put(
        p,
        "content/committees/cabinet.md",
        "---\ntitle: The executive\ntype: cabinet\nmembership:\n  - { person: ann-ash, role: chair }\n  - { person: bob-birch, role: executive-member }\n---\n",
    );
    let own = std::fs::read_to_string(p.join(COMMITTEE)).unwrap();
    put(
        p,
        COMMITTEE,
        &own.replace(
            "terminology: { chair: Chairman }",
            "terminology: { chair: Chairman, executive: Mayor and Cabinet }",
        ),
    );
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    let cabinet = read(p, "committees/cabinet/index.html");
    assert!(
        cabinet.contains("<span class=\"mb-caption-l\">Executive</span>"),
        "type in the site's word: {cabinet}"
    );
    assert!(
        cabinet.contains("<td>Portfolio holder</td>"),
        "executive_member: {cabinet}"
    );
    let bob = read(p, "people/bob-birch/index.html");
    assert!(bob.contains("Portfolio holder"), "{bob}");

    // The scrutiny committee's own `executive` word, not the site's, for its recommendations.
    let rec = read(p, "recommendations/2020-01-14-scrutiny/2/b/index.html");
    let to = rec.split(">To</dt>").nth(1).unwrap();
    assert!(
        to.starts_with("<dd class=\"mb-summary-list__value\">Mayor and Cabinet</dd>"),
        "{to}"
    );
}

#[test]
fn membership_and_people_show_every_field_and_unknown_people_are_errors() {
    let s = site("basic");
    let p = s.path();
    put(
        p,
        COMMITTEE,
        "---\ntitle: Overview and scrutiny committee\nshort_title: Scrutiny\ntype: scrutiny\nmembership:\n  - { person: ann-ash, role: chair, from: 2019-05-01 }\n  - { person: bob-birch, to: 2019-12-31 }\n  - { person: cat-cedar, role: co-optee, represents: Diocese of Testford }\n---\nThe REMIT-MARKER.\n",
    );
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c = read(p, "committees/scrutiny/index.html");
    assert!(c.contains("REMIT-MARKER"), "the body is the remit");
    assert!(c.contains("From 1 May 2019"), "{c}");
    assert!(c.contains("to 31 December 2019") && c.contains("Former"), "{c}");
    assert!(c.contains("Co-opted member (Diocese of Testford)"), "{c}");
    let ann = read(p, "people/ann-ash/index.html");
    assert!(
        ann.contains("Independent") && ann.contains("North"),
        "party and ward: {ann}"
    );
    let director = read(p, "people/director/index.html");
    assert!(director.contains("Director of Resources"), "an officer by role only");

    put(
        p,
        COMMITTEE,
        "---\ntitle: Overview and scrutiny committee\ntype: scrutiny\nmembership:\n  - { person: ann-ashe }\n---\n",
    );
    let o = check(p, &[]);
    assert_error_at(&o, COMMITTEE, 5, "refers to a person that does not exist");
    // A typed field takes the bare id, so the suggestion is the bare id.
    assert!(stdout(&o).contains("did you mean `ann-ash`?"), "{}", stdout(&o));
}
