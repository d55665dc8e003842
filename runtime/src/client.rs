//! The runtime itself: sends a request with authentication, timeouts, retries and a trace span.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, COOKIE,
};
use tokio::time::Instant;
use tracing::Instrument;

use super::auth::{Applied, Auth};
use super::builder::RequestHook;
use super::error::{status_error, Error, Result, TransportKind};
use super::meta::ApiResponse;
use super::redirect::Hop;
use super::request::{Body, Request};
use super::response::{BodyRead, Received, Response};
use super::retry::{is_retryable_status, retry_after, RetryPolicy};
use super::secret::Secret;
use super::upload::{within, Progress};
use super::BoxFuture;

/// A configured HTTP client: cheap to clone, and clones share the connection
/// pool, the cached management token and the access token.
#[derive(Clone)]
pub struct Runtime {
    pub(super) shared: Arc<Shared>,
    timeout: Duration,
    retry: RetryPolicy,
}

/// What all clones of a runtime share.
pub(super) struct Shared {
    pub(super) http: reqwest::Client,
    pub(super) transport: super::transport::Transport,
    /// Without a trailing `/`.
    pub(super) base_url: String,
    /// `base_url`, parsed.
    pub(super) base: reqwest::Url,
    pub(super) hook: Option<RequestHook>,
    pub(super) auth: Auth,
    /// Whether Authing error envelopes in 2XX responses become `Error::Business`.
    #[cfg(feature = "authing")]
    pub(super) envelope: bool,
    /// The client's own timeout, used for the management token request whose
    /// outcome all waiting calls share (whatever their own timeouts).
    #[cfg_attr(not(feature = "authing"), allow(dead_code))]
    pub(super) token_timeout: Duration,
    /// The most bytes of a 2XX body to read.
    pub(super) max_response_bytes: u64,
    /// The longest wait for a chunk of a streamed body (the call's timeout when not set).
    pub(super) read_idle_timeout: Option<Duration>,
    /// The headers every request starts with (`accept`, `user-agent` and configured ones).
    pub(super) headers: HeaderMap,
}

impl Runtime {
    pub(super) fn new(shared: Shared, timeout: Duration, retry: RetryPolicy) -> Self {
        Runtime {
            shared: Arc::new(shared),
            timeout,
            retry,
        }
    }

    /// A runtime like this one whose calls time out after `timeout` (each attempt).
    /// A management token request keeps the builder's timeout, since its outcome is
    /// shared with every call waiting for it.
    pub fn with_timeout(&self, timeout: Duration) -> Runtime {
        Runtime {
            timeout,
            ..self.clone()
        }
    }

    /// A runtime like this one that retries by `policy`.
    pub fn with_retry(&self, policy: RetryPolicy) -> Runtime {
        Runtime {
            retry: policy,
            ..self.clone()
        }
    }

    /// The timeout of each attempt.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The base URL requests are relative to.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// Sets the bearer token of a generic client's bearer schemes that have no token of
    /// their own (as `bearer_token` on the builder does), for all clones. An Authing
    /// authentication client sends it as the user's access token; a management client
    /// manages its own token and ignores this.
    pub fn set_access_token(&self, token: impl Into<Secret>) {
        self.store_token(Some(token.into()));
    }

    /// Forgets the token set by [`Runtime::set_access_token`].
    pub fn clear_access_token(&self) {
        self.store_token(None);
    }

    fn store_token(&self, token: Option<Secret>) {
        match &self.shared.auth {
            #[cfg(feature = "authing")]
            Auth::Authentication(slot) => {
                *slot.write().unwrap_or_else(|p| p.into_inner()) = token;
            }
            Auth::Generic(generic) => {
                let mut creds = generic
                    .credentials
                    .write()
                    .unwrap_or_else(|p| p.into_inner());
                creds.bearer = token;
            }
            #[cfg(feature = "authing")]
            Auth::Management(_) => {}
        }
    }

