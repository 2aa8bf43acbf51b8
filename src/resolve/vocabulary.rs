//! Vocabularies (`vocabularies:` in site.yaml): the words a council types for
//! decisions, progress, RAG ratings, attendance and forms of scrutiny, each
//! with the label the public sees and what it *counts as*.
//!
//! Everything that counts or colours goes through a word's meaning, never its
//! key: which progress words close a recommendation, which decisions are
//! accepted, which attendance lists count as present or apologies, and the
//! colour of every status tag. A council that calls `completed` `done` keeps
//! its counts and its green tags by writing
//! `done: { label: Done, counts_as: completed }`; templates print the colour
//! computed here and compare no keys.
//!
//! A word that says nothing keeps the behaviour sites had before `counts_as`
//! existed: the default keys (`completed`, `agreed`, `present`, …) keep their
//! default meanings and colours, `closes:` works as it always did, and a plan
//! action rated with a word whose key or label says complete, completed, done
//! or achieved is finished.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::load::ordered::OrderedMap;
use crate::load::primitives::{Spanned, pos};
use crate::load::site::{VocabEntry, Vocabularies as Given};

/// Which vocabulary a word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum List {
    Decision,
    Progress,
    Rag,
    Attendance,
    FormOfScrutiny,
}

use Meaning::*;

impl List {
    /// The name site.yaml gives the list.
    pub const fn name(self) -> &'static str {
        match self {
            List::Decision => "decision",
            List::Progress => "progress",
            List::Rag => "rag",
            List::Attendance => "attendance",
            List::FormOfScrutiny => "form_of_scrutiny",
        }
    }

    /// What a word of this list may count as, in the order the docs give them.
    pub const fn meanings(self) -> &'static [Meaning] {
        match self {
            List::Decision => &[Accepted, PartlyAccepted, Rejected, Noted],
            List::Progress => &[NotStarted, InProgress, Completed, Closed],
            List::Rag => &[OffTrack, AtRisk, OnTrack, Completed],
            List::Attendance => &[Present, Substitute, Apologies, Absent, InAttendance, Officer],
            List::FormOfScrutiny => &[],
        }
    }

    /// The list a site gets when it gives none: key, label and meaning.
    pub const fn defaults(self) -> &'static [(&'static str, &'static str, Option<Meaning>)] {
        match self {
            List::Decision => &[
                ("agreed", "Agreed", Some(Accepted)),
                ("partially-agreed", "Partially agreed", Some(PartlyAccepted)),
                ("not-agreed", "Not agreed", Some(Rejected)),
                ("noted", "Noted", Some(Noted)),
            ],
            List::Progress => &[
                ("not-started", "Not started", Some(NotStarted)),
                ("in-progress", "In progress", Some(InProgress)),
                ("completed", "Completed", Some(Completed)),
                ("superseded", "Superseded", Some(Closed)),
                ("withdrawn", "Withdrawn", Some(Closed)),
            ],
            List::Rag => &[
                ("red", "Red", Some(OffTrack)),
                ("amber", "Amber", Some(AtRisk)),
                ("green", "Green", Some(OnTrack)),
                ("blue", "Complete", Some(Completed)),
            ],
            List::Attendance => &[
                ("present", "Present", Some(Present)),
                ("substitutes", "Substitutes", Some(Substitute)),
                ("apologies", "Apologies", Some(Apologies)),
                ("in_attendance", "In attendance", Some(InAttendance)),
                ("officers", "Officers", Some(Officer)),
            ],
            List::FormOfScrutiny => &[
                ("pre-decision", "Pre-decision call-in", None),
                ("performance", "Performance review", None),
                ("policy", "Policy review and development", None),
            ],
        }
    }

    /// The meaning a default key has in this list.
    fn default_meaning(self, key: &str) -> Option<Meaning> {
        self.defaults()
            .iter()
            .find(|(k, _, _)| *k == key)
            .and_then(|(_, _, m)| *m)
    }

    /// The colour a key had before colours came from meanings: a default
    /// key's, where progress and RAG words shared one table (a RAG list with
    /// a `completed` word showed it green).
    fn default_colour(self, key: &str) -> Option<Colour> {
        if let Some(m) = self.default_meaning(key) {
            return Some(m.colour_in(self));
        }
        match self {
            List::Progress | List::Rag => [List::Progress, List::Rag]
                .into_iter()
                .find_map(|l| l.default_meaning(key).map(|m| m.colour_in(l))),
            _ => None,
        }
    }
}

