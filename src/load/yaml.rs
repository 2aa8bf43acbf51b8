//! YAML parsing with serde-saphyr, turning its errors into diagnostics told in
//! an author's words (bad indentation, tabs, duplicate keys, unknown keys with a
//! "did you mean"), each at the file's own line and column.

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;

/// Parse `yaml` (whose line 1 is the file's line 1) into `T`.
pub fn parse<T: DeserializeOwned>(file: &str, yaml: &str) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 200,
            max_nodes: 2_000_000,
        },
    };
    serde_saphyr::from_str_with_options::<T>(yaml, options).map_err(|e| to_diagnostic(file, yaml, &e))
}

fn to_diagnostic(file: &str, yaml: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = e
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let raw = e.without_snippet().to_string();
    let (message, help) = explain(&raw, yaml);
    let (line, column) = match tab_line(yaml, line) {
        Some(l) if message.contains("tab") => (l, 1),
        _ if message.starts_with("required field") => enclosing_block(yaml, line, column),
        _ => (line, column),
    };
    let mut d = Diagnostic::error(file, line, column, message);
    if let Some(h) = help {
        d = d.with_help(h);
    }
    d
}

/// Rewrite a parser message into an officer's terms, with a suggested fix.
fn explain(raw: &str, yaml: &str) -> (String, Option<String>) {
    let msg = strip_location_suffix(raw);
    let lower = msg.to_lowercase();
    if lower.contains("found a tab") || lower.contains("tabs") {
        return (
            "a tab is used for indentation".into(),
            Some("YAML indents with spaces only: replace the tab with spaces".into()),
        );
    }
    if lower.contains("recursion limit") || lower.contains("budget breached") && lower.contains("depth") {
        return (
            "this YAML is nested too deeply to read".into(),
            Some(
                "YAML here is a few levels deep; check for brackets `[` or `{` that were opened and never closed"
                    .into(),
            ),
        );
    }
    if lower.contains("budget breached") || lower.contains("alias") && lower.contains("limit") {
        return (
            "this YAML is too large to read, or its aliases (`*name`) repeat too much".into(),
            Some("write the values out plainly instead of repeating anchors (`&name`) with aliases (`*name`)".into()),
        );
    }
    if yaml.trim().is_empty() || lower.starts_with("unexpected end of input") && yaml.trim().is_empty() {
        return (
            "the file is empty".into(),
            Some("add the required fields for this kind of file".into()),
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = expected_names(rest);
        let help = match crate::suggest::closest(field, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if expected.is_empty() => "remove this key".into(),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        };
        return (format!("unknown key `{field}`"), Some(help));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let expected = expected_names(rest);
        let help = match crate::suggest::closest(value, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("write one of: {}", expected.join(", ")),
        };
        return (format!("`{value}` is not one of the values allowed here"), Some(help));
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return (
            format!("required field `{field}` is missing"),
            Some(format!("add `{field}:` to this block")),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set ").next().unwrap_or(rest);
        return (
            format!("duplicate key `{key}`"),
            Some("each key may appear only once in a block: remove or rename one".into()),
        );
    }
    if lower.contains("unclosed")
        || lower.contains("unterminated")
        || lower.contains("end of stream") && lower.contains("quot")
    {
        return (
            msg.clone(),
            Some("close the quoted text with the same quote mark it opened with".into()),
        );
    }
    if lower.contains("indent")
        || lower.contains("mapping values are not allowed")
        || lower.contains("did not find expected")
    {
        return (
            format!("bad indentation or structure: {msg}"),
            Some("check that this line lines up with the other keys of its block, and that a `key: value` has a space after the colon".into()),
        );
    }
    if let Some(ty) = msg.strip_prefix("invalid ") {
        let what = match ty {
            "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number",
            "f64" | "f32" => "a number",
            "bool" => "true or false",
            other => other,
        };
        return (format!("wrong type: expected {what}"), None);
    }
    if lower.contains("did not match any variant") {
        return (
            "this value has the wrong shape".into(),
            Some("check the example for this field in docs/authoring.md".into()),
        );
    }
    if lower.starts_with("expected mapping") {
        return (
            "wrong type: expected a block of `key: value` lines here".into(),
            Some("check the example for this field in docs/authoring.md".into()),
        );
    }
    if lower.starts_with("expected sequence") {
        return (
            "wrong type: expected a list here".into(),
            Some("write a list as `[a, b]` or as lines starting with `- `".into()),
        );
    }
    if lower.starts_with("expected string scalar") {
        return (
            "wrong type: expected text here".into(),
            Some("write plain text, in quotes if it contains a colon".into()),
        );
    }
    if lower.contains("invalid type") {
        return (msg.replace("invalid type: ", "wrong type: "), None);
    }
    (msg, None)
}

/// The names a parser message lists after "expected" (`` `a`, `b` ``).
fn expected_names(rest: &str) -> Vec<&str> {
    let list = rest
        .split_once("expected one of ")
        .or_else(|| rest.split_once("expected "))
        .map_or("", |(_, l)| l);
    list.split(',')
        .map(|s| s.trim().trim_matches('`'))
        .filter(|s| !s.is_empty() && !s.contains(' '))
        .collect()
}

/// Where the block that lacks a field starts, given where the parser noticed
/// (usually a later key of the same block): the list item `- ` that opens it,
/// the parent key it hangs from, or the first line of the document.
fn enclosing_block(yaml: &str, line: usize, column: usize) -> (usize, usize) {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(at) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return (line, column);
    };
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let content = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    // A flow mapping `{ … }` on this line is its own block.
    if at.get(..column.saturating_sub(1)).is_some_and(|b| b.contains('{')) {
        return (line, column);
    }
    // The indentation of the keys of the block (after a leading `- `); a
    // line that opens a list item opens the block itself.
    let own = {
        let i = indent(at);
        if at[i..].starts_with("- ") {
            return (line, i + 1);
        }
        i
    };
    for (n, l) in lines.iter().enumerate().take(line.saturating_sub(1)).rev() {
        if !content(l) {
            continue;
        }
        let i = indent(l);
        if l[i..].starts_with("- ") && i + 2 + indent(&l[i + 2..]) == own {
            return (n + 1, i + 1);
        }
        if i < own {
            return (n + 1, i + 1);
        }
    }
    match lines.iter().position(|l| content(l)) {
        Some(n) => (n + 1, 1),
        None => (line, column),
    }
}

/// The line of the first tab used for indentation at or after `from`.
fn tab_line(yaml: &str, from: usize) -> Option<usize> {
    yaml.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t'))
        .map(|(i, _)| i + 1)
}

fn strip_location_suffix(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match first.rfind(" at line ") {
        Some(i) => first[..i].trim_end_matches(',').to_string(),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        count: Option<u32>,
    }

    fn err(y: &str) -> Diagnostic {
        match parse::<T>("f.yaml", y) {
            Err(e) => e,
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    #[test]
    fn unknown_key_suggests_the_close_one() {
        let d = err("title: a\ncuont: 3\n");
        assert_eq!((d.line, d.message.as_str()), (2, "unknown key `cuont`"));
        assert_eq!(d.help.as_deref(), Some("did you mean `count`?"));
    }

    #[test]
    fn duplicate_key_is_an_error_at_its_line() {
        let d = err("title: a\ntitle: b\n");
        assert_eq!(d.line, 2, "{d:?}");
        assert!(d.message.to_lowercase().contains("duplicate"), "{d:?}");
    }

    #[test]
    fn tab_indentation_is_named() {
        let d = err("title: a\n\tcount: 3\n");
        assert!(d.message.contains("tab"), "{d:?}");
        assert_eq!(d.line, 2);
    }

    #[test]
    fn wrong_type_and_missing_field() {
        let d = err("title: a\ncount: many\n");
        assert_eq!(d.line, 2, "{d:?}");
        let d = err("count: 3\n");
        assert!(d.message.contains("`title` is missing"), "{d:?}");
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        items: Vec<T>,
    }

    #[test]
    fn a_missing_field_is_reported_where_its_block_starts() {
        let d = parse::<Outer>(
            "f.yaml",
            "\nname: x\nitems:\n  - title: a\n  - count: 2\n\n    # note\n  - title: c\n",
        )
        .unwrap_err();
        assert!(d.message.contains("`title` is missing"), "{d:?}");
        assert_eq!((d.line, d.column), (5, 3), "{d:?}");
        let d = parse::<Outer>("f.yaml", "\nitems: []\n").unwrap_err();
        assert_eq!(d.line, 2, "{d:?}");
        let d = parse::<Outer>("f.yaml", "name: x\nitems:\n  - { count: 2 }\n").unwrap_err();
        assert_eq!(d.line, 3, "{d:?}");
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    #[allow(dead_code)]
    enum Status {
        Scheduled,
        Held,
        StackedBar,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct WithStatus {
        title: String,
        status: Status,
    }

    #[test]
    fn a_misspelt_fixed_value_suggests_the_close_one_in_an_authors_words() {
        let d = parse::<WithStatus>("f.yaml", "title: a\nstatus: hled\n").unwrap_err();
        assert_eq!(
            (d.line, d.message.as_str()),
            (2, "`hled` is not one of the values allowed here")
        );
        assert_eq!(d.help.as_deref(), Some("did you mean `held`?"));
        let d = parse::<WithStatus>("f.yaml", "title: a\nstatus: stacked\n").unwrap_err();
        assert_eq!(d.help.as_deref(), Some("write one of: scheduled, held, stacked-bar"));
        assert!(!format!("{d:?}").contains("variant"), "{d:?}");
    }

    #[test]
    fn unclosed_quote() {
        let d = err("title: \"abc\ncount: 3\n");
        assert!(d.line >= 1, "{d:?}");
    }
}
