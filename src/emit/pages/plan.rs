//! An improvement plan: its actions, ratings and measures, with charts.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, plural, shown, single};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::documents::Plan;

#[derive(Serialize)]
struct PlanPage<'a> {
    /// The plan, its measures' charts drawn.
    plan: Plan,
    intro_html: std::borrow::Cow<'a, str>,
    /// "3 actions and 2 measures; 1 action is overdue".
    summary: String,
}

/// The sentence that sums up a plan's actions and measures.
fn summary(actions: usize, measures: usize, overdue: usize) -> String {
    let mut s = format!(
        "{actions} {} and {measures} {}",
        plural(actions, "action", "actions"),
        plural(measures, "measure", "measures")
    );
    if overdue > 0 {
        s.push_str(&format!(
            "; {overdue} {} overdue",
            plural(overdue, "action is", "actions are")
        ));
    }
    s
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let p = &site.plans[i];
    let v = &p.view;
    let page = PlanPage {
        summary: summary(v.action_count, v.measure_count, v.overdue_count),
        plan: Plan {
            view: crate::render::plan_chart::with_charts(&p.view),
            ..p.clone()
        },
        intro_html: single(shown(cx, &mut md, &p.key)),
    };
    let mut f = frame(
        &p.title,
        &p.url,
        format!("Progress on {}", p.title),
        Crumbs::home(site).done(),
        "",
    );
    f.about(site, std::slice::from_ref(&p.key));
    finish_page(cx, "plan.html", &page, f, md)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_summary_counts_in_words() {
        assert_eq!(super::summary(1, 1, 0), "1 action and 1 measure");
        assert_eq!(super::summary(3, 0, 1), "3 actions and 0 measures; 1 action is overdue");
        assert_eq!(
            super::summary(3, 2, 2),
            "3 actions and 2 measures; 2 actions are overdue"
        );
    }
}
