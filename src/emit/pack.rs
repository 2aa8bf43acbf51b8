//! The printable agenda pack: one page per public meeting,
//! `/meetings/<meeting>/pack/`, holding the agenda and then each open report
//! and its published appendices in agenda order, with a contents list giving
//! each item's page range as the agenda prints it. Linked from the meeting
//! page ("Print the agenda pack") and styled for A4 by `static/css/pack.css`.
//!
//! Everything comes from the published-document index: a paper is in the pack
//! only when the index holds it, so exempt, embargoed and left-out papers never
//! are. Exempt items show their title and Schedule 12A paragraph only (as the
//! agenda does), exempt appendices their title and paragraph only.
//!
//! The bodies are the index's HTML, rendered once for the papers' own pages;
//! [`rewrite`] puts their headings one level deeper (each paper is an `<h2>`
//! here), prefixes their ids with the paper's anchor (so two reports' "Risks"
//! headings do not collide) and gives site-relative links their absolute
//! address for print.
//!
//! The running header (committee and date on every printed page) is a CSS
//! `@page` margin box (`@top-left`) written into the page's `<style>`: Chromium
//! supports margin boxes since version 131, and a margin box is a PDF artifact,
//! outside the tagged structure, as a running header should be. Browsers
//! without margin boxes print the pack without it; every paper still starts on
//! a new page with its meeting named above its title.

pub mod rewrite;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::contexts::{Crumbs, PageMd};
use super::pages::meeting::{ItemRow, item_rows};
use super::pages::{RecLine, finish_page, frame};
use super::{EmitContext, Emitter, Output};
use crate::diagnostics::Diagnostic;
use crate::render::published::{Body, Doc, DocKind};
use crate::resolve::entities::Link;
use crate::resolve::model::{Meeting, Report};

pub struct Pack;

/// The pack's address for a meeting's page address.
pub fn pack_url(meeting_url: &str) -> String {
    format!("{meeting_url}pack/")
}

/// One agenda item in the contents list.
#[derive(Serialize)]
struct ContentsEntry<'a> {
    n: &'a str,
    title: &'a str,
    pages: Option<&'a str>,
    exempt: Option<u8>,
    to_follow: bool,
    papers: Vec<PaperRef>,
}

#[derive(Serialize)]
struct PaperRef {
    anchor: String,
    title: String,
}

/// A report or an appendix, as the pack prints it.
#[derive(Serialize)]
struct Paper {
    anchor: String,
    /// "Agenda item 4" or "Appendix 1 to …", above the title.
    caption: String,
    title: String,
    /// The rows of a report's cover sheet.
    facts: Vec<Fact>,
    recommendations: Vec<RecLine>,
    body_html: String,
    appendices: Vec<AppendixLine>,
}

/// A row of a report's cover sheet: "Purpose", and what it is.
#[derive(Serialize)]
struct Fact {
    label: &'static str,
    value: String,
}

impl Fact {
    fn new(label: &'static str, value: String) -> Fact {
        Fact { label, value }
    }
}

/// The pack's page: the agenda, its contents and every public paper.
#[derive(Serialize)]
struct PackPage<'a> {
    meeting: &'a Meeting,
    items: Vec<ItemRow<'a>>,
    notes_html: String,
    contents: Vec<ContentsEntry<'a>>,
    papers: Vec<Paper>,
    running_header_css: String,
}

/// A report's appendix as listed under it.
#[derive(Serialize)]
struct AppendixLine {
    id: String,
    title: String,
    /// In this pack: the anchor of its paper.
    anchor: Option<String>,
    /// Elsewhere on the web.
    external_url: Option<String>,
    exempt: Option<u8>,
    /// Why it is not here yet ("to be published on 1 June 2020").
    note: Option<String>,
}

fn report_anchor(r: &Report) -> String {
    format!("report-{}", r.slug)
}

fn appendix_anchor(r: &Report, id: &str) -> String {
    format!("appendix-{}-{}", r.slug, crate::render::markdown::slug(id))
}

