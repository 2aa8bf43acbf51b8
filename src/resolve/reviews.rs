//! Scrutiny reviews as pages, and the counts of recommendations by status
//! that reviews, trackers and committee pages show. Split from `tracker.rs`,
//! which builds the recommendations these are made from.

use std::collections::BTreeMap;

use super::Ctx;
use super::entities::{Key, Kind, Link};
use super::model::{Markdown, Rec, Review, StatusCount};
use super::tracker::committee_of_meeting;
use crate::load::primitives::pos;

/// Counts by current status, in vocabulary order, then "no update yet".
pub fn counts<'a>(site_vocab: &super::config::Vocabulary, recs: impl Iterator<Item = &'a Rec>) -> Vec<StatusCount> {
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    for r in recs {
        *by.entry(r.status.clone()).or_default() += 1;
    }
    let mut out: Vec<StatusCount> = site_vocab
        .words
        .iter()
        .map(|w| StatusCount {
            key: w.key.clone(),
            label: w.label.clone(),
            count: by.get(&w.key).copied().unwrap_or(0),
        })
        .collect();
    out.push(StatusCount {
        key: "no-update".into(),
        label: "No update yet".into(),
        count: by.get("no-update").copied().unwrap_or(0),
    });
    out
}

pub(super) fn reviews(ctx: &mut Ctx, recs: &[Rec]) -> Vec<Review> {
    let loaded = ctx.loaded;
    let mut out = Vec::new();
    for (id, doc) in &loaded.reviews {
        let key = Key::new(Kind::Review, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let f = &doc.front;
        let made_at = loaded
            .recommendations
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, y)| y.data.made_at.value.clone());
        let committee_id = f
            .committee
            .as_ref()
            .map(|c| c.value.clone())
            .or_else(|| made_at.as_deref().and_then(|m| committee_of_meeting(ctx, m)));
        if let Some(c) = &f.committee {
            ctx.refer(&key, &c.value, Some(Kind::Committee), &doc.file, pos(c));
        }
        let form = f.form.as_ref().map(|fm| {
            ctx.config.vocabularies.form_of_scrutiny.clone().check(
                "form_of_scrutiny",
                &fm.value,
                &doc.file,
                pos(fm),
                &mut ctx.diags,
            );
            ctx.config.vocabularies.form_of_scrutiny.label(&fm.value).to_string()
        });
        let members: Vec<Link> = f
            .members
            .iter()
            .map(|m| {
                ctx.refer(&key, &m.value, Some(Kind::Person), &doc.file, pos(m))
                    .map_or_else(|| Link::plain(m.value.as_str()), |k| ctx.link(&k))
            })
            .collect();
        let body = Markdown::new(&doc.body, &doc.file, doc.body_line, &doc.path);
        ctx.add_found(&key, &body, &doc.found);
        let prefix = format!("{id}/");
        let mine: Vec<&Rec> = recs.iter().filter(|r| r.id.starts_with(&prefix)).collect();
        out.push(Review {
            id: id.clone(),
            title: f.title.clone(),
            url: entity.url.to_string(),
            publish: entity.publish,
            committee: committee_id
                .as_ref()
                .map(|c| ctx.link(&Key::new(Kind::Committee, c.clone()))),
            committee_id,
            form,
            members,
            started: f.started.map(Into::into),
            completed: f.completed.map(Into::into),
            made_at: made_at.as_ref().map(|m| ctx.link(&Key::new(Kind::Meeting, m.clone()))),
            body,
            recs: mine.iter().map(|r| r.id.clone()).collect(),
            counts: counts(&ctx.config.vocabularies.progress, mine.into_iter()),
            key,
        });
    }
    out
}
