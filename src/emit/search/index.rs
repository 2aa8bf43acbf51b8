//! The search index format (version 2), written under `search/` and read by
//! `static/js/search.js`. Made for archives: the browser fetches only the
//! parts a query needs, and the file count stays bounded however large the
//! archive (static hosts limit file counts; see [`FRAG_FILES`] and the other
//! budgets).
//!
//! - `meta.json`: the document count, the first word of each dictionary
//!   chunk and the first term of each postings and positions chunk, the
//!   fragment group size, the filter values (kinds, committees, municipal
//!   years), glossary synonyms and the stop words.
//! - `facets.json`: one column per filter, `{"kind": […], "committee": […],
//!   "year": […], "date": […]}`, per document (by number): indexes into
//!   meta's lists (−1 for none) and the date as `yyyymmdd` (0 for none).
//!   Counts, filters, "newest first" and each result's kind, committee and
//!   date come from it.
//! - `dict/<n>.json`: sorted words → the term they are filed under (their
//!   English stem; `""` when the word is its own term). Words sharing a stem
//!   are found through it, so the browser needs no stemmer.
//! - `post/<n>.bin`: terms in sorted order, each `len, term, len, postings`
//!   (LEB128 varints). Postings are the document count `df`, then the
//!   documents — form `0`: `df` gaps (the first document, then each as
//!   `doc − previous − 1`); form `1`: the first document, a byte count and a
//!   bitset of documents from the first (bit `i` of byte `j` is document
//!   `first + 8j + i`), whichever is smaller — then `df` impact bytes in
//!   document order, `round(3 ln tf) << 1 | in title or a heading`. Enough
//!   for exact counts, filters and ranking, so most queries fetch nothing
//!   more; a term in every document costs about 1.3 bytes a document.
//! - `pos/<n>.bin`: the same terms, in chunks of their own (meta's `pos`
//!   lists their first terms), `len, term, len, positions` with per document
//!   (in postings order) `n, position deltas…` (at most [`MAX_POSITIONS`]);
//!   fetched only for phrases.
//! - `frag/<n>.json`: `[title, url, text]` for [`Layout::group`] documents
//!   each; the text is the start of the document's text after its title (cut
//!   at a word near [`EXCERPT_CHARS`] characters), for the excerpt.
//!
//! Built in parallel: each thread indexes a run of documents into a partial
//! index (words stemmed once per run, postings already compact), and the
//! partials are merged term by term in document order, so the bytes do not
//! depend on how the documents were split.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::tokenize::{STOP_WORDS, each_token, is_stop, stem};
use crate::diagnostics::Diagnostic;
use crate::render::packed::Spill;
use crate::render::published::{Doc, DocKind};

/// Positions kept per term and document (enough for phrases).
pub const MAX_POSITIONS: usize = 16;
/// Characters of a document's text kept for its excerpt.
pub const EXCERPT_CHARS: usize = 600;
/// Fragment files at most: documents are grouped so there are no more.
pub const FRAG_FILES: usize = 1_100;
/// Dictionary, postings and positions files at most (each a little over,
/// see [`Chunks`]): with the fragments, under 2,000 files at any size.
const DICT_FILES: usize = 200;
const POST_FILES: usize = 300;
const POS_FILES: usize = 300;
/// Smallest chunks, so that small sites have few files.
const MIN_DICT_BYTES: usize = 4 * 1024;
const MIN_POST_BYTES: usize = 16 * 1024;
/// Postings read back at once to be made into records.
const BATCH_BYTES: usize = 8 << 20;
/// Documents per run at most (see [`run_size`]).
const RUN_DOCS: usize = 2048;
/// Postings made into records between two givings-back of scratch memory.
const TRIM_BYTES: usize = 16 << 20;

/// Sizes of the index's parts.
pub struct Layout {
    /// Documents per fragment file.
    pub group: usize,
}

impl Layout {
    pub fn for_docs(docs: usize) -> Layout {
        Layout {
            group: docs.div_ceil(FRAG_FILES).max(8),
        }
    }
}

/// What the index is built from: each document with its filter values.
pub struct Entry<'a> {
    pub doc: &'a Doc,
    pub committee: Option<usize>,
    pub year: Option<usize>,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    docs: usize,
    group: usize,
    dict: Vec<String>,
    post: Vec<String>,
    pos: Vec<String>,
    kinds: Vec<(&'static str, &'static str)>,
    committees: &'a [(String, String)],
    years: &'a [String],
    synonyms: &'a [(String, String)],
    stop: &'static [&'static str],
}

#[derive(Serialize)]
struct Facets {
    kind: Vec<i64>,
    committee: Vec<i64>,
    year: Vec<i64>,
    date: Vec<i64>,
}

/// Filter values shown to people.
pub struct Filters<'a> {
    pub committees: &'a [(String, String)],
    pub years: &'a [String],
    /// (acronym, meaning), lowercased.
    pub synonyms: &'a [(String, String)],
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn read_varint(b: &[u8], at: &mut usize) -> u32 {
    varint_from(|| {
        let byte = b.get(*at).copied();
        *at += usize::from(byte.is_some());
        byte
    })
    .0
}

