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
