//! Operations → `requests.rs`: one request builder per operation. The client's method takes the
//! required inputs and returns the builder; its setters take the optional ones; `.await` (or
//! `.send()`) sends it, and `.send_with_response()` also gives the status and headers.

use super::docs::doc_attrs;
use super::format::Part;
use super::ty::tokens;
use crate::model::*;
use crate::surface::{Input, OpShape, Read, Returns, RustType, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Builders per part of `requests.rs`, so that the parts spread over the formatting threads.
const PER_PART: usize = 16;

pub fn parts<'a>(surface: &'a Surface<'a>) -> Vec<Part<'a>> {
    let head: Part = Box::new(move || {
        // A spec without operations has no builders to use the runtime.
        let runtime = (!surface.ops.is_empty()).then(|| {
            quote!(
                use crate::runtime;
            )
        });
        quote! {
            //! One request builder per operation: set the optional inputs, then `.await` it.
            // Spec text is copied into docs as written (its Markdown, links and HTML included).
            #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
            #![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
            #runtime
        }
    });
    let mut parts = vec![head];
    for start in (0..surface.ops.len()).step_by(PER_PART) {
        let end = (start + PER_PART).min(surface.ops.len());
        parts.push(Box::new(move || {
            (start..end).map(|i| builder(surface, i)).collect()
        }));
    }
    parts
}

/// The name of the builder's field that holds the client.
fn client_field(shape: &OpShape) -> syn::Ident {
    let taken = |name: &str| {
        shape.args.iter().any(|a| a.ident == name) || shape.setters.iter().any(|s| s.name == name)
    };
    let mut name = String::from("client");
    while taken(&name) {
        name.push('_');
    }
    format_ident!("{name}")
}

/// `ty` as stored in the builder or taken by the client's method: references live for `'a`.
pub fn with_lifetime(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Str => quote!(&'a str),
        RustType::Ref(inner) => {
            let inner = tokens(inner);
            quote!(&'a #inner)
        }
        RustType::Option(inner) => {
            let inner = with_lifetime(inner);
            quote!(Option<#inner>)
        }
        other => tokens(other),
    }
}

pub(super) fn builder(surface: &Surface, index: usize) -> TokenStream {
    let (op, shape) = (&surface.api.operations[index], &surface.ops[index]);
    let name = format_ident!("{}", shape.builder);
    let client = format_ident!("{}", surface.client.name);
    let client_field = client_field(shape);
    let what = if shape.setters.is_empty() {
        "`.await` it"
    } else {
        "set its optional inputs, then `.await` it"
    };
    let doc = format!(
        " A [`{c}::{m}`](super::{c}::{m}) request: {what}.",
        c = surface.client.name,
        m = shape.method
    );
    let arg_idents: Vec<syn::Ident> = shape
        .args
        .iter()
        .map(|a| format_ident!("{}", a.ident))
        .collect();
    let arg_types: Vec<TokenStream> = shape.args.iter().map(|a| with_lifetime(&a.ty)).collect();
    let setter_idents: Vec<syn::Ident> = shape
        .setters
        .iter()
        .map(|s| format_ident!("{}", s.name))
        .collect();
    let setter_types: Vec<TokenStream> =
        shape.setters.iter().map(|s| with_lifetime(&s.ty)).collect();
    let setters = shape.setters.iter().map(|s| setter(op, s));
    let result = tokens(&shape.returns.ty());
    let calls = calls(shape, &client_field, &result);
    let build = request(surface, op, shape);
    let input = super::mock::input_statement(&surface.mocks[index], shape);
    let test_util = crate::surface::TEST_UTIL;
    let items = surface.pages[index]
        .as_ref()
        .and_then(|pages| super::pager::items(pages, &shape.returns, &client_field));
    quote! {
        #[doc = #doc]
        #[must_use = "a request does nothing until it is awaited"]
        #[derive(Clone)]
        pub struct #name<'a> {
            #client_field: &'a super::#client,
            #(#arg_idents: #arg_types,)*
            #(#setter_idents: Option<#setter_types>,)*
        }
        impl<'a> #name<'a> {
            pub(crate) fn new(#client_field: &'a super::#client, #(#arg_idents: #arg_types),*) -> Self {
                Self { #client_field, #(#arg_idents,)* #(#setter_idents: None,)* }
            }
            #(#setters)*
            #calls
            #items
            fn into_request(self) -> runtime::Result<runtime::Request> {
                let Self { #(#arg_idents,)* #(#setter_idents,)* .. } = self;
                #input
                #build
                #[cfg(feature = #test_util)]
                let req = req.mock_input(input);
                Ok(req)
            }
        }
        impl<'a> std::future::IntoFuture for #name<'a> {
            type Output = runtime::Result<#result>;
            type IntoFuture = runtime::BoxFuture<'a, Self::Output>;
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    }
}

/// `send`, `send_with_response`, and what they share: a body read whole, a binary body taken
/// without a copy (and `stream`, which reads it as it comes), or server-sent events.
fn calls(shape: &OpShape, client_field: &syn::Ident, result: &TokenStream) -> TokenStream {
    let rt = quote!(self.#client_field.runtime());
    let (send, with_response, decode) = match &shape.returns {
        Returns::Body(body) if body.read == Read::Bytes => (
            quote!(#rt.call_into(self.into_request(), Self::decode)),
            quote!(#rt.call_into_with_response(self.into_request(), Self::decode)),
            quote! {
                fn decode(resp: runtime::Received) -> runtime::Result<#result> {
                    Ok(resp.into_bytes())
                }
            },
        ),
        Returns::Body(body) if matches!(body.read, Read::Events { .. }) => {
            let data = match body.read {
                Read::Events { text: true } => quote!(runtime::text_data),
                _ => quote!(runtime::json_data),
            };
            (
                quote!(#rt.events(self.into_request(), #data)),
                quote!(#rt.events_with_response(self.into_request(), #data)),
                TokenStream::new(),
            )
        }
        returns => {
            let finish = super::signature::result(returns);
            (
                quote!(#rt.call(self.into_request(), Self::decode)),
                quote!(#rt.call_with_response(self.into_request(), Self::decode)),
                quote! {
                    fn decode(resp: &runtime::Received) -> runtime::Result<#result> {
                        #finish
                    }
                },
            )
        }
    };
    let what = match &shape.returns {
        Returns::Body(body) if matches!(body.read, Read::Events { .. }) => {
            " Sends the request and gives the server-sent events as they arrive (what `.await` on the request does)."
        }
        _ => " Sends the request and reads the result (what `.await` on the request does).",
    };
    let stream = shape.streams.then(|| {
        let method = format_ident!("{}", crate::surface::STREAM_METHOD);
        quote! {
            /// Sends the request and gives the body as a stream of chunks, read as it is consumed,
            /// with no size limit (`.await` reads it whole, up to the client's
            /// `max_response_bytes`). See "Large bodies and streams" in the guide for application
            /// developers.
            pub fn #method(self) -> runtime::BoxFuture<'a, runtime::Result<runtime::ByteStream>> {
                #rt.download(self.into_request())
            }
        }
    });
    quote! {
        #[doc = #what]
        pub fn send(self) -> runtime::BoxFuture<'a, runtime::Result<#result>> {
            #send
        }
        /// Sends the request and reads the result, with the response's status and headers.
        pub fn send_with_response(self) -> runtime::BoxFuture<'a, runtime::Result<runtime::ApiResponse<#result>>> {
            #with_response
        }
        #stream
        #decode
    }
}

/// A setter for an optional input: a parameter's value, or the body.
fn setter(op: &Operation, s: &crate::surface::Setter) -> TokenStream {
    let name = format_ident!("{}", s.name);
    let (doc, deprecated) = match s.input {
        Input::Param(i) => {
            let p = &op.params[i];
            let fallback = format!("The `{}` {} parameter.", p.name.wire, p.location.as_str());
            (doc_attrs(p.description.as_deref(), &fallback), p.deprecated)
        }
        Input::Body => {
            let fallback = "The request body.";
            let text = op.body.as_ref().and_then(|b| b.description.as_deref());
            (doc_attrs(text, fallback), false)
        }
    };
    let deprecated = deprecated.then(|| quote!(#[deprecated]));
    let (arg, value) = match &s.ty {
        RustType::Prim("String") => (quote!(impl Into<String>), quote!(value.into())),
        RustType::ByteStream => (quote!(impl Into<runtime::ByteStream>), quote!(value.into())),
        other => (with_lifetime(other), quote!(value)),
    };
    quote! {
        #doc
        #deprecated
        pub fn #name(mut self, value: #arg) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

/// The statements that build `req`, the `runtime::Request` of one call, from the inputs bound
/// by name (the optional ones as `Option`s).
fn request(surface: &Surface, op: &Operation, shape: &OpShape) -> TokenStream {
    let api = surface.api;
    let method = format_ident!("{}", op.method.as_str());
    let path = &op.path;
    let name = &op.name.rust;
    let mut calls = vec![quote!(.operation(#name))];
    for (i, p) in op.params.iter().enumerate() {
        let Some((ident, _, required)) = shape.input_of(i) else {
            continue;
        };
        let ident = format_ident!("{ident}");
        let wire = &p.name.wire;
        let value = match (p.style, required) {
            (ParamStyle::Json, true) => quote!(&serde_json::to_string(&#ident).ok()),
            (ParamStyle::Json, false) => {
                quote!(&#ident.as_ref().and_then(|v| serde_json::to_string(v).ok()))
            }
            _ => quote!(&#ident),
        };
        let style = style_tokens(p.style);
        let explode = p.explode;
        calls.push(match p.location {
            ParamLocation::Path
                if matches!(p.style, ParamStyle::Simple | ParamStyle::Json) && !explode =>
            {
                quote!(.path_param(#wire, #value))
            }
            ParamLocation::Path => {
                quote!(.path_param_styled(#wire, #value, runtime::Style::#style, #explode))
            }
            ParamLocation::Query => quote!(.query(#wire, #value, runtime::Style::#style, #explode)),
            ParamLocation::Header => quote!(.header(#wire, #value)),
            ParamLocation::Cookie => quote!(.cookie(#wire, #value)),
        });
    }
    let body = op.body.as_ref().map(|body| {
        let input = shape
            .args
            .iter()
            .find(|a| a.input == Input::Body)
            .map(|a| a.ident.as_str());
        let setter = shape
            .setters
            .iter()
            .find(|s| s.input == Input::Body)
            .map(|s| s.name.as_str());
        let ident = format_ident!("{}", input.or(setter).unwrap_or("body"));
        super::signature::body_statement(surface, shape, body, &ident)
    });
    let mut after = Vec::new();
    if let Some(accept) = &shape.accept {
        after.push(quote!(.accept(#accept)));
    }
    if op.method.is_idempotent() {
        after.push(quote!(.idempotent(true)));
    }
    if api.client.kind == ClientKind::Generic {
        let security = op.security.as_ref().unwrap_or(&api.default_security);
        let alternatives = security.iter().map(|req| {
            let names = req.schemes.iter();
            quote!(&[#(#names),*])
        });
        after.push(quote!(.security(&[#(#alternatives),*])));
    }
    let finish = (!after.is_empty()).then(|| quote!(let req = req #(#after)*;));
    quote! {
        let req = runtime::Request::new(runtime::Method::#method, #path) #(#calls)*;
        #body
        #finish
    }
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Json => quote!(Form),
        ParamStyle::Simple => quote!(Simple),
        ParamStyle::Form => quote!(Form),
        ParamStyle::Matrix => quote!(Matrix),
        ParamStyle::Label => quote!(Label),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
    }
}
