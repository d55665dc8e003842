//! Values written in a schema (`enum`, `default`, `example`) against the schema's `type`. A value
//! whose text is a value of the type is read as that (`1` in a string enum is `"1"`, `"5"` as an
//! integer default is `5`); what cannot be read so is an error in `enum` (the generated type would
//! disagree with the wire) and is dropped from `default` and `example` (they only feed docs and
//! examples).

use serde_json::{Number, Value};

/// The `type` names whose values can be told apart.
const TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "array", "object"];

/// Whether `typ` is a type this module knows.
pub(super) fn known(typ: &str) -> bool {
    TYPES.contains(&typ)
}

/// Whether `value` is a value of `typ` (null is left to `nullable`, and always fits here).
pub(super) fn fits(typ: &str, value: &Value) -> bool {
    match (typ, value) {
        (_, Value::Null) => true,
        ("string", v) => v.is_string(),
        ("integer", v) => v.is_i64() || v.is_u64(),
        ("number", v) => v.is_number(),
        ("boolean", v) => v.is_boolean(),
        ("array", v) => v.is_array(),
        ("object", v) => v.is_object(),
        _ => true,
    }
}

/// Removes the values of `values` that repeat an earlier one; returns each with its index.
pub(super) fn drop_repeats(values: &mut Vec<Value>) -> Vec<(usize, Value)> {
    let mut kept: Vec<Value> = Vec::with_capacity(values.len());
    let mut dropped = Vec::new();
    for (i, value) in std::mem::take(values).into_iter().enumerate() {
        if kept.contains(&value) {
            dropped.push((i, value));
        } else {
            kept.push(value);
        }
    }
    *values = kept;
    dropped
}

/// `value`, which does not fit `typ`, read as a value of `typ` when its text is one.
pub(super) fn convert(typ: &str, value: &Value) -> Option<Value> {
    match (typ, value) {
        ("string", Value::Number(_) | Value::Bool(_)) => Some(Value::String(value.to_string())),
        ("integer", Value::Number(n)) => whole(n.as_f64()?),
        ("integer", Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .ok()
            .map(Value::from)
            .or_else(|| s.trim().parse::<u64>().ok().map(Value::from)),
        ("number", Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .and_then(Number::from_f64)
            .map(|n| match whole(n.as_f64().unwrap_or(f64::NAN)) {
                Some(int) if !s.contains(['.', 'e', 'E']) => int,
                _ => Value::Number(n),
            }),
        ("boolean", Value::String(s)) => match s.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

/// A float with no fraction as an integer (`3.0` → `3`).
fn whole(f: f64) -> Option<Value> {
    let fits_i64 = f.fract() == 0.0 && f.abs() < 9.0e15;
    fits_i64.then(|| Value::from(f as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_fit_their_type_by_json_type() {
        assert!(fits("integer", &json!(3)) && !fits("integer", &json!(3.5)));
        assert!(fits("number", &json!(3)) && fits("string", &Value::Null));
        assert!(!fits("string", &json!(1)) && !fits("object", &json!("test")));
        assert!(fits("unknown", &json!(1)));
    }

    #[test]
    fn values_whose_text_is_of_the_type_are_read_as_it() {
        assert_eq!(convert("string", &json!(1)), Some(json!("1")));
        assert_eq!(convert("string", &json!(false)), Some(json!("false")));
        assert_eq!(convert("integer", &json!("42")), Some(json!(42)));
        assert_eq!(convert("integer", &json!(2.0)), Some(json!(2)));
        assert_eq!(
            convert("number", &json!("1669881887852")),
            Some(json!(1669881887852_i64))
        );
        assert_eq!(convert("number", &json!("1.5")), Some(json!(1.5)));
        assert_eq!(convert("boolean", &json!("true")), Some(json!(true)));
        for (typ, v) in [
            ("integer", json!("abc")),
            ("integer", json!(2.5)),
            ("number", json!("NaN")),
            ("boolean", json!("yes")),
            ("object", json!("test")),
            ("string", json!({"a": 1})),
        ] {
            assert_eq!(convert(typ, &v), None, "{typ} {v}");
        }
    }
}
