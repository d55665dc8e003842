//! The OpenAPI 3.0 object model as tables (which field holds what), and the rules of the objects
//! that a table can't say: path keys, status codes, parameter locations, security scheme types.

use super::{Checker, Expect, Kind};
use crate::diag::closest;
use crate::pointer::child;
use serde_json::{Map, Value};
use Expect::*;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The fields of `kind` and what each must hold. Fields not listed are not checked.
pub(super) fn fields(kind: Kind) -> &'static [(&'static str, Expect)] {
    match kind {
        Kind::Root => &[
            ("info", Obj(Kind::Info)),
            ("servers", ListOf(Kind::Server)),
            ("paths", Obj(Kind::Paths)),
            ("components", Obj(Kind::Components)),
            ("security", ListOf(Kind::SecurityRequirement)),
            ("tags", ListOf(Kind::Tag)),
            ("externalDocs", Obj(Kind::ExternalDocs)),
        ],
        Kind::Info => &[
            ("title", Str),
            ("description", Str),
            ("termsOfService", Str),
            ("contact", Obj(Kind::Contact)),
            ("license", Obj(Kind::License)),
            ("version", Str),
        ],
        Kind::Contact => &[("name", Str), ("url", Str), ("email", Str)],
        Kind::License => &[("name", Str), ("url", Str)],
        Kind::Server => &[
            ("url", Str),
            ("description", Str),
            ("variables", MapOf(Kind::ServerVariable)),
        ],
        Kind::ServerVariable => &[("enum", StrList), ("default", Str), ("description", Str)],
        Kind::PathItem => &[
            ("summary", Str),
            ("description", Str),
            ("get", Obj(Kind::Operation)),
            ("put", Obj(Kind::Operation)),
            ("post", Obj(Kind::Operation)),
            ("delete", Obj(Kind::Operation)),
            ("options", Obj(Kind::Operation)),
            ("head", Obj(Kind::Operation)),
            ("patch", Obj(Kind::Operation)),
            ("trace", Obj(Kind::Operation)),
            ("servers", ListOf(Kind::Server)),
            ("parameters", ListOf(Kind::Parameter)),
        ],
        Kind::Operation => &[
            ("tags", StrList),
            ("summary", Str),
            ("description", Str),
            ("externalDocs", Obj(Kind::ExternalDocs)),
            ("operationId", Str),
            ("parameters", ListOf(Kind::Parameter)),
            ("requestBody", Obj(Kind::RequestBody)),
            ("responses", Obj(Kind::Responses)),
            ("callbacks", MapOf(Kind::Callback)),
            ("deprecated", Bool),
            ("security", ListOf(Kind::SecurityRequirement)),
            ("servers", ListOf(Kind::Server)),
        ],
        Kind::Parameter | Kind::Header => &[
            ("name", Str),
            ("in", Str),
            ("description", Str),
            ("required", Bool),
            ("deprecated", Bool),
            ("style", Str),
            ("explode", Bool),
            ("allowReserved", Bool),
            ("allowEmptyValue", Bool),
            ("schema", Obj(Kind::Schema)),
            ("content", MapOf(Kind::MediaType)),
            ("example", Any),
            ("examples", MapOf(Kind::Example)),
        ],
        Kind::RequestBody => &[
            ("description", Str),
            ("content", MapOf(Kind::MediaType)),
            ("required", Bool),
        ],
        Kind::Response => &[
            ("description", Str),
            ("headers", MapOf(Kind::Header)),
            ("content", MapOf(Kind::MediaType)),
            ("links", MapOf(Kind::Link)),
        ],
        Kind::MediaType => &[
            ("schema", Obj(Kind::Schema)),
            ("example", Any),
            ("examples", MapOf(Kind::Example)),
            ("encoding", MapOf(Kind::Encoding)),
        ],
        Kind::Encoding => &[
            ("contentType", Str),
            ("headers", MapOf(Kind::Header)),
            ("style", Str),
            ("explode", Bool),
            ("allowReserved", Bool),
        ],
        Kind::Example => &[
            ("summary", Str),
            ("description", Str),
            ("externalValue", Str),
        ],
        Kind::Link => &[
            ("operationRef", Str),
            ("operationId", Str),
            ("description", Str),
            ("server", Obj(Kind::Server)),
        ],
        Kind::Components => &[
            ("schemas", MapOf(Kind::Schema)),
            ("responses", MapOf(Kind::Response)),
            ("parameters", MapOf(Kind::Parameter)),
            ("examples", MapOf(Kind::Example)),
            ("requestBodies", MapOf(Kind::RequestBody)),
            ("headers", MapOf(Kind::Header)),
            ("securitySchemes", MapOf(Kind::SecurityScheme)),
            ("links", MapOf(Kind::Link)),
            ("callbacks", MapOf(Kind::Callback)),
        ],
        Kind::SecurityScheme => &[
            ("type", Str),
            ("description", Str),
            ("name", Str),
            ("in", Str),
            ("scheme", Str),
            ("bearerFormat", Str),
            ("flows", Obj(Kind::OAuthFlows)),
            ("openIdConnectUrl", Str),
        ],
        Kind::OAuthFlows => &[
            ("implicit", Obj(Kind::OAuthFlow)),
            ("password", Obj(Kind::OAuthFlow)),
            ("clientCredentials", Obj(Kind::OAuthFlow)),
            ("authorizationCode", Obj(Kind::OAuthFlow)),
        ],
        Kind::OAuthFlow => &[
            ("authorizationUrl", Str),
            ("tokenUrl", Str),
            ("refreshUrl", Str),
            ("scopes", StrMap),
        ],
        Kind::Tag => &[
            ("name", Str),
            ("description", Str),
            ("externalDocs", Obj(Kind::ExternalDocs)),
        ],
        Kind::ExternalDocs => &[("url", Str), ("description", Str)],
        Kind::Schema => super::schema::FIELDS,
        Kind::Discriminator => &[("propertyName", Str), ("mapping", StrMap)],
        Kind::Paths | Kind::Responses | Kind::Callback | Kind::SecurityRequirement => &[],
    }
}

