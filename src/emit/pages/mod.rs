//! HTML pages: one typed context per page kind, each built in its own file
//! here, rendered through the theme's templates in parallel. Only public
//! entities get pages; listings show exempt titles as plain text and never
//! name embargoed or draft ones.
//!
//! This file keeps the job list, the dispatch from a job to its page kind,
//! and the pieces several page kinds share (meeting rows, years of meetings,
//! the published document a page shows). A page kind's file builds its
//! context (a `Serialize` struct whose fields are what its template reads)
//! and renders it with [`finish_page`]; facts a template branches on
//! (cancelled, approved, draft) and labels and plurals are decided there, in
//! Rust, never in the template.

mod annual_report;
mod appendix;
mod committee;
mod decisions;
mod glossary;
mod home;
pub(super) mod meeting;
mod meetings;
mod minutes;
mod people;
mod plan;
mod questions;
mod recommendation;
mod report;
mod review;
mod simple;
mod trackers;
mod work_programme;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::contexts::PageMd;
pub(super) use super::frame::{PageOut, finish_page, frame};
use super::{EmitContext, Emitter, Output, paging, public_decisions};
use crate::diagnostics::Diagnostic;
use crate::render::published::{Body, Doc, One};
use crate::resolve::Site;
use crate::resolve::entities::Key;
use crate::resolve::model::*;
use crate::resolve::publish::Publish;

pub struct Pages;

#[derive(Clone, Copy)]
enum Job {
    Home,
    Committees,
    Committee(usize),
    /// A committee's meetings in one municipal year older than its page lists.
    /// (The `n`th of [`committee::earlier_years`].)
    CommitteeYear(usize, usize),
    /// A page (0-based) of the meetings list.
    Meetings(usize),
    Meeting(usize),
    Minutes(usize),
    Report(usize),
    Appendix(usize),
    Questions(usize),
    People,
    Person(usize),
    /// A person's meetings in one municipal year older than their page
    /// lists (the `n`th of them).
    PersonYear(usize, usize),
    /// A page (0-based) of the decisions register, for one committee or all.
    Decisions(Option<usize>, usize),
    Page(usize),
    NotFound,
    Review(usize),
    Rec(usize),
    /// A tracker: for one committee (or all), optionally one status only;
    /// then the page (0-based) of its rows.
    Tracker(Option<usize>, Option<usize>, usize),
    Plan(usize),
    AnnualReport(usize),
    WorkProgramme(usize),
}

/// A link to a page of one earlier municipal year (of a committee's
/// meetings, or of those whose minutes record a person).
#[derive(Serialize)]
pub(super) struct YearLink {
    pub(super) year: String,
    pub(super) url: String,
}

/// Links to the pages of `years` other than `this`, in their order, each at
/// `url(year)`.
pub(super) fn other_years<'y>(
    years: impl IntoIterator<Item = &'y str>,
    this: &str,
    url: impl Fn(&str) -> String,
) -> Vec<YearLink> {
    years
        .into_iter()
        .filter(|y| *y != this)
        .map(|y| YearLink {
            url: url(y),
            year: y.to_string(),
        })
        .collect()
}

/// Indices of the items whose pages may be published.
fn public<'a, T>(items: &'a [T], publish: impl Fn(&T) -> Publish + 'a) -> impl Iterator<Item = usize> + 'a {
    items
        .iter()
        .enumerate()
        .filter(move |(_, x)| publish(x).is_public())
        .map(|(i, _)| i)
}

/// The lists that are cut into many pages, built once per build so that no
/// page of them scans the whole site again.
struct Lists<'a> {
    /// Public meetings, newest first.
    meetings: Vec<&'a Meeting>,
    /// Public decisions, newest first, and the same by committee.
    decisions: Vec<&'a Decision>,
    by_committee: BTreeMap<&'a str, Vec<&'a Decision>>,
    /// Public meetings by committee id, newest first.
    committee_meetings: BTreeMap<&'a str, Vec<&'a Meeting>>,
    trackers: trackers::TrackerLists<'a>,
}

