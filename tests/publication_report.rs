//! `minutebook check --publication` (issue 11, point 4): what is public on a
//! day, what is withheld and why, and when embargoed documents become public.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

fn with_embargo_and_draft() -> tempfile::TempDir {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/later.md",
        "---\ntitle: Later plans\npublished: 2099-01-01\n---\nLater.\n",
    );
    put(
        s.path(),
        "content/pages/sooner.md",
        "---\ntitle: Sooner plans\npublished: 2020-06-30\n---\nSooner.\n",
    );
    put(
        s.path(),
        "content/pages/unfinished.md",
        "---\ntitle: Unfinished\ndraft: true\n---\nNot yet.\n",
    );
    s
}

fn report(s: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--publication", "--root", s.to_str().unwrap()];
    args.extend_from_slice(extra);
    minutebook(&args)
}

/// The table row whose id column is `id`.
fn row<'a>(table: &'a str, kind: &str, id: &str) -> &'a str {
    table
        .lines()
        .find(|l| {
            let mut cols = l.split_whitespace();
            cols.next() == Some(kind) && cols.next() == Some(id)
        })
        .unwrap_or_else(|| panic!("no row for {kind} {id} in\n{table}"))
}

#[test]
fn the_table_lists_each_state_with_its_reason_and_date() {
    let s = with_embargo_and_draft();
    let o = report(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.starts_with("What is public on 1 March 2020 (2020-03-01):"), "{t}");
    assert!(row(&t, "page", "about").contains("public"));
    assert!(row(&t, "page", "later").contains("embargoed until 1 January 2099"));
    assert!(row(&t, "page", "later").trim_end().ends_with("2099-01-01"));
    assert!(row(&t, "page", "sooner").trim_end().ends_with("2020-06-30"));
    assert!(row(&t, "page", "unfinished").contains("draft (drafts are not published)"));
    assert!(row(&t, "report", "2020-01-14-scrutiny/disposal").contains("exempt, Schedule 12A paragraph 3"));
    assert!(row(&t, "item", "2020-01-14-scrutiny/item-3").contains("exempt, Schedule 12A paragraph 3"));
    // Titles are shown (an internal report), and columns line up.
    assert!(row(&t, "page", "later").contains("Later plans"));
    let header = t.lines().nth(1).unwrap();
    let state_col = header.find("STATE").unwrap();
    for id in ["about", "later", "unfinished"] {
        let r = row(&t, "page", id);
        assert!(
            !r[state_col - 2..state_col].contains(|c: char| c != ' '),
            "aligned: {r}"
        );
    }
    assert!(t.contains("2 embargoed"), "{t}");
    assert!(t.contains("1 drafts left out"), "{t}");
}

#[test]
fn json_lines_parse_and_embargo_dates_are_sorted() {
    let s = with_embargo_and_draft();
    let o = report(s.path(), &["--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let find = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(find("later")["state"], "embargoed");
    assert_eq!(find("later")["from"], "2099-01-01");
    assert_eq!(find("later")["file"], "content/pages/later.md");
    assert_eq!(find("unfinished")["state"], "draft");
    assert_eq!(find("about")["state"], "public");
    assert_eq!(find("2020-01-14-scrutiny/disposal")["paragraph"], 3);
    let dates: Vec<&str> = rows
        .iter()
        .filter(|r| r["state"] == "embargoed")
        .map(|r| r["from"].as_str().unwrap())
        .collect();
    assert_eq!(dates, vec!["2020-06-30", "2099-01-01"], "embargoes in date order");
}

#[test]
fn as_of_moves_documents_from_embargoed_to_public() {
    let s = with_embargo_and_draft();
    let o = report(s.path(), &["--as-of", "2020-07-01", "--format", "json"]);
    let out = stdout(&o);
    let sooner = out.lines().find(|l| l.contains("\"id\":\"sooner\"")).unwrap();
    assert!(sooner.contains("\"state\":\"public\""), "{sooner}");
    let later = out.lines().find(|l| l.contains("\"id\":\"later\"")).unwrap();
    assert!(later.contains("\"state\":\"embargoed\""), "{later}");
}

#[test]
fn appendices_under_an_exempt_report_are_withheld_and_say_under_what() {
    let s = site("basic");
    let report = "content/meetings/2020-01-14-scrutiny/reports/disposal.md";
    let text = std::fs::read_to_string(s.path().join(report)).unwrap();
    put(
        s.path(),
        report,
        &text.replace(
            "exempt_paragraph: 3\n",
            "exempt_paragraph: 3\nappendices:\n  - { id: \"1\", title: Valuation, file: valuation.md }\n",
        ),
    );
    put(
        s.path(),
        "content/meetings/2020-01-14-scrutiny/reports/disposal/valuation.md",
        "---\ntitle: Valuation\n---\nFigures.\n",
    );
    let o = report_of(s.path());
    let t = stdout(&o);
    assert!(
        row(&t, "appendix", "2020-01-14-scrutiny/disposal/1")
            .contains("withheld under report:2020-01-14-scrutiny/disposal (exempt, paragraph 3)"),
        "{t}"
    );
}

fn report_of(s: &std::path::Path) -> std::process::Output {
    let o = report(s, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

#[test]
fn a_site_with_errors_reports_them_instead() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/bad.md",
        "---\ntitle: Bad\nunknown_key: 1\n---\n",
    );
    let o = report(s.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("content/pages/bad.md"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}
