//! A meeting's minutes: attendance, each minute's text and resolutions.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, shown};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::published::{Body, MinuteHtml};
use crate::resolve::entities::{Key, Kind};
use crate::resolve::model::{Minute, Minutes, ResolutionView};

#[derive(Serialize)]
struct MinutesView<'a> {
    #[serde(flatten)]
    minutes: &'a Minutes,
    is_approved: bool,
}

/// One minute with its rendered text and resolutions.
#[derive(Serialize)]
struct MinuteRow<'a> {
    #[serde(flatten)]
    minute: &'a Minute,
    body_html: std::borrow::Cow<'a, str>,
    resolution_rows: Vec<ResolutionRow<'a>>,
}

#[derive(Serialize)]
struct ResolutionRow<'a> {
    #[serde(flatten)]
    resolution: &'a ResolutionView,
    /// Its text, without a `<p>` wrapper.
    html: &'a str,
}

#[derive(Serialize)]
struct MinutesPage<'a> {
    minutes: MinutesView<'a>,
    preamble_html: std::borrow::Cow<'a, str>,
    sections: Vec<MinuteRow<'a>>,
}

fn sections<'a>(minutes: &'a [Minute], html: &'a [MinuteHtml]) -> Vec<MinuteRow<'a>> {
    minutes
        .iter()
        .enumerate()
        .map(|(i, minute)| {
            let h = html.get(i);
            MinuteRow {
                minute,
                body_html: h.map(|h| h.body.unpack()).unwrap_or_default(),
                resolution_rows: minute
                    .resolutions
                    .iter()
                    .enumerate()
                    .map(|(j, resolution)| ResolutionRow {
                        resolution,
                        html: h.and_then(|h| h.resolutions.get(j)).map_or("", String::as_str),
                    })
                    .collect(),
            }
        })
        .collect()
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let m = &site.papers.minutes[i];
    let (preamble, html) = match shown(cx, &mut md, &m.key).map(|d| &d.body) {
        Some(Body::Minutes { preamble, minutes }) => (preamble.unpack(), minutes.as_slice()),
        _ => (std::borrow::Cow::Borrowed(""), &[][..]),
    };
    let page = MinutesPage {
        minutes: MinutesView {
            minutes: m,
            is_approved: m.status == "approved",
        },
        preamble_html: preamble,
        sections: sections(&m.minutes, html),
    };
    let mut keys = vec![m.key.clone()];
    keys.extend(
        m.minutes
            .iter()
            .map(|x| Key::new(Kind::Minute, format!("{}/{}", m.meeting_id, x.number))),
    );
    let mut f = frame(
        &m.title,
        &m.url,
        format!("Minutes of {}", m.meeting.text),
        Crumbs::home(site).link(&m.committee).link(&m.meeting).done(),
        "meetings",
    );
    f.about(site, &keys);
    if let Some(d) = cx.published.get(&m.key)
        && let Some(c) = &d.committee_id
    {
        f.committee(site, c);
    }
    finish_page(cx, "minutes.html", &page, f, md)
}
