//! The list of committees, and each committee's page: membership, remit,
//! meetings by year and what else it publishes.

use serde::Serialize;

use super::{PageMd, PageOut, Year, finish_page, frame, meetings_by_year, public_committees};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::model::{Committee, Review};
use crate::resolve::programmes::WorkProgramme;

#[derive(Serialize)]
struct Committees<'a> {
    committees: Vec<&'a Committee>,
}

pub(super) fn list(cx: &EmitContext, md: PageMd) -> PageOut {
    let site = cx.site;
    let url = site.config.url("committees/");
    let f = frame(
        "Committees",
        &url,
        "Every committee, board and panel".into(),
        Crumbs::home(site).done(),
        "committees",
    );
    let page = Committees {
        committees: public_committees(site),
    };
    finish_page(cx, "committees.html", &page, f, md)
}

#[derive(Serialize)]
struct CommitteePage<'a> {
    committee: &'a Committee,
    remit_html: String,
    years: Vec<Year<'a>>,
    decisions_url: String,
    /// Its recommendation tracker, when it has public recommendations.
    tracker_url: Option<String>,
    programmes: Vec<&'a WorkProgramme>,
    reviews: Vec<&'a Review>,
    calendar_url: String,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let c = &site.committees[i];
    let has_recs = site
        .recs
        .iter()
        .any(|r| r.publish.is_public() && r.committee_id.as_deref() == Some(&c.id));
    let page = CommitteePage {
        committee: c,
        remit_html: md.at(3, None).html(&c.remit),
        years: meetings_by_year(site.meetings.iter().filter(|m| m.committee_id == c.id)),
        decisions_url: site.config.url(&format!("decisions/{}/", c.id)),
        tracker_url: has_recs.then(|| site.config.url(&format!("trackers/{}/", c.id))),
        programmes: site.work_programmes.iter().filter(|w| w.committee_id == c.id).collect(),
        reviews: site
            .reviews
            .iter()
            .filter(|r| r.publish.is_public() && r.committee_id.as_deref() == Some(&c.id))
            .collect(),
        calendar_url: crate::emit::calendar::committee_calendar_url(site, &c.id),
    };
    let mut f = frame(
        &c.title,
        &c.url,
        format!("Membership, remit and meetings of {}", c.title),
        Crumbs::home(site).add("Committees", "committees/").done(),
        "committees",
    );
    f.about(site, std::slice::from_ref(&c.key));
    f.committee(site, &c.id);
    finish_page(cx, "committee.html", &page, f, md)
}
