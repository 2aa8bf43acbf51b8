//! The publication audit: after emit and before write, every output file is
//! searched for text of everything this build does not publish — exempt
//! reports and appendices, embargoed documents, drafts left out, whatever is
//! withheld under an exempt report, and their files. Any hit is an error
//! naming the unpublished source (file, line, column) and the output files
//! it reached, and nothing is written. It runs on every `build` and `check`
//! and no setting turns it off.
//!
//! It is independent of the emitters on purpose: they each ask
//! publishability, and this proves they did, for any output added later
//! (feeds, calendars, data exports) without that output's cooperation.
//!
//! How, cheaply and without false alarms (see each module):
//! - [`secrets`]: canaries from each unpublished document — passages of
//!   eight consecutive words, its distinctive words, and the hashes of its
//!   whole files;
//! - [`corpus`]: canaries that also occur in published text are dropped, so
//!   a hit can only come from unpublished text;
//! - [`text`]: each output is read as words, the way its readers see it;
//!   one Aho–Corasick automaton finds every passage in one pass over each
//!   file, files in parallel; words are looked up in the search dictionary
//!   and postings; files are compared by length, then hash.
//!
//! Time and memory are linear in the size of the content and the output.

pub mod corpus;
pub mod secrets;
pub mod text;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Pos, Sources};
use crate::emit::Output;
use crate::render::published::Published;
use crate::resolve::Site;
use secrets::{Origin, Secrets, hash};

/// Output files named in one diagnostic before "and N more".
const NAMED_OUTPUTS: usize = 5;

/// How unpublished material was found in an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    /// A passage of its text.
    Passage,
    /// A word that only unpublished documents use, in the search index.
    Word,
    /// A byte-for-byte copy of its file.
    File,
}

/// Unpublished material found in an output file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The unpublished source file (relative to the site root).
    pub source: String,
    /// Where in it the passage or word is.
    pub pos: Pos,
    pub how: How,
    /// The output file, site-relative (`meetings/x/index.html`).
    pub output: String,
    /// `exempt report (Schedule 12A paragraph 3)`, …
    pub what: String,
}

/// Audit `output` against everything `site` does not publish: the errors, if any.
pub fn audit(site: &Site, published: &Published, sources: &Sources, output: &Output) -> Vec<Diagnostic> {
    diagnostics(&findings(site, published, sources, output))
}

/// Every piece of unpublished material in `output`, sorted by source.
pub fn findings(site: &Site, published: &Published, sources: &Sources, output: &Output) -> Vec<Finding> {
    let mut secrets = secrets::collect(site, sources);
    if secrets.list.is_empty() {
        return Vec::new();
    }
    corpus::drop_published(&mut secrets, site, published, sources);
    scan(&secrets, output)
}

/// Is `path` part of the search dictionary or postings, where words are looked up?
fn word_indexed(path: &str) -> bool {
    path.starts_with("search/dict/") || path.starts_with("search/post/")
}

/// Every word and term the output's search dictionaries hold: a postings
/// term that is one of them is a stem of some indexed word (and such a
/// word is itself looked up, in the dictionary).
fn dictionary_terms(output: &Output) -> HashSet<String> {
    let mut out = HashSet::new();
    let dictionaries = output.files.iter().filter(|(p, _)| p.starts_with("search/dict/"));
    for bytes in dictionaries.map(|(_, b)| b) {
        // A file that is not a dictionary as the index writes one vouches for nothing.
        if let Ok(map) = serde_json::from_slice::<BTreeMap<String, String>>(bytes) {
            for (k, v) in map {
                out.insert(v);
                out.insert(k);
            }
        }
    }
    out
}

/// The words of a search dictionary (its keys) or postings chunk (its
/// terms, less those the dictionary gives), to look up one by one.
fn index_words(path: &str, bytes: &[u8], terms: &HashSet<String>) -> Vec<String> {
    let mut s = text::Stream::default();
    if path.starts_with("search/dict/")
        && let Ok(map) = serde_json::from_slice::<BTreeMap<String, serde_json::Value>>(bytes)
    {
        map.keys().for_each(|k| s.text(k));
    } else if let Some(list) = text::postings_terms(bytes) {
        list.into_iter().filter(|t| !terms.contains(*t)).for_each(|t| s.text(t));
    } else {
        s.text(&String::from_utf8_lossy(bytes));
    }
    s.0.split_whitespace().map(str::to_string).collect()
}

