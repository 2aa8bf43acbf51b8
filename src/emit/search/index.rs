//! The search index format, written under `search/` and read by
//! `static/js/search.js`. Made for archives: the browser fetches only the
//! parts a query needs, and the file count stays small.
//!
//! - `meta.json`: counts, the first word of each dictionary chunk and the
//!   first term of each postings chunk, fragment group size, the filter
//!   values (kinds, committees, municipal years), glossary synonyms and the
//!   stop words.
//! - `facets.json`: per document (by number), `[kind, committee, year, date]`
//!   as indexes into meta's lists (−1 for none) and `yyyymmdd` (0 for none),
//!   flattened into one array; filters, counts and "newest first" use it.
//! - `dict/<n>.json`: sorted words → the term they are filed under (their
//!   English stem; `""` when the word is its own term). Words sharing a stem
//!   are found through it, so the browser needs no stemmer.
//! - `post/<n>.bin`: terms in sorted order, each `len, term bytes, len,
//!   postings`; postings per document `doc delta, tf << 1 | in-title`, all
//!   LEB128 varints. Enough to find and rank documents, so most queries
//!   fetch nothing more.
//! - `pos/<n>.bin`: the same terms, in chunks of their own (meta's `pos`
//!   lists their first terms), `len, term, len, positions` with per document
//!   (in postings order) `n, position deltas…` (at most [`MAX_POSITIONS`]);
//!   fetched only for phrases.
//! - `frag/<n>.json`: `[title, url, kind, committee, date label, text start]`
//!   for [`Layout::group`] documents each; the text start is the beginning of
//!   the document's text, so positions line up for excerpts.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use super::tokenize::{STOP_WORDS, each_token, is_stop, stem, tokenize};
use crate::render::published::{Doc, DocKind};

/// Positions kept per term and document (enough for phrases and excerpts).
pub const MAX_POSITIONS: usize = 16;
/// Characters of a document's text kept for its excerpt.
const EXCERPT_CHARS: usize = 600;
/// Documents indexed in one parallel batch before merging (bounds memory).
const BATCH: usize = 512;

/// Sizes of the index's parts.
pub struct Layout {
    /// Documents per fragment file.
    pub group: usize,
    dict_bytes: usize,
    post_bytes: usize,
}

impl Layout {
    /// Chunk sizes for `docs` documents: small files for small sites, and
    /// about 1,000 fragment files and a few hundred others at most however
    /// large the archive (static hosts limit file counts).
    pub fn for_docs(docs: usize) -> Layout {
        Layout {
            group: docs.div_ceil(1000).max(8),
            dict_bytes: (12 * 1024).max(docs / 4),
            post_bytes: (24 * 1024).max(docs * 8),
        }
    }
}

/// What the index is built from: each document with its filter values.
pub struct Entry<'a> {
    pub doc: &'a Doc,
    pub committee: Option<usize>,
    pub year: Option<usize>,
    pub date_label: String,
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

/// Filter values shown to people.
pub struct Filters<'a> {
    pub committees: &'a [(String, String)],
    pub years: &'a [String],
    /// (acronym, meaning), lowercased.
    pub synonyms: &'a [(String, String)],
}

/// One document's terms: (term, count, in title or a heading, positions).
type DocTerms = Vec<(String, u32, bool, Vec<u32>)>;

