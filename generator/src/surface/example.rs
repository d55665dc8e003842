//! Each operation's usage example as values: what the example passes for each argument of the
//! method. emit_rust turns it into code, which the docs page, the rustdoc and `examples/` show.

use super::ops::{ArgKind, OpShape};
use super::sample::{sample, Direction};
use crate::model::*;
use serde_json::{Map, Value};

/// The values an example passes, one per argument of the method.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Parallel to [`OpShape::args`]. A parameter struct's value is an object of the fields it
    /// sets, by wire name.
    pub args: Vec<Value>,
}

impl Example {
    pub fn new(api: &Api, op: &Operation, shape: &OpShape) -> Example {
        let args = shape
            .args
            .iter()
            .map(|arg| match arg.kind {
                ArgKind::Path(i) => path_value(api, &op.params[i]),
                ArgKind::Params => params_value(api, op, shape),
                ArgKind::Body => body_value(api, op.body.as_ref()),
            })
            .collect();
        Example { args }
    }
}

/// A path parameter's example, default or placeholder; a plain string without any is the
/// parameter's own name, which reads better in a call than `"string"`.
fn path_value(api: &Api, p: &Param) -> Value {
    let given = p.example.as_ref().or(p.default.as_ref());
    match (&p.ty, given) {
        (Ty::String(StringFormat::Plain), None) => Value::String(p.name.wire.clone()),
        _ => sample(api, &p.ty, given, Direction::Request),
    }
}

/// The parameter struct's fields the example sets: the required ones, and the optional ones the
/// spec gives an example or default for.
fn params_value(api: &Api, op: &Operation, shape: &OpShape) -> Value {
    let Some(params) = &shape.params else {
        return Value::Object(Map::new());
    };
    let mut out = Map::new();
    for &i in &params.params {
        let p = &op.params[i];
        let given = p.example.as_ref().or(p.default.as_ref());
        if p.required || given.is_some() {
            out.insert(
                p.name.wire.clone(),
                sample(api, &p.ty, given, Direction::Request),
            );
        }
    }
    Value::Object(out)
}

fn body_value(api: &Api, body: Option<&RequestBody>) -> Value {
    match body {
        Some(b) if b.kind == BodyKind::Text => Value::String("text".to_owned()),
        Some(b) if b.kind == BodyKind::Binary => Value::String("...".to_owned()),
        Some(b) => sample(api, &b.ty, None, Direction::Request),
        None => Value::Null,
    }
}
