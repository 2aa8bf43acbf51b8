//! `/sitemap.xml` and `/robots.txt`: every public HTML page the other
//! emitters wrote, with its `lastmod` taken from content dates.
//!
//! This emitter runs last and lists the pages already in the output (the
//! page emitter writes only public pages, so nothing here decides what is
//! public). A page's `lastmod` is the latest content date of the published
//! document it shows (an update, a response, the meeting), or for a
//! committee page the latest of its documents, never later than `as_of` and
//! never the build time. Past [`MAX_URLS`] addresses the sitemap becomes a
//! sitemap index over numbered sitemaps, as the protocol requires.

use std::collections::{BTreeMap, HashMap};

use super::{EmitContext, Emitter, Output, page_path};
use crate::diagnostics::Diagnostic;
use crate::load::primitives::Date;

pub struct Sitemap;

/// The protocol's limit of addresses in one sitemap file.
pub const MAX_URLS: usize = 50_000;

impl Emitter for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let base = &site.config.base_url;
        let dates = lastmods(cx);
        let urls: Vec<(String, Option<Date>)> = out
            .paths()
            .iter()
            .filter(|p| is_page(p))
            .map(|p| (absolute(base, p), dates.get(p.as_str()).copied()))
            .collect();
        for (path, bytes) in sitemap_files(&urls, base, MAX_URLS) {
            out.add(path, bytes);
        }
        out.add("robots.txt", robots(base));
        Vec::new()
    }
}

/// A page written by an emitter: `index.html` or `<path>/index.html` (the
/// 404 page and attachments are not pages to list).
fn is_page(path: &str) -> bool {
    path == "index.html" || path.ends_with("/index.html")
}

/// The absolute address of the page at output path `path`.
fn absolute(base: &str, path: &str) -> String {
    format!("{base}/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Output path → `lastmod`, from the published index.
fn lastmods(cx: &EmitContext) -> BTreeMap<String, Date> {
    let site = cx.site;
    let as_of = site.config.as_of;
    let committees: HashMap<&str, &str> = site
        .committees
        .iter()
        .map(|c| (c.id.as_str(), c.url.as_str()))
        .collect();
    let mut dates: BTreeMap<String, Date> = BTreeMap::new();
    let mut note = |path: String, d: Date| {
        let d = d.min(as_of);
        let e = dates.entry(path).or_insert(d);
        *e = (*e).max(d);
    };
    for doc in &cx.published.docs {
        let Some(d) = doc.updated.or(doc.published).or(doc.date) else {
            continue;
        };
        note(page_path(site, &doc.url), d);
        if let Some(url) = doc.committee_id.as_deref().and_then(|c| committees.get(c)) {
            note(page_path(site, url), d);
        }
    }
    dates
}

/// `robots.txt` naming the sitemap by its absolute address.
pub fn robots(base: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n")
}

/// The sitemap files for `urls`: one `sitemap.xml` when they fit in `limit`,
/// otherwise `sitemap.xml` as an index of `sitemaps/sitemap-<n>.xml`.
pub fn sitemap_files(urls: &[(String, Option<Date>)], base: &str, limit: usize) -> Vec<(String, String)> {
    let limit = limit.max(1);
    if urls.len() <= limit {
        return vec![("sitemap.xml".into(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in urls.chunks(limit).enumerate() {
        let path = format!("sitemaps/sitemap-{}.xml", n + 1);
        index.push_str("  <sitemap>\n    <loc>");
        index.push_str(&escape(&format!("{base}/{path}")));
        index.push_str("</loc>\n");
        if let Some(d) = chunk.iter().filter_map(|(_, d)| *d).max() {
            index.push_str(&format!("    <lastmod>{}</lastmod>\n", d.iso()));
        }
        index.push_str("  </sitemap>\n");
        files.push((path, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

fn urlset(urls: &[(String, Option<Date>)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        s.push_str("  <url>\n    <loc>");
        s.push_str(&escape(loc));
        s.push_str("</loc>\n");
        if let Some(d) = lastmod {
            s.push_str(&format!("    <lastmod>{}</lastmod>\n", d.iso()));
        }
        s.push_str("  </url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// Escape text for XML/HTML content and attribute values (one definition for
/// every output).
pub use crate::render::chart::escape;

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<(String, Option<Date>)> {
        (0..n)
            .map(|i| {
                (
                    format!("https://x.example/p{i}/"),
                    Date::new(2020, 1, 1 + (i % 28) as u8),
                )
            })
            .collect()
    }

    #[test]
    fn one_file_up_to_the_limit() {
        let files = sitemap_files(&urls(3), "https://x.example", 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(files[0].1.matches("<url>").count(), 3);
        assert!(files[0].1.contains("<lastmod>2020-01-01</lastmod>"));
    }

    #[test]
    fn past_the_limit_an_index_over_numbered_sitemaps() {
        let files = sitemap_files(&urls(7), "https://x.example", 3);
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemaps/sitemap-1.xml",
                "sitemaps/sitemap-2.xml",
                "sitemaps/sitemap-3.xml"
            ]
        );
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://x.example/sitemaps/sitemap-3.xml</loc>"));
        let counts: Vec<usize> = files[1..].iter().map(|(_, s)| s.matches("<url>").count()).collect();
        assert_eq!(counts, [3, 3, 1], "every address once, none past the limit");
    }

    #[test]
    fn addresses_are_escaped() {
        let files = sitemap_files(&[("https://x.example/a&b/".into(), None)], "https://x.example", 10);
        assert!(files[0].1.contains("<loc>https://x.example/a&amp;b/</loc>"));
        assert!(!files[0].1.contains("<lastmod>"));
    }

    #[test]
    fn robots_names_the_sitemap() {
        assert!(robots("https://x.example/papers").contains("Sitemap: https://x.example/papers/sitemap.xml\n"));
    }
}
