//! The checked JSON typed as openapiv3, all at once but for the path items, which are kept as
//! compact JSON until lowering reaches each one. Typed, a path item takes about fifteen times its
//! compact text (an openapiv3 `Operation` is 1 KB before any of its content, a `Parameter`
//! 1.3 KB, every inline schema 1 KB), and the paths are most of a large spec: holding them all
//! typed beside the model was the largest cost of lowering. Components stay typed: lowering looks
//! them up by name throughout.
//!
//! Each path item is typed once here, so that a document that does not type fails in
//! [`super::finish`] with the error typing it whole gave, and again, alone, when lowering takes it.

use openapiv3::OpenAPI;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Why a document does not type: where, and serde's message.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Untyped {
    pub pointer: String,
    pub message: String,
}

/// `doc` typed, its path items apart.
pub(super) fn type_document(mut doc: Value) -> Result<(OpenAPI, PathItems), Untyped> {
    let Some((paths, before)) = take_paths(&mut doc) else {
        return typed(doc)
            .map(|openapi| (openapi, PathItems::default()))
            .map_err(|e| e.0);
    };
    let items = keep(paths);
    match (typed(doc), items) {
        (Ok(openapi), Ok(items)) => Ok((openapi, items)),
        (Err((error, Some(key))), _) if before.contains(&key) => Err(error),
        (_, Err(message)) => Err(Untyped {
            pointer: "#/paths".into(),
            message,
        }),
        (Err((error, _)), Ok(_)) => Err(error),
    }
}

/// The `paths` mapping taken out of `doc`, an empty one left in its place (which types as no
/// paths), and the keys written before it: typing the whole document meets their errors first
/// (fields are typed in the order written; a missing field is found at the end). `None` when
/// there is no such mapping.
fn take_paths(doc: &mut Value) -> Option<(Map<String, Value>, Vec<String>)> {
    let obj = doc.as_object_mut()?;
    let before = obj.keys().take_while(|k| *k != "paths").cloned().collect();
    let Some(Value::Object(paths)) = obj.get_mut("paths") else {
        return None;
    };
    Some((std::mem::take(paths), before))
}

/// `doc` typed, or the error with the document key it is under.
fn typed(doc: Value) -> Result<OpenAPI, (Untyped, Option<String>)> {
    serde_path_to_error::deserialize::<_, OpenAPI>(doc).map_err(|e| {
        let key = match e.path().iter().next() {
            Some(serde_path_to_error::Segment::Map { key }) => Some(key.clone()),
            _ => None,
        };
        let error = Untyped {
            pointer: pointer_of_path(e.path()),
            message: e.inner().to_string(),
        };
        (error, key)
    })
}

fn pointer_of_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = crate::pointer::child(&pointer, &index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer = crate::pointer::child(&pointer, key)
            }
            Segment::Unknown => {}
        }
    }
    pointer
}

/// The path items of a document, in order: each path and its item as compact JSON.
#[derive(Debug, Clone, Default)]
pub(crate) struct PathItems(Vec<(String, Box<str>)>);

/// Type-check each path item and keep it as compact JSON; else the message of the first that
/// does not type, as typing the whole document gives it (at `#/paths`: openapiv3 reads the paths
/// through a buffer, where the error's path is lost).
fn keep(paths: Map<String, Value>) -> Result<PathItems, String> {
    let mut kept = Vec::new();
    for (path, item) in paths {
        // Paths reads only the keys that start with `/` as path items; the rest are extensions
        // or ignored, and cannot fail to type.
        if !path.starts_with('/') {
            continue;
        }
        let alone = Value::Object(Map::from_iter([(path, item)]));
        openapiv3::Paths::deserialize(&alone).map_err(|e| e.to_string())?;
        let Some((path, item)) = alone.as_object().and_then(|m| m.iter().next()) else {
            continue;
        };
        kept.push((path.clone(), item.to_string().into_boxed_str()));
    }
    kept.shrink_to_fit();
    Ok(PathItems(kept))
}

impl PathItems {
    /// Each path with its item, typed now (the item was typed once already, so this does not fail
    /// but for a bug, reported as an error).
    pub fn iter(&self) -> impl Iterator<Item = (&str, super::TypedPathItem)> {
        self.0.iter().map(|(path, text)| {
            let item = serde_json::from_str(text).map_err(|e| e.to_string());
            (path.as_str(), item)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openapiv3::{PathItem, ReferenceOr};
    use serde_json::json;

    /// What typing `doc` whole and typing it here report.
    fn both(doc: Value) -> (Result<(), Untyped>, Result<(), Untyped>) {
        let whole = serde_path_to_error::deserialize::<_, OpenAPI>(doc.clone())
            .map(drop)
            .map_err(|e| Untyped {
                pointer: pointer_of_path(e.path()),
                message: e.inner().to_string(),
            });
        (whole, type_document(doc).map(drop))
    }

    #[test]
    fn path_items_type_one_at_a_time_as_they_type_together() {
        let doc = json!({"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
            "paths": {"x-note": 1, "/a": {"get": {"responses": {"200": {"description": "ok"}},
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}]}},
                "/b": {"$ref": "#/paths/~1a"}}});
        let mut value = doc.clone();
        let (paths, before) = take_paths(&mut value).unwrap();
        assert_eq!(
            (value["paths"].clone(), before),
            (json!({}), vec!["openapi".to_owned(), "info".to_owned()])
        );
        let items = keep(paths).unwrap();
        let typed: OpenAPI = serde_json::from_value(doc).unwrap();
        let again: Vec<(&str, ReferenceOr<PathItem>)> = items
            .iter()
            .map(|(path, item)| (path, item.unwrap()))
            .collect();
        let expected: Vec<(&str, ReferenceOr<PathItem>)> = typed
            .paths
            .iter()
            .map(|(path, item)| (path.as_str(), item.clone()))
            .collect();
        assert_eq!(again, expected);
    }

    #[test]
    fn the_first_error_in_the_order_written_is_the_one_typing_the_whole_document_gives() {
        let bad_path = json!({"/a": {"get": {"responses": {}, "parameters": [{"name": "q", "in": "query", "style": 5}]}}});
        let cases = [
            json!({"openapi": "3.0.3", "info": {"title": "T", "version": 1}, "paths": bad_path}),
            json!({"openapi": "3.0.3", "paths": bad_path, "info": {"title": "T", "version": 1}}),
            json!({"openapi": "3.0.3", "paths": bad_path}),
            json!({"openapi": "3.0.3", "paths": {"/a": {}}}),
            json!({"openapi": "3.0.3", "paths": [], "info": {"title": "T", "version": "1"}}),
            json!({"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": bad_path,
                "components": {"schemas": {"A": {"type": "string", "maxLength": "x"}}}}),
        ];
        for doc in cases {
            let (whole, split) = both(doc.clone());
            assert!(whole.is_err(), "{doc}");
            assert_eq!(whole, split, "{doc}");
        }
    }
}
