//! Operations matched by method name: added, removed, renamed, and what changed in each (route,
//! parameters, body, responses, security).

use super::rules::{Kind, Side, When};
use super::spell::display;
use super::types::compare_ty;
use super::{At, Cx, OperationRef, Walk};
use crate::model::{BodyKind, Operation, Response, StatusCode, Ty};

pub(crate) fn compare_operations(cx: &mut Cx) {
    let (old_api, new_api) = (cx.old, cx.new);
    let renames = renames(&old_api.operations, &new_api.operations);
    for op in &new_api.operations {
        let same = old_api
            .operations
            .iter()
            .find(|o| o.name.rust == op.name.rust);
        let renamed = renames
            .iter()
            .find(|(_, n)| std::ptr::eq(*n, op))
            .map(|(o, _)| *o);
        match (same, renamed) {
            (Some(base), _) => compare_operation(cx, base, op),
            (None, Some(base)) => {
                let detail = format!("renamed from `{}`", base.name.rust);
                cx.push(
                    &at(op, "method", Side::Any),
                    Kind::OperationRenamed,
                    When::Always,
                    &op.name.rust,
                    detail,
                );
                compare_operation(cx, base, op);
            }
            (None, None) => {
                let detail = format!("added ({})", route(op));
                cx.push(
                    &at(op, "method", Side::Any),
                    Kind::OperationAdded,
                    When::Always,
                    &op.name.rust,
                    detail,
                );
            }
        }
    }
    for op in &old_api.operations {
        let kept = new_api
            .operations
            .iter()
            .any(|n| n.name.rust == op.name.rust);
        let renamed = renames.iter().any(|(o, _)| std::ptr::eq(*o, op));
        if !kept && !renamed {
            let detail = format!("removed ({})", route(op));
            cx.push(
                &at(op, "method", Side::Any),
                Kind::OperationRemoved,
                When::Always,
                &op.name.rust,
                detail,
            );
        }
    }
}

