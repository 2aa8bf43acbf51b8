//! Atom feeds (RFC 4287), written with `atom_syndication`: the latest papers
//! of the whole site and of each committee, the decisions register, and
//! recommendation progress.
//!
//! | feed | entries |
//! |---|---|
//! | `/feeds/papers.xml` | agendas, minutes and reports as they became public |
//! | `/feeds/committees/<committee>.xml` | the same, for one committee |
//! | `/feeds/decisions.xml` | one entry per resolution of published minutes |
//! | `/feeds/progress.xml` | one entry per update to a published recommendation |
//!
//! Newest first, at most [`CAP`] entries each. Papers come from the published
//! index, decisions and updates from the resolved site filtered by the
//! publishability resolve decided; nothing here renders Markdown.
//!
//! **Ids.** An entry's id is a tag URI (RFC 4151) that never changes across
//! builds or base URLs: `tag:<site_id>,<date>:<kind>/<id>`, where `site_id`
//! is site.yaml's `site_id` (default: the host of site.yaml's `base_url`),
//! `<date>` is the day the thing first became public (an agenda's or
//! report's despatch date, a meeting's date for its minutes and decisions,
//! an update's `as_at`) and `<kind>/<id>` is its entity id. A feed's own id
//! uses the date of the oldest public document of the site.
//!
//! **Dates.** `published` and `updated` are content dates at midnight UTC,
//! never the build time, and never later than `as_of`; an empty feed is
//! dated by the site's latest content date.

use std::collections::HashMap;

use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use serde::Serialize;

use super::{EmitContext, Emitter, Output, absolute_url};
use crate::diagnostics::Diagnostic;
use crate::load::primitives::Date;
use crate::render::published::{Body, Doc, DocKind};
use crate::resolve::Site;
use crate::resolve::model::{Committee, Decision, Minutes};

pub struct Feeds;

/// The most entries a feed holds.
pub const CAP: usize = 50;

/// A `<link rel="alternate">` for a page's `<head>`.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub title: String,
    pub href: String,
    #[serde(rename = "type")]
    pub mime: &'static str,
}

const ATOM: &str = "application/atom+xml";

fn alternate(site: &Site, title: &str, path: &str) -> Alternate {
    Alternate {
        title: title.to_string(),
        href: site.config.url(path),
        mime: ATOM,
    }
}

/// The site-wide papers feed, linked from every page.
pub fn papers_feed(site: &Site) -> Alternate {
    alternate(site, "Latest papers", "feeds/papers.xml")
}

pub fn decisions_feed(site: &Site) -> Alternate {
    alternate(site, "Decisions", "feeds/decisions.xml")
}

pub fn progress_feed(site: &Site) -> Alternate {
    alternate(site, "Recommendation progress", "feeds/progress.xml")
}

/// The feed of one committee's papers.
pub fn committee_feed(site: &Site, c: &Committee) -> Alternate {
    alternate(
        site,
        &format!("Latest papers: {}", c.title),
        &format!("feeds/committees/{}.xml", c.id),
    )
}

/// The feeds (and calendar) a page with navigation section `nav` belongs to.
pub fn for_section(site: &Site, nav: &str) -> Vec<Alternate> {
    let mut v = vec![papers_feed(site)];
    let calendar = Alternate {
        title: "Meetings calendar".into(),
        href: super::calendar::site_calendar_url(site),
        mime: "text/calendar",
    };
    match nav {
        "home" => v.extend([decisions_feed(site), progress_feed(site), calendar]),
        "meetings" => v.push(calendar),
        "decisions" => v.push(decisions_feed(site)),
        "recommendations" => v.push(progress_feed(site)),
        _ => {}
    }
    v
}

/// A tag URI: `tag:<site_id>,<yyyy-mm-dd>:<what>`.
pub fn tag(site: &Site, date: Date, what: &str) -> String {
    format!("tag:{},{}:{what}", site.config.site_id, date.iso())
}

fn at_midnight(d: Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{}T00:00:00Z", d.iso())).unwrap_or_default()
}

