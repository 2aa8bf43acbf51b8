//! Barriers automated rules miss (issue 16, point 2): document headings sit
//! below the page's own and never skip a level, repeated link texts carry
//! their context, fragment ids come from stable ids (so they survive new
//! content), and the agenda's numbers are announced once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const REPORT: &str = "meetings/2020-01-14-scrutiny/reports/budget.md";

/// The report of the basic site with headings an author might write: a
/// top-level `#`, a skipped level, and the same heading text under two parents.
const REPORT_TEXT: &str = "---
title: Budget monitoring quarter 3
report_by: Director of Resources
classification: open
recommendations:
  - { id: a, text: The committee notes the forecast. }
appendices:
  - { id: \"1\", title: Detailed forecast, file: appendix-1.md }
---
# Options

Two options were considered.

### Option A

Keep the reserve.

#### Costs

Nothing extra.

### Option B

Spend the reserve.

#### Costs

One million pounds.

# Risks

None.
";

fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn document_headings_sit_below_the_page_heading_and_never_skip_a_level() {
    let s = site("basic");
    put(s.path(), &format!("content/{REPORT}"), REPORT_TEXT);
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    // The page's own <h1> is the report title; the author's `#` becomes <h2>,
    // the skipped `###` closes up to <h3> and `####` to <h4>.
    assert!(html.contains("<h1 class=\"mb-heading-xl\">Budget monitoring quarter 3</h1>"));
    assert!(html.contains("<h2 id=\"options\">Options</h2>"), "{html}");
    assert!(html.contains("<h3 id=\"option-a\">Option A</h3>"), "{html}");
    assert!(html.contains("<h4 id=\"costs\">Costs</h4>"), "{html}");
    assert!(html.contains("<h2 id=\"risks\">Risks</h2>"), "{html}");
    assert!(!html.contains("<h1 id="), "no second h1 from the body");
    // The same heading text under another parent takes that parent's slug,
    // not a number that would change when a heading is added above it.
    assert!(html.contains("<h4 id=\"option-b-costs\">Costs</h4>"), "{html}");
    // The contents list shows the author's top-level headings.
    let contents = html
        .split("id=\"contents\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    assert!(
        contents.contains("href=\"#options\"") && contents.contains("href=\"#risks\""),
        "{contents}"
    );
    assert!(!contents.contains("#option-a"), "{contents}");
    // Every heading level on the page follows from the one before.
    let mut prev = 0;
    for part in html.split("<h").skip(1) {
        let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= prev + 1, "h{level} after h{prev}");
        prev = level;
    }
}

#[test]
fn a_skipped_heading_level_is_a_warning_at_its_line_with_help() {
    let s = site("basic");
    put(s.path(), &format!("content/{REPORT}"), REPORT_TEXT);
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "github"]);
    assert!(o.status.success(), "a warning only: {}", stdout(&o));
    let out = stdout(&o);
    // `### Option A` is on line 14 of the file, under `# Options`; so is
    // `### Option B`, on line 22.
    let line = out
        .lines()
        .find(|l| l.contains("skips a level"))
        .unwrap_or_else(|| panic!("no warning: {out}"));
    assert!(line.starts_with("::warning file=content/"), "{line}");
    assert!(line.contains(REPORT) && line.contains("line=14,"), "{line}");
    assert!(line.contains("use `##` here"), "help names the level to use: {line}");
    assert!(out.contains(&format!("file=content/{REPORT},line=22,")), "{out}");
    // `####` under `###` is fine.
    assert_eq!(out.matches("skips a level").count(), 2, "{out}");
    // --strict makes it an error.
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--strict"]);
    assert!(!o.status.success());
}

