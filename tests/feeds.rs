//! Atom feeds on the sample council, read back with a real parser
//! (`feed-rs`): entry counts equal counts made from the content files,
//! entries are newest first and dated from content, ids survive a new base
//! URL and a later `as_of`, and pages link the feeds they belong to.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use std::collections::{BTreeMap, BTreeSet};

use common::*;

const AS_OF: &str = "2021-03-01";

fn built(extra: &[&str]) -> tempfile::TempDir {
    let s = site("sample");
    let mut args = vec!["--as-of", AS_OF];
    args.extend_from_slice(extra);
    let o = build(s.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

fn parse(site: &std::path::Path, rel: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(site.join("output").join(rel)).unwrap();
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn ids(f: &feed_rs::model::Feed) -> Vec<String> {
    f.entries.iter().map(|e| e.id.clone()).collect()
}

/// Every required RFC 4287 element is there, and entries are newest first.
fn check_feed(rel: &str, f: &feed_rs::model::Feed) {
    assert!(f.id.starts_with("tag:papers.wyeford.example,"), "{rel}: {}", f.id);
    assert!(f.title.is_some(), "{rel}: title");
    assert!(!f.authors.is_empty(), "{rel}: author");
    assert!(
        f.links.iter().any(|l| l.rel.as_deref() == Some("self")),
        "{rel}: self link"
    );
    let updated = f.updated.unwrap().date_naive().to_string();
    assert!(updated.as_str() <= AS_OF, "{rel}: feed updated {updated}");
    let mut previous: Option<String> = None;
    let mut seen = BTreeSet::new();
    for e in &f.entries {
        assert!(e.id.starts_with("tag:papers.wyeford.example,"), "{rel}: {}", e.id);
        assert!(seen.insert(e.id.clone()), "{rel}: id twice: {}", e.id);
        assert!(e.title.is_some(), "{rel}: entry title");
        assert!(
            e.links
                .iter()
                .any(|l| l.href.starts_with("https://papers.wyeford.example/")),
            "{rel}: entry link"
        );
        let d = e.updated.unwrap().date_naive().to_string();
        assert!(d.as_str() <= AS_OF, "{rel}: entry dated after as_of: {d}");
        assert!(d <= updated, "{rel}: entry later than the feed");
        if let Some(p) = &previous {
            assert!(d <= *p, "{rel}: not newest first: {d} after {p}");
        }
        previous = Some(d);
    }
}

#[test]
fn feeds_parse_and_hold_the_sample_counted_from_its_files() {
    let s = built(&[]);
    let papers = parse(s.path(), "feeds/papers.xml");
    check_feed("papers", &papers);
    // 16 meeting folders, one published after as_of: 15 agendas; 14 minutes
    // files among them (drafts are published marked as drafts); 13 reports
    // of those meetings, one of them exempt: 12.
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for e in &papers.entries {
        *by_kind.entry(e.categories[0].term.clone()).or_default() += 1;
    }
    assert_eq!(
        by_kind,
        BTreeMap::from([
            ("agenda".to_string(), 15),
            ("minutes".to_string(), 14),
            ("report".to_string(), 12)
        ])
    );
    // Each paper is in its committee's feed, and in no other.
    let mut all: Vec<String> = Vec::new();
    for c in ["cabinet", "children-scrutiny", "health-wellbeing-board"] {
        let rel = format!("feeds/committees/{c}.xml");
        let f = parse(s.path(), &rel);
        check_feed(&rel, &f);
        all.extend(ids(&f));
    }
    all.sort();
    let mut expected = ids(&papers);
    expected.sort();
    assert_eq!(all, expected);
    // 71 resolutions in the 14 minutes files: the feed holds the newest 50.
    let decisions = parse(s.path(), "feeds/decisions.xml");
    check_feed("decisions", &decisions);
    assert_eq!(decisions.entries.len(), 50);
    assert!(decisions.entries.iter().all(|e| e.id.contains(":decision/")));
    // 34 updates: 12 in the reviews' files, 22 in updates/*.yaml.
    let progress = parse(s.path(), "feeds/progress.xml");
    check_feed("progress", &progress);
    assert_eq!(progress.entries.len(), 34);
    assert!(
        progress
            .entries
            .iter()
            .all(|e| e.content.is_some() || e.summary.is_some()),
        "each update says something"
    );
}

#[test]
fn entry_ids_never_change_with_the_base_url_or_a_later_as_of() {
    let s = built(&[]);
    let before: Vec<Vec<String>> = ["feeds/papers.xml", "feeds/decisions.xml", "feeds/progress.xml"]
        .iter()
        .map(|f| ids(&parse(s.path(), f)))
        .collect();
    let bytes = read(s.path(), "feeds/papers.xml");
    let o = build(s.path(), &["--as-of", AS_OF]);
    assert!(o.status.success());
    assert_eq!(bytes, read(s.path(), "feeds/papers.xml"), "byte-identical rebuild");

    let o = build(
        s.path(),
        &["--as-of", AS_OF, "--base-url", "https://example.org/papers"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let moved = parse(s.path(), "feeds/papers.xml");
    assert_eq!(before[0], ids(&moved), "same ids under another base URL");
    assert!(
        moved.entries[0].links[0]
            .href
            .starts_with("https://example.org/papers/meetings/"),
        "links follow the base URL"
    );

    let o = build(s.path(), &["--as-of", "2021-06-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let later = ids(&parse(s.path(), "feeds/papers.xml"));
    let later: BTreeSet<&String> = later.iter().collect();
    for id in &before[0] {
        assert!(later.contains(id), "{id} changed or vanished");
    }
    let progress = ids(&parse(s.path(), "feeds/progress.xml"));
    assert_eq!(before[2], progress, "no new updates: the same entries");
}

#[test]
fn pages_link_the_feeds_they_belong_to() {
    let s = built(&[]);
    let link = |title: &str, href: &str| {
        format!("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{title}\" href=\"{href}\">")
    };
    let home = read(s.path(), "index.html");
    for (t, h) in [
        ("Latest papers", "/feeds/papers.xml"),
        ("Decisions", "/feeds/decisions.xml"),
        ("Recommendation progress", "/feeds/progress.xml"),
    ] {
        assert!(home.contains(&link(t, h)), "home: {t}");
    }
    let committee_feed = link(
        "Latest papers: Children and young people scrutiny committee",
        "/feeds/committees/children-scrutiny.xml",
    );
    for page in [
        "committees/children-scrutiny/index.html",
        "meetings/2020-09-15-children-scrutiny/index.html",
        "meetings/2020-09-15-children-scrutiny/minutes/index.html",
        "meetings/2020-09-15-children-scrutiny/reports/educational-outcomes-2020/index.html",
    ] {
        let html = read(s.path(), page);
        assert!(html.contains(&committee_feed), "{page}");
        let head = html.split("</head>").next().unwrap();
        assert!(head.contains(&link("Latest papers", "/feeds/papers.xml")), "{page}");
    }
    assert!(read(s.path(), "decisions/index.html").contains(&link("Decisions", "/feeds/decisions.xml")));
    assert!(
        read(s.path(), "recommendations/index.html").contains(&link("Recommendation progress", "/feeds/progress.xml"))
    );
}
