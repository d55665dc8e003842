//! Parameters of one operation: path parameters are positional arguments, the others fields of
//! the operation's `XxxParams` struct.

use super::ops::at;
use super::rules::{Kind, Side, When};
use super::spell::display;
use super::types::compare_ty;
use super::{Cx, Walk};
use crate::model::{Operation, Param, ParamLocation};

pub(crate) fn compare_params(cx: &mut Cx, old: &Operation, new: &Operation) {
    let old_struct = has_struct(old);
    let old_default = old_struct && has_default(old) && has_default(new);
    for p in &old.params {
        let same = new
            .params
            .iter()
            .find(|n| n.location == p.location && n.name.wire == p.name.wire);
        let moved = new
            .params
            .iter()
            .find(|n| n.name.wire == p.name.wire && !matched(old, n));
        match (same, moved) {
            (Some(n), _) => compare_param(cx, new, p, n),
            (None, Some(n)) => {
                moved_param(cx, new, p, n);
                compare_param(cx, new, p, n);
            }
            (None, None) => {
                let place = at(new, &place_of(p), Side::Request);
                let detail = format!("({}) removed", display(cx.old, &p.ty));
                cx.push(
                    &place,
                    Kind::ParameterRemoved,
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
        let detail = format!("({}) added, {presence}", display(cx.new, &p.ty));
        let (kind, when) = if p.required {
            (Kind::ParameterAddedRequired, When::Always)
        } else if !old_struct {
            (Kind::ParameterAddedOptional, When::NewArgument)
        } else if old_default {
            (Kind::ParameterAddedOptional, When::HasDefault)
        } else {
            (Kind::ParameterAddedOptional, When::NoDefault)
        };
        cx.push(&place, kind, when, &p.name.wire, detail);
    }
    compare_path_order(cx, old, new);
}

/// Whether `n` (a parameter of the new operation) has an exact counterpart in `old`.
fn matched(old: &Operation, n: &Param) -> bool {
    old.params
        .iter()
        .any(|o| o.location == n.location && o.name.wire == n.name.wire)
}

fn has_struct(op: &Operation) -> bool {
    op.params.iter().any(|p| p.location != ParamLocation::Path)
}

/// Whether the parameter struct derives `Default`: every field is optional.
fn has_default(op: &Operation) -> bool {
    op.params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .all(|p| !p.required)
}

fn moved_param(cx: &mut Cx, new_op: &Operation, old: &Param, new: &Param) {
    let touches_path = old.location == ParamLocation::Path || new.location == ParamLocation::Path;
    let when = if touches_path {
        When::TouchesPath
    } else {
        When::NotPath
    };
    let detail = format!(
        "moved from {} to {}",
        word(old.location),
        word(new.location)
    );
    let place = at(new_op, &place_of(new), Side::Request);
    cx.push(&place, Kind::ParameterMoved, when, &new.name.wire, detail);
}

fn compare_param(cx: &mut Cx, new_op: &Operation, old: &Param, new: &Param) {
    let place = at(new_op, &place_of(new), Side::Request);
    if old.required != new.required && new.location != ParamLocation::Path {
        let (kind, words) = if new.required {
            (Kind::ParameterBecameRequired, "optional → required")
        } else {
            (Kind::ParameterBecameOptional, "required → optional")
        };
        cx.push(&place, kind, When::Always, &new.name.wire, words);
    }
    let mut walk = Walk::new(cx, place);
    compare_ty(&mut walk, &new.name.wire, &old.ty, &new.ty);
}

/// Path parameters are positional: the same names in another order swap the arguments.
fn compare_path_order(cx: &mut Cx, old: &Operation, new: &Operation) {
    let names = |op: &Operation, other: &Operation| -> Vec<String> {
        op.params_in(ParamLocation::Path)
            .filter(|p| {
                other
                    .params_in(ParamLocation::Path)
                    .any(|q| q.name.wire == p.name.wire)
            })
            .map(|p| format!("`{}`", p.name.wire))
            .collect()
    };
    let (before, after) = (names(old, new), names(new, old));
    if before != after {
        let place = at(new, "path parameters", Side::Request);
        let detail = format!("order {} → {}", before.join(", "), after.join(", "));
        cx.push(
            &place,
            Kind::PathParametersReordered,
            When::Always,
            "",
            detail,
        );
    }
}

fn place_of(p: &Param) -> String {
    format!("{} parameter", word(p.location))
}

fn word(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}
