//! Sample values: one JSON value for any type, built from the spec's examples and defaults where
//! they fit and meet the schema's constraints, and placeholders that meet them where it gives
//! none (see [`scalar`] for strings and numbers, `pattern` for patterns). The docs' sample
//! results and the Rust examples both show these values, and an example's request is one a
//! validating server accepts.

pub mod check;
mod pattern;
pub mod scalar;
#[cfg(test)]
mod tests;
mod union;

use crate::model::*;
use crate::pointer::escape;
use scalar::Met;
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// The variant chosen for each union value inside a sample, by its JSON pointer in the sample
/// (`""` for the whole value): whoever shows the sample shows these variants, never choosing again.
pub type Variants = BTreeMap<String, usize>;

/// A sample with the variants its unions were given, and whether it meets every constraint.
#[derive(Debug, Clone, PartialEq)]
pub struct Traced {
    pub value: Value,
    pub met: bool,
    pub variants: Variants,
}

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

/// A sample makes up at most this many array items; past them, a `minItems` is not met.
const MAX_ITEMS: usize = 256;

/// Which way the value travels: requests leave out `readOnly` fields, responses `writeOnly` ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

/// A sample of `ty`: `given` (the example or default the spec gives where the value sits) when it
/// fits the type and meets the constraints, else the type's own example, else made up. Every
/// required field is present; in a response also the optional ones the spec gives a value for,
/// there or inside their type.
pub fn sample(api: &Api, ty: &Ty, given: Option<&Value>, direction: Direction) -> Value {
    sample_in(api, ty, Constraints::none(), given, direction).0
}

/// [`sample`] of a value that must also meet `constraints` (those of the place it sits), and
/// whether it meets every constraint inside (no value can meet some, such as a `pattern` that
/// nothing matches).
pub fn sample_in(
    api: &Api,
    ty: &Ty,
    constraints: &Constraints,
    given: Option<&Value>,
    direction: Direction,
) -> Met {
    let traced = sample_traced(api, ty, constraints, given, direction);
    (traced.value, traced.met)
}

/// [`sample_in`], with the variant chosen for each union inside.
pub fn sample_traced(
    api: &Api,
    ty: &Ty,
    constraints: &Constraints,
    given: Option<&Value>,
    direction: Direction,
) -> Traced {
    let sampler = Sampler {
        api,
        direction,
        content: RefCell::new(vec![None; api.types.len()]),
        budget: Cell::new(MAX_FIELDS),
        met: Cell::new(true),
        items: Cell::new(MAX_ITEMS),
        path: RefCell::new(String::new()),
        chosen: RefCell::new(Vec::new()),
    };
    let value = sampler.value(ty, constraints, given, 0);
    Traced {
        value,
        met: sampler.met.get(),
        variants: sampler.chosen.into_inner().into_iter().collect(),
    }
}

/// Fields and items left, constraints met, and variant choices made: see [`Sampler::spent`].
type Spent = (usize, usize, bool, usize);

struct Sampler<'a> {
    api: &'a Api,
    direction: Direction,
    /// Per named type, whether its sample holds anything the spec gives (memo; `Some(false)`
    /// while being worked out, which ends cycles).
    content: RefCell<Vec<Option<bool>>>,
    /// How many more fields the sample may have.
    budget: Cell<usize>,
    /// Whether every value so far meets its constraints.
    met: Cell<bool>,
    /// How many more array items may be made up (`minItems` can ask for many, at every level).
    items: Cell<usize>,
    /// The JSON pointer of the value being made, inside the sample.
    path: RefCell<String>,
    /// The variant chosen for each union so far, by pointer.
    chosen: RefCell<Vec<(String, usize)>>,
}

