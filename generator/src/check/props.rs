//! Schemas through their `$ref`s, and the properties an object schema gets from its own
//! `properties` and its `allOf` parts, in the order lowering merges them (later ones win).

use super::{refs::component_name, Checker, NodeKind};
use crate::pointer::{child, component};
use serde_json::{Map, Value};

/// How many `$ref`s and nested `allOf`s are followed; past it, a schema adds nothing.
const MAX_DEPTH: usize = 16;

/// A property found in a schema: its name, its schema (through `$ref`s) and where it is written.
pub(super) struct Property<'v> {
    pub name: &'v str,
    pub schema: Option<&'v Map<String, Value>>,
    pub pointer: String,
}

impl<'v> Checker<'v> {
    /// The schema `v` is, through `$ref`s to component schemas, and the component it ends in.
    pub(super) fn resolve(
        &self,
        mut v: &'v Value,
    ) -> Option<(&'v Map<String, Value>, Option<String>)> {
        let mut name = None;
        for _ in 0..MAX_DEPTH {
            let map = v.as_object()?;
            let Some(target) = map.get("$ref") else {
                return Some((map, name));
            };
            let next = component_name(NodeKind::Schema, target.as_str()?)?;
            v = self.component(NodeKind::Schema, &next)?;
            name = Some(next);
        }
        None
    }

    /// The schema `v` (at `pointer`) is, through `$ref`s to component schemas, with its pointer.
    pub(super) fn schema_at(
        &self,
        v: &'v Value,
        pointer: &str,
    ) -> Option<(&'v Map<String, Value>, String)> {
        let (schema, name) = self.resolve(v)?;
        let at = name.map_or_else(|| pointer.to_owned(), |n| component("schemas", &n));
        Some((schema, at))
    }

    /// The `allOf` parts of `schema`, each resolved.
    pub(super) fn parts(&self, schema: &'v Map<String, Value>) -> Vec<&'v Map<String, Value>> {
        let parts = schema.get("allOf").and_then(Value::as_array);
        parts
            .into_iter()
            .flatten()
            .filter_map(|part| Some(self.resolve(part)?.0))
            .collect()
    }

    /// The properties of `schema` with their `type`s (through `$ref`s), its `allOf` parts'
    /// first; cheaper than [`Checker::properties_of`], without pointers.
    pub(super) fn typed_properties(
        &self,
        schema: &'v Map<String, Value>,
        depth: usize,
        out: &mut Vec<(&'v str, Option<&'v str>)>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for part in self.parts(schema) {
            self.typed_properties(part, depth + 1, out);
        }
        let own = schema.get("properties").and_then(Value::as_object);
        for (name, property) in own.into_iter().flatten() {
            let typ = self
                .resolve(property)
                .and_then(|(s, _)| s.get("type")?.as_str());
            out.push((name, typ));
        }
    }

    /// The names of the properties of `schema`: its `allOf` parts', then its own.
    pub(super) fn property_names(&self, schema: &'v Map<String, Value>) -> Vec<&'v str> {
        let mut out = Vec::new();
        self.collect_names(schema, 0, &mut out);
        out
    }

    fn collect_names(&self, schema: &'v Map<String, Value>, depth: usize, out: &mut Vec<&'v str>) {
        if depth > MAX_DEPTH {
            return;
        }
        for part in self.parts(schema) {
            self.collect_names(part, depth + 1, out);
        }
        let own = schema.get("properties").and_then(Value::as_object);
        out.extend(own.into_iter().flat_map(|p| p.keys().map(String::as_str)));
    }

    /// The properties of `schema` (at `pointer`): those of its `allOf` parts, in order, then its
    /// own, each name once (the last definition of it).
    pub(super) fn properties_of(
        &self,
        schema: &'v Map<String, Value>,
        pointer: &str,
    ) -> Vec<Property<'v>> {
        let mut out = Vec::new();
        self.collect(schema, pointer, 0, &mut out);
        out
    }

    fn collect(
        &self,
        schema: &'v Map<String, Value>,
        pointer: &str,
        depth: usize,
        out: &mut Vec<Property<'v>>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for (part, at) in self.all_of_parts(schema, pointer) {
            self.collect(part, &at, depth + 1, out);
        }
        for p in self.own_properties(schema, pointer) {
            out.retain(|q| q.name != p.name);
            out.push(p);
        }
    }

    /// The `allOf` parts of `schema`, each resolved, with its pointer.
    pub(super) fn all_of_parts(
        &self,
        schema: &'v Map<String, Value>,
        pointer: &str,
    ) -> Vec<(&'v Map<String, Value>, String)> {
        let Some(parts) = schema.get("allOf").and_then(Value::as_array) else {
            return Vec::new();
        };
        let at = child(pointer, "allOf");
        parts
            .iter()
            .enumerate()
            .filter_map(|(i, part)| self.schema_at(part, &child(&at, &i.to_string())))
            .collect()
    }

    /// The properties `schema` itself lists.
    pub(super) fn own_properties(
        &self,
        schema: &'v Map<String, Value>,
        pointer: &str,
    ) -> Vec<Property<'v>> {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        let at = child(pointer, "properties");
        properties
            .iter()
            .map(|(name, v)| {
                let written = child(&at, name);
                Property {
                    name,
                    schema: self.resolve(v).map(|(s, _)| s),
                    pointer: written,
                }
            })
            .collect()
    }
}
