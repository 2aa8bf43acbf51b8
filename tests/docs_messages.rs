//! Issue 17, point 7: every message quoted in the tables of "Errors you are
//! likely to meet" and "Warnings you are likely to meet" (docs/authoring.md,
//! section 14) is one the binary can print. Each quoted message is cut at
//! its variable parts (anything in backticks, and `…`), and every fixed part
//! must occur in the source of a diagnostic under `src/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

/// The first cell of every row of the table under `heading`.
fn first_cells(doc: &str, heading: &str) -> Vec<String> {
    let after = doc.split_once(heading).unwrap().1;
    after
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_start_matches('|')
                .split(" | ")
                .next()
                .unwrap()
                .trim()
                .to_string()
        })
        .collect()
}

/// Example words in the tables that stand for a value (an id, a kind, an
/// acronym, what was found), as numbers and dates do: each is read as `…`.
const EXAMPLES: [&str; 13] = [
    "children-scrutiny",
    "is a page",
    "is a plan",
    "AP ",
    "resolution b ",
    "resolution a ",
    "a rec ",
    "a minute that",
    "the e-mail address",
    "the phone number",
    "with a `<script>` element",
    "with an event-handler attribute",
    "with a javascript: URL",
];

/// Messages worded by the YAML reader rather than by minutebook: each is
/// checked by running a case that produces it.
const FROM_THE_YAML_READER: [(&str, &str); 1] = [(
    "unclosed quote",
    "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: \"scheduled\nitems: []\n---\n",
)];

/// The fixed words of a quoted message: the runs of words between its
/// variable parts (anything in backticks, `…`, numbers, ids and dates).
fn fixed_parts(message: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut message = message.to_string();
    for e in EXAMPLES {
        // "is a page" → "is …": the first word of these is fixed text.
        let head = match e.split_once(' ') {
            Some((h, _)) if ["is", "resolution", "the"].contains(&h) => format!("{h} "),
            _ => String::new(),
        };
        let tail = if e.ends_with(' ') { " " } else { "" };
        message = message.replace(e, &format!("{head}…{tail}"));
    }
    for (i, piece) in message.split('`').enumerate() {
        if i % 2 == 1 {
            continue; // inside backticks: a value the author wrote
        }
        let mut run: Vec<&str> = Vec::new();
        let mut flush = |run: &mut Vec<&str>| {
            let p = run.join(" ");
            let p = p.trim_matches(|c: char| " ,;:()\"".contains(c)).to_string();
            if p.len() >= 4 && p.chars().any(char::is_alphabetic) {
                parts.push(p);
            }
            run.clear();
        };
        for word in piece.split_whitespace() {
            let bare = word.trim_matches(|c: char| ",;:()\"".contains(c));
            if bare.contains('…') || bare.chars().any(|c| c.is_ascii_digit()) {
                flush(&mut run);
            } else {
                run.push(word);
            }
        }
        flush(&mut run);
    }
    parts
}

fn all_source() -> String {
    let mut text = String::new();
    for e in walkdir::WalkDir::new(common::repo().join("src")) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "rs") {
            text.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    text
}

#[test]
fn every_message_in_the_docs_tables_is_in_the_source() {
    let doc = std::fs::read_to_string(common::repo().join("docs/authoring.md")).unwrap();
    let source = all_source();
    let mut cells = first_cells(&doc, "### Errors you are likely to meet");
    cells.extend(first_cells(&doc, "### Warnings you are likely to meet"));
    assert!(cells.len() > 30, "{cells:?}");
    let mut missing = Vec::new();
    for cell in &cells {
        // Several messages in one cell are separated by `; `; "(with …)",
        // "(did you mean …)" and "(help: …)" quote a second message or help.
        for message in cell.split("; ").flat_map(|m| m.split(" (")) {
            if FROM_THE_YAML_READER.iter().any(|(m, _)| *m == message) {
                continue;
            }
            for part in fixed_parts(message) {
                let part = part
                    .trim_start_matches("with ")
                    .trim_start_matches("help: ")
                    .trim_start_matches("did you mean")
                    .trim_start_matches("or ")
                    .trim_matches(|c: char| " ,;:()\"".contains(c));
                if part.len() >= 4 && !source.contains(part) {
                    missing.push(format!("{part:?} (from {cell:?})"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "quoted in docs/authoring.md but not in src/:\n{}",
        missing.join("\n")
    );
}

#[test]
fn messages_worded_by_the_yaml_reader_are_what_a_case_prints() {
    for (message, agenda) in FROM_THE_YAML_READER {
        let got = common::check_with(&[("content/meetings/2020-03-10-scrutiny/index.md", agenda)]);
        assert!(
            got.len() == 1 && got[0].contains(&format!("::{message} (help:")),
            "{message}: {got:?}"
        );
    }
}
