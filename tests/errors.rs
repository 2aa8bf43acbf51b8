//! One invalid site per error class: each must fail with exit code 1, name the
//! file and line, and leave the previous output untouched.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

/// Build the basic site with one file replaced; return the GitHub-format lines.
fn fails_with(rel: &str, text: &str) -> String {
    let s = site("basic");
    put(s.path(), rel, text);
    let root = s.path().to_str().unwrap();
    let o = minutebook(&["check", "--root", root, "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let human = build(s.path(), &[]);
    assert_eq!(human.status.code(), Some(1));
    assert!(!s.path().join("output").exists(), "a failed build writes nothing");
    stdout(&o)
}

fn assert_at(out: &str, file: &str, line: usize, words: &str) {
    let prefix = format!("::error file={file},line={line},");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&prefix) && l.to_lowercase().contains(&words.to_lowercase())),
        "expected an error at {file}:{line} mentioning {words:?}, got:\n{out}"
    );
}

const MEETING: &str = "content/meetings/2020-03-10-scrutiny/index.md";

#[test]
fn yaml_syntax_error() {
    let out = fails_with(
        MEETING,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: \"scheduled\nitems: []\n---\n",
    );
    assert_at(&out, MEETING, 4, "quote");
}

#[test]
fn unknown_key_suggests_a_fix() {
    let out = fails_with(
        MEETING,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\nvenu: Hall\n---\n",
    );
    assert_at(&out, MEETING, 5, "unknown key `venu`");
    assert!(out.contains("did you mean `venue`?"), "{out}");
}

#[test]
fn wrong_type() {
    let out = fails_with(
        MEETING,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\nitems:\n  - { n: 1, title: A, supplement: perhaps }\n---\n",
    );
    assert_at(&out, MEETING, 6, "");
}

#[test]
fn impossible_date() {
    let out = fails_with(
        MEETING,
        "---\ncommittee: scrutiny\ndate: 2020-02-30\nstatus: scheduled\n---\n",
    );
    assert_at(&out, MEETING, 3, "not a real date");
}

#[test]
fn dangling_reference() {
    let out = fails_with(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[report:2020-01-14-scrutiny/budgit]].\n",
    );
    assert_at(&out, "content/pages/about.md", 4, "does not exist");
    assert!(
        out.contains("did you mean `report:2020-01-14-scrutiny/budget`?"),
        "{out}"
    );
}

#[test]
fn wrong_kind_of_reference() {
    let out = fails_with(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[meeting:scrutiny]].\n",
    );
    assert_at(&out, "content/pages/about.md", 4, "committee:scrutiny");
}

#[test]
fn duplicate_id() {
    let out = fails_with(
        "content/people.yaml",
        "- { id: ann-ash, name: Ann Ash }\n- { id: bob-birch, name: Bob Birch }\n- { id: cat-cedar, name: Cat Cedar }\n- { id: director, role_title: Director }\n- { id: ann-ash, name: Another Ash }\n",
    );
    assert_at(&out, "content/people.yaml", 5, "duplicate id");
}

#[test]
fn resolution_without_a_minute_heading() {
    let s = site("basic");
    let minutes = std::fs::read_to_string(s.path().join("content/meetings/2020-01-14-scrutiny/minutes.md")).unwrap();
    let broken = minutes.replace("  \"1\":\n", "  \"9\":\n");
    let out = fails_with("content/meetings/2020-01-14-scrutiny/minutes.md", &broken);
    assert_at(
        &out,
        "content/meetings/2020-01-14-scrutiny/minutes.md",
        10,
        "no minute 9",
    );
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let s = site("basic");
    put(
        s.path(),
        MEETING,
        "---\ncommittee: scrutiny\ndate: 2020-02-30\nstatus: scheduled\n---\n",
    );
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\n[[page:nope]] and [[person:nobody]]\n",
    );
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let errors: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(errors.len() >= 3, "{errors:?}");
    assert!(errors.iter().all(|e| e["line"].as_u64().unwrap_or(0) > 0));
}

#[test]
fn failed_build_keeps_the_previous_output() {
    let s = site("basic");
    assert!(build(s.path(), &[]).status.success());
    let before = tree(&s.path().join("output"));
    put(
        s.path(),
        MEETING,
        "---\ncommittee: nowhere\ndate: 2020-03-10\nstatus: scheduled\n---\n",
    );
    let o = build(s.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(MEETING), "{}", stderr(&o));
    assert_eq!(before, tree(&s.path().join("output")));
}

