//! `paths`: operations with parameters of every location and style, bodies of every media type
//! the generator reads, and several responses.

use super::schemas::{enumeration, scalar, Catalog};
use super::{names, Rng};
use serde_json::{json, Map, Value};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

pub fn emit(catalog: &Catalog, rng: &mut Rng, schemes: &[String]) -> Map<String, Value> {
    let mut paths = Map::new();
    let mut operation_ids = Vec::new();
    for p in 0..1 + rng.below(4) {
        let mut segments = vec![format!("r{p}")];
        let mut params = Vec::new();
        let mut taken = Vec::new();
        for _ in 0..rng.below(3) {
            let name = names::unique(names::key(rng), &mut taken);
            segments.push(format!("{{{name}}}"));
            params.push(path_param(rng, catalog, &name));
            if rng.chance(30) {
                segments.push(names::key(rng).to_ascii_lowercase());
            }
        }
        let mut item = Map::new();
        if !params.is_empty() && rng.chance(30) {
            item.insert(
                "parameters".into(),
                Value::Array(std::mem::take(&mut params)),
            );
        }
        let mut methods = METHODS.to_vec();
        for _ in 0..1 + rng.below(3) {
            let method = methods.remove(rng.below(methods.len()));
            let op = operation(catalog, rng, method, &params, &mut operation_ids, schemes);
            item.insert(method.into(), op);
        }
        paths.insert(format!("/{}", segments.join("/")), Value::Object(item));
    }
    paths
}

fn operation(
    catalog: &Catalog,
    rng: &mut Rng,
    method: &str,
    path_params: &[Value],
    ids: &mut Vec<String>,
    schemes: &[String],
) -> Value {
    let mut op = Map::new();
    if rng.chance(80) {
        op.insert(
            "operationId".into(),
            names::unique(names::any(rng), ids).into(),
        );
    }
    if rng.chance(40) {
        op.insert("tags".into(), json!([names::any(rng)]));
    }
    let mut params = path_params.to_vec();
    let mut taken: Vec<String> = Vec::new();
    for _ in 0..rng.below(5) {
        let name = names::unique(names::any(rng), &mut taken);
        params.push(match rng.below(6) {
            0..=2 => query_param(rng, catalog, &name),
            3 | 4 => json!({ "name": name, "in": "header", "required": rng.chance(30), "schema": scalar(rng) }),
            _ => json!({ "name": name, "in": "cookie", "style": "form", "schema": scalar(rng) }),
        });
    }
    if !params.is_empty() {
        op.insert("parameters".into(), Value::Array(params));
    }
    if method != "get" && method != "delete" && rng.chance(80) {
        op.insert("requestBody".into(), body(catalog, rng));
    }
    op.insert("responses".into(), responses(catalog, rng));
    if !schemes.is_empty() && rng.chance(50) {
        let scheme = rng.pick(schemes).clone();
        op.insert("security".into(), json!([{ scheme: [] }]));
    }
    Value::Object(op)
}

fn path_param(rng: &mut Rng, catalog: &Catalog, name: &str) -> Value {
    let (style, schema) = match rng.below(4) {
        0 => ("label", scalar_or_enum(rng, catalog)),
        1 => ("matrix", scalar_or_enum(rng, catalog)),
        2 => ("simple", json!({ "type": "array", "items": scalar(rng) })),
        _ => ("simple", scalar_or_enum(rng, catalog)),
    };
    json!({ "name": name, "in": "path", "required": true, "style": style, "explode": rng.chance(50), "schema": schema })
}

fn query_param(rng: &mut Rng, catalog: &Catalog, name: &str) -> Value {
    let array = json!({ "type": "array", "items": scalar(rng) });
    let (style, schema) = match rng.below(6) {
        0 => ("form", scalar_or_enum(rng, catalog)),
        1 => ("form", array),
        2 => ("spaceDelimited", array),
        3 => ("pipeDelimited", array),
        4 => (
            "deepObject",
            json!({ "type": "object", "properties": { names::any(rng): scalar(rng), names::any(rng): scalar(rng) } }),
        ),
        _ => (
            "form",
            json!({ "type": "object", "properties": { names::any(rng): scalar(rng) } }),
        ),
    };
    let explode = style == "deepObject" || rng.chance(60);
    json!({ "name": name, "in": "query", "required": rng.chance(30), "style": style, "explode": explode, "schema": schema })
}

/// A scalar, an inline enum, or a reference to a component enum or scalar.
fn scalar_or_enum(rng: &mut Rng, catalog: &Catalog) -> Value {
    let simple: Vec<usize> = (0..catalog.kinds.len())
        .filter(|&i| {
            use super::schemas::Kind;
            matches!(catalog.kinds[i], Kind::Enum | Kind::Scalar)
        })
        .collect();
    match rng.below(3) {
        0 if !simple.is_empty() => catalog.reference(*rng.pick(&simple)),
        1 => enumeration(rng),
        _ => scalar(rng),
    }
}

fn body(catalog: &Catalog, rng: &mut Rng) -> Value {
    let (media, schema) = match rng.below(8) {
        0 => (
            "application/x-www-form-urlencoded",
            json!({ "type": "object", "properties": { names::any(rng): scalar(rng), names::any(rng): { "type": "array", "items": scalar(rng) } } }),
        ),
        1 => (
            "multipart/form-data",
            json!({ "type": "object", "properties": { "file": { "type": "string", "format": "binary" }, names::any(rng): scalar(rng) } }),
        ),
        2 => (
            "application/octet-stream",
            json!({ "type": "string", "format": "binary" }),
        ),
        3 => ("text/plain", json!({ "type": "string" })),
        _ => ("application/json", catalog.ty(rng, 0)),
    };
    json!({ "required": rng.chance(60), "content": { media: { "schema": schema } } })
}

fn responses(catalog: &Catalog, rng: &mut Rng) -> Value {
    let mut out = Map::new();
    let success = ["200", "201", "202", "204"];
    for _ in 0..1 + rng.below(2) {
        let status = *rng.pick(&success);
        out.insert(status.into(), response(catalog, rng, status != "204"));
    }
    if rng.chance(50) {
        let status = *rng.pick(&["400", "404", "4XX", "5XX", "default"]);
        out.insert(status.into(), response(catalog, rng, true));
    }
    Value::Object(out)
}

fn response(catalog: &Catalog, rng: &mut Rng, content: bool) -> Value {
    let mut response = json!({ "description": names::any(rng) });
    if content && rng.chance(85) {
        let (media, schema) = match rng.below(8) {
            0 => ("text/plain", json!({ "type": "string" })),
            1 => (
                "application/octet-stream",
                json!({ "type": "string", "format": "binary" }),
            ),
            _ => ("application/json", catalog.ty(rng, 0)),
        };
        response["content"] = json!({ media: { "schema": schema } });
    }
    response
}
