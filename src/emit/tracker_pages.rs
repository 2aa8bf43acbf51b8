//! Pages for recommendation tracking, reviews, plans, annual reports and work
//! programmes: one page per recommendation, review, plan, annual report and
//! programme; a tracker per committee and for the whole site, with a static
//! page per status so filtering works without JavaScript.

use serde::Serialize;
use tera::Context;

use super::contexts::{Crumbs, PageMd};
use super::pages::{PageOut, finish, frame, public, shown, single};
use super::{EmitContext, paging};
use crate::render::published::Body;
use crate::resolve::Site;
use crate::resolve::model::Committee;
use crate::resolve::tracker::{Rec, StatusCount, counts};

#[derive(Clone, Copy, Debug)]
pub enum TrackerJob {
    Review(usize),
    Rec(usize),
    /// A tracker: for one committee (or all), optionally one status only;
    /// then the page (0-based) of its rows.
    Tracker(Option<usize>, Option<usize>, usize),
    Plan(usize),
    AnnualReport(usize),
    WorkProgramme(usize),
}

/// Status keys a tracker can be filtered by, in vocabulary order.
fn statuses(site: &Site) -> Vec<StatusCount> {
    counts(&site.config.vocabularies.progress, std::iter::empty())
}

fn committees_with_recs(site: &Site) -> Vec<usize> {
    site.committees
        .iter()
        .enumerate()
        .filter(|(_, c)| c.publish.is_public() && site.recs.iter().any(|r| r.committee_id.as_deref() == Some(&c.id)))
        .map(|(i, _)| i)
        .collect()
}

pub(super) fn jobs(site: &Site) -> Vec<TrackerJob> {
    let mut v = Vec::new();
    v.extend(public(&site.reviews, |x| x.publish).map(TrackerJob::Review));
    v.extend(public(&site.recs, |x| x.publish).map(TrackerJob::Rec));
    let statuses = statuses(site);
    let committees = committees_with_recs(site);
    // Rows per tracker page, counted in one pass: (committee, status) → rows.
    let mut rows: std::collections::HashMap<(Option<&str>, Option<&str>), usize> = std::collections::HashMap::new();
    for r in site.recs.iter().filter(|r| r.publish.is_public()) {
        for c in [None, r.committee_id.as_deref()] {
            for st in [None, Some(r.status.as_str())] {
                *rows.entry((c, st)).or_default() += 1;
            }
        }
    }
    let mut scopes: Vec<Option<usize>> = vec![None];
    scopes.extend(committees.into_iter().map(Some));
    for c in scopes {
        let cid = c.map(|i| site.committees[i].id.as_str());
        let pages = |st: Option<&str>| {
            paging::page_count(
                rows.get(&(cid, st)).copied().unwrap_or(0),
                paging::TRACKER_ROWS_PER_PAGE,
            )
        };
        v.extend((0..pages(None)).map(|p| TrackerJob::Tracker(c, None, p)));
        for (i, st) in statuses.iter().enumerate() {
            v.extend((0..pages(Some(&st.key))).map(|p| TrackerJob::Tracker(c, Some(i), p)));
        }
    }
    v.extend(public(&site.plans, |x| x.publish).map(TrackerJob::Plan));
    v.extend(public(&site.annual_reports, |x| x.publish).map(TrackerJob::AnnualReport));
    v.extend((0..site.work_programmes.len()).map(TrackerJob::WorkProgramme));
    v
}

fn tracker_path(site: &Site, committee: Option<usize>, status: Option<&str>) -> String {
    let scope = committee.map_or("all", |i| site.committees[i].id.as_str());
    match (committee, status) {
        (None, None) => "recommendations/".to_string(),
        (_, None) => format!("trackers/{scope}/"),
        (_, Some(s)) => format!("trackers/{scope}/{s}/"),
    }
}

#[derive(Serialize)]
struct CountLink {
    key: String,
    label: String,
    count: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    rec: &'a Rec,
    text_html: String,
}

/// The optional columns of a tracker table, each shown only when some row
/// of the table (on any of its pages) has something to put in it.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct TrackerColumns {
    made_at: bool,
    response: bool,
    actions: bool,
    due: bool,
    last_update: bool,
}

impl TrackerColumns {
    fn of(recs: &[&Rec]) -> TrackerColumns {
        let any = |f: fn(&Rec) -> bool| recs.iter().any(|r| f(r));
        TrackerColumns {
            made_at: any(|r| r.made_at.is_some() || r.item.is_some()),
            response: any(|r| r.response.is_some()),
            actions: any(|r| !r.actions.is_empty()),
            due: any(|r| r.due.is_some() || r.due_text.is_some()),
            last_update: any(|r| r.last_update.is_some()),
        }
    }
}

/// The optional columns of a recommendation's actions table.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct ActionColumns {
    owner: bool,
    due: bool,
    success: bool,
}

