//! Paths → operations: names, parameters (path-level merged), bodies, responses and security.

use super::path_params::Planned;
use super::refs::Section;
use super::Lowerer;
use crate::model::names::{method_name, method_name_from_route, pascal, snake, Scope};
use crate::model::*;
use crate::pointer::child;
use indexmap::IndexMap;
use openapiv3::{MediaType, Parameter as RawParam, ParameterSchemaOrContent, ReferenceOr};
use serde_json::Value;
use std::collections::BTreeMap;

/// Operation extensions this generator reads.
pub const EXT_HIDDEN: &str = "x-authing-hidden-from-sdk";
pub const EXT_DOCS_EXAMPLE: &str = "x-sdk-docs-example";

impl<'d> Lowerer<'d> {
    pub fn operations(&mut self, docs_examples: bool, authing: bool) -> Vec<Operation> {
        let doc = self.doc;
        let mut methods = Methods {
            scope: Scope::with_taken(RESERVED_METHODS.iter().copied()),
            ids: BTreeMap::new(),
        };
        let mut out = Vec::new();
        for (path, item) in doc.path_items() {
            let path_pointer = child("#/paths", path);
            let item = match item {
                Ok(ReferenceOr::Item(item)) => item,
                Ok(ReferenceOr::Reference { .. }) => {
                    let message = "path items given by `$ref` are not supported; skipped";
                    self.warn(&path_pointer, message);
                    continue;
                }
                Err(message) => {
                    self.error(&path_pointer, message);
                    continue;
                }
            };
            for (method, op) in item.iter() {
                if op.extensions.get(EXT_HIDDEN).and_then(Value::as_bool) == Some(true) {
                    continue;
                }
                let pointer = child(&path_pointer, method);
                let rust = self.method_name(&mut methods, op, method, path, &pointer);
                let wire = op.operation_id.clone().unwrap_or_else(|| rust.clone());
                let hint = pascal(&rust);
                let params = self.params(path, &item.parameters, &op.parameters, &hint, &pointer);
                let body = op
                    .request_body
                    .as_ref()
                    .and_then(|b| self.body(b, &hint, &child(&pointer, "requestBody")));
                let responses = self.responses(&op.responses, &hint, &child(&pointer, "responses"));
                let docs_example = op
                    .extensions
                    .get(EXT_DOCS_EXAMPLE)
                    .and_then(Value::as_bool)
                    .unwrap_or(docs_examples);
                out.push(Operation {
                    name: Name { wire, rust },
                    method: http_method(method),
                    path: path.to_owned(),
                    summary: op.summary.clone(),
                    description: op.description.clone(),
                    tags: op.tags.clone(),
                    deprecated: op.deprecated,
                    params,
                    body,
                    responses,
                    security: op.security.as_ref().map(|s| super::client::requirements(s)),
                    docs_example,
                    pagination: None,
                    pointer,
                });
                let last = out.len() - 1;
                let ext = op.extensions.get(super::pagination::EXT_PAGINATION);
                let link = super::infer_pages::declares_link(&op.responses, doc.components());
                out[last].pagination = self.pagination(&out[last], ext, authing, link);
            }
        }
        out
    }

    /// The method name of `op`, unique among the operations so far. A name taken already, by a
    /// duplicate operationId or a similar one, gets a number and a warning.
    fn method_name(
        &mut self,
        methods: &mut Methods,
        op: &openapiv3::Operation,
        method: &str,
        path: &str,
        pointer: &str,
    ) -> String {
        let base = match &op.operation_id {
            Some(id) => method_name(id),
            None => method_name_from_route(method, path),
        };
        let (rust, collided) = methods.scope.claim(&base);
        let first = op.operation_id.as_ref().and_then(|id| {
            let first = methods.ids.get(id).cloned();
            methods
                .ids
                .entry(id.clone())
                .or_insert_with(|| pointer.to_owned());
            first.map(|first| (id, first))
        });
        if let Some((id, first)) = first {
            let message = format!(
                "operationId '{id}' is already used by {first}; this operation is generated as `{rust}`"
            );
            self.warn(&child(pointer, "operationId"), message).hint =
                Some("operationIds must be unique".into());
        } else if collided {
            let message =
                format!("method name `{base}` is taken; this operation is generated as `{rust}`");
            self.warn(pointer, message);
        }
        rust
    }

