//! A spec whose schemas all reach each other: every operation's page could show every type.
//! Shared by the tests that check the docs of such a spec stay linear in its size.

use serde_json::{json, Map, Value};

/// `schemas` schemas, each referring to three others (directly, in an array, through a one-element
/// `allOf`) and holding a map of a fourth, and `operations` operations over them.
pub fn spec(schemas: usize, operations: usize) -> String {
    let mut components = Map::new();
    for j in 0..schemas {
        components.insert(format!("Node{j}"), schema(j, schemas));
    }
    let mut paths = Map::new();
    for i in 0..operations {
        paths.insert(format!("/nodes/{{id}}/op{i}"), path_item(i, schemas));
    }
    let spec = json!({
        "openapi": "3.0.3",
        "info": {"title": "Dense Graph API", "version": "1.0.0"},
        "tags": (0..4).map(|t| json!({"name": format!("group {t}")})).collect::<Vec<_>>(),
        "paths": paths,
        "components": {"schemas": components},
    });
    serde_json::to_string(&spec).expect("the spec is JSON")
}

fn node_ref(j: usize) -> Value {
    json!({"$ref": format!("#/components/schemas/Node{j}")})
}

fn schema(j: usize, n: usize) -> Value {
    json!({
        "type": "object",
        "description": format!("Node number {j} of the graph, linked to its neighbours."),
        "required": ["id", "kind"],
        "properties": {
            "id": {"type": "string", "description": "Identifier of the node.", "example": format!("node-{j}")},
            "name": {"type": "string", "description": "A display name, unique in its group."},
            "count": {"type": "integer", "format": "int64", "example": j},
            "active": {"type": "boolean", "default": true},
            "kind": {"type": "string", "enum": ["leaf", "branch", "root"]},
            "child": node_ref((7 * j + 1) % n),
            "items": {"type": "array", "description": "Neighbours in order.", "items": node_ref((13 * j + 5) % n)},
            "other": {"allOf": [node_ref((31 * j + 11) % n)], "description": "The far neighbour."},
            "index": {"type": "object", "additionalProperties": node_ref((17 * j + 2) % n)},
        },
    })
}

fn path_item(i: usize, n: usize) -> Value {
    let get = json!({
        "operationId": format!("getNode{i}"),
        "tags": [format!("group {}", i % 4)],
        "summary": format!("Read node view {i}"),
        "parameters": [
            {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}},
        ],
        "responses": {"200": {"description": "The node.", "content": {"application/json": {"schema": node_ref(i % n)}}}},
    });
    let mut item = json!({"get": get});
    if i % 3 == 0 {
        item["post"] = json!({
            "operationId": format!("putNode{i}"),
            "tags": [format!("group {}", i % 4)],
            "summary": format!("Write node view {i}"),
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": node_ref((5 * i + 3) % n)}}},
            "responses": {"200": {"description": "The node.", "content": {"application/json": {"schema": node_ref((i + 1) % n)}}}},
        });
    }
    item
}
