//! OpenAPI 3.1 (JSON Schema 2020-12) spellings of one schema, respelled the 3.0 way. In a 3.1
//! document every 3.1 spelling is respelled; in a 3.0 document only those that can mean one thing
//! (`type: 'null'`, a type list of one type and `'null'`, `const`, a number in
//! `exclusiveMinimum`/`exclusiveMaximum`), each reported so the caller can warn.

use serde_json::{Map, Value};

/// One respelling made in a 3.0 document: the keyword it was about, and what it was read as.
pub(super) struct Respelled {
    pub key: &'static str,
    pub message: String,
}

/// Respell `map`, a schema of a 3.1 document (`v31`) or of a 3.0 one; returns what a 3.0
/// document should be warned about.
pub(super) fn respell(map: &mut Map<String, Value>, v31: bool) -> Vec<Respelled> {
    let mut done = Vec::new();
    done.extend(type_list(map, v31));
    if let Some(c) = map.shift_remove("const") {
        let message = format!("`const` is OpenAPI 3.1; read as `enum: [{c}]`");
        map.insert("enum".into(), Value::Array(vec![c]));
        done.push(Respelled {
            key: "const",
            message,
        });
    }
    done.extend(exclusive_bounds(map));
    if v31 {
        examples(map);
        content_keywords(map);
        ref_siblings(map);
        return Vec::new();
    }
    done
}

/// A 3.1 boolean schema as the 3.0 schema that means the same: `true` accepts anything,
/// `false` nothing.
pub(super) fn boolean_schema(node: &mut Value) {
    if let Value::Bool(accepts) = node {
        *node = if *accepts {
            Value::Object(Map::new())
        } else {
            serde_json::json!({"not": {}})
        };
    }
}

/// `type: [T, "null"]` → `type: T, nullable: true`; `type: "null"` (or `["null"]`) → a schema
/// that only allows null. In 3.0, a list of more than one non-null type is left for `check` to report.
fn type_list(map: &mut Map<String, Value>, v31: bool) -> Option<Respelled> {
    let only_null = match map.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t.as_str() == Some("null")),
        _ => false,
    };
    if only_null {
        map.shift_remove("type");
        map.insert("nullable".into(), Value::Bool(true));
        map.insert("enum".into(), Value::Array(vec![Value::Null]));
        let message =
            "a `null` type is OpenAPI 3.1; read as a schema that allows only null".to_owned();
        return Some(Respelled {
            key: "type",
            message,
        });
    }
    let Some(Value::Array(types)) = map.get("type") else {
        return None;
    };
    let non_null: Vec<Value> = types
        .iter()
        .filter(|t| t.as_str() != Some("null"))
        .cloned()
        .collect();
    let nullable = non_null.len() < types.len();
    if non_null.len() > 1 && !v31 {
        return None;
    }
    if nullable {
        map.insert("nullable".into(), Value::Bool(true));
    }
    let read_as = match non_null.as_slice() {
        [one] => {
            map.insert("type".into(), one.clone());
            format!("`type: {}`", one.as_str().unwrap_or_default())
        }
        _ => {
            map.shift_remove("type");
            "no `type`".to_owned()
        }
    };
    let nullable = if nullable {
        " and `nullable: true`"
    } else {
        ""
    };
    let message = format!("a list of types is OpenAPI 3.1; read as {read_as}{nullable}");
    Some(Respelled {
        key: "type",
        message,
    })
}

/// A number in `exclusiveMinimum` is 3.1's spelling of 3.0's `minimum` + `exclusiveMinimum: true`.
fn exclusive_bounds(map: &mut Map<String, Value>) -> Vec<Respelled> {
    let mut done = Vec::new();
    for (key, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(n @ Value::Number(_)) = map.get(key).cloned() {
            map.insert(bound.into(), n.clone());
            map.insert(key.into(), Value::Bool(true));
            let message = format!(
                "a number in `{key}` is OpenAPI 3.1; read as `{bound}: {n}` with `{key}: true`"
            );
            done.push(Respelled { key, message });
        }
    }
    done
}

/// 3.1's `examples` list: its first item is the 3.0 `example`.
fn examples(map: &mut Map<String, Value>) {
    if let Some(Value::Array(examples)) = map.shift_remove("examples") {
        if let Some(first) = examples.into_iter().next() {
            map.entry("example").or_insert(first);
        }
    }
}

/// `contentEncoding: base64` is 3.0's `format: byte`; raw content is `format: binary`.
fn content_keywords(map: &mut Map<String, Value>) {
    let encoding = map.shift_remove("contentEncoding");
    let media = map.shift_remove("contentMediaType");
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
    if let Some(reference) = map.shift_remove("$ref") {
        let wrapped = serde_json::json!({ "$ref": reference });
        match map.get_mut("allOf") {
            Some(Value::Array(parts)) => parts.insert(0, wrapped),
            _ => {
                map.insert("allOf".into(), Value::Array(vec![wrapped]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn respelled(schema: Value, v31: bool) -> (Value, Vec<String>) {
        let Value::Object(mut map) = schema else {
            unreachable!("a mapping")
        };
        let done = respell(&mut map, v31);
        let notes = done
            .into_iter()
            .map(|r| format!("{}: {}", r.key, r.message))
            .collect();
        (Value::Object(map), notes)
    }

    #[test]
    fn a_3_0_document_gets_the_unambiguous_3_1_spellings_respelled_with_a_note_each() {
        let (s, notes) = respelled(
            json!({"type": ["integer", "null"], "exclusiveMaximum": 9}),
            false,
        );
        assert_eq!(
            s,
            json!({"type": "integer", "nullable": true, "exclusiveMaximum": true, "maximum": 9})
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        let (s, notes) = respelled(json!({"type": "null"}), false);
        assert_eq!(s, json!({"nullable": true, "enum": [null]}));
        assert_eq!(
            notes,
            ["type: a `null` type is OpenAPI 3.1; read as a schema that allows only null"]
        );
        let (s, _) = respelled(json!({"type": ["null"]}), false);
        assert_eq!(s, json!({"nullable": true, "enum": [null]}));
        let (s, notes) = respelled(json!({"const": "x"}), false);
        assert_eq!((s, notes.len()), (json!({"enum": ["x"]}), 1));
    }

    #[test]
    fn a_3_0_document_keeps_what_could_mean_more_than_one_thing() {
        let many =
            json!({"type": ["string", "integer"], "examples": ["a"], "contentEncoding": "base64"});
        let (s, notes) = respelled(many.clone(), false);
        assert_eq!((s, notes.len()), (many, 0));
    }

    #[test]
    fn a_3_1_document_is_respelled_silently() {
        let (s, notes) = respelled(
            json!({"type": ["string", "integer", "null"], "examples": ["a", "b"]}),
            true,
        );
        assert_eq!(s, json!({"nullable": true, "example": "a"}));
        assert!(notes.is_empty());
    }
}
