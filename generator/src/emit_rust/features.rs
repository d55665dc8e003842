//! One Cargo feature per tag: feature names, and which generated items each feature gates.
//!
//! An operation belongs to the feature of its first tag; untagged operations are always compiled.
//! A named type is gated by the features of the operations that reach it (through fields, union
//! variants, aliases, arrays and maps); a type reached by an untagged operation, by every feature,
//! or by no operation at all (and whatever such a type reaches) is always compiled.
//!
//! Feature names are ASCII so every tool accepts them: a tag whose name is ASCII becomes its
//! lowercase slug (`User Profile` → `user-profile`). Any other tag (e.g. a Chinese one), a tag
//! whose slug is empty or `default`, and a tag whose slug another tag already took, becomes the
//! slug of its ASCII letters and digits, if any, then the FNV-1a hash of the tag's UTF-8 name in 8
//! hex digits (`MFA 要素管理/API 列表` → `mfa-api-d3ec73e8`, `用户资料` → `tag-<hash>`). The hash
//! stays the same when tags are added, removed or reordered. `Cargo.toml` names the tag above
//! each feature.

use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The features of one API and the gates they put on generated items.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// `(feature name, tag name)`, in first-use order.
    pub list: Vec<(String, String)>,
    /// Feature index of each operation (`None`: untagged, always compiled).
    op_feature: Vec<Option<usize>>,
    /// Features of each named type (`None`: always compiled).
    type_features: Vec<Option<BTreeSet<usize>>>,
}

impl Features {
    pub fn new(api: &Api) -> Self {
        let (list, op_feature) = feature_list(api);
        let type_features = type_gates(api, &op_feature, list.len());
        Features {
            list,
            op_feature,
            type_features,
        }
    }

    /// The feature an operation needs, by operation index.
    pub fn of_operation(&self, index: usize) -> Option<&str> {
        let feature = (*self.op_feature.get(index)?)?;
        Some(&self.list[feature].0)
    }

    /// The `cfg` predicate that gates operation `index`, if any.
    pub fn operation_cfg(&self, index: usize) -> Option<String> {
        self.of_operation(index)
            .map(|name| format!("feature = {name:?}"))
    }

    /// The `cfg` predicate that gates named type `id`, if any.
    pub fn type_cfg(&self, id: TypeId) -> Option<String> {
        let set = self.type_features.get(id.0)?.as_ref()?;
        let preds: Vec<String> = set
            .iter()
            .map(|&f| format!("feature = {:?}", self.list[f].0))
            .collect();
        match preds.as_slice() {
            [one] => Some(one.clone()),
            _ => Some(format!("any({})", preds.join(", "))),
        }
    }
}

fn feature_list(api: &Api) -> (Vec<(String, String)>, Vec<Option<usize>>) {
    let mut list: Vec<(String, String)> = Vec::new();
    let mut by_tag: BTreeMap<&str, usize> = BTreeMap::new();
    let mut taken = BTreeSet::from([super::ty::FULL_SERDE.to_owned()]);
    let op_feature = api
        .operations
        .iter()
        .map(|op| {
            let tag = op.primary_tag()?;
            let index = *by_tag.entry(tag).or_insert_with(|| {
                let name = feature_name(tag, &taken);
                taken.insert(name.clone());
                list.push((name, tag.to_owned()));
                list.len() - 1
            });
            Some(index)
        })
        .collect();
    (list, op_feature)
}

/// The feature name of `tag`, given the names already taken.
pub fn feature_name(tag: &str, taken: &BTreeSet<String>) -> String {
    let slug = slug(tag);
    if tag.is_ascii() && !slug.is_empty() && slug != "default" && !taken.contains(&slug) {
        return slug;
    }
    let prefix = if slug.is_empty() { "tag" } else { &slug };
    let mut name = format!("{prefix}-{:08x}", fnv1a(tag.as_bytes()));
    while taken.contains(&name) {
        name.push('x');
    }
    name
}

