//! The decisions register: every resolution, newest first, for all
//! committees or one, a page at a time.

use serde::Serialize;

use super::{Lists, PageMd, PageOut, finish_page, frame, paging, public_committees};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::model::{Committee, Decision};

#[derive(Serialize)]
struct DecisionRow<'a> {
    d: &'a Decision,
    html: String,
}

/// A committee the register can be filtered by.
#[derive(Serialize)]
struct Filter {
    label: String,
    url: String,
    /// This page is that committee's.
    current: bool,
}

#[derive(Serialize)]
struct DecisionsPage<'a> {
    /// The committee this page is for; none for all committees.
    committee: Option<&'a Committee>,
    rows: Vec<DecisionRow<'a>>,
    total: usize,
    pager: paging::Pager,
    filters: Vec<Filter>,
    all_url: String,
}

/// Page `page` (0-based) of the register of committee `c` (or all).
pub(super) fn page(cx: &EmitContext, mut md: PageMd, lists: &Lists, c: Option<usize>, page: usize) -> PageOut {
    let site = cx.site;
    let committee = c.map(|i| &site.committees[i]);
    let all = committee.map_or(lists.decisions.as_slice(), |c| lists.committee_decisions(c));
    let base = committee.map_or_else(|| "decisions/".to_string(), |c| format!("decisions/{}/", c.id));
    let ctx = DecisionsPage {
        committee,
        rows: paging::slice(all, page, paging::DECISIONS_PER_PAGE)
            .iter()
            .map(|d| DecisionRow {
                d,
                html: md.inline(&d.text),
            })
            .collect(),
        total: all.len(),
        pager: paging::Pager::new(site, &base, page, all.len(), paging::DECISIONS_PER_PAGE),
        filters: public_committees(site)
            .iter()
            .map(|x| Filter {
                label: x.short_title.clone(),
                url: site.config.url(&format!("decisions/{}/", x.id)),
                current: committee.is_some_and(|c| c.id == x.id),
            })
            .collect(),
        all_url: site.config.url("decisions/"),
    };
    let title = match committee {
        Some(c) => format!("Decisions: {}", c.title),
        None => "Decisions register".to_string(),
    };
    let title = if page > 0 {
        format!("{title} (page {})", page + 1)
    } else {
        title
    };
    let url = site.config.url(&paging::page_path(&base, page));
    let mut crumbs = Crumbs::home(site);
    if committee.is_some() {
        crumbs = crumbs.add("Decisions", "decisions/");
    }
    let f = frame(
        &title,
        &url,
        "Every resolution, newest first".into(),
        crumbs.done(),
        "decisions",
    );
    finish_page(cx, "decisions.html", &ctx, f, md)
}