/// The day a paper first became public: the despatch date of an agenda or
/// report (the meeting's date without one); minutes never before the meeting.
pub fn first_public(doc: &Doc) -> Option<Date> {
    let given = doc.published.or(doc.date);
    match doc.kind {
        DocKind::Minutes => given.max(doc.date),
        _ => given,
    }
}

/// The papers a feed shows, in order.
fn is_paper(doc: &Doc) -> bool {
    matches!(doc.kind, DocKind::Agenda | DocKind::Minutes | DocKind::Report)
}

/// One entry before it becomes Atom: sortable and dated.
struct Item {
    date: Date,
    id: String,
    title: String,
    url: String,
    category: (&'static str, &'static str),
    summary: String,
    content_html: Option<String>,
}

impl Item {
    fn entry(self, site: &Site) -> Entry {
        let when = at_midnight(self.date.min(site.config.as_of));
        let mut link = Link::default();
        link.set_href(absolute_url(site, &self.url));
        link.set_rel("alternate");
        link.set_mime_type(Some("text/html".to_string()));
        let mut category = Category::default();
        category.term = self.category.0.into();
        category.label = Some(self.category.1.into());
        let mut e = Entry::default();
        e.set_id(self.id);
        e.set_title(Text::plain(self.title));
        e.set_updated(when);
        e.set_published(Some(when));
        e.set_links(vec![link]);
        e.set_categories(vec![category]);
        e.set_summary(Some(Text::plain(self.summary)));
        if let Some(html) = self.content_html {
            let mut c = Content::default();
            c.set_content_type(Some("html".to_string()));
            c.set_value(Some(html));
            e.set_content(Some(c));
        }
        e
    }
}

/// A short plain-text summary: the document's words after its title.
fn excerpt(text: &str) -> String {
    let mut lines = text.lines();
    lines.next();
    let rest: Vec<&str> = lines.collect();
    let joined = rest.join(" ");
    if joined.chars().count() <= 280 {
        return joined;
    }
    let cut: String = joined.chars().take(280).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn paper(site: &Site, doc: &Doc) -> Option<Item> {
    let date = first_public(doc)?;
    let label = doc.kind.label();
    let mut title = match doc.kind {
        DocKind::Agenda => format!("Agenda: {}", doc.title),
        _ => doc.title.clone(),
    };
    if doc.publish == crate::resolve::publish::Publish::PublicDraft {
        title.push_str(" (draft)");
    }
    let mut summary = label.to_string();
    if let Some(c) = &doc.committee {
        summary.push_str(&format!(" · {}", c.text));
    }
    if let Some(d) = doc.date {
        summary.push_str(&format!(" · meeting on {}", d.long()));
    }
    let words = excerpt(&doc.text.unpack());
    if !words.is_empty() {
        summary.push_str(". ");
        summary.push_str(&words);
    }
    Some(Item {
        date,
        id: paper_id(site, date, doc),
        title,
        url: doc.url.clone(),
        category: (doc.kind.key(), label),
        summary,
        content_html: None,
    })
}

/// The newest [`CAP`] papers of `docs` as feed items, newest first, in
/// [`newest_first`]'s order: only those are summarised (unpacking a
/// document's text is the costly part, and an archive has many).
fn newest_papers<'a>(site: &Site, docs: impl Iterator<Item = &'a Doc>) -> Vec<Item> {
    let keyed: Vec<(Date, String, &Doc)> = docs
        .filter(|d| is_paper(d))
        .filter_map(|d| {
            let date = first_public(d)?;
            Some((date, paper_id(site, date, d), d))
        })
        .collect();
    newest(keyed, |(date, id, _)| (*date, id))
        .into_iter()
        .filter_map(|(_, _, d)| paper(site, d))
        .collect()
}

fn paper_id(site: &Site, date: Date, doc: &Doc) -> String {
    tag(site, date, &format!("{}/{}", doc.kind.key(), doc.key.id))
}

/// Newest first; equal dates in a fixed order.
fn newest_first(items: Vec<Item>) -> Vec<Item> {
    newest(items, |i| (i.date, &i.id))
}

