//! Operations matched by method name: added, removed, renamed, and what changed in each (route,
//! parameters, body, result, responses, security).

use super::rules::{Change, Side, When};
use super::spell::display;
use super::types::compare_ty;
use super::{rust_when, At, Cx, OperationRef, Walk};
use crate::model::{Operation, StatusCode};
use crate::surface::rust_type::body_ty;
use crate::surface::{Read, ResponseEnum, Returns};

pub(crate) fn compare_operations(cx: &mut Cx) {
    let (old_ops, new_ops) = (&cx.old.api.operations, &cx.new.api.operations);
    let renames = renames(old_ops, new_ops);
    for (ni, op) in new_ops.iter().enumerate() {
        let same = old_ops.iter().position(|o| o.name.rust == op.name.rust);
        let renamed = renames.iter().find(|(_, n)| *n == ni).map(|(o, _)| *o);
        match (same, renamed) {
            (Some(oi), _) => compare_operation(cx, oi, ni),
            (None, Some(oi)) => {
                let detail = format!("renamed from `{}`", old_ops[oi].name.rust);
                let here = at(op, "method", Side::Any);
                cx.push(
                    &here,
                    Change::OperationRenamed,
                    When::Always,
                    &op.name.rust,
                    detail,
                );
                compare_operation(cx, oi, ni);
            }
            (None, None) => {
                let detail = format!("added ({})", route(op));
                let here = at(op, "method", Side::Any);
                cx.push(
                    &here,
                    Change::OperationAdded,
                    When::Always,
                    &op.name.rust,
                    detail,
                );
            }
        }
    }
    for (oi, op) in old_ops.iter().enumerate() {
        let kept = new_ops.iter().any(|n| n.name.rust == op.name.rust);
        if !kept && !renames.iter().any(|(o, _)| *o == oi) {
            let detail = format!("removed ({})", route(op));
            let here = at(op, "method", Side::Any);
            cx.push(
                &here,
                Change::OperationRemoved,
                When::Always,
                &op.name.rust,
                detail,
            );
        }
    }
}

/// Pairs (by index) of a vanished and a new operation with the same HTTP method and path.
fn renames(old: &[Operation], new: &[Operation]) -> Vec<(usize, usize)> {
    let gone = old
        .iter()
        .enumerate()
        .filter(|(_, o)| !new.iter().any(|n| n.name.rust == o.name.rust));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (oi, o) in gone {
        let found = new.iter().position(|n| {
            n.method == o.method
                && n.path == o.path
                && !old.iter().any(|x| x.name.rust == n.name.rust)
        });
        if let Some(ni) = found.filter(|ni| !pairs.iter().any(|(_, p)| p == ni)) {
            pairs.push((oi, ni));
        }
    }
    pairs
}

fn route(op: &Operation) -> String {
    format!("`{} {}`", op.method.as_str(), op.path)
}

/// Changes inside `op` at `place`, flowing `side`.
pub(crate) fn at(op: &Operation, place: &str, side: Side) -> At {
    At {
        tag: op.primary_tag().map(str::to_owned),
        operation: Some(OperationRef {
            name: op.name.rust.clone(),
            method: op.method.as_str(),
            path: op.path.clone(),
        }),
        place: place.to_owned(),
        side,
    }
}

fn compare_operation(cx: &mut Cx, oi: usize, ni: usize) {
    let (old, new) = (&cx.old.api.operations[oi], &cx.new.api.operations[ni]);
    let here = at(new, "method", Side::Any);
    if old.method != new.method || old.path != new.path {
        let detail = format!("route {} → {}", route(old), route(new));
        cx.push(
            &here,
            Change::RouteChanged,
            When::Always,
            &new.name.rust,
            detail,
        );
    }
    if !old.deprecated && new.deprecated {
        cx.push(
            &here,
            Change::OperationDeprecated,
            When::Always,
            &new.name.rust,
            "deprecated",
        );
    }
    super::params::compare_params(cx, oi, ni);
    compare_body(cx, old, new);
    compare_result(cx, oi, ni);
    compare_statuses(cx, oi, ni);
    super::api::compare_security(cx, old, new);
}

