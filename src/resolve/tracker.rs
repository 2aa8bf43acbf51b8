//! Recommendation tracking (spec section 7): review recommendations and
//! tracked resolutions share one model; updates are merged from the
//! recommendation itself and from `updates/*.yaml`, ordered by `as_at`; the
//! current status, overdue actions, days open and the timeline are computed.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::agenda_updates::Listed;
use super::entities::{Key, Kind, Link};
use super::model::Markdown;
use super::publish::decide;
use super::register::{meeting_publish, meeting_published};
use super::vocabulary::{Colour, Vocabularies};
use super::{Ctx, Site};
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::primitives::{Date, Spanned, pos};
use crate::load::recommendation::{Shared, Update};

pub use super::model::{ActionView, Rec, ResponseView, Review, StatusCount, TimelineEntry, UpdateView};
pub use super::reviews::counts;
use super::reviews::reviews;

/// Register reviews and their recommendations.
pub fn register(ctx: &mut Ctx) {
    let loaded = ctx.loaded;
    let (as_of, show) = (ctx.config.as_of, ctx.config.show_drafts);
    for (id, doc) in &loaded.reviews {
        let c = doc.front.common();
        let made_at = loaded
            .recommendations
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, y)| y.data.made_at.value.clone());
        let published = later(
            c.published.map(|p| p.value),
            made_at.as_deref().and_then(|m| meeting_published(ctx, m)),
        );
        let mut p = decide(published, c.draft, as_of, show);
        if let Some(m) = &made_at {
            p = p.within(meeting_publish(ctx, m));
        }
        ctx.add_entity(
            Kind::Review,
            id,
            doc.front.title.as_str(),
            format!("reviews/{id}/"),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
    }
    for (review, y) in &loaded.recommendations {
        let rp = ctx.reg.get(&Key::new(Kind::Review, review.clone())).map(|e| e.publish);
        let Some(rp) = rp else {
            if loaded.failed_file(&format!("content/reviews/{review}/index.md")) {
                continue;
            }
            ctx.diags.push(
                Diagnostic::error(
                    &y.file,
                    1,
                    1,
                    format!("recommendations.yaml has no review: reviews/{review}/index.md is missing"),
                )
                .with_help("add the review's index.md with its title beside this file"),
            );
            continue;
        };
        for r in &y.data.recommendations {
            let rid = format!("{review}/{}", r.value.id.value);
            let title = r
                .value
                .title
                .clone()
                .unwrap_or_else(|| format!("Recommendation {}", r.value.id.value));
            ctx.add_entity(
                Kind::Rec,
                &rid,
                title.as_str(),
                format!("recommendations/{rid}/"),
                rp,
                &y.file,
                pos(&r.value.id),
            );
        }
    }
}

fn later(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The fields a tracked recommendation carries, from a review or a resolution.
struct Source<'a> {
    key: Key,
    file: &'a str,
    path: &'a str,
    to: Option<&'a Spanned<String>>,
    shared: Shared<'a>,
    /// Its own updates and those logged later, each with its file.
    updates: Vec<(&'a str, &'a Spanned<Update>)>,
    source: Link,
    committee_id: Option<String>,
    made_at: Option<String>,
    /// The agenda item the recommendation was made under, when known.
    item: Option<Link>,
}

pub struct Built {
    pub reviews: Vec<Review>,
    pub recs: Vec<Rec>,
    /// The agenda items whose `updates:` list each recommendation.
    pub listed: Listed,
}

