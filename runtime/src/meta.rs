//! What a successful call gives besides its body: status, headers and request id.

use reqwest::header::HeaderMap;

/// The status, headers and request id of a successful response.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Meta {
    status: u16,
    headers: HeaderMap,
    request_id: Option<String>,
}

impl Meta {
    pub(super) fn new(status: u16, headers: HeaderMap, request_id: Option<String>) -> Self {
        Meta {
            status,
            headers,
            request_id,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers (rate limits, `Link`, …).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request id from the `x-request-id` or `x-authing-request-id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// A successful call's result with its [`Meta`]: what `send_with_response` gives.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    meta: Meta,
    body: T,
}

impl<T> ApiResponse<T> {
    /// The result `body` of a response described by `meta`.
    pub fn new(meta: Meta, body: T) -> Self {
        ApiResponse { meta, body }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.meta.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.meta.headers
    }

    /// The request id, if the server gave one.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// The result.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The result, without the metadata.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The metadata and the result.
    pub fn into_parts(self) -> (Meta, T) {
        (self.meta, self.body)
    }
}