/// A document's terms, and its words with the term each is filed under.
/// Each distinct word is stemmed and looked up once; repeated words cost one
/// hash lookup and no allocation.
fn doc_terms(doc: &Doc) -> (DocTerms, Vec<(String, String)>) {
    let mut titled = Vec::new();
    let mut pos = tokenize(&doc.title, 0, &mut titled);
    for h in &doc.headings {
        pos = tokenize(&h.text, pos, &mut titled);
    }
    let titled: HashSet<String> = titled.into_iter().map(|t| t.text).collect();
    let mut terms: DocTerms = Vec::new();
    let mut term_index: HashMap<String, usize> = HashMap::new();
    // word → (index into `terms`, in the title)
    let mut words: HashMap<String, (usize, bool)> = HashMap::new();
    each_token(&doc.text, 0, |word, pos, compound| {
        if is_stop(word) {
            return;
        }
        let (i, in_title) = match words.get(word) {
            Some(&w) => w,
            None => {
                let term = stem(word, compound);
                let i = match term_index.get(&term) {
                    Some(&i) => i,
                    None => {
                        terms.push((term.clone(), 0, false, Vec::new()));
                        term_index.insert(term, terms.len() - 1);
                        terms.len() - 1
                    }
                };
                let w = (i, titled.contains(word));
                words.insert(word.to_string(), w);
                w
            }
        };
        let e = &mut terms[i];
        e.1 += 1;
        e.2 |= in_title;
        if e.3.len() < MAX_POSITIONS {
            e.3.push(pos);
        }
    });
    let words = words.into_iter().map(|(w, (i, _))| (w, terms[i].0.clone())).collect();
    (terms, words)
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

/// Postings being collected for one term.
#[derive(Default)]
struct Postings {
    last: Option<u32>,
    bytes: Vec<u8>,
    positions: Vec<u8>,
}

/// Terms with their bytes, cut into files of about a given size.
#[derive(Default)]
struct Chunker {
    bytes: Vec<u8>,
    first: Option<String>,
}

impl Chunker {
    fn add(&mut self, term: &str, payload: &[u8]) {
        if self.first.is_none() {
            self.first = Some(term.to_string());
        }
        varint(&mut self.bytes, u32::try_from(term.len()).unwrap_or(0));
        self.bytes.extend_from_slice(term.as_bytes());
        varint(&mut self.bytes, u32::try_from(payload.len()).unwrap_or(0));
        self.bytes.extend_from_slice(payload);
    }

    /// Write the chunk as `search/<dir>/<n>.bin` once it has `size` bytes.
    fn flush_at(&mut self, size: usize, dir: &str, files: &mut Vec<(String, Vec<u8>)>, firsts: &mut Vec<String>) {
        if self.bytes.len() >= size
            && let Some(f) = self.first.take()
        {
            files.push((
                format!("search/{dir}/{}.bin", firsts.len()),
                std::mem::take(&mut self.bytes),
            ));
            firsts.push(f);
        }
    }
}

/// The index files: site-relative path → bytes.
pub fn build(entries: &[Entry], filters: &Filters) -> Vec<(String, Vec<u8>)> {
    let layout = Layout::for_docs(entries.len());
    let mut postings: HashMap<String, Postings> = HashMap::new();
    let mut dict: HashMap<String, String> = HashMap::new();
    for (b, batch) in entries.chunks(BATCH).enumerate() {
        let done: Vec<(DocTerms, Vec<(String, String)>)> = batch.par_iter().map(|e| doc_terms(e.doc)).collect();
        for (i, (terms, words)) in done.into_iter().enumerate() {
            let id = u32::try_from(b * BATCH + i).unwrap_or(u32::MAX);
            for (term, tf, titled, positions) in terms {
                let p = postings.entry(term).or_default();
                varint(&mut p.bytes, id - p.last.map_or(0, |l| l + 1));
                p.last = Some(id);
                varint(&mut p.bytes, (tf << 1) | u32::from(titled));
                varint(&mut p.positions, u32::try_from(positions.len()).unwrap_or(0));
                let mut prev = 0;
                for x in positions {
                    varint(&mut p.positions, x - prev);
                    prev = x;
                }
            }
            for (w, s) in words {
                dict.entry(w).or_insert(s);
            }
        }
    }
    let mut files = Vec::new();

    // Dictionary chunks.
    let mut dict_first = Vec::new();
    let mut chunk = String::from("{");
    let mut first: Option<String> = None;
    let flush_dict = |files: &mut Vec<(String, Vec<u8>)>,
                      chunk: &mut String,
                      first: &mut Option<String>,
                      firsts: &mut Vec<String>| {
        if let Some(f) = first.take() {
            chunk.push('}');
            files.push((
                format!("search/dict/{}.json", firsts.len()),
                std::mem::take(chunk).into_bytes(),
            ));
            firsts.push(f);
            chunk.push('{');
        }
    };
    let mut dict: Vec<(String, String)> = dict.into_iter().collect();
    dict.sort_unstable();
    for (w, s) in &dict {
        if first.is_none() {
            first = Some(w.clone());
        } else {
            chunk.push(',');
        }
        let term = if s == w { "" } else { s.as_str() };
        chunk.push_str(&serde_json::to_string(w).unwrap_or_default());
        chunk.push(':');
        chunk.push_str(&serde_json::to_string(term).unwrap_or_default());
        if chunk.len() >= layout.dict_bytes {
            flush_dict(&mut files, &mut chunk, &mut first, &mut dict_first);
        }
    }
    flush_dict(&mut files, &mut chunk, &mut first, &mut dict_first);

    // Postings chunks; positions in chunks of their own (fetched for phrases only).
    let mut post_first = Vec::new();
    let mut pos_first = Vec::new();
    let mut chunk = Chunker::default();
    let mut pos_chunk = Chunker::default();
    let mut postings: Vec<(String, Postings)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (term, p) in postings {
        chunk.add(&term, &p.bytes);
        pos_chunk.add(&term, &p.positions);
        chunk.flush_at(layout.post_bytes, "post", &mut files, &mut post_first);
        pos_chunk.flush_at(layout.post_bytes, "pos", &mut files, &mut pos_first);
    }
    chunk.flush_at(0, "post", &mut files, &mut post_first);
    pos_chunk.flush_at(0, "pos", &mut files, &mut pos_first);

    // Fragments and facets.
    let kinds: Vec<DocKind> = DocKind::ALL.to_vec();
    let mut facets: Vec<i64> = Vec::with_capacity(entries.len() * 4);
    for (g, group) in entries.chunks(layout.group).enumerate() {
        let frags: Vec<serde_json::Value> = group
            .iter()
            .map(|e| {
                let d = e.doc;
                let cut = d
                    .text
                    .char_indices()
                    .nth(EXCERPT_CHARS)
                    .map_or(d.text.len(), |(i, _)| i);
                serde_json::json!([
                    d.title,
                    d.url,
                    kinds.iter().position(|k| *k == d.kind).unwrap_or(0),
                    e.committee.map_or(-1, |c| c as i64),
                    e.date_label,
                    &d.text[..cut],
                ])
            })
            .collect();
        files.push((
            format!("search/frag/{g}.json"),
            serde_json::to_vec(&frags).unwrap_or_default(),
        ));
        for e in group {
            facets.push(kinds.iter().position(|k| *k == e.doc.kind).unwrap_or(0) as i64);
            facets.push(e.committee.map_or(-1, |c| c as i64));
            facets.push(e.year.map_or(-1, |y| y as i64));
            facets.push(e.doc.date.map_or(0, |d| {
                i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
            }));
        }
    }
    files.push((
        "search/facets.json".into(),
        serde_json::to_vec(&facets).unwrap_or_default(),
    ));
    let meta = Meta {
        v: 1,
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
    files.push(("search/meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default()));
    files
}
