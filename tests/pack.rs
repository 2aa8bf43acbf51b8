//! The printable agenda pack (issue 16, point 3): `/meetings/<id>/pack/` holds
//! the agenda, then each open report and its published appendices in agenda
//! order, with a contents list of page ranges; exempt items and appendices by
//! title and paragraph only; one page of unique ids; a print stylesheet.
//! (tests/browser/pack.mjs prints it to a tagged PDF in Chromium.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

fn assert_unique_ids(html: &str) {
    let mut seen = std::collections::BTreeSet::new();
    for id in ids(html) {
        assert!(seen.insert(id.clone()), "id {id} is used twice");
    }
    for part in html.split("href=\"#").skip(1) {
        let target = part.split('"').next().unwrap();
        assert!(seen.contains(target), "link to #{target}, which is not on the page");
    }
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} is not in the pack"))
}

#[test]
fn a_pack_holds_the_agenda_and_the_public_papers_in_agenda_order() {
    let s = site("sample");
    let o = build(s.path(), &["--as-of", "2021-04-20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meeting = read(s.path(), "meetings/2020-07-16-cabinet/index.html");
    assert!(meeting.contains("<a href=\"/meetings/2020-07-16-cabinet/pack/\">Print the agenda pack</a>"));
    let pack = read(s.path(), "meetings/2020-07-16-cabinet/pack/index.html");
    assert!(pack.contains("<h1 class=\"mb-heading-xl\">Agenda pack: Thursday 16 July 2020</h1>"));
    // Its print stylesheet, and the running header as an @page margin box.
    assert!(pack.contains("<link rel=\"stylesheet\" href=\"/static/css/pack.css\">"));
    assert!(pack.contains("<style>@page { @top-left { content: \"Cabinet, Thursday 16 July 2020\"; } }</style>"));
    // Contents: every item with its pages, and links to the papers in the pack.
    let contents = pack
        .split("id=\"pack-contents\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    assert!(contents.contains("Placement sufficiency strategy for children in care 2020–2023 <span class=\"mb-hint\">(pages 13 - 58)</span>"), "{contents}");
    assert!(contents.contains("href=\"#report-placement-sufficiency-strategy\""));
    assert!(contents.contains("href=\"#appendix-placement-sufficiency-strategy-1\""));
    // Agenda, then the report, then its published appendix, in that order.
    let agenda = position(&pack, "id=\"pack-agenda\"");
    let report = position(&pack, "id=\"report-placement-sufficiency-strategy\"");
    let appendix = position(&pack, "id=\"appendix-placement-sufficiency-strategy-1\"");
    assert!(agenda < report && report < appendix);
    assert!(pack.contains("Why a strategy is needed"), "the report's body");
    assert!(pack[appendix..].contains("Our promise"), "the appendix's body");
    // The exempt appendix: title and paragraph, nothing of its text.
    assert!(pack.contains("Case studies of children placed out of area"));
    assert!(pack.contains("Exempt under paragraph 1 of Schedule 12A"));
    assert!(!pack.contains("OKAPI-EXEMPT-APPENDIX"));
    assert!(!pack.contains("id=\"appendix-placement-sufficiency-strategy-2\""));
    // Each paper is an <h2>; its own headings sit below it, with ids of its own.
    assert!(pack.contains("<h2 class=\"mb-heading-l\" id=\"report-placement-sufficiency-strategy-title\">"));
    assert!(pack.contains("<h3 id=\"report-placement-sufficiency-strategy-why-a-strategy-is-needed\">"));
    let mut prev = 0;
    for part in pack.split("id=\"main-content\"").nth(1).unwrap().split("<h").skip(1) {
        let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= prev + 1, "h{level} after h{prev}");
        prev = level;
    }
    assert_unique_ids(&pack);
    // Site links carry their absolute address for print.
    assert!(pack.contains(
        "<a href=\"/meetings/2020-02-06-cabinet/minutes/\" data-print-url=\"https://papers.wyeford.example/meetings/2020-02-06-cabinet/minutes/\">"
    ), "{pack}");
}

