//! The Rust usage example of one operation, from the values the surface chose for it: shared by
//! its docs page, its rustdoc and `examples/`.

use crate::model::*;
use crate::surface::rust_type::body_ty;
use crate::surface::{
    sample::Variants, Construct, Example, Forward, Input, RustType, ShapeKind, Snippets, Surface,
    UnionShape,
};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
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

/// Turns sample values into Rust expressions of the generated types.
/// Writes one input's value as Rust.
struct Render<'a> {
    surface: &'a Surface<'a>,
    krate: &'a proc_macro2::Ident,
    /// The variants the example's sample chose for the unions in the value.
    variants: Option<&'a Variants>,
    /// The JSON pointer, inside the value, of the part being written.
    path: RefCell<String>,
    /// How many unions the value being rendered sits in.
    unions: std::cell::Cell<usize>,
}

/// Unions nested deeper than this ignore the variants the sample recorded and take their
/// shallowest, so that unions holding each other at one path cannot loop.
const UNION_DEPTH: usize = 16;

impl Render<'_> {
    /// Whether `ty` has no finite value, so that no part of a sample can be shown as one: the
    /// nullable, list or optional field holding it is shown empty instead.
    fn endless(&self, ty: &Ty) -> bool {
        matches!(ty, Ty::Named(id) if self.surface.graph.endless[id.0])
    }

    /// The depth of the shallowest value of `ty` (see [`crate::surface::graph::Graph::height`]).
    fn height(&self, ty: &Ty) -> Option<usize> {
        match ty {
            Ty::Named(id) => self.surface.graph.height[id.0],
            _ => Some(0),
        }
    }

    /// `write`, with the path one `segment` deeper while it runs.
    fn at(&self, segment: &str, write: impl FnOnce() -> TokenStream) -> TokenStream {
        let len = self.path.borrow().len();
        let deeper = format!("/{}", crate::pointer::escape(segment));
        self.path.borrow_mut().push_str(&deeper);
        let out = write();
        self.path.borrow_mut().truncate(len);
        out
    }

    /// The value of an input, as an argument (`into` false) or setter (`into` true) of type
    /// `ty` takes it.
    fn input(
        &self,
        op: &Operation,
        input: Input,
        ty: &RustType,
        value: &Value,
        into: bool,
    ) -> TokenStream {
        let model = match (input, &op.body) {
            (Input::Param(i), _) => op.params[i].ty.clone(),
            (Input::Body, Some(b)) if b.kind == BodyKind::Binary => return quote!(b"...".to_vec()),
            (Input::Body, Some(b)) => body_ty(b.kind, &b.ty),
            (Input::Body, None) => return quote!(()),
        };
        self.passed(ty, &model, value, into)
    }

    /// `value` (of model type `model`) as a parameter of Rust type `ty` takes it: string
    /// literals for `&str` and (where `into`, the parameter being `impl Into<String>`)
    /// `String`, references where it takes one.
    fn passed(&self, ty: &RustType, model: &Ty, value: &Value, into: bool) -> TokenStream {
        let text = || match value {
            Value::String(s) => Literal::string(s),
            other => Literal::string(&other.to_string()),
        };
        match ty {
            RustType::Option(_) if value.is_null() || self.endless(model.non_null()) => {
                quote!(None)
            }
            RustType::Option(inner) => {
                let v = self.passed(inner, model.non_null(), value, false);
                quote!(Some(#v))
            }
            RustType::Str => {
                let lit = text();
                quote!(#lit)
            }
            RustType::Prim("String") if into => {
                let lit = text();
                quote!(#lit)
            }
            RustType::Prim("String") => {
                let lit = text();
                quote!(#lit.to_owned())
            }
            RustType::Ref(inner) => {
                let v = self.passed(inner, model, value, false);
                quote!(&#v)
            }
            _ => self.value(model.non_null(), value),
        }
    }

    /// An expression of type `ty` with the value `v`.
    fn value(&self, ty: &Ty, v: &Value) -> TokenStream {
        match ty {
            Ty::Nullable(inner) if v.is_null() || self.endless(inner) => quote!(None),
            Ty::Nullable(inner) => {
                let v = self.value(inner, v);
                quote!(Some(#v))
            }
            Ty::String(_) => {
                let lit = Literal::string(v.as_str().unwrap_or_default());
                quote!(#lit.to_owned())
            }
            Ty::Integer(_) => match (v.as_i64(), v.as_u64()) {
                (Some(n), _) => {
                    let lit = Literal::i64_unsuffixed(n);
                    quote!(#lit)
                }
                (None, Some(n)) => {
                    let lit = Literal::u64_unsuffixed(n);
                    quote!(#lit)
                }
                _ => quote!(0),
            },
            Ty::Number(_) => {
                let lit = Literal::f64_unsuffixed(v.as_f64().unwrap_or(0.0));
                quote!(#lit)
            }
            Ty::Boolean => {
                let b = v.as_bool().unwrap_or(false);
                quote!(#b)
            }
            Ty::Binary => quote!(b"...".to_vec()),
            Ty::Array(item) => match v.as_array().map(Vec::as_slice) {
                _ if self.endless(item) => quote!(Vec::new()),
                Some([]) | None => quote!(Vec::new()),
                Some(items) => {
                    let items: Vec<TokenStream> = (items.iter().enumerate())
                        .map(|(i, x)| self.at(&i.to_string(), || self.value(item, x)))
                        .collect();
                    quote!(vec![#(#items),*])
                }
            },
            Ty::Map(_) => quote!(Default::default()),
            Ty::Any if v.is_null() => quote!(serde_json::Value::Null),
            Ty::Any => match v.to_string().parse::<TokenStream>() {
                Ok(json) => quote!(serde_json::json!(#json)),
                Err(_) => {
                    let text = v.to_string();
                    quote!(serde_json::from_str(#text).unwrap_or_default())
                }
            },
            Ty::Named(id) => self.named(*id, v),
        }
    }

    fn named(&self, id: TypeId, v: &Value) -> TokenStream {
        let (api, krate) = (self.surface.api, self.krate);
        let def = api.type_def(id);
        let name = format_ident!("{}", def.name.rust);
        match (&def.kind, &self.surface.types[id.0].kind) {
            (TypeKind::Alias(ty), ShapeKind::Newtype(inner)) => {
                let value = self.value(ty, v);
                let value = match inner {
                    RustType::Box(_) => quote!(Box::new(#value)),
                    RustType::Option(boxed) if matches!(**boxed, RustType::Box(_)) => {
                        quote!(#value.map(Box::new))
                    }
                    _ => value,
                };
                quote!(#krate::types::#name(#value))
            }
            (TypeKind::Alias(ty), _) => self.value(ty, v),
            (TypeKind::Enum(e), ShapeKind::Enum(shape)) => {
                let known = e.variants.iter().find(|variant| &variant.value == v);
                match (known, e.repr) {
                    (Some(variant), _) => {
                        let variant = format_ident!("{}", variant.name.rust);
                        quote!(#krate::types::#name::#variant)
                    }
                    (None, repr) => {
                        let unknown = format_ident!("{}", shape.unknown);
                        let raw = match repr {
                            EnumRepr::String => quote!(String::new()),
                            EnumRepr::Integer => quote!(0),
                            EnumRepr::Boolean => quote!(false),
                        };
                        quote!(#krate::types::#name::#unknown(#raw))
                    }
                }
            }
            (TypeKind::Union(u), ShapeKind::Union(shape)) => self.union(&name, u, shape, v),
            (TypeKind::Struct(s), ShapeKind::Struct(shape)) => {
                let ty = quote!(#krate::types::#name);
                let set: Vec<(usize, &Value)> = s
                    .fields
                    .iter()
                    .enumerate()
                    .filter_map(|(i, f)| Some((i, v.get(&f.name.wire)?)))
                    .collect();
                let required: &[usize] = match &shape.construct {
                    Construct::New(required) => required,
                    Construct::Received => &[],
                };
                let start = match &shape.construct {
                    Construct::New(_) => {
                        let args = required.iter().map(|&i| {
                            let given = set.iter().find(|(j, _)| *j == i).map(|(_, v)| *v);
                            let value = given.cloned().unwrap_or(Value::Null);
                            self.at(&s.fields[i].name.wire, || {
                                self.passed(&shape.fields[i].value, &s.fields[i].ty, &value, true)
                            })
                        });
                        quote!(#ty::new(#(#args),*))
                    }
                    Construct::Received if self.surface.types[id.0].traits.default => {
                        quote!(#ty::default())
                    }
                    Construct::Received => {
                        let json = v.to_string();
                        return quote!(serde_json::from_str::<#ty>(#json).expect("a valid value"));
                    }
                };
                let setters = set
                    .iter()
                    .filter(|(i, _)| {
                        !required.contains(i) && !self.endless(s.fields[*i].ty.non_null())
                    })
                    .map(|&(i, value)| {
                        let field = &shape.fields[i];
                        let setter = format_ident!("{}", field.setter);
                        let value = self.at(&s.fields[i].name.wire, || {
                            self.passed(&field.value, &s.fields[i].ty, value, true)
                        });
                        quote!(.#setter(#value))
                    });
                quote!(#start #(#setters)*)
            }
            _ => quote!(Default::default()),
        }
    }

    /// A value of the union, of the variant the sample chose for it where it can be shown.
    fn union(&self, name: &syn::Ident, u: &Union, shape: &UnionShape, v: &Value) -> TokenStream {
        let krate = self.krate;
        // The sample's variant, unless it cannot be shown: a value cut short (`null`) or one of
        // no finite value. Then a variant of no named type, else the shallowest, so that a value
        // cut short ends.
        let deep = self.unions.get() > UNION_DEPTH;
        let shown = |&i: &usize| {
            let ty = &u.variants[i].ty;
            let fits = !v.is_null() || matches!(ty, Ty::Nullable(_) | Ty::Any);
            !deep && fits && !self.endless(ty)
        };
        let recorded = self
            .variants
            .and_then(|all| all.get(&*self.path.borrow()).copied())
            .filter(|i| *i < u.variants.len())
            .filter(shown);
        let plain = |x: &UnionVariant| !matches!(x.ty.non_null(), Ty::Named(_));
        let shallowest = || {
            (0..u.variants.len())
                .filter_map(|i| Some((self.height(&u.variants[i].ty)?, i)))
                .min()
                .map(|(_, i)| i)
        };
        let chosen = recorded
            .or_else(|| u.variants.iter().position(plain))
            .or_else(shallowest);
        let Some(i) = chosen.or((!u.variants.is_empty()).then_some(0)) else {
            return quote!(Default::default());
        };
        let variant = &shape.variants[i];
        let ident = format_ident!("{}", variant.ident);
        if variant.payload.is_none() {
            return quote!(#krate::types::#name::#ident);
        }
        let ty = &u.variants[i].ty;
        self.unions.set(self.unions.get() + 1);
        let inner = boxed(variant.boxed, ty, self.value(ty, v));
        self.unions.set(self.unions.get() - 1);
        quote!(#krate::types::#name::#ident(#inner))
    }
}

/// `expr` in `Box::new` where the field or variant is boxed.
fn boxed(boxed: bool, ty: &Ty, expr: TokenStream) -> TokenStream {
    match (boxed, ty) {
        (false, _) => expr,
        (true, Ty::Nullable(_)) => quote!(#expr.map(Box::new)),
        (true, _) => quote!(Box::new(#expr)),
    }
}

#[cfg(test)]
#[path = "example_tests.rs"]
mod tests;
