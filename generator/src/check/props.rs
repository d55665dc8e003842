//! Schemas through their `$ref`s, and the properties an object schema gets from its own
//! `properties` and its `allOf` parts, in the order lowering merges them (later ones win).

use super::{refs::component_name, Checker, Kind};
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
    /// The schema `v` (at `pointer`) is, through `$ref`s to component schemas, with its pointer.
    pub(super) fn schema_at(
        &self,
        mut v: &'v Value,
        pointer: &str,
    ) -> Option<(&'v Map<String, Value>, String)> {
        let mut at = pointer.to_owned();
        for _ in 0..MAX_DEPTH {
            let map = v.as_object()?;
            let Some(target) = map.get("$ref") else {
                return Some((map, at));
            };
            let name = component_name(Kind::Schema, target.as_str()?)?;
            v = self.component(Kind::Schema, &name)?;
            at = component("schemas", &name);
        }
        None
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
                    schema: self.schema_at(v, &written).map(|(s, _)| s),
                    pointer: written,
                }
            })
            .collect()
    }
}