impl<'a> Lists<'a> {
    fn new(site: &'a Site) -> Lists<'a> {
        let mut meetings: Vec<&Meeting> = site.papers.meetings.iter().filter(|m| m.publish.is_public()).collect();
        meetings.sort_by(|a, b| (b.date_value, &b.id).cmp(&(a.date_value, &a.id)));
        let decisions = public_decisions(site);
        let mut by_committee: BTreeMap<&str, Vec<&Decision>> = BTreeMap::new();
        for d in &decisions {
            by_committee.entry(d.committee_id.as_str()).or_default().push(d);
        }
        let mut committee_meetings: BTreeMap<&str, Vec<&Meeting>> = BTreeMap::new();
        for m in &meetings {
            committee_meetings.entry(m.committee_id.as_str()).or_default().push(m);
        }
        Lists {
            meetings,
            decisions,
            by_committee,
            committee_meetings,
            trackers: trackers::TrackerLists::new(site),
        }
    }

    fn committee_decisions(&self, c: &Committee) -> &[&'a Decision] {
        self.by_committee.get(c.id.as_str()).map_or(&[], Vec::as_slice)
    }

    fn committee_meetings(&self, c: &Committee) -> &[&'a Meeting] {
        self.committee_meetings.get(c.id.as_str()).map_or(&[], Vec::as_slice)
    }
}

fn jobs(site: &Site, lists: &Lists) -> Vec<Job> {
    let mut v = vec![Job::Home, Job::Committees, Job::People, Job::NotFound];
    v.extend((0..paging::page_count(lists.meetings.len(), paging::MEETINGS_PER_PAGE)).map(Job::Meetings));
    v.extend(
        (0..paging::page_count(lists.decisions.len(), paging::DECISIONS_PER_PAGE)).map(|p| Job::Decisions(None, p)),
    );
    for i in public(&site.committees, |c| c.publish) {
        v.push(Job::Committee(i));
        let earlier = committee::earlier_years(lists.committee_meetings(&site.committees[i])).len();
        v.extend((0..earlier).map(|n| Job::CommitteeYear(i, n)));
        let n = lists.committee_decisions(&site.committees[i]).len();
        v.extend((0..paging::page_count(n, paging::DECISIONS_PER_PAGE)).map(|p| Job::Decisions(Some(i), p)));
    }
    v.extend(public(&site.papers.meetings, |m| m.publish).map(Job::Meeting));
    v.extend(public(&site.papers.minutes, |m| m.publish).map(Job::Minutes));
    v.extend(public(&site.papers.reports, |r| r.publish).map(Job::Report));
    v.extend(public(&site.papers.appendices, |a| a.publish).map(Job::Appendix));
    v.extend(public(&site.papers.questions, |q| q.publish).map(Job::Questions));
    for (i, p) in site.people.iter().enumerate() {
        v.push(Job::Person(i));
        v.extend((0..people::earlier_years(p)).map(|n| Job::PersonYear(i, n)));
    }
    v.extend(public(&site.reviews, |x| x.publish).map(Job::Review));
    v.extend(public(&site.recs, |x| x.publish).map(Job::Rec));
    v.extend(trackers::jobs(site, &lists.trackers));
    v.extend(public(&site.plans, |x| x.publish).map(Job::Plan));
    v.extend(public(&site.annual_reports, |x| x.publish).map(Job::AnnualReport));
    v.extend((0..site.work_programmes.len()).map(Job::WorkProgramme));
    v.extend(public(&site.pages, |p| p.publish).map(Job::Page));
    v
}

impl Emitter for Pages {
    fn name(&self) -> &'static str {
        "pages"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let lists = Lists::new(site);
        // Each page is stored as soon as it is rendered, on the thread that
        // rendered it; only what the glossary page needs is kept.
        let out = &*out;
        let results: Vec<PageOut> = jobs(site, &lists)
            .into_par_iter()
            .map(|job| {
                let mut r = render_job(cx, &lists, job);
                out.add(std::mem::take(&mut r.path), std::mem::take(&mut r.html));
                r
            })
            .collect();
        let mut diags = Vec::new();
        let mut usage: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
        for r in results {
            diags.extend(r.diags);
            for t in r.used_terms {
                usage.entry(t).or_default().insert((r.title.clone(), r.url.clone()));
            }
        }
        let g = glossary::page(cx, &usage);
        diags.extend(g.diags);
        out.add(g.path, g.html);
        diags
    }
}

/// Make and store the page of document `which` alone, after a change to it
/// that no other page shows (`serve`).
pub fn one(cx: &EmitContext, out: &Output, which: One) -> Vec<Diagnostic> {
    let md = PageMd::new(cx.renderer);
    let page = match which {
        One::Report(i) => report::page(cx, md, i),
        One::Appendix(i) => appendix::page(cx, md, i),
        One::Page(i) => simple::free_page(cx, md, i),
        One::Meeting(i) => meeting::page(cx, md, i),
        One::Review(i) => review::page(cx, md, i),
        One::Plan(i) => plan::page(cx, md, i),
        One::AnnualReport(i) => annual_report::page(cx, md, i),
        One::Rec(i) => recommendation::page(cx, md, i),
        One::Minutes(i) => minutes::page(cx, md, i),
    };
    out.add(page.path, page.html);
    page.diags
}

