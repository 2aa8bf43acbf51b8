//! Plan measure charts: resolve says what a measure's chart plots
//! ([`MeasureChart`]); this draws it as an SVG line chart with the target as
//! a reference line, for the plan's page.

use super::chart::{self, Chart, ChartSeries, Reference};
use crate::resolve::plans::{MeasureChart, MeasureView, PlanView};

/// The SVG of one measure's chart; empty when it has no values.
pub fn measure_svg(m: &MeasureView) -> String {
    let Some(MeasureChart { categories, values }) = &m.chart else {
        return String::new();
    };
    let series = [ChartSeries {
        name: m.name.clone(),
        values: values.clone(),
    }];
    let target = m.target.map(|value| Reference {
        label: "Target".into(),
        value,
    });
    chart::line(&Chart {
        id: &format!("{}-chart", m.anchor),
        title: &m.name,
        unit: m.unit_label,
        categories,
        series: &series,
        reference: target.as_ref(),
    })
}

/// The plan's view with every measure's chart drawn.
pub fn with_charts(view: &PlanView) -> PlanView {
    let mut v = view.clone();
    for m in v
        .aims
        .iter_mut()
        .flat_map(|a| a.actions.iter_mut())
        .flat_map(|a| a.measures.iter_mut())
    {
        m.chart_svg = measure_svg(m);
    }
    v
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_measure_chart_plots_the_baseline_then_each_quarter_against_the_target() {
        let v = with_charts(&crate::resolve::plans::tests::sample_view());
        let m = &v.aims[0].actions[0].measures[0];
        assert!(
            m.chart_svg
                .contains("Baseline (Sept 2018 – March 2019) 79, 2019/20 Q1 81"),
            "{}",
            m.chart_svg
        );
        assert!(m.chart_svg.contains("Target: 95."));
    }
}
