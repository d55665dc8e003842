//! Sample JSON of a type, built from the examples and defaults in the spec.

use super::cells::named_def;
use crate::model::{Api, Field, Ty, TypeId, TypeKind};
use serde_json::{Map, Value};

/// Nesting beyond this is left out, so that wide type graphs stay readable.
const MAX_DEPTH: usize = 12;
/// Fields beyond this many in one sample are left out, so that a sample stays small however many
/// types its type reaches.
const MAX_FIELDS: usize = 128;

/// The sample of a value of type `ty`: the type's own example if it has one; for a struct an
/// object of its fields' samples (fields with nothing to show are left out, so a struct without
/// examples gives `{}`); for an array one sample element. `None` when there is nothing to show.
pub fn of_type(api: &Api, ty: &Ty) -> Option<Value> {
    of_type_in(api, ty, &mut (Vec::new(), MAX_FIELDS))
}

/// The types being sampled, innermost last, and how many more fields the sample may have.
type Walk = (Vec<TypeId>, usize);

fn of_type_in(api: &Api, ty: &Ty, walk: &mut Walk) -> Option<Value> {
    match ty.non_null() {
        Ty::Array(inner) => of_type_in(api, inner, walk).map(|v| Value::Array(vec![v])),
        Ty::Named(_) => of_named(api, ty, walk),
        _ => None,
    }
}

fn of_named(api: &Api, ty: &Ty, walk: &mut Walk) -> Option<Value> {
    if let Ty::Named(id) = ty.non_null() {
        if let Some(example) = api.types.get(id.0).and_then(|d| d.example.as_ref()) {
            return Some(example.clone());
        }
    }
    let (id, def) = named_def(api, ty)?;
    if let Some(example) = &def.example {
        return Some(example.clone());
    }
    if walk.0.contains(&id) || walk.0.len() >= MAX_DEPTH {
        return None;
    }
    walk.0.push(id);
    let sample = match &def.kind {
        TypeKind::Struct(s) => Some(Value::Object(object_of(api, &s.fields, walk))),
        TypeKind::Union(u) => u.variants.iter().find_map(|v| {
            let mut sample = of_type_in(api, &v.ty, walk)?;
            if let (Some(d), Value::Object(map)) = (&u.discriminator, &mut sample) {
                if !v.name.wire.is_empty() && !map.contains_key(&d.property) {
                    let tag = (d.property.clone(), Value::String(v.name.wire.clone()));
                    *map = std::iter::once(tag).chain(std::mem::take(map)).collect();
                }
            }
            Some(sample)
        }),
        TypeKind::Enum(_) | TypeKind::Alias(_) => None,
    };
    walk.0.pop();
    sample
}

fn object_of(api: &Api, fields: &[Field], walk: &mut Walk) -> Map<String, Value> {
    fields
        .iter()
        .filter_map(|field| {
            walk.1 = walk.1.checked_sub(1)?;
            let value = field
                .example
                .clone()
                .or_else(|| field.default.clone())
                .or_else(|| of_type_in(api, &field.ty, walk))?;
            Some((field.name.wire.clone(), value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{self, field, struct_def, with_example};
    use super::*;
    use crate::model::{IntFormat, StringFormat};
    use serde_json::json;

    #[test]
    fn structs_sample_examples_then_defaults_and_skip_the_rest() {
        let mut api = fixtures::empty_api();
        let s = fixtures::add_type(
            &mut api,
            struct_def(
                "S",
                vec![
                    with_example(field("a", Ty::Integer(IntFormat::I32), true), json!(0)),
                    field("b", Ty::String(StringFormat::Plain), false),
                    {
                        let mut f = field("c", Ty::Boolean, false);
                        f.default = Some(json!(false));
                        f
                    },
                    {
                        let mut f = with_example(field("d", Ty::Boolean, false), json!(true));
                        f.default = Some(json!(false));
                        f
                    },
                ],
            ),
        );
        let got = of_type(&api, &Ty::Named(s));
        assert_eq!(got, Some(json!({"a": 0, "c": false, "d": true})));
    }

    #[test]
    fn nested_structs_recurse_and_arrays_get_one_element() {
        let mut api = fixtures::empty_api();
        let inner = fixtures::add_type(&mut api, struct_def("Inner", vec![]));
        let item = fixtures::add_type(
            &mut api,
            struct_def(
                "Item",
                vec![with_example(
                    field("id", Ty::String(StringFormat::Plain), true),
                    json!("x"),
                )],
            ),
        );
        let outer = fixtures::add_type(
            &mut api,
            struct_def(
                "Outer",
                vec![
                    field("inner", Ty::Named(inner), false),
                    field("items", Ty::Array(Box::new(Ty::Named(item))), false),
                    field(
                        "tags",
                        Ty::Array(Box::new(Ty::String(StringFormat::Plain))),
                        false,
                    ),
                ],
            ),
        );
        let got = of_type(&api, &Ty::Nullable(Box::new(Ty::Named(outer))));
        assert_eq!(got, Some(json!({"inner": {}, "items": [{"id": "x"}]})));
    }

    #[test]
    fn type_examples_win_and_cycles_end() {
        let mut api = fixtures::empty_api();
        let node = fixtures::add_type(&mut api, struct_def("Node", vec![]));
        if let TypeKind::Struct(s) = &mut api.types[node.0].kind {
            s.fields.push(field("next", Ty::Named(node), false));
        }
        assert_eq!(of_type(&api, &Ty::Named(node)), Some(json!({})));
        api.types[node.0].example = Some(json!({"given": 1}));
        assert_eq!(of_type(&api, &Ty::Named(node)), Some(json!({"given": 1})));
        assert_eq!(of_type(&api, &Ty::String(StringFormat::Plain)), None);
    }
}
