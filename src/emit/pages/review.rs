//! A scrutiny review and the recommendations it made.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, shown, single};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::published::Body;
use crate::resolve::tracker::{Rec, Review};

/// One of the review's recommendations with its rendered text and response.
#[derive(Serialize)]
struct ReviewRow<'a> {
    rec: &'a Rec,
    text_html: &'a str,
    response_html: Option<&'a str>,
}

#[derive(Serialize)]
struct ReviewPage<'a> {
    review: &'a Review,
    body_html: std::borrow::Cow<'a, str>,
    rows: Vec<ReviewRow<'a>>,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let r = &site.reviews[i];
    let rows = site
        .recs
        .iter()
        .filter(|x| r.recs.contains(&x.id))
        .map(|rec| {
            let (text_html, response_html) = match cx.published.get(&rec.key).map(|d| &d.body) {
                Some(Body::Recommendation { text, response, .. }) => (text.as_str(), response.as_deref()),
                _ => ("", None),
            };
            ReviewRow {
                rec,
                text_html,
                response_html,
            }
        })
        .collect();
    let page = ReviewPage {
        review: r,
        body_html: single(shown(cx, &mut md, &r.key)),
        rows,
    };
    let mut crumbs = Crumbs::home(site);
    if let Some(c) = &r.committee {
        crumbs = crumbs.link(c);
    }
    let mut f = frame(
        &r.title,
        &r.url,
        format!("Scrutiny review: {}", r.title),
        crumbs.done(),
        "recommendations",
    );
    f.about(site, std::slice::from_ref(&r.key));
    finish_page(cx, "review.html", &page, f, md)
}