/// The fields `kind` can't do without.
pub(super) fn required(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Root => &["info", "paths"],
        Kind::Info => &["title", "version"],
        Kind::License | Kind::Tag => &["name"],
        Kind::Server | Kind::ExternalDocs => &["url"],
        Kind::ServerVariable => &["default"],
        Kind::Operation => &["responses"],
        Kind::Parameter => &["name", "in"],
        Kind::Response => &["description"],
        Kind::SecurityScheme => &["type"],
        Kind::Discriminator => &["propertyName"],
        _ => &[],
    }
}

pub(super) fn why_required(kind: Kind, key: &str) -> Option<String> {
    Some(
        match (kind, key) {
            (Kind::Root, "info") => "every OpenAPI document has `info` with `title` and `version`",
            (Kind::Root, "paths") => "write `paths: {}` for a spec without operations",
            (Kind::Info, "version") => "the version of the API, e.g. `version: '1.0'`",
            (Kind::Operation, "responses") => "list at least one, e.g. `'200': {description: OK}`",
            (Kind::Response, "description") => "OpenAPI 3.0 requires it; an empty string will do",
            _ => return None,
        }
        .to_owned(),
    )
}

impl<'v> Checker<'v> {
    pub(super) fn shape_rules(&mut self, kind: Kind, pointer: &str, obj: &'v Map<String, Value>) {
        match kind {
            Kind::Paths => self.paths_keys(pointer, obj),
            Kind::PathItem => self.method_case(pointer, obj),
            Kind::Responses => self.status_codes(pointer, obj),
            Kind::Parameter => self.parameter(pointer, obj),
            Kind::Header => self.schema_or_content(pointer, obj, "header", &["simple"]),
            Kind::Encoding => self.one_of(pointer, obj, "style", QUERY_STYLES),
            Kind::Callback => self.callback(pointer, obj),
            Kind::SecurityScheme => self.security_scheme(pointer, obj),
            Kind::OAuthFlows => self.oauth_flows(pointer, obj),
            Kind::SecurityRequirement => self.requirement(pointer, obj),
            Kind::Link if !obj.contains_key("operationId") && !obj.contains_key("operationRef") => {
                self.error(pointer, "a link has no `operationId` or `operationRef`");
            }
            _ => {}
        }
        self.unsupported(kind, pointer, obj);
    }

    /// Warnings for what the generator skips.
    fn unsupported(&mut self, kind: Kind, pointer: &str, obj: &Map<String, Value>) {
        let skipped: &[(&str, &str)] = match kind {
            Kind::Operation => &[("callbacks", "callbacks are not supported; skipped")],
            Kind::Response => &[("links", "links are not supported; skipped")],
            Kind::Components => &[
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
                self.node(Kind::PathItem, &at, &format!("path '{path}'"), item);
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
                self.node(Kind::Response, &at, &format!("response '{code}'"), response);
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
            self.node(Kind::PathItem, &child(pointer, expression), "", item);
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
            self.expect(StrList, &at, name, scopes);
        }
    }
}

const QUERY_STYLES: &[&str] = &["form", "spaceDelimited", "pipeDelimited", "deepObject"];

/// 100–599 or 1XX–5XX.
fn is_status(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3
        && (b'1'..=b'5').contains(&b[0])
        && (b[1..].iter().all(u8::is_ascii_digit) || b[1..].eq_ignore_ascii_case(b"XX"))
}

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