    /// Sends a request and returns its 2XX response; other statuses become [`Error::Status`].
    ///
    /// The call runs in an `http_request` tracing span with the fields `method`,
    /// `path` (the template, e.g. `/users/{id}`, so no parameter values), `operation`,
    /// `status`, `latency_ms` (until the response head arrived) and `request_id`
    /// (from the headers, else from the Authing envelope once the body is read).
    /// Credentials never appear in it.
    pub async fn execute(&self, mut req: Request) -> Result<Response> {
        if let Some(err) = req.take_error() {
            return Err(err);
        }
        let span = tracing::info_span!(
            "http_request",
            method = %req.method,
            path = %req.template,
            operation = req.operation.as_deref().unwrap_or(""),
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        // Without a subscriber the span is disabled, and nothing below is worth doing.
        if span.is_disabled() {
            return self.run(&req, &span).await;
        }
        let started = std::time::Instant::now();
        let result = self.run(&req, &span).instrument(span.clone()).await;
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        let (status, request_id) = match &result {
            Ok(resp) => (Some(resp.status()), resp.request_id()),
            Err(err) => (err.status(), err.request_id()),
        };
        if let Some(status) = status {
            span.record("status", status);
        }
        if let Some(id) = request_id {
            span.record("request_id", id);
        }
        result
    }

    async fn run(&self, req: &Request, span: &tracing::Span) -> Result<Response> {
        let timeout = req.timeout.unwrap_or(self.timeout);
        let (resp, deadline) = self.send(req, timeout, true).await?;
        if resp.status().is_success() {
            let read = BodyRead {
                timeout,
                deadline,
                limit: req
                    .max_response_bytes
                    .unwrap_or(self.shared.max_response_bytes),
                idle: self.shared.read_idle_timeout.unwrap_or(timeout),
                #[cfg(feature = "authing")]
                envelope: self.shared.envelope,
            };
            Ok(Response::new(resp, read, span.clone()))
        } else {
            Err(status_error(resp, deadline).await)
        }
    }

    /// Sends `req` and makes the result from the 2XX response's body with `decode`: what a
    /// generated request's `send` does. All the waiting is here, so a generated crate holds no
    /// future of its own.
    pub fn call<'a, T: Send + 'a>(
        &'a self,
        req: Result<Request>,
        decode: fn(&Received) -> Result<T>,
    ) -> BoxFuture<'a, Result<T>> {
        Box::pin(async move { decode(&self.execute(req?).await?.receive().await?) })
    }

