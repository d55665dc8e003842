//! A sample of a union: which variant it is of, chosen once and noted for whoever shows it.

use super::{check, fits, Sampler};
use crate::model::*;
use serde_json::Value;

impl Sampler<'_> {
    /// A value of one variant: the one the given value is of, else the first whose sample is of
    /// no other variant (a `oneOf` value must match exactly one; validators do not go by the
    /// discriminator), else the first.
    pub(super) fn union(&self, u: &Union, given: Option<&Value>, depth: usize) -> Value {
        if u.variants.is_empty() {
            return given.cloned().unwrap_or(Value::Null);
        }
        if let Some(given) = given {
            let variant = match &u.discriminator {
                Some(d) => given
                    .get(&d.property)
                    .and_then(Value::as_str)
                    .and_then(|tag| u.variants.iter().position(|v| v.name.wire == tag)),
                None => self.variant_of(u, given),
            };
            let variant = variant.or(u.discriminator.is_none().then_some(0));
            if let Some(i) = variant {
                self.choose(i);
                return self.variant_value(u, &u.variants[i], Some(given), depth);
            }
        }
        let mut fallback = None;
        // Deep down, variants that are no named type come first: they end recursion.
        let mut order: Vec<(usize, &UnionVariant)> = u.variants.iter().enumerate().collect();
        if depth >= super::MAX_DEPTH {
            order.sort_by_key(|(_, v)| matches!(v.ty.non_null(), Ty::Named(_)));
        }
        for (i, variant) in order {
            let before = self.spent();
            let value = self.variant_value(u, variant, None, depth);
            // Variants of one type are one `oneOf` branch (several tags may map to a schema).
            let ambiguous = u.variants.iter().any(|other| {
                let none = Constraints::none();
                other.ty != variant.ty
                    && check::matches(self.api, &other.ty, none, &value, self.direction)
            });
            if !ambiguous {
                self.choose(i);
                return value;
            }
            if fallback.is_none() {
                let inside = self.chosen.borrow()[before.3..].to_vec();
                fallback = Some((i, value, self.spent(), inside));
            }
            self.restore(before);
        }
        let Some((i, value, spent, inside)) = fallback else {
            self.met.set(false);
            return Value::Null;
        };
        self.chosen.borrow_mut().extend(inside);
        self.restore(spent);
        self.choose(i);
        self.met.set(false);
        value
    }

    /// The variant an untagged union's given value is of: the first it is a valid value of,
    /// else the first of its JSON kind.
    fn variant_of(&self, u: &Union, given: &Value) -> Option<usize> {
        let none = Constraints::none();
        let valid = |v: &UnionVariant| check::matches(self.api, &v.ty, none, given, self.direction);
        let of_kind = |v: &UnionVariant| fits(self.api, &v.ty, given);
        (u.variants.iter().position(valid)).or_else(|| u.variants.iter().position(of_kind))
    }

    /// A value of `variant`, with the discriminator's tag first when the union has one.
    fn variant_value(
        &self,
        u: &Union,
        variant: &UnionVariant,
        given: Option<&Value>,
        depth: usize,
    ) -> Value {
        let mut value = self.value(&variant.ty, Constraints::none(), given, depth + 1);
        if let (Some(d), Value::Object(map)) = (&u.discriminator, &mut value) {
            map.shift_remove(&d.property);
            let tag = (d.property.clone(), Value::String(variant.name.wire.clone()));
            *map = std::iter::once(tag).chain(std::mem::take(map)).collect();
        }
        value
    }
}
