//! Where an input's description comes from when its own declaration has none: its schema, and
//! failing that the component its schema refers to. Rustdoc and the pages both read the result.

use crate::load::Document;
use openapiv3::{ParameterSchemaOrContent, ReferenceOr, Schema};

/// Bounds a chain of schema `$ref`s (a loop has already been reported while typing it).
const MAX_CHAIN: usize = 32;

/// `own` if it says anything, else the description of `schema` or of what it refers to.
pub fn fallback(
    doc: &Document,
    own: Option<&str>,
    schema: Option<SchemaRef<'_>>,
) -> Option<String> {
    described(own).or_else(|| schema.and_then(|s| of_schema(doc, s)))
}

/// A schema as written in place: inline, or a `$ref` to a component.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    Item(&'a Schema),
    Reference(&'a str),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Item(s) => SchemaRef::Item(s),
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Item(s) => SchemaRef::Item(s),
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
        }
    }
}

/// The first description met following `schema` through its `$ref`s; quiet when one dangles
/// (typing the schema reports that).
fn of_schema(doc: &Document, schema: SchemaRef<'_>) -> Option<String> {
    let schemas = doc.components().map(|c| &c.schemas);
    let mut current = schema;
    for _ in 0..MAX_CHAIN {
        let reference = match current {
            SchemaRef::Item(s) => return described(s.schema_data.description.as_deref()),
            SchemaRef::Reference(reference) => reference,
        };
        let name = crate::pointer::component_name(reference, "schemas")?;
        current = schemas?.get(&name)?.into();
    }
    None
}

fn described(text: Option<&str>) -> Option<String> {
    text.filter(|d| !d.trim().is_empty()).map(str::to_owned)
}

/// A parameter's schema: its own, or that of its first media type.
pub fn param_schema(format: &ParameterSchemaOrContent) -> Option<SchemaRef<'_>> {
    match format {
        ParameterSchemaOrContent::Schema(s) => Some(s.into()),
        ParameterSchemaOrContent::Content(content) => {
            content.values().next()?.schema.as_ref().map(Into::into)
        }
    }
}
