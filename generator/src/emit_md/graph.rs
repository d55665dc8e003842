//! The graph of the types that have a section on a page (structs and unions): which of them a
//! value leads to, and the order in which a page lists them.

use super::cells::is_free_form;
use crate::model::{Api, Ty, TypeId, TypeKind};

/// For each type, the types with a section that the rows of its own section lead to, in row
/// order (empty for types without a section).
#[derive(Debug)]
pub struct Graph {
    children: Vec<Vec<TypeId>>,
}

impl Graph {
    pub fn new(api: &Api) -> Self {
        let children = api
            .types
            .iter()
            .map(|def| {
                let mut out = Vec::new();
                match &def.kind {
                    _ if is_free_form(def) => {}
                    TypeKind::Struct(s) => {
                        let rows = s.fields.iter().map(|f| &f.ty).chain(&s.additional);
                        rows.for_each(|ty| sectioned(api, ty, &mut out));
                    }
                    TypeKind::Union(u) => {
                        u.variants
                            .iter()
                            .for_each(|v| sectioned(api, &v.ty, &mut out));
                    }
                    TypeKind::Enum(_) | TypeKind::Alias(_) => {}
                }
                out
            })
            .collect();
        Self { children }
    }

    pub fn len(&self) -> usize {
        self.children.len()
    }

    pub fn children(&self, id: TypeId) -> &[TypeId] {
        self.children.get(id.0).map_or(&[], Vec::as_slice)
    }

    /// The types reachable from `roots`, each once, depth first in row order: a type comes right
    /// after the row that first uses it, followed by the types it uses itself, before the next
    /// row's (the docs factory's order). Only types that `show` accepts are listed and looked
    /// into; it is asked once per type, in the order of the list.
    pub fn walk(&self, roots: &[TypeId], mut show: impl FnMut(TypeId) -> bool) -> Vec<TypeId> {
        let mut seen = vec![false; self.len()];
        let mut order = Vec::new();
        let mut stack: Vec<TypeId> = roots.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            match seen.get_mut(id.0) {
                Some(seen) if !*seen => *seen = true,
                _ => continue,
            }
            if show(id) {
                order.push(id);
                stack.extend(self.children(id).iter().rev());
            }
        }
        order
    }
}

/// The types with a section that a value of type `ty` leads to directly: itself, or what it
/// holds through `Nullable`, arrays, maps and aliases. Enums and free-form objects have none.
pub fn sectioned(api: &Api, ty: &Ty, out: &mut Vec<TypeId>) {
    match api.resolve(ty).ty {
        Ty::Array(inner) | Ty::Map(inner) => sectioned(api, inner, out),
        Ty::Named(id) => {
            let Some(def) = api.types.get(id.0) else {
                return;
            };
            if matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)) && !is_free_form(def) {
                out.push(*id);
            }
        }
        _ => {}
    }
}
