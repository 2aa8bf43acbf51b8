//! Improvement plans, annual reports and their data sets: parsed with their
//! own modules (`load::plan`, `load::dataset`), registered as entities so
//! that `plan:` and `dataset:` references resolve, and turned into views.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Ctx;
use super::entities::{Key, Kind};
use super::model::Markdown;
use super::plans::{PlanView, build_plan_view};
use super::publish::Publish;
use crate::diagnostics::Pos;
use crate::load::dataset::{self, DatasetFile};
use crate::load::plan::PlanFile;
use crate::load::primitives::pos;
use crate::load::yaml;

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub key: Key,
    pub id: String,
    pub title: String,
    pub url: String,
    pub publish: Publish,
    /// The committee that monitors the plan, when `committee` names one.
    pub committee: Option<super::entities::Link>,
    pub intro: Markdown,
    pub view: PlanView,
}

/// An annual report is a titled Markdown document, like a free page.
pub type AnnualReport = super::model::Page;

/// A parsed plan: (plan id, plan, file).
pub type PlanSource = (String, PlanFile, String);
/// A parsed data set: (owner content path, dataset id, data, file, entity id).
pub type DatasetSource = (String, String, DatasetFile, String, String);

/// A data set's figures, for open data: one value per series and category.
#[derive(Debug, Clone)]
pub struct DatasetValues {
    /// The entity id, `<document>/<dataset>`.
    pub id: String,
    pub title: String,
    pub unit: String,
    pub source: Option<String>,
    /// Site-relative URL of the table in its document.
    pub url: String,
    pub publish: Publish,
    pub categories: Vec<String>,
    /// (series name, one value per category).
    pub series: Vec<(String, Vec<f64>)>,
}

/// The key of data set `name` placed in the document at content path `doc`
/// (an annual report's `index` or a report): `<owner folder>/<name>`.
pub fn dataset_key(doc: &str, name: &str) -> String {
    format!("{}/{name}", doc.strip_suffix("/index").unwrap_or(doc))
}

/// A parsed data set and its name (its file's stem).
#[derive(Debug, Clone)]
pub struct StoredDataset {
    pub name: String,
    pub data: DatasetFile,
}

pub struct Built {
    pub plans: Vec<Plan>,
    pub annual_reports: Vec<AnnualReport>,
    /// Data sets by `<owner content path>/<dataset>` (render draws them).
    pub datasets: BTreeMap<String, StoredDataset>,
    /// Every data set's figures, with its publishability.
    pub dataset_values: Vec<DatasetValues>,
}

/// Parse and register plans, annual reports and data sets.
pub fn register(ctx: &mut Ctx) -> (Vec<PlanSource>, Vec<DatasetSource>) {
    let loaded = ctx.loaded;
    let mut plans = Vec::new();
    for (id, y) in &loaded.plans {
        let plan = yaml::parse::<PlanFile>(&y.file, &y.data)
            .and_then(|p| crate::load::check_kind(&y.file, p.kind.as_ref(), "plan").map(|()| p));
        let plan = match plan {
            Ok(p) => p,
            Err(d) => {
                ctx.diags.push(d);
                ctx.reg.uncertain.insert(Kind::Plan);
                continue;
            }
        };
        let index = loaded
            .plan_indexes
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, d)| d.front.common());
        let p = index.map_or(Publish::Public, |c| ctx.decide(&c));
        let url = format!("plans/{id}/");
        ctx.add_entity(
            Kind::Plan,
            id.clone(),
            plan.title.clone(),
            &url,
            p,
            &y.file,
            Pos::new(1, 1),
        );
        for aim in &plan.aims {
            let a = &aim.value;
            ctx.add_entity(
                Kind::Plan,
                format!("{id}/{}", a.id.value),
                format!("Aim {}: {}", a.id.value, a.title),
                format!("{url}#aim-{}", a.id.value),
                p,
                &y.file,
                pos(&a.id),
            );
            for act in &a.actions {
                let x = &act.value;
                ctx.add_entity(
                    Kind::Plan,
                    format!("{id}/{}", x.id.value),
                    format!("Action {}: {}", x.id.value, x.action),
                    format!("{url}#action-{}", x.id.value),
                    p,
                    &y.file,
                    pos(&x.id),
                );
            }
        }
        if let Some(c) = &plan.committee {
            let from = Key::new(Kind::Plan, id.clone());
            ctx.refer(&from, &c.value, Some(Kind::Committee), &y.file, pos(c));
        }
        plans.push((id.clone(), plan, y.file.clone()));
    }
    for (id, doc) in &loaded.plan_indexes {
        let plan_yaml = format!("content/plans/{id}/plan.yaml");
        let has_plan = loaded.plans.iter().any(|(p, _)| p == id)
            || loaded.failed_file(&plan_yaml)
            || loaded.failed_file(&format!("content/plans/{id}/plan.yml"));
        if !has_plan {
            ctx.diags.push(
                crate::diagnostics::Diagnostic::error(
                    &doc.file,
                    1,
                    1,
                    "this plan has no plan.yaml, so it is not published",
                )
                .with_help(format!(
                    "add {plan_yaml} with the plan's title, period and aims (index.md holds only its introduction)"
                )),
            );
        }
    }
    for (id, doc) in &loaded.annual_reports {
        let c = doc.front.common();
        let p = ctx.decide(&c);
        ctx.add_entity(
            Kind::AnnualReport,
            id.clone(),
            doc.front.title.clone(),
            format!("annual-reports/{id}/"),
            p,
            &doc.file,
            Pos::new(1, 1),
        );
    }
    let mut datasets = Vec::new();
    for raw in &loaded.datasets {
        let ds = yaml::parse::<DatasetFile>(&raw.yaml.file, &raw.yaml.data)
            .and_then(|d| crate::load::check_kind(&raw.yaml.file, d.kind.as_ref(), "dataset").map(|()| d));
        let ds = match ds {
            Ok(d) => d,
            Err(d) => {
                ctx.diags.push(d);
                ctx.reg.uncertain.insert(Kind::Dataset);
                continue;
            }
        };
        ctx.diags.extend(dataset::check(&raw.yaml.file, &ds));
        let owner_kind = if raw.owner_path.starts_with("annual-reports/") {
            Kind::AnnualReport
        } else {
            Kind::Report
        };
        let owner = ctx.reg.get(&Key::new(owner_kind, raw.owner_id.clone())).cloned();
        let Some(owner) = owner else {
            // An owner that failed to load is reported already.
            let owner_file = match owner_kind {
                Kind::AnnualReport => format!("content/{}/index.md", raw.owner_path),
                _ => format!("content/{}.md", raw.owner_path),
            };
            if loaded.failed_file(&owner_file) {
                continue;
            }
            ctx.diags.push(crate::diagnostics::Diagnostic::error(&raw.yaml.file, 1, 1, "this data set's document does not exist").with_help(
                "data sets live in the data/ folder of an annual report or beside a report (reports/<report>/data/)",
            ));
            continue;
        };
        let anchor = dataset::dataset_anchor(&raw.dataset);
        let url = format!("{}#{anchor}", owner.url.trim_start_matches(&ctx.config.base_path));
        ctx.add_entity(
            Kind::Dataset,
            format!("{}/{}", raw.owner_id, raw.dataset),
            ds.title.clone(),
            &url,
            // Everything stored under an exempt or withheld report is withheld with it.
            Publish::Public.stored_under(owner.publish),
            &raw.yaml.file,
            Pos::new(1, 1),
        );
        datasets.push((
            raw.owner_path.clone(),
            raw.dataset.clone(),
            ds,
            raw.yaml.file.clone(),
            format!("{}/{}", raw.owner_id, raw.dataset),
        ));
    }
    (plans, datasets)
}

