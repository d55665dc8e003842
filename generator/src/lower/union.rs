//! `oneOf` / `anyOf` → unions: tagged by a discriminator (explicit, implicit or on a base schema),
//! plain (untagged), or folded into one enum when every alternative is a list of values.

use super::scalar::enumeration;
use super::schema::{nullable_if, Shape};
use super::view::View;
use super::Lowerer;
use crate::model::names::{enum_variant, pascal, Scope};
use crate::model::*;
use crate::pointer::{child, last_name};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

/// How deep `allOf` chains are followed when looking for a tag property.
const MAX_DEPTH: usize = 8;

/// The tag of a discriminated union: its property, and the tag values of each alternative.
struct Tag {
    property: String,
    values: Vec<Vec<String>>,
}

impl<'d> Lowerer<'d> {
    pub(super) fn union(
        &mut self,
        schema: &Schema,
        alternatives: &[ReferenceOr<Schema>],
        hint: &str,
        pointer: &str,
    ) -> Shape {
        let non_null: Vec<(usize, &ReferenceOr<Schema>)> = alternatives
            .iter()
            .enumerate()
            .filter(|(_, a)| !is_null_schema(a))
            .collect();
        if let [(i, only)] = non_null.as_slice() {
            let at = child(pointer, &i.to_string());
            if non_null.len() == alternatives.len() {
                return self.shape_of_only(only, hint, &at);
            }
            return Shape::Ty(nullable_if(true, self.ty_of(only, hint, &at)));
        }
        if let Some(kind) = self.folded_enum(&non_null, pointer) {
            return Shape::Def(kind);
        }
        let alts: Vec<&ReferenceOr<Schema>> = non_null.iter().map(|(_, a)| *a).collect();
        let tag = self.tag(schema, &alts, pointer);
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for (k, (i, alt)) in non_null.iter().enumerate() {
            let at = child(pointer, &i.to_string());
            let title = match alt {
                ReferenceOr::Item(s) => s.schema_data.title.clone(),
                ReferenceOr::Reference { .. } => None,
            };
            let wires = tag
                .as_ref()
                .map(|t| t.values[k].clone())
                .unwrap_or_default();
            let label = wires.first().cloned().or(title);
            let alt_hint = match &label {
                Some(label) => format!("{hint}{}", pascal(label)),
                None => format!("{hint}Variant{i}"),
            };
            let ty = match (&tag, alt) {
                (Some(tag), ReferenceOr::Item(s)) => {
                    let untagged = without_property(s, &tag.property);
                    self.ty_of(&ReferenceOr::Item(untagged), &alt_hint, &at)
                }
                _ => self.ty_of(alt, &alt_hint, &at),
            };
            if wires.is_empty() {
                let base = match &label {
                    Some(label) => enum_variant(label),
                    None => self.variant_name(&ty, *i),
                };
                let rust = scope.claim(&base).0;
                let wire = String::new();
                variants.push(UnionVariant {
                    name: Name { wire, rust },
                    ty,
                });
                continue;
            }
            for wire in wires {
                let rust = scope.claim(&enum_variant(&wire)).0;
                variants.push(UnionVariant {
                    name: Name { wire, rust },
                    ty: ty.clone(),
                });
            }
        }
        if tag.is_none() {
            // Untagged unions try variants in order: anything-goes variants must come last.
            variants.sort_by_key(|v| matches!(v.ty.non_null(), Ty::Any));
        }
        Shape::Def(TypeKind::Union(Union {
            variants,
            discriminator: tag.map(|t| Discriminator {
                property: t.property,
            }),
        }))
    }

    /// A component with a `discriminator` but no `oneOf` is the base of the schemas that extend it
    /// (by `allOf`): it becomes a union of them, tagged by the discriminator.
    pub(super) fn polymorphic_base(&mut self, schema: &Schema, name: &str) -> Option<TypeKind> {
        let d = schema.schema_data.discriminator.as_ref()?;
        let view = View::of(schema);
        if !view.one_of.is_empty() || !view.any_of.is_empty() {
            return None;
        }
        let mut subtypes: Vec<(String, String)> = d
            .mapping
            .iter()
            .map(|(value, target)| (value.clone(), last_name(target)))
            .collect();
        if subtypes.is_empty() {
            subtypes = self.extenders(name);
            self.declared_tags(&mut subtypes, &d.property_name, name);
        }
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for (wire, target) in subtypes {
            let Some(&id) = self.schema_ids.get(&target).filter(|_| target != name) else {
                continue;
            };
            let rust = scope.claim(&enum_variant(&wire)).0;
            variants.push(UnionVariant {
                name: Name { wire, rust },
                ty: Ty::Named(id),
            });
        }
        if variants.is_empty() {
            return None;
        }
        Some(TypeKind::Union(Union {
            variants,
            discriminator: Some(Discriminator {
                property: d.property_name.clone(),
            }),
        }))
    }

