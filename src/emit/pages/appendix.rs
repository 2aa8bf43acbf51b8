//! An appendix to a report.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, shown, single};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::model::Appendix;

#[derive(Serialize)]
struct AppendixPage<'a> {
    appendix: &'a Appendix,
    body_html: std::borrow::Cow<'a, str>,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let a = &site.papers.appendices[i];
    let page = AppendixPage {
        appendix: a,
        body_html: single(shown(cx, &mut md, &a.key)),
    };
    let mut f = frame(
        &a.title,
        &a.url,
        format!("Appendix {} to {}", a.id, a.report.text),
        Crumbs::home(site)
            .link(&a.committee)
            .link(&a.meeting)
            .link(&a.report)
            .done(),
        "meetings",
    );
    f.about(site, std::slice::from_ref(&a.key));
    finish_page(cx, "appendix.html", &page, f, md)
}
