//! What to say about a reference that does not resolve: the message and the
//! help, in the form the place takes (a bare id in a typed YAML field,
//! `kind:id` in Markdown), pointing the author at what they most likely meant.
//!
//! Kept apart from the registry so that `entities.rs` holds the ids and
//! this file holds the words. The order of the guesses matters: a date where
//! a meeting id is expected, a resolution that exists but is not tracked,
//! ids of the same meeting (or minute) before ids anywhere in the site, and
//! only then the closest spelling.

use super::entities::{Key, Kind, Registry};
use crate::diagnostics::{Diagnostic, Pos};

/// How a suggested id is written where the reference was found.
fn written(kind: Kind, id: &str, typed: bool) -> String {
    if typed {
        id.to_string()
    } else {
        format!("{}:{id}", kind.name())
    }
}

/// Is `s` written as a date, `YYYY-MM-DD`?
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// `40 to 45` for a run of numbers, otherwise the ids listed, the first ten.
fn list(ids: &[&str]) -> String {
    let nums: Option<Vec<u64>> = ids.iter().map(|s| s.parse().ok()).collect();
    if let Some(mut n) = nums {
        n.sort_unstable();
        if n.len() > 2 && n.windows(2).all(|w| w[1] == w[0] + 1) {
            return format!("{} to {}", n[0], n[n.len() - 1]);
        }
        let shown: Vec<String> = n.iter().map(u64::to_string).collect();
        return shown.join(", ");
    }
    let mut shown: Vec<String> = ids.iter().take(10).map(|s| format!("`{s}`")).collect();
    if ids.len() > 10 {
        shown.push("…".into());
    }
    shown.join(", ")
}

/// The diagnostic for `raw`, a reference to `key` that is not in `reg`.
/// `typed` is true in a YAML field whose kind is fixed.
pub fn dangling(reg: &Registry, raw: &str, key: &Key, typed: bool, file: &str, pos: Pos) -> Diagnostic {
    let not_found = || {
        Diagnostic::at(
            file,
            pos,
            format!("`{raw}` refers to {} that does not exist", key.kind.with_article()),
        )
    };
    let ids_of = |kind: Kind| reg.entities.keys().filter(move |k| k.kind == kind).map(|k| &*k.id);

    // A date where a meeting id belongs: name the meetings of that date.
    if key.kind == Kind::Meeting && is_date(&key.id) {
        let on_day: Vec<&str> = ids_of(Kind::Meeting)
            .filter(|m| m.starts_with(&format!("{}-", key.id)))
            .collect();
        let d = Diagnostic::at(file, pos, format!("`{}` is a date, not a meeting id", key.id));
        let forms: Vec<String> = on_day
            .iter()
            .map(|m| format!("`{}`", written(Kind::Meeting, m, typed)))
            .collect();
        return match forms.as_slice() {
            [] => d.with_help(format!(
                "a meeting's id is its folder name, `<date>-<committee>`, and no meeting is held on {}",
                key.id
            )),
            [one] => d.with_help(format!(
                "a meeting's id is its folder name: the meeting on that date is {one}"
            )),
            many => d.with_help(format!(
                "a meeting's id is its folder name: the meetings on that date are {}",
                many.join(" and ")
            )),
        };
    }

    // A resolution that exists but is not tracked has no recommendation page.
    if key.kind == Kind::Rec
        && reg.untracked.contains(&*key.id)
        && let Some((minute, letter)) = key.id.rsplit_once('/')
        && let Some((_, n)) = minute.rsplit_once('/')
    {
        let d = Diagnostic::at(
            file,
            pos,
            format!("resolution {letter} of minute {n} is not tracked, so it is not a recommendation"),
        );
        return if typed {
            d.with_help(format!(
                "only a tracked resolution takes updates: add `track: true` to resolution {letter} in the minutes"
            ))
        } else {
            d.with_help(format!(
                "to link the resolution, link its minute: `[[minute:{minute}]]`; or add `track: true` to it in the minutes to track it"
            ))
        };
    }

    // Does the id exist under another kind? Then the kind is wrong.
    if let Some(o) = reg
        .entities
        .keys()
        .find(|k| k.id == key.id && k.kind != key.kind && (k.kind as u8) < (Kind::Minutes as u8))
    {
        return not_found().with_help(format!("`{}` is a {}: write `{}`", key.id, o.kind.name(), o));
    }

    // Parts of one meeting (minutes, items, reports, recommendations of a
    // resolution): look among the siblings first.
    if let Some((parent, last)) = key.id.rsplit_once('/') {
        let prefix = format!("{parent}/");
        let siblings: Vec<&str> = ids_of(key.kind)
            .filter_map(|id| id.strip_prefix(&prefix))
            .filter(|rest| !rest.contains('/'))
            .collect();
        if !siblings.is_empty() {
            let numeric = last.parse::<u64>().is_ok();
            if !numeric && let Some(s) = crate::suggest::closest(last, siblings.iter().copied()) {
                return not_found().with_help(format!(
                    "did you mean `{}`?",
                    written(key.kind, &format!("{parent}/{s}"), typed)
                ));
            }
            let what = match key.kind {
                Kind::Minute => format!("the minutes of {parent} are numbered {}", list(&siblings)),
                Kind::Rec => format!("the tracked recommendations of {parent} are {}", list(&siblings)),
                other => format!("{parent} has {}s {}", other.name(), list(&siblings)),
            };
            return not_found().with_help(format!("{what}; check the number against the page it comes from"));
        }
        // No siblings: is the meeting (the first part) itself known?
        let meeting = key.id.split('/').next().unwrap_or_default();
        if key.kind != Kind::Meeting && reg.get(&Key::new(Kind::Meeting, meeting)).is_some() {
            let under: Vec<&str> = ids_of(key.kind)
                .filter(|id| id.starts_with(&format!("{meeting}/")))
                .collect();
            if let Some(s) = crate::suggest::closest(&key.id, under.iter().copied()) {
                return not_found().with_help(format!("did you mean `{}`?", written(key.kind, s, typed)));
            }
            return not_found().with_help(format!(
                "meeting {meeting} has no {} `{}`; check the id against the meeting's pages",
                key.kind.name(),
                key.id.strip_prefix(&format!("{meeting}/")).unwrap_or(&key.id)
            ));
        }
    }

    match crate::suggest::closest(&key.id, ids_of(key.kind)) {
        Some(s) => not_found().with_help(format!("did you mean `{}`?", written(key.kind, s, typed))),
        None => not_found().with_help(format!(
            "check the spelling of the id, or create the {} first",
            key.kind.name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_numbers_are_shown_as_a_range() {
        assert_eq!(list(&["40", "41", "42", "43"]), "40 to 43");
        assert_eq!(list(&["a", "b"]), "`a`, `b`");
        assert_eq!(list(&["2", "1"]), "1, 2");
        assert!(is_date("2026-12-01"));
        assert!(!is_date("2026-12-01-planning"));
    }
}
