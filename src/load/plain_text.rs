//! `[[kind:id]]` written in a YAML field that is plain text (an agenda item's
//! `purpose`, a venue, a title) would be published as it stands, brackets and
//! all. This check finds such links in the YAML of every file that loaded and
//! warns at the `[[`, naming the field and where links are made instead.
//!
//! It works on the text rather than on the typed documents, so that every
//! field of every kind of file is covered without a list per struct: the
//! field is the nearest `key:` before the `[[` on its line, or the key of the
//! first line above it that is less indented (a folded or multi-line value).

use super::classify::FileKind;
use crate::diagnostics::Diagnostic;

/// The YAML fields that are Markdown, in the kinds of file that have them.
fn markdown_fields(kind: &FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Minutes { .. }
        | FileKind::Report { .. }
        | FileKind::Questions { .. }
        | FileKind::Recommendations { .. }
        | FileKind::Updates { .. } => &["text", "question", "response"],
        _ => &[],
    }
}

/// The YAML part of a file: front matter for Markdown (from line 1), the
/// whole text for YAML.
fn yaml_lines<'a>(file: &str, text: &'a str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    if !file.ends_with(".md") {
        return lines;
    }
    match lines.iter().skip(1).position(|l| l.trim_end() == "---") {
        Some(end) => lines[..end + 1].to_vec(),
        None => Vec::new(),
    }
}

/// The last `key:` (followed by a space or the end) in `s`.
fn last_key(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        if b[i] == b':' && b.get(i + 1).is_none_or(|c| *c == b' ') {
            let start = s[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .map_or(0, |p| p + 1);
            let key = &s[start..i];
            if !key.is_empty() {
                return Some(key);
            }
        }
    }
    None
}

fn indent(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '-']).len()
}

/// The field that holds the text at `lines[at]`, column `col` (bytes).
fn field_of<'a>(lines: &[&'a str], at: usize, col: usize) -> Option<&'a str> {
    if let Some(k) = lines[at].get(..col).and_then(last_key) {
        return Some(k);
    }
    let own = indent(lines[at]);
    lines[..at]
        .iter()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .find(|l| indent(l) < own)
        .and_then(|l| last_key(l))
}

/// Warnings for `[[` in plain-text fields of `file`, whose kind is `kind`.
pub fn check(file: &str, kind: &FileKind, text: &str) -> Vec<Diagnostic> {
    let markdown = markdown_fields(kind);
    let lines = yaml_lines(file, text);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(col) = line.find("[[") else {
            continue;
        };
        if line.trim_start().starts_with('#') {
            continue;
        }
        let Some(field) = field_of(&lines, i, col) else {
            continue;
        };
        if markdown.contains(&field) {
            continue;
        }
        let column = line[..col].chars().count() + 1;
        let where_ok = if markdown.is_empty() {
            "links work in the Markdown text below the front matter".to_string()
        } else {
            format!(
                "links work in the Markdown text and in the {} fields",
                markdown.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
            )
        };
        out.push(
            Diagnostic::warning(
                file,
                i + 1,
                column,
                format!("`{field}` is plain text: the `[[…]]` link in it would be published as written"),
            )
            .with_help(format!("{where_ok}; write plain words in `{field}`")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_found_on_the_line_or_above() {
        let lines = ["items:", "  - n: 1", "    purpose: >", "      See [[report:x]]"];
        assert_eq!(field_of(&lines, 3, 10), Some("purpose"));
        let lines = ["  - { n: 1, title: A, purpose: See [[report:x]] }"];
        assert_eq!(field_of(&lines, 0, 35), Some("purpose"));
    }

    #[test]
    fn markdown_fields_are_left_alone() {
        let m = FileKind::Minutes { meeting: "m".into() };
        let text = "---\nresolutions:\n  \"1\":\n    - { id: a, text: See [[report:m/x]] }\n---\n[[report:m/x]]\n";
        assert!(check("content/meetings/m/minutes.md", &m, text).is_empty());
        let text = "---\nvenue: \"[[page:hall]]\"\n---\n";
        let d = check(
            "content/meetings/m/index.md",
            &FileKind::Meeting { meeting: "m".into() },
            text,
        );
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (2, 9));
    }
}
