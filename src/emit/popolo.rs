//! Committees and people in the shape of the Popolo standard
//! (<https://www.popoloproject.com/>): `persons`, `organizations` (the
//! council, its published committees and the parties members belong to) and
//! `memberships` (committee roles with their dates, party membership, and a
//! councillor's ward as the `area` of their seat on the council).
//!
//! Ids: a person's and a committee's own ids; `council` for the council;
//! `party/<slug>` for a party.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::absolute_url;
use crate::load::primitives::Date;
use crate::resolve::Site;

/// The Popolo document, how many records it holds, and its latest date.
pub struct Popolo {
    pub json: Value,
    pub count: usize,
    pub updated: Option<Date>,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

pub fn popolo(site: &Site) -> Popolo {
    let mut persons = Vec::new();
    let mut memberships = Vec::new();
    let mut parties: BTreeMap<String, String> = BTreeMap::new();
    for p in &site.people {
        let mut person = json!({
            "id": p.id,
            "name": p.name,
            "sort_name": p.sort_name,
            "links": [{"url": absolute_url(site, &p.url), "note": "Committee roles and attendance"}],
        });
        if let Some(r) = &p.role_title {
            person["summary"] = json!(r);
        }
        persons.push(person);
        if let Some(party) = &p.party {
            let id = format!("party/{}", slug(party));
            parties.insert(id.clone(), party.clone());
            memberships.push(json!({
                "id": format!("{}/{id}", p.id),
                "person_id": p.id,
                "organization_id": id,
                "role": "member",
            }));
        }
        if let Some(ward) = &p.ward {
            memberships.push(json!({
                "id": format!("{}/council", p.id),
                "person_id": p.id,
                "organization_id": "council",
                "role": "councillor",
                "area": {"id": format!("ward/{}", slug(ward)), "name": ward},
            }));
        }
    }
    let mut organizations = vec![json!({
        "id": "council",
        "name": site.config.title,
        "classification": "council",
    })];
    let mut dates = Vec::new();
    for c in site.committees.iter().filter(|c| c.publish.is_public()) {
        organizations.push(json!({
            "id": c.id,
            "name": c.title,
            "classification": "committee",
            "type": c.type_label,
            "parent_id": "council",
            "links": [{"url": absolute_url(site, &c.url), "note": "Remit, membership and meetings"}],
        }));
        for (i, m) in c.membership.iter().enumerate() {
            let mut v = json!({
                "id": format!("{}/{}/{}", c.id, m.person_id, i + 1),
                "person_id": m.person_id,
                "organization_id": c.id,
                "role": m.role,
            });
            if let Some(f) = &m.from {
                v["start_date"] = json!(f.iso());
                dates.push(f.0);
            }
            if let Some(t) = &m.to {
                v["end_date"] = json!(t.iso());
                dates.push(t.0);
            }
            if let Some(r) = &m.represents {
                v["label"] = json!(format!("Represents {r}"));
            }
            memberships.push(v);
        }
    }
    for (id, name) in parties {
        organizations.push(json!({"id": id, "name": name, "classification": "party"}));
    }
    let count = persons.len() + organizations.len() + memberships.len();
    Popolo {
        json: json!({
            "persons": persons,
            "organizations": organizations,
            "memberships": memberships,
        }),
        count,
        updated: dates.into_iter().max(),
    }
}

/// A JSON Schema (draft 2020-12) for [`popolo`]'s document.
pub fn schema(id: &str) -> Value {
    let text = json!({"type": "string"});
    let links = json!({
        "type": "array",
        "items": {
            "type": "object",
            "required": ["url"],
            "properties": {"url": {"type": "string", "format": "uri"}, "note": text},
            "additionalProperties": false,
        },
    });
    let date = json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"});
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": id,
        "title": "Committees and members (Popolo)",
        "description": "Persons, organizations and memberships in the shape of the Popolo standard.",
        "type": "object",
        "required": ["persons", "organizations", "memberships"],
        "additionalProperties": false,
        "properties": {
            "persons": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "name", "sort_name"],
                "additionalProperties": false,
                "properties": {"id": text, "name": text, "sort_name": text, "summary": text, "links": links},
            }},
            "organizations": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "name", "classification"],
                "additionalProperties": false,
                "properties": {
                    "id": text, "name": text, "type": text, "parent_id": text, "links": links,
                    "classification": {"enum": ["council", "committee", "party"]},
                },
            }},
            "memberships": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "person_id", "organization_id", "role"],
                "additionalProperties": false,
                "properties": {
                    "id": text, "person_id": text, "organization_id": text, "role": text, "label": text,
                    "start_date": date, "end_date": date,
                    "area": {
                        "type": "object",
                        "required": ["id", "name"],
                        "additionalProperties": false,
                        "properties": {"id": text, "name": text},
                    },
                },
            }},
        },
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn party_slugs() {
        assert_eq!(super::slug("Wyeford Independents"), "wyeford-independents");
        assert_eq!(super::slug("  Lib. Dem  "), "lib-dem");
    }
}
