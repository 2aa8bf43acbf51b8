//! The rows of each open-data table, from the published index and the
//! resolved site's public entities. Resolve decided what is public: here a
//! meeting, minutes, recommendation, plan or data set is used only when its
//! `publish.is_public()`, and an exempt agenda item gives its title and
//! paragraph, nothing else. Every fact (status, overdue, days open, quarter)
//! was computed in resolve; this module only lays it out.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::data::{Rows, Table, Type, col, opt};
use super::{EmitContext, absolute_url};
use crate::load::primitives::Date;
use crate::resolve::Site;
use crate::resolve::entities::{Key, Kind, Link};
use crate::resolve::model::{DateView, Minutes};

/// Every table, in the order the `/data/` page lists them.
pub fn tables<'a>(cx: &'a EmitContext<'a>) -> impl Iterator<Item = Table<'a>> + 'a {
    type Maker<'a> = fn(&'a EmitContext<'a>) -> Table<'a>;
    let makers: [Maker<'a>; 8] = [
        meetings as Maker<'a>,
        agenda_items as Maker<'a>,
        documents as Maker<'a>,
        decisions as Maker<'a>,
        recommendations as Maker<'a>,
        attendance as Maker<'a>,
        plan_measures as Maker<'a>,
        datasets as Maker<'a>,
    ];
    // One table at a time: each is written and let go of before the next
    // is made.
    makers.into_iter().map(move |make| make(cx))
}

fn text(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

fn maybe(s: Option<&String>) -> Value {
    s.map_or(Value::Null, |s| json!(s))
}

fn day(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| json!(d.iso()))
}

fn view_day(d: Option<&DateView>) -> Value {
    d.map_or(Value::Null, |d| json!(d.iso()))
}

fn url(site: &Site, u: &str) -> Value {
    json!(absolute_url(site, u))
}

fn link_url(site: &Site, l: Option<&Link>) -> Value {
    l.and_then(|l| l.url.as_deref()).map_or(Value::Null, |u| url(site, u))
}

/// The latest of `dates`, never later than `as_of`.
fn latest(site: &Site, dates: impl Iterator<Item = Date>) -> Option<Date> {
    dates.max().map(|d| d.min(site.config.as_of))
}

fn parse(d: &DateView) -> Option<Date> {
    Some(d.0)
}

fn meetings<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let public = move || site.papers.meetings.iter().filter(|m| m.publish.is_public());
    Table {
        name: "meetings",
        title: "Meetings",
        description: "Every published meeting, oldest first, cancelled and moved ones included.",
        columns: vec![
            col("id", Type::Text, "The meeting's id: its folder name"),
            col("committee_id", Type::Text, "The committee's id"),
            col("committee", Type::Text, "The committee's name"),
            col("title", Type::Text, "The meeting's title"),
            col("date", Type::Date, "The day of the meeting"),
            opt("time", Type::Text, "Start time, 24-hour HH:MM"),
            opt("time_note", Type::Text, "Wording about the time"),
            opt("venue", Type::Text, "Where it is held"),
            col("status", Type::Text, "scheduled, held, cancelled or postponed"),
            opt("rescheduled_from", Type::Date, "The day first called for, when moved"),
            col(
                "sequence",
                Type::Integer,
                "Changes since first published (calendar SEQUENCE)",
            ),
            opt("published", Type::Date, "Despatch date of the agenda"),
            col("municipal_year", Type::Text, "Municipal year, May to April"),
            col("agenda_items", Type::Integer, "Number of agenda items"),
            col("url", Type::Url, "The agenda page"),
            opt("minutes_url", Type::Url, "The minutes, once published"),
            opt("webcast", Type::Url, "The webcast"),
        ],
        rows: Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
            for m in public() {
                row(vec![
                    text(&m.id),
                    text(&m.committee_id),
                    text(&*m.committee.text),
                    text(&m.title),
                    json!(m.date.iso()),
                    maybe(m.time_value.as_ref()),
                    maybe(m.time_note.as_ref()),
                    maybe(m.venue.as_ref()),
                    text(&m.status),
                    view_day(m.rescheduled_from.as_ref()),
                    json!(m.sequence),
                    view_day(m.published.as_ref()),
                    text(&m.municipal_year),
                    json!(m.items.len()),
                    url(site, &m.url),
                    link_url(site, m.minutes.as_ref()),
                    maybe(m.webcast.as_ref()),
                ]);
            }
        }),
        updated: latest(
            site,
            public().map(|m| {
                m.published
                    .as_ref()
                    .and_then(parse)
                    .unwrap_or(m.date_value)
                    .max(m.date_value)
            }),
        ),
    }
}

