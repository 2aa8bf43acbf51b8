//! Words for the search index, split exactly as the browser's reader
//! (`static/js/search.js`, `tokenize`) splits a query: runs of letters and
//! digits, lowercased, numbered by position. A run joined to the next by a
//! single `/`, `.` or `-` ("46/b", "2020-21", "s.106") is also indexed whole,
//! at the position of its first part, so that ids and references are found
//! as written. Stop words keep their position (so phrases still line up) but
//! are not indexed.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to index. The reader skips the same words.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "is", "it", "its",
    "of", "on", "or", "s", "that", "the", "their", "this", "to", "was", "were", "which", "will", "with",
];

pub fn is_stop(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub pos: u32,
    /// A whole compound such as `46/b` (its parts are tokens too).
    pub compound: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split `text` into tokens; positions start at `first`. Returns the next
/// position.
pub fn tokenize(text: &str, first: u32, out: &mut Vec<Token>) -> u32 {
    each_token(text, first, |word, pos, compound| {
        out.push(Token {
            text: word.to_string(),
            pos,
            compound,
        });
    })
}

/// Call `f(word, position, is_compound)` for each token of `text`. A word
/// already in lowercase ASCII is passed as a slice of `text`; others are
/// lowercased into one reused buffer, and a compound is built only once it
/// has two parts (no allocation per word). Returns the next position.
pub fn each_token(text: &str, first: u32, mut f: impl FnMut(&str, u32, bool)) -> u32 {
    let mut pos = first;
    let mut lower = String::new();
    // The word being read: its first byte, and whether it needs lowercasing.
    let mut word: Option<(usize, bool)> = None;
    // The compound being read: first byte, position, parts, end byte.
    let mut compound = (0usize, pos, 0u32, 0usize);
    let mut joined = false;
    let end_compound = |f: &mut dyn FnMut(&str, u32, bool), lower: &mut String, c: &mut (usize, u32, u32, usize)| {
        if c.2 >= 2 {
            lower.clear();
            lower.extend(
                text.get(c.0..c.3)
                    .unwrap_or_default()
                    .chars()
                    .flat_map(char::to_lowercase),
            );
            f(lower, c.1, true);
        }
        c.2 = 0;
    };
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if is_word_char(c) {
            let upper = !(c.is_ascii_lowercase() || c.is_ascii_digit());
            match word.as_mut() {
                Some((_, u)) => *u |= upper,
                None => {
                    if !(joined && compound.2 > 0) {
                        end_compound(&mut f, &mut lower, &mut compound);
                        compound = (i, pos, 0, i);
                    }
                    joined = false;
                    word = Some((i, upper));
                }
            }
            continue;
        }
        if let Some((start, upper)) = word.take() {
            let w = text.get(start..i).unwrap_or_default();
            compound.2 += 1;
            compound.3 = i;
            if upper {
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                f(&lower, pos, false);
            } else {
                f(w, pos, false);
            }
            pos += 1;
            if matches!(c, '/' | '.' | '-') {
                joined = true;
                continue;
            }
        }
        joined = false;
        end_compound(&mut f, &mut lower, &mut compound);
    }
    pos
}

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The index term a word is filed under: English stem for words, the word
/// itself for numbers and compounds.
pub fn stem(word: &str, compound: bool) -> String {
    if compound || word.chars().any(|c| c.is_numeric()) {
        word.to_string()
    } else {
        stemmer().stem(word).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(String, u32, bool)> {
        let mut v = Vec::new();
        tokenize(s, 0, &mut v);
        v.into_iter().map(|t| (t.text, t.pos, t.compound)).collect()
    }

    #[test]
    fn words_compounds_and_positions() {
        let w = words("Minute 46/b: the Council's 2020-21 plan. Done");
        let texts: Vec<&str> = w.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "minute", "46", "b", "46/b", "the", "council", "s", "2020", "21", "2020-21", "plan", "done"
            ]
        );
        assert_eq!(w[3], ("46/b".into(), 1, true));
        assert_eq!(w[9], ("2020-21".into(), 6, true));
        assert_eq!(
            w.last().map(|x| x.1),
            Some(9),
            "a full stop does not join words across a space"
        );
    }

    #[test]
    fn stop_words_are_sorted_for_lookup_and_stems_join_forms() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert!(is_stop("the") && !is_stop("council"));
        assert_eq!(stem("meetings", false), stem("meeting", false));
        assert_eq!(stem("46/b", true), "46/b");
        assert_eq!(stem("2020", false), "2020");
    }
}
