//! Load: files → typed documents with source spans.
//!
//! `content/` is walked once; each file is classified by where it lives
//! (`classify`), then read and parsed in parallel. Every problem becomes a
//! diagnostic; a file that cannot be parsed is left out of the result, and
//! loading carries on so that one run reports every broken file.

pub mod accessibility;
pub mod classify;
pub mod committee;
pub mod dataset;
pub mod discover;
pub mod fingerprint;
pub mod frontmatter;
pub mod glossary;
pub mod meeting;
pub mod minutes_body;
pub mod ordered;
pub mod plain_text;
pub mod plan;
pub mod primitives;
pub mod recommendation;
pub mod references;
pub mod report;
pub mod shared;
pub mod site;
pub mod work_programme;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{self, Diagnostic, Diagnostics, Print, Sources};
use classify::{FileKind, classify};
use committee::{CommitteeFile, PeopleFile};
use glossary::GlossaryFile;
use meeting::{MeetingFile, MinutesFile};
use recommendation::{RecommendationsFile, ReviewFile, UpdatesFile};
use report::{PlanIndexFile, QuestionsFile, ReportFile, TitledFile};
use site::SiteFile;
use work_programme::WorkProgrammeFile;

/// A Markdown document: its front matter and its body.
#[derive(Debug, Clone)]
pub struct Doc<T> {
    /// Path relative to the site root, e.g. `content/pages/about.md`.
    pub file: String,
    /// Path relative to `content/` without extension, e.g. `pages/about`.
    pub path: String,
    pub front: T,
    /// Shares the file's text (see [`shared`]).
    pub body: shared::Shared,
    /// Line of the body's first line in the file.
    pub body_line: usize,
    /// The references and data set fences in the body.
    pub found: references::Found,
}

/// A YAML data file.
#[derive(Debug, Clone)]
pub struct Yaml<T> {
    pub file: String,
    pub path: String,
    pub data: T,
}

/// A file copied into the output as it is.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub file: String,
    pub meeting: String,
    /// Path below the meeting's folder, e.g. `files/briefing.pdf`.
    pub rel: String,
    pub source: PathBuf,
}

/// Everything read from a site, before any cross-checks.
#[derive(Debug, Default)]
pub struct Loaded {
    pub root: PathBuf,
    pub site: Option<Yaml<SiteFile>>,
    pub committees: Vec<(String, Doc<CommitteeFile>)>,
    pub people: Vec<Yaml<PeopleFile>>,
    pub glossary: Option<Yaml<GlossaryFile>>,
    pub meetings: Vec<(String, Doc<MeetingFile>)>,
    pub minutes: Vec<(String, Doc<MinutesFile>)>,
    pub questions: Vec<(String, Yaml<QuestionsFile>)>,
    pub reports: Vec<(String, String, Doc<ReportFile>)>,
    /// (meeting, report, file name, document)
    pub appendices: Vec<(String, String, String, Doc<TitledFile>)>,
    /// Data sets: (owner kind, owner id, dataset id, raw YAML) — parsed by their own module.
    pub datasets: Vec<RawDataset>,
    pub attachments: Vec<Attachment>,
    pub reviews: Vec<(String, Doc<ReviewFile>)>,
    pub recommendations: Vec<(String, Yaml<RecommendationsFile>)>,
    pub plan_indexes: Vec<(String, Doc<PlanIndexFile>)>,
    /// plan.yaml files, kept as text until parsed by the plan module.
    pub plans: Vec<(String, Yaml<String>)>,
    pub annual_reports: Vec<(String, Doc<TitledFile>)>,
    pub work_programmes: Vec<(String, Yaml<WorkProgrammeFile>)>,
    pub updates: Vec<Yaml<UpdatesFile>>,
    pub pages: Vec<(String, Doc<TitledFile>)>,
    /// Each minutes document's body split into its minutes, by file: split
    /// once, as it is loaded.
    minutes_bodies: HashMap<String, minutes_body::MinutesBody>,
    /// Files that could not be read or parsed (already reported): what they
    /// would have defined is unknown, so references to it are not reported again.
    pub failed: Vec<(String, FileKind)>,
    /// Positions in the lists above by id, for lookups in constant time.
    index: Index,
}

#[derive(Debug, Default)]
struct Index {
    meetings: HashMap<String, usize>,
    minutes: HashMap<String, usize>,
    committees: HashMap<String, usize>,
    reports: HashMap<(String, String), usize>,
    /// Files of appendices and attachments, by path from the site root.
    report_files: std::collections::HashSet<String>,
}

