//! The accessibility statement (issue 16, point 5): generated from
//! site.yaml's `accessibility:` block with the GOV.UK model statement's
//! structure, at `/accessibility/`, and linked from every page's footer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

fn main_of(html: &str) -> &str {
    html.split("id=\"main-content\"")
        .nth(1)
        .unwrap()
        .split("</main>")
        .next()
        .unwrap()
}

#[test]
fn without_a_block_the_statement_uses_the_defaults_and_every_page_links_it() {
    let s = site("basic");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "accessibility/index.html");
    let main = main_of(&page);
    assert!(
        main.contains("<h1 class=\"mb-heading-xl\">Accessibility statement for Testford Borough Council papers</h1>")
    );
    // The model statement's sections, in its order.
    let sections = [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
    ];
    let mut at = 0;
    for h in sections {
        let i = main[at..]
            .find(&format!(">{h}</h2>"))
            .unwrap_or_else(|| panic!("no section {h} after the previous one: {main}"));
        at += i;
    }
    // England by default: the EHRC enforces, the EASS takes complaints.
    assert!(main.contains("Equality and Human Rights Commission (EHRC)"));
    assert!(main.contains("href=\"https://www.equalityadvisoryservice.com/\""));
    assert!(!main.contains("ECNI"));
    // The site's contact, and no claims it was not given.
    assert!(main.contains("href=\"mailto:ds@testford.example\""));
    assert!(main.contains(
        "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard."
    ));
    assert!(!main.contains("Non-accessible content"));
    assert!(!main.contains("last tested"));
    // Every page's footer links the statement.
    for (path, bytes) in tree(&s.path().join("output")) {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            let footer = html
                .split("<footer")
                .nth(1)
                .unwrap_or_else(|| panic!("{path} has no footer"));
            // (The agenda pack adds each link's absolute address for print.)
            let link = footer.split("<a href=\"/accessibility/\"").nth(1).unwrap_or("");
            assert!(
                link.split("</a>")
                    .next()
                    .unwrap_or("")
                    .ends_with(">Accessibility statement"),
                "{path}"
            );
        }
    }
}

#[test]
fn the_block_fills_in_the_statement() {
    let s = site("basic");
    let yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    put(
        s.path(),
        "site.yaml",
        &format!(
            "{yaml}accessibility:
  organisation: Testford Borough Council
  contact: {{ name: The web team, email: web@testford.example }}
  response_days: 10
  nation: northern-ireland
  known_issues:
    - Some maps have no text alternative ([see the list](https://www.testford.example/maps)).
    - Webcasts have no captions.
  disproportionate_burden: [The archive of scanned minutes before 2010.]
  outside_scope: [PDFs published before 23 September 2018.]
  improvements: We will caption webcasts by **June 2021**.
  prepared: 2020-09-01
  reviewed: 2021-03-01
  last_tested: 2021-02-15
  tested_by: an external auditor
  how_tested: We used a screen reader.
"
        ),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "accessibility/index.html");
    let main = main_of(&page);
    assert!(main.contains("This website is run by Testford Borough Council."));
    assert!(main.contains("Equality Commission for Northern Ireland (ECNI)"));
    assert!(main.contains("href=\"https://www.equalityni.org/Home\""));
    assert!(!main.contains("EHRC"));
    assert!(main.contains("contact The web team:"));
    assert!(main.contains("href=\"mailto:web@testford.example\""));
    assert!(main.contains("get back to you in 10 working days."));
    assert!(main.contains("We know some parts of this website are not fully accessible:"));
    // Known issues are Markdown.
    assert!(
        main.contains("<a href=\"https://www.testford.example/maps\">see the list</a>"),
        "{main}"
    );
    assert!(main.contains("partially compliant"));
    for h in [
        "Non-accessible content</h2>",
        "Non-compliance with the accessibility regulations</h3>",
        "Disproportionate burden</h3>",
        "within the scope of the accessibility regulations</h3>",
        "What we're doing to improve accessibility</h2>",
        "Preparation of this accessibility statement</h2>",
    ] {
        assert!(main.contains(h), "{h}: {main}");
    }
    assert!(main.contains("<strong>June 2021</strong>"));
    assert!(main.contains("This statement was prepared on 1 September 2020. It was last reviewed on 1 March 2021."));
    assert!(main.contains(
        "This website was last tested on 15 February 2021. The test was carried out by an external auditor."
    ));
    assert!(main.contains("We used a screen reader."));
}

#[test]
fn a_nation_that_is_not_one_of_the_four_is_an_error_at_its_line() {
    let s = site("basic");
    let yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    let line = yaml.lines().count() + 2;
    put(
        s.path(),
        "site.yaml",
        &format!("{yaml}accessibility:\n  nation: northern-irland\n"),
    );
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "github"]);
    assert!(!o.status.success());
    let out = stdout(&o);
    assert!(out.contains(&format!("::error file=site.yaml,line={line},")), "{out}");
    assert!(out.contains("northern-ireland"), "the message lists the choices: {out}");
}
