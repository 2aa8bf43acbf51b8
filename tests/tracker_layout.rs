//! Issue 17, point 5 (trackers): a tracker table leaves out the columns that
//! no row of it uses (on the site-wide tracker, each committee's and each
//! status page alike, and in a recommendation's actions table), and the
//! site-wide tracker names the committee when every recommendation comes from
//! one, instead of "all committees".

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const MINUTES: &str = "content/meetings/2020-01-14-scrutiny/minutes.md";

/// The column headings of the first table on a page.
fn columns(html: &str) -> Vec<String> {
    let head = html
        .split("<thead>")
        .nth(1)
        .expect("a table head")
        .split("</thead>")
        .next()
        .unwrap();
    head.split("<th scope=\"col\">")
        .skip(1)
        .map(|c| c.split("</th>").next().unwrap().to_string())
        .collect()
}

/// The basic site, its tracked resolution 2(b) given `fields` (YAML flow
/// mapping entries), built.
fn basic_with(fields: &str) -> tempfile::TempDir {
    let s = site("basic");
    let minutes = std::fs::read_to_string(s.path().join(MINUTES)).unwrap().replace(
        "owner: Director of Resources, due: 2020-06-30 }",
        &format!("owner: Director of Resources, due: 2020-06-30{fields} }}"),
    );
    put(s.path(), MINUTES, &minutes);
    let o = build(s.path(), &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    s
}

#[test]
fn columns_no_row_uses_are_left_out() {
    // Resolution 2(b) has an owner and a due date, and nothing else yet.
    let s = basic_with("");
    for page in [
        "recommendations/index.html",
        "trackers/scrutiny/index.html",
        "trackers/all/no-update/index.html",
        "trackers/scrutiny/no-update/index.html",
    ] {
        let html = read(s.path(), page);
        assert_eq!(columns(&html), ["Recommendation", "Made at", "Due", "Status"], "{page}");
        assert!(!html.contains("None yet"), "{page}");
        assert!(html.contains("<td>30 June 2020</td>"), "{page}");
    }
    // A response and an update bring their columns.
    let s = basic_with(
        ", response: { decision: agreed, date: 2020-02-01 }, updates: [{ as_at: 2020-02-10, status: in-progress }]",
    );
    let html = read(s.path(), "recommendations/index.html");
    assert_eq!(
        columns(&html),
        ["Recommendation", "Made at", "Response", "Due", "Status", "Last update"]
    );
    assert!(html.contains(">Agreed</strong></td>"), "{html}");
    assert!(html.contains("<td>10 February 2020</td>"), "{html}");
}

#[test]
fn each_table_decides_its_own_columns() {
    let s = site("sample");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = read(s.path(), "recommendations/index.html");
    assert_eq!(
        columns(&all),
        [
            "Recommendation",
            "Made at",
            "Response",
            "Actions",
            "Due",
            "Status",
            "Last update"
        ]
    );
    // Cabinet's two tracked resolutions have no response and no actions.
    let cabinet = read(s.path(), "trackers/cabinet/index.html");
    assert_eq!(
        columns(&cabinet),
        ["Recommendation", "Made at", "Due", "Status", "Last update"]
    );
    // Nothing awaiting its first update has a "Last update".
    let waiting = read(s.path(), "trackers/all/no-update/index.html");
    assert!(!columns(&waiting).contains(&"Last update".to_string()), "{waiting}");
    // Every row keeps one cell per column.
    for html in [&all, &cabinet, &waiting] {
        let n = columns(html).len();
        let body = html.split("<tbody>").nth(1).unwrap().split("</tbody>").next().unwrap();
        for row in body.split("<tr>").skip(1) {
            let cells = row.matches("<th scope=\"row\">").count() + row.matches("<td>").count();
            assert_eq!(cells, n, "{row}");
        }
    }
}

#[test]
fn an_actions_table_leaves_out_what_no_action_has() {
    let s = basic_with(", actions: [{ id: 1, action: Draft the report, due: 2020-05-01 }]");
    let rec = read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html");
    let table = rec.split("id=\"actions\"").nth(1).unwrap();
    assert_eq!(columns(table), ["Action", "Due"]);
    let s = basic_with(
        ", actions: [{ id: 1, action: Draft the report, owner: Finance team, due: 2020-05-01, success: [Report received] }]",
    );
    let rec = read(s.path(), "recommendations/2020-01-14-scrutiny/2/b/index.html");
    let table = rec.split("id=\"actions\"").nth(1).unwrap();
    assert_eq!(columns(table), ["Action", "Owner", "Due", "Measure of success"]);
}

#[test]
fn the_site_wide_tracker_names_the_one_committee() {
    let s = basic_with("");
    let all = read(s.path(), "recommendations/index.html");
    assert!(
        all.contains("<p>1 recommendation for Overview and scrutiny committee.</p>"),
        "{all}"
    );
    assert!(!all.to_lowercase().contains("all committees"), "{all}");
    // No choice of committee to offer.
    assert!(!all.contains("Choose a committee"), "{all}");
    let status = read(s.path(), "trackers/all/no-update/index.html");
    assert!(
        status.contains(
            "<h1 class=\"mb-heading-xl\">Recommendations: No update yet (Overview and scrutiny committee)</h1>"
        ),
        "{status}"
    );
}

#[test]
fn the_site_wide_tracker_of_many_committees_says_all_committees() {
    let s = site("sample");
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = read(s.path(), "recommendations/index.html");
    assert!(
        all.contains("<p>29 recommendations across all committees, of which 6 are overdue.</p>"),
        "{all}"
    );
    let nav = all
        .split("aria-label=\"Choose a committee\"")
        .nth(1)
        .expect("the committee filter");
    let nav = nav.split("</nav>").next().unwrap();
    for c in [
        "All committees",
        "Cabinet",
        "Children and young people scrutiny committee",
    ] {
        assert!(nav.contains(c), "{c}: {nav}");
    }
    let cabinet = read(s.path(), "trackers/cabinet/index.html");
    assert!(cabinet.contains("<p>2 recommendations for Cabinet.</p>"), "{cabinet}");
}
