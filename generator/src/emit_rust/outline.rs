//! The generated Rust of single items, outlined for the docs: public items and their signatures,
//! without doc comments or function bodies.

use crate::parallel::parallel_map;
use crate::surface::Surface;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The outline of named type `index`: its definition and the public methods of its `impl`s.
pub fn type_outline(surface: &Surface, index: usize) -> String {
    let (def, shape) = (&surface.api.types[index], &surface.types[index]);
    outline(super::types::type_def(def, shape))
}

/// The outline of operation `index`: the client's method and the request builder it returns.
pub fn operation_outline(surface: &Surface, index: usize) -> String {
    let client = format_ident!("{}", surface.client.name);
    let method = super::client::method(surface, index, None);
    let builder = super::requests::builder(surface, index);
    outline(quote! {
        impl #client { #method }
        #builder
    })
}

/// The outlines of every type and operation, made on a thread per core.
pub fn outlines(surface: &Surface) -> (Vec<String>, Vec<String>) {
    let types = parallel_map((0..surface.types.len()).collect(), |i| {
        type_outline(surface, i)
    });
    let ops = parallel_map((0..surface.ops.len()).collect(), |i| {
        operation_outline(surface, i)
    });
    (types, ops)
}

fn outline(tokens: TokenStream) -> String {
    let Ok(mut file) = syn::parse2::<syn::File>(tokens) else {
        return String::new();
    };
    file.items.retain_mut(|item| match item {
        syn::Item::Struct(s) => {
            strip(&mut s.attrs);
            if let syn::Fields::Named(fields) = &mut s.fields {
                fields.named = std::mem::take(&mut fields.named)
                    .into_iter()
                    .filter(|f| matches!(f.vis, syn::Visibility::Public(_)))
                    .map(|mut f| {
                        strip(&mut f.attrs);
                        f
                    })
                    .collect();
            }
            true
        }
        syn::Item::Enum(e) => {
            strip(&mut e.attrs);
            e.variants.iter_mut().for_each(|v| strip(&mut v.attrs));
            true
        }
        syn::Item::Type(t) => {
            strip(&mut t.attrs);
            true
        }
        syn::Item::Impl(imp) => {
            strip(&mut imp.attrs);
            imp.items.retain_mut(|member| match member {
                syn::ImplItem::Fn(f) if matches!(f.vis, syn::Visibility::Public(_)) => {
                    strip(&mut f.attrs);
                    f.block.stmts.clear();
                    true
                }
                syn::ImplItem::Type(_) => true,
                syn::ImplItem::Fn(f) => {
                    imp.trait_.is_some() && {
                        f.block.stmts.clear();
                        true
                    }
                }
                _ => false,
            });
            imp.trait_.is_none()
                || imp
                    .items
                    .iter()
                    .any(|i| matches!(i, syn::ImplItem::Type(_)))
        }
        _ => false,
    });
    prettyplease::unparse(&file)
}

/// Drops doc comments and serde attributes, which say nothing the outline's reader needs.
fn strip(attrs: &mut Vec<syn::Attribute>) {
    attrs.retain(|a| !a.path().is_ident("doc") && !a.path().is_ident("serde"));
}
