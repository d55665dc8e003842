//! Compare two types found at the same place, walking into named types: fields, enum values,
//! union variants, aliases and the traits each implements, all as the two surfaces spell them.

use super::rules::{Change, Side, When};
use super::spell::display;
use super::{rust_when, At, Cx, Walk};
use crate::model::{Enum, Field, Struct, Ty, TypeKind, Union};
use crate::surface::{Construct, Derive, RustType, ShapeKind, Surface, TypeShape};

/// Compare the types at `path` (empty at the root of a body, where the type's name starts it).
pub(crate) fn compare_ty(w: &mut Walk, path: &str, old: &Ty, new: &Ty) {
    match (old, new) {
        (Ty::Nullable(a), Ty::Nullable(b)) => compare_ty(w, path, a, b),
        (Ty::Nullable(a), b) => nullable_changed(w, path, (old, new), a, b),
        (a, Ty::Nullable(b)) => nullable_changed(w, path, (old, new), a, b),
        (Ty::Array(a), Ty::Array(b)) => compare_ty(w, &format!("{}[]", root(w, path, old)), a, b),
        (Ty::Map(a), Ty::Map(b)) => compare_ty(w, &format!("{}{{}}", root(w, path, old)), a, b),
        (Ty::Named(a), Ty::Named(b)) if same_name(w, a.0, b.0) => compare_named(w, path, a.0, b.0),
        _ => type_changed(w, path, old, new),
    }
}

fn spelled(s: &Surface, ty: &Ty) -> String {
    RustType::of(s.api, ty).to_string()
}

/// One side is nullable at this level and the other is not.
fn nullable_changed(w: &mut Walk, path: &str, whole: (&Ty, &Ty), a: &Ty, b: &Ty) {
    let (old, new) = whole;
    let words = if new.is_nullable() {
        (Change::NullableAdded, "now nullable")
    } else {
        (Change::NullableRemoved, "no longer nullable")
    };
    let (before, after) = (spelled(w.cx.old, old), spelled(w.cx.new, new));
    let detail = format!("{} (Rust `{before}` → `{after}`)", words.1);
    let when = rust_when(&before, &after);
    w.push(words.0, when, root(w, path, old), detail);
    compare_ty(w, path, a, b);
}

fn type_changed(w: &mut Walk, path: &str, old: &Ty, new: &Ty) {
    let (old_rust, new_rust) = (spelled(w.cx.old, old), spelled(w.cx.new, new));
    let (old_spec, new_spec) = (display(w.cx.old.api, old), display(w.cx.new.api, new));
    if old_rust == new_rust && old_spec == new_spec {
        return;
    }
    let note = if old_rust == new_rust {
        format!("same Rust type `{new_rust}`")
    } else {
        format!("Rust `{old_rust}` → `{new_rust}`")
    };
    let detail = format!("type {old_spec} → {new_spec} ({note})");
    let when = rust_when(&old_rust, &new_rust);
    w.push(Change::TypeChanged, when, root(w, path, old), detail);
}

fn same_name(w: &Walk, a: usize, b: usize) -> bool {
    let old = w.cx.old.types.get(a).map(|t| &t.name);
    old.is_some() && old == w.cx.new.types.get(b).map(|t| &t.name)
}

/// The path to report: `path`, or the root type's name when at the root.
fn root(w: &Walk, path: &str, ty: &Ty) -> String {
    if path.is_empty() {
        display(w.cx.old.api, ty.non_null())
    } else {
        path.to_owned()
    }
}

fn compare_named(w: &mut Walk, path: &str, a: usize, b: usize) {
    w.cx.walked.insert((a, b));
    if !w.seen.insert((a, b)) {
        return;
    }
    let (old_surface, new_surface) = (w.cx.old, w.cx.new);
    let (old_def, new_def) = (&old_surface.api.types[a], &new_surface.api.types[b]);
    let (old, new) = (&old_surface.types[a], &new_surface.types[b]);
    let path = if path.is_empty() {
        new.name.clone()
    } else {
        path.to_owned()
    };
    if std::mem::discriminant(&old_def.kind) == std::mem::discriminant(&new_def.kind) {
        compare_traits(w, &path, old, new);
    }
    match (&old_def.kind, &new_def.kind, &old.kind, &new.kind) {
        (TypeKind::Struct(x), TypeKind::Struct(y), ShapeKind::Struct(_), ShapeKind::Struct(_)) => {
            compare_struct(w, &path, (a, x), (b, y))
        }
        (TypeKind::Enum(x), TypeKind::Enum(y), ShapeKind::Enum(xs), ShapeKind::Enum(_)) => {
            compare_enum(w, &path, x, y, xs.exhaustive)
        }
        (TypeKind::Union(x), TypeKind::Union(y), ShapeKind::Union(_), ShapeKind::Union(_)) => {
            compare_union(w, &path, (a, x), (b, y))
        }
        (TypeKind::Alias(x), TypeKind::Alias(y), xs, ys)
            if std::mem::discriminant(xs) == std::mem::discriminant(ys) =>
        {
            compare_ty(w, &path, x, y)
        }
        (x, y, xs, ys) => {
            let detail = format!(
                "`{}` changed from {} to {}",
                new.name,
                kind_word(x, xs),
                kind_word(y, ys)
            );
            w.push(Change::TypeKindChanged, When::Always, path, detail);
        }
    }
}