/// A data set file waiting to be parsed, with the document that owns it.
#[derive(Debug, Clone)]
pub struct RawDataset {
    /// `annual-reports/<id>` or `meetings/<m>/reports/<r>` (content path of the owner).
    pub owner_path: String,
    /// The entity id prefix: `<annual-report>` or `<meeting>/<report>`.
    pub owner_id: String,
    pub dataset: String,
    pub yaml: Yaml<String>,
}

/// A file's path, its text (for snippets), what it parsed into, and the
/// warnings about its plain-text fields.
type FileResult = (String, Option<Arc<str>>, Result<Parsed, Diagnostic>, Vec<Diagnostic>);

/// Files parsed by earlier loads of the same site, by path, with the
/// fingerprint of the bytes they were parsed from (`serve`): a file whose
/// bytes are the same is not parsed again. Every file is still read, so a
/// change is seen whatever the file system says about times.
#[derive(Default)]
pub struct Cache(
    std::sync::Mutex<HashMap<String, KeptFile>>,
    /// Files the caller knows to be unchanged since the last load (`serve`
    /// fingerprints every input): not even read again.
    std::sync::Mutex<std::collections::HashSet<String>>,
);

/// A file's fingerprint and what it parsed into.
type KeptFile = ((u64, u64), FileResult);

impl Cache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, KeptFile>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Say which files (from the site root) are known to have the bytes the
    /// last load read, until the next call.
    pub fn trust(&self, unchanged: std::collections::HashSet<String>) {
        *self.1.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = unchanged;
    }

    /// Forget `file`: the next load reads it (its bytes changed without a load).
    pub fn forget(&self, file: &str) {
        self.lock().remove(file);
    }

    fn unchanged(&self, file: &str) -> bool {
        self.1
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(file)
    }

    /// How many files are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Parsed {
    /// Detach the bodies that only rendering reads (see [`load_lean`]): not
    /// a committee's remit, which its page renders from the site.
    /// What its front matter acknowledges as personal data that may be
    /// published (its `privacy: allow:` list, as written).
    fn privacy_allow(&self) -> Option<&[String]> {
        let ack = match self {
            Parsed::Committee(_, d) => d.front.privacy.as_ref(),
            Parsed::Meeting(_, d) => d.front.privacy.as_ref(),
            Parsed::Minutes(_, d, _) => d.front.privacy.as_ref(),
            Parsed::Report(_, _, d) => d.front.privacy.as_ref(),
            Parsed::Appendix(_, _, _, d) => d.front.privacy.as_ref(),
            Parsed::Review(_, d) => d.front.privacy.as_ref(),
            Parsed::PlanIndex(_, d) => d.front.privacy.as_ref(),
            Parsed::AnnualReport(_, d) => d.front.privacy.as_ref(),
            Parsed::Page(_, d) => d.front.privacy.as_ref(),
            _ => None,
        };
        ack.map(|p| p.allow.as_slice())
    }

    fn detach_bodies(&mut self) {
        match self {
            Parsed::Meeting(_, d) => d.body.detach(),
            Parsed::Minutes(_, d, body) => {
                d.body.detach();
                body.preamble.detach();
                for s in &mut body.sections {
                    s.body.detach();
                }
            }
            Parsed::Report(_, _, d) => d.body.detach(),
            Parsed::Review(_, d) => d.body.detach(),
            Parsed::PlanIndex(_, d) => d.body.detach(),
            Parsed::Appendix(_, _, _, d) | Parsed::AnnualReport(_, d) | Parsed::Page(_, d) => d.body.detach(),
            Parsed::Committee(..)
            | Parsed::People(_)
            | Parsed::Glossary(_)
            | Parsed::Questions(..)
            | Parsed::Dataset(_)
            | Parsed::Attachment(_)
            | Parsed::Recommendations(..)
            | Parsed::Plan(..)
            | Parsed::WorkProgramme(..)
            | Parsed::Updates(_) => {}
        }
    }
}

