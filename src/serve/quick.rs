//! Quick rebuilds: a change to one file, applied to what the last build made
//! instead of building again. Two kinds of change qualify.
//!
//! **A document's body** (`body_edit`): the Markdown body of one report,
//! appendix, free page, meeting's agenda (its notes), review, plan (its
//! introduction) or annual report, and its cover facts: of a report's front
//! matter what only its own page and the home page show
//! ([`crate::resolve::meetings::describe`]: who reports, the author,
//! decision type, wards, purpose, the recommendations' text and the
//! background papers), of a meeting's what only its page and the lists of
//! meetings show ([`crate::resolve::meetings::describe_meeting`]: time,
//! venue, webcast, contact). Such a change can touch only the document's
//! own page, the agenda pack of its meeting, those lists, and the outputs
//! that gather the whole site (search index, feeds, calendars, open data,
//! sitemap). It qualifies when:
//!
//! - the last build ran to its end without errors, on the same day (what is
//!   public can depend on the date), and nothing but this one file changed;
//! - the file is one of those documents, published, whose front matter is
//!   byte for byte the same but for those facts, on the same lines, so its
//!   metadata, publishability and every listing of it are unchanged (a file
//!   whose front matter changed must also have had no warnings but those of
//!   its personal-data and plain-text checks, which are made again);
//! - its body names the same `[[references]]` and data sets at the same
//!   places, or, when the file had no diagnostics but those of its own
//!   checks, in the same order anywhere, so backlinks and every resolve
//!   diagnostic are unchanged;
//! - its rendered Markdown expands the same glossary terms first, so the
//!   glossary page is unchanged.
//!
//! **The record of minutes** (`minutes_edit`): the text of the preamble and
//! of each minute, the minutes themselves (numbers, titles, items) and the
//! front matter the same. Only the minutes' page shows it.
//!
//! **Progress on recommendations** (`progress_edit`): an updates file whose
//! updates keep their recommendation, date and meeting and change their
//! status, text or place, or that gains updates. What depends on them is
//! resolved again ([`crate::resolve::tracker::restate`]) and only the pages
//! that show it are made again.
//!
//! Anything else (and any doubt) returns `None`, and `serve` builds in full.
//! The documents are rendered again, their pages are made again, the
//! publication audit checks them, and the gathering outputs are made again
//! over the updated site. `tests/rebuild_kept.rs` and `tests/serve.rs`
//! compare the result with a cold build.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::PoisonError;

use axum::body::Bytes;

use crate::diagnostics::{Diagnostic, Sources};
use crate::emit::{self, EmitContext, Output};
use crate::load::Reread;
use crate::load::classify::{FileKind, classify};
use crate::load::meeting::MeetingFile;
use crate::load::primitives::Date;
use crate::load::primitives::{Spanned, pos};
use crate::load::recommendation::{Update, UpdatesFile};
use crate::load::references::scan_all;
use crate::load::report::ReportFile;
use crate::load::shared::Shared;
use crate::render::markdown::Renderer;
use crate::render::published::One;
use crate::resolve::config::BuildOptions;
use crate::resolve::model::Markdown;
use crate::resolve::tracker::Restated;
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
    /// Which of them are pages.
    pub pages: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

/// Apply a change to `file` (from the site root) alone, if it is one of the
/// kinds of change the module's documentation lists. `pages_ready` gets the
/// site with the new pages as soon as they are made.
pub fn apply_change(
    root: &Path,
    opts: &BuildOptions,
    kept: &Kept,
    file: &str,
    previous: Previous,
    pages_ready: &dyn Fn(BTreeMap<String, Bytes>),
) -> Option<Quick> {
    let mut made_slot = kept.made.lock().unwrap_or_else(PoisonError::into_inner);
    if !same_day(made_slot.as_ref()?, opts) {
        return None;
    }
    let kind = classify(file.strip_prefix("content/")?);
    let updates = matches!(kind, FileKind::Updates { .. }) && file.ends_with(".yaml");
    let edit = Edit {
        root,
        kept,
        file,
        kind,
        previous,
        pages_ready,
    };
    let quick = if updates {
        progress_edit(&mut made_slot, edit)
    } else if matches!(edit.kind, FileKind::Minutes { .. }) {
        minutes_edit(&mut made_slot, edit)
    } else {
        body_edit(&mut made_slot, edit)
    }?;
    // The kept site holds the change: after an error, the full build that
    // follows keeps its own.
    if quick.files.is_none() {
        *made_slot = None;
    }
    Some(quick)
}

