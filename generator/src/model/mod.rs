//! Our own plain model of an API: what the emitters read. It knows nothing of openapiv3 or syn.

pub mod constraints;
#[cfg(test)]
pub mod fixtures;
pub mod links;
pub mod names;
pub mod record;
mod resolve;

pub use constraints::{Constraints, Sparse};
pub use resolve::{resolve, Resolved};

use serde_json::Value;

/// A name as it appears on the wire, and the clean Rust identifier made from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// Exactly as the spec spells it.
    pub wire: String,
    /// A valid, unique Rust identifier (snake_case or PascalCase, by context), without `r#`.
    pub rust: String,
}

/// The whole API, lowered from one spec.
#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub client: ClientInfo,
    /// The default base URL (the first server), if the spec has one.
    pub base_url: Option<String>,
    pub docs: DocsSettings,
    pub security_schemes: Vec<SecurityScheme>,
    /// Security that applies to operations that do not set their own.
    pub default_security: Vec<SecurityRequirement>,
    pub tags: Vec<Tag>,
    pub operations: Vec<Operation>,
    /// Named types; a [`Ty::Named`] is an index into this list.
    pub types: Vec<TypeDef>,
    /// The Rust name of every item above that the spec names, as `names.lock` records it.
    pub names: record::Record,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// `ty` past `Nullable` wrappers and aliases: see [`resolve`].
    pub fn resolve<'a>(&'a self, ty: &'a Ty) -> Resolved<'a> {
        resolve(&self.types, ty)
    }
}

/// Which client the spec describes; the runtime's authentication follows from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// PascalCase struct name, e.g. `ManagementClient`.
    pub name: String,
    pub kind: ClientKind,
    /// The generated crate as code names it (`generated_client`), for examples.
    pub crate_ident: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientKind {
    /// Authing management API: access key id and secret exchanged for a management token.
    AuthingManagement,
    /// Authing authentication API: app id, app host and a user access token.
    AuthingAuthentication,
    /// Any other API: authentication from its security schemes.
    Generic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    En,
    ZhCn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsSettings {
    pub language: Language,
    /// Whether pages carry a Rust example unless an operation says otherwise.
    pub examples: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Safe to retry by default (RFC 9110 idempotent methods).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// `wire` is the operationId (or a made-up one); `rust` the snake_case method name.
    pub name: Name,
    pub method: HttpMethod,
    /// The path template, e.g. `/users/{id}`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The first tag, if any, groups the operation in docs and features.
    pub tags: Vec<String>,
    pub deprecated: bool,
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// `None`: the API's default security applies.
    pub security: Option<Vec<SecurityRequirement>>,
    /// Whether the docs page carries a Rust example.
    pub docs_example: bool,
    /// How the operation pages through a list, if it does.
    pub pagination: Option<Pagination>,
    /// JSON pointer of the operation in the spec, for diagnostics.
    pub pointer: String,
}

/// How a list operation pages: declared by `x-sdk-pagination`, Authing's `page`/`limit`, or a
/// common convention that the parameters and the response fit exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub style: PageStyle,
    /// The wire names of the fields from the success body down to the array of items (none when
    /// the body is the array).
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageStyle {
    /// A page number in query parameter `page` (from 1), and the page size in `size`; the last
    /// page is empty, shorter than the size, or the one that reaches the total at `total` (field
    /// wire names from the body; none when the body does not give it).
    Page {
        page: String,
        size: Option<String>,
        total: Vec<String>,
    },
    /// An opaque cursor, sent in query parameter `param` and read from the body at `next`; the
    /// last page gives none.
    Cursor { param: String, next: Vec<String> },
    /// RFC 8288 `Link: <url>; rel="next"` headers; the last page has none.
    Link,
    /// An item offset in query parameter `offset` (from 0), advanced by the number of items
    /// received, and the page size in `limit`; the last page is empty, shorter than the limit,
    /// or the one that reaches the total at `total`.
    Offset {
        offset: String,
        limit: Option<String>,
        total: Vec<String>,
    },
    /// The next page's URL in the body at `next`; the last page gives none.
    NextUrl { next: Vec<String> },
    /// The next page starts after the last item: its field `id` goes in query parameter
    /// `param`, while the boolean at `has_more` is true.
    AfterLast {
        param: String,
        has_more: Vec<String>,
        id: String,
    },
}

impl Operation {
    pub fn primary_tag(&self) -> Option<&str> {
        self.tags.first().map(String::as_str)
    }

    pub fn params_in(&self, location: ParamLocation) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(move |p| p.location == location)
    }

    /// The success responses, by index: the 2XX ones (the runtime turns any other status into an
    /// error); with none, a `default` response with a body stands for success.
    pub fn successes(&self) -> Vec<usize> {
        let indexed = || self.responses.iter().enumerate();
        let two_xx: Vec<usize> = indexed()
            .filter(|(_, r)| r.status.is_2xx())
            .map(|(i, _)| i)
            .collect();
        if !two_xx.is_empty() {
            return two_xx;
        }
        indexed()
            .filter(|(_, r)| r.status == StatusCode::Default && r.body.is_some())
            .map(|(i, _)| i)
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    /// As the spec's `in` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamStyle {
    Simple,
    Form,
    Matrix,
    Label,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    /// The parameter has a JSON `content` instead of a schema: its value is sent as JSON text.
    Json,
}

#[derive(Debug, Clone)]
pub struct Param {
    /// `wire` is the parameter name; `rust` a snake_case field name unique in the operation.
    pub name: Name,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: Ty,
    pub style: ParamStyle,
    pub explode: bool,
    pub description: Option<String>,
    pub deprecated: bool,
    pub example: Option<Box<Value>>,
    pub default: Option<Box<Value>>,
    pub secret: bool,
    /// What the value must meet, from the parameter's schema written in place.
    pub constraints: Sparse<Constraints>,
}

#[derive(Debug, Clone)]
pub struct RequestBody {
    pub required: bool,
    pub description: Option<String>,
    /// The media type as the spec spells it, e.g. `application/json`.
    pub media_type: String,
    pub kind: BodyKind,
    pub ty: Ty,
    /// The media types of multipart parts the spec gives (`encoding.<property>.contentType`),
    /// by property name.
    pub part_types: Vec<(String, String)>,
}

/// How a body travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyKind {
    Json,
    FormUrlEncoded,
    Multipart,
    /// Raw bytes (octet-stream, images, anything not otherwise known).
    Binary,
    Text,
    /// `text/event-stream`: server-sent events, each event's data of the body's type.
    EventStream,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusCode,
    pub description: Option<String>,
    /// `None`: no content.
    pub body: Option<ResponseBody>,
}

