//! The client struct and its builder: the crate's own `XxxClientBuilder`, which forwards the
//! runtime builder's settings and has one typed setter per security scheme of the spec.

use crate::model::names::{snake, Scope};
use crate::model::*;

/// The client struct and how it is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientShape {
    pub name: String,
    /// The runtime builder the client's builder holds.
    pub runtime: Builder,
    /// The crate's builder type, `<Client>Builder`.
    pub builder: String,
    pub setters: Vec<BuilderSetter>,
}

/// The runtime builder (generic over the client) that the crate's builder forwards to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builder {
    /// `runtime::ManagementBuilder`: access key id and secret.
    Management,
    /// `runtime::AuthenticationBuilder`: app id, app host, user token.
    Authentication,
    /// `runtime::GenericBuilder`: the spec's security schemes.
    Generic,
}

impl Builder {
    /// The runtime type's name.
    pub fn type_name(self) -> &'static str {
        match self {
            Builder::Management => "ManagementBuilder",
            Builder::Authentication => "AuthenticationBuilder",
            Builder::Generic => "GenericBuilder",
        }
    }
}

/// One setter of the crate's builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuilderSetter {
    pub name: String,
    /// The parameters, by name and kind.
    pub args: Vec<(String, Param)>,
    pub forward: Forward,
    pub doc: String,
}

/// What a builder setter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// `impl Into<String>`
    Text,
    /// `impl Into<runtime::Secret>`: kept out of `Debug` output and logs.
    Secret,
    Duration,
    Retry,
    U32,
    U64,
    Bool,
    /// `impl Fn(&mut runtime::HttpRequest) + Send + Sync + 'static`
    Hook,
}

/// The runtime builder call a setter makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forward {
    /// The runtime builder's method of the same name, with the same arguments.
    Same,
    /// `set_bearer(scheme, token)`.
    Bearer(String),
    /// `set_basic(scheme, user, password)`.
    Basic(String),
    /// `set_api_key(scheme, value)`.
    ApiKey(String),
}

impl ClientShape {
    pub fn new(api: &Api) -> ClientShape {
        let runtime = match api.client.kind {
            ClientKind::AuthingManagement => Builder::Management,
            ClientKind::AuthingAuthentication => Builder::Authentication,
            ClientKind::Generic => Builder::Generic,
        };
        let mut setters = common();
        let same = |name: &str, args: &[(&str, Param)], doc: &str| BuilderSetter {
            name: name.into(),
            args: args.iter().map(|(n, p)| ((*n).to_owned(), *p)).collect(),
            forward: Forward::Same,
            doc: doc.into(),
        };
        match runtime {
            Builder::Management => setters.extend([
                same(
                    "access_key_id",
                    &[("id", Param::Text)],
                    "The user pool's access key id.",
                ),
                same(
                    "access_key_secret",
                    &[("secret", Param::Secret)],
                    "The user pool's access key secret.",
                ),
                same(
                    "userpool_id",
                    &[("id", Param::Text)],
                    "The user pool id, when the access key does not say it.",
                ),
            ]),
            Builder::Authentication => setters.extend([
                same(
                    "app_id",
                    &[("app_id", Param::Text)],
                    "The application's id.",
                ),
                same(
                    "app_host",
                    &[("host", Param::Text)],
                    "The application's host, e.g. `https://example.authing.cn`; the base URL.",
                ),
                same(
                    "access_token",
                    &[("token", Param::Secret)],
                    "The signed-in user's access token.",
                ),
            ]),
            Builder::Generic => setters.extend(credentials(&api.security_schemes)),
        }
        if runtime != Builder::Generic {
            setters.extend([
                same("lang", &[("lang", Param::Text)], "The language of server messages, sent as `x-authing-lang` (default `zh-CN`)."),
                same("raw_envelope", &[("raw", Param::Bool)], "When true, a 2XX envelope whose `statusCode` is not 200 is decoded as the operation's result instead of becoming `Error::Business`."),
            ]);
        }
        ClientShape {
            name: api.client.name.clone(),
            runtime,
            builder: format!("{}Builder", api.client.name),
            setters,
        }
    }
}

