//! The OpenAPI 3.0 object model as tables (which field holds what), and the rules of the objects
//! that a table can't say: path keys, status codes, parameter locations, security scheme types.

use super::Checker;
use crate::diag::closest;
use crate::grammar::{is_status, Expect, NodeKind};
use crate::pointer::child;
use serde_json::{Map, Value};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

pub(super) fn why_required(kind: NodeKind, key: &str) -> Option<String> {
    Some(
        match (kind, key) {
            (NodeKind::Root, "info") => {
                "every OpenAPI document has `info` with `title` and `version`"
            }
            (NodeKind::Root, "paths") => "write `paths: {}` for a spec without operations",
            (NodeKind::Info, "version") => "the version of the API, e.g. `version: '1.0'`",
            (NodeKind::Operation, "responses") => {
                "list at least one, e.g. `'200': {description: OK}`"
            }
            (NodeKind::Response, "description") => {
                "OpenAPI 3.0 requires it; an empty string will do"
            }
            _ => return None,
        }
        .to_owned(),
    )
}

impl<'v> Checker<'v> {
    pub(super) fn shape_rules(
        &mut self,
        kind: NodeKind,
        pointer: &str,
        obj: &'v Map<String, Value>,
    ) {
        match kind {
            NodeKind::Paths => self.paths_keys(pointer, obj),
            NodeKind::PathItem => self.method_case(pointer, obj),
            NodeKind::Responses => self.status_codes(pointer, obj),
            NodeKind::Parameter => self.parameter(pointer, obj),
            NodeKind::Header => self.schema_or_content(pointer, obj, "header", &["simple"]),
            NodeKind::Encoding => self.one_of(pointer, obj, "style", QUERY_STYLES),
            NodeKind::Callback => self.callback(pointer, obj),
            NodeKind::SecurityScheme => self.security_scheme(pointer, obj),
            NodeKind::OAuthFlows => self.oauth_flows(pointer, obj),
            NodeKind::SecurityRequirement => self.requirement(pointer, obj),
            NodeKind::Link
                if !obj.contains_key("operationId") && !obj.contains_key("operationRef") =>
            {
                self.error(pointer, "a link has no `operationId` or `operationRef`");
            }
            _ => {}
        }
        self.unsupported(kind, pointer, obj);
    }

    /// Warnings for what the generator skips.
    fn unsupported(&mut self, kind: NodeKind, pointer: &str, obj: &Map<String, Value>) {
        let skipped: &[(&str, &str)] = match kind {
            NodeKind::Operation => &[("callbacks", "callbacks are not supported; skipped")],
            NodeKind::Response => &[("links", "links are not supported; skipped")],
            NodeKind::Components => &[
                ("callbacks", "callbacks are not supported; skipped"),
                ("links", "links are not supported; skipped"),
            ],
            _ => &[],
        };
        for (key, message) in skipped {
            if obj
                .get(*key)
                .is_some_and(|v| v.as_object().is_some_and(|m| !m.is_empty()))
            {
                self.warn(&child(pointer, key), *message);
            }
        }
    }

    fn paths_keys(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        for (path, item) in obj {
            let at = child(pointer, path);
            if path.starts_with('/') {
                self.node(NodeKind::PathItem, &at, &format!("path '{path}'"), item);
            } else if !path.starts_with("x-") {
                *self.error(&at, format!("path '{path}' does not start with '/'")) =
                    Some(format!("write '/{path}'"));
            }
        }
    }

    fn method_case(&mut self, pointer: &str, obj: &Map<String, Value>) {
        for key in obj.keys() {
            let lower = key.to_ascii_lowercase();
            if &lower != key && METHODS.contains(&lower.as_str()) {
                *self.error(
                    &child(pointer, key),
                    format!("`{key}` is not an HTTP method key"),
                ) = Some(format!("methods are lowercase: `{lower}`"));
            }
        }
    }

    fn status_codes(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        for (code, response) in obj {
            let at = child(pointer, code);
            if code == "default" || is_status(code) {
                self.node(
                    NodeKind::Response,
                    &at,
                    &format!("response '{code}'"),
                    response,
                );
            } else if !code.starts_with("x-") {
                self.error(&at, format!("'{code}' is not a status code: expected 100 to 599, 1XX to 5XX, or `default`"));
            }
        }
    }

