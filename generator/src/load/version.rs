//! The `openapi` version field: accept 3.0, normalise 3.1 to 3.0, reject the rest clearly; then
//! every schema is repaired (see `schemas.rs`).

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
    let v31 = text.starts_with("3.1.") || text == "3.1";
    if text.starts_with("3.0.") || text == "3.0" {
        info_version_as_text(file, doc, &mut warnings);
    } else if v31 {
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
    for mut d in super::schemas::repair(doc, v31) {
        d.file = file.to_owned();
        warnings.push(d);
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
    if !["paths", "components", "webhooks"]
        .iter()
        .any(|k| obj.contains_key(*k))
    {
        let message =
            "the document has none of `paths`, `components` and `webhooks`: OpenAPI 3.1 needs one";
        let mut error = warning(file, "#", message.into());
        error.severity = Severity::Error;
        warnings.push(error);
    }
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
    if let Some(dialect) = obj.remove("jsonSchemaDialect") {
        if !dialect.as_str().is_some_and(crate::grammar::is_url) {
            let message = format!("`jsonSchemaDialect` {dialect} is not a URI; ignored");
            warnings.push(warning(file, "#/jsonSchemaDialect", message));
        }
    }
    if let Some(Value::Object(components)) = obj.get_mut("components") {
        components.remove("pathItems");
        if let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") {
            mutual_tls(file, schemes, warnings);
        }
    }
    let paths = obj
        .entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    optional_responses(paths);
}

/// 3.1 lets an operation leave out `responses`; it is read as declaring none.
fn optional_responses(paths: &mut Value) {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let items = paths
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut());
    for item in items.filter_map(Value::as_object_mut) {
        for method in METHODS {
            if let Some(Value::Object(op)) = item.get_mut(method) {
                op.entry("responses")
                    .or_insert_with(|| Value::Object(Map::new()));
            }
        }
    }
}

/// 3.1's `mutualTLS` schemes, which a generated client cannot present, are skipped.
fn mutual_tls(file: &str, schemes: &mut Map<String, Value>, warnings: &mut Diagnostics) {
    let tls = |s: &Value| s.get("type").and_then(Value::as_str) == Some("mutualTLS");
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, s)| tls(s))
        .map(|(n, _)| n.clone())
        .collect();
    for name in names {
        schemes.remove(&name);
        let pointer = crate::pointer::child("#/components/securitySchemes", &name);
        let message = "`mutualTLS` security schemes are not supported (the client presents no certificate); skipped";
        warnings.push(warning(file, &pointer, message.into()));
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
