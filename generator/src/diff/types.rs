//! Compare two types found at the same place, walking into named types: fields, enum values,
//! union variants and aliases.

use super::rules::{Kind, When};
use super::spell::{display, rust, rust_optional};
use super::Walk;
use crate::model::{Enum, EnumRepr, Field, Struct, Ty, TypeDef, TypeId, TypeKind, Union};

/// Compare the types at `path` (empty at the root of a body, where the type's name starts it).
pub(crate) fn compare_ty(w: &mut Walk, path: &str, old: &Ty, new: &Ty) {
    match (old, new) {
        (Ty::Nullable(a), Ty::Nullable(b)) => compare_ty(w, path, a, b),
        (Ty::Nullable(a), b) => nullable_changed(w, path, (old, new), a, b),
        (a, Ty::Nullable(b)) => nullable_changed(w, path, (old, new), a, b),
        (Ty::Array(a), Ty::Array(b)) => compare_ty(w, &format!("{}[]", root(w, path, old)), a, b),
        (Ty::Map(a), Ty::Map(b)) => compare_ty(w, &format!("{}{{}}", root(w, path, old)), a, b),
        (Ty::Named(a), Ty::Named(b)) if same_name(w, *a, *b) => compare_named(w, path, *a, *b),
        _ => type_changed(w, path, old, new),
    }
}

/// One side is nullable at this level and the other is not: always a different Rust type.
fn nullable_changed(w: &mut Walk, path: &str, whole: (&Ty, &Ty), a: &Ty, b: &Ty) {
    let (old, new) = whole;
    let words = if new.is_nullable() {
        (Kind::NullableAdded, "now nullable")
    } else {
        (Kind::NullableRemoved, "no longer nullable")
    };
    let detail = format!("{} (Rust {})", words.1, rust_change(w, old, new));
    w.push(words.0, When::RustTypeChanges, root(w, path, old), detail);
    compare_ty(w, path, a, b);
}

fn type_changed(w: &mut Walk, path: &str, old: &Ty, new: &Ty) {
    let (old_rust, new_rust) = (rust(w.cx.old, old), rust(w.cx.new, new));
    let (old_spec, new_spec) = (display(w.cx.old, old), display(w.cx.new, new));
    if old_rust == new_rust && old_spec == new_spec {
        return;
    }
    let (when, note) = if old_rust == new_rust {
        (When::RustTypeSame, format!("same Rust type `{new_rust}`"))
    } else {
        (
            When::RustTypeChanges,
            format!("Rust `{old_rust}` → `{new_rust}`"),
        )
    };
    let detail = format!("type {old_spec} → {new_spec} ({note})");
    w.push(Kind::TypeChanged, when, root(w, path, old), detail);
}

fn rust_change(w: &Walk, old: &Ty, new: &Ty) -> String {
    format!("`{}` → `{}`", rust(w.cx.old, old), rust(w.cx.new, new))
}

fn same_name(w: &Walk, a: TypeId, b: TypeId) -> bool {
    let old = w.cx.old.types.get(a.0).map(|t| &t.name.rust);
    old.is_some() && old == w.cx.new.types.get(b.0).map(|t| &t.name.rust)
}

/// The path to report: `path`, or the root type's name when at the root.
fn root(w: &Walk, path: &str, ty: &Ty) -> String {
    if path.is_empty() {
        display(w.cx.old, ty.non_null())
    } else {
        path.to_owned()
    }
}

fn compare_named(w: &mut Walk, path: &str, a: TypeId, b: TypeId) {
    if !w.seen.insert((a.0, b.0)) {
        return;
    }
    let (Some(old), Some(new)) = (w.cx.old.types.get(a.0), w.cx.new.types.get(b.0)) else {
        return;
    };
    let path = if path.is_empty() {
        new.name.rust.clone()
    } else {
        path.to_owned()
    };
    serde_traits(w, &path, old, new);
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(x), TypeKind::Struct(y)) => compare_struct(w, &path, x, y),
        (TypeKind::Enum(x), TypeKind::Enum(y)) => compare_enum(w, &path, x, y),
        (TypeKind::Union(x), TypeKind::Union(y)) => compare_union(w, &path, x, y),
        (TypeKind::Alias(x), TypeKind::Alias(y)) => compare_ty(w, &path, x, y),
        (x, y) => {
            let detail = format!(
                "`{}` changed from {} to {}",
                new.name.rust,
                kind_word(x),
                kind_word(y)
            );
            w.push(Kind::TypeKindChanged, When::Always, path, detail);
        }
    }
}

/// Structs and unions derive the serde traits of the ways they travel (enums always derive both).
fn serde_traits(w: &mut Walk, path: &str, old: &TypeDef, new: &TypeDef) {
    let derived = |t: &TypeDef| matches!(t.kind, TypeKind::Struct(_) | TypeKind::Union(_));
    if !derived(old) || !derived(new) {
        return;
    }
    let lost: Vec<&str> = [
        (old.usage.written() && !new.usage.written(), "`Serialize`"),
        (old.usage.read() && !new.usage.read(), "`Deserialize`"),
    ]
    .into_iter()
    .filter_map(|(lost, name)| lost.then_some(name))
    .collect();
    if !lost.is_empty() {
        let detail = format!(
            "`{}` no longer derives {}",
            new.name.rust,
            lost.join(" or ")
        );
        w.push(Kind::SerdeTraitRemoved, When::Always, path, detail);
    }
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum(_) => "an enum",
        TypeKind::Union(_) => "a union",
        TypeKind::Alias(_) => "an alias",
    }
}

/// Whether the generated struct derives `Default`: every field is an `Option`.
fn has_default(s: &Struct) -> bool {
    s.fields.iter().all(rust_optional_field)
}

