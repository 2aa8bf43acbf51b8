//! The published-document index: every document this build publishes, with
//! its facts and its Markdown rendered once, shared by every output.
//!
//! Resolve decides what is public; this module takes only public documents
//! (agenda, minutes, report, appendix, question schedule, review,
//! recommendation, plan, annual report, work programme, free page) and, in
//! parallel, renders each one's Markdown fragments in the order its page
//! shows them (so glossary first uses and heading ids are those of the page).
//! Pages, search, feeds, calendars, data and the sitemap are emitters over
//! this index: none of them renders a document's Markdown again or asks
//! whether it is public.
//!
//! **Adding an output**: write an emitter in `src/emit/` that iterates
//! [`Published::docs`] (or the lookups below) and register it in
//! `emit::emitters_of`, in the phase it belongs to (a page per document, or
//! an output that gathers many). Everything it may show is in [`Doc`]; if it needs a new
//! fact, add the field here, filled from the resolved site.
//!
//! **Adding a document kind**: its type in `load`, its entity and view in
//! `resolve`, a [`DocKind`] variant and a [`Body`] variant here with the arm in
//! [`document`] that fills them, and its page in `emit/pages`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::markdown::{Heading, Renderer};
use super::memo::Memo;
use super::packed::{Packed, Spill};
use super::page_md::{PageMd, inline_of};
use crate::diagnostics::{Diagnostic, Sources};
use crate::load::primitives::Date;
use crate::resolve::Site;
use crate::resolve::entities::{Key, Link};
use crate::resolve::model::{DateView, Markdown, QuestionView};
use crate::resolve::publish::Publish;

/// What kind of paper a document is, in the council's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    Agenda,
    Minutes,
    Report,
    Appendix,
    Questions,
    Review,
    Recommendation,
    Plan,
    AnnualReport,
    WorkProgramme,
    Page,
}

impl DocKind {
    pub const ALL: [DocKind; 11] = [
        DocKind::Agenda,
        DocKind::Minutes,
        DocKind::Report,
        DocKind::Appendix,
        DocKind::Questions,
        DocKind::Review,
        DocKind::Recommendation,
        DocKind::Plan,
        DocKind::AnnualReport,
        DocKind::WorkProgramme,
        DocKind::Page,
    ];

    /// The key used in URLs, data files and filters.
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Agenda => "agenda",
            DocKind::Minutes => "minutes",
            DocKind::Report => "report",
            DocKind::Appendix => "appendix",
            DocKind::Questions => "questions",
            DocKind::Review => "review",
            DocKind::Recommendation => "recommendation",
            DocKind::Plan => "plan",
            DocKind::AnnualReport => "annual-report",
            DocKind::WorkProgramme => "work-programme",
            DocKind::Page => "page",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Agenda => "Agenda",
            DocKind::Minutes => "Minutes",
            DocKind::Report => "Report",
            DocKind::Appendix => "Appendix",
            DocKind::Questions => "Questions",
            DocKind::Review => "Scrutiny review",
            DocKind::Recommendation => "Recommendation",
            DocKind::Plan => "Plan",
            DocKind::AnnualReport => "Annual report",
            DocKind::WorkProgramme => "Work programme",
            DocKind::Page => "Page",
        }
    }
}

/// One minute's rendered parts.
#[derive(Debug, Clone, Serialize)]
pub struct MinuteHtml {
    pub body: Packed,
    /// Each resolution's text, without a `<p>` wrapper.
    pub resolutions: Vec<String>,
}

/// One question's rendered parts.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionHtml {
    pub question: String,
    pub response: Option<String>,
    pub supplementary_question: Option<String>,
    /// (who responded, response HTML).
    pub supplementary_responses: Vec<(Option<String>, String)>,
}

