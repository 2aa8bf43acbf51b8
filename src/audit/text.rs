//! Text as the publication audit compares it: a stream of words (runs of
//! letters and digits, lowercased) separated by single spaces, with a line
//! break wherever two pieces of text are not continuous (one attribute value
//! and the next, one JSON string and the next). A canary passage is written
//! the same way, ` w1 w2 … w8 `, so finding it is a plain substring search
//! that cannot start or end inside a word nor span two pieces.
//!
//! Punctuation, markup and typography (curly quotes, dashes, entities) are
//! all just separators, so the words of a Markdown source and of the page it
//! renders to line up. Each output kind is read the way its readers see it:
//! HTML and XML with tags taken out and entities decoded (attribute values as
//! pieces of their own), JSON string by string, the search postings term by
//! term, calendars unfolded, gzip decompressed.

use std::borrow::Cow;
use std::io::Read;

/// Decompressed bytes kept from one gzip file: enough for any page or index,
/// and a bound against compression bombs.
const GZIP_LIMIT: u64 = 256 * 1024 * 1024;

/// What each ASCII byte is in a word: itself lowercased, or 0 for a
/// separator. Bytes from 0x80 start a character that is looked up whole.
const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// Words being collected: starts with a space and every word is followed by one.
#[derive(Debug, Clone)]
pub struct Stream(pub String);

impl Default for Stream {
    fn default() -> Self {
        Stream(String::from(" "))
    }
}

impl Stream {
    pub fn with_capacity(n: usize) -> Stream {
        let mut s = String::with_capacity(n + 1);
        s.push(' ');
        Stream(s)
    }

    /// Append the words of `text`: runs of letters and digits (what
    /// `char::is_alphanumeric` accepts), lowercased. This is the hot loop of
    /// the audit, so ASCII goes through a table.
    pub fn text(&mut self, text: &str) {
        let out = &mut self.0;
        out.reserve(text.len() + 1);
        let mut sep = out.ends_with(' ') || out.ends_with('\n');
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c < 0x80 {
                let t = ASCII[usize::from(c)];
                if t != 0 {
                    out.push(char::from(t));
                    sep = false;
                } else if !sep {
                    out.push(' ');
                    sep = true;
                }
                i += 1;
                continue;
            }
            let ch = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            if ch.is_alphanumeric() {
                out.extend(ch.to_lowercase());
                sep = false;
            } else if !sep {
                out.push(' ');
                sep = true;
            }
            i += ch.len_utf8().max(1);
        }
        if !sep {
            out.push(' ');
        }
    }

    /// End a piece: no passage continues past this point.
    pub fn boundary(&mut self) {
        if !self.0.ends_with('\n') {
            if !self.0.ends_with(' ') {
                self.0.push(' ');
            }
            self.0.push_str("\n ");
        }
    }

    /// Append HTML or XML: text with tags removed and entities decoded, then
    /// each attribute value with a space in it (one word is no passage) as a
    /// piece of its own. Markup that decodes to more markup (HTML escaped
    /// inside a feed) is read once more.
    pub fn markup(&mut self, html: &str, again: bool) {
        let (plain, attrs) = strip_markup(html);
        if again && plain.contains('<') && plain.contains('>') {
            self.markup(&plain, false);
        } else {
            self.text(&plain);
        }
        for a in attrs {
            self.boundary();
            self.text(&decode(a));
        }
        self.boundary();
    }
}

/// Words of `text`, lowercased, with the byte offset of each (plus `base`),
/// for canaries that must say where they came from. Splits exactly as
/// [`Stream::text`] does.
pub fn words_at(text: &str, base: usize, out: &mut Vec<(String, usize)>) {
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((text[s..i].to_lowercase(), base + s));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((text[s..].to_lowercase(), base + s));
    }
}