    /// [`Runtime::call`], keeping the response's [`Meta`](super::Meta) with the result.
    pub fn call_with_response<'a, T: Send + 'a>(
        &'a self,
        req: Result<Request>,
        decode: fn(&Received) -> Result<T>,
    ) -> BoxFuture<'a, Result<ApiResponse<T>>> {
        Box::pin(async move {
            let resp = self.execute(req?).await?;
            let meta = resp.meta();
            let body = decode(&resp.receive().await?)?;
            Ok(ApiResponse::new(meta, body))
        })
    }

    /// Sends with retries; returns the last response (any status) and the deadline for its body.
    pub(super) async fn send(
        &self,
        req: &Request,
        timeout: Duration,
        authed: bool,
    ) -> Result<(reqwest::Response, Instant)> {
        let mut retries = 0;
        let mut reauthed = false;
        loop {
            let applied = if authed {
                self.credentials(req).await?
            } else {
                Applied::default()
            };
            let progress = if req.body.streams() {
                Progress::noted()
            } else {
                Progress::default()
            };
            let deadline = Instant::now() + timeout;
            let attempt = self.follow(req, &applied, timeout, &progress);
            let (outcome, deadline) = if req.body.streams() {
                // While a streamed body uploads, the timeout runs from the last chunk sent.
                // Boxed, so that the futures of calls with bodies in memory stay small.
                Box::pin(within(deadline, timeout, &progress, attempt)).await
            } else {
                (
                    tokio::time::timeout_at(deadline, attempt).await.ok(),
                    deadline,
                )
            };
            let outcome = outcome.unwrap_or(Err(Error::Timeout { after: timeout }));
            // A stream read once is gone with the attempt: it is never sent again.
            let again = req.is_replayable();
            let may_retry = again && (req.idempotent || self.retry.retry_non_idempotent);
            let wait = match &outcome {
                Err(Error::Transport {
                    kind: TransportKind::Connect,
                    ..
                }) if again => Some(None),
                Ok((resp, true))
                    if resp.status() == 401
                        && again
                        && !reauthed
                        && self.forget_token(&applied) =>
                {
                    reauthed = true;
                    continue;
                }
                Ok((resp, _)) if may_retry && is_retryable_status(resp.status().as_u16()) => {
                    Some(retry_after(resp.headers()))
                }
                _ => None,
            };
            let outcome = outcome.map(|(resp, _)| (resp, deadline));
            match wait {
                // The server asks for a longer wait than the policy allows: retrying sooner
                // would only be refused again, so the answer ends the call.
                Some(Some(after)) if after > self.retry.max_delay => return outcome,
                Some(after) if retries < self.retry.max_retries => {
                    let delay = self.retry.delay(retries, after);
                    tracing::debug!(
                        retry = retries + 1,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                    retries += 1;
                }
                _ => return outcome,
            }
        }
    }

    async fn credentials(&self, req: &Request) -> Result<Applied> {
        match &self.shared.auth {
            #[cfg(feature = "authing")]
            Auth::Management(m) => {
                let token = match m.cache.fresh() {
                    Some(token) => token,
                    // Boxed, so that the futures of calls with a fresh token stay small.
                    None => Box::pin(m.cache.get(|| self.fetch_token(m))).await?,
                };
                token.applied()
            }
            #[cfg(feature = "authing")]
            Auth::Authentication(slot) => {
                let token = slot.read().unwrap_or_else(|p| p.into_inner());
                let headers = match token.as_ref() {
                    Some(token) => vec![super::auth::bearer(token.expose())?],
                    None => Vec::new(),
                };
                Ok(Applied {
                    headers,
                    ..Applied::default()
                })
            }
            Auth::Generic(generic) => generic.apply(req.security.as_deref()),
        }
    }

    /// After a 401: forgets the management token the request used, if it did, so that the
    /// retry fetches a new one; whether it did.
    #[cfg(feature = "authing")]
    fn forget_token(&self, applied: &Applied) -> bool {
        let (Some(used), Auth::Management(m)) = (&applied.token, &self.shared.auth) else {
            return false;
        };
        tracing::debug!("token refused; fetching a new one");
        m.cache.invalidate(&used.value);
        true
    }

    #[cfg(not(feature = "authing"))]
    fn forget_token(&self, _: &Applied) -> bool {
        false
    }

    /// The reqwest request for one hop of an attempt. Its timeout is the caller's
    /// `timeout_at`, which also bounds reading the body, so reqwest keeps no timer of its own.
    pub(super) fn build(
        &self,
        req: &Request,
        applied: &Applied,
        hop: &Hop,
        progress: &Progress,
    ) -> Result<reqwest::Request> {
        let mut http_req = reqwest::Request::new(hop.method.clone(), hop.url.clone());
        *http_req.headers_mut() = match hop.credentials {
            true => self.headers(req, applied)?,
            false => self.headers(req, &Applied::default())?,
        };
        if !hop.credentials || !hop.body {
            hop.strip(http_req.headers_mut(), &self.shared.headers);
        }
        match &req.body {
            _ if !hop.body => {}
            Body::Empty => {}
            Body::Bytes { data, .. } => *http_req.body_mut() = Some(data.clone().into()),
            Body::Stream { data, .. } => {
                if let Some(len) = data.len() {
                    http_req.headers_mut().insert(CONTENT_LENGTH, len.into());
                }
                *http_req.body_mut() = Some(data.to_reqwest(progress));
            }
            Body::Multipart(form) => {
                http_req = reqwest::RequestBuilder::from_parts(self.shared.http.clone(), http_req)
                    .multipart(form.to_form(progress)?)
                    .build()
                    .map_err(|err| Error::encode(err.without_url()))?;
            }
        }
        if let Some(hook) = self.shared.hook.as_ref().filter(|_| hop.credentials) {
            hook(&mut http_req);
        }
        Ok(http_req)
    }
}