impl Sampler<'_> {
    fn value(&self, ty: &Ty, c: &Constraints, given: Option<&Value>, depth: usize) -> Value {
        match ty {
            Ty::Nullable(_) if given == Some(&Value::Null) => Value::Null,
            Ty::Nullable(inner) => self.value(inner, c, given, depth),
            Ty::String(format) => {
                let text = match given {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(v @ (Value::Number(_) | Value::Bool(_))) => Some(v.to_string()),
                    _ => None,
                };
                self.note(scalar::string(*format, c, text.as_deref(), scalar::PLAIN))
            }
            Ty::Integer(format) => self.note(scalar::integer(*format, c, given)),
            Ty::Number(_) => self.note(scalar::number(c, given)),
            Ty::Boolean => Value::Bool(given.and_then(Value::as_bool).unwrap_or(false)),
            Ty::Binary => Value::String("...".to_owned()),
            Ty::Array(item) => self.array(item, c, given, depth),
            Ty::Map(value) => match given {
                Some(Value::Object(map)) => map
                    .iter()
                    .map(|(k, v)| {
                        let sample = || self.value(value, Constraints::none(), Some(v), depth + 1);
                        (k.clone(), self.at(k, sample))
                    })
                    .collect(),
                _ => Value::Object(Map::new()),
            },
            Ty::Any => given.cloned().unwrap_or_else(|| Value::Object(Map::new())),
            Ty::Named(id) => self.named(*id, c, given, depth),
        }
    }

    /// `make`, with the path one `segment` deeper while it runs.
    fn at<T>(&self, segment: &str, make: impl FnOnce() -> T) -> T {
        let len = self.path.borrow().len();
        let deeper = format!("/{}", escape(segment));
        self.path.borrow_mut().push_str(&deeper);
        let out = make();
        self.path.borrow_mut().truncate(len);
        out
    }

    /// What the sample has spent so far (fields, made-up items, variant choices) and whether it
    /// still meets its constraints: a variant tried and put aside gives it back.
    fn spent(&self) -> Spent {
        let chosen = self.chosen.borrow().len();
        (self.budget.get(), self.items.get(), self.met.get(), chosen)
    }

    fn restore(&self, (budget, items, met, chosen): Spent) {
        self.budget.set(budget);
        self.items.set(items);
        self.met.set(met);
        self.chosen.borrow_mut().truncate(chosen);
    }

    /// Notes that the union at the current path is of variant `index`.
    fn choose(&self, index: usize) {
        let path = self.path.borrow().clone();
        self.chosen.borrow_mut().push((path, index));
    }

    /// The value, noting whether it meets its constraints.
    fn note(&self, (value, met): Met) -> Value {
        if !met {
            self.met.set(false);
        }
        value
    }

    /// The given items (at most `maxItems`), then made-up ones up to `minItems`; one when neither
    /// says, unless deep already.
    fn array(&self, item: &Ty, c: &Constraints, given: Option<&Value>, depth: usize) -> Value {
        let given = given.and_then(Value::as_array);
        let max = c.max_items.map_or(usize::MAX, |m| m as usize);
        let min = c.min_items.unwrap_or(0) as usize;
        let wanted = match given {
            Some(items) => items.len().clamp(min, max.max(min)),
            None if depth < MAX_DEPTH => min.max(1).min(max.max(min)),
            None => 0,
        };
        let mut out: Vec<Value> = Vec::new();
        for i in 0..wanted {
            let given = given.and_then(|items| items.get(i));
            if given.is_none() {
                let Some(left) = self.items.get().checked_sub(1) else {
                    break;
                };
                self.items.set(left);
            }
            let mut value = self.at(&i.to_string(), || {
                let before = self.chosen.borrow().len();
                let value = self.value(item, c.item(), given, depth + 1);
                if c.unique_items && out.contains(&value) {
                    self.chosen.borrow_mut().truncate(before);
                    return None;
                }
                Some(value)
            });
            if value.is_none() {
                value = Some(self.at(&i.to_string(), || {
                    self.value(item, c.item(), None, depth + 1)
                }));
            }
            let value = value.unwrap_or(Value::Null);
            out.push(value);
        }
        let repeated = c.unique_items && (1..out.len()).any(|i| out[..i].contains(&out[i]));
        if repeated || out.len() < min {
            self.met.set(false);
        }
        Value::Array(out)
    }

    fn named(&self, id: TypeId, c: &Constraints, given: Option<&Value>, depth: usize) -> Value {
        let def = self.api.type_def(id);
        let given = given.or(def.example.as_deref());
        match &def.kind {
            TypeKind::Alias(ty) if depth < HARD_DEPTH => {
                self.value(ty, &c.or(&def.constraints), given, depth + 1)
            }
            TypeKind::Alias(_) => Value::Null,
            TypeKind::Enum(e) => {
                // Not `""` unless it must: an empty parameter reads as a missing one.
                let known = e.variants.iter().find(|v| Some(&v.value) == given);
                let filled = e.variants.iter().find(|v| v.value != "");
                match known.or(filled).or(e.variants.first()) {
                    Some(v) => v.value.clone(),
                    None => match e.repr {
                        EnumRepr::String => Value::String(String::new()),
                        EnumRepr::Integer => Value::from(0),
                        EnumRepr::Boolean => Value::Bool(false),
                    },
                }
            }
            TypeKind::Struct(s) => self.object(s, given, depth),
            // Only a union that is its own variant, without end, gets here.
            TypeKind::Union(_) if depth >= HARD_DEPTH => {
                self.met.set(false);
                Value::Null
            }
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
                .or(f.example.as_deref())
                .or(f.default.as_deref());
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
                self.at(&f.name.wire, || {
                    self.value(&f.ty, &f.constraints, slot, depth + 1)
                })
            };
            out.insert(f.name.wire.clone(), value);
        }
        // Keys the example gives beyond the fields: values of the additional properties, or
        // (where the schema leaves them open) kept as the spec wrote them.
        for (key, v) in given.into_iter().flatten() {
            if !s.fields.iter().any(|f| &f.name.wire == key) {
                let value = match &s.additional {
                    Some(ty) => self.at(key, || {
                        self.value(ty, Constraints::none(), Some(v), depth + 1)
                    }),
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
}

/// A placeholder of `ty`'s JSON kind that goes no deeper.
fn shallow(ty: &Ty) -> Value {
    match ty.non_null() {
        Ty::String(format) => scalar::string(*format, Constraints::none(), None, scalar::PLAIN).0,
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
