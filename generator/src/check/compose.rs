//! Schemas made of other schemas, as warnings: `allOf` parts that give one property two types
//! (the last part wins, as lowering merges them), and discriminators whose property a variant
//! lacks or whose mapping names a schema that is not a variant (it is ignored).

use super::props::Property;
use super::sense::Keywords;
use super::Checker;
use crate::pointer::{child, component, last_name};
use serde_json::{Map, Value};

impl<'v> Checker<'v> {
    pub(super) fn composition(&mut self, pointer: &str, obj: &'v Map<String, Value>, k: &Keywords) {
        if k.all_of {
            self.all_of_types(pointer, obj);
        }
        let discriminator = k.discriminator.then(|| obj.get("discriminator")).flatten();
        if let Some(d) = discriminator.and_then(Value::as_object) {
            if let Some(property) = d.get("propertyName").and_then(Value::as_str) {
                self.discriminator(pointer, obj, property, d);
            }
        }
    }

    /// Across the `allOf` parts (and the schema's own properties, merged last), a property
    /// must keep one type.
    fn all_of_types(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        if !self.types_clash(obj) {
            return;
        }
        let mut parts: Vec<Vec<Property<'v>>> = self
            .all_of_parts(obj, pointer)
            .into_iter()
            .map(|(part, at)| self.properties_of(part, &at))
            .collect();
        parts.push(self.own_properties(obj, pointer));
        let mut typed: Vec<(&str, Vec<(&str, String)>)> = Vec::new();
        for property in parts.into_iter().flatten() {
            let Some(typ) = property.schema.and_then(|s| s.get("type")?.as_str()) else {
                continue;
            };
            match typed.iter_mut().find(|(name, _)| *name == property.name) {
                Some((_, types)) => types.push((typ, property.pointer)),
                None => typed.push((property.name, vec![(typ, property.pointer)])),
            }
        }
        for (name, types) in typed {
            let clash = types
                .iter()
                .any(|(a, _)| types.iter().any(|(b, _)| !compatible(a, b)));
            let Some((last, _)) = types.last().filter(|_| clash) else {
                continue;
            };
            let each: Vec<String> = types.iter().map(|(t, at)| format!("{t} at {at}")).collect();
            let message = format!(
                "`allOf` gives property '{name}' more than one type: {}; generated as {last}, the last",
                each.join(", ")
            );
            self.warn(&child(pointer, "allOf"), message);
        }
    }

    /// Whether some property gets incompatible types from the parts of `obj` (quickly, before
    /// the pointers for a message are worked out).
    fn types_clash(&self, obj: &'v Map<String, Value>) -> bool {
        let parts = self.parts(obj);
        let own = obj.get("properties").and_then(Value::as_object);
        if parts.len() + usize::from(own.is_some_and(|p| !p.is_empty())) < 2 {
            return false;
        }
        let mut typed = Vec::new();
        for part in parts {
            self.typed_properties(part, 0, &mut typed);
        }
        for (name, property) in own.into_iter().flatten() {
            let typ = self
                .resolve(property)
                .and_then(|(s, _)| s.get("type")?.as_str());
            typed.push((name, typ));
        }
        let mut first: Vec<(&str, &str)> = Vec::new();
        for (name, typ) in typed {
            let Some(typ) = typ else { continue };
            match first.iter().find(|(n, _)| *n == name) {
                Some((_, t)) if !compatible(t, typ) => return true,
                Some(_) => {}
                None => first.push((name, typ)),
            }
        }
        false
    }

    fn discriminator(
        &mut self,
        pointer: &str,
        obj: &'v Map<String, Value>,
        property: &str,
        d: &'v Map<String, Value>,
    ) {
        let key = ["oneOf", "anyOf"]
            .into_iter()
            .find(|k| obj.contains_key(*k));
        let Some(key) = key else {
            if !self.has_property(obj, property) {
                let at = child(&child(pointer, "discriminator"), "propertyName");
                let message = format!(
                    "the discriminator's property '{property}' is not a property of this schema"
                );
                self.warn(&at, message);
            }
            return;
        };
        let variants = obj[key].as_array().map(Vec::as_slice).unwrap_or_default();
        let at = child(pointer, key);
        let mut names = Vec::new();
        for (i, variant) in variants.iter().enumerate() {
            let here = child(&at, &i.to_string());
            if let Some(reference) = variant.get("$ref").and_then(Value::as_str) {
                names.push(last_name(reference));
            }
            let Some((schema, written)) = self.schema_at(variant, &here) else {
                continue;
            };
            if !is_null_schema(schema) && !self.has_property(schema, property) {
                let variant = match written == here {
                    true => "this variant".to_owned(),
                    false => format!("variant {written}"),
                };
                let message =
                    format!("{variant} has no property '{property}', the discriminator's");
                self.warn(&here, message);
            }
        }
        self.mapping_variants(pointer, key, d, &names);
    }

    /// Each mapping target must be one of the variants (`names`, the schemas they refer to).
    fn mapping_variants(
        &mut self,
        pointer: &str,
        key: &str,
        d: &'v Map<String, Value>,
        names: &[String],
    ) {
        let Some(mapping) = d.get("mapping").and_then(Value::as_object) else {
            return;
        };
        let at = child(&child(pointer, "discriminator"), "mapping");
        for (value, target) in mapping {
            let Some(target) = target.as_str() else {
                continue;
            };
            let name = last_name(target);
            if !names.contains(&name) {
                let message = format!(
                    "mapping '{value}' names {}, which is not one of the `{key}` variants; ignored",
                    component("schemas", &name)
                );
                self.warn(&child(&at, value), message);
            }
        }
    }

    fn has_property(&self, schema: &'v Map<String, Value>, name: &str) -> bool {
        self.property_names(schema).contains(&name)
    }
}

/// Whether two `type`s can describe one value: the same, or integer within number.
fn compatible(a: &str, b: &str) -> bool {
    a == b || matches!((a, b), ("integer", "number") | ("number", "integer"))
}

/// `{nullable: true, enum: [null]}`, the null of a 3.1 `anyOf`, is no variant.
fn is_null_schema(schema: &Map<String, Value>) -> bool {
    schema.get("enum") == Some(&Value::Array(vec![Value::Null]))
}
