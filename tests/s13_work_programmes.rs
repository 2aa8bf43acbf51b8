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
