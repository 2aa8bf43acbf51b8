//! A minutes file's `attendance:` block resolved through the site's
//! `attendance` vocabulary: each list is checked against it, shown under its
//! label in the vocabulary's order, and keeps what it counts as, so that the
//! attendance counts (`people::attendance`) and open data follow a word's
//! meaning, never its key or label.

use super::Ctx;
use super::entities::{Key, Kind, Link};
use super::model::AttendanceBlock;
use super::vocabulary::{Meaning, Vocabulary};
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::meeting::{Attendance, Attendee};
use crate::load::primitives::{Spanned, pos};

/// The role of a person who also has a `name`, so that an officer in
/// attendance is shown with their role ("Sam Lee, Clerk"); a person listed
/// by role alone already shows it as their name.
fn officer_role(ctx: &Ctx, id: &str) -> Option<String> {
    ctx.loaded
        .people
        .iter()
        .flat_map(|f| f.data.iter())
        .map(|p| &p.value)
        .find(|p| p.id.value.to_string() == id)
        .filter(|p| p.name.is_some())
        .and_then(|p| p.role_title.clone())
}

fn person_link(ctx: &mut Ctx, from: &Key, id: &str, file: &str, at: Pos) -> Link {
    match ctx.refer(from, id, Some(Kind::Person), file, at) {
        Some(k) => ctx.link(&k),
        None => Link::plain(id),
    }
}

/// A list's name in open data, by what it counts as.
fn listed_as(counts_as: Option<Meaning>, label: &str) -> String {
    match counts_as {
        Some(Meaning::Present) => "present".into(),
        Some(Meaning::Substitute) => "substitutes".into(),
        Some(Meaning::Apologies) => "apologies".into(),
        Some(Meaning::Absent) => "absent".into(),
        Some(Meaning::InAttendance) => "in attendance".into(),
        Some(Meaning::Officer) => "officers".into(),
        _ => label.to_lowercase(),
    }
}

/// The lists of `attendance`, in the vocabulary's order, with every person
/// resolved to a link. A list under a word outside the vocabulary, a plain id
/// in a list of substitutes or `{ person, for }` in any other list is an error.
pub fn blocks(
    ctx: &mut Ctx,
    vocab: &Vocabulary,
    from: &Key,
    file: &str,
    attendance: &Attendance,
) -> Vec<AttendanceBlock> {
    for (key, _) in &attendance.0 {
        vocab.check("attendance", &key.value, file, pos(key), &mut ctx.diags);
    }
    let mut out = Vec::new();
    for word in &vocab.words {
        let Some((_, list)) = attendance.0.iter().find(|(k, _)| k.value == word.key) else {
            continue;
        };
        if list.is_empty() {
            continue;
        }
        let people = list
            .iter()
            .map(|entry| attendee(ctx, from, file, word.counts_as, entry))
            .collect();
        out.push(AttendanceBlock {
            label: word.label.clone(),
            counts_as: word.counts_as,
            listed_as: listed_as(word.counts_as, &word.label),
            people,
        });
    }
    out
}

/// One person of a list: a substitute shows whom they replaced, an officer
/// their role.
fn attendee(ctx: &mut Ctx, from: &Key, file: &str, counts_as: Option<Meaning>, entry: &Spanned<Attendee>) -> Link {
    let substitutes = counts_as == Some(Meaning::Substitute);
    match &entry.value {
        Attendee::Substitute(s) => {
            if !substitutes {
                ctx.diags.push(
                    Diagnostic::at(
                        file,
                        pos(entry),
                        "`{ person, for }` is written only in a list of substitutes",
                    )
                    .with_help("write the person's id alone here, or move this entry to the list of substitutes"),
                );
            }
            let sub = person_link(ctx, from, &s.person.value, file, pos(&s.person));
            let for_ = person_link(ctx, from, &s.for_.value, file, pos(&s.for_));
            Link {
                text: format!("{} (for {})", sub.text, for_.text).into(),
                url: sub.url,
                exempt: None,
            }
        }
        Attendee::Person(id) => {
            if substitutes {
                ctx.diags.push(
                    Diagnostic::at(
                        file,
                        pos(entry),
                        format!("substitute `{id}` does not say whom they replaced"),
                    )
                    .with_help(format!("write `{{ person: {id}, for: <the member they replaced> }}`")),
                );
            }
            let mut link = person_link(ctx, from, id, file, pos(entry));
            if counts_as == Some(Meaning::Officer)
                && let Some(role) = officer_role(ctx, id)
            {
                link.text = format!("{}, {role}", link.text).into();
            }
            link
        }
    }
}
