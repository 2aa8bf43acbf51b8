//! Updates on the agenda (issue 17, point 4): an agenda item lists the
//! recommendations whose progress it hears, `updates: [<rec id>, …]`, and
//! the meeting page shows each one's update to that meeting (its status and
//! text) under the item; the recommendation's timeline links the item.
//!
//! The agenda names the recommendations, not the updates, because an update
//! already names its meeting (`at:`): the item only says where on that
//! meeting's agenda it is heard, as `reports:` does for reports.
//!
//! Two steps, because a recommendation's updates are gathered from every
//! file only when the recommendations are built: [`listed`] reads the
//! agendas first, so that each update knows the item that heard it, and
//! [`attach`] runs after, to check every listed recommendation against the
//! updates it really has and to put those updates under their items.
//!
//! Publishing: an exempt item shows its title only, so it shows no updates
//! and no timeline links to it; a recommendation that is not public is not
//! named under any item (its page does not exist yet either).

use std::collections::{BTreeSet, HashMap};

use super::Ctx;
use super::entities::{Key, Kind, parse_ref};
use super::model::{ItemUpdate, Meeting, Rec, UpdateView};
use crate::diagnostics::Diagnostic;
use crate::load::classify::FileKind;
use crate::load::primitives::{Spanned, pos};

/// The agenda item that lists each recommendation, by meeting.
#[derive(Debug, Default)]
pub struct Listed(HashMap<String, HashMap<String, Key>>);

impl Listed {
    /// The item of `meeting` whose `updates:` lists recommendation `rec`.
    pub fn item(&self, meeting: &str, rec: &str) -> Option<&Key> {
        self.0.get(meeting)?.get(rec)
    }
}

/// Which item of which meeting lists each recommendation. Nothing is
/// reported here: [`attach`] checks every entry once the updates are known.
pub fn listed(ctx: &Ctx) -> Listed {
    let mut out = Listed::default();
    for (meeting, doc) in &ctx.loaded.meetings {
        if ctx.reg.get(&Key::new(Kind::Meeting, meeting.clone())).is_none() {
            continue;
        }
        for item in doc.front.items.iter().filter(|i| i.value.exempt.is_none()) {
            let n = item.value.n.value.to_string();
            for r in &item.value.updates {
                if let Ok((key, _)) = parse_ref(&r.value, Some(Kind::Rec))
                    && key.kind == Kind::Rec
                {
                    out.0
                        .entry(meeting.clone())
                        .or_default()
                        .entry(key.id.to_string())
                        .or_insert_with(|| Key::new(Kind::Item, format!("{meeting}/item-{n}")));
                }
            }
        }
    }
    out
}

/// Check each agenda item's `updates:` and put the updates it hears under it.
pub fn attach(ctx: &mut Ctx, meetings: &mut [Meeting], recs: &[Rec]) {
    let by_id: HashMap<&str, &Rec> = recs.iter().map(|r| (r.id.as_str(), r)).collect();
    // Recommendations with an update reported to each meeting.
    let mut heard: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for r in recs {
        for m in r.updates.iter().filter_map(|u| u.at_id.as_deref()) {
            heard.entry(m).or_default().insert(r.id.as_str());
        }
    }
    let loaded = ctx.loaded;
    // An update may be in an updates file that failed to load: that error is
    // the one to fix, and a missing update is not reported again.
    let updates_unknown = loaded.failed.iter().any(|(_, k)| matches!(k, FileKind::Updates { .. }));
    // Each meeting by id, found once: not a scan per agenda.
    let index = super::meetings::positions(meetings);
    for (meeting_id, doc) in &loaded.meetings {
        if doc.front.items.iter().all(|i| i.value.updates.is_empty()) {
            continue;
        }
        let Some(meeting) = index.get(meeting_id.as_str()).and_then(|&i| meetings.get_mut(i)) else {
            continue;
        };
        let agenda = Agenda {
            id: meeting_id,
            file: &doc.file,
            heard: heard.get(meeting_id.as_str()).cloned().unwrap_or_default(),
            listed: doc
                .front
                .items
                .iter()
                .flat_map(|i| &i.value.updates)
                .filter_map(|r| parse_ref(&r.value, Some(Kind::Rec)).ok())
                .map(|(k, _)| k.id.to_string())
                .collect(),
        };
        // Recommendation id → the item that lists it first.
        let mut first: HashMap<String, String> = HashMap::new();
        for (k, item) in doc.front.items.iter().enumerate() {
            let it = &item.value;
            let Some(first_entry) = it.updates.first() else {
                continue;
            };
            let n = it.n.value.to_string();
            let item_key = Key::new(Kind::Item, format!("{meeting_id}/item-{n}"));
            let mut shown = Vec::new();
            let mut to_follow = false;
            for r in &it.updates {
                let Some(rec_key) = agenda.resolve(ctx, &item_key, r) else {
                    continue;
                };
                if let Some(other) = first.get(&*rec_key.id) {
                    ctx.diags.push(
                        Diagnostic::warn_at(
                            agenda.file,
                            pos(r),
                            format!("{} is listed in `updates` twice on this agenda", rec_key.id),
                        )
                        .with_help(format!(
                            "it is already under item {other}; list each recommendation under one item"
                        )),
                    );
                    continue;
                }
                first.insert(rec_key.id.to_string(), n.clone());
                let Some(rec) = by_id.get(&*rec_key.id) else {
                    continue;
                };
                let here: Vec<&UpdateView> = rec
                    .updates
                    .iter()
                    .filter(|u| u.at_id.as_deref() == Some(meeting_id.as_str()))
                    .collect();
                if here.is_empty() {
                    if it.supplement {
                        to_follow = true;
                    } else if !updates_unknown {
                        ctx.diags.push(agenda.not_heard(rec, r));
                    }
                    continue;
                }
                if it.exempt.is_some() || !rec.publish.is_public() {
                    continue;
                }
                let link = ctx.link(&rec.key);
                shown.extend(here.into_iter().map(|u| ItemUpdate::of(link.clone(), &rec.id, u)));
            }
            if it.exempt.is_some() {
                ctx.diags.push(
                    Diagnostic::warn_at(
                        agenda.file,
                        pos(first_entry),
                        format!("item {n} is exempt, so the updates it lists are not shown under it"),
                    )
                    .with_help(
                        "an exempt item publishes its title and paragraph only; its updates are listed under \"Progress reported to this meeting\" instead. Remove `updates` from this item, or move them to an open item",
                    ),
                );
                continue;
            }
            if let Some(view) = meeting.items.get_mut(k) {
                if it.supplement {
                    view.to_follow = to_follow || view.reports.len() < it.reports.len();
                }
                view.updates = shown;
            }
        }
    }
}

