//! Quick rebuilds: a change to the Markdown body of one report, appendix,
//! free page, meeting's agenda (its notes), review, plan (its introduction)
//! or annual report, and nothing else, applied to what the last build made
//! instead of building again.
//!
//! Such a change can touch only the document's own page, the agenda pack of
//! its meeting, and the outputs that gather the whole site (search index,
//! feeds, calendars, open data, sitemap). It qualifies when:
//!
//! - the last build ran to its end without errors, on the same day (what is
//!   public can depend on the date), and nothing but this one file changed;
//! - the file is one of those documents, published, whose front matter is
//!   byte for byte the same, so its metadata, publishability and
//!   every listing of it are unchanged;
//! - its body names the same `[[references]]` and data sets at the same
//!   places, so backlinks and every resolve diagnostic are unchanged;
//! - its rendered Markdown expands the same glossary terms first, so the
//!   glossary page is unchanged.
//!
//! Anything else (and any doubt) returns `None`, and `serve` builds in full.
//! The document is rendered again, its page and its meeting's pack are made
//! again, the publication audit checks them, and the gathering outputs are
//! made again over the updated site. `tests/rebuild_kept.rs` and
//! `tests/serve.rs` compare the result with a cold build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::PoisonError;

use axum::body::Bytes;

use crate::diagnostics::{Diagnostic, Sources};
use crate::emit::{self, EmitContext, Output};
use crate::load::Reread;
use crate::load::classify::{FileKind, classify};
use crate::load::primitives::Date;
use crate::load::references::scan_all;
use crate::load::shared::Shared;
use crate::render::markdown::Renderer;
use crate::render::published::One;
use crate::resolve::config::BuildOptions;
use crate::{Kept, Made};

/// What is served now and how it was made.
pub struct Previous<'a> {
    /// The served site's files.
    pub files: &'a BTreeMap<String, Bytes>,
    /// Which of them are pages (emit phase `Pages`).
    pub pages: &'a BTreeSet<String>,
    /// The diagnostics of the build that made them (no errors).
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a Sources,
}

