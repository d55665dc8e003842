//! Named types → `types.rs`: structs, enums that survive unknown values, unions and aliases.

mod enums;
mod unions;

use super::docs::{doc_attrs, field_doc};
use super::format::Part;
use super::ty::{field_type, presence, rust_type, serde_derives, Presence};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Named types per part of `types.rs`, so that the parts spread over the formatting threads.
const TYPES_PER_PART: usize = 32;

/// `types.rs` in parts: the module's head, the named types a run at a time, then the response
/// enums and helpers.
pub fn parts(api: &Api) -> Vec<Part<'_>> {
    let head: Part = Box::new(|| {
        quote! {
            //! The request and response types of the API.
            // Spec text is copied into docs as written (its Markdown, links and HTML included), and
            // specs nest large types in unions.
            #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
            #![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
        }
    });
    let mut parts = vec![head];
    for start in (0..api.types.len()).step_by(TYPES_PER_PART) {
        let end = (start + TYPES_PER_PART).min(api.types.len());
        parts.push(Box::new(move || {
            let defs = api.types[start..end].iter().enumerate();
            defs.map(|(i, def)| type_def(api, TypeId(start + i), def))
                .collect()
        }));
    }
    parts.push(Box::new(|| {
        let tri_state = api.types.iter().any(|def| match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .any(|f| presence(api, f, def.usage.sent) == Presence::TriState),
            _ => false,
        });
        let helper = tri_state.then(deserialize_some);
        let responses = super::signature::response_enums(api);
        quote!(#responses #helper)
    }));
    parts
}

/// Reads a present field of an `Option<Option<T>>`: `null` is `Some(None)`; absence, via
/// `#[serde(default)]`, is `None`.
fn deserialize_some() -> TokenStream {
    quote! {
        // Unused when the features that gate every tri-state field are off.
        #[allow(dead_code)]
        fn deserialize_some<'de, T, D>(deserializer: D) -> std::result::Result<Option<T>, D::Error>
        where
            T: serde::Deserialize<'de>,
            D: serde::Deserializer<'de>,
        {
            <T as serde::Deserialize<'de>>::deserialize(deserializer).map(Some)
        }
    }
}

fn type_def(api: &Api, id: TypeId, def: &TypeDef) -> TokenStream {
    let docs = doc_attrs(
        def.description.as_deref(),
        &format!("The `{}` schema.", def.name.wire),
    );
    let name = format_ident!("{}", def.name.rust);
    match &def.kind {
        TypeKind::Struct(s) => structure(api, id, &name, docs, s),
        TypeKind::Enum(e) => enums::enumeration(&name, docs, e),
        TypeKind::Union(u) => unions::union(api, id, &name, docs, u),
        TypeKind::Alias(ty) => {
            let ty = rust_type(api, ty);
            quote! { #docs pub type #name = #ty; }
        }
    }
}

fn structure(
    api: &Api,
    id: TypeId,
    name: &syn::Ident,
    docs: TokenStream,
    s: &Struct,
) -> TokenStream {
    let usage = api.type_def(id).usage;
    let in_request = usage.sent;
    let fields = s.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.name.rust);
        let presence = presence(api, f, in_request);
        let ty = field_type(api, id, f, presence);
        let rename = (f.name.rust != f.name.wire).then(|| {
            let wire = &f.name.wire;
            quote!(#[serde(rename = #wire)])
        });
        let attrs = match presence {
            Presence::Required => quote!(),
            Presence::Nullable => quote!(#[serde(default)]),
            Presence::Optional => {
                quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
            }
            Presence::TriState => quote! {
                #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "deserialize_some")]
            },
        };
        let docs = field_doc(f, presence == Presence::TriState);
        quote! { #docs #rename #attrs pub #ident: #ty, }
    });
    let additional = s.additional.as_ref().map(|ty| {
        let ty = rust_type(api, ty);
        quote! {
            /// Properties not named in the schema.
            #[serde(flatten)]
            pub additional_properties: std::collections::BTreeMap<String, #ty>,
        }
    });
    let all_optional = s
        .fields
        .iter()
        .all(|f| presence(api, f, in_request).is_optional());
    let default = all_optional.then(|| quote!(Default,));
    let has_secret = s.fields.iter().any(|f| f.secret);
    let debug = (!has_secret).then(|| quote!(Debug,));
    let redacted_debug = has_secret.then(|| redacted_debug(api, name, s, in_request));
    let (serde, full_serde) = serde_derives(usage);
    quote! {
        #docs
        #[derive(Clone, PartialEq, #debug #default #serde)]
        #full_serde
        pub struct #name {
            #(#fields)*
            #additional
        }
        #redacted_debug
    }
}

/// `Debug` that prints secret fields as `***`.
fn redacted_debug(api: &Api, name: &syn::Ident, s: &Struct, in_request: bool) -> TokenStream {
    let label = name.to_string();
    let fields = s.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.name.rust);
        let key = &f.name.rust;
        if f.secret {
            redacted_field(key, &ident, presence(api, f, in_request).is_optional())
        } else {
            quote!(.field(#key, &self.#ident))
        }
    });
    let additional = s
        .additional
        .as_ref()
        .map(|_| quote!(.field("additional_properties", &self.additional_properties)));
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #additional .finish()
            }
        }
    }
}

/// A `.field(..)` call that shows `***` (or `Some(***)`) instead of the value.
pub(super) fn redacted_field(key: &str, ident: &syn::Ident, optional: bool) -> TokenStream {
    if optional {
        quote!(.field(#key, &super::runtime::redact_option(&self.#ident)))
    } else {
        quote!(.field(#key, &super::runtime::Redacted))
    }
}
