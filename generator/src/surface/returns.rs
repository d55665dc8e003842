//! What an operation's method returns, and which responses are errors. One success body type is
//! returned as is; several success statuses with different bodies (or some without one) give an
//! enum per operation, one variant per status.

use super::rust_type::RustType;
use crate::model::names::{pascal, Scope};
use crate::model::*;

/// How a body is read from the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    Json,
    Bytes,
    Text,
    /// Server-sent events, each event's data read as text or as JSON.
    Events {
        text: bool,
    },
}

/// A success body: its Rust type, how it is read, and the response it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyShape {
    pub ty: RustType,
    pub read: Read,
    /// Index into the operation's responses.
    pub response: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Returns {
    /// `()`: no success response has a body.
    Unit,
    /// Every success response with a body has this one.
    Body(BodyShape),
    /// An enum of the operation's own, one variant per success status.
    Enum(ResponseEnum),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseEnum {
    pub name: String,
    /// Exact codes before the `2XX` range, which matches whatever is left.
    pub variants: Vec<StatusVariant>,
    /// An `Other { status, body }` variant for success statuses the spec does not list (absent
    /// when a `2XX` range catches them).
    pub other: bool,
    /// Code outside the crate can `match` it without a `_` arm.
    pub exhaustive: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    pub status: StatusCode,
    pub ident: String,
    /// Index into the operation's responses.
    pub response: usize,
    pub body: Option<(RustType, Read)>,
}

impl Returns {
    /// The method's result type (inside `Result`).
    pub fn ty(&self) -> RustType {
        match self {
            Returns::Unit => RustType::Unit,
            Returns::Body(body) => body.ty.clone(),
            Returns::Enum(e) => RustType::Named(e.name.clone()),
        }
    }
}

/// Whether the success responses differ: bodies of different types, or some without a body.
fn needs_enum(op: &Operation, all: &[usize]) -> bool {
    let bodies: Vec<&ResponseBody> = all
        .iter()
        .filter_map(|&i| op.responses[i].body.as_ref())
        .collect();
    let same = |a: &ResponseBody, b: &ResponseBody| a.kind == b.kind && a.ty == b.ty;
    match bodies.first() {
        None => false,
        Some(first) => bodies.len() < all.len() || !bodies.iter().all(|b| same(first, b)),
    }
}

/// Each operation's result, with the enums named clear of every type and of each other.
pub fn all_returns(api: &Api) -> Vec<Returns> {
    let mut scope = Scope::with_taken(api.types.iter().map(|t| t.name.rust.as_str()));
    api.operations
        .iter()
        .map(|op| {
            let all = op.successes();
            let first = all
                .iter()
                .find_map(|&i| Some((i, op.responses[i].body.as_ref()?)));
            match first {
                None => Returns::Unit,
                Some(_) if needs_enum(op, &all) => {
                    let name = scope
                        .claim(&pascal(&format!("{}_response", op.name.rust)))
                        .0;
                    Returns::Enum(response_enum(api, op, name, all))
                }
                Some((response, body)) => {
                    let (ty, read) = body_type(api, body);
                    Returns::Body(BodyShape { ty, read, response })
                }
            }
        })
        .collect()
}

fn response_enum(api: &Api, op: &Operation, name: String, mut all: Vec<usize>) -> ResponseEnum {
    all.sort_by_key(|&i| matches!(op.responses[i].status, StatusCode::Range(_)));
    let variants: Vec<StatusVariant> = all
        .into_iter()
        .map(|i| {
            let r = &op.responses[i];
            // An enum holds bodies read whole: events among other statuses are read as text.
            let body = r.body.as_ref().map(|b| match body_type(api, b) {
                (_, Read::Events { .. }) => (RustType::Prim("String"), Read::Text),
                other => other,
            });
            StatusVariant {
                status: r.status,
                ident: variant_name(r.status),
                response: i,
                body,
            }
        })
        .collect();
    ResponseEnum {
        name,
        other: !variants.iter().any(|v| v.status == StatusCode::Range(2)),
        variants,
        exhaustive: false,
    }
}

/// The Rust type of a response body and how it is read.
pub fn body_type(api: &Api, body: &ResponseBody) -> (RustType, Read) {
    match body.kind {
        BodyKind::Binary => (RustType::Bytes, Read::Bytes),
        BodyKind::Text => (RustType::Prim("String"), Read::Text),
        BodyKind::EventStream => {
            let text = matches!(body.ty, Ty::String(_));
            let data = if text {
                RustType::Prim("String")
            } else {
                RustType::of(api, &body.ty)
            };
            (RustType::Events(Box::new(data)), Read::Events { text })
        }
        _ => (RustType::of(api, &body.ty), Read::Json),
    }
}

fn variant_name(status: StatusCode) -> String {
    match status {
        StatusCode::Code(200) => "Ok".into(),
        StatusCode::Code(201) => "Created".into(),
        StatusCode::Code(202) => "Accepted".into(),
        StatusCode::Code(203) => "NonAuthoritative".into(),
        StatusCode::Code(204) => "NoContent".into(),
        StatusCode::Code(205) => "ResetContent".into(),
        StatusCode::Code(206) => "PartialContent".into(),
        StatusCode::Code(code) => format!("Status{code}"),
        StatusCode::Range(_) => "Success".into(),
        StatusCode::Default => "Default".into(),
    }
}
