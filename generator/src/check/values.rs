//! What JSON Schema asks of a schema keyword's value, past its type: `enum` with a value,
//! `required` without repeats, `multipleOf` above 0, a `pattern` that is a regular expression,
//! `allOf`/`oneOf`/`anyOf` with a part, and (in 3.0) `items` beside `type: array`.

use super::Checker;
use crate::pointer::child;
use regex_syntax::ast::{parse::Parser, ErrorKind};
use serde_json::{Map, Value};

impl<'v> Checker<'v> {
    pub(super) fn schema_values(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        if obj
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            *self.error(
                &child(pointer, "enum"),
                "`enum` lists no value, so no value is valid",
            ) = Some("list the allowed values, or remove `enum`".into());
        }
        if let Some(list) = obj.get("required").and_then(Value::as_array) {
            self.required_repeats(pointer, list);
            if list.is_empty() && !self.openapi_3_1 {
                let message = "`required` is an empty list, which OpenAPI 3.0 forbids; read as requiring nothing";
                self.warn(&child(pointer, "required"), message);
            }
        }
        if let Some(m) = obj.get("multipleOf").and_then(Value::as_f64) {
            if m <= 0.0 {
                self.error(
                    &child(pointer, "multipleOf"),
                    format!(
                        "`multipleOf` must be greater than 0, found {}",
                        obj["multipleOf"]
                    ),
                );
            }
        }
        if let Some(pattern) = obj.get("pattern").and_then(Value::as_str) {
            if let Some(problem) = not_a_regex(pattern) {
                let message = format!("`pattern` is not a regular expression ({problem}); ignored");
                self.warn(&child(pointer, "pattern"), message);
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            if obj
                .get(key)
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
            {
                self.empty_composite(pointer, key);
            }
        }
        let array = obj.get("type").and_then(Value::as_str) == Some("array");
        if array && !self.openapi_3_1 && !obj.contains_key("items") {
            let message = "`type: array` has no `items`, which OpenAPI 3.0 requires; read as a list of any values";
            self.warn(pointer, message);
        }
    }

    fn required_repeats(&mut self, pointer: &str, list: &[Value]) {
        for (i, name) in list.iter().enumerate() {
            if name.is_string() && list[..i].contains(name) {
                let at = child(&child(pointer, "required"), &i.to_string());
                self.warn(&at, format!("`required` lists {name} twice; read once"));
            }
        }
    }

    fn empty_composite(&mut self, pointer: &str, key: &str) {
        let at = child(pointer, key);
        if key == "allOf" {
            self.warn(
                &at,
                "`allOf` is an empty list, which JSON Schema forbids; ignored",
            );
        } else {
            self.error(
                &at,
                format!("`{key}` is an empty list: no value can match one of no schemas"),
            );
        }
    }
}

/// Why `pattern` is not a regular expression, if it is not one. ECMA-262's lookarounds and
/// backreferences, which the regex crates do not know, are taken as valid.
fn not_a_regex(pattern: &str) -> Option<String> {
    let error = Parser::new().parse(pattern).err()?;
    match error.kind() {
        ErrorKind::UnsupportedLookAround | ErrorKind::UnsupportedBackreference => None,
        kind => Some(kind.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::not_a_regex;

    #[test]
    fn patterns_that_are_regular_expressions_and_ones_that_are_not() {
        for ok in [r"^[a-z]+$", r"^(?!admin$).*", r"(a)\1", r"^\d{3,}\/x$"] {
            assert_eq!(not_a_regex(ok), None, "{ok}");
        }
        for bad in ["[a-z", "(ab", "a{2,1}", "*a"] {
            assert!(not_a_regex(bad).is_some(), "{bad}");
        }
    }
}