/// A varint from the bytes `next` gives, and whether it was whole (the
/// bytes did not run out before its last one).
fn varint_from(mut next: impl FnMut() -> Option<u8>) -> (u32, bool) {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(byte) = next() {
        v |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        if byte < 0x80 {
            return (v, true);
        }
        shift += 7;
    }
    (v, false)
}

/// A document's impact byte for a term: `round(3 ln tf) << 1 | in title`,
/// from `tf << 1 | in title`.
fn impact(tf2: u32) -> u8 {
    let tf = f64::from((tf2 >> 1).max(1));
    let level = (3.0 * tf.ln()).round().min(63.0) as u8;
    level << 1 | u8::from(tf2 & 1 == 1)
}

/// One term's postings in one run of documents, already compact.
#[derive(Default)]
struct TermDocs {
    /// The run's documents: the first as itself, then `doc − previous − 1`.
    gaps: Vec<u8>,
    /// An impact byte per document, but the open one.
    impacts: Vec<u8>,
    /// Per document: a count, then position deltas.
    positions: Vec<u8>,
    first: u32,
    last: u32,
    /// `tf << 1 | in title` of the last document while it is being read.
    open: Option<u32>,
    /// Where the last document's position count is.
    count_at: usize,
    last_pos: u32,
}

impl TermDocs {
    fn hit(&mut self, doc: u32, pos: u32) {
        match self.open.as_mut() {
            Some(tf) if self.last == doc => *tf = tf.saturating_add(2),
            _ => {
                let gap = match self.open.take() {
                    Some(tf) => {
                        self.impacts.push(impact(tf));
                        doc - self.last - 1
                    }
                    None => {
                        self.first = doc;
                        doc
                    }
                };
                varint(&mut self.gaps, gap);
                self.last = doc;
                self.open = Some(2);
                self.count_at = self.positions.len();
                self.positions.push(0);
                self.last_pos = 0;
            }
        }
        if let Some(n) = self.positions.get_mut(self.count_at)
            && usize::from(*n) < MAX_POSITIONS
        {
            *n += 1;
            varint(&mut self.positions, pos - self.last_pos);
            self.last_pos = pos;
        }
    }

    /// Finish the last document, and give back the room left over.
    fn close(&mut self) {
        if let Some(tf) = self.open.take() {
            self.impacts.push(impact(tf));
        }
        self.gaps.shrink_to_fit();
        self.impacts.shrink_to_fit();
        self.positions.shrink_to_fit();
    }
}

/// What a thread keeps from one run of documents to the next: each word met
/// with its term (the stem cache), and each term's postings in the current
/// run.
#[derive(Default)]
struct Slot {
    /// Each word met → its term's number (`u32::MAX` for a stop word) and
    /// the last run that met it (its first document's number): the stem
    /// cache, and the dictionary.
    words: FxHashMap<Box<str>, (u32, u32)>,
    /// The run being indexed (its first document's number).
    run: u32,
    /// Whether each word records the last run that met it (see [`Memo`]).
    keep_words: bool,
    terms: FxHashMap<Box<str>, u32>,
    /// Each term's name and postings in the current run, by number.
    names: Vec<Box<str>>,
    lists: Vec<TermDocs>,
    /// The terms met in the current run.
    used: Vec<u32>,
}

const STOP: u32 = u32::MAX;

/// A run of documents indexed: its terms in order with their sizes
/// (`head`), their postings in the same order (`body`), and its fragment
/// files.
struct RunIndex {
    head: Vec<u8>,
    body: Vec<u8>,
    frags: Vec<(String, Vec<u8>)>,
    /// The words the run met, with their terms (stop words left out), when
    /// the run is kept for the next build ([`Memo`]); empty otherwise.
    words: Vec<(Box<str>, Box<str>)>,
}

impl Slot {
    fn term(&mut self, word: &str, compound: bool) -> u32 {
        // Only a run kept for the next build needs to know its own words:
        // a cold build does not write on every word.
        if !self.keep_words {
            if let Some(&(t, _)) = self.words.get(word) {
                return t;
            }
        } else if let Some((t, run)) = self.words.get_mut(word) {
            *run = self.run;
            return *t;
        }
        let t = if is_stop(word) {
            STOP
        } else {
            let term = stem(word, compound);
            match self.terms.get(term.as_str()) {
                Some(&t) => t,
                None => {
                    let t = u32::try_from(self.lists.len()).unwrap_or(STOP);
                    let term = term.into_boxed_str();
                    self.terms.insert(term.clone(), t);
                    self.names.push(term);
                    self.lists.push(TermDocs::default());
                    t
                }
            }
        };
        self.words.insert(word.into(), (t, self.run));
        t
    }

    fn add(&mut self, id: u32, doc: &Doc, samples: &mut Vec<String>) {
        let mut titled: Vec<u32> = Vec::new();
        let mut title_word = |p: &mut Slot, w: &str, compound: bool| {
            let t = p.term(w, compound);
            if t != STOP {
                titled.push(t);
            }
        };
        each_token(&doc.title, 0, |w, _, c| title_word(self, w, c));
        for h in &doc.headings() {
            each_token(&h.text, 0, |w, _, c| title_word(self, w, c));
        }
        let text = doc.text.unpack();
        samples.push(sample(doc, &text));
        each_token(&text, 0, |w, pos, c| {
            let t = self.term(w, c);
            if let Some(list) = self.lists.get_mut(t as usize) {
                if list.open.is_none() && list.impacts.is_empty() {
                    self.used.push(t);
                }
                list.hit(id, pos);
            }
        });
        for t in titled {
            if let Some(list) = self.lists.get_mut(t as usize)
                && list.last == id
                && let Some(tf) = list.open.as_mut()
            {
                *tf |= 1;
            }
        }
    }

