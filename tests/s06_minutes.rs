//! Content model section 6: minutes (`meetings/<meeting>/minutes.md`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const MINUTES: &str = "content/meetings/2020-01-14-scrutiny/minutes.md";

fn minutes() -> String {
    std::fs::read_to_string(repo().join("tests/sites/basic").join(MINUTES)).unwrap()
}

#[test]
fn a_title_given_in_the_minutes_is_the_page_title_and_link_text() {
    let s = site("basic");
    put(
        s.path(),
        MINUTES,
        &minutes().replacen("---\n", "---\ntitle: Minutes of the special budget meeting\n", 1),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    assert!(
        page.contains("<h1 class=\"mb-heading-xl\">Minutes of the special budget meeting</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<title>Minutes of the special budget meeting –"),
        "{page}"
    );
    let next = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(next.contains(">Minutes of the special budget meeting</a>"), "{next}");
}
