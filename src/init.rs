//! `minutebook init` (a new site that builds at once, with CI recipes for
//! GitHub and GitLab) and `minutebook new` (a document with the right front
//! matter in the right place).
//!
//! The CI recipes (`init/github-workflow.yml`, `init/gitlab-ci.yml`) check
//! every pull or merge request with `minutebook check --strict` and publish
//! the main branch to GitHub or GitLab Pages. They install minutebook with
//! `cargo install --locked minutebook --version <this version>`: pinned to the
//! release that wrote them, so a site upgrades when its maintainers change one
//! line, never by surprise. `docs/publishing.md` explains them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::load::primitives::{Date, id_problem};

const SITE: &str = "title: Example Council committee papers
base_url: https://papers.example.gov.uk
language: en-GB
timezone: Europe/London
financial_year_start: 04-01
theme: default
contact: { name: Democratic Services, email: democratic.services@example.gov.uk, phone: 01000 000000 }
terminology:
  chair: Chair
  vice_chair: Vice-chair
  executive: Cabinet
  executive_member: Cabinet member
privacy:
  allow: [democratic.services@example.gov.uk, 01000 000000]
accessibility:            # the accessibility statement at /accessibility/ (all optional)
  organisation: Example Council
  nation: england         # england | wales | scotland | northern-ireland
  # compliance: partial   # full | partial | not, from your own testing
  # known_issues: [Webcasts of meetings do not all have captions.]
  # last_tested: 2024-01-31
";

const COMMITTEE: &str = "---
title: Scrutiny committee
type: scrutiny
membership:
  - { person: alex-example, role: chair }
---
The committee reviews decisions and services of the council.
";

const PEOPLE: &str = "- id: alex-example
  name: Alex Example
  title: Councillor
- id: democratic-services
  role_title: Democratic Services Officer
";

const ABOUT: &str = "---
title: About these papers
---
This site publishes the council's committee papers.
";

/// `.github/workflows/minutebook.yml`: check pull requests, publish main to GitHub Pages.
const GITHUB_WORKFLOW: &str = include_str!("init/github-workflow.yml");
/// `.gitlab-ci.yml`: check merge requests, publish the default branch to GitLab Pages.
const GITLAB_CI: &str = include_str!("init/gitlab-ci.yml");

const GITIGNORE: &str = "# Built by minutebook: never commit these.
/output/
/public/
/.output.*
/.public.*
";

/// A CI recipe with the running minutebook's version filled in.
pub fn ci_recipe(text: &str) -> String {
    text.replace("{version}", env!("CARGO_PKG_VERSION"))
}

fn write_new(path: &Path, text: &str) -> io::Result<()> {
    if path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists; nothing was overwritten", path.display()),
        ));
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

/// Create a new site in `dir` that builds straight away.
pub fn init(dir: &Path, today: Date) -> io::Result<Vec<PathBuf>> {
    if dir.join("site.yaml").exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already holds a site.yaml", dir.display()),
        ));
    }
    let meeting = format!("{}-scrutiny", today.iso());
    let files = vec![
        (dir.join("site.yaml"), SITE.to_string()),
        (dir.join("content/committees/scrutiny.md"), COMMITTEE.to_string()),
        (dir.join("content/people.yaml"), PEOPLE.to_string()),
        (dir.join("content/pages/about.md"), ABOUT.to_string()),
        (
            dir.join(format!("content/meetings/{meeting}/index.md")),
            meeting_text("scrutiny", today),
        ),
    ];
    // A repository may already have these: they are kept as they are.
    let extras = [
        (dir.join(".github/workflows/minutebook.yml"), ci_recipe(GITHUB_WORKFLOW)),
        (dir.join(".gitlab-ci.yml"), ci_recipe(GITLAB_CI)),
        (dir.join(".gitignore"), GITIGNORE.to_string()),
    ];
    let mut made = Vec::new();
    for (p, t) in files {
        write_new(&p, &t)?;
        made.push(p);
    }
    for (p, t) in extras {
        if !p.exists() {
            write_new(&p, &t)?;
            made.push(p);
        }
    }
    Ok(made)
}

fn meeting_text(committee: &str, date: Date) -> String {
    format!(
        "---
committee: {committee}
date: {date}
time: \"10:00\"
venue: Council Chamber
status: scheduled
items:
  - n: 1
    title: Apologies for absence
    purpose: To receive apologies for absence.
  - n: 2
    title: Declarations of interest
    purpose: To receive declarations of interest.
---
"
    )
}

/// What `minutebook new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Meeting,
    Report,
    Minutes,
}

/// Scaffold a document; returns the path written.
pub fn new_document(
    root: &Path,
    kind: NewKind,
    committee: &str,
    date: Date,
    slug: Option<&str>,
    title: Option<&str>,
) -> Result<PathBuf, String> {
    if let Some(p) = id_problem(committee) {
        return Err(p);
    }
    if !root.join("content/committees").join(format!("{committee}.md")).exists() {
        return Err(format!(
            "there is no committee `{committee}`: expected content/committees/{committee}.md under {}",
            root.display()
        ));
    }
    let meeting = format!("{}-{committee}", date.iso());
    let dir = root.join("content/meetings").join(&meeting);
    let (path, text) = match kind {
        NewKind::Meeting => (dir.join("index.md"), meeting_text(committee, date)),
        NewKind::Minutes => (
            dir.join("minutes.md"),
            crate::init_guide::minutes_text(crate::init_guide::next_minute(root, committee, date)),
        ),
        NewKind::Report => {
            let slug = slug.ok_or("a report needs --slug, e.g. --slug budget-monitoring")?;
            if let Some(p) = id_problem(slug) {
                return Err(p);
            }
            let title = title.unwrap_or("Report title");
            (
                dir.join("reports").join(format!("{slug}.md")),
                format!(
                    "---
title: {title}
report_by: Director
classification: open
decision_type: not-executive
purpose: To …
recommendations:
  - {{ id: a, text: The committee notes the report. }}
---
## Key considerations

"
                ),
            )
        }
    };
    if kind != NewKind::Meeting && !dir.join("index.md").exists() {
        return Err(format!(
            "there is no meeting {meeting} yet: create it first with `minutebook new meeting --committee {committee} --date {date}`"
        ));
    }
    write_new(&path, &text).map_err(|e| e.to_string())?;
    Ok(path)
}
