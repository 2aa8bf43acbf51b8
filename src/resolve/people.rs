//! Committees, people and their attendance; free pages.

use std::collections::BTreeMap;

use super::config::Terms;
use super::entities::{Key, Kind, Link};
use super::model::*;
use super::vocabulary::Meaning;
use super::{Ctx, Site};
use crate::diagnostics::Diagnostic;
use crate::load::committee::CommitteeType;
use crate::load::primitives::pos;

/// What the committee is, in the council's words: a cabinet is called by
/// the `executive` word (Cabinet, Executive).
fn type_label(t: CommitteeType, terms: &Terms) -> String {
    match t {
        CommitteeType::Scrutiny => "Scrutiny committee".into(),
        CommitteeType::Select => "Select committee".into(),
        CommitteeType::Cabinet => terms.executive.clone(),
        CommitteeType::Council => "Council".into(),
        CommitteeType::Board => "Board".into(),
        CommitteeType::Regulatory => "Regulatory committee".into(),
        CommitteeType::Other => "Committee".into(),
    }
}

/// The membership roles with a word of their own.
const ROLES: [&str; 6] = [
    "chair",
    "vice-chair",
    "executive-member",
    "member",
    "co-optee",
    "substitute",
];

/// The words for a membership role, in the committee's terminology.
fn role_word(role: Option<&str>, terms: &Terms) -> String {
    match role.unwrap_or("member") {
        "chair" => terms.chair.clone(),
        "vice-chair" | "vice_chair" => terms.vice_chair.clone(),
        "executive-member" => terms.executive_member.clone(),
        "member" => "Member".into(),
        "co-optee" => "Co-opted member".into(),
        "substitute" => "Substitute member".into(),
        other => {
            let mut c = other.replace('-', " ");
            if let Some(f) = c.get(..1) {
                c = f.to_uppercase() + &c[1..];
            }
            c
        }
    }
}

pub fn committees_and_people(ctx: &mut Ctx) -> (Vec<Committee>, Vec<Person>) {
    let loaded = ctx.loaded;
    let as_of = ctx.config.as_of;
    let mut committees = Vec::new();
    let mut roles: BTreeMap<String, Vec<PersonRole>> = BTreeMap::new();
    for (id, doc) in &loaded.committees {
        let key = Key::new(Kind::Committee, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let f = &doc.front;
        let terms = Terms::from(&f.terminology.over(&ctx.config.terminology));
        let mut membership = Vec::new();
        for m in &f.membership {
            let m = &m.value;
            if let Some(r) = &m.role
                && !ROLES.contains(&r.value.as_str())
            {
                let help = match crate::suggest::closest(&r.value, ROLES) {
                    Some(s) => format!("did you mean `{s}`? Other roles are shown as written"),
                    None => format!("use {}; other roles are shown as written", ROLES.join(", ")),
                };
                ctx.diags.push(
                    Diagnostic::warn_at(
                        &doc.file,
                        pos(r),
                        format!("`{}` is not one of the usual roles", r.value),
                    )
                    .with_help(help),
                );
            }
            let Some(pk) = ctx.refer(&key, &m.person.value, Some(Kind::Person), &doc.file, pos(&m.person)) else {
                continue;
            };
            let role = role_word(m.role.as_ref().map(|r| r.value.as_str()), &terms);
            let current = m.from.is_none_or(|d| d <= as_of) && m.to.is_none_or(|d| d >= as_of);
            roles.entry(pk.id.to_string()).or_default().push(PersonRole {
                committee: ctx.link(&key),
                role: role.clone(),
                from: m.from.map(Into::into),
                to: m.to.map(Into::into),
                represents: m.represents.clone(),
            });
            membership.push(Member {
                person: ctx.link(&pk),
                person_id: pk.id.to_string(),
                role,
                from: m.from.map(Into::into),
                to: m.to.map(Into::into),
                represents: m.represents.clone(),
                current,
            });
        }
        let remit = Markdown::new(&doc.body, &doc.file, doc.body_line, &doc.path);
        ctx.add_found(&key, &remit, &doc.found);
        committees.push(Committee {
            id: id.clone(),
            title: f.title.clone(),
            short_title: f.short_title.clone().unwrap_or_else(|| f.title.clone()),
            type_label: type_label(f.type_, &terms),
            url: entity.url.to_string(),
            publish: entity.publish,
            remit,
            chair_word: terms.chair.clone(),
            vice_chair_word: terms.vice_chair.clone(),
            membership,
            minute_number: f
                .minute_number
                .clone()
                .unwrap_or_else(|| ctx.config.minute_number.clone()),
            meetings: Vec::new(),
            key,
        });
    }
    let mut people = Vec::new();
    for file in &loaded.people {
        for p in &file.data {
            let p = &p.value;
            let id = p.id.value.to_string();
            let key = Key::new(Kind::Person, id.clone());
            let Some(entity) = ctx.reg.get(&key) else { continue };
            if *entity.file != *file.file || entity.pos != pos(&p.id) {
                continue;
            }
            let sort_name = p
                .name
                .as_ref()
                .map(|n| {
                    let mut parts: Vec<&str> = n.split_whitespace().collect();
                    let last = parts.pop().unwrap_or("");
                    format!("{last}, {}", parts.join(" "))
                })
                .unwrap_or_else(|| entity.title.to_string());
            people.push(Person {
                name: entity.title.to_string(),
                sort_name,
                role_title: p.role_title.clone(),
                party: p.party.clone(),
                ward: p.ward.clone(),
                url: entity.url.to_string(),
                roles: roles.remove(&id).unwrap_or_default(),
                attendance: Vec::new(),
                attended: Vec::new(),
                key,
                id,
            });
        }
    }
    people.sort_by(|a, b| {
        (a.role_title.is_some() && a.party.is_none(), &a.sort_name)
            .cmp(&(b.role_title.is_some() && b.party.is_none(), &b.sort_name))
    });
    (committees, people)
}

/// The attendance count of `person` at `committee`, created at zero.
fn entry<'a>(
    counts: &'a mut BTreeMap<(String, String), AttendanceCount>,
    person: &str,
    committee: &Committee,
) -> &'a mut AttendanceCount {
    counts
        .entry((person.to_string(), committee.id.clone()))
        .or_insert_with(|| AttendanceCount {
            committee: Link {
                text: committee.title.as_str().into(),
                url: Some(committee.url.as_str().into()),
                exempt: None,
            },
            committee_id: committee.id.clone(),
            ..AttendanceCount::default()
        })
}

