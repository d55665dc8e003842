//! Operations across the document: unique operationIds, and path templates that match the
//! declared path parameters both ways.

use super::{refs::component_name, Checker, Kind};
use crate::diag::closest;
use crate::pointer::child;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// A declared parameter: where, its name, and where it goes.
struct Declared {
    pointer: String,
    name: String,
    location: String,
}

pub(super) fn check(c: &mut Checker) {
    let Some(paths) = c.root.get("paths").and_then(Value::as_object) else {
        return;
    };
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    for (path, item) in paths {
        let Some(item) = item.as_object().filter(|i| !i.contains_key("$ref")) else {
            continue;
        };
        let at = child("#/paths", path);
        let Some(template) = c.template(&at, path) else {
            continue;
        };
        let shared = c.declared(&at, item);
        for method in METHODS {
            let Some(op) = item.get(method).and_then(Value::as_object) else {
                continue;
            };
            let op_at = child(&at, method);
            c.operation_id(&op_at, op, &mut ids);
            let own = c.declared(&op_at, op);
            c.match_template(path, &template, &op_at, &shared, &own);
        }
    }
}

impl<'v> Checker<'v> {
    fn operation_id(
        &mut self,
        pointer: &str,
        op: &'v Map<String, Value>,
        ids: &mut BTreeMap<&'v str, String>,
    ) {
        let Some(id) = op.get("operationId").and_then(Value::as_str) else {
            return;
        };
        match ids.get(id) {
            Some(first) => {
                let message = format!("operationId '{id}' is already used by {first}");
                *self.error(&child(pointer, "operationId"), message) =
                    Some("operationIds must be unique".into());
            }
            None => {
                ids.insert(id, pointer.to_owned());
            }
        }
    }

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

    /// The parameters declared in `holder` (a path item or an operation), `$ref`s resolved.
    fn declared(&mut self, pointer: &str, holder: &'v Map<String, Value>) -> Vec<Declared> {
        let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
            return Vec::new();
        };
        let mut out: Vec<Declared> = Vec::new();
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
            if out.iter().any(|d| d.name == name && d.location == location) {
                self.error(
                    &at,
                    format!("parameter '{name}' in {location} is declared twice in this list"),
                );
                continue;
            }
            out.push(Declared {
                pointer: at,
                name: name.to_owned(),
                location: location.to_owned(),
            });
        }
        out
    }

    fn resolve_parameter(&self, mut p: &'v Value) -> Option<&'v Map<String, Value>> {
        for _ in 0..16 {
            let Some(target) = p.get("$ref") else {
                return p.as_object();
            };
            let name = component_name(Kind::Parameter, target.as_str()?)?;
            p = self.component(Kind::Parameter, &name)?;
        }
        None
    }

    fn match_template(
        &mut self,
        path: &str,
        template: &[String],
        op_pointer: &str,
        shared: &[Declared],
        own: &[Declared],
    ) {
        let overridden = |d: &&Declared| {
            !own.iter()
                .any(|o| o.name == d.name && o.location == d.location)
        };
        let declared: Vec<&Declared> = own
            .iter()
            .chain(shared.iter().filter(overridden))
            .filter(|d| d.location == "path")
            .collect();
        for name in template {
            if !declared.iter().any(|d| &d.name == name) {
                *self.error(
                    op_pointer,
                    format!("path parameter '{{{name}}}' of '{path}' is not declared here"),
                ) = Some(format!(
                    "add a parameter with `name: {name}` and `in: path`"
                ));
            }
        }
        for d in declared {
            if !template.contains(&d.name) {
                let hint = closest(&d.name, template).map(|c| format!("did you mean '{c}'?"));
                *self.error(
                    &child(&d.pointer, "name"),
                    format!(
                        "path parameter '{}' does not appear in the path '{path}'",
                        d.name
                    ),
                ) = hint;
            }
        }
    }
}
