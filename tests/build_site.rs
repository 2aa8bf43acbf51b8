//! Builds test sites with the real binary and checks the HTML they produce.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

#[test]
fn basic_site_builds_and_links_decisions_to_minutes() {
    let s = site("basic");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reg = read(s.path(), "decisions/index.html");
    assert!(reg.contains("Requested a report on reserves"), "{reg}");
    assert!(
        reg.contains("href=\"/meetings/2020-01-14-scrutiny/minutes/#minute-2\""),
        "decision links to its minute"
    );
    // The committee's own register lists it too; minute labels use the site's format.
    let own = read(s.path(), "decisions/scrutiny/index.html");
    assert!(own.contains("Minute SC-2"), "{own}");
}

#[test]
fn backlinks_list_what_refers_to_a_page() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    let refs = report.split("Referred to in").nth(1).expect("a Referred to in list");
    assert!(
        refs.contains("href=\"/meetings/2020-01-14-scrutiny/minutes/\""),
        "{refs}"
    );
    let next = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(
        next.split("Referred to in")
            .nth(1)
            .is_some_and(|r| r.contains("reports/budget/"))
    );
}

#[test]
fn approving_meeting_and_minutes_link_both_ways() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let minutes = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    assert!(
        minutes.contains("Approved and signed at <a href=\"/meetings/2020-03-10-scrutiny/\""),
        "{minutes}"
    );
    let approver = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    assert!(
        approver.contains("Minutes to approve: <a href=\"/meetings/2020-01-14-scrutiny/minutes/\""),
        "{approver}"
    );
}

#[test]
fn exempt_material_appears_in_no_output_file() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    for (path, bytes) in tree(&s.path().join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET-REPORT-MARKER"), "exempt report body in {path}");
        assert!(!text.contains("SECRET-APPENDIX-MARKER"), "exempt appendix in {path}");
        assert!(!path.contains("disposal"), "exempt report page {path}");
        assert!(!path.contains("appendix-2"), "exempt appendix file {path}");
    }
    let meeting = read(s.path(), "meetings/2020-01-14-scrutiny/index.html");
    assert!(meeting.contains("Property disposal"));
    assert!(meeting.contains("Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972"));
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(report.contains("Legal advice") && report.contains("Exempt under paragraph 5"));
}

#[test]
fn glossary_marks_first_use_with_the_meaning_for_that_document() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(
        report.contains("<abbr title=\"Parochial church council\">PCC</abbr>"),
        "{report}"
    );
    let minutes = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    assert!(minutes.contains("<abbr title=\"Police and crime commissioner\">PCC</abbr>"));
    assert_eq!(minutes.matches("<abbr").count(), 1, "first use only");
    let glossary = read(s.path(), "glossary/index.html");
    assert!(glossary.contains("Parochial church council") && glossary.contains("Used in"));
}

#[test]
fn committee_terminology_and_attendance() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let c = read(s.path(), "committees/scrutiny/index.html");
    assert!(c.contains("Chairman"), "committee terminology overrides the site's");
    let cat = read(s.path(), "people/cat-cedar/index.html");
    // One meeting with minutes: Cat Cedar gave apologies.
    assert!(cat.contains("<td class=\"mb-num\">1</td><td class=\"mb-num\">0</td><td class=\"mb-num\">1</td><td class=\"mb-num\">0</td>"), "{cat}");
}

#[test]
fn two_builds_are_byte_identical() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let first = tree(&s.path().join("output"));
    assert!(build(s.path(), &[]).status.success());
    assert_eq!(first, tree(&s.path().join("output")));
    assert!(first.len() > 15);
}

#[test]
fn embargoed_meeting_is_not_published_before_its_date() {
    let s = site("basic");
    assert!(build(s.path(), &["--as-of", "2020-01-05"]).status.success());
    let out = s.path().join("output");
    assert!(!out.join("meetings/2020-01-14-scrutiny/index.html").exists());
    for (path, bytes) in tree(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Budget monitoring quarter 3"),
            "embargoed title in {path}"
        );
    }
}

#[test]
fn raw_script_never_reaches_the_output() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nHi <script>alert(1)</script> <a href=\"javascript:alert(2)\">x</a> <img src=x onerror=\"alert(3)\">\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("content/pages/about.md:4"),
        "a warning names the line: {}",
        stderr(&o)
    );
    let page = read(s.path(), "pages/about/index.html");
    assert!(
        !page.contains("<script>alert") && !page.contains("javascript:") && !page.contains("onerror"),
        "{page}"
    );
}

