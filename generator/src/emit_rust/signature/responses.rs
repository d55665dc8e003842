//! What an operation's method returns, as tokens: the expression that reads the result, and the
//! per-operation enums of operations whose success statuses differ.

use super::super::ty::tokens;
use crate::model::*;
use crate::surface::{Read, Returns, StatusVariant, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The expression that makes the method's result from `resp`, a `&runtime::Received`.
pub fn result(returns: &Returns) -> TokenStream {
    match returns {
        Returns::Unit => quote!(resp.empty()),
        Returns::Body(body) => read(body.read),
        Returns::Enum(e) => {
            let enum_ty = format_ident!("{}", e.name);
            let arms = e.variants.iter().map(|v| arm(&enum_ty, v));
            let catch_all = e.other.then(|| {
                quote! { status => Ok(super::types::#enum_ty::Other { status, body: resp.bytes() }), }
            });
            quote! {
                match resp.status() {
                    #(#arms)*
                    #catch_all
                }
            }
        }
    }
}

/// The `resp.…()` call that reads a body.
fn read(read: Read) -> TokenStream {
    match read {
        Read::Bytes => quote!(Ok(resp.bytes())),
        Read::Text => quote!(resp.text()),
        Read::Json => quote!(resp.json()),
        // Not in an enum (whose bodies are read whole); as text, should one be.
        Read::Events { .. } => quote!(resp.text()),
    }
}

fn arm(enum_ty: &syn::Ident, v: &StatusVariant) -> TokenStream {
    let variant = format_ident!("{}", v.ident);
    let pattern = match v.status {
        StatusCode::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        _ => quote!(_),
    };
    match &v.body {
        Some((_, how)) => {
            let read = read(*how);
            quote! { #pattern => Ok(super::types::#enum_ty::#variant(#read?)), }
        }
        None => {
            quote! { #pattern => { resp.empty()?; Ok(super::types::#enum_ty::#variant) } }
        }
    }
}

/// The response enums, for `types.rs`.
pub fn response_enums(surface: &Surface) -> TokenStream {
    let client = &surface.api.client.name;
    let enums = surface.operations().filter_map(|(op, shape)| {
        let Returns::Enum(e) = &shape.returns else {
            return None;
        };
        let ident = format_ident!("{}", e.name);
        let doc = format!(
            " What [`{client}::{method}`](crate::{client}::{method}) returns: one variant per success status.",
            method = op.name.rust
        );
        let variants = e.variants.iter().map(|v| {
            let variant = format_ident!("{}", v.ident);
            let r = &op.responses[v.response];
            let text = r.description.as_deref().map(str::trim).filter(|d| !d.is_empty());
            let doc = match text {
                Some(d) => format!(" `{}`: {}", v.status, super::super::docs::brief(d)),
                None => format!(" `{}`.", v.status),
            };
            match &v.body {
                Some((ty, _)) => {
                    let ty = tokens(ty);
                    quote! { #[doc = #doc] #variant(#ty), }
                }
                None => quote! { #[doc = #doc] #variant, },
            }
        });
        let other = e.other.then(|| {
            quote! {
                /// A success status the spec does not list, with the body as received.
                Other {
                    /// The HTTP status code.
                    status: u16,
                    /// The raw body.
                    body: Vec<u8>,
                },
            }
        });
        let gate = shape
            .gate
            .as_deref()
            .and_then(super::super::gates::cfg_attr);
        Some(quote! {
            #[doc = #doc]
            #gate
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #ident {
                #(#variants)*
                #other
            }
        })
    });
    quote!(#(#enums)*)
}
