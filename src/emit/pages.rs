//! HTML pages: one context per entity, built once, rendered through the
//! theme's templates in parallel. Only public entities get pages; listings
//! show exempt titles as plain text and never name embargoed or draft ones.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::contexts::{Crumbs, PageMd};
pub(super) use super::frame::{PageOut, finish, frame};
use super::{EmitContext, Emitter, Output, paging, public_decisions};
use crate::diagnostics::Diagnostic;
use crate::render::markdown::Renderer;
use crate::render::published::{Body, Doc};
use crate::resolve::Site;
use crate::resolve::entities::{Key, Kind, Link};
use crate::resolve::model::*;
use crate::resolve::publish::Publish;

pub struct Pages;

#[derive(Clone, Copy)]
pub(super) enum Job {
    Home,
    Committees,
    Committee(usize),
    /// A page (0-based) of the meetings list.
    Meetings(usize),
    Meeting(usize),
    Minutes(usize),
    Report(usize),
    Appendix(usize),
    Questions(usize),
    People,
    Person(usize),
    /// A page (0-based) of the decisions register, for one committee or all.
    Decisions(Option<usize>, usize),
    Page(usize),
    NotFound,
    Tracker(super::tracker_pages::TrackerJob),
}

/// Indices of the items whose pages may be published.
pub(super) fn public<'a, T>(items: &'a [T], publish: impl Fn(&T) -> Publish + 'a) -> impl Iterator<Item = usize> + 'a {
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
}

impl<'a> Lists<'a> {
    fn new(site: &'a Site) -> Lists<'a> {
        let mut meetings: Vec<&Meeting> = site.meetings.iter().filter(|m| m.publish.is_public()).collect();
        meetings.sort_by(|a, b| (b.date_value, &b.id).cmp(&(a.date_value, &a.id)));
        let decisions = public_decisions(site);
        let mut by_committee: BTreeMap<&str, Vec<&Decision>> = BTreeMap::new();
        for d in &decisions {
            by_committee.entry(d.committee_id.as_str()).or_default().push(d);
        }
        Lists {
            meetings,
            decisions,
            by_committee,
        }
    }

    fn committee_decisions(&self, c: &Committee) -> &[&'a Decision] {
        self.by_committee.get(c.id.as_str()).map_or(&[], Vec::as_slice)
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
        let n = lists.committee_decisions(&site.committees[i]).len();
        v.extend((0..paging::page_count(n, paging::DECISIONS_PER_PAGE)).map(|p| Job::Decisions(Some(i), p)));
    }
    v.extend(public(&site.meetings, |m| m.publish).map(Job::Meeting));
    v.extend(public(&site.minutes, |m| m.publish).map(Job::Minutes));
    v.extend(public(&site.reports, |r| r.publish).map(Job::Report));
    v.extend(public(&site.appendices, |a| a.publish).map(Job::Appendix));
    v.extend(public(&site.questions, |q| q.publish).map(Job::Questions));
    v.extend((0..site.people.len()).map(Job::Person));
    v.extend(super::tracker_pages::jobs(site).into_iter().map(Job::Tracker));
    v.extend(public(&site.pages, |p| p.publish).map(Job::Page));
    v
}

impl Emitter for Pages {
    fn name(&self) -> &'static str {
        "pages"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let renderer = cx.renderer;
        let lists = Lists::new(site);
        // Each page is stored as soon as it is rendered, on the thread that
        // rendered it; only what the glossary page needs is kept.
        let out = &*out;
        let results: Vec<PageOut> = jobs(site, &lists)
            .into_par_iter()
            .map(|job| {
                let mut r = render_job(cx, renderer, &lists, job);
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
        let g = glossary_page(cx, renderer, &usage);
        diags.extend(g.diags);
        out.add(g.path, g.html);
        diags
    }
}

/// The published document a page shows: its headings and glossary first
/// uses become the page's, and its rendered Markdown is used as it is.
pub(super) fn shown<'a>(cx: &EmitContext<'a>, md: &mut PageMd, key: &Key) -> Option<&'a Doc> {
    let d = cx.published.get(key)?;
    md.headings.extend(d.headings.iter().cloned());
    md.abbr.used.extend(d.used_terms.iter().cloned());
    Some(d)
}

