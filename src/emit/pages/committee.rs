//! The list of committees, and each committee's page: membership, remit,
//! meetings by year and what else it publishes.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{
    Lists, PageMd, PageOut, Year, YearLink, finish_page, frame, meetings_by_year, other_years, public_committees,
};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::markdown::slug;
use crate::resolve::Site;
use crate::resolve::entities::{Kind, Link};
use crate::resolve::model::{Committee, Meeting, Review};
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

/// How many municipal years of meetings a committee's page lists; each
/// earlier year has a page of its own, so the committee's page stays the same
/// size however long its archive grows.
pub(super) const RECENT_YEARS: usize = 2;

fn year_url(site: &Site, c: &Committee, year: &str) -> String {
    site.config.url(&format!("committees/{}/{}/", c.id, slug(year)))
}

/// The municipal years of a committee's public `meetings` (newest first)
/// that its page does not list, newest first.
pub(super) fn earlier_years(meetings: &[&Meeting]) -> Vec<String> {
    let mut years: Vec<&str> = meetings.iter().map(|m| m.municipal_year.as_str()).collect();
    years.dedup();
    years.into_iter().skip(RECENT_YEARS).map(str::to_string).collect()
}

#[derive(Serialize)]
struct CommitteeYearPage<'a> {
    committee: &'a Committee,
    year: Year<'a>,
    /// The other earlier years, newest first.
    years: Vec<YearLink>,
}

/// The meetings of committee `i` in the `n`th of its [`earlier_years`].
pub(super) fn year_page(cx: &EmitContext, md: PageMd, lists: &Lists, i: usize, n: usize) -> PageOut {
    let site = cx.site;
    let c = &site.committees[i];
    let meetings = lists.committee_meetings(c);
    let earlier = earlier_years(meetings);
    let year = earlier.get(n).map_or("", String::as_str);
    let shown = meetings_by_year(meetings.iter().copied().filter(|m| m.municipal_year == year))
        .into_iter()
        .next();
    let url = year_url(site, c, year);
    let title = format!("{}: meetings in {year}", c.title);
    let f = frame(
        &title,
        &url,
        format!("Meetings of {} in the municipal year {year}", c.title),
        Crumbs::home(site)
            .add("Committees", "committees/")
            .link(&Link::to(c.title.as_str(), c.url.as_str()))
            .done(),
        "committees",
    );
    let years = other_years(earlier.iter().map(String::as_str), year, |y| year_url(site, c, y));
    let page = CommitteeYearPage {
        committee: c,
        year: shown.unwrap_or(Year {
            anchor: String::new(),
            year: year.to_string(),
            meetings: Vec::new(),
        }),
        years,
    };
    finish_page(cx, "committee_year.html", &page, f, md)
}

#[derive(Serialize)]
struct CommitteePage<'a> {
    committee: &'a Committee,
    remit_html: String,
    /// The latest [`RECENT_YEARS`] municipal years of meetings.
    years: Vec<Year<'a>>,
    /// Earlier years, newest first: a page each.
    earlier: Vec<YearLink>,
    decisions_url: String,
    /// Its recommendation tracker, when it has public recommendations.
    tracker_url: Option<String>,
    programmes: Vec<&'a WorkProgramme>,
    reviews: Vec<&'a Review>,
    calendar_url: String,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, lists: &Lists, i: usize) -> PageOut {
    let site = cx.site;
    let c = &site.committees[i];
    let has_recs = lists.trackers.has(i);
    let mut years = meetings_by_year(lists.committee_meetings(c).iter().copied());
    let earlier: Vec<YearLink> = years
        .split_off(RECENT_YEARS.min(years.len()))
        .into_iter()
        .map(|y| YearLink {
            url: year_url(site, c, &y.year),
            year: y.year,
        })
        .collect();
    let page = CommitteePage {
        committee: c,
        remit_html: md.at(3, None).html(&c.remit),
        years,
        earlier,
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
    // Its meetings name it in their front matter; they are listed by year
    // above (and on the earlier years' pages), not again as references.
    let own: BTreeSet<&str> = site
        .papers
        .meetings
        .iter()
        .filter(|m| m.committee_id == c.id)
        .map(|m| m.id.as_str())
        .collect();
    f.about_except(site, std::slice::from_ref(&c.key), |k| {
        k.kind == Kind::Meeting && own.contains(&*k.id)
    });
    f.committee(site, &c.id);
    finish_page(cx, "committee.html", &page, f, md)
}
