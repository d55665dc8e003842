//! The synthetic spec's `paths`: five operations per resource (list, create, get, update,
//! delete), every second resource nested under another (two path parameters), with query and
//! header parameters, JSON bodies, and success and error responses of several codes.

use super::schemas::{Catalog, Kind};
use super::{names, reference, Options, Rng};
use serde_json::{json, Map, Value};

const VERBS: usize = 5;

/// How many tags the operations spread over.
pub fn tag_count(options: &Options) -> usize {
    options.ops.div_ceil(options.ops_per_tag.max(1)).max(1)
}

/// One resource: the object it serves and the operations it has.
struct Resource {
    name: String,
    plural: String,
    /// The collection's path, e.g. `/v1/accounts` or `/v1/devices/{deviceId}/accounts`.
    collection: String,
    /// The path parameters of the collection path.
    parents: Vec<String>,
    tag: String,
}

pub fn emit(catalog: &Catalog, options: &Options, rng: &mut Rng) -> Map<String, Value> {
    let objects = catalog.of(Kind::Object);
    let enums = catalog.of(Kind::Enum);
    let resources = options.ops.div_ceil(VERBS);
    let per_tag = options.ops_per_tag.max(1);
    let mut paths = Map::new();
    for r in 0..resources {
        let main = objects[r % objects.len()];
        let name = catalog.names[main].clone();
        // Resources past the objects reuse them: a suffix keeps paths and operation ids apart.
        let name = match r / objects.len() {
            0 => name,
            n => format!("{name}Copy{n}"),
        };
        let resource = resource(&name, r, objects.len().min(resources), catalog, per_tag);
        let verbs = (options.ops - r * VERBS).min(VERBS);
        for verb in 0..verbs {
            let (path, method, op) = operation(&resource, verb, catalog, &enums, main, rng);
            let item = paths.entry(path).or_insert_with(|| json!({}));
            item[method] = op;
        }
    }
    paths
}

fn resource(name: &str, r: usize, distinct: usize, catalog: &Catalog, per_tag: usize) -> Resource {
    let plural = names::plural(name);
    let (collection, parents) = if r % 2 == 1 && distinct > 1 {
        let parent = names::plural(&catalog.names[1 + (r * 7) % (catalog.names.len() - 1)]);
        let param = format!("{}Id", camel(&parent));
        (format!("/v1/{parent}/{{{param}}}/{plural}"), vec![param])
    } else {
        (format!("/v1/{plural}"), Vec::new())
    };
    Resource {
        name: name.to_owned(),
        plural,
        collection,
        parents,
        tag: names::tag(r * VERBS / per_tag),
    }
}

/// Per verb: its summary word, HTTP method, and whether it works on one item (`/{id}`).
const VERB_TABLE: [(&str, &str, bool); VERBS] = [
    ("List", "get", false),
    ("Create", "post", false),
    ("Get", "get", true),
    ("Update", "patch", true),
    ("Delete", "delete", true),
];

/// What one verb's operation takes and answers, apart from its path parameters.
struct Shape {
    params: Vec<Value>,
    request: Option<Value>,
    responses: Value,
}

fn shape(verb: usize, catalog: &Catalog, enums: &[usize], main: usize, rng: &mut Rng) -> Shape {
    let body = reference(&catalog.names[main]);
    let other = reference(&catalog.names[1 + rng.below(catalog.names.len() - 1)]);
    let (params, request, ok, bad_request) = match verb {
        0 => {
            let list = json!({
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": { "type": "array", "items": body },
                    "nextCursor": { "type": "string", "nullable": true },
                },
            });
            let ok = vec![("200", "The page of results.", Some(list))];
            (list_params(catalog, enums, rng), None, ok, false)
        }
        1 => {
            let mut ok = vec![("201", "Created.", Some(body.clone()))];
            if rng.chance(25) {
                ok.push(("202", "Accepted; created later.", Some(other)));
            }
            (vec![header_param()], Some(body), ok, true)
        }
        2 => (Vec::new(), None, vec![("200", "Found.", Some(body))], false),
        3 => {
            let ok = vec![("200", "Updated.", Some(body))];
            (vec![header_param()], Some(other), ok, true)
        }
        _ => (Vec::new(), None, vec![("204", "Deleted.", None)], false),
    };
    Shape {
        params,
        request,
        responses: with_errors(ok, bad_request),
    }
}