/// What a word counts as. Each list allows its own (`List::meanings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Meaning {
    /// Progress: nothing done yet.
    NotStarted,
    /// Progress: under way.
    InProgress,
    /// Progress and RAG: done; closes a recommendation, finishes a plan action.
    Completed,
    /// Progress: closed without being done (superseded, withdrawn).
    Closed,
    /// RAG: red.
    OffTrack,
    /// RAG: amber.
    AtRisk,
    /// RAG: green.
    OnTrack,
    /// Decision: accepted in full.
    Accepted,
    /// Decision: accepted in part.
    PartlyAccepted,
    /// Decision: not accepted.
    Rejected,
    /// Decision: noted, neither accepted nor rejected.
    Noted,
    /// Attendance: a member who attended.
    Present,
    /// Attendance: `{ person, for }`, attending in a member's place.
    Substitute,
    /// Attendance: a member who sent apologies.
    Apologies,
    /// Attendance: a member recorded as absent.
    Absent,
    /// Attendance: others who attended (not counted).
    InAttendance,
    /// Attendance: officers, shown with their role (not counted).
    Officer,
}

impl Meaning {
    /// The word site.yaml writes after `counts_as:`.
    pub const fn word(self) -> &'static str {
        match self {
            NotStarted => "not-started",
            InProgress => "in-progress",
            Completed => "completed",
            Closed => "closed",
            OffTrack => "off-track",
            AtRisk => "at-risk",
            OnTrack => "on-track",
            Accepted => "accepted",
            PartlyAccepted => "partly-accepted",
            Rejected => "rejected",
            Noted => "noted",
            Present => "present",
            Substitute => "substitute",
            Apologies => "apologies",
            Absent => "absent",
            InAttendance => "in-attendance",
            Officer => "officer",
        }
    }

    /// Does a progress word with this meaning close a recommendation?
    pub const fn closes(self) -> bool {
        matches!(self, Completed | Closed)
    }

    /// The tag colour of this meaning in `list` (a completed RAG rating is
    /// blue, a completed progress status green).
    const fn colour_in(self, list: List) -> Colour {
        match (self, list) {
            (Completed, List::Rag) => Colour::Blue,
            (Completed | OnTrack | Accepted, _) => Colour::Green,
            (InProgress, _) => Colour::Blue,
            (Closed, _) => Colour::Purple,
            (OffTrack | Rejected, _) => Colour::Red,
            (AtRisk | PartlyAccepted, _) => Colour::Amber,
            _ => Colour::Grey,
        }
    }
}

/// The colour of a status tag: the default theme's `mb-tag--<colour>` class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Green,
    Blue,
    Red,
    Amber,
    Yellow,
    Grey,
    Purple,
}

impl Colour {
    const ALL: [(&'static str, Colour); 7] = [
        ("green", Colour::Green),
        ("blue", Colour::Blue),
        ("red", Colour::Red),
        ("amber", Colour::Amber),
        ("yellow", Colour::Yellow),
        ("grey", Colour::Grey),
        ("purple", Colour::Purple),
    ];
}

/// One word of a vocabulary, with everything that follows from it.
#[derive(Debug, Clone, Serialize)]
pub struct Word {
    pub key: String,
    pub label: String,
    /// What it counts as: as written in `counts_as`, else a default key's.
    pub counts_as: Option<Meaning>,
    /// `counts_as` was written in site.yaml.
    #[serde(skip)]
    pub written: bool,
    /// A progress word that closes a recommendation: nothing is overdue.
    pub closes: bool,
    pub colour: Colour,
}

/// A vocabulary: its words in the order the site gives them.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub list: List,
    pub words: Vec<Word>,
}

impl Vocabulary {
    /// The list a site gets when it gives none.
    pub fn defaults(list: List) -> Self {
        let words = list
            .defaults()
            .iter()
            .map(|(k, l, m)| Word {
                key: k.to_string(),
                label: l.to_string(),
                counts_as: *m,
                written: false,
                closes: list == List::Progress && m.is_some_and(Meaning::closes),
                colour: list.default_colour(k).unwrap_or(Colour::Grey),
            })
            .collect();
        Vocabulary { list, words }
    }

