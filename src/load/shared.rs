//! [`Shared`]: a piece of a source file's text, shared rather than copied.
//! In `serve`, a document's body is read once; the loaded document, its
//! resolved Markdown and the diagnostics' copy of the file all point at the
//! same bytes. In `build` and `check` the body is detached once loaded (only
//! its place in the file is kept) and attached to the file's text, read
//! again, just before its document is rendered.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A range of an `Arc<str>`: cheap to clone, reads as a `&str`.
///
/// A build that holds no source texts (`build`, `check`) keeps a body
/// *detached*: only where it is in its file ([`Shared::detach`]). It reads as
/// empty until [`Shared::attach`] gives it the file's text, read again.
#[derive(Clone, Default)]
pub struct Shared {
    text: Option<Arc<str>>,
    range: Range<usize>,
}

impl Shared {
    /// The whole of `text`.
    pub fn whole(text: &Arc<str>) -> Self {
        Self {
            text: Some(Arc::clone(text)),
            range: 0..text.len(),
        }
    }

    /// The part of `self` that `part` is (a sub-slice of `self`'s text, as
    /// `&self[a..b]` gives); a copy if `part` is not inside it.
    pub fn part(&self, part: &str) -> Self {
        let whole: &str = self;
        let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        if self.text.is_some() && start <= whole.len() && start + part.len() <= whole.len() {
            let from = self.range.start + start;
            Self {
                text: self.text.clone(),
                range: from..from + part.len(),
            }
        } else {
            Self::from(part)
        }
    }

    /// Let go of the text, keeping where this part is in it.
    pub fn detach(&mut self) {
        self.text = None;
    }

    /// Has the text been let go of ([`Shared::detach`])?
    pub fn is_detached(&self) -> bool {
        self.text.is_none() && !self.range.is_empty()
    }

    /// This part of `whole`, the text it was detached from (read again);
    /// `self` as it is if it is not detached.
    pub fn attach(&self, whole: &Arc<str>) -> Self {
        if self.is_detached() {
            Self {
                text: Some(Arc::clone(whole)),
                range: self.range.clone(),
            }
        } else {
            self.clone()
        }
    }
}

impl Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        self.text
            .as_deref()
            .and_then(|t| t.get(self.range.clone()))
            .unwrap_or_default()
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Self {
        let text: Arc<str> = Arc::from(s);
        Self::whole(&text)
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Self {
        let text: Arc<str> = Arc::from(s);
        Self::whole(&text)
    }
}

impl From<&String> for Shared {
    fn from(s: &String) -> Self {
        Self::from(s.as_str())
    }
}

impl From<&Shared> for Shared {
    fn from(s: &Shared) -> Self {
        s.clone()
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Shared {}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl serde::Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_shares_the_text_and_reads_as_its_slice() {
        let text: Arc<str> = Arc::from("---\ntitle: A\n---\nBody here.\n");
        let whole = Shared::whole(&text);
        let body = whole.part(&whole[17..]);
        assert_eq!(&*body, "Body here.\n");
        assert!(body.text.as_ref().is_some_and(|t| Arc::ptr_eq(t, &text)), "no copy");
        let word = body.part(&body[5..9]);
        assert_eq!(&*word, "here");
        assert!(word.text.as_ref().is_some_and(|t| Arc::ptr_eq(t, &text)));
        // Text from elsewhere is copied, not misread.
        let other = String::from("elsewhere");
        assert_eq!(&*body.part(&other), "elsewhere");
        assert_eq!(&*body.part(""), "");
    }

    #[test]
    fn a_detached_part_reads_as_empty_until_attached_to_its_text() {
        let text: Arc<str> = Arc::from("---\ntitle: A\n---\nBody here.\n");
        let mut body = Shared::whole(&text).part(&text[17..]);
        body.detach();
        assert!(body.is_detached());
        assert_eq!(&*body, "");
        let again: Arc<str> = Arc::from(&*text);
        let back = body.attach(&again);
        assert!(!back.is_detached());
        assert_eq!(&*back, "Body here.\n");
        // An empty part is not detached: there is nothing to read again.
        let mut empty = Shared::whole(&text).part(&text[..0]);
        empty.detach();
        assert!(!empty.is_detached());
    }
}