/// One saved file, and what a quick rebuild applies it to.
struct Edit<'a> {
    root: &'a Path,
    kept: &'a Kept,
    file: &'a str,
    kind: FileKind,
    previous: Previous<'a>,
    pages_ready: &'a dyn Fn(BTreeMap<String, Bytes>),
}

/// A change to the body of one published document of those kinds.
fn body_edit(made_slot: &mut Option<Made>, edit: Edit) -> Option<Quick> {
    let made = made_slot.as_mut()?;
    let kind_fits = matches!(
        edit.kind,
        FileKind::Report { .. }
            | FileKind::Appendix { .. }
            | FileKind::Page { .. }
            | FileKind::Meeting { .. }
            | FileKind::Review { .. }
            | FileKind::PlanIndex { .. }
            | FileKind::AnnualReport { .. }
    );
    if !kind_fits || !edit.file.ends_with(".md") {
        return None;
    }
    let old = Reread::text(edit.file, edit.previous.sources.get(edit.file)?.clone())?;
    let new = Reread::of(edit.root, edit.file)?;
    if old.body_line != new.body_line {
        return None;
    }
    let checked_before = file_checks(made, &edit, &old.text, old.privacy_allow.as_deref());
    let checked_now = file_checks(made, &edit, &new.text, new.privacy_allow.as_deref());
    // The same references and data sets at the same places; or, when the
    // file had no diagnostics but its own checks', in the same order
    // anywhere (where they are matters only to diagnostics).
    let found = |r: &Reread| crate::load::references::Found::scan(r.body(), r.body_line);
    let (found_before, found_now) = (found(&old), found(&new));
    if found_before != found_now && !(same_found(&found_before, &found_now) && only_checked(&edit, &checked_before)) {
        return None;
    }
    // A report's or a meeting's front matter may change in its cover facts
    // ([`Facts`]); any other front matter must be the same, byte for byte.
    let facts = if old.front() == new.front() {
        None
    } else if !only_checked(&edit, &checked_before) {
        return None;
    } else {
        Some(Facts::of(edit.file, &edit.kind, &old.text, &new.text)?)
    };
    let (which, key) = find(&made.site, edit.file)?;
    let meeting = made.published.get(&key)?.meeting_id.clone();
    match (&facts, which) {
        (None, _) => {}
        (Some(Facts::Report(front)), One::Report(i)) => {
            let report = made.site.papers.reports.get_mut(i)?;
            let path = report.body.path.clone();
            crate::resolve::meetings::describe(report, front, &path);
        }
        (Some(Facts::Meeting(front)), One::Meeting(i)) => {
            crate::resolve::meetings::describe_meeting(made.site.papers.meetings.get_mut(i)?, front);
        }
        (Some(_), _) => return None,
    }

    // The new body in the site, and the document rendered again from it.
    let old_body = std::mem::replace(
        body_of(&mut made.site, which)?,
        Shared::whole(&new.text).part(new.body()),
    );
    let Some(old_doc) = render_same_terms(made, edit.kept, which, &key) else {
        // The glossary page would change: a full build, from the site as it
        // was (or, if its facts changed, from nothing kept).
        if facts.is_some() {
            *made_slot = None;
            return None;
        }
        if let Some(b) = body_of(&mut made.site, which) {
            *b = old_body;
        }
        render_again(made, edit.kept, which);
        return None;
    };
    let change = Change::of_one(edit.file, &new, (checked_before, checked_now), key, old_doc);
    let pages = |cx: &EmitContext, out: &mut Output| {
        // The pages render no Markdown of their own: what warns is the
        // document, rendered again above.
        out.set_emitter("pages");
        let _ = emit::pages::one(cx, out, which);
        match &facts {
            // The home page lists the latest reports, with their facts.
            Some(Facts::Report(_)) => {
                let _ = emit::pages::home(cx, out);
            }
            // Lists of meetings show each with its facts.
            Some(Facts::Meeting(_)) => {
                let _ = emit::pages::meeting_lists(cx, out);
            }
            None => {}
        }
        if let Some(m) = &meeting {
            out.set_emitter("pack");
            let _ = emit::pack::pack_of(cx, out, m);
        }
    };
    Some(apply(made, edit.kept, change, &pages, edit.previous, edit.pages_ready))
}

