//! Resolving `$ref`s to components, with precise errors for dangling and misdirected ones.

use super::Lowerer;
use indexmap::IndexMap;
use openapiv3::ReferenceOr;

/// A kind of component a `$ref` may point to.
#[derive(Clone, Copy)]
pub enum Section {
    Schemas,
    Parameters,
    RequestBodies,
    Responses,
}

impl Section {
    pub fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Parameters => "parameters",
            Section::RequestBodies => "requestBodies",
            Section::Responses => "responses",
        }
    }

    pub fn prefix(self) -> String {
        format!("#/components/{}/", self.key())
    }
}

const MAX_CHAIN: usize = 32;

impl<'d> Lowerer<'d> {
    /// Follow `item` through `$ref`s into `section`. Reports and returns `None` when a reference
    /// dangles, points elsewhere, or loops. On success also returns the target's pointer.
    pub fn resolve<'a, T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
        section: Section,
        pointer: &str,
    ) -> Option<(&'a T, String)> {
        let mut current = item;
        let mut at = pointer.to_owned();
        for _ in 0..MAX_CHAIN {
            match current {
                ReferenceOr::Item(t) => return Some((t, at)),
                ReferenceOr::Reference { reference } => {
                    let ref_pointer = format!("{at}/$ref");
                    let name = self.component_name(reference, section, &ref_pointer)?;
                    let Some(next) = components.and_then(|c| c.get(&name)) else {
                        let known = components.map(|c| c.keys().cloned().collect::<Vec<_>>());
                        self.dangling(&ref_pointer, &name, section, known.as_deref());
                        return None;
                    };
                    at = crate::pointer::component(section.key(), &name);
                    current = next;
                }
            }
        }
        self.error(pointer, "`$ref` chain loops without reaching a definition");
        None
    }

    /// The component name (unescaped) in a local `$ref`, or a reported error.
    pub fn component_name(
        &mut self,
        reference: &str,
        section: Section,
        ref_pointer: &str,
    ) -> Option<String> {
        if let Some(name) = crate::pointer::component_name(reference, section.key()) {
            return Some(name);
        }
        if !reference.starts_with('#') {
            self.error(
                ref_pointer,
                format!("external reference {reference:?} is not supported here"),
            )
            .hint = Some(
                "bundle the spec into one file, or use a local `#/components/...` reference".into(),
            );
        } else {
            self.error(
                ref_pointer,
                format!(
                    "{reference:?} points to the wrong kind of component: expected `{}…`",
                    section.prefix()
                ),
            );
        }
        None
    }

    fn dangling(
        &mut self,
        ref_pointer: &str,
        name: &str,
        section: Section,
        known: Option<&[String]>,
    ) {
        let hint = known
            .and_then(|k| crate::diag::closest(name, k))
            .map(|c| format!("did you mean '{c}'?"));
        self.error(
            ref_pointer,
            format!(
                "no {} '{name}' in #/components/{}",
                section.key().trim_end_matches('s'),
                section.key()
            ),
        )
        .hint = hint;
    }
}

#[cfg(test)]
mod tests {
    /// Components whose names hold `/` and `~` are referred to as `a~1b` and `a~0b` (RFC 6901).
    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets/{id}:
    parameters:
      - $ref: "#/components/parameters/pet~1id"
    post:
      operationId: updatePet
      parameters:
        - $ref: "#/components/parameters/page~0size"
      requestBody: {$ref: "#/components/requestBodies/pet~1update"}
      responses:
        "200": {$ref: "#/components/responses/pet~0result"}
components:
  parameters:
    pet/id: {name: id, in: path, required: true, schema: {type: integer}}
    page~size: {name: size, in: query, schema: {$ref: "#/components/schemas/page~0size"}}
  requestBodies:
    pet/update:
      content:
        application/json:
          schema: {$ref: "#/components/schemas/pets~1Pet"}
  responses:
    pet~result:
      description: The pet
      content:
        application/json:
          schema:
            type: object
            properties:
              pet: {$ref: "#/components/schemas/pets~1Pet"}
  schemas:
    pets/Pet:
      type: object
      properties:
        name: {type: string}
    page~size: {type: integer, format: int32}
"##;

    #[test]
    fn escaped_component_names_resolve() {
        let out = crate::generate_bytes("t.yaml", SPEC.as_bytes(), &crate::Options::default())
            .unwrap_or_else(|d| panic!("{d}"));
        let warnings = out.warnings.to_string();
        // Such names break the Components Object's rule, which is a warning.
        assert!(
            warnings.lines().all(|w| w.contains("component name")),
            "{warnings}"
        );
        let api = out.api.expect("the model is returned");
        let types: Vec<&str> = api.types.iter().map(|t| t.name.wire.as_str()).collect();
        assert!(
            types.contains(&"pets/Pet") && types.contains(&"page~size"),
            "{types:?}"
        );
        let op = &api.operations[0];
        let params: Vec<&str> = op.params.iter().map(|p| p.name.wire.as_str()).collect();
        assert_eq!(params, ["id", "size"]);
        assert!(op.body.is_some());
        assert!(op.responses[0].body.is_some());
        assert!(out.files["src/types.rs"].contains("pub struct PetsPet"));
    }
}
