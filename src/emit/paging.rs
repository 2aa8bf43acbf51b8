//! Pages whose length grows with the archive (the meetings list, the
//! decisions register, trackers) are cut into numbered pages of a fixed
//! size, so no page grows past a bound however many years are published:
//! the first page keeps its address (`decisions/`), later ones add
//! `page-N/` (`decisions/page-2/`).

use serde::Serialize;

use crate::resolve::Site;

/// Rows per page of the meetings list, the decisions register and trackers.
pub const MEETINGS_PER_PAGE: usize = 100;
pub const DECISIONS_PER_PAGE: usize = 200;
pub const TRACKER_ROWS_PER_PAGE: usize = 100;

/// How many pages `rows` rows need (at least one, so an empty list has a page).
pub fn page_count(rows: usize, per_page: usize) -> usize {
    rows.div_ceil(per_page).max(1)
}

/// The site path of page `page` (0-based) of the list at `base` (`decisions/`).
pub fn page_path(base: &str, page: usize) -> String {
    if page == 0 {
        base.to_string()
    } else {
        format!("{base}page-{}/", page + 1)
    }
}

/// The rows of page `page`.
pub fn slice<T>(rows: &[T], page: usize, per_page: usize) -> &[T] {
    let start = (page * per_page).min(rows.len());
    let end = (start + per_page).min(rows.len());
    &rows[start..end]
}

/// A link to one page, for the pagination navigation.
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// What the pagination partial shows: previous and next, and page numbers
/// around the current one with the first and last (gaps as `None`).
#[derive(Debug, Serialize)]
pub struct Pager {
    pub current: usize,
    pub pages: usize,
    pub first_row: usize,
    pub last_row: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub links: Vec<Option<PageLink>>,
}

impl Pager {
    /// The pager for page `page` (0-based) of `total` rows at `base`.
    pub fn new(site: &Site, base: &str, page: usize, total: usize, per_page: usize) -> Pager {
        let pages = page_count(total, per_page);
        let url = |p: usize| site.config.url(&page_path(base, p));
        let mut links = Vec::new();
        let mut last_shown = None;
        for p in 0..pages {
            let near = p.abs_diff(page) <= 2 || p == 0 || p + 1 == pages;
            if !near {
                continue;
            }
            if last_shown.is_some_and(|l: usize| p > l + 1) {
                links.push(None);
            }
            links.push(Some(PageLink {
                number: p + 1,
                url: url(p),
                current: p == page,
            }));
            last_shown = Some(p);
        }
        Pager {
            current: page + 1,
            pages,
            first_row: (page * per_page + 1).min(total),
            last_row: ((page + 1) * per_page).min(total),
            total,
            prev: (page > 0).then(|| url(page - 1)),
            next: (page + 1 < pages).then(|| url(page + 1)),
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_paths() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_path("decisions/", 0), "decisions/");
        assert_eq!(page_path("decisions/", 2), "decisions/page-3/");
        let rows: Vec<usize> = (0..25).collect();
        assert_eq!(slice(&rows, 2, 10), &[20, 21, 22, 23, 24]);
        assert!(slice(&rows, 5, 10).is_empty());
    }
}