/// The path, method and operation object of one verb of a resource.
fn operation(
    res: &Resource,
    verb: usize,
    catalog: &Catalog,
    enums: &[usize],
    main: usize,
    rng: &mut Rng,
) -> (String, &'static str, Value) {
    let (word, method, on_item) = VERB_TABLE[verb];
    let Shape {
        params,
        request,
        responses,
    } = shape(verb, catalog, enums, main, rng);
    let (path, id) = match on_item {
        false if verb == 0 => (
            res.collection.clone(),
            format!("list{}", pascal(&res.plural)),
        ),
        false => (res.collection.clone(), format!("create{}", res.name)),
        true => (
            format!("{}/{{id}}", res.collection),
            format!("{}{}", word.to_ascii_lowercase(), res.name),
        ),
    };
    let mut parameters: Vec<Value> = res.parents.iter().map(|p| path_param(p)).collect();
    if on_item {
        parameters.push(path_param("id"));
    }
    parameters.extend(params);
    let mut op = json!({
        "operationId": id,
        "tags": [res.tag],
        "summary": format!("{word} a {}", res.name),
        "description": format!(
            "Works on `{}`. See the [guide](https://docs.synthetic.example.com/{}).",
            res.name, res.plural
        ),
        "parameters": parameters,
        "responses": responses,
    });
    if let Some(schema) = request {
        op["requestBody"] =
            json!({ "required": true, "content": { "application/json": { "schema": schema } } });
    }
    (path, method, op)
}

/// Success responses, then 400 (with a body check) or 404, and `default`, all with the error body.
fn with_errors(ok: Vec<(&str, &str, Option<Value>)>, bad_request: bool) -> Value {
    let mut responses = Map::new();
    for (code, text, schema) in ok {
        responses.insert(code.into(), response(text, schema));
    }
    let problem = Some(reference("Problem"));
    if bad_request {
        responses.insert(
            "400".into(),
            response("The body is invalid.", problem.clone()),
        );
    }
    responses.insert("404".into(), response("Not found.", problem.clone()));
    responses.insert("default".into(), response("Unexpected error.", problem));
    Value::Object(responses)
}

fn response(text: &str, schema: Option<Value>) -> Value {
    match schema {
        Some(schema) => {
            json!({ "description": text, "content": { "application/json": { "schema": schema } } })
        }
        None => json!({ "description": text }),
    }
}

fn list_params(catalog: &Catalog, enums: &[usize], rng: &mut Rng) -> Vec<Value> {
    let limit = json!({
        "type": "integer", "format": "int32", "minimum": 1, "maximum": 100, "default": 20,
    });
    let mut params = vec![
        json!({ "name": "limit", "in": "query", "description": "At most this many.", "schema": limit }),
        json!({ "name": "cursor", "in": "query", "schema": { "type": "string" } }),
        json!({
            "name": "include", "in": "query",
            "schema": { "type": "array", "items": { "type": "string" } },
        }),
        json!({
            "name": "sort", "in": "query",
            "schema": { "type": "string", "enum": ["asc", "desc"] },
        }),
    ];
    if let Some(&state) = enums.get(rng.below(enums.len().max(1))) {
        let schema = reference(&catalog.names[state]);
        params.push(json!({ "name": "state", "in": "query", "schema": schema }));
    }
    params
}

fn path_param(name: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } })
}

fn header_param() -> Value {
    json!({ "name": "Idempotency-Key", "in": "header", "schema": { "type": "string" } })
}

/// `account-summaries` → `AccountSummaries`.
fn pascal(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// `account-summaries` → `accountSummaries`.
fn camel(kebab: &str) -> String {
    let pascal = pascal(kebab);
    let mut chars = pascal.chars();
    let first = chars.next().map(|c| c.to_ascii_lowercase());
    first.into_iter().chain(chars).collect()
}
