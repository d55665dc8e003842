//! How an operation looks to callers: its arguments, its parameter struct, its body and its result.

mod responses;

use super::docs::lines;
use super::ty::{presence, rust_type, Presence};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use responses::{enum_names, response_enums, result, returns_unit};

/// The name of the struct that carries an operation's query, header and cookie parameters.
pub fn params_struct_name(op: &Operation) -> syn::Ident {
    format_ident!("{}Params", crate::model::names::pascal(&op.name.rust))
}

fn has_params_struct(op: &Operation) -> bool {
    op.params.iter().any(|p| p.location != ParamLocation::Path)
}

/// The method's arguments after `&self`: path parameters, then the parameter struct, then the
/// body (an `Option` when the spec lets it be left out).
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
        args.push(quote!(params: &super::params::#name));
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
        let ty = if body.required {
            ty
        } else {
            quote!(Option<#ty>)
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

/// A statement that attaches the body to `req` (when there is one).
pub fn body_statement(api: &Api, body: &RequestBody) -> TokenStream {
    let call = match body.kind {
        BodyKind::Json => quote!(req.json(body)?),
        BodyKind::FormUrlEncoded => quote!(req.form(body)?),
        BodyKind::Binary => {
            let media = &body.media_type;
            quote!(req.bytes(body, #media))
        }
        BodyKind::Text => quote!(req.text(body)),
        BodyKind::Multipart => {
            let parts = multipart_parts(api, &body.ty);
            quote!(req.multipart({ let form = runtime::Multipart::new(); #parts }))
        }
    };
    if body.required {
        quote!(let req = #call;)
    } else {
        quote! {
            let req = match body {
                Some(body) => #call,
                None => req,
            };
        }
    }
}

/// Statements that add each field of a multipart body as a part, ending with the form.
fn multipart_parts(api: &Api, ty: &Ty) -> TokenStream {
    let (fields, owner) = match ty.non_null() {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(s) => (&s.fields, *id),
            _ => return quote!(form.json("body", body)),
        },
        _ => return quote!(form.json("body", body)),
    };
    let in_request = api.type_def(owner).usage.sent;
    let mut steps: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let ident = format_ident!("{}", f.name.rust);
            let add = part(&f.name.wire, &f.ty);
            match presence(api, f, in_request) {
                Presence::Required => quote!({ let value = &body.#ident; #add }),
                Presence::TriState => {
                    quote!(match &body.#ident { Some(Some(value)) => #add, _ => form })
                }
                _ => quote!(match &body.#ident { Some(value) => #add, None => form }),
            }
        })
        .collect();
    let last = steps.pop().unwrap_or_else(|| quote!(form));
    quote!(#(let form = #steps;)* #last)
}

/// An expression adding `value` (a reference) to `form` as the part(s) named `wire`: files for
/// binary values, text for strings, one part per item for arrays of those, JSON otherwise.
fn part(wire: &str, ty: &Ty) -> TokenStream {
    match ty.non_null() {
        Ty::Binary => quote!(form.file(#wire, #wire, value.clone(), "application/octet-stream")),
        Ty::String(_) => quote!(form.text(#wire, value.clone())),
        Ty::Array(item) if matches!(item.non_null(), Ty::Binary | Ty::String(_)) => {
            let add = part(wire, item);
            quote!(value.iter().fold(form, |form, value| #add))
        }
        _ => quote!(form.json(#wire, value)),
    }
}

/// Whether some operation takes a parameters struct, so that `params.rs` exists.
pub fn has_params(api: &Api) -> bool {
    api.operations.iter().any(has_params_struct)
}

/// The `params` module: one struct per operation that has query, header or cookie parameters.
pub fn params_file(api: &Api) -> TokenStream {
    let structs = api
        .operations
        .iter()
        .filter(|op| has_params_struct(op))
        .map(|op| params_struct(api, op));
    quote! {
        //! Query, header and cookie parameters of the operations that take them.
        // Spec text is copied into docs as written (its Markdown, links and HTML included).
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
        #![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
        #(#structs)*
    }
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
        let ty = if p.required || p.ty.is_nullable() {
            ty
        } else {
            quote!(Option<#ty>)
        };
        let docs = lines(&param_doc(p));
        quote!(#docs pub #ident: #ty,)
    });
    let default = params
        .iter()
        .all(|p| !p.required || p.ty.is_nullable())
        .then(|| quote!(Default,));
    let secret = params.iter().any(|p| p.secret);
    let debug = (!secret).then(|| quote!(Debug,));
    let redacted = secret.then(|| {
        let label = name.to_string();
        let entries = params.iter().map(|p| {
            let ident = format_ident!("{}", p.name.rust);
            let key = &p.name.rust;
            if p.secret {
                let optional = !p.required || p.ty.is_nullable();
                super::types::redacted_field(key, &ident, optional)
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

/// A parameter's description (or what it is), and its default when the spec gives one.
fn param_doc(p: &Param) -> String {
    let text = p
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let mut doc = text.map_or_else(
        || {
            format!(
                "The `{}` {} parameter.",
                p.name.wire,
                location_word(p.location)
            )
        },
        str::to_owned,
    );
    if let Some(default) = &p.default {
        let value = match default {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        doc.push_str(&format!(
            "\n\nThe server's default: `{}`.",
            value.replace('`', "'")
        ));
    }
    doc
}

fn location_word(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}
