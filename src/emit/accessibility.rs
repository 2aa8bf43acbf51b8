//! The accessibility statement at `/accessibility/`, linked from every
//! page's footer. It follows the structure of the GOV.UK model accessibility
//! statement (sample statement for public sector websites): who runs the
//! site and what people should be able to do, how accessible it is, feedback
//! and contact, the enforcement procedure, the technical information with the
//! compliance status and the non-accessible content, and how the statement
//! was prepared.
//!
//! Every sentence is composed here from site.yaml's optional `accessibility:`
//! block (see `load/accessibility.rs`), with the model statement's wording as
//! the default; the template only lays it out.

use serde::Serialize;

use super::contexts::{Crumbs, PageMd};
use super::pages::{finish_page, frame};
use super::{EmitContext, Emitter, Output};
use crate::diagnostics::Diagnostic;
use crate::load::accessibility::{AccessibilityFile, Compliance, Nation};
use crate::load::primitives::{Contact, Spanned, pos};
use crate::resolve::model::Markdown;

pub struct Accessibility;

/// The regulations' full name, as the model statement gives it.
const REGULATIONS: &str =
    "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018";

/// The default enforcement procedure for `nation`, in Markdown.
pub fn enforcement(nation: Nation) -> String {
    match nation {
        Nation::NorthernIreland => format!(
            "The Equality Commission for Northern Ireland (ECNI) is responsible for enforcing \
             {REGULATIONS} (the 'accessibility regulations') in Northern Ireland. If you're not \
             happy with how we respond to your complaint, \
             [contact the Equality Commission for Northern Ireland](https://www.equalityni.org/Home)."
        ),
        Nation::England | Nation::Wales | Nation::Scotland => format!(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing \
             {REGULATIONS} (the 'accessibility regulations'). If you're not happy with how we \
             respond to your complaint, \
             [contact the Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/)."
        ),
    }
}

/// The statement as the template shows it: sentences and lists, ready.
#[derive(Serialize)]
struct Statement {
    title: String,
    /// "This accessibility statement applies to …" and "This website is run by …".
    intro: Vec<String>,
    contact: Option<Contact>,
    /// "We'll consider your request and get back to you …".
    response: String,
    /// The lead-in to the list of known issues, or the sentence that there are none.
    issues_lead: String,
    known_issues: Vec<String>,
    enforcement_html: String,
    commitment: String,
    compliance: String,
    disproportionate_burden: Vec<String>,
    outside_scope: Vec<String>,
    improvements_html: String,
    preparation: Vec<String>,
    how_tested_html: String,
}

fn markdown(md: &mut PageMd, text: &str, line: usize) -> String {
    md.html(&Markdown::new(text, "site.yaml", line, ""))
}

fn spanned(md: &mut PageMd, s: &Spanned<String>) -> String {
    markdown(md, &s.value, pos(s).line)
}

fn inline_list(md: &mut PageMd, items: &[Spanned<String>]) -> Vec<String> {
    items
        .iter()
        .map(|s| md.inline(&Markdown::new(&s.value, "site.yaml", pos(s).line, "")))
        .collect()
}

