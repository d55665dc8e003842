//! Which structures each page shows, and which types get a page of their own. A page shows the
//! structures it uses, as the docs factory's pages do, while repeating them on every page that
//! uses them adds at most a fixed multiple of their size shown once: past that budget, the types
//! whose repetition costs the most are shown once, on their own page, and linked to. One page's
//! structures also stop at a fixed size. So the docs grow with the spec, not with its square.

use super::graph::Graph;
use crate::model::TypeId;

/// Showing structures again on the pages that use them may add at most this many times the size
/// of every structure shown once.
const REPEAT_TIMES: usize = 2;
/// The structures one page shows take at most this many bytes; the rest are linked.
const PAGE_SECTIONS: usize = 256 * 1024;

#[derive(Debug)]
pub struct Layout {
    /// For each page, in the order given, the types whose sections it shows, in order.
    pub shown: Vec<Vec<TypeId>>,
    /// The types that some page links to, and that therefore get a page of their own, in id
    /// order.
    pub own_pages: Vec<TypeId>,
}

/// `roots[p]` are the types with a section that page `p`'s rows lead to, in row order;
/// `section_bytes` gives the size of one type's section.
pub fn plan(
    graph: &Graph,
    roots: &[Vec<TypeId>],
    section_bytes: impl Fn(TypeId) -> usize,
) -> Layout {
    let uses = uses(graph, roots);
    let size: Vec<usize> = uses
        .iter()
        .enumerate()
        .map(|(i, &n)| if n > 0 { section_bytes(TypeId(i)) } else { 0 })
        .collect();
    let repeat = repeated(&uses, &size);
    let shown: Vec<Vec<TypeId>> = roots
        .iter()
        .map(|roots| {
            let mut used = 0;
            graph.walk(roots, |id| {
                let fits = repeat[id.0] && used + size[id.0] <= PAGE_SECTIONS;
                used += if fits { size[id.0] } else { 0 };
                fits
            })
        })
        .collect();
    let own_pages = own_pages(graph, roots, &shown);
    Layout { shown, own_pages }
}

/// On how many pages each type's section would be if every page showed every structure it uses.
fn uses(graph: &Graph, roots: &[Vec<TypeId>]) -> Vec<usize> {
    let mut count = vec![0; graph.len()];
    for roots in roots {
        for id in graph.walk(roots, |_| true) {
            count[id.0] += 1;
        }
    }
    count
}

/// Which types every page that uses them may show: all types, cheapest repetition first
/// (`(pages - 1) × size`, then id), until the repetitions would exceed the budget.
fn repeated(uses: &[usize], size: &[usize]) -> Vec<bool> {
    let once: usize = size.iter().sum();
    let mut budget = once.saturating_mul(REPEAT_TIMES);
    let mut by_cost: Vec<(usize, usize)> = uses
        .iter()
        .zip(size)
        .map(|(&n, &s)| n.saturating_sub(1).saturating_mul(s))
        .enumerate()
        .map(|(i, cost)| (cost, i))
        .collect();
    by_cost.sort_unstable();
    let mut repeat = vec![false; uses.len()];
    for (cost, i) in by_cost {
        if cost > budget {
            break;
        }
        budget -= cost;
        repeat[i] = true;
    }
    repeat
}

/// The types a page's rows or shown sections lead to but that it does not show, and then,
/// since a type's own page shows only that type, every type their sections lead to.
fn own_pages(graph: &Graph, roots: &[Vec<TypeId>], shown: &[Vec<TypeId>]) -> Vec<TypeId> {
    let mut has_page = vec![false; graph.len()];
    let mut on_page = vec![false; graph.len()];
    let mut todo = Vec::new();
    for (roots, shown) in roots.iter().zip(shown) {
        shown.iter().for_each(|id| on_page[id.0] = true);
        let linked = roots
            .iter()
            .chain(shown.iter().flat_map(|&id| graph.children(id)));
        for &id in linked {
            if !on_page[id.0] && !has_page[id.0] {
                has_page[id.0] = true;
                todo.push(id);
            }
        }
        shown.iter().for_each(|id| on_page[id.0] = false);
    }
    while let Some(id) = todo.pop() {
        for &child in graph.children(id) {
            if !has_page[child.0] {
                has_page[child.0] = true;
                todo.push(child);
            }
        }
    }
    (0..graph.len())
        .filter(|&i| has_page[i])
        .map(TypeId)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{add_type, empty_api, field, struct_def};
    use super::*;
    use crate::model::{Api, Ty, TypeKind};

    /// `Small` and `Big` leaves, and `Holder` with one field of each.
    fn api() -> (Api, [TypeId; 3]) {
        let mut api = empty_api();
        let small = add_type(&mut api, struct_def("Small", vec![]));
        let big = add_type(&mut api, struct_def("Big", vec![]));
        let holder = add_type(
            &mut api,
            struct_def(
                "Holder",
                vec![
                    field("s", Ty::Named(small), true),
                    field("b", Ty::Named(big), true),
                ],
            ),
        );
        (api, [small, big, holder])
    }

    #[test]
    fn repetition_past_the_budget_sends_the_costliest_types_to_their_own_page() {
        let (api, [small, big, holder]) = api();
        let graph = Graph::new(&crate::surface::Surface::new(&api));
        let mut roots = vec![vec![small, big]; 10];
        roots.push(vec![holder]);
        let size = |id: TypeId| [10, 1000, 50][id.0];
        let layout = plan(&graph, &roots, size);
        // Once: 1060 bytes; repeating `Small` on 10 more pages costs 100, `Big` 10 000.
        assert!(layout.shown[..10].iter().all(|s| s == &[small]));
        assert_eq!(layout.shown[10], [holder, small]);
        assert_eq!(layout.own_pages, [big]);
    }

    #[test]
    fn a_type_on_one_page_is_shown_there_however_large() {
        let (api, [small, big, holder]) = api();
        let graph = Graph::new(&crate::surface::Surface::new(&api));
        let layout = plan(&graph, &[vec![holder], vec![]], |_| 200 * 1024);
        assert_eq!(layout.shown[0], [holder]);
        // One page's structures stop at its budget; what it cannot show has its own page, and so
        // has everything that page leads to.
        assert_eq!(layout.own_pages, [small, big]);
        let layout = plan(&graph, &[vec![holder]], |id| {
            if id == holder {
                200
            } else {
                100
            }
        });
        assert_eq!(layout.shown[0], [holder, small, big]);
        assert!(layout.own_pages.is_empty());
    }

    #[test]
    fn own_pages_take_in_what_their_type_leads_to() {
        let mut api = empty_api();
        let leaf = add_type(&mut api, struct_def("Leaf", vec![]));
        let mid = add_type(
            &mut api,
            struct_def("Mid", vec![field("l", Ty::Named(leaf), true)]),
        );
        let top = add_type(
            &mut api,
            struct_def("Top", vec![field("m", Ty::Named(mid), true)]),
        );
        if let TypeKind::Struct(s) = &mut api.types[leaf.0].kind {
            s.fields.push(field("back", Ty::Named(top), false));
        }
        let graph = Graph::new(&crate::surface::Surface::new(&api));
        let roots = vec![vec![top]; 20];
        let layout = plan(&graph, &roots, |id| if id == leaf { 10 } else { 1000 });
        assert!(layout.shown.iter().all(Vec::is_empty));
        assert_eq!(layout.own_pages, [leaf, mid, top]);
    }
}
