//! Content model section 4: committees and people.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

const COMMITTEE: &str = "content/committees/scrutiny.md";

#[test]
fn a_misspelt_membership_role_is_a_warning_with_did_you_mean() {
    let s = site("basic");
    put(
        s.path(),
        COMMITTEE,
        "---\ntitle: Overview and scrutiny committee\ntype: scrutiny\nmembership:\n  - { person: ann-ash, role: chiar }\n---\n",
    );
    let o = check(s.path(), &[]);
    assert_warning_at(&o, COMMITTEE, 5, "`chiar` is not one of the usual roles");
    assert!(stdout(&o).contains("did you mean `chair`?"), "{}", stdout(&o));
}
