//! The type graph, built once: which named types each type mentions, which of those it holds
//! inline (so recursion must be boxed), what each operation reaches, and which way each type
//! travels.

use crate::model::{Api, Operation, Ty, TypeKind};

/// Which way values of a type travel, directly or nested in other types. A type no operation uses
/// counts as both, and so does every type it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// In some request body or parameter.
    pub sent: bool,
    /// In some response body (of any status).
    pub received: bool,
}

#[derive(Debug, Clone)]
pub struct Graph {
    /// Per type, the named types its definition mentions, and whether each is held inline (not
    /// behind a `Vec` or a map).
    edges: Vec<Vec<(usize, bool)>>,
    /// Per type, its strongly connected component over inline edges.
    inline_component: Vec<usize>,
    /// Per type, whether it is an alias that reaches itself through aliases alone (held inline
    /// or not), which Rust cannot spell as `type`: it becomes a newtype.
    pub newtype: Vec<bool>,
    /// Per type, whether it has no finite value: each value holds another such value through
    /// required fields and every variant of a union (not through arrays, maps or nulls, which
    /// may be empty). Such a type can be declared but no example can make one. A type that
    /// requests send is made by its constructor, which takes a required nullable field's value
    /// without its `null`.
    pub endless: Vec<bool>,
    /// Per type, the depth of its shallowest value (`None` where endless): a union is one
    /// deeper than its shallowest variant, a struct one deeper than its deepest required field.
    /// A value cut short is finished by always stepping to a shallower type, which must end.
    pub height: Vec<Option<usize>>,
    pub usage: Vec<Usage>,
}

impl Graph {
    pub fn new(api: &Api) -> Graph {
        let edges: Vec<Vec<(usize, bool)>> =
            api.types.iter().map(|d| type_edges(&d.kind)).collect();
        let inline_component = components(&edges);
        let newtype = recursive_aliases(api, &edges);
        let mut graph = Graph {
            edges,
            inline_component,
            newtype,
            endless: Vec::new(),
            height: Vec::new(),
            usage: Vec::new(),
        };
        graph.usage = graph.usages(api);
        graph.height = heights(api, &graph.usage);
        graph.endless = graph.height.iter().map(Option::is_none).collect();
        graph
    }

    /// The named types the definition of type `id` mentions, in the order it mentions them
    /// (fields, then the flattened map's values; variants; an alias's target).
    pub fn targets(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        self.edges.get(id).into_iter().flatten().map(|&(to, _)| to)
    }

    /// Marks in `visited` every type reachable from `roots` (inclusive).
    pub fn mark(&self, roots: impl IntoIterator<Item = usize>, visited: &mut [bool]) {
        let mut stack: Vec<usize> = roots.into_iter().collect();
        while let Some(i) = stack.pop() {
            if i < visited.len() && !visited[i] {
                visited[i] = true;
                stack.extend(self.edges[i].iter().map(|&(to, _)| to));
            }
        }
    }

    /// Whether a value of `ty`, held inline in type `owner`, would make `owner` infinitely large.
    pub fn needs_box(&self, owner: usize, ty: &Ty) -> bool {
        match ty.non_null() {
            Ty::Named(id) => self.inline_component[id.0] == self.inline_component[owner],
            _ => false,
        }
    }

    fn usages(&self, api: &Api) -> Vec<Usage> {
        let count = api.types.len();
        let (mut sent, mut received) = (vec![false; count], vec![false; count]);
        for op in &api.operations {
            self.mark(request_roots(op), &mut sent);
            self.mark(response_roots(op), &mut received);
        }
        let unused: Vec<usize> = (0..count).filter(|&i| !sent[i] && !received[i]).collect();
        let mut free = vec![false; count];
        self.mark(unused, &mut free);
        (0..count)
            .map(|i| Usage {
                sent: sent[i] || free[i],
                received: received[i] || free[i],
            })
            .collect()
    }
}

/// The named types an operation's parameters and body mention directly.
pub fn request_roots(op: &Operation) -> Vec<usize> {
    let mut out = Vec::new();
    for p in &op.params {
        named(&p.ty, &mut out);
    }
    if let Some(body) = &op.body {
        named(&body.ty, &mut out);
    }
    out
}

/// The named types an operation's responses (of any status) mention directly.
pub fn response_roots(op: &Operation) -> Vec<usize> {
    let mut out = Vec::new();
    for body in op.responses.iter().filter_map(|r| r.body.as_ref()) {
        named(&body.ty, &mut out);
    }
    out
}