#[derive(Debug, Clone)]
pub struct ResponseBody {
    pub media_type: String,
    pub kind: BodyKind,
    pub ty: Ty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusCode {
    Code(u16),
    /// `2XX` is `Range(2)`.
    Range(u8),
    Default,
}

impl StatusCode {
    /// A 2XX code or the `2XX` range: what the runtime returns as success.
    pub fn is_2xx(self) -> bool {
        matches!(self, StatusCode::Code(200..=299) | StatusCode::Range(2))
    }
}

/// As the spec writes it: `200`, `2XX`, `default`.
impl std::fmt::Display for StatusCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusCode::Code(code) => write!(f, "{code}"),
            StatusCode::Range(range) => write!(f, "{range}XX"),
            StatusCode::Default => f.write_str("default"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// `wire` is the key in `components/securitySchemes`.
    pub name: Name,
    pub kind: SecurityKind,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// `http` bearer, and oauth2 / openIdConnect, which send a bearer token.
    Bearer,
    Basic,
    ApiKey {
        location: ApiKeyLocation,
        /// Header, query parameter or cookie name.
        param: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// All of these schemes together (one entry of an OpenAPI `security` list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityRequirement {
    /// Wire names of schemes.
    pub schemes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// The type of a value, as used by a field, parameter or body.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Named(TypeId),
    String(StringFormat),
    Integer(IntFormat),
    Number(NumberFormat),
    Boolean,
    /// Raw bytes (`format: binary`).
    Binary,
    Array(Box<Ty>),
    /// A JSON object with arbitrary keys.
    Map(Box<Ty>),
    /// Anything at all (the empty schema).
    Any,
    /// May be `null`.
    Nullable(Box<Ty>),
}

impl Ty {
    pub fn is_nullable(&self) -> bool {
        matches!(self, Ty::Nullable(_))
    }

    /// The type without a `Nullable` wrapper.
    pub fn non_null(&self) -> &Ty {
        match self {
            Ty::Nullable(inner) => inner.non_null(),
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StringFormat {
    Plain,
    DateTime,
    Date,
    Uuid,
    /// Base64 (`format: byte`).
    Byte,
    Password,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntFormat {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberFormat {
    F32,
    F64,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    /// `wire` is the schema name (or the path it was found at, for inline schemas);
    /// `rust` a unique PascalCase type name.
    pub name: Name,
    pub description: Option<String>,
    pub example: Option<Box<Value>>,
    pub kind: TypeKind,
    /// What a value of the type must meet (for an alias of a scalar or an array: the schema's
    /// bounds, lengths, pattern, format).
    pub constraints: Sparse<Constraints>,
    /// JSON pointer of the schema in the spec.
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// A named type that is just another type.
    Alias(Ty),
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties`: `None` when not allowed or not declared.
    pub additional: Option<Ty>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: Name,
    pub ty: Ty,
    pub required: bool,
    pub description: Option<String>,
    pub example: Option<Box<Value>>,
    pub default: Option<Box<Value>>,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    /// Redacted in `Debug` output.
    pub secret: bool,
    /// What the value must meet, from the property's schema written in place (the docs show
    /// its array length limits).
    pub constraints: Sparse<Constraints>,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub repr: EnumRepr,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumRepr {
    String,
    Integer,
    Boolean,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// `wire` is the value as JSON text (strings unquoted); `rust` a unique PascalCase name.
    pub name: Name,
    pub value: Value,
}

/// `oneOf` / `anyOf`.
#[derive(Debug, Clone)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    pub discriminator: Option<Discriminator>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// `rust` is the variant name; `wire` the discriminator value, if there is one.
    pub name: Name,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub struct Discriminator {
    /// The property that names the variant.
    pub property: String,
}