    /// A list the site gives, checking what each word says.
    pub fn given(list: List, m: &OrderedMap<Spanned<VocabEntry>>, diags: &mut Vec<Diagnostic>) -> Self {
        // Before `counts_as`, once any progress word said `closes`, only the
        // words marked `closes: true` closed a recommendation.
        let any_closes = m.iter().any(|(_, e)| e.value.closes.is_some());
        let words = m.iter().map(|(k, e)| word(list, k, e, any_closes, diags)).collect();
        let v = Vocabulary { list, words };
        v.warn_if_meaningless(m, diags);
        v
    }

    /// A list of labels only (`form_of_scrutiny`).
    pub fn labels(list: List, m: &OrderedMap<String>) -> Self {
        let words = m
            .iter()
            .map(|(k, l)| Word {
                key: k.clone(),
                label: l.clone(),
                counts_as: None,
                written: false,
                closes: false,
                colour: Colour::Grey,
            })
            .collect();
        Vocabulary { list, words }
    }

    pub fn word(&self, key: &str) -> Option<&Word> {
        self.words.iter().find(|w| w.key == key)
    }

    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.word(key).map_or(key, |w| w.label.as_str())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.word(key).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| w.key.as_str())
    }

    /// What `key` counts as, if anything.
    pub fn counts_as(&self, key: &str) -> Option<Meaning> {
        self.word(key).and_then(|w| w.counts_as)
    }

    /// Does this progress status close a recommendation?
    pub fn closes(&self, key: &str) -> bool {
        self.word(key).is_some_and(|w| w.closes)
    }

    /// The tag colour of `key` (grey for a word outside the list).
    pub fn colour(&self, key: &str) -> Colour {
        self.word(key).map_or(Colour::Grey, |w| w.colour)
    }

    /// Is a plan action rated `key` finished (never overdue)? A word that
    /// says `counts_as` is finished when it counts as completed; one that
    /// says nothing, when its key or label says complete, completed, done or
    /// achieved (`blue: Complete` in the default `rag`).
    pub fn completes(&self, key: &str) -> bool {
        match self.word(key) {
            Some(w) if w.written => w.counts_as == Some(Completed),
            Some(w) => says_complete(&w.key, &w.label),
            None => says_complete(key, key),
        }
    }

    /// Check `value` against the vocabulary, with a "did you mean".
    pub fn check(
        &self,
        name: &str,
        value: &str,
        file: &str,
        at: crate::diagnostics::Pos,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if self.contains(value) {
            return true;
        }
        let keys: Vec<&str> = self.keys().collect();
        let help = match crate::suggest::closest(value, keys.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("use one of: {}", keys.join(", ")),
        };
        diags.push(
            Diagnostic::at(file, at, format!("`{value}` is not in the site's `{name}` vocabulary")).with_help(help),
        );
        false
    }

    /// A given progress list in which nothing closes a recommendation, or an
    /// attendance list in which nothing counts as present, is almost always
    /// a renamed word whose meaning was not said: a warning at the first word.
    fn warn_if_meaningless(&self, m: &OrderedMap<Spanned<VocabEntry>>, diags: &mut Vec<Diagnostic>) {
        let Some((_, first)) = m.iter().next() else {
            return;
        };
        let (missing, help) = match self.list {
            List::Progress if !self.words.iter().any(|w| w.closes) => (
                "no word of the `progress` vocabulary closes a recommendation, so every past-due action will be overdue",
                "add `counts_as: completed` to the word for done, and `counts_as: closed` to words such as superseded or withdrawn",
            ),
            List::Attendance if !self.words.iter().any(|w| w.counts_as == Some(Present)) => (
                "no word of the `attendance` vocabulary counts as present, so every member will be counted absent",
                "add `counts_as: present` to the word for members who attended, e.g. `attended: { label: Present, counts_as: present }`",
            ),
            _ => return,
        };
        diags.push(Diagnostic::warn_at("site.yaml", pos(first), missing).with_help(help));
    }
}

/// The old test for a finished plan action, kept for words without `counts_as`.
fn says_complete(key: &str, label: &str) -> bool {
    let k = key.to_lowercase();
    let l = label.to_lowercase();
    matches!(k.as_str(), "blue" | "complete" | "completed" | "done" | "achieved")
        || l.starts_with("complete")
        || l == "done"
        || l == "achieved"
}

