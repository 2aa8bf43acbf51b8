//! Issue 17, point 4: updates on the agenda. An agenda item lists the
//! recommendations whose progress it hears (`updates: [<rec id>, …]`); the
//! meeting page shows each one's update to that meeting (status and rendered
//! text) under the item, and the recommendation's timeline links the item.
//! Updates no item lists stay in "Progress reported to this meeting". A
//! listed recommendation that does not exist, or has no update reported to
//! the meeting, is an error at its place with a did-you-mean; withheld
//! recommendations are never named, and exempt items stay exempt.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const AGENDA: &str = "content/meetings/2020-03-10-scrutiny/index.md";
const MINUTES: &str = "content/meetings/2020-01-14-scrutiny/minutes.md";
const UPDATES: &str = "content/updates/2020-02.yaml";
const REC: &str = "2020-01-14-scrutiny/2/b";

/// The agenda of 10 March 2020 with item 2 given `extra` lines.
fn agenda(extra: &str) -> String {
    format!(
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\nitems:\n  - {{ n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }}\n  - n: 2\n    title: Progress on earlier resolutions\n{extra}---\n"
    )
}

/// An update of resolution 2(b) reported to the meeting `at`.
fn update(at: &str) -> String {
    format!(
        "- rec: {REC}\n  as_at: 2020-02-20\n  status: in-progress\n  at: {at}\n  text: A **draft report** on reserves is with the Director.\n"
    )
}

/// The part of a meeting page for agenda item `n`.
fn item(page: &str, n: u32) -> String {
    let start = page
        .find(&format!("id=\"item-{n}\""))
        .unwrap_or_else(|| panic!("item {n}"));
    let rest = &page[start..];
    rest[..rest.find("</li>").unwrap()].to_string()
}

fn built(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let s = site("basic");
    for (rel, text) in changes {
        put(s.path(), rel, text);
    }
    let o = build(s.path(), &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    s
}

#[test]
fn an_item_shows_the_updates_it_hears_and_the_timeline_links_it() {
    let up = update("2020-03-10-scrutiny");
    let s = built(&[(AGENDA, &agenda(&format!("    updates: [{REC}]\n"))), (UPDATES, &up)]);
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    let two = item(&page, 2);
    assert!(
        two.contains("<a href=\"/recommendations/2020-01-14-scrutiny/2/b/\">Resolution SC-2(b)"),
        "{two}"
    );
    assert!(two.contains(">In progress</strong>"), "{two}");
    assert!(two.contains("Progress as at 20 February 2020"), "{two}");
    // The text is Markdown, rendered.
    assert!(
        two.contains("<p>A <strong>draft report</strong> on reserves is with the Director.</p>"),
        "{two}"
    );
    // Shown under its item, so not again after the last item.
    assert!(!page.contains("Progress reported to this meeting"), "{page}");
    assert_eq!(page.matches("draft report").count(), 1);
    // The recommendation's timeline and update link the item.
    let rec = read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html");
    let timeline = rec
        .split("id=\"timeline\"")
        .nth(1)
        .unwrap()
        .split("</ol>")
        .next()
        .unwrap();
    assert!(
        timeline
            .contains("<a href=\"/meetings/2020-03-10-scrutiny/#item-2\">Item 2: Progress on earlier resolutions</a>"),
        "{timeline}"
    );
    let updates = rec.split("id=\"updates\"").nth(1).unwrap();
    assert!(
        updates.contains("href=\"/meetings/2020-03-10-scrutiny/#item-2\""),
        "{updates}"
    );
    // The printable pack shows it under the item too.
    let pack = read(s.path(), "meetings/2020-03-10-scrutiny/pack/index.html");
    assert!(pack.contains("<strong>draft report</strong>"), "{pack}");
}

#[test]
fn rec_prefix_is_accepted_in_updates() {
    let up = update("2020-03-10-scrutiny");
    let s = built(&[
        (AGENDA, &agenda(&format!("    updates: [\"rec:{REC}\"]\n"))),
        (UPDATES, &up),
    ]);
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(item(&page, 2).contains("draft report"));
}

#[test]
fn an_update_no_item_lists_stays_in_its_own_section() {
    let up = update("2020-03-10-scrutiny");
    let s = built(&[(AGENDA, &agenda("")), (UPDATES, &up)]);
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(!item(&page, 2).contains("mb-update"));
    let section = page
        .split("Progress reported to this meeting")
        .nth(1)
        .expect("the section")
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        section.contains("href=\"/recommendations/2020-01-14-scrutiny/2/b/\""),
        "{section}"
    );
    let rec = read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html");
    assert!(!rec.contains("2020-03-10-scrutiny/#item-2"), "no item to link: {rec}");
}

#[test]
fn a_misspelt_recommendation_suggests_the_one_heard_at_the_meeting() {
    let up = update("2020-03-10-scrutiny");
    let got = check_with(&[
        (AGENDA, &agenda("    updates: [2020-01-14-scrutiny/2/c]\n")),
        (UPDATES, &up),
    ]);
    assert_eq!(
        got,
        [format!(
            "::error file={AGENDA},line=9,col=15::`2020-01-14-scrutiny/2/c` refers to a rec that does not exist (help: did you mean `{REC}`? It has an update reported to this meeting)"
        )]
    );
}