pub fn build(ctx: &mut Ctx) -> Built {
    let loaded = ctx.loaded;
    let listed = super::agenda_updates::listed(ctx);
    // Updates logged later, by recommendation.
    let mut later_updates: BTreeMap<Key, Vec<(&str, &Spanned<Update>)>> = BTreeMap::new();
    for f in &loaded.updates {
        for u in &f.data {
            let Some(rec) = &u.value.rec else {
                ctx.diags.push(
                    Diagnostic::at(
                        &f.file,
                        pos(u),
                        "this update does not say which recommendation it is for",
                    )
                    .with_help("add `rec: <id>`, e.g. `rec: school-exclusions-2019/iv`"),
                );
                continue;
            };
            if let Some(k) = ctx
                .reg
                .resolve_ref(&rec.value, Some(Kind::Rec), &f.file, pos(rec), &mut ctx.diags)
            {
                later_updates.entry(k).or_default().push((f.file.as_str(), u));
            }
        }
    }
    let mut sources = Vec::new();
    for (review, y) in &loaded.recommendations {
        let committee_id = loaded
            .reviews
            .iter()
            .find(|(r, _)| r == review)
            .and_then(|(_, d)| d.front.committee.as_ref().map(|c| c.value.clone()))
            .or_else(|| committee_of_meeting(ctx, &y.data.made_at.value));
        for r in &y.data.recommendations {
            let r = &r.value;
            let key = Key::new(Kind::Rec, format!("{review}/{}", r.id.value));
            let updates = merged_updates(ctx, &y.file, &r.updates, later_updates.remove(&key));
            sources.push(Source {
                key,
                file: &y.file,
                path: &y.path,
                to: Some(&r.to),
                shared: r.shared(),
                updates,
                source: ctx.link(&Key::new(Kind::Review, review.clone())),
                committee_id: committee_id.clone(),
                made_at: Some(y.data.made_at.value.clone()),
                item: None,
            });
        }
    }
    for (meeting, doc) in &loaded.minutes {
        let body = loaded.minutes_body(doc);
        let sections = &body.sections;
        for (number, list) in doc.front.resolutions.iter() {
            let item = sections
                .iter()
                .find(|s| s.number == *number)
                .and_then(|s| s.item.as_ref())
                .map(|n| ctx.link(&Key::new(Kind::Item, format!("{meeting}/item-{n}"))));
            for r in &list.value {
                let r = &r.value;
                if !r.track {
                    continue;
                }
                let key = Key::new(Kind::Rec, format!("{meeting}/{number}/{}", r.id.value));
                let updates = merged_updates(ctx, &doc.file, &r.updates, later_updates.remove(&key));
                sources.push(Source {
                    key,
                    file: &doc.file,
                    path: &doc.path,
                    to: r.to.as_ref(),
                    shared: r.shared(),
                    updates,
                    source: ctx.link(&Key::new(Kind::Minute, format!("{meeting}/{number}"))),
                    committee_id: committee_of_meeting(ctx, meeting),
                    made_at: Some(meeting.clone()),
                    item: item.clone(),
                });
            }
        }
    }
    // Cloned once: `rec` needs `ctx` mutably while it reads the vocabularies.
    let vocab = ctx.config.vocabularies.clone();
    let mut recs: Vec<Rec> = sources
        .into_iter()
        .filter_map(|s| rec(ctx, &vocab, s, &listed))
        .collect();
    recs.shrink_to_fit();
    let reviews = reviews(ctx, &recs);
    Built { reviews, recs, listed }
}

/// A recommendation's own updates (in `file`), then those logged later in
/// `updates/*.yaml`, each with its file.
fn merged_updates<'a>(
    ctx: &mut Ctx,
    file: &'a str,
    own: &'a [Spanned<Update>],
    later: Option<Vec<(&'a str, &'a Spanned<Update>)>>,
) -> Vec<(&'a str, &'a Spanned<Update>)> {
    own_updates_name_no_rec(ctx, file, own);
    own.iter().map(|u| (file, u)).chain(later.unwrap_or_default()).collect()
}

/// `rec` belongs in `updates/*.yaml`; inside a recommendation it would be ignored.
fn own_updates_name_no_rec(ctx: &mut Ctx, file: &str, updates: &[Spanned<Update>]) {
    for rec in updates.iter().filter_map(|u| u.value.rec.as_ref()) {
        ctx.diags.push(
            Diagnostic::warn_at(file, pos(rec), "`rec` is not used in a recommendation's own updates")
                .with_help("an update listed under a recommendation is for that recommendation: remove `rec`"),
        );
    }
}

