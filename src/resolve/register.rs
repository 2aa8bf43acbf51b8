//! First pass: every entity gets its key, title, URL and publishability, so
//! that references in the second pass can be checked against a full registry.

use std::collections::BTreeMap;

use super::Ctx;
use super::entities::{Key, Kind};
use super::publish::{Publish, decide};
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::meeting::MinutesStatus;
use crate::load::primitives::{Date, id_problem, pos};
use crate::load::report::Classification;

/// Publishability of each meeting, for the documents that inherit it.
pub fn meeting_publish(ctx: &Ctx, meeting: &str) -> Publish {
    ctx.reg
        .get(&Key::new(Kind::Meeting, meeting))
        .map_or(Publish::Public, |e| e.publish)
}

/// The published date of a meeting (its despatch date), if given.
pub fn meeting_published(ctx: &Ctx, meeting: &str) -> Option<Date> {
    ctx.loaded
        .meeting(meeting)
        .and_then(|d| d.front.published.as_ref().map(|p| p.value))
}

fn check_exempt_paragraph(p: u8, file: &str, at: Pos, diags: &mut Vec<Diagnostic>) {
    if !(1..=7).contains(&p) {
        diags.push(
            Diagnostic::at(file, at, format!("exempt paragraph {p} does not exist"))
                .with_help("Schedule 12A to the Local Government Act 1972 has paragraphs 1 to 7"),
        );
    }
}

fn check_folder_id(id: &str, file: &str, diags: &mut Vec<Diagnostic>) -> bool {
    match id_problem(id) {
        Some(p) => {
            diags.push(Diagnostic::error(file, 1, 1, p).with_help("rename the file or folder"));
            false
        }
        None => true,
    }
}

/// How the committee of `meeting` writes minute numbers, e.g. `CSC-{n}`.
pub fn minute_format(ctx: &Ctx, meeting: &str) -> String {
    ctx.loaded
        .meeting(meeting)
        .and_then(|m| ctx.loaded.committee(&m.front.committee.value))
        .and_then(|c| c.front.minute_number.clone())
        .unwrap_or_else(|| ctx.config.minute_number.clone())
}

/// A tracked resolution's title in words: "Resolution 44(b), Planning
/// committee, 3 November 2026" (the minute as the committee numbers it).
fn resolution_title(ctx: &Ctx, meeting: &str, minute: &str, letter: &str) -> String {
    let agenda = ctx.loaded.meeting(meeting);
    let committee = agenda
        .and_then(|m| ctx.loaded.committee(&m.front.committee.value))
        .map(|c| c.front.title.clone());
    let date = agenda.map(|m| m.front.date.value.long());
    let mut title = format!("Resolution {minute}({letter})");
    for part in [committee, date].into_iter().flatten() {
        title.push_str(", ");
        title.push_str(&part);
    }
    title
}

/// The kinds of entity a file of this sort defines.
pub fn kinds_defined_by(kind: &crate::load::classify::FileKind) -> Vec<Kind> {
    use crate::load::classify::FileKind as F;
    match kind {
        F::Committee { .. } => vec![Kind::Committee],
        F::People => vec![Kind::Person],
        F::Meeting { .. } => vec![Kind::Meeting, Kind::Item],
        F::Minutes { .. } => vec![Kind::Minutes, Kind::Minute, Kind::Rec],
        F::Questions { .. } => vec![Kind::Questions, Kind::Question],
        F::Report { .. } => vec![Kind::Report, Kind::Appendix, Kind::Dataset],
        F::Appendix { .. } => vec![Kind::Appendix],
        F::ReportDataset { .. } | F::AnnualDataset { .. } => vec![Kind::Dataset],
        F::Review { .. } => vec![Kind::Review, Kind::Rec],
        F::Recommendations { .. } => vec![Kind::Rec],
        F::PlanIndex { .. } | F::Plan { .. } => vec![Kind::Plan],
        F::AnnualReport { .. } => vec![Kind::AnnualReport, Kind::Dataset],
        F::WorkProgramme { .. } => vec![Kind::WorkProgramme],
        F::Page { .. } => vec![Kind::Page],
        F::Glossary | F::Updates { .. } | F::Attachment { .. } | F::Unknown => Vec::new(),
    }
}