/// The [`CAP`] newest of `v` by (date, id): newest first, equal dates by id.
fn newest<T>(mut v: Vec<T>, key: impl Fn(&T) -> (Date, &str)) -> Vec<T> {
    v.sort_by(|a, b| {
        let ((da, ia), (db, ib)) = (key(a), key(b));
        db.cmp(&da).then_with(|| ia.cmp(ib))
    });
    v.truncate(CAP);
    v
}

struct FeedSpec<'a> {
    path: String,
    title: String,
    subtitle: String,
    name: &'a str,
}

fn feed(cx: &EmitContext, spec: FeedSpec, items: Vec<Item>) -> Feed {
    let site = cx.site;
    let fallback = latest_content_date(cx).unwrap_or(site.config.as_of);
    let updated = items
        .iter()
        .map(|i| i.date)
        .max()
        .unwrap_or(fallback)
        .min(site.config.as_of);
    let oldest = oldest_content_date(cx).unwrap_or(site.config.as_of);
    let mut own = Link::default();
    own.set_href(absolute_url(site, &site.config.url(&spec.path)));
    own.set_rel("self");
    own.set_mime_type(Some(ATOM.to_string()));
    let mut home = Link::default();
    home.set_href(absolute_url(site, &site.config.url("")));
    home.set_rel("alternate");
    home.set_mime_type(Some("text/html".to_string()));
    let author = Person {
        name: site
            .config
            .contact
            .as_ref()
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| site.config.title.clone()),
        email: None,
        uri: Some(absolute_url(site, &site.config.url(""))),
        ..Person::default()
    };
    let mut f = Feed::default();
    f.set_id(tag(site, oldest, &format!("feed/{}", spec.name)));
    f.set_title(Text::plain(format!("{} – {}", spec.title, site.config.title)));
    f.set_subtitle(Some(Text::plain(spec.subtitle)));
    f.set_updated(at_midnight(updated));
    f.set_links(vec![own, home]);
    f.set_authors(vec![author]);
    f.set_lang(Some(site.config.language.clone()));
    f.set_entries(items.into_iter().map(|i| i.entry(site)).collect::<Vec<_>>());
    f
}

fn latest_content_date(cx: &EmitContext) -> Option<Date> {
    cx.published.docs.iter().filter_map(first_public).max()
}

fn oldest_content_date(cx: &EmitContext) -> Option<Date> {
    cx.published.docs.iter().filter_map(first_public).min()
}

/// Resolution HTML from the published minutes, by decision id.
pub(super) fn resolution_html(cx: &EmitContext, by_meeting: &HashMap<&str, &Minutes>, d: &Decision) -> Option<String> {
    let (rest, _) = d.id.rsplit_once('/')?;
    let (meeting, number) = rest.split_once('/')?;
    let m = by_meeting.get(meeting)?;
    let doc = cx.published.get(&m.key)?;
    let Body::Minutes { minutes, .. } = &doc.body else {
        return None;
    };
    let (i, minute) = m.minutes.iter().enumerate().find(|(_, x)| x.number == number)?;
    let j = minute.resolutions.iter().position(|r| r.id == d.resolution_id)?;
    minutes.get(i)?.resolutions.get(j).cloned()
}

fn decisions(cx: &EmitContext) -> Vec<Item> {
    let site = cx.site;
    let by_meeting: HashMap<&str, &Minutes> = site.papers.minutes.iter().map(|m| (m.meeting_id.as_str(), m)).collect();
    super::public_decisions(site)
        .into_iter()
        .map(|d| {
            let html = resolution_html(cx, &by_meeting, d);
            let text = html
                .as_deref()
                .map(crate::render::published::html_to_text)
                .unwrap_or_default();
            let draft = if d.draft { " (draft minutes)" } else { "" };
            Item {
                date: d.date_value,
                id: tag(site, d.date_value, &format!("decision/{}", d.id)),
                title: format!(
                    "{}: minute {} ({}){draft}",
                    d.committee.text, d.minute_label, d.resolution_id
                ),
                url: d
                    .minute
                    .url
                    .as_ref()
                    .or(d.meeting.url.as_ref())
                    .map(|u| u.to_string())
                    .unwrap_or_default(),
                category: ("decision", "Decision"),
                summary: text,
                content_html: html.map(|h| format!("<p>{h}</p>")),
            }
        })
        .collect()
}

