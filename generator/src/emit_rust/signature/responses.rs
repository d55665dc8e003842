//! What an operation returns. One success body type is returned as is; several success statuses
//! with different bodies (or some with none) give an enum per operation, one variant per status.

use super::super::ty::rust_type;
use crate::model::names::{pascal, Scope};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The responses an operation's result is made from.
enum Returns<'a> {
    Empty,
    One(&'a ResponseBody),
    /// The enum's name and the responses, in spec order.
    Many(String, Vec<&'a Response>),
}

/// The 2XX responses (the runtime turns any other status into an error); with none, a `default`
/// response with a body stands for success too.
fn successes(op: &Operation) -> Vec<&Response> {
    let two_xx: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| matches!(r.status, StatusCode::Code(200..=299) | StatusCode::Range(2)))
        .collect();
    if !two_xx.is_empty() {
        return two_xx;
    }
    op.responses
        .iter()
        .filter(|r| r.status == StatusCode::Default && r.body.is_some())
        .collect()
}

fn same_body(a: &ResponseBody, b: &ResponseBody) -> bool {
    a.kind == b.kind && a.ty == b.ty
}

/// Whether the success responses differ: bodies of different types, or some without a body.
fn needs_enum(all: &[&Response]) -> bool {
    let bodies: Vec<&ResponseBody> = all.iter().filter_map(|r| r.body.as_ref()).collect();
    match bodies.first() {
        None => false,
        Some(first) => bodies.len() < all.len() || !bodies.iter().all(|b| same_body(first, b)),
    }
}

fn returns<'a>(op: &'a Operation, names: &BTreeMap<String, String>) -> Returns<'a> {
    let mut all = successes(op);
    let first_body = all.iter().find_map(|r| r.body.as_ref());
    match (first_body, names.get(&op.name.rust)) {
        (None, _) => Returns::Empty,
        (Some(body), None) => Returns::One(body),
        (Some(_), Some(name)) => {
            // Exact codes before the `2XX` range, which matches whatever is left.
            all.sort_by_key(|r| matches!(r.status, StatusCode::Range(_)));
            Returns::Many(name.clone(), all)
        }
    }
}

/// The response enum of each operation that needs one (by method name), named clear of every type.
pub fn enum_names(api: &Api) -> BTreeMap<String, String> {
    let mut scope = Scope::with_taken(api.types.iter().map(|t| t.name.rust.as_str()));
    let mut names = BTreeMap::new();
    for op in api
        .operations
        .iter()
        .filter(|op| needs_enum(&successes(op)))
    {
        let name = scope.claim(&format!("{}Response", pascal(&op.name.rust))).0;
        names.insert(op.name.rust.clone(), name);
    }
    names
}

/// Whether the operation's method returns `()`.
pub fn returns_unit(op: &Operation) -> bool {
    successes(op).iter().all(|r| r.body.is_none())
}

/// The result type and the expression that makes it from `resp`, a `runtime::Response`;
/// `enums` comes from [`enum_names`].
pub fn result(
    api: &Api,
    op: &Operation,
    enums: &BTreeMap<String, String>,
) -> (TokenStream, TokenStream) {
    match returns(op, enums) {
        Returns::Empty => (quote!(()), quote!(resp.empty().await)),
        Returns::One(body) => {
            let (ty, read) = read_body(api, body);
            (ty, quote!(#read))
        }
        Returns::Many(name, responses) => {
            let enum_ty = format_ident!("{name}");
            let arms = responses.iter().map(|r| arm(api, &enum_ty, r));
            let catch_all = (!responses.iter().any(|r| r.status == StatusCode::Range(2))).then(|| {
                quote! { status => Ok(super::types::#enum_ty::Other { status, body: resp.bytes().await? }), }
            });
            let expr = quote! {
                match resp.status() {
                    #(#arms)*
                    #catch_all
                }
            };
            (quote!(super::types::#enum_ty), expr)
        }
    }
}

/// The type of a body and the `resp.…().await` call that reads it.
fn read_body(api: &Api, body: &ResponseBody) -> (TokenStream, TokenStream) {
    match body.kind {
        BodyKind::Binary => (quote!(Vec<u8>), quote!(resp.bytes().await)),
        BodyKind::Text => (quote!(String), quote!(resp.text().await)),
        _ => (rust_type(api, &body.ty), quote!(resp.json().await)),
    }
}

fn arm(api: &Api, enum_ty: &syn::Ident, r: &Response) -> TokenStream {
    let variant = variant_ident(r.status);
    let pattern = match r.status {
        StatusCode::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        _ => quote!(_),
    };
    match &r.body {
        Some(body) => {
            let (_, read) = read_body(api, body);
            quote! { #pattern => Ok(super::types::#enum_ty::#variant(#read?)), }
        }
        None => {
            quote! { #pattern => { resp.empty().await?; Ok(super::types::#enum_ty::#variant) } }
        }
    }
}

fn variant_ident(status: StatusCode) -> syn::Ident {
    match status {
        StatusCode::Code(200) => format_ident!("Ok"),
        StatusCode::Code(201) => format_ident!("Created"),
        StatusCode::Code(202) => format_ident!("Accepted"),
        StatusCode::Code(203) => format_ident!("NonAuthoritative"),
        StatusCode::Code(204) => format_ident!("NoContent"),
        StatusCode::Code(205) => format_ident!("ResetContent"),
        StatusCode::Code(206) => format_ident!("PartialContent"),
        StatusCode::Code(code) => format_ident!("Status{code}"),
        StatusCode::Range(_) => format_ident!("Success"),
        StatusCode::Default => format_ident!("Default"),
    }
}

/// The response enums, for `types.rs`.
pub fn response_enums(api: &Api) -> TokenStream {
    let names = enum_names(api);
    let features = super::super::features::Features::new(api);
    let enums = api.operations.iter().enumerate().filter_map(|(index, op)| {
        let Returns::Many(name, responses) = returns(op, &names) else {
            return None;
        };
        let ident = format_ident!("{name}");
        let doc = format!(
            " What [`{client}::{method}`](crate::{client}::{method}) returns: one variant per success status.",
            client = api.client.name,
            method = op.name.rust
        );
        let variants = responses.iter().map(|r| {
            let variant = variant_ident(r.status);
            let status = match r.status {
                StatusCode::Code(code) => code.to_string(),
                StatusCode::Range(n) => format!("{n}XX"),
                StatusCode::Default => "default".into(),
            };
            let text = r.description.as_deref().map(str::trim).filter(|d| !d.is_empty());
            let doc = match text {
                Some(d) => format!(" `{status}`: {}", d.lines().next().unwrap_or_default()),
                None => format!(" `{status}`."),
            };
            match &r.body {
                Some(body) => {
                    let (ty, _) = read_body(api, body);
                    quote! { #[doc = #doc] #variant(#ty), }
                }
                None => quote! { #[doc = #doc] #variant, },
            }
        });
        let other = (!responses.iter().any(|r| r.status == StatusCode::Range(2))).then(|| {
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
        let gate = features
            .operation_cfg(index)
            .and_then(|cfg| super::super::features::cfg_attr(&cfg));
        Some(quote! {
            #[doc = #doc]
            #gate
            #[derive(Clone, Debug, PartialEq)]
            pub enum #ident {
                #(#variants)*
                #other
            }
        })
    });
    quote!(#(#enums)*)
}
