//! What a successful call says besides its body: status, headers, request id and URL.

use reqwest::header::HeaderMap;
use reqwest::Url;

/// The status, headers and request id of a 2XX response, taken by [`Response::meta`]
/// before the body is read.
///
/// Headers that may carry credentials (`Set-Cookie`, `WWW-Authenticate`, …) are marked
/// sensitive, so `Debug` output hides their values.
///
/// [`Response::meta`]: crate::Response::meta
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Meta {
    status: u16,
    headers: HeaderMap,
    request_id: Option<String>,
    url: Url,
}

impl Meta {
    pub(super) fn new(
        status: u16,
        headers: HeaderMap,
        request_id: Option<String>,
        url: Url,
    ) -> Self {
        Meta {
            status,
            headers,
            request_id,
            url,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers, e.g. rate limits or `Link`.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request id from the `x-request-id` or `x-authing-request-id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The URL the response came from (after redirects), which relative links resolve against.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    pub(super) fn parsed_url(&self) -> &Url {
        &self.url
    }
}

/// A decoded body together with its response's [`Meta`], as the `_with_response` twin of a
/// generated method returns it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    meta: Meta,
    body: T,
}

impl<T> ApiResponse<T> {
    /// A body with the metadata of the response it came in.
    pub fn new(meta: Meta, body: T) -> Self {
        ApiResponse { meta, body }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.meta.status()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.meta.headers()
    }

    /// The request id from the `x-request-id` or `x-authing-request-id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// The status, headers and request id together.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping the metadata.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The metadata and the body, apart.
    pub fn into_parts(self) -> (Meta, T) {
        (self.meta, self.body)
    }
}
