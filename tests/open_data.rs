//! Open data on the sample council: each JSON file validates against its
//! published JSON Schema (`jsonschema`, formats checked), JSON and CSV agree
//! row for row, row counts equal counts made from the content files (and the
//! tracker's own counts), exempt agenda items carry their title and
//! paragraph only, rebuilds are byte-identical, and the `/data/` page lists
//! every file with its licence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use std::collections::BTreeMap;

use common::*;
use serde_json::Value;

const AS_OF: &str = "2021-03-01";
const TABLES: [&str; 8] = [
    "meetings",
    "agenda-items",
    "documents",
    "decisions",
    "recommendations",
    "attendance",
    "plan-measures",
    "datasets",
];

fn built(extra: &[&str]) -> tempfile::TempDir {
    let s = site("sample");
    let mut args = vec!["--as-of", AS_OF];
    args.extend_from_slice(extra);
    let o = build(s.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

fn json(site: &std::path::Path, rel: &str) -> Value {
    serde_json::from_str(&read(site, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn rows(site: &std::path::Path, name: &str) -> Vec<Value> {
    json(site, &format!("data/{name}.json")).as_array().unwrap().clone()
}

fn validate(site: &std::path::Path, data: &str, schema: &str) {
    let schema = json(site, schema);
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{data}: the schema does not compile: {e}"));
    let instance = json(site, data);
    let errors: Vec<String> = v.iter_errors(&instance).map(|e| e.to_string()).take(5).collect();
    assert!(errors.is_empty(), "{data}: {errors:?}");
}

#[test]
fn every_json_file_validates_against_its_schema_and_matches_its_csv() {
    let s = built(&[]);
    for name in TABLES {
        validate(
            s.path(),
            &format!("data/{name}.json"),
            &format!("data/schema/{name}.schema.json"),
        );
        let schema = json(s.path(), &format!("data/schema/{name}.schema.json"));
        let columns: Vec<String> = schema["items"]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        let json_rows = rows(s.path(), name);
        let csv_text = read(s.path(), &format!("data/{name}.csv"));
        let mut r = csv::Reader::from_reader(csv_text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, columns, "{name}: CSV header = schema columns");
        let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), json_rows.len(), "{name}: row count");
        assert!(!json_rows.is_empty(), "{name}: no rows");
        for (i, (rec, obj)) in records.iter().zip(&json_rows).enumerate() {
            for (c, field) in columns.iter().zip(rec.iter()) {
                let want = match &obj[c] {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                assert_eq!(field, want, "{name} row {i} column {c}");
            }
        }
    }
    validate(s.path(), "data/popolo.json", "data/schema/popolo.schema.json");
    // The schemas can fail: a wrong date, a missing column, an extra one.
    let schema = json(s.path(), "data/schema/meetings.schema.json");
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let good = json(s.path(), "data/meetings.json");
    assert!(v.is_valid(&good));
    for change in ["date", "missing", "extra"] {
        let mut bad = good.clone();
        match change {
            "date" => bad[0]["date"] = Value::String("2020-13-45".into()),
            "missing" => {
                bad[0].as_object_mut().unwrap().remove("venue");
            }
            _ => bad[0]["extra"] = Value::Bool(true),
        }
        assert!(!v.is_valid(&bad), "{change}");
    }
}

fn count_by(rows: &[Value], key: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for r in rows {
        *m.entry(r[key].as_str().unwrap().to_string()).or_default() += 1;
    }
    m
}

fn map(v: &[(&str, usize)]) -> BTreeMap<String, usize> {
    v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[test]
fn row_counts_equal_the_sample_counted_from_its_files() {
    let s = built(&[]);
    let p = s.path();
    // 16 meeting folders, one published after as_of; the cancelled one is kept.
    let meetings = rows(p, "meetings");
    assert_eq!(meetings.len(), 15);
    assert_eq!(count_by(&meetings, "status")["cancelled"], 1);
    // Agenda items of those 15 meetings, counted in their index.md files.
    let items = rows(p, "agenda-items");
    assert_eq!(items.len(), 102);
    // 71 resolutions in the 14 minutes files.
    assert_eq!(rows(p, "decisions").len(), 71);
    // 18 review recommendations + 11 tracked resolutions, by status at as_of.
    let recs = rows(p, "recommendations");
    assert_eq!(
        count_by(&recs, "status"),
        map(&[
            ("completed", 10),
            ("in-progress", 8),
            ("no-update", 7),
            ("not-started", 2),
            ("superseded", 1),
            ("withdrawn", 1),
        ])
    );
    let overdue = recs.iter().filter(|r| r["overdue"] == Value::Bool(true)).count();
    let tracker = read(p, "recommendations/index.html");
    assert!(
        tracker.contains(&format!(
            "29 recommendations across all committees, of which {overdue} are overdue."
        )),
        "the data agrees with the tracker page: {overdue}"
    );
    // Every name in the attendance lists of the 14 minutes files.
    assert_eq!(rows(p, "attendance").len(), 182);
    // Every value of every measure in plan.yaml.
    assert_eq!(rows(p, "plan-measures").len(), 70);
    // Every figure of the 6 data sets (5 in the annual report, 1 in a report).
    let datasets = rows(p, "datasets");
    assert_eq!(datasets.len(), 75);
    assert_eq!(count_by(&datasets, "dataset_id").len(), 6);
    // The published index, by kind.
    let docs = rows(p, "documents");
    let kinds = count_by(&docs, "kind");
    assert_eq!(kinds["agenda"], 15);
    assert_eq!(kinds["minutes"], 14);
    assert_eq!(kinds["report"], 12, "13 reports, one exempt");
    assert_eq!(kinds["recommendation"], 29);
    // Popolo: everyone in people.yaml; the 3 committees; their 22 memberships.
    let popolo = json(p, "data/popolo.json");
    assert_eq!(popolo["persons"].as_array().unwrap().len(), 28);
    let orgs = popolo["organizations"].as_array().unwrap();
    assert_eq!(orgs.iter().filter(|o| o["classification"] == "committee").count(), 3);
    let committee_ids: Vec<&str> = orgs
        .iter()
        .filter(|o| o["classification"] == "committee")
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    let memberships = popolo["memberships"].as_array().unwrap();
    assert_eq!(
        memberships
            .iter()
            .filter(|m| committee_ids.contains(&m["organization_id"].as_str().unwrap()))
            .count(),
        22
    );
}

#[test]
fn an_exempt_agenda_item_gives_its_title_and_paragraph_only() {
    let s = built(&[]);
    let items = rows(s.path(), "agenda-items");
    let exempt: Vec<&Value> = items.iter().filter(|i| i["exempt"] == Value::Bool(true)).collect();
    assert_eq!(exempt.len(), 1, "one exempt item in the sample");
    let e = exempt[0];
    assert_eq!(e["id"], "2020-10-15-cabinet/item-6");
    assert_eq!(e["exempt_paragraph"], 3);
    assert!(e["title"].as_str().is_some_and(|t| !t.is_empty()));
    for c in ["purpose", "pages", "report_urls", "minute_url"] {
        assert_eq!(e[c], Value::Null, "{c}");
    }
    for (path, bytes) in tree(&s.path().join("output/data")) {
        let text = String::from_utf8(bytes).unwrap();
        for marker in [
            "ZEBRA-CONFIDENTIAL-TENDER-PRICE",
            "OKAPI-EXEMPT-APPENDIX",
            "2021-04-20-children-scrutiny",
        ] {
            assert!(!text.contains(marker), "{marker} in data/{path}");
        }
    }
}

#[test]
fn the_data_page_lists_every_file_with_its_licence_and_rebuilds_byte_for_byte() {
    let s = built(&[]);
    let before = tree(&s.path().join("output/data"));
    let page = read(s.path(), "data/index.html");
    for name in TABLES {
        assert!(page.contains(&format!("href=\"/data/{name}.json\"")), "{name}");
        assert!(page.contains(&format!("href=\"/data/{name}.csv\"")), "{name}");
        assert!(
            page.contains(&format!("href=\"/data/schema/{name}.schema.json\"")),
            "{name}"
        );
    }
    assert!(page.contains("href=\"/data/popolo.json\""));
    assert!(page.contains("<td>71</td>"), "the decisions' row count");
    assert!(page.contains(
        "<a href=\"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\">Open Government Licence v3.0</a>"
    ));
    assert!(
        page.contains("<td>19 January 2021</td>"),
        "last updated from content: {page}"
    );
    assert!(read(s.path(), "index.html").contains("href=\"/data/\""), "footer link");

    let o = build(s.path(), &["--as-of", AS_OF]);
    assert!(o.status.success());
    assert_eq!(before, tree(&s.path().join("output/data")), "byte-identical");

    let yaml = std::fs::read_to_string(s.path().join("site.yaml")).unwrap();
    put(
        s.path(),
        "site.yaml",
        &format!(
            "{yaml}licence: {{ name: Creative Commons Attribution 4.0, url: https://creativecommons.org/licenses/by/4.0/ }}\n"
        ),
    );
    let o = build(s.path(), &["--as-of", AS_OF]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        read(s.path(), "data/index.html")
            .contains("<a href=\"https://creativecommons.org/licenses/by/4.0/\">Creative Commons Attribution 4.0</a>")
    );
}
