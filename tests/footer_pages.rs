//! Issue 17, point 6: free pages are linked from every page's footer, so none
//! is orphaned — the page `init` makes included. Without `footer:` in
//! site.yaml the footer lists every public free page by title; with it, the
//! pages listed, in order, and a public page neither listed nor linked from a
//! published page is a warning.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

/// The free pages a page's footer links: (address, text).
fn footer_links(html: &str) -> Vec<(String, String)> {
    let Some(nav) = html.split("<nav class=\"mb-footer__pages\"").nth(1) else {
        return Vec::new();
    };
    let nav = nav.split("</nav>").next().unwrap();
    nav.split("<li><a href=\"")
        .skip(1)
        .map(|li| {
            // (The agenda pack adds a `data-print-url` after the address.)
            let url = li.split('"').next().unwrap();
            let text = li.split_once('>').unwrap().1.split("</a>").next().unwrap();
            (url.to_string(), text.to_string())
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

fn with_site_yaml(s: &std::path::Path, extra: &str) {
    let yaml = std::fs::read_to_string(s.join("site.yaml")).unwrap();
    put(s, "site.yaml", &format!("{yaml}{extra}"));
}

#[test]
fn the_page_init_makes_is_in_every_footer() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("ashcombe");
    let o = minutebook(&["init", site.to_str().unwrap(), "--name", "Ashcombe Parish Council"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let b = build(&site, &["--strict"]);
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    let mut pages = 0;
    for (path, bytes) in tree(&site.join("output")) {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            let links = footer_links(&html);
            assert_eq!(links.len(), 1, "{path}: {links:?}");
            assert_eq!(links[0].0, "/pages/about/", "{path}");
            pages += 1;
        }
    }
    assert!(pages > 10, "{pages}");
}

#[test]
fn without_a_list_every_public_page_is_listed_by_title() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/contact.md",
        "---\ntitle: Contact us\n---\nWrite to us.\n",
    );
    put(
        s.path(),
        "content/pages/access.md",
        "---\ntitle: Accessibility help\n---\nHelp.\n",
    );
    // Not public: an embargoed page and a draft are not named.
    put(
        s.path(),
        "content/pages/later.md",
        "---\ntitle: Coming later\npublished: 2099-01-01\n---\nSoon.\n",
    );
    put(
        s.path(),
        "content/pages/draft.md",
        "---\ntitle: Unfinished page\ndraft: true\n---\nDraft.\n",
    );
    let o = build(s.path(), &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = pairs(&[
        ("/pages/about/", "About"),
        ("/pages/access/", "Accessibility help"),
        ("/pages/contact/", "Contact us"),
    ]);
    for page in [
        "index.html",
        "meetings/2020-01-14-scrutiny/index.html",
        "404.html",
        "pages/about/index.html",
    ] {
        let html = read(s.path(), page);
        assert_eq!(footer_links(&html), expected, "{page}");
        assert!(
            !html.contains("Coming later") && !html.contains("Unfinished page"),
            "{page}"
        );
    }
}

#[test]
fn a_footer_list_chooses_the_pages_and_their_order() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/contact.md",
        "---\ntitle: Contact us\n---\nSee [[page:about]].\n",
    );
    put(
        s.path(),
        "content/pages/later.md",
        "---\ntitle: Coming later\npublished: 2099-01-01\n---\nSoon.\n",
    );
    with_site_yaml(s.path(), "footer: [contact, \"page:about\", later]\n");
    let o = build(s.path(), &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        footer_links(&read(s.path(), "index.html")),
        pairs(&[("/pages/contact/", "Contact us"), ("/pages/about/", "About")])
    );
}

#[test]
fn a_page_left_out_of_the_list_and_linked_from_nowhere_is_a_warning() {
    let s = site("basic");
    put(
        s.path(),
        "content/pages/contact.md",
        "---\ntitle: Contact us\n---\nWrite to us.\n",
    );
    put(s.path(), "content/pages/fees.md", "---\ntitle: Fees\n---\nNone.\n");
    with_site_yaml(s.path(), "footer: [about]\n");
    // Linked from the about page, "fees" is reachable; "contact" is not.
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout these papers. See [[page:fees]].\n",
    );
    let got = annotations(&check(s.path(), &[]));
    assert_eq!(
        got,
        [
            "::warning file=content/pages/contact.md,line=1,col=1::this page is linked from nowhere: it is not in site.yaml's `footer`, and no published page links to it (help: add `contact` to `footer:` in site.yaml, or link it from another page with `[[page:contact]]`)"
        ]
    );
}

#[test]
fn a_misspelt_footer_page_suggests_the_page() {
    let s = site("basic");
    with_site_yaml(s.path(), "footer: [abut, about, about]\n");
    let got = annotations(&check(s.path(), &[]));
    assert_eq!(
        got,
        [
            "::error file=site.yaml,line=8,col=10::`abut` refers to a page that does not exist (help: did you mean `about`?)",
            "::warning file=site.yaml,line=8,col=23::page `about` is listed in `footer` twice (help: remove one of them)",
        ]
    );
}

#[test]
fn too_many_pages_for_every_footer_asks_for_a_list() {
    let s = site("basic");
    for n in 0..13 {
        put(
            s.path(),
            &format!("content/pages/p{n:02}.md"),
            &format!("---\ntitle: Page {n}\n---\nText.\n"),
        );
    }
    let got = annotations(&check(s.path(), &[]));
    assert_eq!(
        got,
        [
            "::warning file=site.yaml,line=1,col=1::the site has 14 free pages, too many to list in every page's footer (help: list the ones the footer links with `footer: [about, …]` in site.yaml, and link the others from those pages)"
        ]
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(footer_links(&read(s.path(), "index.html")).is_empty());
}

#[test]
fn a_page_that_fails_to_load_leaves_no_page_called_unlinked() {
    let s = site("basic");
    put(s.path(), "content/pages/fees.md", "---\ntitle: Fees\n---\nNone.\n");
    with_site_yaml(s.path(), "footer: [about]\n");
    // The about page links the fees page, but cannot be read.
    put(
        s.path(),
        "content/pages/about.md",
        "---\ntitle: \"About\n---\nSee [[page:fees]].\n",
    );
    let got = annotations(&check(s.path(), &[]));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("::error file=content/pages/about.md,line=2,"),
        "{got:?}"
    );
}
