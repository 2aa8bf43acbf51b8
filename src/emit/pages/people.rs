//! The list of councillors, members and officers, and each person's page.

use serde::Serialize;

use std::collections::BTreeSet;

use super::committee::RECENT_YEARS;
use super::{PageMd, PageOut, YearLink, finish_page, frame, other_years};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::markdown::slug;
use crate::resolve::Site;
use crate::resolve::entities::{Kind, Link};
use crate::resolve::model::{Attended, Person};

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

/// One municipal year of the meetings whose minutes record a person.
#[derive(Serialize, Default)]
struct AttendedYear<'a> {
    year: &'a str,
    /// The heading's id.
    anchor: String,
    meetings: &'a [Attended],
}

/// A person's recorded meetings by municipal year, newest first (the list
/// is newest first, so each year's meetings are together).
fn by_year(p: &Person) -> Vec<AttendedYear<'_>> {
    p.attended
        .chunk_by(|a, b| a.municipal_year == b.municipal_year)
        .map(|meetings| {
            let year = meetings.first().map_or("", |m| m.municipal_year.as_str());
            AttendedYear {
                year,
                anchor: format!("meetings-{}", slug(year)),
                meetings,
            }
        })
        .collect()
}

fn year_url(site: &Site, p: &Person, year: &str) -> String {
    site.config.url(&format!("people/{}/{}/", p.id, slug(year)))
}

/// A person's latest [`RECENT_YEARS`] municipal years, which their page
/// shows, and the earlier ones, which have a page each.
fn recent_and_earlier(p: &Person) -> (Vec<AttendedYear<'_>>, Vec<AttendedYear<'_>>) {
    let mut recent = by_year(p);
    let earlier = recent.split_off(RECENT_YEARS.min(recent.len()));
    (recent, earlier)
}

/// How many of a person's earlier municipal years have a page of their own.
pub(super) fn earlier_years(p: &Person) -> usize {
    recent_and_earlier(p).1.len()
}

#[derive(Serialize)]
struct PersonPage<'a> {
    person: &'a Person,
    /// The latest [`RECENT_YEARS`] municipal years of meetings.
    years: Vec<AttendedYear<'a>>,
    /// A page each for the earlier years, newest first.
    earlier: Vec<YearLink>,
}

pub(super) fn page(cx: &EmitContext, md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let p = &site.people[i];
    let (years, earlier) = recent_and_earlier(p);
    let earlier = other_years(earlier.iter().map(|y| y.year), "", |y| year_url(site, p, y));
    let mut f = frame(
        &p.name,
        &p.url,
        format!("Committee roles and attendance of {}", p.name),
        Crumbs::home(site).add("People", "people/").done(),
        "people",
    );
    // Minutes that record the person's attendance are listed by year, not
    // again under "Referred to in" (at archive scale they are thousands).
    let listed: BTreeSet<&str> = p.attended.iter().filter_map(|a| a.minutes.url.as_deref()).collect();
    f.about_except(site, std::slice::from_ref(&p.key), |k| {
        k.kind == Kind::Minutes && site.registry.get(k).is_some_and(|e| listed.contains(&*e.url))
    });
    finish_page(
        cx,
        "person.html",
        &PersonPage {
            person: p,
            years,
            earlier,
        },
        f,
        md,
    )
}

#[derive(Serialize)]
struct PersonYearPage<'a> {
    person: &'a Person,
    year: AttendedYear<'a>,
    /// The other earlier years, newest first.
    years: Vec<YearLink>,
}

/// The meetings recorded for person `i` in the `n`th of their earlier
/// municipal years.
pub(super) fn year_page(cx: &EmitContext, md: PageMd, i: usize, n: usize) -> PageOut {
    let site = cx.site;
    let p = &site.people[i];
    let (_, earlier) = recent_and_earlier(p);
    let this = earlier.get(n).map_or("", |y| y.year);
    let years = other_years(earlier.iter().map(|y| y.year), this, |y| year_url(site, p, y));
    let shown = earlier.into_iter().nth(n).unwrap_or_default();
    let url = year_url(site, p, shown.year);
    let title = format!("{}: meetings in {}", p.name, shown.year);
    let f = frame(
        &title,
        &url,
        format!(
            "Meetings whose minutes record {} in the municipal year {}",
            p.name, shown.year
        ),
        Crumbs::home(site)
            .add("People", "people/")
            .link(&Link::to(p.name.as_str(), p.url.as_str()))
            .done(),
        "people",
    );
    let page = PersonYearPage {
        person: p,
        year: shown,
        years,
    };
    finish_page(cx, "person_year.html", &page, f, md)
}
