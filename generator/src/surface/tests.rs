//! The surface's facts on one small spec: results, errors, presence, boxing, traits, examples.

use super::*;
use crate::model::StatusCode;
use serde_json::json;

const SPEC: &str = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /nodes/{id}:
    get:
      operationId: getNode
      parameters:
        - { name: id, in: path, required: true, schema: { type: string, format: uuid } }
        - { name: depth, in: query, schema: { type: integer, default: 2 } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Node' } } } }
        '404': { description: gone, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
        default: { description: other, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
    patch:
      operationId: patchNode
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/NodePatch' } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Node' } } } }
        '202': { description: queued }
    delete:
      operationId: deleteNode
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '204': { description: gone }
  /jobs:
    get:
      operationId: listJobs
      responses:
        default: { description: jobs, content: { application/json: { schema: { type: array, items: { type: string } } } } }
components:
  schemas:
    Node:
      type: object
      required: [name, next]
      properties:
        name: { type: string, example: root }
        note: { type: string, nullable: true }
        next: { allOf: [{ $ref: '#/components/schemas/Node' }], nullable: true }
        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
    NodePatch:
      type: object
      properties:
        note: { type: string, nullable: true }
        name: { type: string, minLength: 1 }
    Problem:
      type: object
      required: [detail]
      properties:
        detail: { type: string }
"#;

fn api() -> crate::model::Api {
    let doc = crate::load_bytes("t.yaml", SPEC.as_bytes()).unwrap();
    crate::lower::lower(&doc, &crate::Options::default())
        .unwrap()
        .0
}

fn op<'s>(surface: &'s Surface, method: &str) -> &'s OpShape {
    surface.ops.iter().find(|o| o.method == method).unwrap()
}

fn fields<'s>(surface: &'s Surface, name: &str) -> &'s [FieldShape] {
    let shape = surface.types.iter().find(|t| t.name == name).unwrap();
    match &shape.kind {
        ShapeKind::Struct(s) => &s.fields,
        _ => panic!("{name} is not a struct"),
    }
}

#[test]
fn results_are_one_body_an_enum_per_status_or_unit() {
    let api = api();
    let s = Surface::new(&api);
    assert_eq!(op(&s, "get_node").returns.ty().to_string(), "Node");
    assert_eq!(op(&s, "delete_node").returns.ty(), RustType::Unit);
    let Returns::Enum(e) = &op(&s, "patch_node").returns else {
        panic!("200 with a body and 202 without give an enum");
    };
    assert_eq!(e.name, "PatchNodeResponse");
    let idents: Vec<&str> = e.variants.iter().map(|v| v.ident.as_str()).collect();
    assert_eq!(idents, ["Ok", "Accepted"]);
    assert!(e.other);
    // Without a 2XX, a `default` with a body is the result, and still describes the errors.
    let jobs = op(&s, "list_jobs");
    assert_eq!(jobs.returns.ty().to_string(), "Vec<String>");
    assert_eq!(jobs.errors.len(), 1);
}

#[test]
fn errors_are_the_non_2xx_responses_with_their_body_types() {
    let api = api();
    let s = Surface::new(&api);
    let get = op(&s, "get_node");
    let errors: Vec<(StatusCode, String)> = get
        .errors
        .iter()
        .map(|e| (e.status, e.ty.as_ref().unwrap().to_string()))
        .collect();
    assert_eq!(
        errors,
        [
            (StatusCode::Code(404), "Problem".to_owned()),
            (StatusCode::Default, "Problem".to_owned())
        ]
    );
    assert_eq!(get.primary_body(), Some(0));
}

#[test]
fn presence_boxing_and_tri_state_follow_the_type_and_its_direction() {
    let api = api();
    let s = Surface::new(&api);
    let node: Vec<(&str, Presence, String)> = fields(&s, "Node")
        .iter()
        .map(|f| (f.ident.as_str(), f.presence, f.ty.to_string()))
        .collect();
    assert_eq!(
        node,
        [
            ("name", Presence::Required, "String".to_owned()),
            ("note", Presence::Optional, "Option<String>".to_owned()),
            ("next", Presence::Nullable, "Option<Box<Node>>".to_owned()),
            (
                "children",
                Presence::Optional,
                "Option<Vec<Node>>".to_owned()
            ),
        ]
    );
    // The patch body is sent, so an optional nullable field tells "left out" from `null`.
    let patch = fields(&s, "NodePatch");
    assert_eq!(patch[0].presence, Presence::TriState);
    assert_eq!(patch[0].ty.to_string(), "Option<Option<String>>");
    assert!(s.has_tri_state());
}

#[test]
fn serde_traits_follow_the_way_each_type_travels() {
    let api = api();
    let s = Surface::new(&api);
    let traits = |name: &str| s.types.iter().find(|t| t.name == name).unwrap().traits;
    assert_eq!(traits("NodePatch").serialize, Derive::Always);
    assert_eq!(traits("NodePatch").deserialize, Derive::FullSerde);
    assert_eq!(traits("Problem").serialize, Derive::FullSerde);
    // What callers make gets `Default` where nothing is required; what only responses hold
    // gets none, so that a new required field breaks no one.
    assert!(traits("NodePatch").default);
    assert!(!traits("Node").default);
    assert!(!traits("Problem").default);
}