    fn params(
        &mut self,
        path: &str,
        shared: &[ReferenceOr<RawParam>],
        own: &[ReferenceOr<RawParam>],
        hint: &str,
        pointer: &str,
    ) -> Vec<Param> {
        let doc = self.doc;
        let components = doc.components().map(|c| &c.parameters);
        let schemes = doc
            .components()
            .is_some_and(|c| !c.security_schemes.is_empty());
        let path_pointer = pointer
            .rsplit_once('/')
            .map_or(pointer, |(p, _)| p)
            .to_owned();
        let mut merged: IndexMap<(String, ParamLocation), (&RawParam, String)> = IndexMap::new();
        let sources = [
            (shared, child(&path_pointer, "parameters")),
            (own, child(pointer, "parameters")),
        ];
        for (list, list_pointer) in &sources {
            for (i, p) in list.iter().enumerate() {
                let at = child(list_pointer, &i.to_string());
                if let Some((raw, target)) = self.resolve(p, components, Section::Parameters, &at) {
                    let data = raw.parameter_data_ref();
                    let header = location(raw) == ParamLocation::Header;
                    if header && crate::grammar::ignored_header_param(&data.name, schemes) {
                        continue;
                    }
                    merged.insert((data.name.clone(), location(raw)), (raw, target));
                }
            }
        }
        let planned = self.match_path(path, pointer, merged.into_values().collect());
        let mut scope = Scope::new();
        planned
            .into_iter()
            .map(|p| match p {
                Planned::Declared { raw, at, wire } => {
                    self.param(raw, &wire, &mut scope, hint, &at)
                }
                Planned::Added { wire } => super::path_params::added(wire, &mut scope),
            })
            .collect()
    }

    /// The parameter `raw`, declared at `pointer`, sent as `wire`.
    fn param(
        &mut self,
        raw: &RawParam,
        wire: &str,
        scope: &mut Scope,
        hint: &str,
        pointer: &str,
    ) -> Param {
        let data = raw.parameter_data_ref();
        let loc = location(raw);
        let type_hint = format!("{hint}{}", pascal(wire));
        let (style, default_explode) = style(raw);
        let mut schema_example = None;
        let mut constraints = Constraints::default();
        let (ty, default, style) = match &data.format {
            ParameterSchemaOrContent::Schema(s) => {
                let default = match s {
                    ReferenceOr::Item(s) => {
                        schema_example = s.schema_data.example.clone();
                        constraints = super::view::View::of(s).constraints();
                        s.schema_data.default.clone()
                    }
                    ReferenceOr::Reference { .. } => None,
                };
                let ty = self.ty_of(s, &type_hint, &child(pointer, "schema"));
                (ty, default, style)
            }
            ParameterSchemaOrContent::Content(content) => {
                let first = content.iter().next();
                let json = first.is_some_and(|(media, _)| body_kind(media) == BodyKind::Json);
                let ty = first
                    .and_then(|(media, m)| m.schema.as_ref().map(|s| (media, s)))
                    .map(|(media, s)| {
                        let at = child(&child(pointer, "content"), media);
                        self.ty_of(s, &type_hint, &child(&at, "schema"))
                    })
                    .unwrap_or(Ty::String(StringFormat::Plain));
                (ty, None, if json { ParamStyle::Json } else { style })
            }
        };
        Param {
            name: Name {
                wire: wire.to_owned(),
                rust: rust_name(wire, loc, scope),
            },
            location: loc,
            required: data.required || loc == ParamLocation::Path,
            secret: super::schema::is_secret_name(wire),
            ty,
            style,
            explode: data.explode.unwrap_or(default_explode) && style != ParamStyle::Json,
            description: super::describe::fallback(
                self.doc,
                data.description.as_deref(),
                super::describe::param_schema(&data.format),
            ),
            deprecated: data.deprecated.unwrap_or(false),
            example: data.example.clone().or(schema_example).map(Box::new),
            default: default.map(Box::new),
            constraints: constraints.into(),
        }
    }

