//! Content model section 2: site.yaml.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const SITE: &str = "title: Testford Borough Council papers\nbase_url: https://papers.testford.example\nminute_number: \"SC-{n}\"\nprivacy:\n  allow: [ds@testford.example]\n";
const NEXT: &str = "content/meetings/2020-03-10-scrutiny/index.md";

/// Today's date in `zone`, as the build should see it.
fn today_in(zone: &str) -> String {
    let tz = jiff::tz::db().get(zone).unwrap();
    jiff::Timestamp::now().to_zoned_datetime(tz).date().to_string()
}

#[test]
fn today_is_the_date_in_the_site_time_zone() {
    // Kiritimati (UTC+14) is always at least a day ahead of Pago Pago (UTC-11).
    let ahead = today_in("Pacific/Kiritimati");
    let s = site("basic");
    let p = s.path();
    put(
        p,
        NEXT,
        &format!(
            "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\npublished: {ahead}\nitems:\n  - {{ n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }}\n---\n"
        ),
    );
    let agenda = p.join("output/meetings/2020-03-10-scrutiny/index.html");

    put(p, "site.yaml", &format!("{SITE}timezone: Pacific/Kiritimati\n"));
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(agenda.exists(), "published today in Kiritimati");

    put(p, "site.yaml", &format!("{SITE}timezone: Pacific/Pago_Pago\n"));
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!agenda.exists(), "still yesterday in Pago Pago, so not yet published");
}

#[test]
fn an_unknown_time_zone_is_an_error_with_a_suggestion() {
    let s = site("basic");
    put(s.path(), "site.yaml", &format!("{SITE}timezone: Europe/Londn\n"));
    let o = check(s.path(), &[]);
    assert_error_at(&o, "site.yaml", 6, "`Europe/Londn` is not a time zone");
    assert!(stdout(&o).contains("did you mean `Europe/London`?"), "{}", stdout(&o));
}

#[test]
fn base_url_must_be_absolute_and_language_and_contact_are_used() {
    let s = site("basic");
    put(s.path(), "site.yaml", "title: T\nbase_url: papers.testford.example\n");
    let o = check(s.path(), &[]);
    assert_error_at(&o, "site.yaml", 2, "is not an absolute URL");

    put(
        s.path(),
        "site.yaml",
        &format!(
            "{SITE}language: cy\ncontact: {{ name: Democratic Services, email: ds@testford.example, phone: 01632 960000 }}\n"
        ),
    );
    let o = build(s.path(), &["--as-of", "2020-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = read(s.path(), "index.html");
    assert!(home.contains("<html lang=\"cy\">"), "{home}");
    assert!(home.contains("Contact Democratic Services"), "{home}");
    assert!(
        home.contains("mailto:ds@testford.example") && home.contains("01632 960000"),
        "{home}"
    );
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://papers.testford.example/\">"),
        "{home}"
    );
}

#[test]
fn a_vocabulary_the_site_gives_replaces_the_default_list() {
    let s = site("basic");
    let p = s.path();
    put(
        p,
        "site.yaml",
        &format!(
            "{SITE}as_of: 2020-03-01\nvocabularies:\n  decision: {{ accepted: Accepted in full, declined: Declined }}\n"
        ),
    );
    put(p, "content/reviews/r/index.md", "---\ntitle: Review\n---\n");
    let recs = "content/reviews/r/recommendations.yaml";
    let rec = |decision: &str| {
        format!(
            "made_at: 2020-01-14-scrutiny\nrecommendations:\n  - id: i\n    text: T\n    to: executive\n    response: {{ decision: {decision} }}\n"
        )
    };
    put(p, recs, &rec("accepted"));
    let o = build(p, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(p, "recommendations/r/i/index.html").contains("Accepted in full"));

    put(p, recs, &rec("agreed"));
    let o = check(p, &[]);
    assert_error_at(&o, recs, 6, "`agreed` is not in the site's `decision` vocabulary");
}

#[test]
fn an_unknown_key_in_site_yaml_is_an_error_with_did_you_mean_at_any_depth() {
    let s = site("basic");
    put(
        s.path(),
        "site.yaml",
        &format!("{SITE}terminology: {{ chiar: Chairman }}\n"),
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, "site.yaml", 6, "unknown key `chiar`");
    assert!(stdout(&o).contains("did you mean `chair`?"), "{}", stdout(&o));
    put(s.path(), "site.yaml", &format!("{SITE}time_zone: Europe/London\n"));
    let o = check(s.path(), &[]);
    assert_error_at(&o, "site.yaml", 6, "unknown key `time_zone`");
    assert!(stdout(&o).contains("did you mean `timezone`?"), "{}", stdout(&o));
}

#[test]
fn drafts_true_in_site_yaml_publishes_drafts_marked() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/plans.md",
        "---\ntitle: Plans\ndraft: true\n---\nDRAFT-MARKER\n",
    );
    put(
        s.path(),
        "site.yaml",
        &format!("{SITE}as_of: 2020-03-01\ndrafts: true\n"),
    );
    assert!(build(s.path(), &[]).status.success());
    let page = read(s.path(), "pages/plans/index.html");
    assert!(
        page.contains("DRAFT-MARKER") && page.contains("Draft — not yet approved"),
        "{page}"
    );
}
