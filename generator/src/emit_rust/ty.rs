//! Surface types → Rust type tokens, and the serde derives of a type.

use crate::surface::{Derive, RustType, Traits, FULL_SERDE};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The tokens of `ty`, with the crate's own types under `super::types` and `super::params`.
pub fn tokens(ty: &RustType) -> TokenStream {
    tokens_under(ty, &quote!(super))
}

/// The tokens of `ty`, with the crate's own types under `root::types` and `root::params`.
pub fn tokens_under(ty: &RustType, root: &TokenStream) -> TokenStream {
    let tokens = |ty: &RustType| tokens_under(ty, root);
    match ty {
        RustType::Named(name) => {
            let name = format_ident!("{name}");
            quote!(#root::types::#name)
        }
        RustType::Params(name) => {
            let name = format_ident!("{name}");
            quote!(#root::params::#name)
        }
        RustType::Prim(name) => {
            let name = format_ident!("{name}");
            quote!(#name)
        }
        RustType::Bytes => quote!(Vec<u8>),
        RustType::Json => quote!(serde_json::Value),
        RustType::Vec(item) => {
            let item = tokens(item);
            quote!(Vec<#item>)
        }
        RustType::Map(value) => {
            let value = tokens(value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        RustType::Option(inner) => {
            let inner = tokens(inner);
            quote!(Option<#inner>)
        }
        RustType::Box(inner) => {
            let inner = tokens(inner);
            quote!(Box<#inner>)
        }
        RustType::Ref(inner) => {
            let inner = tokens(inner);
            quote!(&#inner)
        }
        RustType::Str => quote!(&str),
        RustType::Unit => quote!(()),
        RustType::ByteStream => quote!(#root::runtime::ByteStream),
        RustType::FilePart => quote!(#root::runtime::FilePart),
        RustType::Events(data) => {
            let data = tokens(data);
            quote!(#root::runtime::EventStream<#data>)
        }
    }
}

/// A type's serde derives: those it always has, for its `derive` list, and the attribute that
/// derives the others under the `full-serde` feature.
pub fn serde_derives(traits: &Traits) -> (TokenStream, Option<TokenStream>) {
    let pairs = [
        (traits.serialize, quote!(serde::Serialize)),
        (traits.deserialize, quote!(serde::Deserialize)),
    ];
    let always = pairs
        .iter()
        .filter(|(d, _)| *d == Derive::Always)
        .map(|(_, t)| t);
    let gated: Vec<&TokenStream> = pairs
        .iter()
        .filter(|(d, _)| *d == Derive::FullSerde)
        .map(|(_, t)| t)
        .collect();
    let full = (!gated.is_empty())
        .then(|| quote!(#[cfg_attr(feature = #FULL_SERDE, derive(#(#gated),*))]));
    (quote!(#(#always),*), full)
}

/// `#[cfg(feature = "full-serde")]` on a hand-written serde impl the type does not always get.
pub fn serde_impl_gate(derive: Derive) -> Option<TokenStream> {
    (derive == Derive::FullSerde).then(|| quote!(#[cfg(feature = #FULL_SERDE)]))
}
