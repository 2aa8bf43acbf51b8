//! Second pass for meetings: agendas, reports, appendices and question
//! schedules, with every reference resolved into a link and checked.

use super::Ctx;
use super::entities::{Key, Kind, Link};
use super::minutes;
use super::model::*;
use super::publish::Publish;
use crate::diagnostics::Diagnostic;
use crate::load::meeting::{MeetingFile, MeetingStatus};
use crate::load::primitives::pos;
use crate::load::report::ReportFile;
use crate::load::report::{Classification, DecisionType, QuestionKind};
use crate::load::{Attachment, Doc};

/// A site's meetings and their papers.
#[derive(Debug)]
pub struct Papers {
    /// Oldest first.
    pub meetings: Vec<Meeting>,
    pub minutes: Vec<Minutes>,
    pub reports: Vec<Report>,
    pub appendices: Vec<Appendix>,
    pub questions: Vec<QuestionSchedule>,
    /// Newest first.
    pub decisions: Vec<Decision>,
}

fn status_label(s: MeetingStatus) -> (&'static str, &'static str) {
    match s {
        MeetingStatus::Scheduled => ("scheduled", "Scheduled"),
        MeetingStatus::Held => ("held", "Held"),
        MeetingStatus::Cancelled => ("cancelled", "Cancelled"),
        MeetingStatus::Postponed => ("postponed", "Postponed"),
    }
}

/// A loaded report: (meeting, slug, document).
pub type LoadedReport = (String, String, Doc<ReportFile>);