/// Pairs of a vanished and a new operation with the same HTTP method and path.
fn renames<'a>(old: &'a [Operation], new: &'a [Operation]) -> Vec<(&'a Operation, &'a Operation)> {
    let gone = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.name.rust == o.name.rust));
    let mut pairs: Vec<(&Operation, &Operation)> = Vec::new();
    for o in gone {
        let found = new.iter().find(|n| {
            n.method == o.method
                && n.path == o.path
                && !old.iter().any(|x| x.name.rust == n.name.rust)
                && !pairs.iter().any(|(_, p)| std::ptr::eq(*p, *n))
        });
        if let Some(n) = found {
            pairs.push((o, n));
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

fn compare_operation(cx: &mut Cx, old: &Operation, new: &Operation) {
    if old.method != new.method || old.path != new.path {
        let detail = format!("route {} → {}", route(old), route(new));
        cx.push(
            &at(new, "method", Side::Any),
            Kind::RouteChanged,
            When::Always,
            &new.name.rust,
            detail,
        );
    }
    if !old.deprecated && new.deprecated {
        cx.push(
            &at(new, "method", Side::Any),
            Kind::OperationDeprecated,
            When::Always,
            &new.name.rust,
            "deprecated",
        );
    }
    super::params::compare_params(cx, old, new);
    compare_body(cx, old, new);
    compare_result(cx, old, new);
    compare_statuses(cx, old, new);
    super::api::compare_security(cx, old, new);
}

fn compare_body(cx: &mut Cx, old: &Operation, new: &Operation) {
    let place = at(new, "request body", Side::Request);
    match (&old.body, &new.body) {
        (None, Some(b)) => {
            let detail = format!("({}) added", display(cx.new, &b.ty));
            cx.push(&place, Kind::RequestBodyAdded, When::Always, "", detail);
        }
        (Some(a), None) => {
            let detail = format!("({}) removed", display(cx.old, &a.ty));
            cx.push(&place, Kind::RequestBodyRemoved, When::Always, "", detail);
        }
        (Some(a), Some(b)) => {
            if a.media_type != b.media_type {
                let detail = format!("media type `{}` → `{}`", a.media_type, b.media_type);
                cx.push(&place, Kind::MediaTypeChanged, When::Always, "", detail);
            }
            compare_payload(cx, place, (a.kind, &a.ty), (b.kind, &b.ty));
        }
        (None, None) => {}
    }
}

/// Compare a body's Rust type: raw bytes and text are `Vec<u8>` and `String` whatever the schema.
fn compare_payload(cx: &mut Cx, place: At, old: (BodyKind, &Ty), new: (BodyKind, &Ty)) {
    let old_ty = payload_ty(old);
    let new_ty = payload_ty(new);
    let mut walk = Walk::new(cx, place);
    compare_ty(&mut walk, "", &old_ty, &new_ty);
}

fn payload_ty((kind, ty): (BodyKind, &Ty)) -> Ty {
    match kind {
        BodyKind::Binary => Ty::Binary,
        BodyKind::Text => Ty::String(crate::model::StringFormat::Plain),
        _ => ty.clone(),
    }
}

/// The method's result: the first success response with a body, or `()`.
fn result_of(op: &Operation) -> Option<&Response> {
    op.success_responses().find(|r| r.body.is_some())
}

fn compare_result(cx: &mut Cx, old: &Operation, new: &Operation) {
    let (a, b) = (result_of(old), result_of(new));
    let status = b.or(a).map_or_else(String::new, |r| status_text(r.status));
    let place = at(new, &format!("response {status}"), Side::Response);
    match (
        a.and_then(|r| r.body.as_ref()),
        b.and_then(|r| r.body.as_ref()),
    ) {
        (Some(x), Some(y)) => compare_payload(cx, place, (x.kind, &x.ty), (y.kind, &y.ty)),
        (Some(x), None) => {
            let detail = format!("result {} → `()`", display(cx.old, &x.ty));
            cx.push(&place, Kind::TypeChanged, When::RustTypeChanges, "", detail);
        }
        (None, Some(y)) => {
            let detail = format!("result `()` → {}", display(cx.new, &y.ty));
            cx.push(&place, Kind::TypeChanged, When::RustTypeChanges, "", detail);
        }
        (None, None) => {}
    }
}

/// Statuses added and removed, and the body types of error responses present in both.
fn compare_statuses(cx: &mut Cx, old: &Operation, new: &Operation) {
    for r in &old.responses {
        let place = at(new, &response_place(r.status), Side::Response);
        match new.responses.iter().find(|n| n.status == r.status) {
            None => cx.push(&place, Kind::ResponseRemoved, When::Always, "", "removed"),
            Some(n) if !r.status.is_success() => compare_error_body(cx, place, r, n),
            Some(_) => {}
        }
    }
    for r in &new.responses {
        if !old.responses.iter().any(|o| o.status == r.status) {
            let body = r
                .body
                .as_ref()
                .map(|b| format!(" ({})", display(cx.new, &b.ty)));
            let detail = format!("added{}", body.unwrap_or_default());
            let place = at(new, &response_place(r.status), Side::Response);
            cx.push(&place, Kind::ResponseAdded, When::Always, "", detail);
        }
    }
}

/// Error bodies are read with `Error::decode_body::<T>()`: their type matters like a result's.
fn compare_error_body(cx: &mut Cx, place: At, old: &Response, new: &Response) {
    match (&old.body, &new.body) {
        (Some(x), Some(y)) => compare_payload(cx, place, (x.kind, &x.ty), (y.kind, &y.ty)),
        (Some(x), None) => {
            let detail = format!("body {} removed", display(cx.old, &x.ty));
            cx.push(&place, Kind::TypeChanged, When::RustTypeChanges, "", detail);
        }
        (None, Some(y)) => {
            let detail = format!("body {} added", display(cx.new, &y.ty));
            cx.push(&place, Kind::TypeChanged, When::RustTypeChanges, "", detail);
        }
        (None, None) => {}
    }
}

fn response_place(status: StatusCode) -> String {
    let word = if status.is_success() {
        "response"
    } else {
        "error response"
    };
    format!("{word} {}", status_text(status))
}

fn status_text(status: StatusCode) -> String {
    match status {
        StatusCode::Code(c) => c.to_string(),
        StatusCode::Range(r) => format!("{r}XX"),
        StatusCode::Default => "default".to_owned(),
    }
}
