//! The Rust usage example of one operation, from the values the surface chose for it: shared by
//! its docs page, its rustdoc and `examples/`.

mod render;

use crate::model::*;
use crate::surface::{Example, Forward, Input, RustType, Snippets, Surface};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use render::Render;
use std::cell::RefCell;

/// The formatted snippet of every operation that shows one, made on a thread per core.
pub fn snippets(surface: &Surface) -> Snippets {
    let shown: Vec<(usize, &Example)> = surface
        .examples
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e.as_ref()?)))
        .collect();
    let made =
        crate::parallel::parallel_map(shown, |(i, example)| (i, snippet(surface, i, example)));
    let mut by_operation = vec![None; surface.ops.len()];
    for (i, text) in made {
        by_operation[i] = Some(text);
    }
    let quickstart = surface.quickstart.as_ref().and_then(|q| {
        let example = surface.examples[q.operation].as_ref()?;
        let program = super::program::program(surface, q.operation, example);
        Some(imports_apart(syn::parse2::<syn::File>(program).ok()?))
    });
    let mock_test = surface.quickstart.as_ref().and_then(|q| {
        let example = surface.examples[q.operation].as_ref()?;
        let program = super::program::mock_test(surface, q.operation, example);
        Some(imports_apart(syn::parse2::<syn::File>(program).ok()?))
    });
    Snippets {
        by_operation,
        quickstart,
        mock_test,
    }
}

/// A complete, compilable `async fn example()` that builds the client and calls the operation
/// with the example's values. Formatted Rust source, without Markdown fences; a blank line
/// separates the items.
fn snippet(surface: &Surface, index: usize, example: &Example) -> String {
    unparse(example_fn(surface, index, example))
}

/// A formatted file whose `use` items come first, a blank line after them.
fn imports_apart(file: syn::File) -> String {
    let (uses, rest): (Vec<syn::Item>, Vec<syn::Item>) = file
        .items
        .into_iter()
        .partition(|item| matches!(item, syn::Item::Use(_)));
    let part = |items| {
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        })
    };
    format!("{}\n{}", part(uses), part(rest))
}

