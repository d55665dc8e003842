//! What goes in the cells of a row: type names and links, descriptions with their notes, sample
//! and default values.

use super::lang::Texts;
use super::links::Links;
use super::render::{cell, code_span};
use crate::model::{Api, EnumRepr, Field, Param, Ty, TypeDef, TypeId, TypeKind};
use crate::surface::FieldShape;
use serde_json::Value;

/// One documented value: a parameter, a body or struct field, or a whole body.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub name: &'a str,
    pub ty: Ty,
    pub required: bool,
    pub description: Option<&'a str>,
    pub deprecated: bool,
    pub default: Option<&'a Value>,
    pub example: Option<&'a Value>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

impl<'a> Row<'a> {
    /// A field's row: required exactly when its Rust type is not an `Option`.
    pub fn from_field(field: &'a Field, shape: &FieldShape) -> Self {
        Self {
            name: &field.name.wire,
            ty: field.ty.clone(),
            required: !shape.presence.is_optional(),
            description: field.description.as_deref(),
            deprecated: field.deprecated,
            default: field.default.as_deref(),
            example: field.example.as_deref(),
            min_items: field.constraints.min_items,
            max_items: field.constraints.max_items,
        }
    }

    /// A parameter's row: required exactly when it is an argument of the method.
    pub fn from_param(param: &'a Param, argument: bool) -> Self {
        Self {
            name: &param.name.wire,
            ty: param.ty.clone(),
            required: argument,
            description: param.description.as_deref(),
            deprecated: param.deprecated,
            default: param.default.as_deref(),
            example: param.example.as_deref(),
            min_items: None,
            max_items: None,
        }
    }

    /// A row for a whole value without properties of its own (a raw body, a union variant).
    pub fn whole(name: &'a str, ty: Ty, required: bool, description: Option<&'a str>) -> Self {
        Self {
            name,
            ty,
            required,
            description,
            deprecated: false,
            default: None,
            example: None,
            min_items: None,
            max_items: None,
        }
    }
}

/// The type as a table cell: `string`, `number`, `boolean`, `object`, `file`, `X[]`, or a link to
/// the section (here or on its own page) of a named struct or union.
pub fn type_cell(api: &Api, ty: &Ty, links: &Links) -> String {
    type_label(api, ty, Some(links))
}

/// The type as plain text, for `Type: \`X\``.
pub fn type_name(api: &Api, ty: &Ty) -> String {
    type_label(api, ty, None)
}

fn type_label(api: &Api, ty: &Ty, link: Option<&Links>) -> String {
    let (mut ty, mut arrays) = (ty, 0);
    // More arrays than types (and nesting) is an alias that is an array of itself.
    while arrays <= api.types.len() + 64 {
        return match api.resolve(ty).ty {
            Ty::Named(id) => named_label(api, *id, link) + &"[]".repeat(arrays),
            Ty::String(_) => format!("string{}", "[]".repeat(arrays)),
            Ty::Integer(_) | Ty::Number(_) => format!("number{}", "[]".repeat(arrays)),
            Ty::Boolean => format!("boolean{}", "[]".repeat(arrays)),
            Ty::Binary => format!("file{}", "[]".repeat(arrays)),
            Ty::Array(inner) => {
                (ty, arrays) = (inner, arrays + 1);
                continue;
            }
            Ty::Map(_) | Ty::Any | Ty::Nullable(_) => format!("object{}", "[]".repeat(arrays)),
        };
    }
    "object[]".into()
}

/// A named type that is not an alias (see [`Api::resolve`]).
fn named_label(api: &Api, id: TypeId, link: Option<&Links>) -> String {
    let Some(def) = api.types.get(id.0) else {
        return "object".into();
    };
    match &def.kind {
        _ if is_free_form(def) => "object".into(),
        TypeKind::Struct(_) | TypeKind::Union(_) => match link {
            Some(links) => {
                let href = links.type_href(id, &def.name.rust);
                format!("<a href=\"{href}\">{}</a>", def.name.rust)
            }
            None => def.name.rust.clone(),
        },
        TypeKind::Enum(e) => match e.repr {
            EnumRepr::String => "string".into(),
            EnumRepr::Integer => "number".into(),
            EnumRepr::Boolean => "boolean".into(),
        },
        TypeKind::Alias(_) => "object".into(),
    }
}

/// An inline `type: object` without properties: shown as `object`, with no section of its own.
/// (Named component schemas keep their section even when empty.)
pub fn is_free_form(def: &TypeDef) -> bool {
    let TypeKind::Struct(s) = &def.kind else {
        return false;
    };
    let component = def
        .pointer
        .strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.contains('/'));
    s.fields.is_empty() && !component
}

