//! The `openapi` version field: accept 3.0, normalise 3.1 to 3.0, reject the rest clearly.

use super::single;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use serde_json::{Map, Value};

pub(super) fn check_and_normalise(file: &str, doc: &mut Value) -> Result<Diagnostics, Diagnostics> {
    if let Some(swagger) = doc.get("swagger") {
        return Err(single(
            file,
            None,
            "#/swagger",
            format!(
                "Swagger {} is not supported: convert the spec to OpenAPI 3 first",
                display(swagger)
            ),
        ));
    }
    let Some(version) = doc.get("openapi") else {
        return Err(single(
            file,
            None,
            "#",
            "missing `openapi` version field (expected e.g. `openapi: 3.0.3`)".into(),
        ));
    };
    let Some(text) = version.as_str() else {
        return Err(single(
            file,
            None,
            "#/openapi",
            format!(
                "`openapi` must be a string such as \"3.0.3\", found {}",
                display(version)
            ),
        ));
    };
    let mut warnings = Diagnostics::default();
    if text.starts_with("3.0.") || text == "3.0" {
        info_version_as_text(file, doc, &mut warnings);
    } else if text.starts_with("3.1.") || text == "3.1" {
        info_version_as_text(file, doc, &mut warnings);
        normalise_3_1(file, doc, &mut warnings);
    } else {
        return Err(single(
            file,
            None,
            "#/openapi",
            format!("unsupported OpenAPI version {text:?}: this generator reads 3.0.x and 3.1.x"),
        ));
    }
    Ok(warnings)
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn warning(file: &str, pointer: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        file: file.to_owned(),
        position: None,
        pointer: pointer.to_owned(),
        message,
        hint: None,
    }
}

/// `info.version` must be a string; a number such as `3` is read as its text, with a warning.
fn info_version_as_text(file: &str, doc: &mut Value, warnings: &mut Diagnostics) {
    let Some(version) = doc.pointer_mut("/info/version") else {
        return;
    };
    if matches!(version, Value::Number(_) | Value::Bool(_)) {
        let text = version.to_string();
        warnings.push(warning(
            file,
            "#/info/version",
            format!("`info.version` should be a string; read as \"{text}\""),
        ));
        *version = Value::String(text);
    }
}

