//! Builders for the three kinds of client: Authing management, Authing authentication and generic.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::auth::{
    Auth, Credentials, GenericAuth, ManagementAuth, SchemeDef, SchemeKind, TokenCache,
};
use super::client::{default_headers, Runtime, Shared};
use super::error::{Error, Result};
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::FromRuntime;

/// A function that may change every outgoing request (e.g. add custom headers).
pub type RequestHook = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;

const AUTHING_BASE_URL: &str = "https://api.authing.cn";
const SDK_VERSION: &str = concat!("rust:", env!("CARGO_PKG_VERSION"));
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Settings every builder has.
struct Common {
    base_url: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    user_agent: Option<String>,
    headers: Vec<(String, String)>,
    hook: Option<RequestHook>,
    lang: Option<String>,
    raw_envelope: bool,
}

impl Default for Common {
    fn default() -> Self {
        Common {
            base_url: None,
            timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            user_agent: None,
            headers: Vec::new(),
            hook: None,
            lang: None,
            raw_envelope: false,
        }
    }
}

impl fmt::Debug for Common {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Common")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("headers", &header_names)
            .field("request_hook", &self.hook.is_some())
            .field("lang", &self.lang)
            .field("raw_envelope", &self.raw_envelope)
            .finish()
    }
}

impl Common {
    /// The runtime; `fixed` headers come first, the user's `header(..)` calls may override them.
    fn into_runtime(
        self,
        default_base: Option<&str>,
        fixed: Vec<(&'static str, Cow<'static, str>)>,
        auth: Auth,
        envelope: bool,
    ) -> Result<Runtime> {
        let base = self.base_url.as_deref().or(default_base);
        let base_url = check_base_url(base.ok_or_else(|| Error::config("no base URL was set"))?)?;
        let parsed_base = reqwest::Url::parse(&base_url).map_err(Error::config)?;
        let user_agent = self
            .user_agent
            .map_or(DEFAULT_USER_AGENT.into(), Cow::Owned);
        let headers = default_headers(user_agent, fixed, self.headers)?;
        let http = reqwest::Client::builder()
            .redirect(same_origin_redirects())
            .build()
            .map_err(|err| Error::config(format!("cannot build the HTTP client: {err}")))?;
        let shared = Shared {
            http,
            base_url,
            base: parsed_base,
            hook: self.hook,
            auth,
            envelope: envelope && !self.raw_envelope,
            token_timeout: self.timeout,
            headers,
        };
        Ok(Runtime::new(shared, self.timeout, self.retry))
    }

    /// The headers Authing expects from an SDK.
    fn authing_headers(&self) -> Vec<(&'static str, Cow<'static, str>)> {
        let lang = self.lang.clone().map_or("zh-CN".into(), Cow::Owned);
        vec![
            ("x-authing-sdk-version", SDK_VERSION.into()),
            ("x-authing-lang", lang),
            ("x-authing-request-from", "sdk-rust".into()),
        ]
    }
}

/// An absolute http(s) URL without query or fragment, returned without a trailing `/`.
fn check_base_url(raw: &str) -> Result<String> {
    let url = reqwest::Url::parse(raw)
        .map_err(|err| Error::config(format!("invalid base URL {raw:?}: {err}")))?;
    if !matches!(url.scheme(), "http" | "https")
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(Error::config(format!(
            "the base URL {raw:?} must be http(s) without query or fragment"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Follows at most 10 redirects, and only within the same scheme, host and port,
/// so credentials in custom headers never reach another server.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().map(reqwest::Url::origin);
        if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else if first.is_some_and(|origin| origin == attempt.url().origin()) {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

fn required(value: Option<String>, what: &str) -> Result<String> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Error::config(format!("{what} is required")))
}

/// The setters every builder has.
macro_rules! common_setters {
    () => {
        /// Sets the base URL requests are relative to, e.g. `https://api.example.com/v1`.
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.common.base_url = Some(url.into());
            self
        }

        /// Sets the timeout of each attempt (default 10 s).
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.common.timeout = timeout;
            self
        }

        /// Sets how failed calls are retried.
        pub fn retry(mut self, policy: RetryPolicy) -> Self {
            self.common.retry = policy;
            self
        }

        /// Sets how many times a failed call is retried (default 2).
        pub fn max_retries(mut self, max_retries: u32) -> Self {
            self.common.retry.max_retries = max_retries;
            self
        }

        /// Sets the `User-Agent` header.
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.common.user_agent = Some(user_agent.into());
            self
        }

        /// Adds a header sent with every request (checked by `build`).
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.common.headers.push((name.into(), value.into()));
            self
        }

        /// Sets a function called on every outgoing request, just before it is sent.
        pub fn request_hook(
            mut self,
            hook: impl Fn(&mut reqwest::Request) + Send + Sync + 'static,
        ) -> Self {
            self.common.hook = Some(Arc::new(hook));
            self
        }

        /// Sets the language of server messages (`x-authing-lang` for Authing,
        /// default `zh-CN`; `Accept-Language` otherwise).
        pub fn lang(mut self, lang: impl Into<String>) -> Self {
            self.common.lang = Some(lang.into());
            self
        }

        /// Authing clients only: when true, a 2XX envelope whose `statusCode` is not 200
        /// is decoded as the operation's response instead of becoming [`Error::Business`]
        /// (see "Business errors and raw mode" in the runtime's module docs).
        pub fn raw_envelope(mut self, raw: bool) -> Self {
            self.common.raw_envelope = raw;
            self
        }
    };
}

