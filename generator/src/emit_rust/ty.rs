//! Model types → Rust type tokens, and which fields must be boxed to break recursion.

use crate::model::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust type of `ty`, with named types under `types::`.
pub fn rust_type(api: &Api, ty: &Ty) -> TokenStream {
    match ty {
        Ty::Named(id) => {
            let name = format_ident!("{}", api.type_def(*id).name.rust);
            quote!(super::types::#name)
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

/// A tagged-union variant whose type is an object with no properties carries nothing but its
/// tag, so it is a unit variant.
pub fn is_unit(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => matches!(
            &api.type_def(*id).kind,
            TypeKind::Struct(s) if s.fields.is_empty() && s.additional.is_none()
        ),
        _ => false,
    }
}

/// How a struct field is present on the wire, which decides its Rust type and serde attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there, never null: `T`.
    Required,
    /// Always sent, may be null: `Option<T>`.
    Nullable,
    /// May be left out (or, outside requests, be null): `Option<T>`, skipped when `None`.
    Optional,
    /// May be left out or be null, and in a request the two differ (e.g. a PATCH that clears a
    /// value): `Option<Option<T>>`: `None` leaves it out, `Some(None)` sends `null`.
    TriState,
}

impl Presence {
    /// Whether the Rust type is an `Option` (so the struct can derive `Default`).
    pub fn is_optional(self) -> bool {
        self != Presence::Required
    }
}

/// The presence of field `f` of a type that is (or is not) part of some request.
/// `readOnly` and `writeOnly` fields are only sent one way, so they are never required.
pub fn presence(api: &Api, f: &Field, in_request: bool) -> Presence {
    let required = f.required && !f.read_only && !f.write_only;
    match (required, nullable(api, &f.ty)) {
        (true, false) => Presence::Required,
        (true, true) => Presence::Nullable,
        (false, true) if in_request => Presence::TriState,
        (false, _) => Presence::Optional,
    }
}

/// Whether `ty` may be null, also through named aliases (a component with `nullable: true`),
/// so that its Rust type is already an `Option`.
pub fn nullable(api: &Api, ty: &Ty) -> bool {
    let mut ty = ty;
    for _ in 0..api.types.len() + 1 {
        match ty {
            Ty::Nullable(_) => return true,
            Ty::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Alias(target) => ty = target,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

/// The Rust type of field `f` of type `owner`, boxed where recursion needs it.
pub fn field_type(api: &Api, owner: TypeId, f: &Field, presence: Presence) -> TokenStream {
    let ty = maybe_boxed(api, &f.ty, needs_box(api, owner, &f.ty));
    match presence {
        Presence::Optional if !nullable(api, &f.ty) => quote!(Option<#ty>),
        Presence::TriState => quote!(Option<#ty>),
        _ => ty,
    }
}

/// The Cargo feature of generated crates that derives both serde traits on every type.
pub const FULL_SERDE: &str = "full-serde";

/// A type's serde traits: `Serialize` if it is sent and `Deserialize` if it is received (a type
/// no operation uses counts as both), so the compiler is not asked for code no call uses. Returns
/// the traits always derived, for the type's `derive` list, and the attribute that derives the
/// other one under [`FULL_SERDE`].
pub fn serde_derives(usage: Usage) -> (TokenStream, Option<TokenStream>) {
    match (usage.written(), usage.read()) {
        (true, true) => (quote!(serde::Serialize, serde::Deserialize), None),
        (true, false) => (
            quote!(serde::Serialize),
            Some(full_serde(quote!(serde::Deserialize))),
        ),
        _ => (
            quote!(serde::Deserialize),
            Some(full_serde(quote!(serde::Serialize))),
        ),
    }
}

fn full_serde(derive: TokenStream) -> TokenStream {
    quote!(#[cfg_attr(feature = #FULL_SERDE, derive(#derive))])
}

/// `#[cfg(feature = "full-serde")]` on a hand-written serde impl the type does not always get.
pub fn serde_impl_gate(always: bool) -> Option<TokenStream> {
    (!always).then(|| quote!(#[cfg(feature = #FULL_SERDE)]))
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