fn agenda_items<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let public = move || site.papers.meetings.iter().filter(|m| m.publish.is_public());
    let dates = public().map(|m| m.published.as_ref().and_then(parse).unwrap_or(m.date_value));
    let updated = latest(site, dates);
    let rows: Rows<'a> = Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
        for m in public() {
            for it in &m.items {
                let exempt = it.exempt.is_some();
                // An exempt item: its title and paragraph, nothing else.
                let open = |v: Value| if exempt { Value::Null } else { v };
                let reports: Vec<&str> = it.reports.iter().filter_map(|r| r.url.as_deref()).collect();
                row(vec![
                    text(format!("{}/{}", m.id, it.anchor)),
                    text(&m.id),
                    text(&it.n),
                    text(&it.title),
                    json!(exempt),
                    it.exempt.map_or(Value::Null, |p| json!(p)),
                    open(maybe(it.purpose.as_ref())),
                    open(maybe(it.pages.as_ref())),
                    json!(it.supplement),
                    open(if reports.is_empty() {
                        Value::Null
                    } else {
                        text(
                            reports
                                .iter()
                                .map(|u| absolute_url(site, u))
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                    }),
                    open(link_url(site, it.minute.as_ref())),
                    url(site, &format!("{}#{}", m.url, it.anchor)),
                ]);
            }
        }
    });
    Table {
        name: "agenda-items",
        title: "Agenda items",
        description: "Every item on every published agenda. Exempt items (Schedule 12A) give their title \
                      and paragraph only.",
        columns: vec![
            col("id", Type::Text, "<meeting>/item-<n>"),
            col("meeting_id", Type::Text, "The meeting's id"),
            col("n", Type::Text, "The item number"),
            col("title", Type::Text, "The item's title"),
            col("exempt", Type::Boolean, "Exempt from publication under Schedule 12A"),
            opt("exempt_paragraph", Type::Integer, "The paragraph of Schedule 12A (1-7)"),
            opt("purpose", Type::Text, "What the committee is asked to do"),
            opt("pages", Type::Text, "Pages in the printed pack"),
            col("supplement", Type::Boolean, "Papers published later as a supplement"),
            opt(
                "report_urls",
                Type::Text,
                "The item's published reports, space-separated",
            ),
            opt("minute_url", Type::Url, "The minute that records the item"),
            col("url", Type::Url, "The item on its agenda page"),
        ],
        rows,
        updated,
    }
}

