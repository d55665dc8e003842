//! The Rust spelling of a type, as a small tree: emit_rust turns it into tokens, and docs and
//! api-diff print it. The one place a model type becomes a Rust type.

use crate::model::{Api, BodyKind, IntFormat, NumberFormat, StringFormat, Ty};
use std::fmt;

/// A Rust type of the generated crate's API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RustType {
    /// A type of the crate's `types` module, by its Rust name.
    Named(String),
    /// A parameter struct of the crate's `params` module.
    Params(String),
    /// A type of the standard library or a primitive, spelled as is: `String`, `i64`, `bool`.
    Prim(&'static str),
    /// `Vec<u8>`.
    Bytes,
    /// `serde_json::Value`.
    Json,
    Vec(Box<RustType>),
    /// `std::collections::BTreeMap<String, T>`.
    Map(Box<RustType>),
    Option(Box<RustType>),
    Box(Box<RustType>),
    /// `&T`, for arguments.
    Ref(Box<RustType>),
    /// `&str`, for string arguments.
    Str,
    /// `()`.
    Unit,
    /// The runtime's `ByteStream`: a body from bytes, a file or a stream.
    ByteStream,
    /// The runtime's `FilePart`: a multipart file from bytes, a file or a stream.
    FilePart,
    /// The runtime's `EventStream<T>`: server-sent events whose data is a `T`.
    Events(Box<RustType>),
}

/// A body's type as the Rust carries it, by its media kind: raw bytes are `Vec<u8>` and text is
/// `String` whatever the schema says; JSON, forms and multipart are their schema's type.
pub fn body_ty(kind: BodyKind, ty: &Ty) -> Ty {
    match kind {
        BodyKind::Binary => Ty::Binary,
        BodyKind::Text => Ty::String(StringFormat::Plain),
        // An event stream's events carry the schema's type.
        BodyKind::Json | BodyKind::FormUrlEncoded | BodyKind::Multipart | BodyKind::EventStream => {
            ty.clone()
        }
    }
}

impl RustType {
    /// The Rust type of a model type (named types by name, nullable as `Option`).
    pub fn of(api: &Api, ty: &Ty) -> RustType {
        match ty {
            Ty::Named(id) => RustType::Named(api.type_def(*id).name.rust.clone()),
            Ty::String(_) => RustType::Prim("String"),
            Ty::Integer(f) => RustType::Prim(int(*f)),
            Ty::Number(NumberFormat::F32) => RustType::Prim("f32"),
            Ty::Number(NumberFormat::F64) => RustType::Prim("f64"),
            Ty::Boolean => RustType::Prim("bool"),
            Ty::Binary => RustType::Bytes,
            Ty::Array(item) => RustType::Vec(Box::new(RustType::of(api, item))),
            Ty::Map(value) => RustType::Map(Box::new(RustType::of(api, value))),
            Ty::Any => RustType::Json,
            Ty::Nullable(inner) => RustType::option(RustType::of(api, inner)),
        }
    }

    pub fn option(inner: RustType) -> RustType {
        RustType::Option(Box::new(inner))
    }

    pub fn boxed(inner: RustType) -> RustType {
        RustType::Box(Box::new(inner))
    }

    pub fn reference(inner: RustType) -> RustType {
        RustType::Ref(Box::new(inner))
    }

    /// `Box<T>` for `T`, and `Option<Box<T>>` for `Option<T>`.
    pub fn boxed_inside_option(self) -> RustType {
        match self {
            RustType::Option(inner) => RustType::option(RustType::boxed(*inner)),
            other => RustType::boxed(other),
        }
    }

    pub fn is_option(&self) -> bool {
        matches!(self, RustType::Option(_))
    }

    /// The spelling with the crate's own types under `root` (e.g. `crate` gives
    /// `crate::types::X`); an empty root gives bare names.
    pub fn spell(&self, root: &str) -> String {
        let mut out = String::new();
        self.write(root, &mut out);
        out
    }

    fn write(&self, root: &str, out: &mut String) {
        let wrap = |out: &mut String, open: &str, inner: &RustType| {
            out.push_str(open);
            inner.write(root, out);
            out.push('>');
        };
        let own = |out: &mut String, module: &str, name: &str| {
            if !root.is_empty() {
                out.push_str(root);
                out.push_str("::");
                out.push_str(module);
                out.push_str("::");
            }
            out.push_str(name);
        };
        match self {
            RustType::Named(name) => own(out, "types", name),
            RustType::Params(name) => own(out, "params", name),
            RustType::Prim(name) => out.push_str(name),
            RustType::Bytes => out.push_str("Vec<u8>"),
            RustType::Json => out.push_str("serde_json::Value"),
            RustType::Vec(inner) => wrap(out, "Vec<", inner),
            RustType::Map(inner) => wrap(out, "BTreeMap<String, ", inner),
            RustType::Option(inner) => wrap(out, "Option<", inner),
            RustType::Box(inner) => wrap(out, "Box<", inner),
            RustType::Ref(inner) => {
                out.push('&');
                inner.write(root, out);
            }
            RustType::Str => out.push_str("&str"),
            RustType::Unit => out.push_str("()"),
            RustType::ByteStream => own(out, "runtime", "ByteStream"),
            RustType::FilePart => own(out, "runtime", "FilePart"),
            RustType::Events(inner) => {
                own(out, "runtime", "EventStream<");
                inner.write(root, out);
                out.push('>');
            }
        }
    }
}

/// Named types without a module prefix: `Option<Vec<UserDto>>`.
impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spell(""))
    }
}

fn int(f: IntFormat) -> &'static str {
    match f {
        IntFormat::I8 => "i8",
        IntFormat::I16 => "i16",
        IntFormat::I32 => "i32",
        IntFormat::I64 => "i64",
        IntFormat::U8 => "u8",
        IntFormat::U16 => "u16",
        IntFormat::U32 => "u32",
        IntFormat::U64 => "u64",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_nest_and_take_a_prefix() {
        let ty = RustType::option(RustType::Vec(Box::new(RustType::Named("UserDto".into()))));
        assert_eq!(ty.to_string(), "Option<Vec<UserDto>>");
        assert_eq!(ty.spell("crate"), "Option<Vec<crate::types::UserDto>>");
        let params = RustType::reference(RustType::Params("GetParams".into()));
        assert_eq!(params.spell("super"), "&super::params::GetParams");
        let map = RustType::Map(Box::new(RustType::Json));
        assert_eq!(map.to_string(), "BTreeMap<String, serde_json::Value>");
        let boxed = RustType::option(RustType::Named("Node".into())).boxed_inside_option();
        assert_eq!(boxed.to_string(), "Option<Box<Node>>");
        assert_eq!(RustType::reference(RustType::Bytes).to_string(), "&Vec<u8>");
        let events = RustType::Events(Box::new(RustType::Named("Tick".into())));
        assert_eq!(events.to_string(), "EventStream<Tick>");
        assert_eq!(
            events.spell("crate"),
            "crate::runtime::EventStream<crate::types::Tick>"
        );
    }
}
