//! The crate's client builder: it holds the runtime's builder and forwards each setting, with a
//! typed setter per security scheme, so a misspelt scheme is a compile error.

use crate::model::*;
use crate::surface::{Builder, BuilderSetter, Forward, SetterParam, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The builder struct and its methods, and the expression that makes one.
pub fn builder(surface: &Surface) -> (TokenStream, TokenStream) {
    let c = &surface.client;
    let name = format_ident!("{}", c.builder);
    let client = format_ident!("{}", c.name);
    let runtime = format_ident!("{}", c.runtime.type_name());
    let doc = format!(
        " Configures a [`{0}`]: base URL, timeouts, retries and credentials. Made by [`{0}::builder`].",
        c.name
    );
    let setters = c.setters.iter().map(setter);
    let mock = format_ident!("{}", crate::surface::MOCK_SETTER);
    let test_util = crate::surface::TEST_UTIL;
    let item = quote! {
        #[doc = #doc]
        #[must_use = "a builder does nothing until `build` is called"]
        #[derive(Debug)]
        pub struct #name {
            inner: runtime::#runtime<#client>,
        }

        impl #name {
            #(#setters)*

            /// Sends every request to `mock` instead of the network: no socket is opened
            /// (feature `test-util`; see the `mock` module).
            #[cfg(feature = #test_util)]
            pub fn #mock(self, mock: &runtime::mock::Mock) -> Self {
                Self { inner: self.inner.#mock(mock) }
            }

            /// The client, or [`Error::Config`](crate::Error::Config) for an invalid setting
            /// (a malformed base URL or header, a missing credential the API needs).
            pub fn build(self) -> runtime::Result<#client> {
                self.inner.build()
            }
        }
    };
    let new = match c.runtime {
        Builder::Management | Builder::Authentication => quote!(runtime::#runtime::new()),
        Builder::Generic => {
            let api = surface.api;
            let schemes = api.security_schemes.iter().map(scheme_def);
            let base = match &api.base_url {
                Some(url) => quote!(Some(#url)),
                None => quote!(None),
            };
            quote!(runtime::#runtime::new(&[#(#schemes),*], #base))
        }
    };
    (item, quote!(#name { inner: #new }))
}

fn setter(s: &BuilderSetter) -> TokenStream {
    let name = format_ident!("{}", s.name);
    let doc = format!(" {}", s.doc);
    let idents: Vec<syn::Ident> = s.args.iter().map(|(n, _)| format_ident!("{n}")).collect();
    let types = s.args.iter().map(|(_, p)| param(*p));
    let call = match &s.forward {
        Forward::Same => quote!(#name(#(#idents),*)),
        Forward::Bearer(scheme) => quote!(set_bearer(#scheme, #(#idents),*)),
        Forward::Basic(scheme) => quote!(set_basic(#scheme, #(#idents),*)),
        Forward::ApiKey(scheme) => quote!(set_api_key(#scheme, #(#idents),*)),
    };
    quote! {
        #[doc = #doc]
        pub fn #name(self, #(#idents: #types),*) -> Self {
            Self { inner: self.inner.#call }
        }
    }
}

fn param(p: SetterParam) -> TokenStream {
    match p {
        SetterParam::Text => quote!(impl Into<String>),
        SetterParam::Secret => quote!(impl Into<runtime::Secret>),
        SetterParam::Duration => quote!(std::time::Duration),
        SetterParam::Retry => quote!(runtime::RetryPolicy),
        SetterParam::U32 => quote!(u32),
        SetterParam::U64 => quote!(u64),
        SetterParam::Bool => quote!(bool),
        SetterParam::Hook => quote!(impl Fn(&mut runtime::HttpRequest) + Send + Sync + 'static),
    }
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