    /// Tags of the schemas extending `base` (implicitly their names) replaced by the one value
    /// each declares for `property`, if it declares one: that is what the data carries.
    fn declared_tags(&mut self, subtypes: &mut [(String, String)], property: &str, base: &str) {
        let mut overruled = Vec::new();
        for (wire, target) in subtypes.iter_mut() {
            let reference = ReferenceOr::Reference {
                reference: crate::pointer::component("schemas", target),
            };
            let pointer = crate::pointer::component("schemas", base);
            match self.tag_value(&reference, property, &pointer, 0) {
                Some(declared) if declared != *wire => {
                    overruled.push(format!("`{wire}` → `{declared}`"));
                    *wire = declared;
                }
                _ => {}
            }
        }
        if overruled.is_empty() {
            return;
        }
        let at = child(&crate::pointer::component("schemas", base), "discriminator");
        let message = format!(
            "the implicit mapping (schema names) gives tags that no variant can carry: each declares one value for '{property}', and those are used instead ({})",
            overruled.join(", ")
        );
        self.warn(&at, message).hint = Some(format!(
            "map each declared value of '{property}' to its schema in `discriminator.mapping`"
        ));
    }

    /// Component schemas whose `allOf` names `name` directly, as (tag value, schema name).
    fn extenders(&self, name: &str) -> Vec<(String, String)> {
        let reference = crate::pointer::component("schemas", name);
        let Some(components) = self.doc.components() else {
            return Vec::new();
        };
        components
            .schemas
            .iter()
            .filter(|(_, s)| {
                match s {
                ReferenceOr::Item(s) => View::of(s).all_of.iter().any(|part| {
                    matches!(part, ReferenceOr::Reference { reference: r } if *r == reference)
                }),
                ReferenceOr::Reference { .. } => false,
            }
            })
            .map(|(n, _)| (n.clone(), n.clone()))
            .collect()
    }

    /// The discriminator's tag values, from the mapping, the schema names or (with no
    /// discriminator) a required property that is a one-value enum in every alternative.
    fn tag(
        &mut self,
        schema: &Schema,
        alts: &[&ReferenceOr<Schema>],
        pointer: &str,
    ) -> Option<Tag> {
        let Some(d) = &schema.schema_data.discriminator else {
            return self.implicit_tag(alts, pointer);
        };
        let mut values = Vec::new();
        let mut overruled = Vec::new();
        for alt in alts {
            let mut wires: Vec<String> = Vec::new();
            let declared = self.tag_value(alt, &d.property_name, pointer, 0);
            if let ReferenceOr::Reference { reference } = alt {
                wires = d
                    .mapping
                    .iter()
                    .filter(|(_, target)| {
                        target.as_str() == reference.as_str()
                            || (!target.starts_with('#')
                                && last_name(target) == last_name(reference))
                    })
                    .map(|(value, _)| value.clone())
                    .collect();
                if wires.is_empty() {
                    wires.push(last_name(reference));
                }
                // The variant can only carry the one value it declares: the data uses that.
                let taken = |v: &String| values.iter().flatten().any(|w| w == v);
                if let Some(declared) = declared.filter(|v| !wires.contains(v) && !taken(v)) {
                    overruled.push(format!("`{}` → `{declared}`", wires.join("`, `")));
                    wires = vec![declared];
                }
            } else if let Some(v) = declared {
                wires.push(v);
            }
            if wires.is_empty() {
                let property = &d.property_name;
                let message = format!("the discriminator is ignored: an inline variant gives '{property}' no single value, so the union is generated untagged (its variants tried in order)");
                self.warn(pointer, message).hint = Some(format!(
                    "give '{property}' an `enum` of one value in each inline variant, or make the variants `$ref`s"
                ));
                return None;
            }
            values.push(wires);
        }
        if !overruled.is_empty() {
            let property = &d.property_name;
            let source = if d.mapping.is_empty() {
                "the implicit mapping (schema names)"
            } else {
                "the mapping"
            };
            let message = format!(
                "{source} gives tags that no variant can carry: each declares one value for '{property}', and those are used instead ({})",
                overruled.join(", ")
            );
            let at = pointer
                .rsplit_once('/')
                .map_or(pointer, |(schema, _)| schema);
            self.warn(&child(at, "discriminator"), message).hint = Some(format!(
                "map each declared value of '{property}' to its schema in `discriminator.mapping`"
            ));
        }
        Some(Tag {
            property: d.property_name.clone(),
            values,
        })
    }

