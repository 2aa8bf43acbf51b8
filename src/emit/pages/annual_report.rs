//! An annual report.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, shown, single};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::documents::AnnualReport;

#[derive(Serialize)]
struct AnnualReportPage<'a> {
    report: &'a AnnualReport,
    body_html: std::borrow::Cow<'a, str>,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let a = &site.annual_reports[i];
    let page = AnnualReportPage {
        report: a,
        body_html: single(shown(cx, &mut md, &a.key)),
    };
    let mut f = frame(&a.title, &a.url, a.title.clone(), Crumbs::home(site).done(), "");
    f.about(site, std::slice::from_ref(&a.key));
    finish_page(cx, "annual_report.html", &page, f, md)
}
