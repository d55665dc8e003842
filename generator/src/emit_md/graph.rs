//! The graph of the types that have a section on a page (structs and unions): which of them a
//! value leads to, and the order in which a page lists them.

use super::cells::is_free_form;
use crate::model::{Api, Ty, TypeDef, TypeId, TypeKind};
use crate::surface::Surface;

/// For each type, the types with a section that the rows of its own section lead to, in row
/// order (empty for types without a section).
#[derive(Debug)]
pub struct Graph {
    children: Vec<Vec<TypeId>>,
}

impl Graph {
    /// Read off the surface's type graph: a section's rows lead to the types its definition
    /// mentions, past aliases.
    pub fn new(surface: &Surface) -> Self {
        let api = surface.api;
        let children = (0..api.types.len())
            .map(|i| {
                let mut out = Vec::new();
                if has_section(&api.types[i]) {
                    for to in surface.graph.targets(i) {
                        through_aliases(surface, to, 0, &mut out);
                    }
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

/// Whether a type has a section of its own: structs (but free-form objects) and unions.
fn has_section(def: &TypeDef) -> bool {
    matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)) && !is_free_form(def)
}

/// Type `id` when it has a section, else the types with one that it stands for as an alias.
fn through_aliases(surface: &Surface, id: usize, aliases: usize, out: &mut Vec<TypeId>) {
    let api = surface.api;
    let Some(def) = api.types.get(id) else {
        return;
    };
    match &def.kind {
        _ if has_section(def) => out.push(TypeId(id)),
        // An alias chain longer than the type list is a cycle.
        TypeKind::Alias(_) if aliases <= api.types.len() => {
            for to in surface.graph.targets(id) {
                through_aliases(surface, to, aliases + 1, out);
            }
        }
        _ => {}
    }
}

/// The types with a section that a value of type `ty` leads to directly: itself, or what it
/// holds through `Nullable`, arrays, maps and aliases. Enums and free-form objects have none.
pub fn sectioned(api: &Api, ty: &Ty, out: &mut Vec<TypeId>) {
    let mut ty = ty;
    // Each step passes a container: more steps than types (and nesting) is an alias holding
    // itself, such as a map of itself, which has no section to lead to.
    for _ in 0..=api.types.len() + 64 {
        match api.resolve(ty).ty {
            Ty::Array(inner) | Ty::Map(inner) => ty = inner,
            Ty::Named(id) if api.types.get(id.0).is_some_and(has_section) => return out.push(*id),
            _ => return,
        }
    }
}
