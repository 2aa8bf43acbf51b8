//! Text held compressed (LZ4) while the build needs it later, not now, and
//! (for `build` and `check`) kept in a temporary file rather than in memory.
//!
//! Every document's rendered HTML and plain text stay available from render
//! until the outputs that show them are written; at archive scale that is
//! most of a build's memory. Pages, packs, search and feeds each read a
//! document's text once or twice, so keeping it compressed costs little time
//! (LZ4 decompresses at several GB/s) and saves most of the space; keeping
//! the bytes in a [`Spill`] file leaves them to the operating system's file
//! cache instead of the build's own memory (see docs/performance.md). A
//! spill file keeps its first [`RAW_BUDGET`] bytes of text uncompressed:
//! compressing costs more time than it saves at that size.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Serialize, Serializer};

use crate::diagnostics::Diagnostic;

/// UTF-8 text, compressed (or, for `serve`, which renders again on every
/// change and values time over memory, kept as it is: [`Packed::of`]).
/// [`Packed::unpack`] gives it back.
#[derive(Clone)]
pub struct Packed(Repr);

#[derive(Clone)]
enum Repr {
    Plain(Box<str>),
    Lz4(Box<[u8]>),
    /// LZ4 bytes at `at` in a [`Spill`] file.
    Spilled {
        spill: Arc<Spill>,
        at: u64,
        len: u32,
    },
    /// The text's own bytes at `at` in a [`Spill`] file, not compressed
    /// (within the spill's [`RAW_BUDGET`]).
    SpilledRaw {
        spill: Arc<Spill>,
        at: u64,
        len: u32,
    },
}

/// How many bytes of text a [`Spill`] file keeps uncompressed before it
/// compresses the rest. Compressing costs more time than rendering the
/// Markdown (about half a CPU second at 10,000 reports), while the file
/// lives in the operating system's file cache, not in the build's memory:
/// a site of up to about 10,000 reports is spilled without compressing, a
/// larger one compresses what goes beyond, so the temporary folder needs at
/// most this much more room.
const RAW_BUDGET: u64 = 512 << 20;

/// An anonymous temporary file (deleted when the build ends, even if it
/// stops) that texts are appended to and read back from, by position, from
/// any thread.
pub struct Spill {
    file: std::fs::File,
    end: AtomicU64,
    /// Bytes of text that may still be spilled uncompressed.
    raw_left: AtomicU64,
    /// The first read that failed: the build must not use output made
    /// without that text.
    failed: Mutex<Option<String>>,
}

impl Spill {
    /// A new spill file in the system's temporary folder (`TMPDIR`); `None`
    /// where it cannot be made, or where positioned reads and writes are not
    /// available, and texts then stay in memory.
    pub fn new() -> Option<Arc<Spill>> {
        Spill::with_raw_budget(RAW_BUDGET)
    }

    /// [`Spill::new`], keeping at most `raw` bytes of text uncompressed.
    fn with_raw_budget(raw: u64) -> Option<Arc<Spill>> {
        if !cfg!(unix) {
            return None;
        }
        let file = tempfile::tempfile().ok()?;
        Some(Arc::new(Spill {
            file,
            end: AtomicU64::new(0),
            raw_left: AtomicU64::new(raw),
            failed: Mutex::new(None),
        }))
    }