/// Count attendance from minutes: present, substitute, apologies, and absent
/// (a member of the committee at the meeting's date who is in no list that
/// counts as present or apologies), by what each list counts as.
pub fn attendance(site: &mut Site) {
    use std::collections::{HashMap, HashSet};
    let mut counts: BTreeMap<(String, String), AttendanceCount> = BTreeMap::new();
    let mut attended: HashMap<String, Vec<Attended>> = HashMap::new();
    // Lookups built once: the work grows with the minutes, not their square.
    let meetings: HashMap<&str, &Meeting> = site.papers.meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    let committees: HashMap<&str, &Committee> = site.committees.iter().map(|c| (c.id.as_str(), c)).collect();
    let people_by_url: HashMap<&str, &str> = site.people.iter().map(|p| (p.url.as_str(), p.id.as_str())).collect();
    for minutes in site.papers.minutes.iter().filter(|m| m.publish.is_public()) {
        let Some(meeting) = meetings.get(minutes.meeting_id.as_str()) else {
            continue;
        };
        let Some(committee) = committees.get(meeting.committee_id.as_str()) else {
            continue;
        };
        // Lists are found by what their vocabulary word counts as, never by
        // its key or label, so renamed words keep the counts.
        let listed = |meaning: Meaning| -> HashSet<&str> {
            minutes
                .attendance
                .iter()
                .filter(|b| b.counts_as == Some(meaning))
                .flat_map(|b| b.people.iter().map(|l| l.url.as_deref().unwrap_or("")))
                .collect()
        };
        let present = listed(Meaning::Present);
        let apologies = listed(Meaning::Apologies);
        let subs = listed(Meaning::Substitute);
        let record = |recorded: &'static str| Attended {
            minutes: Link::to(meeting.date.weekday(), minutes.url.as_str()),
            committee: Link::to(committee.title.as_str(), committee.url.as_str()),
            date: meeting.date,
            date_value: meeting.date_value,
            municipal_year: meeting.municipal_year.clone(),
            recorded,
        };
        for m in &committee.membership {
            let member_then = m.from.as_ref().is_none_or(|f| f.0 <= meeting.date_value)
                && m.to.as_ref().is_none_or(|t| t.0 >= meeting.date_value);
            if !member_then {
                continue;
            }
            let url = m.person.url.as_deref().unwrap_or("");
            let c = entry(&mut counts, &m.person_id, committee);
            c.expected += 1;
            let recorded = if present.contains(url) {
                c.present += 1;
                "Present"
            } else if apologies.contains(url) {
                c.apologies += 1;
                "Apologies"
            } else {
                c.absent += 1;
                "Absent"
            };
            attended.entry(m.person_id.clone()).or_default().push(record(recorded));
        }
        // A substitute attends in someone else's place.
        let mut subs: Vec<&str> = subs.into_iter().filter_map(|u| people_by_url.get(u).copied()).collect();
        subs.sort_unstable();
        for person in subs {
            let c = entry(&mut counts, person, committee);
            c.substitute += 1;
            attended
                .entry(person.to_string())
                .or_default()
                .push(record("Substitute"));
        }
    }
    let person_index: std::collections::HashMap<String, usize> =
        site.people.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
    for ((person, _), count) in counts {
        if let Some(&i) = person_index.get(&person) {
            site.people[i].attendance.push(count);
        }
    }
    for (person, mut list) in attended {
        if let Some(&i) = person_index.get(&person) {
            list.sort_by(|a, b| (b.date_value, &b.minutes.url).cmp(&(a.date_value, &a.minutes.url)));
            list.shrink_to_fit();
            site.people[i].attended = list;
        }
    }
    let mut by_committee: std::collections::HashMap<&str, Vec<String>> = std::collections::HashMap::new();
    for m in site.papers.meetings.iter().rev() {
        by_committee
            .entry(m.committee_id.as_str())
            .or_default()
            .push(m.id.clone());
    }
    for c in &mut site.committees {
        c.meetings = by_committee.remove(c.id.as_str()).unwrap_or_default();
    }
}

pub fn pages(ctx: &mut Ctx) -> Vec<Page> {
    let loaded = ctx.loaded;
    let mut out = Vec::new();
    for (id, doc) in &loaded.pages {
        let key = Key::new(Kind::Page, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let body = Markdown::new(&doc.body, &doc.file, doc.body_line, &doc.path);
        ctx.add_found(&key, &body, &doc.found);
        out.push(Page {
            id: id.clone(),
            title: entity.title.to_string(),
            url: entity.url.to_string(),
            publish: entity.publish,
            body,
            file: doc.file.clone(),
            key,
        });
    }
    out
}
