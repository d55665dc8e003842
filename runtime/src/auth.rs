//! Who the client says it is: the API's security schemes and the credentials kept for each.

use std::borrow::Cow;
use std::sync::RwLock;

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
    #[cfg(feature = "authing")]
    Management(super::token::ManagementAuth),
    #[cfg(feature = "authing")]
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
    #[cfg(feature = "authing")]
    pub(super) token: Option<std::sync::Arc<super::token::Token>>,
}

impl Applied {
    /// All headers to add: [`Applied::headers`] and the management token's.
    pub(super) fn all_headers(&self) -> impl Iterator<Item = &(HeaderName, HeaderValue)> {
        #[cfg(feature = "authing")]
        let token = self
            .token
            .as_deref()
            .map(super::token::Token::headers)
            .unwrap_or_default();
        #[cfg(not(feature = "authing"))]
        let token: &[(HeaderName, HeaderValue)] = &[];
        self.headers.iter().chain(token)
    }
}

/// A credential set for one scheme by name.
pub(super) enum Credential {
    Bearer(Secret),
    Basic(String, Secret),
    ApiKey(Secret),
}

impl Credential {
    fn fits(&self, kind: SchemeKind) -> bool {
        matches!(
            (self, kind),
            (Credential::Bearer(_), SchemeKind::Bearer)
                | (Credential::Basic(..), SchemeKind::Basic)
                | (Credential::ApiKey(_), SchemeKind::ApiKey { .. })
        )
    }

    fn kind_name(&self) -> &'static str {
        match self {
            Credential::Bearer(_) => "bearer",
            Credential::Basic(..) => "basic",
            Credential::ApiKey(_) => "API key",
        }
    }
}

/// Credentials of a generic client.
#[derive(Default)]
pub(super) struct Credentials {
    /// The token of every bearer scheme without its own (`bearer_token`, `set_access_token`).
    pub(super) bearer: Option<Secret>,
    /// The user and password of every basic scheme without its own (`basic_auth`).
    pub(super) basic: Option<(String, Secret)>,
    /// Credentials by scheme name, at most one per scheme.
    pub(super) by_scheme: Vec<(Cow<'static, str>, Credential)>,
}

impl Credentials {
    /// Sets the credential of `scheme`, replacing any it had.
    pub(super) fn set(&mut self, scheme: Cow<'static, str>, credential: Credential) {
        self.by_scheme.retain(|(name, _)| *name != scheme);
        self.by_scheme.push((scheme, credential));
    }

    /// [`Error::Config`] for a credential set for a scheme the API does not have (or has
    /// of another kind).
    pub(super) fn check(&self, schemes: &[SchemeDef]) -> Result<()> {
        for (name, credential) in &self.by_scheme {
            let scheme = schemes.iter().find(|s| s.name == name);
            if !scheme.is_some_and(|s| credential.fits(s.kind)) {
                return Err(Error::config(format!(
                    "the API has no {} scheme named {name:?}",
                    credential.kind_name()
                )));
            }
        }
        Ok(())
    }

    /// The names of the schemes with credentials of their own, for `Debug` output.
    pub(super) fn scheme_names(&self) -> Vec<&str> {
        self.by_scheme
            .iter()
            .map(|(name, _)| name.as_ref())
            .collect()
    }

    /// What to send for `scheme`, if its credential is set.
    fn for_scheme(&self, scheme: &SchemeDef) -> Option<Sent<'_>> {
        let own = self
            .by_scheme
            .iter()
            .find(|(name, c)| name == scheme.name && c.fits(scheme.kind))
            .map(|(_, credential)| credential);
        match (scheme.kind, own) {
            (_, Some(Credential::Bearer(token))) => Some(Sent::Bearer(token)),
            (_, Some(Credential::Basic(user, password))) => Some(Sent::Basic(user, password)),
            (SchemeKind::ApiKey { location, param }, Some(Credential::ApiKey(key))) => {
                Some(Sent::ApiKey(location, param, key))
            }
            (SchemeKind::Bearer, None) => self.bearer.as_ref().map(Sent::Bearer),
            (SchemeKind::Basic, None) => self.basic.as_ref().map(|(u, p)| Sent::Basic(u, p)),
            _ => None,
        }
    }
}

/// A credential as it goes on the wire.
enum Sent<'a> {
    Bearer(&'a Secret),
    Basic(&'a str, &'a Secret),
    ApiKey(ApiKeyLocation, &'static str, &'a Secret),
}

