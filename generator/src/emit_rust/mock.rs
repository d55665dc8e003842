//! Operations → `mock.rs` (Cargo feature `test-util`): per operation, a type holding a call's
//! inputs, which the runtime's mock rules match on, and how its result travels back as a reply.

use super::format::Part;
use super::ty::tokens;
use crate::model::*;
use crate::surface::{Input, MockReply, MockShape, OpShape, Read, Surface, Take};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// Operations per part of `mock.rs`, so that the parts spread over the formatting threads.
const PER_PART: usize = 32;

pub fn parts<'a>(surface: &'a Surface<'a>, doc: Option<&'a str>) -> Vec<Part<'a>> {
    let head: Part = Box::new(move || head(surface, doc));
    let mut parts = vec![head];
    for start in (0..surface.ops.len()).step_by(PER_PART) {
        let end = (start + PER_PART).min(surface.ops.len());
        parts.push(Box::new(move || {
            (start..end).map(|i| operation(surface, i)).collect()
        }));
    }
    parts
}

fn head(surface: &Surface, program: Option<&str>) -> TokenStream {
    let client = &surface.client.name;
    let intro = [
        " Tests without a network: the client over an in-memory transport (feature `test-util`,"
            .to_owned(),
        " for `dev-dependencies`).".to_owned(),
        String::new(),
        " Each operation has a type here, named as its request builder, that holds a call's inputs"
            .to_owned(),
        " as the caller gave them. `Op::any()` and `Op::matching(|call| ..)` make a [`Rule`] for"
            .to_owned(),
        " its calls, answered by `then_ok` with the method's own result type (or a status, a"
            .to_owned(),
        " transport error, a timeout); answers come in order and the last repeats. A client built"
            .to_owned(),
        format!(" with [`{client}Builder::mock`](crate::{client}Builder::mock) sends every request to the [`Mock`] and"),
        " opens no socket; [`Mock::requests`] and [`Mock::calls`] read back what it sent, and a"
            .to_owned(),
        " request no rule matches panics, naming the operation and showing the request."
            .to_owned(),
    ];
    let program = program.map(|program| {
        let mut lines = vec![
            String::new(),
            " # A complete test".to_owned(),
            String::new(),
            " With `tokio` and `serde_json` among your `dev-dependencies`; in a test, the same body"
                .to_owned(),
            " goes in a `#[tokio::test]` function:".to_owned(),
            String::new(),
            " ```no_run".to_owned(),
        ];
        lines.extend(
            program
                .lines()
                .map(|l| format!(" {l}").trim_end().to_owned()),
        );
        lines.push(" ```".to_owned());
        lines
    });
    let program = program.unwrap_or_default();
    quote! {
        #(#![doc = #intro])*
        #(#![doc = #program])*
        use crate::runtime;
        pub use runtime::mock::{Mock, Reply, Rule, Sent};
        pub use runtime::TransportKind;
    }
}

fn operation(surface: &Surface, index: usize) -> TokenStream {
    let (op, shape) = (&surface.api.operations[index], &surface.ops[index]);
    let mock = &surface.mocks[index];
    let name = format_ident!("{}", shape.builder);
    let doc = format!(
        " The inputs of a [`{c}::{m}`](crate::{c}::{m}) call, for mock rules.",
        c = surface.client.name,
        m = shape.method
    );
    let fields = mock
        .fields
        .iter()
        .zip(input_docs(op, shape))
        .map(|(f, doc)| {
            let ident = format_ident!("{}", f.ident);
            let ty = tokens(&f.ty);
            quote!(#[doc = #doc] pub #ident: #ty,)
        });
    let method = &shape.method;
    let output = tokens(&mock.output);
    let reply = reply(&mock.reply);
    let param = match mock.reply {
        MockReply::Empty(_) => format_ident!("_output"),
        _ => format_ident!("output"),
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        impl runtime::mock::Operation for #name {
            const NAME: &'static str = #method;
            type Output = #output;
            fn reply(#param: &Self::Output) -> runtime::mock::Reply {
                #reply
            }
        }
        impl #name {
            /// A rule for every call.
            pub fn any() -> runtime::mock::Rule<Self> {
                runtime::mock::Rule::any()
            }
            /// A rule for the calls whose inputs `predicate` accepts.
            pub fn matching(
                predicate: impl Fn(&Self) -> bool + Send + Sync + 'static,
            ) -> runtime::mock::Rule<Self> {
                runtime::mock::Rule::matching(predicate)
            }
        }
    }
}

