//! [`Memo`]: rendered Markdown kept from one build to the next, for `serve`.
//!
//! A fragment's HTML depends on its text and place (file, line, content
//! path, heading level and id scope), on what its page rendered before it
//! (glossary terms already expanded, heading ids already taken), and on the
//! site: the pages it links to, the glossary and the data sets it may name.
//! The first group is the key of each entry; the pages it linked to are
//! kept with it, each with what its link was made from, and checked when it
//! is found (a title changed, an address, a publication: only the fragments
//! linking to that page are rendered again); the glossary and data sets are
//! one fingerprint for the whole memo, and when it changes every entry
//! goes. A fragment found under the same key is the same HTML, headings and
//! warnings, so the build that uses the memo writes what a cold build writes.
//!
//! Entries no build used are dropped by [`Memo::sweep`], so the memo holds
//! one site's fragments at most. A cold `build` has no memo.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use super::glossary::Glossary;
use super::markdown::{Outline, Rendered};
use crate::load::fingerprint::Fingerprint;
use crate::resolve::entities::{Key as EntityKey, Registry};
use crate::resolve::model::Markdown;

const SHARDS: usize = 16;

/// 128 bits: two differently seeded hashes of the same input.
type Key = (u64, u64);

struct Entry<T> {
    value: T,
    /// The build that last used it.
    used: u64,
}

/// Entries by key, in shards so that rendering threads rarely wait.
struct Shards<T>(Vec<Mutex<HashMap<Key, Entry<T>>>>);

impl<T: Clone> Shards<T> {
    fn new() -> Self {
        Shards((0..SHARDS).map(|_| Mutex::default()).collect())
    }

    fn shard(&self, key: Key) -> std::sync::MutexGuard<'_, HashMap<Key, Entry<T>>> {
        let m = &self.0[(key.0 as usize) % SHARDS];
        m.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The entry under `key`, now used by build `now`.
    fn get(&self, key: Key, now: u64) -> Option<T> {
        let mut s = self.shard(key);
        let e = s.get_mut(&key)?;
        e.used = now;
        Some(e.value.clone())
    }

    fn put(&self, key: Key, value: T, now: u64) {
        self.shard(key).insert(key, Entry { value, used: now });
    }

    /// Keep only the entries `keep` says yes to.
    fn retain(&self, keep: impl Fn(&Entry<T>) -> bool) {
        for s in &self.0 {
            s.lock().unwrap_or_else(PoisonError::into_inner).retain(|_, e| keep(e));
        }
    }
}

/// What rendering a fragment did: its output and what it added to the page's state.
#[derive(Clone)]
pub(super) struct Fragment {
    pub rendered: Rendered,
    pub abbr_added: Vec<String>,
    pub ids_added: Vec<String>,
    /// Each page it links to (`[[kind:id]]`), with what its link was made
    /// from ([`Memo::link_print`]).
    pub links: Vec<(EntityKey, Key)>,
}

/// Rendered fragments and their plain text, by what they were made from.
pub struct Memo {
    site: Mutex<Option<Key>>,
    build: AtomicU64,
    /// Fragments found kept during the current build.
    reused: AtomicU64,
    fragments: Shards<Fragment>,
    texts: Shards<String>,
}

impl Default for Memo {
    fn default() -> Self {
        Self {
            site: Mutex::new(None),
            build: AtomicU64::new(0),
            reused: AtomicU64::new(0),
            fragments: Shards::new(),
            texts: Shards::new(),
        }
    }
}

impl Memo {
    /// Start a build over a site with this glossary and these data sets: if
    /// either changed since the last build, nothing kept is valid. (A change
    /// to a page's title, address or publication invalidates only the
    /// fragments that link to it: see [`Memo::fragment`].)
    pub fn begin(&self, glossary: &Glossary, datasets: &BTreeMap<String, String>) {
        let mut h = Fingerprint::default();
        h.str(&format!("{glossary:?}"));
        for (k, v) in datasets {
            h.str(k);
            h.str(v);
        }
        let now = h.finish();
        let mut site = self.site.lock().unwrap_or_else(PoisonError::into_inner);
        if *site != Some(now) {
            *site = Some(now);
            self.fragments.retain(|_| false);
            self.texts.retain(|_| false);
        }
        self.build.fetch_add(1, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }

    /// How many fragments the current (or last) build found kept.
    pub fn reused(&self) -> u64 {
        self.reused.load(Ordering::Relaxed)
    }

    fn now(&self) -> u64 {
        self.build.load(Ordering::Relaxed)
    }

    /// Forget what the build just finished did not use.
    pub fn sweep(&self) {
        let now = self.now();
        self.fragments.retain(|e| e.used == now);
        self.texts.retain(|e| e.used == now);
    }

    pub(super) fn fragment_key(
        md: &Markdown,
        outline: Outline,
        abbr: &BTreeSet<String>,
        ids: &BTreeSet<String>,
    ) -> Key {
        let mut h = Fingerprint::default();
        h.str(&md.text);
        h.str(&md.file);
        h.str(&md.path);
        h.num(md.line as u64);
        h.num(u64::from(outline.base));
        h.str(outline.scope.unwrap_or("\u{0}"));
        h.num(abbr.len() as u64);
        for a in abbr {
            h.str(a);
        }
        h.num(ids.len() as u64);
        for i in ids {
            h.str(i);
        }
        h.finish()
    }

    /// The fragment kept under `key`, if `valid` (its links are still made
    /// the same way).
    pub(super) fn fragment(&self, key: Key, valid: impl Fn(&Fragment) -> bool) -> Option<Fragment> {
        let kept = self.fragments.get(key, self.now()).filter(|f| valid(f))?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(kept)
    }

    /// What a link to `key` is made from: the page's title, address and
    /// publication, or that there is no such page.
    pub(super) fn link_print(registry: &Registry, key: &EntityKey) -> Key {
        let mut h = Fingerprint::default();
        match registry.entities.get(key) {
            Some(e) => {
                h.num(1);
                h.str(&e.title);
                h.str(&e.url);
                h.str(&format!("{:?}", e.publish));
            }
            None => h.num(0),
        }
        h.finish()
    }

    pub(super) fn keep_fragment(&self, key: Key, value: Fragment) {
        self.fragments.put(key, value, self.now());
    }

    /// The plain text of `html`, made by `make` unless kept.
    pub fn text(&self, html: &str, make: impl FnOnce(&str) -> String) -> String {
        let mut h = Fingerprint::default();
        h.str(html);
        let key = h.finish();
        if let Some(text) = self.texts.get(key, self.now()) {
            return text;
        }
        let value = make(html);
        self.texts.put(key, value.clone(), self.now());
        value
    }
}