/// The settings every builder has.
fn common() -> Vec<BuilderSetter> {
    let set = |name: &str, args: &[(&str, Param)], doc: &str| BuilderSetter {
        name: name.into(),
        args: args.iter().map(|(n, p)| ((*n).to_owned(), *p)).collect(),
        forward: Forward::Same,
        doc: doc.into(),
    };
    vec![
        set("base_url", &[("url", Param::Text)], "The base URL requests are relative to, e.g. `https://api.example.com/v1`."),
        set("timeout", &[("timeout", Param::Duration)], "The timeout of each attempt (default 10 s)."),
        set("retry", &[("policy", Param::Retry)], "How failed calls are retried."),
        set("max_retries", &[("max_retries", Param::U32)], "How many times a failed call is retried (default 2)."),
        set("user_agent", &[("user_agent", Param::Text)], "The `User-Agent` header."),
        set("header", &[("name", Param::Text), ("value", Param::Text)], "A header sent with every request."),
        set("request_hook", &[("hook", Param::Hook)], "A function called on every outgoing request, just before it is sent."),
        set("max_response_bytes", &[("limit", Param::U64)], "The most bytes of a 2XX response body to read (default 64 MiB); a larger body is `Error::BodyTooLarge`."),
        set("read_idle_timeout", &[("idle", Param::Duration)], "The longest wait for the next chunk of a streamed body (a `ByteStream` download, server-sent events), whose call the timeout covers only until the response's headers (default: the timeout)."),
    ]
}

/// One setter per security scheme. The only scheme of its kind takes the kind's name
/// (`api_key`, `bearer_token`, `basic_auth`); others are named after their scheme.
fn credentials(schemes: &[SecurityScheme]) -> Vec<BuilderSetter> {
    let count = |f: fn(&SecurityKind) -> bool| schemes.iter().filter(|s| f(&s.kind)).count();
    let bearers = count(|k| matches!(k, SecurityKind::Bearer));
    let basics = count(|k| matches!(k, SecurityKind::Basic));
    let keys = count(|k| matches!(k, SecurityKind::ApiKey { .. }));
    let mut names = Scope::with_taken(
        common()
            .iter()
            .map(|s| s.name.as_str())
            .chain(["build", super::mock::MOCK_SETTER]),
    );
    schemes
        .iter()
        .map(|s| {
            let wire = s.name.wire.clone();
            let own = snake(&wire);
            let (base, args, forward, doc) = match &s.kind {
                SecurityKind::Bearer => (
                    if bearers == 1 {
                        "bearer_token".to_owned()
                    } else {
                        own
                    },
                    vec![("token".to_owned(), Param::Secret)],
                    Forward::Bearer(wire.clone()),
                    format!("The bearer token of the `{wire}` scheme."),
                ),
                SecurityKind::Basic => (
                    if basics == 1 {
                        "basic_auth".to_owned()
                    } else {
                        own
                    },
                    vec![
                        ("user".to_owned(), Param::Text),
                        ("password".to_owned(), Param::Secret),
                    ],
                    Forward::Basic(wire.clone()),
                    format!("The user and password of the `{wire}` scheme."),
                ),
                SecurityKind::ApiKey { location, param } => (
                    if keys == 1 { "api_key".to_owned() } else { own },
                    vec![("value".to_owned(), Param::Secret)],
                    Forward::ApiKey(wire.clone()),
                    format!(
                        "The API key of the `{wire}` scheme, sent as the {} `{param}`.",
                        location_word(*location)
                    ),
                ),
            };
            BuilderSetter {
                name: names.claim(&base).0,
                args,
                forward,
                doc,
            }
        })
        .collect()
}

fn location_word(location: ApiKeyLocation) -> &'static str {
    match location {
        ApiKeyLocation::Header => "header",
        ApiKeyLocation::Query => "query parameter",
        ApiKeyLocation::Cookie => "cookie",
    }
}