/// Text of HTML with each tag replaced by a space and entities decoded, and
/// the attribute values that have a space in them. Comments are dropped.
fn strip_markup(html: &str) -> (String, Vec<&str>) {
    let mut text = String::with_capacity(html.len() / 2);
    let mut attrs = Vec::new();
    let mut rest = html;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        text.push_str(&decode(&rest[..lt]));
        text.push(' ');
        let after = &rest[lt..];
        if let Some(c) = after.strip_prefix("<!--") {
            rest = c.find("-->").map_or("", |e| &c[e + 3..]);
            continue;
        }
        match tag_end(after) {
            Some(end) => {
                attribute_values(&after[1..end], &mut attrs);
                rest = &after[end + 1..];
            }
            None => {
                // A lone `<`: keep it as text.
                text.push('<');
                rest = &after[1..];
            }
        }
    }
    text.push_str(&decode(rest));
    (text, attrs)
}

/// The index of the `>` closing the tag that `s` starts with, skipping quoted
/// attribute values; `None` when it is not a tag at all.
fn tag_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let first = *b.get(1)?;
    if !(first.is_ascii_alphabetic() || matches!(first, b'/' | b'!' | b'?')) {
        return None;
    }
    let mut at = 1;
    loop {
        let i = at + memchr::memchr3(b'>', b'"', b'\'', b.get(at..)?)?;
        match b[i] {
            b'>' => return Some(i),
            q => at = i + 1 + memchr::memchr(q, b.get(i + 1..)?)? + 1,
        }
    }
}

/// Quoted attribute values inside a tag that have a space in them.
fn attribute_values<'a>(tag: &'a str, out: &mut Vec<&'a str>) {
    let b = tag.as_bytes();
    let mut at = 0;
    while let Some(q) = memchr::memchr2(b'"', b'\'', b.get(at..).unwrap_or_default()) {
        let open = at + q;
        let Some(close) = memchr::memchr(b[open], b.get(open + 1..).unwrap_or_default()) else {
            return;
        };
        let value = &tag[open + 1..open + 1 + close];
        if memchr::memchr(b' ', value.as_bytes()).is_some() {
            out.push(value);
        }
        at = open + close + 2;
    }
}

/// `s` with character references decoded; one we do not know becomes a
/// space (a separator, as the punctuation it almost always is).
fn decode(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let Some(e) = after.bytes().take(12).position(|c| c == b';') else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let name = &after[1..e];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => {
                u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32)
            }
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        out.push(c.unwrap_or(' '));
        rest = &after[e + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Append every string (and object key) of a JSON value as a piece.
/// Every string of a JSON document (keys and values) as a piece of `out`,
/// read as the document is parsed: at archive scale an open-data file is
/// tens of megabytes, and its parsed tree would be several times that.
struct JsonStrings<'a>(&'a mut Stream);

impl<'de> serde::de::DeserializeSeed<'de> for JsonStrings<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for JsonStrings<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        piece(self.0, s);
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(JsonStrings(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(JsonStrings(&mut *self.0))?.is_some() {
            map.next_value_seed(JsonStrings(&mut *self.0))?;
        }
        Ok(())
    }
}

/// Append the strings of the JSON document `text` to `out`; false (with
/// `out` part-written) if it is not JSON.
fn json_strings(text: &str, out: &mut Stream) -> bool {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(text);
    JsonStrings(out).deserialize(&mut de).and_then(|()| de.end()).is_ok()
}

fn piece(out: &mut Stream, s: &str) {
    if s.contains('<') && s.contains('>') {
        out.markup(s, true);
    } else {
        out.text(s);
        out.boundary();
    }
}

fn varint(b: &[u8], at: &mut usize) -> Option<usize> {
    let mut v: usize = 0;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*at)?;
        *at += 1;
        v |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The terms of a search postings chunk (`len, term, len, postings`…), or
/// `None` when the bytes are not one.
pub fn postings_terms(b: &[u8]) -> Option<Vec<&str>> {
    let mut at = 0;
    let mut terms = Vec::new();
    while at < b.len() {
        let n = varint(b, &mut at)?;
        let term = std::str::from_utf8(b.get(at..at.checked_add(n)?)?).ok()?;
        at += n;
        let p = varint(b, &mut at)?;
        at = at.checked_add(p).filter(|&e| e <= b.len())?;
        terms.push(term);
    }
    Some(terms)
}

fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(GZIP_LIMIT)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// The words an output file shows its readers, or `None` for a binary file
/// (compared by its bytes only).
pub fn output_words(path: &str, bytes: &[u8]) -> Option<Stream> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let inner = gunzip(bytes)?;
        let name = path.strip_suffix(".gz").unwrap_or(path);
        return output_words(name, &inner);
    }
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    if ext == "bin" {
        let mut s = Stream::default();
        match postings_terms(bytes) {
            Some(terms) => terms.into_iter().for_each(|t| piece(&mut s, t)),
            None => s.text(&String::from_utf8_lossy(bytes)),
        }
        return Some(s);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut s = Stream::with_capacity(text.len());
    let trimmed = text.trim_start();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "svg" => s.markup(text, false),
        "xml" | "rss" | "atom" => s.markup(text, true),
        "ics" | "ical" => {
            let unfolded = text.replace("\r\n ", "").replace("\n ", "");
            s.text(&unfolded.replace("\\n", " ").replace("\\N", " "));
        }
        _ if ext == "json" || trimmed.starts_with(['{', '[']) => {
            if !json_strings(text, &mut s) {
                s = Stream::with_capacity(text.len());
                s.text(text);
            }
        }
        _ if trimmed.starts_with('<') => s.markup(text, true),
        _ => s.text(text),
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(path: &str, s: &str) -> String {
        output_words(path, s.as_bytes()).unwrap().0
    }

    #[test]
    fn html_text_and_attributes_are_separate_pieces() {
        let w = words(
            "a.html",
            "<p class=\"x\">The council&rsquo;s <em>bid</em> &amp; plan</p><meta content=\"Secret words here\">",
        );
        assert!(w.contains(" the council s bid plan "), "{w}");
        assert!(w.contains("\n secret words here "), "{w}");
        assert!(!w.contains("class"), "{w}");
    }

    #[test]
    fn json_strings_are_unescaped_and_markup_inside_them_stripped() {
        let w = words(
            "x.json",
            r#"[["Title", "line one\nline two \u2019quoted\u2019", "<p>in <b>html</b></p>"]]"#,
        );
        assert!(w.contains(" line one line two quoted "), "{w}");
        assert!(w.contains(" in html "), "{w}");
    }

    #[test]
    fn json_keys_and_nested_strings_are_read_and_a_broken_file_as_text() {
        let w = words("x.json", r#"{"Exempt note": {"deep": [1, true, null, "Secret plan"]}}"#);
        assert!(w.contains(" exempt note "), "{w}");
        assert!(w.contains(" secret plan "), "{w}");
        // Cut short: every word is still read, as text.
        let w = words("x.json", r#"{"title": "Secret plan", "more": ["#);
        assert!(w.contains(" secret plan "), "{w}");
        assert_eq!(w.matches("secret").count(), 1, "{w}");
    }

    #[test]
    fn escaped_html_in_a_feed_is_read_as_text() {
        let w = words(
            "feed.xml",
            "<content type=\"html\">&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</content>",
        );
        assert!(w.contains(" hello world "), "{w}");
        assert!(!w.contains(" p "), "{w}");
    }

    #[test]
    fn postings_are_read_term_by_term() {
        let mut b = Vec::new();
        for t in ["alpha", "beta"] {
            b.push(t.len() as u8);
            b.extend_from_slice(t.as_bytes());
            b.extend_from_slice(&[2, 0, 2]);
        }
        assert_eq!(postings_terms(&b).unwrap(), vec!["alpha", "beta"]);
        assert!(words("search/post/0.bin", std::str::from_utf8(&b).unwrap()).contains("\n beta "));
        assert!(postings_terms(&[9, b'a']).is_none());
    }

    #[test]
    fn calendars_are_unfolded() {
        let w = words("c.ics", "DESCRIPTION:one two thr\r\n ee four\\nfive\r\n");
        assert!(w.contains(" one two three four five "), "{w}");
    }

    #[test]
    fn gzip_is_decompressed() {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"<p>hidden words</p>").unwrap();
        let gz = e.finish().unwrap();
        let w = output_words("page.html.gz", &gz).unwrap().0;
        assert!(w.contains(" hidden words "), "{w}");
    }

    #[test]
    fn word_offsets() {
        let mut v = Vec::new();
        words_at("Ab, cd", 10, &mut v);
        assert_eq!(v, vec![("ab".to_string(), 10), ("cd".to_string(), 14)]);
    }
}