    /// Take `len` bytes of the budget for uncompressed text, if that much is left.
    fn take_raw(&self, len: usize) -> bool {
        let len = len as u64;
        self.raw_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(len))
            .is_ok()
    }

    fn fail(&self, what: String) {
        let mut f = self.failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f.get_or_insert(what);
    }

    /// An error if a text could not be read back.
    pub fn failure(&self) -> Option<Diagnostic> {
        let what = self
            .failed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()?;
        Some(
            Diagnostic::error(
                std::env::temp_dir().display().to_string(),
                0,
                0,
                format!("the build's temporary file failed: {what}"),
            )
            .with_help("check the space free in the temporary folder (TMPDIR) and build again; nothing was published"),
        )
    }

    /// Append `bytes`: where they are, or `None` if they could not be
    /// written (the caller then keeps them in memory).
    #[cfg(unix)]
    pub fn put(&self, bytes: &[u8]) -> Option<(u64, u32)> {
        use std::os::unix::fs::FileExt;
        let len = u32::try_from(bytes.len()).ok()?;
        let at = self.end.fetch_add(u64::from(len), Ordering::Relaxed);
        match self.file.write_all_at(bytes, at) {
            Ok(()) => Some((at, len)),
            // The space reserved stays unused; the text is kept in memory.
            Err(_) => None,
        }
    }

    /// The `len` bytes at `at`; `None` (and the failure recorded) if they
    /// could not be read.
    #[cfg(unix)]
    pub fn get(&self, at: u64, len: u32) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0; len as usize];
        match self.file.read_exact_at(&mut buf, at) {
            Ok(()) => Some(buf),
            Err(e) => {
                self.fail(e.to_string());
                None
            }
        }
    }

    #[cfg(not(unix))]
    pub fn put(&self, _bytes: &[u8]) -> Option<(u64, u32)> {
        None
    }

    #[cfg(not(unix))]
    pub fn get(&self, _at: u64, _len: u32) -> Option<Vec<u8>> {
        self.fail("positioned reads are not available on this system".into());
        None
    }
}

impl Default for Packed {
    fn default() -> Self {
        Packed(Repr::Plain(Box::default()))
    }
}

impl Packed {
    pub fn new(text: &str) -> Self {
        if text.is_empty() {
            return Self::default();
        }
        Packed(Repr::Lz4(
            lz4_flex::compress_prepend_size(text.as_bytes()).into_boxed_slice(),
        ))
    }

    /// `text` compressed, or as it is if `plain`.
    pub fn of(text: String, plain: bool) -> Self {
        if plain {
            Packed(Repr::Plain(text.into_boxed_str()))
        } else {
            Packed::new(&text)
        }
    }

    /// `text` kept in `spill`: as it is while the spill's budget for that
    /// lasts, compressed after (and compressed in memory if writing fails).
    pub fn spilled(text: &str, spill: &Arc<Spill>) -> Self {
        if text.is_empty() {
            return Self::default();
        }
        if spill.take_raw(text.len())
            && let Some((at, len)) = spill.put(text.as_bytes())
        {
            return Packed(Repr::SpilledRaw {
                spill: Arc::clone(spill),
                at,
                len,
            });
        }
        let bytes = lz4_flex::compress_prepend_size(text.as_bytes());
        match spill.put(&bytes) {
            Some((at, len)) => Packed(Repr::Spilled {
                spill: Arc::clone(spill),
                at,
                len,
            }),
            None => Packed(Repr::Lz4(bytes.into_boxed_slice())),
        }
    }

    /// The text. Bytes that do not decompress to UTF-8 cannot come from
    /// [`Packed::new`]; should they, they read as nothing rather than as a
    /// panic.
    pub fn unpack(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Plain(s) => Cow::Borrowed(s),
            Repr::Lz4(b) => Cow::Owned(unlz4(b)),
            Repr::Spilled { spill, at, len } => Cow::Owned(spill.get(*at, *len).map(|b| unlz4(&b)).unwrap_or_default()),
            Repr::SpilledRaw { spill, at, len } => Cow::Owned(
                spill
                    .get(*at, *len)
                    .and_then(|b| String::from_utf8(b).ok())
                    .unwrap_or_default(),
            ),
        }
    }

    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Plain(s) => s.is_empty(),
            Repr::Lz4(b) => b.is_empty(),
            Repr::Spilled { len, .. } | Repr::SpilledRaw { len, .. } => *len == 0,
        }
    }

    /// Bytes held (in memory or in the spill file).
    pub fn packed_len(&self) -> usize {
        match &self.0 {
            Repr::Plain(s) => s.len(),
            Repr::Lz4(b) => b.len(),
            Repr::Spilled { len, .. } | Repr::SpilledRaw { len, .. } => *len as usize,
        }
    }
}

