//! Structural validation of the raw document before lowering: every independent problem at once,
//! each at its node, so the typed parse (openapiv3) rarely gets to fail with its vaguer messages.
//!
//! `shape` walks the document by what each node is (schema, parameter, …) and checks node types;
//! `schema` checks schemas, `sense` what they say that can't be so, `compose` how `allOf` parts
//! and discriminators fit together (`props` finds an object's properties for both); `refs`
//! resolves `$ref`s, discriminator mappings and security names; `paths` checks path templates.
//!
//! What only weakens the output is a warning; what would make it wrong is an error.

mod compose;
mod document;
mod objects;
mod paths;
mod props;
mod refs;
pub mod rules;
mod schema;
mod sense;
mod shape;
mod values;

use crate::diag::{Diagnostics, Severity};
use crate::grammar::{self, Expect, NodeKind, RefSite};
use crate::pointer::child;
use crate::source::{describe, Source};
use serde_json::{Map, Value};

struct Problem {
    severity: Severity,
    pointer: String,
    message: String,
    hint: Option<String>,
}

/// The walk's state: what it found wrong and what `refs`/`paths` check afterwards.
pub(crate) struct Checker<'v> {
    root: &'v Value,
    openapi_3_1: bool,
    problems: Vec<Problem>,
    refs: Vec<RefSite>,
    /// Discriminator mappings: (pointer of the mapping entry, target).
    mappings: Vec<(String, String)>,
    /// Security requirement names: (pointer of the name, name).
    security: Vec<(String, String)>,
    /// Links' `operationId`s: (pointer, operationId).
    links: Vec<(String, String)>,
}

/// Check `source` and return everything found, the loader's findings included, sorted.
pub fn check(source: &Source) -> Diagnostics {
    let mut c = Checker::new(&source.value, source.version.starts_with("3.1"));
    c.node(NodeKind::Root, "#", "the document", &source.value);
    refs::check(&mut c);
    paths::check(&mut c);
    document::check(&mut c);
    let mut all = source.found.clone();
    for p in c.problems {
        let mut d = source.diagnostic(p.severity, &p.pointer, p.message);
        d.hint = p.hint;
        all.push(d);
    }
    all.sorted()
}

/// The `$ref`s the checker's own walk meets in a document, for comparing with the grammar's.
#[cfg(test)]
pub(crate) fn walked_refs(root: &Value) -> Vec<RefSite> {
    let mut c = Checker::new(root, false);
    c.node(NodeKind::Root, "#", "the document", root);
    c.refs
}

impl<'v> Checker<'v> {
    fn new(root: &'v Value, openapi_3_1: bool) -> Self {
        Checker {
            root,
            openapi_3_1,
            problems: Vec::new(),
            refs: Vec::new(),
            mappings: Vec::new(),
            security: Vec::new(),
            links: Vec::new(),
        }
    }

    fn report(&mut self, severity: Severity, pointer: &str, message: String) -> &mut Problem {
        self.problems.push(Problem {
            severity,
            pointer: pointer.to_owned(),
            message,
            hint: None,
        });
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) -> &mut Option<String> {
        &mut self.report(Severity::Error, pointer, message.into()).hint
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.report(Severity::Warning, pointer, message.into());
    }

