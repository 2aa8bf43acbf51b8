//! Content model section 9: reports, appendices, exempt and embargoed
//! material. Each test puts a marker in text that must stay private and
//! asserts the marker is in no output file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const MEETING: &str = "content/meetings/2020-01-14-scrutiny";

fn assert_absent(site: &std::path::Path, marker: &str) {
    let out = tree(&site.join("output"));
    assert!(!out.is_empty(), "the build wrote nothing");
    for (path, bytes) in out {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(marker),
            "`{marker}` leaked into {path}"
        );
    }
}

fn appendix_with(front: &str) -> String {
    format!("---\ntitle: Forecast APPENDIX-TITLE-MARKER\n{front}---\nAPPENDIX-BODY-MARKER\n")
}

#[test]
fn an_appendix_with_its_own_future_published_date_is_withheld_until_then() {
    let s = site("basic");
    put(
        s.path(),
        &format!("{MEETING}/reports/budget/appendix-1.md"),
        &appendix_with("published: 2099-06-01\n"),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_absent(s.path(), "APPENDIX-BODY-MARKER");
    assert_absent(s.path(), "APPENDIX-TITLE-MARKER");
    assert!(
        !s.path()
            .join("output/meetings/2020-01-14-scrutiny/reports/budget/appendix-1/index.html")
            .exists()
    );
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(
        report.contains("Appendix 1: to be published on 1 June 2099"),
        "the report lists when the appendix will be public: {report}"
    );
    assert!(
        !report.contains("Detailed forecast"),
        "not even the listed title before the date"
    );

    // On the day itself it is public in full.
    let o = build(s.path(), &["--as-of", "2099-06-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let appendix = read(
        s.path(),
        "meetings/2020-01-14-scrutiny/reports/budget/appendix-1/index.html",
    );
    assert!(appendix.contains("APPENDIX-BODY-MARKER"));
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(report.contains(">Detailed forecast</a>"), "{report}");
}

#[test]
fn a_draft_appendix_is_left_out_or_published_marked_as_a_draft() {
    let s = site("basic");
    put(
        s.path(),
        &format!("{MEETING}/reports/budget/appendix-1.md"),
        &appendix_with("draft: true\n"),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_absent(s.path(), "APPENDIX-BODY-MARKER");
    assert_absent(s.path(), "APPENDIX-TITLE-MARKER");
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(report.contains("Appendix 1: not yet published"), "{report}");

    let o = build(s.path(), &["--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let appendix = read(
        s.path(),
        "meetings/2020-01-14-scrutiny/reports/budget/appendix-1/index.html",
    );
    assert!(appendix.contains("APPENDIX-BODY-MARKER"));
    assert!(
        appendix.contains("id=\"draft-banner\""),
        "draft banner on a shown draft appendix"
    );
}

#[test]
fn everything_stored_under_an_exempt_report_is_withheld_with_it_titles_included() {
    let s = site("basic");
    let disposal = format!("{MEETING}/reports/disposal");
    put(
        s.path(),
        &format!("{disposal}.md"),
        "---\ntitle: Disposal of the old depot\nclassification: exempt\nexempt_paragraph: 3\n\
         appendices:\n  - { id: \"1\", title: APPX-ENTRY-MARKER, file: appendix-1.md }\n  \
         - { id: \"2\", title: Valuation, file: valuation.pdf }\n---\nSECRET-REPORT-MARKER\n",
    );
    put(
        s.path(),
        &format!("{disposal}/appendix-1.md"),
        "---\ntitle: APPX-TITLE-MARKER\n---\nAPPX-BODY-MARKER\n",
    );
    put(s.path(), &format!("{disposal}/valuation.pdf"), "%PDF-1.4 PDF-MARKER");
    put(
        s.path(),
        &format!("{disposal}/data/bids.yaml"),
        "title: DATASET-TITLE-MARKER\nunit: count\ncategories: [\"2019\"]\n\
         series:\n  - { name: DATASET-SERIES-MARKER, values: [3] }\n",
    );
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[dataset:2020-01-14-scrutiny/disposal/bids]] and \
         [[report:2020-01-14-scrutiny/disposal]].\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for marker in [
        "SECRET-REPORT-MARKER",
        "APPX-ENTRY-MARKER",
        "APPX-TITLE-MARKER",
        "APPX-BODY-MARKER",
        "PDF-MARKER",
        "DATASET-TITLE-MARKER",
        "DATASET-SERIES-MARKER",
    ] {
        assert_absent(s.path(), marker);
    }
    for (path, _) in tree(&s.path().join("output")) {
        assert!(
            !path.contains("disposal"),
            "a file of the exempt report was written: {path}"
        );
    }
    // The reference from a public page is plain text; the exempt report itself
    // is still named with its paragraph, as section 9 says.
    let about = read(s.path(), "pages/about/index.html");
    assert!(
        !about.contains("href=\"/meetings/2020-01-14-scrutiny/reports/disposal"),
        "{about}"
    );
    assert!(about.contains("Disposal of the old depot"), "{about}");
}

#[test]
fn an_appendix_names_one_of_file_url_and_exempt_paragraph_but_an_exempt_one_may_name_its_file() {
    let report = format!("{MEETING}/reports/budget.md");
    let text = std::fs::read_to_string(common::repo().join("tests/sites/basic").join(&report)).unwrap();
    assert!(
        text.contains("exempt_paragraph: 5, file: appendix-2.md"),
        "the base keeps an exempt appendix's file"
    );

    let s = site("basic");
    put(
        s.path(),
        &report,
        &text.replace(
            "file: appendix-1.md }",
            "file: appendix-1.md, url: https://example.org/a1 }",
        ),
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, &report, 8, "appendix 1 has both `url` and `file`");

    put(
        s.path(),
        &report,
        &text.replace(
            "exempt_paragraph: 5, file: appendix-2.md",
            "exempt_paragraph: 5, url: https://example.org/a2",
        ),
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, &report, 9, "appendix 2 has both `url` and `exempt_paragraph`");
}

#[test]
fn an_exempt_paragraph_on_an_open_report_is_a_warning_not_silently_ignored() {
    let report = format!("{MEETING}/reports/budget.md");
    let text = std::fs::read_to_string(common::repo().join("tests/sites/basic").join(&report)).unwrap();
    let s = site("basic");
    put(
        s.path(),
        &report,
        &text.replace("classification: open\n", "classification: open\nexempt_paragraph: 3\n"),
    );
    let o = check(s.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_warning_at(
        &o,
        &report,
        5,
        "`exempt_paragraph` is given, but this report is `classification: open`",
    );
}

#[test]
fn a_report_cover_sheet_shows_every_field_and_publishes_with_its_meeting_by_default() {
    let report = format!("{MEETING}/reports/budget.md");
    let s = site("basic");
    put(
        s.path(),
        &report,
        "---\ntitle: Budget monitoring quarter 3\nreport_by: Director of Resources\nauthor: { name: Jo Author, email: ds@testford.example }\nclassification: open\ndecision_type: key\nwards: [North, South]\npurpose: To review the PURPOSE-MARKER.\nrecommendations:\n  - { id: a, text: The committee notes the RECOMMENDATION-MARKER. }\nappendices:\n  - { id: \"1\", title: Detailed forecast, file: appendix-1.md }\n  - { id: \"2\", title: Legal advice, exempt_paragraph: 5, file: appendix-2.md }\n  - { id: \"3\", title: Guidance, url: https://example.org/guidance }\nbackground_papers: None identified.\n---\nBODY-MARKER\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    for want in [
        "Director of Resources",
        "Jo Author",
        "Key decision",
        "North",
        "South",
        "PURPOSE-MARKER",
        "RECOMMENDATION-MARKER",
        "href=\"/meetings/2020-01-14-scrutiny/reports/budget/appendix-1/\"",
        "Exempt under paragraph 5",
        "href=\"https://example.org/guidance\"",
        "None identified.",
        "BODY-MARKER",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    assert_absent(s.path(), "SECRET-APPENDIX-MARKER");
    // Without its own `published`, a report is public with its meeting (2020-01-06).
    assert!(build(s.path(), &["--as-of", "2020-01-05"]).status.success());
    assert!(
        !s.path()
            .join("output/meetings/2020-01-14-scrutiny/reports/budget/index.html")
            .exists()
    );
    // With a later one of its own, it waits for it.
    put(
        s.path(),
        &report,
        &read_source(&report).replacen("---\n", "---\npublished: 2020-01-10\n", 1),
    );
    assert!(build(s.path(), &["--as-of", "2020-01-08"]).status.success());
    assert!(s.path().join("output/meetings/2020-01-14-scrutiny/index.html").exists());
    assert!(
        !s.path()
            .join("output/meetings/2020-01-14-scrutiny/reports/budget/index.html")
            .exists()
    );
}

fn read_source(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join("tests/sites/basic").join(rel)).unwrap()
}

#[test]
fn a_public_page_linking_to_embargoed_or_draft_content_shows_plain_text_and_no_title() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/future.md",
        "---\ntitle: FUTURE-TITLE-MARKER\npublished: 2099-01-01\n---\nFuture.\n",
    );
    put(
        s.path(),
        "content/pages/draft.md",
        "---\ntitle: DRAFT-TITLE-MARKER\ndraft: true\n---\nDraft.\n",
    );
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[page:future]] and [[page:draft]].\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let about = read(s.path(), "pages/about/index.html");
    assert!(
        !about.contains("/pages/future/") && !about.contains("/pages/draft/"),
        "{about}"
    );
    assert_absent(s.path(), "FUTURE-TITLE-MARKER");
    assert_absent(s.path(), "DRAFT-TITLE-MARKER");
}
