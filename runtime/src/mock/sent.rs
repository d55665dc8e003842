//! A request as the mock received it, for rules to match and tests to read back.

use std::any::Any;
use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderMap, AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION};
use reqwest::Method;
use serde::de::DeserializeOwned;

use super::Input;
use crate::request::Request;

/// The most characters of a body that `Debug` shows.
const SHOWN_BODY_BYTES: usize = 2048;

/// One request a mocked client sent: its operation, method, path, query, headers, body, and
/// the inputs the caller gave.
#[derive(Clone)]
pub struct Sent {
    operation: Option<String>,
    method: Method,
    path: String,
    query: Vec<String>,
    headers: HeaderMap,
    body: Option<Bytes>,
    input: Option<Input>,
}

impl Sent {
    pub(super) fn new(http_req: &reqwest::Request, req: &Request) -> Sent {
        let body = http_req.body().and_then(|body| body.as_bytes());
        // The request's own query, without credentials a scheme puts in the URL.
        let query = match &req.absolute {
            None => req.query.clone(),
            Some(url) => url
                .query()
                .into_iter()
                .flat_map(|q| q.split('&'))
                .map(str::to_owned)
                .collect(),
        };
        Sent {
            operation: req.operation.as_deref().map(str::to_owned),
            method: http_req.method().clone(),
            path: http_req.url().path().to_owned(),
            query,
            headers: http_req.headers().clone(),
            body: body.map(Bytes::copy_from_slice),
            input: req.input.clone(),
        }
    }

    /// The client method that sent it (e.g. `update_phone`).
    pub fn operation(&self) -> Option<&str> {
        self.operation.as_deref()
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path on the server, with its parameters filled in (and the base URL's path before it).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query's `name=value` pairs, percent-encoded, in order (credentials left out).
    pub fn query(&self) -> &[String] {
        &self.query
    }

    /// The headers, credentials included.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body, when it was sent whole (a multipart body is streamed, so it is `None`).
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The body decoded from JSON.
    pub fn json<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_slice(self.body().unwrap_or_default())
    }

    /// The caller's inputs, when the request was a call of operation `Op`.
    pub fn input<Op: Any>(&self) -> Option<&Op> {
        self.input.as_deref()?.downcast_ref()
    }
}

/// Shows what a test needs to see why no rule matched; credentials print as `***`.
impl fmt::Debug for Sent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query = if self.query.is_empty() {
            String::new()
        } else {
            format!("?{}", self.query.join("&"))
        };
        writeln!(f, "{} {}{query}", self.method, self.path)?;
        for (name, value) in &self.headers {
            let secret = value.is_sensitive()
                || [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION].contains(name)
                || name.as_str().contains("key")
                || name.as_str().contains("token");
            match value.to_str() {
                Ok(_) if secret => writeln!(f, "{name}: ***")?,
                Ok(text) => writeln!(f, "{name}: {text}")?,
                Err(_) => writeln!(f, "{name}: (not text)")?,
            }
        }
        let Some(body) = &self.body else {
            return Ok(());
        };
        let text = match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(mut json) => {
                redact(&mut json);
                json.to_string()
            }
            Err(_) => String::from_utf8_lossy(body).into_owned(),
        };
        let shown: String = text.chars().take(SHOWN_BODY_BYTES).collect();
        let more = if shown.len() < text.len() { "…" } else { "" };
        write!(f, "\n{shown}{more}")
    }
}

/// Replaces the values of JSON members whose names say they are secret with `***`.
fn redact(json: &mut serde_json::Value) {
    match json {
        serde_json::Value::Object(members) => {
            for (name, value) in members {
                let name = name.to_ascii_lowercase();
                if ["password", "secret", "token"]
                    .iter()
                    .any(|s| name.contains(s))
                {
                    *value = "***".into();
                } else {
                    redact(value);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}
