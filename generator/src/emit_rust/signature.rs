//! How an operation looks to callers: its arguments, its parameter struct, its body and its result.

use super::docs::lines;
use super::ty::rust_type;
use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The name of the struct that carries an operation's query, header and cookie parameters.
pub fn params_struct_name(op: &Operation) -> syn::Ident {
    format_ident!("{}Params", crate::model::names::pascal(&op.name.rust))
}

fn has_params_struct(op: &Operation) -> bool {
    op.params.iter().any(|p| p.location != ParamLocation::Path)
}

/// The method's arguments after `&self`: path parameters, then the parameter struct, then the body.
pub fn args(api: &Api, op: &Operation) -> Vec<TokenStream> {
    let mut args: Vec<TokenStream> = op
        .params_in(ParamLocation::Path)
        .map(|p| {
            let ident = format_ident!("{}", p.name.rust);
            let ty = by_ref(api, &p.ty);
            quote!(#ident: #ty)
        })
        .collect();
    if has_params_struct(op) {
        let name = params_struct_name(op);
        args.push(quote!(params: &crate::params::#name));
    }
    if let Some(body) = &op.body {
        let ty = match body.kind {
            BodyKind::Binary => quote!(Vec<u8>),
            BodyKind::Text => quote!(String),
            _ => {
                let ty = rust_type(api, &body.ty);
                quote!(&#ty)
            }
        };
        args.push(quote!(body: #ty));
    }
    args
}

/// How a value of `ty` is passed: strings as `&str`, numbers and booleans by value, others by reference.
fn by_ref(api: &Api, ty: &Ty) -> TokenStream {
    match ty {
        Ty::String(_) => quote!(&str),
        Ty::Integer(_) | Ty::Number(_) | Ty::Boolean => rust_type(api, ty),
        other => {
            let ty = rust_type(api, other);
            quote!(&#ty)
        }
    }
}

/// The expression that passes parameter `p`'s value to the request builder.
pub fn param_value(_op: &Operation, p: &Param) -> TokenStream {
    let ident = format_ident!("{}", p.name.rust);
    match p.location {
        ParamLocation::Path => quote!(&#ident),
        _ => quote!(&params.#ident),
    }
}

/// The request-builder call that attaches the body.
pub fn body_call(api: &Api, body: &RequestBody) -> TokenStream {
    match body.kind {
        BodyKind::Json => quote!(.json(body)),
        BodyKind::FormUrlEncoded => quote!(.form(body)),
        BodyKind::Binary => {
            let media = &body.media_type;
            quote!(.bytes(body, #media))
        }
        BodyKind::Text => quote!(.text(body)),
        BodyKind::Multipart => {
            let parts = multipart_parts(api, &body.ty);
            quote!(.multipart({ let form = runtime::Multipart::new(); #parts }))
        }
    }
}

/// Statements that add each field of a multipart body as a part, ending with the form.
fn multipart_parts(api: &Api, ty: &Ty) -> TokenStream {
    let fields = match ty.non_null() {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(s) => &s.fields,
            _ => return quote!(form.json("body", body)),
        },
        _ => return quote!(form.json("body", body)),
    };
    let steps = fields.iter().map(|f| {
        let ident = format_ident!("{}", f.name.rust);
        let wire = &f.name.wire;
        let add = match f.ty.non_null() {
            Ty::Binary => {
                quote!(form.file(#wire, #wire, value.clone(), "application/octet-stream"))
            }
            Ty::String(_) => quote!(form.text(#wire, value.clone())),
            _ => quote!(form.json(#wire, value)),
        };
        if f.required && !f.ty.is_nullable() {
            quote!(let form = { let value = &body.#ident; #add };)
        } else {
            quote!(let form = match &body.#ident { Some(value) => #add, None => form };)
        }
    });
    quote!(#(#steps)* form)
}

/// The result type, and the response method that produces it.
pub fn returns(api: &Api, op: &Operation) -> (TokenStream, syn::Ident) {
    let body = op.success_responses().find_map(|r| r.body.as_ref());
    match body {
        Some(b) if b.kind == BodyKind::Binary => (quote!(Vec<u8>), format_ident!("bytes")),
        Some(b) if b.kind == BodyKind::Text => (quote!(String), format_ident!("text")),
        Some(b) => (rust_type(api, &b.ty), format_ident!("json")),
        None => (quote!(()), format_ident!("empty")),
    }
}

/// The `params` module: one struct per operation that has query, header or cookie parameters.
pub fn params_file(api: &Api) -> Option<TokenStream> {
    let structs: Vec<TokenStream> = api
        .operations
        .iter()
        .filter(|op| has_params_struct(op))
        .map(|op| params_struct(api, op))
        .collect();
    if structs.is_empty() {
        return None;
    }
    Some(quote! {
        //! Query, header and cookie parameters of the operations that take them.
        #(#structs)*
    })
}

fn params_struct(api: &Api, op: &Operation) -> TokenStream {
    let name = params_struct_name(op);
    let doc = format!(
        " Parameters of [`{}::{}`](crate::{}::{}).",
        api.client.name, op.name.rust, api.client.name, op.name.rust
    );
    let params: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .collect();
    let fields = params.iter().map(|p| {
        let ident = format_ident!("{}", p.name.rust);
        let ty = rust_type(api, &p.ty);
        let ty = if p.required { ty } else { quote!(Option<#ty>) };
        let text = p
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let fallback = format!(
            "The `{}` {} parameter.",
            p.name.wire,
            location_word(p.location)
        );
        let docs = lines(text.unwrap_or(&fallback));
        quote!(#docs pub #ident: #ty,)
    });
    let default = params.iter().all(|p| !p.required).then(|| quote!(Default,));
    let secret = params.iter().any(|p| p.secret);
    let debug = (!secret).then(|| quote!(Debug,));
    let redacted = secret.then(|| {
        let label = name.to_string();
        let entries = params.iter().map(|p| {
            let ident = format_ident!("{}", p.name.rust);
            let key = &p.name.rust;
            if p.secret {
                super::types::redacted_field(key, &ident, !p.required)
            } else {
                quote!(.field(#key, &self.#ident))
            }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* .finish()
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, PartialEq, #debug #default)]
        pub struct #name { #(#fields)* }
        #redacted
    }
}

fn location_word(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}
