//! Each operation's usage example as values: what the example passes for each argument of the
//! method, and which optional input it sets. emit_rust turns it into code, which the docs page,
//! the rustdoc and `examples/` show.

use super::ops::{Input, OpShape};
use super::sample::{sample, Direction};
use crate::model::*;
use serde_json::Value;

/// The values an example passes: every required input, and one optional input when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Parallel to [`OpShape::args`]. A body is an object of the fields it sets, by wire name.
    pub args: Vec<Value>,
    /// The builder setters it calls: index into [`OpShape::setters`], and the value.
    pub setters: Vec<(usize, Value)>,
}

impl Example {
    pub fn new(api: &Api, op: &Operation, shape: &OpShape) -> Example {
        let mut args: Vec<Value> = shape
            .args
            .iter()
            .map(|arg| input_value(api, op, arg.input))
            .collect();
        let chosen = shape
            .setters
            .iter()
            .position(|s| given(op, s.input).is_some())
            .or((!shape.setters.is_empty()).then_some(0));
        let setters: Vec<(usize, Value)> = chosen
            .map(|i| (i, input_value(api, op, shape.setters[i].input)))
            .into_iter()
            .collect();
        if setters.is_empty() {
            let body = shape.args.iter().position(|a| a.input == Input::Body);
            if let (Some(i), Some(b)) = (body, &op.body) {
                add_optional_field(api, &b.ty, &mut args[i]);
            }
        }
        Example { args, setters }
    }
}

/// The example or default the spec gives an input.
fn given(op: &Operation, input: Input) -> Option<&Value> {
    match input {
        Input::Param(i) => op.params[i]
            .example
            .as_ref()
            .or(op.params[i].default.as_ref()),
        Input::Body => None,
    }
}

fn input_value(api: &Api, op: &Operation, input: Input) -> Value {
    match input {
        Input::Param(i) => param_value(api, &op.params[i]),
        Input::Body => match &op.body {
            Some(b) if b.kind == BodyKind::Text => Value::String("text".to_owned()),
            Some(b) if b.kind == BodyKind::Binary => Value::String("...".to_owned()),
            Some(b) => sample(api, &b.ty, None, Direction::Request),
            None => Value::Null,
        },
    }
}

/// A parameter's example, default or placeholder; a plain string path parameter without any is
/// the parameter's own name, which reads better in a call than `"string"`.
fn param_value(api: &Api, p: &Param) -> Value {
    let given = p.example.as_ref().or(p.default.as_ref());
    match (&p.ty, given, p.location) {
        (Ty::String(StringFormat::Plain), None, ParamLocation::Path) => {
            Value::String(p.name.wire.clone())
        }
        _ => sample(api, &p.ty, given, Direction::Request),
    }
}

/// Sets one optional field of the body: the first the spec gives a value for, else the first.
fn add_optional_field(api: &Api, ty: &Ty, body: &mut Value) {
    let Ty::Named(id) = ty.non_null() else {
        return;
    };
    let (TypeKind::Struct(s), Value::Object(map)) = (&api.type_def(*id).kind, body) else {
        return;
    };
    let optional = || s.fields.iter().filter(|f| !f.required && !f.read_only);
    let chosen = optional()
        .find(|f| f.example.is_some() || f.default.is_some())
        .or_else(|| optional().next());
    if let Some(f) = chosen {
        let given = f.example.as_ref().or(f.default.as_ref());
        let value = sample(api, &f.ty, given, Direction::Request);
        map.insert(f.name.wire.clone(), value);
    }
}
