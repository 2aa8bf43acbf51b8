//! site.yaml's optional `accessibility:` block: what the accessibility
//! statement at `/accessibility/` says beyond what minutebook knows itself.
//! Every field is optional; the statement page (`emit/accessibility.rs`)
//! fills the gaps with the GOV.UK model statement's wording.

use serde::Deserialize;

use super::primitives::{Contact, Date, Spanned};

/// Where the council is: it decides who enforces the regulations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    #[default]
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

/// How far the site meets WCAG 2.2 AA, as the council has found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compliance {
    Full,
    Partial,
    Not,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityFile {
    /// Who runs the site (default: the site's title).
    pub organisation: Option<String>,
    /// Who to contact about accessibility (default: site.yaml's `contact`).
    pub contact: Option<Contact>,
    /// Working days to answer a request for another format.
    pub response_days: Option<u32>,
    /// england | wales | scotland | northern-ireland (default: england).
    #[serde(default)]
    pub nation: Nation,
    /// The enforcement procedure in Markdown, replacing the default for `nation`.
    pub enforcement: Option<Spanned<String>>,
    /// full | partial | not (default: partial when `known_issues` lists
    /// anything, otherwise full).
    pub compliance: Option<Compliance>,
    /// Parts of the site that are not accessible (Markdown, one a line).
    #[serde(default)]
    pub known_issues: Vec<Spanned<String>>,
    /// Content the council claims would be a disproportionate burden to fix.
    #[serde(default)]
    pub disproportionate_burden: Vec<Spanned<String>>,
    /// Content outside the regulations (e.g. PDFs published before 23 September 2018).
    #[serde(default)]
    pub outside_scope: Vec<Spanned<String>>,
    /// What the council is doing to improve accessibility (Markdown).
    pub improvements: Option<Spanned<String>>,
    /// When the statement was prepared.
    pub prepared: Option<Date>,
    /// When the statement was last reviewed.
    pub reviewed: Option<Date>,
    /// When the site was last tested.
    pub last_tested: Option<Date>,
    /// Who tested it (default: the organisation).
    pub tested_by: Option<String>,
    /// How it was tested (Markdown).
    pub how_tested: Option<Spanned<String>>,
}
