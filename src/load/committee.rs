//! `committees/<id>.md` and `people.yaml`.

use serde::Deserialize;

use super::frontmatter::front_matter;
use super::primitives::{Date, Id, Spanned};
use super::site::Terminology;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommitteeType {
    Scrutiny,
    Select,
    Cabinet,
    Council,
    Board,
    Regulatory,
    Other,
}

front_matter! {
    pub struct CommitteeFile {
        pub title: String,
        #[serde(rename = "type")]
        pub type_: CommitteeType,
        pub minute_number: Option<String>,
        #[serde(default)]
        pub terminology: Terminology,
        #[serde(default)]
        pub membership: Vec<Spanned<Membership>>,
        /// A short name used in listings, e.g. "Children's scrutiny".
        pub short_title: Option<String>,
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub person: Spanned<String>,
    pub role: Option<Spanned<String>>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub represents: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Spanned<Id>,
    pub name: Option<String>,
    pub title: Option<String>,
    pub party: Option<String>,
    pub ward: Option<String>,
    pub role_title: Option<String>,
}

pub type PeopleFile = Vec<Spanned<Person>>;