/// The second pass over meetings and their papers. `reports` are the loaded
/// reports, taken out of the loaded site: each is let go of as soon as its
/// view is made (at archive scale they are a large part of what is loaded).
/// `appendices` are made first ([`appendices`]), while the loaded site
/// still holds the reports that list them.
pub fn build(ctx: &mut Ctx, reports: Vec<LoadedReport>, appendices: Vec<Appendix>) -> Papers {
    let loaded = ctx.loaded;
    // Lists made at their final size: at archive scale a list grown by
    // doubling is copied into one twice its size, and holds up to half again.
    let mut meetings = Vec::with_capacity(loaded.meetings.len());
    // (committee, date) → meeting id, so "Next meeting" can link the meeting.
    let by_date: std::collections::HashMap<(&str, crate::load::primitives::Date), &str> = loaded
        .meetings
        .iter()
        .map(|(id, d)| ((d.front.committee.value.as_str(), d.front.date.value), id.as_str()))
        .collect();
    let with_questions: std::collections::HashSet<&str> = loaded.questions.iter().map(|(m, _)| m.as_str()).collect();
    for (id, doc) in &loaded.meetings {
        let key = Key::new(Kind::Meeting, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let f = &doc.front;
        let file = doc.file.as_str();
        ctx.refer(&key, &f.committee.value, Some(Kind::Committee), file, pos(&f.committee));
        let committee_key = Key::new(Kind::Committee, f.committee.value.clone());
        let date = f.date.value;
        // A moved meeting keeps its folder (and so its address and ids): the
        // folder then carries the date it was first called for.
        let folder_date = f.rescheduled_from.as_ref().map_or(date, |r| r.value);
        if let Some(r) = &f.rescheduled_from
            && r.value == date
        {
            ctx.diags.push(
                Diagnostic::warn_at(file, pos(r), "rescheduled_from is the same as the meeting's date")
                    .with_help("rescheduled_from is the date the meeting was first called for; remove it if the meeting did not move"),
            );
        }
        if !id.starts_with(&folder_date.iso()) {
            ctx.diags.push(
                Diagnostic::warn_at(
                    file,
                    pos(&f.date),
                    format!("the meeting's date {folder_date} does not match its folder name `{id}`"),
                )
                .with_help(if f.rescheduled_from.is_some() {
                    "rescheduled_from is the date in the folder name: the date the meeting was first called for"
                        .to_string()
                } else {
                    let first = id.get(..10).unwrap_or(id);
                    format!(
                        "correct `date:` if it is wrong; if the meeting has moved from {first}, keep the folder and add `rescheduled_from: {first}`"
                    )
                }),
            );
        }
        // An unknown committee is reported by the reference above; the folder
        // is not to be renamed after a misspelling.
        if !id.ends_with(&format!("-{}", f.committee.value)) && ctx.reg.get(&committee_key).is_some() {
            ctx.diags.push(
                Diagnostic::warn_at(
                    file,
                    pos(&f.committee),
                    format!(
                        "the meeting's committee `{}` does not match its folder name `{id}`",
                        f.committee.value
                    ),
                )
                .with_help(format!(
                    "correct `committee:` if it is wrong; a meeting of {} lives in a folder named {date}-{}",
                    f.committee.value, f.committee.value
                )),
            );
        }
        let mut items = Vec::new();
        for item in &f.items {
            let it = &item.value;
            let n = it.n.value.to_string();
            let item_key = Key::new(Kind::Item, format!("{id}/item-{n}"));
            let mut reports = Vec::new();
            for r in &it.reports {
                let rid = format!("{id}/{}", r.value);
                if let Some(k) = ctx.refer(&item_key, &rid, Some(Kind::Report), file, pos(r))
                    && ctx.reg.get(&k).is_some_and(|e| e.publish.is_listed())
                {
                    reports.push(ctx.link(&k));
                }
            }
            let minutes_of = it.minutes_of.as_ref().and_then(|m| {
                let k = ctx.refer(&key, &m.value, Some(Kind::Meeting), file, pos(m))?;
                minutes::check_approval_pair(ctx, id, &k.id, file, pos(m));
                Some(ctx.reg.link(&Key::new(Kind::Minutes, k.id.clone()), None))
            });
            let exempt = it.exempt.as_ref().map(|e| e.value);
            reports.shrink_to_fit();
            let to_follow = it.supplement && reports.len() < it.reports.len().max(1);
            items.push(AgendaItem {
                anchor: format!("item-{n}"),
                title: it.title.clone(),
                purpose: if exempt.is_some() { None } else { it.purpose.clone() },
                pages: it.pages.clone(),
                exempt,
                to_follow,
                supplement: it.supplement,
                reports: if exempt.is_some() { Vec::new() } else { reports },
                minutes_of,
                minute: None,
                updates: Vec::new(),
                n,
            });
        }
        items.shrink_to_fit();
        let (status, label) = status_label(f.status);
        let c = f.common();
        let minutes_key = Key::new(Kind::Minutes, id.clone());
        let has_minutes = ctx.reg.get(&minutes_key).is_some_and(|e| e.publish.is_public());
        let has_questions = with_questions.contains(id.as_str());
        meetings.push(Meeting {
            committee_id: f.committee.value.clone(),
            committee: ctx.link(&committee_key),
            title: entity.title.to_string(),
            date: date.into(),
            date_value: date,
            municipal_year: date.municipal_year(),
            // Set by `describe_meeting`, below.
            time: None,
            time_value: None,
            time_note: None,
            venue: None,
            webcast: None,
            status: status.into(),
            status_label: label.into(),
            published: c.published.map(|p| p.value.into()),
            publish: entity.publish,
            url: entity.url.to_string(),
            contact: None,
            items,
            minutes: has_minutes.then(|| ctx.reg.link(&Key::new(Kind::Minutes, id.clone()), Some("Minutes"))),
            minutes_status: None,
            questions: has_questions.then(|| {
                ctx.reg
                    .link(&Key::new(Kind::Questions, id.clone()), Some("Questions and answers"))
            }),
            next_meeting: f.next_meeting.map(Into::into),
            next_meeting_link: f
                .next_meeting
                .and_then(|d| by_date.get(&(f.committee.value.as_str(), d)))
                .map(|m| ctx.link(&Key::new(Kind::Meeting, *m)))
                .filter(|l| l.url.is_some()),
            rescheduled_from: f.rescheduled_from.as_ref().map(|r| r.value.into()),
            sequence: f.sequence.unwrap_or(0)
                + u32::from(f.rescheduled_from.is_some())
                + u32::from(matches!(f.status, MeetingStatus::Cancelled | MeetingStatus::Postponed)),
            notes: Markdown::new(&doc.body, file, doc.body_line, &doc.path),
            file: file.to_string(),
            key: key.clone(),
            id: id.clone(),
        });
        if let Some(m) = meetings.last_mut() {
            describe_meeting(m, f);
        }
        let notes = meetings.last().map(|m: &Meeting| m.notes.clone()).unwrap_or_default();
        ctx.add_found(&key, &notes, &doc.found);
    }
    meetings.sort_by(|a, b| (a.date_value, &a.id).cmp(&(b.date_value, &b.id)));

    let (minutes, decisions) = minutes::build(ctx, &mut meetings);
    let reports = self::reports(ctx, &meetings, reports);
    let questions = questions(ctx);
    Papers {
        meetings,
        minutes,
        reports,
        appendices,
        questions,
        decisions,
    }
}

/// Each meeting's position in `meetings`, by id, found once so that no
/// lookup scans every meeting. The ids are owned: `meetings` may be changed
/// through the positions.
pub fn positions(meetings: &[Meeting]) -> std::collections::HashMap<String, usize> {
    meetings.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect()
}

fn meeting_link(ctx: &Ctx, id: &str) -> Link {
    ctx.link(&Key::new(Kind::Meeting, id))
}

fn committee_of(ctx: &Ctx, meeting: &str) -> Link {
    ctx.loaded.meeting(meeting).map_or_else(
        || Link::plain(""),
        |d| ctx.link(&Key::new(Kind::Committee, d.front.committee.value.clone())),
    )
}

fn reports(ctx: &mut Ctx, meetings: &[Meeting], reports: Vec<LoadedReport>) -> Vec<Report> {
    let loaded = ctx.loaded;
    let mut out = Vec::with_capacity(reports.len());
    let by_id: std::collections::HashMap<&str, &Meeting> = meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    for (meeting, slug, doc) in reports {
        let (meeting, slug, doc) = (&meeting, &slug, &doc);
        let id = format!("{meeting}/{slug}");
        let key = Key::new(Kind::Report, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let f = &doc.front;
        let file = doc.file.as_str();
        let index = format!("content/meetings/{meeting}/index.md");
        if !ctx.reg.entities.contains_key(&Key::new(Kind::Meeting, meeting.clone())) && !loaded.failed_file(&index) {
            ctx.diags.push(
                Diagnostic::error(file, 1, 1, format!("this report's meeting `{meeting}` has no index.md"))
                    .with_help("a report lives in the folder of the meeting whose agenda lists it"),
            );
        }
        let item = by_id
            .get(meeting.as_str())
            .and_then(|m| {
                m.items.iter().find(|i| {
                    i.reports
                        .iter()
                        .any(|l| l.url.as_deref() == Some(&entity.url) || l.text == entity.title)
                })
            })
            .map(|i| ctx.link(&Key::new(Kind::Item, format!("{meeting}/{}", i.anchor))));
        let listed = loaded.meeting(meeting).is_some_and(|d| {
            d.front
                .items
                .iter()
                .any(|i| i.value.reports.iter().any(|r| r.value.as_str() == slug))
        });
        // An agenda that failed to load lists nothing: that error is enough.
        if !listed && !loaded.failed_file(&index) {
            ctx.diags.push(
                Diagnostic::warning(file, 1, 1, "this report is not on its meeting's agenda").with_help(format!(
                    "add `reports: [{slug}]` to an agenda item in meetings/{meeting}/index.md"
                )),
            );
        }
        let exempt = matches!(entity.publish, Publish::Exempt(_));
        let body = Markdown::new(&doc.body, file, doc.body_line, &doc.path);
        // Withheld reports are checked too; their references never show, as
        // "Referred to in" lists only public sources.
        ctx.add_found(&key, &body, &doc.found);
        let appendices = appendix_entries(ctx, meeting, slug, doc, &key);
        let c = f.common();
        let mut view = Report {
            slug: slug.clone(),
            meeting_id: meeting.clone(),
            meeting: meeting_link(ctx, meeting),
            committee: committee_of(ctx, meeting),
            item,
            title: f.title.clone(),
            url: entity.url.to_string(),
            publish: entity.publish,
            // Set by `describe`, below.
            report_by: None,
            author: None,
            classification: if exempt { "Exempt".into() } else { "Open".into() },
            exempt_paragraph: f.exempt_paragraph.as_ref().map(|p| p.value),
            decision_type: None,
            wards: Vec::new(),
            purpose: None,
            recommendations: Vec::new(),
            appendices,
            background_papers: None,
            published: c.published.map(|p| p.value.into()),
            body,
            file: file.to_string(),
            key,
            id,
        };
        describe(&mut view, f, &doc.path);
        out.push(view);
    }
    out.shrink_to_fit();
    out
}

/// The facts of a meeting's front matter that only the pages showing the
/// meeting itself show (its page, its pack, and the lists of meetings with
/// their details: the home page, the meetings list, committee pages) and the
/// outputs that gather the whole site: its time, the note on it, venue,
/// webcast and contact. Set as meetings are built, and again when only
/// these change (`serve`'s quick rebuilds).
pub fn describe_meeting(view: &mut Meeting, f: &MeetingFile) {
    view.time = f.time.as_ref().map(|t| t.display());
    view.time_value = f.time.as_ref().map(|t| t.0.clone());
    view.time_note.clone_from(&f.time_note);
    view.venue.clone_from(&f.venue);
    view.webcast.clone_from(&f.webcast);
    view.contact.clone_from(&f.contact);
}

/// The facts of a report's front matter that only its own page, its agenda
/// pack and the outputs that gather the whole site show: who reports, the
/// author, the decision type, wards, purpose, the recommendations' text and
/// the background papers. Set as reports are built, and again when only
/// these change (`serve`'s quick rebuilds); `path` is the report's content
/// path.
pub fn describe(view: &mut Report, f: &ReportFile, path: &str) {
    view.report_by.clone_from(&f.report_by);
    view.author.clone_from(&f.author);
    view.decision_type = f.decision_type.map(|d| match d {
        DecisionType::Key => "Key decision".into(),
        DecisionType::NonKey => "Non-key decision".into(),
        DecisionType::NotExecutive => "Not an executive decision".into(),
    });
    view.wards = f.wards.as_ref().map(|w| w.to_vec()).unwrap_or_default();
    view.purpose.clone_from(&f.purpose);
    view.recommendations = f
        .recommendations
        .iter()
        .map(|r| (r.id.to_string(), Markdown::new(&r.text, &view.file, 0, path)))
        .collect();
    view.background_papers.clone_from(&f.background_papers);
}

/// Is `path` a plain relative path that stays inside its folder?
pub fn safe_relative(path: &str) -> Result<(), String> {
    if path.starts_with('/') || path.starts_with('\\') || path.contains(":\\") || path.contains("://") {
        return Err(format!("`{path}` is an absolute path"));
    }
    if path.split(['/', '\\']).any(|p| p == "..") {
        return Err(format!("`{path}` climbs out of its folder with `..`"));
    }
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    Ok(())
}

fn appendix_entries(
    ctx: &mut Ctx,
    meeting: &str,
    slug: &str,
    doc: &crate::load::Doc<crate::load::report::ReportFile>,
    report_key: &Key,
) -> Vec<AppendixEntry> {
    let mut out = Vec::new();
    for a in &doc.front.appendices {
        let at = pos(a);
        let a = &a.value;
        let aid = a.id.value.to_string();
        let key = Key::new(Kind::Appendix, format!("{meeting}/{slug}/{aid}"));
        let exempt = a.exempt_paragraph.as_ref().map(|p| p.value);
        if a.file.is_none() && a.url.is_none() && exempt.is_none() {
            ctx.diags.push(
                Diagnostic::at(
                    &doc.file,
                    at,
                    format!("appendix {aid} has no `file`, `url` or `exempt_paragraph`"),
                )
                .with_help(
                    "say where the appendix is: `file: appendix-1.md`, `url: https://…`, or `exempt_paragraph: N`",
                ),
            );
        }
        if let Some(url) = &a.url
            && (a.file.is_some() || exempt.is_some())
        {
            let (other, help) = match &a.file {
                Some(_) => (
                    "`file`",
                    "keep `file:` for a file in the report's folder, or `url:` for a document published elsewhere, not both",
                ),
                None => (
                    "`exempt_paragraph`",
                    "an exempt appendix is never published, so it has no address: remove `url:` (it may name its `file:`)",
                ),
            };
            ctx.diags.push(
                Diagnostic::at(
                    &doc.file,
                    pos(url),
                    format!("appendix {aid} has both `url` and {other}"),
                )
                .with_help(help),
            );
        }
        let mut link = None;
        let mut external = false;
        if let Some(file) = &a.file {
            match safe_relative(&file.value) {
                Err(msg) => ctx.diags.push(
                    Diagnostic::at(&doc.file, pos(file), format!("appendix file {msg}")).with_help(format!(
                        "put the file in content/meetings/{meeting}/reports/{slug}/ and name it relative to that folder"
                    )),
                ),
                Ok(()) => {
                    let is_md = file.value.ends_with(".md");
                    let path = format!("content/meetings/{meeting}/reports/{slug}/{}", file.value);
                    let exists = ctx.loaded.has_report_file(&path);
                    if !exists && !ctx.loaded.failed_file(&path) {
                        ctx.diags.push(
                            Diagnostic::at(
                                &doc.file,
                                pos(file),
                                format!("appendix file `{}` does not exist", file.value),
                            )
                            .with_help(format!(
                                "expected it at content/meetings/{meeting}/reports/{slug}/{}",
                                file.value
                            )),
                        );
                    } else if exempt.is_none() {
                        let entity = ctx.reg.get(&key).cloned();
                        link = if is_md {
                            entity.filter(|e| e.publish.is_public()).map(|e| e.url.to_string())
                        } else {
                            ctx.reg
                                .get(report_key)
                                .filter(|e| e.publish.is_public())
                                .map(|e| format!("{}{}", e.url, file.value))
                        };
                    }
                }
            }
        } else if let Some(url) = &a.url
            && exempt.is_none()
        {
            link = Some(url.value.as_str().into());
            external = true;
        }
        let state = ctx.reg.get(&key).map(|e| e.publish);
        let to_be_published = match state {
            Some(Publish::Embargoed(d)) => Some(DateView::from(d)),
            _ => None,
        };
        let not_yet_published = matches!(state, Some(Publish::Draft | Publish::Embargoed(_) | Publish::Withheld));
        out.push(AppendixEntry {
            id: aid,
            title: if not_yet_published {
                String::new()
            } else {
                a.title.clone()
            },
            link: link.filter(|_| !not_yet_published).map(|l| l.to_string()),
            external,
            exempt,
            to_be_published,
            not_yet_published,
        });
    }
    out
}

pub fn appendices(ctx: &mut Ctx) -> Vec<Appendix> {
    let loaded = ctx.loaded;
    let mut out = Vec::with_capacity(loaded.appendices.len());
    for (meeting, slug, name, doc) in &loaded.appendices {
        let entry = loaded.report(meeting, slug).and_then(|r| {
            r.front
                .appendices
                .iter()
                .find(|a| a.value.file.as_ref().is_some_and(|f| f.value == *name))
        });
        let Some(entry) = entry else {
            // A report that failed to load lists nothing: that error is enough.
            if loaded.failed_file(&format!("content/meetings/{meeting}/reports/{slug}.md")) {
                continue;
            }
            ctx.diags.push(
                Diagnostic::warning(
                    &doc.file,
                    1,
                    1,
                    "this appendix is not listed in its report's `appendices`, so it is not published",
                )
                .with_help(format!(
                    "add `- {{ id: \"N\", title: …, file: {name} }}` to the report's appendices"
                )),
            );
            continue;
        };
        let aid = entry.value.id.value.to_string();
        let key = Key::new(Kind::Appendix, format!("{meeting}/{slug}/{aid}"));
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let body = Markdown::new(&doc.body, &doc.file, doc.body_line, &doc.path);
        if entity.publish.is_public() {
            ctx.add_found(&key, &body, &doc.found);
        }
        out.push(Appendix {
            id: aid,
            report: ctx.link(&Key::new(Kind::Report, format!("{meeting}/{slug}"))),
            meeting: meeting_link(ctx, meeting),
            committee: committee_of(ctx, meeting),
            title: doc.front.title.clone(),
            url: entity.url.to_string(),
            publish: entity.publish,
            body,
            file: doc.file.clone(),
            key,
        });
    }
    out
}

fn questions(ctx: &mut Ctx) -> Vec<QuestionSchedule> {
    let loaded = ctx.loaded;
    let mut out = Vec::with_capacity(loaded.questions.len());
    for (meeting, doc) in &loaded.questions {
        let key = Key::new(Kind::Questions, meeting.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let (mut public, mut member) = (Vec::new(), Vec::new());
        for q in &doc.data {
            let q = &q.value;
            let qid = q.id.value.to_string();
            let qkey = Key::new(Kind::Question, format!("{meeting}/{qid}"));
            let questioner = q.questioner.as_ref().map(|who| match q.kind {
                QuestionKind::Member => ctx
                    .refer(&qkey, &who.value, Some(Kind::Person), &doc.file, pos(who))
                    .map_or_else(|| Link::plain(who.value.as_str()), |k| ctx.link(&k)),
                QuestionKind::Public => Link::plain(who.value.as_str()),
            });
            let line = pos(&q.id).line;
            let md = |t: &str| Markdown::new(t, &doc.file, line, &doc.path);
            let by_name = |ctx: &Ctx, by: &Option<String>| {
                by.as_ref()
                    .map(|b| match ctx.reg.get(&Key::new(Kind::Person, b.clone())) {
                        Some(p) => p.title.to_string(),
                        None => b.clone(),
                    })
            };
            let view = QuestionView {
                anchor: format!("question-{qid}"),
                questioner,
                locality: q.locality.clone(),
                to: q.to.clone(),
                question: md(&q.question),
                response: q.response.as_deref().map(md),
                supplementary: q.supplementary.as_ref().map(|s| SupplementaryView {
                    disallowed: s.disallowed.clone(),
                    question: s.question.as_deref().map(md),
                    responses: s
                        .response
                        .iter()
                        .map(|r| (None, md(r)))
                        .chain(s.responses.iter().map(|r| (by_name(ctx, &r.by), md(&r.text))))
                        .collect(),
                }),
                id: qid,
            };
            let texts: Vec<Markdown> = std::iter::once(&view.question)
                .chain(view.response.iter())
                .chain(
                    view.supplementary
                        .iter()
                        .flat_map(|s| s.question.iter().chain(s.responses.iter().map(|(_, t)| t))),
                )
                .cloned()
                .collect();
            for t in &texts {
                ctx.scan_markdown(&qkey, t);
            }
            match q.kind {
                QuestionKind::Public => public.push(view),
                QuestionKind::Member => member.push(view),
            }
        }
        out.push(QuestionSchedule {
            meeting_id: meeting.clone(),
            meeting: meeting_link(ctx, meeting),
            committee: committee_of(ctx, meeting),
            title: entity.title.to_string(),
            url: entity.url.to_string(),
            publish: entity.publish,
            public,
            member,
            file: doc.file.clone(),
            key,
        });
    }
    out
}

/// Attachments that may be copied: their meeting is public, and a file beside
/// a report belongs to a public report and is not an exempt appendix's file.
pub fn publishable_attachments(site: &super::Site) -> Vec<&Attachment> {
    site.attachments
        .iter()
        .filter(|a| {
            let meeting_key = Key::new(Kind::Meeting, a.meeting.clone());
            if !site.registry.get(&meeting_key).is_some_and(|e| e.publish.is_public()) {
                return false;
            }
            match a.rel.strip_prefix("reports/").and_then(|r| r.split_once('/')) {
                None => true,
                Some((slug, name)) => {
                    let report_key = Key::new(Kind::Report, format!("{}/{slug}", a.meeting));
                    site.registry.get(&report_key).is_some_and(|e| e.publish.is_public())
                        && !site
                            .exempt_files
                            .iter()
                            .any(|(m, s, f)| *m == a.meeting && s == slug && f == name)
                }
            }
        })
        .collect()
}

/// Files named by exempt appendices: (meeting, report slug, file name).
pub fn exempt_files(ctx: &Ctx) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (meeting, slug, doc) in &ctx.loaded.reports {
        let report_exempt = doc.front.classification.value == Classification::Exempt;
        for a in &doc.front.appendices {
            if let Some(f) = &a.value.file
                && (report_exempt || a.value.exempt_paragraph.is_some())
            {
                out.push((meeting.clone(), slug.clone(), f.value.clone()));
            }
        }
    }
    out
}
