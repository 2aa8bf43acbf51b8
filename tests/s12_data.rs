//! Content model section 12: annual reports and data sets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const REPORT: &str = "content/meetings/2020-01-14-scrutiny/reports/budget.md";
const DATA: &str = "content/meetings/2020-01-14-scrutiny/reports/budget/data/spend.yaml";

const SPEND: &str = "title: Spend by service
unit: currency
source: SOURCE-MARKER
categories: [Q1, Q2]
series:
  - { name: Adults, values: [10, 20] }
  - { name: Children, values: [5, 7] }
chart: stacked-bar
total: computed
totals: [15, 27]
note: NOTE-MARKER
";

fn with_fence(kind: &str) -> tempfile::TempDir {
    let s = site("basic");
    let text = std::fs::read_to_string(s.path().join(REPORT)).unwrap();
    put(s.path(), REPORT, &format!("{text}\n```dataset\nspend\n```\n"));
    put(s.path(), DATA, &SPEND.replace("stacked-bar", kind));
    s
}

#[test]
fn a_data_set_in_an_officer_report_is_an_accessible_table_and_a_chart() {
    let s = with_fence("stacked-bar");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    let figure = page
        .split("<figure class=\"mb-dataset\"")
        .nth(1)
        .expect("the data set is placed");
    assert!(figure.contains("<caption"), "{figure}");
    assert!(
        figure.contains("scope=\"col\"") && figure.contains("scope=\"row\""),
        "{figure}"
    );
    assert!(figure.contains("<svg") && figure.contains("role=\"img\""), "{figure}");
    assert!(
        figure.contains("SOURCE-MARKER") && figure.contains("NOTE-MARKER"),
        "{figure}"
    );
    assert!(figure.contains(">27<"), "computed totals: {figure}");
}

#[test]
fn chart_none_gives_a_table_only() {
    let s = with_fence("none");
    assert!(build(s.path(), &[]).status.success());
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    let figure = page.split("<figure class=\"mb-dataset\"").nth(1).unwrap();
    let figure = figure.split("</figure>").next().unwrap();
    assert!(figure.contains("<table") && !figure.contains("<svg"), "{figure}");
}

#[test]
fn a_fence_names_a_data_set_of_its_own_documents_folder_only() {
    let s = with_fence("bar");
    // The same name in another document's folder does not count.
    std::fs::remove_file(s.path().join(DATA)).unwrap();
    put(s.path(), "content/annual-reports/ar/index.md", "---\ntitle: A\n---\n");
    put(s.path(), "content/annual-reports/ar/data/spend.yaml", SPEND);
    let o = check(s.path(), &[]);
    assert_error_at(&o, REPORT, 20, "data set `spend` was not found");
}

#[test]
fn short_series_and_wrong_totals_are_errors_at_their_lines() {
    let s = with_fence("bar");
    put(
        s.path(),
        DATA,
        &SPEND.replace("[5, 7]", "[5]").replace("[15, 27]", "[15, 28]"),
    );
    let o = check(s.path(), &[]);
    assert_error_at(
        &o,
        DATA,
        7,
        "the series `Children` has 1 value but there are 2 categories",
    );
    assert_error_at(&o, DATA, 10, "the total for `Q2` is given as 28");
}

#[test]
fn a_misspelt_fence_name_is_an_error_at_the_name_with_did_you_mean() {
    let s = with_fence("bar");
    let text = std::fs::read_to_string(s.path().join(REPORT)).unwrap();
    put(
        s.path(),
        REPORT,
        &text.replace("```dataset\nspend\n", "```dataset\nspnd\n"),
    );
    let o = check(s.path(), &[]);
    assert_error_at(&o, REPORT, 20, "data set `spnd` was not found");
    assert!(stdout(&o).contains("did you mean `spend`?"), "{}", stdout(&o));
}