pub fn register(ctx: &mut Ctx) {
    let as_of = ctx.config.as_of;
    let show = ctx.config.show_drafts;
    let loaded = ctx.loaded;

    for (id, doc) in &loaded.committees {
        if !check_folder_id(id, &doc.file, &mut ctx.diags) {
            continue;
        }
        let c = doc.front.common();
        let p = ctx.decide(&c);
        ctx.add_entity(
            Kind::Committee,
            id.clone(),
            doc.front.title.clone(),
            format!("committees/{id}/"),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
    }
    for people in &loaded.people {
        for person in &people.data {
            let p = &person.value;
            let at = pos(&p.id);
            let name = match (&p.name, &p.role_title) {
                (Some(n), _) => match &p.title {
                    Some(t) => format!("{t} {n}"),
                    None => n.clone(),
                },
                (None, Some(r)) => r.clone(),
                (None, None) => {
                    ctx.diags.push(
                        Diagnostic::at(
                            &people.file,
                            pos(person),
                            format!("person `{}` has neither `name` nor `role_title`", p.id.value),
                        )
                        .with_help("give a name, or for an officer listed by role, a role_title"),
                    );
                    p.id.value.to_string()
                }
            };
            let id = p.id.value.to_string();
            ctx.add_entity(
                Kind::Person,
                id.clone(),
                name,
                format!("people/{id}/"),
                Publish::Public,
                &people.file,
                at,
            );
        }
    }
    for (id, doc) in &loaded.meetings {
        if !check_folder_id(id, &doc.file, &mut ctx.diags) {
            continue;
        }
        let f = &doc.front;
        let c = f.common();
        let p = ctx.decide(&c);
        let committee_title = loaded
            .committee(&f.committee.value)
            .map_or_else(|| f.committee.value.clone(), |d| d.front.title.clone());
        let title = f
            .title
            .clone()
            .unwrap_or_else(|| format!("{committee_title}, {}", f.date.value.long()));
        let url = format!("meetings/{id}/");
        ctx.add_entity(
            Kind::Meeting,
            id.clone(),
            title.clone(),
            url.clone(),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
        for item in &f.items {
            let it = &item.value;
            let n = it.n.value.to_string();
            let mut ip = p;
            if let Some(e) = &it.exempt {
                check_exempt_paragraph(e.value, &doc.file, pos(e), &mut ctx.diags);
                ip = Publish::Exempt(e.value).within(p);
            }
            ctx.add_entity(
                Kind::Item,
                format!("{id}/item-{n}"),
                format!("Item {n}: {}", it.title),
                format!("{url}#item-{n}"),
                ip,
                &doc.file,
                pos(&it.n),
            );
        }
    }
    for (id, doc) in &loaded.minutes {
        let mp = meeting_publish(ctx, id);
        let f = &doc.front;
        let c = f.common();
        let mut p = ctx.decide(&c).within(mp);
        if f.status == MinutesStatus::Draft && p.is_public() {
            p = if ctx.config.draft_minutes {
                Publish::PublicDraft
            } else {
                Publish::Draft
            };
        }
        let title = f.title.clone().unwrap_or_else(|| {
            ctx.reg
                .get(&Key::new(Kind::Meeting, id.clone()))
                .map_or_else(|| format!("Minutes, {id}"), |m| format!("Minutes: {}", m.title))
        });
        let url = format!("meetings/{id}/minutes/");
        ctx.add_entity(
            Kind::Minutes,
            id.clone(),
            title,
            url.clone(),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
        let body = ctx.loaded.minutes_body(doc);
        let format = minute_format(ctx, id);
        let mut seen = std::collections::BTreeSet::new();
        for s in &body.sections {
            let t = format!("Minute {}: {}", format.replace("{n}", &s.number), s.title);
            ctx.add_entity(
                Kind::Minute,
                format!("{id}/{}", s.number),
                t,
                format!("{url}#minute-{}", s.number),
                p,
                &doc.file,
                s.pos,
            );
            // A repeated minute number is reported once, by the numbering check.
            if !seen.insert(s.number.clone()) {
                continue;
            }
            if let Some(list) = f.resolutions.get(&s.number) {
                for r in &list.value {
                    let r = &r.value;
                    let rid = format!("{id}/{}/{}", s.number, r.id.value);
                    if !r.track {
                        ctx.reg.untracked.insert(rid);
                    } else {
                        let title = r.title.clone().unwrap_or_else(|| {
                            resolution_title(ctx, id, &format.replace("{n}", &s.number), &r.id.value.to_string())
                        });
                        ctx.add_entity(
                            Kind::Rec,
                            rid.clone(),
                            title,
                            format!("recommendations/{rid}/"),
                            p,
                            &doc.file,
                            pos(&r.id),
                        );
                    }
                }
            }
        }
    }
    for (id, doc) in &loaded.questions {
        let p = meeting_publish(ctx, id);
        let url = format!("meetings/{id}/questions/");
        let meeting_title = ctx
            .reg
            .get(&Key::new(Kind::Meeting, id.clone()))
            .map_or_else(|| id.clone(), |m| m.title.to_string());
        ctx.add_entity(
            Kind::Questions,
            id.clone(),
            format!("Questions and answers: {meeting_title}"),
            url.clone(),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
        for q in &doc.data {
            let qid = q.value.id.value.to_string();
            ctx.add_entity(
                Kind::Question,
                format!("{id}/{qid}"),
                format!("Question {qid}"),
                format!("{url}#question-{qid}"),
                p,
                &doc.file,
                pos(&q.value.id),
            );
        }
    }
    let mut report_publish: BTreeMap<(String, String), Publish> = BTreeMap::new();
    // Appendix files by (meeting, report, file name): each has its own
    // `published` and `draft`, honoured like any document's.
    let appendix_files: BTreeMap<(&str, &str, &str), _> = loaded
        .appendices
        .iter()
        .map(|(m, r, f, d)| ((m.as_str(), r.as_str(), f.as_str()), d))
        .collect();
    for (meeting, slug, doc) in &loaded.reports {
        if !check_folder_id(slug, &doc.file, &mut ctx.diags) {
            continue;
        }
        let f = &doc.front;
        let c = f.common();
        let published = c.published.map(|p| p.value).or_else(|| meeting_published(ctx, meeting));
        let mut p = decide(published, c.draft, as_of, show).within(meeting_publish(ctx, meeting));
        // A report on an exempt agenda item is withheld, whatever its own classification says.
        let exempt_item = loaded.meeting(meeting).and_then(|m| {
            m.front.items.iter().find_map(|i| {
                let listed = i.value.reports.iter().any(|r| r.value.as_str() == slug);
                i.value
                    .exempt
                    .as_ref()
                    .filter(|_| listed)
                    .map(|e| (i.value.n.value.to_string(), e.value))
            })
        });
        if let Some((n, para)) = &exempt_item
            && f.classification.value != Classification::Exempt
        {
            ctx.diags.push(
                Diagnostic::warn_at(
                    &doc.file,
                    pos(&f.classification),
                    format!("this report is on exempt agenda item {n}, so it is withheld"),
                )
                .with_help(format!(
                    "mark it `classification: exempt` with `exempt_paragraph: {para}`, or take it off the exempt item"
                )),
            );
            p = Publish::Exempt(*para).within(p);
        }
        if let Some(ep) = &f.exempt_paragraph
            && f.classification.value == Classification::Open
            && exempt_item.is_none()
        {
            ctx.diags.push(
                Diagnostic::warn_at(
                    &doc.file,
                    pos(ep),
                    "`exempt_paragraph` is given, but this report is `classification: open` and is published",
                )
                .with_help("write `classification: exempt` to withhold it, or remove `exempt_paragraph`"),
            );
        }
        if f.classification.value == Classification::Exempt {
            match &f.exempt_paragraph {
                Some(ep) => {
                    check_exempt_paragraph(ep.value, &doc.file, pos(ep), &mut ctx.diags);
                    p = Publish::Exempt(ep.value).within(p);
                }
                None => {
                    ctx.diags.push(
                        Diagnostic::at(
                            &doc.file,
                            pos(&f.classification),
                            "an exempt report needs `exempt_paragraph`",
                        )
                        .with_help("add `exempt_paragraph: N` with the paragraph (1-7) of Schedule 12A that applies"),
                    );
                    p = Publish::Exempt(0).within(p);
                }
            }
        }
        report_publish.insert((meeting.clone(), slug.clone()), p);
        let url = format!("meetings/{meeting}/reports/{slug}/");
        ctx.add_entity(
            Kind::Report,
            format!("{meeting}/{slug}"),
            f.title.clone(),
            url.clone(),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
        for a in &f.appendices {
            let a = &a.value;
            let aid = a.id.value.to_string();
            let own = a
                .file
                .as_ref()
                .and_then(|f| appendix_files.get(&(meeting.as_str(), slug.as_str(), f.value.as_str())))
                .map_or(Publish::Public, |d| ctx.decide(&d.front.common()));
            let mut ap = own.stored_under(p);
            if let Some(ep) = &a.exempt_paragraph {
                check_exempt_paragraph(ep.value, &doc.file, pos(ep), &mut ctx.diags);
                ap = Publish::Exempt(ep.value).within(ap);
            }
            let title = format!("Appendix {aid}: {}", a.title);
            ctx.add_entity(
                Kind::Appendix,
                format!("{meeting}/{slug}/{aid}"),
                title,
                format!("{url}appendix-{aid}/"),
                ap,
                &doc.file,
                pos(&a.id),
            );
        }
    }
    for (id, doc) in &loaded.pages {
        if !check_folder_id(id, &doc.file, &mut ctx.diags) {
            continue;
        }
        let c = doc.front.common();
        let p = ctx.decide(&c);
        ctx.add_entity(
            Kind::Page,
            id.clone(),
            doc.front.title.clone(),
            format!("pages/{id}/"),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
    }
}