/// A document's single Markdown body (appendix, page, review, plan, annual report).
pub(super) fn single(doc: Option<&Doc>) -> &str {
    match doc.map(|d| &d.body) {
        Some(Body::Single { body }) => body,
        _ => "",
    }
}

fn render_job(cx: &EmitContext, renderer: &Renderer, lists: &Lists, job: Job) -> PageOut {
    let site = cx.site;
    let mut md = PageMd::new(renderer);
    let mut ctx = Context::new();
    match job {
        Job::Home => {
            let as_of = site.config.as_of;
            let upcoming: Vec<&Meeting> = site
                .meetings
                .iter()
                .filter(|m| m.publish.is_public() && m.date_value >= as_of && m.status != "cancelled")
                .take(5)
                .collect();
            let recent: Vec<&Meeting> = site
                .meetings
                .iter()
                .rev()
                .filter(|m| m.publish.is_public() && m.date_value < as_of)
                .take(6)
                .collect();
            let by_id: std::collections::HashMap<&str, &Meeting> =
                site.meetings.iter().map(|m| (m.id.as_str(), m)).collect();
            let mut latest: Vec<(&Report, &Meeting)> = site
                .reports
                .iter()
                .filter(|r| r.publish.is_public())
                .filter_map(|r| by_id.get(r.meeting_id.as_str()).map(|m| (r, *m)))
                .collect();
            latest.sort_by(|a, b| (b.1.date_value, &a.0.title).cmp(&(a.1.date_value, &b.0.title)));
            let latest: Vec<&Report> = latest.into_iter().take(8).map(|(r, _)| r).collect();
            ctx.insert("upcoming", &upcoming);
            ctx.insert("recent", &recent);
            ctx.insert("latest_reports", &latest);
            ctx.insert("committees", &public_committees(site));
            let reviews: Vec<_> = site.reviews.iter().filter(|r| r.publish.is_public()).collect();
            let plans: Vec<_> = site.plans.iter().filter(|p| p.publish.is_public()).collect();
            let annual: Vec<_> = site.annual_reports.iter().filter(|a| a.publish.is_public()).collect();
            ctx.insert("reviews", &reviews);
            ctx.insert("plans", &plans);
            ctx.insert("annual_reports", &annual);
            let url = site.config.url("");
            let desc = site
                .config
                .description
                .clone()
                .unwrap_or_else(|| format!("Agendas, minutes, reports and decisions of {}", site.config.title));
            let mut f = frame(&site.config.title, &url, desc, Vec::new(), "home");
            f.json_ld = Some(super::structured::organization(site));
            finish(cx, "home.html", ctx, f, md)
        }
        Job::Committees => {
            ctx.insert("committees", &public_committees(site));
            let url = site.config.url("committees/");
            let f = frame(
                "Committees",
                &url,
                "Every committee, board and panel".into(),
                Crumbs::home(site).done(),
                "committees",
            );
            finish(cx, "committees.html", ctx, f, md)
        }
        Job::Committee(i) => {
            let c = &site.committees[i];
            let years = meetings_by_year(site, site.meetings.iter().filter(|m| m.committee_id == c.id));
            ctx.insert("committee", c);
            ctx.insert("remit_html", &md.at(3, None).html(&c.remit));
            ctx.insert("years", &years);
            ctx.insert("decisions_url", &site.config.url(&format!("decisions/{}/", c.id)));
            let has_recs = site
                .recs
                .iter()
                .any(|r| r.publish.is_public() && r.committee_id.as_deref() == Some(&c.id));
            ctx.insert(
                "tracker_url",
                &has_recs.then(|| site.config.url(&format!("trackers/{}/", c.id))),
            );
            let programmes: Vec<&crate::resolve::programmes::WorkProgramme> =
                site.work_programmes.iter().filter(|w| w.committee_id == c.id).collect();
            ctx.insert("programmes", &programmes);
            let reviews: Vec<&crate::resolve::tracker::Review> = site
                .reviews
                .iter()
                .filter(|r| r.publish.is_public() && r.committee_id.as_deref() == Some(&c.id))
                .collect();
            ctx.insert("reviews", &reviews);
            let mut f = frame(
                &c.title,
                &c.url,
                format!("Membership, remit and meetings of {}", c.title),
                Crumbs::home(site).add("Committees", "committees/").done(),
                "committees",
            );
            f.about(site, std::slice::from_ref(&c.key));
            f.committee(site, &c.id);
            ctx.insert("calendar_url", &super::calendar::committee_calendar_url(site, &c.id));
            finish(cx, "committee.html", ctx, f, md)
        }
        Job::Meetings(page) => {
            let all = &lists.meetings;
            let shown = paging::slice(all, page, paging::MEETINGS_PER_PAGE);
            ctx.insert("years", &meetings_by_year(site, shown.iter().copied()));
            let pager = paging::Pager::new(site, "meetings/", page, all.len(), paging::MEETINGS_PER_PAGE);
            ctx.insert("pager", &pager);
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
            finish(cx, "meetings.html", ctx, f, md)
        }
        Job::Meeting(i) => {
            let m = &site.meetings[i];
            ctx.insert("meeting", m);
            let (notes, item_updates) = match shown(cx, &mut md, &m.key).map(|d| &d.body) {
                Some(Body::Agenda { notes, item_updates }) => (notes.as_str(), item_updates.as_slice()),
                _ => ("", &[][..]),
            };
            ctx.insert("notes_html", notes);
            ctx.insert("item_update_htmls", item_updates);
            ctx.insert("pack_url", &super::pack::pack_url(&m.url));
            let (made, updated) = crate::resolve::tracker::for_meeting(site, &m.id);
            // Updates an agenda item hears are shown under it, not again here.
            let updated: Vec<serde_json::Value> = updated
                .iter()
                .filter(|(_, u)| u.item.is_none())
                .map(|(r, u)| serde_json::json!({"rec": r, "update": u}))
                .collect();
            ctx.insert("recs_made", &made);
            ctx.insert("recs_updated", &updated);
            let mut keys = vec![m.key.clone()];
            keys.extend(
                m.items
                    .iter()
                    .map(|it| Key::new(Kind::Item, format!("{}/{}", m.id, it.anchor))),
            );
            let mut f = frame(
                &m.title,
                &m.url,
                format!("Agenda for {}", m.title),
                Crumbs::home(site).link(&m.committee).done(),
                "meetings",
            );
            f.about(site, &keys);
            f.committee(site, &m.committee_id);
            f.json_ld = Some(super::structured::meeting_event(site, m));
            ctx.insert(
                "calendar_url",
                &super::calendar::committee_calendar_url(site, &m.committee_id),
            );
            finish(cx, "meeting.html", ctx, f, md)
        }
        Job::Minutes(i) => {
            let m = &site.minutes[i];
            ctx.insert("minutes", m);
            let (preamble, bodies) = match shown(cx, &mut md, &m.key).map(|d| &d.body) {
                Some(Body::Minutes { preamble, minutes }) => (
                    preamble.as_str(),
                    minutes
                        .iter()
                        .map(|x| (x.body.as_str(), &x.resolutions))
                        .collect::<Vec<_>>(),
                ),
                _ => ("", Vec::new()),
            };
            ctx.insert("preamble_html", preamble);
            ctx.insert("bodies", &bodies);
            let mut keys = vec![m.key.clone()];
            keys.extend(
                m.minutes
                    .iter()
                    .map(|x| Key::new(Kind::Minute, format!("{}/{}", m.meeting_id, x.number))),
            );
            let mut f = frame(
                &m.title,
                &m.url,
                format!("Minutes of {}", m.meeting.text),
                Crumbs::home(site).link(&m.committee).link(&m.meeting).done(),
                "meetings",
            );
            f.about(site, &keys);
            if let Some(d) = cx.published.get(&m.key)
                && let Some(c) = &d.committee_id
            {
                f.committee(site, c);
            }
            finish(cx, "minutes.html", ctx, f, md)
        }
        Job::Report(i) => {
            let r = &site.reports[i];
            ctx.insert("report", r);
            let (recs, body) = match shown(cx, &mut md, &r.key).map(|d| &d.body) {
                Some(Body::Report { recommendations, body }) => (recommendations.as_slice(), body.as_str()),
                _ => (&[][..], ""),
            };
            ctx.insert("recommendations", recs);
            ctx.insert("body_html", body);
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
            finish(cx, "report.html", ctx, f, md)
        }
        Job::Appendix(i) => {
            let a = &site.appendices[i];
            ctx.insert("appendix", a);
            ctx.insert("body_html", single(shown(cx, &mut md, &a.key)));
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
            finish(cx, "appendix.html", ctx, f, md)
        }
        Job::Questions(i) => {
            let q = &site.questions[i];
            let (public_html, member_html) = match shown(cx, &mut md, &q.key).map(|d| &d.body) {
                Some(Body::Questions { public, member }) => (public.as_slice(), member.as_slice()),
                _ => (&[][..], &[][..]),
            };
            let list = |views: &[QuestionView],
                        html: &[crate::render::published::QuestionHtml]|
             -> Vec<serde_json::Value> {
                views
                    .iter()
                    .zip(html)
                    .map(|(v, h)| {
                        serde_json::json!({
                            "q": v,
                            "question_html": h.question,
                            "response_html": h.response,
                            "supp_question_html": h.supplementary_question,
                            "supp_responses": h.supplementary_responses.iter().map(|(by, html)| serde_json::json!({"by": by, "html": html})).collect::<Vec<_>>(),
                        })
                    })
                    .collect()
            };
            let public = list(&q.public, public_html);
            let member = list(&q.member, member_html);
            ctx.insert("schedule", q);
            ctx.insert("public", &public);
            ctx.insert("member", &member);
            let mut keys = vec![q.key.clone()];
            keys.extend(
                q.public
                    .iter()
                    .chain(&q.member)
                    .map(|v| Key::new(Kind::Question, format!("{}/{}", q.meeting_id, v.id))),
            );
            let mut f = frame(
                &q.title,
                &q.url,
                format!("Questions and answers at {}", q.meeting.text),
                Crumbs::home(site).link(&q.committee).link(&q.meeting).done(),
                "meetings",
            );
            f.about(site, &keys);
            finish(cx, "questions.html", ctx, f, md)
        }
        Job::People => {
            let (members, officers): (Vec<&Person>, Vec<&Person>) = site
                .people
                .iter()
                .partition(|p| p.role_title.is_none() || p.party.is_some());
            ctx.insert("members", &members);
            ctx.insert("officers", &officers);
            let url = site.config.url("people/");
            let f = frame(
                "Councillors, members and officers",
                &url,
                "People who serve on or report to committees".into(),
                Crumbs::home(site).done(),
                "people",
            );
            finish(cx, "people.html", ctx, f, md)
        }
        Job::Person(i) => {
            let p = &site.people[i];
            ctx.insert("person", p);
            let mut f = frame(
                &p.name,
                &p.url,
                format!("Committee roles and attendance of {}", p.name),
                Crumbs::home(site).add("People", "people/").done(),
                "people",
            );
            f.about(site, std::slice::from_ref(&p.key));
            finish(cx, "person.html", ctx, f, md)
        }
        Job::Decisions(c, page) => {
            let committee = c.map(|i| &site.committees[i]);
            let all = committee.map_or(lists.decisions.as_slice(), |c| lists.committee_decisions(c));
            let base = committee.map_or_else(|| "decisions/".to_string(), |c| format!("decisions/{}/", c.id));
            let rows: Vec<serde_json::Value> = paging::slice(all, page, paging::DECISIONS_PER_PAGE)
                .iter()
                .map(|d| serde_json::json!({"d": d, "html": md.inline(&d.text)}))
                .collect();
            ctx.insert("total", &all.len());
            ctx.insert(
                "pager",
                &paging::Pager::new(site, &base, page, all.len(), paging::DECISIONS_PER_PAGE),
            );
            let filters: Vec<(String, String, bool)> = public_committees(site)
                .iter()
                .map(|x| {
                    (
                        x.short_title.clone(),
                        site.config.url(&format!("decisions/{}/", x.id)),
                        committee.is_some_and(|c| c.id == x.id),
                    )
                })
                .collect();
            ctx.insert("rows", &rows);
            ctx.insert("filters", &filters);
            ctx.insert("committee", &committee);
            ctx.insert("all_url", &site.config.url("decisions/"));
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
            finish(cx, "decisions.html", ctx, f, md)
        }
        Job::Page(i) => {
            let p = &site.pages[i];
            ctx.insert("page", p);
            ctx.insert("body_html", single(shown(cx, &mut md, &p.key)));
            let mut f = frame(&p.title, &p.url, p.title.clone(), Crumbs::home(site).done(), "");
            f.about(site, std::slice::from_ref(&p.key));
            finish(cx, "page.html", ctx, f, md)
        }
        Job::Tracker(t) => super::tracker_pages::render(cx, md, t),
        Job::NotFound => {
            let url = site.config.url("404.html");
            let f = frame("Page not found", &url, "Page not found".into(), Vec::new(), "");
            finish(cx, "404.html", ctx, f, md)
        }
    }
}

