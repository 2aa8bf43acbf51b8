//! Content model section 10: questions (`meetings/<meeting>/questions.yaml`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const QUESTIONS: &str = "content/meetings/2020-01-14-scrutiny/questions.yaml";

const SCHEDULE: &str = "- id: PQ1
  kind: public
  questioner: Ms Steel
  locality: Northtown
  to: Chairman of the committee
  question: How many QUESTION-MARKER?
  response: There were RESPONSE-MARKER.
  supplementary:
    disallowed: It risked identifying an individual.
- id: MQ1
  kind: member
  questioner: bob-birch
  to: Cabinet member for resources
  question: What about [[report:2020-01-14-scrutiny/budget]]?
  supplementary:
    question: And SUPPLEMENTARY-MARKER?
    responses:
      - { by: ann-ash, text: SUPP-RESPONSE-MARKER }
";

#[test]
fn a_question_schedule_shows_every_field_and_links_members() {
    let s = site("basic");
    put(s.path(), QUESTIONS, SCHEDULE);
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(s.path(), "meetings/2020-01-14-scrutiny/questions/index.html");
    for want in [
        "id=\"question-PQ1\"",
        "Ms Steel",
        "Northtown",
        "Chairman of the committee",
        "QUESTION-MARKER",
        "RESPONSE-MARKER",
        "Disallowed",
        "It risked identifying an individual.",
        "href=\"/people/bob-birch/\"",
        "href=\"/meetings/2020-01-14-scrutiny/reports/budget/\"",
        "SUPPLEMENTARY-MARKER",
        "Response from Councillor Ann Ash",
        "SUPP-RESPONSE-MARKER",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    let meeting = read(s.path(), "meetings/2020-01-14-scrutiny/index.html");
    assert!(
        meeting.contains("href=\"/meetings/2020-01-14-scrutiny/questions/\""),
        "{meeting}"
    );
}

#[test]
fn a_member_questioner_must_be_a_person_and_a_kind_must_be_public_or_member() {
    let s = site("basic");
    put(
        s.path(),
        QUESTIONS,
        &SCHEDULE.replace("questioner: bob-birch", "questioner: bob-burch"),
    );
    assert_error_at(
        &check(s.path(), &[]),
        QUESTIONS,
        12,
        "refers to a person that does not exist",
    );
    put(
        s.path(),
        QUESTIONS,
        &SCHEDULE.replace("kind: member", "kind: councillor"),
    );
    assert_error_at(
        &check(s.path(), &[]),
        QUESTIONS,
        11,
        "`councillor` is not one of the values allowed here",
    );
}