#[test]
fn a_recommendation_without_an_update_at_the_meeting_is_an_error() {
    // Its only update was reported to another meeting.
    let up = update("2020-01-14-scrutiny");
    let got = check_with(&[(AGENDA, &agenda(&format!("    updates: [{REC}]\n"))), (UPDATES, &up)]);
    assert_eq!(
        got,
        [format!(
            "::error file={AGENDA},line=9,col=15::{REC} has no update reported to this meeting (help: its updates were reported to 2020-01-14-scrutiny; give it an update with `at: 2020-03-10-scrutiny` (in updates/*.yaml, or in its own `updates`), or remove it from this item's `updates`)"
        )]
    );
}

#[test]
fn the_wrong_recommendation_suggests_the_one_with_an_update_here() {
    // Two tracked resolutions; only 2(c) has an update at the meeting, and
    // the item lists 2(b).
    let minutes = std::fs::read_to_string(repo().join("tests/sites/basic").join(MINUTES))
        .unwrap()
        .replace(
            "due: 2020-06-30 }\n",
            "due: 2020-06-30 }\n    - { id: c, text: Asked for a report on fees, track: true }\n",
        );
    let up = update("2020-03-10-scrutiny").replace(REC, "2020-01-14-scrutiny/2/c");
    let got = check_with(&[
        (MINUTES, &minutes),
        (AGENDA, &agenda(&format!("    updates: [{REC}]\n"))),
        (UPDATES, &up),
    ]);
    assert_eq!(
        got,
        [format!(
            "::error file={AGENDA},line=9,col=15::{REC} has no update reported to this meeting (help: did you mean `2020-01-14-scrutiny/2/c`? It has an update reported to this meeting)"
        )]
    );
}

#[test]
fn a_supplement_item_waits_for_its_update_and_says_to_follow() {
    let s = built(&[(
        AGENDA,
        &agenda(&format!("    supplement: true\n    updates: [{REC}]\n")),
    )]);
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(item(&page, 2).contains("To follow"), "{page}");
    // Once the update is written, it is no longer to follow.
    let up = update("2020-03-10-scrutiny");
    let s = built(&[
        (
            AGENDA,
            &agenda(&format!("    supplement: true\n    updates: [{REC}]\n")),
        ),
        (UPDATES, &up),
    ]);
    let two = item(&read(s.path(), "meetings/2020-03-10-scrutiny/index.html"), 2);
    assert!(!two.contains("To follow") && two.contains("draft report"), "{two}");
}

#[test]
fn a_recommendation_listed_twice_is_a_warning() {
    let up = update("2020-03-10-scrutiny");
    let text = agenda(&format!(
        "    updates: [{REC}]\n  - n: 3\n    title: Any other business\n    updates: [{REC}]\n"
    ));
    let got = check_with(&[(AGENDA, &text), (UPDATES, &up)]);
    assert_eq!(
        got,
        [format!(
            "::warning file={AGENDA},line=12,col=15::{REC} is listed in `updates` twice on this agenda (help: it is already under item 2; list each recommendation under one item)"
        )]
    );
}

#[test]
fn an_exempt_item_shows_no_updates() {
    let up = update("2020-03-10-scrutiny");
    let text = agenda(&format!("    exempt: 3\n    updates: [{REC}]\n"));
    let got = check_with(&[(AGENDA, &text), (UPDATES, &up)]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(&format!(
            "::warning file={AGENDA},line=10,col=15::item 2 is exempt, so the updates it lists are not shown under it"
        )),
        "{got:?}"
    );
    let s = site("basic");
    put(s.path(), AGENDA, &text);
    put(s.path(), UPDATES, &up);
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    let two = item(&page, 2);
    assert!(!two.contains("draft report") && !two.contains("mb-update"), "{two}");
    // The update, public on its recommendation's page, is listed as before.
    assert!(page.contains("Progress reported to this meeting"));
    let rec = read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html");
    assert!(
        !rec.contains("2020-03-10-scrutiny/#item-2"),
        "the exempt item is not linked: {rec}"
    );
}

#[test]
fn a_recommendation_not_yet_public_is_not_named_under_the_item() {
    // The minutes that made the resolution are embargoed until December.
    let minutes = std::fs::read_to_string(repo().join("tests/sites/basic").join(MINUTES))
        .unwrap()
        .replacen("status: approved\n", "status: approved\npublished: 2020-12-01\n", 1);
    let up = update("2020-03-10-scrutiny");
    let s = built(&[
        (MINUTES, &minutes),
        (AGENDA, &agenda(&format!("    updates: [{REC}]\n"))),
        (UPDATES, &up),
    ]);
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(!item(&page, 2).contains("mb-update"), "{page}");
    for (path, bytes) in tree(&s.path().join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("draft report"), "{path} shows the withheld update");
        assert!(
            !text.contains("Resolution SC-2(b)"),
            "{path} names the withheld resolution"
        );
    }
}

#[test]
fn an_updates_file_that_fails_to_load_is_the_one_message() {
    let got = check_with(&[
        (AGENDA, &agenda(&format!("    updates: [{REC}]\n"))),
        (UPDATES, "- rec: \"unclosed\n"),
    ]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(&format!("::error file={UPDATES},line=1,")),
        "{got:?}"
    );
}
