//! Personal data in content (spec section 2): an e-mail address, UK phone
//! number, National Insurance number or date of birth — and, where the site
//! turns it on, a postcode in minutes or questions — that is not on the
//! site's `privacy.allow` list, and not acknowledged in the document's own
//! `privacy:` front matter, is a warning at its line (an error with
//! `--strict`). Every text file under `content/` is checked, YAML included.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Sources};
use crate::load::site::SiteFile;
use crate::load::{Loaded, TextCheck};

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

/// National Insurance numbers in `line` (two capital letters, six digits and
/// a letter A–D, spaces allowed between the groups: `AB 12 34 56 C`), with
/// their 1-based columns. Prefixes that are never issued (`D`, `F`, `I`, `Q`,
/// `U`, `V` first; `D`, `F`, `I`, `O`, `Q`, `U`, `V` second; `BG`, `GB`, `KN`,
/// `NK`, `NT`, `TN`, `ZZ`) are left alone, so `QQ 12 34 56 C`, the usual
/// example, is not reported.
pub fn ni_numbers(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].is_alphanumeric() {
            continue;
        }
        let (Some(&a), Some(&b)) = (chars.get(i), chars.get(i + 1)) else {
            break;
        };
        if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
            continue;
        }
        let prefix: String = [a, b].iter().collect();
        if "DFIQUV".contains(a)
            || "DFIOQUV".contains(b)
            || ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&prefix.as_str())
        {
            continue;
        }
        let mut e = i + 2;
        let mut ok = true;
        for _ in 0..3 {
            if chars.get(e) == Some(&' ') {
                e += 1;
            }
            if chars.get(e).is_some_and(char::is_ascii_digit) && chars.get(e + 1).is_some_and(char::is_ascii_digit) {
                e += 2;
            } else {
                ok = false;
                break;
            }
        }
        if !ok {
            continue;
        }
        if chars.get(e) == Some(&' ') {
            e += 1;
        }
        if !chars.get(e).is_some_and(|c| "ABCD".contains(*c)) {
            continue;
        }
        e += 1;
        if chars.get(e).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        out.push((i + 1, chars[i..e].iter().collect()));
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The length in chars of a date at the start of `s` (`12/03/1985`,
/// `1985-03-12`, `12 March 1985`, `12th Mar 1985`, `March 12, 1985`).
fn date_at(s: &[char]) -> Option<usize> {
    let digits = |from: usize| s[from.min(s.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    let word = |from: usize| s[from.min(s.len())..].iter().take_while(|c| c.is_alphabetic()).count();
    let is_month = |from: usize, n: usize| {
        let w: String = s[from..from + n].iter().collect::<String>().to_lowercase();
        n >= 3 && MONTHS.iter().any(|m| m.starts_with(&w))
    };
    let d1 = digits(0);
    if d1 > 0 {
        // 12/03/1985, 12-03-85, 12.03.1985, 1985-03-12
        if let Some(sep) = s.get(d1).filter(|c| "/-.".contains(**c)) {
            let d2 = digits(d1 + 1);
            if d2 > 0 && s.get(d1 + 1 + d2) == Some(sep) {
                let d3 = digits(d1 + 2 + d2);
                if d3 >= 2 && d1 <= 4 && d2 <= 2 && d3 <= 4 {
                    return Some(d1 + 2 + d2 + d3);
                }
            }
        }
        // 12 March 1985, 12th March 1985
        if d1 <= 2 {
            let mut e = d1;
            let suffix = word(e);
            if (1..=2).contains(&suffix) {
                e += suffix;
            }
            if s.get(e) == Some(&' ') {
                let n = word(e + 1);
                if is_month(e + 1, n) && s.get(e + 1 + n) == Some(&' ') {
                    let y = digits(e + 2 + n);
                    if y == 4 {
                        return Some(e + 2 + n + y);
                    }
                }
            }
        }
        return None;
    }
    // March 12, 1985
    let n = word(0);
    if is_month(0, n) && s.get(n) == Some(&' ') {
        let d = digits(n + 1);
        let mut e = n + 1 + d;
        if (1..=2).contains(&d) {
            if s.get(e) == Some(&',') {
                e += 1;
            }
            if s.get(e) == Some(&' ') && digits(e + 1) == 4 {
                return Some(e + 5);
            }
        }
    }
    None
}

/// Dates of birth in `line`: "DOB", "D.O.B.", "date of birth" or "born on",
/// then (after an optional `:`, `-` or "is") a date; the date, with the
/// 1-based column of the words that introduce it.
pub fn dates_of_birth(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    let keys: Vec<Vec<char>> = ["date of birth", "d.o.b.", "d.o.b", "dob", "born on"]
        .iter()
        .map(|k| k.chars().collect())
        .collect();
    for i in 0..lower.len() {
        if i > 0 && lower[i - 1].is_alphanumeric() {
            continue;
        }
        let Some(k) = keys
            .iter()
            .find_map(|k| (lower.get(i..i + k.len()) == Some(&k[..])).then_some(k.len()))
        else {
            continue;
        };
        let mut e = i + k;
        if lower.get(e).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        while lower.get(e).is_some_and(|c| " :-–()".contains(*c)) {
            e += 1;
        }
        if lower.get(e..e + 3) == Some(&['i', 's', ' '][..]) {
            e += 3;
        }
        if let Some(n) = date_at(&chars[e..])
            && !chars.get(e + n).is_some_and(|c| c.is_alphanumeric())
        {
            out.push((i + 1, chars[e..e + n].iter().collect()));
        }
    }
    out
}

/// UK postcodes in `line` (`SW1A 1AA`, `WY1 2AB`, capitals, the space
/// optional), with their 1-based columns.
pub fn postcodes(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let up = |i: usize| chars.get(i).is_some_and(char::is_ascii_uppercase);
    let dig = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let alnum = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let inward = |i: usize| {
        dig(i)
            && up(i + 1)
            && up(i + 2)
            && !"CIKMOV".contains(chars[i + 1])
            && !"CIKMOV".contains(chars[i + 2])
            && !alnum(i + 3)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if (i > 0 && alnum(i - 1)) || !up(i) {
            i += 1;
            continue;
        }
        let letters = if up(i + 1) { 2 } else { 1 };
        let d = i + letters;
        if !dig(d) {
            i += 1;
            continue;
        }
        // The outward code may have one more letter or digit; the space is optional.
        let end = [(1, 1), (0, 1), (1, 0), (0, 0)].iter().find_map(|&(extra, space)| {
            let e = d + 1 + extra;
            let extra_ok = extra == 0 || up(d + 1) || dig(d + 1);
            let space_ok = space == 0 || chars.get(e) == Some(&' ');
            (extra_ok && space_ok && inward(e + space)).then_some(e + space + 3)
        });
        match end {
            Some(e) => {
                out.push((i + 1, chars[i..e].iter().collect()));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// The fewest digits each kind of personal data is written with: a phone
/// number has 10, a National Insurance number 6, a date 4 (`1/2/85`), a
/// postcode 2.
const PHONE_DIGITS: usize = 10;
const NI_DIGITS: usize = 6;
const DATE_DIGITS: usize = 4;
const POSTCODE_DIGITS: usize = 2;

/// The words that introduce a date of birth, as [`dates_of_birth`] looks
/// for them (lower case; "d.o.b" also stands for "d.o.b.").
const BIRTH_WORDS: [&str; 4] = ["date of birth", "d.o.b", "dob", "born on"];

/// Whether `line` holds, in any case, one of the [`BIRTH_WORDS`].
fn may_introduce_birth(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    BIRTH_WORDS.iter().any(|w| lower.contains(w))
}

/// What the site's `privacy:` in site.yaml says: its allow list (already
/// normalised) and whether postcodes are looked for.
#[derive(Debug, Clone, Default)]
pub struct Settings<'a> {
    pub allow: &'a [String],
    pub postcodes: bool,
}

/// Check every content file; `settings.allow` is the site's list (already normalised).
pub fn check(loaded: &Loaded, sources: &Sources, settings: &Settings) -> Vec<Diagnostic> {
    check_kept(loaded, sources, settings, None)
}

/// What [`check`] found in each file, kept for the next build of the same
/// site (`serve`): a file with the same text (the very text a load kept),
/// under the same site settings, has the same findings.
#[derive(Default)]
pub struct Kept(std::sync::Mutex<KeptFiles>);

#[derive(Default)]
struct KeptFiles {
    settings: Option<(u64, u64)>,
    files: std::collections::HashMap<String, (std::sync::Arc<str>, Vec<Diagnostic>)>,
}

/// [`check`], reusing and keeping findings in `kept`.
pub fn check_kept(loaded: &Loaded, sources: &Sources, settings: &Settings, kept: Option<&Kept>) -> Vec<Diagnostic> {
    let mut kept = kept.map(|k| k.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    if let Some(k) = kept.as_deref_mut() {
        let mut f = crate::load::fingerprint::Fingerprint::default();
        for a in settings.allow {
            f.str(a);
        }
        f.num(u64::from(settings.postcodes));
        let now = f.finish();
        if k.settings != Some(now) {
            k.settings = Some(now);
            k.files.clear();
        }
    }
    let acks: BTreeMap<&str, Vec<String>> = loaded
        .markdown_docs()
        .into_iter()
        .filter_map(|(file, _, c)| c.privacy.map(|p| (file, p.allow.iter().map(|a| norm(a)).collect())))
        .collect();
    // A text not held (`build`, `check`) is read again, one file at a time.
    let files: Vec<&String> = sources
        .files()
        .into_iter()
        .filter(|f| f.starts_with("content/"))
        .collect();
    let before = kept.as_deref();
    let found: Vec<(Option<std::sync::Arc<str>>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|&file| {
            let Some(text) = sources.read(file) else {
                return (None, Vec::new());
            };
            if let Some((t, d)) = before.and_then(|k| k.files.get(file.as_str()))
                && std::sync::Arc::ptr_eq(t, &text)
            {
                return (Some(text), d.clone());
            }
            let mut out = Vec::new();
            // Council buildings' addresses are public: postcodes are looked for
            // only where residents write, and only when the site asks.
            let postcodes_here = settings.postcodes
                && (file.ends_with("/minutes.md") || file.ends_with("/questions.yaml"))
                && file.starts_with("content/meetings/");
            let local = acks.get(file.as_str()).map(Vec::as_slice);
            scan(file, &text, settings.allow, local, postcodes_here, &mut out);
            // Only `serve`, which holds every text, keeps them for next time.
            (kept.is_some().then_some(text), out)
        })
        .collect();
    if let Some(k) = kept.as_deref_mut() {
        k.files = files
            .iter()
            .zip(&found)
            .filter_map(|(&f, (t, d))| Some((f.clone(), (t.clone()?, d.clone()))))
            .collect();
    }
    let mut out: Vec<Diagnostic> = found.into_iter().flat_map(|(_, d)| d).collect();
    out.extend(check_attachments(loaded, settings));
    out
}

/// The personal-data check of each file as it is loaded (`build`, `check`:
/// [`crate::load::load_lean_checking`]), under the site's settings; what
/// it finds in a file is what [`check`] finds there. The attachments are
/// left to [`check_attachments`].
pub fn text_check(site: &SiteFile) -> TextCheck {
    let allow = crate::resolve::config::privacy_allow(site);
    let postcodes = site.privacy.postcodes;
    Box::new(move |file, text, local| {
        let settings = Settings {
            allow: &allow,
            postcodes,
        };
        check_file(file, text, &settings, local)
    })
}

/// Attachments are published as they are: the text ones are checked too.
pub fn check_attachments(loaded: &Loaded, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &loaded.attachments {
        if let Some(text) = text_attachment(&a.source) {
            scan(&a.file, &text, settings.allow, None, false, &mut out);
        }
    }
    out
}

/// [`check`] for one Markdown document's file, whose front matter
/// acknowledges `local` (its `privacy: allow:` list, as written).
pub fn check_file(file: &str, text: &str, settings: &Settings, local: Option<&[String]>) -> Vec<Diagnostic> {
    let local: Option<Vec<String>> = local.map(|l| l.iter().map(|a| norm(a)).collect());
    let postcodes_here = settings.postcodes
        && (file.ends_with("/minutes.md") || file.ends_with("/questions.yaml"))
        && file.starts_with("content/meetings/");
    let mut out = Vec::new();
    scan(file, text, settings.allow, local.as_deref(), postcodes_here, &mut out);
    out
}

/// Extensions of attachments that are text a person may have typed into.
const TEXT_ATTACHMENTS: [&str; 10] = ["txt", "csv", "tsv", "md", "html", "htm", "json", "xml", "ics", "yaml"];

/// The text of an attachment worth checking: a regular file with a text
/// extension, of readable size, in UTF-8.
fn text_attachment(path: &std::path::Path) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    if !TEXT_ATTACHMENTS.contains(&ext.as_str()) {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.file_type().is_file() || meta.len() > crate::load::MAX_TEXT_BYTES {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

/// Report what `text` (the content of `file`) holds that is neither on the
/// site's list nor acknowledged by the file.
fn scan(
    file: &str,
    text: &str,
    allow: &[String],
    local: Option<&[String]>,
    postcodes_here: bool,
    out: &mut Vec<Diagnostic>,
) {
    let allowed = |v: &str| {
        let n = norm(v);
        allow.contains(&n) || local.is_some_and(|l| l.contains(&n))
    };
    let help = if file.ends_with(".md") && !file.contains("/files/") {
        "remove it if it should not be published; if it may be, acknowledge it in this document's front matter, `privacy: { allow: [...], reason: ... }`, or add it to `privacy.allow` in site.yaml"
    } else {
        "remove it if it should not be published; if it may be, add it to `privacy.allow` in site.yaml (this file has no front matter to acknowledge it in)"
    };
    for (n, line) in text.lines().enumerate() {
        // Every kind but e-mail needs digits, e-mail an `@`: most lines have
        // neither. Each kind is looked for only where the line has as many
        // digits as it needs (and a date of birth, its words).
        let at = line.contains('@');
        let digits = line.bytes().filter(u8::is_ascii_digit).count();
        if !at && digits == 0 {
            continue;
        }
        let none = Vec::new;
        let found = if at { emails(line) } else { none() }
            .into_iter()
            .map(|(c, v)| (c, v, "e-mail address"))
            .chain(
                if digits >= PHONE_DIGITS { phones(line) } else { none() }
                    .into_iter()
                    .map(|(c, v)| (c, v, "phone number")),
            )
            .chain(
                if digits >= NI_DIGITS { ni_numbers(line) } else { none() }
                    .into_iter()
                    .map(|(c, v)| (c, v, "National Insurance number")),
            )
            .chain(
                if digits >= DATE_DIGITS && may_introduce_birth(line) {
                    dates_of_birth(line)
                } else {
                    none()
                }
                .into_iter()
                .map(|(c, v)| (c, v, "date of birth")),
            )
            .chain(
                if postcodes_here && digits >= POSTCODE_DIGITS {
                    postcodes(line)
                } else {
                    none()
                }
                .into_iter()
                .map(|(c, v)| (c, v, "postcode")),
            );
        for (col, value, what) in found {
            if !allowed(&value) {
                out.push(
                    Diagnostic::warning(
                        file,
                        n + 1,
                        col,
                        format!("personal data: the {what} `{value}` is not on the privacy allow list"),
                    )
                    .with_help(help),
                );
            }
        }
    }
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

    #[test]
    fn finds_national_insurance_numbers_but_not_unissued_prefixes() {
        assert_eq!(ni_numbers("NI: AB 12 34 56 C."), vec![(5, "AB 12 34 56 C".to_string())]);
        assert_eq!(ni_numbers("(JK123456D)"), vec![(2, "JK123456D".to_string())]);
        assert!(ni_numbers("QQ 12 34 56 C, GB123456A, AB123456E, XAB123456C").is_empty());
        assert!(ni_numbers("is 12 34 56 a").is_empty());
    }

    #[test]
    fn finds_dates_of_birth_after_their_words() {
        assert_eq!(
            dates_of_birth("Jo Bloggs, DOB 12/03/1985"),
            vec![(12, "12/03/1985".to_string())]
        );
        assert_eq!(
            dates_of_birth("D.O.B.: 12th March 1985; date of birth is 1985-03-12"),
            vec![(1, "12th March 1985".to_string()), (26, "1985-03-12".to_string())]
        );
        assert_eq!(
            dates_of_birth("born on March 12, 1985"),
            vec![(1, "March 12, 1985".to_string())]
        );
        assert!(dates_of_birth("the meeting on 12/03/2020; dobson 12/03/1985; born on time").is_empty());
    }

    #[test]
    fn finds_postcodes() {
        assert_eq!(
            postcodes("at 12 Mill Lane, WY1 2AB."),
            vec![(18, "WY1 2AB".to_string())]
        );
        assert_eq!(
            postcodes("SW1A 1AA and M1 1AE"),
            vec![(1, "SW1A 1AA".to_string()), (14, "M1 1AE".to_string())]
        );
        assert_eq!(postcodes("EC1A1BB"), vec![(1, "EC1A1BB".to_string())]);
        assert!(postcodes("COVID-19 2020 A1 road, item 4A, WY1 2CI").is_empty());
    }

    /// Each kind is found by the whole scan at its fewest digits and in any
    /// case of its words: the checks that skip lines must not skip these.
    #[test]
    fn the_scan_finds_each_kind_at_its_fewest_digits() {
        let text = "Ring 01632 96000.\nNI AB123456C\nd.O.B 1/2/85\nBorn On March 1, 1985\n\
                    at M1 1AE\nmail a@b.example\nno 0163 29600 here\nDOB 1/2/8";
        let mut out = Vec::new();
        scan("content/meetings/x/minutes.md", text, &[], None, true, &mut out);
        let found: Vec<(usize, String)> = out
            .iter()
            .map(|d| (d.line, d.message.split('`').nth(1).unwrap_or_default().to_string()))
            .collect();
        assert_eq!(
            found,
            [
                (1, "01632 96000"),
                (2, "AB123456C"),
                (3, "1/2/85"),
                (4, "March 1, 1985"),
                (5, "M1 1AE"),
                (6, "a@b.example"),
            ]
            .map(|(l, v)| (l, v.to_string()))
        );
    }
}
