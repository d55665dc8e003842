//! The one walk past `Nullable` wrappers and aliases.

use super::{Ty, TypeDef, TypeKind};

/// A type past its `Nullable` wrappers and aliases, and whether any of them was `Nullable`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved<'a> {
    /// Never `Nullable`, never a named alias; an alias cycle ends at `Ty::Any`.
    pub ty: &'a Ty,
    pub nullable: bool,
}

/// The one walk past `Nullable` wrappers and aliases, for a type list that may still be growing
/// (lowering); everyone else calls [`Api::resolve`](super::Api::resolve).
pub fn resolve<'a>(types: &'a [TypeDef], ty: &'a Ty) -> Resolved<'a> {
    static ANY: Ty = Ty::Any;
    let mut nullable = false;
    let mut ty = ty;
    // An alias chain longer than the type list is a cycle.
    for _ in 0..=types.len() {
        match ty {
            Ty::Nullable(inner) => {
                nullable = true;
                ty = inner;
            }
            Ty::Named(id) => match types.get(id.0).map(|def| &def.kind) {
                Some(TypeKind::Alias(target)) => ty = target,
                _ => return Resolved { ty, nullable },
            },
            _ => return Resolved { ty, nullable },
        }
    }
    Resolved { ty: &ANY, nullable }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::*;

    fn alias(rust: &str, target: Ty) -> TypeDef {
        TypeDef {
            kind: TypeKind::Alias(target),
            ..struct_def(rust, vec![])
        }
    }

    /// The id the next type added gets.
    fn a_id(api: &Api) -> TypeId {
        TypeId(api.types.len())
    }

    #[test]
    fn resolve_goes_past_nullable_wrappers_and_aliases_and_ends_a_cycle_at_any() {
        let mut api = empty_api();
        let user = add_type(&mut api, struct_def("User", vec![]));
        let maybe = add_type(
            &mut api,
            alias("MaybeUser", Ty::Nullable(Box::new(Ty::Named(user)))),
        );
        let again = add_type(&mut api, alias("Again", Ty::Named(maybe)));
        let (again, user_ty, a_ty) = (Ty::Named(again), Ty::Named(user), Ty::Named(a_id(&api)));
        let resolved = api.resolve(&again);
        assert_eq!(resolved.ty, &Ty::Named(user));
        assert!(resolved.nullable);
        let plain = api.resolve(&user_ty);
        assert_eq!((plain.ty, plain.nullable), (&Ty::Named(user), false));
        let list = Ty::Array(Box::new(Ty::Named(maybe)));
        assert_eq!(api.resolve(&list).ty, &list);
        let mut api = api.clone();
        let a = a_id(&api);
        add_type(&mut api, alias("A", Ty::Named(TypeId(a.0 + 1))));
        add_type(&mut api, alias("B", Ty::Nullable(Box::new(Ty::Named(a)))));
        let cycle = api.resolve(&a_ty);
        assert_eq!((cycle.ty, cycle.nullable), (&Ty::Any, true));
    }
}
