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

#[test]
fn attendance_is_resolved_to_people_in_every_block_with_times() {
    let s = site("basic");
    put(
        s.path(),
        MINUTES,
        &minutes().replace(
            "  officers: [director]\n",
            "  substitutes: [{ person: cat-cedar, for: bob-birch }]\n  in_attendance: [bob-birch]\n  officers: [director]\nstarted: \"10:15\"\nended: \"12:45\"\n",
        ),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    for want in [
        "Present",
        "Apologies",
        "Substitutes",
        "In attendance",
        "Officers",
        "10:15am",
        "12:45pm",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    assert!(page.contains("href=\"/people/director/\""), "{page}");
    assert!(page.contains("href=\"/people/cat-cedar/\""), "{page}");

    put(
        s.path(),
        MINUTES,
        &minutes().replace("present: [ann-ash, bob-birch]", "present: [ann-ash, bob-burch]"),
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, MINUTES, 5, "refers to a person that does not exist");
}

#[test]
fn resolutions_render_as_resolved_blocks_and_tracked_ones_become_recommendations() {
    let s = site("basic");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    let minute = page.split("id=\"minute-2\"").nth(1).unwrap();
    assert!(minute.contains(">Resolved</h3>"), "{minute}");
    assert!(minute.contains("Requested a report on reserves"), "{minute}");
    let rec = read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html");
    assert!(rec.contains("Requested a report on reserves"), "{rec}");
    assert!(
        rec.contains("Director of Resources") && rec.contains("30 June 2020"),
        "owner and due: {rec}"
    );
    let register = read(s.path(), "decisions/index.html");
    assert!(register.contains("Noted the forecast"), "{register}");
}

#[test]
fn a_minute_number_repeated_from_an_earlier_meeting_is_a_warning() {
    let s = site("basic");
    let later = "content/meetings/2020-03-10-scrutiny/minutes.md";
    put(
        s.path(),
        later,
        "---\nstatus: draft\n---\n## 2. Minutes {#2 item=1}\n\nApproved.\n",
    );
    let o = check(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_warning_at(&o, later, 4, "minute number 2 was already used");
}

#[test]
fn recommendation_fields_on_an_untracked_resolution_are_a_warning() {
    let s = site("basic");
    put(
        s.path(),
        MINUTES,
        &minutes().replace(
            "    - { id: a, text: Noted the forecast and asked for a PCC update. }",
            "    - { id: a, text: Noted the forecast., to: executive, related: [\"report:2020-01-14-scrutiny/budget\"] }",
        ),
    );
    let o = check(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_warning_at(
        &o,
        MINUTES,
        12,
        "resolution a gives `to`, `related`, which only a tracked resolution uses",
    );
}

#[test]
fn minute_numbers_continue_across_a_committees_meetings() {
    let s = site("basic");
    let later = "content/meetings/2020-03-10-scrutiny/minutes.md";
    put(
        s.path(),
        later,
        "---\nstatus: draft\n---\n## 7. Minutes {#7 item=1}\n\nApproved.\n",
    );
    let o = check(s.path(), &[]);
    assert_warning_at(&o, later, 4, "minute numbers jump from 2 to 7");
    put(
        s.path(),
        later,
        "---\nstatus: draft\n---\n## 3. Minutes {#3 item=1}\n\nApproved.\n",
    );
    let o = check(s.path(), &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "3 follows 2: {}", stdout(&o));
}
