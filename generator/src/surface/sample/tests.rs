//! The sample engine on one spec: every example value meets the constraints its schema sets
//! where it sits, in place or on a referenced type.

use super::*;
use crate::surface::Surface;
use serde_json::json;

const SPEC: &str = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /releases/{version}:
    get:
      operationId: getRelease
      x-sdk-docs-example: true
      parameters:
        - { name: version, in: path, required: true, schema: { $ref: '#/components/schemas/Version' } }
        - { name: limit, in: query, required: true, example: 0, schema: { type: integer, minimum: 1, maximum: 100 } }
        - { name: since, in: query, required: true, example: yesterday, schema: { type: string, format: date-time } }
        - { name: owner, in: query, required: true, example: "", schema: { type: string } }
        - { name: code, in: query, schema: { type: string, pattern: '^a$', minLength: 2 } }
        - { name: step, in: query, schema: { type: number, multipleOf: 0.5, exclusiveMinimum: true, minimum: 0 } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Release' } } } }
  /releases:
    post:
      operationId: createRelease
      x-sdk-docs-example: true
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/Release' } } }
      responses:
        '204': { description: done }
  /flags:
    get:
      operationId: getFlags
      x-sdk-docs-example: true
      parameters:
        - { name: mode, in: query, required: true, schema: { type: string, enum: ["", "on"] } }
        - { name: old, in: query, deprecated: true, example: 3, schema: { type: integer } }
        - { name: new, in: query, schema: { type: integer } }
      responses:
        '204': { description: done }
  /notes:
    post:
      operationId: addNote
      x-sdk-docs-example: true
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } }
      responses:
        '204': { description: done }
components:
  schemas:
    Version:
      type: string
      pattern: '^\d+\.\d+\.\d+$'
    Release:
      type: object
      required: [owners, contact, tags, site]
      properties:
        never: { type: string, pattern: '^x$', maxLength: 0 }
        owners: { type: array, minItems: 2, maxItems: 3, items: { type: string, format: uuid } }
        contact: { type: string, format: email, example: nobody }
        tags: { type: array, maxItems: 1, items: { type: string, maxLength: 3 }, example: [alpha, beta] }
        site: { type: string, format: uri }
        size: { type: integer, format: int32, minimum: 10, example: 3 }
    Note:
      oneOf:
        - $ref: '#/components/schemas/Plain'
        - $ref: '#/components/schemas/Signed'
    Plain:
      type: object
      required: [text]
      properties: { text: { type: string } }
    Signed:
      type: object
      required: [text, signature]
      properties: { text: { type: string }, signature: { type: string } }
"#;

fn example(method: &str) -> crate::surface::Example {
    let doc = crate::load_bytes("t.yaml", SPEC.as_bytes()).unwrap();
    let api = crate::lower::lower(&doc, &crate::Options::default())
        .unwrap()
        .0;
    let surface = Surface::new(&api);
    let i = surface.ops.iter().position(|o| o.method == method).unwrap();
    surface.examples[i].clone().unwrap()
}

#[test]
fn parameters_meet_their_constraints_in_place_and_on_their_types() {
    let get = example("get_release");
    assert_eq!(
        get.args,
        [
            json!("0.1.2"),
            json!(1),
            json!("2024-01-01T00:00:00Z"),
            json!("string")
        ]
    );
    // `code` can match nothing, so the optional input shown is `step`.
    assert_eq!(get.setters, [(1, json!(0.5))]);
    assert!(get.valid);
}

#[test]
fn bodies_meet_their_constraints_and_skip_optional_fields_nothing_meets() {
    let create = example("create_release");
    let uuid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    assert_eq!(
        create.args,
        [json!({
            "owners": [uuid, uuid],
            "contact": "user@example.com",
            "tags": ["str"],
            "site": "https://example.com",
            "size": 10,
        })]
    );
    assert!(create.valid);
}

#[test]
fn a_one_of_value_is_of_exactly_one_variant() {
    // A `Plain` value is a `Signed` one too only once it has a signature: `Plain` is shown.
    let add = example("add_note");
    assert_eq!(add.args, [json!({"text": "string"})]);
    assert!(add.valid);
}

#[test]
fn unique_items_and_unmeetable_constraints_are_reported() {
    let api = crate::model::fixtures::empty_api();
    let two = Constraints {
        min_items: Some(2),
        unique_items: true,
        ..Constraints::default()
    };
    let flags = Ty::Array(Box::new(Ty::Boolean));
    let (value, met) = sample_in(&api, &flags, &two, None, Direction::Request);
    assert_eq!((value, met), (json!([false, false]), false));
    let never = Constraints {
        pattern: Some("^x$".into()),
        max_length: Some(0),
        ..Constraints::default()
    };
    let text = Ty::String(StringFormat::Plain);
    assert!(!sample_in(&api, &text, &never, None, Direction::Request).1);
    let given = json!("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    let uuid = Ty::String(StringFormat::Uuid);
    let none = Constraints::none();
    assert_eq!(
        sample_in(&api, &uuid, none, Some(&json!("id")), Direction::Response),
        (given, true)
    );
}

#[test]
fn huge_or_endless_demands_are_cut_short_and_reported() {
    let mut api = crate::model::fixtures::empty_api();
    let mut children = crate::model::fixtures::field("children", Ty::Any, true);
    children.ty = Ty::Array(Box::new(Ty::Named(TypeId(0))));
    children.constraints.min_items = Some(64);
    api.types
        .push(crate::model::fixtures::struct_def("Tree", vec![children]));
    let tree = Ty::Named(TypeId(0));
    let (_, met) = sample_in(&api, &tree, Constraints::none(), None, Direction::Request);
    assert!(!met);
    let long = Constraints {
        min_length: Some(u64::MAX),
        ..Constraints::default()
    };
    let text = Ty::String(StringFormat::Plain);
    assert!(!sample_in(&api, &text, &long, None, Direction::Request).1);
    let many = Constraints {
        min_items: Some(u64::MAX),
        ..Constraints::default()
    };
    let list = Ty::Array(Box::new(Ty::Boolean));
    assert!(!sample_in(&api, &list, &many, None, Direction::Request).1);
}

#[test]
fn enums_avoid_the_empty_value_and_deprecated_inputs_come_last() {
    let get = example("get_flags");
    assert_eq!(get.args, [json!("on")]);
    assert_eq!(get.setters, [(1, json!(0))]);
}
