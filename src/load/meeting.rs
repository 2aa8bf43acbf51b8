//! `meetings/<meeting>/index.md` (the agenda) and `minutes.md`.

use serde::Deserialize;

use super::frontmatter::front_matter;
use super::ordered::OrderedMap;
use super::primitives::{Date, Id, Spanned, Time};
use super::recommendation::recommendation_struct;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingStatus {
    Scheduled,
    Held,
    Cancelled,
    Postponed,
}

front_matter! {
    pub struct MeetingFile {
        pub committee: Spanned<String>,
        pub date: Spanned<Date>,
        pub time: Option<Time>,
        pub time_note: Option<String>,
        pub venue: Option<String>,
        pub webcast: Option<String>,
        pub status: MeetingStatus,
        pub contact: Option<super::primitives::Contact>,
        #[serde(default)]
        pub items: Vec<Spanned<AgendaItem>>,
        pub next_meeting: Option<Date>,
        pub title: Option<String>,
        /// The date the meeting was first called for, when it has been moved
        /// (the folder keeps that date, so its address and ids stay).
        pub rescheduled_from: Option<Spanned<Date>>,
        /// Other changes made after the meeting was published (a new time or
        /// venue): each raises the calendar SEQUENCE by one.
        pub sequence: Option<u32>,
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub n: Spanned<Id>,
    pub title: String,
    pub purpose: Option<String>,
    pub minutes_of: Option<Spanned<String>>,
    #[serde(default)]
    pub reports: Vec<Spanned<Id>>,
    pub pages: Option<String>,
    pub exempt: Option<Spanned<u8>>,
    #[serde(default)]
    pub supplement: bool,
    /// Recommendations whose progress this item hears (`rec` ids, bare or
    /// `rec:…`): each one's update reported to this meeting is shown under it.
    #[serde(default)]
    pub updates: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MinutesStatus {
    Draft,
    Approved,
}

front_matter! {
    pub struct MinutesFile {
        pub status: MinutesStatus,
        pub approved_at: Option<Spanned<String>>,
        #[serde(default)]
        pub attendance: Attendance,
        pub started: Option<Time>,
        pub ended: Option<Time>,
        #[serde(default)]
        pub resolutions: OrderedMap<Spanned<Vec<Spanned<Resolution>>>>,
        pub title: Option<String>,
    }
}

/// The `attendance:` block of minutes: lists of people under the words of
/// the site's `attendance` vocabulary (`present`, `apologies`, …), in the
/// order written. Resolve checks each word and decides from its meaning how
/// the list is shown and counted, so the words are the council's own.
#[derive(Debug, Clone, Default)]
pub struct Attendance(pub Vec<(Spanned<String>, Vec<Spanned<Attendee>>)>);

/// One entry of an attendance list: a person id, or `{ person, for }` in a
/// list of substitutes.
#[derive(Debug, Clone)]
pub enum Attendee {
    Person(String),
    Substitute(Substitute),
}

impl<'de> Deserialize<'de> for Attendance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Attendance;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("lists of people, e.g. `present: [person-id, …]`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Attendance, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Attendance(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for Attendee {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Attendee;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a person id, or { person: …, for: … } for a substitute")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Attendee, E> {
                Ok(Attendee::Person(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Attendee, E> {
                Ok(Attendee::Person(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Attendee, E> {
                Ok(Attendee::Person(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Attendee, E> {
                Ok(Attendee::Person(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Attendee, E> {
                Ok(Attendee::Person(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Attendee, A::Error> {
                Substitute::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Attendee::Substitute)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substitute {
    pub person: Spanned<String>,
    #[serde(rename = "for")]
    pub for_: Spanned<String>,
}

recommendation_struct! {
    /// One decision under a minute. With `track: true` it is also a tracked
    /// recommendation and may carry the recommendation fields of section 7.
    pub struct Resolution {
        id,
        text,
        #[serde(default)]
        pub track: bool,
        title,
        owner,
        due,
        due_text,
        pub to: Option<Spanned<String>>,
        to_name,
        response,
        actions,
        updates,
        related,
    }
}