/// A doc line per input, in the order of [`MockShape::fields`].
fn input_docs<'a>(op: &'a Operation, shape: &'a OpShape) -> impl Iterator<Item = String> + 'a {
    let args = shape.args.iter().map(|a| a.input);
    let setters = shape.setters.iter().map(|s| s.input);
    args.chain(setters).map(|input| match input {
        Input::Param(i) => {
            let p = &op.params[i];
            format!(" The `{}` {} parameter.", p.name.wire, p.location.as_str())
        }
        Input::Body => " The request body.".to_owned(),
    })
}

/// The body of `reply(output)`.
fn reply(reply: &MockReply) -> TokenStream {
    match reply {
        MockReply::Empty(status) => {
            let status = Literal::u16_unsuffixed(*status);
            quote!(runtime::mock::Reply::empty(#status))
        }
        MockReply::Body {
            status,
            read,
            media,
        } => body_reply(*status, *read, media, &quote!(output)),
        MockReply::Enum {
            name,
            variants,
            other,
        } => {
            let enum_ty = format_ident!("{}", name);
            let arms = variants.iter().map(|v| {
                let variant = format_ident!("{}", v.ident);
                match &v.body {
                    Some((read, media)) => {
                        let reply = body_reply(v.status, *read, media, &quote!(body));
                        quote!(super::types::#enum_ty::#variant(body) => #reply,)
                    }
                    None => {
                        let status = Literal::u16_unsuffixed(v.status);
                        quote! {
                            super::types::#enum_ty::#variant => runtime::mock::Reply::empty(#status),
                        }
                    }
                }
            });
            let other = other.then(|| {
                quote! {
                    super::types::#enum_ty::Other { status, body } => {
                        runtime::mock::Reply::bytes(*status, body.clone(), "application/octet-stream")
                    }
                }
            });
            quote! {
                match output {
                    #(#arms)*
                    #other
                }
            }
        }
    }
}

fn body_reply(status: u16, read: Read, media: &str, value: &TokenStream) -> TokenStream {
    let status = Literal::u16_unsuffixed(status);
    match read {
        Read::Json => quote!(runtime::mock::Reply::json(#status, #value)),
        Read::Bytes | Read::Text | Read::Events { .. } => {
            quote!(runtime::mock::Reply::bytes(#status, #value.clone(), #media))
        }
    }
}

/// In `into_request`: the statement that keeps the call's inputs (bound by name) for the mock,
/// before the request is built from them.
pub fn input_statement(mock: &MockShape, shape: &OpShape) -> TokenStream {
    let name = format_ident!("{}", shape.builder);
    let fields = mock.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.ident);
        let value = match (f.take, f.optional) {
            (Take::Copy, _) => return quote!(#ident),
            (Take::ToOwned, false) => quote!(#ident.to_owned()),
            (Take::ToOwned, true) => quote!(#ident.map(str::to_owned)),
            (Take::Deref, false) => quote!(Clone::clone(#ident)),
            (Take::Deref, true) => quote!(#ident.cloned()),
            (Take::Clone, _) => quote!(Clone::clone(&#ident)),
        };
        quote!(#ident: #value)
    });
    let feature = crate::surface::TEST_UTIL;
    quote! {
        #[cfg(feature = #feature)]
        let input = super::mock::#name { #(#fields,)* };
    }
}
