//! The free pages every page's footer links (issue 17, point 6), so that no
//! free page — the `about` page `init` makes, or any under `pages/` — is left
//! where nobody can find it.
//!
//! Without `footer:` in site.yaml the footer lists every public free page,
//! by title, as long as they are few: a footer is on every page, so its size
//! must not grow with the site. A site with more free pages than that says
//! which ones the footer lists with `footer: [about, …]`; every public page
//! then left out of it and linked from no published page is a warning.

use std::collections::BTreeSet;

use super::Ctx;
use super::entities::{Key, Kind, Link};
use super::model::Page;
use crate::diagnostics::Diagnostic;
use crate::load::primitives::pos;

/// At most this many free pages are listed without a `footer:` list.
pub const DEFAULT_MAX: usize = 12;

/// The footer's links, checking site.yaml's `footer:` on the way.
pub fn footer(ctx: &mut Ctx, pages: &[Page]) -> Vec<Link> {
    let public: Vec<&Page> = pages.iter().filter(|p| p.publish.is_public()).collect();
    let loaded = ctx.loaded;
    let Some(site) = loaded.site.as_ref() else {
        return Vec::new();
    };
    let Some(given) = &site.data.footer else {
        if public.len() > DEFAULT_MAX {
            ctx.diags.push(
                Diagnostic::warning(
                    &site.file,
                    1,
                    1,
                    format!(
                        "the site has {} free pages, too many to list in every page's footer",
                        public.len()
                    ),
                )
                .with_help(format!(
                    "list the ones the footer links with `footer: [{}, …]` in site.yaml, and link the others from those pages",
                    public[0].id
                )),
            );
            return Vec::new();
        }
        let mut by_title = public;
        by_title.sort_by(|a, b| (&a.title, &a.id).cmp(&(&b.title, &b.id)));
        return by_title.into_iter().map(|p| ctx.link(&p.key)).collect();
    };
    let mut listed: BTreeSet<Key> = BTreeSet::new();
    let mut links = Vec::new();
    for entry in given {
        let Some(key) = ctx
            .reg
            .resolve_ref(&entry.value, Some(Kind::Page), &site.file, pos(entry), &mut ctx.diags)
        else {
            continue;
        };
        if !listed.insert(key.clone()) {
            ctx.diags.push(
                Diagnostic::warn_at(
                    &site.file,
                    pos(entry),
                    format!("page `{}` is listed in `footer` twice", key.id),
                )
                .with_help("remove one of them"),
            );
            continue;
        }
        // A page that is not public yet is left out until it is.
        let link = ctx.link(&key);
        if link.url.is_some() {
            links.push(link);
        }
    }
    // A file that failed to load may hold the link to a page: that error is
    // the one to fix, and no page is called unlinked until it is.
    let links_unknown = !loaded.failed.is_empty();
    for p in public {
        if links_unknown || listed.contains(&p.key) || linked_from_a_public_page(ctx, &p.key) {
            continue;
        }
        ctx.diags.push(
            Diagnostic::warning(
                &p.file,
                1,
                1,
                "this page is linked from nowhere: it is not in site.yaml's `footer`, and no published page links to it",
            )
            .with_help(format!(
                "add `{}` to `footer:` in site.yaml, or link it from another page with `[[page:{}]]`",
                p.id, p.id
            )),
        );
    }
    links
}

fn linked_from_a_public_page(ctx: &Ctx, key: &Key) -> bool {
    ctx.reg.backlinks.get(key).is_some_and(|from| {
        from.iter()
            .any(|s| ctx.reg.get(s).is_some_and(|e| e.publish.is_public()))
    })
}
