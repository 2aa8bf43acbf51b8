//! What this build must not publish, taken from the resolved site: every
//! document whose publishability (decided once, in resolve) is not public —
//! exempt, embargoed, a draft left out, or withheld under an exempt report —
//! with the text of its body, and the files stored under it.
//!
//! From each one the audit takes its canaries: passages of
//! [`PASSAGE_WORDS`] consecutive words of a paragraph (or table, or list
//! item), spread evenly over the document, and the distinctive words it
//! uses. Which of them are also published (and so not evidence of a leak) is
//! decided in [`super::corpus`].

use std::collections::{BTreeSet, HashMap};

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::text::words_at;
use crate::diagnostics::{Pos, Sources};
use crate::emit::search::tokenize::{is_stop, stem};
use crate::load::references::markdown_options;
use crate::resolve::Site;
use crate::resolve::entities::Kind;
use crate::resolve::meetings::publishable_attachments;
use crate::resolve::model::Markdown;
use crate::resolve::publish::Publish;

/// Words in a canary passage: long enough never to occur by chance.
pub const PASSAGE_WORDS: usize = 8;
/// A paragraph shorter than a passage is still one if it has this many words.
const SHORT_PASSAGE: usize = 6;
/// Candidate passages taken from each document, before published ones are
/// dropped: every passage of a paper of up to about 500 words, so that any
/// leak of fifteen consecutive words of a paragraph is found; longer papers
/// have this many, spread evenly.
const CANDIDATES: usize = 64;
/// Files shorter than this are not compared by their bytes (an empty file
/// is not evidence of anything).
pub const MIN_HASHED: usize = 32;

/// One unpublished document (or file), as diagnostics name it.
#[derive(Debug, Clone)]
pub struct Secret {
    /// The source file, relative to the site root.
    pub file: String,
    /// `exempt report (Schedule 12A paragraph 3)`, `draft page`, …
    pub what: String,
}

/// A text of a secret, with where it starts in its file.
enum Piece<'a> {
    /// Markdown whose first line is `line` of its file.
    Markdown(&'a Markdown),
    /// A plain string from a YAML field, found in its file to say where.
    Plain(&'a str, &'a str),
    /// A whole YAML file (data sets, plans), by path: each `key: value`
    /// starts a block.
    Yaml(&'a str),
}

impl Piece<'_> {
    /// The file whose text this piece needs read: a detached body's (see
    /// [`crate::load::load_lean`]), a plain string's (to say where it is), a
    /// whole YAML file.
    fn file(&self) -> Option<&str> {
        match self {
            Piece::Markdown(md) => md.text.is_detached().then_some(&*md.file),
            Piece::Plain(_, file) | Piece::Yaml(file) => Some(file),
        }
    }
}

/// The texts of the files that unpublished documents' pieces need, each read
/// once (held, or read again if it still holds what the build read).
type Texts<'a> = HashMap<&'a str, std::sync::Arc<str>>;

/// A passage or word of a secret: the secret's index and where it is.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub secret: usize,
    pub pos: Pos,
}

/// Everything the audit looks for.
#[derive(Debug, Default)]
pub struct Secrets {
    pub list: Vec<Secret>,
    /// Candidate passages, written ` w1 … w8 `.
    pub passages: HashMap<String, Vec<Origin>>,
    /// Distinctive words (three or more characters, with a letter), and
    /// their search stems.
    pub words: HashMap<String, Origin>,
    /// Whole files by (length, hash).
    pub files: HashMap<(usize, u64), Origin>,
    /// Source files that are wholly unpublished (not part of the published corpus).
    pub secret_files: BTreeSet<String>,
    /// A quick test that rules out most words before `words` is asked.
    pub word_filter: WordFilter,
}

/// A bit per (first byte, second byte, length) of the distinctive words:
/// checking it costs a shift, where hashing a word costs much more, and
/// nearly every word of a published text fails it.
#[derive(Debug, Clone)]
pub struct WordFilter(Vec<u64>);

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter(vec![0; (128 * 128 * 32) / 64])
    }
}

impl WordFilter {
    fn slot(w: &str) -> usize {
        let b = w.as_bytes();
        let first = usize::from(b.first().copied().unwrap_or(0) & 0x7f);
        let second = usize::from(b.get(1).copied().unwrap_or(0) & 0x7f);
        (first << 12) | (second << 5) | w.len().min(31)
    }