/// A document's Markdown, rendered, by part, for the kind of document it is.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Body {
    Agenda {
        notes: Packed,
        /// For each agenda item, the text of each update it hears (in the
        /// order of the item's `updates`).
        item_updates: Vec<Vec<Option<String>>>,
    },
    Minutes {
        preamble: Packed,
        minutes: Vec<MinuteHtml>,
    },
    Report {
        /// (recommendation id, text without `<p>`).
        recommendations: Vec<(String, String)>,
        body: Packed,
    },
    Questions {
        public: Vec<QuestionHtml>,
        member: Vec<QuestionHtml>,
    },
    Recommendation {
        text: String,
        /// The text without its `<p>` wrapper, for table cells.
        text_inline: String,
        response: Option<String>,
        /// One per update, in the order of the recommendation's updates.
        updates: Vec<Option<String>>,
    },
    /// Appendices, reviews, plans (their introduction), annual reports and
    /// free pages: one Markdown body.
    Single {
        body: Packed,
    },
    /// Work programmes have no Markdown.
    None,
}

/// One published document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: DocKind,
    /// The resolved entity (its page's own key).
    pub key: Key,
    pub url: String,
    pub title: String,
    pub committee_id: Option<String>,
    pub committee: Option<Link>,
    pub meeting_id: Option<String>,
    /// The meeting's date, or the date a recommendation was made.
    pub date: Option<Date>,
    /// When it became (or becomes) public, where a date is known.
    pub published: Option<Date>,
    /// The latest date in its content (an update, a response, the meeting).
    pub updated: Option<Date>,
    pub municipal_year: Option<String>,
    /// Always public: [`Publish::Public`] or [`Publish::PublicDraft`].
    pub publish: Publish,
    pub body: Body,
    /// Headings of the rendered Markdown, for the page's contents list (and
    /// the search index and the audit): kept packed like the text, as only
    /// those read them, each once ([`Doc::headings`]).
    pub headings: Packed,
    /// Glossary acronyms given their first use in the document.
    pub used_terms: BTreeSet<String>,
    /// The document's words as plain text: titles of its parts and its
    /// rendered Markdown with the markup taken out; kept compressed, as
    /// only search and feeds read it.
    pub text: Packed,
    /// What rendering its Markdown warned about.
    pub warnings: Vec<Diagnostic>,
}

/// A document whose Markdown body only its own page shows (and its
/// meeting's pack, and the outputs that gather the whole site), so that a
/// change to that body alone touches only those (`serve`): its index in the
/// site's list of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum One {
    Report(usize),
    Appendix(usize),
    Page(usize),
    /// A meeting's agenda notes.
    Meeting(usize),
    Review(usize),
    /// A plan's introduction.
    Plan(usize),
    AnnualReport(usize),
    /// A tracked recommendation (its text, response and updates).
    Rec(usize),
    /// Minutes: the preamble and each minute's record.
    Minutes(usize),
}

/// Every published document, with lookups built once.
#[derive(Debug, Default)]
pub struct Published {
    /// In a stable order: by kind, then as resolve lists them.
    pub docs: Vec<Doc>,
    by_key: HashMap<Key, usize>,
    by_meeting: BTreeMap<String, Vec<usize>>,
    by_committee: BTreeMap<String, Vec<usize>>,
}

impl Published {
    /// Build the index of `site`'s public documents, rendering each once.
    /// Returns the Markdown warnings found on the way. A body loaded
    /// detached ([`crate::load::load_lean`]) is read again from `sources`
    /// just before its document is rendered, and let go of once it is.
    pub fn build(site: &Site, renderer: &Renderer, sources: &Sources) -> (Published, Vec<Diagnostic>) {
        Self::build_spilling(site, renderer, sources, None)
    }

