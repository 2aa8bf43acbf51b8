//! A committee's work programme: business planned for its meetings.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::programmes::WorkProgramme;

#[derive(Serialize)]
struct ProgrammePage<'a> {
    programme: &'a WorkProgramme,
}

pub(super) fn page(cx: &EmitContext, md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let w = &site.work_programmes[i];
    let f = frame(
        &w.title,
        &w.url,
        format!("Planned business: {}", w.title),
        Crumbs::home(site).link(&w.committee).done(),
        "",
    );
    finish_page(cx, "work_programme.html", &ProgrammePage { programme: w }, f, md)
}
