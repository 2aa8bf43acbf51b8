//! Resolve: ids, references, backlinks, publishability and computed facts.
//!
//! Two passes over the loaded documents. `register` gives every entity its
//! key, URL, title and publishability, so that the second pass (`meetings`,
//! `people`, `pages`, ...) can turn every reference into a link, record it as
//! a backlink, and report the ones that do not resolve — all of them, in one
//! run. The result is one immutable [`Site`] that every emitter reads.

pub mod agenda_updates;
pub mod attendance;
pub mod config;
pub mod documents;
pub mod entities;
pub mod footer;
pub mod glossary;
pub mod hints;
pub mod meetings;
pub mod minutes;
pub mod model;
pub mod people;
pub mod plans;
pub mod privacy;
pub mod programmes;
pub mod publish;
pub mod register;
pub mod reviews;
pub mod tracker;
pub mod vocabulary;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::load::Loaded;
use crate::load::references::{self, Found};
use config::{BuildOptions, Config};
use entities::{Key, Registry};
use model::*;

/// The resolved site: every entity, every reference both ways, every fact.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub registry: Registry,
    pub committees: Vec<Committee>,
    pub people: Vec<Person>,
    /// Meetings and their papers: agendas, minutes, reports, appendices,
    /// questions and decisions.
    pub papers: meetings::Papers,
    pub pages: Vec<Page>,
    pub glossary: Vec<GlossaryTerm>,
    pub attachments: Vec<crate::load::Attachment>,
    pub reviews: Vec<tracker::Review>,
    pub plans: Vec<documents::Plan>,
    pub work_programmes: Vec<programmes::WorkProgramme>,
    pub annual_reports: Vec<documents::AnnualReport>,
    pub datasets: std::collections::BTreeMap<String, documents::StoredDataset>,
    /// Every data set's figures, for open data (ask each one's `publish`).
    pub dataset_values: Vec<documents::DatasetValues>,
    pub recs: Vec<tracker::Rec>,
    /// Recommendations made at, and updates heard by, each meeting.
    pub recs_by_meeting: tracker::ByMeeting,
    /// The agenda items whose `updates:` list a recommendation, by meeting.
    pub listed: agenda_updates::Listed,
    /// Front-matter `glossary:` entries by document content path.
    pub doc_glossaries: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// Files of exempt appendices and exempt reports: never copied.
    pub exempt_files: Vec<(String, String, String)>,
}

/// One acronym and its meanings, with `where` limits.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GlossaryTerm {
    pub term: String,
    pub meanings: Vec<GlossaryMeaning>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct GlossaryMeaning {
    pub meaning: String,
    pub where_: Vec<String>,
    /// For a meaning a document's own front matter gives: the public
    /// documents that give it (it applies to them only, through their own
    /// entries, and is listed on the glossary page with links to them).
    pub defined_in: Vec<entities::Link>,
}

/// Shared state of the resolve passes.
pub struct Ctx<'a> {
    pub loaded: &'a Loaded,
    pub config: Config,
    pub reg: Registry,
    pub diags: Vec<Diagnostic>,
    /// The file of the last entity registered: the entities of a file are
    /// registered in a row, and share its name.
    pub last_file: std::sync::Arc<str>,
}

/// What the passes carry from one to the next, apart from the loaded site
/// they read: set aside ([`Ctx::carry`]) while resolve lets go of part of
/// what is loaded, then taken up again ([`Ctx::resume`]).
struct Carried {
    config: Config,
    reg: Registry,
    diags: Vec<Diagnostic>,
    last_file: std::sync::Arc<str>,
}

impl<'a> Ctx<'a> {
    fn carry(self) -> Carried {
        Carried {
            config: self.config,
            reg: self.reg,
            diags: self.diags,
            last_file: self.last_file,
        }
    }

    fn resume(loaded: &'a Loaded, c: Carried) -> Self {
        Ctx {
            loaded,
            config: c.config,
            reg: c.reg,
            diags: c.diags,
            last_file: c.last_file,
        }
    }
}

