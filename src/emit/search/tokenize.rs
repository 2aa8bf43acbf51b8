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

/// Call `f(word, position, is_compound)` for each token of `text`, reusing
/// one buffer (no allocation per word). Returns the next position.
pub fn each_token(text: &str, first: u32, mut f: impl FnMut(&str, u32, bool)) -> u32 {
    let mut pos = first;
    let mut word = String::new();
    let mut compound = String::new();
    let mut compound_start = pos;
    let mut parts = 0u32;
    let mut joiner: Option<char> = None;
    let end_compound = |f: &mut dyn FnMut(&str, u32, bool), compound: &mut String, parts: &mut u32, start: u32| {
        if *parts >= 2 {
            f(compound, start, true);
        }
        compound.clear();
        *parts = 0;
    };
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_word_char(c) {
            if word.is_empty() {
                match joiner.take() {
                    Some(j) if parts > 0 => compound.push(j),
                    _ => {
                        end_compound(&mut f, &mut compound, &mut parts, compound_start);
                        compound_start = pos;
                    }
                }
            }
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
            continue;
        }
        if !word.is_empty() {
            compound.push_str(&word);
            parts += 1;
            f(&word, pos, false);
            word.clear();
            pos += 1;
            if matches!(c, '/' | '.' | '-') {
                joiner = Some(c);
                continue;
            }
        }
        joiner = None;
        end_compound(&mut f, &mut compound, &mut parts, compound_start);
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