fn progress(cx: &EmitContext) -> Vec<Item> {
    let site = cx.site;
    let mut items = Vec::new();
    for r in site.recs.iter().filter(|r| r.publish.is_public()) {
        let htmls = match cx.published.get(&r.key).map(|d| &d.body) {
            Some(Body::Recommendation { updates, .. }) => updates.as_slice(),
            _ => &[],
        };
        for (i, u) in r.updates.iter().enumerate() {
            let html = htmls.get(i).cloned().flatten();
            let text = html
                .as_deref()
                .map(crate::render::published::html_to_text)
                .unwrap_or_default();
            items.push(Item {
                date: u.date,
                id: tag(site, u.date, &format!("update/{}/{}", r.id, u.date.iso())),
                title: format!("{}: {}", r.title, u.status_label),
                url: r.url.clone(),
                category: ("update", "Progress update"),
                summary: if text.is_empty() {
                    format!("{} as at {}", u.status_label, u.date.long())
                } else {
                    text
                },
                content_html: html,
            });
        }
    }
    items
}

fn write(feed: &Feed) -> Result<Vec<u8>, String> {
    feed.write_to(Vec::new()).map_err(|e| e.to_string())
}

impl Emitter for Feeds {
    fn name(&self) -> &'static str {
        "feeds"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let mut feeds: Vec<(String, Feed)> = Vec::new();
        let papers = newest_papers(site, cx.published.docs.iter());
        let spec = |path: &str, title: String, subtitle: String, name: &'static str| FeedSpec {
            path: path.to_string(),
            title,
            subtitle,
            name,
        };
        feeds.push((
            "feeds/papers.xml".into(),
            feed(
                cx,
                spec(
                    "feeds/papers.xml",
                    "Latest papers".into(),
                    "Agendas, minutes and reports as they are published".into(),
                    "papers",
                ),
                papers,
            ),
        ));
        for c in site.committees.iter().filter(|c| c.publish.is_public()) {
            let path = format!("feeds/committees/{}.xml", c.id);
            let items = newest_papers(site, cx.published.of_committee(&c.id));
            let name = format!("committees/{}", c.id);
            let f = feed(
                cx,
                FeedSpec {
                    path: path.clone(),
                    title: format!("Latest papers: {}", c.title),
                    subtitle: format!("Agendas, minutes and reports of {}", c.title),
                    name: &name,
                },
                items,
            );
            feeds.push((path, f));
        }
        feeds.push((
            "feeds/decisions.xml".into(),
            feed(
                cx,
                spec(
                    "feeds/decisions.xml",
                    "Decisions".into(),
                    "Every resolution, newest first".into(),
                    "decisions",
                ),
                newest_first(decisions(cx)),
            ),
        ));
        feeds.push((
            "feeds/progress.xml".into(),
            feed(
                cx,
                spec(
                    "feeds/progress.xml",
                    "Recommendation progress".into(),
                    "Each progress update on a recommendation".into(),
                    "progress",
                ),
                newest_first(progress(cx)),
            ),
        ));
        let mut diags = Vec::new();
        for (path, f) in feeds {
            match write(&f) {
                Ok(bytes) => out.add(path, bytes),
                Err(e) => diags.push(Diagnostic::error(
                    path,
                    1,
                    1,
                    format!("the feed could not be written: {e}"),
                )),
            }
        }
        diags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_skips_the_title_and_cuts_at_a_word() {
        assert_eq!(excerpt("Title\nOne two.\nThree."), "One two. Three.");
        let long = format!("T\n{}", "word ".repeat(100));
        let e = excerpt(&long);
        assert!(e.ends_with("word…") && e.chars().count() <= 281, "{e}");
    }
}
