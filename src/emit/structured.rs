//! schema.org structured data (JSON-LD) for search engines, built with
//! `serde_json`: an `Event` on each meeting page and a
//! `GovernmentOrganization` on the home page.
//!
//! The JSON goes inside `<script type="application/ld+json">`, so every `<`
//! is written `\u003c`: no text in it (a venue, a title) can close the
//! script or open a comment.

use serde_json::{Value, json};

use super::absolute_url;
use super::local_time::{offset, parse_hm};
use crate::resolve::Site;
use crate::resolve::model::Meeting;

/// JSON for a `<script>` element: `<` escaped so it cannot end the script.
pub fn script_json(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

/// schema.org's word for a meeting's status.
fn event_status(m: &Meeting) -> &'static str {
    match m.status.as_str() {
        "cancelled" => "https://schema.org/EventCancelled",
        "postponed" => "https://schema.org/EventPostponed",
        _ if m.rescheduled_from.is_some() => "https://schema.org/EventRescheduled",
        _ => "https://schema.org/EventScheduled",
    }
}

/// `2020-06-02T13:00:00+01:00` (the offset where the zone is known), or the
/// date alone for a meeting without a time.
fn start_date(site: &Site, m: &Meeting) -> String {
    let day = m.date_value.iso();
    match m.time_value.as_deref().and_then(parse_hm) {
        Some((h, min)) => {
            let off = offset(&site.config.timezone, m.date_value, h, min).unwrap_or_default();
            format!("{day}T{h:02}:{min:02}:00{off}")
        }
        None => day,
    }
}

/// The `Event` for a meeting page.
pub fn meeting_event(site: &Site, m: &Meeting) -> String {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": m.title,
        "url": absolute_url(site, &m.url),
        "startDate": start_date(site, m),
        "eventStatus": event_status(m),
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": m.committee.text,
        },
    });
    if let Some(url) = &m.committee.url {
        v["organizer"]["url"] = json!(absolute_url(site, url));
    }
    if let Some(r) = &m.rescheduled_from {
        v["previousStartDate"] = json!(r.iso());
    }
    let mut locations = Vec::new();
    if let Some(venue) = &m.venue {
        locations.push(json!({"@type": "Place", "name": venue, "address": venue}));
    }
    if let Some(w) = &m.webcast {
        locations.push(json!({"@type": "VirtualLocation", "url": w}));
    }
    v["eventAttendanceMode"] = json!(match (m.venue.is_some(), m.webcast.is_some()) {
        (true, true) => "https://schema.org/MixedEventAttendanceMode",
        (false, true) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    });
    match locations.len() {
        0 => {}
        1 => v["location"] = locations.remove(0),
        _ => v["location"] = Value::Array(locations),
    }
    script_json(&v)
}

/// The `GovernmentOrganization` for the home page, with its committees.
pub fn organization(site: &Site) -> String {
    let c = &site.config;
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": c.title,
        "url": absolute_url(site, &c.url("")),
    });
    if let Some(d) = &c.description {
        v["description"] = json!(d.trim());
    }
    if let Some(contact) = &c.contact {
        let mut point = json!({"@type": "ContactPoint", "contactType": "democratic services"});
        if let Some(n) = &contact.name {
            point["name"] = json!(n);
        }
        if let Some(e) = &contact.email {
            point["email"] = json!(e);
        }
        if let Some(p) = &contact.phone {
            point["telephone"] = json!(p);
        }
        v["contactPoint"] = point;
    }
    let committees: Vec<Value> = site
        .committees
        .iter()
        .filter(|x| x.publish.is_public())
        .map(|x| json!({"@type": "GovernmentOrganization", "name": x.title, "url": absolute_url(site, &x.url)}))
        .collect();
    if !committees.is_empty() {
        v["subOrganization"] = Value::Array(committees);
    }
    script_json(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_script() {
        let s = script_json(&json!({"name": "</script><script>alert(1)</script><!--"}));
        assert!(!s.contains('<'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script><!--");
    }
}
