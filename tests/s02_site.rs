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
