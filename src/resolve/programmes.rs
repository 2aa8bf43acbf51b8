//! Work programmes (spec section 13): a committee's planned business for a
//! year, with scheduled items linked to their report once it exists.

use serde::Serialize;

use super::Ctx;
use super::entities::{Entity, Key, Kind, Link};
use super::model::DateView;
use super::publish::Publish;
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::primitives::pos;
use crate::load::work_programme::ProgrammeItem;

#[derive(Debug, Clone, Serialize)]
pub struct WorkProgramme {
    pub key: Key,
    pub id: String,
    pub title: String,
    pub url: String,
    pub committee_id: String,
    pub committee: Link,
    pub year: String,
    pub meetings: Vec<ProgrammeMeetingView>,
    pub unscheduled: Vec<ProgrammeItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeMeetingView {
    pub date: DateView,
    pub despatch: Option<DateView>,
    pub meeting: Option<Link>,
    pub items: Vec<ProgrammeItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeItemView {
    pub title: String,
    pub author: Option<String>,
    pub form: Option<String>,
    pub report: Option<Link>,
    pub status: Option<String>,
    pub notes: Option<String>,
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Register each programme as `<committee>-<year>`; two for one committee and year are an error.
pub fn register(ctx: &mut Ctx) {
    for (_, y) in &ctx.loaded.work_programmes {
        let w = &y.data;
        let id = format!("{}-{}", w.committee.value, slug(&w.year.value));
        let title = format!("Work programme {}", w.year.value);
        if let Some(first) = ctx.reg.get(&Key::new(Kind::WorkProgramme, id.clone())) {
            let d = Diagnostic::at(
                &y.file,
                pos(&w.year),
                format!("a second work programme for {} in {}", w.committee.value, w.year.value),
            )
            .with_help(format!(
                "the first is {}; keep one file per committee and year",
                first.file
            ));
            ctx.diags.push(d);
            continue;
        }
        let e = Entity {
            key: Key::new(Kind::WorkProgramme, id.clone()),
            title: title.into(),
            url: ctx.config.url(&format!("work-programmes/{id}/")).into(),
            publish: Publish::Public,
            file: y.file.as_str().into(),
            pos: Pos::new(1, 1),
        };
        ctx.reg.add(e, &mut ctx.diags);
    }
}

fn item(ctx: &mut Ctx, from: &Key, file: &str, it: &ProgrammeItem) -> ProgrammeItemView {
    let vocab = ctx.config.vocabularies.form_of_scrutiny.clone();
    let form = it.form.as_ref().map(|f| {
        vocab.check("form_of_scrutiny", &f.value, file, pos(f), &mut ctx.diags);
        vocab.label(&f.value).to_string()
    });
    let report = it
        .report
        .as_ref()
        .and_then(|r| ctx.refer(from, &r.value, Some(Kind::Report), file, pos(r)))
        .map(|k| ctx.reg.link(&k, Some(&it.title)));
    ProgrammeItemView {
        title: it.title.clone(),
        author: it.author.clone(),
        form,
        report,
        status: it.status.clone(),
        notes: it.notes.clone(),
    }
}

pub fn build(ctx: &mut Ctx) -> Vec<WorkProgramme> {
    let loaded = ctx.loaded;
    let mut out = Vec::new();
    for (_, y) in &loaded.work_programmes {
        let w = &y.data;
        let id = format!("{}-{}", w.committee.value, slug(&w.year.value));
        let key = Key::new(Kind::WorkProgramme, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        if *entity.file != *y.file {
            continue;
        }
        let committee = ctx
            .refer(
                &key,
                &w.committee.value,
                Some(Kind::Committee),
                &y.file,
                pos(&w.committee),
            )
            .map_or_else(|| Link::plain(w.committee.value.as_str()), |k| ctx.link(&k));
        let mut meetings = Vec::new();
        for m in &w.meetings {
            let m = &m.value;
            let meeting_id = format!("{}-{}", m.date.value.iso(), w.committee.value);
            let mk = Key::new(Kind::Meeting, meeting_id);
            let meeting = ctx.reg.get(&mk).is_some().then(|| ctx.reg.link(&mk, Some("Agenda")));
            let items = m.items.iter().map(|i| item(ctx, &key, &y.file, &i.value)).collect();
            meetings.push(ProgrammeMeetingView {
                date: m.date.value.into(),
                despatch: m.despatch.map(Into::into),
                meeting,
                items,
            });
        }
        let unscheduled = w
            .unscheduled
            .iter()
            .map(|i| item(ctx, &key, &y.file, &i.value))
            .collect();
        out.push(WorkProgramme {
            title: format!("{}: work programme {}", committee.text, w.year.value),
            url: entity.url.to_string(),
            committee_id: w.committee.value.clone(),
            committee,
            year: w.year.value.clone(),
            meetings,
            unscheduled,
            id,
            key,
        });
    }
    out.sort_by(|a, b| (&a.committee_id, &a.year).cmp(&(&b.committee_id, &b.year)));
    out
}
