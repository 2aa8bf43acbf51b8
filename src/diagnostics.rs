//! Diagnostics are values: every stage collects them instead of stopping at the
//! first problem, and the CLI renders them together at the end (human with
//! miette snippets, JSON lines, or GitHub annotations).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;

/// How bad a diagnostic is. Warnings fail the build only with `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the site, pointing at a file, line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, column, message)
        }
    }

    /// An error at a position given by [`Pos`].
    pub fn at(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self::error(file, pos.line, pos.column, message)
    }

    /// A warning at a position given by [`Pos`].
    pub fn warn_at(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self::warning(file, pos.line, pos.column, message)
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (&self.file, self.line, self.column, self.severity, &self.message)
    }
}

/// A 1-based line and column inside a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const fn new(line: usize, column: usize) -> Self {
        Self { line, column }
    }

    /// The position of the byte `offset` inside `text`, counted from `start`.
    pub fn of_offset(text: &str, offset: usize, start: Pos) -> Pos {
        let before = text.get(..offset.min(text.len())).unwrap_or(text);
        let newlines = before.matches('\n').count();
        let last_line = before.rsplit('\n').next().unwrap_or("");
        let col = last_line.chars().count() + 1;
        if newlines == 0 {
            Pos::new(start.line, start.column + col - 1)
        } else {
            Pos::new(start.line + newlines, col)
        }
    }
}

/// Collects diagnostics from one stage; cheap to merge from parallel work.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted, de-duplicated diagnostics, so output is stable across runs.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The text of every file read, or what tells whether a file still holds it.
///
/// `serve` holds every text, for its quick rebuilds. `build` and `check`
/// hold none ([`crate::load::load_lean`]): each file's length and hash are
/// kept instead, and a stage that needs a text again (the personal-data
/// check, the publication audit, rendering a body, a diagnostic's snippet)
/// reads the file again and uses it only if it still holds what was read.
#[derive(Debug, Default)]
pub struct Sources {
    root: PathBuf,
    texts: BTreeMap<String, Arc<str>>,
    /// Texts not held: their length and hash.
    prints: BTreeMap<String, Print>,
    /// How a file's bytes became its text (UTF-8, line ends normalised).
    reread: Option<Reread>,
    /// Files read again by the build that no longer held what was read.
    changed: Mutex<BTreeSet<String>>,
}

impl Clone for Sources {
    fn clone(&self) -> Self {
        Sources {
            root: self.root.clone(),
            texts: self.texts.clone(),
            prints: self.prints.clone(),
            reread: self.reread,
            changed: Mutex::new(self.changed.lock().map(|c| c.clone()).unwrap_or_default()),
        }
    }
}

/// How a file's bytes become its text.
pub type Reread = fn(&[u8]) -> Option<String>;

/// A text's length and hash: enough to tell whether a file read again
/// still holds it.
pub type Print = (usize, u64);

/// `text`'s [`Print`].
pub fn print_of(text: &str) -> Print {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    (text.len(), h.finish())
}

