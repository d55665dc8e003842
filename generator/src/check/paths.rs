//! Paths and their parameters: templates whose braces pair up, and parameter lists that declare
//! each parameter once. (Path parameters that don't match their template are mended in
//! `lower::path_params`; duplicate operationIds in `lower::operation`.)

use super::{refs::component_name, Checker, NodeKind};
use crate::pointer::child;
use serde_json::{Map, Value};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

pub(super) fn check(c: &mut Checker) {
    let Some(paths) = c.root.get("paths").and_then(Value::as_object) else {
        return;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object().filter(|i| !i.contains_key("$ref")) else {
            continue;
        };
        let at = child("#/paths", path);
        if c.template(&at, path).is_none() {
            continue;
        }
        c.declared(&at, item);
        for method in METHODS {
            if let Some(op) = item.get(method).and_then(Value::as_object) {
                c.declared(&child(&at, method), op);
            }
        }
    }
}

impl<'v> Checker<'v> {
    /// The names in `{…}` in `path`, or an error when its braces don't pair up.
    fn template(&mut self, pointer: &str, path: &str) -> Option<Vec<String>> {
        let mut names: Vec<String> = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find(['{', '}']) {
            let Some(close) = rest[open..]
                .find('}')
                .map(|i| open + i)
                .filter(|_| rest.as_bytes()[open] == b'{')
            else {
                self.error(pointer, format!("path '{path}' has unbalanced braces"));
                return None;
            };
            let name = &rest[open + 1..close];
            if name.is_empty() || name.contains('{') {
                self.error(
                    pointer,
                    format!("path '{path}' has an empty or nested `{{…}}`"),
                );
                return None;
            }
            if names.iter().any(|n| n == name) {
                self.error(pointer, format!("path '{path}' names '{{{name}}}' twice"));
                return None;
            }
            names.push(name.to_owned());
            rest = &rest[close + 1..];
        }
        Some(names)
    }

    /// Report parameters declared twice in `holder` (a path item or an operation), `$ref`s
    /// resolved.
    fn declared(&mut self, pointer: &str, holder: &'v Map<String, Value>) {
        let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
            return;
        };
        let mut out: Vec<(&str, &str)> = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let at = child(&child(pointer, "parameters"), &i.to_string());
            let Some(p) = self.resolve_parameter(p) else {
                continue;
            };
            let (Some(name), Some(location)) = (
                p.get("name").and_then(Value::as_str),
                p.get("in").and_then(Value::as_str),
            ) else {
                continue;
            };
            if out.contains(&(name, location)) {
                self.error(
                    &at,
                    format!("parameter '{name}' in {location} is declared twice in this list"),
                );
                continue;
            }
            out.push((name, location));
        }
    }

    fn resolve_parameter(&self, mut p: &'v Value) -> Option<&'v Map<String, Value>> {
        for _ in 0..16 {
            let Some(target) = p.get("$ref") else {
                return p.as_object();
            };
            let name = component_name(NodeKind::Parameter, target.as_str()?)?;
            p = self.component(NodeKind::Parameter, &name)?;
        }
        None
    }
}