/// The name of the person `id` (or `person:id`) as the site shows it, when
/// `to:` names a person rather than a kind of addressee.
fn person_named(ctx: &Ctx, id: &str) -> Option<String> {
    let id = id.trim_start_matches("person:");
    ctx.reg.get(&Key::new(Kind::Person, id)).map(|p| p.title.to_string())
}

pub(super) fn committee_of_meeting(ctx: &Ctx, meeting: &str) -> Option<String> {
    ctx.loaded.meeting(meeting).map(|d| d.front.committee.value.clone())
}

fn meeting_date(ctx: &Ctx, meeting: &str) -> Option<Date> {
    ctx.loaded.meeting(meeting).map(|d| d.front.date.value)
}

fn rec(ctx: &mut Ctx, vocab: &Vocabularies, s: Source, listed: &Listed) -> Option<Rec> {
    let entity = ctx.reg.get(&s.key).cloned()?;
    let key = s.key.clone();
    let file = s.file;
    let as_of = ctx.config.as_of;
    let to = match s.to.map(|t| t.value.as_str()) {
        Some("executive") | None => ctx.terms(s.committee_id.as_deref()).executive,
        Some("committee") => "The committee".to_string(),
        Some("external") => match s.shared.to_name {
            Some(n) => n.to_string(),
            None => {
                if let Some(t) = s.to {
                    ctx.diags.push(
                        Diagnostic::at(file, pos(t), "a recommendation to an external body needs `to_name`")
                            .with_help("add `to_name:` with the body's name, e.g. Department for Education"),
                    );
                }
                "External body".to_string()
            }
        },
        Some("officer") => s.shared.to_name.unwrap_or("An officer").to_string(),
        Some(other) if person_named(ctx, other).is_some() => {
            let person = person_named(ctx, other).unwrap_or_default();
            ctx.reg
                .refer(&key, &Key::new(Kind::Person, other.trim_start_matches("person:")));
            person
        }
        Some(other) => {
            if let Some(t) = s.to {
                let help = match crate::suggest::closest(other, ["executive", "committee", "external", "officer"]) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "use `to: executive`, `committee`, `external` or `officer` (with `to_name`), or a person id from people.yaml".into(),
                };
                ctx.diags
                    .push(Diagnostic::at(file, pos(t), format!("`{other}` is not an addressee")).with_help(help));
            }
            other.to_string()
        }
    };
    let response = s.shared.response.map(|r| {
        let rv = &r.value;
        vocab
            .decision
            .check("decision", &rv.decision.value, file, pos(&rv.decision), &mut ctx.diags);
        let by = rv
            .by
            .as_ref()
            .map(|b| match super::entities::parse_ref(&b.value, Some(Kind::Person)) {
                Ok((k, _)) if ctx.reg.get(&k).is_some() => {
                    ctx.reg.refer(&key, &k);
                    ctx.link(&k)
                }
                _ => Link::plain(b.value.as_str()),
            });
        let at = rv
            .at
            .as_ref()
            .and_then(|a| ctx.refer(&key, &a.value, Some(Kind::Meeting), file, pos(a)))
            .map(|k| ctx.link(&k));
        ResponseView {
            decision_label: vocab.decision.label(&rv.decision.value).to_string(),
            decision_colour: vocab.decision.colour(&rv.decision.value),
            decision: rv.decision.value.clone(),
            by,
            date: rv.date.map(Into::into),
            at,
            text: rv.text.as_deref().map(|t| Markdown::new(t, file, pos(r).line, s.path)),
        }
    });
    let mut updates: Vec<UpdateView> = Vec::new();
    let mut seen: BTreeMap<Date, (String, usize)> = BTreeMap::new();
    for (ufile, u) in &s.updates {
        let uv = &u.value;
        let date = uv.as_at.value;
        if let Some((f, l)) = seen.get(&date) {
            ctx.diags.push(
                Diagnostic::at(
                    ufile,
                    pos(&uv.as_at),
                    format!("a second update for {} as at {date}", key.id),
                )
                .with_help(format!("the first is at {f}:{l}; merge them or correct the date")),
            );
            continue;
        }
        seen.insert(date, (ufile.to_string(), pos(&uv.as_at).line));
        vocab
            .progress
            .check("progress", &uv.status.value, ufile, pos(&uv.status), &mut ctx.diags);
        let at_key = uv
            .at
            .as_ref()
            .and_then(|a| ctx.refer(&key, &a.value, Some(Kind::Meeting), ufile, pos(a)));
        let at = at_key.as_ref().map(|k| ctx.link(k));
        // The agenda item that heard it, when that item lists it.
        let item = at_key
            .as_ref()
            .and_then(|m| listed.item(&m.id, &key.id))
            .map(|k| ctx.link(k))
            .filter(|l| l.url.is_some());
        if let Some(a) = &uv.at
            && let Ok((mk, _)) = super::entities::parse_ref(&a.value, Some(Kind::Meeting))
        {
            ctx.reg.refer(&mk, &key);
        }
        updates.push(UpdateView {
            as_at: date.into(),
            date,
            status_label: vocab.progress.label(&uv.status.value).to_string(),
            status_colour: vocab.progress.colour(&uv.status.value),
            status: uv.status.value.clone(),
            at_id: at_key.map(|k| k.id.to_string()),
            at,
            item,
            text: uv.text.as_deref().map(|t| Markdown::new(t, ufile, pos(u).line, s.path)),
        });
    }
    updates.sort_by_key(|u| u.date);
    let mut actions = Vec::new();
    for a in s.shared.actions {
        let av = &a.value;
        match (&av.due, &av.due_text) {
            (None, None) => ctx.diags.push(
                Diagnostic::at(
                    file,
                    pos(a),
                    format!("action {} has neither `due` nor `due_text`", av.id.value),
                )
                .with_help("add `due: YYYY-MM-DD`, or `due_text:` for an action without a date"),
            ),
            (Some(d), Some(_)) => ctx.diags.push(
                Diagnostic::at(
                    file,
                    pos(d),
                    format!("action {} has both `due` and `due_text`", av.id.value),
                )
                .with_help("keep one: a date in `due`, or free text in `due_text`"),
            ),
            _ => {}
        }
        actions.push(ActionView {
            id: av.id.value.to_string(),
            action: av.action.clone(),
            owner: av.owner.clone(),
            due: av.due.as_ref().map(|d| d.value.into()),
            due_text: av.due_text.clone(),
            // Set by `settle`, with the status.
            overdue: false,
            success: av.success.clone(),
        });
    }
    if let (Some(d), Some(_)) = (s.shared.due, s.shared.due_text) {
        ctx.diags.push(
            Diagnostic::at(file, pos(d), format!("{} has both `due` and `due_text`", key.id))
                .with_help("keep one: a date in `due`, or free text in `due_text`"),
        );
    }
    let made_date = s.made_at.as_deref().and_then(|m| meeting_date(ctx, m));
    let made_at_key = s.made_at.as_deref().and_then(|m| {
        let at = Pos::new(entity.pos.line, entity.pos.column);
        ctx.refer(&key, m, Some(Kind::Meeting), file, at)
    });
    let made_at = made_at_key.as_ref().map(|k| ctx.link(k));
    if let Some(m) = &s.made_at {
        ctx.reg.refer(&Key::new(Kind::Meeting, m.clone()), &key);
    }
    let related_keys: Vec<Key> = s
        .shared
        .related
        .iter()
        .filter_map(|r| ctx.refer(&key, &r.value, None, file, pos(r)))
        .collect();
    let related: Vec<Link> = related_keys.iter().map(|k| ctx.link(k)).collect();
    // Held until the site is written: without the room the lists grew into.
    updates.shrink_to_fit();
    actions.shrink_to_fit();
    let text = Markdown::new(s.shared.text, file, entity.pos.line, s.path);
    ctx.scan_markdown(&key, &text);
    let more: Vec<Markdown> = response
        .iter()
        .filter_map(|r| r.text.clone())
        .chain(updates.iter().filter_map(|u| u.text.clone()))
        .collect();
    for md in &more {
        ctx.scan_markdown(&key, md);
    }
    let mut rec = Rec {
        id: key.id.to_string(),
        title: entity.title.to_string(),
        url: entity.url.to_string(),
        publish: entity.publish,
        source: s.source,
        committee: s
            .committee_id
            .as_ref()
            .map(|c| ctx.link(&Key::new(Kind::Committee, c.clone()))),
        committee_id: s.committee_id,
        made_at_id: made_at_key.map(|k| k.id.to_string()),
        made_at,
        item: s.item,
        made_date: made_date.map(Into::into),
        text,
        to,
        response,
        owner: s.shared.owner.map(str::to_string),
        due: s.shared.due.map(|d| d.value.into()),
        due_text: s.shared.due_text.map(str::to_string),
        actions,
        last_update: None,
        updates,
        // What follows from the updates is set by `settle`.
        status: String::new(),
        status_label: String::new(),
        status_colour: Colour::Yellow,
        overdue: false,
        days_open: None,
        timeline: Vec::new(),
        related,
        file: file.to_string(),
        key,
    };
    settle(&mut rec, vocab, as_of);
    Some(rec)
}

