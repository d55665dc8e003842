//! Every schema of the document, visited with its pointer and made to say what it means, each
//! change reported where it was written: 3.1 spellings respelled as 3.0 (`respell.rs`; warned
//! about only in a 3.0 document), Swagger 2's `required: true` on a property moved into its
//! parent's `required` list, and `enum`, `default` and `example` values fitted to the schema's
//! `type` (`fit.rs`). On the way, a response without its (required) `description` gets an
//! empty one.

use super::fit::{convert, drop_repeats, fits, known};
use super::respell::{boolean_schema, respell};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::pointer::{child, Cursor};
use crate::source::describe;
use serde_json::{Map, Value};

/// Repair every schema in `doc`, a 3.1 document (`v31`) or a 3.0 one. The diagnostics have
/// pointers but no positions yet.
pub(super) fn repair(doc: &mut Value, v31: bool) -> Diagnostics {
    let mut pass = Pass {
        v31,
        found: Diagnostics::default(),
        at: Cursor::new("#"),
    };
    pass.document(doc);
    pass.found
}

struct Pass {
    v31: bool,
    found: Diagnostics,
    /// Where the walk is.
    at: Cursor,
}

impl Pass {
    /// The pointer of `segments` below where the walk is.
    fn here(&self, segments: &[&str]) -> String {
        segments
            .iter()
            .fold(self.at.as_str().to_owned(), |p, s| child(&p, s))
    }

    fn report(&mut self, severity: Severity, pointer: String, message: String, hint: Option<&str>) {
        self.found.push(Diagnostic {
            severity,
            file: String::new(),
            position: None,
            pointer,
            message,
            hint: hint.map(str::to_owned),
        });
    }

    fn warn(&mut self, pointer: String, message: String) {
        self.report(Severity::Warning, pointer, message, None);
    }

    /// A node that is not a schema: the schemas are under `schema` and `schemas`.
    fn document(&mut self, node: &mut Value) {
        match node {
            Value::Object(map) => {
                if map.keys().any(|k| k == "in") {
                    self.parameter_example(map);
                }
                for (key, value) in map.iter_mut() {
                    let mark = self.at.push(key);
                    match key.as_str() {
                        "schema" => self.schema(value),
                        "schemas" => self.each(value),
                        "responses" => {
                            self.descriptions(value);
                            self.document(value);
                        }
                        "example" | "examples" => {}
                        k if k.starts_with("x-") => {}
                        // Here `default` is a response or a server variable's value, not a sample.
                        _ => self.document(value),
                    }
                    self.at.pop(mark);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let mark = self.at.push_index(i);
                    self.document(item);
                    self.at.pop(mark);
                }
            }
            _ => {}
        }
    }

    /// A response must have a `description`; an empty one says as much as none.
    fn descriptions(&mut self, responses: &mut Value) {
        let Value::Object(responses) = responses else {
            return;
        };
        for (code, response) in responses.iter_mut() {
            let Value::Object(response) = response else {
                continue;
            };
            if code.starts_with("x-") || response.contains_key("$ref") {
                continue;
            }
            if !response.contains_key("description") {
                response.insert("description".into(), Value::String(String::new()));
                let message = format!(
                    "response '{code}' has no `description`, which OpenAPI requires; read as empty"
                );
                self.warn(self.here(&[code]), message);
            }
        }
    }