    /// [`Published::build`], keeping each document's rendered HTML and text
    /// compressed in `spill` (`build`, `check`) rather than in memory.
    pub fn build_spilling(
        site: &Site,
        renderer: &Renderer,
        sources: &Sources,
        spill: Option<&Arc<Spill>>,
    ) -> (Published, Vec<Diagnostic>) {
        let meetings = crate::resolve::meetings::positions(&site.papers.meetings);
        // Made straight into the final list, with no copy: at 100,000
        // documents the list is about 60 MB, and a second one built from it
        // (growing as it was pushed to) was most of rendering's peak.
        let (mut docs, warnings): (Vec<Doc>, Vec<Vec<Diagnostic>>) = jobs(site)
            .into_par_iter()
            .map(|job| {
                let bodies = with_text(bodies_of(site, job), sources);
                document(site, renderer, &meetings, job, &bodies, spill)
            })
            .unzip();
        let mut out = Published::default();
        out.by_key.reserve(docs.len());
        let mut diags = Vec::new();
        for (i, (doc, d)) in docs.iter_mut().zip(warnings).enumerate() {
            diags.extend(d.iter().cloned());
            doc.warnings = d;
            out.by_key.insert(doc.key.clone(), i);
            if let Some(m) = &doc.meeting_id {
                out.by_meeting.entry(m.clone()).or_default().push(i);
            }
            if let Some(c) = &doc.committee_id {
                out.by_committee.entry(c.clone()).or_default().push(i);
            }
        }
        out.docs = docs;
        (out, diags)
    }

    /// Render document `which` of `site` again, in place (`serve`, after
    /// a change to its body alone). Returns the document it replaced, or
    /// `None` if it is not published.
    pub fn render_again(&mut self, site: &Site, renderer: &Renderer, which: One) -> Option<Doc> {
        let job = match which {
            One::Report(i) => Job::Report(i),
            One::Appendix(i) => Job::Appendix(i),
            One::Page(i) => Job::Page(i),
            One::Meeting(i) => Job::Agenda(i),
            One::Review(i) => Job::Review(i),
            One::Plan(i) => Job::Plan(i),
            One::AnnualReport(i) => Job::AnnualReport(i),
            One::Rec(i) => Job::Rec(i),
            One::Minutes(i) => Job::Minutes(i),
        };
        let meetings = crate::resolve::meetings::positions(&site.papers.meetings);
        let (mut doc, warnings) = document(site, renderer, &meetings, job, &bodies_of(site, job), None);
        doc.warnings = warnings;
        let &i = self.by_key.get(&doc.key)?;
        Some(std::mem::replace(&mut self.docs[i], doc))
    }

    /// The published document whose page is `key`'s.
    pub fn get(&self, key: &Key) -> Option<&Doc> {
        self.by_key.get(key).map(|&i| &self.docs[i])
    }

    /// Published documents of a meeting (agenda, minutes, reports, …).
    pub fn of_meeting(&self, meeting: &str) -> impl Iterator<Item = &Doc> {
        self.by_meeting
            .get(meeting)
            .into_iter()
            .flatten()
            .map(|&i| &self.docs[i])
    }

    /// Published documents owned by a committee.
    pub fn of_committee(&self, committee: &str) -> impl Iterator<Item = &Doc> {
        self.by_committee
            .get(committee)
            .into_iter()
            .flatten()
            .map(|&i| &self.docs[i])
    }
}

#[derive(Clone, Copy)]
enum Job {
    Agenda(usize),
    Minutes(usize),
    Report(usize),
    Appendix(usize),
    Questions(usize),
    Review(usize),
    Rec(usize),
    Plan(usize),
    AnnualReport(usize),
    WorkProgramme(usize),
    Page(usize),
}

fn public<T>(items: &[T], publish: impl Fn(&T) -> Publish, job: fn(usize) -> Job) -> Vec<Job> {
    items
        .iter()
        .enumerate()
        .filter(|(_, x)| publish(x).is_public())
        .map(|(i, _)| job(i))
        .collect()
}

/// `bodies`, each detached one given its file's text, read again (see
/// [`crate::load::load_lean`]). A file that no longer holds what was read
/// leaves its body empty; [`Sources::changed`] reports it as an error.
fn with_text(mut bodies: Vec<Markdown>, sources: &Sources) -> Vec<Markdown> {
    let mut read: Option<(Arc<str>, Option<Arc<str>>)> = None;
    for md in bodies.iter_mut().filter(|m| m.text.is_detached()) {
        if read.as_ref().is_none_or(|(f, _)| *f != md.file) {
            read = Some((Arc::clone(&md.file), sources.read(&md.file)));
        }
        if let Some((_, Some(text))) = &read {
            md.text = md.text.attach(text);
        }
    }
    bodies
}

