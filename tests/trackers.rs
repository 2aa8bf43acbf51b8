//! Recommendation tracking, plans and data sets on the sample council:
//! counts, overdue actions, links to every meeting involved, and the errors
//! authors see for bad updates and data sets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use std::collections::BTreeSet;

use common::*;

fn built_sample(extra: &[&str]) -> tempfile::TempDir {
    let s = site("sample");
    let o = build(s.path(), extra);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

/// (status label, count) pairs in a tracker page's "By current status" list.
fn counts(html: &str) -> Vec<(String, usize)> {
    let list = html
        .split("class=\"mb-count-list\"")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    list.split("<li>")
        .skip(1)
        .map(|li| {
            let text: String = strip_tags(li);
            let (label, n) = text.rsplit_once(':').unwrap();
            (label.trim().to_string(), n.trim().parse().unwrap())
        })
        .collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn pairs(v: &[(&str, usize)]) -> Vec<(String, usize)> {
    v.iter().map(|(l, n)| (l.to_string(), *n)).collect()
}

#[test]
fn tracker_counts_match_the_sample_counted_by_hand() {
    let s = built_sample(&[]);
    // 18 review recommendations + 11 tracked resolutions, counted from the YAML by hand.
    let all = read(s.path(), "recommendations/index.html");
    assert_eq!(
        counts(&all),
        pairs(&[
            ("Not started", 2),
            ("In progress", 8),
            ("Completed", 10),
            ("Superseded", 1),
            ("Withdrawn", 1),
            ("No update yet", 7)
        ])
    );
    assert!(
        all.contains("29 recommendations across all committees, of which 6 are overdue."),
        "{all}"
    );
    // The review: 13 recommendations.
    let review = read(s.path(), "reviews/school-exclusions-2019/index.html");
    for (label, n) in [
        ("Completed", 5),
        ("In progress", 4),
        ("Not started", 1),
        ("Superseded", 1),
        ("Withdrawn", 1),
        ("No update yet", 1),
    ] {
        assert!(review.contains(&format!("<li>{label}: {n}</li>")), "{label}: {n}");
    }
    // The per-status page lists exactly the recommendations with that status.
    let completed = read(s.path(), "trackers/all/completed/index.html");
    assert!(completed.contains("(10)</caption>"));
    assert_eq!(completed.matches("<th scope=\"row\">").count(), 10);
    // Cabinet's own tracker: its tracked resolutions only.
    let cabinet = read(s.path(), "trackers/cabinet/index.html");
    assert!(cabinet.contains("2 recommendations for Cabinet"), "{cabinet}");
}

/// (recommendation page, action id) for every action marked overdue.
fn overdue_actions(site: &std::path::Path) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, bytes) in tree(&site.join("output/recommendations")) {
        let html = String::from_utf8(bytes).unwrap();
        for row in html.split("<tr id=\"action-").skip(1) {
            let (id, rest) = row.split_once('"').unwrap();
            let row = rest.split("</tr>").next().unwrap();
            if row.contains("mb-overdue") {
                out.insert((path.clone(), id.to_string()));
            }
        }
    }
    out
}

