//! One API call being put together: path, query, headers, cookies, body and per-call options.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::Url;
use serde::Serialize;

use super::error::{Error, Result};
use super::multipart::Multipart;
use super::params::{self, encode, raw, styled, to_value};
use super::stream::ByteStream;

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
    /// The template with its parameters filled in.
    pub(super) path: Cow<'static, str>,
    pub(super) operation: Option<Cow<'static, str>>,
    pub(super) query: Vec<String>,
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    pub(super) cookies: Vec<String>,
    pub(super) body: Body,
    pub(super) idempotent: bool,
    pub(super) security: Option<Vec<Vec<String>>>,
    pub(super) timeout: Option<Duration>,
    /// The most of a 2XX body to read, overriding the client's limit.
    pub(super) max_response_bytes: Option<u64>,
    /// The media types the operation reads, for the `Accept` header.
    pub(super) accept: Option<HeaderValue>,
    /// Set by [`Request::url`]: where to send instead of the base URL and path.
    pub(super) absolute: Option<Url>,
    error: Option<Error>,
    /// The call's typed inputs, which mock rules match on.
    #[cfg(feature = "test-util")]
    pub(super) input: Option<super::mock::Input>,
}

/// A request body, kept so that it can be sent again on retry.
pub(super) enum Body {
    Empty,
    Bytes {
        data: Bytes,
        content_type: HeaderValue,
    },
    Multipart(Multipart),
    /// Sent chunk by chunk; replayable only when made from bytes or a path.
    Stream {
        data: ByteStream,
        content_type: HeaderValue,
    },
}

impl Body {
    /// Whether the body can be sent again, so that the call may be retried.
    pub(super) fn is_replayable(&self) -> bool {
        match self {
            Body::Empty | Body::Bytes { .. } => true,
            Body::Multipart(form) => form.is_replayable(),
            Body::Stream { data, .. } => data.is_replayable(),
        }
    }

    /// Whether some of the body is sent from a file or a stream, not from memory.
    pub(super) fn streams(&self) -> bool {
        match self {
            Body::Empty | Body::Bytes { .. } => false,
            Body::Multipart(form) => form.streams(),
            Body::Stream { data, .. } => data.as_bytes().is_none(),
        }
    }

