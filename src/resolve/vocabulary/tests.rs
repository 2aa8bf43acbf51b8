//! Tests of vocabulary semantics: the defaults, what a site's words say
//! (`counts_as`, `colour`, `closes`), the older `closes` rule, and the
//! errors and warnings for words that say something wrong.

use super::*;
use crate::diagnostics::Severity;
use crate::load::yaml::parse;

/// The vocabularies of a `vocabularies:` block (written without that key),
/// with the diagnostics they raise.
fn resolve(yaml: &str) -> (Vocabularies, Vec<Diagnostic>) {
    let mut given: Given = parse("site.yaml", yaml).unwrap();
    given.restore_labels(yaml);
    let mut diags = Vec::new();
    let v = Vocabularies::resolve(&given, &mut diags);
    (v, diags)
}

/// Resolve, expecting no diagnostics.
fn clean(yaml: &str) -> Vocabularies {
    let (v, diags) = resolve(yaml);
    assert!(diags.is_empty(), "{diags:?}");
    v
}

/// (key, closes, colour) of every progress word.
fn progress(v: &Vocabularies) -> Vec<(&str, bool, Colour)> {
    v.progress
        .words
        .iter()
        .map(|w| (w.key.as_str(), w.closes, w.colour))
        .collect()
}

#[test]
fn the_defaults_mean_what_sites_have_always_had() {
    let v = clean("{}");
    assert_eq!(
        progress(&v),
        [
            ("not-started", false, Colour::Grey),
            ("in-progress", false, Colour::Blue),
            ("completed", true, Colour::Green),
            ("superseded", true, Colour::Purple),
            ("withdrawn", true, Colour::Purple),
        ]
    );
    let decisions: Vec<(Option<Meaning>, Colour)> = v.decision.words.iter().map(|w| (w.counts_as, w.colour)).collect();
    assert_eq!(
        decisions,
        [
            (Some(Accepted), Colour::Green),
            (Some(PartlyAccepted), Colour::Amber),
            (Some(Rejected), Colour::Red),
            (Some(Noted), Colour::Grey),
        ]
    );
    let rag: Vec<(&str, Colour, bool)> = v
        .rag
        .words
        .iter()
        .map(|w| (w.key.as_str(), w.colour, v.rag.completes(&w.key)))
        .collect();
    assert_eq!(
        rag,
        [
            ("red", Colour::Red, false),
            ("amber", Colour::Amber, false),
            ("green", Colour::Green, false),
            ("blue", Colour::Blue, true),
        ]
    );
    let attendance: Vec<(&str, Option<Meaning>)> = v
        .attendance
        .words
        .iter()
        .map(|w| (w.key.as_str(), w.counts_as))
        .collect();
    assert_eq!(
        attendance,
        [
            ("present", Some(Present)),
            ("substitutes", Some(Substitute)),
            ("apologies", Some(Apologies)),
            ("in_attendance", Some(InAttendance)),
            ("officers", Some(Officer)),
        ]
    );
    assert!(v.closes("completed") && !v.closes("in-progress") && !v.closes("no-such-word"));
    assert_eq!(v.progress.colour("no-such-word"), Colour::Grey);
    assert_eq!(v.form_of_scrutiny.label("policy"), "Policy review and development");
}

#[test]
fn a_default_key_keeps_its_meaning_under_a_new_label() {
    let v = clean("progress: { started: Started, completed: Done }\ndecision: { agreed: Accepted, maybe: Maybe }\n");
    assert_eq!(
        progress(&v),
        [("started", false, Colour::Grey), ("completed", true, Colour::Green)]
    );
    assert_eq!(v.decision.colour("agreed"), Colour::Green);
    assert_eq!(v.decision.counts_as("maybe"), None);
    assert_eq!(v.decision.colour("maybe"), Colour::Grey);
}

