//! Each operation's usage example as values: what the example passes for each argument of the
//! method, and which optional input it sets. emit_rust turns it into code, which the docs page,
//! the rustdoc and `examples/` show.

use super::ops::{Input, OpShape};
use super::sample::{sample_traced, scalar, Direction, Traced, Variants};
use crate::model::*;
use crate::pointer::escape;
use serde_json::Value;
use std::collections::BTreeMap;

/// The values an example passes: every required input, and one optional input when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Parallel to [`OpShape::args`]. A body is an object of the fields it sets, by wire name.
    pub args: Vec<Value>,
    /// The builder setters it calls: index into [`OpShape::setters`], and the value.
    pub setters: Vec<(usize, Value)>,
    /// Whether every value meets its schema's constraints; `false` where none can (a `pattern`
    /// nothing matches, a `oneOf` whose variants only the discriminator tells apart), so a
    /// validating server may refuse the request.
    pub valid: bool,
    /// The variant of each union inside each input's value (see [`Variants`]), chosen once, when
    /// the value was sampled.
    pub variants: BTreeMap<Input, Variants>,
}

impl Example {
    pub fn new(api: &Api, op: &Operation, shape: &OpShape) -> Example {
        let mut valid = true;
        let mut variants = BTreeMap::new();
        let mut args: Vec<Value> = shape
            .args
            .iter()
            .map(|arg| {
                let traced = input_value(api, op, arg.input);
                valid &= traced.met;
                variants.insert(arg.input, traced.variants);
                traced.value
            })
            .collect();
        // The optional input it shows: the first the spec gives a value for, else the first,
        // deprecated ones last; one whose value meets its constraints (some cannot be met).
        let mut order: Vec<usize> = (0..shape.setters.len()).collect();
        order.sort_by_key(|&i| {
            let input = shape.setters[i].input;
            (deprecated(op, input), given(op, input).is_none())
        });
        let setter = order.into_iter().find_map(|i| {
            let traced = input_value(api, op, shape.setters[i].input);
            traced.met.then_some((i, traced))
        });
        let mut setters: Vec<(usize, Value)> = Vec::new();
        if let Some((i, traced)) = setter {
            variants.insert(shape.setters[i].input, traced.variants);
            setters.push((i, traced.value));
        }
        let body = shape.args.iter().position(|a| a.input == Input::Body);
        if let (Some(i), Some(b), true) = (body, &op.body, setters.is_empty()) {
            let chosen = variants.entry(Input::Body).or_default();
            add_optional_field(api, b, &mut args[i], chosen);
        }
        let values = args.iter_mut().zip(shape.args.iter().map(|a| a.input));
        let set = setters
            .iter_mut()
            .map(|(i, v)| (v, shape.setters[*i].input));
        for (value, input) in values.chain(set) {
            if let (Input::Body, Some(b)) = (input, &op.body) {
                repeat_form_items(api, b, value, variants.entry(input).or_default());
            }
        }
        Example {
            args,
            setters,
            valid,
            variants,
        }
    }
}

/// The example or default the spec gives an input.
fn given(op: &Operation, input: Input) -> Option<&Value> {
    match input {
        Input::Param(i) => op.params[i]
            .example
            .as_deref()
            .or(op.params[i].default.as_deref()),
        Input::Body => None,
    }
}

fn deprecated(op: &Operation, input: Input) -> bool {
    match input {
        Input::Param(i) => op.params[i].deprecated,
        Input::Body => false,
    }
}

/// An input's value, whether it meets its constraints, and the variants of its unions.
fn input_value(api: &Api, op: &Operation, input: Input) -> Traced {
    let plain = |value: Value| Traced {
        value,
        met: true,
        variants: Variants::new(),
    };
    match input {
        Input::Param(i) => param_value(api, &op.params[i]),
        Input::Body => match &op.body {
            Some(b) if b.kind == BodyKind::Text => plain(Value::String("text".to_owned())),
            Some(b) if b.kind == BodyKind::Binary => plain(Value::String("...".to_owned())),
            Some(b) => sample_traced(api, &b.ty, Constraints::none(), None, Direction::Request),
            None => plain(Value::Null),
        },
    }
}