/// The named type behind `ty`, past `Nullable` wrappers and aliases.
pub fn named_def<'a>(api: &'a Api, ty: &'a Ty) -> Option<(TypeId, &'a TypeDef)> {
    match api.resolve(ty).ty {
        Ty::Named(id) => Some((*id, api.types.get(id.0)?)),
        _ => None,
    }
}

/// The description cell: the text with its line breaks, then what the text leaves unsaid (the
/// allowed values of an enum, deprecation, array length limits).
pub fn description_cell(api: &Api, texts: &Texts, links: &Links, row: &Row) -> String {
    let own = row.description.filter(|d| !d.trim().is_empty());
    let text = own
        .or_else(|| {
            let (_, def) = named_def(api, &row.ty)?;
            def.description.as_deref()
        })
        .unwrap_or("");
    let mut parts = vec![cell(text, links)];
    if let Some(values) = unmentioned_enum_values(api, &row.ty, text) {
        parts.push(format!(
            "{}{}",
            texts.allowed_values,
            values.join(texts.list_separator)
        ));
    }
    if row.deprecated {
        parts.push(texts.deprecated.to_owned());
    }
    if let Some(limit) = texts.items_limit(row.min_items, row.max_items) {
        parts.push(limit);
    }
    parts.retain(|p| !p.is_empty());
    parts.join("<br>")
}

/// All values of the enum behind `ty` (also behind arrays), unless `text` names each in backticks.
fn unmentioned_enum_values(api: &Api, ty: &Ty, text: &str) -> Option<Vec<String>> {
    let mut ty = ty.non_null();
    while let Ty::Array(inner) = ty {
        ty = inner.non_null();
    }
    let (_, def) = named_def(api, ty)?;
    let TypeKind::Enum(e) = &def.kind else {
        return None;
    };
    let all_named = e
        .variants
        .iter()
        .all(|v| text.contains(&format!("`{}`", v.name.wire)));
    if all_named || e.variants.is_empty() {
        return None;
    }
    let spelled = |wire: &str| match wire {
        "" => code_span("\"\""),
        wire => code_span(wire),
    };
    Some(e.variants.iter().map(|v| spelled(&v.name.wire)).collect())
}

/// A sample value as a code span: strings without quotes, anything else as compact JSON.
/// Falsy values (`0`, `false`, `""`) are shown too.
pub fn sample_cell(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::String(s)) if s.is_empty() => code_span("\"\""),
        Some(Value::String(s)) => code_span(s),
        Some(other) => code_span(&other.to_string()),
    }
}

/// A default value as the docs factory prints it: `-` when there is none, plain words and numbers
/// as they are, anything Markdown could misread as a code span.
pub fn default_cell(value: Option<&Value>) -> String {
    match value {
        None => "-".into(),
        Some(Value::String(s)) if is_plain(s) => s.clone(),
        Some(Value::String(s)) if s.is_empty() => code_span("\"\""),
        Some(Value::String(s)) => code_span(s),
        Some(v @ (Value::Number(_) | Value::Bool(_) | Value::Null)) => v.to_string(),
        Some(other) => code_span(&other.to_string()),
    }
}

/// Text that prints the same in and out of Markdown.
fn is_plain(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphanumeric())
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " -.:/@+,".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn samples_show_falsy_values() {
        assert_eq!(sample_cell(Some(&json!(0))), "`0`");
        assert_eq!(sample_cell(Some(&json!(false))), "`false`");
        assert_eq!(sample_cell(Some(&json!(""))), "`\"\"`");
        assert_eq!(sample_cell(Some(&json!("xxxx"))), "`xxxx`");
        assert_eq!(sample_cell(Some(&json!(["a", "b"]))), "`[\"a\",\"b\"]`");
        assert_eq!(sample_cell(Some(&json!({"age": 22}))), "`{\"age\":22}`");
        assert_eq!(sample_cell(None), "");
    }

    #[test]
    fn defaults_are_bare_unless_markdown_could_misread_them() {
        assert_eq!(default_cell(None), "-");
        assert_eq!(default_cell(Some(&json!("none"))), "none");
        assert_eq!(default_cell(Some(&json!("U"))), "U");
        assert_eq!(default_cell(Some(&json!(0))), "0");
        assert_eq!(default_cell(Some(&json!(false))), "false");
        assert_eq!(default_cell(Some(&json!("*"))), "`*`");
        assert_eq!(default_cell(Some(&json!(""))), "`\"\"`");
        assert_eq!(default_cell(Some(&json!([1]))), "`[1]`");
    }
}