/// The site after the change.
pub struct Quick {
    /// Every file; `None` if the change brought an error.
    pub files: Option<BTreeMap<String, Bytes>>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Apply a change to `file` (from the site root) alone, if it is a change
/// to the body of one published document of those kinds. `pages_ready`
/// gets the site with the new pages as soon as they are made.
pub fn body_edit(
    root: &Path,
    opts: &BuildOptions,
    kept: &Kept,
    file: &str,
    previous: Previous,
    pages_ready: &dyn Fn(BTreeMap<String, Bytes>),
) -> Option<Quick> {
    let mut made_slot = kept.made.lock().unwrap_or_else(PoisonError::into_inner);
    let made = made_slot.as_mut()?;
    if opts.as_of.is_none() && Date::today_in_zone(&made.site.config.timezone) != Some(made.today) {
        return None;
    }
    let kind = classify(file.strip_prefix("content/")?);
    let kind_fits = matches!(
        kind,
        FileKind::Report { .. }
            | FileKind::Appendix { .. }
            | FileKind::Page { .. }
            | FileKind::Meeting { .. }
            | FileKind::Review { .. }
            | FileKind::PlanIndex { .. }
            | FileKind::AnnualReport { .. }
    );
    if !kind_fits || !file.ends_with(".md") {
        return None;
    }
    let old = Reread::text(file, previous.sources.get(file)?.clone())?;
    let new = Reread::of(root, file)?;
    if old.front() != new.front()
        || old.body_line != new.body_line
        || scan_all(old.body(), old.body_line) != scan_all(new.body(), new.body_line)
    {
        return None;
    }
    let (which, key) = find(&made.site, file)?;
    let meeting = made.published.get(&key)?.meeting_id.clone();

    // The new body in the site, and the document rendered again from it.
    let old_body = std::mem::replace(
        body_of(&mut made.site, which)?,
        Shared::whole(&new.text).part(new.body()),
    );
    let old_doc = render_again(made, kept, which);
    let same_terms = old_doc
        .as_ref()
        .is_some_and(|old| made.published.get(&key).map(|d| &d.used_terms) == Some(&old.used_terms));
    let Some(old_doc) = old_doc.filter(|_| same_terms) else {
        // The glossary page would change: back to the site as it was, and
        // a full build.
        if let Some(b) = body_of(&mut made.site, which) {
            *b = old_body;
        }
        render_again(made, kept, which);
        return None;
    };
    let old_rest = std::mem::take(&mut made.rest_diagnostics);

    let mut sources = previous.sources.clone();
    sources.insert(file.to_string(), new.text.clone());
    let settings = crate::resolve::privacy::Settings {
        allow: &made.site.config.privacy_allow,
        postcodes: made.site.config.privacy_postcodes,
    };
    let privacy =
        |r: &Reread| crate::resolve::privacy::check_file(file, &r.text, &settings, r.privacy_allow.as_deref());
    let mut diagnostics: Vec<Diagnostic> = previous.diagnostics.to_vec();
    let gone = old_doc.warnings.iter().cloned().chain(privacy(&old)).chain(old_rest);
    for d in gone {
        if let Some(i) = diagnostics.iter().position(|x| *x == d) {
            diagnostics.remove(i);
        }
    }
    diagnostics.extend(made.published.get(&key).map(|d| d.warnings.clone()).unwrap_or_default());
    diagnostics.extend(privacy(&new));

    // The document's page and its meeting's pack, shown at once; then the
    // outputs that gather the whole site.
    let renderer = Renderer {
        registry: &made.site.registry,
        glossary: &made.glossary,
        datasets: &made.datasets,
        memo: Some(&kept.render),
    };
    let cx = EmitContext {
        site: &made.site,
        templates: &made.templates,
        renderer: &renderer,
        published: &made.published,
        pages: Some(&kept.pages),
    };
    let audit = crate::audit::Live::new(cx.site, cx.published, &sources);
    let store = super::state::Store::default();
    let mut out = Output::new(&store, Some(&audit));
    // Their warnings come from their front matter, which did not change.
    out.set_emitter("pages");
    let _ = emit::pages::one(&cx, &out, which);
    if let Some(m) = &meeting {
        out.set_emitter("pack");
        let _ = emit::pack::pack_of(&cx, &out, m);
    }
    let remade: BTreeSet<String> = out.paths().into_iter().collect();
    out.already(previous.pages.iter().filter(|p| !remade.contains(*p)).cloned());
    let mut files: BTreeMap<String, Bytes> = previous.files.clone();
    files.extend(store.files().clone());
    if audit.clean_so_far() {
        pages_ready(files.clone());
    }
    let (rest, _) = emit::emit_phase(&cx, &mut out, emit::Phase::Rest);
    files.retain(|p, _| previous.pages.contains(p));
    files.extend(std::mem::take(&mut *store.files()));
    let (_, problems) = out.finish();
    diagnostics.extend(rest.iter().cloned());
    diagnostics.extend(problems);
    diagnostics.extend(crate::audit::diagnostics(&audit.finish()));
    made.rest_diagnostics = rest;
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    if failed {
        *made_slot = None;
    }
    Some(Quick {
        files: (!failed).then_some(files),
        diagnostics,
        sources,
    })
}

/// The document whose body is `file`, and its key.
fn find(site: &crate::resolve::Site, file: &str) -> Option<(One, crate::resolve::entities::Key)> {
    if let Some(i) = site.papers.reports.iter().position(|r| r.body.file.as_ref() == file) {
        return Some((One::Report(i), site.papers.reports[i].key.clone()));
    }
    if let Some(i) = site.papers.appendices.iter().position(|a| a.body.file.as_ref() == file) {
        return Some((One::Appendix(i), site.papers.appendices[i].key.clone()));
    }
    if let Some(i) = site.pages.iter().position(|p| p.body.file.as_ref() == file) {
        return Some((One::Page(i), site.pages[i].key.clone()));
    }
    if let Some(i) = site.papers.meetings.iter().position(|m| m.notes.file.as_ref() == file) {
        return Some((One::Meeting(i), site.papers.meetings[i].key.clone()));
    }
    if let Some(i) = site.reviews.iter().position(|r| r.body.file.as_ref() == file) {
        return Some((One::Review(i), site.reviews[i].key.clone()));
    }
    if let Some(i) = site.plans.iter().position(|p| p.intro.file.as_ref() == file) {
        return Some((One::Plan(i), site.plans[i].key.clone()));
    }
    let i = site.annual_reports.iter().position(|a| a.body.file.as_ref() == file)?;
    Some((One::AnnualReport(i), site.annual_reports[i].key.clone()))
}

fn body_of(site: &mut crate::resolve::Site, which: One) -> Option<&mut Shared> {
    Some(match which {
        One::Report(i) => &mut site.papers.reports.get_mut(i)?.body.text,
        One::Appendix(i) => &mut site.papers.appendices.get_mut(i)?.body.text,
        One::Page(i) => &mut site.pages.get_mut(i)?.body.text,
        One::Meeting(i) => &mut site.papers.meetings.get_mut(i)?.notes.text,
        One::Review(i) => &mut site.reviews.get_mut(i)?.body.text,
        One::Plan(i) => &mut site.plans.get_mut(i)?.intro.text,
        One::AnnualReport(i) => &mut site.annual_reports.get_mut(i)?.body.text,
    })
}

/// Render document `which` of `made` again; the document it replaced.
fn render_again(made: &mut Made, kept: &Kept, which: One) -> Option<crate::render::published::Doc> {
    let renderer = Renderer {
        registry: &made.site.registry,
        glossary: &made.glossary,
        datasets: &made.datasets,
        memo: Some(&kept.render),
    };
    made.published.render_again(&made.site, &renderer, which)
}