#[test]
fn renamed_words_that_say_what_they_count_as_count_and_colour_the_same() {
    let v = clean(
        "progress:\n  todo: { label: To do, counts_as: not-started }\n  doing: { label: Doing, counts_as: in-progress }\n  \
         done: { label: Done, counts_as: completed }\n  dropped: { label: Dropped, counts_as: closed }\n\
         decision:\n  in-full: { label: Accepted, counts_as: accepted }\n  part: { label: In part, counts_as: partly-accepted }\n  \
         declined: { label: Declined, counts_as: rejected }\n\
         rag:\n  r: { label: Off track, counts_as: off-track }\n  done: { label: Done, counts_as: completed }\n\
         attendance:\n  attended: { label: Attended, counts_as: present }\n  sent-apologies: { label: Apologies, counts_as: apologies }\n  \
         away: { label: Absent, counts_as: absent }\n",
    );
    assert_eq!(
        progress(&v),
        [
            ("todo", false, Colour::Grey),
            ("doing", false, Colour::Blue),
            ("done", true, Colour::Green),
            ("dropped", true, Colour::Purple),
        ]
    );
    assert!(v.progress.completes("done") && !v.progress.completes("dropped"));
    let d = &v.decision;
    assert_eq!(
        [d.colour("in-full"), d.colour("part"), d.colour("declined")],
        [Colour::Green, Colour::Amber, Colour::Red]
    );
    assert_eq!(d.counts_as("in-full"), Some(Accepted));
    assert_eq!([v.rag.colour("r"), v.rag.colour("done")], [Colour::Red, Colour::Blue]);
    assert!(v.rag.completes("done") && !v.rag.completes("r"));
    assert_eq!(v.attendance.counts_as("attended"), Some(Present));
    assert_eq!(v.attendance.counts_as("sent-apologies"), Some(Apologies));
    assert_eq!(v.attendance.counts_as("away"), Some(Absent));
}

#[test]
fn a_word_with_no_meaning_means_nothing_and_is_grey() {
    let v = clean("progress:\n  done: { label: Done, counts_as: completed }\n  parked: Parked\n");
    assert_eq!(progress(&v)[1], ("parked", false, Colour::Grey));
    assert_eq!(v.progress.counts_as("parked"), None);
}

#[test]
fn closes_keeps_its_older_rule() {
    // Once any word says `closes`, an unmarked word closes nothing, even a
    // default key; its colour stays the default key's.
    let v = clean(
        "progress:\n  completed: Completed\n  done: { label: Done, closes: true }\n  overtaken: { label: Overtaken, closes: true }\n",
    );
    assert_eq!(
        progress(&v),
        [
            ("completed", false, Colour::Green),
            ("done", true, Colour::Grey),
            ("overtaken", true, Colour::Grey),
        ]
    );
    // A plan action rated with a word that says nothing is finished when its
    // key or label says so, as before.
    assert!(v.progress.completes("done") && !v.progress.completes("overtaken"));
    // Together with `counts_as`, a word agreeing with it is fine.
    let v = clean("progress:\n  done: { label: Done, counts_as: completed, closes: true }\n  doing: Doing\n");
    assert_eq!(
        progress(&v),
        [("done", true, Colour::Green), ("doing", false, Colour::Grey)]
    );
}

#[test]
fn colour_overrides_the_meaning() {
    let v = clean(
        "progress:\n  completed: { label: Completed, colour: purple }\n  paused: { label: Paused, counts_as: in-progress, colour: amber }\n",
    );
    assert_eq!(
        progress(&v),
        [("completed", true, Colour::Purple), ("paused", false, Colour::Amber)]
    );
    let json = serde_json::to_value(v.progress.word("paused").unwrap()).unwrap();
    assert_eq!(json["colour"], "amber");
    assert_eq!(json["counts_as"], "in-progress");
}

#[test]
fn progress_and_rag_words_keep_the_colours_they_shared() {
    // The templates once coloured by key across both lists.
    let v = clean("rag:\n  completed: Done\n  red: Red\nprogress:\n  green: Green\n  completed: Completed\n");
    assert_eq!(v.rag.colour("completed"), Colour::Green);
    assert_eq!(v.progress.colour("green"), Colour::Green);
    assert_eq!(
        v.rag.counts_as("completed"),
        None,
        "colour only: meaning stays the list's own"
    );
}