    fn insert(&mut self, w: &str) {
        let i = Self::slot(w);
        if let Some(x) = self.0.get_mut(i / 64) {
            *x |= 1 << (i % 64);
        }
    }

    /// Might `w` be one of the words? (`false` is certain.)
    pub fn may_hold(&self, w: &str) -> bool {
        let i = Self::slot(w);
        self.0.get(i / 64).is_some_and(|x| x & (1 << (i % 64)) != 0)
    }
}

/// How an unpublished decision reads in a message.
pub fn state_words(p: Publish) -> String {
    match p {
        Publish::Public => "public".into(),
        Publish::PublicDraft => "public draft".into(),
        Publish::Exempt(0) => "exempt".into(),
        Publish::Exempt(n) => format!("exempt (Schedule 12A paragraph {n})"),
        Publish::Embargoed(d) => format!("embargoed (until {})", d.long()),
        Publish::Draft => "draft (drafts are not published)".into(),
        Publish::Withheld => "withheld (stored under an exempt or withheld report)".into(),
    }
}

fn describe(kind: &str, p: Publish) -> String {
    let state = state_words(p);
    match state.split_once(' ') {
        Some((first, rest)) => format!("{first} {kind} {rest}"),
        None => format!("{state} {kind}"),
    }
}

pub fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Every unpublished document of `site` with its texts.
fn gather<'a>(site: &'a Site, sources: &'a Sources) -> (Vec<Secret>, Vec<(usize, Piece<'a>)>, BTreeSet<String>) {
    let mut list = Vec::new();
    let mut pieces: Vec<(usize, Piece)> = Vec::new();
    let mut files = BTreeSet::new();
    // Files read, whether their texts are held or not.
    let known: std::collections::HashSet<&str> = sources.files().into_iter().map(String::as_str).collect();
    let add = |list: &mut Vec<Secret>, file: &str, kind: &str, p: Publish| {
        list.push(Secret {
            file: file.to_string(),
            what: describe(kind, p),
        });
        list.len() - 1
    };
    for m in site.papers.meetings.iter().filter(|m| !m.publish.is_public()) {
        let s = add(&mut list, &m.file, "agenda", m.publish);
        files.insert(m.file.clone());
        pieces.push((s, Piece::Markdown(&m.notes)));
        for it in &m.items {
            pieces.push((s, Piece::Plain(&it.title, &m.file)));
            if let Some(p) = &it.purpose {
                pieces.push((s, Piece::Plain(p, &m.file)));
            }
        }
    }
    for m in site.papers.minutes.iter().filter(|m| !m.publish.is_public()) {
        let s = add(&mut list, &m.file, "minutes", m.publish);
        files.insert(m.file.clone());
        pieces.push((s, Piece::Markdown(&m.preamble)));
        for x in &m.minutes {
            pieces.push((s, Piece::Plain(&x.title, &m.file)));
            pieces.push((s, Piece::Markdown(&x.body)));
            pieces.extend(x.resolutions.iter().map(|r| (s, Piece::Markdown(&r.text))));
        }
    }
    for r in site.papers.reports.iter().filter(|r| !r.publish.is_public()) {
        let s = add(&mut list, &r.file, "report", r.publish);
        files.insert(r.file.clone());
        pieces.push((s, Piece::Markdown(&r.body)));
        pieces.extend(r.recommendations.iter().map(|(_, t)| (s, Piece::Markdown(t))));
        if let Some(p) = &r.purpose {
            pieces.push((s, Piece::Plain(p, &r.file)));
        }
    }
    for a in site.papers.appendices.iter().filter(|a| !a.publish.is_public()) {
        let s = add(&mut list, &a.file, "appendix", a.publish);
        files.insert(a.file.clone());
        pieces.push((s, Piece::Markdown(&a.body)));
    }
    for q in site.papers.questions.iter().filter(|q| !q.publish.is_public()) {
        let s = add(&mut list, &q.file, "question schedule", q.publish);
        files.insert(q.file.clone());
        for v in q.public.iter().chain(&q.member) {
            pieces.push((s, Piece::Markdown(&v.question)));
            pieces.extend(v.response.iter().map(|r| (s, Piece::Markdown(r))));
            if let Some(sup) = &v.supplementary {
                pieces.extend(sup.question.iter().map(|r| (s, Piece::Markdown(r))));
                pieces.extend(sup.responses.iter().map(|(_, r)| (s, Piece::Markdown(r))));
            }
        }
    }
    for r in site.reviews.iter().filter(|r| !r.publish.is_public()) {
        let s = add(&mut list, &r.body.file, "scrutiny review", r.publish);
        files.insert(r.body.file.to_string());
        pieces.push((s, Piece::Markdown(&r.body)));
    }
    for r in site.recs.iter().filter(|r| !r.publish.is_public()) {
        let s = add(&mut list, &r.file, "recommendation", r.publish);
        pieces.push((s, Piece::Markdown(&r.text)));
        if let Some(t) = r.response.as_ref().and_then(|x| x.text.as_ref()) {
            pieces.push((s, Piece::Markdown(t)));
        }
        pieces.extend(
            r.updates
                .iter()
                .filter_map(|u| u.text.as_ref())
                .map(|t| (s, Piece::Markdown(t))),
        );
        pieces.extend(r.actions.iter().map(|a| (s, Piece::Plain(&a.action, &r.file))));
    }
    for p in site.plans.iter().filter(|p| !p.publish.is_public()) {
        let file = site.registry.get(&p.key).map_or(&*p.intro.file, |e| &*e.file);
        let s = add(&mut list, file, "plan", p.publish);
        pieces.push((s, Piece::Markdown(&p.intro)));
        files.insert(p.intro.file.to_string());
        if known.contains(file) {
            files.insert(file.to_string());
            pieces.push((s, Piece::Yaml(file)));
        }
    }
    for (kind, docs) in [("annual report", &site.annual_reports), ("page", &site.pages)] {
        for d in docs.iter().filter(|d| !d.publish.is_public()) {
            let s = add(&mut list, &d.file, kind, d.publish);
            files.insert(d.file.clone());
            pieces.push((s, Piece::Markdown(&d.body)));
        }
    }
    for e in site.registry.entities.values() {
        if e.key.kind == Kind::Dataset && !e.publish.is_public() && known.contains(&*e.file) {
            let s = add(&mut list, &e.file, "data set", e.publish);
            files.insert(e.file.to_string());
            pieces.push((s, Piece::Yaml(&e.file)));
        }
    }
    (list, pieces, files)
}