#[derive(Clone)]
enum Parsed {
    Committee(String, Doc<CommitteeFile>),
    People(Yaml<PeopleFile>),
    Glossary(Yaml<GlossaryFile>),
    Meeting(String, Doc<MeetingFile>),
    Minutes(String, Doc<MinutesFile>, Box<minutes_body::MinutesBody>),
    Questions(String, Yaml<QuestionsFile>),
    Report(String, String, Doc<ReportFile>),
    Appendix(String, String, String, Doc<TitledFile>),
    Dataset(RawDataset),
    Attachment(Attachment),
    Review(String, Doc<ReviewFile>),
    Recommendations(String, Yaml<RecommendationsFile>),
    PlanIndex(String, Doc<PlanIndexFile>),
    Plan(String, Yaml<String>),
    AnnualReport(String, Doc<TitledFile>),
    WorkProgramme(String, Yaml<WorkProgrammeFile>),
    Updates(Yaml<UpdatesFile>),
    Page(String, Doc<TitledFile>),
}

/// Read and parse every file of the site at `root`.
pub fn load(root: &Path) -> (Loaded, Sources, Diagnostics) {
    load_with(root, None, true, None)
}

/// [`load`], parsing only the files whose bytes `cache` does not hold
/// already, and keeping this load's files in it for the next.
pub fn load_cached(root: &Path, cache: Option<&Cache>) -> (Loaded, Sources, Diagnostics) {
    load_with(root, cache, true, None)
}

/// [`load`], holding no file's text once it is parsed (`build`, `check`):
/// what a later stage needs from a body is found while it is read
/// ([`references::Found`]), the bodies that only rendering reads are
/// detached ([`shared::Shared::detach`]), and [`Sources`] keeps each text's
/// length and hash, so that rendering, the personal-data check and the
/// publication audit read a file again only if it still holds what was
/// read. Memory no longer grows with the archive's text.
pub fn load_lean(root: &Path) -> (Loaded, Sources, Diagnostics) {
    load_with(root, None, false, None)
}

/// A check of one file's text, made once from the site's settings and run
/// on each file under `content/` as it is read (`build`, `check`: the
/// personal-data check), so that no file is read twice for it: called with
/// the file, its text, and what its front matter acknowledges (its
/// `privacy: allow:` list, as written).
pub type TextCheck = Box<dyn Fn(&str, &str, Option<&[String]>) -> Vec<Diagnostic> + Sync>;

/// [`load_lean`], running the check `make` makes from site.yaml on each
/// file's text as it is read (none if site.yaml does not load).
pub fn load_lean_checking(root: &Path, make: &dyn Fn(&SiteFile) -> TextCheck) -> (Loaded, Sources, Diagnostics) {
    load_with(root, None, false, Some(make))
}

fn load_with(
    root: &Path,
    cache: Option<&Cache>,
    hold_texts: bool,
    make_check: Option<&dyn Fn(&SiteFile) -> TextCheck>,
) -> (Loaded, Sources, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut sources = Sources::new(root);
    sources.reread_with(source_text);
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        ..Loaded::default()
    };

    let site_path = root.join("site.yaml");
    match read_regular("site.yaml", &site_path) {
        Ok(bytes) => match read_text("site.yaml", &bytes) {
            Ok(text) => {
                match yaml::parse::<SiteFile>("site.yaml", &text) {
                    Ok(mut data) => {
                        data.vocabularies.restore_labels(&text);
                        loaded.site = Some(Yaml {
                            file: "site.yaml".into(),
                            path: String::new(),
                            data,
                        })
                    }
                    Err(d) => diags.push(d),
                }
                sources.insert("site.yaml".into(), text);
            }
            Err(d) => diags.push(d),
        },
        Err(None) => diags.push(
            Diagnostic::error("site.yaml", 0, 0, format!("no site.yaml found in {}", root.display()))
                .with_help("run minutebook in the site's folder, pass --root, or create one with `minutebook init`"),
        ),
        Err(Some(d)) => diags.push(d),
    }
    if !root.join("content").is_dir() {
        diags.push(
            Diagnostic::error("content", 0, 0, "there is no content/ folder")
                .with_help("documents live under content/; `minutebook init DIR` creates a site that builds"),
        );
        return (loaded, sources, diags);
    }

    let check = make_check
        .zip(loaded.site.as_ref())
        .map(|(make, site)| make(&site.data));
    let files = discover::discover(root, &mut diags, &mut loaded.failed);
    let results: Vec<(FileResult, Option<Print>)> = files
        .into_par_iter()
        .map(|(file, kind, path)| {
            let (file, text, mut result, mut plain) = parse_file(file, kind, &path, cache);
            if let (Some(check), Some(t)) = (&check, &text)
                && file.starts_with("content/")
            {
                let ack = result.as_ref().ok().and_then(Parsed::privacy_allow);
                plain.extend(check(&file, t, ack));
            }
            match text {
                Some(t) if !hold_texts => {
                    if let Ok(p) = &mut result {
                        p.detach_bodies();
                    }
                    ((file, None, result, plain), Some(diagnostics::print_of(&t)))
                }
                text => ((file, text, result, plain), None),
            }
        })
        .collect();
    if let Some(cache) = cache {
        let seen: std::collections::HashSet<&str> = results.iter().map(|r| r.0.0.as_str()).collect();
        cache.lock().retain(|f, _| seen.contains(f.as_str()));
    }
    for ((file, text, result, plain), print) in results {
        match result {
            Ok(p) => {
                diags.extend(plain);
                loaded.add(p);
            }
            Err(d) => {
                diags.push(d);
                // What the text check found, still reported.
                diags.extend(plain);
                let kind = classify(file.strip_prefix("content/").unwrap_or(&file));
                loaded.failed.push((file.clone(), kind));
            }
        }
        if let Some(text) = text {
            sources.insert(file, text);
        } else if let Some(print) = print {
            sources.insert_print(file, print);
        }
    }
    loaded.shrink();
    loaded.build_index();
    (loaded, sources, diags)
}

