//! Content model section 5: meetings and agendas (`meetings/<meeting>/index.md`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const INDEX: &str = "content/meetings/2020-01-14-scrutiny/index.md";

#[test]
fn an_exempt_report_under_an_open_item_shows_its_title_and_paragraph_only() {
    let s = site("basic");
    put(
        s.path(),
        INDEX,
        "---\ncommittee: scrutiny\ndate: 2020-01-14\nstatus: held\nitems:\n  - { n: 1, title: Apologies for absence }\n  - n: 2\n    title: Budget monitoring\n    reports: [budget, disposal]\n---\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/index.html");
    let item = page.split("id=\"item-2\"").nth(1).unwrap();
    assert!(item.contains("Disposal of the old depot"), "{item}");
    assert!(item.contains(">Exempt</span>"), "{item}");
    assert!(
        item.contains("Exempt under paragraph 3 of Schedule 12A"),
        "the paragraph is shown with the tag: {item}"
    );
    assert!(!item.contains("reports/disposal/"), "never a link: {item}");
    assert!(!page.contains("SECRET-REPORT-MARKER"));
}

const NEXT: &str = "content/meetings/2020-03-10-scrutiny/index.md";

#[test]
fn an_agenda_shows_every_field_the_meeting_gives() {
    let s = site("basic");
    put(
        s.path(),
        NEXT,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\ntime: \"13:00\"\ntime_note: or at the rise of Cabinet\nvenue: Council Chamber\nwebcast: https://webcast.testford.example/m\nstatus: scheduled\ncontact: { name: Jo Clerk, email: ds@testford.example, phone: 01632 960001 }\nprivacy: { allow: [01632 960001], reason: Clerk's work number. }\nitems:\n  - { n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }\n  - n: 4a\n    title: Budget update\n    purpose: To note the PURPOSE-MARKER.\n    pages: \"7 - 12\"\n  - { n: 5, title: Transport, supplement: true }\nnext_meeting: 2020-04-21\n---\nThis meeting will be NOTES-MARKER.\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    for want in [
        "1:00pm",
        "or at the rise of Cabinet",
        "Council Chamber",
        "href=\"https://webcast.testford.example/m\"",
        "Scheduled",
        "Jo Clerk",
        "01632 960001",
        "id=\"item-4a\"",
        "PURPOSE-MARKER",
        "Pages 7 - 12",
        "To follow",
        "Tuesday 21 April 2020",
        "NOTES-MARKER",
    ] {
        assert!(page.contains(want), "{want} missing: {page}");
    }
}

#[test]
fn a_cancelled_meeting_says_so() {
    let s = site("basic");
    put(
        s.path(),
        NEXT,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: cancelled\nitems:\n  - { n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }\n---\n",
    );
    assert!(build(s.path(), &[]).status.success());
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(page.contains("This meeting was cancelled"), "{page}");
}

#[test]
fn agenda_checks_times_paragraphs_reports_and_folder_names() {
    let s = site("basic");
    let p = s.path();
    let head = "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\n";
    put(p, NEXT, &format!("{head}time: 2pm\n---\n"));
    assert_error_at(&check(p, &[]), NEXT, 5, "`2pm` is not a time");
    put(
        p,
        NEXT,
        &format!("{head}items:\n  - {{ n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny, exempt: 9 }}\n---\n"),
    );
    assert_error_at(&check(p, &[]), NEXT, 6, "exempt paragraph 9 does not exist");
    put(
        p,
        NEXT,
        &format!(
            "{head}items:\n  - {{ n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny, reports: [nothing] }}\n---\n"
        ),
    );
    assert_error_at(
        &check(p, &[]),
        NEXT,
        6,
        "`2020-03-10-scrutiny/nothing` refers to a report that does not exist",
    );
    put(
        p,
        NEXT,
        &format!("{head}items:\n  - {{ n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }}\n---\n")
            .replace("date: 2020-03-10", "date: 2020-03-11"),
    );
    assert_warning_at(&check(p, &[]), NEXT, 3, "does not match its folder name");
    put(
        p,
        NEXT,
        &format!("{head}items:\n  - {{ n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }}\n---\n")
            .replace("committee: scrutiny", "committee: nonesuch"),
    );
    assert_error_at(&check(p, &[]), NEXT, 2, "refers to a committee that does not exist");
}

#[test]
fn a_report_no_agenda_item_lists_is_a_warning() {
    let s = site("basic");
    put(
        s.path(),
        "content/meetings/2020-01-14-scrutiny/reports/extra.md",
        "---\ntitle: Extra\nclassification: open\n---\n",
    );
    let o = check(s.path(), &[]);
    assert_warning_at(
        &o,
        "content/meetings/2020-01-14-scrutiny/reports/extra.md",
        1,
        "not on its meeting's agenda",
    );
}
