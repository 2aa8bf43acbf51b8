//! Issue 17, point 3: `[[…]]` written in a YAML field that is plain text is
//! a warning at the `[[`, naming the field and saying where links work;
//! in a field that is Markdown it is a link as usual.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

const AGENDA: &str = "content/meetings/2020-03-10-scrutiny/index.md";

#[test]
fn a_link_in_an_agenda_items_purpose_is_a_warning_naming_the_field() {
    let got = check_with(&[(
        AGENDA,
        "---\ncommittee: scrutiny\ndate: 2020-03-10\nstatus: scheduled\nitems:\n  - n: 1\n    title: Minutes\n    purpose: To approve [[meeting:2020-01-14-scrutiny]].\n    minutes_of: 2020-01-14-scrutiny\n---\n",
    )]);
    assert_eq!(
        got,
        [format!(
            "::warning file={AGENDA},line=8,col=25::`purpose` is plain text: the `[[…]]` link in it would be published as written (help: links work in the Markdown text below the front matter; write plain words in `purpose`)"
        )]
    );
}

#[test]
fn a_link_in_a_plain_field_of_a_report_names_the_markdown_fields() {
    let r = "content/meetings/2020-01-14-scrutiny/reports/budget.md";
    let text = "---\ntitle: Budget monitoring quarter 3\nreport_by: \"[[person:director]]\"\nclassification: open\nrecommendations:\n  - id: a\n    text: The committee notes [[report:2020-01-14-scrutiny/disposal]].\nappendices:\n  - { id: \"1\", title: Detailed forecast, file: appendix-1.md }\n  - { id: \"2\", title: Legal advice, exempt_paragraph: 5, file: appendix-2.md }\n---\nBody.\n";
    let got = check_with(&[(r, text)]);
    assert_eq!(
        got,
        [format!(
            "::warning file={r},line=3,col=13::`report_by` is plain text: the `[[…]]` link in it would be published as written (help: links work in the Markdown text and in the `text`, `question`, `response` fields; write plain words in `report_by`)"
        )]
    );
}