fn documents<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let docs = &cx.published.docs;
    Table {
        name: "documents",
        title: "Documents",
        description: "Every published document: agendas, minutes, reports, appendices, question schedules, \
                      reviews, recommendations, plans, annual reports, work programmes and pages.",
        columns: vec![
            col("kind", Type::Text, "What kind of document it is"),
            col("id", Type::Text, "The document's id"),
            col("title", Type::Text, "The document's title"),
            opt("committee_id", Type::Text, "The committee it belongs to"),
            opt("meeting_id", Type::Text, "The meeting it belongs to"),
            opt(
                "date",
                Type::Date,
                "The meeting's date, or when a recommendation was made",
            ),
            opt("published", Type::Date, "When it became public"),
            opt("updated", Type::Date, "The latest date in its content"),
            opt("municipal_year", Type::Text, "Municipal year, May to April"),
            col("draft", Type::Boolean, "Published marked as a draft"),
            col("url", Type::Url, "Its page"),
        ],
        rows: Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
            for d in docs {
                row(vec![
                    text(d.kind.key()),
                    text(&*d.key.id),
                    text(&d.title),
                    maybe(d.committee_id.as_ref()),
                    maybe(d.meeting_id.as_ref()),
                    day(d.date),
                    day(d.published),
                    day(d.updated),
                    maybe(d.municipal_year.as_ref()),
                    json!(d.publish == crate::resolve::publish::Publish::PublicDraft),
                    url(site, &d.url),
                ]);
            }
        }),
        updated: latest(site, docs.iter().filter_map(|d| d.updated.or(d.published).or(d.date))),
    }
}

fn decisions<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let by_meeting: HashMap<&str, &Minutes> = site.papers.minutes.iter().map(|m| (m.meeting_id.as_str(), m)).collect();
    let public = super::public_decisions(site);
    let updated = latest(site, public.iter().map(|d| d.date_value));
    // Each resolution's words, the costly part of a row, made once for
    // both files.
    let texts: Vec<String> = public
        .iter()
        .map(|d| {
            super::feeds::resolution_html(cx, &by_meeting, d)
                .as_deref()
                .map(crate::render::published::html_to_text)
                .unwrap_or_default()
        })
        .collect();
    Table {
        name: "decisions",
        title: "Decisions",
        description: "Every resolution in published minutes, newest first: the decisions register.",
        columns: vec![
            col("id", Type::Text, "<meeting>/<minute number>/<resolution>"),
            col("committee_id", Type::Text, "The committee's id"),
            col("meeting_id", Type::Text, "The meeting's id"),
            col("date", Type::Date, "The day of the meeting"),
            col("minute", Type::Text, "The minute's label"),
            col("resolution", Type::Text, "The resolution's id within its minute"),
            col("text", Type::Text, "What was resolved"),
            opt("tracked_url", Type::Url, "The tracked recommendation it became"),
            col("draft", Type::Boolean, "From minutes not yet approved"),
            col("url", Type::Url, "The minute"),
        ],
        rows: Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
            for (d, words) in public.iter().zip(&texts) {
                row(vec![
                    text(&d.id),
                    text(&d.committee_id),
                    text(d.id.split('/').next().unwrap_or("")),
                    json!(d.date.iso()),
                    text(&d.minute_label),
                    text(&d.resolution_id),
                    text(words),
                    link_url(site, d.tracked.as_ref()),
                    json!(d.draft),
                    link_url(site, Some(&d.minute)),
                ]);
            }
        }),
        updated,
    }
}

