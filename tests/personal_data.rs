//! Personal data (issue 11, point 6): National Insurance numbers, dates of
//! birth and — where the site turns it on — postcodes in minutes and
//! questions are warnings at their file and line, in Markdown and YAML files
//! alike, unless acknowledged.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{annotated, annotations, check, put, repo, site, stdout};

const PAGE: &str = "content/pages/about.md";
const MINUTES: &str = "content/meetings/2020-01-14-scrutiny/minutes.md";
const QUESTIONS: &str = "content/meetings/2020-01-14-scrutiny/questions.yaml";

fn basic_file(rel: &str) -> String {
    std::fs::read_to_string(repo().join("tests/sites/basic").join(rel)).unwrap()
}

/// The personal-data warnings of a `check`, as `file:line: message`.
fn personal(s: &std::path::Path) -> Vec<String> {
    annotations(&check(s, &[]))
        .into_iter()
        .filter(|a| a.contains("personal data"))
        .collect()
}

fn warned(found: &[String], file: &str, line: usize, words: &str) -> bool {
    let prefix = format!("::warning file={file},line={line},");
    found.iter().any(|a| a.starts_with(&prefix) && a.contains(words))
}

fn add_to_site_allow(s: &std::path::Path, value: &str) {
    let site_yaml = basic_file("site.yaml").replace(
        "allow: [ds@testford.example]",
        &format!("allow: [ds@testford.example, \"{value}\"]"),
    );
    put(s, "site.yaml", &site_yaml);
}

#[test]
fn a_national_insurance_number_is_a_warning_at_its_line_unless_acknowledged() {
    let s = site("basic");
    put(
        s.path(),
        PAGE,
        "---\ntitle: About\n---\nA resident's number\nwas AB 12 34 56 C, and QQ 12 34 56 C is the usual example.\n",
    );
    let found = personal(s.path());
    assert!(
        warned(&found, PAGE, 5, "National Insurance number `AB 12 34 56 C`"),
        "{found:#?}"
    );
    assert_eq!(found.len(), 1, "QQ is never issued: {found:#?}");
    put(
        s.path(),
        PAGE,
        "---\ntitle: About\nprivacy: { allow: [AB123456C], reason: Test data }\n---\nA resident's number\nwas AB 12 34 56 C.\n",
    );
    assert!(personal(s.path()).is_empty());
}

#[test]
fn a_date_of_birth_is_a_warning_at_its_line_unless_acknowledged() {
    let s = site("basic");
    let minutes = basic_file(MINUTES).replace(
        "Apologies were received from Councillor Cedar.",
        "Apologies were received from Councillor Cedar.\n\nThe child (D.O.B. 12/03/2010) was named.",
    );
    let line = minutes.lines().position(|l| l.contains("D.O.B.")).unwrap() + 1;
    put(s.path(), MINUTES, &minutes);
    let found = personal(s.path());
    assert!(
        warned(&found, MINUTES, line, "date of birth `12/03/2010`"),
        "{found:#?}"
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let acknowledged = minutes.replacen(
        "status: approved\n",
        "status: approved\nprivacy: { allow: [12/03/2010], reason: Test data }\n",
        1,
    );
    put(s.path(), MINUTES, &acknowledged);
    assert!(personal(s.path()).is_empty(), "{:#?}", personal(s.path()));
}

const QUESTION: &str = "- id: PQ1\n  kind: public\n  questioner: Mr Jones\n  to: Chair of the committee\n  question: I live at 3 Mill Lane, TF1 2AB. Born on 4 May 1970, I ask when it will be mended.\n  response: Soon.\n";

#[test]
fn postcodes_are_reported_in_minutes_and_questions_only_when_the_site_turns_them_on() {
    let s = site("basic");
    put(s.path(), QUESTIONS, QUESTION);
    let minutes = basic_file(MINUTES).replace(
        "Apologies were received from Councillor Cedar.",
        "Apologies were received from Councillor Cedar, of 9 High Street, TF2 3BD.",
    );
    let line = minutes.lines().position(|l| l.contains("TF2 3BD")).unwrap() + 1;
    put(s.path(), MINUTES, &minutes);
    put(s.path(), PAGE, "---\ntitle: About\n---\nThe Town Hall, TF1 1AA.\n");
    let off = personal(s.path());
    assert!(!off.iter().any(|a| a.contains("postcode")), "off by default: {off:#?}");
    // The date of birth in the question is found either way, in a YAML file.
    assert!(warned(&off, QUESTIONS, 5, "date of birth `4 May 1970`"), "{off:#?}");

    let site_yaml = basic_file("site.yaml").replace("privacy:\n", "privacy:\n  postcodes: true\n");
    put(s.path(), "site.yaml", &site_yaml);
    let on = personal(s.path());
    assert!(warned(&on, QUESTIONS, 5, "postcode `TF1 2AB`"), "{on:#?}");
    assert!(warned(&on, MINUTES, line, "postcode `TF2 3BD`"), "{on:#?}");
    assert!(!on.iter().any(|a| a.contains("TF1 1AA")), "not in pages: {on:#?}");

    // Acknowledged in the minutes' front matter, and on the site's list for
    // the questions (a YAML file has no front matter).
    put(
        s.path(),
        MINUTES,
        &minutes.replacen(
            "status: approved\n",
            "status: approved\nprivacy: { allow: [TF2 3BD], reason: Test data }\n",
            1,
        ),
    );
    let site_yaml = site_yaml.replace(
        "allow: [ds@testford.example]",
        "allow: [ds@testford.example, TF1 2AB, 4 May 1970]",
    );
    put(s.path(), "site.yaml", &site_yaml);
    assert!(personal(s.path()).is_empty(), "{:#?}", personal(s.path()));
}

#[test]
fn yaml_files_are_checked_and_acknowledged_on_the_site_allow_list() {
    let s = site("basic");
    let people = basic_file("content/people.yaml").replace(
        "- { id: director, role_title: Director of Resources }",
        "- { id: director, role_title: \"Director of Resources, NI JK 65 43 21 D\" }",
    );
    let line = people.lines().position(|l| l.contains("JK 65")).unwrap() + 1;
    put(s.path(), "content/people.yaml", &people);
    let found = personal(s.path());
    assert!(
        warned(
            &found,
            "content/people.yaml",
            line,
            "National Insurance number `JK 65 43 21 D`"
        ),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|a| a.contains("add it to `privacy.allow` in site.yaml (this file has no front matter")),
        "the help says how to acknowledge it in a YAML file: {found:#?}"
    );
    add_to_site_allow(s.path(), "JK 65 43 21 D");
    assert!(personal(s.path()).is_empty(), "{:#?}", personal(s.path()));
}

