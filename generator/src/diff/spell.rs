//! How a model type reads in a report: as the spec says it, and as the generated Rust spells it.

use crate::model::{Api, IntFormat, NumberFormat, StringFormat, Ty};

/// The spec's view, e.g. `string(date-time)`, `array<UserDto>`, `integer(i64) | null`.
pub fn display(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Named(id) => name_of(api, id.0),
        Ty::String(format) => match string_format(*format) {
            "" => "string".to_owned(),
            f => format!("string({f})"),
        },
        Ty::Integer(f) => format!("integer({})", int(*f)),
        Ty::Number(f) => format!("number({})", float(*f)),
        Ty::Boolean => "boolean".to_owned(),
        Ty::Binary => "string(binary)".to_owned(),
        Ty::Array(item) => format!("array<{}>", display(api, item)),
        Ty::Map(value) => format!("map<{}>", display(api, value)),
        Ty::Any => "any".to_owned(),
        Ty::Nullable(inner) => format!("{} | null", display(api, inner)),
    }
}

/// The Rust type the generated crate uses for `ty` (as `emit_rust` maps it), e.g. `Vec<String>`.
pub fn rust(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Named(id) => name_of(api, id.0),
        Ty::String(_) => "String".to_owned(),
        Ty::Integer(f) => int(*f).to_owned(),
        Ty::Number(f) => float(*f).to_owned(),
        Ty::Boolean => "bool".to_owned(),
        Ty::Binary => "Vec<u8>".to_owned(),
        Ty::Array(item) => format!("Vec<{}>", rust(api, item)),
        Ty::Map(value) => format!("BTreeMap<String, {}>", rust(api, value)),
        Ty::Any => "serde_json::Value".to_owned(),
        Ty::Nullable(inner) => format!("Option<{}>", rust(api, inner)),
    }
}

/// The Rust type of a struct field or parameter that is `Option<_>` when `optional`.
pub fn rust_optional(api: &Api, ty: &Ty, optional: bool) -> String {
    if optional {
        format!("Option<{}>", rust(api, ty.non_null()))
    } else {
        rust(api, ty)
    }
}

fn name_of(api: &Api, index: usize) -> String {
    api.types
        .get(index)
        .map_or_else(|| format!("type #{index}"), |t| t.name.rust.clone())
}

fn string_format(f: StringFormat) -> &'static str {
    match f {
        StringFormat::Plain => "",
        StringFormat::DateTime => "date-time",
        StringFormat::Date => "date",
        StringFormat::Uuid => "uuid",
        StringFormat::Byte => "byte",
        StringFormat::Password => "password",
    }
}

fn int(f: IntFormat) -> &'static str {
    match f {
        IntFormat::I8 => "i8",
        IntFormat::I16 => "i16",
        IntFormat::I32 => "i32",
        IntFormat::I64 => "i64",
        IntFormat::U8 => "u8",
        IntFormat::U16 => "u16",
        IntFormat::U32 => "u32",
        IntFormat::U64 => "u64",
    }
}

fn float(f: NumberFormat) -> &'static str {
    match f {
        NumberFormat::F32 => "f32",
        NumberFormat::F64 => "f64",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn api_with_type(name: &str) -> Api {
        Api {
            title: String::new(),
            version: String::new(),
            description: None,
            client: ClientInfo {
                name: "C".into(),
                kind: ClientKind::Generic,
                crate_ident: "c".into(),
            },
            base_url: None,
            docs: DocsSettings {
                language: Language::En,
                examples: false,
            },
            security_schemes: vec![],
            default_security: vec![],
            tags: vec![],
            operations: vec![],
            types: vec![TypeDef {
                name: Name {
                    wire: name.into(),
                    rust: name.into(),
                },
                description: None,
                example: None,
                kind: TypeKind::Alias(Ty::Any),
                pointer: String::new(),
                usage: Usage::default(),
            }],
        }
    }

    #[test]
    fn formats_show_in_the_spec_view_but_not_in_rust() {
        let api = api_with_type("UserDto");
        let date = Ty::String(StringFormat::DateTime);
        assert_eq!(display(&api, &date), "string(date-time)");
        assert_eq!(rust(&api, &date), "String");
        let list = Ty::Nullable(Box::new(Ty::Array(Box::new(Ty::Named(TypeId(0))))));
        assert_eq!(display(&api, &list), "array<UserDto> | null");
        assert_eq!(rust(&api, &list), "Option<Vec<UserDto>>");
    }

    #[test]
    fn optional_fields_are_not_wrapped_twice() {
        let api = api_with_type("X");
        let nullable = Ty::Nullable(Box::new(Ty::Integer(IntFormat::I64)));
        assert_eq!(rust_optional(&api, &nullable, true), "Option<i64>");
        assert_eq!(rust_optional(&api, &Ty::Boolean, true), "Option<bool>");
        assert_eq!(rust_optional(&api, &Ty::Boolean, false), "bool");
    }
}
