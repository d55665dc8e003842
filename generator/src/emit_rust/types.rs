//! Named types → `types.rs`: structs, enums that survive unknown values, unions and aliases.

use super::docs::{doc_attrs, field_doc};
use super::ty::{maybe_boxed, needs_box, rust_type};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn types_file(api: &Api) -> TokenStream {
    let items = api
        .types
        .iter()
        .enumerate()
        .map(|(i, def)| type_def(api, TypeId(i), def));
    quote! {
        //! The request and response types of the API.
        #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation)]
        #(#items)*
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
        TypeKind::Enum(e) => enumeration(&name, docs, e),
        TypeKind::Union(u) => union(api, id, &name, docs, u),
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
    let fields = s.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.name.rust);
        let ty = maybe_boxed(api, &f.ty, needs_box(api, id, &f.ty));
        let optional = !f.required && !f.ty.is_nullable();
        let ty = if optional { quote!(Option<#ty>) } else { ty };
        let rename = (f.name.rust != f.name.wire).then(|| {
            let wire = &f.name.wire;
            quote!(#[serde(rename = #wire)])
        });
        let presence = if optional {
            quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
        } else if f.ty.is_nullable() {
            quote!(#[serde(default)])
        } else {
            quote!()
        };
        let docs = field_doc(f);
        quote! { #docs #rename #presence pub #ident: #ty, }
    });
    let additional = s.additional.as_ref().map(|ty| {
        let ty = rust_type(api, ty);
        quote! {
            /// Properties not named in the schema.
            #[serde(flatten)]
            pub additional_properties: std::collections::BTreeMap<String, #ty>,
        }
    });
    let all_optional = s.fields.iter().all(|f| !f.required || f.ty.is_nullable());
    let default = all_optional.then(|| quote!(Default,));
    let has_secret = s.fields.iter().any(|f| f.secret);
    let debug = (!has_secret).then(|| quote!(Debug,));
    let redacted_debug = has_secret.then(|| redacted_debug(name, s));
    quote! {
        #docs
        #[derive(Clone, PartialEq, #debug #default serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #redacted_debug
    }
}

/// `Debug` that prints secret fields as `***`.
fn redacted_debug(name: &syn::Ident, s: &Struct) -> TokenStream {
    let label = name.to_string();
    let fields = s.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.name.rust);
        let key = &f.name.rust;
        if f.secret {
            let optional = !f.required || f.ty.is_nullable();
            redacted_field(key, &ident, optional)
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
        quote!(.field(#key, &crate::runtime::redact_option(&self.#ident)))
    } else {
        quote!(.field(#key, &crate::runtime::Redacted))
    }
}

fn enumeration(name: &syn::Ident, docs: TokenStream, e: &Enum) -> TokenStream {
    if e.repr != EnumRepr::String {
        let base = if e.repr == EnumRepr::Boolean {
            quote!(bool)
        } else {
            quote!(i64)
        };
        let values: Vec<String> = e
            .variants
            .iter()
            .map(|v| format!("`{}`", v.name.wire))
            .collect();
        let line = format!(" Known values: {}.", values.join(", "));
        return quote! { #docs #[doc = ""] #[doc = #line] pub type #name = #base; };
    }
    let mut unknown = String::from("Unknown");
    while e.variants.iter().any(|v| v.name.rust == unknown) {
        unknown.push('_');
    }
    let unknown = format_ident!("{unknown}");
    let variants = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let wire = &v.name.wire;
        let doc = format!(" `{wire}`");
        quote! { #[doc = #doc] #[serde(rename = #wire)] #ident, }
    });
    let arms = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let wire = &v.name.wire;
        quote! { Self::#ident => #wire, }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know.
            #[serde(untagged)]
            #unknown(String),
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#unknown(other) => other,
                }
            }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn union(api: &Api, id: TypeId, name: &syn::Ident, docs: TokenStream, u: &Union) -> TokenStream {
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let ty = maybe_boxed(api, &v.ty, needs_box(api, id, &v.ty));
        let doc = format!(" A `{}` value.", v.name.rust);
        quote! { #[doc = #doc] #ident(#ty), }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}
