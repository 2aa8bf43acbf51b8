//! The benchmark's floor: what building a site cannot beat. Reads every
//! Markdown file under `<site>/content`, renders its body with the crate's
//! own pulldown-cmark (same extensions as minutebook) in parallel with rayon,
//! and writes one HTML file per document. No templates, no checks.
//!
//! `cargo run --release --example floor -- SITE OUT`

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn body(text: &str) -> &str {
    match text
        .strip_prefix("---\n")
        .and_then(|r| r.find("\n---\n").map(|i| &r[i + 5..]))
    {
        Some(b) => b,
        None => text,
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(site), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor SITE OUT");
        std::process::exit(2);
    };
    let content = Path::new(site).join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    files.par_iter().try_for_each(|f| -> std::io::Result<()> {
        let text = std::fs::read_to_string(f)?;
        let mut html_out = String::with_capacity(text.len() * 3 / 2);
        html::push_html(&mut html_out, Parser::new_ext(body(&text), opts));
        let rel = f.strip_prefix(&content).unwrap_or(f).with_extension("html");
        let target = Path::new(out).join(rel);
        if let Some(p) = target.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(target, html_out)
    })?;
    eprintln!("floor: {} documents", files.len());
    Ok(())
}
