//! The search emitter alone, for the benchmark: loads, resolves and renders
//! a site, then runs only the search emitter a few times and prints, for
//! each run, its wall time, its CPU time (every thread, from
//! `/proc/self/task/*/schedstat`) and the memory it took above what the
//! rendered site holds (peak RSS, reset before each run through
//! `/proc/self/clear_refs`), then the index's file count and size. On a
//! machine shared with other work, CPU time is the number to compare.
//!
//! `cargo run --release --example search_index -- SITE [RUNS]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Instant;

use minutebook::emit::{EmitContext, Emitter, Memory, Output};
use minutebook::render::markdown::Inputs;
use minutebook::render::published::Published;
use minutebook::render::templates::Templates;
use minutebook::resolve::config::BuildOptions;

/// CPU time of every thread of this process so far, in seconds.
fn cpu() -> f64 {
    let mut ns = 0u64;
    for task in std::fs::read_dir("/proc/self/task").into_iter().flatten().flatten() {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        ns += stat.split_whitespace().next().and_then(|x| x.parse().ok()).unwrap_or(0);
    }
    ns as f64 / 1e9
}

/// A `/proc/self/status` field in MB.
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(root) = args.get(1).map(Path::new) else {
        eprintln!("usage: search_index SITE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let (loaded, sources, _) = minutebook::load::load(root);
    let (site, _) = minutebook::resolve::resolve(&loaded, &BuildOptions::default());
    let site = site.expect("the site resolves");
    let templates = Templates::load(root, &site.config).expect("templates load");
    let inputs = Inputs::of(&site);
    let renderer = inputs.renderer(&site, None);
    let (published, _) = Published::build(&site, &renderer, &sources);
    let cx = EmitContext {
        site: &site,
        templates: &templates,
        renderer: &renderer,
        published: &published,
        pages: None,
        search: None,
    };
    println!("{} documents", published.docs.len());
    let mut files = Memory::default().into_files();
    for run in 1..=runs {
        let memory = Memory::default();
        let mut out = Output::new(&memory, None);
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = status_mb("VmRSS:");
        let (wall, started) = (Instant::now(), cpu());
        minutebook::emit::search::Search.emit(&cx, &mut out);
        let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu() - started);
        let peak = status_mb("VmHWM:") - before;
        println!("run {run}: wall {wall:.3} s, cpu {cpu:.3} s, peak memory above the rendered site {peak:.0} MB");
        drop(out);
        files = memory.into_files();
    }
    let files: Vec<_> = files.files.iter().filter(|(p, _)| p.starts_with("search/")).collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("{} index files, {:.1} MB", files.len(), bytes as f64 / 1024.0 / 1024.0);
}
