//! `plans/<plan>/plan.yaml` (spec section 8): an improvement or action plan's
//! aims, actions, measures with their values over time, and progress updates
//! rated against a status vocabulary (`rag` by default).
//!
//! These are the typed shapes only; statuses are checked and the computed
//! facts (quarters, direction of travel, distance to target, summary) are
//! made in `resolve::plans`.

use serde::{Deserialize, Serialize};

use super::primitives::{Date, Id, Spanned};

/// The whole of `plan.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// The file's kind, if stated; it must match the file's place.
    pub kind: Option<Spanned<String>>,
    pub title: String,
    pub period: Spanned<Period>,
    /// The committee that monitors the plan (a committee id).
    pub committee: Option<Spanned<String>>,
    /// The name of the vocabulary statuses are checked against; `rag` when absent.
    pub rating: Option<Spanned<String>>,
    pub aims: Vec<Spanned<Aim>>,
}

impl PlanFile {
    /// The vocabulary named by `rating`, `rag` when none is given.
    pub fn rating_name(&self) -> &str {
        self.rating.as_ref().map_or("rag", |r| r.value.as_str())
    }
}

/// `period: { start, end }`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: Spanned<Date>,
    pub end: Spanned<Date>,
}

/// One aim of the plan, holding its actions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aim {
    pub id: Spanned<Id>,
    pub title: String,
    #[serde(default)]
    pub actions: Vec<Spanned<PlanAction>>,
}

/// One action under an aim. `due` and `due_text` are both optional, but an
/// action may not give both.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanAction {
    pub id: Spanned<Id>,
    pub action: String,
    #[serde(default)]
    pub leads: Vec<String>,
    pub impact: Option<String>,
    pub due: Option<Spanned<Date>>,
    pub due_text: Option<Spanned<String>>,
    #[serde(default)]
    pub measures: Vec<Spanned<Measure>>,
    #[serde(default)]
    pub progress: Vec<Spanned<Progress>>,
}

/// What a measure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Percent,
    Count,
    Rate,
    Days,
    Currency,
    Ratio,
}

impl Unit {
    /// The key as written in YAML.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Rate => "rate",
            Unit::Days => "days",
            Unit::Currency => "currency",
            Unit::Ratio => "ratio",
        }
    }

    /// A word for an axis or a caption: `per cent`, `number`, `rate`, `days`, `£`, `ratio`.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Percent => "per cent",
            Unit::Count => "number",
            Unit::Rate => "rate",
            Unit::Days => "days",
            Unit::Currency => "£",
            Unit::Ratio => "ratio",
        }
    }
}

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
}

impl Polarity {
    /// `Higher is better` / `Lower is better`
    pub fn label(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "Higher is better",
            Polarity::LowerIsBetter => "Lower is better",
        }
    }
}

/// A performance measure tracked over time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: Spanned<Id>,
    pub name: String,
    pub unit: Unit,
    pub polarity: Polarity,
    pub target: Option<f64>,
    pub baseline: Option<Spanned<Baseline>>,
    #[serde(default)]
    pub values: Vec<Spanned<MeasureValue>>,
}

/// `baseline: { value, label }`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: f64,
    pub label: Option<String>,
}

/// `{ as_at, value }`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureValue {
    pub as_at: Spanned<Date>,
    pub value: Spanned<f64>,
}

/// `{ as_at, status, text }`: a rated progress update.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub as_at: Spanned<Date>,
    pub status: Spanned<String>,
    pub text: Option<String>,
}

/// The plan the tests of loading and of the plan computations (in resolve)
/// read: every kind of field, values and progress out of date order, and one
/// action with only `due_text`.
#[cfg(test)]
pub(crate) mod example {
    pub const PLAN: &str = r#"title: Safeguarding improvement plan 2019/20
period: { start: 2019-04-01, end: 2020-03-31 }
committee: cyp-scrutiny
aims:
  - id: "1"
    title: Children are protected
    actions:
      - id: "1.1"
        action: Visit looked-after children within timescales.
        due: 2020-03-31
        measures:
          - id: lac-visits
            name: LAC visits within timescales
            unit: percent
            polarity: higher-is-better
            target: 95
            baseline: { value: 79, label: "Sept 2018 – March 2019" }
            values:
              - { as_at: 2019-09-30, value: 88 }
              - { as_at: 2019-06-30, value: 81 }
              - { as_at: 2019-12-31, value: 86 }
        progress:
          - { as_at: 2020-03-31, status: green, text: "98% of visits in timescale." }
          - { as_at: 2019-12-31, status: amber }
      - id: "1.2"
        action: Audit case files.
        leads: [Heads of service, Team managers]
        impact: Case files show that children are seen regularly.
        due: 2020-01-31
        progress:
          - { as_at: 2020-01-31, status: blue }
  - id: 2
    title: Staff are supported
    actions:
      - id: "2.1"
        action: Recruit permanent social workers.
        due_text: When the market allows
rating: rag
"#;
}

#[cfg(test)]
mod tests {
    use super::example::PLAN;
    use super::*;
    use crate::load::yaml::parse;

    #[test]
    fn the_example_plan_parses() {
        let p: PlanFile = parse("plan.yaml", PLAN).unwrap();
        assert_eq!(p.rating_name(), "rag");
        assert_eq!(p.period.value.end.value.iso(), "2020-03-31");
        let action = &p.aims[0].value.actions[0].value;
        assert_eq!(action.id.value.as_str(), "1.1");
        assert_eq!(p.aims[0].value.actions[1].value.leads.len(), 2);
        let m = &action.measures[0].value;
        assert_eq!(
            (m.unit, m.polarity, m.target),
            (Unit::Percent, Polarity::HigherIsBetter, Some(95.0))
        );
        assert_eq!(m.values[1].value.value.value, 81.0);
        assert_eq!(m.values[1].value.as_at.referenced.line(), 20);
        assert_eq!(action.progress[0].value.status.value, "green");
        assert_eq!(action.progress[0].value.status.referenced.line(), 23);
    }

    #[test]
    fn ids_may_be_numbers_and_keys_are_checked() {
        let y = "title: P\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims:\n  - id: 1\n    title: A\n    actions:\n      - id: 1.1\n        action: X\n";
        let p: PlanFile = parse("plan.yaml", y).unwrap();
        assert_eq!(p.aims[0].value.actions[0].value.id.value.as_str(), "1.1");
        let bad = y.replace("    title: A\n", "    title: A\n    titel: B\n");
        let d = parse::<PlanFile>("plan.yaml", &bad).unwrap_err();
        assert_eq!(d.line, 6, "{d:?}");
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn required_fields_and_enums() {
        let d = parse::<PlanFile>("plan.yaml", "title: P\naims: []\n").unwrap_err();
        assert!(d.message.contains("`period`"), "{d:?}");
        let y = "title: P\nperiod: { start: 2019-04-01, end: 2020-03-31 }\naims:\n  - id: 1\n    title: A\n    actions:\n      - id: a\n        action: X\n        measures:\n          - { id: m, name: M, unit: percentage, polarity: higher-is-better }\n";
        let d = parse::<PlanFile>("plan.yaml", y).unwrap_err();
        assert_eq!(d.line, 10, "{d:?}");
    }
}
