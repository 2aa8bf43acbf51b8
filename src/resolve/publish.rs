//! Publishability: decided once per entity here, and asked by every emitter.
//! Spec section 9: exempt material shows its title and paragraph only;
//! nothing is public before its `published` date; drafts are left out unless
//! the site publishes them marked as drafts.

use serde::Serialize;

use crate::load::primitives::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "detail", rename_all = "kebab-case")]
pub enum Publish {
    /// Published in full.
    Public,
    /// Published, marked as a draft (draft minutes, or drafts shown by choice).
    PublicDraft,
    /// Exempt under a paragraph of Schedule 12A: title and paragraph only.
    Exempt(u8),
    /// Not public until this date.
    Embargoed(Date),
    /// A draft that this build leaves out.
    Draft,
    /// Stored under a document that is not public (an exempt or withheld
    /// report): nothing of it is shown, not even its title.
    Withheld,
}

impl Publish {
    /// May the entity's content appear in the output?
    pub fn is_public(self) -> bool {
        matches!(self, Publish::Public | Publish::PublicDraft)
    }

    /// May the entity be named at all (its title shown)?
    pub fn is_listed(self) -> bool {
        matches!(self, Publish::Public | Publish::PublicDraft | Publish::Exempt(_))
    }

    /// The decision for something stored under a parent document (a data set,
    /// attachment or appendix of a report): it is public only as far as its
    /// parent is, and when the parent is exempt it is withheld entirely, so
    /// that not even its title is shown.
    pub fn stored_under(self, parent: Publish) -> Publish {
        match parent {
            Publish::Exempt(_) | Publish::Withheld => Publish::Withheld,
            _ => self.within(parent),
        }
    }

    /// The stricter of two decisions: a child never outlives its parent.
    pub fn within(self, parent: Publish) -> Publish {
        match (parent, self) {
            (Publish::Public, s) => s,
            (Publish::PublicDraft, Publish::Public) => Publish::PublicDraft,
            (Publish::PublicDraft, s) => s,
            (Publish::Exempt(p), Publish::Public | Publish::PublicDraft) => Publish::Exempt(p),
            (Publish::Exempt(_), s) => s,
            (p, _) => p,
        }
    }
}

/// The decision for a document with these front-matter facts.
pub fn decide(published: Option<Date>, draft: bool, as_of: Date, show_drafts: bool) -> Publish {
    if let Some(p) = published
        && p > as_of
    {
        return Publish::Embargoed(p);
    }
    if draft {
        return if show_drafts {
            Publish::PublicDraft
        } else {
            Publish::Draft
        };
    }
    Publish::Public
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn embargo_draft_and_inheritance() {
        let as_of = d("2020-06-01");
        assert_eq!(
            decide(Some(d("2020-06-02")), false, as_of, false),
            Publish::Embargoed(d("2020-06-02"))
        );
        assert_eq!(decide(Some(d("2020-06-01")), false, as_of, false), Publish::Public);
        assert_eq!(decide(None, true, as_of, false), Publish::Draft);
        assert_eq!(decide(None, true, as_of, true), Publish::PublicDraft);
        assert_eq!(Publish::Public.within(Publish::Exempt(3)), Publish::Exempt(3));
        assert_eq!(
            Publish::Exempt(2).within(Publish::Embargoed(as_of)),
            Publish::Embargoed(as_of)
        );
        assert!(!Publish::Exempt(3).is_public());
        assert!(Publish::Exempt(3).is_listed());
        assert_eq!(Publish::Public.stored_under(Publish::Exempt(3)), Publish::Withheld);
        assert_eq!(Publish::Exempt(2).stored_under(Publish::Exempt(3)), Publish::Withheld);
        assert_eq!(Publish::Public.stored_under(Publish::Withheld), Publish::Withheld);
        assert_eq!(Publish::Public.stored_under(Publish::PublicDraft), Publish::PublicDraft);
        assert_eq!(
            Publish::Public.stored_under(Publish::Embargoed(as_of)),
            Publish::Embargoed(as_of)
        );
        assert!(!Publish::Withheld.is_listed());
    }
}
