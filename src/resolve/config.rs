//! The resolved site configuration: site.yaml with defaults filled in and
//! command-line overrides applied.

use serde::Serialize;

pub use super::vocabulary::{Vocabularies, Vocabulary};
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::primitives::{Contact, Date, pos};
use crate::load::site::{Licence, SiteFile, Terminology};

/// Options given on the command line that override site.yaml.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub base_url: Option<String>,
    pub as_of: Option<Date>,
    pub drafts: bool,
}

/// Role words with every gap filled.
#[derive(Debug, Clone, Serialize)]
pub struct Terms {
    pub chair: String,
    pub vice_chair: String,
    pub executive: String,
    pub executive_member: String,
}

impl Terms {
    pub fn from(t: &Terminology) -> Terms {
        Terms {
            chair: t.chair.clone().unwrap_or_else(|| "Chair".into()),
            vice_chair: t.vice_chair.clone().unwrap_or_else(|| "Vice-chair".into()),
            executive: t.executive.clone().unwrap_or_else(|| "Cabinet".into()),
            executive_member: t.executive_member.clone().unwrap_or_else(|| "Cabinet member".into()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The site's folder.
    #[serde(skip)]
    pub root: std::path::PathBuf,
    pub title: String,
    pub description: Option<String>,
    /// Absolute base URL without a trailing slash.
    pub base_url: String,
    /// The path part of the base URL (`""` or `/papers`), prefixed to every link.
    pub base_path: String,
    pub language: String,
    pub timezone: String,
    pub as_of: Date,
    pub fy_start: (u8, u8),
    pub theme: String,
    pub contact: Option<Contact>,
    pub terminology: Terminology,
    pub terms: Terms,
    pub minute_number: String,
    pub vocabularies: Vocabularies,
    pub privacy_allow: Vec<String>,
    /// Look for postcodes in minutes and questions (`privacy: { postcodes: true }`).
    pub privacy_postcodes: bool,
    pub show_drafts: bool,
    /// Publish draft minutes (marked as drafts); `false` leaves them out.
    pub draft_minutes: bool,
    /// The domain naming this site in feed ids and calendar UIDs: site.yaml's
    /// `site_id`, else the host of site.yaml's own `base_url` (never of
    /// `--base-url`, so a preview build keeps the same ids).
    pub site_id: String,
    /// The open-data licence.
    pub licence: Licence,
    /// site.yaml's `accessibility:` block, for the accessibility statement.
    #[serde(skip)]
    pub accessibility: crate::load::accessibility::AccessibilityFile,
    /// The free pages every page's footer links: filled in by resolve once
    /// the pages are known (see `resolve/footer.rs`).
    pub footer: Vec<super::entities::Link>,
}

/// The Open Government Licence, the default for open data.
pub fn default_licence() -> Licence {
    Licence {
        name: "Open Government Licence v3.0".into(),
        url: Some("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/".into()),
    }
}

/// The host of an absolute URL, lower-cased, without port or credentials.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// site.yaml's `privacy.allow`, each without spaces and in lower case.
pub fn privacy_allow(site: &SiteFile) -> Vec<String> {
    site.privacy
        .allow
        .iter()
        .map(|s| s.replace(' ', "").to_lowercase())
        .collect()
}

pub fn resolve(root: &std::path::Path, site: &SiteFile, opts: &BuildOptions, diags: &mut Vec<Diagnostic>) -> Config {
    let base = opts.base_url.clone().unwrap_or_else(|| site.base_url.value.clone());
    let base = base.trim_end_matches('/').to_string();
    let base_path = match base.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or(String::new(), |i| rest[i..].to_string()),
        None => {
            diags.push(
                Diagnostic::at(
                    "site.yaml",
                    pos(&site.base_url),
                    format!("base_url `{base}` is not an absolute URL"),
                )
                .with_help("write the full address, e.g. https://papers.example.gov.uk"),
            );
            String::new()
        }
    };
    let fy_start = match &site.financial_year_start {
        None => (4, 1),
        Some(s) => match parse_month_day(&s.value) {
            Some(md) => md,
            None => {
                diags.push(
                    Diagnostic::at("site.yaml", pos(s), format!("`{}` is not a month and day", s.value))
                        .with_help("write financial_year_start as MM-DD, e.g. \"04-01\""),
                );
                (4, 1)
            }
        },
    };
    if let Some(t) = &site.theme
        && t.value != "default"
        && t.value.contains(['/', '\\'])
    {
        diags.push(Diagnostic::at(
            "site.yaml",
            pos(t),
            "a theme name cannot contain a path",
        ));
    }
    let site_id = match &site.site_id {
        Some(id) => {
            let ok = !id.value.is_empty()
                && id
                    .value
                    .split('.')
                    .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            if !ok {
                diags.push(
                    Diagnostic::at(
                        "site.yaml",
                        pos(id),
                        format!("site_id `{}` is not a domain name", id.value),
                    )
                    .with_help("write a domain the council owns, e.g. papers.example.gov.uk"),
                );
            }
            id.value.to_ascii_lowercase()
        }
        None => host_of(&site.base_url.value).unwrap_or_else(|| "localhost".into()),
    };
    let timezone = site
        .timezone
        .as_ref()
        .map_or_else(|| DEFAULT_TIMEZONE.to_string(), |t| t.value.clone());
    let tz = match jiff::tz::db().get(&timezone) {
        Ok(tz) => tz,
        Err(_) => {
            if let Some(t) = &site.timezone {
                diags.push(unknown_timezone(&t.value, pos(t)));
            }
            jiff::tz::TimeZone::UTC
        }
    };
    let vocabularies = Vocabularies::resolve(&site.vocabularies, diags);
    Config {
        root: root.to_path_buf(),
        title: site.title.clone(),
        description: site.description.clone(),
        base_url: base,
        base_path,
        language: site.language.clone().unwrap_or_else(|| "en-GB".into()),
        timezone,
        as_of: opts.as_of.or(site.as_of).unwrap_or_else(|| Date::today_in(&tz)),
        fy_start,
        theme: site
            .theme
            .as_ref()
            .map_or_else(|| "default".into(), |t| t.value.clone()),
        contact: site.contact.clone(),
        terminology: site.terminology.clone(),
        terms: Terms::from(&site.terminology),
        minute_number: site.minute_number.clone().unwrap_or_else(|| "{n}".into()),
        vocabularies,
        privacy_allow: privacy_allow(site),
        privacy_postcodes: site.privacy.postcodes,
        show_drafts: opts.drafts || site.drafts,
        draft_minutes: site.draft_minutes,
        site_id,
        licence: site.licence.clone().unwrap_or_else(default_licence),
        accessibility: site.accessibility.clone(),
        footer: Vec::new(),
    }
}

/// The time zone of a site that names none: the councils this is written for are in the UK.
const DEFAULT_TIMEZONE: &str = "Europe/London";

/// `timezone: Europe/Londn` — not a zone of the time zone database.
fn unknown_timezone(name: &str, at: Pos) -> Diagnostic {
    let names: Vec<String> = jiff::tz::db().available().map(|n| n.as_str().to_string()).collect();
    let help = match crate::suggest::closest(name, names.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "write a time zone name such as Europe/London".to_string(),
    };
    Diagnostic::at("site.yaml", at, format!("`{name}` is not a time zone")).with_help(help)
}

fn parse_month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.trim().split_once('-')?;
    let (m, d) = (m.parse::<u8>().ok()?, d.parse::<u8>().ok()?);
    Date::new(2000, m, d).map(|_| (m, d))
}

impl Config {
    /// A site-relative URL for a path like `meetings/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_path, path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn host_of_a_base_url() {
        assert_eq!(
            super::host_of("https://Papers.Example.gov.uk/x/").as_deref(),
            Some("papers.example.gov.uk")
        );
        assert_eq!(super::host_of("http://u@h.example:8080").as_deref(), Some("h.example"));
        assert_eq!(super::host_of("nope"), None);
    }
}