/// Traits the old type implemented and the new one does not.
fn compare_traits(w: &mut Walk, path: &str, old: &TypeShape, new: &TypeShape) {
    let (a, b) = (&old.traits, &new.traits);
    let always = |d: Derive| d == Derive::Always;
    let lost: Vec<&str> = [
        (a.default && !b.default, "`Default`"),
        (a.copy && !b.copy, "`Copy`"),
        (a.ord && !b.ord, "`Eq`, `Hash` and `Ord`"),
        (always(a.serialize) && !always(b.serialize), "`Serialize`"),
        (
            always(a.deserialize) && !always(b.deserialize),
            "`Deserialize`",
        ),
    ]
    .into_iter()
    .filter_map(|(lost, name)| lost.then_some(name))
    .collect();
    if !lost.is_empty() {
        let detail = format!("`{}` no longer implements {}", new.name, lost.join(" or "));
        w.push(Change::TraitRemoved, When::Always, path, detail);
    }
}

fn kind_word(kind: &TypeKind, shape: &ShapeKind) -> &'static str {
    if let ShapeKind::Newtype(_) = shape {
        return "a newtype";
    }
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum(_) => "an enum",
        TypeKind::Union(_) => "a union",
        TypeKind::Alias(_) => "an alias",
    }
}

fn struct_shape<'s>(s: &'s Surface, id: usize) -> &'s crate::surface::StructShape {
    match &s.types[id].kind {
        ShapeKind::Struct(shape) => shape,
        _ => unreachable!("compare_struct is called on structs"),
    }
}

fn compare_struct(
    w: &mut Walk,
    path: &str,
    (a, old): (usize, &Struct),
    (b, new): (usize, &Struct),
) {
    let (old_shape, new_shape) = (struct_shape(w.cx.old, a), struct_shape(w.cx.new, b));
    let construct = match (&old_shape.construct, &new_shape.construct) {
        (Construct::New(_), Construct::Received) => {
            let detail = "no longer has a constructor: only responses hold it now".to_owned();
            w.push(Change::ConstructorRemoved, When::Always, path, detail);
            When::Constructor
        }
        (Construct::New(_), _) => When::Constructor,
        (Construct::Received, _) => When::Received,
    };
    for (i, f) in old.fields.iter().enumerate() {
        let at = format!("{path}.{}", f.name.wire);
        match new.fields.iter().position(|n| n.name.wire == f.name.wire) {
            Some(j) => {
                let types = (
                    old_shape.fields[i].ty.to_string(),
                    new_shape.fields[j].ty.to_string(),
                );
                compare_field(w, &at, (f, &new.fields[j]), types);
            }
            None => {
                let detail = format!("({}) removed", display(w.cx.old.api, &f.ty));
                w.push(Change::FieldRemoved, When::Always, at, detail);
            }
        }
    }
    for (j, f) in new.fields.iter().enumerate() {
        if old.fields.iter().any(|o| o.name.wire == f.name.wire) {
            continue;
        }
        let at = format!("{path}.{}", f.name.wire);
        let required = !new_shape.fields[j].presence.is_optional();
        let words = if required { "required" } else { "optional" };
        let detail = format!(
            "({}) added, {words}: `{}: {}`",
            display(w.cx.new.api, &f.ty),
            new_shape.fields[j].ident,
            new_shape.fields[j].ty
        );
        let change = if required {
            Change::FieldAddedRequired
        } else {
            Change::FieldAddedOptional
        };
        w.push(change, construct, at, detail);
    }
    let at = format!("{path}.*");
    match (&old.additional, &new.additional) {
        (Some(x), Some(y)) => compare_ty(w, &at, x, y),
        (None, Some(y)) => {
            let detail = format!(
                "(additional properties: {}) added",
                display(w.cx.new.api, y)
            );
            w.push(Change::FieldAddedOptional, construct, at, detail);
        }
        (Some(x), None) => {
            let detail = format!(
                "(additional properties: {}) removed",
                display(w.cx.old.api, x)
            );
            w.push(Change::FieldRemoved, When::Always, at, detail);
        }
        (None, None) => {}
    }
}

