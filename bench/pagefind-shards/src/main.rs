//! Benchmark only (issue 13, point 6a): Pagefind 1.6 as a Rust library over
//! the same published documents that minutebook's own index is built from
//! (their text, title, kind, committee, municipal year and date), one
//! Pagefind index per thread ("shard"); a browser would merge the shards
//! with Pagefind's `mergeIndex`. Writes `OUT/pagefind-<i>/` and prints the
//! time of each step; run it under `/usr/bin/time` for CPU and memory.
//!
//! `cargo run --release -- SITE OUT [SHARDS] [MAX_FRAGMENTS]`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use minutebook::render::markdown::Inputs;
use minutebook::render::published::Published;
use minutebook::render::templates::Templates;
use minutebook::resolve::config::BuildOptions;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// What Pagefind is given for one document.
struct Record {
    url: String,
    content: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
    sort: BTreeMap<String, String>,
}

fn shard(records: &[Record], out: &Path, max_fragments: Option<u32>) -> usize {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let config = match max_fragments {
            Some(m) => PagefindServiceConfig::builder()
                .force_language("en".to_string())
                .max_fragments(m)
                .build(),
            None => PagefindServiceConfig::builder()
                .force_language("en".to_string())
                .build(),
        };
        let mut index = PagefindIndex::new(Some(config)).expect("valid options");
        for r in records {
            index
                .add_custom_record(
                    r.url.clone(),
                    r.content.clone(),
                    "en".to_string(),
                    Some(r.meta.clone()),
                    Some(r.filters.clone()),
                    Some(r.sort.clone()),
                )
                .await
                .expect("record indexed");
        }
        let files = index.get_files().await.expect("index built");
        for f in &files {
            let path = out.join(&f.filename);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("folder");
            }
            std::fs::write(&path, &f.contents).expect("file written");
        }
        files.len()
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(root), Some(out)) = (args.get(1).map(Path::new), args.get(2).map(PathBuf::from)) else {
        eprintln!("usage: pagefind-shards SITE OUT [SHARDS] [MAX_FRAGMENTS]");
        std::process::exit(2);
    };
    let shards: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2).max(1);
    let max_fragments: Option<u32> = args.get(4).and_then(|s| s.parse().ok());
    let started = Instant::now();
    let (loaded, sources, _) = minutebook::load::load(root);
    let (site, _) = minutebook::resolve::resolve(&loaded, &BuildOptions::default());
    let site = site.expect("the site resolves");
    let templates = Templates::load(root, &site.config).expect("templates load");
    let inputs = Inputs::of(&site);
    let renderer = inputs.renderer(&site, None);
    let (published, _) = Published::build(&site, &renderer, &sources);
    drop(templates);
    let committees: BTreeMap<&str, &str> = site
        .committees
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    let records: Vec<Record> = published
        .docs
        .iter()
        .map(|d| {
            let mut meta = BTreeMap::from([("title".to_string(), d.title.clone())]);
            let mut filters = BTreeMap::from([("kind".to_string(), vec![d.kind.label().to_string()])]);
            let mut sort = BTreeMap::new();
            if let Some(c) = d.committee_id.as_deref().and_then(|c| committees.get(c)) {
                filters.insert("committee".into(), vec![c.to_string()]);
            }
            if let Some(y) = &d.municipal_year {
                filters.insert("year".into(), vec![y.clone()]);
            }
            if let Some(date) = d.date {
                meta.insert("date".into(), date.long());
                sort.insert(
                    "date".into(),
                    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
                );
            }
            Record {
                url: d.url.clone(),
                content: d.text.clone(),
                meta,
                filters,
                sort,
            }
        })
        .collect();
    println!(
        "{} documents loaded and rendered in {:.2} s",
        records.len(),
        started.elapsed().as_secs_f64()
    );
    let indexing = Instant::now();
    let per = records.len().div_ceil(shards).max(1);
    let files: usize = std::thread::scope(|s| {
        let handles: Vec<_> = records
            .chunks(per)
            .enumerate()
            .map(|(i, chunk)| {
                let dir = out.join(format!("pagefind-{i}"));
                s.spawn(move || shard(chunk, &dir, max_fragments))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("shard")).sum()
    });
    println!(
        "pagefind: {shards} shards, {files} files, indexed and written in {:.2} s",
        indexing.elapsed().as_secs_f64()
    );
}
