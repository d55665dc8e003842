//! Compare two models of an API and classify every difference as breaking or compatible for code
//! that uses the generated crate. Reads only [`crate::model`]; the rules live in [`rules`].

mod api;
mod ops;
mod params;
mod render;
pub mod rules;
mod semver;
mod spell;
mod types;

use crate::model::Api;
use serde::Serialize;
use std::collections::BTreeSet;

pub use render::Labels;
pub use rules::{classify, rules_markdown, Class, Kind, Side, When, RULES};
pub use semver::{suggest, Bump, Level};

/// Every difference between two versions of an API, in a stable order: client-wide changes
/// first, then operations in the new spec's order, then removed operations.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The client struct's name in the base and in the new version.
    pub base_client: String,
    pub client: String,
    pub changes: Vec<Change>,
}

impl Report {
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    pub fn has_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }
}

/// One difference, where it is, and how it is classified.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub class: Class,
    pub kind: Kind,
    pub side: Side,
    /// The circumstance that picked the rule.
    pub when: When,
    /// The operation's first tag; `None` for client-wide changes and untagged operations.
    pub tag: Option<String>,
    pub operation: Option<OperationRef>,
    /// E.g. `request body`, `query parameter`, `response 200`, `error response 404`, `client`.
    pub place: String,
    /// What changed, e.g. `UpdatePhoneDto.newField` (wire names after the root type).
    pub subject: String,
    /// E.g. `(string) added, required`.
    pub detail: String,
    /// The rule's reason.
    pub why: &'static str,
}

/// The operation a change belongs to: its method name and route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationRef {
    pub name: String,
    pub method: &'static str,
    pub path: String,
}

/// Compare `base` (the old version) with `new`.
pub fn diff(base: &Api, new: &Api) -> Report {
    let mut cx = Cx {
        old: base,
        new,
        changes: Vec::new(),
    };
    api::compare_client(&mut cx);
    ops::compare_operations(&mut cx);
    Report {
        base_client: base.client.name.clone(),
        client: new.client.name.clone(),
        changes: cx.changes,
    }
}

/// Where changes are being found: the operation, the part of it, and which way data flows.
#[derive(Debug, Clone)]
pub(crate) struct At {
    pub tag: Option<String>,
    pub operation: Option<OperationRef>,
    pub place: String,
    pub side: Side,
}

pub(crate) struct Cx<'a> {
    pub old: &'a Api,
    pub new: &'a Api,
    pub changes: Vec<Change>,
}

impl Cx<'_> {
    pub fn push(
        &mut self,
        at: &At,
        kind: Kind,
        when: When,
        subject: impl Into<String>,
        detail: impl Into<String>,
    ) {
        let (class, why) = classify(kind, at.side, when);
        self.changes.push(Change {
            class,
            kind,
            side: at.side,
            when,
            tag: at.tag.clone(),
            operation: at.operation.clone(),
            place: at.place.clone(),
            subject: subject.into(),
            detail: detail.into(),
            why,
        });
    }
}

/// A walk through the types reachable from one part of one operation.
pub(crate) struct Walk<'c, 'a> {
    pub cx: &'c mut Cx<'a>,
    pub at: At,
    /// Pairs of (old, new) named types already compared in this walk.
    pub seen: BTreeSet<(usize, usize)>,
}

impl<'c, 'a> Walk<'c, 'a> {
    pub fn new(cx: &'c mut Cx<'a>, at: At) -> Self {
        Walk {
            cx,
            at,
            seen: BTreeSet::new(),
        }
    }

    pub fn push(
        &mut self,
        kind: Kind,
        when: When,
        subject: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.cx.push(&self.at, kind, when, subject, detail);
    }
}
