//! The list of councillors, members and officers, and each person's page.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::model::Person;

/// A person as the list shows them.
#[derive(Serialize)]
struct PersonRow<'a> {
    #[serde(flatten)]
    person: &'a Person,
    /// An officer's role is shown after their name unless it is their name.
    shows_role: bool,
}

#[derive(Serialize)]
struct People<'a> {
    members: Vec<&'a Person>,
    officers: Vec<PersonRow<'a>>,
}

pub(super) fn list(cx: &EmitContext, md: PageMd) -> PageOut {
    let site = cx.site;
    let (members, officers): (Vec<&Person>, Vec<&Person>) = site
        .people
        .iter()
        .partition(|p| p.role_title.is_none() || p.party.is_some());
    let page = People {
        members,
        officers: officers
            .into_iter()
            .map(|person| PersonRow {
                shows_role: person
                    .role_title
                    .as_ref()
                    .is_some_and(|r| !r.is_empty() && *r != person.name),
                person,
            })
            .collect(),
    };
    let url = site.config.url("people/");
    let f = frame(
        "Councillors, members and officers",
        &url,
        "People who serve on or report to committees".into(),
        Crumbs::home(site).done(),
        "people",
    );
    finish_page(cx, "people.html", &page, f, md)
}

#[derive(Serialize)]
struct PersonPage<'a> {
    person: &'a Person,
}

pub(super) fn page(cx: &EmitContext, md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let p = &site.people[i];
    let mut f = frame(
        &p.name,
        &p.url,
        format!("Committee roles and attendance of {}", p.name),
        Crumbs::home(site).add("People", "people/").done(),
        "people",
    );
    f.about(site, std::slice::from_ref(&p.key));
    finish_page(cx, "person.html", &PersonPage { person: p }, f, md)
}
