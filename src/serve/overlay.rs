//! The error overlay: when the last build failed, every HTML page `serve`
//! sends carries a modal `<dialog>` listing the diagnostics (file, line,
//! column, the source line, message, help), over the last good site.
//!
//! It is made once per failed build, not per request. Everything in it is
//! HTML-escaped, its styles are inline (so it looks the same over any theme,
//! and a theme's CSS cannot hide it), and it is accessible: a labelled modal
//! dialog, focus moved to its heading on load, closed by Escape or its button.

use std::fmt::Write as _;

use crate::diagnostics::{Diagnostic, Sources};

/// The `id` of the overlay's `<dialog>`, for tests and the script.
pub const ID: &str = "__minutebook-errors";

/// Escape text for XML/HTML content and attribute values (one definition for
/// every output).
pub use crate::render::chart::escape;

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The text of line `line` (1-based) of `file`, if it was read.
fn source_line(sources: &Sources, file: &str, line: usize) -> Option<String> {
    let text = sources.text(file)?;
    text.lines().nth(line.checked_sub(1)?).map(str::to_string)
}

/// The overlay for a failed build. `diags` are sorted; errors come first in
/// the list, then warnings. `have_site` says whether a last good site is
/// being shown underneath.
pub fn render(diags: &[Diagnostic], sources: &Sources, have_site: bool) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let heading = format!("This site has {}", plural(errors, "error", "errors"));
    let mut out = String::new();
    let _ = write!(
        out,
        "<dialog id=\"{ID}\" aria-labelledby=\"{ID}-title\" aria-describedby=\"{ID}-what\" \
         style=\"position:fixed;inset:0;margin:auto;box-sizing:border-box;width:min(52rem,calc(100% - 2rem));\
         max-height:calc(100% - 2rem);overflow:auto;padding:1.25rem 1.5rem;border:4px solid #b00020;\
         border-radius:6px;background:#fff;color:#1a1a1a;font:16px/1.5 system-ui,-apple-system,'Segoe UI',\
         sans-serif;text-align:left;z-index:2147483647;box-shadow:0 0 0 100vmax rgba(0,0,0,.45)\">\
         <h2 id=\"{ID}-title\" tabindex=\"-1\" style=\"margin:0 0 .5rem;font-size:1.5rem;line-height:1.25;\
         color:#8a0019;outline-offset:4px\">{}</h2>",
        escape(&heading)
    );
    let what = if have_site {
        "You are looking at the last version of the site that built. Fix these and save: the page reloads by itself."
    } else {
        "The site has not built yet. Fix these and save: the page reloads by itself."
    };
    let _ = write!(out, "<p id=\"{ID}-what\" style=\"margin:0 0 1rem\">{what}");
    if warnings > 0 {
        let _ = write!(out, " The list also shows {}.", plural(warnings, "warning", "warnings"));
    }
    out.push_str("</p><ol style=\"margin:0 0 1rem;padding:0 0 0 1.5rem\">");
    let ordered = diags
        .iter()
        .filter(|d| d.is_error())
        .chain(diags.iter().filter(|d| !d.is_error()));
    for d in ordered {
        item(&mut out, d, sources);
    }
    out.push_str(
        "</ol><button type=\"button\" data-minutebook-close style=\"font:inherit;padding:.4rem 1rem;\
         border:2px solid #1a1a1a;border-radius:4px;background:#f2f2f2;color:#1a1a1a;cursor:pointer\">\
         Close</button></dialog>",
    );
    out.push_str(SCRIPT);
    out
}

fn item(out: &mut String, d: &Diagnostic, sources: &Sources) {
    let (label, colour) = if d.is_error() {
        ("error", "#8a0019")
    } else {
        ("warning", "#6b4a00")
    };
    let location = match (d.line, d.column) {
        (0, _) => d.file.clone(),
        (l, 0) => format!("{}:{l}", d.file),
        (l, c) => format!("{}:{l}:{c}", d.file),
    };
    let _ = write!(
        out,
        "<li style=\"margin:0 0 1rem\"><p style=\"margin:0\"><strong style=\"color:{colour}\">{label}</strong> \
         in <code style=\"font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.95em\">{}</code>",
        escape(&location)
    );
    if d.line > 0 {
        let _ = write!(out, " (line {}", d.line);
        if d.column > 0 {
            let _ = write!(out, ", column {}", d.column);
        }
        out.push(')');
    }
    let _ = write!(out, "</p><p style=\"margin:.25rem 0 0\">{}</p>", escape(&d.message));
    if let Some(text) = source_line(sources, &d.file, d.line) {
        let _ = write!(
            out,
            "<pre style=\"margin:.25rem 0 0;padding:.25rem .5rem;background:#f4f4f4;color:#1a1a1a;\
             overflow:auto;white-space:pre-wrap;font:14px/1.4 ui-monospace,Menlo,Consolas,monospace\">\
             <span style=\"color:#555\">{:>4} | </span>{}</pre>",
            d.line,
            escape(&text)
        );
    }
    if let Some(help) = &d.help {
        let _ = write!(
            out,
            "<p style=\"margin:.25rem 0 0\"><strong>help:</strong> {}</p>",
            escape(help)
        );
    }
    out.push_str("</li>");
}

/// Opens the dialog as a modal (Escape closes it natively), moves focus to
/// its heading, and wires the close button; falls back to an open
/// non-modal dialog with its own Escape handling where `showModal` is missing.
const SCRIPT: &str = r#"<script>(function(){var d=document.getElementById("__minutebook-errors");if(!d)return;function close(){if(typeof d.close==="function"&&d.open){d.close()}else{d.removeAttribute("open");d.style.display="none"}}try{d.showModal()}catch(e){d.setAttribute("open","");d.style.display="block"}var h=document.getElementById("__minutebook-errors-title");if(h)h.focus();d.addEventListener("keydown",function(e){if(e.key==="Escape"){e.preventDefault();close()}});var b=d.querySelector("[data-minutebook-close]");if(b)b.addEventListener("click",close)})();</script>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_the_author_wrote() {
        let d = Diagnostic::error("content/<x>.md", 3, 2, "bad <script>alert('x')</script> & \"so on\"")
            .with_help("use <b>");
        let html = render(&[d], &Sources::default(), true);
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("bad &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;so on&quot;"));
        assert!(html.contains("content/&lt;x&gt;.md:3:2"));
        assert!(html.contains("use &lt;b&gt;"));
        assert!(html.contains("This site has 1 error<"));
    }

    #[test]
    fn shows_the_source_line_and_counts_errors() {
        let mut sources = Sources::new(std::path::Path::new("."));
        sources.insert("a.md".into(), "one\n<two>\nthree".into());
        let diags = vec![
            Diagnostic::error("a.md", 2, 1, "first"),
            Diagnostic::error("a.md", 3, 1, "second"),
            Diagnostic::warning("a.md", 1, 1, "careful"),
        ];
        let html = render(&diags, &sources, false);
        assert!(html.contains("This site has 2 errors"));
        assert!(html.contains("&lt;two&gt;"));
        assert!(html.contains("1 warning"));
        assert!(html.find("second").unwrap_or(0) < html.find("careful").unwrap_or(0));
    }
}