/// A parameter's example, default or placeholder; a string path parameter without any is the
/// parameter's own name where that meets its constraints, which reads better in a call than
/// `"string"`.
fn param_value(api: &Api, p: &Param) -> Traced {
    // An empty value is taken for a missing one (`allowEmptyValue` is off by default).
    let given = (p.example.as_deref().or(p.default.as_deref())).filter(|v| v.as_str() != Some(""));
    match (&p.ty, p.location) {
        (Ty::String(format), ParamLocation::Path) => {
            let text = given.and_then(Value::as_str);
            let (value, met) = scalar::string(*format, &p.constraints, text, &p.name.wire);
            Traced {
                value,
                met,
                variants: Variants::new(),
            }
        }
        _ => sample_traced(api, &p.ty, &p.constraints, given, Direction::Request),
    }
}

/// Sets one optional field of the body: the first the spec gives a value for, else the first,
/// deprecated ones last, whose value meets its constraints. In a multipart body, not an array: its parts would share a
/// name, which many form parsers read as one value.
fn add_optional_field(api: &Api, body: &RequestBody, value: &mut Value, chosen: &mut Variants) {
    let Ty::Named(id) = body.ty.non_null() else {
        return;
    };
    let (TypeKind::Struct(s), Value::Object(map)) = (&api.type_def(*id).kind, value) else {
        return;
    };
    let multipart = body.kind == BodyKind::Multipart;
    let mut fields: Vec<&Field> = (s.fields.iter())
        .filter(|f| {
            let parts = multipart && matches!(f.ty.non_null(), Ty::Array(_));
            !(f.required || f.read_only || parts)
        })
        .collect();
    fields.sort_by_key(|f| (f.deprecated, f.example.is_none() && f.default.is_none()));
    let field = fields.into_iter().find_map(|f| {
        let given = f.example.as_deref().or(f.default.as_deref());
        let traced = sample_traced(api, &f.ty, &f.constraints, given, Direction::Request);
        traced.met.then_some((f, traced))
    });
    if let Some((f, traced)) = field {
        let at = format!("/{}", escape(&f.name.wire));
        let inside = traced.variants.into_iter();
        chosen.extend(inside.map(|(path, i)| (format!("{at}{path}"), i)));
        map.insert(f.name.wire.clone(), traced.value);
    }
}

/// A form carries an array as repeated parts or keys, so an array of one item reads as a plain
/// value: in a form body, the arrays a sample gives one item get two (where they may).
fn repeat_form_items(api: &Api, body: &RequestBody, value: &mut Value, chosen: &mut Variants) {
    if !matches!(body.kind, BodyKind::Multipart | BodyKind::FormUrlEncoded) {
        return;
    }
    let Ty::Named(id) = body.ty.non_null() else {
        return;
    };
    let (TypeKind::Struct(s), Value::Object(map)) = (&api.type_def(*id).kind, value) else {
        return;
    };
    for f in &s.fields {
        let c = &f.constraints;
        let room = c.max_items.is_none_or(|max| max >= 2) && !c.unique_items;
        if let (Ty::Array(_), Some(Value::Array(items)), true) =
            (f.ty.non_null(), map.get_mut(&f.name.wire), room)
        {
            if let [only] = items.as_slice() {
                items.push(only.clone());
                let first = format!("/{}/0", escape(&f.name.wire));
                let second = format!("/{}/1", escape(&f.name.wire));
                let copies: Vec<(String, usize)> = (chosen.iter())
                    .filter_map(|(path, &i)| {
                        let rest = path.strip_prefix(&first)?;
                        (rest.is_empty() || rest.starts_with('/'))
                            .then(|| (format!("{second}{rest}"), i))
                    })
                    .collect();
                chosen.extend(copies);
            }
        }
    }
}
