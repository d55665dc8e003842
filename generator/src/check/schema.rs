//! Schema objects: field types, `type` names, `required`, `items`, `additionalProperties`,
//! discriminators, and a warning for `xml`.

use super::sense::Keywords;
use super::shape::did_you_mean;
use super::Checker;
use crate::grammar::{Expect, NodeKind};
use crate::pointer::child;
use crate::source::describe;
use serde_json::{Map, Value};

const TYPES: [&str; 6] = ["string", "number", "integer", "boolean", "array", "object"];

impl<'v> Checker<'v> {
    pub(super) fn schema_rules(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        if let Some(t) = obj.get("type") {
            self.schema_type(&child(pointer, "type"), t);
        }
        if let Some(r) = obj.get("required") {
            self.required_list(&child(pointer, "required"), r);
        }
        if let Some(items) = obj.get("items") {
            let at = child(pointer, "items");
            if items.is_array() {
                self.error(&at, "`items` must be one schema, found a list (tuple-style `items` is not supported)");
            } else {
                self.node(NodeKind::Schema, &at, "`items`", items);
            }
        }
        if let Some(extra) = obj.get("additionalProperties") {
            let at = child(pointer, "additionalProperties");
            if !extra.is_boolean() {
                self.node(
                    NodeKind::Schema,
                    &at,
                    "`additionalProperties` (true, false or a schema)",
                    extra,
                );
            }
        }
        for key in ["exclusiveMinimum", "exclusiveMaximum"] {
            if let Some(v) = obj.get(key).filter(|v| !v.is_boolean()) {
                let found = describe(v);
                *self.error(
                    &child(pointer, key),
                    format!("`{key}` must be a boolean in OpenAPI 3.0, found {found}"),
                ) = v.is_number().then(|| {
                    format!(
                        "write `{}: {v}` with `{key}: true`",
                        &key[9..].to_ascii_lowercase()
                    )
                });
            }
        }
        if let Some(e) = obj.get("enum") {
            self.list("`enum`", &child(pointer, "enum"), e);
        }
        if obj.contains_key("xml") {
            self.warn(&child(pointer, "xml"), "xml is not supported; skipped");
        }
        self.schema_values(pointer, obj);
        let keywords = Keywords::of(obj);
        self.schema_sense(pointer, obj, &keywords);
        self.composition(pointer, obj, &keywords);
    }

    fn schema_type(&mut self, pointer: &str, t: &Value) {
        match t {
            Value::String(name) if TYPES.contains(&name.as_str()) => {}
            Value::String(name) if name == "null" && self.openapi_3_1 => {}
            Value::String(name) => {
                let hint = did_you_mean(name, &TYPES)
                    .or_else(|| Some(format!("expected one of {}", TYPES.join(", "))));
                *self.error(pointer, format!("unknown schema type '{name}'")) = hint;
            }
            Value::Array(_) => {
                *self.error(pointer, "`type` must be one type name in OpenAPI 3.0, found a list (a list of types is 3.1)") =
                    Some("use one type and `nullable: true`, or declare `openapi: 3.1.0`".into());
            }
            other => {
                self.error(
                    pointer,
                    format!("`type` must be a type name, found {}", describe(other)),
                );
            }
        }
    }

    fn required_list(&mut self, pointer: &str, r: &'v Value) {
        match r {
            Value::Bool(_) => {
                *self.error(
                    pointer,
                    "`required` in a schema lists property names, found a boolean",
                ) = Some("list this property in the parent schema's `required` instead".into());
            }
            Value::String(name) => {
                *self.error(
                    pointer,
                    "`required` must be a list of property names, found a string",
                ) = Some(format!("write `required: [{name}]`"));
            }
            other => self.expect(Expect::StrList, pointer, "required", other),
        }
    }

    pub(super) fn discriminator_rules(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        let Some(mapping) = obj.get("mapping").and_then(Value::as_object) else {
            return;
        };
        for (value, target) in mapping {
            if let Some(target) = target.as_str() {
                let at = child(&child(pointer, "mapping"), value);
                self.mappings.push((at, target.to_owned()));
            }
        }
    }
}
