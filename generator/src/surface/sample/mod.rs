//! Sample values: one JSON value for any type, built from the spec's examples and defaults where
//! they fit and typed placeholders where it gives none. The docs' sample results and the Rust
//! examples both show these values.

use crate::model::*;
use serde_json::{Map, Value};

/// Optional parts deeper than this are left out and arrays there are empty, so wide graphs stay
/// readable and recursion ends.
const MAX_DEPTH: usize = 6;
/// Past this depth even required parts are cut short (only an impossible, infinitely deep
/// required chain gets here).
const HARD_DEPTH: usize = 32;
/// A sample has at most this many fields, so it stays small however many types its type
/// reaches: past it, optional fields are left out, and in a response required ones are cut short
/// (`{}`, `[]`). A request keeps every required field, so that its example stays a valid value.
const MAX_FIELDS: usize = 128;

/// Which way the value travels: requests leave out `readOnly` fields, responses `writeOnly` ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

/// A sample of `ty`: `given` (the example or default the spec gives where the value sits) when it
/// fits the type, else the type's own example, else made up. Every required field is present;
/// in a response also the optional ones the spec gives a value for, there or inside their type.
pub fn sample(api: &Api, ty: &Ty, given: Option<&Value>, direction: Direction) -> Value {
    let content = std::cell::RefCell::new(vec![None; api.types.len()]);
    Sampler {
        api,
        direction,
        content,
        budget: std::cell::Cell::new(MAX_FIELDS),
    }
    .value(ty, given, 0)
}

/// The placeholder of a string format.
pub fn string_placeholder(format: StringFormat) -> &'static str {
    match format {
        StringFormat::Plain => "string",
        StringFormat::DateTime => "2024-01-01T00:00:00Z",
        StringFormat::Date => "2024-01-01",
        StringFormat::Uuid => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        StringFormat::Byte => "c2FtcGxl",
        StringFormat::Password => "password",
    }
}

struct Sampler<'a> {
    api: &'a Api,
    direction: Direction,
    /// Per named type, whether its sample holds anything the spec gives (memo; `Some(false)`
    /// while being worked out, which ends cycles).
    content: std::cell::RefCell<Vec<Option<bool>>>,
    /// How many more fields the sample may have.
    budget: std::cell::Cell<usize>,
}

