//! A response from the server, and turning its body into values (with Authing envelope checks).

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use tokio::time::Instant;

use super::error::{snippet, Error, Result};

/// The most of an error body kept in [`Error::Status`].
const ERROR_BODY_LIMIT: usize = 16 * 1024;

/// Response headers that may carry credentials.
const SENSITIVE_HEADERS: [&str; 4] = [
    "set-cookie",
    "www-authenticate",
    "proxy-authenticate",
    "authorization",
];

/// A 2XX response whose body has not been read yet.
pub struct Response {
    inner: reqwest::Response,
    request_id: Option<String>,
    deadline: Instant,
    timeout: Duration,
    envelope: bool,
    /// The call's trace span, which gets the envelope's request id.
    span: tracing::Span,
}

impl Response {
    /// `deadline` bounds reading the body; `envelope` turns Authing error envelopes into errors.
    pub(super) fn new(
        inner: reqwest::Response,
        timeout: Duration,
        deadline: Instant,
        envelope: bool,
        span: tracing::Span,
    ) -> Self {
        let request_id = header_request_id(inner.headers());
        Response {
            inner,
            request_id,
            deadline,
            timeout,
            envelope,
            span,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.inner.status().as_u16()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// The request id from the `x-request-id` or `x-authing-request-id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body as bytes.
    pub async fn bytes(self) -> Result<Vec<u8>> {
        Ok(self.read().await?.0.to_vec())
    }

    /// The body as UTF-8 text.
    pub async fn text(self) -> Result<String> {
        let (body, request_id) = self.read().await?;
        String::from_utf8(body.to_vec()).map_err(|err| Error::Decode {
            message: err.to_string(),
            path: ".".into(),
            snippet: snippet(&String::from_utf8_lossy(&body)),
            request_id,
        })
    }

    /// The body decoded from JSON; [`Error::Decode`] says where it did not fit `T`.
    ///
    /// For Authing clients (unless built with `raw_envelope(true)`), a body that is an
    /// envelope with a numeric `statusCode` other than 200 is [`Error::Business`] instead.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T> {
        let (body, request_id) = self.checked_body().await?;
        decode(&body, request_id)
    }

    /// Reads and drops the body (still checking an Authing envelope, if any).
    pub async fn empty(self) -> Result<()> {
        self.checked_body().await.map(drop)
    }

    /// The body after the envelope check; the span learns the envelope's request id.
    async fn checked_body(self) -> Result<(Bytes, Option<String>)> {
        let (envelope, span) = (self.envelope, self.span.clone());
        let (body, header_id) = self.read().await?;
        if !envelope {
            return Ok((body, header_id));
        }
        let from_header = header_id.is_some();
        let checked = check_envelope(&body, header_id);
        let request_id = match &checked {
            Ok(id) => id.as_deref(),
            Err(err) => err.request_id(),
        };
        if let (false, Some(id)) = (from_header, request_id) {
            span.record("request_id", id);
        }
        Ok((body, checked?))
    }

    async fn read(self) -> Result<(Bytes, Option<String>)> {
        let timeout = self.timeout;
        match tokio::time::timeout_at(self.deadline, self.inner.bytes()).await {
            Err(_) => Err(Error::Timeout { after: timeout }),
            Ok(Err(err)) => Err(Error::from_reqwest(err, timeout)),
            Ok(Ok(body)) => Ok((body, self.request_id)),
        }
    }
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status())
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

/// Decodes JSON, naming the path where it failed.
pub(super) fn decode<T: DeserializeOwned>(body: &[u8], request_id: Option<String>) -> Result<T> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let (message, path) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => match de.end() {
            Ok(()) => return Ok(value),
            Err(err) => (err.to_string(), ".".to_owned()),
        },
        Err(err) => (err.inner().to_string(), err.path().to_string()),
    };
    Err(Error::Decode {
        message,
        path,
        snippet: snippet(&String::from_utf8_lossy(body)),
        request_id: request_id.or_else(|| envelope_request_id(body)),
    })
}

/// The parts of an Authing envelope `{"statusCode", "apiCode", "message", "requestId", "data"}` we read.
#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "statusCode")]
    status_code: Option<Value>,
    #[serde(rename = "apiCode")]
    api_code: Option<Value>,
    message: Option<Value>,
    #[serde(rename = "requestId")]
    request_id: Option<Value>,
}

