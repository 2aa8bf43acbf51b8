//! Meeting calendars and schema.org events, read back with real parsers
//! (`ical` for iCalendar, serde_json for JSON-LD): counts equal the sample's
//! meeting folders, UIDs are stable, cancelled and moved meetings carry a
//! higher SEQUENCE, times carry the Europe/London zone, and meeting pages
//! link their calendar and describe themselves as an `Event`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use std::collections::{BTreeMap, BTreeSet};

use common::*;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};

const AS_OF: &str = "2021-03-01";

fn built_sample() -> tempfile::TempDir {
    let s = site("sample");
    let o = build(s.path(), &["--as-of", AS_OF]);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

fn parse(site: &std::path::Path, rel: &str) -> IcalCalendar {
    let bytes = std::fs::read(site.join("output").join(rel)).unwrap();
    let mut cals: Vec<IcalCalendar> = ical::IcalParser::new(std::io::BufReader::new(bytes.as_slice()))
        .map(|c| c.unwrap_or_else(|e| panic!("{rel}: {e}")))
        .collect();
    assert_eq!(cals.len(), 1, "{rel}: one calendar");
    cals.remove(0)
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

fn value(e: &IcalEvent, name: &str) -> String {
    prop(&e.properties, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("{name} missing"))
}

fn param(e: &IcalEvent, name: &str, key: &str) -> Option<String> {
    prop(&e.properties, name)?
        .params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.join(","))
}

fn by_uid(cal: &IcalCalendar) -> BTreeMap<String, &IcalEvent> {
    cal.events.iter().map(|e| (value(e, "UID"), e)).collect()
}

#[test]
fn the_sample_calendar_holds_every_public_meeting_cancelled_ones_included() {
    let s = built_sample();
    let cal = parse(s.path(), "meetings.ics");
    let calendar_prop = |n: &str| prop(&cal.properties, n).and_then(|p| p.value.clone());
    assert_eq!(calendar_prop("METHOD").as_deref(), Some("PUBLISH"));
    assert_eq!(calendar_prop("VERSION").as_deref(), Some("2.0"));
    assert_eq!(cal.timezones.len(), 1, "one VTIMEZONE");
    assert_eq!(
        prop(&cal.timezones[0].properties, "TZID")
            .and_then(|p| p.value.clone())
            .as_deref(),
        Some("Europe/London")
    );
    // 16 meeting folders; 2021-04-20 is published after as_of.
    let folders: BTreeSet<String> = std::fs::read_dir(repo().join("content/meetings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "2021-04-20-children-scrutiny")
        .collect();
    assert_eq!(folders.len(), 15);
    let events = by_uid(&cal);
    assert_eq!(events.len(), cal.events.len(), "UIDs are unique");
    let uids: BTreeSet<String> = folders.iter().map(|f| format!("{f}@papers.wyeford.example")).collect();
    assert_eq!(events.keys().cloned().collect::<BTreeSet<_>>(), uids);
    for (uid, e) in &events {
        let id = uid.split('@').next().unwrap();
        assert_eq!(
            value(e, "URL"),
            format!("https://papers.wyeford.example/meetings/{id}/")
        );
        assert_eq!(param(e, "DTSTART", "TZID").as_deref(), Some("Europe/London"), "{uid}");
        assert_eq!(param(e, "DTEND", "TZID").as_deref(), Some("Europe/London"), "{uid}");
        let date = id[..10].replace('-', "");
        assert!(value(e, "DTSTART").starts_with(&format!("{date}T")), "{uid}");
        assert!(prop(&e.properties, "LOCATION").is_some(), "{uid}");
        assert!(
            value(e, "DTSTAMP").as_str() <= "20210301T000000Z",
            "content-dated stamp"
        );
        // The one cancelled meeting is kept, struck out, one version on.
        let cancelled = id == "2020-03-17-children-scrutiny";
        assert_eq!(
            value(e, "STATUS"),
            if cancelled { "CANCELLED" } else { "CONFIRMED" },
            "{uid}"
        );
        assert_eq!(value(e, "SEQUENCE"), if cancelled { "1" } else { "0" }, "{uid}");
    }
    let tea_time = events["2019-10-03-health-wellbeing-board@papers.wyeford.example"];
    assert_eq!(value(tea_time, "DTSTART"), "20191003T140000");
    assert_eq!(value(tea_time, "DTEND"), "20191003T160000");

    // Each committee's calendar holds its own meetings: together, all of them.
    let mut all = BTreeSet::new();
    for (c, n) in [("children-scrutiny", 9), ("cabinet", 3), ("health-wellbeing-board", 3)] {
        let cal = parse(s.path(), &format!("committees/{c}/meetings.ics"));
        assert_eq!(cal.events.len(), n, "{c}");
        for uid in by_uid(&cal).into_keys() {
            assert!(uid.contains(c), "{uid} in {c}'s calendar");
            all.insert(uid);
        }
    }
    assert_eq!(all, uids);
}

#[test]
fn calendars_are_linked_and_rebuilt_byte_for_byte() {
    let s = built_sample();
    let before = read(s.path(), "meetings.ics");
    assert!(
        before.contains("\r\n") && !before.replace("\r\n", "").contains('\n'),
        "CRLF lines"
    );
    let o = build(s.path(), &["--as-of", AS_OF]);
    assert!(o.status.success());
    assert_eq!(before, read(s.path(), "meetings.ics"));
    let meeting = read(s.path(), "meetings/2020-09-15-children-scrutiny/index.html");
    assert!(meeting.contains("href=\"/committees/children-scrutiny/meetings.ics\""));
    assert!(meeting.contains(
        "<link rel=\"alternate\" type=\"text/calendar\" title=\"Meetings calendar: Children and young people scrutiny committee\" href=\"/committees/children-scrutiny/meetings.ics\">"
    ));
    let committee = read(s.path(), "committees/cabinet/index.html");
    assert!(committee.contains("href=\"/committees/cabinet/meetings.ics\""));
    assert!(read(s.path(), "meetings/index.html").contains("href=\"/meetings.ics\""));
    // Another base URL moves the links, never the UIDs.
    let o = build(
        s.path(),
        &["--as-of", AS_OF, "--base-url", "https://example.org/papers"],
    );
    assert!(o.status.success());
    let moved = parse(s.path(), "meetings.ics");
    let old = parse_text(&before);
    assert_eq!(
        by_uid(&moved).into_keys().collect::<Vec<_>>(),
        by_uid(&old).into_keys().collect::<Vec<_>>()
    );
}

fn parse_text(text: &str) -> IcalCalendar {
    ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .unwrap()
        .unwrap()
}

/// The JSON-LD object in a page's `<head>`.
fn json_ld(html: &str) -> serde_json::Value {
    let script = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .expect("a JSON-LD script")
        .split("</script>")
        .next()
        .unwrap();
    serde_json::from_str(script).unwrap()
}

#[test]
fn meeting_pages_describe_their_event_and_the_home_page_the_council() {
    let s = built_sample();
    let summer = json_ld(&read(s.path(), "meetings/2020-06-09-children-scrutiny/index.html"));
    assert_eq!(summer["@type"], "Event");
    assert_eq!(summer["startDate"], "2020-06-09T10:00:00+01:00", "BST");
    assert_eq!(summer["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(
        summer["organizer"]["name"],
        "Children and young people scrutiny committee"
    );
    let winter = json_ld(&read(s.path(), "meetings/2020-01-14-children-scrutiny/index.html"));
    assert_eq!(winter["startDate"], "2020-01-14T10:00:00+00:00", "GMT");
    let cancelled = json_ld(&read(s.path(), "meetings/2020-03-17-children-scrutiny/index.html"));
    assert_eq!(cancelled["eventStatus"], "https://schema.org/EventCancelled");
    let home = json_ld(&read(s.path(), "index.html"));
    assert_eq!(home["@type"], "GovernmentOrganization");
    assert_eq!(home["subOrganization"].as_array().unwrap().len(), 3);
}

#[test]
fn a_moved_meeting_keeps_its_uid_with_a_higher_sequence_and_a_day_without_time_is_all_day() {
    let s = site("basic");
    let index = "content/meetings/2020-03-10-scrutiny/index.md";
    let text = std::fs::read_to_string(s.path().join(index)).unwrap();
    let moved = text
        .replace(
            "date: 2020-03-10\n",
            "date: 2020-03-12\nrescheduled_from: 2020-03-10\nsequence: 1\n",
        )
        .replace(
            "status: scheduled\n",
            "status: scheduled\nvenue: \"Room 1 </script><script>alert(1)</script>\"\n",
        );
    put(s.path(), index, &moved);
    let o = build(s.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("does not match its folder"), "{}", stderr(&o));
    let cal = parse(s.path(), "meetings.ics");
    let events = by_uid(&cal);
    let e = events["2020-03-10-scrutiny@papers.testford.example"];
    assert_eq!(value(e, "DTSTART"), "20200312");
    assert_eq!(param(e, "DTSTART", "VALUE").as_deref(), Some("DATE"), "all day");
    assert!(prop(&e.properties, "DTEND").is_none());
    assert_eq!(value(e, "SEQUENCE"), "2", "one for the move, one given");
    let page = read(s.path(), "meetings/2020-03-10-scrutiny/index.html");
    let ld = json_ld(&page);
    assert_eq!(ld["eventStatus"], "https://schema.org/EventRescheduled");
    assert_eq!(ld["previousStartDate"], "2020-03-10");
    assert_eq!(ld["startDate"], "2020-03-12");
    assert_eq!(ld["location"]["name"], "Room 1 </script><script>alert(1)</script>");
    let head = page.split("</head>").next().unwrap();
    assert_eq!(
        head.matches("<script").count(),
        head.matches("</script>").count(),
        "the venue cannot close the JSON-LD script: {head}"
    );
    // The unchanged meeting stays at sequence 0.
    assert_eq!(
        value(events["2020-01-14-scrutiny@papers.testford.example"], "SEQUENCE"),
        "0"
    );
}
