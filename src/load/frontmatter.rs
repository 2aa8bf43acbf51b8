//! Splitting a Markdown file into its YAML front matter and its body, and the
//! fields every Markdown document may carry besides its kind's own.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::glossary::GlossaryValue;
use super::primitives::{Date, Spanned};
use crate::diagnostics::Diagnostic;

/// A Markdown file split at its `---` fences. `yaml` is padded with blank
/// lines so that its line numbers are the file's own.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: String,
    pub body: &'a str,
    /// The 1-based line of the body's first line.
    pub body_line: usize,
}

/// Split `text` (already normalised to `\n` line endings, BOM removed).
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, 1, 1, "the file is empty").with_help(
            "a Markdown document starts with front matter between two `---` lines, e.g.\n---\ntitle: My page\n---",
        ));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(
            file,
            1,
            1,
            "missing front matter: the file must start with a `---` line",
        )
        .with_help("put the document's fields between two `---` lines at the very top of the file"));
    }
    let mut offset = first.len();
    let mut yaml = String::from("\n");
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            if let Some(start) = markdown_start(&yaml) {
                return Err(runs_into_body(file, start));
            }
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: if yaml.trim().is_empty() { "{}\n".into() } else { yaml },
                body: &text[body_start..],
                body_line: i + 3,
            });
        }
        yaml.push_str(line);
        if !line.ends_with('\n') {
            yaml.push('\n');
        }
        offset += line.len();
    }
    if let Some(start) = markdown_start(&yaml) {
        return Err(runs_into_body(file, start));
    }
    Err(
        Diagnostic::error(file, 1, 1, "the front matter is never closed: no second `---` line")
            .with_help("end the front matter with a line holding only `---`, before the Markdown text"),
    )
}

/// Front matter with no `---` before the Markdown text, told at the opening
/// line with the line where the text seems to start.
fn runs_into_body(file: &str, start: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        1,
        1,
        format!("the front matter runs into the Markdown text: no `---` line closes it before line {start}"),
    )
    .with_help(format!(
        "add a line holding only `---` after the last field, before line {start}, where the Markdown text seems to start"
    ))
}

/// The 1-based line where Markdown text seems to start inside what was read
/// as front matter (`yaml` holds the file's lines from line 1, the opening
/// `---` blanked): the first line at the left margin that cannot be YAML
/// (no `key:`, not a list entry, comment or flow value), moved up to the
/// headings just above it. `None` when every line could be YAML.
fn markdown_start(yaml: &str) -> Option<usize> {
    let lines: Vec<&str> = yaml.lines().collect();
    let prose = lines.iter().position(|l| {
        let t = l.trim_end();
        !t.is_empty()
            && !t.starts_with([' ', '\t', '#', '-', '[', '{', '"', '\'', '&', '!', '|', '?', '%'])
            && !t.contains(": ")
            && !t.ends_with(':')
    })?;
    let mut start = prose;
    let mut i = prose;
    while i > 0 {
        i -= 1;
        let t = lines[i].trim_end();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('#') && !t.starts_with("# ") || t.starts_with("# ") && heading_like(&lines, i) {
            start = i;
            continue;
        }
        break;
    }
    Some(start + 1)
}

/// A `# ` line directly after a blank line (or a heading), as Markdown
/// headings stand, rather than a comment under a field.
fn heading_like(lines: &[&str], i: usize) -> bool {
    i == 0 || lines[i - 1].trim().is_empty()
}

/// Strip a byte-order mark and turn CRLF into LF, so neither changes output.
pub fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    // U+E000 is reserved for the renderer's own placeholders.
    if text.contains('\u{e000}') {
        Cow::Owned(text.replace('\u{e000}', ""))
    } else {
        text
    }
}

/// `privacy: { allow: [...], reason: ... }` acknowledging personal data.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyAck {
    #[serde(default)]
    pub allow: Vec<String>,
    pub reason: Option<String>,
}

/// The keys every Markdown document may carry (spec section 1).
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub kind: Option<Spanned<String>>,
    pub published: Option<Spanned<Date>>,
    pub draft: bool,
    pub glossary: BTreeMap<String, Spanned<GlossaryValue>>,
    pub privacy: Option<PrivacyAck>,
}

/// Declares a front-matter struct with the common keys appended, since serde's
/// `flatten` cannot be combined with `deny_unknown_fields` and loses spans.
macro_rules! front_matter {
    ($(#[$m:meta])* pub struct $name:ident { $($(#[$fm:meta])* pub $f:ident : $t:ty,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fm])* pub $f: $t,)*
            pub kind: Option<$crate::load::primitives::Spanned<String>>,
            pub published: Option<$crate::load::primitives::Spanned<$crate::load::primitives::Date>>,
            #[serde(default)]
            pub draft: bool,
            #[serde(default)]
            pub glossary: std::collections::BTreeMap<String, $crate::load::primitives::Spanned<$crate::load::glossary::GlossaryValue>>,
            pub privacy: Option<$crate::load::frontmatter::PrivacyAck>,
        }

        impl $name {
            /// The keys shared by every Markdown document.
            pub fn common(&self) -> $crate::load::frontmatter::Common {
                $crate::load::frontmatter::Common {
                    kind: self.kind.clone(),
                    published: self.published.clone(),
                    draft: self.draft,
                    glossary: self.glossary.clone(),
                    privacy: self.privacy.clone(),
                }
            }
        }
    };
}
pub(crate) use front_matter;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_line_numbers() {
        let s = split("a.md", "---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "\ntitle: x\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        assert!(
            split("a.md", "title: x\n")
                .unwrap_err()
                .message
                .contains("missing front matter")
        );
        assert!(
            split("a.md", "---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("a.md", "  \n").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn bom_and_crlf_change_nothing() {
        assert_eq!(normalise("\u{feff}a\r\nb\r\n"), "a\nb\n");
    }
}