/// Make and store again the pages that show the progress of recommendations
/// `recs` (indices in the site's list), after a change to the status or text
/// of their updates alone (`serve`): their own pages, the pages of
/// `meetings` (those that made them or heard the updates), every review's
/// and committee's page (they show each review's counts by status), every
/// tracker page, and the home page (the same counts). With `items`, the
/// meetings' agenda items changed too: every page that lists meetings with
/// their items is made again as well (a theme may show them there).
pub fn progress(cx: &EmitContext, out: &Output, recs: &[usize], meetings: &[usize], items: bool) -> Vec<Diagnostic> {
    let site = cx.site;
    let lists = Lists::new(site);
    let mut v = if items {
        lists_of_meetings(site, &lists)
    } else {
        std::iter::once(Job::Home)
            .chain(public(&site.committees, |c| c.publish).map(Job::Committee))
            .collect()
    };
    v.extend(public(&site.reviews, |x| x.publish).map(Job::Review));
    let public_rec = |i: &usize| site.recs.get(*i).is_some_and(|r| r.publish.is_public());
    v.extend(recs.iter().copied().filter(public_rec).map(Job::Rec));
    let public_meeting = |i: &usize| site.papers.meetings.get(*i).is_some_and(|m| m.publish.is_public());
    v.extend(meetings.iter().copied().filter(public_meeting).map(Job::Meeting));
    v.extend(trackers::jobs(site, &lists.trackers));
    run(cx, out, &lists, v)
}

/// Every page that lists meetings with their details and agenda items: the
/// home page, the meetings list, and each committee's page and its earlier
/// years.
fn lists_of_meetings(site: &Site, lists: &Lists) -> Vec<Job> {
    let mut v = vec![Job::Home];
    v.extend((0..paging::page_count(lists.meetings.len(), paging::MEETINGS_PER_PAGE)).map(Job::Meetings));
    for i in public(&site.committees, |c| c.publish) {
        v.push(Job::Committee(i));
        let earlier = committee::earlier_years(lists.committee_meetings(&site.committees[i])).len();
        v.extend((0..earlier).map(|n| Job::CommitteeYear(i, n)));
    }
    v
}

/// Make and store again every page that lists meetings with their details
/// (`serve`, after a change to a meeting's time, venue or contact).
pub fn meeting_lists(cx: &EmitContext, out: &Output) -> Vec<Diagnostic> {
    let lists = Lists::new(cx.site);
    let jobs = lists_of_meetings(cx.site, &lists);
    run(cx, out, &lists, jobs)
}

/// Make and store `jobs`' pages, in parallel.
fn run(cx: &EmitContext, out: &Output, lists: &Lists, jobs: Vec<Job>) -> Vec<Diagnostic> {
    jobs.into_par_iter()
        .flat_map_iter(|job| {
            let r = render_job(cx, lists, job);
            out.add(r.path, r.html);
            r.diags
        })
        .collect()
}

/// The path of every tracker page.
pub fn tracker_paths(site: &Site) -> BTreeSet<String> {
    trackers::paths(site, &trackers::TrackerLists::new(site))
}

/// Make and store the home page alone (`serve`, after a change to a report
/// it lists).
pub fn home(cx: &EmitContext, out: &Output) -> Vec<Diagnostic> {
    let page = home::page(cx, PageMd::new(cx.renderer));
    out.add(page.path, page.html);
    page.diags
}