fn rust_optional_field(f: &Field) -> bool {
    !f.required || f.ty.is_nullable()
}

fn compare_struct(w: &mut Walk, path: &str, old: &Struct, new: &Struct) {
    let defaults = if has_default(old) && has_default(new) {
        When::HasDefault
    } else {
        When::NoDefault
    };
    for f in &old.fields {
        let at = format!("{path}.{}", f.name.wire);
        match new.fields.iter().find(|n| n.name.wire == f.name.wire) {
            Some(n) => compare_field(w, &at, f, n),
            None => {
                let detail = format!("({}) removed", display(w.cx.old, &f.ty));
                w.push(Kind::FieldRemoved, When::Always, at, detail);
            }
        }
    }
    for f in &new.fields {
        if old.fields.iter().any(|o| o.name.wire == f.name.wire) {
            continue;
        }
        let at = format!("{path}.{}", f.name.wire);
        let presence = if f.required { "required" } else { "optional" };
        let detail = format!("({}) added, {presence}", display(w.cx.new, &f.ty));
        if rust_optional_field(f) {
            let when = added_optional_when(w, defaults);
            w.push(Kind::FieldAddedOptional, when, at, detail);
        } else {
            w.push(Kind::FieldAddedRequired, When::Always, at, detail);
        }
    }
    compare_additional(w, path, old, new, defaults);
}

/// On the response side the struct's `Default` does not matter.
fn added_optional_when(w: &Walk, defaults: When) -> When {
    match w.at.side {
        super::Side::Request => defaults,
        _ => When::Always,
    }
}

fn compare_additional(w: &mut Walk, path: &str, old: &Struct, new: &Struct, defaults: When) {
    let at = format!("{path}.*");
    match (&old.additional, &new.additional) {
        (Some(a), Some(b)) => compare_ty(w, &at, a, b),
        (None, Some(b)) => {
            let detail = format!("(additional properties: {}) added", display(w.cx.new, b));
            let when = added_optional_when(w, defaults);
            w.push(Kind::FieldAddedOptional, when, at, detail);
        }
        (Some(a), None) => {
            let detail = format!("(additional properties: {}) removed", display(w.cx.old, a));
            w.push(Kind::FieldRemoved, When::Always, at, detail);
        }
        (None, None) => {}
    }
}

fn compare_field(w: &mut Walk, path: &str, old: &Field, new: &Field) {
    let (old_opt, new_opt) = (rust_optional_field(old), rust_optional_field(new));
    let when = if old_opt == new_opt {
        When::RustTypeSame
    } else {
        When::RustTypeChanges
    };
    let rust_note = || {
        let before = rust_optional(w.cx.old, &old.ty, old_opt);
        let after = rust_optional(w.cx.new, &new.ty, new_opt);
        if before == after {
            format!("Rust type stays `{after}`")
        } else {
            format!("Rust `{before}` → `{after}`")
        }
    };
    if old.required != new.required {
        let (kind, words) = if new.required {
            (Kind::FieldBecameRequired, "optional → required")
        } else {
            (Kind::FieldBecameOptional, "required → optional")
        };
        let detail = format!("{words} ({})", rust_note());
        w.push(kind, when, path, detail);
    }
    if old.ty.is_nullable() != new.ty.is_nullable() {
        let (kind, words) = if new.ty.is_nullable() {
            (Kind::NullableAdded, "now nullable")
        } else {
            (Kind::NullableRemoved, "no longer nullable")
        };
        let detail = format!("{words} ({})", rust_note());
        w.push(kind, when, path, detail);
    }
    compare_ty(w, path, old.ty.non_null(), new.ty.non_null());
}

fn compare_enum(w: &mut Walk, path: &str, old: &Enum, new: &Enum) {
    if old.repr != new.repr {
        let detail = format!("enum of {} → enum of {}", repr(old.repr), repr(new.repr));
        return w.push(Kind::TypeChanged, When::RustTypeChanges, path, detail);
    }
    let when = if new.repr == EnumRepr::String {
        When::StringEnum
    } else {
        When::ValueEnum
    };
    for v in &old.variants {
        if !new.variants.iter().any(|n| n.value == v.value) {
            let detail = format!("value `{}` removed", v.name.wire);
            w.push(Kind::EnumValueRemoved, when, path, detail);
        }
    }
    for v in &new.variants {
        if !old.variants.iter().any(|o| o.value == v.value) {
            let detail = format!("value `{}` added", v.name.wire);
            w.push(Kind::EnumValueAdded, when, path, detail);
        }
    }
}

fn repr(r: EnumRepr) -> &'static str {
    match r {
        EnumRepr::String => "strings",
        EnumRepr::Integer => "integers",
        EnumRepr::Boolean => "booleans",
    }
}

fn compare_union(w: &mut Walk, path: &str, old: &Union, new: &Union) {
    for v in &old.variants {
        let at = format!("{path}<{}>", v.name.rust);
        match new.variants.iter().find(|n| n.name.rust == v.name.rust) {
            Some(n) => compare_ty(w, &at, &v.ty, &n.ty),
            None => {
                let detail = format!("variant `{}` removed", v.name.rust);
                w.push(Kind::UnionVariantRemoved, When::Always, path, detail);
            }
        }
    }
    for v in &new.variants {
        if !old.variants.iter().any(|o| o.name.rust == v.name.rust) {
            let detail = format!(
                "variant `{}` ({}) added",
                v.name.rust,
                display(w.cx.new, &v.ty)
            );
            w.push(Kind::UnionVariantAdded, When::Always, path, detail);
        }
    }
}
