//! Parameters of one operation: required ones are the method's positional arguments, optional
//! ones setters of its request builder.

use super::ops::at;
use super::rules::{Change, Side, When};
use super::spell::display;
use super::types::compare_ty;
use super::{rust_when, Cx, Walk};
use crate::model::{Operation, Param, ParamLocation};
use crate::surface::{Input, OpShape};

pub(crate) fn compare_params(cx: &mut Cx, oi: usize, ni: usize) {
    let (old, new) = (&cx.old.api.operations[oi], &cx.new.api.operations[ni]);
    let (old_shape, new_shape) = (&cx.old.ops[oi], &cx.new.ops[ni]);
    let arguments = if arguments(old_shape) == arguments(new_shape) {
        When::SameArguments
    } else {
        When::NewArgument
    };
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
                moved_param(cx, new, p, &new.params[n], arguments);
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
        let change = if p.required || p.location == ParamLocation::Path {
            Change::ParameterAddedRequired
        } else {
            Change::ParameterAddedOptional
        };
        cx.push(&place, change, arguments, &p.name.wire, detail);
    }
    compare_path_order(cx, oi, ni);
}

/// The method's arguments: the Rust types it takes, in order.
fn arguments(shape: &OpShape) -> Vec<String> {
    shape.args.iter().map(|a| a.ty.to_string()).collect()
}

/// Whether `n` (a parameter of the new operation) has an exact counterpart in `old`.
fn matched(old: &Operation, n: &Param) -> bool {
    old.params
        .iter()
        .any(|o| o.location == n.location && o.name.wire == n.name.wire)
}

fn moved_param(cx: &mut Cx, new_op: &Operation, old: &Param, new: &Param, when: When) {
    let detail = format!(
        "moved from {} to {}",
        old.location.as_str(),
        new.location.as_str()
    );
    let place = at(new_op, &place_of(new), Side::Request);
    cx.push(&place, Change::ParameterMoved, when, &new.name.wire, detail);
}

/// How a caller passes parameter `index`: `arg` or `setter`, and the Rust type it takes.
fn passed(shape: &OpShape, index: usize) -> String {
    match shape.input_of(index) {
        Some((_, ty, true)) => format!("argument `{ty}`"),
        Some((name, ty, false)) => format!("setter `{name}({ty})`"),
        None => String::new(),
    }
}

fn compare_param(cx: &mut Cx, (oi, op): (usize, usize), (ni, np): (usize, usize)) {
    let (old, new) = (
        &cx.old.api.operations[oi].params[op],
        &cx.new.api.operations[ni].params[np],
    );
    let new_op = &cx.new.api.operations[ni];
    let place = at(new_op, &place_of(new), Side::Request);
    let before = passed(&cx.old.ops[oi], op);
    let after = passed(&cx.new.ops[ni], np);
    let when = rust_when(&before, &after);
    let note = || {
        if before == after {
            format!("still {after}")
        } else {
            format!("{before} → {after}")
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
                .filter_map(|a| match a.input {
                    Input::Param(p) if op.params[p].location == ParamLocation::Path => {
                        Some((&op.params[p], a))
                    }
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