    /// Index the documents `entries`, the first of which is document
    /// `first`; the slot's postings are then empty again.
    fn index(&mut self, entries: &[Entry], first: usize, group: usize, keep_words: bool) -> RunIndex {
        self.run = u32::try_from(first).unwrap_or(STOP);
        self.keep_words = keep_words;
        let mut samples = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            self.add(u32::try_from(first + i).unwrap_or(STOP), e.doc, &mut samples);
        }
        let mut used = std::mem::take(&mut self.used);
        let name = |t: &u32| self.names.get(*t as usize).map_or("", |n| &**n);
        used.sort_unstable_by(|a, b| name(a).cmp(name(b)));
        let (mut head, mut body) = (Vec::new(), Vec::new());
        for &t in &used {
            let Some(list) = self.lists.get_mut(t as usize) else {
                continue;
            };
            let mut list = std::mem::take(list);
            list.close();
            let term = self.names.get(t as usize).map_or("", |n| &**n);
            varint(&mut head, u32::try_from(term.len()).unwrap_or(0));
            head.extend_from_slice(term.as_bytes());
            let s = list.sizes();
            for v in [s.first, s.last] {
                varint(&mut head, v);
            }
            for n in [s.gaps, s.impacts, s.positions] {
                varint(&mut head, u32::try_from(n).unwrap_or(u32::MAX));
            }
            body.extend_from_slice(&list.gaps);
            body.extend_from_slice(&list.impacts);
            body.extend_from_slice(&list.positions);
        }
        used.clear();
        self.used = used;
        // Runs are whole fragment groups, so each run makes its own.
        let frags = entries
            .chunks(group)
            .zip(samples.chunks(group))
            .enumerate()
            .map(|(g, (docs, samples))| {
                let rows: Vec<(&str, &str, &str)> = docs
                    .iter()
                    .zip(samples)
                    .map(|(e, s)| (e.doc.title.as_str(), e.doc.url.as_str(), s.as_str()))
                    .collect();
                (
                    format!("search/frag/{}.json", first / group + g),
                    serde_json::to_vec(&rows).unwrap_or_default(),
                )
            })
            .collect();
        let words = if keep_words {
            self.words
                .iter()
                .filter(|(_, (t, run))| *run == self.run && *t != STOP)
                .map(|(w, (t, _))| (w.clone(), self.names.get(*t as usize).cloned().unwrap_or_default()))
                .collect()
        } else {
            Vec::new()
        };
        RunIndex {
            head,
            body,
            frags,
            words,
        }
    }
}

/// The sizes of one term's postings in one run.
#[derive(Clone, Copy, Debug, Default)]
struct Sizes {
    first: u32,
    last: u32,
    gaps: usize,
    impacts: usize,
    positions: usize,
}

impl TermDocs {
    fn sizes(&self) -> Sizes {
        Sizes {
            first: self.first,
            last: self.last,
            gaps: self.gaps.len(),
            impacts: self.impacts.len(),
            positions: self.positions.len(),
        }
    }
}

/// Where a run's part is kept: in the build's temporary file, or in memory
/// where it could not be written there.
enum Held {
    File { at: u64, len: u64 },
    Mem(Arc<Vec<u8>>),
}

impl Held {
    fn new(bytes: Vec<u8>, spill: Option<&Spill>) -> Held {
        match spill.and_then(|s| s.put(&bytes)) {
            Some((at, len)) => Held::File {
                at,
                len: u64::from(len),
            },
            None => Held::Mem(Arc::new(bytes)),
        }
    }
}

/// Bytes read back in order from a [`Held`] part, a block at a time.
struct Reader<'a> {
    spill: Option<&'a Spill>,
    at: u64,
    len: u64,
    read: u64,
    buf: std::borrow::Cow<'a, [u8]>,
    pos: usize,
}

/// Bytes read from the temporary file at once.
const READ_BYTES: u64 = 64 * 1024;

