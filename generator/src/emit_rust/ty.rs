//! Model types → Rust type tokens, and which fields must be boxed to break recursion.

use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust type of `ty`, with named types under `types::`.
pub fn rust_type(api: &Api, ty: &Ty) -> TokenStream {
    match ty {
        Ty::Named(id) => {
            let name = format_ident!("{}", api.type_def(*id).name.rust);
            quote!(crate::types::#name)
        }
        Ty::String(_) => quote!(String),
        Ty::Integer(f) => match f {
            IntFormat::I8 => quote!(i8),
            IntFormat::I16 => quote!(i16),
            IntFormat::I32 => quote!(i32),
            IntFormat::I64 => quote!(i64),
            IntFormat::U8 => quote!(u8),
            IntFormat::U16 => quote!(u16),
            IntFormat::U32 => quote!(u32),
            IntFormat::U64 => quote!(u64),
        },
        Ty::Number(NumberFormat::F32) => quote!(f32),
        Ty::Number(NumberFormat::F64) => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Binary => quote!(Vec<u8>),
        Ty::Array(item) => {
            let item = rust_type(api, item);
            quote!(Vec<#item>)
        }
        Ty::Map(value) => {
            let value = rust_type(api, value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        Ty::Any => quote!(serde_json::Value),
        Ty::Nullable(inner) => {
            let inner = rust_type(api, inner);
            quote!(Option<#inner>)
        }
    }
}

/// `rust_type`, boxed when `box_it`: `Box<T>`, or `Option<Box<T>>` for a nullable `T`.
pub fn maybe_boxed(api: &Api, ty: &Ty, box_it: bool) -> TokenStream {
    if !box_it {
        return rust_type(api, ty);
    }
    match ty {
        Ty::Nullable(inner) => {
            let inner = rust_type(api, inner);
            quote!(Option<Box<#inner>>)
        }
        other => {
            let t = rust_type(api, other);
            quote!(Box<#t>)
        }
    }
}

/// Whether a value of type `ty`, stored inline in type `owner`, would make `owner` infinitely large.
pub fn needs_box(api: &Api, owner: TypeId, ty: &Ty) -> bool {
    match ty.non_null() {
        Ty::Named(id) => {
            let mut seen = vec![false; api.types.len()];
            reaches(api, *id, owner, &mut seen)
        }
        _ => false,
    }
}

/// Whether `from` contains `target` inline (not behind a Vec, map or Box).
fn reaches(api: &Api, from: TypeId, target: TypeId, seen: &mut [bool]) -> bool {
    if from == target {
        return true;
    }
    if std::mem::replace(&mut seen[from.0], true) {
        return false;
    }
    inline_children(api, from)
        .into_iter()
        .any(|child| reaches(api, child, target, seen))
}

fn inline_children(api: &Api, id: TypeId) -> Vec<TypeId> {
    let direct = |ty: &Ty| match ty.non_null() {
        Ty::Named(id) => Some(*id),
        _ => None,
    };
    match &api.type_def(id).kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
        TypeKind::Union(u) => u.variants.iter().filter_map(|v| direct(&v.ty)).collect(),
        TypeKind::Alias(ty) => direct(ty).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}
