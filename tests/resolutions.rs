//! Issue 17, point 5 (in part): a tracked resolution reads as a resolution,
//! with its minute, committee and meeting date in words; `to:` may name an
//! officer (`to: officer` with `to_name`) or a person from people.yaml.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const MINUTES: &str = "content/meetings/2020-01-14-scrutiny/minutes.md";

fn minutes_with_b(b: &str) -> String {
    format!(
        "---\nstatus: approved\napproved_at: 2020-03-10-scrutiny\nattendance:\n  present: [ann-ash, bob-birch]\n  officers: [director]\nresolutions:\n  \"1\":\n    - {{ id: a, text: Noted the apologies. }}\n  \"2\":\n    - {{ id: a, text: Noted the forecast. }}\n    - {{ id: b, text: Requested a report on reserves, track: true, owner: Director of Resources, due: 2020-06-30{b} }}\n---\n## 1. Apologies {{#1 item=1}}\n\nNone.\n\n## 2. Budget monitoring {{#2 item=2}}\n\nNoted.\n"
    )
}

#[test]
fn a_tracked_resolution_is_titled_with_its_minute_committee_and_date() {
    let s = site("basic");
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html");
    assert!(
        page.contains("Resolution SC-2(b), Overview and scrutiny committee, 14 January 2020"),
        "{page}"
    );
}

#[test]
fn to_may_name_an_officer_or_a_person() {
    let s = site("basic");
    put(s.path(), MINUTES, &minutes_with_b(", to: officer, to_name: The Clerk"));
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html").contains("The Clerk"));

    let s = site("basic");
    put(s.path(), MINUTES, &minutes_with_b(", to: director"));
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html").contains("Director of Resources"));
    // …and the person's page lists the recommendation as referring to them.
    assert!(read(s.path(), "people/director/index.html").contains("recommendations/2020-01-14-scrutiny/2/b/"));

    let got = check_with(&[(MINUTES, &minutes_with_b(", to: offcer"))]);
    assert_eq!(
        got,
        [format!(
            "::error file={MINUTES},line=12,col=118::`offcer` is not an addressee (help: did you mean `officer`?)"
        )]
    );
}
