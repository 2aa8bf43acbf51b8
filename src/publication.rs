//! `minutebook check --publication`: what is public on a given day, what is
//! withheld and why, and when each embargoed document becomes public.
//!
//! It only reports: publishability is decided once, in resolve, and every
//! registered entity carries its decision. This is an internal report for
//! the officer, so it shows the titles of withheld documents too.

use std::fmt::Write as _;

use serde::Serialize;

use crate::load::primitives::Date;
use crate::resolve::Site;
use crate::resolve::entities::{Entity, Key, Kind};
use crate::resolve::publish::Publish;

/// One document (or agenda item, data set, …) and its state on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    /// `public`, `public-draft`, `embargoed`, `exempt`, `withheld`, `draft`.
    pub state: &'static str,
    /// Why it is not public, in words (empty when it is).
    pub why: String,
    /// When it becomes public (embargoed documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The Schedule 12A paragraph (exempt documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u8>,
    /// The source file, relative to the site root.
    pub file: String,
}

/// Kinds reported: documents and what is withheld on its own. People are
/// always public; a minute or a question is public exactly when its minutes
/// or schedule are; an agenda item is listed when it is exempt.
fn reported(e: &Entity, site: &Site) -> bool {
    match e.key.kind {
        Kind::Person | Kind::Minute | Kind::Question => false,
        Kind::Item => {
            let meeting = e.key.id.split('/').next().unwrap_or_default();
            let m = site.registry.get(&Key::new(Kind::Meeting, meeting));
            m.is_none_or(|m| m.publish != e.publish)
        }
        _ => true,
    }
}

/// The document that something withheld is stored under (`report:m/r` for
/// an appendix or data set of that report).
fn parent(site: &Site, key: &Key) -> Option<Key> {
    let (owner, _) = key.id.rsplit_once('/')?;
    [Kind::Report, Kind::AnnualReport]
        .into_iter()
        .map(|k| Key::new(k, owner))
        .find(|k| site.registry.get(k).is_some())
}

fn row(site: &Site, e: &Entity) -> Row {
    let (state, why, from, paragraph) = match e.publish {
        Publish::Public => ("public", String::new(), None, None),
        Publish::PublicDraft => ("public-draft", "public, marked as a draft".to_string(), None, None),
        Publish::Exempt(0) => ("exempt", "exempt (no paragraph given)".to_string(), None, None),
        Publish::Exempt(p) => ("exempt", format!("exempt, Schedule 12A paragraph {p}"), None, Some(p)),
        Publish::Embargoed(d) => ("embargoed", format!("embargoed until {}", d.long()), Some(d), None),
        Publish::Draft => ("draft", "draft (drafts are not published)".to_string(), None, None),
        Publish::Withheld => {
            let under = parent(site, &e.key).and_then(|k| site.registry.get(&k));
            let why = match under {
                Some(p) => format!("withheld under {} ({})", p.key, short_state(p.publish)),
                None => "withheld under a document that is not public".to_string(),
            };
            ("withheld", why, None, None)
        }
    };
    Row {
        kind: e.key.kind.name(),
        id: e.key.id.to_string(),
        title: e.title.to_string(),
        state,
        why,
        from: from.map(Date::iso),
        paragraph,
        file: e.file.to_string(),
    }
}

fn short_state(p: Publish) -> String {
    match p {
        Publish::Exempt(n) => format!("exempt, paragraph {n}"),
        Publish::Embargoed(d) => format!("embargoed until {}", d.iso()),
        Publish::Draft => "draft".into(),
        Publish::Withheld => "withheld".into(),
        Publish::Public | Publish::PublicDraft => "public".into(),
    }
}

fn rank(state: &str) -> u8 {
    match state {
        "public" => 0,
        "public-draft" => 1,
        "embargoed" => 2,
        "exempt" => 3,
        "withheld" => 4,
        _ => 5,
    }
}

/// Every reported entity of `site`: public ones first, then embargoed ones
/// by the date they become public, then exempt, withheld and drafts.
pub fn rows(site: &Site) -> Vec<Row> {
    let mut rows: Vec<Row> = site
        .registry
        .entities
        .values()
        .filter(|e| reported(e, site))
        .map(|e| row(site, e))
        .collect();
    rows.sort_by(|a, b| (rank(a.state), &a.from, a.kind, &a.id).cmp(&(rank(b.state), &b.from, b.kind, &b.id)));
    rows
}

/// Shorten `s` to `n` characters, marking the cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The report as a table for people (titles shortened to fit), with a count
/// of each state.
pub fn table(rows: &[Row], as_of: Date) -> String {
    let title = |r: &Row| clip(&r.title, 48);
    let state = |r: &Row| {
        if r.why.is_empty() {
            r.state.to_string()
        } else {
            r.why.clone()
        }
    };
    let head = ["KIND", "ID", "TITLE", "STATE", "PUBLIC FROM"];
    let w = |f: &dyn Fn(&Row) -> String, h: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([h.len()])
            .max()
            .unwrap_or(0)
    };
    let widths = [
        w(&|r| r.kind.to_string(), head[0]),
        w(&|r| r.id.clone(), head[1]),
        w(&title, head[2]),
        w(&state, head[3]),
    ];
    let mut out = String::new();
    let _ = writeln!(out, "What is public on {} ({}):", as_of.long(), as_of.iso());
    let line = |out: &mut String, cells: [&str; 5]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i < 4 {
                let pad = widths[i].saturating_sub(c.chars().count());
                let _ = write!(l, "{c}{}  ", " ".repeat(pad));
            } else {
                l.push_str(c);
            }
        }
        let _ = writeln!(out, "{}", l.trim_end());
    };
    line(&mut out, head);
    for r in rows {
        let from = r.from.clone().unwrap_or_default();
        line(&mut out, [r.kind, &r.id, &title(r), &state(r), &from]);
    }
    let count = |s: &str| rows.iter().filter(|r| r.state == s).count();
    let _ = writeln!(
        out,
        "{} public, {} public as drafts, {} embargoed, {} exempt, {} withheld, {} drafts left out",
        count("public"),
        count("public-draft"),
        count("embargoed"),
        count("exempt"),
        count("withheld"),
        count("draft")
    );
    out
}

/// The report as JSON lines, one object per row, in the same order.
pub fn json_lines(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        if let Ok(j) = serde_json::to_string(r) {
            out.push_str(&j);
            out.push('\n');
        }
    }
    out
}
