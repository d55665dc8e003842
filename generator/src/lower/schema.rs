//! Schemas → types: named components first (so references and recursion resolve), then inline ones.

use super::refs::Section;
use super::scalar::{enumeration, int_format, string_format};
use super::view::View;
use super::Lowerer;
use crate::model::names::{pascal, snake, Scope};
use crate::model::*;
use crate::pointer::{child, last_name};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use serde_json::Value;

/// What a schema lowers to: a plain type, or a definition that needs a name.
pub(super) enum Shape {
    Ty(Ty),
    Def(TypeKind),
}

impl<'d> Lowerer<'d> {
    /// Give every component schema its id and unique name, in spec order.
    pub fn declare_component_schemas(&mut self) {
        let doc = self.doc;
        let Some(components) = doc.components() else {
            return;
        };
        for name in components.schemas.keys() {
            let pointer = child("#/components/schemas", name);
            let id = self.new_type(name, &pascal(name), &pointer);
            self.schema_ids.insert(name.clone(), id);
        }
    }

    pub fn lower_component_schemas(&mut self) {
        let doc = self.doc;
        let Some(components) = doc.components() else {
            return;
        };
        for (name, schema) in &components.schemas {
            let id = self.schema_ids[name];
            let pointer = child("#/components/schemas", name);
            let hint = self.types[id.0].name.rust.clone();
            let kind = match schema {
                ReferenceOr::Reference { .. } => {
                    TypeKind::Alias(self.ty_of(schema, &hint, &pointer))
                }
                ReferenceOr::Item(s) => {
                    self.types[id.0].description = s.schema_data.description.clone();
                    self.types[id.0].example = s.schema_data.example.clone().map(Box::new);
                    self.types[id.0].constraints = View::of(s).constraints().into();
                    let shape = match self.polymorphic_base(s, name) {
                        Some(kind) => Shape::Def(kind),
                        None => self.shape(s, &hint, &pointer),
                    };
                    match shape {
                        Shape::Def(kind) if !is_nullable(s) => kind,
                        Shape::Def(kind) => {
                            let value_pointer = format!("{pointer}#value");
                            let inner = self.define(
                                &format!("{name}Value"),
                                &format!("{hint}Value"),
                                &value_pointer,
                                kind,
                                s,
                            );
                            TypeKind::Alias(Ty::Nullable(Box::new(Ty::Named(inner))))
                        }
                        Shape::Ty(ty) => TypeKind::Alias(nullable_if(is_nullable(s), ty)),
                    }
                }
            };
            self.types[id.0].kind = kind;
        }
    }

