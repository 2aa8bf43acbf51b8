//! Nothing unpublished in any output made for reuse: feeds, calendars, open
//! data, the sitemap and robots.txt. The basic test site has an exempt
//! report (`SECRET-REPORT-MARKER`) and an exempt appendix
//! (`SECRET-APPENDIX-MARKER`); a copy adds a meeting embargoed until 2099
//! with a report of its own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const EMBARGOED: &str = "2020-02-20-scrutiny";

fn with_embargoed_meeting() -> tempfile::TempDir {
    let s = site("basic");
    put(
        s.path(),
        &format!("content/meetings/{EMBARGOED}/index.md"),
        "---\ncommittee: scrutiny\ndate: 2020-02-20\ntime: \"18:00\"\nvenue: EMBARGO-VENUE-MARKER\n\
         status: scheduled\npublished: 2099-01-01\nitems:\n  - n: 1\n    title: EMBARGO-ITEM-MARKER\n    \
         reports: [plans]\n---\nEMBARGO-NOTES-MARKER\n",
    );
    put(
        s.path(),
        &format!("content/meetings/{EMBARGOED}/reports/plans.md"),
        "---\ntitle: EMBARGO-REPORT-TITLE\nclassification: open\n---\nEMBARGO-REPORT-MARKER\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

/// The files made for reuse rather than reading: everything but the pages
/// and static assets (plus the open-data page).
fn reuse_files(site: &std::path::Path) -> Vec<(String, String)> {
    tree(&site.join("output"))
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".html") || p.starts_with("data/") || p.starts_with("data\\"))
        .filter(|(p, _)| !p.starts_with("static"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn no_exempt_or_embargoed_text_in_feeds_calendars_data_or_sitemap() {
    let s = with_embargoed_meeting();
    let files = reuse_files(s.path());
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "sitemap.xml",
        "robots.txt",
        "feeds/papers.xml",
        "feeds/decisions.xml",
        "meetings.ics",
        "committees/scrutiny/meetings.ics",
        "data/meetings.json",
        "data/agenda-items.csv",
        "data/popolo.json",
        "data/index.html",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    for (path, text) in &files {
        for marker in [
            "SECRET-REPORT-MARKER",
            "SECRET-APPENDIX-MARKER",
            "Legal advice",
            EMBARGOED,
            "EMBARGO-VENUE-MARKER",
            "EMBARGO-ITEM-MARKER",
            "EMBARGO-NOTES-MARKER",
            "EMBARGO-REPORT-TITLE",
            "EMBARGO-REPORT-MARKER",
        ] {
            assert!(!text.contains(marker), "`{marker}` is in {path}");
        }
    }
    // The exempt report is not a paper of the feeds, nor a page of the sitemap.
    let papers = read(s.path(), "feeds/papers.xml");
    assert!(!papers.contains("Disposal of the old depot"), "{papers}");
    assert!(!read(s.path(), "sitemap.xml").contains("disposal"));
}

#[test]
fn on_its_publication_day_the_embargoed_meeting_appears() {
    let s = with_embargoed_meeting();
    let o = build(s.path(), &["--as-of", "2099-01-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(s.path(), "feeds/papers.xml").contains(EMBARGOED));
    assert!(read(s.path(), "sitemap.xml").contains(EMBARGOED));
}
