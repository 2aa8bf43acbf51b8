//! Where a file lives decides what kind of document it is (spec section 1).

/// The kind of a file, from its path relative to `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    Committee {
        id: String,
    },
    People,
    Glossary,
    Meeting {
        meeting: String,
    },
    Minutes {
        meeting: String,
    },
    Questions {
        meeting: String,
    },
    Report {
        meeting: String,
        report: String,
    },
    Appendix {
        meeting: String,
        report: String,
        file: String,
    },
    ReportDataset {
        meeting: String,
        report: String,
        dataset: String,
    },
    Attachment {
        meeting: String,
    },
    Review {
        review: String,
    },
    Recommendations {
        review: String,
    },
    PlanIndex {
        plan: String,
    },
    Plan {
        plan: String,
    },
    AnnualReport {
        report: String,
    },
    AnnualDataset {
        report: String,
        dataset: String,
    },
    WorkProgramme {
        name: String,
    },
    Updates {
        name: String,
    },
    Page {
        id: String,
    },
    /// Not part of the content model: reported, never silently dropped.
    Unknown,
}

impl FileKind {
    /// The `kind:` a document of this sort may state in its front matter.
    pub fn kind_name(&self) -> &'static str {
        match self {
            FileKind::Committee { .. } => "committee",
            FileKind::People => "people",
            FileKind::Glossary => "glossary",
            FileKind::Meeting { .. } => "meeting",
            FileKind::Minutes { .. } => "minutes",
            FileKind::Questions { .. } => "questions",
            FileKind::Report { .. } => "report",
            FileKind::Appendix { .. } => "appendix",
            FileKind::ReportDataset { .. } | FileKind::AnnualDataset { .. } => "dataset",
            FileKind::Attachment { .. } => "attachment",
            FileKind::Review { .. } => "review",
            FileKind::Recommendations { .. } => "recommendations",
            FileKind::PlanIndex { .. } | FileKind::Plan { .. } => "plan",
            FileKind::AnnualReport { .. } => "annual-report",
            FileKind::WorkProgramme { .. } => "work-programme",
            FileKind::Updates { .. } => "updates",
            FileKind::Page { .. } => "page",
            FileKind::Unknown => "unknown",
        }
    }
}

fn stem<'a>(name: &'a str, ext: &str) -> Option<&'a str> {
    name.strip_suffix(ext).filter(|s| !s.is_empty())
}

fn yaml_stem(name: &str) -> Option<&str> {
    stem(name, ".yaml").or_else(|| stem(name, ".yml"))
}

/// Classify `rel`, a `/`-separated path relative to `content/`.
pub fn classify(rel: &str) -> FileKind {
    let parts: Vec<&str> = rel.split('/').collect();
    let s = |x: &str| x.to_string();
    match parts.as_slice() {
        ["committees", f] => stem(f, ".md").map_or(FileKind::Unknown, |id| FileKind::Committee { id: s(id) }),
        ["people.yaml" | "people.yml"] => FileKind::People,
        ["glossary.yaml" | "glossary.yml"] => FileKind::Glossary,
        ["meetings", m, "index.md"] => FileKind::Meeting { meeting: s(m) },
        ["meetings", m, "minutes.md"] => FileKind::Minutes { meeting: s(m) },
        ["meetings", m, "questions.yaml" | "questions.yml"] => FileKind::Questions { meeting: s(m) },
        ["meetings", m, "reports", f] => stem(f, ".md").map_or(FileKind::Unknown, |r| FileKind::Report {
            meeting: s(m),
            report: s(r),
        }),
        ["meetings", m, "reports", r, "data", f] => {
            yaml_stem(f).map_or(FileKind::Unknown, |d| FileKind::ReportDataset {
                meeting: s(m),
                report: s(r),
                dataset: s(d),
            })
        }
        ["meetings", m, "reports", r, f] if f.ends_with(".md") => FileKind::Appendix {
            meeting: s(m),
            report: s(r),
            file: s(f),
        },
        // Files beside a report (pdf appendices) and a meeting's files/ are copied as they are.
        ["meetings", m, "reports", _, _] => FileKind::Attachment { meeting: s(m) },
        ["meetings", m, "files", ..] => FileKind::Attachment { meeting: s(m) },
        ["reviews", r, "index.md"] => FileKind::Review { review: s(r) },
        ["reviews", r, "recommendations.yaml" | "recommendations.yml"] => FileKind::Recommendations { review: s(r) },
        ["plans", p, "index.md"] => FileKind::PlanIndex { plan: s(p) },
        ["plans", p, "plan.yaml" | "plan.yml"] => FileKind::Plan { plan: s(p) },
        ["annual-reports", a, "index.md"] => FileKind::AnnualReport { report: s(a) },
        ["annual-reports", a, "data", f] => yaml_stem(f).map_or(FileKind::Unknown, |d| FileKind::AnnualDataset {
            report: s(a),
            dataset: s(d),
        }),
        ["work-programmes", f] => yaml_stem(f).map_or(FileKind::Unknown, |n| FileKind::WorkProgramme { name: s(n) }),
        ["updates", f] => yaml_stem(f).map_or(FileKind::Unknown, |n| FileKind::Updates { name: s(n) }),
        ["pages", f] => stem(f, ".md").map_or(FileKind::Unknown, |p| FileKind::Page { id: s(p) }),
        _ => FileKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_decide_kinds() {
        assert_eq!(
            classify("meetings/2020-06-02-cyp/reports/peer.md"),
            FileKind::Report {
                meeting: "2020-06-02-cyp".into(),
                report: "peer".into()
            }
        );
        assert_eq!(
            classify("meetings/m/reports/peer/appendix-1.md"),
            FileKind::Appendix {
                meeting: "m".into(),
                report: "peer".into(),
                file: "appendix-1.md".into()
            }
        );
        assert_eq!(
            classify("annual-reports/a/data/x.yaml"),
            FileKind::AnnualDataset {
                report: "a".into(),
                dataset: "x".into()
            }
        );
        assert_eq!(
            classify("meetings/m/files/a.pdf"),
            FileKind::Attachment { meeting: "m".into() }
        );
        assert_eq!(classify("random.md"), FileKind::Unknown);
    }
}
