//! The HTTP runtime every generated client depends on: requests, auth, retries, errors, pages.
//!
//! A generated crate re-exports it as its `runtime` module, so its users never name this crate.
//!
//! Generated clients hold a [`Runtime`] and build one [`Request`] per operation;
//! [`Runtime::execute`] sends it with authentication, timeouts and retries, and
//! the [`Response`] decodes the body. [`Response::meta`] keeps the status, headers and
//! request id for calls that return them ([`ApiResponse`]); [`paginate`] turns an operation
//! that pages into a lazy [`Stream`] of items ([`Pages`]).
//!
//! # Errors
//!
//! Every call returns [`Result`], whose one error type [`Error`] says what failed:
//!
//! - [`Error::Timeout`] and [`Error::Transport`]: no usable answer came
//!   (connection refused or reset, a stall past the timeout, a body cut short);
//! - [`Error::Status`]: the server answered outside 2XX. It keeps the status, the
//!   headers and up to 16 KiB of the body; when the API declares an error schema,
//!   [`Error::decode_body`] reads the body as that type;
//! - [`Error::Decode`]: a 2XX body did not fit the expected type. It names the JSON
//!   path where decoding failed (e.g. `data.phoneBinded`) and quotes the body's start;
//! - [`Error::BodyTooLarge`]: a 2XX body was larger than the client's limit
//!   (64 MiB unless set with `max_response_bytes`); it was not read whole;
#![cfg_attr(
    feature = "authing",
    doc = "- [`Error::Business`]: an Authing envelope reporting a failure (see below);"
)]
//! - [`Error::Redirect`]: a redirect was refused (see [Redirects](#redirects));
//! - [`Error::Encode`] and [`Error::Config`]: a request value or a client setting was
//!   invalid; nothing was sent.
//!
//! [`Error::request_id`] gives the request id whenever the server sent one, from the
//! `x-request-id` or `x-authing-request-id` header (or, for Authing clients, the
//! envelope's `requestId`).
//!
//! # Cargo features
//!
//! - `authing` (off by default): what only Authing's APIs need, namely the
//!   `ManagementBuilder` and `AuthenticationBuilder` clients, their `lang` and
//!   `raw_envelope` settings, and `Error::Business` for error envelopes. Crates generated
//!   from Authing's specs turn it on; crates for any other API leave it off.
//! - `test-util` (off by default, for `dev-dependencies`): the `mock` module, an in-memory
//!   transport that answers a client's calls by rules, for tests that open no socket.
#![cfg_attr(
    feature = "authing",
    doc = r#"
# Business errors and raw mode

Authing answers most failures with HTTP 200 and an envelope such as
`{"statusCode": 400, "apiCode": 2004, "message": "...", "requestId": "..."}`.
Clients of Authing APIs (management and authentication) check every JSON body:
an object whose `statusCode` is a number other than 200 becomes
[`Error::Business`] with `status_code`, `api_code`, `message` and `request_id`,
instead of a response that merely looks successful. Bodies without a numeric
`statusCode` are not envelopes and pass unchanged; generic clients never check.

Build the client with `.raw_envelope(true)` to turn this off: the envelope is then
decoded into the operation's response type like any other body (whose own
`status_code` field tells success from failure). The management token request
is always checked, so a refused access key is an error in both modes.
"#
)]
//!
//! # Redirects
//!
//! A 301, 302, 303, 307 or 308 answer with a `Location` is followed, ten times at most per
//! attempt, within the attempt's timeout. A 303 (other than to a HEAD), and a 301 or 302 to a
//! POST, turn the request into a GET without a body; 307 and 308 send the same method and body
//! again. While the redirects stay on the origin (scheme, host and port) of the first request,
//! every request carries the client's credentials. Once one leaves it, that request and every
//! later one carry none: no header, query parameter or cookie of any security scheme, no
//! Authing token, no `Authorization`, `Proxy-Authorization` or `Cookie` header, none of the
//! headers set on the builder but `User-Agent` and `Accept`, and the request hook does not run.
//! The request's own header parameters (such as `Range`) and body go along. Redirects from
//! HTTPS to HTTP, loops, an eleventh redirect, a `Location` that is no http(s) URL, and a 307 or
//! 308 for a body that cannot be sent twice end the call as [`Error::Redirect`].
//!
//! # Large bodies and streams
//!
//! [`ByteStream`] is a body as a stream of [`Bytes`] both ways: a download read as it is
//! consumed, with no size limit ([`Runtime::download`]), and an upload from bytes, a file
//! ([`ByteStream::from_path`]) or any stream; [`FilePart`] is a multipart file with its file name
//! and media type. [`EventStream`] gives a `text/event-stream` response's server-sent events
//! ([`Runtime::events`]). The timeout covers a call until the response's headers; the read-idle
//! timeout covers each wait for more of a streamed body; while a body from a file or a stream
//! uploads, the timeout runs from the last chunk sent. A call whose body can be read only once
//! ([`Request::is_replayable`]) is never retried.
//!
//! # Retries, timeouts and tracing
//!
//! See [`RetryPolicy`] for what is retried, and [`Runtime::execute`] for the
//! `http_request` tracing span every call runs in. Secrets ([`Secret`]) print as `***`.

#![deny(missing_docs)]

mod auth;
#[cfg(feature = "authing")]
mod authing;
mod builder;
mod calls;
mod client;
#[cfg(feature = "authing")]
mod envelope;
mod error;
mod meta;
#[cfg(feature = "test-util")]
pub mod mock;
mod multipart;
mod pages;
mod params;
mod redirect;
mod request;
mod response;
mod retry;
mod secret;
mod sse;
mod stream;
#[cfg(feature = "authing")]
mod token;
mod transport;
mod upload;

pub use auth::{ApiKeyLocation, SchemeDef, SchemeKind};
#[cfg(feature = "authing")]
pub use authing::{AuthenticationBuilder, ManagementBuilder};
pub use builder::{GenericBuilder, RequestHook, DEFAULT_MAX_RESPONSE_BYTES};
/// Re-exported: the chunks of a [`ByteStream`].
pub use bytes::Bytes;
pub use client::Runtime;
pub use error::{Error, RedirectRefusal, Result, TransportKind};
pub use meta::{ApiResponse, Meta};
pub use multipart::{FilePart, Multipart};
pub use pages::{next_link, next_offset, next_page, next_url, paginate, Pages};
pub use request::{Method, Request, Style};
pub use response::{Received, Response};
pub use retry::RetryPolicy;
pub use secret::{redact_option, Redacted, Secret};
pub use sse::{json_data, text_data, Event, EventStream};
pub use stream::ByteStream;

/// Re-exported so that users of a generated crate can consume [`Pages`] (`.next()`,
/// `.try_collect()`, …) without naming another crate.
pub use futures_util::{Stream, StreamExt, TryStreamExt};
/// Re-exported so hooks and callers can name reqwest's header types.
pub use reqwest::header;
/// A certificate a client builder's `add_root_certificate` trusts as a root
/// (`Certificate::from_pem`, `Certificate::from_der`).
pub use reqwest::Certificate;
/// The outgoing HTTP request a [`RequestHook`] may change.
pub use reqwest::Request as HttpRequest;

/// A boxed future that can move between threads, as generated request builders return from
/// `send` and `IntoFuture`.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// A client type that wraps a [`Runtime`]; the builders produce any such type.
pub trait FromRuntime {
    /// Wraps a ready runtime.
    fn from_runtime(rt: Runtime) -> Self;
}

impl FromRuntime for Runtime {
    fn from_runtime(rt: Runtime) -> Self {
        rt
    }
}