impl ActionColumns {
    fn of(rec: &Rec) -> ActionColumns {
        let a = &rec.actions;
        ActionColumns {
            owner: a.iter().any(|a| a.owner.is_some()),
            due: a.iter().any(|a| a.due.is_some() || a.due_text.is_some() || a.overdue),
            success: a.iter().any(|a| !a.success.is_empty()),
        }
    }
}

/// How a tracker names what it covers: the committee, or all of them. The
/// site-wide tracker of a site whose recommendations all come from one
/// committee names that committee rather than "all committees".
struct Scope {
    /// For titles: "All committees" or the committee's title.
    title: String,
    /// For the sentence under the heading: "across all committees" or
    /// "for <committee>".
    phrase: String,
}

impl Scope {
    fn of(site: &Site, committee: Option<&Committee>, in_scope: &[&Rec]) -> Scope {
        let only = committee.or_else(|| {
            let first = in_scope.first()?.committee_id.as_deref()?;
            in_scope
                .iter()
                .all(|r| r.committee_id.as_deref() == Some(first))
                .then(|| site.committees.iter().find(|c| c.id == first && c.publish.is_public()))
                .flatten()
        });
        match only {
            Some(c) => Scope {
                title: c.title.clone(),
                phrase: format!("for {}", c.title),
            },
            None => Scope {
                title: "All committees".to_string(),
                phrase: "across all committees".to_string(),
            },
        }
    }
}

/// A recommendation's rendered parts from the published index.
fn rec_html<'a>(cx: &EmitContext<'a>, rec: &Rec) -> Option<&'a Body> {
    cx.published.get(&rec.key).map(|d| &d.body)
}

fn rows<'a>(cx: &EmitContext, recs: impl Iterator<Item = &'a Rec>) -> Vec<Row<'a>> {
    recs.map(|rec| Row {
        text_html: match rec_html(cx, rec) {
            Some(Body::Recommendation { text_inline, .. }) => text_inline.clone(),
            _ => String::new(),
        },
        rec,
    })
    .collect()
}