#[test]
fn moving_as_of_past_a_due_date_makes_exactly_that_action_overdue() {
    let before = built_sample(&["--as-of", "2021-02-27"]);
    let after = built_sample(&["--as-of", "2021-03-01"]);
    let (b, a) = (overdue_actions(before.path()), overdue_actions(after.path()));
    assert!(b.is_subset(&a));
    let new: Vec<_> = a.difference(&b).collect();
    assert_eq!(
        new,
        vec![&("young-carers-2020/2/index.html".to_string(), "1".to_string())]
    );
    // At the site's own as_of the three review actions found by hand are overdue.
    let now = built_sample(&[]);
    let ids: BTreeSet<String> = overdue_actions(now.path())
        .into_iter()
        .map(|(p, a)| format!("{p}#{a}"))
        .collect();
    let expected: BTreeSet<String> = [
        "school-exclusions-2019/ii/index.html#1",
        "school-exclusions-2019/iv/index.html#1",
        "young-carers-2020/2/index.html#1",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(ids, expected);
}

#[test]
fn recommendation_pages_link_to_the_meeting_that_made_them_and_every_update() {
    let s = built_sample(&[]);
    let rec = read(s.path(), "recommendations/school-exclusions-2019/iv/index.html");
    let made = rec.split("Made at").nth(1).unwrap().split("</div>").next().unwrap();
    assert!(
        made.contains("href=\"/meetings/2020-01-14-children-scrutiny/\""),
        "{made}"
    );
    let updates = rec.split("id=\"updates\"").nth(1).expect("an updates section");
    let reported: Vec<&str> = updates
        .split("Reported to <a href=\"")
        .skip(1)
        .map(|x| x.split('"').next().unwrap())
        .collect();
    let n_updates = updates.matches("class=\"mb-update\"").count();
    assert!(n_updates >= 2, "{n_updates}");
    assert_eq!(reported.len(), n_updates, "every update names its meeting");
    for url in reported {
        assert!(url.starts_with("/meetings/"), "{url}");
        assert!(
            s.path()
                .join("output")
                .join(url.trim_start_matches('/'))
                .join("index.html")
                .exists(),
            "{url} exists"
        );
    }
    // The meeting lists the progress reported to it.
    let meeting = read(s.path(), "meetings/2020-09-15-children-scrutiny/index.html");
    assert!(meeting.contains("Progress reported to this meeting"));
    // A tracked resolution's page links back to its minute.
    let tracked = read(s.path(), "recommendations/2019-11-26-children-scrutiny/20/b/index.html");
    assert!(
        tracked.contains("href=\"/meetings/2019-11-26-children-scrutiny/minutes/#minute-20\""),
        "{tracked}"
    );
    assert!(
        tracked.contains("href=\"/meetings/2019-11-26-children-scrutiny/#item-5\""),
        "the agenda item it was made under"
    );
}

#[test]
fn plans_show_quarters_direction_of_travel_and_charts() {
    let s = built_sample(&[]);
    let plan = read(s.path(), "plans/childrens-improvement-2019-21/index.html");
    assert!(plan.contains("2019/20 Q4"), "quarter labels from financial_year_start");
    assert!(
        plan.contains("Improving") && plan.contains("<svg"),
        "direction words and charts"
    );
    assert!(plan.contains("Actions by latest rating"));
}

#[test]
fn annual_report_renders_every_data_set_as_table_and_chart() {
    let s = built_sample(&[]);
    let dir = s.path().join("output/annual-reports");
    let (_, bytes) = tree(&dir).into_iter().find(|(p, _)| p.ends_with("index.html")).unwrap();
    let html = String::from_utf8(bytes).unwrap();
    assert_eq!(html.matches("<figure class=\"mb-dataset\"").count(), 5);
    assert!(html.matches("<svg").count() >= 4, "every chart but `chart: none`");
    assert!(html.contains("scope=\"col\"") && html.contains("scope=\"row\""));
}

const UPDATES: &str = "content/updates/2021-01.yaml";

fn check_errors(s: &std::path::Path) -> String {
    let o = minutebook(&["check", "--root", s.to_str().unwrap(), "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    stdout(&o)
}

fn has_error(out: &str, file: &str, line: usize, words: &str) -> bool {
    let prefix = format!("::error file={file},line={line},");
    out.lines().any(|l| l.starts_with(&prefix) && l.contains(words))
}

#[test]
fn bad_updates_are_errors_at_their_lines() {
    let s = site("sample");
    let good = std::fs::read_to_string(s.path().join(UPDATES)).unwrap();
    let extra = "\n- rec: school-exclusions-2019/nope\n  as_at: 2021-01-05\n  status: completed\n\
                 - rec: school-exclusions-2019/ii\n  as_at: 2021-01-06\n  status: finished\n";
    put(s.path(), UPDATES, &format!("{good}{extra}"));
    let out = check_errors(s.path());
    let base = good.lines().count();
    assert!(has_error(&out, UPDATES, base + 2, "does not exist"), "{out}");
    assert!(
        has_error(
            &out,
            UPDATES,
            base + 7,
            "`finished` is not in the site's `progress` vocabulary"
        ),
        "{out}"
    );
}

#[test]
fn two_updates_with_the_same_date_are_an_error() {
    let s = site("sample");
    let good = std::fs::read_to_string(s.path().join(UPDATES)).unwrap();
    let extra = "\n- rec: school-exclusions-2019/ii\n  as_at: 2021-01-07\n  status: in-progress\n\
                 - rec: school-exclusions-2019/ii\n  as_at: 2021-01-07\n  status: completed\n";
    put(s.path(), UPDATES, &format!("{good}{extra}"));
    let out = check_errors(s.path());
    let base = good.lines().count();
    assert!(has_error(&out, UPDATES, base + 6, "a second update"), "{out}");
}

#[test]
fn decision_outside_vocabulary_and_action_without_due() {
    let s = site("sample");
    let file = "content/reviews/young-carers-2020/recommendations.yaml";
    let text = "made_at: 2020-11-24-children-scrutiny\nrecommendations:\n  - id: 1\n    text: A.\n    to: executive\n    response: { decision: agred }\n  - id: 2\n    text: B.\n    to: executive\n    actions:\n      - { id: 1, action: Do it. }\n  - id: 3\n    text: C.\n    to: committee\n  - id: 4\n    text: D.\n    to: committee\n  - id: 5\n    text: E.\n    to: committee\n";
    put(s.path(), file, text);
    let out = check_errors(s.path());
    assert!(
        has_error(&out, file, 6, "`agred` is not in the site's `decision` vocabulary"),
        "{out}"
    );
    assert!(out.contains("did you mean `agreed`?"));
    assert!(has_error(&out, file, 11, "neither `due` nor `due_text`"), "{out}");
}

const DATA: &str = "content/annual-reports/safeguarding-partnership-2019-20/data/cp-plans.yaml";

#[test]
fn data_set_errors_are_reported_at_their_lines() {
    let s = site("sample");
    let text = "title: T\nunit: count\ncategories: [Q1, Q2]\nseries:\n  - { name: A, values: [1, 2] }\n  - { name: B, values: [1, 2, 3] }\ntotal: computed\ntotals: [2, 5]\n";
    put(s.path(), DATA, text);
    let out = check_errors(s.path());
    assert!(has_error(&out, DATA, 6, "B"), "series length at its line: {out}");
    assert!(has_error(&out, DATA, 8, "Q2"), "totals mismatch at its line: {out}");
}

#[test]
fn a_fence_naming_a_missing_data_set_is_an_error_at_the_name() {
    let s = site("sample");
    std::fs::remove_file(s.path().join(DATA)).unwrap();
    let out = check_errors(s.path());
    let index = "content/annual-reports/safeguarding-partnership-2019-20/index.md";
    // Line 34 is the ```dataset fence; the name is on line 35.
    assert!(has_error(&out, index, 35, "data set `cp-plans` was not found"), "{out}");
}

#[test]
fn work_programmes_link_reports_and_list_unscheduled_items() {
    let s = built_sample(&[]);
    for c in ["children-scrutiny", "cabinet", "health-wellbeing-board"] {
        let page = read(s.path(), &format!("work-programmes/{c}-2020-21/index.html"));
        assert!(page.contains("Work programme 2020/21"), "{c}");
        let committee = read(s.path(), &format!("committees/{c}/index.html"));
        assert!(
            committee.contains(&format!("href=\"/work-programmes/{c}-2020-21/\"")),
            "{c} links its programme"
        );
    }
    let board = read(s.path(), "work-programmes/health-wellbeing-board-2020-21/index.html");
    assert!(board.contains("href=\"/meetings/2020-10-08-health-wellbeing-board/reports/camhs-transformation-plan/\""));
    assert!(
        board.contains("Performance review"),
        "form of scrutiny by its vocabulary label"
    );
    assert!(board.contains("Healthy weight in primary schools") && board.contains("awaiting scoping"));
    // An exempt report named in a programme is plain text, never a link.
    let cabinet = read(s.path(), "work-programmes/cabinet-2020-21/index.html");
    assert!(cabinet.contains("Contract award"));
    assert!(!cabinet.contains("residential-placements-contract-award/\""));
}

#[test]
fn a_plan_is_rated_in_the_vocabulary_it_names() {
    let s = site("sample");
    let plan = "content/plans/childrens-improvement-2019-21/plan.yaml";
    let text = std::fs::read_to_string(s.path().join(plan)).unwrap();
    let with = |rating: &str| {
        if text.contains("\nrating: ") {
            text.replace("\nrating: rag\n", &format!("\nrating: {rating}\n"))
        } else {
            text.replacen("\naims:", &format!("\nrating: {rating}\naims:"), 1)
        }
    };
    put(s.path(), plan, &with("ragg"));
    let out = check_errors(s.path());
    assert!(out.contains("did you mean `rag`?"), "{out}");
    put(s.path(), plan, &with("progress"));
    let out = check_errors(s.path());
    assert!(out.contains("is not in the site's `progress` vocabulary"), "{out}");
}

/// The sample with its closing statuses renamed (`completed` → `done`,
/// `superseded` → `replaced`, `withdrawn` → `dropped`) and their meaning
/// given in site.yaml.
fn renamed_sample(closes: bool) -> tempfile::TempDir {
    let s = site("sample");
    for rel in [
        "content/reviews/school-exclusions-2019/recommendations.yaml",
        "content/updates/2020-09.yaml",
        "content/updates/2021-01.yaml",
    ] {
        let text = std::fs::read_to_string(s.path().join(rel)).unwrap();
        let text = text
            .replace("status: completed", "status: done")
            .replace("status: superseded", "status: replaced")
            .replace("status: withdrawn", "status: dropped");
        put(s.path(), rel, &text);
    }
    let flag = if closes { ", closes: true" } else { "" };
    let site_yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    put(
        s.path(),
        "site.yaml",
        &format!(
            "{site_yaml}vocabularies:\n  progress:\n    not-started: Not started\n    in-progress: In progress\n    \
             done: {{ label: Completed{flag} }}\n    replaced: {{ label: Superseded{flag} }}\n    \
             dropped: {{ label: Withdrawn{flag} }}\n"
        ),
    );
    let o = build(s.path(), &["--as-of", "2021-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

#[test]
fn renamed_statuses_with_their_meaning_keep_the_same_counts_and_overdue_actions() {
    let original = built_sample(&["--as-of", "2021-03-01"]);
    let renamed = renamed_sample(true);
    let all = read(renamed.path(), "recommendations/index.html");
    assert!(
        all.contains("29 recommendations across all committees, of which 6 are overdue."),
        "{all}"
    );
    for (label, n) in [
        ("Completed", 10),
        ("Superseded", 1),
        ("Withdrawn", 1),
        ("In progress", 8),
    ] {
        assert!(
            all.contains(&format!("{label}: <span class=\"mb-count-list__count\">{n}</span>")),
            "{label}: {n}"
        );
    }
    assert_eq!(overdue_actions(original.path()), overdue_actions(renamed.path()));
    // Without saying what the new words mean, closed recommendations would
    // count as open: their past-due actions become overdue.
    let unmarked = renamed_sample(false);
    assert!(overdue_actions(unmarked.path()).len() > overdue_actions(original.path()).len());
}
