//! `oneOf` / `anyOf` unions: untagged (serde tries each variant in turn), or tagged by a
//! discriminator property, whose value picks the variant and is always written as the spec says.

use super::super::ty::{is_unit, maybe_boxed, needs_box, serde_derives, serde_impl_gate};
use super::enums::unknown_ident;
use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn union(
    api: &Api,
    id: TypeId,
    name: &syn::Ident,
    docs: TokenStream,
    u: &Union,
) -> TokenStream {
    match &u.discriminator {
        Some(d) => tagged(api, id, name, docs, u, &d.property),
        None => untagged(api, id, name, docs, u),
    }
}

fn untagged(api: &Api, id: TypeId, name: &syn::Ident, docs: TokenStream, u: &Union) -> TokenStream {
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let ty = maybe_boxed(api, &v.ty, needs_box(api, id, &v.ty));
        let doc = format!(" A `{}` value.", v.name.rust);
        quote! { #[doc = #doc] #ident(#ty), }
    });
    let (serde, full_serde) = serde_derives(api.type_def(id).usage);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, #serde)]
        #full_serde
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// An enum whose (de)serialization goes through the JSON value: the tag property picks the
/// variant when reading, and is set to the variant's tag when writing, whether or not the
/// variant's own type has that property. Unknown tags are kept as raw JSON.
fn tagged(
    api: &Api,
    id: TypeId,
    name: &syn::Ident,
    docs: TokenStream,
    u: &Union,
    property: &str,
) -> TokenStream {
    let unknown = unknown_ident(u.variants.iter().map(|v| v.name.rust.as_str()));
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let doc = format!(" `{property}` is `{}`.", v.name.wire);
        if is_unit(api, &v.ty) {
            return quote! { #[doc = #doc] #ident, };
        }
        let ty = maybe_boxed(api, &v.ty, needs_box(api, id, &v.ty));
        quote! { #[doc = #doc] #ident(#ty), }
    });
    let to_json = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let wire = &v.name.wire;
        if is_unit(api, &v.ty) {
            return quote! {
                Self::#ident => (#wire, Ok::<_, serde_json::Error>(serde_json::Value::Object(serde_json::Map::new()))),
            };
        }
        quote! { Self::#ident(value) => (#wire, serde_json::to_value(value)), }
    });
    let from_json = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let wire = &v.name.wire;
        if is_unit(api, &v.ty) {
            return quote! { Some(#wire) => Ok::<_, serde_json::Error>(Self::#ident), };
        }
        let wrap = if needs_box(api, id, &v.ty) {
            quote!(|inner| Self::#ident(Box::new(inner)))
        } else {
            quote!(Self::#ident)
        };
        quote! { Some(#wire) => serde_json::from_value(value).map(#wrap), }
    });
    let unknown_doc = format!(" Any other `{property}`, kept as the JSON that was received.");
    let usage = api.type_def(id).usage;
    let (ser_gate, de_gate) = (
        serde_impl_gate(usage.written()),
        serde_impl_gate(usage.read()),
    );
    let serialize = quote! {
        #ser_gate
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(#to_json)*
                    Self::#unknown(value) => return serde::Serialize::serialize(value, serializer),
                };
                let mut value = value.map_err(serde::ser::Error::custom)?;
                if let serde_json::Value::Object(map) = &mut value {
                    map.insert(#property.to_owned(), serde_json::Value::from(tag));
                }
                serde::Serialize::serialize(&value, serializer)
            }
        }
    };
    let deserialize = quote! {
        #de_gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize<'de>>::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                let variant = match tag.as_deref() {
                    #(#from_json)*
                    _ => return Ok(Self::#unknown(value)),
                };
                variant.map_err(serde::de::Error::custom)
            }
        }
    };
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
            #[doc = #unknown_doc]
            #unknown(serde_json::Value),
        }
        #serialize
        #deserialize
    }
}