/// Formatted items, a blank line between each (the tokens as text if they do not parse).
fn unparse(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file
            .items
            .into_iter()
            .map(|item| {
                prettyplease::unparse(&syn::File {
                    shebang: None,
                    attrs: Vec::new(),
                    items: vec![item],
                })
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(_) => tokens.to_string(),
    }
}

/// The `main` of every example file, as prettyplease prints it (a test checks that).
const EXAMPLE_MAIN: &str = "fn main() {\n    drop(example());\n}\n";

/// `examples/<method>.rs`: the snippet plus a `main` that compiles it without running it.
pub fn example_file(snippet: &str) -> String {
    format!(
        "{}#![cfg_attr(rustfmt, rustfmt::skip)]\n\
         //! Usage example, compiled by the test command; it is not run, since it needs real credentials.\n\
         \n{snippet}\n{EXAMPLE_MAIN}",
        super::HEADER
    )
}

fn example_fn(surface: &Surface, index: usize, example: &Example) -> TokenStream {
    let api = surface.api;
    let krate = format_ident!("{}", api.client.crate_ident);
    let client = format_ident!("{}", api.client.name);
    let builder = builder_calls(surface);
    let (call, deprecated) = call(surface, index, example);
    let allow = deprecated.then(|| quote!(#[allow(deprecated)]));
    let call = quote!(#call.await?);
    let show = if surface.ops[index].returns.ty() == RustType::Unit {
        quote!(#call;)
    } else {
        quote!(let response = #call; println!("{response:?}");)
    };
    let body = quote! {
        #allow
        async fn example() -> #krate::Result<()> {
            let client = #client::builder() #builder .build()?;
            #show
            Ok(())
        }
    };
    let (body, modules) = module_paths(body, &krate);
    quote! {
        use #krate::{#(#modules,)* #client};
        #body
    }
}

/// The example's request, `client.method(args).setter(value)`, not yet sent; and whether it
/// uses something deprecated. The snippet awaits it, and the Prism harness sends the same.
pub(super) fn call(surface: &Surface, index: usize, example: &Example) -> (TokenStream, bool) {
    let (op, shape) = (&surface.api.operations[index], &surface.ops[index]);
    let krate = format_ident!("{}", surface.api.client.crate_ident);
    let method = format_ident!("{}", shape.method);
    let render = |input: Input| Render {
        surface,
        krate: &krate,
        variants: example.variants.get(&input),
        path: RefCell::new(String::new()),
        unions: std::cell::Cell::new(0),
    };
    let args = shape
        .args
        .iter()
        .zip(&example.args)
        .map(|(arg, value)| render(arg.input).input(op, arg.input, &arg.ty, value, false));
    let setters = example.setters.iter().map(|(i, value)| {
        let setter = &shape.setters[*i];
        let name = format_ident!("{}", setter.name);
        let value = render(setter.input).input(op, setter.input, &setter.ty, value, true);
        quote!(.#name(#value))
    });
    let deprecated = op.deprecated
        || example
            .setters
            .iter()
            .any(|(i, _)| match shape.setters[*i].input {
                Input::Param(p) => op.params[p].deprecated,
                Input::Body => false,
            });
    (quote!(client.#method(#(#args),*) #(#setters)*), deprecated)
}

/// `krate::types::X` and `krate::params::X` shortened to `types::X` and `params::X`, and the
/// modules so used, to import: the snippet reads like code a user writes. (Not when the crate
/// itself is named like one of the modules.)
pub(super) fn module_paths(
    tokens: TokenStream,
    krate: &proc_macro2::Ident,
) -> (TokenStream, Vec<proc_macro2::Ident>) {
    use proc_macro2::{Group, TokenTree};
    if krate == "types" || krate == "params" {
        return (tokens, Vec::new());
    }
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut used: Vec<proc_macro2::Ident> = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        let module = match (&trees[i], trees.get(i + 1), trees.get(i + 3)) {
            (TokenTree::Ident(k), Some(TokenTree::Punct(p)), Some(TokenTree::Ident(m)))
                if k == krate && p.as_char() == ':' && (m == "types" || m == "params") =>
            {
                Some(m.clone())
            }
            _ => None,
        };
        if let Some(module) = module {
            if !used.contains(&module) {
                used.push(module);
            }
            i += 3;
            continue;
        }
        out.push(match &trees[i] {
            TokenTree::Group(g) => {
                let (inner, inner_used) = module_paths(g.stream(), krate);
                used.extend(
                    inner_used
                        .into_iter()
                        .filter(|m| !used.contains(m))
                        .collect::<Vec<_>>(),
                );
                let mut group = Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                TokenTree::Group(group)
            }
            other => other.clone(),
        });
        i += 1;
    }
    used.sort_by_key(|m| m.to_string());
    (out.into_iter().collect(), used)
}

/// The builder calls of an example: the credentials the client needs, and a base URL when the
/// spec gives none.
fn builder_calls(surface: &Surface) -> TokenStream {
    let api = surface.api;
    let base = (api.client.kind == ClientKind::Generic && api.base_url.is_none())
        .then(|| quote!(.base_url("https://api.example.com")));
    let auth = auth_calls(surface);
    quote!(#base #auth)
}

/// The builder calls that give the client its credentials, with placeholders: Authing's keys or
/// app, or the typed setter of the spec's first security scheme.
pub(super) fn auth_calls(surface: &Surface) -> TokenStream {
    let api = surface.api;
    match api.client.kind {
        ClientKind::AuthingManagement => {
            quote!(.access_key_id("YOUR_ACCESS_KEY_ID").access_key_secret("YOUR_ACCESS_KEY_SECRET"))
        }
        ClientKind::AuthingAuthentication => {
            quote!(.app_id("YOUR_APP_ID").app_host("https://YOUR_APP.authing.cn"))
        }
        ClientKind::Generic => {
            let first = api.security_schemes.first();
            let auth = first.and_then(|s| credential_call(surface, &s.name.wire, &PLACEHOLDERS));
            quote!(#auth)
        }
    }
}

/// The values a snippet gives each kind of credential.
pub(super) struct Credentials<'a> {
    pub token: &'a str,
    pub user: &'a str,
    pub password: &'a str,
    pub key: &'a str,
}

const PLACEHOLDERS: Credentials = Credentials {
    token: "YOUR_TOKEN",
    user: "YOUR_USERNAME",
    password: "YOUR_PASSWORD",
    key: "YOUR_API_KEY",
};

/// The client builder's typed setter call that gives the credential of the security scheme
/// `scheme` (its name in the spec).
pub(super) fn credential_call(
    surface: &Surface,
    scheme: &str,
    values: &Credentials,
) -> Option<TokenStream> {
    surface.client.setters.iter().find_map(|setter| {
        let name = format_ident!("{}", setter.name);
        match &setter.forward {
            Forward::Bearer(s) if s == scheme => {
                let token = values.token;
                Some(quote!(.#name(#token)))
            }
            Forward::Basic(s) if s == scheme => {
                let (user, password) = (values.user, values.password);
                Some(quote!(.#name(#user, #password)))
            }
            Forward::ApiKey(s) if s == scheme => {
                let key = values.key;
                Some(quote!(.#name(#key)))
            }
            _ => None,
        }
    })
}

#[cfg(test)]
#[path = "example_tests.rs"]
mod tests;