/// A body from the index, written for the page at `url`, placed in the pack
/// under `anchor`.
fn placed(html: &str, url: &str, anchor: &str) -> String {
    let html = rewrite::resolve_relative(html, url);
    rewrite::scope_ids(&rewrite::deepen_headings(&html), anchor)
}

/// The papers of one public meeting (whose reports are `reports`), in
/// agenda order, and the contents list.
fn papers<'a>(cx: &EmitContext<'a>, m: &'a Meeting, reports: &[&'a Report]) -> (Vec<ContentsEntry<'a>>, Vec<Paper>) {
    let docs: HashMap<&str, &Doc> = cx.published.of_meeting(&m.id).map(|d| (d.url.as_str(), d)).collect();
    let reports: HashMap<&str, &Report> = reports.iter().map(|r| (r.url.as_str(), *r)).collect();
    let mut contents = Vec::new();
    let mut papers = Vec::new();
    for it in &m.items {
        let mut entry = ContentsEntry {
            n: &it.n,
            title: &it.title,
            pages: it.pages.as_deref(),
            exempt: it.exempt,
            to_follow: it.to_follow,
            papers: Vec::new(),
        };
        if it.exempt.is_some() {
            // Title and paragraph only, whatever the item lists.
            contents.push(entry);
            continue;
        }
        for link in &it.reports {
            let Some(url) = link.url.as_deref() else { continue };
            let (Some(doc), Some(r)) = (docs.get(url), reports.get(url)) else {
                continue;
            };
            if doc.kind != DocKind::Report {
                continue;
            }
            let (recommendations, body) = match &doc.body {
                Body::Report { recommendations, body } => (RecLine::all(recommendations), body.unpack()),
                _ => (Vec::new(), std::borrow::Cow::Borrowed("")),
            };
            let anchor = report_anchor(r);
            entry.papers.push(PaperRef {
                anchor: anchor.clone(),
                title: doc.title.clone(),
            });
            let mut facts = Vec::new();
            if let Some(by) = &r.report_by {
                facts.push(Fact::new("Report by", by.clone()));
            }
            if let Some(p) = &r.purpose {
                facts.push(Fact::new("Purpose", p.clone()));
            }
            facts.push(Fact::new("Classification", r.classification.clone()));
            if let Some(t) = &r.decision_type {
                facts.push(Fact::new("Decision type", t.clone()));
            }
            let mut appendices = Vec::new();
            let mut appendix_papers = Vec::new();
            for a in &r.appendices {
                let own = a.link.as_deref().filter(|_| !a.external).and_then(|u| docs.get(u));
                let anchor = own.map(|_| appendix_anchor(r, &a.id));
                if let (Some(d), Some(anchor)) = (own, &anchor) {
                    let body = match &d.body {
                        Body::Single { body } => body.unpack(),
                        _ => std::borrow::Cow::Borrowed(""),
                    };
                    appendix_papers.push(Paper {
                        anchor: anchor.clone(),
                        caption: format!("Appendix {} to {}", a.id, doc.title),
                        title: a.title.clone(),
                        facts: Vec::new(),
                        recommendations: Vec::new(),
                        body_html: placed(&body, &d.url, anchor),
                        appendices: Vec::new(),
                    });
                    entry.papers.push(PaperRef {
                        anchor: anchor.clone(),
                        title: format!("Appendix {}: {}", a.id, a.title),
                    });
                }
                let note = if let Some(d) = &a.to_be_published {
                    Some(format!("to be published on {}", d.long()))
                } else if a.not_yet_published {
                    Some("not yet published".to_string())
                } else {
                    None
                };
                appendices.push(AppendixLine {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    anchor,
                    external_url: a.link.clone().filter(|_| a.external),
                    exempt: a.exempt,
                    note,
                });
            }
            papers.push(Paper {
                caption: format!("Agenda item {}", it.n),
                title: doc.title.clone(),
                facts,
                recommendations,
                body_html: placed(&body, &doc.url, &anchor),
                appendices,
                anchor,
            });
            papers.extend(appendix_papers);
        }
        contents.push(entry);
    }
    (contents, papers)
}