#[test]
fn arguments_and_examples_come_from_the_parameters() {
    let api = api();
    let s = Surface::new(&api);
    let get = op(&s, "get_node");
    let args: Vec<String> = get
        .args
        .iter()
        .map(|a| format!("{}: {}", a.ident, a.ty))
        .collect();
    assert_eq!(args, ["id: &str"]);
    let setters: Vec<String> = get
        .setters
        .iter()
        .map(|s| format!("{}({})", s.name, s.ty))
        .collect();
    assert_eq!(setters, ["depth(i64)"]);
    assert_eq!(op(&s, "patch_node").args[1].ty.to_string(), "&NodePatch");
    let i = s.ops.iter().position(|o| o.method == "get_node").unwrap();
    let mut api = api.clone();
    api.operations[i].docs_example = true;
    let s = Surface::new(&api);
    let example = s.examples[i].as_ref().unwrap();
    // A uuid path parameter gets a uuid; the one optional input set is the one with a default.
    assert_eq!(
        example.args,
        [json!("3fa85f64-5717-4562-b3fc-2c963f66afa6")]
    );
    assert_eq!(example.setters, [(0, json!(2))]);
}

#[test]
fn the_program_calls_the_first_current_read_and_its_file_avoids_method_names() {
    let spec = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /a:
    post:
      operationId: quickstart
      responses: { '204': { description: done } }
  /b:
    get:
      operationId: readOld
      deprecated: true
      responses: { '204': { description: done } }
  /c:
    get:
      operationId: readNew
      responses: { '204': { description: done } }
"#;
    let doc = crate::load_bytes("t.yaml", spec.as_bytes()).unwrap();
    let api = crate::lower::lower(&doc, &crate::Options::default())
        .unwrap()
        .0;
    let surface = Surface::new(&api);
    let chosen = surface.quickstart.as_ref().unwrap();
    assert_eq!(surface.ops[chosen.operation].method, "read_new");
    assert_eq!(chosen.example, "quickstart_");
}

#[test]
fn accept_lists_the_media_types_read_successes_first_and_an_accept_parameter_is_ignored() {
    let spec = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /report:
    get:
      operationId: getReport
      responses:
        '404': { description: no, content: { application/problem+json: { schema: { type: object } } } }
        '200': { description: ok, content: { text/csv: { schema: { type: string } } } }
        '500': { description: no, content: { application/problem+json: { schema: { type: object } } } }
  /negotiated:
    get:
      operationId: negotiated
      parameters:
        - { name: Accept, in: header, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
  /nothing:
    delete:
      operationId: nothing
      responses: { '204': { description: done } }
"#;
    let doc = crate::load_bytes("t.yaml", spec.as_bytes()).unwrap();
    let api = crate::lower::lower(&doc, &crate::Options::default())
        .unwrap()
        .0;
    let surface = Surface::new(&api);
    let accept = |m: &str| op(&surface, m).accept.clone();
    assert_eq!(
        accept("get_report").as_deref(),
        Some("text/csv, application/problem+json")
    );
    // OpenAPI says a header parameter named `Accept` is ignored: the client sets the header.
    assert_eq!(accept("negotiated").as_deref(), Some("application/json"));
    assert!(op(&surface, "negotiated").setters.is_empty());
    assert_eq!(accept("nothing"), None);
}

#[test]
fn an_authorization_parameter_is_dropped_only_where_a_security_scheme_sets_the_header() {
    let spec = |schemes: &str| {
        format!(
            r#"
openapi: 3.0.3
info: {{ title: T, version: "1" }}
paths:
  /ping:
    get:
      operationId: ping
      parameters:
        - {{ name: Authorization, in: header, required: true, schema: {{ type: string }} }}
      responses: {{ '204': {{ description: done }} }}
{schemes}
"#
        )
    };
    let args = |text: String| {
        let doc = crate::load_bytes("t.yaml", text.as_bytes()).unwrap();
        let api = crate::lower::lower(&doc, &crate::Options::default())
            .unwrap()
            .0;
        let surface = Surface::new(&api);
        let idents: Vec<String> = op(&surface, "ping")
            .args
            .iter()
            .map(|a| a.ident.clone())
            .collect();
        idents
    };
    assert_eq!(args(spec("")), ["authorization"]);
    let bearer = "components: { securitySchemes: { b: { type: http, scheme: bearer } } }";
    assert!(args(spec(bearer)).is_empty());
}

#[test]
fn mock_types_own_each_input_and_reply_with_each_results_status() {
    let api = api();
    let s = Surface::new(&api);
    let mock = |method: &str| &s.mocks[s.ops.iter().position(|o| o.method == method).unwrap()];
    let described = |m: &MockShape| -> Vec<String> {
        let show = |f: &MockField| format!("{}: {} {:?} {}", f.ident, f.ty, f.take, f.optional);
        m.fields.iter().map(show).collect()
    };
    assert_eq!(
        described(mock("get_node")),
        ["id: String ToOwned false", "depth: Option<i64> Copy true"]
    );
    assert_eq!(
        described(mock("patch_node")),
        ["id: String ToOwned false", "body: NodePatch Deref false"]
    );
    let json = |status| MockReply::Body {
        status,
        read: Read::Json,
        media: "application/json".into(),
    };
    assert_eq!(mock("get_node").reply, json(200));
    // Only a `default` response: a reply still has to be a success.
    assert_eq!(mock("list_jobs").reply, json(200));
    assert_eq!(mock("delete_node").reply, MockReply::Empty(204));
    let MockReply::Enum {
        variants, other, ..
    } = &mock("patch_node").reply
    else {
        panic!("an enum result replies per variant");
    };
    let statuses: Vec<(u16, bool)> = variants
        .iter()
        .map(|v| (v.status, v.body.is_some()))
        .collect();
    assert_eq!(statuses, [(200, true), (202, false)]);
    assert!(*other);
}
