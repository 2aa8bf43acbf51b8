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

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::tokenize::{STOP_WORDS, each_token, is_stop, stem};
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
/// Terms whose records are made at once (their postings are then freed).
const RECORD_BATCH: usize = 4096;

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
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&byte) = b.get(*at) {
        *at += 1;
        v |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    v
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

/// The index of one run of documents.
#[derive(Default)]
struct Partial {
    /// Each word met → its term's number (`u32::MAX` for a stop word): the
    /// stem cache, and the dictionary.
    words: FxHashMap<Box<str>, u32>,
    terms: FxHashMap<Box<str>, u32>,
    /// Each term's name and postings, by number.
    names: Vec<Box<str>>,
    lists: Vec<TermDocs>,
    /// Each document's excerpt for its fragment, in document order (taken
    /// while its text is unpacked for indexing).
    samples: Vec<String>,
}

const STOP: u32 = u32::MAX;

impl Partial {
    fn term(&mut self, word: &str, compound: bool) -> u32 {
        if let Some(&t) = self.words.get(word) {
            return t;
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
        self.words.insert(word.into(), t);
        t
    }

    fn add(&mut self, id: u32, doc: &Doc) {
        let mut titled: Vec<u32> = Vec::new();
        let mut title_word = |p: &mut Partial, w: &str, compound: bool| {
            let t = p.term(w, compound);
            if t != STOP {
                titled.push(t);
            }
        };
        each_token(&doc.title, 0, |w, _, c| title_word(self, w, c));
        for h in &doc.headings {
            each_token(&h.text, 0, |w, _, c| title_word(self, w, c));
        }
        let text = doc.text.unpack();
        self.samples.push(sample(doc, &text));
        each_token(&text, 0, |w, pos, c| {
            let t = self.term(w, c);
            if let Some(list) = self.lists.get_mut(t as usize) {
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

    fn of(entries: &[Entry], first: usize) -> Partial {
        let mut p = Partial::default();
        for (i, e) in entries.iter().enumerate() {
            p.add(u32::try_from(first + i).unwrap_or(STOP), e.doc);
        }
        p.lists.iter_mut().for_each(TermDocs::close);
        p
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

/// The sizes of [`records`]`(term, parts)`, worked out without making them.
fn record_sizes(term: &str, parts: &[TermDocs]) -> (usize, usize) {
    let df: usize = parts.iter().map(|p| p.impacts.len()).sum();
    let mut gaps = 0;
    let mut prev: Option<u32> = None;
    for p in parts {
        let mut at = 0;
        let first = read_varint(&p.gaps, &mut at);
        gaps += varint_size(prev.map_or(first, |l| first - l - 1)) + p.gaps.len().saturating_sub(at);
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
    let pos: usize = parts.iter().map(|p| p.positions.len()).sum();
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

/// Documents per run indexed by one thread: enough runs to share the work,
/// few enough that each word is stemmed only a few times.
fn run_size(docs: usize) -> usize {
    docs.div_ceil(rayon::current_num_threads().max(1) * 4).max(16)
}

/// The index files, each given to `sink` (site-relative path, bytes) as
/// soon as it is made, so that the whole index is never held at once.
pub fn build(entries: &[Entry], filters: &Filters, sink: &mut Sink) {
    let layout = Layout::for_docs(entries.len());
    let run = run_size(entries.len());
    let partials: Vec<Partial> = entries
        .par_chunks(run)
        .enumerate()
        .map(|(i, chunk)| Partial::of(chunk, i * run))
        .collect();

    // Every term's postings from each run, in term order then run order;
    // the runs' term names and words are kept for the dictionary.
    let mut names: Vec<Vec<Box<str>>> = Vec::with_capacity(partials.len());
    let mut run_words: Vec<FxHashMap<Box<str>, u32>> = Vec::with_capacity(partials.len());
    let mut all: Vec<(usize, usize, TermDocs)> = Vec::new();
    let mut samples: Vec<String> = Vec::with_capacity(entries.len());
    for (p, mut part) in partials.into_iter().enumerate() {
        samples.append(&mut part.samples);
        let lists = part.lists.into_iter().enumerate();
        all.extend(lists.filter(|(_, l)| !l.impacts.is_empty()).map(|(i, l)| (p, i, l)));
        names.push(part.names);
        run_words.push(part.words);
    }
    let name = |p: usize, i: usize| names.get(p).and_then(|n| n.get(i)).map_or("", |n| &**n);
    all.par_sort_unstable_by(|a, b| name(a.0, a.1).cmp(name(b.0, b.1)).then(a.0.cmp(&b.0)));
    let mut terms: Vec<(&str, Vec<TermDocs>)> = Vec::new();
    for (p, i, list) in all {
        let t = name(p, i);
        match terms.last_mut() {
            Some((last, parts)) if *last == t => parts.push(list),
            _ => terms.push((t, vec![list])),
        }
    }
    // Every record's exact size first, so that the postings and positions
    // files can be cut as the records are made, a batch at a time: neither
    // the records nor the runs they are made from are ever held all at once.
    let sizes: Vec<(usize, usize)> = terms.par_iter().map(|(t, parts)| record_sizes(t, parts)).collect();
    let indexed: Vec<&str> = terms.iter().map(|(t, _)| *t).collect();

    // Dictionary: every word met, with its term, for the terms indexed.
    let mut words: Vec<(&str, &str)> = run_words
        .iter()
        .enumerate()
        .flat_map(|(p, words)| words.iter().map(move |(w, &t)| (&**w, p, t)))
        .filter(|&(_, _, t)| t != STOP)
        .map(|(w, p, t)| (w, name(p, t as usize)))
        .collect();
    words.par_sort_unstable();
    words.dedup_by(|a, b| a.0 == b.0);
    words.retain(|(_, t)| indexed.binary_search(t).is_ok());
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

    let total = sizes.iter().map(|r| r.0).sum();
    let mut post = Chunks::new("post", total, POST_FILES, MIN_POST_BYTES, false);
    let total = sizes.iter().map(|r| r.1).sum();
    let mut pos = Chunks::new("pos", total, POS_FILES, MIN_POST_BYTES, false);
    let mut terms = terms.into_iter().zip(sizes);
    loop {
        let batch: Vec<_> = terms.by_ref().take(RECORD_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let recs: Vec<(&str, Vec<u8>, Vec<u8>)> = batch
            .into_par_iter()
            .map(|((t, parts), size)| {
                let (post, pos) = records(t, &parts);
                debug_assert_eq!((post.len(), pos.len()), size, "the size of {t}'s records");
                (t, post, pos)
            })
            .collect();
        for (t, p, x) in recs {
            post.push(t, &p, sink);
            pos.push(t, &x, sink);
        }
    }
    let post_first = post.finish(sink);
    let pos_first = pos.finish(sink);

    // Fragments and facets.
    let kinds: Vec<DocKind> = DocKind::ALL.to_vec();
    let kind_of = |e: &Entry| kinds.iter().position(|k| *k == e.doc.kind).unwrap_or(0) as i64;
    let frags: Vec<(String, Vec<u8>)> = entries
        .par_chunks(layout.group)
        .zip(samples.par_chunks(layout.group))
        .enumerate()
        .map(|(g, (group, samples))| {
            let rows: Vec<(&str, &str, &str)> = group
                .iter()
                .zip(samples)
                .map(|(e, s)| (e.doc.title.as_str(), e.doc.url.as_str(), s.as_str()))
                .collect();
            (
                format!("search/frag/{g}.json"),
                serde_json::to_vec(&rows).unwrap_or_default(),
            )
        })
        .collect();
    for (path, bytes) in frags {
        sink(path, bytes);
    }
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
            assert_eq!(record_sizes("council", parts), (post.len(), pos.len()));
        }
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