/// What follows from a recommendation's updates (in date order) on day
/// `as_of`: the date of the latest, its current status (the latest update's) with its label and
/// colour, whether it and its actions are overdue, its timeline and the
/// days it has been open. Used as it is built, and again when the status
/// or text of its updates changes alone (`serve`, [`restate`]).
pub fn settle(rec: &mut Rec, vocab: &Vocabularies, as_of: Date) {
    let last = rec.updates.last();
    rec.last_update = last.map(|u| u.as_at);
    rec.status = last.map_or_else(|| "no-update".to_string(), |u| u.status.clone());
    rec.status_label = last.map_or_else(|| "No update yet".to_string(), |u| u.status_label.clone());
    // A recommendation with no update yet shows a yellow tag.
    rec.status_colour = last.map_or(Colour::Yellow, |u| u.status_colour);
    let closed = vocab.closes(&rec.status);
    for a in &mut rec.actions {
        a.overdue = !closed && a.due.is_some_and(|d| d.0 < as_of);
    }
    let own_overdue = !closed && rec.due.is_some_and(|d| d.0 < as_of);
    rec.overdue = own_overdue || rec.actions.iter().any(|a| a.overdue);
    let mut timeline = Vec::with_capacity(2 + rec.updates.len());
    if let Some(d) = rec.made_date {
        timeline.push(TimelineEntry {
            date: d,
            what: "Recommendation made".into(),
            at: rec.made_at.clone(),
            item: rec.item.clone().filter(|l| l.url.is_some()),
        });
    }
    if let Some(r) = &rec.response
        && let Some(d) = r.date
    {
        timeline.push(TimelineEntry {
            date: d,
            what: format!("Response: {}", r.decision_label),
            at: r.at.clone(),
            item: None,
        });
    }
    for u in &rec.updates {
        timeline.push(TimelineEntry {
            date: u.as_at,
            what: format!("Update: {}", u.status_label),
            at: u.at.clone(),
            item: u.item.clone(),
        });
    }
    timeline.sort_by_key(|a| a.date);
    rec.timeline = timeline;
    let end = if closed {
        rec.updates.last().map(|u| u.date)
    } else {
        Some(as_of)
    };
    rec.days_open = rec.made_date.zip(end).map(|(a, b)| a.0.days_until(b).max(0));
}