pub(super) struct GenericAuth {
    pub(super) schemes: Vec<SchemeDef>,
    pub(super) credentials: RwLock<Credentials>,
}

impl GenericAuth {
    /// Credentials for the first security alternative that is fully configured; none if none is.
    pub(super) fn apply(&self, security: Option<&[Vec<String>]>) -> Result<Applied> {
        let mut applied = Applied::default();
        let creds = self
            .credentials
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let sent = |name: &String| {
            let scheme = self.schemes.iter().find(|s| s.name == name)?;
            creds.for_scheme(scheme)
        };
        let chosen = security
            .unwrap_or_default()
            .iter()
            .find(|alt| alt.iter().all(|s| sent(s).is_some()));
        for credential in chosen.into_iter().flatten().filter_map(sent) {
            match credential {
                Sent::Bearer(token) => applied.headers.push(bearer(token.expose())?),
                Sent::Basic(user, password) => {
                    applied.headers.push(basic(user, password.expose())?);
                }
                Sent::ApiKey(location, param, key) => {
                    add_api_key(&mut applied, location, param, key.expose())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMES: [SchemeDef; 4] = [
        SchemeDef {
            name: "oauth",
            kind: SchemeKind::Bearer,
        },
        SchemeDef {
            name: "key",
            kind: SchemeKind::ApiKey {
                location: ApiKeyLocation::Query,
                param: "api key",
            },
        },
        SchemeDef {
            name: "basic",
            kind: SchemeKind::Basic,
        },
        SchemeDef {
            name: "admin",
            kind: SchemeKind::Bearer,
        },
    ];

    fn generic(credentials: Credentials) -> GenericAuth {
        GenericAuth {
            schemes: SCHEMES.to_vec(),
            credentials: RwLock::new(credentials),
        }
    }

    fn alternatives(alts: &[&[&str]]) -> Vec<Vec<String>> {
        let alt = |names: &&[&str]| names.iter().map(|s| (*s).to_owned()).collect();
        alts.iter().map(alt).collect()
    }

    #[test]
    fn first_fully_configured_alternative_wins() {
        let mut creds = Credentials {
            basic: Some(("u".into(), Secret::new("p"))),
            ..Credentials::default()
        };
        creds.set("key".into(), Credential::ApiKey(Secret::new("k&1")));
        let auth = generic(creds);
        let alts = alternatives(&[&["oauth"], &["key", "basic"]]);
        let applied = auth.apply(Some(&alts)).unwrap();
        assert_eq!(applied.query, ["api%20key=k%261"]);
        assert_eq!(applied.headers[0].1.to_str().unwrap(), "Basic dTpw");
        assert!(applied.headers[0].1.is_sensitive());
        assert!(auth.apply(None).unwrap().headers.is_empty());
        let unmet = alternatives(&[&["oauth"]]);
        assert!(auth.apply(Some(&unmet)).unwrap().headers.is_empty());
    }

    #[test]
    fn a_scheme_own_token_wins_over_the_shared_one() {
        let mut creds = Credentials {
            bearer: Some(Secret::new("shared")),
            ..Credentials::default()
        };
        creds.set("admin".into(), Credential::Bearer(Secret::new("old")));
        creds.set("admin".into(), Credential::Bearer(Secret::new("mine")));
        let auth = generic(creds);
        let token = |scheme: &str| {
            let applied = auth.apply(Some(&alternatives(&[&[scheme]]))).unwrap();
            applied.headers[0].1.to_str().unwrap().to_owned()
        };
        assert_eq!(token("admin"), "Bearer mine");
        assert_eq!(token("oauth"), "Bearer shared");
    }

    #[test]
    fn credentials_for_unknown_or_mismatched_schemes_are_refused() {
        let mut creds = Credentials::default();
        creds.set("oauth".into(), Credential::Bearer(Secret::new("t")));
        assert!(creds.check(&SCHEMES).is_ok());
        creds.set("key".into(), Credential::Bearer(Secret::new("t")));
        let err = creds.check(&SCHEMES).unwrap_err().to_string();
        assert!(err.contains(r#"no bearer scheme named "key""#), "{err}");
        let mut creds = Credentials::default();
        creds.set("nope".into(), Credential::ApiKey(Secret::new("k")));
        assert!(matches!(creds.check(&SCHEMES), Err(Error::Config { .. })));
    }
}