/// The largest text file minutebook reads: far more than any paper, and small
/// enough that a file made by mistake (a log, a database dump) cannot stall a build.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Read a text file only if it is a regular file (not a pipe, socket or
/// device, which could block for ever) of at most [`MAX_TEXT_BYTES`].
/// `Err(None)`: it does not exist.
fn read_regular(file: &str, path: &Path) -> Result<Vec<u8>, Option<Diagnostic>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
        Err(e) => {
            return Err(Some(
                Diagnostic::error(file, 0, 0, format!("cannot read this file: {e}"))
                    .with_help("check that the file can be opened (its permissions), or remove it"),
            ));
        }
    };
    if !meta.file_type().is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not an ordinary file (a pipe, socket or device)"
        };
        return Err(Some(
            Diagnostic::error(
                file,
                0,
                0,
                format!("this is {what}, so it cannot be read as a document"),
            )
            .with_help("replace it with an ordinary text file, or remove it"),
        ));
    }
    if meta.len() > MAX_TEXT_BYTES {
        return Err(Some(
            Diagnostic::error(
                file,
                0,
                0,
                format!(
                    "this file is {} MB; minutebook reads text files of up to {} MB",
                    meta.len() / (1024 * 1024),
                    MAX_TEXT_BYTES / (1024 * 1024)
                ),
            )
            .with_help("split the document into smaller ones, or publish the large content as an attachment"),
        ));
    }
    std::fs::read(path).map_err(|e| {
        Some(
            Diagnostic::error(file, 0, 0, format!("cannot read this file: {e}"))
                .with_help("check that the file can be opened (its permissions), or remove it"),
        )
    })
}

/// One Markdown document's text as a load reads it, split at the end of
/// its front matter (`serve`, telling a change to the body alone): the whole
/// text, the front matter's `privacy: allow:` list, and the body's offset
/// and first line. `None` for anything a full load would report.
pub struct Reread {
    pub text: Arc<str>,
    pub privacy_allow: Option<Vec<String>>,
    pub body_start: usize,
    pub body_line: usize,
}

impl Reread {
    pub fn of(root: &Path, file: &str) -> Option<Reread> {
        Reread::text(file, read_again(root, file)?)
    }

    /// The same for a text already read (an earlier build's source).
    pub fn text(file: &str, text: Arc<str>) -> Option<Reread> {
        #[derive(serde::Deserialize)]
        struct Ack {
            privacy: Option<frontmatter::PrivacyAck>,
        }
        let split = frontmatter::split(file, &text).ok()?;
        let ack: Ack = yaml::parse(file, &split.yaml).ok()?;
        let body_start = (split.body.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        if text.get(body_start..) != Some(split.body) {
            return None;
        }
        let body_line = split.body_line;
        Some(Reread {
            privacy_allow: ack.privacy.map(|p| p.allow),
            body_start,
            body_line,
            text: text.clone(),
        })
    }

    pub fn front(&self) -> &str {
        self.text.get(..self.body_start).unwrap_or_default()
    }

    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }
}

/// The text of `file` (from the site root) as loading reads it, if it is
/// an ordinary file of UTF-8 text (`serve`'s quick rebuilds).
pub fn read_again(root: &Path, file: &str) -> Option<Arc<str>> {
    let bytes = read_regular(file, &root.join(file)).ok()?;
    read_text(file, &bytes).ok()
}

