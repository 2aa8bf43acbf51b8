//! Minutes: attendance resolved to people, minutes with their RESOLVED
//! blocks, approval links both ways, minute numbering per committee, and the
//! decisions register.

use std::collections::BTreeMap;

use super::Ctx;
use super::entities::{Key, Kind};
use super::model::*;
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::meeting::MinutesStatus;
use crate::load::primitives::pos;

/// Check that meeting `approver`'s agenda approving the minutes of `approved`
/// agrees with those minutes' `approved_at`.
pub fn check_approval_pair(ctx: &mut Ctx, approver: &str, approved: &str, file: &str, at: Pos) {
    let Some(minutes) = ctx.loaded.minutes_of(approved) else {
        return;
    };
    match &minutes.front.approved_at {
        Some(a) if a.value == approver => {}
        // An `approved_at` that names no meeting is reported at its own line.
        Some(a) if ctx.reg.get(&Key::new(Kind::Meeting, a.value.clone())).is_none() => {}
        Some(a) => ctx.diags.push(
            Diagnostic::at(
                file,
                at,
                format!(
                    "this item approves the minutes of {approved}, but those minutes say they were approved at {}",
                    a.value
                ),
            )
            .with_help(format!(
                "make `approved_at` in {} and this `minutes_of` agree",
                minutes.file
            )),
        ),
        None if minutes.front.status == MinutesStatus::Approved => {}
        None => {}
    }
}

