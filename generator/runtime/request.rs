//! One API call being put together: path, query, headers, cookies, body and per-call options.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;

use super::error::{Error, Result};
use super::multipart::Multipart;
use super::params::{self, encode, raw, styled, to_value};

pub use super::params::Style;
/// The HTTP method of a request.
pub use reqwest::Method;

/// A request under construction; the runtime adds the base URL, authentication
/// and default headers when it is executed.
///
/// Parameter setters never fail on the spot: an encoding problem is kept and
/// returned as [`Error::Encode`] by `Runtime::execute`.
pub struct Request {
    pub(super) method: Method,
    pub(super) template: Cow<'static, str>,
    pub(super) path: String,
    pub(super) operation: Option<Cow<'static, str>>,
    pub(super) query: Vec<String>,
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    pub(super) cookies: Vec<String>,
    pub(super) body: Body,
    pub(super) idempotent: bool,
    pub(super) security: Option<Vec<Vec<String>>>,
    pub(super) timeout: Option<Duration>,
    error: Option<Error>,
}

/// A request body, kept so that it can be sent again on retry.
pub(super) enum Body {
    Empty,
    Bytes { data: Bytes, content_type: String },
    Multipart(Multipart),
}

impl Request {
    /// A request for a path template such as `/users/{id}`, relative to the base URL.
    ///
    /// GET, HEAD, PUT, DELETE, OPTIONS and TRACE requests count as idempotent.
    pub fn new(method: Method, path: impl Into<Cow<'static, str>>) -> Self {
        let template = path.into();
        let idempotent = matches!(
            method,
            Method::GET
                | Method::HEAD
                | Method::PUT
                | Method::DELETE
                | Method::OPTIONS
                | Method::TRACE
        );
        Request {
            method,
            path: template.to_string(),
            template,
            operation: None,
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: Body::Empty,
            idempotent,
            security: None,
            timeout: None,
            error: None,
        }
    }

    /// Names the operation in traces.
    pub fn operation(mut self, name: impl Into<Cow<'static, str>>) -> Self {
        self.operation = Some(name.into());
        self
    }

    /// Fills `{name}` in the path with `value`, percent-encoded, in `simple` style.
    pub fn path_param<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        self.path_param_styled(name, value, Style::Simple, false)
    }

    /// Fills `{name}` in the path in the given style (`Simple`, `Label` or `Matrix`).
    pub fn path_param_styled<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Self {
        let placeholder = format!("{{{name}}}");
        if !self.path.contains(&placeholder) {
            return self.fail(Error::encode(format!("the path has no {placeholder}")));
        }
        let text = match to_value(value) {
            Ok(v) => styled(name, &v, style, explode, encode),
            Err(err) => return self.fail(err),
        };
        match text {
            Some(text) => self.path = self.path.replace(&placeholder, &text),
            None => return self.fail(Error::encode(format!("path parameter {name} is null"))),
        }
        self
    }

    /// Adds a query parameter; `None` adds nothing, arrays and objects follow `style` and `explode`.
    pub fn query<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Self {
        match to_value(value) {
            Ok(v) => params::query_pairs(name, &v, style, explode, &mut self.query),
            Err(err) => return self.fail(err),
        }
        self
    }

    /// Adds a header parameter in `simple` style; `None` adds nothing.
    pub fn header<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        let text = match to_value(value) {
            Ok(v) => styled(name, &v, Style::Simple, false, raw),
            Err(err) => return self.fail(err),
        };
        let Some(text) = text else { return self };
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::encode(format!("invalid header name {name:?}")))
            .and_then(|n| {
                let v = HeaderValue::from_str(&text)
                    .map_err(|_| Error::encode(format!("invalid value for header {name}")))?;
                Ok((n, v))
            });
        match header {
            Ok(pair) => self.headers.push(pair),
            Err(err) => return self.fail(err),
        }
        self
    }

    /// Adds a cookie parameter (`form` style, percent-encoded); `None` adds nothing.
    pub fn cookie<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match to_value(value) {
            Ok(v) => {
                if let Some(text) = styled(name, &v, Style::Simple, false, encode) {
                    self.cookies.push(format!("{}={text}", encode(name)));
                }
            }
            Err(err) => return self.fail(err),
        }
        self
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(self, body: &T) -> Result<Self> {
        let data = serde_json::to_vec(body).map_err(Error::encode)?;
        Ok(self.bytes(data, "application/json"))
    }

    /// Sets an `application/x-www-form-urlencoded` body; nested objects go deepObject-style.
    pub fn form<T: Serialize + ?Sized>(self, body: &T) -> Result<Self> {
        let text = params::form_body(&to_value(body)?)?;
        Ok(self.bytes(text, "application/x-www-form-urlencoded"))
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart(mut self, body: Multipart) -> Self {
        if let Some(message) = body.error() {
            let err = Error::encode(format!("multipart part: {message}"));
            self = self.fail(err);
        }
        self.body = Body::Multipart(body);
        self
    }

    /// Sets a raw body of the given media type.
    pub fn bytes(mut self, data: impl Into<Bytes>, content_type: impl Into<String>) -> Self {
        self.body = Body::Bytes {
            data: data.into(),
            content_type: content_type.into(),
        };
        self
    }

    /// Sets a `text/plain` UTF-8 body.
    pub fn text(self, body: impl Into<String>) -> Self {
        let body: String = body.into();
        self.bytes(body, "text/plain; charset=utf-8")
    }

    /// Whether the request may be retried after a failure the server may have seen.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// The security alternatives (OpenAPI `security`): each entry lists schemes used together.
    /// The first whose credentials are all configured is used. Only generic clients read this.
    pub fn security(mut self, alternatives: &[&[&str]]) -> Self {
        let alternatives = alternatives
            .iter()
            .map(|alt| alt.iter().map(|s| (*s).to_owned()).collect())
            .collect();
        self.security = Some(alternatives);
        self
    }

    /// Overrides the client's timeout for this call (each attempt).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    fn fail(mut self, err: Error) -> Self {
        self.error.get_or_insert(err);
        self
    }

    /// The first error met while building the request.
    pub(super) fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.template)
            .field("operation", &self.operation)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params_are_encoded_and_misuse_is_kept() {
        let mut req = Request::new(Method::GET, "/u/{id}/f/{name}")
            .path_param("id", &42)
            .path_param("name", "a b/c");
        assert_eq!(req.path, "/u/42/f/a%20b%2Fc");
        assert_eq!(req.template, "/u/{id}/f/{name}");
        assert!(req.take_error().is_none());
        let mut bad = Request::new(Method::GET, "/u").path_param("id", &1);
        assert!(matches!(bad.take_error(), Some(Error::Encode { .. })));
    }

    #[test]
    fn none_parameters_add_nothing() {
        let none: Option<u32> = None;
        let req = Request::new(Method::GET, "/")
            .query("limit", &none, Style::Form, true)
            .header("x-a", &none)
            .cookie("c", &none);
        assert!(req.query.is_empty() && req.headers.is_empty() && req.cookies.is_empty());
    }

    #[test]
    fn idempotence_defaults_by_method() {
        assert!(Request::new(Method::PUT, "/").idempotent);
        assert!(!Request::new(Method::POST, "/").idempotent);
        assert!(Request::new(Method::POST, "/").idempotent(true).idempotent);
    }

    #[test]
    fn invalid_header_value_is_an_encode_error() {
        let mut req = Request::new(Method::GET, "/").header("x-a", "bad\nvalue");
        assert!(matches!(req.take_error(), Some(Error::Encode { .. })));
    }
}
