//! A response the mock answers with: status, headers and body.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::ResponseBuilderExt;
use serde::Serialize;

/// A whole HTTP response: a status, headers and a body.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    /// `status` with `body` as `application/json`.
    ///
    /// # Panics
    ///
    /// When `body` does not serialize (e.g. a map with non-string keys).
    pub fn json(status: u16, body: &impl Serialize) -> Reply {
        let body = serde_json::to_vec(body).expect("a mock reply's body serializes to JSON");
        Reply::bytes(status, body, "application/json")
    }

    /// `status` with `body` as `text/plain`.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply::bytes(status, body.into(), "text/plain; charset=utf-8")
    }

    /// `status` with `body` of media type `content_type`.
    pub fn bytes(status: u16, body: impl Into<Bytes>, content_type: &str) -> Reply {
        Reply {
            status,
            headers: HeaderMap::new(),
            body: body.into(),
        }
        .header(CONTENT_TYPE.as_str(), content_type)
    }

    /// `status` without a body.
    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        }
    }

    /// Adds a header (e.g. `retry-after` or `x-request-id`).
    ///
    /// # Panics
    ///
    /// When the name or the value is not valid in a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        let value = HeaderValue::from_str(value).expect("a valid header value");
        self.headers.append(name, value);
        self
    }

    /// What the Authing token endpoint answers: a token that lasts two hours.
    pub(super) fn management_token() -> Reply {
        let body = serde_json::json!({
            "statusCode": 200,
            "message": "",
            "data": { "access_token": "mock-management-token", "expires_in": 7200 },
        });
        Reply::json(200, &body)
    }

    /// The response, as if it came from `url`.
    pub(super) fn into_response(self, url: reqwest::Url) -> reqwest::Response {
        let mut builder = http::Response::builder().status(self.status).url(url);
        if let Some(headers) = builder.headers_mut() {
            *headers = self.headers;
        }
        let resp = builder
            .body(self.body)
            .expect("a mock reply's status is a valid HTTP status");
        reqwest::Response::from(resp)
    }
}