fn statement(cx: &EmitContext, md: &mut PageMd, a: &AccessibilityFile) -> Statement {
    let config = &cx.site.config;
    let organisation = a.organisation.clone().unwrap_or_else(|| config.title.clone());
    let compliance = a.compliance.unwrap_or(if a.known_issues.is_empty() {
        Compliance::Full
    } else {
        Compliance::Partial
    });
    let standard = "the Web Content Accessibility Guidelines version 2.2 AA standard";
    let compliance = match compliance {
        Compliance::Full => format!("This website is fully compliant with {standard}."),
        Compliance::Partial => {
            format!("This website is partially compliant with {standard}, due to the non-compliances listed below.")
        }
        Compliance::Not => {
            format!("This website is not compliant with {standard}. The non-compliances are listed below.")
        }
    };
    let response = match a.response_days {
        Some(1) => "We'll consider your request and get back to you in 1 working day.".to_string(),
        Some(n) => format!("We'll consider your request and get back to you in {n} working days."),
        None => "We'll consider your request and get back to you.".to_string(),
    };
    let issues_lead = if a.known_issues.is_empty() {
        "We do not know of any part of this website that is not accessible. If you find one, please tell us."
    } else {
        "We know some parts of this website are not fully accessible:"
    }
    .to_string();
    let mut preparation = Vec::new();
    match (a.prepared, a.reviewed) {
        (Some(p), Some(r)) => preparation.push(format!(
            "This statement was prepared on {}. It was last reviewed on {}.",
            p.long(),
            r.long()
        )),
        (Some(p), None) => preparation.push(format!("This statement was prepared on {}.", p.long())),
        (None, Some(r)) => preparation.push(format!("This statement was last reviewed on {}.", r.long())),
        (None, None) => {}
    }
    if let Some(t) = a.last_tested {
        let by = a.tested_by.as_deref().unwrap_or(&organisation);
        preparation.push(format!(
            "This website was last tested on {}. The test was carried out by {by}.",
            t.long()
        ));
    }
    // Markdown in page order, so glossary first uses and heading ids follow the page.
    md.at(3, None);
    let known_issues = inline_list(md, &a.known_issues);
    md.at(3, Some("enforcement"));
    let enforcement_html = match &a.enforcement {
        Some(s) => spanned(md, s),
        None => markdown(md, &enforcement(a.nation), 1),
    };
    md.at(4, None);
    let disproportionate_burden = inline_list(md, &a.disproportionate_burden);
    let outside_scope = inline_list(md, &a.outside_scope);
    md.at(3, Some("improving"));
    let improvements_html = a.improvements.as_ref().map(|s| spanned(md, s)).unwrap_or_default();
    md.at(3, Some("testing"));
    let how_tested_html = a.how_tested.as_ref().map(|s| spanned(md, s)).unwrap_or_default();
    Statement {
        title: format!("Accessibility statement for {}", config.title),
        intro: vec![
            format!(
                "This accessibility statement applies to {}, the committee papers website at {}.",
                config.title, config.base_url
            ),
            format!(
                "This website is run by {organisation}. We want as many people as possible to be able to use it. For example, that means you should be able to:"
            ),
        ],
        contact: a.contact.clone().or_else(|| config.contact.clone()),
        response,
        issues_lead,
        known_issues,
        enforcement_html,
        commitment: format!(
            "{organisation} is committed to making its website accessible, in accordance with {REGULATIONS}."
        ),
        compliance,
        disproportionate_burden,
        outside_scope,
        improvements_html,
        preparation,
        how_tested_html,
    }
}

/// The statement's page reads the statement.
#[derive(Serialize)]
struct StatementPage<'a> {
    statement: &'a Statement,
}

impl Emitter for Accessibility {
    fn name(&self) -> &'static str {
        "accessibility"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let mut md = PageMd::new(cx.renderer);
        let s = statement(cx, &mut md, &site.config.accessibility);
        let url = site.config.url("accessibility/");
        let f = frame(
            &s.title,
            &url,
            format!("How accessible {} is, and how to report a problem", site.config.title),
            Crumbs::home(site).done(),
            "",
        );
        let page = finish_page(cx, "accessibility.html", &StatementPage { statement: &s }, f, md);
        out.add(page.path, page.html);
        page.diags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enforcement_names_the_body_for_each_nation() {
        for n in [Nation::England, Nation::Wales, Nation::Scotland] {
            let t = enforcement(n);
            assert!(t.contains("Equality and Human Rights Commission (EHRC)"), "{t}");
            assert!(t.contains("Equality Advisory and Support Service (EASS)"), "{t}");
        }
        let t = enforcement(Nation::NorthernIreland);
        assert!(t.contains("Equality Commission for Northern Ireland (ECNI)"), "{t}");
        assert!(!t.contains("EHRC"), "{t}");
    }
}