impl<'a> Reader<'a> {
    fn new(held: &'a Held, spill: Option<&'a Spill>) -> Reader<'a> {
        let (at, len, buf) = match held {
            Held::File { at, len } => (*at, *len, std::borrow::Cow::Owned(Vec::new())),
            Held::Mem(b) => (0, 0, std::borrow::Cow::Borrowed(&b[..])),
        };
        Reader {
            spill,
            at,
            len,
            read: 0,
            buf,
            pos: 0,
        }
    }

    /// The unread bytes in the buffer, filled again when used up; empty at
    /// the end (or after a failed read, which the spill file records).
    fn unread(&mut self) -> &[u8] {
        if self.pos >= self.buf.len()
            && let Some(spill) = self.spill
            && self.read < self.len
        {
            let n = (self.len - self.read).min(READ_BYTES);
            match spill.get(self.at + self.read, u32::try_from(n).unwrap_or(0)) {
                Some(b) => {
                    self.buf = std::borrow::Cow::Owned(b);
                    self.pos = 0;
                    self.read += n;
                }
                None => self.read = self.len,
            }
        }
        self.buf.get(self.pos..).unwrap_or_default()
    }

    fn varint(&mut self) -> Option<u32> {
        let (v, whole) = varint_from(|| {
            let byte = *self.unread().first()?;
            self.pos += 1;
            Some(byte)
        });
        whole.then_some(v)
    }

    fn bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let want = n - out.len();
            let unread = self.unread();
            if unread.is_empty() {
                return None;
            }
            let take = want.min(unread.len());
            out.extend_from_slice(unread.get(..take).unwrap_or_default());
            self.pos += take;
        }
        Some(out)
    }

    /// The next term of a run's `head`, with its sizes.
    fn head(&mut self) -> Option<(Box<str>, Sizes)> {
        let len = self.varint()? as usize;
        let name = String::from_utf8(self.bytes(len)?).ok()?.into_boxed_str();
        let mut s = Sizes {
            first: self.varint()?,
            last: self.varint()?,
            ..Sizes::default()
        };
        s.gaps = self.varint()? as usize;
        s.impacts = self.varint()? as usize;
        s.positions = self.varint()? as usize;
        Some((name, s))
    }

    /// A term's postings from a run's `body`, as indexed.
    fn postings(&mut self, s: Sizes) -> Option<TermDocs> {
        Some(TermDocs {
            gaps: self.bytes(s.gaps)?,
            impacts: self.bytes(s.impacts)?,
            positions: self.bytes(s.positions)?,
            first: s.first,
            last: s.last,
            ..TermDocs::default()
        })
    }
}

/// The runs' terms merged into one order: each term with its sizes in
/// each run that has it, in run order.
struct Merge<'a> {
    heads: Vec<Reader<'a>>,
    next: std::collections::BinaryHeap<std::cmp::Reverse<(Box<str>, usize)>>,
    sizes: Vec<Sizes>,
}

impl<'a> Merge<'a> {
    fn new(runs: &'a [(Held, Held)], spill: Option<&'a Spill>) -> Merge<'a> {
        let mut m = Merge {
            heads: runs.iter().map(|(head, _)| Reader::new(head, spill)).collect(),
            next: std::collections::BinaryHeap::new(),
            sizes: vec![Sizes::default(); runs.len()],
        };
        (0..runs.len()).for_each(|r| m.advance(r));
        m
    }

    fn advance(&mut self, run: usize) {
        if let Some(reader) = self.heads.get_mut(run)
            && let Some((name, s)) = reader.head()
            && let Some(slot) = self.sizes.get_mut(run)
        {
            *slot = s;
            self.next.push(std::cmp::Reverse((name, run)));
        }
    }
}

impl Iterator for Merge<'_> {
    type Item = (Box<str>, Vec<(usize, Sizes)>);

    fn next(&mut self) -> Option<Self::Item> {
        let std::cmp::Reverse((name, run)) = self.next.pop()?;
        let mut parts = Vec::new();
        let mut run = run;
        loop {
            parts.push((run, self.sizes.get(run).copied().unwrap_or_default()));
            self.advance(run);
            match self.next.peek() {
                Some(std::cmp::Reverse((n, r))) if *n == name => {
                    run = *r;
                    self.next.pop();
                }
                _ => break,
            }
        }
        Some((name, parts))
    }
}

/// A term's postings record (`len, term, len, postings`) and positions
/// record, from its parts in document order.
fn records(term: &str, parts: &[TermDocs]) -> (Vec<u8>, Vec<u8>) {
    let df: usize = parts.iter().map(|p| p.impacts.len()).sum();
    // The gaps of all the runs as one list: each run's first document is
    // stored as itself, so it becomes a gap from the run before.
    let mut gaps = Vec::with_capacity(parts.iter().map(|p| p.gaps.len()).sum());
    let mut prev: Option<u32> = None;
    for p in parts {
        let mut at = 0;
        let first = read_varint(&p.gaps, &mut at);
        varint(&mut gaps, prev.map_or(first, |l| first - l - 1));
        gaps.extend_from_slice(p.gaps.get(at..).unwrap_or_default());
        prev = Some(p.last);
    }
    let first = parts.first().map_or(0, |p| p.first);
    let last = prev.unwrap_or(0);
    let bits = ((last - first) / 8 + 1) as usize;
    let mut post = Vec::with_capacity(df + gaps.len().min(bits) + 8);
    varint(&mut post, u32::try_from(df).unwrap_or(u32::MAX));
    if bits + 8 < gaps.len() {
        post.push(1);
        varint(&mut post, first);
        varint(&mut post, u32::try_from(bits).unwrap_or(u32::MAX));
        let start = post.len();
        post.resize(start + bits, 0);
        let (mut at, mut doc) = (0, None::<u32>);
        while at < gaps.len() {
            let gap = read_varint(&gaps, &mut at);
            let d = doc.map_or(gap, |d| d + gap + 1);
            doc = Some(d);
            let bit = (d - first) as usize;
            if let Some(b) = post.get_mut(start + bit / 8) {
                *b |= 1 << (bit % 8);
            }
        }
    } else {
        post.push(0);
        post.extend_from_slice(&gaps);
    }
    parts.iter().for_each(|p| post.extend_from_slice(&p.impacts));
    let positions: Vec<u8> = parts.iter().flat_map(|p| p.positions.iter().copied()).collect();
    (frame(term, &post), frame(term, &positions))
}