/// One word of a given list, with errors for what it may not say.
fn word(list: List, key: &str, e: &Spanned<VocabEntry>, any_closes: bool, diags: &mut Vec<Diagnostic>) -> Word {
    let e = &e.value;
    let written = e.counts_as.as_ref().and_then(|c| meaning(list, c, diags));
    let counts_as = written.or_else(|| list.default_meaning(key));
    let colour = e
        .colour
        .as_ref()
        .and_then(|c| colour(c, diags))
        .or_else(|| written.map(|m| m.colour_in(list)))
        .or_else(|| list.default_colour(key))
        .unwrap_or(Colour::Grey);
    let closes = match (&e.closes, written) {
        (Some(c), _) if list != List::Progress => {
            diags.push(
                Diagnostic::at(
                    "site.yaml",
                    pos(c),
                    format!("`closes` is not used in the `{}` vocabulary", list.name()),
                )
                .with_help(
                    "only progress words close a recommendation; say what this word counts as with `counts_as:`",
                ),
            );
            false
        }
        (Some(c), Some(m)) if c.value != m.closes() => {
            diags.push(
                Diagnostic::at(
                    "site.yaml",
                    pos(c),
                    format!("`closes: {}` contradicts `counts_as: {}`", c.value, m.word()),
                )
                .with_help("a word that counts as completed or closed closes a recommendation, and no other does: remove `closes`"),
            );
            c.value
        }
        (Some(c), _) => c.value,
        (None, Some(m)) => list == List::Progress && m.closes(),
        (None, None) if any_closes => false,
        (None, None) => list == List::Progress && counts_as.is_some_and(Meaning::closes),
    };
    Word {
        key: key.to_string(),
        label: e.label.clone(),
        counts_as,
        written: written.is_some(),
        closes,
        colour,
    }
}

/// The meaning `counts_as` names, or an error listing those the list allows.
fn meaning(list: List, c: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<Meaning> {
    let allowed = list.meanings();
    if let Some(m) = allowed.iter().find(|m| m.word() == c.value) {
        return Some(*m);
    }
    let words: Vec<&str> = allowed.iter().map(|m| m.word()).collect();
    let help = match crate::suggest::closest(&c.value, words.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("a `{}` word counts as one of: {}", list.name(), words.join(", ")),
    };
    diags.push(
        Diagnostic::at(
            "site.yaml",
            pos(c),
            format!(
                "`counts_as: {}` is not a meaning a `{}` word can have",
                c.value,
                list.name()
            ),
        )
        .with_help(help),
    );
    None
}

/// The colour `colour:` names, or an error listing the tag colours.
fn colour(c: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<Colour> {
    if let Some((_, col)) = Colour::ALL.iter().find(|(n, _)| *n == c.value) {
        return Some(*col);
    }
    let names: Vec<&str> = Colour::ALL.iter().map(|(n, _)| *n).collect();
    let help = match crate::suggest::closest(&c.value, names.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("use one of: {}", names.join(", ")),
    };
    diags.push(Diagnostic::at("site.yaml", pos(c), format!("`{}` is not a tag colour", c.value)).with_help(help));
    None
}

/// Every vocabulary of the site, defaults filled in.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabularies {
    pub decision: Vocabulary,
    pub progress: Vocabulary,
    pub rag: Vocabulary,
    pub attendance: Vocabulary,
    pub form_of_scrutiny: Vocabulary,
}

impl Vocabularies {
    /// The site's lists (site.yaml's `vocabularies:`), each replacing its default.
    pub fn resolve(given: &Given, diags: &mut Vec<Diagnostic>) -> Self {
        let mut pick = |list: List, m: &Option<OrderedMap<Spanned<VocabEntry>>>| match m {
            Some(m) => Vocabulary::given(list, m, diags),
            None => Vocabulary::defaults(list),
        };
        Vocabularies {
            decision: pick(List::Decision, &given.decision),
            progress: pick(List::Progress, &given.progress),
            rag: pick(List::Rag, &given.rag),
            attendance: pick(List::Attendance, &given.attendance),
            form_of_scrutiny: given.form_of_scrutiny.as_ref().map_or_else(
                || Vocabulary::defaults(List::FormOfScrutiny),
                |m| Vocabulary::labels(List::FormOfScrutiny, m),
            ),
        }
    }

    /// Does this progress status close a recommendation?
    pub fn closes(&self, status: &str) -> bool {
        self.progress.closes(status)
    }
}

#[cfg(test)]
mod tests;