/// One agenda being checked.
struct Agenda<'a> {
    id: &'a str,
    file: &'a str,
    /// Recommendations with an update reported to this meeting.
    heard: BTreeSet<&'a str>,
    /// Recommendations listed anywhere on this agenda.
    listed: BTreeSet<String>,
}

impl Agenda<'_> {
    /// A recommendation heard here that no item lists yet, close to `id`.
    fn near(&self, id: &str) -> Option<&str> {
        let unlisted = self.heard.iter().copied().filter(|h| !self.listed.contains(*h));
        crate::suggest::closest(id, unlisted)
    }

    /// Resolve one entry of an item's `updates:`, recording the reference.
    /// A misspelt id is first compared with the recommendations that have an
    /// update reported to this meeting: those are the likely ones.
    fn resolve(&self, ctx: &mut Ctx, item: &Key, r: &Spanned<String>) -> Option<Key> {
        if let Ok((key, written)) = parse_ref(&r.value, Some(Kind::Rec))
            && written.is_none_or(|k| k == Kind::Rec)
            && !ctx.reg.entities.contains_key(&key)
            && !ctx.reg.untracked.contains(&*key.id)
            && !ctx.reg.uncertain.contains(&Kind::Rec)
            && let Some(near) = self.near(&key.id)
        {
            ctx.diags.push(
                Diagnostic::at(
                    self.file,
                    pos(r),
                    format!("`{}` refers to a rec that does not exist", r.value),
                )
                .with_help(format!(
                    "did you mean `{near}`? It has an update reported to this meeting"
                )),
            );
            return None;
        }
        ctx.refer(item, &r.value, Some(Kind::Rec), self.file, pos(r))
    }

    /// The diagnostic for a listed recommendation with no update reported
    /// to this meeting.
    fn not_heard(&self, rec: &Rec, r: &Spanned<String>) -> Diagnostic {
        let d = Diagnostic::at(
            self.file,
            pos(r),
            format!("{} has no update reported to this meeting", rec.id),
        );
        if let Some(near) = self.near(&rec.id) {
            return d.with_help(format!(
                "did you mean `{near}`? It has an update reported to this meeting"
            ));
        }
        let elsewhere: BTreeSet<&str> = rec.updates.iter().filter_map(|u| u.at_id.as_deref()).collect();
        let before = match elsewhere.len() {
            0 => String::new(),
            _ => format!(
                "its updates were reported to {}; ",
                elsewhere.into_iter().collect::<Vec<_>>().join(", ")
            ),
        };
        d.with_help(format!(
            "{before}give it an update with `at: {}` (in updates/*.yaml, or in its own `updates`), or remove it from this item's `updates`",
            self.id
        ))
    }
}
