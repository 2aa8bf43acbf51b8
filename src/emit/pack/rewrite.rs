//! Rewrites of already rendered, trusted HTML (ours: the published index's
//! bodies and the pack page itself) that let several documents share one
//! page: headings one level deeper, ids (and every reference to them) given
//! the paper's prefix so no two papers' ids collide, and site-relative links
//! given their absolute address for print.
//!
//! These work on minutebook's own serialisation (attributes after one space,
//! values in double quotes, text escaped), never on an author's raw input:
//! Markdown has been through ammonia before it gets here.

use std::borrow::Cow;

/// Every heading one level deeper (`<h2>` → `<h3>`; `<h6>` stays `<h6>`),
/// for a document whose page heading is itself one level down in the pack.
pub fn deepen_headings(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for i in memchr::memchr_iter(b'<', b) {
        // `<hN…` or `</hN>`, N in 2..=5: the digit goes up by one.
        let (digit, closing) = if b.get(i + 1) == Some(&b'/') {
            (i + 3, true)
        } else {
            (i + 2, false)
        };
        let heading = b.get(digit - 1) == Some(&b'h')
            && b.get(digit).is_some_and(|d| (b'2'..=b'5').contains(d))
            && (!closing || b.get(digit + 1) == Some(&b'>'));
        if heading {
            out.push_str(&html[copied..digit]);
            out.push(char::from(b[digit] + 1));
            copied = digit + 1;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Attributes whose value names ids: one id, or several separated by spaces.
const ID_ATTRS: &[&str] = &[" id=\"", " for=\"", " aria-labelledby=\"", " aria-describedby=\""];

/// Prefix every id in `html` with `prefix-`, and every reference to an id
/// (`href="#…"`, `aria-labelledby`, `aria-describedby`, `for`, `url(#…)`) to
/// match.
pub fn scope_ids(html: &str, prefix: &str) -> String {
    let scope = |v: &str| {
        v.split(' ')
            .map(|id| {
                if id.is_empty() {
                    String::new()
                } else {
                    format!("{prefix}-{id}")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Each pass copies the text only where it finds its attribute.
    let mut out = Cow::Borrowed(html);
    for attr in ID_ATTRS {
        if let Cow::Owned(changed) = map_attr(&out, attr, scope) {
            out = Cow::Owned(changed);
        }
    }
    if let Cow::Owned(changed) = map_attr(&out, " href=\"#", |v| format!("{prefix}-{v}")) {
        out = Cow::Owned(changed);
    }
    if memchr::memmem::find(out.as_bytes(), b"url(#").is_some() {
        return out.replace("url(#", &format!("url(#{prefix}-"));
    }
    out.into_owned()
}

/// Make each relative `href`/`src` (`files/note.pdf`, `../x/`) absolute on the
/// site, resolved against `page_url` (the page the HTML was written for), so
/// it still works when the HTML is shown on another page.
pub fn resolve_relative(html: &str, page_url: &str) -> String {
    let dir = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
    let fix = |v: &str| -> String {
        let relative = !(v.is_empty()
            || v.starts_with(['/', '#', '?'])
            || v.split('/').next().is_some_and(|first| first.contains(':')));
        if !relative {
            return v.to_string();
        }
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        let (path, tail) = v.find(['?', '#']).map_or((v, ""), |i| v.split_at(i));
        for seg in path.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        let trailing = if path.ends_with('/') && !parts.is_empty() {
            "/"
        } else {
            ""
        };
        format!("/{}{trailing}{tail}", parts.join("/"))
    };
    map_attr(&map_attr(html, " href=\"", fix), " src=\"", fix).into_owned()
}

/// Give each site-relative link (`<a href="/…">`) a `data-print-url` holding
/// its absolute address, `origin` + href, for the print stylesheet to show.
pub fn print_urls(html: &str, origin: &str) -> String {
    let needle = "<a href=\"/";
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    let finder = memchr::memmem::Finder::new(needle);
    while let Some(i) = finder.find(rest.as_bytes()) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let value_start = "<a href=\"".len();
        let Some(end) = memchr::memchr(b'"', &from.as_bytes()[value_start..]) else {
            out.push_str(from);
            return out;
        };
        let href = &from[value_start..value_start + end];
        out.push_str(&from[..value_start + end + 1]);
        out.push_str(&format!(" data-print-url=\"{origin}{href}\""));
        rest = &from[value_start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// `html` with the value of each `needle…"` attribute replaced by `f(value)`
/// (borrowed as it is where there is none).
fn map_attr<'a>(html: &'a str, needle: &str, f: impl Fn(&str) -> String) -> Cow<'a, str> {
    let finder = memchr::memmem::Finder::new(needle);
    if finder.find(html.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(i) = finder.find(rest.as_bytes()) {
        let start = i + needle.len();
        out.push_str(&rest[..start]);
        let Some(end) = memchr::memchr(b'"', &rest.as_bytes()[start..]) else {
            out.push_str(&rest[start..]);
            return Cow::Owned(out);
        };
        out.push_str(&f(&rest[start..start + end]));
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A CSS string literal's contents: quotes, backslashes and `<` escaped, so
/// the text is safe inside `content: "…"` in a `<style>` element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\3C "),
            '>' => out.push_str("\\3E "),
            '&' => out.push_str("\\26 "),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_go_one_level_deeper_once() {
        let h = "<h2 id=\"a\">A</h2><h3>B</h3><h5>E</h5><h6>F</h6>";
        assert_eq!(deepen_headings(h), "<h3 id=\"a\">A</h3><h4>B</h4><h6>E</h6><h6>F</h6>");
    }

    #[test]
    fn ids_and_their_references_are_prefixed_together() {
        let h = r##"<h2 id="risks">R</h2><a href="#risks">x</a><a href="/m/">y</a><div role="region" aria-labelledby="c d"><svg aria-describedby="t"><rect fill="url(#cp-p0)"/></svg></div><label for="q">Q</label>"##;
        let s = scope_ids(h, "report-x");
        assert!(s.contains("id=\"report-x-risks\""), "{s}");
        assert!(s.contains("href=\"#report-x-risks\""), "{s}");
        assert!(s.contains("href=\"/m/\""), "other links unchanged: {s}");
        assert!(s.contains("aria-labelledby=\"report-x-c report-x-d\""), "{s}");
        assert!(s.contains("aria-describedby=\"report-x-t\""), "{s}");
        assert!(s.contains("url(#report-x-cp-p0)"), "{s}");
        assert!(s.contains("for=\"report-x-q\""), "{s}");
        assert!(!s.contains("data-id"), "{s}");
    }

    #[test]
    fn relative_links_are_resolved_against_their_own_page() {
        let h = r##"<a href="files/b.txt">B</a><a href="../reports/r/#x">R</a><a href="https://x.example/a">X</a><a href="#f">F</a><img src="./i.png"><a href="mailto:a@b.example">M</a><a href="/abs/">A</a>"##;
        let r = resolve_relative(h, "/papers/meetings/m/");
        assert!(r.contains(r#"href="/papers/meetings/m/files/b.txt""#), "{r}");
        assert!(r.contains(r#"href="/papers/meetings/reports/r/#x""#), "{r}");
        assert!(r.contains(r#"href="https://x.example/a""#), "{r}");
        assert!(r.contains(r##"href="#f""##), "{r}");
        assert!(r.contains(r#"src="/papers/meetings/m/i.png""#), "{r}");
        assert!(r.contains(r#"href="mailto:a@b.example""#), "{r}");
        assert!(r.contains(r#"href="/abs/""#), "{r}");
    }

    #[test]
    fn site_links_get_their_absolute_address_for_print() {
        let h = r##"<a href="/papers/m/">M</a> <a href="https://x.example/">X</a> <a href="#a">A</a>"##;
        let p = print_urls(h, "https://council.example");
        assert!(
            p.contains(r#"<a href="/papers/m/" data-print-url="https://council.example/papers/m/">M</a>"#),
            "{p}"
        );
        assert!(p.contains(r#"<a href="https://x.example/">X</a>"#), "{p}");
        assert!(p.contains(r##"<a href="#a">A</a>"##), "{p}");
    }

    #[test]
    fn css_strings_cannot_close_the_string_or_the_style_element() {
        assert_eq!(css_string("A \"B\" </style>"), "A \\\"B\\\" \\3C /style\\3E ");
    }
}
