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