#[test]
fn progress_updates_are_checked_too() {
    let s = site("sample");
    let file = "content/updates/2020-09.yaml";
    let text = std::fs::read_to_string(s.path().join(file)).unwrap();
    let text = text.replacen(
        "  text: Progress against",
        "  text: The carer (date of birth 1 June 1980) reported progress against",
        1,
    );
    let line = text.lines().position(|l| l.contains("date of birth")).unwrap() + 1;
    put(s.path(), file, &text);
    let found = personal(s.path());
    assert!(warned(&found, file, line, "date of birth `1 June 1980`"), "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn text_attachments_are_checked_and_acknowledged_on_the_site_allow_list() {
    let s = site("sample");
    let file = "content/meetings/2020-06-09-children-scrutiny/files/briefing-note.txt";
    let mut text = std::fs::read_to_string(s.path().join(file)).unwrap();
    text.push_str("Contact the parent on 07700 900456.\n");
    let line = text.lines().count();
    put(s.path(), file, &text);
    let found = personal(s.path());
    assert!(warned(&found, file, line, "phone number `07700 900456`"), "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    let site_yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    assert!(site_yaml.contains("  allow:\n"), "{site_yaml}");
    put(
        s.path(),
        "site.yaml",
        &site_yaml.replacen("  allow:\n", "  allow:\n    - 07700 900456\n", 1),
    );
    assert!(personal(s.path()).is_empty(), "{:#?}", personal(s.path()));
}

/// The check reads each file as it is loaded: a file that does not parse is
/// still checked, and an acknowledgement in a file's front matter counts
/// for that file only.
#[test]
fn a_file_that_does_not_parse_is_still_checked_and_acknowledgements_stay_in_their_file() {
    let s = site("basic");
    put(
        s.path(),
        PAGE,
        "---\ntitle: About\nno_such_key: 1\n---\nA resident's number\nwas AB 12 34 56 C.\n",
    );
    put(
        s.path(),
        "content/pages/other.md",
        "---\ntitle: Other\nprivacy: { allow: [CD123456A], reason: Test data }\n---\nCD 12 34 56 A and AB 12 34 56 C.\n",
    );
    let out = check(s.path(), &[]);
    assert!(annotated(&out, "error", PAGE, 3, "no_such_key"), "{}", stdout(&out));
    let found = personal(s.path());
    assert!(warned(&found, PAGE, 6, "`AB 12 34 56 C`"), "{found:#?}");
    assert!(
        warned(&found, "content/pages/other.md", 5, "`AB 12 34 56 C`"),
        "{found:#?}"
    );
    assert_eq!(found.len(), 2, "{found:#?}");
}
