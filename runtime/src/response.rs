//! A response from the server: its metadata, and its body read (within a size limit) into values.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName};
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use super::error::{mark_sensitive, snippet, Error, Result};
use super::meta::Meta;

/// A 2XX response whose body has not been read yet.
pub struct Response {
    inner: reqwest::Response,
    request_id: Option<String>,
    read: BodyRead,
    /// The call's trace span, which gets the envelope's request id.
    #[cfg_attr(not(feature = "authing"), allow(dead_code))]
    span: tracing::Span,
}

/// How a response's body is read.
#[derive(Debug, Clone, Copy)]
pub(super) struct BodyRead {
    /// The timeout that `deadline` came from, for the error.
    pub(super) timeout: Duration,
    /// When reading the body must be done.
    pub(super) deadline: Instant,
    /// The most bytes the body may have.
    pub(super) limit: u64,
    /// The longest wait for a chunk of a streamed body.
    pub(super) idle: Duration,
    /// Whether Authing error envelopes become errors.
    #[cfg(feature = "authing")]
    pub(super) envelope: bool,
}

impl Response {
    pub(super) fn new(inner: reqwest::Response, read: BodyRead, span: tracing::Span) -> Self {
        let request_id = header_request_id(inner.headers());
        Response {
            inner,
            request_id,
            read,
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

    /// The status, a copy of the headers (those that may carry credentials marked sensitive),
    /// the request id and the URL, to keep after the body is read.
    pub fn meta(&self) -> Meta {
        let mut headers = self.inner.headers().clone();
        mark_sensitive(&mut headers);
        let url = self.inner.url().clone();
        Meta::new(self.status(), headers, self.request_id.clone(), url)
    }

    /// The body as bytes.
    pub async fn bytes(self) -> Result<Vec<u8>> {
        Ok(self.receive().await?.bytes())
    }

    /// The body as UTF-8 text.
    pub async fn text(self) -> Result<String> {
        self.receive().await?.text()
    }

    /// The body decoded from JSON; see [`Received::json`].
    pub async fn json<T: DeserializeOwned>(self) -> Result<T> {
        self.receive().await?.json()
    }

    /// Reads and drops the body; see [`Received::empty`].
    pub async fn empty(self) -> Result<()> {
        self.receive().await?.empty()
    }

    /// The body as a stream of chunks, with no size limit; each wait for a chunk is limited
    /// by the read-idle timeout instead of the call's deadline.
    pub fn into_stream(self) -> super::ByteStream {
        super::ByteStream::from_response(self.inner, self.read.idle)
    }

    /// Reads the whole body, to decode it without waiting any more.
    pub async fn receive(self) -> Result<Received> {
        let status = self.status();
        #[cfg(feature = "authing")]
        let (envelope, span) = (self.read.envelope, self.span.clone());
        let (body, request_id) = self.read().await?;
        Ok(Received {
            status,
            body,
            request_id,
            #[cfg(feature = "authing")]
            envelope,
            #[cfg(feature = "authing")]
            span,
        })
    }

    /// The whole body by the deadline; [`Error::BodyTooLarge`] past the limit, told by
    /// `Content-Length` before reading when the server sends one.
    async fn read(self) -> Result<(Bytes, Option<String>)> {
        let Response {
            inner,
            request_id,
            read,
            ..
        } = self;
        let too_large = |request_id| Error::BodyTooLarge {
            limit: read.limit,
            request_id,
        };
        let length = inner.content_length();
        if length.is_some_and(|length| length > read.limit) {
            return Err(too_large(request_id));
        }
        let whole = capped(inner, read.limit, length);
        let body = tokio::time::timeout_at(read.deadline, whole).await;
        match body {
            Err(_) => Err(Error::Timeout {
                after: read.timeout,
            }),
            Ok(Err(err)) => Err(Error::from_reqwest(err, read.timeout)),
            Ok(Ok(None)) => Err(too_large(request_id)),
            Ok(Ok(Some(body))) => Ok((body, request_id)),
        }
    }
}

/// The body in one buffer (of the announced `length`, when there is one, so that it is never
/// copied to grow), or `None` as soon as it passes `limit`.
async fn capped(
    mut inner: reqwest::Response,
    limit: u64,
    length: Option<u64>,
) -> reqwest::Result<Option<Bytes>> {
    let fits = |len: usize| u64::try_from(len).is_ok_and(|len| len <= limit);
    let Some(first) = inner.chunk().await? else {
        return Ok(Some(Bytes::new()));
    };
    if !fits(first.len()) {
        return Ok(None);
    }
    let Some(second) = inner.chunk().await? else {
        return Ok(Some(first));
    };
    let announced = length.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
    let mut body = BytesMut::with_capacity(announced.max(first.len() + second.len()));
    body.extend_from_slice(&first);
    drop(first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if !fits(body.len() + chunk.len()) {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
        next = inner.chunk().await?;
    }
    Ok(Some(body.freeze()))
}

/// A 2XX response with its whole body read: what a generated request decodes its result from.
pub struct Received {
    status: u16,
    body: Bytes,
    request_id: Option<String>,
    #[cfg(feature = "authing")]
    envelope: bool,
    /// The call's trace span, which gets the envelope's request id.
    #[cfg(feature = "authing")]
    span: tracing::Span,
}

impl Received {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// A copy of the body's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        Vec::from(&self.body[..])
    }

    /// The body's bytes, without a copy.
    pub fn into_bytes(self) -> Vec<u8> {
        Vec::from(self.body)
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<String> {
        String::from_utf8(self.bytes()).map_err(|err| Error::Decode {
            message: err.to_string(),
            path: ".".into(),
            snippet: snippet(&String::from_utf8_lossy(err.as_bytes())),
            request_id: self.request_id.clone(),
        })
    }

    /// The body decoded from JSON; [`Error::Decode`] says where it did not fit `T`.
    #[cfg_attr(
        feature = "authing",
        doc = "\nFor Authing clients (unless built with `raw_envelope(true)`), a body that is an\n\
               envelope with a numeric `statusCode` other than 200 is [`Error::Business`] instead."
    )]
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        self.check_envelope()?;
        decode(&self.body, self.request_id.clone())
    }