    /// A mapping, or an error naming what was found instead.
    fn mapping(
        &mut self,
        label: &str,
        pointer: &str,
        v: &'v Value,
    ) -> Option<&'v Map<String, Value>> {
        if let Value::Object(map) = v {
            return Some(map);
        }
        self.error(
            pointer,
            format!("{label} must be a mapping, found {}", describe(v)),
        );
        None
    }

    /// A list, or an error naming what was found instead.
    fn list(&mut self, label: &str, pointer: &str, v: &'v Value) -> Option<&'v [Value]> {
        if let Value::Array(items) = v {
            return Some(items);
        }
        self.error(
            pointer,
            format!("{label} must be a list, found {}", describe(v)),
        );
        None
    }

    /// Walk one node of `kind`: its type, its `$ref` if it may have one, its fields, its own rules.
    fn node(&mut self, kind: NodeKind, pointer: &str, label: &str, v: &'v Value) {
        let label = if label.is_empty() {
            format!("a {}", kind.noun())
        } else {
            label.to_owned()
        };
        let Some(obj) = self.mapping(&label, pointer, v) else {
            return;
        };
        if kind.section().is_some() {
            if let Some(target) = obj.get("$ref") {
                self.refs.push(RefSite {
                    pointer: pointer.to_owned(),
                    kind,
                    target: target.clone(),
                });
                return;
            }
        }
        for key in grammar::required(kind) {
            let optional_in_3_1 = self.openapi_3_1 && (kind, *key) == (NodeKind::Root, "paths");
            if !obj.contains_key(*key) && !optional_in_3_1 {
                let hint = shape::why_required(kind, key);
                *self.error(pointer, format!("{label} has no `{key}`")) = hint;
            }
        }
        for (key, expect) in grammar::fields(kind) {
            if let Some(x) = obj.get(*key) {
                self.expect(*expect, &child(pointer, key), key, x);
            }
        }
        self.rules(kind, pointer, obj);
    }

    fn rules(&mut self, kind: NodeKind, pointer: &str, obj: &'v Map<String, Value>) {
        match kind {
            NodeKind::Schema => self.schema_rules(pointer, obj),
            NodeKind::Discriminator => self.discriminator_rules(pointer, obj),
            _ => self.shape_rules(kind, pointer, obj),
        }
        self.object_rules(kind, pointer, obj);
        self.formats(kind, pointer, obj);
    }

    fn expect(&mut self, expect: Expect, pointer: &str, key: &str, x: &'v Value) {
        let label = format!("`{key}`");
        let ok = match expect {
            Expect::Str => x.is_string(),
            Expect::Bool => x.is_boolean(),
            Expect::Uint => x.as_u64().is_some_and(|n| usize::try_from(n).is_ok()),
            Expect::Num => x.is_number(),
            Expect::Any => true,
            Expect::StrList => return self.strings(&label, pointer, x),
            Expect::StrMap => return self.string_map(&label, pointer, x),
            Expect::Obj(kind) => return self.node(kind, pointer, &label, x),
            Expect::MapOf(kind) => return self.map_of(kind, pointer, &label, x),
            Expect::ListOf(kind) => return self.list_of(kind, pointer, &label, x),
        };
        if !ok {
            let want = match expect {
                Expect::Str => "a string",
                Expect::Bool => "a boolean (true or false)",
                Expect::Uint => "a whole number of 0 or more",
                _ => "a number",
            };
            let hint = (expect == Expect::Str && (x.is_number() || x.is_boolean()))
                .then(|| format!("quote it: '{x}'"));
            *self.error(
                pointer,
                format!("{label} must be {want}, found {}", describe(x)),
            ) = hint;
        }
    }

    fn map_of(&mut self, kind: NodeKind, pointer: &str, label: &str, x: &'v Value) {
        let Some(map) = self.mapping(label, pointer, x) else {
            return;
        };
        for (name, v) in map {
            let label = format!("{} '{name}'", kind.noun());
            self.node(kind, &child(pointer, name), &label, v);
        }
    }

    fn list_of(&mut self, kind: NodeKind, pointer: &str, label: &str, x: &'v Value) {
        let Some(items) = self.list(label, pointer, x) else {
            return;
        };
        for (i, v) in items.iter().enumerate() {
            self.node(kind, &child(pointer, &i.to_string()), "", v);
        }
    }

    fn strings(&mut self, label: &str, pointer: &str, x: &'v Value) {
        let Some(items) = self.list(label, pointer, x) else {
            return;
        };
        for (i, v) in items.iter().enumerate() {
            if !v.is_string() {
                let at = child(pointer, &i.to_string());
                self.error(
                    &at,
                    format!("items of {label} must be strings, found {}", describe(v)),
                );
            }
        }
    }

    fn string_map(&mut self, label: &str, pointer: &str, x: &'v Value) {
        let Some(map) = self.mapping(label, pointer, x) else {
            return;
        };
        for (k, v) in map {
            if !v.is_string() {
                let at = child(pointer, k);
                self.error(
                    &at,
                    format!("values of {label} must be strings, found {}", describe(v)),
                );
            }
        }
    }
}
