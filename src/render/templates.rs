//! Tera templates: the default theme is built into the binary, and a site's
//! own `themes/<name>/templates/` overrides or adds templates by name.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::resolve::config::Config;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, compiled into the binary.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "partials/breadcrumbs.html",
    "partials/backlinks.html",
    "partials/link.html",
    "partials/publish_banner.html",
    "partials/pagination.html",
    "partials/attended_year.html",
    "home.html",
    "committees.html",
    "committee.html",
    "committee_year.html",
    "meetings.html",
    "meeting.html",
    "minutes.html",
    "report.html",
    "appendix.html",
    "questions.html",
    "people.html",
    "person.html",
    "person_year.html",
    "decisions.html",
    "glossary.html",
    "page.html",
    "404.html",
    "search.html",
    "review.html",
    "recommendation.html",
    "tracker.html",
    "plan.html",
    "annual_report.html",
    "work_programme.html",
    "data.html",
    "accessibility.html",
    "pack.html",
);

macro_rules! embedded_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)).as_slice())),*]
    };
}

/// The default theme's static files.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = embedded_static!("css/minutebook.css", "css/pack.css", "js/search.js");

/// Files below a theme folder, as (`/`-separated relative name, path), sorted.
pub fn theme_files(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

pub struct Templates {
    tera: Tera,
    /// Template name → the site file it came from (built-in ones are absent).
    files: BTreeMap<String, String>,
    /// Of every template's text and the site-wide values they see: two
    /// pages rendered from the same context by templates with the same
    /// fingerprint are the same page.
    pub fingerprint: (u64, u64),
}

/// A Tera error as a diagnostic at the template's own file, line and column
/// (Tera reports them as `--> name:line:col` under the message).
fn tera_error(e: &tera::Error, files: &BTreeMap<String, String>, fallback: &str) -> Diagnostic {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    let message = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|'))
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    let at = text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let col = parts.next()?.trim().parse::<usize>().ok()?;
        let line = parts.next()?.trim().parse::<usize>().ok()?;
        Some((parts.next()?.to_string(), line, col))
    });
    match at {
        Some((name, line, col)) => {
            let file = files
                .get(&name)
                .cloned()
                .unwrap_or_else(|| format!("(built-in theme) templates/{name}"));
            Diagnostic::error(file, line, col, format!("template error: {message}"))
        }
        None => Diagnostic::error(fallback, 1, 1, format!("template error: {message}")),
    }
}

impl Templates {
    /// Load the built-in theme, then the site's overrides from `themes/<theme>/templates`.
    pub fn load(root: &Path, config: &Config) -> Result<Templates, Vec<Diagnostic>> {
        let mut templates: Vec<(String, String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string(), format!("(built-in theme) {n}")))
            .collect();
        let dir = root.join("themes").join(&config.theme).join("templates");
        let mut diags = Vec::new();
        if config.theme != "default" && !dir.is_dir() {
            diags.push(
                Diagnostic::error(
                    "site.yaml",
                    0,
                    0,
                    format!("theme `{}` has no templates folder at {}", config.theme, dir.display()),
                )
                .with_help("use `theme: default`, or create the theme's templates folder"),
            );
        }
        for (name, path) in theme_files(&dir) {
            let file = format!("themes/{}/templates/{name}", config.theme);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    templates.retain(|(n, _, _)| *n != name);
                    templates.push((name, text, file));
                }
                Err(e) => diags.push(Diagnostic::error(file, 1, 1, format!("cannot read this template: {e}"))),
            }
        }
        let files: BTreeMap<String, String> = templates
            .iter()
            .filter(|(_, _, f)| !f.starts_with("(built-in"))
            .map(|(n, _, f)| (n.clone(), f.clone()))
            .collect();
        let mut tera = Tera::new();
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str()))) {
            diags.push(tera_error(&e, &files, &format!("themes/{}/templates", config.theme)));
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let globals = SiteGlobals::from(config);
        tera.global_context().insert("site", &globals);
        let mut print = crate::load::fingerprint::Fingerprint::default();
        for (name, text, _) in &templates {
            print.str(name);
            print.str(text);
        }
        crate::load::fingerprint::serialize(&mut print, &globals);
        Ok(Templates {
            tera,
            files,
            fingerprint: print.finish(),
        })
    }

    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| tera_error(&e, &self.files, &format!("templates/{name}")))
    }
}

/// Site-wide values every template sees, inserted once.
#[derive(serde::Serialize)]
struct SiteGlobals<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    terms: &'a crate::resolve::config::Terms,
    contact: Option<&'a crate::load::primitives::Contact>,
    as_of: String,
    /// The free pages the footer links.
    footer: &'a [crate::resolve::entities::Link],
}

impl<'a> From<&'a Config> for SiteGlobals<'a> {
    fn from(c: &'a Config) -> Self {
        SiteGlobals {
            title: &c.title,
            description: c.description.as_deref(),
            base_url: &c.base_url,
            base_path: &c.base_path,
            language: &c.language,
            terms: &c.terms,
            contact: c.contact.as_ref(),
            as_of: c.as_of.long(),
            footer: &c.footer,
        }
    }
}
