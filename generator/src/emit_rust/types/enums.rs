//! Enums of values: each known value a variant, and an `Unknown` variant that keeps any other
//! value the server sends, so a new value on the server never breaks decoding.

use crate::model::*;
use crate::surface::EnumShape;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

pub fn enumeration(
    name: &syn::Ident,
    docs: TokenStream,
    e: &Enum,
    shape: &EnumShape,
) -> TokenStream {
    let unknown = format_ident!("{}", shape.unknown);
    match e.repr {
        EnumRepr::String => string_enum(name, docs, e, &unknown),
        EnumRepr::Integer | EnumRepr::Boolean => scalar_enum(name, docs, e, &unknown),
    }
}

fn string_enum(
    name: &syn::Ident,
    docs: TokenStream,
    e: &Enum,
    unknown: &syn::Ident,
) -> TokenStream {
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
        #[non_exhaustive]
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

/// An integer or boolean enum, (de)serialized through its value.
fn scalar_enum(
    name: &syn::Ident,
    docs: TokenStream,
    e: &Enum,
    unknown: &syn::Ident,
) -> TokenStream {
    let (base, serialize) = match e.repr {
        EnumRepr::Boolean => (quote!(bool), quote!(serialize_bool)),
        _ => (quote!(i64), quote!(serialize_i64)),
    };
    let literal = |v: &EnumVariant| match &v.value {
        serde_json::Value::Bool(b) => quote!(#b),
        other => {
            let n = Literal::i64_unsuffixed(other.as_i64().unwrap_or_default());
            quote!(#n)
        }
    };
    let variants = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let doc = format!(" `{}`", v.name.wire);
        quote! { #[doc = #doc] #ident, }
    });
    let to_value = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let lit = literal(v);
        quote! { Self::#ident => #lit, }
    });
    let from_value = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name.rust);
        let lit = literal(v);
        quote! { #lit => Self::#ident, }
    });
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know.
            #unknown(#base),
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn value(self) -> #base {
                match self {
                    #(#to_value)*
                    Self::#unknown(other) => other,
                }
            }
        }
        impl std::convert::From<#base> for #name {
            #[allow(unreachable_patterns)]
            fn from(value: #base) -> Self {
                match value {
                    #(#from_value)*
                    other => Self::#unknown(other),
                }
            }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.#serialize(self.value())
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                <#base as serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