/// The Markdown bodies `job` renders: an agenda's notes; minutes' preamble,
/// then each minute's body; the one body of a report, appendix, review,
/// plan (its introduction), annual report or page; none for the rest.
fn bodies_of(site: &Site, job: Job) -> Vec<Markdown> {
    let one = |m: Option<&Markdown>| m.cloned().into_iter().collect();
    match job {
        Job::Agenda(i) => one(site.papers.meetings.get(i).map(|m| &m.notes)),
        Job::Minutes(i) => site
            .papers
            .minutes
            .get(i)
            .map(|m| {
                std::iter::once(&m.preamble)
                    .chain(m.minutes.iter().map(|x| &x.body))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default(),
        Job::Report(i) => one(site.papers.reports.get(i).map(|r| &r.body)),
        Job::Appendix(i) => one(site.papers.appendices.get(i).map(|a| &a.body)),
        Job::Review(i) => one(site.reviews.get(i).map(|r| &r.body)),
        Job::Plan(i) => one(site.plans.get(i).map(|p| &p.intro)),
        Job::AnnualReport(i) => one(site.annual_reports.get(i).map(|a| &a.body)),
        Job::Page(i) => one(site.pages.get(i).map(|p| &p.body)),
        Job::Questions(_) | Job::Rec(_) | Job::WorkProgramme(_) => Vec::new(),
    }
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut v = Vec::new();
    v.extend(public(&site.papers.meetings, |x| x.publish, Job::Agenda));
    v.extend(public(&site.papers.minutes, |x| x.publish, Job::Minutes));
    v.extend(public(&site.papers.reports, |x| x.publish, Job::Report));
    v.extend(public(&site.papers.appendices, |x| x.publish, Job::Appendix));
    v.extend(public(&site.papers.questions, |x| x.publish, Job::Questions));
    v.extend(public(&site.reviews, |x| x.publish, Job::Review));
    v.extend(public(&site.recs, |x| x.publish, Job::Rec));
    v.extend(public(&site.plans, |x| x.publish, Job::Plan));
    v.extend(public(&site.annual_reports, |x| x.publish, Job::AnnualReport));
    v.extend((0..site.work_programmes.len()).map(Job::WorkProgramme));
    v.extend(public(&site.pages, |x| x.publish, Job::Page));
    v
}

fn date_of(d: &DateView) -> Option<Date> {
    Some(d.0)
}

/// Facts shared by the documents of one meeting.
struct MeetingFacts {
    date: Option<Date>,
    published: Option<Date>,
    year: Option<String>,
}

fn meeting_facts(site: &Site, meetings: &HashMap<String, usize>, id: &str) -> MeetingFacts {
    match meetings.get(id).map(|&i| &site.papers.meetings[i]) {
        Some(m) => MeetingFacts {
            date: Some(m.date_value),
            published: m.published.as_ref().and_then(date_of),
            year: Some(m.municipal_year.clone()),
        },
        None => MeetingFacts {
            date: None,
            published: None,
            year: None,
        },
    }
}

fn document(
    site: &Site,
    renderer: &Renderer,
    meetings: &HashMap<String, usize>,
    job: Job,
    bodies: &[Markdown],
    spill: Option<&Arc<Spill>>,
) -> (Doc, Vec<Diagnostic>) {
    // `serve` renders again on every change: it keeps the text as it is.
    let plain = renderer.memo.is_some();
    let pack = |html: String| match spill {
        Some(spill) if !plain => Packed::spilled(&html, spill),
        _ => Packed::of(html, plain),
    };
    let none = Markdown::default();
    let body = |i: usize| bodies.get(i).unwrap_or(&none);
    let mut md = PageMd::new(renderer);
    let mut text = Text(String::new(), renderer.memo);
    let doc = |kind: DocKind, key: &Key, url: &str, title: &str, publish: Publish| Doc {
        kind,
        key: key.clone(),
        url: url.to_string(),
        title: title.to_string(),
        committee_id: None,
        committee: None,
        meeting_id: None,
        date: None,
        published: None,
        updated: None,
        municipal_year: None,
        publish,
        body: Body::None,
        headings: Packed::default(),
        used_terms: BTreeSet::new(),
        text: Packed::default(),
        warnings: Vec::new(),
    };
    let mut d = match job {
        Job::Agenda(i) => {
            let m = &site.papers.meetings[i];
            let mut d = doc(DocKind::Agenda, &m.key, &m.url, &m.title, m.publish);
            d.committee_id = Some(m.committee_id.clone());
            d.committee = Some(m.committee.clone());
            d.meeting_id = Some(m.id.clone());
            d.date = Some(m.date_value);
            d.published = m.published.as_ref().and_then(date_of);
            d.updated = Some(m.date_value);
            d.municipal_year = Some(m.municipal_year.clone());
            text.line(&m.title);
            for it in &m.items {
                text.line(&format!("{} {}", it.n, it.title));
                if let Some(p) = &it.purpose {
                    text.line(p);
                }
            }
            let notes = md.html(body(0));
            text.html(&notes);
            // The page: each item an h3, each update it hears an h4.
            let item_updates = m
                .items
                .iter()
                .map(|it| {
                    it.updates
                        .iter()
                        .map(|u| {
                            let scope = format!("{}-{}-{}", it.anchor, u.rec_id.replace('/', "-"), u.as_at.iso());
                            let html = u.text.as_ref().map(|t| md.at(5, Some(&scope)).html(t));
                            text.line(&u.rec.text);
                            if let Some(h) = &html {
                                text.html(h);
                            }
                            html
                        })
                        .collect()
                })
                .collect();
            d.body = Body::Agenda {
                notes: pack(notes),
                item_updates,
            };
            d
        }
        Job::Minutes(i) => {
            let m = &site.papers.minutes[i];
            let mut d = doc(DocKind::Minutes, &m.key, &m.url, &m.title, m.publish);
            let f = meeting_facts(site, meetings, &m.meeting_id);
            d.committee_id = committee_id(&m.committee);
            d.committee = Some(m.committee.clone());
            d.meeting_id = Some(m.meeting_id.clone());
            d.date = f.date;
            d.published = f.published;
            d.updated = f.date;
            d.municipal_year = f.year;
            text.line(&m.title);
            // The page: h1, then the preamble; each minute an h2 with its
            // body below it, and its RESOLVED block under an h3.
            let preamble = md.html(body(0));
            text.html(&preamble);
            let mut minutes = Vec::new();
            for (j, minute) in m.minutes.iter().enumerate() {
                text.line(&format!("{} {}", minute.label, minute.title));
                // Ids the template gives the minute and its resolutions.
                md.ids.insert(minute.anchor.clone());
                md.ids.insert(format!("{}-title", minute.anchor));
                md.ids
                    .extend(minute.resolutions.iter().map(|r| format!("{}-{}", minute.anchor, r.id)));
                let body = md.at(3, Some(&minute.anchor)).html(body(1 + j));
                text.html(&body);
                md.at(4, Some(&minute.anchor));
                let resolutions: Vec<String> = minute.resolutions.iter().map(|r| md.inline(&r.text)).collect();
                for (r, html) in minute.resolutions.iter().zip(&resolutions) {
                    text.line(&format!("{}/{}", minute.number, r.id));
                    text.html(html);
                }
                minutes.push(MinuteHtml {
                    body: pack(body),
                    resolutions,
                });
            }
            d.body = Body::Minutes {
                preamble: pack(preamble),
                minutes,
            };
            d
        }
        Job::Report(i) => {
            let r = &site.papers.reports[i];
            let mut d = doc(DocKind::Report, &r.key, &r.url, &r.title, r.publish);
            let f = meeting_facts(site, meetings, &r.meeting_id);
            d.committee_id = committee_id(&r.committee);
            d.committee = Some(r.committee.clone());
            d.meeting_id = Some(r.meeting_id.clone());
            d.date = f.date;
            d.published = r.published.as_ref().and_then(date_of).or(f.published);
            d.updated = f.date;
            d.municipal_year = f.year;
            text.line(&r.title);
            if let Some(p) = &r.purpose {
                text.line(p);
            }
            // The page: h1, the recommendations under an h2, then the body.
            md.at(3, None);
            md.ids
                .extend(r.recommendations.iter().map(|(id, _)| format!("recommendation-{id}")));
            let recommendations: Vec<(String, String)> = r
                .recommendations
                .iter()
                .map(|(id, t)| (id.clone(), md.inline(t)))
                .collect();
            for (_, h) in &recommendations {
                text.html(h);
            }
            let body = md.at(2, None).html(body(0));
            text.html(&body);
            d.body = Body::Report {
                recommendations,
                body: pack(body),
            };
            d
        }
        Job::Appendix(i) => {
            let a = &site.papers.appendices[i];
            let mut d = doc(DocKind::Appendix, &a.key, &a.url, &a.title, a.publish);
            let meeting = a.key.id.split('/').next().unwrap_or_default();
            let f = meeting_facts(site, meetings, meeting);
            d.committee_id = committee_id(&a.committee);
            d.committee = Some(a.committee.clone());
            d.meeting_id = Some(meeting.to_string());
            d.date = f.date;
            d.published = f.published;
            d.updated = f.date;
            d.municipal_year = f.year;
            text.line(&a.title);
            let body = md.html(body(0));
            text.html(&body);
            d.body = Body::Single { body: pack(body) };
            d
        }
        Job::Questions(i) => {
            let q = &site.papers.questions[i];
            let mut d = doc(DocKind::Questions, &q.key, &q.url, &q.title, q.publish);
            let f = meeting_facts(site, meetings, &q.meeting_id);
            d.committee_id = committee_id(&q.committee);
            d.committee = Some(q.committee.clone());
            d.meeting_id = Some(q.meeting_id.clone());
            d.date = f.date;
            d.published = f.published;
            d.updated = f.date;
            d.municipal_year = f.year;
            text.line(&q.title);
            let public = questions(&mut md, &mut text, &q.public);
            let member = questions(&mut md, &mut text, &q.member);
            d.body = Body::Questions { public, member };
            d
        }
        Job::Review(i) => {
            let r = &site.reviews[i];
            let mut d = doc(DocKind::Review, &r.key, &r.url, &r.title, r.publish);
            d.committee_id = r.committee_id.clone();
            d.committee = r.committee.clone();
            d.date = r.completed.as_ref().or(r.started.as_ref()).and_then(date_of);
            d.updated = d.date;
            text.line(&r.title);
            let body = md.html(body(0));
            text.html(&body);
            d.body = Body::Single { body: pack(body) };
            d
        }
        Job::Rec(i) => {
            let r = &site.recs[i];
            let mut d = doc(DocKind::Recommendation, &r.key, &r.url, &r.title, r.publish);
            d.committee_id = r.committee_id.clone();
            d.committee = r.committee.clone();
            d.date = r.made_date.as_ref().and_then(date_of);
            d.updated = r
                .updates
                .iter()
                .map(|u| u.date)
                .chain(r.response.as_ref().and_then(|x| x.date.as_ref()).and_then(date_of))
                .chain(d.date)
                .max();
            text.line(&r.title);
            text.line(&r.id);
            // The page: h1 and the text; the response under an h2; each
            // update under an h3 of its own.
            let body = md.html(&r.text);
            text.html(&body);
            text.line(&r.to);
            md.at(3, Some("response"));
            let response = r.response.as_ref().and_then(|x| x.text.as_ref()).map(|t| md.html(t));
            if let Some(h) = &response {
                text.html(h);
            }
            for a in &r.actions {
                text.line(&a.action);
            }
            let updates: Vec<Option<String>> = r
                .updates
                .iter()
                .map(|u| {
                    let scope = format!("update-{}", u.as_at.iso());
                    u.text.as_ref().map(|t| md.at(4, Some(&scope)).html(t))
                })
                .collect();
            for h in updates.iter().flatten() {
                text.html(h);
            }
            d.body = Body::Recommendation {
                text_inline: inline_of(&body),
                text: body,
                response,
                updates,
            };
            d
        }
        Job::Plan(i) => {
            let p = &site.plans[i];
            let mut d = doc(DocKind::Plan, &p.key, &p.url, &p.title, p.publish);
            text.line(&p.title);
            let body = md.html(body(0));
            text.html(&body);
            d.body = Body::Single { body: pack(body) };
            d
        }
        Job::AnnualReport(i) => {
            let a = &site.annual_reports[i];
            let mut d = doc(DocKind::AnnualReport, &a.key, &a.url, &a.title, a.publish);
            text.line(&a.title);
            let body = md.html(body(0));
            text.html(&body);
            d.body = Body::Single { body: pack(body) };
            d
        }
        Job::WorkProgramme(i) => {
            let w = &site.work_programmes[i];
            let mut d = doc(DocKind::WorkProgramme, &w.key, &w.url, &w.title, Publish::Public);
            d.committee_id = Some(w.committee_id.clone());
            d.committee = Some(w.committee.clone());
            d.municipal_year = Some(w.year.clone());
            text.line(&w.title);
            for m in &w.meetings {
                for it in &m.items {
                    text.line(&it.title);
                }
            }
            for it in &w.unscheduled {
                text.line(&it.title);
            }
            d
        }
        Job::Page(i) => {
            let p = &site.pages[i];
            let mut d = doc(DocKind::Page, &p.key, &p.url, &p.title, p.publish);
            text.line(&p.title);
            let body = md.html(body(0));
            text.html(&body);
            d.body = Body::Single { body: pack(body) };
            d
        }
    };
    d.headings = if md.headings.is_empty() {
        Packed::default()
    } else {
        pack(pack_headings(&md.headings))
    };
    d.used_terms = md.abbr.used;
    d.text = pack(text.0);
    (d, md.warnings)
}

/// Headings as one text: each id and text after its length in bytes,
/// `<len>:<id><len>:<text>`, so that any character may be in them.
fn pack_headings(headings: &[Heading]) -> String {
    let mut out = String::new();
    for h in headings {
        for part in [&h.id, &h.text] {
            out.push_str(&part.len().to_string());
            out.push(':');
            out.push_str(part);
        }
    }
    out
}

/// [`pack_headings`] read back: what it wrote, or the headings before the
/// first part that does not read (there is none, as it wrote them).
fn unpack_headings(packed: &str) -> Vec<Heading> {
    let mut parts = Vec::new();
    let mut rest = packed;
    while let Some((len, after)) = rest.split_once(':') {
        let Some(part) = len.parse().ok().and_then(|n: usize| after.get(..n)) else {
            break;
        };
        parts.push(part.to_string());
        rest = &after[part.len()..];
    }
    let mut parts = parts.into_iter();
    let mut out = Vec::new();
    while let (Some(id), Some(text)) = (parts.next(), parts.next()) {
        out.push(Heading { id, text });
    }
    out
}

impl Doc {
    /// The headings of its rendered Markdown, in order.
    pub fn headings(&self) -> Vec<Heading> {
        unpack_headings(&self.headings.unpack())
    }
}

fn questions(md: &mut PageMd, text: &mut Text, list: &[QuestionView]) -> Vec<QuestionHtml> {
    list.iter()
        .map(|v| {
            text.line(&v.id);
            // The page: each question an h3, its parts under h4s, and each
            // supplementary response under an h5.
            md.at(5, Some(&v.anchor));
            md.ids.insert(v.anchor.clone());
            md.ids.insert(format!("{}-title", v.anchor));
            let question = md.html(&v.question);
            let response = v.response.as_ref().map(|r| md.html(r));
            let supplementary_question = v
                .supplementary
                .as_ref()
                .and_then(|s| s.question.as_ref())
                .map(|x| md.html(x));
            md.at(6, Some(&v.anchor));
            let supplementary_responses = v
                .supplementary
                .as_ref()
                .map(|s| s.responses.iter().map(|(by, t)| (by.clone(), md.html(t))).collect())
                .unwrap_or_default();
            let q = QuestionHtml {
                question,
                response,
                supplementary_question,
                supplementary_responses,
            };
            text.html(&q.question);
            for h in q.response.iter().chain(&q.supplementary_question) {
                text.html(h);
            }
            for (_, h) in &q.supplementary_responses {
                text.html(h);
            }
            q
        })
        .collect()
}

/// A committee's id from its link (`…/committees/<id>/`).
fn committee_id(link: &Link) -> Option<String> {
    link.url
        .as_deref()
        .and_then(|u| u.trim_end_matches('/').rsplit('/').next())
        .map(str::to_string)
}

/// Plain text being collected for a document.
#[derive(Default)]
struct Text<'m>(String, Option<&'m Memo>);

impl Text<'_> {
    fn line(&mut self, s: &str) {
        let s = s.trim();
        if !s.is_empty() {
            self.0.push_str(s);
            self.0.push('\n');
        }
    }

    fn html(&mut self, html: &str) {
        let t = match self.1 {
            Some(memo) => memo.text(html, html_to_text),
            None => html_to_text(html),
        };
        self.line(&t);
    }
}