fn scan(secrets: &Secrets, output: &Output) -> Vec<Finding> {
    let patterns: Vec<&String> = secrets.passages.keys().collect();
    let ac = if patterns.is_empty() {
        None
    } else {
        AhoCorasick::new(&patterns).ok()
    };
    let lengths: BTreeSet<usize> = secrets.files.keys().map(|(l, _)| *l).collect();
    let terms = if secrets.words.is_empty() {
        HashSet::new()
    } else {
        dictionary_terms(output)
    };
    let hits: Vec<(String, Origin, How)> = output
        .files
        .par_iter()
        .flat_map_iter(|(path, bytes)| {
            let mut hits: Vec<(Origin, How)> = Vec::new();
            if lengths.contains(&bytes.len())
                && let Some(o) = secrets.files.get(&(bytes.len(), hash(bytes)))
            {
                hits.push((*o, How::File));
            }
            if let Some(ac) = &ac
                && let Some(words) = text::output_words(path, bytes)
            {
                // Any one hit is enough: the search need not find overlapping ones.
                let found: BTreeSet<usize> = ac.find_iter(&words.0).map(|m| m.pattern().as_usize()).collect();
                for i in found {
                    let origins = patterns.get(i).and_then(|p| secrets.passages.get(*p));
                    hits.extend(origins.into_iter().flatten().map(|o| (*o, How::Passage)));
                }
            }
            if word_indexed(path) && !secrets.words.is_empty() {
                let mut seen = BTreeSet::new();
                for w in index_words(path, bytes, &terms) {
                    if let Some(o) = secrets.words.get(&w).filter(|_| secrets.word_filter.may_hold(&w))
                        && seen.insert(o.secret)
                    {
                        hits.push((*o, How::Word));
                    }
                }
            }
            hits.into_iter().map(move |(o, how)| (path.clone(), o, how))
        })
        .collect();
    let mut out: Vec<Finding> = hits
        .into_iter()
        .filter_map(|(output, o, how)| {
            let s = secrets.list.get(o.secret)?;
            Some(Finding {
                source: s.file.clone(),
                pos: o.pos,
                how,
                output,
                what: s.what.clone(),
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// One error per unpublished source and way it was found, naming the output
/// files it reached (the unpublished text itself is never repeated: build
/// logs are often public).
pub fn diagnostics(findings: &[Finding]) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(&str, How), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        groups.entry((f.source.as_str(), f.how)).or_default().push(f);
    }
    groups
        .into_iter()
        .filter_map(|((source, how), fs)| {
            let first = fs.first()?;
            let outputs: BTreeSet<&str> = fs.iter().map(|f| f.output.as_str()).collect();
            let more = outputs.len().saturating_sub(NAMED_OUTPUTS);
            let mut named = outputs
                .iter()
                .take(NAMED_OUTPUTS)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if more > 0 {
                named.push_str(&format!(" and {more} more"));
            }
            let what = &first.what;
            let message = match how {
                How::Passage => format!("publication audit: text of this {what} is in the output: {named}"),
                How::Word => {
                    format!("publication audit: a word that only this {what} uses is in the search index: {named}")
                }
                How::File => format!("publication audit: a copy of this {what} is in the output: {named}"),
            };
            let help = match how {
                How::File => {
                    "nothing was written and the previous output is unchanged. The same file is also \
                     published from another folder: delete that copy, or, if the file may be public, \
                     move it out of this document's folder"
                }
                _ => {
                    "nothing was written and the previous output is unchanged. Unpublished text in the \
                     output is a fault in minutebook or in the site's theme (a template showing a withheld \
                     field), not in this file: check the theme's templates for the pages named, or report it"
                }
            };
            Some(Diagnostic::at(source, first.pos, message).with_help(help))
        })
        .collect()
}
