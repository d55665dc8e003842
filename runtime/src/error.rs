//! The one error type of a generated client, what each failure carries, and non-2XX answers.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use super::response::header_request_id;
use super::secret::mask_json_secrets;

/// The result of every client call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many characters of a body the error messages quote.
pub(super) const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong in a call.
///
/// Errors are cheap to clone, so that one failure (say, of the management token
/// request) can be handed to every call that was waiting for it. Their `Debug` and
/// `Display` output masks the values of secret-named JSON keys in quoted bodies.
#[derive(Clone)]
#[non_exhaustive]
pub enum Error {
    /// The request, or reading its response, took longer than the timeout.
    Timeout {
        /// The timeout that ran out.
        after: Duration,
    },
    /// The request could not be sent or its response could not be read.
    Transport {
        /// What failed.
        kind: TransportKind,
        /// The underlying error (without the URL, which may carry an API key).
        source: Arc<reqwest::Error>,
    },
    /// The server answered with a status outside 2XX.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The response body, lossily decoded and cut to at most 16 KiB.
        body: String,
        /// The request id the server gave, if any.
        request_id: Option<String>,
        /// The response headers (`Set-Cookie` and the like are marked sensitive).
        headers: Box<HeaderMap>,
    },
    /// The response body did not match the expected type.
    Decode {
        /// What serde said.
        message: String,
        /// Where in the body it failed, e.g. `data.items[2].id` (`.` for the top).
        path: String,
        /// The start of the body.
        snippet: String,
        /// The request id the server gave, if any.
        request_id: Option<String>,
    },
    /// A 2XX response body was larger than the limit (`max_response_bytes`, 64 MiB by
    /// default); it was not read whole.
    BodyTooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// The request id the server gave, if any.
        request_id: Option<String>,
    },
    /// An Authing response envelope whose `statusCode` is not 200, in a 2XX answer
    /// (see "Business errors and raw mode" in the [crate docs](crate)).
    #[cfg(feature = "authing")]
    Business {
        /// The envelope's `statusCode`.
        status_code: i64,
        /// The envelope's `apiCode`, a finer error code.
        api_code: Option<i64>,
        /// The envelope's `message`.
        message: String,
        /// The request id from the headers or the envelope's `requestId`.
        request_id: Option<String>,
    },
    /// A redirect was not followed, and the call ended with nothing more sent.
    Redirect {
        /// Why it was refused.
        refused: RedirectRefusal,
        /// The redirect's status (301, 302, 303, 307 or 308).
        status: u16,
    },
    /// A request value could not be encoded (body, parameter or header).
    Encode {
        /// What went wrong.
        message: String,
    },
    /// The client was configured wrongly, e.g. a missing secret or a bad base URL.
    Config {
        /// What went wrong.
        message: String,
    },
}

/// Why an [`Error::Redirect`] was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectRefusal {
    /// It would be redirect number 11 of the call; ten are followed.
    TooMany,
    /// It leads back to a URL the call already asked for, with the same method.
    Loop,
    /// It leads from HTTPS to plain HTTP.
    Downgrade,
    /// It asks for the request body again (307 or 308), and the body cannot be sent twice.
    BodyNotReplayable,
    /// Its `Location` is not an http(s) URL.
    InvalidLocation,
}

/// Which part of the exchange a [`Error::Transport`] failed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection could be made (refused, DNS, TLS handshake); nothing was sent.
    Connect,
    /// The connection broke while sending or receiving (reset, closed early).
    Io,
    /// A redirect failed in the HTTP library (the runtime follows redirects itself and
    /// reports its refusals as [`Error::Redirect`]).
    Redirect,
    /// Anything else.
    Other,
}

