//! `oneOf` / `anyOf` unions: untagged (serde tries each variant in turn), or tagged by a
//! discriminator property, whose value picks the variant and is always written as the spec says.

use super::super::ty::{serde_derives, serde_impl_gate, tokens};
use crate::surface::{TypeShape, UnionShape, UnionVariantShape};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn union(name: &syn::Ident, docs: TokenStream, u: &UnionShape, ty: &TypeShape) -> TokenStream {
    match (&u.tag, &u.unknown) {
        (Some(property), Some(unknown)) => tagged(name, docs, u, ty, property, unknown),
        _ => untagged(name, docs, u, ty),
    }
}

fn untagged(name: &syn::Ident, docs: TokenStream, u: &UnionShape, ty: &TypeShape) -> TokenStream {
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let payload = v.payload.as_ref().map(tokens);
        let doc = format!(" A `{}` value.", v.ident);
        quote! { #[doc = #doc] #ident(#payload), }
    });
    let (serde, full_serde) = serde_derives(&ty.traits);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, #serde)]
        #full_serde
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// An enum whose (de)serialization goes through the JSON value: the tag property picks the
/// variant when reading, and is set to the variant's tag when writing, whether or not the
/// variant's own type has that property. Unknown tags are kept as raw JSON.
fn tagged(
    name: &syn::Ident,
    docs: TokenStream,
    u: &UnionShape,
    ty: &TypeShape,
    property: &str,
    unknown: &str,
) -> TokenStream {
    let unknown = format_ident!("{unknown}");
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let doc = format!(" `{property}` is `{}`.", v.wire);
        match &v.payload {
            None => quote! { #[doc = #doc] #ident, },
            Some(payload) => {
                let payload = tokens(payload);
                quote! { #[doc = #doc] #ident(#payload), }
            }
        }
    });
    let to_json = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let wire = &v.wire;
        if v.payload.is_none() {
            return quote! {
                Self::#ident => (#wire, Ok::<_, serde_json::Error>(serde_json::Value::Object(serde_json::Map::new()))),
            };
        }
        quote! { Self::#ident(value) => (#wire, serde_json::to_value(value)), }
    });
    let from_json = u.variants.iter().map(from_json);
    let unknown_doc = format!(" Any other `{property}`, kept as the JSON that was received.");
    let (ser_gate, de_gate) = (
        serde_impl_gate(ty.traits.serialize),
        serde_impl_gate(ty.traits.deserialize),
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
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = #unknown_doc]
            #unknown(serde_json::Value),
        }
        #serialize
        #deserialize
    }
}

fn from_json(v: &UnionVariantShape) -> TokenStream {
    let ident = format_ident!("{}", v.ident);
    let wire = &v.wire;
    if v.payload.is_none() {
        return quote! { Some(#wire) => Ok::<_, serde_json::Error>(Self::#ident), };
    }
    let wrap = if v.boxed {
        quote!(|inner| Self::#ident(Box::new(inner)))
    } else {
        quote!(Self::#ident)
    };
    quote! { Some(#wire) => serde_json::from_value(value).map(#wrap), }
}
