//! Values and scalars: enums from `enum` lists, and the Rust types of `format`s.

use crate::model::names::{enum_variant, Scope};
use crate::model::*;
use serde_json::Value;

/// An enum of these (non-null) values, if they all share one JSON type that enums support.
pub(super) fn enumeration(values: &[Value]) -> Option<TypeKind> {
    let repr = if values.iter().all(Value::is_string) {
        EnumRepr::String
    } else if values.iter().all(Value::is_i64) {
        EnumRepr::Integer
    } else if values.iter().all(Value::is_boolean) {
        EnumRepr::Boolean
    } else {
        return None;
    };
    let mut scope = Scope::new();
    let mut variants: Vec<EnumVariant> = Vec::new();
    for v in values {
        if variants.iter().any(|known| &known.value == v) {
            continue;
        }
        let wire = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
        let (rust, _) = scope.claim(&variant_base(repr, &wire));
        variants.push(EnumVariant {
            name: Name { wire, rust },
            value: v.clone(),
        });
    }
    Some(TypeKind::Enum(Enum { repr, variants }))
}

/// The name an enum value asks for, before a collision numbers it.
pub(super) fn variant_base(repr: EnumRepr, wire: &str) -> String {
    match (repr, wire.strip_prefix('-')) {
        (EnumRepr::Integer, Some(digits)) => format!("Minus{digits}"),
        (EnumRepr::Integer, None) => format!("V{wire}"),
        _ => enum_variant(wire),
    }
}

pub(super) fn string_format(format: Option<&str>) -> Ty {
    match format {
        Some("binary") => Ty::Binary,
        Some("date-time") => Ty::String(StringFormat::DateTime),
        Some("date") => Ty::String(StringFormat::Date),
        Some("uuid") => Ty::String(StringFormat::Uuid),
        Some("byte") => Ty::String(StringFormat::Byte),
        Some("password") => Ty::String(StringFormat::Password),
        _ => Ty::String(StringFormat::Plain),
    }
}

/// Integer formats by name; `uint` and unknown ones keep to their signedness at 64 bits.
pub(super) fn int_format(format: Option<&str>) -> IntFormat {
    match format {
        Some("int8") => IntFormat::I8,
        Some("int16") => IntFormat::I16,
        Some("int32") => IntFormat::I32,
        Some("uint8") => IntFormat::U8,
        Some("uint16") => IntFormat::U16,
        Some("uint32") => IntFormat::U32,
        Some(f) if f.starts_with("uint") => IntFormat::U64,
        _ => IntFormat::I64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn variants(kind: Option<TypeKind>) -> Vec<(String, String)> {
        match kind {
            Some(TypeKind::Enum(e)) => e
                .variants
                .into_iter()
                .map(|v| (v.name.wire, v.name.rust))
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn enum_values_get_unique_variant_names() {
        let got = variants(enumeration(&[
            json!("Etc/GMT+1"),
            json!("Etc/GMT-1"),
            json!("ASC"),
            json!("asc"),
            json!(""),
            json!("asc"),
        ]));
        let want = [
            ("Etc/GMT+1", "EtcGmtPlus1"),
            ("Etc/GMT-1", "EtcGmtMinus1"),
            ("ASC", "Asc"),
            ("asc", "Asc2"),
            ("", "Empty"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
        let ints = variants(enumeration(&[json!(-1), json!(0), json!(2)]));
        let names: Vec<&str> = ints.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(names, ["Minus1", "V0", "V2"]);
        assert!(enumeration(&[json!("a"), json!(1)]).is_none());
        assert!(enumeration(&[json!(1.5)]).is_none());
    }

    #[test]
    fn formats_map_to_their_types() {
        assert_eq!(int_format(Some("uint")), IntFormat::U64);
        assert_eq!(int_format(Some("uint8")), IntFormat::U8);
        assert_eq!(int_format(Some("weird")), IntFormat::I64);
        assert_eq!(string_format(Some("binary")), Ty::Binary);
        assert_eq!(string_format(Some("ipv4")), Ty::String(StringFormat::Plain));
    }
}