/// A document's front matter parsed as loading parses it, and the same YAML
/// as plain values (to compare two versions of it field by field).
pub fn front_matter<T: DeserializeOwned>(file: &str, text: &str) -> Option<(T, serde_json::Value)> {
    let split = frontmatter::split(file, text).ok()?;
    let front: T = yaml::parse(file, &split.yaml).ok()?;
    let values: serde_json::Value = yaml::parse(file, &split.yaml).ok()?;
    Some((front, values))
}

/// An updates file (`updates/*.yaml`) parsed as loading parses it.
pub fn updates_file(file: &str, text: &str) -> Result<UpdatesFile, Diagnostic> {
    yaml_doc(file, text).map(|y: Yaml<UpdatesFile>| y.data)
}

/// A file's text as loading reads it (valid UTF-8, line ends normalised):
/// how [`Sources`] reads a file again when its text is not held.
pub fn source_text(bytes: &[u8]) -> Option<String> {
    std::str::from_utf8(bytes)
        .ok()
        .map(|t| frontmatter::normalise(t).into_owned())
}

fn read_text(file: &str, bytes: &[u8]) -> Result<Arc<str>, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Arc::from(&*frontmatter::normalise(t))),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let col = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(Diagnostic::error(file, line, col, "this file is not valid UTF-8 text")
                .with_help("save the file as UTF-8 (most editors offer this under \"Save as\" or \"Encoding\")"))
        }
    }
}

fn content_path(file: &str) -> String {
    let p = file.strip_prefix("content/").unwrap_or(file);
    match p.rsplit_once('.') {
        Some((stem, _)) if !stem.contains('/') || stem.rsplit_once('/').is_some() => stem.to_string(),
        _ => p.to_string(),
    }
}

fn parse_file(file: String, kind: FileKind, path: &Path, cache: Option<&Cache>) -> FileResult {
    if let FileKind::Attachment { meeting } = &kind {
        let rel = file
            .strip_prefix(&format!("content/meetings/{meeting}/"))
            .unwrap_or(&file)
            .to_string();
        let att = Attachment {
            file: file.clone(),
            meeting: meeting.clone(),
            rel,
            source: path.to_path_buf(),
        };
        return (file, None, Ok(Parsed::Attachment(att)), Vec::new());
    }
    if let Some(cache) = cache
        && cache.unchanged(&file)
        && let Some((_, kept)) = cache.lock().get(&file)
    {
        return kept.clone();
    }
    let bytes = match read_regular(&file, path) {
        Ok(b) => b,
        Err(d) => {
            let d = d.unwrap_or_else(|| Diagnostic::error(&file, 0, 0, "this file has disappeared while being read"));
            return (file, None, Err(d), Vec::new());
        }
    };
    let Some(cache) = cache else {
        return parse_bytes(file, kind, &bytes);
    };
    let print = fingerprint::Fingerprint::of(&bytes);
    if let Some((p, kept)) = cache.lock().get(&file)
        && *p == print
    {
        return kept.clone();
    }
    let result = parse_bytes(file, kind, &bytes);
    cache.lock().insert(result.0.clone(), (print, result.clone()));
    result
}

fn parse_bytes(file: String, kind: FileKind, bytes: &[u8]) -> FileResult {
    let text = match read_text(&file, bytes) {
        Ok(t) => t,
        Err(d) => return (file, None, Err(d), Vec::new()),
    };
    let result = parse_text(&file, kind.clone(), &text);
    let plain = match &result {
        Ok(_) => plain_text::check(&file, &kind, &text),
        Err(_) => Vec::new(),
    };
    (file, Some(text), result, plain)
}

fn yaml_doc<T: DeserializeOwned>(file: &str, text: &str) -> Result<Yaml<T>, Diagnostic> {
    let raw = raw_yaml(file, text)?;
    Ok(Yaml {
        data: yaml::parse(file, text)?,
        file: raw.file,
        path: raw.path,
    })
}

fn md_doc<T: DeserializeOwned + HasKind>(file: &str, text: &Arc<str>, kind: &FileKind) -> Result<Doc<T>, Diagnostic> {
    let split = frontmatter::split(file, text)?;
    let front: T = yaml::parse(file, &split.yaml)?;
    check_kind(file, front.stated_kind(), kind.kind_name())?;
    Ok(Doc {
        file: file.into(),
        path: content_path(file),
        front,
        body: shared::Shared::whole(text).part(split.body),
        body_line: split.body_line,
        found: references::Found::scan(split.body, split.body_line),
    })
}

