//! Rebuilds in one process, as `serve` does: a first build, then the same
//! site again with what the first kept, printing each stage's time.
//!
//! `cargo run --release --example rebuild -- SITE`

use std::path::PathBuf;

use minutebook::resolve::config::BuildOptions;

// The allocator of the `minutebook` binary, so that times compare.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let site = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let opts = BuildOptions::default();
    let start = std::time::Instant::now();
    let cold = minutebook::build(&site, &opts);
    println!(
        "a build kept in memory, keeping nothing: {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    for (name, took, _) in &cold.timings {
        println!("  {:>7.1} ms  {name}", took.as_secs_f64() * 1000.0);
    }
    drop(cold);
    let kept = minutebook::Kept::default();
    for round in ["first build", "rebuild, nothing changed"] {
        if round != "first build" {
            // As `serve` does: every file is known unchanged (it fingerprints them).
            let files = walkdir::WalkDir::new(site.join("content"))
                .into_iter()
                .flatten()
                .filter_map(|e| Some(e.path().strip_prefix(&site).ok()?.to_str()?.to_string()))
                .collect();
            kept.load.trust(files);
        }
        let start = std::time::Instant::now();
        let built = minutebook::build_keeping(&site, &opts, Some(&kept));
        println!(
            "{round}: {:.0} ms, {} fragments reused",
            start.elapsed().as_secs_f64() * 1000.0,
            kept.render.reused()
        );
        for (name, took, _) in &built.timings {
            println!("  {:>7.1} ms  {name}", took.as_secs_f64() * 1000.0);
        }
    }
}
