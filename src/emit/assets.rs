//! Static files: the theme's stylesheet (built-in, overridden by the site's
//! theme), the syntax-highlighting stylesheet, and meeting attachments that
//! may be published (never an exempt appendix's file).

use super::{EmitContext, Emitter, Output};
use crate::diagnostics::Diagnostic;
use crate::render::highlight;
use crate::render::templates::DEFAULT_STATIC;
use crate::resolve::meetings::publishable_attachments;

pub struct Assets;

impl Emitter for Assets {
    fn name(&self) -> &'static str {
        "assets"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for (name, bytes) in DEFAULT_STATIC {
            out.add(format!("static/{name}"), *bytes);
        }
        out.add("static/css/syntax.css", highlight::stylesheet());
        let site = cx.site;
        let root = &site.config.root;
        let dir = root.join("themes").join(&site.config.theme).join("static");
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(rel) = entry.path().strip_prefix(&dir) else {
                    continue;
                };
                let rel = rel.to_string_lossy().replace('\\', "/");
                match std::fs::read(entry.path()) {
                    Ok(bytes) => out.add(format!("static/{rel}"), bytes),
                    Err(e) => diags.push(Diagnostic::error(
                        format!("themes/{}/static/{rel}", site.config.theme),
                        0,
                        0,
                        format!("cannot read this file: {e}"),
                    )),
                }
            }
        }
        for a in publishable_attachments(site) {
            match std::fs::read(&a.source) {
                Ok(bytes) => out.add(format!("meetings/{}/{}", a.meeting, a.rel), bytes),
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
