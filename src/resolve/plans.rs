//! Improvement plans (spec section 8): the facts the build computes from a
//! `plan.yaml` — quarter labels from the financial year, each measure's
//! direction of travel and distance to target, latest status and overdue
//! actions, counts by status — gathered into serialisable views for the
//! templates, plus the checks of statuses and ids against the vocabulary.

use serde::Serialize;

use crate::load::plan::{Measure, PlanAction, PlanFile, Polarity, Progress, Unit};
use crate::load::primitives::{Date, fmt_num};
use crate::resolve::vocabulary::{Colour, Vocabulary};

mod check;
pub use check::{check, check_rating};

/// The first calendar year of the financial year `date` falls in.
pub fn financial_year(date: Date, fy_start_month: u8, fy_start_day: u8) -> i32 {
    if (date.month(), date.day()) >= (fy_start_month, fy_start_day) {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The financial quarter of `date`: `2019/20 Q4` for 2020-03-31 when the year
/// starts on 1 April; `2020 Q1` when it starts on 1 January.
pub fn quarter_label(date: Date, fy_start_month: u8, fy_start_day: u8) -> String {
    let year = financial_year(date, fy_start_month, fy_start_day);
    let mut months = (i32::from(date.month()) - i32::from(fy_start_month)).rem_euclid(12);
    if date.day() < fy_start_day {
        months = (months - 1).rem_euclid(12);
    }
    let q = months / 3 + 1;
    if (fy_start_month, fy_start_day) == (1, 1) {
        format!("{year} Q{q}")
    } else {
        format!("{year}/{:02} Q{q}", (year + 1).rem_euclid(100))
    }
}

/// Direction of travel of a measure, with its polarity taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Improving,
    Worsening,
    NoChange,
    NotComparable,
}

impl Direction {
    /// The word shown beside the symbol.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Improving => "Improving",
            Direction::Worsening => "Getting worse",
            Direction::NoChange => "No change",
            Direction::NotComparable => "No earlier figure",
        }
    }

    /// A symbol that does not rely on colour; always shown with [`Self::word`].
    pub fn symbol(self) -> &'static str {
        match self {
            Direction::Improving => "▲",
            Direction::Worsening => "▼",
            Direction::NoChange => "►",
            Direction::NotComparable => "–",
        }
    }

    /// A class-name friendly key: `improving`, `worsening`, `no-change`, `not-comparable`.
    pub fn key(self) -> &'static str {
        match self {
            Direction::Improving => "improving",
            Direction::Worsening => "worsening",
            Direction::NoChange => "no-change",
            Direction::NotComparable => "not-comparable",
        }
    }

    pub fn view(self) -> DirectionView {
        DirectionView {
            key: self.key(),
            word: self.word(),
            symbol: self.symbol(),
        }
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// How `current` compares with `prev` (none: nothing to compare with).
pub fn direction(prev: Option<f64>, current: f64, polarity: Polarity) -> Direction {
    let Some(prev) = prev.filter(|p| p.is_finite()) else {
        return Direction::NotComparable;
    };
    if !current.is_finite() {
        return Direction::NotComparable;
    }
    if same(prev, current) {
        return Direction::NoChange;
    }
    let up = current > prev;
    match (up, polarity) {
        (true, Polarity::HigherIsBetter) | (false, Polarity::LowerIsBetter) => Direction::Improving,
        _ => Direction::Worsening,
    }
}

/// A figure with its unit: `95%`, `£1,200`, `12 days`, `1,234`.
pub fn format_value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => format!("{}%", fmt_num(v)),
        Unit::Currency if v < 0.0 => format!("-£{}", fmt_num(-v)),
        Unit::Currency => format!("£{}", fmt_num(v)),
        Unit::Days if same(v, 1.0) => "1 day".into(),
        Unit::Days => format!("{} days", fmt_num(v)),
        Unit::Count | Unit::Rate | Unit::Ratio => fmt_num(v),
    }
}

/// A difference with its unit: `7 percentage points`, `£30`, `3 days`.
fn format_amount(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent if same(v, 1.0) => "1 percentage point".into(),
        Unit::Percent => format!("{} percentage points", fmt_num(v)),
        _ => format_value(unit, v),
    }
}