/// A change to the record of minutes alone: their front matter (status,
/// attendance, resolutions) byte for byte the same, and the same minutes
/// (numbers, titles, agenda items) naming the same references and data sets;
/// the text of the preamble and of each minute may change, and move within
/// the file. Only the minutes' own page shows that text (and the outputs
/// that gather the whole site).
fn minutes_edit(made_slot: &mut Option<Made>, edit: Edit) -> Option<Quick> {
    let made = made_slot.as_mut()?;
    let old = Reread::text(edit.file, edit.previous.sources.get(edit.file)?.clone())?;
    let new = Reread::of(edit.root, edit.file)?;
    if old.front() != new.front() || old.body_line != new.body_line {
        return None;
    }
    let split = |r: &Reread| crate::load::minutes_body::split(&Shared::whole(&r.text).part(r.body()), r.body_line);
    let (before, after) = (split(&old), split(&new));
    let same_minutes = same_found(&before.preamble_found, &after.preamble_found)
        && before.sections.len() == after.sections.len()
        && before.sections.iter().zip(&after.sections).all(|(a, b)| {
            a.number == b.number && a.title == b.title && a.item == b.item && same_found(&a.found, &b.found)
        });
    let checked_before = file_checks(made, &edit, &old.text, old.privacy_allow.as_deref());
    let checked_now = file_checks(made, &edit, &new.text, new.privacy_allow.as_deref());
    if !same_minutes || !only_checked(&edit, &checked_before) {
        return None;
    }
    let i = made.site.papers.minutes.iter().position(|m| m.file == edit.file)?;
    let key = made.site.papers.minutes[i].key.clone();
    if made.published.get(&key).is_none() || made.site.papers.minutes[i].minutes.len() != after.sections.len() {
        return None;
    }
    // The new text in the site, and the minutes rendered again from it.
    let minutes = &mut made.site.papers.minutes[i];
    minutes.preamble = Markdown {
        text: after.preamble,
        line: new.body_line,
        ..minutes.preamble.clone()
    };
    for (minute, s) in minutes.minutes.iter_mut().zip(after.sections) {
        minute.body = Markdown {
            text: s.body,
            line: s.body_line,
            ..minute.body.clone()
        };
    }
    let Some(old_doc) = render_same_terms(made, edit.kept, One::Minutes(i), &key) else {
        *made_slot = None;
        return None;
    };
    let change = Change::of_one(edit.file, &new, (checked_before, checked_now), key, old_doc);
    let pages = |cx: &EmitContext, out: &mut Output| {
        out.set_emitter("pages");
        let _ = emit::pages::one(cx, out, One::Minutes(i));
    };
    Some(apply(made, edit.kept, change, &pages, edit.previous, edit.pages_ready))
}

/// Do two texts name the same references and data sets, in the same order?
/// Where they are matters only to diagnostics, and the file has none but
/// its own checks' ([`only_checked`]).
fn same_found(a: &crate::load::references::Found, b: &crate::load::references::Found) -> bool {
    a.refs.iter().map(|r| &r.target).eq(b.refs.iter().map(|r| &r.target))
        && a.fences.iter().map(|f| &f.name).eq(b.fences.iter().map(|f| &f.name))
}

/// What the checks of one file alone find in its `text`: personal data
/// (with what its front matter acknowledges, `allow`) and links written in
/// plain-text fields.
fn file_checks(made: &Made, edit: &Edit, text: &str, allow: Option<&[String]>) -> Vec<Diagnostic> {
    let settings = crate::resolve::privacy::Settings {
        allow: &made.site.config.privacy_allow,
        postcodes: made.site.config.privacy_postcodes,
    };
    let mut found = crate::resolve::privacy::check_file(edit.file, text, &settings, allow);
    found.extend(crate::load::plain_text::check(edit.file, &edit.kind, text));
    found
}

