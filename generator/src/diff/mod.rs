//! Compare the Rust surfaces generated from two versions of an API and classify every difference
//! by what it does to code using the crate. The rules live in [`rules`]; every circumstance they
//! need is read off [`crate::surface`], the same facts the emitters wrote the crate from.

mod api;
mod names;
mod ops;
mod params;
mod render;
pub mod rules;
mod semver;
mod spell;
mod types;

use crate::surface::Surface;
use serde::Serialize;
use std::collections::BTreeSet;

pub use render::Labels;
pub use rules::{classify, rules_markdown, Change, Class, Effect, Side, When, RULES};
pub use semver::{suggest, Bump, Level};

/// Every difference between two versions of an API, in a stable order: client-wide changes
/// first, then operations in the new spec's order, then removed operations, then types no
/// operation reaches.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The client struct's name in the base and in the new version.
    pub base_client: String,
    pub client: String,
    pub changes: Vec<Finding>,
}

impl Report {
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    pub fn has_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }

    /// Whether code written against the base no longer compiles against the new version.
    pub fn breaks_compilation(&self) -> bool {
        self.changes
            .iter()
            .any(|c| c.effect == Effect::DoesNotCompile)
    }
}

/// One difference, where it is, and how it is classified.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub class: Class,
    pub effect: Effect,
    pub change: Change,
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

/// Compare the APIs generated from `base` (the old version) and `new`.
pub fn compare(base: &crate::model::Api, new: &crate::model::Api) -> Report {
    diff(&Surface::new(base), &Surface::new(new))
}

/// Compare `base` (the old version's surface) with `new`.
pub fn diff(base: &Surface, new: &Surface) -> Report {
    let mut cx = Cx {
        old: base,
        new,
        changes: Vec::new(),
        walked: BTreeSet::new(),
    };
    api::compare_client(&mut cx);
    ops::compare_operations(&mut cx);
    types::compare_unreached(&mut cx);
    names::compare_names(&mut cx);
    Report {
        base_client: base.api.client.name.clone(),
        client: new.api.client.name.clone(),
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

pub(crate) struct Cx<'s, 'a> {
    pub old: &'s Surface<'a>,
    pub new: &'s Surface<'a>,
    pub changes: Vec<Finding>,
    /// Pairs of (old, new) named types compared by some operation's walk.
    pub walked: BTreeSet<(usize, usize)>,
}

impl Cx<'_, '_> {
    pub fn push(
        &mut self,
        at: &At,
        change: Change,
        when: When,
        subject: impl Into<String>,
        detail: impl Into<String>,
    ) {
        let (effect, why) = classify(change, at.side, when);
        self.changes.push(Finding {
            class: effect.class(),
            effect,
            change,
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
pub(crate) struct Walk<'c, 's, 'a> {
    pub cx: &'c mut Cx<'s, 'a>,
    pub at: At,
    /// Pairs of (old, new) named types already compared in this walk.
    pub seen: BTreeSet<(usize, usize)>,
}

impl<'c, 's, 'a> Walk<'c, 's, 'a> {
    pub fn new(cx: &'c mut Cx<'s, 'a>, at: At) -> Self {
        Walk {
            cx,
            at,
            seen: BTreeSet::new(),
        }
    }

    pub fn push(
        &mut self,
        change: Change,
        when: When,
        subject: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.cx.push(&self.at, change, when, subject, detail);
    }
}

/// `RustTypeChanges` when the two spellings differ, else `RustTypeSame`.
pub(crate) fn rust_when(old: &str, new: &str) -> When {
    if old == new {
        When::RustTypeSame
    } else {
        When::RustTypeChanges
    }
}
