//! What every client builder shares (settings, checks, setters), and the generic client's builder.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::auth::{Auth, Credential, Credentials, GenericAuth, SchemeDef};
use super::client::{default_headers, Runtime, Shared};
use super::error::{Error, Result};
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::transport::Transport;
use super::FromRuntime;

/// A function that may change every outgoing request (e.g. add custom headers).
pub type RequestHook = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;

/// The most bytes of a 2XX response body a client reads unless told otherwise: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Settings every builder has.
pub(super) struct Common {
    pub(super) base_url: Option<String>,
    pub(super) timeout: Duration,
    pub(super) retry: RetryPolicy,
    pub(super) user_agent: Option<String>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) hook: Option<RequestHook>,
    pub(super) max_response_bytes: u64,
    #[cfg(feature = "test-util")]
    pub(super) mock: Option<crate::mock::Mock>,
    pub(super) read_idle_timeout: Option<Duration>,
    pub(super) root_certificates: Vec<reqwest::Certificate>,
    #[cfg(feature = "authing")]
    pub(super) lang: Option<String>,
    #[cfg(feature = "authing")]
    pub(super) raw_envelope: bool,
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
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            #[cfg(feature = "test-util")]
            mock: None,
            read_idle_timeout: None,
            root_certificates: Vec::new(),
            #[cfg(feature = "authing")]
            lang: None,
            #[cfg(feature = "authing")]
            raw_envelope: false,
        }
    }
}

impl fmt::Debug for Common {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        let mut out = f.debug_struct("Common");
        out.field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("headers", &header_names)
            .field("request_hook", &self.hook.is_some())
            .field("max_response_bytes", &self.max_response_bytes)
            .field("root_certificates", &self.root_certificates.len());
        #[cfg(feature = "authing")]
        out.field("lang", &self.lang)
            .field("raw_envelope", &self.raw_envelope);
        out.finish()
    }
}

impl Common {
    /// The runtime; `fixed` headers come first, the user's `header(..)` calls may override them.
    pub(super) fn into_runtime(
        self,
        default_base: Option<&str>,
        fixed: Vec<(&'static str, Cow<'static, str>)>,
        auth: Auth,
    ) -> Result<Runtime> {
        let base = self.base_url.as_deref().or(default_base);
        let base_url = check_base_url(base.ok_or_else(|| Error::config("no base URL was set"))?)?;
        let parsed_base = reqwest::Url::parse(&base_url).map_err(Error::config)?;
        let user_agent = self
            .user_agent
            .map_or(DEFAULT_USER_AGENT.into(), Cow::Owned);
        let headers = default_headers(user_agent, fixed, self.headers)?;
        let http = (self.root_certificates.into_iter())
            .fold(reqwest::Client::builder(), |http, root| {
                http.add_root_certificate(root)
            })
            // The runtime follows redirects itself, knowing which credentials it added.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| Error::config(format!("cannot build the HTTP client: {err}")))?;
        #[cfg(feature = "authing")]
        let envelope = !matches!(auth, Auth::Generic(_)) && !self.raw_envelope;
        #[cfg(feature = "test-util")]
        let transport = match self.mock {
            Some(mock) => Transport::Mock(mock),
            None => Transport::Http,
        };
        #[cfg(not(feature = "test-util"))]
        let transport = Transport::Http;
        let shared = Shared {
            http,
            transport,
            base_url,
            base: parsed_base,
            hook: self.hook,
            auth,
            #[cfg(feature = "authing")]
            envelope,
            token_timeout: self.timeout,
            max_response_bytes: self.max_response_bytes,
            read_idle_timeout: self.read_idle_timeout,
            headers,
        };
        Ok(Runtime::new(shared, self.timeout, self.retry))
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

/// The setters every builder has. Each takes and returns the builder, so that a generated
/// crate's own builder can hold one and forward its calls.
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

        /// Sets the most bytes of a 2XX response body to read (default 64 MiB,
        /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::DEFAULT_MAX_RESPONSE_BYTES)); a larger body
        /// is [`Error::BodyTooLarge`](crate::Error::BodyTooLarge) instead of memory.
        pub fn max_response_bytes(mut self, limit: u64) -> Self {
            self.common.max_response_bytes = limit;
            self
        }

        /// Sends every request to `mock` instead of the network (feature `test-util`).
        #[cfg(feature = "test-util")]
        pub fn mock(mut self, mock: &crate::mock::Mock) -> Self {
            self.common.mock = Some(mock.clone());
            self
        }

        /// Sets the longest wait for the next chunk of a streamed body (a download's
        /// `ByteStream`, server-sent events), where the timeout covers only the call until the
        /// response's headers. Default: the timeout.
        pub fn read_idle_timeout(mut self, idle: Duration) -> Self {
            self.common.read_idle_timeout = Some(idle);
            self
        }

        /// Trusts `root` as a certificate authority besides the public ones (the webpki
        /// roots), e.g. for a server whose certificate a private CA signed. Certificates are
        /// always verified; this only adds a root to verify them against.
        pub fn add_root_certificate(mut self, root: reqwest::Certificate) -> Self {
            self.common.root_certificates.push(root);
            self
        }
    };
}
#[cfg(feature = "authing")]
pub(super) use common_setters;

