//! Who the client says it is: Authing management tokens, app user tokens and generic security schemes.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

use super::error::{Error, Result};
use super::params::encode;
use super::secret::Secret;

/// A security scheme of the API, as the generated code registers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemeDef {
    /// The scheme's key in the spec's `components/securitySchemes`.
    pub name: &'static str,
    /// How its credential travels.
    pub kind: SchemeKind,
}

/// How a scheme's credential travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (also OAuth 2 and OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// A key in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        param: &'static str,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// The authentication of one client, shared by its clones.
pub(super) enum Auth {
    Management(ManagementAuth),
    Authentication(RwLock<Option<Secret>>),
    Generic(GenericAuth),
}

/// What authentication adds to one request.
#[derive(Default)]
pub(super) struct Applied {
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    pub(super) query: Vec<String>,
    pub(super) cookies: Vec<String>,
    /// The management token used: its headers are sent too, and it is dropped if the server
    /// refuses it.
    pub(super) token: Option<Arc<Token>>,
}

impl Applied {
    /// All headers to add: [`Applied::headers`] and the token's.
    pub(super) fn all_headers(&self) -> impl Iterator<Item = &(HeaderName, HeaderValue)> {
        let token = self
            .token
            .as_deref()
            .map(Token::headers)
            .unwrap_or_default();
        self.headers.iter().chain(token)
    }
}

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

    fn headers(&self) -> &[(HeaderName, HeaderValue)] {
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

/// Credentials of a generic client, by kind.
#[derive(Default)]
pub(super) struct Credentials {
    pub(super) bearer: Option<Secret>,
    pub(super) basic: Option<(String, Secret)>,
    /// API keys by scheme name.
    pub(super) api_keys: Vec<(String, Secret)>,
}

pub(super) struct GenericAuth {
    pub(super) schemes: Vec<SchemeDef>,
    pub(super) credentials: RwLock<Credentials>,
}

impl GenericAuth {
    fn has(&self, creds: &Credentials, scheme: &str) -> bool {
        match self
            .schemes
            .iter()
            .find(|s| s.name == scheme)
            .map(|s| s.kind)
        {
            Some(SchemeKind::Bearer) => creds.bearer.is_some(),
            Some(SchemeKind::Basic) => creds.basic.is_some(),
            Some(SchemeKind::ApiKey { .. }) => creds.api_keys.iter().any(|(n, _)| n == scheme),
            None => false,
        }
    }

    /// Credentials for the first security alternative that is fully configured; none if none is.
    pub(super) fn apply(&self, security: Option<&[Vec<String>]>) -> Result<Applied> {
        let mut applied = Applied::default();
        let creds = self
            .credentials
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let chosen = security
            .unwrap_or_default()
            .iter()
            .find(|alt| alt.iter().all(|s| self.has(&creds, s)));
        for scheme in chosen.into_iter().flatten() {
            let Some(def) = self.schemes.iter().find(|s| s.name == scheme) else {
                continue;
            };
            match def.kind {
                SchemeKind::Bearer => {
                    let token = creds
                        .bearer
                        .as_ref()
                        .map(Secret::expose)
                        .unwrap_or_default();
                    applied.headers.push(bearer(token)?);
                }
                SchemeKind::Basic => {
                    let (user, password) = creds
                        .basic
                        .as_ref()
                        .map_or(("", ""), |(u, p)| (u, p.expose()));
                    applied.headers.push(basic(user, password)?);
                }
                SchemeKind::ApiKey { location, param } => {
                    let key = creds.api_keys.iter().find(|(n, _)| n == scheme);
                    let key = key.map(|(_, k)| k.expose()).unwrap_or_default();
                    add_api_key(&mut applied, location, param, key)?;
                }
            }
        }
        Ok(applied)
    }
}

fn add_api_key(
    applied: &mut Applied,
    location: ApiKeyLocation,
    param: &str,
    key: &str,
) -> Result<()> {
    match location {
        ApiKeyLocation::Header => {
            let name = HeaderName::from_bytes(param.as_bytes())
                .map_err(|_| Error::config(format!("invalid API key header name {param:?}")))?;
            applied.headers.push((name, sensitive(key)?));
        }
        ApiKeyLocation::Query => applied
            .query
            .push(format!("{}={}", encode(param), encode(key))),
        ApiKeyLocation::Cookie => {
            applied
                .cookies
                .push(format!("{}={}", encode(param), encode(key)))
        }
    }
    Ok(())
}

/// A header value that `Debug` output hides.
pub(super) fn sensitive(value: &str) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| Error::config("a credential is not a valid header value"))?;
    value.set_sensitive(true);
    Ok(value)
}

pub(super) fn bearer(token: &str) -> Result<(HeaderName, HeaderValue)> {
    Ok((AUTHORIZATION, sensitive(&format!("Bearer {token}"))?))
}

fn basic(user: &str, password: &str) -> Result<(HeaderName, HeaderValue)> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    Ok((AUTHORIZATION, sensitive(&format!("Basic {encoded}"))?))
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

    fn generic() -> GenericAuth {
        let key = SchemeKind::ApiKey {
            location: ApiKeyLocation::Query,
            param: "api key",
        };
        GenericAuth {
            schemes: vec![
                SchemeDef {
                    name: "oauth",
                    kind: SchemeKind::Bearer,
                },
                SchemeDef {
                    name: "key",
                    kind: key,
                },
                SchemeDef {
                    name: "basic",
                    kind: SchemeKind::Basic,
                },
            ],
            credentials: RwLock::new(Credentials {
                api_keys: vec![("key".into(), Secret::new("k&1"))],
                basic: Some(("u".into(), Secret::new("p"))),
                ..Credentials::default()
            }),
        }
    }

    #[test]
    fn first_fully_configured_alternative_wins() {
        let auth = generic();
        let alts = vec![
            vec!["oauth".to_owned()],
            vec!["key".to_owned(), "basic".to_owned()],
        ];
        let applied = auth.apply(Some(&alts)).unwrap();
        assert_eq!(applied.query, ["api%20key=k%261"]);
        assert_eq!(applied.headers[0].1.to_str().unwrap(), "Basic dTpw");
        assert!(applied.headers[0].1.is_sensitive());
        assert!(auth.apply(None).unwrap().headers.is_empty());
        let unmet = vec![vec!["oauth".to_owned()]];
        assert!(auth.apply(Some(&unmet)).unwrap().headers.is_empty());
    }
}