/// The sizes of [`records`]`(term, parts)`, worked out from the parts'
/// sizes without making them.
fn record_sizes(term: &str, parts: &[Sizes]) -> (usize, usize) {
    let df: usize = parts.iter().map(|p| p.impacts).sum();
    let mut gaps = 0;
    let mut prev: Option<u32> = None;
    for p in parts {
        // A run's gaps start with its first document, as itself.
        let at = varint_size(p.first);
        gaps += varint_size(prev.map_or(p.first, |l| p.first - l - 1)) + p.gaps.saturating_sub(at);
        prev = Some(p.last);
    }
    let first = parts.first().map_or(0, |p| p.first);
    let last = prev.unwrap_or(0);
    let bits = ((last - first) / 8 + 1) as usize;
    let docs = if bits + 8 < gaps {
        varint_size(first) + varint_size(u32::try_from(bits).unwrap_or(u32::MAX)) + bits
    } else {
        gaps
    };
    let post = varint_size(u32::try_from(df).unwrap_or(u32::MAX)) + 1 + docs + df;
    let pos: usize = parts.iter().map(|p| p.positions).sum();
    let framed = |payload: usize| {
        varint_size(u32::try_from(term.len()).unwrap_or(0))
            + term.len()
            + varint_size(u32::try_from(payload).unwrap_or(0))
            + payload
    };
    (framed(post), framed(pos))
}

/// How many bytes [`varint`] writes for `v`.
fn varint_size(v: u32) -> usize {
    (32 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

/// `len, term, len, payload`.
fn frame(term: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(term.len() + payload.len() + 6);
    varint(&mut out, u32::try_from(term.len()).unwrap_or(0));
    out.extend_from_slice(term.as_bytes());
    varint(&mut out, u32::try_from(payload.len()).unwrap_or(0));
    out.extend_from_slice(payload);
    out
}

/// Records cut into files of about a target size: a record is never split,
/// and a file closes before a record that would take it past the target, so
/// any two files in a row hold more than the target and there are at most
/// `2 × total / target + 1` files.
struct Chunks {
    dir: &'static str,
    target: usize,
    json: bool,
    cur: Vec<u8>,
    first: Option<String>,
    firsts: Vec<String>,
}

/// Where finished index files go, each as soon as it is complete: path, bytes.
pub type Sink<'a> = dyn FnMut(String, Vec<u8>) + 'a;

impl Chunks {
    /// For records of `total` bytes in at most about `files` files.
    fn new(dir: &'static str, total: usize, files: usize, min: usize, json: bool) -> Chunks {
        Chunks {
            dir,
            target: (2 * total).div_ceil(files.max(1)).max(min),
            json,
            cur: Vec::new(),
            first: None,
            firsts: Vec::new(),
        }
    }

    fn push(&mut self, key: &str, record: &[u8], sink: &mut Sink) {
        if self.first.is_some() && self.cur.len() + record.len() > self.target {
            self.flush(sink);
        }
        if self.first.is_none() {
            self.first = Some(key.to_string());
            if self.json {
                self.cur.push(b'{');
            }
        } else if self.json {
            self.cur.push(b',');
        }
        self.cur.extend_from_slice(record);
    }

    fn flush(&mut self, sink: &mut Sink) {
        if let Some(f) = self.first.take() {
            let ext = if self.json {
                self.cur.push(b'}');
                "json"
            } else {
                "bin"
            };
            let path = format!("search/{}/{}.{ext}", self.dir, self.firsts.len());
            sink(path, std::mem::take(&mut self.cur));
            self.firsts.push(f);
        }
    }

    /// The first key of each file.
    fn finish(mut self, sink: &mut Sink) -> Vec<String> {
        self.flush(sink);
        self.firsts
    }
}

/// The start of a document's text (`whole`) after its title, for its excerpt.
fn sample(doc: &Doc, whole: &str) -> String {
    let text = whole
        .strip_prefix(doc.title.as_str())
        .and_then(|r| r.strip_prefix('\n'))
        .unwrap_or(whole);
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = text.get(..cut).unwrap_or(text);
            head.rfind(char::is_whitespace)
                .map_or(head, |end| &head[..end])
                .trim_end()
                .to_string()
        }
    }
}

/// Runs indexed by the last build of the same site (`serve`), by the
/// fingerprint of what each was made from: its documents (title, address,
/// headings and text), its first document's number and the fragment group.
/// A run whose fingerprint is the same is not indexed again, so a change to
/// one document indexes one run again; the files made are the same as
/// without it.
#[derive(Default)]
pub struct Memo {
    runs: std::sync::Mutex<std::collections::HashMap<(u64, u64), Arc<KeptRun>>>,
    reused: std::sync::atomic::AtomicUsize,
    indexed: std::sync::atomic::AtomicUsize,
}

