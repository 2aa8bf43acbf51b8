//! Text held compressed (LZ4) while the build needs it later, not now.
//!
//! Every document's rendered HTML and plain text stay in memory from render
//! until the outputs that show them are written; at archive scale that is
//! most of a build's memory. Pages, packs, search and feeds each read a
//! document's text once or twice, so keeping it compressed costs little time
//! (LZ4 decompresses at several GB/s) and saves most of the space (see
//! docs/performance.md).

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// UTF-8 text, compressed (or, for `serve`, which renders again on every
/// change and values time over memory, kept as it is: [`Packed::of`]).
/// [`Packed::unpack`] gives it back.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Packed(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Plain(Box<str>),
    Lz4(Box<[u8]>),
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

    /// The text. Bytes that do not decompress to UTF-8 cannot come from
    /// [`Packed::new`]; should they, they read as nothing rather than as a
    /// panic.
    pub fn unpack(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Plain(s) => Cow::Borrowed(s),
            Repr::Lz4(b) => Cow::Owned(
                lz4_flex::decompress_size_prepended(b)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .unwrap_or_default(),
            ),
        }
    }

    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Plain(s) => s.is_empty(),
            Repr::Lz4(b) => b.is_empty(),
        }
    }

    /// Bytes held.
    pub fn packed_len(&self) -> usize {
        match &self.0 {
            Repr::Plain(s) => s.len(),
            Repr::Lz4(b) => b.len(),
        }
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