    /// Drops the body (still checking an Authing envelope, if any).
    pub fn empty(&self) -> Result<()> {
        self.check_envelope()
    }

    /// The Authing envelope check; the span learns the envelope's request id.
    #[cfg(feature = "authing")]
    fn check_envelope(&self) -> Result<()> {
        if !self.envelope {
            return Ok(());
        }
        let header_id = self.request_id.as_deref();
        let checked =
            super::envelope::check_envelope(&self.body, header_id, !self.span.is_disabled());
        if header_id.is_none() {
            let request_id = match &checked {
                Ok(id) => id.as_deref(),
                Err(err) => err.request_id(),
            };
            if let Some(id) = request_id {
                self.span.record("request_id", id);
            }
        }
        checked.map(drop)
    }

    #[cfg(not(feature = "authing"))]
    fn check_envelope(&self) -> Result<()> {
        Ok(())
    }
}

impl std::fmt::Debug for Received {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Received")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("len", &self.body.len())
            .finish_non_exhaustive()
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
///
/// The plain decoder runs first; only a body that fails is decoded again, tracking the path.
pub(super) fn decode<T: DeserializeOwned>(body: &[u8], request_id: Option<String>) -> Result<T> {
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let (message, path) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => match de.end() {
            Ok(()) => return Ok(value),
            Err(err) => (err.to_string(), ".".to_owned()),
        },
        Err(err) => (err.inner().to_string(), err.path().to_string()),
    };
    #[cfg(feature = "authing")]
    let request_id = request_id.or_else(|| super::envelope::envelope_request_id(body));
    Err(Error::Decode {
        message,
        path,
        snippet: snippet(&String::from_utf8_lossy(body)),
        request_id,
    })
}

/// The headers that may carry the request id, the first found wins.
const REQUEST_ID_HEADERS: [HeaderName; 2] = [
    HeaderName::from_static("x-request-id"),
    HeaderName::from_static("x-authing-request-id"),
];

pub(super) fn header_request_id(headers: &HeaderMap) -> Option<String> {
    // Responses carry few headers: looking at each costs less than hashing the names.
    let first = |wanted: &HeaderName| {
        let (_, value) = headers.iter().find(|(name, _)| *name == wanted)?;
        value.to_str().ok()
    };
    REQUEST_ID_HEADERS.iter().find_map(first).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

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
            Error::Decode { path, .. } => assert_eq!(path, "data[1].id"),
            other => panic!("expected Decode, got {other:?}"),
        }
        assert!(matches!(
            decode::<Vec<u8>>(b"[1] x", None),
            Err(Error::Decode { .. })
        ));
    }

    #[cfg(feature = "authing")]
    #[test]
    fn decode_errors_of_authing_clients_name_the_envelope_request_id() {
        let err = decode::<Vec<u8>>(br#"{"statusCode":200,"requestId":"r"}"#, None).unwrap_err();
        assert_eq!(err.request_id(), Some("r"));
    }
}
