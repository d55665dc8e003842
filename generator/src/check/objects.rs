//! The rules of single objects that the field tables can't say: server URL templates and their
//! variables, a request body's `content`, one-entry parameter `content`, fields that exclude each
//! other, what OpenAPI says is ignored (header parameters `Accept`, `Content-Type` and
//! `Authorization`; a response header `Content-Type`; a header's `name` and `in`), and scopes
//! on a security scheme that has none.

use super::{Checker, NodeKind};
use crate::grammar::ignored_header_param;
use crate::pointer::child;
use serde_json::{Map, Value};

/// What the docs do with both `example` and `examples`.
const USED: &str = "; `example` is used";

impl<'v> Checker<'v> {
    pub(super) fn object_rules(
        &mut self,
        kind: NodeKind,
        pointer: &str,
        obj: &'v Map<String, Value>,
    ) {
        self.unknown_fields(kind, pointer, obj);
        match kind {
            NodeKind::Server => self.server_url(pointer, obj),
            NodeKind::ServerVariable if self.openapi_3_1 => self.server_variable(pointer, obj),
            NodeKind::RequestBody if !obj.contains_key("content") => {
                *self.error(pointer, "a request body has no `content`") = Some(
                    "give it a media type, e.g. `content: {application/json: {schema: …}}`".into(),
                );
            }
            NodeKind::Parameter | NodeKind::Header => self.parameter_extra(kind, pointer, obj),
            NodeKind::MediaType => {
                self.exclusive(pointer, obj, ["example", "examples"], USED);
                self.encoding(pointer, obj);
            }
            NodeKind::Operation => self.body_method(pointer, obj),
            NodeKind::Example => self.exclusive(pointer, obj, ["value", "externalValue"], ""),
            NodeKind::Link => {
                self.exclusive(pointer, obj, ["operationId", "operationRef"], "");
                if let Some(id) = obj.get("operationId").and_then(Value::as_str) {
                    self.links
                        .push((child(pointer, "operationId"), id.to_owned()));
                }
            }
            NodeKind::Responses => self.responses(pointer, obj),
            NodeKind::Response => self.response_headers(pointer, obj),
            NodeKind::SecurityRequirement if !self.openapi_3_1 => self.scopes(pointer, obj),
            _ => {}
        }
    }