/// Did the last build say nothing about the edited file but what its own
/// checks (`checked`) say? Anything else could depend on where things are
/// in it.
fn only_checked(edit: &Edit, checked: &[Diagnostic]) -> bool {
    !edit
        .previous
        .diagnostics
        .iter()
        .any(|d| d.file == edit.file && !checked.contains(d))
}

/// A change to an updates file (`updates/*.yaml`) alone, if it keeps
/// every update it held (the same recommendation, date and meeting) and
/// changes their status, text or place in the file, or adds updates (see
/// [`restated`] and [`crate::resolve::tracker::restate`] for what does not
/// fit, and builds in full). Such a change touches the recommendations'
/// own pages and status (and so their trackers, and their reviews' counts
/// on review, committee and home pages), the pages and packs of the
/// meetings that made them or heard the updates (a new update's meeting and
/// recommendation also refer to each other), and the outputs that gather
/// the whole site. The last build must have said nothing about the file
/// but what the personal-data and plain-text checks say, which are made
/// again.
fn progress_edit(made_slot: &mut Option<Made>, edit: Edit) -> Option<Quick> {
    let made = made_slot.as_mut()?;
    let old_text = edit.previous.sources.get(edit.file)?.clone();
    let new_text = crate::load::read_again(edit.root, edit.file)?;
    let old = crate::load::updates_file(edit.file, &old_text).ok()?;
    let new = crate::load::updates_file(edit.file, &new_text).ok()?;
    let changes = restated(edit.file, &old, &new)?;
    if changes.is_empty() {
        return None;
    }
    let checked_before = file_checks(made, &edit, &old_text, None);
    let checked_now = file_checks(made, &edit, &new_text, None);
    if !only_checked(&edit, &checked_before) {
        return None;
    }
    let trackers_before = emit::pages::tracker_paths(&made.site);
    let touched = crate::resolve::tracker::restate(&mut made.site, &changes)?;
    // From here the kept site has changed: any doubt forgets it, and the
    // full build that follows keeps its own.
    let mut docs = Vec::new();
    let again = touched
        .recs
        .iter()
        .map(|&i| (One::Rec(i), made.site.recs[i].key.clone()))
        .chain(
            touched
                .meetings
                .iter()
                .map(|&i| (One::Meeting(i), made.site.papers.meetings[i].key.clone())),
        )
        .collect::<Vec<_>>();
    for (which, key) in again {
        if made.published.get(&key).is_none() {
            continue;
        }
        match render_same_terms(made, edit.kept, which, &key) {
            Some(d) => docs.push((key, d)),
            None => {
                *made_slot = None;
                return None;
            }
        }
    }
    let made = made_slot.as_mut()?;
    let trackers_now = emit::pages::tracker_paths(&made.site);
    let change = Change {
        file: edit.file,
        checks: (checked_before, checked_now),
        text: new_text,
        docs,
        // Tracker pages of a status that no recommendation has any more.
        gone: trackers_before.difference(&trackers_now).cloned().collect(),
    };
    let pages = |cx: &EmitContext, out: &mut Output| {
        out.set_emitter("pages");
        let _ = emit::pages::progress(cx, out, &touched.recs, &touched.meetings, touched.items);
        out.set_emitter("pack");
        for m in &touched.meetings {
            if let Some(meeting) = cx.site.papers.meetings.get(*m) {
                let _ = emit::pack::pack_of(cx, out, &meeting.id);
            }
        }
    };
    Some(apply(made, edit.kept, change, &pages, edit.previous, edit.pages_ready))
}

/// A document's cover facts, changed alone: the front matter of the report
/// or meeting whose text was `old` and is `new`, when the two differ only in
/// what [`crate::resolve::meetings::describe`] (a report's recommendations
/// keeping their ids and order) or
/// [`crate::resolve::meetings::describe_meeting`] sets.
enum Facts {
    Report(ReportFile),
    Meeting(MeetingFile),
}

