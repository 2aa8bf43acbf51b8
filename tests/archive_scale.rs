//! Archive scale (issue 12): pages whose length grows with the archive are
//! cut into pages of a fixed size, so no HTML page passes a bound however
//! many documents a council publishes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

use common::*;

/// No HTML page of a built site may pass this size.
const PAGE_BOUND: usize = 500 * 1024;

#[test]
fn a_generated_2000_document_council_keeps_every_page_under_500_kb() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let o = Command::new("python3")
        .arg(repo().join("bench/generate.py"))
        .arg("2000")
        .arg(&site)
        .arg("--small")
        .output()
        .expect("python3 runs the benchmark's site generator");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = site.join("output");
    let files = tree(&out);
    let pages: Vec<&(String, Vec<u8>)> = files.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 2000, "{} pages", pages.len());
    for (path, bytes) in &pages {
        assert!(bytes.len() < PAGE_BOUND, "{path} is {} KB", bytes.len() / 1024);
    }
    // The long lists are split, and each page links the next.
    for first in [
        "meetings/index.html",
        "decisions/index.html",
        "recommendations/index.html",
    ] {
        let html = String::from_utf8_lossy(&files.iter().find(|(p, _)| p == first).unwrap().1).to_string();
        let second = first.replace("index.html", "page-2/index.html");
        assert!(files.iter().any(|(p, _)| *p == second), "{second} exists");
        assert!(html.contains("rel=\"next\""), "{first} links its next page");
    }
    let second = read(&site, "decisions/page-2/index.html");
    assert!(second.contains("rel=\"prev\"") && second.contains("<title>Decisions register (page 2)"));
}

/// A held meeting of the basic site's committee on `date`, with one item.
fn put_meeting(site: &std::path::Path, date: &str) {
    put(
        site,
        &format!("content/meetings/{date}-scrutiny/index.md"),
        &format!(
            "---\ncommittee: scrutiny\ndate: {date}\nstatus: held\nitems:\n  - {{ n: 1, title: Apologies }}\n---\n"
        ),
    );
}

/// The year pages `page` links, in order: the path segment after each
/// `prefix` (none where `prefix` is followed by the page it names itself).
fn years_linked<'a>(page: &'a str, prefix: &str) -> Vec<&'a str> {
    page.match_indices(prefix)
        .filter_map(|(i, _)| {
            let rest = &page[i + prefix.len()..];
            let y = &rest[..rest.find('/')?];
            (!y.is_empty() && !y.contains('"')).then_some(y)
        })
        .collect()
}

#[test]
fn a_committee_page_lists_two_municipal_years_and_links_a_page_for_each_earlier_one() {
    let s = site("basic");
    // Meetings of the basic site's committee in four more municipal years.
    let dates = ["2016-06-14", "2017-06-13", "2017-11-14", "2018-06-12", "2021-06-15"];
    for d in dates {
        put_meeting(s.path(), d);
    }
    let o = build(s.path(), &["--as-of", "2021-07-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "committees/scrutiny/index.html");
    // 2021/22 and 2019/20 are listed; 2018/19, 2017/18 and 2016/17 each have a page.
    assert!(
        page.contains("2021-06-15-scrutiny/") && page.contains("2020-01-14-scrutiny/"),
        "{page}"
    );
    for d in ["2016-06-14", "2017-06-13", "2017-11-14", "2018-06-12"] {
        assert!(
            !page.contains(&format!("{d}-scrutiny/")),
            "{d} is on its year's page, not here"
        );
    }
    let linked = years_linked(&page, "/committees/scrutiny/");
    assert_eq!(linked, ["2018-19", "2017-18", "2016-17"], "{page}");
    let y1718 = read(s.path(), "committees/scrutiny/2017-18/index.html");
    assert!(
        y1718.contains("<h1 class=\"mb-heading-xl\">Meetings in 2017/18</h1>"),
        "{y1718}"
    );
    assert!(y1718.contains("2017-06-13-scrutiny/") && y1718.contains("2017-11-14-scrutiny/"));
    assert!(!y1718.contains("2016-06-14-scrutiny/") && !y1718.contains("2018-06-12-scrutiny/"));
    // It links back, and to the other earlier years but not itself.
    assert!(y1718.contains("href=\"/committees/scrutiny/\""));
    assert!(y1718.contains("/committees/scrutiny/2016-17/") && y1718.contains("/committees/scrutiny/2018-19/"));
    assert!(!y1718.contains("href=\"/committees/scrutiny/2017-18/\""));
}

#[test]
fn a_persons_page_lists_two_municipal_years_of_meetings_and_links_a_page_for_each_earlier_one() {
    let s = site("basic");
    // Minutes in four more municipal years; Bob Birch sends apologies in
    // 2017/18 and substitutes for nobody.
    let dates = ["2016-06-14", "2017-06-13", "2017-11-14", "2018-06-12", "2021-06-15"];
    for d in dates {
        let apologies = if d.starts_with("2017") { "[bob-birch]" } else { "[]" };
        put_meeting(s.path(), d);
        put(
            s.path(),
            &format!("content/meetings/{d}-scrutiny/minutes.md"),
            &format!(
                "---\nstatus: draft\nattendance:\n  present: [ann-ash]\n  apologies: {apologies}\n---\n## 1. Apologies {{#1 item=1}}\n\nNone.\n"
            ),
        );
    }
    let o = build(s.path(), &["--as-of", "2021-07-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "people/bob-birch/index.html");
    // 2021/22 and 2019/20 are listed, each meeting with what the minutes record.
    assert!(page.contains("<h3 id=\"meetings-2021-22\""), "{page}");
    assert!(page.contains("<h3 id=\"meetings-2019-20\""), "{page}");
    assert!(page.contains("2021-06-15-scrutiny/minutes/"), "{page}");
    assert!(page.contains("2020-01-14-scrutiny/minutes/"), "{page}");
    for d in ["2016-06-14", "2017-06-13", "2017-11-14", "2018-06-12"] {
        assert!(
            !page.contains(&format!("{d}-scrutiny/")),
            "{d} is on its year's page, not here"
        );
    }
    // Minutes recording attendance are not listed again as references.
    let referred = page.split("referred-to-in").nth(1).unwrap_or("");
    assert!(!referred.contains("/minutes/"), "{referred}");
    let linked = years_linked(&page, "href=\"/people/bob-birch/");
    assert_eq!(linked, ["2018-19", "2017-18", "2016-17"], "{page}");
    let y1718 = read(s.path(), "people/bob-birch/2017-18/index.html");
    assert!(
        y1718.contains("<h1 class=\"mb-heading-xl\">Meetings in 2017/18</h1>"),
        "{y1718}"
    );
    assert!(y1718.contains("2017-06-13-scrutiny/minutes/") && y1718.contains("2017-11-14-scrutiny/minutes/"));
    assert!(!y1718.contains("2016-06-14-scrutiny/") && !y1718.contains("2018-06-12-scrutiny/"));
    assert_eq!(y1718.matches("<td>Apologies</td>").count(), 2, "{y1718}");
    assert!(y1718.contains("href=\"/people/bob-birch/\""));
    assert!(y1718.contains("/people/bob-birch/2016-17/") && y1718.contains("/people/bob-birch/2018-19/"));
    assert!(!y1718.contains("href=\"/people/bob-birch/2017-18/\""));
    // Cat Cedar is a member throughout and never recorded present: absent.
    let cat = read(s.path(), "people/cat-cedar/2016-17/index.html");
    assert!(cat.contains("<td>Absent</td>"), "{cat}");
}