#[test]
fn exempt_items_show_their_title_and_paragraph_only() {
    let s = site("sample");
    let o = build(s.path(), &["--as-of", "2021-04-20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pack = read(s.path(), "meetings/2020-10-15-cabinet/pack/index.html");
    assert!(pack.contains("Contract award — residential placements framework for children in care"));
    assert!(pack.contains("Paragraph 3 of Schedule 12A; not published."));
    assert!(pack.contains("Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972"));
    for secret in [
        "ZEBRA-CONFIDENTIAL-TENDER-PRICE",
        "Tender process",
        "report-residential-placements",
    ] {
        assert!(!pack.contains(secret), "{secret} is in the pack");
    }
    assert_unique_ids(&pack);
}

#[test]
fn only_public_meetings_have_packs_and_a_base_path_is_honoured() {
    let s = site("sample");
    // site.yaml's as_of is 2021-03-15: the April meeting is not yet public.
    let o = build(s.path(), &["--base-url", "https://example.org/papers"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = s.path().join("output");
    assert!(!out.join("meetings/2021-04-20-children-scrutiny/pack").exists());
    for entry in std::fs::read_dir(out.join("meetings")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("index.html").exists() {
            assert!(dir.join("pack/index.html").exists(), "no pack for {}", dir.display());
        }
    }
    let pack = read(s.path(), "meetings/2020-07-16-cabinet/pack/index.html");
    assert!(pack.contains(
        "href=\"/papers/meetings/2020-02-06-cabinet/minutes/\" data-print-url=\"https://example.org/papers/meetings/2020-02-06-cabinet/minutes/\""
    ));
    // A relative link in the agenda's notes still finds its file from the pack.
    let pack = read(s.path(), "meetings/2020-06-09-children-scrutiny/pack/index.html");
    assert!(pack.contains("href=\"/papers/meetings/2020-06-09-children-scrutiny/files/briefing-note.txt\""));
    assert!(
        out.join("meetings/2020-06-09-children-scrutiny/files/briefing-note.txt")
            .exists()
    );
    let css = std::fs::read_to_string(out.join("static/css/pack.css")).unwrap();
    for rule in [
        "@media print",
        "size: A4",
        "break-before: page",
        "counter(page)",
        "a[data-print-url]::after",
        "a[href^=\"http\"]::after",
        ".mb-header",
    ] {
        assert!(css.contains(rule), "pack.css lacks {rule}");
    }
}

#[test]
fn two_papers_with_the_same_headings_keep_their_ids_apart() {
    let s = site("basic");
    let path = s.path().join("content/meetings/2020-01-14-scrutiny/index.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "- { n: 1, title: Apologies for absence }",
        "- { n: 1, title: Audit, reports: [audit], pages: \"1 - 4\" }",
    );
    std::fs::write(&path, text).unwrap();
    put(
        s.path(),
        "content/meetings/2020-01-14-scrutiny/reports/audit.md",
        "---\ntitle: Internal audit\nclassification: open\n---\n## Summary\n\nFine.\n\n## Risks\n\nFew.\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pack = read(s.path(), "meetings/2020-01-14-scrutiny/pack/index.html");
    assert!(pack.contains("id=\"report-audit-risks\""));
    assert!(pack.contains("id=\"report-budget-risks\""));
    assert!(
        position(&pack, "id=\"report-audit\"") < position(&pack, "id=\"report-budget\""),
        "agenda order"
    );
    // The budget report's exempt appendix: title and paragraph.
    assert!(pack.contains("Legal advice") && pack.contains("Exempt under paragraph 5"));
    assert!(!pack.contains("SECRET-APPENDIX-MARKER") && !pack.contains("SECRET-REPORT-MARKER"));
    assert_unique_ids(&pack);
}