/// The text of rendered HTML: tags removed, block ends as line breaks, the
/// few entities our renderer writes decoded; SVG chart markup is skipped
/// (its data table carries the same numbers).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut in_svg = 0usize;
    while let Some(lt) = rest.find('<') {
        if in_svg == 0 {
            push_decoded(&mut out, &rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let bare = tag.trim_start_matches('/');
        let end = bare.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(bare.len());
        // Tag names are ASCII: lowercased on the stack, not in a new String.
        let mut lower = [0u8; 8];
        let name = match bare.as_bytes().get(..end) {
            Some(b) if b.len() <= lower.len() => {
                lower[..b.len()].copy_from_slice(b);
                lower[..b.len()].make_ascii_lowercase();
                std::str::from_utf8(&lower[..b.len()]).unwrap_or("")
            }
            _ => "",
        };
        let closing = tag.starts_with('/');
        if name == "svg" {
            if closing {
                in_svg = in_svg.saturating_sub(1);
            } else if !tag.ends_with('/') {
                in_svg += 1;
            }
        }
        if matches!(
            name,
            "p" | "br"
                | "li"
                | "tr"
                | "td"
                | "th"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "div"
                | "caption"
                | "dt"
                | "dd"
        ) && !out.ends_with([' ', '\n'])
            && !out.is_empty()
        {
            let cell = matches!(name, "td" | "th");
            out.push(if (closing || name == "br") && !cell { '\n' } else { ' ' });
        }
        rest = &rest[lt + gt + 1..];
    }
    if in_svg == 0 {
        push_decoded(&mut out, rest);
    }
    out.trim().to_string()
}

fn push_decoded(out: &mut String, s: &str) {
    if !s.contains('&') {
        out.push_str(s);
        return;
    }
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &after[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "#39" | "apos" => Some('\''),
            "nbsp" => Some(' '),
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_read_back_as_packed_whatever_they_hold() {
        let h = |id: &str, text: &str| Heading {
            id: id.into(),
            text: text.into(),
        };
        let headings = vec![
            h("12-costs", "12: Costs & risks"),
            h("", ""),
            h("a:b", "Café 3:4\nsecond line"),
        ];
        let back = unpack_headings(&pack_headings(&headings));
        let pairs = |v: &[Heading]| v.iter().map(|x| (x.id.clone(), x.text.clone())).collect::<Vec<_>>();
        assert_eq!(pairs(&back), pairs(&headings));
        assert!(unpack_headings("").is_empty());
    }

    #[test]
    fn text_of_html_drops_tags_and_charts_and_decodes_entities() {
        let html = "<h2 id=\"a\">Costs &amp; risks</h2><p>One<br>two &lt;3&gt; &#39;x&#39;</p>\
                    <figure><svg><text>999</text></svg><figcaption>Chart</figcaption></figure>\
                    <table><tr><th>Year</th><td>2019</td></tr></table>";
        let t = html_to_text(html);
        assert!(t.contains("Costs & risks"), "{t}");
        assert!(t.contains("two <3> 'x'"), "{t}");
        assert!(!t.contains("999"), "chart markup skipped: {t}");
        assert!(t.contains("Year 2019"), "{t}");
        assert!(!t.contains('<') || t.contains("<3>"));
    }
}
