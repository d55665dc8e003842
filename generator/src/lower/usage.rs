//! Which types each operation sends and receives, following fields, items, unions and aliases.

use crate::model::{Api, Operation, Ty, TypeId, TypeKind, Usage};

/// Sets every type's [`Usage`] from the operations' bodies, parameters and responses. A type no
/// operation uses counts as both sent and received (a caller may use it either way), and so does
/// every type it holds.
pub fn mark(api: &mut Api) {
    let sent = reachable(
        api,
        roots(api, |op| {
            let body = op.body.iter().map(|b| &b.ty);
            body.chain(op.params.iter().map(|p| &p.ty)).collect()
        }),
    );
    let received = reachable(
        api,
        roots(api, |op| {
            let bodies = op.responses.iter().filter_map(|r| r.body.as_ref());
            bodies.map(|b| &b.ty).collect()
        }),
    );
    let unused: Vec<Ty> = (0..api.types.len())
        .filter(|&i| !sent[i] && !received[i])
        .map(|i| Ty::Named(TypeId(i)))
        .collect();
    let free = reachable(api, unused.iter().collect());
    for (i, def) in api.types.iter_mut().enumerate() {
        def.usage = Usage {
            sent: sent[i] || free[i],
            received: received[i] || free[i],
        };
    }
}

fn roots<'a>(api: &'a Api, of: impl Fn(&'a Operation) -> Vec<&'a Ty>) -> Vec<&'a Ty> {
    api.operations.iter().flat_map(of).collect()
}

/// Which types (by index) `roots` reach.
fn reachable<'a>(api: &'a Api, mut stack: Vec<&'a Ty>) -> Vec<bool> {
    let mut marked = vec![false; api.types.len()];
    while let Some(ty) = stack.pop() {
        match ty {
            Ty::Named(id) if !marked[id.0] => {
                marked[id.0] = true;
                match &api.type_def(*id).kind {
                    TypeKind::Struct(s) => {
                        stack.extend(s.fields.iter().map(|f| &f.ty));
                        stack.extend(s.additional.iter());
                    }
                    TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(ty) => stack.push(ty),
                    TypeKind::Enum(_) => {}
                }
            }
            Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => stack.push(inner),
            _ => {}
        }
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    fn usage_of(api: &Api, rust: &str) -> Usage {
        let def = api.types.iter().find(|t| t.name.rust == rust);
        def.unwrap_or_else(|| panic!("no type {rust}")).usage
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
        let doc = crate::load::load_bytes("usage.yaml", spec).unwrap();
        let (api, _) = crate::lower::lower(&doc, &Options::default()).unwrap();
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
        assert_eq!(usage_of(&api, "Mode"), sent);
        assert_eq!(usage_of(&api, "NewThing"), sent);
        assert_eq!(usage_of(&api, "Label"), both);
        assert_eq!(usage_of(&api, "Thing"), received);
        assert_eq!(usage_of(&api, "Problem"), received);
        // What no operation uses may travel either way, and so may what it holds.
        assert_eq!(usage_of(&api, "Unused"), both);
        assert_eq!(usage_of(&api, "Bolt"), both);
        assert_eq!(usage_of(&api, "Part"), received);
    }
}
