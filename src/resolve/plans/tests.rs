//! Tests of the plan computations: quarters, direction of travel, distance
//! to target, the view, the summary and the checks.

use super::*;
use crate::load::plan::example::PLAN;
use crate::load::yaml::parse;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn rag() -> Vocabulary {
    Vocabulary::defaults(crate::resolve::vocabulary::List::Rag)
}

fn plan() -> PlanFile {
    parse("plan.yaml", PLAN).unwrap()
}

/// The view of the test plan as of 2 June 2020 (also used by the chart test in render).
pub(crate) fn sample_view() -> PlanView {
    build_plan_view(&plan(), &rag(), d("2020-06-02"), (4, 1))
}

#[test]
fn quarters_follow_the_financial_year() {
    assert_eq!(quarter_label(d("2020-03-31"), 4, 1), "2019/20 Q4");
    assert_eq!(quarter_label(d("2019-04-01"), 4, 1), "2019/20 Q1");
    assert_eq!(quarter_label(d("2019-06-30"), 4, 1), "2019/20 Q1");
    assert_eq!(quarter_label(d("2019-07-01"), 4, 1), "2019/20 Q2");
    assert_eq!(quarter_label(d("2019-12-31"), 4, 1), "2019/20 Q3");
    assert_eq!(quarter_label(d("2020-01-01"), 4, 1), "2019/20 Q4");
    assert_eq!(quarter_label(d("1999-05-01"), 4, 1), "1999/00 Q1");
    assert_eq!(quarter_label(d("2020-05-05"), 1, 1), "2020 Q2");
    assert_eq!(quarter_label(d("2020-04-05"), 4, 6), "2019/20 Q4");
    assert_eq!(quarter_label(d("2020-04-06"), 4, 6), "2020/21 Q1");
    assert_eq!(quarter_label(d("2020-07-05"), 4, 6), "2020/21 Q1");
}

#[test]
fn direction_follows_polarity() {
    use Polarity::*;
    assert_eq!(direction(Some(81.0), 88.0, HigherIsBetter), Direction::Improving);
    assert_eq!(direction(Some(81.0), 88.0, LowerIsBetter), Direction::Worsening);
    assert_eq!(direction(Some(12.0), 9.0, LowerIsBetter), Direction::Improving);
    assert_eq!(direction(Some(0.3), 0.1 + 0.2, HigherIsBetter), Direction::NoChange);
    assert_eq!(direction(None, 5.0, HigherIsBetter), Direction::NotComparable);
    assert_eq!(
        (Direction::Worsening.word(), Direction::Worsening.symbol()),
        ("Getting worse", "▼")
    );
    assert_eq!(Direction::NoChange.view().word, "No change");
}

#[test]
fn distance_to_target_is_told_in_words() {
    use Polarity::*;
    let t = distance_to_target(88.0, 95.0, HigherIsBetter, Unit::Percent);
    assert_eq!(
        (t.gap, t.met, t.text.as_str()),
        (-7.0, false, "7 percentage points below the target of 95%")
    );
    let t = distance_to_target(98.0, 95.0, HigherIsBetter, Unit::Percent);
    assert_eq!(
        (t.met, t.text.as_str()),
        (true, "Target met: 3 percentage points above the target of 95%")
    );
    let t = distance_to_target(13.0, 10.0, LowerIsBetter, Unit::Days);
    assert_eq!((t.met, t.text.as_str()), (false, "3 days above the target of 10 days"));
    let t = distance_to_target(10.0, 10.0, LowerIsBetter, Unit::Days);
    assert_eq!((t.met, t.text.as_str()), (true, "On target (10 days)"));
    assert_eq!(format_value(Unit::Currency, 1234.5), "£1,234.5");
}