    pub fn ty_of_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        hint: &str,
        pointer: &str,
    ) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.named(reference, pointer),
            ReferenceOr::Item(s) => self.ty_of_item(s, hint, pointer),
        }
    }

    /// The type of a schema used in place; inline structs, enums and unions get a type named from `hint`.
    pub fn ty_of(&mut self, schema: &ReferenceOr<Schema>, hint: &str, pointer: &str) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.named(reference, pointer),
            ReferenceOr::Item(s) => self.ty_of_item(s, hint, pointer),
        }
    }

    fn ty_of_item(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Ty {
        if let Some(id) = self.inline_ids.get(pointer) {
            return nullable_if(is_nullable(schema), Ty::Named(*id));
        }
        let ty = match self.shape(schema, hint, pointer) {
            Shape::Ty(ty) => ty,
            Shape::Def(kind) => Ty::Named(self.define(hint, hint, pointer, kind, schema)),
        };
        nullable_if(is_nullable(schema), ty)
    }

    pub(super) fn define(
        &mut self,
        wire: &str,
        rust: &str,
        pointer: &str,
        kind: TypeKind,
        schema: &Schema,
    ) -> TypeId {
        let id = self.new_type(wire, &pascal(rust), pointer);
        let def = &mut self.types[id.0];
        def.kind = kind;
        def.description = schema.schema_data.description.clone();
        def.example = schema.schema_data.example.clone().map(Box::new);
        def.constraints = View::of(schema).constraints().into();
        self.inline_ids.insert(pointer.to_owned(), id);
        id
    }

    fn named(&mut self, reference: &str, pointer: &str) -> Ty {
        let ref_pointer = child(pointer, "$ref");
        let Some(name) = self.component_name(reference, Section::Schemas, &ref_pointer) else {
            return Ty::Any;
        };
        if let Some(id) = self.schema_ids.get(&name) {
            return Ty::Named(*id);
        }
        let known: Vec<String> = self.schema_ids.keys().cloned().collect();
        let hint = crate::diag::closest(&name, &known).map(|c| format!("did you mean '{c}'?"));
        self.error(
            &ref_pointer,
            format!("no schema '{name}' in #/components/schemas"),
        )
        .hint = hint;
        Ty::Any
    }

    /// The component schema a reference names, with its pointer; `None` (reported) if it dangles.
    pub(super) fn schema_target<'a>(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        pointer: &str,
    ) -> Option<(&'a Schema, String)>
    where
        'd: 'a,
    {
        let doc: &'a crate::load::Document = self.doc;
        let components = doc.components().map(|c| &c.schemas);
        self.resolve(schema, components, Section::Schemas, pointer)
    }

    pub(super) fn shape(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Shape {
        let view = View::of(schema);
        if !view.all_of.is_empty() {
            return self.all_of(schema, &view, hint, pointer);
        }
        let (alternatives, key) = if view.one_of.is_empty() {
            (view.any_of, "anyOf")
        } else {
            (view.one_of, "oneOf")
        };
        let shaped = alternatives.iter().any(|a| match a {
            ReferenceOr::Item(s) => !View::of(s).is_constraint_only(),
            ReferenceOr::Reference { .. } => true,
        });
        if shaped {
            return self.union(schema, alternatives, hint, &child(pointer, key));
        }
        let values: Vec<Value> = view
            .enumeration
            .iter()
            .filter(|v| !v.is_null())
            .cloned()
            .collect();
        if !values.is_empty() {
            return match enumeration(&values) {
                Some(kind) => Shape::Def(kind),
                None if values.iter().all(Value::is_number) => {
                    Shape::Ty(self.scalar(&view, hint, pointer))
                }
                None => Shape::Ty(Ty::Any),
            };
        }
        if view.is_object() {
            return Shape::Def(TypeKind::Struct(self.structure(&view, hint, pointer)));
        }
        Shape::Ty(self.scalar(&view, hint, pointer))
    }

    /// The shape of a wrapper's only part (a one-element `allOf` or `oneOf`): an inline part is
    /// the wrapper itself, so it takes the wrapper's name instead of defining a second type.
    pub(super) fn shape_of_only(
        &mut self,
        only: &ReferenceOr<Schema>,
        hint: &str,
        pointer: &str,
    ) -> Shape {
        match only {
            ReferenceOr::Item(s) if !is_nullable(s) && !self.inline_ids.contains_key(pointer) => {
                self.shape(s, hint, pointer)
            }
            _ => Shape::Ty(self.ty_of(only, hint, pointer)),
        }
    }

    fn scalar(&mut self, view: &View, hint: &str, pointer: &str) -> Ty {
        let format = view.format.as_deref();
        match view.typ {
            Some("string") => string_format(format),
            Some("integer") => Ty::Integer(int_format(format)),
            Some("number") => match format {
                Some("float") => Ty::Number(NumberFormat::F32),
                Some(f) if f.starts_with("int") || f.starts_with("uint") => {
                    Ty::Integer(int_format(format))
                }
                _ => Ty::Number(NumberFormat::F64),
            },
            Some("boolean") => Ty::Boolean,
            Some("array") => {
                let item = match view.items {
                    Some(items) => {
                        self.ty_of_boxed(items, &format!("{hint}Item"), &child(pointer, "items"))
                    }
                    None => Ty::Any,
                };
                Ty::Array(Box::new(item))
            }
            Some("object") | None if view.additional.is_some() => Ty::Map(Box::new(
                self.additional(view.additional, hint, pointer)
                    .unwrap_or(Ty::Any),
            )),
            Some("object") => Ty::Map(Box::new(Ty::Any)),
            None => Ty::Any,
            Some(other) => {
                self.error(
                    &child(pointer, "type"),
                    format!("unknown schema type {other:?}"),
                )
                .hint =
                    Some("expected one of string, number, integer, boolean, array, object".into());
                Ty::Any
            }
        }
    }

    fn additional(
        &mut self,
        additional: Option<&AdditionalProperties>,
        hint: &str,
        pointer: &str,
    ) -> Option<Ty> {
        match additional? {
            AdditionalProperties::Any(true) => Some(Ty::Any),
            AdditionalProperties::Any(false) => None,
            AdditionalProperties::Schema(s) => Some(self.ty_of(
                s,
                &format!("{hint}Value"),
                &child(pointer, "additionalProperties"),
            )),
        }
    }

    fn structure(&mut self, view: &View, hint: &str, pointer: &str) -> Struct {
        let mut fields = Vec::with_capacity(view.properties.map_or(0, |p| p.len()));
        let mut scope = Scope::new();
        if view.additional.is_some() {
            scope.claim("additional_properties");
        }
        if let Some(properties) = view.properties {
            for (wire, prop) in properties {
                let at = child(&child(pointer, "properties"), wire);
                let field_hint = format!("{hint}{}", pascal(wire));
                let ty = self.ty_of_boxed(prop, &field_hint, &at);
                let (rust, _) = scope.claim(&snake(wire));
                let mut f = field(wire, rust, ty, prop, view.required.contains(wire));
                f.description = super::describe::fallback(self.doc, None, Some(prop.into()));
                fields.push(f);
            }
        }
        let additional = self.additional(view.additional, hint, pointer);
        Struct { fields, additional }
    }

    fn all_of(&mut self, schema: &Schema, view: &View, hint: &str, pointer: &str) -> Shape {
        let own_fields = view.properties.is_some_and(|p| !p.is_empty());
        if let ([only], false) = (view.all_of, own_fields) {
            return self.shape_of_only(only, hint, &child(pointer, "allOf/0"));
        }
        let mut merged = Struct {
            fields: Vec::new(),
            additional: None,
        };
        let mut seen = Vec::new();
        let mut required = Vec::new();
        self.merge_into(schema, hint, pointer, &mut merged, &mut seen, &mut required);
        for f in &mut merged.fields {
            f.required |= required.contains(&f.name.wire);
        }
        let mut scope = Scope::new();
        if merged.additional.is_some() {
            scope.claim("additional_properties");
        }
        for f in &mut merged.fields {
            f.name.rust = scope.claim(&snake(&f.name.wire)).0;
        }
        merged.fields.shrink_to_fit();
        Shape::Def(TypeKind::Struct(merged))
    }

    /// Collect the properties of `schema` and all it `allOf`s into `out`; later ones win.
    /// Inline types of a referenced part are named after that part, so they are shared.
    fn merge_into(
        &mut self,
        schema: &Schema,
        hint: &str,
        pointer: &str,
        out: &mut Struct,
        seen: &mut Vec<String>,
        required: &mut Vec<String>,
    ) {
        let view = View::of(schema);
        for (i, part) in view.all_of.iter().enumerate() {
            let at = child(&child(pointer, "allOf"), &i.to_string());
            let part_hint = match part {
                ReferenceOr::Reference { reference } => {
                    if seen.contains(reference) {
                        continue;
                    }
                    seen.push(reference.clone());
                    pascal(&last_name(reference))
                }
                ReferenceOr::Item(_) => hint.to_owned(),
            };
            if let Some((part_schema, target)) = self.schema_target(part, &at) {
                self.merge_into(part_schema, &part_hint, &target, out, seen, required);
            }
        }
        let own = self.structure(&view, hint, pointer);
        for f in own.fields {
            out.fields.retain(|g| g.name.wire != f.name.wire);
            out.fields.push(f);
        }
        required.extend(view.required.iter().cloned());
        out.additional = own.additional.or(out.additional.take());
    }
}

fn field(
    wire: &str,
    rust: String,
    ty: Ty,
    prop: &ReferenceOr<Box<Schema>>,
    required: bool,
) -> Field {
    let data = match prop {
        ReferenceOr::Item(s) => Some(&s.schema_data),
        ReferenceOr::Reference { .. } => None,
    };
    let view = match prop {
        ReferenceOr::Item(s) => Some(View::of(s)),
        ReferenceOr::Reference { .. } => None,
    };
    let password = view.as_ref().and_then(|v| v.format.as_deref()) == Some("password");
    let stringy = matches!(ty.non_null(), Ty::String(_));
    Field {
        secret: password || (stringy && is_secret_name(wire)),
        name: Name {
            wire: wire.to_owned(),
            rust,
        },
        ty,
        required,
        description: data.and_then(|d| d.description.clone()),
        example: data.and_then(|d| d.example.clone()).map(Box::new),
        default: data.and_then(|d| d.default.clone()).map(Box::new),
        read_only: data.is_some_and(|d| d.read_only),
        write_only: data.is_some_and(|d| d.write_only),
        deprecated: data.is_some_and(|d| d.deprecated),
        constraints: view
            .as_ref()
            .map(View::constraints)
            .unwrap_or_default()
            .into(),
    }
}

/// Names that say a value is a credential.
pub fn is_secret_name(wire: &str) -> bool {
    let lower = wire.to_ascii_lowercase();
    ["secret", "token", "password", "passcode"]
        .iter()
        .any(|w| lower.contains(w))
}

/// `nullable`, `null` among the values, or a `null` alternative.
pub(super) fn is_nullable(schema: &Schema) -> bool {
    let view = View::of(schema);
    schema.schema_data.nullable
        || view.enumeration.iter().any(Value::is_null)
        || view
            .one_of
            .iter()
            .chain(view.any_of)
            .any(super::union::is_null_schema)
}

pub(super) fn nullable_if(nullable: bool, ty: Ty) -> Ty {
    match ty {
        Ty::Nullable(_) | Ty::Any => ty,
        other if nullable => Ty::Nullable(Box::new(other)),
        other => other,
    }
}