    /// Fields an object does not have, unless they are extensions (`x-…`).
    fn unknown_fields(&mut self, kind: NodeKind, pointer: &str, obj: &Map<String, Value>) {
        let patterned = matches!(
            kind,
            NodeKind::Schema
                | NodeKind::Paths
                | NodeKind::Responses
                | NodeKind::Callback
                | NodeKind::SecurityRequirement
        );
        if patterned {
            return;
        }
        let fields = crate::grammar::fields(kind);
        let known: Vec<&str> = fields
            .iter()
            .map(|(k, _)| *k)
            .chain(also_known(kind).iter().copied())
            .collect();
        for key in obj.keys() {
            let method_case = kind == NodeKind::PathItem && known.contains(&&*key.to_lowercase());
            if key.starts_with("x-") || known.contains(&key.as_str()) || method_case {
                continue;
            }
            let hint = super::shape::did_you_mean(key, &known);
            let noun = kind.noun();
            let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u', 'O']) {
                "an"
            } else {
                "a"
            };
            let message = format!("{article} {noun} has no field `{key}`; ignored");
            self.report(
                crate::diag::Severity::Warning,
                &child(pointer, key),
                message,
            )
            .hint = hint;
        }
    }

    /// Each `{name}` in a server's URL needs an entry in its `variables`: it has no value else.
    fn server_url(&mut self, pointer: &str, obj: &Map<String, Value>) {
        let Some(url) = obj.get("url").and_then(Value::as_str) else {
            return;
        };
        let variables = obj.get("variables").and_then(Value::as_object);
        let at = child(pointer, "url");
        let mut rest = url;
        while let Some(open) = rest.find(['{', '}']) {
            let close = rest[open..].find('}').map(|i| open + i);
            let Some(close) = close.filter(|_| rest.as_bytes()[open] == b'{') else {
                self.error(&at, format!("server URL '{url}' has unbalanced braces"));
                return;
            };
            let name = &rest[open + 1..close];
            if !variables.is_some_and(|v| v.contains_key(name)) {
                *self.error(
                    &at,
                    format!("server URL '{url}' uses '{{{name}}}', which `variables` does not declare"),
                ) = Some(format!(
                    "declare it: `variables: {{{name}: {{default: …}}}}`, or write its value in the URL"
                ));
            }
            rest = &rest[close + 1..];
        }
    }

    /// 3.1: a variable's `enum` is not empty, and holds its `default`.
    fn server_variable(&mut self, pointer: &str, obj: &Map<String, Value>) {
        let Some(values) = obj.get("enum").and_then(Value::as_array) else {
            return;
        };
        let at = child(pointer, "enum");
        if values.is_empty() {
            self.warn(
                &at,
                "`enum` of a server variable is empty, which OpenAPI 3.1 forbids; ignored",
            );
        } else if let Some(default) = obj.get("default").filter(|d| !values.contains(d)) {
            let message = format!("the `default` {default} is not one of the `enum` values, which OpenAPI 3.1 requires; the default is used");
            self.warn(&child(pointer, "default"), message);
        }
    }

    fn parameter_extra(&mut self, kind: NodeKind, pointer: &str, obj: &Map<String, Value>) {
        self.exclusive(pointer, obj, ["example", "examples"], USED);
        let content = obj.get("content").and_then(Value::as_object);
        if content.is_some_and(|c| c.len() > 1) {
            *self.error(
                &child(pointer, "content"),
                format!("the `content` of a {} must have one entry", kind.noun()),
            ) = Some("keep the one media type the value is written in".into());
        }
        if kind == NodeKind::Header {
            for key in ["name", "in"] {
                if obj.contains_key(key) {
                    let message =
                        format!("a header object takes no `{key}` (its name is its key); ignored");
                    self.warn(&child(pointer, key), message);
                }
            }
            return;
        }
        let location = obj.get("in").and_then(Value::as_str);
        if obj.contains_key("allowEmptyValue") && location.is_some_and(|l| l != "query") {
            let message = "`allowEmptyValue` applies only to query parameters; ignored";
            self.warn(&child(pointer, "allowEmptyValue"), message);
        }
        let name = obj.get("name").and_then(Value::as_str);
        let header = location == Some("header");
        let Some(name) = name.filter(|_| header) else {
            return;
        };
        let schemes = self.root.pointer("/components/securitySchemes");
        let declared = schemes
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
        if ignored_header_param(name, declared) {
            let message = format!("a header parameter named '{name}' is ignored, as OpenAPI says: the client sets that header itself");
            self.warn(pointer, message);
        } else if name.eq_ignore_ascii_case("authorization") {
            let message = "OpenAPI says a header parameter named 'Authorization' is ignored, but no security scheme sets the header, so it is kept as a parameter";
            self.warn(pointer, message);
        }
    }

    /// `a` and `b` exclude each other; `then` says what the generator does about it.
    fn exclusive(
        &mut self,
        pointer: &str,
        obj: &Map<String, Value>,
        [a, b]: [&str; 2],
        then: &str,
    ) {
        if obj.contains_key(a) && obj.contains_key(b) {
            let message = format!("`{a}` and `{b}` exclude each other{then}");
            self.warn(&child(pointer, b), message);
        }
    }

    /// `encoding` names properties of the schema, and belongs to form and multipart bodies.
    fn encoding(&mut self, pointer: &str, obj: &'v Map<String, Value>) {
        let Some(encoding) = obj.get("encoding").and_then(Value::as_object) else {
            return;
        };
        let at = child(pointer, "encoding");
        let media = crate::pointer::last_name(pointer);
        let form = media.starts_with("multipart/")
            || media.starts_with("application/x-www-form-urlencoded");
        if !form {
            let message = format!(
                "`encoding` applies only to multipart and form bodies, not {media}; ignored"
            );
            return self.warn(&at, message);
        }
        let schema = obj.get("schema").and_then(|s| self.resolve(s));
        let Some((schema, _)) = schema.filter(|(s, _)| !super::sense::is_open(s)) else {
            return;
        };
        let names = self.property_names(schema);
        for key in encoding.keys().filter(|k| !names.contains(&k.as_str())) {
            let message = format!(
                "`encoding` names '{key}', which is not a property of the body's schema; ignored"
            );
            self.warn(&child(&at, key), message);
        }
    }

    /// 3.0: HTTP gives a GET, HEAD or DELETE body no meaning.
    fn body_method(&mut self, pointer: &str, obj: &Map<String, Value>) {
        let method = crate::pointer::last_name(pointer);
        let vague = matches!(method.as_str(), "get" | "head" | "delete");
        if vague && !self.openapi_3_1 && obj.contains_key("requestBody") {
            let message = format!("OpenAPI 3.0 says to ignore a request body on {}, where HTTP gives it no meaning; it is sent, as the API declares it", method.to_uppercase());
            self.warn(&child(pointer, "requestBody"), message);
        }
    }

    /// At least one response; ranges written with an uppercase `X`.
    fn responses(&mut self, pointer: &str, obj: &Map<String, Value>) {
        // 3.1 may leave `responses` out, which loading reads as an empty one.
        if !self.openapi_3_1 && obj.keys().all(|k| k.starts_with("x-")) {
            self.warn(
                pointer,
                "`responses` lists no response, which OpenAPI forbids",
            );
        }
        let lower_range = |k: &&String| {
            let b = k.as_bytes();
            b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1..].eq_ignore_ascii_case(b"XX")
        };
        for code in obj
            .keys()
            .filter(lower_range)
            .filter(|k| !k.ends_with("XX"))
        {
            let upper = code.to_ascii_uppercase();
            let message =
                format!("a status code range is written with an uppercase X; read as '{upper}'");
            self.warn(&child(pointer, code), message);
        }
    }

    fn response_headers(&mut self, pointer: &str, obj: &Map<String, Value>) {
        let headers = obj.get("headers").and_then(Value::as_object);
        for name in headers.into_iter().flat_map(Map::keys) {
            if name.eq_ignore_ascii_case("content-type") {
                let at = child(&child(pointer, "headers"), name);
                let message = "a response header named 'Content-Type' is ignored, as OpenAPI says: the media types of `content` give it";
                self.warn(&at, message);
            }
        }
    }

    /// 3.0: only `oauth2` and `openIdConnect` schemes take scopes.
    fn scopes(&mut self, pointer: &str, obj: &Map<String, Value>) {
        for (name, scopes) in obj {
            let kind = self
                .component(NodeKind::SecurityScheme, name)
                .and_then(|s| s.get("type")?.as_str());
            let takes_scopes = matches!(kind, None | Some("oauth2" | "openIdConnect"));
            if !takes_scopes && scopes.as_array().is_some_and(|s| !s.is_empty()) {
                let message = format!("'{name}' is a `{}` scheme, which takes no scopes in OpenAPI 3.0 (the list must be empty); ignored", kind.unwrap_or_default());
                self.warn(&child(pointer, name), message);
            }
        }
    }
}

/// Fields of `kind` that its table in `shape` leaves out, because they are checked elsewhere or
/// only in 3.1.
fn also_known(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Root => &["openapi", "jsonSchemaDialect", "webhooks"],
        NodeKind::Info => &["summary"],
        NodeKind::License => &["identifier"],
        NodeKind::Example => &["value"],
        NodeKind::Link => &["parameters", "requestBody"],
        NodeKind::Components => &["pathItems"],
        NodeKind::PathItem => &["$ref"],
        NodeKind::Header => &["name", "in"],
        _ => &[],
    }
}