impl Runtime {
    /// The client's default headers, then the request's, its credentials' and its body's
    /// type; a default is dropped where the request sets the same header.
    fn headers(&self, req: &Request, applied: &Applied) -> Result<HeaderMap> {
        let cookie = cookie_header(req, applied)?.map(|value| (COOKIE, value));
        let content_type = req
            .body
            .content_type()
            .filter(|_| !req.headers.iter().any(|(name, _)| name == CONTENT_TYPE))
            .map(|value| (CONTENT_TYPE, value.clone()));
        let accept = req
            .accept
            .as_ref()
            .filter(|_| !req.headers.iter().any(|(name, _)| name == ACCEPT))
            .map(|value| (ACCEPT, value.clone()));
        let ours = || {
            let owned = cookie.iter().chain(&content_type).chain(&accept);
            req.headers.iter().chain(applied.all_headers()).chain(owned)
        };
        // Cloning the defaults costs less than adding them one by one.
        let defaults = &self.shared.headers;
        let mut headers = defaults.clone();
        for (name, _) in ours() {
            if defaults.contains_key(name) {
                headers.remove(name);
            }
        }
        for (name, value) in ours() {
            headers.append(name, value.clone());
        }
        Ok(headers)
    }
}

/// The headers every request starts with: `accept`, `user-agent`, the `fixed` ones, then the
/// user's (which may replace any of them).
pub(super) fn default_headers(
    user_agent: Cow<'static, str>,
    fixed: Vec<(&'static str, Cow<'static, str>)>,
    user: Vec<(String, String)>,
) -> Result<HeaderMap> {
    // Index room for a request's own headers, so that clones never rehash.
    let mut headers = HeaderMap::with_capacity(2 + fixed.len() + user.len() + 7);
    headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
    let fixed = [("user-agent", user_agent)].into_iter().chain(fixed);
    let fixed = fixed.map(|(name, value)| (Ok(HeaderName::from_static(name)), value));
    let user = user.into_iter().map(|(name, value)| {
        let header = HeaderName::from_bytes(name.as_bytes());
        (header.map_err(|_| name), Cow::Owned(value))
    });
    for (name, value) in fixed.chain(user) {
        let name = name.map_err(|name| Error::config(format!("invalid header name {name:?}")))?;
        let value = header_value(value)
            .ok_or_else(|| Error::config(format!("invalid value for header {name}")))?;
        headers.insert(name, value);
    }
    Ok(headers)
}

/// A header value; static text is kept without copying, so that clones cost nothing.
fn header_value(value: Cow<'static, str>) -> Option<HeaderValue> {
    match value {
        Cow::Borrowed(text) if text.bytes().all(|b| (b' '..=b'~').contains(&b)) => {
            Some(HeaderValue::from_static(text))
        }
        text => HeaderValue::from_str(&text).ok(),
    }
}

/// The `Cookie` header for the request's and the credentials' cookies, if there are any.
fn cookie_header(req: &Request, applied: &Applied) -> Result<Option<HeaderValue>> {
    let mut cookies = req.cookies.iter().chain(&applied.cookies);
    let Some(first) = cookies.next() else {
        return Ok(None);
    };
    let mut text = first.clone();
    for cookie in cookies {
        text.push_str("; ");
        text.push_str(cookie);
    }
    let mut value = HeaderValue::try_from(text).map_err(Error::encode)?;
    value.set_sensitive(true);
    Ok(Some(value))
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match self.shared.auth {
            #[cfg(feature = "authing")]
            Auth::Management(_) => "authing-management",
            #[cfg(feature = "authing")]
            Auth::Authentication(_) => "authing-authentication",
            Auth::Generic(_) => "generic",
        };
        f.debug_struct("Runtime")
            .field("base_url", &self.shared.base_url)
            .field("auth", &auth)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}
