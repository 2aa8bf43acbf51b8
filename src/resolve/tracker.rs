//! Recommendation tracking (spec section 7): review recommendations and
//! tracked resolutions share one model; updates are merged from the
//! recommendation itself and from `updates/*.yaml`, ordered by `as_at`; the
//! current status, overdue actions, days open and the timeline are computed.

use std::collections::BTreeMap;

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
    Built { reviews, recs }
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
    let status = updates
        .last()
        .map_or_else(|| "no-update".to_string(), |u| u.status.clone());
    let status_label = updates
        .last()
        .map_or_else(|| "No update yet".to_string(), |u| u.status_label.clone());
    // A recommendation with no update yet shows a yellow tag.
    let status_colour = updates.last().map_or(Colour::Yellow, |u| u.status_colour);
    let closed = vocab.closes(&status);
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
        let overdue = !closed && av.due.as_ref().is_some_and(|d| d.value < as_of);
        actions.push(ActionView {
            id: av.id.value.to_string(),
            action: av.action.clone(),
            owner: av.owner.clone(),
            due: av.due.as_ref().map(|d| d.value.into()),
            due_text: av.due_text.clone(),
            overdue,
            success: av.success.clone(),
        });
    }
    if let (Some(d), Some(_)) = (s.shared.due, s.shared.due_text) {
        ctx.diags.push(
            Diagnostic::at(file, pos(d), format!("{} has both `due` and `due_text`", key.id))
                .with_help("keep one: a date in `due`, or free text in `due_text`"),
        );
    }
    let rec_overdue = !closed && s.shared.due.is_some_and(|d| d.value < as_of);
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
    let mut timeline = Vec::new();
    if let Some(d) = made_date {
        timeline.push(TimelineEntry {
            date: d.into(),
            what: "Recommendation made".into(),
            at: made_at.clone(),
            item: s.item.clone().filter(|l| l.url.is_some()),
        });
    }
    if let Some(r) = &response
        && let Some(d) = s.shared.response.and_then(|r| r.value.date)
    {
        timeline.push(TimelineEntry {
            date: d.into(),
            what: format!("Response: {}", r.decision_label),
            at: r.at.clone(),
            item: None,
        });
    }
    for u in &updates {
        timeline.push(TimelineEntry {
            date: u.as_at,
            what: format!("Update: {}", u.status_label),
            at: u.at.clone(),
            item: u.item.clone(),
        });
    }
    timeline.sort_by_key(|a| a.date);
    let end = if closed {
        updates.last().map(|u| u.date)
    } else {
        Some(as_of)
    };
    let days_open = made_date.zip(end).map(|(a, b)| a.days_until(b).max(0));
    // Held until the site is written: without the room the lists grew into.
    updates.shrink_to_fit();
    actions.shrink_to_fit();
    timeline.shrink_to_fit();
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
    Some(Rec {
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
        overdue: rec_overdue || actions.iter().any(|a| a.overdue),
        actions,
        last_update: updates.last().map(|u| u.as_at),
        updates,
        status,
        status_label,
        status_colour,
        days_open,
        timeline,
        related,
        file: file.to_string(),
        key,
    })
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
