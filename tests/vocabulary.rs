//! Vocabulary semantics, not strings (issue 12, point 3): the sample council
//! with every decision, progress, RAG and attendance word renamed — keys and
//! labels, in site.yaml and in every content file that uses them — and each
//! word's meaning given with `counts_as`, builds pages with the same numbers
//! (tracker counts, overdue counts, attendance) and the same tag colours as
//! the sample itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use std::collections::{BTreeMap, BTreeSet};

use common::*;

/// (old key, new key, new label, counts_as) for each renamed word.
type Renames = &'static [(&'static str, &'static str, &'static str, &'static str)];

const PROGRESS: Renames = &[
    ("not-started", "todo", "To do", "not-started"),
    ("in-progress", "doing", "Under way", "in-progress"),
    ("completed", "done", "Done", "completed"),
    ("superseded", "replaced", "Overtaken", "closed"),
    ("withdrawn", "dropped", "Dropped", "closed"),
];

const DECISION: Renames = &[
    ("agreed", "accepted", "Accepted", "accepted"),
    (
        "partially-agreed",
        "accepted-in-part",
        "Accepted in part",
        "partly-accepted",
    ),
    ("not-agreed", "declined", "Declined", "rejected"),
    ("noted", "acknowledged", "Acknowledged", "noted"),
];

const RAG: Renames = &[
    ("red", "off-track", "Off track", "off-track"),
    ("amber", "at-risk", "At risk", "at-risk"),
    ("green", "on-track", "On track", "on-track"),
    ("blue", "finished", "Finished", "completed"),
];

const ATTENDANCE: Renames = &[
    ("present", "attended", "Attended", "present"),
    ("substitutes", "stand-ins", "Standing in", "substitute"),
    ("apologies", "sent-apologies", "Apologies received", "apologies"),
    ("in_attendance", "also-present", "Also there", "in-attendance"),
    ("officers", "staff", "Council staff", "officer"),
];

/// `text` with every `field: old` (a whole word) written `field: new`, and
/// how many were rewritten.
fn rename_values(text: &str, field: &str, old: &str, new: &str) -> (String, usize) {
    let needle = format!("{field}: {old}");
    let mut out = String::new();
    let mut rest = text;
    let mut n = 0;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let whole = !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let before_ok = !rest[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        out.push_str(&rest[..i]);
        if whole && before_ok {
            out.push_str(&format!("{field}: {new}"));
            n += 1;
        } else {
            out.push_str(&needle);
        }
        rest = after;
    }
    out.push_str(rest);
    (out, n)
}

/// The `vocabularies:` block giving the renamed words and their meanings.
fn vocabularies() -> String {
    let mut y = String::from("vocabularies:\n");
    for (name, list) in [
        ("progress", PROGRESS),
        ("decision", DECISION),
        ("rag", RAG),
        ("attendance", ATTENDANCE),
    ] {
        // In the default order, so that lists by status read the same.
        y.push_str(&format!("  {name}:\n"));
        for (_, new, label, counts_as) in list {
            y.push_str(&format!("    {new}: {{ label: {label}, counts_as: {counts_as} }}\n"));
        }
    }
    y
}

/// The sample with every word renamed; returns the site and how many times
/// each old key was rewritten in content.
fn renamed_sample() -> (tempfile::TempDir, BTreeMap<&'static str, usize>) {
    let s = site("sample");
    let mut rewritten: BTreeMap<&'static str, usize> = BTreeMap::new();
    let content = s.path().join("content");
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        let path = entry.path();
        let is_text = matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "yaml"));
        if !entry.file_type().is_file() || !is_text {
            continue;
        }
        let rel = path
            .strip_prefix(s.path())
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        let mut text = std::fs::read_to_string(path).unwrap();
        let mut count = |text: &mut String, field: &str, old: &'static str, new: &str| {
            let (t, n) = rename_values(text, field, old, new);
            *text = t;
            *rewritten.entry(old).or_default() += n;
        };
        for (old, new, ..) in PROGRESS {
            count(&mut text, "status", old, new);
        }
        for (old, new, ..) in DECISION {
            count(&mut text, "decision", old, new);
        }
        if rel.starts_with("content/plans/") {
            for (old, new, ..) in RAG {
                count(&mut text, "status", old, new);
            }
        }
        if rel.ends_with("/minutes.md") {
            for (old, new, ..) in ATTENDANCE {
                let (from, to) = (format!("\n  {old}:"), format!("\n  {new}:"));
                *rewritten.entry(old).or_default() += text.matches(&from).count();
                text = text.replace(&from, &to);
            }
        }
        put(s.path(), &rel, &text);
    }
    let site_yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    put(s.path(), "site.yaml", &format!("{site_yaml}{}", vocabularies()));
    (s, rewritten)
}

