//! Checks of a plan against the site: statuses in the rating vocabulary,
//! ids used once, one entry per date, `due` or `due_text` but not both.

use crate::diagnostics::{Diagnostic, Pos};
use crate::load::plan::PlanFile;
use crate::load::primitives::{Date, pos};
use crate::resolve::vocabulary::Vocabulary;

/// An error when the plan's `rating` names no known vocabulary (`names`).
pub fn check_rating(file: &str, plan: &PlanFile, names: &[&str]) -> Option<Diagnostic> {
    let r = plan.rating.as_ref()?;
    if names.contains(&r.value.as_str()) {
        return None;
    }
    let help = match crate::suggest::closest(&r.value, names.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("use one of the site's vocabularies: {}", names.join(", ")),
    };
    Some(Diagnostic::at(file, pos(r), format!("`rating: {}` names no vocabulary", r.value)).with_help(help))
}

/// Every problem in a plan: statuses outside the vocabulary (with a "did you
/// mean"), repeated aim, action or measure ids, two entries for one date,
/// `due` with `due_text`, and a period that ends before it starts.
pub fn check(file: &str, plan: &PlanFile, vocab: &Vocabulary) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let period = &plan.period.value;
    if period.end.value < period.start.value {
        diags.push(
            Diagnostic::at(file, pos(&period.end), "the plan's period ends before it starts")
                .with_help("check the `start` and `end` dates of `period`"),
        );
    }
    let name = plan.rating_name();
    let keys: Vec<&str> = vocab.keys().collect();
    let (mut aims, mut actions, mut measures) = (Vec::new(), Vec::new(), Vec::new());
    let mut twice = |seen: &mut Vec<String>, id: &str, what: &str, at: Pos| {
        if seen.iter().any(|s| s == id) {
            diags.push(
                Diagnostic::at(file, at, format!("two {what}s in this plan have the id `{id}`"))
                    .with_help(format!("give each {what} its own id: ids make the page's links")),
            );
        } else {
            seen.push(id.to_string());
        }
    };
    for aim in &plan.aims {
        twice(&mut aims, aim.value.id.value.as_str(), "aim", pos(&aim.value.id));
        for a in &aim.value.actions {
            twice(&mut actions, a.value.id.value.as_str(), "action", pos(&a.value.id));
            for m in &a.value.measures {
                twice(&mut measures, m.value.id.value.as_str(), "measure", pos(&m.value.id));
            }
        }
    }
    for a in plan.aims.iter().flat_map(|aim| &aim.value.actions) {
        let a = &a.value;
        if let (Some(_), Some(text)) = (&a.due, &a.due_text) {
            diags.push(
                Diagnostic::at(
                    file,
                    pos(text),
                    format!("action `{}` has both `due` and `due_text`", a.id.value),
                )
                .with_help("keep `due` for a date, or `due_text` for a due time in words, not both"),
            );
        }
        let mut dates: Vec<Date> = Vec::new();
        for p in &a.progress {
            let status = &p.value.status;
            if !keys.contains(&status.value.as_str()) {
                let help = match crate::suggest::closest(&status.value, keys.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("use one of: {}", keys.join(", ")),
                };
                diags.push(
                    Diagnostic::at(
                        file,
                        pos(status),
                        format!("`{}` is not in the site's `{name}` vocabulary", status.value),
                    )
                    .with_help(help),
                );
            }
            let d = p.value.as_at.value;
            if dates.contains(&d) {
                diags.push(
                    Diagnostic::at(
                        file,
                        pos(&p.value.as_at),
                        format!("action `{}` has two progress entries as at {d}", a.id.value),
                    )
                    .with_help("merge them into one entry, or correct one of the dates"),
                );
            }
            dates.push(d);
        }
        for m in &a.measures {
            let mut dates: Vec<Date> = Vec::new();
            for v in &m.value.values {
                let d = v.value.as_at.value;
                if dates.contains(&d) {
                    diags.push(
                        Diagnostic::at(
                            file,
                            pos(&v.value.as_at),
                            format!("measure `{}` has two values as at {d}", m.value.id.value),
                        )
                        .with_help("keep one value per date"),
                    );
                }
                dates.push(d);
                if !v.value.value.value.is_finite() {
                    diags.push(
                        Diagnostic::at(file, pos(&v.value.value), "this value is not a number")
                            .with_help("write a number such as 88 or 88.5"),
                    );
                }
            }
        }
    }
    diags
}