impl Sources {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            ..Self::default()
        }
    }

    /// Texts not held are read again with `reread`, which turns a file's
    /// bytes into its text as loading did.
    pub fn reread_with(&mut self, reread: Reread) {
        self.reread = Some(reread);
    }

    /// The text of `file` as the build read it: held, or read again if it
    /// is not held and the file still holds it. For a diagnostic's snippet,
    /// which the file changing since is no reason to stop.
    pub fn text(&self, file: &str) -> Option<Arc<str>> {
        if let Some(t) = self.texts.get(file) {
            return Some(Arc::clone(t));
        }
        let print = self.prints.get(file)?;
        let bytes = std::fs::read(self.root.join(file)).ok()?;
        let text = (self.reread?)(&bytes)?;
        (print_of(&text) == *print).then(|| text.into())
    }

    /// [`Sources::text`], for the build itself: a file that no longer holds
    /// what was read is remembered, and [`Sources::changed`] reports it as an
    /// error, so that no output made without it is used.
    pub fn read(&self, file: &str) -> Option<Arc<str>> {
        let text = self.text(file);
        if text.is_none()
            && (self.texts.contains_key(file) || self.prints.contains_key(file))
            && let Ok(mut changed) = self.changed.lock()
        {
            changed.insert(file.to_string());
        }
        text
    }

    /// An error for each file that [`Sources::read`] found changed.
    pub fn changed(&self) -> Vec<Diagnostic> {
        let changed = self.changed.lock().map(|c| c.clone()).unwrap_or_default();
        changed
            .into_iter()
            .map(|f| {
                Diagnostic::error(&f, 0, 0, "this file changed while the site was being built")
                    .with_help("build again once every file is saved; nothing was published from this build")
            })
            .collect()
    }

    pub fn insert(&mut self, file: String, text: Arc<str>) {
        self.texts.insert(file, text);
    }

    /// Remember only `print` of `file`'s text.
    pub fn insert_print(&mut self, file: String, print: Print) {
        self.prints.insert(file, print);
    }

    /// A held text.
    pub fn get(&self, file: &str) -> Option<&Arc<str>> {
        self.texts.get(file)
    }

    /// Every file read whose text is held, by path.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Arc<str>)> {
        self.texts.iter()
    }

    /// Every file read, held or not, in path order.
    pub fn files(&self) -> Vec<&String> {
        let mut v: Vec<&String> = self.texts.keys().chain(self.prints.keys()).collect();
        v.sort_unstable();
        v
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How many files were read.
    pub fn len(&self) -> usize {
        self.texts.len() + self.prints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Output formats of `minutebook check` (and of `build` errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Render diagnostics in the chosen format, one after another.
pub fn render(diags: &[Diagnostic], sources: &Sources, format: Format, color: bool) -> String {
    let mut out = String::new();
    // A file's text for its snippets, read (again, if not held) once for a
    // run of diagnostics in the same file: they come sorted by file.
    let mut last: Option<(&str, Option<Arc<str>>)> = None;
    for d in diags {
        match format {
            Format::Human => {
                if last.as_ref().is_none_or(|(f, _)| *f != d.file) {
                    last = Some((&d.file, sources.text(&d.file)));
                }
                let text = last.as_ref().and_then(|(_, t)| t.clone());
                out.push_str(&render_human(d, text, color));
            }
            Format::Json => {
                out.push_str(&serde_json::to_string(d).unwrap_or_default());
                out.push('\n');
            }
            Format::Github => {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let mut msg = d.message.clone();
                if let Some(h) = &d.help {
                    let _ = write!(msg, " (help: {h})");
                }
                let _ = writeln!(
                    out,
                    "::{kind} file={},line={},col={}::{}",
                    d.file,
                    d.line.max(1),
                    d.column.max(1),
                    escape_github(&msg)
                );
            }
        }
    }
    out
}

fn escape_github(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A miette report for one diagnostic: `file:line:col` header, snippet, help.
#[derive(Debug)]
struct Report {
    message: String,
    help: Option<String>,
    severity: miette::Severity,
    source: Option<miette::NamedSource<String>>,
    span: Option<miette::SourceSpan>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.span.map(|s| {
            Box::new(std::iter::once(miette::LabeledSpan::new_with_span(
                Some("here".into()),
                s,
            ))) as Box<dyn Iterator<Item = miette::LabeledSpan>>
        })
    }
}

/// `d` for a terminal, with a snippet of `text`, its file's text as the
/// build read it (if known).
fn render_human(d: &Diagnostic, text: Option<Arc<str>>, color: bool) -> String {
    let location = if d.line > 0 {
        format!("{}:{}:{}", d.file, d.line, d.column.max(1))
    } else {
        d.file.clone()
    };
    let (source, span) = match (text, d.line) {
        (Some(text), line) if line > 0 => {
            let offset = offset_of(&text, d.line, d.column.max(1));
            let len = text[offset..]
                .chars()
                .next()
                .filter(|c| *c != '\n')
                .map_or(0, char::len_utf8);
            (
                Some(miette::NamedSource::new(d.file.clone(), text.to_string())),
                Some(miette::SourceSpan::new(offset.into(), len)),
            )
        }
        _ => (None, None),
    };
    let report = Report {
        message: if source.is_some() {
            d.message.clone()
        } else {
            format!("{location}: {}", d.message)
        },
        help: d.help.clone(),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        source,
        span,
    };
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        let _ = writeln!(out, "{location}: {}", d.message);
    }
    out
}

/// Byte offset of a 1-based line and column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let in_line: usize = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(l.trim_end_matches('\n').len(), |(b, _)| b);
            return offset + in_line;
        }
        offset += l.len();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pos_of_offset_counts_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(Pos::of_offset(text, 0, Pos::new(1, 1)), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 4, Pos::new(1, 1)), Pos::new(2, 2));
        assert_eq!(Pos::of_offset(text, 8, Pos::new(10, 1)), Pos::new(12, 1));
    }

    #[test]
    fn offset_of_finds_line_and_column() {
        let text = "one\ntwo\nthree";
        assert_eq!(&text[offset_of(text, 2, 2)..], "wo\nthree");
        assert_eq!(&text[offset_of(text, 3, 1)..], "three");
    }

    #[test]
    fn a_text_not_held_is_read_again_only_while_the_file_holds_it() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("content"))?;
        let file = dir.path().join("content/a.md");
        std::fs::write(&file, "\u{feff}one\r\ntwo words\r\nthree")?;
        let mut sources = Sources::new(dir.path());
        sources.insert_print("content/a.md".into(), print_of("one\ntwo words\nthree"));
        sources.reread_with(|b| {
            std::str::from_utf8(b)
                .ok()
                .map(|t| t.trim_start_matches('\u{feff}').replace("\r\n", "\n"))
        });
        assert_eq!(sources.len(), 1);
        assert_eq!(sources.iter().count(), 0, "no text is held");
        assert_eq!(sources.text("content/a.md").as_deref(), Some("one\ntwo words\nthree"));
        let d = Diagnostic::error("content/a.md", 2, 5, "bad word");
        let shown = render(std::slice::from_ref(&d), &sources, Format::Human, false);
        assert!(shown.contains("two words"), "{shown}");
        // Changed since the build read it: no snippet, which would point at
        // the wrong text, but still the place.
        std::fs::write(&file, "one\nthree words\nthree")?;
        assert_eq!(sources.text("content/a.md"), None);
        let shown = render(&[d], &sources, Format::Human, false);
        assert!(!shown.contains("words"), "{shown}");
        assert!(shown.contains("content/a.md:2:5"), "{shown}");
        assert_eq!(sources.text("content/other.md"), None);
        // A snippet's read is no reason to stop; the build's own is.
        assert!(sources.changed().is_empty());
        assert_eq!(sources.read("content/a.md"), None);
        assert_eq!(sources.read("content/other.md"), None, "never read: not a change");
        let changed = sources.changed();
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].file, "content/a.md");
        assert_eq!(changed[0].severity, Severity::Error);
        Ok(())
    }

    #[test]
    fn github_format_names_file_line_and_column() {
        let d = Diagnostic::error("content/a.md", 3, 7, "bad thing").with_help("fix it");
        let out = render(&[d], &Sources::default(), Format::Github, false);
        assert_eq!(
            out,
            "::error file=content/a.md,line=3,col=7::bad thing (help: fix it)\n"
        );
    }
}
