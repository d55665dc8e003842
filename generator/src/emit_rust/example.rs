//! The Rust usage example of one operation, shared by its docs page, its rustdoc and `examples/`.

use super::signature::params_struct_name;
use super::ty::{is_unit, needs_box, presence, request_types, Presence};
use crate::model::*;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

/// Nesting beyond this depth gets empty or default values, so recursive types end.
const MAX_DEPTH: usize = 4;

/// A complete, compilable `async fn example()` that builds the client and calls the operation
/// with sample values from the spec. Formatted Rust source, without Markdown fences.
pub fn snippet(api: &Api, op: &Operation) -> String {
    let tokens = example_fn(api, op);
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}

/// `examples/<method>.rs`: the snippet plus a `main` that compiles it without running it.
pub fn example_file(api: &Api, op: &Operation) -> String {
    let snippet = example_fn(api, op);
    let tokens = quote! {
        //! Usage example, compiled by the test command; it is not run, since it needs real credentials.
        #snippet
        fn main() {
            drop(example());
        }
    };
    super::format(tokens)
        .trim_start_matches(super::HEADER)
        .to_owned()
}

fn example_fn(api: &Api, op: &Operation) -> TokenStream {
    let krate = format_ident!("{}", api.client.crate_ident);
    let client = format_ident!("{}", api.client.name);
    let method = format_ident!("{}", op.name.rust);
    let builder = builder_calls(api);
    let args = call_args(api, op);
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        use #krate::#client;

        #allow
        async fn example() -> #krate::Result<()> {
            let client = #client::builder() #builder .build()?;
            let response = client.#method(#(#args),*).await?;
            println!("{response:?}");
            Ok(())
        }
    }
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
        args.push(quote!(&#krate::params::#name { #(#fields,)* #rest }));
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
        args.push(if body.required { arg } else { quote!(Some(#arg)) });
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
            let first = example.and_then(Value::as_array).and_then(|a| a.first());
            match (first, item.non_null()) {
                (None, Ty::Named(_)) | (Some(_), _) => {
                    let v = value(api, item, first, depth + 1);
                    quote!(vec![#v])
                }
                _ => quote!(Vec::new()),
            }
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
    let in_request = request_types(api)[id.0];
    let all_optional = s
        .fields
        .iter()
        .all(|f| presence(f, in_request).is_optional());
    let fields = s.fields.iter().filter_map(|f| {
        let ident = format_ident!("{}", f.name.rust);
        let sample = example
            .and_then(|e| e.get(&f.name.wire))
            .or(f.example.as_ref())
            .or(f.default.as_ref());
        let presence = presence(f, in_request);
        let make = || boxed(api, id, &f.ty, value(api, &f.ty, sample, depth + 1));
        let leave_out = match presence {
            Presence::Required => false,
            _ if depth >= MAX_DEPTH => true,
            Presence::Nullable => false,
            Presence::Optional if f.ty.is_nullable() => false,
            Presence::Optional | Presence::TriState => sample.is_none(),
        };
        let v = match presence {
            _ if leave_out && all_optional => return None,
            _ if leave_out => quote!(None),
            Presence::Optional if !f.ty.is_nullable() => {
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
