//! What a schema says that can't be so, or that the generated code can't keep, as warnings:
//! `required` naming a property the object doesn't have, bounds no value meets, and a property
//! both `readOnly` and `writeOnly`.

use super::Checker;
use crate::diag::{closest, Severity};
use crate::pointer::child;
use serde_json::{Map, Value};

/// Pairs of lower and upper bounds.
const BOUNDS: [(&str, &str); 4] = [
    ("minimum", "maximum"),
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minProperties", "maxProperties"),
];

/// Which of the keywords these checks read a schema has, found in one pass over its entries
/// (cheaper than a hashed lookup per keyword, for every schema of a large spec).
#[derive(Default)]
pub(super) struct Keywords {
    pub properties: bool,
    pub all_of: bool,
    pub required: bool,
    /// `oneOf`, `anyOf`, or `additionalProperties` that admits more.
    pub open: bool,
    pub lower_bound: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub discriminator: bool,
}

impl Keywords {
    pub fn of(obj: &Map<String, Value>) -> Keywords {
        let mut k = Keywords::default();
        for (key, value) in obj {
            match key.as_str() {
                "properties" => k.properties = true,
                "allOf" => k.all_of = true,
                "required" => k.required = true,
                "oneOf" | "anyOf" => k.open = true,
                "additionalProperties" => {
                    k.open |= value.is_object() || value.as_bool() == Some(true)
                }
                "minimum" | "minLength" | "minItems" | "minProperties" => k.lower_bound = true,
                "readOnly" => k.read_only = value.as_bool() == Some(true),
                "writeOnly" => k.write_only = value.as_bool() == Some(true),
                "discriminator" => k.discriminator = true,
                _ => {}
            }
        }
        k
    }
}

impl<'v> Checker<'v> {
    pub(super) fn schema_sense(
        &mut self,
        pointer: &str,
        obj: &'v Map<String, Value>,
        k: &Keywords,
    ) {
        if (k.all_of || (k.required && k.properties)) && !k.open {
            self.required_names(pointer, obj);
        }
        if k.lower_bound {
            self.bounds(pointer, obj);
        }
        if k.read_only && k.write_only {
            let message = "`readOnly` and `writeOnly` are both true, which OpenAPI forbids; a property marked so is generated as optional";
            self.warn(&child(pointer, "writeOnly"), message);
        }
    }

    /// Each name in `required` (of this schema and its inline `allOf` parts) must be a property
    /// of the object it makes: the generated struct has nowhere to keep any other.
    fn required_names(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        if is_all_of_part(pointer) {
            return;
        }
        if self.parts(obj).into_iter().any(is_open) {
            return;
        }
        let mut lists = Vec::new();
        required_lists(obj, &mut Vec::new(), &mut lists);
        if lists.is_empty() {
            return;
        }
        let names = self.property_names(obj);
        for (list, parts) in lists {
            for (i, name) in list.iter().enumerate() {
                let Some(name) = name.as_str().filter(|n| !names.contains(n)) else {
                    continue;
                };
                let schema = parts.iter().fold(pointer.to_owned(), |p, part| {
                    child(&child(&p, "allOf"), &part.to_string())
                });
                let at = child(&child(&schema, "required"), &i.to_string());
                let known: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
                let hint = closest(name, &known).map(|c| format!("did you mean '{c}'?"));
                let message =
                    format!("`required` names '{name}', which is not a property here; ignored");
                self.report(Severity::Warning, &at, message).hint = hint;
            }
        }
    }

    fn bounds(&mut self, pointer: &str, obj: &Map<String, Value>) {
        for (low, high) in BOUNDS {
            let number = |key: &str| obj.get(key).and_then(Value::as_f64);
            let (Some(min), Some(max)) = (number(low), number(high)) else {
                continue;
            };
            let exclusive = ["exclusiveMinimum", "exclusiveMaximum"]
                .iter()
                .any(|k| low == "minimum" && obj.get(*k) == Some(&Value::Bool(true)));
            if min > max || (min == max && exclusive) {
                let message = format!(
                    "`{low}` {} and `{high}` {} leave no value that fits",
                    obj[low], obj[high]
                );
                self.warn(&child(pointer, low), message);
            }
        }
    }
}

/// The `required` lists of `obj` and of its inline `allOf` parts, each with the `allOf` indices
/// that lead to it from `obj`.
fn required_lists<'v>(
    obj: &'v Map<String, Value>,
    path: &mut Vec<usize>,
    out: &mut Vec<(&'v [Value], Vec<usize>)>,
) {
    if let Some(list) = obj.get("required").and_then(Value::as_array) {
        out.push((list.as_slice(), path.clone()));
    }
    let parts = obj.get("allOf").and_then(Value::as_array);
    for (i, part) in parts.into_iter().flatten().enumerate() {
        let inline = part.as_object().filter(|p| !p.contains_key("$ref"));
        if let (Some(part), true) = (inline, path.len() < 8) {
            path.push(i);
            required_lists(part, path, out);
            path.pop();
        }
    }
}

/// Whether `schema` may hold properties it doesn't list: a union, or open to additional ones.
pub(super) fn is_open(schema: &Map<String, Value>) -> bool {
    let extra = schema.get("additionalProperties");
    schema.contains_key("oneOf")
        || schema.contains_key("anyOf")
        || extra.is_some_and(|a| a.is_object() || a == &Value::Bool(true))
}

/// Whether the schema at `pointer` is an `allOf` part: its object is its parent's, which checks it.
fn is_all_of_part(pointer: &str) -> bool {
    pointer
        .rsplit_once('/')
        .is_some_and(|(parent, _)| parent.ends_with("/allOf"))
}