    fn body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        hint: &str,
        pointer: &str,
    ) -> Option<RequestBody> {
        let doc = self.doc;
        let components = doc.components().map(|c| &c.request_bodies);
        let (raw, at) = self.resolve(body, components, Section::RequestBodies, pointer)?;
        let (media_type, kind, media) = pick_media(&raw.content)?;
        let media_pointer = child(&child(&at, "content"), media_type);
        let hint =
            shared_hint(&at, Section::RequestBodies, "Body").unwrap_or(format!("{hint}Body"));
        let (kind, ty) = match self.media_ty(kind, media, &hint, &media_pointer) {
            // Events are what servers send; a client sends their text as it is.
            (BodyKind::EventStream, _) => (BodyKind::Text, Ty::String(StringFormat::Plain)),
            other => other,
        };
        let part_types = media
            .encoding
            .iter()
            .filter_map(|(name, e)| Some((name.clone(), e.content_type.clone()?)))
            .collect();
        Some(RequestBody {
            required: raw.required,
            description: super::describe::fallback(
                doc,
                raw.description.as_deref(),
                media.schema.as_ref().map(Into::into),
            ),
            media_type: media_type.to_owned(),
            kind,
            ty,
            part_types,
        })
    }

    fn responses(
        &mut self,
        responses: &openapiv3::Responses,
        hint: &str,
        pointer: &str,
    ) -> Vec<Response> {
        let doc = self.doc;
        let components = doc.components().map(|c| &c.responses);
        let mut all: Vec<(StatusCode, &ReferenceOr<openapiv3::Response>, String)> = responses
            .responses
            .iter()
            .map(|(code, r)| {
                let status = match code {
                    openapiv3::StatusCode::Code(c) => StatusCode::Code(*c),
                    openapiv3::StatusCode::Range(r) => StatusCode::Range(*r as u8),
                };
                (status, r, child(pointer, &code.to_string()))
            })
            .collect();
        if let Some(default) = &responses.default {
            all.push((StatusCode::Default, default, child(pointer, "default")));
        }
        let mut out = Vec::new();
        for (status, r, at) in all {
            let Some((raw, target)) = self.resolve(r, components, Section::Responses, &at) else {
                continue;
            };
            let suffix = shared_hint(&target, Section::Responses, "Response").unwrap_or_else(
                || match status {
                    StatusCode::Code(c) => format!("{hint}Response{c}"),
                    StatusCode::Range(r) => format!("{hint}Response{r}xx"),
                    StatusCode::Default => format!("{hint}ResponseDefault"),
                },
            );
            let body = pick_media(&raw.content).map(|(media_type, kind, media)| {
                let media_pointer = child(&child(&target, "content"), media_type);
                let (kind, ty) = match self.media_ty(kind, media, &suffix, &media_pointer) {
                    // `*/*` with no schema to speak of: whatever comes, as bytes.
                    (_, Ty::Any) if media_type.starts_with("*/*") => (BodyKind::Binary, Ty::Binary),
                    other => other,
                };
                ResponseBody {
                    media_type: media_type.to_owned(),
                    kind,
                    ty,
                }
            });
            out.push(Response {
                status,
                description: Some(raw.description.clone()).filter(|d| !d.is_empty()),
                body,
            });
        }
        out
    }

    /// The type of a body, and how it travels: JSON whose schema is raw bytes travels as bytes.
    fn media_ty(
        &mut self,
        kind: BodyKind,
        media: &MediaType,
        hint: &str,
        pointer: &str,
    ) -> (BodyKind, Ty) {
        let ty = match (&media.schema, kind) {
            (_, BodyKind::Binary) => Ty::Binary,
            (_, BodyKind::Text) | (None, BodyKind::EventStream) => Ty::String(StringFormat::Plain),
            (Some(schema), _) => self.ty_of(schema, hint, &child(pointer, "schema")),
            (None, _) => Ty::Any,
        };
        match ty {
            Ty::Binary if kind == BodyKind::Json => (BodyKind::Binary, ty),
            _ => (kind, ty),
        }
    }
}

/// Inline types of a shared component (request body or response) are named after it, not after
/// the first operation that uses it: `#/components/responses/Error` → `ErrorResponse`.
fn shared_hint(pointer: &str, section: Section, suffix: &str) -> Option<String> {
    let name = crate::pointer::component_name(pointer, section.key())?;
    Some(format!("{}{suffix}", pascal(&name)))
}

/// A parameter's field name, unique in `scope`. Path parameters are method arguments, beside
/// `params` and `body`.
pub(super) fn rust_name(wire: &str, location: ParamLocation, scope: &mut Scope) -> String {
    scope.claim(&param_base(wire, location)).0
}

/// The name a parameter asks for, before a collision numbers it.
pub(super) fn param_base(wire: &str, location: ParamLocation) -> String {
    let mut base = snake(wire);
    if location == ParamLocation::Path && ["params", "body"].contains(&base.as_str()) {
        base.push('_');
    }
    base
}

/// The method names given so far, and the operation that first gave each operationId.
struct Methods {
    scope: Scope,
    ids: BTreeMap<String, String>,
}

