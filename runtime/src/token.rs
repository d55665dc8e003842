//! Authing management tokens: fetched with the access key, cached, refreshed by one caller at a time.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::header::{HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};

use super::auth::{bearer, Applied};
use super::client::Runtime;
use super::error::{status_error, Error, Result};
use super::request::{Method, Request};
use super::response::{BodyRead, Response};
use super::secret::Secret;

pub(super) struct ManagementAuth {
    pub(super) access_key_id: String,
    pub(super) access_key_secret: Secret,
    pub(super) userpool_id: Option<String>,
    pub(super) cache: TokenCache,
}

/// A management token and when to stop using it.
pub(super) struct Token {
    pub(super) value: Secret,
    fresh_until: Instant,
    /// `Authorization` and `x-authing-userpool-id` for every call, made once.
    headers: Result<Vec<(HeaderName, HeaderValue)>>,
}

/// The longest a management token is cached, whatever the server says.
pub(super) const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

impl Token {
    /// A token valid for `expires_in` (at most [`MAX_TOKEN_LIFETIME`]), used until
    /// 10% (at most 60 s) before it expires.
    pub(super) fn new(value: String, expires_in: Duration, userpool_id: Option<&str>) -> Token {
        let expires_in = expires_in.min(MAX_TOKEN_LIFETIME);
        let margin = (expires_in / 10).min(Duration::from_secs(60));
        let userpool_id = match userpool_id {
            Some(id) => Some(id.to_owned()),
            None => jwt_claim(&value, "scoped_userpool_id"),
        };
        let headers = token_headers(&value, userpool_id.as_deref());
        Token {
            value: Secret::new(value),
            fresh_until: Instant::now() + expires_in.saturating_sub(margin),
            headers,
        }
    }

    fn is_fresh(&self) -> bool {
        Instant::now() < self.fresh_until
    }

    /// `Authorization` and `x-authing-userpool-id` for a call made with this token.
    pub(super) fn applied(self: Arc<Self>) -> Result<Applied> {
        if let Err(err) = &self.headers {
            return Err(err.clone());
        }
        Ok(Applied {
            token: Some(self),
            ..Applied::default()
        })
    }

    pub(super) fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        self.headers.as_deref().unwrap_or_default()
    }
}

fn token_headers(token: &str, userpool_id: Option<&str>) -> Result<Vec<(HeaderName, HeaderValue)>> {
    let mut headers = vec![bearer(token)?];
    if let Some(id) = userpool_id {
        let value = HeaderValue::from_str(id)
            .map_err(|_| Error::config("the userpool id is not a valid header value"))?;
        headers.push((HeaderName::from_static("x-authing-userpool-id"), value));
    }
    Ok(headers)
}

/// The cached management token, refreshed by one caller at a time.
///
/// Callers that find no fresh token queue for a refresh. The first runs it; the
/// others, queued while it ran, take its outcome: the new token or the same error.
/// So a failing token endpoint is asked once per round of waiting callers, not
/// once for each of them; a caller that comes after a failed round starts a new one.
#[derive(Default)]
pub(super) struct TokenCache {
    current: Mutex<Option<Arc<Token>>>,
    /// The outcome of the last refresh; held while a refresh runs.
    refresh: tokio::sync::Mutex<Option<Result<Arc<Token>>>>,
    /// How many refreshes have finished.
    rounds: AtomicU64,
}

impl TokenCache {
    /// The cached token while fresh; else one caller runs `fetch` and the others share its outcome.
    pub(super) async fn get<F, Fut>(&self, fetch: F) -> Result<Arc<Token>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Token>>,
    {
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let round = self.rounds.load(Ordering::Acquire);
        let mut last = self.refresh.lock().await;
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        if self.rounds.load(Ordering::Acquire) != round {
            if let Some(outcome) = last.as_ref() {
                return outcome.clone();
            }
        }
        let outcome = fetch().await.map(Arc::new);
        if let Ok(token) = &outcome {
            *self.slot() = Some(token.clone());
        }
        *last = Some(outcome.clone());
        self.rounds.fetch_add(1, Ordering::Release);
        outcome
    }