impl Error {
    /// The request id the server gave, when the error came from a response.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Status { request_id, .. }
            | Error::Decode { request_id, .. }
            | Error::BodyTooLarge { request_id, .. } => request_id.as_deref(),
            #[cfg(feature = "authing")]
            Error::Business { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status of a [`Error::Status`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The body of a [`Error::Status`] decoded as the API's error schema (the type the
    /// operation's docs name for non-2XX answers, or any type you expect);
    /// `None` for other errors or when the body does not match.
    pub fn decode_body<E: DeserializeOwned>(&self) -> Option<E> {
        match self {
            Error::Status { body, .. } => serde_json::from_str(body).ok(),
            _ => None,
        }
    }

    /// The wait the server asked for with `Retry-After` in a [`Error::Status`], as
    /// delay-seconds or an HTTP-date (counted from the response's `Date`).
    ///
    /// When a 429, 502, 503 or 504 asks for a longer wait than the retry policy's `max_delay`
    /// ([`RetryPolicy`](crate::RetryPolicy)), the call is not retried but ends at once with
    /// that answer, and this says how long to wait before calling again.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Status { headers, .. } => super::retry::retry_after(headers),
            _ => None,
        }
    }

    /// Whether the call ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    pub(super) fn encode(message: impl fmt::Display) -> Self {
        Error::Encode {
            message: message.to_string(),
        }
    }

    pub(super) fn config(message: impl fmt::Display) -> Self {
        Error::Config {
            message: message.to_string(),
        }
    }

    /// Sorts a reqwest error into a timeout or a transport error of some kind.
    pub(super) fn from_reqwest(err: reqwest::Error, timeout: Duration) -> Self {
        if err.is_timeout() {
            return Error::Timeout { after: timeout };
        }
        let kind = if err.is_connect() {
            TransportKind::Connect
        } else if err.is_redirect() {
            TransportKind::Redirect
        } else if err.is_request() || err.is_body() || err.is_decode() {
            TransportKind::Io
        } else {
            TransportKind::Other
        };
        Error::Transport {
            kind,
            source: Arc::new(err.without_url()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Timeout { after } => write!(f, "request timed out after {after:?}"),
            Error::Transport { kind, source } => write!(f, "transport error ({kind}): {source}"),
            Error::Status { status, body, .. } => {
                write!(f, "HTTP status {status}")?;
                write_request_id(f, self.request_id())?;
                if !body.is_empty() {
                    write!(f, ": {}", snippet(body))?;
                }
                Ok(())
            }
            Error::Decode {
                message,
                path,
                snippet,
                ..
            } => {
                write!(f, "could not decode the response at `{path}`: {message}")?;
                write_request_id(f, self.request_id())?;
                write!(f, "; body starts {snippet:?}")
            }
            Error::BodyTooLarge { limit, .. } => {
                write!(
                    f,
                    "the response body is larger than the limit of {limit} bytes"
                )?;
                write_request_id(f, self.request_id())
            }
            #[cfg(feature = "authing")]
            Error::Business {
                status_code,
                api_code,
                message,
                ..
            } => {
                write!(f, "API error statusCode {status_code}")?;
                if let Some(code) = api_code {
                    write!(f, " apiCode {code}")?;
                }
                write_request_id(f, self.request_id())?;
                write!(f, ": {message}")
            }
            Error::Redirect { refused, status } => {
                write!(f, "a {status} redirect was not followed: {refused}")
            }
            Error::Encode { message } => write!(f, "could not encode the request: {message}"),
            Error::Config { message } => write!(f, "invalid client configuration: {message}"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Timeout { after } => f.debug_struct("Timeout").field("after", after).finish(),
            Error::Transport { kind, source } => f
                .debug_struct("Transport")
                .field("kind", kind)
                .field("source", source)
                .finish(),
            Error::Status {
                status,
                body,
                request_id,
                headers,
            } => f
                .debug_struct("Status")
                .field("status", status)
                .field("body", &mask_json_secrets(body))
                .field("request_id", request_id)
                .field("headers", headers)
                .finish(),
            Error::Decode {
                message,
                path,
                snippet,
                request_id,
            } => f
                .debug_struct("Decode")
                .field("message", message)
                .field("path", path)
                .field("snippet", snippet)
                .field("request_id", request_id)
                .finish(),
            Error::BodyTooLarge { limit, request_id } => f
                .debug_struct("BodyTooLarge")
                .field("limit", limit)
                .field("request_id", request_id)
                .finish(),
            #[cfg(feature = "authing")]
            Error::Business {
                status_code,
                api_code,
                message,
                request_id,
            } => f
                .debug_struct("Business")
                .field("status_code", status_code)
                .field("api_code", api_code)
                .field("message", message)
                .field("request_id", request_id)
                .finish(),
            Error::Redirect { refused, status } => f
                .debug_struct("Redirect")
                .field("refused", refused)
                .field("status", status)
                .finish(),
            Error::Encode { message } => {
                f.debug_struct("Encode").field("message", message).finish()
            }
            Error::Config { message } => {
                f.debug_struct("Config").field("message", message).finish()
            }
        }
    }
}

fn write_request_id(f: &mut fmt::Formatter<'_>, id: Option<&str>) -> fmt::Result {
    match id {
        Some(id) => write!(f, " (request id {id})"),
        None => Ok(()),
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "connect",
            TransportKind::Io => "connection broken",
            TransportKind::Redirect => "redirect",
            TransportKind::Other => "other",
        })
    }
}

