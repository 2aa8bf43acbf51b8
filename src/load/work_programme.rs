//! `work-programmes/*.yaml`: a committee's planned business for a year.

use serde::Deserialize;

use super::primitives::{Date, Spanned};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkProgrammeFile {
    /// The file's kind, if stated; it must match the file's place.
    pub kind: Option<Spanned<String>>,
    pub committee: Spanned<String>,
    pub year: Spanned<String>,
    #[serde(default)]
    pub meetings: Vec<Spanned<ProgrammeMeeting>>,
    #[serde(default)]
    pub unscheduled: Vec<Spanned<ProgrammeItem>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeMeeting {
    pub date: Spanned<Date>,
    pub despatch: Option<Date>,
    #[serde(default)]
    pub items: Vec<Spanned<ProgrammeItem>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItem {
    pub title: String,
    pub author: Option<String>,
    pub form: Option<Spanned<String>>,
    pub report: Option<Spanned<String>>,
    pub status: Option<String>,
    pub notes: Option<String>,
}
