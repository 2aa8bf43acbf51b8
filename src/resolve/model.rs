//! The resolved site's entities as templates see them: ids resolved into
//! links, statuses into labels, dates into the council's way of writing them.
//! Built once per entity in resolve and shared by every page that shows it.

use serde::Serialize;

use super::entities::{Key, Link};
use super::publish::Publish;
use super::vocabulary::{Colour, Meaning};
use std::sync::Arc;

use crate::load::primitives::{Contact, Date};
use crate::load::shared::Shared;

/// Markdown waiting to be rendered, with where it came from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Markdown {
    #[serde(skip)]
    pub text: Shared,
    #[serde(skip)]
    pub file: Arc<str>,
    #[serde(skip)]
    pub line: usize,
    /// Content path of the owning document (for glossary `where`).
    #[serde(skip)]
    pub path: Arc<str>,
}

thread_local! {
    /// The file and content path of the last [`Markdown`] made on this
    /// thread: the Markdown of one document (its body, each minute and
    /// resolution, each recommendation) is made in a row, and shares them.
    static LAST: std::cell::RefCell<(Arc<str>, Arc<str>)> = std::cell::RefCell::new((Arc::from(""), Arc::from("")));
}

impl Markdown {
    /// `text` is shared, not copied, when it is a document's [`Shared`] body.
    pub fn new(text: impl Into<Shared>, file: &str, line: usize, path: &str) -> Self {
        let (file, path) = LAST.with_borrow_mut(|(f, p)| {
            if **f != *file {
                *f = Arc::from(file);
            }
            if **p != *path {
                *p = Arc::from(path);
            }
            (Arc::clone(f), Arc::clone(p))
        });
        Self {
            text: text.into(),
            file,
            line,
            path,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A date with the forms templates need: `iso`, `long` and `weekday`, made
/// when it is serialised (a template sees the three as fields). Kept as the
/// date alone: at archive scale there are hundreds of thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateView(pub Date);

impl DateView {
    /// `2024-03-07`.
    pub fn iso(&self) -> String {
        self.0.iso()
    }
    /// `7 March 2024`.
    pub fn long(&self) -> String {
        self.0.long()
    }
    /// `Thursday 7 March 2024`.
    pub fn weekday(&self) -> String {
        self.0.with_weekday()
    }
}

impl From<Date> for DateView {
    fn from(d: Date) -> Self {
        DateView(d)
    }
}

impl Serialize for DateView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("DateView", 3)?;
        s.serialize_field("iso", &self.iso())?;
        s.serialize_field("long", &self.long())?;
        s.serialize_field("weekday", &self.weekday())?;
        s.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Committee {
    pub key: Key,
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub type_label: String,
    pub url: String,
    pub publish: Publish,
    pub remit: Markdown,
    pub chair_word: String,
    pub vice_chair_word: String,
    pub membership: Vec<Member>,
    pub minute_number: String,
    /// Meeting ids, newest first, grouped by municipal year in the page.
    #[serde(skip)]
    pub meetings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub person: Link,
    pub person_id: String,
    pub role: String,
    pub from: Option<DateView>,
    pub to: Option<DateView>,
    pub represents: Option<String>,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub key: Key,
    pub id: String,
    pub name: String,
    pub sort_name: String,
    pub role_title: Option<String>,
    pub party: Option<String>,
    pub ward: Option<String>,
    pub url: String,
    pub roles: Vec<PersonRole>,
    pub attendance: Vec<AttendanceCount>,
    /// Each meeting whose public minutes record the person's attendance
    /// (or absence, as a member then), newest first. (Not in the person's
    /// context: pages show it a municipal year at a time.)
    #[serde(skip)]
    pub attended: Vec<Attended>,
}

/// A meeting whose minutes record a person as present, sending apologies,
/// absent or substituting.
#[derive(Debug, Clone, Serialize)]
pub struct Attended {
    /// The minutes' page, named by the meeting's date.
    pub minutes: Link,
    pub committee: Link,
    pub date: DateView,
    #[serde(skip)]
    pub date_value: Date,
    pub municipal_year: String,
    /// "Present", "Apologies", "Absent" or "Substitute".
    pub recorded: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonRole {
    pub committee: Link,
    pub role: String,
    pub from: Option<DateView>,
    pub to: Option<DateView>,
    pub represents: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AttendanceCount {
    pub committee: Link,
    #[serde(skip)]
    pub committee_id: String,
    pub present: usize,
    pub substitute: usize,
    pub apologies: usize,
    pub absent: usize,
    pub expected: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub key: Key,
    pub id: String,
    pub committee_id: String,
    pub committee: Link,
    pub title: String,
    pub date: DateView,
    #[serde(skip)]
    pub date_value: Date,
    pub municipal_year: String,
    pub time: Option<String>,
    /// The start time as written, `HH:MM` (24-hour).
    #[serde(skip)]
    pub time_value: Option<String>,
    pub time_note: Option<String>,
    pub venue: Option<String>,
    pub webcast: Option<String>,
    pub status: String,
    pub status_label: String,
    pub published: Option<DateView>,
    pub publish: Publish,
    pub url: String,
    pub contact: Option<Contact>,
    pub items: Vec<AgendaItem>,
    pub minutes: Option<Link>,
    pub minutes_status: Option<String>,
    pub questions: Option<Link>,
    pub next_meeting: Option<DateView>,
    /// The next meeting's page, when it is on the site and public.
    pub next_meeting_link: Option<Link>,
    /// The date it was first called for, when it has been moved.
    pub rescheduled_from: Option<DateView>,
    /// How many times it changed after it was first published: one for a
    /// new date, one for being cancelled or postponed, plus `sequence:`.
    pub sequence: u32,
    pub notes: Markdown,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub n: String,
    pub anchor: String,
    pub title: String,
    pub purpose: Option<String>,
    pub pages: Option<String>,
    pub exempt: Option<u8>,
    /// "To follow": a supplement not yet published.
    pub to_follow: bool,
    pub supplement: bool,
    pub reports: Vec<Link>,
    pub minutes_of: Option<Link>,
    pub minute: Option<Link>,
    /// Updates this item hears (its `updates:`), public ones only.
    pub updates: Vec<ItemUpdate>,
}

/// A recommendation's update reported to a meeting, under the agenda item
/// that hears it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemUpdate {
    pub rec: Link,
    pub rec_id: String,
    pub as_at: DateView,
    pub status: String,
    pub status_label: String,
    pub status_colour: Colour,
    /// Rendered with the agenda (see `render/published.rs`).
    #[serde(skip)]
    pub text: Option<Markdown>,
}

impl ItemUpdate {
    /// Update `u` of recommendation `rec_id` (linked as `rec`), as the
    /// agenda item that hears it shows it.
    pub fn of(rec: Link, rec_id: &str, u: &UpdateView) -> ItemUpdate {
        ItemUpdate {
            rec,
            rec_id: rec_id.to_string(),
            as_at: u.as_at,
            status: u.status.clone(),
            status_label: u.status_label.clone(),
            status_colour: u.status_colour,
            text: u.text.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Minutes {
    pub key: Key,
    pub meeting_id: String,
    pub meeting: Link,
    pub committee: Link,
    pub title: String,
    /// The page's heading: the minutes' own `title`, or "Minutes: <date>".
    pub heading: String,
    pub date: DateView,
    pub url: String,
    pub publish: Publish,
    pub status: String,
    pub approved_at: Option<Link>,
    pub attendance: Vec<AttendanceBlock>,
    pub started: Option<String>,
    pub ended: Option<String>,
    pub preamble: Markdown,
    pub minutes: Vec<Minute>,
    pub file: String,
}

/// One list of the minutes' `attendance:` block, under its vocabulary label.
#[derive(Debug, Clone, Serialize)]
pub struct AttendanceBlock {
    pub label: String,
    /// What the list counts as (`present`, `apologies`, …), from the vocabulary.
    pub counts_as: Option<Meaning>,
    /// The list's name in open data: `present`, `apologies`, `substitutes`,
    /// `absent`, `in attendance` or `officers`, or the label of a word that
    /// counts as none of them.
    #[serde(skip)]
    pub listed_as: String,
    pub people: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Minute {
    pub number: String,
    pub label: String,
    pub anchor: String,
    pub title: String,
    pub item: Option<Link>,
    pub resolutions: Vec<ResolutionView>,
    pub body: Markdown,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolutionView {
    pub id: String,
    pub text: Markdown,
    pub tracked: Option<Link>,
    pub owner: Option<String>,
    pub due: Option<DateView>,
    pub due_text: Option<String>,
}

/// One row of the decisions register.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub id: String,
    pub committee_id: String,
    pub committee: Link,
    pub meeting: Link,
    pub date: DateView,
    #[serde(skip)]
    pub date_value: Date,
    pub minute: Link,
    pub minute_label: String,
    pub resolution_id: String,
    pub text: Markdown,
    pub tracked: Option<Link>,
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub key: Key,
    pub id: String,
    pub slug: String,
    pub meeting_id: String,
    pub meeting: Link,
    pub committee: Link,
    pub item: Option<Link>,
    pub title: String,
    pub url: String,
    pub publish: Publish,
    pub report_by: Option<String>,
    pub author: Option<Contact>,
    pub classification: String,
    pub exempt_paragraph: Option<u8>,
    pub decision_type: Option<String>,
    pub wards: Vec<String>,
    pub purpose: Option<String>,
    pub recommendations: Vec<(String, Markdown)>,
    pub appendices: Vec<AppendixEntry>,
    pub background_papers: Option<String>,
    pub published: Option<DateView>,
    pub body: Markdown,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppendixEntry {
    pub id: String,
    /// Empty when the appendix is not yet public (embargoed or a draft left
    /// out): nothing of it is shown but its number and when it will be public.
    pub title: String,
    pub link: Option<String>,
    pub external: bool,
    pub exempt: Option<u8>,
    /// The appendix file's own `published` date, while it is in the future.
    pub to_be_published: Option<DateView>,
    /// A draft appendix that this build leaves out.
    pub not_yet_published: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    pub key: Key,
    pub id: String,
    pub report: Link,
    pub meeting: Link,
    pub committee: Link,
    pub title: String,
    pub url: String,
    pub publish: Publish,
    pub body: Markdown,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionSchedule {
    pub key: Key,
    pub meeting_id: String,
    pub meeting: Link,
    pub committee: Link,
    pub title: String,
    pub url: String,
    pub publish: Publish,
    pub public: Vec<QuestionView>,
    pub member: Vec<QuestionView>,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub anchor: String,
    pub questioner: Option<Link>,
    pub locality: Option<String>,
    pub to: Option<String>,
    pub question: Markdown,
    pub response: Option<Markdown>,
    pub supplementary: Option<SupplementaryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupplementaryView {
    pub disallowed: Option<String>,
    pub question: Option<Markdown>,
    pub responses: Vec<(Option<String>, Markdown)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub key: Key,
    pub id: String,
    pub title: String,
    pub url: String,
    pub publish: Publish,
    pub body: Markdown,
    pub file: String,
}

// ---- Recommendation tracking (built in `tracker.rs`) ----

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub key: Key,
    pub id: String,
    pub title: String,
    pub url: String,
    pub publish: Publish,
    pub committee: Option<Link>,
    pub committee_id: Option<String>,
    pub form: Option<String>,
    pub members: Vec<Link>,
    pub started: Option<DateView>,
    pub completed: Option<DateView>,
    pub made_at: Option<Link>,
    pub body: Markdown,
    pub recs: Vec<String>,
    pub counts: Vec<StatusCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub key: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rec {
    pub key: Key,
    pub id: String,
    pub title: String,
    pub url: String,
    pub publish: Publish,
    pub source: Link,
    pub committee_id: Option<String>,
    pub committee: Option<Link>,
    pub made_at: Option<Link>,
    /// The id of the meeting that made it.
    #[serde(skip)]
    pub made_at_id: Option<String>,
    /// The agenda item it was made under, when known.
    pub item: Option<Link>,
    pub made_date: Option<DateView>,
    pub text: Markdown,
    pub to: String,
    pub response: Option<ResponseView>,
    pub owner: Option<String>,
    pub due: Option<DateView>,
    pub due_text: Option<String>,
    pub actions: Vec<ActionView>,
    pub updates: Vec<UpdateView>,
    pub status: String,
    pub status_label: String,
    /// The colour of its status tag, from the progress vocabulary.
    pub status_colour: Colour,
    pub overdue: bool,
    pub days_open: Option<i64>,
    pub timeline: Vec<TimelineEntry>,
    pub related: Vec<Link>,
    pub last_update: Option<DateView>,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponseView {
    pub decision: String,
    pub decision_label: String,
    /// The colour of its tag, from the decision vocabulary.
    pub decision_colour: Colour,
    pub by: Option<Link>,
    pub date: Option<DateView>,
    pub at: Option<Link>,
    pub text: Option<Markdown>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<DateView>,
    pub due_text: Option<String>,
    pub overdue: bool,
    pub success: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    pub as_at: DateView,
    #[serde(skip)]
    pub date: Date,
    pub status: String,
    pub status_label: String,
    /// The colour of its tag, from the progress vocabulary.
    pub status_colour: Colour,
    pub at: Option<Link>,
    /// The id of the meeting that heard it.
    #[serde(skip)]
    pub at_id: Option<String>,
    /// The agenda item that heard it, when the item lists it in `updates:`
    /// and the item is public.
    pub item: Option<Link>,
    pub text: Option<Markdown>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: DateView,
    pub what: String,
    pub at: Option<Link>,
    /// The agenda item of that meeting, when known and public.
    pub item: Option<Link>,
}