#[test]
fn human_format_names_file_line_and_column() {
    let s = site("basic");
    put(
        s.path(),
        MEETING,
        "---\ncommittee: scrutiny\ndate: 2020-02-30\nstatus: scheduled\n---\n",
    );
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{MEETING}:3:")), "{}", stderr(&o));
}

#[test]
fn personal_data_is_a_warning_an_error_with_strict_and_can_be_acknowledged() {
    let s = site("basic");
    let page = "content/pages/about.md";
    put(
        s.path(),
        page,
        "---\ntitle: About\n---\nContact jo.bloggs@mail.example or 07700 900123.\n",
    );
    let root = s.path().to_str().unwrap();
    let o = minutebook(&["check", "--root", root, "--format", "github"]);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "::warning file={page},line=4,col=9::personal data: the e-mail address `jo.bloggs@mail.example`"
        )),
        "{out}"
    );
    assert!(out.contains("the phone number `07700 900123`"), "{out}");
    let strict = minutebook(&["check", "--root", root, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    put(
        s.path(),
        page,
        "---\ntitle: About\nprivacy: { allow: [jo.bloggs@mail.example, 07700900123], reason: Published with consent }\n---\nContact jo.bloggs@mail.example or 07700 900123.\n",
    );
    let o = minutebook(&["check", "--root", root, "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

const MINUTES: &str = "content/meetings/2020-01-14-scrutiny/minutes.md";

fn basic_minutes() -> String {
    std::fs::read_to_string(repo().join("tests/sites/basic").join(MINUTES)).unwrap()
}

#[test]
fn minute_numbering_gaps_and_drops_are_warnings_at_the_heading() {
    let s = site("basic");
    put(
        s.path(),
        MINUTES,
        &basic_minutes()
            .replace(
                "## 2. Budget monitoring {#2 item=2}",
                "## 4. Budget monitoring {#4 item=2}",
            )
            .replace("  \"2\":", "  \"4\":"),
    );
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "github"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!(
            "::warning file={MINUTES},line=19,col=1::minute numbers jump from 1 to 4"
        )),
        "{}",
        stdout(&o)
    );
    let strict = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_minute_recording_a_missing_agenda_item_is_an_error() {
    let out = fails_with(MINUTES, &basic_minutes().replace("{#2 item=2}", "{#2 item=9}"));
    assert_at(
        &out,
        MINUTES,
        19,
        "2020-01-14-scrutiny/item-9` refers to an item that does not exist",
    );
}

#[test]
fn minutes_of_and_approved_at_must_agree() {
    let out = fails_with(
        MINUTES,
        &basic_minutes().replace("approved_at: 2020-03-10-scrutiny", "approved_at: 2020-01-14-scrutiny"),
    );
    assert_at(
        &out,
        "content/meetings/2020-03-10-scrutiny/index.md",
        6,
        "approved at 2020-01-14-scrutiny",
    );
    assert_at(&out, MINUTES, 3, "cannot be approved at the meeting they record");
}

#[test]
fn a_stated_kind_that_does_not_match_the_place_is_an_error() {
    let out = fails_with(
        "content/pages/about.md",
        "---\nkind: report\ntitle: About\n---\nText.\n",
    );
    assert_at(&out, "content/pages/about.md", 2, "kind: report");
}

#[test]
fn appendix_paths_must_stay_inside_the_site() {
    let report = "content/meetings/2020-01-14-scrutiny/reports/budget.md";
    let text = std::fs::read_to_string(repo().join("tests/sites/basic").join(report)).unwrap();
    let out = fails_with(
        report,
        &text.replace("file: appendix-1.md", "file: ../../../../../etc/passwd"),
    );
    assert_at(&out, report, 8, "climbs out of its folder");
    let out = fails_with(report, &text.replace("file: appendix-1.md", "file: /etc/passwd"));
    assert_at(&out, report, 8, "absolute path");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_leading_out_of_content_is_an_error() {
    let s = site("basic");
    std::os::unix::fs::symlink("/etc/hostname", s.path().join("content/pages/host.md")).unwrap();
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("file=content/pages/host.md,") && stdout(&o).contains("leads outside content/"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn two_work_programmes_for_one_committee_and_year_are_an_error() {
    let s = site("basic");
    let wp = "committee: scrutiny\nyear: 2019/20\nmeetings: []\n";
    put(s.path(), "content/work-programmes/a.yaml", wp);
    put(s.path(), "content/work-programmes/b.yaml", wp);
    let o = minutebook(&["check", "--root", s.path().to_str().unwrap(), "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("::error file=content/work-programmes/b.yaml,line=2,"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn ids_that_could_escape_their_folder_are_errors() {
    let out = fails_with(
        "content/people.yaml",
        "- { id: ann-ash, name: Ann Ash }\n- { id: bob-birch, name: Bob Birch }\n- { id: cat-cedar, name: Cat Cedar }\n- { id: director, role_title: Director }\n- { id: ../evil, name: Evil }\n",
    );
    assert_at(&out, "content/people.yaml", 5, "ids may hold only");
}

#[test]
fn a_broken_file_is_reported_once_not_through_every_reference_to_it() {
    // One bad line in people.yaml: every person reference would dangle.
    let out = fails_with(
        "content/people.yaml",
        "- { id: ann-ash, name: Ann Ash }\n- { id: bob-birch, nmae: Bob }\n",
    );
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error")).collect();
    assert_eq!(errors.len(), 1, "{out}");
    assert_at(&out, "content/people.yaml", 2, "unknown key `nmae`");
}

#[test]
fn a_missing_required_field_is_reported_where_its_block_starts() {
    let out = fails_with(
        MEETING,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nvenue: Hall\n---\n",
    );
    assert_at(&out, MEETING, 2, "required field `status` is missing");
}

#[test]
fn references_in_question_and_response_texts_are_checked() {
    let q = "content/meetings/2020-01-14-scrutiny/questions.yaml";
    let out = fails_with(
        q,
        "- id: PQ1\n  kind: public\n  questioner: Ms Reed\n  question: About [[report:2020-01-14-scrutiny/budgt]]?\n  response: Yes.\n",
    );
    assert_at(&out, q, 1, "budgt");
    let s = site("basic");
    put(
        s.path(),
        q,
        "- id: PQ1\n  kind: public\n  questioner: Ms Reed\n  question: About the budget?\n  response: See [[report:2020-01-14-scrutiny/budget]].\n",
    );
    assert!(build(s.path(), &[]).status.success());
    let report = read(s.path(), "meetings/2020-01-14-scrutiny/reports/budget/index.html");
    assert!(
        report
            .split("Referred to in")
            .nth(1)
            .unwrap()
            .contains("/meetings/2020-01-14-scrutiny/questions/"),
        "{report}"
    );
}

#[test]
fn a_repeated_minute_number_is_one_error_not_a_cascade() {
    let out = fails_with(
        MINUTES,
        &basic_minutes()
            .replace("{#2 item=2}", "{#1 item=2}")
            .replace("  \"2\":\n", "  \"9\":\n"),
    );
    assert_at(&out, MINUTES, 19, "minute number 1 is used twice");
    assert!(!out.contains("rec:"), "no knock-on duplicate recommendation ids: {out}");
}

#[test]
fn strict_turns_warnings_into_errors_in_the_output_too() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nMail x.y@mail.example\n",
    );
    let o = minutebook(&[
        "check",
        "--root",
        s.path().to_str().unwrap(),
        "--strict",
        "--format",
        "github",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("::error file=content/pages/about.md,line=4"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn new_refuses_an_unknown_committee() {
    let s = site("basic");
    let o = minutebook(&[
        "new",
        "meeting",
        "--root",
        s.path().to_str().unwrap(),
        "--committee",
        "nosuch",
        "--date",
        "2030-01-01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("there is no committee `nosuch`"));
    assert!(!s.path().join("content/meetings/2030-01-01-nosuch").exists());
}

#[test]
fn a_warning_found_while_rendering_shows_its_source_line_though_the_build_let_go_of_the_texts() {
    let s = site("basic");
    let rel = "content/meetings/2020-01-14-scrutiny/reports/budget.md";
    let text = source(s.path(), rel);
    put(
        s.path(),
        rel,
        &format!("{text}\n#### A heading two levels down\n\nText.\n"),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("this heading skips a level"), "{err}");
    // The snippet: the build read the file again for it, and it is unchanged.
    assert!(err.contains("#### A heading two levels down"), "{err}");
}
