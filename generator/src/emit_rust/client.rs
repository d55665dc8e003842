//! Operations → the client struct, its builder entry point and one async method per operation.

use super::docs::{doc_attrs, lines};
use super::format::Part;
use crate::model::*;
use crate::surface::{Builder, OpShape, Snippets, Surface};
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
    let (builder_ty, builder_new) = builder(surface);
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

fn builder(surface: &Surface) -> (TokenStream, TokenStream) {
    let api = surface.api;
    let name = format_ident!("{}", surface.client.name);
    let builder = format_ident!("{}", surface.client.builder.type_name());
    let new = match surface.client.builder {
        Builder::Management | Builder::Authentication => quote!(runtime::#builder::new()),
        Builder::Generic => {
            let schemes = api.security_schemes.iter().map(scheme_def);
            let base = match &api.base_url {
                Some(url) => quote!(Some(#url)),
                None => quote!(None),
            };
            quote!(runtime::#builder::new(&[#(#schemes),*], #base))
        }
    };
    (quote!(runtime::#builder<#name>), new)
}

fn scheme_def(s: &SecurityScheme) -> TokenStream {
    let name = &s.name.wire;
    let kind = match &s.kind {
        SecurityKind::Bearer => quote!(runtime::SchemeKind::Bearer),
        SecurityKind::Basic => quote!(runtime::SchemeKind::Basic),
        SecurityKind::ApiKey { location, param } => {
            let location = match location {
                ApiKeyLocation::Header => quote!(Header),
                ApiKeyLocation::Query => quote!(Query),
                ApiKeyLocation::Cookie => quote!(Cookie),
            };
            quote!(runtime::SchemeKind::ApiKey { location: runtime::ApiKeyLocation::#location, param: #param })
        }
    };
    quote!(runtime::SchemeDef { name: #name, kind: #kind })
}

fn method(surface: &Surface, index: usize, snippet: Option<&str>) -> TokenStream {
    let (op, shape) = (&surface.api.operations[index], &surface.ops[index]);
    let ident = format_ident!("{}", shape.method);
    let docs = method_docs(op, shape, snippet);
    let args = super::signature::args(shape);
    let ret = super::ty::tokens(&shape.returns.ty());
    let finish = super::signature::result(&shape.returns);
    let build = request(surface, op, shape);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #docs
        #deprecated
        pub async fn #ident(&self, #(#args),*) -> runtime::Result<#ret> {
            #build
            let resp = self.rt.execute(req).await?;
            #finish
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
            let body = lines(d.trim());
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
    let errors = error_docs(shape);
    let example = snippet.map(|snippet| {
        let text = format!("# Example\n\n```no_run\n{}```", snippet);
        let body = lines(&text);
        quote!(#[doc = ""] #body)
    });
    quote! { #summary #description #route #errors #example }
}

/// The statements that build `req`, the `runtime::Request` of one call.
fn request(surface: &Surface, op: &Operation, shape: &OpShape) -> TokenStream {
    let api = surface.api;
    let method = format_ident!("{}", op.method.as_str());
    let path = &op.path;
    let name = &op.name.rust;
    let mut calls = vec![quote!(.operation(#name))];
    for (i, p) in op.params.iter().enumerate() {
        let wire = &p.name.wire;
        let value = if p.style == ParamStyle::Json {
            let optional = shape.params.as_ref().is_some_and(|params| {
                let field = params.params.iter().position(|&j| j == i);
                field.is_some_and(|f| params.fields[f].ty.is_option() && !p.ty.is_nullable())
            });
            json_text(p, optional)
        } else {
            super::signature::param_value(p)
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
    let body = op
        .body
        .as_ref()
        .map(|body| super::signature::body_statement(surface, body));
    let mut after = Vec::new();
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

/// A parameter's value as JSON text (`None`, adding nothing, when it is left out). `optional`:
/// the field is an `Option` the spec's type does not make.
fn json_text(p: &Param, optional: bool) -> TokenStream {
    let ident = format_ident!("{}", p.name.rust);
    let place = match p.location {
        ParamLocation::Path => quote!(#ident),
        _ => quote!(params.#ident),
    };
    if !optional {
        quote!(&serde_json::to_string(&#place).ok())
    } else {
        quote!(&#place.as_ref().and_then(|v| serde_json::to_string(v).ok()))
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

/// A `# Errors` section naming the error bodies the spec describes, for `Error::decode_body`.
fn error_docs(shape: &OpShape) -> Option<TokenStream> {
    let mut text = String::from(
        "# Errors\n\nA status the spec lists as an error gives `Error::Status`; its body decodes \
         with `Error::decode_body` as:\n",
    );
    let mut any = false;
    for e in &shape.errors {
        if let Some(ty) = &e.ty {
            text.push_str(&format!("\n- `{}`: `{}`", e.status, ty.spell("crate")));
            any = true;
        }
    }
    any.then(|| {
        let body = lines(&text);
        quote!(#[doc = ""] #body)
    })
}