#[test]
fn the_view_computes_every_fact() {
    let v = build_plan_view(&plan(), &rag(), d("2020-06-02"), (4, 1));
    assert_eq!(v.period_text, "1 April 2019 to 31 March 2020");
    assert_eq!((v.action_count, v.measure_count), (3, 1));
    let a = &v.aims[0].actions[0];
    assert_eq!(a.anchor, "action-1.1");
    assert_eq!(a.status.as_ref().map(|s| s.status_label.as_str()), Some("Green"));
    assert_eq!(a.progress[0].status, "amber", "oldest first");
    assert!(a.overdue, "due 31 March, not complete by 2 June");
    assert_eq!(a.days_overdue, Some(63));
    assert!(!v.aims[0].actions[1].overdue, "complete actions are never overdue");
    assert!(!v.aims[1].actions[0].overdue, "due_text actions are never overdue");
    assert_eq!(v.overdue_count, 1);
    let m = &a.measures[0];
    let quarters: Vec<&str> = m.values.iter().map(|x| x.quarter.as_str()).collect();
    assert_eq!(quarters, ["2019/20 Q1", "2019/20 Q2", "2019/20 Q3"]);
    assert_eq!(m.values[0].direction.key, "improving", "first against the baseline");
    assert_eq!(
        m.values[0].change_text.as_deref(),
        Some("up 2 percentage points from 79%")
    );
    assert_eq!(m.values[2].direction.word, "Getting worse");
    assert_eq!(m.direction.symbol, "▼");
    assert_eq!(m.latest.as_ref().map(|l| l.value_text.as_str()), Some("86%"));
    assert_eq!(m.distance.as_ref().map(|t| t.met), Some(false));
    let chart = m.chart.as_ref().unwrap();
    assert_eq!(
        chart.categories[..2],
        ["Baseline (Sept 2018 – March 2019)", "2019/20 Q1"]
    );
    assert_eq!(chart.values[..2], [79.0, 81.0]);
    let s = serde_json::to_value(&v).unwrap();
    assert_eq!(
        s["aims"][0]["actions"][0]["measures"][0]["polarity"],
        "higher-is-better"
    );
}

#[test]
fn summary_counts_latest_statuses_in_vocabulary_order() {
    let v = build_plan_view(&plan(), &rag(), d("2020-06-02"), (4, 1));
    let counts: Vec<(&str, usize)> = v.summary.by_status.iter().map(|s| (s.key.as_str(), s.count)).collect();
    assert_eq!(counts, [("red", 0), ("amber", 0), ("green", 1), ("blue", 1)]);
    assert_eq!((v.summary.no_update, v.summary.total), (1, 3));
    assert_eq!(v.aims[1].summary.no_update, 1);
}

#[test]
fn a_clean_plan_has_no_problems() {
    assert!(check("plan.yaml", &plan(), &rag()).is_empty());
    assert!(check_rating("plan.yaml", &plan(), &["rag"]).is_none());
}

#[test]
fn unknown_statuses_suggest_the_close_one() {
    let p: PlanFile = parse("plan.yaml", &PLAN.replace("status: green", "status: gren")).unwrap();
    let diags = check("plan.yaml", &p, &rag());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        (diags[0].line, diags[0].message.as_str()),
        (23, "`gren` is not in the site's `rag` vocabulary")
    );
    assert_eq!(diags[0].help.as_deref(), Some("did you mean `green`?"));
}

#[test]
fn repeated_ids_dates_and_both_due_forms_are_errors() {
    let y = PLAN
        .replace("id: \"1.2\"", "id: \"1.1\"")
        .replace("as_at: 2019-12-31, status: amber", "as_at: 2020-03-31, status: amber")
        .replace("due_text: When", "due: 2021-01-01\n        due_text: When")
        .replace("as_at: 2019-12-31, value: 86", "as_at: 2019-09-30, value: 86");
    let p: PlanFile = parse("plan.yaml", &y).unwrap();
    let diags = check("plan.yaml", &p, &rag());
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.contains(&"two actions in this plan have the id `1.1`"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"action `1.1` has two progress entries as at 2020-03-31"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"action `2.1` has both `due` and `due_text`"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"measure `lac-visits` has two values as at 2019-09-30"),
        "{messages:?}"
    );
    let bad = check_rating(
        "plan.yaml",
        &parse("plan.yaml", &PLAN.replace("rating: rag", "rating: rga")).unwrap(),
        &["rag", "progress"],
    );
    assert_eq!(bad.and_then(|d| d.help), Some("did you mean `rag`?".into()));
}
