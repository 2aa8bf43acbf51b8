//! Between stages, the memory a stage freed goes back to the system.
//!
//! Each stage builds large transient structures on rayon's threads (the
//! parsed files, the rendered pages, an open data file), and the allocator
//! keeps a thread's freed pages for later. Without giving them back, the
//! next stage's peak sits on top of the last one's scratch memory: at
//! 100,000 documents, about 150 MB after rendering (docs/performance.md).
//!
//! The allocator is the binary's choice (`src/main.rs`), so the binary sets
//! the hook; a library user or a test that sets none gives nothing back.

use std::sync::OnceLock;

static TRIM: OnceLock<fn()> = OnceLock::new();

/// Set what [`trim`] does: once, before the first build.
pub fn set_trim(give_back: fn()) {
    // A second call keeps the first hook: there is one allocator.
    let _ = TRIM.set(give_back);
}

/// Give back the memory freed so far, where the binary says how.
pub fn trim() {
    if let Some(give_back) = TRIM.get() {
        give_back();
    }
}
