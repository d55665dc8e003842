//! The `openapi` version field: accept 3.0, normalise 3.1 to 3.0, reject the rest clearly.

use super::single;
use crate::diag::Diagnostics;
use serde_json::Value;

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
    if text.starts_with("3.0.") || text == "3.0" {
        Ok(Diagnostics::default())
    } else if text.starts_with("3.1.") || text == "3.1" {
        Ok(normalise_3_1(doc))
    } else {
        Err(single(
            file,
            None,
            "#/openapi",
            format!("unsupported OpenAPI version {text:?}: this generator reads 3.0.x and 3.1.x"),
        ))
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Rewrite the 3.1 constructs that matter for code generation into their 3.0 spelling.
fn normalise_3_1(doc: &mut Value) -> Diagnostics {
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("openapi".into(), Value::String("3.0.3".into()));
        obj.remove("webhooks");
        obj.remove("jsonSchemaDialect");
        obj.entry("paths")
            .or_insert_with(|| Value::Object(Default::default()));
    }
    normalise_schemas(doc);
    Diagnostics::default()
}

/// Walk every object: where it looks like a schema, turn `type: [T, "null"]` into
/// `type: T, nullable: true`, `const` into a one-value `enum`, and `examples` into `example`.
fn normalise_schemas(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get("type").cloned() {
                let non_null: Vec<_> = types
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
            if let Some(c) = map.remove("const") {
                map.insert("enum".into(), Value::Array(vec![c]));
            }
            if map.contains_key("type") || map.contains_key("properties") {
                if let Some(Value::Array(examples)) = map.remove("examples") {
                    if let Some(first) = examples.into_iter().next() {
                        map.entry("example").or_insert(first);
                    }
                }
            }
            if map.contains_key("$ref") {
                map.retain(|k, _| k == "$ref" || k == "description" || k == "summary");
            }
            for v in map.values_mut() {
                normalise_schemas(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise_schemas),
        _ => {}
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
    fn type_arrays_and_const_become_3_0() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "webhooks": {},
            "components": {"schemas": {"A": {
                "type": ["string", "null"], "examples": ["x"],
                "properties": {"k": {"const": "fixed"}}
            }}}
        });
        check_and_normalise("m.yaml", &mut doc).unwrap();
        let a = &doc["components"]["schemas"]["A"];
        assert_eq!(a["type"], "string");
        assert_eq!(a["nullable"], true);
        assert_eq!(a["example"], "x");
        assert_eq!(a["properties"]["k"]["enum"], json!(["fixed"]));
        assert_eq!(doc["openapi"], "3.0.3");
        assert!(doc.get("webhooks").is_none());
    }
}