fn public_committees(site: &Site) -> Vec<&Committee> {
    site.committees.iter().filter(|c| c.publish.is_public()).collect()
}

#[derive(Serialize)]
struct Year<'a> {
    /// `year-2019-20`: from the year itself, so a link to it stays good.
    anchor: String,
    year: String,
    meetings: Vec<&'a Meeting>,
}

/// Public meetings grouped by municipal year, newest year and meeting first.
fn meetings_by_year<'a>(_site: &Site, meetings: impl Iterator<Item = &'a Meeting>) -> Vec<Year<'a>> {
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
                meetings,
            }
        })
        .collect()
}

/// Documents listed under each acronym on the glossary page.
const GLOSSARY_USES_SHOWN: usize = 12;

/// A query-string value, percent-encoded (letters, digits and `-._~` kept).
fn query_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn glossary_page(
    cx: &EmitContext,
    renderer: &Renderer,
    usage: &BTreeMap<String, BTreeSet<(String, String)>>,
) -> PageOut {
    let site = cx.site;
    let md = PageMd::new(renderer);
    let terms: Vec<serde_json::Value> = site
        .glossary
        .iter()
        .map(|t| {
            // The list is capped so the page stays small at any archive size;
            // the rest are a search away.
            let all = usage.get(&t.term).map_or(0, BTreeSet::len);
            let used: Vec<Link> = usage
                .get(&t.term)
                .map(|s| s.iter().take(GLOSSARY_USES_SHOWN).map(|(title, url)| Link { text: title.clone(), url: Some(url.clone()), exempt: None }).collect())
                .unwrap_or_default();
            let search_url = format!("{}?q={}", site.config.url("search/"), query_escape(&t.term));
            serde_json::json!({"term": t.term, "anchor": crate::render::markdown::slug(&t.term), "meanings": t.meanings, "used": used, "more": all.saturating_sub(GLOSSARY_USES_SHOWN), "search_url": search_url})
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("terms", &terms);
    let url = site.config.url("glossary/");
    let f = frame(
        "Glossary of acronyms",
        &url,
        "Acronyms used in committee papers and what they mean".into(),
        Crumbs::home(site).done(),
        "glossary",
    );
    finish(cx, "glossary.html", ctx, f, md)
}