/// Method names the generated client itself defines, and those of the prelude's traits every
/// type has that take `self` by value (`client.into(..)` would call `Into::into`, which method
/// resolution finds before a `&self` method of the same name).
pub(super) const RESERVED_METHODS: &[&str] = &[
    "builder",
    "new",
    "with_timeout",
    "runtime",
    "clone",
    "set_access_token",
    "into",
    "try_into",
];

/// The preferred media type of a body: JSON first, then forms, text and raw bytes.
fn pick_media(content: &IndexMap<String, MediaType>) -> Option<(&str, BodyKind, &MediaType)> {
    let classified = content
        .iter()
        .map(|(name, media)| (name.as_str(), body_kind(name), media));
    classified.min_by_key(|(_, kind, _)| match kind {
        BodyKind::Json => 0,
        BodyKind::FormUrlEncoded => 1,
        BodyKind::Multipart => 2,
        BodyKind::EventStream => 3,
        BodyKind::Text => 4,
        BodyKind::Binary => 5,
    })
}

pub fn body_kind(media_type: &str) -> BodyKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") || essence == "*/*" {
        // `*/*` with a schema is most often JSON; without one, `media_ty` reads bytes.
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::FormUrlEncoded
    } else if essence == "text/event-stream" {
        BodyKind::EventStream
    } else if essence.starts_with("multipart/") {
        BodyKind::Multipart
    } else if essence.starts_with("text/") {
        BodyKind::Text
    } else {
        BodyKind::Binary
    }
}

fn location(p: &RawParam) -> ParamLocation {
    match p {
        RawParam::Query { .. } => ParamLocation::Query,
        RawParam::Header { .. } => ParamLocation::Header,
        RawParam::Path { .. } => ParamLocation::Path,
        RawParam::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// The style and its default `explode`.
fn style(p: &RawParam) -> (ParamStyle, bool) {
    use openapiv3::{PathStyle, QueryStyle};
    match p {
        RawParam::Query { style, .. } => match style {
            QueryStyle::Form => (ParamStyle::Form, true),
            QueryStyle::SpaceDelimited => (ParamStyle::SpaceDelimited, false),
            QueryStyle::PipeDelimited => (ParamStyle::PipeDelimited, false),
            QueryStyle::DeepObject => (ParamStyle::DeepObject, true),
        },
        RawParam::Path { style, .. } => match style {
            PathStyle::Simple => (ParamStyle::Simple, false),
            PathStyle::Matrix => (ParamStyle::Matrix, false),
            PathStyle::Label => (ParamStyle::Label, false),
        },
        RawParam::Header { .. } => (ParamStyle::Simple, false),
        RawParam::Cookie { .. } => (ParamStyle::Form, true),
    }
}

fn http_method(method: &str) -> HttpMethod {
    match method {
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        "trace" => HttpMethod::Trace,
        _ => HttpMethod::Get,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_examples_come_from_the_parameter_or_its_schema() {
        let spec = r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer, example: 0}}
        - {name: tag, in: query, example: own, schema: {type: string, example: schema}}
        - {name: kind, in: query, schema: {type: string}}
      responses:
        "204": {description: none}
"#;
        let out = crate::generate_bytes("t.yaml", spec.as_bytes(), &crate::Options::default())
            .unwrap_or_else(|d| panic!("{d}"));
        let api = out.api.expect("the model is returned");
        let examples: Vec<_> = api.operations[0]
            .params
            .iter()
            .map(|p| p.example.as_deref().cloned())
            .collect();
        assert_eq!(
            examples,
            [
                Some(serde_json::json!(0)),
                Some(serde_json::json!("own")),
                None
            ]
        );
    }

    #[test]
    fn media_types_are_classified_by_essence() {
        assert_eq!(body_kind("application/json; charset=utf-8"), BodyKind::Json);
        assert_eq!(body_kind("application/problem+json"), BodyKind::Json);
        assert_eq!(body_kind("multipart/form-data"), BodyKind::Multipart);
        assert_eq!(
            body_kind("application/x-www-form-urlencoded"),
            BodyKind::FormUrlEncoded
        );
        assert_eq!(body_kind("text/plain"), BodyKind::Text);
        assert_eq!(body_kind("text/event-stream"), BodyKind::EventStream);
        assert_eq!(body_kind("image/png"), BodyKind::Binary);
        assert_eq!(body_kind("application/octet-stream"), BodyKind::Binary);
    }
}
