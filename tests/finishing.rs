//! Issue 17, point 6 (small finishing): an officer in attendance is shown
//! with their role from people.yaml.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

#[test]
fn officers_in_attendance_show_their_role() {
    let s = site("basic");
    put(
        s.path(),
        "content/people.yaml",
        "- { id: ann-ash, name: Ann Ash, title: Councillor, party: Independent, ward: North }\n- { id: bob-birch, name: Bob Birch, title: Councillor }\n- { id: cat-cedar, name: Cat Cedar, title: Councillor }\n- { id: director, name: Sam Lee, role_title: Director of Resources }\n",
    );
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    assert!(html.contains("Sam Lee, Director of Resources</a>"), "{html}");
}

#[test]
fn next_meeting_links_the_meeting_when_it_is_published() {
    let s = site("sample");
    let o = build(s.path(), &["--as-of", "2021-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2019-06-11-children-scrutiny/index.html");
    assert!(
        page.contains("<a href=\"/meetings/2019-09-17-children-scrutiny/\">Tuesday 17 September 2019</a>"),
        "{page}"
    );
    // Before that meeting's papers are published, the date is plain text.
    let o = build(s.path(), &["--as-of", "2019-06-12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2019-06-11-children-scrutiny/index.html");
    assert!(page.contains("Tuesday 17 September 2019</dd>") && !page.contains("href=\"/meetings/2019-09-17"));
}
