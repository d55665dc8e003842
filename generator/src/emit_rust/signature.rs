//! How a request's body is attached, and what an operation returns, as tokens.

mod responses;

use crate::model::*;
use crate::surface::{OpShape, Presence, RustType, ShapeKind, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use responses::{response_enums, result};

/// A statement that attaches the body, bound as `ident` (an `Option` when the body is optional),
/// to `req`.
pub fn body_statement(
    surface: &Surface,
    shape: &OpShape,
    body: &RequestBody,
    ident: &syn::Ident,
) -> TokenStream {
    let call = match body.kind {
        BodyKind::Json => quote!(req.json(#ident)?),
        BodyKind::FormUrlEncoded => quote!(req.form(#ident)?),
        BodyKind::Binary => {
            let media = &body.media_type;
            quote!(req.body_stream(#ident, #media))
        }
        BodyKind::Text | BodyKind::EventStream => quote!(req.text(#ident)),
        BodyKind::Multipart => {
            let parts = multipart_parts(surface, shape, &body.ty, ident);
            quote!(req.multipart({ let form = runtime::Multipart::new(); #parts }))
        }
    };
    if body.required {
        quote!(let req = #call;)
    } else {
        quote! {
            let req = match #ident {
                Some(#ident) => #call,
                None => req,
            };
        }
    }
}

/// Statements that add each field of a multipart body as a part, ending with the form.
fn multipart_parts(surface: &Surface, op: &OpShape, ty: &Ty, body: &syn::Ident) -> TokenStream {
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
        return quote!(form.json("body", #body));
    };
    let mut steps: Vec<TokenStream> = s
        .fields
        .iter()
        .zip(&shape.fields)
        .map(|(f, field)| {
            let ident = format_ident!("{}", field.ident);
            let wire = field.wire.as_str();
            let media = op.part_type(&field.wire);
            let add = if is_file(&field.ty) {
                quote!(form.file_part(#wire, value, #media))
            } else {
                part(wire, &f.ty, media)
            };
            match field.presence {
                Presence::Required => quote!({ let value = &#body.#ident; #add }),
                Presence::TriState => {
                    quote!(match &#body.#ident { Some(Some(value)) => #add, _ => form })
                }
                _ => quote!(match &#body.#ident { Some(value) => #add, None => form }),
            }
        })
        .collect();
    let last = steps.pop().unwrap_or_else(|| quote!(form));
    quote!(#(let form = #steps;)* #last)
}

/// Whether a field holds a `FilePart` (optional or not).
fn is_file(ty: &RustType) -> bool {
    match ty {
        RustType::FilePart => true,
        RustType::Option(inner) => is_file(inner),
        _ => false,
    }
}

/// An expression adding `value` (a reference) to `form` as the part(s) named `wire`: files of
/// media type `media` for binary values, text for strings, one part per item for arrays of
/// those, JSON otherwise.
fn part(wire: &str, ty: &Ty, media: &str) -> TokenStream {
    match ty.non_null() {
        Ty::Binary => quote!(form.file(#wire, #wire, value.clone(), #media)),
        Ty::String(_) => quote!(form.text(#wire, value.clone())),
        Ty::Array(item) if matches!(item.non_null(), Ty::Binary | Ty::String(_)) => {
            let add = part(wire, item, media);
            quote!(value.iter().fold(form, |form, value| #add))
        }
        _ => quote!(form.json(#wire, value)),
    }
}
