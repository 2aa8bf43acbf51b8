//! Issue 17, point 1: hints point the right way. A suggestion takes the form
//! of the place it is for (a bare id in a typed field, `kind:id` in
//! Markdown); no message suggests renaming a folder after a misspelling; a
//! date where a meeting id belongs names the meeting of that date; a minute or
//! recommendation is looked for in its own meeting first; an untracked
//! resolution is said to be untracked, with the minute reference to use.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const AGENDA: &str = "content/meetings/2020-03-10-scrutiny/index.md";
const MINUTES: &str = "content/meetings/2020-01-14-scrutiny/minutes.md";

#[test]
fn a_misspelt_committee_suggests_the_bare_id_and_no_folder_rename() {
    let got = check_with(&[(
        AGENDA,
        "---\ncommittee: scrutny\ndate: 2020-03-10\nstatus: scheduled\nitems:\n  - { n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }\n---\n",
    )]);
    assert_eq!(
        got,
        [format!(
            "::error file={AGENDA},line=2,col=12::`scrutny` refers to a committee that does not exist (help: did you mean `scrutiny`?)"
        )]
    );
}

#[test]
fn a_misspelt_reference_in_markdown_suggests_kind_and_id() {
    let got = check_with(&[(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[committee:scrutny]].\n",
    )]);
    assert_eq!(
        got,
        [
            "::error file=content/pages/about.md,line=4,col=5::`committee:scrutny` refers to a committee that does not exist (help: did you mean `committee:scrutiny`?)"
        ]
    );
}

#[test]
fn a_meeting_date_that_differs_from_the_folder_suggests_correcting_the_date() {
    let got = check_with(&[(
        AGENDA,
        "---\ncommittee: scrutiny\ndate: 2020-03-01\nstatus: scheduled\nitems:\n  - { n: 1, title: Minutes, minutes_of: 2020-01-14-scrutiny }\n---\n",
    )]);
    assert_eq!(
        got,
        [format!(
            "::warning file={AGENDA},line=3,col=7::the meeting's date 2020-03-01 does not match its folder name `2020-03-10-scrutiny` (help: correct `date:` if it is wrong; if the meeting has moved from 2020-03-10, keep the folder and add `rescheduled_from: 2020-03-10`)"
        )]
    );
}

const MINUTES_HEAD: &str = "---\nstatus: approved\napproved_at: 2020-03-10-scrutiny\nresolutions:\n  \"1\":\n    - { id: a, text: Noted. }\n  \"2\":\n    - { id: a, text: Noted the forecast. }\n    - { id: b, text: Requested a report, track: true, owner: Director of Resources, due: 2020-06-30 }\n---\n";

fn minutes_with(text: &str) -> String {
    format!(
        "{MINUTES_HEAD}## 1. Apologies {{#1 item=1}}\n\n{text}\n\n## 2. Budget monitoring {{#2 item=2}}\n\nNoted.\n"
    )
}

#[test]
fn a_date_where_a_meeting_id_belongs_names_the_meeting_of_that_date() {
    let text = minutes_with("None.").replace("approved_at: 2020-03-10-scrutiny", "approved_at: 2020-03-10");
    let got = check_with(&[(MINUTES, &text)]);
    // One message: the agenda approving these minutes does not add a second.
    assert_eq!(
        got,
        [format!(
            "::error file={MINUTES},line=3,col=14::`2020-03-10` is a date, not a meeting id (help: a meeting's id is its folder name: the meeting on that date is `2020-03-10-scrutiny`)"
        )]
    );
    let text = minutes_with("None.").replace("approved_at: 2020-03-10-scrutiny", "approved_at: 2020-03-11");
    let got = check_with(&[(MINUTES, &text)]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].ends_with(
            "(help: a meeting's id is its folder name, `<date>-<committee>`, and no meeting is held on 2020-03-11)"
        ),
        "{got:?}"
    );
}

#[test]
fn a_missing_minute_is_looked_for_in_its_own_meeting() {
    let got = check_with(&[(MINUTES, &minutes_with("See [[minute:2020-01-14-scrutiny/3]]."))]);
    assert_eq!(
        got,
        [format!(
            "::error file={MINUTES},line=13,col=5::`minute:2020-01-14-scrutiny/3` refers to a minute that does not exist (help: the minutes of 2020-01-14-scrutiny are numbered 1, 2; check the number against the page it comes from)"
        )]
    );
}

#[test]
fn a_missing_recommendation_is_looked_for_in_its_own_minute() {
    let got = check_with(&[(MINUTES, &minutes_with("See [[rec:2020-01-14-scrutiny/2/c]]."))]);
    assert_eq!(
        got,
        [format!(
            "::error file={MINUTES},line=13,col=5::`rec:2020-01-14-scrutiny/2/c` refers to a rec that does not exist (help: did you mean `rec:2020-01-14-scrutiny/2/b`?)"
        )]
    );
}

#[test]
fn an_untracked_resolution_is_said_to_be_untracked_with_the_minute_to_link() {
    let got = check_with(&[(MINUTES, &minutes_with("See [[rec:2020-01-14-scrutiny/2/a]]."))]);
    assert_eq!(
        got,
        [format!(
            "::error file={MINUTES},line=13,col=5::resolution a of minute 2 is not tracked, so it is not a recommendation (help: to link the resolution, link its minute: `[[minute:2020-01-14-scrutiny/2]]`; or add `track: true` to it in the minutes to track it)"
        )]
    );
    // In an update's typed `rec:` field, the way is to track it.
    let got = check_with(&[
        (MINUTES, &minutes_with("None.")),
        (
            "content/updates/2020-02.yaml",
            "- rec: 2020-01-14-scrutiny/2/a\n  as_at: 2020-02-01\n  status: in-progress\n  text: Begun.\n",
        ),
    ]);
    assert_eq!(
        got,
        [
            "::error file=content/updates/2020-02.yaml,line=1,col=8::resolution a of minute 2 is not tracked, so it is not a recommendation (help: only a tracked resolution takes updates: add `track: true` to resolution a in the minutes)"
        ]
    );
}
