//! How each operation looks to callers: a method that takes the required inputs and returns a
//! request builder, whose setters take the optional ones; what it returns; the error bodies it
//! documents.

use super::returns::{Read, Returns, StatusVariant};
use super::rust_type::{body_ty, RustType};
use crate::model::names::{pascal, Scope};
use crate::model::*;

#[derive(Debug, Clone)]
pub struct OpShape {
    /// The client method's name.
    pub method: String,
    /// The request builder the method returns, in the crate's `requests` module.
    pub builder: String,
    /// The method's arguments after `&self`: every required input, in order (path parameters as
    /// the template has them, then the other required parameters, then a required body).
    pub args: Vec<Arg>,
    /// The builder's setters: every optional input.
    pub setters: Vec<Setter>,
    pub returns: Returns,
    /// The responses the runtime turns into `Error::Status`, with their JSON body types.
    pub errors: Vec<ErrorShape>,
    /// The `cfg` predicate that gates the method and its builder, if any.
    pub gate: Option<String>,
    /// The `Accept` header: the media types of the bodies it reads, successes first (none when
    /// no response has a body, or a header parameter sets it).
    pub accept: Option<String>,
    /// The result is raw bytes, which the builder's `stream()` also gives as a `ByteStream`.
    pub streams: bool,
    /// The media type of each file part of a multipart body, by property name: the spec's
    /// `encoding.contentType`, else `application/octet-stream`.
    pub part_types: Vec<(String, String)>,
}

/// A required input, passed to the method.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub ident: String,
    /// As passed: strings as `&str`, numbers and booleans by value, anything else by reference.
    pub ty: RustType,
    pub input: Input,
}

/// An optional input, set on the request builder.
#[derive(Debug, Clone, PartialEq)]
pub struct Setter {
    pub name: String,
    /// What it takes: a value (`impl Into<String>` for `String`), or a reference for a body.
    pub ty: RustType,
    pub input: Input,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A parameter, by index into the operation's parameters.
    Param(usize),
    Body,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorShape {
    pub status: StatusCode,
    /// Index into the operation's responses.
    pub response: usize,
    /// The body's Rust type, for `Error::decode_body`, when it is JSON.
    pub ty: Option<RustType>,
}

/// The builder method that gives a binary result as a stream, on operations that have one.
pub const STREAM_METHOD: &str = "stream";

const OCTET_STREAM: &str = "application/octet-stream";

/// The media type of every binary property of a multipart body's struct.
fn part_types(api: &Api, op: &Operation) -> Vec<(String, String)> {
    let Some(body) = op.body.as_ref().filter(|b| b.kind == BodyKind::Multipart) else {
        return Vec::new();
    };
    let Ty::Named(id) = body.ty.non_null() else {
        return Vec::new();
    };
    let TypeKind::Struct(s) = &api.type_def(*id).kind else {
        return Vec::new();
    };
    let binary = |ty: &Ty| match ty.non_null() {
        Ty::Array(item) => matches!(item.non_null(), Ty::Binary),
        other => matches!(other, Ty::Binary),
    };
    s.fields
        .iter()
        .filter(|f| binary(&f.ty))
        .map(|f| {
            let given = body
                .part_types
                .iter()
                .find(|(name, _)| *name == f.name.wire);
            let media = given.map_or(OCTET_STREAM, |(_, media)| media.as_str());
            (f.name.wire.clone(), media.to_owned())
        })
        .collect()
}

/// The request builder's own methods, which no setter may take the name of.
pub const BUILDER_METHODS: &[&str] = &[
    "new",
    "send",
    "send_with_response",
    "into_future",
    "items",
    "pages",
];

impl OpShape {
    /// Whether `input` is an argument of the method (else a setter of its request, or absent).
    pub fn takes(&self, input: Input) -> bool {
        self.args.iter().any(|a| a.input == input)
    }