impl Ctx<'_> {
    /// Resolve a reference and record it as a backlink from `from`.
    pub fn refer(&mut self, from: &Key, raw: &str, fixed: Option<entities::Kind>, file: &str, pos: Pos) -> Option<Key> {
        let key = self.reg.resolve_ref(raw, fixed, file, pos, &mut self.diags)?;
        self.reg.refer(from, &key);
        Some(key)
    }

    /// Scan Markdown for `[[kind:id]]` and record each as a backlink.
    pub fn scan_markdown(&mut self, from: &Key, md: &Markdown) {
        let (refs, fences) = references::scan_all(&md.text, md.line);
        self.add_found(from, md, &Found { refs, fences });
    }

    /// Record what loading found in `md` (a document's body, scanned as it
    /// was read): its references become backlinks, its data set fences are
    /// checked against the document's data sets.
    pub fn add_found(&mut self, from: &Key, md: &Markdown, found: &Found) {
        let Found { refs, fences } = found;
        for r in refs {
            self.refer(from, &r.target, None, &md.file, r.pos);
        }
        for f in fences {
            let key = documents::dataset_key(&md.path, &f.name);
            let owner = key.strip_suffix(&format!("/{}", f.name)).unwrap_or(&key).to_string();
            let here: Vec<&str> = self
                .loaded
                .datasets
                .iter()
                .filter(|d| d.owner_path == owner)
                .map(|d| d.dataset.as_str())
                .collect();
            if !here.contains(&f.name.as_str()) {
                let help = match crate::suggest::closest(&f.name, here.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? It is content/{owner}/data/{near}.yaml"),
                    None => format!(
                        "a dataset fence names a file in this document's data folder: content/{owner}/data/{}.yaml",
                        f.name
                    ),
                };
                let d = Diagnostic::at(&md.file, f.pos, format!("data set `{}` was not found", f.name)).with_help(help);
                self.diags.push(d);
            }
        }
    }

    /// Register an entity whose page (or anchor) is at the site path `path`.
    #[allow(clippy::too_many_arguments)]
    pub fn add_entity(
        &mut self,
        kind: entities::Kind,
        id: impl AsRef<str>,
        title: impl Into<std::sync::Arc<str>>,
        path: impl AsRef<str>,
        publish: publish::Publish,
        file: &str,
        at: Pos,
    ) {
        let e = entities::Entity {
            key: Key::new(kind, id),
            title: title.into(),
            url: self.config.url(path.as_ref()).into(),
            publish,
            file: self.file_name(file),
            pos: at,
        };
        self.reg.add(e, &mut self.diags);
    }

    /// `file`, sharing the last entity's copy when it is the same file.
    pub fn file_name(&mut self, file: &str) -> std::sync::Arc<str> {
        if *self.last_file != *file {
            self.last_file = std::sync::Arc::from(file);
        }
        std::sync::Arc::clone(&self.last_file)
    }

    /// A document's publishability from its front matter (`published`, `draft`).
    pub fn decide(&self, c: &crate::load::frontmatter::Common) -> publish::Publish {
        publish::decide(
            c.published.as_ref().map(|p| p.value),
            c.draft,
            self.config.as_of,
            self.config.show_drafts,
        )
    }

    /// The role words of `committee`: its own `terminology` over the site's.
    pub fn terms(&self, committee: Option<&str>) -> config::Terms {
        let site = &self.config.terminology;
        let own = committee.and_then(|c| self.loaded.committee(c));
        config::Terms::from(&own.map_or_else(|| site.clone(), |c| c.front.terminology.over(site)))
    }

    pub fn link(&self, key: &Key) -> entities::Link {
        self.reg.link(key, None)
    }
}

/// Resolve a loaded site. Returns `None` when site.yaml could not be read.
pub fn resolve(loaded: &Loaded, opts: &BuildOptions) -> (Option<Site>, Diagnostics) {
    resolve_from(Source::Borrowed(loaded), opts)
}

/// [`resolve`], letting go of what is loaded as it is resolved, where it
/// can: the same site, with a lower peak (`build`, `check`).
pub fn resolve_owned(loaded: Loaded, opts: &BuildOptions) -> (Option<Site>, Diagnostics) {
    resolve_from(Source::Owned(Box::new(loaded)), opts)
}

/// The loaded site, lent or given to resolve.
enum Source<'a> {
    Borrowed(&'a Loaded),
    Owned(Box<Loaded>),
}