    /// Each schema of a mapping or list of them.
    fn each(&mut self, node: &mut Value) {
        match node {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    let mark = self.at.push(key);
                    self.schema(value);
                    self.at.pop(mark);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let mark = self.at.push_index(i);
                    self.schema(item);
                    self.at.pop(mark);
                }
            }
            _ => {}
        }
    }

    /// One schema, then the schemas inside it.
    fn schema(&mut self, node: &mut Value) {
        if self.v31 {
            boolean_schema(node);
        }
        let Value::Object(map) = node else {
            return;
        };
        let seen = Seen::of(map);
        if self.v31 || seen.spelled_3_1 {
            for done in respell(map, self.v31) {
                self.warn(self.here(&[done.key]), done.message);
            }
        }
        if seen.properties {
            self.required_flags(map);
        }
        if seen.values {
            self.fit_values(map);
            self.enum_once(map);
        }
        for (key, value) in map.iter_mut() {
            let each = match key.as_str() {
                "properties" | "patternProperties" | "$defs" | "dependentSchemas" => true,
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => true,
                "items" | "not" | "contains" | "if" | "then" | "else" | "propertyNames" => false,
                "additionalProperties" if value.is_object() => false,
                _ => continue,
            };
            let mark = self.at.push(key);
            match each {
                true => self.each(value),
                false => self.schema(value),
            }
            self.at.pop(mark);
        }
    }

    /// `required: true` on a property (Swagger 2.0's way) lists it in the parent's `required`.
    fn required_flags(&mut self, map: &mut Map<String, Value>) {
        if map.get("required").is_some_and(|r| !r.is_array()) {
            return;
        }
        let Some(Value::Object(properties)) = map.get_mut("properties") else {
            return;
        };
        let mut names = Vec::new();
        for (name, property) in properties.iter_mut() {
            let Some(flag) = property
                .as_object_mut()
                .and_then(|p| match p.get("required") {
                    Some(Value::Bool(flag)) => Some(*flag),
                    _ => None,
                })
            else {
                continue;
            };
            if let Some(p) = property.as_object_mut() {
                p.shift_remove("required");
            }
            let at = self.here(&["properties", name, "required"]);
            let message = if flag {
                names.push(name.clone());
                format!("`required: true` on a property is Swagger 2.0; read as listing '{name}' in the parent's `required`")
            } else {
                "`required: false` on a property is Swagger 2.0; ignored (properties are optional unless listed in the parent's `required`)".to_owned()
            };
            self.warn(at, message);
        }
        if names.is_empty() {
            return;
        }
        let list = map
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            for name in names {
                if !list.iter().any(|n| n.as_str() == Some(name.as_str())) {
                    list.push(Value::String(name));
                }
            }
        }
    }

    /// `enum` values, `default` and `example` against `type` (and `default`/`example` against
    /// `enum`).
    fn fit_values(&mut self, map: &mut Map<String, Value>) {
        let Some(typ) = map.get("type").and_then(Value::as_str).filter(|t| known(t)) else {
            return;
        };
        let typ = typ.to_owned();
        if let Some(Value::Array(values)) = map.get_mut("enum") {
            for (i, value) in values.iter_mut().enumerate() {
                if !fits(&typ, value) {
                    let at = self.here(&["enum", &i.to_string()]);
                    self.fit_enum_value(&typ, value, at);
                }
            }
        }
        if !map.contains_key("default") && !map.contains_key("example") {
            return;
        }
        let allowed = map.get("enum").and_then(Value::as_array).cloned();
        for key in ["default", "example"] {
            self.fit_sample(map, key, &typ, allowed.as_deref());
        }
    }

    /// Each `enum` value once: a repeat is dropped.
    fn enum_once(&mut self, map: &mut Map<String, Value>) {
        if let Some(Value::Array(values)) = map.get_mut("enum") {
            for (i, value) in drop_repeats(values) {
                let message = format!("enum value {} is listed twice; read once", shown(&value));
                self.warn(self.here(&["enum", &i.to_string()]), message);
            }
        }
    }

    /// An enum value that does not fit `typ`.
    fn fit_enum_value(&mut self, typ: &str, value: &mut Value, at: String) {
        let shown = shown(value);
        let found = describe(value);
        let message = format!("enum value {shown} is {found}, but the schema's type is {typ}");
        match convert(typ, value) {
            Some(read) => {
                self.warn(at, format!("{message}; read as {read}"));
                *value = read;
            }
            None => {
                let hint = Some("change the value or the schema's `type`");
                self.report(Severity::Error, at, message, hint);
            }
        }
    }

    /// `default` or `example` (`key`) against the type and the enum values; dropped if it fits
    /// neither, since it would only mislead the docs and examples.
    fn fit_sample(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        typ: &str,
        allowed: Option<&[Value]>,
    ) {
        let Some(value) = map.get_mut(key).filter(|v| !v.is_null()) else {
            return;
        };
        if !fits(typ, value) {
            let at = self.here(&[key]);
            let found = describe(value);
            let message = format!("`{key}` is {found}, but the schema's type is {typ}");
            match convert(typ, value) {
                Some(read) => {
                    self.warn(at, format!("{message}; read as {read}"));
                    *value = read;
                }
                None => {
                    self.warn(at, format!("{message}; ignored"));
                    map.shift_remove(key);
                    return;
                }
            }
        }
        let value = &map[key];
        if allowed.is_some_and(|values| !values.contains(value)) {
            let message = format!(
                "`{key}` {} is not one of the `enum` values; ignored",
                shown(value)
            );
            self.warn(self.here(&[key]), message);
            map.shift_remove(key);
        }
    }

    /// A parameter's own `example` against its (inline) schema.
    fn parameter_example(&mut self, map: &mut Map<String, Value>) {
        let Some(schema) = map.get("schema").and_then(Value::as_object) else {
            return;
        };
        let Some(typ) = schema
            .get("type")
            .and_then(Value::as_str)
            .filter(|t| known(t))
        else {
            return;
        };
        let typ = typ.to_owned();
        let allowed = schema.get("enum").and_then(Value::as_array).cloned();
        self.fit_sample(map, "example", &typ, allowed.as_deref());
    }
}

