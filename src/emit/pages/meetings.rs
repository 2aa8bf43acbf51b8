//! The meetings list, by municipal year, a page at a time.

use serde::Serialize;

use super::{PageMd, PageOut, Year, finish_page, frame, meetings_by_year, paging};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::model::Meeting;

#[derive(Serialize)]
struct Meetings<'a> {
    years: Vec<Year<'a>>,
    pager: paging::Pager,
}

/// Page `page` (0-based) of `all`, the public meetings newest first.
pub(super) fn page(cx: &EmitContext, md: PageMd, all: &[&Meeting], page: usize) -> PageOut {
    let site = cx.site;
    let shown = paging::slice(all, page, paging::MEETINGS_PER_PAGE);
    let ctx = Meetings {
        years: meetings_by_year(shown.iter().copied()),
        pager: paging::Pager::new(site, "meetings/", page, all.len(), paging::MEETINGS_PER_PAGE),
    };
    let url = site.config.url(&paging::page_path("meetings/", page));
    let title = if page > 0 {
        format!("Meetings (page {})", page + 1)
    } else {
        "Meetings".to_string()
    };
    let f = frame(
        &title,
        &url,
        "All meetings by municipal year".into(),
        Crumbs::home(site).done(),
        "meetings",
    );
    finish_page(cx, "meetings.html", &ctx, f, md)
}
