//! Whether a JSON value is a valid value of a type, as a validating server judges it (its shape,
//! required fields, enums and constraints; a union as any of its variants): what tells which
//! variants of a `oneOf` a sample matches.

use super::scalar;
use super::Direction;
use crate::model::*;
use serde_json::Value;

/// Deeper than this, values are taken as valid (only recursive types get there).
const DEPTH: usize = 32;

/// Whether `value` is a valid value of `ty` sitting where `c` applies, travelling `direction`
/// (a request need not carry `readOnly` fields, nor a response `writeOnly` ones).
pub fn matches(api: &Api, ty: &Ty, c: &Constraints, value: &Value, direction: Direction) -> bool {
    Checker { api, direction }.check(ty, c, value, 0)
}

struct Checker<'a> {
    api: &'a Api,
    direction: Direction,
}

impl Checker<'_> {
    fn check(&self, ty: &Ty, c: &Constraints, value: &Value, depth: usize) -> bool {
        if depth > DEPTH {
            return true;
        }
        match (ty, value) {
            (Ty::Nullable(_), Value::Null) | (Ty::Any, _) => true,
            (Ty::Nullable(inner), v) => self.check(inner, c, v, depth),
            (Ty::String(format), Value::String(s)) => {
                scalar::string_meets(s, scalar::format_name(*format, c), c)
            }
            (Ty::Binary, Value::String(_)) | (Ty::Boolean, Value::Bool(_)) => true,
            (Ty::Integer(format), Value::Number(_)) => {
                scalar::integer(*format, c, Some(value)) == (value.clone(), true)
            }
            (Ty::Number(_), Value::Number(_)) => scalar::number(c, Some(value)).1,
            (Ty::Array(item), Value::Array(items)) => {
                let n = items.len() as u64;
                c.min_items.is_none_or(|min| n >= min)
                    && c.max_items.is_none_or(|max| n <= max)
                    && items
                        .iter()
                        .all(|v| self.check(item, c.item(), v, depth + 1))
            }
            (Ty::Map(inner), Value::Object(map)) => map
                .values()
                .all(|v| self.check(inner, Constraints::none(), v, depth + 1)),
            (Ty::Named(id), v) => self.named(*id, c, v, depth),
            _ => false,
        }
    }

    fn named(&self, id: TypeId, c: &Constraints, value: &Value, depth: usize) -> bool {
        let def = self.api.type_def(id);
        match &def.kind {
            TypeKind::Alias(ty) => self.check(ty, &c.or(&def.constraints), value, depth + 1),
            TypeKind::Enum(e) => e.variants.iter().any(|v| &v.value == value),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .any(|v| self.check(&v.ty, Constraints::none(), value, depth + 1)),
            TypeKind::Struct(s) => {
                let Value::Object(map) = value else {
                    return false;
                };
                s.fields.iter().all(|f| match map.get(&f.name.wire) {
                    Some(v) => self.check(&f.ty, &f.constraints, v, depth + 1),
                    None => !f.required || self.one_way(f),
                })
            }
        }
    }

    /// Whether the field does not travel this way.
    fn one_way(&self, f: &Field) -> bool {
        match self.direction {
            Direction::Request => f.read_only,
            Direction::Response => f.write_only,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::*;
    use serde_json::json;

    #[test]
    fn values_are_checked_for_shape_required_fields_and_constraints() {
        let mut api = empty_api();
        let mut code = field("code", Ty::String(StringFormat::Plain), true);
        code.constraints.pattern = Some("^[0-9]+$".into());
        let mut id = field("id", Ty::String(StringFormat::Plain), true);
        id.read_only = true;
        api.types.push(struct_def("Thing", vec![code, id]));
        let thing = Ty::Named(TypeId(0));
        let none = Constraints::none();
        let request = |v: Value| matches(&api, &thing, none, &v, Direction::Request);
        assert!(request(json!({"code": "12"})));
        assert!(!request(json!({"code": "ab"})));
        assert!(!request(json!({})));
        assert!(!request(json!([])));
        assert!(!matches(
            &api,
            &thing,
            none,
            &json!({"code": "1"}),
            Direction::Response
        ));
        let few = Constraints {
            min_items: Some(2),
            ..Constraints::default()
        };
        let list = Ty::Array(Box::new(Ty::Integer(IntFormat::U8)));
        assert!(!matches(&api, &list, &few, &json!([1]), Direction::Request));
        assert!(!matches(
            &api,
            &list,
            &few,
            &json!([1, 300]),
            Direction::Request
        ));
        assert!(matches(
            &api,
            &list,
            &few,
            &json!([1, 2]),
            Direction::Request
        ));
    }
}