/// Builds an Authing management API client, which authenticates with an access key.
pub struct ManagementBuilder<C> {
    common: Common,
    access_key_id: Option<String>,
    access_key_secret: Option<Secret>,
    userpool_id: Option<String>,
    client: PhantomData<fn() -> C>,
}

impl<C> Default for ManagementBuilder<C> {
    fn default() -> Self {
        ManagementBuilder {
            common: Common::default(),
            access_key_id: None,
            access_key_secret: None,
            userpool_id: None,
            client: PhantomData,
        }
    }
}

impl<C: FromRuntime> ManagementBuilder<C> {
    /// A builder for `https://api.authing.cn`.
    pub fn new() -> Self {
        Self::default()
    }

    common_setters!();

    /// Sets the access key id (required).
    pub fn access_key_id(mut self, id: impl Into<String>) -> Self {
        self.access_key_id = Some(id.into());
        self
    }

    /// Sets the access key secret (required).
    pub fn access_key_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.access_key_secret = Some(secret.into());
        self
    }

    /// Sets the user pool id; by default it is read from the management token.
    pub fn userpool_id(mut self, id: impl Into<String>) -> Self {
        self.userpool_id = Some(id.into());
        self
    }

    /// The client; [`Error::Config`] when the access key is missing or a setting is invalid.
    pub fn build(self) -> Result<C> {
        let access_key_id = required(self.access_key_id, "access_key_id")?;
        let access_key_secret = self
            .access_key_secret
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::config("access_key_secret is required"))?;
        let auth = Auth::Management(ManagementAuth {
            access_key_id,
            access_key_secret,
            userpool_id: self.userpool_id,
            cache: TokenCache::default(),
        });
        let headers = self.common.authing_headers();
        let rt = self
            .common
            .into_runtime(Some(AUTHING_BASE_URL), headers, auth, true)?;
        Ok(C::from_runtime(rt))
    }
}

impl<C> fmt::Debug for ManagementBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagementBuilder")
            .field("common", &self.common)
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("userpool_id", &self.userpool_id)
            .finish()
    }
}

/// Builds an Authing authentication API client for one application.
pub struct AuthenticationBuilder<C> {
    common: Common,
    app_id: Option<String>,
    access_token: Option<Secret>,
    client: PhantomData<fn() -> C>,
}

impl<C> Default for AuthenticationBuilder<C> {
    fn default() -> Self {
        AuthenticationBuilder {
            common: Common::default(),
            app_id: None,
            access_token: None,
            client: PhantomData,
        }
    }
}

impl<C: FromRuntime> AuthenticationBuilder<C> {
    /// An empty builder; `app_id` and `app_host` are required.
    pub fn new() -> Self {
        Self::default()
    }

    common_setters!();

    /// Sets the application id, sent as `x-authing-app-id`.
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }

    /// Sets the application's host, e.g. `https://my-app.authing.cn` (the base URL).
    pub fn app_host(self, host: impl Into<String>) -> Self {
        self.base_url(host)
    }

    /// Sets a user access token to start with (see `Runtime::set_access_token`).
    pub fn access_token(mut self, token: impl Into<Secret>) -> Self {
        self.access_token = Some(token.into());
        self
    }

    /// The client; [`Error::Config`] when the app id or host is missing or invalid.
    pub fn build(self) -> Result<C> {
        let app_id = required(self.app_id, "app_id")?;
        let mut headers = self.common.authing_headers();
        headers.push(("x-authing-app-id", Cow::Owned(app_id)));
        let auth = Auth::Authentication(RwLock::new(self.access_token));
        let rt = self.common.into_runtime(None, headers, auth, true)?;
        Ok(C::from_runtime(rt))
    }
}