/// A YAML file that may state its `kind`, parsed and checked like front matter.
fn yaml_doc_kind<T: DeserializeOwned + HasKind>(
    file: &str,
    text: &str,
    kind: &FileKind,
) -> Result<Yaml<T>, Diagnostic> {
    let doc: Yaml<T> = yaml_doc(file, text)?;
    check_kind(file, doc.data.stated_kind(), kind.kind_name())?;
    Ok(doc)
}

/// A stated `kind:` must be the one the file's place implies (spec section 1).
pub fn check_kind(file: &str, stated: Option<&primitives::Spanned<String>>, implied: &str) -> Result<(), Diagnostic> {
    let Some(stated) = stated else {
        return Ok(());
    };
    if stated.value == implied {
        return Ok(());
    }
    let p = primitives::pos(stated);
    Err(Diagnostic::at(
        file,
        p,
        format!(
            "this file says `kind: {}`, but a file in this place is {}",
            stated.value,
            article(implied)
        ),
    )
    .with_help(format!(
        "write `kind: {implied}`, or move the file to where documents of kind `{}` live",
        stated.value
    )))
}

/// `a report`, `an appendix`.
fn article(word: &str) -> String {
    let an = matches!(word.as_bytes().first(), Some(b'a' | b'e' | b'i' | b'o' | b'u'));
    format!("{} {word}", if an { "an" } else { "a" })
}

/// Front matter that may state its `kind`.
pub trait HasKind {
    fn stated_kind(&self) -> Option<&primitives::Spanned<String>>;
}

macro_rules! has_kind {
    ($($t:ty),*) => {$(
        impl HasKind for $t {
            fn stated_kind(&self) -> Option<&primitives::Spanned<String>> {
                self.kind.as_ref()
            }
        }
    )*};
}
has_kind!(
    RecommendationsFile,
    WorkProgrammeFile,
    plan::PlanFile,
    dataset::DatasetFile,
    CommitteeFile,
    MeetingFile,
    MinutesFile,
    ReportFile,
    TitledFile,
    ReviewFile,
    PlanIndexFile
);

fn parse_text(file: &str, kind: FileKind, text: &Arc<str>) -> Result<Parsed, Diagnostic> {
    Ok(match &kind {
        FileKind::Committee { id } => Parsed::Committee(id.clone(), md_doc(file, text, &kind)?),
        FileKind::People => Parsed::People(yaml_doc(file, text)?),
        FileKind::Glossary => Parsed::Glossary(yaml_doc(file, text)?),
        // Lists read from YAML keep room to grow (a list of one keeps room
        // for four), and what is loaded is held until the site is resolved:
        // the long-lived lists of agendas and minutes give it back.
        FileKind::Meeting { meeting } => {
            let mut doc: Doc<MeetingFile> = md_doc(file, text, &kind)?;
            doc.front.items.shrink_to_fit();
            for it in &mut doc.front.items {
                it.value.reports.shrink_to_fit();
                it.value.updates.shrink_to_fit();
            }
            Parsed::Meeting(meeting.clone(), doc)
        }
        FileKind::Minutes { meeting } => {
            let mut doc: Doc<MinutesFile> = md_doc(file, text, &kind)?;
            doc.front.resolutions.0.shrink_to_fit();
            for (_, list) in &mut doc.front.resolutions.0 {
                list.value.shrink_to_fit();
            }
            doc.front.attendance.0.shrink_to_fit();
            for (_, people) in &mut doc.front.attendance.0 {
                people.shrink_to_fit();
            }
            let mut body = minutes_body::split(&doc.body, doc.body_line);
            body.sections.shrink_to_fit();
            Parsed::Minutes(meeting.clone(), doc, Box::new(body))
        }
        FileKind::Questions { meeting } => Parsed::Questions(meeting.clone(), yaml_doc(file, text)?),
        FileKind::Report { meeting, report } => {
            Parsed::Report(meeting.clone(), report.clone(), md_doc(file, text, &kind)?)
        }
        FileKind::Appendix {
            meeting,
            report,
            file: name,
        } => Parsed::Appendix(
            meeting.clone(),
            report.clone(),
            name.clone(),
            md_doc(file, text, &kind)?,
        ),
        FileKind::ReportDataset {
            meeting,
            report,
            dataset,
        } => Parsed::Dataset(RawDataset {
            owner_path: format!("meetings/{meeting}/reports/{report}"),
            owner_id: format!("{meeting}/{report}"),
            dataset: dataset.clone(),
            yaml: raw_yaml(file, text)?,
        }),
        FileKind::AnnualDataset { report, dataset } => Parsed::Dataset(RawDataset {
            owner_path: format!("annual-reports/{report}"),
            owner_id: report.clone(),
            dataset: dataset.clone(),
            yaml: raw_yaml(file, text)?,
        }),
        FileKind::Review { review } => Parsed::Review(review.clone(), md_doc(file, text, &kind)?),
        FileKind::Recommendations { review } => {
            Parsed::Recommendations(review.clone(), yaml_doc_kind(file, text, &kind)?)
        }
        FileKind::PlanIndex { plan } => Parsed::PlanIndex(plan.clone(), md_doc(file, text, &kind)?),
        FileKind::Plan { plan } => Parsed::Plan(plan.clone(), raw_yaml(file, text)?),
        FileKind::AnnualReport { report } => Parsed::AnnualReport(report.clone(), md_doc(file, text, &kind)?),
        FileKind::WorkProgramme { name } => Parsed::WorkProgramme(name.clone(), yaml_doc_kind(file, text, &kind)?),
        FileKind::Updates { .. } => Parsed::Updates(yaml_doc(file, text)?),
        FileKind::Page { id } => Parsed::Page(id.clone(), md_doc(file, text, &kind)?),
        FileKind::Attachment { .. } | FileKind::Unknown => {
            return Err(Diagnostic::error(file, 0, 0, "internal: unexpected file kind"));
        }
    })
}

