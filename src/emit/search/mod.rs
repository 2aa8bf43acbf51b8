//! Search: a static index of every published document, built in the same
//! run from the published-document index, and the `/search/` page whose
//! script (`static/js/search.js`) queries it in the browser, fetching only
//! the chunks a query needs. Nothing here decides what is public: only
//! documents in the published index are indexed.
//!
//! The format is described in [`index`]; why it is ours and not Pagefind's
//! is measured in `docs/performance.md`.

pub mod index;
pub mod tokenize;

use serde::Serialize;

use super::contexts::{Crumbs, PageMd};
use super::pages::{finish_page, frame};
use super::{EmitContext, Emitter, Output};
use crate::diagnostics::Diagnostic;
use crate::render::published::DocKind;

pub struct Search;

/// The search page's context.
#[derive(Serialize)]
struct SearchPage {
    /// Where the index is, for the reader.
    index_url: String,
    facets: [Facet; 3],
}

/// A filter on the search page: a fieldset of checkboxes.
#[derive(Serialize)]
struct Facet {
    name: &'static str,
    legend: &'static str,
    options: Vec<FacetOption>,
}

#[derive(Serialize)]
struct FacetOption {
    value: String,
    label: String,
    /// The checkbox's id part, from its value (never its position).
    id: String,
}

impl FacetOption {
    fn new(value: String, label: String) -> Self {
        let id = crate::render::markdown::slug(&value);
        FacetOption { value, label, id }
    }
}

impl Emitter for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let committees: Vec<(String, String)> = site
            .committees
            .iter()
            .filter(|c| c.publish.is_public())
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect();
        let mut years: Vec<String> = cx
            .published
            .docs
            .iter()
            .filter_map(|d| d.municipal_year.clone())
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut synonyms: Vec<(String, String)> = site
            .glossary
            .iter()
            .flat_map(|t| {
                t.meanings
                    .iter()
                    .map(|m| (t.term.to_lowercase(), m.meaning.to_lowercase()))
            })
            .collect();
        synonyms.sort();
        synonyms.dedup();
        let entries: Vec<index::Entry> = cx
            .published
            .docs
            .iter()
            .map(|d| index::Entry {
                doc: d,
                committee: d
                    .committee_id
                    .as_ref()
                    .and_then(|c| committees.iter().position(|(id, _)| id == c)),
                year: d
                    .municipal_year
                    .as_ref()
                    .and_then(|y| years.iter().position(|x| x == y)),
            })
            .collect();
        let filters = index::Filters {
            committees: &committees,
            years: &years,
            synonyms: &synonyms,
        };
        let mut diags = Vec::new();
        if let Err(e) = index::build(&entries, &filters, &mut |path, bytes| out.add(path, bytes), cx.search) {
            diags.push(e);
        }
        // The search page.
        let md = PageMd::new(cx.renderer);
        let kinds: Vec<&DocKind> = DocKind::ALL
            .iter()
            .filter(|k| cx.published.docs.iter().any(|d| d.kind == **k))
            .collect();
        let facets = [
            Facet {
                name: "committee",
                legend: "Committee",
                options: committees
                    .iter()
                    .map(|(id, title)| FacetOption::new(id.clone(), title.clone()))
                    .collect(),
            },
            Facet {
                name: "kind",
                legend: "Type of paper",
                options: kinds
                    .iter()
                    .map(|k| FacetOption::new(k.key().to_string(), k.label().to_string()))
                    .collect(),
            },
            Facet {
                name: "year",
                legend: "Municipal year",
                options: years.iter().map(|y| FacetOption::new(y.clone(), y.clone())).collect(),
            },
        ];
        let ctx = SearchPage {
            index_url: site.config.url("search/"),
            facets,
        };
        let url = site.config.url("search/");
        let f = frame(
            "Search",
            &url,
            format!(
                "Search the agendas, minutes, reports and decisions of {}",
                site.config.title
            ),
            Crumbs::home(site).done(),
            "search",
        );
        let page = finish_page(cx, "search.html", &ctx, f, md);
        out.add(page.path, page.html);
        diags.extend(page.diags);
        diags
    }
}
