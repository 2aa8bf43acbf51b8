//! Issue 17, point 6: `init --name` sets the site's title and says what it
//! made and what to replace; `new minutes` continues the committee's minute
//! numbering instead of starting at 1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

#[test]
fn init_with_a_name_sets_the_title_and_explains_each_example_file() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("ashcombe");
    let o = minutebook(&["init", site.to_str().unwrap(), "--name", "Ashcombe Parish Council"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(yaml.starts_with("title: \"Ashcombe Parish Council\"\n"), "{yaml}");
    let said = stderr(&o);
    for words in [
        "keep and edit  site.yaml",
        "keep and edit  content/pages/about.md",
        "replace        content/committees/scrutiny.md",
        "replace        content/people.yaml",
        "delete         content/meetings/",
        "Starting a new site",
    ] {
        assert!(said.contains(words), "{words:?} not in:\n{said}");
    }
    let b = build(&site, &[]);
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    assert!(read(&site, "index.html").contains("Ashcombe Parish Council"));
}

#[test]
fn new_minutes_continue_the_committees_numbering() {
    let s = site("basic");
    let root = s.path().to_str().unwrap();
    let o = minutebook(&[
        "new",
        "minutes",
        "--committee",
        "scrutiny",
        "--date",
        "2020-03-10",
        "--root",
        root,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(s.path().join("content/meetings/2020-03-10-scrutiny/minutes.md")).unwrap();
    // The minutes of 2020-01-14 end at minute 2.
    assert!(text.contains("## 3. Apologies for absence {#3 item=1}"), "{text}");
    let got = annotations(&check(s.path(), &[]));
    assert!(!got.iter().any(|l| l.contains("minute number")), "{got:?}");
}
