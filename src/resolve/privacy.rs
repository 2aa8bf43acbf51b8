//! Contact details in content (spec section 2): an e-mail address or UK phone
//! number that is not on the site's `privacy.allow` list, and not acknowledged
//! in the document's own `privacy:` front matter, is a warning at its line
//! (an error with `--strict`).

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Sources};
use crate::load::Loaded;

/// Normalised form for comparison: no spaces, lower case.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// E-mail addresses in `line`, with their 1-based columns.
pub fn emails(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c != '@' {
            continue;
        }
        let mut s = i;
        while s > 0 && local(chars[s - 1]) {
            s -= 1;
        }
        let mut e = i + 1;
        while e < chars.len() && domain(chars[e]) {
            e += 1;
        }
        let dom: String = chars[i + 1..e]
            .iter()
            .collect::<String>()
            .trim_end_matches(['.', '-'])
            .to_string();
        if s < i && dom.contains('.') && !dom.starts_with('.') {
            let user: String = chars[s..i].iter().collect();
            out.push((s + 1, format!("{user}@{dom}")));
        }
    }
    out
}

/// UK phone numbers in `line` (10 or 11 digits starting 01, 02, 03, 05, 07
/// or 08, or +44), with their 1-based columns.
pub fn phones(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = (chars[i] == '0' || (chars[i] == '+' && chars.get(i + 1) == Some(&'4')))
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < chars.len()
            && (chars[e].is_ascii_digit()
                || (" ()-".contains(chars[e]) && chars.get(e + 1).is_some_and(|c| c.is_ascii_digit() || *c == '(')))
        {
            e += 1;
        }
        let text: String = chars[i..e].iter().collect();
        let mut digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if text.starts_with('+') {
            digits = digits
                .strip_prefix("44")
                .map_or(digits.clone(), |d| format!("0{}", d.trim_start_matches('0')));
        }
        let prefix_ok = ["01", "02", "03", "05", "07", "08"]
            .iter()
            .any(|p| digits.starts_with(p));
        if prefix_ok
            && (digits.len() == 10 || digits.len() == 11)
            && !(e < chars.len() && chars[e].is_ascii_alphanumeric())
        {
            out.push((i + 1, text.trim().to_string()));
        }
        i = e.max(i + 1);
    }
    out
}

/// Check every content file; `allow` is the site's list (already normalised).
pub fn check(loaded: &Loaded, sources: &Sources, allow: &[String]) -> Vec<Diagnostic> {
    let acks: BTreeMap<&str, Vec<String>> = loaded
        .markdown_docs()
        .into_iter()
        .filter_map(|(file, _, c)| c.privacy.map(|p| (file, p.allow.iter().map(|a| norm(a)).collect())))
        .collect();
    let mut out = Vec::new();
    for (file, text) in sources.iter() {
        if !file.starts_with("content/") {
            continue;
        }
        let local = acks.get(file.as_str());
        let allowed = |v: &str| {
            let n = norm(v);
            allow.contains(&n) || local.is_some_and(|l| l.contains(&n))
        };
        for (n, line) in text.lines().enumerate() {
            let found = emails(line)
                .into_iter()
                .map(|(c, v)| (c, v, "e-mail address"))
                .chain(phones(line).into_iter().map(|(c, v)| (c, v, "phone number")));
            for (col, value, what) in found {
                if !allowed(&value) {
                    out.push(
                        Diagnostic::warning(file.as_str(), n + 1, col, format!("personal data: the {what} `{value}` is not on the privacy allow list"))
                            .with_help("if it may be published, add it to `privacy.allow` in site.yaml, or acknowledge it in this document's front matter: `privacy: { allow: [...], reason: ... }`"),
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_emails_and_uk_phones() {
        assert_eq!(
            emails("Write to a.b@wyeford.example."),
            vec![(10, "a.b@wyeford.example".to_string())]
        );
        assert!(emails("user@localhost and @handle").is_empty());
        assert_eq!(phones("Call 01632 960000 today"), vec![(6, "01632 960000".to_string())]);
        assert_eq!(phones("or +44 1632 960001"), vec![(4, "+44 1632 960001".to_string())]);
        assert!(phones("Meeting 2020-06-02, minute 0123, 0800 to 1000").is_empty());
    }
}