fn envelope(body: &[u8]) -> Option<Envelope> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first != b'{' {
        return None;
    }
    serde_json::from_slice(body).ok()
}

fn envelope_request_id(body: &[u8]) -> Option<String> {
    let id = envelope(body)?.request_id?;
    id.as_str().map(str::to_owned)
}

/// [`Error::Business`] when the body is an object with a numeric `statusCode` other than 200;
/// else the request id from the header, or from the envelope's `requestId`.
pub(super) fn check_envelope(
    body: &[u8],
    header_request_id: Option<String>,
) -> Result<Option<String>> {
    let Some(env) = envelope(body) else {
        return Ok(header_request_id);
    };
    let request_id = header_request_id.or_else(|| {
        env.request_id
            .as_ref()
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let Some(status_code) = env.status_code.as_ref().and_then(integer) else {
        return Ok(request_id);
    };
    if status_code == 200 {
        return Ok(request_id);
    }
    let message = match env.message {
        Some(Value::String(text)) => text,
        Some(other) => other.to_string(),
        None => String::new(),
    };
    Err(Error::Business {
        status_code,
        api_code: env.api_code.as_ref().and_then(integer),
        message,
        request_id,
    })
}

/// A JSON number without a fractional part (`400` or `400.0`) as an integer.
fn integer(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| {
        let float = value.as_f64()?;
        let whole = float.fract() == 0.0 && float.abs() < 9.0e15;
        whole.then_some(float as i64)
    })
}

pub(super) fn header_request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "x-authing-request-id"]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(str::to_owned)
}

/// [`Error::Status`] for a non-2XX response, reading at most 16 KiB of its body by `deadline`.
pub(super) async fn status_error(mut resp: reqwest::Response, deadline: Instant) -> Error {
    let status = resp.status().as_u16();
    let mut headers = std::mem::take(resp.headers_mut());
    for (name, value) in headers.iter_mut() {
        if SENSITIVE_HEADERS.contains(&name.as_str()) {
            value.set_sensitive(true);
        }
    }
    let mut body = Vec::new();
    let read = async {
        while body.len() < ERROR_BODY_LIMIT {
            match resp.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                _ => break,
            }
        }
    };
    let _ = tokio::time::timeout_at(deadline, read).await;
    body.truncate(ERROR_BODY_LIMIT);
    let request_id = header_request_id(&headers).or_else(|| envelope_request_id(&body));
    Error::Status {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
        request_id,
        headers: Box::new(headers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_errors_carry_codes() {
        let body = br#"{"statusCode":400,"apiCode":2004,"message":"no user","requestId":"env-1"}"#;
        match check_envelope(body, None) {
            Err(Error::Business {
                status_code: 400,
                api_code: Some(2004),
                message,
                request_id,
            }) => {
                assert_eq!(
                    (message.as_str(), request_id.as_deref()),
                    ("no user", Some("env-1"))
                );
            }
            other => panic!("expected Business, got {other:?}"),
        }
        let ok = br#"{"statusCode":200,"data":1,"requestId":"env-2"}"#;
        assert_eq!(check_envelope(ok, None).unwrap().as_deref(), Some("env-2"));
        let header = Some("hdr-1".to_owned());
        assert_eq!(
            check_envelope(ok, header).unwrap().as_deref(),
            Some("hdr-1")
        );
        let float = check_envelope(br#"{"statusCode":400.0,"apiCode":7.0}"#, None);
        assert!(matches!(
            float,
            Err(Error::Business {
                status_code: 400,
                api_code: Some(7),
                ..
            })
        ));
        assert!(check_envelope(br#"[400, 1]"#, None).is_ok());
        assert!(check_envelope(br#"{"statusCode":"400"}"#, None).is_ok());
    }

    #[test]
    fn decode_names_path_and_trailing_garbage() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            data: Vec<Inner>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            id: u32,
        }
        let err = decode::<Outer>(br#"{"data":[{"id":1},{"id":"x"}],"requestId":"r"}"#, None)
            .unwrap_err();
        match err {
            Error::Decode {
                path, request_id, ..
            } => {
                assert_eq!(path, "data[1].id");
                assert_eq!(request_id.as_deref(), Some("r"));
            }
            other => panic!("expected Decode, got {other:?}"),
        }
        assert!(matches!(
            decode::<Vec<u8>>(b"[1] x", None),
            Err(Error::Decode { .. })
        ));
    }
}