    fn implicit_tag(&mut self, alts: &[&ReferenceOr<Schema>], pointer: &str) -> Option<Tag> {
        let (first, _) = self.schema_target(alts.first()?, pointer)?;
        let candidates: Vec<String> = View::of(first)
            .properties
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        'candidates: for property in candidates {
            let mut values: Vec<Vec<String>> = Vec::new();
            for alt in alts {
                match self.tag_value(alt, &property, pointer, 0) {
                    Some(v) if !values.iter().any(|known| known[0] == v) => values.push(vec![v]),
                    _ => continue 'candidates,
                }
            }
            return Some(Tag { property, values });
        }
        None
    }

    /// The one value `property` can take in the object `schema` describes (also via `allOf`).
    fn tag_value(
        &mut self,
        schema: &ReferenceOr<Schema>,
        property: &str,
        pointer: &str,
        depth: usize,
    ) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (schema, at) = self.schema_target(schema, pointer)?;
        let view = View::of(schema);
        if let Some(prop) = view.properties.and_then(|p| p.get(property)) {
            let values = match prop {
                ReferenceOr::Item(s) => View::of(s).enumeration,
                ReferenceOr::Reference { reference } => {
                    let reference = ReferenceOr::Reference {
                        reference: reference.clone(),
                    };
                    let (target, _) = self.schema_target(&reference, &at)?;
                    View::of(target).enumeration
                }
            };
            return match values.as_slice() {
                [Value::String(v)] => Some(v.clone()),
                _ => None,
            };
        }
        view.all_of
            .iter()
            .find_map(|part| self.tag_value(part, property, &at, depth + 1))
    }

    /// One enum from alternatives that are each a list of values (`oneOf` of one-value enums).
    fn folded_enum(
        &mut self,
        alts: &[(usize, &ReferenceOr<Schema>)],
        pointer: &str,
    ) -> Option<TypeKind> {
        let mut values = Vec::new();
        for (_, alt) in alts {
            let (schema, _) = self.schema_target(alt, pointer)?;
            let view = View::of(schema);
            if view.enumeration.is_empty() || view.properties.is_some_and(|p| !p.is_empty()) {
                return None;
            }
            values.extend(view.enumeration.into_iter().filter(|v| !v.is_null()));
        }
        enumeration(&values)
    }

    fn variant_name(&self, ty: &Ty, index: usize) -> String {
        match ty.non_null() {
            Ty::Named(id) => self.types[id.0].name.rust.clone(),
            Ty::String(_) => "String".into(),
            Ty::Integer(_) => "Integer".into(),
            Ty::Number(_) => "Number".into(),
            Ty::Boolean => "Boolean".into(),
            Ty::Array(_) => "Array".into(),
            Ty::Map(_) => "Map".into(),
            Ty::Any => "Any".into(),
            Ty::Binary => "Bytes".into(),
            Ty::Nullable(_) => format!("Variant{index}"),
        }
    }
}

/// An inline variant's schema without its tag property, which the union writes itself. A variant
/// left with no properties is an empty object (not a free-form map).
fn without_property(schema: &Schema, property: &str) -> Schema {
    let mut schema = schema.clone();
    let (properties, required, additional) = match &mut schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => (
            &mut o.properties,
            &mut o.required,
            &mut o.additional_properties,
        ),
        SchemaKind::Any(a) => (
            &mut a.properties,
            &mut a.required,
            &mut a.additional_properties,
        ),
        _ => return schema,
    };
    if properties.shift_remove(property).is_some() {
        required.retain(|r| r != property);
        if properties.is_empty() && additional.is_none() {
            *additional = Some(AdditionalProperties::Any(false));
        }
    }
    schema
}

/// `{type: "null"}` (3.1, normalised) or `{enum: [null]}`.
pub(super) fn is_null_schema(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => {
            let view = View::of(s);
            view.typ == Some("null") || matches!(view.enumeration.as_slice(), [Value::Null])
        }
        ReferenceOr::Reference { .. } => false,
    }
}