/// LZ4 bytes as text; bytes that do not decompress to UTF-8 cannot come
/// from [`Packed::new`], and should they, they read as nothing rather than as
/// a panic.
fn unlz4(b: &[u8]) -> String {
    lz4_flex::decompress_size_prepended(b)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Two texts are equal when they read the same, however each is held.
impl PartialEq for Packed {
    fn eq(&self, other: &Self) -> bool {
        self.unpack() == other.unpack()
    }
}

impl Eq for Packed {}

impl Hash for Packed {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.unpack().hash(h);
    }
}

impl fmt::Debug for Packed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Packed").field(&self.unpack()).finish()
    }
}

impl Serialize for Packed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.unpack())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_as_it_went_in_and_repetitive_text_takes_less_room() {
        let html = "<p>The committee <strong>noted</strong> the report.</p>\n".repeat(200);
        let p = Packed::new(&html);
        assert_eq!(p.unpack(), html);
        assert!(p.packed_len() * 4 < html.len(), "{} of {}", p.packed_len(), html.len());
        for s in ["", "é", "a\u{0}b", "💡 café"] {
            assert_eq!(Packed::new(s).unpack(), s);
        }
        assert!(Packed::new("").is_empty());
        let plain = Packed::of(html.clone(), true);
        assert_eq!((&*plain.unpack(), plain.packed_len()), (html.as_str(), html.len()));
        assert!(matches!(plain.unpack(), Cow::Borrowed(_)), "kept as it is: no copy");
        assert_eq!(Packed::of(html.clone(), false).unpack(), html);
        assert_eq!(serde_json::to_string(&plain).ok(), serde_json::to_string(&p).ok());
        assert_eq!(
            serde_json::to_string(&Packed::new("a\"b")).ok().as_deref(),
            Some(r#""a\"b""#)
        );
    }

    #[test]
    fn spilled_text_comes_back_and_equals_the_same_text_held_otherwise() {
        // Room for the first text as it is; the second goes compressed.
        let html = "<p>Item 4: the budget.</p>\n".repeat(50);
        let Some(spill) = Spill::with_raw_budget(html.len() as u64 + 5) else {
            return;
        };
        let a = Packed::spilled(&html, &spill);
        let b = Packed::spilled("another text", &spill);
        let c = Packed::spilled("four", &spill);
        assert!(matches!(a.0, Repr::SpilledRaw { .. }));
        assert!(matches!(b.0, Repr::Spilled { .. }));
        assert!(matches!(c.0, Repr::SpilledRaw { .. }));
        assert_eq!(a.unpack(), html);
        assert_eq!(b.unpack(), "another text");
        assert_eq!(c.unpack(), "four");
        assert_eq!(a, Packed::new(&html));
        assert_eq!(a, Packed::of(html.clone(), true));
        let d = Packed::spilled(&html, &spill);
        assert!(matches!(d.0, Repr::Spilled { .. }));
        assert_eq!(a, d);
        assert!(Packed::spilled("", &spill).is_empty());
        assert!(spill.failure().is_none());
        // A text that cannot be read back is an error for the build, not a
        // page quietly missing its text.
        let wrong = Packed(Repr::Spilled {
            spill: Arc::clone(&spill),
            at: 1 << 40,
            len: 10,
        });
        assert_eq!(wrong.unpack(), "");
        assert!(spill.failure().is_some());
    }

    #[test]
    fn bytes_that_are_not_packed_text_read_as_nothing() {
        assert_eq!(
            Packed(Repr::Lz4(vec![9, 0, 0, 0, 1, 2].into_boxed_slice())).unpack(),
            ""
        );
        assert_eq!(
            Packed(Repr::Lz4(vec![1, 0, 0, 0, 0x10, 0xff].into_boxed_slice())).unpack(),
            ""
        );
    }
}