/// How far the latest figure is from its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetDistance {
    /// `current - target`: positive when above the target.
    pub gap: f64,
    /// Whether the target is met, given the polarity.
    pub met: bool,
    /// `Target met: 3 percentage points above the target of 95%` / `7 days above the target of 10 days`.
    pub text: String,
}

pub fn distance_to_target(current: f64, target: f64, polarity: Polarity, unit: Unit) -> TargetDistance {
    let gap = current - target;
    let met = same(current, target)
        || match polarity {
            Polarity::HigherIsBetter => gap > 0.0,
            Polarity::LowerIsBetter => gap < 0.0,
        };
    let target_text = format_value(unit, target);
    let text = if same(current, target) {
        format!("On target ({target_text})")
    } else {
        let side = if gap > 0.0 { "above" } else { "below" };
        let lead = if met { "Target met: " } else { "" };
        format!(
            "{lead}{} {side} the target of {target_text}",
            format_amount(unit, gap.abs())
        )
    };
    TargetDistance {
        gap: (gap * 1e6).round() / 1e6,
        met,
        text,
    }
}

/// The latest progress entry of an action (the last written wins a tie).
pub fn latest_progress(action: &PlanAction) -> Option<&Progress> {
    action.progress.iter().map(|p| &p.value).max_by_key(|p| p.as_at.value)
}

/// One line of a summary by status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    pub key: String,
    pub label: String,
    /// The colour of its tag, from the vocabulary.
    pub colour: Colour,
    pub count: usize,
}

/// Actions counted by their latest status: every vocabulary key in the
/// vocabulary's order (zero counts included), then any unknown status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub by_status: Vec<StatusCount>,
    /// Actions with no progress entry yet.
    pub no_update: usize,
    pub total: usize,
}

