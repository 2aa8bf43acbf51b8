//! How long an author waits: from saving one report to its new page being
//! served by `minutebook serve`. Ignored by default (it measures, it does not
//! check); run it with
//!
//! ```sh
//! cargo test --test serve_latency -- --ignored --nocapture
//! SERVE_LATENCY_SITES=/tmp/gen300:/tmp/gen1000 cargo test --test serve_latency -- --ignored --nocapture
//! ```
//!
//! The sample site is always measured; `SERVE_LATENCY_SITES` adds sites (for
//! example made by `bench/generate.py N OUT`), copied to a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::server::Server;

const SAMPLES: usize = 10;

/// The first report of the site: its file (from the root) and its page URL.
fn first_report(root: &Path) -> (String, String) {
    let mut reports: Vec<String> = walkdir::WalkDir::new(root.join("content/meetings"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().to_string())
        .filter(|p| p.split('/').count() == 5 && p.contains("/reports/") && p.ends_with(".md"))
        .collect();
    reports.sort();
    let file = reports.first().expect("a report").clone();
    let parts: Vec<&str> = file.split('/').collect();
    let url = format!("/meetings/{}/reports/{}/", parts[2], parts[4].trim_end_matches(".md"));
    (file, url)
}

fn measure(name: &str, root: &Path) {
    let (file, url) = first_report(root);
    let server = Server::start(root, &[]);
    let text = std::fs::read_to_string(root.join(&file)).unwrap();
    let mut times = Vec::new();
    for i in 0..SAMPLES {
        let marker = format!("Latency probe {i}");
        let edited = text.replacen("title: ", &format!("title: {marker} "), 1);
        let start = Instant::now();
        std::fs::write(root.join(&file), &edited).unwrap();
        loop {
            if server.text(&url).contains(&marker) {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "{}", server.log());
            std::thread::sleep(Duration::from_millis(5));
        }
        times.push(start.elapsed());
        // Let the debounce window pass, as between two real saves.
        std::thread::sleep(Duration::from_millis(300));
    }
    times.sort();
    let log = server.log();
    let builds: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("rebuilt "))
        .filter_map(|l| l.split(" in ").nth(1))
        .collect();
    let files = server.paths().len();
    println!(
        "{name}: {files} files; save → served: min {:?}, median {:?}, max {:?}; builds: {}",
        times[0],
        times[SAMPLES / 2],
        times[SAMPLES - 1],
        builds.join(", ")
    );
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn save_to_served() {
    let dir = common::site("sample");
    measure("sample", dir.path());
    for site in std::env::var("SERVE_LATENCY_SITES").unwrap_or_default().split(':') {
        if site.is_empty() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(site);
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(from).unwrap();
            if rel.starts_with("output") {
                continue;
            }
            let dest = dir.path().join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
        measure(site, dir.path());
    }
}