#[test]
fn minute_bodies_start_below_the_minute_heading_with_ids_from_the_minute_number() {
    let s = site("basic");
    let path = s.path().join("content/meetings/2020-01-14-scrutiny/minutes.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace(
            "Apologies were received from Councillor Cedar.",
            "### Background\n\nApologies were received from Councillor Cedar.",
        )
        .replace("The committee considered", "## Background\n\nThe committee considered");
    std::fs::write(&path, text).unwrap();
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(s.path(), "meetings/2020-01-14-scrutiny/minutes/index.html");
    // Each minute is an <h2>; a heading in its body is an <h3> whatever its
    // `#` count, with an id made from the minute number.
    assert!(
        html.contains("<h3 id=\"minute-1-background\">Background</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<h3 id=\"minute-2-background\">Background</h3>"),
        "{html}"
    );
    // The RESOLVED heading stays under its minute, not beside it.
    assert!(html.contains("<h3 class=\"mb-resolved__title\">Resolved</h3>"));
}

/// The text of the element with `id` up to the end of its row.
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no id {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

#[test]
fn fragment_ids_come_from_stable_ids_and_survive_new_content() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let register = read(s.path(), "decisions/index.html");
    let meetings = read(s.path(), "meetings/index.html");
    // Decisions are named by meeting, minute number and resolution id.
    let id = "decision-2020-01-14-scrutiny-2-b";
    let before = row(&register, id).to_string();
    assert!(before.contains("Requested a report on reserves"), "{before}");
    assert!(meetings.contains("id=\"year-2019-20\""), "{meetings}");
    for page in [&register, &meetings] {
        for i in ids(page) {
            let numbered = i
                .strip_prefix("decision-")
                .or_else(|| i.strip_prefix("year-"))
                .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()));
            assert!(!numbered, "position-based id {i}");
        }
    }
    // A newer meeting with decisions of its own is listed first; the old
    // rows keep their ids and what they point at.
    put(
        s.path(),
        "content/meetings/2020-02-11-scrutiny/index.md",
        "---\ncommittee: scrutiny\ndate: 2020-02-11\nstatus: held\nitems:\n  - { n: 1, title: Apologies }\n---\n",
    );
    put(
        s.path(),
        "content/meetings/2020-02-11-scrutiny/minutes.md",
        "---\nstatus: draft\nresolutions:\n  \"3\":\n    - { id: a, text: Noted a new thing. }\n    - { id: b, text: Agreed another. }\n---\n## 3. Apologies {#3 item=1}\n\nNone.\n",
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let register = read(s.path(), "decisions/index.html");
    assert_eq!(row(&register, id), before, "the row keeps its id");
    assert!(row(&register, "decision-2020-02-11-scrutiny-3-b").contains("Agreed another"));
    let search = read(s.path(), "search/index.html");
    assert!(search.contains("id=\"committee-scrutiny\""), "facet ids from values");
    assert!(!search.contains("id=\"committee-1\""));
}

