//! The sample council in `content/` must build cleanly, and its exempt
//! material must appear in no output file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

#[test]
fn sample_site_builds_with_no_problems_and_leaks_nothing_exempt() {
    let s = site("sample");
    let o = build(s.path(), &["--strict"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = s.path().join("output");
    let files = tree(&out);
    assert!(files.len() > 60, "{} files", files.len());
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for marker in ["ZEBRA-CONFIDENTIAL-TENDER-PRICE", "OKAPI-EXEMPT-APPENDIX"] {
            assert!(!text.contains(marker), "{marker} leaked into {path}");
        }
    }
    // A future meeting (published after as_of) is not on the site.
    assert!(!out.join("meetings/2021-04-20-children-scrutiny/index.html").exists());
    // Data sets in reports render as tables with charts.
    let report = read(
        s.path(),
        "meetings/2020-09-15-children-scrutiny/reports/educational-outcomes-2020/index.html",
    );
    assert!(
        report.contains("class=\"mb-dataset\"") && report.contains("<svg"),
        "data set figure"
    );
}

#[test]
fn sample_site_is_deterministic_and_honours_a_base_path() {
    let s = site("sample");
    let out = s.path().join("output");
    assert!(build(s.path(), &[]).status.success());
    let first = tree(&out);
    assert!(build(s.path(), &[]).status.success());
    assert_eq!(first, tree(&out), "two builds give identical bytes");

    let o = build(s.path(), &["--base-url", "https://example.org/papers"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = read(s.path(), "index.html");
    assert!(home.contains("href=\"/papers/committees/\""), "{home}");
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://example.org/papers/\">"),
        "{home}"
    );
    for (path, bytes) in tree(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for href in html.split("href=\"/").skip(1) {
            assert!(
                href.starts_with("papers/"),
                "{path}: link outside the base path: /{}",
                &href[..href.len().min(60)]
            );
        }
    }
}
