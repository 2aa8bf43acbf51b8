//! The registry of every linkable thing in the site: its id, title, URL and
//! publishability, and the `kind:id` reference syntax that points at it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use super::publish::Publish;
use crate::diagnostics::{Diagnostic, Pos};

/// What a reference or an entity is. The first twelve are the reference
/// kinds of the spec; the rest are pages that hold no id of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Committee,
    Person,
    Meeting,
    Item,
    Minute,
    Report,
    Review,
    Rec,
    Plan,
    Dataset,
    Question,
    Page,
    Minutes,
    Questions,
    Appendix,
    AnnualReport,
    WorkProgramme,
}

pub const REF_KINDS: [&str; 12] = [
    "committee",
    "person",
    "meeting",
    "item",
    "minute",
    "report",
    "review",
    "rec",
    "plan",
    "dataset",
    "question",
    "page",
];

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "committee" => Kind::Committee,
            "person" => Kind::Person,
            "meeting" => Kind::Meeting,
            "item" => Kind::Item,
            "minute" => Kind::Minute,
            "report" => Kind::Report,
            "review" => Kind::Review,
            "rec" => Kind::Rec,
            "plan" => Kind::Plan,
            "dataset" => Kind::Dataset,
            "question" => Kind::Question,
            "page" => Kind::Page,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Committee => "committee",
            Kind::Person => "person",
            Kind::Meeting => "meeting",
            Kind::Item => "item",
            Kind::Minute => "minute",
            Kind::Report => "report",
            Kind::Review => "review",
            Kind::Rec => "rec",
            Kind::Plan => "plan",
            Kind::Dataset => "dataset",
            Kind::Question => "question",
            Kind::Page => "page",
            Kind::Minutes => "minutes",
            Kind::Questions => "questions",
            Kind::Appendix => "appendix",
            Kind::AnnualReport => "annual-report",
            Kind::WorkProgramme => "work-programme",
        }
    }

    /// `a report`, `an item`: the kind's name with its article, for messages.
    pub fn with_article(self) -> String {
        let n = self.name();
        let an = matches!(n.as_bytes().first(), Some(b'a' | b'e' | b'i' | b'o' | b'u'));
        format!("{} {n}", if an { "an" } else { "a" })
    }

    /// A word for the kind as the public reads it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Committee => "Committee",
            Kind::Person => "Person",
            Kind::Meeting => "Agenda",
            Kind::Item => "Agenda item",
            Kind::Minute => "Minute",
            Kind::Report => "Report",
            Kind::Review => "Scrutiny review",
            Kind::Rec => "Recommendation",
            Kind::Plan => "Plan",
            Kind::Dataset => "Data",
            Kind::Question => "Question",
            Kind::Page => "Page",
            Kind::Minutes => "Minutes",
            Kind::Questions => "Questions",
            Kind::Appendix => "Appendix",
            Kind::AnnualReport => "Annual report",
            Kind::WorkProgramme => "Work programme",
        }
    }
}

/// An entity's identity: its kind and its full id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Key {
    pub kind: Kind,
    /// Shared by the registry and every backlink (see [`Registry::refer`]).
    pub id: Arc<str>,
}

impl Key {
    pub fn new(kind: Kind, id: impl AsRef<str>) -> Self {
        Self {
            kind,
            id: Arc::from(id.as_ref()),
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.name(), self.id)
    }
}

/// What every page and listing needs to know about an entity.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub key: Key,
    /// Shared with every [`Link`] to the entity.
    pub title: Arc<str>,
    /// Site-relative URL (with base path), with a fragment for anchored
    /// entities; shared with every [`Link`] to the entity.
    pub url: Arc<str>,
    pub publish: Publish,
    /// The source file, for diagnostics (shared by the entities of a file).
    pub file: Arc<str>,
    pub pos: Pos,
}

/// A link as a template shows it: `url` is `None` when the target is
/// withheld, and the text is then plain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: Arc<str>,
    pub url: Option<Arc<str>>,
    /// Set when the target is exempt: the template says so next to the text.
    pub exempt: Option<u8>,
}

