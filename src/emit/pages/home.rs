//! The home page: next and recent meetings, latest papers, committees.

use serde::Serialize;

use super::{MeetingView, PageMd, PageOut, finish_page, frame, public_committees};
use crate::emit::EmitContext;
use crate::resolve::documents::{AnnualReport, Plan};
use crate::resolve::model::{Committee, Meeting, Report, Review};

#[derive(Serialize)]
struct Home<'a> {
    upcoming: Vec<MeetingView<'a>>,
    recent: Vec<MeetingView<'a>>,
    latest_reports: Vec<&'a Report>,
    committees: Vec<&'a Committee>,
    reviews: Vec<&'a Review>,
    plans: Vec<&'a Plan>,
    annual_reports: Vec<&'a AnnualReport>,
}

pub(super) fn page(cx: &EmitContext, md: PageMd) -> PageOut {
    let site = cx.site;
    let as_of = site.config.as_of;
    let upcoming = site
        .papers
        .meetings
        .iter()
        .filter(|m| m.publish.is_public() && m.date_value >= as_of && m.status != "cancelled")
        .take(5)
        .map(MeetingView::of)
        .collect();
    let recent = site
        .papers
        .meetings
        .iter()
        .rev()
        .filter(|m| m.publish.is_public() && m.date_value < as_of)
        .take(6)
        .map(MeetingView::of)
        .collect();
    let by_id: std::collections::HashMap<&str, &Meeting> =
        site.papers.meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut latest: Vec<(&Report, &Meeting)> = site
        .papers
        .reports
        .iter()
        .filter(|r| r.publish.is_public())
        .filter_map(|r| by_id.get(r.meeting_id.as_str()).map(|m| (r, *m)))
        .collect();
    latest.sort_by(|a, b| (b.1.date_value, &a.0.title).cmp(&(a.1.date_value, &b.0.title)));
    let home = Home {
        upcoming,
        recent,
        latest_reports: latest.into_iter().take(8).map(|(r, _)| r).collect(),
        committees: public_committees(site),
        reviews: site.reviews.iter().filter(|r| r.publish.is_public()).collect(),
        plans: site.plans.iter().filter(|p| p.publish.is_public()).collect(),
        annual_reports: site.annual_reports.iter().filter(|a| a.publish.is_public()).collect(),
    };
    let url = site.config.url("");
    let desc = site
        .config
        .description
        .clone()
        .unwrap_or_else(|| format!("Agendas, minutes, reports and decisions of {}", site.config.title));
    let mut f = frame(&site.config.title, &url, desc, Vec::new(), "home");
    f.json_ld = Some(crate::emit::structured::organization(site));
    finish_page(cx, "home.html", &home, f, md)
}
