//! The builders of Authing's two kinds of client: management (access key) and authentication (app).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::auth::Auth;
use super::builder::{common_setters, Common};
use super::error::{Error, Result};
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::token::{ManagementAuth, TokenCache};
use super::FromRuntime;

const AUTHING_BASE_URL: &str = "https://api.authing.cn";
const SDK_VERSION: &str = concat!("rust:", env!("CARGO_PKG_VERSION"));

/// The setters only Authing clients have.
macro_rules! authing_setters {
    () => {
        /// Sets the language of server messages, sent as `x-authing-lang` (default `zh-CN`).
        pub fn lang(mut self, lang: impl Into<String>) -> Self {
            self.common.lang = Some(lang.into());
            self
        }

        /// When true, a 2XX envelope whose `statusCode` is not 200 is decoded as the
        /// operation's response instead of becoming [`Error::Business`] (see "Business
        /// errors and raw mode" in the [crate docs](crate)).
        pub fn raw_envelope(mut self, raw: bool) -> Self {
            self.common.raw_envelope = raw;
            self
        }
    };
}

impl Common {
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

fn required(value: Option<String>, what: &str) -> Result<String> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Error::config(format!("{what} is required")))
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
    authing_setters!();

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
            .into_runtime(Some(AUTHING_BASE_URL), headers, auth)?;
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
    authing_setters!();

    /// Sets the application id, sent as `x-authing-app-id`.
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }

    /// Sets the application's host, e.g. `https://my-app.authing.cn` (the base URL).
    pub fn app_host(self, host: impl Into<String>) -> Self {
        self.base_url(host)
    }

    /// Sets a user access token to start with (see
    /// [`Runtime::set_access_token`](crate::Runtime::set_access_token)).
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
        let rt = self.common.into_runtime(None, headers, auth)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Runtime;

    #[test]
    fn authing_builders_refuse_missing_credentials() {
        let no_secret = ManagementBuilder::<Runtime>::new()
            .access_key_id("id")
            .build();
        assert!(matches!(no_secret, Err(Error::Config { .. })));
        let no_app = AuthenticationBuilder::<Runtime>::new()
            .app_host("https://a.example")
            .build();
        assert!(matches!(no_app, Err(Error::Config { .. })));
    }
}
