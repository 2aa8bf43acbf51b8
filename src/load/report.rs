//! `reports/<report>.md`, appendix files, `questions.yaml` and free pages.

use serde::Deserialize;

use super::frontmatter::front_matter;
use super::primitives::{Contact, Id, OneOrMany, Spanned};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Open,
    Exempt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionType {
    Key,
    NonKey,
    NotExecutive,
}

front_matter! {
    pub struct ReportFile {
        pub title: String,
        pub report_by: Option<String>,
        pub author: Option<Contact>,
        pub classification: Spanned<Classification>,
        pub exempt_paragraph: Option<Spanned<u8>>,
        pub decision_type: Option<DecisionType>,
        pub wards: Option<OneOrMany<String>>,
        pub purpose: Option<String>,
        #[serde(default)]
        pub recommendations: Vec<ReportRecommendation>,
        #[serde(default)]
        pub appendices: Vec<Spanned<AppendixEntry>>,
        pub background_papers: Option<String>,
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRecommendation {
    pub id: Id,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixEntry {
    pub id: Spanned<Id>,
    pub title: String,
    pub file: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub exempt_paragraph: Option<Spanned<u8>>,
}

front_matter! {
    /// An appendix file, a free page, or a plan's `index.md` body.
    pub struct TitledFile {
        pub title: String,
    }
}

front_matter! {
    /// A plan's `index.md`, whose title is optional (plan.yaml's wins).
    pub struct PlanIndexFile {
        pub title: Option<String>,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Public,
    Member,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Spanned<Id>,
    pub kind: QuestionKind,
    pub questioner: Option<Spanned<String>>,
    pub locality: Option<String>,
    pub to: Option<String>,
    pub question: String,
    pub response: Option<String>,
    pub supplementary: Option<Supplementary>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplementary {
    pub disallowed: Option<String>,
    pub question: Option<String>,
    pub response: Option<String>,
    #[serde(default)]
    pub responses: Vec<SupplementaryResponse>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplementaryResponse {
    pub by: Option<String>,
    pub text: String,
}

pub type QuestionsFile = Vec<Spanned<Question>>;