impl fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RedirectRefusal::TooMany => "too many redirects",
            RedirectRefusal::Loop => "it leads back to a URL already asked for",
            RedirectRefusal::Downgrade => "it leads from HTTPS to HTTP",
            RedirectRefusal::BodyNotReplayable => "the request body cannot be sent again",
            RedirectRefusal::InvalidLocation => "its Location is not an http(s) URL",
        })
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// The first [`SNIPPET_CHARS`] characters of `text`, with `…` when cut, and the values
/// of JSON keys named like secrets (`accessToken`, `passCode`, …) masked.
pub(super) fn snippet(text: &str) -> String {
    match text.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", mask_json_secrets(&text[..cut])),
        None => mask_json_secrets(text),
    }
}

/// The most of an error body kept in [`Error::Status`].
const ERROR_BODY_LIMIT: usize = 16 * 1024;

/// Response headers that may carry credentials.
const SENSITIVE_HEADERS: [&str; 4] = [
    "set-cookie",
    "www-authenticate",
    "proxy-authenticate",
    "authorization",
];

/// Marks the headers that may carry credentials sensitive, so that `Debug` hides them.
pub(super) fn mark_sensitive(headers: &mut HeaderMap) {
    for (name, value) in headers.iter_mut() {
        if SENSITIVE_HEADERS.contains(&name.as_str()) {
            value.set_sensitive(true);
        }
    }
}

/// [`Error::Status`] for a non-2XX response, reading at most 16 KiB of its body by `deadline`.
pub(super) async fn status_error(mut resp: reqwest::Response, deadline: Instant) -> Error {
    let status = resp.status().as_u16();
    let mut headers = std::mem::take(resp.headers_mut());
    mark_sensitive(&mut headers);
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
    let request_id = header_request_id(&headers);
    #[cfg(feature = "authing")]
    let request_id = request_id.or_else(|| super::envelope::envelope_request_id(&body));
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
    fn snippet_cuts_on_char_boundaries() {
        let long = "é".repeat(SNIPPET_CHARS + 5);
        let cut = snippet(&long);
        assert_eq!(cut.chars().count(), SNIPPET_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(snippet("short"), "short");
        let token = r#"{"data":{"access_token":"eyJ-secret","expires_in":"x"}}"#;
        assert!(!snippet(token).contains("eyJ-secret"));
    }

    #[cfg(feature = "authing")]
    #[test]
    fn business_display_names_codes_and_request_id() {
        let err = Error::Business {
            status_code: 400,
            api_code: Some(2004),
            message: "user not found".into(),
            request_id: Some("r-1".into()),
        };
        assert_eq!(
            err.to_string(),
            "API error statusCode 400 apiCode 2004 (request id r-1): user not found"
        );
        assert_eq!(err.request_id(), Some("r-1"));
    }

    #[test]
    fn body_too_large_names_the_limit_and_request_id() {
        let err = Error::BodyTooLarge {
            limit: 1024,
            request_id: Some("r-2".into()),
        };
        assert_eq!(
            err.to_string(),
            "the response body is larger than the limit of 1024 bytes (request id r-2)"
        );
        assert_eq!(err.request_id(), Some("r-2"));
    }

    #[test]
    fn decode_body_reads_typed_error_schema() {
        #[derive(serde::Deserialize)]
        struct Problem {
            code: i32,
        }
        let err = Error::Status {
            status: 404,
            body: r#"{"code":7}"#.into(),
            request_id: None,
            headers: Box::default(),
        };
        assert_eq!(err.decode_body::<Problem>().map(|p| p.code), Some(7));
        assert!(Error::config("x").decode_body::<Problem>().is_none());
    }
}