impl Facts {
    fn of(file: &str, kind: &FileKind, old: &str, new: &str) -> Option<Facts> {
        const REPORT: [&str; 6] = [
            "report_by",
            "author",
            "decision_type",
            "wards",
            "purpose",
            "background_papers",
        ];
        const MEETING: [&str; 5] = ["time", "time_note", "venue", "webcast", "contact"];
        match kind {
            FileKind::Report { .. } => {
                let (front, mut before, mut after) = fronts::<ReportFile>(file, old, new, &REPORT)?;
                let ids = |v: Option<serde_json::Value>| -> Option<Vec<serde_json::Value>> {
                    match v {
                        None => Some(Vec::new()),
                        Some(serde_json::Value::Array(list)) => {
                            list.into_iter().map(|r| r.get("id").cloned()).collect()
                        }
                        Some(_) => None,
                    }
                };
                let (b, a) = (before.as_object_mut()?, after.as_object_mut()?);
                (ids(b.remove("recommendations"))? == ids(a.remove("recommendations"))? && b == a)
                    .then_some(Facts::Report(front))
            }
            FileKind::Meeting { .. } => {
                let (front, before, after) = fronts::<MeetingFile>(file, old, new, &MEETING)?;
                (before == after).then_some(Facts::Meeting(front))
            }
            _ => None,
        }
    }
}

/// The new front matter of `file` (from its text `new`), and the old and
/// new front matter as plain values without the fields `facts`.
fn fronts<T: serde::de::DeserializeOwned>(
    file: &str,
    old: &str,
    new: &str,
    facts: &[&str],
) -> Option<(T, serde_json::Value, serde_json::Value)> {
    let (_, mut before) = crate::load::front_matter::<T>(file, old)?;
    let (front, mut after) = crate::load::front_matter::<T>(file, new)?;
    for key in facts {
        before.as_object_mut()?.remove(*key);
        after.as_object_mut()?.remove(*key);
    }
    Some((front, before, after))
}

/// The updates of `new` that are new or whose status, text or line differ
/// from `old`'s; `None` when an update of `old` is gone or was given another
/// meeting, when two updates name the same recommendation and date, or
/// when a changed text has references or data sets (backlinks would change).
fn restated(file: &str, old: &UpdatesFile, new: &UpdatesFile) -> Option<Vec<Restated>> {
    type Id = (String, Date);
    let id = |u: &Update| Some((u.rec.as_ref()?.value.clone(), u.as_at.value));
    let mut before: HashMap<Id, &Spanned<Update>> = HashMap::new();
    for a in old {
        if before.insert(id(&a.value)?, a).is_some() {
            return None;
        }
    }
    let no_refs = |text: &Option<String>, line: usize| {
        let (refs, fences) = scan_all(text.as_deref().unwrap_or(""), line);
        refs.is_empty() && fences.is_empty()
    };
    let mut seen: HashSet<Id> = HashSet::new();
    let mut out = Vec::new();
    for b in new {
        let v = &b.value;
        let line = pos(b).line;
        let key = id(v)?;
        if !seen.insert(key.clone()) {
            return None;
        }
        let added = match before.get(&key) {
            None => true,
            Some(a) => {
                let u = &a.value;
                if u.at.as_ref().map(|m| &m.value) != v.at.as_ref().map(|m| &m.value) {
                    return None;
                }
                if u.status.value == v.status.value && u.text == v.text && pos(a).line == line {
                    continue;
                }
                if (u.text != v.text || pos(a).line != line)
                    && !(no_refs(&u.text, pos(a).line) && no_refs(&v.text, line))
                {
                    return None;
                }
                false
            }
        };
        out.push(Restated {
            rec: key.0,
            as_at: key.1,
            status: v.status.value.clone(),
            at: v.at.as_ref().map(|m| m.value.clone()),
            text: v.text.clone(),
            file: file.to_string(),
            line,
            added,
        });
    }
    // Every update of `old` is still there.
    if before.keys().any(|k| !seen.contains(k)) {
        return None;
    }
    Some(out)
}

/// Is what `made` shows still what the site shows today? (What is public
/// can depend on the date.)
fn same_day(made: &Made, opts: &BuildOptions) -> bool {
    opts.as_of.is_some() || Date::today_in_zone(&made.site.config.timezone) == Some(made.today)
}

