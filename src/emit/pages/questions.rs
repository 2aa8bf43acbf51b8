//! Questions put to a meeting, from the public and from councillors, with
//! their answers.

use serde::Serialize;

use super::{PageMd, PageOut, finish_page, frame, shown};
use crate::emit::EmitContext;
use crate::emit::contexts::Crumbs;
use crate::render::published::{Body, QuestionHtml};
use crate::resolve::entities::{Key, Kind};
use crate::resolve::model::{QuestionSchedule, QuestionView};

/// One question with its rendered parts.
#[derive(Serialize)]
struct QuestionRow<'a> {
    q: &'a QuestionView,
    question_html: &'a str,
    response_html: Option<&'a str>,
    supp_question_html: Option<&'a str>,
    supp_responses: Vec<SuppResponse<'a>>,
}

#[derive(Serialize)]
struct SuppResponse<'a> {
    by: Option<&'a str>,
    html: &'a str,
}

/// The public's questions or the councillors', under their heading.
#[derive(Serialize)]
struct Group<'a> {
    /// `public` or `member`: the heading's id is `<id>-questions`.
    id: &'static str,
    heading: &'static str,
    questions: Vec<QuestionRow<'a>>,
}

#[derive(Serialize)]
struct QuestionsPage<'a> {
    schedule: &'a QuestionSchedule,
    groups: Vec<Group<'a>>,
}

fn rows<'a>(views: &'a [QuestionView], html: &'a [QuestionHtml]) -> Vec<QuestionRow<'a>> {
    views
        .iter()
        .zip(html)
        .map(|(q, h)| QuestionRow {
            q,
            question_html: &h.question,
            response_html: h.response.as_deref(),
            supp_question_html: h.supplementary_question.as_deref(),
            supp_responses: h
                .supplementary_responses
                .iter()
                .map(|(by, html)| SuppResponse {
                    by: by.as_deref(),
                    html,
                })
                .collect(),
        })
        .collect()
}

pub(super) fn page(cx: &EmitContext, mut md: PageMd, i: usize) -> PageOut {
    let site = cx.site;
    let q = &site.papers.questions[i];
    let (public_html, member_html) = match shown(cx, &mut md, &q.key).map(|d| &d.body) {
        Some(Body::Questions { public, member }) => (public.as_slice(), member.as_slice()),
        _ => (&[][..], &[][..]),
    };
    let page = QuestionsPage {
        schedule: q,
        groups: vec![
            Group {
                id: "public",
                heading: "Questions from members of the public",
                questions: rows(&q.public, public_html),
            },
            Group {
                id: "member",
                heading: "Questions from councillors",
                questions: rows(&q.member, member_html),
            },
        ],
    };
    let mut keys = vec![q.key.clone()];
    keys.extend(
        q.public
            .iter()
            .chain(&q.member)
            .map(|v| Key::new(Kind::Question, format!("{}/{}", q.meeting_id, v.id))),
    );
    let mut f = frame(
        &q.title,
        &q.url,
        format!("Questions and answers at {}", q.meeting.text),
        Crumbs::home(site).link(&q.committee).link(&q.meeting).done(),
        "meetings",
    );
    f.about(site, &keys);
    finish_page(cx, "questions.html", &page, f, md)
}
