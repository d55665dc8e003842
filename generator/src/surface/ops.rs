//! How each operation looks to callers: its method's arguments, its parameter struct, what it
//! returns, and the error bodies it documents.

use super::returns::{Returns, StatusVariant};
use super::rust_type::RustType;
use super::types::{FieldShape, Presence};
use crate::model::names::pascal;
use crate::model::*;

#[derive(Debug, Clone)]
pub struct OpShape {
    /// The method's name.
    pub method: String,
    /// The arguments after `&self`, in order.
    pub args: Vec<Arg>,
    pub params: Option<ParamsShape>,
    pub returns: Returns,
    /// The responses the runtime turns into `Error::Status`, with their JSON body types.
    pub errors: Vec<ErrorShape>,
    /// The `cfg` predicate that gates the method (and its parameter struct), if any.
    pub gate: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub ident: String,
    pub ty: RustType,
    pub kind: ArgKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// A path parameter, by index into the operation's parameters.
    Path(usize),
    /// The parameter struct.
    Params,
    /// The request body.
    Body,
}

/// The struct that carries an operation's query, header and cookie parameters.
#[derive(Debug, Clone)]
pub struct ParamsShape {
    pub name: String,
    pub fields: Vec<FieldShape>,
    /// Index into the operation's parameters of each field.
    pub params: Vec<usize>,
    pub default: bool,
    pub redacted: bool,
    /// Callers can build it with a struct literal.
    pub literal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorShape {
    pub status: StatusCode,
    /// Index into the operation's responses.
    pub response: usize,
    /// The body's Rust type, for `Error::decode_body`, when it is JSON.
    pub ty: Option<RustType>,
}

impl OpShape {
    pub fn new(api: &Api, op: &Operation, returns: Returns, gate: Option<String>) -> OpShape {
        let params = params_shape(api, op);
        let mut args: Vec<Arg> = op
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.location == ParamLocation::Path)
            .map(|(i, p)| Arg {
                ident: p.name.rust.clone(),
                ty: by_ref(api, &p.ty),
                kind: ArgKind::Path(i),
            })
            .collect();
        if let Some(params) = &params {
            args.push(Arg {
                ident: "params".into(),
                ty: RustType::reference(RustType::Params(params.name.clone())),
                kind: ArgKind::Params,
            });
        }
        if let Some(body) = &op.body {
            let ty = match body.kind {
                BodyKind::Binary => RustType::Bytes,
                BodyKind::Text => RustType::Prim("String"),
                _ => RustType::reference(RustType::of(api, &body.ty)),
            };
            args.push(Arg {
                ident: "body".into(),
                ty: if body.required {
                    ty
                } else {
                    RustType::option(ty)
                },
                kind: ArgKind::Body,
            });
        }
        let errors = errors(api, op);
        OpShape {
            method: op.name.rust.clone(),
            args,
            params,
            returns,
            errors,
            gate,
        }
    }

    /// The response whose body the docs show: the first success response with a body.
    pub fn primary_body(&self) -> Option<usize> {
        match &self.returns {
            Returns::Unit => None,
            Returns::Body(body) => Some(body.response),
            Returns::Enum(e) => e
                .variants
                .iter()
                .filter(|v| v.body.is_some())
                .map(|v: &StatusVariant| v.response)
                .min(),
        }
    }
}

/// How a parameter of type `ty` is passed: strings as `&str`, numbers and booleans by value,
/// anything else by reference.
fn by_ref(api: &Api, ty: &Ty) -> RustType {
    match ty {
        Ty::String(_) => RustType::Str,
        Ty::Integer(_) | Ty::Number(_) | Ty::Boolean => RustType::of(api, ty),
        other => RustType::reference(RustType::of(api, other)),
    }
}

fn params_shape(api: &Api, op: &Operation) -> Option<ParamsShape> {
    let indexed: Vec<(usize, &Param)> = op
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.location != ParamLocation::Path)
        .collect();
    if indexed.is_empty() {
        return None;
    }
    let fields: Vec<FieldShape> = indexed
        .iter()
        .map(|(_, p)| {
            let nullable = p.ty.is_nullable();
            let presence = match (p.required, nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::Nullable,
                (false, _) => Presence::Optional,
            };
            let ty = RustType::of(api, &p.ty);
            FieldShape {
                ident: p.name.rust.clone(),
                wire: p.name.wire.clone(),
                presence,
                boxed: false,
                ty: if p.required || nullable {
                    ty
                } else {
                    RustType::option(ty)
                },
                secret: p.secret,
            }
        })
        .collect();
    Some(ParamsShape {
        name: format!("{}Params", pascal(&op.name.rust)),
        default: fields.iter().all(|f| f.presence.is_optional()),
        redacted: fields.iter().any(|f| f.secret),
        literal: true,
        params: indexed.iter().map(|(i, _)| *i).collect(),
        fields,
    })
}

/// Every response but the 2XX ones: a `default` response describes the error statuses too, even
/// where it also stands for success.
fn errors(api: &Api, op: &Operation) -> Vec<ErrorShape> {
    op.responses
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(r.status, StatusCode::Code(200..=299) | StatusCode::Range(2)))
        .map(|(i, r)| ErrorShape {
            status: r.status,
            response: i,
            ty: r
                .body
                .as_ref()
                .filter(|b| b.kind == BodyKind::Json)
                .map(|b| RustType::of(api, &b.ty)),
        })
        .collect()
}
