//! Sample values written as Rust expressions of the generated types.

use crate::model::*;
use crate::surface::rust_type::body_ty;
use crate::surface::{
    sample::Variants, Construct, Input, RustType, ShapeKind, Surface, UnionShape,
};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use std::cell::RefCell;

/// Turns sample values into Rust expressions of the generated types.
/// Writes one input's value as Rust.
pub(super) struct Render<'a> {
    pub surface: &'a Surface<'a>,
    pub krate: &'a proc_macro2::Ident,
    /// The variants the example's sample chose for the unions in the value.
    pub variants: Option<&'a Variants>,
    /// The JSON pointer, inside the value, of the part being written.
    pub path: RefCell<String>,
    /// How many unions the value being rendered sits in.
    pub unions: std::cell::Cell<usize>,
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
    pub fn input(
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