fn compare_body(cx: &mut Cx, old: &Operation, new: &Operation) {
    let place = at(new, "request body", Side::Request);
    match (&old.body, &new.body) {
        (None, Some(b)) => {
            let detail = format!("({}) added", display(cx.new.api, &b.ty));
            cx.push(&place, Change::RequestBodyAdded, When::Always, "", detail);
        }
        (Some(a), None) => {
            let detail = format!("({}) removed", display(cx.old.api, &a.ty));
            cx.push(&place, Change::RequestBodyRemoved, When::Always, "", detail);
        }
        (Some(a), Some(b)) => {
            if a.media_type != b.media_type {
                let detail = format!("media type `{}` → `{}`", a.media_type, b.media_type);
                cx.push(&place, Change::MediaTypeChanged, When::Always, "", detail);
            }
            if a.required != b.required {
                let (change, words) = if b.required {
                    (Change::RequestBodyBecameRequired, "optional → required")
                } else {
                    (Change::RequestBodyBecameOptional, "required → optional")
                };
                cx.push(&place, change, When::Always, "", words);
            }
            let mut walk = Walk::new(cx, place);
            compare_ty(
                &mut walk,
                "",
                &body_ty(a.kind, &a.ty),
                &body_ty(b.kind, &b.ty),
            );
        }
        (None, None) => {}
    }
}

/// The method's result as the surfaces give it; when it keeps its type, the types inside it.
fn compare_result(cx: &mut Cx, oi: usize, ni: usize) {
    let (old, new) = (&cx.old.ops[oi].returns, &cx.new.ops[ni].returns);
    let new_op = &cx.new.api.operations[ni];
    let (before, after) = (old.ty().to_string(), new.ty().to_string());
    let status = |returns: &Returns, ops: &[Operation], i: usize| match returns {
        Returns::Body(b) => Some(ops[i].responses[b.response].status),
        _ => None,
    };
    let shown = status(new, &cx.new.api.operations, ni)
        .or(status(old, &cx.old.api.operations, oi))
        .map_or_else(|| "result".to_owned(), |s| format!("response {s}"));
    let place = at(new_op, &shown, Side::Response);
    if before != after {
        let detail = format!("result `{before}` → `{after}`");
        let change = match (streamed(old), streamed(new)) {
            (false, true) => Change::ResultStreamed,
            (true, false) => Change::ResultBuffered,
            _ => Change::ResultChanged,
        };
        cx.push(&place, change, When::Always, "", detail);
        return;
    }
    match (old, new) {
        (Returns::Body(a), Returns::Body(b)) => {
            let ty = |op: &Operation, r: usize| {
                op.responses[r]
                    .body
                    .as_ref()
                    .map(|body| body_ty(body.kind, &body.ty))
            };
            let x = ty(&cx.old.api.operations[oi], a.response);
            let y = ty(new_op, b.response);
            if let (Some(x), Some(y)) = (x, y) {
                let mut walk = Walk::new(cx, place);
                compare_ty(&mut walk, "", &x, &y);
            }
        }
        (Returns::Enum(a), Returns::Enum(b)) => compare_response_enum(cx, oi, ni, a, b),
        _ => {}
    }
}

/// Whether the method's result is a stream of events rather than a body read whole.
fn streamed(returns: &Returns) -> bool {
    matches!(returns, Returns::Body(b) if matches!(b.read, Read::Events { .. }))
}

