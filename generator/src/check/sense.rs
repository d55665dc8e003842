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

impl<'v> Checker<'v> {
    pub(super) fn schema_sense(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        self.required_names(pointer, obj);
        self.bounds(pointer, obj);
        let flag = |key: &str| obj.get(key).and_then(Value::as_bool) == Some(true);
        if flag("readOnly") && flag("writeOnly") {
            let message = "`readOnly` and `writeOnly` are both true, which OpenAPI forbids; a property marked so is generated as optional";
            self.warn(&child(pointer, "writeOnly"), message);
        }
    }

    /// Each name in `required` (of this schema and its inline `allOf` parts) must be a property
    /// of the object it makes: the generated struct has nowhere to keep any other.
    fn required_names(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        let object = obj.contains_key("properties") || obj.contains_key("allOf");
        let open_part = self
            .all_of_parts(obj, pointer)
            .into_iter()
            .any(|(part, _)| open(part));
        if !object || open(obj) || open_part || is_all_of_part(pointer) {
            return;
        }
        let names: Vec<String> = self
            .properties_of(obj, pointer)
            .into_iter()
            .map(|p| p.name.to_owned())
            .collect();
        for (list, at) in self.required_lists(obj, pointer, 0) {
            for (i, name) in list.iter().enumerate() {
                let Some(name) = name.as_str().filter(|n| !names.iter().any(|k| k == n)) else {
                    continue;
                };
                let at = child(&child(&at, "required"), &i.to_string());
                let hint = closest(name, &names).map(|c| format!("did you mean '{c}'?"));
                let message =
                    format!("`required` names '{name}', which is not a property here; ignored");
                self.report(Severity::Warning, &at, message).hint = hint;
            }
        }
    }

    /// The `required` lists of `obj` and of its inline `allOf` parts, with their schemas' pointers.
    fn required_lists(
        &self,
        obj: &'v Map<String, Value>,
        pointer: &str,
        depth: usize,
    ) -> Vec<(&'v [Value], String)> {
        let mut out = Vec::new();
        if let Some(list) = obj.get("required").and_then(Value::as_array) {
            out.push((list.as_slice(), pointer.to_owned()));
        }
        let parts = obj.get("allOf").and_then(Value::as_array);
        for (i, part) in parts.into_iter().flatten().enumerate() {
            let inline = part.as_object().filter(|p| !p.contains_key("$ref"));
            if let (Some(part), true) = (inline, depth < 8) {
                let at = child(&child(pointer, "allOf"), &i.to_string());
                out.extend(self.required_lists(part, &at, depth + 1));
            }
        }
        out
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

/// Whether `schema` may hold properties it doesn't list: a union, or open to additional ones.
fn open(schema: &Map<String, Value>) -> bool {
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