fn raw_yaml(file: &str, text: &str) -> Result<Yaml<String>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, 1, 1, "the file is empty")
            .with_help("add this file's required fields, or delete the file"));
    }
    Ok(Yaml {
        file: file.into(),
        path: content_path(file),
        data: text.to_string(),
    })
}

impl Loaded {
    fn build_index(&mut self) {
        let ids = |v: Vec<&String>| v.into_iter().enumerate().map(|(i, id)| (id.clone(), i)).rev().collect();
        self.index = Index {
            meetings: ids(self.meetings.iter().map(|(id, _)| id).collect()),
            minutes: ids(self.minutes.iter().map(|(id, _)| id).collect()),
            committees: ids(self.committees.iter().map(|(id, _)| id).collect()),
            reports: self
                .reports
                .iter()
                .enumerate()
                .rev()
                .map(|(i, (m, r, _))| ((m.clone(), r.clone()), i))
                .collect(),
            report_files: self
                .appendices
                .iter()
                .map(|(_, _, _, d)| d.file.clone())
                .chain(self.attachments.iter().map(|a| a.file.clone()))
                .collect(),
        };
    }

    /// Every Markdown document's file, content path and common front matter,
    /// for the checks that apply to all of them alike.
    pub fn markdown_docs(&self) -> Vec<(&str, &str, frontmatter::Common)> {
        fn entry<T>(d: &Doc<T>, c: frontmatter::Common) -> (&str, &str, frontmatter::Common) {
            (d.file.as_str(), d.path.as_str(), c)
        }
        let mut v = Vec::new();
        v.extend(self.committees.iter().map(|(_, d)| entry(d, d.front.common())));
        v.extend(self.meetings.iter().map(|(_, d)| entry(d, d.front.common())));
        v.extend(self.minutes.iter().map(|(_, d)| entry(d, d.front.common())));
        v.extend(self.reports.iter().map(|(_, _, d)| entry(d, d.front.common())));
        v.extend(self.appendices.iter().map(|(_, _, _, d)| entry(d, d.front.common())));
        v.extend(self.reviews.iter().map(|(_, d)| entry(d, d.front.common())));
        v.extend(self.plan_indexes.iter().map(|(_, d)| entry(d, d.front.common())));
        v.extend(self.annual_reports.iter().map(|(_, d)| entry(d, d.front.common())));
        v.extend(self.pages.iter().map(|(_, d)| entry(d, d.front.common())));
        v
    }