/// Visible text of a page: tags removed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every number in a page's visible text, in order: counts by status,
/// totals, overdue counts, attendance figures (and dates, which match anyway).
fn numbers(html: &str) -> Vec<u64> {
    text_of(html)
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

/// Every tag colour on a page, in order (`mb-tag--green`, …).
fn colours(html: &str) -> Vec<String> {
    html.split("mb-tag--")
        .skip(1)
        .map(|s| s.chars().take_while(|c| c.is_ascii_lowercase()).collect())
        .collect()
}

/// The renamed site's path for a page of the sample: per-status tracker
/// pages are named by the status key.
fn renamed_path(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            PROGRESS
                .iter()
                .find(|(old, ..)| *old == seg)
                .map_or(seg, |(_, new, ..)| new)
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn pages(site: &std::path::Path) -> BTreeMap<String, String> {
    tree(&site.join("output"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn renamed_words_with_their_meanings_keep_every_count_and_colour() {
    let original = site("sample");
    let o = build(original.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (renamed, rewritten) = renamed_sample();
    let o = build(renamed.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));

    // The fixture really renamed every word the sample uses.
    for (old, ..) in PROGRESS.iter().chain(DECISION).chain(RAG).chain(ATTENDANCE) {
        assert!(
            rewritten.get(old).copied().unwrap_or(0) > 0,
            "`{old}` was never rewritten"
        );
    }

    let before = pages(original.path());
    let after = pages(renamed.path());
    assert_eq!(before.len(), after.len(), "the same pages");
    let mut all_colours = BTreeSet::new();
    let mut compared = 0;
    for (path, html) in &before {
        let other = after
            .get(&renamed_path(path))
            .unwrap_or_else(|| panic!("{path} has no counterpart"));
        assert_eq!(numbers(html), numbers(other), "numbers on {path}");
        assert_eq!(colours(html), colours(other), "tag colours on {path}");
        all_colours.extend(colours(html));
        compared += 1;
    }
    assert!(compared > 100, "{compared}");
    // The comparison covers every colour a status can have.
    for c in ["green", "blue", "grey", "purple", "yellow", "amber", "red"] {
        assert!(all_colours.contains(c), "{c} appears in the sample");
    }

    // The renamed labels are what the public sees.
    let all = read(renamed.path(), "recommendations/index.html");
    assert!(all.contains("Overtaken") && all.contains("Under way"), "{all}");
    let minutes = read(
        renamed.path(),
        "meetings/2019-06-11-children-scrutiny/minutes/index.html",
    );
    assert!(
        minutes.contains("Standing in") && minutes.contains("Council staff"),
        "{minutes}"
    );

    // Attendance numbers on people's pages are not all zero, so the
    // comparison above has something to compare.
    let person = read(original.path(), "people/derek-fairbrother/index.html");
    let table = person
        .split("Attendance at meetings")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    assert!(numbers(table).iter().any(|n| *n > 0), "{table}");

    // Open data names each attendance list by what it counts as.
    let data = |s: &std::path::Path| std::fs::read_to_string(s.join("output/data/attendance.json")).unwrap();
    assert_eq!(data(original.path()), data(renamed.path()));
}

#[test]
fn renamed_attendance_lists_without_their_meaning_count_nobody_present() {
    // The same renamed site, with `counts_as` left out of the word for
    // members who attended: a warning says so, and members are counted absent.
    let (renamed, _) = renamed_sample();
    let site_yaml = std::fs::read_to_string(renamed.path().join("site.yaml")).unwrap();
    let attended = "attended: { label: Attended, counts_as: present }";
    assert!(site_yaml.contains(attended));
    put(
        renamed.path(),
        "site.yaml",
        &site_yaml.replace(attended, "attended: { label: Attended }"),
    );
    let o = build(renamed.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no word of the `attendance` vocabulary counts as present"),
        "{}",
        stderr(&o)
    );
    let original = site("sample");
    assert!(build(original.path(), &[]).status.success());
    let person = "people/helen-marsh/index.html";
    assert_ne!(
        numbers(&read(original.path(), person)),
        numbers(&read(renamed.path(), person))
    );
}

#[test]
fn an_attendance_list_under_an_unknown_word_is_an_error_with_did_you_mean() {
    let s = site("sample");
    let file = "content/meetings/2019-06-11-children-scrutiny/minutes.md";
    let text = std::fs::read_to_string(s.path().join(file)).unwrap();
    put(s.path(), file, &text.replacen("\n  apologies:", "\n  apologise:", 1));
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "::error file={file},line=6,col=3::`apologise` is not in the site's `attendance` vocabulary (help: did you mean `apologies`?)"
        )),
        "{out}"
    );
    // A plain id in the list of substitutes says whom it is missing.
    let text = text.replace(
        "substitutes: [{ person: jo-whitlock, for: derek-fairbrother }]",
        "substitutes: [jo-whitlock]",
    );
    put(s.path(), file, &text);
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "github"]);
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "::error file={file},line=7,col=17::substitute `jo-whitlock` does not say whom they replaced"
        )),
        "{out}"
    );
}