/// Public recommendations made at each meeting and the updates each meeting
/// heard, by meeting id: built once, so a meeting page looks its own up.
#[derive(Debug, Default)]
pub struct ByMeeting {
    made: std::collections::HashMap<String, Vec<usize>>,
    heard: std::collections::HashMap<String, Vec<(usize, usize)>>,
}

impl ByMeeting {
    pub fn new(recs: &[Rec]) -> ByMeeting {
        let mut by = ByMeeting::default();
        for (i, r) in recs.iter().enumerate().filter(|(_, r)| r.publish.is_public()) {
            if let Some(m) = &r.made_at_id {
                by.made.entry(m.clone()).or_default().push(i);
            }
            for (j, u) in r.updates.iter().enumerate() {
                if let Some(m) = &u.at_id {
                    by.heard.entry(m.clone()).or_default().push((i, j));
                }
            }
        }
        by
    }
}

/// Recommendations made at `meeting`, and (recommendation, update) pairs it heard.
pub fn for_meeting<'a>(site: &'a Site, meeting: &str) -> (Vec<&'a Rec>, Vec<(&'a Rec, &'a UpdateView)>) {
    let made = site
        .recs_by_meeting
        .made
        .get(meeting)
        .map(|v| v.iter().map(|&i| &site.recs[i]).collect())
        .unwrap_or_default();
    let heard = site
        .recs_by_meeting
        .heard
        .get(meeting)
        .map(|v| {
            v.iter()
                .map(|&(i, j)| (&site.recs[i], &site.recs[i].updates[j]))
                .collect()
        })
        .unwrap_or_default();
    (made, heard)
}