#[test]
fn init_makes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("newsite");
    let o = minutebook(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.join("output/index.html").exists());
    let o = minutebook(&[
        "new",
        "report",
        "--root",
        site.to_str().unwrap(),
        "--committee",
        "scrutiny",
        "--date",
        "2030-01-01",
        "--slug",
        "x",
    ]);
    assert!(!o.status.success(), "no such meeting yet");
    let o = minutebook(&[
        "new",
        "meeting",
        "--root",
        site.to_str().unwrap(),
        "--committee",
        "scrutiny",
        "--date",
        "2030-01-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = minutebook(&[
        "new",
        "report",
        "--root",
        site.to_str().unwrap(),
        "--committee",
        "scrutiny",
        "--date",
        "2030-01-01",
        "--slug",
        "x",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The scaffolded report is not on the agenda yet: a warning, not an error.
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_site_theme_overrides_built_in_templates_and_adds_static_files() {
    let s = site("basic");
    put(
        s.path(),
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Custom: {{ page.title }}</h1>{{ body_html | safe }}{% endblock content %}",
    );
    put(s.path(), "themes/default/static/img/logo.txt", "logo");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(s.path(), "pages/about/index.html").contains("<h1>Custom: About</h1>"));
    assert_eq!(read(s.path(), "static/img/logo.txt"), "logo");
    // A template error names the template and fails the build.
    put(s.path(), "themes/default/templates/page.html", "{% if %}");
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("page.html"), "{}", stderr(&o));
}

#[test]
fn drafts_are_left_out_unless_asked_for_and_then_marked() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/plans.md",
        "---\ntitle: Future plans\ndraft: true\n---\nDRAFT-PAGE-MARKER\n",
    );
    assert!(build(s.path(), &[]).status.success());
    for (path, bytes) in tree(&s.path().join("output")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("DRAFT-PAGE-MARKER"),
            "draft text in {path}"
        );
    }
    assert!(build(s.path(), &["--drafts"]).status.success());
    let page = read(s.path(), "pages/plans/index.html");
    assert!(page.contains("DRAFT-PAGE-MARKER") && page.contains("Draft — not yet approved"));
    // Draft minutes are always published, and marked.
    let minutes = std::fs::read_to_string(s.path().join("content/meetings/2020-01-14-scrutiny/minutes.md")).unwrap();
    put(
        s.path(),
        "content/meetings/2020-01-14-scrutiny/minutes.md",
        &minutes.replace(
            "status: approved\napproved_at: 2020-03-10-scrutiny\n",
            "status: draft\n",
        ),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    assert!(m.contains("Draft — not yet approved") && m.contains("Not yet approved"));
    // A site may leave draft minutes out altogether.
    let site_yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    put(s.path(), "site.yaml", &format!("{site_yaml}draft_minutes: false\n"));
    assert!(build(s.path(), &[]).status.success());
    assert!(
        !s.path()
            .join("output/meetings/2020-01-14-scrutiny/minutes/index.html")
            .exists()
    );
    let decisions = read(s.path(), "decisions/index.html");
    assert!(
        !decisions.contains("Requested a report on reserves"),
        "resolutions of left-out minutes are not listed"
    );
    let meeting = read(s.path(), "meetings/2020-01-14-scrutiny/index.html");
    assert!(
        !meeting.contains("Recorded in") && !meeting.contains(">Minutes<"),
        "no trace of left-out minutes"
    );
}

#[test]
fn an_open_report_on_an_exempt_item_is_withheld_with_a_warning() {
    let s = site("basic");
    let meeting = "content/meetings/2020-01-14-scrutiny/index.md";
    let text = std::fs::read_to_string(s.path().join(meeting)).unwrap();
    put(
        s.path(),
        meeting,
        &text.replace("    reports: [budget]\n", "    reports: [budget]\n    exempt: 1\n"),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("this report is on exempt agenda item 2, so it is withheld"),
        "{}",
        stderr(&o)
    );
    assert!(
        !s.path()
            .join("output/meetings/2020-01-14-scrutiny/reports/budget/index.html")
            .exists()
    );
    for (path, bytes) in tree(&s.path().join("output")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("The PCC grant is unchanged"),
            "withheld text in {path}"
        );
    }
}

#[test]
fn minute_labels_follow_the_committee_format_everywhere() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let meeting = read(s.path(), "meetings/2020-01-14-scrutiny/index.html");
    assert!(
        meeting.contains(
            "Recorded in <a href=\"/meetings/2020-01-14-scrutiny/minutes/#minute-2\">Minute SC-2: Budget monitoring</a>"
        ),
        "{meeting}"
    );
}
