//! `[[kind:id]]` references in Markdown: found here so that dangling ones are
//! errors at their line and every resolved one becomes a backlink.

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::diagnostics::Pos;

/// Markdown options used everywhere, so scanning and rendering agree.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    let mut o = Options::empty();
    o.insert(Options::ENABLE_TABLES);
    o.insert(Options::ENABLE_FOOTNOTES);
    o.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    o.insert(Options::ENABLE_SMART_PUNCTUATION);
    o.insert(Options::ENABLE_STRIKETHROUGH);
    o.insert(Options::ENABLE_WIKILINKS);
    o
}

/// A reference written in Markdown.
#[derive(Debug, Clone)]
pub struct WikiRef {
    pub target: String,
    pub pos: Pos,
}

/// Every `[[...]]` in `body`, whose first line is `body_line` of its file.
pub fn scan(body: &str, body_line: usize) -> Vec<WikiRef> {
    let start = Pos::new(body_line, 1);
    Parser::new_ext(body, markdown_options())
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => Some(WikiRef {
                target: dest_url.to_string(),
                pos: Pos::of_offset(body, range.start, start),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_wikilinks_with_positions() {
        let refs = super::scan("Intro\n\nSee [[rec:a/iv]] and [[meeting:m1|the June meeting]].\n", 5);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].target, "rec:a/iv");
        assert_eq!(refs[0].pos.line, 7);
        assert_eq!(refs[1].target, "meeting:m1");
    }
}