impl Link {
    /// A link to `url`.
    pub fn to(text: impl Into<Arc<str>>, url: impl Into<Arc<str>>) -> Self {
        Link {
            text: text.into(),
            url: Some(url.into()),
            exempt: None,
        }
    }

    pub fn plain(text: impl Into<Arc<str>>) -> Self {
        Self {
            text: text.into(),
            url: None,
            exempt: None,
        }
    }
}

/// Every entity by key, plus every reference between them.
#[derive(Debug, Default)]
pub struct Registry {
    pub entities: BTreeMap<Key, Entity>,
    /// target → sources that refer to it, in key order once resolve has
    /// finished ([`Registry::finish`]): a list each, not a set (a set of one
    /// source, the commonest, takes a whole tree node).
    pub backlinks: BTreeMap<Key, Vec<Key>>,
    /// Kinds that a file which failed to load may have defined: a reference
    /// to an unknown entity of such a kind is a knock-on of that error, and
    /// is not reported again.
    pub uncertain: BTreeSet<Kind>,
    /// Ids `<meeting>/<minute>/<resolution>` of resolutions without
    /// `track: true`: a reference to one as a `rec` is told so.
    pub untracked: BTreeSet<String>,
}

impl Registry {
    /// Register an entity; a second entity with the same key is an error.
    pub fn add(&mut self, e: Entity, diags: &mut Vec<Diagnostic>) {
        if let Some(first) = self.entities.get(&e.key) {
            diags.push(
                Diagnostic::at(&e.file, e.pos, format!("duplicate id: {} is already defined", e.key)).with_help(
                    format!(
                        "the first one is in {} at line {}; give one of them another id",
                        first.file, first.pos.line
                    ),
                ),
            );
            return;
        }
        self.entities.insert(e.key.clone(), e);
    }

    pub fn get(&self, key: &Key) -> Option<&Entity> {
        self.entities.get(key)
    }

    /// Record that `from` refers to `to`, and to the page that shows `to`
    /// when `to` is a part of another entity's page (a plan's aim or action,
    /// a data set): that page's "Referred to in" list names the reference.
    pub fn refer(&mut self, from: &Key, to: &Key) {
        let from = self.shared(from);
        for target in std::iter::once(to.clone()).chain(shown_on(to)) {
            if from != target {
                let target = self.shared(&target);
                let sources = self.backlinks.entry(target).or_default();
                // A document that refers to the same target again is usually
                // the last source recorded; [`Registry::finish`] drops the rest.
                if sources.last() != Some(&from) {
                    sources.push(from.clone());
                }
            }
        }
    }

    /// [`Registry::refer`] once resolve has finished: the target's sources
    /// stay in key order, once each (`serve`'s quick rebuilds).
    pub fn refer_late(&mut self, from: &Key, to: &Key) {
        self.refer(from, to);
        for target in std::iter::once(to.clone()).chain(shown_on(to)) {
            if let Some(sources) = self.backlinks.get_mut(&target) {
                sources.sort_unstable();
                sources.dedup();
            }
        }
    }

    /// Put each target's sources in key order, once each, with no room to
    /// spare: called once every reference has been recorded.
    pub fn finish(&mut self) {
        for sources in self.backlinks.values_mut() {
            sources.sort_unstable();
            sources.dedup();
            sources.shrink_to_fit();
        }
        self.backlinks = std::mem::take(&mut self.backlinks).into_iter().collect();
    }

    /// Make the map of entities again, with full nodes: once every entity is
    /// registered. A tree grown one entity at a time leaves its nodes a
    /// half to two thirds full; one built from its entries in order fills
    /// them (at 100,000 documents there are 360,000 entities).
    pub fn compact(&mut self) {
        self.entities = std::mem::take(&mut self.entities).into_iter().collect();
    }

    /// `key` sharing its id with the registered entity's key, where there
    /// is one: at archive scale there are millions of backlinks.
    fn shared(&self, key: &Key) -> Key {
        self.entities
            .get_key_value(key)
            .map_or_else(|| key.clone(), |(k, _)| k.clone())
    }

