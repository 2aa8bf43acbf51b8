//! Discoverability on the sample council: `/sitemap.xml` lists every public
//! page once with content dates, `/robots.txt` names it, every page carries
//! its canonical address, and embargoed pages are in none of them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use std::collections::BTreeSet;

use common::*;

const AS_OF: &str = "2021-03-01";
const BASE: &str = "https://papers.wyeford.example";

fn built(extra: &[&str]) -> tempfile::TempDir {
    let s = site("sample");
    let mut args = vec!["--as-of", AS_OF];
    args.extend_from_slice(extra);
    let o = build(s.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

/// Every `<loc>` in a sitemap, with its `lastmod` when given.
fn entries(xml: &str) -> Vec<(String, Option<String>)> {
    xml.split("<url>")
        .skip(1)
        .map(|u| {
            let loc = u.split("<loc>").nth(1).unwrap().split("</loc>").next().unwrap();
            let lastmod = u
                .split("<lastmod>")
                .nth(1)
                .map(|x| x.split("</lastmod>").next().unwrap().to_string());
            (loc.to_string(), lastmod)
        })
        .collect()
}

#[test]
fn sitemap_lists_every_public_page_once_with_content_dates() {
    let s = built(&[]);
    let xml = read(s.path(), "sitemap.xml");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"));
    let listed = entries(&xml);
    let locs: BTreeSet<&str> = listed.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(locs.len(), listed.len(), "no address twice");
    let pages: BTreeSet<String> = tree(&s.path().join("output"))
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p == "index.html" || p.ends_with("/index.html"))
        .map(|p| format!("{BASE}/{}", p.strip_suffix("index.html").unwrap()))
        .collect();
    assert_eq!(
        locs,
        pages.iter().map(String::as_str).collect(),
        "exactly the pages written"
    );
    assert!(locs.contains(&*format!("{BASE}/")));
    assert!(!xml.contains("404"), "the not-found page is not listed");
    // A past meeting's agenda: the meeting's date. A committee: its latest paper,
    // never after as_of. No lastmod is the build's own date.
    let lastmod = |loc: &str| {
        listed
            .iter()
            .find(|(l, _)| l == loc)
            .unwrap_or_else(|| panic!("{loc} missing"))
            .1
            .clone()
    };
    assert_eq!(
        lastmod(&format!("{BASE}/meetings/2020-09-15-children-scrutiny/")).as_deref(),
        Some("2020-09-15")
    );
    let committee = lastmod(&format!("{BASE}/committees/children-scrutiny/")).unwrap();
    assert!(
        committee.as_str() <= AS_OF && committee.as_str() >= "2021-01-19",
        "{committee}"
    );
    // The meeting published after as_of is on no list.
    assert!(!xml.contains("2021-04-20-children-scrutiny"));
}

#[test]
fn robots_txt_names_the_sitemap_by_its_absolute_address() {
    let s = built(&["--base-url", "https://example.org/papers"]);
    let robots = read(s.path(), "robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/papers/sitemap.xml\n"),
        "{robots}"
    );
    let xml = read(s.path(), "sitemap.xml");
    for (loc, _) in entries(&xml) {
        assert!(loc.starts_with("https://example.org/papers/"), "{loc}");
    }
}

#[test]
fn every_page_has_its_canonical_address() {
    let s = built(&[]);
    for (path, bytes) in tree(&s.path().join("output")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let want = format!(
            "<link rel=\"canonical\" href=\"{BASE}/{}\">",
            path.strip_suffix("index.html").unwrap_or(&path)
        );
        assert!(html.contains(&want), "{path}: {want}");
    }
}
