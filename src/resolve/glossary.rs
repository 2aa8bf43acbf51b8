//! The glossary (spec section 11): `glossary.yaml`, whose `where` paths must
//! name documents, and each document's own `glossary:` entries, which apply
//! to that document and are listed on the glossary page with the public
//! documents that define them — never those of a withheld document.

use std::collections::BTreeMap;

use super::entities::{Key, Kind, Link};
use super::{Ctx, GlossaryMeaning, GlossaryTerm};
use crate::diagnostics::Diagnostic;
use crate::load::frontmatter::Common;
use crate::load::glossary::GlossaryValue;
use crate::load::primitives::pos;

/// The site glossary with every public document's own entries added; a
/// `where` path must name existing documents.
pub fn glossary(ctx: &mut Ctx) -> Vec<GlossaryTerm> {
    let mut out = site_glossary(ctx);
    add_document_entries(ctx, &mut out);
    out.sort_by_key(|t| (t.term.to_lowercase(), t.term.clone()));
    out
}

fn site_glossary(ctx: &mut Ctx) -> Vec<GlossaryTerm> {
    let Some(g) = &ctx.loaded.glossary else {
        return Vec::new();
    };
    let paths = all_paths(ctx);
    let mut out = Vec::new();
    for (term, value) in g.data.iter() {
        let meanings = match &value.value {
            GlossaryValue::Meaning(m) => vec![meaning(m, Vec::new())],
            GlossaryValue::Meanings(ms) => ms.iter().map(|m| meaning(&m.meaning, m.where_.clone())).collect(),
        };
        for m in &meanings {
            for w in &m.where_ {
                let w = w.trim_end_matches('/');
                if !paths.iter().any(|p| p == w || p.starts_with(&format!("{w}/"))) {
                    ctx.diags.push(
                        Diagnostic::at(
                            &g.file,
                            pos(value),
                            format!("`where: {w}` for {term} matches no document"),
                        )
                        .with_help("write content paths relative to content/ without extension, e.g. reviews/cse-2016"),
                    );
                }
            }
        }
        out.push(GlossaryTerm {
            term: term.clone(),
            meanings,
        });
    }
    out
}

fn meaning(text: &str, where_: Vec<String>) -> GlossaryMeaning {
    GlossaryMeaning {
        meaning: text.to_string(),
        where_,
        defined_in: Vec::new(),
    }
}

/// Each public document's own entries, as meanings `defined_in` it. A
/// meaning the site glossary already gives is not repeated.
fn add_document_entries(ctx: &mut Ctx, terms: &mut Vec<GlossaryTerm>) {
    let mut found: BTreeMap<(String, String), Vec<Link>> = BTreeMap::new();
    for (key, c) in documents(ctx) {
        let public = ctx.reg.get(&key).is_some_and(|e| e.publish.is_public());
        for (term, value) in &c.glossary {
            let Some(text) = first_meaning(&value.value) else {
                continue;
            };
            if public {
                found
                    .entry((term.clone(), text.to_string()))
                    .or_default()
                    .push(ctx.link(&key));
            }
        }
    }
    for ((term, text), links) in found {
        let index = match terms.iter().position(|t| t.term == term) {
            Some(i) => i,
            None => {
                terms.push(GlossaryTerm {
                    term: term.clone(),
                    meanings: Vec::new(),
                });
                terms.len() - 1
            }
        };
        let Some(t) = terms.get_mut(index) else {
            continue;
        };
        if t.meanings.iter().any(|m| m.meaning == text && m.defined_in.is_empty()) {
            continue;
        }
        let mut m = meaning(&text, Vec::new());
        m.defined_in = links;
        t.meanings.push(m);
    }
}

/// A document's entry has one meaning: the first, when a list is given.
fn first_meaning(v: &GlossaryValue) -> Option<&str> {
    match v {
        GlossaryValue::Meaning(m) => Some(m),
        GlossaryValue::Meanings(ms) => ms.first().map(|m| m.meaning.as_str()),
    }
}

/// Every Markdown document's key and common front matter.
fn documents(ctx: &Ctx) -> Vec<(Key, Common)> {
    let l = ctx.loaded;
    let mut v: Vec<(Key, Common)> = Vec::new();
    v.extend(
        l.committees
            .iter()
            .map(|(id, d)| (Key::new(Kind::Committee, id), d.front.common())),
    );
    v.extend(
        l.meetings
            .iter()
            .map(|(id, d)| (Key::new(Kind::Meeting, id), d.front.common())),
    );
    v.extend(
        l.minutes
            .iter()
            .map(|(id, d)| (Key::new(Kind::Minutes, id), d.front.common())),
    );
    v.extend(
        l.reports
            .iter()
            .map(|(m, r, d)| (Key::new(Kind::Report, format!("{m}/{r}")), d.front.common())),
    );
    for (m, r, name, d) in &l.appendices {
        let aid = l.report(m, r).and_then(|rep| {
            rep.front
                .appendices
                .iter()
                .find(|a| a.value.file.as_ref().is_some_and(|f| f.value == *name))
                .map(|a| a.value.id.value.to_string())
        });
        if let Some(aid) = aid {
            v.push((Key::new(Kind::Appendix, format!("{m}/{r}/{aid}")), d.front.common()));
        }
    }
    v.extend(
        l.reviews
            .iter()
            .map(|(id, d)| (Key::new(Kind::Review, id), d.front.common())),
    );
    v.extend(
        l.plan_indexes
            .iter()
            .map(|(id, d)| (Key::new(Kind::Plan, id), d.front.common())),
    );
    v.extend(
        l.annual_reports
            .iter()
            .map(|(id, d)| (Key::new(Kind::AnnualReport, id), d.front.common())),
    );
    v.extend(
        l.pages
            .iter()
            .map(|(id, d)| (Key::new(Kind::Page, id), d.front.common())),
    );
    v
}

/// Content paths of every Markdown document (for glossary `where`).
fn all_paths(ctx: &Ctx) -> Vec<String> {
    ctx.loaded
        .markdown_docs()
        .into_iter()
        .map(|(_, path, _)| path.to_string())
        .collect()
}

/// Each document's own `glossary:` entries (one meaning each), by content
/// path; a list of meanings or a `where` in front matter is a warning, as a
/// document's entry applies to that document alone.
pub fn doc_glossaries(ctx: &mut Ctx) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for (file, path, c) in ctx.loaded.markdown_docs() {
        for (term, v) in &c.glossary {
            if let GlossaryValue::Meanings(ms) = &v.value
                && (ms.len() > 1 || ms.iter().any(|m| !m.where_.is_empty()))
            {
                ctx.diags.push(
                    Diagnostic::warn_at(
                        file,
                        pos(v),
                        format!("{term} is given several meanings or a `where` in this document's glossary"),
                    )
                    .with_help(format!(
                        "a document's own entry applies to that document only, so only the first meaning is used: write `{term}: <meaning>`, and put meanings limited with `where` in glossary.yaml"
                    )),
                );
            }
        }
        let entries: BTreeMap<String, String> = c
            .glossary
            .iter()
            .filter_map(|(k, v)| first_meaning(&v.value).map(|m| (k.clone(), m.to_string())))
            .collect();
        if !entries.is_empty() {
            out.insert(path.to_string(), entries);
        }
    }
    out
}
