//! How an operation looks to callers, as tokens: its arguments, its parameter struct, how its
//! body is attached, and what it returns.

mod responses;

use super::docs::lines;
use super::ty::tokens;
use crate::model::*;
use crate::surface::{FieldShape, OpShape, ParamsShape, Presence, ShapeKind, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use responses::{response_enums, result};

/// The method's arguments after `&self`.
pub fn args(shape: &OpShape) -> Vec<TokenStream> {
    shape
        .args
        .iter()
        .map(|arg| {
            let ident = format_ident!("{}", arg.ident);
            let ty = tokens(&arg.ty);
            quote!(#ident: #ty)
        })
        .collect()
}

/// The expression that passes parameter `p`'s value to the request builder.
pub fn param_value(p: &Param) -> TokenStream {
    let ident = format_ident!("{}", p.name.rust);
    match p.location {
        ParamLocation::Path => quote!(&#ident),
        _ => quote!(&params.#ident),
    }
}

/// A statement that attaches the body to `req` (when there is one).
pub fn body_statement(surface: &Surface, body: &RequestBody) -> TokenStream {
    let call = match body.kind {
        BodyKind::Json => quote!(req.json(body)?),
        BodyKind::FormUrlEncoded => quote!(req.form(body)?),
        BodyKind::Binary => {
            let media = &body.media_type;
            quote!(req.bytes(body, #media))
        }
        BodyKind::Text => quote!(req.text(body)),
        BodyKind::Multipart => {
            let parts = multipart_parts(surface, &body.ty);
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
fn multipart_parts(surface: &Surface, ty: &Ty) -> TokenStream {
    let owner = match ty.non_null() {
        Ty::Named(id) => Some(*id),
        _ => None,
    };
    let structure =
        owner.and_then(
            |id| match (&surface.api.type_def(id).kind, &surface.types[id.0].kind) {
                (TypeKind::Struct(s), ShapeKind::Struct(shape)) => Some((s, shape)),
                _ => None,
            },
        );
    let Some((s, shape)) = structure else {
        return quote!(form.json("body", body));
    };
    let mut steps: Vec<TokenStream> = s
        .fields
        .iter()
        .zip(&shape.fields)
        .map(|(f, field)| {
            let ident = format_ident!("{}", field.ident);
            let add = part(&field.wire, &f.ty);
            match field.presence {
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

/// The `params` module: one struct per operation that has query, header or cookie parameters.
pub fn params_file(surface: &Surface) -> TokenStream {
    let structs = surface
        .operations()
        .filter_map(|(op, shape)| Some(params_struct(surface, op, shape.params.as_ref()?)));
    quote! {
        //! Query, header and cookie parameters of the operations that take them.
        // Spec text is copied into docs as written (its Markdown, links and HTML included).
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
        #![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
        #(#structs)*
    }
}

fn params_struct(surface: &Surface, op: &Operation, shape: &ParamsShape) -> TokenStream {
    let name = format_ident!("{}", shape.name);
    let client = &surface.api.client.name;
    let doc = format!(
        " Parameters of [`{client}::{m}`](crate::{client}::{m}).",
        m = op.name.rust
    );
    let fields = shape.fields.iter().zip(&shape.params).map(|(field, &i)| {
        let ident = format_ident!("{}", field.ident);
        let ty = tokens(&field.ty);
        let docs = lines(&param_doc(&op.params[i]));
        quote!(#docs pub #ident: #ty,)
    });
    let default = shape.default.then(|| quote!(Default,));
    let debug = (!shape.redacted).then(|| quote!(Debug,));
    let redacted = shape.redacted.then(|| redacted_debug(&name, &shape.fields));
    quote! {
        #[doc = #doc]
        #[derive(Clone, PartialEq, #debug #default)]
        pub struct #name { #(#fields)* }
        #redacted
    }
}

fn redacted_debug(name: &syn::Ident, fields: &[FieldShape]) -> TokenStream {
    let label = name.to_string();
    let entries = fields.iter().map(|f| {
        let ident = format_ident!("{}", f.ident);
        let key = &f.ident;
        if f.secret {
            super::types::redacted_field(key, &ident, f.presence.is_optional())
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
}

/// A parameter's description (or what it is), and its default when the spec gives one.
fn param_doc(p: &Param) -> String {
    let text = p
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let mut doc = text.map_or_else(
        || format!("The `{}` {} parameter.", p.name.wire, p.location.as_str()),
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