    /// Forgets the token if it is still `used` (a newer one is kept).
    pub(super) fn invalidate(&self, used: &Secret) {
        let mut slot = self.slot();
        if slot.as_ref().is_some_and(|t| &t.value == used) {
            *slot = None;
        }
    }

    /// The cached token while fresh.
    pub(super) fn fresh(&self) -> Option<Arc<Token>> {
        self.slot().as_ref().filter(|t| t.is_fresh()).cloned()
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Arc<Token>>> {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Runtime {
    /// A new management token from the access key (sent without credentials or the caller's
    /// timeout, and always checked as an envelope).
    pub(super) async fn fetch_token(&self, m: &ManagementAuth) -> Result<Token> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct TokenRequest<'a> {
            access_key_id: &'a str,
            access_key_secret: &'a str,
        }
        #[derive(Deserialize)]
        struct TokenEnvelope {
            data: TokenData,
        }
        #[derive(Deserialize)]
        struct TokenData {
            access_token: String,
            /// The spec says `number`, so `7200.0` is allowed too.
            expires_in: f64,
        }
        tracing::debug!("fetching a management token");
        let body = TokenRequest {
            access_key_id: &m.access_key_id,
            access_key_secret: m.access_key_secret.expose(),
        };
        let req = Request::new(Method::POST, "/api/v3/get-management-token")
            .operation("get_management_token")
            .idempotent(true)
            .json(&body)?;
        let timeout = self.shared.token_timeout;
        let (resp, deadline) = Box::pin(self.send(&req, timeout, false)).await?;
        if !resp.status().is_success() {
            return Err(status_error(resp, deadline).await);
        }
        let read = BodyRead {
            timeout,
            deadline,
            limit: self.shared.max_response_bytes,
            idle: timeout,
            envelope: true,
        };
        let untraced = tracing::Span::none();
        let envelope: TokenEnvelope = Response::new(resp, read, untraced).json().await?;
        let TokenData {
            access_token,
            expires_in,
        } = envelope.data;
        let longest = MAX_TOKEN_LIFETIME.as_secs_f64();
        // A negative lifetime gives an already stale token, used once (JSON has no NaN).
        let lifetime =
            Duration::try_from_secs_f64(expires_in.min(longest)).unwrap_or(Duration::ZERO);
        Ok(Token::new(access_token, lifetime, m.userpool_id.as_deref()))
    }
}

/// A string claim from a JWT's payload, read without checking the signature.
pub(super) fn jwt_claim(token: &str, claim: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    json.get(claim)?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!("{}.{}.sig", b64.encode("{}"), b64.encode(payload))
    }

    #[test]
    fn jwt_claims_are_read_unverified() {
        let token = jwt(r#"{"scoped_userpool_id":"pool-1","n":1}"#);
        assert_eq!(
            jwt_claim(&token, "scoped_userpool_id").as_deref(),
            Some("pool-1")
        );
        assert_eq!(jwt_claim(&token, "n"), None);
        assert_eq!(jwt_claim("not-a-jwt", "scoped_userpool_id"), None);
    }

    #[test]
    fn builder_userpool_wins_over_claim_and_short_tokens_are_stale() {
        let token = Token::new(
            jwt(r#"{"scoped_userpool_id":"claim"}"#),
            Duration::ZERO,
            Some("mine"),
        );
        let (name, value) = &token.headers()[1];
        assert_eq!(
            (name.as_str(), value.to_str().ok()),
            ("x-authing-userpool-id", Some("mine"))
        );
        assert!(!token.is_fresh());
        assert!(Token::new("t".into(), Duration::from_secs(7200), None).is_fresh());
    }

    #[test]
    fn huge_lifetimes_are_capped_instead_of_overflowing() {
        let token = Token::new("t".into(), Duration::MAX, None);
        assert!(token.is_fresh());
        assert!(token.fresh_until <= Instant::now() + MAX_TOKEN_LIFETIME);
    }
}