fn recommendations<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let public = move || site.recs.iter().filter(|r| r.publish.is_public());
    Table {
        name: "recommendations",
        title: "Recommendations",
        description: "Every tracked recommendation with its response and current status, as of the build's date.",
        columns: vec![
            col("id", Type::Text, "<source>/<id>"),
            col("title", Type::Text, "The recommendation's title"),
            col("source", Type::Text, "The review or minute that made it"),
            opt("source_url", Type::Url, "Its page"),
            opt("committee_id", Type::Text, "The committee that made it"),
            opt("made_at_url", Type::Url, "The meeting that agreed it"),
            opt("made_date", Type::Date, "When it was made"),
            col("addressee", Type::Text, "Who it is addressed to"),
            opt("response", Type::Text, "The response's decision (vocabulary key)"),
            opt("response_date", Type::Date, "When the response was given"),
            col(
                "status",
                Type::Text,
                "Current status (progress vocabulary key, or no-update)",
            ),
            col("status_label", Type::Text, "Current status in words"),
            col("overdue", Type::Boolean, "An action or the recommendation is overdue"),
            col(
                "overdue_actions",
                Type::Integer,
                "Actions due before the build's date and not completed",
            ),
            opt("days_open", Type::Integer, "Days since it was made"),
            opt("due", Type::Date, "When it is due"),
            opt("due_text", Type::Text, "When it is due, in words"),
            opt("next_action_due", Type::Date, "The earliest due date among its actions"),
            opt("last_update", Type::Date, "The date of its latest progress update"),
            col("url", Type::Url, "Its page"),
        ],
        rows: Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
            for r in public() {
                let resp = r.response.as_ref();
                row(vec![
                    text(&r.id),
                    text(&r.title),
                    text(&*r.source.text),
                    link_url(site, Some(&r.source)),
                    maybe(r.committee_id.as_ref()),
                    link_url(site, r.made_at.as_ref()),
                    view_day(r.made_date.as_ref()),
                    text(&r.to),
                    resp.map_or(Value::Null, |x| json!(x.decision)),
                    view_day(resp.and_then(|x| x.date.as_ref())),
                    text(&r.status),
                    text(&r.status_label),
                    json!(r.overdue),
                    json!(r.actions.iter().filter(|a| a.overdue).count()),
                    r.days_open.map_or(Value::Null, |d| json!(d)),
                    view_day(r.due.as_ref()),
                    maybe(r.due_text.as_ref()),
                    r.actions
                        .iter()
                        .filter_map(|a| a.due.as_ref().map(|d| d.iso()))
                        .min()
                        .map_or(Value::Null, Value::String),
                    view_day(r.last_update.as_ref()),
                    url(site, &r.url),
                ]);
            }
        }),
        updated: latest(
            site,
            public().filter_map(|r| cx.published.get(&r.key).and_then(|d| d.updated)),
        ),
    }
}

fn attendance<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let names: HashMap<String, &str> = site.people.iter().map(|p| (p.url.clone(), p.name.as_str())).collect();
    let committee_of: HashMap<&str, &str> = site
        .papers
        .meetings
        .iter()
        .map(|m| (m.id.as_str(), m.committee_id.as_str()))
        .collect();
    let public = move || site.papers.minutes.iter().filter(|m| m.publish.is_public());
    let updated = latest(site, public().filter_map(|m| parse(&m.date)));
    let rows: Rows<'a> = Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
        for m in public() {
            for block in &m.attendance {
                for p in &block.people {
                    let id = p
                        .url
                        .as_deref()
                        .and_then(|u| u.trim_end_matches('/').rsplit('/').next())
                        .map(str::to_string);
                    let name = p.url.as_ref().and_then(|u| names.get(&**u).copied()).unwrap_or(&p.text);
                    row(vec![
                        text(&m.meeting_id),
                        text(committee_of.get(m.meeting_id.as_str()).copied().unwrap_or("")),
                        json!(m.date.iso()),
                        maybe(id.as_ref()),
                        text(name),
                        text(&block.listed_as),
                        text(&*p.text),
                    ]);
                }
            }
        }
    });
    Table {
        name: "attendance",
        title: "Attendance",
        description: "Who attended each meeting with published minutes, as the minutes record it.",
        columns: vec![
            col("meeting_id", Type::Text, "The meeting's id"),
            col("committee_id", Type::Text, "The committee's id"),
            col("date", Type::Date, "The day of the meeting"),
            opt("person_id", Type::Text, "The person's id"),
            col("name", Type::Text, "The person's name"),
            col(
                "attendance",
                Type::Text,
                "What the list counts as: present, apologies, substitutes, absent, in attendance or officers (else its label)",
            ),
            col(
                "as_minuted",
                Type::Text,
                "As the minutes put it (a substitute names whom they replaced)",
            ),
        ],
        rows,
        updated,
    }
}

