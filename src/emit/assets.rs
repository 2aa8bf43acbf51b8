//! Static files: the theme's stylesheet (built-in, overridden by the site's
//! theme), the syntax-highlighting stylesheet, and meeting attachments that
//! may be published (never an exempt appendix's file).

use super::{EmitContext, Emitter, Output};
use crate::diagnostics::Diagnostic;
use crate::render::highlight;
use crate::render::templates::{DEFAULT_STATIC, theme_files};
use crate::resolve::meetings::publishable_attachments;

pub struct Assets;

impl Emitter for Assets {
    fn name(&self) -> &'static str {
        "assets"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let site = cx.site;
        let root = &site.config.root;
        let dir = root.join("themes").join(&site.config.theme).join("static");
        // The site's theme files replace the built-in ones of the same name.
        let theme = theme_files(&dir);
        let overridden = |name: &str| theme.iter().any(|(rel, _)| rel == name);
        for (name, bytes) in DEFAULT_STATIC {
            if !overridden(name) {
                out.add(format!("static/{name}"), *bytes);
            }
        }
        if !overridden("css/syntax.css") {
            out.add("static/css/syntax.css", highlight::stylesheet());
        }
        for (rel, path) in &theme {
            match std::fs::read(path) {
                Ok(bytes) => out.add(format!("static/{rel}"), bytes),
                Err(e) => diags.push(Diagnostic::error(
                    format!("themes/{}/static/{rel}", site.config.theme),
                    0,
                    0,
                    format!("cannot read this file: {e}"),
                )),
            }
        }
        for a in publishable_attachments(site) {
            match std::fs::metadata(&a.source) {
                Ok(_) => out.copy(format!("meetings/{}/{}", a.meeting, a.rel), &a.source),
                Err(e) => diags.push(Diagnostic::error(
                    &a.file,
                    0,
                    0,
                    format!("cannot read this attachment: {e}"),
                )),
            }
        }
        diags
    }
}
