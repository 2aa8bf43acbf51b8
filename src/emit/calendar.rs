//! iCalendar (RFC 5545) files of meetings, written with `icalendar`:
//! `/meetings.ics` for every committee and `/committees/<id>/meetings.ics`
//! for one, each `METHOD:PUBLISH`.
//!
//! Every public meeting is an event, cancelled ones included
//! (`STATUS:CANCELLED`, so calendars that had it strike it out). The UID is
//! `<meeting-id>@<site_id>` and never changes: a moved meeting keeps its
//! folder and records `rescheduled_from:`. `SEQUENCE` is the count resolve
//! computed (one for a new date, one for a cancellation or postponement,
//! plus the meeting's own `sequence:`), so calendars take the newer version.
//! A meeting with a time starts then in the site's zone (`TZID`, with a
//! `VTIMEZONE` for Europe/London) and is given two hours; one without a time
//! is an all-day event. `DTSTAMP` is the meeting's despatch date (or its
//! date), never the build time, so rebuilds are byte-identical.

use std::fmt::Write as _;

use icalendar::{Calendar, Component, Event, EventStatus, Property};

use super::local_time::{parse_hm, vtimezone};
use super::{EmitContext, Emitter, Output, absolute_url};
use crate::diagnostics::Diagnostic;
use crate::load::primitives::Date;
use crate::resolve::Site;
use crate::resolve::model::{Committee, Meeting};

pub struct Calendars;

/// How long a meeting with a start time is shown as lasting.
const HOURS: u8 = 2;

/// The site-relative URL of the calendar of every meeting.
pub fn site_calendar_url(site: &Site) -> String {
    site.config.url("meetings.ics")
}

/// The site-relative URL of one committee's calendar.
pub fn committee_calendar_url(site: &Site, committee: &str) -> String {
    site.config.url(&format!("committees/{committee}/meetings.ics"))
}

/// A `<link rel="alternate">` for a committee's calendar.
pub fn committee_calendar(site: &Site, c: &Committee) -> super::feeds::Alternate {
    super::feeds::Alternate {
        title: format!("Meetings calendar: {}", c.title),
        href: committee_calendar_url(site, &c.id),
        mime: "text/calendar",
    }
}

/// The UID of a meeting's event.
pub fn uid(site: &Site, m: &Meeting) -> String {
    format!("{}@{}", m.id, site.config.site_id)
}

fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn event(site: &Site, m: &Meeting) -> Event {
    let tz = &site.config.timezone;
    let mut e = Event::new();
    e.add_property("UID", uid(site, m));
    let stamp = m
        .published
        .as_ref()
        .map(|p| p.0)
        .unwrap_or(m.date_value)
        .min(site.config.as_of);
    e.add_property("DTSTAMP", format!("{}T000000Z", compact(stamp)));
    match m.time_value.as_deref().and_then(parse_hm) {
        Some((h, min)) => {
            let (eh, emin) = if h + HOURS >= 24 { (23, 59) } else { (h + HOURS, min) };
            let day = compact(m.date_value);
            e.append_property(
                Property::new("DTSTART", format!("{day}T{h:02}{min:02}00"))
                    .add_parameter("TZID", tz)
                    .done(),
            );
            e.append_property(
                Property::new("DTEND", format!("{day}T{eh:02}{emin:02}00"))
                    .add_parameter("TZID", tz)
                    .done(),
            );
        }
        None => {
            e.append_property(
                Property::new("DTSTART", compact(m.date_value))
                    .add_parameter("VALUE", "DATE")
                    .done(),
            );
        }
    }
    e.add_property("SUMMARY", m.committee.text.to_string());
    if let Some(v) = &m.venue {
        e.add_property("LOCATION", v.clone());
    }
    let url = absolute_url(site, &m.url);
    e.add_property("URL", url.clone());
    e.add_property("DESCRIPTION", description(m, &url));
    e.status(match m.status.as_str() {
        "cancelled" => EventStatus::Cancelled,
        "postponed" => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    });
    e.add_property("SEQUENCE", m.sequence.to_string());
    e.add_property("CLASS", "PUBLIC");
    e
}

/// The agenda in words: exempt items by title and paragraph only.
fn description(m: &Meeting, url: &str) -> String {
    let mut s = String::new();
    match m.status.as_str() {
        "cancelled" => s.push_str("This meeting was cancelled.\n"),
        "postponed" => s.push_str("This meeting was postponed.\n"),
        _ => {}
    }
    if let Some(r) = &m.rescheduled_from {
        s.push_str(&format!("Moved from {}.\n", r.long()));
    }
    if let Some(n) = &m.time_note {
        s.push_str(n);
        s.push('\n');
    }
    for it in &m.items {
        s.push_str(&format!("{}. {}", it.n, it.title));
        if let Some(p) = it.exempt {
            s.push_str(&format!(" (exempt: Schedule 12A paragraph {p})"));
        }
        s.push('\n');
    }
    s.push_str(&format!("Agenda: {url}"));
    s
}

/// RFC 5545 TEXT escaping, for the `X-` properties `icalendar` leaves as they are.
fn escape_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// A calendar of `meetings`, as text with CRLF line ends.
fn calendar<'a>(site: &Site, name: &str, meetings: impl Iterator<Item = &'a Meeting>) -> Result<String, String> {
    let mut cal = Calendar::empty();
    for (k, v) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//minutebook//committee papers//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        cal.properties.push(Property::new(k, v));
    }
    cal.properties.push(Property::new("X-WR-CALNAME", escape_text(name)));
    cal.properties
        .push(Property::new("X-WR-TIMEZONE", site.config.timezone.clone()));
    for m in meetings.filter(|m| m.publish.is_public()) {
        cal.push(event(site, m));
    }
    let mut text = String::new();
    write!(text, "{cal}").map_err(|e| e.to_string())?;
    // The zone's rules go before the first event (icalendar has no VTIMEZONE).
    if let Some(vtz) = vtimezone(&site.config.timezone) {
        let at = text
            .find("BEGIN:VEVENT\r\n")
            .or_else(|| text.find("END:VCALENDAR"))
            .unwrap_or(text.len());
        text.insert_str(at, vtz);
    }
    Ok(text)
}

impl Emitter for Calendars {
    fn name(&self) -> &'static str {
        "calendars"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let mut diags = Vec::new();
        let mut files = vec![(
            "meetings.ics".to_string(),
            calendar(
                site,
                &format!("Meetings – {}", site.config.title),
                site.papers.meetings.iter(),
            ),
        )];
        for c in site.committees.iter().filter(|c| c.publish.is_public()) {
            files.push((
                format!("committees/{}/meetings.ics", c.id),
                calendar(
                    site,
                    &format!("{} – meetings", c.title),
                    site.papers.meetings.iter().filter(|m| m.committee_id == c.id),
                ),
            ));
        }
        for (path, text) in files {
            match text {
                Ok(t) => out.add(path, t),
                Err(e) => diags.push(Diagnostic::error(
                    path,
                    1,
                    1,
                    format!("the calendar could not be written: {e}"),
                )),
            }
        }
        diags
    }
}
