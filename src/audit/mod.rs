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
use std::path::Path;
use std::sync::Mutex;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Pos, Sources};
use crate::emit::{Files, Inspect, lock};
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
pub fn audit(site: &Site, published: &Published, sources: &Sources, output: &Files) -> Vec<Diagnostic> {
    diagnostics(&findings(site, published, sources, output))
}

/// Every piece of unpublished material in `output`, sorted by source.
pub fn findings(site: &Site, published: &Published, sources: &Sources, output: &Files) -> Vec<Finding> {
    let live = Live::new(site, published, sources);
    output
        .files
        .par_iter()
        .for_each(|(path, bytes)| live.bytes(path, bytes));
    live.finish()
}

/// The audit as the output streams past it: each file is checked as it is
/// stored ([`Inspect`]), and [`Live::finish`] gives the findings once every
/// file has been seen. Search dictionaries and postings are kept (as words)
/// until then, because a postings term is judged against every dictionary.
pub struct Live {
    /// `None` when this build publishes everything: nothing to look for.
    scan: Option<Scan>,
    hits: Mutex<Vec<(String, Origin, How)>>,
    /// Search files' words, looked up once every dictionary is known.
    indexed: Mutex<Vec<(String, IndexFile)>>,
}

struct Scan {
    secrets: Secrets,
    patterns: Vec<String>,
    ac: Option<AhoCorasick>,
    lengths: BTreeSet<usize>,
}

/// A search dictionary's words and stems, or a postings chunk's terms.
enum IndexFile {
    Dictionary(Vec<String>, Vec<String>),
    Postings(Vec<String>),
}

/// What the audit looks for, gathered from the source files (read again,
/// one at a time, where a build holds no texts) before the documents are
/// rendered, waiting for the published documents ([`Prepared::finish`]).
pub struct Prepared(Option<Secrets>);

impl Prepared {
    /// Drop what the published documents also say, and start auditing.
    pub fn finish(self, published: &Published) -> Live {
        let scan = self.0.map(|mut secrets| {
            corpus::drop_in_published(&mut secrets, published);
            let patterns: Vec<String> = secrets.passages.keys().cloned().collect();
            let ac = if patterns.is_empty() {
                None
            } else {
                AhoCorasick::new(&patterns).ok()
            };
            let lengths = secrets.files.keys().map(|(l, _)| *l).collect();
            Scan {
                secrets,
                patterns,
                ac,
                lengths,
            }
        });
        Live {
            scan,
            hits: Mutex::new(Vec::new()),
            indexed: Mutex::new(Vec::new()),
        }
    }
}

impl Live {
    pub fn new(site: &Site, published: &Published, sources: &Sources) -> Self {
        Live::prepare(site, sources).finish(published)
    }

    /// Gather what `site` does not publish, from its source texts, and drop
    /// what the published sources, titles and theme also say.
    pub fn prepare(site: &Site, sources: &Sources) -> Prepared {
        let mut secrets = secrets::collect(site, sources);
        if secrets.list.is_empty() {
            return Prepared(None);
        }
        corpus::drop_in_sources(&mut secrets, site, sources);
        Prepared(Some(secrets))
    }

    /// Has no file stored so far given anything away? (Search files are
    /// judged only by [`Live::finish`].)
    pub fn clean_so_far(&self) -> bool {
        self.hits.lock().is_ok_and(|h| h.is_empty())
    }

