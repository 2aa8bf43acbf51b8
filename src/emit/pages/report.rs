//! An officer report: its cover facts, recommendations, body and appendices.

use serde::Serialize;

use super::{PageMd, PageOut, RecLine, finish_page, frame, shown};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::published::Body;
use crate::resolve::model::Report;

#[derive(Serialize)]
struct ReportPage<'a> {
    report: &'a Report,
    /// The wards affected, as they are printed ("All wards" for `all`).
    wards: Vec<&'a str>,
    recommendations: Vec<RecLine>,
    body_html: std::borrow::Cow<'a, str>,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let r = &site.papers.reports[i];
    let (recs, body) = match shown(cx, &mut md, &r.key).map(|d| &d.body) {
        Some(Body::Report { recommendations, body }) => (recommendations.as_slice(), body.unpack()),
        _ => (&[][..], std::borrow::Cow::Borrowed("")),
    };
    let page = ReportPage {
        report: r,
        wards: r
            .wards
            .iter()
            .map(|w| if w == "all" { "All wards" } else { w.as_str() })
            .collect(),
        recommendations: RecLine::all(recs),
        body_html: body,
    };
    let mut f = frame(
        &r.title,
        &r.url,
        r.purpose.clone().unwrap_or_else(|| r.title.clone()),
        Crumbs::home(site).link(&r.committee).link(&r.meeting).done(),
        "meetings",
    );
    f.about(site, std::slice::from_ref(&r.key));
    if let Some(d) = cx.published.get(&r.key)
        && let Some(c) = &d.committee_id
    {
        f.committee(site, c);
    }
    finish_page(cx, "report.html", &page, f, md)
}
