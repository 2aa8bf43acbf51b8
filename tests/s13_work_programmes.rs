//! Content model section 13: work programmes (`work-programmes/*.yaml`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const PROGRAMME: &str = "content/work-programmes/scrutiny-2019-20.yaml";

#[test]
fn every_item_field_is_shown_notes_included() {
    let s = site("basic");
    put(
        s.path(),
        PROGRAMME,
        "committee: scrutiny\nyear: 2019/20\nmeetings:\n  - date: 2020-01-14\n    despatch: 2020-01-06\n    items:\n      - { title: Budget, author: Director of Resources, form: performance, report: 2020-01-14-scrutiny/budget, status: To follow, notes: SCHEDULED-NOTE }\nunscheduled:\n  - { title: Depot, author: Head of Property, form: policy, report: 2020-01-14-scrutiny/budget, status: Proposed, notes: UNSCHEDULED-NOTE }\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "work-programmes/scrutiny-2019-20/index.html");
    let (scheduled, unscheduled) = page.split_once("id=\"unscheduled\"").unwrap();
    for (part, note, author, status) in [
        (scheduled, "SCHEDULED-NOTE", "Director of Resources", "To follow"),
        (unscheduled, "UNSCHEDULED-NOTE", "Head of Property", "Proposed"),
    ] {
        assert!(part.contains(&format!("<td>{note}</td>")), "{part}");
        assert!(part.contains(author), "{part}");
        assert!(part.contains(status), "{part}");
        assert!(
            part.contains("href=\"/meetings/2020-01-14-scrutiny/reports/budget/\""),
            "{part}"
        );
    }
    assert!(scheduled.contains("Performance review") && unscheduled.contains("Policy review and development"));
    assert!(scheduled.contains("Papers published 6 January 2020"), "{scheduled}");
}

#[test]
fn a_programmes_committee_report_and_form_are_checked() {
    let s = site("basic");
    let head = "committee: scrutiny\nyear: 2019/20\nmeetings:\n  - date: 2020-01-14\n    items:\n";
    put(
        s.path(),
        PROGRAMME,
        &format!("{head}      - {{ title: A, form: polcy }}\n"),
    );
    let o = check(s.path(), &[]);
    assert_error_at(
        &o,
        PROGRAMME,
        6,
        "`polcy` is not in the site's `form_of_scrutiny` vocabulary",
    );
    assert!(stdout(&o).contains("did you mean `policy`?"), "{}", stdout(&o));
    put(
        s.path(),
        PROGRAMME,
        &format!("{head}      - {{ title: A, report: 2020-01-14-scrutiny/budgit }}\n"),
    );
    assert_error_at(
        &check(s.path(), &[]),
        PROGRAMME,
        6,
        "refers to a report that does not exist",
    );
    put(s.path(), PROGRAMME, "committee: scrutinee\nyear: 2019/20\n");
    assert_error_at(
        &check(s.path(), &[]),
        PROGRAMME,
        1,
        "refers to a committee that does not exist",
    );
}

#[test]
fn the_address_comes_from_committee_and_year_not_the_file_name() {
    let s = site("basic");
    put(
        s.path(),
        "content/work-programmes/any name at all.yaml",
        "committee: scrutiny\nyear: 2019/20\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        s.path()
            .join("output/work-programmes/scrutiny-2019-20/index.html")
            .exists()
    );
    let committee = read(s.path(), "committees/scrutiny/index.html");
    assert!(
        committee.contains("href=\"/work-programmes/scrutiny-2019-20/\""),
        "{committee}"
    );
}
