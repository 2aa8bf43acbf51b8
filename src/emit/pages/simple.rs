//! Free pages (about, privacy, …) and the page for addresses not found.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, shown, single};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::resolve::model::Page;

#[derive(Serialize)]
struct FreePage<'a> {
    page: &'a Page,
    body_html: std::borrow::Cow<'a, str>,
}

pub(super) fn free_page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let p = &site.pages[i];
    let page = FreePage {
        page: p,
        body_html: single(shown(cx, &mut md, &p.key)),
    };
    let mut f = frame(&p.title, &p.url, p.title.clone(), Crumbs::home(site).done(), "");
    f.about(site, std::slice::from_ref(&p.key));
    finish_page(cx, "page.html", &page, f, md)
}

/// The 404 page reads nothing but the frame and the site.
#[derive(Serialize)]
struct NotFound {}

pub(super) fn not_found(cx: &EmitContext, md: PageMd) -> PageOut {
    let url = cx.site.config.url("404.html");
    let f = frame("Page not found", &url, "Page not found".into(), Vec::new(), "");
    finish_page(cx, "404.html", &NotFound {}, f, md)
}