impl Memo {
    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<(u64, u64), Arc<KeptRun>>> {
        self.runs.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many runs were not indexed again, over every build so far.
    pub fn reused(&self) -> usize {
        self.reused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many runs were indexed, over every build so far.
    pub fn indexed(&self) -> usize {
        self.indexed.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// A run as indexed, kept for the next build.
struct KeptRun {
    head: Arc<Vec<u8>>,
    body: Arc<Vec<u8>>,
    frags: Vec<(String, Vec<u8>)>,
    words: Vec<(Box<str>, Box<str>)>,
}

/// What a run's index is made from (see [`Memo`]).
fn run_key(docs: &[Entry], first: usize, group: usize) -> (u64, u64) {
    let mut f = crate::load::fingerprint::Fingerprint::default();
    for n in [first, group, docs.len()] {
        f.num(n as u64);
    }
    for e in docs {
        let d = e.doc;
        f.str(&d.title);
        f.str(&d.url);
        f.str(&d.headings.unpack());
        f.str(&d.text.unpack());
    }
    f.finish()
}

/// Documents per run indexed by one thread: enough runs to share the work,
/// at most about [`RUN_DOCS`] so that a run's postings stay small, and whole
/// fragment groups.
fn run_size(docs: usize, group: usize) -> usize {
    let run = docs
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .clamp(16, RUN_DOCS);
    run.div_ceil(group.max(1)) * group.max(1)
}

/// The index files, each given to `sink` (site-relative path, bytes) as
/// soon as it is made. The index is made in external memory: each run's
/// postings go to the build's temporary file (`spill`, or memory without
/// one) as soon as the run is indexed, and are read back term by term,
/// so that neither the whole index nor the records made from it are ever
/// held at once. `Err` if the temporary file could not be read back.
pub fn build(entries: &[Entry], filters: &Filters, sink: &mut Sink, memo: Option<&Memo>) -> Result<(), Diagnostic> {
    let layout = Layout::for_docs(entries.len());
    let run = run_size(entries.len(), layout.group);
    // Two runs a thread at a time, so that threads given short runs (the
    // documents come in kinds, and kinds differ in length) take more.
    let width = rayon::current_num_threads().max(1) * 2;
    // Runs kept for the next build stay in memory, as `serve` holds its
    // whole site there.
    let spill = if memo.is_some() { None } else { Spill::new() };
    let spill = spill.as_deref();

    // The runs, and those the last build indexed already (`serve`).
    let chunks: Vec<(usize, &[Entry])> = entries.chunks(run).enumerate().map(|(i, c)| (i * run, c)).collect();
    let keys: Vec<Option<(u64, u64)>> = match memo {
        Some(_) => chunks
            .par_iter()
            .map(|&(first, docs)| Some(run_key(docs, first, layout.group)))
            .collect(),
        None => vec![None; chunks.len()],
    };
    let mut kept: Vec<Option<Arc<KeptRun>>> = match memo {
        Some(m) => {
            let before = std::mem::take(&mut *m.lock());
            keys.iter().map(|k| k.and_then(|k| before.get(&k).cloned())).collect()
        }
        None => vec![None; chunks.len()],
    };
    if let Some(m) = memo {
        m.reused
            .fetch_add(kept.iter().flatten().count(), std::sync::atomic::Ordering::Relaxed);
    }
    let todo: Vec<usize> = (0..chunks.len()).filter(|&i| kept[i].is_none()).collect();
    if let Some(m) = memo {
        m.indexed.fetch_add(todo.len(), std::sync::atomic::Ordering::Relaxed);
    }

    // A wave of runs at a time; each of a wave's places (a slot) keeps the
    // words it met from one wave to the next.
    let mut slots: Vec<Slot> = (0..width).map(|_| Slot::default()).collect();
    let mut held: Vec<Option<(Held, Held)>> = (0..chunks.len()).map(|_| None).collect();
    for wave in todo.chunks(width) {
        let made: Vec<(usize, RunIndex)> = wave
            .par_iter()
            .zip(slots.par_iter_mut())
            .map(|(&i, slot)| {
                let (first, docs) = chunks[i];
                (i, slot.index(docs, first, layout.group, memo.is_some()))
            })
            .collect();
        for (i, r) in made {
            if memo.is_some() {
                // Kept, and given to `sink` with the runs kept before.
                kept[i] = Some(Arc::new(KeptRun {
                    head: Arc::new(r.head),
                    body: Arc::new(r.body),
                    frags: r.frags,
                    words: r.words,
                }));
            } else {
                held[i] = Some((Held::new(r.head, spill), Held::new(r.body, spill)));
                for (path, bytes) in r.frags {
                    sink(path, bytes);
                }
            }
        }
        // The wave's scratch memory: the next wave's runs start afresh.
        crate::heap::trim();
    }
    // Runs kept (`serve`): made by this build or the last.
    for (h, k) in held.iter_mut().zip(&kept) {
        if let (None, Some(k)) = (&h, k) {
            for (path, bytes) in &k.frags {
                sink(path.clone(), bytes.clone());
            }
            *h = Some((Held::Mem(Arc::clone(&k.head)), Held::Mem(Arc::clone(&k.body))));
        }
    }
    if let Some(m) = memo {
        *m.lock() = keys
            .iter()
            .zip(&kept)
            .filter_map(|(k, r)| Some(((*k)?, Arc::clone(r.as_ref()?))))
            .collect();
    }
    let runs: Vec<(Held, Held)> = held.into_iter().flatten().collect();

    // Every record's exact size first, so that the postings and positions
    // files can be cut as the records are made, a batch at a time.
    let (mut post_total, mut pos_total) = (0, 0);
    let mut indexed: Vec<Box<str>> = Vec::new();
    for (term, parts) in Merge::new(&runs, spill) {
        let sizes: Vec<Sizes> = parts.iter().map(|p| p.1).collect();
        let (post, pos) = record_sizes(&term, &sizes);
        post_total += post;
        pos_total += pos;
        indexed.push(term);
    }
    let read_failed = || spill.and_then(Spill::failure);
    if let Some(e) = read_failed() {
        return Err(e);
    }

    // Dictionary: every word met, with its term, for the terms indexed.
    let mut words: Vec<(&str, &str)> = match memo {
        Some(_) => kept
            .iter()
            .flatten()
            .flat_map(|k| k.words.iter().map(|(w, t)| (&**w, &**t)))
            .collect(),
        None => slots
            .iter()
            .flat_map(|s| {
                s.words
                    .iter()
                    .filter(|(_, (t, _))| *t != STOP)
                    .map(|(w, &(t, _))| (&**w, s.names.get(t as usize).map_or("", |n| &**n)))
            })
            .collect(),
    };
    words.par_sort_unstable();
    words.dedup_by(|a, b| a.0 == b.0);
    words.retain(|(_, t)| indexed.binary_search_by(|x| (**x).cmp(t)).is_ok());
    drop(indexed);
    let dict_recs: Vec<(&str, Vec<u8>)> = words
        .par_iter()
        .map(|&(w, t)| {
            let term = if w == t { "" } else { t };
            let mut r = serde_json::to_vec(w).unwrap_or_default();
            r.push(b':');
            r.extend(serde_json::to_vec(term).unwrap_or_default());
            (w, r)
        })
        .collect();
    let total = dict_recs.iter().map(|r| r.1.len()).sum();
    let mut dict = Chunks::new("dict", total, DICT_FILES, MIN_DICT_BYTES, true);
    for (w, r) in dict_recs {
        dict.push(w, &r, sink);
    }
    let dict_first = dict.finish(sink);
    drop(slots);

    let mut post = Chunks::new("post", post_total, POST_FILES, MIN_POST_BYTES, false);
    let mut pos = Chunks::new("pos", pos_total, POS_FILES, MIN_POST_BYTES, false);
    let mut bodies: Vec<Reader> = runs.iter().map(|(_, body)| Reader::new(body, spill)).collect();
    let mut terms = Merge::new(&runs, spill).peekable();
    let mut since_trim = 0;
    while terms.peek().is_some() {
        // A batch of terms with their postings read back, then made into
        // records in parallel.
        let mut batch: Vec<(Box<str>, Vec<TermDocs>)> = Vec::new();
        let mut bytes = 0;
        while bytes < BATCH_BYTES
            && let Some((term, parts)) = terms.next()
        {
            let mut lists = Vec::with_capacity(parts.len());
            for (run, s) in parts {
                bytes += s.gaps + s.impacts + s.positions;
                match bodies.get_mut(run).and_then(|b| b.postings(s)) {
                    Some(list) => lists.push(list),
                    None => return Err(read_failed().unwrap_or_else(|| unreadable(&term))),
                }
            }
            batch.push((term, lists));
        }
        let recs: Vec<(Box<str>, Vec<u8>, Vec<u8>)> = batch
            .into_par_iter()
            .map(|(t, parts)| {
                let (post, pos) = records(&t, &parts);
                (t, post, pos)
            })
            .collect();
        for (t, p, x) in recs {
            post.push(&t, &p, sink);
            pos.push(&t, &x, sink);
        }
        // The batches' scratch memory, given back now and then: at archive
        // scale it would otherwise pile up on the threads that made it.
        since_trim += bytes;
        if since_trim >= TRIM_BYTES {
            crate::heap::trim();
            since_trim = 0;
        }
    }
    if let Some(e) = read_failed() {
        return Err(e);
    }
    let post_first = post.finish(sink);
    let pos_first = pos.finish(sink);

    // Facets.
    let kinds: Vec<DocKind> = DocKind::ALL.to_vec();
    let kind_of = |e: &Entry| kinds.iter().position(|k| *k == e.doc.kind).unwrap_or(0) as i64;
    let index = |x: Option<usize>| x.map_or(-1, |i| i as i64);
    let facets = Facets {
        kind: entries.iter().map(kind_of).collect(),
        committee: entries.iter().map(|e| index(e.committee)).collect(),
        year: entries.iter().map(|e| index(e.year)).collect(),
        date: entries
            .iter()
            .map(|e| {
                e.doc.date.map_or(0, |d| {
                    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
                })
            })
            .collect(),
    };
    sink(
        "search/facets.json".into(),
        serde_json::to_vec(&facets).unwrap_or_default(),
    );
    let meta = Meta {
        v: 2,
        docs: entries.len(),
        group: layout.group,
        dict: dict_first,
        post: post_first,
        pos: pos_first,
        kinds: kinds.iter().map(|k| (k.key(), k.label())).collect(),
        committees: filters.committees,
        years: filters.years,
        synonyms: filters.synonyms,
        stop: STOP_WORDS,
    };
    sink("search/meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default());
    Ok(())
}

/// A run's part read back shorter than it was written, with no failed read
/// to tell why.
fn unreadable(term: &str) -> Diagnostic {
    Diagnostic::error(
        std::env::temp_dir().display().to_string(),
        0,
        0,
        format!("the search index's temporary file ended early, at the term \"{term}\""),
    )
    .with_help("check the space free in the temporary folder (TMPDIR) and build again; nothing was published")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_size_is_what_varint_writes() {
        for v in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            268_435_455,
            268_435_456,
            u32::MAX,
        ] {
            let mut b = Vec::new();
            varint(&mut b, v);
            assert_eq!(varint_size(v), b.len(), "{v}");
        }
    }

    #[test]
    fn record_sizes_are_the_sizes_of_the_records() {
        // Runs whose documents are sparse (gaps) and dense (a bitmap).
        let run = |docs: &[u32]| {
            let mut t = TermDocs::default();
            for (i, &d) in docs.iter().enumerate() {
                t.hit(d, i as u32);
                t.hit(d, i as u32 + 3);
            }
            t.close();
            t
        };
        let cases = [
            vec![run(&[0]), run(&[5000])],
            vec![run(&(0..200).collect::<Vec<_>>()), run(&(300..400).collect::<Vec<_>>())],
            vec![run(&[3, 90_000, 200_000])],
        ];
        for parts in &cases {
            let (post, pos) = records("council", parts);
            let sizes: Vec<Sizes> = parts.iter().map(TermDocs::sizes).collect();
            assert_eq!(record_sizes("council", &sizes), (post.len(), pos.len()));
        }
    }

    #[test]
    fn runs_read_back_across_blocks_as_written_from_the_file_or_memory() {
        // Varints and byte strings that straddle the reader's blocks.
        let mut bytes = Vec::new();
        let mut want = Vec::new();
        for i in 0..40_000u32 {
            let v = i.wrapping_mul(2_654_435_761) >> (i % 25);
            varint(&mut bytes, v);
            let s: Vec<u8> = (0..(i % 7) * 5).map(|j| (i + j) as u8).collect();
            bytes.extend_from_slice(&s);
            want.push((v, s));
        }
        assert!(bytes.len() as u64 > 3 * READ_BYTES);
        let spill = Spill::new();
        for spill in [spill.as_deref(), None] {
            let held = Held::new(bytes.clone(), spill);
            assert_eq!(matches!(held, Held::File { .. }), spill.is_some());
            let mut r = Reader::new(&held, spill);
            for (v, s) in &want {
                assert_eq!(r.varint(), Some(*v));
                assert_eq!(r.bytes(s.len()).as_deref(), Some(&s[..]));
            }
            assert_eq!(r.varint(), None, "nothing after the end");
        }
    }

    #[test]
    fn runs_merge_in_term_order_with_each_terms_parts_in_run_order() {
        let head = |terms: &[(&str, u32)]| {
            let mut h = Vec::new();
            for (t, first) in terms {
                varint(&mut h, t.len() as u32);
                h.extend_from_slice(t.as_bytes());
                for v in [*first, first + 1, 2, 2, 3] {
                    varint(&mut h, v);
                }
            }
            Held::Mem(Arc::new(h))
        };
        let runs = vec![
            (head(&[("beta", 0), ("delta", 1)]), Held::Mem(Arc::default())),
            (head(&[("alpha", 10), ("beta", 11)]), Held::Mem(Arc::default())),
            (head(&[("beta", 20)]), Held::Mem(Arc::default())),
        ];
        let merged: Vec<(String, Vec<(usize, u32)>)> = Merge::new(&runs, None)
            .map(|(t, parts)| (t.to_string(), parts.iter().map(|(r, s)| (*r, s.first)).collect()))
            .collect();
        assert_eq!(
            merged,
            [
                ("alpha".to_string(), vec![(1, 10)]),
                ("beta".to_string(), vec![(0, 0), (1, 11), (2, 20)]),
                ("delta".to_string(), vec![(0, 1)]),
            ]
        );
    }

    #[test]
    fn impacts_grow_with_the_log_of_the_count_and_keep_the_title_bit() {
        assert_eq!(impact(1 << 1), 0);
        assert_eq!(impact(1 << 1 | 1), 1);
        assert_eq!(impact(2 << 1) >> 1, 2);
        assert_eq!(impact(12 << 1) >> 1, 7);
        assert_eq!(impact(u32::MAX) >> 1, 63);
    }

    #[test]
    fn runs_merge_into_one_gap_list_or_a_bitset() {
        let run = |docs: &[u32]| {
            let mut t = TermDocs::default();
            for &d in docs {
                t.hit(d, 3);
                t.hit(d, 5);
            }
            t.close();
            t
        };
        let (a, b) = (run(&[2, 5]), run(&[9]));
        let (post, pos) = records("x", &[a, b]);
        // len, "x", len, df 3, form 0, gaps 2 2 3, impacts (tf 2 → level 2)
        assert_eq!(post, [1, b'x', 8, 3, 0, 2, 2, 3, 4, 4, 4]);
        assert_eq!(pos, [1, b'x', 9, 2, 3, 2, 2, 3, 2, 2, 3, 2]);
        let many: Vec<u32> = (100..200).collect();
        let (post, _) = records("y", &[run(&many)]);
        // df 100 (one byte), form 1, first 100, 13 bytes of bits, all set but the last 4 of the end
        assert_eq!(post.get(3..7), Some(&[100, 1, 100, 13][..]));
        assert_eq!(post.get(7..19), Some(&[0xff; 12][..]));
        assert_eq!(post.get(19), Some(&0x0f));
    }
}
