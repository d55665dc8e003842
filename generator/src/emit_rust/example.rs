//! The Rust usage example of one operation, shared by its docs page, its rustdoc and `examples/`.

use super::signature::params_struct_name;
use super::ty::{is_unit, needs_box, nullable, presence, Presence};
use crate::model::*;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use std::collections::BTreeMap;

/// Nesting beyond this depth gets empty or default values, so recursive types end.
const MAX_DEPTH: usize = 4;

/// The formatted snippet of every operation that shows one, made once per generation and shared
/// by the docs page, the method's rustdoc and `examples/`.
#[derive(Debug, Default)]
pub struct Examples {
    by_method: BTreeMap<String, String>,
}

impl Examples {
    /// Snippets of all operations with `docs_example`, made on a thread per core.
    pub fn new(api: &Api) -> Examples {
        let ops: Vec<&Operation> = api.operations.iter().filter(|op| op.docs_example).collect();
        let by_method =
            super::format::parallel_map(ops, |op| (op.name.rust.clone(), snippet(api, op)));
        Examples {
            by_method: by_method.into_iter().collect(),
        }
    }

    /// The snippet of `op`, if it shows one.
    pub fn get(&self, op: &Operation) -> Option<&str> {
        self.by_method.get(&op.name.rust).map(String::as_str)
    }
}

