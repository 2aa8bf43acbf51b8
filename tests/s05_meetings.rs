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