pub(super) fn render(cx: &EmitContext, mut md: PageMd, job: TrackerJob) -> PageOut {
    let site = cx.site;
    let mut ctx = Context::new();
    match job {
        TrackerJob::Review(i) => {
            let r = &site.reviews[i];
            let recs: Vec<&Rec> = site.recs.iter().filter(|x| r.recs.contains(&x.id)).collect();
            ctx.insert("review", r);
            ctx.insert("body_html", single(shown(cx, &mut md, &r.key)));
            let rows: Vec<serde_json::Value> = recs
                .iter()
                .map(|rec| {
                    let (text, response) = match rec_html(cx, rec) {
                        Some(Body::Recommendation { text, response, .. }) => (text.as_str(), response.as_deref()),
                        _ => ("", None),
                    };
                    serde_json::json!({
                        "rec": rec,
                        "text_html": text,
                        "response_html": response,
                    })
                })
                .collect();
            ctx.insert("rows", &rows);
            let mut crumbs = Crumbs::home(site);
            if let Some(c) = &r.committee {
                crumbs = crumbs.link(c);
            }
            let mut f = frame(
                &r.title,
                &r.url,
                format!("Scrutiny review: {}", r.title),
                crumbs.done(),
                "recommendations",
            );
            f.about(site, std::slice::from_ref(&r.key));
            finish(cx, "review.html", ctx, f, md)
        }
        TrackerJob::Rec(i) => {
            let r = &site.recs[i];
            ctx.insert("rec", r);
            ctx.insert("action_columns", &ActionColumns::of(r));
            match shown(cx, &mut md, &r.key).map(|d| &d.body) {
                Some(Body::Recommendation {
                    text,
                    response,
                    updates,
                    ..
                }) => {
                    ctx.insert("text_html", text);
                    ctx.insert("response_html", response);
                    ctx.insert("update_htmls", updates);
                }
                _ => {
                    ctx.insert("text_html", "");
                    ctx.insert("response_html", &None::<String>);
                    ctx.insert("update_htmls", &Vec::<Option<String>>::new());
                }
            }
            let mut crumbs = Crumbs::home(site).add("Recommendations", "recommendations/");
            crumbs = crumbs.link(&r.source);
            let mut f = frame(
                &r.title,
                &r.url,
                format!("Recommendation {}: progress and updates", r.id),
                crumbs.done(),
                "recommendations",
            );
            f.about(site, std::slice::from_ref(&r.key));
            finish(cx, "recommendation.html", ctx, f, md)
        }
        TrackerJob::Tracker(committee, status, page) => {
            let c = committee.map(|i| &site.committees[i]);
            let in_scope: Vec<&Rec> = site
                .recs
                .iter()
                .filter(|r| r.publish.is_public())
                .filter(|r| c.is_none_or(|c| r.committee_id.as_deref() == Some(&c.id)))
                .collect();
            let all_counts = counts(&site.config.vocabularies.progress, in_scope.iter().copied());
            let current = status.and_then(|s| all_counts.get(s)).map(|s| s.key.clone());
            let links: Vec<CountLink> = all_counts
                .iter()
                .map(|s| CountLink {
                    key: s.key.clone(),
                    label: s.label.clone(),
                    count: s.count,
                    url: site.config.url(&tracker_path(site, committee, Some(&s.key))),
                    current: current.as_deref() == Some(&s.key),
                })
                .collect();
            let filtered: Vec<&Rec> = in_scope
                .iter()
                .copied()
                .filter(|r| current.as_ref().is_none_or(|k| &r.status == k))
                .collect();
            let shown = rows(
                cx,
                paging::slice(&filtered, page, paging::TRACKER_ROWS_PER_PAGE)
                    .iter()
                    .copied(),
            );
            let base = tracker_path(site, committee, current.as_deref());
            ctx.insert(
                "pager",
                &paging::Pager::new(site, &base, page, filtered.len(), paging::TRACKER_ROWS_PER_PAGE),
            );
            ctx.insert("shown_total", &filtered.len());
            ctx.insert("columns", &TrackerColumns::of(&filtered));
            let overdue = in_scope.iter().filter(|r| r.overdue).count();
            let scope = Scope::of(site, c, &in_scope);
            let scope_title = scope.title;
            let status_label = status.and_then(|s| all_counts.get(s)).map(|s| s.label.clone());
            let title = match (&status_label, c) {
                (Some(l), _) => format!("Recommendations: {l} ({scope_title})"),
                (None, Some(c)) => format!("Recommendation tracker: {}", c.title),
                (None, None) => "Recommendations".to_string(),
            };
            let title = if page > 0 {
                format!("{title} (page {})", page + 1)
            } else {
                title
            };
            let url = site.config.url(&paging::page_path(&base, page));
            let with_recs = committees_with_recs(site);
            // A choice of committee only when there is more than one.
            let scopes: Vec<(String, String, bool)> = std::iter::once((
                "All committees".to_string(),
                site.config.url("recommendations/"),
                committee.is_none(),
            ))
            .chain(with_recs.iter().map(|&i| {
                let x = &site.committees[i];
                (
                    x.title.clone(),
                    site.config.url(&format!("trackers/{}/", x.id)),
                    committee == Some(i),
                )
            }))
            .filter(|_| with_recs.len() > 1)
            .collect();
            ctx.insert("rows", &shown);
            ctx.insert("counts", &links);
            ctx.insert("total", &in_scope.len());
            ctx.insert("overdue", &overdue);
            ctx.insert("scope_title", &scope_title);
            ctx.insert("scope_phrase", &scope.phrase);
            ctx.insert("status_label", &status_label);
            ctx.insert("scopes", &scopes);
            ctx.insert("unfiltered_url", &site.config.url(&tracker_path(site, committee, None)));
            let mut crumbs = Crumbs::home(site);
            if committee.is_some() || status.is_some() {
                crumbs = crumbs.add("Recommendations", "recommendations/");
            }
            let f = frame(
                &title,
                &url,
                format!("Progress on recommendations: {scope_title}"),
                crumbs.done(),
                "recommendations",
            );
            finish(cx, "tracker.html", ctx, f, md)
        }
        TrackerJob::Plan(i) => {
            let p = &site.plans[i];
            let drawn = crate::resolve::documents::Plan {
                view: crate::render::plan_chart::with_charts(&p.view),
                ..p.clone()
            };
            ctx.insert("plan", &drawn);
            ctx.insert("intro_html", single(shown(cx, &mut md, &p.key)));
            let mut f = frame(
                &p.title,
                &p.url,
                format!("Progress on {}", p.title),
                Crumbs::home(site).done(),
                "",
            );
            f.about(site, std::slice::from_ref(&p.key));
            finish(cx, "plan.html", ctx, f, md)
        }
        TrackerJob::AnnualReport(i) => {
            let a = &site.annual_reports[i];
            ctx.insert("report", a);
            ctx.insert("body_html", single(shown(cx, &mut md, &a.key)));
            let mut f = frame(&a.title, &a.url, a.title.clone(), Crumbs::home(site).done(), "");
            f.about(site, std::slice::from_ref(&a.key));
            finish(cx, "annual_report.html", ctx, f, md)
        }
        TrackerJob::WorkProgramme(i) => {
            let w = &site.work_programmes[i];
            ctx.insert("programme", w);
            let f = frame(
                &w.title,
                &w.url,
                format!("Planned business: {}", w.title),
                Crumbs::home(site).link(&w.committee).done(),
                "",
            );
            finish(cx, "work_programme.html", ctx, f, md)
        }
    }
}
