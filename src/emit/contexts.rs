//! Pieces every page context shares: breadcrumbs and "Referred to in" lists.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::resolve::Site;
use crate::resolve::entities::{Key, Kind, Link};

pub use crate::render::page_md::{PageMd, TEMPLATE_IDS};

/// "Referred to in": public documents that refer to any of `keys`, leaving
/// out the sources `skip` says a page lists anyway (a committee's own
/// meetings, which name it in their front matter).
pub fn backlinks_except(site: &Site, keys: &[Key], skip: impl Fn(&Key) -> bool) -> Vec<Link> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for k in keys {
        let Some(sources) = site.registry.backlinks.get(k) else {
            continue;
        };
        for s in sources {
            if keys.contains(s) || skip(s) {
                continue;
            }
            let Some(e) = site.registry.get(&page_of(site, s)) else {
                continue;
            };
            if !e.publish.is_public() || !seen.insert(e.url.clone()) {
                continue;
            }
            out.push(Link {
                text: e.title.clone(),
                url: Some(e.url.clone()),
                exempt: None,
            });
        }
    }
    out.sort_by(|a, b| a.text.cmp(&b.text));
    out
}

/// The entity whose page shows `k` (an agenda item is shown on its meeting's page).
fn page_of(_site: &Site, k: &Key) -> Key {
    match k.kind {
        Kind::Item => Key::new(Kind::Meeting, k.id.rsplit_once('/').map_or(&*k.id, |(m, _)| m)),
        Kind::Minute => Key::new(Kind::Minutes, k.id.rsplit_once('/').map_or(&*k.id, |(m, _)| m)),
        Kind::Question => Key::new(Kind::Questions, k.id.rsplit_once('/').map_or(&*k.id, |(m, _)| m)),
        _ => k.clone(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub text: String,
    pub url: String,
}

pub struct Crumbs<'a> {
    site: &'a Site,
    list: Vec<Crumb>,
}

impl<'a> Crumbs<'a> {
    pub fn home(site: &'a Site) -> Self {
        Crumbs {
            site,
            list: vec![Crumb {
                text: "Home".into(),
                url: site.config.url(""),
            }],
        }
    }

    #[must_use]
    pub fn add(mut self, text: &str, path: &str) -> Self {
        self.list.push(Crumb {
            text: text.into(),
            url: self.site.config.url(path),
        });
        self
    }

    #[must_use]
    pub fn link(mut self, link: &Link) -> Self {
        if let Some(url) = &link.url {
            self.list.push(Crumb {
                text: link.text.to_string(),
                url: url.to_string(),
            });
        }
        self
    }

    pub fn done(self) -> Vec<Crumb> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_fixed_id_in_the_default_templates_is_reserved() {
        for (name, text) in crate::render::templates::DEFAULT_TEMPLATES {
            for part in text.split("id=\"").skip(1) {
                let id = part.split('"').next().unwrap_or("");
                if !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    assert!(
                        super::TEMPLATE_IDS.contains(&id),
                        "{name} uses id `{id}`: add it to TEMPLATE_IDS"
                    );
                }
            }
        }
    }
}
