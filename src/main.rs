//! The `minutebook` command line: build, check, serve, init, new.

mod bars;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use minutebook::diagnostics::{self, Format};
use minutebook::load::primitives::Date;
use minutebook::resolve::config::BuildOptions;
use minutebook::write::Event;

/// mimalloc instead of the system allocator: allocation was a sixth of a
/// 10,000-document build's profile (see docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Give the memory freed by a stage back to the system, on every thread
/// that may hold some (rayon's and this one): mimalloc keeps a thread's
/// freed pages for its next allocations, so a stage's scratch memory would
/// otherwise stay resident under the next stage's peak. Set as the build's
/// [`minutebook::heap`] hook.
#[allow(unsafe_code)]
fn give_back_freed_memory() {
    // SAFETY: `mi_collect` has no preconditions: it only frees or returns to
    // the system pages of the calling thread's heap that hold no live block.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

#[derive(Parser)]
#[command(
    name = "minutebook",
    version,
    about = "Publish committee papers as an accessible static website"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (swapped in only when the build succeeds).
    Build {
        /// The site's folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Build as if today were this date (YYYY-MM-DD): embargoes and overdue actions follow it.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Publish `draft: true` documents, marked as drafts.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// How to print problems.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Replace an existing output folder that minutebook did not create.
        #[arg(long)]
        force: bool,
        /// Print how long each stage took.
        #[arg(long)]
        verbose: bool,
        /// Print no progress bars, only problems and the one-line summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check the whole site and report every problem; writes nothing.
    Check {
        /// The site's folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems: human (with source snippets), json (one object a line) or github (CI annotations).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Check as if today were this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Instead of problems, print what is public on the --as-of date, what is withheld and
        /// why, and when each embargoed document becomes public (a table, or JSON lines with
        /// --format json). An internal report for officers: it shows the titles of withheld
        /// documents too, so do not publish it.
        #[arg(long)]
        publication: bool,
    },
    /// Build the site in memory and serve it, rebuilding on every change; pages reload themselves.
    Serve {
        /// The site's folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (127.0.0.1: this computer only).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Build as if today were this date (YYYY-MM-DD): embargoes and overdue actions follow it.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Publish `draft: true` documents, marked as drafts.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
    },
    /// Create a new site in DIR that builds straight away.
    Init {
        dir: PathBuf,
        /// The council's name, used as the site's title.
        #[arg(long)]
        name: Option<String>,
    },
    /// Create a meeting, report or minutes file with the right front matter.
    New {
        kind: minutebook::init::NewKind,
        /// Committee id (the file stem under content/committees/).
        #[arg(long)]
        committee: String,
        /// Meeting date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        date: Date,
        /// For a report: its file name without .md.
        #[arg(long)]
        slug: Option<String>,
        /// For a report: its title.
        #[arg(long)]
        title: Option<String>,
        /// The site's folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn report(built: &minutebook::Built, format: Format, strict: bool) -> bool {
    let mut diags = built.diagnostics.clone().into_sorted();
    if strict {
        for d in &mut diags {
            d.severity = diagnostics::Severity::Error;
        }
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = diagnostics::render(&diags, &built.sources, format, color);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match format {
        Format::Human => {
            eprint!("{text}");
            if !diags.is_empty() {
                eprintln!("{errors} error(s), {warnings} warning(s)");
            }
        }
        _ => print!("{text}"),
    }
    errors == 0
}

/// `check --publication`: the site's publication states, after its errors if any.
fn publication_report(root: &std::path::Path, opts: &BuildOptions, format: Format) -> ExitCode {
    if format == Format::Github {
        eprintln!("error: --publication prints a table (--format human) or JSON lines (--format json)");
        return ExitCode::from(2);
    }
    let (site, built) = minutebook::resolve_only(root, opts);
    let ok = report(&built, format, false);
    let Some(site) = site.filter(|_| ok) else {
        eprintln!("fix the errors above first: what is public depends on them");
        return ExitCode::from(1);
    };
    let rows = minutebook::publication::rows(&site);
    match format {
        Format::Json => print!("{}", minutebook::publication::json_lines(&rows)),
        _ => print!("{}", minutebook::publication::table(&rows, site.config.as_of)),
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    minutebook::heap::set_trim(give_back_freed_memory);
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            as_of,
            drafts,
            strict,
            format,
            force,
            verbose,
            quiet,
        } => {
            let started = std::time::Instant::now();
            let target = output.unwrap_or_else(|| root.join("output"));
            // Fail fast: an unsafe output is refused before the (slow) build.
            if let Err(e) = minutebook::write::check(&root, &target, force) {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
            let opts = BuildOptions {
                base_url,
                as_of,
                drafts,
            };
            let on_event = |event: Event<'_>| match event {
                Event::Waiting { output } => {
                    eprintln!("waiting for another build of {} to finish…", output.display());
                }
                Event::Restored { from, output } => eprintln!(
                    "restored {} from {}, left by a build that was stopped part-way",
                    output.display(),
                    from.display()
                ),
            };
            // Files are written into a staging folder as they are made, and
            // swapped in only when the whole build passed.
            let staging = match minutebook::write::Staging::begin(&root, &target, force, on_event) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(1);
                }
            };
            let bars = bars::Bars::new(!quiet && std::io::stderr().is_terminal());
            let built = minutebook::build_to(&root, &opts, &staging, &bars);
            bars.finish();
            if verbose {
                for (stage, took, peak) in &built.timings {
                    match peak {
                        Some(bytes) => eprintln!(
                            "{:>8.3} s  {stage} (peak memory {} MB)",
                            took.as_secs_f64(),
                            bytes / 1_000_000
                        ),
                        // An emitter, timed within "emit and store".
                        None => eprintln!("{:>8.3} s    {stage}", took.as_secs_f64()),
                    }
                }
            }
            let ok = report(&built, format, strict);
            let Some(written) = built.written.filter(|_| ok) else {
                drop(staging);
                eprintln!("build failed: nothing was written; the previous output is unchanged");
                return ExitCode::from(1);
            };
            match staging.commit() {
                Ok(()) => {
                    eprintln!(
                        "wrote {} files ({} pages) from {} source files to {} in {:.1} s",
                        written.files,
                        written.pages,
                        built.documents,
                        target.display(),
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            format,
            strict,
            as_of,
            publication,
        } => {
            let opts = BuildOptions {
                as_of,
                ..BuildOptions::default()
            };
            if publication {
                return publication_report(&root, &opts, format);
            }
            // Everything is made and audited, and nothing is kept or copied.
            let built = minutebook::build_to(&root, &opts, &minutebook::emit::Discard, &minutebook::Quiet);
            if report(&built, format, strict) {
                if format == Format::Human && built.diagnostics.is_empty() {
                    eprintln!("no problems found");
                }
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            as_of,
            drafts,
            open,
        } => {
            let opts = minutebook::serve::ServeOptions {
                root,
                bind,
                port,
                as_of,
                drafts,
                open,
            };
            match minutebook::serve::run(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir, name } => match minutebook::init::init(&dir, Date::today()) {
            Ok(files) => {
                for f in files {
                    eprintln!("created {}", f.display());
                }
                if let Some(name) = name
                    && let Err(e) = minutebook::init_guide::set_title(&dir, &name)
                {
                    eprintln!("error: could not set the title in site.yaml: {e}");
                    return ExitCode::from(1);
                }
                eprint!("{}", minutebook::init_guide::guidance(&dir, Date::today()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::New {
            kind,
            committee,
            date,
            slug,
            title,
            root,
        } => match minutebook::init::new_document(&root, kind, &committee, date, slug.as_deref(), title.as_deref()) {
            Ok(p) => {
                eprintln!("created {}", p.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}