/// Lowercase ASCII letters and digits, runs of anything else as one `-`, no `-` at either end.
fn slug(tag: &str) -> String {
    let mut out = String::new();
    for c in tag.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// For each type, the features that reach it, or `None` when it is always compiled.
fn type_gates(
    api: &Api,
    op_feature: &[Option<usize>],
    count: usize,
) -> Vec<Option<BTreeSet<usize>>> {
    let edges: Vec<Vec<usize>> = api.types.iter().map(type_edges).collect();
    let mut reached: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
    let mut always = vec![false; api.types.len()];
    let mut seen_by_any = vec![false; api.types.len()];
    for (op, feature) in api.operations.iter().zip(op_feature) {
        let roots = op_roots(op);
        mark(&edges, &roots, &mut seen_by_any);
        match feature {
            Some(f) => {
                let mut visited = vec![false; api.types.len()];
                mark(&edges, &roots, &mut visited);
                for (i, v) in visited.iter().enumerate() {
                    if *v {
                        reached[i].insert(*f);
                    }
                }
            }
            None => mark(&edges, &roots, &mut always),
        }
    }
    let orphans: Vec<usize> = (0..api.types.len()).filter(|&i| !seen_by_any[i]).collect();
    mark(&edges, &orphans, &mut always);
    reached
        .into_iter()
        .zip(always)
        .map(|(set, always)| (!always && !set.is_empty() && set.len() < count).then_some(set))
        .collect()
}

/// Marks every type reachable from `roots` (inclusive) in `visited`.
fn mark(edges: &[Vec<usize>], roots: &[usize], visited: &mut [bool]) {
    let mut stack: Vec<usize> = roots.to_vec();
    while let Some(i) = stack.pop() {
        if i < visited.len() && !visited[i] {
            visited[i] = true;
            stack.extend(&edges[i]);
        }
    }
}

/// The named types an operation's parameters, body and responses mention directly.
fn op_roots(op: &Operation) -> Vec<usize> {
    let mut out = Vec::new();
    for p in &op.params {
        named(&p.ty, &mut out);
    }
    if let Some(body) = &op.body {
        named(&body.ty, &mut out);
    }
    for body in op.responses.iter().filter_map(|r| r.body.as_ref()) {
        named(&body.ty, &mut out);
    }
    out
}

/// The named types a type definition mentions directly.
fn type_edges(def: &TypeDef) -> Vec<usize> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                named(&f.ty, &mut out);
            }
            if let Some(ty) = &s.additional {
                named(ty, &mut out);
            }
        }
        TypeKind::Enum(_) => {}
        TypeKind::Union(u) => {
            for v in &u.variants {
                named(&v.ty, &mut out);
            }
        }
        TypeKind::Alias(ty) => named(ty, &mut out),
    }
    out
}

fn named(ty: &Ty, out: &mut Vec<usize>) {
    match ty {
        Ty::Named(id) => out.push(id.0),
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => named(inner, out),
        _ => {}
    }
}

/// `cfg` attributes to put on the items of one generated file, by item name: a type's name gates
/// the type and its `impl` blocks; a method's name gates that method inside any `impl` block.
/// Item name → the `cfg` predicate that gates it (e.g. `feature = "users"`). Plain text, so the
/// gates of a file can be shared by the threads that format its parts.
pub type Gates = BTreeMap<String, String>;

/// A `#[cfg(..)]` attribute from a predicate such as `feature = "x"`.
pub fn cfg_attr(predicate: &str) -> Option<syn::Attribute> {
    let predicate: proc_macro2::TokenStream = predicate.parse().ok()?;
    Some(syn::parse_quote!(#[cfg(#predicate)]))
}

/// Puts each gate's attribute on the items it names.
pub fn apply(file: &mut syn::File, gates: &Gates) {
    if gates.is_empty() {
        return;
    }
    for item in &mut file.items {
        let (name, attrs) = match item {
            syn::Item::Struct(s) => (Some(s.ident.to_string()), &mut s.attrs),
            syn::Item::Enum(e) => (Some(e.ident.to_string()), &mut e.attrs),
            syn::Item::Type(t) => (Some(t.ident.to_string()), &mut t.attrs),
            syn::Item::Fn(f) => (Some(f.sig.ident.to_string()), &mut f.attrs),
            syn::Item::Impl(imp) => {
                let name = self_type_name(&imp.self_ty);
                if name.as_ref().is_none_or(|n| !gates.contains_key(n)) {
                    gate_methods(imp, gates);
                }
                (name, &mut imp.attrs)
            }
            _ => continue,
        };
        if let Some(attr) = name.and_then(|n| gates.get(&n)) {
            insert_after_docs(attrs, attr);
        }
    }
}

fn gate_methods(imp: &mut syn::ItemImpl, gates: &Gates) {
    for item in &mut imp.items {
        if let syn::ImplItem::Fn(f) = item {
            if let Some(attr) = gates.get(&f.sig.ident.to_string()) {
                insert_after_docs(&mut f.attrs, attr);
            }
        }
    }
}

/// Puts `attr` after the item's doc comment, where a reader looks for it.
fn insert_after_docs(attrs: &mut Vec<syn::Attribute>, predicate: &str) {
    let Some(attr) = cfg_attr(predicate) else {
        return;
    };
    let at = attrs
        .iter()
        .position(|a| !a.path().is_ident("doc"))
        .unwrap_or(attrs.len());
    attrs.insert(at, attr);
}

fn self_type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
tags: [{ name: User Profile }, { name: 用户管理 }]
paths:
  /a:
    post:
      operationId: a
      tags: [User Profile]
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/OnlyA' } } }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Shared' } } } } }
  /b:
    get:
      operationId: b
      tags: [用户管理]
      parameters: [{ name: q, in: query, schema: { type: string } }]
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Shared' } } } } }
  /c:
    get:
      operationId: c
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Untagged' } } } } }
components:
  schemas:
    OnlyA: { type: object, properties: { leaf: { $ref: '#/components/schemas/Leaf' } } }
    Leaf: { type: object, properties: { x: { type: string } } }
    Shared: { type: object, properties: { x: { type: string } } }
    Untagged: { type: object, properties: { x: { type: string } } }
    Orphan: { type: object, properties: { leaf: { $ref: '#/components/schemas/Leaf' } } }
    OrphanOnly: { type: object, properties: { y: { $ref: '#/components/schemas/OnlyB' } } }
    OnlyB: { type: object, properties: { x: { type: string } } }
