//! Recommendations, executive responses, actions and updates (spec section 7):
//! one schema for review recommendations and tracked resolutions.

use serde::Deserialize;

use super::frontmatter::front_matter;
use super::primitives::{Date, Id, Spanned};

front_matter! {
    /// `reviews/<review>/index.md`
    pub struct ReviewFile {
        pub title: String,
        pub committee: Option<Spanned<String>>,
        pub form: Option<Spanned<String>>,
        #[serde(default)]
        pub members: Vec<Spanned<String>>,
        pub started: Option<Date>,
        pub completed: Option<Date>,
    }
}

/// `reviews/<review>/recommendations.yaml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationsFile {
    /// The file's kind, if stated; it must match the file's place.
    pub kind: Option<Spanned<String>>,
    pub made_at: Spanned<String>,
    pub recommendations: Vec<Spanned<Recommendation>>,
}

recommendation_struct! {
    /// One recommendation of a review.
    pub struct Recommendation {
        id,
        title,
        text,
        pub to: Spanned<String>,
        to_name,
        owner,
        due,
        due_text,
        response,
        actions,
        updates,
        related,
    }
}

/// The fields a review recommendation and a tracked resolution share, as the
/// tracker reads them.
#[derive(Debug, Clone, Copy)]
pub struct Shared<'a> {
    pub text: &'a str,
    pub to_name: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub due: Option<&'a Spanned<Date>>,
    pub due_text: Option<&'a str>,
    pub response: Option<&'a Spanned<Response>>,
    pub actions: &'a [Spanned<Action>],
    pub updates: &'a [Spanned<Update>],
    pub related: &'a [Spanned<String>],
}

/// Declares a struct that carries the recommendation fields of spec section 7:
/// a review's recommendation here, a minute's tracked resolution in
/// `meeting.rs`. Fields are listed in the struct's own order, since serde
/// names them in that order in the "keys allowed here" help of an unknown key:
/// a bare name is a shared field, whose type and serde attributes are written
/// once, below; a field written out in full is the struct's own. (serde's
/// `flatten` cannot share them: it cannot be combined with
/// `deny_unknown_fields`, and it loses spans.)
macro_rules! recommendation_struct {
    ($(#[$m:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $crate::load::recommendation::recommendation_struct!(@field [$(#[$m])*] $name [] $($fields)*);
    };
    (@field [$($m:tt)*] $name:ident [$($done:tt)*]) => {
        $($m)*
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($done)*
        }

        impl $name {
            /// The fields it shares with the other kind of recommendation.
            pub fn shared(&self) -> $crate::load::recommendation::Shared<'_> {
                $crate::load::recommendation::Shared {
                    text: &self.text,
                    to_name: self.to_name.as_deref(),
                    owner: self.owner.as_deref(),
                    due: self.due.as_ref(),
                    due_text: self.due_text.as_deref(),
                    response: self.response.as_ref(),
                    actions: &self.actions,
                    updates: &self.updates,
                    related: &self.related,
                }
            }
        }
    };
    (@field $m:tt $name:ident [$($done:tt)*] id, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub id: $crate::load::primitives::Spanned<$crate::load::primitives::Id>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] title, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub title: Option<String>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] text, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub text: String,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] to_name, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub to_name: Option<String>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] owner, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub owner: Option<String>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] due, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub due: Option<$crate::load::primitives::Spanned<$crate::load::primitives::Date>>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] due_text, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub due_text: Option<String>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] response, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            pub response: Option<$crate::load::primitives::Spanned<$crate::load::recommendation::Response>>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] actions, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            #[serde(default)]
            pub actions: Vec<$crate::load::primitives::Spanned<$crate::load::recommendation::Action>>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] updates, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            #[serde(default)]
            pub updates: Vec<$crate::load::primitives::Spanned<$crate::load::recommendation::Update>>,
        ] $($rest)*);
    };
    (@field $m:tt $name:ident [$($done:tt)*] related, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            #[serde(default)]
            pub related: Vec<$crate::load::primitives::Spanned<String>>,
        ] $($rest)*);
    };
    // A field of the struct's own, written out in full.
    (@field $m:tt $name:ident [$($done:tt)*] $(#[$fm:meta])* pub $f:ident : $t:ty, $($rest:tt)*) => {
        $crate::load::recommendation::recommendation_struct!(@field $m $name [$($done)*
            $(#[$fm])* pub $f: $t,
        ] $($rest)*);
    };
}
pub(crate) use recommendation_struct;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub decision: Spanned<String>,
    pub by: Option<Spanned<String>>,
    pub date: Option<Date>,
    pub at: Option<Spanned<String>>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: Spanned<Id>,
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<Spanned<Date>>,
    pub due_text: Option<String>,
    #[serde(default)]
    pub success: Vec<String>,
}

/// A progress update, in a recommendation or in `updates/*.yaml` (with `rec`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub rec: Option<Spanned<String>>,
    pub as_at: Spanned<Date>,
    pub status: Spanned<String>,
    pub at: Option<Spanned<String>>,
    pub text: Option<String>,
}

pub type UpdatesFile = Vec<Spanned<Update>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::meeting::Resolution;
    use crate::load::yaml::parse;

    fn unknown_key_help<T: serde::de::DeserializeOwned + std::fmt::Debug>(yaml: &str) -> (usize, usize, String) {
        match parse::<T>("f.yaml", yaml) {
            Err(d) => (d.line, d.column, d.help.unwrap_or_default()),
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    #[test]
    fn each_kind_lists_its_keys_in_its_own_order() {
        let (line, column, help) = unknown_key_help::<Recommendation>("id: i\ntext: t\nto: executive\nzzz: 1\n");
        assert_eq!((line, column), (4, 1));
        assert_eq!(
            help,
            "the keys allowed here are: id, title, text, to, to_name, owner, due, due_text, response, actions, updates, related"
        );
        let (line, column, help) = unknown_key_help::<Resolution>("id: a\ntext: t\ntrack: true\nzzz: 1\n");
        assert_eq!((line, column), (4, 1));
        assert_eq!(
            help,
            "the keys allowed here are: id, text, track, title, owner, due, due_text, to, to_name, response, actions, updates, related"
        );
    }

    #[test]
    fn both_kinds_share_the_recommendation_fields() {
        let yaml = "id: a\ntext: Do it\nto: officer\nto_name: The clerk\nowner: Clerk\ndue: 2021-01-01\nactions: []\nupdates: []\nrelated: [review:x]\n";
        let rec: Recommendation = parse("f.yaml", yaml).expect("a recommendation");
        let res: Resolution = parse("f.yaml", yaml).expect("a resolution");
        let (a, b) = (rec.shared(), res.shared());
        assert_eq!((a.text, a.to_name, a.owner), (b.text, b.to_name, b.owner));
        assert_eq!(a.due.map(|d| d.value), b.due.map(|d| d.value));
        assert_eq!((a.related.len(), b.related.len()), (1, 1));
        assert!(!res.track);
    }
}
