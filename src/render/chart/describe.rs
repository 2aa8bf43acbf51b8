//! The text alternative of a chart: what it shows, every figure by series
//! and category, or a summary of each series when there are too many.

use std::fmt::Write as _;

use super::{Chart, ChartSeries, DESC_LIMIT, fmt_num, stack_sums};
use crate::load::dataset::ChartKind;

/// The text alternative: every figure, or a summary of each series when there are many.
pub(super) fn description(kind: ChartKind, chart: &Chart) -> String {
    let unit = if chart.unit.is_empty() {
        String::new()
    } else {
        format!(" ({})", chart.unit)
    };
    let mut d = format!("{} of {}{unit}", kind.label(), chart.title.trim_end_matches('.'));
    if chart.categories.is_empty() || chart.series.is_empty() {
        d.push_str(": no data.");
        return d;
    }
    let points: usize = chart
        .series
        .iter()
        .map(|s| s.values.len().min(chart.categories.len()))
        .sum();
    let figures = |s: &ChartSeries| -> Vec<(&str, f64)> {
        chart
            .categories
            .iter()
            .map(String::as_str)
            .zip(s.values.iter().copied())
            .filter(|(_, v)| v.is_finite())
            .collect()
    };
    let listed = |pairs: &[(&str, f64)]| -> String {
        pairs
            .iter()
            .map(|(k, v)| format!("{k} {}", fmt_num(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let summary = |pairs: &[(&str, f64)]| -> String {
        let min = pairs.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1));
        let max = pairs.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
        match (min, max, pairs.last()) {
            (Some(lo), Some(hi), Some(last)) => format!(
                "from {} ({}) to {} ({}); {} in {}",
                fmt_num(lo.1),
                lo.0,
                fmt_num(hi.1),
                hi.0,
                fmt_num(last.1),
                last.0
            ),
            _ => "no figures".into(),
        }
    };
    let many = points > DESC_LIMIT;
    if chart.series.len() == 1 && !many {
        let _ = write!(d, ": {}.", listed(&figures(&chart.series[0])));
    } else {
        let _ = write!(
            d,
            ", {} series across {} categories.",
            chart.series.len(),
            chart.categories.len()
        );
        for s in chart.series {
            let pairs = figures(s);
            let text = if many { summary(&pairs) } else { listed(&pairs) };
            let _ = write!(d, " {}: {text}.", s.name);
        }
    }
    if kind == ChartKind::StackedBar && chart.series.len() > 1 {
        let totals: Vec<(&str, f64)> = chart
            .categories
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let (n, p) = stack_sums(chart.series, i);
                (k.as_str(), n + p)
            })
            .collect();
        let text = if many { summary(&totals) } else { listed(&totals) };
        let _ = write!(d, " Total: {text}.");
    }
    if let Some(r) = chart.reference {
        let _ = write!(d, " {}: {}.", r.label, fmt_num(r.value));
    }
    d
}