"#;

    fn api() -> Api {
        let doc = crate::load::load_bytes("t.yaml", SPEC.as_bytes()).unwrap();
        crate::lower::lower(&doc, &crate::Options::default())
            .unwrap()
            .0
    }

    fn type_cfg(api: &Api, features: &Features, name: &str) -> Option<String> {
        let i = api.types.iter().position(|t| t.name.wire == name).unwrap();
        features.type_cfg(TypeId(i))
    }

    #[test]
    fn ascii_tags_become_slugs_and_others_stable_hashes() {
        let none = BTreeSet::new();
        assert_eq!(feature_name("User Profile", &none), "user-profile");
        assert_eq!(feature_name("  V2 / Users!! ", &none), "v2-users");
        let zh = feature_name("用户管理", &none);
        assert_eq!(zh, format!("tag-{:08x}", fnv1a("用户管理".as_bytes())));
        assert_ne!(zh, feature_name("用户管理/角色", &none));
        let mixed = feature_name("MFA 要素管理/API 列表", &none);
        assert_eq!(
            mixed,
            format!("mfa-api-{:08x}", fnv1a("MFA 要素管理/API 列表".as_bytes()))
        );
        assert!(feature_name("---", &none).starts_with("tag-"));
        assert!(feature_name("Default", &none).starts_with("default-"));
        let taken = BTreeSet::from(["users".to_owned()]);
        assert!(feature_name("Users", &taken).starts_with("users-"));
    }

    #[test]
    fn operations_follow_their_first_tag_and_untagged_ones_are_ungated() {
        let api = api();
        let features = Features::new(&api);
        let names: Vec<&str> = features.list.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "user-profile");
        assert!(
            names[1].starts_with("tag-") && names[1].is_ascii(),
            "{names:?}"
        );
        assert_eq!(
            features.operation_cfg(0).as_deref(),
            Some("feature = \"user-profile\"")
        );
        assert_eq!(features.operation_cfg(2), None);
    }

    #[test]
    fn types_are_gated_by_the_features_that_reach_them() {
        let api = api();
        let f = Features::new(&api);
        let a = Some("feature = \"user-profile\"".to_owned());
        assert_eq!(type_cfg(&api, &f, "OnlyA"), a);
        // Reached by every feature, by an untagged operation, or from an orphan: always compiled.
        assert_eq!(type_cfg(&api, &f, "Shared"), None);
        assert_eq!(type_cfg(&api, &f, "Untagged"), None);
        assert_eq!(type_cfg(&api, &f, "Leaf"), None);
        assert_eq!(type_cfg(&api, &f, "OnlyB"), None);
    }

    #[test]
    fn gates_land_on_types_their_impls_and_methods_after_the_docs() {
        let mut file: syn::File = syn::parse_quote! {
            /// Docs.
            pub struct A;
            impl std::fmt::Debug for A { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { Ok(()) } }
            pub struct B;
            impl Client { /// Docs.
                pub fn a(&self) {} pub fn b(&self) {} }
        };
        let attr = "feature = \"x\"".to_owned();
        let gates = Gates::from([("A".to_owned(), attr.clone()), ("a".to_owned(), attr)]);
        apply(&mut file, &gates);
        let text = prettyplease::unparse(&file);
        let expected = "/// Docs.\n#[cfg(feature = \"x\")]\npub struct A;\n#[cfg(feature = \"x\")]\nimpl std::fmt::Debug for A";
        assert!(text.starts_with(expected), "{text}");
        assert!(text.contains("pub struct B;\nimpl Client"), "{text}");
        assert!(
            text.contains(
                "/// Docs.\n    #[cfg(feature = \"x\")]\n    pub fn a(&self) {}\n    pub fn b"
            ),
            "{text}"
        );
    }
}