    /// The media type of a body that is not multipart (whose type reqwest sets).
    pub(super) fn content_type(&self) -> Option<&HeaderValue> {
        match self {
            Body::Bytes { content_type, .. } | Body::Stream { content_type, .. } => {
                Some(content_type)
            }
            Body::Empty | Body::Multipart(_) => None,
        }
    }
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
            path: template.clone(),
            template,
            operation: None,
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: Body::Empty,
            idempotent,
            security: None,
            timeout: None,
            max_response_bytes: None,
            accept: None,
            absolute: None,
            error: None,
            #[cfg(feature = "test-util")]
            input: None,
        }
    }

    /// Names the operation in traces.
    pub fn operation(mut self, name: impl Into<Cow<'static, str>>) -> Self {
        self.operation = Some(name.into());
        self
    }

    /// Fills `{name}` in the path with `value`, percent-encoded, in `simple` style.
    ///
    /// A value that would make its path segment `.` or `..` is refused as [`Error::Encode`]
    /// (URLs resolve those as dot-segments, so the call would reach another path); any other
    /// value stays within its segment, `/`, `?`, `#` and `%` included.
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
        let Some(text) = text else {
            return self.fail(Error::encode(format!("path parameter {name} is null")));
        };
        match params::fill_path(&self.path, &placeholder, &text, name) {
            Ok(path) => self.path = path.into(),
            Err(err) => return self.fail(err),
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
        Ok(self.body(data, HeaderValue::from_static("application/json")))
    }

    /// Sets an `application/x-www-form-urlencoded` body; nested objects go deepObject-style.
    pub fn form<T: Serialize + ?Sized>(self, body: &T) -> Result<Self> {
        let text = params::form_body(&to_value(body)?)?;
        let content_type = HeaderValue::from_static("application/x-www-form-urlencoded");
        Ok(self.body(text, content_type))
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
    pub fn bytes(self, data: impl Into<Bytes>, content_type: impl Into<String>) -> Self {
        let content_type: String = content_type.into();
        match HeaderValue::try_from(content_type) {
            Ok(value) => self.body(data, value),
            Err(_) => self.fail(Error::encode(
                "the body's media type is not a valid header value",
            )),
        }
    }

    /// Sets a body of the given media type sent as it is read: from bytes, a file or a stream
    /// (see [`ByteStream`]). Its length, when known, is sent as `Content-Length`.
    pub fn body_stream(mut self, data: impl Into<ByteStream>, content_type: &str) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(content_type) => {
                let data = data.into();
                self.body = Body::Stream { data, content_type };
                self
            }
            Err(_) => self.fail(Error::encode(
                "the body's media type is not a valid header value",
            )),
        }
    }

    /// Whether the body can be sent again: false for a stream read once (a call with one is
    /// never retried, nor resent on a redirect).
    pub fn is_replayable(&self) -> bool {
        self.body.is_replayable()
    }

    /// Sets a `text/plain` UTF-8 body.
    pub fn text(self, body: impl Into<String>) -> Self {
        let body: String = body.into();
        self.body(body, HeaderValue::from_static("text/plain; charset=utf-8"))
    }

    fn body(mut self, data: impl Into<Bytes>, content_type: HeaderValue) -> Self {
        self.body = Body::Bytes {
            data: data.into(),
            content_type,
        };
        self
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

    /// Overrides the client's limit on the size of a 2XX body for this call
    /// ([`Error::BodyTooLarge`] beyond it).
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// The `Accept` header: the media types the caller reads (`*/*` when not set). A header
    /// set with [`Request::header`] wins; text that is no valid header value is ignored.
    pub fn accept(mut self, media: &'static str) -> Self {
        if media.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            self.accept = Some(HeaderValue::from_static(media));
        }
        self
    }

    /// Sends the request to `absolute`, e.g. a next-page link from
    /// [`next_link`](crate::next_link), instead of the base URL, the path and the query
    /// parameters. Credentials in the query are still added (unless the URL has them).
    ///
    /// The URL must be on the client's base URL's origin (scheme, host and port), so that
    /// a link from a response cannot send credentials to another server: otherwise the call
    /// fails with [`Error::Config`] and nothing is sent.
    pub fn url(mut self, absolute: &str) -> Self {
        match Url::parse(absolute) {
            Ok(url) => self.absolute = Some(url),
            Err(err) => return self.fail(Error::encode(format!("invalid URL: {err}"))),
        }
        self
    }

    /// The URL to send to: the one set by [`Request::url`], if on `base`'s origin, else
    /// [`Request::relative_url`].
    pub(super) fn target_url(&self, base: &Url, base_url: &str, extra: &[String]) -> Result<Url> {
        let Some(absolute) = &self.absolute else {
            return self.relative_url(base, base_url, extra);
        };
        if absolute.origin() != base.origin() {
            return Err(Error::config(format!(
                "refusing to send a request to {}: not the base URL's origin {}",
                absolute.origin().ascii_serialization(),
                base.origin().ascii_serialization()
            )));
        }
        Ok(with_query(absolute, extra))
    }

    /// The absolute URL: `base_url` (parsed as `base`), the filled-in path and the query
    /// (the request's pairs, then `extra`). The same as parsing their concatenation, which
    /// is done only when a part is not plainly percent-encoded ASCII.
    fn relative_url(&self, base: &Url, base_url: &str, extra: &[String]) -> Result<Url> {
        let pairs = || self.query.iter().chain(extra);
        let plain = self.path.starts_with('/')
            && is_plain(&self.path)
            && pairs().all(|pair| is_plain(pair))
            && !base.cannot_be_a_base();
        let query_len: usize = pairs().map(|pair| pair.len() + 1).sum();
        if !plain {
            let mut url = String::with_capacity(base_url.len() + self.path.len() + query_len);
            url.push_str(base_url);
            url.push_str(&self.path);
            let mut separator = if url.contains('?') { '&' } else { '?' };
            for pair in pairs() {
                url.push(separator);
                url.push_str(pair);
                separator = '&';
            }
            return Url::parse(&url).map_err(|err| Error::encode(format!("invalid URL: {err}")));
        }
        let mut url = base.clone();
        match base.path() {
            "/" => url.set_path(&self.path),
            prefix => url.set_path(&format!("{prefix}{}", self.path)),
        }
        if query_len > 0 {
            let mut query = String::with_capacity(query_len);
            for pair in pairs() {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(pair);
            }
            url.set_query(Some(&query));
        }
        Ok(url)
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

/// `url` with the `extra` query pairs whose names it does not have yet.
pub(super) fn with_query(url: &Url, extra: &[String]) -> Url {
    let mut out = url.clone();
    let given = |pair: &String| {
        let name = pair.split('=').next().unwrap_or_default();
        let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
        url.query_pairs().any(|(n, _)| n == name)
    };
    let mut added = extra.iter().filter(|pair| !given(pair)).peekable();
    if added.peek().is_some() {
        let mut query = url.query().unwrap_or_default().to_owned();
        for pair in added {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(pair);
        }
        out.set_query(Some(&query));
    }
    out
}

/// Whether `text` has only characters a URL path or query keeps as they are: unreserved,
/// sub-delimiters, `:`, `@`, `/` and `%` (of percent-encoding).
fn is_plain(text: &str) -> bool {
    text.bytes().all(|b| PLAIN[usize::from(b)])
}

/// The bytes [`is_plain`] accepts.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_'
            | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':'
            | b'@' | b'/' | b'%');
        b += 1;
    }
    table
};

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
    fn urls_equal_parsing_the_concatenation() {
        let bases = [
            "http://127.0.0.1:8080",
            "https://h.example/v1",
            "https://h.example/a%20b",
        ];
        let paths = [
            "/u/42",
            "/a/./b/../c",
            "/x%2Fy",
            "//d",
            "/p q",
            "/é",
            "/r?fixed=1",
            "rel",
            "/",
        ];
        let queries = [
            vec![],
            vec!["a=1".to_owned(), "b=%26".to_owned()],
            vec!["c='x'".to_owned()],
        ];
        for base_url in bases {
            let base = Url::parse(base_url).unwrap();
            for path in paths {
                for query in &queries {
                    let mut req = Request::new(Method::GET, path);
                    req.query.clone_from(query);
                    let extra = ["k=v".to_owned()];
                    let mut text = format!("{base_url}{path}");
                    for (i, pair) in query.iter().chain(&extra).enumerate() {
                        let first = i == 0 && !path.contains('?');
                        text.push(if first { '?' } else { '&' });
                        text.push_str(pair);
                    }
                    let got = req.target_url(&base, base_url, &extra).map(String::from);
                    let want = Url::parse(&text).map(String::from);
                    assert_eq!(got.ok(), want.ok(), "{text}");
                }
            }
        }
    }

    #[test]
    fn absolute_urls_stay_on_the_origin_and_keep_query_credentials() {
        let base_url = "https://api.example/v1";
        let base = Url::parse(base_url).unwrap();
        let key = ["key=k%261".to_owned()];
        let send = |url: &str| {
            let mut req = Request::new(Method::GET, "/items").url(url);
            req.take_error()
                .map_or_else(|| req.target_url(&base, base_url, &key), Err)
                .map(String::from)
        };
        assert_eq!(
            send("https://api.example/v1/items?page=2").unwrap(),
            "https://api.example/v1/items?page=2&key=k%261"
        );
        assert_eq!(
            send("https://api.example/v1/items?key=mine").unwrap(),
            "https://api.example/v1/items?key=mine"
        );
        for elsewhere in [
            "https://evil.example/v1/items",
            "http://api.example/v1/items",
            "https://api.example:8443/v1/items",
        ] {
            assert!(
                matches!(send(elsewhere), Err(Error::Config { .. })),
                "{elsewhere}"
            );
        }
        assert!(matches!(send("/v1/items"), Err(Error::Encode { .. })));
    }

    #[test]
    fn invalid_header_value_is_an_encode_error() {
        let mut req = Request::new(Method::GET, "/").header("x-a", "bad\nvalue");
        assert!(matches!(req.take_error(), Some(Error::Encode { .. })));
    }
}