/// One file's change, applied to the kept site and rendered again.
struct Change<'f> {
    file: &'f str,
    /// Its new text.
    text: std::sync::Arc<str>,
    /// What the checks of the file alone (personal data; for an updates
    /// file, plain text too) found in it before and after.
    checks: (Vec<Diagnostic>, Vec<Diagnostic>),
    /// The documents rendered again (by key), as they were before.
    docs: Vec<(crate::resolve::entities::Key, crate::render::published::Doc)>,
    /// Pages the site no longer has.
    gone: BTreeSet<String>,
}

impl<'f> Change<'f> {
    /// A change to one document's file, `new` now, whose document (`key`)
    /// was `old_doc`.
    fn of_one(
        file: &'f str,
        new: &Reread,
        checks: (Vec<Diagnostic>, Vec<Diagnostic>),
        key: crate::resolve::entities::Key,
        old_doc: crate::render::published::Doc,
    ) -> Self {
        Change {
            file,
            text: new.text.clone(),
            checks,
            docs: vec![(key, old_doc)],
            gone: BTreeSet::new(),
        }
    }
}

/// Make the pages `pages` makes again and the outputs that gather the whole
/// site, audit them, and give the site with them; the diagnostics are the
/// last build's with those of the change's file and documents replaced.
fn apply(
    made: &mut Made,
    kept: &Kept,
    change: Change,
    pages: &dyn Fn(&EmitContext, &mut Output),
    previous: Previous,
    pages_ready: &dyn Fn(BTreeMap<String, Bytes>),
) -> Quick {
    let old_rest = std::mem::take(&mut made.rest_diagnostics);
    let mut sources = previous.sources.clone();
    sources.insert(change.file.to_string(), change.text.clone());
    let mut diagnostics: Vec<Diagnostic> = previous.diagnostics.to_vec();
    let old_warnings = change.docs.iter().flat_map(|(_, d)| d.warnings.iter().cloned());
    let gone = old_warnings.chain(change.checks.0).chain(old_rest);
    for d in gone {
        if let Some(i) = diagnostics.iter().position(|x| *x == d) {
            diagnostics.remove(i);
        }
    }
    for (key, _) in &change.docs {
        diagnostics.extend(made.published.get(key).map(|d| d.warnings.clone()).unwrap_or_default());
    }
    diagnostics.extend(change.checks.1);

    // The pages, shown at once; then the outputs that gather the whole site.
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
        search: Some(&kept.search),
    };
    let audit = crate::audit::Live::new(cx.site, cx.published, &sources);
    let store = super::state::Store::default();
    let mut out = Output::new(&store, Some(&audit));
    pages(&cx, &mut out);
    let remade: BTreeSet<String> = out.paths().into_iter().collect();
    let kept_pages: BTreeSet<String> = previous
        .pages
        .iter()
        .filter(|p| !remade.contains(*p) && !change.gone.contains(*p))
        .cloned()
        .collect();
    out.already(kept_pages.iter().cloned());
    let mut files: BTreeMap<String, Bytes> = previous.files.clone();
    files.retain(|p, _| !change.gone.contains(p));
    files.extend(store.files().clone());
    if audit.clean_so_far() {
        pages_ready(files.clone());
    }
    let (rest, _) = emit::emit_phase(&cx, &mut out, emit::Phase::Rest);
    files.retain(|p, _| kept_pages.contains(p));
    files.extend(std::mem::take(&mut *store.files()));
    let (_, problems) = out.finish();
    diagnostics.extend(rest.iter().cloned());
    diagnostics.extend(problems);
    diagnostics.extend(crate::audit::diagnostics(&audit.finish()));
    made.rest_diagnostics = rest;
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let mut pages_now = kept_pages;
    pages_now.extend(remade);
    Quick {
        files: (!failed).then_some(files),
        pages: pages_now,
        diagnostics,
        sources,
    }
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
        One::Rec(_) | One::Minutes(_) => return None,
    })
}

/// Render document `which` (whose key is `key`) again: the document it
/// replaced, if the new one expands the same glossary terms first; `None`
/// if it does not (the glossary page would change), or was not rendered.
fn render_same_terms(
    made: &mut Made,
    kept: &Kept,
    which: One,
    key: &crate::resolve::entities::Key,
) -> Option<crate::render::published::Doc> {
    let old = render_again(made, kept, which)?;
    (made.published.get(key).map(|d| &d.used_terms) == Some(&old.used_terms)).then_some(old)
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
