//! `cfg` gates on generated items: each Cargo feature (see [`crate::surface::features`]) gates
//! the methods, parameter structs and types that only its operations use.

use std::collections::BTreeMap;

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
