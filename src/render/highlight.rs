//! Fenced code highlighted by syntect into CSS classes (no inline styles), and
//! the stylesheet those classes need.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::chart::escape;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static S: OnceLock<SyntaxSet> = OnceLock::new();
    S.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `<pre><code>` with highlighting classes; unknown languages stay plain.
pub fn highlight(code: &str, lang: &str) -> String {
    let ss = syntaxes();
    let syntax = (!lang.is_empty()).then(|| ss.find_syntax_by_token(lang)).flatten();
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(lang))
    };
    let Some(syntax) = syntax else {
        return format!("<pre class=\"mb-code\"><code{class}>{}</code></pre>\n", escape(code));
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, ss, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return format!("<pre class=\"mb-code\"><code{class}>{}</code></pre>\n", escape(code));
        }
    }
    format!(
        "<pre class=\"mb-code\"><code{class}>{}</code></pre>\n",
        generator.finalize()
    )
}

/// The stylesheet for highlighted code (a light theme with good contrast).
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
        .unwrap_or_default()
}
