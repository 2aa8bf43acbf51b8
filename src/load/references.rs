//! `[[kind:id]]` references in Markdown: found here so that dangling ones are
//! errors at their line and every resolved one becomes a backlink.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiRef {
    pub target: String,
    pub pos: Pos,
}

/// A ```` ```dataset ```` fence naming a data set of its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetFence {
    pub name: String,
    pub pos: Pos,
}

/// What a scan of one Markdown text found: its references and data set
/// fences. Loading scans each document's body as it reads it, so that no
/// later stage needs the body's text to know them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub refs: Vec<WikiRef>,
    pub fences: Vec<DatasetFence>,
}

impl Found {
    /// Scan `body`, whose first line is `body_line` of its file.
    pub fn scan(body: &str, body_line: usize) -> Self {
        let (refs, fences) = scan_all(body, body_line);
        Found { refs, fences }
    }
}

/// Every `[[...]]` in `body`, whose first line is `body_line` of its file.
pub fn scan(body: &str, body_line: usize) -> Vec<WikiRef> {
    scan_all(body, body_line).0
}

/// References and data set fences in `body`.
pub fn scan_all(body: &str, body_line: usize) -> (Vec<WikiRef>, Vec<DatasetFence>) {
    let start = Pos::new(body_line, 1);
    let (mut refs, mut fences) = (Vec::new(), Vec::new());
    // Most bodies have neither: a wiki link needs `[[`, a data set fence the
    // word `dataset`. Finding that out needs no Markdown parse.
    if !body.contains("[[") && !body.contains("dataset") {
        return (refs, fences);
    }
    let mut fence: Option<Pos> = None;
    for (ev, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => refs.push(WikiRef {
                target: dest_url.to_string(),
                pos: Pos::of_offset(body, range.start, start),
            }),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("dataset") =>
            {
                fence = Some(Pos::of_offset(body, range.start, start));
            }
            // The error about a name points at the name, not the fence.
            Event::Text(t) if fence.take().is_some() => {
                let lead = t.len() - t.trim_start().len();
                fences.push(DatasetFence {
                    name: t.trim().to_string(),
                    pos: Pos::of_offset(body, range.start + lead, start),
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(pos) = fence.take() {
                    fences.push(DatasetFence {
                        name: String::new(),
                        pos,
                    });
                }
            }
            _ => {}
        }
    }
    (refs, fences)
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