/// The blocks of words of a Markdown text, each word with its byte offset:
/// a block is a paragraph, heading, list item or whole table, as a page
/// shows it. Text that a page shows differently (references, which become
/// titles; code blocks and data set fences; raw HTML; image descriptions;
/// footnote marks) ends a block and is left out.
fn markdown_blocks(text: &str) -> Vec<Vec<(String, usize)>> {
    let mut blocks = Vec::new();
    let mut cur: Vec<(String, usize)> = Vec::new();
    let mut skip = 0usize;
    let flush = |cur: &mut Vec<(String, usize)>, blocks: &mut Vec<Vec<(String, usize)>>| {
        if !cur.is_empty() {
            blocks.push(std::mem::take(cur));
        }
    };
    for (ev, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match ev {
            Event::Start(
                Tag::Link {
                    link_type: LinkType::WikiLink { .. },
                    ..
                }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock,
            ) => {
                flush(&mut cur, &mut blocks);
                skip += 1;
            }
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1);
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => {
                // Where the text starts in the source (smart punctuation and
                // escapes may shift it by a character or two).
                words_at(&t, range.start, &mut cur);
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => flush(&mut cur, &mut blocks),
            Event::Start(Tag::Table(_) | Tag::List(_) | Tag::FootnoteDefinition(_))
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => flush(&mut cur, &mut blocks),
            _ => {}
        }
    }
    flush(&mut cur, &mut blocks);
    blocks
}

