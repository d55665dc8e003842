//! Typed credentials per security scheme, and client builders wrapped the way generated crates
//! wrap them.

use std::time::Duration;

use serde_json::json;

use crate::runtime::{
    self, ApiKeyLocation, AuthenticationBuilder, Error, FromRuntime, GenericBuilder, HttpRequest,
    Method, Request, RetryPolicy, Runtime, SchemeDef, SchemeKind, Secret,
};
use crate::support::*;

/// Two bearer schemes, two API keys and a basic one, as a generated crate registers them.
const PET_SCHEMES: &[SchemeDef] = &[
    SchemeDef {
        name: "user_token",
        kind: SchemeKind::Bearer,
    },
    SchemeDef {
        name: "admin_token",
        kind: SchemeKind::Bearer,
    },
    SchemeDef {
        name: "header_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Header,
            param: "X-Key",
        },
    },
    SchemeDef {
        name: "cookie_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Cookie,
            param: "k",
        },
    },
    SchemeDef {
        name: "login",
        kind: SchemeKind::Basic,
    },
];

/// A generated client and its builder, which holds the runtime's and forwards to it.
#[derive(Clone, Debug)]
struct PetClient {
    rt: Runtime,
}

impl FromRuntime for PetClient {
    fn from_runtime(rt: Runtime) -> Self {
        PetClient { rt }
    }
}

#[derive(Debug)]
struct PetClientBuilder {
    inner: GenericBuilder<PetClient>,
}

/// One forwarding setter per line, as the generator writes them.
impl PetClientBuilder {
    fn new() -> Self {
        let inner = GenericBuilder::new(PET_SCHEMES, Some("https://pets.example"));
        PetClientBuilder { inner }
    }
    fn map(self, f: impl FnOnce(GenericBuilder<PetClient>) -> GenericBuilder<PetClient>) -> Self {
        PetClientBuilder {
            inner: f(self.inner),
        }
    }
    fn base_url(self, url: impl Into<String>) -> Self {
        self.map(|b| b.base_url(url))
    }
    fn timeout(self, timeout: Duration) -> Self {
        self.map(|b| b.timeout(timeout))
    }
    fn retry(self, policy: RetryPolicy) -> Self {
        self.map(|b| b.retry(policy))
    }
    fn max_retries(self, n: u32) -> Self {
        self.map(|b| b.max_retries(n))
    }
    fn user_agent(self, agent: impl Into<String>) -> Self {
        self.map(|b| b.user_agent(agent))
    }
    fn header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.map(|b| b.header(name, value))
    }
    fn request_hook(self, hook: impl Fn(&mut HttpRequest) + Send + Sync + 'static) -> Self {
        self.map(|b| b.request_hook(hook))
    }
    fn max_response_bytes(self, limit: u64) -> Self {
        self.map(|b| b.max_response_bytes(limit))
    }
    fn user_token(self, token: impl Into<Secret>) -> Self {
        self.map(|b| b.set_bearer("user_token", token))
    }
    fn admin_token(self, token: impl Into<Secret>) -> Self {
        self.map(|b| b.set_bearer("admin_token", token))
    }
    fn header_key(self, key: impl Into<Secret>) -> Self {
        self.map(|b| b.set_api_key("header_key", key))
    }
    fn cookie_key(self, key: impl Into<Secret>) -> Self {
        self.map(|b| b.set_api_key("cookie_key", key))
    }
    fn login(self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.map(|b| b.set_basic("login", user, password))
    }
    fn build(self) -> runtime::Result<PetClient> {
        self.inner.build()
    }
}

#[tokio::test]
async fn each_scheme_sends_its_own_credential() {
    let server = Server::start(|req, _| match req.path() {
        "/login" => reply_json(200, json!("too long")),
        _ => reply_json(200, json!(1)),
    })
    .await;
    let client = PetClientBuilder::new()
        .base_url(&server.url)
        .timeout(Duration::from_secs(5))
        .retry(fast_retry())
        .max_retries(1)
        .user_agent("pets/1")
        .header("x-team", "core")
        .request_hook(|req| drop(req.headers_mut().insert("x-hooked", "1".parse().unwrap())))
        .max_response_bytes(4)
        .user_token("u-tok")
        .admin_token("a-tok")
        .header_key("h-key")
        .cookie_key("c key")
        .login("ann", "pw")
        .build()
        .unwrap();
    let call = |path: &'static str, security: &'static [&'static [&'static str]]| {
        let req = Request::new(Method::GET, path).security(security);
        async { client.rt.execute(req).await?.text().await }
    };
    guard(call("/user", &[&["user_token"]])).await.unwrap();
    guard(call("/admin", &[&["admin_token", "cookie_key"]]))
        .await
        .unwrap();
    guard(call("/key", &[&["header_key"]])).await.unwrap();
    let too_big = guard(call("/login", &[&["login"]])).await;
    assert!(
        matches!(too_big, Err(Error::BodyTooLarge { limit: 4, .. })),
        "{too_big:?}"
    );
    let one = |path| server.seen(path).remove(0);
    let (user, admin, key, login) = (one("/user"), one("/admin"), one("/key"), one("/login"));
    assert_eq!(user.header("authorization"), Some("Bearer u-tok"));
    assert_eq!(admin.header("authorization"), Some("Bearer a-tok"));
    assert_eq!(admin.header("cookie"), Some("k=c%20key"));
    assert_eq!(
        (key.header("x-key"), key.header("authorization")),
        (Some("h-key"), None)
    );
    assert_eq!(login.header("authorization"), Some("Basic YW5uOnB3"));
    for seen in [&user, &admin, &key, &login] {
        assert_eq!(seen.header("user-agent"), Some("pets/1"));
        assert_eq!(
            (seen.header("x-team"), seen.header("x-hooked")),
            (Some("core"), Some("1"))
        );
    }
}

#[test]
fn a_credential_for_a_scheme_of_another_kind_is_refused() {
    let wrong = GenericBuilder::<Runtime>::new(PET_SCHEMES, Some("https://pets.example"))
        .set_api_key("user_token", "k")
        .build();
    let err = wrong.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(err.to_string().contains("user_token"), "{err}");
    let shown = format!(
        "{:?}",
        PetClientBuilder::new()
            .admin_token("a-secret")
            .login("ann", "p-secret")
    );
    assert!(
        !shown.contains("a-secret") && !shown.contains("p-secret"),
        "{shown}"
    );
}

/// An Authing client's builder forwards the Authing settings too.
struct AuthClientBuilder {
    inner: AuthenticationBuilder<Runtime>,
}

impl AuthClientBuilder {
    fn lang(self, lang: &str) -> Self {
        AuthClientBuilder {
            inner: self.inner.lang(lang),
        }
    }
    fn raw_envelope(self, raw: bool) -> Self {
        AuthClientBuilder {
            inner: self.inner.raw_envelope(raw),
        }
    }
}

#[tokio::test]
async fn authing_wrappers_forward_lang_and_raw_envelope() {
    let server = Server::start(|_, _| business()).await;
    let builder = AuthClientBuilder {
        inner: AuthenticationBuilder::new()
            .app_id("app")
            .app_host(&server.url)
            .max_response_bytes(1 << 10),
    };
    let rt = builder
        .lang("en-US")
        .raw_envelope(true)
        .inner
        .build()
        .unwrap();
    let envelope = guard(get(&rt, "/me")).await.unwrap();
    assert_eq!(envelope["statusCode"], 400, "raw mode returns the envelope");
    assert_eq!(
        server.seen("/me")[0].header("x-authing-lang"),
        Some("en-US")
    );
}