/// The named types in `ty`, through arrays, maps and `Nullable`.
pub fn named(ty: &Ty, out: &mut Vec<usize>) {
    match ty {
        Ty::Named(id) => out.push(id.0),
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => named(inner, out),
        _ => {}
    }
}

fn type_edges(kind: &TypeKind) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut add = |ty: &Ty| {
        let inline = matches!(ty.non_null(), Ty::Named(_));
        let mut found = Vec::new();
        named(ty, &mut found);
        out.extend(found.into_iter().map(|to| (to, inline)));
    };
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|f| add(&f.ty));
            if let Some(ty) = &s.additional {
                // A flattened map holds its values behind the map.
                let mut found = Vec::new();
                named(ty, &mut found);
                out.extend(found.into_iter().map(|to| (to, false)));
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| add(&v.ty)),
        TypeKind::Alias(ty) => add(ty),
        TypeKind::Enum(_) => {}
    }
    out
}

/// [`Graph::height`]: every type starts endless, then each takes the height its parts give it,
/// lowered until none changes.
fn heights(api: &Api, usage: &[Usage]) -> Vec<Option<usize>> {
    let mut height: Vec<Option<usize>> = vec![None; api.types.len()];
    let of = |ty: &Ty, height: &[Option<usize>]| match ty {
        Ty::Named(id) => height[id.0],
        _ => Some(0),
    };
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..height.len() {
            let now = match &api.types[i].kind {
                TypeKind::Enum(_) => Some(0),
                TypeKind::Alias(ty) => of(ty, &height),
                TypeKind::Union(u) if u.variants.is_empty() => Some(0),
                TypeKind::Union(u) => u.variants.iter().filter_map(|v| of(&v.ty, &height)).min(),
                TypeKind::Struct(s) if usage[i].sent => (s.fields.iter())
                    .filter(|f| f.required && !f.read_only && !f.write_only)
                    .try_fold(0, |deepest, f| {
                        let arg = match &f.ty {
                            Ty::Nullable(inner) => inner,
                            ty => ty,
                        };
                        Some(deepest.max(of(arg, &height)?))
                    }),
                TypeKind::Struct(s) => (s.fields.iter())
                    .filter(|f| f.required)
                    .try_fold(0, |deepest, f| Some(deepest.max(of(&f.ty, &height)?))),
            }
            .map(|h| h + 1);
            if now.is_some() && (height[i].is_none() || now < height[i]) {
                height[i] = now;
                changed = true;
            }
        }
    }
    height
}

/// Per type, whether it is an alias on a cycle of aliases: `type T = Vec<T>`, or `A` a map of
/// `B` and `B` a list of `A`.
fn recursive_aliases(api: &Api, edges: &[Vec<(usize, bool)>]) -> Vec<bool> {
    let alias = |i: usize| matches!(api.types[i].kind, TypeKind::Alias(_));
    let among_aliases: Vec<Vec<(usize, bool)>> = (0..edges.len())
        .map(|i| {
            let out = edges[i].iter().filter(|&&(to, _)| alias(i) && alias(to));
            out.map(|&(to, _)| (to, true)).collect()
        })
        .collect();
    let component = components(&among_aliases);
    let mut size = vec![0usize; edges.len()];
    component.iter().for_each(|&c| size[c] += 1);
    (0..edges.len())
        .map(|i| {
            let self_loop = among_aliases[i].iter().any(|&(to, _)| to == i);
            size[component[i]] > 1 || self_loop
        })
        .collect()
}

/// Tarjan's strongly connected components over the inline edges, iteratively; returns each
/// node's component number.
fn components(edges: &[Vec<(usize, bool)>]) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let inline: Vec<Vec<usize>> = edges
        .iter()
        .map(|out| out.iter().filter(|e| e.1).map(|e| e.0).collect())
        .collect();
    let n = inline.len();
    let (mut index, mut low, mut comp) = (vec![NONE; n], vec![0; n], vec![NONE; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut next_index, mut next_comp) = (0, 0);
    for start in 0..n {
        if index[start] != NONE {
            continue;
        }
        // (node, how many of its edges are done)
        let mut work = vec![(start, 0usize)];
        while let Some(&(v, done)) = work.last() {
            if done == 0 && index[v] == NONE {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = inline[v].get(done) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[w] == NONE {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
#[path = "graph_tests.rs"]
mod tests;
