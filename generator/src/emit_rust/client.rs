//! Operations → the client struct, its builder entry point and one async method per operation.

use super::docs::{brief, doc_attrs, lines, spec_text};
use super::format::Part;
use crate::model::*;
use crate::surface::{OpShape, RustType, Snippets, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `client.rs` in parts: the client struct and its constructors, then one `impl` block of
/// methods per tag.
pub fn parts<'a>(surface: &'a Surface<'a>, snippets: &'a Snippets) -> Vec<Part<'a>> {
    let api = surface.api;
    let mut parts: Vec<Part> = vec![Box::new(move || head(surface))];
    for (tag, ops) in by_tag(api) {
        parts.push(Box::new(move || {
            let name = format_ident!("{}", api.client.name);
            let doc = match tag {
                Some(tag) => {
                    let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
                    format!(" Operations tagged `{tag}`.")
                }
                None => " Operations without a tag.".to_owned(),
            };
            let methods = ops.iter().map(|&i| method(surface, i, snippets.get(i)));
            quote! {
                #[doc = #doc]
                impl #name {
                    #(#methods)*
                }
            }
        }));
    }
    parts
}

fn head(surface: &Surface) -> TokenStream {
    let api = surface.api;
    let name = format_ident!("{}", surface.client.name);
    let title = format!(" Client of the {} ({}).", api.title, api.version);
    let builder_ty = format_ident!("{}", surface.client.builder);
    let (builder_item, builder_new) = super::builder::builder(surface);
    quote! {
        //! The API client.
        // Spec text is copied into docs as written (its Markdown, links and HTML included).
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
        #![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
        use crate::runtime;

        #[doc = #title]
        ///
        /// Build one with [`Self::builder`]; clones share the connection pool and credentials.
        #[derive(Clone, Debug)]
        pub struct #name {
            rt: runtime::Runtime,
        }

        impl runtime::FromRuntime for #name {
            fn from_runtime(rt: runtime::Runtime) -> Self {
                Self { rt }
            }
        }

        impl #name {
            /// Start configuring a client.
            pub fn builder() -> #builder_ty {
                #builder_new
            }

            /// A client whose calls use `timeout` instead of the configured one.
            pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
                Self { rt: self.rt.with_timeout(timeout) }
            }

            /// The runtime behind this client, for settings such as the access token.
            pub fn runtime(&self) -> &runtime::Runtime {
                &self.rt
            }
        }

        #builder_item
    }
}

/// The operations (by index) grouped by their first tag, tags in order of first use,
/// operations in spec order: one `impl` block each, so a reader finds a tag's methods together.
fn by_tag(api: &Api) -> Vec<(Option<&str>, Vec<usize>)> {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    for (i, op) in api.operations.iter().enumerate() {
        let tag = op.primary_tag();
        match groups.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, ops)) => ops.push(i),
            None => groups.push((tag, vec![i])),
        }
    }
    groups
}

pub(super) fn method(surface: &Surface, index: usize, snippet: Option<&str>) -> TokenStream {
    let (op, shape) = (&surface.api.operations[index], &surface.ops[index]);
    let ident = format_ident!("{}", shape.method);
    let docs = method_docs(op, shape, snippet);
    let builder = format_ident!("{}", shape.builder);
    let idents: Vec<syn::Ident> = shape
        .args
        .iter()
        .map(|a| format_ident!("{}", a.ident))
        .collect();
    // A body of bytes is anything that makes a `ByteStream`: bytes, a file, a stream.
    let types = shape.args.iter().map(|a| match a.ty {
        RustType::ByteStream => quote!(impl Into<crate::runtime::ByteStream>),
        _ => super::requests::with_lifetime(&a.ty),
    });
    let values = shape.args.iter().map(|a| {
        let ident = format_ident!("{}", a.ident);
        match a.ty {
            RustType::ByteStream => quote!(#ident.into()),
            _ => quote!(#ident),
        }
    });
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #docs
        #deprecated
        pub fn #ident<'a>(&'a self, #(#idents: #types),*) -> super::requests::#builder<'a> {
            super::requests::#builder::new(self, #(#values),*)
        }
    }
}

fn method_docs(op: &Operation, shape: &OpShape, snippet: Option<&str>) -> TokenStream {
    let summary = doc_attrs(
        op.summary.as_deref(),
        &format!("`{} {}`", op.method.as_str(), op.path),
    );
    let description = op
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty() && Some(d.trim()) != op.summary.as_deref().map(str::trim))
        .map(|d| {
            let body = lines(&spec_text(d.trim()));
            quote!(#[doc = ""] #body)
        });
    let route = op
        .summary
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
        .then(|| {
            let route = format!(" `{} {}`", op.method.as_str(), op.path);
            quote!(#[doc = ""] #[doc = #route])
        });
    let errors = error_docs(op, shape);
    let example = snippet.map(|snippet| {
        let text = format!("# Example\n\n```no_run\n{}```", snippet);
        let body = lines(&text);
        quote!(#[doc = ""] #body)
    });
    quote! { #summary #description #route #errors #example }
}

/// A `# Errors` section: every error response the spec declares, and the type its body decodes
/// as with `Error::decode_body`.
fn error_docs(op: &Operation, shape: &OpShape) -> Option<TokenStream> {
    if shape.errors.is_empty() {
        return None;
    }
    let mut text = String::from(
        "# Errors\n\nA status outside 2XX gives [`Error::Status`](crate::Error::Status). The spec \
         declares:\n",
    );
    for e in &shape.errors {
        let r = &op.responses[e.response];
        let what = match (&e.ty, &r.body) {
            (Some(crate::surface::RustType::Named(name)), _) => {
                format!("body [`{name}`](crate::types::{name})")
            }
            (Some(ty), _) => format!("body `{ty}`"),
            (None, Some(body)) => format!("a `{}` body", body.media_type),
            (None, None) => "no body".to_owned(),
        };
        let about = r
            .description
            .as_deref()
            .map(brief)
            .filter(|d| !d.is_empty())
            .map(|d| format!(" — {}", d.replace('`', "'")))
            .unwrap_or_default();
        text.push_str(&format!("\n- `{}`: {what}{about}", e.status));
    }
    let body = lines(&text);
    Some(quote!(#[doc = ""] #body))
}
