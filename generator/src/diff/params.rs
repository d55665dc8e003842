//! Parameters of one operation: path parameters are positional arguments, the others fields of
//! the operation's parameter struct.

use super::ops::at;
use super::rules::{Change, Side, When};
use super::spell::display;
use super::types::compare_ty;
use super::{rust_when, Cx, Walk};
use crate::model::{Operation, Param, ParamLocation};
use crate::surface::{ArgKind, OpShape, RustType};

pub(crate) fn compare_params(cx: &mut Cx, oi: usize, ni: usize) {
    let (old, new) = (&cx.old.api.operations[oi], &cx.new.api.operations[ni]);
    let (old_shape, new_shape) = (&cx.old.ops[oi], &cx.new.ops[ni]);
    for (pi, p) in old.params.iter().enumerate() {
        let same = new
            .params
            .iter()
            .position(|n| n.location == p.location && n.name.wire == p.name.wire);
        let moved = new
            .params
            .iter()
            .position(|n| n.name.wire == p.name.wire && !matched(old, n));
        match (same, moved) {
            (Some(n), _) => compare_param(cx, (oi, pi), (ni, n)),
            (None, Some(n)) => {
                moved_param(cx, new, p, &new.params[n]);
                compare_param(cx, (oi, pi), (ni, n));
            }
            (None, None) => {
                let place = at(new, &place_of(p), Side::Request);
                let detail = format!("({}) removed", display(cx.old.api, &p.ty));
                cx.push(
                    &place,
                    Change::ParameterRemoved,
                    When::Always,
                    &p.name.wire,
                    detail,
                );
            }
        }
    }
    for p in &new.params {
        if old.params.iter().any(|o| o.name.wire == p.name.wire) {
            continue;
        }
        let place = at(new, &place_of(p), Side::Request);
        let presence = if p.required { "required" } else { "optional" };
        let detail = format!("({}) added, {presence}", display(cx.new.api, &p.ty));
        let (change, when) = match (&old_shape.params, p.required) {
            (_, true) => (Change::ParameterAddedRequired, When::Always),
            (None, false) => (Change::ParameterAddedOptional, When::NewArgument),
            (Some(s), false) if s.literal => (Change::ParameterAddedOptional, When::Literal),
            (Some(_), false) => (Change::ParameterAddedOptional, When::NotLiteral),
        };
        cx.push(&place, change, when, &p.name.wire, detail);
    }
    if let (Some(a), Some(b)) = (&old_shape.params, &new_shape.params) {
        if a.default && !b.default {
            let place = at(new, "parameters", Side::Request);
            let detail = format!("`{}` no longer implements `Default`", b.name);
            cx.push(&place, Change::TraitRemoved, When::Always, &b.name, detail);
        }
    }
    compare_path_order(cx, oi, ni);
}

/// Whether `n` (a parameter of the new operation) has an exact counterpart in `old`.
fn matched(old: &Operation, n: &Param) -> bool {
    old.params
        .iter()
        .any(|o| o.location == n.location && o.name.wire == n.name.wire)
}

fn moved_param(cx: &mut Cx, new_op: &Operation, old: &Param, new: &Param) {
    let touches_path = old.location == ParamLocation::Path || new.location == ParamLocation::Path;
    let when = if touches_path {
        When::NewArgument
    } else {
        When::SameArguments
    };
    let detail = format!(
        "moved from {} to {}",
        old.location.as_str(),
        new.location.as_str()
    );
    let place = at(new_op, &place_of(new), Side::Request);
    cx.push(&place, Change::ParameterMoved, when, &new.name.wire, detail);
}

/// The Rust type a caller writes for parameter `index`: its argument's type, or its field's.
fn rust_of(shape: &OpShape, index: usize) -> Option<RustType> {
    if let Some(arg) = shape.args.iter().find(|a| a.kind == ArgKind::Path(index)) {
        return Some(arg.ty.clone());
    }
    let params = shape.params.as_ref()?;
    let field = params.params.iter().position(|&i| i == index)?;
    Some(params.fields[field].ty.clone())
}

fn compare_param(cx: &mut Cx, (oi, op): (usize, usize), (ni, np): (usize, usize)) {
    let (old, new) = (
        &cx.old.api.operations[oi].params[op],
        &cx.new.api.operations[ni].params[np],
    );
    let new_op = &cx.new.api.operations[ni];
    let place = at(new_op, &place_of(new), Side::Request);
    let before = rust_of(&cx.old.ops[oi], op)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let after = rust_of(&cx.new.ops[ni], np)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let when = rust_when(&before, &after);
    let note = || {
        if before == after {
            format!("Rust type stays `{after}`")
        } else {
            format!("Rust `{before}` → `{after}`")
        }
    };
    if old.required != new.required && new.location != ParamLocation::Path {
        let (change, words) = if new.required {
            (Change::ParameterBecameRequired, "optional → required")
        } else {
            (Change::ParameterBecameOptional, "required → optional")
        };
        let detail = format!("{words} ({})", note());
        cx.push(&place, change, when, &new.name.wire, detail);
    }
    if old.ty.is_nullable() != new.ty.is_nullable() {
        let (change, words) = if new.ty.is_nullable() {
            (Change::NullableAdded, "now nullable")
        } else {
            (Change::NullableRemoved, "no longer nullable")
        };
        let detail = format!("{words} ({})", note());
        cx.push(&place, change, when, &new.name.wire, detail);
    }
    let mut walk = Walk::new(cx, place);
    compare_ty(
        &mut walk,
        &new.name.wire,
        old.ty.non_null(),
        new.ty.non_null(),
    );
}

/// Path parameters are positional: the same names in another order swap the arguments.
fn compare_path_order(cx: &mut Cx, oi: usize, ni: usize) {
    let order =
        |s: &crate::surface::Surface, i: usize, other: &Operation| -> Vec<(String, String)> {
            let op = &s.api.operations[i];
            s.ops[i]
                .args
                .iter()
                .filter_map(|a| match a.kind {
                    ArgKind::Path(p) => Some((&op.params[p], a)),
                    _ => None,
                })
                .filter(|(p, _)| {
                    other
                        .params
                        .iter()
                        .any(|q| q.location == ParamLocation::Path && q.name.wire == p.name.wire)
                })
                .map(|(p, a)| (p.name.wire.clone(), a.ty.to_string()))
                .collect()
        };
    let (old_op, new_op) = (&cx.old.api.operations[oi], &cx.new.api.operations[ni]);
    let before = order(cx.old, oi, new_op);
    let after = order(cx.new, ni, old_op);
    let names = |list: &[(String, String)]| -> Vec<String> {
        list.iter().map(|(n, _)| format!("`{n}`")).collect()
    };
    if names(&before) != names(&after) {
        let types = |list: &[(String, String)]| -> Vec<String> {
            list.iter().map(|(_, t)| t.clone()).collect()
        };
        let when = rust_when(&types(&before).join(","), &types(&after).join(","));
        let place = at(new_op, "path parameters", Side::Request);
        let detail = format!(
            "order {} → {}",
            names(&before).join(", "),
            names(&after).join(", ")
        );
        cx.push(&place, Change::PathParametersReordered, when, "", detail);
    }
}

fn place_of(p: &Param) -> String {
    format!("{} parameter", p.location.as_str())
}