impl Sampler<'_> {
    fn value(&self, ty: &Ty, given: Option<&Value>, depth: usize) -> Value {
        match ty {
            Ty::Nullable(_) if given == Some(&Value::Null) => Value::Null,
            Ty::Nullable(inner) => self.value(inner, given, depth),
            Ty::String(format) => match given {
                Some(Value::String(s)) => Value::String(s.clone()),
                Some(v @ (Value::Number(_) | Value::Bool(_))) => Value::String(v.to_string()),
                _ => Value::String(string_placeholder(*format).to_owned()),
            },
            Ty::Integer(_) => match given {
                Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Value::Number(n.clone()),
                _ => Value::from(0),
            },
            Ty::Number(_) => match given {
                Some(Value::Number(n)) => Value::Number(n.clone()),
                _ => Value::from(0),
            },
            Ty::Boolean => Value::Bool(given.and_then(Value::as_bool).unwrap_or(false)),
            Ty::Binary => Value::String("...".to_owned()),
            Ty::Array(item) => match given {
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|v| self.value(item, Some(v), depth + 1))
                    .collect(),
                _ if depth < MAX_DEPTH => Value::Array(vec![self.value(item, None, depth + 1)]),
                _ => Value::Array(Vec::new()),
            },
            Ty::Map(value) => match given {
                Some(Value::Object(map)) => map
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(value, Some(v), depth + 1)))
                    .collect(),
                _ => Value::Object(Map::new()),
            },
            Ty::Any => given.cloned().unwrap_or_else(|| Value::Object(Map::new())),
            Ty::Named(id) => self.named(*id, given, depth),
        }
    }

    fn named(&self, id: TypeId, given: Option<&Value>, depth: usize) -> Value {
        let def = self.api.type_def(id);
        let given = given.or(def.example.as_ref());
        match &def.kind {
            TypeKind::Alias(ty) if depth < HARD_DEPTH => self.value(ty, given, depth + 1),
            TypeKind::Alias(_) => Value::Null,
            TypeKind::Enum(e) => {
                let known = e.variants.iter().find(|v| Some(&v.value) == given);
                match known.or(e.variants.first()) {
                    Some(v) => v.value.clone(),
                    None => match e.repr {
                        EnumRepr::String => Value::String(String::new()),
                        EnumRepr::Integer => Value::from(0),
                        EnumRepr::Boolean => Value::Bool(false),
                    },
                }
            }
            TypeKind::Struct(s) => self.object(s, given, depth),
            TypeKind::Union(u) => self.union(u, given, depth),
        }
    }

    /// Whether a field must be present in a value travelling this way.
    fn required(&self, f: &Field) -> bool {
        let one_way = match self.direction {
            Direction::Request => f.read_only,
            Direction::Response => f.write_only,
        };
        f.required && !one_way
    }

    fn object(&self, s: &Struct, given: Option<&Value>, depth: usize) -> Value {
        let mut out = Map::new();
        if depth >= HARD_DEPTH {
            return Value::Object(out);
        }
        let given = given.and_then(Value::as_object);
        for f in &s.fields {
            let skip = match self.direction {
                Direction::Request => f.read_only,
                Direction::Response => f.write_only,
            };
            let slot = given
                .and_then(|g| g.get(&f.name.wire))
                .or(f.example.as_ref())
                .or(f.default.as_ref());
            // A request's sample holds what must be sent (an example adds what it shows off); a
            // response's also what the spec gives a value for, here or inside.
            let given_here = self.direction == Direction::Response
                && (slot.is_some() || self.has_content(&f.ty));
            let left = self.budget.get();
            let wanted = self.required(f) || (given_here && !skip && depth < MAX_DEPTH && left > 0);
            if !wanted {
                continue;
            }
            self.budget.set(left.saturating_sub(1));
            let value = if left == 0 && self.direction == Direction::Response {
                shallow(&f.ty)
            } else {
                self.value(&f.ty, slot, depth + 1)
            };
            out.insert(f.name.wire.clone(), value);
        }
        // Keys the example gives beyond the fields: values of the additional properties, or
        // (where the schema leaves them open) kept as the spec wrote them.
        for (key, v) in given.into_iter().flatten() {
            if !s.fields.iter().any(|f| &f.name.wire == key) {
                let value = match &s.additional {
                    Some(ty) => self.value(ty, Some(v), depth + 1),
                    None => v.clone(),
                };
                out.insert(key.clone(), value);
            }
        }
        Value::Object(out)
    }

    /// Whether a sample of `ty` shows something the spec gives (an example or default
    /// somewhere inside), rather than placeholders only.
    fn has_content(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Nullable(inner) | Ty::Array(inner) | Ty::Map(inner) => self.has_content(inner),
            Ty::Named(id) => {
                if let Some(known) = self.content.borrow()[id.0] {
                    return known;
                }
                self.content.borrow_mut()[id.0] = Some(false);
                let def = self.api.type_def(*id);
                let found = def.example.is_some()
                    || match &def.kind {
                        TypeKind::Struct(s) => s.fields.iter().any(|f| {
                            f.example.is_some() || f.default.is_some() || self.has_content(&f.ty)
                        }),
                        TypeKind::Union(u) => u.variants.iter().any(|v| self.has_content(&v.ty)),
                        TypeKind::Alias(ty) => self.has_content(ty),
                        TypeKind::Enum(_) => false,
                    };
                self.content.borrow_mut()[id.0] = Some(found);
                found
            }
            _ => false,
        }
    }

    fn union(&self, u: &Union, given: Option<&Value>, depth: usize) -> Value {
        let Some(first) = u.variants.first() else {
            return given.cloned().unwrap_or(Value::Null);
        };
        let Some(d) = &u.discriminator else {
            let fits = given.and_then(|g| u.variants.iter().find(|v| fits(self.api, &v.ty, g)));
            return self.value(&fits.unwrap_or(first).ty, given, depth + 1);
        };
        let tag = given
            .and_then(|g| g.get(&d.property))
            .and_then(Value::as_str);
        let variant = tag
            .and_then(|t| u.variants.iter().find(|v| v.name.wire == t))
            .unwrap_or(first);
        let given = given.filter(|_| tag == Some(variant.name.wire.as_str()));
        let mut value = self.value(&variant.ty, given, depth + 1);
        if let Value::Object(map) = &mut value {
            map.shift_remove(&d.property);
            let tag = (d.property.clone(), Value::String(variant.name.wire.clone()));
            *map = std::iter::once(tag).chain(std::mem::take(map)).collect();
        }
        value
    }
}

/// A placeholder of `ty`'s JSON kind that goes no deeper.
fn shallow(ty: &Ty) -> Value {
    match ty.non_null() {
        Ty::String(format) => Value::String(string_placeholder(*format).to_owned()),
        Ty::Integer(_) | Ty::Number(_) => Value::from(0),
        Ty::Boolean => Value::Bool(false),
        Ty::Array(_) => Value::Array(Vec::new()),
        _ => Value::Object(Map::new()),
    }
}

/// Whether JSON `value` could be a value of `ty`, judged by its JSON kind.
pub fn fits(api: &Api, ty: &Ty, value: &Value) -> bool {
    match (ty, value) {
        (Ty::Nullable(_), Value::Null) => true,
        (Ty::Nullable(inner), v) => fits(api, inner, v),
        (Ty::String(_) | Ty::Binary, Value::String(_)) => true,
        (Ty::Integer(_), Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Ty::Number(_), Value::Number(_)) => true,
        (Ty::Boolean, Value::Bool(_)) => true,
        (Ty::Array(_), Value::Array(_)) => true,
        (Ty::Map(_), Value::Object(_)) => true,
        (Ty::Any, _) => true,
        (Ty::Named(id), v) => match &api.type_def(*id).kind {
            TypeKind::Alias(target) => !matches!(target, Ty::Named(_)) && fits(api, target, v),
            TypeKind::Enum(e) => e.variants.iter().any(|variant| &variant.value == v),
            TypeKind::Struct(_) => v.is_object(),
            TypeKind::Union(u) => {
                u.variants
                    .iter()
                    .any(|variant| !matches!(variant.ty, Ty::Named(_)) && fits(api, &variant.ty, v))
                    || v.is_object()
            }
        },
        _ => false,
    }
}