    /// Every finding, sorted, once every file has been seen.
    pub fn finish(self) -> Vec<Finding> {
        let Some(scan) = &self.scan else {
            return Vec::new();
        };
        let mut hits = self
            .hits
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let indexed = self
            .indexed
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Every word and term the dictionaries hold: a postings term that is
        // one of them is a stem of some indexed word, itself looked up.
        let mut terms: HashSet<&str> = HashSet::new();
        for (_, f) in &indexed {
            if let IndexFile::Dictionary(words, stems) = f {
                terms.extend(words.iter().chain(stems).map(String::as_str));
            }
        }
        let words = &scan.secrets.words;
        for (path, f) in &indexed {
            let list: Vec<&String> = match f {
                IndexFile::Dictionary(words, _) => words.iter().collect(),
                IndexFile::Postings(t) => t.iter().filter(|t| !terms.contains(t.as_str())).collect(),
            };
            let mut seen = BTreeSet::new();
            for w in list {
                if let Some(o) = words.get(w).filter(|_| scan.secrets.word_filter.may_hold(w))
                    && seen.insert(o.secret)
                {
                    hits.push((path.clone(), *o, How::Word));
                }
            }
        }
        let mut out: Vec<Finding> = hits
            .into_iter()
            .filter_map(|(output, o, how)| {
                let s = scan.secrets.list.get(o.secret)?;
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
}

impl Inspect for Live {
    fn bytes(&self, path: &str, bytes: &[u8]) {
        let Some(scan) = &self.scan else {
            return;
        };
        let secrets = &scan.secrets;
        let mut hits: Vec<(Origin, How)> = Vec::new();
        if scan.lengths.contains(&bytes.len())
            && let Some(o) = secrets.files.get(&(bytes.len(), hash(bytes)))
        {
            hits.push((*o, How::File));
        }
        if let Some(ac) = &scan.ac
            && let Some(words) = text::output_words(path, bytes)
        {
            // Any one hit is enough: the search need not find overlapping ones.
            let found: BTreeSet<usize> = ac.find_iter(&words.0).map(|m| m.pattern().as_usize()).collect();
            for i in found {
                let origins = scan.patterns.get(i).and_then(|p| secrets.passages.get(p));
                hits.extend(origins.into_iter().flatten().map(|o| (*o, How::Passage)));
            }
        }
        if word_indexed(path) && !secrets.words.is_empty() {
            lock(&self.indexed).push((path.to_string(), index_file(path, bytes)));
        }
        if !hits.is_empty() {
            lock(&self.hits).extend(hits.into_iter().map(|(o, how)| (path.to_string(), o, how)));
        }
    }

    fn file(&self, path: &str, from: &Path) {
        if self.scan.is_none() {
            return;
        }
        // One attachment at a time: read, checked, dropped. An unreadable
        // file is reported when it is copied.
        if let Ok(bytes) = std::fs::read(from) {
            self.bytes(path, &bytes);
        }
    }
}

/// Is `path` part of the search dictionary or postings, where words are looked up?
fn word_indexed(path: &str) -> bool {
    path.starts_with("search/dict/") || path.starts_with("search/post/")
}

/// The words of a search dictionary (its keys, and the stems it maps them
/// to) or postings chunk (its terms), split the way they are looked up.
fn index_file(path: &str, bytes: &[u8]) -> IndexFile {
    let split = |f: &dyn Fn(&mut text::Stream)| {
        let mut s = text::Stream::default();
        f(&mut s);
        s.0.split_whitespace().map(str::to_string).collect::<Vec<_>>()
    };
    if path.starts_with("search/dict/") {
        // A file that is not a dictionary as the index writes one vouches for nothing.
        if let Ok(map) = serde_json::from_slice::<BTreeMap<String, serde_json::Value>>(bytes) {
            let stems: Vec<String> = map.values().filter_map(|v| v.as_str().map(str::to_string)).collect();
            let words = split(&|s| map.keys().for_each(|k| s.text(k)));
            let mut vouched: Vec<String> = map.keys().cloned().collect();
            vouched.extend(stems);
            return IndexFile::Dictionary(words, vouched);
        }
    }
    match text::postings_terms(bytes) {
        Some(list) => IndexFile::Postings(split(&|s| list.iter().for_each(|t| s.text(t)))),
        None => IndexFile::Postings(split(&|s| s.text(&String::from_utf8_lossy(bytes)))),
    }
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
