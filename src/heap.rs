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

/// Below this much resident memory, nothing is given back: giving back
/// costs time (the memory is faulted in again when next used), and a
/// small site's peak is far from any limit.
const WORTH_BYTES: u64 = 384 << 20;

/// Give back the memory freed so far, where the binary says how, once the
/// process holds enough for it to matter.
pub fn trim() {
    if let Some(give_back) = TRIM.get()
        && resident().is_none_or(|r| r >= WORTH_BYTES)
    {
        give_back();
    }
}

/// The process's resident memory in bytes (`VmRSS`), where the system says it.
fn resident() -> Option<u64> {
    status_bytes("VmRSS")
}

/// A memory figure of this process's `/proc/self/status` (`VmRSS`,
/// `VmHWM`, …), in bytes, where the system gives it.
pub fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    #[test]
    fn resident_memory_is_read_where_the_system_says_it() {
        if cfg!(target_os = "linux") {
            let r = super::resident().unwrap_or(0);
            // A test process holds more than a megabyte and less than a terabyte.
            assert!(r > 1 << 20 && r < 1 << 40, "{r}");
            let peak = super::status_bytes("VmHWM").unwrap_or(0);
            assert!(peak >= r, "the peak {peak} is at least the resident {r}");
            assert_eq!(super::status_bytes("NoSuchField"), None);
        }
    }
}
