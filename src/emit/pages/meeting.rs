//! A meeting's page: its agenda, the updates its items hear and the
//! recommendations made or reported to it. The agenda pack builds its
//! agenda from the same [`ItemRow`]s.

use serde::Serialize;

use super::{MeetingView, PageMd, PageOut, finish_page, frame, shown};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::published::Body;
use crate::resolve::entities::{Key, Kind};
use crate::resolve::model::{AgendaItem, ItemUpdate, Rec, UpdateView};

/// An agenda item with the rendered text of each update it hears.
#[derive(Serialize)]
pub(in crate::emit) struct ItemRow<'a> {
    #[serde(flatten)]
    item: &'a AgendaItem,
    /// Its `updates`, each with its text.
    update_rows: Vec<ItemUpdateRow<'a>>,
}

#[derive(Serialize)]
struct ItemUpdateRow<'a> {
    #[serde(flatten)]
    update: &'a ItemUpdate,
    html: Option<&'a str>,
}

/// The agenda's items, each with its updates' text from `htmls` (one list
/// per item, one text per update, as the published index holds them).
pub(in crate::emit) fn item_rows<'a>(items: &'a [AgendaItem], htmls: &'a [Vec<Option<String>>]) -> Vec<ItemRow<'a>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| ItemRow {
            item,
            update_rows: item
                .updates
                .iter()
                .enumerate()
                .map(|(j, update)| ItemUpdateRow {
                    update,
                    html: htmls.get(i).and_then(|h| h.get(j)).and_then(Option::as_deref),
                })
                .collect(),
        })
        .collect()
}

/// A recommendation whose progress is reported to the meeting.
#[derive(Serialize)]
struct UpdatedRec<'a> {
    rec: &'a Rec,
    update: &'a UpdateView,
}

#[derive(Serialize)]
struct MeetingPage<'a> {
    meeting: MeetingView<'a>,
    items: Vec<ItemRow<'a>>,
    notes_html: std::borrow::Cow<'a, str>,
    pack_url: String,
    calendar_url: String,
    recs_made: Vec<&'a Rec>,
    recs_updated: Vec<UpdatedRec<'a>>,
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let m = &site.papers.meetings[i];
    let (notes, item_updates) = match shown(cx, &mut md, &m.key).map(|d| &d.body) {
        Some(Body::Agenda { notes, item_updates }) => (notes.unpack(), item_updates.as_slice()),
        _ => (std::borrow::Cow::Borrowed(""), &[][..]),
    };
    let (made, updated) = crate::resolve::tracker::for_meeting(site, &m.id);
    let page = MeetingPage {
        meeting: MeetingView::of(m),
        items: item_rows(&m.items, item_updates),
        notes_html: notes,
        pack_url: crate::emit::pack::pack_url(&m.url),
        calendar_url: crate::emit::calendar::committee_calendar_url(site, &m.committee_id),
        recs_made: made,
        // Updates an agenda item hears are shown under it, not again here.
        recs_updated: updated
            .into_iter()
            .filter(|(_, u)| u.item.is_none())
            .map(|(rec, update)| UpdatedRec { rec, update })
            .collect(),
    };
    let mut keys = vec![m.key.clone()];
    keys.extend(
        m.items
            .iter()
            .map(|it| Key::new(Kind::Item, format!("{}/{}", m.id, it.anchor))),
    );
    let mut f = frame(
        &m.title,
        &m.url,
        format!("Agenda for {}", m.title),
        Crumbs::home(site).link(&m.committee).done(),
        "meetings",
    );
    f.about(site, &keys);
    f.committee(site, &m.committee_id);
    f.json_ld = Some(crate::emit::structured::meeting_event(site, m));
    finish_page(cx, "meeting.html", &page, f, md)
}