/// An update of an updates file that is new or whose status, text or line
/// changed: one for the same recommendation and date as before keeps its
/// meeting.
#[derive(Debug, Clone)]
pub struct Restated {
    /// The recommendation, as the update names it (`rec:`).
    pub rec: String,
    pub as_at: Date,
    pub status: String,
    /// The meeting that heard it (`at:`), as written.
    pub at: Option<String>,
    pub text: Option<String>,
    /// The updates file, and the update's line in it.
    pub file: String,
    pub line: usize,
    /// Not an update the site had before.
    pub added: bool,
}

/// What [`restate`] changed, by index: the recommendations, and the
/// meetings whose pages show them (the meeting that made each, and those
/// that heard a changed update).
#[derive(Debug, Default)]
pub struct Restatement {
    pub recs: Vec<usize>,
    pub meetings: Vec<usize>,
    /// A copy of a changed update under an agenda item changed: every page
    /// that shows a meeting with its items may show it.
    pub items: bool,
}

/// Where a [`Restated`] goes: an update the recommendation has (its index),
/// or a new one, heard by a meeting or not.
enum Place {
    Known(usize, usize),
    New(usize, Option<Key>),
}

/// Apply `changes` to the resolved site, as resolving it again would:
/// each update's status, text and line, or a new update in its place by
/// date; the recommendation's status, overdue flags, timeline and days open
/// ([`settle`]); the copies of a changed update under agenda items that list
/// it; a new update's references to and from its meeting; the review's
/// counts. `None`, with the site untouched, when a change does not fit,
/// because resolving again would report something or change more: an
/// unknown recommendation, update or meeting, a status the progress
/// vocabulary lacks, a second update for a date, a new update whose text
/// has references or data sets, or one heard by a meeting whose agenda
/// lists the recommendation under an item.
pub fn restate(site: &mut Site, changes: &[Restated]) -> Option<Restatement> {
    let vocab = &site.config.vocabularies;
    let by_id: std::collections::HashMap<&str, usize> =
        site.recs.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let meeting_index: std::collections::HashMap<&str, usize> = site
        .papers
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    // Every change is checked before any is applied.
    let mut found = Vec::with_capacity(changes.len());
    let mut new_dates = std::collections::BTreeSet::new();
    for c in changes {
        let mut diags = Vec::new();
        let at = Pos::new(c.line, 1);
        let key = site
            .registry
            .resolve_ref(&c.rec, Some(Kind::Rec), &c.file, at, &mut diags)?;
        if !diags.is_empty() || !vocab.progress.contains(&c.status) {
            return None;
        }
        let &i = by_id.get(&*key.id)?;
        let j = site.recs[i].updates.iter().position(|u| u.date == c.as_at);
        if !c.added {
            found.push(Place::Known(i, j?));
            continue;
        }
        let (refs, fences) = crate::load::references::scan_all(c.text.as_deref().unwrap_or(""), c.line);
        if j.is_some() || !new_dates.insert((i, c.as_at)) || !refs.is_empty() || !fences.is_empty() {
            return None;
        }
        let heard = match &c.at {
            None => None,
            Some(m) => {
                let m = site
                    .registry
                    .resolve_ref(m, Some(Kind::Meeting), &c.file, at, &mut diags)?;
                if !diags.is_empty()
                    || !meeting_index.contains_key(&*m.id)
                    || site.listed.item(&m.id, &key.id).is_some()
                {
                    return None;
                }
                Some(m)
            }
        };
        found.push(Place::New(i, heard));
    }
    drop(by_id);
    let mut touched = Restatement::default();
    let mut heard_at = Vec::new();
    let mut references = Vec::new();
    for (c, place) in changes.iter().zip(found) {
        let label = vocab.progress.label(&c.status).to_string();
        let colour = vocab.progress.colour(&c.status);
        let (i, j) = match place {
            Place::Known(i, j) => (i, j),
            Place::New(i, heard) => {
                let rec = &mut site.recs[i];
                let j = rec.updates.partition_point(|u| u.date < c.as_at);
                rec.updates.insert(
                    j,
                    UpdateView {
                        as_at: c.as_at.into(),
                        date: c.as_at,
                        status: String::new(),
                        status_label: String::new(),
                        status_colour: colour,
                        at: heard.as_ref().map(|m| site.registry.link(m, None)),
                        at_id: heard.as_ref().map(|m| m.id.to_string()),
                        item: None,
                        text: None,
                    },
                );
                if let Some(m) = heard {
                    references.push((rec.key.clone(), m));
                }
                (i, j)
            }
        };
        let rec = &mut site.recs[i];
        let path = Arc::clone(&rec.text.path);
        let u = &mut rec.updates[j];
        u.status_label = label;
        u.status_colour = colour;
        u.status = c.status.clone();
        u.text = c.text.as_deref().map(|t| Markdown::new(t, &c.file, c.line, &path));
        touched.recs.push(i);
        if let Some(&m) = u.at_id.as_deref().and_then(|m| meeting_index.get(m)) {
            touched.meetings.push(m);
            heard_at.push((m, i, u.as_at));
        }
        if let Some(&m) = rec.made_at_id.as_deref().and_then(|m| meeting_index.get(m)) {
            touched.meetings.push(m);
        }
    }
    drop(meeting_index);
    touched.recs.sort_unstable();
    touched.recs.dedup();
    touched.meetings.sort_unstable();
    touched.meetings.dedup();
    for &i in &touched.recs {
        settle(&mut site.recs[i], vocab, site.config.as_of);
    }
    // A new update refers to its meeting, and the meeting to it.
    for (rec, meeting) in &references {
        site.registry.refer_late(rec, meeting);
        site.registry.refer_late(meeting, rec);
    }
    if !references.is_empty() || changes.iter().any(|c| c.added) {
        site.recs_by_meeting = ByMeeting::new(&site.recs);
    }
    // The agenda items that list a changed update show a copy of it.
    for (m, i, as_at) in heard_at {
        let rec = &site.recs[i];
        let Some(u) = rec.updates.iter().find(|u| u.as_at == as_at) else {
            continue;
        };
        for shown in site.papers.meetings[m]
            .items
            .iter_mut()
            .flat_map(|item| &mut item.updates)
            .filter(|x| x.rec_id == rec.id && x.as_at == as_at)
        {
            touched.items = true;
            *shown = super::model::ItemUpdate::of(shown.rec.clone(), &rec.id, u);
        }
    }
    // Each review counts its recommendations by status.
    let changed: std::collections::BTreeSet<&str> = touched.recs.iter().map(|&i| site.recs[i].id.as_str()).collect();
    let by_id: std::collections::HashMap<&str, &Rec> = site.recs.iter().map(|r| (r.id.as_str(), r)).collect();
    for review in site
        .reviews
        .iter_mut()
        .filter(|r| r.recs.iter().any(|id| changed.contains(id.as_str())))
    {
        review.counts = counts(
            &vocab.progress,
            review.recs.iter().filter_map(|id| by_id.get(id.as_str()).copied()),
        );
    }
    Some(touched)
}