pub fn build(ctx: &mut Ctx, plans: Vec<PlanSource>, datasets: Vec<DatasetSource>) -> Built {
    let loaded = ctx.loaded;
    let mut out_plans = Vec::new();
    for (id, plan, file) in plans {
        // `rating:` names the vocabulary that statuses are rated in (`rag` by default).
        if let Some(d) = super::plans::check_rating(&file, &plan, &["rag", "progress"]) {
            ctx.diags.push(d);
        }
        let vocab = &ctx.config.vocabularies;
        let rag = if plan.rating_name() == "progress" {
            vocab.progress.clone()
        } else {
            vocab.rag.clone()
        };
        ctx.diags.extend(super::plans::check(&file, &plan, &rag));
        let key = Key::new(Kind::Plan, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let index = loaded.plan_indexes.iter().find(|(p, _)| *p == id).map(|(_, d)| d);
        let intro = index
            .map(|d| Markdown::new(&d.body, &d.file, d.body_line, &d.path))
            .unwrap_or_default();
        if let Some(d) = index {
            ctx.add_found(&key, &intro, &d.found);
        }
        let committee = plan
            .committee
            .as_ref()
            .map(|c| ctx.link(&Key::new(Kind::Committee, c.value.clone())));
        out_plans.push(Plan {
            committee,
            id,
            title: plan.title.clone(),
            url: entity.url.to_string(),
            publish: entity.publish,
            intro,
            view: build_plan_view(&plan, &rag, ctx.config.as_of, ctx.config.fy_start),
            key,
        });
    }
    let mut annual_reports = Vec::new();
    for (id, doc) in &loaded.annual_reports {
        let key = Key::new(Kind::AnnualReport, id.clone());
        let Some(entity) = ctx.reg.get(&key).cloned() else {
            continue;
        };
        let body = Markdown::new(&doc.body, &doc.file, doc.body_line, &doc.path);
        ctx.add_found(&key, &body, &doc.found);
        annual_reports.push(AnnualReport {
            id: id.clone(),
            title: doc.front.title.clone(),
            url: entity.url.to_string(),
            publish: entity.publish,
            body,
            file: doc.file.clone(),
            key,
        });
    }
    let dataset_values = datasets
        .iter()
        .filter_map(|(_, _, ds, _, id)| {
            let e = ctx.reg.get(&Key::new(Kind::Dataset, id.clone()))?;
            Some(DatasetValues {
                id: id.clone(),
                title: ds.title.clone(),
                unit: ds.unit.clone(),
                source: ds.source.clone(),
                url: e.url.to_string(),
                publish: e.publish,
                categories: ds.categories.value.clone(),
                series: ds
                    .series
                    .value
                    .iter()
                    .map(|x| (x.value.name.clone(), x.value.numbers()))
                    .collect(),
            })
        })
        .collect();
    let datasets = datasets
        .into_iter()
        .map(|(owner, name, data, _, _)| (format!("{owner}/{name}"), StoredDataset { name, data }))
        .collect();
    Built {
        plans: out_plans,
        annual_reports,
        datasets,
        dataset_values,
    }
}