    pub fn new(api: &Api, op: &Operation, returns: Returns, gate: Option<String>) -> OpShape {
        let mut args = Vec::new();
        let mut setters = Vec::new();
        let streams = matches!(&returns, Returns::Body(b) if b.read == Read::Bytes);
        let mut names = Scope::with_taken(BUILDER_METHODS.iter().copied());
        if streams {
            names.claim(STREAM_METHOD);
        }
        let path = op
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.location == ParamLocation::Path);
        let others = op
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.location != ParamLocation::Path);
        for (i, p) in path.chain(others) {
            if p.required || p.location == ParamLocation::Path {
                // An argument is a field of the builder too: no setter may take its name.
                names.claim(&p.name.rust);
                args.push(Arg {
                    ident: p.name.rust.clone(),
                    ty: by_ref(api, &p.ty),
                    input: Input::Param(i),
                });
            } else {
                setters.push(Setter {
                    name: names.claim(&p.name.rust).0,
                    ty: RustType::of(api, p.ty.non_null()),
                    input: Input::Param(i),
                });
            }
        }
        if let Some(body) = &op.body {
            let ty = RustType::of(api, &body_ty(body.kind, &body.ty));
            // Bytes as a stream, text by value, structured bodies by reference.
            let ty = match body.kind {
                BodyKind::Binary => RustType::ByteStream,
                BodyKind::Text => ty,
                _ => RustType::reference(ty),
            };
            if body.required {
                let free = ["body", "body_"].into_iter().find(|n| !names.is_taken(n));
                let ident = names.claim(free.unwrap_or("body")).0;
                args.push(Arg {
                    ident,
                    ty,
                    input: Input::Body,
                });
            } else {
                let name = names.claim("body").0;
                setters.push(Setter {
                    name,
                    ty,
                    input: Input::Body,
                });
            }
        }
        OpShape {
            method: op.name.rust.clone(),
            builder: pascal(&op.name.rust),
            args,
            setters,
            errors: errors(api, op),
            accept: accept(op),
            returns,
            gate,
            streams,
            part_types: part_types(api, op),
        }
    }

    /// The media type of multipart file part `wire`.
    pub fn part_type(&self, wire: &str) -> &str {
        let given = self.part_types.iter().find(|(name, _)| name == wire);
        given.map_or(OCTET_STREAM, |(_, media)| media.as_str())
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

    /// The argument or setter that takes parameter `index`.
    pub fn input_of(&self, index: usize) -> Option<(&str, &RustType, bool)> {
        let wanted = Input::Param(index);
        let arg = self.args.iter().find(|a| a.input == wanted);
        let setter = self.setters.iter().find(|s| s.input == wanted);
        arg.map(|a| (a.ident.as_str(), &a.ty, true))
            .or(setter.map(|s| (s.name.as_str(), &s.ty, false)))
    }
}

/// How a required input of type `ty` is passed: strings as `&str`, numbers and booleans by value,
/// anything else by reference; a nullable one as an `Option` of that.
fn by_ref(api: &Api, ty: &Ty) -> RustType {
    match ty {
        Ty::Nullable(inner) => RustType::option(by_ref(api, inner)),
        Ty::String(_) => RustType::Str,
        Ty::Integer(_) | Ty::Number(_) | Ty::Boolean => RustType::of(api, ty),
        other => RustType::reference(RustType::of(api, other)),
    }
}

/// Every response but the 2XX ones: a `default` response describes the error statuses too, even
/// where it also stands for success.
fn accept(op: &Operation) -> Option<String> {
    let (successes, errors): (Vec<&Response>, Vec<&Response>) =
        op.responses.iter().partition(|r| r.status.is_2xx());
    let mut media: Vec<&str> = Vec::new();
    for body in successes
        .into_iter()
        .chain(errors)
        .filter_map(|r| r.body.as_ref())
    {
        if !media.contains(&body.media_type.as_str()) {
            media.push(&body.media_type);
        }
    }
    let printable = |m: &&str| m.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b',');
    (!media.is_empty() && media.iter().all(printable)).then(|| media.join(", "))
}

fn errors(api: &Api, op: &Operation) -> Vec<ErrorShape> {
    op.responses
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.status.is_2xx())
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