/// A per-operation result enum that keeps its name: its variants, one per success status.
fn compare_response_enum(cx: &mut Cx, oi: usize, ni: usize, a: &ResponseEnum, b: &ResponseEnum) {
    let (old_op, new_op) = (&cx.old.api.operations[oi], &cx.new.api.operations[ni]);
    let place = at(new_op, "result", Side::Response);
    let when = if a.exhaustive {
        When::Exhaustive
    } else {
        When::NonExhaustive
    };
    for v in &a.variants {
        match b.variants.iter().find(|n| n.ident == v.ident) {
            None => {
                let detail = format!("variant `{}` removed", v.ident);
                cx.push(
                    &place,
                    Change::UnionVariantRemoved,
                    When::Always,
                    &a.name,
                    detail,
                );
            }
            Some(n) => {
                let body = |op: &Operation, r: usize| {
                    op.responses[r]
                        .body
                        .as_ref()
                        .map(|x| body_ty(x.kind, &x.ty))
                };
                match (body(old_op, v.response), body(new_op, n.response)) {
                    (Some(x), Some(y)) => {
                        let here = at(new_op, &format!("response {}", n.status), Side::Response);
                        let mut walk = Walk::new(cx, here);
                        compare_ty(&mut walk, "", &x, &y);
                    }
                    (None, None) => {}
                    _ => {
                        let detail = format!("variant `{}` changes its payload", v.ident);
                        cx.push(&place, Change::ResultChanged, When::Always, &a.name, detail);
                    }
                }
            }
        }
    }
    for v in &b.variants {
        if !a.variants.iter().any(|o| o.ident == v.ident) {
            let detail = format!("variant `{}` added", v.ident);
            cx.push(&place, Change::UnionVariantAdded, when, &b.name, detail);
        }
    }
}

/// Statuses added and removed, and the body types of the error responses present in both.
fn compare_statuses(cx: &mut Cx, oi: usize, ni: usize) {
    let (old, new) = (&cx.old.api.operations[oi], &cx.new.api.operations[ni]);
    for r in &old.responses {
        if !new.responses.iter().any(|n| n.status == r.status) {
            let place = at(new, &response_place(cx.old, oi, r.status), Side::Response);
            cx.push(&place, Change::ResponseRemoved, When::Always, "", "removed");
        }
    }
    for r in &new.responses {
        if !old.responses.iter().any(|o| o.status == r.status) {
            let body = r
                .body
                .as_ref()
                .map(|b| format!(" ({})", display(cx.new.api, &b.ty)));
            let detail = format!("added{}", body.unwrap_or_default());
            let place = at(new, &response_place(cx.new, ni, r.status), Side::Response);
            cx.push(&place, Change::ResponseAdded, When::Always, "", detail);
        }
    }
    let pairs: Vec<(usize, usize)> = cx.new.ops[ni]
        .errors
        .iter()
        .filter_map(|e| {
            let o = cx.old.ops[oi]
                .errors
                .iter()
                .find(|o| o.status == e.status)?;
            Some((o.response, e.response))
        })
        .collect();
    for (o, n) in pairs {
        compare_error_body(cx, oi, ni, o, n);
    }
}

/// Error bodies are read with `Error::decode_body::<T>()`: a new type misreads the body.
fn compare_error_body(cx: &mut Cx, oi: usize, ni: usize, o: usize, n: usize) {
    let old = &cx.old.api.operations[oi].responses[o];
    let new = &cx.new.api.operations[ni].responses[n];
    let spelled = |s: &crate::surface::Surface, op: usize, r: usize| {
        let e = s.ops[op].errors.iter().find(|e| e.response == r)?;
        e.ty.as_ref().map(|t| t.to_string())
    };
    let before = spelled(cx.old, oi, o).unwrap_or_else(|| "no body".to_owned());
    let after = spelled(cx.new, ni, n).unwrap_or_else(|| "no body".to_owned());
    let place = at(
        &cx.new.api.operations[ni],
        &format!("error response {}", new.status),
        Side::Response,
    );
    if before != after {
        let detail = format!("body `{before}` → `{after}`");
        cx.push(
            &place,
            Change::ErrorBodyChanged,
            rust_when(&before, &after),
            "",
            detail,
        );
        return;
    }
    if let (Some(x), Some(y)) = (&old.body, &new.body) {
        let mut walk = Walk::new(cx, place);
        compare_ty(
            &mut walk,
            "",
            &body_ty(x.kind, &x.ty),
            &body_ty(y.kind, &y.ty),
        );
    }
}

fn response_place(surface: &crate::surface::Surface, op: usize, status: StatusCode) -> String {
    let error = surface.ops[op].errors.iter().any(|e| e.status == status);
    let word = if error { "error response" } else { "response" };
    format!("{word} {status}")
}