/// A field present in both: its presence and nullability, then its type; and any other change
/// of its Rust type (boxing, or `Option<Option<T>>` when the type starts or stops being sent).
fn compare_field(w: &mut Walk, path: &str, (old, new): (&Field, &Field), types: (String, String)) {
    let (before, after) = types;
    let when = rust_when(&before, &after);
    let note = || {
        if before == after {
            format!("Rust type stays `{after}`")
        } else {
            format!("Rust `{before}` → `{after}`")
        }
    };
    let first = w.cx.changes.len();
    if old.required != new.required {
        let (change, words) = if new.required {
            (Change::FieldBecameRequired, "optional → required")
        } else {
            (Change::FieldBecameOptional, "required → optional")
        };
        let detail = format!("{words} ({})", note());
        w.push(change, when, path, detail);
    }
    if old.ty.is_nullable() != new.ty.is_nullable() {
        let (change, words) = if new.ty.is_nullable() {
            (Change::NullableAdded, "now nullable")
        } else {
            (Change::NullableRemoved, "no longer nullable")
        };
        let detail = format!("{words} ({})", note());
        w.push(change, when, path, detail);
    }
    compare_ty(w, path, old.ty.non_null(), new.ty.non_null());
    let explained = w.cx.changes[first..]
        .iter()
        .any(|c| c.subject.starts_with(path) && c.when == When::RustTypeChanges);
    if before != after && !explained {
        let detail = format!("Rust `{before}` → `{after}`");
        w.push(Change::TypeChanged, When::RustTypeChanges, path, detail);
    }
}

fn compare_enum(w: &mut Walk, path: &str, old: &Enum, new: &Enum, exhaustive: bool) {
    if old.repr != new.repr {
        let detail = format!("enum of {} → enum of {}", repr(old.repr), repr(new.repr));
        return w.push(Change::TypeChanged, When::RustTypeChanges, path, detail);
    }
    for v in &old.variants {
        if !new.variants.iter().any(|n| n.name.rust == v.name.rust) {
            let detail = format!("value `{}` (`{}`) removed", v.name.wire, v.name.rust);
            w.push(Change::EnumValueRemoved, When::Always, path, detail);
        }
    }
    let when = if exhaustive {
        When::Exhaustive
    } else {
        When::NonExhaustive
    };
    for v in &new.variants {
        if !old.variants.iter().any(|o| o.name.rust == v.name.rust) {
            let detail = format!("value `{}` (`{}`) added", v.name.wire, v.name.rust);
            w.push(Change::EnumValueAdded, when, path, detail);
        }
    }
}

fn repr(r: crate::model::EnumRepr) -> &'static str {
    match r {
        crate::model::EnumRepr::String => "strings",
        crate::model::EnumRepr::Integer => "integers",
        crate::model::EnumRepr::Boolean => "booleans",
    }
}

fn union_shape<'s>(s: &'s Surface, id: usize) -> &'s crate::surface::UnionShape {
    match &s.types[id].kind {
        ShapeKind::Union(shape) => shape,
        _ => unreachable!("compare_union is called on unions"),
    }
}

fn compare_union(w: &mut Walk, path: &str, (a, old): (usize, &Union), (b, new): (usize, &Union)) {
    let (old_shape, new_shape) = (union_shape(w.cx.old, a), union_shape(w.cx.new, b));
    let idents = |s: &crate::surface::UnionShape| -> Vec<String> {
        s.variants
            .iter()
            .map(|v| v.ident.clone())
            .chain(s.unknown.clone())
            .collect()
    };
    let (before, after) = (idents(old_shape), idents(new_shape));
    for (i, v) in before.iter().enumerate() {
        match after.iter().position(|n| n == v) {
            Some(j) if i < old.variants.len() && j < new.variants.len() => {
                let at = format!("{path}<{v}>");
                compare_ty(w, &at, &old.variants[i].ty, &new.variants[j].ty);
            }
            Some(_) => {}
            None => {
                let detail = format!("variant `{v}` removed");
                w.push(Change::UnionVariantRemoved, When::Always, path, detail);
            }
        }
    }
    let when = if old_shape.exhaustive {
        When::Exhaustive
    } else {
        When::NonExhaustive
    };
    for v in after.iter().filter(|v| !before.contains(v)) {
        let detail = format!("variant `{v}` added");
        w.push(Change::UnionVariantAdded, when, path, detail);
    }
}

/// Types that no operation's walk compared: removed, added, or changed in place.
pub(crate) fn compare_unreached(cx: &mut Cx) {
    let here = At {
        tag: None,
        operation: None,
        place: "type".to_owned(),
        side: Side::Any,
    };
    let (old, new) = (cx.old, cx.new);
    for (a, t) in old.types.iter().enumerate() {
        match new.types.iter().position(|n| n.name == t.name) {
            None => cx.push(&here, Change::TypeRemoved, When::Always, &t.name, "removed"),
            Some(b) if !cx.walked.contains(&(a, b)) => {
                let mut walk = Walk::new(cx, here.clone());
                compare_named(&mut walk, "", a, b);
            }
            Some(_) => {}
        }
    }
    for t in &new.types {
        if !old.types.iter().any(|o| o.name == t.name) {
            cx.push(&here, Change::TypeAdded, When::Always, &t.name, "added");
        }
    }
}