pub fn summarise<'a>(actions: impl IntoIterator<Item = &'a PlanAction>, vocab: &Vocabulary) -> Summary {
    let mut by_status: Vec<StatusCount> = vocab
        .words
        .iter()
        .map(|w| StatusCount {
            key: w.key.clone(),
            label: w.label.clone(),
            colour: w.colour,
            count: 0,
        })
        .collect();
    let (mut no_update, mut total) = (0, 0);
    for a in actions {
        total += 1;
        let Some(p) = latest_progress(a) else {
            no_update += 1;
            continue;
        };
        let key = &p.status.value;
        match by_status.iter_mut().find(|s| &s.key == key) {
            Some(s) => s.count += 1,
            None => by_status.push(StatusCount {
                key: key.clone(),
                label: key.clone(),
                colour: vocab.colour(key),
                count: 1,
            }),
        }
    }
    Summary {
        by_status,
        no_update,
        total,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DirectionView {
    pub key: &'static str,
    pub word: &'static str,
    pub symbol: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub title: String,
    pub period_start: Date,
    pub period_end: Date,
    /// `1 April 2019 to 31 March 2020`
    pub period_text: String,
    pub committee: Option<String>,
    /// The vocabulary statuses are rated in (`rag`).
    pub rating: String,
    pub aims: Vec<AimView>,
    pub summary: Summary,
    pub action_count: usize,
    pub measure_count: usize,
    pub overdue_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AimView {
    pub id: String,
    /// `aim-<id>`
    pub anchor: String,
    pub title: String,
    pub actions: Vec<ActionView>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    /// `action-<id>`
    pub anchor: String,
    pub action: String,
    pub leads: Vec<String>,
    pub impact: Option<String>,
    pub due: Option<Date>,
    /// `31 March 2020`
    pub due_long: Option<String>,
    pub due_text: Option<String>,
    /// Due before `as_of` and its latest status is not a completed one.
    pub overdue: bool,
    pub days_overdue: Option<i64>,
    /// The latest progress entry.
    pub status: Option<ProgressView>,
    /// Oldest first.
    pub progress: Vec<ProgressView>,
    pub measures: Vec<MeasureView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressView {
    pub as_at: Date,
    pub as_at_long: String,
    pub quarter: String,
    pub status: String,
    pub status_label: String,
    /// The colour of its tag, from the vocabulary.
    pub status_colour: Colour,
    pub complete: bool,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub id: String,
    /// `measure-<id>`
    pub anchor: String,
    pub name: String,
    /// `percent`, `count`, …
    pub unit: &'static str,
    /// `per cent`, `number`, …
    pub unit_label: &'static str,
    /// `higher-is-better` / `lower-is-better`
    pub polarity: Polarity,
    pub polarity_label: &'static str,
    pub target: Option<f64>,
    pub target_text: Option<String>,
    pub baseline: Option<BaselineView>,
    /// Oldest first; each compared with the one before (the first with the baseline).
    pub values: Vec<ValueView>,
    pub latest: Option<ValueView>,
    /// The latest value's direction of travel.
    pub direction: DirectionView,
    pub distance: Option<TargetDistance>,
    /// What the line chart plots (the render stage draws it); none without values.
    #[serde(skip)]
    pub chart: Option<MeasureChart>,
    /// The line chart of the values (with the target as a reference line),
    /// drawn by `render::plan_chart`; empty until then and without values.
    pub chart_svg: String,
}

/// The points of a measure's chart: the baseline first when there is one.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureChart {
    pub categories: Vec<String>,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaselineView {
    pub value: f64,
    pub value_text: String,
    pub label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueView {
    pub as_at: Date,
    pub as_at_long: String,
    pub quarter: String,
    pub value: f64,
    /// `88%`
    pub value_text: String,
    pub direction: DirectionView,
    /// `up 7 percentage points from 81%`; none for the first value without a baseline.
    pub change_text: Option<String>,
}

fn measure_view(m: &Measure, fy: (u8, u8)) -> MeasureView {
    let mut values: Vec<(Date, f64)> = m
        .values
        .iter()
        .map(|v| (v.value.as_at.value, v.value.value.value))
        .collect();
    values.sort_by_key(|(d, _)| *d);
    let baseline = m.baseline.as_ref().map(|b| &b.value);
    let mut prev = baseline.map(|b| b.value);
    let mut views = Vec::new();
    for (as_at, value) in &values {
        let dir = direction(prev, *value, m.polarity);
        let change_text = prev.map(|p| {
            if same(p, *value) {
                format!("no change from {}", format_value(m.unit, p))
            } else {
                let way = if *value > p { "up" } else { "down" };
                format!(
                    "{way} {} from {}",
                    format_amount(m.unit, (value - p).abs()),
                    format_value(m.unit, p)
                )
            }
        });
        views.push(ValueView {
            as_at: *as_at,
            as_at_long: as_at.long(),
            quarter: quarter_label(*as_at, fy.0, fy.1),
            value: *value,
            value_text: format_value(m.unit, *value),
            direction: dir.view(),
            change_text,
        });
        prev = Some(*value);
    }
    let latest = views.last().cloned();
    let distance = match (&latest, m.target) {
        (Some(l), Some(t)) => Some(distance_to_target(l.value, t, m.polarity, m.unit)),
        _ => None,
    };
    let anchor = format!("measure-{}", m.id.value);
    MeasureView {
        id: m.id.value.to_string(),
        chart: measure_chart(m, &views),
        chart_svg: String::new(),
        anchor,
        name: m.name.clone(),
        unit: m.unit.key(),
        unit_label: m.unit.label(),
        polarity: m.polarity,
        polarity_label: m.polarity.label(),
        target: m.target,
        target_text: m.target.map(|t| format_value(m.unit, t)),
        baseline: baseline.map(|b| BaselineView {
            value: b.value,
            value_text: format_value(m.unit, b.value),
            label: b.label.clone(),
        }),
        direction: latest.as_ref().map_or(Direction::NotComparable.view(), |l| l.direction),
        values: views,
        latest,
        distance,
    }
}

/// The measure over time, the baseline first when there is one.
fn measure_chart(m: &Measure, values: &[ValueView]) -> Option<MeasureChart> {
    if values.is_empty() {
        return None;
    }
    let quarters: Vec<&str> = values.iter().map(|v| v.quarter.as_str()).collect();
    let clash = quarters.iter().enumerate().any(|(i, q)| quarters[..i].contains(q));
    let mut categories = Vec::new();
    let mut figures = Vec::new();
    if let Some(b) = &m.baseline {
        categories.push(match &b.value.label {
            Some(l) => format!("Baseline ({l})"),
            None => "Baseline".into(),
        });
        figures.push(b.value.value);
    }
    for v in values {
        categories.push(if clash { v.as_at_long.clone() } else { v.quarter.clone() });
        figures.push(v.value);
    }
    Some(MeasureChart {
        categories,
        values: figures,
    })
}

fn progress_view(p: &Progress, vocab: &Vocabulary, fy: (u8, u8)) -> ProgressView {
    let key = p.status.value.as_str();
    ProgressView {
        as_at: p.as_at.value,
        as_at_long: p.as_at.value.long(),
        quarter: quarter_label(p.as_at.value, fy.0, fy.1),
        status: key.to_string(),
        status_label: vocab.label(key).to_string(),
        status_colour: vocab.colour(key),
        complete: vocab.completes(key),
        text: p.text.clone(),
    }
}

fn action_view(a: &PlanAction, vocab: &Vocabulary, as_of: Date, fy: (u8, u8)) -> ActionView {
    let mut progress: Vec<ProgressView> = a.progress.iter().map(|p| progress_view(&p.value, vocab, fy)).collect();
    progress.sort_by_key(|p| p.as_at);
    let status = latest_progress(a).map(|p| progress_view(p, vocab, fy));
    let due = a.due.as_ref().map(|d| d.value);
    let done = status.as_ref().is_some_and(|s| s.complete);
    let days_overdue = due.map(|d| d.days_until(as_of)).filter(|n| *n > 0 && !done);
    ActionView {
        id: a.id.value.to_string(),
        anchor: format!("action-{}", a.id.value),
        action: a.action.clone(),
        leads: a.leads.clone(),
        impact: a.impact.clone(),
        due,
        due_long: due.map(Date::long),
        due_text: a.due_text.as_ref().map(|t| t.value.clone()),
        overdue: days_overdue.is_some(),
        days_overdue,
        status,
        progress,
        measures: a.measures.iter().map(|m| measure_view(&m.value, fy)).collect(),
    }
}

/// Everything a plan page shows, computed from `plan.yaml`, the vocabulary
/// named by its `rating` (key → label, in order), `as_of` and the start of the
/// financial year (`Config::fy_start`, month and day).
pub fn build_plan_view(plan: &PlanFile, vocab: &Vocabulary, as_of: Date, fy_start: (u8, u8)) -> PlanView {
    let aims: Vec<AimView> = plan
        .aims
        .iter()
        .map(|aim| {
            let aim = &aim.value;
            AimView {
                id: aim.id.value.to_string(),
                anchor: format!("aim-{}", aim.id.value),
                title: aim.title.clone(),
                actions: aim
                    .actions
                    .iter()
                    .map(|a| action_view(&a.value, vocab, as_of, fy_start))
                    .collect(),
                summary: summarise(aim.actions.iter().map(|a| &a.value), vocab),
            }
        })
        .collect();
    let all = plan
        .aims
        .iter()
        .flat_map(|aim| aim.value.actions.iter().map(|a| &a.value));
    let actions: Vec<&ActionView> = aims.iter().flat_map(|a| a.actions.iter()).collect();
    let period = &plan.period.value;
    PlanView {
        title: plan.title.clone(),
        period_start: period.start.value,
        period_end: period.end.value,
        period_text: format!("{} to {}", period.start.value.long(), period.end.value.long()),
        committee: plan.committee.as_ref().map(|c| c.value.clone()),
        rating: plan.rating_name().to_string(),
        summary: summarise(all, vocab),
        action_count: actions.len(),
        measure_count: actions.iter().map(|a| a.measures.len()).sum(),
        overdue_count: actions.iter().filter(|a| a.overdue).count(),
        aims,
    }
}

#[cfg(test)]
pub(crate) mod tests;
