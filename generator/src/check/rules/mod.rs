//! The rules of the OpenAPI 3.0.3 and 3.1.0 texts that a document can break (each MUST, MUST
//! NOT, SHALL, SHALL NOT and REQUIRED), with those whose breach leaves no valid value, as data:
//! what the generator does about each, and the fixtures under `generator/tests/` that show it.
//! `docs/reference/spec-rules.md` is printed from here (by xtask), and `tests/spec_rules.rs` holds every
//! rule to its fixtures.

mod document;
mod limits;
mod operations;
mod schemas;

pub use limits::LIMITS;

/// Which texts state a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versions {
    Both,
    Only30,
    Only31,
}

impl Versions {
    pub fn has_3_0(self) -> bool {
        self != Versions::Only31
    }

    pub fn has_3_1(self) -> bool {
        self != Versions::Only30
    }

    pub fn label(self) -> &'static str {
        match self {
            Versions::Both => "3.0, 3.1",
            Versions::Only30 => "3.0",
            Versions::Only31 => "3.1",
        }
    }
}

/// A fixture (its path under `generator/tests/`) and text that a line of its `.expected` says.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub fixture: &'static str,
    pub says: &'static str,
}

/// `fixture` says `says`.
pub const fn at(fixture: &'static str, says: &'static str) -> Shown {
    Shown { fixture, says }
}

/// What the generator does when a document breaks a rule.
#[derive(Debug, Clone, Copy)]
pub enum How {
    /// Refuses the document with a located error.
    Error(&'static [Shown]),
    /// Generates, with a located warning saying how it read or repaired the breach.
    Warning(&'static [Shown]),
    /// Generates without a word: the fixtures must say nothing (for [`LIMITS`] only).
    Silent(&'static [&'static str]),
    /// No check, and why none is needed.
    Unchecked(&'static str),
}

/// One rule of the specification text.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable, kebab-case.
    pub id: &'static str,
    pub versions: Versions,
    /// The section of the text it comes from.
    pub section: &'static str,
    /// The requirement, paraphrased.
    pub says: &'static str,
    pub how: How,
}

/// Every rule of the specification texts, by area.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    document::RULES
        .iter()
        .chain(operations::RULES)
        .chain(schemas::RULES)
}

/// How many rules each text has, and how many of them are checked: (3.0 rules, 3.0 checked,
/// 3.1 rules, 3.1 checked).
pub fn counts() -> (usize, usize, usize, usize) {
    let checked = |r: &&&Rule| matches!(r.how, How::Error(_) | How::Warning(_));
    let v30: Vec<&Rule> = rules().filter(|r| r.versions.has_3_0()).collect();
    let v31: Vec<&Rule> = rules().filter(|r| r.versions.has_3_1()).collect();
    let c30 = v30.iter().filter(checked).count();
    let c31 = v31.iter().filter(checked).count();
    (v30.len(), c30, v31.len(), c31)
}
