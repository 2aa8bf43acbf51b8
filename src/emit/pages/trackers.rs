//! Recommendation trackers: one per committee and one for the whole site,
//! with a static page per status so filtering works without JavaScript.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Job, PageMd, PageOut, finish_page, frame, paging, plural};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::published::Body;
use crate::resolve::Site;
use crate::resolve::model::Committee;
use crate::resolve::tracker::{Rec, StatusCount, counts};

/// Status keys a tracker can be filtered by, in vocabulary order.
fn statuses(site: &Site) -> Vec<StatusCount> {
    counts(&site.config.vocabularies.progress, std::iter::empty())
}

/// The public recommendations of each tracker scope (all committees, and
/// each committee that has any), built once per build so that no tracker
/// page scans every recommendation of the site again.
pub(super) struct TrackerLists<'a> {
    all: Vec<&'a Rec>,
    /// Committee index → its public recommendations; only committees with some.
    by_committee: BTreeMap<usize, Vec<&'a Rec>>,
}

impl<'a> TrackerLists<'a> {
    pub(super) fn new(site: &'a Site) -> Self {
        let index: std::collections::HashMap<&str, usize> = site
            .committees
            .iter()
            .enumerate()
            .filter(|(_, c)| c.publish.is_public())
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let all: Vec<&Rec> = site.recs.iter().filter(|r| r.publish.is_public()).collect();
        let mut by_committee: BTreeMap<usize, Vec<&Rec>> = BTreeMap::new();
        for r in &all {
            if let Some(&i) = r.committee_id.as_deref().and_then(|c| index.get(c)) {
                by_committee.entry(i).or_default().push(r);
            }
        }
        Self { all, by_committee }
    }

    fn in_scope(&self, committee: Option<usize>) -> &[&'a Rec] {
        match committee {
            None => &self.all,
            Some(i) => self.by_committee.get(&i).map_or(&[], Vec::as_slice),
        }
    }

    /// Has committee `i` public recommendations?
    pub(super) fn has(&self, i: usize) -> bool {
        self.by_committee.contains_key(&i)
    }

    /// Committees with public recommendations, in the site's order.
    fn committees(&self) -> Vec<usize> {
        self.by_committee.keys().copied().collect()
    }
}

/// Every tracker page: for all committees and for each with recommendations,
/// unfiltered and by status, a page per so many rows.
pub(super) fn jobs(site: &Site, lists: &TrackerLists) -> Vec<Job> {
    let mut v = Vec::new();
    let statuses = statuses(site);
    let committees = lists.committees();
    // Rows per tracker page, counted in one pass: (committee, status) → rows.
    let mut rows: std::collections::HashMap<(Option<&str>, Option<&str>), usize> = std::collections::HashMap::new();
    for r in lists.in_scope(None) {
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
        v.extend((0..pages(None)).map(|p| Job::Tracker(c, None, p)));
        for (i, st) in statuses.iter().enumerate() {
            v.extend((0..pages(Some(&st.key))).map(|p| Job::Tracker(c, Some(i), p)));
        }
    }
    v
}

/// The path of every tracker page [`jobs`] lists.
pub(super) fn paths(site: &Site, lists: &TrackerLists) -> std::collections::BTreeSet<String> {
    let statuses = statuses(site);
    jobs(site, lists)
        .into_iter()
        .filter_map(|job| match job {
            Job::Tracker(c, status, page) => {
                let key = status.and_then(|s| statuses.get(s)).map(|s| s.key.as_str());
                Some(crate::emit::page_path(site, &page_url(site, c, key, page)))
            }
            _ => None,
        })
        .collect()
}

/// The address of page `page` (0-based) of a tracker.
fn page_url(site: &Site, committee: Option<usize>, status: Option<&str>, page: usize) -> String {
    site.config
        .url(&paging::page_path(&tracker_path(site, committee, status), page))
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
    /// Overdue, with a due date and no actions (which carry their own tag):
    /// the due column says so.
    due_overdue: bool,
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
        due_overdue: rec.overdue && rec.due.is_some() && rec.actions.is_empty(),
        rec,
    })
    .collect()
}

/// A committee the tracker can be switched to.
#[derive(Serialize)]
struct ScopeLink {
    label: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct TrackerPage<'a> {
    rows: Vec<Row<'a>>,
    counts: Vec<CountLink>,
    /// Recommendations in scope, and the word for them ("recommendation(s)").
    total: usize,
    total_noun: String,
    /// How many are overdue, and "is" or "are".
    overdue: usize,
    overdue_verb: &'static str,
    scope_title: String,
    scope_phrase: String,
    /// The status this page is filtered by.
    status_label: Option<String>,
    /// The committees to choose from, when there is more than one.
    scopes: Vec<ScopeLink>,
    unfiltered_url: String,
    pager: paging::Pager,
    /// Rows after filtering, on all pages.
    shown_total: usize,
    columns: TrackerColumns,
}

/// Page `page` (0-based) of the tracker for `committee` (or all), filtered
/// by the `status`-th status of the vocabulary (or none).
pub(super) fn page(
    cx: &EmitContext,
    md: PageMd,
    lists: &TrackerLists,
    committee: Option<usize>,
    status: Option<usize>,
    page: usize,
) -> PageOut {
    let site = cx.site;
    let c = committee.map(|i| &site.committees[i]);
    let in_scope = lists.in_scope(committee);
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
    let overdue = in_scope.iter().filter(|r| r.overdue).count();
    let scope = Scope::of(site, c, in_scope);
    let status_label = status.and_then(|s| all_counts.get(s)).map(|s| s.label.clone());
    let title = match (&status_label, c) {
        (Some(l), _) => format!("Recommendations: {l} ({})", scope.title),
        (None, Some(c)) => format!("Recommendation tracker: {}", c.title),
        (None, None) => "Recommendations".to_string(),
    };
    let title = if page > 0 {
        format!("{title} (page {})", page + 1)
    } else {
        title
    };
    let url = page_url(site, committee, current.as_deref(), page);
    let with_recs = lists.committees();
    // A choice of committee only when there is more than one.
    let scopes: Vec<ScopeLink> = std::iter::once(ScopeLink {
        label: "All committees".to_string(),
        url: site.config.url("recommendations/"),
        current: committee.is_none(),
    })
    .chain(with_recs.iter().map(|&i| {
        let x = &site.committees[i];
        ScopeLink {
            label: x.title.clone(),
            url: site.config.url(&format!("trackers/{}/", x.id)),
            current: committee == Some(i),
        }
    }))
    .filter(|_| with_recs.len() > 1)
    .collect();
    let description = format!("Progress on recommendations: {}", scope.title);
    let ctx = TrackerPage {
        rows: shown,
        counts: links,
        total: in_scope.len(),
        total_noun: plural(in_scope.len(), "recommendation", "recommendations"),
        overdue,
        overdue_verb: if overdue == 1 { "is" } else { "are" },
        scope_title: scope.title,
        scope_phrase: scope.phrase,
        status_label,
        scopes,
        unfiltered_url: site.config.url(&tracker_path(site, committee, None)),
        pager: paging::Pager::new(site, &base, page, filtered.len(), paging::TRACKER_ROWS_PER_PAGE),
        shown_total: filtered.len(),
        columns: TrackerColumns::of(&filtered),
    };
    let mut crumbs = Crumbs::home(site);
    if committee.is_some() || status.is_some() {
        crumbs = crumbs.add("Recommendations", "recommendations/");
    }
    let f = frame(&title, &url, description, crumbs.done(), "recommendations");
    finish_page(cx, "tracker.html", &ctx, f, md)
}