/// A complete, compilable `async fn example()` that builds the client and calls the operation
/// with sample values from the spec. Formatted Rust source, without Markdown fences; a blank
/// line separates the items.
fn snippet(api: &Api, op: &Operation) -> String {
    let tokens = example_fn(api, op);
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

fn example_fn(api: &Api, op: &Operation) -> TokenStream {
    let krate = format_ident!("{}", api.client.crate_ident);
    let client = format_ident!("{}", api.client.name);
    let method = format_ident!("{}", op.name.rust);
    let builder = builder_calls(api);
    let args = call_args(api, op);
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    let call = quote!(client.#method(#(#args),*).await?);
    let show = if super::signature::returns_unit(op) {
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

/// `krate::types::X` and `krate::params::X` shortened to `types::X` and `params::X`, and the
/// modules so used, to import: the snippet reads like code a user writes. (Not when the crate
/// itself is named like one of the modules.)
fn module_paths(
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

fn builder_calls(api: &Api) -> TokenStream {
    match api.client.kind {
        ClientKind::AuthingManagement => {
            quote!(.access_key_id("YOUR_ACCESS_KEY_ID").access_key_secret("YOUR_ACCESS_KEY_SECRET"))
        }
        ClientKind::AuthingAuthentication => {
            quote!(.app_id("YOUR_APP_ID").app_host("https://YOUR_APP.authing.cn"))
        }
        ClientKind::Generic => {
            let base = api
                .base_url
                .is_none()
                .then(|| quote!(.base_url("https://api.example.com")));
            let auth = api.security_schemes.first().map(|s| match &s.kind {
                SecurityKind::Bearer => quote!(.bearer_token("YOUR_TOKEN")),
                SecurityKind::Basic => quote!(.basic_auth("YOUR_USERNAME", "YOUR_PASSWORD")),
                SecurityKind::ApiKey { .. } => {
                    let name = &s.name.wire;
                    quote!(.api_key(#name, "YOUR_API_KEY"))
                }
            });
            quote!(#base #auth)
        }
    }
}

fn call_args(api: &Api, op: &Operation) -> Vec<TokenStream> {
    let mut args: Vec<TokenStream> = op
        .params_in(ParamLocation::Path)
        .map(|p| match p.ty.non_null() {
            Ty::String(_) => str_lit(p.example.as_ref().or(p.default.as_ref()), &p.name.wire),
            Ty::Integer(_) | Ty::Number(_) | Ty::Boolean => {
                value(api, &p.ty, p.example.as_ref(), 0)
            }
            other => {
                let v = value(api, other, p.example.as_ref(), 0);
                quote!(&#v)
            }
        })
        .collect();
    let others: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .collect();
    if !others.is_empty() {
        let name = params_struct_name(op);
        let krate = format_ident!("{}", api.client.crate_ident);
        let option = |p: &Param| !p.required || p.ty.is_nullable();
        let all_optional = others.iter().all(|p| option(p));
        let shown: Vec<&&Param> = others
            .iter()
            .filter(|p| p.required || p.example.is_some() || !all_optional)
            .collect();
        let fields = shown.iter().map(|p| {
            let ident = format_ident!("{}", p.name.rust);
            let sample = p.example.as_ref().or(p.default.as_ref());
            let v = match (p.required, sample) {
                (true, _) => value(api, &p.ty, sample, 0),
                (false, Some(_)) if p.ty.is_nullable() => value(api, &p.ty, sample, 0),
                (false, Some(_)) => {
                    let v = value(api, &p.ty, sample, 0);
                    quote!(Some(#v))
                }
                (false, None) => quote!(None),
            };
            quote!(#ident: #v)
        });
        let rest = (shown.len() < others.len()).then(|| quote!(..Default::default()));
        args.push(if shown.is_empty() {
            quote!(&#krate::params::#name::default())
        } else {
            quote!(&#krate::params::#name { #(#fields,)* #rest })
        });
    }
    if let Some(body) = &op.body {
        let arg = match body.kind {
            BodyKind::Binary => quote!(b"...".to_vec()),
            BodyKind::Text => quote!("text".to_owned()),
            _ => {
                let v = value(api, &body.ty, None, 0);
                quote!(&#v)
            }
        };
        args.push(if body.required {
            arg
        } else {
            quote!(Some(#arg))
        });
    }
    args
}

fn str_lit(example: Option<&Value>, fallback: &str) -> TokenStream {
    let text = match example {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => fallback.to_owned(),
    };
    let lit = Literal::string(&text);
    quote!(#lit)
}

/// An expression of type `ty`, from `example` where it fits.
fn value(api: &Api, ty: &Ty, example: Option<&Value>, depth: usize) -> TokenStream {
    let example = example.filter(|v| !v.is_null());
    match ty {
        Ty::Nullable(inner) => {
            let v = value(api, inner, example, depth);
            quote!(Some(#v))
        }
        Ty::String(_) => {
            let s = str_lit(example, "string");
            quote!(#s.to_owned())
        }
        Ty::Integer(_) => {
            let n = example.and_then(Value::as_i64).unwrap_or(0);
            let lit = Literal::i64_unsuffixed(n);
            quote!(#lit)
        }
        Ty::Number(_) => {
            let n = example.and_then(Value::as_f64).unwrap_or(0.0);
            let lit = Literal::f64_unsuffixed(n);
            quote!(#lit)
        }
        Ty::Boolean => {
            let b = example.and_then(Value::as_bool).unwrap_or(false);
            quote!(#b)
        }
        Ty::Binary => quote!(b"...".to_vec()),
        Ty::Array(item) if depth < MAX_DEPTH => {
            let given = example.and_then(Value::as_array).map(Vec::as_slice);
            let samples: Vec<Option<&Value>> = match (given.unwrap_or_default(), item.non_null()) {
                ([], Ty::Named(_)) => vec![None],
                (given, _) => given.iter().take(3).map(Some).collect(),
            };
            if samples.is_empty() {
                return quote!(Vec::new());
            }
            let items = samples.into_iter().map(|v| value(api, item, v, depth + 1));
            quote!(vec![#(#items),*])
        }
        Ty::Array(_) | Ty::Map(_) => quote!(Default::default()),
        Ty::Any => match example {
            Some(v) => {
                let text = v.to_string();
                quote!(serde_json::from_str(#text).unwrap_or_default())
            }
            None => quote!(serde_json::Value::Null),
        },
        Ty::Named(id) => named(api, *id, example, depth),
    }
}

fn named(api: &Api, id: TypeId, example: Option<&Value>, depth: usize) -> TokenStream {
    let def = api.type_def(id);
    let krate = format_ident!("{}", api.client.crate_ident);
    let name = format_ident!("{}", def.name.rust);
    let example = example.or(def.example.as_ref());
    match &def.kind {
        TypeKind::Alias(ty) => value(api, ty, example, depth),
        TypeKind::Enum(e) => {
            let chosen = e
                .variants
                .iter()
                .find(|v| Some(&v.value) == example)
                .or_else(|| e.variants.first());
            match (chosen, e.repr) {
                (Some(v), _) => {
                    let variant = format_ident!("{}", v.name.rust);
                    quote!(#krate::types::#name::#variant)
                }
                (None, EnumRepr::String) => quote!(#krate::types::#name::Unknown(String::new())),
                (None, EnumRepr::Integer) => quote!(#krate::types::#name::Unknown(0)),
                (None, EnumRepr::Boolean) => quote!(#krate::types::#name::Unknown(false)),
            }
        }
        TypeKind::Union(u) => match u.variants.first() {
            Some(v) if u.discriminator.is_some() && is_unit(api, &v.ty) => {
                let variant = format_ident!("{}", v.name.rust);
                quote!(#krate::types::#name::#variant)
            }
            Some(v) => {
                let variant = format_ident!("{}", v.name.rust);
                let inner = boxed(api, id, &v.ty, value(api, &v.ty, None, depth + 1));
                quote!(#krate::types::#name::#variant(#inner))
            }
            None => quote!(Default::default()),
        },
        TypeKind::Struct(s) => struct_value(api, id, s, example, depth),
    }
}

/// A struct literal: required fields from the example (or made up), optional ones only where
/// the example has them, the rest left to `Default` when the struct has it.
fn struct_value(
    api: &Api,
    id: TypeId,
    s: &Struct,
    example: Option<&Value>,
    depth: usize,
) -> TokenStream {
    let krate = format_ident!("{}", api.client.crate_ident);
    let name = format_ident!("{}", api.type_def(id).name.rust);
    let in_request = api.type_def(id).usage.sent;
    let all_optional = s
        .fields
        .iter()
        .all(|f| presence(api, f, in_request).is_optional());
    let fields = s.fields.iter().filter_map(|f| {
        let ident = format_ident!("{}", f.name.rust);
        let sample = example
            .and_then(|e| e.get(&f.name.wire))
            .or(f.example.as_ref())
            .or(f.default.as_ref());
        let presence = presence(api, f, in_request);
        let make = || boxed(api, id, &f.ty, value(api, &f.ty, sample, depth + 1));
        let leave_out = match presence {
            Presence::Required => false,
            _ if depth >= MAX_DEPTH => true,
            Presence::Nullable => false,
            Presence::Optional if nullable(api, &f.ty) => false,
            Presence::Optional | Presence::TriState => sample.is_none(),
        };
        let v = match presence {
            _ if leave_out && all_optional => return None,
            _ if leave_out => quote!(None),
            Presence::Optional if !nullable(api, &f.ty) => {
                let v = make();
                quote!(Some(#v))
            }
            Presence::TriState => {
                let v = make();
                quote!(Some(#v))
            }
            _ => make(),
        };
        Some(quote!(#ident: #v))
    });
    let fields: Vec<TokenStream> = fields.collect();
    let additional = s
        .additional
        .as_ref()
        .filter(|_| !all_optional)
        .map(|_| quote!(additional_properties: Default::default(),));
    let omitted = fields.len() < s.fields.len() || s.additional.is_some();
    if all_optional && omitted && fields.is_empty() {
        return quote!(#krate::types::#name::default());
    }
    let rest = (all_optional && omitted).then(|| quote!(..Default::default()));
    quote!(#krate::types::#name { #(#fields,)* #additional #rest })
}

/// Wrap `expr` in `Box::new` where the field or variant is boxed.
fn boxed(api: &Api, owner: TypeId, ty: &Ty, expr: TokenStream) -> TokenStream {
    if !needs_box(api, owner, ty) {
        return expr;
    }
    match ty {
        Ty::Nullable(_) => quote!(#expr.map(Box::new)),
        _ => quote!(Box::new(#expr)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_files_print_as_prettyplease_prints_each_item() {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/management.yaml");
        let doc = crate::load::load_file(std::path::Path::new(spec)).unwrap();
        let (api, _) = crate::lower::lower(&doc, &crate::Options::default()).unwrap();
        let examples = Examples::new(&api);
        let shown = api.operations.iter().filter(|op| op.docs_example).count();
        assert_eq!(examples.by_method.len(), shown);
        for snippet in examples.by_method.values() {
            let text = example_file(snippet);
            let file = syn::parse_file(text.trim_start_matches(super::super::HEADER)).unwrap();
            let items: Vec<String> = file
                .items
                .into_iter()
                .map(|item| {
                    let single = syn::File {
                        shebang: None,
                        attrs: Vec::new(),
                        items: vec![item],
                    };
                    prettyplease::unparse(&single)
                })
                .collect();
            assert!(text.ends_with(&items.join("\n")), "{text}");
            assert_eq!(items.last().map(String::as_str), Some(EXAMPLE_MAIN));
        }
    }
}