#[test]
fn repeated_link_texts_carry_their_context() {
    let s = site("basic");
    put(
        s.path(),
        "content/meetings/2020-03-10-scrutiny/minutes.md",
        "---\nstatus: draft\nresolutions:\n  \"2\":\n    - { id: a, text: Noted the minutes. }\n---\n## 2. Minutes {#2 item=1}\n\nApproved.\n",
    );
    let o = build(s.path(), &["--as-of", "2020-03-11"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meetings = read(s.path(), "meetings/index.html");
    for date in ["14 January 2020", "10 March 2020"] {
        assert!(
            meetings.contains(&format!(
                ">Agenda<span class=\"mb-visually-hidden\"> for Overview and scrutiny committee, {date}</span></a>"
            )),
            "{meetings}"
        );
        assert!(
            meetings.contains(&format!("<span class=\"mb-visually-hidden\">, {date}</span></a></th>")),
            "committee link per row names the date: {meetings}"
        );
    }
    assert_eq!(
        meetings
            .matches(">Agenda<span class=\"mb-visually-hidden\"> for ")
            .count(),
        2
    );
    assert_eq!(
        meetings
            .matches(">minutes<span class=\"mb-visually-hidden\"> of ")
            .count(),
        2
    );
    let committee = read(s.path(), "committees/scrutiny/index.html");
    assert!(committee.contains("minutes<span class=\"mb-visually-hidden\"> of 14 January 2020</span></a>"));
    assert!(committee.contains("minutes<span class=\"mb-visually-hidden\"> of 10 March 2020</span></a>"));
    // Minute numbers restart per meeting: "Minute SC-2" names two minutes.
    let register = read(s.path(), "decisions/index.html");
    assert_eq!(
        register
            .matches(">Minute SC-2<span class=\"mb-visually-hidden\">, ")
            .count(),
        3,
        "{register}"
    );
    let home = read(s.path(), "index.html");
    assert!(
        home.contains("<span class=\"mb-visually-hidden\">, 14 January 2020</span></a>"),
        "{home}"
    );
    // Every link text a list repeats for different destinations has context.
    for (page, html) in [("meetings", &meetings), ("decisions", &register), ("home", &home)] {
        let mut seen: std::collections::BTreeMap<String, String> = Default::default();
        for a in html.split("<a href=\"").skip(1) {
            let href = a.split('"').next().unwrap().to_string();
            let text = a.split('>').skip(1).collect::<Vec<_>>().join(">");
            let text = text.split("</a").next().unwrap().to_string();
            if let Some(other) = seen.insert(text.clone(), href.clone()) {
                assert!(
                    other == href || text.contains("<span class=\"mb-visually-hidden\">"),
                    "{page}: link text {text:?} goes to {other} and {href}"
                );
            }
        }
    }
}

#[test]
fn agenda_numbers_are_the_real_item_numbers_announced_once() {
    let s = site("basic");
    let path = s.path().join("content/meetings/2020-01-14-scrutiny/index.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "- { n: 1, title: Apologies for absence }",
        "- { n: 1, title: Apologies for absence }\n  - { n: 1a, title: Late item }",
    );
    std::fs::write(&path, text).unwrap();
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(s.path(), "meetings/2020-01-14-scrutiny/index.html");
    let list = html
        .split("<ol class=\"mb-agenda\">")
        .nth(1)
        .unwrap()
        .split("</ol>")
        .next()
        .unwrap();
    // The number is text in each item's heading, as the papers print it.
    let numbers: Vec<&str> = list
        .split("<span class=\"mb-agenda__number\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert_eq!(numbers, ["1.", "1a.", "2.", "3."]);
    assert!(list.contains("id=\"item-1a\""));
    // No list marker besides it: the list has no list-style, and no value=.
    assert!(!list.contains("value="));
    let css = std::fs::read_to_string(s.path().join("output/static/css/minutebook.css")).unwrap();
    let rule = css.split(".mb-agenda {").nth(1).unwrap().split('}').next().unwrap();
    assert!(rule.contains("list-style: none"), "{rule}");
}

#[test]
fn no_sample_page_skips_a_heading_level_or_repeats_a_link_text_for_two_places() {
    let s = site("sample");
    let o = build(s.path(), &["--as-of", "2021-04-20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (path, bytes) in tree(&s.path().join("output")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let Some(main) = html.split("id=\"main-content\"").nth(1) else {
            continue;
        };
        // Heading levels, from the page's <h1> on.
        let mut prev = 0;
        for part in main.split("<h").skip(1) {
            let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
                continue;
            };
            if prev == 0 && level != 1 {
                continue; // a banner above the title
            }
            assert!(level <= prev + 1, "{path}: h{level} after h{prev}");
            prev = level;
        }
        // Link texts (what a screen reader reads, hidden context included).
        let mut seen: std::collections::BTreeMap<String, String> = Default::default();
        for a in main.split("<a href=\"").skip(1) {
            let href = a.split('"').next().unwrap().to_string();
            let inner = a.split_once('>').unwrap().1.split("</a>").next().unwrap();
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            // Footnote references ("1", "2") restart in each paper of an agenda pack.
            if href.starts_with('#') && text.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if let Some(other) = seen.insert(text.trim().to_string(), href.clone()) {
                assert_eq!(other, href, "{path}: link text {text:?} names two places");
            }
        }
    }
}