impl Source<'_> {
    fn get(&self) -> &Loaded {
        match self {
            Source::Borrowed(l) => l,
            Source::Owned(l) => l,
        }
    }

    /// Let go of the meetings' papers, in an owned site.
    fn let_go_of_papers(&mut self) {
        if let Source::Owned(l) = self {
            l.let_go_of_papers();
        }
    }

    /// The loaded reports: taken out of an owned site, copied from a lent one.
    fn take_reports(&mut self) -> Vec<meetings::LoadedReport> {
        match self {
            Source::Borrowed(l) => l.reports.clone(),
            Source::Owned(l) => std::mem::take(&mut l.reports),
        }
    }
}

/// What the first passes over the loaded site made, to go on with once
/// its reports are taken out of it.
struct FirstPasses {
    carried: Carried,
    plan_files: Vec<documents::PlanSource>,
    dataset_files: Vec<documents::DatasetSource>,
    glossary: Vec<GlossaryTerm>,
    doc_glossaries: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    committees: Vec<Committee>,
    people: Vec<Person>,
    appendices: Vec<Appendix>,
    exempt_files: Vec<(String, String, String)>,
}

fn resolve_from(mut source: Source, opts: &BuildOptions) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let Some(first) = first_passes(source.get(), opts) else {
        return (None, diags);
    };
    let reports = source.take_reports();
    let mut ctx = Ctx::resume(source.get(), first.carried);
    let mut m = meetings::build(&mut ctx, reports, first.appendices);
    let pages = people::pages(&mut ctx);
    let tracked = tracker::build(&mut ctx);
    agenda_updates::attach(&mut ctx, &mut m.meetings, &tracked.recs);
    // Every view of the meetings' papers is made: what was loaded of them
    // goes, before the passes that remain.
    let carried = ctx.carry();
    source.let_go_of_papers();
    crate::heap::trim();
    let loaded = source.get();
    let mut ctx = Ctx::resume(loaded, carried);
    let docs = documents::build(&mut ctx, first.plan_files, first.dataset_files);
    let work_programmes = programmes::build(&mut ctx);
    // Last: whether a page is linked from anywhere is known only now.
    ctx.config.footer = footer::footer(&mut ctx, &pages);
    ctx.reg.finish();
    let mut site = Site {
        config: ctx.config,
        registry: ctx.reg,
        committees: first.committees,
        people: first.people,
        papers: m,
        pages,
        glossary: first.glossary,
        attachments: loaded.attachments.clone(),
        reviews: tracked.reviews,
        plans: docs.plans,
        work_programmes,
        annual_reports: docs.annual_reports,
        datasets: docs.datasets,
        recs_by_meeting: tracker::ByMeeting::new(&tracked.recs),
        listed: tracked.listed,
        dataset_values: docs.dataset_values,
        recs: tracked.recs,
        exempt_files: first.exempt_files,
        doc_glossaries: first.doc_glossaries,
    };
    people::attendance(&mut site);
    diags.extend(ctx.diags);
    (Some(site), diags)
}

/// The passes that need the loaded reports in place: every entity
/// registered, the glossaries, committees and people, and the appendices
/// (which their reports list).
fn first_passes(loaded: &Loaded, opts: &BuildOptions) -> Option<FirstPasses> {
    let site_file = loaded.site.as_ref()?;
    let mut d = Vec::new();
    let config = config::resolve(&loaded.root, &site_file.data, opts, &mut d);
    let mut ctx = Ctx {
        loaded,
        config,
        reg: Registry::default(),
        diags: d,
        last_file: std::sync::Arc::from(""),
    };
    ctx.reg.uncertain = loaded
        .failed
        .iter()
        .flat_map(|(_, k)| register::kinds_defined_by(k))
        .collect();
    register::register(&mut ctx);
    tracker::register(&mut ctx);
    let (plan_files, dataset_files) = documents::register(&mut ctx);
    programmes::register(&mut ctx);
    let glossary = glossary::glossary(&mut ctx);
    let doc_glossaries = glossary::doc_glossaries(&mut ctx);
    let (committees, people) = people::committees_and_people(&mut ctx);
    ctx.reg.compact();
    let appendices = meetings::appendices(&mut ctx);
    let exempt_files = meetings::exempt_files(&ctx);
    Some(FirstPasses {
        carried: ctx.carry(),
        plan_files,
        dataset_files,
        glossary,
        doc_glossaries,
        committees,
        people,
        appendices,
        exempt_files,
    })
}