/// What a schema holds that the repairs look at, found in one pass over its entries (cheaper
/// than a hashed lookup per keyword, for every schema of a large spec).
#[derive(Default)]
struct Seen {
    /// A keyword that 3.0 spells differently: a `null` type or a list of types, `const`, a
    /// numeric exclusive bound.
    spelled_3_1: bool,
    properties: bool,
    /// `enum`, `default` or `example`.
    values: bool,
}

impl Seen {
    fn of(map: &Map<String, Value>) -> Seen {
        let mut seen = Seen::default();
        for (key, value) in map {
            match key.as_str() {
                "type" => seen.spelled_3_1 |= value.as_str().is_none_or(|t| t == "null"),
                "const" => seen.spelled_3_1 = true,
                "exclusiveMinimum" | "exclusiveMaximum" => seen.spelled_3_1 |= value.is_number(),
                "properties" => seen.properties = true,
                "enum" | "default" | "example" => seen.values = true,
                _ => {}
            }
        }
        seen
    }
}

/// A value as JSON, shortened for a message.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn repaired(mut doc: Value) -> (Value, Vec<String>) {
        let found = repair(&mut doc, false);
        let notes = found
            .iter()
            .map(|d| format!("{:?} {}: {}", d.severity, d.pointer, d.message))
            .collect();
        (doc, notes)
    }

    #[test]
    fn enum_values_are_read_as_the_type_or_reported() {
        let (doc, notes) = repaired(json!({"components": {"schemas": {
            "S": {"type": "string", "enum": [1, "b", null], "default": 1},
            "I": {"type": "integer", "enum": ["x"]}
        }}}));
        let s = &doc["components"]["schemas"]["S"];
        assert_eq!(s["enum"], json!(["1", "b", null]));
        assert_eq!(s["default"], "1");
        assert_eq!(notes, [
            "Warning #/components/schemas/S/enum/0: enum value 1 is a number, but the schema's type is string; read as \"1\"",
            "Warning #/components/schemas/S/default: `default` is a number, but the schema's type is string; read as \"1\"",
            "Error #/components/schemas/I/enum/0: enum value \"x\" is a string, but the schema's type is integer",
        ]);
    }

    #[test]
    fn samples_that_fit_neither_type_nor_enum_are_dropped() {
        let (doc, notes) = repaired(json!({"paths": {"/a": {"get": {"parameters": [
            {"name": "q", "in": "query", "example": "many", "schema": {"type": "array", "example": 3}},
            {"name": "k", "in": "query", "example": "c", "schema": {"type": "string", "enum": ["a"], "default": "b"}}
        ]}}}}));
        let params = &doc["paths"]["/a"]["get"]["parameters"];
        for p in [&params[0], &params[1]] {
            assert!(p.get("example").is_none() && p["schema"].get("example").is_none());
        }
        assert!(params[1]["schema"].get("default").is_none());
        assert_eq!(notes.len(), 4, "{notes:#?}");
        assert!(
            notes[0].ends_with("`example` is a string, but the schema's type is array; ignored"),
            "{notes:#?}"
        );
    }

    #[test]
    fn schemas_of_the_default_response_are_repaired_too() {
        let schema = json!({"type": "string", "enum": [1]});
        let (doc, notes) = repaired(json!({"paths": {"/a": {"get": {"responses": {
            "default": {"description": "", "content": {"application/json": {"schema": schema}}}
        }}}}}));
        let fitted = &doc["paths"]["/a"]["get"]["responses"]["default"]["content"];
        assert_eq!(
            fitted["application/json"]["schema"]["enum"],
            json!(["1"]),
            "{notes:?}"
        );
    }

    #[test]
    fn required_flags_on_properties_join_the_parent_list() {
        let (doc, notes) = repaired(json!({"components": {"schemas": {"S": {
            "type": "object", "required": ["a"],
            "properties": {"a": {"type": "string"}, "b": {"type": "string", "required": true},
                           "c": {"type": "string", "required": false}}
        }}}}));
        let s = &doc["components"]["schemas"]["S"];
        assert_eq!(s["required"], json!(["a", "b"]));
        assert!(s["properties"]["b"].get("required").is_none());
        assert!(s["properties"]["c"].get("required").is_none());
        assert_eq!(notes.len(), 2);
        assert!(notes[0].starts_with("Warning #/components/schemas/S/properties/b/required"));
    }

    #[test]
    fn examples_of_nested_schemas_and_extensions_are_left_alone() {
        let doc = json!({"components": {"schemas": {"S": {"type": "object",
            "example": {"type": "null"}, "x-extra": {"schema": {"type": "null"}}}}}});
        let (after, notes) = repaired(doc.clone());
        assert_eq!((after, notes.len()), (doc, 0));
    }
}