/// The single diagnostic of `yaml`: (severity, line, column, message, help).
fn one(yaml: &str) -> (Severity, usize, usize, String, String) {
    let (_, diags) = resolve(yaml);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.file, "site.yaml");
    (
        d.severity,
        d.line,
        d.column,
        d.message.clone(),
        d.help.clone().unwrap_or_default(),
    )
}

#[test]
fn a_meaning_the_list_does_not_have_is_an_error_at_its_value() {
    let (sev, line, col, msg, help) =
        one("progress:\n  done: { label: Done, counts_as: complete }\n  completed: Completed\n");
    assert_eq!((sev, line, col), (Severity::Error, 2, 35));
    assert_eq!(msg, "`counts_as: complete` is not a meaning a `progress` word can have");
    assert_eq!(help, "did you mean `completed`?");
    let (_, line, _, msg, help) = one("decision:\n  yes: Yes\n  agreed: { label: Agreed, counts_as: present }\n");
    assert_eq!(line, 3);
    assert_eq!(msg, "`counts_as: present` is not a meaning a `decision` word can have");
    assert_eq!(
        help,
        "a `decision` word counts as one of: accepted, partly-accepted, rejected, noted"
    );
}

#[test]
fn a_colour_that_is_no_tag_colour_is_an_error() {
    let (sev, line, col, msg, help) = one("decision:\n  agreed: { label: Agreed, colour: gren }\n");
    assert_eq!((sev, line, col), (Severity::Error, 2, 36));
    assert_eq!(msg, "`gren` is not a tag colour");
    assert_eq!(help, "did you mean `green`?");
    let (_, _, _, _, help) = one("decision:\n  agreed: { label: Agreed, colour: magenta }\n");
    assert_eq!(help, "use one of: green, blue, red, amber, yellow, grey, purple");
}

#[test]
fn closes_outside_progress_or_against_counts_as_is_an_error() {
    let (sev, line, col, msg, help) = one("decision:\n  agreed: { label: Agreed, closes: true }\n");
    assert_eq!((sev, line, col), (Severity::Error, 2, 36));
    assert_eq!(msg, "`closes` is not used in the `decision` vocabulary");
    assert!(help.contains("counts_as"), "{help}");
    let (_, line, _, msg, _) =
        one("progress:\n  done: Done\n  doing: { label: Doing, counts_as: in-progress, closes: true }\n");
    assert_eq!(line, 3);
    assert_eq!(msg, "`closes: true` contradicts `counts_as: in-progress`");
}

#[test]
fn an_unknown_field_in_a_word_is_an_error_with_did_you_mean() {
    let e = parse::<Given>("site.yaml", "progress:\n  done: { label: Done, count_as: completed }\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(e.message, "unknown key `count_as`");
    assert_eq!(e.help.as_deref(), Some("did you mean `counts_as`?"));
}

#[test]
fn renamed_lists_that_lose_their_meaning_are_warned_about() {
    let (sev, line, col, msg, help) = one("progress:\n  todo: To do\n  done: Done\n");
    assert_eq!((sev, line, col), (Severity::Warning, 2, 9));
    assert!(msg.contains("closes a recommendation"), "{msg}");
    assert!(help.contains("counts_as: completed"), "{help}");
    let (sev, line, _, msg, help) = one("attendance:\n  attended: Attended\n  apologies: Apologies\n");
    assert_eq!((sev, line), (Severity::Warning, 2));
    assert!(msg.contains("counts as present"), "{msg}");
    assert!(help.contains("counts_as: present"), "{help}");
}

#[test]
fn labels_yaml_would_read_as_booleans_or_numbers_stay_as_written() {
    let v = clean(
        "decision: { agreed: Yes, not-agreed: No, noted: \"On\" }\nrag:\n  red: 2020\n  amber: 1.50\n  green: { label: Yes }\n",
    );
    let labels: Vec<&str> = v.decision.words.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels, ["Yes", "No", "On"]);
    let labels: Vec<&str> = v.rag.words.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(labels, ["2020", "1.50", "Yes"]);
}
