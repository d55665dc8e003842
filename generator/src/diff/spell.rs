//! How a model type reads in a report, as the spec says it (the Rust spelling comes from the
//! surface).

use crate::model::{Api, StringFormat, Ty};
use crate::surface::RustType;

/// The spec's view, e.g. `string(date-time)`, `array<UserDto>`, `integer(i64) | null`.
pub fn display(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Named(id) => name_of(api, id.0),
        Ty::String(format) => match string_format(*format) {
            "" => "string".to_owned(),
            f => format!("string({f})"),
        },
        Ty::Integer(_) => format!("integer({})", RustType::of(api, ty)),
        Ty::Number(_) => format!("number({})", RustType::of(api, ty)),
        Ty::Boolean => "boolean".to_owned(),
        Ty::Binary => "string(binary)".to_owned(),
        Ty::Array(item) => format!("array<{}>", display(api, item)),
        Ty::Map(value) => format!("map<{}>", display(api, value)),
        Ty::Any => "any".to_owned(),
        Ty::Nullable(inner) => format!("{} | null", display(api, inner)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::{add_type, empty_api, struct_def};
    use crate::model::*;

    #[test]
    fn formats_and_nullability_show_in_the_spec_view() {
        let mut api = empty_api();
        let user = add_type(&mut api, struct_def("UserDto", vec![]));
        let date = Ty::String(StringFormat::DateTime);
        assert_eq!(display(&api, &date), "string(date-time)");
        let list = Ty::Nullable(Box::new(Ty::Array(Box::new(Ty::Named(user)))));
        assert_eq!(display(&api, &list), "array<UserDto> | null");
        let map = Ty::Map(Box::new(Ty::Integer(IntFormat::I64)));
        assert_eq!(display(&api, &map), "map<integer(i64)>");
    }
}
