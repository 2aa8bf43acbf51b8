//! The structure of a minutes body: each `## 45. Title {#45 item=5}` heading
//! starts a minute, and the text up to the next one is that minute's record.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::references::Found;
use super::shared::Shared;
use crate::diagnostics::Pos;

#[derive(Debug, Clone)]
pub struct MinuteSection {
    pub number: String,
    pub title: String,
    pub item: Option<String>,
    pub pos: Pos,
    pub body: Shared,
    pub body_line: usize,
    /// The references and data set fences in the body.
    pub found: Found,
}

#[derive(Debug, Clone, Default)]
pub struct MinutesBody {
    pub preamble: Shared,
    /// The references and data set fences in the preamble.
    pub preamble_found: Found,
    pub sections: Vec<MinuteSection>,
}

/// Split a minutes body into preamble and minutes.
pub fn split(shared: &Shared, body_line: usize) -> MinutesBody {
    let body: &str = shared;
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let mut heads: Vec<(usize, usize, String, Option<String>, String)> = Vec::new();
    let mut current: Option<(usize, usize, String, Option<String>, String)> = None;
    for (ev, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id: Some(id),
                attrs,
                ..
            }) if id.parse::<u32>().is_ok() => {
                let item = attrs
                    .iter()
                    .find(|(k, _)| k.as_ref() == "item")
                    .and_then(|(_, v)| v.as_ref().map(|v| v.to_string()));
                current = Some((range.start, range.end, id.to_string(), item, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.4.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some(c) = current.take() {
                    heads.push(c);
                }
            }
            _ => {}
        }
    }
    let start = Pos::new(body_line, 1);
    let preamble = heads.first().map_or(body, |h| &body[..h.0]);
    let mut out = MinutesBody {
        preamble: shared.part(preamble),
        preamble_found: Found::scan(preamble, body_line),
        sections: Vec::new(),
    };
    for (i, (s, e, number, item, text)) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(body.len(), |h| h.0);
        let body_start = (*e).min(end);
        let title = strip_number(text.trim(), number);
        let line = Pos::of_offset(body, body_start, start).line;
        out.sections.push(MinuteSection {
            number: number.clone(),
            title,
            item: item.clone(),
            pos: Pos::of_offset(body, *s, start),
            body: shared.part(&body[body_start..end]),
            body_line: line,
            found: Found::scan(&body[body_start..end], line),
        });
    }
    out
}

/// `45. School results` → `School results`.
fn strip_number(text: &str, number: &str) -> String {
    let rest = text
        .strip_prefix(number)
        .map(|r| r.trim_start_matches(['.', ':', ')']).trim_start());
    match rest {
        Some(r) if !r.is_empty() => r.to_string(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_minutes_at_numbered_headings() {
        let body = "Intro\n\n## 40. Apologies {#40}\n\nNone.\n\n## 45. Results {#45 item=5}\n\nText.\n";
        let m = split(&Shared::from(body), 10);
        assert_eq!(m.preamble, "Intro\n\n");
        assert_eq!(m.sections.len(), 2);
        assert_eq!(m.sections[0].number, "40");
        assert_eq!(m.sections[0].title, "Apologies");
        assert_eq!(m.sections[0].pos.line, 12);
        assert_eq!(m.sections[1].item.as_deref(), Some("5"));
        assert_eq!(m.sections[1].body.trim(), "Text.");
    }
}