/// Renders one page: the job's page kind builds its context.
fn render_job(cx: &EmitContext, lists: &Lists, job: Job) -> PageOut {
    let md = PageMd::new(cx.renderer);
    match job {
        Job::Home => home::page(cx, md),
        Job::Committees => committee::list(cx, md),
        Job::Committee(i) => committee::page(cx, md, lists, i),
        Job::CommitteeYear(i, n) => committee::year_page(cx, md, lists, i, n),
        Job::Meetings(page) => meetings::page(cx, md, &lists.meetings, page),
        Job::Meeting(i) => meeting::page(cx, md, i),
        Job::Minutes(i) => minutes::page(cx, md, i),
        Job::Report(i) => report::page(cx, md, i),
        Job::Appendix(i) => appendix::page(cx, md, i),
        Job::Questions(i) => questions::page(cx, md, i),
        Job::People => people::list(cx, md),
        Job::Person(i) => people::page(cx, md, i),
        Job::PersonYear(i, n) => people::year_page(cx, md, i, n),
        Job::Decisions(c, page) => decisions::page(cx, md, lists, c, page),
        Job::Page(i) => simple::free_page(cx, md, i),
        Job::NotFound => simple::not_found(cx, md),
        Job::Review(i) => review::page(cx, md, i),
        Job::Rec(i) => recommendation::page(cx, md, i),
        Job::Tracker(c, status, page) => trackers::page(cx, md, &lists.trackers, c, status, page),
        Job::Plan(i) => plan::page(cx, md, i),
        Job::AnnualReport(i) => annual_report::page(cx, md, i),
        Job::WorkProgramme(i) => work_programme::page(cx, md, i),
    }
}

/// The published document a page shows: its headings and glossary first
/// uses become the page's, and its rendered Markdown is used as it is.
fn shown<'a>(cx: &EmitContext<'a>, md: &mut PageMd, key: &Key) -> Option<&'a Doc> {
    let d = cx.published.get(key)?;
    md.headings.extend(d.headings());
    md.abbr.used.extend(d.used_terms.iter().cloned());
    Some(d)
}

/// A document's single Markdown body (appendix, page, review, plan, annual report).
fn single(doc: Option<&Doc>) -> std::borrow::Cow<'_, str> {
    match doc.map(|d| &d.body) {
        Some(Body::Single { body }) => body.unpack(),
        _ => std::borrow::Cow::Borrowed(""),
    }
}

fn public_committees(site: &Site) -> Vec<&Committee> {
    site.committees.iter().filter(|c| c.publish.is_public()).collect()
}

/// A meeting as lists and its own page show it, with the facts its
/// templates branch on decided here.
#[derive(Serialize)]
struct MeetingView<'a> {
    #[serde(flatten)]
    meeting: &'a Meeting,
    is_cancelled: bool,
    /// Cancelled or postponed: its page says so in a banner.
    is_called_off: bool,
    /// Neither held nor scheduled: lists tag it with its status.
    shows_status: bool,
    /// Its minutes are a draft.
    minutes_is_draft: bool,
}

impl<'a> MeetingView<'a> {
    fn of(meeting: &'a Meeting) -> MeetingView<'a> {
        let s = meeting.status.as_str();
        MeetingView {
            meeting,
            is_cancelled: s == "cancelled",
            is_called_off: s == "cancelled" || s == "postponed",
            shows_status: s != "held" && s != "scheduled",
            minutes_is_draft: meeting.minutes_status.as_deref() == Some("draft"),
        }
    }
}

#[derive(Serialize)]
struct Year<'a> {
    /// `year-2019-20`: from the year itself, so a link to it stays good.
    anchor: String,
    year: String,
    meetings: Vec<MeetingView<'a>>,
}

/// Public meetings grouped by municipal year, newest year and meeting first.
fn meetings_by_year<'a>(meetings: impl Iterator<Item = &'a Meeting>) -> Vec<Year<'a>> {
    let mut years: BTreeMap<String, Vec<&Meeting>> = BTreeMap::new();
    for m in meetings.filter(|m| m.publish.is_public()) {
        years.entry(m.municipal_year.clone()).or_default().push(m);
    }
    years
        .into_iter()
        .rev()
        .map(|(year, mut meetings)| {
            meetings.sort_by(|a, b| (b.date_value, &b.id).cmp(&(a.date_value, &a.id)));
            Year {
                anchor: format!("year-{}", crate::render::markdown::slug(&year)),
                year,
                meetings: meetings.into_iter().map(MeetingView::of).collect(),
            }
        })
        .collect()
}

/// A numbered recommendation of a report, as its page and the agenda pack
/// list it.
#[derive(Serialize)]
pub(super) struct RecLine {
    pub(super) id: String,
    /// Its text, without a `<p>` wrapper.
    pub(super) html: String,
}

impl RecLine {
    pub(super) fn all(recs: &[(String, String)]) -> Vec<RecLine> {
        recs.iter()
            .map(|(id, html)| RecLine {
                id: id.clone(),
                html: html.clone(),
            })
            .collect()
    }
}

/// "1 thing", "2 things": `word` and its plural by count.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { one.to_string() } else { many.to_string() }
}