fn plan_measures<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let public = move || site.plans.iter().filter(|p| p.publish.is_public());
    let values = move || {
        public().flat_map(|p| {
            p.view
                .aims
                .iter()
                .flat_map(|a| a.actions.iter().flat_map(|x| x.measures.iter().flat_map(|m| &m.values)))
        })
    };
    let updated = latest(site, values().map(|v| v.as_at));
    let rows: Rows<'a> = Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
        for p in public() {
            for aim in &p.view.aims {
                for action in &aim.actions {
                    for m in &action.measures {
                        for v in &m.values {
                            row(vec![
                                text(&p.id),
                                text(&aim.id),
                                text(&action.id),
                                text(&m.id),
                                text(&m.name),
                                text(m.unit),
                                text(m.polarity_label),
                                m.target.map_or(Value::Null, |t| json!(t)),
                                m.baseline.as_ref().map_or(Value::Null, |b| json!(b.value)),
                                json!(v.as_at.iso()),
                                text(&v.quarter),
                                json!(v.value),
                                text(v.direction.word),
                                url(site, &format!("{}#{}", p.url, m.anchor)),
                            ]);
                        }
                    }
                }
            }
        }
    });
    Table {
        name: "plan-measures",
        title: "Plan measures",
        description: "Every value of every measure in published improvement plans, with its quarter and \
                      direction of travel.",
        columns: vec![
            col("plan_id", Type::Text, "The plan's id"),
            col("aim_id", Type::Text, "The aim's id"),
            col("action_id", Type::Text, "The action's id"),
            col("measure_id", Type::Text, "The measure's id"),
            col("measure", Type::Text, "The measure's name"),
            col("unit", Type::Text, "percent, count, rate, days, currency or ratio"),
            col("polarity", Type::Text, "Whether higher or lower is better"),
            opt("target", Type::Number, "The target"),
            opt("baseline", Type::Number, "The baseline"),
            col("as_at", Type::Date, "The date of the value"),
            col("quarter", Type::Text, "The financial quarter"),
            col("value", Type::Number, "The value"),
            col(
                "direction",
                Type::Text,
                "Direction of travel against the previous value",
            ),
            col("url", Type::Url, "The measure on its plan page"),
        ],
        rows,
        updated,
    }
}

fn datasets<'a>(cx: &'a EmitContext<'a>) -> Table<'a> {
    let site = cx.site;
    let public = move || site.dataset_values.iter().filter(|d| d.publish.is_public());
    let updated = latest(
        site,
        public().filter_map(|d| {
            let owner = d.id.rsplit_once('/').map_or(d.id.as_str(), |(o, _)| o);
            let doc = [Kind::AnnualReport, Kind::Report]
                .into_iter()
                .find_map(|k| cx.published.get(&Key::new(k, owner)));
            doc.and_then(|x| x.updated.or(x.published).or(x.date))
        }),
    );
    let rows: Rows<'a> = Box::new(move |row: &mut dyn FnMut(Vec<Value>)| {
        for d in public() {
            for (series, values) in &d.series {
                for (category, v) in d.categories.iter().zip(values) {
                    row(vec![
                        text(&d.id),
                        text(&d.title),
                        text(&d.unit),
                        maybe(d.source.as_ref()),
                        text(category),
                        text(series),
                        json!(v),
                        url(site, &d.url),
                    ]);
                }
            }
        }
    });
    Table {
        name: "datasets",
        title: "Data sets",
        description: "Every figure of every published data set in annual reports and officer reports, one \
                      row per series and category.",
        columns: vec![
            col("dataset_id", Type::Text, "<document>/<data set>"),
            col("dataset", Type::Text, "The data set's title"),
            col("unit", Type::Text, "The unit of the figures"),
            opt("source", Type::Text, "Where the figures come from"),
            col("category", Type::Text, "The category (column)"),
            col("series", Type::Text, "The series (row)"),
            col("value", Type::Number, "The figure"),
            col("url", Type::Url, "The table in its document"),
        ],
        rows,
        updated,
    }
}
