//! One flat view of an openapiv3 schema, whichever of its typed or untyped forms it parsed as.

use crate::model::Constraints;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// What lowering needs to know of a schema.
pub struct View<'a> {
    /// `string`, `integer`, `number`, `boolean`, `object`, `array`, or none.
    pub typ: Option<&'a str>,
    pub format: Option<String>,
    pub properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<&'a str>,
    pub enumeration: Vec<Value>,
    pub one_of: &'a [ReferenceOr<Schema>],
    pub any_of: &'a [ReferenceOr<Schema>],
    pub all_of: &'a [ReferenceOr<Schema>],
}

impl<'a> View<'a> {
    pub fn of(schema: &'a Schema) -> View<'a> {
        let mut view = View::empty();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                view.typ = Some("string");
                view.format = string_format(&s.format);
                view.pattern = s.pattern.as_deref();
                view.min_length = s.min_length;
                view.max_length = s.max_length;
                view.enumeration = s
                    .enumeration
                    .iter()
                    .map(|v| v.clone().map_or(Value::Null, Value::String))
                    .collect();
            }
            SchemaKind::Type(Type::Number(n)) => {
                view.typ = Some("number");
                view.format = format_name(&n.format);
                view.minimum = n.minimum;
                view.maximum = n.maximum;
                view.exclusive_minimum = n.exclusive_minimum;
                view.exclusive_maximum = n.exclusive_maximum;
                view.multiple_of = n.multiple_of;
                view.enumeration = n
                    .enumeration
                    .iter()
                    .map(|v| v.and_then(|f| serde_json::Number::from_f64(f).map(Value::Number)))
                    .map(|v| v.unwrap_or(Value::Null))
                    .collect();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                view.typ = Some("integer");
                view.format = format_name(&i.format);
                view.minimum = i.minimum.map(|n| n as f64);
                view.maximum = i.maximum.map(|n| n as f64);
                view.exclusive_minimum = i.exclusive_minimum;
                view.exclusive_maximum = i.exclusive_maximum;
                view.multiple_of = i.multiple_of.map(|n| n as f64);
                view.enumeration = i
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::from))
                    .collect();
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                view.typ = Some("boolean");
                view.enumeration = b
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::Bool))
                    .collect();
            }
            SchemaKind::Type(Type::Object(o)) => {
                view.typ = Some("object");
                view.properties = Some(&o.properties);
                view.required = &o.required;
                view.additional = o.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(a)) => {
                view.typ = Some("array");
                view.items = a.items.as_ref();
                view.min_items = a.min_items;
                view.max_items = a.max_items;
                view.unique_items = a.unique_items;
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(any) => view = View::of_any(any),
        }
        view
    }

    /// A schema that parsed untyped (no `type`, several keywords of different types, or 3.1
    /// spellings).
    fn of_any(any: &'a AnySchema) -> View<'a> {
        let mut view = View::empty();
        view.typ = any.typ.as_deref();
        view.format = any.format.clone();
        view.properties = (!any.properties.is_empty()).then_some(&any.properties);
        view.required = &any.required;
        view.additional = any.additional_properties.as_ref();
        view.items = any.items.as_ref();
        view.min_items = any.min_items;
        view.max_items = any.max_items;
        view.unique_items = any.unique_items.unwrap_or(false);
        view.minimum = any.minimum;
        view.maximum = any.maximum;
        view.exclusive_minimum = any.exclusive_minimum.unwrap_or(false);
        view.exclusive_maximum = any.exclusive_maximum.unwrap_or(false);
        view.multiple_of = any.multiple_of;
        view.min_length = any.min_length;
        view.max_length = any.max_length;
        view.pattern = any.pattern.as_deref();
        view.enumeration = any.enumeration.clone();
        view.one_of = &any.one_of;
        view.any_of = &any.any_of;
        view.all_of = &any.all_of;
        view
    }

    fn empty() -> View<'a> {
        View {
            typ: None,
            format: None,
            properties: None,
            required: &[],
            additional: None,
            items: None,
            min_items: None,
            max_items: None,
            unique_items: false,
            minimum: None,
            maximum: None,
            exclusive_minimum: false,
            exclusive_maximum: false,
            multiple_of: None,
            min_length: None,
            max_length: None,
            pattern: None,
            enumeration: Vec::new(),
            one_of: &[],
            any_of: &[],
            all_of: &[],
        }
    }

    /// The validation keywords a value must meet, with those of its items written in place.
    pub fn constraints(&self) -> Constraints {
        let items = match self.items {
            Some(ReferenceOr::Item(item)) => Some(View::of(item).constraints()),
            _ => None,
        };
        Constraints {
            format: self.format.clone(),
            minimum: self.minimum,
            maximum: self.maximum,
            exclusive_minimum: self.exclusive_minimum,
            exclusive_maximum: self.exclusive_maximum,
            multiple_of: self.multiple_of,
            min_length: self.min_length.map(|n| n as u64),
            max_length: self.max_length.map(|n| n as u64),
            pattern: self.pattern.map(str::to_owned),
            min_items: self.min_items.map(|n| n as u64),
            max_items: self.max_items.map(|n| n as u64),
            unique_items: self.unique_items,
            items: items.filter(|c| !c.is_empty()).map(Box::new),
        }
    }

    /// Whether this schema describes an object with named properties (or one that allows none);
    /// an object without either is a free-form map.
    pub fn is_object(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
            || (matches!(self.typ, Some("object") | None)
                && matches!(self.additional, Some(AdditionalProperties::Any(false))))
    }

    /// Whether the schema only constrains (e.g. `{required: [a]}` in an `anyOf`), adding no shape.
    pub fn is_constraint_only(&self) -> bool {
        self.typ.is_none()
            && self.properties.is_none_or(IndexMap::is_empty)
            && self.items.is_none()
            && self.enumeration.is_empty()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && self.all_of.is_empty()
    }
}

fn string_format(f: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte".into()),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary".into()),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn format_name<T: serde::Serialize>(f: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned)),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraints(yaml: &str) -> Constraints {
        let schema: Schema = serde_yaml::from_str(yaml).expect("a schema");
        View::of(&schema).constraints()
    }

    #[test]
    fn constraints_are_read_from_typed_and_untyped_schemas() {
        let int = constraints("{type: integer, format: int32, minimum: 2, maximum: 9, exclusiveMaximum: true, multipleOf: 3}");
        assert_eq!(int.format.as_deref(), Some("int32"));
        assert_eq!(
            (int.minimum, int.maximum, int.multiple_of),
            (Some(2.0), Some(9.0), Some(3.0))
        );
        assert!(int.exclusive_maximum && !int.exclusive_minimum);
        let text =
            constraints("{type: string, format: email, minLength: 3, maxLength: 9, pattern: '^a'}");
        assert_eq!((text.min_length, text.max_length), (Some(3), Some(9)));
        assert_eq!(text.pattern.as_deref(), Some("^a"));
        assert_eq!(text.format.as_deref(), Some("email"));
        let list = constraints(
            "{type: array, minItems: 1, uniqueItems: true, items: {type: string, format: uuid}}",
        );
        assert!(list.unique_items && list.min_items == Some(1));
        assert_eq!(list.item().format.as_deref(), Some("uuid"));
        let untyped = constraints("{minimum: 1, exclusiveMinimum: true, maxLength: 4}");
        assert!(untyped.exclusive_minimum && untyped.max_length == Some(4));
        let referenced = constraints("{type: array, items: {$ref: '#/components/schemas/X'}}");
        assert!(referenced.items.is_none());
    }
}
