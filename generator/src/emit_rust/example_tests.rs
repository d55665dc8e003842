//! Tests of the Rust usage examples.

use super::*;

#[test]
fn example_files_print_as_prettyplease_prints_each_item() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/management.yaml");
    let doc = crate::load_file(std::path::Path::new(spec)).unwrap();
    let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
    let surface = Surface::new(&api);
    let snippets = snippets(&surface);
    let shown = api.operations.iter().filter(|op| op.docs_example).count();
    let made: Vec<&str> = (0..api.operations.len())
        .filter_map(|i| snippets.get(i))
        .collect();
    assert_eq!(made.len(), shown);
    for snippet in made {
        let text = example_file(snippet);
        let file = syn::parse_file(text.trim_start_matches(super::super::HEADER)).unwrap();
        let items: Vec<String> = file
            .items
            .into_iter()
            .map(|item| {
                let single = syn::File {
                    shebang: None,
                    attrs: Vec::new(),
                    items: vec![item],
                };
                prettyplease::unparse(&single)
            })
            .collect();
        assert!(text.ends_with(&items.join("\n")), "{text}");
        assert_eq!(items.last().map(String::as_str), Some(EXAMPLE_MAIN));
    }
}

/// Each union in an example is written as the variant its sample chose, which the example
/// carries by JSON pointer: here a later variant, and two variants in one array.
#[test]
fn unions_are_written_as_the_variant_the_sample_chose() {
    let spec = r#"
openapi: 3.0.3
info: {title: U, version: "1"}
paths:
  /v:
    post:
      operationId: putValues
      x-sdk-docs-example: true
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [one, many]
              properties:
                one:
                  oneOf: [{type: integer}, {type: string}]
                  example: text
                many:
                  type: array
                  items:
                    oneOf: [{type: integer}, {type: string}]
                  example: [7, seven]
      responses:
        "204": {description: done}
"#;
    let doc = crate::load_bytes("u.yaml", spec.as_bytes()).unwrap();
    let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
    let surface = Surface::new(&api);
    let example = surface.examples[0].as_ref().unwrap();
    let chosen: Vec<(&str, usize)> = example.variants[&Input::Body]
        .iter()
        .map(|(path, i)| (path.as_str(), *i))
        .collect();
    assert_eq!(chosen, [("/many/0", 0), ("/many/1", 1), ("/one", 1)]);
    let snippet = snippets(&surface).get(0).unwrap().to_owned();
    let call = snippet.split_whitespace().collect::<String>();
    assert!(
        call.contains(
            r#"vec![types::PutValuesBodyManyItem::Integer(7),types::PutValuesBodyManyItem::String("seven".to_owned())]"#
        ),
        "{snippet}"
    );
    assert!(
        call.contains(r#"types::PutValuesBodyOne::String("text".to_owned())"#),
        "{snippet}"
    );
    // The writer follows the choice it is given; it does not choose again.
    let mut forced = example.clone();
    let body = forced.variants.get_mut(&Input::Body).unwrap();
    body.insert("/one".into(), 0);
    let (tokens, _) = super::call(&surface, 0, &forced);
    let forced = tokens.to_string().split_whitespace().collect::<String>();
    assert!(forced.contains("PutValuesBodyOne::Integer(0)"), "{forced}");
}

/// A union that holds itself through a struct: the sample is cut short, and the example ends
/// at the union's shallowest variant, with no endless part shown.
#[test]
fn values_cut_short_end_at_the_shallowest_variant_and_show_endless_parts_empty() {
    let spec = r#"
openapi: 3.0.3
info: {title: U, version: "1"}
paths:
  /v:
    post:
      operationId: putNode
      x-sdk-docs-example: true
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses:
        "204": {description: done}
components:
  schemas:
    Either:
      oneOf: [{$ref: '#/components/schemas/Node'}, {$ref: '#/components/schemas/Leaf'}]
    Node:
      type: object
      required: [next]
      properties:
        next: {$ref: '#/components/schemas/Either'}
        loops: {type: array, items: {$ref: '#/components/schemas/Loop'}}
    Leaf:
      type: object
      required: [name]
      properties:
        name: {type: string}
    Loop:
      type: object
      required: [again]
      properties:
        again: {$ref: '#/components/schemas/Loop'}
"#;
    let doc = crate::load_bytes("u.yaml", spec.as_bytes()).unwrap();
    let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
    let surface = Surface::new(&api);
    let snippet = snippets(&surface).get(0).unwrap().to_owned();
    let call = snippet.split_whitespace().collect::<String>();
    assert!(call.contains("types::Leaf::new("), "{snippet}");
    assert!(!call.contains("Loop::new("), "{snippet}");
}