pub fn build(ctx: &mut Ctx, meetings: &mut [Meeting]) -> (Vec<Minutes>, Vec<Decision>) {
    let loaded = ctx.loaded;
    // At their final size (see `meetings::build`).
    let mut out = Vec::with_capacity(loaded.minutes.len());
    let resolutions = loaded
        .minutes
        .iter()
        .flat_map(|(_, d)| &d.front.resolutions.0)
        .map(|(_, list)| list.value.len())
        .sum();
    let mut decisions = Vec::with_capacity(resolutions);
    // Cloned once: resolving attendance needs `ctx` mutably.
    let attendance_words = ctx.config.vocabularies.attendance.clone();
    // Each minutes' meeting, by id: found once, not by a scan per minutes.
    let meeting_at = super::meetings::positions(meetings);
    for (id, doc) in &loaded.minutes {
        let key = Key::new(Kind::Minutes, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let f = &doc.front;
        let file = doc.file.as_str();
        let Some(&meeting) = meeting_at.get(id.as_str()) else {
            if !loaded.failed_file(&format!("content/meetings/{id}/index.md")) {
                ctx.diags.push(
                    Diagnostic::error(file, 1, 1, format!("these minutes' meeting `{id}` has no index.md"))
                        .with_help("minutes.md lives beside the meeting's index.md"),
                );
            }
            continue;
        };
        let approved_at = match (&f.status, &f.approved_at) {
            (MinutesStatus::Approved, None) => {
                ctx.diags.push(
                    Diagnostic::error(file, 2, 1, "approved minutes need `approved_at`")
                        .with_help("add `approved_at: <meeting id>`, the meeting that approved and signed them"),
                );
                None
            }
            (_, Some(a)) if a.value == *id => {
                ctx.diags.push(
                    Diagnostic::at(file, pos(a), "minutes cannot be approved at the meeting they record")
                        .with_help("`approved_at` names the later meeting that approved and signed these minutes"),
                );
                None
            }
            (_, Some(a)) => {
                let k = ctx.refer(&key, &a.value, Some(Kind::Meeting), file, pos(a));
                if let Some(k) = &k {
                    let approver_agrees = loaded.meeting(&k.id).is_some_and(|d| {
                        d.front
                            .items
                            .iter()
                            .any(|i| i.value.minutes_of.as_ref().is_some_and(|o| o.value == *id))
                    });
                    if !approver_agrees {
                        ctx.diags.push(
                            Diagnostic::warn_at(file, pos(a), format!("the agenda of {} has no item with `minutes_of: {id}`", k.id))
                                .with_help("add `minutes_of` to the agenda item that approved these minutes, so they link both ways"),
                        );
                    }
                }
                k.map(|k| ctx.link(&k))
            }
            _ => None,
        };
        let attendance = super::attendance::blocks(ctx, &attendance_words, &key, file, &f.attendance);
        let body = ctx.loaded.minutes_body(doc);
        let committee_id = meetings[meeting].committee_id.clone();
        let format = super::register::minute_format(ctx, id);
        let mut list = Vec::new();
        for s in &body.sections {
            let minute_key = Key::new(Kind::Minute, format!("{id}/{}", s.number));
            let item = s.item.as_ref().and_then(|n| {
                let k = ctx.refer(&minute_key, &format!("{id}/item-{n}"), Some(Kind::Item), file, s.pos)?;
                Some(ctx.link(&k))
            });
            if let Some(n) = &s.item
                && let Some(it) = meetings[meeting].items.iter_mut().find(|i| i.n == *n)
            {
                it.minute = entity.publish.is_public().then(|| ctx.reg.link(&minute_key, None));
            }
            let md = Markdown::new(&s.body, file, s.body_line, &doc.path);
            ctx.add_found(&key, &md, &s.found);
            let label = format.replace("{n}", &s.number);
            let mut resolutions = Vec::new();
            for r in f
                .resolutions
                .get(&s.number)
                .map(|l| l.value.as_slice())
                .unwrap_or_default()
            {
                let r = &r.value;
                let rid = r.id.value.to_string();
                if !r.track {
                    untracked_fields(ctx, file, r);
                }
                let tracked = r.track.then(|| {
                    ctx.reg.link(
                        &Key::new(Kind::Rec, format!("{id}/{}/{rid}", s.number)),
                        Some("Follow this recommendation"),
                    )
                });
                let text = Markdown::new(&r.text, file, pos(&r.id).line, &doc.path);
                ctx.scan_markdown(&key, &text);
                decisions.push(Decision {
                    id: format!("{id}/{}/{rid}", s.number),
                    committee_id: committee_id.clone(),
                    committee: meetings[meeting].committee.clone(),
                    meeting: ctx.link(&Key::new(Kind::Meeting, id.clone())),
                    date: meetings[meeting].date,
                    date_value: meetings[meeting].date_value,
                    minute: ctx.reg.link(&minute_key, Some(&format!("Minute {label}"))),
                    minute_label: label.clone(),
                    resolution_id: rid.clone(),
                    text: text.clone(),
                    tracked: tracked.clone(),
                    draft: f.status == MinutesStatus::Draft,
                });
                resolutions.push(ResolutionView {
                    id: rid,
                    text,
                    tracked,
                    owner: r.owner.clone(),
                    due: r.due.as_ref().map(|d| d.value.into()),
                    due_text: r.due_text.clone(),
                });
            }
            // Held until the site is written: without the slack a growing
            // list leaves (a list of one keeps room for four).
            resolutions.shrink_to_fit();
            list.push(Minute {
                anchor: format!("minute-{}", s.number),
                title: s.title.clone(),
                item,
                resolutions,
                body: md,
                number: s.number.clone(),
                label,
            });
        }
        for (number, rs) in f.resolutions.iter() {
            if !body.sections.iter().any(|s| s.number == *number) {
                ctx.diags.push(
                    Diagnostic::at(
                        file,
                        pos(rs),
                        format!(
                            "resolutions are given for minute {number}, but there is no minute {number} in the text"
                        ),
                    )
                    .with_help(format!(
                        "add a heading `## {number}. Title {{#{number}}}` to the minutes, or correct the number"
                    )),
                );
            }
        }
        let preamble = Markdown::new(&body.preamble, file, doc.body_line, &doc.path);
        ctx.add_found(&key, &preamble, &body.preamble_found);
        let status = match f.status {
            MinutesStatus::Draft => "draft",
            MinutesStatus::Approved => "approved",
        };
        meetings[meeting].minutes_status = Some(status.into());
        list.shrink_to_fit();
        out.push(Minutes {
            meeting_id: id.clone(),
            meeting: ctx.link(&Key::new(Kind::Meeting, id.clone())),
            committee: meetings[meeting].committee.clone(),
            title: entity.title.to_string(),
            heading: f
                .title
                .clone()
                .unwrap_or_else(|| format!("Minutes: {}", meetings[meeting].date.weekday())),
            date: meetings[meeting].date,
            url: entity.url.to_string(),
            publish: entity.publish,
            status: status.into(),
            approved_at,
            attendance,
            started: f.started.as_ref().map(|t| t.display()),
            ended: f.ended.as_ref().map(|t| t.display()),
            preamble,
            minutes: list,
            file: file.to_string(),
            key,
        });
    }
    check_numbering(ctx, meetings);
    decisions.sort_by(|a, b| (b.date_value, &b.meeting.text, &a.id).cmp(&(a.date_value, &a.meeting.text, &b.id)));
    out.shrink_to_fit();
    decisions.shrink_to_fit();
    (out, decisions)
}

/// A resolution without `track: true` is not a recommendation: the fields
/// only a tracked one uses would be ignored, so each is a warning at its line.
fn untracked_fields(ctx: &mut Ctx, file: &str, r: &crate::load::meeting::Resolution) {
    let given = [
        ("title", r.title.is_some()),
        ("to", r.to.is_some()),
        ("to_name", r.to_name.is_some()),
        ("response", r.response.is_some()),
        ("actions", !r.actions.is_empty()),
        ("updates", !r.updates.is_empty()),
        ("related", !r.related.is_empty()),
    ];
    let names: Vec<&str> = given.iter().filter(|(_, g)| *g).map(|(n, _)| *n).collect();
    if names.is_empty() {
        return;
    }
    let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    ctx.diags.push(
        Diagnostic::warn_at(
            file,
            pos(&r.id),
            format!(
                "resolution {} gives {list}, which only a tracked resolution uses",
                r.id.value
            ),
        )
        .with_help("add `track: true` to follow it as a recommendation, or remove those fields"),
    );
}

/// Minute numbers rise within a meeting and continue across a committee's
/// meetings in a municipal year: a drop, a gap or a repeat is a warning.
fn check_numbering(ctx: &mut Ctx, meetings: &[Meeting]) {
    let mut by_committee: BTreeMap<(&str, String), Vec<&Meeting>> = BTreeMap::new();
    for m in meetings {
        by_committee
            .entry((&m.committee_id, m.municipal_year.clone()))
            .or_default()
            .push(m);
    }
    for list in by_committee.values() {
        let mut last: Option<(u32, &str)> = None;
        let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
        for m in list {
            let Some(doc) = ctx.loaded.minutes_of(&m.id) else {
                continue;
            };
            let body = ctx.loaded.minutes_body(doc);
            let mut in_meeting: BTreeMap<u32, Pos> = BTreeMap::new();
            for s in &body.sections {
                let Ok(n) = s.number.parse::<u32>() else { continue };
                if let Some(first) = in_meeting.get(&n) {
                    ctx.diags.push(
                        Diagnostic::at(
                            &doc.file,
                            s.pos,
                            format!("minute number {n} is used twice in this meeting"),
                        )
                        .with_help(format!(
                            "the first is at line {}; two minutes would share one id",
                            first.line
                        )),
                    );
                    continue;
                }
                in_meeting.insert(n, s.pos);
                if let Some(prev) = seen.get(&n) {
                    ctx.diags.push(
                        Diagnostic::warn_at(
                            &doc.file,
                            s.pos,
                            format!("minute number {n} was already used at {prev}"),
                        )
                        .with_help("minute numbers continue across the committee's meetings in a municipal year"),
                    );
                } else if let Some((l, lm)) = last {
                    if n < l {
                        ctx.diags.push(
                            Diagnostic::warn_at(
                                &doc.file,
                                s.pos,
                                format!("minute number {n} is lower than the one before it ({l}, at {lm})"),
                            )
                            .with_help("minute numbers should rise"),
                        );
                    } else if n > l + 1 {
                        ctx.diags.push(
                            Diagnostic::warn_at(&doc.file, s.pos, format!("minute numbers jump from {l} to {n}"))
                                .with_help(format!(
                                    "minute {} is missing; renumber, or check for a lost minute",
                                    l + 1
                                )),
                        );
                    }
                }
                seen.insert(n, m.id.as_str());
                last = Some((n, m.id.as_str()));
            }
        }
    }
}