    /// Let go of the meetings' papers (agendas, minutes, question
    /// schedules and reports) once resolve has made every view of them:
    /// from then on, [`Loaded::meeting`], [`Loaded::minutes_of`] and
    /// [`Loaded::report`] find nothing. At archive scale they are most of
    /// what is loaded, and resolve's peak is the loaded and the resolved
    /// site together.
    pub fn let_go_of_papers(&mut self) {
        self.meetings = Vec::new();
        self.minutes = Vec::new();
        self.questions = Vec::new();
        self.reports = Vec::new();
        self.minutes_bodies = HashMap::new();
        self.index.meetings = HashMap::new();
        self.index.minutes = HashMap::new();
        self.index.reports = HashMap::new();
    }

    /// Let go of the room the lists grew into (up to half of each), which
    /// would otherwise be held until the site is resolved.
    fn shrink(&mut self) {
        self.meetings.shrink_to_fit();
        self.minutes.shrink_to_fit();
        self.questions.shrink_to_fit();
        self.reports.shrink_to_fit();
        self.appendices.shrink_to_fit();
        self.datasets.shrink_to_fit();
        self.attachments.shrink_to_fit();
        self.recommendations.shrink_to_fit();
        self.updates.shrink_to_fit();
        self.pages.shrink_to_fit();
    }

    /// Was `file` (a path from the site root) loaded as an appendix or an
    /// attachment?
    pub fn has_report_file(&self, file: &str) -> bool {
        self.index.report_files.contains(file)
    }

    /// Did `file` (a path from the site root) fail to load?
    pub fn failed_file(&self, file: &str) -> bool {
        self.failed.iter().any(|(f, _)| f == file)
    }

    /// The body of minutes `doc`, split into its minutes.
    pub fn minutes_body(&self, doc: &Doc<MinutesFile>) -> std::borrow::Cow<'_, minutes_body::MinutesBody> {
        match self.minutes_bodies.get(&doc.file) {
            Some(b) => std::borrow::Cow::Borrowed(b),
            None => std::borrow::Cow::Owned(minutes_body::split(&doc.body, doc.body_line)),
        }
    }

    /// The agenda of meeting `id`.
    pub fn meeting(&self, id: &str) -> Option<&Doc<MeetingFile>> {
        self.index
            .meetings
            .get(id)
            .and_then(|i| self.meetings.get(*i))
            .map(|(_, d)| d)
    }

    /// The minutes of meeting `id`.
    pub fn minutes_of(&self, id: &str) -> Option<&Doc<MinutesFile>> {
        self.index
            .minutes
            .get(id)
            .and_then(|i| self.minutes.get(*i))
            .map(|(_, d)| d)
    }

    pub fn committee(&self, id: &str) -> Option<&Doc<CommitteeFile>> {
        self.index
            .committees
            .get(id)
            .and_then(|i| self.committees.get(*i))
            .map(|(_, d)| d)
    }

    /// Report `slug` of meeting `meeting`.
    pub fn report(&self, meeting: &str, slug: &str) -> Option<&Doc<ReportFile>> {
        self.index
            .reports
            .get(&(meeting.to_string(), slug.to_string()))
            .and_then(|i| self.reports.get(*i))
            .map(|(_, _, d)| d)
    }

    fn add(&mut self, p: Parsed) {
        match p {
            Parsed::Committee(id, d) => self.committees.push((id, d)),
            Parsed::People(y) => self.people.push(y),
            Parsed::Glossary(y) => self.glossary = Some(y),
            Parsed::Meeting(id, d) => self.meetings.push((id, d)),
            Parsed::Minutes(id, d, body) => {
                self.minutes_bodies.insert(d.file.clone(), *body);
                self.minutes.push((id, d));
            }
            Parsed::Questions(id, y) => self.questions.push((id, y)),
            Parsed::Report(m, r, d) => self.reports.push((m, r, d)),
            Parsed::Appendix(m, r, f, d) => self.appendices.push((m, r, f, d)),
            Parsed::Dataset(d) => self.datasets.push(d),
            Parsed::Attachment(a) => self.attachments.push(a),
            Parsed::Review(id, d) => self.reviews.push((id, d)),
            Parsed::Recommendations(id, y) => self.recommendations.push((id, y)),
            Parsed::PlanIndex(id, d) => self.plan_indexes.push((id, d)),
            Parsed::Plan(id, y) => self.plans.push((id, y)),
            Parsed::AnnualReport(id, d) => self.annual_reports.push((id, d)),
            Parsed::WorkProgramme(id, y) => self.work_programmes.push((id, y)),
            Parsed::Updates(y) => self.updates.push(y),
            Parsed::Page(id, d) => self.pages.push((id, d)),
        }
    }
}