/// Builds a client for any API, authenticating by the spec's security schemes.
///
/// Credentials are kept per scheme: a request uses the first of its security alternatives
/// whose schemes all have credentials, and sends none when no alternative has them all.
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

    /// Sets the token of the bearer (or OAuth 2 / OpenID Connect) scheme named `scheme`.
    pub fn set_bearer(mut self, scheme: &'static str, token: impl Into<Secret>) -> Self {
        let credential = Credential::Bearer(token.into());
        self.credentials.set(Cow::Borrowed(scheme), credential);
        self
    }

    /// Sets the user and password of the HTTP basic scheme named `scheme`.
    pub fn set_basic(
        mut self,
        scheme: &'static str,
        user: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        let credential = Credential::Basic(user.into(), password.into());
        self.credentials.set(Cow::Borrowed(scheme), credential);
        self
    }

    /// Sets the key of the API key scheme named `scheme`.
    pub fn set_api_key(mut self, scheme: &'static str, value: impl Into<Secret>) -> Self {
        let credential = Credential::ApiKey(value.into());
        self.credentials.set(Cow::Borrowed(scheme), credential);
        self
    }

    /// Sets the token of every bearer (and OAuth 2 / OpenID Connect) scheme that has no
    /// token of its own from [`Self::set_bearer`].
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials.bearer = Some(token.into());
        self
    }

    /// Sets the user and password of every basic scheme that has none of its own from
    /// [`Self::set_basic`].
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.credentials.basic = Some((user.into(), password.into()));
        self
    }

    /// Sets the key of the API key scheme named `scheme` in the spec; [`Self::set_api_key`]
    /// is the same for generated code, which names schemes statically.
    #[doc(hidden)]
    pub fn api_key(mut self, scheme: impl Into<String>, value: impl Into<Secret>) -> Self {
        let credential = Credential::ApiKey(value.into());
        self.credentials.set(Cow::Owned(scheme.into()), credential);
        self
    }

    /// The client; [`Error::Config`] for a credential of a scheme the API does not have (or
    /// has of another kind), or an invalid setting.
    pub fn build(self) -> Result<C> {
        self.credentials.check(&self.schemes)?;
        let auth = Auth::Generic(GenericAuth {
            schemes: self.schemes,
            credentials: RwLock::new(self.credentials),
        });
        let base = self.default_base_url.as_deref();
        let rt = self.common.into_runtime(base, Vec::new(), auth)?;
        Ok(C::from_runtime(rt))
    }
}

impl<C> fmt::Debug for GenericBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.credentials;
        f.debug_struct("GenericBuilder")
            .field("common", &self.common)
            .field("default_base_url", &self.default_base_url)
            .field("bearer_token", &c.bearer)
            .field("basic_user", &c.basic.as_ref().map(|(user, _)| user))
            .field("credentials_for", &c.scheme_names())
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
    fn generic_builders_refuse_unknown_schemes_and_missing_urls() {
        let unknown_key = GenericBuilder::<Runtime>::new(&[], Some("https://a.example"))
            .api_key("nope", "k")
            .build();
        assert!(matches!(unknown_key, Err(Error::Config { .. })));
        let unknown_bearer = GenericBuilder::<Runtime>::new(&[], Some("https://a.example"))
            .set_bearer("nope", "t")
            .build();
        assert!(matches!(unknown_bearer, Err(Error::Config { .. })));
        let no_url = GenericBuilder::<Runtime>::new(&[], None).build();
        assert!(matches!(no_url, Err(Error::Config { .. })));
    }
}