impl<C> fmt::Debug for AuthenticationBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthenticationBuilder")
            .field("common", &self.common)
            .field("app_id", &self.app_id)
            .field("access_token", &self.access_token)
            .finish()
    }
}

/// Builds a client for any API, authenticating by the spec's security schemes.
pub struct GenericBuilder<C> {
    common: Common,
    schemes: Vec<SchemeDef>,
    default_base_url: Option<String>,
    credentials: Credentials,
    client: PhantomData<fn() -> C>,
}

impl<C: FromRuntime> GenericBuilder<C> {
    /// A builder for an API with these security schemes and default base URL.
    pub fn new(schemes: &[SchemeDef], default_base_url: Option<&str>) -> Self {
        GenericBuilder {
            common: Common::default(),
            schemes: schemes.to_vec(),
            default_base_url: default_base_url.map(str::to_owned),
            credentials: Credentials::default(),
            client: PhantomData,
        }
    }

    common_setters!();

    /// Sets the token for bearer (and OAuth 2 / OpenID Connect) schemes.
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials.bearer = Some(token.into());
        self
    }

    /// Sets the user and password for basic schemes.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.credentials.basic = Some((user.into(), password.into()));
        self
    }

    /// Sets the key of the API key scheme named `scheme` in the spec.
    pub fn api_key(mut self, scheme: impl Into<String>, value: impl Into<Secret>) -> Self {
        let scheme = scheme.into();
        self.credentials
            .api_keys
            .retain(|(name, _)| *name != scheme);
        self.credentials.api_keys.push((scheme, value.into()));
        self
    }

    /// The client; [`Error::Config`] for an unknown API key scheme or an invalid setting.
    pub fn build(self) -> Result<C> {
        for (scheme, _) in &self.credentials.api_keys {
            let known = self
                .schemes
                .iter()
                .any(|s| s.name == scheme && matches!(s.kind, SchemeKind::ApiKey { .. }));
            if !known {
                return Err(Error::config(format!(
                    "the API has no API key scheme named {scheme:?}"
                )));
            }
        }
        let headers = match &self.common.lang {
            Some(lang) => vec![("accept-language", Cow::Owned(lang.clone()))],
            None => Vec::new(),
        };
        let auth = Auth::Generic(GenericAuth {
            schemes: self.schemes,
            credentials: RwLock::new(self.credentials),
        });
        let rt =
            self.common
                .into_runtime(self.default_base_url.as_deref(), headers, auth, false)?;
        Ok(C::from_runtime(rt))
    }
}

impl<C> fmt::Debug for GenericBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.credentials;
        let keys: Vec<&str> = c.api_keys.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("GenericBuilder")
            .field("common", &self.common)
            .field("default_base_url", &self.default_base_url)
            .field("bearer_token", &c.bearer)
            .field("basic_user", &c.basic.as_ref().map(|(user, _)| user))
            .field("api_keys_for", &keys)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        assert_eq!(
            check_base_url("https://h.example/v1/").unwrap(),
            "https://h.example/v1"
        );
        assert_eq!(
            check_base_url("https://h.example").unwrap(),
            "https://h.example"
        );
        for bad in ["ftp://h", "not a url", "https://h/?q=1"] {
            assert!(
                matches!(check_base_url(bad), Err(Error::Config { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn builders_refuse_missing_credentials() {
        let no_secret = ManagementBuilder::<Runtime>::new()
            .access_key_id("id")
            .build();
        assert!(matches!(no_secret, Err(Error::Config { .. })));
        let no_app = AuthenticationBuilder::<Runtime>::new()
            .app_host("https://a.example")
            .build();
        assert!(matches!(no_app, Err(Error::Config { .. })));
        let unknown_key = GenericBuilder::<Runtime>::new(&[], Some("https://a.example"))
            .api_key("nope", "k")
            .build();
        assert!(matches!(unknown_key, Err(Error::Config { .. })));
        let no_url = GenericBuilder::<Runtime>::new(&[], None).build();
        assert!(matches!(no_url, Err(Error::Config { .. })));
    }
}
