//! Search (issue 13): the index is built from published documents only, and
//! the site's own reader (`static/js/search.js`, run under Node) finds what
//! people look for: stems, phrases, prefixes while typing, title matches
//! first, the glossary both ways, ids as written, and filters.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::{Value, json};

/// Run queries with the built site's reader; one result object per query.
fn query(out: &Path, queries: Value) -> Vec<Value> {
    let script = repo().join("tests/search/query.mjs");
    let o = Command::new("node")
        .arg(script)
        .arg(out)
        .arg(queries.to_string())
        .output()
        .expect("node (Node.js 18 or later) runs the search reader in tests");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice::<Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn urls(r: &Value) -> Vec<String> {
    r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["url"].as_str().unwrap().to_string())
        .collect()
}

fn page(site: &Path, id: &str, title: &str, body: &str) {
    put(
        site,
        &format!("content/pages/{id}.md"),
        &format!("---\ntitle: {title}\n---\n{body}\n"),
    );
}

/// The basic test site with pages whose words are known exactly.
fn search_site() -> tempfile::TempDir {
    let s = site("basic");
    page(
        s.path(),
        "transport",
        "School transport policy",
        "The committee discussed eligibility for pupils.",
    );
    page(
        s.path(),
        "buses",
        "Buses",
        "Transport of school children by bus was noted at the meeting.",
    );
    page(
        s.path(),
        "safeguarding",
        "Safeguarding update",
        "Work to tackle child sexual exploitation continues.",
    );
    page(
        s.path(),
        "acronym",
        "Partnership priorities",
        "The CSE subgroup met twice.",
    );
    let glossary = std::fs::read_to_string(s.path().join("content/glossary.yaml")).unwrap();
    put(
        s.path(),
        "content/glossary.yaml",
        &format!("{glossary}CSE: Child sexual exploitation\n"),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

#[test]
fn the_reader_finds_stems_phrases_prefixes_and_ranks_titles_first() {
    let s = search_site();
    let out = s.path().join("output");
    let r = query(
        &out,
        json!([
            {"q": "meetings"},
            {"q": "\"school transport\""},
            {"q": "school transport"},
            {"q": "transp", "prefix": true},
            {"q": "transp"},
            {"q": "transport"},
        ]),
    );
    assert!(
        urls(&r[0]).contains(&"/pages/buses/".to_string()),
        "`meetings` finds a page that only says `meeting`: {:?}",
        urls(&r[0])
    );
    assert_eq!(
        urls(&r[1]),
        ["/pages/transport/"],
        "a quoted phrase needs the words together"
    );
    let both = urls(&r[2]);
    assert!(both.contains(&"/pages/transport/".into()) && both.contains(&"/pages/buses/".into()));
    let prefixed = urls(&r[3]);
    assert!(prefixed.contains(&"/pages/transport/".into()) && prefixed.contains(&"/pages/buses/".into()));
    assert_eq!(r[4]["total"], 0, "without prefix matching `transp` is not a word");
    assert_eq!(urls(&r[5])[0], "/pages/transport/", "the title match ranks first");
    let excerpt = r[5]["results"][1]["excerpt"].as_str().unwrap();
    assert!(excerpt.contains("[Transport]"), "matched words are marked: {excerpt}");
}

#[test]
fn the_glossary_works_both_ways_and_filters_count() {
    let s = search_site();
    let out = s.path().join("output");
    let r = query(
        &out,
        json!([
            {"q": "CSE"},
            {"q": "child sexual exploitation"},
            {"q": "transport", "filters": {"kind": ["page"]}},
            {"q": "transport", "filters": {"kind": ["report"]}},
        ]),
    );
    let acronym = urls(&r[0]);
    assert!(
        acronym.contains(&"/pages/safeguarding/".into()),
        "CSE finds its meaning: {acronym:?}"
    );
    assert!(acronym.contains(&"/pages/acronym/".into()));
    let meaning = urls(&r[1]);
    assert!(
        meaning.contains(&"/pages/acronym/".into()),
        "the meaning finds CSE: {meaning:?}"
    );
    assert!(meaning.contains(&"/pages/safeguarding/".into()));
    assert_eq!(r[2]["total"], 2);
    assert_eq!(r[2]["counts"]["kind"]["page"], 2);
    assert_eq!(r[3]["total"], 0, "the kind filter leaves out pages");
    assert_eq!(r[3]["counts"]["kind"]["page"], 2, "counts are for every match");
}

#[test]
fn nothing_unpublished_enters_any_index_file() {
    let s = site("basic");
    page(s.path(), "future", "Future page", "EMBARGOEDWORD text.");
    let about = "content/pages/future.md";
    let text = std::fs::read_to_string(s.path().join(about)).unwrap();
    put(
        s.path(),
        about,
        &text.replacen("---\n", "---\npublished: 2099-01-01\n", 1),
    );
    page(s.path(), "draft", "Draft page", "DRAFTWORD text.");
    let text = std::fs::read_to_string(s.path().join("content/pages/draft.md")).unwrap();
    put(
        s.path(),
        "content/pages/draft.md",
        &text.replacen("---\n", "---\ndraft: true\n", 1),
    );
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = tree(&s.path().join("output/search"));
    assert!(files.len() > 4, "an index was written");
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        for secret in ["secret", "embargoedword", "draftword"] {
            assert!(!text.contains(secret), "`{secret}` in search/{path}");
        }
    }
    let r = query(&s.path().join("output"), json!([{"q": "secret"}, {"q": "about"}]));
    assert_eq!(r[0]["total"], 0);
    assert!(urls(&r[1]).contains(&"/pages/about/".into()), "the index works");
}

#[test]
fn the_sample_finds_ids_as_written_and_the_page_is_there() {
    let s = site("sample");
    let o = build(s.path(), &["--as-of", "2021-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = s.path().join("output");
    let r = query(
        &out,
        json!([{"q": "young-carers-2020/4"}, {"q": "CSC-6"}, {"q": "a/s"}]),
    );
    assert_eq!(urls(&r[0])[0], "/recommendations/young-carers-2020/4/");
    assert!(r[1]["total"].as_u64().unwrap() >= 1);
    assert_eq!(
        r[2]["total"], 0,
        "an id of stop words only finds nothing, and does not fail"
    );
    let page = read(s.path(), "search/index.html");
    assert!(page.contains("<label class=\"mb-label\" for=\"search-q\">"));
    assert!(
        page.contains("role=\"status\""),
        "results are announced through a live region"
    );
    assert!(
        page.contains("Search needs JavaScript"),
        "the page says so without JavaScript"
    );
    assert!(page.contains("value=\"children-scrutiny\""), "committee filter");
    let home = read(s.path(), "index.html");
    assert!(home.contains("action=\"/search/\""), "a search box on every page");
}

#[test]
fn the_readers_stemmer_agrees_with_the_indexers_on_the_sample_vocabulary() {
    let s = site("sample");
    let o = build(s.path(), &["--as-of", "2021-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = Command::new("node")
        .arg(repo().join("tests/search/stems.mjs"))
        .arg(s.path().join("output"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["words"].as_u64().unwrap() > 1000, "{v}");
    assert_eq!(
        v["mismatches"],
        json!([]),
        "query words the archive lacks are stemmed as the index was"
    );
}

#[test]
fn the_index_bytes_do_not_depend_on_the_number_of_threads() {
    // Each thread indexes runs of documents, which wait in the build's
    // temporary file (or in memory, where there is no usable TMPDIR) and
    // are merged term by term, so neither how the documents were split nor
    // where the runs waited may show in the bytes.
    let s = site("sample");
    let built: Vec<Vec<(String, Vec<u8>)>> = [("1", None), ("3", None), ("2", Some("no-such-folder"))]
        .iter()
        .map(|(threads, tmp)| {
            let out = s.path().join(format!("output-{threads}"));
            let mut cmd = Command::new(bin());
            cmd.args(["build", "--root"])
                .arg(s.path())
                .arg("--output")
                .arg(&out)
                .args(["--as-of", "2021-03-01"])
                .env("RAYON_NUM_THREADS", threads);
            if let Some(tmp) = tmp {
                cmd.env("TMPDIR", s.path().join(tmp));
            }
            let o = cmd.output().unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
            tree(&out.join("search"))
        })
        .collect();
    assert!(built[0].len() > 4);
    assert!(built[0] == built[1], "the search index differs with the thread count");
    assert!(
        built[0] == built[2],
        "the search index differs when it is held in memory"
    );
}