    /// A link to `key` as a public page may show it, with `text` overriding
    /// the title. Withheld targets become plain text; an embargoed or draft
    /// target's title is not revealed.
    pub fn link(&self, key: &Key, text: Option<&str>) -> Link {
        match self.entities.get(key) {
            None => Link::plain(text.unwrap_or(&key.id)),
            Some(e) => match e.publish {
                Publish::Public | Publish::PublicDraft => Link {
                    text: text.map_or_else(|| Arc::clone(&e.title), Arc::from),
                    url: Some(Arc::clone(&e.url)),
                    exempt: None,
                },
                Publish::Exempt(p) => Link {
                    text: text.map_or_else(|| Arc::clone(&e.title), Arc::from),
                    url: None,
                    exempt: Some(p),
                },
                Publish::Embargoed(_) | Publish::Draft | Publish::Withheld => Link::plain(text.unwrap_or(&key.id)),
            },
        }
    }

    /// Resolve a reference written `kind:id` (or a bare id when `fixed` gives
    /// the kind), reporting a dangling or malformed one at `pos`.
    pub fn resolve_ref(
        &self,
        raw: &str,
        fixed: Option<Kind>,
        file: &str,
        pos: Pos,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Key> {
        let (key, written_kind) = match parse_ref(raw, fixed) {
            Ok(k) => k,
            Err(msg) => {
                diags.push(Diagnostic::at(file, pos, msg).with_help(format!(
                    "write references as kind:id, where kind is one of {}",
                    REF_KINDS.join(", ")
                )));
                return None;
            }
        };
        if let (Some(fixed), Some(written)) = (fixed, written_kind)
            && fixed != written
        {
            diags.push(
                Diagnostic::at(
                    file,
                    pos,
                    format!(
                        "wrong kind of reference: `{raw}` points at a {}, but a {} is needed here",
                        written.name(),
                        fixed.name()
                    ),
                )
                .with_help(format!("write the id of a {} here", fixed.name())),
            );
            return None;
        }
        if self.entities.contains_key(&key) {
            return Some(key);
        }
        if self.uncertain.contains(&key.kind) {
            return None;
        }
        diags.push(super::hints::dangling(self, raw, &key, fixed.is_some(), file, pos));
        None
    }
}

/// The entity whose page shows `key`, when `key` has no page of its own and
/// its page holds no list of its parts: plan aims and actions (`<plan>/<x>`)
/// are shown on their plan's page, data sets on their annual report's
/// (`<report>/<dataset>`) or officer report's (`<meeting>/<report>/<dataset>`).
fn shown_on(key: &Key) -> Option<Key> {
    match key.kind {
        Kind::Plan => key.id.split_once('/').map(|(plan, _)| Key::new(Kind::Plan, plan)),
        Kind::Dataset => {
            let (owner, _) = key.id.rsplit_once('/')?;
            let kind = if owner.contains('/') {
                Kind::Report
            } else {
                Kind::AnnualReport
            };
            Some(Key::new(kind, owner))
        }
        _ => None,
    }
}

/// Split `kind:id`; with a fixed kind, a bare id is accepted too.
pub fn parse_ref(raw: &str, fixed: Option<Kind>) -> Result<(Key, Option<Kind>), String> {
    let raw = raw.trim();
    if let Some((k, id)) = raw.split_once(':')
        && let Some(kind) = Kind::parse(k.trim())
    {
        let id = id.trim();
        if id.is_empty() {
            return Err(format!("`{raw}` names no id after the colon"));
        }
        return Ok((Key::new(kind, id), Some(kind)));
    }
    match fixed {
        Some(kind) if !raw.is_empty() && !raw.contains(':') => Ok((Key::new(kind, raw), None)),
        _ => Err(match raw.split_once(':') {
            Some((k, _)) => format!("`{k}` is not a kind of reference"),
            None => format!("`{raw}` is not a reference: it has no kind"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_parse_with_and_without_kind() {
        assert_eq!(parse_ref("rec:a/iv", None).unwrap().0, Key::new(Kind::Rec, "a/iv"));
        assert_eq!(
            parse_ref("m1", Some(Kind::Meeting)).unwrap().0,
            Key::new(Kind::Meeting, "m1")
        );
        assert!(parse_ref("m1", None).is_err());
        assert!(parse_ref("thing:x", None).unwrap_err().contains("not a kind"));
    }
}
