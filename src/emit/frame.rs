//! The frame every page shares: title, canonical address, breadcrumbs,
//! "Referred to in", draft marking and the feeds a page links in `<head>`;
//! and [`finish_page`], which renders a page's template with it.

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::contexts::{PageMd, backlinks_except};
use super::{EmitContext, page_path};
use crate::diagnostics::Diagnostic;
use crate::resolve::Site;
use crate::resolve::entities::{Key, Link};

/// A rendered page.
pub(super) struct PageOut {
    pub(super) path: String,
    pub(super) html: String,
    pub(super) url: String,
    pub(super) title: String,
    pub(super) used_terms: BTreeSet<String>,
    pub(super) diags: Vec<Diagnostic>,
}

/// Everything a page template may use besides its own entity.
#[derive(Serialize)]
pub(super) struct Frame<'a> {
    title: &'a str,
    /// The title is not the site's own: `<title>` gives both.
    titled: bool,
    url: &'a str,
    canonical: String,
    description: String,
    breadcrumbs: Vec<super::contexts::Crumb>,
    pub(super) backlinks: Vec<Link>,
    pub(super) draft: bool,
    nav: &'static str,
    /// Feeds (and calendars) the page belongs to, for `<link rel="alternate">`.
    alternates: Vec<super::feeds::Alternate>,
    /// schema.org JSON-LD for the page's `<head>`, `<` already escaped.
    pub(super) json_ld: Option<String>,
}

/// Renders a page whose template reads the typed context `page` (its
/// fields are the template's variables), with the frame and the page's
/// headings beside them. With a page memo (`serve`), a page made from the
/// same templates and the same context is taken from it instead.
pub(super) fn finish_page<C: Serialize>(
    cx: &EmitContext,
    template: &str,
    page: &C,
    frame: Frame,
    md: PageMd,
) -> PageOut {
    let site = cx.site;
    let path = page_path(site, frame.url);
    let url = frame.url.to_string();
    let title = frame.title.to_string();
    let mut frame = frame;
    frame.canonical = super::absolute_url(site, &url);
    frame.titled = frame.title != site.config.title;
    let mut alternates = super::feeds::for_section(site, frame.nav);
    alternates.append(&mut frame.alternates);
    frame.alternates = alternates;
    let mut diags = md.warnings;
    let print = cx.pages.map(|_| {
        let mut f = crate::load::fingerprint::Fingerprint::default();
        f.num(cx.templates.fingerprint.0);
        f.num(cx.templates.fingerprint.1);
        f.str(template);
        crate::load::fingerprint::serialize(&mut f, page);
        crate::load::fingerprint::serialize(&mut f, &frame);
        crate::load::fingerprint::serialize(&mut f, &md.headings);
        f.finish()
    });
    let kept = cx.pages.zip(print).and_then(|(m, p)| m.get(&path, p));
    let html = match kept {
        Some(html) => html,
        None => {
            let ctx = Context::from_serialize(page).map_err(|e| {
                Diagnostic::error(
                    format!("templates/{template}"),
                    0,
                    0,
                    format!("the page context for {template} could not be built: {e}"),
                )
            });
            let rendered = ctx.and_then(|mut ctx| {
                ctx.insert("headings", &md.headings);
                ctx.insert("frame", &frame);
                cx.templates.render(template, &ctx)
            });
            match rendered {
                Ok(html) => {
                    if let Some((memo, p)) = cx.pages.zip(print) {
                        memo.keep(&path, p, &html);
                    }
                    html
                }
                Err(d) => {
                    diags.push(d);
                    String::new()
                }
            }
        }
    };
    PageOut {
        path,
        html,
        url,
        title,
        used_terms: md.abbr.used,
        diags,
    }
}

impl Frame<'_> {
    /// The page shows the entities `keys` (its own first): list what refers to
    /// them, and mark the page as a draft when its entity is a published draft.
    pub(super) fn about(&mut self, site: &Site, keys: &[Key]) {
        self.about_except(site, keys, |_| false);
    }

    /// [`Frame::about`], leaving out of "Referred to in" the sources `skip`
    /// says the page lists anyway.
    pub(super) fn about_except(&mut self, site: &Site, keys: &[Key], skip: impl Fn(&Key) -> bool) {
        self.backlinks = backlinks_except(site, keys, skip);
        self.draft = keys
            .first()
            .and_then(|k| site.registry.get(k))
            .is_some_and(|e| e.publish == crate::resolve::publish::Publish::PublicDraft);
    }

    /// The page belongs to committee `id`: link its feed and calendar.
    pub(super) fn committee(&mut self, site: &Site, id: &str) {
        if let Some(c) = site.committees.iter().find(|c| c.id == id && c.publish.is_public()) {
            self.alternates.push(super::feeds::committee_feed(site, c));
            self.alternates.push(super::calendar::committee_calendar(site, c));
        }
    }
}

pub(super) fn frame<'a>(
    title: &'a str,
    url: &'a str,
    description: String,
    breadcrumbs: Vec<super::contexts::Crumb>,
    nav: &'static str,
) -> Frame<'a> {
    Frame {
        title,
        titled: false,
        url,
        canonical: String::new(),
        description,
        breadcrumbs,
        backlinks: Vec::new(),
        draft: false,
        nav,
        alternates: Vec::new(),
        json_ld: None,
    }
}
