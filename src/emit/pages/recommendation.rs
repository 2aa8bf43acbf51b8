//! A recommendation's page: its text, response, actions, timeline and
//! updates.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, shown};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::published::Body;
use crate::resolve::tracker::{Rec, UpdateView};

/// The optional columns of a recommendation's actions table.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct ActionColumns {
    owner: bool,
    due: bool,
    success: bool,
}

impl ActionColumns {
    fn of(rec: &Rec) -> ActionColumns {
        let a = &rec.actions;
        ActionColumns {
            owner: a.iter().any(|a| a.owner.is_some()),
            due: a.iter().any(|a| a.due.is_some() || a.due_text.is_some() || a.overdue),
            success: a.iter().any(|a| !a.success.is_empty()),
        }
    }
}

/// An update with its rendered text.
#[derive(Serialize)]
struct UpdateRow<'a> {
    #[serde(flatten)]
    update: &'a UpdateView,
    html: Option<&'a str>,
}

#[derive(Serialize)]
struct RecPage<'a> {
    rec: &'a Rec,
    action_columns: ActionColumns,
    text_html: &'a str,
    response_html: Option<&'a str>,
    updates: Vec<UpdateRow<'a>>,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let r = &site.recs[i];
    let (text_html, response_html, htmls) = match shown(cx, &mut md, &r.key).map(|d| &d.body) {
        Some(Body::Recommendation {
            text,
            response,
            updates,
            ..
        }) => (text.as_str(), response.as_deref(), updates.as_slice()),
        _ => ("", None, &[][..]),
    };
    let page = RecPage {
        rec: r,
        action_columns: ActionColumns::of(r),
        text_html,
        response_html,
        updates: r
            .updates
            .iter()
            .enumerate()
            .map(|(j, update)| UpdateRow {
                update,
                html: htmls.get(j).and_then(Option::as_deref),
            })
            .collect(),
    };
    let crumbs = Crumbs::home(site)
        .add("Recommendations", "recommendations/")
        .link(&r.source);
    let mut f = frame(
        &r.title,
        &r.url,
        format!("Recommendation {}: progress and updates", r.id),
        crumbs.done(),
        "recommendations",
    );
    f.about(site, std::slice::from_ref(&r.key));
    finish_page(cx, "recommendation.html", &page, f, md)
}