/// Rewrite the 3.1 constructs that matter for code generation into their 3.0 spelling.
fn normalise_3_1(file: &str, doc: &mut Value, warnings: &mut Diagnostics) {
    let Some(obj) = doc.as_object_mut() else {
        return;
    };
    obj.insert("openapi".into(), Value::String("3.0.3".into()));
    if let Some(hooks) = obj.remove("webhooks") {
        let names: Vec<&str> = hooks
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        warnings.push(warning(
            file,
            "#/webhooks",
            format!(
                "webhooks are not generated; ignored: {}",
                if names.is_empty() {
                    "(none)".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        ));
    }
    obj.remove("jsonSchemaDialect");
    if let Some(Value::Object(components)) = obj.get_mut("components") {
        components.remove("pathItems");
    }
    obj.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    walk_document(doc);
}

/// Keys under which a non-schema node holds one schema, or a map of them.
fn walk_document(node: &mut Value) {
    match node {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match key.as_str() {
                    "schema" => normalise_schema(value),
                    "schemas" => each_value(value, normalise_schema),
                    "example" | "examples" | "default" => {}
                    k if k.starts_with("x-") => {}
                    _ => walk_document(value),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(walk_document),
        _ => {}
    }
}

fn each_value(node: &mut Value, f: fn(&mut Value)) {
    match node {
        Value::Object(map) => map.values_mut().for_each(f),
        Value::Array(items) => items.iter_mut().for_each(f),
        _ => {}
    }
}

/// Spell one 3.1 schema (and the schemas inside it) the 3.0 way.
fn normalise_schema(node: &mut Value) {
    if let Value::Bool(accepts) = node {
        *node = if *accepts {
            Value::Object(Map::new())
        } else {
            serde_json::json!({"not": {}})
        };
        return;
    }
    let Value::Object(map) = node else {
        return;
    };
    type_array(map);
    if let Some(c) = map.remove("const") {
        map.insert("enum".into(), Value::Array(vec![c]));
    }
    if let Some(Value::Array(examples)) = map.remove("examples") {
        if let Some(first) = examples.into_iter().next() {
            map.entry("example").or_insert(first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(n @ Value::Number(_)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), n);
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
    content_keywords(map);
    ref_siblings(map);
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "properties" | "patternProperties" | "$defs" | "dependentSchemas" => {
                each_value(value, normalise_schema)
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => each_value(value, normalise_schema),
            "items" | "not" | "contains" | "if" | "then" | "else" | "propertyNames" => {
                normalise_schema(value)
            }
            "additionalProperties" if value.is_object() => normalise_schema(value),
            _ => {}
        }
    }
}

/// `type: [T, "null"]` → `type: T, nullable: true`; `type: "null"` → a schema that only allows null.
fn type_array(map: &mut Map<String, Value>) {
    if map.get("type").and_then(Value::as_str) == Some("null") {
        map.remove("type");
        map.insert("nullable".into(), Value::Bool(true));
        map.insert("enum".into(), Value::Array(vec![Value::Null]));
        return;
    }
    let Some(Value::Array(types)) = map.get("type").cloned() else {
        return;
    };
    let non_null: Vec<&Value> = types
        .iter()
        .filter(|t| t.as_str() != Some("null"))
        .collect();
    if non_null.len() < types.len() {
        map.insert("nullable".into(), Value::Bool(true));
    }
    match non_null.as_slice() {
        [one] => {
            map.insert("type".into(), (*one).clone());
        }
        _ => {
            map.remove("type");
        }
    }
}

/// `contentEncoding: base64` is 3.0's `format: byte`; raw content is `format: binary`.
fn content_keywords(map: &mut Map<String, Value>) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.get("type").and_then(Value::as_str) != Some("string") || map.contains_key("format") {
        return;
    }
    if encoding.as_ref().and_then(Value::as_str) == Some("base64") {
        map.insert("format".into(), Value::String("byte".into()));
    } else if media.is_some_and(|m| m.as_str() != Some("application/json")) {
        map.insert("format".into(), Value::String("binary".into()));
    }
}

/// A 3.1 `$ref` may have siblings that add to it; 3.0 ignores them. Wrap such a reference in a
/// one-element `allOf` so its siblings (nullable, readOnly, extra properties...) still count.
fn ref_siblings(map: &mut Map<String, Value>) {
    const NOTES: [&str; 3] = ["description", "summary", "$comment"];
    if !map.contains_key("$ref")
        || map
            .keys()
            .all(|k| k == "$ref" || NOTES.contains(&k.as_str()))
    {
        return;
    }
    if let Some(reference) = map.remove("$ref") {
        let wrapped = serde_json::json!([{ "$ref": reference }]);
        match map.get_mut("allOf") {
            Some(Value::Array(parts)) => parts.insert(0, wrapped[0].clone()),
            _ => {
                map.insert("allOf".into(), wrapped);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn swagger_and_unknown_versions_are_rejected() {
        let mut swagger = json!({"swagger": "2.0"});
        let err = check_and_normalise("s.json", &mut swagger)
            .unwrap_err()
            .to_string();
        assert!(err.contains("Swagger 2.0 is not supported"), "{err}");
        let mut v4 = json!({"openapi": "4.0.0"});
        let err = check_and_normalise("s.json", &mut v4)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unsupported OpenAPI version \"4.0.0\""),
            "{err}"
        );
        let mut none = json!({"info": {}});
        assert!(check_and_normalise("s.json", &mut none).is_err());
    }

    #[test]
    fn numeric_info_versions_become_text_with_a_warning() {
        let mut doc = json!({"openapi": "3.0.0", "info": {"title": "T", "version": 3}});
        let warnings = check_and_normalise("m.json", &mut doc).unwrap();
        assert_eq!(doc["info"]["version"], "3");
        assert!(
            warnings.to_string().contains("#/info/version"),
            "{warnings}"
        );
    }

    #[test]
    fn type_arrays_and_const_become_3_0() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "components": {"schemas": {"A": {
                "type": ["string", "null"], "examples": ["x"],
                "properties": {"k": {"const": "fixed"}, "const": {"type": "integer"}}
            }}}
        });
        check_and_normalise("m.yaml", &mut doc).unwrap();
        let a = &doc["components"]["schemas"]["A"];
        assert_eq!(a["type"], "string");
        assert_eq!(a["nullable"], true);
        assert_eq!(a["example"], "x");
        assert_eq!(a["properties"]["k"]["enum"], json!(["fixed"]));
        assert_eq!(a["properties"]["const"], json!({"type": "integer"}));
        assert_eq!(doc["openapi"], "3.0.3");
    }

    #[test]
    fn webhooks_are_dropped_with_a_warning() {
        let mut doc = json!({"openapi": "3.1.0", "webhooks": {"newPet": {}}});
        let warnings = check_and_normalise("m.yaml", &mut doc).unwrap();
        assert!(doc.get("webhooks").is_none());
        assert_eq!(doc["paths"], json!({}));
        let text = warnings.to_string();
        assert!(
            text.contains("warning: #/webhooks") && text.contains("newPet"),
            "{text}"
        );
    }

    #[test]
    fn schema_keywords_of_3_1_are_respelled() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "paths": {"/a": {"get": {"parameters": [{"name": "n", "in": "query",
                "schema": {"type": "integer", "exclusiveMinimum": 0}}]}}},
            "components": {"schemas": {
                "Null": {"type": "null"},
                "File": {"type": "string", "contentMediaType": "image/png"},
                "B64": {"type": "string", "contentEncoding": "base64"},
                "Ref": {"$ref": "#/components/schemas/File", "readOnly": true},
                "Plain": {"$ref": "#/components/schemas/File", "description": "d"},
                "Items": {"type": "array", "items": true},
                "Example": {"type": "object", "example": {"type": ["a"], "const": 1}}
            }}
        });
        check_and_normalise("m.yaml", &mut doc).unwrap();
        let param = &doc["paths"]["/a"]["get"]["parameters"][0]["schema"];
        assert_eq!(
            (param["minimum"].clone(), param["exclusiveMinimum"].clone()),
            (json!(0), json!(true))
        );
        let s = &doc["components"]["schemas"];
        assert_eq!(s["Null"], json!({"nullable": true, "enum": [null]}));
        assert_eq!(s["File"]["format"], "binary");
        assert_eq!(s["B64"]["format"], "byte");
        assert_eq!(
            s["Ref"],
            json!({"allOf": [{"$ref": "#/components/schemas/File"}], "readOnly": true})
        );
        assert_eq!(s["Plain"]["$ref"], "#/components/schemas/File");
        assert_eq!(s["Items"]["items"], json!({}));
        assert_eq!(s["Example"]["example"], json!({"type": ["a"], "const": 1}));
    }
}