impl Emitter for Pack {
    fn name(&self) -> &'static str {
        "pack"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let meetings: HashMap<&str, &Meeting> = site.papers.meetings.iter().map(|m| (m.id.as_str(), m)).collect();
        let out = &*out;
        // Each meeting's reports, found once: not a scan of every report per pack.
        let mut reports: HashMap<&str, Vec<&Report>> = HashMap::new();
        for r in &site.papers.reports {
            reports.entry(r.meeting_id.as_str()).or_default().push(r);
        }
        let agendas: Vec<&Doc> = cx.published.docs.iter().filter(|d| d.kind == DocKind::Agenda).collect();
        let diags: Vec<Vec<Diagnostic>> = agendas
            .into_par_iter()
            .map(|doc| match doc.meeting_id.as_deref().and_then(|id| meetings.get(id)) {
                Some(m) => pack(cx, out, doc, m, reports.get(m.id.as_str()).map_or(&[], Vec::as_slice)),
                None => Vec::new(),
            })
            .collect();
        diags.into_iter().flatten().collect()
    }
}

/// The agenda pack of one meeting (`serve`, after a change to one of its
/// papers), if its agenda is published.
pub fn pack_of(cx: &EmitContext, out: &Output, meeting: &str) -> Vec<Diagnostic> {
    let Some(m) = cx.site.papers.meetings.iter().find(|m| m.id == meeting) else {
        return Vec::new();
    };
    let reports: Vec<&Report> = cx.site.papers.reports.iter().filter(|r| r.meeting_id == m.id).collect();
    match cx.published.get(&m.key) {
        Some(doc) if doc.kind == DocKind::Agenda => pack(cx, out, doc, m, &reports),
        _ => Vec::new(),
    }
}

/// Make and store the pack of meeting `m`, whose agenda is `doc` and whose
/// reports are `reports`.
fn pack(cx: &EmitContext, out: &Output, doc: &Doc, m: &Meeting, reports: &[&Report]) -> Vec<Diagnostic> {
    let site = cx.site;
    let origin = site
        .config
        .base_url
        .strip_suffix(&site.config.base_path)
        .unwrap_or(&site.config.base_url)
        .to_string();
    let (contents, papers) = papers(cx, m, reports);
    let (notes, item_updates) = match &doc.body {
        Body::Agenda { notes, item_updates } => (
            placed(&notes.unpack(), &doc.url, "agenda"),
            // Already at their level under the item: ids scoped only.
            item_updates
                .iter()
                .map(|v| {
                    v.iter()
                        .map(|h| {
                            h.as_deref()
                                .map(|h| rewrite::scope_ids(&rewrite::resolve_relative(h, &doc.url), "agenda"))
                        })
                        .collect()
                })
                .collect(),
        ),
        _ => (String::new(), Vec::<Vec<Option<String>>>::new()),
    };
    let title = format!("Agenda pack: {}", m.title);
    let running = format!("{}, {}", m.committee.text, m.date.weekday());
    let page = PackPage {
        meeting: m,
        items: item_rows(&m.items, &item_updates),
        notes_html: notes,
        contents,
        papers,
        running_header_css: rewrite::css_string(&running),
    };
    let url = pack_url(&m.url);
    let f = frame(
        &title,
        &url,
        format!("The agenda and public papers of {}, to print", m.title),
        Crumbs::home(site)
            .link(&m.committee)
            .link(&Link {
                text: m.title.as_str().into(),
                url: Some(m.url.as_str().into()),
                exempt: None,
            })
            .done(),
        "meetings",
    );
    let page = finish_page(cx, "pack.html", &page, f, PageMd::new(cx.renderer));
    out.add(page.path, rewrite::print_urls(&page.html, &origin));
    page.diags
}
