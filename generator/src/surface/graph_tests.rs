//! Tests of the type graph.

use super::*;

#[test]
fn components_join_cycles_and_keep_the_rest_apart() {
    // 0 → 1 → 2 → 0 inline; 2 → 3 inline; 3 → 0 only behind a Vec; 4 → 4.
    let edges = vec![
        vec![(1, true)],
        vec![(2, true)],
        vec![(0, true), (3, true)],
        vec![(0, false)],
        vec![(4, true)],
    ];
    let c = components(&edges);
    assert!(c[0] == c[1] && c[1] == c[2]);
    assert_ne!(c[3], c[0]);
    assert_ne!(c[4], c[0]);
    assert_ne!(c[4], c[3]);
}

#[test]
fn newtypes_are_the_aliases_on_alias_cycles_and_endless_types_have_no_finite_value() {
    let spec = br#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Tree: {type: object, additionalProperties: {$ref: '#/components/schemas/Tree'}}
    Forest: {type: object, additionalProperties: {$ref: '#/components/schemas/Grove'}}
    Grove: {type: array, items: {$ref: '#/components/schemas/Forest'}}
    Head: {$ref: '#/components/schemas/Tail'}
    Tail: {type: array, items: {$ref: '#/components/schemas/Head'}}
    Items: {type: array, items: {$ref: '#/components/schemas/Node'}}
    Node: {type: object, properties: {children: {$ref: '#/components/schemas/Items'}}}
    Names: {type: array, items: {type: string}}
    Chain: {type: object, required: [next], properties: {next: {$ref: '#/components/schemas/Chain'}}}
    Either: {oneOf: [{$ref: '#/components/schemas/Chain'}]}
    Ends: {type: object, required: [next], properties: {next: {nullable: true, allOf: [{$ref: '#/components/schemas/Ends'}]}}}
"#;
    let doc = crate::load_bytes("aliases.yaml", spec).unwrap();
    let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
    let graph = Graph::new(&api);
    let newtypes: Vec<&str> = api
        .types
        .iter()
        .zip(&graph.newtype)
        .filter(|(_, &n)| n)
        .map(|(t, _)| t.name.rust.as_str())
        .collect();
    // `Items` is on a cycle through the struct `Node`, which a `type` may be.
    assert_eq!(newtypes, ["Tree", "Forest", "Grove", "Head", "Tail"]);
    let endless: Vec<&str> = (api.types.iter().zip(&graph.endless))
        .filter(|(_, &e)| e)
        .map(|(t, _)| t.name.rust.as_str())
        .collect();
    // A tree may end in an empty map, a list in `[]`; a chain of `Ends` could end in `null`,
    // but the constructor of a type that requests send takes the next link itself.
    assert_eq!(endless, ["Chain", "Either", "Ends"]);
}

#[test]
fn a_type_is_one_deeper_than_its_shallowest_variant_and_its_deepest_required_field() {
    let spec = br#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Leaf: {type: object, properties: {up: {$ref: '#/components/schemas/Pick'}}}
    Pair: {type: object, required: [a, b], properties: {a: {type: string}, b: {$ref: '#/components/schemas/Leaf'}}}
    Pick: {oneOf: [{$ref: '#/components/schemas/Loop'}, {$ref: '#/components/schemas/Pair'}]}
    Loop: {type: object, required: [pick], properties: {pick: {$ref: '#/components/schemas/Pick'}}}
    Chain: {type: object, required: [next], properties: {next: {$ref: '#/components/schemas/Chain'}}}
"#;
    let doc = crate::load_bytes("heights.yaml", spec).unwrap();
    let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
    let graph = Graph::new(&api);
    let heights: Vec<(&str, Option<usize>)> = (api.types.iter().zip(&graph.height))
        .map(|(t, &h)| (t.name.rust.as_str(), h))
        .collect();
    // `Pick` is as shallow as `Pair`, not as `Loop`, which holds a `Pick`.
    let expected = [
        ("Leaf", Some(1)),
        ("Pair", Some(2)),
        ("Pick", Some(3)),
        ("Loop", Some(4)),
        ("Chain", None),
    ];
    assert_eq!(heights, expected);
}

fn usage_of(api: &Api, graph: &Graph, rust: &str) -> Usage {
    let i = api.types.iter().position(|t| t.name.rust == rust);
    graph.usage[i.unwrap_or_else(|| panic!("no type {rust}"))]
}

#[test]
fn types_are_marked_by_the_way_they_travel() {
    let spec = br#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: makeThing
      parameters:
        - {name: mode, in: query, schema: {$ref: '#/components/schemas/Mode'}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewThing'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '400':
          description: bad
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
components:
  schemas:
    Mode: {type: string, enum: [fast, slow]}
    Label: {type: object, properties: {text: {type: string}}}
    NewThing:
      type: object
      properties:
        labels: {type: array, items: {$ref: '#/components/schemas/Label'}}
    Thing:
      type: object
      properties:
        label: {$ref: '#/components/schemas/Label'}
        parts:
          type: object
          additionalProperties: {$ref: '#/components/schemas/Part'}
    Part:
      oneOf:
        - {$ref: '#/components/schemas/Bolt'}
        - {type: string}
    Bolt: {type: object, properties: {size: {type: integer}}}
    Problem: {type: object, properties: {detail: {type: string}}}
    Unused: {type: object, properties: {thing: {$ref: '#/components/schemas/Bolt'}}}
"#;
    let doc = crate::load_bytes("usage.yaml", spec).unwrap();
    let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
    let graph = Graph::new(&api);
    let (sent, received, both) = (
        Usage {
            sent: true,
            received: false,
        },
        Usage {
            sent: false,
            received: true,
        },
        Usage {
            sent: true,
            received: true,
        },
    );
    assert_eq!(usage_of(&api, &graph, "Mode"), sent);
    assert_eq!(usage_of(&api, &graph, "NewThing"), sent);
    assert_eq!(usage_of(&api, &graph, "Label"), both);
    assert_eq!(usage_of(&api, &graph, "Thing"), received);
    assert_eq!(usage_of(&api, &graph, "Problem"), received);
    // What no operation uses may travel either way, and so may what it holds.
    assert_eq!(usage_of(&api, &graph, "Unused"), both);
    assert_eq!(usage_of(&api, &graph, "Bolt"), both);
    assert_eq!(usage_of(&api, &graph, "Part"), received);
}