/// Blocks of a YAML file: each `key:` line starts one; list items and
/// continuation lines (table rows, folded text) carry on the block before.
fn yaml_blocks(text: &str) -> Vec<Vec<(String, usize)>> {
    let mut blocks: Vec<Vec<(String, usize)>> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start().trim_start_matches("- ").trim_start();
        let skipped = line.len() - body.len();
        let key = body
            .find(':')
            .filter(|&c| {
                body[..c]
                    .chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
                    && (body[c + 1..].starts_with([' ', '\n', '\r']) || body[c + 1..].is_empty())
            })
            .filter(|&c| c > 0);
        let (value, at) = match key {
            Some(c) => (&body[c + 1..], offset + skipped + c + 1),
            None => (body, offset + skipped),
        };
        if key.is_some() || blocks.is_empty() {
            blocks.push(Vec::new());
        }
        if let Some(b) = blocks.last_mut() {
            words_at(value, at, b);
        }
        offset += line.len();
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

fn is_distinctive(w: &str) -> bool {
    w.chars().count() >= 3 && w.chars().any(char::is_alphabetic) && !is_stop(w)
}

/// Candidate passages of one block: whole windows, non-overlapping.
fn windows(block: &[(String, usize)], out: &mut Vec<(String, usize)>) {
    let take = |ws: &[(String, usize)], out: &mut Vec<(String, usize)>| {
        if ws.iter().filter(|(w, _)| is_distinctive(w)).count() >= 3 {
            let mut s = String::from(" ");
            for (w, _) in ws {
                s.push_str(w);
                s.push(' ');
            }
            out.push((s, ws[0].1));
        }
    };
    if block.len() < PASSAGE_WORDS {
        if block.len() >= SHORT_PASSAGE {
            take(block, out);
        }
        return;
    }
    for start in (0..=block.len() - PASSAGE_WORDS).step_by(PASSAGE_WORDS) {
        take(&block[start..start + PASSAGE_WORDS], out);
    }
}

/// `n` items spread evenly over `v`.
pub fn spread<T>(mut v: Vec<T>, n: usize) -> Vec<T> {
    if v.len() <= n {
        return v;
    }
    let len = v.len();
    let keep: BTreeSet<usize> = (0..n).map(|i| i * len / n).collect();
    let mut i = 0;
    v.retain(|_| {
        i += 1;
        keep.contains(&(i - 1))
    });
    v
}

/// One piece's candidates: passages and distinctive words, with positions.
type Found = (Vec<(String, Pos)>, Vec<(String, Pos)>);

fn piece_candidates(piece: &Piece, texts: &Texts) -> Found {
    let attached;
    let (text, blocks, start): (&str, _, Pos) = match piece {
        Piece::Markdown(md) => {
            attached = match texts.get(&*md.file) {
                Some(t) if md.text.is_detached() => md.text.attach(t),
                _ => md.text.clone(),
            };
            (&*attached, markdown_blocks(&attached), Pos::new(md.line.max(1), 1))
        }
        Piece::Yaml(file) => {
            let t = texts.get(file).map_or("", |t| &**t);
            (t, yaml_blocks(t), Pos::new(1, 1))
        }
        Piece::Plain(t, file) => {
            let mut b = Vec::new();
            words_at(t, 0, &mut b);
            // Where the string is in its file, when it is there verbatim.
            let at = texts
                .get(file)
                .and_then(|src| src.find(*t).map(|o| Pos::of_offset(src, o, Pos::new(1, 1))))
                .unwrap_or(Pos::new(1, 1));
            (t, vec![b], at)
        }
    };
    let pos = |off: usize| match piece {
        Piece::Plain(..) => start,
        _ => Pos::of_offset(text, off, start),
    };
    let mut passages = Vec::new();
    for b in &blocks {
        windows(b, &mut passages);
    }
    let mut seen = BTreeSet::new();
    let words = blocks
        .iter()
        .flatten()
        .filter(|(w, _)| is_distinctive(w) && seen.insert(w.as_str()))
        .map(|(w, o)| (w.clone(), pos(*o)))
        .collect();
    (passages.into_iter().map(|(p, o)| (p, pos(o))).collect(), words)
}

/// Collect the canaries of every unpublished document of `site`.
pub fn collect(site: &Site, sources: &Sources) -> Secrets {
    let (mut list, pieces, secret_files) = gather(site, sources);
    let needed: BTreeSet<&str> = pieces
        .iter()
        .filter_map(|(_, p)| p.file())
        .chain(secret_files.iter().map(String::as_str))
        .collect();
    let texts: Texts = needed
        .into_par_iter()
        .filter_map(|f| Some((f, sources.read(f)?)))
        .collect();
    let found: Vec<(usize, Found)> = pieces
        .par_iter()
        .map(|(s, p)| (*s, piece_candidates(p, &texts)))
        .collect();
    let mut by_secret: Vec<Found> = (0..list.len()).map(|_| (Vec::new(), Vec::new())).collect();
    for (s, (p, w)) in found {
        if let Some(slot) = by_secret.get_mut(s) {
            slot.0.extend(p);
            slot.1.extend(w);
        }
    }
    let mut out = Secrets::default();
    for (s, (passages, words)) in by_secret.into_iter().enumerate() {
        for (p, pos) in spread(passages, CANDIDATES) {
            out.passages.entry(p).or_default().push(Origin { secret: s, pos });
        }
        for (w, pos) in words {
            // The postings hold a word's search stem, so look for that too.
            let st = stem(&w, false);
            if st != w && is_distinctive(&st) {
                out.words.entry(st).or_insert(Origin { secret: s, pos });
            }
            out.words.entry(w).or_insert(Origin { secret: s, pos });
        }
    }
    for w in out.words.keys() {
        out.word_filter.insert(w);
    }
    // Whole source files of unpublished documents, and withheld attachments.
    for (s, secret) in list.iter().enumerate() {
        if let Some(text) = texts.get(secret.file.as_str())
            && text.len() >= MIN_HASHED
            && secret_files.contains(&secret.file)
        {
            out.files.insert(
                (text.len(), hash(text.as_bytes())),
                Origin {
                    secret: s,
                    pos: Pos::new(1, 1),
                },
            );
        }
    }
    let public: BTreeSet<&std::path::Path> = publishable_attachments(site)
        .into_iter()
        .map(|a| a.source.as_path())
        .collect();
    for a in site.attachments.iter().filter(|a| !public.contains(a.source.as_path())) {
        let Ok(bytes) = std::fs::read(&a.source) else {
            continue;
        };
        if bytes.len() < MIN_HASHED {
            continue;
        }
        let state = attachment_state(site, a);
        list.push(Secret {
            file: a.file.clone(),
            what: describe("attachment", state),
        });
        out.files.insert(
            (bytes.len(), hash(&bytes)),
            Origin {
                secret: list.len() - 1,
                pos: Pos::new(1, 1),
            },
        );
    }
    out.list = list;
    out.secret_files = secret_files;
    out
}

/// Why a withheld attachment is withheld: its report's or meeting's state.
fn attachment_state(site: &Site, a: &crate::load::Attachment) -> Publish {
    use crate::resolve::entities::Key;
    let meeting = site
        .registry
        .get(&Key::new(Kind::Meeting, a.meeting.clone()))
        .map_or(Publish::Withheld, |e| e.publish);
    if !meeting.is_public() {
        return meeting;
    }
    let report = a
        .rel
        .strip_prefix("reports/")
        .and_then(|r| r.split_once('/'))
        .and_then(|(slug, _)| {
            site.registry
                .get(&Key::new(Kind::Report, format!("{}/{slug}", a.meeting)))
        });
    match report.map(|e| e.publish) {
        Some(p) if !p.is_public() => p,
        _ => Publish::Withheld,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_blocks_follow_the_page_and_leave_out_references_and_code() {
        let md = "# Costs\n\nThe *council's* bid [[report:x]] was £1.5m.\n\n```\ncode here\n```\n\n| A | B |\n|---|---|\n| one | two |\n";
        let blocks: Vec<Vec<String>> = markdown_blocks(md)
            .into_iter()
            .map(|b| b.into_iter().map(|(w, _)| w).collect())
            .collect();
        assert_eq!(blocks[0], vec!["costs"]);
        assert_eq!(blocks[1], vec!["the", "council", "s", "bid"]);
        assert_eq!(blocks[2], vec!["was", "1", "5m"]);
        assert_eq!(blocks[3], vec!["a", "b", "one", "two"], "{blocks:?}");
        assert!(!blocks.iter().flatten().any(|w| w == "code"));
    }

    #[test]
    fn yaml_blocks_start_at_keys_and_carry_on_over_rows() {
        let y = "title: Tender prices\nrows:\n  - [Bidder A, 52]\n  - [Bidder B, 49]\n";
        let blocks = yaml_blocks(y);
        let words: Vec<Vec<&str>> = blocks
            .iter()
            .map(|b| b.iter().map(|(w, _)| w.as_str()).collect())
            .collect();
        assert_eq!(
            words,
            vec![vec!["tender", "prices"], vec!["bidder", "a", "52", "bidder", "b", "49"]]
        );
        assert_eq!(&y[blocks[1][0].1..blocks[1][0].1 + 6], "Bidder");
    }

    #[test]
    fn spread_keeps_first_and_spaces_the_rest() {
        assert_eq!(spread((0..10).collect(), 3), vec![0, 3, 6]);
        assert_eq!(spread(vec![1, 2], 5), vec![1, 2]);
    }

    #[test]
    fn states_read_as_words() {
        assert_eq!(
            describe("report", Publish::Exempt(3)),
            "exempt report (Schedule 12A paragraph 3)"
        );
        assert_eq!(
            describe("page", Publish::Draft),
            "draft page (drafts are not published)"
        );
    }
}