    fn parameter(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        let Some(location) = obj.get("in").and_then(Value::as_str) else {
            return self.schema_or_content(pointer, obj, "parameter", &[]);
        };
        let at = child(pointer, "in");
        let styles: &[&str] = match location {
            "query" => QUERY_STYLES,
            "header" => &["simple"],
            "path" => &["matrix", "label", "simple"],
            "cookie" => &["form"],
            "body" => {
                *self.error(
                    &at,
                    "`in: body` is Swagger 2.0: OpenAPI 3 has no body parameters",
                ) = Some("move it to the operation's `requestBody` with a `content` map".into());
                return;
            }
            "formData" => {
                *self.error(&at, "`in: formData` is Swagger 2.0: OpenAPI 3 has no form parameters") =
                    Some("describe the form in `requestBody` as `application/x-www-form-urlencoded` or `multipart/form-data`".into());
                return;
            }
            other => {
                let hint = did_you_mean(other, &["query", "header", "path", "cookie"]);
                *self.error(&at, format!("unknown parameter location '{other}': expected query, header, path or cookie")) = hint;
                return;
            }
        };
        self.schema_or_content(pointer, obj, "parameter", styles);
    }

    fn schema_or_content(
        &mut self,
        pointer: &str,
        obj: &Map<String, Value>,
        noun: &str,
        styles: &[&str],
    ) {
        match (obj.contains_key("schema"), obj.contains_key("content")) {
            (false, false) => {
                self.error(
                    pointer,
                    format!("a {noun} has neither `schema` nor `content`"),
                );
            }
            (true, true) => {
                self.error(
                    pointer,
                    format!("a {noun} has both `schema` and `content`; keep one"),
                );
            }
            _ => {}
        }
        if !styles.is_empty() {
            self.one_of(pointer, obj, "style", styles);
        }
    }

    fn one_of(&mut self, pointer: &str, obj: &Map<String, Value>, key: &str, allowed: &[&str]) {
        let Some(value) = obj.get(key).and_then(Value::as_str) else {
            return;
        };
        if !allowed.contains(&value) {
            let hint = did_you_mean(value, allowed);
            *self.error(
                &child(pointer, key),
                format!(
                    "`{key}: {value}` is not allowed here: expected {}",
                    allowed.join(", ")
                ),
            ) = hint;
        }
    }

    fn callback(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        for (expression, item) in obj {
            self.node(NodeKind::PathItem, &child(pointer, expression), "", item);
        }
    }

    fn security_scheme(&mut self, pointer: &str, obj: &Map<String, Value>) {
        let Some(kind) = obj.get("type").and_then(Value::as_str) else {
            return;
        };
        let needs: &[&str] = match kind {
            "apiKey" => &["name", "in"],
            "http" => &["scheme"],
            "oauth2" => &["flows"],
            "openIdConnect" => &["openIdConnectUrl"],
            other => {
                let known = ["apiKey", "http", "oauth2", "openIdConnect"];
                let hint = did_you_mean(other, &known);
                *self.error(&child(pointer, "type"), format!("unknown security scheme type '{other}': expected apiKey, http, oauth2 or openIdConnect")) = hint;
                return;
            }
        };
        for key in needs {
            if !obj.contains_key(*key) {
                self.error(
                    pointer,
                    format!("a `{kind}` security scheme has no `{key}`"),
                );
            }
        }
        if kind == "apiKey" {
            self.one_of(pointer, obj, "in", &["query", "header", "cookie"]);
        }
    }

    fn oauth_flows(&mut self, pointer: &str, obj: &Map<String, Value>) {
        for (flow, needs) in [
            ("implicit", &["authorizationUrl", "scopes"][..]),
            ("password", &["tokenUrl", "scopes"]),
            ("clientCredentials", &["tokenUrl", "scopes"]),
            (
                "authorizationCode",
                &["authorizationUrl", "tokenUrl", "scopes"],
            ),
        ] {
            let Some(body) = obj.get(flow).and_then(Value::as_object) else {
                continue;
            };
            for key in needs {
                if !body.contains_key(*key) {
                    self.error(
                        &child(pointer, flow),
                        format!("the `{flow}` flow has no `{key}`"),
                    );
                }
            }
        }
    }

    fn requirement(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        for (name, scopes) in obj {
            let at = child(pointer, name);
            self.security.push((at.clone(), name.clone()));
            self.expect(Expect::StrList, &at, name, scopes);
        }
    }
}

const QUERY_STYLES: &[&str] = &["form", "spaceDelimited", "pipeDelimited", "deepObject"];

pub(super) fn did_you_mean(name: &str, known: &[&str]) -> Option<String> {
    let known: Vec<String> = known.iter().map(|k| (*k).to_owned()).collect();
    closest(name, &known).map(|c| format!("did you mean '{c}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_and_ranges() {
        for ok in ["200", "404", "5XX", "2xx", "101"] {
            assert!(is_status(ok), "{ok}");
        }
        for bad in ["20", "600", "2X0", "abc", "2000"] {
            assert!(!is_status(bad), "{bad}");
        }
    }
}
